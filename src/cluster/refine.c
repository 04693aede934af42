/* refine.c - batch refinement of a single-pass clustering, for when the whole
 * corpus is at hand. The article similarity graph is computed once (sparse,
 * through an inverted index of the articles' pruned unit vectors); stories
 * are then merged by average link on that graph (the sums of cross edges are
 * additive, so a merge costs the two stories' neighbour lists, not a vector
 * product), and articles move to the nearest story centroid until nothing
 * moves (spherical k-means, also read off the graph). */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>

#define EDGE_MIN 0.02
#define EDGE_KEEP 40       /* at most this many neighbours per article: memory
                            * is linear in the articles (400 kept 11 GB for
                            * a million short articles) */
#define REASSIGN_ROUNDS 20
/* a story of one article joins another story in reassignment when its
 * centroid cosine reaches JOIN_SINGLE * threshold (the single pass's bar).
 * At the grain of topics 0.3 let leftover singletons find their topic (DUC
 * 2006); at the grain of events joining a story needs the evidence a report
 * needs in the single pass: 1 */
#define JOIN_SINGLE 1.0

/* ------------------------------------------------------------- the graph */

typedef struct edge {
    uint32_t j;
    float s;
} edge;

typedef struct triple {
    uint32_t i, j;
    float s;
} triple;

typedef struct graph {
    size_t n;
    size_t *start; /* CSR: article i's neighbours are adj[start[i]..start[i+1]) */
    edge *adj;
} graph;

static int cmp_edge_desc(const void *pa, const void *pb) {
    const edge *x = pa, *y = pb;
    if (x->s != y->s) return x->s > y->s ? -1 : 1;
    return x->j < y->j ? -1 : x->j > y->j;
}

/* Move the k best edges (cmp_edge_desc order) to e[0..k), in any order: a
 * heap of the k best with the worst at the root, so that a row of
 * thousands of candidate edges costs n log k, not a sort of the row. */
static bool worse(const edge *x, const edge *y) { return cmp_edge_desc(x, y) > 0; }

static void sift_down(edge *h, size_t k, size_t r) {
    for (;;) {
        size_t c = 2 * r + 1;
        if (c >= k) return;
        if (c + 1 < k && worse(&h[c + 1], &h[c])) c++;
        if (!worse(&h[c], &h[r])) return;
        edge t = h[c];
        h[c] = h[r];
        h[r] = t;
        r = c;
    }
}

static void select_best(edge *e, size_t n, size_t k) {
    if (k == 0 || n <= k) return;
    for (size_t r = k / 2; r-- > 0;) sift_down(e, k, r);
    for (size_t i = k; i < n; i++)
        if (worse(&e[0], &e[i])) {
            e[0] = e[i];
            sift_down(e, k, 0);
        }
}

static int cmp_adj_j(const void *pa, const void *pb) {
    const edge *x = pa, *y = pb;
    return x->j < y->j ? -1 : x->j > y->j;
}

/* Every article pair with similarity >= EDGE_MIN (each article keeps its
 * EDGE_KEEP best): the vectors' terms get dense ids, an inverted index lists
 * (article, weight) per term, and each article accumulates its dot products
 * with the others over its terms' postings. Terms in more than max(2000,
 * n/20) articles are left out of the accumulation: they carry little weight
 * and would make the cost quadratic on a large corpus. */
/* The content terms of article i's vector (the lead follows them). */
static size_t content_n(const sf_twvec *v, const sf_rinfo *info, size_t i) {
    return v[i].n - info[i].lead;
}

/* The cosine of the leads of articles i and j: the unit vectors at the end
 * of their vectors (corpus.c), merged in hash order. Read only for the
 * pairs that are scored, not accumulated over postings (that doubled the
 * graph's cost). */
static double lead_cos(const sf_twvec *v, const sf_rinfo *info, size_t i, size_t j) {
    const sf_tw *a = v[i].items + content_n(v, info, i), *b = v[j].items + content_n(v, info, j);
    size_t n = info[i].lead, m = info[j].lead, p = 0, q = 0;
    double sum = 0;
    while (p < n && q < m) {
        uint64_t x = a[p].h, y = b[q].h;
        sum += x == y ? (double)a[p].w * b[q].w : 0.0;
        p += x <= y;
        q += y <= x;
    }
    return sum;
}

/* The event similarity of articles i and j from the accumulated dot
 * products: all (the content vectors) and ent (the names terms only), and
 * the cosine of their leads. */
static double edge_sim(const sf_cluster_options *o, const sf_rinfo *info, const int64_t *t,
                       size_t i, size_t j, double all, double ent, double lead) {
    double cos[SF_NCH] = {0};
    bool have[SF_NCH] = {true, false, false, false};
    if (lead >= 0 && info[i].lead && info[j].lead) { /* lead < 0: not read */
        cos[SF_CH_LEAD] = lead;
        have[SF_CH_LEAD] = true;
    }
    double se = (double)info[i].ent * info[j].ent;
    /* the content part: the dot product is already the weighted mean of the
     * signals' cosines (corpus.c); the names' cosine is read from its share */
    cos[SF_CH_BODY] = all;
    if (se > 0) {
        cos[SF_CH_ENT] = ent / se;
        have[SF_CH_ENT] = true;
    }
    sf_cluster_options oo = *o;
    oo.w_entity = 1e-9; /* already inside `all` */
    bool same = info[i].lang == info[j].lang;
    if (!same) { /* only the names count across languages */
        cos[SF_CH_BODY] = 0;
        have[SF_CH_BODY] = false;
        oo.w_entity = 1;
    }
    double gap = -1;
    if (t[i] != SF_TIME_UNKNOWN && t[j] != SF_TIME_UNKNOWN)
        gap = t[i] > t[j] ? (double)t[i] - (double)t[j] : (double)t[j] - (double)t[i];
    /* sums and means of probabilities would be swamped by the many weak
     * pairs (a probability is never 0): the graph holds the evidence */
    return sf__event_evidence(sf__event_similarity(&oo, cos, have, same, gap, 0, gap));
}

/* Articles whose pairs row i reads: those with a known time within the
 * window around tm[i] (tm is in publication order, unknown times first), or
 * all n when tm[i] is unknown. A term is common when it is in more than a
 * twentieth of them (at least 2,000): relative to the window, not the
 * corpus, so that a longer stream of the same density is read at the same
 * cost per article. */
static size_t window_count(const int64_t *tm, size_t n, size_t i, double window) {
    if (tm[i] == SF_TIME_UNKNOWN) return n;
    size_t a = 0, b = i; /* first known time at most `window` before */
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (tm[mid] == SF_TIME_UNKNOWN || (double)tm[i] - (double)tm[mid] > window) a = mid + 1;
        else b = mid;
    }
    size_t lo = a;
    a = i + 1, b = n; /* first time more than `window` after */
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if ((double)tm[mid] - (double)tm[i] <= window) a = mid + 1;
        else b = mid;
    }
    return a - lo;
}

/* The rows of the graph are computed on threads: each needs only the
 * postings, which are built once and then only read, and its own scratch.
 * Rows go in chunks of ROWS_CHUNK (enough work that taking a chunk costs
 * nothing, few enough rows that the threads finish together), each chunk's
 * triples to its own list; the lists read in chunk order are the triples of
 * the rows one after the other, so the graph does not depend on the number
 * of threads. */
#define ROWS_CHUNK 64

typedef SF_VEC(edge) edgevec;
typedef SF_VEC(triple) triplevec;

typedef struct rows_job {
    const sf_cluster_options *o;
    const sf_twvec *v;
    const sf_rinfo *info;
    const int64_t *tm;
    size_t n;
    double window;
    const uint32_t *tid;  /* the content terms' ids, article after article */
    const size_t *kof;    /* article i's ids begin at tid[kof[i]] */
    const size_t *pstart; /* term t's postings are post[pstart[t]..pstart[t+1]) */
    const edge *post;
    triplevec *out;       /* out[c]: the triples of the rows of chunk c */
} rows_job;

/* A thread's scratch: dense sums over all articles (zero between rows), the
 * articles a row touched, the row's edges. */
typedef struct rows_scratch {
    double *acc, *acce;
    uint32_t *touched;
    edgevec row;
} rows_scratch;

static void scratch_release(rows_scratch *S) {
    sf__free(S->acc);
    sf__free(S->acce);
    sf__free(S->touched);
    SF_VEC_FREE(&S->row);
    memset(S, 0, sizeof *S);
}

static sf_status scratch_init(rows_scratch *S, size_t n) {
    memset(S, 0, sizeof *S);
    S->acc = sf__calloc(n ? n : 1, sizeof *S->acc);
    S->acce = sf__calloc(n ? n : 1, sizeof *S->acce);
    S->touched = sf__malloc((n ? n : 1) * sizeof *S->touched);
    if (S->acc && S->acce && S->touched) return SF_OK;
    scratch_release(S);
    return SF_ERR_NOMEM;
}

/* Article i's row: its dot products with the others accumulated over its
 * terms' postings, scored, the EDGE_KEEP best appended to tr as (i, j, s). */
static sf_status row_edges(const rows_job *J, rows_scratch *S, size_t i, triplevec *tr) {
    const sf_twvec *v = J->v;
    const sf_rinfo *info = J->info;
    const int64_t *tm = J->tm;
    const edge *post = J->post;
    double *acc = S->acc, *acce = S->acce, window = J->window;
    uint32_t *touched = S->touched;
    size_t nt = 0, k = J->kof[i];
    size_t win = window_count(tm, J->n, i, window);
    size_t common = win / 20 > 2000 ? win / 20 : 2000;
    for (size_t q = 0; q < content_n(v, info, i); q++, k++) {
        size_t tt = J->tid[k], lo = J->pstart[tt], hi = J->pstart[tt + 1];
        /* postings are in publication order: with a known time, read
         * only the articles within the window (binary search for its
         * start), so that the cost follows the stream's density, not
         * its length; a term common inside the window is left out */
        if (tm[i] != SF_TIME_UNKNOWN) {
            size_t a = lo, b = hi;
            while (a < b) {
                size_t mid = a + (b - a) / 2, j = post[mid].j;
                /* unknown times sort first; their pairs are made
                 * from their own side, which reads every posting */
                if (tm[j] == SF_TIME_UNKNOWN || (double)tm[i] - (double)tm[j] > window)
                    a = mid + 1;
                else
                    b = mid;
            }
            lo = a;
        }
        if (hi - lo > common) continue;
        double w = v[i].items[q].w;
        bool named = v[i].items[q].h & 1;
        for (size_t p = lo; p < hi; p++) {
            uint32_t j = post[p].j;
            if (tm[i] != SF_TIME_UNKNOWN && tm[j] != SF_TIME_UNKNOWN &&
                (double)tm[j] - (double)tm[i] > window)
                break;
            double prod = w * post[p].s;
            /* a zero product would leave acc[j] at 0 and list j again,
             * past the end of `touched` */
            if (j == i || prod <= 0) continue;
            if (acc[j] == 0) touched[nt++] = j;
            acc[j] += prod;
            if (named) acce[j] += prod;
        }
    }
    edgevec *row = &S->row;
    sf_status st = SF_OK;
    row->n = 0;
    for (size_t q = 0; q < nt; q++) {
        uint32_t j = touched[q];
        /* the lead factor only lowers: the leads are read for the
         * pairs that pass without them */
        double sim = acc[j] >= EDGE_MIN ? edge_sim(J->o, info, tm, i, j, acc[j], acce[j], -1) : 0;
        if (sim >= EDGE_MIN && info[i].lead && info[j].lead)
            sim = edge_sim(J->o, info, tm, i, j, acc[j], acce[j], lead_cos(v, info, i, j));
        if (sim >= EDGE_MIN && st == SF_OK) st = SF_VEC_PUSH(row, ((edge){j, (float)sim}));
        /* cleared even after a failure: the scratch stays zero for the
         * thread's next rows */
        acc[j] = 0;
        acce[j] = 0;
    }
    if (st != SF_OK) return st;
    if (row->n > EDGE_KEEP) {
        select_best(row->items, row->n, EDGE_KEEP);
        row->n = EDGE_KEEP;
    }
    /* keep both directions, so that a pair one side kept is kept: the
     * rows go to a (from, to) list that becomes the CSR graph */
    SF_TRY(SF_VEC_RESERVE(tr, tr->n + row->n));
    for (size_t q = 0; q < row->n; q++)
        tr->items[tr->n++] = (triple){(uint32_t)i, row->items[q].j, row->items[q].s};
    return SF_OK;
}

static void *rows_init(void *user) {
    const rows_job *J = user;
    rows_scratch *S = sf__malloc(sizeof *S);
    if (S && scratch_init(S, J->n) == SF_OK) return S;
    sf__free(S);
    return NULL;
}

static sf_status rows_item(void *user, void *state, size_t c) {
    const rows_job *J = user;
    size_t end = (c + 1) * ROWS_CHUNK < J->n ? (c + 1) * ROWS_CHUNK : J->n;
    for (size_t i = c * ROWS_CHUNK; i < end; i++) SF_TRY(row_edges(J, state, i, &J->out[c]));
    return SF_OK;
}

static void rows_fini(void *user, void *state) {
    (void)user;
    if (!state) return;
    scratch_release(state);
    sf__free(state);
}

/* The CSR graph of the triples of out[0..nout) read in order: by counting
 * (no sort of all edges: glibc's qsort would copy them all once more), then
 * each row sorted by neighbour and pairs kept by both sides made one. */
static sf_status csr_build(const triplevec *out, size_t nout, size_t n, graph *g) {
    size_t ntr = 0;
    for (size_t c = 0; c < nout; c++) ntr += out[c].n;
    g->start = sf__calloc(n + 1, sizeof *g->start);
    g->adj = sf__malloc((ntr ? 2 * ntr : 1) * sizeof *g->adj);
    size_t *fill = sf__calloc(n + 1, sizeof *fill);
    if (!g->start || !g->adj || !fill) {
        sf__free(fill);
        return SF_ERR_NOMEM;
    }
    for (size_t c = 0; c < nout; c++)
        for (size_t k = 0; k < out[c].n; k++) {
            fill[out[c].items[k].i + 1]++;
            fill[out[c].items[k].j + 1]++;
        }
    for (size_t i = 0; i < n; i++) fill[i + 1] += fill[i];
    memcpy(g->start, fill, (n + 1) * sizeof *fill);
    for (size_t c = 0; c < nout; c++)
        for (size_t k = 0; k < out[c].n; k++) {
            triple t = out[c].items[k];
            g->adj[fill[t.i]++] = (edge){t.j, t.s};
            g->adj[fill[t.j]++] = (edge){t.i, t.s};
        }
    /* sort each row by neighbour and drop repeats, compacting */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lo = g->start[i], hi = g->start[i + 1];
        if (hi - lo > 1) qsort(g->adj + lo, hi - lo, sizeof *g->adj, cmp_adj_j);
        g->start[i] = m;
        for (size_t k = lo; k < hi; k++)
            if (k == lo || g->adj[k].j != g->adj[k - 1].j) g->adj[m++] = g->adj[k];
    }
    g->start[n] = m;
    sf__free(fill);
    return SF_OK;
}

static sf_status graph_build(const sf_cluster_options *o, const sf_twvec *v, const sf_rinfo *info,
                             const int64_t *tm, size_t n, unsigned threads, graph *g) {
    memset(g, 0, sizeof *g);
    g->n = n;
    sf_map ids;
    sf__map_init(&ids);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += content_n(v, info, i);
    uint32_t *tid = sf__malloc((total ? total : 1) * sizeof *tid);
    size_t *kof = sf__malloc((n ? n : 1) * sizeof *kof);
    size_t *pstart = NULL;
    edge *post = NULL;
    size_t nout = (n + ROWS_CHUNK - 1) / ROWS_CHUNK;
    triplevec *out = sf__calloc(nout ? nout : 1, sizeof *out);
    rows_scratch mine = {0}; /* the calling thread's */
    sf_status st = tid && kof && out ? scratch_init(&mine, n) : SF_ERR_NOMEM;
    size_t V = 0;
    double window = SF_REFINE_WINDOW_DAYS * 86400.0;
    for (size_t i = 0, k = 0; i < n && st == SF_OK; i++)
        for (size_t q = 0; q < content_n(v, info, i); q++, k++) {
            uint64_t *slot = sf__map_slot(&ids, v[i].items[q].h);
            if (!slot) {
                st = SF_ERR_NOMEM;
                break;
            }
            if (*slot == 0) *slot = ++V;
            tid[k] = (uint32_t)(*slot - 1);
        }
    if (st == SF_OK) {
        pstart = sf__calloc(V + 1, sizeof *pstart);
        post = sf__malloc((total ? total : 1) * sizeof *post);
        if (!pstart || !post) st = SF_ERR_NOMEM;
    }
    if (st == SF_OK) {
        for (size_t k = 0; k < total; k++) pstart[tid[k] + 1]++;
        for (size_t t = 0; t < V; t++) pstart[t + 1] += pstart[t];
        size_t *fill = sf__malloc((V ? V : 1) * sizeof *fill);
        if (!fill) st = SF_ERR_NOMEM;
        else {
            memcpy(fill, pstart, V * sizeof *fill);
            for (size_t i = 0, k = 0; i < n; i++)
                for (size_t q = 0; q < content_n(v, info, i); q++, k++)
                    post[fill[tid[k]]++] = (edge){(uint32_t)i, v[i].items[q].w};
            sf__free(fill);
        }
    }
    for (size_t i = 0, k = 0; i < n && st == SF_OK; i++) {
        kof[i] = k;
        k += content_n(v, info, i);
    }
    if (st == SF_OK) {
        rows_job J = {o, v, info, tm, n, window, tid, kof, pstart, post, out};
        sf_pool_job job = {&J, rows_init, rows_item, rows_fini};
        st = sf__pool_run(&job, nout, 1, threads, &mine, NULL);
    }
    sf__map_release(&ids);
    sf__free(tid);
    sf__free(kof);
    sf__free(pstart);
    sf__free(post);
    scratch_release(&mine);
    if (st == SF_OK) st = csr_build(out, nout, n, g);
    for (size_t c = 0; c < nout; c++) SF_VEC_FREE(&out[c]);
    sf__free(out);
    return st;
}

static void graph_release(graph *g) {
    sf__free(g->start);
    sf__free(g->adj);
    memset(g, 0, sizeof *g);
}

/* ------------------------------------------------------------- clusters */

typedef struct nb {
    uint32_t c;
    double s; /* sum of the edges between the two clusters */
} nb;
typedef SF_VEC(nb) nbvec;

typedef struct clus {
    size_t n;
    double w; /* sum of the edges inside */
    int64_t first, last;
    uint32_t ver;
    nbvec nb;
} clus;

typedef struct hitem {
    double score;
    uint32_t a, b, va, vb;
} hitem;

typedef struct refiner {
    const sf_cluster_options *o;
    const int64_t *t;
    size_t n;
    uint32_t *lab;
    graph g;
    clus *c;
    size_t nc;
    SF_VEC(hitem) heap;
} refiner;

static void widen(clus *r, int64_t t) {
    if (t == SF_TIME_UNKNOWN) return;
    if (r->first == SF_TIME_UNKNOWN || t < r->first) r->first = t;
    if (r->last == SF_TIME_UNKNOWN || t > r->last) r->last = t;
}

/* The time factor of sf__time_factor between an interval [f, l] holding n
 * reports and a cluster: the gap between them, on the slower pace. */
static double time_between(const refiner *R, int64_t f, int64_t l, size_t n, const clus *b) {
    if (R->o->no_time) return 1.0;
    if (f == SF_TIME_UNKNOWN || b->first == SF_TIME_UNKNOWN) return sf__undated_factor(R->o, n + b->n);
    double gap = 0;
    if (l < b->first) gap = (double)b->first - (double)l;
    if (b->last < f) gap = (double)f - (double)b->last;
    double pa = sf__story_pace(f, l, n), pb = sf__story_pace(b->first, b->last, b->n);
    return sf__time_factor(R->o, gap, pa > pb ? pa : pb);
}

/* Average link: the mean similarity of the article pairs across a and b. */
static double link_score(const refiner *R, uint32_t a, uint32_t b, double cross) {
    const clus *x = &R->c[a], *y = &R->c[b];
    return cross / ((double)x->n * (double)y->n) * time_between(R, x->first, x->last, x->n, y);
}

static bool heap_less(const hitem *x, const hitem *y) {
    if (x->score != y->score) return x->score < y->score;
    if (x->a != y->a) return x->a > y->a;
    return x->b > y->b;
}

static sf_status heap_push(refiner *R, hitem it) {
    SF_TRY(SF_VEC_PUSH(&R->heap, it));
    size_t i = R->heap.n - 1;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!heap_less(&R->heap.items[p], &R->heap.items[i])) break;
        hitem t = R->heap.items[p];
        R->heap.items[p] = R->heap.items[i];
        R->heap.items[i] = t;
        i = p;
    }
    return SF_OK;
}

static hitem heap_pop(refiner *R) {
    hitem top = R->heap.items[0];
    R->heap.items[0] = R->heap.items[--R->heap.n];
    size_t i = 0, n = R->heap.n;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && heap_less(&R->heap.items[m], &R->heap.items[l])) m = l;
        if (r < n && heap_less(&R->heap.items[m], &R->heap.items[r])) m = r;
        if (m == i) break;
        hitem t = R->heap.items[m];
        R->heap.items[m] = R->heap.items[i];
        R->heap.items[i] = t;
        i = m;
    }
    return top;
}

static sf_status push_pair(refiner *R, uint32_t a, uint32_t b, double cross) {
    double s = link_score(R, a, b, cross);
    if (s < sf__event_evidence(R->o->link_threshold)) return SF_OK;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    return heap_push(R, (hitem){s, a, b, R->c[a].ver, R->c[b].ver});
}

/* Build the clusters of the current labels: sizes, intervals, internal and
 * cross edge sums. */
static sf_status clusters_build(refiner *R) {
    for (size_t k = 0; k < R->nc; k++) {
        SF_VEC_FREE(&R->c[k].nb);
        R->c[k] = (clus){.first = SF_TIME_UNKNOWN, .last = SF_TIME_UNKNOWN};
    }
    for (size_t i = 0; i < R->n; i++) {
        clus *r = &R->c[R->lab[i]];
        r->n++;
        widen(r, R->t[i]);
    }
    /* cross sums, via a dense scatter per cluster */
    uint32_t *pos = sf__malloc((R->nc ? R->nc : 1) * sizeof *pos);
    size_t *first = sf__malloc((R->nc + 1) * sizeof *first);
    uint32_t *members = sf__malloc((R->n ? R->n : 1) * sizeof *members);
    sf_status st = pos && first && members ? SF_OK : SF_ERR_NOMEM;
    if (st == SF_OK) {
        memset(first, 0, (R->nc + 1) * sizeof *first);
        for (size_t i = 0; i < R->n; i++) first[R->lab[i] + 1]++;
        for (size_t k = 0; k < R->nc; k++) first[k + 1] += first[k];
        for (size_t k = 0; k < R->nc; k++) pos[k] = UINT32_MAX;
        size_t *fill = sf__malloc((R->nc ? R->nc : 1) * sizeof *fill);
        if (!fill) st = SF_ERR_NOMEM;
        else {
            memcpy(fill, first, R->nc * sizeof *fill);
            for (size_t i = 0; i < R->n; i++) members[fill[R->lab[i]]++] = (uint32_t)i;
            sf__free(fill);
        }
    }
    for (size_t k = 0; k < R->nc && st == SF_OK; k++) {
        clus *r = &R->c[k];
        for (size_t q = first[k]; q < first[k + 1] && st == SF_OK; q++) {
            size_t i = members[q];
            for (size_t e = R->g.start[i]; e < R->g.start[i + 1] && st == SF_OK; e++) {
                uint32_t o = R->lab[R->g.adj[e].j];
                double s = R->g.adj[e].s;
                if (o == k) {
                    r->w += s / 2; /* each inside edge is seen from both ends */
                    continue;
                }
                if (pos[o] == UINT32_MAX) {
                    pos[o] = (uint32_t)r->nb.n;
                    st = SF_VEC_PUSH(&r->nb, ((nb){o, 0}));
                    if (st != SF_OK) break;
                }
                r->nb.items[pos[o]].s += s;
            }
        }
        for (size_t q = 0; q < r->nb.n; q++) pos[r->nb.items[q].c] = UINT32_MAX;
    }
    sf__free(pos);
    sf__free(first);
    sf__free(members);
    return st;
}

static double cohesion(const clus *r) {
    return r->n > 1 ? r->w / ((double)r->n * (double)(r->n - 1) / 2) : 0;
}

/* Remove b from x's neighbours, adding its sum to a's entry (a may be
 * missing: then b's entry becomes a's). */
static void relink(clus *x, uint32_t a, uint32_t b) {
    size_t ia = SIZE_MAX, ib = SIZE_MAX;
    for (size_t q = 0; q < x->nb.n; q++) {
        if (x->nb.items[q].c == a) ia = q;
        if (x->nb.items[q].c == b) ib = q;
    }
    if (ib == SIZE_MAX) return;
    if (ia == SIZE_MAX) {
        x->nb.items[ib].c = a;
        return;
    }
    x->nb.items[ia].s += x->nb.items[ib].s;
    x->nb.items[ib] = x->nb.items[--x->nb.n];
}

/* Average-link agglomeration from the current labels: the best pair first,
 * while its mean cross similarity reaches link_threshold. */
static sf_status agglomerate(refiner *R, size_t *merges) {
    *merges = 0;
    R->heap.n = 0;
    for (uint32_t a = 0; a < R->nc; a++)
        for (size_t q = 0; q < R->c[a].nb.n; q++)
            if (R->c[a].nb.items[q].c > a) SF_TRY(push_pair(R, a, R->c[a].nb.items[q].c, R->c[a].nb.items[q].s));
    uint32_t *to = sf__malloc((R->nc ? R->nc : 1) * sizeof *to);
    if (!to) return SF_ERR_NOMEM;
    for (size_t k = 0; k < R->nc; k++) to[k] = (uint32_t)k;
    sf_status st = SF_OK;
    double rho = R->o->link_cohesion;
    while (R->heap.n && st == SF_OK) {
        hitem it = heap_pop(R);
        clus *a = &R->c[it.a], *b = &R->c[it.b];
        if (!a->n || !b->n || a->ver != it.va || b->ver != it.vb) continue;
        /* a stopping rule relative to the stories themselves: two stories
         * join only when their articles are about as similar across as
         * within (a fraction rho of the less cohesive one's mean) */
        if (rho > 0) {
            double ca = cohesion(a), cb = cohesion(b);
            double need = a->n > 1 && b->n > 1 ? (ca < cb ? ca : cb) : (a->n > 1 ? ca : cb);
            if (it.score < rho * need) continue;
        }
        double cross = 0;
        for (size_t q = 0; q < a->nb.n; q++)
            if (a->nb.items[q].c == it.b) cross = a->nb.items[q].s;
        /* b joins a: neighbour lists unite, neighbours relink */
        for (size_t q = 0; q < b->nb.n && st == SF_OK; q++) {
            nb e = b->nb.items[q];
            if (e.c == it.a) continue;
            relink(&R->c[e.c], it.a, it.b);
            size_t ia = SIZE_MAX;
            for (size_t r = 0; r < a->nb.n; r++)
                if (a->nb.items[r].c == e.c) ia = r;
            if (ia == SIZE_MAX)
                st = SF_VEC_PUSH(&a->nb, e);
            else
                a->nb.items[ia].s += e.s;
        }
        for (size_t q = 0; q < a->nb.n; q++)
            if (a->nb.items[q].c == it.b) {
                a->nb.items[q] = a->nb.items[--a->nb.n];
                break;
            }
        a->w += b->w + cross;
        a->n += b->n;
        if (b->first != SF_TIME_UNKNOWN) {
            widen(a, b->first);
            widen(a, b->last);
        }
        a->ver++;
        b->n = 0;
        b->ver++;
        SF_VEC_FREE(&b->nb);
        to[it.b] = it.a;
        (*merges)++;
        /* pairs of a are rescored; pairs of b went stale with its version;
         * pairs of two other clusters did not change */
        for (size_t q = 0; q < a->nb.n && st == SF_OK; q++)
            st = push_pair(R, it.a, a->nb.items[q].c, a->nb.items[q].s);
    }
    for (size_t i = 0; i < R->n; i++) {
        uint32_t k = R->lab[i];
        while (to[k] != k) k = to[k];
        R->lab[i] = k;
    }
    sf__free(to);
    return st;
}

/* Move each article, in turn, to the cluster whose centroid it is most
 * similar to (cosine, lowered by the time factor), if that beats its own
 * cluster's centroid without it (spherical k-means, computed from the graph:
 * the dot product with a centroid is the sum of the edges to its members).
 * The centroid, not the mean similarity to the members, which holds back
 * articles at the edge of a broad topic (docs/stories.md). Returns the
 * number of moves. */
static sf_status reassign(refiner *R, size_t *moves) {
    *moves = 0;
    double *acc = sf__calloc(R->nc ? R->nc : 1, sizeof *acc);
    uint32_t *touched = sf__malloc((R->g.n ? R->g.n : 1) * sizeof *touched);
    if (!acc || !touched) {
        sf__free(acc);
        sf__free(touched);
        return SF_ERR_NOMEM;
    }
    for (size_t i = 0; i < R->n; i++) {
        uint32_t own = R->lab[i];
        size_t nt = 0;
        for (size_t e = R->g.start[i]; e < R->g.start[i + 1]; e++) {
            uint32_t o = R->lab[R->g.adj[e].j];
            if (acc[o] == 0) touched[nt++] = o;
            acc[o] += R->g.adj[e].s;
        }
        clus *r = &R->c[own];
        int64_t ti = R->t[i];
        /* cosine with the centroid of the own cluster without i (|c|^2 is
         * n + 2 w for unit vectors); a singleton's bar to join */
        double n2 = (double)(r->n - 1) + 2 * (r->w - acc[own]);
        double best = r->n > 1 && n2 > 0 ? acc[own] / sqrt(n2) : sf__event_evidence(R->o->threshold) * JOIN_SINGLE;
        uint32_t bid = own;
        for (size_t q = 0; q < nt; q++) {
            uint32_t o = touched[q];
            if (o != own) {
                clus *x = &R->c[o];
                double s = acc[o] / sqrt((double)x->n + 2 * x->w);
                double tf = time_between(R, ti, ti, 1, x);
                /* the lower bar for a lone article holds only inside the
                 * story's time: one from well after it (the festival in
                 * the town of the flood) must pass on time as well */
                if (r->n == 1 && tf < 1 - R->o->w_time / 2) continue;
                s *= tf;
                if (s > best || (s == best && o < bid)) {
                    best = s;
                    bid = o;
                }
            }
        }
        if (bid != own) {
            r->w -= acc[own];
            R->c[bid].w += acc[bid];
        }
        for (size_t q = 0; q < nt; q++) acc[touched[q]] = 0;
        if (bid != own) {
            r->n--;
            R->c[bid].n++;
            widen(&R->c[bid], ti);
            R->lab[i] = bid;
            (*moves)++;
        }
    }
    sf__free(acc);
    sf__free(touched);
    return SF_OK;
}

sf_status sf__refine(const sf_cluster_options *o, const sf_twvec *v, const sf_rinfo *info,
                     const int64_t *t, size_t n, uint32_t *lab, size_t nlab, unsigned threads) {
    refiner R = {.o = o, .t = t, .n = n, .lab = lab, .nc = nlab};
    sf_status st = graph_build(o, v, info, t, n, threads, &R.g);
    if (st == SF_OK) {
        R.c = sf__calloc(nlab ? nlab : 1, sizeof *R.c);
        if (!R.c) st = SF_ERR_NOMEM;
    }
    if (st == SF_OK) st = clusters_build(&R);
    size_t merges = 0, moves = 0;
    if (st == SF_OK) st = agglomerate(&R, &merges);
    for (int round = 0; round < REASSIGN_ROUNDS && st == SF_OK && !o->no_reassign; round++) {
        st = clusters_build(&R);
        if (st == SF_OK) st = reassign(&R, &moves);
        if (moves == 0) break;
    }
    for (size_t k = 0; R.c && k < R.nc; k++) SF_VEC_FREE(&R.c[k].nb);
    sf__free(R.c);
    SF_VEC_FREE(&R.heap);
    graph_release(&R.g);
    return st;
}

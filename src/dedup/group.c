/* group.c - copies in a corpus. Articles are taken in canonical order
 * (earliest, then longest, then first), a window at a time: fingerprinted on
 * several threads, then grouped on one. An exact copy of an article seen
 * before joins that article's group (it is not shingled at all when that
 * article was in an earlier window); else the index of canonical articles is
 * queried and the article joins the most similar one, or becomes a canonical
 * itself. Only canonicals are indexed, so every copy is verified directly
 * against its group's canonical. The index may already hold the canonicals
 * of earlier runs (a crawl day by day). */
#include "dedup.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>

typedef struct order_key {
    int64_t published;
    size_t len;
    size_t index;
} order_key;

int sf__dedup_order(int64_t pa, size_t la, size_t ia, int64_t pb, size_t lb, size_t ib) {
    bool au = pa == SF_TIME_UNKNOWN, bu = pb == SF_TIME_UNKNOWN;
    if (au != bu) return au ? 1 : -1;
    if (pa != pb) return pa < pb ? -1 : 1;
    if (la != lb) return la > lb ? -1 : 1;
    return ia < ib ? -1 : ia > ib;
}

/* Canonical order over corpus indexes (sf__dedup_order). */
static int order_cmp(const void *a, const void *b) {
    const order_key *x = a, *y = b;
    return sf__dedup_order(x->published, x->len, x->index, y->published, y->len, y->index);
}

/* One window of articles to fingerprint: fps[k] is the fingerprint of
 * article ord[k].index. */
typedef struct fp_job {
    const sf_corpus *c;
    const sf_dedup_params *p;
    const order_key *ord;
    const sf_map *known; /* text hashes grouped in earlier windows (read only here) */
    sf_dedup_fp *fps;
    size_t n;
    size_t next;  /* atomic: first position not yet taken */
    int failed;   /* atomic: a worker failed */
    sf_status st; /* written by the failing worker before `failed` */
    size_t bad;   /* position of the failed article */
} fp_job;

#define FP_CHUNK 32
/* Articles fingerprinted before they are grouped: enough to share among
 * threads, few enough that their shingle sets stay in cache and their memory
 * is reused by the next window instead of growing with the corpus. */
#define FP_WINDOW 256

static void fp_run(fp_job *j, sf_shingler *sh) {
    for (;;) {
        if (__atomic_load_n(&j->failed, __ATOMIC_ACQUIRE)) break;
        size_t from = __atomic_fetch_add(&j->next, FP_CHUNK, __ATOMIC_RELAXED);
        if (from >= j->n) break;
        size_t to = SF_MIN(j->n, from + FP_CHUNK);
        for (size_t k = from; k < to; k++) {
            const sf_article *a = sf_corpus_get(j->c, j->ord[k].index);
            sf_status st = sf__dedup_fingerprint_unless(j->p, sh, a->text, a->text_len, j->known,
                                                        &j->fps[k]);
            if (st != SF_OK) {
                int expected = 0;
                if (__atomic_compare_exchange_n(&j->failed, &expected, 1, false,
                                                __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
                    j->st = st;
                    j->bad = k;
                }
                break;
            }
        }
    }
}

static void *fp_worker(void *arg) {
    sf_shingler sh;
    sf__shingler_init(&sh);
    fp_run(arg, &sh);
    sf__shingler_release(&sh);
    return NULL;
}

/* Fingerprint the n articles of ord into fps, on p->threads threads when
 * there is enough work; the calling thread works too, with its shingler sh.
 * An exact copy of a text in `known` (not written while the threads run)
 * gets only its text hash. */
static sf_status fingerprint_window(const sf_corpus *c, const sf_dedup_params *p,
                                    const order_key *ord, size_t n, const sf_map *known,
                                    sf_dedup_fp *fps, sf_shingler *sh, sf_error *err) {
    fp_job j = {.c = c, .p = p, .ord = ord, .known = known, .fps = fps, .n = n};
    unsigned nt = p->threads;
    if (j.n < 4 * FP_CHUNK) nt = 1;
    pthread_t tids[64];
    unsigned started = 0;
    for (unsigned t = 1; t < nt; t++) {
        if (pthread_create(&tids[started], NULL, fp_worker, &j) != 0) break;
        started++;
    }
    fp_run(&j, sh); /* fewer threads if creation failed */
    for (unsigned t = 0; t < started; t++) pthread_join(tids[t], NULL);
    if (j.failed) {
        size_t i = ord[j.bad].index;
        const sf_article *a = sf_corpus_get(c, i);
        return sf__error_set(err, j.st, "fingerprinting article %zu ('%s', %zu bytes): %s",
                             i, a->id, a->text_len, sf_strerror(j.st));
    }
    return SF_OK;
}

/* Group article i (fingerprint fp, released here) against and into ix, with
 * the exact-copy map of this corpus. */
static sf_status group_one(sf_dedup_index *ix, const sf_corpus *c, sf_map *exact, size_t i,
                           sf_dedup_fp *fp, size_t *item, size_t *copy_of, double *sim) {
    if (fp->text_hash == 0) return SF_OK; /* no words: nothing to be a copy of */
    /* Exact copies (same word sequence) of an article of this corpus need no
     * query: they have its set, hence its group and its similarity. */
    uint64_t *seen = sf__map_slot(exact, fp->text_hash);
    if (!seen) return SF_ERR_NOMEM;
    if (*seen) {
        size_t first = (size_t)*seen - 1;
        if (copy_of[first] == SIZE_MAX) {
            copy_of[i] = item[first];
            sim[i] = 1.0;
        } else {
            copy_of[i] = copy_of[first];
            sim[i] = sim[first];
        }
        sf__dedup_fp_release(fp);
        return SF_OK;
    }
    assert(fp->nset > 0); /* only texts seen before go without a set */
    *seen = (uint64_t)i + 1;
    const sf_dedup_match *m;
    size_t count;
    sf_status st = sf__index_query_fp(ix, fp, &m, &count);
    if (st == SF_OK && count > 0) {
        copy_of[i] = m[0].item;
        sim[i] = m[0].similarity;
    } else if (st == SF_OK) {
        st = sf__index_add_fp(ix, sf_corpus_get(c, i)->id, fp, &item[i]);
    }
    sf__dedup_fp_release(fp);
    return st;
}

/* The grouping of c against and into ix (see sf_dedup_index_add_corpus):
 * item[i], copy_of[i] and sim[i] for every article. Articles are taken in
 * canonical order, a window at a time: fingerprinted (on threads), then
 * grouped one by one. */
static sf_status group_into(sf_dedup_index *ix, const sf_corpus *c, size_t *item,
                            size_t *copy_of, double *sim, sf_error *err) {
    const sf_dedup_params *p = sf__index_params(ix);
    size_t n = sf_corpus_count(c);
    for (size_t i = 0; i < n; i++) {
        item[i] = copy_of[i] = SIZE_MAX;
        sim[i] = 0;
    }
    if (n == 0) return SF_OK;
    sf_status st = SF_OK;
    size_t window = SF_MIN(n, (size_t)FP_WINDOW);
    sf_dedup_fp *fps = sf__calloc(window, sizeof *fps);
    order_key *ord = sf__calloc(n, sizeof *ord);
    sf_map exact;
    sf__map_init(&exact);
    sf_shingler sh;
    sf__shingler_init(&sh);
    if (!fps || !ord) {
        st = sf__error_set(err, SF_ERR_NOMEM, "out of memory grouping %zu articles", n);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const sf_article *a = sf_corpus_get(c, i);
        ord[i] = (order_key){a->published, a->text_len, i};
    }
    qsort(ord, n, sizeof *ord, order_cmp);

    for (size_t from = 0; from < n; from += window) {
        size_t w = SF_MIN(window, n - from);
        st = fingerprint_window(c, p, ord + from, w, &exact, fps, &sh, err);
        for (size_t k = 0; k < w && st == SF_OK; k++) {
            size_t i = ord[from + k].index;
            st = group_one(ix, c, &exact, i, &fps[k], item, copy_of, sim);
            if (st != SF_OK)
                st = sf__error_set(err, st, "indexing article %zu ('%s'): %s", i,
                                   sf_corpus_get(c, i)->id, sf_strerror(st));
        }
        for (size_t k = 0; k < w; k++) sf__dedup_fp_release(&fps[k]);
        if (st != SF_OK) break;
    }

done:
    sf__shingler_release(&sh);
    sf__free(fps);
    sf__free(ord);
    sf__map_release(&exact);
    return st;
}

sf_status sf_dedup_index_add_corpus(sf_dedup_index *ix, const sf_corpus *c, size_t *item,
                                    size_t *copy_of, double *similarity, sf_error *err) {
    if (!ix || !c || !copy_of)
        return sf__error_set(err, SF_ERR_ARG, "sf_dedup_index_add_corpus: NULL argument");
    size_t n = sf_corpus_count(c);
    size_t *it = item ? item : sf__calloc(n + 1, sizeof *it);
    double *sim = similarity ? similarity : sf__calloc(n + 1, sizeof *sim);
    sf_status st = it && sim ? group_into(ix, c, it, copy_of, sim, err)
                             : sf__error_set(err, SF_ERR_NOMEM, "out of memory grouping %zu articles", n);
    if (!item) sf__free(it);
    if (!similarity) sf__free(sim);
    return st;
}

sf_status sf__dedup_corpus(const sf_corpus *c, const sf_dedup_options *o, size_t *dup_of,
                           double *similarity, sf_error *err) {
    if (!c || !dup_of) return sf__error_set(err, SF_ERR_ARG, "sf_dedup_corpus: NULL argument");
    sf_dedup_params p;
    SF_TRY(sf__dedup_params(o, &p, err));
    size_t n = sf_corpus_count(c);
    for (size_t i = 0; i < n; i++) {
        dup_of[i] = SIZE_MAX;
        if (similarity) similarity[i] = 0;
    }
    if (n == 0) return SF_OK;
    /* Only canonical articles join the index, so every copy is verified
     * directly against its group's canonical. */
    sf_status st = SF_OK;
    size_t *item = sf__calloc(n, sizeof *item), *copy_of = sf__calloc(n, sizeof *copy_of);
    size_t *canon_of_item = sf__calloc(n, sizeof *canon_of_item);
    double *sim = sf__calloc(n, sizeof *sim);
    sf_dedup_options io = o ? *o : (sf_dedup_options){0};
    sf_dedup_index *ix = sf_dedup_index_create(&io, err);
    if (!item || !copy_of || !canon_of_item || !sim || !ix) {
        st = ix ? sf__error_set(err, SF_ERR_NOMEM, "out of memory grouping %zu articles", n)
                : SF_ERR_NOMEM;
        goto done;
    }
    st = group_into(ix, c, item, copy_of, sim, err);
    if (st != SF_OK) goto done;
    for (size_t i = 0; i < n; i++)
        if (item[i] != SIZE_MAX) canon_of_item[item[i]] = i;
    for (size_t i = 0; i < n; i++) {
        if (copy_of[i] == SIZE_MAX) continue;
        dup_of[i] = canon_of_item[copy_of[i]];
        if (similarity) similarity[i] = sim[i];
    }

done:
    sf__free(item);
    sf__free(copy_of);
    sf__free(canon_of_item);
    sf__free(sim);
    sf_dedup_index_destroy(ix);
    return st;
}

sf_status sf_dedup_corpus(const sf_corpus *c, const sf_dedup_options *o, size_t *dup_of,
                          double *similarity, sf_error *err) {
    return sf__dedup_corpus(c, o, dup_of, similarity, err);
}

/* storyline.c - stories linked into storylines. A story is one event; events
 * with the same participants or place within weeks of each other (a
 * negotiation and the vote that ends it, a fire and the inquiry into it) are
 * related, not merged: each story lists the stories it shares names with,
 * and the related stories, taken transitively, form a storyline.
 *
 * A story's names are the names (sf__token_is_name) that the most of its
 * reports mention; two stories are related when they share at least
 * LINK_NAMES names that few stories of the input mention (a name in more
 * than max(DF_MIN, stories / DF_SHARE) stories, such as a weekday or the
 * capital of the country that most of the input is about, says nothing) and
 * at least LINK_SHARE of the names of the story with fewer, or when they
 * share one such name and their reports' content (TF-IDF cosine of the
 * summed body vectors) reaches CONTENT_LINK: a drought and the aid for its
 * farmers weeks later name other officials but tell of the same wells and
 * harvests. Either way their publication intervals are at most LINK_DAYS
 * apart. */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>

#define NAMES_KEEP 16      /* names per story */
#define LINK_NAMES 2       /* shared names that relate two stories */
#define LINK_DAYS 60.0     /* widest gap between related stories */
#define LINK_SHARE 0.25    /* ... and a quarter of the names of the story with
                            * fewer: two or three passing names do not chain
                            * one storyline into the next (DUC 2006+2007
                            * storyline precision 0.61 with any two, 0.89) */
#define DF_MIN 4
#define DF_SHARE 50
#define DF_MAX 200         /* and never more: bounds the pairs per name */
#define CONTENT_LINK 0.3   /* or one shared name and this TF-IDF cosine of the
                            * two stories' reports (it lifts storyline recall
                            * on DUC 2006+2007 for a little precision:
                            * docs/stories.md) */
#define RELATED_KEEP 5     /* related stories listed per story */
#define NAMES_SHOWN 3      /* shared names given as the reason */
#define TEXT_MAX 65536     /* bytes of an article read for names */

typedef struct sname {
    uint32_t story;
    uint32_t count; /* reports of the story that mention it */
    uint64_t name;
} sname;

typedef struct spair {
    uint32_t a, b, count;
    uint64_t names[NAMES_SHOWN];
} spair;

typedef SF_VEC(spair) spairvec;

typedef struct lines_work {
    sf_map entry;  /* hash(story, name) -> index into ent + 1 */
    SF_VEC(sname) ent;
    sf_map text;   /* name -> offset into str + 1 */
    sf_map df;     /* name -> number of articles that mention it */
    sf_buf str;    /* the names as first written, NUL-separated */
} lines_work;

static uint64_t name_key(const char *s, size_t n) {
    /* ASCII case folded: "OBAMA" and "Obama" are one name */
    char buf[64];
    size_t k = n < sizeof buf ? n : sizeof buf;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    return sf__hash64(buf, k, 0x6e);
}

static void map_clear(sf_map *m);

/* One name of an article, as it is first written there. */
typedef struct aname {
    uint64_t key;
    const char *p; /* in the article's title or text */
    size_t len;
} aname;

typedef SF_VEC(aname) anamevec;

/* A thread's scratch for finding names. */
typedef struct names_scratch {
    sf_map seen; /* the names of the current article */
    sf_tokvec toks;
} names_scratch;

/* The names of text[0..n) (its first TEXT_MAX bytes) not yet in x->seen,
 * appended to out in text order: from the tokens of its doc when doc (may be
 * NULL) holds them, else tokenized here. */
static sf_status find_names(names_scratch *x, const char *text, size_t n, const sf_doc *doc,
                            bool in_title, bool german, anamevec *out) {
    if (n > TEXT_MAX) n = TEXT_MAX;
    const sf_token *toks = NULL;
    size_t t0 = 0, t1 = 0;
    if (doc && doc->text == text && sf__doc_tokens_of(doc, 0, n, &t0, &t1)) {
        toks = doc->toks.items;
    } else {
        x->toks.n = 0;
        SF_TRY(sf__tokenize(text, n, &x->toks));
        toks = x->toks.items;
        t1 = x->toks.n;
    }
    for (size_t i = t0; i < t1; i++) {
        const sf_token *t = &toks[i];
        size_t len = t->end - t->begin;
        if (len < 2 || !sf__token_is_name(text, n, t, in_title, german)) continue;
        uint64_t key = name_key(text + t->begin, len);
        uint64_t *seen = sf__map_slot(&x->seen, key);
        if (!seen) return SF_ERR_NOMEM;
        if (*seen) continue;
        *seen = 1;
        SF_TRY(SF_VEC_PUSH(out, ((aname){key, text + t->begin, len})));
    }
    return SF_OK;
}

/* An article's names counted for its story, in the order found. */
static sf_status add_names(lines_work *w, uint32_t story, const anamevec *names) {
    for (size_t i = 0; i < names->n; i++) {
        const aname *nm = &names->items[i];
        uint64_t *df = sf__map_slot(&w->df, nm->key);
        uint64_t *txt = sf__map_slot(&w->text, nm->key);
        uint64_t *e = sf__map_slot(&w->entry, sf__hash64(&nm->key, sizeof nm->key, story));
        if (!df || !txt || !e) return SF_ERR_NOMEM;
        (*df)++;
        if (!*txt) {
            *txt = w->str.n + 1;
            SF_TRY(sf__buf_add(&w->str, nm->p, nm->len < 64 ? nm->len : 64));
            SF_TRY(sf__buf_addc(&w->str, '\0'));
        }
        if (!*e) {
            SF_TRY(SF_VEC_PUSH(&w->ent, ((sname){story, 0, nm->key})));
            *e = w->ent.n;
        }
        w->ent.items[*e - 1].count++;
    }
    return SF_OK;
}

/* The names of a block of articles, found on threads, one list each. */
#define NAMES_BLOCK 4096
typedef struct names_job {
    const sf_corpus *c;
    const size_t *dup_of;
    const sf_doc *docs;
    size_t first;
    anamevec *names; /* per article of the block */
} names_job;

static void *scratch_init(void *user) {
    (void)user;
    names_scratch *x = sf__calloc(1, sizeof *x);
    if (x) sf__map_init(&x->seen);
    return x;
}

static void scratch_fini(void *user, void *state) {
    (void)user;
    names_scratch *x = state;
    if (!x) return;
    sf__map_release(&x->seen);
    SF_VEC_FREE(&x->toks);
    sf__free(x);
}

static sf_status names_item(void *user, void *state, size_t k) {
    names_job *j = user;
    names_scratch *x = state;
    size_t i = j->first + k;
    anamevec *out = &j->names[k];
    out->n = 0;
    if (j->dup_of && j->dup_of[i] != SIZE_MAX) return SF_OK; /* a copy says nothing new */
    const sf_article *a = sf_corpus_get(j->c, i);
    map_clear(&x->seen);
    bool de = sf__text_is_german(a->text, a->text_len);
    SF_TRY(find_names(x, a->title, strlen(a->title), NULL, true, de, out));
    return find_names(x, a->text, a->text_len, j->docs ? &j->docs[i] : NULL, false, de, out);
}

static char *dup_str(const char *s) {
    size_t n = strlen(s);
    char *d = sf__malloc(n + 1);
    if (d) memcpy(d, s, n + 1);
    return d;
}

/* Empty a map, keeping its memory for the next article. */
static void map_clear(sf_map *m) {
    if (m->keys) memset(m->keys, 0, m->cap * sizeof *m->keys);
    m->n = 0;
    m->has_zero = false;
}

/* for the sort below (qsort has no context); one per thread, so that
 * pipelines on several threads do not share it (test_threads under TSan) */
static _Thread_local const lines_work *g_work;

static uint64_t df_of(const lines_work *w, uint64_t key) {
    const uint64_t *d = sf__map_find(&w->df, key);
    return d ? *d : 0;
}

static int cmp_sname(const void *pa, const void *pb) {
    const sname *x = pa, *y = pb;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    uint64_t dx = df_of(g_work, x->name), dy = df_of(g_work, y->name);
    if (dx != dy) return dx < dy ? -1 : 1; /* the rarer name tells more */
    return x->name < y->name ? -1 : x->name > y->name;
}

static int cmp_name_story(const void *pa, const void *pb) {
    const sname *x = pa, *y = pb;
    if (x->name != y->name) return x->name < y->name ? -1 : 1;
    return x->story < y->story ? -1 : x->story > y->story;
}

static int cmp_pair(const void *pa, const void *pb) {
    const spair *x = pa, *y = pb;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    if (x->a != y->a) return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

static uint32_t uf_find(uint32_t *up, uint32_t x) {
    while (up[x] != x) {
        up[x] = up[up[x]];
        x = up[x];
    }
    return x;
}

static double gap_between(const int64_t *first, const int64_t *last, uint32_t a, uint32_t b) {
    if (first[a] == SF_TIME_UNKNOWN || first[b] == SF_TIME_UNKNOWN) return 0;
    if (last[a] < first[b]) return (double)first[b] - (double)last[a];
    if (last[b] < first[a]) return (double)first[a] - (double)last[b];
    return 0;
}

/* Each story's names: its NAMES_KEEP names mentioned by most of its
 * reports, kept in w->ent (sorted by name, then story). */
static sf_status story_names(lines_work *w, uint32_t *nnames) {
    g_work = w;
    if (w->ent.n) qsort(w->ent.items, w->ent.n, sizeof *w->ent.items, cmp_sname);
    size_t k = 0;
    for (size_t i = 0, run = 0; i < w->ent.n; i++) {
        run = i > 0 && w->ent.items[i].story == w->ent.items[i - 1].story ? run + 1 : 0;
        if (run < NAMES_KEEP) {
            w->ent.items[k++] = w->ent.items[i];
            nnames[w->ent.items[i].story]++;
        }
    }
    w->ent.n = k;
    if (k) qsort(w->ent.items, k, sizeof *w->ent.items, cmp_name_story);
    return SF_OK;
}

/* Count the names each pair of stories shares (pairs within LINK_DAYS,
 * names in few stories). */
static sf_status pair_names(const lines_work *w, size_t nstories, const int64_t *first,
                            const int64_t *last, sf_map *pidx, spairvec *pairs) {
    size_t dfmax = (size_t)((double)nstories / DF_SHARE) > DF_MIN ? (size_t)((double)nstories / DF_SHARE) : DF_MIN;
    if (dfmax > DF_MAX) dfmax = DF_MAX;
    for (size_t i = 0, j; i < w->ent.n; i = j) {
        for (j = i; j < w->ent.n && w->ent.items[j].name == w->ent.items[i].name; j++) {}
        if (j - i < 2 || j - i > dfmax) continue;
        for (size_t p = i; p < j; p++)
            for (size_t q = p + 1; q < j; q++) {
                uint32_t a = w->ent.items[p].story, b = w->ent.items[q].story;
                if (gap_between(first, last, a, b) > LINK_DAYS * 86400.0) continue;
                uint64_t *slot = sf__map_slot(pidx, ((uint64_t)a << 32) | b);
                if (!slot) return SF_ERR_NOMEM;
                if (!*slot) {
                    SF_TRY(SF_VEC_PUSH(pairs, ((spair){a, b, 0, {0}})));
                    *slot = pairs->n;
                }
                spair *sp = &pairs->items[*slot - 1];
                if (sp->count < NAMES_SHOWN) sp->names[sp->count] = w->ent.items[i].name;
                sp->count++;
            }
    }
    return SF_OK;
}

/* Whether a pair is related on names alone (LINK_NAMES shared, and
 * LINK_SHARE of the names of the story with fewer). */
static bool names_link(const spair *p, const uint32_t *nnames) {
    uint32_t fewer = nnames[p->a] < nnames[p->b] ? nnames[p->a] : nnames[p->b];
    return p->count >= LINK_NAMES && (double)p->count >= LINK_SHARE * fewer;
}

/* a += b / |b| (both sorted by hash), into tmp, then swapped. */
static sf_status vec_add_unit(sf_twvec *a, const sf_twvec *b, sf_twvec *tmp) {
    double ss = 0;
    for (size_t i = 0; i < b->n; i++) ss += (double)b->items[i].w * b->items[i].w;
    if (ss <= 0) return SF_OK;
    float inv = (float)(1.0 / sqrt(ss));
    tmp->n = 0;
    SF_TRY(SF_VEC_RESERVE(tmp, a->n + b->n));
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        if (j >= b->n || (i < a->n && a->items[i].h < b->items[j].h))
            tmp->items[tmp->n++] = a->items[i++];
        else if (i >= a->n || b->items[j].h < a->items[i].h)
            tmp->items[tmp->n++] = (sf_tw){b->items[j].h, b->items[j++].w * inv};
        else
            tmp->items[tmp->n++] = (sf_tw){a->items[i].h, a->items[i++].w + b->items[j++].w * inv};
    }
    sf_twvec t = *a;
    *a = *tmp;
    *tmp = t;
    return SF_OK;
}

static double vec_cos(const sf_twvec *a, const sf_twvec *b, const sf_dftab *df) {
    double dot = 0, na = 0, nb = 0;
    for (size_t i = 0; i < a->n; i++) {
        double w = a->items[i].w * sf__idf(df, a->items[i].h);
        na += w * w;
    }
    for (size_t i = 0; i < b->n; i++) {
        double w = b->items[i].w * sf__idf(df, b->items[i].h);
        nb += w * w;
    }
    for (size_t i = 0, j = 0; i < a->n && j < b->n;) {
        if (a->items[i].h < b->items[j].h) {
            i++;
        } else if (b->items[j].h < a->items[i].h) {
            j++;
        } else {
            double idf = sf__idf(df, a->items[i].h);
            dot += (double)a->items[i++].w * b->items[j++].w * idf * idf;
        }
    }
    return na > 0 && nb > 0 ? dot / sqrt(na * nb) : 0;
}

/* Content of the stories in pairs that names alone do not relate: each
 * such story's body terms (the sum of its reports' unit vectors, IDF from
 * those reports), and per pair the TF-IDF cosine of the two (cosv[k], -1
 * where not computed). Only these stories' reports are read again. */
/* Reports are analyzed in batches of this many on threads, then summed in
 * corpus order (so memory holds one batch of analyses, not all of them). */
#define CONTENT_BATCH 512

static sf_status content_cosines(const sf_corpus *c, const size_t *story_of, const size_t *dup_of,
                                 const sf_doc *adocs, size_t nstories, const spair *pairs, size_t np,
                                 const uint32_t *nnames, float *cosv, unsigned threads) {
    bool any = false;
    uint8_t *need = sf__calloc(nstories + 1, 1);
    sf_twvec *sv = sf__calloc(nstories + 1, sizeof *sv);
    sf_extractor *x = sf__extractor_create("en", false);
    sf_dftab df = {0};
    sf_twvec tmp = {0};
    sf_status st = need && sv && x ? sf__df_init(&df) : SF_ERR_NOMEM;
    for (size_t k = 0; k < np; k++) {
        cosv[k] = -1;
        if (pairs[k].count >= 1 && !names_link(&pairs[k], nnames))
            need[pairs[k].a] = need[pairs[k].b] = 1, any = true;
    }
    sf_extract_item *items = any ? sf__calloc(CONTENT_BATCH, sizeof *items) : NULL;
    size_t *which = any ? sf__calloc(CONTENT_BATCH, sizeof *which) : NULL;
    sf_fdoc *docs = any ? sf__calloc(CONTENT_BATCH, sizeof *docs) : NULL;
    if (any && (!items || !which || !docs)) st = SF_ERR_NOMEM;
    for (size_t i = 0, n = sf_corpus_count(c); any && i < n && st == SF_OK;) {
        size_t nb = 0;
        for (; i < n && nb < CONTENT_BATCH; i++) {
            if (!need[story_of[i]] || (dup_of && dup_of[i] != SIZE_MAX)) continue;
            const sf_article *a = sf_corpus_get(c, i);
            items[nb] = (sf_extract_item){a->title, a->text, strlen(a->title),
                                          a->text_len < TEXT_MAX ? a->text_len : TEXT_MAX,
                                          adocs ? &adocs[i] : NULL};
            which[nb++] = i;
        }
        size_t bad = SIZE_MAX;
        sf_status xs = sf__extract_all(x, "en", false, items, nb, docs, threads, &bad);
        /* in corpus order, up to the first report that failed */
        size_t ok = SF_MIN(nb, bad);
        st = sf__df_add_all(&df, docs, ok, threads);
        for (size_t k = 0; k < ok && st == SF_OK; k++)
            st = vec_add_unit(&sv[story_of[which[k]]], &docs[k].v[SF_CH_BODY], &tmp);
        if (st == SF_OK) st = xs;
        for (size_t k = 0; k < nb; k++) sf__fdoc_release(&docs[k]);
    }
    sf__free(items);
    sf__free(which);
    sf__free(docs);
    for (size_t k = 0; any && k < np && st == SF_OK; k++)
        if (need[pairs[k].a] && need[pairs[k].b] && !names_link(&pairs[k], nnames))
            cosv[k] = (float)vec_cos(&sv[pairs[k].a], &sv[pairs[k].b], &df);
    for (size_t k = 0; sv && k < nstories; k++) SF_VEC_FREE(&sv[k]);
    sf__free(sv);
    sf__free(need);
    SF_VEC_FREE(&tmp);
    sf__df_release(&df);
    sf__extractor_destroy(x);
    return st;
}

static sf_status build_links(const lines_work *w, spair *pairs, size_t np, const uint32_t *nnames,
                             const float *cosv, sf_storylines *out) {
    size_t ns = out->nstories;
    uint32_t *up = sf__malloc(ns * sizeof *up);
    if (!up) return SF_ERR_NOMEM;
    for (size_t s = 0; s < ns; s++) up[s] = (uint32_t)s;
    sf_status st = SF_OK;
    for (size_t k = 0; k < np && st == SF_OK; k++) {
        const spair *p = &pairs[k];
        if (!names_link(p, nnames) && !(cosv[k] >= CONTENT_LINK)) continue;
        uint32_t ra = uf_find(up, p->a), rb = uf_find(up, p->b);
        if (ra != rb) up[ra > rb ? ra : rb] = ra < rb ? ra : rb;
        for (int side = 0; side < 2 && st == SF_OK; side++) {
            uint32_t s = side ? p->b : p->a, o = side ? p->a : p->b;
            if (out->nrelated[s] >= RELATED_KEEP) continue;
            if (!out->related[s]) {
                out->related[s] = sf__calloc(RELATED_KEEP, sizeof *out->related[s]);
                if (!out->related[s]) {
                    st = SF_ERR_NOMEM;
                    break;
                }
            }
            sf_story_link *l = &out->related[s][out->nrelated[s]++];
            l->story = o;
            size_t nn = p->count < NAMES_SHOWN ? p->count : NAMES_SHOWN;
            l->names = sf__calloc(nn, sizeof *l->names);
            if (!l->names) {
                st = SF_ERR_NOMEM;
                break;
            }
            for (size_t q = 0; q < nn; q++) {
                const uint64_t *off = sf__map_find(&w->text, p->names[q]);
                l->names[q] = dup_str(off ? w->str.p + *off - 1 : "");
                if (!l->names[q]) st = SF_ERR_NOMEM;
                l->nnames++;
            }
        }
    }
    /* storylines numbered by their first story */
    for (size_t s = 0; s < ns && st == SF_OK; s++) {
        uint32_t r = uf_find(up, (uint32_t)s);
        out->storyline_of[s] = r == s ? out->nlines++ : out->storyline_of[r];
    }
    sf__free(up);
    return st;
}

sf_status sf_storylines_compute(const sf_corpus *c, const size_t *story_of, size_t nstories,
                                const size_t *dup_of, sf_storylines *out, sf_error *err) {
    return sf__storylines_compute_docs(c, story_of, nstories, dup_of, NULL, 1, out, err);
}

sf_status sf__storylines_compute_threads(const sf_corpus *c, const size_t *story_of,
                                         size_t nstories, const size_t *dup_of, unsigned threads,
                                         sf_storylines *out, sf_error *err) {
    return sf__storylines_compute_docs(c, story_of, nstories, dup_of, NULL, threads, out, err);
}

sf_status sf__storylines_compute_docs(const sf_corpus *c, const size_t *story_of,
                                      size_t nstories, const size_t *dup_of, const sf_doc *docs,
                                      unsigned threads, sf_storylines *out, sf_error *err) {
    memset(out, 0, sizeof *out);
    if (!c || (!story_of && sf_corpus_count(c)))
        return sf__error_set(err, SF_ERR_ARG, "sf_storylines_compute: NULL argument");
    if (nstories >= UINT32_MAX)
        return sf__error_set(err, SF_ERR_TOO_LARGE, "storylines: too many stories");
    size_t n = sf_corpus_count(c);
    out->nstories = nstories;
    out->storyline_of = sf__calloc(nstories + 1, sizeof *out->storyline_of);
    out->nrelated = sf__calloc(nstories + 1, sizeof *out->nrelated);
    out->related = sf__calloc(nstories + 1, sizeof *out->related);
    int64_t *first = sf__malloc((nstories + 1) * sizeof *first);
    int64_t *last = sf__malloc((nstories + 1) * sizeof *last);
    lines_work w = {0};
    sf__buf_init(&w.str, 0);
    sf__map_init(&w.entry);
    sf__map_init(&w.text);
    sf__map_init(&w.df);
    sf_map pidx;
    sf__map_init(&pidx);
    spairvec pairs = {0};
    sf_status st = out->storyline_of && out->nrelated && out->related && first && last
                       ? SF_OK
                       : SF_ERR_NOMEM;
    for (size_t s = 0; s < nstories && st == SF_OK; s++) first[s] = last[s] = SF_TIME_UNKNOWN;
    for (size_t i = 0; i < n && st == SF_OK; i++) {
        size_t s = story_of[i];
        if (s >= nstories) {
            st = SF_ERR_ARG;
            break;
        }
        int64_t t = sf_corpus_get(c, i)->published;
        if (t != SF_TIME_UNKNOWN) {
            if (first[s] == SF_TIME_UNKNOWN || t < first[s]) first[s] = t;
            if (last[s] == SF_TIME_UNKNOWN || t > last[s]) last[s] = t;
        }
    }
    /* each article's names found on threads, a block at a time, and
     * counted here in article order */
    anamevec *names = st == SF_OK ? sf__calloc(NAMES_BLOCK, sizeof *names) : NULL;
    if (st == SF_OK && !names) st = SF_ERR_NOMEM;
    for (size_t b = 0; b < n && st == SF_OK; b += NAMES_BLOCK) {
        size_t m = SF_MIN((size_t)NAMES_BLOCK, n - b);
        names_job j = {c, dup_of, docs, b, names};
        sf_pool_job job = {&j, scratch_init, names_item, scratch_fini};
        st = sf__pool_run(&job, m, 16, threads, NULL, NULL);
        for (size_t k = 0; k < m && st == SF_OK; k++)
            st = add_names(&w, (uint32_t)story_of[b + k], &names[k]);
    }
    for (size_t k = 0; names && k < NAMES_BLOCK; k++) SF_VEC_FREE(&names[k]);
    sf__free(names);
    uint32_t *nnames = sf__calloc(nstories + 1, sizeof *nnames);
    if (!nnames) st = SF_ERR_NOMEM;
    if (st == SF_OK) st = story_names(&w, nnames);
    if (st == SF_OK) st = pair_names(&w, nstories, first, last, &pidx, &pairs);
    /* pairs most shared names first: a story lists its strongest links */
    if (st == SF_OK && pairs.n) qsort(pairs.items, pairs.n, sizeof *pairs.items, cmp_pair);
    float *cosv = st == SF_OK ? sf__malloc((pairs.n + 1) * sizeof *cosv) : NULL;
    if (st == SF_OK && !cosv) st = SF_ERR_NOMEM;
    if (st == SF_OK)
        st = content_cosines(c, story_of, dup_of, docs, nstories, pairs.items, pairs.n, nnames,
                             cosv, threads);
    if (st == SF_OK) st = build_links(&w, pairs.items, pairs.n, nnames, cosv, out);
    sf__free(cosv);
    sf__free(nnames);
    sf__map_release(&w.entry);
    sf__map_release(&w.text);
    sf__map_release(&w.df);
    sf__buf_release(&w.str);
    SF_VEC_FREE(&w.ent);
    sf__map_release(&pidx);
    SF_VEC_FREE(&pairs);
    sf__free(first);
    sf__free(last);
    if (st != SF_OK) {
        sf_storylines_release(out);
        return sf__error_set(err, st, "storylines: %s", sf_strerror(st));
    }
    return SF_OK;
}

void sf_storylines_release(sf_storylines *s) {
    if (!s) return;
    for (size_t k = 0; s->related && k < s->nstories; k++) {
        for (size_t r = 0; r < s->nrelated[k]; r++) {
            for (size_t q = 0; q < s->related[k][r].nnames; q++) sf__free(s->related[k][r].names[q]);
            sf__free(s->related[k][r].names);
        }
        sf__free(s->related[k]);
    }
    sf__free(s->related);
    sf__free(s->nrelated);
    sf__free(s->storyline_of);
    memset(s, 0, sizeof *s);
}

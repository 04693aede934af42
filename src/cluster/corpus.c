/* corpus.c - clustering a whole corpus: sort the articles by publication
 * time (ties by id, then title and text, so the input order never matters),
 * stream them through the online clusterer, give duplicates their
 * canonical's story and number stories by first appearance. */
#include "cluster.h"

#include <stdlib.h>

static int cmp_article(const sf_article *x, const sf_article *y) {
    if (x->published != y->published) return x->published < y->published ? -1 : 1;
    int r = strcmp(x->id, y->id);
    if (r) return r;
    r = strcmp(x->title, y->title);
    if (r) return r;
    return strcmp(x->text, y->text);
}

/* qsort has no context argument in C11; sort (pointer, index) pairs. */
typedef struct keyed {
    const sf_article *a;
    size_t i;
} keyed;

static int cmp_keyed(const void *pa, const void *pb) {
    const keyed *x = pa, *y = pb;
    int r = cmp_article(x->a, y->a);
    if (r) return r;
    /* identical articles: any order gives the same result */
    return x->i < y->i ? -1 : x->i > y->i;
}

static size_t canonical(const size_t *dup_of, size_t n, size_t i) {
    size_t steps = 0;
    while (dup_of && dup_of[i] != SIZE_MAX && dup_of[i] < n && dup_of[i] != i && steps++ < n)
        i = dup_of[i];
    return i;
}

sf_status sf__cluster_corpus(const sf_corpus *c, const sf_cluster_options *o,
                             const size_t *dup_of, size_t *story_of, size_t *nstories,
                             sf_error *err) {
    if (!c || !story_of || !nstories)
        return sf__error_set(err, SF_ERR_ARG, "sf_cluster_corpus: NULL argument");
    size_t n = sf_corpus_count(c);
    *nstories = 0;
    if (n == 0) return SF_OK;
    keyed *order = sf__calloc(n, sizeof *order);
    size_t *seq_of = sf__calloc(n, sizeof *seq_of);
    uint32_t *renum = NULL;
    sf_stream *s = NULL;
    sf_status st = order && seq_of ? SF_OK : sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    if (st == SF_OK) {
        for (size_t i = 0; i < n; i++) order[i] = (keyed){sf_corpus_get(c, i), i};
        qsort(order, n, sizeof *order, cmp_keyed);
        st = sf__stream_create(o, &s, err);
    }
    for (size_t k = 0; k < n && st == SF_OK; k++) {
        size_t i = order[k].i;
        seq_of[i] = SIZE_MAX;
        if (canonical(dup_of, n, i) != i) continue;
        const sf_article *a = order[k].a;
        st = sf__stream_add(s, a->title, strlen(a->title), a->text, a->text_len, a->published,
                            &seq_of[i], err);
    }
    size_t nst = 0;
    if (st == SF_OK) {
        sf_stream_stats ss;
        sf__stream_stats(s, &ss);
        renum = sf__malloc((ss.stories ? ss.stories : 1) * sizeof *renum);
        if (!renum) st = sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
        else
            for (size_t k = 0; k < ss.stories; k++) renum[k] = UINT32_MAX;
    }
    /* number stories by first appearance in publication order */
    for (size_t k = 0; k < n && st == SF_OK; k++) {
        size_t i = order[k].i;
        size_t canon = canonical(dup_of, n, i);
        uint32_t sid = sf__stream_story_of(s, seq_of[canon]);
        if (sid == UINT32_MAX) {
            st = sf__error_set(err, SF_ERR_INTERNAL, "cluster: article %zu has no story", i);
            break;
        }
        if (renum[sid] == UINT32_MAX) renum[sid] = (uint32_t)nst++;
        story_of[i] = renum[sid];
    }
    if (st == SF_OK) *nstories = nst;
    sf__stream_destroy(s);
    sf__free(order);
    sf__free(seq_of);
    sf__free(renum);
    return st;
}

sf_status sf_cluster_corpus(const sf_corpus *c, const sf_cluster_options *o, size_t *story_of,
                            size_t *nstories, sf_error *err) {
    return sf__cluster_corpus(c, o, NULL, story_of, nstories, err);
}

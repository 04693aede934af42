/* corpus.c - clustering a whole corpus: sort the articles by publication
 * time (ties by id, then title and text, so the input order never matters),
 * count document frequencies over the whole corpus, stream the articles
 * through the online clusterer with them, refine the result in batch
 * (refine.c), give duplicates their canonical's story and number stories by
 * first appearance. */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>

#define TERMS_KEEP 200 /* terms of an article's vector in refinement */

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

static int cmp_tw_hash(const void *pa, const void *pb) {
    uint64_t x = ((const sf_tw *)pa)->h, y = ((const sf_tw *)pb)->h;
    return x < y ? -1 : x > y;
}

static int cmp_tw_w_desc(const void *pa, const void *pb) {
    float x = ((const sf_tw *)pa)->w, y = ((const sf_tw *)pb)->w;
    if (x != y) return x > y ? -1 : 1;
    return cmp_tw_hash(pa, pb);
}

static size_t canonical(const size_t *dup_of, size_t n, size_t i) {
    size_t steps = 0;
    while (dup_of && dup_of[i] != SIZE_MAX && dup_of[i] < n && dup_of[i] != i && steps++ < n)
        i = dup_of[i];
    return i;
}

/* Article i's vectors as one unit vector: each signal's TF-IDF vector made
 * unit and weighted by the square root of its share of the weights, so that
 * the dot product of two such vectors is the weighted mean of the per-signal
 * cosines, as the stream's similarity is. */
static sf_status combined(const sf_cluster_options *o, const sf_fdoc *d, const sf_dftab *df,
                          sf_twvec *out, sf_rinfo *info) {
    double w[SF_NCH] = {o->w_body, o->no_title ? 0 : o->w_title, o->no_entity ? 0 : o->w_entity};
    double norm[SF_NCH] = {0}, total = 0;
    size_t need = 0;
    for (int ch = 0; ch < SF_NCH; ch++) {
        for (size_t i = 0; i < d->v[ch].n; i++) {
            double x = d->v[ch].items[i].w * sf__idf(df, d->v[ch].items[i].h);
            norm[ch] += x * x;
        }
        if (norm[ch] > 0 && w[ch] > 0) {
            total += w[ch];
            need += d->v[ch].n;
        }
    }
    out->n = 0;
    info->lang = d->lang;
    info->ent = 0;
    info->lead = 0;
    if (total <= 0) return SF_OK;
    if (norm[SF_CH_ENT] > 0 && w[SF_CH_ENT] > 0) info->ent = (float)sqrt(w[SF_CH_ENT] / total);
    SF_TRY(SF_VEC_RESERVE(out, need + d->v[SF_CH_LEAD].n));
    for (int ch = 0; ch < SF_NCH; ch++) {
        if (norm[ch] <= 0 || w[ch] <= 0) continue;
        double k = sqrt(w[ch] / total) / sqrt(norm[ch]);
        /* the lowest hash bit tells the names apart (refine.c reads their
         * cosine on its own); flipping it costs a hash bit of spread */
        for (size_t i = 0; i < d->v[ch].n; i++) {
            uint64_t h = d->v[ch].items[i].h;
            h = ch == SF_CH_ENT ? h | 1u : h & ~(uint64_t)1;
            out->items[out->n++] = (sf_tw){h, (float)(d->v[ch].items[i].w * sf__idf(df, d->v[ch].items[i].h) * k)};
        }
    }
    /* keep the TERMS_KEEP heaviest terms: the tail of a long article is
     * mostly words every topic uses (DUC 2006 B-cubed F1 0.829 with every
     * term, 0.886 with 200, 0.865 with 50), and the graph gets cheaper */
    size_t K = TERMS_KEEP;
    if (out->n > K) {
        qsort(out->items, out->n, sizeof *out->items, cmp_tw_w_desc);
        out->n = K;
        double ss = 0;
        for (size_t i = 0; i < K; i++) ss += (double)out->items[i].w * out->items[i].w;
        float inv = (float)(1.0 / sqrt(ss));
        for (size_t i = 0; i < K; i++) out->items[i].w *= inv;
        info->ent *= inv;
    }
    qsort(out->items, out->n, sizeof *out->items, cmp_tw_hash);
    /* the lead (headline and first terms): a unit vector of its own after
     * the content's terms (info->lead of them, in hash order). It weighs
     * nothing in the content and is not indexed; refine.c reads its cosine
     * for the pairs it scores and gives it to the event similarity, as the
     * stream does */
    if (norm[SF_CH_LEAD] > 0) {
        double k = 1.0 / sqrt(norm[SF_CH_LEAD]);
        const sf_twvec *l = &d->v[SF_CH_LEAD];
        for (size_t i = 0; i < l->n; i++)
            out->items[out->n++] =
                (sf_tw){l->items[i].h, (float)(l->items[i].w * sf__idf(df, l->items[i].h) * k)};
        info->lead = (uint32_t)l->n;
    }
    return SF_OK;
}

sf_status sf__cluster_corpus(const sf_corpus *c, const sf_cluster_options *o,
                             const size_t *dup_of, size_t *story_of, size_t *nstories,
                             sf_error *err) {
    return sf__cluster_corpus_threads(c, o, dup_of, story_of, nstories, 1, err);
}

/* The analysis of items[0..m) into docs: from the cache when it has them,
 * the others analyzed (on threads) and added to it. */
static sf_status extract_cached(sf_fdoc_cache *cache, sf_extractor *x, const sf_cluster_options *opt,
                                const sf_extract_item *items, size_t m, sf_fdoc *docs,
                                unsigned threads, size_t *failed) {
    size_t *miss = sf__calloc(m ? m : 1, sizeof *miss);
    sf_extract_item *sub = sf__calloc(m ? m : 1, sizeof *sub);
    sf_fdoc *got = sf__calloc(m ? m : 1, sizeof *got);
    uint64_t *key = sf__calloc(m ? m : 1, sizeof *key);
    sf_status st = miss && sub && got && key ? SF_OK : SF_ERR_NOMEM;
    size_t nm = 0;
    for (size_t k = 0; k < m && st == SF_OK; k++) {
        key[k] = sf__fdoc_key(opt->lang, !opt->no_entity, items[k].title, items[k].tn, items[k].text,
                              items[k].n);
        if (sf__fdoc_cache_get(cache, key[k], &docs[k], &st)) continue;
        miss[nm] = k;
        sub[nm++] = items[k];
    }
    size_t bad = 0;
    if (st == SF_OK && nm) {
        st = sf__extract_all(x, opt->lang, !opt->no_entity, sub, nm, got, threads, &bad);
        if (st != SF_OK) *failed = miss[bad];
    }
    for (size_t j = 0; j < nm && st == SF_OK; j++) {
        st = sf__fdoc_cache_put(cache, key[miss[j]], &got[j]);
        docs[miss[j]] = got[j];
        got[j] = (sf_fdoc){0};
    }
    for (size_t j = 0; got && j < nm; j++) sf__fdoc_release(&got[j]);
    sf__free(miss);
    sf__free(sub);
    sf__free(got);
    sf__free(key);
    return st;
}

/* The refinement's vectors (combined) of docs[0..m), each alone, on
 * `threads` threads: the document frequencies are complete and only read. */
typedef struct combine_job {
    const sf_cluster_options *o;
    const sf_fdoc *docs;
    const sf_dftab *df;
    sf_twvec *vec;
    sf_rinfo *info;
} combine_job;

static sf_status combine_item(void *user, void *state, size_t k) {
    (void)state;
    const combine_job *j = user;
    return combined(j->o, &j->docs[k], j->df, &j->vec[k], &j->info[k]);
}

#define COMBINE_GRAIN 16
#define COMBINE_BLOCK 8192 /* articles whose refinement vectors are made at once */

static sf_status combine_all(const sf_cluster_options *o, const sf_fdoc *docs, const sf_dftab *df,
                             sf_twvec *vec, sf_rinfo *info, size_t m, unsigned threads) {
    combine_job j = {o, docs, df, vec, info};
    sf_pool_job job = {.user = &j, .item = combine_item};
    return sf__pool_run(&job, m, COMBINE_GRAIN, threads, NULL, NULL);
}

static sf_status cluster_impl(const sf_corpus *c, const sf_cluster_options *o, const size_t *dup_of,
                              const sf_doc *adocs, size_t *story_of, size_t *nstories,
                              unsigned threads, sf_fdoc_cache *cache, sf_error *err);

sf_status sf__cluster_corpus_cached(const sf_corpus *c, const sf_cluster_options *o,
                                    sf_fdoc_cache *cache, size_t *story_of, size_t *nstories,
                                    sf_error *err) {
    return cluster_impl(c, o, NULL, NULL, story_of, nstories, 1, cache, err);
}

sf_status sf__cluster_corpus_threads(const sf_corpus *c, const sf_cluster_options *o,
                                     const size_t *dup_of, size_t *story_of, size_t *nstories,
                                     unsigned threads, sf_error *err) {
    return cluster_impl(c, o, dup_of, NULL, story_of, nstories, threads, NULL, err);
}

sf_status sf__cluster_corpus_docs(const sf_corpus *c, const sf_cluster_options *o,
                                  const size_t *dup_of, const sf_doc *adocs, size_t *story_of,
                                  size_t *nstories, unsigned threads, sf_error *err) {
    return cluster_impl(c, o, dup_of, adocs, story_of, nstories, threads, NULL, err);
}

static sf_status cluster_impl(const sf_corpus *c, const sf_cluster_options *o, const size_t *dup_of,
                              const sf_doc *adocs, size_t *story_of, size_t *nstories,
                              unsigned threads, sf_fdoc_cache *cache, sf_error *err) {
    if (!c || !story_of || !nstories)
        return sf__error_set(err, SF_ERR_ARG, "sf_cluster_corpus: NULL argument");
    size_t n = sf_corpus_count(c);
    *nstories = 0;
    if (n == 0) return SF_OK;
    sf_cluster_options opt;
    sf__cluster_options_of(o, &opt);
    keyed *order = sf__calloc(n, sizeof *order);
    size_t *seq_of = sf__calloc(n, sizeof *seq_of);
    sf_fdoc *docs = sf__calloc(n, sizeof *docs);
    sf_twvec *vec = sf__calloc(n, sizeof *vec);
    sf_rinfo *info = sf__calloc(n, sizeof *info);
    sf_extract_item *items = sf__calloc(n, sizeof *items); /* the texts to analyze, by seq */
    const sf_article **arts = sf__calloc(n, sizeof *arts);
    sf_map same; /* hash of title and text -> position in `order` + 1 */
    sf__map_init(&same);
    int64_t *tm = sf__calloc(n, sizeof *tm);
    uint32_t *lab = sf__calloc(n, sizeof *lab);
    uint32_t *renum = NULL;
    sf_stream *s = NULL;
    sf_extractor *x = NULL;
    sf_dftab df = {0};
    size_t m = 0; /* canonical articles, in publication order */
    sf_status st = order && seq_of && docs && vec && tm && lab && info && items && arts
                       ? SF_OK
                       : sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    if (st == SF_OK) {
        for (size_t i = 0; i < n; i++) order[i] = (keyed){sf_corpus_get(c, i), i};
        qsort(order, n, sizeof *order, cmp_keyed);
        x = sf__extractor_create(opt.lang, !opt.no_entity);
        if (!x)
            st = sf__error_set(err, SF_ERR_UNSUPPORTED, "cluster: no analyzer for language '%s'",
                               opt.lang);
    }
    if (st == SF_OK && sf__df_init(&df) != SF_OK)
        st = sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    /* first pass: the whole corpus's document frequencies, so that early
     * articles are weighted as well as late ones */
    for (size_t k = 0; k < n && st == SF_OK; k++) {
        size_t i = order[k].i;
        seq_of[i] = SIZE_MAX;
        if (canonical(dup_of, n, i) != i) continue;
        const sf_article *a = order[k].a;
        /* a text seen before, word for word, is the same report: it takes
         * the first one's place (a million copies of a thousand texts cost
         * a thousand articles' work) */
        uint64_t h = sf__hash64(a->text, a->text_len, sf__hash64(a->title, strlen(a->title), 0x5a));
        uint64_t *slot = sf__map_slot(&same, h);
        if (!slot) {
            st = sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
            break;
        }
        if (*slot) {
            const sf_article *b = order[*slot - 1].a;
            if (b->text_len == a->text_len && strcmp(b->title, a->title) == 0 &&
                memcmp(b->text, a->text, a->text_len) == 0) {
                seq_of[i] = seq_of[order[*slot - 1].i];
                continue;
            }
        } else {
            *slot = k + 1;
        }
        items[m] = (sf_extract_item){a->title, a->text, strlen(a->title), a->text_len,
                                     adocs ? &adocs[i] : NULL};
        arts[m] = a;
        tm[m] = a->published;
        seq_of[i] = m++;
    }
    /* each new text analyzed alone (on threads), then counted in order */
    if (st == SF_OK) {
        size_t bad = 0;
        sf_status s2 = cache ? extract_cached(cache, x, &opt, items, m, docs, threads, &bad)
                             : sf__extract_all(x, opt.lang, !opt.no_entity, items, m, docs, threads, &bad);
        if (s2 != SF_OK)
            st = sf__error_set(err, s2, "cluster: article '%s': %s", arts[bad]->id,
                               sf_strerror(s2));
    }
    if (st == SF_OK && sf__df_add_all(&df, docs, m, threads) != SF_OK)
        st = sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    bool refine = !opt.no_refine;
    /* second pass: the online clusterer, reading with those frequencies. The
     * refinement's vectors of a block are made just before the stream takes
     * the block's analyses (and frees them), so that the two are never all
     * in memory at once (a million articles: some 3 GB less at the peak) */
    if (st == SF_OK) st = sf__stream_create(&opt, &s, err);
    if (st == SF_OK && !opt.baseline) st = sf__stream_set_df(s, &df);
    const sf_dftab *rdf = st == SF_OK && !opt.baseline ? sf__stream_df(s) : &df; /* set_df swaps */
    for (size_t k0 = 0; k0 < m && st == SF_OK; k0 += COMBINE_BLOCK) {
        size_t k1 = m - k0 < COMBINE_BLOCK ? m : k0 + COMBINE_BLOCK;
        if (refine && combine_all(&opt, docs + k0, rdf, vec + k0, info + k0, k1 - k0, threads) != SF_OK)
            st = sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
        for (size_t k = k0; k < k1 && st == SF_OK; k++)
            st = sf__stream_add_fdoc(s, &docs[k], tm[k], NULL, err);
    }
    size_t nlab = 0;
    if (st == SF_OK) {
        sf_stream_stats ss;
        sf__stream_stats(s, &ss);
        nlab = ss.stories;
        for (size_t k = 0; k < m; k++) {
            lab[k] = sf__stream_story_of(s, k);
            if (lab[k] == UINT32_MAX) {
                st = sf__error_set(err, SF_ERR_INTERNAL, "cluster: article %zu has no story", k);
                break;
            }
        }
    }
    /* third: refinement over the whole corpus */
    if (st == SF_OK && refine && sf__refine(&opt, vec, info, tm, m, lab, nlab, threads) != SF_OK)
        st = sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    size_t nst = 0;
    if (st == SF_OK) {
        renum = sf__malloc((nlab ? nlab : 1) * sizeof *renum);
        if (!renum) st = sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
        else
            for (size_t k = 0; k < nlab; k++) renum[k] = UINT32_MAX;
    }
    /* number stories by first appearance in publication order */
    for (size_t k = 0; k < n && st == SF_OK; k++) {
        size_t i = order[k].i;
        uint32_t sid = lab[seq_of[canonical(dup_of, n, i)]];
        if (renum[sid] == UINT32_MAX) renum[sid] = (uint32_t)nst++;
        story_of[i] = renum[sid];
    }
    if (st == SF_OK) *nstories = nst;
    sf__stream_destroy(s);
    sf__extractor_destroy(x);
    sf__df_release(&df);
    for (size_t k = 0; docs && k < n; k++) sf__fdoc_release(&docs[k]);
    for (size_t k = 0; vec && k < n; k++) SF_VEC_FREE(&vec[k]);
    sf__free(docs);
    sf__free(items);
    sf__free(arts);
    sf__free(vec);
    sf__free(info);
    sf__map_release(&same);
    sf__free(tm);
    sf__free(lab);
    sf__free(order);
    sf__free(seq_of);
    sf__free(renum);
    return st;
}

sf_status sf_cluster_corpus(const sf_corpus *c, const sf_cluster_options *o, size_t *story_of,
                            size_t *nstories, sf_error *err) {
    unsigned t = o && o->threads ? o->threads : sf__default_threads();
    return sf__cluster_corpus_threads(c, o, NULL, story_of, nstories, t, err);
}

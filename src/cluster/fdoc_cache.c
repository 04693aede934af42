/* fdoc_cache.c - analyzed articles kept for a caller that clusters
 * overlapping corpora again and again (the store's window, re-clustered with
 * every batch: docs/workers.md). An entry is an article's sf_fdoc keyed by a
 * hash of the analysis language, the entity switch, the title and the text,
 * i.e. of everything sf__extract reads, so a cached fdoc is the one a fresh
 * analysis would give and the clusters do not change. Entries not used by
 * the last two clusterings (sf__fdoc_cache_sweep) are dropped, so the cache
 * holds about one window. */
#include "cluster.h"

#include <string.h>

typedef struct entry {
    uint64_t key;
    uint64_t used; /* the sweep epoch of its last use */
    sf_fdoc d;
} entry;

struct sf_fdoc_cache {
    sf_map at; /* key -> index + 1 */
    SF_VEC(entry) e;
    uint64_t epoch;
    size_t hits, misses;
};

sf_fdoc_cache *sf__fdoc_cache_create(void) {
    sf_fdoc_cache *k = sf__calloc(1, sizeof *k);
    if (k) sf__map_init(&k->at);
    return k;
}

void sf__fdoc_cache_destroy(sf_fdoc_cache *k) {
    if (!k) return;
    for (size_t i = 0; i < k->e.n; i++) sf__fdoc_release(&k->e.items[i].d);
    SF_VEC_FREE(&k->e);
    sf__map_release(&k->at);
    sf__free(k);
}

uint64_t sf__fdoc_key(const char *lang, bool entities, const char *title, size_t tn,
                      const char *text, size_t n) {
    uint64_t h = sf__hash64(lang ? lang : "", lang ? strlen(lang) : 0, entities ? 0x45 : 0x4e);
    h = sf__hash64(title, tn, h);
    return sf__hash64(text, n, h ^ (uint64_t)tn);
}

static sf_status copy_fdoc(const sf_fdoc *from, sf_fdoc *to) {
    memset(to, 0, sizeof *to);
    to->lang = from->lang;
    for (int ch = 0; ch < SF_NCH; ch++) {
        size_t n = from->v[ch].n;
        if (!n) continue;
        if (SF_VEC_RESERVE(&to->v[ch], n) != SF_OK) {
            sf__fdoc_release(to);
            return SF_ERR_NOMEM;
        }
        memcpy(to->v[ch].items, from->v[ch].items, n * sizeof *from->v[ch].items);
        to->v[ch].n = n;
    }
    return SF_OK;
}

bool sf__fdoc_cache_get(sf_fdoc_cache *k, uint64_t key, sf_fdoc *out, sf_status *st) {
    *st = SF_OK;
    uint64_t *v = sf__map_find(&k->at, key);
    if (!v || !*v) {
        k->misses++;
        return false;
    }
    entry *e = &k->e.items[*v - 1];
    e->used = k->epoch;
    k->hits++;
    *st = copy_fdoc(&e->d, out);
    return true;
}

sf_status sf__fdoc_cache_put(sf_fdoc_cache *k, uint64_t key, const sf_fdoc *d) {
    uint64_t *v = sf__map_slot(&k->at, key);
    if (!v) return SF_ERR_NOMEM;
    if (*v) {
        k->e.items[*v - 1].used = k->epoch;
        return SF_OK;
    }
    SF_TRY(SF_VEC_RESERVE(&k->e, k->e.n + 1));
    entry *e = &k->e.items[k->e.n];
    e->key = key;
    e->used = k->epoch;
    SF_TRY(copy_fdoc(d, &e->d));
    *v = ++k->e.n;
    return SF_OK;
}

sf_status sf__fdoc_cache_sweep(sf_fdoc_cache *k) {
    size_t w = 0;
    for (size_t i = 0; i < k->e.n; i++) {
        if (k->e.items[i].used + 1 < k->epoch) {
            sf__fdoc_release(&k->e.items[i].d);
            continue;
        }
        k->e.items[w++] = k->e.items[i];
    }
    k->e.n = w;
    sf__map_release(&k->at);
    sf__map_init(&k->at);
    for (size_t i = 0; i < w; i++) {
        uint64_t *v = sf__map_slot(&k->at, k->e.items[i].key);
        if (!v) return SF_ERR_NOMEM;
        *v = i + 1;
    }
    k->epoch++;
    return SF_OK;
}

size_t sf__fdoc_cache_count(const sf_fdoc_cache *k) { return k ? k->e.n : 0; }

sf_status sf__fdoc_cache_fill(sf_fdoc_cache *k, const sf_cluster_options *o, const sf_corpus *c,
                              sf_error *err) {
    sf_cluster_options opt;
    sf__cluster_options_of(o, &opt);
    sf_extractor *x = NULL;
    sf_status st = SF_OK;
    for (size_t i = 0; i < sf_corpus_count(c) && st == SF_OK; i++) {
        const sf_article *a = sf_corpus_get(c, i);
        uint64_t key = sf__fdoc_key(opt.lang, !opt.no_entity, a->title, strlen(a->title), a->text,
                                    a->text_len);
        uint64_t *v = sf__map_find(&k->at, key);
        if (v && *v) {
            k->e.items[*v - 1].used = k->epoch;
            continue;
        }
        if (!x && !(x = sf__extractor_create(opt.lang, !opt.no_entity))) {
            st = sf__error_set(err, SF_ERR_UNSUPPORTED, "cluster: no analyzer for language '%s'",
                               opt.lang);
            break;
        }
        sf_fdoc d = {0};
        st = sf__extract(x, a->title, strlen(a->title), a->text, a->text_len, &d);
        if (st == SF_OK) st = sf__fdoc_cache_put(k, key, &d);
        sf__fdoc_release(&d);
        if (st != SF_OK) st = sf__error_set(err, st, "cluster: article '%s': %s", a->id, sf_strerror(st));
    }
    sf__extractor_destroy(x);
    return st;
}

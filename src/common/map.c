/* map.c - open-addressing hash map with linear probing for 64-bit keys.
 * Keys are usually hashes already, so they are mixed once more only to
 * spread sequential ids. */
#include "common.h"

static size_t slot_of(uint64_t k, size_t cap) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k & (cap - 1);
}

void sf__map_init(sf_map *m) { memset(m, 0, sizeof *m); }

void sf__map_release(sf_map *m) {
    sf__free(m->keys);
    sf__free(m->vals);
    memset(m, 0, sizeof *m);
}

static bool rehash(sf_map *m, size_t ncap) {
    uint64_t *nk = sf__calloc(ncap, sizeof *nk);
    uint64_t *nv = sf__calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        sf__free(nk);
        sf__free(nv);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = slot_of(m->keys[i], ncap);
        while (nk[j]) j = (j + 1) & (ncap - 1);
        nk[j] = m->keys[i];
        nv[j] = m->vals[i];
    }
    sf__free(m->keys);
    sf__free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
    return true;
}

uint64_t *sf__map_find(const sf_map *m, uint64_t key) {
    if (key == 0) return m->has_zero ? (uint64_t *)&m->zero_val : NULL;
    if (!m->cap) return NULL;
    size_t j = slot_of(key, m->cap);
    while (m->keys[j]) {
        if (m->keys[j] == key) return &m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

uint64_t *sf__map_slot(sf_map *m, uint64_t key) {
    if (key == 0) {
        if (!m->has_zero) {
            m->has_zero = true;
            m->zero_val = 0;
        }
        return &m->zero_val;
    }
    /* keep the load factor under 0.7 */
    if ((m->n + 1) * 10 > m->cap * 7 && !rehash(m, m->cap ? m->cap * 2 : 16)) return NULL;
    size_t j = slot_of(key, m->cap);
    while (m->keys[j]) {
        if (m->keys[j] == key) return &m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = 0;
    m->n++;
    return &m->vals[j];
}

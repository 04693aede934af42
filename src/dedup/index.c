/* index.c - the incremental near-duplicate index. Each item keeps its shingle
 * set in a compact form (for verification) and one chain link per LSH band; a
 * hash map sends each band key to the newest item with that key, so a query
 * walks only the chains of its own keys. Candidates are then verified on the
 * shingle sets, so what is reported never depends on the sketch's luck.
 *
 * The compact set: the sorted 32-bit shingle hashes cut to their top 16+H
 * bits, where 2^H <= n/4 < 2^(H+1) (H <= 16), stored as 2^H bucket ends (u16
 * running counts; the top H bits are implied by the bucket, as in Elias-Fano
 * coding) and n 16-bit low parts: at most 2.5 bytes per shingle instead of 4.
 * A query's full hashes are cut to the stored width before the merge.
 * Unrelated shingles then collide n_a*n_b/2^(16+H_a) < 8*n_b/65536 times on
 * average, which overstates a similarity by about 1e-4 of the union; sets of
 * fewer than 128 shingles, where one collision would weigh more, stay plain.
 * The accuracy test measures the largest error on reported pairs. */
#include "dedup.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xxhash.h>

#define NO_ITEM UINT32_MAX

typedef struct dd_item {
    void *cset;     /* u16 ends[1 << hbits], u16 low[nset]; CSET_RAW: u32[nset] */
    uint32_t nset;  /* distinct 32-bit shingle hashes */
    uint8_t hbits;
    const char *id;
    uint64_t text_hash;
    uint64_t simhash;
} dd_item;

struct sf_dedup_index {
    sf_dedup_params p;
    SF_VEC(dd_item) items;
    uint32_t *next;        /* next[item * bands + band]: older item, same key */
    size_t next_cap;       /* in items */
    sf_map buckets;        /* band key -> newest item + 1 */
    uint32_t *stamp;       /* per item: query number that last saw it */
    size_t stamp_cap;
    uint32_t epoch;
    SF_VEC(uint32_t) cand;
    SF_VEC(sf_dedup_match) matches;
    sf_arena ids;
    sf_shingler sh;
    size_t set_bytes;
};

/* ------------------------------------------------------------ compact sets */

#define CSET_RAW 0xffu      /* hbits of a set kept as plain u32 hashes */
#define CSET_RAW_BELOW 128u /* sets smaller than this stay plain */

/* Bucket bits for a set of n: 2^H <= n/4 < 2^(H+1), at most 16. */
static unsigned cset_hbits(size_t n) {
    if (n < CSET_RAW_BELOW) return CSET_RAW;
    unsigned h = 0;
    while (h < 16 && ((size_t)8 << h) <= n) h++;
    return h;
}

static size_t cset_bytes(size_t n, unsigned h) {
    return h == CSET_RAW ? 4 * n : 2 * (((size_t)1 << h) + n);
}

/* Encode a sorted set (n > 0) into a new allocation; *h gets its bucket bits. */
static void *cset_encode(const uint32_t *set, size_t n, unsigned *h) {
    unsigned hb = cset_hbits(n);
    if (hb != CSET_RAW && n > UINT16_MAX) {
        /* a bucket of 65536 or more (only from crafted hashes) cannot be
         * told from an empty one by its u16 end: keep such a set plain */
        size_t from = 0, nb = (size_t)1 << hb;
        for (size_t b = 0, i = 0; b < nb && hb != CSET_RAW; b++) {
            while (i < n && (hb == 0 || (set[i] >> (32 - hb)) == b)) i++;
            if (i - from > UINT16_MAX) hb = CSET_RAW;
            from = i;
        }
    }
    void *blob = sf__malloc(cset_bytes(n, hb));
    if (!blob) return NULL;
    *h = hb;
    if (hb == CSET_RAW) {
        memcpy(blob, set, n * sizeof *set);
        return blob;
    }
    uint16_t *ends = blob, *low = ends + ((size_t)1 << hb);
    size_t nb = (size_t)1 << hb;
    const unsigned shift = 16 - hb;
    for (size_t i = 0; i < n; i++) low[i] = (uint16_t)(set[i] >> shift);
    /* ends[b]: how many elements lie in buckets 0..b, mod 2^16 */
    memset(ends, 0, nb * sizeof *ends);
    if (hb == 0) {
        ends[0] = (uint16_t)n;
    } else {
        for (size_t i = 0; i < n; i++) ends[set[i] >> (32 - hb)]++;
        for (size_t b = 1; b < nb; b++) ends[b] = (uint16_t)(ends[b] + ends[b - 1]);
    }
    return blob;
}

/* |A ∩ B| of the stored set of `it` and the sorted full set q[0..nq), both cut
 * to the top 16 + it->hbits bits (as multisets: an element cut to the same
 * value twice counts as often as it occurs on both sides). The merge stops
 * early, with a count below `need`, once the count plus what is left of the
 * smaller side cannot reach `need` (need = 0: never). */
static size_t cset_intersect(const dd_item *it, const uint32_t *q, size_t nq, size_t need) {
    const unsigned h = it->hbits;
    if (h == CSET_RAW) return sf__intersect_count(it->cset, it->nset, q, nq);
    const unsigned qshift = 16 - h;
    const uint16_t *ends = it->cset, *low = ends + ((size_t)1 << h);
    size_t nb = (size_t)1 << h, i = 0, j = 0, c = 0, na = it->nset;
    uint16_t prev = 0;
    for (size_t b = 0; b < nb && j < nq; b++) {
        size_t end = i + (uint16_t)(ends[b] - prev);
        prev = ends[b];
        uint32_t hi = (uint32_t)b << 16;
        while (i < end && j < nq) {
            uint32_t x = hi | low[i], y = q[j] >> qshift;
            c += x == y;
            i += x <= y;
            j += y <= x;
        }
        i = end;
        /* each further common element takes one of each side */
        if (c + SF_MIN(na - i, nq - j) < need) return c;
    }
    return c;
}

/* Checks a set read from a file: plain sets rise strictly; compact ones have
 * buckets that add up to nset and low parts that rise within each bucket, so
 * the merge in cset_intersect holds. */
static bool cset_valid(const dd_item *it) {
    if (it->hbits == CSET_RAW) {
        const uint32_t *v = it->cset;
        for (uint32_t k = 1; k < it->nset; k++)
            if (v[k] <= v[k - 1]) return false;
        return true;
    }
    const uint16_t *ends = it->cset, *low = ends + ((size_t)1 << it->hbits);
    size_t i = 0;
    uint16_t prev = 0;
    for (size_t b = 0; b < (size_t)1 << it->hbits; b++) {
        size_t end = i + (uint16_t)(ends[b] - prev);
        prev = ends[b];
        if (end > it->nset) return false;
        for (size_t k = i + 1; k < end; k++)
            if (low[k] < low[k - 1]) return false;
        i = end;
    }
    return i == it->nset;
}

/* The similarity under measure m of two sets of na and nq elements (both
 * non-zero) with `inter` in common (the formula of sf__similarity). */
static double similarity_of(sf_dedup_measure m, size_t na, size_t nq, size_t inter) {
    if (m == SF_DEDUP_CONTAINMENT && SF_MIN(na, nq) >= SF_DEDUP_CONTAIN_MIN_SHINGLES)
        return (double)inter / (double)SF_MIN(na, nq);
    return (double)inter / (double)(na + nq - inter);
}

/* The fewest common elements with which sets of na and nq elements reach
 * similarity t (by the same formula, so the same floating-point results);
 * min(na, nq) + 1 when no count reaches it. */
static size_t intersection_needed(sf_dedup_measure m, size_t na, size_t nq, double t) {
    size_t lo = 0, hi = SF_MIN(na, nq) + 1; /* the similarity rises with the count */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (similarity_of(m, na, nq, mid) >= t)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Similarity of a stored item and a full query set under measure m; when it
 * is below t, any value below t may be returned (the merge stops early). */
static double item_similarity(sf_dedup_measure m, const dd_item *it, const uint32_t *q,
                              size_t nq, double t) {
    size_t na = it->nset;
    if (na == 0 || nq == 0) return 0;
    size_t need = intersection_needed(m, na, nq, t);
    if (need > SF_MIN(na, nq)) return 0;
    size_t inter = SF_MIN(cset_intersect(it, q, nq, need), SF_MIN(na, nq));
    if (inter < need) return 0;
    return similarity_of(m, na, nq, inter);
}

/* ---------------------------------------------------------------- params */

sf_status sf__dedup_params(const sf_dedup_options *o, sf_dedup_params *p, sf_error *err) {
    sf_dedup_options d = {0};
    if (!o) o = &d;
    memset(p, 0, sizeof *p);
    p->threshold = o->threshold == 0 ? SF_DEDUP_THRESHOLD_DEFAULT : o->threshold;
    if (!(p->threshold > 0 && p->threshold <= 1))
        return sf__error_set(err, SF_ERR_ARG, "dedup threshold %g is not in (0, 1]",
                             o->threshold);
    if (o->measure != SF_DEDUP_JACCARD && o->measure != SF_DEDUP_CONTAINMENT)
        return sf__error_set(err, SF_ERR_ARG, "unknown dedup measure %d", (int)o->measure);
    if (o->method != SF_DEDUP_MINHASH && o->method != SF_DEDUP_OPH &&
        o->method != SF_DEDUP_SIMHASH)
        return sf__error_set(err, SF_ERR_ARG, "unknown dedup method %d", (int)o->method);
    p->measure = o->measure;
    p->method = o->method;
    p->shingle_words = o->shingle_words ? o->shingle_words : SF_SHINGLE_WORDS_DEFAULT;
    if (p->shingle_words > 64)
        return sf__error_set(err, SF_ERR_ARG, "shingle size %u is over 64 words",
                             p->shingle_words);
    p->threads = o->threads ? o->threads : 2;
    if (p->threads > 64) p->threads = 64;
    double t = p->threshold;
    if (p->measure == SF_DEDUP_CONTAINMENT) {
        /* A pair with containment t whose smaller set is a fraction q of the
         * larger has Jaccard t*q / (1 + q - t*q): aim the S-curve there. */
        double q = SF_DEDUP_CONTAIN_MIN_RATIO;
        t = t * q / (1 + q - t * q);
    }
    p->lsh_threshold = t;
    if (p->method == SF_DEDUP_SIMHASH) {
        p->bands = SF_SIMHASH_BLOCKS;
        p->rows = 16;
    } else {
        sf__lsh_choose(t, SF_MINHASH_K, &p->bands, &p->rows);
    }
    return SF_OK;
}

double sf__similarity(sf_dedup_measure m, const uint32_t *a, size_t na, const uint32_t *b,
                      size_t nb) {
    if (na == 0 || nb == 0) return 0;
    size_t inter = sf__intersect_count(a, na, b, nb);
    if (m == SF_DEDUP_CONTAINMENT && SF_MIN(na, nb) >= SF_DEDUP_CONTAIN_MIN_SHINGLES)
        return (double)inter / (double)SF_MIN(na, nb);
    return (double)inter / (double)(na + nb - inter);
}

/* ----------------------------------------------------------- fingerprint */

/* Sketch and band keys of a set (shared by fingerprinting and loading). */
static sf_status sketch(const sf_dedup_params *p, sf_dedup_fp *fp) {
    fp->keys = NULL;
    fp->simhash = 0;
    if (fp->nset == 0) return SF_OK;
    fp->keys = sf__malloc(p->bands * sizeof *fp->keys);
    if (!fp->keys) return SF_ERR_NOMEM;
    if (p->method == SF_DEDUP_SIMHASH) {
        fp->simhash = sf__simhash(fp->set, fp->nset);
        sf__simhash_keys(fp->simhash, fp->keys);
        return SF_OK;
    }
    uint32_t sig[SF_MINHASH_K];
    if (p->method == SF_DEDUP_OPH)
        sf__minhash_oph(fp->set, fp->nset, sig);
    else
        sf__minhash(fp->set, fp->nset, sig);
    sf__band_keys(sig, p->bands, p->rows, fp->keys);
    return SF_OK;
}

sf_status sf__dedup_fingerprint(const sf_dedup_params *p, sf_shingler *s, const char *text,
                                size_t n, sf_dedup_fp *fp) {
    return sf__dedup_fingerprint_unless(p, s, text, n, NULL, fp);
}

sf_status sf__dedup_fingerprint_unless(const sf_dedup_params *p, sf_shingler *s, const char *text,
                                       size_t n, const sf_map *known, sf_dedup_fp *fp) {
    memset(fp, 0, sizeof *fp);
    SF_TRY(sf__shingle_words(s, text, n, &fp->text_hash, NULL));
    if (known && fp->text_hash) {
        const uint64_t *v = sf__map_find(known, fp->text_hash);
        if (v && *v) return SF_OK;
    }
    sf_u32vec set = {0};
    sf_status st = sf__shingle_set_of_words(s, p->shingle_words, &set);
    if (st != SF_OK) {
        SF_VEC_FREE(&set);
        return st;
    }
    if (set.n > UINT32_MAX) {
        SF_VEC_FREE(&set);
        return SF_ERR_TOO_LARGE;
    }
    fp->nset = (uint32_t)set.n;
    if (set.n) {
        /* keep exactly what is needed: the vector over-allocates */
        fp->set = sf__realloc(set.items, set.n * sizeof *set.items);
        if (!fp->set) {
            SF_VEC_FREE(&set);
            return SF_ERR_NOMEM;
        }
    } else {
        SF_VEC_FREE(&set);
    }
    st = sketch(p, fp);
    if (st != SF_OK) sf__dedup_fp_release(fp);
    return st;
}

void sf__dedup_fp_release(sf_dedup_fp *fp) {
    sf__free(fp->set);
    sf__free(fp->keys);
    fp->set = NULL;
    fp->keys = NULL;
    fp->nset = 0;
}

/* ----------------------------------------------------------------- index */

static sf_dedup_index *index_new(const sf_dedup_params *p) {
    sf_dedup_index *ix = sf__calloc(1, sizeof *ix);
    if (!ix) return NULL;
    ix->p = *p;
    sf__map_init(&ix->buckets);
    sf__arena_init(&ix->ids, 0);
    sf__shingler_init(&ix->sh);
    return ix;
}

sf_dedup_index *sf_dedup_index_create(const sf_dedup_options *o, sf_error *err) {
    sf_dedup_params p;
    if (sf__dedup_params(o, &p, err) != SF_OK) return NULL;
    sf_dedup_index *ix = index_new(&p);
    if (!ix) sf__error_set(err, SF_ERR_NOMEM, "out of memory creating a dedup index");
    return ix;
}

void sf_dedup_index_destroy(sf_dedup_index *ix) {
    if (!ix) return;
    for (size_t i = 0; i < ix->items.n; i++) sf__free(ix->items.items[i].cset);
    SF_VEC_FREE(&ix->items);
    sf__free(ix->next);
    sf__free(ix->stamp);
    sf__map_release(&ix->buckets);
    SF_VEC_FREE(&ix->cand);
    SF_VEC_FREE(&ix->matches);
    sf__arena_release(&ix->ids);
    sf__shingler_release(&ix->sh);
    sf__free(ix);
}

size_t sf_dedup_index_count(const sf_dedup_index *ix) { return ix ? ix->items.n : 0; }

const char *sf_dedup_index_id(const sf_dedup_index *ix, size_t item) {
    return ix && item < ix->items.n ? ix->items.items[item].id : NULL;
}

void sf__index_memory_parts(const sf_dedup_index *ix, sf_dedup_mem *m) {
    memset(m, 0, sizeof *m);
    if (!ix) return;
    m->sets = ix->set_bytes;
    m->lsh = ix->next_cap * ix->p.bands * sizeof(uint32_t) +
             ix->buckets.cap * 2 * sizeof(uint64_t);
    m->items = ix->items.cap * sizeof(dd_item) + ix->stamp_cap * sizeof(uint32_t);
    m->ids = ix->ids.total;
    m->other = sizeof *ix + ix->cand.cap * sizeof(uint32_t) +
               ix->matches.cap * sizeof(sf_dedup_match);
}

size_t sf_dedup_index_memory(const sf_dedup_index *ix) {
    sf_dedup_mem m;
    sf__index_memory_parts(ix, &m);
    return m.sets + m.lsh + m.items + m.ids + m.other;
}

const sf_dedup_params *sf__index_params(const sf_dedup_index *ix) { return &ix->p; }

void sf_dedup_index_options(const sf_dedup_index *ix, sf_dedup_options *o) {
    memset(o, 0, sizeof *o);
    if (!ix) return;
    o->threshold = ix->p.threshold;
    o->measure = ix->p.measure;
    o->method = ix->p.method;
    o->shingle_words = ix->p.shingle_words;
}

static int match_cmp(const void *a, const void *b) {
    const sf_dedup_match *x = a, *y = b;
    if (x->similarity != y->similarity) return x->similarity > y->similarity ? -1 : 1;
    return x->item < y->item ? -1 : x->item > y->item;
}

sf_status sf__index_query_fp(sf_dedup_index *ix, const sf_dedup_fp *fp,
                             const sf_dedup_match **out, size_t *count) {
    *out = NULL;
    *count = 0;
    ix->matches.n = 0;
    ix->cand.n = 0;
    if (fp->nset == 0 || ix->items.n == 0) return SF_OK;
    if (++ix->epoch == 0) { /* wrapped: forget every stamp */
        memset(ix->stamp, 0, ix->stamp_cap * sizeof *ix->stamp);
        ix->epoch = 1;
    }
    const unsigned bands = ix->p.bands;
    for (unsigned b = 0; b < bands; b++) {
        uint64_t *head = sf__map_find(&ix->buckets, fp->keys[b]);
        if (!head) continue;
        for (uint32_t it = (uint32_t)(*head - 1); it != NO_ITEM;
             it = ix->next[(size_t)it * bands + b]) {
            if (ix->stamp[it] == ix->epoch) continue;
            ix->stamp[it] = ix->epoch;
            SF_TRY(SF_VEC_PUSH(&ix->cand, it));
        }
    }
    const double t = ix->p.threshold;
    const bool jac = ix->p.measure == SF_DEDUP_JACCARD;
    for (size_t c = 0; c < ix->cand.n; c++) {
        const dd_item *o = &ix->items.items[ix->cand.items[c]];
        if (ix->p.method == SF_DEDUP_SIMHASH &&
            (unsigned)__builtin_popcountll(o->simhash ^ fp->simhash) > SF_SIMHASH_MAX_DIST)
            continue;
        /* Jaccard is at most min/max of the sizes: skip hopeless pairs */
        if (jac && (double)SF_MIN(o->nset, fp->nset) < t * (double)SF_MAX(o->nset, fp->nset))
            continue;
        double s = item_similarity(ix->p.measure, o, fp->set, fp->nset, t);
        if (s >= t) {
            sf_dedup_match m = {ix->cand.items[c], s};
            SF_TRY(SF_VEC_PUSH(&ix->matches, m));
        }
    }
    if (ix->matches.n > 1)
        qsort(ix->matches.items, ix->matches.n, sizeof *ix->matches.items, match_cmp);
    *out = ix->matches.items;
    *count = ix->matches.n;
    return SF_OK;
}

static sf_status grow_items(sf_dedup_index *ix, size_t need) {
    if (need <= ix->next_cap) return SF_OK;
    size_t cap = ix->next_cap ? ix->next_cap * 2 : 64;
    while (cap < need) cap *= 2;
    uint32_t *nx = sf__realloc(ix->next, cap * ix->p.bands * sizeof *nx);
    if (!nx) return SF_ERR_NOMEM;
    ix->next = nx;
    uint32_t *st = sf__realloc(ix->stamp, cap * sizeof *st);
    if (!st) return SF_ERR_NOMEM;
    memset(st + ix->stamp_cap, 0, (cap - ix->stamp_cap) * sizeof *st);
    ix->stamp = st;
    ix->stamp_cap = cap;
    ix->next_cap = cap;
    return SF_OK;
}

sf_status sf__index_add_fp(sf_dedup_index *ix, const char *id, sf_dedup_fp *fp,
                           size_t *item) {
    if (ix->items.n >= NO_ITEM - 1) return SF_ERR_TOO_LARGE;
    SF_TRY(grow_items(ix, ix->items.n + 1));
    SF_TRY(SF_VEC_RESERVE(&ix->items, ix->items.n + 1));
    dd_item it = {.nset = fp->nset, .text_hash = fp->text_hash, .simhash = fp->simhash,
                  .id = ""};
    if (id && id[0]) {
        it.id = sf__arena_strndup(&ix->ids, id, strlen(id));
        if (!it.id) return SF_ERR_NOMEM;
    }
    if (fp->nset) {
        unsigned hb;
        it.cset = cset_encode(fp->set, fp->nset, &hb);
        if (!it.cset) return SF_ERR_NOMEM;
        it.hbits = (uint8_t)hb;
    }
    uint32_t me = (uint32_t)ix->items.n;
    const unsigned bands = ix->p.bands;
    for (unsigned b = 0; b < bands; b++) ix->next[(size_t)me * bands + b] = NO_ITEM;
    if (fp->nset) {
        for (unsigned b = 0; b < bands; b++) {
            uint64_t *head = sf__map_slot(&ix->buckets, fp->keys[b]);
            if (!head) {
                sf__free(it.cset);
                return SF_ERR_NOMEM;
            }
            ix->next[(size_t)me * bands + b] = *head ? (uint32_t)(*head - 1) : NO_ITEM;
            *head = (uint64_t)me + 1;
        }
    }
    ix->items.items[ix->items.n++] = it;
    if (fp->nset) ix->set_bytes += cset_bytes(fp->nset, it.hbits);
    if (item) *item = me;
    return SF_OK;
}

/* ------------------------------------------------------------ public API */

static sf_status copy_matches(const sf_dedup_match *m, size_t n, sf_dedup_match **out,
                              size_t *count, sf_error *err) {
    *out = NULL;
    *count = 0;
    if (n == 0) return SF_OK;
    *out = sf__malloc(n * sizeof *m);
    if (!*out) return sf__error_set(err, SF_ERR_NOMEM, "out of memory returning %zu matches", n);
    memcpy(*out, m, n * sizeof *m);
    *count = n;
    return SF_OK;
}

sf_status sf_dedup_index_query(sf_dedup_index *ix, const char *text, size_t n,
                               sf_dedup_match **out, size_t *count, sf_error *err) {
    if (!ix || !out || !count || (!text && n))
        return sf__error_set(err, SF_ERR_ARG, "sf_dedup_index_query: NULL argument");
    *out = NULL;
    *count = 0;
    sf_dedup_fp fp;
    sf_status st = sf__dedup_fingerprint(&ix->p, &ix->sh, text, n, &fp);
    if (st != SF_OK)
        return sf__error_set(err, st, "fingerprinting a query of %zu bytes: %s", n,
                             sf_strerror(st));
    const sf_dedup_match *m;
    size_t k;
    st = sf__index_query_fp(ix, &fp, &m, &k);
    sf__dedup_fp_release(&fp);
    if (st != SF_OK) return sf__error_set(err, st, "querying the dedup index: %s", sf_strerror(st));
    return copy_matches(m, k, out, count, err);
}

sf_status sf_dedup_index_add(sf_dedup_index *ix, const char *id, const char *text, size_t n,
                             size_t *item, sf_dedup_match **out, size_t *count,
                             sf_error *err) {
    if (!ix || (!text && n) || (out && !count))
        return sf__error_set(err, SF_ERR_ARG, "sf_dedup_index_add: NULL argument");
    if (out) {
        *out = NULL;
        *count = 0;
    }
    sf_dedup_fp fp;
    sf_status st = sf__dedup_fingerprint(&ix->p, &ix->sh, text, n, &fp);
    if (st != SF_OK)
        return sf__error_set(err, st, "fingerprinting article '%s' (%zu bytes): %s",
                             id ? id : "", n, sf_strerror(st));
    if (out) {
        const sf_dedup_match *m;
        size_t k;
        st = sf__index_query_fp(ix, &fp, &m, &k);
        if (st == SF_OK) st = copy_matches(m, k, out, count, err);
        if (st != SF_OK) {
            sf__dedup_fp_release(&fp);
            return sf__error_set(err, st, "querying the dedup index for '%s': %s",
                                 id ? id : "", sf_strerror(st));
        }
    }
    st = sf__index_add_fp(ix, id, &fp, item);
    sf__dedup_fp_release(&fp);
    if (st != SF_OK) {
        if (out) {
            sf__free(*out);
            *out = NULL;
            *count = 0;
        }
        return sf__error_set(err, st, "adding article '%s' to the dedup index: %s",
                             id ? id : "", sf_strerror(st));
    }
    return SF_OK;
}

/* ------------------------------------------------------------- the file */

/* Layout, all integers little-endian:
 *   "SFDEDUP\x1a"  u32 version  u32 measure  u32 method  u32 shingle_words
 *   f64 threshold (IEEE bits as u64)  u32 bands  u32 rows  u64 count
 *   count x { u32 id_len, id bytes, u64 text_hash, u64 simhash, u32 nset,
 *             u8 hbits, when nset > 0: the set (hbits 255: nset x u32;
 *             else 2^hbits x u16 bucket ends, nset x u16 low parts) }
 *   count x bands x u32: the band chains (older item, or 0xffffffff)
 *   u64 keys, keys x { u64 band key, u64 newest item + 1 }
 *   u64 XXH3 of every byte before it
 * The LSH tables are stored because the compact sets cannot give the
 * sketches back; a loaded index keeps the bands x rows it was made with. */
static const char MAGIC[8] = {'S', 'F', 'D', 'E', 'D', 'U', 'P', 0x1a};
#define FILE_VERSION 2u
#define HEADER_BYTES (8 + 4 * 4 + 8 + 4 + 4 + 8)

typedef struct writer {
    FILE *f;
    XXH3_state_t *h;
    unsigned char buf[1 << 16];
    size_t n;
    bool failed;
} writer;

static void w_flush(writer *w) {
    if (w->n && !w->failed) {
        XXH3_64bits_update(w->h, w->buf, w->n);
        if (fwrite(w->buf, 1, w->n, w->f) != w->n) w->failed = true;
    }
    w->n = 0;
}

static void w_bytes(writer *w, const void *p, size_t n) {
    const unsigned char *s = p;
    while (n) {
        if (w->n == sizeof w->buf) w_flush(w);
        size_t k = SF_MIN(n, sizeof w->buf - w->n);
        memcpy(w->buf + w->n, s, k);
        w->n += k;
        s += k;
        n -= k;
    }
}

static void w_u16(writer *w, uint16_t v) {
    unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    w_bytes(w, b, 2);
}

static void w_u32(writer *w, uint32_t v) {
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    w_bytes(w, b, 4);
}

static void w_u64(writer *w, uint64_t v) {
    w_u32(w, (uint32_t)v);
    w_u32(w, (uint32_t)(v >> 32));
}

static void write_index(writer *w, const sf_dedup_index *ix) {
    w_bytes(w, MAGIC, sizeof MAGIC);
    w_u32(w, FILE_VERSION);
    w_u32(w, (uint32_t)ix->p.measure);
    w_u32(w, (uint32_t)ix->p.method);
    w_u32(w, ix->p.shingle_words);
    uint64_t tbits;
    memcpy(&tbits, &ix->p.threshold, sizeof tbits);
    w_u64(w, tbits);
    w_u32(w, ix->p.bands);
    w_u32(w, ix->p.rows);
    w_u64(w, ix->items.n);
    for (size_t i = 0; i < ix->items.n; i++) {
        const dd_item *it = &ix->items.items[i];
        size_t idn = strlen(it->id);
        w_u32(w, (uint32_t)idn);
        w_bytes(w, it->id, idn);
        w_u64(w, it->text_hash);
        w_u64(w, it->simhash);
        w_u32(w, it->nset);
        unsigned char hb = it->hbits;
        w_bytes(w, &hb, 1);
        if (!it->nset) continue;
        if (it->hbits == CSET_RAW) {
            const uint32_t *v = it->cset;
            for (uint32_t k = 0; k < it->nset; k++) w_u32(w, v[k]);
        } else {
            const uint16_t *v = it->cset;
            size_t m = ((size_t)1 << it->hbits) + it->nset;
            for (size_t k = 0; k < m; k++) w_u16(w, v[k]);
        }
    }
    for (size_t k = 0; k < ix->items.n * ix->p.bands; k++) w_u32(w, ix->next[k]);
    w_u64(w, sf__map_count(&ix->buckets));
    if (ix->buckets.has_zero) {
        w_u64(w, 0);
        w_u64(w, ix->buckets.zero_val);
    }
    for (size_t k = 0; k < ix->buckets.cap; k++)
        if (ix->buckets.keys[k]) {
            w_u64(w, ix->buckets.keys[k]);
            w_u64(w, ix->buckets.vals[k]);
        }
}

sf_status sf_dedup_index_save(const sf_dedup_index *ix, const char *path, sf_error *err) {
    if (!ix || !path) return sf__error_set(err, SF_ERR_ARG, "sf_dedup_index_save: NULL argument");
    /* Written beside the target and renamed over it, so that a failed save
     * (disk full, killed) leaves the previous index whole. */
    size_t pn = strlen(path);
    char *tmp = sf__malloc(pn + 16);
    writer *w = sf__calloc(1, sizeof *w);
    if (!w || !tmp) {
        sf__free(w);
        sf__free(tmp);
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory saving %s", path);
    }
    snprintf(tmp, pn + 16, "%s.tmp%ld", path, (long)getpid());
    w->h = XXH3_createState();
    if (!w->h || XXH3_64bits_reset(w->h) != XXH_OK) {
        XXH3_freeState(w->h);
        sf__free(w);
        sf__free(tmp);
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory saving %s", path);
    }
    w->f = fopen(tmp, "wb");
    if (!w->f) {
        int e = errno;
        XXH3_freeState(w->h);
        sf__free(w);
        sf__free(tmp);
        return sf__error_set(err, SF_ERR_IO, "%s: cannot create: %s", path, strerror(e));
    }
    write_index(w, ix);
    w_flush(w);
    uint64_t sum = XXH3_64bits_digest(w->h);
    unsigned char b[8];
    for (int k = 0; k < 8; k++) b[k] = (unsigned char)(sum >> (8 * k));
    if (!w->failed && fwrite(b, 1, 8, w->f) != 8) w->failed = true;
    bool failed = w->failed;
    int e = errno;
    if (fclose(w->f) != 0) {
        failed = true;
        e = errno;
    }
    if (!failed && rename(tmp, path) != 0) {
        failed = true;
        e = errno;
    }
    if (failed) remove(tmp);
    XXH3_freeState(w->h);
    sf__free(w);
    sf__free(tmp);
    if (failed) return sf__error_set(err, SF_ERR_IO, "%s: write failed: %s", path, strerror(e));
    return SF_OK;
}

/* A cursor over the loaded file: little-endian fields read in the order
 * write_index wrote them. A read past the end takes nothing and returns
 * false, so the callers test sizes once per read, not by hand-counted
 * offsets. */
typedef struct reader {
    const unsigned char *p, *end;
} reader;

static bool rd_has(const reader *r, size_t n) { return (size_t)(r->end - r->p) >= n; }

static size_t rd_left(const reader *r) { return (size_t)(r->end - r->p); }

static bool rd_bytes(reader *r, size_t n, const unsigned char **out) {
    if (!rd_has(r, n)) return false;
    *out = r->p;
    r->p += n;
    return true;
}

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p) { return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32; }

static bool rd_u8(reader *r, uint8_t *v) {
    const unsigned char *b;
    if (!rd_bytes(r, 1, &b)) return false;
    *v = b[0];
    return true;
}

static bool rd_u16(reader *r, uint16_t *v) {
    const unsigned char *b;
    if (!rd_bytes(r, 2, &b)) return false;
    *v = le16(b);
    return true;
}

static bool rd_u32(reader *r, uint32_t *v) {
    const unsigned char *b;
    if (!rd_bytes(r, 4, &b)) return false;
    *v = le32(b);
    return true;
}

static bool rd_u64(reader *r, uint64_t *v) {
    const unsigned char *b;
    if (!rd_bytes(r, 8, &b)) return false;
    *v = le64(b);
    return true;
}

static sf_status read_file(const char *path, unsigned char **data, size_t *n, sf_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return sf__error_set(err, SF_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    sf_buf b;
    sf__buf_init(&b, (size_t)1 << 40);
    char chunk[1 << 16];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) sf__buf_add(&b, chunk, k);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        sf__buf_release(&b);
        return sf__error_set(err, SF_ERR_IO, "%s: read failed", path);
    }
    if (sf__buf_status(&b) != SF_OK)
        return sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory reading", path);
    *data = (unsigned char *)sf__buf_detach(&b, n);
    if (!*data) return sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory reading", path);
    return SF_OK;
}

/* How reading the body of an index file went; LOAD_CORRUPT comes with a
 * reason. */
typedef enum { LOAD_OK, LOAD_TRUNCATED, LOAD_CORRUPT, LOAD_NOMEM } load_result;

/* The file's frame: magic, a whole header, the version, and the checksum over
 * everything before its last eight bytes. On success *body is the reader
 * over the bytes after the magic and before the checksum. */
static sf_status check_frame(const char *path, const unsigned char *d, size_t n, reader *body,
                             sf_error *err) {
    if (n < sizeof MAGIC || memcmp(d, MAGIC, sizeof MAGIC) != 0)
        return sf__error_set(err, SF_ERR_PARSE, "%s: not a storyfold dedup index (bad magic)", path);
    if (n < HEADER_BYTES + 8)
        return sf__error_set(err, SF_ERR_PARSE,
                             "%s: truncated dedup index (%zu bytes, header needs %d)", path, n,
                             HEADER_BYTES + 8);
    uint32_t version = le32(d + sizeof MAGIC);
    if (version != FILE_VERSION)
        return sf__error_set(err, SF_ERR_PARSE, "%s: dedup index version %u, this build reads %u",
                             path, version, FILE_VERSION);
    if ((uint64_t)XXH3_64bits(d, n - 8) != le64(d + n - 8))
        return sf__error_set(err, SF_ERR_PARSE,
                             "%s: dedup index is truncated or corrupted (checksum mismatch)", path);
    *body = (reader){d + sizeof MAGIC, d + n - 8};
    return SF_OK;
}

/* The header after the magic (the frame guarantees all of it): the index's
 * parameters, checked as sf__dedup_params checks options, with the stored
 * LSH shape, and the number of items. */
static sf_status read_header(const char *path, reader *r, sf_dedup_params *p, uint64_t *count,
                             sf_error *err) {
    uint32_t version = 0, measure = 0, method = 0, shingle_words = 0, bands = 0, rows = 0;
    uint64_t tbits = 0;
    bool whole = rd_u32(r, &version) && rd_u32(r, &measure) && rd_u32(r, &method) &&
                 rd_u32(r, &shingle_words) && rd_u64(r, &tbits) && rd_u32(r, &bands) &&
                 rd_u32(r, &rows) && rd_u64(r, count);
    assert(whole);
    (void)whole;
    sf_dedup_options o = {0};
    o.measure = (sf_dedup_measure)measure;
    o.method = (sf_dedup_method)method;
    o.shingle_words = shingle_words;
    memcpy(&o.threshold, &tbits, sizeof o.threshold);
    if (!isfinite(o.threshold) || o.threshold == 0 || o.shingle_words == 0 ||
        sf__dedup_params(&o, p, NULL) != SF_OK)
        return sf__error_set(err, SF_ERR_PARSE, "%s: dedup index has invalid parameters", path);
    if (p->method == SF_DEDUP_SIMHASH ? bands != p->bands || rows != p->rows
                                      : bands == 0 || rows == 0 || bands > SF_MINHASH_K ||
                                            bands * rows > SF_MINHASH_K)
        return sf__error_set(err, SF_ERR_PARSE, "%s: dedup index has an invalid LSH shape (%u x %u)",
                             path, bands, rows);
    p->bands = bands;
    p->rows = rows;
    return SF_OK;
}

/* The compact set of `it` (nset > 0, hbits checked) into a new allocation. */
static load_result read_cset(reader *r, dd_item *it) {
    size_t bytes = cset_bytes(it->nset, it->hbits);
    if (!rd_has(r, bytes)) return LOAD_TRUNCATED;
    it->cset = sf__malloc(bytes);
    if (!it->cset) return LOAD_NOMEM;
    if (it->hbits == CSET_RAW) {
        uint32_t *v = it->cset;
        for (uint32_t k = 0; k < it->nset; k++) rd_u32(r, &v[k]);
    } else {
        uint16_t *v = it->cset;
        for (size_t k = 0; k < bytes / 2; k++) rd_u16(r, &v[k]);
    }
    return LOAD_OK;
}

/* One item record, appended to ix (which owns its set from then on). */
static load_result read_item(reader *r, sf_dedup_index *ix, const char **bad) {
    uint32_t idn = 0;
    if (!rd_u32(r, &idn)) return LOAD_TRUNCATED;
    /* the id and the fixed fields after it */
    if (!rd_has(r, (size_t)idn + 8 + 8 + 4 + 1)) return LOAD_TRUNCATED;
    dd_item it = {.id = ""};
    const unsigned char *id = NULL;
    rd_bytes(r, idn, &id);
    if (idn) {
        it.id = sf__arena_strndup(&ix->ids, (const char *)id, idn);
        if (!it.id) return LOAD_NOMEM;
    }
    uint8_t hb = 0;
    rd_u64(r, &it.text_hash);
    rd_u64(r, &it.simhash);
    rd_u32(r, &it.nset);
    rd_u8(r, &hb);
    if (it.nset == 0 ? hb != 0 : hb != CSET_RAW && hb != cset_hbits(it.nset)) {
        *bad = "bad compact set size";
        return LOAD_CORRUPT;
    }
    it.hbits = hb;
    if (it.nset) {
        load_result lr = read_cset(r, &it);
        if (lr != LOAD_OK) return lr;
        ix->set_bytes += cset_bytes(it.nset, it.hbits);
    }
    ix->items.items[ix->items.n++] = it;
    if (it.nset && !cset_valid(&it)) {
        *bad = "shingle set out of order";
        return LOAD_CORRUPT;
    }
    return LOAD_OK;
}

/* The band chains of the ix->items.n items: each link goes to an older item
 * or nowhere, so a walk has no cycle and no read past the end. */
static load_result read_links(reader *r, sf_dedup_index *ix, const char **bad) {
    const size_t bands = ix->p.bands, nlinks = ix->items.n * bands;
    if (rd_left(r) / 4 < nlinks) return LOAD_TRUNCATED;
    for (size_t k = 0; k < nlinks; k++) {
        uint32_t v = 0;
        rd_u32(r, &v);
        if (v != NO_ITEM && v >= k / bands) {
            *bad = "band chain out of order";
            return LOAD_CORRUPT;
        }
        ix->next[k] = v;
    }
    return LOAD_OK;
}

/* The band key map: each key once, each pointing at a loaded item. */
static load_result read_buckets(reader *r, sf_dedup_index *ix, const char **bad) {
    uint64_t nkeys = 0;
    if (!rd_u64(r, &nkeys)) return LOAD_TRUNCATED;
    if (rd_left(r) / 16 < nkeys) return LOAD_TRUNCATED;
    for (uint64_t k = 0; k < nkeys; k++) {
        uint64_t key = 0, head = 0;
        rd_u64(r, &key);
        rd_u64(r, &head);
        if (head == 0 || head > ix->items.n) {
            *bad = "band key points past the items";
            return LOAD_CORRUPT;
        }
        uint64_t *slot = sf__map_slot(&ix->buckets, key);
        if (!slot) return LOAD_NOMEM;
        if (*slot) {
            *bad = "band key stored twice";
            return LOAD_CORRUPT;
        }
        *slot = head;
    }
    return LOAD_OK;
}

/* The items, chains and key map of an index of `count` items with
 * parameters p into a new *ixp (set even on failure, for the message). */
static load_result read_body(reader *r, const sf_dedup_params *p, uint64_t count,
                             sf_dedup_index **ixp, const char **bad) {
    sf_dedup_index *ix = *ixp = index_new(p);
    if (!ix || grow_items(ix, (size_t)count) != SF_OK ||
        SF_VEC_RESERVE(&ix->items, (size_t)count + 1) != SF_OK)
        return LOAD_NOMEM;
    for (uint64_t i = 0; i < count; i++) {
        load_result lr = read_item(r, ix, bad);
        if (lr != LOAD_OK) return lr;
    }
    load_result lr = read_links(r, ix, bad);
    return lr == LOAD_OK ? read_buckets(r, ix, bad) : lr;
}

sf_status sf_dedup_index_load(const char *path, sf_dedup_index **out, sf_error *err) {
    if (!path || !out) return sf__error_set(err, SF_ERR_ARG, "sf_dedup_index_load: NULL argument");
    *out = NULL;
    unsigned char *d = NULL;
    size_t n = 0;
    SF_TRY(read_file(path, &d, &n, err));
    sf_dedup_index *ix = NULL;
    reader r = {NULL, NULL};
    sf_dedup_params p;
    uint64_t count = 0;
    const char *bad = NULL;
    sf_status st = check_frame(path, d, n, &r, err);
    if (st == SF_OK) st = read_header(path, &r, &p, &count, err);
    if (st == SF_OK) {
        /* every record takes at least 25 bytes: a count beyond that is a lie */
        load_result lr = count > rd_left(&r) / 25 ? LOAD_TRUNCATED
                                                  : read_body(&r, &p, count, &ix, &bad);
        size_t at = ix ? ix->items.n : 0; /* records read whole */
        if (lr == LOAD_CORRUPT)
            st = sf__error_set(err, SF_ERR_PARSE, "%s: dedup index is corrupted (%s, record %zu)",
                               path, bad, at);
        else if (lr == LOAD_TRUNCATED)
            st = sf__error_set(err, SF_ERR_PARSE,
                               "%s: dedup index is truncated (after record %zu of %llu)", path, at,
                               (unsigned long long)count);
        else if (lr == LOAD_NOMEM)
            st = sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory loading record %zu", path,
                               ix ? at + 1 : 0);
        else if (rd_left(&r) != 0)
            st = sf__error_set(err, SF_ERR_PARSE, "%s: %zu unexpected bytes after %llu records",
                               path, rd_left(&r), (unsigned long long)count);
    }
    sf__free(d);
    if (st != SF_OK) {
        sf_dedup_index_destroy(ix);
        return st;
    }
    *out = ix;
    return SF_OK;
}

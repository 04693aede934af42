/* minhash.c - sketches of shingle sets and their LSH band keys: MinHash with
 * K permutations (Broder 1997), one-permutation hashing with optimal
 * densification (Li, Owen, Zhang 2012; Shrivastava 2017), SimHash (Charikar
 * 2002), and the choice of bands x rows from the S-curve 1 - (1 - j^r)^b. */
#include "fingerprint.h"

#include <math.h>
#include <pthread.h>

static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Permutation i maps a 32-bit element x to the high half of a_i*x + b_i
 * (mod 2^64) with a_i odd: Dietzfelbinger's multiply-add-shift, a universal
 * family that costs one multiply. The constants are fixed so that sketches
 * made on any machine compare. */
typedef struct perm_table {
    uint64_t a[SF_MINHASH_K], b[SF_MINHASH_K];
} perm_table;

static perm_table g_perms; /* written once, then read-only */
static pthread_once_t g_perms_once = PTHREAD_ONCE_INIT;

static void init_perms(void) {
    uint64_t st = 0x2545f4914f6cdd1dULL;
    for (unsigned i = 0; i < SF_MINHASH_K; i++) {
        g_perms.a[i] = splitmix64(&st) | 1u;
        g_perms.b[i] = splitmix64(&st);
    }
}

static const perm_table *perms(void) {
    pthread_once(&g_perms_once, init_perms);
    return &g_perms;
}

void sf__minhash(const uint32_t *set, size_t n, uint32_t *sig) {
    const perm_table *pt = perms();
    uint32_t m[SF_MINHASH_K];
    for (unsigned i = 0; i < SF_MINHASH_K; i++) m[i] = UINT32_MAX;
    for (size_t e = 0; e < n; e++) {
        uint64_t x = set[e];
        /* independent lanes: the compiler vectorizes this loop */
        for (unsigned i = 0; i < SF_MINHASH_K; i++) {
            uint32_t h = (uint32_t)((pt->a[i] * x + pt->b[i]) >> 32);
            m[i] = h < m[i] ? h : m[i];
        }
    }
    memcpy(sig, m, sizeof m);
}

void sf__minhash_oph(const uint32_t *set, size_t n, uint32_t *sig) {
    /* The elements are already uniform hashes and the set is sorted, so the
     * top bits pick the bin and the first element met in a bin is its
     * minimum: one pass, no multiplication. */
    enum { BITS = 7 };
    _Static_assert(SF_MINHASH_K == 1u << BITS, "K must be 2^BITS");
    bool full[SF_MINHASH_K] = {false};
    /* from the end, so the last write to a bin is its first element */
    for (size_t e = n; e-- > 0;) {
        unsigned bin = set[e] >> (32 - BITS);
        full[bin] = true;
        sig[bin] = set[e];
    }
    if (n == 0) {
        for (unsigned i = 0; i < SF_MINHASH_K; i++) sig[i] = UINT32_MAX;
        return;
    }
    uint32_t orig[SF_MINHASH_K];
    memcpy(orig, sig, sizeof orig);
    for (unsigned j = 0; j < SF_MINHASH_K; j++) {
        if (full[j]) continue;
        /* Optimal densification: an empty bin j follows its own hash
         * sequence h(j, 1), h(j, 2), ... to the first non-empty bin and
         * borrows that bin's value; two sets agree on j with probability
         * equal to their Jaccard similarity. */
        unsigned src = SF_MINHASH_K;
        for (uint64_t t = 1; t <= 4096 && src == SF_MINHASH_K; t++) {
            unsigned k = (unsigned)(mix64(((uint64_t)j << 32) ^ t) >> (64 - BITS));
            if (full[k]) src = k;
        }
        if (src == SF_MINHASH_K) /* practically unreachable: take the next full bin */
            for (unsigned k = 1; k <= SF_MINHASH_K && src == SF_MINHASH_K; k++)
                if (full[(j + k) % SF_MINHASH_K]) src = (j + k) % SF_MINHASH_K;
        sig[j] = orig[src];
    }
}

uint64_t sf__simhash(const uint32_t *set, size_t n) {
    uint32_t ones[64] = {0};
    for (size_t e = 0; e < n; e++) {
        uint64_t y = mix64((uint64_t)set[e] + 0x9e3779b97f4a7c15ULL);
        for (unsigned b = 0; b < 64; b++) ones[b] += (uint32_t)((y >> b) & 1u);
    }
    uint64_t h = 0;
    for (unsigned b = 0; b < 64; b++)
        if (2 * (uint64_t)ones[b] > n) h |= (uint64_t)1 << b;
    return h;
}

void sf__band_keys(const uint32_t *sig, unsigned bands, unsigned rows, uint64_t *keys) {
    for (unsigned i = 0; i < bands; i++)
        keys[i] = sf__hash64(sig + (size_t)i * rows, rows * sizeof *sig, (uint64_t)i + 1);
}

void sf__simhash_keys(uint64_t simhash, uint64_t *keys) {
    for (unsigned b = 0; b < SF_SIMHASH_BLOCKS; b++)
        keys[b] = mix64(((uint64_t)(b + 1) << 32) | ((simhash >> (16 * b)) & 0xffffu));
}

double sf__lsh_probability(double j, unsigned bands, unsigned rows) {
    if (j <= 0) return 0;
    if (j >= 1) return 1;
    return 1.0 - pow(1.0 - pow(j, (double)rows), (double)bands);
}

/* The last choice made, per thread: the search below costs k * 400 calls of
 * pow(), and callers that run the pipeline once per story (the store
 * re-summarizes every changed story) ask the same (t, k) thousands of times. */
static _Thread_local struct {
    double t;
    unsigned k, bands, rows;
} lsh_memo;

void sf__lsh_choose(double t, unsigned k, unsigned *bands, unsigned *rows) {
    if (k == 0) k = SF_MINHASH_K;
    if (t <= 0) t = 0.01;
    if (t > 1) t = 1;
    if (lsh_memo.k == k && lsh_memo.t == t) {
        *bands = lsh_memo.bands;
        *rows = lsh_memo.rows;
        return;
    }
    unsigned best_b = k, best_r = 1;
    double best_area = INFINITY, best_p = -1;
    bool feasible = false;
    for (unsigned r = 1; r <= k; r++) {
        unsigned b = k / r;
        double p = sf__lsh_probability(t, b, r);
        /* area under the S-curve below t: how many dissimilar pairs become
         * candidates (each costs one exact verification) */
        double area = 0;
        for (int s = 0; s < 200; s++) area += sf__lsh_probability(t * (s + 0.5) / 200, b, r);
        area *= t / 200;
        bool ok = p >= 0.995;
        if (ok && (!feasible || area < best_area)) {
            feasible = true;
            best_area = area;
            best_b = b;
            best_r = r;
        } else if (!feasible && !ok && p > best_p) {
            best_p = p;
            best_b = b;
            best_r = r;
        }
    }
    *bands = best_b;
    *rows = best_r;
    lsh_memo.t = t;
    lsh_memo.k = k;
    lsh_memo.bands = best_b;
    lsh_memo.rows = best_r;
}

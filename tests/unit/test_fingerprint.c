/* test_fingerprint.c - shingles, shingle sets, MinHash (K permutations and
 * one-permutation), SimHash and the LSH shape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fingerprint/fingerprint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <xxhash.h>

static size_t shingles_of(sf_shingler *s, const char *t, unsigned k, sf_u64vec *v,
                          uint64_t *th, size_t *nw) {
    assert_int_equal(sf__shingles(s, t, strlen(t), k, v, th, nw), SF_OK);
    return v->n;
}

static void shingles_ignore_case_punctuation_and_spacing(void **state) {
    (void)state;
    sf_shingler s;
    sf__shingler_init(&s);
    sf_u64vec a = {0}, b = {0};
    uint64_t ha, hb;
    size_t na, nb;
    shingles_of(&s, "The quick brown fox jumps over the lazy dog.", 3, &a, &ha, &na);
    shingles_of(&s, "  the QUICK, brown -- fox\n\njumps over: the lazy DOG!!", 3, &b, &hb, &nb);
    assert_int_equal(na, 9);
    assert_int_equal(nb, 9);
    assert_int_equal(a.n, 7); /* 9 words, k=3: 7 windows */
    assert_int_equal(b.n, 7);
    assert_memory_equal(a.items, b.items, a.n * sizeof *a.items);
    assert_true(ha == hb && ha != 0);
    SF_VEC_FREE(&a);
    SF_VEC_FREE(&b);
    sf__shingler_release(&s);
}

static void one_word_change_touches_k_shingles(void **state) {
    (void)state;
    sf_shingler s;
    sf__shingler_init(&s);
    sf_u64vec a = {0}, b = {0};
    uint64_t ha, hb;
    const char *x = "one two three four five six seven eight nine ten eleven twelve";
    const char *y = "one two three four five SIX7 seven eight nine ten eleven twelve";
    shingles_of(&s, x, 4, &a, &ha, NULL);
    shingles_of(&s, y, 4, &b, &hb, NULL);
    assert_int_equal(a.n, 9);
    assert_int_equal(b.n, 9);
    size_t differ = 0;
    for (size_t i = 0; i < a.n; i++) differ += a.items[i] != b.items[i];
    assert_int_equal(differ, 4); /* windows 2..5 contain word 5 */
    for (size_t i = 0; i < 2; i++) assert_true(a.items[i] == b.items[i]);
    assert_true(ha != hb);
    /* order matters: swapping two words changes windows */
    shingles_of(&s, "one two three four five seven six eight nine ten eleven twelve", 4, &b,
                &hb, NULL);
    assert_true(ha != hb);
    SF_VEC_FREE(&a);
    SF_VEC_FREE(&b);
    sf__shingler_release(&s);
}

static void words_keep_non_ascii_and_long_words(void **state) {
    (void)state;
    sf_shingler s;
    sf__shingler_init(&s);
    sf_u64vec a = {0}, b = {0};
    uint64_t ha, hb;
    size_t nw;
    /* accented words are single words and differ from their ASCII cousins */
    shingles_of(&s, "café au lait", 5, &a, &ha, &nw);
    assert_int_equal(nw, 3);
    shingles_of(&s, "cafe au lait", 5, &b, &hb, &nw);
    assert_int_equal(nw, 3);
    assert_true(ha != hb);
    shingles_of(&s, "東京 und München", 5, &a, &ha, &nw);
    assert_int_equal(nw, 3);
    /* words longer than the 64-byte chunk are hashed whole */
    char w1[300], w2[300];
    memset(w1, 'a', 299);
    w1[299] = 0;
    memcpy(w2, w1, 300);
    w2[250] = 'b';
    shingles_of(&s, w1, 5, &a, &ha, &nw);
    assert_int_equal(nw, 1);
    assert_int_equal(a.n, 1); /* fewer than k words: one shingle of them all */
    shingles_of(&s, w2, 5, &b, &hb, &nw);
    assert_true(ha != hb && a.items[0] != b.items[0]);
    w2[250] = 'A'; /* upper-case ASCII folds */
    shingles_of(&s, w2, 5, &b, &hb, &nw);
    assert_true(ha == hb);
    /* no words at all */
    assert_int_equal(shingles_of(&s, "", 5, &a, &ha, &nw), 0);
    assert_int_equal(nw, 0);
    assert_true(ha == 0);
    assert_int_equal(shingles_of(&s, " ,.;-- !! ", 5, &a, &ha, &nw), 0);
    assert_true(ha == 0);
    SF_VEC_FREE(&a);
    SF_VEC_FREE(&b);
    sf__shingler_release(&s);
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void sort_unique_matches_qsort(void **state) {
    (void)state;
    sf_u32vec tmp = {0};
    uint64_t seed = 7;
    static const size_t sizes[] = {0, 1, 2, 17, 48, 49, 100, 1000, 1001, 20000, 20001};
    for (size_t t = 0; t < SF_ARRAY_LEN(sizes); t++) {
        size_t n = sizes[t];
        uint32_t *v = malloc((n + 1) * sizeof *v), *w = malloc((n + 1) * sizeof *w);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* small range on odd sizes: many repeats */
            v[i] = (uint32_t)(seed >> 32) % (n % 2 ? 50u : 0xffffffffu);
            w[i] = v[i];
        }
        qsort(w, n, sizeof *w, cmp_u32);
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (m == 0 || w[i] != w[m - 1]) w[m++] = w[i];
        size_t got = sf__sort_unique_u32(v, n, &tmp);
        assert_int_equal(got, m);
        if (m) assert_memory_equal(v, w, m * sizeof *v);
        free(v);
        free(w);
    }
    SF_VEC_FREE(&tmp);
}

static void intersection_counts(void **state) {
    (void)state;
    uint32_t a[] = {1, 3, 5, 7, 9, 11}, b[] = {0, 3, 4, 5, 11, 12, 13};
    assert_int_equal(sf__intersect_count(a, 6, b, 7), 3);
    assert_int_equal(sf__intersect_count(a, 6, a, 6), 6);
    assert_int_equal(sf__intersect_count(a, 0, b, 7), 0);
}

/* Two sets with |A ∩ B| = shared and |A \ B| = |B \ A| = only. */
static void make_pair(uint64_t *seed, size_t shared, size_t only, sf_u32vec *a, sf_u32vec *b,
                      sf_u32vec *tmp) {
    a->n = b->n = 0;
    for (size_t i = 0; i < shared + 2 * only; i++) {
        *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t x = (uint32_t)(*seed >> 32);
        if (i < shared + only) assert_int_equal(SF_VEC_PUSH(a, x), SF_OK);
        if (i < shared || i >= shared + only) assert_int_equal(SF_VEC_PUSH(b, x), SF_OK);
    }
    a->n = sf__sort_unique_u32(a->items, a->n, tmp);
    b->n = sf__sort_unique_u32(b->items, b->n, tmp);
}

/* Averaged over many pairs, the fraction of agreeing sketch positions is
 * the Jaccard similarity (for both variants, for small and large sets). */
static void minhash_estimates_jaccard(void **state) {
    (void)state;
    sf_u32vec a = {0}, b = {0}, tmp = {0};
    uint64_t seed = 42;
    static const size_t sizes[][2] = {{60, 20}, {600, 200}, {30, 70}, {900, 50}, {8, 8}};
    for (int variant = 0; variant < 2; variant++) {
        for (size_t s = 0; s < SF_ARRAY_LEN(sizes); s++) {
            size_t shared = sizes[s][0], only = sizes[s][1];
            double j = (double)shared / (double)(shared + 2 * only);
            double agree = 0;
            const int pairs = 40;
            for (int p = 0; p < pairs; p++) {
                make_pair(&seed, shared, only, &a, &b, &tmp);
                uint32_t sa[SF_MINHASH_K], sb[SF_MINHASH_K];
                if (variant) {
                    sf__minhash_oph(a.items, a.n, sa);
                    sf__minhash_oph(b.items, b.n, sb);
                } else {
                    sf__minhash(a.items, a.n, sa);
                    sf__minhash(b.items, b.n, sb);
                }
                for (unsigned i = 0; i < SF_MINHASH_K; i++) agree += sa[i] == sb[i];
            }
            double est = agree / (pairs * (double)SF_MINHASH_K);
            /* 5120 positions: standard error below 0.01 */
            if (fabs(est - j) > 0.04)
                fail_msg("variant %d, sizes %zu/%zu: estimate %.3f, Jaccard %.3f", variant,
                         shared, only, est, j);
        }
    }
    /* identical sets, identical sketches; the empty set is handled */
    make_pair(&seed, 100, 0, &a, &b, &tmp);
    uint32_t sa[SF_MINHASH_K], sb[SF_MINHASH_K];
    sf__minhash(a.items, a.n, sa);
    sf__minhash(b.items, b.n, sb);
    assert_memory_equal(sa, sb, sizeof sa);
    sf__minhash_oph(NULL, 0, sa);
    assert_true(sa[0] == UINT32_MAX);
    SF_VEC_FREE(&a);
    SF_VEC_FREE(&b);
    SF_VEC_FREE(&tmp);
}

static void simhash_distance_follows_similarity(void **state) {
    (void)state;
    sf_u32vec a = {0}, b = {0}, tmp = {0};
    uint64_t seed = 3;
    make_pair(&seed, 1000, 10, &a, &b, &tmp); /* J = 0.98 */
    int near = __builtin_popcountll(sf__simhash(a.items, a.n) ^ sf__simhash(b.items, b.n));
    make_pair(&seed, 0, 500, &a, &b, &tmp); /* unrelated */
    int far = __builtin_popcountll(sf__simhash(a.items, a.n) ^ sf__simhash(b.items, b.n));
    if (near > 6 || far < 16) fail_msg("SimHash distance near %d, far %d", near, far);
    uint64_t keys[SF_SIMHASH_BLOCKS], keys2[SF_SIMHASH_BLOCKS];
    sf__simhash_keys(0x0123456789abcdefULL, keys);
    sf__simhash_keys(0x0123456789abcdeeULL, keys2); /* differs in block 0 only */
    assert_true(keys[0] != keys2[0]);
    for (unsigned i = 1; i < SF_SIMHASH_BLOCKS; i++) assert_true(keys[i] == keys2[i]);
    SF_VEC_FREE(&a);
    SF_VEC_FREE(&b);
    SF_VEC_FREE(&tmp);
}

static void lsh_shape_from_the_s_curve(void **state) {
    (void)state;
    static const double ts[] = {0.5, 0.7, 0.8, 0.9, 0.95};
    unsigned prev_r = 0;
    for (size_t i = 0; i < SF_ARRAY_LEN(ts); i++) {
        unsigned b, r;
        sf__lsh_choose(ts[i], SF_MINHASH_K, &b, &r);
        assert_true(b * r <= SF_MINHASH_K);
        double p = sf__lsh_probability(ts[i], b, r);
        if (p < 0.995) fail_msg("t=%.2f: %u bands x %u rows give only %.4f", ts[i], b, r, p);
        /* a higher threshold affords longer bands (fewer false candidates) */
        assert_true(r >= prev_r);
        prev_r = r;
        /* well below the threshold few pairs become candidates */
        assert_true(sf__lsh_probability(ts[i] / 3, b, r) < 0.35);
    }
    assert_true(sf__lsh_probability(0, 20, 5) == 0);
    assert_true(sf__lsh_probability(1, 20, 5) == 1);
}

/* The shingle hashes written out the plain way, a byte at a time: words are
 * runs of ASCII letters, digits and bytes >= 0x80, ASCII lower-cased; each
 * word is XXH3 (seed WORD) over 64-byte pieces, each piece seeded with the
 * hash so far; a shingle is XXH3 (seed SHINGLE) over its k word hashes; the
 * text hash XXH3 (seed TEXT) over all word hashes, with its low bit set. The
 * fast scan in shingle.c must give these bits (they are stored in indexes). */
#define REF_WORD_SEED 0x5eedf00du
#define REF_SHINGLE_SEED 0x5817a1e5u
#define REF_TEXT_SEED 0x7e87a11du

static bool ref_word_byte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t ref_shingles(const unsigned char *t, size_t n, unsigned k, uint64_t *out,
                           uint64_t *text_hash, uint64_t *words) {
    size_t nw = 0;
    for (size_t i = 0; i < n;) {
        if (!ref_word_byte(t[i])) {
            i++;
            continue;
        }
        unsigned char piece[64];
        size_t len = 0;
        uint64_t h = REF_WORD_SEED;
        for (; i < n && ref_word_byte(t[i]); i++) {
            piece[len++] = t[i] >= 'A' && t[i] <= 'Z' ? (unsigned char)(t[i] + 32) : t[i];
            if (len == 64) {
                h = XXH3_64bits_withSeed(piece, len, h);
                len = 0;
            }
        }
        if (len) h = XXH3_64bits_withSeed(piece, len, h);
        words[nw++] = h;
    }
    *text_hash = nw ? XXH3_64bits_withSeed(words, nw * 8, REF_TEXT_SEED) | 1u : 0;
    if (!nw) return 0;
    size_t count = nw >= k ? nw - k + 1 : 1, span = (nw >= k ? k : nw) * 8;
    for (size_t i = 0; i < count; i++) out[i] = XXH3_64bits_withSeed(words + i, span, REF_SHINGLE_SEED);
    return count;
}

static void shingle_bits_are_the_plain_xxh3_ones(void **state) {
    (void)state;
    /* bytes drawn so that words of 1..150 bytes, mixed case, non-ASCII bytes
     * and texts ending in every position of an eight-byte step all occur */
    static const char ALPHA[] = "abcXYZ019 ,.-\n\"'@[`{";
    sf_shingler s;
    sf__shingler_init(&s);
    sf_u64vec got = {0};
    unsigned char text[700];
    uint64_t want[700], words[700], seed = 0x1234567;
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(round % 350);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            unsigned r = (unsigned)(seed >> 33);
            if (round % 7 == 0 && i % 97 < 90) /* long words */
                text[i] = (unsigned char)"LongWord"[r % 8];
            else if (r % 16 == 0)
                text[i] = (unsigned char)(0x80 + (r >> 8) % 128);
            else
                text[i] = (unsigned char)ALPHA[(r >> 4) % (sizeof ALPHA - 1)];
        }
        unsigned k = round % 4 == 3 ? 7 : round % 4 == 2 ? 3 : 5;
        uint64_t th, want_th;
        size_t nw;
        size_t m = ref_shingles(text, n, k, want, &want_th, words);
        assert_int_equal(sf__shingles(&s, (const char *)text, n, k, &got, &th, &nw), SF_OK);
        assert_int_equal(got.n, m);
        assert_int_equal(th, want_th);
        if (m) assert_memory_equal(got.items, want, m * sizeof *want);
    }
    SF_VEC_FREE(&got);
    sf__shingler_release(&s);
}

/* Words of lengths around the 64-byte block and chunk sizes (1..8, 63..65,
 * 127..129, 200), at every offset within a block, alone or followed by a
 * short word, some reaching the text's end exactly at a block's end. */
static void block_edge_words_are_the_plain_xxh3_ones(void **state) {
    (void)state;
    static const size_t lens[] = {1, 2, 3, 4, 7, 8, 9, 16, 17, 63, 64, 65, 127, 128, 129, 200};
    sf_shingler s;
    sf__shingler_init(&s);
    sf_u64vec got = {0};
    unsigned char text[400];
    uint64_t want[400], words[400];
    size_t rounds = 0;
    for (size_t li = 0; li < SF_ARRAY_LEN(lens); li++)
        for (size_t off = 0; off < 64; off++)
            for (int after = 0; after < 3; after++) {
                size_t n = 0;
                memset(text, ' ', off);
                n = off;
                for (size_t i = 0; i < lens[li]; i++) text[n++] = (unsigned char)"AbC9\xc3x"[i % 6];
                if (after == 1) {
                    memcpy(text + n, " ab", 3);
                    n += 3;
                } else if (after == 2) { /* end of the text at the end of a block */
                    while (n % 64) text[n++] = 'z';
                }
                uint64_t th, want_th;
                size_t nw;
                size_t m = ref_shingles(text, n, 3, want, &want_th, words);
                assert_int_equal(sf__shingles(&s, (const char *)text, n, 3, &got, &th, &nw), SF_OK);
                assert_int_equal(got.n, m);
                assert_int_equal(th, want_th);
                if (m) assert_memory_equal(got.items, want, m * sizeof *want);
                rounds++;
            }
    assert_int_equal(rounds, SF_ARRAY_LEN(lens) * 64 * 3);
    SF_VEC_FREE(&got);
    sf__shingler_release(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shingles_ignore_case_punctuation_and_spacing),
        cmocka_unit_test(shingle_bits_are_the_plain_xxh3_ones),
        cmocka_unit_test(block_edge_words_are_the_plain_xxh3_ones),
        cmocka_unit_test(one_word_change_touches_k_shingles),
        cmocka_unit_test(words_keep_non_ascii_and_long_words),
        cmocka_unit_test(sort_unique_matches_qsort),
        cmocka_unit_test(intersection_counts),
        cmocka_unit_test(minhash_estimates_jaccard),
        cmocka_unit_test(simhash_distance_follows_similarity),
        cmocka_unit_test(lsh_shape_from_the_s_curve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

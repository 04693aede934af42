/* fingerprint.h - what an article looks like to the duplicate finder: the set
 * of its word shingles (hashes of k consecutive words), a hash of its whole
 * normalized word sequence, and sketches of the shingle set (MinHash with
 * K permutations or one-permutation hashing, and 64-bit SimHash) cut into LSH
 * band keys. Everything is deterministic: the same text gives the same bits
 * on every machine, so sketches can be stored and compared later. */
#ifndef SF_FINGERPRINT_H
#define SF_FINGERPRINT_H

#include "../common/common.h"

#define SF_SHINGLE_WORDS_DEFAULT 5u
#define SF_MINHASH_K 128u   /* sketch length for both MinHash variants */
#define SF_SIMHASH_BLOCKS 4u /* 64 bits in 4 blocks of 16: pigeonhole for k=3 */
#define SF_SIMHASH_MAX_DIST 3u

typedef SF_VEC(uint64_t) sf_u64vec;
typedef SF_VEC(uint32_t) sf_u32vec;

/* Scratch a shingler reuses between articles (one per thread). */
typedef struct sf_shingler {
    sf_u64vec words;  /* hashes of the words of the current text */
    sf_u64vec shingles;
    sf_u32vec tmp;    /* bucket sort buffer */
} sf_shingler;

void sf__shingler_init(sf_shingler *s);
void sf__shingler_release(sf_shingler *s);

/* Hash each k-word window of text[0..n) into `out` (replacing its contents),
 * in text order, with repeats. Words are maximal runs of ASCII letters and
 * digits and of non-ASCII bytes (so "café" and "東京" are words), ASCII
 * lower-cased; everything else separates words. A text of 1..k-1 words gives
 * one shingle of all its words; a text without words gives none.
 * *text_hash (may be NULL) receives a hash of the whole word sequence (equal
 * for texts that differ only in case, punctuation and spacing; 0 when there
 * are no words); *nwords (may be NULL) the number of words. */
sf_status sf__shingles(sf_shingler *s, const char *text, size_t n, unsigned k,
                       sf_u64vec *out, uint64_t *text_hash, size_t *nwords);

/* The shingle set of text[0..n): the upper 32 bits of each shingle hash,
 * sorted ascending, without repeats, in `out` (replacing its contents). */
sf_status sf__shingle_set(sf_shingler *s, const char *text, size_t n, unsigned k,
                          sf_u32vec *out, uint64_t *text_hash, size_t *nwords);

/* sf__shingle_set in two steps, for a caller that decides from the text
 * hash whether it needs the set: sf__shingle_words hashes the words of
 * text[0..n) into s (and gives *text_hash and *nwords as sf__shingles does);
 * sf__shingle_set_of_words makes the set of those words. */
sf_status sf__shingle_words(sf_shingler *s, const char *text, size_t n, uint64_t *text_hash,
                            size_t *nwords);
sf_status sf__shingle_set_of_words(sf_shingler *s, unsigned k, sf_u32vec *out);

/* Sort v[0..n) ascending and drop repeats; returns the new length. `tmp`
 * grows to n elements. */
size_t sf__sort_unique_u32(uint32_t *v, size_t n, sf_u32vec *tmp);

/* |A ∩ B| of two sorted sets without repeats. */
size_t sf__intersect_count(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/* ------------------------------------------------------------ sketches */
typedef enum sf_sketch_kind {
    SF_SKETCH_MINHASH = 0, /* K independent multiply-add-shift permutations */
    SF_SKETCH_OPH = 1,     /* one-permutation hashing, optimal densification */
    SF_SKETCH_SIMHASH = 2  /* Charikar's 64-bit SimHash */
} sf_sketch_kind;

/* MinHash sketch of a non-empty set: sig[0..SF_MINHASH_K). For each i the
 * probability that two sets agree on sig[i] is their Jaccard similarity
 * (Broder 1997). */
void sf__minhash(const uint32_t *set, size_t n, uint32_t *sig);
/* The same probability from one pass: the hash range is split into K bins,
 * each keeps its smallest element, and empty bins borrow from the bin that a
 * per-bin hash sequence lands on first (Shrivastava 2017, "Optimal
 * densification for fast and accurate minwise hashing"). */
void sf__minhash_oph(const uint32_t *set, size_t n, uint32_t *sig);
/* 64-bit SimHash of the set (each element weighted 1). Similar sets have
 * fingerprints at small Hamming distance (Charikar 2002). */
uint64_t sf__simhash(const uint32_t *set, size_t n);

/* LSH banding: cut a K-value sketch into `bands` bands of `rows` values and
 * hash each band (with its number) into keys[0..bands). */
void sf__band_keys(const uint32_t *sig, unsigned bands, unsigned rows, uint64_t *keys);
/* SimHash blocks as keys: block b of 16 bits, tagged with b. */
void sf__simhash_keys(uint64_t simhash, uint64_t *keys);

/* Probability that a pair of Jaccard similarity j shares at least one band:
 * 1 - (1 - j^rows)^bands (the S-curve). */
double sf__lsh_probability(double j, unsigned bands, unsigned rows);
/* Choose bands x rows <= k for a Jaccard threshold t: among the settings
 * whose S-curve gives at least 0.995 at t, the one with the least area under
 * the curve below t (fewest candidates to verify); when none reaches 0.995,
 * the one with the highest probability at t. */
void sf__lsh_choose(double t, unsigned k, unsigned *bands, unsigned *rows);

#endif

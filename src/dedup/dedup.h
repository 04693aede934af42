/* dedup.h - exact and near-duplicate articles: an LSH index over shingle-set
 * sketches whose candidates are verified on the shingle sets themselves, and
 * the grouping of a corpus into copies of canonical articles. */
#ifndef SF_DEDUP_H
#define SF_DEDUP_H

#include "../fingerprint/fingerprint.h"

#define SF_DEDUP_THRESHOLD_DEFAULT 0.8
/* Containment is searched with the Jaccard threshold that a pair at the
 * containment threshold has when the smaller set is this fraction of the
 * larger; smaller fractions are found with lower probability. */
#define SF_DEDUP_CONTAIN_MIN_RATIO 0.4
/* Containment needs substance: when the smaller set has fewer shingles than
 * this (about 30 words), a pair is measured by Jaccard instead, so a one-line
 * snippet is not "contained" in every article that quotes it. */
#define SF_DEDUP_CONTAIN_MIN_SHINGLES 25

/* Options with defaults filled in and the LSH shape chosen. */
typedef struct sf_dedup_params {
    double threshold;
    sf_dedup_measure measure;
    sf_dedup_method method;
    unsigned shingle_words;
    unsigned threads;
    unsigned bands, rows; /* SimHash: 4 blocks of 16 bits */
    double lsh_threshold; /* the Jaccard point the S-curve was set for */
} sf_dedup_params;

sf_status sf__dedup_params(const sf_dedup_options *o, sf_dedup_params *p, sf_error *err);

/* The canonical order in which copies are found (the first of a group is its
 * original): known dates before unknown ones, earlier first, then the longer
 * text, then the lower index; < 0, 0 or > 0 as for qsort. The dedup stage and
 * the store's near-duplicate index both order by it. */
int sf__dedup_order(int64_t pa, size_t la, size_t ia, int64_t pb, size_t lb, size_t ib);

/* Similarity of two sorted shingle sets under `m` (0 when either is empty;
 * containment falls back to Jaccard for small sets, see above). */
double sf__similarity(sf_dedup_measure m, const uint32_t *a, size_t na, const uint32_t *b,
                      size_t nb);

/* A fingerprinted article: its shingle set and what the index needs. */
typedef struct sf_dedup_fp {
    uint32_t *set;       /* sorted, no repeats; owned (sf__malloc) */
    uint32_t nset;
    uint64_t text_hash;  /* 0: no words */
    uint64_t simhash;
    uint64_t *keys;      /* bands keys (owned), NULL when nset is 0 */
} sf_dedup_fp;

/* Fingerprint text[0..n) with shingler `s` (one per thread). */
sf_status sf__dedup_fingerprint(const sf_dedup_params *p, sf_shingler *s, const char *text,
                                size_t n, sf_dedup_fp *fp);
/* The same, except that a text whose hash is a key of `known` (may be NULL)
 * gets only its text_hash (nset 0, no set, no keys): an exact copy of a text
 * grouped before needs nothing else. */
sf_status sf__dedup_fingerprint_unless(const sf_dedup_params *p, sf_shingler *s, const char *text,
                                       size_t n, const sf_map *known, sf_dedup_fp *fp);
void sf__dedup_fp_release(sf_dedup_fp *fp);

/* Index internals for callers that fingerprint themselves (the corpus
 * grouping fingerprints on several threads, then indexes on one). */
const sf_dedup_params *sf__index_params(const sf_dedup_index *ix);
/* Matches of fp, verified, most similar first; the array is owned by the
 * index and valid until its next call. */
sf_status sf__index_query_fp(sf_dedup_index *ix, const sf_dedup_fp *fp,
                             const sf_dedup_match **out, size_t *count);
/* Add fp under id (the index keeps a compact copy of fp->set; fp stays the
 * caller's). On failure the index is unchanged except for the id's bytes. */
sf_status sf__index_add_fp(sf_dedup_index *ix, const char *id, sf_dedup_fp *fp,
                           size_t *item);
/* Where an index's memory goes, in bytes (sf_dedup_index_memory is the sum):
 * verification sets, LSH tables (band chains and the key map), per-item
 * records, ids, and scratch. */
typedef struct sf_dedup_mem {
    size_t sets, lsh, items, ids, other;
} sf_dedup_mem;
void sf__index_memory_parts(const sf_dedup_index *ix, sf_dedup_mem *m);

/* The grouping the pipeline calls (see sf_dedup_corpus in storyfold.h). */
sf_status sf__dedup_corpus(const sf_corpus *c, const sf_dedup_options *o, size_t *dup_of,
                           double *similarity, sf_error *err);

#endif

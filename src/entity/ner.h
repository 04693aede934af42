/* ner.h - the trained name recognizer's machinery: token features hashed
 * into a fixed table, the BIO tag set, the weight table and greedy
 * left-to-right decoding. The trainer (tools/train_ner.c) and the tagger share
 * these functions so that the features seen in training are the ones used at
 * run time. The entity finder uses it through entity.h (sf__ner_tag_sentence).
 */
#ifndef SF_NER_H
#define SF_NER_H

#include "../common/common.h"

/* Tags: O, then B-/I- for person, place, organization, other (CoNLL PER,
 * LOC, ORG, MISC). B-x is 1 + 2*type, I-x is 2 + 2*type. */
#define SF_NER_TAGS 9
#define SF_NER_O 0
enum { SF_NER_PER = 0, SF_NER_LOC = 1, SF_NER_ORG = 2, SF_NER_MISC = 3 };
static inline int sf__ner_tag_type(int tag) { return tag ? (tag - 1) / 2 : -1; }
static inline bool sf__ner_tag_inside(int tag) { return tag && (tag - 1) % 2 == 1; }
/* Tag name as in CoNLL ("O", "B-PER", ..., "I-MISC"); -1 for an unknown name. */
const char *sf__ner_tag_name(int tag);
int sf__ner_tag_parse(const char *s, size_t n);

/* Most features one token has (static ones plus those of the tags before). */
#define SF_NER_MAX_FEATURES 40

/* Per-token hashes computed once per sentence. */
typedef struct sf_ner_tokh {
    uint64_t word, lower, shape, pre3, suf2, suf3, suf4, cls;
} sf_ner_tokh;

/* One sentence prepared for tagging. `caps` marks a headline-like sentence
 * written mostly in capitals. */
typedef struct sf_ner_sent {
    sf_ner_tokh *h;
    size_t n, cap;
    bool caps;
} sf_ner_sent;

void sf__ner_sent_release(sf_ner_sent *s);
/* Hash the words w[0..n) (each a token's bytes as written). */
sf_status sf__ner_sent_prepare(sf_ner_sent *s, const sf_view *w, size_t n);
/* Bucket indexes (of 2^bits) of the features of token i, given the two tags
 * decided before it; returns how many (at most SF_NER_MAX_FEATURES). */
size_t sf__ner_features(const sf_ner_sent *s, size_t i, int prev, int prev2, unsigned bits,
                        uint32_t *out);

/* The weight table: 2^bits buckets of SF_NER_TAGS 16-bit weights, the score
 * of a tag being the sum of its weights over the token's features. Sixteen
 * bits because averaged perceptron weights span four orders of magnitude:
 * the bias-like features carry weights near 1000 whose rounding error must
 * stay below the word features' weights near 1 (one byte, linear or on a
 * logarithmic scale, lost 7 to 17 points of F1 on eng.testa). */
typedef struct sf_ner_model {
    unsigned bits;
    const int16_t *w;
} sf_ner_model;

/* Model file: "SFNER3\0\0", u32 bits, u32 tag count (9), then 2^bits * 9
 * little-endian i16 weights. */
#define SF_NER_MAGIC "SFNER3\0\0"
#define SF_NER_HEADER 16
sf_status sf__ner_model_parse(const void *data, size_t n, sf_ner_model *out, sf_error *err);
/* The compiled-in model (ner_model.c, the bytes of models/ner.model). */
sf_status sf__ner_model_default(sf_ner_model *out, sf_error *err);

/* Greedy left-to-right tagging of a prepared sentence; tags[i] gets token
 * i's tag. An I- tag is only chosen after a B- or I- of its type. */
void sf__ner_decode(const sf_ner_model *m, const sf_ner_sent *s, uint8_t *tags);
/* May `tag` follow `prev`? */
static inline bool sf__ner_allowed(int prev, int tag) {
    return !sf__ner_tag_inside(tag) || prev == tag || prev == tag - 1;
}

/* ------------------------------------------------------------- CoNLL files */
/* A CoNLL-2003 file read whole: one token a line (word first, entity tag
 * last), a blank line between sentences, "-DOCSTART-" lines between
 * documents. Tags are mapped to the BIO tags above (I- after O or another
 * type becomes B-, so IOB1 files read the same); other types are O. */
typedef struct sf_conll {
    sf_buf text;
    SF_VEC(sf_view) words;
    SF_VEC(uint8_t) tags;
    SF_VEC(size_t) sent;   /* first token of sentence s; sent[nsents] = ntokens */
    SF_VEC(size_t) doc;    /* first sentence of document d; doc[ndocs] = nsents */
    SF_VEC(sf_view) line;  /* each token's whole line */
    sf_view docstart;      /* the first -DOCSTART- line (empty when none) */
} sf_conll;
sf_status sf__conll_read(const char *path, sf_conll *out, sf_error *err);
void sf__conll_release(sf_conll *c);
static inline size_t sf__conll_nsents(const sf_conll *c) { return c->sent.n ? c->sent.n - 1 : 0; }

/* Entity-level counts in the CoNLL evaluation's sense: an entity is right
 * when its first token, last token and type all match. Index 0..3 by type
 * (SF_NER_PER ...), 4 all types, 5 person + place + organization. */
typedef struct sf_ner_counts {
    size_t gold[6], pred[6], correct[6];
} sf_ner_counts;
/* Add the entities of gold tags g[0..n) and predicted tags p[0..n)
 * (src/eval/ner_eval.c: in libstoryfold_eval, not the product library). */
sf_status sf__ner_count(const uint8_t *g, const uint8_t *p, size_t n, sf_ner_counts *c);

#endif

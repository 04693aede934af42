/* text.h - the text core: UTF-8 repair, NFKC case folding, tokens with byte
 * offsets into the original, sentence boundaries for news, Snowball stemming
 * and stopwords. Every function works on the original bytes and reports byte
 * offsets into them, so later stages can display exactly what a source wrote.
 */
#ifndef SF_TEXT_H
#define SF_TEXT_H

#include "../common/common.h"

/* ------------------------------------------------------------------ utf8 */
/* Append `in` to `out` as valid UTF-8: each invalid byte sequence becomes
 * U+FFFD and NUL bytes become spaces; *replaced (may be NULL) is increased
 * by the number of sequences replaced. */
sf_status sf__utf8_clean(const char *in, size_t n, sf_buf *out, size_t *replaced);
/* True when the whole range is valid UTF-8 without NUL bytes. */
bool sf__utf8_valid(const char *in, size_t n);
/* Decode the code point at s[*i] (advancing *i); invalid input yields
 * U+FFFD and advances by one byte. Precondition: *i < n. */
int32_t sf__utf8_next(const char *s, size_t n, size_t *i);
/* Decode the code point that ends at s[*i - 1] (moving *i back). */
int32_t sf__utf8_prev(const char *s, size_t *i);

/* ------------------------------------------------------------- normalize */
/* Append the NFKC case fold (ICU's NFKC_Casefold) of `in` to `out`. Used for
 * matching only; display always uses the original bytes. */
sf_status sf__fold(const char *in, size_t n, sf_buf *out);

/* -------------------------------------------------------------- tokenize */
typedef enum sf_tok_kind {
    SF_TOK_WORD = 1,   /* letters, with inner apostrophes/hyphens/periods (U.S.) */
    SF_TOK_NUMBER = 2, /* 2,500  2.5  100,000  8th  1990s  -3 ; value in `value` */
    SF_TOK_PUNCT = 3   /* any other non-space character */
} sf_tok_kind;

#define SF_TOKF_ORDINAL 1u  /* 8th, 21st */
#define SF_TOKF_DECADE 2u   /* 1990s, '90s */
#define SF_TOKF_PERCENT 4u  /* 12% (the % is the unit) */
#define SF_TOKF_CAPITAL 8u  /* a word whose first letter is upper case */
#define SF_TOKF_ALLCAPS 16u /* a word of two or more letters, all upper case */

/* One token. [begin, end) covers the whole token in the original text; for
 * a number glued to a unit ("2.5km", "25-meter", "$5", "12%") the number's
 * token is [begin, end) and [unit_begin, unit_end) is the unit (empty when
 * there is none). */
typedef struct sf_token {
    size_t begin, end;
    size_t unit_begin, unit_end;
    double value; /* numbers only */
    uint8_t kind;
    uint8_t flags;
} sf_token;

typedef SF_VEC(sf_token) sf_tokvec;

/* Append the tokens of text[0..n) to `out` (offsets relative to `text`). */
sf_status sf__tokenize(const char *text, size_t n, sf_tokvec *out);

/* ------------------------------------------------------------- sentences */
typedef SF_VEC(sf_span) sf_spanvec;

/* Append the sentences of text[0..n) to `out`: ICU's sentence break iterator
 * proposes boundaries and news-specific rules veto the wrong ones
 * (abbreviations, initials, decimals, quotes, datelines...). Spans are
 * trimmed and never empty. `lang` NULL means "en". */
sf_status sf__sentences(const char *text, size_t n, const char *lang, sf_spanvec *out);

/* ------------------------------------------------------------------ stem */
/* A Snowball stemmer for one language (libstemmer). Not thread-safe: one per
 * thread. */
typedef struct sf_stemmer sf_stemmer;
/* lang: ISO 639-1 ("en", "de", ...) or a Snowball name ("english",
 * "porter"). Returns NULL when libstemmer has no such algorithm. */
sf_stemmer *sf__stemmer_create(const char *lang);
void sf__stemmer_destroy(sf_stemmer *s);
/* Stem a folded (lower-case) word. The result is owned by the stemmer and
 * valid until the next call; *len receives its length. */
const char *sf__stem(sf_stemmer *s, const char *word, size_t n, size_t *len);

/* ------------------------------------------------------------- stopwords */
/* True when the folded word is a stopword of `lang`; languages without a list
 * have no stopwords. */
bool sf__is_stopword(const char *lang, const char *word, size_t n);

/* The language of a text told by counting the stopwords of English, German,
 * French and Spanish among its first words (ASCII lower-casing, no folding):
 * another language than `base` wins only with at least five hits and half
 * as many again as `base` (news quotes foreign words). Returns "en", "de",
 * "fr" or "es" (static), or `base` itself when `base` is none of them.
 * `base` NULL means "en". The clusterer's detection (cluster/features.c). */
const char *sf__lang_guess(const char *text, size_t n, const char *base);

/* ------------------------------------------------------------------ terms */
/* The analysis chain for matching: tokenize, fold, drop stopwords and
 * punctuation, stem. One analyzer per thread. */
typedef struct sf_analyzer sf_analyzer;
sf_analyzer *sf__analyzer_create(const char *lang);
void sf__analyzer_destroy(sf_analyzer *a);
/* Call `fn` for each term of text[0..n): `term` is the stemmed folded form
 * (valid during the call), `tok` the token it came from. Numbers are passed
 * as their digits. Stops and returns the callback's status if it fails. */
typedef sf_status (*sf_term_fn)(void *user, const char *term, size_t len,
                                const sf_token *tok);
sf_status sf__analyze(sf_analyzer *a, const char *text, size_t n, sf_term_fn fn, void *user);

#endif

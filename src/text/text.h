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
/* The same chain over tokens already made by sf__tokenize of `text`
 * (toks[0..ntok), offsets into text). */
sf_status sf__analyze_tokens(sf_analyzer *a, const char *text, const sf_token *toks, size_t ntok,
                             sf_term_fn fn, void *user);
/* The chain for one word token tok whose NFKC case fold (sf__fold of its
 * bytes) the caller has made already: fold[0..n). */
sf_status sf__analyze_folded(sf_analyzer *a, const char *fold, size_t n, const sf_token *tok,
                             sf_term_fn fn, void *user);
/* The language the analyzer was made for ("en" for NULL). */
const char *sf__analyzer_lang(const sf_analyzer *a);

/* ------------------------------------------------------------------- doc */
/* One article analysed once, read by every later stage through a const
 * pointer: its tokens, its sentences and the tokens each holds, and (when
 * built with an analyzer) each token's matching terms, NFKC case fold and
 * stopword flag, all in one language. Offsets are bytes into `text`, which
 * the doc borrows (it must outlive the doc). Only text[0..n) is read, n =
 * sf__analyzed_length (the 4 MiB bound). A stage that needs something else
 * (another language, the whole of a longer text, a rewritten sentence) does
 * its own analysis and says so where it decides. */
typedef struct sf_doc_term {
    uint32_t off, len;   /* bytes of the term in sf_doc.terms */
} sf_doc_term;
typedef struct sf_doc {
    size_t article;      /* corpus index */
    const char *text;
    size_t n;            /* bytes analysed */
    size_t text_len;     /* bytes of the whole text (n < text_len: cut at the bound) */
    sf_tokvec toks;
    sf_spanvec sents;
    size_t *sent_tok;    /* first token of sentence s; sent_tok[nsents] = ntoks */
    char lang[8];        /* language code, lower case ("en" when not given) */
    /* filled by sf__doc_build only (analyzed true) */
    bool analyzed;
    SF_VEC(sf_doc_term) term; /* sf__analyze's terms, in token order */
    uint32_t *tok_term;  /* first term of token i; tok_term[ntoks] = nterms */
    sf_buf terms;        /* the terms' bytes */
    uint64_t *fold;      /* per token: sf__hash64(NFKC case fold, seed 0); 0 for punctuation */
    uint8_t *stop;       /* per token: a word whose fold is a stopword of lang */
} sf_doc;

/* Tokens and sentences of text[0..n) (cut to sf__analyzed_length). `lang`
 * is the article's language code ("de", "es-AR"; NULL means "en"): it picks
 * the sentence rules and, in the mention finder, the function words and
 * whether a capital letter says anything. On failure the doc is released. */
sf_status sf__doc_init(sf_doc *d, size_t article, const char *text, size_t n, const char *lang);
/* sf__doc_init plus the matching terms, folds and stopword flags, made by
 * `an` (the caller's, one per thread; its language must be the doc's
 * primary subtag, else SF_ERR_ARG). */
sf_status sf__doc_build(sf_doc *d, size_t article, const char *text, size_t n, const char *lang,
                        sf_analyzer *an);
void sf__doc_release(sf_doc *d);
/* The primary subtag of a language code, lower case, into out: "de" for
 * "de-DE", "en" for NULL or "" (a doc's lang). */
void sf__lang_primary(const char *lang, char out[8]);
/* Token i compared with an ASCII word, case-insensitively. */
bool sf__tok_is(const sf_doc *d, size_t i, const char *word);
/* True when token i is one of the NULL-terminated list. */
bool sf__tok_in(const sf_doc *d, size_t i, const char *const *words);
/* Token i as a dash: 0 none, 1 a hyphen "-", 2 an en dash (U+2013), 3 an
 * em dash (U+2014) or a run of hyphens ("--"). */
int sf__tok_dash(const sf_doc *d, size_t i);
/* Sentence index of byte offset `at` (the last sentence starting at or before it). */
size_t sf__doc_sentence_of(const sf_doc *d, size_t at);
/* The tokens [*t0, *t1) of an analysed doc that sf__tokenize would make of
 * text[b..e) on its own: true when b..e lies in text[0..n) between white
 * space (or the ends), where no token runs across and the tokenizer's look
 * around sees the same; false when the range must be tokenized anew. */
bool sf__doc_tokens_of(const sf_doc *d, size_t b, size_t e, size_t *t0, size_t *t1);

#endif

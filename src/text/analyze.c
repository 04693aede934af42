/* analyze.c - the term chain used for matching: tokenize, fold, drop
 * punctuation and stopwords, stem words; numbers become their bare digits
 * ("2,500" -> "2500") and a glued letter unit (2.5km) becomes a term of its
 * own. Buffers live in the analyzer and are reused, so no call allocates
 * per token once they have grown; news repeats its words, so a small
 * direct-mapped cache of stems saves most calls into the stemmer.
 */
#include "text.h"

#include <unicode/uchar.h>

/* A direct-mapped cache of word -> stem for short words. */
#define STEM_CACHE_SLOTS 4096
#define STEM_CACHE_LEN 23
typedef struct stem_slot {
    uint8_t wlen, slen; /* wlen 0: empty */
    char word[STEM_CACHE_LEN];
    char stem[STEM_CACHE_LEN];
} stem_slot;

struct sf_analyzer {
    stem_slot cache[STEM_CACHE_SLOTS];
    char lang[16];
    sf_stemmer *stem; /* NULL when libstemmer lacks the language */
    sf_tokvec toks;
    sf_buf fold;
    sf_buf num;
};

sf_analyzer *sf__analyzer_create(const char *lang) {
    sf_analyzer *a = sf__calloc(1, sizeof(*a));
    if (!a) return NULL;
    if (!lang) lang = "en";
    size_t k = strlen(lang);
    if (k >= sizeof(a->lang)) k = sizeof(a->lang) - 1;
    memcpy(a->lang, lang, k);
    a->lang[k] = '\0';
    a->stem = sf__stemmer_create(lang);
    sf__buf_init(&a->fold, 0);
    sf__buf_init(&a->num, 0);
    return a;
}

void sf__analyzer_destroy(sf_analyzer *a) {
    if (!a) return;
    sf__stemmer_destroy(a->stem);
    SF_VEC_FREE(&a->toks);
    sf__buf_release(&a->fold);
    sf__buf_release(&a->num);
    sf__free(a);
}

/* Fold, map the typographic apostrophe to ASCII (stopword lists and the
 * English stemmer expect '), then drop stopwords and stem. */
static sf_status emit_folded(sf_analyzer *a, const sf_token *tok, sf_term_fn fn, void *user);

static sf_status emit_word(sf_analyzer *a, const char *w, size_t n, const sf_token *tok,
                           sf_term_fn fn, void *user) {
    sf__buf_reset(&a->fold);
    SF_TRY(sf__fold(w, n, &a->fold));
    return emit_folded(a, tok, fn, user);
}

sf_status sf__analyze_folded(sf_analyzer *a, const char *fold, size_t n, const sf_token *tok,
                             sf_term_fn fn, void *user) {
    sf__buf_reset(&a->fold);
    SF_TRY(sf__buf_add(&a->fold, fold, n));
    return emit_folded(a, tok, fn, user);
}

/* The word folded in a->fold: apostrophes, stopwords, stem. */
static sf_status emit_folded(sf_analyzer *a, const sf_token *tok, sf_term_fn fn, void *user) {
    char *p = a->fold.p;
    size_t len = a->fold.n, o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i + 2 < len && (unsigned char)p[i] == 0xE2 && (unsigned char)p[i + 1] == 0x80 &&
            (unsigned char)p[i + 2] == 0x99) {
            p[o++] = '\'';
            i += 2;
        } else {
            p[o++] = p[i];
        }
    }
    len = o;
    if (len == 0 || sf__is_stopword(a->lang, p, len)) return SF_OK;
    if (!a->stem) return fn(user, p, len, tok);
    stem_slot *slot = NULL;
    if (len <= STEM_CACHE_LEN) {
        slot = &a->cache[sf__hash64(p, len, 0) & (STEM_CACHE_SLOTS - 1)];
        if (slot->wlen == len && memcmp(slot->word, p, len) == 0)
            return fn(user, slot->stem, slot->slen, tok);
    }
    size_t slen = len;
    const char *term = sf__stem(a->stem, p, len, &slen);
    if (slot && slen <= STEM_CACHE_LEN) {
        slot->wlen = (uint8_t)len;
        slot->slen = (uint8_t)slen;
        memcpy(slot->word, p, len);
        memcpy(slot->stem, term, slen);
    }
    return fn(user, term, slen, tok);
}

static sf_status emit_number(sf_analyzer *a, const char *text, const sf_token *t,
                             sf_term_fn fn, void *user) {
    sf__buf_reset(&a->num);
    size_t i = t->begin;
    while (i < t->end) {
        if (i >= t->unit_begin && i < t->unit_end) {
            i = t->unit_end;
            continue;
        }
        size_t at = i;
        int32_t c = sf__utf8_next(text, t->end, &i);
        int d = c < 0x80 ? ((c >= '0' && c <= '9') ? c - '0' : -1) : u_charDigitValue(c);
        if (d >= 0) {
            sf__buf_addc(&a->num, (char)('0' + d));
        } else if (c == '.' && a->num.n > 0) {
            sf__buf_addc(&a->num, '.');
        } else if ((c == '-' || c == 0x2212) && a->num.n == 0 && at == t->begin) {
            sf__buf_addc(&a->num, '-');
        } else if (a->num.n > 0 && c != ',') {
            break; /* ordinal or decade suffix */
        }
    }
    SF_TRY(sf__buf_status(&a->num));
    if (a->num.n && a->num.p[a->num.n - 1] == '.') a->num.n--;
    if (a->num.n) SF_TRY(fn(user, a->num.p, a->num.n, t));
    /* a unit made of letters (km, meter) is a term too */
    if (t->unit_end > t->unit_begin) {
        size_t j = t->unit_begin;
        int32_t c = sf__utf8_next(text, t->unit_end, &j);
        if (u_isalpha(c)) return emit_word(a, text + t->unit_begin, t->unit_end - t->unit_begin,
                                           t, fn, user);
    }
    return SF_OK;
}

sf_status sf__analyze_tokens(sf_analyzer *a, const char *text, const sf_token *toks, size_t ntok,
                             sf_term_fn fn, void *user) {
    for (size_t k = 0; k < ntok; k++) {
        const sf_token *t = &toks[k];
        if (t->kind == SF_TOK_WORD)
            SF_TRY(emit_word(a, text + t->begin, t->end - t->begin, t, fn, user));
        else if (t->kind == SF_TOK_NUMBER)
            SF_TRY(emit_number(a, text, t, fn, user));
    }
    return SF_OK;
}

sf_status sf__analyze(sf_analyzer *a, const char *text, size_t n, sf_term_fn fn, void *user) {
    a->toks.n = 0;
    SF_TRY(sf__tokenize(text, n, &a->toks));
    return sf__analyze_tokens(a, text, a->toks.items, a->toks.n, fn, user);
}

const char *sf__analyzer_lang(const sf_analyzer *a) { return a->lang; }

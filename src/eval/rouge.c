/* rouge.c - ROUGE-N, ROUGE-L and ROUGE-S/SU as ROUGE-1.5.5 computes them, so
 * that figures compare with published DUC/TAC results. Each summary is read
 * once into sorted (gram, count) lists; a peer/model pair is scored by merging
 * two lists; ROUGE's quirks (limits counted on raw words, hyphens, rounding to
 * 5 decimals, its Porter variant, its seeded bootstrap average) are kept.
 */
#include "eval.h"

#include "../text/text.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define NONE UINT32_MAX
#define MAX_FILE_BYTES ((size_t)64 << 20)
#define MAX_LCS_CELLS ((size_t)64 << 20)

/* ------------------------------------------------------------- helpers */

double sf__rouge_round5(double x) {
    /* ROUGE stores every score as sprintf("%7.5f") and reads it back; doing the
     * same (not round()) keeps ties and binary fractions identical. */
    char buf[64];
    snprintf(buf, sizeof buf, "%7.5f", x);
    return strtod(buf, NULL);
}

void sf__drand48_seed(sf_drand48 *g, uint32_t seed) {
    g->x = ((uint64_t)seed << 16) | 0x330Eu;
}

double sf__drand48_next(sf_drand48 *g) {
    /* Hand-written rather than libc's erand48: the averages must match Perl's
     * generator bit for bit on every platform (same a, c and 48-bit modulus). */
    g->x = (0x5DEECE66Dull * g->x + 0xBull) & ((1ull << 48) - 1);
    return ldexp((double)g->x, -48);
}

/* --------------------------------------------------------- Porter stem */

/* ROUGE's stemmer works with regular expressions over the word; these helpers
 * compute the same predicates. A consonant is a letter other than a, e, i, o,
 * u, and other than y when y follows a consonant (so an initial y, which ROUGE
 * upper-cases, is a consonant). */
static bool is_cons(const char *w, size_t i) {
    switch (w[i]) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return false;
    case 'y': return i == 0 ? true : !is_cons(w, i - 1);
    default: return true;
    }
}

/* m in [C](VC)^m[V] over w[0..n). */
static int measure(const char *w, size_t n) {
    int m = 0;
    size_t i = 0;
    while (i < n && is_cons(w, i)) i++;
    while (i < n) {
        while (i < n && !is_cons(w, i)) i++;
        if (i >= n) break;
        m++;
        while (i < n && is_cons(w, i)) i++;
    }
    return m;
}

static bool has_vowel(const char *w, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!is_cons(w, i)) return true;
    return false;
}

static bool ends(const char *w, size_t n, const char *s) {
    size_t k = strlen(s);
    return k <= n && memcmp(w + n - k, s, k) == 0;
}

/* ROUGE's /^C v [^aeiouwxy]$/: the whole stem is consonants, one vowel, one
 * final consonant other than w, x, y. */
static bool short_cvc(const char *w, size_t n) {
    if (n < 3) return false;
    if (strchr("aeiouwxy", w[n - 1])) return false;
    if (!strchr("aeiouy", w[n - 2])) return false;
    if (strchr("aeiou", w[0])) return false;
    for (size_t i = 1; i + 2 < n; i++)
        if (strchr("aeiouy", w[i])) return false;
    return true;
}

/* The longest suffix of w[0..n) among list[] (ROUGE's leftmost-match
 * alternation ending at $ picks the longest); index or -1. */
static int longest_suffix(const char *w, size_t n, const char *const *list, size_t count) {
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(list[i]);
        if (k > best_len && ends(w, n, list[i])) {
            best = (int)i;
            best_len = k;
        }
    }
    return best;
}

static const char *const STEP2_FROM[] = {"ational", "tional", "enci",  "anci",   "izer",    "bli",
                                         "alli",    "entli",  "eli",   "ousli",  "ization", "ation",
                                         "ator",    "alism",  "iveness", "fulness", "ousness",
                                         "aliti",   "iviti",  "biliti", "logi"};
static const char *const STEP2_TO[] = {"ate", "tion", "ence", "ance", "ize", "ble", "al",
                                       "ent", "e",    "ous",  "ize",  "ate", "ate", "al",
                                       "ive", "ful",  "ous",  "al",   "ive", "ble", "log"};
static const char *const STEP3_FROM[] = {"icate", "ative", "alize", "iciti", "ical", "ful", "ness"};
static const char *const STEP3_TO[] = {"ic", "", "al", "ic", "ic", "", ""};
static const char *const STEP4[] = {"al",  "ance", "ence",  "er", "ic",  "able", "ible", "ant",
                                    "ement", "ou", "ism",   "ate", "iti", "ous",  "ive",  "ize"};

size_t sf__rouge_porter(const char *word, size_t len, char *w) {
    memcpy(w, word, len);
    w[len] = '\0';
    size_t n = len;
    if (n < 3) return n;
    bool initial_y = w[0] == 'y';
    if (initial_y) w[0] = 'Y';

    /* Step 1a */
    if (ends(w, n, "sses") || ends(w, n, "ies")) n -= 2;
    else if (n >= 2 && w[n - 1] == 's' && w[n - 2] != 's') n -= 1;

    /* Step 1b */
    if (ends(w, n, "eed")) {
        if (measure(w, n - 3) > 0) n -= 1;
    } else if (ends(w, n, "ed") || ends(w, n, "ing")) {
        size_t k = ends(w, n, "ed") ? 2 : 3;
        if (has_vowel(w, n - k)) {
            n -= k;
            if (ends(w, n, "at") || ends(w, n, "bl") || ends(w, n, "iz")) {
                w[n++] = 'e';
            } else if (n >= 2 && w[n - 1] == w[n - 2] && !strchr("aeiouylsz", w[n - 1])) {
                n -= 1;
            } else if (short_cvc(w, n)) {
                w[n++] = 'e';
            }
        }
    }

    /* Step 1c */
    if (n >= 1 && w[n - 1] == 'y' && has_vowel(w, n - 1)) w[n - 1] = 'i';

    /* Step 2 */
    int s = longest_suffix(w, n, STEP2_FROM, SF_ARRAY_LEN(STEP2_FROM));
    if (s >= 0) {
        size_t stem = n - strlen(STEP2_FROM[s]);
        if (measure(w, stem) > 0) {
            size_t k = strlen(STEP2_TO[s]);
            memcpy(w + stem, STEP2_TO[s], k);
            n = stem + k;
        }
    }

    /* Step 3 */
    s = longest_suffix(w, n, STEP3_FROM, SF_ARRAY_LEN(STEP3_FROM));
    if (s >= 0) {
        size_t stem = n - strlen(STEP3_FROM[s]);
        if (measure(w, stem) > 0) {
            size_t k = strlen(STEP3_TO[s]);
            memcpy(w + stem, STEP3_TO[s], k);
            n = stem + k;
        }
    }

    /* Step 4, as ROUGE-1.5.5 modified it: the general list (with -ement but
     * without -ment and -ent), then -ment, then -ent or -(s|t)ion, each tried
     * on the result of the one before. */
    s = longest_suffix(w, n, STEP4, SF_ARRAY_LEN(STEP4));
    if (s >= 0) {
        size_t stem = n - strlen(STEP4[s]);
        if (measure(w, stem) > 1) n = stem;
    }
    if (ends(w, n, "ment") && measure(w, n - 4) > 1) n -= 4;
    if (ends(w, n, "ent")) {
        if (measure(w, n - 3) > 1) n -= 3;
    } else if (ends(w, n, "sion") || ends(w, n, "tion")) {
        if (measure(w, n - 3) > 1) n -= 3;
    }

    /* Step 5 */
    if (n >= 1 && w[n - 1] == 'e') {
        int m = measure(w, n - 1);
        if (m > 1 || (m == 1 && !short_cvc(w, n - 1))) n -= 1;
    }
    if (ends(w, n, "ll") && measure(w, n) > 1) n -= 1;

    if (initial_y) w[0] = 'y';
    w[n] = '\0';
    return n;
}

/* ------------------------------------------------------------- scorer */

typedef struct gram {
    uint32_t t[4];
    uint32_t count;
} gram;

typedef struct gramlist {
    gram *items;
    size_t n;
    double total; /* grams counted, with repetitions (ROUGE's _cn_) */
} gramlist;

typedef struct cache_entry {
    char *raw;
    uint32_t id; /* NONE: a removed stopword */
} cache_entry;

struct sf_rouge {
    sf_rouge_options o;
    sf_arena arena;
    sf_map vocab; /* hash of a stem -> id + 1 */
    SF_VEC(const char *) words;
    sf_map cache; /* hash of a raw token -> index + 1 in cached */
    SF_VEC(cache_entry) cached;
    char *stem_buf;
    size_t stem_cap;
    sf_map exc; /* hash of an irregular form -> index + 1 in exc_items */
    SF_VEC(cache_entry) exc_items; /* form and the id of its base */
};

struct sf_rouge_doc {
    gramlist ngram[SF_ROUGE_MAX_N]; /* ngram[k]: (k+1)-grams */
    gramlist skip;
    uint32_t *lcs_tok; /* LCS units (sentences), one after another */
    size_t *unit_end;
    size_t n_units;
    size_t words;
};

typedef SF_VEC(uint32_t) idvec;
typedef SF_VEC(sf_view) viewvec;

void sf_rouge_options_init(sf_rouge_options *o) {
    memset(o, 0, sizeof *o);
    o->lcs = 1;
    o->skip_gap = -1;
    o->alpha = 0.5;
    o->resamples = 1000;
    o->confidence = 95.0;
}

void sf_rouge_options_duc(sf_rouge_options *o) {
    sf_rouge_options_init(o);
    o->max_n = 2;
    o->lcs = 0;
    o->skip_bigrams = 1;
    o->skip_gap = 4;
    o->skip_unigrams = 1;
    o->stem = 1;
    o->limit_words = 250;
    o->jackknife = 1;
}

static sf_status check_options(const sf_rouge_options *o, sf_error *err) {
    if (!o) return sf__error_set(err, SF_ERR_ARG, "rouge: options are NULL");
    if (o->max_n < 0 || o->max_n > SF_ROUGE_MAX_N)
        return sf__error_set(err, SF_ERR_ARG, "rouge: -n %d is out of range 0..%d", o->max_n,
                             SF_ROUGE_MAX_N);
    if (o->limit_words < 0 || o->limit_bytes < 0)
        return sf__error_set(err, SF_ERR_ARG, "rouge: a length limit is negative");
    if (o->limit_words > 0 && o->limit_bytes > 0)
        return sf__error_set(err, SF_ERR_ARG,
                             "rouge: give a limit in words or in bytes, not both");
    if (!(o->alpha >= 0.0 && o->alpha <= 1.0))
        return sf__error_set(err, SF_ERR_ARG, "rouge: alpha %g is not within 0..1", o->alpha);
    if (o->resamples < 1)
        return sf__error_set(err, SF_ERR_ARG, "rouge: resamples must be at least 1");
    if (!(o->confidence >= 0.0 && o->confidence <= 100.0))
        return sf__error_set(err, SF_ERR_ARG, "rouge: confidence %g is not within 0..100",
                             o->confidence);
    if (o->skip_unigrams && !o->skip_bigrams)
        return sf__error_set(err, SF_ERR_ARG, "rouge: -u needs -2 (skip bigrams)");
    return SF_OK;
}

static sf_status load_exceptions(sf_rouge *r, const char *dir, sf_error *err);

sf_status sf_rouge_create(const sf_rouge_options *o, sf_rouge **out, sf_error *err) {
    if (!out) return sf__error_set(err, SF_ERR_ARG, "rouge: out is NULL");
    *out = NULL;
    SF_TRY(check_options(o, err));
    sf_rouge *r = sf__calloc(1, sizeof *r);
    if (!r) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    r->o = *o;
    sf__arena_init(&r->arena, 0);
    sf__map_init(&r->vocab);
    sf__map_init(&r->cache);
    sf__map_init(&r->exc);
    if (o->stem && o->exceptions_dir) {
        sf_status st = load_exceptions(r, o->exceptions_dir, err);
        if (st != SF_OK) {
            sf_rouge_destroy(r);
            return st;
        }
    }
    *out = r;
    return SF_OK;
}

void sf_rouge_destroy(sf_rouge *r) {
    if (!r) return;
    sf__arena_release(&r->arena);
    sf__map_release(&r->vocab);
    sf__map_release(&r->cache);
    sf__map_release(&r->exc);
    SF_VEC_FREE(&r->exc_items);
    SF_VEC_FREE(&r->words);
    SF_VEC_FREE(&r->cached);
    sf__free(r->stem_buf);
    sf__free(r);
}

/* The id of a (stemmed) word, added to the vocabulary when new. */
static sf_status intern(sf_rouge *r, const char *s, size_t n, uint32_t *id, sf_error *err) {
    uint64_t h = sf__hash64(s, n, 0x726f756765ull);
    uint64_t *slot = sf__map_slot(&r->vocab, h);
    if (!slot) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    if (*slot) {
        const char *w = r->words.items[*slot - 1];
        if (strlen(w) != n || memcmp(w, s, n) != 0)
            return sf__error_set(err, SF_ERR_INTERNAL, "rouge: hash collision on '%.*s'",
                                 (int)n, s);
        *id = (uint32_t)(*slot - 1);
        return SF_OK;
    }
    if (r->words.n >= NONE - 1) return sf__error_set(err, SF_ERR_TOO_LARGE, "rouge: vocabulary full");
    char *copy = sf__arena_strndup(&r->arena, s, n);
    if (!copy || SF_VEC_PUSH(&r->words, copy) != SF_OK)
        return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    *slot = r->words.n; /* the map may not have moved: no insertion since */
    *id = (uint32_t)(r->words.n - 1);
    return SF_OK;
}

static sf_status read_file(const char *path, char **data, size_t *len, sf_error *err);

static bool exception_id(const sf_rouge *r, const char *tok, size_t n, uint32_t *id) {
    uint64_t *slot = sf__map_find(&r->exc, sf__hash64(tok, n, 0x657863ull));
    if (!slot) return false;
    const cache_entry *e = &r->exc_items.items[*slot - 1];
    if (strlen(e->raw) != n || memcmp(e->raw, tok, n) != 0) return false;
    *id = e->id;
    return true;
}

/* WordNet's exception lists: lines "form base [base...]"; the first list and
 * line that names a form wins. Forms with '_' or '-' never match a token. */
static sf_status load_exceptions(sf_rouge *r, const char *dir, sf_error *err) {
    static const char *const FILES[] = {"adj.exc", "adv.exc", "noun.exc", "verb.exc"};
    size_t loaded = 0;
    for (size_t f = 0; f < SF_ARRAY_LEN(FILES); f++) {
        sf_buf path;
        sf__buf_init(&path, 0);
        sf__buf_addf(&path, "%s/%s", dir, FILES[f]);
        if (sf__buf_status(&path) != SF_OK) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
        char *data = NULL;
        size_t len = 0;
        struct stat sb;
        if (stat(sf__buf_cstr(&path), &sb) != 0) {
            sf__buf_release(&path);
            continue;
        }
        sf_status st = read_file(sf__buf_cstr(&path), &data, &len, err);
        sf__buf_release(&path);
        if (st != SF_OK) return st;
        sf_cur c;
        sf_view line;
        sf__cur_init(&c, data, len);
        while (st == SF_OK && sf__cur_line(&c, &line)) {
            size_t i = 0;
            while (i < line.n && line.p[i] != ' ') i++;
            size_t b0 = i + 1, b1 = b0;
            while (b1 < line.n && line.p[b1] != ' ') b1++;
            if (i == 0 || b0 >= line.n || b1 == b0) continue;
            uint64_t h = sf__hash64(line.p, i, 0x657863ull);
            uint64_t *slot = sf__map_slot(&r->exc, h);
            if (!slot) {
                st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
                break;
            }
            if (*slot) continue;
            cache_entry e = {sf__arena_strndup(&r->arena, line.p, i), NONE};
            st = intern(r, line.p + b0, b1 - b0, &e.id, err);
            if (st == SF_OK && (!e.raw || SF_VEC_PUSH(&r->exc_items, e) != SF_OK))
                st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
            if (st == SF_OK) {
                slot = sf__map_slot(&r->exc, h);
                if (slot) *slot = r->exc_items.n;
                loaded++;
            }
        }
        sf__free(data);
        if (st != SF_OK) return st;
    }
    if (loaded == 0)
        return sf__error_set(err, SF_ERR_IO, "%s: no WordNet exception lists (adj.exc, adv.exc, noun.exc, verb.exc)", dir);
    return SF_OK;
}

/* What ROUGE makes of one token (a run of [a-z0-9]): its id, or NONE when
 * it is a stopword being removed. Stemming applies to tokens longer than 3
 * (ROUGE's MorphStem without its WordNet exception list, which is not
 * distributed with storyfold). */
static sf_status token_id(sf_rouge *r, const char *tok, size_t n, uint32_t *id, sf_error *err) {
    uint64_t h = sf__hash64(tok, n, 0x746f6bull);
    uint64_t *slot = sf__map_find(&r->cache, h);
    if (slot) {
        const cache_entry *e = &r->cached.items[*slot - 1];
        if (strlen(e->raw) == n && memcmp(e->raw, tok, n) == 0) {
            *id = e->id;
            return SF_OK;
        }
    }
    uint32_t v = NONE;
    if (r->o.remove_stopwords && sf__is_stopword("en", tok, n)) {
        v = NONE;
    } else if (r->o.stem && n > 3 && exception_id(r, tok, n, &v)) {
        /* an irregular form: its WordNet base, not stemmed further */
    } else if (r->o.stem && n > 3) {
        if (r->stem_cap < n + 2) {
            char *nb = sf__realloc(r->stem_buf, n + 2);
            if (!nb) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
            r->stem_buf = nb;
            r->stem_cap = n + 2;
        }
        size_t k = sf__rouge_porter(tok, n, r->stem_buf);
        SF_TRY(intern(r, r->stem_buf, k, &v, err));
    } else {
        SF_TRY(intern(r, tok, n, &v, err));
    }
    if (!slot) { /* cache it (a colliding key just stays uncached) */
        char *raw = sf__arena_strndup(&r->arena, tok, n);
        cache_entry e = {raw, v};
        if (!raw || SF_VEC_PUSH(&r->cached, e) != SF_OK)
            return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
        uint64_t *s2 = sf__map_slot(&r->cache, h);
        if (!s2) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
        *s2 = r->cached.n;
    }
    *id = v;
    return SF_OK;
}

/* Append the ids of text[0..n) as ROUGE tokenizes it: A-Z lower-cased, every
 * byte but [a-z0-9] a separator ('-' becomes a token of its own that the
 * n-gram builders then skip), stopwords and stemming applied. */
static sf_status tokenize(sf_rouge *r, const char *text, size_t n, idvec *out, sf_error *err) {
    char tok[256];
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)text[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < n) {
            c = (unsigned char)text[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                break;
            i++;
        }
        size_t len = i - start;
        char *buf = tok;
        char *heap = NULL;
        if (len >= sizeof tok) {
            heap = sf__malloc(len + 1);
            if (!heap) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
            buf = heap;
        }
        for (size_t k = 0; k < len; k++) {
            char ch = text[start + k];
            buf[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
        }
        uint32_t id = NONE;
        sf_status st = token_id(r, buf, len, &id, err);
        sf__free(heap);
        if (st != SF_OK) return st;
        if (id != NONE && SF_VEC_PUSH(out, id) != SF_OK)
            return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    return SF_OK;
}

/* ---------------------------------------------------- reading a summary */

/* Perl's \s before 5.18, which ROUGE-1.5.5 was run with. */
static bool perl_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Number of fields of Perl's split(/\s+/, line): a leading empty field when
 * the line starts with white space, trailing empty fields dropped. */
static size_t split_count(sf_view s) {
    size_t i = 0, count = 0;
    bool any = false;
    for (size_t k = 0; k < s.n; k++)
        if (!perl_space(s.p[k])) any = true;
    if (!any) return 0;
    if (perl_space(s.p[0])) count = 1;
    while (i < s.n) {
        while (i < s.n && perl_space(s.p[i])) i++;
        if (i >= s.n) break;
        count++;
        while (i < s.n && !perl_space(s.p[i])) i++;
    }
    return count;
}

/* Length of the prefix of `s` holding its first k split fields. */
static size_t split_prefix(sf_view s, size_t k) {
    size_t i = 0;
    if (k == 0) return 0;
    if (s.n && perl_space(s.p[0])) k--; /* the leading empty field */
    while (k > 0 && i < s.n) {
        while (i < s.n && perl_space(s.p[i])) i++;
        while (i < s.n && !perl_space(s.p[i])) i++;
        k--;
    }
    return i;
}

/* The lines ROUGE reads from an SPL file: split at '\n', empty lines
 * dropped, nothing trimmed. */
static sf_status spl_lines(const char *text, size_t n, viewvec *lines, sf_error *err) {
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        while (i < n && text[i] != '\n') i++;
        if (i > start && SF_VEC_PUSH(lines, sf__view(text + start, i - start)) != SF_OK)
            return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
        i++; /* the '\n' */
    }
    return SF_OK;
}

/* The pieces of text ROUGE keeps under the length limit. For n-grams
 * (lcs=false) the byte limit counts every kept sentence; for LCS (lcs=true)
 * ROUGE-1.5.5 never advances its byte count, so each sentence is checked
 * alone: that quirk is kept. */
static sf_status limit_pieces(const sf_rouge_options *o, const sf_view *lines, size_t nl, bool lcs,
                              viewvec *out, sf_error *err) {
    size_t cur = 0;
    for (size_t i = 0; i < nl; i++) {
        sf_view s = lines[i];
        sf_view piece = s;
        bool last = false;
        if (o->limit_words > 0) {
            size_t len = split_count(s);
            if (cur + len < (size_t)o->limit_words) {
                cur += len;
            } else {
                piece.n = split_prefix(s, (size_t)o->limit_words - cur);
                last = true;
            }
        } else if (o->limit_bytes > 0) {
            if (cur + s.n < (size_t)o->limit_bytes) {
                if (!lcs) cur += s.n;
            } else {
                piece.n = SF_MIN(s.n, (size_t)o->limit_bytes - cur);
                last = true;
            }
        }
        if (SF_VEC_PUSH(out, piece) != SF_OK)
            return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
        if (last) break;
    }
    return SF_OK;
}

static int gram_cmp(const void *a, const void *b) {
    const gram *x = a, *y = b;
    for (int k = 0; k < 4; k++)
        if (x->t[k] != y->t[k]) return x->t[k] < y->t[k] ? -1 : 1;
    return 0;
}

/* Sort and merge equal grams into counts. */
static void gram_finish(gramlist *g) {
    if (g->n == 0) return;
    qsort(g->items, g->n, sizeof *g->items, gram_cmp);
    size_t w = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (w > 0 && gram_cmp(&g->items[w - 1], &g->items[i]) == 0) {
            g->items[w - 1].count++;
        } else {
            g->items[w] = g->items[i];
            g->items[w].count = 1;
            w++;
        }
    }
    g->n = w;
}

static sf_status build_ngrams(const uint32_t *t, size_t n, int size, gramlist *g, sf_error *err) {
    size_t k = (size_t)size;
    if (n < k) return SF_OK;
    g->items = sf__calloc(n - k + 1, sizeof *g->items);
    if (!g->items) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    for (size_t i = 0; i + k <= n; i++) {
        gram *x = &g->items[g->n++];
        for (size_t j = 0; j < 4; j++) x->t[j] = j < k ? t[i + j] : NONE;
    }
    g->total = (double)g->n;
    gram_finish(g);
    return SF_OK;
}

/* ROUGE-S: every ordered pair at most gap+1 apart (gap < 0: any); with
 * unigrams, each token as well, except the last one, as ROUGE-1.5.5 does. */
static sf_status build_skip(const uint32_t *t, size_t n, int gap, bool unigrams, gramlist *g,
                            sf_error *err) {
    if (n < 2) return SF_OK;
    size_t per = gap < 0 ? n : (size_t)gap + 1;
    size_t cap = (n - 1) * (SF_MIN(per, n - 1) + (unigrams ? 1 : 0));
    g->items = sf__calloc(cap, sizeof *g->items);
    if (!g->items) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    for (size_t i = 0; i + 1 < n; i++) {
        if (unigrams) g->items[g->n++] = (gram){{t[i], NONE, NONE, NONE}, 0};
        for (size_t j = i + 1; j < n && (gap < 0 || j <= i + (size_t)gap + 1); j++)
            g->items[g->n++] = (gram){{t[i], t[j], NONE, NONE}, 0};
    }
    g->total = (double)g->n;
    gram_finish(g);
    return SF_OK;
}

void sf_rouge_doc_destroy(sf_rouge_doc *d) {
    if (!d) return;
    for (int k = 0; k < SF_ROUGE_MAX_N; k++) sf__free(d->ngram[k].items);
    sf__free(d->skip.items);
    sf__free(d->lcs_tok);
    sf__free(d->unit_end);
    sf__free(d);
}

size_t sf_rouge_doc_words(const sf_rouge_doc *d) { return d ? d->words : 0; }

sf_status sf_rouge_doc_create(sf_rouge *r, const char *text, size_t n, sf_rouge_doc **out,
                              sf_error *err) {
    if (!r || !out || (!text && n)) return sf__error_set(err, SF_ERR_ARG, "rouge: NULL argument");
    *out = NULL;
    sf_rouge_doc *d = sf__calloc(1, sizeof *d);
    if (!d) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    viewvec lines = {0};
    viewvec pieces = {0};
    idvec toks = {0};
    SF_VEC(size_t) ends_v = {0};
    sf_status st = spl_lines(text, n, &lines, err);
    if (st == SF_OK) st = limit_pieces(&r->o, lines.items, lines.n, false, &pieces, err);
    for (size_t i = 0; st == SF_OK && i < pieces.n; i++)
        st = tokenize(r, pieces.items[i].p, pieces.items[i].n, &toks, err);
    if (st == SF_OK) {
        d->words = toks.n;
        int maxn = r->o.max_n;
        if (r->o.lcs && maxn < 1) maxn = 1; /* ROUGE-L clips with unigram counts */
        for (int k = 0; st == SF_OK && k < maxn; k++)
            st = build_ngrams(toks.items, toks.n, k + 1, &d->ngram[k], err);
        if (st == SF_OK && r->o.skip_bigrams)
            st = build_skip(toks.items, toks.n, r->o.skip_gap, r->o.skip_unigrams != 0, &d->skip,
                            err);
    }
    if (st == SF_OK && r->o.lcs) {
        pieces.n = 0;
        toks.n = 0;
        st = limit_pieces(&r->o, lines.items, lines.n, true, &pieces, err);
        for (size_t i = 0; st == SF_OK && i < pieces.n; i++) {
            st = tokenize(r, pieces.items[i].p, pieces.items[i].n, &toks, err);
            if (st == SF_OK && SF_VEC_PUSH(&ends_v, toks.n) != SF_OK)
                st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
        }
        if (st == SF_OK) {
            d->lcs_tok = toks.items;
            d->unit_end = ends_v.items;
            d->n_units = ends_v.n;
            toks.items = NULL;
            ends_v.items = NULL;
        }
    }
    SF_VEC_FREE(&lines);
    SF_VEC_FREE(&pieces);
    SF_VEC_FREE(&toks);
    SF_VEC_FREE(&ends_v);
    if (st != SF_OK) {
        sf_rouge_doc_destroy(d);
        return st;
    }
    *out = d;
    return SF_OK;
}

/* ------------------------------------------------------------- scoring */

/* Clipped matches: sum over grams of min(peer count, model count). */
static double gram_hits(const gramlist *p, const gramlist *m) {
    size_t i = 0, j = 0;
    double hits = 0;
    while (i < p->n && j < m->n) {
        int c = gram_cmp(&p->items[i], &m->items[j]);
        if (c < 0) i++;
        else if (c > 0) j++;
        else {
            hits += SF_MIN(p->items[i].count, m->items[j].count);
            i++;
            j++;
        }
    }
    return hits;
}

static long find_gram1(const gramlist *g, uint32_t id) {
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->items[mid].t[0] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < g->n && g->items[lo].t[0] == id ? (long)lo : -1;
}

/* One peer against one model: hits and counts of every metric asked for. */
typedef struct pair_stats {
    double hit[SF_ROUGE_METRICS], mc[SF_ROUGE_METRICS], pc[SF_ROUGE_METRICS];
} pair_stats;

/* Summary-level union LCS (Lin 2004, section 3.2) with ROUGE-1.5.5's
 * clipping: for each model unit, the union of the LCS positions against every
 * peer unit; a position counts while its word has unused unigram counts left
 * in both summaries. Ties in the LCS table go up first, as ROUGE's do. */
static sf_status lcs_pair(const sf_rouge_doc *p, const sf_rouge_doc *m, double *hit, double *base,
                          sf_error *err) {
    *hit = 0;
    *base = 0;
    const gramlist *pu = &p->ngram[0], *mu = &m->ngram[0];
    uint32_t *pcnt = sf__calloc(pu->n + 1, sizeof *pcnt);
    uint32_t *mcnt = sf__calloc(mu->n + 1, sizeof *mcnt);
    size_t maxm = 0, maxp = 0;
    for (size_t u = 0; u < m->n_units; u++) {
        size_t len = m->unit_end[u] - (u ? m->unit_end[u - 1] : 0);
        maxm = SF_MAX(maxm, len);
    }
    for (size_t u = 0; u < p->n_units; u++) {
        size_t len = p->unit_end[u] - (u ? p->unit_end[u - 1] : 0);
        maxp = SF_MAX(maxp, len);
    }
    if ((maxm + 1) > MAX_LCS_CELLS / (maxp + 1)) {
        sf__free(pcnt);
        sf__free(mcnt);
        return sf__error_set(err, SF_ERR_TOO_LARGE,
                             "rouge: sentences of %zu and %zu words are too long for ROUGE-L",
                             maxm, maxp);
    }
    uint8_t *dir = sf__malloc((maxm + 1) * (maxp + 1));
    uint32_t *prev = sf__calloc(maxp + 1, sizeof *prev);
    uint32_t *row = sf__calloc(maxp + 1, sizeof *row);
    uint8_t *mask = sf__calloc(maxm + 1, 1);
    sf_status st = SF_OK;
    if (!pcnt || !mcnt || !dir || !prev || !row || !mask) {
        st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
        goto done;
    }
    for (size_t i = 0; i < pu->n; i++) pcnt[i] = pu->items[i].count;
    for (size_t i = 0; i < mu->n; i++) mcnt[i] = mu->items[i].count;
    for (size_t u = 0; u < m->n_units; u++) {
        size_t m0 = u ? m->unit_end[u - 1] : 0, mlen = m->unit_end[u] - m0;
        const uint32_t *mt = m->lcs_tok + m0;
        *base += (double)mlen;
        if (mlen == 0) continue;
        memset(mask, 0, mlen);
        for (size_t v = 0; v < p->n_units; v++) {
            size_t p0 = v ? p->unit_end[v - 1] : 0, plen = p->unit_end[v] - p0;
            const uint32_t *pt = p->lcs_tok + p0;
            size_t w = plen + 1;
            memset(prev, 0, w * sizeof *prev);
            for (size_t i = 1; i <= mlen; i++) {
                row[0] = 0;
                for (size_t j = 1; j <= plen; j++) {
                    if (mt[i - 1] == pt[j - 1]) {
                        row[j] = prev[j - 1] + 1;
                        dir[i * w + j] = 'd';
                    } else if (prev[j] >= row[j - 1]) {
                        row[j] = prev[j];
                        dir[i * w + j] = 'u';
                    } else {
                        row[j] = row[j - 1];
                        dir[i * w + j] = 'l';
                    }
                }
                uint32_t *tmp = prev;
                prev = row;
                row = tmp;
            }
            size_t i = mlen, j = plen;
            while (i != 0 && j != 0) {
                uint8_t d = dir[i * w + j];
                if (d == 'd') {
                    i--;
                    j--;
                    mask[i] = 1;
                } else if (d == 'u') {
                    i--;
                } else {
                    j--;
                }
            }
        }
        for (size_t i = 0; i < mlen; i++) {
            if (!mask[i]) continue;
            long a = find_gram1(mu, mt[i]), b = find_gram1(pu, mt[i]);
            if (a >= 0 && b >= 0 && mcnt[a] > 0 && pcnt[b] > 0) {
                *hit += 1;
                mcnt[a]--;
                pcnt[b]--;
            }
        }
    }
done:
    sf__free(pcnt);
    sf__free(mcnt);
    sf__free(dir);
    sf__free(prev);
    sf__free(row);
    sf__free(mask);
    return st;
}

static sf_status pair_eval(const sf_rouge *r, const sf_rouge_doc *p, const sf_rouge_doc *m,
                           pair_stats *s, sf_error *err) {
    memset(s, 0, sizeof *s);
    for (int k = 0; k < r->o.max_n; k++) {
        s->hit[k] = gram_hits(&p->ngram[k], &m->ngram[k]);
        s->mc[k] = m->ngram[k].total;
        s->pc[k] = p->ngram[k].total;
    }
    if (r->o.skip_bigrams) {
        s->hit[SF_ROUGE_S] = gram_hits(&p->skip, &m->skip);
        s->mc[SF_ROUGE_S] = m->skip.total;
        s->pc[SF_ROUGE_S] = p->skip.total;
    }
    if (r->o.lcs) {
        SF_TRY(lcs_pair(p, m, &s->hit[SF_ROUGE_L], &s->mc[SF_ROUGE_L], err));
        s->pc[SF_ROUGE_L] = p->ngram[0].total;
    }
    return SF_OK;
}

static bool metric_on(const sf_rouge_options *o, int k) {
    if (k < SF_ROUGE_MAX_N) return k < o->max_n;
    if (k == SF_ROUGE_L) return o->lcs != 0;
    return o->skip_bigrams != 0;
}

/* Combine the pairs of the models in use (use[i] true) into R, P, F as
 * ROUGE-1.5.5 does: -f A sums hits and counts over models (the peer counted
 * once per model), -f B keeps the model with the best recall. */
static void combine(const sf_rouge_options *o, const pair_stats *pairs, const bool *use,
                    size_t n, sf_rouge_result *out) {
    memset(out, 0, sizeof *out);
    for (int k = 0; k < SF_ROUGE_METRICS; k++) {
        if (!metric_on(o, k)) continue;
        double H = 0, M = 0, P = 0, best = -1;
        for (size_t i = 0; i < n; i++) {
            if (!use[i]) continue;
            const pair_stats *s = &pairs[i];
            if (!o->best_model) {
                H += s->hit[k];
                M += s->mc[k];
                P += s->pc[k];
            } else {
                double score = 0;
                if (s->mc[k] != 0)
                    score = k == SF_ROUGE_L ? s->hit[k] / s->mc[k]
                                            : sf__rouge_round5(s->hit[k] / s->mc[k]);
                if (score > best) {
                    best = score;
                    H = s->hit[k];
                    M = s->mc[k];
                    P = s->pc[k];
                }
            }
        }
        sf_rouge_score *sc = &out->m[k];
        sc->computed = 1;
        sc->hits = H;
        sc->model_count = M;
        sc->peer_count = P;
        sc->recall = M != 0 ? sf__rouge_round5(H / M) : 0;
        sc->precision = P != 0 ? sf__rouge_round5(H / P) : 0;
        double den = (1 - o->alpha) * sc->precision + o->alpha * sc->recall;
        sc->f = den > 0 ? sf__rouge_round5(sc->precision * sc->recall / den) : 0;
    }
}

static sf_status eval_pairs(sf_rouge *r, const sf_rouge_doc *peer, const sf_rouge_doc *const *models,
                            size_t n_models, pair_stats **pairs, sf_error *err) {
    if (!r || !peer || !models || n_models == 0)
        return sf__error_set(err, SF_ERR_ARG, "rouge: a peer and at least one model are needed");
    *pairs = sf__calloc(n_models, sizeof **pairs);
    if (!*pairs) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    for (size_t i = 0; i < n_models; i++) {
        if (!models[i]) {
            sf__free(*pairs);
            return sf__error_set(err, SF_ERR_ARG, "rouge: model %zu is NULL", i);
        }
        sf_status st = pair_eval(r, peer, models[i], &(*pairs)[i], err);
        if (st != SF_OK) {
            sf__free(*pairs);
            return st;
        }
    }
    return SF_OK;
}

sf_status sf_rouge_eval(sf_rouge *r, const sf_rouge_doc *peer, const sf_rouge_doc *const *models,
                        size_t n_models, sf_rouge_result *out, sf_error *err) {
    if (!out) return sf__error_set(err, SF_ERR_ARG, "rouge: out is NULL");
    pair_stats *pairs;
    SF_TRY(eval_pairs(r, peer, models, n_models, &pairs, err));
    bool *use = sf__malloc(n_models * sizeof *use);
    if (!use) {
        sf__free(pairs);
        return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    for (size_t i = 0; i < n_models; i++) use[i] = true;
    combine(&r->o, pairs, use, n_models, out);
    sf__free(use);
    sf__free(pairs);
    return SF_OK;
}

sf_status sf_rouge_eval_jackknife(sf_rouge *r, const sf_rouge_doc *peer,
                                  const sf_rouge_doc *const *models, size_t n_models, size_t self,
                                  sf_rouge_result *out, sf_error *err) {
    if (!out) return sf__error_set(err, SF_ERR_ARG, "rouge: out is NULL");
    if (n_models < 2)
        return sf__error_set(err, SF_ERR_ARG, "rouge: jackknifing needs at least two models");
    if (self != SIZE_MAX && self >= n_models)
        return sf__error_set(err, SF_ERR_ARG, "rouge: self model %zu is out of range", self);
    pair_stats *pairs;
    SF_TRY(eval_pairs(r, peer, models, n_models, &pairs, err));
    bool *use = sf__malloc(n_models * sizeof *use);
    if (!use) {
        sf__free(pairs);
        return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    memset(out, 0, sizeof *out);
    size_t runs = 0;
    for (size_t e = 0; e < n_models; e++) {
        if (self != SIZE_MAX && e != self) continue;
        for (size_t i = 0; i < n_models; i++) use[i] = i != e;
        sf_rouge_result one;
        combine(&r->o, pairs, use, n_models, &one);
        for (int k = 0; k < SF_ROUGE_METRICS; k++) {
            sf_rouge_score *a = &out->m[k], *b = &one.m[k];
            a->computed = b->computed;
            a->recall += b->recall;
            a->precision += b->precision;
            a->f += b->f;
            a->hits += b->hits;
            a->model_count += b->model_count;
            a->peer_count += b->peer_count;
        }
        runs++;
    }
    for (int k = 0; k < SF_ROUGE_METRICS; k++) {
        sf_rouge_score *a = &out->m[k];
        a->recall /= (double)runs;
        a->precision /= (double)runs;
        a->f /= (double)runs;
        a->hits /= (double)runs;
        a->model_count /= (double)runs;
        a->peer_count /= (double)runs;
    }
    sf__free(use);
    sf__free(pairs);
    return SF_OK;
}

/* ----------------------------------------------------------- averaging */

static int dbl_cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

sf_status sf_rouge_bootstrap(const double *scores, size_t n, int resamples, double confidence,
                             sf_rouge_average *out, sf_error *err) {
    if (!out || (!scores && n)) return sf__error_set(err, SF_ERR_ARG, "rouge: NULL argument");
    if (resamples < 1 || !(confidence >= 0 && confidence <= 100))
        return sf__error_set(err, SF_ERR_ARG, "rouge: bad resamples or confidence");
    memset(out, 0, sizeof *out);
    double total = 0;
    for (size_t i = 0; i < n; i++) total += scores[i];
    out->mean = n ? total / (double)n : 0;
    size_t R = (size_t)resamples;
    double *samples = sf__malloc(R * sizeof *samples);
    if (!samples) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    /* ROUGE-1.5.5's bootstrapResampling: sample s is seeded with s, draws n
     * instances with replacement (int(rand(n))) and takes their mean. */
    for (size_t s = 0; s < R; s++) {
        sf_drand48 g;
        sf__drand48_seed(&g, (uint32_t)s);
        double sum = 0;
        for (size_t i = 0; i < n; i++) {
            size_t idx = (size_t)(sf__drand48_next(&g) * (double)n);
            if (idx >= n) idx = n - 1;
            sum += scores[idx];
        }
        samples[s] = n ? sum / (double)n : 0;
    }
    qsort(samples, R, sizeof *samples, dbl_cmp);
    double acc = 0;
    for (size_t s = 0; s < R; s++) acc += samples[s]; /* in sorted order, as ROUGE sums */
    out->rouge = sf__rouge_round5(acc / (double)R);
    double delta = (double)R * ((100.0 - confidence) / 2.0) / 100.0;
    long ua = (long)((double)R - delta - 1), la = (long)delta;
    double ratio = (double)R - delta - 1 - (double)ua;
#define AT(i) ((i) >= 0 && (size_t)(i) < R ? samples[(i)] : 0.0) /* Perl's undef is 0 */
    out->ci_low = sf__rouge_round5(AT(la) + (AT(la + 1) - AT(la)) * ratio);
    out->ci_high = sf__rouge_round5(AT(ua) + (AT(ua + 1) - AT(ua)) * ratio);
#undef AT
    sf__free(samples);
    return SF_OK;
}

/* -------------------------------------------------------- batch (DUC) */

typedef struct dir_file {
    char *prefix; /* D0601.M.250.A */
    char *id;     /* A, 24 */
    char *path;
} dir_file;

typedef SF_VEC(dir_file) file_vec;

typedef struct instance {
    char *key; /* evalID.peerID, ROUGE's sort key */
    double r[SF_ROUGE_METRICS], p[SF_ROUGE_METRICS], f[SF_ROUGE_METRICS];
} instance;

typedef struct peer_acc {
    SF_VEC(instance) inst;
} peer_acc;

struct sf_rouge_table {
    sf_arena arena;
    sf_rouge_peer *peers;
    size_t n_peers;
    size_t topics;
};

static int file_cmp(const void *a, const void *b) {
    const dir_file *x = a, *y = b;
    int c = strcmp(x->prefix, y->prefix);
    return c ? c : strcmp(x->id, y->id);
}

static bool all_digits(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* Numbers by value first, then other ids as strings. */
static int id_cmp(const char *a, const char *b) {
    bool da = all_digits(a), db = all_digits(b);
    if (da && db) {
        size_t la = strlen(a), lb = strlen(b);
        if (la != lb) return la < lb ? -1 : 1;
        return strcmp(a, b);
    }
    if (da != db) return da ? -1 : 1;
    return strcmp(a, b);
}

static int id_ptr_cmp(const void *a, const void *b) {
    return id_cmp(*(const char *const *)a, *(const char *const *)b);
}

static int inst_cmp(const void *a, const void *b) {
    return strcmp(((const instance *)a)->key, ((const instance *)b)->key);
}

static sf_status list_dir(sf_arena *arena, const char *dir, file_vec *out, sf_error *err) {
    DIR *d = opendir(dir);
    if (!d) return sf__error_set(err, SF_ERR_IO, "%s: %s", dir, strerror(errno));
    struct dirent *e;
    sf_status st = SF_OK;
    while (st == SF_OK && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (name[0] == '.') continue;
        const char *dot = strrchr(name, '.');
        if (!dot || dot == name || dot[1] == '\0') continue;
        size_t dl = strlen(dir), nl = strlen(name);
        char *path = sf__arena_alloc(arena, dl + nl + 2);
        if (!path) {
            st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
            break;
        }
        memcpy(path, dir, dl);
        path[dl] = '/';
        memcpy(path + dl + 1, name, nl + 1);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
        dir_file f = {sf__arena_strndup(arena, name, (size_t)(dot - name)),
                      sf__arena_strndup(arena, dot + 1, strlen(dot + 1)), path};
        if (!f.prefix || !f.id || SF_VEC_PUSH(out, f) != SF_OK)
            st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    closedir(d);
    if (st == SF_OK && out->n) qsort(out->items, out->n, sizeof *out->items, file_cmp);
    return st;
}

static sf_status read_file(const char *path, char **data, size_t *len, sf_error *err) {
    sf_buf b;
    sf__buf_init(&b, MAX_FILE_BYTES);
    sf_status st = sf__read_file(path, NULL, &b, err);
    if (st != SF_OK) {
        sf__buf_release(&b);
        return st;
    }
    *data = sf__buf_detach(&b, len);
    if (!*data) return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    return SF_OK;
}

static sf_status doc_from_file(sf_rouge *r, const char *path, sf_rouge_doc **out, sf_error *err) {
    char *data;
    size_t len;
    SF_TRY(read_file(path, &data, &len, err));
    sf_status st = sf_rouge_doc_create(r, data, len, out, err);
    sf__free(data);
    return st;
}

/* Score one topic: every peer with a file against the topic's models. */
static sf_status eval_topic(sf_rouge *r, sf_arena *arena, const dir_file *models, size_t nm,
                            const dir_file *peers, size_t np, char **ids, size_t nids,
                            peer_acc *acc, size_t *topics_of, sf_error *err) {
    const sf_rouge_options *o = &r->o;
    sf_rouge_doc **md = sf__calloc(nm, sizeof *md);
    pair_stats *pairs = sf__calloc(nm, sizeof *pairs);
    bool *use = sf__calloc(nm, sizeof *use);
    sf_status st = SF_OK;
    if (!md || !pairs || !use) st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    for (size_t i = 0; st == SF_OK && i < nm; i++) st = doc_from_file(r, models[i].path, &md[i], err);
    for (size_t q = 0; st == SF_OK && q < nids; q++) {
        const dir_file *pf = NULL;
        for (size_t i = 0; i < np; i++)
            if (strcmp(peers[i].id, ids[q]) == 0) pf = &peers[i];
        if (!pf) continue;
        sf_rouge_doc *pd;
        st = doc_from_file(r, pf->path, &pd, err);
        if (st != SF_OK) break;
        size_t self = SIZE_MAX;
        for (size_t i = 0; i < nm; i++) {
            if (strcmp(models[i].id, ids[q]) == 0) self = i;
            if (st == SF_OK) st = pair_eval(r, pd, md[i], &pairs[i], err);
        }
        sf_rouge_doc_destroy(pd);
        if (st != SF_OK) break;
        bool counted = false;
        bool jk = o->jackknife && nm >= 2;
        for (size_t e = 0; st == SF_OK && e < (jk ? nm : 1); e++) {
            if (jk && self != SIZE_MAX && e != self) continue;
            size_t used = 0;
            for (size_t i = 0; i < nm; i++) {
                use[i] = jk ? i != e : i != self;
                used += use[i];
            }
            if (used == 0) continue; /* the peer's own summary is the only model */
            sf_rouge_result res;
            combine(o, pairs, use, nm, &res);
            instance in;
            memset(&in, 0, sizeof in);
            sf_buf key;
            sf__buf_init(&key, 0);
            if (jk) sf__buf_addf(&key, "%s-%s.%s", models[0].prefix, models[e].id, ids[q]);
            else sf__buf_addf(&key, "%s.%s", models[0].prefix, ids[q]);
            in.key = sf__buf_status(&key) == SF_OK
                         ? sf__arena_strndup(arena, sf__buf_cstr(&key), key.n)
                         : NULL;
            sf__buf_release(&key);
            for (int k = 0; k < SF_ROUGE_METRICS; k++) {
                in.r[k] = res.m[k].recall;
                in.p[k] = res.m[k].precision;
                in.f[k] = res.m[k].f;
            }
            if (!in.key || SF_VEC_PUSH(&acc[q].inst, in) != SF_OK)
                st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
            counted = true;
        }
        if (counted) topics_of[q]++;
    }
    for (size_t i = 0; md && i < nm; i++) sf_rouge_doc_destroy(md[i]);
    sf__free(md);
    sf__free(pairs);
    sf__free(use);
    return st;
}

sf_status sf_rouge_eval_dirs(const sf_rouge_options *o, const char *models_dir,
                             const char *peers_dir, const char *const *peer_ids,
                             size_t n_peer_ids, sf_rouge_table **out, sf_error *err) {
    if (!out || !models_dir || !peers_dir || (!peer_ids && n_peer_ids))
        return sf__error_set(err, SF_ERR_ARG, "rouge: NULL argument");
    *out = NULL;
    sf_rouge *r;
    SF_TRY(sf_rouge_create(o, &r, err));
    sf_rouge_table *t = sf__calloc(1, sizeof *t);
    if (!t) {
        sf_rouge_destroy(r);
        return sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    sf__arena_init(&t->arena, 0);
    file_vec models = {0}, peers = {0};
    SF_VEC(char *) ids = {0};
    peer_acc *acc = NULL;
    size_t *topics_of = NULL;
    sf_status st = list_dir(&t->arena, models_dir, &models, err);
    if (st == SF_OK) st = list_dir(&t->arena, peers_dir, &peers, err);
    if (st == SF_OK && models.n == 0)
        st = sf__error_set(err, SF_ERR_EMPTY, "%s: no model summaries (PREFIX.ID files)",
                           models_dir);
    /* The peers to score. */
    for (size_t i = 0; st == SF_OK && i < n_peer_ids; i++) {
        char *id = sf__arena_strndup(&t->arena, peer_ids[i], strlen(peer_ids[i]));
        if (!id || SF_VEC_PUSH(&ids, id) != SF_OK)
            st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    if (st == SF_OK && !peer_ids) {
        for (size_t i = 0; st == SF_OK && i < peers.n; i++) {
            bool topic = false, seen = false;
            for (size_t k = 0; k < models.n && !topic; k++)
                topic = strcmp(models.items[k].prefix, peers.items[i].prefix) == 0;
            for (size_t k = 0; k < ids.n && !seen; k++) seen = strcmp(ids.items[k], peers.items[i].id) == 0;
            if (topic && !seen && SF_VEC_PUSH(&ids, peers.items[i].id) != SF_OK)
                st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
        }
    }
    if (st == SF_OK && ids.n == 0)
        st = sf__error_set(err, SF_ERR_EMPTY, "%s: no peer summaries for the topics of %s",
                           peers_dir, models_dir);
    if (st == SF_OK) {
        qsort(ids.items, ids.n, sizeof *ids.items, id_ptr_cmp);
        acc = sf__calloc(ids.n, sizeof *acc);
        topics_of = sf__calloc(ids.n, sizeof *topics_of);
        if (!acc || !topics_of) st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    /* Topic by topic (files are sorted by prefix, then id). */
    size_t pi = 0;
    for (size_t i = 0; st == SF_OK && i < models.n;) {
        size_t j = i;
        while (j < models.n && strcmp(models.items[j].prefix, models.items[i].prefix) == 0) j++;
        const char *prefix = models.items[i].prefix;
        while (pi < peers.n && strcmp(peers.items[pi].prefix, prefix) < 0) pi++;
        size_t pj = pi;
        while (pj < peers.n && strcmp(peers.items[pj].prefix, prefix) == 0) pj++;
        st = eval_topic(r, &t->arena, models.items + i, j - i, peers.items + pi, pj - pi,
                        ids.items, ids.n, acc, topics_of, err);
        t->topics++;
        i = j;
    }
    /* Average each peer's instances in ROUGE's order. */
    if (st == SF_OK) {
        t->peers = sf__calloc(ids.n, sizeof *t->peers);
        if (!t->peers) st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    double *col = NULL;
    size_t maxi = 0;
    for (size_t q = 0; acc && q < ids.n; q++) maxi = SF_MAX(maxi, acc[q].inst.n);
    if (st == SF_OK) {
        col = sf__malloc((maxi + 1) * sizeof *col);
        if (!col) st = sf__error_set(err, SF_ERR_NOMEM, "rouge: out of memory");
    }
    for (size_t q = 0; st == SF_OK && q < ids.n; q++) {
        peer_acc *a = &acc[q];
        if (a->inst.n == 0) continue;
        qsort(a->inst.items, a->inst.n, sizeof *a->inst.items, inst_cmp);
        sf_rouge_peer *p = &t->peers[t->n_peers++];
        p->id = ids.items[q];
        p->instances = a->inst.n;
        p->topics = topics_of[q];
        for (int k = 0; st == SF_OK && k < SF_ROUGE_METRICS; k++) {
            if (!metric_on(o, k)) continue;
            for (int which = 0; st == SF_OK && which < 3; which++) {
                for (size_t i = 0; i < a->inst.n; i++)
                    col[i] = which == 0 ? a->inst.items[i].r[k]
                             : which == 1 ? a->inst.items[i].p[k]
                                          : a->inst.items[i].f[k];
                sf_rouge_average *dst = which == 0 ? &p->recall[k]
                                        : which == 1 ? &p->precision[k]
                                                     : &p->f[k];
                st = sf_rouge_bootstrap(col, a->inst.n, o->resamples, o->confidence, dst, err);
            }
        }
    }
    sf__free(col);
    for (size_t q = 0; acc && q < ids.n; q++) SF_VEC_FREE(&acc[q].inst);
    sf__free(acc);
    sf__free(topics_of);
    SF_VEC_FREE(&ids);
    SF_VEC_FREE(&models);
    SF_VEC_FREE(&peers);
    sf_rouge_destroy(r);
    if (st != SF_OK) {
        sf_rouge_table_destroy(t);
        return st;
    }
    *out = t;
    return SF_OK;
}

size_t sf_rouge_table_count(const sf_rouge_table *t) { return t ? t->n_peers : 0; }

const sf_rouge_peer *sf_rouge_table_peer(const sf_rouge_table *t, size_t i) {
    return t && i < t->n_peers ? &t->peers[i] : NULL;
}

size_t sf_rouge_table_topics(const sf_rouge_table *t) { return t ? t->topics : 0; }

void sf_rouge_table_destroy(sf_rouge_table *t) {
    if (!t) return;
    sf__free(t->peers);
    sf__arena_release(&t->arena);
    sf__free(t);
}

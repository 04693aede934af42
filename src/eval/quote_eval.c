/* quote_eval.c - quote attribution against PolNeAR (Newell et al., LREC
 * 2018): brat standoff files whose `T` lines are spans (Source, Cue,
 * Content, ...) in code points, possibly in pieces ("10 20;30 40"), and
 * whose `E` lines tie one attribution's Source and Content together. The
 * rules of what is gold, found and right are in storyfold.h. */
#include "eval.h"

#include "../text/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PIECES 8

typedef struct span_set {
    size_t n;
    sf_span p[MAX_PIECES]; /* bytes */
} span_set;

typedef struct brat_t {
    long id;
    char type[32];
    span_set s;
} brat_t;

typedef SF_VEC(brat_t) brat_tvec;

/* Byte offset of every code point (cp[ncp] = n). */
static size_t *code_points(const char *text, size_t n, size_t *ncp) {
    size_t *cp = sf__malloc((n + 1) * sizeof *cp);
    if (!cp) return NULL;
    size_t k = 0, i = 0;
    while (i < n) {
        cp[k++] = i;
        (void)sf__utf8_next(text, n, &i);
    }
    cp[k] = n;
    *ncp = k;
    return cp;
}

/* "Type b e;b e" of a T line into t (offsets converted to bytes); false when
 * malformed or out of range. */
static bool parse_t(const char *f, size_t len, const size_t *cp, size_t ncp, brat_t *t) {
    size_t i = 0;
    while (i < len && f[i] != ' ') i++;
    if (i == 0 || i >= sizeof t->type) return false;
    memcpy(t->type, f, i);
    t->type[i] = '\0';
    t->s.n = 0;
    while (i < len && t->s.n < MAX_PIECES) {
        char buf[64];
        size_t j = i + 1, k = 0;
        while (j < len && f[j] != ';' && k + 1 < sizeof buf) buf[k++] = f[j++];
        buf[k] = '\0';
        char *endp;
        unsigned long b = strtoul(buf, &endp, 10), e = strtoul(endp, &endp, 10);
        if (b > e || e > ncp) return false;
        t->s.p[t->s.n++] = (sf_span){cp[b], cp[e]};
        i = j;
    }
    return t->s.n > 0;
}

static const brat_t *find_t(const brat_tvec *v, long id) {
    for (size_t i = 0; i < v->n; i++)
        if (v->items[i].id == id) return &v->items[i];
    return NULL;
}

static bool has_quote_mark(const char *text, const span_set *s) {
    for (size_t k = 0; k < s->n; k++)
        for (size_t i = s->p[k].begin; i < s->p[k].end; i++) {
            const unsigned char *p = (const unsigned char *)text + i;
            size_t left = s->p[k].end - i;
            if (p[0] == '"') return true;
            if (left >= 2 && ((p[0] == '`' && p[1] == '`') || (p[0] == '\'' && p[1] == '\'')))
                return true;
            if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x9D))
                return true;
        }
    return false;
}

/* Lower-case ASCII words of s[0..n) (letters and digits), at most `max`,
 * each at most 31 bytes. */
static size_t words_of(const char *s, size_t n, char w[][32], size_t max) {
    size_t nw = 0, i = 0;
    while (i < n && nw < max) {
        while (i < n && !isalnum((unsigned char)s[i])) i++;
        size_t k = 0;
        while (i < n && isalnum((unsigned char)s[i])) {
            if (k < 31) w[nw][k++] = (char)tolower((unsigned char)s[i]);
            i++;
        }
        if (k) w[nw][k] = '\0', nw++;
    }
    return nw;
}

static const char *const PRONOUNS[] = {"he", "she", "it", "they", "i", "we", "you", "him", "her",
                                       "them", "his", "its", "their", "this", "that", "who",
                                       "which", "these", "those", "us", "me", "one", NULL};

/* A Source that is a lone pronoun ("He", "they") is not a name or noun phrase. */
static bool lone_pronoun(const char *text, const span_set *s) {
    char w[4][32];
    size_t nw = 0;
    for (size_t k = 0; k < s->n && nw < 3; k++)
        nw += words_of(text + s->p[k].begin, s->p[k].end - s->p[k].begin, w + nw, 3 - nw);
    if (nw != 1) return nw == 0;
    for (size_t i = 0; PRONOUNS[i]; i++)
        if (strcmp(w[0], PRONOUNS[i]) == 0) return true;
    return false;
}

/* A Source that is only the speech verb ("said", "According to"): an
 * annotation slip that names nobody, so it is no name or noun phrase
 * either. */
static const char *const VERB_ONLY[] = {"said", "says", "say", "saying", "told", "tells", "added",
                                        "adds", "asked", "asks", "wrote", "writes", "tweeted",
                                        "according", "to", NULL};

static bool lone_verb(const char *text, const span_set *s) {
    char w[4][32];
    size_t nw = 0;
    for (size_t k = 0; k < s->n && nw < 4; k++)
        nw += words_of(text + s->p[k].begin, s->p[k].end - s->p[k].begin, w + nw, 4 - nw);
    if (nw == 0 || nw > 2) return false;
    for (size_t i = 0; i < nw; i++) {
        bool verb = false;
        for (size_t j = 0; VERB_ONLY[j] && !verb; j++) verb = strcmp(w[i], VERB_ONLY[j]) == 0;
        if (!verb) return false;
    }
    return true;
}

static size_t overlap(sf_span a, const span_set *s) {
    size_t o = 0;
    for (size_t k = 0; k < s->n; k++) {
        size_t b = SF_MAX(a.begin, s->p[k].begin), e = SF_MIN(a.end, s->p[k].end);
        if (e > b) o += e - b;
    }
    return o;
}

static bool speaker_matches(const char *text, const sf_quote_found *q, const span_set *src) {
    if (!q->speaker_name) return false;
    if (q->speaker.end > q->speaker.begin && overlap(q->speaker, src)) return true;
    char pw[16][32], gw[24][32];
    size_t np = words_of(q->speaker_name, strlen(q->speaker_name), pw, 16), ng = 0;
    for (size_t k = 0; k < src->n && ng < 24; k++)
        ng += words_of(text + src->p[k].begin, src->p[k].end - src->p[k].begin, gw + ng, 24 - ng);
    if (!np) return false;
    for (size_t j = 0; j < ng; j++)
        if (strcmp(pw[np - 1], gw[j]) == 0) return true;
    return false;
}

static void detail_line(FILE *f, const char *name, const char *what, const char *text,
                        const span_set *src, const sf_quote_found *q, const span_set *content) {
    if (!f) return;
    fprintf(f, "%s\t%s\t%.*s\t%s\t", name ? name : "", what, (int)(src->p[0].end - src->p[0].begin),
            text + src->p[0].begin, q && q->speaker_name ? q->speaker_name : "");
    size_t b = content->p[0].begin, e = SF_MIN(content->p[0].end, b + 80);
    while (e > b && e < content->p[0].end && ((unsigned char)text[e] & 0xC0) == 0x80) e--;
    for (size_t i = b; i < e; i++) fputc(text[i] == '\n' || text[i] == '\t' ? ' ' : text[i], f);
    fputc('\n', f);
}

/* One E line: Source and Content of a gold attribution, scored against
 * the predictions. */
static void score_one(const char *name, const char *text, const brat_t *src, const brat_t *con,
                      const sf_quote_found *pred, size_t npred, sf_quote_scores *acc, FILE *detail) {
    if (!src || !con || !has_quote_mark(text, &con->s) || lone_pronoun(text, &src->s) ||
        lone_verb(text, &src->s))
        return;
    acc->gold++;
    size_t best = SIZE_MAX, bo = 0;
    for (size_t i = 0; i < npred; i++) {
        size_t o = overlap(pred[i].text, &con->s);
        if (o > bo) bo = o, best = i;
    }
    if (best == SIZE_MAX) {
        detail_line(detail, name, "missed", text, &src->s, NULL, &con->s);
        return;
    }
    acc->found++;
    const sf_quote_found *q = &pred[best];
    if (!q->speaker_name) {
        acc->null_speaker++;
        detail_line(detail, name, "null", text, &src->s, q, &con->s);
        return;
    }
    acc->attributed++;
    if (speaker_matches(text, q, &src->s)) acc->correct++;
    else detail_line(detail, name, "wrong", text, &src->s, q, &con->s);
}

/* The T id of "Key:T12" fields of an E line for keys starting with `key`. */
static long e_field(const char *f, size_t len, const char *key) {
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl < len; i++) {
        if ((i == 0 || f[i - 1] == ' ' || f[i - 1] == '\t') && strncmp(f + i, key, kl) == 0) {
            const char *c = memchr(f + i, ':', len - i);
            if (c && c + 1 < f + len && c[1] == 'T') return strtol(c + 2, NULL, 10);
        }
    }
    return -1;
}

sf_status sf_quote_score_brat(const char *name, const char *text, size_t n, const char *ann,
                              size_t annlen, const sf_quote_found *pred, size_t npred,
                              sf_quote_scores *acc, FILE *detail, sf_error *err) {
    if (!acc || (n && !text) || (annlen && !ann) || (npred && !pred))
        return sf__error_set(err, SF_ERR_ARG, "sf_quote_score_brat: NULL argument");
    size_t ncp = 0;
    size_t *cp = code_points(text, n, &ncp);
    if (!cp) return sf__error_set(err, SF_ERR_NOMEM, "sf_quote_score_brat: out of memory");
    brat_tvec ts = {0};
    sf_status st = SF_OK;
    /* pass 1: spans; pass 2: attributions */
    for (int pass = 0; pass < 2 && st == SF_OK; pass++) {
        size_t i = 0, line = 0;
        while (i < annlen && st == SF_OK) {
            const char *l = ann + i;
            const char *nl = memchr(l, '\n', annlen - i);
            size_t len = nl ? (size_t)(nl - l) : annlen - i;
            i += len + 1, line++;
            const char *tab = memchr(l, '\t', len);
            /* only "T12\t" and "E3\t" lines; others are the rest of a span
             * text that held a newline, notes or relations */
            if (!tab || len < 2 || !isdigit((unsigned char)l[1])) continue;
            const char *f = tab + 1;
            const char *tab2 = memchr(f, '\t', (size_t)(l + len - f));
            size_t flen = tab2 ? (size_t)(tab2 - f) : (size_t)(l + len - f);
            if (pass == 0 && l[0] == 'T') {
                brat_t t = {.id = strtol(l + 1, NULL, 10)};
                if (!parse_t(f, flen, cp, ncp, &t)) {
                    st = sf__error_set(err, SF_ERR_PARSE, "%s: line %zu: bad span", name ? name : "annotation", line);
                    break;
                }
                st = SF_VEC_PUSH(&ts, t);
            } else if (pass == 1 && l[0] == 'E') {
                long s = e_field(f, flen, "Source"), c = e_field(f, flen, "Content");
                score_one(name, text, s < 0 ? NULL : find_t(&ts, s), c < 0 ? NULL : find_t(&ts, c),
                          pred, npred, acc, detail);
            }
        }
    }
    if (st == SF_OK) {
        acc->articles++;
        for (size_t i = 0; i < npred; i++) {
            if (!pred[i].direct) continue;
            acc->predicted++;
            acc->predicted_null += pred[i].speaker_name == NULL;
        }
    }
    SF_VEC_FREE(&ts);
    sf__free(cp);
    return st;
}

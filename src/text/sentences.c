/* sentences.c - sentence boundaries for news. ICU's sentence break iterator
 * (UAX #29) proposes boundaries over a UTF-16 copy whose line breaks inside a
 * paragraph were turned into spaces; news rules then veto the wrong ones
 * (abbreviations from per-language tables, initials, datelines, list
 * markers, lower-case continuations) and paragraph breaks are always kept.
 */
#include "text.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>

/* ------------------------------------------------------ abbreviations */

enum {
    AB_TITLE = 1,  /* precedes a name: never ends a sentence (Mr., Gen.) */
    AB_NUMBER = 2, /* precedes a number (No. 1, pp. 4); otherwise a word */
    AB_END = 3,    /* may end a sentence (U.S., Inc., p.m.); see below */
    AB_KIND = 0x0F,
    AB_CAP = 0x10  /* only when written with a capital (Ill., Mass., Jan.) */
};

typedef struct abbrev {
    const char *w; /* lower case, inner periods kept, final period dropped */
    uint8_t kind;
} abbrev;

#define T AB_TITLE
#define N AB_NUMBER
#define E AB_END
#define EC (AB_END | AB_CAP)

static const abbrev ABBR_EN[] = {
    /* titles and ranks */
    {"mr", T}, {"mrs", T}, {"ms", T}, {"messrs", T}, {"dr", T}, {"drs", T}, {"prof", T},
    {"gen", T}, {"gens", T}, {"lt", T}, {"col", T}, {"maj", T}, {"capt", T}, {"cpt", T},
    {"sgt", T}, {"cpl", T}, {"pvt", T}, {"cmdr", T}, {"adm", T}, {"brig", T}, {"gov", T},
    {"govs", T}, {"sen", T}, {"sens", T}, {"rep", T}, {"reps", T}, {"rev", T}, {"hon", T},
    {"pres", T}, {"supt", T}, {"insp", T}, {"det", T}, {"atty", T}, {"mt", T}, {"ft", T},
    {"sgts", T}, {"msgr", T},
    /* Latin and references */
    {"e.g", T}, {"i.e", T}, {"cf", T}, {"viz", T}, {"vs", T}, {"v", T}, {"approx", T},
    {"no", N}, {"nos", N}, {"fig", N}, {"figs", N}, {"p", N}, {"pp", N}, {"vol", N},
    {"art", N}, {"ch", N}, {"sec", N}, {"para", N}, {"op", N}, {"ext", N},
    /* may end a sentence */
    {"u.s", E}, {"u.n", E}, {"u.k", E}, {"e.u", E}, {"d.c", E}, {"u.s.a", E},
    {"inc", E}, {"co", E}, {"corp", E}, {"ltd", E}, {"bros", E}, {"jr", E}, {"sr", E},
    {"esq", E}, {"a.m", E}, {"p.m", E}, {"etc", E}, {"st", E}, {"ave", E}, {"blvd", E},
    {"rd", E}, {"dept", E}, {"univ", E}, {"assn", E}, {"est", E}, {"mfg", E},
    {"jan", EC}, {"feb", EC}, {"mar", EC}, {"apr", EC}, {"jun", EC}, {"jul", EC},
    {"aug", EC}, {"sep", EC}, {"sept", EC}, {"oct", EC}, {"nov", EC}, {"dec", EC},
    {"mon", EC}, {"tue", EC}, {"tues", EC}, {"wed", EC}, {"thu", EC}, {"thur", EC},
    {"thurs", EC}, {"fri", EC}, {"sat", EC}, {"sun", EC},
    /* U.S. states in AP style */
    {"ala", EC}, {"ariz", EC}, {"ark", EC}, {"calif", EC}, {"colo", EC}, {"conn", EC},
    {"del", EC}, {"fla", EC}, {"ga", EC}, {"ill", EC}, {"ind", EC}, {"kan", EC},
    {"kans", EC}, {"ky", EC}, {"la", EC}, {"md", EC}, {"mass", EC}, {"mich", EC},
    {"minn", EC}, {"miss", EC}, {"mo", EC}, {"mont", EC}, {"neb", EC}, {"nebr", EC},
    {"nev", EC}, {"okla", EC}, {"ore", EC}, {"pa", EC}, {"tenn", EC}, {"tex", EC},
    {"va", EC}, {"vt", EC}, {"wash", EC}, {"wis", EC}, {"wyo", EC},
};

static const abbrev ABBR_DE[] = {
    {"dr", T}, {"prof", T}, {"hr", T}, {"hrn", T}, {"fr", T}, {"z.b", T}, {"bzw", T},
    {"vgl", T}, {"ca", T}, {"evtl", T}, {"ggf", T}, {"inkl", T}, {"sog", T}, {"u.a", T},
    {"d.h", T}, {"s", T}, {"st", T}, {"nr", N}, {"bd", N}, {"abs", N}, {"usw", E},
    {"etc", E}, {"str", E}, {"jh", E}, {"mio", E}, {"mrd", E},
};

static const abbrev ABBR_FR[] = {
    {"mm", T}, {"mme", T}, {"mmes", T}, {"mlle", T}, {"mlles", T}, {"dr", T}, {"pr", T},
    {"me", T}, {"mgr", T}, {"st", T}, {"ste", T}, {"p.ex", T}, {"cf", T}, {"no", N},
    {"p", N}, {"etc", E}, {"av", E}, {"bd", E},
};

static const abbrev ABBR_ES[] = {
    {"sr", T}, {"sra", T}, {"srta", T}, {"srs", T}, {"dr", T}, {"dra", T}, {"lic", T},
    {"ing", T}, {"d", T}, {"dña", T}, {"ud", T}, {"uds", T}, {"sto", T}, {"sta", T},
    {"núm", N}, {"pág", N}, {"etc", E}, {"ee.uu", E}, {"avda", E},
};

#undef T
#undef N
#undef E
#undef EC

typedef struct lang_rules {
    const char *lang;
    const abbrev *abbr;
    size_t nabbr;
} lang_rules;

static const lang_rules RULES[] = {
    {"en", ABBR_EN, SF_ARRAY_LEN(ABBR_EN)},
    {"de", ABBR_DE, SF_ARRAY_LEN(ABBR_DE)},
    {"fr", ABBR_FR, SF_ARRAY_LEN(ABBR_FR)},
    {"es", ABBR_ES, SF_ARRAY_LEN(ABBR_ES)},
};

/* Unknown languages get no table: ICU plus the language-neutral rules. */
static const lang_rules NEUTRAL = {"", NULL, 0};

static const lang_rules *rules_for(const char *lang) {
    for (size_t i = 0; i < SF_ARRAY_LEN(RULES); i++) {
        size_t k = strlen(RULES[i].lang);
        if (strncmp(lang, RULES[i].lang, k) == 0 &&
            (lang[k] == '\0' || lang[k] == '-' || lang[k] == '_'))
            return &RULES[i];
    }
    return &NEUTRAL;
}

/* ------------------------------------------------------ character kinds */

static bool is_space(int32_t c) {
    if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
    return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

static bool is_hspace(int32_t c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0xA0; }

/* Marks that may follow the terminator and still belong to the sentence. */
static bool is_closer(int32_t c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
           c == 0xBB || c == 0x203A || c == '}';
}

/* Marks that may open a sentence before its first word. */
static bool is_opener(int32_t c) {
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == '`' || c == 0x201C ||
           c == 0x2018 || c == 0xAB || c == 0x2039 || c == 0x201E || c == 0xBF || c == 0xA1;
}

static bool is_dash(int32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == '_'; }

static bool is_letter(int32_t c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return u_isalpha(c) != 0;
}

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *next) {
    if (i >= n) {
        *next = n;
        return -1;
    }
    *next = i;
    if ((unsigned char)s[i] < 0x80) {
        *next = i + 1;
        return (unsigned char)s[i];
    }
    return sf__utf8_next(s, n, next);
}

static int32_t cp_before(const char *s, size_t lo, size_t *i) {
    if (*i <= lo) return -1;
    if ((unsigned char)s[*i - 1] < 0x80) return (unsigned char)s[--*i];
    int32_t c = sf__utf8_prev(s, i);
    if (*i < lo) *i = lo;
    return c;
}

/* ------------------------------------------------------- paragraph breaks */

/* True when the newline at s[i] ends a paragraph: a blank line follows, or
 * the next line is indented (DUC/TREC <P> text), or it starts a list item. */
static bool paragraph_break_at(const char *s, size_t n, size_t i) {
    size_t j = i + 1;
    if (s[i] == '\r' && j < n && s[j] == '\n') j++;
    size_t k = j;
    while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r' || s[k] == '\f' || s[k] == '\v'))
        k++;
    if (k >= n) return true;
    if (s[k] == '\n') return true;
    if (k > j) return true; /* indented */
    /* list items: "- x", "* x", "1. x", "2) x" and the bullet U+2022 */
    if ((s[k] == '-' || s[k] == '*') && k + 1 < n && s[k + 1] == ' ') return true;
    if (k + 2 < n && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
        (unsigned char)s[k + 2] == 0xA2)
        return true;
    size_t d = k;
    while (d < n && d - k < 3 && s[d] >= '0' && s[d] <= '9') d++;
    if (d > k && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') return true;
    return false;
}

/* ------------------------------------------------------- the veto rules */

typedef struct ctx {
    const char *s;
    size_t n;
    const char *lang;
    const lang_rules *rules;
} ctx;

static const abbrev *lookup(const lang_rules *r, const char *w, size_t n) {
    char low[24];
    if (n == 0 || n >= sizeof(low)) return NULL;
    for (size_t i = 0; i < n; i++) {
        char ch = w[i];
        low[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    for (size_t i = 0; i < r->nabbr; i++) {
        const abbrev *a = &r->abbr[i];
        if (strlen(a->w) == n && memcmp(a->w, low, n) == 0) {
            if ((a->kind & AB_CAP) && !(w[0] >= 'A' && w[0] <= 'Z')) return NULL;
            return a;
        }
    }
    return NULL;
}

/* The word after a boundary, skipping opening marks. */
typedef struct next_word {
    size_t begin, end; /* letters (and inner apostrophes) */
    int32_t first;     /* first code point after the openers, -1 at the end */
    bool lower;        /* starts lower case and has no capital (not iPhone) */
    bool initial;      /* a single letter followed by a period: "R." */
} next_word;

static void read_next(const ctx *x, size_t b, next_word *w) {
    size_t i = b, nx;
    int32_t c = cp_at(x->s, x->n, i, &nx);
    while (c >= 0 && (is_opener(c) || is_space(c))) {
        i = nx;
        c = cp_at(x->s, x->n, i, &nx);
    }
    w->first = c;
    w->begin = w->end = i;
    w->lower = false;
    w->initial = false;
    if (c < 0 || !is_letter(c)) return;
    bool any_upper = false;
    size_t letters = 0;
    while (c >= 0 && (is_letter(c) || ((c == '\'' || c == 0x2019) && letters))) {
        if (u_isupper(c) || u_istitle(c)) any_upper = true;
        letters++;
        i = nx;
        c = cp_at(x->s, x->n, i, &nx);
    }
    w->end = i;
    w->lower = u_islower(w->first) && !any_upper;
    w->initial = letters == 1 && c == '.';
}

static bool next_is_starter(const ctx *x, const next_word *w) {
    if (w->end == w->begin) return false;
    char tmp[32];
    size_t len = w->end - w->begin;
    if (len >= sizeof(tmp)) return false;
    bool ascii = true;
    for (size_t i = 0; i < len; i++) {
        char ch = x->s[w->begin + i];
        if ((unsigned char)ch >= 0x80) ascii = false;
        tmp[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    if (ascii) return sf__is_stopword(x->lang, tmp, len);
    sf_buf b;
    sf__buf_init(&b, 256);
    bool r = sf__fold(x->s + w->begin, len, &b) == SF_OK &&
             sf__is_stopword(x->lang, b.p, b.n);
    sf__buf_release(&b);
    return r;
}

/* "(AP) --", "(Reuters) -": an agency credit, so what precedes is a dateline. */
static bool agency_credit(const ctx *x, size_t b) {
    if (b >= x->n || x->s[b] != '(') return false;
    size_t i = b + 1;
    while (i < x->n && i - b < 32 && x->s[i] != ')') {
        char ch = x->s[i];
        if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') && ch != ' ' && ch != '-' && ch != '&' &&
            ch != '.')
            return false;
        i++;
    }
    if (i >= x->n || x->s[i] != ')') return false;
    i++;
    while (i < x->n && is_hspace((unsigned char)x->s[i])) i++;
    size_t nx;
    int32_t c = cp_at(x->s, x->n, i, &nx);
    return c >= 0 && is_dash(c);
}

/* True when [seg, at) leaves a quotation open ("..., ``..., or the curly
 * pair). Single quotes are left out: they double as apostrophes. */
static bool quote_open(const char *s, size_t seg, size_t at) {
    int dq = 0, tex = 0, curly = 0;
    for (size_t i = seg; i < at; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"') dq ^= 1;
        else if (ch == '`' && i + 1 < at && s[i + 1] == '`') tex++, i++;
        else if (ch == '\'' && i + 1 < at && s[i + 1] == '\'') tex--, i++;
        else if (ch == 0xE2 && i + 2 < at && (unsigned char)s[i + 1] == 0x80) {
            if ((unsigned char)s[i + 2] == 0x9C) curly++;
            else if ((unsigned char)s[i + 2] == 0x9D) curly--;
        }
    }
    return dq || tex > 0 || curly > 0;
}

/* True when the open quotation closes, within the paragraph, with a comma:
 * ``One. Two,'' he said. The attribution governs the whole quotation, so the
 * sentences inside it stay with it. */
static bool quote_ends_in_comma(const ctx *x, size_t b) {
    const char *s = x->s;
    size_t lim = SF_MIN(x->n, b + 600);
    for (size_t i = b; i < lim; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool close = ch == '"' || (ch == '\'' && i + 1 < lim && s[i + 1] == '\'') ||
                     (ch == 0xE2 && i + 2 < lim && (unsigned char)s[i + 1] == 0x80 &&
                      (unsigned char)s[i + 2] == 0x9D);
        if (close) return i > b && s[i - 1] == ',';
        if ((ch == '\n' || ch == '\r') && paragraph_break_at(s, x->n, i)) return false;
    }
    return false;
}

/* Does the period at term_at end its sentence, by the word before it (an
 * abbreviation, an initial, a list marker) and the word after (w)? */
static bool period_ends(const ctx *x, size_t seg, size_t term_at, const next_word *wp) {
    const char *s = x->s;
    const next_word w = *wp;
    size_t p;
    int32_t c;
    /* the word before the period, inner periods kept: "U.S", "Mr", "J" */
    size_t ws = term_at;
    p = ws;
    bool letters_only = true, dotted = false;
    int seglen = 0, maxseg = 0;
    while ((c = cp_before(s, seg, &p)) >= 0) {
        if (c == '.') {
            dotted = true;
            seglen = 0;
        } else if (is_letter(c)) {
            if (++seglen > maxseg) maxseg = seglen;
        } else if (c >= '0' && c <= '9') {
            letters_only = false;
        } else {
            break;
        }
        ws = p;
    }
    if (ws == term_at) return true;
    size_t wn = term_at - ws;
    bool next_digit = w.first >= '0' && w.first <= '9';

    /* list marker: the "sentence" so far is only "1." or "a." */
    {
        size_t k = seg;
        while (k < ws && is_space((unsigned char)s[k])) k++;
        if (k == ws && wn <= 2) return false;
    }
    int32_t c0 = (unsigned char)s[ws];
    if (wn == 1 && letters_only && c0 < 0x80 && c0 >= 'A' && c0 <= 'Z') {
        /* an initial: J. R. Jones, Stephen P. Yokich (a capital is no
         * "p." of a page), but "Plan B. The vote" ends */
        if (w.initial) return false;
        return next_is_starter(x, &w);
    }
    const abbrev *a = lookup(x->rules, s + ws, wn);
    if (a) {
        switch (a->kind & AB_KIND) {
        case AB_TITLE: return false;
        case AB_NUMBER: return !next_digit;
        default:
            if (next_digit) return false;
            return next_is_starter(x, &w);
        }
    }
    if (dotted && letters_only && maxseg <= 2) {
        /* an unlisted dotted abbreviation (S.D., N.Y.): like U.S. */
        if (next_digit) return false;
        return next_is_starter(x, &w);
    }
    return true;
}

/* Decide whether the ICU boundary at byte b (start of the next sentence)
 * stands. seg is where the current sentence began; *moved may receive a
 * later position for the boundary. */
static bool keep_boundary(const ctx *x, size_t seg, size_t b, size_t *moved) {
    const char *s = x->s;
    size_t e = b;
    size_t p = e;
    int32_t c;
    while ((c = cp_before(s, seg, &p)) >= 0 && is_space(c)) e = p;
    if (e <= seg) return true;
    /* closing marks after the terminator: ." .) .'' */
    size_t q = e;
    int closers = 0;
    p = q;
    while ((c = cp_before(s, seg, &p)) >= 0 && is_closer(c)) {
        q = p;
        closers++;
    }
    if (q <= seg) return true;
    p = q;
    int32_t term = cp_before(s, seg, &p);
    size_t term_at = p;

    next_word w;
    read_next(x, b, &w);
    if (w.first < 0) return true;
    /* a sentence does not begin with a dash or an agency credit: datelines */
    size_t nx;
    int32_t first_raw = cp_at(s, x->n, b, &nx);
    if (is_dash(first_raw) || agency_credit(x, b)) return false;
    /* closing marks follow after a space ("are.' ''"): they end this
     * sentence, so the boundary moves past them */
    if (first_raw == 0x201D || first_raw == ')' ||
        (first_raw == '\'' && b + 1 < x->n && x->s[b + 1] == '\'') ||
        (first_raw == '"' && (b + 1 >= x->n || is_space((unsigned char)x->s[b + 1])))) {
        size_t i = b;
        while ((c = cp_at(s, x->n, i, &nx)) >= 0 && (is_closer(c) || is_space(c))) i = nx;
        *moved = i;
        return i < x->n;
    }
    if (w.lower) return false; /* "?" she asked; e.g. the; ... and then */
    if (!closers && quote_open(s, seg, term_at) && quote_ends_in_comma(x, b)) return false;
    if (term != '.') return true; /* ? ! and the other terminators ICU knows */
    if (closers) return true;      /* the period closed a quotation */
    size_t pp = term_at;
    if (cp_before(s, seg, &pp) == '.') return true; /* ellipsis "..." */
    return period_ends(x, seg, term_at, &w);
}

/* --------------------------------------------------------------- driver */

typedef SF_VEC(size_t) sizevec;

/* The text as UTF-16 for ICU, u[0..*len), with map[i] the byte offset of
 * u[i] (map[*len] = n). Line breaks inside a paragraph become spaces, so
 * that ICU does not break at each line; a paragraph break becomes U+2029
 * and its offset is pushed on cuts. */
static sf_status to_utf16(const char *text, size_t n, UChar *u, uint32_t *map, int32_t *len_out,
                          sizevec *cuts) {
    int32_t len = 0;
    bool after_term = false;
    for (size_t i = 0; i < n;) {
        size_t at = i;
        int32_t c;
        if ((unsigned char)text[i] < 0x80) c = (unsigned char)text[i++];
        else c = sf__utf8_next(text, n, &i);
        if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028) {
            if ((c == '\n' || c == '\r') && paragraph_break_at(text, n, at)) {
                SF_TRY(SF_VEC_PUSH(cuts, at));
                c = 0x2029;
            } else {
                c = ' ';
            }
        }
        if (c == 0x2026) {
            c = '.'; /* ICU does not end sentences at U+2026; "..." it does */
        } else if (c == '.' || c == '?' || c == '!') {
            after_term = true;
        } else if (after_term && c >= 'a' && c <= 'z') {
            /* iPhone, eBay after a terminator: ICU never breaks before a
             * lower-case letter, so show it the capital such names imply */
            size_t j = i;
            while (j < n && ((text[j] | 0x20) >= 'a' && (text[j] | 0x20) <= 'z') &&
                   !(text[j] >= 'A' && text[j] <= 'Z'))
                j++;
            if (j < n && text[j] >= 'A' && text[j] <= 'Z') c -= 32;
            after_term = false;
        } else if (!is_space(c) && !is_closer(c)) {
            after_term = false;
        }
        if (c >= 0x10000) {
            map[len] = (uint32_t)at;
            u[len++] = U16_LEAD(c);
            map[len] = (uint32_t)at;
            u[len++] = U16_TRAIL(c);
        } else {
            map[len] = (uint32_t)at;
            u[len++] = (UChar)c;
        }
    }
    map[len] = (uint32_t)n;
    *len_out = len;
    return SF_OK;
}

/* ICU's sentence breaks of u (language lang) that keep_boundary keeps,
 * pushed on cuts after the npara paragraph cuts already there, then n. */
static sf_status icu_cuts(const ctx *x, const UChar *u, const uint32_t *map, int32_t len, sizevec *cuts) {
    char loc[16];
    size_t k = 0;
    while (x->lang[k] && x->lang[k] != '-' && k < sizeof(loc) - 1) {
        loc[k] = x->lang[k];
        k++;
    }
    loc[k] = '\0';
    UErrorCode e = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, loc, u, len, &e);
    if (U_FAILURE(e)) return SF_ERR_INTERNAL;
    sf_status st = SF_OK;
    size_t npara = cuts->n, pi = 0;
    size_t seg = 0;
    for (int32_t bpos = ubrk_next(bi); bpos != UBRK_DONE && bpos < len; bpos = ubrk_next(bi)) {
        size_t b = map[bpos];
        /* paragraph breaks before b start a new sentence anyway */
        for (; pi < npara && cuts->items[pi] < b; pi++)
            if (cuts->items[pi] > seg) seg = cuts->items[pi];
        if (b <= seg) continue;
        size_t moved = b;
        if (keep_boundary(x, seg, b, &moved)) {
            b = moved;
            st = SF_VEC_PUSH(cuts, b);
            if (st != SF_OK) break;
            seg = b;
        }
    }
    ubrk_close(bi);
    if (st == SF_OK) st = SF_VEC_PUSH(cuts, x->n);
    return st;
}

/* The sentences between the cuts (the npara paragraph cuts and the others,
 * each list sorted, merged), spaces trimmed, empty ones left out. */
static sf_status emit_spans(const char *text, const sizevec *cuts, size_t npara, sf_spanvec *out) {
    size_t na = npara, nb = cuts->n - npara;
    const size_t *A = cuts->items, *B = cuts->items + npara;
    size_t ia = 0, ib = 0, start = 0;
    while (ia < na || ib < nb) {
        size_t cut = (ib >= nb || (ia < na && A[ia] <= B[ib])) ? A[ia++] : B[ib++];
        if (cut <= start) continue;
        size_t bgn = start, end = cut, nx2;
        while (bgn < end) {
            int32_t c = cp_at(text, end, bgn, &nx2);
            if (!is_space(c)) break;
            bgn = nx2;
        }
        size_t pe = end;
        while (end > bgn) {
            int32_t c = cp_before(text, bgn, &pe);
            if (!is_space(c)) break;
            end = pe;
        }
        if (end > bgn) SF_TRY(SF_VEC_PUSH(out, ((sf_span){bgn, end})));
        start = cut;
    }
    return SF_OK;
}

sf_status sf__sentences(const char *text, size_t n, const char *lang, sf_spanvec *out) {
    if (!lang || !*lang) lang = "en";
    if (n == 0) return SF_OK;
    if (n > (size_t)INT32_MAX / 2) return SF_ERR_TOO_LARGE;
    ctx x = {text, n, lang, rules_for(lang)};
    UChar *u = sf__malloc((n + 1) * sizeof(UChar));
    uint32_t *map = sf__malloc((n + 1) * sizeof(uint32_t));
    sizevec cuts = {0};
    sf_status st = u && map ? SF_OK : SF_ERR_NOMEM;
    int32_t len = 0;
    if (st == SF_OK) st = to_utf16(text, n, u, map, &len, &cuts);
    size_t npara = cuts.n;
    if (st == SF_OK) st = icu_cuts(&x, u, map, len, &cuts);
    if (st == SF_OK) st = emit_spans(text, &cuts, npara, out);
    sf__free(u);
    sf__free(map);
    SF_VEC_FREE(&cuts);
    return st;
}

sf_status sf_sentences(const char *text, size_t n, const char *lang, sf_span **out,
                       size_t *count, sf_error *err) {
    if (!out || !count || (!text && n)) {
        return sf__error_set(err, SF_ERR_ARG, "sf_sentences: NULL argument");
    }
    *out = NULL;
    *count = 0;
    sf_spanvec v = {0};
    sf_status st = sf__sentences(text, n, lang, &v);
    if (st != SF_OK) {
        SF_VEC_FREE(&v);
        return sf__error_set(err, st, "sentences: %s (text of %zu bytes)", sf_strerror(st), n);
    }
    *out = v.items;
    *count = v.n;
    return SF_OK;
}

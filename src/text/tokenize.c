/* tokenize.c - words, numbers and punctuation with byte offsets into the
 * original text. Numbers follow news usage (2,500  2.5  8th  1990s  '90s
 * -3  12%  $5  2.5km  25-meter) and their value is parsed by hand, so the C
 * locale's decimal point never matters. Letters and digits are Unicode
 * (ICU's character properties); ASCII takes a fast path.
 */
#include "text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* ------------------------------------------------------ classification */

static bool is_space(int32_t c) {
    if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
    return u_isUWhiteSpace(c) || u_charType(c) == U_FORMAT_CHAR;
}

static bool is_digit(int32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return u_isdigit(c) != 0;
}

static bool is_letter(int32_t c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return u_isalpha(c) != 0;
}

/* Characters that continue a word once it has begun: letters, digits,
 * combining marks, and format characters such as the soft hyphen. */
static bool is_word_cont(int32_t c) {
    if (c < 0x80) return is_letter(c) || is_digit(c);
    if (u_isalpha(c) || u_isdigit(c)) return true;
    int8_t t = u_charType(c);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
           t == U_ENCLOSING_MARK || t == U_FORMAT_CHAR;
}

/* Scripts written without spaces: each character becomes its own word
 * (no dictionary segmentation here). */
static bool is_unspaced(int32_t c) {
    if (c < 0x2E80) return false;
    if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c, &e);
    return s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_THAI;
}

static bool is_apostrophe(int32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }
static bool is_hyphen(int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
static bool is_minus(int32_t c) { return c == '-' || c == 0x2212; }
static bool is_currency(int32_t c) {
    return c == '$' || (c >= 0x80 && u_charType(c) == U_CURRENCY_SYMBOL);
}
static bool is_percent(int32_t c) { return c == '%' || c == 0xFF05 || c == 0x066A; }

static int digit_value(int32_t c) { return c < 0x80 ? c - '0' : u_charDigitValue(c); }

/* Code point at i (or -1 past the end); *next receives the following index. */
static int32_t at(const char *s, size_t n, size_t i, size_t *next) {
    if (i >= n) {
        *next = n;
        return -1;
    }
    if ((unsigned char)s[i] < 0x80) {
        *next = i + 1;
        return (unsigned char)s[i];
    }
    *next = i;
    return sf__utf8_next(s, n, next);
}

static int32_t peek(const char *s, size_t n, size_t i) {
    size_t nx;
    return at(s, n, i, &nx);
}

/* ------------------------------------------------------------- numbers */

/* Digits are accumulated as an integer mantissa and a count of decimals;
 * value = mantissa / 10^decimals is then one correctly rounded division
 * while both fit a double exactly (Clinger's fast path). */
typedef struct numacc {
    uint64_t mant;
    int decimals;
    int digits;      /* significant digits kept in mant */
    int dropped;     /* integer digits beyond uint64 precision */
    int last_digit;
} numacc;

static void acc_digit(numacc *a, int d, bool fraction) {
    a->last_digit = d;
    if (a->mant < UINT64_C(1000000000000000000)) {
        a->mant = a->mant * 10 + (uint64_t)d;
        if (fraction) a->decimals++;
    } else if (!fraction) {
        a->dropped++;
    }
    a->digits++;
}

static double acc_value(const numacc *a) {
    static const double P10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double v = (double)a->mant;
    if (a->decimals) v /= P10[a->decimals];
    for (int k = 0; k < a->dropped; k++) v *= 10.0;
    return v;
}

/* Scan a run of digits from i; returns the end and counts them. */
static size_t scan_digits(const char *s, size_t n, size_t i, numacc *a, bool fraction,
                          int *count) {
    *count = 0;
    for (;;) {
        size_t nx;
        int32_t c = at(s, n, i, &nx);
        if (c < 0 || !is_digit(c)) return i;
        acc_digit(a, digit_value(c), fraction);
        (*count)++;
        i = nx;
    }
}

/* Groups of three digits after separator `sep` at i ("2,500,000"), added
 * to a; returns where they end; *grouped set when one was taken. */
static size_t scan_groups(const char *s, size_t n, size_t i, char sep, numacc *a, bool *grouped) {
    for (;;) {
        if (peek(s, n, i) != sep) return i;
        numacc save = *a;
        int g;
        size_t e = scan_digits(s, n, i + 1, a, false, &g);
        if (g != 3) {
            *a = save;
            return i;
        }
        i = e;
        *grouped = true;
    }
}

/* Length of the run of letters at i (as a byte end index). */
static size_t scan_letters(const char *s, size_t n, size_t i, int *count) {
    *count = 0;
    for (;;) {
        size_t nx;
        int32_t c = at(s, n, i, &nx);
        if (c < 0 || !(is_letter(c) || (c >= 0x80 && is_word_cont(c) && !is_digit(c))))
            return i;
        (*count)++;
        i = nx;
    }
}

static bool ascii_ieq(const char *s, size_t n, const char *lit) {
    size_t k = strlen(lit);
    if (n != k) return false;
    for (size_t i = 0; i < k; i++)
        if ((s[i] | 0x20) != lit[i]) return false;
    return true;
}

/* A number starting at i (sign, currency or apostrophe prefixes already
 * checked by the caller). Fills *t and returns its end. */
/* Groups set apart by a space after the digits at i ("30 000 Liter",
 * French and German style): a no-break or narrow no-break space before any
 * three digits, a plain space only before "000" (English never writes a
 * number after a number that way). Returns the end; *grouped when any. */
static size_t scan_space_groups(const char *s, size_t n, size_t i, numacc *a, bool *grouped) {
    for (;;) {
        size_t g0;
        int32_t sp = at(s, n, i, &g0);
        if (sp != ' ' && sp != 0xA0 && sp != 0x202F) break;
        size_t k = g0;
        while (k < g0 + 3 && k < n && s[k] >= '0' && s[k] <= '9') k++;
        if (k != g0 + 3 || is_digit(peek(s, n, k)) || (sp == ' ' && memcmp(s + g0, "000", 3) != 0)) break;
        int g;
        i = scan_digits(s, n, g0, a, false, &g);
        *grouped = true;
    }
    return i;
}

/* Groups written with a period after the digits at i (German, Italian,
 * Spanish, ...): "800.000", "1.000.000" - when a group is "000" or two
 * groups follow; English writes no decimals as ".000" and never two
 * periods in a number, so "2.500" (one group, not zeros) stays 2.5. */
static size_t scan_period_groups(const char *s, size_t n, size_t i, numacc *a, bool *grouped) {
    if (peek(s, n, i) != '.') return i;
    size_t g1 = i + 1, k = g1;
    while (k < g1 + 3 && is_digit(peek(s, n, k))) k++;
    bool three = k == g1 + 3 && !is_digit(peek(s, n, k));
    bool zeros = three && s[g1] == '0' && s[g1 + 1] == '0' && s[g1 + 2] == '0';
    bool more = three && peek(s, n, k) == '.' && is_digit(peek(s, n, k + 1)) && is_digit(peek(s, n, k + 2)) &&
                is_digit(peek(s, n, k + 3)) && !is_digit(peek(s, n, k + 4));
    return zeros || more ? scan_groups(s, n, i, '.', a, grouped) : i;
}

/* What follows a number's digits at i: an ordinal ("3rd"), a decade
 * ("1990s", "1990's"), a unit ("2.5km", "25-meter"), a percent or a
 * currency sign. Returns the token's end; sets t's flags and unit. */
static size_t scan_number_suffix(const char *s, size_t n, size_t i, const numacc *a, int frac, sf_token *t) {
    size_t nx;
    int32_t c = at(s, n, i, &nx);
    if (c >= 0 && is_letter(c)) {
        int nl;
        size_t e = scan_letters(s, n, i, &nl);
        if (!frac && (ascii_ieq(s + i, e - i, "st") || ascii_ieq(s + i, e - i, "nd") ||
                      ascii_ieq(s + i, e - i, "rd") || ascii_ieq(s + i, e - i, "th"))) {
            t->flags |= SF_TOKF_ORDINAL;
            i = e;
        } else if (!frac && a->digits >= 2 && a->last_digit == 0 && ascii_ieq(s + i, e - i, "s")) {
            t->flags |= SF_TOKF_DECADE;
            i = e;
        } else if (t->unit_begin == SIZE_MAX) { /* 2.5km */
            t->unit_begin = i;
            t->unit_end = e;
            i = e;
        }
    } else if (c >= 0 && is_apostrophe(c) && !frac && a->last_digit == 0 && a->digits >= 2 &&
               (peek(s, n, nx) | 0x20) == 's' && !is_letter(peek(s, n, nx + 1))) {
        t->flags |= SF_TOKF_DECADE; /* 1990's */
        i = nx + 1;
    } else if (c >= 0 && is_percent(c) && t->unit_begin == SIZE_MAX) {
        t->flags |= SF_TOKF_PERCENT;
        t->unit_begin = i;
        t->unit_end = nx;
        i = nx;
    } else if (c >= 0 && is_currency(c) && t->unit_begin == SIZE_MAX) { /* 5€ */
        t->unit_begin = i;
        t->unit_end = nx;
        i = nx;
    } else if (c >= 0 && is_hyphen(c) && t->unit_begin == SIZE_MAX && is_letter(peek(s, n, nx))) { /* 25-meter */
        int nl;
        size_t e = scan_letters(s, n, nx, &nl);
        t->unit_begin = nx;
        t->unit_end = e;
        i = e;
    }
    return i;
}

static size_t scan_number(const char *s, size_t n, size_t i, sf_token *t) {
    numacc a = {0};
    bool neg = false;
    size_t nx;
    int32_t c = at(s, n, i, &nx);
    t->begin = i;
    t->kind = SF_TOK_NUMBER;
    t->flags = 0;
    t->unit_begin = t->unit_end = SIZE_MAX;

    if (is_currency(c)) { /* $5 */
        t->unit_begin = i;
        t->unit_end = nx;
        i = nx;
        c = at(s, n, i, &nx);
    }
    if (is_apostrophe(c)) { /* '90s: checked by the caller */
        int cnt;
        i = scan_digits(s, n, nx, &a, false, &cnt);
        t->flags |= SF_TOKF_DECADE;
        i = i + 1; /* the 's' */
        t->value = acc_value(&a);
        t->end = i;
        t->unit_begin = t->unit_end = i;
        return i;
    }
    if (is_minus(c) && !is_digit(c)) {
        neg = true;
        i = nx;
    }
    int cnt;
    i = scan_digits(s, n, i, &a, false, &cnt);
    /* thousands groups: 2,500  100,000  1,000,000 (first group 1-3 digits) */
    bool grouped = false;
    if (cnt <= 3) i = scan_groups(s, n, i, ',', &a, &grouped);
    if (cnt <= 3 && !grouped) i = scan_space_groups(s, n, i, &a, &grouped);
    if (cnt <= 3 && !grouped) i = scan_period_groups(s, n, i, &a, &grouped);
    int frac = 0;
    if (peek(s, n, i) == '.' && is_digit(peek(s, n, i + 1))) i = scan_digits(s, n, i + 1, &a, true, &frac);
    t->value = acc_value(&a) * (neg ? -1.0 : 1.0);
    i = scan_number_suffix(s, n, i, &a, frac, t);
    t->end = i;
    if (t->unit_begin == SIZE_MAX) t->unit_begin = t->unit_end = i;
    return i;
}

/* --------------------------------------------------------------- words */

static size_t scan_word(const char *s, size_t n, size_t i, sf_token *t) {
    size_t nx;
    int32_t c = at(s, n, i, &nx);
    int letters = 0, upper = 0, lower = 0;
    int seg = 0;          /* letters since the word start or the last joiner */
    bool seg_alpha = true;
    bool abbr = false;    /* inside U.S. / e.g. */
    t->begin = i;
    t->kind = SF_TOK_WORD;
    t->flags = 0;
    t->value = 0;
    if (u_isupper(c) || u_istitle(c)) t->flags |= SF_TOKF_CAPITAL;
    if (is_unspaced(c)) {
        i = nx;
        goto out;
    }
    for (;;) {
        c = at(s, n, i, &nx);
        if (c < 0) break;
        if (is_word_cont(c) && !is_unspaced(c)) {
            if (is_letter(c)) {
                letters++;
                if (c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c)) upper++;
                else if (c < 0x80 || u_islower(c)) lower++;
                seg++;
            } else if (is_digit(c)) {
                seg_alpha = false;
            }
            i = nx;
            continue;
        }
        int32_t d = peek(s, n, nx);
        if (is_apostrophe(c) && d >= 0 && is_letter(d) && !is_unspaced(d)) {
            seg = 0, seg_alpha = false;
            i = nx;
            continue;
        }
        if (is_hyphen(c) && d >= 0 && is_word_cont(d) && !is_unspaced(d)) {
            seg = 0, seg_alpha = false;
            i = nx;
            continue;
        }
        if (c == '.' && seg_alpha && seg >= 1 && seg <= 2) {
            /* U.S.: a letter group of one or two, a period, another group of
             * one or two followed by a period. */
            int nl;
            size_t e = (d >= 0 && is_letter(d)) ? scan_letters(s, n, nx, &nl) : nx;
            if (d >= 0 && is_letter(d) && nl <= 2 && peek(s, n, e) == '.') {
                abbr = true;
                seg = 0;
                i = nx;
                continue;
            }
            if (abbr) i = nx; /* the final period of U.S. */
        }
        break;
    }
out:
    t->end = i;
    t->unit_begin = t->unit_end = i;
    if (letters >= 2 && lower == 0 && upper >= 2) t->flags |= SF_TOKF_ALLCAPS;
    return i;
}

/* ------------------------------------------------------------ tokenize */

static bool decade_apostrophe(const char *s, size_t n, size_t i) {
    /* '90s: apostrophe, two digits, s, not a letter */
    size_t nx;
    at(s, n, i, &nx);
    return is_digit(peek(s, n, nx)) && is_digit(peek(s, n, nx + 1)) &&
           (peek(s, n, nx + 2) | 0x20) == 's' && !is_letter(peek(s, n, nx + 3)) &&
           peek(s, n, nx + 1) == '0';
}

sf_status sf__tokenize(const char *text, size_t n, sf_tokvec *out) {
    size_t i = 0;
    size_t prev_end = SIZE_MAX; /* end of the previous word/number token */
    while (i < n) {
        size_t nx;
        int32_t c = at(text, n, i, &nx);
        if (is_space(c)) {
            i = nx;
            continue;
        }
        sf_token t;
        bool glued = prev_end == i; /* touches a word or number on its left */
        int32_t d = peek(text, n, nx);
        if (is_digit(c) ||
            (!glued && (is_minus(c) || is_currency(c) || c == '.') && d >= 0 && is_digit(d)) ||
            (!glued && is_apostrophe(c) && decade_apostrophe(text, n, i))) {
            if (c == '.') { /* .5 */
                t.begin = i;
                numacc a = {0};
                int cnt;
                t.end = scan_digits(text, n, nx, &a, true, &cnt);
                t.value = acc_value(&a);
                t.kind = SF_TOK_NUMBER;
                t.flags = 0;
                t.unit_begin = t.unit_end = t.end;
                i = t.end;
            } else {
                i = scan_number(text, n, i, &t);
            }
            prev_end = i;
        } else if (is_letter(c) || (c >= 0x80 && is_unspaced(c))) {
            i = scan_word(text, n, i, &t);
            prev_end = i;
        } else {
            /* punctuation: one character, or a run of the same ASCII mark
             * ("--", "...", "``") */
            t.begin = i;
            t.kind = SF_TOK_PUNCT;
            t.flags = 0;
            t.value = 0;
            i = nx;
            if (c < 0x80)
                while (i < n && text[i] == (char)c) i++;
            t.end = t.unit_begin = t.unit_end = i;
            prev_end = SIZE_MAX;
        }
        SF_TRY(SF_VEC_PUSH(out, t));
    }
    return SF_OK;
}

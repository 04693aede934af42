/* names.c - the keys names are matched by: a case-folded key (periods and a
 * leading article dropped), a spelling skeleton for transliteration variants
 * (doubled letters and vowel differences ignored, as Raqqa/Raqa or
 * Mohammed/Muhammad differ), and acronym initials. */
#include "entity.h"

#include <ctype.h>

sf_status sf__name_key(const char *s, size_t n, sf_buf *out) {
    sf_buf f;
    sf__buf_init(&f, 0);
    sf_status st = sf__fold(s, n, &f);
    if (st != SF_OK) {
        sf__buf_release(&f);
        return st;
    }
    size_t start = out->n;
    bool space = true; /* drop leading spaces and collapse runs */
    for (size_t i = 0; i < f.n; i++) {
        char c = f.p[i];
        if (c == '.') continue;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
            if (!space) sf__buf_addc(out, ' ');
            space = true;
            continue;
        }
        sf__buf_addc(out, c);
        space = false;
    }
    sf__buf_release(&f);
    if (sf__buf_status(out) != SF_OK) return sf__buf_status(out);
    if (out->n > start && out->p[out->n - 1] == ' ') out->n--;
    if (out->n - start > 4 && memcmp(out->p + start, "the ", 4) == 0) {
        memmove(out->p + start, out->p + start + 4, out->n - start - 4);
        out->n -= 4;
    }
    if (out->p) out->p[out->n] = '\0';
    return SF_OK;
}

static bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

sf_status sf__name_skeleton(const char *key, size_t n, sf_buf *out) {
    char prev = 0;
    for (size_t i = 0; i < n; i++) {
        char c = key[i];
        if (c == ' ' || c == '-' || c == '\'') continue;
        if (is_vowel(c)) c = 'a';
        if (c == prev) continue; /* doubled letters, and vowel runs (ou, ae) */
        sf__buf_addc(out, c);
        prev = c;
    }
    return sf__buf_status(out);
}

static bool is_connector(const char *w, size_t n) {
    static const char *const C[] = {"of", "the", "for", "and", "de", "on", "in", "&", "du", "des", NULL};
    for (const char *const *c = C; *c; c++)
        if (strlen(*c) == n && sf__view_eq_nocase(sf__view(w, n), sf__view_cstr(*c))) return true;
    return false;
}

size_t sf__name_initials(const char *name, size_t n, bool skip, char out[SF__INITIALS_MAX]) {
    size_t k = 0, i = 0;
    while (i < n) {
        while (i < n && (name[i] == ' ' || name[i] == '-')) i++;
        size_t b = i;
        while (i < n && name[i] != ' ' && name[i] != '-') i++;
        if (i == b) break;
        if (skip && is_connector(name + b, i - b)) continue;
        if (k == SF__INITIALS_MAX) return SF__INITIALS_MAX + 1;
        char c = name[b];
        if (c >= 'a' && c <= 'z') c = (char)(c - 32);
        out[k++] = c;
    }
    return k;
}

size_t sf__acronym_letters(const char *acr, size_t an, char out[SF__INITIALS_MAX]) {
    size_t k = 0;
    for (size_t i = 0; i < an; i++) {
        char c = acr[i];
        if (c >= 'a' && c <= 'z') c = (char)(c - 32);
        if (c >= 'A' && c <= 'Z') {
            if (k == SF__INITIALS_MAX) return 0;
            out[k++] = c;
        } else if (c != '.') {
            return 0;
        }
    }
    return k < 2 ? 0 : k;
}

bool sf__is_acronym_of(const char *acr, size_t an, const char *name, size_t n) {
    char letters[SF__INITIALS_MAX], ini[SF__INITIALS_MAX];
    size_t k = sf__acronym_letters(acr, an, letters);
    if (k == 0) return false;
    for (int skip = 1; skip >= 0; skip--) {
        size_t m = sf__name_initials(name, n, skip != 0, ini);
        if (m == k && memcmp(ini, letters, k) == 0) return true;
    }
    return false;
}

/* May the surface be an expansion: every word (parted by spaces and
 * hyphens) capitalized, or a small word that acronyms take or skip ("of",
 * "and": DOJ, FOIA)? "Clinton-backing Senate" is no expansion of CBS. */
bool sf__capitalized_words(const char *s) {
    static const char *const SMALL[] = {"of", "and", "for", "the", "on", "in", "to", "at", "de", "la", "du", "des", "del", "von", "van", "y", "et"};
    for (size_t i = 0; s[i]; i++) {
        if ((i > 0 && s[i - 1] != ' ' && s[i - 1] != '-') || !islower((unsigned char)s[i])) continue;
        size_t n = 0;
        while (isalpha((unsigned char)s[i + n])) n++;
        bool small = false;
        for (size_t k = 0; k < SF_ARRAY_LEN(SMALL) && !small; k++)
            small = strlen(SMALL[k]) == n && strncmp(SMALL[k], s + i, n) == 0;
        if (!small) return false;
    }
    return true;
}

/* Edit distance with transpositions (optimal string alignment) of two
 * short byte strings; stops early above `cap`. Hand-written: a dozen lines
 * for names of at most 48 bytes; none of the project's libraries has it. */
static size_t osa_distance(const char *a, size_t n, const char *b, size_t m, size_t cap) {
    if (n > 48 || m > 48) return cap + 1;
    size_t d[49][49];
    for (size_t i = 0; i <= n; i++) d[i][0] = i;
    for (size_t j = 0; j <= m; j++) d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t row_min = SIZE_MAX;
        for (size_t j = 1; j <= m; j++) {
            size_t c = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = SF_MIN(SF_MIN(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + c);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = SF_MIN(v, d[i - 2][j - 2] + 1);
            d[i][j] = v;
            row_min = SF_MIN(row_min, v);
        }
        if (row_min > cap) return cap + 1;
    }
    return d[n][m];
}

/* Do two words of one length differ in one place only, a vowel for a
 * vowel (Ginsburg, Ginsberg; Hempstead, Hampstead)? That makes another
 * name more often than a misspelling. */
static bool vowel_swapped(const char *a, const char *b, size_t n, size_t m) {
    if (n != m) return false;
    size_t at = SIZE_MAX, diffs = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) diffs++, at = i;
    return diffs == 1 && strchr("aeiouy", a[at]) && strchr("aeiouy", b[at]);
}

/* Do two words of one length differ by two neighbouring letters swapped,
 * or by one i written y (or y written i)? */
static bool small_slip(const char *a, const char *b, size_t n) {
    size_t first = SIZE_MAX, diffs = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i] && diffs++ == 0) first = i;
    if (diffs == 1) return (a[first] == 'i' && b[first] == 'y') || (a[first] == 'y' && b[first] == 'i');
    return diffs == 2 && first + 1 < n && a[first] == b[first + 1] && a[first + 1] == b[first];
}

/* Are two words the same once doubled letters are written once? */
static bool same_undoubled(const char *a, size_t n, const char *b, size_t m) {
    size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (a[i] != b[j]) return false;
        char c = a[i];
        while (i < n && a[i] == c) i++;
        while (j < m && b[j] == c) j++;
    }
    return i >= n && j >= m;
}

bool sf__close_spelling(const char *a, size_t an, const char *b, size_t bn) {
    const char *p = a, *q = b, *pe = a + an, *qe = b + bn;
    size_t differ = 0;
    while (p < pe && q < qe) {
        const char *pw = p, *qw = q;
        while (p < pe && *p != ' ') p++;
        while (q < qe && *q != ' ') q++;
        size_t n = (size_t)(p - pw), m = (size_t)(q - qw);
        if (n != m || memcmp(pw, qw, n) != 0) {
            if (++differ > 1) return false;
            size_t shorter = SF_MIN(n, m), cap = shorter >= 10 ? 2 : 1;
            /* Raqqa, Raqa; not World War II and World War I */
            bool undoubled = shorter >= 4 && same_undoubled(pw, n, qw, m);
            /* two letters swapped ("Ayran"), or i for y as transliterations
             * write it ("Yevgeni", "Yevgeny"), from five letters */
            bool small = shorter >= 5 && n == m && small_slip(pw, qw, n);
            if (!undoubled && !small &&
                (shorter < 8 || vowel_swapped(pw, qw, n, m) || osa_distance(pw, n, qw, m, cap) > cap))
                return false;
        }
        if (p < pe) p++;
        if (q < qe) q++;
    }
    return p >= pe && q >= qe && differ == 1;
}

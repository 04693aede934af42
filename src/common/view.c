/* view.c - comparisons and trimming on (pointer, length) string views. */
#include "common.h"

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool sf__view_eq(sf_view a, sf_view b) { return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0); }

bool sf__view_eq_nocase(sf_view a, sf_view b) {
    if (a.n != b.n) return false;
    for (size_t i = 0; i < a.n; i++)
        if (lower((unsigned char)a.p[i]) != lower((unsigned char)b.p[i])) return false;
    return true;
}

sf_view sf__view_trim(sf_view v) {
    while (v.n && is_space((unsigned char)v.p[0])) v.p++, v.n--;
    while (v.n && is_space((unsigned char)v.p[v.n - 1])) v.n--;
    return v;
}

bool sf__view_ends_with_nocase(sf_view v, const char *suffix) {
    size_t k = strlen(suffix);
    return v.n >= k && sf__view_eq_nocase(sf__view(v.p + v.n - k, k), sf__view(suffix, k));
}

size_t sf__analyzed_length(const char *text, size_t n) {
    if (n <= SF_ANALYZE_MAX_BYTES) return n;
    size_t k = SF_ANALYZE_MAX_BYTES;
    for (size_t i = k; i > k - (64u << 10); i--)
        if (text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\t' || text[i - 1] == '\r') return i;
    while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80) k--; /* not inside a character */
    return k;
}

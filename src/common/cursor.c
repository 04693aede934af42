/* cursor.c - the one scanning toolkit every parser uses, so that bounds checks
 * and line counting are written once (curl's strparse). */
#include "common.h"

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

void sf__cur_init(sf_cur *c, const char *p, size_t n) {
    c->p = c->start = p;
    c->end = p + n;
    c->line = 1;
}

void sf__cur_advance(sf_cur *c, size_t n) {
    size_t left = sf__cur_left(c);
    if (n > left) n = left;
    const char *stop = c->p + n;
    for (const char *q = c->p; q < stop; q++)
        if (*q == '\n') c->line++;
    c->p = stop;
}

void sf__cur_skip_ws(sf_cur *c) {
    while (c->p < c->end) {
        char ch = *c->p;
        if (ch == '\n') c->line++;
        else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\f' && ch != '\v') break;
        c->p++;
    }
}

bool sf__cur_starts_nocase(const sf_cur *c, const char *lit) {
    size_t k = strlen(lit);
    if (sf__cur_left(c) < k) return false;
    for (size_t i = 0; i < k; i++)
        if (lower((unsigned char)c->p[i]) != lower((unsigned char)lit[i])) return false;
    return true;
}

bool sf__cur_accept(sf_cur *c, const char *lit) {
    size_t k = strlen(lit);
    if (sf__cur_left(c) < k || memcmp(c->p, lit, k) != 0) return false;
    sf__cur_advance(c, k);
    return true;
}

bool sf__cur_accept_nocase(sf_cur *c, const char *lit) {
    if (!sf__cur_starts_nocase(c, lit)) return false;
    sf__cur_advance(c, strlen(lit));
    return true;
}

bool sf__cur_line(sf_cur *c, sf_view *line) {
    if (sf__cur_eof(c)) return false;
    const char *nl = memchr(c->p, '\n', sf__cur_left(c));
    const char *stop = nl ? nl : c->end;
    size_t n = (size_t)(stop - c->p);
    if (n && c->p[n - 1] == '\r') n--;
    *line = sf__view(c->p, n);
    c->p = nl ? nl + 1 : c->end;
    if (nl) c->line++;
    return true;
}

bool sf__cur_until_nocase(sf_cur *c, const char *lit, sf_view *out) {
    size_t k = strlen(lit);
    const char *from = c->p;
    int first = lower((unsigned char)lit[0]);
    for (const char *q = c->p; k && (size_t)(c->end - q) >= k; q++) {
        if (lower((unsigned char)*q) != first) continue;
        sf_cur probe = {q, c->start, c->end, 0};
        if (sf__cur_starts_nocase(&probe, lit)) {
            *out = sf__view(from, (size_t)(q - from));
            sf__cur_advance(c, (size_t)(q - from));
            return true;
        }
    }
    *out = sf__view(from, sf__cur_left(c));
    sf__cur_advance(c, sf__cur_left(c));
    return false;
}

sf_view sf__cur_span(sf_cur *c, int (*pred)(int)) {
    const char *from = c->p;
    const char *q = c->p;
    while (q < c->end && pred((unsigned char)*q)) q++;
    sf__cur_advance(c, (size_t)(q - from));
    return sf__view(from, (size_t)(q - from));
}

bool sf__cur_uint(sf_cur *c, size_t min_digits, size_t max_digits, uint64_t *out) {
    if (max_digits > 19) max_digits = 19; /* 10^19 - 1 fits in uint64_t */
    size_t k = 0;
    uint64_t v = 0;
    while (k < max_digits && k < sf__cur_left(c) && c->p[k] >= '0' && c->p[k] <= '9') {
        v = v * 10 + (uint64_t)(c->p[k] - '0');
        k++;
    }
    if (k < min_digits || k == 0) return false;
    sf__cur_advance(c, k);
    *out = v;
    return true;
}

bool sf__cur_until_any(sf_cur *c, const char *set, sf_view *out) {
    const char *from = c->p;
    const char *q = c->p;
    if (set[0] && !set[1]) {
        /* one byte (the readers' "<" over a whole text): memchr */
        q = memchr(from, set[0], (size_t)(c->end - from));
        if (!q) q = c->end;
    } else {
        /* the set as a bitmap: one test per byte, not a strchr; a NUL byte
         * is never in it */
        uint64_t in[4] = {0};
        for (const unsigned char *s = (const unsigned char *)set; *s; s++) in[*s >> 6] |= (uint64_t)1 << (*s & 63);
        while (q < c->end && !(in[(unsigned char)*q >> 6] >> ((unsigned char)*q & 63) & 1)) q++;
    }
    *out = sf__view(from, (size_t)(q - from));
    sf__cur_advance(c, (size_t)(q - from));
    return q < c->end;
}

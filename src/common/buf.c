/* buf.c - growable byte buffer with a size cap and a sticky error, so that
 * builders append freely and check once (curl's dynbuf, SQLite's sqlite3_str). */
#include "common.h"

#include <stdio.h>

void sf__buf_init(sf_buf *b, size_t max) {
    b->p = NULL;
    b->n = b->cap = 0;
    b->max = max ? max : SF_BUF_DEFAULT_MAX;
    b->st = SF_OK;
}

void sf__buf_release(sf_buf *b) {
    sf__free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

void sf__buf_reset(sf_buf *b) {
    b->n = 0;
    if (b->p) b->p[0] = '\0';
    b->st = SF_OK;
}

static sf_status fail(sf_buf *b, sf_status st) {
    sf__buf_release(b);
    b->st = st;
    return st;
}

static sf_status reserve(sf_buf *b, size_t extra) {
    if (b->st != SF_OK) return b->st;
    if (extra > b->max || b->n > b->max - extra) return fail(b, SF_ERR_TOO_LARGE);
    size_t need = b->n + extra + 1;
    if (need <= b->cap) return SF_OK;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need) ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    char *p = sf__realloc(b->p, ncap);
    if (!p) return fail(b, SF_ERR_NOMEM);
    b->p = p;
    b->cap = ncap;
    return SF_OK;
}

sf_status sf__buf_reserve(sf_buf *b, size_t extra) { return reserve(b, extra); }

sf_status sf__buf_add(sf_buf *b, const void *p, size_t n) {
    SF_TRY(reserve(b, n));
    if (n) memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
    return SF_OK;
}

sf_status sf__buf_addc(sf_buf *b, char c) { return sf__buf_add(b, &c, 1); }
sf_status sf__buf_adds(sf_buf *b, const char *s) { return sf__buf_add(b, s, strlen(s)); }

sf_status sf__buf_addf(sf_buf *b, const char *fmt, ...) {
    if (b->st != SF_OK) return b->st;
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) return fail(b, SF_ERR_INTERNAL);
    SF_TRY(reserve(b, (size_t)len));
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)len;
    return SF_OK;
}

char *sf__buf_detach(sf_buf *b, size_t *len) {
    if (b->st != SF_OK) return NULL;
    char *p = b->p;
    if (!p) p = sf__strndup("", 0);
    if (len) *len = p ? b->n : 0;
    b->p = NULL;
    b->n = b->cap = 0;
    return p;
}

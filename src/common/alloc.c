/* alloc.c - the library's allocator hook and growable-array helper.
 * Every allocation in storyfold goes through here so that an embedding
 * program can supply its own allocator (sf_set_allocator). */
#include "common.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static void *(*g_malloc)(size_t) = malloc;
static void *(*g_realloc)(void *, size_t) = realloc;
static void (*g_free)(void *) = free;
static bool g_custom; /* sf_set_allocator was called */

void sf_set_allocator(void *(*m)(size_t), void *(*r)(void *, size_t), void (*f)(void *)) {
    if (!m || !r || !f) return;
    g_malloc = m;
    g_realloc = r;
    g_free = f;
    g_custom = true;
}

void sf_free(void *p) { sf__free(p); }
void *sf__malloc(size_t n) { return g_malloc(n ? n : 1); }
void *sf__realloc(void *p, size_t n) { return g_realloc(p, n ? n : 1); }
void sf__free(void *p) {
    if (p) g_free(p);
}

void *sf__calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    /* the C library's calloc gets fresh pages zeroed by the kernel, touched
     * only when used: a large table that stays sparse (the 16 MiB document
     * frequencies of a small cluster run) costs no memset and no page faults */
    size_t n = count * size;
    if (!g_custom) return calloc(n ? n : 1, 1);
    void *p = sf__malloc(n);
    if (p) memset(p, 0, n);
    return p;
}

void sf__advise_huge(void *p, size_t n) {
#ifdef MADV_HUGEPAGE
    /* only the C library's memory: a custom allocator's is its own affair */
    long page = sysconf(_SC_PAGESIZE);
    if (g_custom || !p || page <= 0) return;
    uintptr_t a = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t e = ((uintptr_t)p + n) & ~((uintptr_t)page - 1);
    if (e > a) (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

char *sf__strndup(const char *s, size_t n) {
    char *d = sf__malloc(n + 1);
    if (!d) return NULL;
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

sf_status sf__grow(void **items, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return SF_OK;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return SF_ERR_NOMEM;
        ncap *= 2;
    }
    if (elem && ncap > SIZE_MAX / elem) return SF_ERR_NOMEM;
    void *p = sf__realloc(*items, ncap * elem);
    if (!p) return SF_ERR_NOMEM;
    *items = p;
    *cap = ncap;
    return SF_OK;
}

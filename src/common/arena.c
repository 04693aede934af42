/* arena.c - bump allocator: many small allocations freed together. */
#include "common.h"

/* blocks from this size on may be huge pages; the largest a block grows to */
#define ARENA_BIG_MIN ((size_t)4 << 20)
#define ARENA_BIG_MAX ((size_t)64 << 20)

struct sf_arena_block {
    sf_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void sf__arena_init(sf_arena *a, size_t block_size) {
    a->head = NULL;
    a->block_size = block_size ? block_size : 64 * 1024;
    a->total = 0;
}

void sf__arena_release(sf_arena *a) {
    sf_arena_block *b = a->head;
    while (b) {
        sf_arena_block *next = b->next;
        sf__free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

void *sf__arena_alloc(sf_arena *a, size_t n) {
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n) return NULL;
    sf_arena_block *b = a->head;
    if (!b || b->size - b->used < need) {
        /* A request larger than a block gets a block of its own, placed
         * behind the head so the head's free space is not wasted. */
        size_t size = need > a->block_size ? need : a->block_size;
        /* An arena past a few blocks takes blocks as large as all it has
         * (up to ARENA_BIG_MAX): a corpus of 60 MB of text gets a handful of
         * blocks instead of sixty, and blocks that large are offered to the
         * kernel for huge pages (a page fault per 2 MiB, not per 4 KiB).
         * Pages never written are never given memory. */
        bool own = need > a->block_size; /* behind the head, below */
        if (!own && a->total >= 4 * a->block_size &&
            a->total >= ARENA_BIG_MIN)
            size = SF_MIN(a->total, (size_t)ARENA_BIG_MAX);
        if (size > SIZE_MAX - sizeof(sf_arena_block)) return NULL;
        sf_arena_block *nb = sf__malloc(sizeof(sf_arena_block) + size);
        if (!nb) return NULL;
        if (size >= ARENA_BIG_MIN) sf__advise_huge(nb, sizeof(sf_arena_block) + size);
        nb->used = 0;
        nb->size = size;
        if (b && own) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        a->total += size;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    return p;
}

char *sf__arena_strndup(sf_arena *a, const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    char *d = sf__arena_alloc(a, n + 1);
    if (!d) return NULL;
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void sf__arena_adopt(sf_arena *a, sf_arena *from) {
    if (!from->head) return;
    sf_arena_block *tail = from->head;
    while (tail->next) tail = tail->next;
    if (!a->head) {
        a->head = from->head;
    } else {
        /* behind a's head, which keeps serving allocations */
        tail->next = a->head->next;
        a->head->next = from->head;
    }
    a->total += from->total;
    from->head = NULL;
    from->total = 0;
}

/* arena.c - bump allocator: many small allocations freed together. */
#include "common.h"

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
        if (size > SIZE_MAX - sizeof(sf_arena_block)) return NULL;
        sf_arena_block *nb = sf__malloc(sizeof(sf_arena_block) + size);
        if (!nb) return NULL;
        nb->used = 0;
        nb->size = size;
        if (b && size > a->block_size) {
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

/* fuzz_reader.h - the body every reader's fuzz target shares: any bytes, read
 * with the format forced, must never crash, leak or read out of bounds, and
 * every stored string must be readable. */
#ifndef SF_FUZZ_READER_H
#define SF_FUZZ_READER_H

#include <stdint.h>
#include <string.h>

#include "storyfold.h"

static inline int sf_fuzz_read(const uint8_t *data, size_t size, sf_format format,
                               const char *name) {
    sf_corpus *c = sf_corpus_create();
    if (!c) return 0;
    sf_read_options o = {.format = format};
    sf_error err;
    sf_read_memory(c, name, (const char *)data, size, &o, &err);
    /* touch every stored string so a bad one shows up here */
    for (size_t i = 0; i < sf_corpus_count(c); i++) {
        const sf_article *a = sf_corpus_get(c, i);
        volatile size_t n = strlen(a->id) + strlen(a->title) + strlen(a->text) +
                            strlen(a->source) + strlen(a->url) + strlen(a->origin);
        (void)n;
    }
    sf_corpus_destroy(c);
    return 0;
}

#endif

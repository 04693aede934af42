/* fuzz_warc.c - libFuzzer target for the WARC reader: any bytes, plain or
 * gzip'd, read with the format forced; nothing may crash, leak, loop or read
 * out of bounds. */
#include <stdint.h>
#include <string.h>

#include "storyfold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sf_corpus *c = sf_corpus_create();
    if (!c) return 0;
    sf_read_options o = {.format = SF_FORMAT_WARC};
    sf_error err;
    sf_read_memory(c, "fuzz.warc", (const char *)data, size, &o, &err);
    for (size_t i = 0; i < sf_corpus_count(c); i++) {
        const sf_article *a = sf_corpus_get(c, i);
        volatile size_t n = strlen(a->id) + strlen(a->title) + strlen(a->text) +
                            strlen(a->url) + strlen(a->author) + strlen(a->lang);
        (void)n;
    }
    sf_corpus_destroy(c);
    return 0;
}

/* fuzz_warcfile.c - libFuzzer target for the WARC reader on the file path:
 * the bytes are written to a file named .warc and read by sf_read_path, which
 * streams it (constant memory, going back in plain files to resynchronize),
 * unlike fuzz_warc which reads from memory. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "storyfold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/sf-fuzz-warcfile-%ld.warc", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    size_t w = fwrite(data, 1, size, f);
    fclose(f);
    if (w != size) return 0;
    sf_corpus *c = sf_corpus_create();
    if (c) {
        sf_read_options o = {.max_expand = 1 << 24};
        sf_error err = {0};
        sf_read_path(c, path, &o, &err);
        for (size_t i = 0; i < sf_corpus_count(c); i++) {
            const sf_article *a = sf_corpus_get(c, i);
            volatile size_t n = strlen(a->id) + strlen(a->title) + strlen(a->text) +
                                strlen(a->url) + strlen(a->origin);
            (void)n;
        }
        sf_corpus_destroy(c);
    }
    unlink(path);
    return 0;
}

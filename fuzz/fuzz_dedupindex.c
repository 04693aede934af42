/* fuzz_dedupindex.c - libFuzzer target for sf_dedup_index_load: any bytes as
 * an index file must be refused cleanly or give an index that can be
 * queried, added to and saved again. Each input is loaded twice: as it is,
 * and with its last 8 bytes replaced by the XXH3 checksum of the others, so
 * that mutations reach the parser behind the checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "storyfold.h"

static void load_one(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    load_one(data, size);
    if (size < 16) return 0;
    uint8_t *fixed = malloc(size);
    if (!fixed) return 0;
    memcpy(fixed, data, size);
    uint64_t h = XXH3_64bits(fixed, size - 8);
    for (int i = 0; i < 8; i++) fixed[size - 8 + (size_t)i] = (uint8_t)(h >> (8 * i));
    load_one(fixed, size);
    free(fixed);
    return 0;
}

static void load_one(const uint8_t *data, size_t size) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/sf-fuzz-dedupindex-%ld.idx", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return;
    size_t w = fwrite(data, 1, size, f);
    fclose(f);
    if (w != size) return;
    sf_dedup_index *ix = NULL;
    sf_error err = {0};
    if (sf_dedup_index_load(path, &ix, &err) == SF_OK && ix) {
        static const char text[] = "The river rose over its banks in the town on Monday night.";
        sf_dedup_match *m = NULL;
        size_t nm = 0, item = 0;
        if (sf_dedup_index_query(ix, text, sizeof text - 1, &m, &nm, &err) == SF_OK) {
            for (size_t i = 0; i < nm; i++)
                if (!sf_dedup_index_id(ix, m[i].item)) __builtin_trap();
            sf_free(m);
        }
        m = NULL;
        if (sf_dedup_index_add(ix, "new", text, sizeof text - 1, &item, &m, &nm, &err) == SF_OK)
            sf_free(m);
        (void)sf_dedup_index_memory(ix);
        sf_dedup_index_save(ix, path, &err);
        sf_dedup_index_destroy(ix);
    }
    unlink(path);
}

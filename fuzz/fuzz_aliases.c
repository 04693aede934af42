/* fuzz_aliases.c - libFuzzer target for the alias-file parser: any bytes must
 * give either a table or a "NAME:LINE: ..." error that kept nothing, never a
 * crash, leak or out-of-bounds read; every group of the result has a
 * canonical name that looks itself up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entity/entity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sf_alias_table *t = NULL;
    sf_error err = {0};
    if (sf__alias_table_create(&t, &err) != SF_OK) return 0;
    if (sf__alias_table_add_bundled(t, &err) != SF_OK) abort();
    size_t before = sf__alias_group_count(t);
    sf_status st = sf__alias_table_parse(t, "fuzz.txt", (const char *)data, size, true, &err);
    size_t after = sf__alias_group_count(t);
    if (st != SF_OK) {
        /* a bad file adds nothing and says where */
        if (after != before) abort();
        if (st == SF_ERR_PARSE && strncmp(err.message, "fuzz.txt:", 9) != 0) abort();
    } else {
        if (after < before) abort();
        for (size_t g = 0; g < after; g++) {
            const char *name = sf__alias_canonical(t, g);
            if (!name || !name[0]) abort();
            /* a canonical name finds a group (its own, or one it joined) */
            if (sf__alias_lookup(t, name, strlen(name)) == SIZE_MAX) abort();
            (void)sf__alias_type(t, g);
        }
    }
    sf__alias_table_destroy(t);
    return 0;
}

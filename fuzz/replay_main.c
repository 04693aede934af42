/* replay_main.c - runs a fuzz target over every file of its corpus folder, so
 * the corpus is a plain regression test without libFuzzer (utf8proc's
 * test/fuzz_main.c does the same). Prints one line per file count. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) { free(buf); buf = NULL; }
            buf = nb;
        }
    }
    fclose(f);
    if (!buf) return -1;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR...\n", argv[0]);
        return 2;
    }
    size_t files = 0;
    for (int a = 1; a < argc; a++) {
        struct dirent **list;
        int k = scandir(argv[a], &list, NULL, alphasort);
        if (k < 0) {
            fprintf(stderr, "%s: cannot read corpus folder\n", argv[a]);
            return 1;
        }
        for (int i = 0; i < k; i++) {
            if (list[i]->d_name[0] != '.') {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", argv[a], list[i]->d_name);
                if (run_file(path) == 0) files++;
            }
            free(list[i]);
        }
        free(list);
    }
    printf("replayed %zu corpus files\n", files);
    return files ? 0 : 1;
}

/* fuzz_evaljsonl.c - libFuzzer target for the JSON Lines readers of `eval
 * clusters` (sf_cluster_scores_files): the bytes up to a line "---" are the
 * gold file, the rest the prediction (without "---", both are the bytes).
 * Scores that come out must be finite and within their ranges. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "storyfold.h"
#include "storyfold_eval.h"

static int put(const char *path, const uint8_t *p, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(p, 1, n, f);
    fclose(f);
    return w == n ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char gold[64], pred[64];
    snprintf(gold, sizeof gold, "/tmp/sf-fuzz-evaljsonl-%ld.gold", (long)getpid());
    snprintf(pred, sizeof pred, "/tmp/sf-fuzz-evaljsonl-%ld.pred", (long)getpid());
    const uint8_t *cut = NULL; /* memmem is a GNU extension: a plain search */
    for (size_t i = 0; i + 5 <= size && !cut; i++)
        if (memcmp(data + i, "\n---\n", 5) == 0) cut = data + i;
    size_t gn = cut ? (size_t)(cut - data) + 1 : size;
    const uint8_t *pp = cut ? cut + 5 : data;
    size_t pn = cut ? size - (size_t)(pp - data) : size;
    if (put(gold, data, gn) == 0 && put(pred, pp, pn) == 0) {
        sf_cluster_scores s;
        sf_error err = {0};
        if (sf_cluster_scores_files(gold, pred, &s, &err) == SF_OK) {
            double v[] = {s.pair_p, s.pair_r, s.pair_f1, s.bcubed_p, s.bcubed_r, s.bcubed_f1};
            for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
                if (!(v[i] >= 0 && v[i] <= 1)) __builtin_trap();
            if (!(s.ari <= 1.0 + 1e-9) || isnan(s.ari)) __builtin_trap();
        }
    }
    unlink(gold);
    unlink(pred);
    return 0;
}

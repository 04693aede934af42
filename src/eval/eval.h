/* eval.h - measuring storyfold against human judgements: ROUGE for summaries
 * (rouge.c). The public API is in storyfold_eval.h; these are the
 * pieces the tests check on their own.
 */
#ifndef SF_EVAL_H
#define SF_EVAL_H

#include "../common/common.h"
#include "storyfold_eval.h"

/* ROUGE-1.5.5's Porter stemmer: the published algorithm with the reference
 * implementation's departures (bli->ble, logi->log) and its own step 4 (the
 * -ement, -ment and -ent rules tried one after another). Stems w[0..n)
 * (lower-case ASCII) into out (at least n + 2 bytes, NUL-terminated);
 * returns the stem's length. Words shorter than 3 are copied. */
size_t sf__rouge_porter(const char *w, size_t n, char *out);

/* Round as ROUGE does (sprintf "%7.5f" read back as a number). */
double sf__rouge_round5(double x);

/* Perl's rand() as ROUGE-1.5.5 seeds it (srand(seed); drand48): a 48-bit
 * linear congruential generator. */
typedef struct sf_drand48 {
    uint64_t x;
} sf_drand48;
void sf__drand48_seed(sf_drand48 *g, uint32_t seed);
double sf__drand48_next(sf_drand48 *g);

#endif

/* bench_paraphrase.c - calibrates "says the same thing" for attribution on
 * the Microsoft Research Paraphrase Corpus (training part): for several
 * sentence similarities, the threshold with the best accuracy and the
 * precision, recall and F1 there, beside raw word overlap as the baseline.
 * usage: bench_paraphrase ../shared/data/msrp/msr_paraphrase_train.txt */
#include "text/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef SF_VEC(uint64_t) u64vec;

static sf_status collect(void *user, const char *term, size_t len, const sf_token *tok) {
    (void)tok;
    u64vec *v = user;
    return SF_VEC_PUSH(v, sf__hash64(term, len, 0));
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void uniq(u64vec *v) {
    qsort(v->items, v->n, sizeof *v->items, cmp_u64);
    size_t m = 0;
    for (size_t i = 0; i < v->n; i++)
        if (!m || v->items[m - 1] != v->items[i]) v->items[m++] = v->items[i];
    v->n = m;
}

/* raw baseline: lower-cased white-space words */
static void raw_words(const char *s, u64vec *v) {
    v->n = 0;
    const char *p = s;
    while (*p) {
        while (*p == ' ') p++;
        const char *w = p;
        char buf[128];
        size_t k = 0;
        while (*p && *p != ' ') {
            if (k < sizeof buf) buf[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
            p++;
        }
        if (p > w) SF_VEC_PUSH(v, sf__hash64(buf, k, 0));
    }
    uniq(v);
}

typedef struct pair {
    int label;
    double sim[4];
} pair;

enum { M_COS, M_DICE, M_OVERLAP, M_RAW, NM };
static const char *NAMES[NM] = {"tf-idf cosine (stemmed)", "Dice (stemmed terms)",
                                "overlap coefficient (stemmed)", "baseline: word Jaccard"};

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s msr_paraphrase_train.txt\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    sf_analyzer *an = sf__analyzer_create("en");
    SF_VEC(pair) pairs = {0};
    SF_VEC(u64vec) sets = {0};
    SF_VEC(u64vec) raws = {0};
    char line[8192];
    int first = 1;
    while (fgets(line, sizeof line, f)) {
        if (first) { first = 0; continue; }
        char *field[5];
        int nf = 0;
        char *p = line;
        field[nf++] = p;
        while (*p && nf < 5) {
            if (*p == '\t') { *p = '\0'; field[nf++] = p + 1; }
            p++;
        }
        if (nf < 5) continue;
        field[4][strcspn(field[4], "\r\n")] = '\0';
        pair pr = {.label = atoi(field[0])};
        SF_VEC_PUSH(&pairs, pr);
        for (int k = 3; k <= 4; k++) {
            u64vec v = {0}, r = {0};
            sf__analyze(an, field[k], strlen(field[k]), collect, &v);
            uniq(&v);
            raw_words(field[k], &r);
            SF_VEC_PUSH(&sets, v);
            SF_VEC_PUSH(&raws, r);
        }
    }
    fclose(f);
    /* document frequencies over all sentences */
    sf_map df;
    sf__map_init(&df);
    for (size_t i = 0; i < sets.n; i++)
        for (size_t k = 0; k < sets.items[i].n; k++) (*sf__map_slot(&df, sets.items[i].items[k]))++;
    double N = (double)sets.n;
    for (size_t i = 0; i < pairs.n; i++) {
        u64vec *a = &sets.items[2 * i], *b = &sets.items[2 * i + 1];
        double na = 0, nb = 0, dotv = 0;
        size_t inter = 0;
        for (size_t k = 0; k < a->n; k++) { double w = log(N / (double)*sf__map_find(&df, a->items[k])); na += w * w; }
        for (size_t k = 0; k < b->n; k++) { double w = log(N / (double)*sf__map_find(&df, b->items[k])); nb += w * w; }
        for (size_t x = 0, y = 0; x < a->n && y < b->n;) {
            if (a->items[x] < b->items[y]) x++;
            else if (a->items[x] > b->items[y]) y++;
            else {
                double w = log(N / (double)*sf__map_find(&df, a->items[x]));
                dotv += w * w;
                inter++;
                x++, y++;
            }
        }
        pair *pr = &pairs.items[i];
        pr->sim[M_COS] = na > 0 && nb > 0 ? dotv / sqrt(na * nb) : 0;
        pr->sim[M_DICE] = a->n + b->n ? 2.0 * (double)inter / (double)(a->n + b->n) : 0;
        pr->sim[M_OVERLAP] = a->n && b->n ? (double)inter / (double)SF_MIN(a->n, b->n) : 0;
        u64vec *ra = &raws.items[2 * i], *rb = &raws.items[2 * i + 1];
        size_t ri = 0;
        for (size_t x = 0, y = 0; x < ra->n && y < rb->n;) {
            if (ra->items[x] < rb->items[y]) x++;
            else if (ra->items[x] > rb->items[y]) y++;
            else ri++, x++, y++;
        }
        pr->sim[M_RAW] = ra->n + rb->n - ri ? (double)ri / (double)(ra->n + rb->n - ri) : 0;
    }
    size_t pos = 0;
    for (size_t i = 0; i < pairs.n; i++) pos += pairs.items[i].label == 1;
    printf("MSRP train: %zu pairs, %.3f paraphrases (accuracy of always saying yes)\n\n", pairs.n,
           (double)pos / (double)pairs.n);
    printf("%-32s %9s %9s %9s %9s %9s\n", "similarity", "threshold", "accuracy", "precision", "recall", "F1");
    for (int m = 0; m < NM; m++) {
        double best_acc = 0, best_t = 0, bp = 0, br = 0;
        for (double t = 0.05; t < 1.0; t += 0.01) {
            size_t tp = 0, fp = 0, fn = 0, tn = 0;
            for (size_t i = 0; i < pairs.n; i++) {
                int yes = pairs.items[i].sim[m] >= t;
                int lab = pairs.items[i].label == 1;
                tp += yes && lab, fp += yes && !lab, fn += !yes && lab, tn += !yes && !lab;
            }
            double acc = (double)(tp + tn) / (double)pairs.n;
            if (acc > best_acc) {
                best_acc = acc;
                best_t = t;
                bp = tp + fp ? (double)tp / (double)(tp + fp) : 0;
                br = (double)tp / (double)(tp + fn);
            }
        }
        printf("%-32s %9.2f %9.3f %9.3f %9.3f %9.3f\n", NAMES[m], best_t, best_acc, bp, br,
               bp + br > 0 ? 2 * bp * br / (bp + br) : 0);
    }
    /* the precision-first operating points attribution may prefer */
    printf("\nprecision-first points (threshold reaching precision >= 0.85):\n");
    for (int m = 0; m < NM; m++) {
        for (double t = 0.05; t < 1.0; t += 0.01) {
            size_t tp = 0, fp = 0, fn = 0;
            for (size_t i = 0; i < pairs.n; i++) {
                int yes = pairs.items[i].sim[m] >= t;
                int lab = pairs.items[i].label == 1;
                tp += yes && lab, fp += yes && !lab, fn += !yes && lab;
            }
            double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
            if (p >= 0.85) {
                printf("  %-30s threshold %.2f precision %.3f recall %.3f\n", NAMES[m], t, p,
                       (double)tp / (double)(tp + fn));
                break;
            }
        }
    }
    for (size_t i = 0; i < sets.n; i++) { SF_VEC_FREE(&sets.items[i]); SF_VEC_FREE(&raws.items[i]); }
    SF_VEC_FREE(&sets);
    SF_VEC_FREE(&raws);
    SF_VEC_FREE(&pairs);
    sf__map_release(&df);
    sf__analyzer_destroy(an);
    return 0;
}

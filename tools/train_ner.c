/* train_ner.c - trains the name recognizer's model (models/ner.model).
 *
 *   sf_train_ner --train eng.train --dev eng.testa [--bits 18] [--epochs 12]
 *                [--seed 1] --out models/ner.model
 *
 * An averaged perceptron over the features of ner.c, decoding greedily left
 * to right with the tags it predicted itself (so that it learns to recover
 * from its own mistakes). Sentences are visited in a new shuffled order each
 * epoch; after each epoch the averaged weights tag the development file and
 * the epoch with the best person/place/organization F1 is kept; its weights
 * are scaled to 16 bits (ner.h says why) and written.
 */
#include "entity/ner.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct corpus {
    sf_conll c;
    sf_ner_sent *sents; /* prepared once */
} corpus;

static int load(const char *path, corpus *k) {
    sf_error err = {0};
    if (sf__conll_read(path, &k->c, &err) != SF_OK) {
        fprintf(stderr, "sf_train_ner: %s\n", err.message);
        return 1;
    }
    size_t ns = sf__conll_nsents(&k->c);
    k->sents = calloc(ns ? ns : 1, sizeof(*k->sents));
    if (!k->sents) return 1;
    for (size_t s = 0; s < ns; s++) {
        size_t a = k->c.sent.items[s], b = k->c.sent.items[s + 1];
        if (sf__ner_sent_prepare(&k->sents[s], k->c.words.items + a, b - a) != SF_OK) return 1;
    }
    return 0;
}

static void unload(corpus *k) {
    for (size_t s = 0; s < sf__conll_nsents(&k->c); s++) sf__ner_sent_release(&k->sents[s]);
    free(k->sents);
    sf__conll_release(&k->c);
}

/* Greedy decoding with float weights; when `gold` is given, the perceptron
 * update (w += gold features, w -= predicted features; acc keeps c * delta
 * for the average) is made at every wrong token. */
static size_t decode(float *w, double *acc, double c, unsigned bits, const sf_ner_sent *s,
                     const uint8_t *gold, uint8_t *out) {
    uint32_t f[SF_NER_MAX_FEATURES];
    int prev = SF_NER_O, prev2 = SF_NER_O;
    size_t wrong = 0;
    for (size_t i = 0; i < s->n; i++) {
        size_t nf = sf__ner_features(s, i, prev, prev2, bits, f);
        float score[SF_NER_TAGS] = {0};
        for (size_t k = 0; k < nf; k++)
            for (int t = 0; t < SF_NER_TAGS; t++) score[t] += w[(size_t)f[k] * SF_NER_TAGS + t];
        int best = SF_NER_O;
        for (int t = 1; t < SF_NER_TAGS; t++)
            if (score[t] > score[best] && sf__ner_allowed(prev, t)) best = t;
        if (gold && best != gold[i]) {
            wrong++;
            for (size_t k = 0; k < nf; k++) {
                size_t at = (size_t)f[k] * SF_NER_TAGS;
                w[at + gold[i]] += 1.0f;
                w[at + best] -= 1.0f;
                acc[at + gold[i]] += c;
                acc[at + best] -= c;
            }
        }
        out[i] = (uint8_t)best;
        prev2 = prev;
        prev = best;
    }
    return wrong;
}

static void report(const char *what, const sf_ner_counts *n) {
    static const char *const names[6] = {"PER", "LOC", "ORG", "MISC", "all", "PER+LOC+ORG"};
    fprintf(stderr, "%s:", what);
    for (int t = 0; t < 6; t++) {
        double p = n->pred[t] ? (double)n->correct[t] / (double)n->pred[t] : 0;
        double r = n->gold[t] ? (double)n->correct[t] / (double)n->gold[t] : 0;
        fprintf(stderr, " %s %.4f", names[t], p + r > 0 ? 2 * p * r / (p + r) : 0);
    }
    fprintf(stderr, "\n");
}

/* F1 of PER+LOC+ORG on the development corpus with float weights `w`. */
static double evaluate(float *w, unsigned bits, const corpus *dev, const char *what) {
    sf_ner_counts n = {0};
    uint8_t *tags = malloc(dev->c.words.n + 1);
    if (!tags) return 0;
    for (size_t s = 0; s < sf__conll_nsents(&dev->c); s++) {
        size_t a = dev->c.sent.items[s];
        decode(w, NULL, 0, bits, &dev->sents[s], NULL, tags + a);
    }
    if (sf__ner_count(dev->c.tags.items, tags, dev->c.words.n, &n) != SF_OK) return 0;
    free(tags);
    report(what, &n);
    double p = n.pred[5] ? (double)n.correct[5] / (double)n.pred[5] : 0;
    double r = n.gold[5] ? (double)n.correct[5] / (double)n.gold[5] : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* Write the model file: weights scaled so that the largest is 32767. The
 * weights as the file gives them back are put into `w` so that the caller
 * can check the stored model. */
static int save(const char *path, float *w, size_t nw, unsigned bits) {
    float top = 0;
    for (size_t i = 0; i < nw; i++) top = fmaxf(top, fabsf(w[i]));
    float scale = top > 0 ? 32767.0f / top : 1;
    unsigned char head[SF_NER_HEADER];
    memcpy(head, SF_NER_MAGIC, 8);
    uint32_t tags = SF_NER_TAGS;
    for (int k = 0; k < 4; k++) {
        head[8 + k] = (unsigned char)(bits >> (8 * k));
        head[12 + k] = (unsigned char)(tags >> (8 * k));
    }
    unsigned char *q = malloc(2 * nw);
    if (!q) return 1;
    for (size_t i = 0; i < nw; i++) {
        long v = lroundf(w[i] * scale);
        v = v > 32767 ? 32767 : v < -32767 ? -32767 : v;
        q[2 * i] = (unsigned char)((unsigned long)v & 0xff);
        q[2 * i + 1] = (unsigned char)(((unsigned long)v >> 8) & 0xff);
        w[i] = (float)v / scale;
    }
    FILE *f = fopen(path, "wb");
    int bad = !f || fwrite(head, 1, sizeof head, f) != sizeof head || fwrite(q, 2, nw, f) != nw;
    if (f && fclose(f) != 0) bad = 1;
    free(q);
    if (bad) fprintf(stderr, "sf_train_ner: cannot write %s\n", path);
    else fprintf(stderr, "wrote %s (%zu bytes, largest weight %.1f)\n", path, 2 * nw + SF_NER_HEADER, (double)top);
    return bad;
}

static void shuffle(size_t *order, size_t n, uint64_t *seed) {
    for (size_t i = n; i > 1; i--) {
        *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t j = (size_t)((*seed >> 33) % i);
        size_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

typedef struct options {
    const char *train, *dev, *out;
    unsigned bits, epochs;
    uint64_t seed;
} options;

static int parse_args(int argc, char **argv, options *o) {
    *o = (options){NULL, NULL, NULL, 18, 12, 1};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--train") == 0) o->train = argv[i + 1];
        else if (strcmp(argv[i], "--dev") == 0) o->dev = argv[i + 1];
        else if (strcmp(argv[i], "--out") == 0) o->out = argv[i + 1];
        else if (strcmp(argv[i], "--bits") == 0) o->bits = (unsigned)atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--epochs") == 0) o->epochs = (unsigned)atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seed") == 0) o->seed = (uint64_t)atoll(argv[i + 1]);
        else return 1;
    }
    return !o->train || !o->dev || !o->out || o->bits < 8 || o->bits > 24 || o->epochs < 1;
}

int main(int argc, char **argv) {
    options o;
    if (parse_args(argc, argv, &o)) {
        fprintf(stderr, "usage: sf_train_ner --train FILE --dev FILE --out FILE [--bits 8..24] "
                        "[--epochs N] [--seed N]\n");
        return 2;
    }
    clock_t t0 = clock();
    corpus tr = {0}, dv = {0};
    if (load(o.train, &tr) || load(o.dev, &dv)) return 1;
    size_t nw = ((size_t)1 << o.bits) * SF_NER_TAGS, ns = sf__conll_nsents(&tr.c);
    float *w = calloc(nw, sizeof(float)), *avg = calloc(nw, sizeof(float)), *best = calloc(nw, sizeof(float));
    double *acc = calloc(nw, sizeof(double));
    size_t *order = malloc(ns * sizeof(size_t));
    uint8_t *tags = malloc(tr.c.words.n + 1);
    if (!w || !avg || !best || !acc || !order || !tags) return 1;
    for (size_t s = 0; s < ns; s++) order[s] = s;
    double c = 1, best_f1 = -1;
    unsigned best_epoch = 0;
    for (unsigned e = 1; e <= o.epochs; e++) {
        shuffle(order, ns, &o.seed);
        size_t wrong = 0;
        for (size_t k = 0; k < ns; k++) {
            size_t s = order[k], a = tr.c.sent.items[s];
            wrong += decode(w, acc, c, o.bits, &tr.sents[s], tr.c.tags.items + a, tags + a);
            c += 1;
        }
        for (size_t i = 0; i < nw; i++) avg[i] = (float)(w[i] - acc[i] / c);
        char what[64];
        snprintf(what, sizeof what, "epoch %u (%zu training errors) dev", e, wrong);
        double f1 = evaluate(avg, o.bits, &dv, what);
        if (f1 > best_f1) {
            best_f1 = f1;
            best_epoch = e;
            memcpy(best, avg, nw * sizeof(float));
        }
    }
    fprintf(stderr, "best epoch %u, dev PER+LOC+ORG F1 %.4f; training CPU %.1f s\n", best_epoch,
            best_f1, (double)(clock() - t0) / CLOCKS_PER_SEC);
    int rc = save(o.out, best, nw, o.bits);
    if (!rc) evaluate(best, o.bits, &dv, "quantized dev");
    free(w), free(avg), free(best), free(acc), free(order), free(tags);
    unload(&tr);
    unload(&dv);
    return rc;
}

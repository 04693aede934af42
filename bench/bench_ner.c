/* bench_ner.c - throughput of the name recognizer beside the tokenizer's on
 * the same news text (e.g. the DUC 2006 articles), CPU time of this process,
 * best of REPEATS runs:
 *   tokenize      sf__tokenize alone (the reference the recognizer is held to)
 *   doc           sf__doc_init: tokens and sentences (what the pipeline
 *                 builds once per article anyway)
 *   recognizer    sf__ner_tag_sentence over every sentence of docs already
 *                 built (features, weights, greedy decoding)
 *   mentions      sf__find_mentions: the recognizer plus the rules on top
 *
 *   bench_ner PATH [REPEATS]     e.g. build/bench_ner ../shared/data/duc2006/docs
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "entity/entity.h"

static double cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct bench {
    const sf_corpus *c;
    sf_doc *docs;
} bench;

static size_t run_tokenize(bench *b) {
    size_t n = 0;
    sf_tokvec v = {0};
    for (size_t a = 0; a < sf_corpus_count(b->c); a++) {
        const sf_article *art = sf_corpus_get(b->c, a);
        v.n = 0;
        if (sf__tokenize(art->text, art->text_len, &v) == SF_OK) n += v.n;
    }
    SF_VEC_FREE(&v);
    return n;
}

static size_t run_doc(bench *b) {
    size_t n = 0;
    for (size_t a = 0; a < sf_corpus_count(b->c); a++) {
        const sf_article *art = sf_corpus_get(b->c, a);
        sf_doc d;
        if (sf__doc_init(&d, a, art->text, art->text_len, "en") != SF_OK) continue;
        n += d.sents.n;
        sf__doc_release(&d);
    }
    return n;
}

static size_t run_recognizer(bench *b) {
    size_t n = 0;
    sf_ner_scratch x = {0};
    sf_name_spanvec spans = {0};
    for (size_t a = 0; a < sf_corpus_count(b->c); a++) {
        const sf_doc *d = &b->docs[a];
        for (size_t s = 0; s < d->sents.n; s++) {
            spans.n = 0;
            if (sf__ner_tag_sentence(d, s, &x, &spans) == SF_OK) n += spans.n;
        }
    }
    SF_VEC_FREE(&spans);
    sf__ner_scratch_release(&x);
    return n;
}

static size_t run_mentions(bench *b) {
    size_t n = 0;
    sf_mentionvec mv = {0};
    for (size_t a = 0; a < sf_corpus_count(b->c); a++) {
        mv.n = 0;
        if (sf__find_mentions(&b->docs[a], &mv) == SF_OK) n += mv.n;
    }
    SF_VEC_FREE(&mv);
    return n;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH [REPEATS]\n", argv[0]);
        return 2;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    if (reps < 1) reps = 1;
    sf_corpus *c = sf_corpus_create();
    sf_read_options o = {0};
    sf_error err = {0};
    if (!c || sf_read_path(c, argv[1], &o, &err) != SF_OK) {
        fprintf(stderr, "bench_ner: %s\n", err.message);
        return 1;
    }
    size_t na = sf_corpus_count(c), bytes = 0;
    bench b = {c, calloc(na ? na : 1, sizeof(sf_doc))};
    if (!b.docs) return 1;
    for (size_t a = 0; a < na; a++) {
        const sf_article *art = sf_corpus_get(c, a);
        bytes += art->text_len;
        if (sf__doc_init(&b.docs[a], a, art->text, art->text_len, "en") != SF_OK) return 1;
    }
    double mb = (double)bytes / 1e6;
    printf("corpus: %s, %zu articles, %.2f MB of text, CPU time, best of %d runs\n\n", argv[1], na, mb, reps);
    static const struct {
        const char *name;
        size_t (*run)(bench *b);
    } stages[] = {
        {"tokenize (sf__tokenize)", run_tokenize},
        {"doc (tokens + sentences)", run_doc},
        {"recognizer (sf__ner_tag_sentence)", run_recognizer},
        {"mentions (recognizer + rules)", run_mentions},
    };
    printf("%-36s %8s %10s %10s %10s\n", "stage", "MB", "seconds", "MB/s", "count");
    for (size_t s = 0; s < SF_ARRAY_LEN(stages); s++) {
        double best = 1e30;
        size_t count = 0;
        for (int r = 0; r < reps; r++) {
            double t0 = cpu();
            count = stages[s].run(&b);
            double dt = cpu() - t0;
            if (dt < best) best = dt;
        }
        printf("%-36s %8.2f %10.4f %10.1f %10zu\n", stages[s].name, mb, best, mb / best, count);
    }
    for (size_t a = 0; a < na; a++) sf__doc_release(&b.docs[a]);
    free(b.docs);
    sf_corpus_destroy(c);
    return 0;
}

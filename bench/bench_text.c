/* bench_text.c - throughput of the text core over a news corpus (e.g. the
 * DUC 2006 articles): tokenizing, folding, the analyzer and sentence
 * splitting, beside two baselines in the same run: a plain byte scan that
 * counts words and periods (the speed of light) and ICU's raw sentence
 * iterator without our fixes.
 *
 *   bench_text PATH [REPEATS]     e.g. build/bench_text ../shared/data/duc2006/docs
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "text/text.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct stage {
    const char *name;
    size_t (*run)(const sf_corpus *c); /* returns a count, so work is not elided */
} stage;

static size_t run_scan(const sf_corpus *c) {
    size_t words = 0, periods = 0;
    for (size_t a = 0; a < sf_corpus_count(c); a++) {
        const sf_article *art = sf_corpus_get(c, a);
        int in_word = 0;
        for (size_t i = 0; i < art->text_len; i++) {
            unsigned char ch = (unsigned char)art->text[i];
            int sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
            if (!sp && !in_word) words++;
            in_word = !sp;
            periods += ch == '.';
        }
    }
    return words + periods;
}

static size_t run_tokenize(const sf_corpus *c) {
    sf_tokvec v = {0};
    size_t total = 0;
    for (size_t a = 0; a < sf_corpus_count(c); a++) {
        const sf_article *art = sf_corpus_get(c, a);
        v.n = 0;
        if (sf__tokenize(art->text, art->text_len, &v) != SF_OK) exit(1);
        total += v.n;
    }
    SF_VEC_FREE(&v);
    return total;
}

static size_t run_fold(const sf_corpus *c) {
    sf_buf b;
    sf__buf_init(&b, 0);
    size_t total = 0;
    for (size_t a = 0; a < sf_corpus_count(c); a++) {
        const sf_article *art = sf_corpus_get(c, a);
        sf__buf_reset(&b);
        if (sf__fold(art->text, art->text_len, &b) != SF_OK) exit(1);
        total += b.n;
    }
    sf__buf_release(&b);
    return total;
}

static sf_status count_term(void *user, const char *t, size_t n, const sf_token *tok) {
    (void)t, (void)tok;
    *(size_t *)user += n;
    return SF_OK;
}

static size_t run_analyze(const sf_corpus *c) {
    sf_analyzer *an = sf__analyzer_create("en");
    size_t total = 0;
    for (size_t a = 0; a < sf_corpus_count(c); a++) {
        const sf_article *art = sf_corpus_get(c, a);
        if (sf__analyze(an, art->text, art->text_len, count_term, &total) != SF_OK) exit(1);
    }
    sf__analyzer_destroy(an);
    return total;
}

/* ICU alone: UTF-8 -> UTF-16 and the sentence iterator, opened once and
 * reused (its best case), no fixes and no offset map. */
static size_t run_icu_raw(const sf_corpus *c) {
    UErrorCode e = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &e);
    UChar *u = NULL;
    size_t cap = 0, total = 0;
    for (size_t a = 0; a < sf_corpus_count(c); a++) {
        const sf_article *art = sf_corpus_get(c, a);
        if (art->text_len + 1 > cap) {
            cap = art->text_len + 1;
            free(u);
            u = malloc(cap * sizeof(UChar));
        }
        int32_t len = 0;
        e = U_ZERO_ERROR;
        u_strFromUTF8(u, (int32_t)cap, &len, art->text, (int32_t)art->text_len, &e);
        ubrk_setText(bi, u, len, &e);
        if (U_FAILURE(e)) exit(1);
        while (ubrk_next(bi) != UBRK_DONE) total++;
    }
    free(u);
    ubrk_close(bi);
    return total;
}

static size_t run_sentences(const sf_corpus *c) {
    sf_spanvec v = {0};
    size_t total = 0;
    for (size_t a = 0; a < sf_corpus_count(c); a++) {
        const sf_article *art = sf_corpus_get(c, a);
        v.n = 0;
        if (sf__sentences(art->text, art->text_len, "en", &v) != SF_OK) exit(1);
        total += v.n;
    }
    SF_VEC_FREE(&v);
    return total;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH [REPEATS]\n", argv[0]);
        return 2;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    if (reps < 1) reps = 1;
    sf_corpus *c = sf_corpus_create();
    sf_read_options o = {0};
    sf_error err = {0};
    if (!c || sf_read_path(c, argv[1], &o, &err) != SF_OK) {
        fprintf(stderr, "bench_text: %s\n", err.message);
        return 1;
    }
    size_t bytes = 0;
    for (size_t a = 0; a < sf_corpus_count(c); a++) bytes += sf_corpus_get(c, a)->text_len;
    double mb = (double)bytes / 1e6;
    printf("corpus: %s, %zu articles, %.2f MB of text, best of %d runs\n\n", argv[1],
           sf_corpus_count(c), mb, reps);

    static const stage stages[] = {
        {"baseline: byte scan (words, '.')", run_scan},
        {"tokenize (sf__tokenize)", run_tokenize},
        {"fold (sf__fold, NFKC_CF)", run_fold},
        {"analyze (tokenize+fold+stop+stem)", run_analyze},
        {"baseline: ICU sentence iterator raw", run_icu_raw},
        {"sentences (sf__sentences)", run_sentences},
    };
    printf("%-38s %8s %10s %10s %12s\n", "stage", "MB", "seconds", "MB/s", "count");
    for (size_t s = 0; s < SF_ARRAY_LEN(stages); s++) {
        double best = 1e30;
        size_t count = 0;
        for (int r = 0; r < reps; r++) {
            double t0 = now();
            count = stages[s].run(c);
            double dt = now() - t0;
            if (dt < best) best = dt;
        }
        printf("%-38s %8.2f %10.4f %10.1f %12zu\n", stages[s].name, mb, best, mb / best, count);
    }
    sf_corpus_destroy(c);
    return 0;
}

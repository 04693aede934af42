/* bench_summarize.c - time to summarize one story: every DUC topic (25
 * articles) summarized at 250 words with the default method, the median and
 * the slowest, beside the centroid method as the baseline in the same run and
 * the exact integer program over the same concepts (GLPK) and coverage plus
 * diversity (Lin and Bilmes 2011);
 * then stories of 100 and 500 articles (topics pooled) to show how time grows.
 * usage: bench_summarize DUC_DOCS_DIR   (e.g. ../shared/data/duc2006/docs) */
#include "storyfold.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double time_summary(const sf_corpus *c, int method, size_t words) {
    sf_run_options o = {.summary_words = words, .summary_method = method, .no_facts = 1};
    sf_result *r = NULL;
    sf_error err = {0};
    double t0 = now();
    if (sf_summarize_all(c, &o, &r, &err) != SF_OK) {
        fprintf(stderr, "summarize failed: %s\n", err.message);
        exit(1);
    }
    double t = now() - t0;
    sf_result_destroy(r);
    return t;
}

static int is_topic(const struct dirent *e) { return e->d_name[0] == 'D'; }

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s DUC_DOCS_DIR\n", argv[0]);
        return 2;
    }
    struct dirent **topics;
    int nt = scandir(argv[1], &topics, is_topic, alphasort);
    if (nt <= 0) {
        fprintf(stderr, "%s: no topic folders\n", argv[1]);
        return 1;
    }
    double *t_concepts = calloc((size_t)nt, sizeof(double));
    double *t_centroid = calloc((size_t)nt, sizeof(double));
    double *t_ilp = calloc((size_t)nt, sizeof(double));
    double *t_cov = calloc((size_t)nt, sizeof(double));
    sf_corpus *pool = sf_corpus_create();
    sf_read_options ro = {0};
    size_t articles = 0;
    for (int i = 0; i < nt; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], topics[i]->d_name);
        sf_corpus *c = sf_corpus_create();
        sf_error err = {0};
        if (sf_read_path(c, path, &ro, &err) != SF_OK || sf_read_path(pool, path, &ro, &err) != SF_OK) {
            fprintf(stderr, "%s: %s\n", path, err.message);
            return 1;
        }
        articles += sf_corpus_count(c);
        t_concepts[i] = time_summary(c, 0, 250);
        t_centroid[i] = time_summary(c, 1, 250);
        t_ilp[i] = time_summary(c, 2, 250);
        t_cov[i] = time_summary(c, 3, 250);
        sf_corpus_destroy(c);
    }
    qsort(t_concepts, (size_t)nt, sizeof(double), cmp_double);
    qsort(t_centroid, (size_t)nt, sizeof(double), cmp_double);
    qsort(t_ilp, (size_t)nt, sizeof(double), cmp_double);
    qsort(t_cov, (size_t)nt, sizeof(double), cmp_double);
    printf("%d topics, %zu articles, 250-word summaries, one core\n\n", nt, articles);
    printf("%-28s %10s %10s\n", "method (per 25-article topic)", "median ms", "max ms");
    printf("%-28s %10.1f %10.1f\n", "concepts (default)", 1e3 * t_concepts[nt / 2], 1e3 * t_concepts[nt - 1]);
    printf("%-28s %10.1f %10.1f\n", "centroid (baseline)", 1e3 * t_centroid[nt / 2], 1e3 * t_centroid[nt - 1]);
    printf("%-28s %10.1f %10.1f\n", "concepts, exact ILP", 1e3 * t_ilp[nt / 2], 1e3 * t_ilp[nt - 1]);
    printf("%-28s %10.1f %10.1f\n", "coverage+diversity (L&B)", 1e3 * t_cov[nt / 2], 1e3 * t_cov[nt - 1]);

    /* growth: the first N articles of the pooled topics as one story */
    printf("\n%-10s %14s %14s %14s %14s\n", "articles", "concepts ms", "centroid ms", "ILP ms", "L&B ms");
    size_t sizes[] = {25, 100, 500};
    for (size_t k = 0; k < 3; k++) {
        size_t n = sizes[k];
        if (n > sf_corpus_count(pool)) break;
        sf_corpus *c = sf_corpus_create();
        for (size_t i = 0; i < n; i++) sf_corpus_add(c, sf_corpus_get(pool, i), NULL);
        printf("%-10zu %14.1f %14.1f %14.1f %14.1f\n", n, 1e3 * time_summary(c, 0, 250), 1e3 * time_summary(c, 1, 250),
               1e3 * time_summary(c, 2, 250), 1e3 * time_summary(c, 3, 250));
        sf_corpus_destroy(c);
    }
    for (int i = 0; i < nt; i++) free(topics[i]);
    free(topics);
    free(t_concepts);
    free(t_centroid);
    free(t_ilp);
    free(t_cov);
    sf_corpus_destroy(pool);
    return 0;
}

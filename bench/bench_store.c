/* bench_store.c - first-page latency of a store's listings, in-process: the
 * store is opened once, then `stories` (first 20), `search QUERY` (first 20
 * of each kind) and `show` of the newest story are each run R times into
 * /dev/null; prints the median wall and CPU milliseconds per call. Process
 * start-up (ICU, libraries) is not included: see docs/store.md.
 *
 * usage: bench_store DB [QUERY...]   (default queries: police, "minister said") */
#include "storyfold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define R 15

static double now(clockid_t c) {
    struct timespec t;
    clock_gettime(c, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef sf_status (*call_fn)(sf_store *, const char *, FILE *, sf_error *);

static sf_status stories(sf_store *s, const char *q, FILE *f, sf_error *e) {
    (void)q;
    return sf_store_write_stories(s, SF_TIME_UNKNOWN, 20, 0, SF_STORE_MARKDOWN, f, e);
}
static sf_status search(sf_store *s, const char *q, FILE *f, sf_error *e) {
    return sf_store_search(s, q, SF_TIME_UNKNOWN, SF_TIME_UNKNOWN, 20, SF_STORE_MARKDOWN, f, e);
}
static sf_status show(sf_store *s, const char *q, FILE *f, sf_error *e) {
    return sf_store_write_story(s, q, 0, SF_STORE_MARKDOWN, f, e);
}

static int measure(const char *label, sf_store *s, call_fn fn, const char *q, FILE *devnull) {
    double wall[R], cpu[R];
    for (int i = 0; i < R; i++) {
        sf_error err = {0};
        double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        if (fn(s, q, devnull, &err) != SF_OK) {
            fprintf(stderr, "bench_store: %s: %s\n", label, err.message);
            return 1;
        }
        wall[i] = now(CLOCK_MONOTONIC) - w0;
        cpu[i] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    }
    qsort(wall, R, sizeof wall[0], cmp_d);
    qsort(cpu, R, sizeof cpu[0], cmp_d);
    printf("%-34s median wall %7.2f ms  cpu %7.2f ms  (%d calls, wall min %.2f max %.2f ms)\n",
           label, wall[R / 2], cpu[R / 2], R, wall[0], wall[R - 1]);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_store DB [QUERY...]\n");
        return 2;
    }
    sf_error err = {0};
    sf_store *s = sf_store_open(argv[1], &err);
    if (!s) {
        fprintf(stderr, "bench_store: %s\n", err.message);
        return 1;
    }
    FILE *devnull = fopen("/dev/null", "w");
    int rc = measure("stories (first 20)", s, stories, NULL, devnull);
    rc |= measure("show s1", s, show, "s1", devnull);
    const char *def[] = {"police", "minister said"};
    int nq = argc > 2 ? argc - 2 : 2;
    for (int i = 0; i < nq; i++) {
        const char *q = argc > 2 ? argv[2 + i] : def[i];
        char label[64];
        snprintf(label, sizeof label, "search '%s' (first 20)", q);
        rc |= measure(label, s, search, q, devnull);
    }
    fclose(devnull);
    sf_store_close(s);
    return rc;
}

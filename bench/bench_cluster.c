/* bench_cluster.c - throughput and memory of the story stream on a generated
 * stream (bench/gen_stream.py): articles per second and peak resident memory
 * after 10k, 20k, 50k, 100k, ... 1M articles, with the brute-force variant
 * (every active story scored, no inverted index) on the first 10k beside it,
 * and B-cubed F1 of the stories against the generator's events. "heap" is
 * what the clusterer holds at that point (glibc's bytes in use, less the
 * benchmark's own 8 bytes per article of gold labels): it should level off
 * once stories retire, apart from the 4 bytes per article of the answer
 * (each article's story). The peak resident size includes the brute-force
 * run and the JSON parser.
 *
 * usage: bench_cluster STREAM.jsonl [MAX]
 */
#include <json-c/json.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cluster/cluster.h"
#include "storyfold_eval.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); /* CPU time: the machine may be shared */
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double peak_mib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

/* Bytes the program holds on the heap now (glibc's count of bytes in use):
 * unlike the peak resident size, it falls when stories retire. */
static double heap_mib(void) {
    struct mallinfo2 mi = mallinfo2();
    return (double)(mi.uordblks + mi.hblkhd) / (1024.0 * 1024.0);
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Members of the largest story (sorts a copy of the labels); *label (may
 * be NULL) receives its label. */
static size_t largest_story(const size_t *pred, size_t n, size_t *label) {
    size_t *c = malloc(n * sizeof *c), best = 0;
    if (!c) return 0;
    memcpy(c, pred, n * sizeof *c);
    qsort(c, n, sizeof *c, cmp_size);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && c[j] == c[i]; j++) {}
        if (j - i > best) {
            best = j - i;
            if (label) *label = c[i];
        }
    }
    free(c);
    return best;
}

static int run(const char *path, size_t max, int exhaustive, const char *label) {
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    o.exhaustive = exhaustive;
    sf_stream *s = NULL;
    sf_error err = {0};
    if (sf__stream_create(&o, &s, &err) != SF_OK) {
        fprintf(stderr, "%s\n", err.message);
        fclose(f);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, n = 0, next = 10000;
    SF_VEC(size_t) gold = {0};
    /* BENCH_LARGEST=1: the largest story's events and time span at each
     * checkpoint (keeps every article's time: 8 bytes each) */
    bool diag = getenv("BENCH_LARGEST") != NULL;
    SF_VEC(int64_t) pubs = {0};
    double t0 = now(), parse = 0;
    ssize_t len;
    while (n < max && (len = getline(&line, &cap, f)) > 0) {
        /* the parse is timed on every 16th line and counted 16 times: the
         * CPU clock is a system call, and two per article were 5% of the
         * measured time (perf) */
        bool timed = (n & 15) == 0;
        double p0 = timed ? now() : 0;
        json_object *j = json_tokener_parse(line), *v;
        const char *title = "", *text = "";
        int64_t pub = SF_TIME_UNKNOWN;
        if (j && json_object_object_get_ex(j, "title", &v)) title = json_object_get_string(v);
        if (j && json_object_object_get_ex(j, "text", &v)) text = json_object_get_string(v);
        if (j && json_object_object_get_ex(j, "published", &v)) pub = json_object_get_int64(v);
        const char *ev = j && json_object_object_get_ex(j, "event", &v) ? json_object_get_string(v) : "";
        if (SF_VEC_PUSH(&gold, (size_t)sf__hash64(ev, strlen(ev), 0)) != SF_OK) break;
        if (timed) parse += 16.0 * (now() - p0);
        if (diag && SF_VEC_PUSH(&pubs, pub) != SF_OK) break;
        if (sf__stream_add(s, title, strlen(title), text, strlen(text), pub, NULL, &err) != SF_OK) {
            fprintf(stderr, "%s\n", err.message);
            break;
        }
        json_object_put(j);
        n++;
        if (n == next) {
            double el = now() - t0 - parse;
            sf_stream_stats st;
            sf__stream_stats(s, &st);
            double peak = peak_mib();
            size_t *pred = malloc(n * sizeof *pred);
            sf_cluster_scores sc = {0};
            size_t largest = 0;
            if (pred) {
                for (size_t i = 0; i < n; i++) pred[i] = sf__stream_story_of(s, i);
                size_t big = 0;
                largest = largest_story(pred, n, &big);
                (void)sf_cluster_scores_compute(gold.items, pred, n, &sc, NULL);
                if (diag) {
                    int64_t lo = INT64_MAX, hi = INT64_MIN;
                    size_t evs = 0, *seen = calloc(largest ? largest : 1, sizeof *seen);
                    for (size_t i = 0; i < n && seen; i++) {
                        if (pred[i] != big) continue;
                        if (pubs.items[i] < lo) lo = pubs.items[i];
                        if (pubs.items[i] > hi) hi = pubs.items[i];
                        size_t k = 0;
                        while (k < evs && seen[k] != gold.items[i]) k++;
                        if (k == evs) seen[evs++] = gold.items[i];
                    }
                    free(seen);
                    printf("largest story: %zu articles, %zu events, span %.1f days\n", largest, evs,
                           (double)(hi - lo) / 86400.0);
                }
                free(pred);
            }
            printf("%-12s %9zu  %9.0f art/s  heap %7.1f MiB  peak %7.1f MiB  stories %8zu  "
                   "largest %6zu  active %6zu  retired %8zu  merges %6zu  splits %6zu  scored/art %5.1f  postings %8zu  B3 F1 %.3f  P %.3f  R %.3f\n",
                   label, n, (double)n / el, heap_mib() - (double)(gold.cap * sizeof *gold.items) / (1024.0 * 1024.0), peak, st.stories, largest, st.active_stories, st.retired, st.merges, st.splits,
                   (double)st.scored / (double)n, st.postings, sc.bcubed_f1, sc.bcubed_p, sc.bcubed_r);
            fflush(stdout);
            /* checkpoints 10k, 20k, 50k, 100k, 200k, 500k, 1M, ... */
            size_t lead = next;
            while (lead >= 10) lead /= 10;
            next = lead == 2 ? next / 2 * 5 : next * 2;
        }
    }
    free(line);
    SF_VEC_FREE(&gold);
    SF_VEC_FREE(&pubs);
    fclose(f);
    sf__stream_destroy(s);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_cluster STREAM.jsonl [MAX]\n");
        return 2;
    }
    size_t max = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : (size_t)-1;
    printf("articles/s per CPU-second of this process (one core); exclude JSON parsing; include analysis (tokenize, fold, stem)\n");
    /* BENCH_NO_BRUTE=1 skips the brute-force run (it takes minutes) */
    if (!getenv("BENCH_NO_BRUTE") && run(argv[1], max < 10000 ? max : 10000, 1, "brute-force"))
        return 1;
    return run(argv[1], max, 0, "index");
}

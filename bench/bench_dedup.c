/* bench_dedup.c - speed and memory of duplicate finding on N generated
 * articles (DUC 2006 text with planted copies, see dedup_gen.h), beside the
 * brute-force exact all-pairs computation timed on a sample and scaled.
 * Articles are generated in batches and dropped after indexing, so 1M
 * articles (3.6 GB of text) never sit in memory at once: the index is what
 * grows, as it would over a crawl.
 *
 *   bench_dedup [--batch B] [--write DIR] [--fingerprint-only] [N ...]
 *                                          (default N: 10000 100000)
 *
 * Each N runs in its own child process so that its peak memory is its own.
 * Times are wall clock and, for the one-thread stages, the thread's CPU time
 * too (the machine may be shared; the load average is printed beside each
 * figure). --fingerprint-only fingerprints N articles on one thread and
 * stops (for callgrind/perf). --write DIR writes DIR/dedup_N.jsonl. */
#include "dedup/dedup.h"

#include "dedup_gen.h"

#include <json-c/json.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double peak_mb(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}

/* The 1-minute load average, as a string ("?" when unreadable). */
static const char *load(void) {
    static char s[32];
    strcpy(s, "?");
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%31s", s) != 1) strcpy(s, "?");
        fclose(f);
    }
    return s;
}

/* ------------------------------------------------------------ generator */

/* Article k of the stream: DUC article k for k < |DUC|, else a mutated copy
 * of DUC article k mod |DUC| (so about one article in |DUC|/N is original). */
typedef struct stream {
    const sf_corpus *duc;
    dg_rng r;
    size_t made;
    sf_buf scratch;
} stream;

static sf_corpus *next_batch(stream *s, size_t count) {
    sf_corpus *c = sf_corpus_create();
    size_t nd = sf_corpus_count(s->duc);
    sf_error err = {0};
    for (size_t i = 0; i < count; i++, s->made++) {
        size_t k = s->made;
        const sf_article *a = sf_corpus_get(s->duc, k % nd);
        sf_status st;
        if (k < nd) {
            st = sf_corpus_add(c, a, &err);
        } else {
            dg_mut m = dg_random_mut(&s->r);
            st = dg_add_copy(c, a, sf_corpus_get(s->duc, dg_below(&s->r, nd)), &m, k / nd,
                             &s->r, &s->scratch, &err);
        }
        if (st != SF_OK) {
            fprintf(stderr, "generating article %zu: %s\n", k, err.message);
            exit(1);
        }
    }
    return c;
}

static void write_jsonl(const sf_corpus *c, FILE *f) {
    for (size_t i = 0; i < sf_corpus_count(c); i++) {
        const sf_article *a = sf_corpus_get(c, i);
        json_object *o = json_object_new_object();
        json_object_object_add(o, "id", json_object_new_string(a->id));
        json_object_object_add(o, "title", json_object_new_string(a->title));
        if (a->published != SF_TIME_UNKNOWN) {
            char t[32];
            sf__format_iso8601(a->published, t);
            json_object_object_add(o, "published", json_object_new_string(t));
        }
        json_object_object_add(o, "text", json_object_new_string_len(a->text, (int)a->text_len));
        fprintf(f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
    }
}

static double text_mb(const sf_corpus *c) {
    double b = 0;
    for (size_t i = 0; i < sf_corpus_count(c); i++) b += (double)sf_corpus_get(c, i)->text_len;
    return b / 1e6;
}

/* -------------------------------------------------------------- stages */

/* Fingerprint every article of c on this thread; *cpu gets CPU seconds.
 * Returns wall seconds. */
static double fingerprint_pass(const sf_corpus *c, sf_dedup_method method, double *cpu) {
    sf_dedup_options o = {.method = method};
    sf_dedup_params p;
    sf__dedup_params(&o, &p, NULL);
    sf_shingler sh;
    sf__shingler_init(&sh);
    double t0 = now(), c0 = cpu_now();
    uint64_t sink = 0;
    for (size_t i = 0; i < sf_corpus_count(c); i++) {
        const sf_article *a = sf_corpus_get(c, i);
        sf_dedup_fp fp;
        if (sf__dedup_fingerprint(&p, &sh, a->text, a->text_len, &fp) != SF_OK) exit(1);
        sink += fp.nset;
        sf__dedup_fp_release(&fp);
    }
    double t = now() - t0;
    *cpu = cpu_now() - c0;
    sf__shingler_release(&sh);
    if (sink == 0) fprintf(stderr, "no shingles?\n");
    return t;
}

/* Fingerprinting a batch on two threads (the index then takes them in order
 * on one): each thread takes every other block of 64 articles. */
typedef struct fp_part {
    const sf_corpus *c;
    const sf_dedup_params *p;
    sf_dedup_fp *fps;
    unsigned part, parts;
    double cpu;
} fp_part;

static void *fp_run(void *arg) {
    fp_part *j = arg;
    sf_shingler sh;
    sf__shingler_init(&sh);
    double c0 = cpu_now();
    size_t n = sf_corpus_count(j->c);
    for (size_t b = (size_t)j->part * 64; b < n; b += (size_t)j->parts * 64)
        for (size_t i = b; i < SF_MIN(n, b + 64); i++) {
            const sf_article *a = sf_corpus_get(j->c, i);
            if (sf__dedup_fingerprint(j->p, &sh, a->text, a->text_len, &j->fps[i]) != SF_OK)
                exit(1);
        }
    j->cpu = cpu_now() - c0;
    sf__shingler_release(&sh);
    return NULL;
}

/* Brute force: exact shingle sets of the first s articles, then every pair
 * compared by merging; returns seconds for the pairs and *pairs_found. */
static double brute_force(const sf_corpus *c, size_t s, double *set_secs, size_t *found) {
    sf_shingler sh;
    sf__shingler_init(&sh);
    sf_u32vec *sets = calloc(s, sizeof *sets);
    double t0 = now();
    for (size_t i = 0; i < s; i++) {
        const sf_article *a = sf_corpus_get(c, i);
        sf__shingle_set(&sh, a->text, a->text_len, 0, &sets[i], NULL, NULL);
    }
    *set_secs = now() - t0;
    t0 = now();
    size_t f = 0;
    for (size_t i = 0; i < s; i++)
        for (size_t j = i + 1; j < s; j++)
            f += sf__similarity(SF_DEDUP_JACCARD, sets[i].items, sets[i].n, sets[j].items,
                                sets[j].n) >= 0.8;
    double t = now() - t0;
    for (size_t i = 0; i < s; i++) SF_VEC_FREE(&sets[i]);
    free(sets);
    sf__shingler_release(&sh);
    *found = f;
    return t;
}

#define ROW "%-46s %8.2f %8.2f %8.1f %10.0f  %s\n"

static void run(const sf_corpus *duc, size_t n, size_t batch, const char *write_dir) {
    stream s = {.duc = duc, .r = {0xbe7c4 + n}};
    sf__buf_init(&s.scratch, 0);
    FILE *wf = NULL;
    if (write_dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/dedup_%zu.jsonl", write_dir, n);
        if (!(wf = fopen(path, "w"))) perror(path);
    }
    printf("\n== %zu articles (batches of %zu) ==\n", n, batch);
    printf("%-46s %8s %8s %8s %10s  %s\n", "stage", "wall s", "cpu s", "MB/s", "articles/s",
           "load");

    sf_error err = {0};
    sf_dedup_params p;
    sf__dedup_params(NULL, &p, NULL);
    sf_dedup_index *ix = sf_dedup_index_create(NULL, &err);
    double mb = 0, gen = 0, fp_wall = 0, fp_cpu = 0, ix_wall = 0, ix_cpu = 0;
    size_t pairs = 0, copies = 0, done = 0;
    char load_fp[64] = "", load_ix[64] = "";
    double baseline_scaled = 0;
    while (done < n) {
        size_t b = SF_MIN(batch, n - done);
        double t0 = now();
        sf_corpus *c = next_batch(&s, b);
        gen += now() - t0;
        double bmb = text_mb(c);
        mb += bmb;
        if (wf) write_jsonl(c, wf);

        if (done == 0) {
            /* one core, the three sketches, on the first batch */
            static const struct {
                sf_dedup_method m;
                const char *name;
            } methods[] = {{SF_DEDUP_OPH, "fingerprint 1 thread: one-perm. MinHash (dflt)"},
                           {SF_DEDUP_MINHASH, "fingerprint 1 thread: MinHash K=128"},
                           {SF_DEDUP_SIMHASH, "fingerprint 1 thread: SimHash 64"}};
            for (size_t k = 0; k < SF_ARRAY_LEN(methods); k++) {
                const char *l0 = load();
                char l[64];
                snprintf(l, sizeof l, "%s", l0);
                double cpu, t = fingerprint_pass(c, methods[k].m, &cpu);
                printf("%-46s %8.2f %8.2f %8.1f %10.0f  %s-%s\n", methods[k].name, t, cpu,
                       bmb / cpu, (double)b / cpu, l, load());
            }
            printf("   (first batch: %zu articles, %.1f MB; MB/s and articles/s per CPU second)\n",
                   b, bmb);
            if (b == n) {
                /* the whole-corpus grouping, when the corpus is one batch */
                size_t *dup = malloc(n * sizeof *dup);
                double *sim = malloc(n * sizeof *sim);
                char l[64];
                snprintf(l, sizeof l, "%s", load());
                t0 = now();
                if (sf_dedup_corpus(c, NULL, dup, sim, &err) != SF_OK) {
                    fprintf(stderr, "dedup: %s\n", err.message);
                    exit(1);
                }
                double tg = now() - t0;
                size_t cp = 0;
                for (size_t i = 0; i < n; i++) cp += dup[i] != SIZE_MAX;
                printf("%-46s %8.2f %8s %8.1f %10.0f  %s-%s\n",
                       "sf_dedup_corpus (2 threads), all stages", tg, "", bmb / tg,
                       (double)n / tg, l, load());
                printf("   grouping: %zu copies under %zu canonicals and singletons\n", cp, n - cp);
                free(dup);
                free(sim);
            }
            /* baseline: brute-force exact all pairs on a sample, scaled */
            size_t sm = b < 2000 ? b : 2000;
            double set_secs;
            size_t found;
            char l[64];
            snprintf(l, sizeof l, "%s", load());
            double tb = brute_force(c, sm, &set_secs, &found);
            double npairs = (double)n * (double)(n - 1) / 2;
            double spairs = (double)sm * (double)(sm - 1) / 2;
            baseline_scaled = set_secs * (double)n / (double)sm + tb * npairs / spairs;
            printf("%-46s %8.2f %8s %8s %10s  %s-%s\n", "baseline: brute force on a sample",
                   set_secs + tb, "", "", "", l, load());
            printf("   %zu articles, %.0f pairs (%zu at Jaccard >= 0.8) -> scaled to %zu "
                   "articles: %.0f s (%.1f h), %.3f MB/s\n",
                   sm, spairs, found, n, baseline_scaled, baseline_scaled / 3600,
                   mb * (double)n / (double)b / baseline_scaled);
        }

        /* the crawl path (a batch is a day; as `storyfold dedup --index`):
         * fingerprint the batch on two threads, then in order on one, each
         * article queries the index and joins it unless it is a copy */
        sf_dedup_fp *fps = calloc(b, sizeof *fps);
        fp_part parts[2];
        pthread_t tid;
        for (unsigned k = 0; k < 2; k++)
            parts[k] = (fp_part){.c = c, .p = &p, .fps = fps, .part = k, .parts = 2};
        if (!load_fp[0]) snprintf(load_fp, sizeof load_fp, "%s", load());
        t0 = now();
        if (pthread_create(&tid, NULL, fp_run, &parts[1]) != 0) exit(1);
        fp_run(&parts[0]);
        pthread_join(tid, NULL);
        fp_wall += now() - t0;
        fp_cpu += parts[0].cpu + parts[1].cpu;
        if (!load_ix[0]) snprintf(load_ix, sizeof load_ix, "%s", load());
        t0 = now();
        double c0 = cpu_now();
        for (size_t i = 0; i < b; i++) {
            const sf_dedup_match *m;
            size_t k;
            if (sf__index_query_fp(ix, &fps[i], &m, &k) != SF_OK ||
                (k == 0 && fps[i].nset &&
                 sf__index_add_fp(ix, sf_corpus_get(c, i)->id, &fps[i], NULL) != SF_OK)) {
                fprintf(stderr, "index: out of memory\n");
                exit(1);
            }
            pairs += k;
            copies += k > 0;
            sf__dedup_fp_release(&fps[i]);
        }
        ix_wall += now() - t0;
        ix_cpu += cpu_now() - c0;
        free(fps);
        sf_corpus_destroy(c);
        done += b;
    }
    if (wf) fclose(wf);
    char l_end[64];
    snprintf(l_end, sizeof l_end, "%s", load());
    printf("%-46s %8.2f %8.2f %8.1f %10.0f  %s-%s\n", "crawl: fingerprint (2 threads)", fp_wall,
           fp_cpu, mb / fp_wall, (double)n / fp_wall, load_fp, l_end);
    printf("   per core: %.1f MB/s, %.0f articles/s per CPU second\n", mb / fp_cpu,
           (double)n / fp_cpu);
    printf("%-46s %8.2f %8.2f %8.1f %10.0f  %s-%s\n", "crawl: query + join the index (1 thread)",
           ix_wall, ix_cpu, mb / ix_wall, (double)n / ix_wall, load_ix, l_end);
    double tot = fp_wall + ix_wall;
    printf("%-46s %8.2f %8s %8.1f %10.0f\n", "crawl: total (generation excluded)", tot, "",
           mb / tot, (double)n / tot);
    size_t indexed = sf_dedup_index_count(ix);
    printf("   %.1f MB of text generated in %.1f s; %zu articles were copies of an indexed one "
           "(%zu verified pairs >= 0.8), %zu were indexed\n", mb, gen, copies, pairs, indexed);
    printf("   speed-up over the brute-force baseline: %.0fx\n", baseline_scaled / tot);
    sf_dedup_mem mm;
    sf__index_memory_parts(ix, &mm);
    size_t mem = sf_dedup_index_memory(ix);
    double dn = (double)(indexed ? indexed : 1);
    printf("index memory: %.1f MB = %.0f bytes per indexed article (sets %.0f, LSH %.0f, "
           "items %.0f, ids %.0f, scratch %.0f); %.0f per article seen\n",
           (double)mem / 1e6, (double)mem / dn, (double)mm.sets / dn, (double)mm.lsh / dn,
           (double)mm.items / dn, (double)mm.ids / dn, (double)mm.other / dn,
           (double)mem / (double)n);
    printf("peak memory of this run: %.0f MB (index, one batch of text and its fingerprints, "
           "the DUC sources)\n", peak_mb());
    sf_dedup_index_destroy(ix);
    sf__buf_release(&s.scratch);
}

int main(int argc, char **argv) {
    const char *write_dir = NULL;
    size_t sizes[16], ns = 0, batch = 100000;
    bool fp_only = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
            write_dir = argv[++i];
        else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc)
            batch = (size_t)strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--fingerprint-only") == 0)
            fp_only = true;
        else if (ns < 16)
            sizes[ns++] = (size_t)strtoull(argv[i], NULL, 10);
    }
    if (batch == 0) batch = 100000;
    if (ns == 0) {
        sizes[ns++] = 10000;
        sizes[ns++] = 100000;
    }
    const char *why = NULL;
    sf_corpus *duc = dg_load_duc(&why);
    if (!duc) {
        fprintf(stderr, "bench_dedup: %s (set SF_SHARED_DIR)\n", why);
        return 77;
    }
    if (fp_only) {
        stream s = {.duc = duc, .r = {0xbe7c4 + sizes[0]}};
        sf__buf_init(&s.scratch, 0);
        sf_corpus *c = next_batch(&s, sizes[0]);
        double cpu, t = fingerprint_pass(c, SF_DEDUP_OPH, &cpu);
        printf("fingerprinted %zu articles, %.1f MB: %.2f s wall, %.2f s CPU (load %s)\n",
               sizes[0], text_mb(c), t, cpu, load());
        sf_corpus_destroy(c);
        sf__buf_release(&s.scratch);
        sf_corpus_destroy(duc);
        return 0;
    }
    printf("bench_dedup: %zu DUC 2006 articles as sources; copies with word edits (0-30%%),\n"
           "truncation, reordered paragraphs, outlet boilerplate, new headlines.\n",
           sf_corpus_count(duc));
    sf_dedup_params p;
    sf__dedup_params(NULL, &p, NULL);
    printf("defaults: Jaccard >= %.2f, %u-word shingles, one-permutation MinHash K=%u, "
           "%u bands x %u rows; %ld cores online\n",
           p.threshold, p.shingle_words, SF_MINHASH_K, p.bands, p.rows,
           sysconf(_SC_NPROCESSORS_ONLN));
    fflush(stdout);
    for (size_t i = 0; i < ns; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            run(duc, sizes[i], batch, write_dir);
            fflush(stdout);
            _exit(0);
        }
        int wst = 0;
        if (pid < 0 || waitpid(pid, &wst, 0) < 0 || !WIFEXITED(wst) || WEXITSTATUS(wst)) {
            fprintf(stderr, "bench_dedup: run of %zu failed\n", sizes[i]);
            return 1;
        }
    }
    sf_corpus_destroy(duc);
    return 0;
}

/* bench_dedup.c - speed and memory of duplicate finding on N generated
 * articles (DUC 2006 text with planted copies, see dedup_gen.h), beside the
 * brute-force exact all-pairs computation timed on a sample and scaled.
 *
 *   bench_dedup [--write DIR] [N ...]     (default N: 10000 100000)
 *
 * --write DIR also writes each generated corpus as DIR/dedup_N.jsonl (for
 * trying `storyfold dedup` on it; bench/data/ is not committed). */
#include "dedup/dedup.h"

#include "dedup_gen.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double peak_mb(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}

static sf_corpus *generate(const sf_corpus *duc, size_t n, uint64_t seed) {
    sf_corpus *c = sf_corpus_create();
    size_t nd = sf_corpus_count(duc);
    dg_rng r = {seed};
    sf_buf scratch;
    sf__buf_init(&scratch, 0);
    sf_error err = {0};
    for (size_t k = 0; k < n; k++) {
        const sf_article *a = sf_corpus_get(duc, k % nd);
        sf_status st;
        if (k < nd) {
            st = sf_corpus_add(c, a, &err);
        } else {
            dg_mut m = dg_random_mut(&r);
            st = dg_add_copy(c, a, sf_corpus_get(duc, dg_below(&r, nd)), &m, k / nd, &r,
                             &scratch, &err);
        }
        if (st != SF_OK) {
            fprintf(stderr, "generating article %zu: %s\n", k, err.message);
            exit(1);
        }
    }
    sf__buf_release(&scratch);
    return c;
}

static void write_jsonl(const sf_corpus *c, const char *dir, size_t n) {
    char path[4096];
    snprintf(path, sizeof path, "%s/dedup_%zu.jsonl", dir, n);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return;
    }
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
    fclose(f);
    fprintf(stderr, "wrote %s\n", path);
}

/* Fingerprint every article on one thread; returns seconds. */
static double fingerprint_pass(const sf_corpus *c, sf_dedup_method method) {
    sf_dedup_options o = {.method = method};
    sf_dedup_params p;
    sf__dedup_params(&o, &p, NULL);
    sf_shingler sh;
    sf__shingler_init(&sh);
    double t0 = now();
    uint64_t sink = 0;
    for (size_t i = 0; i < sf_corpus_count(c); i++) {
        const sf_article *a = sf_corpus_get(c, i);
        sf_dedup_fp fp;
        if (sf__dedup_fingerprint(&p, &sh, a->text, a->text_len, &fp) != SF_OK) exit(1);
        sink += fp.nset;
        sf__dedup_fp_release(&fp);
    }
    double t = now() - t0;
    sf__shingler_release(&sh);
    if (sink == 0) fprintf(stderr, "no shingles?\n");
    return t;
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

static void run(const sf_corpus *duc, size_t n, const char *write_dir) {
    double t0 = now();
    sf_corpus *c = generate(duc, n, 0xbe7c4 + n);
    double gen = now() - t0;
    if (write_dir) write_jsonl(c, write_dir, n);
    double bytes = 0;
    for (size_t i = 0; i < n; i++) bytes += (double)sf_corpus_get(c, i)->text_len;
    double mb = bytes / 1e6;
    printf("\n== %zu articles, %.1f MB of text (generated in %.1f s) ==\n", n, mb, gen);

    printf("%-44s %9s %9s %12s\n", "stage", "seconds", "MB/s", "articles/s");
    static const struct {
        sf_dedup_method m;
        const char *name;
    } methods[] = {{SF_DEDUP_OPH, "fingerprint, one-perm. MinHash, default (1 core)"},
                   {SF_DEDUP_MINHASH, "fingerprint, MinHash K=128 (1 core)"},
                   {SF_DEDUP_SIMHASH, "fingerprint, SimHash 64 (1 core)"}};
    for (size_t k = 0; k < SF_ARRAY_LEN(methods); k++) {
        double t = fingerprint_pass(c, methods[k].m);
        printf("%-44s %9.2f %9.1f %12.0f\n", methods[k].name, t, mb / t, (double)n / t);
    }

    /* the whole grouping, fingerprinting on both cores */
    size_t *dup = malloc(n * sizeof *dup);
    double *sim = malloc(n * sizeof *sim);
    sf_error err = {0};
    t0 = now();
    if (sf_dedup_corpus(c, NULL, dup, sim, &err) != SF_OK) {
        fprintf(stderr, "dedup: %s\n", err.message);
        exit(1);
    }
    double tg = now() - t0;
    size_t copies = 0;
    for (size_t i = 0; i < n; i++) copies += dup[i] != SIZE_MAX;
    printf("%-44s %9.2f %9.1f %12.0f\n", "sf_dedup_corpus (2 threads), all stages", tg, mb / tg,
           (double)n / tg);
    printf("   copies found: %zu of %zu articles (%zu groups' canonicals and singletons)\n",
           copies, n, n - copies);

    /* the incremental index: every article queries, then joins */
    sf_dedup_index *ix = sf_dedup_index_create(NULL, &err);
    size_t pairs = 0;
    t0 = now();
    for (size_t i = 0; i < n; i++) {
        const sf_article *a = sf_corpus_get(c, i);
        sf_dedup_match *m = NULL;
        size_t k = 0;
        if (sf_dedup_index_add(ix, a->id, a->text, a->text_len, NULL, &m, &k, &err) != SF_OK) {
            fprintf(stderr, "index: %s\n", err.message);
            exit(1);
        }
        pairs += k;
        sf_free(m);
    }
    double ti = now() - t0;
    size_t mem = sf_dedup_index_memory(ix);
    printf("%-44s %9.2f %9.1f %12.0f\n", "index: query+join every article (1 core)", ti, mb / ti,
           (double)n / ti);
    printf("   verified pairs >= 0.8: %zu; index memory %.1f MB = %.0f bytes per article\n",
           pairs, (double)mem / 1e6, (double)mem / (double)n);
    sf_dedup_index_destroy(ix);

    /* baseline: brute-force exact all pairs on a sample, scaled by n^2 */
    size_t s = n < 2000 ? n : 2000;
    double set_secs;
    size_t found;
    double tb = brute_force(c, s, &set_secs, &found);
    double npairs = (double)n * (double)(n - 1) / 2, spairs = (double)s * (double)(s - 1) / 2;
    double scaled = set_secs * (double)n / (double)s + tb * npairs / spairs;
    printf("%-44s %9.2f %9s %12s\n", "baseline: brute force, sample", set_secs + tb, "", "");
    printf("   %zu articles, %.0f pairs (%zu at Jaccard >= 0.8) -> scaled to %zu: %.0f s (%.1f h)\n",
           s, spairs, found, n, scaled, scaled / 3600);
    printf("   speed-up of sf_dedup_corpus over brute force: %.0fx\n", scaled / tg);
    printf("peak memory (process, so far): %.0f MB\n", peak_mb());
    free(dup);
    free(sim);
    sf_corpus_destroy(c);
}

int main(int argc, char **argv) {
    const char *write_dir = NULL;
    size_t sizes[16], ns = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
            write_dir = argv[++i];
        else if (ns < 16)
            sizes[ns++] = (size_t)strtoull(argv[i], NULL, 10);
    }
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
    printf("bench_dedup: %zu DUC 2006 articles as sources; copies with word edits (0-30%%),\n"
           "truncation, reordered paragraphs, outlet boilerplate, new headlines.\n",
           sf_corpus_count(duc));
    sf_dedup_params p;
    sf__dedup_params(NULL, &p, NULL);
    printf("defaults: Jaccard >= %.2f, %u-word shingles, one-permutation MinHash K=%u, %u bands x %u rows\n",
           p.threshold, p.shingle_words, SF_MINHASH_K, p.bands, p.rows);
    for (size_t i = 0; i < ns; i++) run(duc, sizes[i], write_dir);
    sf_corpus_destroy(duc);
    return 0;
}

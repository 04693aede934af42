/* bench_cluster_pairs.c - same-story judgement against people: Pearson
 * correlation between the clusterer's story similarity of two articles and
 * the human Overall score of SemEval 2022 task 8 (English pairs, prepared by
 * bench/semeval_pairs.py), beside the plain TF-IDF cosine of the bodies.
 * Document frequencies come from all texts of the pairs. Overall runs from
 * 1 (very similar) to 4 (unrelated), so a good similarity correlates
 * negatively; the table prints r and -r.
 *
 * usage: bench_cluster_pairs PAIRS.jsonl
 */
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster.h"

typedef struct pair {
    char *ta, *xa, *tb, *xb;
    double overall, story, cosine;
} pair;

static char *dup_field(json_object *j, const char *k) {
    json_object *v;
    const char *s = json_object_object_get_ex(j, k, &v) ? json_object_get_string(v) : "";
    return strdup(s ? s : "");
}

static double pearson(const pair *p, size_t n, int which) {
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        double x = which ? p[i].story : p[i].cosine, y = p[i].overall;
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
    }
    double cov = sxy - sx * sy / (double)n;
    double vx = sxx - sx * sx / (double)n, vy = syy - sy * sy / (double)n;
    return vx > 0 && vy > 0 ? cov / sqrt(vx * vy) : 0;
}

/* Spearman's rank correlation: Pearson's on ranks (ties share their mean
 * rank). It does not change under a monotone rescaling of the similarity,
 * so it tells whether a similarity orders the pairs better, where Pearson's
 * also rewards a scale that is linear in Overall. */
static const pair *g_pairs;
static int g_which;
static double key_of(size_t i) {
    return g_which == 2 ? g_pairs[i].overall : g_which ? g_pairs[i].story : g_pairs[i].cosine;
}
static int cmp_idx(const void *a, const void *b) {
    double x = key_of(*(const size_t *)a), y = key_of(*(const size_t *)b);
    return x < y ? -1 : x > y;
}
static void ranks(const pair *p, size_t n, int which, double *r) {
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx) return;
    for (size_t i = 0; i < n; i++) idx[i] = i;
    g_pairs = p;
    g_which = which;
    qsort(idx, n, sizeof *idx, cmp_idx);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && key_of(idx[j]) == key_of(idx[i]); j++) {}
        for (size_t k = i; k < j; k++) r[idx[k]] = (double)(i + j - 1) / 2.0;
    }
    free(idx);
}
static double spearman(const pair *p, size_t n, int which) {
    double *rx = calloc(n, sizeof *rx), *ry = calloc(n, sizeof *ry), out = 0;
    if (rx && ry) {
        ranks(p, n, which, rx);
        ranks(p, n, 2, ry);
        double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
        for (size_t i = 0; i < n; i++) mx += rx[i] / (double)n, my += ry[i] / (double)n;
        for (size_t i = 0; i < n; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        out = sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
    }
    free(rx);
    free(ry);
    return out;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_cluster_pairs PAIRS.jsonl\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    SF_VEC(pair) ps = {0};
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        json_object *j = json_tokener_parse(line), *v;
        if (!j) continue;
        pair p = {dup_field(j, "a_title"), dup_field(j, "a_text"), dup_field(j, "b_title"),
                  dup_field(j, "b_text"), 0, 0, 0};
        if (json_object_object_get_ex(j, "overall", &v)) p.overall = json_object_get_double(v);
        json_object_put(j);
        if (SF_VEC_PUSH(&ps, p) != SF_OK) return 1;
    }
    free(line);
    fclose(f);
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    sf_stream *s = NULL;
    sf_error err = {0};
    if (sf__stream_create(&o, &s, &err) != SF_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    for (size_t i = 0; i < ps.n; i++) {
        pair *p = &ps.items[i];
        if (sf__stream_observe(s, p->ta, strlen(p->ta), p->xa, strlen(p->xa), &err) != SF_OK ||
            sf__stream_observe(s, p->tb, strlen(p->tb), p->xb, strlen(p->xb), &err) != SF_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
    }
    for (size_t i = 0; i < ps.n; i++) {
        pair *p = &ps.items[i];
        sf_article a = {.id = "a", .title = p->ta, .text = p->xa, .text_len = strlen(p->xa),
                        .published = SF_TIME_UNKNOWN};
        sf_article b = {.id = "b", .title = p->tb, .text = p->xb, .text_len = strlen(p->xb),
                        .published = SF_TIME_UNKNOWN};
        if (sf__stream_pair_similarity(s, &a, &b, &p->story, &p->cosine, &err) != SF_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        if (getenv("BENCH_PAIRS_DUMP")) { /* per-pair signals, for fitting offline */
            double c[SF_NCH];
            bool h[SF_NCH];
            sf__stream_pair_signals(s, c, h);
            fprintf(stderr, "pair %zu overall %.4f story %.5f body %.5f title %.5f names %.5f have %d%d%d lead %.5f\n",
                    i, p->overall, p->story, c[SF_CH_BODY], c[SF_CH_TITLE], c[SF_CH_ENT], h[0], h[1], h[2],
                    h[SF_CH_LEAD] ? c[SF_CH_LEAD] : -1.0);
        }
    }
    double rs = pearson(ps.items, ps.n, 1), rc = pearson(ps.items, ps.n, 0);
    printf("SemEval 2022 task 8, English pairs: %zu (Overall 1 = very similar .. 4 = unrelated)\n", ps.n);
    printf("%-34s %8s %8s\n", "similarity", "r", "-r");
    printf("%-34s %8.4f %8.4f\n", "story similarity (body+title+names)", rs, -rs);
    printf("%-34s %8.4f %8.4f\n", "baseline: TF-IDF cosine of bodies", rc, -rc);
    printf("Spearman rank correlation: story similarity %.4f, cosine %.4f\n",
           spearman(ps.items, ps.n, 1), spearman(ps.items, ps.n, 0));
    /* the join decision: a pair lands in one story when the story
     * similarity reaches the clusterer's threshold (a probability); the
     * cosine alone is read at the content a report needs with its names
     * agreeing (0.15, the bar the threshold is the probability of) */
    size_t same = 0, same_in = 0, unrel = 0, unrel_in = 0, bsame_in = 0, bunrel_in = 0;
    for (size_t i = 0; i < ps.n; i++) {
        const pair *p = &ps.items[i];
        bool in = p->story >= o.threshold, bin = p->cosine >= 0.15;
        if (p->overall <= 1.5) {
            same++;
            same_in += in;
            bsame_in += bin;
        } else if (p->overall >= 3.5) {
            unrel++;
            unrel_in += in;
            bunrel_in += bin;
        }
    }
    printf("pairs in one story at threshold %.3f (cosine alone: at 0.15):\n", o.threshold);
    printf("  same story (Overall <= 1.5): %zu of %zu (%.3f); cosine alone %zu (%.3f)\n", same_in,
           same, same ? (double)same_in / (double)same : 0, bsame_in,
           same ? (double)bsame_in / (double)same : 0);
    printf("  unrelated (Overall >= 3.5): %zu of %zu (%.3f); cosine alone %zu (%.3f)\n", unrel_in,
           unrel, unrel ? (double)unrel_in / (double)unrel : 0, bunrel_in,
           unrel ? (double)bunrel_in / (double)unrel : 0);
    sf__stream_destroy(s);
    for (size_t i = 0; i < ps.n; i++) {
        free(ps.items[i].ta);
        free(ps.items[i].xa);
        free(ps.items[i].tb);
        free(ps.items[i].xb);
    }
    SF_VEC_FREE(&ps);
    return 0;
}

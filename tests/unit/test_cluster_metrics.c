/* test_cluster_metrics.c - pairwise, B-cubed and ARI on partitions small
 * enough to count by hand, and the JSON Lines label reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "eval/cluster_metrics.h"

/* gold {a,b,c} {d,e}; pred {a,b} {c,d,e}
 * contingency: g0p0=2 (a,b), g0p1=1 (c), g1p1=2 (d,e)
 * pairs together: gold 3+1=4, pred 1+3=4, both 1+0+1=2 -> P=R=F1=0.5
 * B-cubed P: a,b 2/2; c,d,e: c 1/3, d,e 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15
 * B-cubed R: a,b 2/3; c 1/3; d,e 2/2 -> (2/3+2/3+1/3+1+1)/5 = 11/15
 * ARI: C(5,2)=10, expected = 4*4/10 = 1.6, max = 4 -> (2-1.6)/(4-1.6) = 1/6 */
static void hand_computed_partition(void **state) {
    (void)state;
    size_t gold[] = {7, 7, 7, 9, 9};
    size_t pred[] = {1, 1, 2, 2, 2};
    sf_cluster_scores s;
    sf_error err = {0};
    assert_int_equal(sf_cluster_scores_compute(gold, pred, 5, &s, &err), SF_OK);
    assert_float_equal(s.pair_p, 0.5, 1e-12);
    assert_float_equal(s.pair_r, 0.5, 1e-12);
    assert_float_equal(s.pair_f1, 0.5, 1e-12);
    assert_float_equal(s.bcubed_p, 11.0 / 15, 1e-12);
    assert_float_equal(s.bcubed_r, 11.0 / 15, 1e-12);
    assert_float_equal(s.ari, 1.0 / 6, 1e-12);
    assert_int_equal(s.gold_clusters, 2);
    assert_int_equal(s.pred_clusters, 2);
}

/* all singletons predicted against gold {a,b,c,d}: no pair predicted (P=1 by
 * convention), R=0; B-cubed P=1, R=1/4; ARI 0 */
static void singletons_and_identity(void **state) {
    (void)state;
    size_t gold[] = {0, 0, 0, 0};
    size_t pred[] = {0, 1, 2, 3};
    sf_cluster_scores s;
    assert_int_equal(sf_cluster_scores_compute(gold, pred, 4, &s, NULL), SF_OK);
    assert_float_equal(s.pair_p, 1.0, 1e-12);
    assert_float_equal(s.pair_r, 0.0, 1e-12);
    assert_float_equal(s.bcubed_p, 1.0, 1e-12);
    assert_float_equal(s.bcubed_r, 0.25, 1e-12);
    assert_float_equal(s.ari, 0.0, 1e-12);
    /* a clustering against itself, labels renamed */
    size_t g2[] = {3, 3, 5, 6, 6, 6};
    size_t p2[] = {0, 0, 1, 2, 2, 2};
    assert_int_equal(sf_cluster_scores_compute(g2, p2, 6, &s, NULL), SF_OK);
    assert_float_equal(s.pair_f1, 1.0, 1e-12);
    assert_float_equal(s.bcubed_f1, 1.0, 1e-12);
    assert_float_equal(s.ari, 1.0, 1e-12);
    assert_int_equal(sf_cluster_scores_compute(g2, p2, 0, &s, NULL), SF_ERR_EMPTY);
}

static char *write_tmp(const char *text) {
    char *path = strdup("/tmp/sf_test_labels_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void label_files(void **state) {
    (void)state;
    /* same partition as hand_computed_partition, ids in another order, story
     * labels as strings and numbers, one extra id on each side, one article
     * repeated with the same story */
    char *g = write_tmp("{\"id\":\"a\",\"story\":\"X\"}\n{\"id\":\"b\",\"story\":\"X\"}\n"
                        "{\"id\":\"c\",\"story\":\"X\"}\n\n{\"id\":\"d\",\"story\":\"Y\"}\n"
                        "{\"id\":\"e\",\"story\":\"Y\"}\n{\"id\":\"g\",\"story\":\"Y\"}\n");
    char *p = write_tmp("{\"id\":\"e\",\"story\":2}\n{\"id\":\"a\",\"story\":1}\n"
                        "{\"id\":\"b\",\"story\":1}\n{\"id\":\"c\",\"story\":2}\n"
                        "{\"id\":\"d\",\"story\":2}\n{\"id\":\"d\",\"story\":2}\n"
                        "{\"id\":\"z\",\"story\":9}\n");
    sf_cluster_scores s;
    sf_error err = {0};
    assert_int_equal(sf_cluster_scores_files(g, p, &s, &err), SF_OK);
    assert_int_equal(s.items, 5);
    assert_int_equal(s.gold_only, 1);
    assert_int_equal(s.pred_only, 1);
    assert_float_equal(s.bcubed_p, 11.0 / 15, 1e-12);
    assert_float_equal(s.ari, 1.0 / 6, 1e-12);
    /* an id with two different stories, and a malformed line */
    char *bad = write_tmp("{\"id\":\"a\",\"story\":1}\n{\"id\":\"a\",\"story\":2}\n");
    assert_int_equal(sf_cluster_scores_files(g, bad, &s, &err), SF_ERR_PARSE);
    assert_non_null(strstr(err.message, "'a'"));
    char *broken = write_tmp("{\"id\":\"a\",\"story\":1}\n{\"id\": 3}\n");
    assert_int_equal(sf_cluster_scores_files(g, broken, &s, &err), SF_ERR_PARSE);
    assert_non_null(strstr(err.message, ":2:"));
    assert_int_equal(sf_cluster_scores_files(g, "/nonexistent/x.jsonl", &s, &err), SF_ERR_IO);
    char *paths[] = {g, p, bad, broken};
    for (size_t i = 0; i < 4; i++) {
        remove(paths[i]);
        free(paths[i]);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_computed_partition),
        cmocka_unit_test(singletons_and_identity),
        cmocka_unit_test(label_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

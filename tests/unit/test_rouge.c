/* test_rouge.c - ROUGE: the Porter variant, hand-computed ROUGE-1/2/L/SU4 on
 * tiny texts, limits, -f A/B, jackknifing, the seeded bootstrap, and the
 * reproduction of NIST's official DUC 2006 ROUGE-2 and ROUGE-SU4 figures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "eval/eval.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_porter(void **state) {
    (void)state;
    static const char *const CASES[][2] = {
        {"caresses", "caress"}, {"ponies", "poni"},       {"motoring", "motor"},
        {"hopping", "hop"},     {"filing", "file"},       {"happy", "happi"},
        {"relational", "relat"}, {"conditional", "condit"}, {"generalization", "gener"},
        {"hopefulness", "hope"}, {"adjustment", "adjust"}, {"controll", "control"},
        {"yearly", "yearli"},   {"sensibiliti", "sensibl"}, {"analogi", "analog"},
        /* ROUGE-1.5.5's own step 4: -ement fails (m=1), then -ent is tried */
        {"agreement", "agreem"},
        {"it", "it"},
    };
    char out[64];
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t n = sf__rouge_porter(CASES[i][0], strlen(CASES[i][0]), out);
        assert_int_equal(n, strlen(out));
        assert_string_equal(out, CASES[i][1]);
    }
}

static sf_rouge_doc *doc(sf_rouge *r, const char *text) {
    sf_rouge_doc *d = NULL;
    sf_error err;
    assert_int_equal(sf_rouge_doc_create(r, text, strlen(text), &d, &err), SF_OK);
    return d;
}

static void all_metrics(sf_rouge_options *o) {
    sf_rouge_options_init(o);
    o->max_n = 2;
    o->lcs = 1;
    o->skip_bigrams = 1;
    o->skip_gap = 4;
    o->skip_unigrams = 1;
}

/* Worked by hand: peer "the cat sat on the mat", model "the cat was on the
 * mat". ROUGE-1: the x2, cat, on, mat match: 5/6. ROUGE-2: "the cat", "on
 * the", "the mat": 3/5. ROUGE-L: LCS "the cat on the mat": 5/6. ROUGE-SU4:
 * 5 unigrams (ROUGE leaves out the last word) + 15 pairs = 20 grams; the 10
 * pairs without sat/was and the unigrams the x2, cat, on match: 14/20. */
static void test_hand_computed(void **state) {
    (void)state;
    sf_rouge_options o;
    all_metrics(&o);
    sf_rouge *r;
    sf_error err;
    assert_int_equal(sf_rouge_create(&o, &r, &err), SF_OK);
    sf_rouge_doc *p = doc(r, "The cat sat on the mat.\n");
    sf_rouge_doc *m = doc(r, "the cat was on\nthe mat");
    sf_rouge_result res;
    assert_int_equal(sf_rouge_eval(r, p, (const sf_rouge_doc *const *)&m, 1, &res, &err), SF_OK);
    NEAR(res.m[0].recall, 0.83333);
    NEAR(res.m[0].precision, 0.83333);
    NEAR(res.m[0].f, 0.83333);
    assert_true(res.m[0].hits == 5 && res.m[0].model_count == 6);
    NEAR(res.m[1].recall, 0.6);
    NEAR(res.m[1].precision, 0.6);
    /* the model has two units; each LCS is against the peer's one sentence */
    NEAR(res.m[SF_ROUGE_L].recall, 0.83333);
    NEAR(res.m[SF_ROUGE_L].precision, 0.83333);
    assert_true(res.m[SF_ROUGE_S].hits == 14 && res.m[SF_ROUGE_S].model_count == 20);
    NEAR(res.m[SF_ROUGE_S].recall, 0.7);
    assert_false(res.m[2].computed);
    sf_rouge_doc_destroy(p);
    sf_rouge_doc_destroy(m);
    sf_rouge_destroy(r);
}

/* Two models: m1 as above (ROUGE-1 5/6), m2 "a cat sat on a mat" (4/6).
 * -f A sums: 9/12; -f B keeps m1. Jackknife: mean of 4/6 and 5/6 = 0.75; a
 * peer that is m1 is scored against m2 alone. */
static void test_models_and_jackknife(void **state) {
    (void)state;
    sf_rouge_options o;
    all_metrics(&o);
    sf_error err;
    for (int best = 0; best <= 1; best++) {
        o.best_model = best;
        sf_rouge *r;
        assert_int_equal(sf_rouge_create(&o, &r, &err), SF_OK);
        sf_rouge_doc *p = doc(r, "the cat sat on the mat");
        sf_rouge_doc *ms[2] = {doc(r, "the cat was on the mat"), doc(r, "a cat sat on a mat")};
        const sf_rouge_doc *const *mm = (const sf_rouge_doc *const *)ms;
        sf_rouge_result res;
        assert_int_equal(sf_rouge_eval(r, p, mm, 2, &res, &err), SF_OK);
        NEAR(res.m[0].recall, best ? 0.83333 : 0.75);
        NEAR(res.m[0].precision, best ? 0.83333 : 0.75);
        if (!best) {
            assert_int_equal(sf_rouge_eval_jackknife(r, p, mm, 2, SIZE_MAX, &res, &err), SF_OK);
            NEAR(res.m[0].recall, (0.66667 + 0.83333) / 2);
            assert_int_equal(sf_rouge_eval_jackknife(r, p, mm, 2, 0, &res, &err), SF_OK);
            NEAR(res.m[0].recall, 0.66667);
            assert_int_equal(sf_rouge_eval_jackknife(r, p, mm, 1, SIZE_MAX, &res, &err),
                             SF_ERR_ARG);
        }
        sf_rouge_doc_destroy(p);
        sf_rouge_doc_destroy(ms[0]);
        sf_rouge_doc_destroy(ms[1]);
        sf_rouge_destroy(r);
    }
}

static size_t words_with(long limit_words, long limit_bytes, int stem, const char *text) {
    sf_rouge_options o;
    sf_rouge_options_init(&o);
    o.max_n = 1;
    o.limit_words = limit_words;
    o.limit_bytes = limit_bytes;
    o.stem = stem;
    sf_rouge *r;
    sf_error err;
    assert_int_equal(sf_rouge_create(&o, &r, &err), SF_OK);
    sf_rouge_doc *d = doc(r, text);
    size_t n = sf_rouge_doc_words(d);
    sf_rouge_doc_destroy(d);
    sf_rouge_destroy(r);
    return n;
}

/* -l counts white-space separated words of the raw text (a hyphenated word
 * is one, but gives two tokens; a line's leading space is an empty word, as
 * in Perl's split); -b counts bytes of the kept sentences. */
static void test_limits(void **state) {
    (void)state;
    assert_int_equal(words_with(0, 0, 0, "one two three\nfour five six\nseven eight\n"), 8);
    assert_int_equal(words_with(4, 0, 0, "one two three\nfour five six\nseven eight\n"), 4);
    assert_int_equal(words_with(3, 0, 0, "one two three\nfour five six\n"), 3);
    assert_int_equal(words_with(2, 0, 0, "well-known fact\nmore words\n"), 3);
    assert_int_equal(words_with(2, 0, 0, " alpha beta\n"), 1);
    assert_int_equal(words_with(0, 8, 0, "abcdef ghi\n"), 2);
    assert_int_equal(words_with(0, 0, 0, "--- U.S. $5,000 -- \xc3\xa9t\xc3\xa9\n"), 5);
    sf_rouge_options o;
    sf_rouge_options_init(&o);
    o.limit_words = 10;
    o.limit_bytes = 10;
    sf_rouge *r = NULL;
    sf_error err;
    assert_int_equal(sf_rouge_create(&o, &r, &err), SF_ERR_ARG);
    assert_null(r);
}

/* Expected figures from Perl itself (srand(i); int(rand(n)), ROUGE's loop). */
static void test_bootstrap(void **state) {
    (void)state;
    const double v[] = {0.1, 0.2, 0.3, 0.45, 0.7};
    sf_rouge_average a;
    sf_error err;
    assert_int_equal(sf_rouge_bootstrap(v, 5, 1000, 95, &a, &err), SF_OK);
    NEAR(a.mean, 0.35);
    NEAR(a.rouge, 0.35003);
    NEAR(a.ci_low, 0.18);
    NEAR(a.ci_high, 0.55);
    assert_int_equal(sf_rouge_bootstrap(v, 0, 10, 95, &a, &err), SF_OK);
    NEAR(a.rouge, 0);
}

/* ------------------------------------------- DUC 2006 official figures */

typedef struct official {
    char id[16];
    double value;
} official;

static size_t read_official(const char *path, official *out, size_t cap) {
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = 0;
    char line[256];
    while (n < cap && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%15s %lf", out[n].id, &out[n].value) == 2) n++;
    }
    fclose(f);
    return n;
}

static bool is_dir(const char *p) {
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void test_duc2006_official(void **state) {
    (void)state;
    const char *shared = getenv("SF_SHARED_DIR");
    char base[1024], models[1100], peers[1100], f2[1100], fsu4[1100];
    snprintf(base, sizeof base, "%s/data/duc2006/rouge", shared ? shared : "");
    if (!shared || !is_dir(base)) {
        print_message("SKIP: DUC 2006 ROUGE data not found (set SF_SHARED_DIR to the directory "
                      "holding data/duc2006/rouge)\n");
        skip();
    }
    const char *wn = getenv("SF_WORDNET_DIR");
    if (!wn) wn = "/usr/share/wordnet";
    char probe[1100];
    snprintf(probe, sizeof probe, "%s/verb.exc", wn);
    struct stat sb;
    if (stat(probe, &sb) != 0) {
        print_message("SKIP: WordNet exception lists not found in %s (install wordnet-base or "
                      "set SF_WORDNET_DIR); ROUGE-1.5.5 stems with them\n", wn);
        skip();
    }
    snprintf(models, sizeof models, "%s/models", base);
    snprintf(peers, sizeof peers, "%s/peers", base);
    snprintf(f2, sizeof f2, "%s/rouge2.jk.m.avg", base);
    snprintf(fsu4, sizeof fsu4, "%s/rougeSU4.jk.m.avg", base);
    official o2[64], osu4[64];
    size_t n2 = read_official(f2, o2, 64), nsu4 = read_official(fsu4, osu4, 64);
    assert_int_equal(n2, 45);
    assert_int_equal(nsu4, 45);

    sf_rouge_options o;
    sf_rouge_options_duc(&o);
    o.exceptions_dir = wn;
    sf_rouge_table *t = NULL;
    sf_error err;
    sf_status st = sf_rouge_eval_dirs(&o, models, peers, NULL, 0, &t, &err);
    if (st != SF_OK) fail_msg("%s", err.message);
    assert_int_equal(sf_rouge_table_count(t), 45);
    assert_int_equal(sf_rouge_table_topics(t), 50);
    double max2 = 0, maxsu4 = 0, maxmean = 0;
    const char *w2 = "", *wsu4 = "";
    for (int which = 0; which < 2; which++) {
        official *off = which ? osu4 : o2;
        int k = which ? SF_ROUGE_S : 1;
        for (size_t i = 0; i < 45; i++) {
            const sf_rouge_peer *p = NULL;
            for (size_t j = 0; j < sf_rouge_table_count(t); j++)
                if (strcmp(sf_rouge_table_peer(t, j)->id, off[i].id) == 0) p = sf_rouge_table_peer(t, j);
            if (!p) fail_msg("peer %s of the official table was not scored", off[i].id);
            /* systems: 50 topics x 4 left-out models; humans: their own topics */
            bool human = off[i].id[0] >= 'A' && off[i].id[0] <= 'J';
            if (!human) assert_int_equal(p->instances, 200);
            double d = fabs(p->recall[k].rouge - off[i].value);
            maxmean = fmax(maxmean, fabs(p->recall[k].mean - off[i].value));
            if (d > 0.0005)
                print_message("peer %s %s: computed %.5f official %.5f\n", p->id,
                              which ? "ROUGE-SU4" : "ROUGE-2", p->recall[k].rouge, off[i].value);
            if (which == 0 && d >= max2) {
                max2 = d;
                w2 = p->id;
            }
            if (which == 1 && d >= maxsu4) {
                maxsu4 = d;
                wsu4 = p->id;
            }
        }
    }
    print_message("DUC 2006, 45 peers: max |computed - official| ROUGE-2 %.5f (peer %s), "
                  "ROUGE-SU4 %.5f (peer %s); plain means (no bootstrap) up to %.5f\n",
                  max2, w2, maxsu4, wsu4, maxmean);
    assert_true(max2 <= 0.0005);
    assert_true(maxsu4 <= 0.0005);
    sf_rouge_table_destroy(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_porter),
        cmocka_unit_test(test_hand_computed),
        cmocka_unit_test(test_models_and_jackknife),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_bootstrap),
        cmocka_unit_test(test_duc2006_official),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

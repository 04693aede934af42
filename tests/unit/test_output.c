/* test_output.c - the writers (src/output/): with several threads each
 * story's text is built apart and written in story order, so JSON and
 * Markdown are the same bytes for any number of threads, across windows of
 * stories; a failed write is reported as such. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "output/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TOPICS = 90, PER_TOPIC = 2, WORDS = 40 };

/* A made-up word of topic t, distinct from every other topic's. */
static void word_of(size_t t, size_t w, char *out, size_t cap) {
    static const char *const SYL[] = {"ka", "lo", "mi", "ru", "sen", "tor", "vi", "za", "bel", "dun"};
    snprintf(out, cap, "%s%s%s%zu", SYL[t % 10], SYL[(t / 10) % 10], SYL[w % 10], t * 100 + w);
}

/* TOPICS stories of PER_TOPIC reports each: no topic shares a word with
 * another, so each is a story of its own. */
static sf_corpus *topics_corpus(void) {
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    char id[32], title[128], text[4096], w[64];
    for (size_t t = 0; t < TOPICS; t++)
        for (size_t k = 0; k < PER_TOPIC; k++) {
            snprintf(id, sizeof id, "t%zu-%zu", t, k);
            word_of(t, 0, w, sizeof w);
            snprintf(title, sizeof title, "Report %zu on %s", k, w);
            size_t n = 0;
            for (size_t s = 0; s < WORDS; s += 8) {
                for (size_t q = s; q < s + 8; q++) {
                    word_of(t, (q + k * 3) % WORDS, w, sizeof w);
                    n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", q == s ? "" : " ", w);
                }
                n += (size_t)snprintf(text + n, sizeof text - n, ". ");
            }
            sf_article a = {.id = id, .title = title, .text = text, .text_len = n,
                            .published = 1500000000 + (int64_t)(t * 3600 + k * 60)};
            assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
        }
    return c;
}

typedef sf_status (*writer)(const sf_result *, const sf_corpus *, FILE *, sf_error *);

static char *written(writer w, const sf_result *r, const sf_corpus *c, size_t *n) {
    char *p = NULL;
    FILE *f = open_memstream(&p, n);
    assert_non_null(f);
    sf_error err = {0};
    assert_int_equal(w(r, c, f, &err), SF_OK);
    assert_int_equal(fclose(f), 0);
    return p;
}

static void stories_same_for_any_threads(void **state) {
    (void)state;
    sf_corpus *c = topics_corpus();
    sf_run_options o = {.threads = 1};
    sf_result *r = NULL;
    sf_error err = {0};
    assert_int_equal(sf_run(c, &o, &r, &err), SF_OK);
    /* more stories than a window of 2 or 3 threads holds */
    assert_true(sf_result_story_count(r) > 60);
    writer ws[2] = {sf_write_json, sf_write_markdown};
    for (size_t k = 0; k < 2; k++) {
        r->threads = 1;
        size_t n1 = 0;
        char *one = written(ws[k], r, c, &n1);
        assert_true(n1 > 1000);
        static const unsigned THREADS[] = {2, 3, 8};
        for (size_t q = 0; q < SF_ARRAY_LEN(THREADS); q++) {
            r->threads = THREADS[q];
            size_t nt = 0;
            char *many = written(ws[k], r, c, &nt);
            assert_int_equal(nt, n1);
            assert_memory_equal(many, one, n1);
            free(many);
        }
        free(one);
    }
    /* a write that fails is an I/O error, with one thread or several */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        setvbuf(full, NULL, _IONBF, 0);
        for (unsigned t = 1; t <= 2; t++) {
            r->threads = t;
            assert_int_equal(sf_write_json(r, c, full, &err), SF_ERR_IO);
            clearerr(full);
            assert_int_equal(sf_write_markdown(r, c, full, &err), SF_ERR_IO);
            clearerr(full);
        }
        fclose(full);
    }
    sf_result_destroy(r);
    sf_corpus_destroy(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stories_same_for_any_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

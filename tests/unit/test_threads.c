/* test_threads.c - the thread-safety contract of storyfold.h: objects of
 * different pipelines may be used from different threads at once. Four
 * threads each read the bundled example (plain text, JSON Lines) and an HTML
 * page, run the whole pipeline and write JSON; every thread must give the
 * bytes a single thread gives. Built and run under ThreadSanitizer by
 * scripts/test.sh (SF_TSAN), where a data race fails the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "storyfold.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4

static const char PAGE[] =
    "<html><head><title>Harbour crane collapses in Kellby | Valley Daily</title>"
    "<meta property=\"og:site_name\" content=\"Valley Daily\"></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article>"
    "<h1>Harbour crane collapses in Kellby</h1>"
    "<p>A container crane collapsed at the harbour of Kellby on Tuesday morning, "
    "injuring three dock workers, the port authority said.</p>"
    "<p>The crane, built in 1987, was lifting an empty container when its boom "
    "folded, said Mara Dunmore, a spokeswoman for the port.</p>"
    "<p>\"We have closed the north quay until engineers have inspected every crane,\" "
    "Dunmore said.</p></article><footer>Share this article</footer></body></html>";

typedef struct job {
    const char *dir;
    char *out;
    size_t n;
    sf_status st;
} job;

/* One whole pipeline: its own corpus, result and output buffer. */
static void *pipeline(void *arg) {
    job *j = arg;
    sf_error err = {0};
    sf_corpus *c = sf_corpus_create();
    sf_read_options ro = {0};
    sf_read_options ho = {0};
    ho.format = SF_FORMAT_HTML;
    j->st = c ? sf_read_path(c, j->dir, &ro, &err) : SF_ERR_NOMEM;
    if (j->st == SF_OK) j->st = sf_read_memory(c, "page.html", PAGE, sizeof PAGE - 1, &ho, &err);
    sf_result *r = NULL;
    sf_run_options o = {0};
    if (j->st == SF_OK) j->st = sf_run(c, &o, &r, &err);
    FILE *f = j->st == SF_OK ? open_memstream(&j->out, &j->n) : NULL;
    if (f) {
        j->st = sf_write_json(r, c, f, &err);
        fclose(f);
    }
    if (j->st != SF_OK) fprintf(stderr, "pipeline: %s\n", err.message);
    sf_result_destroy(r);
    sf_corpus_destroy(c);
    return NULL;
}

static void pipelines_in_threads_match_one(void **state) {
    (void)state;
    const char *src = getenv("SF_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples", src ? src : ".");
    job alone = {dir, NULL, 0, SF_OK};
    pipeline(&alone);
    assert_int_equal(alone.st, SF_OK);
    assert_non_null(alone.out);
    assert_non_null(strstr(alone.out, "Kellby")); /* the page was read and kept */
    assert_non_null(strstr(alone.out, "Raqqa"));

    job jobs[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){dir, NULL, 0, SF_OK};
        assert_int_equal(pthread_create(&t[i], NULL, pipeline, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(jobs[i].st, SF_OK);
        assert_int_equal(jobs[i].n, alone.n);
        assert_memory_equal(jobs[i].out, alone.out, alone.n);
        free(jobs[i].out);
    }
    free(alone.out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pipelines_in_threads_match_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

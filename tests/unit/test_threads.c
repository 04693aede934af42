/* test_threads.c - the thread-safety contract of storyfold.h: objects of
 * different pipelines may be used from different threads at once. Four
 * threads each read the bundled example (plain text, JSON Lines) and an HTML
 * page, run the whole pipeline and write JSON, each pipeline on 1 to 4
 * threads of its own (reading, stories, writing); every thread must give the
 * bytes a single thread gives. Clustering shared out on threads gives the
 * stories of one thread. Built and run under ThreadSanitizer by
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
    unsigned threads; /* inside the pipeline: reading, stories, writing */
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
    ro.threads = j->threads;
    sf_read_options ho = {0};
    ho.format = SF_FORMAT_HTML;
    j->st = c ? sf_read_path(c, j->dir, &ro, &err) : SF_ERR_NOMEM;
    if (j->st == SF_OK) j->st = sf_read_memory(c, "page.html", PAGE, sizeof PAGE - 1, &ho, &err);
    sf_result *r = NULL;
    sf_run_options o = {0};
    o.threads = j->threads;
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
    job alone = {dir, 1, NULL, 0, SF_OK};
    pipeline(&alone);
    assert_int_equal(alone.st, SF_OK);
    assert_non_null(alone.out);
    assert_non_null(strstr(alone.out, "Kellby")); /* the page was read and kept */
    assert_non_null(strstr(alone.out, "Raqqa"));

    job jobs[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        /* each pipeline on threads of its own too: the same bytes */
        jobs[i] = (job){dir, (unsigned)i + 1, NULL, 0, SF_OK};
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

/* sf_cluster_corpus on threads: the articles' analysis and the rows of the
 * refinement's graph (in chunks of 64 rows: several hundred articles make
 * several chunks) shared out; every number of threads gives the stories one
 * thread gives. Under ThreadSanitizer a race between them fails the test. */
static void cluster_on_threads_matches_one(void **state) {
    (void)state;
    static const char *const EVENTS[] = {
        "A container crane collapsed at the harbour of Kellby, injuring three dock workers.",
        "The river Marl burst its banks in Marlow Bridge and flooded two hundred homes.",
        "Senator Ada Quillon resigned after an inquiry into her campaign's donations.",
        "A fire destroyed the old town hall of Varnsby; firefighters fought it all night.",
        "The Lorvik central bank raised its interest rate by half a point to curb prices.",
        "Miners at the Tarn Hill colliery went on strike over a cut in their wages.",
    };
    enum { N = 300, NEVENTS = sizeof EVENTS / sizeof *EVENTS };
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    char id[32], title[96], text[512];
    sf_error err = {0};
    for (size_t k = 0; k < N; k++) {
        size_t e = (k * 7) % NEVENTS;
        snprintf(id, sizeof id, "a%03zu", k);
        snprintf(title, sizeof title, "Report %zu: %.40s", k, EVENTS[e]);
        snprintf(text, sizeof text, "%s Witness %zu said it began on day %zu. %s", EVENTS[e], k,
                 k / 10, EVENTS[(e + k) % NEVENTS]);
        sf_article a = {.id = id, .title = title, .text = text, .text_len = strlen(text),
                        .published = 1700000000 + (int64_t)k * 3600};
        assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    }
    size_t one[N], got[N], n1 = 0, n = 0;
    sf_cluster_options o;
    sf_cluster_options_default(&o);
    o.threads = 1;
    assert_int_equal(sf_cluster_corpus(c, &o, one, &n1, &err), SF_OK);
    assert_true(n1 > 1);
    for (unsigned t = 2; t <= THREADS; t += 2) {
        o.threads = t;
        assert_int_equal(sf_cluster_corpus(c, &o, got, &n, &err), SF_OK);
        assert_int_equal(n, n1);
        assert_memory_equal(got, one, sizeof one);
    }
    sf_corpus_destroy(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pipelines_in_threads_match_one),
        cmocka_unit_test(cluster_on_threads_matches_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_warc.c - WARC crawls: plain and gzip'd (one member per record or one
 * for all), record types and non-HTML payloads skipped, corrupt members and
 * truncated records reported with their byte offsets while the rest is read,
 * empty files and files that end mid-record. Inputs: fuzz/corpus/warc/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "ingest/html.h"

typedef struct diags {
    size_t n, errors;
    char all[4096];
} diags;

static void collect(void *user, const sf_diag *d) {
    diags *s = user;
    s->n++;
    if (d->status != SF_OK) s->errors++;
    size_t k = strlen(s->all);
    snprintf(s->all + k, sizeof s->all - k, "[%zu] %s\n", d->record, d->message);
}

/* Read fuzz/corpus/warc/NAME; returns the corpus (caller destroys). */
static sf_corpus *read_one(const char *name, diags *ds) {
    const char *src = getenv("SF_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/fuzz/corpus/warc/%s", src ? src : ".", name);
    sf_corpus *c = sf_corpus_create();
    memset(ds, 0, sizeof *ds);
    sf_read_options o = {.on_diag = collect, .user = ds};
    sf_error err = {0};
    sf_status st = sf_read_path(c, path, &o, &err);
    if (st != SF_OK) fail_msg("%s: %s", path, err.message);
    return c;
}

static void check_article(const sf_corpus *c) {
    assert_int_equal(sf_corpus_count(c), 1);
    const sf_article *a = sf_corpus_get(c, 0);
    assert_string_equal(a->url, "https://example.org/2020/05/06/a");
    assert_string_equal(a->id, "1234-response");
    assert_non_null(strstr(a->text, "A paragraph of article text"));
    /* no date in the page: the date in the URL path, not the crawl time */
    assert_int_equal(a->published, sf__days_from_civil(2020, 5, 6) * 86400);
}

static const sf_article *by_url(const sf_corpus *c, const char *url) {
    for (size_t i = 0; i < sf_corpus_count(c); i++)
        if (strcmp(sf_corpus_get(c, i)->url, url) == 0) return sf_corpus_get(c, i);
    return NULL;
}

static void test_plain_and_gzip(void **state) {
    (void)state;
    const char *names[] = {"plain.warc", "members.warc.gz", "one-member.warc.gz"};
    for (size_t i = 0; i < 3; i++) {
        diags ds;
        sf_corpus *c = read_one(names[i], &ds);
        assert_int_equal(sf_corpus_count(c), 2);
        const sf_article *a = by_url(c, "https://example.org/2020/05/06/a");
        assert_non_null(a);
        assert_string_equal(a->id, "1234-response");
        assert_non_null(strstr(a->text, "A paragraph of article text"));
        assert_int_equal(a->published, sf__days_from_civil(2020, 5, 6) * 86400);
        /* the last response is chunked and gzip'd over HTTP: decoded */
        const sf_article *ch = by_url(c, "https://example.org/c");
        assert_non_null(ch);
        assert_non_null(strstr(ch->text, "A chunked and gzip-encoded page"));
        /* request, image and 404 are skipped and counted */
        if (!strstr(ds.all, "5 records: 2 articles; skipped 1 other records, 1 non-HTML "
                            "responses, 1 non-2xx"))
            fail_msg("%s: summary missing:\n%s", names[i], ds.all);
        assert_int_equal(ds.errors, 0);
        sf_corpus_destroy(c);
    }
}

/* A member cut inside a stored deflate block: inflate copies the next
 * members' bytes into the record until it looks whole. The record must be
 * dropped (its member never ends cleanly) and the members after it read. */
static void test_cut_member_not_kept(void **state) {
    (void)state;
    diags ds;
    sf_corpus *c = read_one("cut-stored.warc.gz", &ds);
    assert_null(by_url(c, "https://example.org/cut"));
    assert_int_equal(sf_corpus_count(c), 3);
    assert_non_null(by_url(c, "https://example.org/2020/05/06/b"));
    assert_non_null(by_url(c, "https://example.org/2020/05/06/d"));
    assert_non_null(strstr(ds.all, "corrupt gzip member at byte offset 0"));
    assert_int_equal(ds.errors, 1);
    sf_corpus_destroy(c);
}

static void test_corrupt_members(void **state) {
    (void)state;
    diags ds;
    sf_corpus *c = read_one("cut-member.warc.gz", &ds);
    check_article(c); /* the member after the broken one is read */
    assert_non_null(strstr(ds.all, "corrupt gzip member at byte offset 0"));
    sf_corpus_destroy(c);
    c = read_one("garbage-member.warc.gz", &ds);
    check_article(c);
    assert_non_null(strstr(ds.all, "corrupt gzip member at byte offset 0"));
    assert_int_equal(ds.errors, 1);
    sf_corpus_destroy(c);
}

static void test_truncated(void **state) {
    (void)state;
    diags ds;
    sf_corpus *c = read_one("ends-mid-record.warc", &ds);
    check_article(c);
    assert_non_null(strstr(ds.all, "is truncated: Content-Length"));
    assert_non_null(strstr(ds.all, "before the end of the file"));
    sf_corpus_destroy(c);
    c = read_one("no-header-end.warc", &ds);
    assert_int_equal(sf_corpus_count(c), 0);
    assert_non_null(strstr(ds.all, "header block cut short"));
    sf_corpus_destroy(c);
}

static void test_bad_files(void **state) {
    (void)state;
    diags ds;
    sf_corpus *c = read_one("empty.warc", &ds);
    assert_int_equal(sf_corpus_count(c), 0);
    assert_non_null(strstr(ds.all, "holds no records"));
    sf_corpus_destroy(c);
    c = read_one("not-warc.warc", &ds);
    assert_int_equal(sf_corpus_count(c), 0);
    assert_non_null(strstr(ds.all, "does not start with WARC/1.x"));
    sf_corpus_destroy(c);
    c = read_one("bad-length.warc", &ds);
    assert_non_null(strstr(ds.all, "no valid Content-Length"));
    sf_corpus_destroy(c);
    c = read_one("huge-length.warc", &ds);
    assert_int_equal(sf_corpus_count(c), 0);
    assert_int_equal(ds.errors, 1);
    sf_corpus_destroy(c);
}

static void test_memory_and_detection(void **state) {
    (void)state;
    const char w[] = "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n";
    assert_int_equal(sf__detect_format("x", w, sizeof w - 1), SF_FORMAT_WARC);
    assert_int_equal(sf__detect_format("x.warc.gz", NULL, 0), SF_FORMAT_WARC);
    assert_int_equal(sf__detect_format("x", "\x1f\x8b\x08", 3), SF_FORMAT_WARC);
    sf_corpus *c = sf_corpus_create();
    diags ds = {0};
    sf_read_options o = {.on_diag = collect, .user = &ds};
    sf_error err = {0};
    assert_int_equal(sf_read_memory(c, "m", w, sizeof w - 1, &o, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 0);
    assert_non_null(strstr(ds.all, "1 records: 0 articles; skipped 1 other"));
    /* strict mode stops at the first broken record */
    sf_read_options strict = {.strict = 1, .format = SF_FORMAT_WARC};
    const char bad[] = "WARC/1.0\r\nContent-Length: 50\r\n\r\nshort";
    assert_int_equal(sf_read_memory(c, "b", bad, sizeof bad - 1, &strict, &err), SF_ERR_PARSE);
    assert_non_null(strstr(err.message, "truncated"));
    sf_corpus_destroy(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_gzip), cmocka_unit_test(test_corrupt_members),
        cmocka_unit_test(test_cut_member_not_kept),
        cmocka_unit_test(test_truncated),      cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_memory_and_detection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_common.c - buffers, cursor, arena, views, time parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void buf_appends_and_caps(void **state) {
    (void)state;
    sf_buf b;
    sf__buf_init(&b, 8);
    assert_int_equal(sf__buf_adds(&b, "abc"), SF_OK);
    assert_int_equal(sf__buf_addf(&b, "%d", 42), SF_OK);
    assert_string_equal(sf__buf_cstr(&b), "abc42");
    /* exceeding the cap is sticky and frees the memory */
    assert_int_equal(sf__buf_adds(&b, "overflow"), SF_ERR_TOO_LARGE);
    assert_int_equal(sf__buf_adds(&b, "x"), SF_ERR_TOO_LARGE);
    assert_null(b.p);
    assert_null(sf__buf_detach(&b, NULL));
    sf__buf_reset(&b);
    assert_int_equal(sf__buf_adds(&b, "ok"), SF_OK);
    size_t len = 0;
    char *s = sf__buf_detach(&b, &len);
    assert_string_equal(s, "ok");
    assert_int_equal(len, 2);
    sf__free(s);
    sf__buf_release(&b);
}

static void cursor_lines_and_search(void **state) {
    (void)state;
    const char *t = "one\r\ntwo\nthree<DOC>rest";
    sf_cur c;
    sf__cur_init(&c, t, strlen(t));
    sf_view v;
    assert_true(sf__cur_line(&c, &v));
    assert_true(sf__view_eq(v, SF_VIEW_LIT("one")));
    assert_int_equal(c.line, 2);
    assert_true(sf__cur_line(&c, &v));
    assert_true(sf__view_eq(v, SF_VIEW_LIT("two")));
    assert_true(sf__cur_until_nocase(&c, "<doc>", &v));
    assert_true(sf__view_eq(v, SF_VIEW_LIT("three")));
    assert_true(sf__cur_accept_nocase(&c, "<DoC>"));
    assert_false(sf__cur_until_nocase(&c, "<missing>", &v));
    assert_true(sf__view_eq(v, SF_VIEW_LIT("rest")));
    assert_true(sf__cur_eof(&c));
    assert_int_equal(sf__cur_peek(&c), -1);
    assert_false(sf__cur_line(&c, &v));
}

static void arena_aligns_and_handles_big(void **state) {
    (void)state;
    sf_arena a;
    sf__arena_init(&a, 64);
    char *p = sf__arena_alloc(&a, 3);
    char *q = sf__arena_alloc(&a, 1000); /* bigger than a block */
    char *r = sf__arena_alloc(&a, 5);
    assert_non_null(p);
    assert_non_null(q);
    assert_non_null(r);
    assert_int_equal(((uintptr_t)q) % 16, 0);
    assert_int_equal(((uintptr_t)r) % 16, 0);
    memset(q, 'x', 1000);
    char *s = sf__arena_strndup(&a, "hello", 5);
    assert_string_equal(s, "hello");
    sf__arena_release(&a);
}

/* An arena that holds many megabytes takes larger blocks as it grows (huge
 * pages where the kernel gives them), and wastes no more than it holds:
 * every string stays whole, and the blocks add up to less than three times
 * what was asked. */
static void arena_grows_in_large_blocks(void **state) {
    (void)state;
    sf_arena a;
    sf__arena_init(&a, 64 * 1024);
    char text[1000];
    size_t asked = 0, n = 24000;
    char **keep = malloc(n * sizeof *keep);
    assert_non_null(keep);
    for (size_t i = 0; i < n; i++) {
        size_t len = 1 + (i * 7919) % sizeof text;
        memset(text, 'a' + (int)(i % 26), len);
        keep[i] = sf__arena_strndup(&a, text, len);
        assert_non_null(keep[i]);
        asked += len + 1;
    }
    assert_true(a.total >= asked);
    assert_true(a.total < 3 * asked);
    for (size_t i = 0; i < n; i++) {
        size_t len = 1 + (i * 7919) % sizeof text;
        assert_int_equal(strlen(keep[i]), len);
        assert_int_equal(keep[i][len - 1], 'a' + (int)(i % 26));
    }
    /* a request larger than a block still comes after the grown head */
    char *big = sf__arena_alloc(&a, 80 << 20);
    assert_non_null(big);
    char *small = sf__arena_strndup(&a, "after", 5);
    assert_string_equal(small, "after");
    free(keep);
    sf__arena_release(&a);
}

static void iso8601_parses_news_dates(void **state) {
    (void)state;
    int64_t t;
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("1970-01-01"), &t));
    assert_int_equal(t, 0);
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("2017-07-04T10:00:00Z"), &t));
    assert_int_equal(t, 1499162400);
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("2017-07-04T12:00:00+02:00"), &t));
    assert_int_equal(t, 1499162400);
    assert_true(sf__parse_iso8601(SF_VIEW_LIT(" 1999-07-07 08:30:27 "), &t));
    char buf[32];
    sf__format_iso8601(t, buf);
    assert_string_equal(buf, "1999-07-07T08:30:27Z");
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2017-13-01"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("yesterday"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2017-07-04T10"), &t));
}

/* The analyses read an article whole up to SF_ANALYZE_MAX_BYTES, else up to
 * the last white space before it, else a character boundary. */
static void analyzed_length_cuts_at_a_space(void **state) {
    (void)state;
    size_t cap = SF_ANALYZE_MAX_BYTES, n = cap + 100;
    char *t = malloc(n);
    assert_non_null(t);
    memset(t, 'a', n);
    assert_int_equal(sf__analyzed_length(t, 10), 10);
    assert_int_equal(sf__analyzed_length(t, cap), cap);
    t[cap - 10] = ' ';
    t[cap + 5] = ' '; /* past the bound: not taken */
    assert_int_equal(sf__analyzed_length(t, n), cap - 9);
    t[cap - 10] = 'a';
    t[cap - 1000] = '\n';
    assert_int_equal(sf__analyzed_length(t, n), cap - 999);
    /* no white space in the last 64 KiB: cut before a UTF-8 character */
    t[cap - 1000] = 'a';
    memcpy(t + cap - 1, "\xc3\xa9", 2); /* e-acute across the bound */
    assert_int_equal(sf__analyzed_length(t, n), cap - 1);
    free(t);
}

/* Dates are real calendar days of the years SF__YEAR_MIN..SF__YEAR_MAX with
 * offsets within +-14:00; the edges are accepted, one step beyond is not. */
static void iso8601_refuses_impossible_dates(void **state) {
    (void)state;
    int64_t t;
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2026-02-30"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2025-02-29"), &t));
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("2024-02-29"), &t));  /* leap year */
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2100-02-29"), &t)); /* not a leap year */
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("2000-02-29"), &t));  /* 400-year leap */
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2026-04-31"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2026-02-03T10:00:00+99:99"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2026-02-03T10:00:00+14:01"), &t));
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("2026-02-03T10:00:00+14:00"), &t));
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("2026-02-03T10:00:00-12:00"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2026-02-03T10:60:00Z"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2026-02-03T24:30:00Z"), &t));
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("1800-01-01T00:00:00Z"), &t));
    assert_int_equal(t, SF__TIME_MIN);
    assert_true(sf__parse_iso8601(SF_VIEW_LIT("2200-12-31T23:59:59Z"), &t));
    assert_int_equal(t, SF__TIME_MAX);
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("1799-12-31T23:59:59Z"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("2201-01-01"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("9999-12-31"), &t));
    assert_false(sf__parse_iso8601(SF_VIEW_LIT("0000-01-01"), &t));
    assert_true(sf__time_in_range(SF__TIME_MIN) && sf__time_in_range(SF__TIME_MAX));
    assert_false(sf__time_in_range(SF__TIME_MIN - 1) || sf__time_in_range(SF__TIME_MAX + 1));
    assert_false(sf__time_in_range(INT64_MIN) || sf__time_in_range(INT64_MAX));
}

static void cursor_numbers_and_sets(void **state) {
    (void)state;
    const char d[] = "07/04/1999x\0<b";
    sf_cur c;
    sf__cur_init(&c, d, sizeof d - 1);
    uint64_t v = 99;
    assert_false(sf__cur_uint(&c, 3, 4, &v)); /* only two digits: takes nothing */
    assert_int_equal(v, 99);
    assert_true(sf__cur_uint(&c, 1, 2, &v));
    assert_int_equal(v, 7);
    assert_true(sf__cur_accept(&c, "/"));
    assert_true(sf__cur_uint(&c, 1, 2, &v));
    assert_int_equal(v, 4);
    assert_true(sf__cur_accept(&c, "/"));
    assert_true(sf__cur_uint(&c, 4, 4, &v));
    assert_int_equal(v, 1999);
    assert_false(sf__cur_uint(&c, 1, 19, &v));
    sf_view t;
    assert_true(sf__cur_until_any(&c, "<&", &t)); /* the NUL byte is not a stop */
    assert_int_equal(t.n, 2);
    assert_int_equal(sf__cur_peek(&c), '<');
    assert_false(sf__cur_until_any(&c, ">", &t));
    assert_int_equal(t.n, 2);
    assert_true(sf__cur_eof(&c));
    /* bytes above 0x7f, and stops on either side of a 64-bit word of the
     * set's bitmap ('?' is 63, '@' 64) */
    const char h[] = "ab?c@d\xc3\xa9z";
    sf__cur_init(&c, h, sizeof h - 1);
    assert_true(sf__cur_until_any(&c, "@\xa9", &t));
    assert_int_equal(t.n, 4);
    sf__cur_advance(&c, 1);
    assert_true(sf__cur_until_any(&c, "\xa9?", &t));
    assert_int_equal(t.n, 2);
    sf__cur_init(&c, h, sizeof h - 1);
    assert_true(sf__cur_until_any(&c, "?", &t));
    assert_int_equal(t.n, 2);
    assert_true(sf__cur_until_any(&c, "?", &t)); /* already there: an empty run */
    assert_int_equal(t.n, 0);
    assert_false(sf__cur_until_any(&c, "\xff", &t));
    assert_int_equal(t.n, sizeof h - 3);
    sf__cur_init(&c, "12345678901234567890123", 23);
    assert_true(sf__cur_uint(&c, 1, 40, &v)); /* capped at 19 digits */
    assert_int_equal(v, 1234567890123456789ULL);
    assert_int_equal(sf__cur_left(&c), 4);
}

static void views_compare(void **state) {
    (void)state;
    assert_true(sf__view_eq_nocase(SF_VIEW_LIT("JSONL"), SF_VIEW_LIT("jsonl")));
    assert_true(sf__view_ends_with_nocase(SF_VIEW_LIT("a/B.TXT"), ".txt"));
    sf_view t = sf__view_trim(SF_VIEW_LIT("  x y \n"));
    assert_true(sf__view_eq(t, SF_VIEW_LIT("x y")));
    assert_string_equal(sf_strerror(SF_ERR_PARSE), "parse error");
    assert_int_equal(sf__hash64("a", 1, 0), sf__hash64("a", 1, 0));
    assert_true(sf__hash64("a", 1, 0) != sf__hash64("b", 1, 0));
}

static void map_inserts_finds_grows(void **state) {
    (void)state;
    sf_map m;
    sf__map_init(&m);
    for (uint64_t k = 0; k < 1000; k++) {
        uint64_t *v = sf__map_slot(&m, k * 7919);
        assert_non_null(v);
        *v = k + 1;
    }
    assert_int_equal(sf__map_count(&m), 1000);
    for (uint64_t k = 0; k < 1000; k++) {
        uint64_t *v = sf__map_find(&m, k * 7919);
        assert_non_null(v);
        assert_int_equal(*v, k + 1);
    }
    assert_null(sf__map_find(&m, 3));
    *sf__map_slot(&m, 0) += 5; /* key 0 already present: 1 + 5 */
    assert_int_equal(*sf__map_find(&m, 0), 6);
    sf__map_release(&m);
}

static void read_file_caps_and_names(void **state) {
    (void)state;
    char path[] = "/tmp/sf_test_fileXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fputs("0123456789", f);
    fclose(f);
    sf_buf b;
    sf_error err = {0};
    sf__buf_init(&b, 100);
    assert_int_equal(sf__read_file(path, NULL, &b, &err), SF_OK);
    assert_string_equal(sf__buf_cstr(&b), "0123456789");
    sf__buf_release(&b);
    sf__buf_init(&b, 4); /* the buffer's cap is the size limit */
    assert_int_equal(sf__read_file(path, NULL, &b, &err), SF_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, "more than the limit of 4 bytes"));
    sf__buf_release(&b);
    remove(path);
    sf__buf_init(&b, 100);
    assert_int_equal(sf__read_file(path, "alias file", &b, &err), SF_ERR_IO);
    assert_non_null(strstr(err.message, ": cannot open alias file: "));
    sf__buf_release(&b);
}

/* The pool: every item done once, on any number of threads; the first
 * failure in item order is reported whatever the timing; a thread whose
 * state cannot be made leaves the work to the others. */
typedef struct pool_test {
    unsigned char *done; /* per item: times done (written by one thread each) */
    size_t fail_from;    /* items at or past this fail (SIZE_MAX: none) */
    int inits;
    int null_states;     /* init gives NULL this many times */
    int wrong_state;     /* an item saw another state than its thread's */
} pool_test;

static void *pt_init(void *user) {
    pool_test *t = user;
    if (__atomic_fetch_add(&t->null_states, -1, __ATOMIC_ACQ_REL) > 0) return NULL;
    __atomic_fetch_add(&t->inits, 1, __ATOMIC_ACQ_REL);
    return t;
}

static sf_status pt_item(void *user, void *state, size_t i) {
    pool_test *t = user; /* no cmocka assertion off the main thread */
    if (state != t) __atomic_store_n(&t->wrong_state, 1, __ATOMIC_RELEASE);
    t->done[i]++;
    return i >= t->fail_from ? SF_ERR_IO : SF_OK;
}

static void pt_fini(void *user, void *state) {
    (void)user;
    (void)state;
}

static void pool_first_failure_in_order(void **state) {
    (void)state;
    enum { N = 1000 };
    unsigned char done[N];
    pool_test t = {done, SIZE_MAX, 0, 0, 0};
    sf_pool_job job = {&t, pt_init, pt_item, pt_fini};
    for (unsigned threads = 1; threads <= 4; threads++) {
        memset(done, 0, sizeof done);
        size_t failed = 0;
        t.fail_from = SIZE_MAX;
        assert_int_equal(sf__pool_run(&job, N, 4, threads, NULL, &failed), SF_OK);
        assert_int_equal(failed, SIZE_MAX);
        for (size_t i = 0; i < N; i++) assert_int_equal(done[i], 1);
        /* items from 300 on fail: 300 is the one reported, and nothing
         * before it is left undone */
        memset(done, 0, sizeof done);
        t.fail_from = 300;
        assert_int_equal(sf__pool_run(&job, N, 4, threads, NULL, &failed), SF_ERR_IO);
        assert_int_equal(failed, 300);
        for (size_t i = 0; i < 300; i++) assert_int_equal(done[i], 1);
    }
    /* the caller's own state; two threads that get no state do nothing */
    memset(done, 0, sizeof done);
    t.fail_from = SIZE_MAX;
    t.null_states = 2;
    assert_int_equal(sf__pool_run(&job, N, 4, 3, &t, NULL), SF_OK);
    for (size_t i = 0; i < N; i++) assert_int_equal(done[i], 1);
    assert_int_equal(sf__pool_run(&job, 0, 4, 3, NULL, NULL), SF_OK); /* no items */
    assert_int_equal(t.wrong_state, 0);
}

/* The ordered pool: every item done once and emitted once, in index order,
 * on the calling thread, never more than `ahead` items past the last emitted;
 * a failing item or emit stops what follows it. */
typedef struct ordered_test {
    unsigned char done[1000]; /* per item: times done */
    size_t emitted;           /* emits so far (the calling thread's) */
    size_t out_of_order;      /* emits of another item than the next */
    size_t not_done;          /* emits of an item not done */
    size_t fail_item, fail_emit; /* the item / the emit that fails (SIZE_MAX: none) */
    size_t ahead;
    size_t too_far;           /* items started more than `ahead` past the emitted */
} ordered_test;

static sf_status ot_item(void *user, void *state, size_t i) {
    ordered_test *t = user;
    (void)state;
    if (i >= __atomic_load_n(&t->emitted, __ATOMIC_ACQUIRE) + t->ahead)
        __atomic_fetch_add(&t->too_far, 1, __ATOMIC_ACQ_REL);
    __atomic_fetch_add(&t->done[i], 1, __ATOMIC_ACQ_REL);
    return i == t->fail_item ? SF_ERR_NOMEM : SF_OK;
}

static sf_status ot_emit(void *user, size_t i) {
    ordered_test *t = user;
    if (i != t->emitted) t->out_of_order++;
    if (__atomic_load_n(&t->done[i], __ATOMIC_ACQUIRE) != 1) t->not_done++;
    __atomic_store_n(&t->emitted, t->emitted + 1, __ATOMIC_RELEASE);
    return i == t->fail_emit ? SF_ERR_IO : SF_OK;
}

static void pool_ordered_emits_in_order(void **state) {
    (void)state;
    enum { N = 1000 };
    static ordered_test t;
    sf_pool_job job = {.user = &t, .item = ot_item};
    for (unsigned threads = 1; threads <= 4; threads++) {
        for (size_t ahead = 1; ahead <= 64; ahead *= 8) {
            memset(&t, 0, sizeof t);
            t.fail_item = t.fail_emit = SIZE_MAX;
            t.ahead = ahead;
            assert_int_equal(sf__pool_run_ordered(&job, N, threads, ahead, ot_emit), SF_OK);
            assert_int_equal(t.emitted, N);
            assert_int_equal(t.out_of_order + t.not_done + t.too_far, 0);
            for (size_t i = 0; i < N; i++) assert_int_equal(t.done[i], 1);
            /* item 300 fails: 0..299 emitted, 300 never */
            memset(&t, 0, sizeof t);
            t.fail_item = 300;
            t.fail_emit = SIZE_MAX;
            t.ahead = ahead;
            assert_int_equal(sf__pool_run_ordered(&job, N, threads, ahead, ot_emit),
                             SF_ERR_NOMEM);
            assert_int_equal(t.emitted, 300);
            /* emit 500 fails: nothing after it is emitted */
            memset(&t, 0, sizeof t);
            t.fail_item = SIZE_MAX;
            t.fail_emit = 500;
            t.ahead = ahead;
            assert_int_equal(sf__pool_run_ordered(&job, N, threads, ahead, ot_emit), SF_ERR_IO);
            assert_int_equal(t.emitted, 501);
            assert_int_equal(t.out_of_order + t.not_done + t.too_far, 0);
        }
    }
    assert_int_equal(sf__pool_run_ordered(&job, 0, 3, 4, ot_emit), SF_OK); /* no items */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_appends_and_caps),
        cmocka_unit_test(cursor_lines_and_search),
        cmocka_unit_test(arena_aligns_and_handles_big),
        cmocka_unit_test(arena_grows_in_large_blocks),
        cmocka_unit_test(iso8601_parses_news_dates),
        cmocka_unit_test(iso8601_refuses_impossible_dates),
        cmocka_unit_test(analyzed_length_cuts_at_a_space),
        cmocka_unit_test(cursor_numbers_and_sets),
        cmocka_unit_test(views_compare),
        cmocka_unit_test(map_inserts_finds_grows),
        cmocka_unit_test(read_file_caps_and_names),
        cmocka_unit_test(pool_first_failure_in_order),
        cmocka_unit_test(pool_ordered_emits_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_dead_letters.c - messages put aside in the store (dead_letters.c,
 * SQLite backend): none is a no-op that creates nothing; a message is kept
 * with its place, reason, size and bytes (hex, up to 1 MiB); the same
 * message again (a batch read twice) keeps the first row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "storyfold.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char g_dir[] = "/tmp/sf_dead_testXXXXXX";
static char g_db[300];

static int setup(void **state) {
    (void)state;
    if (!mkdtemp(g_dir)) return -1;
    snprintf(g_db, sizeof g_db, "%s/store.db", g_dir);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    unlink(g_db);
    char p[320];
    snprintf(p, sizeof p, "%s-wal", g_db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", g_db);
    unlink(p);
    rmdir(g_dir);
    return 0;
}

/* One text cell of the store, read with SQLite itself. */
static void cell(const char *sql, char *out, size_t cap) {
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(g_db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    out[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_put_aside(void **state) {
    (void)state;
    sf_error err = {0};
    sf_store *s = sf_store_open(g_db, &err);
    assert_non_null(s);
    int64_t n = -1;
    assert_int_equal(sf_store_put_aside(s, NULL, 0, &err), SF_OK);
    assert_int_equal(sf_store_count_dead_letters(s, &n, &err), SF_OK);
    assert_int_equal(n, 0);

    size_t big = (1u << 20) + 10;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, 'x', big);
    sf_store_dead_letter d[2] = {
        {.source = "kafka:news", .partition = 3, .offset = 17, .key = "k1", .key_len = 2,
         .data = "not json", .len = 8, .reason = "invalid JSON", .time = 1000},
        {.source = "kafka:news", .partition = 1, .offset = 4, .data = huge, .len = big,
         .reason = "over the limit", .time = 1000},
    };
    assert_int_equal(sf_store_put_aside(s, d, 2, &err), SF_OK);
    /* the same message again, with another reason: the first row stays */
    d[0].reason = "read twice";
    assert_int_equal(sf_store_put_aside(s, d, 1, &err), SF_OK);
    assert_int_equal(sf_store_count_dead_letters(s, &n, &err), SF_OK);
    assert_int_equal(n, 2);
    sf_store_close(s);
    free(huge);

    char v[128];
    cell("SELECT reason || '|' || bytes || '|' || kept || '|' || data_hex || '|' || msg_key"
         " FROM dead_letters WHERE part = 3 AND offs = 17", v, sizeof v);
    assert_string_equal(v, "invalid JSON|8|8|6e6f74206a736f6e|6b31");
    cell("SELECT bytes || '|' || kept || '|' || length(data_hex)"
         " FROM dead_letters WHERE part = 1 AND offs = 4", v, sizeof v);
    assert_string_equal(v, "1048586|1048576|2097152");
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_put_aside)};
    return cmocka_run_group_tests(tests, setup, teardown);
}

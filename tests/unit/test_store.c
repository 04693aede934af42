/* test_store.c - the store through its public functions (SQLite backend):
 * ingest statistics for new, known and changed articles; batches that add
 * up to one batch; refused stores (foreign file, newer schema); a size
 * limit that fails a batch and leaves the store as it was; search by an
 * alias; the lock timeout when another connection writes; the near-duplicate
 * index (a copy in a later ingest and another story, re-ingest, a migrated
 * schema version 3 store). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "storyfold.h"
#include "store/store.h" /* the summaries' test hook */

#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static char g_dir[] = "/tmp/sf_store_testXXXXXX";

static const char *path(const char *name) {
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", g_dir, name);
    return p;
}

typedef struct art {
    const char *id, *title, *text, *published;
} art;

/* Two events, two reports each, and an unrelated one. */
static const art ARTS[] = {
    {"a1", "Flood forces 1,200 from Marlow Bridge homes",
     "The Tamsin River overflowed into Marlow Bridge on Monday, forcing 1,200 residents from "
     "their homes, Mayor Ada Penhallow said. The river rose two metres overnight after rain.",
     "2026-03-02T08:00:00Z"},
    {"b1", "Quillon Systems picks Dunmore for battery plant",
     "Quillon Systems will build its battery plant in Dunmore, the company said on Thursday, "
     "bringing 800 jobs to the valley. Construction of the plant starts in May.",
     "2026-03-05T09:00:00Z"},
    {"a2", "Thousands evacuated in Marlow Bridge flood",
     "About 2,000 residents of Marlow Bridge left their homes as the Tamsin River burst its banks "
     "on Monday, Mayor Ada Penhallow said. The river rose two metres after three days of rain.",
     "2026-03-02T12:00:00Z"},
    {"b2", "Dunmore wins the Quillon battery plant",
     "Quillon Systems chose Dunmore for its new battery plant, the company said, promising 800 "
     "jobs in the valley. Building work on the Quillon plant begins in May.",
     "2026-03-05T15:00:00Z"},
    {"c1", "Orchestra musicians walk out over pay",
     "Musicians of the Halvern Symphony walked out before Friday's concert in a dispute over pay, "
     "their union said. The management of the Halvern Symphony cancelled the concert.",
     "2026-03-06T18:00:00Z"},
};

static sf_corpus *corpus_of(size_t from, size_t to, const char *changed_text) {
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    for (size_t i = from; i < to; i++) {
        sf_article a = {.id = ARTS[i].id, .title = ARTS[i].title, .text = ARTS[i].text,
                        .text_len = strlen(ARTS[i].text)};
        if (changed_text && i == from) {
            a.text = changed_text;
            a.text_len = strlen(changed_text);
        }
        assert_int_equal(sf_time_parse(ARTS[i].published, &a.published, NULL), SF_OK);
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    }
    return c;
}

static sf_store *open_ok(const char *name) {
    sf_error err = {0};
    sf_store *s = sf_store_open(path(name), &err);
    if (!s) fail_msg("open %s: %s", name, err.message);
    assert_string_equal(sf_store_backend(s), "sqlite");
    return s;
}

static void ingest_ok(sf_store *s, sf_corpus *c, int64_t now, sf_store_stats *stats) {
    sf_error err = {0};
    sf_store_options o = {.now = now};
    if (sf_store_ingest(s, c, &o, stats, &err) != SF_OK) fail_msg("ingest: %s", err.message);
    sf_corpus_destroy(c);
}

/* What f received, parsed as JSON. */
static json_object *capture(sf_status (*fn)(sf_store *, FILE *, void *), sf_store *s, void *u) {
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    assert_int_equal(fn(s, f, u), SF_OK);
    fclose(f);
    json_object *o = json_tokener_parse(buf);
    free(buf);
    assert_non_null(o);
    return o;
}

static sf_status all_stories(sf_store *s, FILE *f, void *u) {
    (void)u;
    return sf_store_write_stories(s, SF_TIME_UNKNOWN, 0, 1, SF_STORE_JSON, f, NULL);
}

/* The partition as a sorted string "a1,a2;b1,b2;c1" (story numbers aside). */
static void partition(sf_store *s, char *out, size_t cap) {
    json_object *o = capture(all_stories, s, NULL), *st;
    assert_true(json_object_object_get_ex(o, "stories", &st));
    char groups[16][128];
    size_t ng = json_object_array_length(st);
    assert_true(ng <= 16);
    for (size_t i = 0; i < ng; i++) {
        json_object *arts;
        json_object_object_get_ex(json_object_array_get_idx(st, i), "articles", &arts);
        const char *aids[16];
        size_t na = json_object_array_length(arts);
        for (size_t k = 0; k < na; k++) {
            json_object *id;
            json_object_object_get_ex(json_object_array_get_idx(arts, k), "id", &id);
            aids[k] = json_object_get_string(id);
        }
        for (size_t a = 1; a < na; a++) /* insertion sort of the ids */
            for (size_t b = a; b > 0 && strcmp(aids[b], aids[b - 1]) < 0; b--) {
                const char *t = aids[b];
                aids[b] = aids[b - 1];
                aids[b - 1] = t;
            }
        groups[i][0] = '\0';
        for (size_t k = 0; k < na; k++)
            snprintf(groups[i] + strlen(groups[i]), 128 - strlen(groups[i]), "%s%s", k ? "," : "", aids[k]);
    }
    qsort(groups, ng, sizeof groups[0], (int (*)(const void *, const void *))strcmp);
    out[0] = '\0';
    for (size_t i = 0; i < ng; i++) snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? ";" : "", groups[i]);
    json_object_put(o);
}

static void test_ingest_twice_and_change(void **state) {
    (void)state;
    sf_store *s = open_ok("a.db");
    sf_store_stats st;
    ingest_ok(s, corpus_of(0, 5, NULL), 1000, &st);
    assert_int_equal(st.added, 5);
    assert_int_equal(st.unchanged, 0);
    assert_int_equal(st.stories_new, 3);
    char p1[512], p2[512];
    partition(s, p1, sizeof p1);
    assert_string_equal(p1, "a1,a2;b1,b2;c1");
    ingest_ok(s, corpus_of(0, 5, NULL), 2000, &st);
    assert_int_equal(st.added + st.changed + st.stories_new + st.stories_updated, 0);
    assert_int_equal(st.unchanged, 5);
    partition(s, p2, sizeof p2);
    assert_string_equal(p1, p2);
    /* a1 again with more text: a new version; one story updated. */
    ingest_ok(s, corpus_of(0, 1, "The Tamsin River overflowed into Marlow Bridge on Monday, "
                                 "forcing 1,200 residents from their homes, Mayor Ada Penhallow "
                                 "said. By Tuesday the river had fallen half a metre."),
              3000, &st);
    assert_int_equal(st.changed, 1);
    assert_int_equal(st.stories_updated, 1);
    assert_int_equal(st.stories_new, 0);
    /* only that story was touched at 3000: one story since then */
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(sf_store_write_stories(s, 3000, 0, 0, SF_STORE_JSON, f, NULL), SF_OK);
    fclose(f);
    json_object *o = json_tokener_parse(buf), *arr;
    free(buf);
    json_object_object_get_ex(o, "stories", &arr);
    assert_int_equal(json_object_array_length(arr), 1);
    json_object *v;
    json_object_object_get_ex(json_object_array_get_idx(arr, 0), "version", &v);
    assert_int_equal(json_object_get_int(v), 2);
    json_object_put(o);
    sf_store_close(s);
}

static void test_batches_equal_one_batch(void **state) {
    (void)state;
    sf_store *one = open_ok("one.db"), *inc = open_ok("inc.db");
    ingest_ok(one, corpus_of(0, 5, NULL), 1000, NULL);
    ingest_ok(inc, corpus_of(0, 2, NULL), 1000, NULL);
    ingest_ok(inc, corpus_of(2, 4, NULL), 2000, NULL);
    ingest_ok(inc, corpus_of(4, 5, NULL), 3000, NULL);
    char a[512], b[512];
    partition(one, a, sizeof a);
    partition(inc, b, sizeof b);
    assert_string_equal(a, b);
    sf_store_close(one);
    sf_store_close(inc);
}

/* The stream clusterer is kept across the batches of one sf_store: the
 * window (here one story) bounds only what a process starts from, so a2
 * still joins a1's story two batches later (re-clustering a window of one
 * story with each batch, it started a story of its own). */
static void test_kept_state_across_batches(void **state) {
    (void)state;
    sf_store *one = open_ok("kept1.db"), *inc = open_ok("kept3.db");
    sf_error err = {0};
    sf_store_options o = {.now = 1000, .window_articles = 1};
    sf_corpus *c = corpus_of(0, 5, NULL);
    assert_int_equal(sf_store_ingest(one, c, &o, NULL, &err), SF_OK);
    sf_corpus_destroy(c);
    size_t cuts[] = {0, 2, 4, 5};
    for (size_t k = 0; k < 3; k++) {
        c = corpus_of(cuts[k], cuts[k + 1], NULL);
        o.now = 1000 + (int64_t)k;
        assert_int_equal(sf_store_ingest(inc, c, &o, NULL, &err), SF_OK);
        sf_corpus_destroy(c);
    }
    char a[512], b[512];
    partition(one, a, sizeof a);
    partition(inc, b, sizeof b);
    assert_string_equal(a, "a1,a2;b1,b2;c1");
    assert_string_equal(a, b);
    sf_store_close(one);
    sf_store_close(inc);
}

/* refresh_every: a deferring batch stores and assigns its articles but
 * leaves the stories' summaries pending, in the store; a process that ends
 * there (closed, as after a kill -9 once the batch committed) leaves them
 * pending, and the next ingest that refreshes (refresh_every 0), even with
 * nothing new, writes them. */
static void test_deferred_refresh(void **state) {
    (void)state;
    sf_store *s = open_ok("defer.db");
    sf_error err = {0};
    sf_store_options o = {.now = 1000, .refresh_every = 5};
    sf_store_stats st;
    sf_corpus *c = corpus_of(0, 5, NULL);
    assert_int_equal(sf_store_ingest(s, c, &o, &st, &err), SF_OK);
    sf_corpus_destroy(c);
    assert_int_equal(st.added, 5);
    assert_int_equal(st.stories_new, 3);
    char p[512];
    partition(s, p, sizeof p);
    assert_string_equal(p, ""); /* no story summarized yet */
    sf_store_close(s);
    s = open_ok("defer.db");
    o = (sf_store_options){.now = 2000};
    c = corpus_of(0, 5, NULL);
    assert_int_equal(sf_store_ingest(s, c, &o, &st, &err), SF_OK);
    sf_corpus_destroy(c);
    assert_int_equal(st.unchanged, 5);
    partition(s, p, sizeof p);
    assert_string_equal(p, "a1,a2;b1,b2;c1");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path("defer.db"), &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM pending_stories", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    sf_store_close(s);
}

static void test_refused(void **state) {
    (void)state;
    FILE *f = fopen(path("text.db"), "w");
    fputs("not a database\n", f);
    fclose(f);
    sf_error err = {0};
    assert_null(sf_store_open(path("text.db"), &err));
    assert_int_equal(err.status, SF_ERR_PARSE);
    assert_non_null(strstr(err.message, "not a storyfold store"));
    sf_store *s = open_ok("newer.db");
    sf_store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path("newer.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(sf_store_open(path("newer.db"), &err));
    assert_int_equal(err.status, SF_ERR_UNSUPPORTED);
    assert_non_null(strstr(err.message, "schema version 99"));
}

static void test_full_disk_keeps_store(void **state) {
    (void)state;
    sf_store *s = open_ok("full.db");
    ingest_ok(s, corpus_of(4, 5, NULL), 1000, NULL);
    char before[512], after[512];
    partition(s, before, sizeof before);
    sf_store_set_max_size(s, 4096); /* smaller than it already is */
    sf_error err = {0};
    sf_corpus *c = corpus_of(0, 4, NULL);
    assert_int_equal(sf_store_ingest(s, c, NULL, NULL, &err), SF_ERR_IO);
    assert_non_null(strstr(err.message, "is full"));
    partition(s, after, sizeof after);
    assert_string_equal(before, after);
    sf_store_set_max_size(s, 0);
    assert_int_equal(sf_store_ingest(s, c, NULL, NULL, &err), SF_OK);
    sf_corpus_destroy(c);
    partition(s, after, sizeof after);
    assert_string_equal(after, "a1,a2;b1,b2;c1");
    sf_store_close(s);
}

static sf_status search_pen(sf_store *s, FILE *f, void *u) {
    return sf_store_search(s, u, SF_TIME_UNKNOWN, SF_TIME_UNKNOWN, 0, SF_STORE_JSON, f, NULL);
}

static void test_search(void **state) {
    (void)state;
    sf_store *s = open_ok("search.db");
    ingest_ok(s, corpus_of(0, 5, NULL), 1000, NULL);
    json_object *o = capture(search_pen, s, (void *)"battery plant"), *arr;
    json_object_object_get_ex(o, "articles", &arr);
    assert_int_equal(json_object_array_length(arr), 2);
    json_object_put(o);
    /* FTS5 syntax in a query is read as words */
    o = capture(search_pen, s, (void *)"\"orchestra OR (musicians*");
    json_object_object_get_ex(o, "articles", &arr);
    assert_int_equal(json_object_array_length(arr), 0);
    json_object_put(o);
    o = capture(search_pen, s, (void *)"HALVERN symphony");
    json_object_object_get_ex(o, "entities", &arr);
    assert_true(json_object_array_length(arr) >= 1);
    json_object_put(o);
    sf_store_close(s);
}

static void test_locked(void **state) {
    (void)state;
    sf_store *s = open_ok("lock.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path("lock.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    sf_store_set_lock_timeout(s, 50);
    sf_error err = {0};
    sf_corpus *c = corpus_of(0, 1, NULL);
    assert_int_equal(sf_store_ingest(s, c, NULL, NULL, &err), SF_ERR_IO);
    assert_non_null(strstr(err.message, "locked by another process"));
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(sf_store_ingest(s, c, NULL, NULL, &err), SF_OK);
    sf_corpus_destroy(c);
    sf_store_close(s);
}

static int setup(void **state) {
    (void)state;
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* One integer from the store file, read with SQLite directly. */
static long long sql_int(const char *name, const char *sql) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path(name), &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    long long v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return v;
}

static void ingest_later(sf_store *s, sf_corpus *c, int64_t now) {
    sf_error err = {0};
    sf_store_options o = {.now = now, .defer_summaries = 1};
    sf_store_stats st;
    if (sf_store_ingest(s, c, &o, &st, &err) != SF_OK) fail_msg("ingest: %s", err.message);
    sf_corpus_destroy(c);
}

/* While the first story's summary is being made, another process adds a
 * report to that story (and leaves it marked). */
static void add_a2_meanwhile(sf_store *s, int64_t story, void *arg) {
    (void)s;
    (void)story;
    int *calls = arg;
    if ((*calls)++) return;
    sf_store *other = open_ok("race.db");
    ingest_later(other, corpus_of(2, 3, NULL), 2000); /* a2 */
    sf_store_close(other);
}

/* A story that changes while its summary is being made is summarized
 * again: the summary made from the old articles is never written. */
static void test_changed_while_summarized(void **state) {
    (void)state;
    sf_store *s = open_ok("race.db");
    ingest_later(s, corpus_of(0, 2, NULL), 1000); /* a1, b1: two stories, marked */
    char p[512];
    partition(s, p, sizeof p);
    assert_string_equal(p, ""); /* nothing summarized yet */
    int calls = 0;
    s->between = add_a2_meanwhile;
    s->between_arg = &calls;
    sf_error err = {0};
    sf_store_stats st;
    assert_int_equal(sf_store_summarize(s, NULL, &st, &err), SF_OK);
    assert_int_equal(calls, 3); /* a1's story twice, b1's once */
    partition(s, p, sizeof p);
    assert_string_equal(p, "a1,a2;b1");
    /* one version each: the one made from a1 alone was not kept */
    assert_int_equal(sql_int("race.db", "SELECT count(*) FROM story_versions"), 2);
    assert_int_equal(sql_int("race.db", "SELECT max(articles) FROM story_versions"), 2);
    assert_int_equal(sql_int("race.db", "SELECT count(*) FROM dirty_stories"), 0);
    sf_store_close(s);
}

static void kill_me(sf_store *s, int64_t story, void *arg) {
    (void)s;
    (void)story;
    (void)arg;
    raise(SIGKILL);
}

/* A process killed (SIGKILL) after its batch committed and while it made a
 * summary leaves the stories marked; another process summarizes them, each
 * once. */
static void test_killed_while_summarizing(void **state) {
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sf_store *s = sf_store_open(path("killed.db"), NULL);
        if (!s) _exit(1);
        s->between = kill_me;
        sf_corpus *c = corpus_of(0, 5, NULL);
        sf_store_options o = {.now = 1000};
        sf_store_ingest(s, c, &o, NULL, NULL);
        _exit(2); /* not reached: killed in its first summary */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    assert_int_equal(sql_int("killed.db", "SELECT count(*) FROM articles"), 5);
    assert_int_equal(sql_int("killed.db", "SELECT count(*) FROM dirty_stories"), 3);
    sf_store *s = open_ok("killed.db");
    char p[512];
    partition(s, p, sizeof p);
    assert_string_equal(p, ""); /* stories stored, no summary yet */
    sf_error err = {0};
    sf_store_stats st;
    assert_int_equal(sf_store_summarize(s, NULL, &st, &err), SF_OK);
    partition(s, p, sizeof p);
    assert_string_equal(p, "a1,a2;b1,b2;c1");
    assert_int_equal(sql_int("killed.db", "SELECT count(*) FROM story_versions"), 3);
    assert_int_equal(sql_int("killed.db", "SELECT count(*) FROM dirty_stories"), 0);
    /* the version's time is the batch's, whoever made it */
    assert_int_equal(sql_int("killed.db", "SELECT min(time) FROM story_versions"), 1000);
    assert_int_equal(sql_int("killed.db", "SELECT max(time) FROM story_versions"), 1000);
    sf_store_close(s);
}

/* While story 1's summary is being made, another process's batch moves its
 * only article to story 99 (as a merge would): story 1 is left empty and
 * dropped in that batch. */
static void empty_story_1(sf_store *s, int64_t story, void *arg) {
    (void)s;
    int *calls = arg;
    if (story != 1 || (*calls)++) return;
    sf_store *other = open_ok("emptied.db");
    sf_error err = {0};
    assert_int_equal(sf__db_begin(other, &err), SF_OK);
    assert_int_equal(sf__db_exec(other, "UPDATE articles SET story = 99 WHERE story = 1", 0, NULL,
                                 NULL, &err), SF_OK);
    ids touched = {0};
    assert_int_equal(ids_add(&touched, 1), SF_OK);
    assert_int_equal(ids_add(&touched, 99), SF_OK);
    sf_store_stats st = {0};
    assert_int_equal(sf__store_note_rows(other, &touched, 3000, &st, &err), SF_OK);
    assert_int_equal(sf__store_mark(other, &touched, 3000, &err), SF_OK);
    assert_int_equal(sf__db_commit(other, &err), SF_OK);
    SF_VEC_FREE(&touched);
    sf_store_close(other);
}

/* A story emptied while its summary is made is not brought back by that
 * summary: the batch that emptied it dropped its mark too. */
static void test_emptied_while_summarized(void **state) {
    (void)state;
    sf_store *s = open_ok("emptied.db");
    ingest_later(s, corpus_of(4, 5, NULL), 1000); /* c1: story 1, marked */
    int calls = 0;
    s->between = empty_story_1;
    s->between_arg = &calls;
    sf_error err = {0};
    sf_store_stats st;
    assert_int_equal(sf_store_summarize(s, NULL, &st, &err), SF_OK);
    assert_int_equal(calls, 1);
    char p[512];
    partition(s, p, sizeof p);
    assert_string_equal(p, "c1"); /* once, in story 99 */
    assert_int_equal(sql_int("emptied.db", "SELECT count(*) FROM stories WHERE id = 1"), 0);
    assert_int_equal(sql_int("emptied.db", "SELECT count(*) FROM dirty_stories"), 0);
    sf_store_close(s);
}

/* One text value from the store file ("" for NULL), read with SQLite. */
static void sql_text(const char *name, const char *sql, char *out, size_t cap) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path(name), &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(q, 0);
    snprintf(out, cap, "%s", v ? (const char *)v : "");
    sqlite3_finalize(q);
    sqlite3_close(db);
}

/* SQLite's plan of sql, its steps joined by "; ". */
static void query_plan(const char *name, const char *sql, char *out, size_t cap) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path(name), &db), SQLITE_OK);
    char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    size_t n = 0;
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW && n + 1 < cap) {
        const unsigned char *d = sqlite3_column_text(st, 3);
        int w = snprintf(out + n, cap - n, "%s%s", n ? "; " : "", d ? (const char *)d : "");
        if (w < 0) break;
        n += (size_t)w < cap - n ? (size_t)w : cap - n - 1;
    }
    sqlite3_finalize(st);
    sqlite3_free(q);
    sqlite3_close(db);
}

/* A wire report, and the text an outlet runs of it weeks later under its
 * own id and headline: the same words with its sign-off. */
static const char WIRE[] =
    "Engineers at the Corlan Dam began releasing water from the reservoir on Wednesday after "
    "inspectors found a crack along the eastern spillway, the regional water authority said. "
    "The authority said the dam was not at risk of failing but that the level of the reservoir "
    "would be lowered by four metres over the coming week as a precaution. Farmers downstream "
    "were told to move livestock away from the river banks, and two footbridges near the town "
    "of Elsby were closed. Repairs to the spillway are expected to take three months and to "
    "cost about 12 million euros, according to the authority's chief engineer, Mara Voss.";
static const char WIRE_COPY[] =
    "Engineers at the Corlan Dam began releasing water from the reservoir on Wednesday after "
    "inspectors found a crack along the eastern spillway, the regional water authority said. "
    "The authority said the dam was not at risk of failing but that the level of the reservoir "
    "would be lowered by four metres over the coming week as a precaution. Farmers downstream "
    "were told to move livestock away from the river banks, and two footbridges near the town "
    "of Elsby were closed. Repairs to the spillway are expected to take three months and to "
    "cost about 12 million euros, according to the authority's chief engineer, Mara Voss. "
    "Reporting by the Valley Courier news desk.";

static sf_corpus *with_article(sf_corpus *c, const char *id, const char *title, const char *text,
                               const char *published) {
    sf_article a = {.id = id, .title = title, .text = text, .text_len = strlen(text)};
    assert_int_equal(sf_time_parse(published, &a.published, NULL), SF_OK);
    assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    return c;
}

/* The original among other reports (added: how many are new). */
static void ingest_original(const char *name, size_t added) {
    sf_store *s = open_ok(name);
    sf_corpus *c = with_article(corpus_of(0, 5, NULL), "w1", "Water released from cracked Corlan Dam",
                                WIRE, "2026-03-04T07:00:00Z");
    sf_store_stats st;
    ingest_ok(s, c, 1000, &st);
    assert_int_equal(st.added, added);
    assert_int_equal(st.unchanged, 6 - added);
    assert_int_equal(st.copies, 0);
    sf_store_close(s);
}

/* The copy, seven weeks later (its original's story has long been quiet,
 * so the clusterer starts a story of its own), by another process. */
static void ingest_copy(const char *name, size_t copies) {
    sf_store *s = open_ok(name);
    sf_corpus *c = with_article(sf_corpus_create(), "courier-dam", "Corlan Dam lowered after crack found",
                                WIRE_COPY, "2026-04-22T10:00:00Z");
    sf_store_stats st;
    ingest_ok(s, c, 2000, &st);
    assert_int_equal(st.added, copies); /* the second time: unchanged */
    assert_int_equal(st.copies, copies);
    sf_store_close(s);
}

/* The copy's row and its story's JSON name the original, in another story. */
static void check_copy(const char *name) {
    char v[128];
    sql_text(name, "SELECT duplicate_of FROM articles WHERE id = 'courier-dam'", v, sizeof v);
    assert_string_equal(v, "w1");
    assert_int_not_equal(sql_int(name, "SELECT story FROM articles WHERE id = 'courier-dam'"),
                         sql_int(name, "SELECT story FROM articles WHERE id = 'w1'"));
    assert_int_equal(sql_int(name, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"), 1);
    sf_store *s = open_ok(name);
    json_object *o = capture(all_stories, s, NULL), *stories, *arts, *x;
    assert_true(json_object_object_get_ex(o, "stories", &stories));
    size_t found = 0;
    for (size_t i = 0; i < json_object_array_length(stories); i++) {
        json_object_object_get_ex(json_object_array_get_idx(stories, i), "articles", &arts);
        for (size_t k = 0; k < json_object_array_length(arts); k++) {
            json_object *a = json_object_array_get_idx(arts, k);
            json_object_object_get_ex(a, "id", &x);
            if (strcmp(json_object_get_string(x), "courier-dam") != 0) continue;
            found++;
            assert_true(json_object_object_get_ex(a, "duplicate_of", &x));
            assert_string_equal(json_object_get_string(x), "w1");
            assert_true(json_object_object_get_ex(a, "duplicate_similarity", &x));
            assert_true(json_object_get_double(x) >= 0.8 && json_object_get_double(x) <= 1.0);
        }
    }
    assert_int_equal(found, 1);
    json_object_put(o);
    sf_store_close(s);
}

/* A copy arriving in a later ingest, placed in another story, is marked a
 * copy of the stored original (the store's near-duplicate index); ingesting
 * both again changes nothing. */
static void test_copy_of_earlier_ingest(void **state) {
    (void)state;
    ingest_original("copies.db", 6);
    long long bands = sql_int("copies.db", "SELECT count(*) FROM article_bands");
    assert_int_equal(bands, 6 * 21); /* six articles, 21 bands at Jaccard 0.8 */
    ingest_copy("copies.db", 1);
    check_copy("copies.db");
    assert_int_equal(sql_int("copies.db", "SELECT count(*) FROM article_bands"), bands);
    ingest_original("copies.db", 0); /* again: all unchanged */
    ingest_copy("copies.db", 0);
    check_copy("copies.db");
    assert_int_equal(sql_int("copies.db", "SELECT count(*) FROM article_bands"), bands);
}

/* A store of schema version 3 (no near-duplicate index, entity names
 * searched through two indexes) is migrated when opened, and its stored
 * articles are indexed by the next ingest: a copy of an article stored
 * before the migration is found; a name's rows know their story, its
 * update time and their mentions, and are read in search's order from the
 * index of version 7. */
static void test_copy_after_migration(void **state) {
    (void)state;
    ingest_original("v3.db", 6);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path("v3.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "DROP TABLE article_bands;"
                                  "ALTER TABLE articles DROP COLUMN duplicate_similarity;"
                                  "DELETE FROM storyfold_meta WHERE key = 'copies_shape';"
                                  "UPDATE storyfold_meta SET value = '3' WHERE key = 'schema';"
                                  "DROP INDEX entity_names_order;"
                                  "ALTER TABLE entity_names DROP COLUMN story;"
                                  "ALTER TABLE entity_names DROP COLUMN updated;"
                                  "ALTER TABLE entity_names DROP COLUMN mentions;"
                                  "CREATE INDEX entity_names_folded ON entity_names(folded);"
                                  "CREATE INDEX entity_names_folded_entity ON entity_names(folded, entity);"
                                  "PRAGMA user_version = 3;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(sql_int("v3.db", "PRAGMA user_version"), 3);
    ingest_copy("v3.db", 1);
    assert_int_equal(sql_int("v3.db", "PRAGMA user_version"), SF_STORE_SCHEMA);
    char v[16], want[16];
    sql_text("v3.db", "SELECT value FROM storyfold_meta WHERE key = 'schema'", v, sizeof v);
    snprintf(want, sizeof want, "%d", SF_STORE_SCHEMA);
    assert_string_equal(v, want);
    check_copy("v3.db");
    assert_int_equal(sql_int("v3.db", "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name ="
                                      " 'entity_names' AND name IN ('entity_names_folded', 'entity_names_folded_entity')"),
                     0);
    /* schema 7: every name row knows its story, the story's update time and
     * the entity's mentions, and is read in search's order from the index */
    assert_int_equal(sql_int("v3.db", "SELECT count(*) FROM entity_names n JOIN entities e ON e.id = n.entity"
                                      " JOIN stories s ON s.id = e.story WHERE n.story = e.story AND"
                                      " n.updated = s.updated AND n.mentions = COALESCE(e.mentions, 0)"),
                     sql_int("v3.db", "SELECT count(*) FROM entity_names"));
    assert_true(sql_int("v3.db", "SELECT count(*) FROM entity_names") > 0);
    char plan[512];
    query_plan("v3.db",
               "SELECT entity, story, MIN(name) FROM entity_names WHERE folded = 'isis'"
               " GROUP BY updated, mentions, story, entity ORDER BY updated DESC, mentions DESC, story DESC,"
               " entity DESC LIMIT 20",
               plan, sizeof plan);
    assert_non_null(strstr(plan, "COVERING INDEX entity_names_order"));
    assert_null(strstr(plan, "TEMP B-TREE"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ingest_twice_and_change),
        cmocka_unit_test(test_batches_equal_one_batch),
        cmocka_unit_test(test_kept_state_across_batches),
        cmocka_unit_test(test_deferred_refresh),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_full_disk_keeps_store),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_locked),
        cmocka_unit_test(test_changed_while_summarized),
        cmocka_unit_test(test_killed_while_summarizing),
        cmocka_unit_test(test_emptied_while_summarized),
        cmocka_unit_test(test_copy_of_earlier_ingest),
        cmocka_unit_test(test_copy_after_migration),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

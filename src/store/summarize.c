/* summarize.c - the summaries of changed stories, made outside the store's
 * writers' lock (docs/workers.md, docs/store.md).
 *
 * The locked step of an ingest (ingest.c) only assigns articles to stories
 * and writes what must be ordered: the articles, their stories, each
 * touched story's row (count, first and last published, which the next
 * batch's window reads) and a mark in dirty_stories (story, mark, time):
 * the mark is a store-wide counter raised by every batch that marks, so a
 * story's mark changes whenever it changes again. After the commit, any
 * process claims a marked story with its mark, then reads its articles (in
 * that order: articles read after the mark are at least as new as it),
 * makes its summary with no transaction open, then, holding the writers'
 * lock for the short write only, deletes the mark if it is still the one
 * read and, if so, writes the summary as the story's next version. A story
 * changed meanwhile keeps its newer mark and is made again; a process
 * killed at any point leaves the mark (and, on PostgreSQL, its claim ends
 * with its connection), so the story is made later by whoever summarizes
 * next; a version is written once per mark.
 *
 * The claim: on PostgreSQL a session advisory lock on (CLAIM_KEY, story),
 * taken with pg_try_advisory_lock for a page of 16 marked stories at a time
 * (read with their marks in the same statement) so that a busy story is
 * skipped, never waited for; ended after the page's write, and by the
 * server when the connection ends (a killed process). On SQLite (one writer
 * at a time, usually one process) there is none: two processes may make
 * the same story, and the mark decides which one writes. The page's
 * summaries are written in one transaction. */
#include "store.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double sf__store_clock(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Made on first use (stores of older builds have none; no schema change). */
static const char SQL_DIRTY_TABLE[] =
    "CREATE TABLE IF NOT EXISTS dirty_stories(story BIGINT PRIMARY KEY, mark BIGINT NOT NULL,"
    " time BIGINT NOT NULL)";
static const char SQL_DIRTY_EXISTS_SQLITE[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'dirty_stories'";
static const char SQL_DIRTY_EXISTS_PG[] = "SELECT count(*) FROM pg_tables"
    " WHERE tablename = 'dirty_stories' AND schemaname = current_schema()";
static const char SQL_MARK_READ[] = "SELECT value FROM storyfold_meta WHERE key = 'summary_mark'";
static const char SQL_MARK_WRITE[] =
    "INSERT INTO storyfold_meta(key, value) VALUES ('summary_mark', ?1)"
    " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
static const char SQL_DIRTY_ADD[] =
    "INSERT INTO dirty_stories(story, mark, time) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(story) DO UPDATE SET mark = excluded.mark, time = excluded.time";
static const char SQL_DIRTY_DROP[] = "DELETE FROM dirty_stories WHERE story = ?1";
static const char SQL_DIRTY_DONE[] =
    "DELETE FROM dirty_stories WHERE story = ?1 AND mark = ?2 RETURNING story";
static const char SQL_SHAPE[] =
    "SELECT count(*), MIN(published), MAX(published) FROM articles WHERE story = ?1";
static const char SQL_ROW[] =
    "INSERT INTO stories(id, headline, summary, articles, version, created, updated,"
    " first_published, last_published) VALUES (?1, '', '', ?2, 0, ?3, ?3, ?4, ?5)"
    " ON CONFLICT(id) DO UPDATE SET articles = excluded.articles,"
    " first_published = excluded.first_published, last_published = excluded.last_published";
/* A page of marked stories in story order with their marks, claimed as
 * they are read (the claim is in the select list over the limited
 * subquery, so only the page's rows are claimed: 't' when ours) */
static const char SQL_PAGE_PG[] =
    "SELECT story, mark, time, pg_try_advisory_lock(?1, (story % 2147483647)::int) FROM"
    " (SELECT story, mark, time FROM dirty_stories ORDER BY story LIMIT 16 OFFSET ?2) AS d";
static const char SQL_PAGE_SQLITE[] =
    "SELECT story, mark, time, 't' FROM dirty_stories WHERE ?1 IS NOT NULL ORDER BY story"
    " LIMIT 16 OFFSET ?2";
/* this session holds no other session-level advisory lock */
static const char SQL_UNCLAIM_ALL[] = "SELECT pg_advisory_unlock_all()";
/* "sfsu": the claims' key space (two int4 keys: never the writers' lock,
 * which is one bigint key) */
#define CLAIM_KEY 0x73667375

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

sf_status sf__store_note_rows(sf_store *s, ids *touched, int64_t now, sf_store_stats *stats,
                              sf_error *err) {
    if (!touched->n) return SF_OK;
    qsort(touched->items, touched->n, sizeof *touched->items, cmp_i64);
    size_t k = 0;
    sf_rows r = {0};
    sf_status st = SF_OK;
    for (size_t i = 0; st == SF_OK && i < touched->n; i++) {
        int64_t story = touched->items[i];
        if (k && touched->items[k - 1] == story) continue;
        st = sf__db_exec(s, SQL_SHAPE, 1, (sf_val[]){SV_I(story)}, &r, err);
        if (st != SF_OK) break;
        int64_t n = sf__rows_int(&r, 0, 0, 0);
        if (n == 0) { /* all its articles moved away */
            st = sf__store_drop_story(s, story, err);
            /* a summary being made of it now must not bring it back */
            if (st == SF_OK) st = sf__db_exec(s, SQL_DIRTY_TABLE, 0, NULL, NULL, err);
            if (st == SF_OK) st = sf__db_exec(s, SQL_DIRTY_DROP, 1, (sf_val[]){SV_I(story)}, NULL, err);
            stats->stories_updated++;
            continue;
        }
        sf_val f = sf__rows_get(&r, 0, 1) ? SV_I(sf__rows_int(&r, 0, 1, 0)) : SV_NULL;
        sf_val l = sf__rows_get(&r, 0, 2) ? SV_I(sf__rows_int(&r, 0, 2, 0)) : SV_NULL;
        st = sf__db_exec(s, SQL_ROW, 5, (sf_val[]){SV_I(story), SV_I(n), SV_I(now), f, l}, NULL, err);
        touched->items[k++] = story;
    }
    touched->n = k;
    sf__rows_release(&r);
    return st;
}

sf_status sf__store_mark(sf_store *s, const ids *touched, int64_t now, sf_error *err) {
    if (!touched->n) return SF_OK;
    SF_TRY(sf__db_exec(s, SQL_DIRTY_TABLE, 0, NULL, NULL, err));
    int64_t mark = 0;
    SF_TRY(sf__db_int(s, SQL_MARK_READ, 0, NULL, 0, &mark, err));
    mark++;
    char v[32];
    snprintf(v, sizeof v, "%lld", (long long)mark);
    SF_TRY(sf__db_exec(s, SQL_MARK_WRITE, 1, (sf_val[]){SV_S(v)}, NULL, err));
    for (size_t i = 0; i < touched->n; i++)
        SF_TRY(sf__db_exec(s, SQL_DIRTY_ADD, 3,
                           (sf_val[]){SV_I(touched->items[i]), SV_I(mark), SV_I(now)}, NULL, err));
    return SF_OK;
}

/* A claimed story's summary, made and waiting to be written. */
typedef struct job {
    int64_t story, mark, when;
    sf_corpus *c;
    json_object *js;
} job;

/* Summaries made before one write: fewer commits (SQLite syncs each) and
 * fewer turns of the writers' lock. */
#define JOBS 16

/* Make a claimed story's summary (its mark was read with the claim, before
 * its articles are read here). */
static sf_status make(sf_store *s, const sf_store_options *o, job *j, sf_store_stats *stats,
                      sf_error *err) {
    double t0 = sf__store_clock();
    sf_status st = sf__store_story_make(s, j->story, o->run, &j->c, &j->js, err);
    if (st == SF_OK && s->between) s->between(s, j->story, s->between_arg);
    stats->t_summaries += sf__store_clock() - t0;
    return st;
}

/* Write the made summaries whose story has not changed since (one
 * transaction, under the writers' lock), then free them and end their
 * claims. stats NULL: only that (nothing to write). */
static sf_status put(sf_store *s, job *jobs, size_t n, sf_store_stats *stats, sf_error *err) {
    sf_status st = SF_OK;
    if (n && stats) {
        double t1 = sf__store_clock();
        st = sf__db_begin(s, err);
        /* no wait for the disk at this commit: a server crash that loses it
         * loses the marks' deletion with it, so the summaries are made again */
        if (st == SF_OK && s->kind == SF_DB_PG)
            st = sf__db_exec(s, "SET LOCAL synchronous_commit = off", 0, NULL, NULL, err);
        double t2 = sf__store_clock();
        stats->t_lock_wait += t2 - t1;
        sf_rows r = {0};
        for (size_t i = 0; st == SF_OK && i < n; i++) {
            job *j = &jobs[i];
            st = sf__db_exec(s, SQL_DIRTY_DONE, 2, (sf_val[]){SV_I(j->story), SV_I(j->mark)}, &r, err);
            bool created = false;
            if (st == SF_OK && r.nrows) { /* not changed since: this version is the story's */
                st = sf__store_story_put(s, j->story, j->c, j->js, j->when, &created, err);
                if (st == SF_OK && !created && j->c && sf_corpus_count(j->c)) stats->stories_updated++;
            }
        }
        sf__rows_release(&r);
        if (st == SF_OK) st = sf__db_commit(s, err);
        else sf__db_rollback(s);
        stats->t_locked += sf__store_clock() - t2;
        if (st != SF_OK && err) { /* the batch itself is stored: say what was not */
            char why[sizeof err->message];
            snprintf(why, sizeof why, "%s", err->message);
            char *cut = strstr(why, "; nothing of this batch was stored");
            if (cut) *cut = '\0';
            sf__error_set(err, st, "%s; the batch is stored, the summaries of its stories are"
                          " not (they stay marked for the next ingest)", why);
        }
    }
    for (size_t i = 0; i < n; i++) {
        json_object_put(jobs[i].js);
        sf_corpus_destroy(jobs[i].c);
        jobs[i] = (job){0};
    }
    if (s->kind == SF_DB_PG) sf__db_exec(s, SQL_UNCLAIM_ALL, 0, NULL, NULL, NULL);
    return st;
}

sf_status sf__store_summarize(sf_store *s, const sf_store_options *o, sf_store_stats *stats,
                              sf_error *err) {
    static const sf_store_options none = {0};
    if (!o) o = &none;
    if (!s->have_dirty) {
        int64_t have = 0;
        SF_TRY(sf__db_int(s, s->kind == SF_DB_PG ? SQL_DIRTY_EXISTS_PG : SQL_DIRTY_EXISTS_SQLITE, 0,
                          NULL, 0, &have, err));
        if (!have) return SF_OK;
        s->have_dirty = true;
    }
    sf_rows page = {0};
    job jobs[JOBS] = {{0}};
    sf_status st = SF_OK;
    for (;;) {
        size_t done = 0, skipped = 0;
        for (;;) {
            /* the rows this process wrote are gone from the list; the ones
             * another process holds are skipped */
            st = sf__db_exec(s, s->kind == SF_DB_PG ? SQL_PAGE_PG : SQL_PAGE_SQLITE, 2,
                             (sf_val[]){SV_I(CLAIM_KEY), SV_I(skipped)}, &page, err);
            if (st != SF_OK || !page.nrows) break;
            size_t nj = 0;
            for (size_t i = 0; i < page.nrows; i++) {
                const char *got = sf__rows_get(&page, i, 3);
                if (!got || got[0] != 't') { /* another process makes it */
                    skipped++;
                    continue;
                }
                jobs[nj++] = (job){.story = sf__rows_int(&page, i, 0, 0),
                                   .mark = sf__rows_int(&page, i, 1, 0),
                                   .when = sf__rows_int(&page, i, 2, 0)};
            }
            done += nj;
            for (size_t i = 0; i < nj && st == SF_OK; i++) st = make(s, o, &jobs[i], stats, err);
            if (st == SF_OK) {
                st = put(s, jobs, nj, stats, err);
            } else {
                put(s, jobs, nj, NULL, NULL); /* free them, end the claims */
            }
            if (st != SF_OK || page.nrows < JOBS) break;
        }
        /* every story left is another process's (or made again: its
         * story changed while it was made, and the list is read again) */
        if (st != SF_OK || !done) break;
    }
    sf__rows_release(&page);
    return st;
}

sf_status sf_store_summarize(sf_store *s, const sf_store_options *o, sf_store_stats *stats,
                             sf_error *err) {
    if (!s) return sf__error_set(err, SF_ERR_ARG, "sf_store_summarize: NULL argument");
    if (s->in_tx) return sf__error_set(err, SF_ERR_ARG, "sf_store_summarize: inside a transaction");
    sf_store_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    return sf__store_summarize(s, o, stats, err);
}

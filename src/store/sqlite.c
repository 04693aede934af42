/* sqlite.c - the SQLite backend: one file, WAL journal (readers never wait
 * for the writer; a process killed mid-batch leaves the last committed
 * state), the schema versioned by PRAGMA user_version and recognized by
 * PRAGMA application_id, prepared statements cached by their SQL text's
 * address (every statement is a string literal). */
#include "store.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

#define CACHE_MAX 96

typedef struct stmt_cache {
    const char *sql[CACHE_MAX];
    sqlite3_stmt *st[CACHE_MAX];
    size_t n;
} stmt_cache;

/* Schema version 1. Articles carry their current version; earlier versions
 * move to article_versions. story_versions keeps the pipeline's JSON of
 * every version of a story (summary, entities, facts, quotes), so that the
 * store does not depend on the pipeline's internal fields; entities and
 * their names are also kept as rows for search. FTS5 indexes articles
 * (external content, kept in step by triggers) and stories. */
static const char SCHEMA_V1[] =
    "CREATE TABLE storyfold_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE articles(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " version INTEGER NOT NULL, hash TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,"
    " source TEXT, url TEXT, origin TEXT, author TEXT, lang TEXT, published INTEGER,"
    " modified INTEGER, story INTEGER, joined INTEGER, duplicate_of TEXT,"
    " ingested INTEGER NOT NULL);"
    "CREATE INDEX articles_story ON articles(story);"
    "CREATE INDEX articles_published ON articles(published);"
    "CREATE TABLE article_versions(article INTEGER NOT NULL, version INTEGER NOT NULL,"
    " hash TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL, replaced INTEGER NOT NULL,"
    " PRIMARY KEY(article, version));"
    "CREATE TABLE stories(id INTEGER PRIMARY KEY, headline TEXT NOT NULL,"
    " summary TEXT NOT NULL, articles INTEGER NOT NULL, version INTEGER NOT NULL,"
    " created INTEGER NOT NULL, updated INTEGER NOT NULL, first_published INTEGER,"
    " last_published INTEGER);"
    "CREATE INDEX stories_activity ON stories(updated DESC, last_published DESC, id DESC);"
    "CREATE INDEX stories_last ON stories(last_published);"
    "CREATE TABLE story_versions(story INTEGER NOT NULL, version INTEGER NOT NULL,"
    " time INTEGER NOT NULL, articles INTEGER NOT NULL, json TEXT NOT NULL,"
    " PRIMARY KEY(story, version));"
    "CREATE TABLE story_events(story INTEGER NOT NULL, time INTEGER NOT NULL,"
    " kind TEXT NOT NULL, article TEXT NOT NULL, version INTEGER NOT NULL);"
    "CREATE INDEX story_events_story ON story_events(story);"
    "CREATE TABLE entities(id INTEGER PRIMARY KEY, story INTEGER NOT NULL,"
    " name TEXT NOT NULL, type TEXT, mentions INTEGER);"
    "CREATE INDEX entities_story ON entities(story);"
    "CREATE TABLE entity_names(entity INTEGER NOT NULL, folded TEXT NOT NULL,"
    " name TEXT NOT NULL);"
    "CREATE INDEX entity_names_folded ON entity_names(folded);"
    "CREATE INDEX entity_names_entity ON entity_names(entity);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
    " content_rowid='n', tokenize='porter unicode61');"
    "CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text); END;"
    "CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    " VALUES ('delete', old.n, old.title, old.text); END;"
    "CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    " VALUES ('delete', old.n, old.title, old.text);"
    " INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text); END;"
    "CREATE VIRTUAL TABLE stories_fts USING fts5(headline, summary,"
    " tokenize='porter unicode61');";

/* Migrations: MIGRATIONS[v] takes a store from version v to v + 1 (index 0
 * creates it). A new schema version appends its step here. */
static const char *const MIGRATIONS[SF_STORE_SCHEMA] = {SCHEMA_V1, SF_STORE_SCHEMA_V2, SF_STORE_SCHEMA_V3,
                                                        SF_STORE_SCHEMA_V4_SQLITE, SF_STORE_SCHEMA_V5_SQLITE,
                                                        SF_STORE_SCHEMA_V6_SQLITE,
                                                        SF_STORE_SCHEMA_V7_SQLITE,
                                                        SF_STORE_SCHEMA_V8_SQLITE,
                                                        SF_STORE_SCHEMA_V9_SQLITE};

static sqlite3 *DB(sf_store *s) { return s->db; }

/* A failure of SQLite as a status and message naming the store. */
static sf_status fail(sf_store *s, int rc, const char *what, sf_error *err) {
    const char *msg = s->db ? sqlite3_errmsg(DB(s)) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return sf__error_set(err, SF_ERR_IO,
                             "store %s is locked by another process (waited %d ms); try again",
                             s->where, s->lock_ms);
    case SQLITE_FULL:
        return sf__error_set(err, SF_ERR_IO,
                             "store %s is full (the disk, or its size limit): %s; nothing of "
                             "this batch was stored",
                             s->where, msg);
    case SQLITE_CORRUPT:
        return sf__error_set(err, SF_ERR_PARSE, "store %s is corrupt (%s)", s->where, msg);
    case SQLITE_NOTADB:
        return sf__error_set(err, SF_ERR_PARSE, "%s is not a storyfold store (%s)", s->where,
                             msg);
    case SQLITE_NOMEM: return sf__error_set(err, SF_ERR_NOMEM, "out of memory (%s)", what);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return sf__error_set(err, SF_ERR_IO, "store %s: %s: %s", s->where, what, msg);
    default: return sf__error_set(err, SF_ERR_INTERNAL, "store %s: %s: %s", s->where, what, msg);
    }
}

static sf_status get_stmt(sf_store *s, const char *sql, sqlite3_stmt **out, sf_error *err) {
    stmt_cache *c = s->cache;
    for (size_t i = 0; i < c->n; i++)
        if (c->sql[i] == sql) {
            *out = c->st[i];
            return SF_OK;
        }
    int rc = sqlite3_prepare_v2(DB(s), sql, -1, out, NULL);
    if (rc != SQLITE_OK) return fail(s, rc, "preparing a statement", err);
    if (c->n < CACHE_MAX) {
        c->sql[c->n] = sql;
        c->st[c->n++] = *out;
    }
    return SF_OK;
}

static bool cached(const sf_store *s, const sqlite3_stmt *st) {
    const stmt_cache *c = s->cache;
    for (size_t i = 0; i < c->n; i++)
        if (c->st[i] == st) return true;
    return false;
}

static sf_status collect(sqlite3_stmt *st, sf_rows *rows) {
    int n = sqlite3_column_count(st);
    const char *cells[64];
    size_t lens[64];
    if (n > 64) return SF_ERR_INTERNAL;
    for (int c = 0; c < n; c++) {
        cells[c] = (const char *)sqlite3_column_text(st, c);
        lens[c] = (size_t)sqlite3_column_bytes(st, c);
    }
    return sf__rows_add(rows, (size_t)n, cells, lens);
}

sf_status sf__sqlite_exec(sf_store *s, const char *sql, size_t n, const sf_val *p, sf_rows *rows,
                          sf_error *err) {
    sqlite3_stmt *st;
    SF_TRY(get_stmt(s, sql, &st, err));
    int rc = SQLITE_OK;
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        int k = (int)i + 1;
        if (p[i].type == 1)
            rc = sqlite3_bind_text(st, k, p[i].s, -1, SQLITE_STATIC);
        else if (p[i].type == 2)
            rc = sqlite3_bind_int64(st, k, p[i].i);
        else
            rc = sqlite3_bind_null(st, k);
    }
    sf_status res = SF_OK;
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && rows && (res = collect(st, rows)) != SF_OK) break;
    }
    if (res == SF_OK && rc != SQLITE_DONE) res = fail(s, rc, "running a statement", err);
    else if (res != SF_OK) sf__error_set(err, res, "store %s: out of memory reading rows", s->where);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (!cached(s, st)) sqlite3_finalize(st);
    return res;
}

void sf__sqlite_limits(sf_store *s) {
    if (!s->db) return;
    sqlite3_busy_timeout(DB(s), s->lock_ms);
    /* A size limit is SQLite's page-count limit: writes beyond it fail with
     * SQLITE_FULL, as on a full disk. */
    long long pages = 0;
    if (s->max_size) pages = (long long)(s->max_size / 4096);
    char sql[80];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages > 0 ? pages : 4294967294LL);
    sqlite3_exec(DB(s), sql, NULL, NULL, NULL);
}

static sf_status pragma_int(sf_store *s, const char *sql, int64_t *out, sf_error *err) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(DB(s), sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return fail(s, rc, "reading the store's header", err);
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SF_OK : fail(s, rc, "reading the store", err);
}

static sf_status run_script(sf_store *s, const char *sql, sf_error *err) {
    int rc = sqlite3_exec(DB(s), sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? SF_OK : fail(s, rc, "updating the schema", err);
}

/* What the file is, read through SQLite: *ver receives the schema version
 * of a store, 0 for an empty database; a foreign database or a newer
 * schema is refused. */
static sf_status identify(sf_store *s, int64_t *ver, sf_error *err) {
    int64_t app, objects;
    SF_TRY(pragma_int(s, "PRAGMA application_id", &app, err));
    SF_TRY(pragma_int(s, "PRAGMA user_version", ver, err));
    SF_TRY(pragma_int(s, "SELECT count(*) FROM sqlite_master", &objects, err));
    if (app != SF_STORE_APP_ID && (app != 0 || objects > 0))
        return sf__error_set(err, SF_ERR_PARSE,
                             "%s is an SQLite database but not a storyfold store", s->where);
    if (app != SF_STORE_APP_ID) *ver = 0;
    if (*ver > SF_STORE_SCHEMA)
        return sf__error_set(err, SF_ERR_UNSUPPORTED,
                             "store %s was written by a newer storyfold (schema version %lld; "
                             "this build reads up to %d): upgrade storyfold",
                             s->where, (long long)*ver, SF_STORE_SCHEMA);
    return SF_OK;
}

/* Under the write lock: create the schema or migrate it to SF_STORE_SCHEMA. */
static sf_status migrate(sf_store *s, sf_error *err) {
    SF_TRY(run_script(s, "BEGIN IMMEDIATE", err));
    int64_t ver;
    sf_status st = identify(s, &ver, err);
    for (int64_t v = ver; st == SF_OK && v < SF_STORE_SCHEMA; v++) st = run_script(s, MIGRATIONS[v], err);
    if (st == SF_OK && ver < SF_STORE_SCHEMA) {
        char sql[160];
        snprintf(sql, sizeof sql,
                 "PRAGMA application_id = %d; PRAGMA user_version = %d;"
                 "INSERT OR REPLACE INTO storyfold_meta VALUES('schema', '%d')",
                 SF_STORE_APP_ID, SF_STORE_SCHEMA, SF_STORE_SCHEMA);
        st = run_script(s, sql, err);
    }
    if (st == SF_OK) return run_script(s, "COMMIT", err);
    sqlite3_exec(DB(s), "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* Refuse what is not a store before SQLite writes anything to it. */
static sf_status check_header(sf_store *s, sf_error *err) {
    FILE *f = fopen(s->where, "rb");
    if (!f) return SF_OK; /* created below */
    unsigned char h[100];
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    if (n == 0) return SF_OK;
    if (n < sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
        return sf__error_set(err, SF_ERR_PARSE,
                             "%s is not a storyfold store (not an SQLite database)", s->where);
    uint32_t app = (uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71];
    uint32_t ver = (uint32_t)h[60] << 24 | (uint32_t)h[61] << 16 | (uint32_t)h[62] << 8 | h[63];
    /* 0: a store created just before a kill may have its header only in the
     * WAL; identify() reads it through SQLite. */
    if (app != SF_STORE_APP_ID && app != 0)
        return sf__error_set(err, SF_ERR_PARSE,
                             "%s is an SQLite database but not a storyfold store", s->where);
    if (app == SF_STORE_APP_ID && ver > SF_STORE_SCHEMA)
        return sf__error_set(err, SF_ERR_UNSUPPORTED,
                             "store %s was written by a newer storyfold (schema version %u; "
                             "this build reads up to %d): upgrade storyfold",
                             s->where, ver, SF_STORE_SCHEMA);
    return SF_OK;
}

sf_status sf__sqlite_open(sf_store *s, sf_error *err) {
    SF_TRY(check_header(s, err));
    s->cache = sf__calloc(1, sizeof(stmt_cache));
    if (!s->cache) return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(s->where, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    s->db = db;
    if (rc != SQLITE_OK) return fail(s, rc, "opening", err);
    sqlite3_extended_result_codes(db, 1);
    sf__sqlite_limits(s);
    /* WAL: readers go on while one process writes, and a kill at any point
     * leaves the last committed transaction. synchronous=NORMAL keeps every
     * commit across a process crash (a power cut may lose the last ones). */
    int64_t ver, mode;
    sf_status st = identify(s, &ver, err);
    if (st == SF_OK) st = pragma_int(s, "PRAGMA journal_mode = WAL", &mode, err);
    if (st == SF_OK) st = run_script(s, "PRAGMA synchronous = NORMAL", err);
    /* A batch is one transaction: with SQLite's default 2 MB page cache its
     * dirty pages spill to the WAL before the commit and indexes are read
     * back from the file; 64 MB holds a batch of thousands of articles. */
    if (st == SF_OK) st = run_script(s, "PRAGMA cache_size = -65536", err);
    /* The write lock is taken only when the schema must be created or
     * migrated, so opening a current store never waits for a writer. */
    if (st == SF_OK && ver < SF_STORE_SCHEMA) st = migrate(s, err);
    return st;
}

void sf__sqlite_close(sf_store *s) {
    stmt_cache *c = s->cache;
    for (size_t i = 0; c && i < c->n; i++) sqlite3_finalize(c->st[i]);
    sf__free(c);
    s->cache = NULL;
    if (s->db) sqlite3_close(DB(s));
    s->db = NULL;
}

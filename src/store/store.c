/* store.c - opening and closing a store (the backend is chosen by the
 * address: a postgresql:// URI or a file path), the shared database layer
 * (rows, transactions) and time parsing for the commands. */
#include "store.h"

#include "../cluster/cluster.h"

#include <stdlib.h>
#include <string.h>

void sf__rows_release(sf_rows *r) {
    if (!r) return;
    for (size_t i = 0; i < r->nrows * r->ncols; i++) sf__free(r->cells[i]);
    sf__free(r->cells);
    memset(r, 0, sizeof *r);
}

int64_t sf__rows_int(const sf_rows *r, size_t row, size_t col, int64_t dflt) {
    const char *v = row < r->nrows && col < r->ncols ? sf__rows_get(r, row, col) : NULL;
    return v ? strtoll(v, NULL, 10) : dflt;
}

sf_status sf__rows_add(sf_rows *r, size_t n, const char *const *cells, const size_t *lens) {
    if (r->nrows == 0 && r->ncols == 0) r->ncols = n;
    if (n != r->ncols) return SF_ERR_INTERNAL;
    size_t need = (r->nrows + 1) * n;
    if (need > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16 * (n ? n : 1);
        while (cap < need) cap *= 2;
        char **p = sf__realloc(r->cells, cap * sizeof *p);
        if (!p) return SF_ERR_NOMEM;
        r->cells = p;
        r->cap = cap;
    }
    char **row = r->cells + r->nrows * n;
    for (size_t c = 0; c < n; c++) {
        row[c] = NULL;
        if (!cells[c]) continue;
        row[c] = sf__strndup(cells[c], lens ? lens[c] : strlen(cells[c]));
        if (!row[c]) {
            for (size_t k = 0; k < c; k++) sf__free(row[k]);
            return SF_ERR_NOMEM;
        }
    }
    r->nrows++;
    return SF_OK;
}

sf_status sf__db_exec(sf_store *s, const char *sql, size_t n, const sf_val *p, sf_rows *rows,
                      sf_error *err) {
    if (rows) sf__rows_release(rows);
    return s->kind == SF_DB_PG ? sf__pg_exec(s, sql, n, p, rows, err)
                               : sf__sqlite_exec(s, sql, n, p, rows, err);
}

sf_status sf__db_int(sf_store *s, const char *sql, size_t n, const sf_val *p, int64_t dflt,
                     int64_t *out, sf_error *err) {
    sf_rows r = {0};
    sf_status st = sf__db_exec(s, sql, n, p, &r, err);
    *out = st == SF_OK && r.nrows ? sf__rows_int(&r, 0, 0, dflt) : dflt;
    sf__rows_release(&r);
    return st;
}

/* The key of the advisory lock that serializes ingests into one PostgreSQL
 * store ("storyfld" in ASCII). */
#define PG_INGEST_LOCK 0x73746f727966ll

sf_status sf__db_begin(sf_store *s, sf_error *err) {
    sf_status st;
    if (s->kind == SF_DB_SQLITE) {
        /* IMMEDIATE: take the write lock now, so that a second writer waits
         * (busy timeout) instead of failing half-way through its batch. */
        st = sf__db_exec(s, "BEGIN IMMEDIATE", 0, NULL, NULL, err);
        if (st == SF_OK) s->in_tx = true;
        return st;
    }
    st = sf__db_exec(s, "BEGIN", 0, NULL, NULL, err);
    if (st != SF_OK) return st;
    s->in_tx = true;
    char sql[64];
    snprintf(sql, sizeof sql, "SET LOCAL lock_timeout = %d", s->lock_ms > 0 ? s->lock_ms : 1);
    st = sf__pg_exec(s, sql, 0, NULL, NULL, err);
    /* Story assignment reads the stored stories and then writes new ones: two
     * ingests doing that at once would each start a story for the same event.
     * One transaction-scoped advisory lock makes ingests take turns. */
    if (st == SF_OK)
        st = sf__db_exec(s, "SELECT pg_advisory_xact_lock(?1)", 1,
                         (sf_val[]){SV_I(PG_INGEST_LOCK)}, NULL, err);
    if (st != SF_OK) sf__db_rollback(s);
    return st;
}

sf_status sf__db_commit(sf_store *s, sf_error *err) {
    sf_status st = sf__db_exec(s, "COMMIT", 0, NULL, NULL, err);
    if (st != SF_OK) sf__db_rollback(s);
    s->in_tx = false;
    return st;
}

void sf__db_rollback(sf_store *s) {
    if (!s->in_tx) return;
    s->in_tx = false;
    sf__db_exec(s, "ROLLBACK", 0, NULL, NULL, NULL);
}

static bool is_pg_uri(const char *w) {
    return strncmp(w, "postgresql://", 13) == 0 || strncmp(w, "postgres://", 11) == 0;
}

sf_store *sf_store_open(const char *where, sf_error *err) {
    if (!where || !where[0]) {
        sf__error_set(err, SF_ERR_ARG, "sf_store_open: no store given");
        return NULL;
    }
    sf_store *s = sf__calloc(1, sizeof *s);
    if (!s || !(s->where = sf__strndup(where, strlen(where)))) {
        sf__free(s);
        sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        return NULL;
    }
    s->lock_ms = 10000;
    s->kind = is_pg_uri(where) ? SF_DB_PG : SF_DB_SQLITE;
    sf_status st = s->kind == SF_DB_PG ? sf__pg_open(s, err) : sf__sqlite_open(s, err);
    if (st != SF_OK) {
        sf_store_close(s);
        return NULL;
    }
    return s;
}

void sf_store_close(sf_store *s) {
    if (!s) return;
    sf__db_rollback(s);
    sf__store_assign_drop(s);
    sf__fdoc_cache_destroy(s->fdocs);
    if (s->kind == SF_DB_PG)
        sf__pg_close(s);
    else
        sf__sqlite_close(s);
    sf__free(s->where);
    sf__free(s);
}

const char *sf_store_backend(const sf_store *s) {
    return s && s->kind == SF_DB_PG ? "postgresql" : "sqlite";
}

void sf_store_set_lock_timeout(sf_store *s, int ms) {
    if (!s) return;
    s->lock_ms = ms < 0 ? 0 : ms;
    if (s->kind == SF_DB_SQLITE) sf__sqlite_limits(s);
}

void sf_store_set_max_size(sf_store *s, uint64_t bytes) {
    if (!s) return;
    s->max_size = bytes;
    if (s->kind == SF_DB_SQLITE) sf__sqlite_limits(s);
}

sf_status sf_time_parse(const char *text, int64_t *out, sf_error *err) {
    if (!text || !out) return sf__error_set(err, SF_ERR_ARG, "sf_time_parse: NULL argument");
    if (text[0] == '@') {
        char *end;
        long long v = strtoll(text + 1, &end, 10);
        if (end != text + 1 && *end == '\0') {
            *out = v;
            return SF_OK;
        }
    } else if (sf__parse_iso8601(sf__view_cstr(text), out)) {
        return SF_OK;
    }
    return sf__error_set(err, SF_ERR_ARG,
                         "'%s' is not a time (2026-03-02, 2026-03-02T08:15:00Z or @SECONDS)",
                         text);
}

/* dead_letters.c - messages a worker could not turn into articles (not JSON,
 * no text, too large), put aside in the store with where they came from and
 * why, so that nothing is dropped silently and nothing is retried forever
 * (docs/workers.md). The table is created on first use, outside the numbered
 * schema: stores that never meet a bad message do not carry it. */
#include "store.h"

#include <string.h>
#include <time.h>

/* The most of a message kept (hex): enough to see and replay an article;
 * a message larger than this (one over the worker's size cap) keeps its
 * head only, and `bytes` says how large it was. */
#define KEEP_BYTES (1u << 20)

static const char SQL_TABLE[] =
    "CREATE TABLE IF NOT EXISTS dead_letters(source TEXT NOT NULL, part BIGINT NOT NULL,"
    " offs BIGINT NOT NULL, reason TEXT NOT NULL, bytes BIGINT NOT NULL, kept BIGINT NOT NULL,"
    " msg_key TEXT, data_hex TEXT NOT NULL, time BIGINT NOT NULL,"
    " PRIMARY KEY(source, part, offs))";
/* The same message again (a batch redelivered after a crash) changes nothing. */
static const char SQL_PUT[] =
    "INSERT INTO dead_letters(source, part, offs, reason, bytes, kept, msg_key, data_hex, time)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING";

static char *hex(const char *p, size_t n) {
    static const char digits[] = "0123456789abcdef";
    char *o = sf__malloc(2 * n + 1);
    if (!o) return NULL;
    for (size_t i = 0; i < n; i++) {
        o[2 * i] = digits[(unsigned char)p[i] >> 4];
        o[2 * i + 1] = digits[(unsigned char)p[i] & 15];
    }
    o[2 * n] = '\0';
    return o;
}

static sf_status put(sf_store *s, const sf_store_dead_letter *d, sf_error *err) {
    size_t kept = d->len < KEEP_BYTES ? d->len : KEEP_BYTES;
    char *data = hex(d->data ? d->data : "", d->data ? kept : 0);
    char *key = d->key_len ? hex(d->key, d->key_len) : NULL;
    if (!data || (d->key_len && !key)) {
        sf__free(data);
        sf__free(key);
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory putting a message aside");
    }
    int64_t now = d->time ? d->time : (int64_t)time(NULL);
    sf_val v[9] = {SV_S(d->source ? d->source : ""), SV_I(d->partition), SV_I(d->offset),
                   SV_S(d->reason ? d->reason : ""), SV_I(d->len), SV_I(d->data ? kept : 0),
                   key ? SV_S(key) : SV_NULL, SV_S(data), SV_I(now)};
    sf_status st = sf__db_exec(s, SQL_TABLE, 0, NULL, NULL, err);
    if (st == SF_OK) st = sf__db_exec(s, SQL_PUT, 9, v, NULL, err);
    sf__free(data);
    sf__free(key);
    return st;
}

sf_status sf_store_put_aside(sf_store *s, const sf_store_dead_letter *d, size_t n,
                             sf_error *err) {
    if (!s || (n && !d)) return sf__error_set(err, SF_ERR_ARG, "sf_store_put_aside: NULL argument");
    if (!n) return SF_OK;
    /* the writers' lock: two workers creating the table at once would
     * collide in PostgreSQL's catalog */
    SF_TRY(sf__db_begin(s, err));
    sf_status st = SF_OK;
    for (size_t i = 0; i < n && st == SF_OK; i++) st = put(s, &d[i], err);
    if (st != SF_OK) {
        sf__db_rollback(s);
        return st;
    }
    return sf__db_commit(s, err);
}

sf_status sf_store_count_dead_letters(sf_store *s, int64_t *out, sf_error *err) {
    if (!s || !out) return sf__error_set(err, SF_ERR_ARG, "sf_store_count_dead_letters: NULL argument");
    *out = 0;
    int64_t has = 0;
    SF_TRY(sf__db_int(s,
                      s->kind == SF_DB_PG
                          ? "SELECT count(*) FROM pg_tables WHERE tablename = 'dead_letters'"
                            " AND schemaname = current_schema()"
                          : "SELECT count(*) FROM sqlite_master WHERE name = 'dead_letters'",
                      0, NULL, 0, &has, err));
    if (!has) return SF_OK;
    return sf__db_int(s, "SELECT count(*) FROM dead_letters", 0, NULL, 0, out, err);
}

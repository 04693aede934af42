/* web.c - what the HTTP API reads from a store beyond the command line's
 * listings: a page of stories filtered by words, entity and time (with each
 * story's outlets), one article as stored, and the stories changed since a
 * moment (for live updates). JSON only: these serve programs and the page. */
#include "store.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_MAX 100
#define OUTLETS_MAX 8
#define CHANGES_MAX 200

static json_object *time_json(const char *v) {
    if (!v) return NULL;
    char buf[32];
    sf__format_iso8601(strtoll(v, NULL, 10), buf);
    return json_object_new_string(buf);
}

static json_object *opt_str(const char *v) { return v ? json_object_new_string(v) : NULL; }

/* Writes `o` compactly with "</" escaped as "<\/" (safe inside a page) and
 * releases it. */
static sf_status put_json(json_object *o, FILE *f, sf_error *err) {
    const char *t = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    sf_status st = SF_OK;
    if (!t) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory writing JSON");
    for (const char *p = t; st == SF_OK && *p; p++) {
        if (p[0] == '<' && p[1] == '/' && fputs("<\\", f) < 0) st = SF_ERR_IO;
        else if (!(p[0] == '<' && p[1] == '/') && fputc(*p, f) == EOF) st = SF_ERR_IO;
    }
    if (st == SF_OK && fputc('\n', f) == EOF) st = SF_ERR_IO;
    if (st == SF_ERR_IO) st = sf__error_set(err, SF_ERR_IO, "writing output: %s", strerror(errno));
    json_object_put(o);
    return st;
}

static const char SQL_OUTLETS[] =
    "SELECT source, COUNT(*) FROM articles WHERE story = ?1 AND source IS NOT NULL AND source <> ''"
    " GROUP BY source ORDER BY COUNT(*) DESC, source LIMIT ?2";

static sf_status outlets(sf_store *s, const char *story, json_object *o, sf_error *err) {
    sf_rows r = {0};
    SF_TRY(sf__db_exec(s, SQL_OUTLETS, 2, (sf_val[]){SV_I(strtoll(story, NULL, 10)), SV_I(OUTLETS_MAX)},
                       &r, err));
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < r.nrows; i++)
        json_object_array_add(a, json_object_new_string(sf__rows_get(&r, i, 0)));
    json_object_object_add(o, "outlets", a);
    sf__rows_release(&r);
    return SF_OK;
}

/* A page of stories. Every filter is a parameter that may be NULL (then it
 * lets every story through), so that each dialect has one statement (the
 * SQLite backend caches statements by their text's address; PostgreSQL wants
 * every parameter used, typed by its cast). */
#define PAGE_COLUMNS                                                                      \
    "SELECT s.id, s.headline, s.articles, s.version, s.created, s.updated,"               \
    " s.first_published, s.last_published FROM stories s WHERE s.version > 0 AND"
#define PAGE_ORDER " ORDER BY s.updated DESC, s.last_published DESC, s.id DESC" /* the index's order */
static const char SQL_PAGE[] =
    PAGE_COLUMNS " (?1 IS NULL OR COALESCE(s.last_published, s.updated) >= ?1)"
    " AND (?2 IS NULL OR s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?2))"
    " AND (?3 IS NULL OR s.id IN (SELECT e.story FROM entities e JOIN entity_names n"
    " ON n.entity = e.id WHERE n.folded = ?3))" PAGE_ORDER " LIMIT ?4 OFFSET ?5";
static const char SQL_PAGE_PG[] =
    PAGE_COLUMNS " (?1::bigint IS NULL OR COALESCE(s.last_published, s.updated) >= ?1::bigint)"
    " AND (?2::text IS NULL OR EXISTS (SELECT 1 FROM story_search x WHERE x.id = s.id"
    " AND x.tsv @@ plainto_tsquery('english', ?2::text)))"
    " AND (?3::text IS NULL OR s.id IN (SELECT e.story FROM entities e JOIN entity_names n"
    " ON n.entity = e.id WHERE n.folded = ?3::text))" PAGE_ORDER " LIMIT ?4 OFFSET ?5";

sf_status sf_store_write_story_list(sf_store *s, const sf_store_page *q, FILE *f, sf_error *err) {
    if (!s || !q || !f) return sf__error_set(err, SF_ERR_ARG, "sf_store_write_story_list: NULL argument");
    if (q->page > 1000000) return sf__error_set(err, SF_ERR_ARG, "page %zu is out of range", q->page);
    char *fts = NULL;
    if (q->words && q->words[0]) {
        fts = s->kind == SF_DB_PG ? sf__strndup(q->words, strlen(q->words)) : sf__store_fts5_query(q->words);
        if (!fts) {
            /* no words in the query (only punctuation): nothing matches */
            json_object *root = json_object_new_object();
            json_object_object_add(root, "stories", json_object_new_array());
            json_object_object_add(root, "page", json_object_new_int64((int64_t)q->page));
            json_object_object_add(root, "more", json_object_new_boolean(0));
            return put_json(root, f, err);
        }
    }
    char folded[512];
    if (q->entity && q->entity[0]) sf__store_fold(q->entity, folded, sizeof folded);
    size_t per = q->per_page ? (q->per_page > PAGE_MAX ? PAGE_MAX : q->per_page) : 20;
    sf_val p[5] = {q->since == SF_TIME_UNKNOWN ? SV_NULL : SV_I(q->since), fts ? SV_S(fts) : SV_NULL,
                   q->entity && q->entity[0] ? SV_S(folded) : SV_NULL,
                   SV_I(per + 1), /* one more than asked: is there a next page? */
                   SV_I(q->page * per)};
    sf_rows r = {0};
    sf_status st = sf__db_exec(s, s->kind == SF_DB_PG ? SQL_PAGE_PG : SQL_PAGE, 5, p, &r, err);
    sf__free(fts);
    if (st != SF_OK) return st;
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < r.nrows && i < per && st == SF_OK; i++) {
        json_object *o = json_object_new_object();
        char id[32];
        snprintf(id, sizeof id, "s%s", sf__rows_get(&r, i, 0));
        json_object_object_add(o, "id", json_object_new_string(id));
        json_object_object_add(o, "headline", json_object_new_string(sf__rows_get(&r, i, 1)));
        json_object_object_add(o, "articles", json_object_new_int64(sf__rows_int(&r, i, 2, 0)));
        json_object_object_add(o, "version", json_object_new_int64(sf__rows_int(&r, i, 3, 0)));
        json_object_object_add(o, "created", time_json(sf__rows_get(&r, i, 4)));
        json_object_object_add(o, "updated", time_json(sf__rows_get(&r, i, 5)));
        json_object_object_add(o, "first_published", time_json(sf__rows_get(&r, i, 6)));
        json_object_object_add(o, "last_published", time_json(sf__rows_get(&r, i, 7)));
        st = outlets(s, sf__rows_get(&r, i, 0), o, err);
        json_object_array_add(arr, o);
    }
    bool more = r.nrows > per;
    sf__rows_release(&r);
    if (st != SF_OK) {
        json_object_put(arr);
        return st;
    }
    json_object *root = json_object_new_object();
    json_object_object_add(root, "stories", arr);
    json_object_object_add(root, "page", json_object_new_int64((int64_t)q->page));
    json_object_object_add(root, "per_page", json_object_new_int64((int64_t)per));
    json_object_object_add(root, "more", json_object_new_boolean(more));
    return put_json(root, f, err);
}

static const char SQL_ARTICLE[] =
    "SELECT id, version, title, text, source, url, author, lang, published, modified, story,"
    " joined, duplicate_of, ingested FROM articles WHERE id = ?1";

sf_status sf_store_write_article(sf_store *s, const char *id, FILE *f, sf_error *err) {
    if (!s || !id || !f) return sf__error_set(err, SF_ERR_ARG, "sf_store_write_article: NULL argument");
    sf_rows r = {0};
    SF_TRY(sf__db_exec(s, SQL_ARTICLE, 1, (sf_val[]){SV_S(id)}, &r, err));
    if (!r.nrows) {
        sf__rows_release(&r);
        return sf__error_set(err, SF_ERR_ARG, "no article with id '%.200s'", id);
    }
    json_object *o = json_object_new_object();
    static const char *const TEXT[] = {"id", NULL, "title", "text", "source", "url", "author", "lang"};
    for (size_t c = 0; c < 8; c++)
        if (TEXT[c]) json_object_object_add(o, TEXT[c], opt_str(sf__rows_get(&r, 0, c)));
    json_object_object_add(o, "version", json_object_new_int64(sf__rows_int(&r, 0, 1, 1)));
    json_object_object_add(o, "published", time_json(sf__rows_get(&r, 0, 8)));
    json_object_object_add(o, "modified", time_json(sf__rows_get(&r, 0, 9)));
    const char *story = sf__rows_get(&r, 0, 10);
    char sid[32];
    if (story) snprintf(sid, sizeof sid, "s%s", story);
    json_object_object_add(o, "story", story ? json_object_new_string(sid) : NULL);
    json_object_object_add(o, "joined", time_json(sf__rows_get(&r, 0, 11)));
    json_object_object_add(o, "duplicate_of", opt_str(sf__rows_get(&r, 0, 12)));
    json_object_object_add(o, "ingested", time_json(sf__rows_get(&r, 0, 13)));
    sf__rows_release(&r);
    return put_json(o, f, err);
}

static const char SQL_CHANGES[] =
    "SELECT id, version, headline, articles, updated FROM stories WHERE updated >= ?1 AND version > 0"
    " ORDER BY updated, id LIMIT ?2";

sf_status sf_store_write_changes(sf_store *s, int64_t since, FILE *f, sf_error *err) {
    if (!s || !f) return sf__error_set(err, SF_ERR_ARG, "sf_store_write_changes: NULL argument");
    sf_rows r = {0};
    SF_TRY(sf__db_exec(s, SQL_CHANGES, 2, (sf_val[]){SV_I(since), SV_I(CHANGES_MAX)}, &r, err));
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < r.nrows; i++) {
        json_object *o = json_object_new_object();
        char id[32];
        snprintf(id, sizeof id, "s%s", sf__rows_get(&r, i, 0));
        json_object_object_add(o, "id", json_object_new_string(id));
        json_object_object_add(o, "version", json_object_new_int64(sf__rows_int(&r, i, 1, 0)));
        json_object_object_add(o, "headline", json_object_new_string(sf__rows_get(&r, i, 2)));
        json_object_object_add(o, "articles", json_object_new_int64(sf__rows_int(&r, i, 3, 0)));
        json_object_object_add(o, "updated", json_object_new_int64(sf__rows_int(&r, i, 4, 0)));
        json_object_array_add(arr, o);
    }
    sf__rows_release(&r);
    json_object *root = json_object_new_object();
    json_object_object_add(root, "changes", arr);
    return put_json(root, f, err);
}

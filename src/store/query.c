/* query.c - what the store shows: the list of stories by activity, one
 * story (with its history), and search over articles, stories and entity
 * names. Markdown or JSON; a stored story is the pipeline's JSON, so the
 * JSON listings are docs/json-output.md's objects. */
#include "store.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

static json_object *time_json(const char *v) {
    if (!v) return NULL;
    char buf[32];
    sf__format_iso8601(strtoll(v, NULL, 10), buf);
    return json_object_new_string(buf);
}

static const char *time_text(const char *v, char buf[32]) {
    if (!v) return "unknown";
    sf__format_iso8601(strtoll(v, NULL, 10), buf);
    return buf;
}

static sf_status put_json(json_object *o, FILE *f, sf_error *err) {
    const char *t = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
    sf_status st = SF_OK;
    if (!t) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory writing JSON");
    else if (fputs(t, f) < 0 || fputc('\n', f) == EOF)
        st = sf__error_set(err, SF_ERR_IO, "writing output: %s", strerror(errno));
    json_object_put(o);
    return st;
}

static const char *jstr(json_object *o, const char *key) {
    json_object *v;
    return o && json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

static const char *str_or(const char *v, const char *d) { return v ? v : d; }
/* A string member, or `d` when it is missing: a stored version written by
 * another release may lack a field, and printf must never get NULL. */
static const char *jstr_or(json_object *o, const char *key, const char *d) { return str_or(jstr(o, key), d); }

static json_object *jarr(json_object *o, const char *key) {
    json_object *v;
    return o && json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_array) ? v : NULL;
}

/* Markdown of a stored story: summary with sources, articles, the most
 * mentioned entities with their aliases, facts and quotes. */
static void story_md(json_object *js, FILE *f) {
    fprintf(f, "## %s: %s\n\n", jstr_or(js, "id", "?"),
            jstr_or(js, "headline", ""));
    json_object *a = jarr(js, "summary");
    for (size_t i = 0; a && i < json_object_array_length(a); i++) {
        json_object *s = json_object_array_get_idx(a, i), *src = jarr(s, "sources");
        fprintf(f, "- %s", jstr_or(s, "text", ""));
        for (size_t k = 0; src && k < json_object_array_length(src); k++)
            fprintf(f, "%s%s", k ? ", " : " [", str_or(json_object_get_string(json_object_array_get_idx(src, k)), "?"));
        fprintf(f, "%s\n", src && json_object_array_length(src) ? "]" : "");
    }
    a = jarr(js, "articles");
    fprintf(f, "\nArticles (%zu):\n", a ? json_object_array_length(a) : 0);
    for (size_t i = 0; a && i < json_object_array_length(a); i++) {
        json_object *x = json_object_array_get_idx(a, i);
        const char *pub = jstr(x, "published"), *src = jstr(x, "source"), *dup = jstr(x, "duplicate_of");
        fprintf(f, "- %s: %s (%s%s%s)%s%s\n", jstr_or(x, "id", "?"), jstr_or(x, "title", ""),
                src ? src : "", src ? ", " : "", pub ? pub : "date unknown", dup ? ", copy of " : "",
                dup ? dup : "");
    }
    a = jarr(js, "entities");
    if (a && json_object_array_length(a)) fprintf(f, "\nEntities:\n");
    for (size_t i = 0; a && i < json_object_array_length(a) && i < 10; i++) {
        json_object *e = json_object_array_get_idx(a, i), *al = jarr(e, "aliases");
        fprintf(f, "- %s (%s)", jstr_or(e, "name", "?"), jstr_or(e, "type", "unknown"));
        for (size_t k = 0; al && k < json_object_array_length(al); k++)
            fprintf(f, "%s%s", k ? ", " : "; also ", jstr_or(json_object_array_get_idx(al, k), "name", "?"));
        fputc('\n', f);
    }
    a = jarr(js, "facts");
    if (a && json_object_array_length(a)) fprintf(f, "\nFacts:\n");
    for (size_t i = 0; a && i < json_object_array_length(a) && i < 10; i++) {
        json_object *x = json_object_array_get_idx(a, i), *v;
        fprintf(f, "- %s: %s%s%s (%s)\n", jstr_or(x, "what", "?"),
                json_object_object_get_ex(x, "value", &v) ? str_or(json_object_get_string(v), "") : "",
                jstr(x, "unit") ? " " : "", jstr_or(x, "unit", ""),
                jstr_or(x, "status", ""));
    }
    a = jarr(js, "quotes");
    if (a && json_object_array_length(a)) fprintf(f, "\nQuotes:\n");
    for (size_t i = 0; a && i < json_object_array_length(a) && i < 5; i++) {
        json_object *q = json_object_array_get_idx(a, i);
        fprintf(f, "- %s: \"%s\" (%s)\n", jstr_or(q, "speaker", "?"),
                jstr_or(q, "text", ""), jstr_or(q, "article", ""));
    }
    fputc('\n', f);
}

static const char SQL_LATEST[] =
    "SELECT json FROM story_versions WHERE story = ?1 ORDER BY version DESC LIMIT 1";

static sf_status latest_json(sf_store *s, int64_t story, json_object **out, sf_error *err) {
    sf_rows r = {0};
    SF_TRY(sf__db_exec(s, SQL_LATEST, 1, (sf_val[]){SV_I(story)}, &r, err));
    *out = r.nrows ? json_tokener_parse(sf__rows_get(&r, 0, 0)) : NULL;
    sf__rows_release(&r);
    if (!*out) return sf__error_set(err, SF_ERR_PARSE, "store %s: story %lld has no readable version",
                                    s->where, (long long)story);
    return SF_OK;
}

static const char SQL_STORIES[] =
    "SELECT id, headline, articles, version, created, updated, first_published, last_published"
    " FROM stories WHERE updated >= ?1 AND version > 0" /* 0: summary not made yet */
    " ORDER BY updated DESC, last_published DESC, id DESC LIMIT ?2"; /* the index's order */

/* The summary line of a stories row (columns of SQL_STORIES). */
static json_object *story_row_json(const sf_rows *r, size_t i) {
    json_object *o = json_object_new_object();
    char id[32];
    snprintf(id, sizeof id, "s%s", sf__rows_get(r, i, 0));
    json_object_object_add(o, "id", json_object_new_string(id));
    json_object_object_add(o, "headline", json_object_new_string(sf__rows_get(r, i, 1)));
    json_object_object_add(o, "articles", json_object_new_int64(sf__rows_int(r, i, 2, 0)));
    json_object_object_add(o, "version", json_object_new_int64(sf__rows_int(r, i, 3, 0)));
    json_object_object_add(o, "created", time_json(sf__rows_get(r, i, 4)));
    json_object_object_add(o, "updated", time_json(sf__rows_get(r, i, 5)));
    json_object_object_add(o, "first_published", time_json(sf__rows_get(r, i, 6)));
    json_object_object_add(o, "last_published", time_json(sf__rows_get(r, i, 7)));
    return o;
}

sf_status sf_store_write_stories(sf_store *s, int64_t since, size_t limit, int full,
                                 sf_store_format fmt, FILE *f, sf_error *err) {
    if (!s || !f) return sf__error_set(err, SF_ERR_ARG, "sf_store_write_stories: NULL argument");
    sf_rows r = {0};
    int64_t lim = limit ? (int64_t)limit : INT64_MAX;
    SF_TRY(sf__db_exec(s, SQL_STORIES, 2,
                       (sf_val[]){SV_I(since == SF_TIME_UNKNOWN ? INT64_MIN : since), SV_I(lim)},
                       &r, err));
    sf_status st = SF_OK;
    json_object *arr = fmt == SF_STORE_JSON ? json_object_new_array() : NULL;
    for (size_t i = 0; i < r.nrows && st == SF_OK; i++) {
        json_object *js = NULL;
        if (full) st = latest_json(s, sf__rows_int(&r, i, 0, 0), &js, err);
        if (st != SF_OK) break;
        if (arr) {
            json_object_array_add(arr, full ? js : story_row_json(&r, i));
            continue;
        }
        if (full) {
            story_md(js, f);
            json_object_put(js);
            continue;
        }
        char t[32];
        fprintf(f, "- s%s  %s  %lld article%s  %s\n", sf__rows_get(&r, i, 0),
                time_text(sf__rows_get(&r, i, 7), t), (long long)sf__rows_int(&r, i, 2, 0),
                sf__rows_int(&r, i, 2, 0) == 1 ? "" : "s", sf__rows_get(&r, i, 1));
    }
    sf__rows_release(&r);
    if (arr && st != SF_OK) json_object_put(arr);
    if (!arr || st != SF_OK) return st;
    json_object *root = json_object_new_object();
    json_object_object_add(root, "stories", arr);
    return put_json(root, f, err);
}

static const char SQL_STORY_ROW[] =
    "SELECT id, headline, articles, version, created, updated, first_published, last_published"
    " FROM stories WHERE id = ?1 AND version > 0";
static const char SQL_EVENTS[] =
    "SELECT time, kind, article, version FROM story_events WHERE story = ?1 ORDER BY time, rowid";
static const char SQL_EVENTS_PG[] =
    "SELECT time, kind, article, version FROM story_events WHERE story = ?1 ORDER BY time, ctid";
static const char SQL_VERSIONS[] =
    "SELECT version, time, articles, json FROM story_versions WHERE story = ?1 ORDER BY version";
static const char SQL_VERSIONS_BRIEF[] =
    "SELECT version, time, articles FROM story_versions WHERE story = ?1 ORDER BY version";

/* How the story grew: joins and changes of articles, and every version. */
static sf_status history(sf_store *s, int64_t story, sf_store_format fmt, bool brief, json_object *out,
                         FILE *f, sf_error *err) {
    sf_rows r = {0};
    SF_TRY(sf__db_exec(s, s->kind == SF_DB_PG ? SQL_EVENTS_PG : SQL_EVENTS, 1,
                       (sf_val[]){SV_I(story)}, &r, err));
    json_object *ev = json_object_new_array();
    if (fmt == SF_STORE_MARKDOWN) fprintf(f, "History:\n");
    for (size_t i = 0; i < r.nrows; i++) {
        char t[32];
        if (fmt == SF_STORE_MARKDOWN)
            fprintf(f, "- %s  %s %s (version %s)\n", time_text(sf__rows_get(&r, i, 0), t),
                    sf__rows_get(&r, i, 2), sf__rows_get(&r, i, 1), sf__rows_get(&r, i, 3));
        json_object *o = json_object_new_object();
        json_object_object_add(o, "time", time_json(sf__rows_get(&r, i, 0)));
        json_object_object_add(o, "event", json_object_new_string(sf__rows_get(&r, i, 1)));
        json_object_object_add(o, "article", json_object_new_string(sf__rows_get(&r, i, 2)));
        json_object_object_add(o, "version", json_object_new_int64(sf__rows_int(&r, i, 3, 1)));
        json_object_array_add(ev, o);
    }
    json_object_object_add(out, "events", ev);
    sf_status st = sf__db_exec(s, brief ? SQL_VERSIONS_BRIEF : SQL_VERSIONS, 1, (sf_val[]){SV_I(story)}, &r, err);
    json_object *vs = json_object_new_array();
    for (size_t i = 0; brief && st == SF_OK && i < r.nrows; i++) {
        /* brief: when each version was made and its size, not the story */
        json_object *o = json_object_new_object();
        json_object_object_add(o, "version", json_object_new_int64(sf__rows_int(&r, i, 0, 0)));
        json_object_object_add(o, "time", time_json(sf__rows_get(&r, i, 1)));
        json_object_object_add(o, "articles", json_object_new_int64(sf__rows_int(&r, i, 2, 0)));
        json_object_array_add(vs, o);
    }
    for (size_t i = 0; !brief && st == SF_OK && i < r.nrows; i++) {
        char t[32];
        json_object *js = json_tokener_parse(sf__rows_get(&r, i, 3));
        json_object *o = json_object_new_object();
        json_object_object_add(o, "version", json_object_new_int64(sf__rows_int(&r, i, 0, 0)));
        json_object_object_add(o, "time", time_json(sf__rows_get(&r, i, 1)));
        json_object_object_add(o, "articles", json_object_new_int64(sf__rows_int(&r, i, 2, 0)));
        json_object_object_add(o, "story", js);
        json_object_array_add(vs, o);
        if (fmt != SF_STORE_MARKDOWN) continue;
        json_object *sum = jarr(js, "summary"), *facts = jarr(js, "facts");
        fprintf(f, "\nVersion %s (%s, %s articles, %zu facts): %s\n", sf__rows_get(&r, i, 0),
                time_text(sf__rows_get(&r, i, 1), t), sf__rows_get(&r, i, 2),
                facts ? json_object_array_length(facts) : 0, jstr(js, "headline") ? jstr(js, "headline") : "");
        for (size_t k = 0; sum && k < json_object_array_length(sum); k++)
            fprintf(f, "  - %s\n", jstr(json_object_array_get_idx(sum, k), "text"));
    }
    json_object_object_add(out, "versions", vs);
    sf__rows_release(&r);
    return st;
}

static bool parse_story(const char *t, int64_t *out) {
    if (t[0] == 's' || t[0] == 'S') t++;
    char *end;
    long long v = strtoll(t, &end, 10);
    *out = v;
    return end != t && *end == '\0' && v > 0;
}

sf_status sf_store_write_story(sf_store *s, const char *story, int hist, sf_store_format fmt,
                               FILE *f, sf_error *err) {
    if (!s || !story || !f) return sf__error_set(err, SF_ERR_ARG, "sf_store_write_story: NULL argument");
    int64_t id;
    if (!parse_story(story, &id))
        return sf__error_set(err, SF_ERR_ARG, "'%s' is not a story number (s12 or 12)", story);
    sf_rows r = {0};
    SF_TRY(sf__db_exec(s, SQL_STORY_ROW, 1, (sf_val[]){SV_I(id)}, &r, err));
    size_t found = r.nrows;
    sf__rows_release(&r);
    if (!found) return sf__error_set(err, SF_ERR_ARG, "store %s has no story s%lld", s->where, (long long)id);
    json_object *js;
    SF_TRY(latest_json(s, id, &js, err));
    if (fmt == SF_STORE_MARKDOWN) story_md(js, f);
    json_object *root = json_object_new_object();
    json_object_object_add(root, "story", js);
    sf_status st = SF_OK;
    if (hist) {
        json_object *h = json_object_new_object();
        json_object_object_add(root, "history", h);
        st = history(s, id, fmt, hist == 2, h, f, err);
    }
    if (fmt == SF_STORE_MARKDOWN || st != SF_OK) {
        json_object_put(root);
        return st;
    }
    return put_json(root, f, err);
}

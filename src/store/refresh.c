/* refresh.c - computing a story's summary, entities, facts and quotes again
 * after it changed, and keeping the result as the story's next version. The
 * pipeline's own JSON (docs/json-output.md) is what is kept, so the store
 * follows new fields of the pipeline without a schema change; only the
 * headline, the summary text (for search), the entities and their names
 * (for search by alias) and each article's copy-of are read out of it. */
#include "store.h"

#include <ctype.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_MEMBERS[] =
    "SELECT a.id, a.title, a.text, a.source, a.url, a.origin, a.author, a.lang, a.published,"
    " a.modified FROM articles a WHERE a.story = ?1"
    " ORDER BY COALESCE(a.published, 9223372036854775807), a.id";
/* -1: no row; 0: a row the locked step wrote, no summary yet (summarize.c) */
static const char SQL_STORY_VERSION[] = "SELECT version FROM stories WHERE id = ?1";
static const char SQL_STORY_INSERT[] =
    "INSERT INTO stories(id, headline, summary, articles, version, created, updated,"
    " first_published, last_published) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, ?6, ?7)";
static const char SQL_STORY_UPDATE[] =
    "UPDATE stories SET headline = ?2, summary = ?3, articles = ?4, version = version + 1,"
    " updated = ?5, first_published = ?6, last_published = ?7 WHERE id = ?1";
static const char SQL_VERSION_INSERT[] =
    "INSERT INTO story_versions(story, version, time, articles, json) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_FTS_DELETE[] = "DELETE FROM stories_fts WHERE rowid = ?1";
static const char SQL_FTS_INSERT[] =
    "INSERT INTO stories_fts(rowid, headline, summary) VALUES (?1, ?2, ?3)";
static const char SQL_NAMES_DELETE[] =
    "DELETE FROM entity_names WHERE entity IN (SELECT id FROM entities WHERE story = ?1)";
/* PostgreSQL: the entities' ids as an array, so that the names are found
 * by the index on entity whatever the tables' statistics say (with none
 * yet, as in a new store's first minutes, the IN form scans the table) */
static const char SQL_NAMES_DELETE_PG[] =
    "DELETE FROM entity_names WHERE entity = ANY(ARRAY(SELECT id FROM entities WHERE story = ?1))";
static const char SQL_ENTITIES_DELETE[] = "DELETE FROM entities WHERE story = ?1";
static const char SQL_ENTITY_INSERT[] =
    "INSERT INTO entities(story, name, type, mentions) VALUES (?1, ?2, ?3, ?4) RETURNING id";
/* PostgreSQL: the entity is the one this session inserted last (the value
 * its identity column's sequence, entities_id_seq, gave this session), so
 * that neither insert waits for a result (pg.c queues them). */
static const char SQL_ENTITY_INSERT_PG[] =
    "INSERT INTO entities(story, name, type, mentions) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_NAME_INSERT_PG[] =
    "INSERT INTO entity_names(entity, folded, name, story, updated, mentions)"
    " VALUES (currval('entities_id_seq'), ?1, ?2, ?3, ?4, ?5)";
static const char SQL_NAME_INSERT[] =
    "INSERT INTO entity_names(entity, folded, name, story, updated, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_DUP[] =
    "UPDATE articles SET duplicate_of = ?2, duplicate_similarity = ?3 WHERE id = ?1";
static const char SQL_DUPS[] =
    "SELECT id, duplicate_of, duplicate_similarity FROM articles WHERE story = ?1"
    " AND duplicate_of IS NOT NULL";

/* Names are matched case-insensitively: ASCII letters folded (SQL's lower()
 * differs between the backends, so the folding is done here, once). */
void sf__store_fold(const char *in, char *out, size_t cap) {
    size_t i = 0;
    for (; in[i] && i + 1 < cap; i++) out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

static const char *jstr(json_object *o, const char *key) {
    json_object *v;
    return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

/* A name's row: what search orders by is written beside it (schema 7):
 * the entity's story, the story's update time, the entity's mentions. */
typedef struct name_row {
    int64_t entity, story, updated, mentions;
} name_row;

/* r->entity: its id (SQLite; PostgreSQL names the last inserted one). */
static sf_status put_name(sf_store *s, const name_row *r, const char *name, sf_error *err) {
    char folded[512];
    sf__store_fold(name, folded, sizeof folded);
    if (s->kind == SF_DB_PG)
        return sf__db_exec(s, SQL_NAME_INSERT_PG, 5,
                           (sf_val[]){SV_S(folded), SV_S(name), SV_I(r->story), SV_I(r->updated),
                                      SV_I(r->mentions)},
                           NULL, err);
    return sf__db_exec(s, SQL_NAME_INSERT, 6,
                       (sf_val[]){SV_I(r->entity), SV_S(folded), SV_S(name), SV_I(r->story),
                                  SV_I(r->updated), SV_I(r->mentions)},
                       NULL, err);
}

/* Entities and their names as rows; each article's copy-of. */
static sf_status put_entities(sf_store *s, int64_t story, json_object *js, int64_t now, sf_error *err) {
    SF_TRY(sf__db_exec(s, s->kind == SF_DB_PG ? SQL_NAMES_DELETE_PG : SQL_NAMES_DELETE, 1,
                       (sf_val[]){SV_I(story)}, NULL, err));
    SF_TRY(sf__db_exec(s, SQL_ENTITIES_DELETE, 1, (sf_val[]){SV_I(story)}, NULL, err));
    json_object *ents, *arts;
    sf_rows r = {0};
    sf_status st = SF_OK;
    if (json_object_object_get_ex(js, "entities", &ents) && json_object_is_type(ents, json_type_array))
        for (size_t i = 0; st == SF_OK && i < json_object_array_length(ents); i++) {
            json_object *e = json_object_array_get_idx(ents, i), *m, *al;
            const char *name = jstr(e, "name");
            if (!name) continue;
            int64_t mentions = json_object_object_get_ex(e, "mentions", &m) ? json_object_get_int64(m) : 0;
            bool pg = s->kind == SF_DB_PG;
            st = sf__db_exec(s, pg ? SQL_ENTITY_INSERT_PG : SQL_ENTITY_INSERT, 4,
                             (sf_val[]){SV_I(story), SV_S(name), sf__sv_opt(jstr(e, "type")),
                                        SV_I(mentions)},
                             pg ? NULL : &r, err);
            name_row nr = {sf__rows_int(&r, 0, 0, 0), story, now, mentions};
            if (st == SF_OK) st = put_name(s, &nr, name, err);
            if (json_object_object_get_ex(e, "aliases", &al) && json_object_is_type(al, json_type_array))
                for (size_t k = 0; st == SF_OK && k < json_object_array_length(al); k++) {
                    const char *an = jstr(json_object_array_get_idx(al, k), "name");
                    if (an) st = put_name(s, &nr, an, err);
                }
        }
    /* each article's copy-of, written where it differs from the stored one
     * (most articles are no copy: one read instead of a write each) */
    if (st == SF_OK) st = sf__db_exec(s, SQL_DUPS, 1, (sf_val[]){SV_I(story)}, &r, err);
    if (st == SF_OK && json_object_object_get_ex(js, "articles", &arts) && json_object_is_type(arts, json_type_array))
        for (size_t i = 0; st == SF_OK && i < json_object_array_length(arts); i++) {
            json_object *a = json_object_array_get_idx(arts, i);
            const char *id = jstr(a, "id"), *dup = jstr(a, "duplicate_of"), *was = NULL;
            if (!id) continue;
            for (size_t k = 0; k < r.nrows && !was; k++)
                if (strcmp(sf__rows_get(&r, k, 0), id) == 0) was = sf__rows_get(&r, k, 1);
            if (dup && !dup[0]) dup = NULL;
            if ((!dup && !was) || (dup && was && strcmp(dup, was) == 0)) continue;
            json_object *v;
            char sim[32] = "";
            if (dup && json_object_object_get_ex(a, "duplicate_similarity", &v))
                snprintf(sim, sizeof sim, "%.17g", json_object_get_double(v));
            st = sf__db_exec(s, SQL_DUP, 3, (sf_val[]){SV_S(id), sf__sv_opt(dup), sf__sv_opt(sim)},
                             NULL, err);
        }
    sf__rows_release(&r);
    return st;
}

/* The pipeline's JSON of one story, its id set to the store's number. */
static sf_status story_json(const sf_corpus *c, const sf_run_options *run, int64_t story,
                            json_object **out, sf_error *err) {
    sf_result *res = NULL;
    SF_TRY(sf_summarize_all(c, run, &res, err));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sf_status st = f ? sf_write_json(res, c, f, err) : sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    if (f) fclose(f);
    sf_result_destroy(res);
    json_object *root = st == SF_OK ? json_tokener_parse(buf) : NULL, *stories;
    free(buf); /* open_memstream's buffer comes from the C library */
    if (st != SF_OK) return st;
    if (!root || !json_object_object_get_ex(root, "stories", &stories) ||
        json_object_array_length(stories) != 1) {
        json_object_put(root);
        return sf__error_set(err, SF_ERR_INTERNAL, "story %lld: the pipeline gave no story",
                             (long long)story);
    }
    *out = json_object_get(json_object_array_get_idx(stories, 0));
    json_object_put(root);
    char id[32];
    snprintf(id, sizeof id, "s%lld", (long long)story);
    json_object_object_add(*out, "id", json_object_new_string(id));
    return SF_OK;
}

/* The summary's sentences, one line each, for full-text search. */
static char *summary_text(json_object *js) {
    sf_buf b;
    sf__buf_init(&b, 0);
    json_object *sum;
    if (json_object_object_get_ex(js, "summary", &sum) && json_object_is_type(sum, json_type_array))
        for (size_t i = 0; i < json_object_array_length(sum); i++) {
            const char *t = jstr(json_object_array_get_idx(sum, i), "text");
            if (t) sf__buf_addf(&b, "%s\n", t);
        }
    sf__buf_addc(&b, '\0');
    return sf__buf_detach(&b, NULL);
}

static sf_status put_story(sf_store *s, int64_t story, const sf_corpus *c, json_object *js,
                           int64_t now, bool *created, sf_error *err) {
    int64_t first = INT64_MAX, last = INT64_MIN, version = 0;
    for (size_t i = 0; i < sf_corpus_count(c); i++) {
        int64_t t = sf_corpus_get(c, i)->published;
        if (t == SF_TIME_UNKNOWN) continue;
        if (t < first) first = t;
        if (t > last) last = t;
    }
    sf_val tf = first == INT64_MAX ? SV_NULL : SV_I(first), tl = last == INT64_MIN ? SV_NULL : SV_I(last);
    const char *headline = jstr(js, "headline");
    char *sum = summary_text(js);
    const char *text = json_object_to_json_string_ext(js, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    if (!sum || !text) {
        sf__free(sum);
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    }
    sf_val v[7] = {SV_I(story), SV_S(headline ? headline : ""), SV_S(sum),
                   SV_I(sf_corpus_count(c)), SV_I(now), tf, tl};
    sf_status st = sf__db_int(s, SQL_STORY_VERSION, 1, v, -1, &version, err);
    *created = version <= 0;
    if (st == SF_OK) st = sf__db_exec(s, version < 0 ? SQL_STORY_INSERT : SQL_STORY_UPDATE, 7, v, NULL, err);
    if (version < 0) version = 0;
    if (st == SF_OK)
        st = sf__db_exec(s, SQL_VERSION_INSERT, 5,
                         (sf_val[]){SV_I(story), SV_I(version + 1), SV_I(now),
                                    SV_I(sf_corpus_count(c)), SV_S(text)},
                         NULL, err);
    if (st == SF_OK && s->kind == SF_DB_SQLITE) {
        st = sf__db_exec(s, SQL_FTS_DELETE, 1, v, NULL, err);
        if (st == SF_OK) st = sf__db_exec(s, SQL_FTS_INSERT, 3, v, NULL, err);
    }
    sf__free(sum);
    return st;
}

static const char SQL_STORY_DELETE[] = "DELETE FROM stories WHERE id = ?1";

/* A story left without articles goes; its versions and events stay. */
sf_status sf__store_drop_story(sf_store *s, int64_t story, sf_error *err) {
    sf_val v[1] = {SV_I(story)};
    SF_TRY(sf__db_exec(s, s->kind == SF_DB_PG ? SQL_NAMES_DELETE_PG : SQL_NAMES_DELETE, 1, v,
                       NULL, err));
    SF_TRY(sf__db_exec(s, SQL_ENTITIES_DELETE, 1, v, NULL, err));
    if (s->kind == SF_DB_SQLITE) SF_TRY(sf__db_exec(s, SQL_FTS_DELETE, 1, v, NULL, err));
    return sf__db_exec(s, SQL_STORY_DELETE, 1, v, NULL, err);
}

sf_status sf__store_story_make(sf_store *s, int64_t story, const sf_run_options *run,
                               sf_corpus **out, struct json_object **js, sf_error *err) {
    *out = NULL;
    *js = NULL;
    sf_rows r = {0};
    sf_corpus *c = sf_corpus_create();
    if (!c) return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    sf_status st = sf__db_exec(s, SQL_MEMBERS, 1, (sf_val[]){SV_I(story)}, &r, err);
    for (size_t i = 0; st == SF_OK && i < r.nrows; i++) {
        const char *t = sf__rows_get(&r, i, 2);
        sf_article a = {.id = sf__rows_get(&r, i, 0), .title = sf__rows_get(&r, i, 1), .text = t,
                        .text_len = t ? strlen(t) : 0, .source = sf__rows_get(&r, i, 3),
                        .url = sf__rows_get(&r, i, 4), .origin = sf__rows_get(&r, i, 5),
                        .author = sf__rows_get(&r, i, 6), .lang = sf__rows_get(&r, i, 7),
                        .published = sf__rows_int(&r, i, 8, SF_TIME_UNKNOWN),
                        .modified = sf__rows_int(&r, i, 9, 0)};
        st = sf_corpus_add(c, &a, err);
    }
    sf__rows_release(&r);
    /* all its articles moved away: nothing to make, the put drops it */
    if (st == SF_OK && sf_corpus_count(c)) st = story_json(c, run, story, js, err);
    if (st != SF_OK) {
        sf_corpus_destroy(c);
        return st;
    }
    *out = c;
    return SF_OK;
}

static bool in_story(json_object *arts, const char *id) {
    for (size_t i = 0; i < json_object_array_length(arts); i++) {
        const char *x = jstr(json_object_array_get_idx(arts, i), "id");
        if (x && strcmp(x, id) == 0) return true;
    }
    return false;
}

/* The pipeline sees one story's articles: a copy of an article of another
 * story (found by the store's near-duplicate index, copies.c, or by an
 * earlier summary before its original moved away) is no copy to it. Such a
 * stored copy-of is written into the story's JSON, so listings show it; a
 * copy-of that the pipeline gives, or one naming an article of this story
 * that the pipeline does not call a copy, is the pipeline's to decide. */
static sf_status keep_other_copies(sf_store *s, int64_t story, json_object *js, sf_error *err) {
    json_object *arts;
    if (!json_object_object_get_ex(js, "articles", &arts) || !json_object_is_type(arts, json_type_array))
        return SF_OK;
    sf_rows r = {0};
    SF_TRY(sf__db_exec(s, SQL_DUPS, 1, (sf_val[]){SV_I(story)}, &r, err));
    for (size_t k = 0; k < r.nrows; k++) {
        const char *id = sf__rows_get(&r, k, 0), *was = sf__rows_get(&r, k, 1), *sim = sf__rows_get(&r, k, 2);
        if (!id || !was || in_story(arts, was)) continue;
        for (size_t i = 0; i < json_object_array_length(arts); i++) {
            json_object *a = json_object_array_get_idx(arts, i);
            const char *aid = jstr(a, "id"), *dup = jstr(a, "duplicate_of");
            if (!aid || strcmp(aid, id) != 0 || (dup && dup[0])) continue;
            json_object_object_add(a, "duplicate_of", json_object_new_string(was));
            if (sim) json_object_object_add(a, "duplicate_similarity", json_object_new_double(strtod(sim, NULL)));
            break;
        }
    }
    sf__rows_release(&r);
    return SF_OK;
}

sf_status sf__store_story_put(sf_store *s, int64_t story, const sf_corpus *c, struct json_object *js,
                              int64_t now, bool *created, sf_error *err) {
    *created = false;
    if (!c || !sf_corpus_count(c) || !js) return sf__store_drop_story(s, story, err);
    SF_TRY(keep_other_copies(s, story, js, err));
    SF_TRY(put_story(s, story, c, js, now, created, err));
    return put_entities(s, story, js, now, err);
}

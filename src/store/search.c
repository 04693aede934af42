/* search.c - full-text search over a store: SQLite FTS5 (Porter-stemmed,
 * ranked by BM25) or PostgreSQL's tsvector ('english', ranked by ts_rank),
 * over articles (title and text) and stories (headline and summary); a
 * query that is an entity's name or any of its aliases also finds the
 * stories of that entity. */
#include "store.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

/* The query's words as an FTS5 query of quoted terms (all must occur), so
 * that FTS5's operators in user text are read as words. NULL: no words. */
char *sf__store_fts5_query(const char *q) {
    sf_buf b;
    sf__buf_init(&b, 0);
    const unsigned char *p = (const unsigned char *)q;
    while (*p) {
        while (*p && *p < 0x80 && !((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))) p++;
        if (!*p) break;
        if (b.n) sf__buf_addc(&b, ' ');
        sf__buf_addc(&b, '"');
        while (*p && (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
            sf__buf_addc(&b, (char)*p++);
        sf__buf_addc(&b, '"');
    }
    if (!b.n) {
        sf__buf_release(&b);
        return NULL;
    }
    sf__buf_addc(&b, '\0');
    return sf__buf_detach(&b, NULL);
}

/* Ranking is bounded: the newest SEARCH_RECENT matches (by row number,
 * i.e. the order they were stored) within the time range are ranked and
 * the best `limit` of them shown (a name's entities are read in the order
 * shown from an index, SQL_ENTITY, and need no bound). Ranking every match costs one BM25 score
 * per match (a common word matches every article: 1.5 s on 100,000
 * articles); the newest matches are the ones a news reader looks for, and
 * the cost is then bounded whatever the store's size (docs/store.md). The
 * articles' rows are read only under a time range: their columns after the
 * text sit in overflow pages. In PostgreSQL the newest matches are read
 * part by part, the newest part first (storyfold_search_newest, schema 8 in
 * store.h), and their tsvectors read for ranking after the cut: a tsvector
 * carried through the sort of every match of a name (26,000 of a million
 * articles) spilled it to disk. Stories are read so too, from story_search
 * (storyfold_story_newest, schema 9). */
#define SEARCH_RECENT "1000"
/* A name's entities as search shows them, the most recently updated
 * stories first: the first rows of the index on (folded, updated,
 * mentions, story, entity) (schema 7), each name of an entity once. */
static const char SQL_ENTITY[] =
    "SELECT n.story, e.name, e.type, e.mentions, s.headline, n.name FROM"
    " (SELECT n.entity, n.story, MIN(n.name) AS name, n.updated, n.mentions FROM entity_names n"
    " JOIN stories s ON s.id = n.story WHERE n.folded = ?1"
    " AND (?3 = 0 OR s.last_published >= ?4) AND (?5 = 0 OR s.first_published <= ?6)"
    " GROUP BY n.updated, n.mentions, n.story, n.entity"
    " ORDER BY n.updated DESC, n.mentions DESC, n.story DESC, n.entity DESC LIMIT ?2) n"
    " JOIN entities e ON e.id = n.entity JOIN stories s ON s.id = n.story"
    " ORDER BY n.updated DESC, n.mentions DESC, n.story DESC, n.entity DESC";
static const char SQL_STORIES_FTS[] =
    "SELECT s.id, s.headline, s.articles, s.last_published FROM"
    " (SELECT f.rowid AS r, bm25(stories_fts) AS score FROM stories_fts f JOIN stories s"
    " ON s.id = f.rowid WHERE stories_fts MATCH ?1"
    " AND (?3 = 0 OR s.last_published >= ?4) AND (?5 = 0 OR s.first_published <= ?6)"
    " ORDER BY f.rowid DESC LIMIT " SEARCH_RECENT ") x JOIN stories s ON s.id = x.r"
    " ORDER BY x.score, s.id DESC LIMIT ?2";
static const char SQL_STORIES_PG[] =
    SF_SQL_PLAN_EACH_CALL "SELECT s.id, s.headline, s.articles, s.last_published FROM"
    " (SELECT id, rank FROM storyfold_story_newest(plainto_tsquery('english', ?1),"
    " CASE WHEN ?3 = 0 THEN NULL ELSE ?4::bigint END, CASE WHEN ?5 = 0 THEN NULL ELSE ?6::bigint END,"
    " " SEARCH_RECENT ") ORDER BY rank DESC, id DESC LIMIT ?2) x JOIN stories s ON s.id = x.id"
    " ORDER BY x.rank DESC, s.id DESC";
static const char SQL_ARTICLES_FTS[] =
    "SELECT a.id, a.title, a.story, a.published, a.source FROM"
    " (SELECT f.rowid AS r, bm25(articles_fts) AS score FROM articles_fts f"
    " WHERE articles_fts MATCH ?1 AND (?3 = 0 AND ?5 = 0 OR EXISTS (SELECT 1 FROM articles a"
    " WHERE a.n = f.rowid AND (?3 = 0 OR a.published >= ?4) AND (?5 = 0 OR a.published <= ?6)))"
    " ORDER BY f.rowid DESC LIMIT " SEARCH_RECENT ") x JOIN articles a ON a.n = x.r"
    " ORDER BY x.score, a.n DESC LIMIT ?2";
static const char SQL_ARTICLES_PG[] =
    SF_SQL_PLAN_EACH_CALL "SELECT a.id, a.title, a.story, a.published, a.source FROM"
    " (SELECT n, rank FROM storyfold_search_newest(plainto_tsquery('english', ?1),"
    " CASE WHEN ?3 = 0 THEN NULL ELSE ?4::bigint END, CASE WHEN ?5 = 0 THEN NULL ELSE ?6::bigint END,"
    " " SEARCH_RECENT ") ORDER BY rank DESC, n DESC LIMIT ?2) x JOIN articles a ON a.n = x.n"
    " ORDER BY x.rank DESC, a.n DESC";

static json_object *opt_str(const char *v) { return v ? json_object_new_string(v) : NULL; }

static json_object *time_json(const char *v) {
    if (!v) return NULL;
    char buf[32];
    sf__format_iso8601(strtoll(v, NULL, 10), buf);
    return json_object_new_string(buf);
}

static json_object *story_ref(const char *id) {
    if (!id) return NULL;
    char b[32];
    snprintf(b, sizeof b, "s%s", id);
    return json_object_new_string(b);
}

/* The three result lists, as JSON; Markdown is written from it. */
static sf_status gather(sf_store *s, const char *query, sf_val *p, json_object *root, sf_error *err) {
    sf_rows r = {0};
    char folded[512];
    sf__store_fold(query, folded, sizeof folded);
    p[0] = SV_S(folded);
    SF_TRY(sf__db_exec(s, SQL_ENTITY, 6, p, &r, err));
    json_object *ents = json_object_new_array(), *stories = json_object_new_array(),
                *arts = json_object_new_array();
    json_object_object_add(root, "entities", ents);
    json_object_object_add(root, "stories", stories);
    json_object_object_add(root, "articles", arts);
    for (size_t i = 0; i < r.nrows; i++) {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(sf__rows_get(&r, i, 1)));
        json_object_object_add(o, "type", opt_str(sf__rows_get(&r, i, 2)));
        json_object_object_add(o, "matched", json_object_new_string(sf__rows_get(&r, i, 5)));
        json_object_object_add(o, "mentions", json_object_new_int64(sf__rows_int(&r, i, 3, 0)));
        json_object_object_add(o, "story", story_ref(sf__rows_get(&r, i, 0)));
        json_object_object_add(o, "headline", json_object_new_string(sf__rows_get(&r, i, 4)));
        json_object_array_add(ents, o);
    }
    char *fq = s->kind == SF_DB_SQLITE ? sf__store_fts5_query(query) : NULL;
    sf_status st = SF_OK;
    if (s->kind == SF_DB_PG || fq) {
        p[0] = SV_S(fq ? fq : query);
        st = sf__db_exec(s, s->kind == SF_DB_PG ? SQL_STORIES_PG : SQL_STORIES_FTS, 6, p, &r, err);
        for (size_t i = 0; st == SF_OK && i < r.nrows; i++) {
            json_object *o = json_object_new_object();
            json_object_object_add(o, "id", story_ref(sf__rows_get(&r, i, 0)));
            json_object_object_add(o, "headline", json_object_new_string(sf__rows_get(&r, i, 1)));
            json_object_object_add(o, "articles", json_object_new_int64(sf__rows_int(&r, i, 2, 0)));
            json_object_object_add(o, "last_published", time_json(sf__rows_get(&r, i, 3)));
            json_object_array_add(stories, o);
        }
        if (st == SF_OK)
            st = sf__db_exec(s, s->kind == SF_DB_PG ? SQL_ARTICLES_PG : SQL_ARTICLES_FTS, 6, p, &r, err);
        for (size_t i = 0; st == SF_OK && i < r.nrows; i++) {
            json_object *o = json_object_new_object();
            json_object_object_add(o, "id", json_object_new_string(sf__rows_get(&r, i, 0)));
            json_object_object_add(o, "title", json_object_new_string(sf__rows_get(&r, i, 1)));
            json_object_object_add(o, "story", story_ref(sf__rows_get(&r, i, 2)));
            json_object_object_add(o, "published", time_json(sf__rows_get(&r, i, 3)));
            json_object_object_add(o, "source", opt_str(sf__rows_get(&r, i, 4)));
            json_object_array_add(arts, o);
        }
    }
    sf__free(fq);
    sf__rows_release(&r);
    return st;
}

static const char *js(json_object *o, const char *k) {
    json_object *v;
    return json_object_object_get_ex(o, k, &v) && v ? json_object_get_string(v) : "";
}

static void write_md(json_object *root, FILE *f) {
    json_object *a;
    json_object_object_get_ex(root, "entities", &a);
    if (json_object_array_length(a)) fprintf(f, "Entities:\n");
    for (size_t i = 0; i < json_object_array_length(a); i++) {
        json_object *o = json_object_array_get_idx(a, i);
        fprintf(f, "- %s (%s, as \"%s\"): %s %s\n", js(o, "name"), js(o, "type"), js(o, "matched"),
                js(o, "story"), js(o, "headline"));
    }
    json_object_object_get_ex(root, "stories", &a);
    fprintf(f, "Stories (%zu):\n", json_object_array_length(a));
    for (size_t i = 0; i < json_object_array_length(a); i++) {
        json_object *o = json_object_array_get_idx(a, i);
        fprintf(f, "- %s  %s  %s\n", js(o, "id"), js(o, "last_published"), js(o, "headline"));
    }
    json_object_object_get_ex(root, "articles", &a);
    fprintf(f, "Articles (%zu):\n", json_object_array_length(a));
    for (size_t i = 0; i < json_object_array_length(a); i++) {
        json_object *o = json_object_array_get_idx(a, i);
        fprintf(f, "- %s  %s  %s (story %s)\n", js(o, "id"), js(o, "published"), js(o, "title"),
                js(o, "story"));
    }
}

sf_status sf_store_search(sf_store *s, const char *query, int64_t since, int64_t until,
                          size_t limit, sf_store_format fmt, FILE *f, sf_error *err) {
    if (!s || !query || !f) return sf__error_set(err, SF_ERR_ARG, "sf_store_search: NULL argument");
    sf_val p[6] = {SV_NULL, SV_I(limit ? limit : 20), SV_I(since != SF_TIME_UNKNOWN),
                   SV_I(since == SF_TIME_UNKNOWN ? 0 : since), SV_I(until != SF_TIME_UNKNOWN),
                   SV_I(until == SF_TIME_UNKNOWN ? 0 : until)};
    json_object *root = json_object_new_object();
    json_object_object_add(root, "query", json_object_new_string(query));
    /* PostgreSQL plans search as for a store whose pages are in memory:
     * with the default random_page_cost (4) the planner walks a table's
     * numbers down through 38,000 stories to find 1,000 that hold "minister
     * said" rather than visit the 4,600 that hold it through the GIN index
     * (92 ms against 23 ms on the million-article store, docs/store.md).
     * Set for these statements only and reset after: the server's settings
     * and this connection's other statements are left as they are. */
    sf_status st = s->kind == SF_DB_PG ? sf__db_exec(s, "SET random_page_cost = 1.1", 0, NULL, NULL, err) : SF_OK;
    if (st == SF_OK) st = gather(s, query, p, root, err);
    if (s->kind == SF_DB_PG && !s->in_tx) {
        sf_error ignored = {0};
        (void)sf__db_exec(s, "RESET random_page_cost", 0, NULL, NULL, &ignored);
    }
    if (st == SF_OK && fmt == SF_STORE_MARKDOWN) write_md(root, f);
    if (st == SF_OK && fmt == SF_STORE_JSON) {
        const char *t = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
        if (!t) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory writing JSON");
        else if (fputs(t, f) < 0 || fputc('\n', f) == EOF)
            st = sf__error_set(err, SF_ERR_IO, "writing output: %s", strerror(errno));
    }
    json_object_put(root);
    return st;
}

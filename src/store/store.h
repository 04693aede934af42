/* store.h - the store's internals: one small database layer (parameterized
 * statements returning rows of text) with two backends, SQLite (sqlite.c)
 * and PostgreSQL (pg.c), under the backend-neutral ingest (ingest.c) and
 * the listings (query.c). SQL is written once with ?N parameters; the
 * PostgreSQL backend rewrites them to $N. Where the dialects differ (schema,
 * full-text search) the caller picks the text by s->kind. */
#ifndef SF_STORE_H
#define SF_STORE_H

#include "../common/common.h"

/* The schema version this build writes and the newest it reads. */
#define SF_STORE_SCHEMA 9
/* Schema version 2, the same in both backends: a story's outlets (the web
 * page's story list) are read from an index, not from article rows whose
 * text comes first. */
#define SF_STORE_SCHEMA_V2 "CREATE INDEX articles_story_source ON articles(story, source);"
/* Schema version 3, the same in both backends: search by an entity's name
 * reads the newest entities of that name from an index, not all of them. */
#define SF_STORE_SCHEMA_V3 "CREATE INDEX entity_names_folded_entity ON entity_names(folded, entity);"
/* Schema version 4: the near-duplicate index (copies.c). article_bands
 * holds the LSH band keys of each stored article that is no copy, indexed
 * by key, so that an article of a later batch finds the stored articles it
 * may copy; a copy found so keeps the similarity measured beside its
 * duplicate_of. SQLite keeps the pairs in the key's b-tree alone (WITHOUT
 * ROWID); the texts differ only there. */
#define SF_STORE_SCHEMA_V4_SQLITE                                                          \
    "CREATE TABLE article_bands(band INTEGER NOT NULL, article INTEGER NOT NULL,"          \
    " PRIMARY KEY(band, article)) WITHOUT ROWID;"                                          \
    "ALTER TABLE articles ADD COLUMN duplicate_similarity REAL;"
#define SF_STORE_SCHEMA_V4_PG                                                              \
    "CREATE TABLE article_bands(band BIGINT NOT NULL, article BIGINT NOT NULL,"            \
    " PRIMARY KEY(band, article));"                                                        \
    "ALTER TABLE articles ADD COLUMN duplicate_similarity DOUBLE PRECISION;"
/* Schema version 5, PostgreSQL only: an article's tsvector is kept in its
 * row (compressed) and its text goes to the TOAST table instead. Search
 * reads the newest articles' tsvectors one by one until enough match; out of
 * the row each costs a TOAST index lookup (some 4.5 buffers an article, 3x
 * the time: docs/store.md). Rows written before it move when the table is
 * rewritten (VACUUM FULL articles). SQLite keeps its index apart (FTS5). */
#define SF_STORE_SCHEMA_V5_SQLITE ""
#define SF_STORE_SCHEMA_V5_PG "ALTER TABLE articles ALTER COLUMN tsv SET STORAGE MAIN;"
/* Schema version 6 made a covering index on entity_names(folded, entity)
 * that version 7 replaces; a store migrated now goes from 5 to 7 without
 * building it (version 7 drops it where a store has it). */
#define SF_STORE_SCHEMA_V6_SQLITE ""
#define SF_STORE_SCHEMA_V6_PG ""
/* Schema version 7: each name row also carries its entity's story, the
 * story's `updated` and the entity's mentions (written with them: a
 * story's entities and names are written again whenever the story is), and
 * the index orders a name's rows as search shows them (the most recently
 * updated stories first, then more mentions): the first page of a name is
 * read from the index's first rows, joined to their entities and stories,
 * instead of the newest 1,000 entities each joined to its story and
 * sorted. Replaces the indexes on folded (version 1), (folded, entity)
 * (version 3) and version 6's. */
#define SF_STORE_SCHEMA_V7_COLUMNS                                                          \
    "DROP INDEX IF EXISTS entity_names_search; DROP INDEX IF EXISTS entity_names_folded_entity;"  \
    " DROP INDEX IF EXISTS entity_names_folded;"                                            \
    "ALTER TABLE entity_names ADD COLUMN story BIGINT NOT NULL DEFAULT 0;"                  \
    "ALTER TABLE entity_names ADD COLUMN updated BIGINT NOT NULL DEFAULT 0;"                \
    "ALTER TABLE entity_names ADD COLUMN mentions BIGINT NOT NULL DEFAULT 0;"               \
    "UPDATE entity_names SET story = e.story, updated = s.updated,"                         \
    " mentions = COALESCE(e.mentions, 0) FROM entities e JOIN stories s ON s.id = e.story"  \
    " WHERE e.id = entity_names.entity;"
#define SF_STORE_SCHEMA_V7_SQLITE                                                          \
    SF_STORE_SCHEMA_V7_COLUMNS                                                             \
    "CREATE INDEX entity_names_order ON entity_names(folded, updated, mentions, story, entity, name);"
#define SF_STORE_SCHEMA_V7_PG                                                              \
    SF_STORE_SCHEMA_V7_COLUMNS                                                             \
    "CREATE INDEX entity_names_order ON entity_names(folded, updated, mentions, story, entity)" \
    " INCLUDE (name);"
/* Schema version 8, PostgreSQL only: an article's search row (its number,
 * time and tsvector) lives in article_search, partitioned by ranges of
 * SF_SEARCH_PART article numbers, with a GIN and a b-tree index in each
 * part. Search wants the newest 1,000 matches of a word; one GIN index
 * gives every match in no order, and the server visited each one's row to
 * keep the newest (a name in 26,000 of a million articles: 25,000 table
 * pages, 55 ms). With parts, storyfold_search_newest reads the newest part
 * first, each part planned with the query's words (a rare word through the
 * part's GIN index, a common one by walking its numbers down), and stops
 * once it has enough: the older parts are not read; it returns the
 * matches' numbers with their ts_rank (read in their own part), so that
 * only the first page is joined to the articles. A story's tsvector is
 * kept in its row as an article's is since schema 5 (rows written from now
 * on; a story is written again whenever it changes): out of it, search
 * walked 17,000 stories through their TOAST entries for 1,000 matches. (One query over the
 * parent is planned as one Append of every part under a sort: PostgreSQL
 * 15 orders an Append only of paths already in order, and a GIN scan is
 * not one.) A trigger on articles writes the row
 * (and its part, when the article number opens a new range: ingests take
 * turns under one lock, store.c, so no two create it at once); the
 * tsvector leaves the articles table with its index. SQLite keeps its
 * index apart (FTS5), ranked by row number already. */
#define SF_SEARCH_PART "100000"
#define SF_STORE_SCHEMA_V8_SQLITE ""
#define SF_STORE_SCHEMA_V8_PG                                                              \
    "SET LOCAL maintenance_work_mem = '256MB';"                                            \
    "CREATE TABLE article_search(n BIGINT NOT NULL, published BIGINT,"                     \
    " tsv tsvector NOT NULL) PARTITION BY RANGE (n);"                                      \
    "CREATE FUNCTION storyfold_search_part(k BIGINT) RETURNS void LANGUAGE plpgsql AS $$"  \
    " DECLARE part TEXT := 'article_search_' || k; BEGIN"                                  \
    " IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;"                                \
    " LOCK TABLE article_search IN SHARE UPDATE EXCLUSIVE MODE;"                            \
    " IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;"                                \
    " EXECUTE format('CREATE TABLE %I (n BIGINT NOT NULL, published BIGINT,"               \
    " tsv tsvector NOT NULL)', part);"                                                     \
    " EXECUTE format('ALTER TABLE %I ALTER COLUMN tsv SET STORAGE MAIN', part);"            \
    " EXECUTE format('ALTER TABLE article_search ATTACH PARTITION %I"                       \
    " FOR VALUES FROM (%s) TO (%s)', part, k * " SF_SEARCH_PART ", (k + 1) * " SF_SEARCH_PART ");" \
    " END $$;"                                                                             \
    "CREATE FUNCTION storyfold_search_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"   \
    " IF TG_OP = 'UPDATE' THEN"                                                            \
    "  UPDATE article_search SET published = NEW.published,"                               \
    "  tsv = to_tsvector('english', NEW.title || ' ' || NEW.text) WHERE n = NEW.n;"         \
    "  RETURN NULL;"                                                                       \
    " END IF;"                                                                             \
    " PERFORM storyfold_search_part(NEW.n / " SF_SEARCH_PART ");"                          \
    " INSERT INTO article_search VALUES (NEW.n, NEW.published,"                            \
    " to_tsvector('english', NEW.title || ' ' || NEW.text));"                              \
    " RETURN NULL; END $$;"                                                                \
    "CREATE FUNCTION storyfold_search_newest(q tsquery, since BIGINT, until BIGINT,"      \
    " want INT) RETURNS TABLE(n BIGINT, rank REAL) LANGUAGE plpgsql STABLE ROWS 1000 AS $$" \
    " DECLARE k BIGINT; part TEXT; got BIGINT[]; BEGIN"                                   \
    " SELECT max(a.n) / " SF_SEARCH_PART " INTO k FROM articles a;"                        \
    " WHILE k >= 0 AND want > 0 LOOP"                                                      \
    "  part := 'article_search_' || k;"                                                    \
    "  IF to_regclass(part) IS NOT NULL THEN"                                              \
    "   EXECUTE format('SELECT array_agg(n) FROM (SELECT n FROM %I WHERE tsv @@ $1"        \
    " AND ($2 IS NULL OR published >= $2) AND ($3 IS NULL OR published <= $3)"              \
    " ORDER BY n DESC LIMIT $4) x', part) INTO got USING q, since, until, want;"           \
    "   IF got IS NOT NULL THEN"                                                           \
    "    RETURN QUERY EXECUTE format('SELECT n, ts_rank(tsv, $1) FROM %I"                  \
    " WHERE n = ANY($2)', part) USING q, got;"                                             \
    "    want := want - cardinality(got);"                                                 \
    "   END IF;"                                                                           \
    "  END IF;"                                                                            \
    "  k := k - 1;"                                                                        \
    " END LOOP; END $$;"                                                                   \
    "DO $$ DECLARE k BIGINT; BEGIN"                                                        \
    " FOR k IN SELECT DISTINCT n / " SF_SEARCH_PART " FROM articles LOOP"                  \
    " PERFORM storyfold_search_part(k); END LOOP; END $$;"                                 \
    "INSERT INTO article_search SELECT n, published, tsv FROM articles;"                   \
    "ALTER TABLE articles DROP COLUMN tsv;"                                                \
    "CREATE INDEX article_search_n ON article_search(n);"                                  \
    "CREATE INDEX article_search_tsv ON article_search USING GIN(tsv);"                     \
    "ALTER TABLE stories ALTER COLUMN tsv SET STORAGE MAIN;"                               \
    "CREATE TRIGGER articles_search AFTER INSERT OR UPDATE OF title, text, published"      \
    " ON articles FOR EACH ROW EXECUTE FUNCTION storyfold_search_row();"
/* Schema version 9, PostgreSQL only: a story's search row (its id, first
 * and last publication times and tsvector) lives in story_search,
 * partitioned by ranges of SF_STORY_SEARCH_PART story ids, read newest part
 * first by storyfold_story_newest as articles are since version 8. A story
 * is rewritten whenever an article joins it, so its row stayed wide
 * (headline, summary and tsvector in one), and search walked the stories
 * down by id through those rows: a word in one story of eighteen ("police"
 * on the million-article store) read 17,000 of them for 1,000 matches
 * (32-43 ms). In a part of 20,000 ids the part's GIN index finds them and
 * only the matches are read (docs/store.md, "Stories in parts"). The
 * stories lose their tsvector column and its GIN index: a trigger on
 * stories (insert, delete, and an update of the headline, summary or
 * times) writes the row, and computes the tsvector again only when the
 * headline or the summary changed. Parts of 20,000 ids hold about as many
 * articles' stories as an article part holds articles. */
#define SF_STORY_SEARCH_PART "20000"
#define SF_STORE_SCHEMA_V9_SQLITE ""
#define SF_STORE_SCHEMA_V9_PG                                                              \
    "SET LOCAL maintenance_work_mem = '256MB';"                                            \
    "CREATE TABLE story_search(id BIGINT NOT NULL, first_published BIGINT,"                \
    " last_published BIGINT, tsv tsvector NOT NULL) PARTITION BY RANGE (id);"              \
    "CREATE FUNCTION storyfold_story_part(k BIGINT) RETURNS void LANGUAGE plpgsql AS $$"   \
    " DECLARE part TEXT := 'story_search_' || k; BEGIN"                                    \
    " IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;"                                \
    " LOCK TABLE story_search IN SHARE UPDATE EXCLUSIVE MODE;"                              \
    " IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;"                                \
    " EXECUTE format('CREATE TABLE %I (id BIGINT NOT NULL, first_published BIGINT,"        \
    " last_published BIGINT, tsv tsvector NOT NULL)', part);"                              \
    " EXECUTE format('ALTER TABLE %I ALTER COLUMN tsv SET STORAGE MAIN', part);"            \
    " EXECUTE format('ALTER TABLE story_search ATTACH PARTITION %I"                         \
    " FOR VALUES FROM (%s) TO (%s)', part, k * " SF_STORY_SEARCH_PART ","                  \
    " (k + 1) * " SF_STORY_SEARCH_PART ");"                                                \
    " END $$;"                                                                             \
    "CREATE FUNCTION storyfold_story_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"    \
    " IF TG_OP = 'DELETE' THEN DELETE FROM story_search WHERE id = OLD.id; RETURN NULL; END IF;" \
    " IF TG_OP = 'UPDATE' THEN"                                                            \
    "  IF OLD.headline IS DISTINCT FROM NEW.headline OR OLD.summary IS DISTINCT FROM NEW.summary THEN" \
    "   UPDATE story_search SET first_published = NEW.first_published,"                    \
    "   last_published = NEW.last_published,"                                              \
    "   tsv = to_tsvector('english', NEW.headline || ' ' || NEW.summary) WHERE id = NEW.id;" \
    "  ELSIF OLD.first_published IS DISTINCT FROM NEW.first_published"                      \
    "   OR OLD.last_published IS DISTINCT FROM NEW.last_published THEN"                     \
    "   UPDATE story_search SET first_published = NEW.first_published,"                    \
    "   last_published = NEW.last_published WHERE id = NEW.id;"                            \
    "  END IF;"                                                                            \
    "  RETURN NULL;"                                                                       \
    " END IF;"                                                                             \
    " PERFORM storyfold_story_part(NEW.id / " SF_STORY_SEARCH_PART ");"                    \
    " INSERT INTO story_search VALUES (NEW.id, NEW.first_published, NEW.last_published,"   \
    " to_tsvector('english', NEW.headline || ' ' || NEW.summary));"                        \
    " RETURN NULL; END $$;"                                                                \
    "CREATE FUNCTION storyfold_story_newest(q tsquery, since BIGINT, until BIGINT,"       \
    " want INT) RETURNS TABLE(id BIGINT, rank REAL) LANGUAGE plpgsql STABLE ROWS 1000 AS $$" \
    " DECLARE k BIGINT; part TEXT; got BIGINT[]; BEGIN"                                   \
    " SELECT max(s.id) / " SF_STORY_SEARCH_PART " INTO k FROM stories s;"                  \
    " WHILE k >= 0 AND want > 0 LOOP"                                                      \
    "  part := 'story_search_' || k;"                                                      \
    "  IF to_regclass(part) IS NOT NULL THEN"                                              \
    "   EXECUTE format('SELECT array_agg(id) FROM (SELECT id FROM %I WHERE tsv @@ $1"      \
    " AND ($2 IS NULL OR last_published >= $2) AND ($3 IS NULL OR first_published <= $3)"   \
    " ORDER BY id DESC LIMIT $4) x', part) INTO got USING q, since, until, want;"          \
    "   IF got IS NOT NULL THEN"                                                           \
    "    RETURN QUERY EXECUTE format('SELECT id, ts_rank(tsv, $1) FROM %I"                 \
    " WHERE id = ANY($2)', part) USING q, got;"                                            \
    "    want := want - cardinality(got);"                                                 \
    "   END IF;"                                                                           \
    "  END IF;"                                                                            \
    "  k := k - 1;"                                                                        \
    " END LOOP; END $$;"                                                                   \
    "DO $$ DECLARE k BIGINT; BEGIN"                                                        \
    " FOR k IN SELECT DISTINCT id / " SF_STORY_SEARCH_PART " FROM stories LOOP"            \
    " PERFORM storyfold_story_part(k); END LOOP; END $$;"                                  \
    "INSERT INTO story_search SELECT id, first_published, last_published, tsv FROM stories;" \
    "ALTER TABLE stories DROP COLUMN tsv;"                                                 \
    "CREATE UNIQUE INDEX story_search_id ON story_search(id);"                             \
    "CREATE INDEX story_search_tsv ON story_search USING GIN(tsv);"                         \
    "CREATE TRIGGER stories_search AFTER INSERT OR DELETE"                                 \
    " OR UPDATE OF headline, summary, first_published, last_published"                     \
    " ON stories FOR EACH ROW EXECUTE FUNCTION storyfold_story_row();"
/* A statement whose best plan depends on its parameters' values (how common
 * a searched word is) starts with this comment: PostgreSQL plans it at each
 * call with the values, never once for all (a generic plan also evaluates
 * plainto_tsquery once per row read). SQLite ignores it. */
#define SF_SQL_PLAN_EACH_CALL "/* plan each call */ "
/* SQLite's application_id for storyfold stores ("SFst"). */
#define SF_STORE_APP_ID 0x53467374

typedef enum { SF_DB_SQLITE = 0, SF_DB_PG = 1 } sf_db_kind;

/* A parameter: NULL, text or integer. */
typedef struct sf_val {
    int type; /* 0 null, 1 text, 2 integer */
    const char *s;
    int64_t i;
} sf_val;
#define SV_NULL ((sf_val){0, NULL, 0})
#define SV_S(x) ((sf_val){1, (x), 0})
#define SV_I(x) ((sf_val){2, NULL, (int64_t)(x)})
/* Text, or NULL when empty. */
static inline sf_val sf__sv_opt(const char *x) { return x && x[0] ? SV_S(x) : SV_NULL; }
/* An integer time, or NULL when unknown. */
static inline sf_val sf__sv_time(int64_t t) { return t == SF_TIME_UNKNOWN ? SV_NULL : SV_I(t); }

/* Rows of a result: cells[r * ncols + c], NULL for SQL NULL. */
typedef struct sf_rows {
    size_t nrows, ncols, cap;
    char **cells;
} sf_rows;
void sf__rows_release(sf_rows *r);
static inline const char *sf__rows_get(const sf_rows *r, size_t row, size_t col) {
    return r->cells[row * r->ncols + col];
}
int64_t sf__rows_int(const sf_rows *r, size_t row, size_t col, int64_t dflt);
/* Add one row of n cells (copied; NULL stays NULL). */
sf_status sf__rows_add(sf_rows *r, size_t n, const char *const *cells, const size_t *lens);

struct sf_store {
    sf_db_kind kind;
    char *where;
    int lock_ms;
    uint64_t max_size;
    bool in_tx;
    void *db;    /* sqlite3 * or PGconn * */
    void *cache; /* backend's statement cache */
    void *assign; /* incremental assignment state (assign.c), or NULL */
    void *fdocs;     /* analyzed articles of the window (sf_fdoc_cache), or NULL */
    bool have_dirty; /* the dirty_stories table is known to exist (summarize.c) */
    /* tests only: called after a story's summary is made (outside any
     * transaction) and before it is written */
    void (*between)(sf_store *s, int64_t story, void *arg);
    void *between_arg;
};

/* Run one statement; rows (may be NULL) receives what it returns. */
sf_status sf__db_exec(sf_store *s, const char *sql, size_t n, const sf_val *p, sf_rows *rows,
                      sf_error *err);
/* Begin the writing transaction (one writer at a time: SQLite's write lock,
 * a PostgreSQL advisory lock), commit, roll back. */
sf_status sf__db_begin(sf_store *s, sf_error *err);
sf_status sf__db_commit(sf_store *s, sf_error *err);
void sf__db_rollback(sf_store *s);

/* Backends. */
sf_status sf__sqlite_open(sf_store *s, sf_error *err);
void sf__sqlite_close(sf_store *s);
sf_status sf__sqlite_exec(sf_store *s, const char *sql, size_t n, const sf_val *p, sf_rows *rows,
                          sf_error *err);
void sf__sqlite_limits(sf_store *s);
sf_status sf__pg_open(sf_store *s, sf_error *err);
void sf__pg_close(sf_store *s);
sf_status sf__pg_exec(sf_store *s, const char *sql, size_t n, const sf_val *p, sf_rows *rows,
                      sf_error *err);

/* One value of one row (first row, first column) as an integer. */
sf_status sf__db_int(sf_store *s, const char *sql, size_t n, const sf_val *p, int64_t dflt,
                     int64_t *out, sf_error *err);

/* A growing list of integers (article rows, story numbers). */
typedef struct ids {
    int64_t *items;
    size_t n, cap;
} ids;
static inline sf_status ids_add(ids *v, int64_t x) {
    SF_TRY(SF_VEC_RESERVE(v, v->n + 1));
    v->items[v->n++] = x;
    return SF_OK;
}

/* An article a batch stored: new, or a new version of a stored one (its
 * row), and its index in the batch's corpus. */
typedef struct sf_fresh {
    int64_t row;
    size_t index;
    bool changed;
} sf_fresh;
typedef SF_VEC(sf_fresh) sf_freshvec;

/* The near-duplicate index (copies.c), in the batch's transaction: each
 * fresh article, in canonical order (earliest published, then longest,
 * then first in the batch), looks its band keys up among the stored
 * articles that are no copy (earlier batches and earlier articles of this
 * one, any story), verifies the candidates on the shingle sets of their
 * stored texts with the pipeline's measure and threshold (run->dup_threshold)
 * and is written as a copy of the most similar one at or above it (ties:
 * the earliest stored); an article that copies nothing adds its keys. A
 * new version first takes the keys of its previous text out. The first
 * batch after the index's shape changed (a migrated store, another
 * --dup-threshold whose S-curve has other bands) indexes the stored
 * articles again. *copies counts the copies found. */
sf_status sf__store_copies(sf_store *s, const sf_run_options *run, const sf_corpus *c,
                           sf_freshvec *fresh, size_t *copies, sf_error *err);

/* The history of an article's move: it joined story `to` (from < 0: a new
 * article) or moved there from story `from`; its row and both stories are
 * marked touched (ingest.c). id and version: NULL / 0 to read them. */
sf_status sf__store_move(sf_store *s, int64_t row, const char *id, int64_t version, int64_t from,
                         int64_t to, int64_t now, ids *touched, sf_error *err);

/* Incremental story assignment (assign.c): the stream clusterer's state is
 * kept in the sf_store across the batches of one process, built once from
 * the stored stories (placed as they are stored) and then given each
 * batch's new articles (rows whose story is NULL), in publication order.
 * gen is the store's assignment generation read at the batch's start; the
 * state is rebuilt when another writer committed since. */
sf_status sf__store_assign(sf_store *s, const sf_store_options *o, int64_t gen, int64_t now,
                           ids *touched, sf_store_stats *stats, sf_error *err);
/* Whether a kept state reflects generation gen (else the next batch builds
 * it from the stored stories). */
bool sf__store_assign_valid(const sf_store *s, int64_t gen);
/* After the batch's commit: the state now reflects generation gen. */
void sf__store_assign_committed(sf_store *s, int64_t gen);
/* Forget the state (a batch failed, or the store closes). */
void sf__store_assign_drop(sf_store *s);

/* A story's summary, entities, facts and quotes (refresh.c), in two steps
 * so that the costly one runs outside the writers' lock: make reads the
 * story's articles and runs the pipeline (*c: its articles, NULL-free;
 * *js: the story's JSON, NULL when it has no article left); put writes the
 * result as the story's next version (or drops a story left without
 * articles); *created: it had no summary before. */
struct json_object;
sf_status sf__store_story_make(sf_store *s, int64_t story, const sf_run_options *run,
                               sf_corpus **c, struct json_object **js, sf_error *err);
sf_status sf__store_story_put(sf_store *s, int64_t story, const sf_corpus *c, struct json_object *js,
                              int64_t now, bool *created, sf_error *err);
/* A story left without articles: its row, entities and search entry go. */
sf_status sf__store_drop_story(sf_store *s, int64_t story, sf_error *err);

/* Changed stories (summarize.c). In the locked step: note_rows writes each
 * touched story's row (articles, first and last published; a new story's
 * row has version 0 and no summary yet) and drops the stories left empty
 * (taken out of touched; counted as updated); mark queues the touched ones
 * in dirty_stories with a new mark. After the commit, summarize claims and
 * summarizes them (sf_store_summarize). */
sf_status sf__store_note_rows(sf_store *s, ids *touched, int64_t now, sf_store_stats *stats,
                              sf_error *err);
sf_status sf__store_mark(sf_store *s, const ids *touched, int64_t now, sf_error *err);
sf_status sf__store_summarize(sf_store *s, const sf_store_options *o, sf_store_stats *stats,
                              sf_error *err);
/* The wall clock in seconds (for the stats' lock timings). */
double sf__store_clock(void);

/* The words of a user's query as an FTS5 query of quoted terms, all
 * required (search.c); NULL when it has no words. Freed with sf__free. */
char *sf__store_fts5_query(const char *q);
/* ASCII case folding of a name for matching (at most cap - 1 bytes). */
void sf__store_fold(const char *in, char *out, size_t cap);

#endif

/* ingest.c - adding a batch of articles to a store, backend-neutral.
 *
 * One transaction per batch: (1) each article is looked up by id; the same
 * content hash changes nothing, another one makes a new version; the new
 * articles and versions are looked up in the near-duplicate index and
 * marked as copies or indexed (copies.c); (2) the
 * new articles and the stored articles of recently active stories (the
 * window: whole stories) are clustered together with the public clustering
 * (sf_cluster_corpus, whose result does not depend on the order of its
 * input); clusters are matched one to one with the stored stories they
 * share most articles with, so stories keep their numbers, and the other
 * clusters become new stories. Stored articles may move when the new ones
 * show two stories to be one event (or one to be two): with a window that
 * holds every story, an ingest in several batches ends with the stories of
 * one batch; the window's limits are the arrival-order effect measured in
 * docs/store.md; (3) every story that gained, lost or changed an article
 * gets its row (count, first and last published) and a mark in
 * dirty_stories. The transaction (the store's writers' lock) ends there;
 * the marked stories are then summarized again (sf_summarize_all over their
 * articles) outside it, by this process or any other (summarize.c), and
 * each JSON kept as the story's next version, with its entities and their
 * names as rows for search. */
#include "store.h"

#include "../cluster/cluster.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The content hash: XXH3 of the title, then of the text seeded by it. */
static void content_hash(const sf_article *a, char out[17]) {
    uint64_t h = sf__hash64(a->title, strlen(a->title), 0x5354);
    h = sf__hash64(a->text, a->text_len, h);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static const char SQL_FIND[] = "SELECT n, version, hash, story FROM articles WHERE id = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO articles(id, version, hash, title, text, source, url, origin, author, lang,"
    " published, modified, ingested) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " RETURNING n";
static const char SQL_KEEP_VERSION[] =
    "INSERT INTO article_versions(article, version, hash, title, text, replaced)"
    " SELECT n, version, hash, title, text, ?2 FROM articles WHERE n = ?1";
static const char SQL_UPDATE[] =
    "UPDATE articles SET version = version + 1, hash = ?2, title = ?3, text = ?4, source = ?5,"
    " url = ?6, origin = ?7, author = ?8, lang = ?9, published = ?10, modified = ?11,"
    " ingested = ?12 WHERE n = ?1";
static const char SQL_EVENT[] =
    "INSERT INTO story_events(story, time, kind, article, version) VALUES (?1, ?2, ?3, ?4, ?5)";

/* Step 1: store each article, or its new version, or nothing; fresh
 * receives the rows stored (for the near-duplicate index). */
static sf_status put_articles(sf_store *s, const sf_corpus *c, int64_t now, sf_store_stats *stats,
                              ids *touched, sf_freshvec *fresh, sf_error *err) {
    sf_rows r = {0};
    sf_status st = SF_OK;
    for (size_t i = 0; i < sf_corpus_count(c) && st == SF_OK; i++) {
        const sf_article *a = sf_corpus_get(c, i);
        char h[17];
        content_hash(a, h);
        st = sf__db_exec(s, SQL_FIND, 1, (sf_val[]){SV_S(a->id)}, &r, err);
        if (st != SF_OK) break;
        if (r.nrows && strcmp(sf__rows_get(&r, 0, 2), h) == 0) {
            stats->unchanged++;
            continue;
        }
        int64_t modified = a->modified == 0 ? SF_TIME_UNKNOWN : a->modified;
        sf_val v[12] = {SV_S(a->id), SV_S(h), SV_S(a->title), SV_S(a->text),
                        sf__sv_opt(a->source), sf__sv_opt(a->url), sf__sv_opt(a->origin),
                        sf__sv_opt(a->author), sf__sv_opt(a->lang), sf__sv_time(a->published),
                        sf__sv_time(modified), SV_I(now)};
        if (!r.nrows) {
            st = sf__db_exec(s, SQL_INSERT, 12, v, &r, err);
            if (st == SF_OK && SF_VEC_PUSH(fresh, ((sf_fresh){sf__rows_int(&r, 0, 0, 0), i, false})) != SF_OK)
                st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
            stats->added++;
            continue;
        }
        int64_t n = sf__rows_int(&r, 0, 0, 0), story = sf__rows_int(&r, 0, 3, -1);
        int64_t version = sf__rows_int(&r, 0, 1, 1) + 1;
        st = sf__db_exec(s, SQL_KEEP_VERSION, 2, (sf_val[]){SV_I(n), SV_I(now)}, NULL, err);
        v[0] = SV_I(n);
        if (st == SF_OK) st = sf__db_exec(s, SQL_UPDATE, 12, v, NULL, err);
        if (st == SF_OK && SF_VEC_PUSH(fresh, ((sf_fresh){n, i, story >= 0})) != SF_OK)
            st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        if (story < 0) continue; /* added earlier in this batch: still new */
        stats->changed++;
        if (st == SF_OK)
            st = sf__db_exec(s, SQL_EVENT, 5,
                             (sf_val[]){SV_I(story), SV_I(now), SV_S("changed"), SV_S(a->id),
                                        SV_I(version)},
                             NULL, err);
        if (st == SF_OK) st = ids_add(touched, story);
    }
    sf__rows_release(&r);
    return st;
}

/* Columns 0..9 of an article row, in this order, for add_rows. */
#define ARTICLE_COLS "a.id, a.title, a.text, a.source, a.url, a.origin, a.author, a.lang," \
                     " a.published, a.modified"

static sf_status add_rows(sf_corpus *c, const sf_rows *r, sf_error *err) {
    for (size_t i = 0; i < r->nrows; i++) {
        const char *t = sf__rows_get(r, i, 2);
        sf_article a = {.id = sf__rows_get(r, i, 0), .title = sf__rows_get(r, i, 1), .text = t,
                        .text_len = t ? strlen(t) : 0, .source = sf__rows_get(r, i, 3),
                        .url = sf__rows_get(r, i, 4), .origin = sf__rows_get(r, i, 5),
                        .author = sf__rows_get(r, i, 6), .lang = sf__rows_get(r, i, 7),
                        .published = sf__rows_int(r, i, 8, SF_TIME_UNKNOWN),
                        .modified = sf__rows_int(r, i, 9, 0)};
        SF_TRY(sf_corpus_add(c, &a, err));
    }
    return SF_OK;
}

static const char SQL_WINDOW_STORIES[] =
    "SELECT id, articles FROM stories WHERE last_published IS NULL OR last_published >= ?1"
    " ORDER BY COALESCE(last_published, 0) DESC, id DESC";
static const char SQL_STORY_ARTICLES[] =
    "SELECT " ARTICLE_COLS ", a.story, a.n, a.version FROM articles a WHERE a.story = ?1 ORDER BY a.n";
static const char SQL_NEW[] =
    "SELECT " ARTICLE_COLS ", a.story, a.n, a.version FROM articles a WHERE a.story IS NULL ORDER BY a.n";
static const char SQL_BATCH_START[] =
    "SELECT MIN(published) FROM articles WHERE story IS NULL";

/* The articles clustered together: the stored ones of the window (whole
 * stories, most recently published first, up to the article cap) with
 * their story in w->story, then the new ones (story -1); w->row is each
 * one's row number. */
typedef struct window {
    sf_corpus *c;
    ids story, row, version;
    size_t nold;
} window;

static sf_status take_rows(window *w, const sf_rows *r, sf_error *err) {
    SF_TRY(add_rows(w->c, r, err));
    for (size_t i = 0; i < r->nrows; i++) {
        SF_TRY(ids_add(&w->story, sf__rows_int(r, i, 10, -1)));
        SF_TRY(ids_add(&w->row, sf__rows_int(r, i, 11, 0)));
        SF_TRY(ids_add(&w->version, sf__rows_int(r, i, 12, 1)));
    }
    return SF_OK;
}

static sf_status load_window(sf_store *s, const sf_store_options *o, window *w, sf_error *err) {
    int64_t start;
    SF_TRY(sf__db_int(s, SQL_BATCH_START, 0, NULL, INT64_MIN, &start, err));
    int64_t from = INT64_MIN + 1;
    if (o->window_days > 0 && start != INT64_MIN) from = start - (int64_t)(o->window_days * 86400.0);
    size_t cap = o->window_articles ? o->window_articles : 20000, taken = 0;
    sf_rows st_rows = {0}, r = {0};
    sf_status st = sf__db_exec(s, SQL_WINDOW_STORIES, 1, (sf_val[]){SV_I(from)}, &st_rows, err);
    for (size_t i = 0; st == SF_OK && i < st_rows.nrows && taken < cap; i++) {
        taken += (size_t)sf__rows_int(&st_rows, i, 1, 0);
        st = sf__db_exec(s, SQL_STORY_ARTICLES, 1, (sf_val[]){SV_I(sf__rows_int(&st_rows, i, 0, 0))},
                         &r, err);
        if (st == SF_OK) st = take_rows(w, &r, err);
    }
    w->nold = sf_corpus_count(w->c);
    if (st == SF_OK) st = sf__db_exec(s, SQL_NEW, 0, NULL, &r, err);
    if (st == SF_OK) st = take_rows(w, &r, err);
    sf__rows_release(&st_rows);
    sf__rows_release(&r);
    return st;
}

typedef struct overlap {
    size_t count, cluster;
    int64_t story;
} overlap;

static int cmp_pair(const void *a, const void *b) {
    const overlap *x = a, *y = b;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    return x->cluster < y->cluster ? -1 : x->cluster > y->cluster;
}

static int cmp_overlap(const void *a, const void *b) {
    const overlap *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return cmp_pair(a, b);
}

/* Each cluster's story: clusters and stored stories are matched one to one,
 * the pairs that share the most stored articles first (ties: lower story
 * number, then cluster), so a story keeps its number while it grows, and a
 * cluster that no stored story matches gets -1 (a new story). */
static sf_status match_stories(const window *w, const size_t *cluster_of, size_t nclusters,
                               int64_t *pick) {
    for (size_t k = 0; k < nclusters; k++) pick[k] = -1;
    overlap *p = sf__calloc(w->nold ? w->nold : 1, sizeof *p);
    bool *used = sf__calloc(w->nold ? w->nold : 1, sizeof *used);
    if (!p || !used) {
        sf__free(p);
        sf__free(used);
        return SF_ERR_NOMEM;
    }
    for (size_t i = 0; i < w->nold; i++) p[i] = (overlap){1, cluster_of[i], w->story.items[i]};
    qsort(p, w->nold, sizeof *p, cmp_pair);
    size_t n = 0;
    for (size_t i = 0; i < w->nold; i++) {
        if (n && p[n - 1].story == p[i].story && p[n - 1].cluster == p[i].cluster) p[n - 1].count++;
        else p[n++] = p[i];
    }
    /* distinct stories in story order, for marking a story used */
    ids stories = {0};
    for (size_t i = 0; i < n; i++)
        if ((!stories.n || stories.items[stories.n - 1] != p[i].story) && ids_add(&stories, p[i].story) != SF_OK) {
            sf__free(p);
            sf__free(used);
            SF_VEC_FREE(&stories);
            return SF_ERR_NOMEM;
        }
    qsort(p, n, sizeof *p, cmp_overlap);
    for (size_t i = 0; i < n; i++) {
        int64_t *at = bsearch(&p[i].story, stories.items, stories.n, sizeof *stories.items, cmp_i64);
        size_t si = (size_t)(at - stories.items);
        if (pick[p[i].cluster] >= 0 || used[si]) continue;
        pick[p[i].cluster] = p[i].story;
        used[si] = true;
    }
    sf__free(p);
    sf__free(used);
    SF_VEC_FREE(&stories);
    return SF_OK;
}

static const char SQL_JOIN[] = "UPDATE articles SET story = ?2, joined = ?3 WHERE n = ?1";
static const char SQL_NEXT_STORY[] =
    "SELECT COALESCE(MAX(m), 0) + 1 FROM (SELECT MAX(id) AS m FROM stories"
    " UNION ALL SELECT MAX(story) FROM story_versions"
    " UNION ALL SELECT MAX(story) FROM articles) AS t";

static const char SQL_ARTICLE_OF_ROW[] = "SELECT id, version FROM articles WHERE n = ?1";

sf_status sf__store_move(sf_store *s, int64_t row, const char *id, int64_t version, int64_t from,
                         int64_t to, int64_t now, ids *touched, sf_error *err) {
    sf_rows r = {0};
    if (!id) {
        SF_TRY(sf__db_exec(s, SQL_ARTICLE_OF_ROW, 1, (sf_val[]){SV_I(row)}, &r, err));
        if (!r.nrows) {
            sf__rows_release(&r);
            return sf__error_set(err, SF_ERR_INTERNAL, "store: article row %lld is gone", (long long)row);
        }
        id = sf__rows_get(&r, 0, 0);
        version = sf__rows_int(&r, 0, 1, 1);
    }
    sf_status st = sf__db_exec(s, SQL_JOIN, 3, (sf_val[]){SV_I(row), SV_I(to), SV_I(now)}, NULL, err);
    if (st == SF_OK)
        st = sf__db_exec(s, SQL_EVENT, 5,
                         (sf_val[]){SV_I(to), SV_I(now), SV_S(from < 0 ? "joined" : "moved in"),
                                    SV_S(id), SV_I(version)},
                         NULL, err);
    if (st == SF_OK && from >= 0) {
        st = sf__db_exec(s, SQL_EVENT, 5,
                         (sf_val[]){SV_I(from), SV_I(now), SV_S("moved out"), SV_S(id), SV_I(version)},
                         NULL, err);
        if (st == SF_OK) st = ids_add(touched, from);
    }
    if (st == SF_OK) st = ids_add(touched, to);
    sf__rows_release(&r);
    return st;
}

/* Article i of the window goes to story `to`: its row and the history. */
static sf_status move(sf_store *s, const window *w, size_t i, int64_t to, int64_t now,
                      ids *touched, sf_error *err) {
    return sf__store_move(s, w->row.items[i], sf_corpus_get(w->c, i)->id, w->version.items[i],
                          w->story.items[i], to, now, touched, err);
}

/* The clustering options of the store's assignment. */
static void cluster_options(const sf_store_options *o, sf_cluster_options *co) {
    sf_cluster_options_default(co);
    if (o && o->run && o->run->lang) co->lang = o->run->lang;
    if (o && o->run && o->run->story_threshold > 0) co->threshold = o->run->story_threshold;
}

sf_status sf_store_prepare(sf_store *s, const sf_corpus *c, const sf_store_options *o, sf_error *err) {
    if (!s || !c) return sf__error_set(err, SF_ERR_ARG, "sf_store_prepare: NULL argument");
    if (o && !o->recluster) return SF_OK; /* the kept stream clusterer reads the texts itself */
    sf_cluster_options co;
    cluster_options(o, &co);
    if (!s->fdocs && !(s->fdocs = sf__fdoc_cache_create()))
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    return sf__fdoc_cache_fill(s->fdocs, &co, c, err);
}

/* Step 2: cluster the window with the public clustering and write where
 * each article now belongs. */
static sf_status assign(sf_store *s, const sf_store_options *o, const window *w, int64_t now,
                        ids *touched, sf_store_stats *stats, sf_error *err) {
    size_t n = sf_corpus_count(w->c), nclusters = 0;
    size_t *cluster_of = sf__calloc(n ? n : 1, sizeof *cluster_of);
    int64_t *pick = sf__calloc(n ? n : 1, sizeof *pick);
    sf_status st = cluster_of && pick ? SF_OK : sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    sf_cluster_options co;
    cluster_options(o, &co);
    /* the window's articles were analyzed at earlier batches, the batch's
     * by sf_store_prepare outside the lock: only the others are analyzed
     * here (the cache gives what a fresh analysis would) */
    if (st == SF_OK && !s->fdocs && !(s->fdocs = sf__fdoc_cache_create()))
        st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    if (st == SF_OK) st = sf__cluster_corpus_cached(w->c, &co, s->fdocs, cluster_of, &nclusters, err);
    if (st == SF_OK && sf__fdoc_cache_sweep(s->fdocs) != SF_OK)
        st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    if (st == SF_OK && match_stories(w, cluster_of, nclusters, pick) != SF_OK)
        st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    int64_t next = 0;
    if (st == SF_OK) st = sf__db_int(s, SQL_NEXT_STORY, 0, NULL, 1, &next, err);
    /* New stories are numbered in cluster order (first appearance in
     * publication order), so the same articles give the same numbers. */
    for (size_t k = 0; st == SF_OK && k < nclusters; k++)
        if (pick[k] < 0) {
            pick[k] = next++;
            stats->stories_new++;
        }
    for (size_t i = 0; st == SF_OK && i < n; i++)
        if (pick[cluster_of[i]] != w->story.items[i])
            st = move(s, w, i, pick[cluster_of[i]], now, touched, err);
    sf__free(cluster_of);
    sf__free(pick);
    return st;
}

/* The assignment generation (storyfold_meta 'generation'; 0 when absent). */
static const char SQL_GEN_READ[] = "SELECT value FROM storyfold_meta WHERE key = 'generation'";
static const char SQL_GEN_WRITE[] =
    "INSERT INTO storyfold_meta(key, value) VALUES ('generation', ?1)"
    " ON CONFLICT(key) DO UPDATE SET value = excluded.value";

static sf_status read_generation(sf_store *s, int64_t *gen, sf_error *err) {
    sf_rows r = {0};
    sf_status st = sf__db_exec(s, SQL_GEN_READ, 0, NULL, &r, err);
    *gen = st == SF_OK && r.nrows ? sf__rows_int(&r, 0, 0, 0) : 0;
    sf__rows_release(&r);
    return st;
}

static sf_status write_generation(sf_store *s, int64_t gen, sf_error *err) {
    char v[32];
    snprintf(v, sizeof v, "%lld", (long long)gen);
    return sf__db_exec(s, SQL_GEN_WRITE, 1, (sf_val[]){SV_S(v)}, NULL, err);
}

/* Stories whose summary waits for a later batch (refresh_every > 1). The
 * table is made on first use: stores that never defer do not have it. */
static const char SQL_PENDING_TABLE[] =
    "CREATE TABLE IF NOT EXISTS pending_stories(story BIGINT PRIMARY KEY)";
static const char SQL_PENDING_ADD[] =
    "INSERT INTO pending_stories(story) VALUES (?1) ON CONFLICT(story) DO NOTHING";
static const char SQL_PENDING_EXISTS_SQLITE[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'pending_stories'";
static const char SQL_PENDING_EXISTS_PG[] = "SELECT count(*) FROM pg_tables"
    " WHERE tablename = 'pending_stories' AND schemaname = current_schema()";
static const char SQL_PENDING_ALL[] = "SELECT story FROM pending_stories";
static const char SQL_PENDING_CLEAR[] = "DELETE FROM pending_stories";

/* Step 3, bounded: which stories to summarize again now. Deferring
 * (refresh_every K > 1, and this generation not a multiple of K): the
 * touched stories are noted as pending and touched is emptied. Otherwise
 * the pending ones join touched and the table is emptied. */
static sf_status pending(sf_store *s, const sf_store_options *o, int64_t gen, ids *touched,
                         sf_error *err) {
    size_t k = o->refresh_every;
    if (k > 1 && (gen < 0 || (uint64_t)gen % k != 0)) {
        if (!touched->n) return SF_OK;
        SF_TRY(sf__db_exec(s, SQL_PENDING_TABLE, 0, NULL, NULL, err));
        for (size_t i = 0; i < touched->n; i++)
            SF_TRY(sf__db_exec(s, SQL_PENDING_ADD, 1, (sf_val[]){SV_I(touched->items[i])}, NULL, err));
        touched->n = 0;
        return SF_OK;
    }
    int64_t have = 0;
    SF_TRY(sf__db_int(s, s->kind == SF_DB_PG ? SQL_PENDING_EXISTS_PG : SQL_PENDING_EXISTS_SQLITE, 0,
                      NULL, 0, &have, err));
    if (!have) return SF_OK;
    sf_rows r = {0};
    sf_status st = sf__db_exec(s, SQL_PENDING_ALL, 0, NULL, &r, err);
    for (size_t i = 0; st == SF_OK && i < r.nrows; i++) st = ids_add(touched, sf__rows_int(&r, i, 0, 0));
    if (st == SF_OK && r.nrows) st = sf__db_exec(s, SQL_PENDING_CLEAR, 0, NULL, NULL, err);
    sf__rows_release(&r);
    return st;
}

/* The pending stories join touched now (they are marked with this batch). */
static sf_status take_pending(sf_store *s, const sf_store_options *o, ids *touched, sf_error *err) {
    sf_store_options all = *o;
    all.refresh_every = 1;
    return pending(s, &all, 0, touched, err);
}

sf_status sf_store_ingest(sf_store *s, const sf_corpus *c, const sf_store_options *o,
                          sf_store_stats *stats, sf_error *err) {
    if (!s || !c) return sf__error_set(err, SF_ERR_ARG, "sf_store_ingest: NULL argument");
    sf_store_options opt = o ? *o : (sf_store_options){0};
    sf_store_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    int64_t now = opt.now ? opt.now : (int64_t)time(NULL);
    stats->now = now;
    double t0 = sf__store_clock();
    SF_TRY(sf__db_begin(s, err));
    double t1 = sf__store_clock();
    stats->t_lock_wait = t1 - t0;
    ids touched = {0};
    window w = {0};
    int64_t gen = 0;
    sf_freshvec fresh = {0};
    sf_status st = put_articles(s, c, now, stats, &touched, &fresh, err);
    if (st == SF_OK) st = sf__store_copies(s, opt.run, c, &fresh, &stats->copies, err);
    SF_VEC_FREE(&fresh);
    if (st == SF_OK && stats->added) st = read_generation(s, &gen, err);
    /* a process that builds its state starts from every pending story:
     * they are marked with this batch */
    if (st == SF_OK && stats->added && (opt.recluster || !sf__store_assign_valid(s, gen)))
        st = take_pending(s, &opt, &touched, err);
    if (st == SF_OK && stats->added && !opt.recluster) {
        st = sf__store_assign(s, &opt, gen, now, &touched, stats, err);
    } else if (st == SF_OK && stats->added) {
        w.c = sf_corpus_create();
        st = w.c ? load_window(s, &opt, &w, err) : sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        if (st == SF_OK) st = assign(s, &opt, &w, now, &touched, stats, err);
    }
    /* every batch that placed articles makes a new generation: a process
     * whose kept state is of an older one builds it again (assign.c) */
    if (st == SF_OK && stats->added) st = write_generation(s, gen + 1, err);
    /* the touched stories' rows now (the next batch's window reads them),
     * their summaries after the commit (summarize.c) */
    if (st == SF_OK) st = sf__store_note_rows(s, &touched, now, stats, err);
    if (st == SF_OK) st = pending(s, &opt, stats->added ? gen + 1 : -1, &touched, err);
    if (st == SF_OK) st = sf__store_mark(s, &touched, now, err);
    sf_corpus_destroy(w.c);
    SF_VEC_FREE(&touched);
    SF_VEC_FREE(&w.story);
    SF_VEC_FREE(&w.row);
    SF_VEC_FREE(&w.version);
    if (st == SF_OK) st = sf__db_commit(s, err);
    stats->t_locked = sf__store_clock() - t1;
    if (st != SF_OK) {
        sf__db_rollback(s);
        sf__store_assign_drop(s); /* it holds this batch's articles: not stored */
        return st;
    }
    if (stats->added && !opt.recluster) sf__store_assign_committed(s, gen + 1);
    /* the batch is stored; a failure from here leaves its stories marked
     * for the next summarize */
    return opt.defer_summaries ? SF_OK : sf__store_summarize(s, &opt, stats, err);
}

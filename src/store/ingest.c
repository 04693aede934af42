/* ingest.c - adding a batch of articles to a store, backend-neutral.
 *
 * One transaction per batch: (1) each article is looked up by id; the same
 * content hash changes nothing, another one makes a new version; (2) the
 * new articles and the stored articles of recently active stories (the
 * window) are clustered together with the public clustering
 * (sf_cluster_corpus); a new article joins the stored story that most of its
 * cluster's stored articles belong to, else its cluster starts a new story;
 * stored articles never move, which is the arrival-order effect measured in
 * docs/store.md; (3) every story that gained or changed an article is
 * summarized again (sf_summarize_all over its articles) and its JSON kept as
 * its next version, with its entities and their names as rows for search. */
#include "store.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct ids {
    int64_t *items;
    size_t n, cap;
} ids;

static sf_status ids_add(ids *v, int64_t x) {
    SF_TRY(SF_VEC_RESERVE(v, v->n + 1));
    v->items[v->n++] = x;
    return SF_OK;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static void ids_unique(ids *v) {
    if (!v->n) return;
    qsort(v->items, v->n, sizeof *v->items, cmp_i64);
    size_t k = 1;
    for (size_t i = 1; i < v->n; i++)
        if (v->items[i] != v->items[k - 1]) v->items[k++] = v->items[i];
    v->n = k;
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
    " published, modified, ingested) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char SQL_KEEP_VERSION[] =
    "INSERT INTO article_versions(article, version, hash, title, text, replaced)"
    " SELECT n, version, hash, title, text, ?2 FROM articles WHERE n = ?1";
static const char SQL_UPDATE[] =
    "UPDATE articles SET version = version + 1, hash = ?2, title = ?3, text = ?4, source = ?5,"
    " url = ?6, origin = ?7, author = ?8, lang = ?9, published = ?10, modified = ?11,"
    " ingested = ?12 WHERE n = ?1";
static const char SQL_EVENT[] =
    "INSERT INTO story_events(story, time, kind, article, version) VALUES (?1, ?2, ?3, ?4, ?5)";

/* Step 1: store each article, or its new version, or nothing. */
static sf_status put_articles(sf_store *s, const sf_corpus *c, int64_t now, sf_store_stats *stats,
                              ids *touched, sf_error *err) {
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
            st = sf__db_exec(s, SQL_INSERT, 12, v, NULL, err);
            stats->added++;
            continue;
        }
        int64_t n = sf__rows_int(&r, 0, 0, 0), story = sf__rows_int(&r, 0, 3, -1);
        int64_t version = sf__rows_int(&r, 0, 1, 1) + 1;
        st = sf__db_exec(s, SQL_KEEP_VERSION, 2, (sf_val[]){SV_I(n), SV_I(now)}, NULL, err);
        v[0] = SV_I(n);
        if (st == SF_OK) st = sf__db_exec(s, SQL_UPDATE, 12, v, NULL, err);
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

static const char SQL_WINDOW[] =
    "SELECT " ARTICLE_COLS ", a.story FROM articles a JOIN stories s ON a.story = s.id"
    " WHERE s.last_published IS NULL OR s.last_published >= ?1"
    " ORDER BY COALESCE(s.last_published, 0) DESC, s.id DESC, a.n LIMIT ?2";
static const char SQL_NEW[] =
    "SELECT " ARTICLE_COLS ", a.n FROM articles a WHERE a.story IS NULL ORDER BY a.n";
static const char SQL_BATCH_START[] =
    "SELECT MIN(published) FROM articles WHERE story IS NULL";

/* Step 2a: the window (stored articles of recently active stories, with
 * their stories in *old) followed by the new articles (row numbers in
 * *fresh). */
static sf_status load_window(sf_store *s, const sf_store_options *o, sf_corpus *c, ids *old,
                             ids *fresh, sf_error *err) {
    int64_t start;
    SF_TRY(sf__db_int(s, SQL_BATCH_START, 0, NULL, INT64_MIN, &start, err));
    double days = o->window_days == 0 ? 30 : o->window_days;
    int64_t from = INT64_MIN + 1;
    if (days > 0 && start != INT64_MIN) from = start - (int64_t)(days * 86400.0);
    int64_t limit = (int64_t)(o->window_articles ? o->window_articles : 20000);
    sf_rows r = {0};
    sf_status st = sf__db_exec(s, SQL_WINDOW, 2, (sf_val[]){SV_I(from), SV_I(limit)}, &r, err);
    if (st == SF_OK) st = add_rows(c, &r, err);
    for (size_t i = 0; st == SF_OK && i < r.nrows; i++) st = ids_add(old, sf__rows_int(&r, i, 10, 0));
    if (st == SF_OK) st = sf__db_exec(s, SQL_NEW, 0, NULL, &r, err);
    if (st == SF_OK) st = add_rows(c, &r, err);
    for (size_t i = 0; st == SF_OK && i < r.nrows; i++) st = ids_add(fresh, sf__rows_int(&r, i, 10, 0));
    sf__rows_release(&r);
    return st;
}

static const char SQL_JOIN[] = "UPDATE articles SET story = ?2, joined = ?3 WHERE n = ?1";
static const char SQL_NEXT_STORY[] = "SELECT COALESCE(MAX(id), 0) + 1 FROM stories";

/* Step 2b: each cluster's story: the stored story most of its stored
 * articles belong to (ties: the lower number), else a new one. */
static sf_status pick_stories(const size_t *story_of, size_t nclusters, const ids *old,
                              int64_t *pick) {
    for (size_t k = 0; k < nclusters; k++) pick[k] = -1;
    size_t *best = sf__calloc(nclusters ? nclusters : 1, sizeof *best);
    if (!best) return SF_ERR_NOMEM;
    /* Stored articles come grouped by story; count each run. */
    for (size_t i = 0; i < old->n;) {
        size_t j = i;
        while (j < old->n && old->items[j] == old->items[i]) j++;
        /* votes of this story per cluster, counted over its run */
        for (size_t a = i; a < j; a++) {
            size_t k = story_of[a], votes = 0;
            for (size_t b = i; b < j; b++) votes += story_of[b] == k;
            if (votes > best[k] || (votes == best[k] && old->items[i] < pick[k])) {
                best[k] = votes;
                pick[k] = old->items[i];
            }
        }
        i = j;
    }
    sf__free(best);
    return SF_OK;
}

static sf_status assign(sf_store *s, const sf_store_options *o, const sf_corpus *c,
                        const ids *old, const ids *fresh, int64_t now, ids *touched,
                        sf_store_stats *stats, sf_error *err) {
    size_t n = sf_corpus_count(c), nclusters = 0;
    size_t *story_of = sf__calloc(n ? n : 1, sizeof *story_of);
    int64_t *pick = sf__calloc(n ? n : 1, sizeof *pick);
    sf_status st = story_of && pick ? SF_OK : sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    sf_cluster_options co;
    sf_cluster_options_default(&co);
    if (o->run && o->run->lang) co.lang = o->run->lang;
    if (o->run && o->run->story_threshold > 0) co.threshold = o->run->story_threshold;
    if (st == SF_OK) st = sf_cluster_corpus(c, &co, story_of, &nclusters, err);
    if (st == SF_OK && pick_stories(story_of, nclusters, old, pick) != SF_OK)
        st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    int64_t next = 0;
    if (st == SF_OK) st = sf__db_int(s, SQL_NEXT_STORY, 0, NULL, 1, &next, err);
    /* New stories are numbered in the clusters' order (first appearance in
     * publication order), so the same batch gives the same numbers. */
    for (size_t i = old->n; st == SF_OK && i < n; i++) {
        size_t k = story_of[i];
        if (pick[k] < 0) {
            pick[k] = next++;
            stats->stories_new++;
        }
        int64_t row = fresh->items[i - old->n];
        st = sf__db_exec(s, SQL_JOIN, 3, (sf_val[]){SV_I(row), SV_I(pick[k]), SV_I(now)}, NULL,
                         err);
        if (st == SF_OK)
            st = sf__db_exec(s, SQL_EVENT, 5,
                             (sf_val[]){SV_I(pick[k]), SV_I(now), SV_S("joined"),
                                        SV_S(sf_corpus_get(c, i)->id), SV_I(1)},
                             NULL, err);
        if (st == SF_OK) st = ids_add(touched, pick[k]);
    }
    sf__free(story_of);
    sf__free(pick);
    return st;
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
    SF_TRY(sf__db_begin(s, err));
    ids touched = {0}, old = {0}, fresh = {0};
    sf_corpus *win = NULL;
    sf_status st = put_articles(s, c, now, stats, &touched, err);
    if (st == SF_OK && stats->added) {
        win = sf_corpus_create();
        st = win ? load_window(s, &opt, win, &old, &fresh, err)
                 : sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        if (st == SF_OK) st = assign(s, &opt, win, &old, &fresh, now, &touched, stats, err);
    }
    ids_unique(&touched);
    for (size_t i = 0; st == SF_OK && i < touched.n; i++) {
        bool created = false;
        st = sf__store_refresh(s, touched.items[i], opt.run, now, &created, err);
        if (!created) stats->stories_updated++;
    }
    sf_corpus_destroy(win);
    SF_VEC_FREE(&touched);
    SF_VEC_FREE(&old);
    SF_VEC_FREE(&fresh);
    if (st == SF_OK) return sf__db_commit(s, err);
    sf__db_rollback(s);
    return st;
}

/* assign.c - incremental story assignment for batched ingest.
 *
 * The stream clusterer (src/cluster/stream.c) is kept in the sf_store across
 * the batches of one process. It is built once, at the first batch, from the
 * stored stories of the window (whole stories, most recently published
 * first, up to the article cap): their articles are placed, in publication
 * order, into the stories the store says they belong to (sf__stream_place:
 * no scoring, so the stored stories are taken as they are). Each batch then
 * adds its new articles (the rows whose story is still NULL), in
 * publication order, as the stream adds articles: each joins the best
 * candidate story above the threshold or starts one, and the stream's
 * repair may merge two stories or split one. The cost of a batch is that of
 * its articles, not of the window.
 *
 * Stream stories map to store stories: a placed story to the stored one it
 * came from, a story the stream started to a new store number (numbered in
 * publication order of first articles). After a batch, an article whose
 * stream story maps to another store story than its row moved (a merge or a
 * split): its row and both histories say so.
 *
 * The state is valid for one generation of the store (storyfold_meta
 * 'generation', raised by every batch that adds articles): when another
 * process committed a batch in between, or a batch of this process failed
 * (its articles were rolled back but the stream had them), the state is
 * dropped and built again from the store. */
#include "store.h"

#include "../cluster/cluster.h"

#include <stdlib.h>
#include <string.h>

typedef struct assigner {
    sf_stream *stream;
    sf_cluster_options co;
    int64_t gen;     /* the store generation this state reflects */
    ids row;         /* by stream article number: the article's row */
    ids story;       /* by stream article number: its store story */
    ids store_of;    /* by stream story id: the store story (-1: none yet) */
    size_t merges;   /* the stream's merges + splits seen so far */
} assigner;

void sf__store_assign_drop(sf_store *s) {
    assigner *a = s ? s->assign : NULL;
    if (!a) return;
    sf__stream_destroy(a->stream);
    SF_VEC_FREE(&a->row);
    SF_VEC_FREE(&a->story);
    SF_VEC_FREE(&a->store_of);
    sf__free(a);
    s->assign = NULL;
}

bool sf__store_assign_valid(const sf_store *s, int64_t gen) {
    return s && s->assign && ((const assigner *)s->assign)->gen == gen;
}

void sf__store_assign_committed(sf_store *s, int64_t gen) {
    if (s && s->assign) ((assigner *)s->assign)->gen = gen;
}

/* Columns of an article row read here. */
#define COLS "a.id, a.title, a.text, a.published, a.story, a.n, a.version"
enum { C_ID, C_TITLE, C_TEXT, C_PUB, C_STORY, C_N, C_VERSION };

static const char SQL_WINDOW_STORIES[] =
    "SELECT id, articles FROM stories WHERE last_published IS NULL OR last_published >= ?1"
    " ORDER BY COALESCE(last_published, 0) DESC, id DESC";
static const char SQL_STORY_ARTICLES[] = "SELECT " COLS " FROM articles a WHERE a.story = ?1";
static const char SQL_NEW[] = "SELECT " COLS " FROM articles a WHERE a.story IS NULL";
static const char SQL_BATCH_START[] = "SELECT MIN(published) FROM articles WHERE story IS NULL";
static const char SQL_NEXT_STORY[] =
    "SELECT COALESCE(MAX(m), 0) + 1 FROM (SELECT MAX(id) AS m FROM stories"
    " UNION ALL SELECT MAX(story) FROM story_versions"
    " UNION ALL SELECT MAX(story) FROM articles) AS t";

/* Row order of the stream: publication time (unknown first), then id, title
 * and text, as the batch clustering orders a corpus. */
typedef struct rowref {
    const sf_rows *r;
    size_t i;
} rowref;

static int64_t row_time(const sf_rows *r, size_t i) { return sf__rows_int(r, i, C_PUB, SF_TIME_UNKNOWN); }

static int cmp_str(const char *x, const char *y) { return strcmp(x ? x : "", y ? y : ""); }

static int cmp_rowref(const void *pa, const void *pb) {
    const rowref *x = pa, *y = pb;
    int64_t tx = row_time(x->r, x->i), ty = row_time(y->r, y->i);
    if (tx != ty) return tx < ty ? -1 : 1;
    for (int c = C_ID; c <= C_TEXT; c++) {
        int k = cmp_str(sf__rows_get(x->r, x->i, (size_t)c), sf__rows_get(y->r, y->i, (size_t)c));
        if (k) return k;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

static sf_status sorted(const sf_rows *r, rowref **out) {
    *out = sf__calloc(r->nrows ? r->nrows : 1, sizeof **out);
    if (!*out) return SF_ERR_NOMEM;
    for (size_t i = 0; i < r->nrows; i++) (*out)[i] = (rowref){r, i};
    qsort(*out, r->nrows, sizeof **out, cmp_rowref);
    return SF_OK;
}

/* Add row i of r to the stream: placed into stream story `into` (place) or
 * assigned by the stream. */
static sf_status add_row(assigner *a, const sf_rows *r, size_t i, bool place, uint32_t into,
                         uint32_t *sid, sf_error *err) {
    const char *title = sf__rows_get(r, i, C_TITLE), *text = sf__rows_get(r, i, C_TEXT);
    title = title ? title : "";
    text = text ? text : "";
    size_t seq = 0;
    sf_status st = place ? sf__stream_place(a->stream, title, strlen(title), text, strlen(text),
                                            row_time(r, i), into, sid, &seq, err)
                         : sf__stream_add(a->stream, title, strlen(title), text, strlen(text),
                                          row_time(r, i), &seq, err);
    if (st != SF_OK) return st;
    if (seq != a->row.n) return sf__error_set(err, SF_ERR_INTERNAL, "store: stream out of step");
    SF_TRY(ids_add(&a->row, sf__rows_int(r, i, C_N, 0)));
    return ids_add(&a->story, place ? sf__rows_int(r, i, C_STORY, -1) : -1);
}

/* The store story of stream story sid (-1 when it has none yet). */
static sf_status map_get(assigner *a, uint32_t sid, int64_t *out) {
    while (a->store_of.n <= sid) SF_TRY(ids_add(&a->store_of, -1));
    *out = a->store_of.items[sid];
    return SF_OK;
}

/* Build the state from the stored stories of the window. */
static sf_status build(sf_store *s, const sf_store_options *o, const sf_cluster_options *co,
                       assigner **out, sf_error *err) {
    assigner *a = sf__calloc(1, sizeof *a);
    if (!a) return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    a->co = *co;
    a->gen = -1;
    sf_status st = sf__stream_create(co, &a->stream, err);
    int64_t start = INT64_MIN;
    if (st == SF_OK) st = sf__db_int(s, SQL_BATCH_START, 0, NULL, INT64_MIN, &start, err);
    int64_t from = INT64_MIN + 1;
    if (o->window_days > 0 && start != INT64_MIN) from = start - (int64_t)(o->window_days * 86400.0);
    size_t cap = o->window_articles ? o->window_articles : 20000, taken = 0;
    sf_rows stories = {0}, r = {0}, part = {0};
    if (st == SF_OK) st = sf__db_exec(s, SQL_WINDOW_STORIES, 1, (sf_val[]){SV_I(from)}, &stories, err);
    /* all the window's article rows in one result */
    for (size_t i = 0; st == SF_OK && i < stories.nrows && taken < cap; i++) {
        taken += (size_t)sf__rows_int(&stories, i, 1, 0);
        st = sf__db_exec(s, SQL_STORY_ARTICLES, 1, (sf_val[]){SV_I(sf__rows_int(&stories, i, 0, 0))},
                         &part, err);
        for (size_t k = 0; st == SF_OK && k < part.nrows; k++) {
            const char *cells[7];
            for (size_t c = 0; c < 7; c++) cells[c] = sf__rows_get(&part, k, c);
            if (r.nrows == 0) r.ncols = 7;
            st = sf__rows_add(&r, 7, cells, NULL);
        }
    }
    rowref *order = NULL;
    if (st == SF_OK && sorted(&r, &order) != SF_OK) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    /* store story -> stream story it is being placed in (+1; 0 none yet) */
    sf_map into;
    sf__map_init(&into);
    for (size_t k = 0; st == SF_OK && k < r.nrows; k++) {
        size_t i = order[k].i;
        int64_t story = sf__rows_int(&r, i, C_STORY, -1);
        uint64_t *slot = sf__map_slot(&into, (uint64_t)story);
        if (!slot) {
            st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
            break;
        }
        uint32_t sid = UINT32_MAX, want = *slot ? (uint32_t)(*slot - 1) : UINT32_MAX;
        st = add_row(a, &r, i, true, want, &sid, err);
        if (st != SF_OK) break;
        /* a story the stream retired meanwhile (quiet past its active days)
         * goes on as another stream story of the same store story */
        *slot = (uint64_t)sid + 1;
        int64_t cur;
        st = map_get(a, sid, &cur);
        if (st == SF_OK) a->store_of.items[sid] = story;
    }
    sf__map_release(&into);
    sf__free(order);
    sf__rows_release(&stories);
    sf__rows_release(&r);
    sf__rows_release(&part);
    if (st == SF_OK) {
        sf_stream_stats ss;
        sf__stream_stats(a->stream, &ss);
        a->merges = ss.merges + ss.splits;
        *out = a;
        return SF_OK;
    }
    sf__stream_destroy(a->stream);
    SF_VEC_FREE(&a->row);
    SF_VEC_FREE(&a->story);
    SF_VEC_FREE(&a->store_of);
    sf__free(a);
    return st;
}

static bool same_options(const sf_cluster_options *x, const sf_cluster_options *y) {
    return x->threshold == y->threshold && strcmp(x->lang ? x->lang : "", y->lang ? y->lang : "") == 0;
}

sf_status sf__store_assign(sf_store *s, const sf_store_options *o, int64_t gen, int64_t now,
                           ids *touched, sf_store_stats *stats, sf_error *err) {
    sf_cluster_options co;
    sf_cluster_options_default(&co);
    if (o->run && o->run->lang) co.lang = o->run->lang;
    if (o->run && o->run->story_threshold > 0) co.threshold = o->run->story_threshold;
    assigner *a = s->assign;
    if (a && (a->gen != gen || !same_options(&a->co, &co))) {
        sf__store_assign_drop(s);
        a = NULL;
    }
    if (!a) {
        SF_TRY(build(s, o, &co, &a, err));
        s->assign = a;
    }
    /* from here on a failure leaves the stream ahead of the store: the
     * caller drops the state */
    sf_rows r = {0};
    rowref *order = NULL;
    size_t first = a->row.n;
    sf_status st = sf__db_exec(s, SQL_NEW, 0, NULL, &r, err);
    if (st == SF_OK && sorted(&r, &order) != SF_OK) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    for (size_t k = 0; st == SF_OK && k < r.nrows; k++) st = add_row(a, &r, order[k].i, false, 0, NULL, err);
    int64_t next = 0;
    if (st == SF_OK) st = sf__db_int(s, SQL_NEXT_STORY, 0, NULL, 1, &next, err);
    /* only a merge or split moves stored articles: then every article the
     * stream holds is looked at, else only the batch's */
    sf_stream_stats ss;
    sf__stream_stats(a->stream, &ss);
    size_t from = ss.merges + ss.splits != a->merges ? 0 : first;
    a->merges = ss.merges + ss.splits;
    for (size_t seq = from; st == SF_OK && seq < a->row.n; seq++) {
        uint32_t sid = sf__stream_story_of(a->stream, seq);
        if (sid == UINT32_MAX) {
            st = sf__error_set(err, SF_ERR_INTERNAL, "store: article %zu has no story", seq);
            break;
        }
        int64_t to;
        st = map_get(a, sid, &to);
        if (st != SF_OK) break;
        if (to < 0) {
            to = a->store_of.items[sid] = next++;
            stats->stories_new++;
        }
        int64_t was = a->story.items[seq];
        if (to == was) continue;
        const char *id = NULL;
        int64_t version = 0;
        if (seq >= first) { /* a new article: its id and version are at hand */
            size_t i = order[seq - first].i;
            id = sf__rows_get(&r, i, C_ID);
            version = sf__rows_int(&r, i, C_VERSION, 1);
        }
        st = sf__store_move(s, a->row.items[seq], id, version, was, to, now, touched, err);
        if (st == SF_OK) a->story.items[seq] = to;
    }
    sf__free(order);
    sf__rows_release(&r);
    return st;
}

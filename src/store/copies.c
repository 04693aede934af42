/* copies.c - the store's near-duplicate index: the LSH band keys of every
 * stored article that is no copy, in the table article_bands (band key,
 * article row), so that a copy is found whatever story the clusterer puts
 * it in and however long after its original it arrives.
 *
 * The keys are those of the pipeline's duplicate finder (src/dedup: word
 * shingles, one-permutation MinHash cut into the bands that the S-curve of
 * the threshold asks for), so a pair the pipeline would call a copy shares
 * a band with the same probability. Candidates are verified on the shingle
 * sets of their stored texts, made again from the text (no sketch or set is
 * kept per article: the text is in the row already), with sf__similarity,
 * the measure of the pipeline's verification. Only articles that copy
 * nothing are indexed, as in the pipeline's index: every copy is verified
 * against its original, and the table grows with the distinct articles.
 *
 * A batch's keys are sent as one text parameter per statement (a JSON array
 * that SQLite reads with json_each, a bigint[] literal for PostgreSQL), so
 * an article costs one lookup and one insert whatever the number of bands. */
#include "store.h"

#include "../dedup/dedup.h"

#include <stdlib.h>
#include <string.h>

/* Keys are cut to 47 bits: SQLite then keeps each in 6 bytes instead of 8,
 * and two unrelated bands still meet with probability 2^-47 (a chance
 * meeting only costs a verification). */
#define KEY_MASK ((UINT64_C(1) << 47) - 1)
/* At most MAX_CANDIDATES candidates of an article are verified, those
 * sharing the most bands first: a copy at the threshold shares several
 * bands (about 5 of 21 at Jaccard 0.8), unrelated texts one. */
#define MAX_CANDIDATES 64
/* Stored articles read at a time when the index is built again. */
#define PAGE 1000
#define PAGE_TEXT "1000"

static const char SQL_SHAPE_READ[] = "SELECT value FROM storyfold_meta WHERE key = 'copies_shape'";
static const char SQL_SHAPE_WRITE[] =
    "INSERT INTO storyfold_meta(key, value) VALUES ('copies_shape', ?1)"
    " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
static const char SQL_CLEAR[] = "DELETE FROM article_bands";
static const char SQL_PAGE[] =
    "SELECT n, text FROM articles WHERE n > ?1 AND duplicate_of IS NULL ORDER BY n LIMIT " PAGE_TEXT;
/* OR IGNORE: the same INSERT ... SELECT with ON CONFLICT DO NOTHING (or
 * with no conflict clause) took 5 times as long in SQLite (measured). */
static const char SQL_ADD_SQLITE[] =
    "INSERT OR IGNORE INTO article_bands(band, article) SELECT value, ?2 FROM json_each(?1)";
static const char SQL_ADD_PG[] =
    "INSERT INTO article_bands(band, article) SELECT unnest(?1::bigint[]), ?2"
    " ON CONFLICT DO NOTHING";
static const char SQL_DROP_SQLITE[] =
    "DELETE FROM article_bands WHERE article = ?2 AND band IN (SELECT value FROM json_each(?1))";
static const char SQL_DROP_PG[] =
    "DELETE FROM article_bands WHERE article = ?2 AND band = ANY(?1::bigint[])";
/* One row per shared band; the bands are counted here (with GROUP BY and
 * ORDER BY SQLite builds two temporary b-trees per lookup: 4 times the
 * time, measured). */
static const char SQL_FIND_SQLITE[] =
    "SELECT article FROM article_bands WHERE band IN (SELECT value FROM json_each(?1))";
static const char SQL_FIND_PG[] = "SELECT article FROM article_bands WHERE band = ANY(?1::bigint[])";
static const char SQL_TEXT[] = "SELECT id, text FROM articles WHERE n = ?1";
static const char SQL_PREVIOUS[] =
    "SELECT text FROM article_versions WHERE article = ?1 ORDER BY version DESC LIMIT 1";
static const char SQL_MARK[] =
    "UPDATE articles SET duplicate_of = ?2, duplicate_similarity = ?3 WHERE n = ?1";

/* A candidate: its row and the bands it shares. */
typedef struct cand {
    int64_t row;
    size_t bands;
} cand;
typedef SF_VEC(cand) candvec;

typedef struct ctx {
    sf_store *s;
    candvec cands;
    sf_dedup_params p;
    sf_shingler sh;
    sf_u32vec set; /* a candidate's shingle set */
    sf_buf keys;   /* the keys as the statement's parameter */
    sf_error *err;
} ctx;

static sf_status nomem(ctx *x) { return sf__error_set(x->err, SF_ERR_NOMEM, "out of memory"); }

/* fp's keys as one parameter: "[k,...]" (SQLite) or "{k,...}" (PostgreSQL). */
static sf_status key_list(ctx *x, const sf_dedup_fp *fp) {
    bool pg = x->s->kind == SF_DB_PG;
    sf__buf_reset(&x->keys);
    sf__buf_addc(&x->keys, pg ? '{' : '[');
    for (unsigned b = 0; b < x->p.bands; b++)
        sf__buf_addf(&x->keys, "%s%llu", b ? "," : "", (unsigned long long)(fp->keys[b] & KEY_MASK));
    sf__buf_addc(&x->keys, pg ? '}' : ']');
    sf__buf_addc(&x->keys, '\0');
    return sf__buf_status(&x->keys) == SF_OK ? SF_OK : nomem(x);
}

static sf_status fingerprint(ctx *x, const char *text, sf_dedup_fp *fp) {
    sf_status st = sf__dedup_fingerprint(&x->p, &x->sh, text ? text : "", text ? strlen(text) : 0, fp);
    return st == SF_OK ? SF_OK : sf__error_set(x->err, st, "out of memory fingerprinting an article");
}

/* Add (sql: SQL_ADD_*) or take out (SQL_DROP_*) the keys of row's text. */
static sf_status keys_exec(ctx *x, const char *sql, int64_t row, const sf_dedup_fp *fp) {
    if (!fp->nset) return SF_OK; /* no words: never a copy, not indexed */
    SF_TRY(key_list(x, fp));
    return sf__db_exec(x->s, sql, 2, (sf_val[]){SV_S(x->keys.p), SV_I(row)}, NULL, x->err);
}

static const char *sql_add(const ctx *x) { return x->s->kind == SF_DB_PG ? SQL_ADD_PG : SQL_ADD_SQLITE; }

/* The index's shape: what the keys depend on (not the threshold itself:
 * thresholds whose S-curves pick the same bands share the keys). */
static void shape_of(const sf_dedup_params *p, char *out, size_t cap) {
    snprintf(out, cap, "method %d measure %d shingles %u bands %u rows %u", (int)p->method,
             (int)p->measure, p->shingle_words, p->bands, p->rows);
}

static int cmp_row(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Index every stored article that is no copy, except the batch's own
 * (sorted rows `skip`), which are looked up afterwards. */
static sf_status rebuild(ctx *x, const int64_t *skip, size_t nskip) {
    SF_TRY(sf__db_exec(x->s, SQL_CLEAR, 0, NULL, NULL, x->err));
    sf_rows r = {0};
    sf_status st = SF_OK;
    int64_t after = INT64_MIN;
    for (;;) {
        st = sf__db_exec(x->s, SQL_PAGE, 1, (sf_val[]){SV_I(after)}, &r, x->err);
        if (st != SF_OK || !r.nrows) break;
        for (size_t i = 0; st == SF_OK && i < r.nrows; i++) {
            int64_t row = sf__rows_int(&r, i, 0, 0);
            after = row;
            if (bsearch(&row, skip, nskip, sizeof *skip, cmp_row)) continue;
            sf_dedup_fp fp;
            st = fingerprint(x, sf__rows_get(&r, i, 1), &fp);
            if (st == SF_OK) st = keys_exec(x, sql_add(x), row, &fp);
            sf__dedup_fp_release(&fp);
        }
        if (st != SF_OK || r.nrows < PAGE) break;
    }
    sf__rows_release(&r);
    return st;
}

static int cand_cmp(const void *a, const void *b) {
    const cand *x = a, *y = b;
    if (x->bands != y->bands) return x->bands > y->bands ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static int cand_row_cmp(const void *a, const void *b) {
    const cand *x = a, *y = b;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The rows of r (one per shared band) as candidates in x->cands, those
 * sharing the most bands first (ties: the earliest stored), at most
 * MAX_CANDIDATES, without self. */
static sf_status candidates(ctx *x, const sf_rows *r, int64_t self) {
    x->cands.n = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        int64_t row = sf__rows_int(r, i, 0, -1);
        if (row < 0 || row == self) continue;
        if (SF_VEC_PUSH(&x->cands, ((cand){row, 1})) != SF_OK) return nomem(x);
    }
    if (!x->cands.n) return SF_OK;
    /* by row, each run counted, then by count */
    cand *c = x->cands.items;
    qsort(c, x->cands.n, sizeof *c, cand_row_cmp);
    size_t n = 0;
    for (size_t i = 0; i < x->cands.n; i++) {
        if (n && c[n - 1].row == c[i].row)
            c[n - 1].bands++;
        else
            c[n++] = c[i];
    }
    x->cands.n = n;
    qsort(c, n, sizeof *c, cand_cmp);
    if (x->cands.n > MAX_CANDIDATES) x->cands.n = MAX_CANDIDATES;
    return SF_OK;
}

/* The most similar stored candidate of fp at or above the threshold:
 * *best its row (-1: none), *id its article id (owned by *r). */
static sf_status best_match(ctx *x, int64_t self, const sf_dedup_fp *fp, sf_rows *r,
                            int64_t *best, double *sim, char **id) {
    *best = -1;
    *sim = 0;
    *id = NULL;
    SF_TRY(key_list(x, fp));
    sf_status st = sf__db_exec(x->s, x->s->kind == SF_DB_PG ? SQL_FIND_PG : SQL_FIND_SQLITE, 1,
                               (sf_val[]){SV_S(x->keys.p)}, r, x->err);
    if (st == SF_OK) st = candidates(x, r, self);
    const double t = x->p.threshold;
    for (size_t i = 0; st == SF_OK && i < x->cands.n; i++) {
        int64_t row = x->cands.items[i].row;
        st = sf__db_exec(x->s, SQL_TEXT, 1, (sf_val[]){SV_I(row)}, r, x->err);
        if (st != SF_OK || !r->nrows) continue;
        const char *text = sf__rows_get(r, 0, 1);
        st = sf__shingle_set(&x->sh, text ? text : "", text ? strlen(text) : 0, x->p.shingle_words,
                             &x->set, NULL, NULL);
        if (st != SF_OK) {
            st = sf__error_set(x->err, st, "out of memory fingerprinting an article");
            break;
        }
        /* SimHash finds candidates by Hamming distance, as the pipeline's
         * index does, before the sets are compared */
        if (x->p.method == SF_DEDUP_SIMHASH && x->set.n &&
            (unsigned)__builtin_popcountll(sf__simhash(x->set.items, x->set.n) ^ fp->simhash) >
                SF_SIMHASH_MAX_DIST)
            continue;
        double v = sf__similarity(x->p.measure, fp->set, fp->nset, x->set.items, x->set.n);
        if (v >= t && (v > *sim || (v == *sim && row < *best))) {
            *best = row;
            *sim = v;
            sf__free(*id);
            *id = sf__strndup(sf__rows_get(r, 0, 0), strlen(sf__rows_get(r, 0, 0)));
            if (!*id) st = nomem(x);
        }
    }
    return st;
}

typedef struct order_key {
    int64_t published;
    size_t len, index;
    int64_t row;
    bool changed;
} order_key;

/* The pipeline's canonical order (sf__dedup_order) over the batch. */
static int order_cmp(const void *a, const void *b) {
    const order_key *x = a, *y = b;
    return sf__dedup_order(x->published, x->len, x->index, y->published, y->len, y->index);
}

static int fresh_cmp(const void *a, const void *b) {
    const sf_fresh *x = a, *y = b;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* One fresh article: take its previous keys out (a new version), look it
 * up, then mark it a copy or index it. */
static sf_status one(ctx *x, const sf_corpus *c, const order_key *k, size_t *copies) {
    sf_rows r = {0};
    sf_dedup_fp fp = {0};
    sf_status st = SF_OK;
    if (k->changed) {
        st = sf__db_exec(x->s, SQL_PREVIOUS, 1, (sf_val[]){SV_I(k->row)}, &r, x->err);
        if (st == SF_OK && r.nrows) st = fingerprint(x, sf__rows_get(&r, 0, 0), &fp);
        if (st == SF_OK)
            st = keys_exec(x, x->s->kind == SF_DB_PG ? SQL_DROP_PG : SQL_DROP_SQLITE, k->row, &fp);
        sf__dedup_fp_release(&fp);
        if (st == SF_OK)
            st = sf__db_exec(x->s, SQL_MARK, 3, (sf_val[]){SV_I(k->row), SV_NULL, SV_NULL}, NULL, x->err);
    }
    const sf_article *a = sf_corpus_get(c, k->index);
    if (st == SF_OK) st = fingerprint(x, a->text, &fp);
    int64_t best = -1;
    double sim = 0;
    char *id = NULL;
    if (st == SF_OK && fp.nset) st = best_match(x, k->row, &fp, &r, &best, &sim, &id);
    if (st == SF_OK && best >= 0) {
        char v[32];
        snprintf(v, sizeof v, "%.17g", sim);
        st = sf__db_exec(x->s, SQL_MARK, 3, (sf_val[]){SV_I(k->row), SV_S(id), SV_S(v)}, NULL, x->err);
        (*copies)++;
    } else if (st == SF_OK) {
        st = keys_exec(x, sql_add(x), k->row, &fp);
    }
    sf__free(id);
    sf__dedup_fp_release(&fp);
    sf__rows_release(&r);
    return st;
}

sf_status sf__store_copies(sf_store *s, const sf_run_options *run, const sf_corpus *c,
                           sf_freshvec *fresh, size_t *copies, sf_error *err) {
    *copies = 0;
    if (!fresh->n) return SF_OK;
    ctx x = {.s = s, .err = err};
    sf_dedup_options d = SF_DEDUP_OPTIONS_INIT;
    if (run && run->dup_threshold > 0) d.threshold = run->dup_threshold;
    SF_TRY(sf__dedup_params(&d, &x.p, err));
    /* an article stored twice in one batch: its last text, and whether the
     * row was there before the batch */
    qsort(fresh->items, fresh->n, sizeof *fresh->items, fresh_cmp);
    size_t n = 0;
    for (size_t i = 0; i < fresh->n; i++) {
        if (n && fresh->items[n - 1].row == fresh->items[i].row) {
            fresh->items[n - 1].index = fresh->items[i].index;
            continue;
        }
        fresh->items[n++] = fresh->items[i];
    }
    fresh->n = n;
    order_key *ord = sf__calloc(n, sizeof *ord);
    int64_t *rows = sf__calloc(n, sizeof *rows);
    if (!ord || !rows) {
        sf__free(ord);
        sf__free(rows);
        return nomem(&x);
    }
    for (size_t i = 0; i < n; i++) {
        const sf_article *a = sf_corpus_get(c, fresh->items[i].index);
        ord[i] = (order_key){a->published, a->text_len, fresh->items[i].index, fresh->items[i].row,
                             fresh->items[i].changed};
        rows[i] = fresh->items[i].row; /* sorted: fresh is in row order */
    }
    qsort(ord, n, sizeof *ord, order_cmp);
    sf__shingler_init(&x.sh);
    sf__buf_init(&x.keys, 0);
    char shape[128];
    shape_of(&x.p, shape, sizeof shape);
    sf_rows r = {0};
    sf_status st = sf__db_exec(s, SQL_SHAPE_READ, 0, NULL, &r, err);
    if (st == SF_OK && (!r.nrows || !sf__rows_get(&r, 0, 0) || strcmp(sf__rows_get(&r, 0, 0), shape) != 0)) {
        st = rebuild(&x, rows, n);
        if (st == SF_OK) st = sf__db_exec(s, SQL_SHAPE_WRITE, 1, (sf_val[]){SV_S(shape)}, NULL, err);
    }
    sf__rows_release(&r);
    for (size_t i = 0; st == SF_OK && i < n; i++) st = one(&x, c, &ord[i], copies);
    sf__shingler_release(&x.sh);
    SF_VEC_FREE(&x.set);
    SF_VEC_FREE(&x.cands);
    sf__buf_release(&x.keys);
    sf__free(ord);
    sf__free(rows);
    return st;
}

/* common.h - internal building blocks shared by every stage: allocation,
 * errors, string views, a growable buffer with a size cap, a parsing cursor,
 * an arena and growable arrays. Depends on nothing but the public header.
 */
#ifndef SF_COMMON_H
#define SF_COMMON_H

#include "storyfold.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define SF_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SF_PRINTF(f, a)
#endif

#define SF_MIN(a, b) ((a) < (b) ? (a) : (b))
#define SF_MAX(a, b) ((a) > (b) ? (a) : (b))
#define SF_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Forward a failure: `SF_TRY(f(x));` returns f's status when it is not SF_OK. */
#define SF_TRY(expr)                                                                    \
    do {                                                                                \
        sf_status sf__try_st = (expr);                                                  \
        if (sf__try_st != SF_OK) return sf__try_st;                                      \
    } while (0)

/* ----------------------------------------------------------- allocation */
void *sf__malloc(size_t n);
void *sf__calloc(size_t count, size_t size); /* overflow-checked, zeroed */
void *sf__realloc(void *p, size_t n);
void sf__free(void *p);
char *sf__strndup(const char *s, size_t n); /* NUL-terminated copy */
void sf__advise_huge(void *p, size_t n); /* ask for huge pages (Linux), no-op elsewhere */

/* Grow *items (of `elem` bytes each) so that it holds at least `need`
 * elements; doubles the capacity. Returns SF_ERR_NOMEM on failure and leaves
 * the array untouched. */
sf_status sf__grow(void **items, size_t *cap, size_t need, size_t elem);

/* A typed growable array: `SF_VEC(int) v = {0};` then SF_VEC_PUSH(&v, x). */
#define SF_VEC(T)                                                                       \
    struct {                                                                            \
        T *items;                                                                       \
        size_t n, cap;                                                                  \
    }
#define SF_VEC_RESERVE(v, need)                                                         \
    sf__grow((void **)&(v)->items, &(v)->cap, (need), sizeof(*(v)->items))
#define SF_VEC_PUSH(v, x)                                                               \
    (SF_VEC_RESERVE((v), (v)->n + 1) == SF_OK ? ((v)->items[(v)->n++] = (x), SF_OK)      \
                                              : SF_ERR_NOMEM)
#define SF_VEC_FREE(v) (sf__free((v)->items), (v)->items = NULL, (v)->n = (v)->cap = 0)

/* --------------------------------------------------------------- errors */
/* Fill err (may be NULL) with a formatted message; returns `st`. */
sf_status sf__error_set(sf_error *err, sf_status st, const char *fmt, ...) SF_PRINTF(3, 4);
void sf__error_clear(sf_error *err);

/* ----------------------------------------------------------------- view */
typedef struct sf_view {
    const char *p;
    size_t n;
} sf_view;

#define SF_VIEW_LIT(s) ((sf_view){(s), sizeof(s) - 1})
static inline sf_view sf__view(const char *p, size_t n) { return (sf_view){p, n}; }
static inline sf_view sf__view_cstr(const char *s) { return (sf_view){s, s ? strlen(s) : 0}; }
bool sf__view_eq(sf_view a, sf_view b);
bool sf__view_eq_nocase(sf_view a, sf_view b); /* ASCII case-insensitive */
sf_view sf__view_trim(sf_view v);              /* ASCII white space */
bool sf__view_ends_with_nocase(sf_view v, const char *suffix);
/* How much of an article text of n bytes the analyses read: all of it up
 * to SF_ANALYZE_MAX_BYTES, else up to the last white space before that
 * bound (or a UTF-8 character boundary when there is none in its last
 * 64 KiB). */
size_t sf__analyzed_length(const char *text, size_t n);

/* --------------------------------------------------------------- buffer */
/* A growable byte buffer, always NUL-terminated when non-empty, with a cap.
 * Errors are sticky: after a failed append every later append is a no-op and
 * sf__buf_status() reports the failure, so builders check once at the end.
 * On failure the memory is released (curl's dynbuf). */
typedef struct sf_buf {
    char *p;
    size_t n, cap, max;
    sf_status st;
} sf_buf;

#define SF_BUF_DEFAULT_MAX ((size_t)1 << 31)
void sf__buf_init(sf_buf *b, size_t max); /* max 0: SF_BUF_DEFAULT_MAX */
void sf__buf_release(sf_buf *b);
void sf__buf_reset(sf_buf *b); /* length 0, keeps memory, clears error */
sf_status sf__buf_add(sf_buf *b, const void *p, size_t n);
/* Room for `extra` more bytes (and the NUL) without another allocation. */
sf_status sf__buf_reserve(sf_buf *b, size_t extra);
sf_status sf__buf_addc(sf_buf *b, char c);
sf_status sf__buf_adds(sf_buf *b, const char *s);
sf_status sf__buf_addf(sf_buf *b, const char *fmt, ...) SF_PRINTF(2, 3);
static inline sf_status sf__buf_status(const sf_buf *b) { return b->st; }
/* Hand the bytes to the caller (release with sf__free); buffer becomes empty.
 * Returns an allocated "" for an empty buffer, NULL after a failure. */
char *sf__buf_detach(sf_buf *b, size_t *len);
static inline const char *sf__buf_cstr(const sf_buf *b) { return b->p ? b->p : ""; }

/* ----------------------------------------------------------------- file */
/* Append everything f (or the file at path) holds to `out`, whose cap
 * (sf__buf_init's max) limits the size. Errors name the file: "PATH: cannot
 * open [WHAT]: ..." (`what`, e.g. "alias file", may be NULL), "PATH: more than the limit of N bytes", "PATH: read failed".
 * On a read failure the buffer is released. */
sf_status sf__read_stream(FILE *f, const char *name, sf_buf *out, sf_error *err);
sf_status sf__read_file(const char *path, const char *what, sf_buf *out, sf_error *err);

/* --------------------------------------------------------------- cursor */
/* A read cursor over a byte range, used by every parser (curl's strparse).
 * It never reads past `end`; `line` counts the newlines consumed (1-based). */
typedef struct sf_cur {
    const char *p, *start, *end;
    size_t line;
} sf_cur;

void sf__cur_init(sf_cur *c, const char *p, size_t n);
static inline bool sf__cur_eof(const sf_cur *c) { return c->p >= c->end; }
static inline size_t sf__cur_left(const sf_cur *c) { return (size_t)(c->end - c->p); }
static inline size_t sf__cur_offset(const sf_cur *c) { return (size_t)(c->p - c->start); }
/* Current byte, or -1 at the end. */
static inline int sf__cur_peek(const sf_cur *c) { return c->p < c->end ? (unsigned char)*c->p : -1; }
void sf__cur_advance(sf_cur *c, size_t n); /* clamps; counts newlines */
void sf__cur_skip_ws(sf_cur *c);           /* ASCII white space */
/* True (and consumes it) when the input continues with `lit`. */
bool sf__cur_accept(sf_cur *c, const char *lit);
bool sf__cur_accept_nocase(sf_cur *c, const char *lit);
bool sf__cur_starts_nocase(const sf_cur *c, const char *lit);
/* Take one line without its "\n" or "\r\n"; false at the end of input. */
bool sf__cur_line(sf_cur *c, sf_view *line);
/* Take bytes up to (not including) `lit`, case-insensitive; the cursor stops
 * at `lit`. Returns false, taking the rest, when `lit` does not occur. */
bool sf__cur_until_nocase(sf_cur *c, const char *lit, sf_view *out);
/* Take a run of bytes for which `pred` holds. */
sf_view sf__cur_span(sf_cur *c, int (*pred)(int));
/* Take between min_digits and max_digits (at most 19) ASCII digits as an
 * unsigned number. Returns false, taking nothing, when fewer than min_digits
 * follow. */
bool sf__cur_uint(sf_cur *c, size_t min_digits, size_t max_digits, uint64_t *out);
/* Take bytes up to (not including) the first byte that is in `set`; the
 * cursor stops there. Returns false, taking the rest, when none occurs. */
bool sf__cur_until_any(sf_cur *c, const char *set, sf_view *out);

/* ---------------------------------------------------------------- arena */
/* Bump allocator for data that dies together (one article, one batch). */
typedef struct sf_arena_block sf_arena_block;
typedef struct sf_arena {
    sf_arena_block *head;
    size_t block_size;
    size_t total;
} sf_arena;

void sf__arena_init(sf_arena *a, size_t block_size); /* 0: 64 KiB */
void sf__arena_release(sf_arena *a);
void *sf__arena_alloc(sf_arena *a, size_t n); /* 16-byte aligned; NULL on failure */
char *sf__arena_strndup(sf_arena *a, const char *s, size_t n);
/* a takes over every block of `from` (its allocations live until a is
 * released); `from` is left empty. */
void sf__arena_adopt(sf_arena *a, sf_arena *from);

/* ----------------------------------------------------------------- pool */
/* Items 0..n-1 on `threads` threads (0: one), taken `grain` at a time, the
 * calling thread working too (pool.c). Each other thread gets its state from
 * init (NULL: that thread does no work) and gives it back to fini; the
 * calling thread uses caller_state, or init and fini when it is NULL. A job
 * whose threads need no state of their own leaves init and fini NULL: each
 * thread's state is then `user`.
 * Returns the status of the first failing item in item order (*failed, may
 * be NULL, receives its index, SIZE_MAX when none failed); after a failure
 * no new items are taken. */
typedef struct sf_pool_job {
    void *user;
    void *(*init)(void *user);
    sf_status (*item)(void *user, void *state, size_t i);
    void (*fini)(void *user, void *state);
} sf_pool_job;
/* One thread per online core (1 to 64): what --threads 0 means. */
unsigned sf__default_threads(void);
sf_status sf__pool_run(const sf_pool_job *job, size_t n, size_t grain, unsigned threads,
                       void *caller_state, size_t *failed);
/* Items 0..n-1 on `threads` threads (job->init and fini unused: each item
 * gets job->user), and emit(user, i) called on the calling thread for each
 * item in index order once it is done, while the threads go on with later
 * items, at most `ahead` items past the last emitted. The calling thread
 * works on items between emits. Returns the first failure of an item or an
 * emit in index order: every item before a failing item is emitted, nothing
 * after a failing emit is. */
sf_status sf__pool_run_ordered(const sf_pool_job *job, size_t n, unsigned threads, size_t ahead,
                               sf_status (*emit)(void *user, size_t i));

/* ----------------------------------------------------------------- hash */
uint64_t sf__hash64(const void *p, size_t n, uint64_t seed); /* xxh3 */

/* ------------------------------------------------------------ u64 map */
/* Open-addressing hash map from 64-bit keys (e.g. sf__hash64 of a term) to
 * 64-bit values. Key 0 is reserved (mapped internally), so any key is ok. */
typedef struct sf_map {
    uint64_t *keys;
    uint64_t *vals;
    size_t n, cap; /* cap is a power of two or 0 */
    bool has_zero;
    uint64_t zero_val;
} sf_map;

void sf__map_init(sf_map *m);
void sf__map_release(sf_map *m);
/* Pointer to the value of `key`, inserting 0 when absent; NULL on no memory.
 * The pointer is valid until the next insertion. */
uint64_t *sf__map_slot(sf_map *m, uint64_t key);
/* Pointer to the value of `key`, or NULL when absent. */
uint64_t *sf__map_find(const sf_map *m, uint64_t key);
static inline size_t sf__map_count(const sf_map *m) { return m->n + (m->has_zero ? 1 : 0); }

/* ----------------------------------------------------------------- time */
/* Parse an ISO 8601 date or date-time ("2017-07-04", "2017-07-04T10:00:00Z",
 * "+02:00" offsets, "1999-07-07 08:30:27") into seconds since the epoch UTC.
 * Without a zone, UTC is assumed. Returns false when it is not such a date. */
bool sf__parse_iso8601(sf_view v, int64_t *out);
/* Format as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void sf__format_iso8601(int64_t t, char buf[32]);
int64_t sf__days_from_civil(int64_t y, unsigned m, unsigned d);
/* The years a date may have anywhere in storyfold (docs/input-limits.md):
 * a date outside them is refused by the readers, so that time arithmetic
 * (gaps, paces) never comes near the int64 limits. */
#define SF__YEAR_MIN 1800
#define SF__YEAR_MAX 2200
#define SF__TIME_MIN (-5364662400LL)  /* 1800-01-01T00:00:00Z */
#define SF__TIME_MAX (7289654399LL)   /* 2200-12-31T23:59:59Z */
unsigned sf__days_in_month(int64_t y, unsigned m); /* 0 for a month outside 1..12 */
/* A real calendar day within SF__YEAR_MIN..SF__YEAR_MAX. */
bool sf__date_valid(int64_t y, unsigned m, unsigned d);
/* Epoch seconds within SF__TIME_MIN..SF__TIME_MAX. */
bool sf__time_in_range(int64_t t);

#endif

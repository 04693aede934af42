/* storyfold.h - the one public header of the storyfold news-fusion library.
 *
 * storyfold reads news articles, finds copies, groups articles that report the
 * same event into stories and writes a cited summary per story. Every object
 * here is opaque or plain read-only data; every function returns an sf_status
 * (or documents how it reports failure) and never prints, exits or aborts.
 *
 * Ownership: a pointer returned by a getter belongs to the object it was read
 * from and stays valid until that object is destroyed, unless said otherwise.
 * Memory that a function hands to the caller is released with sf_free().
 */
#ifndef STORYFOLD_H
#define STORYFOLD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SF_VERSION_STRING "0.1.0"

/* ---------------------------------------------------------------- status */

/* Stable status codes: values never change once released. */
typedef enum sf_status {
    SF_OK = 0,
    SF_ERR_NOMEM = 1,      /* an allocation failed or a size cap was hit */
    SF_ERR_IO = 2,         /* a file could not be opened, read or written */
    SF_ERR_PARSE = 3,      /* input is malformed (message says where and what) */
    SF_ERR_ENCODING = 4,   /* text could not be decoded or normalized */
    SF_ERR_ARG = 5,        /* a caller passed an invalid argument */
    SF_ERR_UNSUPPORTED = 6,/* a format, language or option this build lacks */
    SF_ERR_TOO_LARGE = 7,  /* input exceeds a documented limit */
    SF_ERR_INTERNAL = 8,   /* a library (ICU, json-c, ...) failed unexpectedly */
    SF_ERR_EMPTY = 9       /* there was nothing to read */
} sf_status;

/* Name of a status code ("parse error", ...). Static string, never NULL. */
const char *sf_strerror(sf_status code);

/* A status with a message that says where and what. Callers own the struct;
 * functions that take an `sf_error *` fill it on failure (NULL is allowed). */
typedef struct sf_error {
    sf_status status;
    char message[512];
} sf_error;

/* ------------------------------------------------------------- allocator */

/* Replace the allocator used by the whole library. Call before any other
 * function; all three must be given. Not thread-safe with respect to
 * concurrent allocation. */
void sf_set_allocator(void *(*malloc_fn)(size_t), void *(*realloc_fn)(void *, size_t),
                      void (*free_fn)(void *));
/* Release memory that a storyfold function handed to the caller. NULL is ok. */
void sf_free(void *p);

/* ------------------------------------------------------------- articles */

/* Publication time in seconds since 1970-01-01 UTC, or SF_TIME_UNKNOWN. */
#define SF_TIME_UNKNOWN INT64_MIN

/* One article. All strings are NUL-terminated UTF-8 (invalid bytes were
 * replaced by U+FFFD when read); a missing field is "" (never NULL).
 * `origin` says where the article came from ("path:line" or "path"). */
typedef struct sf_article {
    const char *id;
    const char *title;
    const char *text;
    const char *source;
    const char *url;
    const char *origin;
    size_t text_len;
    int64_t published;
} sf_article;

/* A collection of articles, in the order they were added. */
typedef struct sf_corpus sf_corpus;

sf_corpus *sf_corpus_create(void);
void sf_corpus_destroy(sf_corpus *c);
/* Copies every string of `a` (NULL fields become ""). Invalid UTF-8 and NUL
 * bytes are replaced; their count is added to sf_corpus_replaced(). */
sf_status sf_corpus_add(sf_corpus *c, const sf_article *a, sf_error *err);
size_t sf_corpus_count(const sf_corpus *c);
/* Article i (0-based), owned by the corpus; NULL when i is out of range. */
const sf_article *sf_corpus_get(const sf_corpus *c, size_t i);
/* Number of invalid bytes replaced while adding articles. */
size_t sf_corpus_replaced(const sf_corpus *c);

/* --------------------------------------------------------------- readers */

typedef enum sf_format {
    SF_FORMAT_AUTO = 0, /* detect from the name, then from the content */
    SF_FORMAT_TEXT = 1, /* plain text: first non-empty line is the title */
    SF_FORMAT_JSONL = 2,/* JSON Lines: id, title, text, source, url, published */
    SF_FORMAT_SGML = 3  /* TREC/DUC newswire: <DOC><DOCNO>...<TEXT><P>... */
} sf_format;

/* Name of a format ("text", "jsonl", "sgml", "auto"). */
const char *sf_format_name(sf_format f);
/* Parse a format name; returns SF_ERR_ARG for an unknown one. */
sf_status sf_format_parse(const char *name, sf_format *out);

/* One problem met while reading. `file` and `message` are valid only during
 * the callback. `line` is 1-based (0 when not known); `record` is the 1-based
 * index of the record within the file (0 when not known). */
typedef struct sf_diag {
    sf_status status;
    const char *file;
    size_t line;
    size_t record;
    const char *message;
} sf_diag;

typedef void (*sf_diag_fn)(void *user, const sf_diag *d);

typedef struct sf_read_options {
    sf_format format;    /* SF_FORMAT_AUTO unless forced */
    int strict;          /* nonzero: the first bad record stops the read */
    size_t max_file_bytes; /* 0: default limit (1 GiB) */
    sf_diag_fn on_diag;  /* called for each bad record, file or skipped entry */
    void *user;
} sf_read_options;

/* Read a file, a directory (recursively, in name order) or "-" (standard
 * input) into `c`. Bad records are reported through on_diag and skipped; the
 * return is SF_OK when everything that could be read was read, or the status
 * of the first failure when options->strict is set or the path itself could
 * not be opened. */
sf_status sf_read_path(sf_corpus *c, const char *path, const sf_read_options *o,
                       sf_error *err);
/* Read articles from memory; `name` is used for ids and messages. */
sf_status sf_read_memory(sf_corpus *c, const char *name, const char *data, size_t n,
                         const sf_read_options *o, sf_error *err);

/* ------------------------------------------------------------------ text */

/* A byte range [begin, end) into the text it was computed from. */
typedef struct sf_span {
    size_t begin;
    size_t end;
} sf_span;

/* Split `text` into sentences. `lang` is an ISO 639-1 code ("en"); NULL means
 * "en". On success *out is an array of *count spans (release with sf_free);
 * spans are trimmed of surrounding white space and never empty. */
sf_status sf_sentences(const char *text, size_t n, const char *lang, sf_span **out,
                       size_t *count, sf_error *err);

/* ------------------------------------------------------------- pipeline */

typedef struct sf_run_options {
    const char *lang;         /* NULL: "en" */
    double dup_threshold;     /* near-duplicate Jaccard; 0: default (0.8) */
    double story_threshold;   /* story similarity to join; 0: default */
    size_t summary_words;     /* summary length budget; 0: default (100) */
} sf_run_options;

/* The stories found in a corpus. Holds pointers into the corpus, which must
 * outlive it. */
typedef struct sf_result sf_result;

/* Runs the whole pipeline: duplicates, stories, summaries. */
sf_status sf_run(const sf_corpus *c, const sf_run_options *o, sf_result **out,
                 sf_error *err);
void sf_result_destroy(sf_result *r);

size_t sf_result_story_count(const sf_result *r);
/* Headline of story s (owned by the result). */
const char *sf_story_headline(const sf_result *r, size_t s);
/* Article indexes (into the corpus) of story s, in publication order. */
const size_t *sf_story_articles(const sf_result *r, size_t s, size_t *count);
/* Summary of story s: *count sentences. */
size_t sf_story_summary_count(const sf_result *r, size_t s);
/* Sentence k of the summary of story s; *sources receives the corpus indexes
 * of the articles that say it (owned by the result). */
const char *sf_story_summary_sentence(const sf_result *r, size_t s, size_t k,
                                      const size_t **sources, size_t *nsources);
/* Corpus index of the article that article i copies, or SIZE_MAX. */
size_t sf_result_duplicate_of(const sf_result *r, size_t i);

/* --------------------------------------------------------------- output */

/* Write the result as JSON (see docs/json-output.md) or Markdown. */
sf_status sf_write_json(const sf_result *r, const sf_corpus *c, FILE *f, sf_error *err);
sf_status sf_write_markdown(const sf_result *r, const sf_corpus *c, FILE *f,
                            sf_error *err);

#ifdef __cplusplus
}
#endif
#endif

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
 *
 * Threads: the library keeps no mutable global state except the allocator
 * (sf_set_allocator, to be called before anything else) and tables built once
 * behind pthread_once (stopwords, hash permutations, libxml2's parser set-up).
 * Objects (sf_corpus, sf_result, sf_dedup_index, sf_rouge, ...) are not
 * locked: one object is used by one thread at a time, while different objects
 * may be used from different threads at once. A const object (a finished
 * corpus or result) may be read from several threads at once.
 * tests/unit/test_threads.c runs four pipelines at once under ThreadSanitizer.
 */
#ifndef STORYFOLD_H
#define STORYFOLD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "storyfold_version.h"

/* The version of the library the program runs with ("0.1.0"), which may differ
 * from SF_VERSION_STRING, the version it was compiled against. Static string. */
const char *sf_version(void);

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
    /* Read from web pages (other readers leave them ""/unknown): the byline,
     * the ISO 639-1 language the page declares, and the last modification
     * time (SF_TIME_UNKNOWN when unknown; 0 given to sf_corpus_add also
     * means unknown). */
    const char *author;
    const char *lang;
    int64_t modified;
} sf_article;

/* A collection of articles, in the order they were added. */
typedef struct sf_corpus sf_corpus;

sf_corpus *sf_corpus_create(void);
void sf_corpus_destroy(sf_corpus *c);
/* Copies every string of `a` (NULL fields become ""). Invalid UTF-8 and NUL
 * bytes are replaced; their count is added to sf_corpus_replaced().
 * Ids are unique in a corpus, as the readers keep them: an id already there is
 * renamed "ID#2" (then "#3", ...; the first 4096 bytes of the id are kept)
 * and counted in sf_corpus_renamed(); the article is never dropped.
 * `published` and a nonzero `modified` must be SF_TIME_UNKNOWN or within
 * SF_TIME_MIN..SF_TIME_MAX (1800-01-01 to 2200-12-31, the readers' range):
 * otherwise SF_ERR_ARG, naming the article, and nothing is added. */
sf_status sf_corpus_add(sf_corpus *c, const sf_article *a, sf_error *err);
#define SF_TIME_MIN (-5364662400LL) /* 1800-01-01T00:00:00Z */
#define SF_TIME_MAX (7289654399LL)  /* 2200-12-31T23:59:59Z */
/* Longest part of an article's text that names, facts, quotes and summary
 * sentences are taken from (cut at a space before it); the whole text is
 * still deduplicated and clustered. Far above any news article (a book is
 * 1-2 MiB); it bounds the time and memory of one huge article. */
#define SF_ANALYZE_MAX_BYTES ((size_t)4 << 20)
/* Number of articles sf_corpus_add renamed because their id was taken. */
size_t sf_corpus_renamed(const sf_corpus *c);
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
    SF_FORMAT_SGML = 3, /* TREC/DUC newswire: <DOC><DOCNO>...<TEXT><P>... */
    SF_FORMAT_HTML = 4, /* one web page; its main text becomes the article */
    SF_FORMAT_WARC = 5  /* WARC 1.0/1.1 crawl, plain or gzip'd: HTML responses */
} sf_format;

/* Name of a format ("text", "jsonl", "sgml", "html", "warc", "auto"). */
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
    /* Bytes compressed input (gzip'd WARC) may expand to; past it the rest of
     * the file is skipped with one message. 0: the larger of 256 MiB and 100
     * times the compressed bytes read so far (real pages compress 5-20x; a
     * gzip bomb about 1000x). */
    uint64_t max_expand;
    /* Which files of a directory are read (shell globs, fnmatch(3), matched
     * against an entry's name and against its whole path): an entry that
     * matches an exclude pattern is left out (a directory with all it
     * holds); with include patterns, only files that match one are read.
     * Paths given to sf_read_path itself are always read. NULL/0: all. */
    const char *const *include;
    size_t ninclude;
    const char *const *exclude;
    size_t nexclude;
    /* Called after each file of a directory is read, for a progress display:
     * stage "files", done = the files read so far by this sf_read_path, total
     * 0 (unknown). NULL: no reports. */
    void (*progress)(void *user, const char *stage, size_t done, size_t total);
    void *progress_user;
    /* Threads that read the files of a directory (0: one per core, up to 64).
     * What is read, how ids are made unique and every on_diag and progress
     * call (all on the calling thread, in name order) are the same for any
     * number. */
    unsigned threads;
} sf_read_options;
/* The defaults (every field zero means "default"); use it so that fields
 * added later start at their defaults: sf_read_options o = SF_READ_OPTIONS_INIT; */
#define SF_READ_OPTIONS_INIT {0}

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

/* ----------------------------------------------------------- duplicates */

/* How similar two texts are, over their sets of word shingles (k consecutive
 * words, case and punctuation ignored): Jaccard resemblance |A∩B| / |A∪B|,
 * or containment |A∩B| / min(|A|, |B|) (Broder 1997: a copy cut to its first
 * half is contained in the whole). Containment applies when the shorter text
 * has at least 25 shingles (about 30 words); shorter pairs use Jaccard. */
typedef enum sf_dedup_measure {
    SF_DEDUP_JACCARD = 0,
    SF_DEDUP_CONTAINMENT = 1
} sf_dedup_measure;

/* How candidates are found before they are verified exactly. */
typedef enum sf_dedup_method {
    SF_DEDUP_OPH = 0,     /* default: one-permutation MinHash (K=128 bins, optimal
                             densification) + LSH bands; as accurate as MinHash
                             and about 3x faster, measured */
    SF_DEDUP_MINHASH = 1, /* MinHash with K=128 permutations + LSH bands */
    SF_DEDUP_SIMHASH = 2  /* 64-bit SimHash, Hamming distance <= 3: misses copies
                             below about 0.95 Jaccard, measured */
} sf_dedup_method;

typedef struct sf_dedup_options {
    double threshold;          /* on `measure`; 0: default (0.8) */
    sf_dedup_measure measure;  /* default SF_DEDUP_JACCARD */
    sf_dedup_method method;    /* default SF_DEDUP_OPH */
    unsigned shingle_words;    /* k; 0: default (5) */
    unsigned threads;          /* 0: two (the cores this library aims at) */
} sf_dedup_options;
#define SF_DEDUP_OPTIONS_INIT {0} /* the defaults */

/* Find the copies in a corpus. For each article i, dup_of[i] receives the
 * corpus index of the article it copies (its group's canonical article) or
 * SIZE_MAX, and similarity[i] (may be NULL) its measured similarity to that
 * article (0 when dup_of[i] is SIZE_MAX). Both arrays have
 * sf_corpus_count(c) elements and belong to the caller. The canonical
 * article of a group is the earliest published (unknown dates last), then
 * the longest, then the first in the corpus; every copy's similarity to it
 * is at least the threshold. Articles without words are never copies. */
sf_status sf_dedup_corpus(const sf_corpus *c, const sf_dedup_options *o, size_t *dup_of,
                          double *similarity, sf_error *err);

/* An incremental near-duplicate index: each article queries, then joins.
 * Not thread-safe: use one index from one thread at a time. Memory: at most
 * 2.5 bytes per distinct shingle (roughly one per word) plus about 700 bytes
 * per article for the LSH tables (about 2 KB per news article in all,
 * measured); sf_dedup_index_memory() says exactly. */
typedef struct sf_dedup_index sf_dedup_index;

/* One indexed article similar to a query: its item number (0-based, in the
 * order added) and its verified similarity. */
typedef struct sf_dedup_match {
    size_t item;
    double similarity;
} sf_dedup_match;

/* Create an empty index (o may be NULL for the defaults). NULL on failure
 * (err says why). Destroy with sf_dedup_index_destroy (NULL is ok). */
sf_dedup_index *sf_dedup_index_create(const sf_dedup_options *o, sf_error *err);
void sf_dedup_index_destroy(sf_dedup_index *ix);
/* Articles indexed so far. */
size_t sf_dedup_index_count(const sf_dedup_index *ix);
/* Id given when item was added (owned by the index), NULL when out of range. */
const char *sf_dedup_index_id(const sf_dedup_index *ix, size_t item);
/* Bytes of memory the index holds. */
size_t sf_dedup_index_memory(const sf_dedup_index *ix);

/* Indexed articles whose similarity to text[0..n) reaches the threshold,
 * verified on the shingle sets, most similar first. *out (release with
 * sf_free; NULL when *count is 0) and *count receive them. */
sf_status sf_dedup_index_query(sf_dedup_index *ix, const char *text, size_t n,
                               sf_dedup_match **out, size_t *count, sf_error *err);
/* Query (when out is not NULL) and then add the text under `id` (copied;
 * NULL is ""). *item (may be NULL) receives its item number. A text without
 * words is added but never matches. */
sf_status sf_dedup_index_add(sf_dedup_index *ix, const char *id, const char *text, size_t n,
                             size_t *item, sf_dedup_match **out, size_t *count,
                             sf_error *err);
/* Write the index to a file (versioned binary format with an XXH3 checksum)
 * and read it back; a truncated, corrupted or foreign file is refused with
 * SF_ERR_PARSE. On success *out is a new index the caller destroys. */
sf_status sf_dedup_index_save(const sf_dedup_index *ix, const char *path, sf_error *err);
sf_status sf_dedup_index_load(const char *path, sf_dedup_index **out, sf_error *err);
/* The options the index was made with (threads: 0), e.g. of a loaded one. */
void sf_dedup_index_options(const sf_dedup_index *ix, sf_dedup_options *o);
/* Group a corpus against and into an index (a crawl deduplicated day by
 * day): articles are taken in canonical order (see sf_dedup_corpus); one
 * that reaches the threshold against an indexed article is its copy
 * (copy_of[i] = that item, similarity[i] the verified similarity) and is
 * not indexed; any other article with words joins the index under its id
 * (item[i] = its new item number). Unused entries are SIZE_MAX (and 0).
 * The arrays have sf_corpus_count(c) elements and belong to the caller;
 * item and similarity may be NULL. Fingerprints on the index's threads. */
sf_status sf_dedup_index_add_corpus(sf_dedup_index *ix, const sf_corpus *c, size_t *item,
                                    size_t *copy_of, double *similarity, sf_error *err);

/* ------------------------------------------------------------- pipeline */

/* Called between the steps of a run, for a progress display: `stage` is a
 * static string ("copies", "stories", "summaries"), `done` of `total` units
 * (total 0: unknown). Must not call back into the library. */
typedef void (*sf_progress_fn)(void *user, const char *stage, size_t done, size_t total);

typedef struct sf_run_options {
    sf_progress_fn progress;  /* NULL: no progress reports */
    void *progress_user;
    const char *lang;         /* NULL: "en" */
    double dup_threshold;     /* near-duplicate Jaccard; 0: default (0.8) */
    double story_threshold;   /* story similarity to join; 0: default */
    size_t summary_words;     /* summary length budget; 0: default (100) */
    int summary_method;       /* 0: concept coverage (default), 1: centroid,
                                 2: concept coverage, exact integer program,
                                 3: coverage plus diversity (Lin and Bilmes) */
    int summary_compress;     /* nonzero: summary sentences lose their opening
                                 connective, short parentheses and the time
                                 and place of "said" (English; off by default) */
    const char *query;        /* NULL: generic summaries; else what the reader
                                 asks (a topic, a question): concepts that
                                 share its words weigh more */
    const char *aliases_path; /* NULL: the bundled alias list only; else a
                                 file of alias groups (docs/aliases.md) read
                                 once per run and added to it; the caller
                                 owns the string. A bad line fails the run
                                 with SF_ERR_PARSE and "FILE:LINE: ..." */
    int no_facts;             /* nonzero: skip entities, facts and quotes
                                 (the summary alone is wanted) */
    unsigned threads;         /* threads for the articles' fingerprints and
                                 analysis and the stories' summaries and
                                 facts; 0: one per online core. The result
                                 is the same for any number. */
} sf_run_options;
/* The defaults: sf_run_options o = SF_RUN_OPTIONS_INIT; */
#define SF_RUN_OPTIONS_INIT {0}

/* The stories found in a corpus. Holds pointers into the corpus, which must
 * outlive it. */
typedef struct sf_result sf_result;

/* Runs the whole pipeline: duplicates, stories, summaries. */
sf_status sf_run(const sf_corpus *c, const sf_run_options *o, sf_result **out,
                 sf_error *err);
/* Like sf_run, but every article of the corpus is taken as one story (copies
 * are still found): the result has one story whose summary covers them all,
 * or none when the corpus is empty. */
sf_status sf_summarize_all(const sf_corpus *c, const sf_run_options *o, sf_result **out,
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
/* Similarity of article i to the article it copies (the measure of
 * sf_dedup_options, 0..1); 0 when it copies nothing. */
double sf_result_duplicate_similarity(const sf_result *r, size_t i);
/* The story's id as the JSON output writes it ("s1" for story 0), written
 * into buf (n bytes, 16 is enough). Returns buf, or NULL when s is out of
 * range or n too small. */
const char *sf_story_id(const sf_result *r, size_t s, char *buf, size_t n);
/* Index of the story's storyline (related stories, taken transitively; 0..),
 * or SIZE_MAX when the run made none (sf_summarize_all). */
size_t sf_story_storyline(const sf_result *r, size_t s);

/* Entities, facts and quotes of a story (docs/json-output.md says what each
 * field means). The *_info structs start with their own size: initialize
 * them with their _INIT macro, and a library that has more fields than the
 * program was compiled with fills only those the program knows. The
 * strings belong to the result. The getters return SF_ERR_ARG for an index
 * out of range or a struct without its size. */
typedef struct sf_entity_info {
    size_t size;            /* sizeof(sf_entity_info) (SF_ENTITY_INFO_INIT) */
    const char *name;       /* canonical name */
    const char *type;       /* "person", "place", "organization", "other" */
    size_t mentions;        /* times the story's articles name it */
    size_t naliases;        /* other names (sf_story_entity_alias) */
    size_t nspans;          /* located mentions (sf_story_entity_mention) */
    const size_t *articles; /* corpus indexes of the articles naming it, ascending */
    size_t narticles;
} sf_entity_info;
#define SF_ENTITY_INFO_INIT {sizeof(sf_entity_info), NULL, NULL, 0, 0, 0, NULL, 0}
size_t sf_story_entity_count(const sf_result *r, size_t s);
/* Entity e of story s (most mentioned first). */
sf_status sf_story_entity(const sf_result *r, size_t s, size_t e, sf_entity_info *out);
/* Alias k of an entity: the name as written; *reason (may be NULL) why it
 * was merged ("acronym of ..."). NULL when out of range. */
const char *sf_story_entity_alias(const sf_result *r, size_t s, size_t e, size_t k,
                                  const char **reason);
/* Mention k of an entity: article and byte range of its text; `text` points
 * at those bytes in the article (not NUL-terminated), `type` and `entity`
 * are the entity's. */
struct sf_name_mention;
sf_status sf_story_entity_mention(const sf_result *r, size_t s, size_t e, size_t k,
                                  struct sf_name_mention *out);

typedef struct sf_fact_info {
    size_t size;            /* sizeof(sf_fact_info) (SF_FACT_INFO_INIT) */
    const char *what;       /* "Rafiqah Wall / length" */
    const char *subject;    /* what the value is about ("" when unnamed) */
    const char *attribute;  /* "deaths", "length", "cost", "date", ... */
    const char *kind;       /* "quantity" or "date" */
    const char *value;      /* the first mention's value as written */
    const char *unit;       /* its unit as written ("" when none) */
    double normalized;      /* quantities: first value in the base unit; dates NAN */
    double low, high;       /* the range all mentions allow (NAN for dates; an
                             * open bound is -INFINITY or INFINITY) */
    const char *base;       /* base unit ("m", "count", "USD", ...) or "date" */
    const char *date;       /* dates: "2017-07-03", "2017-07" or "2017"; NULL
                             * when unresolved or a quantity */
    const char *status;     /* "agree", "single source", "conflict", "update" */
    const char *note;       /* why the status is what it is (may be NULL) */
    const char *time;       /* another time the value is tied to ("in 1988"),
                             * NULL when none */
    size_t nmentions;       /* sf_story_fact_mention */
    size_t narticles;       /* distinct articles among the mentions */
} sf_fact_info;
#define SF_FACT_INFO_INIT \
    {sizeof(sf_fact_info), NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, 0, 0}
typedef struct sf_fact_mention_info {
    size_t size;            /* sizeof(sf_fact_mention_info) (SF_FACT_MENTION_INFO_INIT) */
    size_t article;         /* corpus index */
    sf_span span;           /* the value in the article's text */
    sf_span sentence;       /* its sentence in the article's text */
    const char *text;       /* the value as written (NUL-terminated copy) */
    double value, low, high; /* normalized (NAN for dates) */
    const char *date;       /* dates: resolved date or NULL */
    int64_t published;      /* the article's publication time */
} sf_fact_mention_info;
#define SF_FACT_MENTION_INFO_INIT \
    {sizeof(sf_fact_mention_info), 0, {0, 0}, {0, 0}, NULL, 0, 0, 0, NULL, SF_TIME_UNKNOWN}
size_t sf_story_fact_count(const sf_result *r, size_t s);
/* Fact f of story s (conflicts first, then agreements, then single source). */
sf_status sf_story_fact(const sf_result *r, size_t s, size_t f, sf_fact_info *out);
sf_status sf_story_fact_mention(const sf_result *r, size_t s, size_t f, size_t k,
                                sf_fact_mention_info *out);

typedef struct sf_quote_info {
    size_t size;            /* sizeof(sf_quote_info) (SF_QUOTE_INFO_INIT) */
    const char *speaker;    /* entity name or the words written; NULL when no
                             * speaker was found with confidence */
    const char *speaker_text; /* the speaker as written (NULL when unknown) */
    const char *text;       /* what was said */
    size_t article;         /* corpus index */
    sf_span span;           /* the text in the article */
    sf_span sentence;
    int direct;             /* nonzero: in quote marks */
} sf_quote_info;
#define SF_QUOTE_INFO_INIT {sizeof(sf_quote_info), NULL, NULL, NULL, 0, {0, 0}, {0, 0}, 0}
size_t sf_story_quote_count(const sf_result *r, size_t s);
/* Quote q of story s (in article order, then text order). */
sf_status sf_story_quote(const sf_result *r, size_t s, size_t q, sf_quote_info *out);

/* --------------------------------------------------------------- output */

/* Write the result as JSON (see docs/json-output.md) or Markdown. */
sf_status sf_write_json(const sf_result *r, const sf_corpus *c, FILE *f, sf_error *err);
sf_status sf_write_markdown(const sf_result *r, const sf_corpus *c, FILE *f,
                            sf_error *err);

/* -------------------------------------------------------------- stories */

/* Streaming story clustering: articles are taken in publication order (ties
 * broken by id, then content) and each joins the most similar active story or
 * starts a new one; a repair pass merges stories that turn out to be one event
 * and splits one that drifted. Zero in a numeric field means "default". */
typedef struct sf_cluster_options {
    const char *lang;         /* NULL: "en" */
    double threshold;         /* similarity an article needs to join a story */
    double merge_threshold;   /* story-to-story similarity that merges two */
    double split_threshold;   /* halves less similar than this are split */
    double active_days;       /* a story quiet this long retires; < 0: never */
    double time_scale_days;   /* decay of the time signal (days) */
    double w_body, w_title, w_entity; /* weights of the content signals */
    double w_time;            /* 0..1: how much a time gap can lower similarity */
    int no_title, no_entity, no_time, no_repair; /* ablations: drop a signal */
    int baseline;             /* plain TF-IDF cosine of bodies, single pass */
    int exhaustive;           /* score every active story (no inverted index) */
    size_t candidates;        /* stories scored per article (index mode) */
    double pace_factor;       /* time gaps are read on max(time_scale_days,
                               * pace_factor * the story's mean gap between reports) */
    double link_threshold;    /* corpus runs: mean article similarity at which
                               * two stories are merged after the single pass */
    int no_refine;            /* corpus runs: keep the single-pass result */
    int no_reassign;          /* corpus runs: merge stories but move no article */
    double link_cohesion;     /* corpus runs: two stories merge only when their mean
                               * cross similarity is at least this fraction of the
                               * less cohesive one's mean inner similarity; < 0: off */
    unsigned threads;         /* corpus runs: threads for the articles' analysis and
                               * the refinement; 0: one per core. The stories do
                               * not depend on it. */
} sf_cluster_options;

/* Fill `o` with the defaults (the values chosen on DUC 2006). */
void sf_cluster_options_default(sf_cluster_options *o);

/* Cluster every article of `c` into stories. story_of (caller-allocated,
 * sf_corpus_count(c) entries) receives each article's story number,
 * 0..*nstories-1, numbered by first appearance in publication order. The
 * result depends only on the articles, never on their order in `c`. */
sf_status sf_cluster_corpus(const sf_corpus *c, const sf_cluster_options *o,
                            size_t *story_of, size_t *nstories, sf_error *err);

/* Storylines: related stories (the same people or places within weeks) are
 * linked, not merged. Each story lists its related stories with the names
 * they share; related stories, taken transitively, form a storyline. */
typedef struct sf_story_link {
    size_t story;  /* the related story's number */
    size_t nnames;
    char **names;  /* names both stories mention (the reason), rarest first */
} sf_story_link;

typedef struct sf_storylines {
    size_t nstories;
    size_t nlines;
    size_t *storyline_of;     /* per story: its storyline, 0.., by first story */
    size_t *nrelated;         /* per story */
    sf_story_link **related;  /* per story: nrelated[s] links, most shared first */
} sf_storylines;

/* Link the stories story_of[i] (0..nstories-1) of the articles of c into
 * storylines; dup_of (may be NULL) marks copies, which are not read. */
sf_status sf_storylines_compute(const sf_corpus *c, const size_t *story_of, size_t nstories,
                                const size_t *dup_of, sf_storylines *out, sf_error *err);
void sf_storylines_release(sf_storylines *s);

/* ---------------------------------------------------------------- names */
/* The trained name recognizer (an averaged perceptron over hashed word,
 * shape, affix and context features, BIO tags; docs/entities.md) and its
 * CoNLL-2003 evaluation. Types: person, place, organization, other. */

/* Tag a CoNLL-2003 file (word first on each line, blank lines between
 * sentences, -DOCSTART- between documents) and write each token's line with
 * the predicted tag (B-PER, I-LOC, ..., O) appended, in the same layout. */
sf_status sf_ner_tag_conll(const char *path, FILE *out, sf_error *err);

/* One name mention of an article: [begin, end) are byte offsets into the
 * article's text; `text` is those bytes (not NUL-terminated, may hold a line
 * break), `entity` the canonical name of the entity it belongs to (white
 * space normalized), `type` "person", "place", "organization" or "other". */
typedef struct sf_name_mention {
    size_t article;
    size_t begin, end;
    const char *text;
    const char *type;
    const char *entity;
} sf_name_mention;
typedef sf_status (*sf_name_mention_fn)(void *user, const sf_name_mention *m);
/* Find the name mentions of one article of a corpus and merge them into
 * entities (within the article, with the bundled alias list); fn gets each
 * mention in text order. */
sf_status sf_article_names(const sf_corpus *c, size_t article, sf_name_mention_fn fn, void *user,
                           sf_error *err);
/* --------------------------------------------------------------- quotes */

/* One quotation found in a text (byte offsets into it). */
typedef struct sf_quote_found {
    sf_span text;        /* what was said: inside the quote marks, or the
                          * reported clause */
    sf_span speaker;     /* the speaker as written ("he", "Ms. Vale", "the
                          * alliance"); {0, 0} when unknown */
    char *speaker_name;  /* the entity's name or the words written; NULL when
                          * no speaker was found with confidence */
    int direct;          /* nonzero: in quote marks */
} sf_quote_found;

/* Who said what in one article's text, as `run` finds it (the story of one
 * article). On success *out holds *count quotes in text order (release with
 * sf_quotes_free). `lang` NULL means "en". */
sf_status sf_quotes_find(const char *text, size_t n, const char *lang, sf_quote_found **out,
                         size_t *count, sf_error *err);
void sf_quotes_free(sf_quote_found *q, size_t n);

/* ---------------------------------------------------------------- store */

/* A store keeps articles, stories, their summaries, entities, facts and
 * quotes and each story's history between runs (docs/store.md). Two
 * backends behind one interface: an SQLite file (any path) or PostgreSQL
 * (a "postgresql://..." or "postgres://..." URI, several processes may
 * share it). Not thread-safe: one sf_store per thread. */
typedef struct sf_store sf_store;

/* Open a store, creating it when the file (or the database's schema) is
 * absent. Refused with a message: a file that is not a store (SF_ERR_PARSE),
 * a corrupt one (SF_ERR_PARSE), a store written by a newer storyfold
 * (SF_ERR_UNSUPPORTED), a store another process holds locked past the lock
 * timeout (SF_ERR_IO). NULL on failure (err says why). */
sf_store *sf_store_open(const char *where, sf_error *err);
void sf_store_close(sf_store *s);
/* Backend name: "sqlite" or "postgresql". */
const char *sf_store_backend(const sf_store *s);
/* How long to wait for another process's lock (milliseconds; default
 * 10000) and, for tests and quotas, the largest size an SQLite store may
 * grow to in bytes (0: no limit; PostgreSQL ignores it). */
void sf_store_set_lock_timeout(sf_store *s, int ms);
void sf_store_set_max_size(sf_store *s, uint64_t bytes);

typedef struct sf_store_options {
    const sf_run_options *run; /* summaries, entities, facts (NULL: defaults) */
    int64_t now;               /* the ingest's clock (0: the current time) */
    double window_days;        /* > 0: stories whose latest article is this
                                  much older than the batch's earliest are
                                  left alone (0: no time limit) */
    size_t window_articles;    /* the stored stories a process starts from:
                                  whole stories, most recent first, up to
                                  this many articles (0: 20000) */
    int recluster;             /* nonzero: cluster the window again with each
                                  batch (order-independent, its cost grows
                                  with the window); 0: the stream clusterer
                                  kept across the batches of one sf_store
                                  assigns each batch's articles
                                  (docs/store.md) */
    size_t refresh_every;      /* > 1: the summaries, entities and facts of
                                  changed stories are computed again only in
                                  every K-th batch of the store (counted by
                                  the store), the others note them as pending
                                  (kept in the store, so a killed process
                                  loses none); 0 or 1: this batch computes
                                  every pending story (give it to the last
                                  batch of an ingest) */
    int defer_summaries;       /* nonzero: sf_store_ingest leaves the changed
                                  stories marked in the store and returns
                                  after its commit; sf_store_summarize (this
                                  process or any other) makes them */
} sf_store_options;
#define SF_STORE_OPTIONS_INIT {0} /* the defaults */

typedef struct sf_store_stats {
    size_t added;       /* new articles */
    size_t changed;     /* known id, new content: a new version */
    size_t unchanged;   /* known id, same content hash: nothing done */
    size_t copies;      /* of the added and changed: near-duplicates of a
                           stored article (any story, any earlier batch) */
    size_t stories_new, stories_updated;
    int64_t now;        /* the clock the ingest used */
    /* wall seconds: waiting for the store's writers' lock, holding it, and
     * making summaries outside it */
    double t_lock_wait, t_locked, t_summaries;
} sf_store_stats;

/* Add a corpus to the store as one transaction: all of it or nothing. An
 * article whose id is known with the same content (title and text) changes
 * nothing; with other content it becomes the next version of that article
 * and its story is updated. New articles join existing stories or start new
 * ones; the summary, entities, facts and quotes of every story that changed
 * are computed again and kept as its next version. */
sf_status sf_store_ingest(sf_store *s, const sf_corpus *c, const sf_store_options *o,
                          sf_store_stats *stats, sf_error *err);

/* Analyze a batch's articles for sf_store_ingest's story assignment before
 * it takes the store's writers' lock (kept in s for this process's next
 * ingests; with recluster, the window's articles analyzed at earlier batches
 * are kept there too). Optional: what is not prepared is analyzed under the
 * lock. o as given to sf_store_ingest. */
sf_status sf_store_prepare(sf_store *s, const sf_corpus *c, const sf_store_options *o,
                           sf_error *err);

/* Summarize the stories that changed (sf_store_ingest does it after its
 * commit unless o->defer_summaries; a killed process leaves them marked):
 * each is claimed (PostgreSQL: a session advisory lock, so that two
 * processes do not make the same one and a dead one's claim is free at
 * once), made outside the writers' lock and written only if the story has
 * not changed since (then it is made again). Returns when every marked
 * story is done or held by another process. stats (may be NULL): the
 * counts and timings of this call. */
sf_status sf_store_summarize(sf_store *s, const sf_store_options *o, sf_store_stats *stats,
                             sf_error *err);

/* What the listing functions write. */
typedef enum sf_store_format { SF_STORE_MARKDOWN = 0, SF_STORE_JSON = 1 } sf_store_format;

/* Stories, newest activity first (the ingest that last changed them, then
 * the latest publication): those changed at or after `since` (SF_TIME_UNKNOWN:
 * all), at most `limit` (0: all). With `full`, each story whole (summary,
 * articles, entities, facts, quotes; the JSON of docs/json-output.md). */
sf_status sf_store_write_stories(sf_store *s, int64_t since, size_t limit, int full,
                                 sf_store_format fmt, FILE *f, sf_error *err);
/* One story by its number ("12" or "s12"); with `history` 1, when each
 * article joined and every version of its summary and facts; with 2, when
 * each article joined and when each version was made (not its content). SF_ERR_ARG
 * when there is no such story. */
sf_status sf_store_write_story(sf_store *s, const char *story, int history,
                               sf_store_format fmt, FILE *f, sf_error *err);
/* Full-text search over articles and stories; a query that names an entity
 * (by any of its aliases) also finds the stories that mention it. Only
 * articles published in [since, until] when those are not SF_TIME_UNKNOWN.
 * At most `limit` of each kind (0: 20). */
sf_status sf_store_search(sf_store *s, const char *query, int64_t since, int64_t until,
                          size_t limit, sf_store_format fmt, FILE *f, sf_error *err);
/* Parse "2026-03-02", "2026-03-02T08:15:00Z" (ISO 8601) or "@SECONDS". */
sf_status sf_time_parse(const char *text, int64_t *out, sf_error *err);

/* What the HTTP API reads (JSON only, compact, "</" written "<\/" so that
 * it is safe inside a page). */
typedef struct sf_store_page {
    int64_t since;      /* stories active (last published) at or after; SF_TIME_UNKNOWN: all */
    const char *words;  /* full-text words the story's headline or summary holds; NULL: any */
    const char *entity; /* a name or any alias of an entity of the story; NULL: any */
    size_t page;        /* 0-based page number */
    size_t per_page;    /* 0: 20; at most 100 */
} sf_store_page;
#define SF_STORE_PAGE_INIT {SF_TIME_UNKNOWN, NULL, NULL, 0, 0}
/* One page of stories, newest activity first: {"stories": [{id, headline,
 * articles, version, created, updated, first_published, last_published,
 * outlets}], "page", "per_page", "more"}. */
sf_status sf_store_write_story_list(sf_store *s, const sf_store_page *q, FILE *f, sf_error *err);
/* One article as stored (current version): id, title, text, source, url,
 * author, lang, version, published, modified, story, joined, duplicate_of,
 * ingested. SF_ERR_ARG when there is no such article. */
sf_status sf_store_write_article(sf_store *s, const char *id, FILE *f, sf_error *err);
/* Stories changed by an ingest at or after `since` (seconds of the ingest
 * clock), oldest change first, at most 200: {"changes": [{id, version,
 * headline, articles, updated}]}. */
sf_status sf_store_write_changes(sf_store *s, int64_t since, FILE *f, sf_error *err);

/* A message a worker could not turn into articles (docs/workers.md): where
 * it came from (`source`, e.g. "kafka:TOPIC", with partition and offset),
 * why, and its bytes (the store keeps up to 1 MiB of them, hex-encoded, and
 * the full size). The pointers are read during the call only. */
typedef struct sf_store_dead_letter {
    const char *source;
    int32_t partition;
    int64_t offset;
    const char *key; /* the message key, or NULL */
    size_t key_len;
    const char *data;
    size_t len;
    const char *reason;
    int64_t time; /* 0: now */
} sf_store_dead_letter;
/* Put n messages aside in the store's dead_letters table (created on first
 * use) in one transaction; a message already put aside (same source,
 * partition and offset) is kept as it was. */
sf_status sf_store_put_aside(sf_store *s, const sf_store_dead_letter *d, size_t n,
                             sf_error *err);
/* How many messages were put aside (0 when none ever was). */
sf_status sf_store_count_dead_letters(sf_store *s, int64_t *out, sf_error *err);

#ifdef __cplusplus
}
#endif
#endif

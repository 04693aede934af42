/* ingest.h - readers: one per input format, all parsing through the cursor
 * toolkit of common.h, all reporting bad records through one diagnostic path
 * and adding good ones to a corpus. */
#ifndef SF_INGEST_H
#define SF_INGEST_H

#include "../common/common.h"

/* What a reader needs besides the bytes: where they came from (for ids and
 * messages) and how to report. */
typedef struct sf_reader_ctx {
    sf_corpus *corpus;
    const char *name;             /* file name as given, or "-" / "<stdin>" */
    const sf_read_options *opt;   /* never NULL inside readers */
    size_t records;               /* good records added */
    size_t bad;                   /* bad records reported */
    sf_error *err;
    /* repeated messages: the first SF__DIAG_SHOWN of each kind (format, or
     * for a bare "%s" the message's words before any number or quote) per
     * file are shown, the others counted and summed up by sf__reader_flush */
    struct { uint64_t key; sf_status st; size_t n; char sample[64]; } kinds[8];
    size_t nkinds;
    size_t other; /* messages of kinds beyond the table's 8 */
    bool inner;   /* reading what a gzip'd file held: its name's ".gz" is not its format */
    /* Set when the file is read on a worker thread (read.c): articles go to
     * ctx->corpus, the thread's own, and they and every message are logged
     * to be replayed, in order, on the calling thread. */
    struct sf__read_log *log;
} sf_reader_ctx;

#define SF__DIAG_SHOWN 5

/* Say how many messages of each kind were held back ("... and N more like
 * this"); called once a file is read. */
void sf__reader_flush(sf_reader_ctx *ctx);

/* Report a bad record (line/record may be 0). Returns SF_OK when reading may
 * go on, or `st` when options->strict asks to stop. Fills ctx->err on stop. */
sf_status sf__reader_diag(sf_reader_ctx *ctx, sf_status st, size_t line, size_t record,
                          const char *fmt, ...) SF_PRINTF(5, 6);

/* Readers: parse data[0..n) (any bytes) and add each article to ctx->corpus. */
sf_status sf__read_text(sf_reader_ctx *ctx, const char *data, size_t n);
sf_status sf__read_jsonl(sf_reader_ctx *ctx, const char *data, size_t n);
sf_status sf__read_sgml(sf_reader_ctx *ctx, const char *data, size_t n);

/* One record as views into the reader's input (or its scratch buffers); a
 * view with p == NULL is an empty field. Views may hold NUL bytes and invalid
 * UTF-8: the corpus repairs them and counts the repairs. */
typedef struct sf_rec {
    sf_view id, title, text, source, url, origin;
    int64_t published; /* SF_TIME_UNKNOWN when not known */
    sf_view author, lang; /* web pages; author also from JSON Lines */
    int64_t modified;     /* 0 or SF_TIME_UNKNOWN: not known */
} sf_rec;

/* A JSON Lines line read without json-c when it is a strict JSON object
 * whose used fields are strings (or null) and the record is one the reader
 * takes: fills *r (views into the line and into scratch, which holds at least
 * line.n bytes) exactly as the json-c path would. false: read it with json-c
 * (the line may still be good). */
bool sf__jsonl_fast_record(sf_view line, char *scratch, sf_rec *r);

/* Copy a record into the corpus (corpus.c). sf_corpus_add is this with
 * NUL-terminated strings. */
sf_status sf__corpus_add_rec(sf_corpus *c, const sf_rec *r, sf_error *err);
/* Room for a renamed id: the first 4096 bytes of the id and "#N". */
#define SF__ID_RENAME_MAX (4096 + 32)
/* When *id is already in c, writes a free "ID#k" (k = 2, 3, ...) into buf
 * (cap bytes, at least 64), points *id at it and returns true. */
bool sf__corpus_unique_id(sf_corpus *c, sf_view *id, char *buf, size_t cap);
/* The first article with this id (as stored: clean UTF-8) in c, or NULL. */
const sf_article *sf__corpus_find_id(const sf_corpus *c, sf_view id);
/* Add an article of corpus `from` to c without copying its strings: c must
 * adopt from's strings (sf__corpus_adopt) before `from` is destroyed. `id`
 * replaces a->id when it points elsewhere (a renamed id, then copied). */
sf_status sf__corpus_push(sf_corpus *c, const sf_article *a, sf_view id, sf_error *err);
/* c takes over the strings of `from` (and its count of repaired bytes);
 * `from` keeps its articles, whose strings now live as long as c. */
void sf__corpus_adopt(sf_corpus *c, sf_corpus *from);
/* c forgets its articles but keeps their strings (the articles were pushed
 * into another corpus, which adopts the strings later). */
void sf__corpus_forget(sf_corpus *c);

/* Add a record read at `line` (0: no line) of ctx->name: sets its origin to
 * "name:line" (or "name") and counts it in ctx->records. */
sf_status sf__reader_add(sf_reader_ctx *ctx, sf_rec *r, size_t line);
/* Add a record whose id is unique by construction (a page's URL or file
 * name; its origin set by the caller) and count it in ctx->records. */
sf_status sf__reader_add_as_is(sf_reader_ctx *ctx, const sf_rec *r);

/* Report a problem that never stops a read, even in strict mode (an empty or
 * binary file that is skipped). */
void sf__reader_note(sf_reader_ctx *ctx, sf_status st, const char *fmt, ...) SF_PRINTF(3, 4);

/* Guess the format from the file name, then from the first bytes. */
sf_format sf__detect_format(const char *name, const char *data, size_t n);

/* What a file holds (sniff.c; the rule is docs/input-formats.md): its format
 * (SF_FORMAT_AUTO when gzip'd data is to be inflated and sniffed again),
 * whether it is gzip'd, or, for a file that holds no articles, what it is
 * ("image", "script", "style sheet", "font", "binary file", ...). `inner`:
 * the name's ".gz" is skipped (the bytes were inflated already). */
typedef struct sf_sniff {
    sf_format format;
    bool gzip;
    const char *skip; /* static string or NULL */
} sf_sniff;
void sf__sniff(const char *name, bool inner, const char *data, size_t n, sf_sniff *out);
/* Whether v credits a picture: a label ("Photo:", "Photo by", "Credit:")
 * at its start or after a sentence end, an agency's credit form ("via
 * Getty", "REUTERS/Name", "AP Photo/Name"), or a last "Getty Images"
 * (text.c, rule 3b). */
bool sf__photo_credit(sf_view v);
/* The last component of path `name`, without a final ".gz" when `inner`
 * (the name of the file a gzip'd one holds: "a/page.html.gz" -> "page.html"). */
sf_view sf__file_base(const char *name, bool inner);
/* Inflate gzip data (one member or several) into out, at most
 * options->max_expand bytes (0: the larger of 256 MiB and 100 times n) and
 * `limit`. A cut, corrupt or too large stream is reported through ctx. */
sf_status sf__gunzip(sf_reader_ctx *ctx, const char *data, size_t n, uint64_t limit, sf_buf *out);
/* A JSON array of article objects, or one object over several lines
 * (jsonl.c); sf__read_jsonl hands such files here. */
sf_status sf__read_json_doc(sf_reader_ctx *ctx, const char *data, size_t n);

/* The language an article is written in, as a lower-case primary subtag
 * ("de" for "de-DE", "de_CH"): the one its page or record declares when that
 * is a language code (2 or 3 letters), else `base` (NULL: "en"); either
 * gives way when its text clearly shows another of English, German, French
 * and Spanish (sf__lang_guess; site templates declare "en" on every page). Written into out (SF__LANG_MAX bytes); returns out.
 * The entity stage reads it per article (its stopwords, whether capitals
 * mark names) and `run --format json` shows it as articles[].lang. */
#define SF__LANG_MAX 8
const char *sf__article_lang(const sf_article *a, const char *base, char out[SF__LANG_MAX]);

#endif

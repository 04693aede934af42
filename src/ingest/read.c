/* read.c - the entry points of the readers: files, directories (recursively,
 * in byte order of names), standard input and memory; format detection; the
 * one diagnostic path every reader reports through. The bytes of one file are
 * read whole into a buffer and handed to the reader of its format. */
#include "ingest.h"
#include "html.h"
#include "../text/text.h"

#include <dirent.h>
#include <pthread.h>
#include <fnmatch.h>
#include <unicode/ucnv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_FILE ((size_t)1 << 30) /* 1 GiB */
#define BINARY_SAMPLE 4096
#define MAX_DEPTH 64 /* nested directories */

/* One walk of a path: the (device, inode) pairs already read, so that a
 * symbolic-link loop or a second link to a file reads each file and each
 * directory once. Keys are a 64-bit hash of the pair: a collision (about
 * 2^-64 per pair) would skip one file, which is accepted for the memory. */
typedef struct batch batch;
typedef struct walk {
    sf_map seen;
    size_t files; /* files read so far, for o->progress */
    batch *batch; /* files waiting to be read on threads; NULL: one thread */
} walk;

/* True the first time (dev, ino) is seen; false after, or when out of memory
 * (*nomem set). */
static bool first_visit(walk *w, const struct stat *st, bool *nomem) {
    uint64_t pair[2] = {(uint64_t)st->st_dev, (uint64_t)st->st_ino};
    uint64_t key = sf__hash64(pair, sizeof pair, 0x5f1e5eedu);
    if (sf__map_find(&w->seen, key)) return false;
    uint64_t *v = sf__map_slot(&w->seen, key);
    if (!v) {
        *nomem = true;
        return false;
    }
    *v = 1;
    return true;
}

/* ------------------------------------------------------------ formats */

const char *sf_format_name(sf_format f) {
    switch (f) {
    case SF_FORMAT_AUTO: return "auto";
    case SF_FORMAT_TEXT: return "text";
    case SF_FORMAT_JSONL: return "jsonl";
    case SF_FORMAT_SGML: return "sgml";
    case SF_FORMAT_HTML: return "html";
    case SF_FORMAT_WARC: return "warc";
    }
    return "unknown";
}

sf_status sf_format_parse(const char *name, sf_format *out) {
    static const sf_format all[] = {SF_FORMAT_AUTO, SF_FORMAT_TEXT, SF_FORMAT_JSONL,
                                    SF_FORMAT_SGML, SF_FORMAT_HTML, SF_FORMAT_WARC};
    if (!name || !out) return SF_ERR_ARG;
    for (size_t i = 0; i < SF_ARRAY_LEN(all); i++)
        if (sf__view_eq_nocase(sf__view_cstr(name), sf__view_cstr(sf_format_name(all[i])))) {
            *out = all[i];
            return SF_OK;
        }
    return SF_ERR_ARG;
}

/* The extension of the last path component, without the dot ("" if none). */
static sf_view extension(const char *name) {
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) return SF_VIEW_LIT("");
    return sf__view_cstr(dot + 1);
}

sf_format sf__detect_format(const char *name, const char *data, size_t n) {
    static const struct {
        const char *ext;
        sf_format f;
    } by_ext[] = {{"txt", SF_FORMAT_TEXT},   {"jsonl", SF_FORMAT_JSONL},
                  {"json", SF_FORMAT_JSONL}, {"ndjson", SF_FORMAT_JSONL},
                  {"sgml", SF_FORMAT_SGML},  {"xml", SF_FORMAT_SGML},
                  {"html", SF_FORMAT_HTML},  {"htm", SF_FORMAT_HTML},
                  {"xhtml", SF_FORMAT_HTML}, {"warc", SF_FORMAT_WARC}};
    if (name && sf__view_ends_with_nocase(sf__view_cstr(name), ".warc.gz")) return SF_FORMAT_WARC;
    if (name) {
        sf_view ext = extension(name);
        for (size_t i = 0; i < SF_ARRAY_LEN(by_ext); i++)
            if (sf__view_eq_nocase(ext, sf__view_cstr(by_ext[i].ext))) return by_ext[i].f;
    }
    /* DUC/TREC files are named like APW19990707.0181: look at the content. */
    sf_cur c;
    sf__cur_init(&c, data ? data : "", data ? n : 0);
    sf__cur_accept(&c, "\xEF\xBB\xBF"); /* UTF-8 byte order mark */
    sf__cur_skip_ws(&c);
    if (sf__cur_starts_nocase(&c, "<DOC>")) return SF_FORMAT_SGML;
    /* gzip is read only as WARC; web pages by their opening tags */
    if (n >= 2 && (uint8_t)data[0] == 0x1f && (uint8_t)data[1] == 0x8b) return SF_FORMAT_WARC;
    if (sf__cur_starts_nocase(&c, "WARC/1.")) return SF_FORMAT_WARC;
    if (sf__cur_starts_nocase(&c, "<!doctype html") || sf__cur_starts_nocase(&c, "<html"))
        return SF_FORMAT_HTML;
    if (sf__cur_peek(&c) == '{') return SF_FORMAT_JSONL;
    return SF_FORMAT_TEXT;
}

/* -------------------------------------------------------- diagnostics */

/* The kind of a message: its format, or for a bare "%s" (a reader that
 * words its own messages) the message up to its first digit or quote, so
 * "field 'text' must be ..." on two lines is one kind, "field 'id' ..."
 * another. */
static uint64_t kind_of_msg(const char *fmt, const char *msg) {
    if (strcmp(fmt, "%s") != 0) return sf__hash64(&fmt, sizeof fmt, 1);
    size_t k = strcspn(msg, "0123456789'");
    if (msg[k] == '\'') { /* keep a quoted field name: 'published' */
        const char *q = strchr(msg + k + 1, '\'');
        size_t end = q ? (size_t)(q - msg) + 1 : k;
        size_t digit = strcspn(msg, "0123456789");
        k = SF_MIN(end, digit);
    }
    return sf__hash64(msg, k, 2);
}

/* False when this kind of message was shown SF__DIAG_SHOWN times in this
 * file already: it is counted instead. */
static bool show_kind(sf_reader_ctx *ctx, const char *fmt, const char *msg, sf_status st) {
    uint64_t key = kind_of_msg(fmt, msg);
    for (size_t i = 0; i < ctx->nkinds; i++)
        if (ctx->kinds[i].key == key) return ++ctx->kinds[i].n <= SF__DIAG_SHOWN;
    if (ctx->nkinds < SF_ARRAY_LEN(ctx->kinds)) {
        ctx->kinds[ctx->nkinds].key = key;
        ctx->kinds[ctx->nkinds].st = st;
        snprintf(ctx->kinds[ctx->nkinds].sample, sizeof ctx->kinds[0].sample, "%s", msg);
        ctx->kinds[ctx->nkinds++].n = 1;
        return true;
    }
    return ++ctx->other <= SF__DIAG_SHOWN; /* a full table: one more bucket */
}

static void emit(sf_reader_ctx *ctx, sf_status st, size_t line, size_t record,
                 const char *msg) {
    if (ctx->opt->on_diag) {
        sf_diag d = {st, ctx->name, line, record, msg};
        ctx->opt->on_diag(ctx->opt->user, &d);
    }
}

/* ------------------------------------------------ files read on threads */

/* What one file's reader did on a worker thread, in order: articles added
 * (kept in the thread's corpus) and messages. The calling thread replays it
 * (replay below), so ids are made unique against every earlier article,
 * messages are counted per kind and on_diag is called on the calling thread,
 * in file order: the same as reading the files one after another. */
enum { EV_ADD, EV_ADD_AS_IS, EV_DIAG, EV_NOTE };
typedef struct read_event {
    int kind;
    sf_status st;
    size_t line, record;
    const char *fmt; /* the reader's format string (a literal) */
    char *msg;       /* EV_DIAG, EV_NOTE: the message */
    size_t art;      /* EV_ADD*: the article's index in the thread's corpus */
} read_event;

struct sf__read_log {
    SF_VEC(read_event) ev;
};

/* Keep event e (its message copied) in ctx's log; out of memory fills err. */
static sf_status log_event(sf_reader_ctx *ctx, read_event e, sf_error *err) {
    if (e.msg && !(e.msg = sf__strndup(e.msg, strlen(e.msg))))
        return sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
    if (SF_VEC_PUSH(&ctx->log->ev, e) == SF_OK) return SF_OK;
    sf__free(e.msg);
    return sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
}

static void log_release(struct sf__read_log *log) {
    for (size_t i = 0; i < log->ev.n; i++) sf__free(log->ev.items[i].msg);
    SF_VEC_FREE(&log->ev);
}

/* A bad record, its message formatted: counted, shown (or logged), and the
 * stop strict mode asks for. */
static sf_status report(sf_reader_ctx *ctx, sf_status st, size_t line, size_t record,
                        const char *fmt, const char *msg) {
    ctx->bad++;
    if (ctx->log)
        SF_TRY(log_event(ctx, (read_event){EV_DIAG, st, line, record, fmt, (char *)msg, 0},
                         ctx->err));
    else if (show_kind(ctx, fmt, msg, st) || ctx->opt->strict)
        emit(ctx, st, line, record, msg);
    if (!ctx->opt->strict) return SF_OK;
    if (line) return sf__error_set(ctx->err, st, "%s:%zu: %s", ctx->name, line, msg);
    return sf__error_set(ctx->err, st, "%s: %s", ctx->name, msg);
}

/* A note: shown (or logged); never a stop. A note that cannot be logged
 * (out of memory) is lost; the read goes on. */
static void note(sf_reader_ctx *ctx, sf_status st, const char *fmt, const char *msg) {
    if (ctx->log) {
        sf_error lost = {0};
        (void)log_event(ctx, (read_event){EV_NOTE, st, 0, 0, fmt, (char *)msg, 0}, &lost);
    } else if (show_kind(ctx, fmt, msg, st)) {
        emit(ctx, st, 0, 0, msg);
    }
}

sf_status sf__reader_diag(sf_reader_ctx *ctx, sf_status st, size_t line, size_t record,
                          const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return report(ctx, st, line, record, fmt, msg);
}

void sf__reader_note(sf_reader_ctx *ctx, sf_status st, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    note(ctx, st, fmt, msg);
}

void sf__reader_flush(sf_reader_ctx *ctx) {
    for (size_t i = 0; i < ctx->nkinds; i++) {
        if (ctx->kinds[i].n <= SF__DIAG_SHOWN) continue;
        char msg[160];
        /* the first message of the kind names it */
        snprintf(msg, sizeof msg, "... and %zu more like this (\"%s\")",
                 ctx->kinds[i].n - SF__DIAG_SHOWN, ctx->kinds[i].sample);
        emit(ctx, ctx->kinds[i].st, 0, 0, msg);
        ctx->kinds[i].n = 0;
    }
    if (ctx->other > SF__DIAG_SHOWN) {
        char msg[80];
        snprintf(msg, sizeof msg, "... and %zu more messages of other kinds",
                 ctx->other - SF__DIAG_SHOWN);
        emit(ctx, SF_ERR_PARSE, 0, 0, msg);
        ctx->other = 0;
    }
}

/* A view as the corpus keeps it: valid UTF-8, repaired into b when not. */
static sf_view as_kept(sf_view v, sf_buf *b) {
    if (!v.p || sf__utf8_valid(v.p, v.n)) return v;
    size_t replaced = 0;
    if (sf__utf8_clean(v.p, v.n, b, &replaced) != SF_OK) return v;
    return sf__view(sf__buf_cstr(b), b->n);
}

/* An id already in the corpus is renamed "ID#2" (then "#3", ...): every
 * output refers to articles by id, so two articles never share one, and
 * renaming keeps the article (refusing would lose it). When the text differs
 * it is a warning (exit 1; strict mode stops); the same text under the same
 * id (one document filed twice, as DUC does across topics) is a note. Ids and
 * texts compare as the corpus keeps them (repaired UTF-8): a record replayed
 * from a worker thread, already repaired, is named as it would be here. */
static sf_status unique_id(sf_reader_ctx *ctx, sf_rec *r, size_t line, char *buf, size_t cap) {
    sf_buf ib, tb;
    sf__buf_init(&ib, 0);
    sf__buf_init(&tb, 0);
    sf_view old = as_kept(r->id, &ib);
    const sf_article *first = sf__corpus_find_id(ctx->corpus, old);
    sf_status st = SF_OK;
    if (first) {
        bool same = sf__view_eq(sf__view(first->text, first->text_len), as_kept(r->text, &tb));
        r->id = old;
        sf__corpus_unique_id(ctx->corpus, &r->id, buf, cap);
        if (same) {
            sf__reader_note(ctx, SF_OK, "%s%zu: id '%.*s' again with the same text: renamed '%s'",
                            line ? "line " : "record ", line ? line : ctx->records + 1,
                            (int)SF_MIN(old.n, 200), old.p, buf);
        } else {
            st = sf__reader_diag(ctx, SF_ERR_PARSE, line, 0,
                                 "duplicate id '%.*s' (an earlier article has it, with another "
                                 "text): renamed '%s'",
                                 (int)SF_MIN(old.n, 200), old.p, buf);
            ctx->bad--; /* the article is kept: a warning, not a lost record */
        }
    }
    sf__buf_release(&ib);
    sf__buf_release(&tb);
    return st;
}

sf_status sf__reader_add(sf_reader_ctx *ctx, sf_rec *r, size_t line) {
    char renamed[SF__ID_RENAME_MAX];
    /* on a worker thread the id is made unique when the log is replayed */
    if (!ctx->log) SF_TRY(unique_id(ctx, r, line, renamed, sizeof renamed));
    char origin[4096 + 32];
    if (line) snprintf(origin, sizeof origin, "%s:%zu", ctx->name, line);
    else snprintf(origin, sizeof origin, "%s", ctx->name);
    r->origin = sf__view_cstr(origin);
    SF_TRY(sf__corpus_add_rec(ctx->corpus, r, ctx->err));
    if (ctx->log)
        SF_TRY(log_event(ctx, (read_event){EV_ADD, SF_OK, line, 0, NULL, NULL,
                                           sf_corpus_count(ctx->corpus) - 1}, ctx->err));
    ctx->records++;
    return SF_OK;
}

sf_status sf__reader_add_as_is(sf_reader_ctx *ctx, const sf_rec *r) {
    SF_TRY(sf__corpus_add_rec(ctx->corpus, r, ctx->err));
    if (ctx->log)
        SF_TRY(log_event(ctx, (read_event){EV_ADD_AS_IS, SF_OK, 0, 0, NULL, NULL,
                                           sf_corpus_count(ctx->corpus) - 1}, ctx->err));
    ctx->records++;
    return SF_OK;
}

/* ---------------------------------------------------------- one input */

static size_t limit_of(const sf_read_options *o) {
    return o->max_file_bytes ? o->max_file_bytes : DEFAULT_MAX_FILE;
}

/* Binary content: NUL bytes make up more than a tenth of the first 4 KiB
 * (text with a stray NUL is still read; the NUL becomes a space). */
static bool looks_binary(const char *data, size_t n) {
    size_t k = SF_MIN(n, (size_t)BINARY_SAMPLE), nul = 0;
    for (const char *q = data, *e = data + k; (q = memchr(q, 0, (size_t)(e - q))); q++) nul++;
    return nul * 10 > k;
}

static sf_status read_format(sf_reader_ctx *ctx, const char *data, size_t n);

/* UTF-16 text (a byte order mark FF FE or FE FF; half its bytes are NUL, so
 * it would look binary) is converted to UTF-8 with ICU and read as such. Web
 * pages are left to the HTML reader, which knows their charsets itself. */
static bool is_utf16(const sf_reader_ctx *ctx, const char *data, size_t n) {
    if (n < 2) return false;
    uint8_t a = (uint8_t)data[0], b = (uint8_t)data[1];
    if (!((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF))) return false;
    if (n >= 4 && a == 0xFF && data[2] == 0 && data[3] == 0) return false; /* UTF-32LE */
    sf_format f = ctx->opt->format != SF_FORMAT_AUTO ? ctx->opt->format
                                                     : sf__detect_format(ctx->name, NULL, 0);
    return f != SF_FORMAT_HTML && f != SF_FORMAT_WARC;
}

static sf_status read_utf16(sf_reader_ctx *ctx, const char *data, size_t n) {
    bool le = (uint8_t)data[0] == 0xFF;
    if (n / 2 > (size_t)INT32_MAX / 3 - 16)
        return sf__reader_diag(ctx, SF_ERR_TOO_LARGE, 0, 0,
                               "UTF-16 file of %zu bytes is too large to convert", n);
    size_t cap = n / 2 * 3 + 16;
    char *tmp = sf__malloc(cap);
    if (!tmp) return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
    UErrorCode e = U_ZERO_ERROR;
    /* without the byte order mark; an odd last byte is dropped */
    int32_t got = ucnv_convert("UTF-8", le ? "UTF-16LE" : "UTF-16BE", tmp, (int32_t)cap,
                               data + 2, (int32_t)((n - 2) & ~(size_t)1), &e);
    sf_status st;
    if (U_FAILURE(e))
        st = sf__reader_diag(ctx, SF_ERR_ENCODING, 0, 0, "UTF-16 text does not convert: %s",
                             u_errorName(e));
    else
        st = read_format(ctx, tmp, (size_t)got);
    sf__free(tmp);
    return st;
}

/* The bytes' format judged by sniff.c (SF_FORMAT_AUTO), or gzip'd data
 * of any format: inflated and read again as what it holds. A file that
 * holds no articles is skipped with a note of status SF_ERR_UNSUPPORTED
 * ("image skipped"), which never stops a read. */
static sf_status read_sniffed(sf_reader_ctx *ctx, const char *data, size_t n) {
    sf_sniff s;
    sf__sniff(ctx->name, ctx->inner, data, n, &s);
    if (ctx->opt->format != SF_FORMAT_AUTO) s.format = ctx->opt->format;
    if (s.skip && !s.gzip) {
        sf__reader_note(ctx, SF_ERR_UNSUPPORTED, "%s skipped", s.skip);
        return SF_OK;
    }
    if (s.format == SF_FORMAT_WARC) return sf__read_warc(ctx, data, n);
    if (s.gzip) {
        if (ctx->inner) {
            sf__reader_note(ctx, SF_ERR_UNSUPPORTED, "gzip'd gzip data skipped");
            return SF_OK;
        }
        sf_buf b;
        sf__buf_init(&b, limit_of(ctx->opt));
        sf_status st = sf__gunzip(ctx, data, n, limit_of(ctx->opt), &b);
        if (st == SF_OK && b.n) {
            ctx->inner = true;
            st = read_format(ctx, sf__buf_cstr(&b), b.n);
            ctx->inner = false;
        }
        sf__buf_release(&b);
        return st;
    }
    sf_cur cur;
    sf__cur_init(&cur, data, n);
    sf__cur_accept(&cur, "\xEF\xBB\xBF"); /* not part of the first line */
    switch (s.format) {
    case SF_FORMAT_TEXT: return sf__read_text(ctx, cur.p, sf__cur_left(&cur));
    case SF_FORMAT_JSONL: return sf__read_jsonl(ctx, cur.p, sf__cur_left(&cur));
    case SF_FORMAT_SGML: return sf__read_sgml(ctx, cur.p, sf__cur_left(&cur));
    case SF_FORMAT_HTML: return sf__read_html(ctx, cur.p, sf__cur_left(&cur));
    case SF_FORMAT_WARC:
    case SF_FORMAT_AUTO: break;
    }
    return sf__read_text(ctx, cur.p, sf__cur_left(&cur));
}

/* The reader of the bytes' format, after the empty and binary checks. */
static sf_status read_format(sf_reader_ctx *ctx, const char *data, size_t n) {
    const sf_read_options *o = ctx->opt;
    const char *name = ctx->name;
    if (is_utf16(ctx, data, n)) return read_utf16(ctx, data, n);
    sf_view all = sf__view_trim(sf__view(data, n));
    if (all.n == 0) {
        sf__reader_note(ctx, SF_ERR_EMPTY, "empty file");
        return SF_OK;
    }
    if (o->format == SF_FORMAT_AUTO || (o->format != SF_FORMAT_WARC && n >= 2 &&
                                        (uint8_t)data[0] == 0x1f && (uint8_t)data[1] == 0x8b))
        return read_sniffed(ctx, data, n);
    if (o->format == SF_FORMAT_WARC || (o->format == SF_FORMAT_AUTO &&
                                        sf__detect_format(name, data, n) == SF_FORMAT_WARC))
        return sf__read_warc(ctx, data, n); /* gzip'd bytes look binary */
    if (looks_binary(data, n)) {
        sf__reader_note(ctx, SF_ERR_PARSE, "binary file skipped");
        return SF_OK;
    }
    sf_format f = o->format != SF_FORMAT_AUTO ? o->format : sf__detect_format(name, data, n);
    sf_cur cur;
    sf__cur_init(&cur, data, n);
    /* a byte order mark is not part of the first line; it adds no newline,
     * so line numbers stay right */
    sf__cur_accept(&cur, "\xEF\xBB\xBF");
    data = cur.p;
    n = sf__cur_left(&cur);
    switch (f) {
    case SF_FORMAT_TEXT: return sf__read_text(ctx, data, n);
    case SF_FORMAT_JSONL: return sf__read_jsonl(ctx, data, n);
    case SF_FORMAT_SGML: return sf__read_sgml(ctx, data, n);
    case SF_FORMAT_HTML: return sf__read_html(ctx, data, n);
    case SF_FORMAT_WARC: return sf__read_warc(ctx, data, n);
    case SF_FORMAT_AUTO: break;
    }
    return sf__error_set(ctx->err, SF_ERR_ARG, "%s: unknown format %d", name, (int)f);
}

static sf_status read_bytes(sf_corpus *c, const char *name, const char *data, size_t n,
                            const sf_read_options *o, struct sf__read_log *log,
                            sf_error *err) {
    sf_reader_ctx ctx = {c, name, o, 0, 0, err, {{0}}, 0, 0, false, log};
    sf_status s = read_format(&ctx, data, n);
    sf__reader_flush(&ctx);
    return s;
}

sf_status sf_read_memory(sf_corpus *c, const char *name, const char *data, size_t n,
                         const sf_read_options *o, sf_error *err) {
    static const sf_read_options defaults = {0};
    if (!c || (!data && n)) return sf__error_set(err, SF_ERR_ARG, "sf_read_memory: NULL argument");
    if (!o) o = &defaults;
    if (!name) name = "<memory>";
    if (!data) data = "";
    if (o->format < SF_FORMAT_AUTO || o->format > SF_FORMAT_WARC)
        return sf__error_set(err, SF_ERR_ARG, "%s: unknown format %d", name, (int)o->format);
    if (n > limit_of(o))
        return sf__error_set(err, SF_ERR_TOO_LARGE,
                             "%s: %zu bytes is over the limit of %zu bytes (max_file_bytes)",
                             name, n, limit_of(o));
    return read_bytes(c, name, data, n, o, NULL, err);
}

/* Read a whole stream into b, at most `limit` bytes. */

/* A regular file mapped read-only, or NULL (then it is read into memory).
 * The readers take the bytes as they are and may look at the byte after the
 * last one, which must be a NUL as sf_buf gives: the kernel fills the rest
 * of the last page with zeros, so a file whose size is a whole number of
 * pages is not mapped. Mapping saves copying the file into fresh memory
 * (read(2)'s copy, and a page fault for every page of the buffer); a small
 * file (under MAP_MIN bytes) is read: there the two system calls of a
 * mapping cost as much as the copy. */
#define MAP_MIN (1 << 20)
static const char *map_file(FILE *f, const struct stat *st) {
    long page = sysconf(_SC_PAGESIZE);
    if (!S_ISREG(st->st_mode) || st->st_size <= 0 || page <= 0 ||
        st->st_size < MAP_MIN || st->st_size % page == 0 || (uint64_t)st->st_size > SIZE_MAX)
        return NULL;
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE; /* the whole file is read: map it in one call */
#endif
    void *p = mmap(NULL, (size_t)st->st_size, PROT_READ, flags, fileno(f), 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Read one file (or stream) and parse it. Failures to get at the bytes are
 * returned with err filled; the caller decides whether they stop the read. */
static sf_status read_file(sf_corpus *c, const char *path, const sf_read_options *o,
                           struct sf__read_log *log, sf_error *err) {
    size_t limit = limit_of(o);
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) return sf__error_set(err, SF_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    /* WARC files named as such are streamed with constant memory, any size */
    if (!is_stdin && (o->format == SF_FORMAT_WARC ||
                      (o->format == SF_FORMAT_AUTO &&
                       sf__detect_format(path, NULL, 0) == SF_FORMAT_WARC)) &&
        fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        sf_reader_ctx ctx = {c, name, o, 0, 0, err, {{0}}, 0, 0, false, log};
        sf_status ws = sf__read_warc_stream(&ctx, f);
        sf__reader_flush(&ctx);
        fclose(f);
        return ws;
    }
    bool have_st = !is_stdin && fstat(fileno(f), &st) == 0;
    if (have_st) {
        if (S_ISDIR(st.st_mode)) {
            fclose(f);
            return sf__error_set(err, SF_ERR_IO, "%s: is a directory", path);
        }
        if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > (uint64_t)limit) {
            fclose(f);
            return sf__error_set(err, SF_ERR_TOO_LARGE,
                                 "%s: %lld bytes is over the limit of %zu bytes "
                                 "(max_file_bytes)",
                                 path, (long long)st.st_size, limit);
        }
    }
    const char *mapped = have_st ? map_file(f, &st) : NULL;
    if (mapped) {
        fclose(f);
        sf_status ms = read_bytes(c, name, mapped, (size_t)st.st_size, o, log, err);
        munmap((void *)mapped, (size_t)st.st_size);
        return ms;
    }
    sf_buf b;
    sf__buf_init(&b, limit);
    sf_status s = sf__read_stream(f, name, &b, err);
    if (!is_stdin) fclose(f);
    if (s != SF_OK) return s;
    s = read_bytes(c, name, sf__buf_cstr(&b), b.n, o, log, err);
    sf__buf_release(&b);
    return s;
}

/* What a file that is neither regular nor a directory is, for messages. */
static const char *kind_of(const struct stat *st) {
    if (S_ISFIFO(st->st_mode)) return "a FIFO";
    if (S_ISSOCK(st->st_mode)) return "a socket";
    if (S_ISCHR(st->st_mode)) return "a character device";
    if (S_ISBLK(st->st_mode)) return "a block device";
    return "a special file";
}

/* Name order is byte order, independent of the locale (alphasort is not). */
static int by_name(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int visible(const struct dirent *d) { return d->d_name[0] != '.'; }

/* Report a problem with one entry of a directory that does not stop the read. */
static void entry_problem(const sf_read_options *o, const char *path, const sf_error *e) {
    if (!o->on_diag) return;
    sf_diag d = {e->status, path, 0, 0, e->message};
    /* entry messages start with "path: "; the diag carries the path apart */
    size_t k = strlen(path);
    if (strncmp(e->message, path, k) == 0 && e->message[k] == ':')
        d.message = e->message + k + (e->message[k + 1] == ' ' ? 2 : 1);
    o->on_diag(o->user, &d);
}

/* --include / --exclude (sf_read_options): whether a directory's entry is
 * read. */
static bool any_match(const char *const *pats, size_t n, const char *name, const char *path) {
    for (size_t i = 0; i < n; i++)
        if (pats[i] && (fnmatch(pats[i], name, 0) == 0 || fnmatch(pats[i], path, 0) == 0))
            return true;
    return false;
}

static bool wanted(const sf_read_options *o, const char *name, const char *path, bool dir) {
    if (o->nexclude && any_match(o->exclude, o->nexclude, name, path)) return false;
    return dir || !o->ninclude || any_match(o->include, o->ninclude, name, path);
}

/* ---------------------------------------------- a directory's files on threads */

/* A directory walk lists its entries in a batch, in walk order: regular
 * files, WARC files (which stream with constant memory: read on the calling
 * thread, in their turn) and problems (an entry that cannot be read). When
 * the batch is full, and at the end of the walk, its regular files are read
 * on threads, each into its thread's own corpus with a log of what its reader
 * did, and then every entry is replayed on the calling thread in order: the
 * same articles, ids, messages and progress as reading one file after
 * another, which is what one thread does. */
#define BATCH_MAX 256
#define BATCH_BYTES ((uint64_t)64 << 20) /* the files of a batch, together */
#define READ_THREADS_MAX 64

enum { ITEM_FILE, ITEM_SERIAL, ITEM_PROBLEM };

typedef struct pending {
    int kind;
    char *path;
    struct sf__read_log log;
    sf_corpus *store; /* ITEM_FILE: the corpus of the thread that read it */
    sf_status st;     /* ITEM_FILE: how its reader ended; ITEM_PROBLEM: the problem */
    sf_error err;
} pending;

struct batch {
    const sf_read_options *o;
    unsigned threads;
    pending items[BATCH_MAX];
    size_t n;
    uint64_t bytes;
    bool stopped; /* a replayed entry stopped the read (strict, out of memory) */
    /* the threads' corpora, kept for the whole walk (their strings are the
     * articles' strings); `idle` of them are free for a thread to take */
    pthread_mutex_t lock;
    sf_corpus *stores[READ_THREADS_MAX];
    size_t nstores, idle;
};

static bool streams_warc(const char *path, const sf_read_options *o) {
    return o->format == SF_FORMAT_WARC ||
           (o->format == SF_FORMAT_AUTO && sf__detect_format(path, NULL, 0) == SF_FORMAT_WARC);
}

/* stores[0..idle) are free, stores[idle..nstores) taken by threads */
static void *store_take(void *user) {
    batch *b = user;
    pthread_mutex_lock(&b->lock);
    sf_corpus *c = NULL;
    if (b->idle) {
        c = b->stores[--b->idle];
    } else if (b->nstores < READ_THREADS_MAX && (c = sf_corpus_create())) {
        b->stores[b->nstores++] = c;
    }
    pthread_mutex_unlock(&b->lock);
    return c;
}

static void store_give(void *user, void *state) {
    batch *b = user;
    if (!state) return;
    pthread_mutex_lock(&b->lock);
    for (size_t i = b->idle; i < b->nstores; i++)
        if (b->stores[i] == state) {
            b->stores[i] = b->stores[b->idle];
            b->stores[b->idle++] = state;
            break;
        }
    pthread_mutex_unlock(&b->lock);
}

static sf_status read_item(void *user, void *state, size_t i) {
    batch *b = user;
    pending *f = &b->items[i];
    if (f->kind != ITEM_FILE) return SF_OK;
    f->store = state;
    f->st = read_file(state, f->path, b->o, &f->log, &f->err);
    return SF_OK; /* the file's own failure is replayed in its turn */
}

static sf_status replay_add(sf_reader_ctx *ctx, const sf_corpus *from, const read_event *e) {
    const sf_article *a = sf_corpus_get(from, e->art);
    sf_view id = sf__view_cstr(a->id);
    char renamed[SF__ID_RENAME_MAX];
    if (e->kind == EV_ADD) {
        sf_rec r = {.id = id, .text = sf__view(a->text, a->text_len)};
        SF_TRY(unique_id(ctx, &r, e->line, renamed, sizeof renamed));
        id = r.id;
    }
    SF_TRY(sf__corpus_push(ctx->corpus, a, id, ctx->err));
    ctx->records++;
    return SF_OK;
}

/* What reading f did, done again into c as if read here. */
static sf_status replay(sf_corpus *c, pending *f, const sf_read_options *o, sf_error *err) {
    sf_reader_ctx ctx = {c, f->path, o, 0, 0, err, {{0}}, 0, 0, false, NULL};
    sf_status st = SF_OK;
    for (size_t i = 0; i < f->log.ev.n && st == SF_OK; i++) {
        const read_event *e = &f->log.ev.items[i];
        if (e->kind == EV_DIAG) st = report(&ctx, e->st, e->line, e->record, e->fmt, e->msg);
        else if (e->kind == EV_NOTE) note(&ctx, e->st, e->fmt, e->msg);
        else st = replay_add(&ctx, f->store, e);
    }
    if (st == SF_OK && f->st != SF_OK) {
        st = f->st;
        *err = f->err;
    }
    sf__reader_flush(&ctx);
    return st;
}

/* One entry in its turn: a file's articles and messages, its progress, or
 * a problem; the entry's failure reported, or returned with err filled when
 * it stops the read (out of memory, strict mode). */
static sf_status entry_done(sf_corpus *c, walk *w, pending *f, sf_error *err) {
    const sf_read_options *o = w->batch->o;
    sf_error e = {0};
    sf_status es = f->st;
    if (f->kind == ITEM_PROBLEM) {
        e = f->err;
    } else {
        es = f->kind == ITEM_FILE ? replay(c, f, o, &e) : read_file(c, f->path, o, NULL, &e);
        if (o->progress) o->progress(o->progress_user, "files", ++w->files, 0);
    }
    if (es == SF_OK) return SF_OK;
    if (es == SF_ERR_NOMEM || o->strict) return sf__error_set(err, es, "%s", e.message);
    entry_problem(o, f->path, &e);
    return SF_OK;
}

/* Read the batch's files on threads and take its entries in order; once the
 * read has stopped, entries are dropped unread. */
static sf_status batch_flush(sf_corpus *c, walk *w, sf_error *err) {
    batch *b = w->batch;
    sf_status s = SF_OK;
    if (!b->stopped) {
        sf_pool_job job = {b, store_take, read_item, store_give};
        sf__pool_run(&job, b->n, 1, b->threads, NULL, NULL);
        for (size_t i = 0; i < b->n && s == SF_OK; i++) s = entry_done(c, w, &b->items[i], err);
        if (s != SF_OK) b->stopped = true;
    }
    for (size_t i = 0; i < b->n; i++) {
        log_release(&b->items[i].log);
        sf__free(b->items[i].path);
    }
    for (size_t i = 0; i < b->nstores; i++) sf__corpus_forget(b->stores[i]);
    b->n = 0;
    b->bytes = 0;
    return s;
}

/* Add an entry to the batch (its path copied); a full batch is taken. */
static sf_status batch_add(sf_corpus *c, walk *w, int kind, const char *path, uint64_t bytes,
                           sf_status st, const sf_error *e, sf_error *err) {
    batch *b = w->batch;
    char *p = sf__strndup(path, strlen(path));
    if (!p) return sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", path);
    pending *f = &b->items[b->n++];
    *f = (pending){.kind = kind, .path = p, .st = st};
    if (e) f->err = *e;
    if (kind == ITEM_FILE) {
        /* what a file no thread could take (out of memory) says */
        f->st = SF_ERR_NOMEM;
        sf__error_set(&f->err, SF_ERR_NOMEM, "%s: out of memory", p);
    }
    b->bytes += bytes;
    return b->n == BATCH_MAX || b->bytes >= BATCH_BYTES ? batch_flush(c, w, err) : SF_OK;
}

/* List the directory's entries into the batch, directories recursively; at
 * depth 0, take what is left. A failure returned stops the read; an entry
 * that cannot be read is a problem in the batch. */
static sf_status read_dir(sf_corpus *c, const char *dir, const sf_read_options *o, int depth,
                          walk *w, sf_error *err) {
    struct dirent **list = NULL;
    int k = scandir(dir, &list, visible, by_name);
    if (k < 0) return sf__error_set(err, SF_ERR_IO, "%s: cannot read directory: %s", dir,
                                    strerror(errno));
    sf_status s = SF_OK;
    sf_buf path;
    sf__buf_init(&path, 0);
    for (int i = 0; i < k; i++) {
        if (s != SF_OK || w->batch->stopped) {
            free(list[i]);
            continue;
        }
        sf__buf_reset(&path);
        sf__buf_adds(&path, dir);
        if (path.n && path.p[path.n - 1] != '/') sf__buf_addc(&path, '/');
        sf__buf_adds(&path, list[i]->d_name);
        free(list[i]); /* scandir allocates with malloc, not our hook */
        if (sf__buf_status(&path) != SF_OK) {
            s = sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", dir);
            continue;
        }
        const char *p = sf__buf_cstr(&path);
        sf_error e = {0};
        struct stat st;
        sf_status es = SF_OK;
        bool nomem = false;
        const char *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p; /* the entry's name */
        if ((o->ninclude || o->nexclude) &&
            !wanted(o, base, p, stat(p, &st) == 0 && S_ISDIR(st.st_mode)))
            continue;
        if (stat(p, &st) != 0) {
            es = sf__error_set(&e, SF_ERR_IO, "%s: cannot open: %s", p, strerror(errno));
        } else if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
            es = sf__error_set(&e, SF_ERR_IO, "%s: not a regular file (%s), skipped", p,
                               kind_of(&st));
        } else if (!first_visit(w, &st, &nomem)) {
            /* a second way to the same file or directory (a link, a loop) */
            if (!nomem) continue;
            es = sf__error_set(&e, SF_ERR_NOMEM, "%s: out of memory", p);
        } else if (S_ISDIR(st.st_mode)) {
            if (depth >= MAX_DEPTH)
                es = sf__error_set(&e, SF_ERR_IO, "%s: directories nested too deep", p);
            else if ((es = read_dir(c, p, o, depth + 1, w, &e)) != SF_OK && w->batch->stopped)
                s = sf__error_set(err, es, "%s", e.message);
        } else {
            s = batch_add(c, w, streams_warc(p, o) ? ITEM_SERIAL : ITEM_FILE, p,
                          (uint64_t)st.st_size, SF_OK, NULL, err);
            continue;
        }
        if (s == SF_OK && es != SF_OK) s = batch_add(c, w, ITEM_PROBLEM, p, 0, es, &e, err);
    }
    free(list);
    sf__buf_release(&path);
    if (s != SF_OK) w->batch->stopped = true;
    if (depth == 0) {
        sf_status fs = batch_flush(c, w, err);
        if (s == SF_OK) s = fs;
    }
    return s;
}

sf_status sf_read_path(sf_corpus *c, const char *path, const sf_read_options *o,
                       sf_error *err) {
    static const sf_read_options defaults = {0};
    if (!c || !path || !*path) return sf__error_set(err, SF_ERR_ARG, "sf_read_path: no path");
    if (!o) o = &defaults;
    if (o->format < SF_FORMAT_AUTO || o->format > SF_FORMAT_WARC)
        return sf__error_set(err, SF_ERR_ARG, "%s: unknown format %d", path, (int)o->format);
    struct stat st;
    if (strcmp(path, "-") != 0) {
        if (stat(path, &st) != 0)
            return sf__error_set(err, SF_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        /* a FIFO or device could block forever or never end: only "-" reads
         * a stream */
        if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
            return sf__error_set(err, SF_ERR_IO,
                                 "%s: not a regular file (%s), skipped; give it as '-' on "
                                 "standard input to read it",
                                 path, kind_of(&st));
        if (S_ISDIR(st.st_mode)) {
            walk w = {.files = 0};
            sf__map_init(&w.seen);
            unsigned threads = o->threads ? o->threads : sf__default_threads();
            if (!(w.batch = sf__calloc(1, sizeof *w.batch))) {
                sf__map_release(&w.seen);
                return sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", path);
            }
            w.batch->o = o;
            w.batch->threads = SF_MIN(threads, (unsigned)READ_THREADS_MAX);
            pthread_mutex_init(&w.batch->lock, NULL);
            bool nomem = false;
            sf_status s = first_visit(&w, &st, &nomem)
                              ? read_dir(c, path, o, 0, &w, err)
                              : sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", path);
            /* the articles read on threads keep their strings where they are */
            for (size_t i = 0; i < w.batch->nstores; i++) {
                sf__corpus_adopt(c, w.batch->stores[i]);
                sf_corpus_destroy(w.batch->stores[i]);
            }
            pthread_mutex_destroy(&w.batch->lock);
            sf__free(w.batch);
            sf__map_release(&w.seen);
            return s;
        }
    }
    return read_file(c, path, o, NULL, err);
}

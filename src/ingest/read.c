/* read.c - the entry points of the readers: files, directories (recursively,
 * in byte order of names), standard input and memory; format detection; the
 * one diagnostic path every reader reports through. The bytes of one file are
 * read whole into a buffer and handed to the reader of its format. */
#include "ingest.h"
#include "html.h"

#include <dirent.h>
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
typedef struct walk {
    sf_map seen;
    size_t files; /* files read so far, for o->progress */
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

sf_status sf__reader_diag(sf_reader_ctx *ctx, sf_status st, size_t line, size_t record,
                          const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ctx->bad++;
    if (show_kind(ctx, fmt, msg, st) || ctx->opt->strict) emit(ctx, st, line, record, msg);
    if (!ctx->opt->strict) return SF_OK;
    if (line) return sf__error_set(ctx->err, st, "%s:%zu: %s", ctx->name, line, msg);
    return sf__error_set(ctx->err, st, "%s: %s", ctx->name, msg);
}

void sf__reader_note(sf_reader_ctx *ctx, sf_status st, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (show_kind(ctx, fmt, msg, st)) emit(ctx, st, 0, 0, msg);
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

/* An id already in the corpus is renamed "ID#2" (then "#3", ...): every
 * output refers to articles by id, so two articles never share one, and
 * renaming keeps the article (refusing would lose it). When the text differs
 * it is a warning (exit 1; strict mode stops); the same text under the same
 * id (one document filed twice, as DUC does across topics) is a note. */
static sf_status unique_id(sf_reader_ctx *ctx, sf_rec *r, size_t line, char *buf, size_t cap) {
    const sf_article *first = sf__corpus_find_id(ctx->corpus, r->id);
    if (!first) return SF_OK;
    bool same = sf__view_eq(sf__view(first->text, first->text_len), r->text);
    sf_view old = r->id;
    sf__corpus_unique_id(ctx->corpus, &r->id, buf, cap);
    if (same) {
        sf__reader_note(ctx, SF_OK, "%s%zu: id '%.*s' again with the same text: renamed '%s'",
                        line ? "line " : "record ", line ? line : ctx->records + 1,
                        (int)SF_MIN(old.n, 200), old.p, buf);
    } else {
        SF_TRY(sf__reader_diag(ctx, SF_ERR_PARSE, line, 0,
                               "duplicate id '%.*s' (an earlier article has it, with another "
                               "text): renamed '%s'",
                               (int)SF_MIN(old.n, 200), old.p, buf));
        ctx->bad--; /* the article is kept: a warning, not a lost record */
    }
    return SF_OK;
}

sf_status sf__reader_add(sf_reader_ctx *ctx, sf_rec *r, size_t line) {
    char renamed[SF__ID_RENAME_MAX];
    SF_TRY(unique_id(ctx, r, line, renamed, sizeof renamed));
    char origin[4096 + 32];
    if (line) snprintf(origin, sizeof origin, "%s:%zu", ctx->name, line);
    else snprintf(origin, sizeof origin, "%s", ctx->name);
    r->origin = sf__view_cstr(origin);
    SF_TRY(sf__corpus_add_rec(ctx->corpus, r, ctx->err));
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
                            const sf_read_options *o, sf_error *err) {
    sf_reader_ctx ctx = {c, name, o, 0, 0, err, {{0}}, 0, 0, false};
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
    return read_bytes(c, name, data, n, o, err);
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
                           sf_error *err) {
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
        sf_reader_ctx ctx = {c, name, o, 0, 0, err, {{0}}, 0, 0, false};
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
        sf_status ms = read_bytes(c, name, mapped, (size_t)st.st_size, o, err);
        munmap((void *)mapped, (size_t)st.st_size);
        return ms;
    }
    sf_buf b;
    sf__buf_init(&b, limit);
    sf_status s = sf__read_stream(f, name, &b, err);
    if (!is_stdin) fclose(f);
    if (s != SF_OK) return s;
    s = read_bytes(c, name, sf__buf_cstr(&b), b.n, o, err);
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
        if (s != SF_OK) {
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
        sf_status es;
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
            es = nomem ? sf__error_set(&e, SF_ERR_NOMEM, "%s: out of memory", p) : SF_OK;
        } else if (S_ISDIR(st.st_mode)) {
            es = depth >= MAX_DEPTH
                     ? sf__error_set(&e, SF_ERR_IO, "%s: directories nested too deep", p)
                     : read_dir(c, p, o, depth + 1, w, &e);
        } else {
            es = read_file(c, p, o, &e);
            if (o->progress) o->progress(o->progress_user, "files", ++w->files, 0);
        }
        if (es == SF_OK) continue;
        if (es == SF_ERR_NOMEM || o->strict) s = sf__error_set(err, es, "%s", e.message);
        else entry_problem(o, p, &e);
    }
    free(list);
    sf__buf_release(&path);
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
            bool nomem = false;
            sf_status s = first_visit(&w, &st, &nomem)
                              ? read_dir(c, path, o, 0, &w, err)
                              : sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", path);
            sf__map_release(&w.seen);
            return s;
        }
    }
    return read_file(c, path, o, err);
}

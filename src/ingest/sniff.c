/* sniff.c - what a file holds, judged by its first bytes before its name
 * (docs/input-formats.md gives the rule): gzip (of any format), WARC, TREC
 * SGML, HTML; then files that hold no articles (images, fonts, archives,
 * programs, scripts, style sheets), which are skipped and counted; then the
 * name's extension; then weak content signs (a JSON object or array, markup,
 * code). Hand-written: libmagic (Debian's file) would add a dependency for a
 * dozen byte signatures and still not tell a script from an article. */
#include "ingest.h"

#include <zlib.h>

#define SNIFF_WINDOW 4096   /* bytes looked at (inflated, for gzip) */
#define GZIP_EXPAND_MIN ((uint64_t)256 << 20) /* cap: at least 256 MiB ... */
#define GZIP_EXPAND_RATIO 100                 /* ... or 100x the compressed size */

static bool starts(const char *p, size_t n, const char *sig, size_t k) {
    return n >= k && memcmp(p, sig, k) == 0;
}

/* Byte signatures of files that hold no articles (the published magic
 * numbers of each format). */
static const char *binary_kind(const char *p, size_t n) {
    static const struct {
        const char *sig;
        size_t len;
        const char *kind;
    } magic[] = {
        {"\x89PNG\r\n\x1a\n", 8, "image"}, {"GIF87a", 6, "image"},   {"GIF89a", 6, "image"},
        {"\xFF\xD8\xFF", 3, "image"},      {"II*\0", 4, "image"},    {"MM\0*", 4, "image"},
        {"\0\0\1\0", 4, "image"},          {"%PDF-", 5, "PDF document"},
        {"wOFF", 4, "font"},               {"wOF2", 4, "font"},      {"OTTO", 4, "font"},
        {"\0\1\0\0\0", 5, "font"},         {"PK\3\4", 4, "archive"}, {"7z\xBC\xAF\x27\x1C", 6, "archive"},
        {"BZh", 3, "archive"},             {"\xFD" "7zXZ", 5, "archive"},
        {"\x7F" "ELF", 4, "program"},      {"\0asm", 4, "program"},  {"MZ", 2, "program"},
        {"ID3", 3, "audio or video"},      {"OggS", 4, "audio or video"},
        {"\x1A\x45\xDF\xA3", 4, "audio or video"},
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(magic); i++)
        if (starts(p, n, magic[i].sig, magic[i].len)) return magic[i].kind;
    if (n >= 12 && starts(p, n, "RIFF", 4) && memcmp(p + 8, "WEBP", 4) == 0) return "image";
    if (n >= 12 && memcmp(p + 4, "ftyp", 4) == 0) return "audio or video"; /* MP4, AVIF, HEIC */
    /* NUL bytes in more than a tenth of the sample, or control characters
     * (other than tab, line and page breaks) in more than a twentieth:
     * binary data of some kind. Text in any 8-bit charset has none; random
     * or compressed bytes have about one in nine. */
    size_t k = SF_MIN(n, (size_t)SNIFF_WINDOW), nul = 0, ctrl = 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char ch = (unsigned char)p[i];
        nul += ch == 0;
        ctrl += (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\v' && ch != '\f' && ch != '\r') ||
                ch == 0x7F;
    }
    return nul * 10 > k || ctrl * 20 > k ? "binary file" : NULL;
}

/* Names of files that hold no articles: what a browser saves next to a page. */
static const char *name_kind(sf_view ext) {
    static const struct {
        const char *ext;
        const char *kind;
    } names[] = {
        {"js", "script"},      {"mjs", "script"},      {"cjs", "script"},     {"ts", "script"},
        {"css", "style sheet"}, {"scss", "style sheet"}, {"less", "style sheet"},
        {"map", "source map"}, {"svg", "image"},       {"png", "image"},      {"jpg", "image"},
        {"jpeg", "image"},     {"gif", "image"},       {"webp", "image"},     {"ico", "image"},
        {"bmp", "image"},      {"tif", "image"},       {"tiff", "image"},     {"avif", "image"},
        {"woff", "font"},      {"woff2", "font"},      {"ttf", "font"},       {"otf", "font"},
        {"eot", "font"},       {"pdf", "PDF document"}, {"zip", "archive"},   {"mp3", "audio or video"},
        {"mp4", "audio or video"}, {"webm", "audio or video"}, {"wasm", "program"},
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(names); i++)
        if (sf__view_eq_nocase(ext, sf__view_cstr(names[i].ext))) return names[i].kind;
    return NULL;
}

static sf_format name_format(sf_view ext) {
    static const struct {
        const char *ext;
        sf_format f;
    } by_ext[] = {{"txt", SF_FORMAT_TEXT},   {"jsonl", SF_FORMAT_JSONL}, {"json", SF_FORMAT_JSONL},
                  {"ndjson", SF_FORMAT_JSONL}, {"sgml", SF_FORMAT_SGML}, {"xml", SF_FORMAT_SGML},
                  {"html", SF_FORMAT_HTML},  {"htm", SF_FORMAT_HTML},   {"xhtml", SF_FORMAT_HTML},
                  {"shtml", SF_FORMAT_HTML}, {"warc", SF_FORMAT_WARC}};
    for (size_t i = 0; i < SF_ARRAY_LEN(by_ext); i++)
        if (sf__view_eq_nocase(ext, sf__view_cstr(by_ext[i].ext))) return by_ext[i].f;
    return SF_FORMAT_AUTO;
}

sf_view sf__file_base(const char *name, bool inner) {
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t n = strlen(base);
    if (inner && n > 3 && sf__view_ends_with_nocase(sf__view(base, n), ".gz")) n -= 3;
    return sf__view(base, n);
}

/* The extension of the last path component without the dot, after a
 * ".gz" when `inner` ("a.jsonl.gz" gives "jsonl"). */
static sf_view extension(const char *name, bool inner) {
    if (!name) return SF_VIEW_LIT("");
    sf_view b = sf__file_base(name, inner);
    for (size_t i = b.n; i-- > 1;)
        if (b.p[i] == '.') return sf__view(b.p + i + 1, b.n - i - 1);
    return SF_VIEW_LIT("");
}

/* Find `tag` (lower case) case-insensitively in p[0..n). */
static bool has_nocase(const char *p, size_t n, const char *tag) {
    size_t k = strlen(tag);
    for (size_t i = 0; i + k <= n; i++)
        if (sf__view_eq_nocase(sf__view(p + i, k), sf__view(tag, k))) return true;
    return false;
}

/* Markup of a web page near the start: its opening elements, or (after an
 * XML declaration or a comment) an html element in the first window. */
static bool looks_html(const char *p, size_t n) {
    static const char *const open[] = {"<!doctype html", "<html", "<head", "<body", "<meta ",
                                       "<title>"};
    for (size_t i = 0; i < SF_ARRAY_LEN(open); i++)
        if (n >= strlen(open[i]) && sf__view_eq_nocase(sf__view(p, strlen(open[i])),
                                                       sf__view_cstr(open[i])))
            return true;
    return (starts(p, n, "<?xml", 5) || starts(p, n, "<!--", 4)) &&
           has_nocase(p, SF_MIN(n, (size_t)SNIFF_WINDOW), "<html");
}

/* Source code or a style sheet: at least two braces, and braces and
 * semicolons make up more than one byte in 40 of the first window's visible
 * bytes (news text has almost none: a semicolon now and then, braces never). */
static bool looks_code(const char *p, size_t n) {
    size_t k = SF_MIN(n, (size_t)SNIFF_WINDOW), visible = 0, marks = 0, braces = 0;
    for (size_t i = 0; i < k; i++) {
        char c = p[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
        visible++;
        if (c == '{' || c == '}') braces++, marks++;
        else if (c == ';') marks++;
    }
    return braces >= 2 && marks >= 3 && marks * 40 > visible;
}

/* A JSON object or an array of objects. */
static bool looks_json(const char *p, size_t n) {
    if (n && p[0] == '{') return true;
    if (!n || p[0] != '[') return false;
    size_t i = 1;
    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\t' || p[i] == '\r')) i++;
    return i < n && (p[i] == '{' || p[i] == ']');
}

/* The first inflated bytes of gzip data, into out[0..cap); their count. */
static size_t gunzip_head(const char *data, size_t n, char *out, size_t cap) {
    z_stream z = {0};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return 0;
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)SF_MIN(n, (size_t)UINT32_MAX);
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    int zs = Z_OK;
    while (z.avail_out && zs == Z_OK) zs = inflate(&z, Z_NO_FLUSH);
    size_t got = cap - z.avail_out;
    inflateEnd(&z);
    return got;
}

void sf__sniff(const char *name, bool inner, const char *data, size_t n, sf_sniff *out) {
    *out = (sf_sniff){SF_FORMAT_AUTO, false, NULL};
    if (n >= 2 && (uint8_t)data[0] == 0x1f && (uint8_t)data[1] == 0x8b) {
        out->gzip = true;
        char head[16];
        size_t k = gunzip_head(data, n, head, sizeof head);
        if (starts(head, k, "WARC/1.", 7) ||
            sf__view_eq_nocase(extension(name, true), SF_VIEW_LIT("warc")))
            out->format = SF_FORMAT_WARC; /* its reader inflates member by member */
        return;
    }
    sf_cur c;
    sf__cur_init(&c, data, n);
    sf__cur_accept(&c, "\xEF\xBB\xBF");
    const char *raw = c.p;
    size_t rawn = sf__cur_left(&c);
    if ((out->skip = binary_kind(raw, rawn))) return;
    sf__cur_skip_ws(&c);
    const char *p = c.p;
    size_t left = sf__cur_left(&c);
    sf_view ext = extension(name, inner);
    if (starts(p, left, "WARC/1.", 7)) out->format = SF_FORMAT_WARC;
    else if (sf__cur_starts_nocase(&c, "<DOC>")) out->format = SF_FORMAT_SGML;
    else if (looks_html(p, left)) out->format = SF_FORMAT_HTML;
    else if (starts(p, left, "<svg", 4) ||
             (starts(p, left, "<?xml", 5) && has_nocase(p, SF_MIN(left, (size_t)SNIFF_WINDOW), "<svg")))
        out->skip = "image";
    else if ((out->skip = name_kind(ext))) return;
    else if ((out->format = name_format(ext)) != SF_FORMAT_AUTO) return;
    else if (looks_json(p, left)) out->format = SF_FORMAT_JSONL;
    else if (left && p[0] == '<' && (has_nocase(p, SF_MIN(left, (size_t)SNIFF_WINDOW), "<p>") ||
                                     has_nocase(p, SF_MIN(left, (size_t)SNIFF_WINDOW), "<div")))
        out->format = SF_FORMAT_HTML;
    else if (looks_code(p, left)) out->skip = "script or style sheet";
    else out->format = SF_FORMAT_TEXT;
}

sf_status sf__gunzip(sf_reader_ctx *ctx, const char *data, size_t n, uint64_t limit, sf_buf *out) {
    uint64_t cap = ctx->opt->max_expand;
    if (!cap) {
        uint64_t rel = (uint64_t)n * GZIP_EXPAND_RATIO;
        cap = rel > GZIP_EXPAND_MIN ? rel : GZIP_EXPAND_MIN;
    }
    if (cap > limit) cap = limit;
    z_stream z = {0};
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)SF_MIN(n, (size_t)UINT32_MAX);
    char chunk[1 << 16];
    int zs = Z_OK;
    sf_status st = SF_OK;
    bool told = false; /* a message was given: the data is not also "corrupt" */
    while (zs == Z_OK) {
        z.next_out = (Bytef *)chunk;
        z.avail_out = sizeof chunk;
        zs = inflate(&z, Z_NO_FLUSH);
        size_t got = sizeof chunk - z.avail_out;
        if (zs == Z_STREAM_END && z.avail_in) { /* concatenated members (gzip -c a b) */
            sf__buf_add(out, chunk, got);
            got = 0;
            zs = inflateReset(&z);
        }
        if ((uint64_t)out->n + got > cap) {
            st = sf__reader_diag(ctx, SF_ERR_TOO_LARGE, 0, 0,
                                 "gzip'd data expands past %llu bytes (--max-expand); skipped",
                                 (unsigned long long)cap);
            out->n = 0;
            told = true;
            break;
        }
        sf__buf_add(out, chunk, got);
        if (zs == Z_BUF_ERROR && z.avail_in == 0) {
            st = sf__reader_diag(ctx, SF_ERR_PARSE, 0, 0,
                                 "gzip'd data ends early; the %zu bytes before the cut are read",
                                 out->n);
            told = true;
            break;
        }
    }
    if (st == SF_OK && !told && zs != Z_STREAM_END && zs != Z_BUF_ERROR) {
        st = sf__reader_diag(ctx, SF_ERR_PARSE, 0, 0, "gzip'd data is corrupt (%s); skipped",
                             z.msg ? z.msg : "inflate failed");
        out->n = 0;
    }
    inflateEnd(&z);
    if (sf__buf_status(out) != SF_OK)
        return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
    return st;
}

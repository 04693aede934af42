/* html.c - reading one web page: find its charset (byte order mark, HTTP
 * header, <meta>, then the bytes themselves; declarations trusted only as far
 * as the bytes agree), convert it to UTF-8 with ICU, and run libxml2's
 * forgiving HTML parser with SAX callbacks that feed the main-text extractor
 * and the metadata reader directly: no tree is built (its nodes, their
 * malloc/free and the walks over them were a third of the time). */
#include "html.h"

#include "../text/text.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#define SNIFF_BYTES 16384 /* where a <meta charset> is looked for */

void sf__page_init(sf_page *p) {
    memset(p, 0, sizeof *p);
    sf__buf_init(&p->text, 0);
    p->published = p->modified = SF_TIME_UNKNOWN;
}

void sf__page_release(sf_page *p) {
    if (!p) return;
    bool all = p->all_text;
    sf__buf_release(&p->text);
    sf__free(p->title);
    sf__free(p->author);
    sf__free(p->site);
    sf__free(p->url);
    sf__free(p->lang);
    memset(p, 0, sizeof *p);
    p->published = p->modified = SF_TIME_UNKNOWN;
    p->all_text = all;
}

/* ------------------------------------------------------------ charset */

static int is_name_char(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == ':' || c == '.';
}

/* After "charset" in v: skip '=', blanks and quotes, copy the name. */
static bool charset_after(sf_view v, char out[48]) {
    sf_cur c;
    sf__cur_init(&c, v.p, v.n);
    while (!sf__cur_eof(&c)) {
        if (!sf__cur_accept_nocase(&c, "charset")) {
            sf__cur_advance(&c, 1);
            continue;
        }
        sf__cur_skip_ws(&c);
        if (!sf__cur_accept(&c, "=")) continue;
        sf__cur_skip_ws(&c);
        while (sf__cur_peek(&c) == '"' || sf__cur_peek(&c) == '\'') sf__cur_advance(&c, 1);
        sf_view name = sf__cur_span(&c, is_name_char);
        if (name.n == 0 || name.n >= 48) return false;
        memcpy(out, name.p, name.n);
        out[name.n] = 0;
        return true;
    }
    return false;
}

/* The charset a page declares in its first bytes (<meta charset>, <meta
 * http-equiv content="...; charset=...">, <?xml encoding>). */
static bool declared_charset(const char *data, size_t n, char out[48]) {
    sf_cur c;
    sf__cur_init(&c, data, SF_MIN(n, (size_t)SNIFF_BYTES));
    sf_view skip, tag;
    if (sf__cur_accept_nocase(&c, "<?xml")) {
        sf_cur x = c;
        sf__cur_until_nocase(&x, "?>", &tag);
        sf_cur e;
        sf__cur_init(&e, tag.p, tag.n);
        sf_view before;
        if (sf__cur_until_nocase(&e, "encoding", &before)) {
            sf__cur_advance(&e, 8);
            sf__cur_skip_ws(&e);
            if (sf__cur_accept(&e, "=")) {
                sf__cur_skip_ws(&e);
                while (sf__cur_peek(&e) == '"' || sf__cur_peek(&e) == '\'')
                    sf__cur_advance(&e, 1);
                sf_view name = sf__cur_span(&e, is_name_char);
                if (name.n && name.n < 48) {
                    memcpy(out, name.p, name.n);
                    out[name.n] = 0;
                    return true;
                }
            }
        }
    }
    while (sf__cur_until_nocase(&c, "<meta", &skip)) {
        sf__cur_advance(&c, 5);
        sf__cur_until_any(&c, ">", &tag);
        if (charset_after(tag, out)) return true;
    }
    return false;
}

/* Map the names pages use to what browsers decode (WHATWG Encoding): latin1
 * and ASCII labels mean windows-1252; a <meta> cannot declare UTF-16. */
static void canonical_charset(char cs[48]) {
    for (char *q = cs; *q; q++)
        if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
    static const char *const latin1[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                         "l1", "us-ascii", "ascii", "iso_8859-1",
                                         "cp1252", "x-cp1252"};
    for (size_t i = 0; i < SF_ARRAY_LEN(latin1); i++)
        if (strcmp(cs, latin1[i]) == 0) {
            strcpy(cs, "windows-1252");
            return;
        }
    if (strcmp(cs, "utf8") == 0 || strncmp(cs, "utf-16", 6) == 0 || strcmp(cs, "unicode") == 0)
        strcpy(cs, "utf-8");
}

/* Count invalid UTF-8 sequences and valid multi-byte ones. */
static void utf8_stats(const char *data, size_t n, size_t *bad, size_t *multi) {
    const uint8_t *s = (const uint8_t *)data;
    size_t i = 0;
    *bad = *multi = 0;
    while (i < n) {
        /* ASCII runs eight bytes at a time */
        while (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            if (v & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        UChar32 c;
        int64_t at = (int64_t)i; /* ICU's macro compares index and length as one type */
        U8_NEXT(s, at, (int64_t)n, c);
        i = (size_t)at;
        if (c < 0) (*bad)++;
        else (*multi)++;
    }
}

/* ICU's statistical detector; windows-1252 when it is unsure. */
static void detect_charset(const char *data, size_t n, char out[48]) {
    UErrorCode e = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&e);
    strcpy(out, "windows-1252");
    if (U_FAILURE(e)) return;
    ucsdet_setText(d, data, (int32_t)SF_MIN(n, (size_t)1 << 20), &e);
    const UCharsetMatch *m = U_SUCCESS(e) ? ucsdet_detect(d, &e) : NULL;
    if (m && U_SUCCESS(e) && ucsdet_getConfidence(m, &e) >= 30) {
        const char *name = ucsdet_getName(m, &e);
        if (U_SUCCESS(e) && name && strlen(name) < 48) {
            strcpy(out, name);
            canonical_charset(out);
        }
    }
    ucsdet_close(d);
}

/* Convert from `cs` to UTF-8 and clean it into out. False when ICU does not
 * know the charset. */
static bool convert(const char *data, size_t n, const char *cs, sf_buf *out, sf_status *st) {
    *st = SF_OK;
    if (n > (size_t)INT32_MAX / 4) {
        *st = SF_ERR_TOO_LARGE;
        return true;
    }
    size_t cap = n * 3 + 16;
    char *tmp = sf__malloc(cap);
    if (!tmp) {
        *st = SF_ERR_NOMEM;
        return true;
    }
    UErrorCode e = U_ZERO_ERROR;
    int32_t got = ucnv_convert("UTF-8", cs, tmp, (int32_t)cap, data, (int32_t)n, &e);
    if (U_FAILURE(e)) {
        sf__free(tmp);
        return false;
    }
    *st = sf__utf8_clean(tmp, (size_t)got, out, NULL);
    sf__free(tmp);
    return true;
}

/* Bytes already known to be valid UTF-8: copied, NUL bytes made spaces as
 * sf__utf8_clean makes them, without decoding every sequence a second time
 * (utf8_stats has just done that). */
static sf_status copy_valid_utf8(const char *data, size_t n, sf_buf *out) {
    size_t at = out->n;
    sf__buf_add(out, data, n);
    if (sf__buf_status(out) != SF_OK) return sf__buf_status(out);
    char *p = out->p + at, *end = p + n;
    while (p < end && (p = memchr(p, 0, (size_t)(end - p))) != NULL) *p++ = ' ';
    return SF_OK;
}

sf_status sf__html_decode(const char *data, size_t n, const char *hint, sf_buf *out,
                          char charset[48], bool *conflict, sf_error *err) {
    char declared[48] = "";
    size_t utf8_bad = 1; /* unknown until counted */
    *conflict = false;
    sf_status st = SF_OK;
    /* a byte order mark beats any declaration */
    if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        strcpy(charset, "utf-8");
        st = sf__utf8_clean(data + 3, n - 3, out, NULL);
        goto done;
    }
    if (n >= 2 && ((uint8_t)data[0] == 0xFF && (uint8_t)data[1] == 0xFE)) {
        strcpy(charset, "utf-16le");
    } else if (n >= 2 && ((uint8_t)data[0] == 0xFE && (uint8_t)data[1] == 0xFF)) {
        strcpy(charset, "utf-16be");
    } else {
        if (hint && *hint && strlen(hint) < 48) strcpy(declared, hint);
        else declared_charset(data, n, declared);
        canonical_charset(declared);
        size_t bad, multi;
        utf8_stats(data, n, &bad, &multi);
        utf8_bad = bad;
        /* Text in a single-byte charset is almost never valid multi-byte
         * UTF-8, so valid UTF-8 with a few stray bytes is UTF-8. */
        bool utf8_ok = bad == 0 || bad * 200 < multi;
        if (declared[0] == 0) {
            if (utf8_ok) strcpy(charset, "utf-8");
            else detect_charset(data, n, charset);
        } else if (strcmp(declared, "utf-8") == 0) {
            if (utf8_ok) strcpy(charset, "utf-8");
            else {
                detect_charset(data, n, charset);
                *conflict = true;
            }
        } else if (multi > 0 && utf8_ok) {
            strcpy(charset, "utf-8");
            *conflict = true;
        } else {
            strcpy(charset, declared);
        }
    }
    if (strcmp(charset, "utf-8") == 0) {
        st = utf8_bad == 0 ? copy_valid_utf8(data, n, out) : sf__utf8_clean(data, n, out, NULL);
    } else if (!convert(data, n, charset, out, &st)) {
        /* a charset ICU does not know: let the detector decide */
        detect_charset(data, n, charset);
        *conflict = true;
        if (strcmp(charset, "utf-8") == 0 || !convert(data, n, charset, out, &st)) {
            strcpy(charset, "utf-8");
            st = sf__utf8_clean(data, n, out, NULL);
        }
    }
done:
    if (st == SF_OK) st = sf__buf_status(out);
    if (st != SF_OK)
        return sf__error_set(err, st, "out of memory decoding a page of %zu bytes", n);
    return SF_OK;
}

/* ------------------------------------------------------------- parsing */

/* First occurrence of needle (k > 0 bytes) in p[0..n), or NULL. */
static const char *find_bytes(const char *p, size_t n, const char *needle, size_t k) {
    while (n >= k) {
        const char *q = memchr(p, needle[0], n - k + 1);
        if (!q) return NULL;
        if (memcmp(q, needle, k) == 0) return q;
        n -= (size_t)(q - p) + 1;
        p = q + 1;
    }
    return NULL;
}

/* Case-insensitive prefix test of an ASCII word at p (p has n bytes). */
static bool at_word(const char *p, size_t n, const char *w) {
    size_t k = strlen(w);
    return n >= k && strncasecmp(p, w, k) == 0;
}

/* Drop the contents of <script> and <style> elements (but JSON-LD, which
 * the metadata reads), of inline <svg> images and of comments, in place,
 * before parsing. Two fifths of the bytes of a typical news page are inline
 * code and a twentieth SVG paths; libxml2 would walk them character by
 * character, and build a node per path, only for the extractor to skip them.
 * Raw-text elements end at the first "</script" / "</style" as in HTML, so
 * the tree is the same less those text nodes; an <svg> ends at its first
 * "</svg" (an SVG nested in another is rare, and its stray end tag is
 * ignored by the parser). <noscript> is raw text too, as in a browser that
 * runs scripts: libxml2 parses its contents as markup, and an element opened
 * there that its end tag cannot close ("<noscript><div></noscript>") would
 * put the rest of the page inside the noscript, which is not shown.
 * Returns the new length. */
static size_t strip_raw_text(char *p, size_t n) {
    size_t i = 0, o = 0;
    while (i < n) {
        char *lt = memchr(p + i, '<', n - i);
        size_t at = lt ? (size_t)(lt - p) : n;
        memmove(p + o, p + i, at - i);
        o += at - i;
        i = at;
        if (i >= n) break;
        size_t left = n - i;
        if (at_word(p + i, left, "<!--")) {
            const char *end = find_bytes(p + i + 4, left - 4, "-->", 3);
            if (!end) break; /* an unclosed comment hides the rest, as in libxml2 */
            i = (size_t)(end - p) + 3;
            continue;
        }
        const char *name = at_word(p + i, left, "<script") ? "script"
                           : at_word(p + i, left, "<style") ? "style"
                           : at_word(p + i, left, "<svg") ? "svg"
                           : at_word(p + i, left, "<noscript") ? "noscript" : NULL;
        size_t nl = name ? strlen(name) : 0;
        char c = name && left > nl + 1 ? p[i + nl + 1] : 0;
        if (!name || !(c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/')) {
            p[o++] = p[i++];
            continue;
        }
        char *gt = memchr(p + i, '>', left);
        if (!gt) break;
        size_t tag_end = (size_t)(gt - p) + 1;
        bool keep = name[1] == 'c' && find_bytes(p + i, tag_end - i, "ld+json", 7) != NULL;
        /* find the end tag */
        size_t j = tag_end, close = n;
        while (j < n) {
            char *q = memchr(p + j, '<', n - j);
            if (!q) break;
            j = (size_t)(q - p);
            if (n - j > nl + 2 && p[j + 1] == '/' && strncasecmp(p + j + 2, name, nl) == 0) {
                close = j;
                break;
            }
            j++;
        }
        memmove(p + o, p + i, tag_end - i);
        o += tag_end - i;
        if (keep || close == n) {
            /* JSON-LD, or no end tag: leave it as it is */
            size_t upto = close == n ? n : close;
            memmove(p + o, p + tag_end, upto - tag_end);
            o += upto - tag_end;
        }
        i = close;
    }
    return o;
}

sf_status sf__html_prepare(const char *data, size_t n, const char *hint, sf_buf *out,
                           sf_page *page, sf_error *err) {
    if (n > SF_HTML_MAX_BYTES)
        return sf__error_set(err, SF_ERR_TOO_LARGE,
                             "page of %zu bytes is over the %zu-byte limit for one HTML page",
                             n, SF_HTML_MAX_BYTES);
    sf__buf_reset(out);
    SF_TRY(sf__html_decode(data, n, hint, out, page->charset, &page->charset_conflict, err));
    if (out->n) out->n = strip_raw_text(out->p, out->n);
    return SF_OK;
}

/* libxml2's SAX events, passed on to the extractor and the metadata reader.
 * libxml2 hands its context to each callback (userData is the context);
 * our state rides in the context's _private. */
typedef struct sax_state {
    sf_xwalk *xw;
    sf_xmeta *xm;
    size_t depth; /* open elements */
    bool done;    /* the first top-level element has closed */
} sax_state;

static sax_state *state_of(void *ctx) { return ((htmlParserCtxtPtr)ctx)->_private; }

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
    sax_state *s = state_of(ctx);
    if (s->done) return;
    s->depth++;
    sf__extract_start(s->xw, (const char *)name, atts);
    sf__meta_start(s->xm, (const char *)name, atts);
}

static void on_end(void *ctx, const xmlChar *name) {
    (void)name; /* libxml2 balances start and end from its own stack */
    sax_state *s = state_of(ctx);
    if (s->done || s->depth == 0) return;
    sf__extract_end(s->xw);
    sf__meta_end(s->xm);
    /* What follows the root element (content after </html> that libxml2
     * would open a second root for) is left out, as a tree walk from the
     * root leaves it out. */
    if (--s->depth == 0) s->done = true;
}

static void on_text(void *ctx, const xmlChar *ch, int len) {
    sax_state *s = state_of(ctx);
    if (s->done || len <= 0) return;
    sf__extract_text(s->xw, (const char *)ch, (size_t)len);
    sf__meta_text(s->xm, (const char *)ch, (size_t)len);
}

/* Contents of <script> and <style> (raw text): only JSON-LD is left in
 * them, for the metadata. */
static void on_raw(void *ctx, const xmlChar *ch, int len) {
    sax_state *s = state_of(ctx);
    if (s->done || len <= 0) return;
    sf__meta_text(s->xm, (const char *)ch, (size_t)len);
}

/* White space libxml2 calls ignorable (in <html>, <head>, at the end): a
 * tree would not hold it either. */
static void on_blank(void *ctx, const xmlChar *ch, int len) {
    (void)ctx;
    (void)ch;
    (void)len;
}

/* libxml2 must be initialized once before several threads parse
 * (xmlInitParser's own rule); pthread_once makes the first caller do it. */
static pthread_once_t XML_ONCE = PTHREAD_ONCE_INIT;
static void xml_init(void) { xmlInitParser(); }

sf_status sf__html_extract(const char *data, size_t n, const char *url,
                           const char *charset_hint, sf_page *page, sf_error *err) {
    pthread_once(&XML_ONCE, xml_init);
    sf_buf u;
    sf__buf_init(&u, 0);
    sf_status st = sf__html_prepare(data, n, charset_hint, &u, page, err);
    if (st != SF_OK) {
        sf__buf_release(&u);
        return st;
    }
    sax_state s = {sf__extract_create(), sf__meta_create(), 0, false};
    /* libxml2 reads from a memory context built on the UTF-8 bytes; the
     * options are htmlCtxtReadMemory's: no encoding switch on a <meta>
     * (IGNORE_ENC), no network, no messages. */
    htmlParserCtxtPtr ctxt =
        s.xw && s.xm ? htmlCreateMemoryParserCtxt(u.n ? u.p : " ", u.n ? (int)u.n : 1) : NULL;
    if (!ctxt) {
        sf__extract_destroy(s.xw);
        sf__meta_destroy(s.xm);
        sf__buf_release(&u);
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory creating the HTML parser");
    }
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_raw;
    sax.ignorableWhitespace = on_blank;
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->_private = &s;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    /* as htmlCtxtReadMemory(..., "UTF-8", ...) does: otherwise libxml2
     * takes the first non-ASCII byte for Latin-1 */
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    bool nomem = ctxt->errNo == XML_ERR_NO_MEMORY;
    htmlFreeParserCtxt(ctxt);
    sf__buf_release(&u);
    st = sf__extract_finish(s.xw, page, err);
    if (st == SF_OK) st = sf__meta_finish(s.xm, url, page, err);
    sf__extract_destroy(s.xw);
    sf__meta_destroy(s.xm);
    if (st == SF_OK && nomem)
        st = sf__error_set(err, SF_ERR_NOMEM, "out of memory in the HTML parser");
    return st;
}

/* ------------------------------------------------------------- reader */

sf_status sf__page_add(sf_reader_ctx *ctx, const sf_page *page, const char *id,
                       size_t record, int64_t fallback_time) {
    /* a warning, never a stop: a harmless page (an index, a login form) */
    if (page->text.n == 0) {
        sf__reader_note(ctx, SF_ERR_EMPTY, "no article text found in the page%s%s",
                        id && *id ? " " : "", id ? id : "");
        return SF_OK;
    }
    sf_rec r = {0};
    r.id = sf__view_cstr(id);
    r.title = sf__view_cstr(page->title);
    r.text = sf__view(page->text.p, page->text.n);
    r.source = sf__view_cstr(page->site);
    r.url = sf__view_cstr(page->url);
    r.published = page->published != SF_TIME_UNKNOWN ? page->published : fallback_time;
    r.author = sf__view_cstr(page->author);
    r.lang = sf__view_cstr(page->lang);
    r.modified = page->modified;
    char origin[4096 + 32];
    if (record) snprintf(origin, sizeof origin, "%s:%zu", ctx->name, record);
    else snprintf(origin, sizeof origin, "%s", ctx->name);
    r.origin = sf__view_cstr(origin);
    return sf__reader_add_as_is(ctx, &r);
}

/* The id of a page read from a file: its name without directories and
 * without the .html/.htm extension. */
static void page_id(const char *name, char *out, size_t cap) {
    /* "page.html.gz" is the page "page", as "page.html" is */
    sf_view v = sf__file_base(name, true);
    const char *base = v.p;
    size_t k = v.n;
    if (sf__view_ends_with_nocase(v, ".html")) k -= 5;
    else if (sf__view_ends_with_nocase(v, ".htm")) k -= 4;
    snprintf(out, cap, "%.*s", (int)k, base);
}

/* Control bytes (other than white space and ESC, which ISO-2022 uses) in
 * more than 1% of the first 4 KiB: not a page in any charset. UTF-16 pages
 * start with a byte order mark and are let through. */
static bool binary_page(const char *data, size_t n) {
    if (n >= 2 && (((uint8_t)data[0] == 0xFF && (uint8_t)data[1] == 0xFE) ||
                   ((uint8_t)data[0] == 0xFE && (uint8_t)data[1] == 0xFF)))
        return false;
    size_t k = SF_MIN(n, (size_t)4096), ctl = 0;
    for (size_t i = 0; i < k; i++) {
        uint8_t c = (uint8_t)data[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ctl++;
    }
    return ctl * 100 > k;
}

sf_status sf__read_html(sf_reader_ctx *ctx, const char *data, size_t n) {
    if (binary_page(data, n))
        return sf__reader_diag(ctx, SF_ERR_PARSE, 0, 0,
                               "binary data, not an HTML page (control bytes in the first "
                               "4 KiB); skipped");
    sf_page page;
    sf__page_init(&page);
    sf_error e = {0};
    sf_status st = sf__html_extract(data, n, NULL, NULL, &page, &e);
    if (st == SF_ERR_NOMEM) {
        sf__page_release(&page);
        return sf__error_set(ctx->err, st, "%s: %s", ctx->name, e.message);
    }
    if (st != SF_OK) {
        sf__page_release(&page);
        return sf__reader_diag(ctx, st, 0, 0, "%s", e.message);
    }
    if (page.truncated)
        sf__reader_note(ctx, SF_OK,
                        "the page nests elements deeper than %d; the deeper ones were "
                        "read as part of their ancestor at that depth",
                        SF_HTML_MAX_DEPTH);
    if (page.charset_conflict)
        sf__reader_note(ctx, SF_OK,
                        "the declared charset does not match the bytes; read as %s",
                        page.charset);
    char id[512];
    page_id(ctx->name, id, sizeof id);
    st = sf__page_add(ctx, &page, id, 0, SF_TIME_UNKNOWN);
    sf__page_release(&page);
    return st;
}

const char *sf__html_attr(const xmlChar **atts, const char *name) {
    if (!atts) return NULL;
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp((const char *)atts[i], name) == 0)
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

/* html.h - web pages and crawls: decoding and parsing HTML (html.c), main-text
 * extraction (extract.c), page metadata (htmlmeta.c) and WARC crawl files
 * (warc.c). A page becomes an sf_page: the article text as paragraphs plus
 * the facts later stages need (title, times, author, outlet, URL, language).
 */
#ifndef SF_HTML_H
#define SF_HTML_H

#include "ingest.h"

#include <libxml/HTMLparser.h>

/* The largest HTML page read (bytes before decoding). Larger pages are
 * reported and skipped: no real article is that big, and the parser's tree
 * takes several times the page's size in memory. */
#define SF_HTML_MAX_BYTES ((size_t)32 << 20)

/* A page after extraction. Strings are NUL-terminated UTF-8 owned by the
 * page ("" when unknown); release with sf__page_release. */
typedef struct sf_page {
    sf_buf text;          /* main text: paragraphs and headings, "\n\n" between */
    char *title, *author, *site, *url, *lang;
    int64_t published, modified; /* SF_TIME_UNKNOWN when not found */
    char charset[48];     /* the charset the page was decoded from */
    bool charset_conflict;/* the declared charset was wrong and was overridden */
    bool truncated;       /* the parser gave up part of the page (depth, size) */
    size_t blocks, kept;  /* text blocks seen and kept */
    bool all_text;        /* input: keep every block (the "whole page" baseline) */
} sf_page;

void sf__page_init(sf_page *p);
void sf__page_release(sf_page *p);

/* Decode `data` (any bytes) to valid UTF-8 without NUL bytes into `out`.
 * The charset is taken from a byte order mark, then `hint` (an HTTP
 * Content-Type charset, may be NULL), then a <meta> declaration, and checked
 * against the bytes: a page that declares a single-byte charset but is valid
 * UTF-8 is read as UTF-8, and one that declares UTF-8 but is not is detected
 * with ICU. `charset` (48 bytes) receives the name used; *conflict is set
 * when a declaration was overridden. */
/* The value of attribute `name` in libxml2's SAX name/value array (names
 * are lower case), "" for a bare attribute, NULL when absent or atts NULL.
 * Borrowed from atts. */
const char *sf__html_attr(const xmlChar **atts, const char *name);

sf_status sf__html_decode(const char *data, size_t n, const char *hint, sf_buf *out,
                          char charset[48], bool *conflict, sf_error *err);

/* The bytes the parser reads: `data` decoded to UTF-8 (sf__html_decode, the
 * charset and conflict recorded in page), then the contents of <script>
 * (JSON-LD aside), <style>, inline <svg> and comments dropped. `out` is the
 * caller's, reset first. Fails on memory exhaustion and on a page over
 * SF_HTML_MAX_BYTES (SF_ERR_TOO_LARGE). */
sf_status sf__html_prepare(const char *data, size_t n, const char *hint, sf_buf *out,
                           sf_page *page, sf_error *err);

/* Elements nested deeper than this are read as part of their ancestor at
 * this depth (their text is kept, their own boundaries are not), so every
 * walk up the tree is bounded; page->truncated says it happened. */
#define SF_HTML_MAX_DEPTH 256

/* No tree is built: html.c runs libxml2's HTML parser with SAX callbacks
 * and hands each event, in document order with start and end balanced, to
 * the main-text extractor and the metadata reader, which keep only what they
 * need. `name` and attribute names are lower case; `atts` is libxml2's
 * NULL-terminated name/value array (may be NULL; a value may be NULL for a
 * bare attribute). The pointers are valid during the call only. Events after
 * the first top-level element closes are not passed on. */

/* Main-text extraction (extract.c). create returns NULL when out of memory;
 * destroy accepts NULL. finish scores the blocks, appends the article's
 * paragraphs to page->text, counts blocks and sets page->truncated when the
 * nesting limit was hit; it fails only on memory exhaustion. */
typedef struct sf_xwalk sf_xwalk;
sf_xwalk *sf__extract_create(void);
void sf__extract_start(sf_xwalk *w, const char *name, const xmlChar **atts);
void sf__extract_end(sf_xwalk *w);
void sf__extract_text(sf_xwalk *w, const char *s, size_t n);
sf_status sf__extract_finish(sf_xwalk *w, sf_page *page, sf_error *err);
void sf__extract_destroy(sf_xwalk *w);

/* Metadata (htmlmeta.c): title, author, site, url, lang, published and
 * modified from <meta>, JSON-LD, <time>, <html lang>, link rel=canonical and
 * the URL. It also gets the text of raw-text elements (a JSON-LD script),
 * which the extractor does not. finish fills page; `url` (may be NULL) is where
 * the page came from, used when the page names no canonical URL and for
 * dates in the path. Same ownership as the extractor's. */
typedef struct sf_xmeta sf_xmeta;
sf_xmeta *sf__meta_create(void);
void sf__meta_start(sf_xmeta *m, const char *name, const xmlChar **atts);
void sf__meta_end(sf_xmeta *m);
void sf__meta_text(sf_xmeta *m, const char *s, size_t n);
sf_status sf__meta_finish(sf_xmeta *m, const char *url, sf_page *page, sf_error *err);
void sf__meta_destroy(sf_xmeta *m);

/* The whole path: decode, parse, extract, metadata. `url` and `charset_hint`
 * may be NULL. Fails only on memory exhaustion, a page over
 * SF_HTML_MAX_BYTES (SF_ERR_TOO_LARGE) or a page libxml2 cannot parse at all
 * (SF_ERR_PARSE); err says which. */
sf_status sf__html_extract(const char *data, size_t n, const char *url,
                           const char *charset_hint, sf_page *page, sf_error *err);

/* A date in a URL path (/2019/05/31/ or /2019-05-31-...), or SF_TIME_UNKNOWN. */
int64_t sf__url_date(const char *url);

/* Readers for the corpus (see ingest.h): one HTML page per file, and WARC
 * files (gzip'd or not). sf__read_warc_stream reads a file with constant
 * memory; sf__read_warc reads bytes already in memory. */
sf_status sf__read_html(sf_reader_ctx *ctx, const char *data, size_t n);
sf_status sf__read_warc(sf_reader_ctx *ctx, const char *data, size_t n);
sf_status sf__read_warc_stream(sf_reader_ctx *ctx, FILE *f);

/* Add an extracted page to the corpus as one article, id `id`, origin
 * ctx->name (":record" appended when record > 0). Pages with no text are
 * reported through sf__reader_diag and skipped. */
sf_status sf__page_add(sf_reader_ctx *ctx, const sf_page *page, const char *id,
                       size_t record, int64_t fallback_time);

/* Scoring main-text extraction the way trafilatura's evaluation does
 * (tests/eval_common.py): per page, each `with` snippet found in the
 * white-space-normalized text is a true positive, each missing one a false
 * negative; each `without` snippet found is a false positive, each absent one
 * a true negative. Pages listed in evaldata.json but missing from html/ are
 * counted in `missing` and not scored. */
typedef struct sf_extract_eval {
    size_t pages, missing, failed;
    size_t tp, fp, fn, tn;
    size_t bytes;      /* HTML bytes read */
    /* metadata against evaldata.json's title/author/date, over the pages
     * where it gives one: equal after white space is normalized (title and
     * author ignoring case), dates by calendar day of publication */
    size_t title_n, title_ok, author_n, author_ok, date_n, date_ok;
    double seconds;    /* time spent in sf__html_extract only */
} sf_extract_eval;

/* Called per page when given: the page's file, its extracted text and its
 * counts, for inspection. */
typedef void (*sf_extract_eval_fn)(void *user, const char *file, const char *text,
                                   size_t tp, size_t fp, size_t fn, size_t tn);

/* Run the evaluation over DIR/evaldata.json and DIR/html/ (exteval.c). */
sf_status sf__extract_eval(const char *dir, bool all_text, sf_extract_eval *out,
                           sf_extract_eval_fn fn, void *user, sf_error *err);
/* Collapse every run of Unicode white space to one space and trim, as
 * Python's re.sub(r"\s+", " ", s).strip() does. */
sf_status sf__norm_space(const char *s, size_t n, sf_buf *out);

#endif

/* warc.c - WARC 1.0/1.1 crawl files (ISO 28500), plain or gzip'd as many
 * members, read as a stream with constant memory: one input window, one
 * output window and one record body at a time. `response` records whose HTTP
 * payload is HTML become articles (URL and crawl time from the WARC headers);
 * other records are counted and skipped. A corrupt gzip member is reported
 * with its offset and reading resumes at the next gzip header; a record cut
 * short by the end of its member or of the file is reported and dropped.
 * Written over zlib: no Debian library reads WARC with its headers intact. */
#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <zlib.h>

#define WIN (1 << 16)
#define MAX_HEADER ((size_t)1 << 16)               /* WARC or HTTP header block */
#define MAX_BODY (SF_HTML_MAX_BYTES + MAX_HEADER)  /* bodies kept; larger are skipped */

enum { WR_DATA, WR_MEMBER_END, WR_CORRUPT, WR_EOF, WR_CAPPED };

#define EXPAND_MIN ((uint64_t)256 << 20) /* default cap: at least 256 MiB ... */
#define EXPAND_RATIO 100                 /* ... or 100x the compressed bytes read */

typedef struct wreader {
    FILE *f;                  /* source: a file ... */
    const uint8_t *mem;       /* ... or memory */
    size_t mem_n, mem_off;
    uint8_t in[WIN];
    size_t in_len;            /* bytes in `in`; z.next_in points inside */
    uint64_t in_base;         /* file offset of in[0] */
    bool src_eof, gz, z_live;
    z_stream z;
    uint8_t out[WIN];
    size_t out_pos, out_len;
    uint8_t chunk[WIN];       /* staging for record bodies */
    uint64_t member_start;    /* compressed offset of the current member */
    uint64_t plain_off;       /* uncompressed bytes consumed (plain files) */
    uint64_t expanded;        /* bytes inflated so far (all members) */
    uint64_t reread;          /* plain bytes read again after going back */
    uint64_t max_expand;      /* 0: EXPAND_MIN / EXPAND_RATIO */
    int state;
    char zmsg[128];
} wreader;

static uint64_t in_pos(const wreader *r) {
    return r->in_base + (uint64_t)(r->z.next_in - r->in);
}

/* Move unread input to the front and read more. False at the end. The last
 * KEEP bytes already read stay in front of it: when inflate fails it has
 * often read past the next member's header, and resyncing looks there. */
#define KEEP 1024
static bool refill(wreader *r) {
    size_t unread = (size_t)(r->z.next_in - r->in);
    size_t used = unread > KEEP ? unread - KEEP : 0;
    size_t left = r->in_len - used;
    memmove(r->in, r->in + used, left);
    r->in_base += used;
    r->in_len = left;
    r->z.next_in = r->in + (unread - used);
    size_t got = 0;
    if (r->src_eof || left == WIN) {
    } else if (r->f) {
        got = fread(r->in + left, 1, WIN - left, r->f);
        if (got == 0) r->src_eof = true;
    } else {
        got = SF_MIN(WIN - left, r->mem_n - r->mem_off);
        memcpy(r->in + left, r->mem + r->mem_off, got);
        r->mem_off += got;
        if (got == 0) r->src_eof = true;
    }
    r->in_len += got;
    r->z.avail_in = (uInt)(r->in_len - (size_t)(r->z.next_in - r->in));
    return got > 0;
}

/* Position at the next gzip header at or after the current input position
 * and start inflating there. False when none is left. */
static bool start_member(wreader *r) {
    for (;;) {
        while (r->z.avail_in < 3 && refill(r)) {}
        if (r->z.avail_in == 0) return false;
        const uint8_t *p = r->z.next_in;
        size_t k = r->z.avail_in;
        for (size_t i = 0; i + 2 < k; i++) {
            if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 0x08) {
                r->z.next_in += i;
                r->z.avail_in -= (uInt)i;
                r->member_start = in_pos(r);
                inflateReset(&r->z);
                r->state = WR_DATA;
                return true;
            }
        }
        if (k < 3) return false; /* a tail too short for a header */
        /* keep the last two bytes: a header may straddle the window */
        r->z.next_in += k - 2;
        r->z.avail_in = 2;
        if (!refill(r)) return false;
    }
}

/* The cap on inflated bytes (sf_read_options.max_expand). */
static uint64_t cap_of(const wreader *r) {
    if (r->max_expand) return r->max_expand;
    uint64_t rel = in_pos(r) * EXPAND_RATIO;
    return rel > EXPAND_MIN ? rel : EXPAND_MIN;
}

static bool over_cap(const wreader *r) { return r->gz && r->expanded > cap_of(r); }

/* Make at least `need` (<= WIN) output bytes available, fewer only when the
 * member or the file ends or the data breaks off (see r->state). Unread
 * output moves to the front of the window first, so a caller can look a few
 * bytes ahead across a window boundary. */
static void fill(wreader *r, size_t need) {
    while (r->out_len - r->out_pos < need && r->state == WR_DATA) {
        size_t have = r->out_len - r->out_pos;
        if (r->out_pos) memmove(r->out, r->out + r->out_pos, have);
        r->out_pos = 0;
        r->out_len = have;
        if (!r->gz) {
            if (r->z.avail_in == 0 && !refill(r)) {
                r->state = WR_EOF;
                break;
            }
            size_t k = SF_MIN((size_t)r->z.avail_in, WIN - r->out_len);
            memcpy(r->out + r->out_len, r->z.next_in, k);
            r->z.next_in += k;
            r->z.avail_in -= (uInt)k;
            r->out_len += k;
            continue;
        }
        if (r->z.avail_in == 0 && !refill(r)) {
            snprintf(r->zmsg, sizeof r->zmsg, "gzip member ends early (file truncated)");
            r->state = WR_CORRUPT;
            break;
        }
        r->z.next_out = r->out + r->out_len;
        r->z.avail_out = (uInt)(WIN - r->out_len);
        int zs = inflate(&r->z, Z_NO_FLUSH);
        size_t made = WIN - r->out_len - r->z.avail_out;
        if (zs == Z_STREAM_END) {
            /* the gzip trailer's CRC and length matched: the member is sound */
            r->out_len += made;
            r->state = WR_MEMBER_END;
            break;
        }
        if (zs != Z_OK && zs != Z_BUF_ERROR) {
            snprintf(r->zmsg, sizeof r->zmsg, "%s", r->z.msg ? r->z.msg : "inflate failed");
            r->state = WR_CORRUPT; /* this step's output is not trusted */
            break;
        }
        r->out_len += made;
        r->expanded += made;
        if (over_cap(r)) {
            r->state = WR_CAPPED;
            break;
        }
        if (zs == Z_BUF_ERROR && r->z.avail_in == 0 && !refill(r)) {
            snprintf(r->zmsg, sizeof r->zmsg, "gzip member ends early (file truncated)");
            r->state = WR_CORRUPT;
            break;
        }
    }
}

/* Make output bytes available. Returns the state: WR_DATA when some are. */
static int pull(wreader *r) {
    fill(r, 1);
    return r->out_pos < r->out_len ? WR_DATA : r->state;
}

/* Take up to n bytes (copied into dst when not NULL). Returns the number
 * taken; fewer than n means the member or the file ended (see r->state). */
static size_t take(wreader *r, uint8_t *dst, size_t n) {
    size_t got = 0;
    while (got < n && pull(r) == WR_DATA) {
        size_t k = SF_MIN(n - got, r->out_len - r->out_pos);
        if (dst) memcpy(dst + got, r->out + r->out_pos, k);
        r->out_pos += k;
        got += k;
    }
    r->plain_off += got;
    return got;
}

/* Read the header block up to and including "\r\n\r\n" (or "\n\n") into b.
 * Returns false when the data ends first or the block is too long. */
static bool take_header(wreader *r, sf_buf *b) {
    sf__buf_reset(b);
    while (b->n < MAX_HEADER) {
        uint8_t c;
        if (take(r, &c, 1) != 1) return false;
        sf__buf_addc(b, (char)c);
        size_t n = b->n;
        if (n >= 2 && b->p[n - 1] == '\n' &&
            (b->p[n - 2] == '\n' || (n >= 4 && b->p[n - 2] == '\r' && b->p[n - 3] == '\n')))
            return sf__buf_status(b) == SF_OK;
    }
    return false;
}

/* ------------------------------------------------------------ headers */

/* The value of header `name` in a header block (case-insensitive). */
static sf_view header(sf_view block, const char *name) {
    sf_cur c;
    sf__cur_init(&c, block.p, block.n);
    sf_view line;
    size_t k = strlen(name);
    while (sf__cur_line(&c, &line)) {
        if (line.n > k && line.p[k] == ':' && strncasecmp(line.p, name, k) == 0)
            return sf__view_trim(sf__view(line.p + k + 1, line.n - k - 1));
    }
    return sf__view(NULL, 0);
}

static bool view_has_nocase(sf_view v, const char *s) {
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= v.n; i++)
        if (strncasecmp(v.p + i, s, k) == 0) return true;
    return false;
}

/* The charset parameter of a Content-Type value, into out (48 bytes). */
static void charset_of(sf_view ct, char out[48]) {
    out[0] = 0;
    for (size_t i = 0; i + 8 <= ct.n; i++) {
        if (strncasecmp(ct.p + i, "charset=", 8) != 0) continue;
        size_t j = i + 8, k = 0;
        while (j < ct.n && (ct.p[j] == '"' || ct.p[j] == '\'')) j++;
        while (j < ct.n && k < 47 && (isalnum((unsigned char)ct.p[j]) || ct.p[j] == '-' ||
                                      ct.p[j] == '_' || ct.p[j] == ':' || ct.p[j] == '.'))
            out[k++] = ct.p[j++];
        out[k] = 0;
        return;
    }
}

/* ------------------------------------------------------ HTTP payloads */

/* Undo Transfer-Encoding: chunked (RFC 9112 7.1): hex size lines, each
 * followed by that many bytes and CRLF, up to a zero-size chunk; trailers
 * are ignored. False when the framing is malformed or cut short. */
static bool dechunk(const char *p, size_t n, sf_buf *out) {
    size_t i = 0;
    for (;;) {
        uint64_t size = 0;
        size_t digits = 0;
        while (i < n && isxdigit((unsigned char)p[i])) {
            int c = (unsigned char)p[i++];
            int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            if (++digits > 15) return false;
            size = size * 16 + (uint64_t)v;
        }
        if (!digits) return false;
        while (i < n && p[i] != '\n') i++; /* chunk extensions, CR */
        if (i >= n) return false;
        i++;
        if (size == 0) return true;
        if (size > n - i) return false;
        if (sf__buf_add(out, p + i, (size_t)size) != SF_OK) return false;
        i += (size_t)size;
        if (i < n && p[i] == '\r') i++;
        if (i < n && p[i] == '\n') i++;
    }
}

/* Undo Content-Encoding gzip (or zlib) and deflate; for deflate, servers
 * send zlib-wrapped or raw streams alike, so a raw stream is tried when the
 * wrapped one fails at once. At most SF_HTML_MAX_BYTES come out. */
static bool inflate_payload(const char *p, size_t n, bool deflate_coding, sf_buf *out) {
    for (int attempt = 0; attempt < 2; attempt++) {
        z_stream z;
        memset(&z, 0, sizeof z);
        int bits = attempt == 0 ? 15 + 32 : -15; /* 32: gzip or zlib header */
        if (inflateInit2(&z, bits) != Z_OK) return false;
        z.next_in = (Bytef *)(uintptr_t)p;
        z.avail_in = (uInt)SF_MIN(n, (size_t)UINT32_MAX);
        uint8_t tmp[1 << 14];
        int zs = Z_OK;
        sf__buf_reset(out);
        while (zs == Z_OK && out->n < SF_HTML_MAX_BYTES) {
            z.next_out = tmp;
            z.avail_out = sizeof tmp;
            zs = inflate(&z, Z_NO_FLUSH);
            size_t made = sizeof tmp - z.avail_out;
            if (made && sf__buf_add(out, tmp, made) != SF_OK) break;
            if (zs == Z_BUF_ERROR || (zs == Z_OK && made == 0 && z.avail_in == 0)) break;
        }
        inflateEnd(&z);
        if (sf__buf_status(out) != SF_OK) return false;
        /* a stream cut short still gives its first part, which is a page */
        if (zs == Z_STREAM_END || ((zs == Z_OK || zs == Z_BUF_ERROR) && out->n > 0))
            return true;
        if (!deflate_coding) return false;
    }
    return false;
}

/* ------------------------------------------------------------- records */

typedef struct counts {
    size_t records, articles, other_types, not_html, not_ok, empty, broken;
} counts;

/* One response payload (HTTP message) -> article. */
static sf_status response(sf_reader_ctx *ctx, counts *k, sf_view warc, const char *body,
                          size_t n, size_t recno) {
    sf_cur c;
    sf__cur_init(&c, body, n);
    sf_view status;
    if (!sf__cur_line(&c, &status) || status.n < 12 || strncmp(status.p, "HTTP/", 5) != 0) {
        k->broken++;
        return sf__reader_diag(ctx, SF_ERR_PARSE, 0, recno,
                               "response record without an HTTP status line");
    }
    const char *sp = memchr(status.p, ' ', status.n);
    if (!sp || sp[1] != '2') {
        k->not_ok++;
        return SF_OK;
    }
    /* the HTTP header block ends at the first empty line */
    const char *hstart = c.p, *hend = NULL;
    sf_view line;
    while (sf__cur_line(&c, &line))
        if (sf__view_trim(line).n == 0) {
            hend = line.p;
            break;
        }
    if (!hend) {
        k->broken++;
        return sf__reader_diag(ctx, SF_ERR_PARSE, 0, recno, "HTTP headers do not end");
    }
    sf_view hb = sf__view(hstart, (size_t)(hend - hstart));
    sf_view ct = header(hb, "Content-Type");
    if (!view_has_nocase(ct, "html") && !(ct.n == 0 && view_has_nocase(sf__view(c.p, SF_MIN(sf__cur_left(&c), (size_t)512)), "<html"))) {
        k->not_html++;
        return SF_OK;
    }
    sf_view ce = sf__view_trim(header(hb, "Content-Encoding"));
    sf_view te = header(hb, "Transfer-Encoding");
    const char *payload = c.p;
    size_t payload_n = sf__cur_left(&c);
    sf_buf dec[2];
    sf__buf_init(&dec[0], SF_HTML_MAX_BYTES);
    sf__buf_init(&dec[1], SF_HTML_MAX_BYTES);
    const char *why = NULL;
    if (view_has_nocase(te, "chunked")) {
        if (dechunk(payload, payload_n, &dec[0])) {
            payload = dec[0].p ? dec[0].p : "";
            payload_n = dec[0].n;
        } else {
            why = "its chunked transfer coding is malformed or cut short";
        }
    }
    bool gz = sf__view_eq_nocase(ce, SF_VIEW_LIT("gzip")) ||
              sf__view_eq_nocase(ce, SF_VIEW_LIT("x-gzip"));
    bool defl = sf__view_eq_nocase(ce, SF_VIEW_LIT("deflate"));
    if (!why && (gz || defl)) {
        if (inflate_payload(payload, payload_n, defl, &dec[1])) {
            payload = dec[1].p ? dec[1].p : "";
            payload_n = dec[1].n;
        } else {
            why = "its gzip/deflate content coding does not decode";
        }
    } else if (!why && ce.n && !sf__view_eq_nocase(ce, SF_VIEW_LIT("identity"))) {
        why = "its content coding is not gzip or deflate";
    }
    if (why || sf__buf_status(&dec[0]) == SF_ERR_NOMEM || sf__buf_status(&dec[1]) == SF_ERR_NOMEM) {
        bool nomem = !why;
        sf__buf_release(&dec[0]);
        sf__buf_release(&dec[1]);
        if (nomem)
            return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: record %zu: out of memory decoding "
                                 "the HTTP payload", ctx->name, recno);
        k->broken++;
        return sf__reader_diag(ctx, SF_ERR_UNSUPPORTED, 0, recno, "HTTP payload skipped: %s", why);
    }
    char cs[48];
    charset_of(ct, cs);
    char url[2048], id[512];
    sf_view u = header(warc, "WARC-Target-URI");
    if (u.n && u.p[0] == '<' && u.p[u.n - 1] == '>') u = sf__view(u.p + 1, u.n - 2);
    snprintf(url, sizeof url, "%.*s", (int)SF_MIN(u.n, sizeof url - 1), u.p ? u.p : "");
    sf_view rid = header(warc, "WARC-Record-ID");
    if (rid.n > 2 && rid.p[0] == '<') rid = sf__view(rid.p + 1, rid.n - 2);
    if (rid.n > 9 && strncmp(rid.p, "urn:uuid:", 9) == 0) rid = sf__view(rid.p + 9, rid.n - 9);
    snprintf(id, sizeof id, "%.*s", (int)SF_MIN(rid.n, sizeof id - 1), rid.p ? rid.p : "");
    if (!id[0]) snprintf(id, sizeof id, "%.*s", (int)(sizeof id - 1), url);
    int64_t crawled = SF_TIME_UNKNOWN;
    sf_view d = header(warc, "WARC-Date");
    if (d.n) sf__parse_iso8601(d, &crawled);

    sf_page page;
    sf__page_init(&page);
    sf_error e = {0};
    sf_status st = sf__html_extract(payload, payload_n, url, cs[0] ? cs : NULL, &page, &e);
    sf__buf_release(&dec[0]);
    sf__buf_release(&dec[1]);
    if (st == SF_ERR_NOMEM) {
        sf__page_release(&page);
        return sf__error_set(ctx->err, st, "%s: record %zu: %s", ctx->name, recno, e.message);
    }
    if (st != SF_OK) {
        k->broken++;
        sf__page_release(&page);
        return sf__reader_diag(ctx, st, 0, recno, "%s", e.message);
    }
    /* the URL the crawler fetched is the article's address */
    if (url[0]) {
        char *dup = sf__strndup(url, strlen(url));
        if (dup) {
            sf__free(page.url);
            page.url = dup;
        }
    }
    if (page.text.n == 0) {
        k->empty++;
        sf__page_release(&page);
        return SF_OK;
    }
    st = sf__page_add(ctx, &page, id, recno, crawled);
    if (st == SF_OK) k->articles++;
    sf__page_release(&page);
    return st;
}

/* Plain files: skip to the next line that starts with "WARC/1." (or to the
 * end). at_line_start: the current position starts a line. Returns the
 * number of bytes skipped. */
static uint64_t resync_plain(wreader *r, bool at_line_start) {
    uint64_t skipped = 0;
    for (;;) {
        if (at_line_start) {
            fill(r, 7);
            size_t ahead = r->out_len - r->out_pos;
            if (ahead == 0) return skipped;
            if (ahead >= 7 && memcmp(r->out + r->out_pos, "WARC/1.", 7) == 0) return skipped;
        }
        if (pull(r) != WR_DATA) return skipped;
        const uint8_t *p = r->out + r->out_pos;
        size_t k = r->out_len - r->out_pos;
        const uint8_t *nl = memchr(p, '\n', k);
        size_t step = nl ? (size_t)(nl - p) + 1 : k;
        take(r, NULL, step);
        skipped += step;
        at_line_start = nl != NULL;
    }
}

/* Plain files: go back to byte offset `off` (a file that can seek, or
 * memory). False when the input cannot go back (a pipe). */
static bool rewind_plain(wreader *r, uint64_t off) {
    /* going back never costs more than reading the file once more (plus
     * 64 MiB): hostile lengths cannot make the reading quadratic */
    uint64_t back = r->plain_off - off, budget = SF_MAX(r->plain_off, (uint64_t)64 << 20);
    if (r->gz || off > r->plain_off || r->reread + back > budget) return false;
    if (r->f) {
        if (fseeko(r->f, (off_t)off, SEEK_SET) != 0) return false;
        clearerr(r->f);
    } else {
        if (off > r->mem_n) return false;
        r->mem_off = (size_t)off;
    }
    r->in_base = off;
    r->in_len = 0;
    r->z.next_in = r->in;
    r->z.avail_in = 0;
    r->src_eof = false;
    r->out_pos = r->out_len = 0;
    r->state = WR_DATA;
    r->plain_off = off;
    r->reread += back;
    return true;
}

/* Report a skipped stretch of a plain file: from `from`, `skipped` bytes,
 * reading resumes at the next record (or nothing was left). */
static sf_status report_resync(sf_reader_ctx *ctx, const wreader *r, size_t recno, uint64_t from,
                               const char *what) {
    bool more = r->out_pos < r->out_len;
    return sf__reader_diag(ctx, SF_ERR_PARSE, 0, recno,
                           "record at byte offset %llu %s; skipped %llu bytes from there to %s",
                           (unsigned long long)from, what,
                           (unsigned long long)(r->plain_off - from),
                           more ? "the next WARC/1. record" : "the end of the file (no later "
                                                              "record)");
}

/* What a step of read_all tells its loop: go on with this record, go to the
 * next one, stop reading (the summary note is written), or quit with the
 * status in w->st and no summary. */
typedef enum { STEP_ON, STEP_NEXT, STEP_END, STEP_QUIT } step;

/* The state of read_all across records. */
typedef struct warc_run {
    sf_reader_ctx *ctx;
    wreader *r;
    counts k;
    sf_buf head, body;
    sf_status st;
} warc_run;

/* The record being read. */
typedef struct warc_rec {
    sf_view hv;        /* its header block */
    uint64_t off;      /* byte offset of the record (plain) or of its gzip member */
    size_t recno;      /* its number, from 1 */
    uint64_t len;      /* its Content-Length */
    uint64_t body_off; /* byte offset of its body (plain files) */
    size_t got;        /* body bytes read */
    bool want;         /* a response to make an article of */
    bool fits;         /* its body is small enough to hold */
} warc_rec;

/* A failed step's status: quit when it is an error (the limit of
 * diagnostics, out of memory), else go to the next record. */
static step next_unless(const warc_run *w) { return w->st != SF_OK ? STEP_QUIT : STEP_NEXT; }

/* Look at the first two bytes (put back for a pipe) and start inflating when
 * they are gzip's magic. */
static sf_status open_input(sf_reader_ctx *ctx, wreader *r) {
    uint8_t peek[2];
    size_t np = r->f ? fread(peek, 1, 2, r->f) : SF_MIN((size_t)2, r->mem_n);
    if (!r->f) memcpy(peek, r->mem, np);
    if (r->f && np) {
        if (fseek(r->f, 0, SEEK_SET) != 0) {
            /* a pipe: put the two bytes back through the window */
            memcpy(r->in, peek, np);
            r->in_len = np;
        }
    }
    r->z.next_in = r->in;
    r->z.avail_in = (uInt)r->in_len;
    r->gz = np == 2 && peek[0] == 0x1f && peek[1] == 0x8b;
    if (r->gz) {
        if (inflateInit2(&r->z, 15 + 16) != Z_OK)
            return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: zlib could not start", ctx->name);
        r->z_live = true;
        if (!start_member(r)) r->state = WR_EOF;
    }
    r->max_expand = ctx->opt->max_expand;
    return SF_OK;
}

/* A corrupt gzip member: reported, then reading resumes at the next member. */
static step skip_corrupt_member(warc_run *w) {
    wreader *r = w->r;
    w->k.broken++;
    w->st = sf__reader_diag(w->ctx, SF_ERR_PARSE, 0, w->k.records + 1,
                            "corrupt gzip member at byte offset %llu: %s; resuming at the "
                            "next member",
                            (unsigned long long)r->member_start, r->zmsg);
    if (w->st != SF_OK) return STEP_QUIT;
    /* search from one byte past the broken member's header when it is still
     * in the window (inflate may have read into the next member before it
     * failed) */
    uint64_t from = r->member_start + 1;
    bool seekable = r->f ? fseeko(r->f, (off_t)from, SEEK_SET) == 0 : from <= r->mem_n;
    if (seekable) {
        /* inflate may have read far into the following members: go back and
         * look for the next header right after this one */
        if (!r->f) r->mem_off = (size_t)from;
        r->in_base = from;
        r->in_len = 0;
        r->z.next_in = r->in;
        r->z.avail_in = 0;
        r->src_eof = false;
    } else if (r->member_start + 1 < r->in_base + r->in_len) {
        size_t at = r->member_start + 1 >= r->in_base ? (size_t)(r->member_start + 1 - r->in_base)
                                                      : 0;
        r->z.next_in = r->in + at;
        r->z.avail_in = (uInt)(r->in_len - at);
    }
    r->state = WR_DATA;
    r->out_pos = r->out_len = 0;
    return start_member(r) ? STEP_NEXT : STEP_END;
}

/* Between records, once the output window is drained: the end of the input,
 * the expansion cap, the end of a gzip member, a corrupt member. */
static step between_records(warc_run *w) {
    wreader *r = w->r;
    if (r->out_pos != r->out_len) return STEP_ON;
    if (r->state == WR_EOF) return STEP_END;
    if (r->state == WR_CAPPED) {
        w->k.broken++;
        w->st = sf__reader_diag(w->ctx, SF_ERR_TOO_LARGE, 0, w->k.records + 1,
                                "gzip'd input expands past %llu bytes (after %llu compressed "
                                "bytes; --max-expand sets the cap): the rest of the file is "
                                "not read",
                                (unsigned long long)cap_of(r), (unsigned long long)in_pos(r));
        return STEP_QUIT;
    }
    /* move on to the next member when this one ended */
    if (r->gz && r->state == WR_MEMBER_END && !start_member(r)) return STEP_END;
    if (r->state == WR_CORRUPT) return skip_corrupt_member(w);
    return STEP_ON;
}

/* A header block that could not be taken whole: the input's end, a broken
 * member (reported by between_records), a block too long or cut short. */
static step header_not_taken(warc_run *w, uint64_t rec_off) {
    wreader *r = w->r;
    sf_view rest = sf__view_trim(sf__view(w->head.p ? w->head.p : "", w->head.n));
    if (rest.n == 0 && (r->state == WR_EOF || r->state == WR_MEMBER_END)) return STEP_NEXT;
    if (r->state == WR_CORRUPT || r->state == WR_CAPPED) return STEP_NEXT;
    w->k.broken++;
    if (!r->gz && w->head.n >= MAX_HEADER) {
        /* a plain file goes on at the next record */
        resync_plain(r, false);
        w->st = report_resync(w->ctx, r, w->k.records + 1, rec_off, "has a header block too long");
        return next_unless(w);
    }
    w->st = sf__reader_diag(w->ctx, SF_ERR_PARSE, 0, w->k.records + 1,
                            "record at byte offset %llu: header block %s",
                            (unsigned long long)rec_off,
                            w->head.n >= MAX_HEADER ? "too long" : "cut short");
    if (w->st != SF_OK || !r->gz) return STEP_QUIT;
    r->out_pos = r->out_len;
    return STEP_NEXT;
}

/* A plain file whose block does not start with "WARC/1.": go on at the next
 * "WARC/1." line, which may be in this block already (garbage without a
 * blank line before it). */
static step skip_to_warc_line(warc_run *w, warc_rec *rec) {
    w->k.broken++;
    const sf_view hv = rec->hv;
    const char *next = NULL;
    for (size_t i = 0; i + 8 <= hv.n && !next; i++)
        if (hv.p[i] == '\n' && memcmp(hv.p + i + 1, "WARC/1.", 7) == 0) next = hv.p + i + 1;
    if (!next) {
        resync_plain(w->r, true);
        w->st = report_resync(w->ctx, w->r, rec->recno, rec->off, "does not start with WARC/1.x");
        return next_unless(w);
    }
    uint64_t skip = (uint64_t)(next - w->head.p);
    w->st = sf__reader_diag(w->ctx, SF_ERR_PARSE, 0, rec->recno,
                            "record at byte offset %llu does not start with WARC/1.x; "
                            "skipped %llu bytes to the next WARC/1. record",
                            (unsigned long long)rec->off, (unsigned long long)skip);
    if (w->st != SF_OK) return STEP_QUIT;
    rec->hv = sf__view(next, (size_t)(w->head.p + w->head.n - next));
    rec->off += skip;
    rec->recno = ++w->k.records;
    return STEP_ON;
}

/* Take the next record's header block into rec (blank lines between records
 * are passed over) and check that it starts with "WARC/1.". */
static step take_record_header(warc_run *w, warc_rec *rec) {
    wreader *r = w->r;
    rec->off = r->gz ? r->member_start : r->plain_off;
    if (!take_header(r, &w->head)) return header_not_taken(w, rec->off);
    sf_view hv = sf__view(w->head.p, w->head.n);
    size_t lead = 0;
    while (lead < hv.n && (hv.p[lead] == '\r' || hv.p[lead] == '\n')) lead++;
    rec->hv = sf__view(hv.p + lead, hv.n - lead);
    if (rec->hv.n == 0) return STEP_NEXT;
    rec->recno = ++w->k.records;
    if (!r->gz && (rec->hv.n < 7 || strncmp(rec->hv.p, "WARC/1.", 7) != 0)) {
        step s = skip_to_warc_line(w, rec);
        if (s != STEP_ON) return s;
    }
    if (rec->hv.n < 7 || strncmp(rec->hv.p, "WARC/1.", 7) != 0) {
        w->k.broken++;
        w->st = sf__reader_diag(w->ctx, SF_ERR_PARSE, 0, rec->recno,
                                "record at byte offset %llu does not start with WARC/1.x",
                                (unsigned long long)rec->off);
        if (w->st != SF_OK) return STEP_QUIT;
        if (!r->gz) return STEP_END; /* no way to find the next record reliably */
        r->out_pos = r->out_len;
        take(r, NULL, SIZE_MAX); /* drop the rest of this member */
        return STEP_NEXT;
    }
    return STEP_ON;
}

/* The record's Content-Length into rec->len; without a valid one a plain
 * file goes on at the next record, a gzip'd one at the next member. */
static step record_length(warc_run *w, warc_rec *rec) {
    wreader *r = w->r;
    sf_view cl = header(rec->hv, "Content-Length");
    sf_cur cc;
    sf__cur_init(&cc, cl.p ? cl.p : "", cl.n);
    rec->len = 0;
    if (sf__cur_uint(&cc, 1, 19, &rec->len) && sf__cur_eof(&cc)) return STEP_ON;
    w->k.broken++;
    if (!r->gz) {
        resync_plain(r, true);
        w->st = report_resync(w->ctx, r, rec->recno, rec->off, "has no valid Content-Length");
        return next_unless(w);
    }
    w->st = sf__reader_diag(w->ctx, SF_ERR_PARSE, 0, rec->recno,
                            "record at byte offset %llu: no valid Content-Length",
                            (unsigned long long)rec->off);
    if (w->st != SF_OK) return STEP_QUIT;
    take(r, NULL, SIZE_MAX);
    return STEP_NEXT;
}

/* The record's body: kept in w->body when it is a response that fits,
 * passed over otherwise; rec->got says how much there was. */
static step read_record_body(warc_run *w, warc_rec *rec) {
    wreader *r = w->r;
    sf_view type = header(rec->hv, "WARC-Type");
    rec->want = sf__view_eq_nocase(type, SF_VIEW_LIT("response")) &&
                view_has_nocase(header(rec->hv, "Content-Type"), "application/http");
    rec->fits = rec->len <= MAX_BODY;
    rec->body_off = r->plain_off;
    sf__buf_reset(&w->body);
    if (!(rec->want && rec->fits)) {
        rec->got = take(r, NULL, (size_t)SF_MIN(rec->len, (uint64_t)SIZE_MAX));
        return STEP_ON;
    }
    rec->got = 0;
    while (rec->got < rec->len) {
        size_t want_n = (size_t)SF_MIN((uint64_t)WIN, rec->len - rec->got);
        size_t t = take(r, r->chunk, want_n);
        sf__buf_add(&w->body, r->chunk, t);
        rec->got += t;
        if (t < want_n) break;
    }
    if (sf__buf_status(&w->body) != SF_OK) {
        w->st = sf__error_set(w->ctx->err, SF_ERR_NOMEM, "%s: out of memory reading record %zu",
                              w->ctx->name, rec->recno);
        return STEP_QUIT;
    }
    return STEP_ON;
}

/* A gzip'd record is trusted only once its member is known sound: a member
 * cut short can go on inflating the next member's bytes into a record that
 * looks whole. After the record's closing CRLFs the member must end cleanly
 * (CRC and length checked by zlib) or go on with the next record ("WARC/1."
 * in the same member, where only the member's end could tell, which constant
 * memory cannot wait for). Anything else is drained, so a broken member
 * shows as corrupt and its record is dropped. */
static void check_member_end(warc_run *w, const warc_rec *rec) {
    wreader *r = w->r;
    for (int t = 0; t < 4 && pull(r) == WR_DATA &&
                    (r->out[r->out_pos] == '\r' || r->out[r->out_pos] == '\n');
         t++)
        take(r, NULL, 1);
    fill(r, 7);
    size_t ahead = r->out_len - r->out_pos;
    bool next_rec = ahead >= 7 && memcmp(r->out + r->out_pos, "WARC/1.", 7) == 0;
    if (ahead && !next_rec) {
        take(r, NULL, SIZE_MAX);
        if (r->state != WR_CORRUPT)
            sf__reader_note(w->ctx, SF_OK,
                            "record at byte offset %llu: its gzip member goes on with "
                            "bytes that are not a WARC record; they were ignored",
                            (unsigned long long)rec->off);
    }
}

/* A plain record must end where the next starts: after its CRLFs comes
 * "WARC/1." or the end; otherwise its Content-Length is wrong and the reader
 * goes on at the next record it finds. */
static step check_plain_end(warc_run *w, const warc_rec *rec) {
    wreader *r = w->r;
    int crlf = 0;
    for (; crlf < 4 && pull(r) == WR_DATA &&
           (r->out[r->out_pos] == '\r' || r->out[r->out_pos] == '\n');
         crlf++)
        take(r, NULL, 1);
    fill(r, 7);
    size_t ahead = r->out_len - r->out_pos;
    if (!ahead || (ahead >= 7 && memcmp(r->out + r->out_pos, "WARC/1.", 7) == 0)) return STEP_ON;
    w->k.broken++;
    if (crlf >= 2) {
        /* the record ended with its blank line: its length was right and
         * what follows is stray bytes between records */
        uint64_t from = r->plain_off;
        resync_plain(r, true);
        w->st = sf__reader_diag(w->ctx, SF_ERR_PARSE, 0, rec->recno,
                                "%llu bytes after the record at byte offset %llu are "
                                "not a WARC record; skipped to %s",
                                (unsigned long long)(r->plain_off - from),
                                (unsigned long long)rec->off,
                                r->out_pos < r->out_len ? "the next WARC/1. record"
                                                        : "the end of the file");
        return w->st != SF_OK ? STEP_QUIT : STEP_ON;
    }
    char what[160];
    snprintf(what, sizeof what,
             "has a Content-Length of %llu that does not end at a record "
             "boundary; record dropped",
             (unsigned long long)rec->len);
    /* too long, it may have swallowed the next records: look for them from
     * just after this record's header */
    if (rewind_plain(r, rec->body_off)) resync_plain(r, true);
    else resync_plain(r, false);
    w->st = report_resync(w->ctx, r, rec->recno, rec->off, what);
    return next_unless(w);
}

/* A record whose body is cut short, or a response too large to hold. */
static step check_record_whole(warc_run *w, const warc_rec *rec) {
    wreader *r = w->r;
    if (rec->got < rec->len && !r->gz && rewind_plain(r, rec->body_off)) {
        /* a Content-Length past the end: the records it swallowed are read
         * again from just after this record's header */
        w->k.broken++;
        char what[200];
        snprintf(what, sizeof what,
                 "is truncated: Content-Length %llu, only %zu bytes before the end "
                 "of the file; record dropped",
                 (unsigned long long)rec->len, rec->got);
        resync_plain(r, true);
        w->st = report_resync(w->ctx, r, rec->recno, rec->off, what);
        return next_unless(w);
    }
    if (rec->got < rec->len) {
        w->k.broken++;
        w->st = sf__reader_diag(w->ctx, SF_ERR_PARSE, 0, rec->recno,
                                "record at byte offset %llu is truncated: Content-Length %llu, "
                                "only %zu bytes %s",
                                (unsigned long long)rec->off, (unsigned long long)rec->len,
                                rec->got,
                                r->state == WR_EOF ? "before the end of the file"
                                : r->state == WR_MEMBER_END ? "before its gzip member ends"
                                                            : "before the data breaks off");
        return next_unless(w);
    }
    /* the record ends with CRLF CRLF; tolerate its absence */
    if (rec->want && !rec->fits) {
        w->k.broken++;
        w->st = sf__reader_diag(w->ctx, SF_ERR_TOO_LARGE, 0, rec->recno,
                                "response at byte offset %llu: its Content-Length of %llu "
                                "bytes is over the limit of %zu bytes for one page (HTML of "
                                "at most %zu bytes); skipped",
                                (unsigned long long)rec->off, (unsigned long long)rec->len,
                                (size_t)MAX_BODY, (size_t)SF_HTML_MAX_BYTES);
        return next_unless(w);
    }
    return STEP_ON;
}

/* One turn of read_all: the next record, from its header to its article. */
static step read_record(warc_run *w) {
    wreader *r = w->r;
    warc_rec rec = {.off = 0};
    step s = between_records(w);
    if (s == STEP_ON) s = take_record_header(w, &rec);
    if (s == STEP_ON) s = record_length(w, &rec);
    if (s == STEP_ON) s = read_record_body(w, &rec);
    if (s != STEP_ON) return s;
    if (r->gz && rec.got == rec.len) check_member_end(w, &rec);
    if (!r->gz && rec.got == rec.len && (s = check_plain_end(w, &rec)) != STEP_ON) return s;
    if (r->state == WR_CORRUPT || r->state == WR_CAPPED) return STEP_NEXT;
    if ((s = check_record_whole(w, &rec)) != STEP_ON) return s;
    if (!rec.want) {
        w->k.other_types++;
        return STEP_NEXT;
    }
    w->st = response(w->ctx, &w->k, rec.hv, w->body.p ? w->body.p : "", w->body.n, rec.recno);
    return w->st != SF_OK ? STEP_QUIT : STEP_NEXT;
}

static sf_status read_all(sf_reader_ctx *ctx, wreader *r) {
    warc_run w = {.ctx = ctx, .r = r};
    sf__buf_init(&w.head, MAX_HEADER + 1);
    sf__buf_init(&w.body, MAX_BODY);
    w.st = open_input(ctx, r);
    step s = w.st == SF_OK ? STEP_NEXT : STEP_QUIT;
    while (s == STEP_NEXT) s = read_record(&w);
    if (s == STEP_END) {
        const counts *k = &w.k;
        if (k->records == 0 && k->broken == 0)
            sf__reader_note(ctx, SF_ERR_EMPTY, "WARC file holds no records");
        else
            sf__reader_note(ctx, SF_OK,
                            "WARC: %zu records: %zu articles; skipped %zu other records, %zu "
                            "non-HTML responses, %zu non-2xx responses, %zu pages without "
                            "text; %zu broken",
                            k->records, k->articles, k->other_types, k->not_html, k->not_ok,
                            k->empty, k->broken);
    }
    if (r->z_live) inflateEnd(&r->z);
    sf__buf_release(&w.head);
    sf__buf_release(&w.body);
    return w.st;
}

sf_status sf__read_warc_stream(sf_reader_ctx *ctx, FILE *f) {
    wreader *r = sf__calloc(1, sizeof *r);
    if (!r) return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
    r->f = f;
    sf_status st = read_all(ctx, r);
    if (st == SF_OK && ferror(f)) {
        int e = errno;
        st = sf__error_set(ctx->err, SF_ERR_IO, "%s: read failed: %s", ctx->name, strerror(e));
    }
    sf__free(r);
    return st;
}

sf_status sf__read_warc(sf_reader_ctx *ctx, const char *data, size_t n) {
    wreader *r = sf__calloc(1, sizeof *r);
    if (!r) return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
    r->mem = (const uint8_t *)data;
    r->mem_n = n;
    r->mem_off = 0;
    sf_status st = read_all(ctx, r);
    sf__free(r);
    return st;
}

/* sgml.c - TREC/DUC newswire SGML: many <DOC> elements per file, each with
 * <DOCNO>, <DATE_TIME> or <DATE>, <HEADLINE> and <TEXT> (with or without <P>).
 * Elements are found by searching for their tags with the cursor; content is
 * stripped of tags, entities are decoded and white space is normalized. A
 * truncated document is reported by line and whatever is complete is kept. */
#include "ingest.h"

#include <stdio.h>

/* ------------------------------------------------------------ entities */

/* The entities seen in newswire SGML. Besides the XML five, the NYT wire
 * uses its own typesetting codes (&QL; &QC; &QR; quad left/centre/right,
 * &UR; &LR; rule marks, &Cx11; control characters): they carry no text. */
static const struct {
    const char *name;
    const char *text;
} ENTITIES[] = {
    {"amp", "&"}, {"AMP", "&"}, {"lt", "<"}, {"LT", "<"},   {"gt", ">"}, {"GT", ">"},
    {"quot", "\""}, {"apos", "'"}, {"HT", " "}, {"QL", ""},  {"QC", ""},  {"QR", ""},
    {"UR", ""},   {"LR", ""},
};

static int is_alnum(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static void put_utf8(sf_buf *out, uint32_t cp) {
    char b[4];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        sf__buf_addc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        sf__buf_add(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        sf__buf_add(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        sf__buf_add(out, b, 4);
    }
}

/* At '&': decode one entity into `tmp` (cleared first). Returns false, taking
 * nothing, when it is not a known entity; the '&' is then literal text. */
static bool entity(sf_cur *c, sf_buf *tmp) {
    sf_cur k = *c;
    sf__cur_advance(&k, 1);
    sf__buf_reset(tmp);
    if (sf__cur_accept(&k, "#")) {
        uint64_t v = 0;
        sf_view digits;
        if (sf__cur_accept(&k, "x") || sf__cur_accept(&k, "X")) {
            digits = sf__cur_span(&k, is_hex);
            for (size_t i = 0; i < digits.n && v <= 0x10FFFF; i++) {
                int d = (unsigned char)digits.p[i];
                v = v * 16 + (uint64_t)(d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10);
            }
        } else if (!sf__cur_uint(&k, 1, 8, &v)) {
            return false;
        } else {
            digits = SF_VIEW_LIT("0");
        }
        if (!digits.n || !sf__cur_accept(&k, ";")) return false;
        put_utf8(tmp, v > 0x10FFFF ? 0xFFFD : (uint32_t)v);
    } else {
        sf_view name = sf__cur_span(&k, is_alnum);
        if (!name.n || name.n > 8 || !sf__cur_accept(&k, ";")) return false;
        size_t i = 0;
        while (i < SF_ARRAY_LEN(ENTITIES) && !sf__view_eq(name, sf__view_cstr(ENTITIES[i].name)))
            i++;
        /* &Cx1f; and kin: control characters of the wire feed */
        bool control = name.n == 4 && name.p[0] == 'C' && name.p[1] == 'x' &&
                       is_hex((unsigned char)name.p[2]) && is_hex((unsigned char)name.p[3]);
        if (i == SF_ARRAY_LEN(ENTITIES) && !control) return false;
        if (!control) sf__buf_adds(tmp, ENTITIES[i].text);
    }
    sf__cur_advance(c, sf__cur_offset(&k) - sf__cur_offset(c));
    return true;
}

/* ------------------------------------------------------------- cleaning */

/* Append `v` to `out` without tags (and without <ANNOTATION> notes, which are
 * editors' remarks, not article text), with entities decoded and every run of
 * white space made one space; nothing is added at either end. */
static void clean_inline(sf_buf *out, sf_view v, sf_buf *tmp) {
    sf_cur k;
    sf__cur_init(&k, v.p, v.n);
    size_t start = out->n;
    bool space = false;
    sf_view run;
    while (!sf__cur_eof(&k)) {
        int ch = sf__cur_peek(&k);
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
            sf__cur_skip_ws(&k);
            space = true;
            continue;
        }
        const char *piece = NULL;
        size_t piece_n = 0;
        if (ch == '<' && sf__cur_starts_nocase(&k, "<annotation")) {
            sf__cur_until_nocase(&k, "</annotation>", &run);
            sf__cur_advance(&k, strlen("</annotation>"));
            space = true;
            continue;
        }
        if (ch == '<' && sf__cur_left(&k) > 1 &&
            (k.p[1] == '/' || k.p[1] == '!' || k.p[1] == '?' ||
             ((k.p[1] | 0x20) >= 'a' && (k.p[1] | 0x20) <= 'z'))) {
            sf__cur_until_any(&k, ">", &run);
            sf__cur_advance(&k, 1);
            continue;
        }
        if (ch == '&' && entity(&k, tmp)) {
            if (tmp->n == 1 && tmp->p[0] == ' ') {
                space = true;
                continue;
            }
            piece = sf__buf_cstr(tmp);
            piece_n = tmp->n;
        } else {
            sf__cur_advance(&k, 1); /* the stop byte itself ('<' or '&') is text */
            sf__cur_until_any(&k, "<& \t\n\r\f\v", &run);
            piece = run.p - 1;
            piece_n = run.n + 1;
        }
        if (!piece_n) continue;
        if (space && out->n > start) sf__buf_addc(out, ' ');
        space = false;
        sf__buf_add(out, piece, piece_n);
    }
}

/* Append one paragraph, separated from the one before by a blank line. */
static void add_paragraph(sf_buf *text, sf_view v, sf_buf *tmp) {
    size_t before = text->n;
    if (before) sf__buf_add(text, "\n\n", 2);
    size_t mark = text->n;
    clean_inline(text, v, tmp);
    if (text->n == mark && sf__buf_status(text) == SF_OK) { /* empty: undo the separator */
        text->n = before;
        if (text->p) text->p[before] = '\0';
    }
}

static bool is_p_tag(const sf_cur *k) {
    return sf__cur_starts_nocase(k, "<p>") || sf__cur_starts_nocase(k, "</p>") ||
           sf__cur_starts_nocase(k, "<p ") || sf__cur_starts_nocase(k, "<p\n") ||
           sf__cur_starts_nocase(k, "<p\t");
}

static bool has_p(sf_view v) {
    sf_cur k;
    sf__cur_init(&k, v.p, v.n);
    sf_view skip;
    while (sf__cur_until_any(&k, "<", &skip)) {
        if (is_p_tag(&k)) return true;
        sf__cur_advance(&k, 1);
    }
    return false;
}

/* <P> paragraphs: every <P> or </P> ends a paragraph (an unclosed <P> too). */
static void text_paragraphs(sf_buf *text, sf_view v, sf_buf *tmp) {
    sf_cur k;
    sf__cur_init(&k, v.p, v.n);
    const char *from = k.p;
    sf_view skip;
    while (sf__cur_until_any(&k, "<", &skip)) {
        if (!is_p_tag(&k)) {
            sf__cur_advance(&k, 1);
            continue;
        }
        add_paragraph(text, sf__view(from, (size_t)(k.p - from)), tmp);
        sf__cur_until_any(&k, ">", &skip);
        sf__cur_advance(&k, 1);
        from = k.p;
    }
    add_paragraph(text, sf__view(from, (size_t)(k.end - from)), tmp);
}

static bool indented(sf_view line) {
    return line.n && (line.p[0] == ' ' || line.p[0] == '\t') && sf__view_trim(line).n;
}

/* TEXT without <P>. Wire copy marks a paragraph by indenting its first line:
 * if any line is indented, blank and indented lines start paragraphs and the
 * wrapped lines in between are joined. Otherwise the line structure is kept:
 * each line normalized, runs of blank lines made one. */
static void text_lines(sf_buf *text, sf_view v, sf_buf *tmp) {
    sf_cur k;
    sf_view line;
    bool indent_mode = false;
    sf__cur_init(&k, v.p, v.n);
    for (bool first = true; sf__cur_line(&k, &line); first = false)
        if (!first && indented(line)) indent_mode = true;
    sf__cur_init(&k, v.p, v.n);
    if (indent_mode) {
        const char *from = NULL, *to = NULL;
        while (sf__cur_line(&k, &line)) {
            bool blank = sf__view_trim(line).n == 0;
            if ((blank || indented(line)) && from) {
                add_paragraph(text, sf__view(from, (size_t)(to - from)), tmp);
                from = NULL;
            }
            if (blank) continue;
            if (!from) from = line.p;
            to = line.p + line.n;
        }
        if (from) add_paragraph(text, sf__view(from, (size_t)(to - from)), tmp);
        return;
    }
    bool gap = false;
    while (sf__cur_line(&k, &line)) {
        size_t before = text->n;
        if (before) sf__buf_adds(text, gap ? "\n\n" : "\n");
        size_t mark = text->n;
        clean_inline(text, line, tmp);
        if (text->n == mark && sf__buf_status(text) == SF_OK) {
            text->n = before;
            if (text->p) text->p[before] = '\0';
            gap = before > 0;
        } else {
            gap = false;
        }
    }
}

/* ------------------------------------------------------------- elements */

typedef struct elem {
    sf_view content;
    const char *tag;   /* the '<' of the opening tag */
    const char *after; /* just past the closing tag (or the content) */
    size_t line;       /* line of the opening tag */
    bool closed;
} elem;

/* Find the first <NAME ...>...</NAME> in the body (case-insensitive). Without
 * a closing tag the content runs to the end of the body. */
static bool find_elem(const sf_cur *body, const char *name, elem *e) {
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s", name);
    snprintf(close, sizeof close, "</%s>", name);
    sf_cur k = *body;
    sf_view skip;
    while (sf__cur_until_nocase(&k, open, &skip)) {
        e->line = k.line;
        e->tag = k.p;
        sf__cur_advance(&k, strlen(open));
        int ch = sf__cur_peek(&k);
        if (ch != '>' && ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') continue;
        if (!sf__cur_until_any(&k, ">", &skip)) {
            e->content = sf__view(k.p, 0);
            e->after = k.p;
            e->closed = false;
            return true;
        }
        sf__cur_advance(&k, 1);
        e->closed = sf__cur_until_nocase(&k, close, &e->content);
        sf__cur_advance(&k, strlen(close));
        e->after = k.p;
        return true;
    }
    return false;
}

/* The part of v up to the end of its last "</P>" (the complete paragraphs). */
static sf_view complete_paragraphs(sf_view v) {
    sf_cur k;
    sf__cur_init(&k, v.p, v.n);
    sf_view skip;
    size_t end = 0;
    while (sf__cur_until_nocase(&k, "</p>", &skip)) {
        sf__cur_advance(&k, 4);
        end = sf__cur_offset(&k);
    }
    return sf__view(v.p, end);
}

/* ---------------------------------------------------------------- dates */

/* "07/07/1999 08:30:27" (month first, as the AP wire writes it), or
 * "19990707": the forms besides ISO 8601 seen in TREC/DUC dates. */
static bool parse_other_date(sf_view v, int64_t *out) {
    sf_cur k;
    v = sf__view_trim(v);
    sf__cur_init(&k, v.p, v.n);
    uint64_t y, mo, d, h = 0, mi = 0, s = 0;
    if (sf__cur_uint(&k, 8, 8, &y) && sf__cur_eof(&k)) {
        mo = y / 100 % 100;
        d = y % 100;
        y /= 10000;
    } else {
        sf__cur_init(&k, v.p, v.n);
        if (!sf__cur_uint(&k, 1, 2, &mo) || !sf__cur_accept(&k, "/") ||
            !sf__cur_uint(&k, 1, 2, &d) || !sf__cur_accept(&k, "/") ||
            !sf__cur_uint(&k, 4, 4, &y))
            return false;
        sf__cur_skip_ws(&k);
        if (!sf__cur_eof(&k)) {
            if (!sf__cur_uint(&k, 1, 2, &h) || !sf__cur_accept(&k, ":") ||
                !sf__cur_uint(&k, 2, 2, &mi))
                return false;
            if (sf__cur_accept(&k, ":") && !sf__cur_uint(&k, 2, 2, &s)) return false;
        }
        if (!sf__cur_eof(&k)) return false;
    }
    if (!sf__date_valid((int64_t)y, (unsigned)mo, (unsigned)d) || h > 24 || mi > 59 || s > 60)
        return false;
    int64_t days = sf__days_from_civil((int64_t)y, (unsigned)mo, (unsigned)d);
    *out = days * 86400 + (int64_t)(h * 3600 + mi * 60 + s);
    return true;
}

/* The day a DOCNO names (APW19980630.0763 -> 1998-06-30 00:00 UTC). */
static bool docno_day(sf_view id, int64_t *out) {
    sf_cur k;
    sf__cur_init(&k, id.p, id.n);
    while (!sf__cur_eof(&k) && ((sf__cur_peek(&k) | 0x20) >= 'a' && (sf__cur_peek(&k) | 0x20) <= 'z'))
        sf__cur_advance(&k, 1);
    uint64_t v;
    if (!sf__cur_uint(&k, 8, 8, &v)) return false;
    unsigned mo = (unsigned)(v / 100 % 100), d = (unsigned)(v % 100);
    if (!sf__date_valid((int64_t)(v / 10000), mo, d)) return false;
    *out = sf__days_from_civil((int64_t)(v / 10000), mo, d) * 86400;
    return true;
}

/* A document date. Some AP copy writes "1998-30-06 11:49:00", day before
 * month: when "YYYY-AA-BB" is not a date, or is more than two days away from
 * the day the DOCNO names while "YYYY-BB-AA" is within two days of it, the
 * swapped reading is taken. */
static bool parse_doc_date(sf_view d, sf_view id, int64_t *out) {
    const int64_t two_days = 2 * 86400;
    int64_t t = 0, swapped = 0, day = 0;
    bool ok = sf__parse_iso8601(d, &t);
    bool has_day = docno_day(id, &day);
    char b[64];
    if (d.n >= 10 && d.n < sizeof b && d.p[4] == '-' && d.p[7] == '-' &&
        (!ok || (has_day && (t < day - two_days || t > day + two_days)))) {
        memcpy(b, d.p, d.n);
        b[5] = d.p[8], b[6] = d.p[9], b[8] = d.p[5], b[9] = d.p[6];
        if (sf__parse_iso8601(sf__view(b, d.n), &swapped) &&
            (!has_day || (swapped >= day - two_days && swapped <= day + two_days))) {
            *out = swapped;
            return true;
        }
    }
    if (ok) {
        *out = t;
        return true;
    }
    return parse_other_date(d, out);
}

/* --------------------------------------------------------------- source */

/* The outlet from the letters that start a DOCNO (APW19990707.0181 -> "AP").
 * The table covers the newswires of the TREC/DUC/AQUAINT collections; other
 * prefixes are kept as they are. */
static sf_view source_of(sf_view id) {
    static const struct {
        const char *prefix, *outlet;
    } OUTLETS[] = {
        {"APW", "AP"},     {"APE", "AP"},     {"AP", "AP"},          {"NYT", "NYT"},
        {"XIE", "Xinhua"}, {"XIN", "Xinhua"}, {"AFP", "AFP"},        {"AFE", "AFP"},
        {"LTW", "LA Times-Washington Post"},  {"CNA", "Central News Agency"},
        {"FT", "Financial Times"},            {"LA", "Los Angeles Times"},
        {"WSJ", "Wall Street Journal"},       {"SJMN", "San Jose Mercury News"},
    };
    size_t n = 0;
    while (n < id.n && ((id.p[n] >= 'A' && id.p[n] <= 'Z') || (id.p[n] >= 'a' && id.p[n] <= 'z')))
        n++;
    sf_view letters = sf__view(id.p, n);
    for (size_t i = 0; i < SF_ARRAY_LEN(OUTLETS); i++)
        if (sf__view_eq_nocase(letters, sf__view_cstr(OUTLETS[i].prefix)))
            return sf__view_cstr(OUTLETS[i].outlet);
    return letters;
}

/* ----------------------------------------------------------------- docs */

typedef struct sgml_state {
    sf_reader_ctx *ctx;
    sf_buf title, text, tmp, id, lead;
} sgml_state;

static sf_status read_doc(sgml_state *s, sf_view body, size_t doc_line, size_t record,
                          bool closed) {
    sf_reader_ctx *ctx = s->ctx;
    sf_cur b;
    sf__cur_init(&b, body.p, body.n);
    b.line = doc_line;
    if (!closed)
        SF_TRY(sf__reader_diag(ctx, SF_ERR_PARSE, doc_line, record,
                               "<DOC> without </DOC> (truncated document)"));
    elem e;
    sf_rec r = {0};
    r.published = SF_TIME_UNKNOWN;
    sf__buf_reset(&s->id);
    if (find_elem(&b, "DOCNO", &e)) {
        sf_view idv = e.content;
        if (!e.closed) {
            /* without </DOCNO> the id is what follows the tag on its line, up
             * to the next tag; never the rest of the document */
            size_t k = 0;
            while (k < idv.n && idv.p[k] != '\n' && idv.p[k] != '<') k++;
            idv = sf__view(idv.p, k);
        }
        clean_inline(&s->id, idv, &s->tmp);
        if (!e.closed)
            SF_TRY(sf__reader_diag(ctx, SF_ERR_PARSE, e.line, record,
                                   "<DOCNO> without </DOCNO>: id taken from its line: '%.*s'",
                                   (int)SF_MIN(s->id.n, 200), s->id.p ? s->id.p : ""));
    }
    if (!s->id.n) sf__buf_addf(&s->id, "%s:%zu", ctx->name, doc_line);
    r.id = sf__view(sf__buf_cstr(&s->id), s->id.n);
    r.source = source_of(r.id);

    if (find_elem(&b, "DATE_TIME", &e) || find_elem(&b, "DATE", &e)) {
        sf_view d = sf__view_trim(e.content);
        if (!parse_doc_date(d, r.id, &r.published)) {
            r.published = SF_TIME_UNKNOWN;
            SF_TRY(sf__reader_diag(ctx, SF_ERR_PARSE, e.line, record,
                                   "document '%s': unrecognised date '%.*s'",
                                   sf__buf_cstr(&s->id), (int)SF_MIN(d.n, 60), d.p));
        }
    }
    sf__buf_reset(&s->title);
    const char *lead_from = NULL;
    if (find_elem(&b, "BODY", &e)) lead_from = e.content.p;
    if (find_elem(&b, "HEADLINE", &e)) {
        clean_inline(&s->title, e.content, &s->tmp);
        lead_from = e.after;
    }
    r.title = sf__view(sf__buf_cstr(&s->title), s->title.n);

    sf__buf_reset(&s->text);
    if (find_elem(&b, "TEXT", &e)) {
        sf_view t = e.content;
        bool paragraphs = has_p(t);
        if (!e.closed) {
            SF_TRY(sf__reader_diag(ctx, SF_ERR_PARSE, e.line, record,
                                   "document '%s': <TEXT> without </TEXT>",
                                   sf__buf_cstr(&s->id)));
            if (paragraphs) t = complete_paragraphs(t);
        }
        if (paragraphs) text_paragraphs(&s->text, t, &s->tmp);
        else text_lines(&s->text, t, &s->tmp);
        /* Some NYT wire documents carry the story between </HEADLINE> and
         * <TEXT>, leaving only a credit line in TEXT. Bylines and notes are
         * usual there too, so that stretch is read only when it is longer
         * than the TEXT; it then comes first. */
        sf__buf_reset(&s->lead);
        if (lead_from && lead_from < e.tag) {
            text_lines(&s->lead, sf__view(lead_from, (size_t)(e.tag - lead_from)), &s->tmp);
            if (s->lead.n > s->text.n) {
                if (s->text.n) sf__buf_adds(&s->lead, "\n\n");
                sf__buf_add(&s->lead, sf__buf_cstr(&s->text), s->text.n);
                sf_buf swap = s->text;
                s->text = s->lead;
                s->lead = swap;
            }
        }
    }
    if (sf__buf_status(&s->text) != SF_OK || sf__buf_status(&s->title) != SF_OK ||
        sf__buf_status(&s->id) != SF_OK || sf__buf_status(&s->tmp) != SF_OK ||
        sf__buf_status(&s->lead) != SF_OK)
        return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s:%zu: out of memory", ctx->name,
                             doc_line);
    if (!s->text.n)
        return sf__reader_diag(ctx, SF_ERR_PARSE, doc_line, record, "document '%s' has no text",
                               sf__buf_cstr(&s->id));
    r.text = sf__view(sf__buf_cstr(&s->text), s->text.n);
    return sf__reader_add(ctx, &r, doc_line);
}

sf_status sf__read_sgml(sf_reader_ctx *ctx, const char *data, size_t n) {
    sgml_state s = {.ctx = ctx};
    sf__buf_init(&s.title, 0);
    sf__buf_init(&s.text, 0);
    sf__buf_init(&s.tmp, 0);
    sf__buf_init(&s.id, 0);
    sf__buf_init(&s.lead, 0);
    sf_cur c;
    sf__cur_init(&c, data, n);
    sf_view skip, body;
    size_t record = 0;
    sf_status st = SF_OK;
    while (st == SF_OK && sf__cur_until_nocase(&c, "<DOC>", &skip)) {
        size_t doc_line = c.line;
        sf__cur_advance(&c, 5);
        record++;
        /* the document ends at its </DOC>, looked for only up to the next
         * <DOC> (a new <DOC> first: this one was cut off). Each stretch is
         * searched a fixed number of times, so unclosed documents cost
         * linear time, not a search to the end of the file each. */
        sf_cur probe = c, inner;
        sf_view span;
        sf__cur_until_nocase(&probe, "<DOC>", &span);
        sf__cur_init(&inner, span.p, span.n);
        bool closed = sf__cur_until_nocase(&inner, "</DOC>", &body);
        sf__cur_advance(&c, body.n + (closed ? 6 : 0));
        st = read_doc(&s, body, doc_line, record, closed);
    }
    if (st == SF_OK && record == 0)
        st = sf__reader_diag(ctx, SF_ERR_PARSE, 0, 0, "no <DOC> element found");
    sf__buf_release(&s.title);
    sf__buf_release(&s.text);
    sf__buf_release(&s.tmp);
    sf__buf_release(&s.id);
    sf__buf_release(&s.lead);
    return st;
}

/* jsonl.c - JSON Lines: one object per line with id, title, text, source, url
 * and published (ISO 8601 string or epoch seconds). Lines are cut by the
 * cursor (no fixed line buffer) and parsed by json-c with their length; a bad
 * line is reported with its number and what is wrong, and the others are read. */
#include "ingest.h"
#include "html.h"

#include <json-c/json.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>

static const char *type_name(json_type t) {
    switch (t) {
    case json_type_null: return "null";
    case json_type_boolean: return "a boolean";
    case json_type_double:
    case json_type_int: return "a number";
    case json_type_object: return "an object";
    case json_type_array: return "an array";
    case json_type_string: return "a string";
    }
    return "an unknown type";
}

/* Outcome of looking at one record. A problem fills `why`. */
typedef struct line_state {
    char why[300];
    char idbuf[64];
} line_state;

/* A string field: absent or null is an empty view; another type is an error. */
static bool string_field(json_object *o, const char *key, sf_view *out, line_state *ls) {
    json_object *v;
    *out = sf__view(NULL, 0);
    if (!json_object_object_get_ex(o, key, &v) || !v) return true;
    if (!json_object_is_type(v, json_type_string)) {
        snprintf(ls->why, sizeof ls->why, "field '%s' must be a string, not %s", key,
                 type_name(json_object_get_type(v)));
        return false;
    }
    *out = sf__view(json_object_get_string(v), (size_t)json_object_get_string_len(v));
    return true;
}

/* id: a string, or a number kept exactly as written (common in exported data
 * sets). json-c keeps the text of a number with a fraction or exponent; an
 * integer it holds as int64/uint64 and clamps beyond, so an integer at those
 * limits is refused rather than silently becoming another id. */
static bool id_field(json_object *o, sf_view *out, line_state *ls) {
    json_object *v;
    if (json_object_object_get_ex(o, "id", &v) &&
        (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double))) {
        const char *txt = json_object_get_string(v);
        int64_t i = json_object_get_int64(v);
        if (json_object_is_type(v, json_type_int) &&
            (i == INT64_MAX || i == INT64_MIN || json_object_get_uint64(v) == UINT64_MAX)) {
            snprintf(ls->why, sizeof ls->why,
                     "field 'id' is an integer too large to keep exactly (%s or beyond); "
                     "write it as a string",
                     txt);
            return false;
        }
        snprintf(ls->idbuf, sizeof ls->idbuf, "%s", txt ? txt : "");
        if (!txt || strlen(txt) >= sizeof ls->idbuf) {
            snprintf(ls->why, sizeof ls->why, "field 'id' is a number too long to keep; write "
                                              "it as a string");
            return false;
        }
        *out = sf__view_cstr(ls->idbuf);
        return true;
    }
    return string_field(o, "id", out, ls);
}

/* published: ISO 8601 or epoch seconds, within the years SF__YEAR_MIN ..
 * SF__YEAR_MAX (a date outside is refused, never clamped or dropped). */
static bool published_field(json_object *o, int64_t *out, line_state *ls) {
    json_object *v;
    *out = SF_TIME_UNKNOWN;
    if (!json_object_object_get_ex(o, "published", &v) || !v) return true;
    switch (json_object_get_type(v)) {
    case json_type_int:
    case json_type_double: {
        double d = json_object_get_double(v);
        if (isfinite(d) && d >= (double)SF__TIME_MIN && d <= (double)SF__TIME_MAX) {
            *out = json_object_is_type(v, json_type_int) ? json_object_get_int64(v)
                                                         : (int64_t)floor(d);
            return true;
        }
        snprintf(ls->why, sizeof ls->why,
                 "field 'published' %s is out of range (epoch seconds of the years %d-%d)",
                 json_object_get_string(v), SF__YEAR_MIN, SF__YEAR_MAX);
        return false;
    }
    case json_type_string: {
        sf_view s = sf__view(json_object_get_string(v), (size_t)json_object_get_string_len(v));
        if (sf__parse_iso8601(s, out)) return true;
        snprintf(ls->why, sizeof ls->why,
                 "field 'published' is not a valid ISO 8601 date (a real day of the years "
                 "%d-%d, offset within +-14:00): '%.*s'",
                 SF__YEAR_MIN, SF__YEAR_MAX, (int)SF_MIN(s.n, 60), s.p);
        return false;
    }
    default:
        snprintf(ls->why, sizeof ls->why,
                 "field 'published' must be a date string or epoch seconds, not %s",
                 type_name(json_object_get_type(v)));
        return false;
    }
}

/* The author, from "author" or "byline" when it is a string. Other shapes
 * (a list, an object of a publishing system) are left alone rather than
 * refusing the article: the field was never required. */
static void author_field(json_object *o, sf_view *out) {
    static const char *const KEYS[] = {"author", "byline"};
    for (size_t i = 0; i < SF_ARRAY_LEN(KEYS); i++) {
        json_object *v;
        if (json_object_object_get_ex(o, KEYS[i], &v) && v && json_object_is_type(v, json_type_string) &&
            json_object_get_string_len(v) > 0) {
            *out = sf__view(json_object_get_string(v), (size_t)json_object_get_string_len(v));
            return;
        }
    }
}

/* The language, from "lang" or "language" when it is a string (as "author":
 * another shape is left alone; sf__article_lang checks it is a code). */
static void lang_field(json_object *o, sf_view *out) {
    static const char *const KEYS[] = {"lang", "language"};
    for (size_t i = 0; i < SF_ARRAY_LEN(KEYS); i++) {
        json_object *v;
        if (json_object_object_get_ex(o, KEYS[i], &v) && v && json_object_is_type(v, json_type_string) &&
            json_object_get_string_len(v) > 0) {
            *out = sf__view(json_object_get_string(v), (size_t)json_object_get_string_len(v));
            return;
        }
    }
}

/* Turn one parsed object into a record; false (with ls->why) when it is bad. */
static bool to_record(json_object *o, sf_rec *r, line_state *ls) {
    if (!json_object_is_type(o, json_type_object)) {
        snprintf(ls->why, sizeof ls->why, "not a JSON object but %s",
                 type_name(json_object_get_type(o)));
        return false;
    }
    if (!id_field(o, &r->id, ls) || !string_field(o, "title", &r->title, ls) ||
        !string_field(o, "text", &r->text, ls) || !string_field(o, "source", &r->source, ls) ||
        !string_field(o, "url", &r->url, ls) || !published_field(o, &r->published, ls))
        return false;
    if (!r->text.p) {
        snprintf(ls->why, sizeof ls->why, "field 'text' is missing");
        return false;
    }
    author_field(o, &r->author);
    lang_field(o, &r->lang);
    if (sf__view_trim(r->text).n == 0) {
        snprintf(ls->why, sizeof ls->why, "field 'text' is empty");
        return false;
    }
    return true;
}

/* Parse one line with json-c; NULL with ls->why on failure. */
static json_object *parse_line(json_tokener *tok, sf_view line, line_state *ls) {
    if (line.n > INT_MAX) {
        snprintf(ls->why, sizeof ls->why, "line of %zu bytes is too long for the JSON parser",
                 line.n);
        return NULL;
    }
    /* json-c stops at a raw NUL and would report the end of the data */
    const char *nul = memchr(line.p, '\0', line.n);
    if (nul) {
        snprintf(ls->why, sizeof ls->why,
                 "invalid JSON: raw NUL byte at column %zu (inside a string write it as "
                 "\\u0000)",
                 (size_t)(nul - line.p) + 1);
        return NULL;
    }
    json_tokener_reset(tok);
    json_object *o = json_tokener_parse_ex(tok, line.p, (int)line.n);
    enum json_tokener_error e = json_tokener_get_error(tok);
    if (!o || e != json_tokener_success) {
        if (o) json_object_put(o);
        sf_view t = sf__view_trim(line);
        if (e == json_tokener_continue && t.p[0] != '{' && t.p[0] != '[' && t.p[0] != '"') {
            /* a bare number or word: json-c waits for more digits */
            snprintf(ls->why, sizeof ls->why, "not a JSON object");
            return NULL;
        }
        /* all bytes given and the parser wants more: the object is cut short */
        const char *what = e == json_tokener_continue ? "unexpected end of input"
                                                     : json_tokener_error_desc(e);
        snprintf(ls->why, sizeof ls->why, "invalid JSON: %s", what);
        return NULL;
    }
    sf_view rest = sf__view(line.p + json_tokener_get_parse_end(tok),
                            line.n - json_tokener_get_parse_end(tok));
    if (sf__view_trim(rest).n) {
        json_object_put(o);
        snprintf(ls->why, sizeof ls->why, "invalid JSON: unexpected data after the value");
        return NULL;
    }
    return o;
}

/* ------------------------------------------------------------ fast path
 *
 * Most lines are flat objects of strings. They are read here without json-c
 * (which builds an object tree, allocates every string and hashes every key):
 * one pass over the line, strings without escapes viewed in place, the others
 * unescaped into a scratch buffer. Whatever this path does not take exactly
 * as json-c would (a number or an object where the reader wants a string, a
 * key written twice or with escapes, a lone surrogate, a raw NUL, anything
 * that is not strict JSON, nesting deeper than FAST_DEPTH, a record the
 * reader would refuse) is left to the json-c path below, so every line is
 * read as before and every message is its own. */

#define FAST_DEPTH 16

typedef struct fast {
    const char *p, *e;
    char *out; /* unescaped strings go here; room for the whole line */
} fast;

static void fast_ws(fast *f) {
    while (f->p < f->e && (*f->p == ' ' || *f->p == '\t' || *f->p == '\r' || *f->p == '\n'))
        f->p++;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Four hex digits at p (p + 4 <= e), or -1. */
static long hex4(const char *p) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

static char *put_utf8(char *o, unsigned long c) {
    if (c < 0x80) {
        *o++ = (char)c;
    } else if (c < 0x800) {
        *o++ = (char)(0xC0 | (c >> 6));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *o++ = (char)(0xE0 | (c >> 12));
        *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (c >> 18));
        *o++ = (char)(0x80 | ((c >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    }
    return o;
}

/* The first byte from p on that is a quote, a backslash or NUL (or e),
 * eight bytes at a time. */
static const char *plain_run(const char *p, const char *e) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (e - p >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
        if ((((v - ones) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs) break;
        p += 8;
    }
    while (p < e && *p != '"' && *p != '\\' && *p != '\0') p++;
    return p;
}

/* The string at f->p (its opening quote): its value in *out (into the line
 * when it has no escape, else unescaped into f->out; never more bytes than
 * it takes in the line). Raw bytes other than NUL are kept as they are, as
 * json-c keeps them; a lone surrogate is left to json-c. */
static bool fast_string(fast *f, sf_view *out) {
    const char *p = plain_run(++f->p, f->e), *e = f->e;
    if (p == e || *p == '\0') return false;
    if (*p == '"') {
        *out = sf__view(f->p, (size_t)(p - f->p));
        f->p = p + 1;
        return true;
    }
    char *o0 = f->out, *o = f->out;
    memcpy(o, f->p, (size_t)(p - f->p));
    o += p - f->p;
    while (p < e) {
        char c = *p;
        if (c == '"') {
            *out = sf__view(o0, (size_t)(o - o0));
            f->out = o;
            f->p = p + 1;
            return true;
        }
        if (c == '\0') return false;
        if (c != '\\') {
            const char *q = plain_run(p, e);
            memcpy(o, p, (size_t)(q - p));
            o += q - p;
            p = q;
            continue;
        }
        if (e - p < 2) return false;
        switch (p[1]) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            if (e - p < 6) return false;
            long u = hex4(p + 2);
            if (u < 0) return false;
            if (u >= 0xDC00 && u <= 0xDFFF) return false;
            if (u >= 0xD800 && u <= 0xDBFF) {
                /* a pair: \uD8xx\uDCxx, 12 bytes in for 4 out */
                if (e - p < 12 || p[6] != '\\' || p[7] != 'u') return false;
                long lo = hex4(p + 8);
                if (lo < 0xDC00 || lo > 0xDFFF) return false;
                o = put_utf8(o, 0x10000 + (((unsigned long)u - 0xD800) << 10) +
                                    ((unsigned long)lo - 0xDC00));
                p += 12;
                continue;
            }
            o = put_utf8(o, (unsigned long)u);
            p += 6;
            continue;
        }
        default: return false;
        }
        p += 2;
    }
    return false;
}

/* Strict JSON number grammar. */
static bool fast_number(fast *f) {
    const char *p = f->p, *e = f->e;
    if (p < e && *p == '-') p++;
    if (p == e) return false;
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9') while (p < e && *p >= '0' && *p <= '9') p++;
    else return false;
    if (p < e && *p == '.') {
        p++;
        if (p == e || *p < '0' || *p > '9') return false;
        while (p < e && *p >= '0' && *p <= '9') p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-')) p++;
        if (p == e || *p < '0' || *p > '9') return false;
        while (p < e && *p >= '0' && *p <= '9') p++;
    }
    f->p = p;
    return true;
}

static bool fast_word(fast *f, const char *w, size_t n) {
    if ((size_t)(f->e - f->p) < n || memcmp(f->p, w, n) != 0) return false;
    f->p += n;
    return true;
}

/* Skip one value of any kind, checking it is strict JSON. */
static bool fast_skip(fast *f, int depth) {
    if (f->p == f->e) return false;
    sf_view v;
    char *mark = f->out;
    switch (*f->p) {
    case '"': {
        bool ok = fast_string(f, &v);
        f->out = mark; /* the value is not kept */
        return ok;
    }
    case 't': return fast_word(f, "true", 4);
    case 'f': return fast_word(f, "false", 5);
    case 'n': return fast_word(f, "null", 4);
    case '{':
    case '[': {
        char close = *f->p == '{' ? '}' : ']';
        if (depth >= FAST_DEPTH) return false;
        f->p++;
        fast_ws(f);
        if (f->p < f->e && *f->p == close) {
            f->p++;
            return true;
        }
        for (;;) {
            if (close == '}') {
                if (f->p == f->e || *f->p != '"' || !fast_string(f, &v)) return false;
                f->out = mark;
                fast_ws(f);
                if (f->p == f->e || *f->p != ':') return false;
                f->p++;
                fast_ws(f);
            }
            if (!fast_skip(f, depth + 1)) return false;
            fast_ws(f);
            if (f->p == f->e) return false;
            if (*f->p == close) {
                f->p++;
                return true;
            }
            if (*f->p != ',') return false;
            f->p++;
            fast_ws(f);
        }
    }
    default: return fast_number(f);
    }
}

/* The fields to_record reads; any other field is skipped. A field added to
 * to_record must be added here too (the test fast_path_agrees_with_json_c
 * compares the two on mutated lines). */
enum { F_ID, F_TITLE, F_TEXT, F_SOURCE, F_URL, F_PUBLISHED, F_AUTHOR, F_BYLINE, F_LANG, F_LANGUAGE, F_N };

static int fast_key(sf_view k) {
    static const char *const NAMES[F_N] = {"id",  "title",     "text",   "source", "url",
                                           "published", "author", "byline", "lang", "language"};
    for (int i = 0; i < F_N; i++)
        if (strlen(NAMES[i]) == k.n && memcmp(NAMES[i], k.p, k.n) == 0) return i;
    return -1;
}

bool sf__jsonl_fast_record(sf_view line, char *scratch, sf_rec *r) {
    if (line.n > INT_MAX) return false;
    fast f = {line.p, line.p + line.n, scratch};
    sf_view val[F_N] = {{0}};
    bool seen[F_N] = {false};
    fast_ws(&f);
    if (f.p == f.e || *f.p != '{') return false;
    f.p++;
    fast_ws(&f);
    if (f.p < f.e && *f.p == '}') return false; /* no text: json-c says why */
    for (;;) {
        sf_view key;
        if (f.p == f.e || *f.p != '"') return false;
        const char *k0 = f.p + 1;
        if (!fast_string(&f, &key) || key.p != k0) return false; /* an escaped key */
        fast_ws(&f);
        if (f.p == f.e || *f.p != ':') return false;
        f.p++;
        fast_ws(&f);
        int k = fast_key(key);
        if (k >= 0 && seen[k]) return false; /* json-c keeps the last one */
        if (k >= 0) seen[k] = true;
        if (k >= 0 && f.p < f.e && *f.p == '"') {
            if (!fast_string(&f, &val[k])) return false;
        } else if (k >= 0 && fast_word(&f, "null", 4)) {
            val[k] = sf__view(NULL, 0);
        } else if (k == F_AUTHOR || k == F_BYLINE || k == F_LANG || k == F_LANGUAGE || k < 0) {
            /* another field, or an author or language that is not a string: not used */
            if (!fast_skip(&f, 1)) return false;
        } else {
            return false; /* a number id or date, or a wrong type: json-c's way */
        }
        fast_ws(&f);
        if (f.p == f.e) return false;
        if (*f.p == '}') {
            f.p++;
            break;
        }
        if (*f.p != ',') return false;
        f.p++;
        fast_ws(&f);
    }
    fast_ws(&f);
    if (f.p != f.e) return false;
    /* the record as to_record makes it; a record it refuses goes to json-c */
    if (!val[F_TEXT].p || sf__view_trim(val[F_TEXT]).n == 0) return false;
    int64_t published = SF_TIME_UNKNOWN;
    if (val[F_PUBLISHED].p && !sf__parse_iso8601(val[F_PUBLISHED], &published)) return false;
    *r = (sf_rec){0};
    r->id = val[F_ID];
    r->title = val[F_TITLE];
    r->text = val[F_TEXT];
    r->source = val[F_SOURCE];
    r->url = val[F_URL];
    r->published = published;
    r->author = val[F_AUTHOR].n   ? val[F_AUTHOR]
                : val[F_BYLINE].n ? val[F_BYLINE]
                                  : sf__view(NULL, 0);
    r->lang = val[F_LANG].n ? val[F_LANG] : val[F_LANGUAGE].n ? val[F_LANGUAGE] : sf__view(NULL, 0);
    return true;
}

static sf_status add_record(sf_reader_ctx *ctx, sf_rec *r, size_t at);

/* A JSON document rather than JSON Lines: an array ("[" first), or an
 * object as pretty-printers write it (its "{" alone on the first line). A
 * line cut short is left to the line reader, which names it. */
static bool json_document(const char *data, size_t n) {
    sf_cur c;
    sf__cur_init(&c, data, n);
    sf__cur_skip_ws(&c);
    if (sf__cur_peek(&c) == '[') return true;
    sf_view line;
    return sf__cur_peek(&c) == '{' && sf__cur_line(&c, &line) &&
           sf__view_eq(sf__view_trim(line), SF_VIEW_LIT("{"));
}

sf_status sf__read_jsonl(sf_reader_ctx *ctx, const char *data, size_t n) {
    if (json_document(data, n)) return sf__read_json_doc(ctx, data, n);
    json_tokener *tok = json_tokener_new();
    if (!tok) return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
    sf_cur c;
    sf__cur_init(&c, data, n);
    sf_view line;
    size_t record = 0;
    sf_status st = SF_OK;
    char idbuf[4096 + 32];
    sf_buf scratch;
    sf__buf_init(&scratch, 0);
    for (size_t at = c.line; st == SF_OK && sf__cur_line(&c, &line); at = c.line) {
        if (sf__view_trim(line).n == 0) continue;
        record++;
        line_state ls;
        ls.why[0] = '\0';
        sf_rec r = {0};
        bool quick = sf__buf_reserve(&scratch, line.n) == SF_OK &&
                     sf__jsonl_fast_record(line, scratch.p, &r);
        json_object *o = quick ? NULL : parse_line(tok, line, &ls);
        if (quick || (o && to_record(o, &r, &ls))) {
            r.id = sf__view_trim(r.id);
            if (!r.id.n) {
                snprintf(idbuf, sizeof idbuf, "%s:%zu", ctx->name, at);
                r.id = sf__view_cstr(idbuf);
            }
            r.title = sf__view_trim(r.title);
            st = add_record(ctx, &r, at);
        } else {
            st = sf__reader_diag(ctx, SF_ERR_PARSE, at, record, "%s", ls.why);
        }
        if (o) json_object_put(o);
    }
    sf__buf_release(&scratch);
    json_tokener_free(tok);
    return st;
}

/* The line of byte `at` of data (1-based). */
static size_t line_at(const char *data, size_t at) {
    size_t line = 1;
    for (const char *p = data, *e = data + at; (p = memchr(p, '\n', (size_t)(e - p))); p++) line++;
    return line;
}

/* Feeds and news APIs often put the article's HTML in the text field
 * ("<p>...</p><p>...</p>", RSS content:encoded). Two or more paragraph,
 * break, block or link tags mark it as markup. */
static bool looks_like_markup(sf_view t) {
    static const char *const TAGS[] = {"<p>", "<p ", "</p>", "<br", "<div", "</div>", "</a>", "<li>", "<h2", "<span"};
    size_t hits = 0;
    /* every record's text passes here: jump from '<' to '<' */
    for (const char *q = t.n ? memchr(t.p, '<', t.n) : NULL; q && hits < 2;
         q = memchr(q + 1, '<', (size_t)(t.p + t.n - q - 1))) {
        size_t i = (size_t)(q - t.p);
        for (size_t k = 0; k < SF_ARRAY_LEN(TAGS); k++) {
            size_t n = strlen(TAGS[k]);
            if (i + n <= t.n && sf__view_eq_nocase(sf__view(t.p + i, n), sf__view(TAGS[k], n))) {
                hits++;
                break;
            }
        }
    }
    return hits >= 2;
}

/* Add record r; markup in its text is read with the page reader, every
 * block kept: a feed's text field is the article body already, and the
 * page extractor's judgement of boilerplate (made for whole pages) drops
 * short paragraphs with a link in them. Tags, scripts and styles go; lines
 * such as "Share this" are left to the sentence cleaning, as in plain text. */
static sf_status add_record(sf_reader_ctx *ctx, sf_rec *r, size_t at) {
    if (!looks_like_markup(r->text)) return sf__reader_add(ctx, r, at);
    sf_page pg;
    sf__page_init(&pg);
    pg.all_text = true;
    sf_error e = {0};
    sf_status st = sf__html_extract(r->text.p, r->text.n, NULL, "utf-8", &pg, &e);
    if (st == SF_ERR_NOMEM) {
        sf__page_release(&pg);
        return sf__error_set(ctx->err, st, "%s: %s", ctx->name, e.message);
    }
    if (st == SF_OK && pg.text.n) r->text = sf__view(pg.text.p, pg.text.n);
    st = sf__reader_add(ctx, r, at);
    sf__page_release(&pg);
    return st;
}

/* One article object of a JSON document: added, or reported by its index. */
static sf_status doc_record(sf_reader_ctx *ctx, json_object *o, size_t record) {
    line_state ls;
    ls.why[0] = '\0';
    sf_rec r = {0};
    if (!to_record(o, &r, &ls)) return sf__reader_diag(ctx, SF_ERR_PARSE, 0, record, "%s", ls.why);
    char idbuf[4096 + 32];
    r.id = sf__view_trim(r.id);
    if (!r.id.n) {
        snprintf(idbuf, sizeof idbuf, "%s#%zu", ctx->name, record);
        r.id = sf__view_cstr(idbuf);
    }
    r.title = sf__view_trim(r.title);
    return add_record(ctx, &r, 0);
}

sf_status sf__read_json_doc(sf_reader_ctx *ctx, const char *data, size_t n) {
    if (n > INT_MAX)
        return sf__reader_diag(ctx, SF_ERR_TOO_LARGE, 0, 0,
                               "JSON document of %zu bytes is too large for the JSON parser", n);
    if (memchr(data, '\0', n))
        return sf__reader_diag(ctx, SF_ERR_PARSE, 0, 0, "invalid JSON: raw NUL byte");
    json_tokener *tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
    if (!tok) return sf__error_set(ctx->err, SF_ERR_NOMEM, "%s: out of memory", ctx->name);
    json_object *doc = json_tokener_parse_ex(tok, data, (int)n);
    enum json_tokener_error e = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    sf_status st = SF_OK;
    if (!doc || e != json_tokener_success) {
        const char *what = e == json_tokener_continue ? "unexpected end of input"
                                                     : json_tokener_error_desc(e);
        st = sf__reader_diag(ctx, SF_ERR_PARSE, line_at(data, SF_MIN(end, n)), 0,
                             "invalid JSON: %s", what);
    } else if (sf__view_trim(sf__view(data + end, n - end)).n) {
        st = sf__reader_diag(ctx, SF_ERR_PARSE, line_at(data, end), 0,
                             "invalid JSON: unexpected data after the value");
    } else if (json_object_is_type(doc, json_type_array)) {
        size_t k = json_object_array_length(doc);
        for (size_t i = 0; i < k && st == SF_OK; i++)
            st = doc_record(ctx, json_object_array_get_idx(doc, i), i + 1);
        if (k == 0) sf__reader_note(ctx, SF_ERR_EMPTY, "empty JSON array");
    } else {
        st = doc_record(ctx, doc, 1);
    }
    json_object_put(doc);
    return st;
}

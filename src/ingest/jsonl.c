/* jsonl.c - JSON Lines: one object per line with id, title, text, source, url
 * and published (ISO 8601 string or epoch seconds). Lines are cut by the
 * cursor (no fixed line buffer) and parsed by json-c with their length; a bad
 * line is reported with its number and what is wrong, and the others are read. */
#include "ingest.h"

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
    for (size_t at = c.line; st == SF_OK && sf__cur_line(&c, &line); at = c.line) {
        if (sf__view_trim(line).n == 0) continue;
        record++;
        line_state ls;
        ls.why[0] = '\0';
        json_object *o = parse_line(tok, line, &ls);
        sf_rec r = {0};
        if (o && to_record(o, &r, &ls)) {
            r.id = sf__view_trim(r.id);
            if (!r.id.n) {
                snprintf(idbuf, sizeof idbuf, "%s:%zu", ctx->name, at);
                r.id = sf__view_cstr(idbuf);
            }
            r.title = sf__view_trim(r.title);
            st = sf__reader_add(ctx, &r, at);
        } else {
            st = sf__reader_diag(ctx, SF_ERR_PARSE, at, record, "%s", ls.why);
        }
        if (o) json_object_put(o);
    }
    json_tokener_free(tok);
    return st;
}

/* The line of byte `at` of data (1-based). */
static size_t line_at(const char *data, size_t at) {
    size_t line = 1;
    for (const char *p = data, *e = data + at; (p = memchr(p, '\n', (size_t)(e - p))); p++) line++;
    return line;
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
    return sf__reader_add(ctx, &r, 0);
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

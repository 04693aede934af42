/* htmlmeta.c - the facts about a web page: title, publication and
 * modification time, author, outlet, canonical URL and language. Each fact
 * has a list of sources from the most deliberate (JSON-LD, Open Graph and
 * article:* meta tags) to the most incidental (<title>, <time>, a date in the
 * URL, a dateline in the text); the first source that gives a usable value
 * wins. It reads the parser's events: tags by their attributes, and the text
 * of the few elements it needs (title, h1, JSON-LD, author) as they pass. */
#include "html.h"

#include <ctype.h>
#include <json-c/json.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h> /* xmlCopyCharMultiByte */
#include <stdlib.h>

typedef struct meta {
    sf_buf title[4];   /* by rank: JSON-LD headline, og:title, h1, <title> */
    sf_buf author[4];  /* JSON-LD, meta author, rel/itemprop author, author/byline class */
    sf_buf site[3];    /* og:site_name, JSON-LD publisher, application-name */
    sf_buf url[3];     /* canonical, og:url, JSON-LD url */
    sf_buf lang[3];    /* html lang, content-language meta, og:locale / JSON-LD */
    int64_t pub[4];    /* JSON-LD, article:published_time et al., itemprop, <time> */
    int64_t mod[3];
} meta;

static void set_once(sf_buf *b, const char *s, size_t n) {
    if (b->n || !s) return;
    sf_view v = sf__view_trim(sf__view(s, n));
    if (!v.n || v.n > 2000) return;
    /* collapse inner white space */
    bool sp = false;
    for (size_t i = 0; i < v.n; i++) {
        char c = v.p[i];
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            sp = true;
            continue;
        }
        if (sp && b->n) sf__buf_addc(b, ' ');
        sp = false;
        sf__buf_addc(b, c);
    }
}

static void set_time_once(int64_t *t, const char *s) {
    if (*t != SF_TIME_UNKNOWN || !s) return;
    int64_t v;
    if (sf__parse_iso8601(sf__view_trim(sf__view_cstr(s)), &v)) *t = v;
}


static bool ieq(const char *a, const char *b) { return a && strcasecmp(a, b) == 0; }


/* ------------------------------------------------------------- JSON-LD */

static const char *jstr(json_object *o, const char *key) {
    json_object *v;
    if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v))
        return NULL;
    if (json_object_is_type(v, json_type_string)) return json_object_get_string(v);
    return NULL;
}

/* set_once for a JSON-LD string: JSON carries no HTML entities, yet sites
 * write them into it ("headline":"Olive &#038; Herb", WordPress): numeric
 * ones and the named ones of HTML (libxml2's table) are decoded once. */
static void set_once_text(sf_buf *b, const char *s) {
    if (b->n || !s) return;
    if (!strchr(s, '&')) {
        set_once(b, s, strlen(s));
        return;
    }
    sf_buf d;
    sf__buf_init(&d, strlen(s) + 1);
    for (const char *p = s; *p;) {
        const char *semi = *p == '&' ? strchr(p, ';') : NULL;
        int cp = 0;
        if (semi && semi - p <= 10 && semi - p >= 3) {
            if (p[1] == '#') {
                char *end = NULL;
                long v = p[2] == 'x' || p[2] == 'X' ? strtol(p + 3, &end, 16) : strtol(p + 2, &end, 10);
                if (end == semi && v > 0 && v <= 0x10FFFF) cp = (int)v;
            } else {
                char name[12];
                snprintf(name, sizeof name, "%.*s", (int)(semi - p - 1), p + 1);
                const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                if (e) cp = (int)e->value;
            }
        }
        if (cp) {
            xmlChar out[8];
            int n = xmlCopyCharMultiByte(out, cp);
            if (n > 0) sf__buf_add(&d, (const char *)out, (size_t)n);
            p = semi + 1;
        } else {
            sf__buf_addc(&d, *p++);
        }
    }
    set_once(b, d.p ? d.p : "", d.n);
    sf__buf_release(&d);
}

/* A person or organisation: a string, {"name": ...} or an array of those. */
static void jname(json_object *v, sf_buf *b) {
    if (!v) return;
    if (json_object_is_type(v, json_type_string)) {
        const char *s = json_object_get_string(v);
        if (strncmp(s, "http", 4) != 0) set_once_text(b, s);
    } else if (json_object_is_type(v, json_type_object)) {
        const char *s = jstr(v, "name");
        if (s) set_once_text(b, s);
    } else if (json_object_is_type(v, json_type_array)) {
        size_t k = json_object_array_length(v);
        for (size_t i = 0; i < k && i < 8; i++) {
            json_object *it = json_object_array_get_idx(v, i);
            const char *s = json_object_is_type(it, json_type_string) ? json_object_get_string(it)
                                                                      : jstr(it, "name");
            if (!s || strncmp(s, "http", 4) == 0) continue;
            if (b->n) sf__buf_adds(b, ", ");
            sf__buf_adds(b, s);
        }
    }
}

static bool is_article_type(json_object *o) {
    json_object *t;
    if (!json_object_object_get_ex(o, "@type", &t)) return false;
    const char *s = NULL;
    if (json_object_is_type(t, json_type_string)) s = json_object_get_string(t);
    else if (json_object_is_type(t, json_type_array) && json_object_array_length(t) > 0)
        s = json_object_get_string(json_object_array_get_idx(t, 0));
    if (!s) return false;
    return strstr(s, "Article") || strstr(s, "Posting") || strcmp(s, "WebPage") == 0 ||
           strcmp(s, "Report") == 0;
}

static void jsonld_object(json_object *o, meta *m, int depth) {
    if (!o || depth > 4) return;
    if (json_object_is_type(o, json_type_array)) {
        size_t k = json_object_array_length(o);
        for (size_t i = 0; i < k && i < 64; i++)
            jsonld_object(json_object_array_get_idx(o, i), m, depth + 1);
        return;
    }
    if (!json_object_is_type(o, json_type_object)) return;
    json_object *g;
    if (json_object_object_get_ex(o, "@graph", &g)) jsonld_object(g, m, depth + 1);
    if (!is_article_type(o)) return;
    const char *s;
    if ((s = jstr(o, "headline"))) set_once_text(&m->title[0], s);
    set_time_once(&m->pub[0], jstr(o, "datePublished"));
    set_time_once(&m->mod[0], jstr(o, "dateModified"));
    json_object *v;
    if (json_object_object_get_ex(o, "author", &v)) jname(v, &m->author[0]);
    if (json_object_object_get_ex(o, "publisher", &v)) jname(v, &m->site[1]);
    if ((s = jstr(o, "inLanguage"))) set_once(&m->lang[2], s, strlen(s));
    if ((s = jstr(o, "url"))) set_once(&m->url[2], s, strlen(s));
}

static void jsonld(const char *text, meta *m) {
    json_tokener *tok = json_tokener_new_ex(32);
    if (!tok) return;
    json_object *o = json_tokener_parse_ex(tok, text, (int)SF_MIN(strlen(text), (size_t)1 << 24));
    if (o) jsonld_object(o, m, 0);
    json_object_put(o);
    json_tokener_free(tok);
}

/* ---------------------------------------------------------------- tags */

static void meta_tag(const xmlChar **n, meta *m) {
    const char *key = sf__html_attr(n, "property");
    if (!key) key = sf__html_attr(n, "name");
    if (!key) key = sf__html_attr(n, "itemprop");
    const char *he = sf__html_attr(n, "http-equiv");
    const char *c = sf__html_attr(n, "content");
    if (!c) return;
    size_t cn = strlen(c);
    if (he && ieq(he, "content-language")) set_once(&m->lang[1], c, cn);
    if (!key) return;
    if (ieq(key, "og:title") || ieq(key, "twitter:title")) set_once(&m->title[1], c, cn);
    else if (ieq(key, "og:site_name") || ieq(key, "publisher")) set_once(&m->site[0], c, cn);
    else if (ieq(key, "application-name")) set_once(&m->site[2], c, cn);
    else if (ieq(key, "og:url")) set_once(&m->url[1], c, cn);
    else if (ieq(key, "author") || ieq(key, "article:author") || ieq(key, "dc.creator") ||
             ieq(key, "sailthru.author") || ieq(key, "parsely-author")) {
        if (strncmp(c, "http", 4) != 0) set_once(&m->author[1], c, cn);
    } else if (ieq(key, "article:published_time") || ieq(key, "datePublished") ||
               ieq(key, "date") || ieq(key, "dc.date") || ieq(key, "dc.date.issued") ||
               ieq(key, "dcterms.created") || ieq(key, "pubdate") || ieq(key, "publishdate") ||
               ieq(key, "publish-date") || ieq(key, "sailthru.date") ||
               ieq(key, "parsely-pub-date") || ieq(key, "citation_publication_date") ||
               ieq(key, "og:published_time") || ieq(key, "article.published"))
        set_time_once(&m->pub[1], c);
    else if (ieq(key, "article:modified_time") || ieq(key, "og:updated_time") ||
             ieq(key, "dateModified") || ieq(key, "dcterms.modified") ||
             ieq(key, "last-modified"))
        set_time_once(&m->mod[1], c);
    else if (ieq(key, "og:locale") || ieq(key, "dc.language") || ieq(key, "language"))
        set_once(&m->lang[2], c, cn);
}

/* The text of an element, gathered while it is open: all text below it, as
 * a tree's node content would be. Captures nest (an author link in an h1). */
enum { CAP_TITLE, CAP_H1, CAP_JSONLD, CAP_AUTHOR, CAP_BYLINE };
#ifndef DATE_PRE
#define DATE_PRE 256
#endif
#ifndef DATE_POST
#define DATE_POST 2048
#endif
#define MAX_CAPS 8

struct sf_xmeta {
    meta m;
    size_t depth;          /* open elements */
    size_t ncap;
    struct {
        size_t depth;      /* the capturing element's */
        uint8_t what;
    } cap[MAX_CAPS];
    sf_buf text[MAX_CAPS]; /* by capture level */
    /* Text around the first <h1>, for a visible dateline: the last
     * DATE_PRE bytes before it (a ring, laid out at the end), and up to
     * DATE_POST bytes from its start on. */
    char pre[DATE_PRE];
    size_t pre_n, pre_at;
    sf_buf post;
    int h1_state; /* 0 before the first h1, 1 from its start on */
};

static void capture(sf_xmeta *x, uint8_t what) {
    if (x->ncap == MAX_CAPS) return;
    x->cap[x->ncap].depth = x->depth;
    x->cap[x->ncap].what = what;
    sf__buf_reset(&x->text[x->ncap]);
    x->ncap++;
}

/* Does a class attribute name a byline: a token holding "author" or
 * "byline" (case aside), not in a comment or a form (a comment's author,
 * the "Name *" field of a comment form)? */
static bool byline_class(const char *c) {
    bool found = false;
    for (const char *q = c; *q; q++) {
        char l = (char)(*q | 0x20);
        if (l == 'a' && strncasecmp(q, "author", 6) == 0) found = true;
        else if (l == 'b' && strncasecmp(q, "byline", 6) == 0) found = true;
        else if (l == 'c' && strncasecmp(q, "comment", 7) == 0) return false;
        else if (l == 'f' && strncasecmp(q, "form", 4) == 0) return false;
    }
    return found;
}

static bool month_word(const char *p, size_t n);

/* Does v open with word w (case aside), ending at a space, a colon, the
 * end, or glued to a capital ("AuthorJane Roe", text of two elements)?
 * Returns the bytes to skip, 0 when not. */
static size_t lead_word(sf_view v, const char *w) {
    size_t k = strlen(w);
    if (v.n < k || strncasecmp(v.p, w, k) != 0) return 0;
    if (v.n == k) return k;
    char c = v.p[k];
    if (c == ' ' || c == ':' || c == '\t' || c == '\n' || c == ',') return k + 1;
    if (c >= 'A' && c <= 'Z' && !(w[k - 1] >= 'A' && w[k - 1] <= 'Z')) return k;
    return 0;
}

/* A byline's text as an author: without a leading "By" / "Von" / "Par" /
 * "Autor:" / "Posted by" ..., cut where a date or a separator starts and
 * before a closing "am" / "on" (a date followed), kept only when what is
 * left looks like a name or two (2 to 60 bytes, at most 6 words) and is not
 * a label left alone ("Name", "Posted on ..."). Labels of the languages the
 * extractor knows; hand-written because no library strips bylines. */
static void byline_author(const char *s, size_t n, sf_buf *out) {
    static const char *const LEADS[] = {
        "by",         "von",       "par",         "por",        "di",       "door",
        "av",         "autor",     "autorin",     "author",     "auteur",   "text",
        "written",    "posted",    "published",   "article",    "recipe",   "geschrieben",
        "erstellt",   "veröffentlicht", "eingestellt", "beitrag", "artikel", "rezept",
        "interview",  "und",       "foto",        "photo",      "redaktion:"};
    static const char *const LABELS[] = {"name", "nom", "nombre", "datum", "date", "follow",
                                         "folgen", "publiziert", "abgelegt", "unbenannt",
                                         "am", "on", "le", "el", "vom"};
    static const char *const TAILS[] = {" am", " on", " le", " el", " um", " at", " says",
                                        " sagt", " said", " schreibt", " the"};
    sf_view v = sf__view_trim(sf__view(s, n));
    for (bool again = true; again && v.n;) {
        again = false;
        for (size_t i = 0; i < SF_ARRAY_LEN(LEADS); i++) {
            size_t k = lead_word(v, LEADS[i]);
            if (k) {
                v = sf__view_trim(sf__view(v.p + k, v.n - k));
                again = true;
                break;
            }
        }
        if (v.n && v.p[0] == ':') {
            v = sf__view_trim(sf__view(v.p + 1, v.n - 1));
            again = true;
        }
    }
    for (size_t i = 0; i < SF_ARRAY_LEN(LABELS); i++)
        if (lead_word(v, LABELS[i])) return;
    size_t end = 0, words = 0;
    bool in_word = false;
    for (; end < v.n; end++) {
        char c = v.p[end];
        if (isdigit((unsigned char)c) || c == '|' || c == '\n' || c == '(' || c == '@' ||
            c == '*')
            break;
        if (c == ',' && month_word(v.p + end + 1, v.n - end - 1)) break; /* ", May 31" */
        if ((unsigned char)c == 0xE2 && end + 2 < v.n && (unsigned char)v.p[end + 1] == 0x80 &&
            ((unsigned char)v.p[end + 2] == 0xA2 || (unsigned char)v.p[end + 2] == 0x94))
            break; /* bullet, em dash */
        bool sp = c == ' ' || c == '\t' || c == '\r';
        if (!sp && !in_word) words++;
        in_word = !sp;
    }
    v = sf__view_trim(sf__view(v.p, end));
    for (bool again = true; again;) {
        again = false;
        while (v.n && strchr(",-:/ .", v.p[v.n - 1])) v.n--;
        for (size_t i = 0; i < SF_ARRAY_LEN(TAILS); i++) {
            size_t k = strlen(TAILS[i]);
            if (v.n > k && strncasecmp(v.p + v.n - k, TAILS[i], k) == 0) {
                v.n -= k;
                again = true;
            }
        }
    }
    if (v.n < 2 || v.n > 60 || words > 6) return;
    set_once(out, v.p, v.n);
}

/* An element's start tag: what its attributes say, and whether its text is
 * wanted. */
void sf__meta_start(sf_xmeta *x, const char *name, const xmlChar **atts) {
    meta *m = &x->m;
    x->depth++;
    const char *v;
    if (strcmp(name, "html") == 0) {
        if ((v = sf__html_attr(atts, "lang")) || (v = sf__html_attr(atts, "xml:lang")))
            set_once(&m->lang[0], v, strlen(v));
    } else if (strcmp(name, "meta") == 0) {
        meta_tag(atts, m);
    } else if (strcmp(name, "link") == 0) {
        const char *rel = sf__html_attr(atts, "rel"), *href = sf__html_attr(atts, "href");
        if (rel && href && ieq(rel, "canonical")) set_once(&m->url[0], href, strlen(href));
    } else if (strcmp(name, "script") == 0) {
        if ((v = sf__html_attr(atts, "type")) && ieq(v, "application/ld+json")) capture(x, CAP_JSONLD);
    } else if (strcmp(name, "title") == 0) {
        if (!m->title[3].n) capture(x, CAP_TITLE);
    } else if (strcmp(name, "h1") == 0) {
        if (!m->title[2].n) capture(x, CAP_H1);
        if (!x->h1_state) x->h1_state = 1;
    } else if (strcmp(name, "time") == 0) {
        const char *ip = sf__html_attr(atts, "itemprop");
        if ((v = sf__html_attr(atts, "datetime"))) {
            if (ieq(ip, "dateModified")) set_time_once(&m->mod[2], v);
            else if (ieq(ip, "datePublished") || sf__html_attr(atts, "pubdate"))
                set_time_once(&m->pub[2], v);
            else set_time_once(&m->pub[3], v);
        }
    } else if ((v = sf__html_attr(atts, "itemprop"))) {
        const char *c = sf__html_attr(atts, "content");
        if (ieq(v, "datePublished")) set_time_once(&m->pub[2], c ? c : sf__html_attr(atts, "datetime"));
        else if (ieq(v, "dateModified")) set_time_once(&m->mod[2], c ? c : sf__html_attr(atts, "datetime"));
        else if (ieq(v, "author") && !m->author[2].n) capture(x, CAP_AUTHOR);
    } else if ((v = sf__html_attr(atts, "rel")) && ieq(v, "author") && !m->author[2].n) {
        capture(x, CAP_AUTHOR);
    }
    /* a byline box by its class ("author", "byline", "post-author"): the
     * last resort for the author, cleaned when it closes */
    if (!m->author[2].n && !m->author[3].n && (v = sf__html_attr(atts, "class")) && byline_class(v) &&
        !(x->ncap && x->cap[x->ncap - 1].depth == x->depth))
        capture(x, CAP_BYLINE);
}

void sf__meta_text(sf_xmeta *x, const char *s, size_t n) {
    for (size_t i = 0; i < x->ncap; i++) sf__buf_add(&x->text[i], s, n);
    if (x->h1_state == 0) { /* keep the last DATE_PRE bytes */
        for (size_t i = n > DATE_PRE ? n - DATE_PRE : 0; i < n; i++) {
            x->pre[x->pre_at] = s[i];
            x->pre_at = (x->pre_at + 1) % DATE_PRE;
            if (x->pre_n < DATE_PRE) x->pre_n++;
        }
    } else if (x->post.n < DATE_POST) {
        sf__buf_add(&x->post, s, SF_MIN(n, DATE_POST - x->post.n));
    }
}

void sf__meta_end(sf_xmeta *x) {
    if (x->ncap && x->cap[x->ncap - 1].depth == x->depth) {
        meta *m = &x->m;
        sf_buf *t = &x->text[--x->ncap];
        switch (x->cap[x->ncap].what) {
        case CAP_TITLE: set_once(&m->title[3], t->p, t->n); break;
        case CAP_H1: set_once(&m->title[2], t->p, t->n); break;
        case CAP_JSONLD:
            if (t->n && sf__buf_status(t) == SF_OK) jsonld(sf__buf_cstr(t), m);
            break;
        case CAP_AUTHOR:
            if (t->n < 200) set_once(&m->author[2], t->p, t->n);
            break;
        case CAP_BYLINE:
            if (t->n < 400) byline_author(t->p, t->n, &m->author[3]);
            break;
        }
    }
    if (x->depth) x->depth--;
}

/* ----------------------------------------------------------- URL dates */

static bool digits(const char *s, size_t k, unsigned *out) {
    unsigned v = 0;
    for (size_t i = 0; i < k; i++) {
        if (!isdigit((unsigned char)s[i])) return false;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return true;
}

int64_t sf__url_date(const char *url) {
    if (!url) return SF_TIME_UNKNOWN;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p++) {
        if (*p != '/' && *p != '-' && *p != '_') continue;
        unsigned y, mo, d = 1;
        const char *q = p + 1;
        if (!digits(q, 4, &y) || y < 1990 || y > 2100) continue;
        char sep = q[4];
        if (sep != '/' && sep != '-' && sep != '_') continue;
        if (!digits(q + 5, 2, &mo) || mo < 1 || mo > 12) continue;
        bool has_day = (q[7] == sep) && digits(q + 8, 2, &d) && d >= 1 && d <= 31 &&
                       !isdigit((unsigned char)q[10]);
        if (!has_day) {
            if (isdigit((unsigned char)q[7])) continue;
            d = 1;
        }
        return sf__days_from_civil(y, mo, d) * 86400;
    }
    return SF_TIME_UNKNOWN;
}

/* ----------------------------------------------------------- datelines */

/* Month names and common abbreviations of the languages the extractor has
 * stopwords for (en, de, fr, es) and Italian, lower case. Matched as whole
 * words, an abbreviation may carry a dot. */
static const struct {
    const char *w;
    uint8_t m;
} MONTHS[] = {
    {"january", 1},  {"jan", 1},       {"januar", 1},     {"jänner", 1},   {"jän", 1},
    {"janvier", 1},  {"janv", 1},      {"enero", 1},      {"gennaio", 1},  {"february", 2},
    {"feb", 2},      {"februar", 2},   {"février", 2},    {"févr", 2},     {"fevrier", 2},
    {"febrero", 2},  {"febbraio", 2},  {"march", 3},      {"mar", 3},      {"märz", 3},
    {"mrz", 3},      {"mars", 3},      {"marzo", 3},      {"april", 4},    {"apr", 4},
    {"avril", 4},    {"avr", 4},       {"abril", 4},      {"aprile", 4},   {"may", 5},
    {"mai", 5},      {"mayo", 5},      {"maggio", 5},     {"june", 6},     {"jun", 6},
    {"juni", 6},     {"juin", 6},      {"junio", 6},      {"giugno", 6},   {"july", 7},
    {"jul", 7},      {"juli", 7},      {"juillet", 7},    {"juil", 7},     {"julio", 7},
    {"luglio", 7},   {"august", 8},    {"aug", 8},        {"août", 8},     {"aout", 8},
    {"agosto", 8},   {"september", 9}, {"sep", 9},        {"sept", 9},     {"septembre", 9},
    {"septiembre", 9}, {"setiembre", 9}, {"settembre", 9}, {"october", 10}, {"oct", 10},
    {"oktober", 10}, {"okt", 10},      {"octobre", 10},   {"octubre", 10}, {"ottobre", 10},
    {"november", 11}, {"nov", 11},     {"novembre", 11},  {"noviembre", 11}, {"december", 12},
    {"dec", 12},     {"dezember", 12}, {"dez", 12},       {"décembre", 12}, {"déc", 12},
    {"diciembre", 12}, {"dicembre", 12},
};

/* Does text (after white space) open with a month name as a word? */
static bool month_word(const char *p, size_t n) {
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
    size_t j = i;
    char w[16];
    while (j < n && j - i < sizeof w - 1 &&
           (isalpha((unsigned char)p[j]) || (unsigned char)p[j] >= 0x80)) {
        w[j - i] = (char)tolower((unsigned char)p[j]);
        j++;
    }
    w[j - i] = 0;
    for (size_t q = 0; j > i && q < SF_ARRAY_LEN(MONTHS); q++)
        if (strcmp(w, MONTHS[q].w) == 0) return true;
    return false;
}

enum { TK_NUM, TK_WORD, TK_PUNCT };
typedef struct dtok {
    uint8_t type, len;
    char c;      /* TK_PUNCT: the character */
    unsigned v;  /* TK_NUM: value; TK_WORD: month 1..12 or 0 */
} dtok;

/* Cut text into numbers, words (only month names are told apart) and
 * punctuation; white space separates and is dropped. */
static size_t date_tokens(const char *s, size_t n, dtok *t, size_t cap) {
    size_t k = 0, i = 0;
    while (i < n && k < cap) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c)) {
            unsigned v = 0;
            size_t j = i;
            while (j < n && isdigit((unsigned char)s[j]) && j - i < 9)
                v = v * 10 + (unsigned)(s[j++] - '0');
            while (j < n && isdigit((unsigned char)s[j])) j++;
            t[k++] = (dtok){TK_NUM, (uint8_t)SF_MIN(j - i, (size_t)255), 0, v};
            i = j;
        } else if (isalpha(c) || c >= 0x80) {
            char w[16];
            size_t j = i, wl = 0;
            while (j < n && (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80)) {
                /* no-break space (C2 A0) ends a word */
                if ((unsigned char)s[j] == 0xC2 && j + 1 < n && (unsigned char)s[j + 1] == 0xA0)
                    break;
                if (wl < sizeof w - 1) w[wl] = (char)tolower((unsigned char)s[j]);
                wl++;
                j++;
            }
            unsigned mo = 0;
            if (wl < sizeof w) {
                w[wl] = 0;
                /* "MÄRZ", "DÉC": the capital's UTF-8 lower-cased */
                for (size_t q = 0; q + 1 < wl; q++)
                    if ((unsigned char)w[q] == 0xC3 && (unsigned char)w[q + 1] >= 0x80 &&
                        (unsigned char)w[q + 1] < 0xA0)
                        w[q + 1] = (char)(w[q + 1] + 0x20);
                for (size_t q = 0; q < SF_ARRAY_LEN(MONTHS); q++)
                    if (strcmp(w, MONTHS[q].w) == 0) {
                        mo = MONTHS[q].m;
                        break;
                    }
            }
            if (j == i) { /* a no-break space: a separator */
                i += 2;
                continue;
            }
            t[k++] = (dtok){TK_WORD, (uint8_t)SF_MIN(wl, (size_t)255), 0, mo};
            i = j;
        } else {
            if (!isspace(c)) t[k++] = (dtok){TK_PUNCT, 1, (char)c, 0};
            i++;
        }
    }
    return k;
}

static bool is_punct(const dtok *t, char c) { return t->type == TK_PUNCT && t->c == c; }
static bool is_day(const dtok *t) {
    return t->type == TK_NUM && t->len <= 2 && t->v >= 1 && t->v <= 31;
}
static bool is_year(const dtok *t) {
    return t->type == TK_NUM && t->len == 4 && t->v >= 1990 && t->v <= 2100;
}
static bool is_month_num(const dtok *t) {
    return t->type == TK_NUM && t->len <= 2 && t->v >= 1 && t->v <= 12;
}

/* The first date written out in text: "May 31, 2019", "31 May 2019",
 * "31. Mai 2019", "31 de mayo de 2019", "31.05.2019", "2019-05-31". Day
 * and month orders of numbers only as Europe writes them with dots, and
 * ISO's; "05/31/2019" and "31/05/2019" only where the day tells which. */
static int64_t dateline(const char *s, size_t n) {
    dtok t[256];
    size_t k = date_tokens(s, n, t, SF_ARRAY_LEN(t));
    for (size_t i = 0; i < k; i++) {
        unsigned y = 0, mo = 0, d = 0;
        size_t j = i;
        if (t[i].type == TK_WORD && t[i].v) { /* May 31, 2019 / May 31st 2019 */
            mo = t[i].v;
            j = i + 1;
            if (j < k && is_punct(&t[j], '.')) j++;
            if (j < k && is_day(&t[j])) {
                d = t[j++].v;
                if (j < k && t[j].type == TK_WORD && t[j].len == 2 && !t[j].v) j++; /* st, th */
                if (j < k && is_punct(&t[j], ',')) j++;
                if (j < k && is_year(&t[j])) y = t[j].v;
            }
        } else if (is_day(&t[i])) {
            j = i + 1;
            if (j < k && is_punct(&t[j], '.')) j++;
            if (j < k && t[j].type == TK_WORD && t[j].len == 2 && !t[j].v && j > i + 0 &&
                j + 1 < k && t[j + 1].type == TK_WORD && t[j + 1].v)
                j++; /* "31 de mayo" */
            if (j < k && t[j].type == TK_WORD && t[j].v) { /* 31 May 2019, 31. Mai 2019 */
                d = t[i].v;
                mo = t[j++].v;
                if (j < k && is_punct(&t[j], '.')) j++;
                if (j < k && is_punct(&t[j], ',')) j++;
                if (j < k && t[j].type == TK_WORD && t[j].len == 2 && !t[j].v) j++; /* de */
                if (j < k && is_year(&t[j])) y = t[j].v;
            } else if (i + 4 < k && (is_punct(&t[i + 1], '.') || is_punct(&t[i + 1], '/')) &&
                       t[i + 3].c == t[i + 1].c && t[i + 3].type == TK_PUNCT &&
                       t[i + 2].type == TK_NUM && t[i + 2].len <= 2 && is_year(&t[i + 4])) {
                unsigned a = t[i].v, b = t[i + 2].v;
                y = t[i + 4].v;
                if (t[i + 1].c == '.' && b >= 1 && b <= 12) d = a, mo = b; /* 31.05.2019 */
                else if (t[i + 1].c == '/' && a > 12 && b >= 1 && b <= 12) d = a, mo = b;
                else if (t[i + 1].c == '/' && b > 12 && a >= 1 && a <= 12) d = b, mo = a;
                else y = 0;
            }
        } else if (is_year(&t[i]) && i + 4 < k && is_punct(&t[i + 1], '-') &&
                   is_month_num(&t[i + 2]) && is_punct(&t[i + 3], '-') && is_day(&t[i + 4])) {
            y = t[i].v, mo = t[i + 2].v, d = t[i + 4].v; /* 2019-05-31 */
        }
        if (y && mo && d) return sf__days_from_civil(y, mo, d) * 86400;
    }
    return SF_TIME_UNKNOWN;
}

/* -------------------------------------------------------------- titles */

/* The separators a page puts between headline and site in its <title>:
 * " | Site", " - Site", " – Site", " › Site" ... (with spaces around; a
 * colon is left alone, "Topic: headline" is usually the headline). */
static size_t sep_at(const char *t, size_t n, size_t i) {
    static const char *const SEPS[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                       " \xe2\x80\xba ", " \xc2\xbb ", " :: ", " // ",
                                       " \xc2\xb7 ", " \xe2\x80\xa2 ", " \xe2\x80\xb9 "};
    for (size_t k = 0; k < SF_ARRAY_LEN(SEPS); k++) {
        size_t m = strlen(SEPS[k]);
        if (i + m <= n && memcmp(t + i, SEPS[k], m) == 0) return m;
    }
    return 0;
}

/* Letters and digits of s, lower case (ASCII), into out (cap bytes). */
static size_t squash(const char *s, size_t n, char *out, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c >= 0x80) out[k++] = (char)tolower(c);
    }
    out[k] = 0;
    return k;
}

/* Does a part of a title name the site: its og:site_name / publisher, or
 * the URL's host ("www.tafelblog.com" for "tafelblog.com" or "Tafelblog")?
 * Compared on letters and digits only, one containing the other. */
static bool names_site(const char *p, size_t n, const char *site, const char *host) {
    char a[256], b[256];
    size_t an = squash(p, n, a, sizeof a);
    if (an < 3) return false;
    if (site && *site) {
        size_t bn = squash(site, strlen(site), b, sizeof b);
        if (bn >= 3 && (strstr(a, b) || strstr(b, a))) return true;
    }
    if (host && *host) {
        size_t bn = squash(host, strlen(host), b, sizeof b);
        if (bn >= 3 && strstr(b, a)) return true; /* "tafelblog" in "wwwtafelblogcom" */
        /* the host's main label ("happyface313" of "www.happyface313.com") */
        const char *dot = strrchr(host, '.');
        const char *lab = host;
        for (const char *q = host; dot && q < dot; q++)
            if (*q == '.') lab = q + 1;
        if (dot && dot > lab) {
            size_t ln = squash(lab, (size_t)(dot - lab), b, sizeof b);
            if (ln >= 4 && strstr(a, b)) return true;
        }
    }
    return false;
}

/* The host of a URL ("https://www.example.org/x" -> "www.example.org"),
 * into buf. */
static const char *url_host(const char *url, char *buf, size_t cap) {
    buf[0] = 0;
    if (!url) return buf;
    const char *p = strstr(url, "://");
    if (!p) return buf;
    p += 3;
    size_t k = 0;
    while (p[k] && p[k] != '/' && p[k] != ':' && p[k] != '?' && p[k] != '#' && k + 1 < cap) {
        buf[k] = p[k];
        k++;
    }
    buf[k] = 0;
    return buf;
}

/* A page title without the site's name: when the title is "Headline |
 * Site" (or "Site - Headline"), and another of the page's title sources
 * (JSON-LD headline, og:title, <h1>) is one side of a separator, that side
 * is the title; otherwise parts at either end that name the site
 * (og:site_name, publisher, the host) are cut, so long as a part is left.
 * Cuts in place. */
static void title_cut(char *t, const meta *m, const char *site, const char *host) {
    size_t n = strlen(t);
    /* another source is one side of a separator */
    for (size_t r = 0; r < 4; r++) {
        const sf_buf *o = &m->title[r];
        if (!o->n || o->n >= n) continue;
        if (memcmp(t, o->p, o->n) == 0 && sep_at(t, n, o->n)) {
            t[o->n] = 0;
            return;
        }
        if (memcmp(t + n - o->n, o->p, o->n) == 0 && n - o->n >= 3) {
            for (size_t i = 0; i + 3 <= n - o->n; i++)
                if (sep_at(t, n, i) == n - o->n - i) {
                    memmove(t, t + n - o->n, o->n + 1);
                    return;
                }
        }
    }
    /* the site's name at the end, then at the start */
    for (bool again = true; again;) {
        again = false;
        size_t last = 0, lm = 0, first = 0, fm = 0;
        for (size_t i = 1; i < n; i++) {
            size_t k = sep_at(t, n, i);
            if (!k) continue;
            if (!fm) first = i, fm = k;
            last = i, lm = k;
        }
        if (!lm) return;
        if (names_site(t + last + lm, n - last - lm, site, host)) {
            t[last] = 0;
            n = last;
            again = true;
        } else if (names_site(t, first, site, host)) {
            memmove(t, t + first + fm, n - first - fm + 1);
            n -= first + fm;
            again = true;
        }
    }
}

/* ------------------------------------------------------------- all */

static char *pick(sf_buf *b, size_t k) {
    for (size_t i = 0; i < k; i++)
        if (b[i].n) return sf__strndup(b[i].p, b[i].n);
    return sf__strndup("", 0);
}

static int64_t pick_time(const int64_t *t, size_t k) {
    for (size_t i = 0; i < k; i++)
        if (t[i] != SF_TIME_UNKNOWN) return t[i];
    return SF_TIME_UNKNOWN;
}

sf_xmeta *sf__meta_create(void) {
    sf_xmeta *x = sf__calloc(1, sizeof *x);
    if (!x) return NULL;
    meta *m = &x->m;
    sf_buf *all[] = {m->title, m->author, m->site, m->url, m->lang};
    size_t counts[] = {4, 4, 3, 3, 3};
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < counts[i]; j++) sf__buf_init(&all[i][j], 1 << 16);
    for (size_t i = 0; i < 4; i++) m->pub[i] = SF_TIME_UNKNOWN;
    for (size_t i = 0; i < 3; i++) m->mod[i] = SF_TIME_UNKNOWN;
    for (size_t i = 0; i < MAX_CAPS; i++) sf__buf_init(&x->text[i], (size_t)1 << 24);
    sf__buf_init(&x->post, DATE_POST + 1);
    return x;
}

void sf__meta_destroy(sf_xmeta *x) {
    if (!x) return;
    meta *m = &x->m;
    sf_buf *all[] = {m->title, m->author, m->site, m->url, m->lang};
    size_t counts[] = {4, 4, 3, 3, 3};
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < counts[i]; j++) sf__buf_release(&all[i][j]);
    for (size_t i = 0; i < MAX_CAPS; i++) sf__buf_release(&x->text[i]);
    sf__buf_release(&x->post);
    sf__free(x);
}

sf_status sf__meta_finish(sf_xmeta *x, const char *url, sf_page *page, sf_error *err) {
    meta *m = &x->m;
    /* elements still open at the end (a page cut short) give what they have */
    while (x->ncap) {
        x->depth = x->cap[x->ncap - 1].depth;
        sf__meta_end(x);
    }
    if (url && *url) set_once(&m->url[2], url, strlen(url));

    page->title = pick(m->title, 4);
    page->author = pick(m->author, 4);
    page->site = pick(m->site, 3);
    page->url = pick(m->url, 3);
    page->lang = pick(m->lang, 3);
    if (page->title && page->site) {
        char host[256];
        title_cut(page->title, m, page->site, url_host(url && *url ? url : page->url, host,
                                                             sizeof host));
    }
    page->published = pick_time(m->pub, 4);
    page->modified = pick_time(m->mod, 3);
    /* no date in the markup: a dateline by the headline, the nearest
     * first (after its start, then before it) */
    if (page->published == SF_TIME_UNKNOWN && x->h1_state) {
        page->published = dateline(x->post.p ? x->post.p : "", x->post.n);
        if (page->published == SF_TIME_UNKNOWN && x->pre_n) {
            char pre[DATE_PRE];
            size_t start = x->pre_n < DATE_PRE ? 0 : x->pre_at;
            for (size_t i = 0; i < x->pre_n; i++) pre[i] = x->pre[(start + i) % DATE_PRE];
            /* the date nearest the headline: the last one before it */
            for (size_t from = x->pre_n; from-- > 0 && page->published == SF_TIME_UNKNOWN;)
                if (from == 0 || pre[from - 1] == ' ' || pre[from - 1] == '\n')
                    page->published = dateline(pre + from, x->pre_n - from);
        }
    }
    if (page->published == SF_TIME_UNKNOWN) page->published = sf__url_date(page->url);
    if (page->published == SF_TIME_UNKNOWN && url) page->published = sf__url_date(url);
    /* language tags: "de-DE", "de_DE" -> "de" */
    if (page->lang) {
        for (char *q = page->lang; *q; q++) {
            if (*q == '_' || *q == '-' || *q == ',' || *q == ' ') {
                *q = 0;
                break;
            }
            *q = (char)tolower((unsigned char)*q);
        }
    }
    if (!page->title || !page->author || !page->site || !page->url || !page->lang)
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory reading the page's metadata");
    return SF_OK;
}

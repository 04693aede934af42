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

typedef struct meta {
    sf_buf title[4];   /* by rank: JSON-LD headline, og:title, h1, <title> */
    sf_buf author[3];  /* JSON-LD, meta author, rel/itemprop author */
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

/* Attribute `name` (lower case, as libxml2 gives names), "" when bare. */
static const char *attr(const xmlChar **atts, const char *name) {
    if (!atts) return NULL;
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp((const char *)atts[i], name) == 0)
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
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

/* A person or organisation: a string, {"name": ...} or an array of those. */
static void jname(json_object *v, sf_buf *b) {
    if (!v) return;
    if (json_object_is_type(v, json_type_string)) {
        const char *s = json_object_get_string(v);
        if (strncmp(s, "http", 4) != 0) set_once(b, s, strlen(s));
    } else if (json_object_is_type(v, json_type_object)) {
        const char *s = jstr(v, "name");
        if (s) set_once(b, s, strlen(s));
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
    if ((s = jstr(o, "headline"))) set_once(&m->title[0], s, strlen(s));
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
    const char *key = attr(n, "property");
    if (!key) key = attr(n, "name");
    if (!key) key = attr(n, "itemprop");
    const char *he = attr(n, "http-equiv");
    const char *c = attr(n, "content");
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
enum { CAP_TITLE, CAP_H1, CAP_JSONLD, CAP_AUTHOR };
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
};

static void capture(sf_xmeta *x, uint8_t what) {
    if (x->ncap == MAX_CAPS) return;
    x->cap[x->ncap].depth = x->depth;
    x->cap[x->ncap].what = what;
    sf__buf_reset(&x->text[x->ncap]);
    x->ncap++;
}

/* An element's start tag: what its attributes say, and whether its text is
 * wanted. */
void sf__meta_start(sf_xmeta *x, const char *name, const xmlChar **atts) {
    meta *m = &x->m;
    x->depth++;
    const char *v;
    if (strcmp(name, "html") == 0) {
        if ((v = attr(atts, "lang")) || (v = attr(atts, "xml:lang")))
            set_once(&m->lang[0], v, strlen(v));
    } else if (strcmp(name, "meta") == 0) {
        meta_tag(atts, m);
    } else if (strcmp(name, "link") == 0) {
        const char *rel = attr(atts, "rel"), *href = attr(atts, "href");
        if (rel && href && ieq(rel, "canonical")) set_once(&m->url[0], href, strlen(href));
    } else if (strcmp(name, "script") == 0) {
        if ((v = attr(atts, "type")) && ieq(v, "application/ld+json")) capture(x, CAP_JSONLD);
    } else if (strcmp(name, "title") == 0) {
        if (!m->title[3].n) capture(x, CAP_TITLE);
    } else if (strcmp(name, "h1") == 0) {
        if (!m->title[2].n) capture(x, CAP_H1);
    } else if (strcmp(name, "time") == 0) {
        const char *ip = attr(atts, "itemprop");
        if ((v = attr(atts, "datetime"))) {
            if (ieq(ip, "dateModified")) set_time_once(&m->mod[2], v);
            else if (ieq(ip, "datePublished") || attr(atts, "pubdate"))
                set_time_once(&m->pub[2], v);
            else set_time_once(&m->pub[3], v);
        }
    } else if ((v = attr(atts, "itemprop"))) {
        const char *c = attr(atts, "content");
        if (ieq(v, "datePublished")) set_time_once(&m->pub[2], c ? c : attr(atts, "datetime"));
        else if (ieq(v, "dateModified")) set_time_once(&m->mod[2], c ? c : attr(atts, "datetime"));
        else if (ieq(v, "author") && !m->author[2].n) capture(x, CAP_AUTHOR);
    } else if ((v = attr(atts, "rel")) && ieq(v, "author") && !m->author[2].n) {
        capture(x, CAP_AUTHOR);
    }
}

void sf__meta_text(sf_xmeta *x, const char *s, size_t n) {
    for (size_t i = 0; i < x->ncap; i++) sf__buf_add(&x->text[i], s, n);
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
    size_t counts[] = {4, 3, 3, 3, 3};
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < counts[i]; j++) sf__buf_init(&all[i][j], 1 << 16);
    for (size_t i = 0; i < 4; i++) m->pub[i] = SF_TIME_UNKNOWN;
    for (size_t i = 0; i < 3; i++) m->mod[i] = SF_TIME_UNKNOWN;
    for (size_t i = 0; i < MAX_CAPS; i++) sf__buf_init(&x->text[i], (size_t)1 << 24);
    return x;
}

void sf__meta_destroy(sf_xmeta *x) {
    if (!x) return;
    meta *m = &x->m;
    sf_buf *all[] = {m->title, m->author, m->site, m->url, m->lang};
    size_t counts[] = {4, 3, 3, 3, 3};
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < counts[i]; j++) sf__buf_release(&all[i][j]);
    for (size_t i = 0; i < MAX_CAPS; i++) sf__buf_release(&x->text[i]);
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
    page->author = pick(m->author, 3);
    page->site = pick(m->site, 3);
    page->url = pick(m->url, 3);
    page->lang = pick(m->lang, 3);
    page->published = pick_time(m->pub, 4);
    page->modified = pick_time(m->mod, 3);
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

/* htmlmeta.c - the facts about a web page: title, publication and
 * modification time, author, outlet, canonical URL and language. Each fact
 * has a list of sources from the most deliberate (JSON-LD, Open Graph and
 * article:* meta tags) to the most incidental (<title>, <time>, a date in the
 * URL, a dateline in the text); the first source that gives a usable value
 * wins. */
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

static const char *attr(xmlNodePtr n, const char *name) {
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (strcasecmp((const char *)a->name, name) == 0)
            return a->children && a->children->content ? (const char *)a->children->content
                                                       : "";
    return NULL;
}

static bool ieq(const char *a, const char *b) { return a && strcasecmp(a, b) == 0; }

/* All text below n, into b (white space collapsed by set_once later). */
static void node_text(xmlNodePtr n, sf_buf *b) {
    xmlChar *t = xmlNodeGetContent(n);
    if (t) {
        sf__buf_adds(b, (const char *)t);
        xmlFree(t);
    }
}

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

static void meta_tag(xmlNodePtr n, meta *m) {
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

static void visit(xmlNodePtr n, meta *m, sf_buf *scratch) {
    const char *name = (const char *)n->name;
    const char *v;
    if (strcmp(name, "html") == 0) {
        if ((v = attr(n, "lang")) || (v = attr(n, "xml:lang"))) set_once(&m->lang[0], v, strlen(v));
    } else if (strcmp(name, "meta") == 0) {
        meta_tag(n, m);
    } else if (strcmp(name, "link") == 0) {
        const char *rel = attr(n, "rel"), *href = attr(n, "href");
        if (rel && href && ieq(rel, "canonical")) set_once(&m->url[0], href, strlen(href));
    } else if (strcmp(name, "script") == 0) {
        if ((v = attr(n, "type")) && ieq(v, "application/ld+json")) {
            sf__buf_reset(scratch);
            node_text(n, scratch);
            if (scratch->n) jsonld(sf__buf_cstr(scratch), m);
        }
    } else if (strcmp(name, "title") == 0 || strcmp(name, "h1") == 0) {
        sf_buf *t = name[0] == 't' ? &m->title[3] : &m->title[2];
        if (!t->n) {
            sf__buf_reset(scratch);
            node_text(n, scratch);
            set_once(t, scratch->p, scratch->n);
        }
    } else if (strcmp(name, "time") == 0) {
        const char *ip = attr(n, "itemprop");
        if ((v = attr(n, "datetime"))) {
            if (ieq(ip, "dateModified")) set_time_once(&m->mod[2], v);
            else if (ieq(ip, "datePublished") || attr(n, "pubdate")) set_time_once(&m->pub[2], v);
            else set_time_once(&m->pub[3], v);
        }
    } else if ((v = attr(n, "itemprop"))) {
        const char *c = attr(n, "content");
        if (ieq(v, "datePublished")) set_time_once(&m->pub[2], c ? c : attr(n, "datetime"));
        else if (ieq(v, "dateModified")) set_time_once(&m->mod[2], c ? c : attr(n, "datetime"));
        else if (ieq(v, "author") && !m->author[2].n) {
            sf__buf_reset(scratch);
            node_text(n, scratch);
            if (scratch->n < 200) set_once(&m->author[2], scratch->p, scratch->n);
        }
    } else if ((v = attr(n, "rel")) && ieq(v, "author") && !m->author[2].n) {
        sf__buf_reset(scratch);
        node_text(n, scratch);
        if (scratch->n < 200) set_once(&m->author[2], scratch->p, scratch->n);
    }
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

sf_status sf__html_meta(htmlDocPtr doc, const char *url, sf_page *page, sf_error *err) {
    meta m;
    memset(&m, 0, sizeof m);
    sf_buf *all[] = {m.title, m.author, m.site, m.url, m.lang};
    size_t counts[] = {4, 3, 3, 3, 3};
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < counts[i]; j++) sf__buf_init(&all[i][j], 1 << 16);
    for (size_t i = 0; i < 4; i++) m.pub[i] = SF_TIME_UNKNOWN;
    for (size_t i = 0; i < 3; i++) m.mod[i] = SF_TIME_UNKNOWN;
    sf_buf scratch;
    sf__buf_init(&scratch, (size_t)1 << 24);

    xmlNodePtr root = xmlDocGetRootElement(doc), n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) visit(n, &m, &scratch);
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next) n = n->parent;
        n = (n && n != root) ? n->next : NULL;
    }
    if (url && *url) set_once(&m.url[2], url, strlen(url));

    page->title = pick(m.title, 4);
    page->author = pick(m.author, 3);
    page->site = pick(m.site, 3);
    page->url = pick(m.url, 3);
    page->lang = pick(m.lang, 3);
    page->published = pick_time(m.pub, 4);
    page->modified = pick_time(m.mod, 3);
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
    sf_status st = SF_OK;
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < counts[i]; j++) sf__buf_release(&all[i][j]);
    sf__buf_release(&scratch);
    if (!page->title || !page->author || !page->site || !page->url || !page->lang)
        st = sf__error_set(err, SF_ERR_NOMEM, "out of memory reading the page's metadata");
    return st;
}

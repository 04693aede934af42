/* extract.c - main-text extraction: which paragraphs of a web page are the
 * article. The page is cut into text blocks (paragraphs, headings, list items,
 * cells); each block is classed from its own shape, as jusText does (length,
 * link density, sentence punctuation). The article is then the element of the
 * tree whose blocks carry the most good text net of boilerplate (a maximum
 * subtree sum, with class/id/role hints as weights, after boilerpipe's and
 * readability's observations); inside it, short blocks are kept or dropped by
 * their neighbours (jusText's context rule), and hinted boilerplate (comments,
 * share bars, related links, cookie notices) is left out.
 * The blocks are built from the parser's SAX events (no tree); elements
 * nested deeper than SF_HTML_MAX_DEPTH count as their ancestor there, so
 * every climb up the element chain is bounded. */
#include "html.h"

#include "../text/text.h"

#include <assert.h>
#include <pthread.h>
#include <ctype.h>
#include <stdlib.h>
#include <xxhash.h>
#ifdef SF_EXTRACT_DEBUG
#include <stdio.h>
#endif

/* tuning (compile-time, for experiments) */
#ifndef SPAN_LD
#define SPAN_LD 0.2
#endif
#ifndef SD_MINW
#define SD_MINW 4
#endif
#ifndef SD_MINC
#define SD_MINC 25
#endif
#ifndef SD_HIGH
#define SD_HIGH 0.4
#endif
#ifndef SD_LOW
#define SD_LOW 0.1
#endif
#ifndef FALLBACK_CHARS
#define FALLBACK_CHARS 800
#endif
#ifndef FALLBACK_MIN
#define FALLBACK_MIN 100
#endif
#ifndef LAMBDA
#define LAMBDA 0.25
#endif
#ifndef HEAD_SPAN
#define HEAD_SPAN 0
#endif
#ifndef BOIL_RATIO
#define BOIL_RATIO 5
#endif
#ifndef DBG_LEN
#define DBG_LEN 70
#endif
#ifndef SIB_MIN
#define SIB_MIN 100
#endif
#ifndef LEAD_WIN
#define LEAD_WIN 12
#endif
#ifndef LEAD_SHORT
#define LEAD_SHORT 120
#endif
#ifndef LEAD_HEAD
#define LEAD_HEAD 100
#endif
#ifndef NEG_EXTRA
#define NEG_EXTRA "author", "bio", "disclaimer", "disclosure", "affiliate", "cta"
#endif
#ifndef CLOSE_GAP
#define CLOSE_GAP 0
#endif

/* ------------------------------------------------------------- elements */

enum {
    E_SKIP = 1,      /* not rendered text: script, style, hidden, nav ... */
    E_BOILER = 2,    /* class/id/role/tag says boilerplate */
    E_POSITIVE = 4,  /* class/id/role/tag says article */
    E_STRONG = 8,    /* itemprop=articleBody and kin */
    E_BLOCK = 16,    /* starts a new text block */
    E_LINK = 32,
    E_INBOILER = 64, /* this or an ancestor has E_BOILER */
    E_ROOT = 128,    /* the article, or a part of it beside the article */
    E_WEAK = 256,    /* E_BOILER from a weak word alone ("header", "teaser") */
    E_CONSENT = 512, /* a cookie or consent notice: never a wrapper of the article */
    E_INCONSENT = 1024, /* this or an ancestor has E_CONSENT: never the article */
};

typedef enum kind { K_OTHER, K_P, K_HEAD, K_LI, K_CELL, K_PRE, K_QUOTE, K_CAPTION } kind;

typedef struct enode {
    int32_t parent;    /* enclosing element, -1 at the root */
    uint16_t flags;
    uint8_t kind;      /* K_* of the tag; K_PRE is <pre> itself */
    double good, bad;  /* text mass of good and boilerplate blocks below */
    double rgood;      /* good text below, hints ignored */
    size_t chars;      /* all block text below */
#ifdef SF_EXTRACT_DEBUG
    char name[12], hint[64];
#endif
} enode;

enum { C_BAD, C_SHORT, C_NEAR, C_GOOD, C_HEAD, C_OUT };

typedef struct block {
    size_t off, len;   /* bytes in the block text buffer */
    size_t chars, link_chars, words, stops;
    int32_t owner;     /* innermost block element holding the text */
    uint8_t kind, cls;
    bool keep;
} block;

/* Pages repeat the same class strings on many elements: the hint found for
 * a "class id" string is remembered by its 64-bit hash (direct-mapped; a
 * clash only costs a recomputation). */
#define HCACHE 512
typedef struct hcache {
    uint64_t key[HCACHE];
    uint16_t flags[HCACHE];
} hcache;

typedef struct sf_xwalk walker;
struct sf_xwalk {
    SF_VEC(enode) el;
    SF_VEC(block) bl;
    sf_buf text;       /* every block's text, back to back */
    hcache hc;         /* hints by class string */
    size_t cur_start;  /* where the open block begins in text */
    size_t cur_chars, cur_links, cur_words, cur_stops;
    bool pending_space, in_word;
    int link_depth, pre_depth;
    int32_t cur_owner;
    int32_t cur;       /* innermost open element, -1 before the root */
    size_t depth;      /* open elements recorded */
    size_t skip;       /* open elements in a skipped one, itself included */
    size_t flat;       /* open elements past SF_HTML_MAX_DEPTH */
    bool truncated;    /* the depth limit was met */
    char lang[16];     /* <html lang>, lower case, "" when absent */
    bool has_lang;
    int br_run;
    sf_status st;
};

/* Tag names the walk cares about, sorted for binary search: not rendered
 * (script, style, hidden widgets ...) or starting a text block. */
enum { T_SKIP = 1, T_BLOCK = 2 };
typedef struct tagrow {
    const char *name;
    uint8_t t;
} tagrow;
static const tagrow TAGS[] = {
    {"address", T_BLOCK}, {"applet", T_SKIP}, {"article", T_BLOCK}, {"aside", T_BLOCK},
    {"audio", T_SKIP}, {"blockquote", T_BLOCK}, {"body", T_BLOCK}, {"button", T_SKIP},
    {"canvas", T_SKIP}, {"caption", T_BLOCK}, {"center", T_BLOCK}, {"dd", T_BLOCK},
    {"details", T_BLOCK}, {"dialog", T_BLOCK}, {"div", T_BLOCK}, {"dl", T_BLOCK},
    {"dt", T_BLOCK}, {"embed", T_SKIP}, {"fieldset", T_BLOCK}, {"figcaption", T_BLOCK},
    {"figure", T_BLOCK}, {"footer", T_BLOCK}, {"form", T_BLOCK}, {"frame", T_SKIP},
    {"frameset", T_SKIP}, {"h1", T_BLOCK}, {"h2", T_BLOCK}, {"h3", T_BLOCK}, {"h4", T_BLOCK},
    {"h5", T_BLOCK}, {"h6", T_BLOCK}, {"head", T_SKIP}, {"header", T_BLOCK},
    {"hgroup", T_BLOCK}, {"hr", T_BLOCK}, {"html", T_BLOCK}, {"iframe", T_SKIP},
    {"input", T_SKIP}, {"legend", T_BLOCK}, {"li", T_BLOCK}, {"main", T_BLOCK},
    {"map", T_SKIP}, {"math", T_SKIP}, {"menu", T_BLOCK}, {"nav", T_BLOCK},
    {"noscript", T_SKIP}, {"object", T_SKIP}, {"ol", T_BLOCK}, {"option", T_SKIP},
    {"output", T_BLOCK}, {"p", T_BLOCK}, {"pre", T_BLOCK}, {"script", T_SKIP},
    {"section", T_BLOCK}, {"select", T_SKIP}, {"style", T_SKIP}, {"summary", T_BLOCK},
    {"svg", T_SKIP}, {"table", T_BLOCK}, {"tbody", T_BLOCK}, {"td", T_BLOCK},
    {"template", T_SKIP}, {"textarea", T_SKIP}, {"tfoot", T_BLOCK}, {"th", T_BLOCK},
    {"thead", T_BLOCK}, {"tr", T_BLOCK}, {"ul", T_BLOCK},
    {"video", T_SKIP},
};

static int tag_cmp(const void *k, const void *e) {
    return strcmp(k, ((const tagrow *)e)->name);
}

static uint8_t tag_class(const char *name) {
    const tagrow *r = bsearch(name, TAGS, SF_ARRAY_LEN(TAGS), sizeof TAGS[0], tag_cmp);
    return r ? r->t : 0;
}

/* Class and id words that mark boilerplate, and fragments that mark the
 * article. General web vocabulary (WordPress, CMS themes, schema.org), not
 * fitted to any site. Words of 6 letters and more match anywhere
 * ("textwidget", "usercomments"); shorter ones must start a word of the
 * class or id (after a space, '-', '_' or the start), and under 5 letters be
 * the whole word ("ad" is not "read-all", "nav" is not "canvas"). A word
 * after '=' must be a whole class token: "hidden" hides, but Drupal's
 * "field--label-hidden" hides only a label and "hidden-xs" only on phones. */
static const char *const NEG_HINTS[] = {
    "comment",   "share",     "sharing",    "social",     "related",   "recommend",
    "cookie",    "consent",   "gdpr",       "footer",     "sidebar",   "widget",
    "menu",      "navbar",    "navigation", "breadcrumb", "newsletter", "subscri",
    "promo",     "advert",    "sponsor",    "popup",      "modal",     "banner",
    "most-read", "mostread",  "popular",    "trending",   "pagination", "pager",
    "tagcloud",  "tag-list",  "taglist",    "post-tags",  "entry-tags", "author-bio",
    "authorbio", "byline",    "post-meta",  "entry-meta", "article-meta", "meta-data",
    "masthead",  "toolbar",   "disqus",     "outbrain",   "taboola",   "login",
    "signup",    "print-",    "skip",       "copyright",  "reply",     "rating",
    "more-from", "read-more",  "readmore",   "newsticker",
    "site-header", "page-header", "dateline",  "timestamp",
    "publish-date", "post-date", "entry-date", "caption",  "credit",    "=hidden",
    "ad",        "ads",       "adv",       "=hide",        "jp-relatedposts", "addthis",
    "sharedaddy", "nav",      "pinterest",  "twitter",    "facebook",  "tags",
    NEG_EXTRA};

/* Boilerplate words that name the article's own parts when the same class
 * also names the article (see hint_flags). */
static const char *const WEAK_HINTS[] = {"header", "teaser", "paywall"};
/* Fragments that mark the article, matched anywhere. */
static const char *const POS_HINTS[] = {
    "article", "content", "entry", "post", "story", "text", "body", "main", "blog", "prose",
    "richtext", "rich-text", "column"};

static bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/* All hint words in one table, by first letter, so that a class string is
 * matched in one pass over its positions instead of one strstr per word
 * (four fifths of a page's class strings are seen once, so the cache above
 * does not spare this). */
enum { H_NEG = 1, H_WEAK = 2, H_POS = 4, H_TOKEN = 8 };
typedef struct hint {
    const char *w;
    uint8_t len, kind;
} hint;
#define NHINTS (SF_ARRAY_LEN(NEG_HINTS) + SF_ARRAY_LEN(WEAK_HINTS) + SF_ARRAY_LEN(POS_HINTS))
typedef struct hint_table {
    hint h[NHINTS];
    uint8_t first[27]; /* hints starting with letter i are h[first[i]..first[i+1]) */
} hint_table;

static void table_add(hint_table *t, size_t *k, const char *const *words, size_t n, uint8_t what,
                      char letter) {
    for (size_t i = 0; i < n; i++) {
        const char *w = words[i];
        uint8_t kd = what;
        if (w[0] == '=') {
            w++;
            kd |= H_TOKEN;
        }
        if (w[0] != letter) continue;
        t->h[(*k)++] = (hint){w, (uint8_t)strlen(w), kd};
    }
}

/* Built once (pthread_once: pages are extracted on several threads); every
 * word starts with a lower-case letter. */
static hint_table HINTS;
static pthread_once_t HINTS_ONCE = PTHREAD_ONCE_INIT;

static void build_hints(void) {
    hint_table *t = &HINTS;
    size_t k = 0;
    for (int c = 0; c < 26; c++) {
        t->first[c] = (uint8_t)k;
        char letter = (char)('a' + c);
        table_add(t, &k, NEG_HINTS, SF_ARRAY_LEN(NEG_HINTS), H_NEG, letter);
        table_add(t, &k, WEAK_HINTS, SF_ARRAY_LEN(WEAK_HINTS), H_WEAK, letter);
        table_add(t, &k, POS_HINTS, SF_ARRAY_LEN(POS_HINTS), H_POS, letter);
    }
    t->first[26] = (uint8_t)k;
    assert(k == NHINTS);
}

static const hint_table *hints(void) {
    pthread_once(&HINTS_ONCE, build_hints);
    return &HINTS;
}

/* Does hint word x occur at h[i] (h has n bytes) the way its kind asks? A
 * boilerplate or weak word shorter than 6 letters must start a word, under
 * 5 end one; an "=" word must be a whole class token; an opinion piece
 * ("commentary") is an article, not comments. Article fragments match
 * anywhere. */
static bool hint_at(const char *h, size_t n, size_t i, const hint *x) {
    size_t k = x->len;
    if (n - i < k || memcmp(h + i, x->w, k) != 0) return false;
    char after = i + k < n ? h[i + k] : 0;
    if (x->kind & H_POS) return true;
    if (x->kind & H_TOKEN) return (i == 0 || h[i - 1] == ' ') && (after == ' ' || after == 0);
    if (k < 6 && i > 0 && word_char(h[i - 1])) return false;
    if (k < 5 && word_char(after)) return false;
    if (k == 7 && n - i >= 9 && memcmp(h + i, "commentar", 9) == 0) return false;
    return true;
}

/* A class or id naming a cookie or consent notice ("cmplz-cookiebanner",
 * "consent-dialog"): such a box holds the notice's own parts, whatever
 * they are called ("cmplz-body"), never the article. */
static bool names_consent(const char *h, size_t n) {
    static const char *const W[] = {"cookie", "consent", "gdpr"};
    for (size_t w = 0; w < SF_ARRAY_LEN(W); w++) {
        size_t k = strlen(W[w]);
        for (size_t i = 0; i + k <= n; i++)
            if (memcmp(h + i, W[w], k) == 0) return true;
    }
    return false;
}

static uint16_t hint_flags(const char *h, size_t n, hcache *hc) {
    uint64_t key = XXH3_64bits(h, n) | 1; /* 0 marks an empty slot */
    size_t slot = (size_t)(key % HCACHE);
    if (hc->key[slot] == key) return hc->flags[slot];
    const hint_table *t = hints();
    unsigned found = 0;
    for (size_t i = 0; i < n && !(found & H_NEG); i++) {
        unsigned c = (unsigned char)h[i] - 'a';
        if (c >= 26) continue;
        for (size_t j = t->first[c]; j < t->first[c + 1]; j++)
            if (!(found & t->h[j].kind) && hint_at(h, n, i, &t->h[j])) found |= t->h[j].kind;
    }
    /* "article-header", "entry__header", "teaser-text": the article's own
     * headline and lead; a bare "header" or "teaser" is boilerplate */
    uint16_t f = (found & H_NEG) && names_consent(h, n) ? E_BOILER | E_CONSENT
                 : (found & H_NEG)  ? E_BOILER
                 : (found & H_POS)  ? E_POSITIVE
                 : (found & H_WEAK) ? E_BOILER | E_WEAK
                                    : 0;
    hc->key[slot] = key;
    hc->flags[slot] = f;
    return f;
}


/* Lower-case "class id" of an element into buf (truncated at cap-1). */
static size_t hint_text(const xmlChar **atts, char *buf, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *an = (const char *)atts[i];
        if (strcmp(an, "class") != 0 && strcmp(an, "id") != 0) continue;
        if (!atts[i + 1]) continue;
        for (const xmlChar *q = atts[i + 1]; *q && k + 2 < cap; q++)
            buf[k++] = (char)tolower(*q);
        if (k + 1 < cap) buf[k++] = ' ';
    }
    buf[k] = 0;
    return k;
}

/* Does a style attribute hide the element? One pass, looking closer only
 * where a 'd' or 'v' starts "display:none" / "visibility:hidden". */
static bool style_hides(const char *v) {
    for (; *v; v++) {
        char c = (char)(*v | 0x20);
        if (c == 'd' && (strncasecmp(v, "display:none", 12) == 0 ||
                         strncasecmp(v, "display: none", 13) == 0))
            return true;
        if (c == 'v' && strncasecmp(v, "visibility:hidden", 17) == 0) return true;
    }
    return false;
}

static uint16_t element_flags(const char *name, const xmlChar **atts, hcache *hc) {
    uint16_t f = 0;
    uint8_t tc = tag_class(name);
    if (tc & T_SKIP) return E_SKIP;
    if (tc & T_BLOCK) f |= E_BLOCK;
    if (strcmp(name, "a") == 0) f |= E_LINK;
    if (!atts || !atts[0]) {
        if (strcmp(name, "aside") == 0 || strcmp(name, "footer") == 0 ||
            strcmp(name, "nav") == 0 || strcmp(name, "dialog") == 0)
            f |= E_BOILER;
        else if (strcmp(name, "article") == 0 || strcmp(name, "main") == 0) f |= E_POSITIVE;
        return f;
    }
    if (sf__html_attr(atts, "hidden")) return E_SKIP;
    const char *v;
    if ((v = sf__html_attr(atts, "aria-hidden")) && strcmp(v, "true") == 0) return E_SKIP;
    if ((v = sf__html_attr(atts, "style")) && style_hides(v)) return E_SKIP;
    if (strcmp(name, "body") == 0 || strcmp(name, "html") == 0) return f;
    if (strcmp(name, "aside") == 0 || strcmp(name, "footer") == 0 || strcmp(name, "nav") == 0 ||
        strcmp(name, "dialog") == 0)
        f |= E_BOILER;
    if (strcmp(name, "article") == 0 || strcmp(name, "main") == 0) f |= E_POSITIVE;
    if ((v = sf__html_attr(atts, "itemprop")) && (strcmp(v, "articleBody") == 0 || strcmp(v, "text") == 0))
        return f | E_POSITIVE | E_STRONG;
    if ((v = sf__html_attr(atts, "role"))) {
        if (strcmp(v, "navigation") == 0 || strcmp(v, "contentinfo") == 0 ||
            strcmp(v, "complementary") == 0 || strcmp(v, "banner") == 0 ||
            strcmp(v, "menu") == 0 || strcmp(v, "dialog") == 0 || strcmp(v, "alert") == 0)
            f |= E_BOILER;
        else if (strcmp(v, "main") == 0 || strcmp(v, "article") == 0)
            f |= E_POSITIVE;
    }
    char h[256];
    size_t hk = hint_text(atts, h, sizeof h);
    if (hk == 0) return f;
    return f | hint_flags(h, hk, hc);
}

static kind kind_of(const char *s) {
    if (s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && !s[2]) return K_HEAD;
    if (strcmp(s, "p") == 0) return K_P;
    if (strcmp(s, "li") == 0 || strcmp(s, "dd") == 0 || strcmp(s, "dt") == 0) return K_LI;
    if (strcmp(s, "td") == 0 || strcmp(s, "th") == 0) return K_CELL;
    if (strcmp(s, "pre") == 0) return K_PRE;
    if (strcmp(s, "blockquote") == 0) return K_QUOTE;
    if (strcmp(s, "figcaption") == 0) return K_CAPTION;
    return K_OTHER;
}

/* --------------------------------------------------------------- blocks */

static void flush(walker *w) {
    if (w->st != SF_OK) return;
    size_t len = w->text.n - w->cur_start;
    if (len && w->cur_chars) {
        block b = {0};
        b.off = w->cur_start;
        b.len = len;
        b.chars = w->cur_chars;
        b.link_chars = w->cur_links;
        b.words = w->cur_words;
        b.stops = w->cur_stops;
        b.owner = w->cur_owner;
        b.kind = w->cur_owner >= 0 ? w->el.items[w->cur_owner].kind : K_OTHER;
        if (SF_VEC_PUSH(&w->bl, b) != SF_OK) w->st = SF_ERR_NOMEM;
        w->cur_start = w->text.n;
    } else {
        w->text.n = w->cur_start; /* drop white space only */
        if (w->text.p) w->text.p[w->text.n] = 0;
    }
    w->cur_chars = w->cur_links = w->cur_words = w->cur_stops = 0;
    w->pending_space = w->in_word = false;
    w->br_run = 0;
}

/* Append text with white space collapsed (kept as is inside <pre>); count
 * characters, link characters, words and sentence ends. */
static void add_text(walker *w, const char *s, size_t n) {
    bool pre = w->pre_depth > 0;
    const uint8_t *end = (const uint8_t *)s + n;
    /* bytes go out through a local chunk, not one buffer call per byte */
    char out[1024];
    size_t k = 0;
    for (const uint8_t *q = (const uint8_t *)s; q < end; q++) {
        if (k + 2 > sizeof out) {
            sf__buf_add(&w->text, out, k);
            k = 0;
        }
        uint8_t c = *q;
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (c == 0xC2 && q + 1 < end && q[1] == 0xA0) { /* no-break space */
            space = true;
            q++;
        }
        if (space) {
            if (pre && c == '\n') {
                out[k++] = '\n';
                w->pending_space = false;
            } else {
                w->pending_space = true;
            }
            w->in_word = false;
            continue;
        }
        if (w->pending_space && w->text.n + k > w->cur_start) out[k++] = ' ';
        w->pending_space = false;
        w->br_run = 0;
        out[k++] = (char)c;
        if ((c & 0xC0) == 0x80) continue; /* continuation byte */
        w->cur_chars++;
        if (w->link_depth) w->cur_links++;
        if (c == '.' || c == '!' || c == '?' || c == ';' ||
            (c == 0xE3 && end - q >= 3 && q[1] == 0x80 && q[2] == 0x82)) /* U+3002 */
            w->cur_stops++;
        bool alnum = c >= 0x80 || isalnum(c);
        if (alnum && !w->in_word) w->cur_words++;
        w->in_word = alnum;
    }
    sf__buf_add(&w->text, out, k);
}

sf_xwalk *sf__extract_create(void) {
    walker *w = sf__calloc(1, sizeof *w);
    if (!w) return NULL;
    sf__buf_init(&w->text, 0);
    w->cur_owner = w->cur = -1;
    return w;
}

void sf__extract_destroy(sf_xwalk *w) {
    if (!w) return;
    SF_VEC_FREE(&w->el);
    SF_VEC_FREE(&w->bl);
    sf__buf_release(&w->text);
    sf__free(w);
}

void sf__extract_start(sf_xwalk *w, const char *name, const xmlChar **atts) {
    if (w->st != SF_OK) return;
    if (w->skip) {
        w->skip++;
        return;
    }
    if (w->depth >= SF_HTML_MAX_DEPTH) {
        w->flat++;
        w->truncated = true;
        return;
    }
    if (w->el.n == 0) { /* the root: the page's language */
        const char *lang = sf__html_attr(atts, "lang");
        if (!lang) lang = sf__html_attr(atts, "xml:lang");
        if (lang) {
            w->has_lang = true;
            size_t k = 0;
            for (; lang[k] && k + 1 < sizeof w->lang; k++)
                w->lang[k] = (char)tolower((unsigned char)lang[k]);
            w->lang[k] = 0;
        }
    }
    uint16_t f = element_flags(name, atts, &w->hc);
    if (f & E_SKIP) {
        w->skip = 1;
        return;
    }
    enode e = {.parent = w->cur, .flags = f, .kind = (uint8_t)kind_of(name)};
#ifdef SF_EXTRACT_DEBUG
    snprintf(e.name, sizeof e.name, "%s", name);
    hint_text(atts, e.hint, sizeof e.hint);
#endif
    if (SF_VEC_PUSH(&w->el, e) != SF_OK) {
        w->st = SF_ERR_NOMEM;
        return;
    }
    w->cur = (int32_t)(w->el.n - 1);
    w->depth++;
    if (f & E_BLOCK) {
        flush(w);
        w->cur_owner = w->cur;
    }
    if (f & E_LINK) w->link_depth++;
    if (e.kind == K_PRE) w->pre_depth++;
    if (strcmp(name, "br") == 0) {
        if (++w->br_run >= 2) flush(w);
        else w->pending_space = true;
    }
}

void sf__extract_end(sf_xwalk *w) {
    if (w->st != SF_OK) return;
    if (w->skip) {
        w->skip--;
        return;
    }
    if (w->flat) {
        w->flat--;
        return;
    }
    if (w->cur < 0) return;
    const enode *e = &w->el.items[w->cur];
    if (e->flags & E_BLOCK) {
        flush(w);
        /* text after this block belongs to the nearest enclosing block */
        int32_t p = e->parent;
        while (p >= 0 && !(w->el.items[p].flags & E_BLOCK)) p = w->el.items[p].parent;
        w->cur_owner = p;
    }
    if (e->flags & E_LINK) w->link_depth--;
    if (e->kind == K_PRE) w->pre_depth--;
    w->cur = e->parent;
    w->depth--;
}

void sf__extract_text(sf_xwalk *w, const char *s, size_t n) {
    if (w->st != SF_OK || w->skip || w->cur < 0) return;
    add_text(w, s, n);
}

/* ------------------------------------------------------------ classify */

static double link_density(const block *b) {
    return b->chars ? (double)b->link_chars / (double)b->chars : 0;
}

/* Share of a block's words that are stopwords of `lang` (or of any listed
 * language when lang is NULL), as jusText measures text against
 * boilerplate: running prose is about a third function words, menus and
 * labels almost none. Negative when no list applies. Words are folded to
 * lower case in ASCII only, enough for the function words of en/de/fr/es. */
static double stop_density(const char *p, size_t n, const char *lang) {
    static const char *const ALL[] = {"en", "de", "fr", "es"};
    size_t words = 0, stops = 0, i = 0;
    char wbuf[33];
    while (i < n) {
        while (i < n && !((uint8_t)p[i] >= 0x80 || isalnum((unsigned char)p[i]))) i++;
        size_t k = 0;
        while (i < n && ((uint8_t)p[i] >= 0x80 || isalnum((unsigned char)p[i]))) {
            if (k < sizeof wbuf - 1) wbuf[k] = (char)tolower((unsigned char)p[i]);
            k++;
            i++;
        }
        if (!k) break;
        words++;
        if (k >= sizeof wbuf) continue;
        if (lang) {
            if (sf__is_stopword(lang, wbuf, k)) stops++;
        } else {
            for (size_t j = 0; j < SF_ARRAY_LEN(ALL); j++)
                if (sf__is_stopword(ALL[j], wbuf, k)) {
                    stops++;
                    break;
                }
        }
    }
    return words ? (double)stops / (double)words : -1;
}

/* jusText-style classes from the block alone: length, link density and
 * sentence punctuation; where the page's language has a stopword list,
 * stopword density lifts short prose and sinks word lists. */
static uint8_t classify(const block *b, const char *text, const char *lang, bool has_list) {
    double ld = link_density(b);
    /* a heading of whole sentences is a lead paragraph set large */
    if (b->kind == K_HEAD && (b->chars < LEAD_HEAD || b->stops == 0))
        return ld > 0.5 ? C_BAD : C_HEAD;
    if (ld > 0.5) return C_BAD;
    uint8_t c;
    if (b->chars >= 120 && ld < 0.3 && (b->stops > 0 || b->chars >= 250)) c = C_GOOD;
    else if (b->chars >= 50 && ld < 0.35 && b->stops > 0 && b->words >= 5) c = C_NEAR;
    else if (b->chars >= 70 && ld < 0.3) c = C_NEAR;
    else c = C_SHORT;
    if (!has_list || b->words < SD_MINW) return c;
    if (c == C_SHORT && b->chars >= SD_MINC && ld < 0.2) {
        if (stop_density(text + b->off, b->len, lang) >= SD_HIGH) c = C_NEAR;
    } else if (c == C_NEAR && b->stops == 0) {
        if (stop_density(text + b->off, b->len, lang) < SD_LOW) c = C_SHORT;
    }
    return c;
}

/* Good text of a block: characters outside links, half for near-good. */
static double block_good(const block *b) {
    double t = (double)b->chars * (1 - link_density(b));
    return b->cls == C_GOOD ? t : b->cls == C_NEAR ? 0.5 * t : 0;
}

/* ------------------------------------------------------------- extract */

/* A short line that opens with a picture-credit label ("Foto: ...",
 * "Photo : ...", "Bild: ...", "Quelle: ...", "Credit: ...", "(c) ...",
 * "© ..."): labels of the languages with stopword lists, not of any site. */
static bool credit_line(const char *p, size_t n) {
    static const char *const LABELS[] = {"foto", "photo", "photos", "bild", "bilder", "quelle",
                                         "credit", "credits", "crédit", "crédits", "fuente",
                                         "source", "image", "images", "fotos"};
    if (n >= 2 && (uint8_t)p[0] == 0xC2 && (uint8_t)p[1] == 0xA9) return true; /* © */
    if (n >= 3 && strncasecmp(p, "(c)", 3) == 0) return true;
    size_t k = 0;
    while (k < n && k < 12 && p[k] != ':' && p[k] != ' ') k++;
    size_t c = k;
    while (c < n && p[c] == ' ') c++;
    if (c >= n || p[c] != ':' || k == 0) return false;
    for (size_t i = 0; i < SF_ARRAY_LEN(LABELS); i++)
        if (strlen(LABELS[i]) == k && strncasecmp(p, LABELS[i], k) == 0) return true;
    return false;
}


static bool boiler_between(const walker *w, int32_t e, int32_t top) {
    for (; e >= 0 && e != top; e = w->el.items[e].parent)
        if (w->el.items[e].flags & E_BOILER) return true;
    return false;
}

/* Is every boilerplate hint above e a weak word ("header", "teaser": a
 * headline block, a lead) and is there one? */
static bool weak_only(const walker *w, int32_t e) {
    bool weak = false;
    for (; e >= 0; e = w->el.items[e].parent) {
        uint16_t f = w->el.items[e].flags;
        if ((f & E_BOILER) && !(f & E_WEAK)) return false;
        if ((f & E_BOILER) && (f & E_WEAK)) weak = true;
    }
    return weak;
}

/* Is element e inside a part of the article, with no boilerplate hint
 * between? */
static bool in_article(const walker *w, int32_t e) {
    for (; e >= 0; e = w->el.items[e].parent) {
        if (w->el.items[e].flags & E_ROOT) return true;
        if (w->el.items[e].flags & E_BOILER) return false;
    }
    return false;
}

/* The page's language from <html lang>, for stopword density: *lang is
 * one with a stopword list, or NULL for any of them when the page does not
 * say; *has_list is false for a language without a list. */
static void page_language(const sf_xwalk *w, const char **lang, bool *has_list) {
    const char *l = w->has_lang ? w->lang : NULL;
    *has_list = true;
    *lang = NULL;
    if (!l || !*l) return;
    char two[3] = {(char)tolower((unsigned char)l[0]), l[1] ? (char)tolower((unsigned char)l[1]) : 0,
                   0};
    *has_list = sf__is_stopword(two, "und", 3) || sf__is_stopword(two, "the", 3) ||
                sf__is_stopword(two, "de", 2);
    *lang = *has_list ? (two[0] == 'e' && two[1] == 'n' ? "en" : two[0] == 'd' ? "de"
                         : two[0] == 'f' ? "fr" : "es")
                      : NULL;
}

/* Class every block, and add its characters and good text to each element
 * up its ancestor chain (the raw masses). */
static void add_raw_masses(sf_xwalk *w, const char *lang, bool has_list) {
    for (size_t i = 0; i < w->bl.n; i++) {
        block *b = &w->bl.items[i];
        b->cls = classify(b, w->text.p, lang, has_list);
        double g = block_good(b);
        for (int32_t e = b->owner; e >= 0; e = w->el.items[e].parent) {
            w->el.items[e].chars += b->chars;
            w->el.items[e].rgood += g;
        }
    }
}

/* A boilerplate hint on an element that holds an article-hinted element
 * with most of its good text is a theme class on a wrapper ("has-sidebar"),
 * not boilerplate; a cookie or consent notice is never one (its
 * "cmplz-body" is the notice's body). */
static void clear_wrapper_hints(sf_xwalk *w) {
    for (size_t i = 0; i < w->el.n; i++) {
        enode *en = &w->el.items[i];
        if (!(en->flags & (E_POSITIVE | E_STRONG)) || en->rgood < 200) continue;
        for (int32_t e = en->parent; e >= 0; e = w->el.items[e].parent)
            if ((w->el.items[e].flags & E_BOILER) && !(w->el.items[e].flags & E_CONSENT) &&
                en->rgood * 2 >= w->el.items[e].rgood)
                w->el.items[e].flags &= (uint16_t)~E_BOILER;
    }
}

/* The masses for choosing: good text under a boilerplate hint (comments,
 * teasers) counts against the hinted element's ancestors. */
static void add_choice_masses(sf_xwalk *w) {
    for (size_t i = 0; i < w->bl.n; i++) {
        block *b = &w->bl.items[i];
        double good = block_good(b);
        double bad = (b->cls == C_GOOD || b->cls == C_NEAR || b->cls == C_HEAD) ? 0
                                                                               : (double)b->chars;
        for (int32_t e = b->owner; e >= 0; e = w->el.items[e].parent) {
            enode *en = &w->el.items[e];
            en->good += good;
            en->bad += bad;
            if (en->flags & E_BOILER) {
                bad += good;
                good = 0;
            }
        }
    }
}

/* The article: the element with the most good - LAMBDA * bad, marked
 * E_ROOT with the sibling boxes that belong to it; -1 when none has any.
 * Candidates under a boilerplate hint (a quote in a sidebar widget) are
 * taken only when nothing else has good text, or BOIL_RATIO times less. */
static int32_t choose_article(sf_xwalk *w) {
    int32_t best = -1, best_boiler = -1;
    double best_score = 0, best_boiler_score = 0;
    for (size_t i = 0; i < w->el.n; i++) {
        enode *en = &w->el.items[i];
        int32_t p = en->parent;
        if ((en->flags & E_BOILER) || (p >= 0 && (w->el.items[p].flags & E_INBOILER)))
            en->flags |= E_INBOILER;
        /* A consent notice is the site's, not the article's, even on a page
         * whose post is too short to count as good text (a one-line blog
         * post): it is never chosen, and such a page keeps what the
         * fallback finds, or nothing. */
        if ((en->flags & E_CONSENT) || (p >= 0 && (w->el.items[p].flags & E_INCONSENT)))
            en->flags |= E_INCONSENT;
        if (en->flags & E_INCONSENT) continue;
        double g = en->good;
        if (en->flags & E_STRONG) g *= 1.5;
        else if (en->flags & E_POSITIVE) g *= 1.15;
        double s = g - LAMBDA * en->bad;
        if (en->flags & E_INBOILER) {
            if (s > best_boiler_score) {
                best_boiler_score = s;
                best_boiler = (int32_t)i;
            }
        } else if (s > best_score) {
            best_score = s;
            best = (int32_t)i;
        }
    }
    /* A hinted candidate far ahead of every other is the article under a
     * class word used for layout ("elementor-widget-container"), or a page
     * that is all comments (a forum thread, a live ticker). */
    if (best < 0 || best_boiler_score > BOIL_RATIO * best_score) best = best_boiler;
    if (best >= 0) {
        w->el.items[best].flags |= E_ROOT;
        /* Article parts in sibling boxes (a lead box, then the body; the
         * body cut by an advertisement slot): a sibling of the article
         * with good text of its own and little else is part of it, as
         * readability joins siblings of its top candidate. */
        int32_t par = w->el.items[best].parent;
        for (size_t i = (size_t)par + 1; par >= 0 && i < w->el.n; i++) {
            enode *en = &w->el.items[i];
            if (en->parent != par || (int32_t)i == best || (en->flags & E_INBOILER)) continue;
            if (en->good >= SIB_MIN && en->good > en->bad) en->flags |= E_ROOT;
        }
    }
#ifdef SF_EXTRACT_DEBUG
    for (int32_t e = best; e >= 0; e = w->el.items[e].parent) {
        const char *h = w->el.items[e].hint;
        fprintf(stderr, "  %s[%s] flags %x good %.0f bad %.0f\n",
                w->el.items[e].name, h, w->el.items[e].flags,
                w->el.items[e].good, w->el.items[e].bad);
    }
#endif
    return best;
}

/* Keep a short block or a heading (class c) at i by its context: cls[] are
 * the blocks' classes inside the article (C_OUT outside), [first_good,
 * last_good] the article's span from its first good block to its last. */
static bool keep_by_context(const sf_xwalk *w, const uint8_t *cls, size_t i, size_t first_good,
                            size_t last_good) {
    const size_t nb = w->bl.n;
    const uint8_t c = cls[i];
    /* nearest non-short, non-heading neighbours; the edge of the article
     * counts as neither good nor bad */
    uint8_t prev = C_OUT, next = C_OUT;
    size_t gap_prev = 0;
    for (size_t j = i; j-- > 0;)
        if (cls[j] != C_SHORT && cls[j] != C_HEAD) {
            prev = cls[j];
            gap_prev = i - j;
            break;
        }
    for (size_t j = i + 1; j < nb; j++)
        if (cls[j] != C_SHORT && cls[j] != C_HEAD) {
            next = cls[j];
            break;
        }
    bool good_next = next == C_GOOD || next == C_NEAR;
    bool good_prev = prev == C_GOOD || prev == C_NEAR;
    const block *b = &w->bl.items[i];
    double ld = link_density(b);
    bool span = i > first_good && i < last_good;
    if (c == C_HEAD) return good_next || (HEAD_SPAN && span && ld < 0.5);
    if (good_prev && good_next) return true;
    /* inside the article's span, short list items, cells and code lines
     * (ingredients, a table of figures) belong to it unless they are
     * links; short paragraphs there are often dates and credits */
    if (span && ld < SPAN_LD && (b->kind == K_LI || b->kind == K_CELL || b->kind == K_PRE))
        return true;
    /* a few short paragraphs or list items closing the article */
    return good_prev && (next == C_OUT || gap_prev <= CLOSE_GAP) &&
           (b->kind == K_P || b->kind == K_LI) && ld < 0.2;
}

/* Mark the blocks to keep: good and near blocks inside the article and not
 * under a boilerplate hint below it; short ones and headings by context
 * (keep_by_context). Blocks outside the article are classed C_BAD. */
static sf_status keep_in_article(sf_xwalk *w, const sf_page *page, int32_t best,
                                 const char *lang, bool has_list) {
    size_t nb = w->bl.n;
    uint8_t *cls = sf__calloc(nb ? nb : 1, 1);
    if (!cls) return SF_ERR_NOMEM;
    for (size_t i = 0; i < nb; i++) {
        block *b = &w->bl.items[i];
        if (page->all_text) {
            cls[i] = C_GOOD;
            continue;
        }
        bool inside = best >= 0 && in_article(w, b->owner);
        cls[i] = inside ? b->cls : C_OUT;
        if (!inside) b->cls = C_BAD;
    }
    size_t first_good = nb, last_good = 0;
    for (size_t i = 0; i < nb; i++)
        if (cls[i] == C_GOOD || cls[i] == C_NEAR) {
            if (first_good == nb) first_good = i;
            last_good = i;
        }
    for (size_t i = 0; i < nb; i++) {
        uint8_t c = cls[i];
        if (c == C_GOOD || c == C_NEAR) w->bl.items[i].keep = true;
        else if ((c == C_SHORT || c == C_HEAD) && keep_by_context(w, cls, i, first_good, last_good))
            w->bl.items[i].keep = true;
    }
#ifdef SF_EXTRACT_DEBUG
    for (size_t i = 0; i < nb; i++) {
        const block *b = &w->bl.items[i];
        char bh[256] = "";
        for (int32_t e = b->owner; e >= 0; e = w->el.items[e].parent)
            if (w->el.items[e].flags & E_BOILER) {
                snprintf(bh, 40, "%s", w->el.items[e].hint);
                break;
            }
        fprintf(stderr, "%4zu %c%c k%u c%u/%u ch%4zu ld%.2f st%zu B[%s] <%s> %.*s\n", i,
                in_article(w, b->owner) ? 'U' : ' ',
                b->keep ? '+' : ' ', b->kind, classify(b, w->text.p, lang, has_list), cls[i],
                b->chars, link_density(b), b->stops, bh,
                b->owner >= 0 ? w->el.items[b->owner].name : "-",
                (int)SF_MIN(b->len, (size_t)DBG_LEN), w->text.p + b->off);
    }
#else
    (void)lang;
    (void)has_list;
#endif
    sf__free(cls);
    return SF_OK;
}

/* A figure caption and a short photo credit are about the picture, not the
 * story: they stay out even between good paragraphs (docs/extraction.md
 * says what keeping captions did). */
static void drop_captions(sf_xwalk *w, const sf_page *page) {
#ifndef NO_CAPTION_RULE
    for (size_t i = 0; i < w->bl.n && !page->all_text; i++)
        if (w->bl.items[i].kind == K_CAPTION ||
            (w->bl.items[i].chars < 80 && credit_line(w->text.p + w->bl.items[i].off,
                                                      w->bl.items[i].len)))
            w->bl.items[i].keep = false;
#else
    (void)w;
    (void)page;
#endif
}

/* The lead set apart before the article's box: a standfirst under the
 * headline, or a lead set as a long heading (classed as prose above).
 * Walking back from the first kept block over at most LEAD_WIN blocks
 * outside the article, prose blocks outside boilerplate hints are the
 * article's when a heading comes before them: a standfirst follows its
 * headline, while a prose box with no heading above it is something else
 * (an "about us" box). Short lines between (byline, date, photo credit) are
 * passed over, hinted or linked or not; a longer linked or hinted block (a
 * menu, a teaser) ends the walk. */
static void keep_lead(sf_xwalk *w, const char *lang, bool has_list) {
    size_t nb = w->bl.n, fk = 0;
    while (fk < nb && !w->bl.items[fk].keep) fk++;
    size_t lead[LEAD_WIN], nlead = 0, seen = 0;
    bool headed = false;
    for (size_t j = fk; fk < nb && j-- > 0 && seen < LEAD_WIN;) {
        block *b = &w->bl.items[j];
        if (in_article(w, b->owner)) continue;
        seen++;
        uint8_t c = classify(b, w->text.p, lang, has_list);
        if (c == C_HEAD) {
            headed = true;
            break;
        }
        bool hinted = boiler_between(w, b->owner, -1), linked = link_density(b) >= 0.2;
#ifndef NO_WEAK_LEAD
        if (hinted && weak_only(w, b->owner)) hinted = false;
#endif
        if (hinted || linked) {
            if (b->chars >= LEAD_SHORT) break;
            continue;
        }
        if ((c == C_GOOD || c == C_NEAR) && b->kind != K_CAPTION &&
            !(b->chars < 80 && credit_line(w->text.p + b->off, b->len)))
            lead[nlead++] = j;
    }
    for (size_t k = 0; headed && k < nlead; k++) w->bl.items[lead[k]].keep = true;
}

/* Too little kept (the container held a teaser, or the page is made of many
 * small boxes): fall back, as trafilatura falls back on its baselines, to
 * every good or near-good paragraph of the page that is not under a
 * boilerplate hint. */
static void fall_back_when_short(sf_xwalk *w, const char *lang, bool has_list) {
    size_t nb = w->bl.n, kept_chars = 0;
    for (size_t i = 0; i < nb; i++)
        if (w->bl.items[i].keep) kept_chars += w->bl.items[i].chars;
    if (kept_chars >= FALLBACK_CHARS) return;
    size_t alt = 0;
    for (size_t i = 0; i < nb; i++) {
        block *b = &w->bl.items[i];
        uint8_t c = classify(b, w->text.p, lang, has_list);
        if ((c == C_GOOD || c == C_NEAR) && !boiler_between(w, b->owner, -1)) alt += b->chars;
    }
    if (alt > 2 * kept_chars + FALLBACK_MIN)
        for (size_t i = 0; i < nb; i++) {
            block *b = &w->bl.items[i];
            uint8_t c = classify(b, w->text.p, lang, has_list);
            b->keep = (c == C_GOOD || c == C_NEAR) && !boiler_between(w, b->owner, -1);
        }
}

/* Write the kept blocks into the page's text, skipping a block that repeats
 * the one before. */
static sf_status write_kept(const sf_xwalk *w, sf_page *page) {
    const char *last = NULL;
    size_t last_len = 0;
    for (size_t i = 0; i < w->bl.n; i++) {
        const block *b = &w->bl.items[i];
        page->blocks++;
        if (!b->keep) continue;
        const char *p = w->text.p + b->off;
        if (last && last_len == b->len && memcmp(last, p, b->len) == 0) continue;
        if (page->text.n) sf__buf_add(&page->text, "\n\n", 2);
        sf__buf_add(&page->text, p, b->len);
        page->kept++;
        last = p;
        last_len = b->len;
    }
    return sf__buf_status(&page->text);
}

sf_status sf__extract_finish(sf_xwalk *w, sf_page *page, sf_error *err) {
    sf_status st = w->st;
    if (st == SF_OK) {
        flush(w);
        if ((st = w->st) == SF_OK) st = sf__buf_status(&w->text);
    }
    if (st == SF_OK) {
        if (w->truncated) page->truncated = true;
        const char *lang;
        bool has_list;
        page_language(w, &lang, &has_list);
        add_raw_masses(w, lang, has_list);
        clear_wrapper_hints(w);
        add_choice_masses(w);
        int32_t best = choose_article(w);
        st = keep_in_article(w, page, best, lang, has_list);
        if (st == SF_OK) {
            drop_captions(w, page);
            if (!page->all_text && best >= 0) keep_lead(w, lang, has_list);
            if (!page->all_text) fall_back_when_short(w, lang, has_list);
            st = write_kept(w, page);
        }
    }
    if (st != SF_OK) return sf__error_set(err, st, "out of memory extracting the main text");
    return SF_OK;
}

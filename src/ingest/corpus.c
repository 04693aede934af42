/* corpus.c - the article collection. Strings live in one arena owned by the
 * corpus; text is repaired to valid UTF-8 on the way in, so every later stage
 * may assume valid UTF-8 without NUL bytes. */
#include "../text/text.h"
#include "ingest.h"

#include <inttypes.h>
#include <stdio.h>

struct sf_corpus {
    SF_VEC(sf_article) articles;
    sf_arena strings;
    sf_buf scratch;
    size_t replaced;
    sf_map ids; /* hash of an id -> index + 1 of the first article with it */
    sf_map next; /* hash of a repeated id -> the suffix its next copy tries */
    size_t renamed; /* articles sf_corpus_add renamed */
};

sf_corpus *sf_corpus_create(void) {
    sf_corpus *c = sf__calloc(1, sizeof *c);
    if (!c) return NULL;
    sf__arena_init(&c->strings, 1 << 20);
    sf__buf_init(&c->scratch, 0);
    sf__map_init(&c->ids);
    sf__map_init(&c->next);
    return c;
}

void sf_corpus_destroy(sf_corpus *c) {
    if (!c) return;
    SF_VEC_FREE(&c->articles);
    sf__arena_release(&c->strings);
    sf__buf_release(&c->scratch);
    sf__map_release(&c->ids);
    sf__map_release(&c->next);
    sf__free(c);
}

/* Copy s[0..n) into the arena as clean UTF-8 (NUL bytes included). Clean
 * text, the usual case, is copied once, straight into the arena. */
static const char *keep(sf_corpus *c, sf_view s, size_t *len) {
    if (!s.p) s = SF_VIEW_LIT("");
    if (sf__utf8_valid(s.p, s.n)) {
        if (len) *len = s.n;
        return sf__arena_strndup(&c->strings, s.p, s.n);
    }
    sf__buf_reset(&c->scratch);
    if (sf__utf8_clean(s.p, s.n, &c->scratch, &c->replaced) != SF_OK) return NULL;
    const char *d = sf__arena_strndup(&c->strings, sf__buf_cstr(&c->scratch), c->scratch.n);
    if (len) *len = c->scratch.n;
    return d;
}

/* Append an article whose strings c holds, and index its id. */
static sf_status push_kept(sf_corpus *c, const sf_article *k, sf_error *err) {
    if (SF_VEC_PUSH(&c->articles, *k) != SF_OK)
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory storing article '%s'", k->id);
    uint64_t *slot = sf__map_slot(&c->ids, sf__hash64(k->id, strlen(k->id), 0));
    if (!slot) return sf__error_set(err, SF_ERR_NOMEM, "out of memory storing article '%s'", k->id);
    if (!*slot) *slot = c->articles.n;
    return SF_OK;
}

sf_status sf__corpus_add_rec(sf_corpus *c, const sf_rec *r, sf_error *err) {
    if (!c || !r) return sf__error_set(err, SF_ERR_ARG, "sf_corpus_add: NULL argument");
    sf_article k = {0};
    k.id = keep(c, r->id, NULL);
    k.title = keep(c, r->title, NULL);
    k.text = keep(c, r->text, &k.text_len);
    k.source = keep(c, r->source, NULL);
    k.url = keep(c, r->url, NULL);
    k.origin = keep(c, r->origin, NULL);
    k.published = r->published;
    k.author = keep(c, r->author, NULL);
    k.lang = keep(c, r->lang, NULL);
    k.modified = r->modified == 0 ? SF_TIME_UNKNOWN : r->modified;
    if (!k.id || !k.title || !k.text || !k.source || !k.url || !k.origin || !k.author ||
        !k.lang)
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory storing article '%.*s'",
                             (int)SF_MIN(r->id.n, 200), r->id.p ? r->id.p : "");
    return push_kept(c, &k, err);
}

sf_status sf__corpus_push(sf_corpus *c, const sf_article *a, sf_view id, sf_error *err) {
    sf_article k = *a;
    if (id.p != a->id && !(k.id = keep(c, id, NULL)))
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory storing article '%s'", a->id);
    return push_kept(c, &k, err);
}

void sf__corpus_forget(sf_corpus *c) {
    c->articles.n = 0;
    sf__map_release(&c->ids);
    sf__map_init(&c->ids);
    sf__map_release(&c->next);
    sf__map_init(&c->next);
}

void sf__corpus_adopt(sf_corpus *c, sf_corpus *from) {
    sf__arena_adopt(&c->strings, &from->strings);
    c->replaced += from->replaced;
    from->replaced = 0;
}

_Static_assert(SF_TIME_MIN == SF__TIME_MIN && SF_TIME_MAX == SF__TIME_MAX,
               "the public time range is the readers' range");

/* A time sf_corpus_add accepts: unknown, or within the readers' range. */
static bool time_ok(int64_t t) { return t == SF_TIME_UNKNOWN || sf__time_in_range(t); }

sf_status sf_corpus_add(sf_corpus *c, const sf_article *a, sf_error *err) {
    if (!c || !a) return sf__error_set(err, SF_ERR_ARG, "sf_corpus_add: NULL argument");
    const char *id = a->id ? a->id : "";
    /* the same range the readers keep (docs/input-limits.md); a time beyond
     * it is a caller's error (a sentinel, milliseconds), never clamped */
    if (!time_ok(a->published) || (a->modified != 0 && !time_ok(a->modified)))
        return sf__error_set(err, SF_ERR_ARG,
                             "sf_corpus_add: article '%.200s': %s time %" PRId64
                             " is outside %d-01-01..%d-12-31 (SF_TIME_MIN..SF_TIME_MAX)",
                             id, time_ok(a->published) ? "modified" : "published",
                             time_ok(a->published) ? a->modified : a->published, SF__YEAR_MIN,
                             SF__YEAR_MAX);
    sf_rec r = {sf__view_cstr(id),        sf__view_cstr(a->title), sf__view_cstr(a->text),
                sf__view_cstr(a->source), sf__view_cstr(a->url),   sf__view_cstr(a->origin),
                a->published, {NULL, 0}, {NULL, 0}, 0};
    r.author = sf__view_cstr(a->author);
    r.lang = sf__view_cstr(a->lang);
    r.modified = a->modified;
    /* an id already here is renamed "ID#2", "ID#3", ... as the readers do,
     * comparing ids as kept (repaired UTF-8) */
    sf_buf clean;
    sf__buf_init(&clean, 0);
    size_t replaced = 0;
    if (!sf__utf8_valid(r.id.p, r.id.n) && sf__utf8_clean(r.id.p, r.id.n, &clean, &replaced) == SF_OK) {
        r.id = sf__view(sf__buf_cstr(&clean), clean.n);
        c->replaced += replaced;
    }
    char buf[SF__ID_RENAME_MAX];
    if (sf__corpus_unique_id(c, &r.id, buf, sizeof buf)) c->renamed++;
    sf_status st = sf__corpus_add_rec(c, &r, err);
    sf__buf_release(&clean);
    return st;
}

/* Renaming keeps, per repeated id, the suffix to try next, so n copies of one
 * id cost n lookups in all (not n * n / 2). */
bool sf__corpus_unique_id(sf_corpus *c, sf_view *id, char *buf, size_t cap) {
    if (!buf || cap < 40 || !sf__corpus_find_id(c, *id)) return false;
    int idn = (int)SF_MIN(id->n, cap - 32);
    uint64_t h = sf__hash64(id->p ? id->p : "", (size_t)idn, 0x5f1d);
    uint64_t *slot = sf__map_slot(&c->next, h);
    uint64_t k = slot && *slot ? *slot : 2;
    for (;; k++) {
        snprintf(buf, cap, "%.*s#%" PRIu64, idn, id->p ? id->p : "", k);
        if (!sf__corpus_find_id(c, sf__view_cstr(buf))) break;
    }
    if (slot) *slot = k + 1;
    *id = sf__view_cstr(buf);
    return true;
}

size_t sf_corpus_renamed(const sf_corpus *c) { return c ? c->renamed : 0; }

const sf_article *sf__corpus_find_id(const sf_corpus *c, sf_view id) {
    const uint64_t *v = sf__map_find(&c->ids, sf__hash64(id.p ? id.p : "", id.n, 0));
    if (!v || !*v) return NULL;
    /* a 64-bit hash collision is told apart by the text */
    const sf_article *a = &c->articles.items[*v - 1];
    return sf__view_eq(sf__view_cstr(a->id), id) ? a : NULL;
}

size_t sf_corpus_count(const sf_corpus *c) { return c ? c->articles.n : 0; }

const sf_article *sf_corpus_get(const sf_corpus *c, size_t i) {
    return c && i < c->articles.n ? &c->articles.items[i] : NULL;
}

size_t sf_corpus_replaced(const sf_corpus *c) { return c ? c->replaced : 0; }

const char *sf__article_lang(const sf_article *a, const char *base, char out[SF__LANG_MAX]) {
    const char *d = a && a->lang ? a->lang : "";
    char code[SF__LANG_MAX];
    size_t k = 0;
    while (k < 4 && ((d[k] | 0x20) >= 'a' && (d[k] | 0x20) <= 'z')) k++;
    /* "de", "deu", "de-DE", "de_ch": a primary subtag of two or three letters */
    if (k >= 2 && k <= 3 && (d[k] == '\0' || d[k] == '-' || d[k] == '_')) {
        for (size_t i = 0; i < k; i++) code[i] = (char)(d[i] | 0x20);
        code[k] = '\0';
        /* the three-letter codes of the languages with their own rules */
        static const char *const THREE[][2] = {{"eng", "en"}, {"deu", "de"}, {"ger", "de"}, {"fra", "fr"},
                                               {"fre", "fr"}, {"spa", "es"}, {"por", "pt"}, {"pol", "pl"},
                                               {"ita", "it"}, {"nld", "nl"}, {"dut", "nl"}, {"ltz", "lb"}};
        for (size_t i = 0; k == 3 && i < SF_ARRAY_LEN(THREE); i++)
            if (strcmp(code, THREE[i][0]) == 0) snprintf(code, sizeof code, "%s", THREE[i][1]);
    } else {
        snprintf(code, sizeof code, "%s", base && base[0] ? base : "en");
    }
    /* a declared English, German, French or Spanish gives way to another of
     * the four only when the text clearly shows it: site templates write
     * lang="en" on pages in every language (a Spanish report declared "en"
     * is read as Spanish) */
    snprintf(out, SF__LANG_MAX, "%s", sf__lang_guess(a ? a->text : "", a ? a->text_len : 0, code));
    return out;
}

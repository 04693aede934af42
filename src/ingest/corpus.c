/* corpus.c - the article collection. Strings live in one arena owned by the
 * corpus; text is repaired to valid UTF-8 on the way in, so every later stage
 * may assume valid UTF-8 without NUL bytes. */
#include "../text/text.h"
#include "ingest.h"

struct sf_corpus {
    SF_VEC(sf_article) articles;
    sf_arena strings;
    sf_buf scratch;
    size_t replaced;
    sf_map ids; /* hash of an id -> index + 1 of the first article with it */
};

sf_corpus *sf_corpus_create(void) {
    sf_corpus *c = sf__calloc(1, sizeof *c);
    if (!c) return NULL;
    sf__arena_init(&c->strings, 1 << 20);
    sf__buf_init(&c->scratch, 0);
    sf__map_init(&c->ids);
    return c;
}

void sf_corpus_destroy(sf_corpus *c) {
    if (!c) return;
    SF_VEC_FREE(&c->articles);
    sf__arena_release(&c->strings);
    sf__buf_release(&c->scratch);
    sf__map_release(&c->ids);
    sf__free(c);
}

/* Copy s[0..n) into the arena as clean UTF-8 (NUL bytes included). */
static const char *keep(sf_corpus *c, sf_view s, size_t *len) {
    if (!s.p) s = SF_VIEW_LIT("");
    sf__buf_reset(&c->scratch);
    if (sf__utf8_clean(s.p, s.n, &c->scratch, &c->replaced) != SF_OK) return NULL;
    const char *d = sf__arena_strndup(&c->strings, sf__buf_cstr(&c->scratch), c->scratch.n);
    if (len) *len = c->scratch.n;
    return d;
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
    if (SF_VEC_PUSH(&c->articles, k) != SF_OK)
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory storing article '%s'", k.id);
    uint64_t *slot = sf__map_slot(&c->ids, sf__hash64(k.id, strlen(k.id), 0));
    if (!slot) return sf__error_set(err, SF_ERR_NOMEM, "out of memory storing article '%s'", k.id);
    if (!*slot) *slot = c->articles.n;
    return SF_OK;
}

sf_status sf_corpus_add(sf_corpus *c, const sf_article *a, sf_error *err) {
    if (!c || !a) return sf__error_set(err, SF_ERR_ARG, "sf_corpus_add: NULL argument");
    sf_rec r = {sf__view_cstr(a->id),     sf__view_cstr(a->title), sf__view_cstr(a->text),
                sf__view_cstr(a->source), sf__view_cstr(a->url),   sf__view_cstr(a->origin),
                a->published, {NULL, 0}, {NULL, 0}, 0};
    r.author = sf__view_cstr(a->author);
    r.lang = sf__view_cstr(a->lang);
    r.modified = a->modified;
    return sf__corpus_add_rec(c, &r, err);
}

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

/* corpus.c - the article collection. Strings live in one arena owned by the
 * corpus; text is repaired to valid UTF-8 on the way in, so every later stage
 * may assume valid UTF-8 without NUL bytes. */
#include "../text/text.h"

struct sf_corpus {
    SF_VEC(sf_article) articles;
    sf_arena strings;
    sf_buf scratch;
    size_t replaced;
};

sf_corpus *sf_corpus_create(void) {
    sf_corpus *c = sf__calloc(1, sizeof *c);
    if (!c) return NULL;
    sf__arena_init(&c->strings, 1 << 20);
    sf__buf_init(&c->scratch, 0);
    return c;
}

void sf_corpus_destroy(sf_corpus *c) {
    if (!c) return;
    SF_VEC_FREE(&c->articles);
    sf__arena_release(&c->strings);
    sf__buf_release(&c->scratch);
    sf__free(c);
}

/* Copy `s` into the arena as clean UTF-8. */
static const char *keep(sf_corpus *c, const char *s, size_t *len) {
    if (!s) s = "";
    size_t n = strlen(s);
    sf__buf_reset(&c->scratch);
    if (sf__utf8_clean(s, n, &c->scratch, &c->replaced) != SF_OK) return NULL;
    const char *d = sf__arena_strndup(&c->strings, sf__buf_cstr(&c->scratch), c->scratch.n);
    if (len) *len = c->scratch.n;
    return d;
}

sf_status sf_corpus_add(sf_corpus *c, const sf_article *a, sf_error *err) {
    if (!c || !a) return sf__error_set(err, SF_ERR_ARG, "sf_corpus_add: NULL argument");
    sf_article k = {0};
    k.id = keep(c, a->id, NULL);
    k.title = keep(c, a->title, NULL);
    k.text = keep(c, a->text, &k.text_len);
    k.source = keep(c, a->source, NULL);
    k.url = keep(c, a->url, NULL);
    k.origin = keep(c, a->origin, NULL);
    k.published = a->published;
    if (!k.id || !k.title || !k.text || !k.source || !k.url || !k.origin)
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory storing article '%s'",
                             a->id ? a->id : "");
    if (SF_VEC_PUSH(&c->articles, k) != SF_OK)
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory storing article '%s'", k.id);
    return SF_OK;
}

size_t sf_corpus_count(const sf_corpus *c) { return c ? c->articles.n : 0; }

const sf_article *sf_corpus_get(const sf_corpus *c, size_t i) {
    return c && i < c->articles.n ? &c->articles.items[i] : NULL;
}

size_t sf_corpus_replaced(const sf_corpus *c) { return c ? c->replaced : 0; }

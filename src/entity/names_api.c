/* names_api.c - the name mentions of one article through the public API
 * (sf_article_names): the doc is analysed, its mentions found and merged
 * into entities within the article, and each mention handed to the caller
 * in text order. */
#include "entity.h"

#include "../ingest/ingest.h" /* sf__article_lang */

/* Folded words the doc writes in lower case, keyed as sf__resolve_entities
 * expects (sf__hash64 of sf__fold, seed 0). */
static sf_status lower_words(const sf_doc *d, sf_map *out) {
    sf_buf fold;
    sf__buf_init(&fold, 0);
    sf_status st = SF_OK;
    for (size_t t = 0; t < d->toks.n && st == SF_OK; t++) {
        const sf_token *tk = &d->toks.items[t];
        if (tk->kind != SF_TOK_WORD || (tk->flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS))) continue;
        sf__buf_reset(&fold);
        st = sf__fold(d->text + tk->begin, tk->end - tk->begin, &fold);
        if (st == SF_OK && fold.n && !sf__map_slot(out, sf__hash64(fold.p, fold.n, 0))) st = SF_ERR_NOMEM;
    }
    sf__buf_release(&fold);
    return st;
}

static sf_status report(const sf_article *a, size_t article, const sf_mention *m, size_t n,
                        const sf_entity *ents, sf_name_mention_fn fn, void *user) {
    for (size_t i = 0; i < n; i++) {
        if (m[i].entity == SIZE_MAX) continue;
        const sf_entity *e = &ents[m[i].entity];
        sf_name_mention nm = {article, m[i].begin, m[i].end, a->text + m[i].begin,
                              e->type == SF_ENT_UNKNOWN ? "other" : sf__entity_type_name(e->type), e->name};
        SF_TRY(fn(user, &nm));
    }
    return SF_OK;
}

sf_status sf_article_names(const sf_corpus *c, size_t article, sf_name_mention_fn fn, void *user,
                           sf_error *err) {
    const sf_article *a = c ? sf_corpus_get(c, article) : NULL;
    if (!a || !fn) return sf__error_set(err, SF_ERR_ARG, "sf_article_names: no article %zu", article);
    sf_alias_table *table = NULL;
    sf_status st = sf__alias_table_create(&table, err);
    if (st == SF_OK) st = sf__alias_table_add_bundled(table, err);
    if (st != SF_OK) {
        sf__alias_table_destroy(table);
        return st;
    }
    sf_doc d;
    sf_mentionvec mv = {0};
    sf_map lower;
    sf__map_init(&lower);
    sf_entity *ents = NULL;
    size_t ne = 0;
    char al[SF__LANG_MAX];
    st = sf__doc_init(&d, article, a->text, a->text_len, sf__article_lang(a, NULL, al));
    if (st != SF_OK) {
        sf__alias_table_destroy(table);
        return sf__error_set(err, st, "%s: %s", a->id, sf_strerror(st));
    }
    st = sf__find_mentions(&d, &mv);
    if (st == SF_OK) st = lower_words(&d, &lower);
    if (st == SF_OK) st = sf__resolve_entities(&d, 1, mv.items, mv.n, table, &lower, &ents, &ne, err);
    if (st == SF_OK) st = report(a, article, mv.items, mv.n, ents, fn, user);
    else if (!err || err->status == SF_OK) sf__error_set(err, st, "%s: %s", a->id, sf_strerror(st));
    sf__entities_release(ents, ne);
    sf__map_release(&lower);
    SF_VEC_FREE(&mv);
    sf__doc_release(&d);
    sf__alias_table_destroy(table);
    return st;
}

/* quotes_api.c - sf_quotes_find: the quotes `run` gives for one text, for
 * evaluation and for callers that only want who said what. The text is run
 * as the story of one article, so names, aliases and speakers are resolved
 * exactly as in the pipeline. */
#include "facts.h"

void sf_quotes_free(sf_quote_found *q, size_t n) {
    if (!q) return;
    for (size_t i = 0; i < n; i++) sf__free(q[i].speaker_name);
    sf__free(q);
}

sf_status sf_quotes_find(const char *text, size_t n, const char *lang, sf_quote_found **out,
                         size_t *count, sf_error *err) {
    if (!out || !count || (n && !text)) return sf__error_set(err, SF_ERR_ARG, "sf_quotes_find: NULL argument");
    *out = NULL, *count = 0;
    sf_corpus *c = sf_corpus_create();
    if (!c) return sf__error_set(err, SF_ERR_NOMEM, "sf_quotes_find: out of memory");
    /* the corpus wants a NUL-terminated copy; it replaces bad bytes one for
     * one only when the text is valid, so offsets are checked below */
    char *copy = sf__strndup(text ? text : "", n);
    sf_article a = {.id = "text", .text = copy, .text_len = n, .published = SF_TIME_UNKNOWN};
    sf_status st = copy ? sf_corpus_add(c, &a, err) : SF_ERR_NOMEM;
    sf__free(copy);
    sf_story_facts f = {0};
    size_t zero = 0;
    sf_facts_options o = {.lang = lang};
    if (st == SF_OK) st = sf__story_facts(c, &zero, 1, NULL, &o, &f, err);
    const sf_article *got = st == SF_OK ? sf_corpus_get(c, 0) : NULL;
    if (st == SF_OK && got->text_len != n)
        st = sf__error_set(err, SF_ERR_ENCODING, "sf_quotes_find: the text is not valid UTF-8");
    sf_quote_found *q = st == SF_OK ? sf__calloc(f.nquotes ? f.nquotes : 1, sizeof *q) : NULL;
    if (st == SF_OK && !q) st = sf__error_set(err, SF_ERR_NOMEM, "sf_quotes_find: out of memory");
    for (size_t i = 0; i < f.nquotes && st == SF_OK; i++) {
        const sf_quote *x = &f.quotes[i];
        q[i].text = x->span;
        q[i].speaker = x->speaker_span;
        q[i].direct = x->direct;
        if (x->speaker && !(q[i].speaker_name = sf__strndup(x->speaker, strlen(x->speaker))))
            st = sf__error_set(err, SF_ERR_NOMEM, "sf_quotes_find: out of memory");
        *count = i + 1;
    }
    if (st == SF_OK) *out = q;
    else sf_quotes_free(q, *count), *count = 0;
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    return st;
}

/* doc.c - one article analysed once for the entity and fact finders: its
 * tokens (text core), its sentences, and which tokens each sentence holds. */
#include "entity.h"

sf_status sf__doc_init(sf_doc *d, size_t article, const char *text, size_t n, const char *lang) {
    memset(d, 0, sizeof(*d));
    d->article = article;
    d->text = text;
    /* the primary subtag, lower case: "de" for "de-DE" */
    if (!lang || !lang[0]) lang = "en";
    size_t k = 0;
    for (; lang[k] && lang[k] != '-' && lang[k] != '_' && k + 1 < sizeof d->lang; k++)
        d->lang[k] = (char)((lang[k] >= 'A' && lang[k] <= 'Z') ? lang[k] | 0x20 : lang[k]);
    d->lang[k] = '\0';
    n = sf__analyzed_length(text, n); /* a huge article: its first 4 MiB */
    d->n = n;
    sf_status st = sf__tokenize(text, n, &d->toks);
    if (st == SF_OK) st = sf__sentences(text, n, d->lang, &d->sents);
    if (st == SF_OK) {
        d->sent_tok = sf__calloc(d->sents.n + 1, sizeof(size_t));
        if (!d->sent_tok) st = SF_ERR_NOMEM;
    }
    if (st != SF_OK) {
        sf__doc_release(d);
        return st;
    }
    /* Tokens between sentences (trimmed white space never holds tokens, but
     * a token may straddle a boundary) go to the sentence they start in. */
    size_t t = 0;
    for (size_t s = 0; s < d->sents.n; s++) {
        while (t < d->toks.n && d->toks.items[t].begin < d->sents.items[s].begin) t++;
        d->sent_tok[s] = t;
    }
    d->sent_tok[d->sents.n] = d->toks.n;
    /* sentence s covers tokens [sent_tok[s], sent_tok[s+1]) */
    return SF_OK;
}

void sf__doc_release(sf_doc *d) {
    SF_VEC_FREE(&d->toks);
    SF_VEC_FREE(&d->sents);
    sf__free(d->sent_tok);
    d->sent_tok = NULL;
}

bool sf__tok_is(const sf_doc *d, size_t i, const char *word) {
    if (i >= d->toks.n) return false;
    const sf_token *t = &d->toks.items[i];
    size_t k = strlen(word);
    if (t->end - t->begin != k) return false;
    for (size_t j = 0; j < k; j++) {
        char c = d->text[t->begin + j];
        if (c >= 'A' && c <= 'Z') c = (char)(c | 0x20);
        if (c != word[j]) return false;
    }
    return true;
}

bool sf__tok_in(const sf_doc *d, size_t i, const char *const *words) {
    for (; *words; words++)
        if (sf__tok_is(d, i, *words)) return true;
    return false;
}

size_t sf__doc_sentence_of(const sf_doc *d, size_t at) {
    size_t lo = 0, hi = d->sents.n;
    while (lo < hi) { /* first sentence beginning after `at` */
        size_t mid = (lo + hi) / 2;
        if (d->sents.items[mid].begin <= at) lo = mid + 1;
        else hi = mid;
    }
    return lo ? lo - 1 : 0;
}

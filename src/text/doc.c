/* doc.c - one article analysed once for every later stage: its tokens (text
 * core), its sentences and which tokens each holds, and, built with an
 * analyzer, each token's matching terms, case fold and stopword flag. The
 * stages (clustering, summaries, entities, facts, quotes) read it and do
 * not tokenize, split or stem the article again. */
#include "text.h"

void sf__lang_primary(const char *lang, char out[8]) {
    if (!lang || !lang[0]) lang = "en";
    size_t k = 0;
    for (; lang[k] && lang[k] != '-' && lang[k] != '_' && k + 1 < 8; k++)
        out[k] = (char)((lang[k] >= 'A' && lang[k] <= 'Z') ? lang[k] | 0x20 : lang[k]);
    out[k] = '\0';
}

sf_status sf__doc_init(sf_doc *d, size_t article, const char *text, size_t n, const char *lang) {
    memset(d, 0, sizeof(*d));
    d->article = article;
    d->text = text;
    d->text_len = n;
    sf__lang_primary(lang, d->lang);
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

typedef struct term_sink {
    sf_doc *d;
    size_t last; /* token of the last term + 1 */
} term_sink;

static sf_status on_term(void *user, const char *term, size_t len, const sf_token *tok) {
    term_sink *k = user;
    sf_doc *d = k->d;
    size_t t = (size_t)(tok - d->toks.items);
    /* terms come in token order: tokens without one start where the next begins */
    for (; k->last <= t; k->last++) d->tok_term[k->last] = (uint32_t)d->term.n;
    if (d->terms.n > UINT32_MAX - len) return SF_ERR_TOO_LARGE;
    SF_TRY(SF_VEC_PUSH(&d->term, ((sf_doc_term){(uint32_t)d->terms.n, (uint32_t)len})));
    return sf__buf_add(&d->terms, term, len);
}

/* Each token's fold hash and stopword flag (the unstemmed words of summary
 * concepts) and its terms; a word is folded once for both. */
static sf_status analyze_doc(sf_doc *d, sf_analyzer *an) {
    size_t nt = d->toks.n;
    d->tok_term = sf__malloc((nt + 1) * sizeof *d->tok_term);
    d->fold = sf__calloc(nt + 1, sizeof *d->fold);
    d->stop = sf__calloc(nt + 1, 1);
    if (!d->tok_term || !d->fold || !d->stop) return SF_ERR_NOMEM;
    sf_buf fold;
    sf__buf_init(&fold, 0);
    sf_status st = SF_OK;
    term_sink k = {d, 0};
    for (size_t i = 0; i < nt && st == SF_OK; i++) {
        const sf_token *t = &d->toks.items[i];
        if (t->kind == SF_TOK_PUNCT) continue;
        sf__buf_reset(&fold);
        st = sf__fold(d->text + t->begin, t->end - t->begin, &fold);
        if (st != SF_OK) break;
        d->stop[i] = t->kind == SF_TOK_WORD && sf__is_stopword(d->lang, fold.p, fold.n);
        d->fold[i] = sf__hash64(fold.p, fold.n, 0);
        st = t->kind == SF_TOK_WORD ? sf__analyze_folded(an, fold.p, fold.n, t, on_term, &k)
                                    : sf__analyze_tokens(an, d->text, t, 1, on_term, &k);
    }
    sf__buf_release(&fold);
    for (; st == SF_OK && k.last <= nt; k.last++) d->tok_term[k.last] = (uint32_t)d->term.n;
    if (st == SF_OK) st = sf__buf_status(&d->terms);
    return st;
}

/* Give back the unused tail of a grown array (a run keeps every article's
 * doc until its story is done: the doubling slack would be a third of it). */
static void fit(void **items, size_t *cap, size_t n, size_t elem) {
    if (*cap <= n || n == 0) return;
    void *p = sf__realloc(*items, n * elem);
    if (!p) return; /* the larger block still serves */
    *items = p;
    *cap = n;
}

sf_status sf__doc_build(sf_doc *d, size_t article, const char *text, size_t n, const char *lang,
                        sf_analyzer *an) {
    SF_TRY(sf__doc_init(d, article, text, n, lang));
    sf_status st = strcmp(sf__analyzer_lang(an), d->lang) == 0 ? SF_OK : SF_ERR_ARG;
    sf__buf_init(&d->terms, 0);
    if (st == SF_OK) st = analyze_doc(d, an);
    if (st != SF_OK) {
        sf__doc_release(d);
        return st;
    }
    fit((void **)&d->toks.items, &d->toks.cap, d->toks.n, sizeof *d->toks.items);
    fit((void **)&d->sents.items, &d->sents.cap, d->sents.n, sizeof *d->sents.items);
    fit((void **)&d->term.items, &d->term.cap, d->term.n, sizeof *d->term.items);
    fit((void **)&d->terms.p, &d->terms.cap, d->terms.n + 1, 1);
    d->analyzed = true;
    return SF_OK;
}

void sf__doc_release(sf_doc *d) {
    SF_VEC_FREE(&d->toks);
    SF_VEC_FREE(&d->sents);
    SF_VEC_FREE(&d->term);
    sf__buf_release(&d->terms);
    sf__free(d->sent_tok);
    sf__free(d->tok_term);
    sf__free(d->fold);
    sf__free(d->stop);
    d->sent_tok = NULL;
    d->tok_term = NULL;
    d->fold = NULL;
    d->stop = NULL;
    d->analyzed = false;
}

static bool ascii_space(char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

bool sf__doc_tokens_of(const sf_doc *d, size_t b, size_t e, size_t *t0, size_t *t1) {
    if (b > e || e > d->n) return false;
    if ((b > 0 && !ascii_space(d->text[b - 1])) || (e < d->n && !ascii_space(d->text[e])))
        return false;
    size_t lo = 0, hi = d->toks.n;
    while (lo < hi) { /* first token beginning at or after b */
        size_t mid = (lo + hi) / 2;
        if (d->toks.items[mid].begin < b) lo = mid + 1;
        else hi = mid;
    }
    size_t k = lo;
    while (k < d->toks.n && d->toks.items[k].begin < e) k++;
    *t0 = lo;
    *t1 = k;
    return true;
}

bool sf__tok_is(const sf_doc *d, size_t i, const char *word) {
    if (i >= d->toks.n) return false;
    const sf_token *t = &d->toks.items[i];
    size_t k = t->end - t->begin;
    /* no strlen of the word: most calls differ at the first byte, and the
     * word lists are read once per token (the facts' cue look-ups made
     * strlen a tenth of `storyfold run`) */
    for (size_t j = 0; j < k; j++) {
        char c = d->text[t->begin + j];
        if (c >= 'A' && c <= 'Z') c = (char)(c | 0x20);
        if (c != word[j]) return false; /* also when word ends first */
    }
    return word[k] == '\0';
}

bool sf__tok_in(const sf_doc *d, size_t i, const char *const *words) {
    for (; *words; words++)
        if (sf__tok_is(d, i, *words)) return true;
    return false;
}

int sf__tok_dash(const sf_doc *d, size_t i) {
    if (i >= d->toks.n || d->toks.items[i].kind != SF_TOK_PUNCT) return 0;
    const sf_token *t = &d->toks.items[i];
    const char *p = d->text + t->begin;
    size_t n = t->end - t->begin;
    if (n == 1 && p[0] == '-') return 1;
    if (n == 3 && !memcmp(p, "\xE2\x80\x93", 3)) return 2;
    if (n == 3 && !memcmp(p, "\xE2\x80\x94", 3)) return 3;
    return n >= 2 && p[0] == '-' && p[1] == '-' ? 3 : 0;
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

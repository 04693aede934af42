/* docs.c - every article of a run analysed once (sf_doc, text.h), on
 * threads, before the stages that read it: clustering, summaries, facts.
 * Each thread keeps its own analyzers (they hold ICU objects and a Snowball
 * stemmer, which are not to be shared between threads). */
#include "pipeline.h"

#include "../ingest/ingest.h"

#define DOC_LANGS 8   /* analyzers a thread keeps, one per language met */
#define DOC_GRAIN 4   /* articles taken at a time (about a millisecond each) */

typedef struct doc_job {
    const sf_corpus *c;
    const char *lang;
    const size_t *dup_of;
    sf_doc *docs;
} doc_job;

typedef struct doc_worker {
    sf_analyzer *an[DOC_LANGS];
} doc_worker;

static sf_analyzer *analyzer_for(doc_worker *w, const char *lang) {
    size_t k = 0;
    for (; k < DOC_LANGS && w->an[k]; k++)
        if (strcmp(sf__analyzer_lang(w->an[k]), lang) == 0) return w->an[k];
    if (k == DOC_LANGS) { /* many languages: the oldest analyzer goes */
        sf__analyzer_destroy(w->an[0]);
        memmove(w->an, w->an + 1, (DOC_LANGS - 1) * sizeof *w->an);
        k = DOC_LANGS - 1;
    }
    w->an[k] = sf__analyzer_create(lang);
    return w->an[k];
}

/* Article i's doc in its own language (the facts' and entities' rule,
 * sf__article_lang); the analyzer is of the same language. A copy is read
 * only by the facts (tokens and sentences): it gets no terms. */
static sf_status build_one(doc_worker *w, const sf_corpus *c, const char *lang, bool copy,
                           size_t i, sf_doc *d) {
    const sf_article *a = sf_corpus_get(c, i);
    char al[SF__LANG_MAX], primary[8];
    sf__article_lang(a, lang, al);
    if (copy) return sf__doc_init(d, i, a->text, a->text_len, al);
    sf__lang_primary(al, primary);
    sf_analyzer *an = analyzer_for(w, primary);
    if (!an) return SF_ERR_NOMEM;
    return sf__doc_build(d, i, a->text, a->text_len, al, an);
}

static void *worker_init(void *user) {
    (void)user;
    return sf__calloc(1, sizeof(doc_worker));
}

static sf_status build_item(void *user, void *state, size_t k) {
    const doc_job *j = user;
    bool copy = j->dup_of && j->dup_of[k] != SIZE_MAX;
    return build_one(state, j->c, j->lang, copy, k, &j->docs[k]);
}

static void worker_fini(void *user, void *state) {
    (void)user;
    doc_worker *w = state;
    for (size_t k = 0; w && k < DOC_LANGS; k++) sf__analyzer_destroy(w->an[k]);
    sf__free(w);
}

sf_status sf__docs_build(const sf_corpus *c, const char *lang, const size_t *dup_of,
                         unsigned threads, sf_doc *docs, size_t *failed) {
    doc_job j = {.c = c, .lang = lang, .dup_of = dup_of, .docs = docs};
    sf_pool_job job = {&j, worker_init, build_item, worker_fini};
    return sf__pool_run(&job, sf_corpus_count(c), DOC_GRAIN, threads, NULL, failed);
}

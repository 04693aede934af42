/* docs.c - every article of a run analysed once (sf_doc, text.h), on
 * threads, before the stages that read it: clustering, summaries, facts.
 * Each thread keeps its own analyzers (they hold ICU objects and a Snowball
 * stemmer, which are not to be shared between threads). */
#include "pipeline.h"

#include "../ingest/ingest.h"

#include <pthread.h>

#define DOC_LANGS 8   /* analyzers a thread keeps, one per language met */
#define DOC_GRAIN 4   /* articles taken at a time (about a millisecond each) */

typedef struct doc_pool {
    const sf_corpus *c;
    const char *lang;
    const size_t *dup_of;
    sf_doc *docs;
    size_t n;
    pthread_mutex_t lock;
    size_t next;   /* next article not yet taken */
    size_t failed; /* first failing article, or SIZE_MAX */
    sf_status st;
} doc_pool;

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

static void build_items(doc_pool *p, doc_worker *w) {
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t k = p->failed == SIZE_MAX ? p->next : p->n;
        size_t end = k + DOC_GRAIN < p->n ? k + DOC_GRAIN : p->n;
        if (k < p->n) p->next = end;
        pthread_mutex_unlock(&p->lock);
        if (k >= p->n) return;
        for (; k < end; k++) {
            bool copy = p->dup_of && p->dup_of[k] != SIZE_MAX;
            sf_status st = build_one(w, p->c, p->lang, copy, k, &p->docs[k]);
            if (st == SF_OK) continue;
            /* every article before k was taken earlier and is finished by
             * its thread: the smallest failure is the first in order */
            pthread_mutex_lock(&p->lock);
            if (k < p->failed) {
                p->failed = k;
                p->st = st;
            }
            pthread_mutex_unlock(&p->lock);
            return;
        }
    }
}

static void *build_worker(void *arg) {
    doc_worker w = {{0}};
    build_items(arg, &w);
    for (size_t k = 0; k < DOC_LANGS; k++) sf__analyzer_destroy(w.an[k]);
    return NULL;
}

sf_status sf__docs_build(const sf_corpus *c, const char *lang, const size_t *dup_of,
                         unsigned threads, sf_doc *docs, size_t *failed) {
    doc_pool p = {.c = c, .lang = lang, .dup_of = dup_of, .docs = docs, .n = sf_corpus_count(c),
                  .failed = SIZE_MAX, .st = SF_OK};
    size_t nt = threads ? threads : 1;
    if (nt > p.n / DOC_GRAIN) nt = p.n / DOC_GRAIN;
    if (nt < 1) nt = 1;
    pthread_mutex_init(&p.lock, NULL);
    pthread_t *t = nt > 1 ? sf__calloc(nt, sizeof *t) : NULL;
    size_t started = 0;
    if (t)
        for (; started + 1 < nt; started++)
            if (pthread_create(&t[started], NULL, build_worker, &p) != 0) break;
    build_worker(&p); /* this thread works too */
    for (size_t i = 0; i < started; i++) pthread_join(t[i], NULL);
    sf__free(t);
    pthread_mutex_destroy(&p.lock);
    if (failed) *failed = p.failed;
    return p.st;
}

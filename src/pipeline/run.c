/* run.c - the whole pipeline over a corpus: near-duplicates, then stories,
 * then one summary per story. Each stage lives in its own module; this file
 * only sequences them and owns the result. */
#include "pipeline.h"

#include "../cluster/cluster.h"
#include "../dedup/dedup.h"

#include <pthread.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

static char *fold_ws(const char *p, size_t n) {
    sf_buf b;
    sf__buf_init(&b, 0);
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = b.n > 0;
            continue;
        }
        if (space) sf__buf_addc(&b, ' ');
        space = false;
        sf__buf_addc(&b, ch);
    }
    return sf__buf_detach(&b, NULL);
}

typedef struct story_key {
    size_t story, size;
    int64_t first;
    size_t first_article;
} story_key;

static int cmp_story_key(const void *a, const void *b) {
    const story_key *x = a, *y = b;
    if (x->size != y->size) return x->size > y->size ? -1 : 1;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return x->first_article < y->first_article ? -1 : x->first_article > y->first_article;
}


/* Publication order inside a story, unknown times last, then corpus order. */
static int cmp_pub(const sf_corpus *c, size_t a, size_t b) {
    int64_t ta = sf_corpus_get(c, a)->published, tb = sf_corpus_get(c, b)->published;
    if (ta == SF_TIME_UNKNOWN) ta = INT64_MAX;
    if (tb == SF_TIME_UNKNOWN) tb = INT64_MAX;
    if (ta != tb) return ta < tb ? -1 : 1;
    int d = sf__cmp_natural(sf_corpus_get(c, a)->id, sf_corpus_get(c, b)->id); /* D2 before D10 */
    if (d) return d;
    return a < b ? -1 : a > b;
}

static void sort_by_pub(const sf_corpus *c, size_t *v, size_t n) {
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && cmp_pub(c, v[k], v[k - 1]) < 0; k--) {
            size_t t = v[k];
            v[k] = v[k - 1];
            v[k - 1] = t;
        }
}

/* What a story needs beside itself: read-only while the workers run. */
typedef struct story_ctx {
    const sf_corpus *c;
    sf_result *r;
    const sf_run_options *opt;
    const sf_summarize_options *sopt;
    const sf_alias_table *aliases;
    sf_doc *docs; /* per article (sf__docs_build); a story releases its own */
    struct lines_job *lines; /* storylines found beside the stories' work, or NULL */
} story_ctx;

/* The storylines (links between stories) are found on a thread of their own
 * while the stories' work runs: neither reads what the other writes, and the
 * storylines' serial steps (names counted in article order, links) then
 * take no core from the stories. Both read the articles' docs; a story
 * whose work ends before the storylines are found leaves its docs for the
 * storylines' thread to release when it is done. */
typedef struct lines_job {
    const sf_corpus *c;
    sf_result *r;
    sf_doc *docs;
    pthread_t thread;
    pthread_mutex_t lock;
    bool done;      /* the storylines no longer read the docs */
    size_t *left;   /* stories whose docs wait for that */
    size_t nleft;
    sf_status st;
    sf_error err;
} lines_job;

static void release_story_docs(sf_doc *docs, const sf_story *story) {
    for (size_t k = 0; docs && k < story->n; k++) sf__doc_release(&docs[story->articles[k]]);
}

static void *lines_main(void *arg) {
    lines_job *j = arg;
    sf_result *r = j->r;
    /* one thread: the stories' work has the others */
    j->st = sf__storylines_compute_docs(j->c, r->story_of, r->nstories, r->dup_of, j->docs, 1, &r->lines,
                                        &j->err);
    pthread_mutex_lock(&j->lock);
    j->done = true;
    pthread_mutex_unlock(&j->lock);
    for (size_t i = 0; i < j->nleft; i++) release_story_docs(j->docs, &r->stories[j->left[i]]);
    return NULL;
}

/* Story s's work is done: its articles are in no other story, so their docs
 * are released now, or by the storylines' thread once it no longer reads
 * them. */
static void story_docs_done(const story_ctx *x, size_t s) {
    lines_job *j = x->lines;
    if (j) {
        pthread_mutex_lock(&j->lock);
        bool wait = !j->done;
        if (wait) j->left[j->nleft++] = s;
        pthread_mutex_unlock(&j->lock);
        if (wait) return;
    }
    release_story_docs(x->docs, &x->r->stories[s]);
}

/* The opening of the first original report with text that reads to a
 * headline (at most HEAD_BYTES, cut at a space or a character boundary,
 * through sf__headline_from_sentence) into story->headline; left empty
 * only when every report's text is blank. */
#define HEAD_BYTES 300
static sf_status headline_from_text(const sf_corpus *c, sf_story *story, const size_t *dup_of, sf_error *err) {
    for (size_t k = 0; k < story->n; k++) {
        if (dup_of[story->articles[k]] != SIZE_MAX) continue;
        const sf_article *a = sf_corpus_get(c, story->articles[k]);
        size_t n = SF_MIN(a->text_len, (size_t)HEAD_BYTES);
        if (n < a->text_len) {
            size_t sp = n;
            while (sp > 0 && a->text[sp] != ' ' && a->text[sp] != '\n') sp--;
            if (sp > 0) n = sp;
            else /* no space: do not cut a UTF-8 sequence */
                while (n > 0 && ((unsigned char)a->text[n] & 0xC0) == 0x80) n--;
        }
        sf_buf hb;
        sf__buf_init(&hb, 0);
        sf_status st = sf__headline_from_sentence(a->text, n, &hb);
        size_t made = st == SF_OK ? hb.n : 0;
        char *h = made ? fold_ws(hb.p, hb.n) : NULL;
        sf__buf_release(&hb);
        if (st != SF_OK) return sf__error_set(err, st, "headline: %s", sf_strerror(st));
        if (!made) continue;
        if (!h) return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        sf__free(story->headline);
        story->headline = h;
        return SF_OK;
    }
    return SF_OK;
}

/* One story's own work: its articles in time order, headline, summary,
 * facts and the summary's texts. It writes only to r->stories[s], so
 * stories can be done on several threads at once. */
static sf_status story_work(const story_ctx *x, size_t s, sf_error *err) {
    const sf_corpus *c = x->c;
    sf_result *r = x->r;
    sf_story *story = &r->stories[s];
    sf_status st = SF_OK;
    sort_by_pub(c, story->articles, story->n);
    /* Headline: the title of the earliest original article that has one. */
    const char *title = "";
    for (size_t k = 0; k < story->n && !title[0]; k++)
        if (r->dup_of[story->articles[k]] == SIZE_MAX) title = sf_corpus_get(c, story->articles[k])->title;
    story->headline = fold_ws(title, strlen(title));
    if (!story->headline) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    if (st == SF_OK) st = sf__summarize(c, story->articles, story->n, r->dup_of, x->sopt, &story->summary, err);
    if (st == SF_OK && !x->opt->no_facts) {
        sf_facts_options fo = {.lang = x->opt->lang, .aliases = x->aliases, .docs = x->docs};
        st = sf__story_facts(c, story->articles, story->n, r->dup_of, &fo, &story->facts, err);
    }
    story_docs_done(x, s);
    if (st == SF_OK && story->summary.n) {
        story->texts = sf__calloc(story->summary.n, sizeof *story->texts);
        if (!story->texts) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    }
    for (size_t k = 0; st == SF_OK && k < story->summary.n; k++) {
        const sf_summary_sentence *ss = &story->summary.sentences[k];
        const sf_article *a = sf_corpus_get(c, ss->article);
        story->texts[k] = ss->text ? fold_ws(ss->text, strlen(ss->text))
                                   : fold_ws(a->text + ss->span.begin, ss->span.end - ss->span.begin);
        if (!story->texts[k]) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        /* with the facts (run, JSON): "on Monday" -> "on Monday (Oct 9)",
         * by the date of the report the sentence comes from. The plain
         * summary (the extract, cut at a word count) stays as written. */
        if (st == SF_OK && !x->opt->no_facts && a->published != SF_TIME_UNKNOWN) {
            sf_buf ab;
            sf__buf_init(&ab, 0);
            size_t na = 0;
            st = sf__anchor_days(story->texts[k], strlen(story->texts[k]), a->published,
                                 x->opt->lang ? x->opt->lang : "en", &ab, &na);
            char *t = st == SF_OK && na ? sf__strndup(ab.p, ab.n) : NULL;
            sf__buf_release(&ab);
            if (st != SF_OK) st = sf__error_set(err, st, "anchoring days in a summary: %s", sf_strerror(st));
            else if (na && !t) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
            else if (t) sf__free(story->texts[k]), story->texts[k] = t;
        }
    }
    /* no source headline: one made from the summary's lead */
    if (st == SF_OK && !story->headline[0] && story->summary.n) {
        sf_buf hb;
        sf__buf_init(&hb, 0);
        st = sf__headline_from_sentence(story->texts[0], strlen(story->texts[0]), &hb);
        char *h = st == SF_OK ? sf__strndup(hb.p ? hb.p : "", hb.n) : NULL;
        sf__buf_release(&hb);
        if (!h) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        else sf__free(story->headline), story->headline = h;
    }
    /* no title and no sentence the summary could use (a page in a script
     * the cleaning does not read, a text of page furniture alone): the
     * opening words of the earliest report, as a story is never printed
     * without a headline */
    if (st == SF_OK && !story->headline[0]) st = headline_from_text(c, story, r->dup_of, err);
    return st;
}

/* The stories' work on `threads` threads: each takes the next story not yet
 * taken. Every story's result lands in its own slot, so the output does not
 * depend on the number of threads. The first failure stops the others
 * (they finish the story in hand) and is the one reported. */
typedef struct story_pool {
    const story_ctx *x;
    const size_t *order; /* the stories, largest first */
    size_t next, done;
    sf_status st;
    sf_error err;
    pthread_mutex_t lock;
} story_pool;

static void *story_worker(void *arg) {
    story_pool *p = arg;
    const story_ctx *x = p->x;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t k = p->st == SF_OK ? p->next++ : SIZE_MAX;
        pthread_mutex_unlock(&p->lock);
        if (k >= x->r->nstories) break;
        size_t s = p->order ? p->order[k] : k;
        sf_error err = {0};
        sf_status st = story_work(x, s, &err);
        pthread_mutex_lock(&p->lock);
        if (st != SF_OK && p->st == SF_OK) {
            p->st = st;
            p->err = err;
        }
        p->done++;
        /* progress is called under the lock: one call at a time, counts rising */
        if (x->opt->progress) x->opt->progress(x->opt->progress_user, "summaries", p->done, x->r->nstories);
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
}

/* A story and its size, to order the work: more articles first, equal
 * sizes in story order. */
typedef struct story_size {
    size_t n, s;
} story_size;

static int by_size_desc(const void *a, const void *b) {
    const story_size *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return x->s < y->s ? -1 : x->s > y->s;
}

static sf_status run_stories(const story_ctx *x, sf_error *err) {
    size_t nt = x->opt->threads ? x->opt->threads : sf__default_threads();
    if (nt > x->r->nstories) nt = x->r->nstories;
    if (nt <= 1) {
        for (size_t s = 0; s < x->r->nstories; s++) {
            if (x->opt->progress) x->opt->progress(x->opt->progress_user, "summaries", s, x->r->nstories);
            SF_TRY(story_work(x, s, err));
        }
        return SF_OK;
    }
    /* Largest stories first, so that no thread starts a large one when the
     * others are nearly done (the work of a story grows with its articles);
     * each story's result has its own slot, so the order of work changes no
     * output. Without memory for the order: story order. */
    size_t ns = x->r->nstories;
    size_t *order = sf__malloc(ns * sizeof *order);
    story_size *sz = sf__malloc(ns * sizeof *sz);
    if (order && sz) {
        for (size_t s = 0; s < ns; s++) sz[s] = (story_size){x->r->stories[s].n, s};
        qsort(sz, ns, sizeof *sz, by_size_desc);
        for (size_t s = 0; s < ns; s++) order[s] = sz[s].s;
    } else {
        sf__free(order);
        order = NULL;
    }
    sf__free(sz);
    story_pool p = {.x = x, .order = order, .st = SF_OK};
    pthread_mutex_init(&p.lock, NULL);
    pthread_t *t = sf__calloc(nt, sizeof *t);
    size_t started = 0;
    if (t)
        for (; started + 1 < nt; started++)
            if (pthread_create(&t[started], NULL, story_worker, &p) != 0) break;
    /* this thread works too, so a failed pthread_create only costs speed */
    story_worker(&p);
    for (size_t i = 0; i < started; i++) pthread_join(t[i], NULL);
    sf__free(t);
    sf__free(order);
    pthread_mutex_destroy(&p.lock);
    if (p.st != SF_OK && err) *err = p.err;
    return p.st;
}

/* A run holds every article's doc (text.h) from the clustering to its
 * story's summary and facts: several times the bytes of the text (DUC
 * 2006+2007: 15.6 MB of input files, 108 MB more at the peak). Past this much text
 * the docs are not kept and every stage analyses the articles itself. */
#define RUN_DOCS_TEXT_MAX ((size_t)64 << 20)

/* The pipeline; with one_story set, every article is taken as one story
 * (`storyfold summarize`) and clustering is skipped. */
static sf_status name_links(sf_result *r, sf_error *err);

static sf_status run(const sf_corpus *c, const sf_run_options *o, bool one_story,
                     sf_result **out, sf_error *err) {
    if (!c || !out) return sf__error_set(err, SF_ERR_ARG, "sf_run: NULL argument");
    *out = NULL;
    sf_run_options opt = o ? *o : (sf_run_options){0};
    sf_result *r = sf__calloc(1, sizeof *r);
    if (!r) return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    r->corpus = c;
    snprintf(r->lang, sizeof r->lang, "%s", opt.lang ? opt.lang : "en");
    size_t n = r->narticles = sf_corpus_count(c);
    r->dup_of = sf__malloc((n ? n : 1) * sizeof *r->dup_of);
    r->dup_sim = sf__calloc(n ? n : 1, sizeof *r->dup_sim);
    r->story_of = sf__malloc((n ? n : 1) * sizeof *r->story_of);
    if (!r->dup_of || !r->dup_sim || !r->story_of) {
        sf_result_destroy(r);
        return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) r->dup_of[i] = SIZE_MAX;

    sf_status st = SF_OK;
    /* aliases: loaded once per run (bundled list + the user's file) */
    sf_alias_table *aliases = NULL;
    st = sf__alias_table_open(opt.aliases_path, &aliases, err);
    sf_dedup_options dopt = {0}; /* zero fields take the defaults */
    if (opt.dup_threshold > 0) dopt.threshold = opt.dup_threshold;
    /* threads for the articles' fingerprints and analysis (stories: run_stories) */
    unsigned nt = opt.threads ? opt.threads : sf__default_threads();
    dopt.threads = nt;
    r->threads = nt;
    if (opt.progress) opt.progress(opt.progress_user, "copies", 0, n);
    if (st == SF_OK && n) st = sf__dedup_corpus(c, &dopt, r->dup_of, r->dup_sim, err);
    if (st == SF_OK && opt.progress) opt.progress(opt.progress_user, "copies", n, n);

    /* every article analysed once, read by the stages below; a corpus too
     * large to hold all its docs is analysed by each stage on its own */
    size_t text_bytes = 0;
    for (size_t i = 0; i < n; i++) text_bytes += sf_corpus_get(c, i)->text_len;
    bool keep_docs = text_bytes <= RUN_DOCS_TEXT_MAX;
    sf_doc *docs = st == SF_OK && keep_docs ? sf__calloc(n ? n : 1, sizeof *docs) : NULL;
    if (st == SF_OK && keep_docs && !docs) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    if (st == SF_OK && docs && n) {
        size_t bad = 0;
        sf_status s2 = sf__docs_build(c, opt.lang ? opt.lang : "en", r->dup_of, nt, docs, &bad);
        if (s2 != SF_OK)
            st = sf__error_set(err, s2, "analysing article '%s': %s", sf_corpus_get(c, bad)->id,
                               sf_strerror(s2));
    }

    size_t nstories = 0;
    if (st == SF_OK && n && one_story) {
        for (size_t i = 0; i < n; i++) r->story_of[i] = 0;
        nstories = 1;
    } else if (st == SF_OK && n) {
        if (opt.progress) opt.progress(opt.progress_user, "stories", 0, n);
        sf_cluster_options copt;
        sf_cluster_options_default(&copt);
        if (opt.lang) copt.lang = opt.lang;
        if (opt.story_threshold > 0) copt.threshold = opt.story_threshold;
        st = sf__cluster_corpus_docs(c, &copt, r->dup_of, docs, r->story_of, &nstories, nt, err);
        if (st == SF_OK && opt.progress) opt.progress(opt.progress_user, "stories", n, n);
    }

    /* Order stories: most articles first, then earliest. */
    story_key *keys = NULL;
    if (st == SF_OK && nstories) {
        keys = sf__calloc(nstories, sizeof *keys);
        r->stories = sf__calloc(nstories, sizeof *r->stories);
        if (!keys || !r->stories) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    }
    if (st == SF_OK && nstories) {
        for (size_t s = 0; s < nstories; s++) {
            keys[s].story = s;
            keys[s].first = INT64_MAX;
            keys[s].first_article = SIZE_MAX;
        }
        for (size_t i = 0; i < n; i++) {
            story_key *k = &keys[r->story_of[i]];
            k->size++;
            int64_t t = sf_corpus_get(c, i)->published;
            if (t == SF_TIME_UNKNOWN) t = INT64_MAX;
            if (t < k->first || (t == k->first && i < k->first_article)) {
                k->first = t;
                k->first_article = i;
            }
        }
        qsort(keys, nstories, sizeof *keys, cmp_story_key);
        size_t *rank = sf__malloc(nstories * sizeof *rank);
        if (!rank) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        for (size_t s = 0; st == SF_OK && s < nstories; s++) rank[keys[s].story] = s;
        for (size_t i = 0; st == SF_OK && i < n; i++) r->story_of[i] = rank[r->story_of[i]];
        sf__free(rank);
        r->nstories = nstories;
        for (size_t s = 0; st == SF_OK && s < nstories; s++) {
            r->stories[s].articles = sf__malloc(keys[s].size * sizeof(size_t));
            if (!r->stories[s].articles) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; st == SF_OK && i < n; i++) {
            sf_story *s = &r->stories[r->story_of[i]];
            s->articles[s->n++] = i;
        }
    }
    sf__free(keys);
    /* storylines: beside the stories' work when there are threads for both
     * and the docs are kept (without them the storylines analyse every
     * article again, work for all the threads) */
    lines_job lines = {.c = c, .r = r, .docs = docs, .st = SF_OK};
    bool lines_apart = false;
    if (st == SF_OK && !one_story && docs && nt > 1 && r->nstories > 1) {
        lines.left = sf__malloc(r->nstories * sizeof *lines.left);
        if (lines.left && pthread_mutex_init(&lines.lock, NULL) == 0) {
            lines_apart = pthread_create(&lines.thread, NULL, lines_main, &lines) == 0;
            if (!lines_apart) pthread_mutex_destroy(&lines.lock);
        }
    }
    if (st == SF_OK && !one_story && !lines_apart)
        st = sf__storylines_compute_docs(c, r->story_of, r->nstories, r->dup_of, docs, nt, &r->lines, err);

    sf_summarize_options sopt = {.lang = opt.lang, .max_words = opt.summary_words, .query = opt.query,
                                 .method = opt.summary_method == 1   ? SF_SUMMARY_CENTROID
                                           : opt.summary_method == 2 ? SF_SUMMARY_CONCEPTS_ILP
                                           : opt.summary_method == 3 ? SF_SUMMARY_COVERAGE_DIVERSITY
                                                                     : SF_SUMMARY_CONCEPTS,
                                 .compress = opt.summary_compress ? SF_COMPRESS_ALL : 0u,
                                 .docs = docs};
    /* sentences a site repeats under reports of several stories are its
     * furniture (summarize.h) */
    uint64_t *boiler = NULL;
    if (st == SF_OK && !one_story) {
        st = sf__boilerplate_sentences(docs, r->story_of, r->dup_of, n, &boiler, &sopt.nboilerplate);
        if (st != SF_OK) sf__error_set(err, st, "out of memory");
    }
    sopt.boilerplate = boiler;
    story_ctx x = {.c = c, .r = r, .opt = &opt, .sopt = &sopt, .aliases = aliases, .docs = docs,
                   .lines = lines_apart ? &lines : NULL};
    if (st == SF_OK) st = run_stories(&x, err);
    if (lines_apart) {
        pthread_join(lines.thread, NULL);
        pthread_mutex_destroy(&lines.lock);
        if (st == SF_OK && lines.st != SF_OK) {
            st = lines.st;
            if (err) *err = lines.err;
        }
    }
    sf__free(lines.left);
    sf__free(boiler);
    for (size_t i = 0; docs && i < n; i++) sf__doc_release(&docs[i]); /* after a failure */
    sf__free(docs);
    /* one canonical name per entity across the stories of the run */
    sf_story_facts **all = st == SF_OK ? sf__calloc(r->nstories + 1, sizeof *all) : NULL;
    if (st == SF_OK && !all) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    for (size_t s = 0; all && s < r->nstories; s++) all[s] = &r->stories[s].facts;
    if (st == SF_OK) st = sf__unify_story_entities(all, r->nstories, err);
    sf__free(all);
    if (st == SF_OK) st = name_links(r, err);
    sf__alias_table_destroy(aliases);
    if (st != SF_OK) {
        sf_result_destroy(r);
        return st;
    }
    *out = r;
    return SF_OK;
}

/* First place at or after p where the n bytes of w occur, ASCII case
 * folded; NULL when nowhere. */
static const char *find_nocase(const char *p, const char *w, size_t n) {
    for (; *p; p++)
        if (strncasecmp(p, w, n) == 0) return p;
    return NULL;
}

/* The entity of story s whose name holds `word` as a whole word (any
 * case), the most mentioned first; NULL when none does. */
static const char *entity_with_word(const sf_story_facts *f, const char *word) {
    size_t wl = strlen(word);
    for (size_t e = 0; wl && e < f->nentities; e++) {
        const char *name = f->entities[e].name;
        for (const char *p = name; (p = find_nocase(p, word, wl)) != NULL; p++) {
            bool left = p == name || p[-1] == ' ' || p[-1] == '-';
            bool right = p[wl] == '\0' || p[wl] == ' ' || p[wl] == '\'' || p[wl] == '-';
            if (left && right) return name;
        }
    }
    return NULL;
}

/* A related story's reason is the names the two stories share, found as
 * capitalized words ("Tamsin", "Bridge", "Tuesday"); a reader wants the
 * entities they belong to ("Marlow Bridge"). Each word is replaced by the
 * name of an entity that holds it (this story's, else the related one's);
 * a word that is part of no entity of either story (a weekday, "Spanish",
 * "Mayor") is left out unless nothing else would be left; a name given
 * twice is given once. */
static sf_status name_links(sf_result *r, sf_error *err) {
    for (size_t s = 0; r->lines.nrelated && s < r->lines.nstories && s < r->nstories; s++)
        for (size_t k = 0; k < r->lines.nrelated[s]; k++) {
            sf_story_link *l = &r->lines.related[s][k];
            if (l->story >= r->nstories) continue;
            /* each word's entity in this story and in the related one */
            const char **ab = l->nnames ? sf__malloc(2 * l->nnames * sizeof *ab) : NULL;
            if (l->nnames && !ab) return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
            size_t kept = 0, named = 0;
            for (size_t q = 0; q < l->nnames; q++) {
                ab[2 * q] = entity_with_word(&r->stories[s].facts, l->names[q]);
                ab[2 * q + 1] = entity_with_word(&r->stories[l->story].facts, l->names[q]);
                named += ab[2 * q] || ab[2 * q + 1];
            }
            for (size_t q = 0; q < l->nnames; q++) {
                const char *a = ab[2 * q], *b = ab[2 * q + 1];
                if (named && !a && !b) {
                    sf__free(l->names[q]);
                    continue;
                }
                /* the entity as this story's table names it ("New Jersey"
                 * for "Jersey", "James Comey" for "James" and "Comey"), or
                 * the related story's when only it has one; of two names
                 * where one holds the other, the shorter */
                const char *name = a ? a : b ? b : l->names[q];
                if (a && b && strlen(b) < strlen(a) && find_nocase(a, b, strlen(b))) name = b;
                bool again = false;
                for (size_t j = 0; j < kept && !again; j++) again = strcmp(l->names[j], name) == 0;
                if (again) {
                    sf__free(l->names[q]);
                    continue;
                }
                if (name != l->names[q]) {
                    char *copy = sf__strndup(name, strlen(name));
                    if (!copy) {
                        /* keep the list whole for its release: the words
                         * not yet looked at stay where they are */
                        for (size_t j = q; j < l->nnames; j++) l->names[kept++] = l->names[j];
                        l->nnames = kept;
                        sf__free(ab);
                        return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
                    }
                    sf__free(l->names[q]);
                    l->names[q] = copy;
                }
                l->names[kept++] = l->names[q];
            }
            l->nnames = kept;
            sf__free(ab);
        }
    return SF_OK;
}

sf_status sf_run(const sf_corpus *c, const sf_run_options *o, sf_result **out, sf_error *err) {
    return run(c, o, false, out, err);
}

sf_status sf_summarize_all(const sf_corpus *c, const sf_run_options *o, sf_result **out,
                           sf_error *err) {
    return run(c, o, true, out, err);
}

void sf_result_destroy(sf_result *r) {
    if (!r) return;
    for (size_t s = 0; s < r->nstories; s++) {
        sf_story *story = &r->stories[s];
        for (size_t k = 0; story->texts && k < story->summary.n; k++) sf__free(story->texts[k]);
        sf__free(story->texts);
        sf__summary_release(&story->summary);
        sf__story_facts_release(&story->facts);
        sf__free(story->articles);
        sf__free(story->headline);
    }
    sf__free(r->stories);
    sf_storylines_release(&r->lines);
    sf__free(r->dup_of);
    sf__free(r->dup_sim);
    sf__free(r->story_of);
    sf__free(r);
}

size_t sf_result_story_count(const sf_result *r) { return r ? r->nstories : 0; }

const char *sf_story_headline(const sf_result *r, size_t s) {
    return r && s < r->nstories ? r->stories[s].headline : NULL;
}

const size_t *sf_story_articles(const sf_result *r, size_t s, size_t *count) {
    if (!r || s >= r->nstories) {
        if (count) *count = 0;
        return NULL;
    }
    if (count) *count = r->stories[s].n;
    return r->stories[s].articles;
}

size_t sf_story_summary_count(const sf_result *r, size_t s) {
    return r && s < r->nstories ? r->stories[s].summary.n : 0;
}

const char *sf_story_summary_sentence(const sf_result *r, size_t s, size_t k,
                                      const size_t **sources, size_t *nsources) {
    if (!r || s >= r->nstories || k >= r->stories[s].summary.n) return NULL;
    const sf_summary_sentence *ss = &r->stories[s].summary.sentences[k];
    if (sources) *sources = ss->sources;
    if (nsources) *nsources = ss->nsources;
    return r->stories[s].texts[k];
}

size_t sf_result_duplicate_of(const sf_result *r, size_t i) {
    return r && i < r->narticles ? r->dup_of[i] : SIZE_MAX;
}

/* pipeline.h - the result of a whole run: copies, stories, summaries. The
 * output writers read it through these fields; the public API exposes it
 * through sf_story_* getters. */
#ifndef SF_PIPELINE_H
#define SF_PIPELINE_H

#include "../common/common.h"
#include "../facts/facts.h"
#include "../summarize/summarize.h"

typedef struct sf_story {
    char *headline;
    size_t *articles;      /* corpus indexes, publication order */
    size_t n;
    sf_summary summary;
    char **texts;          /* summary sentence texts, white space folded */
    sf_story_facts facts;  /* entities, facts lined up across sources, quotes */
} sf_story;

struct sf_result {
    const sf_corpus *corpus;
    size_t narticles;
    size_t *dup_of;        /* per article: canonical or SIZE_MAX */
    double *dup_sim;       /* per article: similarity to its canonical */
    size_t *story_of;      /* per article: index into stories */
    sf_story *stories;
    size_t nstories;
    sf_storylines lines;   /* related stories (not computed by sf_summarize_all) */
    char lang[16];         /* the run's language (sf_run_options.lang, "en"): an
                            * article's when it neither declares nor shows one */
    unsigned threads;      /* the run's threads: the writers build stories' text on
                            * as many (0: one) */
};

/* Every article of c analysed once (docs.c): docs[i] is article i's doc
 * (sf__doc_build) in its own language (sf__article_lang with `lang` as the
 * run's), built on up to `threads` threads; a copy (dup_of[i] != SIZE_MAX,
 * dup_of may be NULL) gets tokens and sentences only (sf__doc_init). The
 * caller owns the docs (sf__doc_release each). On failure *failed is the
 * first article that failed; docs before it are built, later ones may be. */
sf_status sf__docs_build(const sf_corpus *c, const char *lang, const size_t *dup_of,
                         unsigned threads, sf_doc *docs, size_t *failed);

#endif

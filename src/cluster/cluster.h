/* cluster.h - streaming story clustering. Each article becomes sparse TF-IDF
 * vectors (body, title, named things); it is scored against the active stories
 * that an inverted index proposes and joins the best one above a threshold or
 * starts a new story (single-pass clustering as in TDT and Miranda et al. 2018).
 * Stories quiet for a while retire; a repair step merges and splits stories.
 */
#ifndef SF_CLUSTER_H
#define SF_CLUSTER_H

#include "../common/common.h"
#include "../text/text.h"

#include <math.h>

/* sf_cluster_options is public (storyfold.h). */
void sf__cluster_options_default(sf_cluster_options *o);
/* Give zero fields their defaults; the baseline switch turns extras off. */
void sf__cluster_options_resolve(sf_cluster_options *o);
/* *out = *o (the defaults when o is NULL), resolved. */
void sf__cluster_options_of(const sf_cluster_options *o, sf_cluster_options *out);

/* Cluster a whole corpus (see sf_cluster_corpus). dup_of (may be NULL) gives
 * per article the index of the article it copies, or SIZE_MAX: duplicates are
 * not clustered themselves but join their canonical's story. story_of gets
 * story numbers 0..*nstories-1 by first appearance in publication order. */
sf_status sf__cluster_corpus(const sf_corpus *c, const sf_cluster_options *o,
                             const size_t *dup_of, size_t *story_of, size_t *nstories,
                             sf_error *err);
/* sf_storylines_compute with the reports analyzed on up to `threads`
 * threads (same result). */
sf_status sf__storylines_compute_threads(const sf_corpus *c, const size_t *story_of,
                                         size_t nstories, const size_t *dup_of, unsigned threads,
                                         sf_storylines *out, sf_error *err);
/* The same, reading the articles' tokens and body terms from docs[i] (per
 * corpus index, sf__doc_build; NULL: none) where they serve. */
sf_status sf__storylines_compute_docs(const sf_corpus *c, const size_t *story_of,
                                      size_t nstories, const size_t *dup_of, const sf_doc *docs,
                                      unsigned threads, sf_storylines *out, sf_error *err);
/* The same, the articles analyzed on up to `threads` threads (same result). */
sf_status sf__cluster_corpus_threads(const sf_corpus *c, const sf_cluster_options *o,
                                     const size_t *dup_of, size_t *story_of, size_t *nstories,
                                     unsigned threads, sf_error *err);
/* The same, reading each article's body terms from docs[i] (per corpus
 * index, sf__doc_build; NULL: none) where it can (sf__extract_doc). */
sf_status sf__cluster_corpus_docs(const sf_corpus *c, const sf_cluster_options *o,
                                  const size_t *dup_of, const sf_doc *docs, size_t *story_of,
                                  size_t *nstories, unsigned threads, sf_error *err);

/* ---------------------------------------------------------------- stream */
/* The online clusterer. Articles must be added in publication order. Story
 * ids are stable numbers from 0, in order of creation; a merge or split moves
 * articles between ids, so read assignments with sf__stream_story_of at the
 * end. Memory held per article is 4 bytes once its story retires. */
typedef struct sf_stream sf_stream;

sf_status sf__stream_create(const sf_cluster_options *o, sf_stream **out, sf_error *err);
void sf__stream_destroy(sf_stream *s);
/* Add the next article; *seq (may be NULL) receives its 0-based number. */
sf_status sf__stream_add(sf_stream *s, const char *title, size_t title_len, const char *text,
                         size_t text_len, int64_t published, size_t *seq, sf_error *err);
/* Add the next article into story `into` as a caller decided earlier (a
 * store reopening the stories it kept), without scoring or repair: it joins
 * `into` while that story is active (UINT32_MAX or a retired story: a new
 * story); *id (may be NULL) receives the story's id. Later articles are
 * scored against these stories as against any other. */
sf_status sf__stream_place(sf_stream *s, const char *title, size_t title_len, const char *text,
                           size_t text_len, int64_t published, uint32_t into, uint32_t *id,
                           size_t *seq, sf_error *err);
/* Story id of article `seq` (current, after merges and splits). */
uint32_t sf__stream_story_of(const sf_stream *s, size_t seq);
size_t sf__stream_count(const sf_stream *s);

typedef struct sf_stream_stats {
    size_t articles, stories, active_stories;
    size_t merges, splits, retired;
    size_t scored;       /* article-story similarities computed */
    size_t postings;     /* entries in the inverted index */
} sf_stream_stats;
void sf__stream_stats(const sf_stream *s, sf_stream_stats *out);

/* Same-story judgement of two articles, outside the stream: both are read
 * with the document frequencies the stream has seen so far (feed a
 * background collection with sf__stream_observe first). *story receives the
 * combined similarity the clusterer uses, *cosine the plain TF-IDF cosine of
 * the bodies (the baseline). Either may be NULL. */
sf_status sf__stream_observe(sf_stream *s, const char *title, size_t title_len,
                             const char *text, size_t text_len, sf_error *err);
sf_status sf__stream_pair_similarity(sf_stream *s, const sf_article *a, const sf_article *b,
                                     double *story, double *cosine, sf_error *err);

/* ------------------------------------------------------------- internals */
/* Shared by the files of this module only. */

/* One weighted term: a 64-bit hash of the stemmed form and a weight. Vectors
 * are kept sorted by hash so that two can be joined in one pass. */
typedef struct sf_tw {
    uint64_t h;
    float w;
} sf_tw;
typedef SF_VEC(sf_tw) sf_twvec;

/* SF_CH_LEAD: the headline and the lead (the title's terms and the first
 * SF_LEAD_TERMS terms of the body, hashed as there, so counted once in the
 * document frequencies), all words, names included: what the report says
 * happened. It weighs nothing in the content; it only lowers the odds of
 * reports whose leads do not agree (sf__event_similarity). */
enum { SF_CH_BODY = 0, SF_CH_TITLE = 1, SF_CH_ENT = 2, SF_CH_LEAD = 3, SF_NCH = 4 };
#define SF_LEAD_TERMS 100
#define SF_DF_BITS 22
#define SF_SEED_BODY 0x62u
#define SF_SEED_TITLE 0x74u
#define SF_SEED_ENT 0x65u

/* An article's vectors: raw weights are 1 + ln tf, later divided by the
 * article's TF-IDF norm at arrival (sf__fdoc_normalize). */
typedef struct sf_fdoc {
    sf_twvec v[SF_NCH];
    uint8_t lang; /* language the article was read in (index, features.c) */
} sf_fdoc;
void sf__fdoc_release(sf_fdoc *d);

/* Document frequencies of the stream so far (a fixed-size hashed count
 * table, see features.c). frozen: sf__df_add leaves it as it is (a batch
 * run counts the whole corpus first). */
typedef struct sf_dftab {
    uint32_t *cnt;
    float *ln;
    uint64_t n;
    double ln_n1;
    bool frozen;
} sf_dftab;
sf_status sf__df_init(sf_dftab *d);
void sf__df_release(sf_dftab *d);
sf_status sf__df_add(sf_dftab *d, const sf_fdoc *doc);
/* sf__df_add of each of docs[0..m) on up to `threads` threads (features.c):
 * the table ends as after adding them one by one. */
sf_status sf__df_add_all(sf_dftab *d, const sf_fdoc *docs, size_t m, unsigned threads);
/* smoothed IDF, ln((1 + N) / (1 + df)) + 1: positive even for a term in
 * every document, so that a tiny stream does not zero out everything. Inline:
 * the clusterer's most frequent call (a tenth of the stream's time). */
#define SF_LN_TAB 4096 /* ln(k) for small k, so that most look-ups need no log() */
static inline double sf__idf(const sf_dftab *d, uint64_t h) {
    uint32_t df1 = d->cnt[h & (((uint64_t)1 << SF_DF_BITS) - 1)] + 1;
    double l = df1 < SF_LN_TAB ? (double)d->ln[df1] : log((double)df1);
    return d->ln_n1 - l + 1.0;
}
void sf__fdoc_normalize(sf_fdoc *d, const sf_dftab *df);

/* Time: a story's pace is the mean gap between its reports (seconds; 0 for
 * one report); the factor (w_time..1) by which a similarity is lowered for a
 * gap of `gap` seconds, read on the scale max(time_scale_days, pace_factor *
 * pace). */
double sf__story_pace(int64_t first, int64_t last, size_t n);
double sf__time_factor(const sf_cluster_options *o, double gap, double pace);

/* Event grain (stream.c): the similarity two reports (or a report and a
 * story, or two stories) need to be one event, from the per-signal cosines
 * (cos/have by SF_CH_*), whether both were read in the same language, the
 * time gap (seconds, < 0 unknown: read as SF_EVENT_GAP_DAYS), the story's
 * pace and the time span the joined story would cover (seconds; -1 unknown;
 * below -1.5 an estimate for undated reports, -span, held to the content
 * scaling past SF_SPAN_DAYS but not to the names limit). Names (and numbers) are
 * the specific evidence: with names on both sides, the content similarity
 * is scaled by how far the names agree; across languages only names and
 * time count; a story may grow past SF_SPAN_DAYS only on names. */
#define SF_SPAN_DAYS 7.0
/* The expected gap between two reports of one event, for a report or story
 * without a time: the median gap between consecutive reports of the dated
 * DUC 2006 event stories (docs/stories.md). */
#define SF_EVENT_GAP_DAYS 1.0
/* The time factor of a story of n reports whose times are unknown: that of
 * the expected gap, scaled as past SF_SPAN_DAYS by the span n - 1 expected
 * gaps would cover (for the batch refinement's average link). */
double sf__undated_factor(const sf_cluster_options *o, size_t n);
double sf__event_similarity(const sf_cluster_options *o, const double cos[SF_NCH],
                            const bool have[SF_NCH], bool same_lang, double gap, double pace,
                            double span);
/* The same evidence on a linear scale, for sums and means (refine.c): the
 * content that would give probability p with the names agreeing and no
 * time gap (0 for unrelated reports; p >= threshold exactly when this is
 * >= sf__event_evidence(threshold)). */
double sf__event_evidence(double p);

/* Batch refinement (refine.c): v[i] is article i's unit vector (sorted by
 * hash; terms of the names signal have the lowest hash bit set, the others
 * clear), t[i] its time (articles in publication order), info[i] its
 * language and the share of its vector that is names; lab[i] its story in
 * 0..nlab-1 from the single pass; stories are merged by average link and
 * articles reassigned over the graph of event similarities
 * (sf__event_similarity) between articles at most SF_REFINE_WINDOW_DAYS
 * apart; lab is rewritten (labels stay below nlab, some unused). The
 * graph's rows are computed on `threads` threads (0: one); the result does
 * not depend on their number. */
#define SF_REFINE_WINDOW_DAYS 14.0
typedef struct sf_rinfo {
    float ent;    /* sqrt of the names signal's weight share (0: no names) */
    uint32_t lead; /* the vector's last `lead` terms are its unit lead vector (hash order) */
    uint8_t lang;
} sf_rinfo;
sf_status sf__refine(const sf_cluster_options *o, const sf_twvec *v, const sf_rinfo *info,
                     const int64_t *t, size_t n, uint32_t *lab, size_t nlab, unsigned threads);

/* Whether token tok of text is a name (features.c): the single place where
 * the clusterer and the storylines depend on named entities. */
bool sf__token_is_name(const char *text, size_t n, const sf_token *tok, bool in_title,
                       bool german);
/* Whether a text reads as German (the test the extractor uses). */
bool sf__text_is_german(const char *text, size_t n);

/* Turns text into an sf_fdoc; one per thread. */
typedef struct sf_extractor sf_extractor;
sf_extractor *sf__extractor_create(const char *lang, bool entities);
void sf__extractor_destroy(sf_extractor *x);
sf_status sf__extract(sf_extractor *x, const char *title, size_t tn, const char *text, size_t n,
                      sf_fdoc *out);

/* One text for sf__extract_all. */
typedef struct sf_extract_item {
    const char *title, *text;
    size_t tn, n;
    const sf_doc *doc; /* NULL, or text's doc (sf__doc_build): its body terms
                        * are read when it covers text[0..n) in the language
                        * the extractor detects (sf__extract_doc) */
} sf_extract_item;
/* sf__extract with the body's terms read from `doc` when it holds them
 * (see sf_extract_item); else as sf__extract. */
sf_status sf__extract_doc(sf_extractor *x, const char *title, size_t tn, const char *text,
                          size_t n, const sf_doc *doc, sf_fdoc *out);
/* sf__extract of items[0..m) into out[0..m) on up to `threads` threads: this
 * thread with x, each other thread with its own extractor of (lang,
 * entities) (an extractor holds ICU objects and scratch). Every item is
 * extracted alone, so out does not depend on the number of threads. On
 * failure returns the status of the first failing item in order and its
 * index in *failed; items after it may be left empty. */
sf_status sf__extract_all(sf_extractor *x, const char *lang, bool entities,
                          const sf_extract_item *items, size_t m, sf_fdoc *out, unsigned threads,
                          size_t *failed);

/* Analyzed articles kept across clusterings of overlapping corpora
 * (fdoc_cache.c): keyed by the analysis language, the entity switch, the
 * title and the text, so a cached analysis equals a fresh one. */
typedef struct sf_fdoc_cache sf_fdoc_cache;
sf_fdoc_cache *sf__fdoc_cache_create(void);
void sf__fdoc_cache_destroy(sf_fdoc_cache *k);
uint64_t sf__fdoc_key(const char *lang, bool entities, const char *title, size_t tn,
                      const char *text, size_t n);
/* A copy of the cached analysis of key into *out (true), or false. */
bool sf__fdoc_cache_get(sf_fdoc_cache *k, uint64_t key, sf_fdoc *out, sf_status *st);
sf_status sf__fdoc_cache_put(sf_fdoc_cache *k, uint64_t key, const sf_fdoc *d);
/* Analyze the articles of c that the cache does not hold (options as for
 * sf_cluster_corpus). */
sf_status sf__fdoc_cache_fill(sf_fdoc_cache *k, const sf_cluster_options *o, const sf_corpus *c,
                              sf_error *err);
/* Drop the entries used by neither this clustering nor the one before. */
sf_status sf__fdoc_cache_sweep(sf_fdoc_cache *k);
size_t sf__fdoc_cache_count(const sf_fdoc_cache *k);
/* sf_cluster_corpus taking and keeping analyses in cache. */
sf_status sf__cluster_corpus_cached(const sf_corpus *c, const sf_cluster_options *o,
                                    sf_fdoc_cache *cache, size_t *story_of, size_t *nstories,
                                    sf_error *err);

/* sf__stream_add for an article already analyzed: takes over d's vectors
 * (d is left empty, also on failure). */
sf_status sf__stream_add_fdoc(sf_stream *s, sf_fdoc *d, int64_t published, size_t *seq,
                              sf_error *err);
/* Use the document frequencies df from now on and stop counting (a batch run
 * counts the whole corpus first). The counts are swapped, not copied (16 MiB):
 * df is left holding the stream's old table. */
sf_status sf__stream_set_df(sf_stream *s, sf_dftab *df);
/* The document frequencies the stream reads with. */
const sf_dftab *sf__stream_df(const sf_stream *s);
/* The per-signal cosines of the last sf__stream_pair_similarity (benches). */
void sf__stream_pair_signals(const sf_stream *s, double cos[SF_NCH], bool have[SF_NCH]);

#endif

/* storyfold_eval.h - measuring storyfold against human judgements: ROUGE for
 * summaries, clustering agreement, CoNLL name scores and quote attribution
 * against PolNeAR. These are not part of the product library (libstoryfold):
 * they live in libstoryfold_eval, which `storyfold eval`, the tests and the
 * benchmarks link beside it.
 */
#ifndef STORYFOLD_EVAL_H
#define STORYFOLD_EVAL_H

#include "storyfold.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ----------------------------------------------------------- clusterings */
/* Agreement of a predicted clustering with a gold one. Pairwise figures follow
 * Miranda et al. (2018): a pair of items is a true positive when both
 * clusterings put it together. B-cubed averages per-item precision and recall
 * (Bagga and Baldwin 1998). ARI is Hubert and Arabie's adjusted Rand index. */
typedef struct sf_cluster_scores {
    size_t items;             /* items present in both files (scored) */
    size_t gold_only;         /* in the gold file only (not scored) */
    size_t pred_only;         /* in the prediction only (not scored) */
    size_t gold_clusters, pred_clusters;
    double pair_p, pair_r, pair_f1;
    double bcubed_p, bcubed_r, bcubed_f1;
    double ari;
} sf_cluster_scores;

/* Score label arrays: gold[i] and pred[i] are the cluster labels of item i
 * (any numbers; only equality matters). */
sf_status sf_cluster_scores_compute(const size_t *gold, const size_t *pred, size_t n,
                                    sf_cluster_scores *out, sf_error *err);
/* Score two JSON Lines files of {"id": ..., "story": ...} (id a string,
 * story a string or a number). An id given twice in one file is an error. */
sf_status sf_cluster_scores_files(const char *gold_path, const char *pred_path,
                                  sf_cluster_scores *out, sf_error *err);

/* ----------------------------------------------------------------- names */
/* Entity-level counts in the CoNLL evaluation's sense (an entity is right
 * when its first token, last token and type match). Index: 0 person, 1
 * place, 2 organization, 3 other, 4 all, 5 person + place + organization. */
typedef struct sf_ner_scores {
    size_t gold[6], pred[6], correct[6];
} sf_ner_scores;
/* Compare the last column of pred_path with the last column of gold_path
 * (same tokens in the same order; IOB1 and BIO both read). */
sf_status sf_ner_eval_conll(const char *gold_path, const char *pred_path, sf_ner_scores *out,
                            sf_error *err);

/* ---------------------------------------------------------------- quotes */
/* Quote attribution against PolNeAR's brat standoff annotation of one
 * article. Gold direct quotes are the attributions whose Content holds a
 * quotation mark and whose Source is a name or noun phrase (not a lone
 * pronoun). A gold quote is found when a predicted quote overlaps its
 * Content; its speaker is right when the predicted speaker as written
 * overlaps the gold Source, or the last word of the predicted speaker name
 * is one of the Source's words (case-insensitive). Counts are added.
 * A Source that is only the speech verb ("said") names nobody: left out. */
typedef struct sf_quote_scores {
    size_t articles;     /* articles scored */
    size_t gold;         /* gold direct quotes */
    size_t found;        /* gold quotes a predicted quote overlaps */
    size_t attributed;   /* found, with a predicted speaker */
    size_t correct;      /* attributed, and the speaker matches */
    size_t null_speaker; /* found, with speaker unknown */
    size_t predicted;    /* predicted direct quotes */
    size_t predicted_null; /* predicted direct quotes with speaker unknown */
} sf_quote_scores;
/* text[0..n) is the article (brat offsets count code points in it), ann the
 * .ann file. `detail` (may be NULL) receives one tab-separated line per gold
 * quote that was missed or got a wrong or unknown speaker, starting with
 * `name` (the article's name). */
sf_status sf_quote_score_brat(const char *name, const char *text, size_t n, const char *ann, size_t annlen,
                              const sf_quote_found *pred, size_t npred, sf_quote_scores *acc,
                              FILE *detail, sf_error *err);
/* ------------------------------------------------------- summaries: ROUGE */

/* ROUGE as computed by ROUGE-1.5.5 (Lin 2004), the script DUC/TAC used:
 * ROUGE-N, ROUGE-L (summary-level union LCS), ROUGE-S/SU skip bigrams;
 * recall, precision and F over one or several model (reference) summaries.
 * Texts are read one sentence per line (ROUGE's SPL format). Reproduces
 * NIST's official DUC 2006 ROUGE-2 and ROUGE-SU4 figures for all 45 peers.
 * Not thread-safe: one sf_rouge per thread. */

#define SF_ROUGE_MAX_N 4
/* Metric indexes: 0..SF_ROUGE_MAX_N-1 are ROUGE-1..ROUGE-4. */
enum { SF_ROUGE_L = SF_ROUGE_MAX_N, SF_ROUGE_S = SF_ROUGE_MAX_N + 1, SF_ROUGE_METRICS };

/* Options, named after ROUGE-1.5.5's flags. */
typedef struct sf_rouge_options {
    int max_n;            /* -n: ROUGE-1..ROUGE-max_n (0 to SF_ROUGE_MAX_N) */
    int lcs;              /* ROUGE-L (ROUGE-1.5.5's -x turns it off) */
    int skip_bigrams;     /* -2 given: ROUGE-S */
    int skip_gap;         /* -2 value: at most this many words between the pair; <0: any */
    int skip_unigrams;    /* -u: add unigrams, making ROUGE-SU */
    int stem;             /* -m: Porter stemming of words longer than 3 letters */
    const char *exceptions_dir; /* with stem: a WordNet dict directory whose
                                 * adj/adv/noun/verb.exc lists map irregular forms
                                 * to their base first, as ROUGE's WordNet-2.0.exc.db
                                 * does (NULL: Porter only). Read at create time. */
    int remove_stopwords; /* -s: approximate, the project's English list rather
                           * than ROUGE's SMART list */
    long limit_words;     /* -l: use only the first N words (0: no limit) */
    long limit_bytes;     /* -b: use only the first N bytes (0: no limit); not with -l */
    double alpha;         /* -p: F = PR / ((1-alpha)P + alpha R), 0..1 */
    int best_model;       /* -f B: score against the best model (0: -f A, model average) */
    int jackknife;        /* batch: leave-one-out over the models (see sf_rouge_eval_dirs) */
    int resamples;        /* -r: bootstrap samples for averages (>= 1) */
    double confidence;    /* -c: confidence interval in percent (0..100) */
} sf_rouge_options;

/* ROUGE-1.5.5's defaults: ROUGE-L only, no stemming, no limit, alpha 0.5,
 * model average, 1000 resamples, 95%; jackknife off. */
void sf_rouge_options_init(sf_rouge_options *o);
/* The official DUC 2005-2007 setting: -n 2 -x -m -2 4 -u -c 95 -r 1000 -f A
 * -p 0.5 -t 0 -l 250 with jackknifing. */
void sf_rouge_options_duc(sf_rouge_options *o);

/* One metric of one evaluation. recall, precision and f are rounded to 5
 * decimals at the same points as ROUGE-1.5.5 (F from the rounded R and P).
 * The counts are summed over the models scored against (-f A) or those of
 * the best model (-f B); ROUGE-L hits are clipped LCS hits. */
typedef struct sf_rouge_score {
    double recall, precision, f;
    double model_count, peer_count, hits;
    int computed; /* 0 when the options did not ask for this metric */
} sf_rouge_score;

typedef struct sf_rouge_result {
    sf_rouge_score m[SF_ROUGE_METRICS];
} sf_rouge_result;

typedef struct sf_rouge sf_rouge;
/* A scorer: options, vocabulary and stemming cache. Fails with SF_ERR_ARG on
 * out-of-range options. Destroy with sf_rouge_destroy (NULL is ok). */
sf_status sf_rouge_create(const sf_rouge_options *o, sf_rouge **out, sf_error *err);
void sf_rouge_destroy(sf_rouge *r);

/* One summary, read and counted once, then scored any number of times as a
 * peer or a model. `text` holds one sentence per line (the bytes are copied
 * as needed; the caller keeps `text`). The doc belongs to the caller and
 * must be destroyed before the sf_rouge it was made with. */
typedef struct sf_rouge_doc sf_rouge_doc;
sf_status sf_rouge_doc_create(sf_rouge *r, const char *text, size_t n, sf_rouge_doc **out,
                              sf_error *err);
void sf_rouge_doc_destroy(sf_rouge_doc *d);
/* Number of words ROUGE counts in the doc (after limits and filtering). */
size_t sf_rouge_doc_words(const sf_rouge_doc *d);

/* Score `peer` against models[0..n_models) (n_models >= 1), all made by `r`. */
sf_status sf_rouge_eval(sf_rouge *r, const sf_rouge_doc *peer,
                        const sf_rouge_doc *const *models, size_t n_models,
                        sf_rouge_result *out, sf_error *err);
/* Jackknifing: with `self` = SIZE_MAX, the mean (R, P, F and counts) of the
 * n_models leave-one-out evaluations (n_models >= 2); with `self` the index
 * of the model that is the peer itself (a human peer), the one evaluation
 * against the other models. */
sf_status sf_rouge_eval_jackknife(sf_rouge *r, const sf_rouge_doc *peer,
                                  const sf_rouge_doc *const *models, size_t n_models,
                                  size_t self, sf_rouge_result *out, sf_error *err);

/* An average over evaluation instances. `rouge` is what ROUGE-1.5.5 reports
 * as Average_R/P/F: the mean of `resamples` bootstrap sample means drawn with
 * its seeded generator (Perl's drand48, seed = sample number), rounded to 5
 * decimals; ci_low/ci_high its confidence interval; `mean` the plain mean. */
typedef struct sf_rouge_average {
    double mean;
    double rouge;
    double ci_low, ci_high;
} sf_rouge_average;

/* Average scores[0..n) (in ROUGE's instance order: evaluation ids sorted as
 * strings) as ROUGE-1.5.5 does. n may be 0 (all zero). */
sf_status sf_rouge_bootstrap(const double *scores, size_t n, int resamples,
                             double confidence, sf_rouge_average *out, sf_error *err);

/* One peer's averages over all its evaluation instances. */
typedef struct sf_rouge_peer {
    const char *id;
    size_t instances; /* evaluations averaged */
    size_t topics;    /* topics with a summary of this peer */
    sf_rouge_average recall[SF_ROUGE_METRICS];
    sf_rouge_average precision[SF_ROUGE_METRICS];
    sf_rouge_average f[SF_ROUGE_METRICS];
} sf_rouge_peer;

typedef struct sf_rouge_table sf_rouge_table;
/* Score every peer of a DUC layout: models_dir holds PREFIX.MODELID files
 * (D0601.M.250.A.A), peers_dir PREFIX.PEERID files (D0601.M.250.A.24); a
 * topic is a PREFIX with at least one model. peer_ids (NULL: every id found
 * in peers_dir for a known prefix) selects the peers. With o->jackknife and
 * at least two models, each topic gives one evaluation per left-out model
 * (id PREFIX-MODELID), as NIST ran DUC: a peer whose id is a model id is
 * scored only in the evaluation that leaves its own summary out; others in
 * all of them. Without jackknifing, one evaluation per topic against all
 * models but the peer's own. Peers come out ordered by id (numbers
 * numerically first). Destroy with sf_rouge_table_destroy (NULL is ok). */
sf_status sf_rouge_eval_dirs(const sf_rouge_options *o, const char *models_dir,
                             const char *peers_dir, const char *const *peer_ids,
                             size_t n_peer_ids, sf_rouge_table **out, sf_error *err);
size_t sf_rouge_table_count(const sf_rouge_table *t);
/* Peer i, owned by the table; NULL when out of range. */
const sf_rouge_peer *sf_rouge_table_peer(const sf_rouge_table *t, size_t i);
/* Number of topics found. */
size_t sf_rouge_table_topics(const sf_rouge_table *t);
void sf_rouge_table_destroy(sf_rouge_table *t);

#ifdef __cplusplus
}
#endif
#endif

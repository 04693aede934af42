/* stream.c - online story assignment. Each story keeps a centroid per signal
 * (sum of its members' unit vectors, weighted by the current IDF when
 * compared) and is indexed under its members' most distinctive terms; an
 * arriving article scores only the stories that share such terms (the
 * candidate step of Miranda et al. 2018), joins the best one above the
 * threshold or starts a story. Repair merges a story that has become similar
 * to another and splits one whose members fall into two dissimilar halves. */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>

#define NQ_BODY 10     /* distinctive body terms an article is queried and indexed by */
#define NQ_ENT 5       /* same for named things */
#define SCAN_MAX 2000  /* posting entries read per query term, newest first */
#define CAP_BODY 250   /* centroid sizes kept per story (largest weights) */
#define CAP_TITLE 80
#define CAP_ENT 100
/* a story's lead is what its first LEAD_REPORTS reports led with: the
 * happening it was opened for (a later report that leads with a new
 * development does not move it); so the lead centroid stays within
 * CAP_LEAD terms and is never trimmed but after a merge */
#define LEAD_REPORTS 4
#define CAP_LEAD (LEAD_REPORTS * (SF_LEAD_TERMS + 12))
#define MIN_SPLIT 8    /* stories are checked for a split at 8, 16, 32, 64 members */
/* the bars, as probabilities of the event similarity (below): that of
 * content 0.15 with the names agreeing for a report to join a story, of
 * content 0.30 for two stories to merge (docs/stories.md says where these
 * content bars come from) */
#define EV_JOIN 0.743
#define EV_MERGE 0.860
#define KEEP_VECS 64   /* member vectors kept for split checks; a larger story
                        * keeps only its centroid and member numbers */

static const size_t CAPS[SF_NCH] = {CAP_BODY, CAP_TITLE, CAP_ENT, CAP_LEAD};

typedef SF_VEC(uint32_t) u32vec;

typedef struct mdoc {
    uint32_t seq;
    int64_t t;
    sf_fdoc d;
} mdoc;

typedef struct story {
    int64_t first, last; /* publication interval; SF_TIME_UNKNOWN when none known */
    int64_t touched;     /* stream time of the last addition, for retirement */
    sf_twvec c[SF_NCH];
    double norm[SF_NCH];
    uint64_t norm_n;     /* documents seen when the norms were computed */
    uint64_t q[NQ_BODY + NQ_ENT];
    size_t nq;
    u32vec seqs;         /* every member's article number */
    SF_VEC(mdoc *) m;    /* member vectors, while the story has <= KEEP_VECS */
    bool vecs_dropped;
    size_t split_at;
    size_t merge_at;     /* size at which to look for a merge next */
    size_t active_pos;
    uint8_t lang;        /* language of its first report */
} story;

typedef struct cand {
    uint32_t id;
    float hits;
} cand;

/* An article ready for scoring: per channel (hash, raw * idf^2), so that the
 * dot product with a centroid c is sum(q * c) and needs no IDF look-ups. */
typedef struct qdoc {
    sf_twvec v[SF_NCH];
    uint64_t q[NQ_BODY + NQ_ENT];
    float qw[NQ_BODY + NQ_ENT];
    size_t nq;
    double self[SF_NCH]; /* |d|^2 with the current IDF */
    SF_VEC(float) idf;   /* scratch: the IDF of each term of one channel */
    int64_t t;
    uint8_t lang;
} qdoc;

struct sf_stream {
    sf_cluster_options o;
    sf_extractor *x;
    sf_dftab df;
    SF_VEC(story *) stories; /* by id; NULL once retired or merged away */
    u32vec redirect;         /* by id: the story it was merged into, or itself */
    u32vec stamp;            /* by id: candidate marker */
    SF_VEC(float) hits;      /* by id */
    uint32_t cur_stamp;
    u32vec active;
    u32vec story_of; /* by article number */
    size_t active_members;
    sf_map post_idx; /* term hash -> index into posts */
    SF_VEC(u32vec) posts;
    size_t postings;
    size_t postings_swept; /* postings left by the last sweep */
    int64_t now;
    size_t since_retire;
    SF_VEC(cand) cands;
    sf_twvec scratch;
    qdoc qd;
    sf_stream_stats st;
    double pair_cos[SF_NCH]; /* the signals of the last pair similarity */
    bool pair_have[SF_NCH];
};

/* ----------------------------------------------------------- options */

void sf_cluster_options_default(sf_cluster_options *o) {
    memset(o, 0, sizeof *o);
    o->lang = "en";
    /* probabilities (sf__event_similarity): a report joins at the
     * probability of content 0.15 with its names agreeing (0.743), two
     * stories merge at that of content 0.30 (0.860) */
    o->threshold = EV_JOIN;
    o->merge_threshold = EV_MERGE;
    o->split_threshold = 0.03;
    o->active_days = 30;
    o->time_scale_days = 7;
    o->w_body = 1.0;
    o->w_title = 0.3;
    o->w_entity = 0.02;
    o->w_time = 0.4;
    o->candidates = 10;
    o->pace_factor = 2.0;
    o->link_threshold = EV_JOIN; /* as a report needs to join */
    o->link_cohesion = 0.55;
}

void sf__cluster_options_default(sf_cluster_options *o) { sf_cluster_options_default(o); }

void sf__cluster_options_of(const sf_cluster_options *o, sf_cluster_options *out) {
    if (o)
        *out = *o;
    else
        sf_cluster_options_default(out);
    sf__cluster_options_resolve(out);
}

/* Zero fields take the default; the baseline switch turns every extra
 * signal off. */
void sf__cluster_options_resolve(sf_cluster_options *o) {
    sf_cluster_options d;
    sf_cluster_options_default(&d);
    if (!o->lang) o->lang = d.lang;
    if (o->threshold <= 0) o->threshold = d.threshold;
    if (o->merge_threshold <= 0) o->merge_threshold = d.merge_threshold;
    if (o->split_threshold <= 0) o->split_threshold = d.split_threshold;
    if (o->active_days == 0) o->active_days = d.active_days;
    if (o->time_scale_days <= 0) o->time_scale_days = d.time_scale_days;
    if (o->w_body <= 0) o->w_body = d.w_body;
    if (o->w_title <= 0) o->w_title = d.w_title;
    if (o->w_entity <= 0) o->w_entity = d.w_entity;
    if (o->w_time <= 0) o->w_time = d.w_time;
    if (o->w_time > 1) o->w_time = 1;
    if (o->candidates == 0) o->candidates = d.candidates;
    if (o->pace_factor <= 0) o->pace_factor = d.pace_factor;
    if (o->link_threshold <= 0) o->link_threshold = d.link_threshold;
    if (o->link_cohesion == 0) o->link_cohesion = d.link_cohesion;
    if (o->baseline) {
        o->no_title = o->no_entity = o->no_time = o->no_repair = o->no_refine = 1;
        o->exhaustive = 1;
    }
}

/* ------------------------------------------------------------ vectors */

/* Insert (h, w) into the sorted list out/outw[base..base+*n) of at most k
 * heaviest terms (k is small: an insertion list). */
static void top_insert(uint64_t h, float w, size_t k, uint64_t *out, float *outw, size_t base,
                       size_t *n) {
    if (*n == k && w <= outw[base + *n - 1]) return;
    size_t j = *n < k ? (*n)++ : *n - 1;
    while (j > 0 && outw[base + j - 1] < w) {
        outw[base + j] = outw[base + j - 1];
        out[base + j] = out[base + j - 1];
        j--;
    }
    outw[base + j] = w;
    out[base + j] = h;
}

static void twvec_top(const sf_twvec *v, const sf_dftab *df, size_t k, uint64_t *out,
                      float *outw, size_t *nout) {
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++)
        top_insert(v->items[i].h, (float)(v->items[i].w * sf__idf(df, v->items[i].h)), k, out,
                   outw, *nout, &n);
    *nout += n;
}

/* c += sign * d (both sorted by hash); terms that fall to zero are dropped. */
static sf_status centroid_add(sf_twvec *c, const sf_twvec *d, float sign, sf_twvec *tmp) {
    tmp->n = 0;
    SF_TRY(SF_VEC_RESERVE(tmp, c->n + d->n));
    size_t i = 0, j = 0;
    while (i < c->n || j < d->n) {
        sf_tw x;
        if (j >= d->n || (i < c->n && c->items[i].h < d->items[j].h)) {
            x = c->items[i++];
        } else if (i >= c->n || d->items[j].h < c->items[i].h) {
            x = (sf_tw){d->items[j].h, sign * d->items[j].w};
            j++;
        } else {
            x = (sf_tw){c->items[i].h, c->items[i].w + sign * d->items[j].w};
            i++;
            j++;
        }
        if (x.w > 1e-6f) tmp->items[tmp->n++] = x;
    }
    sf_twvec t = *c;
    *c = *tmp;
    *tmp = t;
    return SF_OK;
}

#define SWAP_TW(a, b)       \
    do {                    \
        sf_tw t_ = (a);     \
        (a) = (b);          \
        (b) = t_;           \
    } while (0)

static int cmp_tw_h(const void *a, const void *b) {
    uint64_t x = ((const sf_tw *)a)->h, y = ((const sf_tw *)b)->h;
    return x < y ? -1 : x > y;
}
static int cmp_tw_w_desc(const void *a, const void *b) {
    float x = ((const sf_tw *)a)->w, y = ((const sf_tw *)b)->w;
    if (x != y) return x > y ? -1 : 1;
    return cmp_tw_h(a, b);
}

/* The element of rank k (from 0) of v[0..n) in cmp_tw_w_desc order, v
 * reordered (quickselect, median-of-three pivots: linear on average where
 * a sort is n log n; written here because the C library has no selection). */
static sf_tw tw_select(sf_tw *v, size_t n, size_t k) {
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_tw_w_desc(&v[mid], &v[lo]) < 0) SWAP_TW(v[mid], v[lo]);
        if (cmp_tw_w_desc(&v[hi], &v[lo]) < 0) SWAP_TW(v[hi], v[lo]);
        if (cmp_tw_w_desc(&v[hi], &v[mid]) < 0) SWAP_TW(v[hi], v[mid]);
        sf_tw pivot = v[mid];
        size_t i = lo, j = hi;
        while (i <= j) { /* Hoare partition: [lo, j] <= pivot <= [i, hi] */
            while (cmp_tw_w_desc(&v[i], &pivot) < 0) i++;
            while (cmp_tw_w_desc(&v[j], &pivot) > 0) j--;
            if (i <= j) {
                SWAP_TW(v[i], v[j]);
                i++;
                if (j == 0) break;
                j--;
            }
        }
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return v[k];
    }
    return v[k];
}

/* Recompute the TF-IDF norms with the current IDF, trim oversized centroids
 * to their heaviest terms, and refresh the story's query terms. */
static void story_query_terms(sf_stream *s, story *st) {
    float w[NQ_BODY + NQ_ENT];
    st->nq = 0;
    twvec_top(&st->c[SF_CH_BODY], &s->df, NQ_BODY, st->q, w, &st->nq);
    if (!s->o.no_entity) twvec_top(&st->c[SF_CH_ENT], &s->df, NQ_ENT, st->q, w, &st->nq);
}

static sf_status story_refresh(sf_stream *s, story *st) {
    for (int ch = 0; ch < SF_NCH; ch++) {
        sf_twvec *c = &st->c[ch];
        if (c->n > CAPS[ch] + CAPS[ch] / 2) {
            /* keep the CAPS[ch] terms heaviest by weight * idf (ties by
             * hash), in their hash order: the last kept term found by
             * selection, then every term not after it in that order */
            s->scratch.n = 0;
            SF_TRY(SF_VEC_RESERVE(&s->scratch, c->n));
            for (size_t i = 0; i < c->n; i++)
                s->scratch.items[i] =
                    (sf_tw){c->items[i].h, (float)(c->items[i].w * sf__idf(&s->df, c->items[i].h))};
            s->scratch.n = c->n;
            sf_tw last = tw_select(s->scratch.items, s->scratch.n, CAPS[ch] - 1);
            size_t k = 0;
            for (size_t i = 0; i < c->n; i++) {
                sf_tw x = {c->items[i].h, (float)(c->items[i].w * sf__idf(&s->df, c->items[i].h))};
                if (cmp_tw_w_desc(&x, &last) <= 0) c->items[k++] = c->items[i];
            }
            c->n = k;
        }
        double ss = 0;
        for (size_t i = 0; i < c->n; i++) {
            double w = c->items[i].w * sf__idf(&s->df, c->items[i].h);
            ss += w * w;
        }
        st->norm[ch] = sqrt(ss);
    }
    st->norm_n = s->df.n;
    story_query_terms(s, st);
    return SF_OK;
}

/* After article q joined story st (whose centroid already includes it):
 * the norms follow from |c + d|^2 = |c|^2 + 2 c.d + |d|^2 in IDF space,
 * with c.d the dot product just scored (dot[]), so a join costs no pass over
 * the centroid. A full refresh happens when the centroid outgrows its cap
 * or the IDF has drifted (story_renorm_if_stale); the query terms are only
 * needed for merge checks and are computed there. Measured on the generated
 * stream: the full refresh on every join was a fifth of the time. */
static sf_status story_joined(sf_stream *s, story *st, const qdoc *q, const double dot[SF_NCH]) {
    bool trim = false;
    for (int ch = 0; ch < SF_NCH; ch++) trim |= st->c[ch].n > CAPS[ch] + CAPS[ch] / 2;
    if (trim || s->df.n > st->norm_n + st->norm_n / 10 + 16) return story_refresh(s, st);
    for (int ch = 0; ch < SF_NCH; ch++) {
        if (ch == SF_CH_LEAD && st->seqs.n > LEAD_REPORTS) continue; /* not added (story_take) */
        double n2 = st->norm[ch] * st->norm[ch] + 2.0 * dot[ch] + q->self[ch];
        st->norm[ch] = n2 > 0 ? sqrt(n2) : 0;
    }
    st->nq = SIZE_MAX; /* query terms stale */
    return SF_OK;
}

/* Ready article d for scoring (qdoc). normalize: first divide d's raw
 * weights by its TF-IDF norm (sf__fdoc_normalize), in the same pass: each
 * term's IDF is looked up once here for the norm, the query weights and the
 * query terms (the document-frequency table is 16 MiB and the look-ups miss
 * the cache; profiled on the generated stream they were a tenth of the
 * time when done in three passes). */
static sf_status qdoc_prepare(sf_stream *s, sf_fdoc *d, int64_t t, qdoc *q, bool normalize) {
    q->nq = 0;
    for (int ch = 0; ch < SF_NCH; ch++) {
        sf_twvec *v = &d->v[ch];
        q->v[ch].n = 0;
        SF_TRY(SF_VEC_RESERVE(&q->v[ch], v->n));
        SF_TRY(SF_VEC_RESERVE(&q->idf, v->n));
        double ss = 0;
        for (size_t i = 0; i < v->n; i++) {
            double idf = sf__idf(&s->df, v->items[i].h), w = v->items[i].w * idf;
            q->idf.items[i] = (float)idf;
            ss += w * w;
        }
        float inv = normalize && ss > 0 ? (float)(1.0 / sqrt(ss)) : 1.0f;
        size_t k = ch == SF_CH_BODY ? NQ_BODY : ch == SF_CH_ENT && !s->o.no_entity ? NQ_ENT : 0;
        size_t base = q->nq, nk = 0;
        double self = 0;
        for (size_t i = 0; i < v->n; i++) {
            float idf = q->idf.items[i];
            if (normalize) v->items[i].w *= inv;
            float w = v->items[i].w;
            q->v[ch].items[i] = (sf_tw){v->items[i].h, w * idf * idf};
            self += (double)(w * idf) * (w * idf);
            if (k) top_insert(v->items[i].h, w * idf, k, q->q, q->qw, base, &nk);
        }
        q->nq += nk;
        q->self[ch] = self;
        q->v[ch].n = v->n;
    }
    q->t = t;
    q->lang = d->lang;
    return SF_OK;
}

/* Merge join of two hash-sorted vectors, without branches in the loop
 * (which side advances is data, not control flow: the comparisons of
 * random hashes are unpredictable; a third of the join's time went to
 * mispredictions). */
static double dot_q(const sf_twvec *q, const sf_twvec *c) {
    double sum = 0;
    size_t i = 0, j = 0, n = q->n, m = c->n;
    const sf_tw *x = q->items, *y = c->items;
    while (i < n && j < m) {
        uint64_t a = x[i].h, b = y[j].h;
        float p = x[i].w * y[j].w;
        sum += a == b ? (double)p : 0.0;
        i += a <= b;
        j += b <= a;
    }
    return sum;
}

/* Event grain. The similarity is a calibrated probability that two reports
 * (or a report and a story, or two stories) tell one event: a logistic
 * model on the logarithms of the evidence,
 *   z = EV_A + EV_B ln(content + EV_EPS) + EV_NAMES ln(names) + ln(time),
 * sim = 1 / (1 + e^-z), with
 * - content: the weighted mean of the cosines of the signals both sides
 *   have (body, title, names; body and title only within one language:
 *   another language's stems never meet; across languages the names are
 *   the content);
 * - names, when both sides name people, places or numbers: NAME_FLOOR (no
 *   name shared) .. 1 (names cosine NAME_FULL or more), so two reports of
 *   the same kind of event with other participants stay apart however much
 *   topic vocabulary they share (a report that names none of the story's
 *   participants needs ten times the odds from its content);
 * - time: the factor of sf__time_factor (w_time .. 1) for the gap.
 * The logit of the evidence adds up: each signal moves the odds, and the
 * result reads as a probability, on a scale linear in how alike people
 * judge two reports (EV_B, the content's slope, and EV_A, its offset, are
 * the two fitted numbers: fitted on half of the SemEval 2022 task 8
 * English pairs, checked on the other half; docs/stories.md). Hard limits
 * stay: a story may cover SF_SPAN_DAYS at most
 * unless the names keep agreeing (NAME_SPAN); across languages nothing but
 * names can join. */
#define NAME_FLOOR 0.1
#define NAME_FULL 0.8
#define NAME_SPAN 0.6
#define EV_A 3.15
#define EV_B 1.14
#define EV_EPS 0.01
#define EV_NAMES 1.1

/* The lead factor: LEAD_FLOOR (the headlines and leads share nothing) .. 1
 * (lead cosine LEAD_FULL or more), raised to EV_LEAD in the odds. Two
 * reports of one happening lead with it (who did what, where, in the
 * headline and the first paragraphs); two developments of one affair share
 * its participants and its background, but each leads with its own news
 * (an arrest, then a council's vote the next day). Like the names factor
 * it only lowers the odds: with the leads agreeing the bars keep their
 * meaning. A story's lead is that of its first reports (LEAD_REPORTS).
 * The numbers are set, not fitted: SemEval's short texts barely constrain
 * them; 100 terms, LEAD_FULL 0.3 and EV_LEAD 0.5 keep the seeds one story
 * (their second report opens with a photo caption) and the SemEval
 * same-story pairs joined (docs/stories.md, "The lead factor"). */
#define LEAD_FLOOR 0.1
#define LEAD_FULL 0.3
#define EV_LEAD 0.5
static double lead_factor(double lead) {
    double f = lead / LEAD_FULL;
    return LEAD_FLOOR + (1.0 - LEAD_FLOOR) * (f < 1 ? (f > 0 ? f : 0) : 1);
}

static double event_logit(double content, double names, double time, double lead) {
    return EV_A + EV_B * log((content + EV_EPS) * time) + EV_NAMES * log(names) +
           EV_LEAD * log(lead);
}

/* The probability at content `content`, names, time and lead factors. */
static double event_prob(double content, double names, double time, double lead) {
    return 1.0 / (1.0 + exp(-event_logit(content, names, time, lead)));
}

double sf__event_evidence(double p) {
    if (p <= 0) return 0;
    if (p >= 1) p = 1 - 1e-12;
    double c = exp((log(p / (1 - p)) - EV_A) / EV_B) - EV_EPS;
    return c > 0 ? c : 0;
}

double sf__event_similarity(const sf_cluster_options *o, const double cos[SF_NCH],
                            const bool have[SF_NCH], bool same_lang, double gap, double pace,
                            double span) {
    double w[SF_NCH] = {o->w_body, o->no_title ? 0 : o->w_title, o->no_entity ? 0 : o->w_entity};
    double num = 0, den = 0;
    for (int ch = 0; ch < SF_NCH; ch++) {
        if (!have[ch] || w[ch] <= 0) continue;
        if (!same_lang && ch != SF_CH_ENT && !o->baseline) continue;
        num += w[ch] * cos[ch];
        den += w[ch];
    }
    double content = den > 0 ? num / den : 0;
    if (o->baseline) return content;
    bool names = !o->no_entity && have[SF_CH_ENT];
    double nf = 1;
    if (names) {
        double f = cos[SF_CH_ENT] / NAME_FULL;
        nf = NAME_FLOOR + (1.0 - NAME_FLOOR) * (f < 1 ? f : 1);
    } else if (!same_lang) {
        return 0;
    }
    /* an estimated span (negative: an undated story, see undated_span) is
     * held to the content scaling below, not to the hard names limit */
    bool est = span < -1.5;
    if (est) span = -span;
    if (!o->no_time && span > SF_SPAN_DAYS * 86400.0 && !est &&
        (!names || cos[SF_CH_ENT] < NAME_SPAN))
        return 0;
    /* an unknown gap (an undated report or story) is the expected gap
     * between two reports of one event (SF_EVENT_GAP_DAYS), not "the same
     * moment" */
    if (gap < 0) gap = SF_EVENT_GAP_DAYS * 86400.0;
    double tf = !o->no_time && gap > 0 ? sf__time_factor(o, gap, pace) : 1;
    /* past SF_SPAN_DAYS the content must also grow with the span the story
     * would cover (twice the content for twice the span): a story is one
     * event, bounded in time; a long affair is a storyline of stories */
    if (!o->no_time && span > SF_SPAN_DAYS * 86400.0) tf *= SF_SPAN_DAYS * 86400.0 / span;
    if (content <= 0) return 0; /* nothing shared: no evidence at all */
    /* the leads, within one language (another language's stems never meet) */
    double lf = have[SF_CH_LEAD] && same_lang ? lead_factor(cos[SF_CH_LEAD]) : 1;
    return event_prob(content, nf, tf, lf);
}

/* Similarity from per-signal cosines and a time gap (seconds; < 0 unknown)
 * at the event grain (above); the baseline is the body cosine alone. */
static double combine(const sf_cluster_options *o, const double cos[SF_NCH],
                      const bool have[SF_NCH], bool same_lang, double gap, double pace,
                      double span) {
    return sf__event_similarity(o, cos, have, same_lang, gap, pace, span);
}

double sf__story_pace(int64_t first, int64_t last, size_t n) {
    if (n < 2 || first == SF_TIME_UNKNOWN || last == SF_TIME_UNKNOWN) return 0;
    /* in double: times near the int64 range must not overflow */
    return ((double)last - (double)first) / (double)(n - 1);
}

double sf__time_factor(const sf_cluster_options *o, double gap, double pace) {
    if (o->no_time || gap <= 0) return 1.0;
    /* the gap is read on the story's own clock: a story reported every few
     * hours is unlikely to resume after weeks, one that has run for months
     * with reports weeks apart may well; never faster than time_scale_days */
    double scale = o->time_scale_days * 86400.0;
    if (o->pace_factor * pace > scale) scale = o->pace_factor * pace;
    return 1.0 - o->w_time * (1.0 - exp(-gap / scale));
}

/* The span a story of n reports would cover when a time is unknown: n - 1
 * expected gaps between reports of one event, negated (an estimate, for
 * sf__event_similarity). So an undated story grows under the same span
 * rule as a dated one, counting its reports instead of its days. */
static double undated_span(size_t n) {
    return -(double)(n > 1 ? n - 1 : 1) * SF_EVENT_GAP_DAYS * 86400.0;
}

double sf__undated_factor(const sf_cluster_options *o, size_t n) {
    if (o->no_time) return 1.0;
    double span = -undated_span(n), f = sf__time_factor(o, SF_EVENT_GAP_DAYS * 86400.0, 0);
    return span > SF_SPAN_DAYS * 86400.0 ? f * SF_SPAN_DAYS * 86400.0 / span : f;
}

static double time_gap(int64_t t, int64_t first, int64_t last) {
    if (t == SF_TIME_UNKNOWN || first == SF_TIME_UNKNOWN) return -1;
    if (t < first) return (double)first - (double)t;
    if (t > last) return (double)t - (double)last;
    return 0;
}

static void story_renorm_if_stale(sf_stream *s, story *st) {
    /* norms drift as IDF changes; refresh when the stream grew by 10% */
    if (s->df.n > st->norm_n + st->norm_n / 10 + 16) (void)story_refresh(s, st);
}

/* A story's growth: up to GROW_FREE reports join on the event similarity
 * alone; past that the similarity a join (or merge) needs rises with the
 * square root of the size it would reach (the similarity is scaled down by
 * sqrt(GROW_FREE / n)), so a story keeps growing only on reports that agree
 * ever more closely with it, and a chain of merely similar events does not
 * snowball into one story as the stream gets denser. */
#define GROW_FREE 16.0
static double growth_factor(const sf_cluster_options *o, size_t n) {
    if (o->baseline || (double)n <= GROW_FREE) return 1.0;
    return sqrt(GROW_FREE / (double)n);
}

/* The similarity is a probability: the growth factor scales its odds (the
 * evidence), as the other factors of the event logit do. */
static double grown(const sf_cluster_options *o, double sim, size_t n) {
    double g = growth_factor(o, n);
    if (g >= 1.0 || o->baseline) return sim * g;
    if (sim >= 1.0) return 1.0;
    double odds = sim / (1.0 - sim) * pow(g, EV_B); /* on the content's scale */
    return odds / (1.0 + odds);
}

/* dots (may be NULL) receives the per-signal dot products c.d in IDF
 * space, which a join reuses to update the story's norms. The lead factor
 * only lowers the similarity, so the leads are compared only when the
 * similarity without them reaches lead_bar (the join bar: below it the
 * story cannot take the report either way; 0: always). The decisions are
 * those of comparing every lead, at a fifth of the leads' cost (measured
 * on the generated stream). */
static double sim_doc_story(sf_stream *s, const qdoc *q, story *st, double dots[SF_NCH],
                            double lead_bar) {
    story_renorm_if_stale(s, st);
    double cos[SF_NCH] = {0};
    bool have[SF_NCH] = {0};
    for (int ch = 0; ch < SF_CH_LEAD; ch++) {
        have[ch] = q->v[ch].n > 0 && st->c[ch].n > 0 && st->norm[ch] > 0;
        double d = have[ch] ? dot_q(&q->v[ch], &st->c[ch]) : 0;
        if (have[ch]) cos[ch] = d / st->norm[ch];
        if (dots) dots[ch] = d;
    }
    if (dots) dots[SF_CH_LEAD] = 0;
    s->st.scored++;
    double span = undated_span(st->seqs.n + 1);
    if (q->t != SF_TIME_UNKNOWN && st->first != SF_TIME_UNKNOWN) {
        int64_t lo = q->t < st->first ? q->t : st->first, hi = q->t > st->last ? q->t : st->last;
        span = (double)hi - (double)lo;
    }
    double gap = time_gap(q->t, st->first, st->last), pace = sf__story_pace(st->first, st->last, st->seqs.n);
    double v = grown(&s->o, combine(&s->o, cos, have, q->lang == st->lang, gap, pace, span), st->seqs.n + 1);
    int ch = SF_CH_LEAD;
    if (v >= lead_bar && q->v[ch].n > 0 && st->c[ch].n > 0 && st->norm[ch] > 0) {
        double d = dot_q(&q->v[ch], &st->c[ch]);
        have[ch] = true;
        cos[ch] = d / st->norm[ch];
        if (dots) dots[ch] = d;
        v = grown(&s->o, combine(&s->o, cos, have, q->lang == st->lang, gap, pace, span), st->seqs.n + 1);
    }
    memcpy(s->pair_cos, cos, sizeof cos);
    memcpy(s->pair_have, have, sizeof have);
    return v;
}

/* sum of x.w * y.w * idf^2 over the terms x and y share, in hash order.
 * The walk is branch-free, as in dot_q: it notes where the terms meet, and
 * the IDF look-ups of the meetings follow in a second loop (the branchy
 * merge was 7% of the stream's time, profiled on the generated stream;
 * the sum and its order are the same). */
#define MEET_BUF 64
static double dot_idf(const sf_twvec *x, const sf_twvec *y, const sf_dftab *df) {
    double sum = 0;
    uint32_t mi[MEET_BUF], mj[MEET_BUF];
    size_t i = 0, j = 0, n = x->n, m = y->n, k = 0;
    const sf_tw *a = x->items, *b = y->items;
    for (;;) {
        while (i < n && j < m && k < MEET_BUF) {
            uint64_t p = a[i].h, q = b[j].h;
            mi[k] = (uint32_t)i;
            mj[k] = (uint32_t)j;
            k += p == q;
            i += p <= q;
            j += q <= p;
        }
        for (size_t t = 0; t < k; t++) {
            double idf = sf__idf(df, a[mi[t]].h);
            sum += (double)a[mi[t]].w * b[mj[t]].w * idf * idf;
        }
        if (k < MEET_BUF) break;
        k = 0;
    }
    return sum;
}

/* As sim_doc_story, the leads are compared only when the similarity
 * without them reaches the merge bar (a merge needs it either way). */
static double sim_story_story(sf_stream *s, story *a, story *b) {
    story_renorm_if_stale(s, a);
    story_renorm_if_stale(s, b);
    double cos[SF_NCH] = {0};
    bool have[SF_NCH] = {0};
    for (int ch = 0; ch < SF_CH_LEAD; ch++) {
        const sf_twvec *x = &a->c[ch], *y = &b->c[ch];
        have[ch] = x->n && y->n && a->norm[ch] > 0 && b->norm[ch] > 0;
        if (!have[ch]) continue;
        cos[ch] = dot_idf(x, y, &s->df) / (a->norm[ch] * b->norm[ch]);
    }
    double gap = -1, span = undated_span(a->seqs.n + b->seqs.n);
    if (a->first != SF_TIME_UNKNOWN && b->first != SF_TIME_UNKNOWN) {
        gap = 0;
        span = (double)(a->last > b->last ? a->last : b->last) -
               (double)(a->first < b->first ? a->first : b->first);
        if (a->last < b->first) gap = (double)b->first - (double)a->last;
        if (b->last < a->first) gap = (double)a->first - (double)b->last;
    }
    s->st.scored++;
    double pa = sf__story_pace(a->first, a->last, a->seqs.n);
    double pb = sf__story_pace(b->first, b->last, b->seqs.n);
    double v = grown(&s->o, combine(&s->o, cos, have, a->lang == b->lang, gap, pa > pb ? pa : pb, span),
                     a->seqs.n + b->seqs.n);
    const sf_twvec *x = &a->c[SF_CH_LEAD], *y = &b->c[SF_CH_LEAD];
    if (v >= s->o.merge_threshold && x->n && y->n && a->norm[SF_CH_LEAD] > 0 && b->norm[SF_CH_LEAD] > 0) {
        have[SF_CH_LEAD] = true;
        cos[SF_CH_LEAD] = dot_idf(x, y, &s->df) / (a->norm[SF_CH_LEAD] * b->norm[SF_CH_LEAD]);
        v = grown(&s->o, combine(&s->o, cos, have, a->lang == b->lang, gap, pa > pb ? pa : pb, span),
                  a->seqs.n + b->seqs.n);
    }
    return v;
}

/* ------------------------------------------------------------ stories */

static uint32_t find(sf_stream *s, uint32_t id) {
    uint32_t r = id;
    while (s->redirect.items[r] != r) r = s->redirect.items[r];
    while (s->redirect.items[id] != r) {
        uint32_t next = s->redirect.items[id];
        s->redirect.items[id] = r;
        id = next;
    }
    return r;
}

static sf_status story_new(sf_stream *s, story **out, uint32_t *id) {
    if (s->stories.n >= UINT32_MAX - 1) return SF_ERR_TOO_LARGE;
    story *st = sf__calloc(1, sizeof *st);
    if (!st) return SF_ERR_NOMEM;
    uint32_t n = (uint32_t)s->stories.n;
    if (SF_VEC_PUSH(&s->stories, st) != SF_OK || SF_VEC_PUSH(&s->redirect, n) != SF_OK ||
        SF_VEC_PUSH(&s->stamp, 0) != SF_OK || SF_VEC_PUSH(&s->hits, 0.0f) != SF_OK) {
        sf__free(st);
        s->stories.n = n;
        return SF_ERR_NOMEM;
    }
    if (SF_VEC_PUSH(&s->active, n) != SF_OK) {
        sf__free(st);
        s->stories.items[n] = NULL;
        return SF_ERR_NOMEM;
    }
    st->active_pos = s->active.n - 1;
    st->first = st->last = SF_TIME_UNKNOWN;
    st->touched = s->now;
    st->split_at = MIN_SPLIT;
    st->merge_at = 2;
    *out = st;
    *id = n;
    s->st.stories++;
    return SF_OK;
}

static void mdoc_free(mdoc *m) {
    if (!m) return;
    sf__fdoc_release(&m->d);
    sf__free(m);
}

static void story_free(story *st) {
    if (!st) return;
    for (int ch = 0; ch < SF_NCH; ch++) SF_VEC_FREE(&st->c[ch]);
    for (size_t i = 0; i < st->m.n; i++) mdoc_free(st->m.items[i]);
    SF_VEC_FREE(&st->m);
    SF_VEC_FREE(&st->seqs);
    sf__free(st);
}

/* Take story `id` out of the active set (it stays in the output). */
static void deactivate(sf_stream *s, uint32_t id) {
    story *st = s->stories.items[id];
    size_t pos = st->active_pos;
    uint32_t last = s->active.items[--s->active.n];
    if (pos < s->active.n) {
        s->active.items[pos] = last;
        s->stories.items[last]->active_pos = pos;
    }
    s->active_members -= st->seqs.n;
    story_free(st);
    s->stories.items[id] = NULL;
}

static void story_widen(story *st, int64_t t) {
    if (t == SF_TIME_UNKNOWN) return;
    if (st->first == SF_TIME_UNKNOWN || t < st->first) st->first = t;
    if (st->last == SF_TIME_UNKNOWN || t > st->last) st->last = t;
}

/* Index story `id` under terms (skipping it when one of the last entries of
 * a posting list already names it). */
static sf_status index_story(sf_stream *s, uint32_t id, const uint64_t *terms, size_t n) {
    for (size_t k = 0; k < n; k++) {
        uint64_t *slot = sf__map_slot(&s->post_idx, terms[k]);
        if (!slot) return SF_ERR_NOMEM;
        if (*slot == 0) {
            u32vec empty = {0};
            SF_TRY(SF_VEC_PUSH(&s->posts, empty));
            *slot = s->posts.n; /* index + 1 */
        }
        u32vec *p = &s->posts.items[*slot - 1];
        bool seen = false;
        for (size_t i = p->n; i > 0 && i + 4 > p->n; i--)
            if (p->items[i - 1] == id) seen = true;
        if (seen) continue;
        SF_TRY(SF_VEC_PUSH(p, id));
        s->postings++;
    }
    return SF_OK;
}

/* Drop posting entries of stories that retired and follow merges, and the
 * terms left with no entry, so that the index holds only what the active set
 * needs: the term table would otherwise keep every name the stream ever saw
 * (new names arrive with every event), and memory would grow with the
 * archive. The table is rebuilt into a fresh map; on no memory the old one
 * stays, compacted in place. */
static void sweep_postings(sf_stream *s) {
    size_t total = 0, live_terms = 0;
    for (size_t i = 0; i < s->posts.n; i++) {
        u32vec *p = &s->posts.items[i];
        size_t k = 0;
        for (size_t j = 0; j < p->n; j++) {
            uint32_t r = find(s, p->items[j]);
            if (s->stories.items[r] && (k == 0 || p->items[k - 1] != r)) p->items[k++] = r;
        }
        p->n = k;
        if (k == 0) {
            SF_VEC_FREE(p);
        } else if (p->cap > 16 && k < p->cap / 4) {
            void *q = sf__realloc(p->items, k * 2 * sizeof *p->items);
            if (q) {
                p->items = q;
                p->cap = k * 2;
            }
        }
        total += k;
        live_terms += k > 0;
    }
    s->postings = total;
    if (live_terms * 2 > s->posts.n) return; /* not worth a rebuild yet */
    sf_map nm;
    sf__map_init(&nm);
    SF_VEC(u32vec) np = {0};
    bool ok = SF_VEC_RESERVE(&np, live_terms) == SF_OK;
    sf_map *om = &s->post_idx;
    for (size_t i = 0; ok && i <= om->cap; i++) {
        uint64_t key, val;
        if (i == om->cap) { /* the reserved zero key lives outside the arrays */
            if (!om->has_zero) break;
            key = 0;
            val = om->zero_val;
        } else {
            if (!om->keys[i]) continue;
            key = om->keys[i];
            val = om->vals[i];
        }
        u32vec *p = &s->posts.items[val - 1];
        if (p->n == 0) continue;
        uint64_t *slot = sf__map_slot(&nm, key);
        if (!slot) {
            ok = false;
            break;
        }
        np.items[np.n++] = *p;
        *slot = np.n;
    }
    if (!ok) { /* keep the old table; nothing was moved out of it */
        sf__map_release(&nm);
        SF_VEC_FREE(&np);
        return;
    }
    SF_VEC_FREE(&s->posts); /* the non-empty lists now belong to np */
    sf__map_release(om);
    s->post_idx = nm;
    s->posts.items = np.items;
    s->posts.n = np.n;
    s->posts.cap = np.cap;
}

/* Collect candidate stories that share the query terms (weighted by the
 * terms' weights), best first, at most o.candidates. */
static sf_status gather(sf_stream *s, const uint64_t *terms, const float *w, size_t n,
                        uint32_t exclude) {
    s->cands.n = 0;
    if (++s->cur_stamp == 0) {
        memset(s->stamp.items, 0, s->stamp.n * sizeof *s->stamp.items);
        s->cur_stamp = 1;
    }
    if (s->o.exhaustive) {
        for (size_t i = 0; i < s->active.n; i++)
            if (s->active.items[i] != exclude)
                SF_TRY(SF_VEC_PUSH(&s->cands, ((cand){s->active.items[i], 1.0f})));
        return SF_OK;
    }
    for (size_t k = 0; k < n; k++) {
        uint64_t *slot = sf__map_find(&s->post_idx, terms[k]);
        if (!slot) continue;
        u32vec *p = &s->posts.items[*slot - 1];
        size_t lo = p->n > SCAN_MAX ? p->n - SCAN_MAX : 0;
        for (size_t j = p->n; j > lo; j--) {
            uint32_t r = find(s, p->items[j - 1]);
            if (!s->stories.items[r] || r == exclude) continue;
            if (s->stamp.items[r] != s->cur_stamp) {
                s->stamp.items[r] = s->cur_stamp;
                s->hits.items[r] = 0;
                SF_TRY(SF_VEC_PUSH(&s->cands, ((cand){r, 0})));
            }
            s->hits.items[r] += w ? w[k] : 1.0f;
        }
    }
    for (size_t i = 0; i < s->cands.n; i++) s->cands.items[i].hits = s->hits.items[s->cands.items[i].id];
    return SF_OK;
}

static bool cand_before(cand x, cand y) {
    return x.hits != y.hits ? x.hits > y.hits : x.id < y.id;
}

/* Keep the o.candidates best candidates, best first. A bounded insertion
 * list: k is small and most candidates fail the first comparison, so this
 * is one pass (a full qsort of the candidates was a tenth of the time on
 * dense streams). */
static void keep_best_cands(sf_stream *s) {
    size_t k = s->o.candidates;
    if (s->o.exhaustive || s->cands.n <= k) return;
    cand *c = s->cands.items;
    size_t n = 0; /* c[0..n) holds the best so far, sorted */
    for (size_t i = 0; i < s->cands.n; i++) {
        cand x = c[i];
        if (n == k && !cand_before(x, c[n - 1])) continue;
        size_t j = n < k ? n++ : n - 1;
        while (j > 0 && cand_before(x, c[j - 1])) {
            c[j] = c[j - 1];
            j--;
        }
        c[j] = x;
    }
    s->cands.n = k;
}

static void retire_quiet(sf_stream *s) {
    if (s->o.active_days < 0 || s->now == SF_TIME_UNKNOWN) return;
    int64_t horizon = s->now - (int64_t)(s->o.active_days * 86400.0);
    for (size_t i = s->active.n; i > 0; i--) {
        uint32_t id = s->active.items[i - 1];
        story *st = s->stories.items[id];
        if (st->touched != SF_TIME_UNKNOWN && st->touched < horizon) {
            deactivate(s, id);
            s->st.retired++;
        }
    }
    /* sweep when the index has doubled since the last sweep: amortized
     * constant work per posting, and the index stays within twice what the
     * active stories need */
    if (s->postings > 2 * s->postings_swept + 65536) {
        sweep_postings(s);
        s->postings_swept = s->postings;
    }
}

/* Free a story's member vectors; it will not be split any more. */
static void drop_vecs(story *st) {
    for (size_t i = 0; i < st->m.n; i++) mdoc_free(st->m.items[i]);
    SF_VEC_FREE(&st->m);
    st->vecs_dropped = true;
}

/* Move every member of story b into story a. */
static sf_status merge_into(sf_stream *s, uint32_t ida, uint32_t idb) {
    story *a = s->stories.items[ida], *b = s->stories.items[idb];
    SF_TRY(SF_VEC_RESERVE(&a->seqs, a->seqs.n + b->seqs.n));
    for (size_t i = 0; i < b->seqs.n; i++) {
        a->seqs.items[a->seqs.n++] = b->seqs.items[i];
        s->story_of.items[b->seqs.items[i]] = ida;
    }
    b->seqs.n = 0;
    SF_TRY(SF_VEC_RESERVE(&a->m, a->m.n + b->m.n));
    for (size_t i = 0; i < b->m.n; i++) a->m.items[a->m.n++] = b->m.items[i];
    b->m.n = 0;
    if (b->vecs_dropped || a->m.n > KEEP_VECS) drop_vecs(a);
    for (int ch = 0; ch < SF_NCH; ch++) SF_TRY(centroid_add(&a->c[ch], &b->c[ch], 1.0f, &s->scratch));
    if (b->first != SF_TIME_UNKNOWN) {
        story_widen(a, b->first);
        story_widen(a, b->last);
    }
    if (b->touched > a->touched) a->touched = b->touched;
    while (a->split_at <= a->seqs.n / 2) a->split_at *= 2;
    deactivate(s, idb);
    s->redirect.items[idb] = ida;
    s->st.merges++;
    return story_refresh(s, a);
}

/* Repair, merge half: a story that has just grown may now be the same event
 * as another active story (a bridging article arrived). */
static sf_status try_merge(sf_stream *s, uint32_t id) {
    story *st = s->stories.items[id];
    if (st->nq == SIZE_MAX) story_query_terms(s, st);
    float w[NQ_BODY + NQ_ENT];
    for (size_t k = 0; k < st->nq; k++) w[k] = 1.0f;
    SF_TRY(gather(s, st->q, w, st->nq, id));
    keep_best_cands(s);
    double best = -1;
    uint32_t bid = 0;
    for (size_t i = 0; i < s->cands.n; i++) {
        double v = sim_story_story(s, st, s->stories.items[s->cands.items[i].id]);
        if (v > best || (v == best && s->cands.items[i].id < bid)) {
            best = v;
            bid = s->cands.items[i].id;
        }
    }
    if (best < s->o.merge_threshold) return SF_OK;
    /* the larger story absorbs the smaller; equal sizes: the older id stays */
    story *o = s->stories.items[bid];
    bool keep_self = st->seqs.n > o->seqs.n || (st->seqs.n == o->seqs.n && id < bid);
    return keep_self ? merge_into(s, id, bid) : merge_into(s, bid, id);
}

/* A member's body term: local dense index and weight. */
typedef struct lw {
    uint32_t i;
    float w;
} lw;

typedef SF_VEC(lw) lwvec;

/* The members of a story as body vectors over a local dense vocabulary
 * (weights times the current IDF), and the two sides of a 2-means split. */
typedef struct bisect {
    size_t n, V;     /* members, terms */
    size_t *start;   /* member i's terms: vecs[start[i] .. start[i + 1]) */
    lwvec vecs;
    double *mean[2]; /* per side: the sum of its members' vectors */
    double mnorm[2];
    uint8_t *side;   /* per member: 0 or 1 */
} bisect;

static void bisect_release(bisect *b) {
    sf__free(b->start);
    SF_VEC_FREE(&b->vecs);
    sf__free(b->mean[0]);
    sf__free(b->mean[1]);
    sf__free(b->side);
}

/* Local dense indexes for the members' body terms, weights times the
 * current IDF; the sides' means allocated (one double per term). */
static sf_status bisect_vectors(sf_stream *s, const story *st, bisect *b) {
    size_t n = st->m.n;
    *b = (bisect){.n = n};
    b->start = sf__calloc(n + 1, sizeof *b->start);
    b->side = sf__calloc(n, 1);
    sf_status rc = b->start && b->side ? SF_OK : SF_ERR_NOMEM;
    sf_map vocab;
    sf__map_init(&vocab);
    for (size_t i = 0; i < n && rc == SF_OK; i++) {
        b->start[i] = b->vecs.n;
        const sf_twvec *v = &st->m.items[i]->d.v[SF_CH_BODY];
        for (size_t j = 0; j < v->n && rc == SF_OK; j++) {
            uint64_t *slot = sf__map_slot(&vocab, v->items[j].h);
            if (!slot) {
                rc = SF_ERR_NOMEM;
                break;
            }
            if (*slot == 0) *slot = sf__map_count(&vocab);
            float w = (float)(v->items[j].w * sf__idf(&s->df, v->items[j].h));
            rc = SF_VEC_PUSH(&b->vecs, ((lw){(uint32_t)(*slot - 1), w}));
        }
    }
    if (rc == SF_OK) b->start[n] = b->vecs.n;
    b->V = sf__map_count(&vocab);
    sf__map_release(&vocab);
    if (rc == SF_OK) {
        b->mean[0] = sf__calloc(b->V ? b->V : 1, sizeof(double));
        b->mean[1] = sf__calloc(b->V ? b->V : 1, sizeof(double));
        if (!b->mean[0] || !b->mean[1]) rc = SF_ERR_NOMEM;
    }
    return rc;
}

/* The Euclidean norm of a side's mean. */
static double mean_norm(const bisect *b, int k) {
    double q = 0;
    for (size_t v = 0; v < b->V; v++) q += b->mean[k][v] * b->mean[k][v];
    return sqrt(q);
}

/* The cosine of member i's vector and side k's mean (0 when either is 0). */
static double member_cosine(const bisect *b, size_t i, int k) {
    double d = 0, nn = 0;
    for (size_t t = b->start[i]; t < b->start[i + 1]; t++) {
        d += b->vecs.items[t].w * b->mean[k][b->vecs.items[t].i];
        nn += (double)b->vecs.items[t].w * b->vecs.items[t].w;
    }
    return nn > 0 && b->mnorm[k] > 0 ? d / (sqrt(nn) * b->mnorm[k]) : 0;
}

/* Each side's mean: the sum of the vectors of the members on that side. */
static void sum_sides(bisect *b) {
    for (int k = 0; k < 2; k++) memset(b->mean[k], 0, b->V * sizeof(double));
    for (size_t i = 0; i < b->n; i++)
        for (size_t t = b->start[i]; t < b->start[i + 1]; t++)
            b->mean[b->side[i]][b->vecs.items[t].i] += b->vecs.items[t].w;
}

/* The member least similar to the whole story's mean (the first of equals). */
static size_t farthest_member(bisect *b) {
    memset(b->mean[0], 0, b->V * sizeof(double));
    for (size_t t = 0; t < b->vecs.n; t++) b->mean[0][b->vecs.items[t].i] += b->vecs.items[t].w;
    b->mnorm[0] = mean_norm(b, 0);
    size_t a = 0;
    double worst = 2;
    for (size_t i = 0; i < b->n; i++) {
        double c = member_cosine(b, i, 0);
        if (c < worst) {
            worst = c;
            a = i;
        }
    }
    return a;
}

/* 2-means from member a alone on side 1: at most five rounds of moving each
 * member to the side whose mean it is closer to. */
static void two_means(bisect *b, size_t a) {
    for (size_t i = 0; i < b->n; i++) b->side[i] = i == a;
    for (int iter = 0; iter < 5; iter++) {
        sum_sides(b);
        for (int k = 0; k < 2; k++) b->mnorm[k] = mean_norm(b, k);
        bool changed = false;
        for (size_t i = 0; i < b->n; i++) {
            double c[2];
            for (int k = 0; k < 2; k++) c[k] = member_cosine(b, i, k);
            uint8_t ns = c[1] > c[0] ? 1 : 0;
            if (ns != b->side[i]) {
                b->side[i] = ns;
                changed = true;
            }
        }
        if (!changed) break;
    }
}

/* The cosine of the two sides' means (0 when a side is empty). */
static double between_sides(bisect *b) {
    sum_sides(b);
    double dot = 0, q0 = 0, q1 = 0;
    for (size_t v = 0; v < b->V; v++) {
        dot += b->mean[0][v] * b->mean[1][v];
        q0 += b->mean[0][v] * b->mean[0][v];
        q1 += b->mean[1][v] * b->mean[1][v];
    }
    return q0 > 0 && q1 > 0 ? dot / sqrt(q0 * q1) : 0;
}

/* A story's member list (seqs), time span and centroids made again from its
 * members. */
static sf_status rebuild_story(sf_stream *s, story *x) {
    for (int ch = 0; ch < SF_NCH; ch++) x->c[ch].n = 0;
    x->first = x->last = SF_TIME_UNKNOWN;
    x->seqs.n = 0;
    sf_status rc = SF_VEC_RESERVE(&x->seqs, x->m.n);
    for (size_t i = 0; i < x->m.n && rc == SF_OK; i++) x->seqs.items[x->seqs.n++] = x->m.items[i]->seq;
    for (size_t i = 0; i < x->m.n && rc == SF_OK; i++) {
        for (int ch = 0; ch < SF_NCH && rc == SF_OK; ch++)
            rc = centroid_add(&x->c[ch], &x->m.items[i]->d.v[ch], 1.0f, &s->scratch);
        story_widen(x, x->m.items[i]->t);
    }
    if (rc == SF_OK) rc = story_refresh(s, x);
    return rc;
}

/* The members on side 1 become a new story; side 0 stays in story id. */
static sf_status split_off(sf_stream *s, uint32_t id, const uint8_t *side) {
    story *nst = NULL;
    uint32_t nid = 0;
    sf_status rc = story_new(s, &nst, &nid);
    story *st = s->stories.items[id]; /* the stories array may have moved */
    if (rc != SF_OK) return rc;
    nst->lang = st->lang;
    size_t k = 0, n = st->m.n;
    for (size_t i = 0; i < n; i++) {
        mdoc *m = st->m.items[i];
        if (!side[i]) {
            st->m.items[k++] = m;
            continue;
        }
        if (SF_VEC_PUSH(&nst->m, m) != SF_OK) {
            st->m.items[k++] = m; /* keep it where it was */
            rc = SF_ERR_NOMEM;
            continue;
        }
        s->story_of.items[m->seq] = nid;
    }
    st->m.n = k;
    story *both[2] = {st, nst};
    for (int b = 0; b < 2 && rc == SF_OK; b++) rc = rebuild_story(s, both[b]);
    nst->touched = st->touched;
    while (nst->split_at <= nst->seqs.n) nst->split_at *= 2;
    if (rc == SF_OK) rc = index_story(s, nid, nst->q, nst->nq);
    s->st.splits++;
    return rc;
}

/* Repair, split half: 2-means on the body vectors of the members, seeded by
 * the member farthest from the centroid (bisecting k-means). A story whose
 * halves are less similar than split_threshold reported two events, when
 * each half holds at least an eighth of the members (and two). */
static sf_status try_split(sf_stream *s, uint32_t id) {
    story *st = s->stories.items[id];
    st->split_at *= 2;
    bisect b;
    sf_status rc = bisect_vectors(s, st, &b);
    if (rc == SF_OK) {
        two_means(&b, farthest_member(&b));
        size_t n = b.n, n1 = 0;
        for (size_t i = 0; i < n; i++) n1 += b.side[i];
        double between = between_sides(&b);
        size_t minside = n / 8 > 2 ? n / 8 : 2;
        if (n1 >= minside && n - n1 >= minside && between < s->o.split_threshold)
            rc = split_off(s, id, b.side);
    }
    bisect_release(&b);
    return rc;
}

/* ------------------------------------------------------------- public */

sf_status sf__stream_create(const sf_cluster_options *o, sf_stream **out, sf_error *err) {
    *out = NULL;
    sf_stream *s = sf__calloc(1, sizeof *s);
    if (!s) return sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    sf__cluster_options_of(o, &s->o);
    s->x = sf__extractor_create(s->o.lang, !s->o.no_entity);
    if (!s->x) {
        sf__free(s);
        return sf__error_set(err, SF_ERR_UNSUPPORTED,
                             "cluster: no analyzer for language '%s'", s->o.lang);
    }
    if (sf__df_init(&s->df) != SF_OK) {
        sf__extractor_destroy(s->x);
        sf__free(s);
        return sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    }
    sf__map_init(&s->post_idx);
    s->now = SF_TIME_UNKNOWN;
    *out = s;
    return SF_OK;
}

void sf__stream_destroy(sf_stream *s) {
    if (!s) return;
    sf__extractor_destroy(s->x);
    sf__df_release(&s->df);
    for (size_t i = 0; i < s->stories.n; i++) story_free(s->stories.items[i]);
    SF_VEC_FREE(&s->stories);
    SF_VEC_FREE(&s->redirect);
    SF_VEC_FREE(&s->stamp);
    SF_VEC_FREE(&s->hits);
    SF_VEC_FREE(&s->active);
    SF_VEC_FREE(&s->story_of);
    sf__map_release(&s->post_idx);
    for (size_t i = 0; i < s->posts.n; i++) SF_VEC_FREE(&s->posts.items[i]);
    SF_VEC_FREE(&s->posts);
    SF_VEC_FREE(&s->cands);
    SF_VEC_FREE(&s->scratch);
    for (int ch = 0; ch < SF_NCH; ch++) SF_VEC_FREE(&s->qd.v[ch]);
    SF_VEC_FREE(&s->qd.idf);
    sf__free(s);
}

/* Story st (number bid) takes report m: its sequence number, the
 * centroids, the time span; from here on m belongs to the story (kept for
 * refinement while the story is small) or is freed, and *owned says so. */
static sf_status story_take(sf_stream *s, story *st, uint32_t bid, mdoc *m, bool *owned) {
    SF_TRY(SF_VEC_PUSH(&st->seqs, m->seq));
    s->active_members++;
    s->story_of.items[m->seq] = bid;
    for (int ch = 0; ch < SF_NCH; ch++)
        if (ch != SF_CH_LEAD || st->seqs.n <= LEAD_REPORTS)
            SF_TRY(centroid_add(&st->c[ch], &m->d.v[ch], 1.0f, &s->scratch));
    /* a member's lead lives on in the centroid only (the split reads the
     * bodies; halves of a split story have no lead centroid): a tenth of
     * the heap at 100k articles */
    SF_VEC_FREE(&m->d.v[SF_CH_LEAD]);
    story_widen(st, m->t);
    *owned = true;
    if (st->vecs_dropped) {
        mdoc_free(m);
    } else if (SF_VEC_PUSH(&st->m, m) != SF_OK) {
        mdoc_free(m);
        drop_vecs(st);
    } else if (st->m.n > KEEP_VECS) {
        drop_vecs(st);
    }
    if (s->now > st->touched) st->touched = s->now;
    return SF_OK;
}

/* Assign article m; *owned tells whether a story took m (else the caller
 * frees it). */
static sf_status add_doc(sf_stream *s, mdoc *m, bool *owned) {
    *owned = false;
    qdoc *q = &s->qd;
    SF_TRY(qdoc_prepare(s, &m->d, m->t, q, true));
    SF_TRY(gather(s, q->q, q->qw, q->nq, UINT32_MAX));
    keep_best_cands(s);
    double best = -1;
    uint32_t bid = UINT32_MAX;
    double bdot[SF_NCH] = {0}; /* the best story's c.d, for the norm update */
    for (size_t i = 0; i < s->cands.n; i++) {
        uint32_t id = s->cands.items[i].id;
        double dots[SF_NCH];
        double v = sim_doc_story(s, q, s->stories.items[id], dots, s->o.threshold);
        if (v > best || (v == best && id < bid)) {
            best = v;
            bid = id;
            memcpy(bdot, dots, sizeof bdot);
        }
    }
    story *st;
    bool joined = bid != UINT32_MAX && best >= s->o.threshold;
    if (joined) {
        st = s->stories.items[bid];
    } else {
        SF_TRY(story_new(s, &st, &bid));
        st->lang = m->d.lang;
    }
    SF_TRY(story_take(s, st, bid, m, owned));
    if (joined) {
        SF_TRY(story_joined(s, st, q, bdot));
    } else {
        SF_TRY(story_refresh(s, st));
    }
    SF_TRY(index_story(s, bid, q->q, q->nq));
    if (s->o.no_repair || !joined) return SF_OK;
    /* a story's centroid moves most while it is small: look for a merge when
     * it has grown by a quarter since the last look (2, 3, 4, 5, 6, 8, ...
     * members), which keeps the repair cost per article nearly constant */
    if (st->seqs.n >= st->merge_at) {
        st->merge_at = st->seqs.n + (st->seqs.n + 3) / 4;
        SF_TRY(try_merge(s, bid));
        bid = find(s, bid);
        st = s->stories.items[bid];
    }
    if (st && !st->vecs_dropped && st->m.n >= st->split_at && st->m.n == st->seqs.n)
        SF_TRY(try_split(s, bid));
    return SF_OK;
}

sf_status sf__stream_add(sf_stream *s, const char *title, size_t title_len, const char *text,
                         size_t text_len, int64_t published, size_t *seq, sf_error *err) {
    sf_fdoc d = {0};
    sf_status st = sf__extract(s->x, title, title_len, text, text_len, &d);
    if (st != SF_OK) {
        sf__fdoc_release(&d);
        return sf__error_set(err, st, "cluster: article %zu: %s", s->story_of.n, sf_strerror(st));
    }
    return sf__stream_add_fdoc(s, &d, published, seq, err);
}

sf_status sf__stream_set_df(sf_stream *s, sf_dftab *df) {
    uint32_t *t = s->df.cnt;
    s->df.cnt = df->cnt, df->cnt = t;
    s->df.n = df->n;
    s->df.ln_n1 = df->ln_n1;
    s->df.frozen = true;
    return SF_OK;
}

const sf_dftab *sf__stream_df(const sf_stream *s) { return &s->df; }

/* Place article m in story `into` as given, without scoring or repair (a
 * clustering restored, not made): `into` when it is still active, else a
 * new story. The repair schedule (merge_at, split_at) advances as if the
 * story had grown by joins, so that later joins check it as they would have.
 * *id receives the story's id. */
static sf_status place_doc(sf_stream *s, mdoc *m, uint32_t into, uint32_t *id, bool *owned) {
    *owned = false;
    qdoc *q = &s->qd;
    SF_TRY(qdoc_prepare(s, &m->d, m->t, q, true));
    uint32_t bid = into < s->stories.n ? find(s, into) : UINT32_MAX;
    story *st = bid != UINT32_MAX ? s->stories.items[bid] : NULL;
    if (!st) {
        SF_TRY(story_new(s, &st, &bid));
        st->lang = m->d.lang;
    }
    SF_TRY(story_take(s, st, bid, m, owned));
    SF_TRY(story_refresh(s, st));
    SF_TRY(index_story(s, bid, q->q, q->nq));
    if (st->seqs.n >= st->merge_at) st->merge_at = st->seqs.n + (st->seqs.n + 3) / 4;
    if (!st->vecs_dropped && st->m.n >= st->split_at && st->m.n == st->seqs.n) st->split_at *= 2;
    *id = bid;
    return SF_OK;
}

/* sf__stream_add_fdoc; place: into the story `into` (place_doc). */
static sf_status add_fdoc(sf_stream *s, sf_fdoc *d, int64_t published, bool place, uint32_t into,
                          uint32_t *id, size_t *seq, sf_error *err) {
    if (s->story_of.n >= UINT32_MAX) {
        sf__fdoc_release(d);
        return sf__error_set(err, SF_ERR_TOO_LARGE, "cluster: more than 2^32 articles");
    }
    mdoc *m = sf__calloc(1, sizeof *m);
    if (!m) {
        sf__fdoc_release(d);
        return sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    }
    m->seq = (uint32_t)s->story_of.n;
    m->t = published;
    m->d = *d;
    memset(d, 0, sizeof *d);
    sf_status st = sf__df_add(&s->df, &m->d);
    if (st != SF_OK) {
        mdoc_free(m);
        return sf__error_set(err, st, "cluster: article %zu: %s", s->story_of.n, sf_strerror(st));
    }
    /* m->d is divided by its norm when scored (qdoc_prepare) */
    if (SF_VEC_PUSH(&s->story_of, UINT32_MAX) != SF_OK) {
        mdoc_free(m);
        return sf__error_set(err, SF_ERR_NOMEM, "cluster: out of memory");
    }
    if (published != SF_TIME_UNKNOWN && (s->now == SF_TIME_UNKNOWN || published > s->now))
        s->now = published;
    /* check retirement every 256 articles: the active set changes slowly */
    if (++s->since_retire >= 256) {
        s->since_retire = 0;
        retire_quiet(s);
    }
    bool owned = false;
    uint32_t myseq = m->seq; /* add_doc may free m */
    st = place ? place_doc(s, m, into, id, &owned) : add_doc(s, m, &owned);
    if (st != SF_OK) {
        if (!owned) {
            mdoc_free(m);
            s->story_of.n--;
        }
        return sf__error_set(err, st, "cluster: article %zu: %s", s->story_of.n,
                             sf_strerror(st));
    }
    s->st.articles++;
    if (seq) *seq = myseq;
    return SF_OK;
}

sf_status sf__stream_add_fdoc(sf_stream *s, sf_fdoc *d, int64_t published, size_t *seq,
                              sf_error *err) {
    return add_fdoc(s, d, published, false, 0, NULL, seq, err);
}

sf_status sf__stream_place(sf_stream *s, const char *title, size_t title_len, const char *text,
                           size_t text_len, int64_t published, uint32_t into, uint32_t *id,
                           size_t *seq, sf_error *err) {
    sf_fdoc d = {0};
    sf_status st = sf__extract(s->x, title, title_len, text, text_len, &d);
    if (st != SF_OK) {
        sf__fdoc_release(&d);
        return sf__error_set(err, st, "cluster: article %zu: %s", s->story_of.n, sf_strerror(st));
    }
    uint32_t got = UINT32_MAX;
    st = add_fdoc(s, &d, published, true, into, &got, seq, err);
    if (id) *id = got;
    return st;
}

uint32_t sf__stream_story_of(const sf_stream *s, size_t seq) {
    return seq < s->story_of.n ? s->story_of.items[seq] : UINT32_MAX;
}

size_t sf__stream_count(const sf_stream *s) { return s->story_of.n; }

void sf__stream_stats(const sf_stream *s, sf_stream_stats *out) {
    *out = s->st;
    out->active_stories = s->active.n;
    out->postings = s->postings;
}

sf_status sf__stream_observe(sf_stream *s, const char *title, size_t title_len,
                             const char *text, size_t text_len, sf_error *err) {
    sf_fdoc d = {0};
    sf_status st = sf__extract(s->x, title, title_len, text, text_len, &d);
    if (st == SF_OK) st = sf__df_add(&s->df, &d);
    sf__fdoc_release(&d);
    if (st != SF_OK) return sf__error_set(err, st, "cluster: observe: %s", sf_strerror(st));
    return SF_OK;
}

sf_status sf__stream_pair_similarity(sf_stream *s, const sf_article *a, const sf_article *b,
                                     double *story_sim, double *cosine, sf_error *err) {
    sf_fdoc da = {0}, db = {0};
    story one = {0};
    sf_status st = sf__extract(s->x, a->title, strlen(a->title), a->text, a->text_len, &da);
    if (st == SF_OK) st = sf__extract(s->x, b->title, strlen(b->title), b->text, b->text_len, &db);
    if (st == SF_OK) {
        sf__fdoc_normalize(&da, &s->df);
        sf__fdoc_normalize(&db, &s->df);
        st = qdoc_prepare(s, &da, a->published, &s->qd, false);
    }
    /* b as a story of one article */
    one.first = one.last = b->published;
    one.lang = db.lang;
    for (int ch = 0; ch < SF_NCH && st == SF_OK; ch++)
        st = centroid_add(&one.c[ch], &db.v[ch], 1.0f, &s->scratch);
    if (st == SF_OK) st = story_refresh(s, &one);
    if (st == SF_OK) {
        double v = sim_doc_story(s, &s->qd, &one, NULL, 0);
        if (story_sim) *story_sim = v;
        if (cosine) {
            const sf_twvec *q = &s->qd.v[SF_CH_BODY];
            *cosine = one.norm[SF_CH_BODY] > 0 ? dot_q(q, &one.c[SF_CH_BODY]) / one.norm[SF_CH_BODY] : 0;
        }
    }
    for (int ch = 0; ch < SF_NCH; ch++) SF_VEC_FREE(&one.c[ch]);
    sf__fdoc_release(&da);
    sf__fdoc_release(&db);
    if (st != SF_OK) return sf__error_set(err, st, "cluster: pair similarity: %s", sf_strerror(st));
    return SF_OK;
}

void sf__stream_pair_signals(const sf_stream *s, double cos[SF_NCH], bool have[SF_NCH]) {
    memcpy(cos, s->pair_cos, sizeof s->pair_cos);
    memcpy(have, s->pair_have, sizeof s->pair_have);
}

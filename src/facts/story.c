/* story.c - entities, facts and quotes of one story, and the alignment of
 * facts across its articles. Facts are keyed by what they are about (the
 * thing measured or counted, the participle that qualifies a count, the
 * event a date is attached to) and compared as ranges in base units: two
 * sources conflict only when no value of one is compatible with any value of
 * the other; a copy never counts as a second source. */
#include "facts.h"

#include "../ingest/ingest.h" /* sf__article_lang */

#include <ctype.h>
#include <math.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>

const char *sf__fact_status_name(sf_fact_status s) {
    switch (s) {
    case SF_FACT_AGREE: return "agree";
    case SF_FACT_CONFLICT: return "conflict";
    case SF_FACT_UPDATE: return "update";
    default: return "single source";
    }
}

/* One extracted value waiting to be grouped. */
typedef struct item {
    char *key;           /* grouping key */
    char *thing;         /* display of the thing ("Rafiqah Wall") */
    bool thing_cap;      /* written with capitals: preferred for display */
    const char *attribute;
    sf_fact_kind kind;
    size_t doc;          /* index into docs */
    size_t sentence;
    size_t begin, end, unit_begin, unit_end;
    double value, low, high;
    const char *base;
    char date[16];       /* dates: resolved or "" */
    int precision;
    bool relative;
    size_t group;
    size_t entity;       /* dates: the named subject (entity index) or SIZE_MAX */
    /* quantities: what may confirm that two values are about one thing */
    size_t anchors[8];   /* entities named in the sentence, outside the value and its thing */
    size_t nanchors;
    bool loose;          /* "a 12-acre project", "her 18-year-old son": a referent
                          * introduced, not one already known */
    bool rate;           /* "a year", "annually": a rate, not a total */
    bool by_noun;        /* keyed by its noun alone (no subject, no event):
                          * lined up only when two names are shared */
    uint64_t place;      /* counts of an event: hash of the head after "in/at/
                          * during/by/from" ("killed in the floods"), or 0 */
    const char *label;   /* attribute as a reader reads it ("deaths", "length") */
    char *subject;       /* display of the subject ("fire", "Rafiqah Wall") or NULL */
    uint64_t subj;       /* hash of the subject (entity or folded head), 0: none */
    size_t subj_mod;     /* the entity named right before the subject ("the Lauda
                          * Air crash": Lauda Air), or SIZE_MAX */
    char *time;          /* another time the value is tied to, or NULL */
    int64_t published;   /* the article's publication time */
    bool running;        /* a count of an event (deaths...): later reports may update it */
    bool vague;          /* "hundreds", "thousands of": a vague amount */
    double step;         /* an exact quantity: the place of its last written digit,
                          * normalized as its value ("2.5 km": 100 m; "257": 1;
                          * "2,500": 100), or 0 when not known (words) */
    bool part;           /* "five of the workers": a part of a group */
    bool copy;           /* from a near-duplicate article */
    bool twin;           /* a running count its article gives again, fitting,
                          * in a sentence naming other things: two events */
} item;

typedef SF_VEC(item) itemvec;

static void items_free(itemvec *v) {
    for (size_t i = 0; i < v->n; i++)
        sf__free(v->items[i].key), sf__free(v->items[i].thing), sf__free(v->items[i].subject),
            sf__free(v->items[i].time);
    SF_VEC_FREE(v);
}

/* Folded, crudely singular head word ("civilians" -> "civilian"). */
static sf_status head_key(const char *s, size_t n, sf_buf *out) {
    /* last word */
    size_t b = n;
    while (b > 0 && s[b - 1] != ' ') b--;
    size_t start = out->n;
    SF_TRY(sf__fold(s + b, n - b, out));
    size_t len = out->n - start;
    char *w = out->p + start;
    if (len > 4 && memcmp(w + len - 3, "ies", 3) == 0) {
        w[len - 3] = 'y';
        out->n -= 2;
    } else if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's') {
        out->n -= 1;
    }
    if (out->p) out->p[out->n] = '\0';
    return SF_OK;
}

/* Proleptic Gregorian date of a day count since 1970-01-01 (Hinnant). */
static void civil_of(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void story_facts_zero(sf_story_facts *f) { memset(f, 0, sizeof(*f)); }

void sf__story_facts_release(sf_story_facts *f) {
    if (!f) return;
    sf__free(f->articles);
    sf__entities_release(f->entities, f->nentities);
    for (size_t i = 0; i < f->nfacts; i++) {
        sf_fact *x = &f->facts[i];
        sf__free(x->what), sf__free(x->value), sf__free(x->unit), sf__free(x->date), sf__free(x->note);
        sf__free(x->subject), sf__free(x->time);
        for (size_t k = 0; k < x->nmentions; k++) sf__free(x->mentions[k].text), sf__free(x->mentions[k].date);
        sf__free(x->mentions);
    }
    sf__free(f->facts);
    for (size_t i = 0; i < f->nquotes; i++) {
        sf__free(f->quotes[i].speaker), sf__free(f->quotes[i].speaker_text), sf__free(f->quotes[i].text);
    }
    sf__free(f->quotes);
    story_facts_zero(f);
}

static char *dup_view(const char *p, size_t n) { return sf__strndup(p, n); }

/* Do two ranges overlap, allowing 1% for rounding ("2.5 km" vs "2,480 m")? */
static bool compatible(const item *a, const item *b) {
    if (a->kind == SF_FACT_DATE) {
        if (!a->date[0] || !b->date[0]) return true; /* unresolved: cannot disagree */
        size_t n = SF_MIN(strlen(a->date), strlen(b->date));
        return strncmp(a->date, b->date, n) == 0;
    }
    double alo = a->low, ahi = a->high, blo = b->low, bhi = b->high;
    double tol = 0.01;
    return alo <= bhi * (1 + tol) + 1e-9 && blo <= ahi * (1 + tol) + 1e-9;
}

/* The step of the last digit written in an amount, normalized as `value`:
 * the number written ("2.5", "2,500", "1.2" of "1.2 million") gives its
 * own step (0.1, 100, 0.1), and value / number scales it as the unit and
 * multiplier scaled the number. 0 when no digits are written ("thirteen")
 * or the number is 0. Hand-written: the quantity finder keeps the value,
 * not the digits it was read from. */
static double written_step(const char *s, size_t n, double value) {
    size_t i = 0;
    while (i < n && !(s[i] >= '0' && s[i] <= '9')) i++;
    if (i == n) return 0;
    double num = 0, step = 1;
    size_t zeros = 0;
    bool point = false;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (point) step /= 10, num += (c - '0') * step;
            else num = num * 10 + (c - '0'), zeros = c == '0' ? zeros + 1 : 0;
        } else if (c == ',' && i + 3 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            continue; /* thousands */
        } else if (c == '.' && !point && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            point = true;
        } else {
            break;
        }
    }
    if (!point) step = pow(10, (double)zeros);
    if (!(num > 0) || !isfinite(value)) return 0;
    return fabs(value) * step / num;
}

/* Two exact amounts that their digits say are different numbers: "257"
 * and "258" deaths are within the 1% that compatible allows for rounding,
 * but neither is a rounding of the other. Written to the same step, they
 * differ by more than half of it; to different steps, the coarser one
 * may be the finer one rounded or cut ("2.5 km" and "2,560 m"), so they
 * differ by more than the coarser step. */
static bool exact_apart(const item *a, const item *b) {
    if (a->kind == SF_FACT_DATE || b->kind == SF_FACT_DATE || !(a->step > 0) || !(b->step > 0)) return false;
    if (a->low != a->high || b->low != b->high || a->base != b->base) return false;
    double d = fabs(a->value - b->value), big = SF_MAX(a->step, b->step);
    double eps = 1e-9 * SF_MAX(fabs(a->value), fabs(b->value));
    bool same_step = fabs(a->step - b->step) <= 1e-6 * big;
    return d > (same_step ? 0.5 * big : big) + eps;
}

/* Two values that a reader may be told agree. */
static bool agrees(const item *a, const item *b) { return compatible(a, b) && !exact_apart(a, b); }

/* A quantity bounded on one side only: "at least 5", "up to 100". */
static bool open_ended(const item *a) {
    return a->kind != SF_FACT_DATE && (isinf(a->high) || (a->low <= 0 && a->high > 0));
}

/* An open amount and a value twice its bound or more: "more than 18,000"
 * and "nearly 200,000", "more than 30,000" and 317,377, "over 300" and
 * "more than 900". A writer rounds a figure down to "more than X" at the
 * round number nearest below it: had the figure been twice X or more,
 * "more than 2X" was there to write (and "up to X/2" for a figure half of
 * "up to X"). Such a figure is another count, or the same count grown. The
 * figures as written are compared (value), not their ranges: "about
 * 185,000" reaches down to 166,500, but it says 185,000. Such a pair
 * neither agrees nor conflicts: it is never joined, and a group chained
 * through other values does not count it as a conflict. Both open ("more
 * than 300", "more than 5,000"): the bounds. */
static bool far_beyond(const item *open, const item *b) {
    if (!open_ended(open) || !(open->value > 0) || !(b->value > 0)) return false;
    /* a vague amount is written as its range: "tens of thousands" is no
     * figure far below "up to 100,000" */
    if (isinf(open->high)) return (b->vague ? b->low : b->value) >= open->value * 2; /* "more than X" */
    return (b->vague ? b->high : b->value) * 2 <= open->value;                      /* "up to X" */
}

static bool far_bound(const item *a, const item *b) {
    if (a->kind == SF_FACT_DATE || b->kind == SF_FACT_DATE) return false;
    return far_beyond(a, b) || far_beyond(b, a);
}

/* May two values that do not fit be called a conflict? Dates are keyed by
 * their named subject and verb already. Quantities must be anchored: their
 * sentences name a common entity (besides the thing itself), neither
 * introduces its thing as one of many, and both are totals or both rates. */
static bool same_thing(const item *a, const item *b) {
    if (a->kind != SF_FACT_DATE && (a->loose || b->loose || a->rate != b->rate)) return false;
    if (a->subj && b->subj && a->subj != b->subj) return false;
    /* two sentences that each name things and share none are about two
     * events ("the Lauda Air crash killed 223", "the crash off Nantucket
     * killed 217") */
    if (a->kind != SF_FACT_DATE && a->nanchors && b->nanchors) {
        bool any = false;
        for (size_t i = 0; i < a->nanchors && !any; i++)
            for (size_t j = 0; j < b->nanchors && !any; j++) any = a->anchors[i] == b->anchors[j];
        if (!any) return false;
    }
    /* both name the event alike ("the fire killed", "killed in the fire");
     * an agent ("police arrested") names no event */
    if (a->running && a->subj && a->subj == b->subj && a->subj_mod == b->subj_mod && a->subject &&
        a->subject[0] >= 'a' && a->subject[0] <= 'z' &&
        (strcmp(a->label, "deaths") == 0 || strcmp(a->label, "injured") == 0 || strcmp(a->label, "missing") == 0 ||
         strcmp(a->label, "evacuated") == 0))
        return true;
    /* counts of one event placed alike: "killed in the floods" twice */
    if (a->place && a->place == b->place) return true;
    /* a count keyed by its noun alone, or a running count whose event is
     * not named alike, needs two shared names ("residents" of Marlow
     * Bridge by the Tamsin River, twice); one shared country is too little
     * in a broad story that reports the tolls of many attacks */
    size_t need = a->by_noun || b->by_noun || (a->kind != SF_FACT_DATE && a->running) ? 2 : 1, shared = 0;
    for (size_t i = 0; i < a->nanchors; i++)
        for (size_t j = 0; j < b->nanchors; j++)
            /* a date is keyed by its subject: another name must be shared
             * ("the board recommended" twice is two recommendations) */
            if (a->anchors[i] == b->anchors[j] && (a->kind != SF_FACT_DATE || a->anchors[i] != a->entity) &&
                ++shared >= need)
                return true;
    return false;
}

/* Do the sentences of two values each name things and share none? In one
 * article they speak of two events, whatever their labels: "he killed his
 * wife and his two children in Stockbridge" and "In Pelham, Ala., a man shot
 * two people to death". */
static bool share_anchor(const item *a, const item *b) {
    for (size_t i = 0; i < a->nanchors; i++)
        for (size_t j = 0; j < b->nanchors; j++)
            if (a->anchors[i] == b->anchors[j]) return true;
    return false;
}

/* A count under ten: such values of two reports often fit by chance. */
static bool small_count(const item *a) {
    return a->kind == SF_FACT_QUANTITY && strcmp(a->base, "count") == 0 && a->high < 10;
}

/* Do two values have one subject, a name ("Raqqa"), not a common noun
 * ("war")? */
static bool same_name(const item *a, const item *b) {
    return a->subj && a->subj == b->subj && a->subject && a->subject[0] >= 'A' && a->subject[0] <= 'Z';
}

static bool anchors_apart(const item *a, const item *b) {
    return a->nanchors && b->nanchors && !share_anchor(a, b);
}

/* Is one value's sentence a copy of the other's: do most word pairs of the
 * shorter (three quarters; case folded, its first 96 words) stand in the
 * longer? Wire
 * rewrites and re-sent reports carry the same sentence ("Congress
 * overturned the vetoes of 38 military construction projects worth $287
 * million"): one source, written twice, confirms nothing. A copy carries
 * the value as written: "2,500-meter" and "2.5km" are two writings. */
#define COPY_WORDS 96
static size_t word_pairs(const sf_doc *d, size_t s, uint64_t *out) {
    size_t n = 0, e = d->sent_tok[s + 1];
    uint64_t prev = 0;
    for (size_t k = d->sent_tok[s]; k < e && n < COPY_WORDS; k++) {
        const sf_token *t = &d->toks.items[k];
        if (t->kind != SF_TOK_WORD && t->kind != SF_TOK_NUMBER) continue;
        uint64_t h = 1469598103934665603ULL;
        for (size_t i = t->begin; i < t->end; i++) {
            unsigned char ch = (unsigned char)d->text[i];
            h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch + 32u : ch)) * 1099511628211ULL;
        }
        if (prev) out[n++] = prev * 31 + h;
        prev = h;
    }
    return n;
}

/* Are two values written alike (case aside)? */
static bool same_words(const sf_doc *docs, const item *a, const item *b) {
    return a->end - a->begin == b->end - b->begin &&
           sf__view_eq_nocase(sf__view(docs[a->doc].text + a->begin, a->end - a->begin),
                              sf__view(docs[b->doc].text + b->begin, b->end - b->begin));
}

/* Does b's sentence also write a's value as a's report writes it ("six
 * bombings, including three in Atlanta" beside "three Atlanta bombings")?
 * Then the two values are a whole and a part, not a disagreement. */
static bool also_says(const sf_doc *docs, const item *a, const item *b) {
    const sf_doc *da = &docs[a->doc], *db = &docs[b->doc];
    size_t n = a->end - a->begin;
    if (n == 0 || n > 32) return false;
    const char *w = da->text + a->begin;
    size_t t0 = db->sent_tok[b->sentence], t1 = db->sent_tok[b->sentence + 1];
    for (size_t t = t0; t < t1; t++) {
        const sf_token *k = &db->toks.items[t];
        if (k->begin >= b->begin && k->begin < b->end) continue; /* b's own value */
        if (k->end - k->begin == n && strncasecmp(db->text + k->begin, w, n) == 0) return true;
    }
    return false;
}

static bool sentence_copied(const sf_doc *docs, const item *a, const item *b) {
    /* a value worded otherwise ("2.5km", "2,500-meter") is no copy */
    if (!same_words(docs, a, b)) return false;
    uint64_t pa[COPY_WORDS], pb[COPY_WORDS];
    size_t na = word_pairs(&docs[a->doc], a->sentence, pa), nb = word_pairs(&docs[b->doc], b->sentence, pb);
    if (!na || !nb) return false;
    const uint64_t *sh = na <= nb ? pa : pb, *lo = na <= nb ? pb : pa;
    size_t ns = SF_MIN(na, nb), nl = SF_MAX(na, nb), hit = 0;
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < nl; j++)
            if (sh[i] == lo[j]) {
                hit++;
                break;
            }
    return hit * 4 >= ns * 3; /* three quarters */
}

static void fmt_num(char *buf, size_t n, double v) {
    if (isinf(v)) snprintf(buf, n, "%s", v > 0 ? "inf" : "-inf");
    else if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15) snprintf(buf, n, "%.0f", v);
    else snprintf(buf, n, "%.4g", v);
}

static void fmt_range(char *buf, size_t n, const item *it) {
    char a[40], b[40];
    if (it->kind == SF_FACT_DATE) {
        snprintf(buf, n, "%s", it->date[0] ? it->date : "unresolved");
        return;
    }
    fmt_num(a, sizeof a, it->low);
    fmt_num(b, sizeof b, it->high);
    if (it->low == it->high) snprintf(buf, n, "%s %s", a, it->base);
    else snprintf(buf, n, "%s-%s %s", a, b, it->base);
}

/* Two reports of a running count at least this far apart (seconds), the
 * later one higher, are a count and its update ("60 dead", then "65
 * dead"); closer together, or the later one lower, they disagree. */
#define UPDATE_GAP (3 * 3600)

/* Values of one key are compared with the next PAIR_WINDOW of them (in
 * article and text order), and a fact's status is read from its first
 * PAIR_WINDOW mentions: real stories stay far below it, and a pathological
 * article (a one-line 50 MB page of tolls) stays linear. */
#define PAIR_WINDOW 64

static bool plain_count(const item *a) {
    return a->kind == SF_FACT_QUANTITY && (strcmp(a->label, "count") == 0 || strcmp(a->label, "percentage") == 0);
}

static bool later_is_higher(const item *a, const item *b) {
    if (a->published > b->published) {
        const item *t = a;
        a = b, b = t;
    }
    return b->published - a->published >= UPDATE_GAP && b->low >= a->low && b->high >= a->high;
}

typedef struct group_info {
    size_t first, count, narticles;
    sf_fact_status status;
    size_t mstart;       /* its items: members[mstart .. mstart + count) */
} group_info;

static int cmp_groups(const void *x, const void *y) {
    const group_info *a = x, *b = y;
    if (a->status != b->status) {
        /* conflicts, updates, agreements, then single-source */
        int ra = a->status == SF_FACT_CONFLICT ? 0 : a->status == SF_FACT_UPDATE ? 1 : a->status == SF_FACT_AGREE ? 2 : 3;
        int rb = b->status == SF_FACT_CONFLICT ? 0 : b->status == SF_FACT_UPDATE ? 1 : b->status == SF_FACT_AGREE ? 2 : 3;
        return ra - rb;
    }
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

static sf_status build_fact(const sf_doc *docs, itemvec *iv, const size_t *members, const group_info *g,
                            sf_fact *f) {
    memset(f, 0, sizeof(*f));
    const size_t *mem = members + g->mstart;
    item *first = &iv->items[g->first];
    f->kind = first->kind;
    f->status = g->status;
    f->narticles = g->narticles;
    f->entity = first->entity;
    f->base = first->kind == SF_FACT_DATE ? "date" : first->base;
    /* display thing: one written with capitals if any */
    const char *thing = first->thing;
    for (size_t i = 0; i < g->count; i++)
        if (iv->items[mem[i]].thing_cap) {
            thing = iv->items[mem[i]].thing;
            break;
        }
    /* the subject: one written with capitals, else the first named */
    const char *subject = NULL;
    size_t best = 0;
    size_t look = SF_MIN(g->count, PAIR_WINDOW);
    for (size_t i = 0; i < look && first->kind != SF_FACT_DATE; i++) {
        const item *it = &iv->items[mem[i]];
        if (!it->subject) continue;
        size_t same = 0; /* the subject most mentions give; a name on a tie */
        for (size_t k = 0; k < look; k++) same += iv->items[mem[k]].subj == it->subj;
        bool cap = it->subject[0] >= 'A' && it->subject[0] <= 'Z';
        if (same > best || (same == best && cap && !(subject[0] >= 'A' && subject[0] <= 'Z')))
            best = same, subject = it->subject;
    }
    if (first->kind == SF_FACT_DATE) subject = thing;
    char what[400];
    if (subject && subject[0]) snprintf(what, sizeof what, "%s / %s", subject, first->label);
    else snprintf(what, sizeof what, "%s", first->label);
    f->what = sf__strndup(what, strlen(what));
    f->subject = sf__strndup(subject ? subject : "", subject ? strlen(subject) : 0);
    f->attribute = first->label;
    if (first->time) {
        f->time = sf__strndup(first->time, strlen(first->time));
        if (!f->time) return SF_ERR_NOMEM;
    }
    if (!f->subject) return SF_ERR_NOMEM;
    const sf_doc *d0 = &docs[first->doc];
    f->value = dup_view(d0->text + first->begin, first->end - first->begin);
    f->unit = dup_view(d0->text + first->unit_begin, first->unit_end - first->unit_begin);
    f->normalized = first->kind == SF_FACT_DATE ? NAN : first->value;
    f->low = first->kind == SF_FACT_DATE ? NAN : -INFINITY;
    f->high = first->kind == SF_FACT_DATE ? NAN : INFINITY;
    if (first->kind == SF_FACT_DATE && first->date[0]) f->date = sf__strndup(first->date, strlen(first->date));
    f->mentions = sf__calloc(g->count, sizeof(sf_fact_mention));
    if (!f->what || !f->value || !f->unit || !f->mentions) return SF_ERR_NOMEM;
    char note[600] = "";
    size_t used = 0;
    const item *conflict_a = NULL, *conflict_b = NULL;
    for (size_t i = 0; i < g->count; i++) {
        item *it = &iv->items[mem[i]];
        const sf_doc *d = &docs[it->doc];
        sf_fact_mention *fm = &f->mentions[f->nmentions++];
        fm->article = d->article;
        fm->published = it->published;
        fm->sentence = d->sents.items[it->sentence];
        fm->span = (sf_span){it->begin, it->end};
        fm->text = dup_view(d->text + it->begin, it->end - it->begin);
        if (!fm->text) return SF_ERR_NOMEM;
        fm->value = it->kind == SF_FACT_DATE ? NAN : it->value;
        fm->low = it->kind == SF_FACT_DATE ? NAN : it->low;
        fm->high = it->kind == SF_FACT_DATE ? NAN : it->high;
        if (it->date[0]) {
            fm->date = sf__strndup(it->date, strlen(it->date));
            if (!fm->date) return SF_ERR_NOMEM;
        }
        if (it->kind != SF_FACT_DATE && g->status != SF_FACT_CONFLICT) {
            f->low = SF_MAX(f->low, it->low);
            f->high = SF_MIN(f->high, it->high);
        }
        if (!conflict_a) conflict_a = it;
        else if (!conflict_b && it->doc != conflict_a->doc && !compatible(conflict_a, it)) conflict_b = it;
        if (used < sizeof note - 80) {
            char r[100];
            fmt_range(r, sizeof r, it);
            used += (size_t)snprintf(note + used, sizeof note - used, "%s%s", used ? "; " : "", r);
        }
    }
    if ((g->status == SF_FACT_CONFLICT || g->status == SF_FACT_UPDATE) && f->kind != SF_FACT_DATE)
        f->low = f->high = NAN;
    /* values with no common range have no one value to show */
    if (f->kind != SF_FACT_DATE && f->low > f->high * 1.01 + 1e-9) f->low = f->high = f->normalized = NAN;
    if (g->status == SF_FACT_UPDATE) {
        /* in time order, the latest last (insertion sort: few mentions) */
        for (size_t i = 1; i < f->nmentions; i++)
            for (size_t k = i; k > 0 && f->mentions[k - 1].published > f->mentions[k].published; k--) {
                sf_fact_mention t = f->mentions[k];
                f->mentions[k] = f->mentions[k - 1];
                f->mentions[k - 1] = t;
            }
        const sf_fact_mention *last = &f->mentions[f->nmentions - 1];
        f->normalized = last->value;
        sf__free(f->value);
        f->value = sf__strndup(last->text, strlen(last->text));
        if (!f->value) return SF_ERR_NOMEM;
    }
    if (first->kind == SF_FACT_DATE && !first->date[0])
        snprintf(note + used, sizeof note - used, " (relative date not resolved: publication time unknown)");
    f->note = sf__strndup(note, strlen(note));
    return f->note ? SF_OK : SF_ERR_NOMEM;
}

/* Token index of the first token of sentence s beginning at or after `at`. */
static size_t tok_at(const sf_doc *d, size_t s, size_t at) {
    size_t k = d->sent_tok[s], e = d->sent_tok[s + 1];
    while (k < e) { /* binary search: a sentence may be megabytes long */
        size_t mid = k + (e - k) / 2;
        if (d->toks.items[mid].begin < at) k = mid + 1;
        else e = mid;
    }
    return k;
}

/* Mention of the doc in sentence s whose last token is t - 1 (SIZE_MAX).
 * Matched by bytes: a mention ends where its last token ends. */
static size_t mention_ending(const sf_doc *d, const sf_mention *m, size_t nm, size_t s, size_t t) {
    if (t == 0) return SIZE_MAX;
    size_t end = d->toks.items[t - 1].end;
    for (size_t k = 0; k < nm; k++)
        if (m[k].article == d->article && m[k].sentence == s && m[k].end == end && m[k].entity != SIZE_MAX) return k;
    return SIZE_MAX;
}

/* The named subject of the verb at token v: the mention that ends right
 * before it, past auxiliaries and adverbs ("has also said") and a relative
 * "who"/"which" after a comma ("Shaker, who led ..."). Not the first name of
 * the sentence: in "the envoy to the US said", the US said nothing. A
 * coordinated subject ("Washington and the SDF said") is several actors:
 * the result is SIZE_MAX with *compound set. *phrase is where the subject's
 * words begin (SIZE_MAX when there is no named subject). */
static size_t verb_subject(const sf_doc *d, const sf_mention *m, size_t nm, size_t s, size_t v,
                           size_t *phrase, bool *compound) {
    static const char *const SKIP[] = {"has", "have", "had", "was", "were", "is", "are", "will", "would",
                                       "could", "should", "may", "might", "can", "also", "then", "later",
                                       "reportedly", "officially", "formally", "finally", "already", "just",
                                       "not", "never", "jointly", "again", "still", "first", "last", NULL};
    static const char *const REL[] = {"who", "which", "that", NULL};
    *phrase = SIZE_MAX;
    *compound = false;
    size_t s0 = d->sent_tok[s], k = v;
    while (k > s0 && sf__tok_in(d, k - 1, SKIP)) k--;
    if (k > s0 && sf__tok_in(d, k - 1, REL)) {
        k--;
        if (k > s0 && d->text[d->toks.items[k - 1].begin] == ',') k--;
    }
    size_t mi = mention_ending(d, m, nm, s, k);
    if (mi == SIZE_MAX) return SIZE_MAX;
    *phrase = m[mi].begin;
    /* "X and (the) Y", "X, Y and Z" */
    size_t b = tok_at(d, s, m[mi].begin);
    for (;;) {
        size_t j = b;
        if (j > s0 && sf__tok_is(d, j - 1, "the")) j--;
        if (j <= s0 || !(sf__tok_is(d, j - 1, "and") || d->text[d->toks.items[j - 1].begin] == ',')) break;
        j--;
        if (j > s0 && sf__tok_is(d, j - 1, "the")) j--;
        size_t other = mention_ending(d, m, nm, s, j);
        if (other == SIZE_MAX) break;
        *compound = true;
        *phrase = m[other].begin;
        b = tok_at(d, s, m[other].begin);
    }
    return *compound ? SIZE_MAX : m[mi].entity;
}

/* Entities named in sentence s of the doc outside bytes [lo, hi) (the value
 * and its thing): what a second sentence must share with this one before
 * their values can be said to disagree. */
static size_t sentence_anchors(const sf_mention *m, size_t nm, size_t article, size_t s, size_t lo,
                               size_t hi, size_t *out, size_t cap) {
    size_t n = 0;
    for (size_t k = 0; k < nm && n < cap; k++) {
        if (m[k].article != article || m[k].sentence != s || m[k].entity == SIZE_MAX) continue;
        if (m[k].begin < hi && m[k].end > lo) continue;
        /* a dateline ("BEIJING (AP) _") names where the desk is, in every article */
        if (s == 0 && (m[k].flags & SF_MENTION_ACRONYM) && (m[k].flags & SF_MENTION_INITIAL)) continue;
        bool dup = false;
        for (size_t j = 0; j < n; j++) dup |= out[j] == m[k].entity;
        if (!dup) out[n++] = m[k].entity;
    }
    return n;
}

/* Is the value introduced as one of many ("a new 2.5-minute trailer", "an
 * 885-acre expansion", "a 2-minute 10-second trailer") or owned by a
 * pronoun ("their 7,300-acre reservation")? Then two sources cannot be
 * known to speak of one thing. "an estimated 100", "a total of 500" are
 * hedges, not new referents. */
static bool loose_referent(const sf_doc *d, size_t s, size_t at) {
    static const char *const INTRO[] = {"a", "an", "another", "his", "her", "their", "its", "my", "our",
                                        "your", "one", NULL};
    static const char *const HEDGE[] = {"estimated", "total", "record", "reported", "combined", "further",
                                        "additional", "mere", "whopping", "staggering", "maximum", "minimum",
                                        NULL};
    size_t s0 = d->sent_tok[s], t = tok_at(d, s, at);
    for (size_t back = 0; back < 5 && t > s0; back++, t--) {
        const sf_token *tk = &d->toks.items[t - 1];
        if (tk->kind == SF_TOK_NUMBER || (tk->kind == SF_TOK_PUNCT && d->text[tk->begin] == '-')) continue;
        if (tk->kind != SF_TOK_WORD) return false;
        if (sf__tok_in(d, t - 1, INTRO)) return !(t < d->sent_tok[s + 1] && sf__tok_in(d, t, HEDGE));
    }
    return false;
}

/* "Webb and three other people were shot", "two more people died": a
 * count relative to someone named or to an earlier count, not the total;
 * two such counts scoped differently look like a conflict and are none. */
static bool relative_count(const sf_doc *d, size_t s, size_t end) {
    static const char *const RELATIVE[] = {"other", "others", "more", "additional", NULL};
    size_t t = tok_at(d, s, end);
    return t < d->sent_tok[s + 1] && sf__tok_in(d, t, RELATIVE);
}

/* "Five of the plant's workers", "two of them": a part of a group. It may
 * repeat another report's part ("17 of the states" and "17 states"), but
 * beside the whole ("the quake killed 12,000") it is no conflict. */
static bool part_of_group(const sf_doc *d, size_t s, size_t end) {
    static const char *const GROUP[] = {"the", "them", "those", "these", "his", "her", "its", "their",
                                        "our", "whom", "which", NULL};
    size_t t = tok_at(d, s, end), e = d->sent_tok[s + 1];
    return t + 1 < e && sf__tok_is(d, t, "of") && sf__tok_in(d, t + 1, GROUP);
}

/* "16,500 deaths a year", "save 1,300 lives annually": a rate. */
static bool rate_cue(const sf_doc *d, size_t s, size_t after) {
    static const char *const CUES[] = {" a year", " annually", " per year", " each year", " every year",
                                       " a day", " per day", " each day", " a month", " per month",
                                       " a week", " per week", " per capita", " per person", NULL};
    size_t end = SF_MIN(d->sents.items[s].end, after + 48);
    for (const char *const *c = CUES; *c; c++) {
        size_t cl = strlen(*c);
        for (size_t i = after; i + cl <= end; i++)
            if (sf__view_eq_nocase(sf__view(d->text + i, cl), sf__view(*c, cl))) return true;
    }
    return false;
}

/* "killed in the floods", "hurt during the protest": the head word that
 * places the counted event, as a hash of its folded singular (0: none). */
static uint64_t event_place(const sf_doc *d, size_t s, size_t after, sf_buf *tmp) {
    static const char *const PREP[] = {"in", "at", "during", "by", "from", "after", "near", NULL};
    static const char *const DET[] = {"the", "a", "an", "this", "that", "last", "its", "their", "his", "her",
                                      "recent", "deadly", "latest", NULL};
    size_t e = d->sent_tok[s + 1], t = tok_at(d, s, after);
    for (size_t k = t; k < e && k < t + 10; k++) {
        if (!sf__tok_in(d, k, PREP)) continue;
        size_t w = k + 1;
        while (w < e && sf__tok_in(d, w, DET)) w++;
        if (w >= e || d->toks.items[w].kind != SF_TOK_WORD) return 0;
        sf__buf_reset(tmp);
        if (head_key(d->text + d->toks.items[w].begin, d->toks.items[w].end - d->toks.items[w].begin, tmp) !=
                SF_OK ||
            tmp->n == 0)
            return 0;
        return sf__hash64(tmp->p, tmp->n, 9) | 1;
    }
    return 0;
}

/* Words that place an amount in time ("four days earlier", "60 years
 * later"): not a thing the amount measures. */
static bool relative_time_word(const char *p, size_t n) {
    static const char *const W[] = {"earlier", "later", "before", "after", "ago", "since", "afterward",
                                    "afterwards", NULL};
    for (const char *const *w = W; *w; w++)
        if (sf__view_eq_nocase(sf__view(p, n), sf__view_cstr(*w))) return true;
    return false;
}

/* The subject of a quantity as a reader names it. This is the one place
 * that asks the name recognizer: a subject inside a name the story's
 * entities know ("Rafiqah wall", "Raqa") is shown with the entity's name;
 * otherwise the words as written. Either is keyed by the folded, singular
 * head of the words written ("the floods" = "flood", "Rafiqah Wall" =
 * "the 2,500-meter wall"), so a name and a plain noun for one thing meet. */
static sf_status subject_name(const sf_doc *d, const sf_mention *m, size_t nm, const sf_entity *ents,
                              const sf_quantity *q, item *it, sf_buf *tmp) {
    size_t b = q->subj_begin, e = q->subj_end;
    const char *name = NULL;
    for (size_t k = 0; k < nm && !name; k++) {
        if (m[k].article != d->article || m[k].sentence != q->sentence || m[k].entity == SIZE_MAX) continue;
        /* a name right before the subject's words modifies it */
        if (m[k].end <= b && b > 0) {
            size_t g = m[k].end;
            while (g < b && (d->text[g] == ' ' || d->text[g] == '\n')) g++;
            if (g == b) it->subj_mod = m[k].entity;
        }
        if (m[k].begin >= e || m[k].end <= b) continue;
        name = ents[m[k].entity].name;
    }
    char buf[200];
    size_t o = 0;
    for (size_t i = b; i < e && o + 1 < sizeof buf; i++) {
        char ch = d->text[i] == '\n' || d->text[i] == '\r' || d->text[i] == '\t' ? ' ' : d->text[i];
        if (ch == ' ' && o && buf[o - 1] == ' ') continue;
        buf[o++] = ch;
    }
    buf[o] = '\0';
    if (name) o = (size_t)snprintf(buf, sizeof buf, "%s", name), o = SF_MIN(o, sizeof buf - 1);
    sf__buf_reset(tmp);
    SF_TRY(head_key(buf, o, tmp));
    /* a distance is between two places: "Izmit to Istanbul" */
    if (q->ref_end > q->ref_begin && o + 8 + (q->ref_end - q->ref_begin) < sizeof buf) {
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%.*s", o ? " to " : "from ",
                              (int)(q->ref_end - q->ref_begin), d->text + q->ref_begin);
        SF_TRY(sf__buf_addf(tmp, "|%.*s", (int)(q->ref_end - q->ref_begin), d->text + q->ref_begin));
    }
    /* "about 300 kms from Darwin" with nothing located ("the mine", "the
     * protest site", "the plane's last contact"): two such distances may
     * be of two places, so they are never confirmed to be one fact */
    if (q->ref_end > q->ref_begin && b >= e) it->loose = true;
    it->subject = sf__strndup(buf, o);
    if (!it->subject) return SF_ERR_NOMEM;
    it->subj = tmp->n ? (sf__hash64(tmp->p, tmp->n, 12) | 1) : 0;
    return SF_OK;
}

/* Is the quantity tied to another time than the story's: a past cue, or a
 * year before the article's (publication year, or when that is not known
 * the latest year the article dates anything with)? A later year is a plan
 * of this story ("production from 2028"), not another event. */
static bool other_time_of(const sf_quantity *q, int64_t pub, int year_ref) {
    if (q->past) return true;
    if (!q->year) return false;
    if (pub != SF_TIME_UNKNOWN) {
        int y, mo, dd;
        int64_t days = pub >= 0 ? pub / 86400 : -((-pub + 86399) / 86400);
        civil_of(days, &y, &mo, &dd);
        return q->year < y;
    }
    return year_ref && q->year < year_ref;
}

/* The mentions of sentence s among m[lo..hi), one doc's mentions in text
 * order: found by binary search, so a doc of a million mentions costs a
 * logarithm per value, not a scan. */
static void sentence_mentions(const sf_mention *m, size_t lo, size_t hi, size_t s, size_t *a, size_t *b) {
    size_t l = lo, h = hi;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (m[mid].sentence < s) l = mid + 1;
        else h = mid;
    }
    *a = l;
    h = hi;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (m[mid].sentence <= s) l = mid + 1;
        else h = mid;
    }
    *b = l;
}

/* How far from a value (its number, thing and subject; a date and its
 * verb) the names of its sentence are looked at: its anchors, its named
 * subject. A news sentence is rarely over 300 words, so this is the whole
 * sentence; a "sentence" of megabytes (one line without full stops, one
 * text node) is read in windows around each value, so each costs the
 * window, not the sentence (docs/input-limits.md). */
#define FACT_REACH 2048

/* Narrow [*a, *b), mentions of one sentence in text order, to those that
 * begin within FACT_REACH bytes of [lo, hi). Binary search, so a sentence
 * of a million names costs a logarithm per value. */
static void near_mentions(const sf_mention *m, size_t lo, size_t hi, size_t *a, size_t *b) {
    if (!m) return;
    size_t from = lo > FACT_REACH ? lo - FACT_REACH : 0, to = hi + FACT_REACH;
    size_t l = *a, h = *b;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (m[mid].begin < from) l = mid + 1;
        else h = mid;
    }
    size_t first = l;
    h = *b;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (m[mid].begin < to) l = mid + 1;
        else h = mid;
    }
    *a = first, *b = l;
}

static sf_status collect(const sf_corpus *c, sf_doc *docs, size_t nd, const sf_mention *m,
                         size_t nm, const sf_entity *ents, const size_t *orig, itemvec *iv) {
    sf_buf key, tmp;
    sf__buf_init(&key, 1 << 16);
    sf__buf_init(&tmp, 1 << 12);
    sf_quantvec qv = {0};
    sf_datevec dv = {0};
    sf_status st = SF_OK;
    for (size_t di = 0; di < nd && st == SF_OK; di++) {
        sf_doc *d = &docs[di];
        qv.n = 0;
        dv.n = 0;
        /* this doc's mentions: contiguous, in text order */
        size_t ms = 0, me = 0;
        while (ms < nm && m[ms].article != d->article) ms++;
        me = ms;
        while (me < nm && m[me].article == d->article) me++;
        size_t sa = 0, sb = 0;
        st = sf__find_quantities(d, &qv);
        int64_t pub = sf_corpus_get(c, d->article)->published;
        if (st == SF_OK) st = sf__find_dates(d, pub, &dv);
        int year_ref = 0;
        for (size_t k = 0; k < dv.n; k++) year_ref = SF_MAX(year_ref, dv.items[k].year);
        for (size_t k = 0; k < qv.n && st == SF_OK; k++) {
            const sf_quantity *q = &qv.items[k];
            item it = {0};
            it.kind = SF_FACT_QUANTITY;
            it.entity = SIZE_MAX;
            it.subj_mod = SIZE_MAX;
            it.attribute = q->attribute;
            it.label = q->label ? q->label : q->attribute;
            it.doc = di, it.sentence = q->sentence;
            it.begin = q->begin, it.end = q->end, it.unit_begin = q->unit_begin, it.unit_end = q->unit_end;
            it.value = q->value, it.low = q->low, it.high = q->high, it.base = q->base;
            it.published = pub;
            it.copy = orig && orig[di] != SIZE_MAX;
            it.running = q->event != NULL && strcmp(q->base, "count") == 0;
            it.vague = q->vague;
            if (q->low == q->high && !q->range && !q->vague)
                it.step = written_step(d->text + q->begin, q->end - q->begin, q->value);
            it.part = part_of_group(d, q->sentence, q->end);
            sentence_mentions(m, ms, me, q->sentence, &sa, &sb);
            {
                size_t lo = q->begin, hi = SF_MAX(q->end, q->thing_end);
                if (q->subj_end > q->subj_begin) lo = SF_MIN(lo, q->subj_begin), hi = SF_MAX(hi, q->subj_end);
                near_mentions(m, lo, hi, &sa, &sb);
            }
            const sf_mention *sm = m ? m + sa : NULL; /* m NULL: no names */
            it.nanchors = sentence_anchors(sm, sb - sa, d->article, q->sentence, q->begin,
                                           SF_MAX(q->end, q->thing_end), it.anchors, SF_ARRAY_LEN(it.anchors));
            it.loose = loose_referent(d, q->sentence, q->begin) || relative_count(d, q->sentence, q->end);
            it.rate = rate_cue(d, q->sentence, SF_MAX(q->end, q->thing_end));
            if (q->event) it.place = event_place(d, q->sentence, SF_MAX(q->end, q->thing_end), &tmp);
            if ((q->subj_end > q->subj_begin &&
                 !relative_time_word(d->text + q->subj_begin, q->subj_end - q->subj_begin)) ||
                q->ref_end > q->ref_begin)
                st = subject_name(d, sm, sb - sa, ents, q, &it, &tmp);
            sf__buf_reset(&key);
            if (st == SF_OK && other_time_of(q, pub, year_ref)) {
                /* tied to another time: that event's fact, kept apart */
                it.time = dup_view(d->text + q->time_begin, q->time_end - q->time_begin);
                sf__buf_addf(&key, "@%zu:%zu", d->article, q->begin);
                if (!it.time) st = SF_ERR_NOMEM;
            } else if (it.running) {
                /* a toll of the story's event: lined up by attribute; the
                 * subject, place and names decide whether two differing
                 * values are about one event (same_thing) */
                sf__buf_addf(&key, "q|%s|", it.label);
                /* a small count fits another by chance ("two cars" and "two
                 * guards" convicted): it is lined up only with counts of
                 * the same noun (case folded, a plural's -s dropped) */
                if (strcmp(q->base, "count") == 0 && q->high < 10 && q->thing_end > q->thing_begin) {
                    size_t tn = q->thing_end - q->thing_begin;
                    const char *tp = d->text + q->thing_begin;
                    if (tn > 3 && (tp[tn - 1] == 's' || tp[tn - 1] == 'S')) tn--;
                    for (size_t ci = 0; ci < tn; ci++) sf__buf_addc(&key, (char)tolower((unsigned char)tp[ci]));
                }
            } else if (it.subject) {
                sf__buf_addf(&key, "q|%s|%s|%016llx", it.label, q->base, (unsigned long long)it.subj);
                /* a count or share of a plain noun ("23 tribes", "38
                 * percent of voters") is lined up only when its sentence
                 * names two things another one shares (same_thing); with
                 * no name at all it stands alone. A measure, a sum or a
                 * population of a subject needs one shared name. */
                bool anchored = strcmp(it.label, "count") != 0 && strcmp(it.label, "percentage") != 0 &&
                                strcmp(it.label, "amount") != 0;
                if (!anchored) {
                    if (it.nanchors) it.by_noun = true;
                    else sf__buf_addf(&key, "@%zu:%zu", d->article, q->begin);
                }
            } else {
                /* nothing to line it up by: it stands alone */
                sf__buf_addf(&key, "@%zu:%zu", d->article, q->begin);
            }
            it.thing = sf__strndup(it.subject ? it.subject : "", it.subject ? strlen(it.subject) : 0);
            if (st != SF_OK || sf__buf_status(&key) != SF_OK || !it.thing) {
                sf__free(it.thing), sf__free(it.subject), sf__free(it.time);
                st = st != SF_OK ? st : SF_ERR_NOMEM;
                break;
            }
            it.key = sf__strndup(key.p, key.n);
            if (!it.key || SF_VEC_PUSH(iv, it) != SF_OK) {
                sf__free(it.key), sf__free(it.thing), sf__free(it.subject), sf__free(it.time);
                st = SF_ERR_NOMEM;
            }
        }
        for (size_t k = 0; k < dv.n && st == SF_OK; k++) {
            const sf_date *dt = &dv.items[k];
            item it = {0};
            it.kind = SF_FACT_DATE;
            it.entity = SIZE_MAX;
            it.subj_mod = SIZE_MAX;
            it.attribute = "date";
            it.label = "date";
            it.published = pub;
            it.copy = orig && orig[di] != SIZE_MAX;
            it.doc = di, it.sentence = dt->sentence;
            it.begin = dt->begin, it.end = dt->end, it.unit_begin = it.unit_end = dt->begin;
            it.value = it.low = it.high = NAN;
            it.base = "date";
            sf__date_format(dt, it.date);
            sentence_mentions(m, ms, me, dt->sentence, &sa, &sb);
            if (dt->event_end > dt->event_begin)
                near_mentions(m, SF_MIN(dt->begin, dt->event_begin), SF_MAX(dt->end, dt->event_end), &sa, &sb);
            else
                near_mentions(m, dt->begin, dt->end, &sa, &sb);
            const sf_mention *sm = m ? m + sa : NULL; /* m NULL: no names */
            it.nanchors = sentence_anchors(sm, sb - sa, d->article, dt->sentence, dt->begin, dt->end, it.anchors,
                                           SF_ARRAY_LEN(it.anchors));
            sf__buf_reset(&key);
            char thing[300] = "";
            bool has_event = dt->event_end > dt->event_begin, own_key = false;
            size_t phrase = SIZE_MAX;
            bool compound = false;
            size_t subj = has_event ? verb_subject(d, sm, sb - sa, dt->sentence, tok_at(d, dt->sentence, dt->event_begin),
                                                   &phrase, &compound)
                                    : SIZE_MAX;
            const char *verb = d->text + dt->event_begin;
            int vn = (int)(dt->event_end - dt->event_begin);
            /* a date is lined up only as "when <named subject> <verb>";
             * statements are made on many days and never disagree */
            /* plans and reports are made on many days, and "since 1995"
             * is a span's start: none is the date of one event */
            static const char *const NOT_EVENT[] = {"scheduled", "expected", "planned", "quoted", "reported",
                                                    "announced", "due", NULL};
            bool statement = dt->statement || (has_event && sf__tok_in(d, tok_at(d, dt->sentence, dt->event_begin), NOT_EVENT)) ||
                             (dt->end - dt->begin > 6 && sf__view_eq_nocase(sf__view(d->text + dt->begin, 6), sf__view_cstr("since ")));
            if (subj != SIZE_MAX && !statement) {
                sf__buf_addf(&key, "d|%zu|", subj);
                it.entity = subj;
                st = head_key(verb, dt->event_end - dt->event_begin, &key);
                snprintf(thing, sizeof thing, "%s %.*s", ents[subj].name, vn, verb);
            } else {
                /* no named subject: lined up with nothing, but one article
                 * saying the same thing on the same date words twice ("rebels
                 * seized the town on Monday" in its lead and again below)
                 * gives one fact, not two alike (key below) */
                own_key = true;
                if (subj != SIZE_MAX) {
                    it.entity = subj;
                    snprintf(thing, sizeof thing, "%s %.*s", ents[subj].name, vn, verb);
                } else if (compound && dt->event_end - phrase < 200) {
                    /* several actors: their words as written, spaces folded */
                    size_t o = 0;
                    for (size_t i = phrase; i < dt->event_end && o + 1 < sizeof thing; i++) {
                        char ch = d->text[i] == '\n' || d->text[i] == '\r' || d->text[i] == '\t' ? ' ' : d->text[i];
                        if (ch == ' ' && o && thing[o - 1] == ' ') continue;
                        thing[o++] = ch;
                    }
                    thing[o] = '\0';
                } else if (has_event) {
                    snprintf(thing, sizeof thing, "%.*s", vn, verb);
                } else {
                    /* no verb: the nearest content word before the date
                     * ("the election on May 5"), else "mentioned" */
                    size_t t0 = tok_at(d, dt->sentence, dt->begin), s0 = d->sent_tok[dt->sentence];
                    snprintf(thing, sizeof thing, "mentioned");
                    for (size_t x0 = t0; x0 > s0 && t0 - x0 < 6; x0--) {
                        const sf_token *tk = &d->toks.items[x0 - 1];
                        if (tk->kind != SF_TOK_WORD || tk->end - tk->begin < 3) continue;
                        char w[64];
                        size_t wn = SF_MIN(tk->end - tk->begin, sizeof w - 1);
                        for (size_t x = 0; x < wn; x++) w[x] = (char)(d->text[tk->begin + x] | 0x20);
                        if (sf__is_stopword("en", w, wn)) continue;
                        snprintf(thing, sizeof thing, "%.*s", (int)(tk->end - tk->begin), d->text + tk->begin);
                        break;
                    }
                }
            }
            if (own_key)
                sf__buf_addf(&key, "d@%zu|%s|%.*s", d->article, thing, (int)(dt->end - dt->begin), d->text + dt->begin);
            it.thing = sf__strndup(thing, strlen(thing));
            it.key = sf__strndup(key.p ? key.p : "", key.n);
            if (st != SF_OK || !it.thing || !it.key || SF_VEC_PUSH(iv, it) != SF_OK) {
                sf__free(it.key), sf__free(it.thing);
                st = st != SF_OK ? st : SF_ERR_NOMEM;
            }
        }
    }
    SF_VEC_FREE(&qv);
    SF_VEC_FREE(&dv);
    sf__buf_release(&key);
    sf__buf_release(&tmp);
    return st;
}

/* A copy's values are dropped when its original gives the same value under
 * the same attribute (a copy is not a second source); a value it changes
 * stays, with the names of the original's matching sentence as anchors
 * (a copy has no mentions of its own). */
static void copies_keep_changes(itemvec *iv, const sf_doc *docs, const size_t *orig) {
    size_t w = 0;
    for (size_t i = 0; i < iv->n; i++) {
        item *it = &iv->items[i];
        bool drop = false;
        if (it->copy) {
            size_t od = orig[it->doc];
            const item *like = NULL;
            for (size_t k = 0; k < iv->n && !drop; k++) {
                const item *o = &iv->items[k];
                if (o->copy || o->doc != od || o->kind != it->kind || strcmp(o->label, it->label) != 0) continue;
                if (it->kind == SF_FACT_DATE ? strcmp(o->date, it->date) == 0
                                             : strcmp(o->base, it->base) == 0 && o->low == it->low && o->high == it->high)
                    drop = true;
                else if (strcmp(o->key, it->key) == 0 || (o->subj && o->subj == it->subj) || (!like && it->running && o->running))
                    like = o;
            }
            if (od == SIZE_MAX) drop = true; /* the original is not in this story */
            if (!drop && like) {
                memcpy(it->anchors, like->anchors, sizeof it->anchors);
                it->nanchors = like->nanchors;
                if (!it->place) it->place = like->place;
            }
        }
        (void)docs;
        if (drop) {
            sf__free(it->key), sf__free(it->thing), sf__free(it->subject), sf__free(it->time);
            continue;
        }
        iv->items[w++] = *it;
    }
    iv->n = w;
}

/* Two counts of an event ten times apart or more: "seven killed in the
 * overnight raid" and "550 civilians have died in the raids", 11 killed at
 * one embassy and 247 at the other, "more than 200" detained and "two
 * Russian converts". Two reports of one toll differ by less; such values
 * count a part and the whole, or two events, and are no conflict and no
 * update (a measure so far apart, 19.5 million tons against 20,000, is
 * still shown). */
static bool scopes_apart(const item *a, const item *b) {
    if (!a->running || !b->running) return false;
    /* as written: a figure, or the range of a vague amount */
    double alo = a->vague ? a->low : a->value, ahi = a->vague ? a->high : a->value;
    double blo = b->vague ? b->low : b->value, bhi = b->vague ? b->high : b->value;
    return ahi > 0 && bhi > 0 && (alo >= bhi * 10 || blo >= ahi * 10);
}

/* Whether the items order[0..count) of one group hold a conflict: two
 * articles with values confirmed to be about one thing (same_thing) that
 * do not fit, and no other pair of their values that does. *timed: every
 * such pair is a running count reported higher later (an update). */
/* strict: values that compatible lets through but exact_apart sets apart
 * ("257" and "258") count as a conflict too; split_apart asks without it,
 * so that such a pair does not keep a group whole that holds another
 * event's count ("12" Americans among 257 dead). */
static bool group_conflict(const sf_doc *docs, const itemvec *iv, const size_t *order, size_t count, bool strict,
                           bool *timed) {
    bool conflict = false;
    *timed = true;
    size_t look = SF_MIN(count, PAIR_WINDOW);
    for (size_t x = 0; x < look; x++)
        for (size_t y = x + 1; y < look; y++) {
            const item *a = &iv->items[order[x]], *b = &iv->items[order[y]];
            if (a->doc == b->doc || (strict ? agrees(a, b) : compatible(a, b)) || a->part || b->part || !same_thing(a, b) || plain_count(a) ||
                far_bound(a, b) || scopes_apart(a, b))
                continue;
            if (also_says(docs, a, b) || also_says(docs, b, a)) continue;
            /* confirmed and apart: a conflict unless the two articles
             * also give values that fit */
            bool fits = false;
            for (size_t u = 0; u < look && !fits; u++)
                for (size_t v = 0; v < look && !fits; v++)
                    fits = iv->items[order[u]].doc == a->doc && iv->items[order[v]].doc == b->doc &&
                           (strict ? agrees(&iv->items[order[u]], &iv->items[order[v]])
                                   : compatible(&iv->items[order[u]], &iv->items[order[v]]));
            if (fits) continue;
            conflict = true;
            /* a running count reported at two different times is an
             * update, not a contradiction */
            *timed &= a->running && b->running && a->published != SF_TIME_UNKNOWN &&
                      b->published != SF_TIME_UNKNOWN && later_is_higher(a, b);
        }
    return conflict;
}

/* Whether value a allows the number p (1% for rounding, as compatible). */
static bool allows(const item *a, double p) {
    return a->low <= p * 1.01 + 1e-9 && p <= a->high * 1.01 + 1e-9;
}

typedef SF_VEC(group_info) groupvec;

/* A group joined value by value can hold values with no common range:
 * "more than 18,000" fits both "18,600" and "224,000"; "seven" killed in a
 * raid stays beside "about 300" killed in the bombings because its article
 * also gives 300. Unless it is a conflict, such a group is split so that
 * each part has one value all its sources allow: the number the values of
 * the most articles allow takes them, then the same with the rest. */
static sf_status split_apart(const sf_doc *docs, itemvec *iv, groupvec *gs) {
    size_t n0 = gs->n;
    double *lo = sf__malloc((n0 + 1) * sizeof(double)), *hi = sf__malloc((n0 + 1) * sizeof(double));
    unsigned char *dated = sf__calloc(n0 + 1, 1);
    size_t *mem = sf__malloc((iv->n + 1) * sizeof(size_t));
    sf_status st = lo && hi && dated && mem ? SF_OK : SF_ERR_NOMEM;
    for (size_t g = 0; g < n0 && st == SF_OK; g++) lo[g] = -INFINITY, hi[g] = INFINITY;
    for (size_t i = 0; i < iv->n && st == SF_OK; i++) {
        const item *it = &iv->items[i];
        if (it->kind == SF_FACT_DATE) dated[it->group] = 1;
        else lo[it->group] = SF_MAX(lo[it->group], it->low), hi[it->group] = SF_MIN(hi[it->group], it->high);
    }
    for (size_t g = 0; g < n0 && st == SF_OK; g++) {
        if (dated[g] || !(lo[g] > hi[g] * 1.01 + 1e-9)) continue;
        size_t left = 0;
        for (size_t i = 0; i < iv->n; i++)
            if (iv->items[i].group == g) mem[left++] = i;
        bool timed;
        if (left > PAIR_WINDOW || group_conflict(docs, iv, mem, left, false, &timed)) continue;
        for (size_t part = 0; left && st == SF_OK; part++) {
            /* the bound of a value that the values of the most articles
             * (then the most values) allow; items come doc by doc */
            double best = NAN;
            size_t best_arts = 0, best_items = 0;
            for (size_t c = 0; c < 2 * left; c++) {
                const item *e = &iv->items[mem[c / 2]];
                double p = c % 2 ? e->high : e->low;
                if (!isfinite(p)) continue;
                size_t arts = 0, items = 0, last_doc = SIZE_MAX;
                for (size_t k = 0; k < left; k++) {
                    const item *it = &iv->items[mem[k]];
                    if (!allows(it, p)) continue;
                    items++;
                    if (it->doc != last_doc) arts++, last_doc = it->doc;
                }
                if (arts > best_arts || (arts == best_arts && items > best_items))
                    best = p, best_arts = arts, best_items = items;
            }
            size_t gid = g;
            if (part > 0) {
                group_info gi = {SIZE_MAX, 0, 0, SF_FACT_SINGLE, 0};
                st = SF_VEC_PUSH(gs, gi);
                gid = gs->n - 1;
            }
            size_t kept = 0;
            bool first = true;
            for (size_t k = 0; k < left && st == SF_OK; k++) {
                item *it = &iv->items[mem[k]];
                if (isnan(best) || allows(it, best)) {
                    it->group = gid;
                    if (first) gs->items[gid].first = mem[k], first = false;
                } else {
                    mem[kept++] = mem[k];
                }
            }
            left = kept;
        }
    }
    sf__free(lo), sf__free(hi), sf__free(dated), sf__free(mem);
    return st;
}

/* Items by their key (subject, attribute): each key one group, in the order
 * of its first item; iv's items get their group. */
static sf_status key_groups(itemvec *iv, groupvec *gs) {
    sf_map idx;
    sf__map_init(&idx);
    sf_status st = SF_OK;
    for (size_t i = 0; i < iv->n && st == SF_OK; i++) {
        uint64_t *slot = sf__map_slot(&idx, sf__hash64(iv->items[i].key, strlen(iv->items[i].key), 3));
        if (!slot) {
            st = SF_ERR_NOMEM;
            break;
        }
        if (*slot == 0) {
            group_info g = {i, 0, 0, SF_FACT_SINGLE, 0};
            st = SF_VEC_PUSH(gs, g);
            *slot = gs->n;
        }
        iv->items[i].group = (size_t)*slot - 1;
        gs->items[*slot - 1].count++;
    }
    sf__map_release(&idx);
    return st;
}

/* May two items of one key join one fact? (The rules, each with its case.) */
static bool may_join(sf_doc *docs, const item *a, const item *b) {
    /* two subjects named differently are two things; in
     * one article, differing values are two things too */
    if (a->kind != SF_FACT_DATE && a->subj && b->subj && a->subj != b->subj) return false;
    /* twins stay apart, and each joins another article's
     * count only through a name shared with it; other
     * counts join on fitting values (names differ for one
     * event across reports: "off Florida", "fled Cuba") */
    if (a->running && b->running && (a->twin || b->twin) &&
        (a->doc == b->doc ? anchors_apart(a, b) : !share_anchor(a, b)))
        return false;
    /* a small count fits another by chance ("arrested two
     * men" in Georgia, "detained two people" in Vermont):
     * across reports whose sentences name things and share
     * none, it joins no other (a toll of 217 twice is
     * evidence itself; two twice is not) */
    if (a->doc != b->doc && a->running && b->running && small_count(a) && small_count(b) &&
        anchors_apart(a, b))
        return false;
    /* a vague amount ("hundreds", "thousands") fits a
     * figure of its order, or another vague amount, by its
     * width alone: across reports it joins one only
     * through a name their sentences share or a named
     * subject ("up to 100,000" and "tens of thousands"
     * trapped in Raqqa); "thousands" killed in Turkey's
     * Kurdish war is not the 800 killed by ETA, though
     * both are a "war" */
    if (a->doc != b->doc && (a->vague || b->vague) && !share_anchor(a, b) && !same_name(a, b))
        return false;
    /* a date not resolved ("Thursday" with no publication
     * time) fits anything; it joins only the same words */
    if (a->kind == SF_FACT_DATE && (!a->date[0] || !b->date[0]) &&
        !same_words(docs, a, b))
        return false;
    if (a->doc == b->doc ? !compatible(a, b) : (!compatible(a, b) && !same_thing(a, b))) return false;
    /* a plain noun counted ("people") joins only when the
     * sentences share names: vague and open amounts fit
     * nearly anything ("dozens", "over 14,000") */
    if (a->doc != b->doc && (a->by_noun || b->by_noun) && !same_thing(a, b)) return false;
    /* a plain count ("two engines", "four engines") is
     * rarely one thing across reports: it agrees or stands
     * apart, and never conflicts */
    if (a->doc != b->doc && plain_count(a) && !compatible(a, b)) return false;
    /* an open amount ("at least five", "up to 100") fits
     * every larger or smaller figure: across reports it
     * joins only a value confirmed to be about the same
     * thing, or it chains the tolls of other events into
     * one "update" (77, then 4, then 8, then 20) */
    if (a->doc != b->doc && (open_ended(a) || open_ended(b)) && !same_thing(a, b)) return false;
    /* in one article too: "Clinton has earned at least 175
     * delegates" fits "Ted Cruz has 370 delegates" and "It
     * takes 1,237 delegates"; it joins a value only through
     * a name their sentences share */
    if (a->doc == b->doc && (open_ended(a) || open_ended(b)) && !share_anchor(a, b)) return false;
    /* nor, in either case, a value twice its bound or
     * more (far_bound) */
    if (far_bound(a, b)) return false;
    return true;
}

/* Twins: an article that gives an event's count twice, fitting, in
 * sentences whose names differ tells of two events ("he killed his wife and
 * his two children in Stockbridge"; "In Pelham, Ala., a man shot two people
 * to death"). order: the items group by group, [start[g], start[g + 1]). */
static void mark_twins(itemvec *iv, const size_t *order, const size_t *start, size_t nkeys) {
    for (size_t g = 0; g < nkeys; g++)
        for (size_t x = start[g]; x < start[g + 1]; x++)
            for (size_t y = x + 1; y < start[g + 1] && y <= x + PAIR_WINDOW; y++) {
                item *a = &iv->items[order[x]], *b = &iv->items[order[y]];
                if (a->doc == b->doc && a->running && b->running && compatible(a, b) && anchors_apart(a, b))
                    a->twin = b->twin = true;
            }
}

/* Within each key group, values are joined when one article gives them,
 * when they fit each other, or when their sentences are confirmed to be
 * about one thing (same_thing); each joined set is one fact. A fact is a
 * conflict when two of its articles give no value that fits, and a pair of
 * their values is confirmed to be about one thing; values that are neither
 * fitting nor confirmed stay apart as single-source facts. The joined sets
 * replace the key groups in gs. */
static sf_status join_values(sf_doc *docs, itemvec *iv, groupvec *gs) {
    size_t nkeys = gs->n;
    size_t *uf = sf__malloc((iv->n + 1) * sizeof(size_t));
    size_t *order = sf__malloc((iv->n + 1) * sizeof(size_t));
    size_t *start = sf__calloc(nkeys + 2, sizeof(size_t));
    size_t *newg = sf__malloc((iv->n + 1) * sizeof(size_t));
    sf_status st = uf && order && start && newg ? SF_OK : SF_ERR_NOMEM;
    if (st == SF_OK) {
        /* items by key group (counting sort), so pairs are looked at per group */
        for (size_t i = 0; i < iv->n; i++) start[iv->items[i].group + 1]++;
        for (size_t g = 0; g < nkeys; g++) start[g + 1] += start[g];
        size_t *fill = newg; /* borrowed as a cursor (nkeys <= n), reset below */
        for (size_t g = 0; g < nkeys; g++) fill[g] = start[g];
        for (size_t i = 0; i < iv->n; i++) order[fill[iv->items[i].group]++] = i;
        for (size_t i = 0; i < iv->n; i++) uf[i] = i, newg[i] = SIZE_MAX;
        mark_twins(iv, order, start, nkeys);
        for (size_t g = 0; g < nkeys; g++)
            for (size_t x = start[g]; x < start[g + 1]; x++)
                for (size_t y = x + 1; y < start[g + 1] && y <= x + PAIR_WINDOW; y++) {
                    if (!may_join(docs, &iv->items[order[x]], &iv->items[order[y]])) continue;
                    size_t ra = order[x], rb = order[y];
                    while (uf[ra] != ra) ra = uf[ra];
                    while (uf[rb] != rb) rb = uf[rb];
                    if (ra != rb) uf[rb] = ra;
                }
        /* number the components; they replace the key groups */
        gs->n = 0;
        for (size_t i = 0; i < iv->n && st == SF_OK; i++) {
            size_t r = i;
            while (uf[r] != r) r = uf[r];
            if (newg[r] == SIZE_MAX) {
                group_info gi = {i, 0, 0, SF_FACT_SINGLE, 0};
                st = SF_VEC_PUSH(gs, gi);
                newg[r] = gs->n - 1;
            }
            iv->items[i].group = newg[r];
        }
    }
    sf__free(uf), sf__free(order), sf__free(start), sf__free(newg);
    return st;
}

/* One fact's status from its items (members[from..to), in item order):
 * single source, agree, conflict or update. order: scratch of to - from. */
static void group_status(sf_doc *docs, itemvec *iv, const size_t *members, size_t from, size_t to,
                         size_t *order, group_info *gi) {
    size_t arts = 0, count = 0;
    /* items come doc by doc, so distinct docs are the changes of doc */
    for (size_t k = from; k < to; k++) {
        size_t i = members[k];
        if (count == 0 || iv->items[order[count - 1]].doc != iv->items[i].doc) arts++;
        order[count++] = i;
    }
    bool timed;
    bool conflict = group_conflict(docs, iv, order, count, true, &timed);
    size_t look = SF_MIN(count, PAIR_WINDOW);
    /* an agreement needs two reports that say it in their own words: two
     * fitting values of two articles, neither of which repeats a sentence
     * the other article gives for this fact (whole reports re-sent carry
     * every sentence twice) */
    bool own = false;
    if (!conflict && arts >= 2) {
        bool cp[PAIR_WINDOW][PAIR_WINDOW];
        for (size_t x = 0; x < look; x++)
            for (size_t y = x; y < look; y++)
                cp[x][y] = cp[y][x] = x != y && iv->items[order[x]].doc != iv->items[order[y]].doc &&
                                      sentence_copied(docs, &iv->items[order[x]], &iv->items[order[y]]);
        for (size_t x = 0; x < look && !own; x++)
            for (size_t y = x + 1; y < look && !own; y++) {
                const item *a = &iv->items[order[x]], *b = &iv->items[order[y]];
                if (a->doc == b->doc || !agrees(a, b)) continue;
                bool echo = false;
                for (size_t z = 0; z < look && !echo; z++) {
                    size_t zd = iv->items[order[z]].doc;
                    echo = (zd == a->doc && cp[z][y]) || (zd == b->doc && cp[z][x]);
                }
                own = !echo;
            }
    }
    /* an agreement is one value that all its sources allow: values chained
     * through a third ("more than 18,000" fits 18,600 and 224,000) or kept
     * beside fitting ones of their articles ("seven" killed in a raid,
     * "about 300" in the bombings) have no common range, and are not said
     * to agree */
    double lo = -INFINITY, hi = INFINITY;
    for (size_t k = 0; k < count; k++) {
        const item *it = &iv->items[order[k]];
        if (it->kind == SF_FACT_DATE) continue;
        lo = SF_MAX(lo, it->low);
        hi = SF_MIN(hi, it->high);
    }
    bool common = !(lo > hi * 1.01 + 1e-9);
    gi->count = count, gi->narticles = arts;
    gi->status = arts < 2 || (!conflict && (!own || !common)) ? SF_FACT_SINGLE
                 : conflict ? (timed ? SF_FACT_UPDATE : SF_FACT_CONFLICT)
                            : SF_FACT_AGREE;
}

static sf_status align(sf_doc *docs, itemvec *iv, sf_story_facts *out) {
    groupvec gs = {0};
    sf_status st = key_groups(iv, &gs);
    if (st == SF_OK) st = join_values(docs, iv, &gs);
    if (st == SF_OK) st = split_apart(docs, iv, &gs);
    /* each component's items, in item order (counting sort) */
    size_t *members = st == SF_OK ? sf__malloc((iv->n + 1) * sizeof(size_t)) : NULL;
    size_t *mst = st == SF_OK ? sf__calloc(gs.n + 2, sizeof(size_t)) : NULL;
    size_t *scratch = st == SF_OK ? sf__malloc((iv->n + 1) * sizeof(size_t)) : NULL;
    if (st == SF_OK && (!members || !mst || !scratch)) st = SF_ERR_NOMEM;
    if (st == SF_OK) {
        for (size_t i = 0; i < iv->n; i++) mst[iv->items[i].group + 1]++;
        for (size_t g = 0; g < gs.n; g++) mst[g + 1] += mst[g];
        for (size_t g = 0; g < gs.n; g++) gs.items[g].mstart = mst[g];
        for (size_t i = 0; i < iv->n; i++) members[mst[iv->items[i].group]++] = i;
    }
    for (size_t g = 0; g < gs.n && st == SF_OK; g++)
        group_status(docs, iv, members, gs.items[g].mstart, g + 1 < gs.n ? gs.items[g + 1].mstart : iv->n,
                     scratch, &gs.items[g]);
    sf__free(scratch);
    if (st == SF_OK && gs.n) {
        qsort(gs.items, gs.n, sizeof(group_info), cmp_groups);
        out->facts = sf__calloc(gs.n, sizeof(sf_fact));
        if (!out->facts) st = SF_ERR_NOMEM;
        for (size_t g = 0; g < gs.n && st == SF_OK; g++) {
            st = build_fact(docs, iv, members, &gs.items[g], &out->facts[g]);
            out->nfacts = g + 1;
        }
    }
    sf__free(members), sf__free(mst);
    SF_VEC_FREE(&gs);
    return st;
}

static sf_status make_quotes(sf_doc *docs, size_t nd, const sf_mention *m, size_t nm,
                             const sf_entity *ents, sf_story_facts *out) {
    sf_quotevec qv = {0};
    SF_VEC(sf_quote) res = {0};
    sf_status st = SF_OK;
    size_t mstart = 0;
    /* a quote an article gives twice in the same sentence, word for word
     * and by the same speaker (a pull quote, a page that repeats its text),
     * is one quote: the first (a phrase quoted again in another sentence
     * stays); seen: hash of speaker and text -> index + 1 in res */
    sf_map seen;
    sf__map_init(&seen);
    for (size_t di = 0; di < nd && st == SF_OK; di++) {
        sf_doc *d = &docs[di];
        size_t mend = mstart;
        while (mend < nm && m[mend].article == d->article) mend++;
        qv.n = 0;
        sf__map_release(&seen);
        sf__map_init(&seen);
        st = sf__find_quotes(d, m ? m + mstart : NULL, mend - mstart, ents, &qv); /* m NULL: no names */
        for (size_t k = 0; k < qv.n && st == SF_OK; k++) {
            const sf_quote_hit *h = &qv.items[k];
            sf_quote q = {0};
            q.article = d->article;
            q.span = (sf_span){h->begin, h->end};
            q.sentence = d->sents.items[h->sentence];
            q.direct = h->direct;
            q.entity = SIZE_MAX;
            bool known = h->speaker_end > h->speaker_begin; /* else speaker NULL */
            if (known) {
                q.speaker_span = (sf_span){h->speaker_begin, h->speaker_end};
                q.speaker_text = dup_view(d->text + h->speaker_begin, h->speaker_end - h->speaker_begin);
            }
            size_t ent = h->speaker != SIZE_MAX ? m[mstart + h->speaker].entity : SIZE_MAX;
            q.entity = ent;
            /* a pronoun resolved to a name that makes no entity row (a name
             * in one German report) is that name, never the pronoun */
            const sf_mention *sm = h->speaker != SIZE_MAX ? &m[mstart + h->speaker] : NULL;
            if (known)
                q.speaker = ent != SIZE_MAX ? sf__strndup(ents[ent].name, strlen(ents[ent].name))
                            : sm            ? dup_view(d->text + sm->begin, sm->end - sm->begin)
                                            : dup_view(d->text + h->speaker_begin, h->speaker_end - h->speaker_begin);
            q.text = dup_view(d->text + h->begin, h->end - h->begin);
            if ((known && (!q.speaker_text || !q.speaker)) || !q.text) {
                sf__free(q.speaker_text), sf__free(q.speaker), sf__free(q.text);
                st = SF_ERR_NOMEM;
                break;
            }
            uint64_t key = sf__hash64(q.text, strlen(q.text), q.speaker ? sf__hash64(q.speaker, strlen(q.speaker), 7) : 7);
            uint64_t *slot = sf__map_slot(&seen, key);
            const sf_quote *was = slot && *slot ? &res.items[*slot - 1] : NULL;
            if (was && strcmp(was->text, q.text) == 0 &&
                (was->speaker ? q.speaker && strcmp(was->speaker, q.speaker) == 0 : !q.speaker) &&
                sf__view_eq(sf__view(d->text + was->sentence.begin, was->sentence.end - was->sentence.begin),
                            sf__view(d->text + q.sentence.begin, q.sentence.end - q.sentence.begin))) {
                sf__free(q.speaker_text), sf__free(q.speaker), sf__free(q.text);
                continue;
            }
            if (!slot || SF_VEC_PUSH(&res, q) != SF_OK) {
                sf__free(q.speaker_text), sf__free(q.speaker), sf__free(q.text);
                st = SF_ERR_NOMEM;
                break;
            }
            if (!*slot) *slot = res.n;
        }
        mstart = mend;
    }
    SF_VEC_FREE(&qv);
    sf__map_release(&seen);
    out->quotes = res.items;
    out->nquotes = res.n;
    return st;
}

/* Article `idx`'s doc: the caller's when it has one (a shallow copy, not
 * released here), else made in the article's own language (the page's, the
 * record's, or the one its text shows): the entity stage reads it. */
static sf_status story_doc(const sf_facts_options *o, const sf_article *a, size_t idx,
                           const char *lang, sf_doc *d, bool *own) {
    if (o && o->docs && o->docs[idx].text) {
        *d = o->docs[idx];
        *own = false;
        return SF_OK;
    }
    char al[SF__LANG_MAX];
    *own = true;
    return sf__doc_init(d, idx, a->text, a->text_len, sf__article_lang(a, lang, al));
}

sf_status sf__story_facts(const sf_corpus *c, const size_t *articles, size_t n,
                          const size_t *dup_of, const sf_facts_options *o,
                          sf_story_facts *out, sf_error *err) {
    if (!out) return sf__error_set(err, SF_ERR_ARG, "sf__story_facts: NULL output");
    story_facts_zero(out);
    if (!c || (n && !articles)) return sf__error_set(err, SF_ERR_ARG, "sf__story_facts: NULL argument");
    const char *lang = o && o->lang ? o->lang : "en";
    sf_alias_table *own = NULL;
    const sf_alias_table *table = o ? o->aliases : NULL;
    sf_status st = SF_OK;
    if (!table) {
        st = sf__alias_table_create(&own, err);
        if (st == SF_OK) st = sf__alias_table_add_bundled(own, err);
        table = own;
    }
    sf_doc *docs = sf__calloc(n ? n : 1, sizeof(sf_doc));
    size_t *orig = sf__malloc((n ? n : 1) * sizeof(size_t));
    bool *mine = sf__calloc(n ? n : 1, sizeof(bool)); /* docs[i] made here, not the caller's */
    size_t nd = 0, ncopies = 0, nall = 0;
    sf_mentionvec mv = {0};
    sf_map lower;
    sf__map_init(&lower);
    sf_buf fold;
    sf__buf_init(&fold, 0);
    itemvec iv = {0};
    const uint64_t empty = sf__hash64("", 0, 0); /* the fold of a word that folds to nothing */
    out->articles = sf__calloc(n ? n : 1, sizeof(size_t));
    if (st == SF_OK && (!docs || !orig || !mine || !out->articles)) st = SF_ERR_NOMEM;
    for (size_t i = 0; i < n && st == SF_OK; i++) {
        out->articles[out->narticles++] = articles[i];
        const sf_article *a = sf_corpus_get(c, articles[i]);
        if (!a) {
            st = sf__error_set(err, SF_ERR_ARG, "sf__story_facts: article %zu is not in the corpus", articles[i]);
            break;
        }
        if (dup_of && dup_of[articles[i]] != SIZE_MAX) {
            ncopies++;
            continue;
        }
        st = story_doc(o, a, articles[i], lang, &docs[nd], &mine[nd]);
        if (st != SF_OK) break;
        nd++;
        sf_doc *d = &docs[nd - 1];
        st = sf__find_mentions(d, &mv);
        for (size_t t = 0; t < d->toks.n && st == SF_OK; t++) {
            const sf_token *tk = &d->toks.items[t];
            if (tk->kind != SF_TOK_WORD || (tk->flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS))) continue;
            if (d->analyzed) { /* the doc has the word's fold */
                if (d->fold[t] != empty && !sf__map_slot(&lower, d->fold[t])) st = SF_ERR_NOMEM;
                continue;
            }
            sf__buf_reset(&fold);
            st = sf__fold(d->text + tk->begin, tk->end - tk->begin, &fold);
            if (st == SF_OK && fold.n) {
                if (!sf__map_slot(&lower, sf__hash64(fold.p, fold.n, 0))) st = SF_ERR_NOMEM;
            }
        }
    }
    if (st == SF_OK)
        st = sf__resolve_entities(docs, nd, mv.items, mv.n, table, &lower, &out->entities,
                                  &out->nentities, err);
    /* Copies come after the other articles, with no mentions of their own
     * (entities and quotes are the originals'); their facts are read so
     * that a copy that changes a number (65 dead to 60) still shows it. */
    nall = nd;
    for (size_t i = 0; i < n && st == SF_OK && ncopies; i++) {
        if (!dup_of || dup_of[articles[i]] == SIZE_MAX) continue;
        const sf_article *a = sf_corpus_get(c, articles[i]);
        st = story_doc(o, a, articles[i], lang, &docs[nall], &mine[nall]);
        if (st != SF_OK) break;
        orig[nall] = SIZE_MAX;
        for (size_t k = 0; k < nd; k++)
            if (docs[k].article == dup_of[articles[i]]) orig[nall] = k;
        nall++;
    }
    for (size_t i = 0; i < nd; i++) orig[i] = SIZE_MAX;
    if (st == SF_OK) st = collect(c, docs, nall, mv.items, mv.n, out->entities, orig, &iv);
    if (st == SF_OK) copies_keep_changes(&iv, docs, orig);
    if (st == SF_OK) st = align(docs, &iv, out);
    if (st == SF_OK) st = make_quotes(docs, nd, mv.items, mv.n, out->entities, out);
    items_free(&iv);
    sf__buf_release(&fold);
    sf__map_release(&lower);
    SF_VEC_FREE(&mv);
    for (size_t i = 0; i < nall || i < nd; i++)
        if (mine[i]) sf__doc_release(&docs[i]);
    sf__free(docs);
    sf__free(mine);
    sf__free(orig);
    sf__alias_table_destroy(own);
    if (st != SF_OK) {
        sf__story_facts_release(out);
        if (!err || err->status == SF_OK || err->message[0] == '\0')
            sf__error_set(err, st, "story facts: %s", sf_strerror(st));
        return st;
    }
    return SF_OK;
}

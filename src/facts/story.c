/* story.c - entities, facts and quotes of one story, and the alignment of
 * facts across its articles. Facts are keyed by what they are about (the
 * thing measured or counted, the participle that qualifies a count, the
 * event a date is attached to) and compared as ranges in base units: two
 * sources conflict only when no value of one is compatible with any value of
 * the other; a copy never counts as a second source. */
#include "facts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

const char *sf__fact_status_name(sf_fact_status s) {
    switch (s) {
    case SF_FACT_AGREE: return "agree";
    case SF_FACT_CONFLICT: return "conflict";
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
} item;

typedef SF_VEC(item) itemvec;

static void items_free(itemvec *v) {
    for (size_t i = 0; i < v->n; i++) sf__free(v->items[i].key), sf__free(v->items[i].thing);
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

static void story_facts_zero(sf_story_facts *f) { memset(f, 0, sizeof(*f)); }

void sf__story_facts_release(sf_story_facts *f) {
    if (!f) return;
    sf__free(f->articles);
    sf__entities_release(f->entities, f->nentities);
    for (size_t i = 0; i < f->nfacts; i++) {
        sf_fact *x = &f->facts[i];
        sf__free(x->what), sf__free(x->value), sf__free(x->unit), sf__free(x->date), sf__free(x->note);
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

/* May two values that do not fit be called a conflict? Dates are keyed by
 * their named subject and verb already. Quantities must be anchored: their
 * sentences name a common entity (besides the thing itself), neither
 * introduces its thing as one of many, and both are totals or both rates. */
static bool same_thing(const item *a, const item *b) {
    if (a->kind != SF_FACT_DATE && (a->loose || b->loose || a->rate != b->rate)) return false;
    /* counts of one event placed alike: "killed in the floods" twice */
    if (a->place && a->place == b->place) return true;
    /* a count keyed by its noun alone needs two shared names ("residents"
     * of Marlow Bridge by the Tamsin River, twice); one shared country is
     * too little in a broad story */
    size_t need = a->by_noun || b->by_noun ? 2 : 1, shared = 0;
    for (size_t i = 0; i < a->nanchors; i++)
        for (size_t j = 0; j < b->nanchors; j++)
            /* a date is keyed by its subject: another name must be shared
             * ("the board recommended" twice is two recommendations) */
            if (a->anchors[i] == b->anchors[j] && (a->kind != SF_FACT_DATE || a->anchors[i] != a->entity) &&
                ++shared >= need)
                return true;
    return false;
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

typedef struct group_info {
    size_t first, count, narticles;
    sf_fact_status status;
} group_info;

static int cmp_groups(const void *x, const void *y) {
    const group_info *a = x, *b = y;
    if (a->status != b->status) {
        /* conflicts, then agreements, then single-source */
        int ra = a->status == SF_FACT_CONFLICT ? 0 : a->status == SF_FACT_AGREE ? 1 : 2;
        int rb = b->status == SF_FACT_CONFLICT ? 0 : b->status == SF_FACT_AGREE ? 1 : 2;
        return ra - rb;
    }
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

static sf_status build_fact(const sf_doc *docs, itemvec *iv, const group_info *g, sf_fact *f) {
    memset(f, 0, sizeof(*f));
    item *first = &iv->items[g->first];
    f->kind = first->kind;
    f->status = g->status;
    f->narticles = g->narticles;
    f->entity = first->entity;
    f->base = first->kind == SF_FACT_DATE ? "date" : first->base;
    /* display thing: one written with capitals if any */
    const char *thing = first->thing;
    for (size_t i = 0; i < iv->n; i++)
        if (iv->items[i].group == first->group && iv->items[i].thing_cap) {
            thing = iv->items[i].thing;
            break;
        }
    char what[400];
    snprintf(what, sizeof what, "%s / %s", thing && thing[0] ? thing : "(unspecified)", first->attribute);
    f->what = sf__strndup(what, strlen(what));
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
    for (size_t i = 0; i < iv->n; i++) {
        item *it = &iv->items[i];
        if (it->group != first->group) continue;
        const sf_doc *d = &docs[it->doc];
        sf_fact_mention *fm = &f->mentions[f->nmentions++];
        fm->article = d->article;
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
    if (g->status == SF_FACT_CONFLICT && f->kind != SF_FACT_DATE) f->low = f->high = NAN;
    if (first->kind == SF_FACT_DATE && !first->date[0])
        snprintf(note + used, sizeof note - used, " (relative date not resolved: publication time unknown)");
    f->note = sf__strndup(note, strlen(note));
    return f->note ? SF_OK : SF_ERR_NOMEM;
}

/* First entity named in the sentence before byte `before` (or SIZE_MAX). */
static size_t subject_of(const sf_mention *m, size_t nm, size_t article, size_t s, size_t before) {
    for (size_t k = 0; k < nm; k++)
        if (m[k].article == article && m[k].sentence == s && m[k].begin < before && m[k].entity != SIZE_MAX)
            return m[k].entity;
    return SIZE_MAX;
}

/* Token index of the first token of sentence s beginning at or after `at`. */
static size_t tok_at(const sf_doc *d, size_t s, size_t at) {
    size_t k = d->sent_tok[s], e = d->sent_tok[s + 1];
    while (k < e && d->toks.items[k].begin < at) k++;
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

static sf_status collect(const sf_corpus *c, sf_doc *docs, size_t nd, const sf_mention *m,
                         size_t nm, const sf_entity *ents, itemvec *iv) {
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
        st = sf__find_quantities(d, &qv);
        if (st == SF_OK) st = sf__find_dates(d, sf_corpus_get(c, d->article)->published, &dv);
        for (size_t k = 0; k < qv.n && st == SF_OK; k++) {
            const sf_quantity *q = &qv.items[k];
            item it = {0};
            it.kind = SF_FACT_QUANTITY;
            it.entity = SIZE_MAX;
            it.attribute = q->attribute;
            it.doc = di, it.sentence = q->sentence;
            it.begin = q->begin, it.end = q->end, it.unit_begin = q->unit_begin, it.unit_end = q->unit_end;
            it.value = q->value, it.low = q->low, it.high = q->high, it.base = q->base;
            it.nanchors = sentence_anchors(m, nm, d->article, q->sentence, q->begin,
                                           SF_MAX(q->end, q->thing_end), it.anchors, SF_ARRAY_LEN(it.anchors));
            it.loose = loose_referent(d, q->sentence, q->begin);
            it.rate = rate_cue(d, q->sentence, SF_MAX(q->end, q->thing_end));
            if (q->event) it.place = event_place(d, q->sentence, SF_MAX(q->end, q->thing_end), &tmp);
            sf__buf_reset(&key);
            sf__buf_addf(&key, "q|%s|%s|", q->attribute, q->base);
            if (q->thing_end > q->thing_begin &&
                !relative_time_word(d->text + q->thing_begin, q->thing_end - q->thing_begin)) {
                st = head_key(d->text + q->thing_begin, q->thing_end - q->thing_begin, &key);
                it.thing = dup_view(d->text + q->thing_begin, q->thing_end - q->thing_begin);
                it.thing_cap = d->text[q->thing_begin] >= 'A' && d->text[q->thing_begin] <= 'Z';
                /* a count, share or sum with no participle to qualify it
                 * ("23 tribes", "38 percent") is lined up only with others
                 * about the same named subject of its sentence */
                bool anchored = q->event || (strcmp(q->base, "count") != 0 && strcmp(q->attribute, "share") != 0 &&
                                                strcmp(q->attribute, "amount") != 0);
                /* An unqualified count is keyed by its subject when it has
                 * one; with none, by its noun alone, and same_thing decides
                 * from the names both sentences share. */
                if (!anchored) {
                    size_t subj = subject_of(m, nm, d->article, q->sentence, d->sents.items[q->sentence].end);
                    (void)subj;
                    if (it.nanchors) it.by_noun = true;
                    else sf__buf_addf(&key, "@%zu:%zu", d->article, q->begin);
                }
                if (q->event) {
                    sf__buf_addf(&key, "|%s", q->event);
                    char *t2 = sf__malloc(strlen(it.thing) + strlen(q->event) + 4);
                    if (t2) sprintf(t2, "%s %s", it.thing, q->event);
                    sf__free(it.thing);
                    it.thing = t2;
                }
            } else {
                /* nothing to line it up by: it stands alone */
                sf__buf_addf(&key, "@%zu:%zu", d->article, q->begin);
                it.thing = sf__strndup("", 0);
            }
            if (st != SF_OK || sf__buf_status(&key) != SF_OK || !it.thing) {
                sf__free(it.thing);
                st = st != SF_OK ? st : SF_ERR_NOMEM;
                break;
            }
            it.key = sf__strndup(key.p, key.n);
            if (!it.key || SF_VEC_PUSH(iv, it) != SF_OK) {
                sf__free(it.key), sf__free(it.thing);
                st = SF_ERR_NOMEM;
            }
        }
        for (size_t k = 0; k < dv.n && st == SF_OK; k++) {
            const sf_date *dt = &dv.items[k];
            item it = {0};
            it.kind = SF_FACT_DATE;
            it.entity = SIZE_MAX;
            it.attribute = "date";
            it.doc = di, it.sentence = dt->sentence;
            it.begin = dt->begin, it.end = dt->end, it.unit_begin = it.unit_end = dt->begin;
            it.value = it.low = it.high = NAN;
            it.base = "date";
            sf__date_format(dt, it.date);
            it.nanchors = sentence_anchors(m, nm, d->article, dt->sentence, dt->begin, dt->end, it.anchors,
                                           SF_ARRAY_LEN(it.anchors));
            sf__buf_reset(&key);
            char thing[300] = "";
            bool has_event = dt->event_end > dt->event_begin;
            size_t phrase = SIZE_MAX;
            bool compound = false;
            size_t subj = has_event ? verb_subject(d, m, nm, dt->sentence, tok_at(d, dt->sentence, dt->event_begin),
                                                   &phrase, &compound)
                                    : SIZE_MAX;
            const char *verb = d->text + dt->event_begin;
            int vn = (int)(dt->event_end - dt->event_begin);
            /* a date is lined up only as "when <named subject> <verb>";
             * statements are made on many days and never disagree */
            if (subj != SIZE_MAX && !dt->statement) {
                sf__buf_addf(&key, "d|%zu|", subj);
                it.entity = subj;
                st = head_key(verb, dt->event_end - dt->event_begin, &key);
                snprintf(thing, sizeof thing, "%s %.*s", ents[subj].name, vn, verb);
            } else {
                sf__buf_addf(&key, "d@%zu:%zu", d->article, dt->begin);
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
                    snprintf(thing, sizeof thing, "(event)");
                }
            }
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

static sf_status align(sf_doc *docs, itemvec *iv, sf_story_facts *out) {
    sf_map idx;
    sf__map_init(&idx);
    SF_VEC(group_info) gs = {0};
    sf_status st = SF_OK;
    for (size_t i = 0; i < iv->n && st == SF_OK; i++) {
        uint64_t *slot = sf__map_slot(&idx, sf__hash64(iv->items[i].key, strlen(iv->items[i].key), 3));
        if (!slot) {
            st = SF_ERR_NOMEM;
            break;
        }
        if (*slot == 0) {
            group_info g = {i, 0, 0, SF_FACT_SINGLE};
            st = SF_VEC_PUSH(&gs, g);
            *slot = gs.n;
        }
        iv->items[i].group = (size_t)*slot - 1;
        gs.items[*slot - 1].count++;
    }
    /* Within each key group, values are joined when one article gives them,
     * when they fit each other, or when their sentences are confirmed to be
     * about one thing (same_thing); each joined set is one fact. A fact is a
     * conflict when two of its articles give no value that fits, and a pair
     * of their values is confirmed to be about one thing; values that are
     * neither fitting nor confirmed stay apart as single-source facts. */
    size_t nkeys = gs.n;
    size_t *uf = NULL, *order = NULL, *start = NULL, *newg = NULL;
    if (st == SF_OK) {
        uf = sf__malloc((iv->n + 1) * sizeof(size_t));
        order = sf__malloc((iv->n + 1) * sizeof(size_t));
        start = sf__calloc(nkeys + 2, sizeof(size_t));
        newg = sf__malloc((iv->n + 1) * sizeof(size_t));
        if (!uf || !order || !start || !newg) st = SF_ERR_NOMEM;
    }
    if (st == SF_OK) {
        /* items by key group (counting sort), so pairs are looked at per group */
        for (size_t i = 0; i < iv->n; i++) start[iv->items[i].group + 1]++;
        for (size_t g = 0; g < nkeys; g++) start[g + 1] += start[g];
        size_t *fill = newg; /* borrowed as a cursor (nkeys <= n), reset below */
        for (size_t g = 0; g < nkeys; g++) fill[g] = start[g];
        for (size_t i = 0; i < iv->n; i++) order[fill[iv->items[i].group]++] = i;
        for (size_t i = 0; i < iv->n; i++) uf[i] = i, newg[i] = SIZE_MAX;
        for (size_t g = 0; g < nkeys; g++)
            for (size_t x = start[g]; x < start[g + 1]; x++)
                for (size_t y = x + 1; y < start[g + 1]; y++) {
                    const item *a = &iv->items[order[x]], *b = &iv->items[order[y]];
                    if (a->doc != b->doc && !compatible(a, b) && !same_thing(a, b)) continue;
                    size_t ra = order[x], rb = order[y];
                    while (uf[ra] != ra) ra = uf[ra];
                    while (uf[rb] != rb) rb = uf[rb];
                    if (ra != rb) uf[rb] = ra;
                }
        /* number the components; they replace the key groups */
        gs.n = 0;
        for (size_t i = 0; i < iv->n && st == SF_OK; i++) {
            size_t r = i;
            while (uf[r] != r) r = uf[r];
            if (newg[r] == SIZE_MAX) {
                group_info gi = {i, 0, 0, SF_FACT_SINGLE};
                st = SF_VEC_PUSH(&gs, gi);
                newg[r] = gs.n - 1;
            }
            iv->items[i].group = newg[r];
        }
    }
    for (size_t g = 0; g < gs.n && st == SF_OK; g++) {
        group_info *gi = &gs.items[g];
        size_t arts = 0, count = 0;
        for (size_t i = gi->first; i < iv->n; i++) {
            if (iv->items[i].group != g) continue;
            order[count++] = i;
            bool seen = false;
            for (size_t k = 0; k + 1 < count && !seen; k++) seen = iv->items[order[k]].doc == iv->items[i].doc;
            if (!seen) arts++;
        }
        bool conflict = false;
        for (size_t x = 0; x < count && !conflict; x++)
            for (size_t y = x + 1; y < count && !conflict; y++) {
                const item *a = &iv->items[order[x]], *b = &iv->items[order[y]];
                if (a->doc == b->doc || compatible(a, b) || !same_thing(a, b)) continue;
                /* confirmed and apart: a conflict unless the two articles
                 * also give values that fit */
                bool fits = false;
                for (size_t u = 0; u < count && !fits; u++)
                    for (size_t v = 0; v < count && !fits; v++)
                        fits = iv->items[order[u]].doc == a->doc && iv->items[order[v]].doc == b->doc &&
                               compatible(&iv->items[order[u]], &iv->items[order[v]]);
                conflict = !fits;
            }
        gi->count = count, gi->narticles = arts;
        gi->status = arts < 2 ? SF_FACT_SINGLE : conflict ? SF_FACT_CONFLICT : SF_FACT_AGREE;
    }
    sf__free(uf), sf__free(order), sf__free(start), sf__free(newg);
    /* group numbers are needed by build_fact before sorting changes order */
    if (st == SF_OK && gs.n) {
        for (size_t g = 0; g < gs.n; g++) iv->items[gs.items[g].first].group = g;
        qsort(gs.items, gs.n, sizeof(group_info), cmp_groups);
        out->facts = sf__calloc(gs.n, sizeof(sf_fact));
        if (!out->facts) st = SF_ERR_NOMEM;
        for (size_t g = 0; g < gs.n && st == SF_OK; g++) {
            st = build_fact(docs, iv, &gs.items[g], &out->facts[g]);
            out->nfacts = g + 1;
        }
    }
    SF_VEC_FREE(&gs);
    sf__map_release(&idx);
    return st;
}

static sf_status make_quotes(sf_doc *docs, size_t nd, const sf_mention *m, size_t nm,
                             const sf_entity *ents, sf_story_facts *out) {
    sf_quotevec qv = {0};
    SF_VEC(sf_quote) res = {0};
    sf_status st = SF_OK;
    size_t mstart = 0;
    for (size_t di = 0; di < nd && st == SF_OK; di++) {
        sf_doc *d = &docs[di];
        size_t mend = mstart;
        while (mend < nm && m[mend].article == d->article) mend++;
        qv.n = 0;
        st = sf__find_quotes(d, m ? m + mstart : NULL, mend - mstart, ents, &qv); /* m NULL: no names */
        for (size_t k = 0; k < qv.n && st == SF_OK; k++) {
            const sf_quote_hit *h = &qv.items[k];
            sf_quote q = {0};
            q.article = d->article;
            q.span = (sf_span){h->begin, h->end};
            q.sentence = d->sents.items[h->sentence];
            q.direct = h->direct;
            q.entity = SIZE_MAX;
            q.speaker_text = dup_view(d->text + h->speaker_begin, h->speaker_end - h->speaker_begin);
            size_t ent = h->speaker != SIZE_MAX ? m[mstart + h->speaker].entity : SIZE_MAX;
            q.entity = ent;
            q.speaker = ent != SIZE_MAX ? sf__strndup(ents[ent].name, strlen(ents[ent].name))
                                        : dup_view(d->text + h->speaker_begin, h->speaker_end - h->speaker_begin);
            q.text = dup_view(d->text + h->begin, h->end - h->begin);
            if (!q.speaker_text || !q.speaker || !q.text || SF_VEC_PUSH(&res, q) != SF_OK) {
                sf__free(q.speaker_text), sf__free(q.speaker), sf__free(q.text);
                st = SF_ERR_NOMEM;
            }
        }
        mstart = mend;
    }
    SF_VEC_FREE(&qv);
    out->quotes = res.items;
    out->nquotes = res.n;
    return st;
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
    size_t nd = 0;
    sf_mentionvec mv = {0};
    sf_map lower;
    sf__map_init(&lower);
    sf_buf fold;
    sf__buf_init(&fold, 0);
    itemvec iv = {0};
    out->articles = sf__calloc(n ? n : 1, sizeof(size_t));
    if (st == SF_OK && (!docs || !out->articles)) st = SF_ERR_NOMEM;
    for (size_t i = 0; i < n && st == SF_OK; i++) {
        out->articles[out->narticles++] = articles[i];
        const sf_article *a = sf_corpus_get(c, articles[i]);
        if (!a) {
            st = sf__error_set(err, SF_ERR_ARG, "sf__story_facts: article %zu is not in the corpus", articles[i]);
            break;
        }
        if (dup_of && dup_of[articles[i]] != SIZE_MAX) continue;
        st = sf__doc_init(&docs[nd], articles[i], a->text, a->text_len, lang);
        if (st != SF_OK) break;
        nd++;
        sf_doc *d = &docs[nd - 1];
        st = sf__find_mentions(d, &mv);
        for (size_t t = 0; t < d->toks.n && st == SF_OK; t++) {
            const sf_token *tk = &d->toks.items[t];
            if (tk->kind != SF_TOK_WORD || (tk->flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS))) continue;
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
    if (st == SF_OK) st = collect(c, docs, nd, mv.items, mv.n, out->entities, &iv);
    if (st == SF_OK) st = align(docs, &iv, out);
    if (st == SF_OK) st = make_quotes(docs, nd, mv.items, mv.n, out->entities, out);
    items_free(&iv);
    sf__buf_release(&fold);
    sf__map_release(&lower);
    SF_VEC_FREE(&mv);
    for (size_t i = 0; i < nd; i++) sf__doc_release(&docs[i]);
    sf__free(docs);
    sf__alias_table_destroy(own);
    if (st != SF_OK) {
        sf__story_facts_release(out);
        if (!err || err->status == SF_OK || err->message[0] == '\0')
            sf__error_set(err, st, "story facts: %s", sf_strerror(st));
        return st;
    }
    return SF_OK;
}

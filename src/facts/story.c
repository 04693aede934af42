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

static sf_status collect(const sf_corpus *c, sf_doc *docs, size_t nd, const sf_mention *m,
                         size_t nm, const sf_entity *ents, itemvec *iv) {
    sf_buf key;
    sf__buf_init(&key, 1 << 16);
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
            sf__buf_reset(&key);
            sf__buf_addf(&key, "q|%s|%s|", q->attribute, q->base);
            if (q->thing_end > q->thing_begin) {
                st = head_key(d->text + q->thing_begin, q->thing_end - q->thing_begin, &key);
                it.thing = dup_view(d->text + q->thing_begin, q->thing_end - q->thing_begin);
                it.thing_cap = d->text[q->thing_begin] >= 'A' && d->text[q->thing_begin] <= 'Z';
                /* a count, share or sum with no participle to qualify it
                 * ("23 tribes", "38 percent") is lined up only with others
                 * about the same named subject of its sentence */
                bool anchored = q->event || (strcmp(q->base, "count") != 0 && strcmp(q->attribute, "share") != 0 &&
                                                strcmp(q->attribute, "amount") != 0);
                if (!anchored) {
                    size_t subj = subject_of(m, nm, d->article, q->sentence, d->sents.items[q->sentence].end);
                    if (subj != SIZE_MAX) sf__buf_addf(&key, "|e%zu", subj);
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
            sf__buf_reset(&key);
            char thing[300] = "";
            size_t subj = dt->event_end > dt->event_begin
                              ? subject_of(m, nm, d->article, dt->sentence, dt->event_begin) : SIZE_MAX;
            /* a date is lined up only as "when <named subject> <verb>";
             * statements are made on many days and never disagree */
            if (dt->event_end > dt->event_begin && subj != SIZE_MAX && !dt->statement) {
                sf__buf_addf(&key, "d|%zu|", subj);
                it.entity = subj;
                st = head_key(d->text + dt->event_begin, dt->event_end - dt->event_begin, &key);
                snprintf(thing, sizeof thing, "%s %.*s", ents[subj].name,
                         (int)(dt->event_end - dt->event_begin), d->text + dt->event_begin);
            } else {
                sf__buf_addf(&key, "d@%zu:%zu", d->article, dt->begin);
                if (dt->event_end > dt->event_begin && subj != SIZE_MAX) it.entity = subj;
                if (dt->event_end > dt->event_begin)
                    snprintf(thing, sizeof thing, "%s%s%.*s", subj != SIZE_MAX ? ents[subj].name : "",
                             subj != SIZE_MAX ? " " : "", (int)(dt->event_end - dt->event_begin),
                             d->text + dt->event_begin);
                else
                    snprintf(thing, sizeof thing, "(event)");
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
    /* status: compare every pair of articles of a group */
    for (size_t g = 0; g < gs.n && st == SF_OK; g++) {
        group_info *gi = &gs.items[g];
        size_t arts = 0;
        bool conflict = false;
        for (size_t i = 0; i < iv->n; i++) {
            if (iv->items[i].group != g) continue;
            bool seen = false;
            for (size_t j = 0; j < i; j++)
                if (iv->items[j].group == g && iv->items[j].doc == iv->items[i].doc) seen = true;
            if (!seen) arts++;
        }
        /* articles a, b conflict when no value of a fits a value of b */
        for (size_t i = 0; i < iv->n && !conflict; i++) {
            if (iv->items[i].group != g) continue;
            for (size_t j = i + 1; j < iv->n && !conflict; j++) {
                if (iv->items[j].group != g || iv->items[j].doc == iv->items[i].doc) continue;
                size_t da = iv->items[i].doc, db = iv->items[j].doc;
                bool any = false;
                for (size_t x = 0; x < iv->n && !any; x++)
                    if (iv->items[x].group == g && iv->items[x].doc == da)
                        for (size_t y = 0; y < iv->n && !any; y++)
                            if (iv->items[y].group == g && iv->items[y].doc == db)
                                any = compatible(&iv->items[x], &iv->items[y]);
                conflict = !any;
            }
        }
        gi->narticles = arts;
        gi->status = arts < 2 ? SF_FACT_SINGLE : conflict ? SF_FACT_CONFLICT : SF_FACT_AGREE;
    }
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
        st = sf__find_quotes(d, m + mstart, mend - mstart, ents, &qv);
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

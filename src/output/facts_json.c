/* facts_json.c - a story's entities, facts and quotes as JSON. Numbers that
 * are not finite (open range bounds, dates' values) become null. */
#include "facts_out.h"

#include <math.h>

static json_object *num(double v) { return isfinite(v) ? json_object_new_double(v) : NULL; }
static json_object *str(const char *s) { return s ? json_object_new_string(s) : NULL; }

static const char *art_id(const sf_corpus *c, size_t i) {
    const sf_article *a = sf_corpus_get(c, i);
    return a ? a->id : "";
}

static json_object *span(sf_span s) {
    json_object *a = json_object_new_array();
    if (!a) return NULL;
    json_object_array_add(a, json_object_new_uint64(s.begin));
    json_object_array_add(a, json_object_new_uint64(s.end));
    return a;
}

static json_object *sentence_text(const sf_corpus *c, size_t art, sf_span s) {
    const sf_article *a = sf_corpus_get(c, art);
    if (!a || s.end > a->text_len || s.begin > s.end) return NULL;
    return json_object_new_string_len(a->text + s.begin, (int)(s.end - s.begin));
}

/* One entity: name, type, mentions, aliases, articles, and where each
 * mention is (so that a page can highlight it). */
static json_object *entity_json(const sf_corpus *c, const sf_entity *e) {
    json_object *o = json_object_new_object();
    json_object_object_add(o, "name", str(e->name));
    json_object_object_add(o, "type", str(sf__entity_type_name(e->type)));
    json_object_object_add(o, "mentions", json_object_new_uint64(e->mentions));
    json_object *al = json_object_new_array();
    for (size_t k = 0; k < e->naliases; k++) {
        json_object *a = json_object_new_object();
        json_object_object_add(a, "name", str(e->aliases[k].name));
        json_object_object_add(a, "reason", str(e->aliases[k].reason));
        json_object_object_add(a, "variant", json_object_new_boolean(e->aliases[k].variant));
        json_object_array_add(al, a);
    }
    json_object_object_add(o, "aliases", al);
    json_object *arts = json_object_new_array();
    for (size_t k = 0; k < e->narticles; k++) json_object_array_add(arts, str(art_id(c, e->articles[k])));
    json_object_object_add(o, "articles", arts);
    json_object *sp = json_object_new_array();
    for (size_t k = 0; k < e->nspans; k++) {
        const sf_entity_span *m = &e->spans[k];
        json_object *x = json_object_new_object();
        json_object_object_add(x, "article", str(art_id(c, m->article)));
        json_object_object_add(x, "span", span((sf_span){m->begin, m->end}));
        json_object_object_add(x, "text", sentence_text(c, m->article, (sf_span){m->begin, m->end}));
        json_object_array_add(sp, x);
    }
    json_object_object_add(o, "spans", sp);
    return o;
}

/* A fact's value as normalized: a date, or a number with its bounds, a
 * readable form and the base unit. */
static json_object *fact_normalized_json(const sf_fact *x) {
    json_object *nv = json_object_new_object();
    if (x->kind == SF_FACT_DATE) {
        json_object_object_add(nv, "date", str(x->date));
        json_object_object_add(nv, "resolved", json_object_new_boolean(x->date != NULL));
    } else {
        json_object_object_add(nv, "value", num(x->normalized));
        json_object_object_add(nv, "low", num(x->low));
        json_object_object_add(nv, "high", num(x->high));
        char readable[200];
        sf__fact_readable(x, readable, sizeof readable);
        json_object_object_add(nv, "readable", readable[0] ? str(readable) : NULL);
    }
    json_object_object_add(nv, "unit", str(x->base));
    return nv;
}

/* Where one report gives the fact: its article, words, sentence, date. */
static json_object *fact_mention_json(const sf_corpus *c, const sf_fact *x, const sf_fact_mention *m) {
    json_object *mo = json_object_new_object();
    json_object_object_add(mo, "article", str(art_id(c, m->article)));
    json_object_object_add(mo, "text", str(m->text));
    json_object_object_add(mo, "span", span(m->span));
    json_object_object_add(mo, "sentence", sentence_text(c, m->article, m->sentence));
    if (m->published != SF_TIME_UNKNOWN) {
        char iso[32];
        sf__format_iso8601(m->published, iso);
        json_object_object_add(mo, "published", str(iso));
    } else {
        json_object_object_add(mo, "published", NULL);
    }
    if (x->kind == SF_FACT_DATE) json_object_object_add(mo, "date", str(m->date));
    else {
        json_object_object_add(mo, "low", num(m->low));
        json_object_object_add(mo, "high", num(m->high));
    }
    return mo;
}

static json_object *fact_json(const sf_corpus *c, const sf_fact *x) {
    json_object *o = json_object_new_object();
    json_object_object_add(o, "what", str(x->what));
    json_object_object_add(o, "subject", str(x->subject ? x->subject : ""));
    json_object_object_add(o, "attribute", str(x->attribute));
    json_object_object_add(o, "time", str(x->time));
    json_object_object_add(o, "kind", str(x->kind == SF_FACT_DATE ? "date" : "quantity"));
    json_object_object_add(o, "value", str(x->value));
    json_object_object_add(o, "unit", str(x->unit));
    json_object_object_add(o, "normalized", fact_normalized_json(x));
    json_object_object_add(o, "status", str(sf__fact_status_name(x->status)));
    json_object_object_add(o, "note", str(x->note));
    json_object *ms = json_object_new_array();
    for (size_t k = 0; k < x->nmentions; k++) json_object_array_add(ms, fact_mention_json(c, x, &x->mentions[k]));
    json_object_object_add(o, "mentions", ms);
    return o;
}

static json_object *quote_json(const sf_corpus *c, const sf_quote *q) {
    json_object *o = json_object_new_object();
    json_object_object_add(o, "speaker", str(q->speaker));
    json_object_object_add(o, "speaker_text", str(q->speaker_text));
    json_object_object_add(o, "text", str(q->text));
    json_object_object_add(o, "direct", json_object_new_boolean(q->direct));
    json_object_object_add(o, "article", str(art_id(c, q->article)));
    json_object_object_add(o, "span", span(q->span));
    return o;
}

json_object *sf__facts_to_json(const sf_corpus *c, const sf_story_facts *f) {
    json_object *root = json_object_new_object();
    if (!root) return NULL;
    json_object *ents = json_object_new_array();
    for (size_t i = 0; i < f->nentities; i++) json_object_array_add(ents, entity_json(c, &f->entities[i]));
    json_object_object_add(root, "entities", ents);
    json_object *facts = json_object_new_array();
    for (size_t i = 0; i < f->nfacts; i++) json_object_array_add(facts, fact_json(c, &f->facts[i]));
    json_object_object_add(root, "facts", facts);
    json_object *quotes = json_object_new_array();
    for (size_t i = 0; i < f->nquotes; i++) json_object_array_add(quotes, quote_json(c, &f->quotes[i]));
    json_object_object_add(root, "quotes", quotes);
    return root;
}

/* getters.c - the public read-only view of a result's stories: ids,
 * storylines, copy similarity, and each story's entities, facts and quotes
 * (the same data the JSON writer prints, without a round trip through JSON).
 * The *_info structs carry their size: a program compiled against an older
 * header gets only the fields it knows. */
#include "pipeline.h"

#include <math.h>
#include <string.h>

/* Copy a filled struct into the caller's, up to the caller's size. */
static sf_status fill(void *out, const void *full, size_t full_size) {
    size_t want = *(const size_t *)out;
    if (want < sizeof(size_t)) return SF_ERR_ARG;
    size_t n = want < full_size ? want : full_size;
    memcpy((char *)out + sizeof(size_t), (const char *)full + sizeof(size_t), n - sizeof(size_t));
    return SF_OK;
}

static const sf_story_facts *facts_of(const sf_result *r, size_t s) {
    return r && s < r->nstories ? &r->stories[s].facts : NULL;
}

double sf_result_duplicate_similarity(const sf_result *r, size_t i) {
    if (!r || i >= r->narticles || r->dup_of[i] == SIZE_MAX || !r->dup_sim) return 0;
    return r->dup_sim[i];
}

const char *sf_story_id(const sf_result *r, size_t s, char *buf, size_t n) {
    if (!r || s >= r->nstories || !buf) return NULL;
    int k = snprintf(buf, n, "s%zu", s + 1);
    return k > 0 && (size_t)k < n ? buf : NULL;
}

size_t sf_story_storyline(const sf_result *r, size_t s) {
    if (!r || !r->lines.storyline_of || s >= r->lines.nstories) return SIZE_MAX;
    return r->lines.storyline_of[s];
}

size_t sf_story_entity_count(const sf_result *r, size_t s) {
    const sf_story_facts *f = facts_of(r, s);
    return f ? f->nentities : 0;
}

static const sf_entity *entity_of(const sf_result *r, size_t s, size_t e) {
    const sf_story_facts *f = facts_of(r, s);
    return f && e < f->nentities ? &f->entities[e] : NULL;
}

sf_status sf_story_entity(const sf_result *r, size_t s, size_t e, sf_entity_info *out) {
    const sf_entity *x = entity_of(r, s, e);
    if (!x || !out) return SF_ERR_ARG;
    sf_entity_info v = {sizeof v,      x->name,   sf__entity_type_name(x->type), x->mentions,
                        x->naliases,   x->nspans, x->articles,                   x->narticles};
    return fill(out, &v, sizeof v);
}

const char *sf_story_entity_alias(const sf_result *r, size_t s, size_t e, size_t k,
                                  const char **reason) {
    const sf_entity *x = entity_of(r, s, e);
    if (!x || k >= x->naliases) return NULL;
    if (reason) *reason = x->aliases[k].reason;
    return x->aliases[k].name;
}

sf_status sf_story_entity_mention(const sf_result *r, size_t s, size_t e, size_t k,
                                  struct sf_name_mention *out) {
    const sf_entity *x = entity_of(r, s, e);
    if (!x || k >= x->nspans || !out) return SF_ERR_ARG;
    const sf_entity_span *m = &x->spans[k];
    const sf_article *a = sf_corpus_get(r->corpus, m->article);
    if (!a || m->end > a->text_len || m->begin > m->end) return SF_ERR_INTERNAL;
    *out = (sf_name_mention){m->article, m->begin, m->end, a->text + m->begin,
                             sf__entity_type_name(x->type), x->name};
    return SF_OK;
}

size_t sf_story_fact_count(const sf_result *r, size_t s) {
    const sf_story_facts *f = facts_of(r, s);
    return f ? f->nfacts : 0;
}

static const sf_fact *fact_of(const sf_result *r, size_t s, size_t i) {
    const sf_story_facts *f = facts_of(r, s);
    return f && i < f->nfacts ? &f->facts[i] : NULL;
}

sf_status sf_story_fact(const sf_result *r, size_t s, size_t f, sf_fact_info *out) {
    const sf_fact *x = fact_of(r, s, f);
    if (!x || !out) return SF_ERR_ARG;
    bool date = x->kind == SF_FACT_DATE;
    sf_fact_info v = {
        .size = sizeof v,
        .what = x->what,
        .subject = x->subject ? x->subject : "",
        .attribute = x->attribute,
        .kind = date ? "date" : "quantity",
        .value = x->value,
        .unit = x->unit ? x->unit : "",
        .normalized = date ? NAN : x->normalized,
        .low = date ? NAN : x->low,
        .high = date ? NAN : x->high,
        .base = x->base,
        .date = date ? x->date : NULL,
        .status = sf__fact_status_name(x->status),
        .note = x->note,
        .time = x->time,
        .nmentions = x->nmentions,
        .narticles = x->narticles,
    };
    return fill(out, &v, sizeof v);
}

sf_status sf_story_fact_mention(const sf_result *r, size_t s, size_t f, size_t k,
                                sf_fact_mention_info *out) {
    const sf_fact *x = fact_of(r, s, f);
    if (!x || k >= x->nmentions || !out) return SF_ERR_ARG;
    const sf_fact_mention *m = &x->mentions[k];
    sf_fact_mention_info v = {sizeof v, m->article, m->span, m->sentence, m->text,
                              m->value, m->low,     m->high, m->date,     m->published};
    return fill(out, &v, sizeof v);
}

size_t sf_story_quote_count(const sf_result *r, size_t s) {
    const sf_story_facts *f = facts_of(r, s);
    return f ? f->nquotes : 0;
}

sf_status sf_story_quote(const sf_result *r, size_t s, size_t q, sf_quote_info *out) {
    const sf_story_facts *f = facts_of(r, s);
    if (!f || q >= f->nquotes || !out) return SF_ERR_ARG;
    const sf_quote *x = &f->quotes[q];
    sf_quote_info v = {sizeof v,  x->speaker,  x->speaker_text, x->text,
                       x->article, x->span,    x->sentence,     x->direct};
    return fill(out, &v, sizeof v);
}

/* ner_eval.c - CoNLL-2003 entity-level scores (`storyfold eval entities`,
 * the trainer's choice of epochs): an entity is right when its first token,
 * last token and type all match, as in the shared task's evaluation.
 */
#include "../entity/entity.h"
#include "../entity/ner.h"
#include "storyfold_eval.h"

#include <string.h>

/* Entities of tags t[0..n) as (first, end, type), appended to out. */
typedef struct chunk {
    size_t b, e;
    int type;
} chunk;
typedef SF_VEC(chunk) chunkvec;

static sf_status chunks_of(const uint8_t *t, size_t n, chunkvec *out) {
    out->n = 0;
    for (size_t i = 0; i < n;) {
        if (t[i] == SF_NER_O) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && sf__ner_tag_inside(t[j]) && sf__ner_tag_type(t[j]) == sf__ner_tag_type(t[i])) j++;
        chunk c = {i, j, sf__ner_tag_type(t[i])};
        SF_TRY(SF_VEC_PUSH(out, c));
        i = j;
    }
    return SF_OK;
}

static void count_one(size_t *v, int type) {
    v[type]++;
    v[4]++;
    if (type != SF_NER_MISC) v[5]++;
}

sf_status sf__ner_count(const uint8_t *g, const uint8_t *p, size_t n, sf_ner_counts *c) {
    chunkvec gc = {0}, pc = {0};
    if (chunks_of(g, n, &gc) != SF_OK || chunks_of(p, n, &pc) != SF_OK) {
        SF_VEC_FREE(&gc);
        SF_VEC_FREE(&pc);
        return SF_ERR_NOMEM;
    }
    for (size_t i = 0; i < gc.n; i++) count_one(c->gold, gc.items[i].type);
    for (size_t i = 0; i < pc.n; i++) count_one(c->pred, pc.items[i].type);
    for (size_t i = 0, j = 0; i < gc.n && j < pc.n;) {
        if (gc.items[i].b < pc.items[j].b) i++;
        else if (gc.items[i].b > pc.items[j].b) j++;
        else {
            if (gc.items[i].e == pc.items[j].e && gc.items[i].type == pc.items[j].type)
                count_one(c->correct, gc.items[i].type);
            i++;
            j++;
        }
    }
    SF_VEC_FREE(&gc);
    SF_VEC_FREE(&pc);
    return SF_OK;
}

sf_status sf_ner_eval_conll(const char *gold_path, const char *pred_path, sf_ner_scores *out,
                            sf_error *err) {
    memset(out, 0, sizeof(*out));
    sf_conll g, p;
    SF_TRY(sf__conll_read(gold_path, &g, err));
    sf_status st = sf__conll_read(pred_path, &p, err);
    if (st != SF_OK) {
        sf__conll_release(&g);
        return st;
    }
    if (g.words.n != p.words.n)
        st = sf__error_set(err, SF_ERR_PARSE, "%s has %zu tokens but %s has %zu", gold_path, g.words.n,
                           pred_path, p.words.n);
    for (size_t i = 0; st == SF_OK && i < g.words.n; i++)
        if (!sf__view_eq(g.words.items[i], p.words.items[i]))
            st = sf__error_set(err, SF_ERR_PARSE, "token %zu differs: \"%.*s\" in %s, \"%.*s\" in %s", i + 1,
                               (int)g.words.items[i].n, g.words.items[i].p, gold_path,
                               (int)p.words.items[i].n, p.words.items[i].p, pred_path);
    /* entities end at sentence ends in both files (each is read per sentence) */
    sf_ner_counts n = {0};
    for (size_t s = 0; st == SF_OK && s < sf__conll_nsents(&g); s++) {
        size_t a = g.sent.items[s], b = g.sent.items[s + 1];
        st = sf__ner_count(g.tags.items + a, p.tags.items + a, b - a, &n);
    }
    if (st == SF_OK) {
        memcpy(out->gold, n.gold, sizeof n.gold);
        memcpy(out->pred, n.pred, sizeof n.pred);
        memcpy(out->correct, n.correct, sizeof n.correct);
    } else if (st == SF_ERR_NOMEM) {
        sf__error_set(err, st, "evaluating entities: out of memory");
    }
    sf__conll_release(&g);
    sf__conll_release(&p);
    return st;
}

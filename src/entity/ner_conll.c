/* ner_conll.c - CoNLL-2003 files for the name recognizer: reading them,
 * tagging them (`storyfold ner --conll`) and counting entities the way the
 * shared task's evaluation does (`storyfold eval entities`).
 */
#include "entity.h"
#include "ner.h"

void sf__conll_release(sf_conll *c) {
    sf__buf_release(&c->text);
    SF_VEC_FREE(&c->words);
    SF_VEC_FREE(&c->tags);
    SF_VEC_FREE(&c->sent);
    SF_VEC_FREE(&c->doc);
    SF_VEC_FREE(&c->line);
}

/* Close the open sentence when it has tokens. */
static sf_status end_sentence(sf_conll *c) {
    if (c->words.n > c->sent.items[c->sent.n - 1]) return SF_VEC_PUSH(&c->sent, c->words.n);
    return SF_OK;
}

/* Close the open document when it has sentences. */
static sf_status end_document(sf_conll *c) {
    SF_TRY(end_sentence(c));
    if (c->sent.n - 1 > c->doc.items[c->doc.n - 1]) return SF_VEC_PUSH(&c->doc, c->sent.n - 1);
    return SF_OK;
}

static sf_status add_token(sf_conll *c, sf_view line, size_t lineno, const char *path, sf_error *err) {
    size_t e = 0;
    while (e < line.n && line.p[e] != ' ' && line.p[e] != '\t') e++;
    size_t b = line.n;
    while (b > 0 && line.p[b - 1] != ' ' && line.p[b - 1] != '\t') b--;
    if (b == 0)
        return sf__error_set(err, SF_ERR_PARSE, "%s:%zu: expected a word and a tag", path, lineno);
    int tag = sf__ner_tag_parse(line.p + b, line.n - b);
    if (tag < 0) tag = SF_NER_O; /* other types are not ours */
    size_t first = c->sent.items[c->sent.n - 1];
    int prev = c->words.n > first ? c->tags.items[c->tags.n - 1] : SF_NER_O;
    if (sf__ner_tag_inside(tag) && !sf__ner_allowed(prev, tag)) tag--; /* IOB1: I- opens */
    SF_TRY(SF_VEC_PUSH(&c->words, sf__view(line.p, e)));
    SF_TRY(SF_VEC_PUSH(&c->tags, (uint8_t)tag));
    return SF_VEC_PUSH(&c->line, line);
}

sf_status sf__conll_read(const char *path, sf_conll *out, sf_error *err) {
    memset(out, 0, sizeof(*out));
    sf__buf_init(&out->text, (size_t)1 << 30);
    sf_status st = sf__read_file(path, "CoNLL file", &out->text, err);
    if (st != SF_OK) return st;
    sf_cur cur;
    sf__cur_init(&cur, out->text.p, out->text.n);
    sf_view line;
    size_t lineno = 0;
    st = SF_VEC_PUSH(&out->sent, 0);
    if (st == SF_OK) st = SF_VEC_PUSH(&out->doc, 0);
    while (st == SF_OK && sf__cur_line(&cur, &line)) {
        lineno++;
        line = sf__view_trim(line);
        if (line.n == 0) st = end_sentence(out);
        else if (line.n >= 10 && memcmp(line.p, "-DOCSTART-", 10) == 0) {
            if (!out->docstart.n) out->docstart = line;
            st = end_document(out);
        }
        else st = add_token(out, line, lineno, path, err);
    }
    if (st == SF_OK) st = end_document(out);
    if (st != SF_OK) {
        if (st == SF_ERR_NOMEM) sf__error_set(err, st, "%s: out of memory", path);
        sf__conll_release(out);
    }
    return st;
}

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

sf_status sf_ner_tag_conll(const char *path, FILE *out, sf_error *err) {
    sf_conll c;
    SF_TRY(sf__conll_read(path, &c, err));
    sf_ner_model m;
    sf_status st = sf__ner_model_default(&m, err);
    sf_ner_sent s = {0};
    uint8_t *tags = sf__malloc(c.words.n + 1);
    if (st == SF_OK && !tags) st = sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", path);
    for (size_t d = 0; st == SF_OK && d + 1 < c.doc.n; d++) {
        if (c.docstart.n) fprintf(out, "%.*s O\n\n", (int)c.docstart.n, c.docstart.p);
        for (size_t k = c.doc.items[d]; st == SF_OK && k < c.doc.items[d + 1]; k++) {
            size_t a = c.sent.items[k], b = c.sent.items[k + 1];
            st = sf__ner_sent_prepare(&s, c.words.items + a, b - a);
            if (st != SF_OK) break;
            sf__ner_decode(&m, &s, tags + a);
            for (size_t i = a; i < b; i++)
                fprintf(out, "%.*s %s\n", (int)c.line.items[i].n, c.line.items[i].p, sf__ner_tag_name(tags[i]));
            fputc('\n', out);
        }
    }
    if (st == SF_OK && ferror(out)) st = sf__error_set(err, SF_ERR_IO, "cannot write the tagged file");
    if (st == SF_ERR_NOMEM) sf__error_set(err, st, "%s: out of memory", path);
    sf__free(tags);
    sf__ner_sent_release(&s);
    sf__conll_release(&c);
    return st;
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

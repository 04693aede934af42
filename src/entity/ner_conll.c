/* ner_conll.c - CoNLL-2003 files for the name recognizer: reading them and
 * tagging them (`storyfold ner --conll`). Scoring them is evaluation code
 * (src/eval/ner_eval.c, libstoryfold_eval).
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

/* conll_mentions.c - tags a CoNLL-2003 file with the entity finder of the
 * pipeline (sf__find_mentions + sf__resolve_entities on each document's
 * text, tokens joined by spaces, sentences by blank lines), so that the
 * finder used for entity rows can be scored with `storyfold eval entities`
 * whatever recognizer it is built on. It uses only the internal API that
 * existed before the trained recognizer, so the same file measures the old
 * capitalization rules when built against an older tree (docs/entities.md).
 *
 *   sf_conll_mentions eng.testa > pred
 */
#include "entity/entity.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct tok {
    char *line;
    size_t begin, end; /* in the document text */
    const char *tag;
} tok;

static const char *type_tag(sf_entity_type t, bool first) {
    switch (t) {
    case SF_ENT_PERSON: return first ? "B-PER" : "I-PER";
    case SF_ENT_PLACE: return first ? "B-LOC" : "I-LOC";
    case SF_ENT_ORG: return first ? "B-ORG" : "I-ORG";
    case SF_ENT_UNKNOWN: return "O";
    default: return first ? "B-MISC" : "I-MISC";
    }
}

/* Tag the document's tokens t[0..n) from its text. */
static int tag_document(tok *t, size_t n, const char *text, size_t len) {
    sf_doc d;
    if (sf__doc_init(&d, 0, text, len, "en") != SF_OK) return 1;
    sf_mentionvec mv = {0};
    sf_entity *ents = NULL;
    size_t ne = 0;
    sf_error err = {0};
    if (sf__find_mentions(&d, &mv) != SF_OK ||
        sf__resolve_entities(&d, 1, mv.items, mv.n, NULL, NULL, &ents, &ne, &err) != SF_OK)
        return 1;
    for (size_t i = 0; i < n; i++) t[i].tag = "O";
    size_t k = 0;
    for (size_t m = 0; m < mv.n; m++) {
        if (mv.items[m].entity == SIZE_MAX) continue;
        sf_entity_type ty = ents[mv.items[m].entity].type;
        while (k < n && t[k].end <= mv.items[m].begin) k++;
        for (size_t j = k; j < n && t[j].begin < mv.items[m].end; j++)
            t[j].tag = type_tag(ty, j == k);
    }
    sf__entities_release(ents, ne);
    SF_VEC_FREE(&mv);
    sf__doc_release(&d);
    return 0;
}

static int flush(tok *t, size_t n, sf_buf *text) {
    if (n && tag_document(t, n, text->p, text->n)) return 1;
    for (size_t i = 0; i < n; i++) {
        if (t[i].line) printf("%s %s\n", t[i].line, t[i].tag);
        else putchar('\n');
        free(t[i].line);
    }
    sf__buf_reset(text);
    return 0;
}

int main(int argc, char **argv) {
    FILE *f = argc == 2 ? fopen(argv[1], "r") : NULL;
    if (!f) {
        fprintf(stderr, "usage: sf_conll_mentions FILE.conll\n");
        return 2;
    }
    SF_VEC(tok) toks = {0};
    sf_buf text;
    sf__buf_init(&text, 0);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (strncmp(line, "-DOCSTART-", 10) == 0) {
            if (flush(toks.items, toks.n, &text)) return 1;
            toks.n = 0;
            printf("%s O\n", line);
            continue;
        }
        tok t = {NULL, text.n, text.n, "O"};
        if (len) {
            t.line = strdup(line);
            size_t w = strcspn(line, " \t");
            sf__buf_add(&text, line, w);
            t.end = text.n;
            sf__buf_addc(&text, ' ');
        } else {
            sf__buf_adds(&text, "\n\n");
        }
        if (SF_VEC_PUSH(&toks, t) != SF_OK) return 1;
    }
    int rc = flush(toks.items, toks.n, &text);
    fclose(f);
    SF_VEC_FREE(&toks);
    sf__buf_release(&text);
    return rc;
}

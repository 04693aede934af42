/* test_pipeline.c - the run's analysed documents (src/pipeline/docs.c): on
 * any number of threads each article's doc is the one sf__doc_build makes of
 * it alone, in the article's own language; a copy's doc has tokens and
 * sentences only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TEXTS[] = {
    "The city council voted on Monday to build a new bridge over the river, the mayor said.",
    "Die Stadt hat am Montag mit dem Bau der neuen Brücke über den Fluss begonnen, und der "
    "Bürgermeister sagte, dass die Arbeiten nicht vor dem Winter fertig sind.",
    "Le conseil municipal a voté lundi la construction d'un nouveau pont sur la Seine, et le "
    "maire a dit que les travaux ne seront pas finis avant l'hiver.",
    "WASHINGTON (AP) -- The U.S. Senate voted 52-48 on Tuesday. \"We won't stop,\" said Mr. Lee.",
};

static void same_doc(const sf_doc *x, const sf_doc *y) {
    assert_int_equal(x->article, y->article);
    assert_ptr_equal(x->text, y->text);
    assert_int_equal(x->n, y->n);
    assert_string_equal(x->lang, y->lang);
    assert_int_equal(x->analyzed, y->analyzed);
    assert_int_equal(x->toks.n, y->toks.n);
    for (size_t i = 0; i < x->toks.n; i++) { /* field by field: sf_token has padding */
        const sf_token *p = &x->toks.items[i], *q = &y->toks.items[i];
        assert_int_equal(p->begin, q->begin);
        assert_int_equal(p->end, q->end);
        assert_int_equal(p->unit_begin, q->unit_begin);
        assert_int_equal(p->unit_end, q->unit_end);
        assert_true(p->value == q->value);
        assert_int_equal(p->kind, q->kind);
        assert_int_equal(p->flags, q->flags);
    }
    assert_int_equal(x->sents.n, y->sents.n);
    assert_memory_equal(x->sents.items, y->sents.items, x->sents.n * sizeof *x->sents.items);
    assert_memory_equal(x->sent_tok, y->sent_tok, (x->sents.n + 1) * sizeof *x->sent_tok);
    if (!x->analyzed) return;
    assert_int_equal(x->term.n, y->term.n);
    assert_memory_equal(x->term.items, y->term.items, x->term.n * sizeof *x->term.items);
    assert_int_equal(x->terms.n, y->terms.n);
    assert_memory_equal(x->terms.p, y->terms.p, x->terms.n);
    assert_memory_equal(x->tok_term, y->tok_term, (x->toks.n + 1) * sizeof *x->tok_term);
    assert_memory_equal(x->fold, y->fold, x->toks.n * sizeof *x->fold);
    assert_memory_equal(x->stop, y->stop, x->toks.n);
}

static void docs_built_on_threads_are_built_alone(void **state) {
    (void)state;
    enum { N = 203 };
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    char id[16];
    for (size_t k = 0; k < N; k++) {
        snprintf(id, sizeof id, "a%zu", k);
        const char *t = TEXTS[k % SF_ARRAY_LEN(TEXTS)];
        /* every fifth declares Spanish: its doc is Spanish unless the text
         * clearly shows another of the four languages */
        sf_article a = {.id = id, .text = t, .text_len = strlen(t) - k % 3, .published = (int64_t)k,
                        .lang = k % 5 == 0 ? "es" : NULL};
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    }
    size_t dup_of[N];
    for (size_t k = 0; k < N; k++) dup_of[k] = k % 7 == 6 ? k - 1 : SIZE_MAX;
    /* each alone, with an analyzer of its language */
    sf_doc *want = calloc(N, sizeof *want);
    bool langs_seen[3] = {false};
    for (size_t k = 0; k < N; k++) {
        const sf_article *a = sf_corpus_get(c, k);
        char al[SF__LANG_MAX];
        sf__article_lang(a, "en", al);
        if (dup_of[k] != SIZE_MAX) {
            assert_int_equal(sf__doc_init(&want[k], k, a->text, a->text_len, al), SF_OK);
            continue;
        }
        sf_analyzer *an = sf__analyzer_create(al);
        assert_int_equal(sf__doc_build(&want[k], k, a->text, a->text_len, al, an), SF_OK);
        sf__analyzer_destroy(an);
        langs_seen[0] |= strcmp(al, "en") == 0;
        langs_seen[1] |= strcmp(al, "de") == 0;
        langs_seen[2] |= strcmp(al, "es") == 0;
    }
    assert_true(langs_seen[0] && langs_seen[1] && langs_seen[2]);
    for (unsigned threads = 1; threads <= 4; threads += 3) {
        sf_doc *got = calloc(N, sizeof *got);
        size_t bad = 0;
        assert_int_equal(sf__docs_build(c, "en", dup_of, threads, got, &bad), SF_OK);
        assert_int_equal(bad, SIZE_MAX);
        for (size_t k = 0; k < N; k++) {
            assert_int_equal(got[k].analyzed, dup_of[k] == SIZE_MAX);
            same_doc(&got[k], &want[k]);
            sf__doc_release(&got[k]);
        }
        free(got);
    }
    for (size_t k = 0; k < N; k++) sf__doc_release(&want[k]);
    free(want);
    sf_corpus_destroy(c);
}

/* A story whose report has no title and no sentence a summary takes
 * (page furniture in capitals, no sentence end) still has a headline:
 * the report's opening words. */
static void headline_never_empty(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    const char *t = "LIVE UPDATES FROM THE MARLOW BRIDGE FLOOD\n\nWATCH THE VIDEO OF THE RESCUE";
    sf_article a = {.id = "live", .text = t, .text_len = strlen(t), .published = 1};
    assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    sf_run_options o = SF_RUN_OPTIONS_INIT;
    sf_result *r = NULL;
    sf_error err = {0};
    assert_int_equal(sf_run(c, &o, &r, &err), SF_OK);
    assert_int_equal(sf_result_story_count(r), 1);
    assert_string_equal(sf_story_headline(r, 0), "LIVE UPDATES FROM THE MARLOW BRIDGE FLOOD WATCH THE VIDEO OF THE RESCUE");
    sf_result_destroy(r);
    sf_corpus_destroy(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(docs_built_on_threads_are_built_alone),
        cmocka_unit_test(headline_never_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

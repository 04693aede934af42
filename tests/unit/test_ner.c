/* test_ner.c - the trained name recognizer: the compiled-in model, tags on
 * short sentences, the CoNLL reader and entity-level counting, and the
 * entity rows built on it (weekdays, titles, "St. Petersburg", two people
 * of one surname, names over a line break, demonyms and sentence-initial
 * words, span offsets, "AM" radio). The articles are short texts written
 * for these tests. No test here needs ../shared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "entity/entity.h"
#include "storyfold_eval.h"

/* ------------------------------------------------------------ the model */

static void test_model_compiled_in(void **state) {
    (void)state;
    sf_ner_model m;
    sf_error err = {0};
    assert_int_equal(sf__ner_model_default(&m, &err), SF_OK);
    assert_int_equal(m.bits, 18);
    /* a trained model, not zeros */
    size_t nonzero = 0;
    for (size_t i = 0; i < ((size_t)1 << m.bits) * SF_NER_TAGS; i++) nonzero += m.w[i] != 0;
    assert_true(nonzero > 100000);
    /* a damaged header is refused with a message */
    unsigned char bad[SF_NER_HEADER + 16] = "SFNER0";
    assert_int_equal(sf__ner_model_parse(bad, sizeof bad, &m, &err), SF_ERR_PARSE);
    assert_non_null(strstr(err.message, "model"));
}

/* Tags of words w[0..n) as CoNLL names joined by spaces. */
static void tags_of(const char *const *w, size_t n, char *out, size_t cap) {
    sf_view v[32];
    for (size_t i = 0; i < n; i++) v[i] = sf__view(w[i], strlen(w[i]));
    sf_ner_sent s = {0};
    assert_int_equal(sf__ner_sent_prepare(&s, v, n), SF_OK);
    sf_ner_model m;
    assert_int_equal(sf__ner_model_default(&m, NULL), SF_OK);
    uint8_t tags[32];
    sf__ner_decode(&m, &s, tags);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(out, sf__ner_tag_name(tags[i]), cap - strlen(out) - 1);
        if (i + 1 < n) strncat(out, " ", cap - strlen(out) - 1);
    }
    sf__ner_sent_release(&s);
}

static void test_tags(void **state) {
    (void)state;
    char got[256];
    const char *a[] = {"Police", "said", "Maria", "Lopez", "flew", "from", "Madrid", "to", "Berlin", "."};
    tags_of(a, 10, got, sizeof got);
    assert_string_equal(got, "O O B-PER I-PER O O B-LOC O B-LOC O");
    const char *b[] = {"The", "cat", "sat", "on", "the", "mat", "on", "Monday", "."};
    tags_of(b, 9, got, sizeof got);
    assert_string_equal(got, "O O O O O O O O O");
}

/* ---------------------------------------------------------- CoNLL eval */

static char *write_tmp(const char *text) {
    char *path = strdup("/tmp/sf_test_ner_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_eval_counts(void **state) {
    (void)state;
    /* gold: Anna Berg (PER), Oslo (LOC), Nordic Bank (ORG), Oslo (LOC).
     * pred: Anna Berg right; Oslo typed ORG (wrong); Nordic alone (wrong
     * span); second Oslo right; "Tuesday" an extra PER. So 2 of 4 gold
     * found, 2 of 5 predicted right: P 0.4, R 0.5, F1 4/9. */
    const char *gold = "-DOCSTART- -X- O O\n\n"
                       "Anna B-PER\nBerg I-PER\nleft O\nOslo B-LOC\n. O\n\n"
                       "Nordic B-ORG\nBank I-ORG\nopened O\nin O\nOslo B-LOC\non O\nTuesday O\n";
    const char *pred = "-DOCSTART- -X- O O O\n\n"
                       "Anna B-PER B-PER\nBerg I-PER I-PER\nleft O O\nOslo B-LOC B-ORG\n. O O\n\n"
                       "Nordic B-ORG B-ORG\nBank I-ORG O\nopened O O\nin O O\nOslo B-LOC I-LOC\non O O\n"
                       "Tuesday O I-PER\n";
    char *g = write_tmp(gold), *p = write_tmp(pred);
    sf_ner_scores s;
    sf_error err = {0};
    assert_int_equal(sf_ner_eval_conll(g, p, &s, &err), SF_OK);
    assert_int_equal(s.gold[4], 4);
    assert_int_equal(s.pred[4], 5); /* I- after O opens an entity (IOB1) */
    assert_int_equal(s.correct[4], 2);
    assert_int_equal(s.gold[SF_NER_LOC], 2);
    assert_int_equal(s.correct[SF_NER_LOC], 1);
    assert_int_equal(s.pred[SF_NER_ORG], 2);
    assert_int_equal(s.correct[SF_NER_ORG], 0);
    assert_int_equal(s.correct[SF_NER_PER], 1);
    assert_int_equal(s.pred[SF_NER_PER], 2);
    assert_int_equal(s.gold[5], 4);
    assert_int_equal(s.correct[5], 2);
    /* files with other tokens are refused, naming the token */
    char *q = write_tmp("Anna B-PER\nBerg I-PER\nleft O\nBergen B-LOC\n. O\n\n"
                        "Nordic B-ORG\nBank I-ORG\nopened O\nin O\nOslo B-LOC\non O\nTuesday O\n");
    assert_int_equal(sf_ner_eval_conll(g, q, &s, &err), SF_ERR_PARSE);
    assert_non_null(strstr(err.message, "Bergen"));
    unlink(g), unlink(p), unlink(q);
    free(g), free(p), free(q);
}

/* ------------------------------------------------------- entity mentions */

typedef struct found {
    char text[16][64];
    char type[16][16];
    char entity[16][64];
    size_t begin[16], end[16];
    size_t n;
} found;

static sf_status collect(void *user, const sf_name_mention *m) {
    found *f = user;
    if (f->n == 16) return SF_OK;
    snprintf(f->text[f->n], 64, "%.*s", (int)(m->end - m->begin), m->text);
    snprintf(f->type[f->n], 16, "%s", m->type);
    snprintf(f->entity[f->n], 64, "%s", m->entity);
    f->begin[f->n] = m->begin;
    f->end[f->n] = m->end;
    f->n++;
    return SF_OK;
}

static void names_of(const char *text, found *f) {
    memset(f, 0, sizeof(*f));
    sf_corpus *c = sf_corpus_create();
    sf_article a = {.id = "t", .text = text, .published = SF_TIME_UNKNOWN};
    assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    sf_error err = {0};
    assert_int_equal(sf_article_names(c, 0, collect, f, &err), SF_OK);
    sf_corpus_destroy(c);
}

/* Index of the first mention whose text is `text`, or -1. */
static int find_text(const found *f, const char *text) {
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->text[i], text) == 0) return (int)i;
    return -1;
}

static void test_weekdays_and_titles(void **state) {
    (void)state;
    found f;
    names_of("The talks in Lisbon resumed on Thursday. On Friday, Rep. Karen Holt said Gov. Dan "
             "Mercer had left Lisbon in March.", &f);
    assert_int_equal(find_text(&f, "Thursday"), -1);
    assert_int_equal(find_text(&f, "Friday"), -1);
    assert_int_equal(find_text(&f, "March"), -1);
    int k = find_text(&f, "Lisbon");
    assert_true(k >= 0);
    assert_string_equal(f.type[k], "place");
    /* the title is not a name of its own, nor a speaker */
    assert_int_equal(find_text(&f, "Rep"), -1);
    assert_int_equal(find_text(&f, "Rep."), -1);
    assert_int_equal(find_text(&f, "Gov"), -1);
    k = find_text(&f, "Karen Holt");
    assert_true(k >= 0);
    assert_string_equal(f.type[k], "person");
    assert_true(find_text(&f, "Dan Mercer") >= 0);
}

static void test_saint_petersburg(void **state) {
    (void)state;
    found f;
    names_of("The ferry left Tallinn for St. Petersburg at dawn. Port officials in St. Petersburg "
             "said it arrived late.", &f);
    int k = find_text(&f, "St. Petersburg");
    assert_true(k >= 0);
    assert_string_equal(f.type[k], "place");
    assert_string_equal(f.entity[k], "St. Petersburg");
    assert_int_equal(find_text(&f, "St."), -1);
    assert_int_equal(find_text(&f, "Petersburg"), -1);
}

static void test_one_surname_two_people(void **state) {
    (void)state;
    found f;
    /* two Okafors: the surname alone joins neither */
    names_of("Grace Okafor testified before the committee. Her son, Daniel Okafor, was hurt in the "
             "crash. Okafor said the road was unsafe.", &f);
    int g = find_text(&f, "Grace Okafor"), d = find_text(&f, "Daniel Okafor"), o = find_text(&f, "Okafor");
    assert_true(g >= 0 && d >= 0 && o >= 0);
    assert_string_equal(f.entity[g], "Grace Okafor");
    assert_string_equal(f.entity[d], "Daniel Okafor");
    assert_string_not_equal(f.entity[o], "Grace Okafor");
    assert_string_not_equal(f.entity[o], "Daniel Okafor");
    /* one Okafor: the surname joins her */
    names_of("Grace Okafor testified before the committee. Okafor said the road was unsafe.", &f);
    o = find_text(&f, "Okafor");
    assert_true(o >= 0);
    assert_string_equal(f.entity[o], "Grace Okafor");
    assert_string_equal(f.type[o], "person");
}

static void test_name_over_line_break(void **state) {
    (void)state;
    found f;
    const char *text = "Officials said Helena\nVarga would lead the inquiry. Helena Varga declined to\ncomment.";
    names_of(text, &f);
    int a = find_text(&f, "Helena\nVarga"), b = find_text(&f, "Helena Varga");
    assert_true(a >= 0 && b >= 0);
    assert_string_equal(f.entity[a], "Helena Varga"); /* no line break in the name */
    assert_string_equal(f.entity[b], "Helena Varga");
    assert_int_equal(f.begin[a], 15);
    assert_int_equal(f.end[a], 27);
}

static void test_demonyms_and_initial_words(void **state) {
    (void)state;
    found f;
    names_of("American officials met Iranian envoys in Vienna. Water levels rose after the storm. "
             "Internet access was cut. Gay rights groups marched. Communist leaders stayed home.", &f);
    const char *never[] = {"American", "Iranian", "Water", "Internet", "Gay", "Communist"};
    for (size_t i = 0; i < 6; i++) assert_int_equal(find_text(&f, never[i]), -1);
    int v = find_text(&f, "Vienna");
    assert_true(v >= 0);
    assert_string_equal(f.type[v], "place");
}

static void test_span_offsets(void **state) {
    (void)state;
    found f;
    const char *text = "Reporters met Angela Kowalski in Krakow on Sunday.";
    names_of(text, &f);
    int a = find_text(&f, "Angela Kowalski"), k = find_text(&f, "Krakow");
    assert_true(a >= 0 && k >= 0);
    assert_int_equal(f.begin[a], 14);
    assert_int_equal(f.end[a], 29);
    assert_int_equal(f.begin[k], 33);
    assert_int_equal(f.end[k], 39);
    for (size_t i = 0; i < f.n; i++) assert_memory_equal(text + f.begin[i], f.text[i], f.end[i] - f.begin[i]);
}

static void test_am_radio_not_initials(void **state) {
    (void)state;
    found f;
    names_of("Ahmed Mansour spoke on AM radio in Cairo. AM stations carried the speech.", &f);
    int a = find_text(&f, "Ahmed Mansour");
    assert_true(a >= 0);
    for (size_t i = 0; i < f.n; i++)
        if (strcmp(f.text[i], "AM") == 0) assert_string_not_equal(f.entity[i], "Ahmed Mansour");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_compiled_in),
        cmocka_unit_test(test_tags),
        cmocka_unit_test(test_eval_counts),
        cmocka_unit_test(test_weekdays_and_titles),
        cmocka_unit_test(test_saint_petersburg),
        cmocka_unit_test(test_one_surname_two_people),
        cmocka_unit_test(test_name_over_line_break),
        cmocka_unit_test(test_demonyms_and_initial_words),
        cmocka_unit_test(test_span_offsets),
        cmocka_unit_test(test_am_radio_not_initials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_getters.c - the public getters of a result's stories (src/pipeline/
 * getters.c) give what the JSON writer prints: the bundled example is run
 * once, written as JSON, parsed back with json-c, and every story id,
 * entity (name, type, mentions, aliases, spans), fact (value, status,
 * mentions), quote and copy similarity read through the getters is compared
 * with it. Also: the size field (a shorter struct gets only its fields),
 * indexes out of range, the options' _INIT macros. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "storyfold.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    sf_corpus *c;
    sf_result *r;
    json_object *json;
} fixture;

static int setup(void **state) {
    static fixture fx;
    const char *src = getenv("SF_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/examples", src ? src : ".");
    sf_error err = {0};
    sf_read_options ro = SF_READ_OPTIONS_INIT;
    sf_run_options o = SF_RUN_OPTIONS_INIT;
    fx.c = sf_corpus_create();
    if (!fx.c || sf_read_path(fx.c, dir, &ro, &err) != SF_OK) return -1;
    if (sf_run(fx.c, &o, &fx.r, &err) != SF_OK) return -1;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f || sf_write_json(fx.r, fx.c, f, &err) != SF_OK) return -1;
    fclose(f);
    fx.json = json_tokener_parse(buf);
    free(buf);
    *state = &fx;
    return fx.json ? 0 : -1;
}

static int teardown(void **state) {
    fixture *fx = *state;
    json_object_put(fx->json);
    sf_result_destroy(fx->r);
    sf_corpus_destroy(fx->c);
    return 0;
}

static json_object *get(json_object *o, const char *key) {
    json_object *v = NULL;
    json_object_object_get_ex(o, key, &v);
    return v;
}

static const char *sget(json_object *o, const char *key) {
    json_object *v = get(o, key);
    return v ? json_object_get_string(v) : NULL;
}

static json_object *story_json(fixture *fx, size_t s) {
    return json_object_array_get_idx(get(fx->json, "stories"), s);
}

static void test_story_ids_and_copies(void **state) {
    fixture *fx = *state;
    size_t ns = sf_result_story_count(fx->r);
    assert_true(ns >= 2);
    assert_int_equal(ns, json_object_array_length(get(fx->json, "stories")));
    size_t copies = 0;
    for (size_t s = 0; s < ns; s++) {
        char id[16];
        assert_non_null(sf_story_id(fx->r, s, id, sizeof id));
        assert_string_equal(id, sget(story_json(fx, s), "id"));
        assert_string_equal(sf_story_id(fx->r, s, id, sizeof id), sget(story_json(fx, s), "id"));
        char line[16];
        snprintf(line, sizeof line, "l%zu", sf_story_storyline(fx->r, s) + 1);
        assert_string_equal(line, sget(story_json(fx, s), "storyline"));
        json_object *arts = get(story_json(fx, s), "articles");
        for (size_t k = 0; k < json_object_array_length(arts); k++) {
            json_object *a = json_object_array_get_idx(arts, k);
            size_t na = 0;
            size_t i = sf_story_articles(fx->r, s, &na)[k];
            json_object *sim = get(a, "duplicate_similarity");
            if (sim) {
                copies++;
                assert_true(sf_result_duplicate_of(fx->r, i) != SIZE_MAX);
                assert_true(fabs(sf_result_duplicate_similarity(fx->r, i) - json_object_get_double(sim)) < 1e-9);
            } else {
                assert_true(sf_result_duplicate_similarity(fx->r, i) == 0);
            }
        }
    }
    assert_true(copies >= 1); /* the example holds one syndicated copy */
    char tiny[2];
    assert_null(sf_story_id(fx->r, 0, tiny, sizeof tiny));
    assert_null(sf_story_id(fx->r, ns, tiny, sizeof tiny));
    assert_true(sf_story_storyline(fx->r, ns) == SIZE_MAX);
}

static void test_entities(void **state) {
    fixture *fx = *state;
    size_t total = 0, aliases = 0;
    for (size_t s = 0; s < sf_result_story_count(fx->r); s++) {
        json_object *ents = get(story_json(fx, s), "entities");
        assert_int_equal(sf_story_entity_count(fx->r, s), json_object_array_length(ents));
        for (size_t e = 0; e < sf_story_entity_count(fx->r, s); e++, total++) {
            json_object *je = json_object_array_get_idx(ents, e);
            sf_entity_info info = SF_ENTITY_INFO_INIT;
            assert_int_equal(sf_story_entity(fx->r, s, e, &info), SF_OK);
            assert_string_equal(info.name, sget(je, "name"));
            assert_string_equal(info.type, sget(je, "type"));
            assert_int_equal(info.mentions, json_object_get_uint64(get(je, "mentions")));
            assert_int_equal(info.narticles, json_object_array_length(get(je, "articles")));
            assert_int_equal(info.naliases, json_object_array_length(get(je, "aliases")));
            for (size_t k = 0; k < info.naliases; k++, aliases++) {
                const char *why = NULL;
                json_object *ja = json_object_array_get_idx(get(je, "aliases"), k);
                assert_string_equal(sf_story_entity_alias(fx->r, s, e, k, &why), sget(ja, "name"));
                assert_string_equal(why, sget(ja, "reason"));
            }
            assert_null(sf_story_entity_alias(fx->r, s, e, info.naliases, NULL));
            assert_int_equal(info.nspans, json_object_array_length(get(je, "spans")));
            for (size_t k = 0; k < info.nspans; k++) {
                sf_name_mention m;
                json_object *js = json_object_array_get_idx(get(je, "spans"), k);
                assert_int_equal(sf_story_entity_mention(fx->r, s, e, k, &m), SF_OK);
                const char *text = sget(js, "text");
                assert_int_equal(m.end - m.begin, strlen(text));
                assert_memory_equal(m.text, text, m.end - m.begin);
                assert_string_equal(m.entity, info.name);
                assert_string_equal(sf_corpus_get(fx->c, m.article)->id, sget(js, "article"));
            }
        }
        sf_entity_info info = SF_ENTITY_INFO_INIT;
        assert_int_equal(sf_story_entity(fx->r, s, sf_story_entity_count(fx->r, s), &info), SF_ERR_ARG);
    }
    assert_true(total > 10);
    assert_true(aliases >= 1);
}

static void test_facts(void **state) {
    fixture *fx = *state;
    size_t total = 0, mentions = 0, several = 0;
    for (size_t s = 0; s < sf_result_story_count(fx->r); s++) {
        json_object *facts = get(story_json(fx, s), "facts");
        assert_int_equal(sf_story_fact_count(fx->r, s), json_object_array_length(facts));
        for (size_t f = 0; f < sf_story_fact_count(fx->r, s); f++, total++) {
            json_object *jf = json_object_array_get_idx(facts, f);
            sf_fact_info x = SF_FACT_INFO_INIT;
            assert_int_equal(sf_story_fact(fx->r, s, f, &x), SF_OK);
            assert_string_equal(x.what, sget(jf, "what"));
            assert_string_equal(x.status, sget(jf, "status"));
            assert_string_equal(x.kind, sget(jf, "kind"));
            assert_string_equal(x.value, sget(jf, "value"));
            assert_string_equal(x.attribute, sget(jf, "attribute"));
            json_object *nv = get(get(jf, "normalized"), "value");
            if (nv) assert_true(fabs(x.normalized - json_object_get_double(nv)) < 1e-6 * (1 + fabs(x.normalized)));
            assert_int_equal(x.nmentions, json_object_array_length(get(jf, "mentions")));
            if (x.narticles > 1) several++;
            for (size_t k = 0; k < x.nmentions; k++, mentions++) {
                sf_fact_mention_info m = SF_FACT_MENTION_INFO_INIT;
                json_object *jm = json_object_array_get_idx(get(jf, "mentions"), k);
                assert_int_equal(sf_story_fact_mention(fx->r, s, f, k, &m), SF_OK);
                assert_string_equal(m.text, sget(jm, "text"));
                assert_string_equal(sf_corpus_get(fx->c, m.article)->id, sget(jm, "article"));
                assert_int_equal(m.span.begin, json_object_get_uint64(json_object_array_get_idx(get(jm, "span"), 0)));
            }
        }
    }
    assert_true(total >= 5);
    assert_true(mentions > total);
    assert_true(several >= 1); /* the example's sources agree or conflict on something */
}

static void test_quotes(void **state) {
    fixture *fx = *state;
    size_t total = 0, named = 0;
    for (size_t s = 0; s < sf_result_story_count(fx->r); s++) {
        json_object *quotes = get(story_json(fx, s), "quotes");
        assert_int_equal(sf_story_quote_count(fx->r, s), json_object_array_length(quotes));
        for (size_t q = 0; q < sf_story_quote_count(fx->r, s); q++, total++) {
            json_object *jq = json_object_array_get_idx(quotes, q);
            sf_quote_info x = SF_QUOTE_INFO_INIT;
            assert_int_equal(sf_story_quote(fx->r, s, q, &x), SF_OK);
            assert_string_equal(x.text, sget(jq, "text"));
            const char *sp = sget(jq, "speaker");
            if (sp) {
                named++;
                assert_string_equal(x.speaker, sp);
            } else {
                assert_null(x.speaker);
            }
            assert_int_equal(!!x.direct, json_object_get_boolean(get(jq, "direct")));
        }
    }
    assert_true(total >= 3);
    assert_true(named >= 1);
}

/* A program compiled against an older, shorter struct: only its fields are
 * written; the bytes after them stay as they were. */
static void test_size_field(void **state) {
    fixture *fx = *state;
    struct {
        sf_entity_info head;
        unsigned char guard[64];
    } buf;
    memset(&buf, 0xAB, sizeof buf);
    buf.head.size = offsetof(sf_entity_info, mentions);
    assert_int_equal(sf_story_entity(fx->r, 0, 0, &buf.head), SF_OK);
    assert_non_null(buf.head.name);
    assert_non_null(buf.head.type);
    const unsigned char *rest = (const unsigned char *)&buf.head.mentions;
    for (size_t k = 0; k < sizeof buf - offsetof(sf_entity_info, mentions); k++)
        assert_int_equal(rest[k], 0xAB);
    sf_fact_info f = SF_FACT_INFO_INIT;
    f.size = 0;
    assert_int_equal(sf_story_fact(fx->r, 0, 0, &f), SF_ERR_ARG);
    sf_quote_info q = SF_QUOTE_INFO_INIT;
    assert_int_equal(sf_story_quote(fx->r, sf_result_story_count(fx->r), 0, &q), SF_ERR_ARG);
    assert_int_equal(sf_story_quote_count(NULL, 0), 0);
    assert_int_equal(sf_story_fact_count(fx->r, sf_result_story_count(fx->r)), 0);
}

/* The options' _INIT macros give the documented defaults (all zero). */
static void test_options_init(void **state) {
    (void)state;
    sf_read_options ro = SF_READ_OPTIONS_INIT;
    sf_dedup_options d = SF_DEDUP_OPTIONS_INIT;
    sf_run_options o = SF_RUN_OPTIONS_INIT;
    sf_store_options so = SF_STORE_OPTIONS_INIT;
    assert_int_equal(ro.format, SF_FORMAT_AUTO);
    assert_null(ro.on_diag);
    assert_true(d.threshold == 0 && d.method == SF_DEDUP_OPH);
    assert_null(o.progress);
    assert_null(o.lang);
    assert_true(o.summary_words == 0);
    assert_null(so.run);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_story_ids_and_copies),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_facts),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_size_field),
        cmocka_unit_test(test_options_init),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

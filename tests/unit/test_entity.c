/* test_entity.c - mentions, alias tables and entity merging: acronyms and
 * their near-miss expansions, spelling and case variants, possessives,
 * surnames, titles, and runaway capitalized runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "facts/facts.h"
#include "output/facts_out.h"

static sf_corpus *corpus_of(const char *const *texts, size_t n) {
    sf_corpus *c = sf_corpus_create();
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%zu", i);
        sf_article a = {.id = id, .text = texts[i], .published = SF_TIME_UNKNOWN};
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    }
    return c;
}

static void facts_of(sf_corpus *c, const sf_alias_table *t, sf_story_facts *f) {
    size_t n = sf_corpus_count(c);
    size_t arts[16];
    for (size_t i = 0; i < n; i++) arts[i] = i;
    sf_facts_options o = {.lang = "en", .aliases = t};
    sf_error err = {0};
    assert_int_equal(sf__story_facts(c, arts, n, NULL, &o, f, &err), SF_OK);
}

static const sf_entity *entity_named(const sf_story_facts *f, const char *name) {
    for (size_t i = 0; i < f->nentities; i++) {
        if (strcmp(f->entities[i].name, name) == 0) return &f->entities[i];
        for (size_t k = 0; k < f->entities[i].naliases; k++)
            if (strcmp(f->entities[i].aliases[k].name, name) == 0) return &f->entities[i];
    }
    return NULL;
}

static const sf_alias *alias_of(const sf_entity *e, const char *name) {
    for (size_t k = 0; e && k < e->naliases; k++)
        if (strcmp(e->aliases[k].name, name) == 0) return &e->aliases[k];
    return NULL;
}

static void test_name_helpers(void **state) {
    (void)state;
    assert_true(sf__is_acronym_of("SDF", 3, "Syrian Democratic Forces", 24));
    assert_true(sf__is_acronym_of("OPEC", 4, "Organization of the Petroleum Exporting Countries", 49));
    assert_true(sf__is_acronym_of("U.N.", 4, "United Nations", 14));
    assert_false(sf__is_acronym_of("SDF", 3, "Syrian Elite Forces", 19));
    assert_false(sf__is_acronym_of("S", 1, "Syria", 5));
    sf_buf a, b;
    sf__buf_init(&a, 0);
    sf__buf_init(&b, 0);
    assert_int_equal(sf__name_skeleton("raqqa", 5, &a), SF_OK);
    assert_int_equal(sf__name_skeleton("raqa", 4, &b), SF_OK);
    assert_string_equal(sf__buf_cstr(&a), sf__buf_cstr(&b));
    sf__buf_reset(&a), sf__buf_reset(&b);
    sf__name_skeleton("iran", 4, &a);
    sf__name_skeleton("iraq", 4, &b);
    assert_string_not_equal(sf__buf_cstr(&a), sf__buf_cstr(&b));
    sf__buf_reset(&a);
    assert_int_equal(sf__name_key("The U.N.", 8, &a), SF_OK);
    assert_string_equal(sf__buf_cstr(&a), "un");
    sf__buf_release(&a);
    sf__buf_release(&b);
    /* spellings of one name, and other names that share a skeleton */
#define CLOSE(x, y) sf__close_spelling(x, strlen(x), y, strlen(y))
    assert_true(CLOSE("raqqa", "raqa"));
    assert_true(CLOSE("hilary clinton", "hillary clinton"));
    assert_true(CLOSE("george stephanopoulos", "george stephanopolous"));
    assert_true(CLOSE("aryan nations", "ayran nations"));
    assert_true(CLOSE("yevgeni adamov", "yevgeny adamov"));
    assert_false(CLOSE("khomeini", "khamenei"));
    assert_false(CLOSE("robin", "rubin"));
    assert_false(CLOSE("mike", "mika"));
    assert_false(CLOSE("ginsburg", "ginsberg"));
    assert_false(CLOSE("world war ii", "world war i"));
    assert_false(CLOSE("don regan", "dan regan"));
    assert_false(CLOSE("comey", "cuomo"));
#undef CLOSE
}

static void test_alias_file(void **state) {
    (void)state;
    sf_alias_table *t;
    sf_error err = {0};
    assert_int_equal(sf__alias_table_create(&t, &err), SF_OK);
    const char *ok = "# comment\n\norg: Acme Widget Company = AWC = Acme\nplace: Foo City = Fooville\n";
    assert_int_equal(sf__alias_table_parse(t, "my.txt", ok, strlen(ok), true, &err), SF_OK);
    size_t g = sf__alias_lookup(t, "AWC", 3);
    assert_int_not_equal(g, SIZE_MAX);
    assert_int_equal(sf__alias_lookup(t, "acme", 4), g); /* long names: any case */
    assert_int_equal(sf__alias_lookup(t, "awc", 3), SIZE_MAX); /* short caps: caps only */
    assert_string_equal(sf__alias_canonical(t, g), "Acme Widget Company");
    assert_int_equal(sf__alias_type(t, g), SF_ENT_ORG);
    assert_true(sf__alias_user(t, g));
    /* bad lines name the file and line, and add nothing */
    size_t before = sf__alias_group_count(t);
    const char *bad1 = "A = B\nlonely name\n";
    assert_int_equal(sf__alias_table_parse(t, "bad.txt", bad1, strlen(bad1), true, &err), SF_ERR_PARSE);
    assert_non_null(strstr(err.message, "bad.txt:2"));
    assert_int_equal(sf__alias_group_count(t), before);
    const char *bad2 = "A =  = B\n";
    assert_int_equal(sf__alias_table_parse(t, "bad2.txt", bad2, strlen(bad2), true, &err), SF_ERR_PARSE);
    assert_non_null(strstr(err.message, "bad2.txt:1"));
    assert_int_equal(sf__alias_table_load(t, "/nonexistent/aliases.txt", &err), SF_ERR_IO);
    /* the bundled list */
    assert_int_equal(sf__alias_table_add_bundled(t, &err), SF_OK);
    size_t is = sf__alias_lookup(t, "ISIL", 4);
    assert_int_not_equal(is, SIZE_MAX);
    assert_int_equal(sf__alias_lookup(t, "Daesh", 5), is);
    assert_int_equal(sf__alias_lookup(t, "is", 2), SIZE_MAX); /* the verb */
    assert_int_equal(sf__alias_lookup(t, "U.S.", 4), sf__alias_lookup(t, "USA", 3));
    sf__alias_table_destroy(t);
}

static void test_acronym_and_variant(void **state) {
    (void)state;
    const char *texts[] = {
        "The Northern Reform Coalition - a militia of local groups - entered the town. The NRC said "
        "it had met little resistance.",
        "On Tuesday fighters of the Northern Reform Council moved in, the NRC said. The NRC has "
        "led the campaign since spring and the NRC now holds the bridge."};
    sf_corpus *c = corpus_of(texts, 2);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *e = entity_named(&f, "NRC");
    assert_non_null(e);
    /* the expansion used where the acronym is used most wins */
    assert_string_equal(e->name, "Northern Reform Council");
    const sf_alias *v = alias_of(e, "Northern Reform Coalition");
    assert_non_null(v);
    assert_true(v->variant);
    assert_non_null(strstr(v->reason, "variant of Northern Reform Council"));
    const sf_alias *a = alias_of(e, "NRC");
    assert_non_null(a);
    assert_false(a->variant);
    assert_non_null(strstr(a->reason, "acronym of"));
    assert_int_equal(e->narticles, 2);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

static void test_spelling_case_possessive_surname(void **state) {
    (void)state;
    const char *texts[] = {
        "Troops reached Qandahar on Monday. Qandahar's governor, Mr. Oleg Petrovsky, fled. "
        "Petrovsky said the city would hold.",
        "Officials in Qandaharr said the KOLMAR group and the Kolmar fighters left. Iran and Iraq "
        "both protested."};
    sf_corpus *c = corpus_of(texts, 2);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *q = entity_named(&f, "Qandahar");
    assert_non_null(q);
    assert_non_null(alias_of(q, "Qandaharr"));
    assert_non_null(strstr(alias_of(q, "Qandaharr")->reason, "spelling variant"));
    assert_non_null(alias_of(q, "Qandahar's"));
    const sf_entity *p = entity_named(&f, "Petrovsky");
    assert_non_null(p);
    assert_string_equal(p->name, "Oleg Petrovsky");
    assert_int_equal(p->type, SF_ENT_PERSON);
    assert_non_null(strstr(alias_of(p, "Petrovsky")->reason, "surname of Oleg Petrovsky"));
    const sf_entity *k = entity_named(&f, "Kolmar");
    assert_non_null(k);
    assert_ptr_equal(k, entity_named(&f, "KOLMAR"));
    /* as often in capitals as not: the mixed-case form is the name */
    assert_string_equal(k->name, "Kolmar");
    /* one letter apart but different places */
    assert_ptr_not_equal(entity_named(&f, "Iran"), entity_named(&f, "Iraq"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

static void test_user_alias_table(void **state) {
    (void)state;
    sf_alias_table *t;
    assert_int_equal(sf__alias_table_create(&t, NULL), SF_OK);
    const char *list = "Blue Heron Party = BHP = the Herons\n";
    assert_int_equal(sf__alias_table_parse(t, "user", list, strlen(list), true, NULL), SF_OK);
    const char *texts[] = {"The Herons won the vote. BHP leaders celebrated in Dunmore."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, t, &f);
    const sf_entity *e = entity_named(&f, "BHP");
    assert_non_null(e);
    assert_string_equal(e->name, "Blue Heron Party");
    assert_non_null(strstr(alias_of(e, "BHP")->reason, "alias file"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    sf__alias_table_destroy(t);
}

static void test_endless_capitals(void **state) {
    (void)state;
    /* a capitalized run far longer than any name gives no mention, and
     * nothing crashes on long, odd or empty input */
    sf_buf b;
    sf__buf_init(&b, 0);
    sf__buf_adds(&b, "Reports said ");
    for (int i = 0; i < 5000; i++) sf__buf_addf(&b, "Word%c Alpha ", 'a' + i % 26);
    sf__buf_adds(&b, "was here. Then Smith left.");
    const char *texts[] = {sf__buf_cstr(&b), "", "\"\"\" '' `` -- ,,, said said said."};
    sf_corpus *c = corpus_of(texts, 3);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    for (size_t i = 0; i < f.nentities; i++) assert_true(strlen(f.entities[i].name) < 200);
    assert_non_null(entity_named(&f, "Smith"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    sf__buf_release(&b);
}

/* "Syrian", "Kenyan", "Ukrainian" beside Syria, Kenya and Ukraine are
 * adjectives of those places, not more places; a name that only looks like
 * one (Iran beside Iraq) stays. */
static void test_demonyms_are_not_places(void **state) {
    (void)state;
    const char *texts[] = {
        "In neighbouring Syria, US-backed forces - including the SDF and Arab fighters from the "
        "Syrian Elite Forces - broke into Raqqa. Kenyan and Ukrainian officials in Kenya and "
        "Ukraine said Iran and Iraq protested in Nairobi.",
        "Officials in Syria, Kenya and Ukraine said the Syrian army held Palmyra."};
    sf_corpus *c = corpus_of(texts, 2);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_non_null(entity_named(&f, "Syria"));
    assert_non_null(entity_named(&f, "Kenya"));
    assert_non_null(entity_named(&f, "Ukraine"));
    assert_null(entity_named(&f, "Syrian"));
    assert_null(entity_named(&f, "Kenyan"));
    assert_null(entity_named(&f, "Ukrainian"));
    assert_non_null(entity_named(&f, "Iran"));
    assert_non_null(entity_named(&f, "Iraq"));
    assert_ptr_not_equal(entity_named(&f, "Iran"), entity_named(&f, "Iraq"));
    assert_non_null(entity_named(&f, "Nairobi")); /* not its own adjective */
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* France and Franco differ in one letter but are a place and a person: a
 * change of the final vowel makes another name, not another spelling. */
static void test_final_vowel_is_another_name(void **state) {
    (void)state;
    const char *texts[] = {
        "Spain was ruled by Francisco Franco until 1975. Franco's rule ended with his death. "
        "Talks were later held in France.",
        "Officials in France said Franco was remembered. Maria Lopez and Mario Lopez spoke."};
    sf_corpus *c = corpus_of(texts, 2);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *fr = entity_named(&f, "France"), *fc = entity_named(&f, "Franco");
    assert_non_null(fr);
    assert_non_null(fc);
    assert_ptr_not_equal(fr, fc);
    assert_string_equal(fc->name, "Francisco Franco");
    assert_null(alias_of(fc, "France"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* An occupation written like a title is not part of the name, and an
 * abbreviated title makes the name a person's. */
static void test_titles_before_names(void **state) {
    (void)state;
    const char *texts[] = {
        "Engineer Paul Ried cut the ribbon at the harbour stop. Ried said the line was ready.",
        "Gen. Francisco Franco ruled Spain until 1975, the engineer said."};
    sf_corpus *c = corpus_of(texts, 2);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *p = entity_named(&f, "Paul Ried");
    assert_non_null(p);
    assert_string_equal(p->name, "Paul Ried");
    assert_null(entity_named(&f, "Engineer Paul Ried"));
    const sf_entity *fr = entity_named(&f, "Francisco Franco");
    assert_non_null(fr);
    assert_int_equal(fr->type, SF_ENT_PERSON);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* The agency a dateline credits wrote the report; it is no one in it. */
static void test_dateline_agency_is_no_entity(void **state) {
    (void)state;
    const char *texts[] = {
        "LONDON (AP) _ Salman Rushdie said Thursday that his ordeal had ended.",
        "TEHRAN, Iran (AP) _ Officials in Tehran said Rushdie was still at risk. TEHRAN is calm."};
    sf_corpus *c = corpus_of(texts, 2);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_non_null(entity_named(&f, "Rushdie"));
    assert_null(entity_named(&f, "AP"));
    /* a name of five letters or more is shown as written in running text,
     * even when datelines write it in capitals more often */
    assert_string_equal(entity_named(&f, "TEHRAN")->name, "Tehran");
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A country's name is a place whatever the recognizer guesses on a name it
 * has rarely seen (it typed Burkina Faso a person, Tuvalu an organization).
 * The list comes from Debian's iso-codes: skipped, with the reason, without it. */
static void test_countries_are_places(void **state) {
    (void)state;
    const char *iso = getenv("SF_ISO3166_FILE");
    FILE *fp = fopen(iso && *iso ? iso : "/usr/share/iso-codes/json/iso_3166-1.json", "r");
    if (!fp) {
        fprintf(stderr, "skipped: no ISO 3166 list (Debian package iso-codes)\n");
        skip();
    }
    fclose(fp);
    const char *texts[] = {
        "Burkina Faso became the 40th country to sign the mine treaty on Wednesday, officials said. "
        "Burkina Faso said it would destroy its stock within four years. Myanmar and Tuvalu have not signed."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *bf = entity_named(&f, "Burkina Faso"), *tv = entity_named(&f, "Tuvalu");
    assert_non_null(bf);
    assert_non_null(tv);
    assert_int_equal(bf->type, SF_ENT_PLACE);
    assert_int_equal(tv->type, SF_ENT_PLACE);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A surname that is also a country's name ("Jordan" after "Michael Jordan")
 * names the person: its own votes do not make him a place. */
static void test_surname_votes_for_the_person(void **state) {
    (void)state;
    const char *texts[] = {"Michael Jordan scored 40 points as the Chicago Bulls beat the Utah Jazz on Sunday. "
                           "Jordan said the team played well. Jordan, who missed practice on Friday, "
                           "thanked the fans."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *mj = entity_named(&f, "Michael Jordan");
    assert_non_null(mj);
    assert_ptr_equal(mj, entity_named(&f, "Jordan"));
    assert_int_equal(mj->type, SF_ENT_PERSON);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A country's name is the last word of a programme's ("Morning Ireland")
 * as often as a surname: it joins only a name that shows itself a
 * person's (a title, a given name first; "Michael Jordan" above). */
static void test_country_no_surname_of_a_programme(void **state) {
    (void)state;
    const char *texts[] = {"Ireland could see up to 2,300 new cases of coronavirus per day by the end of the month. "
                           "People across Ireland can once again meet this challenge. Speaking on Morning Ireland "
                           "he bypassed the question for a second time."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *ie = entity_named(&f, "Ireland");
    assert_non_null(ie);
    assert_int_equal(ie->type, SF_ENT_PLACE);
    assert_true(entity_named(&f, "Morning Ireland") == NULL || entity_named(&f, "Morning Ireland") != ie);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A capitalized office ("Conservative MP", "Health Secretary", "U.S.
 * Attorney") describes a person: no entity row of its own; an organization
 * named with its office words ("Conservative Party", "Ministry of Health",
 * "Office of the President") and a person whose surname is an office word
 * ("John Chancellor") keep theirs. */
static void test_office_is_no_entity(void **state) {
    (void)state;
    const char *texts[] = {"Speaking in the Commons, the Conservative MP said the Conservative Party would vote "
                           "against it. The Health Secretary told the Ministry of Health to wait, and the Office "
                           "of the President agreed. A U.S. Attorney in Dellport declined to comment to John "
                           "Chancellor on Monday."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_null(entity_named(&f, "Conservative MP"));
    assert_null(entity_named(&f, "Health Secretary"));
    assert_null(entity_named(&f, "U.S. Attorney"));
    assert_non_null(entity_named(&f, "Conservative Party"));
    assert_non_null(entity_named(&f, "Ministry of Health"));
    assert_non_null(entity_named(&f, "Office of the President"));
    assert_non_null(entity_named(&f, "John Chancellor"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A party-and-state label with a dotted state ("R-N.Y.", cut by the
 * tokenizer into "R-N" and "Y.") names no one. */
static void test_dotted_party_label_no_entity(void **state) {
    (void)state;
    const char *texts[] = {"Rep. Chris Collins, R-N.Y., noted the tariffs would hurt farmers. Sen. Bob "
                           "Menendez, D-N.J., agreed with Collins on Monday."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_null(entity_named(&f, "Y."));
    assert_null(entity_named(&f, "R-N"));
    assert_null(entity_named(&f, "J."));
    assert_non_null(entity_named(&f, "Chris Collins"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A company's legal form alone ("S.A.", "Inc.") is no name: it was taken
 * as the acronym of another company in the story ("Siemens AG"). */
static void test_legal_form_alone_no_entity(void **state) {
    (void)state;
    const char *texts[] = {"The Board of Directors of Nestlé S.A. has confirmed that the meeting will take place in "
                           "April. Siemens AG said on Monday that profits fell. Apple Inc. declined to comment."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_null(entity_named(&f, "S.A."));
    assert_null(entity_named(&f, "Inc."));
    const sf_entity *si = entity_named(&f, "Siemens AG");
    assert_non_null(si);
    for (size_t i = 0; i < si->naliases; i++) assert_string_not_equal(si->aliases[i].name, "S.A.");
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A given name and a surname are a person's, whatever the recognizer
 * guessed from the surname's company ("from Biden donors"); not when the
 * second word heads a place's name. A sentence adverb before a comma
 * ("Rhetorically,") is no name. */
static void test_given_name_person_and_opening_adverb(void **state) {
    (void)state;
    const char *texts[] = {"Joe Biden has far more endorsements. Money flowed from Biden donors. Help came from Biden "
                           "allies in Iowa, and calls came from Biden staff. Rhetorically, the senator would champion "
                           "the causes of the left. The rally was held in Alice Springs."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *b = entity_named(&f, "Joe Biden");
    assert_non_null(b);
    assert_int_equal(b->type, SF_ENT_PERSON);
    assert_null(entity_named(&f, "Rhetorically"));
    const sf_entity *a = entity_named(&f, "Alice Springs");
    if (a) assert_int_not_equal(a->type, SF_ENT_PERSON);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* Interjections and linking adverbs opening a sentence or a remark
 * ("Oh,", "Well,", "Yes,", "Furthermore,") are no names. */
static void test_discourse_words_no_entity(void **state) {
    (void)state;
    const char *texts[] = {"Oh, the plans changed again on Monday. Well, nobody in Boston knew why. Furthermore, the "
                           "mayor said 'Yes, we will build it' to Mary Walsh. Hey, said a neighbour."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const char *junk[] = {"Oh", "Well", "Furthermore", "Yes", "Hey"};
    for (size_t i = 0; i < SF_ARRAY_LEN(junk); i++) assert_null(entity_named(&f, junk[i]));
    assert_non_null(entity_named(&f, "Boston"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A word English writes in lower case only, seen only where a sentence
 * opens, is no name in an article too short to write it in lower case too
 * ("Already, ...", "Malaria infection ..."); the surname of a name given in
 * full stays ("Jens Gust ... Gust was"), and so does a word with a number
 * after it (a results line) or a capitalized word ("Radio Red"). Words and
 * case from the system's English word list (words_en.c). */
static void test_lower_case_words_opening_sentences(void **state) {
    (void)state;
    assert_true(sf__english_lower_only("already", 7));
    assert_true(sf__english_lower_only("malaria", 7));
    assert_false(sf__english_lower_only("hope", 4)); /* also "Hope" */
    assert_false(sf__english_lower_only("kasich", 6)); /* not in the list */
    const char *texts[] = {"Coca-Cola gave $1.5 million to the fund in Atlanta. Already, Joe McCoy said the talks had "
                           "begun. Malaria infection rates fell in Manila. Attache Jens Gust was in Bonn on Monday. "
                           "Gust was threatened there, Joe McCoy said."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_null(entity_named(&f, "Already"));
    assert_null(entity_named(&f, "Malaria"));
    const sf_entity *g = entity_named(&f, "Jens Gust");
    assert_non_null(g);
    assert_int_equal(g->mentions, 2); /* "Gust was threatened" is his */
    assert_non_null(entity_named(&f, "Joe McCoy"));
    assert_non_null(entity_named(&f, "Manila"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A speech verb opening a sentence ("Said Atlanta homicide commander Lt.
 * Tony Biello.", "Writes Brett Johnson in the preface:") is capitalized by
 * its place, no part of the name after it. */
static void test_opening_speech_verb_is_no_name(void **state) {
    (void)state;
    const char *texts[] = {"The gunman opened fire on the traders at noon. Said Atlanta homicide commander Lt. Tony "
                           "Biello: \"He was proficient with his firearms.\" Writes Brett Johnson in the preface: "
                           "\"It was a long day.\" Brett Johnson lives in Atlanta."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_null(entity_named(&f, "Said Atlanta"));
    assert_null(entity_named(&f, "Writes Brett Johnson"));
    assert_non_null(entity_named(&f, "Brett Johnson"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* Common English given names count as given names ("Erica Pandey" is a
 * person's name); an acronym before a word ("TED Talk") is none. */
static void test_english_given_names(void **state) {
    (void)state;
    const char *texts[] = {"Erica Pandey writes about cities. Support came from Pandey readers in Seattle, and "
                           "letters came from Pandey fans. The TED Talk drew a crowd in Seattle, and the TED Talk "
                           "was shared widely."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *e = entity_named(&f, "Erica Pandey");
    assert_non_null(e);
    assert_int_equal(e->type, SF_ENT_PERSON);
    const sf_entity *t = entity_named(&f, "TED Talk");
    if (t) assert_int_not_equal(t->type, SF_ENT_PERSON);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* An office of another country ("Tanaiste", "Taoiseach") before a name is a
 * title, left out of the name as "President" is. */
static void test_office_abroad_is_a_title(void **state) {
    (void)state;
    const char *texts[] = {"Last night Tanaiste Leo Varadkar made a strong claim on RTE. Varadkar was speaking "
                           "after the cabinet met, and Tanaiste Leo Varadkar said the plan was credible."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_null(entity_named(&f, "Tanaiste Leo Varadkar"));
    const sf_entity *lv = entity_named(&f, "Leo Varadkar");
    assert_non_null(lv);
    assert_int_equal(lv->type, SF_ENT_PERSON);
    assert_ptr_equal(lv, entity_named(&f, "Varadkar"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A government body written both ways round is one entity; a university
 * is not (two schools). */
static void test_body_written_both_ways(void **state) {
    (void)state;
    const char *texts[] = {"The Department of Justice opened an inquiry on Monday. A Justice Department spokesman "
                           "declined to comment. The Ministry of Defence said the Defence Ministry would help. "
                           "Students of the University of Washington met students of Washington University."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *doj = entity_named(&f, "Department of Justice");
    assert_non_null(doj);
    assert_ptr_equal(doj, entity_named(&f, "Justice Department"));
    const sf_entity *mod = entity_named(&f, "Ministry of Defence");
    assert_non_null(mod);
    assert_ptr_equal(mod, entity_named(&f, "Defence Ministry"));
    const sf_entity *uw = entity_named(&f, "University of Washington");
    assert_true(uw == NULL || uw != entity_named(&f, "Washington University"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* two men whose names share a skeleton stay two */
    const char *iran[] = {"Ayatollah Khomeini founded the Islamic Republic in 1979. Ayatollah Khamenei leads it "
                          "now, and Khamenei spoke in Tehran on Monday about Khomeini."};
    c = corpus_of(iran, 1);
    facts_of(c, NULL, &f);
    assert_non_null(entity_named(&f, "Khamenei"));
    assert_ptr_not_equal(entity_named(&f, "Khomeini"), entity_named(&f, "Khamenei"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* a title inside a name parts the office's holder from what the
     * office is of; a word of the office alone is no name */
    const char *offices[] = {"Senate Minority Leader Harry Reid said on Monday that the vote would fail. Cleveland "
                             "Police Chief Calvin Williams said the march was peaceful. Reid spoke after Williams."};
    c = corpus_of(offices, 1);
    facts_of(c, NULL, &f);
    assert_non_null(entity_named(&f, "Harry Reid"));
    assert_int_equal(entity_named(&f, "Harry Reid")->type, SF_ENT_PERSON);
    assert_non_null(entity_named(&f, "Calvin Williams"));
    assert_int_equal(entity_named(&f, "Calvin Williams")->type, SF_ENT_PERSON);
    assert_null(entity_named(&f, "Senate Minority"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* a particle inside the surname ("de") still leaves the holder a
     * person apart from the city ("New York City Mayor Bill de Blasio" was
     * one place, and "he said" after it went to an earlier speaker) */
    const char *mayor[] = {"New York City Mayor Bill de Blasio said on Monday that burials might be needed. "
                           "De Blasio spoke at City Hall."};
    c = corpus_of(mayor, 1);
    facts_of(c, NULL, &f);
    assert_non_null(entity_named(&f, "Bill de Blasio"));
    assert_int_equal(entity_named(&f, "Bill de Blasio")->type, SF_ENT_PERSON);
    assert_null(entity_named(&f, "New York City Mayor Bill de Blasio"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    const char *king[] = {"Martin Luther King Jr. spoke in Memphis in 1968. Martin Luther King Jr. was shot there."};
    c = corpus_of(king, 1);
    facts_of(c, NULL, &f);
    assert_null(entity_named(&f, "Martin Luther")); /* "King" inside a name is the name */
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* a body named by its kind is no place after "in" */
    const char *hill[] = {"The bill died in Congress on Monday. Weiner served in Congress for seven years before he "
                          "resigned."};
    c = corpus_of(hill, 1);
    facts_of(c, NULL, &f);
    assert_non_null(entity_named(&f, "Congress"));
    assert_int_equal(entity_named(&f, "Congress")->type, SF_ENT_ORG);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* the table leaves out a name's possessive; the JSON keeps it */
    const char *two[] = {"Raqqa's old wall was breached near Raqqa on Monday.", "Fighters entered Raqqa's Old City."};
    c = corpus_of(two, 2);
    facts_of(c, NULL, &f);
    const sf_entity *rq = entity_named(&f, "Raqqa");
    assert_non_null(rq);
    assert_non_null(alias_of(rq, "Raqqa's"));
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    sf__facts_to_markdown(m, c, &f);
    fclose(m);
    assert_non_null(strstr(buf, "| Raqqa | place |  | [1,2] |"));
    assert_null(strstr(buf, "Raqqa's"));
    free(buf);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* Folding for the word lists: ASCII and accented Latin capitals. */
static void test_word_fold(void **state) {
    (void)state;
    char w[32];
    assert_int_equal(sf__word_fold("Łukasz", strlen("Łukasz"), w, sizeof w), strlen("łukasz"));
    assert_string_equal(w, "łukasz");
    sf__word_fold("ÉDOUARD", strlen("ÉDOUARD"), w, sizeof w);
    assert_string_equal(w, "édouard");
    sf__word_fold("Über", strlen("Über"), w, sizeof w);
    assert_string_equal(w, "über");
    assert_int_equal(sf__word_fold("Wenn", 4, w, 4), 0); /* does not fit */
    assert_true(sf__lang_opener("de", "wenn", 4));
    assert_true(sf__lang_opener("pl", "w", 1));
    assert_false(sf__lang_opener("en", "w", 1));
    assert_true(sf__lang_title("de", "außenministerin", strlen("außenministerin")));
    assert_true(sf__lang_capitalizes_nouns("de"));
    assert_false(sf__lang_capitalizes_nouns("es"));
}

/* One report in a language of its own (declared or, with lang NULL, told
 * from its text): the story's entities. */
static void facts_of_lang(const char *text, const char *lang, sf_story_facts *f, sf_corpus **c) {
    *c = sf_corpus_create();
    sf_article a = {.id = "x", .text = text, .lang = lang, .published = SF_TIME_UNKNOWN};
    assert_int_equal(sf_corpus_add(*c, &a, NULL), SF_OK);
    facts_of(*c, NULL, f);
}

/* German writes every noun with a capital and the recognizer learned
 * English: sentence-opening function words and nouns are no names, a
 * person with a title or a given name is. Declared or told from the text. */
static void test_german_report_no_junk(void **state) {
    (void)state;
    const char *text =
        "Die Dokumente zeigen, wie Unternehmen Daten sammeln. Wenn Sie das lesen, wissen Sie "
        "mehr. Bundeskanzler Olaf Scholz sagte am Montag in Berlin, die Hilfe komme rasch. Die "
        "Lage in Israel bleibt angespannt.";
    const char *langs[] = {"de-DE", NULL};
    for (size_t k = 0; k < 2; k++) {
        sf_corpus *c;
        sf_story_facts f;
        facts_of_lang(text, langs[k], &f, &c);
        const char *junk[] = {"Die Dokumente", "Dokumente", "Wenn Sie", "Sie", "Unternehmen Daten",
                              "Unternehmen", "Daten", "Hilfe", "Montag", "Die", "Wenn"};
        for (size_t i = 0; i < SF_ARRAY_LEN(junk); i++)
            if (entity_named(&f, junk[i])) fail_msg("lang %s: '%s' is an entity", langs[k] ? langs[k] : "(told)", junk[i]);
        const sf_entity *p = entity_named(&f, "Olaf Scholz");
        assert_non_null(p);
        assert_string_equal(p->name, "Olaf Scholz"); /* the title is not part of it */
        assert_int_equal(p->type, SF_ENT_PERSON);
        /* a country's name is a name in any language (with Debian's iso-codes) */
        const char *iso = getenv("SF_ISO3166_FILE");
        FILE *fp = fopen(iso && *iso ? iso : "/usr/share/iso-codes/json/iso_3166-1.json", "r");
        if (fp) {
            fclose(fp);
            const sf_entity *il = entity_named(&f, "Israel");
            assert_non_null(il);
            assert_int_equal(il->type, SF_ENT_PLACE);
        }
        sf__story_facts_release(&f);
        sf_corpus_destroy(c);
    }
}

/* Spanish: "Los", "Las" open sentences; a verb opening one ("Habla") has
 * only the sentence's capital; the recognizer's English types are not
 * taken alone ("Constituyente" is no person, "Europa" no organization). */
static void test_spanish_report_no_junk(void **state) {
    (void)state;
    const char *text =
        "Los documentos muestran el problema. Las autoridades dijeron que el presidente Pedro "
        "Sánchez viaja a Bruselas. Habla poco. El Estado y la Convención Constituyente hablaron "
        "con Europa.";
    sf_corpus *c;
    sf_story_facts f;
    facts_of_lang(text, "es", &f, &c);
    const char *junk[] = {"Los", "Las", "Habla", "Los documentos", "Las autoridades", "El Estado"};
    for (size_t i = 0; i < SF_ARRAY_LEN(junk); i++)
        if (entity_named(&f, junk[i])) fail_msg("'%s' is an entity", junk[i]);
    const sf_entity *p = entity_named(&f, "Pedro Sánchez");
    assert_non_null(p);
    assert_int_equal(p->type, SF_ENT_PERSON);
    const sf_entity *e = entity_named(&f, "Constituyente");
    if (e) assert_int_not_equal(e->type, SF_ENT_PERSON);
    e = entity_named(&f, "Europa");
    if (e) assert_int_not_equal(e->type, SF_ENT_ORG);
    for (size_t i = 0; i < f.nentities; i++)
        if (f.entities[i].type == SF_ENT_PERSON && strcmp(f.entities[i].name, "Pedro Sánchez") != 0)
            fail_msg("'%s' typed a person", f.entities[i].name);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* French and Polish: "Le", "Les", "Selon", "W", "Na" open sentences and
 * never start a name; the names after them stay. */
static void test_french_polish_openers(void **state) {
    (void)state;
    sf_corpus *c;
    sf_story_facts f;
    facts_of_lang("Le président Emmanuel Macron a reçu les syndicats. Les Français attendent des "
                  "réponses. Selon Le Monde, la réunion a duré trois heures à Paris.",
                  "fr", &f, &c);
    const char *junk[] = {"Le", "Les", "Les Français", "Selon Le Monde", "Selon"};
    for (size_t i = 0; i < SF_ARRAY_LEN(junk); i++)
        if (entity_named(&f, junk[i])) fail_msg("fr: '%s' is an entity", junk[i]);
    assert_non_null(entity_named(&f, "Emmanuel Macron"));
    assert_non_null(entity_named(&f, "Le Monde"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    facts_of_lang("W Warszawie premier Donald Tusk spotkał się z ministrami. Na Nowym Świecie "
                  "protestowali rolnicy.",
                  "pl", &f, &c);
    const char *pjunk[] = {"W", "Na", "W Warszawie", "Na Nowym", "Na Nowym Świecie"};
    for (size_t i = 0; i < SF_ARRAY_LEN(pjunk); i++)
        if (entity_named(&f, pjunk[i])) fail_msg("pl: '%s' is an entity", pjunk[i]);
    const sf_entity *p = entity_named(&f, "Donald Tusk");
    assert_non_null(p);
    assert_int_equal(p->type, SF_ENT_PERSON);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* The same sentences in English keep the recognizer's word: other
 * languages' rules never touch an English report. */
static void test_english_report_unchanged_by_languages(void **state) {
    (void)state;
    sf_corpus *c;
    sf_story_facts f;
    facts_of_lang("Chancellor Olaf Scholz said on Monday in Berlin that aid would come soon.", "en", &f, &c);
    const sf_entity *p = entity_named(&f, "Olaf Scholz");
    assert_non_null(p);
    assert_int_equal(p->type, SF_ENT_PERSON);
    const sf_entity *b = entity_named(&f, "Berlin");
    assert_non_null(b);
    assert_int_equal(b->type, SF_ENT_PLACE);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A company's name ends in a word of companies ("Systems", "Holdings",
 * "Records"): an organization, not a person, whatever the recognizer says. */
static void test_company_words(void **state) {
    (void)state;
    const char *texts[] = {"Battery maker Quillon Systems will build a factory in Dunmore, the company said. "
                           "Quillon Systems chose Dunmore over two other sites. Marlow Holdings sold the land."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *q = entity_named(&f, "Quillon Systems"), *m = entity_named(&f, "Marlow Holdings");
    assert_non_null(q);
    assert_int_equal(q->type, SF_ENT_ORG);
    assert_non_null(m);
    assert_int_equal(m->type, SF_ENT_ORG);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A line in title case (a heading, a menu item) shows no name by its
 * capitals: its names are kept only where the text names them elsewhere
 * ("Marlow Gardens" is in the body) or they are people's by a given name. */
static void test_heading_lines_no_entity(void **state) {
    (void)state;
    const char *texts[] = {"How To Grow Roses With Marlow Gardens\n\nThe Dunmore Rose Society met in Dunmore on "
                           "Monday, and members of the society talked about soil.\n\nCare For And Plant Kelso "
                           "Roses\n\nRoses need sun. Ann Kelvey said the soil must drain well.\n\nMarlow Gardens "
                           "sells seeds."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    assert_null(entity_named(&f, "Care For And Plant Kelso Roses"));
    assert_null(entity_named(&f, "Roses"));
    assert_non_null(entity_named(&f, "Marlow Gardens"));
    assert_non_null(entity_named(&f, "Ann Kelvey"));
    assert_non_null(entity_named(&f, "Dunmore Rose Society"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* a sentence whose first word is capitalized by its place is no
     * heading ("There's Kent Humphrey.") */
    const char *plain[] = {"Old friends still visit. There's Tovey Marsh. He lives by the sea.\n\nThe council met "
                           "on Monday. Follow The Kelso Courier on Twitter and Instagram."};
    c = corpus_of(plain, 1);
    facts_of(c, NULL, &f);
    assert_non_null(entity_named(&f, "Tovey Marsh"));
    /* nor is a sentence with a full stop and a small word in lower case */
    assert_non_null(entity_named(&f, "Kelso Courier"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A verb in the imperative opening a sentence or a numbered step, before
 * an article or a pronoun ("Gather the seeds", "Keep them warm"), is no
 * name; a given name there is one ("Richard the Lionheart"). */
static void test_imperative_no_entity(void **state) {
    (void)state;
    const char *texts[] = {"1. Gather the seeds from a ripe lemon.\n\n2. Wrap the seeds in a damp paper "
                           "towel.\n\nPlace the towel in a bag. Keep them warm for a week in Dunmore."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const char *verbs[] = {"Gather", "Wrap", "Place", "Keep"};
    for (size_t i = 0; i < SF_ARRAY_LEN(verbs); i++) assert_null(entity_named(&f, verbs[i]));
    assert_non_null(entity_named(&f, "Dunmore"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* a given name before "the" is a name ("Richard the Lionheart") */
    const char *named[] = {"Richard the Lionheart sailed from Dover in 1190. Historians in York still study him."};
    c = corpus_of(named, 1);
    facts_of(c, NULL, &f);
    assert_non_null(entity_named(&f, "Richard"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* "on Amazon", "on Instagram or Facebook": a one-word name after "on" is
 * not typed a place for the recognizer's reading of the preposition. */
static void test_on_a_platform_no_place(void **state) {
    (void)state;
    const char *texts[] = {"Readers can buy the monitor on Amazon, and fans share photos on Instagram or "
                           "Facebook. The company is based in Dunmore."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const char *sites[] = {"Amazon", "Instagram", "Facebook"};
    for (size_t i = 0; i < SF_ARRAY_LEN(sites); i++) {
        const sf_entity *e = entity_named(&f, sites[i]);
        if (e) assert_int_not_equal(e->type, SF_ENT_PLACE);
    }
    const sf_entity *d = entity_named(&f, "Dunmore");
    assert_non_null(d);
    assert_int_equal(d->type, SF_ENT_PLACE);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* "in Columbia, Sanders stepped up": a name after a place and a comma with
 * a verb after it is the clause's subject, not a state as in "Columbia,
 * South Carolina"; "Saline, Texas was" keeps its state (ISO 3166-2), and
 * the quote after "saying," is the subject's. */
static void test_subject_after_place_comma(void **state) {
    (void)state;
    const char *texts[] = {"Here in Columbia, Sanders stepped up his emphasis on criminal justice issues, saying, "
                           "\"We have got to achieve the day.\" In Saline, Texas was a quiet town until Monday."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *sanders = entity_named(&f, "Sanders"), *texas = entity_named(&f, "Texas");
    if (sanders) assert_int_not_equal(sanders->type, SF_ENT_PLACE);
    assert_non_null(texas);
    assert_int_equal(texas->type, SF_ENT_PLACE);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    sf_quote_found *q = NULL;
    size_t nq = 0;
    sf_error err = {0};
    assert_int_equal(sf_quotes_find(texts[0], strlen(texts[0]), "en", &q, &nq, &err), SF_OK);
    assert_int_equal(nq, 1);
    assert_non_null(q[0].speaker_name);
    assert_string_equal(q[0].speaker_name, "Sanders");
    sf_quotes_free(q, nq);
}

/* A person's name the recognizer parted: a given name it read as
 * something else ("Brent" crude) and a generational suffix it made an
 * organization ("III") are part of the name. */
static void test_given_name_and_suffix_join(void **state) {
    (void)state;
    const char *texts[] = {"\"Yes, I support Ted Cruz,\" Brent Bozell III, founder of the Media Research Center, "
                           "told reporters. Eleanor Lambert, who founded the shows, said the models were thin."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *e = entity_named(&f, "Brent Bozell III");
    assert_non_null(e);
    assert_int_equal(e->type, SF_ENT_PERSON);
    assert_null(entity_named(&f, "III"));
    e = entity_named(&f, "Eleanor Lambert");
    assert_non_null(e);
    assert_int_equal(e->type, SF_ENT_PERSON);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A given name or a Chinese family name alone is the one person of the
 * story whose full name opens with it ("Ellen" is Ellen Gbedey, "Zhang" is
 * Zhang Geng); with two such people it joins neither. */
static void test_first_name_joins_full_name(void **state) {
    (void)state;
    const char *texts[] = {"Ellen Gbedey, 17, won the junior title in Miami on Sunday. Her coach said Ellen "
                           "trained every morning before school, and Ellen thanked her family.",
                           "Vice Minister Zhang Geng met the visitors in Beijing on Monday. Zhang said the two "
                           "countries would work together.",
                           "Council members Michael Lopiano and Michael Rendino met on Monday. Michael said the "
                           "plan would pass."};
    for (size_t k = 0; k < 3; k++) {
        sf_corpus *c = corpus_of(texts + k, 1);
        sf_story_facts f;
        facts_of(c, NULL, &f);
        if (k < 2) {
            const char *first = k == 0 ? "Ellen" : "Zhang", *full = k == 0 ? "Ellen Gbedey" : "Zhang Geng";
            const sf_entity *e = entity_named(&f, first);
            assert_non_null(e);
            assert_string_equal(e->name, full);
            assert_non_null(alias_of(e, first));
        } else {
            const sf_entity *a = entity_named(&f, "Michael Lopiano"), *b = entity_named(&f, "Michael Rendino");
            assert_non_null(a);
            assert_non_null(b);
            assert_null(alias_of(a, "Michael"));
            assert_null(alias_of(b, "Michael"));
        }
        sf__story_facts_release(&f);
        sf_corpus_destroy(c);
    }
}

/* A street's last word makes the name a place ("Kelso Boulevard", "Harmon
 * Drive"); a noble title of a place is a person ("Duke of Edinburgh"); a
 * word ending in -ish is the adjective of a people, no place ("in the
 * British press"). */
static void test_streets_nobles_and_adjectives(void **state) {
    (void)state;
    const char *texts[] = {"The parade will use Kelso Boulevard and Harmon Drive this year. The Duke of Edinburgh "
                           "met the Duchess of Sussex at the palace. Critics in the British press were harsh."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const char *streets[] = {"Kelso Boulevard", "Harmon Drive"}, *nobles[] = {"Duke of Edinburgh", "Duchess of Sussex"};
    for (size_t i = 0; i < 2; i++) {
        const sf_entity *e = entity_named(&f, streets[i]), *n = entity_named(&f, nobles[i]);
        assert_non_null(e);
        assert_int_equal(e->type, SF_ENT_PLACE);
        assert_non_null(n);
        assert_int_equal(n->type, SF_ENT_PERSON);
    }
    const sf_entity *b = entity_named(&f, "British");
    if (b) assert_int_not_equal(b->type, SF_ENT_PLACE);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* "at Kelso University", "at the University of Marlow": a school named by
 * its kind is an organization, whatever the preposition; the town after
 * "in" stays a place. */
static void test_universities_are_organizations(void **state) {
    (void)state;
    const char *texts[] = {"The study was led by researchers at Kelso University in Dunmore. Others at the "
                           "University of Marlow joined later."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const char *orgs[] = {"Kelso University", "University of Marlow"};
    for (size_t i = 0; i < SF_ARRAY_LEN(orgs); i++) {
        const sf_entity *e = entity_named(&f, orgs[i]);
        assert_non_null(e);
        assert_int_equal(e->type, SF_ENT_ORG);
    }
    const sf_entity *d = entity_named(&f, "Dunmore");
    assert_non_null(d);
    assert_int_equal(d->type, SF_ENT_PLACE);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A full name written after a personal title is a person's, whatever the
 * recognizer votes ("former Massachusetts congressman Barney Frank" read
 * as a place); a title before a place's or a body's name ("Prince Edward
 * Island") changes nothing. */
static void test_titled_full_name_is_a_person(void **state) {
    (void)state;
    const char *texts[] = {"The bill passed, said former Massachusetts congressman Barney Frank. Ferries to Prince "
                           "Edward Island stopped."};
    sf_corpus *c = corpus_of(texts, 1);
    sf_story_facts f;
    facts_of(c, NULL, &f);
    const sf_entity *e = entity_named(&f, "Barney Frank");
    assert_non_null(e);
    assert_int_equal(e->type, SF_ENT_PERSON);
    for (size_t i = 0; i < f.nentities; i++)
        if (strstr(f.entities[i].name, "Island")) assert_int_not_equal(f.entities[i].type, SF_ENT_PERSON);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_helpers),
        cmocka_unit_test(test_alias_file),
        cmocka_unit_test(test_acronym_and_variant),
        cmocka_unit_test(test_spelling_case_possessive_surname),
        cmocka_unit_test(test_user_alias_table),
        cmocka_unit_test(test_endless_capitals),
        cmocka_unit_test(test_demonyms_are_not_places),
        cmocka_unit_test(test_final_vowel_is_another_name),
        cmocka_unit_test(test_titles_before_names),
        cmocka_unit_test(test_dateline_agency_is_no_entity),
        cmocka_unit_test(test_countries_are_places),
        cmocka_unit_test(test_surname_votes_for_the_person),
        cmocka_unit_test(test_body_written_both_ways),
        cmocka_unit_test(test_country_no_surname_of_a_programme),
        cmocka_unit_test(test_office_abroad_is_a_title),
        cmocka_unit_test(test_office_is_no_entity),
        cmocka_unit_test(test_dotted_party_label_no_entity),
        cmocka_unit_test(test_legal_form_alone_no_entity),
        cmocka_unit_test(test_given_name_person_and_opening_adverb),
        cmocka_unit_test(test_lower_case_words_opening_sentences),
        cmocka_unit_test(test_opening_speech_verb_is_no_name),
        cmocka_unit_test(test_discourse_words_no_entity),
        cmocka_unit_test(test_english_given_names),
        cmocka_unit_test(test_company_words),
        cmocka_unit_test(test_word_fold),
        cmocka_unit_test(test_german_report_no_junk),
        cmocka_unit_test(test_spanish_report_no_junk),
        cmocka_unit_test(test_french_polish_openers),
        cmocka_unit_test(test_english_report_unchanged_by_languages),
        cmocka_unit_test(test_heading_lines_no_entity),
        cmocka_unit_test(test_imperative_no_entity),
        cmocka_unit_test(test_on_a_platform_no_place),
        cmocka_unit_test(test_subject_after_place_comma),
        cmocka_unit_test(test_given_name_and_suffix_join),
        cmocka_unit_test(test_first_name_joins_full_name),
        cmocka_unit_test(test_streets_nobles_and_adjectives),
        cmocka_unit_test(test_universities_are_organizations),
        cmocka_unit_test(test_titled_full_name_is_a_person),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

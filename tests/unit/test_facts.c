/* test_facts.c - quantities normalized to base units, vague amounts as
 * ranges, relative dates against publication time, quote attribution,
 * alignment across sources, bad input, and the two seed reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "facts/facts.h"
#include "output/facts_out.h"

static sf_quantvec quantities_in(const char *text, const char *lang, sf_doc *d) {
    assert_int_equal(sf__doc_init(d, 0, text, strlen(text), lang), SF_OK);
    sf_quantvec q = {0};
    assert_int_equal(sf__find_quantities(d, &q), SF_OK);
    return q;
}

static sf_quantvec quantities(const char *text, sf_doc *d) {
    assert_int_equal(sf__doc_init(d, 0, text, strlen(text), "en"), SF_OK);
    sf_quantvec q = {0};
    assert_int_equal(sf__find_quantities(d, &q), SF_OK);
    return q;
}

static void expect_one(const char *text, double value, double lo, double hi, const char *base) {
    sf_doc d;
    sf_quantvec q = quantities(text, &d);
    if (q.n != 1) fail_msg("%s: %zu quantities", text, q.n);
    if (fabs(q.items[0].value - value) > 1e-6 * fabs(value) + 1e-9)
        fail_msg("%s: value %g, expected %g", text, q.items[0].value, value);
    if (!(q.items[0].low == lo || fabs(q.items[0].low - lo) < 1e-6 * fabs(lo) + 1e-9))
        fail_msg("%s: low %g, expected %g", text, q.items[0].low, lo);
    if (!(q.items[0].high == hi || fabs(q.items[0].high - hi) < 1e-6 * fabs(hi) + 1e-9))
        fail_msg("%s: high %g, expected %g", text, q.items[0].high, hi);
    assert_string_equal(q.items[0].base, base);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

static void expect_none(const char *text) {
    sf_doc d;
    sf_quantvec q = quantities(text, &d);
    if (q.n != 0) fail_msg("%s: %zu quantities, expected none (first %g %s)", text, q.n, q.items[0].value, q.items[0].base);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

/* No quantity of text is measured in `base`. */
static void expect_none_in(const char *text, const char *base) {
    sf_doc d;
    sf_quantvec q = quantities(text, &d);
    for (size_t i = 0; i < q.n; i++)
        if (strcmp(q.items[i].base, base) == 0) fail_msg("%s: a quantity in %s", text, base);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

static void test_quantities(void **state) {
    (void)state;
    expect_one("The overall 2,500-meter wall stands.", 2500, 2500, 2500, "m");
    expect_one("They breached the 2.5km wall.", 2500, 2500, 2500, "m");
    expect_one("The road runs 150 miles north.", 241401.6, 241401.6, 241401.6, "m");
    expect_one("Militants hold one square kilometre of the city.", 1e6, 1e6, 1e6, "m2");
    expect_one("The plan costs $14 million in all.", 14e6, 14e6, 14e6, "USD");
    expect_one("He paid 58 yuan for it.", 58, 58, 58, "CNY");
    expect_one("Turnout rose 12% on the day.", 12, 12, 12, "%");
    expect_one("Turnout rose 12 per cent on the day.", 12, 12, 12, "%");
    expect_one("A 19-year-old student waited.", 19, 19, 19, "year");
    expect_one("There were 200 of our fighters there.", 200, 200, 200, "count");
    expect_one("He said 1,500 people were polled.", 1500, 1500, 1500, "count");
}

/* "N years old" is an age of the person before it, never a duration of the
 * word "old": two reports' "2 years old" and "24 months old" are two
 * children, and nothing lines them up. */
static void test_age_in_words(void **state) {
    (void)state;
    expect_one("When Evan was 2 years old, he did not play.", 2, 2, 2, "year");
    expect_one("Babies develop normally until they are 24 months old.", 2, 2, 2, "year");
    expect_one("The trip took 3 years.", 3 * 31557600.0, 3 * 31557600.0, 3 * 31557600.0, "s");
    sf_doc d;
    sf_quantvec q = quantities("Dylan has been ill since he was 3 years old.", &d);
    assert_int_equal(q.n, 1);
    assert_string_equal(q.items[0].attribute, "age");
    assert_int_equal(q.items[0].thing_end - q.items[0].thing_begin, 0);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

static void test_vague_amounts(void **state) {
    (void)state;
    expect_one("Tens of thousands of civilians are trapped.", 20000, 20000, 100000, "count");
    expect_one("A few hundred militants remain.", 200, 200, 500, "count");
    expect_one("Up to 100,000 civilians are trapped.", 100000, 0, 100000, "count");
    expect_one("More than 50 ministers came.", 50, 50, INFINITY, "count");
    expect_one("About 100 farmers protested.", 100, 90, 110, "count");
    expect_one("Hundreds of police were sent.", 200, 200, 1000, "count");
}

static void test_not_quantities(void **state) {
    (void)state;
    expect_none("It happened in 2014 and again in 1999.");
    expect_none("The flight left at 10:30 on July 4, 2017.");
    expect_none("The Boeing 747 landed at 9 a.m.");
    expect_none("He finished 8th in the 1990s.");
    /* bad input: units nobody writes, absurd magnitudes, endless digits */
    expect_none("The wall is 25zorks long.");
    expect_none("They found 5 billion trillion people.");
    expect_none("A 99999999999999999999999999999 km road.");
    expect_none("Value 1e999 and 0x1F and ,,,,, and ... and $ and %.");
}

static void test_dates(void **state) {
    (void)state;
    /* Wednesday 2017-07-05 12:00 UTC */
    int64_t pub = sf__days_from_civil(2017, 7, 5) * 86400 + 43200;
    const char *text = "Forces breached the wall on Monday. Officials said on Tuesday it was held. "
                       "The group seized the city in 2014. Talks resumed on March 3, 2016. It "
                       "failed last year.";
    sf_doc d;
    assert_int_equal(sf__doc_init(&d, 0, text, strlen(text), "en"), SF_OK);
    sf_datevec v = {0};
    assert_int_equal(sf__find_dates(&d, pub, &v), SF_OK);
    assert_int_equal(v.n, 5);
    char buf[16];
    sf__date_format(&v.items[0], buf);
    assert_string_equal(buf, "2017-07-03"); /* the Monday before */
    assert_true(v.items[0].relative);
    assert_false(v.items[0].statement);
    sf__date_format(&v.items[1], buf);
    assert_string_equal(buf, "2017-07-04");
    assert_true(v.items[1].statement);
    sf__date_format(&v.items[2], buf);
    assert_string_equal(buf, "2014");
    sf__date_format(&v.items[3], buf);
    assert_string_equal(buf, "2016-03-03");
    assert_false(v.items[3].relative);
    sf__date_format(&v.items[4], buf);
    assert_string_equal(buf, "2016");
    /* without a publication time, relative dates stay unresolved */
    v.n = 0;
    assert_int_equal(sf__find_dates(&d, SF_TIME_UNKNOWN, &v), SF_OK);
    assert_int_equal(v.n, 5);
    assert_int_equal(v.items[0].precision, SF_DATE_UNRESOLVED);
    assert_int_equal(v.items[2].precision, SF_DATE_YEAR);
    SF_VEC_FREE(&v);
    sf__doc_release(&d);
}

/* Days said relative to the report are anchored to its date in what a
 * reader sees; dates with their own numbers and unknown times are left. */
static void relative_days_anchored(void **state) {
    (void)state;
    int64_t pub = sf__days_from_civil(2017, 10, 10) * 86400 + 3600; /* a Tuesday */
    sf_buf b;
    sf__buf_init(&b, 0);
    size_t n = 0;
    const char *t = "The forces breached the wall on Monday, and officials said yesterday that the "
                    "attack began on July 4.";
    assert_int_equal(sf__anchor_days(t, strlen(t), pub, "en", &b, &n), SF_OK);
    assert_int_equal(n, 2);
    assert_int_equal((int)b.n, (int)strlen("The forces breached the wall on Monday (Oct 9), and officials said "
                                           "yesterday (Oct 9) that the attack began on July 4."));
    assert_memory_equal(b.p, "The forces breached the wall on Monday (Oct 9), and officials said "
                             "yesterday (Oct 9) that the attack began on July 4.", b.n);
    /* "today" is the day of the report; an anchored text is not anchored twice */
    const char *u = "Talks resume today (Oct 10) in Geneva, and again on Friday.";
    assert_int_equal(sf__anchor_days(u, strlen(u), pub, "en", &b, &n), SF_OK);
    assert_int_equal(n, 1);
    assert_memory_equal(b.p, "Talks resume today (Oct 10) in Geneva, and again on Friday (Oct 6).", b.n);
    /* a day ahead: "will ... on Friday" is the Friday after the report */
    const char *w = "The talks will resume on Friday in Geneva.";
    assert_int_equal(sf__anchor_days(w, strlen(w), pub, "en", &b, &n), SF_OK);
    assert_int_equal(n, 1);
    assert_memory_equal(b.p, "The talks will resume on Friday (Oct 13) in Geneva.", b.n);
    /* no publication time: as written */
    assert_int_equal(sf__anchor_days(t, strlen(t), SF_TIME_UNKNOWN, "en", &b, &n), SF_OK);
    assert_int_equal(n, 0);
    assert_int_equal((int)b.n, (int)strlen(t));
    assert_memory_equal(b.p, t, b.n);
    sf__buf_release(&b);
}

static sf_corpus *corpus_of(const char *const *texts, size_t n, int64_t pub) {
    sf_corpus *c = sf_corpus_create();
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%zu", i);
        sf_article a = {.id = id, .text = texts[i], .published = pub};
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    }
    return c;
}

static void story(sf_corpus *c, const size_t *dup_of, sf_story_facts *f) {
    size_t arts[16], n = sf_corpus_count(c);
    for (size_t i = 0; i < n; i++) arts[i] = i;
    sf_error err = {0};
    assert_int_equal(sf__story_facts(c, arts, n, dup_of, NULL, f, &err), SF_OK);
}

static const sf_quote *quote_by(const sf_story_facts *f, const char *speaker) {
    for (size_t i = 0; i < f->nquotes; i++)
        if (f->quotes[i].speaker && strcmp(f->quotes[i].speaker, speaker) == 0) return &f->quotes[i];
    return NULL;
}

static void test_quotes(void **state) {
    (void)state;
    const char *texts[] = {
        "\"We will rebuild the bridge,\" Mayor Anna Kowalski said on Friday. "
        "The envoy to the talks, Pieter Janssen, said the ceasefire would hold for now. "
        "\"Nobody expected this,\" said Carlos Mendes, who leads the rescue team. "
        "The river rose overnight, according to Hydrology Institute figures released late. "
        "Kowalski added that the roads would reopen by Monday."};
    sf_corpus *c = corpus_of(texts, 1, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    const sf_quote *q = quote_by(&f, "Anna Kowalski");
    assert_non_null(q);
    assert_true(q->direct);
    assert_string_equal(q->text, "We will rebuild the bridge,");
    q = quote_by(&f, "Pieter Janssen");
    assert_non_null(q);
    assert_false(q->direct);
    assert_string_equal(q->text, "the ceasefire would hold for now");
    q = quote_by(&f, "Carlos Mendes");
    assert_non_null(q);
    assert_string_equal(q->text, "Nobody expected this,");
    /* the surname joins the full name, so the second quote is hers too */
    size_t hers = 0;
    for (size_t i = 0; i < f.nquotes; i++)
        hers += f.quotes[i].speaker && strcmp(f.quotes[i].speaker, "Anna Kowalski") == 0;
    assert_int_equal(hers, 2);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* "it said" goes to the body that spoke last, not to the latest name, and
 * a pronoun before a verb that is not plain speech is no speaker */
static void test_quotes_it_said(void **state) {
    (void)state;
    const char *texts[] = {
        "The Harbour Authority said the storm had passed the coast. "
        "The barrier kept Kellport dry, while it also \"protected every boat in the marina,\" it said. "
        "Rebels hold the old \"republic\" they declared in 2014."};
    sf_corpus *c = corpus_of(texts, 1, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    size_t theirs = 0, other = 0;
    for (size_t i = 0; i < f.nquotes; i++) {
        if (f.quotes[i].speaker && strcmp(f.quotes[i].speaker, "Harbour Authority") == 0 &&
            strstr(f.quotes[i].text, "protected every boat"))
            theirs++;
        if (strstr(f.quotes[i].text, "republic")) other++;
    }
    assert_int_equal(theirs, 1);
    assert_int_equal(other, 0);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* The speaker of the quote holding `part`, "" for none; NULL: no such quote. */
static const char *speaker_of(const sf_story_facts *f, const char *part) {
    for (size_t i = 0; i < f->nquotes; i++)
        if (strstr(f->quotes[i].text, part)) return f->quotes[i].speaker ? f->quotes[i].speaker : "";
    return NULL;
}

/* "he says" paragraphs after someone spoke, when the text has gone on to
 * another person, is not given to the one who spoke: the reader would see
 * a quote under the wrong name. In the quote's own paragraph "he added"
 * stays with the speaker, and "He's" is never a speaker. */
static void test_quotes_he_after_another_person(void **state) {
    (void)state;
    const char *texts[] = {
        "\"Our fathers could only dream of a free land,\" Dabid Lizarralde said on Monday.\n\n"
        "In their Dublin exile, the children were raised on separatism. That education led "
        "Mr. Iker Gallastegi back as a young organizer in 1952.\n\n"
        "\"I had to beat the dust in 1952,\" he says.\n\n"
        "\"We will win,\" Ana Etxeberria told reporters. \"We are ready,\" she added.\n\n"
        "He's said it \"risks higher inflation\" for years."};
    sf_corpus *c = corpus_of(texts, 1, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    assert_non_null(speaker_of(&f, "free land"));
    assert_string_equal(speaker_of(&f, "free land"), "Dabid Lizarralde");
    const char *dust = speaker_of(&f, "beat the dust");
    assert_non_null(dust);
    assert_string_not_equal(dust, "Dabid Lizarralde");
    assert_string_equal(speaker_of(&f, "We are ready"), "Ana Etxeberria");
    const char *he = speaker_of(&f, "risks higher inflation");
    if (he) assert_true(strncmp(he, "He", 2) != 0);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* The text of reported speech is what was said: not the time of saying
 * ("said Monday that"), not the dateline, not the speaker's description
 * before the name, not a comma, not a participle about the speaker. */
static const char *indirect_text(const sf_story_facts *f, const char *speaker) {
    for (size_t i = 0; i < f->nquotes; i++)
        if (!f->quotes[i].direct && f->quotes[i].speaker && strcmp(f->quotes[i].speaker, speaker) == 0)
            return f->quotes[i].text;
    return NULL;
}

static void test_indirect_speech_text(void **state) {
    (void)state;
    const char *texts[] = {
        "KELLPORT (AP) _ The flood plan failed the town and its people, Mayor Lena Marsh said.",
        "The county engineer Tom Berg said earlier this week that the bridge would stay closed until May.",
        "The river will fall by Wednesday, county spokesman Paul Ried said on Monday.",
        "Anna Berger said, however, that the shelters would stay open for a week.",
        "The levee held for three days, Karl Olsen said, welcoming the news of the repairs."};
    sf_corpus *c = corpus_of(texts, 5, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    const char *want[][2] = {{"Lena Marsh", "The flood plan failed the town and its people"},
                             {"Tom Berg", "the bridge would stay closed until May"},
                             {"Paul Ried", "The river will fall by Wednesday"},
                             {"Anna Berger", "the shelters would stay open for a week"},
                             {"Karl Olsen", "The levee held for three days"}};
    for (size_t i = 0; i < 5; i++) {
        const char *t = indirect_text(&f, want[i][0]);
        if (!t) fail_msg("no reported speech of %s", want[i][0]);
        assert_string_equal(t, want[i][1]);
    }
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* Code, addresses and format strings in marks on a technical page are
 * typed, not said; a quoted tweet with a link in it is still speech. */
static void test_code_in_marks_is_no_quote(void **state) {
    (void)state;
    const char *texts[] = {
        "The tool sends \"GET / HTTP/1.1\\r\\nHost:%s\\r\\n\" to \"www.example.org\" and prints "
        "\"[RECV] - length: %d\" for each reply. \"We built it in a week,\" said Lena Marsh. "
        "\"Flood relief is coming to Kellport today https://example.org/relief\" the mayor wrote."};
    sf_corpus *c = corpus_of(texts, 1, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    assert_null(speaker_of(&f, "HTTP"));
    assert_null(speaker_of(&f, "www.example.org"));
    assert_null(speaker_of(&f, "RECV"));
    assert_non_null(speaker_of(&f, "built it in a week"));
    assert_string_equal(speaker_of(&f, "built it in a week"), "Lena Marsh");
    assert_non_null(speaker_of(&f, "Flood relief is coming"));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* "Mr. Tom Berg, he said, had ruined it": the name a comma parts from "he
 * said" is what the speaker talks about, not the speaker. */
static void test_quotes_name_before_parenthetical_he(void **state) {
    (void)state;
    const char *texts[] = {
        "Lena Marsh, the mayor of Kellport, said on Monday that \"the flood plan failed the town.\" "
        "Mr. Tom Berg, she said, had \"ignored\" every warning.\n\n"
        "\"We should have closed the bridge a day earlier,\" she added."};
    sf_corpus *c = corpus_of(texts, 1, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    assert_non_null(speaker_of(&f, "ignored"));
    assert_string_equal(speaker_of(&f, "ignored"), "Lena Marsh");
    assert_non_null(speaker_of(&f, "closed the bridge"));
    assert_string_equal(speaker_of(&f, "closed the bridge"), "Lena Marsh");
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* "At least five" fits 8, 20 and 77 alike: across reports it does not
 * chain the tolls of other places into one fact. */
static void test_open_amount_chains_nothing(void **state) {
    (void)state;
    const char *texts[] = {"The virus killed 77 people in Guangdong last year, officials said.",
                           "The virus killed eight people in Hong Kong, officials said on Monday.",
                           "At least five people were killed by the virus in Vietnam, doctors said."};
    sf_corpus *c = corpus_of(texts, 3, sf__days_from_civil(2003, 4, 1) * 86400);
    sf_story_facts f;
    story(c, NULL, &f);
    for (size_t i = 0; i < f.nfacts; i++) {
        bool has77 = false, has5 = false;
        for (size_t k = 0; k < f.facts[i].nmentions; k++) {
            has77 |= strcmp(f.facts[i].mentions[k].text, "77") == 0;
            has5 |= strstr(f.facts[i].mentions[k].text, "five") != NULL;
        }
        assert_false(has77 && has5);
    }
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* nor in one report: one man's 370 delegates, the 1,237 it takes, and
     * another candidate's "at least 175" are three facts; her two writings
     * of 175 are one */
    const char *one[] = {"Ted Cruz has 370 delegates, Marco Rubio has 163 and John Kasich has 63. It takes 1,237 "
                         "delegates to win the nomination. Hillary Clinton already won Florida, earning 175 "
                         "delegates. That means Hillary Clinton has earned at least 175 delegates so far."};
    c = corpus_of(one, 1, sf__days_from_civil(2016, 3, 16) * 86400);
    story(c, NULL, &f);
    size_t with175 = 0;
    for (size_t i = 0; i < f.nfacts; i++) {
        bool has370 = false, has1237 = false, has175 = false;
        for (size_t k = 0; k < f.facts[i].nmentions; k++) {
            has370 |= strcmp(f.facts[i].mentions[k].text, "370") == 0;
            has1237 |= strcmp(f.facts[i].mentions[k].text, "1,237") == 0;
            has175 |= strstr(f.facts[i].mentions[k].text, "175") != NULL;
        }
        assert_true(has370 + has1237 + has175 <= 1);
        with175 += has175;
    }
    assert_int_equal(with175, 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A number word with a capital inside a sentence, before a capitalized
 * word, is part of a name ("the Four Seasons Hotel", "Two Securities
 * Centre", "the Ten Commandments"); opening a sentence, or after a
 * dateline's dash, it is a count ("Two Israelis were arrested"). */
static void test_number_word_in_a_name(void **state) {
    (void)state;
    expect_none("She relaxed at the Four Seasons Hotel in Chicago.");
    expect_none("He walked into the brokerage at Two Securities Centre.");
    expect_none("The district posted the Ten Commandments in each classroom.");
    expect_one("Two Israelis were arrested in Larnaca.", 2, 2, 2, "count");
    expect_one("LARNACA, Cyprus (AP) _ Two Israelis were arrested on Saturday.", 2, 2, 2, "count");
    expect_one("GENEVA (Xinhua) -- Three Europeans set off on Wednesday.", 3, 3, 3, "count");
}

/* "The Lauda Air crash killed all 223": a name before the subject makes
 * it another crash than "the crash" that killed 217 in the story's own
 * reports, so the two tolls are neither a conflict nor an update. */
static void test_named_subject_is_another_event(void **state) {
    (void)state;
    const char *texts[] = {"All 217 people aboard the plane were killed, the coast guard said on Monday.",
                           "The crash killed all 217 passengers and crewmen, officials said.",
                           "Investigators compared the accident with others. The Lauda Air crash killed all 223 people "
                           "on board."};
    sf_corpus *c = corpus_of(texts, 3, sf__days_from_civil(1999, 11, 2) * 86400);
    sf_story_facts f;
    story(c, NULL, &f);
    bool agree217 = false;
    for (size_t i = 0; i < f.nfacts; i++) {
        const sf_fact *x = &f.facts[i];
        bool has217 = false, has223 = false;
        for (size_t k = 0; k < x->nmentions; k++) {
            has217 |= strstr(x->mentions[k].text, "217") != NULL;
            has223 |= strstr(x->mentions[k].text, "223") != NULL;
        }
        if (has217 && has223) fail_msg("217 and 223 in one fact (%s, status %d)", x->what, x->status);
        agree217 |= has217 && x->status == SF_FACT_AGREE;
    }
    assert_true(agree217);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A number that a toll or "the number of" the dead comes to is a count of
 * that event ("the death toll rose to 84"), and lines up with a report
 * that writes it as a count of people killed; a range's end ("at eight to
 * 10") and a number with no toll before it ("rose to 84 points") are not. */
static void test_toll_comes_to_a_count(void **state) {
    (void)state;
    const char *ok[] = {"The death toll rose to 84, officials said.",
                        "The number of people killed in the quake has risen to 84.",
                        "A woman died in hospital, bringing the death toll to 84.",
                        "Officials put the toll at more than 84."};
    for (size_t k = 0; k < SF_ARRAY_LEN(ok); k++) {
        sf_doc d;
        sf_quantvec q = quantities(ok[k], &d);
        if (q.n != 1) fail_msg("%s: %zu quantities", ok[k], q.n);
        assert_string_equal(q.items[0].base, "count");
        assert_true(q.items[0].low == 84);
        if (!q.items[0].event || strcmp(q.items[0].event, "killed") != 0) fail_msg("%s: event %s", ok[k], q.items[0].event ? q.items[0].event : "none");
        SF_VEC_FREE(&q);
        sf__doc_release(&d);
    }
    expect_none("The index rose to 84 on Monday.");
    expect_none("Davis put the number of students affected at eight to 10.");
    const char *texts[] = {"The death toll from the earthquake in Kandor rose to 84 on Tuesday, the governor said.",
                           "The earthquake in Kandor killed 84 people, the governor said on Tuesday."};
    sf_corpus *c = corpus_of(texts, 2, sf__days_from_civil(2019, 5, 2) * 86400);
    sf_story_facts f;
    story(c, NULL, &f);
    size_t agree = 0;
    for (size_t i = 0; i < f.nfacts; i++)
        if (f.facts[i].kind == SF_FACT_QUANTITY && f.facts[i].nmentions == 2 && f.facts[i].status == SF_FACT_AGREE)
            agree++;
    assert_int_equal(agree, 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* An agreement is one value all its sources allow: "12 Americans" among
 * the 258 killed stays apart from the toll that two reports give (257 and
 * 258), not listed beside it as agreeing ("257; 258; 12 (= 258 to 12) |
 * agree"). And 257 and 258, written to the unit, are two counts: within
 * the 1% allowed for rounding, but neither is the other rounded, so the
 * two reports of one day conflict (they had been printed as agreeing). */
static void test_agreement_has_common_value(void **state) {
    (void)state;
    const char *texts[] = {"Twin bombings at the embassies in Varna and the capital Kellport on Aug. 7 killed 257 "
                           "people, 11 of them in Varna.",
                           "Nearly simultaneous bombings at embassies in Varna and Kellport on Aug. 7 killed 258 "
                           "people, including 12 Americans, and injured more than 5,500 people."};
    sf_corpus *c = corpus_of(texts, 2, sf__days_from_civil(1998, 8, 10) * 86400);
    sf_story_facts f;
    story(c, NULL, &f);
    size_t tolls = 0;
    for (size_t i = 0; i < f.nfacts; i++) {
        const sf_fact *x = &f.facts[i];
        if (x->kind != SF_FACT_QUANTITY) continue;
        bool has257 = false, has258 = false, has12 = false;
        for (size_t k = 0; k < x->nmentions; k++) {
            has257 |= strcmp(x->mentions[k].text, "257") == 0;
            has258 |= strcmp(x->mentions[k].text, "258") == 0;
            has12 |= strstr(x->mentions[k].text, "12") != NULL;
        }
        if (!has257 && !has258) continue;
        tolls++;
        assert_true(has257 && has258);
        assert_false(has12);
        assert_int_equal(x->status, SF_FACT_CONFLICT);
    }
    assert_int_equal(tolls, 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* Amounts written to different steps agree when the coarser is the finer
 * one rounded (within the 1% compatible allows): "2.5 km" and "2,480 m"
 * or "2,520 m" (the step of "2.5 km" is 100 m); written to the same step,
 * one step apart they do not: "2,480" and "2,490" metres. */
static void test_written_step_decides_agreement(void **state) {
    (void)state;
    const struct {
        const char *a, *b;
        sf_fact_status want;
    } cases[] = {
        {"The Tarvo Wall is 2.5 km long, the ministry said.", "The Tarvo Wall is 2,480 metres long, engineers said.",
         SF_FACT_AGREE},
        {"The Tarvo Wall is 2.5 km long, the ministry said.", "The Tarvo Wall is 2,520 metres long, engineers said.",
         SF_FACT_AGREE},
        {"The Tarvo Wall is 2,480 metres long, the ministry said.",
         "The Tarvo Wall is 2,490 metres long, engineers said.", SF_FACT_CONFLICT},
    };
    for (size_t t = 0; t < SF_ARRAY_LEN(cases); t++) {
        const char *texts[] = {cases[t].a, cases[t].b};
        sf_corpus *c = corpus_of(texts, 2, sf__days_from_civil(2019, 5, 2) * 86400);
        sf_story_facts f;
        story(c, NULL, &f);
        size_t walls = 0;
        for (size_t i = 0; i < f.nfacts; i++) {
            const sf_fact *x = &f.facts[i];
            if (x->kind != SF_FACT_QUANTITY || x->nmentions != 2) continue;
            walls++;
            if (x->status != cases[t].want) fail_msg("case %zu: status %d, want %d (%s)", t, x->status, cases[t].want, x->what);
        }
        if (walls != 1) fail_msg("case %zu: %zu facts of two mentions", t, walls);
        sf__story_facts_release(&f);
        sf_corpus_destroy(c);
    }
}

/* A small count fits another report's by chance: two arrested in one town
 * and two detained in another, the sentences sharing no name, do not agree;
 * a toll of 217 given in two sentences that name different things does. */
static void test_small_counts_apart(void **state) {
    (void)state;
    const char *texts[] = {"Security forces held exercises in Dellport last month, and officers uncovered a bomb "
                           "factory in central Marrin and arrested two men.",
                           "Five days after the arrest, customs agents in Varco Falls detained two people who have "
                           "since been tied to the group.",
                           "All 217 people aboard were killed, the Halvern Safety Board said on Monday.",
                           "All 217 people on board were killed, officials in Braxton said."};
    sf_corpus *c = corpus_of(texts, 4, sf__days_from_civil(1999, 12, 20) * 86400);
    sf_story_facts f;
    story(c, NULL, &f);
    bool toll = false;
    for (size_t i = 0; i < f.nfacts; i++) {
        const sf_fact *x = &f.facts[i];
        if (x->status != SF_FACT_AGREE) continue;
        for (size_t k = 0; k < x->nmentions; k++) {
            if (strcmp(x->mentions[k].text, "two") == 0) fail_msg("two agrees: %s", x->what);
            toll |= strcmp(x->mentions[k].text, "217") == 0;
        }
    }
    assert_true(toll);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* "12, 000": wire copy with a space after the thousands separator is one
 * number, and a "000" left alone is none. */
static void test_spaced_thousands(void **state) {
    (void)state;
    expect_one("The quake has killed more than 12, 000 people.", 12000, 12000, INFINITY, "count");
    expect_one("An additional 150, 000 people live in prefabricated homes.", 150000, 150000, 150000, "count");
    expect_one("He listed 4, 7 and 9 as the winners, and 31 farmers came.", 31, 31, 31, "count");
}

/* Ranges written with a dash ("3.5-5%", "10-12 hours") or in words ("two
 * to three hours") are one quantity from the first number to the second;
 * a dash between two numbers with no unit is a score. */
static void test_written_ranges(void **state) {
    (void)state;
    expect_one("Errors range from 3.5\xE2\x80\x93" "5% body fat.", 5, 3.5, 5, "%");
    expect_one("The error rate is 2-4% body fat.", 4, 2, 4, "%");
    expect_one("The crews worked 10-12 hours a day.", 43200, 36000, 43200, "s");
    expect_one("The blooms need two to three hours of sun.", 10800, 7200, 10800, "s");
    expect_none("The team won 3\xE2\x80\x93" "2 on Sunday.");
}

/* "14 out of every 100 Kenyans", "1 in 3 Americans", "nine out of ten":
 * a share, not a count of the second number (which would agree with any
 * other 100 of the story); a year or a measure after "in" is none. */
static void test_proportions(void **state) {
    (void)state;
    expect_one("Some 14 out of every 100 Kenyans are infected with HIV.", 14, 14, 14, "%");
    expect_one("A survey found that 1 in 3 Americans used herbs.", 100.0 / 3, 100.0 / 3, 100.0 / 3, "%");
    expect_one("Nine out of ten doctors agreed.", 90, 90, 90, "%");
    expect_one("Two of every five children were vaccinated.", 40, 40, 40, "%");
    expect_none_in("Three in 100 days, and two in 2019.", "%");
}

/* "5 feet 8 inches", "2 hours and 15 minutes": one measure in two units of
 * one kind; "4 feet 8 boxes" is not. */
static void test_two_unit_measures(void **state) {
    (void)state;
    expect_one("The suspect is 5 feet 8 inches tall.", 1.7272, 1.7272, 1.7272, "m");
    expect_one("The race lasted 2 hours and 15 minutes.", 8100, 8100, 8100, "s");
    expect_one("The fish weighed 3 pounds 4 ounces.", 1.47417519, 1.47417519, 1.47417519, "kg");
}

/* "the death penalty", "inmates on death row": no deaths. */
static void test_death_penalty_is_no_death(void **state) {
    (void)state;
    sf_doc d;
    sf_quantvec q = quantities("Wyoming has only two inmates on death row.", &d);
    for (size_t i = 0; i < q.n; i++)
        if (q.items[i].event) fail_msg("event %s", q.items[i].event);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
    q = quantities("The plea saves the two men from the death penalty.", &d);
    for (size_t i = 0; i < q.n; i++)
        if (q.items[i].event) fail_msg("event %s", q.items[i].event);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
    q = quantities("The two men were put to death on Tuesday.", &d);
    assert_int_equal(q.n, 1);
    assert_non_null(q.items[0].event);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

/* A quote an article gives twice, word for word and by the same speaker
 * (a pull quote repeated below), is one quote; the same words by another
 * speaker stay. */
static void test_same_quote_twice_one_quote(void **state) {
    (void)state;
    const char *texts[] = {"\"We will rebuild the bridge,\" Mayor Anna Kowalski said on Friday. "
                           "The river rose overnight.\n\n"
                           "\"We will rebuild the bridge,\" Mayor Anna Kowalski said on Friday.\n\n"
                           "\"We will rebuild the bridge,\" Governor Tomas Berg said later."};
    sf_corpus *c = corpus_of(texts, 1, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    size_t hers = 0, his = 0;
    for (size_t i = 0; i < f.nquotes; i++) {
        if (!f.quotes[i].speaker) continue;
        hers += strcmp(f.quotes[i].speaker, "Anna Kowalski") == 0;
        his += strcmp(f.quotes[i].speaker, "Tomas Berg") == 0;
    }
    assert_int_equal(hers, 1);
    assert_int_equal(his, 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* A date with no named subject lines up with nothing, but one article
 * saying the same thing on the same date words twice (its lead and again
 * below) gives one fact with two mentions, not two alike; another thing on
 * the same day stays its own fact. */
static void test_same_date_twice_one_fact(void **state) {
    (void)state;
    const char *texts[] = {"Rebels seized the town of Kidal on Monday, officials said. "
                           "The army said 40 soldiers were killed.\n\n"
                           "Later reports confirmed that rebels seized the town of Kidal on Monday. "
                           "Residents fled the town on Monday."};
    sf_corpus *c = corpus_of(texts, 1, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    size_t seized = 0, fled = 0;
    for (size_t i = 0; i < f.nfacts; i++) {
        if (f.facts[i].kind != SF_FACT_DATE) continue;
        if (strstr(f.facts[i].what, "seized")) {
            seized++;
            assert_int_equal(f.facts[i].nmentions, 2);
            assert_int_equal(f.facts[i].status, SF_FACT_SINGLE);
        } else if (strstr(f.facts[i].what, "fled")) {
            fled++;
        }
    }
    assert_int_equal(seized, 1);
    assert_int_equal(fled, 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* Two lower bounds, or a lower bound and a figure, twice apart or more
 * are two counts: "more than 300" and "more than 900" arrested (two
 * groups' claims), "more than 30,000" and 317,377 users. A vague amount
 * ("hundreds") joins another report's figure only through a shared name. */
static void test_open_and_vague_amounts_apart(void **state) {
    (void)state;
    const char *texts[] = {"Since Sunday, the Marrin army has arrested more than 300 members of the Dellport "
                           "League party.",
                           "The Varco Students Front said the Marrin army has arrested more than 900 members of the "
                           "Dellport League party since May.",
                           "The authorities in Halvern have arrested hundreds of party members.",
                           "Nearly 200 elected lawmakers are among those arrested, the Braxton Front said."};
    sf_corpus *c = corpus_of(texts, 4, sf__days_from_civil(1998, 9, 11) * 86400);
    sf_story_facts f;
    story(c, NULL, &f);
    for (size_t i = 0; i < f.nfacts; i++) {
        const sf_fact *x = &f.facts[i];
        if (x->status == SF_FACT_SINGLE) continue;
        bool b300 = false, b900 = false, hundreds = false, n200 = false;
        for (size_t k = 0; k < x->nmentions; k++) {
            b300 |= strcmp(x->mentions[k].text, "more than 300") == 0;
            b900 |= strcmp(x->mentions[k].text, "more than 900") == 0;
            hundreds |= strcmp(x->mentions[k].text, "hundreds") == 0;
            n200 |= strcmp(x->mentions[k].text, "Nearly 200") == 0;
        }
        if ((b300 && b900) || (hundreds && n200)) fail_msg("%s: %s", x->what, sf__fact_status_name(x->status));
    }
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* Two reports published at `pub`: no fact of theirs is a conflict or an
 * update. */
static void expect_no_conflict(const char *const texts[2], int64_t pub) {
    sf_corpus *c = corpus_of(texts, 2, pub);
    sf_story_facts f;
    story(c, NULL, &f);
    for (size_t i = 0; i < f.nfacts; i++)
        if (f.facts[i].status == SF_FACT_CONFLICT || f.facts[i].status == SF_FACT_UPDATE)
            fail_msg("%s: %s", f.facts[i].what, sf__fact_status_name(f.facts[i].status));
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* "Four of the plant's workers were killed in the quake" counts a part of
 * a group: beside "the quake killed 12" it is no conflict. */
static void test_part_of_a_group_no_conflict(void **state) {
    (void)state;
    const char *texts[] = {"Four of the plant's workers were killed in the Halvern quake, officials in Marrin said.",
                           "The Halvern quake killed 12 people, officials in Marrin said."};
    expect_no_conflict(texts, sf__days_from_civil(1999, 8, 23) * 86400);
}

/* Counts of an event ten times apart are a part and the whole (one raid,
 * all raids), not a conflict nor an update. */
static void test_counts_ten_times_apart_no_conflict(void **state) {
    (void)state;
    const char *texts[] = {"Marrin officials said seven people were killed in the overnight air raid on Dellport.",
                           "Marrin officials say 550 civilians have died in the air raids on Dellport."};
    expect_no_conflict(texts, sf__days_from_civil(1999, 10, 3) * 86400);
}

/* An open amount agrees only with figures of its order of magnitude: "more
 * than 18,000" idled on day five fits 18,600 laid off, not the 200,000
 * idled on day 54 (all three were one "agree"). */
static void test_open_amount_same_magnitude(void **state) {
    (void)state;
    const char *texts[] = {"A strike by 3,400 workers at a Varco Motors stamping factory has closed seven assembly "
                           "plants, idling more than 18,000 workers by Varco's count and quieting cash registers in "
                           "Dellport, where the walkout began five days ago.",
                           "Varco had already closed seven of those assembly plants and temporarily laid off 18,600 "
                           "workers for lack of parts from the initial strike at a stamping plant in Dellport.",
                           "The Dellport strikes have crippled Varco Motors for 54 days, idling 200,000 workers "
                           "nationwide.",
                           "Last summer's strikes at two parts plants in Dellport cost Varco about $2 billion while "
                           "they idled nearly 200,000 Varco workers."};
    sf_corpus *c = corpus_of(texts, 4, sf__days_from_civil(1998, 6, 12) * 86400);
    sf_story_facts f;
    story(c, NULL, &f);
    bool open_agrees = false;
    for (size_t i = 0; i < f.nfacts; i++) {
        const sf_fact *x = &f.facts[i];
        bool open = false, big = false;
        for (size_t k = 0; k < x->nmentions; k++) {
            open |= strcmp(x->mentions[k].text, "more than 18,000") == 0;
            big |= x->mentions[k].low >= 100000;
        }
        assert_false(open && big && x->status == SF_FACT_AGREE);
        open_agrees |= open && x->status == SF_FACT_AGREE;
    }
    assert_true(open_agrees); /* with 18,600 */
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* Counts relative to someone named ("Webb and three other people") are
 * scoped by that someone: two of them never make a conflict. */
static void test_relative_counts_do_not_conflict(void **state) {
    (void)state;
    const char *texts[] = {"Mark Barton shot Delawalla and eight other people to death at All-Tech and Momentum "
                           "Securities in Atlanta on Thursday, police said.",
                           "At Momentum Securities in Atlanta, Barton shot Webb and three other people to death on "
                           "Thursday, police said."};
    sf_corpus *c = corpus_of(texts, 2, sf__days_from_civil(1999, 7, 30) * 86400);
    sf_story_facts f;
    story(c, NULL, &f);
    for (size_t i = 0; i < f.nfacts; i++) assert_int_not_equal(f.facts[i].status, SF_FACT_CONFLICT);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* a whole and its part: the other report writes both figures */
    const char *parts[] = {"Eric Rudolph, 33, is charged in three Atlanta bombings, the FBI said on Friday.",
                           "Eric Rudolph is charged in six bombings, including three in Atlanta, the FBI said on "
                           "Friday."};
    c = corpus_of(parts, 2, sf__days_from_civil(2003, 6, 1) * 86400);
    story(c, NULL, &f);
    for (size_t i = 0; i < f.nfacts; i++) assert_int_not_equal(f.facts[i].status, SF_FACT_CONFLICT);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

static const sf_fact *fact_about(const sf_story_facts *f, const char *what) {
    for (size_t i = 0; i < f->nfacts; i++)
        if (strstr(f->facts[i].what, what)) return &f->facts[i];
    return NULL;
}

static void test_alignment(void **state) {
    (void)state;
    const char *texts[] = {
        "The new dam is 1.2km long. At least 40 people were killed in the floods. The dam "
        "opened on Monday.",
        "Officials said the 1,200-metre dam held. Some 12 people were killed in the floods, "
        "officials said on Tuesday.",
        "The new dam is 1.2km long. At least 40 people were killed in the floods. The dam "
        "opened on Monday."};
    sf_corpus *c = corpus_of(texts, 3, sf__days_from_civil(2020, 5, 6) * 86400);
    sf_story_facts f;
    size_t dup_of[3] = {SIZE_MAX, SIZE_MAX, 0}; /* the third copies the first */
    story(c, dup_of, &f);
    const sf_fact *dam = fact_about(&f, "dam / length");
    assert_non_null(dam);
    assert_int_equal(dam->status, SF_FACT_AGREE);
    assert_int_equal(dam->nmentions, 2); /* the copy is not a second source */
    assert_true(fabs(dam->normalized - 1200) < 1e-9);
    const sf_fact *dead = fact_about(&f, "floods / deaths");
    assert_non_null(dead);
    assert_int_equal(dead->status, SF_FACT_CONFLICT);
    /* a statement date and an opening date are different events */
    for (size_t i = 0; i < f.nfacts; i++) assert_int_not_equal(f.facts[i].kind == SF_FACT_DATE && f.facts[i].status == SF_FACT_CONFLICT, 1);
    /* facts come conflicts first */
    assert_int_equal(f.facts[0].status, SF_FACT_CONFLICT);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

static void test_output(void **state) {
    (void)state;
    const char *texts[] = {"The United Nations said 2,000 people fled. The UN | team left.",
                           "UN officials said 2,000 people fled on Monday."};
    sf_corpus *c = corpus_of(texts, 2, SF_TIME_UNKNOWN);
    sf_story_facts f;
    story(c, NULL, &f);
    json_object *j = sf__facts_to_json(c, &f);
    assert_non_null(j);
    json_object *ents, *facts, *quotes;
    assert_true(json_object_object_get_ex(j, "entities", &ents));
    assert_true(json_object_object_get_ex(j, "facts", &facts));
    assert_true(json_object_object_get_ex(j, "quotes", &quotes));
    json_object *e0 = json_object_array_get_idx(ents, 0);
    json_object *name;
    assert_true(json_object_object_get_ex(e0, "name", &name));
    assert_string_equal(json_object_get_string(name), "United Nations");
    json_object_put(j);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    sf__facts_to_markdown(m, c, &f);
    fclose(m);
    assert_non_null(strstr(buf, "| United Nations | organization | UN | [1,2] |"));
    assert_non_null(strstr(buf, "| agree | [1,2] |"));
    free(buf);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* ---------------------------------------------------------------- seeds */

static const sf_entity *entity_with(const sf_story_facts *f, const char *name) {
    for (size_t i = 0; i < f->nentities; i++) {
        if (strcmp(f->entities[i].name, name) == 0) return &f->entities[i];
        for (size_t k = 0; k < f->entities[i].naliases; k++)
            if (strcmp(f->entities[i].aliases[k].name, name) == 0) return &f->entities[i];
    }
    return NULL;
}

static void test_seeds(void **state) {
    (void)state;
    const char *shared = getenv("SF_SHARED_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/seeds", shared ? shared : "");
    FILE *probe = shared ? fopen(path, "r") : NULL;
    if (!probe) {
        printf("skipped: seeds not found under SF_SHARED_DIR (%s)\n", path);
        skip();
    }
    fclose(probe);
    sf_corpus *c = sf_corpus_create();
    sf_error err = {0};
    assert_int_equal(sf_read_path(c, path, NULL, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 2);
    sf_story_facts f;
    story(c, NULL, &f);
    /* the group's five names are one entity */
    const sf_entity *is = entity_with(&f, "Islamic State");
    assert_non_null(is);
    const char *names[] = {"IS", "ISIS", "Isis", "Daesh"};
    for (size_t i = 0; i < 4; i++) assert_ptr_equal(entity_with(&f, names[i]), is);
    /* Raqqa/Raqa, and the SDF with its variant marked */
    assert_ptr_equal(entity_with(&f, "Raqa"), entity_with(&f, "Raqqa"));
    const sf_entity *sdf = entity_with(&f, "SDF");
    assert_non_null(sdf);
    assert_string_equal(sdf->name, "Syrian Democratic Forces");
    bool variant = false;
    for (size_t k = 0; k < sdf->naliases; k++)
        if (strcmp(sdf->aliases[k].name, "Syrian Democratic Fighters") == 0) variant = sdf->aliases[k].variant;
    assert_true(variant);
    /* the wall length is one fact, marked agree */
    const sf_fact *wall = fact_about(&f, "Wall / length");
    assert_non_null(wall);
    assert_int_equal(wall->status, SF_FACT_AGREE);
    assert_int_equal(wall->narticles, 2);
    assert_true(fabs(wall->normalized - 2500) < 1e-9);
    /* quotes of Shaker and McGurk are attributed */
    const sf_quote *q = quote_by(&f, "Mohammed Khaled Shaker");
    assert_non_null(q);
    assert_non_null(strstr(q->text, "fierce clashes"));
    q = quote_by(&f, "Brett McGurk");
    assert_non_null(q);
    assert_non_null(strstr(q->text, "key milestone"));
    /* no conflict at all; Monday (breach) and Tuesday (statement) differ */
    for (size_t i = 0; i < f.nfacts; i++) assert_int_not_equal(f.facts[i].status, SF_FACT_CONFLICT);
    bool monday = false, tuesday = false;
    for (size_t i = 0; i < f.nfacts; i++) {
        if (f.facts[i].kind != SF_FACT_DATE) continue;
        if (strstr(f.facts[i].value, "Monday")) monday = true, assert_null(f.facts[i].date);
        if (strstr(f.facts[i].value, "Tuesday")) tuesday = true;
    }
    assert_true(monday && tuesday);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

/* ------------------------------------------------------- readable values */

static void expect_readable(double v, double lo, double hi, const char *base, const char *want) {
    sf_fact x = {0};
    x.kind = SF_FACT_QUANTITY;
    x.normalized = v, x.low = lo, x.high = hi, x.base = base;
    char buf[200];
    sf__fact_readable(&x, buf, sizeof buf);
    if (strcmp(buf, want) != 0) fail_msg("%g %s: \"%s\", expected \"%s\"", v, base, buf, want);
}

static void test_readable(void **state) {
    (void)state;
    /* durations in a unit a reader uses, not "2.10384e+07 s" */
    expect_readable(8 * 2629800.0, 8 * 2629800.0, 8 * 2629800.0, "s", "8 months");
    expect_readable(2.5 * 31557600, 2.5 * 31557600, 2.5 * 31557600, "s", "2.5 years");
    expect_readable(4 * 86400.0, 4 * 86400.0, 4 * 86400.0, "s", "4 days");
    expect_readable(86400, 86400, 86400, "s", "1 day");
    expect_readable(90, 90, 90, "s", "1.5 minutes");
    expect_readable(3 * 31557600.0, 0, 3 * 31557600.0, "s", "up to 3 years");
    expect_readable(2500, 2500, 2500, "m", "2.5 km");
    expect_readable(1e6, 1e6, 1e6, "m2", "1 km2");
    expect_readable(1.2e9, 1.2e9, 1.2e9, "count", "1,200,000,000");
    expect_readable(38, 38, 38, "%", "38%");
    expect_readable(200, 20000, 100000, "count", "20,000 to 100,000");
    expect_readable(1400, 1400, INFINITY, "count", "at least 1,400"); /* "more than 1,400" */
    expect_readable(30, -INFINITY, 30, "count", "at most 30");        /* "fewer than 30" */
    /* the value all sources allow, not the first one given ("over 300", "5,000") */
    expect_readable(300, 5000, 5000, "count", "5,000");
    /* within rounding the higher low comes first ("247", "248"): read low to high */
    expect_readable(257, 258, 257, "count", "257 to 258");
    /* JSON keeps the base unit beside the readable form */
    sf_fact x = {0};
    x.kind = SF_FACT_QUANTITY;
    x.what = "campaign / duration", x.value = "eight-month", x.unit = "month", x.note = "";
    x.normalized = x.low = x.high = 8 * 2629800.0, x.base = "s";
    x.entity = SIZE_MAX;
    sf_story_facts f = {0};
    f.facts = &x, f.nfacts = 1;
    sf_corpus *c = sf_corpus_create();
    json_object *o = sf__facts_to_json(c, &f);
    const char *js = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    assert_non_null(strstr(js, "\"readable\":\"8 months\""));
    assert_non_null(strstr(js, "\"unit\":\"s\""));
    assert_non_null(strstr(js, "21038400"));
    json_object_put(o);
    sf_corpus_destroy(c);
}

/* --------------------------------------------------------- across stories */

static sf_story_facts story_of(sf_corpus *c, size_t first, size_t n) {
    size_t arts[8];
    for (size_t i = 0; i < n; i++) arts[i] = first + i;
    sf_story_facts f;
    sf_error err = {0};
    assert_int_equal(sf__story_facts(c, arts, n, NULL, NULL, &f, &err), SF_OK);
    return f;
}

static const char *reason_of(const sf_entity *e, const char *alias) {
    for (size_t k = 0; e && k < e->naliases; k++)
        if (strcmp(e->aliases[k].name, alias) == 0) return e->aliases[k].reason;
    return NULL;
}

static void test_across_stories(void **state) {
    (void)state;
    const char *texts[] = {
        /* story 0: the full names */
        ("The Syrian Democratic Forces advanced near Raqqa on Monday. Fighting in Raqqa went on. Raqqa was dark. "
         "The US envoy Brett McGurk said the city would fall."),
        /* story 1: only the acronym and another spelling */
        "SDF fighters entered Raqa, the commanders of the SDF said. Shelling hit Raqa again.",
        /* story 2: the surname alone, as a speaker */
        "\"The city will fall soon,\" McGurk said on Tuesday. McGurk spoke to reporters.",
        /* story 3: a place that shares nothing with the others */
        "Floods hit Dhaka on Monday."};
    sf_corpus *c = corpus_of(texts, 4, sf__days_from_civil(2017, 7, 5) * 86400);
    sf_story_facts f[4];
    for (size_t i = 0; i < 4; i++) f[i] = story_of(c, i, 1);
    assert_string_equal(entity_with(&f[1], "SDF")->name, "SDF"); /* alone, a story keeps its name */
    sf_story_facts *all[5] = {&f[0], &f[1], &f[2], &f[3], NULL};
    sf_error err = {0};
    assert_int_equal(sf__unify_story_entities(all, 5, &err), SF_OK);
    const sf_entity *sdf = entity_with(&f[1], "SDF");
    assert_non_null(sdf);
    assert_string_equal(sdf->name, "Syrian Democratic Forces");
    const char *why = reason_of(sdf, "SDF");
    assert_non_null(why);
    assert_string_equal(why, "across stories: acronym of Syrian Democratic Forces");
    const sf_entity *raqa = entity_with(&f[1], "Raqa");
    assert_non_null(raqa);
    assert_string_equal(raqa->name, "Raqqa"); /* more mentions in the run */
    assert_non_null(strstr(reason_of(raqa, "Raqa"), "spelling variant"));
    const sf_entity *mcg = entity_with(&f[2], "McGurk");
    assert_non_null(mcg);
    assert_string_equal(mcg->name, "Brett McGurk");
    /* the quote follows the new name */
    const sf_quote *q = quote_by(&f[2], "Brett McGurk");
    assert_non_null(q);
    assert_non_null(strstr(q->text, "will fall"));
    /* untouched: story 0 keeps its names, story 3 has no "across" reason */
    assert_string_equal(entity_with(&f[0], "Syrian Democratic Forces")->name, "Syrian Democratic Forces");
    for (size_t i = 0; i < f[3].nentities; i++) assert_int_equal(f[3].entities[i].naliases, 0);
    /* a second pass changes nothing */
    assert_int_equal(sf__unify_story_entities(all, 4, &err), SF_OK);
    assert_int_equal(sdf->naliases, entity_with(&f[1], "SDF")->naliases);
    for (size_t i = 0; i < 4; i++) sf__story_facts_release(&f[i]);
    sf_corpus_destroy(c);
}

/* A run of one-report stories, their entities unified across the run:
 * the set-up of the cross-story tests below. */
enum { RUN_MAX = 8 };
typedef struct story_run {
    sf_corpus *c;
    sf_story_facts f[RUN_MAX];
    size_t n;
} story_run;

static void run_unified(story_run *r, const char *const *texts, size_t n, int64_t published) {
    assert_true(n <= RUN_MAX);
    sf_story_facts *all[RUN_MAX];
    r->c = corpus_of(texts, n, published);
    r->n = n;
    for (size_t i = 0; i < n; i++) r->f[i] = story_of(r->c, i, 1), all[i] = &r->f[i];
    sf_error err = {0};
    assert_int_equal(sf__unify_story_entities(all, n, &err), SF_OK);
}

static void run_release(story_run *r) {
    for (size_t i = 0; i < r->n; i++) sf__story_facts_release(&r->f[i]);
    sf_corpus_destroy(r->c);
}

/* An acronym many stories write is not the rare expansion one other story
 * holds ("NBC" is no "National Baptist Convention"), nor an expansion with
 * a word in lower case ("Clinton-backing Senate" for CBS); a rare acronym
 * still finds its one expansion (KANU). */
static void test_across_stories_famous_acronym(void **state) {
    (void)state;
    const char *texts[] = {
        "Carson spoke at the National Baptist Convention in Kansas City on Monday.",
        "Carson told NBC on Sunday that the reports were false. NBC aired the interview.",
        "The debate on NBC drew 20 million viewers, NBC said.",
        "NBC and CBS will host the next two debates. CBS declined to comment.",
        "The Clinton-backing Senate group met in Denver on Monday.",
        "The Kenya African National Union won the vote in Nairobi.",
        "KANU leaders celebrated in Nairobi on Tuesday, KANU said."};
    story_run r;
    run_unified(&r, texts, SF_ARRAY_LEN(texts), sf__days_from_civil(2015, 11, 9) * 86400);
    for (size_t i = 1; i <= 3; i++) {
        const sf_entity *nbc = entity_with(&r.f[i], "NBC");
        if (nbc) assert_null(strstr(nbc->name, "Baptist"));
    }
    const sf_entity *cbs = entity_with(&r.f[3], "CBS");
    if (cbs) assert_null(strstr(cbs->name, "Senate"));
    const sf_entity *kanu = entity_with(&r.f[6], "KANU");
    assert_non_null(kanu);
    assert_string_equal(kanu->name, "Kenya African National Union");
    run_release(&r);
}

/* An acronym written in several stories is one node per story: each takes
 * the one expansion the run holds, and none takes one of two (the search
 * is made once per spelling and must give every node all expansions). */
static void test_across_stories_acronym_in_many(void **state) {
    (void)state;
    const char *one[] = {
        "The Kenya African National Union won the vote in Nairobi on Monday.",
        "KANU leaders celebrated in Nairobi on Tuesday, KANU said.",
        "In Mombasa KANU officials counted the ballots, KANU said.",
        "KANU posters were torn down in Kisumu, the police of KANU said."};
    story_run r;
    run_unified(&r, one, SF_ARRAY_LEN(one), sf__days_from_civil(2002, 12, 30) * 86400);
    for (size_t i = 1; i < r.n; i++) {
        const sf_entity *kanu = entity_with(&r.f[i], "KANU");
        assert_non_null(kanu);
        assert_string_equal(kanu->name, "Kenya African National Union");
    }
    run_release(&r);
    const char *two[] = {
        "The Kenya African National Union won the vote in Nairobi on Monday.",
        "The Kansas Area Nurses Union went on strike in Topeka on Monday.",
        "KANU leaders celebrated in Nairobi on Tuesday, KANU said.",
        "In Mombasa KANU officials counted the ballots, KANU said."};
    run_unified(&r, two, SF_ARRAY_LEN(two), sf__days_from_civil(2002, 12, 30) * 86400);
    for (size_t i = 2; i < r.n; i++) {
        const sf_entity *kanu = entity_with(&r.f[i], "KANU");
        assert_non_null(kanu);
        assert_string_equal(kanu->name, "KANU");
    }
    run_release(&r);
}

/* Across stories a place is no one's surname, nor is the last word of
 * "Sherrod Brown of Ohio" (a person and a place); party-and-state labels
 * and groups of people ("R-Wis.", "Muslims") are no entities. */
static void test_across_stories_places_and_labels(void **state) {
    (void)state;
    const char *texts[] = {
        "Sen. Sherrod Brown of Ohio said on Monday that Sherrod Brown of Ohio would vote no.",
        "Voters in Ohio went to the polls on Tuesday, and turnout in Ohio was high.",
        "Sen. Ron Johnson (R-Wis.) said Muslims and Republicans in Wisconsin would be heard.",
        "The children watched Curious George at the library on Monday, and Curious George won.",
        "George spoke to reporters in Austin on Tuesday, and George said he would run."};
    story_run r;
    run_unified(&r, texts, SF_ARRAY_LEN(texts), sf__days_from_civil(2016, 3, 15) * 86400);
    const sf_entity *ohio = entity_with(&r.f[1], "Ohio");
    assert_non_null(ohio);
    assert_string_equal(ohio->name, "Ohio");
    assert_null(entity_with(&r.f[2], "R-Wis"));
    assert_null(entity_with(&r.f[2], "Muslims"));
    assert_null(entity_with(&r.f[2], "Republicans"));
    const sf_entity *george = entity_with(&r.f[4], "George"); /* a given name is no surname */
    if (george) assert_null(strstr(george->name, "Curious"));
    run_release(&r);
}

/* One outlet writes ETA, another Eta: the run names it as most mentions do,
 * not by which form looks like an acronym. */
static void test_across_stories_case_variants(void **state) {
    (void)state;
    const char *texts[] = {
        "ETA said on Monday that ETA would end its campaign. Police said ETA had weapons.",
        "Officials doubted Eta on Tuesday."};
    sf_corpus *c = corpus_of(texts, 2, sf__days_from_civil(1998, 9, 16) * 86400);
    sf_story_facts f[2];
    for (size_t i = 0; i < 2; i++) f[i] = story_of(c, i, 1);
    sf_story_facts *all[2] = {&f[0], &f[1]};
    sf_error err = {0};
    assert_int_equal(sf__unify_story_entities(all, 2, &err), SF_OK);
    assert_string_equal(entity_with(&f[1], "Eta")->name, "ETA");
    assert_string_equal(entity_with(&f[0], "ETA")->name, "ETA");
    for (size_t i = 0; i < 2; i++) sf__story_facts_release(&f[i]);
    sf_corpus_destroy(c);
}


/* German, Spanish, French and Portuguese articles: their unit words are
 * units, and their function words are neither counted nouns nor subjects
 * ("von 1933 bis 1945" was a count of 1,933 "bis"). */
static void expect_in(const char *lang, const char *text, size_t n, double value, const char *base,
                      const char *subject) {
    sf_doc d;
    sf_quantvec q = quantities_in(text, lang, &d);
    if (q.n != n) fail_msg("%s: %zu quantities, expected %zu", text, q.n, n);
    if (n) {
        if (fabs(q.items[0].value - value) > 1e-6 * fabs(value))
            fail_msg("%s: value %g, expected %g", text, q.items[0].value, value);
        assert_string_equal(q.items[0].base, base);
        size_t k = q.items[0].subj_end - q.items[0].subj_begin;
        if (strlen(subject) != k || strncmp(text + q.items[0].subj_begin, subject, k) != 0)
            fail_msg("%s: subject '%.*s', expected '%s'", text, (int)k, text + q.items[0].subj_begin,
                     subject);
    }
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

static void test_other_languages(void **state) {
    (void)state;
    expect_in("de", "Das Museum zeigt die Stadt von 1933 bis 1945 und danach.", 0, 0, "", "");
    expect_in("de", "Gezeigt werden etwa 4 Objekte des Gesamtbestandes.", 0, 0, "", "");
    expect_in("de", "Der Umsatz der Firma wuchs im Jahr um 12 Prozent.", 1, 12, "%", "");
    expect_in("es", "El presidente recorrió 460 kilómetros hasta la ciudad.", 1, 460000, "m", "presidente");
    expect_in("es", "El fondo recibió 3 millones de dólares del gobierno.", 1, 3e6, "USD", "");
    expect_in("fr", "Le chantier a duré 3 ans dans la ville.", 1, 3 * 31557600.0, "s", "");
}

/* ------------------------------------------ issue 12: facts a reader can use */

/* The one quantity of `text`, with its label and subject checked. */
static void expect_described(const char *text, const char *label, const char *subject) {
    sf_doc d;
    sf_quantvec q = quantities(text, &d);
    if (q.n != 1) fail_msg("%s: %zu quantities", text, q.n);
    if (strcmp(q.items[0].label, label) != 0) fail_msg("%s: label %s, expected %s", text, q.items[0].label, label);
    size_t n = q.items[0].subj_end - q.items[0].subj_begin;
    if (strlen(subject) != n || strncmp(text + q.items[0].subj_begin, subject, n) != 0)
        fail_msg("%s: subject '%.*s', expected '%s'", text, (int)n, text + q.items[0].subj_begin, subject);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

static void test_normalization(void **state) {
    (void)state;
    /* number words */
    expect_one("Officials reported two deaths.", 2, 2, 2, "count");
    expect_one("Officials reported 2 deaths.", 2, 2, 2, "count");
    expect_one("Twenty-three miners were rescued.", 23, 23, 23, "count");
    expect_one("The fire destroyed a dozen homes.", 12, 12, 12, "count");
    expect_one("The storm left a hundred families homeless.", 100, 100, 100, "count");
    expect_one("Rescuers found two hundred survivors.", 200, 200, 200, "count");
    /* currencies: symbols, codes and words */
    expect_one("The bridge cost 4.5 million euros.", 4.5e6, 4.5e6, 4.5e6, "EUR");
    expect_one("The bridge cost EUR 4,500,000.", 4.5e6, 4.5e6, 4.5e6, "EUR");
    expect_one("The bridge cost \xe2\x82\xac" "4.5 million.", 4.5e6, 4.5e6, 4.5e6, "EUR");
    expect_one("The deal is worth 5 million dlrs.", 5e6, 5e6, 5e6, "USD");
    expect_one("The deal is worth US$5 million.", 5e6, 5e6, 5e6, "USD");
    expect_one("The deal is worth 5 million U.S. dollars.", 5e6, 5e6, 5e6, "USD");
    /* unit synonyms and fractions */
    expect_one("The wall runs a quarter mile.", 402.336, 402.336, 402.336, "m");
    expect_one("The wall runs 400 metres.", 400, 400, 400, "m");
    expect_one("The wall runs 400 meters.", 400, 400, 400, "m");
    expect_one("The wall runs half a mile.", 804.672, 804.672, 804.672, "m");
    expect_one("The farm covers 20 hectares.", 2e5, 2e5, 2e5, "m2");
    expect_one("The strike lasted two weeks.", 1209600, 1209600, 1209600, "s");
    expect_one("The strike lasted 10 days.", 864000, 864000, 864000, "s");
    /* ranges and approximations */
    expect_one("Between 155 and 190 people were injured.", 190, 155, 190, "count");
    expect_one("Some 155 to 190 people were injured.", 190, 155, 190, "count");
    expect_one("At least 60 people died.", 60, 60, INFINITY, "count");
    /* "from 60 to 65" is a change: the figure reached holds */
    expect_one("The toll rose from 60 to 65 people dead.", 65, 65, 65, "count");
    /* "half" and "a quarter" without a unit are not amounts */
    expect_none("Half of the residents left and a quarter of them returned.");
}

/* The label (and subject, when given) of the quantity whose text is `num`. */
static void expect_label_of(const char *text, const char *num, const char *label, const char *subject) {
    sf_doc d;
    sf_quantvec q = quantities(text, &d);
    size_t i = 0;
    while (i < q.n && !(q.items[i].end - q.items[i].begin == strlen(num) &&
                        strncmp(text + q.items[i].begin, num, strlen(num)) == 0))
        i++;
    if (i == q.n) fail_msg("%s: no quantity '%s'", text, num);
    if (strcmp(q.items[i].label, label) != 0) fail_msg("%s: '%s' labelled %s, expected %s", text, num, q.items[i].label, label);
    size_t n = q.items[i].subj_end - q.items[i].subj_begin;
    if (subject && (strlen(subject) != n || strncmp(text + q.items[i].subj_begin, subject, n) != 0))
        fail_msg("%s: '%s' about '%.*s', expected '%s'", text, num, (int)n, text + q.items[i].subj_begin, subject);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

/* An event word labels the number it belongs to, not a neighbour: the next
 * clause's, another number's own noun or its verb's object. */
static void test_event_belongs_to_its_number(void **state) {
    (void)state;
    const char *mines = "Mines are scattered in more than 60 countries, and an estimated 20,000 people are "
                        "killed or injured each year.";
    expect_label_of(mines, "more than 60", "count", "countries");
    expect_label_of(mines, "estimated 20,000", "deaths", NULL);
    const char *cases = "In 1990, 223 cases and 13 deaths were reported in Kellby.";
    expect_label_of(cases, "223", "count", "cases");
    const char *blast = "He is wanted for questioning in three Kellby bombings, including the blast that killed 113 people.";
    expect_label_of(blast, "three", "count", "bombings");
    expect_label_of(blast, "113", "deaths", NULL);
    /* a number "including" others shares their event; a type number or a
     * date between is no other number */
    const char *incl = "The blast in Kellby killed 247 people, including 12 Americans.";
    expect_label_of(incl, "12", "deaths", NULL);
    expect_label_of("All 217 people aboard the Boeing 767-300 died in the crash.", "217", "deaths", NULL);
    expect_label_of("The sinking on Aug. 12 killed all 118 crew members.", "118", "deaths", NULL);
    expect_label_of("Twelve students were killed and 23 others were wounded.", "Twelve", "deaths", NULL);
    /* a passive's number before the event is its subject; an object before
     * another verb is not */
    expect_label_of("Thirteen people were injured at the two brokerage firms.", "two", "count", "firms");
    expect_label_of("The blast killed one woman and injured 111 people.", "111", "injured", NULL);
    /* a noun before a plural noun modifies it */
    expect_label_of("Tens of millions of land mines lie buried in Kellby province.", "Tens of millions", "count",
                    "mines");
}

static void test_labels(void **state) {
    (void)state;
    expect_described("The fire killed 60 people on Monday.", "deaths", "fire");
    expect_described("At least 60 people were killed in the fire.", "deaths", "fire");
    expect_described("Mourners filled the city of 435,000.", "population", "city");
    expect_described("Some 155 to 190 people were injured in the blast.", "injured", "blast");
    expect_described("The river rose almost two metres overnight.", "rise", "river");
    expect_described("It followed three days of heavy rain.", "duration", "rain");
    expect_described("The plant will cost $1.2 billion.", "cost", "plant");
    expect_described("It will spend $1.2 billion on a battery factory.", "cost", "factory");
    expect_described("Two shelters were opened.", "count", "shelters");
    expect_described("The tower is 300 metres high.", "height", "tower");
    expect_described("The village lies 20 km from the border.", "distance", "village");
    expect_described("About 2,000 residents were evacuated.", "evacuated", "");
    expect_described("Police arrested 12 people.", "arrested", "Police");
    /* an event word before the number, in another clause, says nothing of
     * what is counted */
    expect_described("The edict called for his death even as two senior clerics met.", "count", "clerics");
    /* another time */
    sf_doc d;
    sf_quantvec q = quantities("More than 300 people were killed by a hurricane in 1988.", &d);
    assert_int_equal(q.n, 1);
    assert_int_equal(q.items[0].year, 1988);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
    q = quantities("Last year the same road flood killed 20 people.", &d);
    assert_int_equal(q.n, 1);
    assert_true(q.items[0].past);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

/* A corpus with one publication time per article. */
static sf_corpus *corpus_at(const char *const *texts, const int64_t *pub, size_t n) {
    sf_corpus *c = sf_corpus_create();
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%zu", i);
        sf_article a = {.id = id, .text = texts[i], .published = pub[i]};
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    }
    return c;
}

static size_t facts_with(const sf_story_facts *f, const char *what, sf_fact_status st) {
    size_t n = 0;
    for (size_t i = 0; i < f->nfacts; i++) n += strstr(f->facts[i].what, what) && f->facts[i].status == st;
    return n;
}

static void test_lumped_and_other_events(void **state) {
    (void)state;
    const int64_t day = sf__days_from_civil(2020, 5, 6) * 86400;
    const char *texts[] = {
        "About 400 people gathered in Kellby on Tuesday. Kellby, a city of 435,000, mourned. At least 60 "
        "people were killed in the fire at the Kellby market. More than 300 people were killed by a "
        "hurricane in 1988.",
        "A crowd of 2,000 people marched in Kellby. The fire at the Kellby market killed 60 people, "
        "officials said. Last year a flood in Kellby killed 20 people."};
    const int64_t pub[] = {day, day};
    sf_corpus *c = corpus_at(texts, pub, 2);
    sf_story_facts f;
    story(c, NULL, &f);
    const sf_fact *dead = fact_about(&f, "fire / deaths");
    assert_non_null(dead);
    assert_int_equal(dead->status, SF_FACT_AGREE);
    for (size_t k = 0; k < dead->nmentions; k++) assert_true(dead->mentions[k].low == 60);
    /* the crowd, the population and the old tolls are none of it */
    for (size_t i = 0; i < f.nfacts; i++) {
        const sf_fact *x = &f.facts[i];
        assert_int_not_equal(x->status, SF_FACT_CONFLICT);
        if (x->time) {
            assert_int_equal(x->status, SF_FACT_SINGLE);
            assert_true(x->mentions[0].value == 300 || x->mentions[0].value == 20);
        }
        assert_null(strstr(x->what, "(unspecified)"));
        assert_null(strstr(x->what, "(event)"));
    }
    const sf_fact *pop = fact_about(&f, "population");
    assert_non_null(pop);
    assert_int_equal(pop->nmentions, 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

static void test_conflict_update(void **state) {
    (void)state;
    const int64_t day = sf__days_from_civil(2020, 5, 6) * 86400;
    const char *texts[] = {"The fire at the Kellby market killed 65 people, police said.",
                           "At least 60 people were killed in the fire at the Kellby market, police said.",
                           "Sixty people were killed in the fire at the Kellby market, police said."};
    /* 60 and 65 in the same news cycle: a conflict, sources on each side */
    const int64_t same[] = {day, day + 3600, day + 7200};
    sf_corpus *c = corpus_at(texts, same, 3);
    sf_story_facts f;
    const char *const two[] = {texts[0], texts[2]};
    sf_corpus_destroy(c);
    c = corpus_at(two, same, 2);
    story(c, NULL, &f);
    assert_int_equal(facts_with(&f, "fire / deaths", SF_FACT_CONFLICT), 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* "at least 60" does not contradict 65 */
    const char *const fit[] = {texts[0], texts[1]};
    c = corpus_at(fit, same, 2);
    story(c, NULL, &f);
    assert_int_equal(facts_with(&f, "fire / deaths", SF_FACT_AGREE), 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* 60 on one day, 65 the next: an update, in time order */
    const char *const later[] = {texts[0], texts[2]};
    const int64_t days[] = {day + 86400, day};
    c = corpus_at(later, days, 2);
    story(c, NULL, &f);
    const sf_fact *u = fact_about(&f, "fire / deaths");
    assert_non_null(u);
    assert_int_equal(u->status, SF_FACT_UPDATE);
    assert_true(u->mentions[0].value == 60 && u->mentions[u->nmentions - 1].value == 65);
    assert_true(u->normalized == 65);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* a copy that changes the number still gives it */
    const char *const copy[] = {texts[0], "The fire at the Kellby market killed 60 people, police said."};
    size_t dup_of[2] = {SIZE_MAX, 0};
    c = corpus_at(copy, same, 2);
    story(c, dup_of, &f);
    assert_int_equal(facts_with(&f, "fire / deaths", SF_FACT_CONFLICT), 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

static void test_compatible_values(void **state) {
    (void)state;
    const int64_t day = sf__days_from_civil(2020, 5, 6) * 86400;
    const int64_t pub[] = {day, day};
    struct {
        const char *a, *b, *what;
        sf_fact_status want;
    } cases[] = {
        {"Between 155 and 190 people were injured in the Kellby blast.", "200 people were injured in the Kellby blast.",
         "blast / injured", SF_FACT_CONFLICT},
        {"Between 155 and 190 people were injured in the Kellby blast.", "About 170 people were injured in the Kellby blast.",
         "blast / injured", SF_FACT_AGREE},
        {"The Kellby blast caused two deaths.", "The Kellby blast caused 2 deaths.", "deaths", SF_FACT_AGREE},
        {"The Kellby blast killed twenty-three people.", "The Kellby blast killed 23 people.", "blast / deaths", SF_FACT_AGREE},
        {"The Kellby bridge will cost 4.5 million euros.", "The Kellby bridge will cost EUR 4,500,000.", "bridge / cost",
         SF_FACT_AGREE},
        {"The Kellby bridge will cost 4.5 million euros.", "The Kellby bridge will cost EUR 6,000,000.", "bridge / cost",
         SF_FACT_CONFLICT},
        {"The Kellby wall is a quarter mile long.", "The Kellby wall is 400 metres long.", "wall / length", SF_FACT_AGREE},
        {"The Kellby wall is 2,500 m long.", "The Kellby wall is 2.5 km long.", "wall / length", SF_FACT_AGREE},
        {"The Kellby farm covers 100 hectares.", "The Kellby farm covers 247 acres.", "farm / area", SF_FACT_AGREE},
        /* "Kellby" is written as a place here: in "The Kellby strike" the
         * recognizer reads it as a modifier of no known kind, not a name */
        {"In Kellby, the dock strike lasted 10 days.", "In Kellby, the dock strike lasted two weeks.", "strike / duration", SF_FACT_CONFLICT},
        {"In Kellby, the dock strike lasted 14 days.", "In Kellby, the dock strike lasted two weeks.", "strike / duration", SF_FACT_AGREE},
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(cases); i++) {
        const char *texts[] = {cases[i].a, cases[i].b};
        sf_corpus *c = corpus_at(texts, pub, 2);
        sf_story_facts f;
        story(c, NULL, &f);
        if (facts_with(&f, cases[i].what, cases[i].want) != 1) {
            for (size_t k = 0; k < f.nfacts; k++)
                printf("  %s | %s | %s\n", f.facts[k].what, sf__fact_status_name(f.facts[k].status), f.facts[k].note);
            fail_msg("case %zu: no '%s' fact with status %s", i, cases[i].what, sf__fact_status_name(cases[i].want));
        }
        sf__story_facts_release(&f);
        sf_corpus_destroy(c);
    }
}

/* Trust in an "agree" or "conflict": each case is two short reports, the
 * fact's key words, the status it must not have, and the status it must
 * have when written otherwise (the same fact said by two reports in their
 * own words, or the same thing and time). */
static size_t status_of(const char *a, const char *b, int64_t pub, const char *what, sf_fact_status st) {
    const char *texts[] = {a, b};
    const int64_t pubs[] = {pub, pub};
    sf_corpus *c = corpus_at(texts, pubs, 2);
    sf_story_facts f;
    story(c, NULL, &f);
    size_t n = facts_with(&f, what, st);
    if (getenv("SF_TEST_DUMP"))
        for (size_t k = 0; k < f.nfacts; k++)
            printf("  %s | %s | %s\n", f.facts[k].what, sf__fact_status_name(f.facts[k].status), f.facts[k].note);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    return n;
}

static void test_agree_needs_own_words(void **state) {
    (void)state;
    const int64_t day = sf__days_from_civil(2020, 5, 6) * 86400;
    /* one wire sentence carried by two reports confirms nothing */
    const char *copied = "In February, Congress overturned the vetoes of 38 military construction projects in Kellby worth "
                         "$287 million, officials said.";
    assert_int_equal(status_of(copied, copied, day, "cost", SF_FACT_AGREE), 0);
    assert_int_equal(status_of(copied, copied, day, "cost", SF_FACT_SINGLE), 1);
    /* a rewrite that keeps the clause ("Wednesday in Kellby") still copies it */
    assert_int_equal(status_of(copied,
                               "On Wednesday, in February, Congress overturned the vetoes of 38 military construction "
                               "projects in Kellby worth $287 million, officials said.",
                               day, "cost", SF_FACT_AGREE),
                     0);
    /* two reports in their own words agree */
    assert_int_equal(status_of(copied,
                               "The vote saves 38 Kellby army base building projects worth $287 million, the Pentagon "
                               "said.",
                               day, "cost", SF_FACT_AGREE),
                     1);
    /* the same value written otherwise is no copy ("2,500-meter", "2.5km") */
    assert_int_equal(status_of("The Kellby wall is 2,500 m long.", "The Kellby wall is 2.5 km long.", day, "wall / length",
                               SF_FACT_AGREE),
                     1);
    /* a whole report re-sent: every sentence echoes one of the original's,
     * even when the values are paired across sentences */
    const char *whole = "Enderson said Rudolph had about six months of rations in Kellby. He had stolen another six "
                        "months of rations in Kellby, Enderson said.";
    assert_int_equal(status_of(whole, whole, day, "duration", SF_FACT_AGREE), 0);
}

static void test_counts_of_two_events(void **state) {
    (void)state;
    const int64_t day = sf__days_from_civil(1999, 7, 30) * 86400;
    /* one report tells of two children of one man and of two victims of
     * another man elsewhere; a second report tells of the children only:
     * the victims are no part of the children's agreement */
    const char *barton = "Mark Barton killed his wife and two children in Stockbridge, police said.";
    const char *both = "Mark Barton killed his wife and two children in Stockbridge, police said. In Pelham, Alabama, "
                       "a man shot two people to death at his office.";
    const char *texts[] = {both,
                           "Before the shootings, Mark Barton also killed his wife and two children with a hammer at "
                           "their home in Stockbridge."};
    const int64_t pubs[] = {day, day};
    sf_corpus *c = corpus_at(texts, pubs, 2);
    sf_story_facts f;
    story(c, NULL, &f);
    size_t agreeing = 0;
    for (size_t i = 0; i < f.nfacts; i++) {
        if (f.facts[i].status != SF_FACT_AGREE || !strstr(f.facts[i].what, "deaths")) continue;
        agreeing++;
        for (size_t k = 0; k < f.facts[i].nmentions; k++) /* the Pelham sentence */
            assert_false(f.facts[i].mentions[k].article == 0 && f.facts[i].mentions[k].span.begin > strlen(barton));
    }
    assert_int_equal(agreeing, 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
    /* the same deaths told by another report agree */
    assert_int_equal(status_of(barton,
                               "Before the shootings, Mark Barton also killed his wife and two children with a hammer at "
                               "their home in Stockbridge.",
                               day, "deaths", SF_FACT_AGREE),
                     1);
}

/* Small counts of two nouns fit by chance: the "two brokerage firms" of a
 * killing's report are not its "two children", and the children of two
 * reports agree once the firms are no longer in their row. */
static void test_small_counts_need_one_noun(void **state) {
    (void)state;
    const int64_t day = sf__days_from_civil(1999, 7, 30) * 86400;
    const char *firms = "ATLANTA (AP) -- The investor who killed his family and nine people at two brokerage firms "
                        "vowed in a note to kill the people that sought his destruction, police said today.";
    char b[1024];
    snprintf(b, sizeof b,
             "%s\n\nMark O. Barton left the computer-generated note in the living room of his apartment in "
             "suburban Stockbridge, describing how he killed his wife and two children by hitting them in the head "
             "with a hammer, said Jimmy Mercer, police chief in Henry County.",
             firms);
    const char *texts[] = {"Authorities later said he had killed his wife and two children before committing one of "
                           "the worst workplace massacres in the nation's history.",
                           b};
    const int64_t pubs[] = {day, day};
    sf_corpus *c = corpus_at(texts, pubs, 2);
    sf_story_facts f;
    story(c, NULL, &f);
    size_t agreeing = 0;
    for (size_t i = 0; i < f.nfacts; i++) {
        if (f.facts[i].status != SF_FACT_AGREE || !strstr(f.facts[i].what, "deaths")) continue;
        agreeing++;
        assert_int_equal(f.facts[i].nmentions, 2);
        for (size_t k = 0; k < f.facts[i].nmentions; k++) /* not the firms */
            assert_false(f.facts[i].mentions[k].article == 1 && f.facts[i].mentions[k].span.begin < strlen(firms));
    }
    assert_int_equal(agreeing, 1);
    sf__story_facts_release(&f);
    sf_corpus_destroy(c);
}

static void test_distance_of_nothing_located(void **state) {
    (void)state;
    const int64_t day = sf__days_from_civil(1998, 10, 26) * 86400;
    /* the mine and the protest site: two places, no conflict */
    const char *mine = "About 300 protesters walked from a camp near the planned Jabiluka mine, about 190 miles (300 km) "
                       "east of Darwin.";
    const char *site = "\"We will delay them,\" she said from the protest site, about 220 miles (350 km) from Darwin.";
    assert_int_equal(status_of(mine, site, day, "distance", SF_FACT_CONFLICT), 0);
    /* a place named on both sides still conflicts */
    assert_int_equal(status_of("The quake leveled parts of Izmit, 60 miles east of Istanbul.",
                               "The quake hit Izmit, about 140 kilometers east of Istanbul.", day, "distance",
                               SF_FACT_CONFLICT),
                     1);
}

static void test_unresolved_date_joins_its_words(void **state) {
    (void)state;
    /* no publication time: "Thursday" is no date, and fits no other */
    const char *thursday = "WASHINGTON _ The Supreme Court ruled Thursday that the line-item veto was void, Congress said.";
    const char *past = "In June 1997, the Supreme Court ruled that the lawmakers had no standing, Congress said.";
    assert_int_equal(status_of(thursday, past, SF_TIME_UNKNOWN, "ruled", SF_FACT_AGREE), 0);
    assert_int_equal(status_of(thursday, "The Supreme Court ruled Thursday against the veto, Congress said.", SF_TIME_UNKNOWN,
                               "ruled", SF_FACT_AGREE),
                     1);
}

static void test_clipped_year_is_no_count(void **state) {
    (void)state;
    sf_doc d;
    sf_quantvec q = quantities("Barton denied committing the '93 killings in Alabama.", &d);
    for (size_t i = 0; i < q.n; i++) assert_true(q.items[i].value != 93);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
    q = quantities("Barton denied committing the 93 killings in Alabama.", &d);
    assert_int_equal(q.n, 1);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
}

/* One sentence of two million bytes and one line of many numbers: the
 * describing windows keep the work linear (seconds at most under ASan). */
static void test_long_sentence(void **state) {
    (void)state;
    size_t n = 2u << 20;
    char *text = malloc(n + 1);
    assert_non_null(text);
    const char *piece = "and 12 people were killed in 3 towns ";
    size_t pl = strlen(piece), o = 0;
    while (o + pl < n) memcpy(text + o, piece, pl), o += pl;
    text[o] = '\0';
    sf_doc d;
    sf_quantvec q = quantities(text, &d);
    assert_true(q.n > 100000);
    SF_VEC_FREE(&q);
    sf__doc_release(&d);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantities), cmocka_unit_test(test_age_in_words), cmocka_unit_test(test_small_counts_apart), cmocka_unit_test(test_spaced_thousands), cmocka_unit_test(test_written_ranges), cmocka_unit_test(test_proportions), cmocka_unit_test(test_two_unit_measures),
        cmocka_unit_test(test_small_counts_need_one_noun), cmocka_unit_test(test_part_of_a_group_no_conflict),
        cmocka_unit_test(test_counts_ten_times_apart_no_conflict),
        cmocka_unit_test(test_death_penalty_is_no_death), cmocka_unit_test(test_same_date_twice_one_fact), cmocka_unit_test(test_same_quote_twice_one_quote), cmocka_unit_test(test_open_and_vague_amounts_apart), cmocka_unit_test(test_vague_amounts),
        cmocka_unit_test(relative_days_anchored),
        cmocka_unit_test(test_not_quantities), cmocka_unit_test(test_dates),
        cmocka_unit_test(test_quotes), cmocka_unit_test(test_quotes_it_said),
        cmocka_unit_test(test_quotes_he_after_another_person),
        cmocka_unit_test(test_quotes_name_before_parenthetical_he),
        cmocka_unit_test(test_indirect_speech_text),
        cmocka_unit_test(test_code_in_marks_is_no_quote),
        cmocka_unit_test(test_open_amount_chains_nothing),
        cmocka_unit_test(test_relative_counts_do_not_conflict), cmocka_unit_test(test_agreement_has_common_value),
        cmocka_unit_test(test_written_step_decides_agreement),
        cmocka_unit_test(test_toll_comes_to_a_count),
        cmocka_unit_test(test_named_subject_is_another_event),
        cmocka_unit_test(test_number_word_in_a_name),
        cmocka_unit_test(test_open_amount_same_magnitude),
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_output), cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_across_stories),
        cmocka_unit_test(test_across_stories_case_variants),
        cmocka_unit_test(test_across_stories_famous_acronym),
        cmocka_unit_test(test_across_stories_acronym_in_many),
        cmocka_unit_test(test_across_stories_places_and_labels),
        cmocka_unit_test(test_readable),
        cmocka_unit_test(test_normalization),
        cmocka_unit_test(test_other_languages), cmocka_unit_test(test_labels), cmocka_unit_test(test_event_belongs_to_its_number),
        cmocka_unit_test(test_lumped_and_other_events), cmocka_unit_test(test_conflict_update),
        cmocka_unit_test(test_compatible_values), cmocka_unit_test(test_long_sentence),
        cmocka_unit_test(test_agree_needs_own_words), cmocka_unit_test(test_counts_of_two_events),
        cmocka_unit_test(test_distance_of_nothing_located), cmocka_unit_test(test_unresolved_date_joins_its_words),
        cmocka_unit_test(test_clipped_year_is_no_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

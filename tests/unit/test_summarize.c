/* test_summarize.c - sentence cleaning, datelines, and summaries with
 * attribution on small stories. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "summarize/summarize.h"

#include <stdlib.h>
#include <string.h>

#define NOISE(s) sf__is_noise_sentence((s), strlen(s))
#define DATELINE(s) sf__dateline_length((s), strlen(s))

static void noise_is_recognised(void **state) {
    (void)state;
    assert_true(NOISE("source: Khaleejtimes"));
    assert_true(NOISE("Source: Reuters"));
    assert_true(NOISE("\xE2\x80\xA2 Rogelio Becker"));
    assert_true(NOISE("By Lena Morrow"));
    assert_true(NOISE("Photo: Volunteers fill sandbags on Mill Lane."));
    assert_true(NOISE("Share this article: Facebook | X | Email"));
    assert_true(NOISE("ASSOCIATED PRESS WRITER"));
    assert_true(NOISE("Read more"));
    assert_true(NOISE("(Distributed by New York Times Special Features)"));
    assert_true(NOISE("For Use By Clients of the New York Times News Service"));
    assert_true(NOISE("An Iraqi family flees their home in Mosul on Tuesday"));
    assert_false(NOISE("\"We will rebuild,\" the mayor said of the bridge.\""));
    assert_false(NOISE("Is the river still rising?"));
    assert_true(NOISE("The measures adopted by the council include the following:"));
    assert_true(NOISE(""));
    assert_false(NOISE("The Tamsin River overflowed into the centre of Marlow Bridge early on Monday."));
    assert_false(NOISE("By Monday, the river had risen two metres and the road was closed."));
    assert_false(NOISE("\"We have never seen the river rise this fast,\" said Owen Trask."));
}

/* A site's notices and labels: its cookies, "Also read", "Updated:", a
 * visit prompt; and furniture a one-line copy of a page runs into a
 * sentence (an advertisement's label, a picture agency's credit), read
 * past when a sentence follows. */
static void page_notices_and_furniture(void **state) {
    (void)state;
    assert_true(NOISE("We use cookies to ensure that we give you the best experience on our website."));
    assert_true(NOISE("However, you can change your cookie settings at any time."));
    assert_true(NOISE("Also read - Mayor Lena Marsh opens the new bridge in Kellport on Monday."));
    assert_true(NOISE("Updated: Jan 2, 2020 10:29 IST The council met on Monday to discuss the flood."));
    assert_true(NOISE("Visit Business Insider's homepage for more stories."));
    assert_false(NOISE("The bakery sold 4,000 cookies at the Kellport fair on Sunday."));
    assert_false(NOISE("Visitors crowded the Kellport bridge to watch the river rise on Monday."));
    const char *ad = "Crown Princess Mary stuns at the reception Advertisement The women of the royal family put on "
                     "a dazzling display as they arrived.";
    size_t c = sf__furniture_run_length(ad, strlen(ad));
    assert_string_equal(ad + c, "The women of the royal family put on a dazzling display as they arrived.");
    const char *cr = "One graphic shows the virus on surfaces Tayfun Coskun/Anadolu Agency via Getty Images The new "
                     "coronavirus is a respiratory illness, and it spreads via droplets.";
    c = sf__furniture_run_length(cr, strlen(cr));
    assert_string_equal(cr + c, "The new coronavirus is a respiratory illness, and it spreads via droplets.");
    const char *asa = "The Advertisement Standards Authority upheld two complaints against the Kellport council.";
    assert_int_equal(sf__furniture_run_length(asa, strlen(asa)), 0);
    const char *few = "Advertisements filled the Kellport paper on Monday, and the council paid for them.";
    assert_int_equal(sf__furniture_run_length(few, strlen(few)), 0);
}

/* A picture's credit run into a sentence, by its shape: a label and a
 * colon ("Foto:", "Photo Credit:", "(Bild: ...)"), then names and agencies
 * joined by slashes, or an agency in capitals, a slash and a name; the
 * sentence is read from the text after it. A credit whose end cannot be
 * told, and a file picture's caption ("FILE PHOTO: ..."), make the
 * sentence the page's. A slash inside a phrase, and "image:" in prose,
 * are no credit. Sale and share buttons run in ("CLOSE Buy Photo", "Share
 * this too", "Read more") are read past as other furniture is. */
static void credits_and_captions(void **state) {
    (void)state;
    static const struct { const char *in, *rest; } CUT[] = {
        {"Foto: dpa/Anna Beispiel Der Stadtrat von Kellport hat am Montag einen neuen Haushalt beschlossen.",
         "Der Stadtrat von Kellport hat am Montag einen neuen Haushalt beschlossen."},
        {"KELLWIRE/Jane Roe The Kellport council voted on Monday to close the old bridge for repairs.",
         "The Kellport council voted on Monday to close the old bridge for repairs."},
        {"Flooded streets in Kellport (Foto: Marlow Agency) Die Feuerwehr pumpte am Montag zwei Keller in Kellport aus.",
         "Die Feuerwehr pumpte am Montag zwei Keller in Kellport aus."},
        {"Rain in Kellport - \xC2\xA9 Foto: Jane Roe/kw/Symbolbild Das Wasser stieg in der Nacht um zwei Meter am Fluss.",
         "Das Wasser stieg in der Nacht um zwei Meter am Fluss."},
        {"Foto: Jane Roe/kw/Symbolbild Kellport hatte am Montag zwei Stunden lang keinen Strom in der Altstadt.",
         "Kellport hatte am Montag zwei Stunden lang keinen Strom in der Altstadt."},
        {"Families return to Marlow CLOSE Buy Photo Mayor Ada Penhallow says about 300 families have returned to Marlow.",
         "Mayor Ada Penhallow says about 300 families have returned to Marlow."},
        {"Babies welcomed in Kellport Picture: Jane Roe/Marlow News Agency(MNA) Durban - A delegation of officials "
         "welcomed the first babies of the year at the Kellport hospital.",
         "Durban - A delegation of officials welcomed the first babies of the year at the Kellport hospital."},
        {"Kellport: Two held over bridge fire Share this too The Kellport police arrested two men over the fire on Monday.",
         "The Kellport police arrested two men over the fire on Monday."},
        {"The books of the year Read more Penhallow, who wrote four novels, died on Monday at her home in Kellport.",
         "Penhallow, who wrote four novels, died on Monday at her home in Kellport."},
    };
    for (size_t k = 0; k < sizeof CUT / sizeof *CUT; k++) {
        size_t c = sf__furniture_run_length(CUT[k].in, strlen(CUT[k].in));
        assert_string_equal(CUT[k].in + c, CUT[k].rest);
        assert_false(NOISE(CUT[k].in + c));
    }
    /* the credit's end cannot be told from the text's start; a caption */
    assert_true(NOISE("Foto: Marlow Agency Ada Penhallow, die Bürgermeisterin, sprach am Montag in Kellport."));
    assert_true(NOISE("Photo Credit: Jane Roe Kellport mayor Ada Penhallow spoke to reporters on Monday."));
    assert_true(NOISE("Kellport council meets FILE PHOTO: Mayor Ada Penhallow speaks to reporters in Kellport, May 2, 2019."));
    assert_true(NOISE("Kellport council meets FILE PHOTO: UK Treasury chief Ada Penhallow speaks in Kellport, May 2, 2019."));
    /* a wire picture's caption and the desks' notes */
    assert_true(NOISE("(KW35) KELLPORT -- May 2, 2019 -- Mayor Ada Penhallow opens the new bridge over the river."));
    assert_true(NOISE("ATTENTION EDITORS: The following photos are part of tonight's Kellport package."));
    assert_true(NOISE("For purchase information see end of text."));
    assert_false(NOISE("(IANS) The Kellport council met on Monday to discuss the flood."));
    /* no credit */
    const char *vfw = "The party will be held from noon on Sunday at the VFW/Knights of Columbus hall in Kellport.";
    assert_int_equal(sf__furniture_run_length(vfw, strlen(vfw)), 0);
    assert_false(NOISE(vfw));
    assert_false(NOISE("The photographer took a stunning image: the river rose over the Kellport bridge at dawn."));
    assert_false(NOISE("She said the Photo Agency of Kellport had sold 300 pictures of the flood on Monday."));
}

/* A site's notice of its cookies and the reader's consent to its privacy
 * terms, on German pages as on English ones; the law on data protection
 * in a report is no notice. */
static void consent_notices_in_german(void **state) {
    (void)state;
    assert_true(NOISE("Wir verwenden auf unserer Webseite Cookies, um unseren Auftritt zu verbessern."));
    assert_true(NOISE("Zudem erm\xC3\xB6glichen Cookies die Ausspielung von Werbung."));
    assert_true(NOISE("Diese Seite verwendet Cookies, damit sie gut funktioniert."));
    assert_true(NOISE("Ich habe die Netiquette und die Datenschutzerkl\xC3\xA4rung gelesen und akzeptiere diese."));
    assert_true(NOISE("Ihre Zustimmung k\xC3\xB6nnen Sie jederzeit widerrufen, wie in den Datenschutzrichtlinien beschrieben."));
    assert_true(NOISE("I have read and accept the privacy policy of this site."));
    assert_false(NOISE("Die Beh\xC3\xB6rden verh\xC3\xA4ngten 2019 in Kellport 64 Bu\xC3\x9Fgelder nach der Datenschutzgrundverordnung."));
    assert_false(NOISE("Die B\xC3\xA4" "ckerei verkaufte am Sonntag 4000 Cookies auf dem Markt in Kellport."));
}

/* Contact lines that wire desks put at the end of a story are noise; a
 * sentence with figures, dates or a year range is not. */
static void contact_lines_are_noise(void **state) {
    (void)state;
    assert_true(NOISE("The news manager is Paul Foutch, 404-526-5429, pfoutch(at)coxnews.com."));
    assert_true(NOISE("Questions should be directed to the desk in Atlanta at 404-526-5456."));
    assert_true(NOISE("Readers may write to the editor at letters@example.org for a copy."));
    assert_true(NOISE("Call the hotline on 212.499.3333 for details on the reopening."));
    assert_true(NOISE("In Washington the weekend editor is Andy Alexander at 202 244-3131 or later."));
    assert_true(NOISE("The weekend desk in Atlanta can be reached on (404) 526-5456 until noon."));
    assert_false(NOISE("The vote was 202 to 144, with 31 members absent, the clerk said."));
    assert_false(NOISE("Police counted 300 (120 of them children) at the shelter on Monday."));
    assert_false(NOISE("The Aug. 7 bombing killed 11 people, all of them Africans."));
    assert_false(NOISE("Galileo was launched in 1989 and arrived at Jupiter on Dec. 7, 1995."));
    assert_false(NOISE("Unemployment fell from 5.4 to 5.1 percent between 1998-2000 in the state."));
    assert_false(NOISE("The count rose to 1,200-1,500 on the 2006-01-15 report, officials said."));
    assert_false(NOISE("The meeting is at 10 a.m. in room 404-B, the council said."));
}

static void datelines_are_found(void **state) {
    (void)state;
    const char *a = "PINE RIDGE, S.D. (AP) -- President Clinton turned the attention";
    assert_int_equal(DATELINE(a), strlen("PINE RIDGE, S.D. (AP) -- "));
    const char *b = "BEIRUT, Lebanon (Reuters) - Fighting resumed on Monday.";
    assert_int_equal(DATELINE(b), strlen("BEIRUT, Lebanon (Reuters) - "));
    const char *c = "beirut - US-backed forces have penetrated the heart of Raqqa.";
    assert_int_equal(DATELINE(c), strlen("beirut - "));
    assert_int_equal(DATELINE("The river rose - fast - overnight after the rain."), 0);
    assert_int_equal(DATELINE("Officials said on Monday that the bridge - built in 1820 - was safe."), 0);
    const char *d = "WEST PALM BEACH, Fla. _ She was only 19.";
    assert_int_equal(DATELINE(d), strlen("WEST PALM BEACH, Fla. _ "));
    assert_int_equal(DATELINE("The Tamsin River - swollen by rain - burst its banks."), 0);
    const char *e = "FLINT, Mich., Oct. 4 (UPI) \xE2\x80\x94 Former President Bill Clinton spoke.";
    assert_int_equal(DATELINE(e), strlen("FLINT, Mich., Oct. 4 (UPI) \xE2\x80\x94 "));
    assert_int_equal(DATELINE("Mehmet Oz \xE2\x80\x94 a surgeon and TV star \xE2\x80\x94 was called a charlatan."), 0);
    assert_int_equal(DATELINE("WASHINGTON --"), 0); /* nothing after it */
    const char *f = "DAR ES SALAAM, Tanzania (AP) _ Two suspects will be charged.";
    assert_int_equal(DATELINE(f), strlen("DAR ES SALAAM, Tanzania (AP) _ "));
    /* a place and date in mixed case, closed by an agency in parentheses */
    const char *ga = "Jerusalem, September 13 (Xinhua) -- When the accords were signed, hopes rose.";
    assert_int_equal(DATELINE(ga), strlen("Jerusalem, September 13 (Xinhua) -- "));
    const char *ha = "New York, Oct. 5 (Reuters) - Stocks fell on Monday.";
    assert_int_equal(DATELINE(ha), strlen("New York, Oct. 5 (Reuters) - "));
    /* a clause with a parenthesis before a dash is no dateline */
    assert_int_equal(DATELINE("Kellport, the town said (AP) - the road is closed."), 0);
    assert_int_equal(DATELINE("Lena Marsh (Mayor) - who led the town - resigned."), 0);
    const char *g = "CAPE TOWN, South Africa (AP) _ A bill cleared a hurdle.";
    assert_int_equal(DATELINE(g), strlen("CAPE TOWN, South Africa (AP) _ "));
    assert_int_equal(DATELINE("NATO, which had long opposed the plan - and still does - agreed."), 0);
    const char *h = "BEIJING, April 25 (Xinhua)-- Shi Guangsheng met the delegation.";
    assert_int_equal(DATELINE(h), strlen("BEIJING, April 25 (Xinhua)-- "));
    assert_int_equal(DATELINE(""), 0);
    /* an outlet's name in mixed case before a spaced dash and a capital */
    const char *o = "Kaieteur News \xE2\x80\x93 Police investigators in Region Two are trying.";
    assert_int_equal(sf__outlet_dateline_length(o, strlen(o)), strlen("Kaieteur News \xE2\x80\x93 "));
    const char *oz = "Mehmet Oz \xE2\x80\x94 a surgeon and TV star \xE2\x80\x94 was called a charlatan.";
    assert_int_equal(sf__outlet_dateline_length(oz, strlen(oz)), 0);
    const char *cl = "The river rose - Police said - overnight.";
    assert_int_equal(sf__outlet_dateline_length(cl, strlen(cl)), 0);
    const char *lng = "Marlow Bridge Town Hall Library - The doors opened.";
    assert_int_equal(sf__outlet_dateline_length(lng, strlen(lng)), 0);
    /* a text that ends after the name's space: nothing read past its end
     * (a heap copy of exactly its bytes, for the address sanitizer) */
    char *cut = malloc(14);
    assert_non_null(cut);
    memcpy(cut, "Kaieteur News ", 14);
    assert_int_equal(sf__outlet_dateline_length(cut, 14), 0);
    free(cut);
}

static void standalone_rules(void **state) {
    (void)state;
    assert_true(sf__has_quotation("\"We will stay,\" she said.", 25));
    assert_true(sf__has_quotation("``No tribe needs it,'' he said.", 31));
    assert_true(sf__has_quotation("He called it \xE2\x80\x9C" "a milestone\xE2\x80\x9D.", 28));
    assert_true(sf__has_quotation("''Schools are under pressure,'' said June.", 41));
    assert_false(sf__has_quotation("The river rose two metres.", 26));
    const char *you = "If not, the Syndicate can help, which will guide your readers to the premiere.";
    assert_true(sf__speaks_to_reader(you, strlen(you), "en"));
    you = "You get in trouble when you interfere with their cycle, he says.";
    assert_true(sf__speaks_to_reader(you, strlen(you), "en"));
    you = "Youth groups and Bayou residents met the mayor on Monday.";
    assert_false(sf__speaks_to_reader(you, strlen(you), "en"));
    assert_false(sf__speaks_to_reader("Vous y etes.", 12, "fr"));
    const char *a = "He said the river rose.";
    const char *b = "Hebron was quiet on Monday.";
    const char *c = "However, the road stayed open.";
    assert_true(sf__needs_context(a, strlen(a), "en"));
    assert_false(sf__needs_context(b, strlen(b), "en"));
    assert_true(sf__needs_context(c, strlen(c), "en"));
    assert_false(sf__needs_context(a, strlen(a), "de")); /* no list: no guess */
    /* a pronoun right after a short opening phrase leans back too */
    const char *d = "In 2011, he resigned from Congress after a scandal.";
    const char *e = "In 2011, Weiner resigned from Congress after a scandal.";
    assert_true(sf__needs_context(d, strlen(d), "en"));
    assert_false(sf__needs_context(e, strlen(e), "en"));
    /* contracted, the pronoun leans back as well: "He's" as "He" */
    const char *f = "He's been a combat pilot, space pioneer and political leader.";
    const char *g = "They\xE2\x80\x99re leaving the valley for good, the mayor said.";
    const char *h = "That's why people pay $10,000 for the flight.";
    const char *k = "Shell's profits rose on Monday.";
    const char *l = "Its'y bits were found.";
    assert_true(sf__needs_context(f, strlen(f), "en"));
    assert_true(sf__needs_context(g, strlen(g), "en"));
    assert_true(sf__needs_context(h, strlen(h), "en"));
    assert_false(sf__needs_context(k, strlen(k), "en"));
    assert_false(sf__needs_context(l, strlen(l), "en"));
}

/* One story where the greedy rule and the exact optimum differ. Four
 * phrases (no article or other function word around them in the quotes, as
 * concepts are adjacent word pairs) are shared by all three articles (the quoted sentences of B and C
 * vote for them but cannot be chosen). In A, S1 holds three of them in 12
 * words, S2 two in 8 and S3 the other two in 9. Under 17 words the best set
 * is S2 + S3 (all four phrases); the greedy rule takes S1 first. */
static const char *const S1 = "Granite quarry and heavy rain and river barge news reached Dunmore today.";
static const char *const S2 = "Officials closed the granite quarry after heavy rain.";
static const char *const S3 = "Workers moved the river barge near the copper mine.";

static bool chose(const sf_corpus *c, const sf_summary *s, const char *want) {
    for (size_t i = 0; i < s->n; i++) {
        const sf_article *a = sf_corpus_get(c, s->sentences[i].article);
        sf_span sp = s->sentences[i].span;
        if (sp.end - sp.begin == strlen(want) && memcmp(a->text + sp.begin, want, strlen(want)) == 0)
            return true;
    }
    return false;
}

static void exact_optimum_beats_greedy(void **state) {
    (void)state;
    char a_text[512];
    snprintf(a_text, sizeof a_text, "%s %s %s", S1, S2, S3);
    const char *quoted[2] = {
        "\"Granite quarry stood, heavy rain fell, river barge sank, copper mine shut,\" said Ann Lowe.",
        "\"Granite quarry stood, heavy rain fell, river barge sank, copper mine shut,\" said Tom Reyes."};
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    sf_article a = {.id = "a", .text = a_text, .text_len = strlen(a_text), .published = 1};
    assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    for (int k = 0; k < 2; k++) {
        sf_article b = {.id = k ? "c" : "b", .text = quoted[k], .text_len = strlen(quoted[k]), .published = 2 + k};
        assert_int_equal(sf_corpus_add(c, &b, NULL), SF_OK);
    }
    size_t all[3] = {0, 1, 2};
    sf_summarize_options o = {.max_words = 17, .method = SF_SUMMARY_CONCEPTS_ILP};
    sf_summary s;
    sf_error err = {0};
#ifndef SF_HAVE_GLPK
    /* built without GLPK: the method says it is unavailable */
    assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &s, &err), SF_ERR_UNSUPPORTED);
    assert_non_null(strstr(err.message, "needs GLPK"));
    sf_corpus_destroy(c);
    return;
#endif
    assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &s, &err), SF_OK);
    assert_int_equal(s.n, 2);
    assert_true(chose(c, &s, S2));
    assert_true(chose(c, &s, S3));
    sf__summary_release(&s);

    o.method = SF_SUMMARY_CONCEPTS; /* greedy: the densest sentence first */
    assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &s, &err), SF_OK);
    assert_true(chose(c, &s, S1));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* Concepts are adjacent word pairs as written, function words included:
 * the sentence that repeats the sources' phrase "rebels were killing
 * civilians" is chosen over a shorter one that says "rebels killed
 * civilians" (the same stems, so stemmed content-word concepts preferred
 * the shorter). */
static void concepts_are_phrases_as_written(void **state) {
    (void)state;
    const char *texts[3] = {
        "Rebels killed civilians in the north, police say. Rebels were killing civilians near the dam, aid workers say.",
        "Rebels were killing civilians.", "Rebels were killing civilians."};
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    for (int k = 0; k < 3; k++) {
        sf_article a = {.id = k == 0 ? "a" : k == 1 ? "b" : "c", .text = texts[k], .text_len = strlen(texts[k]),
                        .published = 1 + k};
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    }
    size_t all[3] = {0, 1, 2};
    sf_summarize_options o = {.max_words = 8};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &s, &err), SF_OK);
    assert_int_equal(s.n, 1);
    assert_true(chose(c, &s, "Rebels were killing civilians near the dam, aid workers say."));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* A sentence of more than 55 words is not chosen, however much it shares:
 * here the long one holds every phrase of the other articles, and the short
 * one a single phrase. */
static void overlong_sentences_are_not_chosen(void **state) {
    (void)state;
    char longs[1024] = "The flood";
    for (int k = 0; k < 12; k++) {
        static const char *const parts[] = {"closed the quarry", "moved the barge", "cut the power",
                                            "shut the school"};
        strcat(longs, k ? ", and then " : " ");
        strcat(longs, parts[k % 4]);
    }
    strcat(longs, " at Marlow.");
    char a_text[2048], q[2][1200];
    snprintf(a_text, sizeof a_text, "%s Officials said the flood closed the quarry on Monday.", longs);
    snprintf(q[0], sizeof q[0], "\"%s\" said Ann Lowe.", longs);
    snprintf(q[1], sizeof q[1], "\"%s\" said Tom Reyes.", longs);
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    const char *texts[3] = {a_text, q[0], q[1]};
    for (int k = 0; k < 3; k++) {
        sf_article a = {.id = k == 0 ? "a" : k == 1 ? "b" : "c", .text = texts[k], .text_len = strlen(texts[k]),
                        .published = 1 + k};
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    }
    size_t all[3] = {0, 1, 2};
    sf_summarize_options o = {.max_words = 10};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &s, &err), SF_OK);
    assert_int_equal(s.n, 1);
    assert_true(chose(c, &s, "Officials said the flood closed the quarry on Monday."));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

static void compress_case(const char *in, unsigned rules, const char *want) {
    sf_buf out;
    sf__buf_init(&out, 0);
    bool changed = true;
    assert_int_equal(sf__compress_sentence(in, strlen(in), "en", rules, &out, &changed), SF_OK);
    if (strcmp(want, in) == 0) {
        assert_false(changed);
    } else {
        assert_true(changed);
        assert_string_equal(sf__buf_cstr(&out), want);
    }
    sf__buf_release(&out);
}

static void compression_keeps_sentences_whole(void **state) {
    (void)state;
    compress_case("However, the road stayed open on Monday.", SF_COMPRESS_OPENER,
                  "The road stayed open on Monday.");
    compress_case("But the river kept rising.", SF_COMPRESS_OPENER, "The river kept rising.");
    compress_case("In addition, Marlow closed two schools.", SF_COMPRESS_OPENER, "Marlow closed two schools.");
    /* what is left must open with a letter */
    compress_case("However, 12 roads closed overnight.", SF_COMPRESS_OPENER, "However, 12 roads closed overnight.");
    compress_case("Butter prices rose again in March.", SF_COMPRESS_OPENER, "Butter prices rose again in March.");
    compress_case("The Irish Republican Army (IRA) declared a ceasefire.", SF_COMPRESS_PARENS,
                  "The Irish Republican Army declared a ceasefire.");
    compress_case("The fund lost $5 million (3.2 million pounds) last year.", SF_COMPRESS_PARENS,
                  "The fund lost $5 million last year.");
    /* a long parenthesis may hold the news; one glued to a word is not an aside */
    compress_case("The dam (which engineers had warned about for over ten years) failed.", SF_COMPRESS_PARENS,
                  "The dam (which engineers had warned about for over ten years) failed.");
    compress_case("Five team(s) withdrew from the league this week.", SF_COMPRESS_PARENS,
                  "Five team(s) withdrew from the league this week.");
    /* who said it stays; when and where it was said goes */
    compress_case("The bridge will reopen next week, the ministry said in a statement on Monday.",
                  SF_COMPRESS_SPEECH, "The bridge will reopen next week, the ministry said.");
    compress_case("Three people died in the floods near Marlow, police said Tuesday.", SF_COMPRESS_SPEECH,
                  "Three people died in the floods near Marlow, police said.");
    compress_case("The bridge will reopen next week, he told reporters on Monday.", SF_COMPRESS_SPEECH,
                  "The bridge will reopen next week, he told reporters on Monday.");
    compress_case("The bridge will reopen next week, the ministry said.", SF_COMPRESS_SPEECH,
                  "The bridge will reopen next week, the ministry said.");
    compress_case("However, the Irish Republican Army (IRA) ended its truce, officials said on Friday.",
                  SF_COMPRESS_ALL, "The Irish Republican Army ended its truce, officials said.");
    /* no rules for other languages */
    sf_buf out;
    sf__buf_init(&out, 0);
    bool changed = true;
    const char *de = "Aber der Fluss stieg weiter (AP).";
    assert_int_equal(sf__compress_sentence(de, strlen(de), "de", SF_COMPRESS_ALL, &out, &changed), SF_OK);
    assert_false(changed);
    sf__buf_release(&out);
}

static size_t summary_words(const sf_corpus *c, const sf_summary *s) {
    size_t w = 0;
    for (size_t i = 0; i < s->n; i++) {
        const sf_article *a = sf_corpus_get(c, s->sentences[i].article);
        const char *p = s->sentences[i].text ? s->sentences[i].text : a->text + s->sentences[i].span.begin;
        size_t n = s->sentences[i].text ? strlen(p) : s->sentences[i].span.end - s->sentences[i].span.begin;
        bool in = false;
        for (size_t k = 0; k < n; k++) {
            bool sp = p[k] == ' ';
            if (!sp && !in) w++;
            in = !sp;
        }
    }
    return w;
}

/* Two articles that share one phrase: once the one sentence holding it is
 * chosen every other sentence gains no concept, and the summary would stop
 * at 9 words of 40. The rest is filled by the centroid rule. */
static const char *const FILL_A =
    "The granite quarry flooded after the storm on Sunday. "
    "Rescue crews pumped water from the lower pit for six hours. "
    "Local farmers reported damage to barley fields along the valley road. "
    "The county council met to discuss the cost of the repairs.";
static const char *const FILL_B =
    "Engineers inspected the granite quarry walls for cracks. "
    "A nearby school opened its gym as a shelter for families. "
    "Electricity returned to most homes in the district by evening.";

static sf_corpus *fill_corpus(void) {
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    sf_article a = {.id = "a", .text = FILL_A, .text_len = strlen(FILL_A), .published = 1};
    sf_article b = {.id = "b", .text = FILL_B, .text_len = strlen(FILL_B), .published = 2};
    assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    assert_int_equal(sf_corpus_add(c, &b, NULL), SF_OK);
    return c;
}

static void budget_is_filled_when_concepts_run_dry(void **state) {
    (void)state;
    sf_corpus *c = fill_corpus();
    size_t all[2] = {0, 1};
    sf_summarize_options o = {.max_words = 40};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
    assert_true(s.n >= 3);
    assert_true(summary_words(c, &s) >= 40);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

static void coverage_diversity_method(void **state) {
    (void)state;
    sf_corpus *c = fill_corpus();
    size_t all[2] = {0, 1};
    sf_summarize_options o = {.max_words = 20, .method = SF_SUMMARY_COVERAGE_DIVERSITY};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
    /* 20 words take two or three of these sentences, not one and not all */
    assert_in_range(s.n, 2, 3);
    assert_true(summary_words(c, &s) >= 20);
    /* in reading order: article a before b, earlier sentences first */
    for (size_t i = 1; i < s.n; i++)
        assert_true(s.sentences[i - 1].article < s.sentences[i].article ||
                    (s.sentences[i - 1].article == s.sentences[i].article &&
                     s.sentences[i - 1].span.begin < s.sentences[i].span.begin));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* --compress: the summary prints the cut sentence, and cites as before. */
static void compressed_summary_text(void **state) {
    (void)state;
    const char *ta = "However, the Tamsin River (Marlow) burst its banks near the old mill, police said on Monday.";
    const char *tb = "The Tamsin River burst its banks near the old mill and flooded the square.";
    sf_corpus *c = sf_corpus_create();
    sf_article a = {.id = "a", .text = ta, .text_len = strlen(ta), .published = 1};
    sf_article b = {.id = "b", .text = tb, .text_len = strlen(tb), .published = 2};
    assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    assert_int_equal(sf_corpus_add(c, &b, NULL), SF_OK);
    size_t all[2] = {0, 1};
    sf_summarize_options o = {.max_words = 12, .compress = SF_COMPRESS_ALL};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.sentences[0].article, 0);
    assert_non_null(s.sentences[0].text);
    assert_string_equal(s.sentences[0].text, "The Tamsin River burst its banks near the old mill, police said.");
    assert_int_equal(s.sentences[0].nsources, 2);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

#define CTX(s) sf__needs_context((s), strlen(s), "en")
#define MID(s) sf__starts_mid_sentence((s), strlen(s))

/* Openers that point back (documented in clean.c) and sentences that start
 * in the middle: never a bullet of their own. */
static void backreferences_and_fragments(void **state) {
    (void)state;
    assert_true(CTX("The two dead were named by police on Tuesday."));
    assert_true(CTX("The meeting ended without an agreement on the budget."));
    assert_true(CTX("A move expected to trigger the government's collapse."));
    assert_true(CTX("Three days earlier, the river had burst its banks."));
    assert_true(CTX("Today the council will vote on the plan."));
    assert_true(CTX("The next day the road was reopened to traffic."));
    assert_true(CTX("The city was the scene of some of the group's worst atrocities."));
    assert_true(CTX("They said the shelters would stay open."));
    assert_false(CTX("The United Nations raised concerns for civilians trapped in Raqqa."));
    assert_false(CTX("The Tamsin River burst its banks at Marlow Bridge on Monday."));
    assert_false(CTX("Two shelters were opened at the high school."));
    assert_false(CTX("Theresa May said the talks would go on."));
    /* a number joined to a word or a year says which, a count points back */
    assert_false(CTX("The four-day workshop on wetlands opened in Beidaihe on Monday."));
    assert_false(CTX("The 1997-98 El Nino was the strongest ever recorded."));
    assert_false(CTX("The 1997 floods cost the region two billion dollars."));
    assert_true(CTX("The two are being held in New York."));
    /* an indefinite article brings in something new, except an action noun */
    assert_false(CTX("A man was sentenced Thursday to six years in prison."));
    assert_false(CTX("A former computer student was named as the author of the virus."));
    assert_true(CTX("A step that the opposition called too late."));
    /* "former", "other" before a noun describe it; alone they point back */
    assert_false(CTX("The former president of the United States spoke on Monday."));
    assert_true(CTX("The former said the plan would fail."));
    assert_true(CTX("The other which was carried by the Times said the ruling was wrong."));
    assert_true(MID("romano Prodi's coalition, a move expected to trigger its collapse."));
    assert_true(MID(", and the road was closed."));
    assert_true(MID("-- who had led the party since 1991."));
    assert_true(MID("and then the river rose."));
    assert_false(MID("\"We will stay,\" she said."));
    assert_false(MID("US-backed forces breached the wall."));
    assert_false(MID("(AP) Forces breached the wall."));
}

static void headline_case(const char *in, const char *want) {
    sf_buf b;
    sf__buf_init(&b, 0);
    assert_int_equal(sf__headline_from_sentence(in, strlen(in), &b), SF_OK);
    assert_int_equal(sf__buf_addc(&b, '\0'), SF_OK);
    assert_string_equal(b.p, want);
    sf__buf_release(&b);
}

/* A page's title run into its lead on one line: the headline is the title,
 * cut before a dateline or before a sentence that opens after it; a
 * dateline opening the lead is skipped. Acronyms and names in capitals
 * ("EPP (Bloomberg)") and a title's own capitals stay. */
static void headline_title_run_into_lead(void **state) {
    (void)state;
    headline_case("Tactical Urbanism project brings creative seating to bus stops FAYETTEVILLE, Ark. (KNWA) "
                  "\xE2\x80\x94 Starting today, the city will test new benches.",
                  "Tactical Urbanism project brings creative seating to bus stops");
    headline_case("Austria opposes loosening EU budget rules, finance minister tells paper VIENNA (Reuters) - "
                  "Austria opposes any loosening of the rules.",
                  "Austria opposes loosening EU budget rules, finance minister tells paper");
    headline_case("Motor racing-Kubica Joins Alfa Romeo F1 Team as Reserve Driver LONDON, Jan 1 (Reuters) - "
                  "Robert Kubica has joined the team.",
                  "Motor racing-Kubica Joins Alfa Romeo F1 Team as Reserve Driver");
    headline_case("SAN FRANCISCO \xE2\x80\x94 Forty million Californians will soon obtain new privacy rights.",
                  "Forty million Californians will soon obtain new privacy rights");
    headline_case("Pope slaps woman's hand to free self at New Year's Eve An image of Pope Francis slapping his "
                  "way free had social media abuzz.",
                  "Pope slaps woman's hand to free self at New Year's Eve");
    headline_case("Hungary's Orban Mulls New EU Movement if His Party Exits EPP (Bloomberg) -- Hungarian Prime "
                  "Minister Viktor Orban said on Sunday that he might start a new movement.",
                  "Hungary's Orban Mulls New EU Movement if His Party Exits EPP (Bloomberg)");
    headline_case("Union warns of mass action over Telkom job losses Union warns of mass action over the "
                  "planned cuts, its leader said.",
                  "Union warns of mass action over Telkom job losses");
    headline_case("Dallas police squad car strikes fellow officers' vehicle after responding to racing incident, "
                  "officials say Two Dallas police squad cars collided on Sunday.",
                  "Dallas police squad car strikes fellow officers' vehicle after responding to racing incident");
    headline_case("Meet The First Latina President Of The Tournament Of Roses Laura Farber.",
                  "Meet The First Latina President Of The Tournament Of Roses Laura Farber");
    /* a title in sentence case whose name the lead repeats */
    headline_case("Marchers withdrew from the Kellport Town Hall Protests outside the Kellport Town Hall began "
                  "on Monday after the vote.",
                  "Marchers withdrew from the Kellport Town Hall");
    headline_case("Kellport's Lanterns movement calls a march to unseat Marsh The Lanterns, a movement of "
                  "students, filled the square on Monday.",
                  "Kellport's Lanterns movement calls a march to unseat Marsh");
    /* a name going on, not a title: no words in lower case before it, or
     * the name after "The" is not the title's */
    headline_case("The Kellport Daily Times Company said the Daily Times would close its desk on Monday.",
                  "The Kellport Daily Times Company said the Daily Times would close its desk on Monday");
    headline_case("Former council clerk Ada Ada Penhallow leaves the Kellport post Ada Ada Penhallow said on Monday.",
                  "Former council clerk Ada Ada Penhallow leaves the Kellport post Ada Ada Penhallow said on Monday");
    headline_case("Lanterns light up the Kellport Quay with Marlow Lamps By Jane Roe The Kellport Quay council "
                  "voted for a new contract with Marlow Lamps.",
                  "Lanterns light up the Kellport Quay with Marlow Lamps");
    headline_case("Ada Penhallow, head of publisher Marlow, dies aged 77 Ada Penhallow, the head of Marlow "
                  "A Marlow, died.",
                  "Ada Penhallow, head of publisher Marlow, dies aged 77 Ada Penhallow");
    headline_case("Envoys from the port of Kellport and Marsh The Hague sent met on Monday.",
                  "Envoys from the port of Kellport and Marsh The Hague sent met on Monday");
}

/* A headline from a lead: whole when short, else cut at a clause boundary,
 * never on a word that needs the next one. */
static void headline_from_lead(void **state) {
    (void)state;
    headline_case("Floods closed the Kellby road.", "Floods closed the Kellby road");
    /* an auxiliary waits for its verb: never the headline's last word */
    {
        sf_buf b;
        sf__buf_init(&b, 0);
        const char *lead = "A federal subpoena to a foundation where Mayor Lena Marsh recently served on the "
                           "board doesn\xE2\x80\x99t even warrant a murmur from the two county papers of Kellby.";
        assert_int_equal(sf__headline_from_sentence(lead, strlen(lead), &b), SF_OK);
        const char *h = sf__buf_cstr(&b), *aux = "doesn\xE2\x80\x99t";
        size_t hn = strlen(h), an = strlen(aux);
        assert_false(hn >= an && strcmp(h + hn - an, aux) == 0);
        sf__buf_release(&b);
    }
    headline_case("US-backed forces have penetrated the heavily fortified heart of militant bastion Raqqa "
                  "for the first time, in a key milestone in the war against the group.",
                  "US-backed forces have penetrated the heavily fortified heart of militant bastion Raqqa "
                  "for the first time");
    headline_case("Italy's Communists on Sunday voted to withdraw support for Premier Romano Prodi's "
                  "coalition, a move expected to trigger the government's collapse.",
                  "Italy's Communists on Sunday voted to withdraw support for Premier Romano Prodi's coalition");
    headline_case("About two thousand residents of the small riverside town of Marlow Bridge were moved "
                  "out of their homes by the county on Monday morning.",
                  "About two thousand residents of the small riverside town of Marlow Bridge were moved out");
    /* an opening adverbial is left out: the headline holds the subject and its verb */
    headline_case("In Kellport, the council of the small riverside town voted on Monday to close the old bridge "
                  "until the river falls.",
                  "The council of the small riverside town voted on Monday to close the old bridge");
    headline_case("On March 2, under pressure from residents who had waited for weeks for the repairs, the "
                  "council voted to close the bridge.",
                  "The council voted to close the bridge");
    headline_case("After being rescued near Lindau, Bavaria, last week, the two climbers were flown to a "
                  "hospital in Munich for treatment.",
                  "The two climbers were flown to a hospital in Munich for treatment");
    headline_case("Opening the flood conference here in Kellport, Mayor Lena Marsh said the town had learned "
                  "its lesson from the disaster.",
                  "Mayor Lena Marsh said the town had learned its lesson from the disaster");
    /* a participle that starts a subject is no opener; nor is a clause that needs the opener's name */
    headline_case("Lending banks in Kellport have put detailed plans in place for the years after the flood, "
                  "when they expect the town to recover.",
                  "Lending banks in Kellport have put detailed plans in place for the years after the flood");
    headline_case("When Mayor Lena Marsh arrives in Lindau for the regional meeting of river towns, she will ask "
                  "for money.",
                  "When Mayor Lena Marsh arrives in Lindau for the regional meeting of river towns");
    /* a subject alone is no headline: the cut comes after the verb */
    headline_case("The mayor of Kellport and the deputy head of the county, Paul Ried, turned in the flood "
                  "reports, said the county's spokesman Tom Berg.",
                  "The mayor of Kellport and the deputy head of the county, Paul Ried, turned in the flood reports");
    /* a clause opener cuts before a verb with its object does */
    headline_case("A gang of hooded youths who oppose the new bridge toll pelted police with stones in Kellport "
                  "on Saturday night.",
                  "A gang of hooded youths who oppose the new bridge toll pelted police with stones");
    headline_case("The mayor's closest aide could become part of the inquiry into the flood as the county "
                  "attempts to find who ignored the warnings.",
                  "The mayor's closest aide could become part of the inquiry into the flood");
    /* a headline never ends inside brackets or a quotation */
    headline_case("The new rules will trigger a lot of changes and some businesses (mainly pubs and restaurants) "
                  "will be shutting or changing the way they serve.",
                  "The new rules will trigger a lot of changes");
    headline_case("The council voted on Monday to close the bridge that residents call \"the old wooden "
                  "crossing of Kellby town\" until the river falls.",
                  "The council voted on Monday to close the bridge");
}

static size_t add_text(sf_corpus *c, const char *id, const char *text, int64_t t) {
    sf_article a = {.id = id, .text = text, .text_len = strlen(text), .published = t};
    assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    return sf_corpus_count(c) - 1;
}

static const char *sentence_text(const sf_corpus *c, const sf_summary *s, size_t k) {
    static char buf[512];
    const sf_article *a = sf_corpus_get(c, s->sentences[k].article);
    size_t n = s->sentences[k].span.end - s->sentences[k].span.begin;
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, a->text + s->sentences[k].span.begin, n);
    buf[n] = '\0';
    return buf;
}

/* The greedy pass with gains kept up to date instead of rescanned: 3,000
 * copies of one sentence give it once (each copy after the first is a
 * repeat), and the other sentences still fill the budget. */
static void repeated_sentence_is_taken_once(void **state) {
    (void)state;
    const char *rep = "The Tamsin River burst its banks at Marlow Bridge on Monday after heavy rain. ";
    const char *rest = "Two shelters were opened at the Marlow Bridge high school and the hall. "
                       "The main road to Kellby was closed at the stone bridge by the county police.";
    sf_buf t;
    sf__buf_init(&t, 0);
    for (int i = 0; i < 3000; i++) assert_int_equal(sf__buf_adds(&t, rep), SF_OK);
    assert_int_equal(sf__buf_adds(&t, rest), SF_OK);
    assert_int_equal(sf__buf_addc(&t, '\0'), SF_OK);
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", t.p, 1);
    sf__buf_release(&t);
    size_t all[1] = {0};
    sf_summarize_options o = {.max_words = 60};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 1, NULL, &o, &s, &err), SF_OK);
    assert_int_equal(s.n, 3);
    size_t copies = 0;
    for (size_t k = 0; k < s.n; k++) copies += strstr(sentence_text(c, &s, k), "burst its banks") != NULL;
    assert_int_equal(copies, 1);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* Reports over three days given out of order (ids D10, D2, D1): the first
 * bullet is the earliest report's lead, the rest follow the reports' days;
 * "He said ..." carries the story's phrases but is never a bullet. */
static void lead_first_then_time_order(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    const int64_t day = 86400;
    add_text(c, "D10",
             "The Marlow Bridge road to Kellby reopened on Wednesday as the Tamsin River flood fell. "
             "Volunteers cleaned the town library after the Tamsin River flood at Marlow Bridge.",
             3 * day);
    add_text(c, "D2",
             "Water from the Tamsin River flood reached the town library at Marlow Bridge on Tuesday. "
             "Forty workers filled sandbags along the river wall through the night at Marlow Bridge.",
             2 * day);
    add_text(c, "D1",
             "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes on Monday. "
             "He said the Tamsin River flood at Marlow Bridge reached the town library and the road to Kellby.",
             1 * day);
    size_t all[3] = {0, 1, 2};
    sf_summarize_options o = {.max_words = 60};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &s, &err), SF_OK);
    assert_true(s.n >= 3);
    assert_int_equal(s.sentences[0].article, 2); /* D1, day 1 */
    assert_non_null(strstr(sentence_text(c, &s, 0), "forced 2,000 residents"));
    for (size_t k = 0; k < s.n; k++) assert_null(strstr(sentence_text(c, &s, k), "He said"));
    for (size_t k = 2; k < s.n; k++)
        assert_true(sf_corpus_get(c, s.sentences[k - 1].article)->published <=
                    sf_corpus_get(c, s.sentences[k].article)->published);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* Reports with no time: their ids (file names) say nothing of when they were
 * written, so after the lead the report whose sentence was chosen first
 * comes first, and the minor one (the bakery) last, where a word budget
 * would cut it - not in id order (a, b, c, d). */
static void unknown_times_in_pick_order(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", "Army engineers said the old stone bridge and the town library were damaged. "
                     "A bakery on the high street of Marlow Bridge gave bread to families in the shelters.",
             SF_TIME_UNKNOWN);
    add_text(c, "b", "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes on Monday.",
             SF_TIME_UNKNOWN);
    add_text(c, "c", "Army engineers said the Tamsin River flood damaged the old stone bridge and the town "
                     "library at Marlow Bridge.", SF_TIME_UNKNOWN);
    add_text(c, "d", "The Tamsin River flood damaged the old stone bridge, the town library and the school "
                     "at Marlow Bridge.", SF_TIME_UNKNOWN);
    size_t all[4] = {0, 1, 2, 3};
    sf_summarize_options o = {.max_words = 60};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 4, NULL, &o, &s, &err), SF_OK);
    assert_int_equal(s.n, 3);
    assert_non_null(strstr(sentence_text(c, &s, 1), "forced 2,000 residents"));
    assert_non_null(strstr(sentence_text(c, &s, 2), "A bakery"));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* The first bullet is the lead candidate that says what the headline says;
 * with no headline, the one that best covers the shared concepts. */
static void headline_picks_the_lead(void **state) {
    (void)state;
    const char *ta = "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes on Monday. "
                     "The flood closed the Marlow bridge to all traffic, police said.";
    const char *tb = "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes, officials said. "
                     "Police closed the Marlow bridge to all traffic after the flood on Monday.";
    for (int titled = 0; titled < 2; titled++) {
        sf_corpus *c = sf_corpus_create();
        sf_article a = {.id = "a", .title = titled ? "Flood closes Marlow bridge to traffic" : "",
                        .text = ta, .text_len = strlen(ta), .published = 1};
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
        add_text(c, "b", tb, 1);
        size_t all[2] = {0, 1};
        sf_summarize_options o = {.max_words = 200};
        sf_summary s;
        sf_error err = {0};
        assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
        assert_true(s.n >= 2);
        const char *first = sentence_text(c, &s, 0);
        if (titled) assert_non_null(strstr(first, "the Marlow bridge to all traffic"));
        else assert_non_null(strstr(first, "forced 2,000 residents"));
        sf__summary_release(&s);
        sf_corpus_destroy(c);
    }
}

/* With no headline and no times, only a report's first sentence may lead:
 * the second sentence of c recaps the story and shares the most with the
 * others, but it is background, and the first bullet says what happened. */
static void untitled_lead_is_a_first_sentence(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", "Rescuers pulled forty people from the Tamsin River at Marlow Bridge on Monday. "
                     "Ferryman Oswin Tull rescued eleven swans near the old weir at Marlow Bridge.",
             SF_TIME_UNKNOWN);
    add_text(c, "b", "The town council of Marlow Bridge asked the army for boats and pumps on Tuesday. "
                     "The Tamsin River flood damaged the town library and the old stone bridge.",
             SF_TIME_UNKNOWN);
    add_text(c, "c", "Insurers counted the cost of the damage in the valley towns on Wednesday. "
                     "The Tamsin River flood at Marlow Bridge damaged the town library and the old stone bridge "
                     "and forced forty people into the river.",
             SF_TIME_UNKNOWN);
    size_t all[3] = {0, 1, 2};
    sf_summarize_options o = {.max_words = 200};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &s, &err), SF_OK);
    assert_true(s.n >= 2);
    const char *first = sentence_text(c, &s, 0);
    assert_true(strstr(first, "Rescuers pulled") || strstr(first, "The town council") ||
                strstr(first, "Insurers counted"));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* A wire budget (stories listed under slugs, notes to editors between
 * them) is not a report of the story: none of its lines is a bullet when
 * the story has a report; alone, it is still summarized. */
static void story_lists_are_not_reports(void **state) {
    (void)state;
    const char *budget = "Photo and graphics information and editors' names can be found at the end of this "
                         "budget about the Tamsin River flood.\n\n"
                         "FLOOD-MARLOW _ MARLOW BRIDGE _ The Tamsin River flood at Marlow Bridge forced "
                         "residents from their homes on Monday. (Smith, News Service) MOVED\n\n"
                         "EDs: Updates on the Tamsin River flood will be included on subsequent budgets.\n\n"
                         "RIVER-ROADS _ Engineers closed the roads along the Tamsin River flood plain near "
                         "Marlow Bridge. (Jones, News Service) MOVED\n";
    const char *report = "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes on Monday. "
                         "Engineers closed the roads along the river near Marlow Bridge, police said. "
                         "The town library at Marlow Bridge was damaged by the Tamsin River flood.";
    for (int alone = 0; alone < 2; alone++) {
        sf_corpus *c = sf_corpus_create();
        add_text(c, "budget", budget, 1);
        if (!alone) add_text(c, "report", report, 2);
        size_t all[2] = {0, 1};
        sf_summarize_options o = {.max_words = 200};
        sf_summary s;
        sf_error err = {0};
        assert_int_equal(sf__summarize(c, all, alone ? 1 : 2, NULL, &o, &s, &err), SF_OK);
        assert_true(s.n >= 1);
        for (size_t k = 0; !alone && k < s.n; k++) {
            assert_int_equal(s.sentences[k].article, 1);
            assert_null(strstr(sentence_text(c, &s, k), "budget"));
        }
        sf__summary_release(&s);
        sf_corpus_destroy(c);
    }
}

/* Words to the reader are no bullet, however central: the pitch holds the
 * story's phrases and would lead. */
static void no_bullet_speaks_to_reader(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes, and our "
                     "package on the Tamsin River flood at Marlow Bridge will guide your readers through it.",
             1);
    add_text(c, "b", "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes on Monday.", 2);
    add_text(c, "c", "Residents of Marlow Bridge returned to their homes after the Tamsin River flood fell.", 3);
    size_t all[3] = {0, 1, 2};
    sf_summarize_options o = {.max_words = 200};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &s, &err), SF_OK);
    assert_true(s.n >= 1);
    for (size_t k = 0; k < s.n; k++) assert_null(strstr(sentence_text(c, &s, k), "your readers"));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* The later sentences of a quotation that runs over several are the
 * speaker's words with no mark of their own: never a bullet, also in a
 * story of one report (the centroid rule), where they are the most central
 * sentences. A quotation reopened in the next paragraph of a text whose
 * paragraphs were run together ends at its closing mark. */
static void no_bullet_inside_a_running_quotation(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a",
             "Voters in Marlow Bridge will choose a new mayor on Tuesday, the county clerk said. "
             "Retired miner Oswin Tull, 81, said of the race for mayor: \"There is only one: Hale. "
             "Hale will fix the Marlow bridge and the mayor's office will serve the voters of Marlow Bridge. "
             "The other candidate for mayor owes favors to the Marlow Bridge developers.\" "
             "Turnout in the race for mayor is expected to be low, the county clerk said.",
             1);
    size_t one[1] = {0};
    sf_summarize_options o = {.max_words = 200};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, one, 1, NULL, &o, &s, &err), SF_OK);
    assert_true(s.n >= 1);
    for (size_t k = 0; k < s.n; k++) {
        assert_null(strstr(sentence_text(c, &s, k), "Hale will fix"));
        assert_null(strstr(sentence_text(c, &s, k), "owes favors"));
    }
    sf__summary_release(&s);
    sf_corpus_destroy(c);
    /* the state itself: straight marks by their neighbours, a line break
     * ends the quotation, German low-high marks */
    const char *t = "He said: \"One. Two.";
    assert_true(sf__quote_open_after(t, strlen(t), false));
    t = "Two. \"Three,\" he said.";
    assert_false(sf__quote_open_after(t, strlen(t), true));
    t = "\"One.\nThe river rose.";
    assert_false(sf__quote_open_after(t, strlen(t), false));
    t = "Er sagte: \xE2\x80\x9E" "Eins. Zwei.\xE2\x80\x9C Dann ging er.";
    assert_false(sf__quote_open_after(t, strlen(t), false));
    t = "Er sagte: \xE2\x80\x9E" "Eins. Zwei.";
    assert_true(sf__quote_open_after(t, strlen(t), false));
    assert_true(sf__is_noise_sentence("Follow Pam Key on Twitter @pamkeyNEN.", 37));
    const char *note = "Editor\xE2\x80\x99s note: the candidate has repeatedly made claims that were false.";
    assert_true(sf__is_noise_sentence(note, strlen(note)));
    assert_false(sf__is_noise_sentence("Followers of the mayor gathered at the Marlow bridge on Monday.", 63));
    /* a Bengali sentence ends with the danda, and is reporting like any
     * other ("The incident took place this morning in the village.") */
    const char *bn = "\xE0\xA6\x86\xE0\xA6\x9C \xE0\xA6\xB8\xE0\xA6\x95\xE0\xA6\xBE\xE0\xA6\xB2 "
                     "\xE0\xA6\x97\xE0\xA7\x8D\xE0\xA6\xB0\xE0\xA6\xBE\xE0\xA6\xAE\xE0\xA7\x87 "
                     "\xE0\xA6\x8F \xE0\xA6\x98\xE0\xA6\x9F\xE0\xA6\xA8\xE0\xA6\xBE "
                     "\xE0\xA6\x98\xE0\xA6\x9F\xE0\xA7\x87\xE0\xA5\xA4";
    assert_false(sf__is_noise_sentence(bn, strlen(bn)));
    sf_buf h;
    sf__buf_init(&h, 0);
    assert_int_equal(sf__headline_from_sentence(bn, strlen(bn), &h), SF_OK);
    assert_int_equal(h.n, strlen(bn) - 3); /* without the danda */
    sf__buf_release(&h);
}

/* A verb in -ing is not cut from its infinitive ("are currently trying |
 * to unravel"): the headline runs on to the next clause boundary within a
 * few words; and it never ends on "such" (of "such as"). */
static void headline_keeps_the_infinitive(void **state) {
    (void)state;
    headline_case("Police investigators in Region Two are currently trying to unravel the mystery behind the "
                  "death of a hunter whose remains were on Tuesday found with gunshot wounds in the jungle.",
                  "Police investigators in Region Two are currently trying to unravel the mystery behind the "
                  "death of a hunter");
    headline_case("Teachers in Kellby have long feared violent episodes such as the fights of last spring at the "
                  "stone bridge near the old grain exchange.",
                  "Teachers in Kellby have long feared violent episodes such as the fights of last spring");
}

/* The noise test and the headline know the same terminators of other
 * scripts: a Chinese lead ending in the ideographic full stop is reporting,
 * and its headline drops that stop as it drops "."; a full-width "?" stays,
 * as "?" does. */
static void headline_other_scripts(void **state) {
    (void)state;
    /* "House majority leader Steny Hoyer gave a mild explanation on Wednesday." */
    const char *zh = "\xE7\xBE\x8E\xE5\x9B\xBD\xE4\xBC\x97\xE8\xAE\xAE\xE9\x99\xA2\xE5\xA4\x9A\xE6\x95\xB0\xE5\x85\x9A\xE9\xA2\x86\xE8\xA2\x96\xE6\x96\xAF\xE7\x89\xB9\xE5\xB0\xBC\xC2\xB7\xE9\x9C\x8D\xE8\x80\xB6\xE5\x91\xA8\xE4\xB8\x89\xE6\x8F\x90\xE4\xBE\x9B\xE4\xBA\x86\xE4\xB8\x80\xE4\xB8\xAA\xE6\xB8\xA9\xE5\x92\x8C\xE7\x9A\x84\xE8\xA7\xA3\xE9\x87\x8A\xE3\x80\x82";
    assert_false(sf__is_noise_sentence(zh, strlen(zh)));
    headline_case(zh, "\xE7\xBE\x8E\xE5\x9B\xBD\xE4\xBC\x97\xE8\xAE\xAE\xE9\x99\xA2\xE5\xA4\x9A\xE6\x95\xB0\xE5\x85\x9A\xE9\xA2\x86\xE8\xA2\x96\xE6\x96\xAF\xE7\x89\xB9\xE5\xB0\xBC\xC2\xB7\xE9\x9C\x8D\xE8\x80\xB6\xE5\x91\xA8\xE4\xB8\x89\xE6\x8F\x90\xE4\xBE\x9B\xE4\xBA\x86\xE4\xB8\x80\xE4\xB8\xAA\xE6\xB8\xA9\xE5\x92\x8C\xE7\x9A\x84\xE8\xA7\xA3\xE9\x87\x8A");
    const char *q = "\xE7\xBE\x8E\xE5\x9B\xBD\xE4\xBC\x97\xE8\xAE\xAE\xE9\x99\xA2\xE5\xA4\x9A\xE6\x95\xB0\xE5\x85\x9A\xE9\xA2\x86\xE8\xA2\x96\xE6\x96\xAF\xE7\x89\xB9\xE5\xB0\xBC\xC2\xB7\xE9\x9C\x8D\xE8\x80\xB6\xE5\x91\xA8\xE4\xB8\x89\xE4\xBC\x9A\xE6\x8F\x90\xE4\xBE\x9B\xE8\xA7\xA3\xE9\x87\x8A\xE5\x90\x97\xEF\xBC\x9F";
    assert_false(sf__is_noise_sentence(q, strlen(q)));
    headline_case(q, q);
    bool stop = true;
    assert_int_equal(sf__script_terminator(q, strlen(q), &stop), 3);
    assert_false(stop);
    assert_int_equal(sf__script_terminator("Rain.", 5, NULL), 0);
}

/* A headline counts also when an earlier report has none (the headlines
 * were read up to the first untitled report only). */
static void headlines_of_the_story(void **state) {
    (void)state;
    const char *ta = "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes on Monday. "
                     "The flood closed the Marlow bridge to all traffic, police said.";
    const char *tb = "Police closed the Marlow bridge to all traffic after the flood on Monday. "
                     "Ferryman Oswin Tull rescued eleven swans near the old weir.";
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", ta, 1); /* untitled, the earliest: its leads are the candidates */
    sf_article b = {.id = "b", .title = "Flood forces 2,000 residents from homes", .text = tb,
                    .text_len = strlen(tb), .published = 2};
    assert_int_equal(sf_corpus_add(c, &b, NULL), SF_OK);
    size_t all[2] = {0, 1};
    sf_summarize_options o = {.max_words = 200};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
    assert_true(s.n >= 2);
    assert_non_null(strstr(sentence_text(c, &s, 0), "forced 2,000 residents"));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* The candidate a headline picks opens, also when the greedy pass chose
 * another lead candidate (a budget of one sentence: it takes the one with
 * more shared phrases). */
static void headline_lead_opens(void **state) {
    (void)state;
    const char *ta = "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes on Monday. "
                     "The flood closed the Marlow bridge to all traffic, police said.";
    const char *tb = "The Tamsin River flood at Marlow Bridge forced 2,000 residents from their homes, officials said. "
                     "Police closed the Marlow bridge after the flood on Monday.";
    sf_corpus *c = sf_corpus_create();
    sf_article a = {.id = "a", .title = "Flood closes Marlow bridge to all traffic", .text = ta,
                    .text_len = strlen(ta), .published = 1};
    assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    add_text(c, "b", tb, 2);
    size_t all[2] = {0, 1};
    sf_summarize_options o = {.max_words = 12};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
    assert_true(s.n >= 1);
    assert_non_null(strstr(sentence_text(c, &s, 0), "the Marlow bridge to all traffic"));
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* A dateline further down an article (a second wire story run into the
 * text) is not part of the summary sentence; a sentence opening with a
 * capitalized name and a dash keeps it. */
static void datelines_inside_the_text(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", "Officials opened the new Marlow flood barrier on Monday after two years of work. "
                     "NAIROBI, Kenya (AP) _ Two suspects held in the embassy bombing will be charged "
                     "in a local court next week, a newspaper said Saturday. "
                     "NATO - the alliance of thirty states - met in Brussels to discuss the barrier budget.", 1);
    add_text(c, "b", "FLOOD-MARLOW _ MARLOW, England _ Engineers tested the new Marlow flood barrier on Monday "
                     "before the river rose again.", 2);
    size_t all[2] = {0, 1};
    sf_summarize_options o = {.max_words = 200};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
    size_t seen = 0;
    for (size_t k = 0; k < s.n; k++) {
        const char *t = sentence_text(c, &s, k);
        assert_null(strstr(t, "NAIROBI"));
        if (!strncmp(t, "Two suspects held", 17)) seen++;
        if (strstr(t, "the alliance")) assert_int_equal(strncmp(t, "NATO - ", 7), 0), seen++;
        if (strstr(t, "Engineers tested")) assert_int_equal(strncmp(t, "Engineers tested", 16), 0), seen++;
    }
    assert_int_equal(seen, 3);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* The report's first sentence is its first that is not page furniture: a
 * dateline under a page's notice ("Sorry, but your browser needs
 * Javascript ...") is cut from it, as is an outlet's name in mixed case
 * before a dash ("Marlow Courier - Police ..."); the notice is no bullet. */
static void dateline_after_page_notice(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", "Sorry, but your browser needs Javascript to use this site.\n\n"
                     "KELLPORT \xE2\x80\x93 A total of 6,000 sandbags have been lost at a depot in Kellport, "
                     "officials said Tuesday. The police are investigating the loss as a theft.", 1);
    add_text(c, "b", "Marlow Courier \xE2\x80\x93 Police investigators are trying to find the sandbags "
                     "lost at the Kellport depot before the river rises again.", 2);
    size_t all[2] = {0, 1};
    sf_summarize_options o = {.max_words = 200};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
    size_t seen = 0;
    for (size_t k = 0; k < s.n; k++) {
        const char *t = sentence_text(c, &s, k);
        assert_null(strstr(t, "Javascript"));
        assert_null(strstr(t, "KELLPORT"));
        assert_null(strstr(t, "Marlow Courier"));
        seen += !strncmp(t, "A total of 6,000", 16) || !strncmp(t, "Police investigators", 20);
    }
    assert_int_equal(seen, 2);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* A picture credit in brackets run into a sentence (a one-line copy of a
 * page, the caption before the text) is the page's, not the report's: the
 * bullet opens after it; a bracket that credits nothing stays. */
static void credit_in_brackets_is_left_out(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", "(Photo by Jane Roe/Xinhua via Getty) (Xinhua/Jane Roe via Getty Images) Some universities "
                     "in Kellport have closed their halls after an outbreak of flu among students. "
                     "(Updated) The Kellport council met the universities on Monday to plan the reopening.", 1);
    size_t all[1] = {0};
    sf_summarize_options o = {.max_words = 200};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 1, NULL, &o, &s, &err), SF_OK);
    size_t seen = 0;
    for (size_t k = 0; k < s.n; k++) {
        const char *t = sentence_text(c, &s, k);
        assert_null(strstr(t, "Getty"));
        seen += !strncmp(t, "Some universities in Kellport", 29) || !strncmp(t, "(Updated) The Kellport", 22);
    }
    assert_int_equal(seen, 2);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* A wire's list dash ("_ ") and a dateline in capitals closed by a colon
 * ("UNDATED:") open no bullet: the summary prints the sentence after them. */
static void wire_list_dash_and_colon_dateline(void **state) {
    (void)state;
    assert_int_equal(sf__list_dash_length("_ Eight of ten renters pay more.", 31), 2);
    assert_int_equal(sf__list_dash_length("- the rest of the list", 22), 0);
    assert_int_equal(sf__list_dash_length("- Vi er stolte, sier Ada.", 25), 0); /* speech */
    assert_int_equal(sf__colon_dateline_length("NASA: El Nino is petering out.", 30), 0);
    assert_int_equal(sf__colon_dateline_length("UNDATED: Many of the tears were shed.", 37), 9);
    assert_int_equal(sf__colon_dateline_length("NEW DELHI: The council met.", 27), 11);
    assert_int_equal(sf__colon_dateline_length("NATO said: The plan stands.", 27), 0);
    assert_int_equal(sf__colon_dateline_length("ATTENTION EDITORS: The following photos.", 40), 0);
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", "UNDATED: Many of the tears shed in Kellport on Monday were for the old stone bridge over the river.\n\n"
                     "_ Eight out of ten renters in Kellport pay more than a third of their income for housing.", 1);
    size_t all[1] = {0};
    sf_summarize_options o = {.max_words = 200};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 1, NULL, &o, &s, &err), SF_OK);
    size_t seen = 0;
    for (size_t k = 0; k < s.n; k++) {
        const char *t = sentence_text(c, &s, k);
        seen += !strncmp(t, "Many of the tears", 17) || !strncmp(t, "Eight out of ten", 16);
    }
    assert_int_equal(seen, 2);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* "It" standing for the clause after its predicate ("It is estimated
 * that", "It's not known where") points back to nothing and stands alone;
 * "It" as a pronoun ("It is available on ...", "It was able to ...", "It
 * was then that ...") leans on the sentence before. */
static void expletive_it_stands_alone(void **state) {
    (void)state;
    static const char *const ALONE[] = {
        "It is estimated that 20,000 people live along the Kellport river.",
        "It's not known where the Kellport custom began.",
        "It\xE2\x80\x99s not clear whether the Kellport bridge will reopen.",
        "It will be clear whether the Kellport dam holds.",
        "It remains unclear what caused the fire in Kellport.",
    };
    static const char *const LEANS[] = {
        "It is available on every train of the Kellport line.",
        "It was able to carry 300 people across the river.",
        "It was then that the council closed the Kellport bridge.",
        "It is true that 300 people left Kellport in 1998.",
        "It is expected to take two years to rebuild the bridge.",
        "It's clearly more spiritual to him than to the others.",
        "It was a long day for the council of Kellport.",
    };
    for (size_t k = 0; k < sizeof ALONE / sizeof *ALONE; k++)
        assert_false(sf__needs_context(ALONE[k], strlen(ALONE[k]), "en"));
    for (size_t k = 0; k < sizeof LEANS / sizeof *LEANS; k++)
        assert_true(sf__needs_context(LEANS[k], strlen(LEANS[k]), "en"));
    assert_false(sf__needs_context("Italy won the match on Sunday.", 30, "en"));
}

/* A one-line copy of a Chinese page runs its elements together, a space
 * between them where the page had a line break: the headline before its
 * lead, a photo credit and a byline, a menu of share links, a caption in
 * brackets. The sentence is the last element; spaces beside Latin words, inside brackets, after a
 * dateline's colon, and in spaced scripts part nothing. */
static void page_elements_of_spaceless_scripts(void **state) {
    (void)state;
    static const struct { const char *in, *sentence; } CUT[] = {
        {"\xEF\xBC\x88\xE5\x9B\xBE\xE7\x89\x87\xE6\x9D\xA5\xE8\x87\xAA\xE8\xA5\xBF\xE5\x8C\x97\xE5\xA4\xA7\xE5\xAD\xA6\xEF\xBC\x89 \xE4\xBD\x9C\xE8\x80\x85\xEF\xBC\x9A" "Denise Grady \xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA\xE8\x83\xBD\xE5\x8F\xAF\xE4\xBB\xA5\xE5\xB8\xAE\xE5\x8A\xA9\xE5\x8C\xBB\xE7\x94\x9F\xE5\x8F\x91\xE7\x8E\xB0\xE4\xB9\xB3\xE8\x85\xBA\xE7\x99\x8C\xE3\x80\x82",
         "\xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA\xE8\x83\xBD\xE5\x8F\xAF\xE4\xBB\xA5\xE5\xB8\xAE\xE5\x8A\xA9\xE5\x8C\xBB\xE7\x94\x9F\xE5\x8F\x91\xE7\x8E\xB0\xE4\xB9\xB3\xE8\x85\xBA\xE7\x99\x8C\xE3\x80\x82"},
        {"\xE5\x88\x86\xE4\xBA\xAB\xE8\xBF\x99\xE4\xB8\xAA\xEF\xBC\x9A Twitter Facebook \xE6\x89\x93\xE5\x8D\xB0 \xE5\x83\x8F\xE8\xBF\x99\xE6\xA0\xB7\xEF\xBC\x9A \xE5\x96\x9C\xE6\xAC\xA2\xE5\x8A\xA0\xE8\xBD\xBD\xE3\x80\x82",
         "\xE5\x96\x9C\xE6\xAC\xA2\xE5\x8A\xA0\xE8\xBD\xBD\xE3\x80\x82"},
        {"\xE7\x94\xB5\xE5\xAD\x90\xE5\x95\x86\xE5\x8A\xA1\xE4\xBC\x81\xE4\xB8\x9A\xE5\x9C\xA8\xE6\x97\xBA\xE5\xAD\xA3\xE8\x8A\x82\xE7\x9C\x81\xE6\x97\xB6\xE9\x97\xB4\xE7\x9A\x84\xE4\xBA\x94\xE7\xA7\x8D\xE6\x96\xB9\xE6\xB3\x95 \xE8\xAE\xB8\xE5\xA4\x9A\xE4\xBA\xBA\xE9\x83\xBD\xE6\xA2\xA6\xE6\x83\xB3\xE6\x88\x90\xE4\xB8\xBA\xE8\x87\xAA\xE5\xB7\xB1\xE7\x9A\x84\xE8\x80\x81\xE6\x9D\xBF\xE3\x80\x82",
         "\xE8\xAE\xB8\xE5\xA4\x9A\xE4\xBA\xBA\xE9\x83\xBD\xE6\xA2\xA6\xE6\x83\xB3\xE6\x88\x90\xE4\xB8\xBA\xE8\x87\xAA\xE5\xB7\xB1\xE7\x9A\x84\xE8\x80\x81\xE6\x9D\xBF\xE3\x80\x82"},
        {"(Pontus Lundahl/TT via AP) \xE9\x9D\x92\xE5\xB0\x91\xE5\xB9\xB4\xE6\xB4\xBB\xE5\x8A\xA8\xE5\xAE\xB6\xE5\x91\xA8\xE4\xB8\x80\xE8\xA1\xA8\xE7\xA4\xBA\xE4\xB8\x8E\xE6\x80\xBB\xE7\xBB\x9F\xE4\xBA\xA4\xE8\xB0\x88\xE5\xB0\x86\xE6\x98\xAF\xE6\xB5\xAA\xE8\xB4\xB9\xE6\x97\xB6\xE9\x97\xB4\xE3\x80\x82",
         "\xE9\x9D\x92\xE5\xB0\x91\xE5\xB9\xB4\xE6\xB4\xBB\xE5\x8A\xA8\xE5\xAE\xB6\xE5\x91\xA8\xE4\xB8\x80\xE8\xA1\xA8\xE7\xA4\xBA\xE4\xB8\x8E\xE6\x80\xBB\xE7\xBB\x9F\xE4\xBA\xA4\xE8\xB0\x88\xE5\xB0\x86\xE6\x98\xAF\xE6\xB5\xAA\xE8\xB4\xB9\xE6\x97\xB6\xE9\x97\xB4\xE3\x80\x82"},
        {"\xEF\xBC\x88\xE7\x85\xA7\xE7\x89\x87\xEF\xBC\x9AJamie McCarthy\xEF\xBC\x89 YouTuber \xE5\x92\x8C\xE5\x8C\x96\xE5\xA6\x86\xE5\xB8\x88\xE4\xB8\xBA\xE8\x91\xAC\xE7\xA4\xBC\xE6\x8D\x90\xE8\xB5\xA0\xE4\xBA\x86 20,000 \xE7\xBE\x8E\xE5\x85\x83\xE3\x80\x82",
         "YouTuber \xE5\x92\x8C\xE5\x8C\x96\xE5\xA6\x86\xE5\xB8\x88\xE4\xB8\xBA\xE8\x91\xAC\xE7\xA4\xBC\xE6\x8D\x90\xE8\xB5\xA0\xE4\xBA\x86 20,000 \xE7\xBE\x8E\xE5\x85\x83\xE3\x80\x82"},
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(CUT); i++) {
        size_t n = strlen(CUT[i].in), c = sf__page_elements_length(CUT[i].in, n);
        assert_string_equal(CUT[i].in + c, CUT[i].sentence);
    }
    static const char *const WHOLE[] = {
        "\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE\xE5\x8C\x97\xE4\xBA\xAC\xE7\x94\xB5\xEF\xBC\x88\xE8\xAE\xB0\xE8\x80\x85 \xE5\xBC\xA0\xE4\xB8\x89 \xE6\x9D\x8E\xE5\x9B\x9B\xEF\xBC\x89\xE5\x9B\xBD\xE5\x8A\xA1\xE9\x99\xA2\xE6\x80\xBB\xE7\x90\x86\xE5\x91\xA8\xE4\xB8\x89\xE8\xA1\xA8\xE7\xA4\xBA\xE5\xB0\x86\xE5\x87\x8F\xE7\xA8\x8E\xE3\x80\x82",
        "\xE5\x8A\xA0\xE5\xB0\x94\xE5\x90\x84\xE7\xAD\x94\xEF\xBC\x9ATrinamool \xE5\xA4\xA7\xE4\xBC\x9A\xE5\x91\xA8\xE4\xB8\x89\xE5\xB0\x86\xE5\x85\xB6\xE6\x88\x90\xE7\xAB\x8B\xE6\x97\xA5\xE5\xAE\x9A\xE4\xB8\xBA\xE5\x85\xAC\xE6\xB0\x91\xE6\x97\xA5\xE3\x80\x82",
        "\xE8\xB0\x81\xE5\x9C\xA8\xE4\xB9\x8E\xEF\xBC\x9AOZY \xE7\x9A\x84 2020 \xE5\xB9\xB4\xE9\x80\x89\xE4\xB8\xBE\xE6\x8A\xA5\xE9\x81\x93\xE4\xBE\xA7\xE9\x87\x8D\xE4\xBA\x8E\xE8\xB0\x81\xE6\x8A\x95\xE7\xA5\xA8\xE3\x80\x82",
        "\xE5\x9C\xA8 12 \xE6\x9C\x88 19 \xE6\x97\xA5\xE4\xBC\x97\xE8\xAE\xAE\xE9\x99\xA2\xE6\x8A\x95\xE7\xA5\xA8\xE6\x94\xAF\xE6\x8C\x81\xE5\xBB\xB6\xE6\x9C\x9F\xE5\x90\x8E\xEF\xBC\x8C\xE6\xB0\x91\xE4\xB8\xBB\xE5\x85\x9A\xE5\xA4\x9A\xE6\x95\xB0\xE5\x85\x9A\xE9\xA2\x86\xE8\xA2\x96 Steny Hoyer \xE6\x8F\x90\xE4\xBE\x9B\xE4\xBA\x86\xE4\xB8\x80\xE4\xB8\xAA\xE6\xB8\xA9\xE5\x92\x8C\xE7\x9A\x84\xE8\xA7\xA3\xE9\x87\x8A\xE3\x80\x82",
        "Police said the man , who was 34 , had left.",
        "(Updated) The Kellport council met the universities on Monday.",
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(WHOLE); i++)
        assert_int_equal(sf__page_elements_length(WHOLE[i], strlen(WHOLE[i])), 0);
}

/* A sentence a site prints under reports of different events (a comment
 * form, a subscription prompt) is its furniture, in any language: found
 * by its repeats across three stories, then left out of a summary. A
 * sentence the reports of one story share, or of two stories (a wire's
 * background paragraph, an event split in two), is not. */
static void repeats_across_stories_are_boilerplate(void **state) {
    (void)state;
    static const char *const FORM = "Ich habe die Netiquette gelesen und akzeptiere diese.";
    static const char *const SHARED = "The council met the universities on Monday to plan the reopening.";
    const char *texts[] = {
        "Die Inseln fordern die sofortige Entlastung der Häfen. Ich habe die Netiquette gelesen und akzeptiere diese.",
        "Der Stadtrat hat am Montag den neuen Haushalt beschlossen. Ich habe die Netiquette gelesen und akzeptiere diese.",
        "Ein Zug ist bei Kassel entgleist, zwei Menschen wurden verletzt. Ich habe die Netiquette gelesen und akzeptiere diese.",
        "Some universities in Kellport have closed their halls after an outbreak of flu. The council met the universities on Monday to plan the reopening.",
        "Students in Kellport were sent home as flu spread through the halls. The council met the universities on Monday to plan the reopening.",
    };
    size_t story_of[] = {0, 1, 2, 3, 4};
    sf_corpus *c = sf_corpus_create();
    sf_doc docs[5];
    for (size_t i = 0; i < 5; i++) {
        add_text(c, "x", texts[i], 1);
        assert_int_equal(sf__doc_init(&docs[i], i, texts[i], strlen(texts[i]), "en"), SF_OK);
    }
    uint64_t *keys = NULL;
    size_t nkeys = 0;
    assert_int_equal(sf__boilerplate_sentences(docs, story_of, NULL, 5, &keys, &nkeys), SF_OK);
    assert_int_equal(nkeys, 1);
    assert_true(keys[0] == sf__sentence_key(FORM, strlen(FORM)));
    assert_false(keys[0] == sf__sentence_key(SHARED, strlen(SHARED)));
    size_t one[1] = {1};
    sf_summarize_options o = {.max_words = 200, .boilerplate = keys, .nboilerplate = nkeys};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, one, 1, NULL, &o, &s, &err), SF_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(sentence_text(c, &s, 0), "Der Stadtrat hat am Montag den neuen Haushalt beschlossen.");
    sf__summary_release(&s);
    /* one story holding all three: reports of one event may share it */
    size_t same[] = {0, 0, 0, 3, 4};
    sf__free(keys);
    assert_int_equal(sf__boilerplate_sentences(docs, same, NULL, 5, &keys, &nkeys), SF_OK);
    assert_int_equal(nkeys, 0);
    sf__free(keys);
    for (size_t i = 0; i < 5; i++) sf__doc_release(&docs[i]);
    sf_corpus_destroy(c);
}

/* Two reports say the same thing in other words: one bullet, citing both. */
static void near_repeats_are_merged(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    add_text(c, "a", "Police said the Tamsin River burst its banks at Marlow Bridge on Monday night. "
                     "Two shelters were opened at the high school.", 1);
    add_text(c, "b", "The Tamsin River burst its banks at Marlow Bridge late on Monday. "
                     "Forty workers filled sandbags along the river wall.", 2);
    size_t all[2] = {0, 1};
    sf_summarize_options o = {.max_words = 60};
    sf_summary s;
    sf_error err = {0};
    assert_int_equal(sf__summarize(c, all, 2, NULL, &o, &s, &err), SF_OK);
    size_t banks = 0;
    for (size_t k = 0; k < s.n; k++)
        if (strstr(sentence_text(c, &s, k), "burst its banks")) {
            banks++;
            assert_int_equal(s.sentences[k].nsources, 2);
        }
    assert_int_equal(banks, 1);
    sf__summary_release(&s);
    sf_corpus_destroy(c);
}

/* The near-repeat test's second view: light terms (function words out,
 * light suffixes cut), and the noun of a definite back-reference opener,
 * which an earlier bullet naming it resolves. */
static void light_terms_and_backref_nouns(void **state) {
    (void)state;
    sf__u64vec a = {0}, b = {0};
    const char *x = "The officials were killing time.", *y = "Official kills the time";
    assert_int_equal(sf__light_terms(x, strlen(x), &a), SF_OK);
    assert_int_equal(sf__light_terms(y, strlen(y), &b), SF_OK);
    assert_int_equal(a.n, 3); /* official, kill, time */
    assert_int_equal(b.n, 3);
    for (size_t i = 0; i < a.n; i++) assert_true(a.items[i] == b.items[i]);
    for (size_t i = 1; i < a.n; i++) assert_true(a.items[i - 1] < a.items[i]); /* sorted, unique */
    SF_VEC_FREE(&a);
    SF_VEC_FREE(&b);
    size_t at = 0;
    const char *m = "The meeting ended without an agreement.";
    assert_int_equal(sf__backref_noun(m, strlen(m), "en", &at), 7);
    assert_int_equal(at, 4);
    const char *u = "The United Nations raised concerns.", *v = "A move expected to trigger a vote.";
    assert_int_equal(sf__backref_noun(u, strlen(u), "en", &at), 0);
    assert_int_equal(sf__backref_noun(v, strlen(v), "en", &at), 0); /* indefinite: no antecedent */
    assert_int_equal(sf__backref_noun(m, strlen(m), "de", &at), 0);
}

/* A summary read from the articles' docs (built once in the run) is the
 * summary the articles give when analysed here: same sentences, spans and
 * sources, for every method, with datelines cut off the first sentence,
 * sentences glued to their neighbours (analysed again) and compression. A
 * doc in another language than the summary's is not read. */
static void summary_reads_the_docs_as_its_own_analysis(void **state) {
    (void)state;
    const char *texts[] = {
        "MARLOW BRIDGE, England (AP) -- The Tamsin River burst its banks on Monday, flooding 200 homes. "
        "\"We have never seen it rise this fast,\" said Owen Trask.The mayor ordered 1,500 residents out. "
        "Rescuers used 12 boats; the water rose 2.5m in six hours.",
        "The Tamsin River flooded 200 homes in Marlow Bridge on Monday, officials said. "
        "However, the mayor said the 1,500 residents who left could return by Friday. "
        "Owen Trask, a shopkeeper, said the water rose 2.5m in six hours.",
        "LONDON (Reuters) - Floods in Marlow Bridge forced 1,500 people from their homes. "
        "The river rose 2.5 metres, police said on Monday. Rescuers used boats in the U.S.-style operation.",
    };
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    for (int k = 0; k < 3; k++) {
        char id[2] = {(char)('a' + k), 0};
        sf_article a = {.id = id, .text = texts[k], .text_len = strlen(texts[k]), .published = 1 + k};
        assert_int_equal(sf_corpus_add(c, &a, NULL), SF_OK);
    }
    const char *langs[] = {"en", "de"};
    for (int L = 0; L < 2; L++) {
        sf_analyzer *an = sf__analyzer_create(langs[L]);
        sf_doc docs[3];
        for (size_t k = 0; k < 3; k++) {
            const sf_article *a = sf_corpus_get(c, k);
            assert_int_equal(sf__doc_build(&docs[k], k, a->text, a->text_len, langs[L], an), SF_OK);
        }
        size_t all[3] = {0, 1, 2};
        for (int m = 0; m < 4; m++) {
            for (unsigned comp = 0; comp <= SF_COMPRESS_ALL; comp += SF_COMPRESS_ALL) {
#ifndef SF_HAVE_GLPK
                if (m == SF_SUMMARY_CONCEPTS_ILP) continue;
#endif
                sf_summarize_options o = {.max_words = 40, .method = (sf_summary_method)m, .compress = comp};
                sf_summary want, got;
                sf_error err = {0};
                assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &want, &err), SF_OK);
                o.docs = docs;
                assert_int_equal(sf__summarize(c, all, 3, NULL, &o, &got, &err), SF_OK);
                assert_int_equal(got.n, want.n);
                for (size_t k = 0; k < want.n; k++) {
                    const sf_summary_sentence *x = &want.sentences[k], *y = &got.sentences[k];
                    assert_int_equal(y->article, x->article);
                    assert_int_equal(y->span.begin, x->span.begin);
                    assert_int_equal(y->span.end, x->span.end);
                    assert_int_equal(y->nsources, x->nsources);
                    for (size_t q = 0; q < x->nsources; q++) assert_int_equal(y->sources[q], x->sources[q]);
                    assert_string_equal(y->text ? y->text : "", x->text ? x->text : "");
                }
                sf__summary_release(&want);
                sf__summary_release(&got);
            }
        }
        for (size_t k = 0; k < 3; k++) sf__doc_release(&docs[k]);
        sf__analyzer_destroy(an);
    }
    sf_corpus_destroy(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(light_terms_and_backref_nouns),
        cmocka_unit_test(noise_is_recognised), cmocka_unit_test(page_notices_and_furniture),
        cmocka_unit_test(contact_lines_are_noise),
        cmocka_unit_test(credits_and_captions), cmocka_unit_test(consent_notices_in_german),
        cmocka_unit_test(wire_list_dash_and_colon_dateline), cmocka_unit_test(expletive_it_stands_alone),
        cmocka_unit_test(datelines_are_found),
        cmocka_unit_test(standalone_rules),
        cmocka_unit_test(exact_optimum_beats_greedy),
        cmocka_unit_test(concepts_are_phrases_as_written),
        cmocka_unit_test(overlong_sentences_are_not_chosen),
        cmocka_unit_test(compression_keeps_sentences_whole),
        cmocka_unit_test(budget_is_filled_when_concepts_run_dry),
        cmocka_unit_test(coverage_diversity_method),
        cmocka_unit_test(compressed_summary_text),
        cmocka_unit_test(backreferences_and_fragments),
        cmocka_unit_test(headline_from_lead), cmocka_unit_test(headline_title_run_into_lead),
        cmocka_unit_test(repeated_sentence_is_taken_once),
        cmocka_unit_test(lead_first_then_time_order),
        cmocka_unit_test(near_repeats_are_merged),
        cmocka_unit_test(unknown_times_in_pick_order),
        cmocka_unit_test(headline_picks_the_lead),
        cmocka_unit_test(untitled_lead_is_a_first_sentence),
        cmocka_unit_test(story_lists_are_not_reports),
        cmocka_unit_test(no_bullet_speaks_to_reader),
        cmocka_unit_test(no_bullet_inside_a_running_quotation),
        cmocka_unit_test(headline_other_scripts),
        cmocka_unit_test(headline_keeps_the_infinitive),
        cmocka_unit_test(credit_in_brackets_is_left_out),
        cmocka_unit_test(page_elements_of_spaceless_scripts),
        cmocka_unit_test(repeats_across_stories_are_boilerplate),
        cmocka_unit_test(headlines_of_the_story),
        cmocka_unit_test(headline_lead_opens),
        cmocka_unit_test(datelines_inside_the_text),
        cmocka_unit_test(dateline_after_page_notice),
        cmocka_unit_test(summary_reads_the_docs_as_its_own_analysis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

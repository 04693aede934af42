/* test_cluster.c - story clustering on real articles: the two seed reports
 * of one event form one story; two DUC topics given interleaved never share
 * a story; the result does not depend on the input order, nor the
 * refinement's on the number of threads. Needs $SF_SHARED_DIR (skips
 * without it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cluster/cluster.h"

/* the size up to which a story grows on the event similarity alone (stream.c) */
#define GROW_FREE_REPORTS 16

static char g_path[1024];

static const char *shared_path(const char *rel) {
    const char *shared = getenv("SF_SHARED_DIR");
    struct stat sb;
    if (!shared) return NULL;
    snprintf(g_path, sizeof g_path, "%s/%s", shared, rel);
    return stat(g_path, &sb) == 0 ? g_path : NULL;
}

static sf_corpus *read_dir(const char *rel) {
    const char *p = shared_path(rel);
    if (!p) return NULL;
    sf_corpus *c = sf_corpus_create();
    assert_non_null(c);
    sf_read_options o = {0};
    sf_error err = {0};
    assert_int_equal(sf_read_path(c, p, &o, &err), SF_OK);
    return c;
}

static void seeds_form_one_story(void **state) {
    (void)state;
    sf_corpus *c = read_dir("seeds");
    if (!c) {
        print_message("skipped: seeds not found (set SF_SHARED_DIR)\n");
        skip();
    }
    size_t n = sf_corpus_count(c);
    assert_true(n >= 2);
    size_t *story = calloc(n, sizeof *story), ns = 0;
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    sf_error err = {0};
    assert_int_equal(sf__cluster_corpus(c, &o, NULL, story, &ns, &err), SF_OK);
    assert_int_equal(ns, 1);
    /* the plain TF-IDF baseline must also run; the seeds use different words */
    o.baseline = 1;
    assert_int_equal(sf__cluster_corpus(c, &o, NULL, story, &ns, &err), SF_OK);
    assert_true(ns >= 1);
    free(story);
    sf_corpus_destroy(c);
}

/* Articles of two topics, interleaved (a0 b0 a1 b1 ...), or shuffled. */
static sf_corpus *mix(const sf_corpus *a, const sf_corpus *b, unsigned shuffle_seed,
                      size_t *topic) {
    size_t na = sf_corpus_count(a), nb = sf_corpus_count(b), n = na + nb;
    size_t *idx = malloc(n * sizeof *idx);
    size_t k = 0;
    for (size_t i = 0; i < SF_MAX(na, nb); i++) {
        if (i < na) idx[k++] = i;
        if (i < nb) idx[k++] = na + i;
    }
    if (shuffle_seed) {
        srand(shuffle_seed);
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)rand() % (i + 1), t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
    }
    sf_corpus *c = sf_corpus_create();
    for (size_t i = 0; i < n; i++) {
        const sf_article *art = idx[i] < na ? sf_corpus_get(a, idx[i]) : sf_corpus_get(b, idx[i] - na);
        assert_int_equal(sf_corpus_add(c, art, NULL), SF_OK);
        topic[i] = idx[i] < na ? 0 : 1;
    }
    free(idx);
    return c;
}

static int cmp_str(const void *x, const void *y) {
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void two_topics_interleaved_and_shuffled(void **state) {
    (void)state;
    sf_corpus *a = read_dir("data/duc2006/docs/D0631D");
    sf_corpus *b = read_dir("data/duc2006/docs/D0640D");
    if (!a || !b) {
        sf_corpus_destroy(a);
        sf_corpus_destroy(b);
        print_message("skipped: DUC 2006 not found (set SF_SHARED_DIR)\n");
        skip();
    }
    size_t n = sf_corpus_count(a) + sf_corpus_count(b);
    size_t *topic = calloc(n, sizeof *topic), *story = calloc(n, sizeof *story);
    char **line1 = calloc(n, sizeof *line1);
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    for (unsigned round = 0; round < 3; round++) {
        sf_corpus *c = mix(a, b, round == 0 ? 0 : 1000 + round, topic);
        size_t ns = 0;
        sf_error err = {0};
        assert_int_equal(sf__cluster_corpus(c, &o, NULL, story, &ns, &err), SF_OK);
        assert_true(ns >= 2);
        /* no story holds articles of both topics */
        size_t *owner = malloc(ns * sizeof *owner), *size = calloc(ns, sizeof *size);
        for (size_t s = 0; s < ns; s++) owner[s] = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (owner[story[i]] == SIZE_MAX) owner[story[i]] = topic[i];
            assert_int_equal(owner[story[i]], topic[i]);
            size[story[i]]++;
        }
        /* a DUC topic spans years of events: stories are events, so a topic
         * is several stories, and neither its stories nor its storylines
         * take in the other topic */
        sf_storylines sl = {0};
        assert_int_equal(sf_storylines_compute(c, story, ns, NULL, &sl, NULL), SF_OK);
        size_t *lowner = malloc((sl.nlines + 1) * sizeof *lowner);
        for (size_t l = 0; l < sl.nlines; l++) lowner[l] = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            size_t l = sl.storyline_of[story[i]];
            if (lowner[l] == SIZE_MAX) lowner[l] = topic[i];
            assert_int_equal(lowner[l], topic[i]);
        }
        assert_true(sl.nlines <= ns);
        free(lowner);
        if (round == 0) {
            /* read from the articles' docs (built once, as a run does): the
             * same stories and the same storylines and links */
            sf_doc *docs = calloc(n, sizeof *docs);
            sf_analyzer *an = sf__analyzer_create("en");
            for (size_t i = 0; i < n; i++) {
                const sf_article *ar = sf_corpus_get(c, i);
                assert_int_equal(sf__doc_build(&docs[i], i, ar->text, ar->text_len, "en", an), SF_OK);
            }
            size_t *story2 = calloc(n, sizeof *story2), ns2 = 0;
            assert_int_equal(sf__cluster_corpus_docs(c, &o, NULL, docs, story2, &ns2, 2, &err), SF_OK);
            assert_int_equal(ns2, ns);
            for (size_t i = 0; i < n; i++) assert_int_equal(story2[i], story[i]);
            sf_storylines sl2 = {0};
            assert_int_equal(sf__storylines_compute_docs(c, story, ns, NULL, docs, 2, &sl2, NULL), SF_OK);
            assert_int_equal(sl2.nlines, sl.nlines);
            for (size_t s = 0; s < ns; s++) {
                assert_int_equal(sl2.storyline_of[s], sl.storyline_of[s]);
                assert_int_equal(sl2.nrelated[s], sl.nrelated[s]);
                for (size_t r = 0; r < sl.nrelated[s]; r++) {
                    assert_int_equal(sl2.related[s][r].story, sl.related[s][r].story);
                    assert_int_equal(sl2.related[s][r].nnames, sl.related[s][r].nnames);
                    for (size_t q = 0; q < sl.related[s][r].nnames; q++)
                        assert_string_equal(sl2.related[s][r].names[q], sl.related[s][r].names[q]);
                }
            }
            sf_storylines_release(&sl2);
            for (size_t i = 0; i < n; i++) sf__doc_release(&docs[i]);
            free(docs);
            free(story2);
            sf__analyzer_destroy(an);
        }
        sf_storylines_release(&sl);
        /* the same (id, story) lines whatever the input order */
        char **lines = calloc(n, sizeof *lines);
        for (size_t i = 0; i < n; i++) {
            char buf[256];
            snprintf(buf, sizeof buf, "%s %zu", sf_corpus_get(c, i)->id, story[i]);
            lines[i] = strdup(buf);
        }
        qsort(lines, n, sizeof *lines, cmp_str);
        for (size_t i = 0; i < n; i++) {
            if (round == 0) {
                line1[i] = lines[i];
            } else {
                assert_string_equal(lines[i], line1[i]);
                free(lines[i]);
            }
        }
        free(lines);
        free(owner);
        free(size);
        sf_corpus_destroy(c);
    }
    for (size_t i = 0; i < n; i++) free(line1[i]);
    free(line1);
    free(topic);
    free(story);
    sf_corpus_destroy(a);
    sf_corpus_destroy(b);
}

/* Duplicates join their canonical's story, and the stream retires quiet
 * stories without losing their articles. */
static void duplicates_and_retirement(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    const char *t1 = "Flood waters rose in Dresden as the Elbe river burst its banks, "
                     "forcing thousands of residents from their homes on Monday.";
    const char *t2 = "The central bank of Chile raised its benchmark interest rate by half "
                     "a point to curb inflation, economists in Santiago said.";
    sf_article arts[] = {
        {.id = "a", .title = "Elbe floods Dresden", .text = t1, .published = 1000000},
        {.id = "b", .title = "Chile raises rates", .text = t2, .published = 1000100},
        {.id = "c", .title = "Elbe floods Dresden", .text = t1, .published = 1000200},
        /* the same flood report 400 days later: the story has retired */
        {.id = "d", .title = "Elbe floods Dresden", .text = t1, .published = 1000000 + 400 * 86400},
    };
    for (size_t i = 0; i < 4; i++) {
        arts[i].text_len = strlen(arts[i].text);
        assert_int_equal(sf_corpus_add(c, &arts[i], NULL), SF_OK);
    }
    size_t dup_of[] = {SIZE_MAX, SIZE_MAX, 0, SIZE_MAX}, story[4], ns = 0;
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    assert_int_equal(sf__cluster_corpus(c, &o, dup_of, story, &ns, NULL), SF_OK);
    assert_int_equal(story[0], 0);
    assert_int_equal(story[1], 1);
    assert_int_equal(story[2], 0);
    /* retirement is checked every 256 articles, so d may still see story 0;
     * with the time signal on it joins anyway only if the text is the same */
    assert_true(story[3] == 0 || story[3] == 2);
    assert_int_equal(ns, story[3] == 0 ? 2 : 3);
    sf_corpus_destroy(c);
}

/* Mixed languages: German function words (der, und, nicht) are no
 * stopwords to the English analyzer and, where German is rare, get a high
 * IDF; each article must be read in its own language, so that two unrelated
 * German reports do not form a story through them. */
static void mixed_languages_stay_apart(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    sf_article arts[] = {
        {.id = "de1", .title = "Neue Brücke",
         .text = "Die Stadt hat am Montag mit dem Bau der neuen Brücke über den Fluss "
                 "begonnen. Der Bürgermeister sagte, dass die Arbeiten nicht vor dem "
                 "Winter fertig sein werden, und die Kosten sind noch nicht bekannt. "
                 "Es ist die erste Brücke, die hier seit dem Krieg gebaut wird.",
         .published = 1000000},
        {.id = "en1", .title = "Chile raises rates",
         .text = "The central bank of Chile raised its benchmark interest rate by half a "
                 "point on Tuesday to curb inflation, economists in Santiago said.",
         .published = 1000100},
        {.id = "de2", .title = "Orchester spielt",
         .text = "Das Orchester der Oper hat sich für die Saison einen jungen Dirigenten "
                 "gesucht. Er ist erst dreißig Jahre alt und war bisher in Wien, aber "
                 "die Musiker sind mit ihm sehr zufrieden, und auch das Publikum ist "
                 "von seinen Konzerten begeistert, die nicht lange dauern.",
         .published = 1000200},
        {.id = "en2", .title = "Wildfire near Athens",
         .text = "A wildfire spread through pine forests north of Athens overnight, and "
                 "firefighters with water planes tried to protect villages from flames.",
         .published = 1000300},
    };
    for (size_t i = 0; i < 4; i++) {
        arts[i].text_len = strlen(arts[i].text);
        assert_int_equal(sf_corpus_add(c, &arts[i], NULL), SF_OK);
    }
    size_t story[4], ns = 0;
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    assert_int_equal(sf__cluster_corpus(c, &o, NULL, story, &ns, NULL), SF_OK);
    assert_int_equal(ns, 4);
    sf_corpus_destroy(c);
}

/* A story's growth (stream.c, growth_factor): reports that agree closely
 * with a story keep joining it however large it gets, while reports that
 * share only the event's names and a sentence, each with words of its own,
 * join a small story but past GROW_FREE members need ever closer agreement,
 * so 80 of them do not become one story. */
static size_t largest_of_stream_at(const char *shared, size_t nwords, size_t n, bool dated) {
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    sf_stream *s = NULL;
    assert_int_equal(sf__stream_create(&o, &s, NULL), SF_OK);
    char text[4096];
    for (size_t i = 0; i < n; i++) {
        size_t k = (size_t)snprintf(text, sizeof text, "%s", shared);
        /* words of this report only (lower case: content, not names) */
        for (size_t w = 0; w < nwords && k + 16 < sizeof text; w++)
            k += (size_t)snprintf(text + k, sizeof text - k, " q%zux%zu", i, w);
        int64_t t = dated ? 1000000 + (int64_t)i * 60 : SF_TIME_UNKNOWN;
        assert_int_equal(sf__stream_add(s, "", 0, text, k, t, NULL, NULL), SF_OK);
    }
    size_t *count = calloc(n, sizeof *count), best = 0;
    assert_non_null(count);
    for (size_t i = 0; i < n; i++) {
        uint32_t st = sf__stream_story_of(s, i);
        assert_true(st < n);
        if (++count[st] > best) best = count[st];
    }
    free(count);
    sf__stream_destroy(s);
    return best;
}

static size_t largest_of_stream(const char *shared, size_t nwords, size_t n) {
    return largest_of_stream_at(shared, nwords, n, true);
}

/* sf__stream_place (a store reopening its stories): placed articles go to
 * the story given, whatever their content, and the placed stories are then
 * scored as any other: a later report of the flood joins the flood story
 * placed earlier, not a new one. */
static void placed_stories_take_later_reports(void **state) {
    (void)state;
    static const char *flood =
        "The Tamsin River overflowed into the centre of Marlow Bridge on Monday, forcing 1,200 "
        "residents from their homes, Mayor Ada Penhallow said. Water covered the library and the "
        "market square after three days of rain.";
    static const char *vote =
        "The Halvern council voted 7 to 2 on Tuesday to close the old tram depot and sell the land "
        "to a housing cooperative, councillor Brin Osterly said after the meeting.";
    static const char *flood2 =
        "Residents of Marlow Bridge began returning on Wednesday after the Tamsin River fell, Mayor "
        "Ada Penhallow said; water had covered the library and the market square and 1,200 people "
        "had left their homes.";
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    sf_stream *s = NULL;
    assert_int_equal(sf__stream_create(&o, &s, NULL), SF_OK);
    uint32_t a = UINT32_MAX, b = UINT32_MAX, c = UINT32_MAX;
    size_t seq = 99;
    /* the flood and the vote placed in one story (as a store kept them) */
    assert_int_equal(sf__stream_place(s, "", 0, flood, strlen(flood), 1000000, UINT32_MAX, &a, &seq, NULL), SF_OK);
    assert_int_equal(seq, 0);
    assert_int_equal(sf__stream_place(s, "", 0, vote, strlen(vote), 1000060, a, &b, &seq, NULL), SF_OK);
    assert_int_equal(b, a);
    assert_int_equal(sf__stream_story_of(s, 1), a);
    /* into a story that does not exist: a new one */
    assert_int_equal(sf__stream_place(s, "", 0, vote, strlen(vote), 1000120, 12345, &c, &seq, NULL), SF_OK);
    assert_true(c != a);
    /* a later report of the flood joins the placed story */
    assert_int_equal(sf__stream_add(s, "", 0, flood2, strlen(flood2), 1086400, &seq, NULL), SF_OK);
    assert_int_equal(seq, 3);
    assert_int_equal(sf__stream_story_of(s, 3), a);
    sf_stream_stats st;
    sf__stream_stats(s, &st);
    assert_int_equal(st.stories, 2);
    sf__stream_destroy(s);
}

static void story_growth_needs_agreement(void **state) {
    (void)state;
    const char *shared = "Mayor Anna Berger opened the new harbour bridge in Lindau on "
                         "Monday, and the ferry company of Lindau cut its fares.";
    /* close agreement: every report is the shared text and two words */
    assert_int_equal(largest_of_stream(shared, 2, 80), 80);
    /* loose agreement: the first reports still form one story ... */
    assert_int_equal(largest_of_stream(shared, 24, 16), 16);
    /* ... but 80 of them do not snowball into one */
    size_t big = largest_of_stream(shared, 24, 80);
    assert_true(big >= 16);
    assert_true(big < 80);
}

/* Reports without a time (plain text, pages without a date). An unknown gap
 * is the expected gap between reports of one event (SF_EVENT_GAP_DAYS), not
 * "the same moment", and an undated story is held to the span rule by the
 * span its reports would cover at that gap: so reports of different events
 * of one topic (its vocabulary and names, each with its own facts) do not
 * chain into one story, where dated a minute apart they may; two undated
 * reports of one event still join, as does a small event told in closely
 * agreeing reports. */
static void undated_reports_stay_at_event_grain(void **state) {
    (void)state;
    const char *topic = "Mayor Anna Berger opened the new harbour bridge in Lindau on "
                        "Monday, and the ferry company of Lindau cut its fares.";
    /* 28 events of the topic, each report with 20 facts of its own: a
     * minute apart they chain further (28 before the lead factor, i14f:
     * 17, since their leads agree only on the topic sentence); undated
     * they do not chain (on main, which read an unknown gap as "the same
     * moment": 28) */
    size_t dated = largest_of_stream_at(topic, 20, 28, true);
    size_t big = largest_of_stream_at(topic, 20, 28, false);
    assert_true(big < GROW_FREE_REPORTS);
    assert_true(dated > big);
    /* one event: 6 undated reports that agree closely stay one story */
    assert_int_equal(largest_of_stream_at(topic, 2, 6, false), 6);
    /* two undated reports of one flood join, a vote stays apart */
    static const char *flood =
        "The Tamsin River overflowed into the centre of Marlow Bridge on Monday, forcing 1,200 "
        "residents from their homes, Mayor Ada Penhallow said. Water covered the library and the "
        "market square after three days of rain.";
    static const char *flood2 =
        "Residents of Marlow Bridge began returning on Wednesday after the Tamsin River fell, Mayor "
        "Ada Penhallow said; water had covered the library and the market square and 1,200 people "
        "had left their homes.";
    static const char *vote =
        "The Halvern council voted 7 to 2 on Tuesday to close the old tram depot and sell the land "
        "to a housing cooperative, councillor Brin Osterly said after the meeting.";
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    sf_stream *s = NULL;
    assert_int_equal(sf__stream_create(&o, &s, NULL), SF_OK);
    const char *texts[] = {flood, vote, flood2};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(sf__stream_add(s, "", 0, texts[i], strlen(texts[i]), SF_TIME_UNKNOWN, NULL, NULL), SF_OK);
    assert_int_equal(sf__stream_story_of(s, 2), sf__stream_story_of(s, 0));
    assert_true(sf__stream_story_of(s, 1) != sf__stream_story_of(s, 0));
    sf__stream_destroy(s);
}

/* Two happenings of one affair stay two stories; two reports of one
 * happening join (i14f). The three reports share their participants and a
 * paragraph of background (the affair so far); the arrest is told twice in
 * other words, the council's vote a day later leads with its own news. The
 * names and the background make the vote similar enough to join the arrest
 * on the content alone (before the lead factor it did); what tells the
 * happenings apart is what each report leads with. Twelve unrelated
 * reports come first, for the document frequencies. */
#define LINDAU_BG \
    "The affair began in March, when auditors of the state of Westmark found that the harbour " \
    "bridge at Lindau had cost 41 million euros instead of the 23 million the council approved." \
    " Kessler, who has run the harbour authority since 2015, has denied any wrongdoing. Mayor " \
    "Anna Berger has called for a full inquiry, and the opposition Greens want the board replaced."
static void affair_developments_stay_apart(void **state) {
    (void)state;
    static const char *const other[] = {
        "The national football league opened its season on Saturday with a draw between the two "
        "northern clubs in front of a record crowd.",
        "Heavy snow closed three mountain passes in the Alps on Sunday, and the railway company "
        "cancelled its night trains to Italy.",
        "The central bank left its interest rate unchanged on Thursday and said inflation would "
        "ease slowly over the coming year.",
        "A new exhibition of medieval maps opened at the city museum, with loans from libraries in "
        "Paris, Vienna and Prague.",
        "Farmers in the eastern region expect a smaller wheat harvest after the driest spring in "
        "forty years, their association said.",
        "The software company announced that it would hire 300 engineers for its new research "
        "centre near the university.",
        "Doctors at the children's hospital began a trial of a new treatment for asthma that uses a"
        " daily inhaled medicine.",
        "The orchestra named a young conductor from Finland as its music director, starting with "
        "the autumn concerts.",
        "Rescue teams found the missing hikers alive on Friday after two nights in a storm on the "
        "northern ridge.",
        "The airline said it would add flights to Lisbon and Seville in summer and retire its "
        "oldest aircraft.",
        "Scientists reported that a comet will pass close to the Earth next month and may be "
        "visible without a telescope.",
        "The supermarket chain will close twelve stores in small towns and open larger ones on the "
        "outskirts of cities."};
    static const char *const title[3] = {"Lindau harbour director arrested over bridge bribes",
                                         "Police detain Kessler in Lindau bridge bribery inquiry",
                                         "Lindau council dissolves harbour board"};
    static const char *const text[3] = {
        /* the arrest, Tuesday morning */
        "Prosecutors arrested Lindau harbour director Anton Kessler at his home on Tuesday morning "
        "on suspicion of taking bribes from the builders of the harbour bridge, the public "
        "prosecutor's office in Konstanz said. Officers searched his house and his office at the "
        "harbour authority and carried away computers and boxes of files. A judge ordered Kessler "
        "held in custody because he might try to hide evidence, spokeswoman Petra Hallmann told "
        "reporters outside the court. Investigators believe he received at least 600,000 euros "
        "through a consulting firm registered in his brother's name, she said. Kessler's lawyer, "
        "Martin Fromm, said his client would answer every question and expected to be released "
        "within days. Prosecutors said two other suspects, a former site manager and an accountant,"
        " were questioned on Tuesday but not detained. The arrest came a day before the harbour "
        "board was to present its annual accounts; the chief prosecutor said the timing was a "
        "coincidence and that the warrant had been signed last week. Neighbours said about a dozen "
        "officers arrived before seven o'clock in four unmarked cars and left shortly before noon; "
        "Kessler was driven to the prison in Ravensburg, where he spent the night. " LINDAU_BG,
        /* the arrest again, in other words, four hours later */
        "Anton Kessler, the director of the Lindau harbour, was taken into custody on Tuesday, "
        "accused of accepting bribes from the firms that built the harbour bridge, Konstanz "
        "prosecutors announced. Police searched his home and his office in the morning and took "
        "away computers and files. Spokeswoman Petra Hallmann said a judge had ordered him held "
        "because he could tamper with evidence, and that at least 600,000 euros are believed to "
        "have reached him through a consulting firm in his brother's name. His lawyer, Martin "
        "Fromm, told reporters that Kessler would cooperate fully and hoped to be freed within "
        "days. A former site manager and an accountant were also questioned on Tuesday and let go, "
        "prosecutors said. The chief prosecutor rejected suggestions that the arrest was timed to "
        "the board's annual accounts, due on Wednesday, saying the warrant had been signed the week"
        " before. According to neighbours, some twelve officers came in four unmarked cars shortly "
        "before seven and stayed until almost noon. Kessler spent the night in the prison of "
        "Ravensburg. " LINDAU_BG,
        /* the council's vote, a day later */
        "The Lindau city council voted 23 to 9 on Wednesday evening to dissolve the harbour board "
        "and to put the harbour under the direct control of the town hall until new statutes are "
        "written. The motion, brought by the Greens, also freezes all payments for the second stage"
        " of the marina and orders a new tender for the ferry terminal. Several members of the "
        "governing coalition joined the vote after a debate of four hours, in which speakers "
        "criticised the board for approving contracts without reading them. The town treasurer, "
        "Klaus Imhof, will run the harbour for now, and the marina works will stop from Monday. "
        "Imhof said the harbour's staff of 140 would keep their jobs and that ferries would sail as"
        " usual. The board's chairman, Ulrich Sand, called the vote rushed and said the board would"
        " ask the administrative court in Freiburg to suspend it. Mayor Berger abstained and told "
        "the meeting she would present a plan for the harbour's future in January. Shop owners at "
        "the marina, who had waited two years for the works to finish, said the freeze would cost "
        "them another season. " LINDAU_BG};
    const int64_t t0 = 1700000000;
    const int64_t when[3] = {t0, t0 + 4 * 3600, t0 + 32 * 3600};
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    sf_stream *s = NULL;
    assert_int_equal(sf__stream_create(&o, &s, NULL), SF_OK);
    size_t base = sizeof other / sizeof *other;
    for (size_t i = 0; i < base; i++)
        assert_int_equal(sf__stream_add(s, "", 0, other[i], strlen(other[i]),
                                        t0 - 20 * 86400 + (int64_t)i * 3600, NULL, NULL),
                         SF_OK);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(sf__stream_add(s, title[i], strlen(title[i]), text[i], strlen(text[i]),
                                        when[i], NULL, NULL),
                         SF_OK);
    /* one happening told twice: one story */
    assert_int_equal(sf__stream_story_of(s, base + 1), sf__stream_story_of(s, base));
    /* the next development of the affair: a story of its own */
    assert_true(sf__stream_story_of(s, base + 2) != sf__stream_story_of(s, base));
    sf__stream_destroy(s);
}

/* The event similarity (stream.c) is a probability on which each signal
 * moves the odds: more shared content, agreeing names and a shorter gap
 * each raise it, a report naming none of the story's participants needs
 * far more content, and the join bar is the probability of content 0.15
 * with the names agreeing (sf__event_evidence reads it back). */
static double ev(const sf_cluster_options *o, double body, double names, double gap_days) {
    double cos[SF_NCH] = {body, 0, names};
    bool have[SF_NCH] = {true, false, names >= 0};
    return sf__event_similarity(o, cos, have, true, gap_days * 86400.0, 0, gap_days * 86400.0);
}

static void event_similarity_is_calibrated(void **state) {
    (void)state;
    sf_cluster_options o;
    sf__cluster_options_default(&o);
    /* a probability, rising with each signal */
    for (double c = 0.05; c < 1; c += 0.05) {
        double p = ev(&o, c, 0.8, 0);
        assert_true(p > 0 && p < 1);
        assert_true(ev(&o, c + 0.05, 0.8, 0) > p); /* more content */
        assert_true(ev(&o, c, 0.4, 0) < p);        /* fewer shared names */
        assert_true(ev(&o, c, 0.8, 3) < p);        /* a gap of days */
    }
    /* names and content add: not a product that any zero sends to zero */
    double none = ev(&o, 0.6, 0, 0), some = ev(&o, 0.6, 0.3, 0);
    assert_true(none > 0.01 && some > none);
    /* the bar: content 0.15 with the names agreeing, on the evidence scale */
    assert_true(fabs(sf__event_evidence(o.threshold) - 0.15) < 0.002);
    /* (the content is the weighted mean of body and names cosines, w_entity 0.02) */
    assert_true(ev(&o, 0.15, 0.8, 0) >= o.threshold && ev(&o, 0.13, 0.8, 0) < o.threshold);
    assert_true(fabs(sf__event_evidence(ev(&o, 0.4, 0.8, 0)) - (0.4 + 0.02 * 0.8) / 1.02) < 0.001);
    /* no shared name: even identical wording does not reach the bar alone */
    assert_true(ev(&o, 0.9, 0, 0) < o.threshold);
    /* without names on one side the content decides */
    assert_true(ev(&o, 0.3, -1, 0) >= o.threshold);
    /* a story is bounded in time: past SF_SPAN_DAYS (7) the content must
     * grow with the span it would cover, names agreeing or not */
    double cos[SF_NCH] = {0.3, 0, 0.9};
    bool have[SF_NCH] = {true, false, true};
    double week = sf__event_similarity(&o, cos, have, true, 0, 0, 5 * 86400.0);
    double month = sf__event_similarity(&o, cos, have, true, 0, 0, 30 * 86400.0);
    assert_true(week >= o.threshold && month < o.threshold);
}

/* German names (features.c): the formal "you" (Sie, Ihnen, Ihre) is
 * capitalized but is no name; a town after "in" is. */
static void german_formal_you_is_no_name(void **state) {
    (void)state;
    const char *t = "Wir danken Ihnen für Ihre Anfrage und senden Sie gern nach Köln.";
    size_t n = strlen(t);
    sf_tokvec toks = {0};
    assert_int_equal(sf__tokenize(t, n, &toks), SF_OK);
    size_t names = 0, koeln = 0;
    for (size_t i = 0; i < toks.n; i++) {
        const sf_token *k = &toks.items[i];
        if (!sf__token_is_name(t, n, k, false, true)) continue;
        names++;
        koeln += strncmp(t + k->begin, "Köln", k->end - k->begin) == 0;
    }
    assert_int_equal(koeln, 1);
    assert_int_equal(names, 1);
    SF_VEC_FREE(&toks);
}

/* sf__extract_all on several threads gives each text the vectors that
 * sf__extract gives it alone, in its own slot, whatever the languages met
 * (each thread makes its analyzers as it meets them). */
static void extract_all_matches_one_by_one(void **state) {
    (void)state;
    static const char *const TEXTS[] = {
        "The city council voted on Monday to build a new bridge over the river Thames.",
        "Die Stadt hat am Montag mit dem Bau der neuen Brücke über den Fluss begonnen, "
        "und der Bürgermeister sagte, dass die Arbeiten nicht vor dem Winter fertig sind.",
        "Le conseil municipal a voté lundi la construction d'un nouveau pont sur la Seine, "
        "et le maire a dit que les travaux ne seront pas finis avant l'hiver.",
        "El ayuntamiento votó el lunes la construcción de un nuevo puente sobre el río, "
        "y el alcalde dijo que las obras no estarán listas antes del invierno.",
        "NASA launched 3 satellites from Cape Canaveral; Boeing and Lockheed Martin built them.",
    };
    enum { N = 1201 }; /* enough that every thread gets some */
    sf_extract_item *items = calloc(N, sizeof *items);
    char(*titles)[32] = calloc(N, sizeof *titles);
    sf_fdoc *one = calloc(N, sizeof *one), *all = calloc(N, sizeof *all);
    assert_true(items && titles && one && all);
    for (size_t k = 0; k < N; k++) {
        snprintf(titles[k], sizeof titles[k], "Report %zu from Berlin", k * 7919 % 1000);
        const char *t = TEXTS[(k * 3) % SF_ARRAY_LEN(TEXTS)];
        items[k] = (sf_extract_item){titles[k], t, strlen(titles[k]), strlen(t) - k % 5, NULL};
    }
    sf_extractor *x = sf__extractor_create("en", true);
    assert_non_null(x);
    for (size_t k = 0; k < N; k++)
        assert_int_equal(sf__extract(x, items[k].title, items[k].tn, items[k].text, items[k].n,
                                     &one[k]),
                         SF_OK);
    sf__extractor_destroy(x);
    for (unsigned threads = 1; threads <= 4; threads += 3) {
        x = sf__extractor_create("en", true);
        size_t bad = 0;
        assert_int_equal(sf__extract_all(x, "en", true, items, N, all, threads, &bad), SF_OK);
        assert_int_equal(bad, SIZE_MAX);
        sf__extractor_destroy(x);
        for (size_t k = 0; k < N; k++) {
            assert_int_equal(all[k].lang, one[k].lang);
            for (int ch = 0; ch < SF_NCH; ch++) {
                assert_int_equal(all[k].v[ch].n, one[k].v[ch].n);
                for (size_t i = 0; i < one[k].v[ch].n; i++) {
                    assert_int_equal(all[k].v[ch].items[i].h, one[k].v[ch].items[i].h);
                    assert_true(all[k].v[ch].items[i].w == one[k].v[ch].items[i].w);
                }
            }
            sf__fdoc_release(&all[k]);
        }
    }
    bool langs[8] = {false};
    for (size_t k = 0; k < N; k++) langs[one[k].lang & 7] = true, sf__fdoc_release(&one[k]);
    assert_true(langs[0] && langs[1]); /* English and German were both met */
    free(items);
    free(titles);
    free(one);
    free(all);
}

static bool fdoc_equal(const sf_fdoc *a, const sf_fdoc *b) {
    if (a->lang != b->lang) return false;
    for (int ch = 0; ch < SF_NCH; ch++) {
        if (a->v[ch].n != b->v[ch].n) return false;
        for (size_t i = 0; i < a->v[ch].n; i++)
            if (a->v[ch].items[i].h != b->v[ch].items[i].h || a->v[ch].items[i].w != b->v[ch].items[i].w)
                return false;
    }
    return true;
}

/* An article's doc gives the clusterer the vectors its own analysis gives;
 * the doc is read (a term changed in it shows) only when it covers the
 * text the clusterer reads in the language it detects. */
static void extract_reads_the_doc_as_its_own_analysis(void **state) {
    (void)state;
    static const char *const TEXTS[] = {
        "WASHINGTON (AP) -- The U.S. Senate voted 52-48 on Tuesday; NASA and Boeing said 2.5km "
        "of road cost $5 million, up 12% since the '90s, Senator O'Neill said.",
        "Die Stadt Köln hat am Montag mit dem Bau der neuen Brücke über den Fluss begonnen, "
        "und der Bürgermeister Anna Berger sagte, dass die Arbeiten nicht vor dem Winter fertig sind.",
        "Le conseil municipal a voté lundi la construction d'un nouveau pont sur la Seine, "
        "et le maire a dit que les travaux ne seront pas finis avant l'hiver.",
    };
    sf_extractor *x = sf__extractor_create("en", true);
    assert_non_null(x);
    for (size_t k = 0; k < SF_ARRAY_LEN(TEXTS); k++)
        for (size_t cut = 0; cut < 3; cut++) {
            const char *t = TEXTS[k];
            size_t n = strlen(t) - cut, read = 0;
            const char *langs[] = {sf__lang_guess(t, n, "en"), "es", NULL};
            for (int L = 0; L < 3; L++) {
                /* L 2: the doc of the whole text while the clusterer reads less */
                const char *lang = L < 2 ? langs[L] : langs[0];
                size_t dn = L < 2 ? n : strlen(t);
                if (L == 2 && dn == n) continue;
                sf_analyzer *an = sf__analyzer_create(lang);
                sf_doc d;
                assert_int_equal(sf__doc_build(&d, 0, t, dn, lang, an), SF_OK);
                sf_fdoc want = {0}, got = {0}, changed = {0};
                assert_int_equal(sf__extract(x, "Bridge vote", 11, t, n, &want), SF_OK);
                assert_int_equal(sf__extract_doc(x, "Bridge vote", 11, t, n, &d, &got), SF_OK);
                assert_true(fdoc_equal(&got, &want));
                assert_true(d.term.n > 0);
                d.terms.p[d.term.items[0].off] ^= 0x20; /* the first term, changed */
                assert_int_equal(sf__extract_doc(x, "Bridge vote", 11, t, n, &d, &changed), SF_OK);
                bool used = !fdoc_equal(&changed, &want);
                assert_int_equal(used, L == 0);
                read += used;
                sf__fdoc_release(&want);
                sf__fdoc_release(&got);
                sf__fdoc_release(&changed);
                sf__doc_release(&d);
                sf__analyzer_destroy(an);
            }
            assert_int_equal(read, 1);
        }
    sf__extractor_destroy(x);
}

/* The batch's document frequencies counted on threads (each its own slice
 * of the table) equal those of adding the docs one by one: hashes spread
 * over the whole table, at the slices' edges, and the lead channel left
 * out. */
static void df_counted_on_threads_as_one_by_one(void **state) {
    (void)state;
    enum { NDOCS = 300 };
    sf_fdoc *docs = calloc(NDOCS, sizeof *docs);
    assert_non_null(docs);
    uint64_t x = 0x9e3779b97f4a7c15u, size = (uint64_t)1 << SF_DF_BITS;
    for (size_t k = 0; k < NDOCS; k++)
        for (int ch = 0; ch < SF_NCH; ch++)
            for (size_t i = 0; i < 5 + (k * 7 + (size_t)ch) % 40; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                /* every fourth term near a slice edge of 2, 3 or 5 threads,
                 * every fifth on the table's last counter */
                uint64_t h = i % 5 == 1 ? x | (size - 1)
                             : i % 4   ? x
                                       : (x & ~(size - 1)) + size / (2 + k % 4) * (1 + k % 2) - i % 3;
                assert_int_equal(SF_VEC_PUSH(&docs[k].v[ch], ((sf_tw){h, 1.0f})), SF_OK);
            }
    sf_dftab want;
    assert_int_equal(sf__df_init(&want), SF_OK);
    for (size_t k = 0; k < NDOCS; k++) assert_int_equal(sf__df_add(&want, &docs[k]), SF_OK);
    for (unsigned t = 1; t <= 5; t++) {
        sf_dftab got;
        assert_int_equal(sf__df_init(&got), SF_OK);
        /* in two batches, as the storylines add them */
        assert_int_equal(sf__df_add_all(&got, docs, NDOCS / 3, t), SF_OK);
        assert_int_equal(sf__df_add_all(&got, docs + NDOCS / 3, NDOCS - NDOCS / 3, t), SF_OK);
        assert_int_equal(got.n, want.n);
        assert_true(got.ln_n1 == want.ln_n1);
        assert_memory_equal(got.cnt, want.cnt, size * sizeof *got.cnt);
        sf__df_release(&got);
    }
    sf__df_release(&want);
    for (size_t k = 0; k < NDOCS; k++) sf__fdoc_release(&docs[k]);
    free(docs);
}

static uint64_t splitmix(uint64_t x) {
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

static int cmp_tw_h(const void *pa, const void *pb) {
    const sf_tw *x = pa, *y = pb;
    return x->h < y->h ? -1 : x->h > y->h;
}

/* The refinement's labels do not depend on the number of threads its graph
 * is built on. A stream of 2,400 articles an hour apart, each starting
 * alone: stories of two articles 150 hours apart (a term of their own), a
 * term in every article, and one term for each article. A row early in the
 * stream sees more of the common term's postings ahead than the graph's
 * cutoff for common terms and leaves it out, a later row counts it: a pair
 * across that point weighs differently from its two sides, the graph keeps
 * the side met first, and whether the pair is one story depends on it. So
 * the labels show an order of the rows' edges that depends on the threads
 * (edges gathered thread by thread, not row by row, change them in most
 * runs): hence several runs on 2, 3 and 4 threads. */
static void refine_labels_same_on_threads(void **state) {
    (void)state;
    enum { N = 2400, APART = 150 };
    sf_twvec *v = calloc(N, sizeof *v);
    sf_rinfo *info = calloc(N, sizeof *info);
    int64_t *t = calloc(N, sizeof *t);
    uint32_t *one = calloc(N, sizeof *one), *lab = calloc(N, sizeof *lab);
    assert_true(v && info && t && one && lab);
    for (size_t i = 0; i < N; i++) {
        size_t first = (i / APART) % 2 == 0 ? i : i - APART; /* of its pair */
        sf_tw tw[3] = {{splitmix(1) & ~1ull, 0.6f},             /* in every article */
                       {splitmix(1000 + first) & ~1ull, 0.65f}, /* its pair's */
                       {splitmix(1000000 + i) & ~1ull, 1.0f}};  /* its own */
        double ss = 0;
        for (size_t k = 0; k < 3; k++) ss += (double)tw[k].w * tw[k].w;
        for (size_t k = 0; k < 3; k++) tw[k].w = (float)(tw[k].w / sqrt(ss));
        qsort(tw, 3, sizeof *tw, cmp_tw_h);
        for (size_t k = 0; k < 3; k++) assert_int_equal(SF_VEC_PUSH(&v[i], tw[k]), SF_OK);
        t[i] = 1700000000 + (int64_t)i * 3600;
    }
    sf_cluster_options o;
    sf__cluster_options_of(NULL, &o);
    for (size_t i = 0; i < N; i++) one[i] = (uint32_t)i;
    assert_int_equal(sf__refine(&o, v, info, t, N, one, N, 1), SF_OK);
    size_t stories = 0;
    for (size_t i = 0; i < N; i++) { /* count the labels, marking each seen in lab */
        stories += lab[one[i]] == 0;
        lab[one[i]] = 1;
    }
    assert_in_range(stories, N / 4, N - 1); /* some pairs joined, not all */
    for (unsigned run = 0; run < 6; run++) {
        unsigned threads = 2 + run % 3;
        for (size_t i = 0; i < N; i++) lab[i] = (uint32_t)i;
        assert_int_equal(sf__refine(&o, v, info, t, N, lab, N, threads), SF_OK);
        for (size_t i = 0; i < N; i++)
            if (lab[i] != one[i])
                fail_msg("%u threads: article %zu in story %u, on one thread in %u", threads, i,
                         lab[i], one[i]);
    }
    for (size_t i = 0; i < N; i++) SF_VEC_FREE(&v[i]);
    free(v);
    free(info);
    free(t);
    free(one);
    free(lab);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seeds_form_one_story),
        cmocka_unit_test(extract_all_matches_one_by_one),
        cmocka_unit_test(extract_reads_the_doc_as_its_own_analysis),
        cmocka_unit_test(two_topics_interleaved_and_shuffled),
        cmocka_unit_test(duplicates_and_retirement),
        cmocka_unit_test(mixed_languages_stay_apart),
        cmocka_unit_test(story_growth_needs_agreement),
        cmocka_unit_test(placed_stories_take_later_reports),
        cmocka_unit_test(german_formal_you_is_no_name),
        cmocka_unit_test(event_similarity_is_calibrated),
        cmocka_unit_test(undated_reports_stay_at_event_grain),
        cmocka_unit_test(affair_developments_stay_apart),
        cmocka_unit_test(df_counted_on_threads_as_one_by_one),
        cmocka_unit_test(refine_labels_same_on_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

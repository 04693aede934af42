/* test_ingest.c - the readers: text, JSON Lines and TREC/DUC SGML on small
 * in-memory inputs with exact expected fields; format detection; bad input
 * (broken lines, bad bytes, truncation, huge lines, unreadable entries) is
 * reported by line and never crashes; directories and the DUC data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"
#include "ingest/ingest.h"

#include <json-c/json.h>

/* ------------------------------------------------------------ helpers */

#define MAX_DIAGS 32

typedef struct diags {
    size_t n;
    struct {
        sf_status status;
        char file[512];
        size_t line, record;
        char message[512];
    } d[MAX_DIAGS];
} diags;

static void collect(void *user, const sf_diag *d) {
    diags *ds = user;
    if (ds->n < MAX_DIAGS) {
        ds->d[ds->n].status = d->status;
        snprintf(ds->d[ds->n].file, sizeof ds->d[0].file, "%s", d->file);
        ds->d[ds->n].line = d->line;
        ds->d[ds->n].record = d->record;
        snprintf(ds->d[ds->n].message, sizeof ds->d[0].message, "%s", d->message);
    }
    ds->n++;
}

static sf_read_options opts(sf_format f, int strict, diags *ds) {
    memset(ds, 0, sizeof *ds);
    sf_read_options o = {.format = f, .strict = strict, .on_diag = collect, .user = ds};
    return o;
}

static sf_status read_mem(sf_corpus *c, const char *name, const char *data, size_t n,
                          sf_format f, int strict, diags *ds, sf_error *err) {
    sf_read_options o = opts(f, strict, ds);
    return sf_read_memory(c, name, data, n, &o, err);
}

#define READ_STR(c, name, s, f, strict, ds, err) read_mem(c, name, s, strlen(s), f, strict, ds, err)

static void iso(int64_t t, char buf[32]) { sf__format_iso8601(t, buf); }

static void write_file(const char *path, const char *data) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, strlen(data), f), strlen(data));
    assert_int_equal(fclose(f), 0);
}

static void path_join(char *out, size_t n, const char *dir, const char *name) {
    snprintf(out, n, "%s/%s", dir, name);
}

/* Remove a temporary tree made by a test (small, known layout). */
static void remove_tree(const char *dir) {
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
}

/* ------------------------------------------------------------ formats */

static void format_names_parse_back(void **state) {
    (void)state;
    sf_format f;
    for (int i = 0; i <= 3; i++) {
        assert_int_equal(sf_format_parse(sf_format_name((sf_format)i), &f), SF_OK);
        assert_int_equal(f, i);
    }
    assert_string_equal(sf_format_name(SF_FORMAT_JSONL), "jsonl");
    assert_int_equal(sf_format_parse("SGML", &f), SF_OK);
    assert_int_equal(f, SF_FORMAT_SGML);
    assert_int_equal(sf_format_parse("pdf", &f), SF_ERR_ARG);
    assert_int_equal(sf_format_parse(NULL, &f), SF_ERR_ARG);
}

static void detect_by_extension_then_content(void **state) {
    (void)state;
    /* the extension wins over the content */
    assert_int_equal(sf__detect_format("a/b.txt", "<DOC>", 5), SF_FORMAT_TEXT);
    assert_int_equal(sf__detect_format("x.JSONL", "hi", 2), SF_FORMAT_JSONL);
    assert_int_equal(sf__detect_format("x.ndjson", "", 0), SF_FORMAT_JSONL);
    assert_int_equal(sf__detect_format("x.json", "", 0), SF_FORMAT_JSONL);
    assert_int_equal(sf__detect_format("x.sgml", "{", 1), SF_FORMAT_SGML);
    assert_int_equal(sf__detect_format("x.xml", "", 0), SF_FORMAT_SGML);
    /* DUC names have no known extension: the content decides */
    assert_int_equal(sf__detect_format("d/APW19990707.0181", "\n \t<DOC>\n", 8), SF_FORMAT_SGML);
    assert_int_equal(sf__detect_format("NYT19980612.0403", "<doc>", 5), SF_FORMAT_SGML);
    assert_int_equal(sf__detect_format("feed", "  {\"text\":1}", 12), SF_FORMAT_JSONL);
    assert_int_equal(sf__detect_format("feed", "\xEF\xBB\xBF{", 4), SF_FORMAT_JSONL);
    assert_int_equal(sf__detect_format("notes", "Title\nbody", 10), SF_FORMAT_TEXT);
    assert_int_equal(sf__detect_format("dir.txt/notes", "<DOC>", 5), SF_FORMAT_SGML);
    assert_int_equal(sf__detect_format(NULL, NULL, 0), SF_FORMAT_TEXT);
}

/* --------------------------------------------------------------- text */

static void text_title_and_body(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    const char *in = "\n  \n  Quake hits city  \n\nA strong quake hit the city.\nsource: AP\n\n";
    assert_int_equal(READ_STR(c, "dir/story-1.v2.txt", in, SF_FORMAT_AUTO, 0, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 0);
    assert_int_equal(sf_corpus_count(c), 1);
    const sf_article *a = sf_corpus_get(c, 0);
    assert_string_equal(a->id, "story-1.v2");
    assert_string_equal(a->title, "Quake hits city");
    /* the trailing source tag is the outlet, not text */
    assert_string_equal(a->text, "A strong quake hit the city.");
    assert_int_equal(a->text_len, strlen(a->text));
    assert_string_equal(a->source, "AP");
    assert_string_equal(a->url, "");
    assert_string_equal(a->origin, "dir/story-1.v2.txt");
    assert_true(a->published == SF_TIME_UNKNOWN);
    /* standard input is called "stdin" */
    assert_int_equal(READ_STR(c, "<stdin>", "T\n\nbody", SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 1)->id, "stdin");
    /* a long sentence set apart before a paragraph that opens with a
     * dateline is a caption: out of the text, and not a title */
    const char *cap = "A family flees their home in the Old City on Tuesday during the offensive.\n\n"
                      "beirut - Forces entered the city.\n";
    assert_int_equal(READ_STR(c, "cap.txt", cap, SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 2)->title, "");
    assert_string_equal(sf_corpus_get(c, 2)->text, "beirut - Forces entered the city.");
    /* without the dateline it is the lead paragraph; a line ending a
     * sentence is no title either */
    assert_int_equal(READ_STR(c, "short.txt", "Quake hits city.\n\nBody.\n", SF_FORMAT_TEXT, 0, &ds, &err),
                     SF_OK);
    assert_string_equal(sf_corpus_get(c, 3)->title, "");
    assert_string_equal(sf_corpus_get(c, 3)->text, "Quake hits city.\n\nBody.");
    /* some outlets end headlines with a full stop: in headline
     * capitalization it is still the title */
    const char *tc = "Stealth Over Health: Clinton Was Headed to ER But Diverted.\n\n"
                     "The campaign avoided the hospital, the paper said.\n";
    assert_int_equal(READ_STR(c, "tc.txt", tc, SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 4)->title, "Stealth Over Health: Clinton Was Headed to ER But Diverted.");
    assert_string_equal(sf_corpus_get(c, 4)->text, "The campaign avoided the hospital, the paper said.");
    /* a sentence over a wire dateline that credits an agency is the
     * headline of wire copy, however long; a short one over any dateline too */
    const char *wire = "Green Party candidate Jill Stein removed from N.Y. debate site by police.\n\n"
                       "HEMPSTEAD, N.Y., Sept. 26 (UPI) \xE2\x80\x94 Jill Stein was escorted off the premises.\n";
    assert_int_equal(READ_STR(c, "wire.txt", wire, SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 5)->title,
                        "Green Party candidate Jill Stein removed from N.Y. debate site by police.");
    const char *shortw = "Quake hits city.\n\nROME - A strong quake hit the city.\n";
    assert_int_equal(READ_STR(c, "sw.txt", shortw, SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 6)->title, "Quake hits city.");
    /* a sentence in running-text capitalization is no title */
    const char *run = "The campaign avoided the hospital on Sunday.\n\nIt said so later.\n";
    assert_int_equal(READ_STR(c, "run.txt", run, SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 7)->title, "");
    /* a first line that opens with a dateline is the first paragraph,
     * however capitalized */
    const char *dl = "KANSAS CITY, Mo. _ Think of it as an educational tug of war.\n\nThe schools met.\n";
    assert_int_equal(READ_STR(c, "dl.txt", dl, SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 8)->title, "");
    /* a gzip'd file is named as the file inside it */
    assert_int_equal(READ_STR(c, "dir/story-2.txt.gz", "T\n\nbody", SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 9)->id, "story-2");
    sf_corpus_destroy(c);
}

/* Plain text as people write it: hard-wrapped with no headline (the first
 * wrapped line is not a title and the paragraph is whole again), a title
 * over body text, one paragraph per line, edge metadata. */
static void text_as_people_write_it(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    const char *wrapped = "Italy's Communists on Sunday voted to withdraw support for Premier\n"
                          "Romano Prodi's 2 1-2-year-old coalition, a move expected to\n"
                          "trigger the government's collapse.\n\n"
                          "The vote came after weeks of talks between the parties of the\n"
                          "left, officials said.\n";
    assert_int_equal(READ_STR(c, "w.txt", wrapped, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    const sf_article *a = sf_corpus_get(c, 0);
    assert_string_equal(a->title, "");
    assert_string_equal(a->text, "Italy's Communists on Sunday voted to withdraw support for Premier "
                                 "Romano Prodi's 2 1-2-year-old coalition, a move expected to trigger "
                                 "the government's collapse.\n\nThe vote came after weeks of talks "
                                 "between the parties of the left, officials said.");
    /* a short title right over wrapped body text, a byline, a date and a
     * source tag at the edges */
    const char *titled = "Flood closes Marlow bridge\n"
                         "By Jane Doe\n"
                         "March 2, 2026\n"
                         "The Tamsin River burst its banks on Monday after three days of heavy\n"
                         "rain, and about 2,000 residents left their homes, officials said.\n"
                         "\nSource: Riverside Courier\n";
    assert_int_equal(READ_STR(c, "t.txt", titled, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, 1);
    assert_string_equal(a->title, "Flood closes Marlow bridge");
    assert_string_equal(a->author, "Jane Doe");
    assert_string_equal(a->source, "Riverside Courier");
    assert_true(a->published == sf__days_from_civil(2026, 3, 2) * 86400);
    assert_string_equal(a->text, "The Tamsin River burst its banks on Monday after three days of heavy "
                                 "rain, and about 2,000 residents left their homes, officials said.");
    /* one paragraph per line, no headline */
    const char *lines = "Rescuers pulled two people from the river.\n"
                        "Both were taken to hospital in a stable condition, police said later.\n"
                        "The river is expected to fall by Wednesday.\n";
    assert_int_equal(READ_STR(c, "l.txt", lines, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, 2);
    assert_string_equal(a->title, "");
    /* a line ending a sentence well short of the longest ends its
     * paragraph; one as long as the longest may be wrapped and is joined */
    assert_string_equal(a->text, "Rescuers pulled two people from the river.\n\n"
                                 "Both were taken to hospital in a stable condition, police said later. "
                                 "The river is expected to fall by Wednesday.");
    /* a headline ending on a word that needs the next line is not one */
    assert_int_equal(READ_STR(c, "d.txt", "Storm forces the\n\nclosure of the port.\n", SF_FORMAT_TEXT, 1, &ds,
                              &err),
                     SF_OK);
    assert_string_equal(sf_corpus_get(c, 3)->title, "");
    /* a last line that goes on with the sentence above it is text, though
     * it reads as a date alone ("on January 1, 1999."); one set apart by a
     * blank line is the date of the report */
    const char *ending = "Leaders agreed that the single currency will be formally launched\n"
                         "on January 1, 1999.\n";
    assert_int_equal(READ_STR(c, "e.txt", ending, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, 4);
    assert_string_equal(a->text, "Leaders agreed that the single currency will be formally launched on "
                                 "January 1, 1999.");
    assert_true(a->published == SF_TIME_UNKNOWN);
    const char *dated = "Leaders agreed that the single currency will be formally launched soon.\n\n"
                        "January 1, 1999\n";
    assert_int_equal(READ_STR(c, "f.txt", dated, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, 5);
    assert_string_equal(a->text, "Leaders agreed that the single currency will be formally launched soon.");
    assert_true(a->published == sf__days_from_civil(1999, 1, 1) * 86400);
    /* a sentence-case headline with a full stop is a title when the lead
     * under it retells it; a one-sentence first paragraph followed by one
     * that goes on to other things is not */
    const char *retold = "Mayor taken to hospital after flood rescue.\n\n"
                         "The mayor of Kellport was taken to hospital on Monday after she helped "
                         "rescue two children from the flood, officials said.\n";
    assert_int_equal(READ_STR(c, "r.txt", retold, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "Mayor taken to hospital after flood rescue.");
    const char *lead1 = "The river rose two metres overnight in Kellport.\n\n"
                        "Schools stayed closed and the county opened two shelters for families "
                        "whose homes were damaged.\n";
    assert_int_equal(READ_STR(c, "s.txt", lead1, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "");
    /* a wire's byline in parentheses over the text is the author, not a
     * title (Xinhua: "(by Wang Jinyu)") */
    const char *paren = "(by Lena Marsh)\n\n"
                        "KELLPORT, June 12 -- The council last night criticized the report on the\n"
                        "flood defences.\n";
    assert_int_equal(READ_STR(c, "g.txt", paren, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, sf_corpus_count(c) - 1);
    assert_string_equal(a->title, "");
    assert_string_equal(a->author, "Lena Marsh");
    assert_non_null(strstr(a->text, "The council last night criticized"));
    assert_null(strstr(a->text, "Lena Marsh"));
    /* a wire byline ("*By NAME", a credit line under it) is the author,
     * not a title; a headline that reads like a credit line stays one */
    const char *wire = "*By ROBERT W. BLACK\n\n*Associated Press Writer\n\n"
                       "LARAMIE, Wyo. (AP) -- A judge today barred defense lawyers from using a\n"
                       "novel defense in the murder trial, court officials said.\n";
    assert_int_equal(READ_STR(c, "w2.txt", wire, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, sf_corpus_count(c) - 1);
    assert_string_equal(a->title, "");
    assert_string_equal(a->author, "ROBERT W. BLACK");
    assert_int_equal(strncmp(a->text, "LARAMIE, Wyo. (AP) -- A judge", 29), 0);
    const char *ghost = "The Ghost Writer\n\nThe novelist finished the memoir of a minister in three\n"
                        "weeks, his publisher said on Monday.\n";
    assert_int_equal(READ_STR(c, "h.txt", ghost, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "The Ghost Writer");
    /* an editor's note in parentheses over the text is not its headline */
    const char *note = "(Distributed by New York Times Special Features)\n\n"
                       "The novelist finished the memoir of a minister in three\n"
                       "weeks, his publisher said on Monday.\n";
    assert_int_equal(READ_STR(c, "i.txt", note, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "");
    /* a photo caption with its credit over the text is left out, never
     * the title, wrapped or not; a gallery headline stays a title */
    const char *credit = "Love thine enemy. Photo: Olivier Douliery/AFP via\nGetty Images\n\n"
                         "In his new book, a columnist sets out to answer a simple question about\n"
                         "the election of 2016, and finds the answer in the parties.\n";
    assert_int_equal(READ_STR(c, "p1.txt", credit, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, sf_corpus_count(c) - 1);
    assert_string_equal(a->title, "");
    assert_int_equal(strncmp(a->text, "In his new book", 15), 0);
    const char *reuters = "Rescue workers search the rubble. REUTERS/Jane Roe\n\n"
                          "Rescue workers searched the rubble of the school on Monday, officials said.\n";
    assert_int_equal(READ_STR(c, "p2.txt", reuters, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "");
    /* "image:" inside a sentence is no credit: the paragraph is text */
    const char *image = "WASHINGTON _ A plume of fire, a moment of horror frozen in a stunning image: To a\n"
                        "historian the burning jet looked like a zeppelin.\n\nThe jet took off near Paris.\n";
    assert_int_equal(READ_STR(c, "p4.txt", image, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_int_equal(strncmp(sf_corpus_get(c, sf_corpus_count(c) - 1)->text, "WASHINGTON _ A plume", 20), 0);
    const char *gallery = "Photos: Flood waters rise in Marlow Bridge\n\n"
                          "The Tamsin River burst its banks on Monday, officials said.\n";
    assert_int_equal(READ_STR(c, "p3.txt", gallery, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "Photos: Flood waters rise in Marlow Bridge");
    /* a file of one line whose headline runs into the text: in headline
     * capitalization, or over a dateline; an abbreviation or an initial
     * ends no headline, and a line that opens with a dateline has none */
    const char *run_in = "Rose Bowl Skywriters Blast Marlow Mayor.  PASADENA, Calif., Jan. 1 (UPI) -- A handful of "
                         "skywriters above the Rose Bowl parade wrote messages against the mayor of Marlow Bridge, "
                         "who is running for governor, and parade officials said they had not been told.";
    assert_int_equal(READ_STR(c, "r1.txt", run_in, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, sf_corpus_count(c) - 1);
    assert_string_equal(a->title, "Rose Bowl Skywriters Blast Marlow Mayor.");
    assert_int_equal(strncmp(a->text, "PASADENA, Calif., Jan. 1 (UPI)", 30), 0);
    const char *sentence = "Skywriters blast the mayor.  PASADENA, Calif., Jan. 1 (UPI) -- A handful of skywriters "
                           "above the Rose Bowl parade wrote messages against the mayor of Marlow Bridge, who is "
                           "running for governor, and parade officials said they had not been told.";
    assert_int_equal(READ_STR(c, "r2.txt", sentence, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "Skywriters blast the mayor.");
    const char *wire_lead = "AUSTIN, Texas (AP) -- Gov. George W. Bush Campaigned In Marlow Bridge on Monday, and the "
                        "crowd of about 2,000 people who came to the rally at the county fairground heard him "
                        "promise lower taxes for the farmers of the county, officials said.";
    assert_int_equal(READ_STR(c, "r3.txt", wire_lead, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "");
    const char *plain = "The Tamsin River burst its banks on Monday after three days of heavy rain. About 2,000 "
                        "residents of Marlow Bridge left their homes, officials said, and the bridge was closed to "
                        "all traffic until engineers could inspect its piers and the old weir below it.";
    assert_int_equal(READ_STR(c, "r4.txt", plain, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "");
    /* a headline with no full stop run into the text: ended by a sentence
     * start after a run in headline capitalization, or by a capitalized
     * word that opens sentences after one in lower case, when the text
     * retells it; a name in a lead sentence ends nothing */
    const char *stretched = "Floods at Marlow Bridge Leave Rescue Teams Stretched Managers of the county rescue service "
                         "say floods at Marlow Bridge left too few teams for the rescue calls, and the county manager "
                         "asked for more boats. Teams were stretched across the valley for three days.";
    assert_int_equal(READ_STR(c, "u1.txt", stretched, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, sf_corpus_count(c) - 1);
    assert_string_equal(a->title, "Floods at Marlow Bridge Leave Rescue Teams Stretched");
    assert_int_equal(strncmp(a->text, "Managers of the county", 22), 0);
    const char *opener = "First trial of a floating flood barrier on the Tamsin river In the future, barriers could "
                         "float up when the river rises. The first trial of a floating flood barrier on the Tamsin "
                         "river held back the water at Marlow Bridge on Monday, engineers said.";
    assert_int_equal(READ_STR(c, "u2.txt", opener, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, sf_corpus_count(c) - 1);
    assert_string_equal(a->title, "First trial of a floating flood barrier on the Tamsin river");
    assert_int_equal(strncmp(a->text, "In the future", 13), 0);
    const char *named = "Arrests by the New Jersey State Police were down 42 percent in September, and arrests by "
                        "the state police of drivers on the turnpike fell too, the New Jersey State Police said in a "
                        "report on arrests that the state attorney general released on Monday.";
    assert_int_equal(READ_STR(c, "u3.txt", named, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "");
    /* a title in sentence case ending on a name the lead names again */
    const char *again = "Marchers withdrew from the Marlow Town Hall Protests outside the Marlow Town Hall began on "
                        "Monday after the council voted to close the bridge, and by evening the marchers had "
                        "withdrawn from the square in front of the hall.";
    assert_int_equal(READ_STR(c, "u4.txt", again, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    a = sf_corpus_get(c, sf_corpus_count(c) - 1);
    assert_string_equal(a->title, "Marchers withdrew from the Marlow Town Hall");
    assert_int_equal(strncmp(a->text, "Protests outside", 16), 0);
    /* not a sentence's clause with capitalized nouns, nor the same name going on */
    const char *clause = "Wenn das Netzwerk in Marlow sehr langsam ist, kann das Abschalten der Marlow Funktion "
                         "Abhilfe schaffen. Mit dem Netzwerk kam damals die sogenannte Marlow Funktion, die das "
                         "Netzwerk langsam machen kann, und das Abschalten hilft in Marlow noch heute.";
    assert_int_equal(READ_STR(c, "u5.txt", clause, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "");
    const char *same = "Marlow parents thrilled with the first baby of the year Little Ada Penhallow Jr. arrived at "
                       "one minute past midnight, and Little Ada Penhallow Jr. is the first baby born in Marlow "
                       "Bridge this year, the hospital said on Monday.";
    assert_int_equal(READ_STR(c, "u6.txt", same, SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->title, "");
    sf_corpus_destroy(c);
}

static void text_problems_are_reported(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    /* a file of one line is one article with no title, never refused */
    assert_int_equal(READ_STR(c, "t.txt", "\n\nOnly a title\n\n", SF_FORMAT_TEXT, 1, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 0);
    assert_int_equal(sf_corpus_count(c), 1);
    assert_string_equal(sf_corpus_get(c, 0)->title, "");
    assert_string_equal(sf_corpus_get(c, 0)->text, "Only a title");
    /* an empty file (or metadata alone) is reported; strict mode stops */
    assert_int_equal(READ_STR(c, "e.txt", "\n  \nsource: AP\n", SF_FORMAT_TEXT, 0, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 1);
    assert_string_equal(ds.d[0].message, "no text");
    assert_int_equal(sf_corpus_count(c), 1);
    sf_corpus_destroy(c);
}

static void bad_bytes_are_replaced_and_counted(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    static const char in[] = "T\xff itle\n\nbody\0with NUL \xe2\x82 cut";
    assert_int_equal(read_mem(c, "x.txt", in, sizeof in - 1, SF_FORMAT_AUTO, 0, &ds, &err),
                     SF_OK);
    assert_int_equal(ds.n, 0);
    const sf_article *a = sf_corpus_get(c, 0);
    assert_non_null(a);
    assert_string_equal(a->title, "T\xEF\xBF\xBD itle");
    assert_string_equal(a->text, "body with NUL \xEF\xBF\xBD cut");
    assert_int_equal(sf_corpus_replaced(c), 3);
    /* JSON: raw bad bytes and an escaped NUL */
    static const char js[] = "{\"id\":\"j\",\"text\":\"a\\u0000b \xc0\xaf\"}";
    assert_int_equal(read_mem(c, "x.jsonl", js, sizeof js - 1, SF_FORMAT_AUTO, 0, &ds, &err),
                     SF_OK);
    a = sf_corpus_get(c, 1);
    assert_non_null(a);
    assert_string_equal(a->text, "a b \xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(sf_corpus_replaced(c), 6);
    sf_corpus_destroy(c);
}

/* The library's own entry: ids stay unique (renamed as the readers rename,
 * counted), times outside the readers' range are refused with a message. */
static void corpus_add_checks_ids_and_dates(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    sf_error err = {0};
    sf_article a = {.id = "x", .text = "one", .published = SF_TIME_UNKNOWN};
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    assert_int_equal(sf_corpus_renamed(c), 0);
    a.text = "two";
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    a.text = "three";
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 1)->id, "x#2");
    assert_string_equal(sf_corpus_get(c, 2)->id, "x#3");
    assert_string_equal(sf_corpus_get(c, 2)->text, "three");
    assert_int_equal(sf_corpus_renamed(c), 2);
    /* a real "x#4" taken before the next copy: the copy skips it */
    a.id = "x#4";
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    a.id = "x";
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 3)->id, "x#4");
    assert_string_equal(sf_corpus_get(c, 4)->id, "x#5");
    assert_int_equal(sf_corpus_renamed(c), 3);
    /* ids compare as kept: one with a bad byte, twice, is renamed the second
     * time (its bad byte counted each time) */
    {
        sf_corpus *u = sf_corpus_create();
        sf_article b = {.id = "bad\xff", .text = "t"};
        assert_int_equal(sf_corpus_add(u, &b, &err), SF_OK);
        assert_int_equal(sf_corpus_add(u, &b, &err), SF_OK);
        assert_string_equal(sf_corpus_get(u, 0)->id, "bad\xef\xbf\xbd");
        assert_string_equal(sf_corpus_get(u, 1)->id, "bad\xef\xbf\xbd#2");
        assert_int_equal(sf_corpus_renamed(u), 1);
        assert_int_equal(sf_corpus_replaced(u), 2);
        sf_corpus_destroy(u);
    }
    /* NULL id is "" and is renamed too */
    a.id = NULL;
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 5)->id, "");
    assert_string_equal(sf_corpus_get(c, 6)->id, "#2");
    /* times: the edges are kept, one second beyond is refused, nothing added */
    size_t n = sf_corpus_count(c);
    a.id = "edge-lo", a.published = SF_TIME_MIN;
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    a.id = "edge-hi", a.published = SF_TIME_MAX, a.modified = SF_TIME_MAX;
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    assert_int_equal(sf_corpus_get(c, n + 1)->published, SF_TIME_MAX);
    a.modified = 0;
    int64_t bad[] = {SF_TIME_MIN - 1, SF_TIME_MAX + 1, INT64_MAX, INT64_MIN + 1};
    for (size_t i = 0; i < SF_ARRAY_LEN(bad); i++) {
        a.id = "late", a.published = bad[i];
        memset(&err, 0, sizeof err);
        assert_int_equal(sf_corpus_add(c, &a, &err), SF_ERR_ARG);
        assert_non_null(strstr(err.message, "article 'late': published time"));
        assert_non_null(strstr(err.message, "outside 1800-01-01..2200-12-31"));
    }
    a.published = 0, a.modified = SF_TIME_MAX + 1;
    assert_int_equal(sf_corpus_add(c, &a, &err), SF_ERR_ARG);
    assert_non_null(strstr(err.message, "modified time 7289654400"));
    assert_int_equal(sf_corpus_count(c), n + 2);
    assert_null(sf__corpus_find_id(c, SF_VIEW_LIT("late")));
    sf_corpus_destroy(c);
}

/* n copies of one id cost n lookups, not n * n / 2: 20,000 copies. */
static void corpus_many_copies_of_one_id(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    sf_error err = {0};
    sf_article a = {.id = "same", .text = "t", .published = SF_TIME_UNKNOWN};
    for (size_t i = 0; i < 20000; i++) assert_int_equal(sf_corpus_add(c, &a, &err), SF_OK);
    assert_string_equal(sf_corpus_get(c, 19999)->id, "same#20000");
    assert_int_equal(sf_corpus_renamed(c), 19999);
    sf_corpus_destroy(c);
}

static void empty_and_binary_files_are_skipped(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    /* not fatal, even in strict mode */
    assert_int_equal(read_mem(c, "e.jsonl", "", 0, SF_FORMAT_AUTO, 1, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 1);
    assert_string_equal(ds.d[0].message, "empty file");
    assert_string_equal(ds.d[0].file, "e.jsonl");
    assert_int_equal(ds.d[0].status, SF_ERR_EMPTY);
    assert_int_equal(READ_STR(c, "w.txt", " \n\t\n", SF_FORMAT_AUTO, 0, &ds, &err), SF_OK);
    assert_string_equal(ds.d[0].message, "empty file");
    char bin[600];
    for (size_t i = 0; i < sizeof bin; i++) bin[i] = (char)(i % 3 ? 0 : 'A' + i % 26);
    assert_int_equal(read_mem(c, "img", bin, sizeof bin, SF_FORMAT_AUTO, 1, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 1);
    assert_string_equal(ds.d[0].message, "binary file skipped");
    assert_int_equal(sf_corpus_count(c), 0);
    /* bytes with few NULs but many control characters (random, compressed,
     * encrypted) are no text either; text in an 8-bit charset is */
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < sizeof bin; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift: fixed bytes, no NUL */
        bin[i] = (char)((x & 0xFF) ? (x & 0xFF) : 1);
    }
    assert_int_equal(read_mem(c, "blob.txt", bin, sizeof bin, SF_FORMAT_AUTO, 1, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 1);
    assert_string_equal(ds.d[0].message, "binary file skipped");
    assert_int_equal(sf_corpus_count(c), 0);
    const char *latin1 = "Caf\xe9 owners in Kellport reopened on Monday after the flood, the mayor said.\n";
    assert_int_equal(READ_STR(c, "l1.txt", latin1, SF_FORMAT_AUTO, 1, &ds, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 1);
    sf_corpus_destroy(c);
}

/* A regular file of a megabyte or more is mapped unless its size is a whole
 * number of pages (the readers may look at the byte after the last, which
 * the mapping's zeroed tail gives). Files of a whole number of pages (over a
 * megabyte, and of one page) less one byte, exactly, and one more, whose last
 * byte ends the record with no newline, are read as from memory. */
static void files_around_a_page_read_whole(void **state) {
    (void)state;
    long page = sysconf(_SC_PAGESIZE);
    assert_true(page >= 512);
    char dir[] = "/tmp/sf_ingest_page_XXXXXX";
    assert_non_null(mkdtemp(dir));
    long big = ((1L << 20) / page + 1) * page;
    const long sizes[] = {page - 1, page, page + 1, big - 1, big, big + 1};
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        long size = sizes[z];
        const char *head = "{\"id\":\"p\",\"title\":\"T\",\"text\":\"";
        const char *tail = " end.\"}";
        size_t fill = (size_t)size - strlen(head) - strlen(tail);
        char *data = malloc((size_t)size + 1);
        assert_non_null(data);
        strcpy(data, head);
        for (size_t i = 0; i < fill; i++) data[strlen(head) + i] = i % 6 == 5 ? ' ' : 'w';
        strcpy(data + strlen(head) + fill, tail);
        assert_int_equal(strlen(data), (size_t)size);
        char p[600];
        path_join(p, sizeof p, dir, "page.jsonl");
        write_file(p, data);
        sf_corpus *c = sf_corpus_create(), *m = sf_corpus_create();
        sf_error err = {0};
        assert_int_equal(sf_read_path(c, p, NULL, &err), SF_OK);
        assert_int_equal(sf_read_memory(m, p, data, (size_t)size, NULL, &err), SF_OK);
        assert_int_equal(sf_corpus_count(c), 1);
        assert_int_equal(sf_corpus_count(m), 1);
        assert_string_equal(sf_corpus_get(c, 0)->text, sf_corpus_get(m, 0)->text);
        assert_int_equal(strlen(sf_corpus_get(c, 0)->text), fill + strlen(" end."));
        sf_corpus_destroy(c);
        sf_corpus_destroy(m);
        free(data);
    }
    remove_tree(dir);
}

/* -------------------------------------------------------------- jsonl */

static void jsonl_fields(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    const char *in =
        "{\"id\":\"a1\",\"title\":\" Quake \",\"text\":\"A quake.\",\"source\":\"AP\","
        "\"url\":\"https://example.org/a1\",\"published\":\"2017-07-04T12:00:00+02:00\","
        "\"extra\":{\"ignored\":true}}\r\n"
        "\n"
        "   \n"
        "{\"text\":\"No id.\",\"published\":1499162400.7,\"title\":null}\n"
        "{\"id\":42,\"text\":\"Integer id.\",\"published\":0}";
    assert_int_equal(READ_STR(c, "news.jsonl", in, SF_FORMAT_AUTO, 0, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 0);
    assert_int_equal(sf_corpus_count(c), 3);
    const sf_article *a = sf_corpus_get(c, 0);
    assert_string_equal(a->id, "a1");
    assert_string_equal(a->title, "Quake");
    assert_string_equal(a->text, "A quake.");
    assert_string_equal(a->source, "AP");
    assert_string_equal(a->url, "https://example.org/a1");
    assert_string_equal(a->origin, "news.jsonl:1");
    assert_int_equal(a->published, 1499162400);
    a = sf_corpus_get(c, 1);
    assert_string_equal(a->id, "news.jsonl:4");
    assert_string_equal(a->title, "");
    assert_int_equal(a->published, 1499162400);
    assert_string_equal(a->origin, "news.jsonl:4");
    a = sf_corpus_get(c, 2);
    assert_string_equal(a->id, "42");
    assert_int_equal(a->published, 0);
    sf_corpus_destroy(c);
}

/* An article's language: "lang" or "language" of a JSON record, reduced to
 * its primary subtag; a declared "en" on a page whose text is plainly
 * Spanish gives way (site templates); no code at all: told from the text,
 * else the run's language. */
static void article_language(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    const char *in =
        "{\"id\":\"a\",\"lang\":\"de-DE\",\"text\":\"Kurz.\"}\n"
        "{\"id\":\"b\",\"language\":\"es_AR\",\"text\":\"Corto.\"}\n"
        "{\"id\":\"c\",\"lang\":\"deu\",\"text\":\"Kurz.\"}\n"
        "{\"id\":\"d\",\"lang\":\"en\",\"text\":\"El presidente dijo que los precios de la "
        "energía subirán en el invierno y que el Gobierno tiene un plan para las familias de la "
        "región, pero la oposición dice que no es suficiente para los que más lo necesitan.\"}\n"
        "{\"id\":\"e\",\"lang\":\"not a code\",\"text\":\"Kurz.\"}\n"
        "{\"id\":\"f\",\"lang\":[\"de\"],\"text\":\"Short.\"}\n";
    assert_int_equal(READ_STR(c, "l.jsonl", in, SF_FORMAT_AUTO, 0, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 0);
    assert_int_equal(sf_corpus_count(c), 6);
    assert_string_equal(sf_corpus_get(c, 0)->lang, "de-DE");
    char l[SF__LANG_MAX];
    assert_string_equal(sf__article_lang(sf_corpus_get(c, 0), NULL, l), "de");
    assert_string_equal(sf__article_lang(sf_corpus_get(c, 1), NULL, l), "es");
    assert_string_equal(sf__article_lang(sf_corpus_get(c, 2), NULL, l), "de");
    assert_string_equal(sf__article_lang(sf_corpus_get(c, 3), NULL, l), "es");
    assert_string_equal(sf__article_lang(sf_corpus_get(c, 4), "fr", l), "fr");
    assert_string_equal(sf__article_lang(sf_corpus_get(c, 5), NULL, l), "en");
    sf_corpus_destroy(c);
}

/* A feed's HTML in the text field is read as a page's text: no tags, the
 * paragraphs kept apart, entities decoded, every paragraph kept. */
static void jsonl_markup_in_text(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    const char *in =
        "{\"id\":\"h1\",\"title\":\"Flood\",\"text\":\"<p>The Tamsin River flooded Kellport on Monday.</p>"
        "<p>About 2,000 residents left their homes &amp; farms. <a href=\\\"https://x.org\\\">Read more</a></p>"
        "<script>var x = 1;</script>\"}\n"
        "{\"id\":\"t1\",\"text\":\"The sign read x<y and a<b in the town hall on Monday.\"}\n";
    assert_int_equal(READ_STR(c, "m.jsonl", in, SF_FORMAT_AUTO, 1, &ds, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 2);
    const char *t = sf_corpus_get(c, 0)->text;
    assert_null(strchr(t, '<'));
    assert_null(strstr(t, "var x"));
    assert_non_null(strstr(t, "The Tamsin River flooded Kellport on Monday.\n\nAbout 2,000 residents left their homes & farms."));
    /* text with a lone "<" is no markup and is kept as written */
    assert_string_equal(sf_corpus_get(c, 1)->text, "The sign read x<y and a<b in the town hall on Monday.");
    sf_corpus_destroy(c);
}

static void jsonl_broken_line_in_the_middle(void **state) {
    (void)state;
    const char *in = "{\"id\":\"1\",\"text\":\"one\"}\n"
                     "{\"id\":\"2\",\"text\":\"tw\n"
                     "\n"
                     "{\"id\":\"3\",\"title\":\"no text\"}\n"
                     "{\"id\":\"4\",\"text\":\"four\"}\n";
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    assert_int_equal(READ_STR(c, "f.jsonl", in, SF_FORMAT_AUTO, 0, &ds, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 2);
    assert_string_equal(sf_corpus_get(c, 0)->id, "1");
    assert_string_equal(sf_corpus_get(c, 1)->id, "4");
    assert_string_equal(sf_corpus_get(c, 1)->origin, "f.jsonl:5");
    assert_int_equal(ds.n, 2);
    assert_string_equal(ds.d[0].file, "f.jsonl");
    assert_int_equal(ds.d[0].line, 2);
    assert_int_equal(ds.d[0].record, 2);
    assert_int_equal(ds.d[0].status, SF_ERR_PARSE);
    assert_string_equal(ds.d[0].message, "invalid JSON: unexpected end of input");
    assert_int_equal(ds.d[1].line, 4);
    assert_int_equal(ds.d[1].record, 3); /* blank lines are not records */
    assert_string_equal(ds.d[1].message, "field 'text' is missing");
    sf_corpus_destroy(c);

    /* strict: the first bad line stops the read with its message */
    c = sf_corpus_create();
    assert_int_equal(READ_STR(c, "f.jsonl", in, SF_FORMAT_AUTO, 1, &ds, &err), SF_ERR_PARSE);
    assert_int_equal(err.status, SF_ERR_PARSE);
    assert_string_equal(err.message, "f.jsonl:2: invalid JSON: unexpected end of input");
    assert_int_equal(sf_corpus_count(c), 1);
    assert_int_equal(ds.n, 1);
    sf_corpus_destroy(c);
}

static void jsonl_names_what_is_wrong(void **state) {
    (void)state;
    static const struct {
        const char *line, *message;
    } cases[] = {
        {"[1,2]", "not a JSON object but an array"},
        {"123", "not a JSON object"},
        {"{\"text\" \"x\"}", "invalid JSON: object property name separator ':' expected"},
        {"{\"text\":5}", "field 'text' must be a string, not a number"},
        {"{\"text\":\"x\",\"title\":[]}", "field 'title' must be a string, not an array"},
        {"{\"text\":\"  \"}", "field 'text' is empty"},
        {"{\"text\":null}", "field 'text' is missing"},
        {"{\"text\":\"x\",\"published\":\"yesterday\"}",
         "field 'published' is not a valid ISO 8601 date (a real day of the years 1800-2200, "
         "offset within +-14:00): 'yesterday'"},
        {"{\"text\":\"x\",\"published\":true}",
         "field 'published' must be a date string or epoch seconds, not a boolean"},
        {"{\"text\":\"x\",\"published\":1e300}",
         "field 'published' 1e300 is out of range (epoch seconds of the years 1800-2200)"},
        {"{\"text\":\"x\"} {\"text\":\"y\"}", "invalid JSON: unexpected data after the value"},
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(cases); i++) {
        sf_corpus *c = sf_corpus_create();
        diags ds;
        sf_error err = {0};
        char in[256];
        snprintf(in, sizeof in, "{\"text\":\"ok\"}\n%s\n", cases[i].line);
        assert_int_equal(READ_STR(c, "w.jsonl", in, SF_FORMAT_JSONL, 0, &ds, &err), SF_OK);
        assert_int_equal(sf_corpus_count(c), 1);
        assert_int_equal(ds.n, 1);
        assert_int_equal(ds.d[0].line, 2);
        assert_string_equal(ds.d[0].message, cases[i].message);
        sf_corpus_destroy(c);
    }
}

static void jsonl_fifty_megabyte_line(void **state) {
    (void)state;
    const size_t body = 50u << 20;
    const char *head = "{\"id\":\"big\",\"text\":\"";
    const char *tail = "\"}\n{\"id\":\"small\",\"text\":\"after\"}\n";
    size_t n = strlen(head) + body + strlen(tail);
    char *in = malloc(n);
    assert_non_null(in);
    memcpy(in, head, strlen(head));
    for (size_t i = 0; i < body; i++) in[strlen(head) + i] = (char)(i % 7 == 6 ? ' ' : 'a' + i % 7);
    memcpy(in + strlen(head) + body, tail, strlen(tail));
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    assert_int_equal(read_mem(c, "big.jsonl", in, n, SF_FORMAT_AUTO, 0, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 0);
    assert_int_equal(sf_corpus_count(c), 2);
    assert_int_equal(sf_corpus_get(c, 0)->text_len, body);
    assert_memory_equal(sf_corpus_get(c, 0)->text, "abcdef ", 7);
    assert_string_equal(sf_corpus_get(c, 1)->origin, "big.jsonl:2");
    sf_corpus_destroy(c);
    free(in);
}

/* --------------------------------------------------------------- sgml */

static const char TWO_DOCS[] =
    "\n<DOC>\n"
    "<DOCNO> APW19990707.0181 </DOCNO>\n"
    "<DATE_TIME> 1999-07-07 08:30:27 </DATE_TIME>\n"
    "<BODY>\n"
    "<HEADLINE>\n A &AMP; B:\n <I>the\ttest</I> </HEADLINE>\n"
    "<TEXT>\n"
    "<P>\n"
    "\tPINE RIDGE, S.D. (AP) -- First line  \n"
    "wrapped &amp; joined &#65;&#x42; &lt;x&gt; &QL;\n"
    "</P>\n"
    "<ANNOTATION>\n (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)\n</ANNOTATION>\n"
    "<P>\nSecond &HT;paragraph.&UR;\n</P>\n"
    "</TEXT>\n"
    "</BODY>\n"
    "<TRAILER> AP-NY-07-07-99 0830EDT </TRAILER>\n"
    "</DOC>\n"
    "<DOC>\n"
    "<DOCNO> XIE19990217.0078 </DOCNO>\n"
    "<DATE_TIME> 02/17/1999 13:05:00 </DATE_TIME>\n"
    "<TEXT>\n"
    "\t   Indented one\n"
    "wraps here.\n"
    "\t   Indented two &unknown; & more.\n"
    "</TEXT>\n"
    "</DOC>\n";

static void sgml_fields(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    char when[32];
    assert_int_equal(read_mem(c, "APW19990707.0181", TWO_DOCS, sizeof TWO_DOCS - 1,
                              SF_FORMAT_AUTO, 0, &ds, &err),
                     SF_OK);
    assert_int_equal(ds.n, 0);
    assert_int_equal(sf_corpus_count(c), 2);
    const sf_article *a = sf_corpus_get(c, 0);
    assert_string_equal(a->id, "APW19990707.0181");
    assert_string_equal(a->title, "A & B: the test");
    assert_string_equal(a->source, "AP");
    assert_string_equal(a->origin, "APW19990707.0181:2");
    iso(a->published, when);
    assert_string_equal(when, "1999-07-07T08:30:27Z");
    assert_string_equal(a->text, "PINE RIDGE, S.D. (AP) -- First line wrapped & joined AB <x>"
                                 "\n\nSecond paragraph.");
    a = sf_corpus_get(c, 1);
    assert_string_equal(a->id, "XIE19990217.0078");
    assert_string_equal(a->source, "Xinhua");
    assert_string_equal(a->title, "");
    iso(a->published, when);
    assert_string_equal(when, "1999-02-17T13:05:00Z");
    /* no <P>: indented lines start paragraphs, wrapped lines are joined */
    assert_string_equal(a->text, "Indented one wraps here.\n\nIndented two &unknown; & more.");
    sf_corpus_destroy(c);
}

static void sgml_text_without_p_or_indent_keeps_lines(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    const char *in = "<doc><docno>FOO123</docno><date>19990101</date>\n"
                     "<text>\nline   one\n\n\nline two\nline three\n\n</text></doc>";
    assert_int_equal(READ_STR(c, "x.sgml", in, SF_FORMAT_AUTO, 0, &ds, &err), SF_OK);
    assert_int_equal(ds.n, 0);
    const sf_article *a = sf_corpus_get(c, 0);
    assert_non_null(a);
    assert_string_equal(a->text, "line one\n\nline two\nline three");
    assert_string_equal(a->source, "FOO");
    char when[32];
    iso(a->published, when);
    assert_string_equal(when, "1999-01-01T00:00:00Z");
    sf_corpus_destroy(c);
}

static void sgml_day_month_swapped_dates(void **state) {
    (void)state;
    /* AP copy of June 1998 writes YYYY-DD-MM; the DOCNO names the day */
    const char *in = "<DOC><DOCNO>APW19980601.0806</DOCNO>"
                     "<DATE_TIME>1998-01-06 08:28:00</DATE_TIME><TEXT>a</TEXT></DOC>"
                     "<DOC><DOCNO>APW19980630.0763</DOCNO>"
                     "<DATE_TIME>1998-30-06 11:49:00</DATE_TIME><TEXT>b</TEXT></DOC>"
                     "<DOC><DOCNO>NYT19980612.0403</DOCNO>"
                     "<DATE_TIME>1998-06-11 22:16</DATE_TIME><TEXT>c</TEXT></DOC>"
                     "<DOC><DOCNO>X</DOCNO><DATE>someday</DATE><TEXT>d</TEXT></DOC>";
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    char when[32];
    assert_int_equal(READ_STR(c, "d.sgml", in, SF_FORMAT_AUTO, 0, &ds, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 4);
    iso(sf_corpus_get(c, 0)->published, when);
    assert_string_equal(when, "1998-06-01T08:28:00Z");
    iso(sf_corpus_get(c, 1)->published, when);
    assert_string_equal(when, "1998-06-30T11:49:00Z");
    iso(sf_corpus_get(c, 2)->published, when); /* a day off is a time zone, kept */
    assert_string_equal(when, "1998-06-11T22:16:00Z");
    assert_true(sf_corpus_get(c, 3)->published == SF_TIME_UNKNOWN);
    assert_int_equal(ds.n, 1);
    assert_string_equal(ds.d[0].message, "document 'X': unrecognised date 'someday'");
    sf_corpus_destroy(c);
}

static void sgml_truncated_keeps_what_is_complete(void **state) {
    (void)state;
    const char *in = "<DOC>\n<DOCNO> A1 </DOCNO>\n<TEXT>one</TEXT>\n"       /* lines 1-3 */
                     "<DOC>\n<DOCNO> A2 </DOCNO>\n<TEXT>two</TEXT>\n</DOC>\n" /* 4-7 */
                     "<DOC>\n<DOCNO> A3 </DOCNO>\n<TEXT>\n<P>complete</P>\n<P>cut o";
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    assert_int_equal(READ_STR(c, "t.sgml", in, SF_FORMAT_SGML, 0, &ds, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 3);
    assert_string_equal(sf_corpus_get(c, 0)->text, "one");
    assert_string_equal(sf_corpus_get(c, 1)->text, "two");
    assert_string_equal(sf_corpus_get(c, 2)->id, "A3");
    assert_string_equal(sf_corpus_get(c, 2)->text, "complete");
    assert_int_equal(ds.n, 3);
    assert_int_equal(ds.d[0].line, 1);
    assert_int_equal(ds.d[0].record, 1);
    assert_string_equal(ds.d[0].message, "<DOC> without </DOC> (truncated document)");
    assert_int_equal(ds.d[1].line, 8);
    assert_int_equal(ds.d[1].record, 3);
    assert_int_equal(ds.d[2].line, 10);
    assert_string_equal(ds.d[2].message, "document 'A3': <TEXT> without </TEXT>");
    sf_corpus_destroy(c);

    c = sf_corpus_create();
    assert_int_equal(READ_STR(c, "t.sgml", in, SF_FORMAT_SGML, 1, &ds, &err), SF_ERR_PARSE);
    assert_string_equal(err.message, "t.sgml:1: <DOC> without </DOC> (truncated document)");
    assert_int_equal(sf_corpus_count(c), 0);
    sf_corpus_destroy(c);

    /* no <DOC> at all, and a document without text */
    c = sf_corpus_create();
    assert_int_equal(READ_STR(c, "n.sgml", "hello <DOCNO>x</DOCNO>", SF_FORMAT_SGML, 0, &ds,
                              &err),
                     SF_OK);
    assert_int_equal(ds.n, 1);
    assert_string_equal(ds.d[0].message, "no <DOC> element found");
    assert_int_equal(READ_STR(c, "n.sgml", "<DOC><DOCNO>E1</DOCNO><TEXT> <P> </P> </TEXT></DOC>",
                              SF_FORMAT_SGML, 0, &ds, &err),
                     SF_OK);
    assert_int_equal(ds.n, 1);
    assert_string_equal(ds.d[0].message, "document 'E1' has no text");
    assert_int_equal(sf_corpus_count(c), 0);
    sf_corpus_destroy(c);
}

static void garbage_never_crashes(void **state) {
    (void)state;
    static const char *inputs[] = {
        "<DOC", "<DOC><TEXT", "<DOC><DOCNO", "<DOC><TEXT><P", "<DOC><TEXT>&#", "<DOC><TEXT>&#x",
        "<DOC><TEXT>&#99999999999;&#xFFFFFFFFFFFF;&#0;</TEXT>", "<DOC><TEXT><ANNOTATION>",
        "{", "{\"text\":", "{\"text\":\"\\u", "\"", "\\", "\xff\xfe\xfd", "<DOC><DATE>1/1/",
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(inputs); i++)
        for (int f = SF_FORMAT_AUTO; f <= SF_FORMAT_SGML; f++) {
            sf_corpus *c = sf_corpus_create();
            diags ds;
            sf_error err = {0};
            sf_status st = READ_STR(c, "g", inputs[i], (sf_format)f, 0, &ds, &err);
            assert_int_equal(st, SF_OK);
            /* every article is well-formed; otherwise a diag said why */
            for (size_t k = 0; k < sf_corpus_count(c); k++)
                assert_true(sf_corpus_get(c, k)->text[0] != '\0');
            assert_true(sf_corpus_count(c) + ds.n > 0);
            sf_corpus_destroy(c);
        }
}

/* --------------------------------------------------------- paths, dirs */

static void path_errors_and_limits(void **state) {
    (void)state;
    sf_corpus *c = sf_corpus_create();
    sf_error err = {0};
    assert_int_equal(sf_read_path(c, "/nonexistent/storyfold/x.txt", NULL, &err), SF_ERR_IO);
    assert_string_equal(err.message, "/nonexistent/storyfold/x.txt: cannot open: No such file "
                                     "or directory");
    assert_int_equal(sf_read_path(c, NULL, NULL, &err), SF_ERR_ARG);
    assert_int_equal(sf_read_memory(NULL, "x", "", 0, NULL, &err), SF_ERR_ARG);

    char dir[] = "/tmp/sf_ingest_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[600];
    path_join(p, sizeof p, dir, "big.txt");
    write_file(p, "Title\n0123456789012345678901234567890123456789\n");
    sf_read_options o = {.max_file_bytes = 20};
    assert_int_equal(sf_read_path(c, p, &o, &err), SF_ERR_TOO_LARGE);
    assert_non_null(strstr(err.message, p));
    assert_non_null(strstr(err.message, "over the limit of 20 bytes"));
    assert_int_equal(sf_read_memory(c, "mem", "0123456789012345678901", 22, &o, &err),
                     SF_ERR_TOO_LARGE);
    o.max_file_bytes = 0;
    assert_int_equal(sf_read_path(c, p, &o, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 1);
    assert_string_equal(sf_corpus_get(c, 0)->id, "big");

    /* "-" reads standard input fully */
    fflush(stdin);
    assert_non_null(freopen(p, "rb", stdin));
    assert_int_equal(sf_read_path(c, "-", NULL, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 2);
    assert_string_equal(sf_corpus_get(c, 1)->id, "stdin");
    assert_string_equal(sf_corpus_get(c, 1)->origin, "<stdin>");
    assert_string_equal(sf_corpus_get(c, 1)->text, "0123456789012345678901234567890123456789");
    sf_corpus_destroy(c);
    remove_tree(dir);
}

static void directory_read_recursively_in_name_order(void **state) {
    (void)state;
    char dir[] = "/tmp/sf_ingest_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[600];
    path_join(p, sizeof p, dir, "b.txt");
    write_file(p, "B\nbee");
    path_join(p, sizeof p, dir, "a.jsonl");
    write_file(p, "{\"id\":\"a1\",\"text\":\"x\"}\n{\"id\":\"a2\",\"text\":\"y\"}\n");
    path_join(p, sizeof p, dir, "Z.txt"); /* byte order: capitals first */
    write_file(p, "Z\nzed");
    path_join(p, sizeof p, dir, ".hidden.txt");
    write_file(p, "H\nhidden");
    path_join(p, sizeof p, dir, "sub");
    assert_int_equal(mkdir(p, 0700), 0);
    path_join(p, sizeof p, dir, "sub/APW1");
    write_file(p, "<DOC><DOCNO>APW1</DOCNO><TEXT>s</TEXT></DOC>");
    path_join(p, sizeof p, dir, "sub/.git");
    assert_int_equal(mkdir(p, 0700), 0);
    path_join(p, sizeof p, dir, "sub/.git/c.txt");
    write_file(p, "G\ngit");
    path_join(p, sizeof p, dir, "c");
    assert_int_equal(mkdir(p, 0700), 0);
    path_join(p, sizeof p, dir, "c/empty.txt");
    write_file(p, "");

    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    sf_read_options o = opts(SF_FORMAT_AUTO, 0, &ds);
    assert_int_equal(sf_read_path(c, dir, &o, &err), SF_OK);
    static const char *order[] = {"Z", "a1", "a2", "b", "APW1"};
    assert_int_equal(sf_corpus_count(c), SF_ARRAY_LEN(order));
    for (size_t i = 0; i < SF_ARRAY_LEN(order); i++)
        assert_string_equal(sf_corpus_get(c, i)->id, order[i]);
    path_join(p, sizeof p, dir, "sub/APW1:1"); /* file and line of the <DOC> */
    assert_string_equal(sf_corpus_get(c, 4)->origin, p);
    assert_int_equal(ds.n, 1);
    path_join(p, sizeof p, dir, "c/empty.txt");
    assert_string_equal(ds.d[0].file, p);
    assert_string_equal(ds.d[0].message, "empty file");
    sf_corpus_destroy(c);
    remove_tree(dir);
}

static void directory_with_unreadable_entries(void **state) {
    (void)state;
    char dir[] = "/tmp/sf_ingest_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[600], q[600];
    path_join(p, sizeof p, dir, "a.txt");
    write_file(p, "A\nay");
    /* a dangling symlink cannot be opened, even by root */
    path_join(p, sizeof p, dir, "b.txt");
    path_join(q, sizeof q, dir, "missing-target");
    assert_int_equal(symlink(q, p), 0);
    /* a FIFO is not read from (it could block forever) */
    path_join(p, sizeof p, dir, "c.txt");
    assert_int_equal(mkfifo(p, 0600), 0);
    /* mode 000 stops everyone but root */
    bool as_root = geteuid() == 0;
    path_join(p, sizeof p, dir, "d.txt");
    write_file(p, "D\ndee");
    assert_int_equal(chmod(p, 0), 0);
    path_join(p, sizeof p, dir, "e.txt");
    write_file(p, "E\nee");

    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    sf_read_options o = opts(SF_FORMAT_AUTO, 0, &ds);
    assert_int_equal(sf_read_path(c, dir, &o, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), as_root ? 3 : 2);
    assert_string_equal(sf_corpus_get(c, 0)->id, "a");
    assert_string_equal(sf_corpus_get(c, sf_corpus_count(c) - 1)->id, "e");
    assert_int_equal(ds.n, as_root ? 2 : 3);
    path_join(p, sizeof p, dir, "b.txt");
    assert_string_equal(ds.d[0].file, p);
    assert_int_equal(ds.d[0].status, SF_ERR_IO);
    assert_string_equal(ds.d[0].message, "cannot open: No such file or directory");
    assert_string_equal(ds.d[1].message, "not a regular file (a FIFO), skipped");
    if (!as_root) assert_string_equal(ds.d[2].message, "cannot open: Permission denied");
    sf_corpus_destroy(c);

    /* strict: the first unreadable entry stops the read */
    c = sf_corpus_create();
    o = opts(SF_FORMAT_AUTO, 1, &ds);
    assert_int_equal(sf_read_path(c, dir, &o, &err), SF_ERR_IO);
    path_join(p, sizeof p, dir, "b.txt");
    assert_non_null(strstr(err.message, p));
    assert_non_null(strstr(err.message, "No such file or directory"));
    assert_int_equal(sf_corpus_count(c), 1);
    sf_corpus_destroy(c);
    remove_tree(dir);
}

/* A directory's files are read on threads and replayed in order: the same
 * articles, ids (renames across files), origins and messages, in the same
 * order, for any number of threads; strict mode stops at the same record.
 * 300 files: more than one batch of files. */
typedef struct read_outcome {
    sf_status st;
    char err[512];
    size_t count, renamed, replaced;
    sf_buf ids; /* every article's id, origin, title and text, one line each */
    diags ds;
} read_outcome;

static void read_with_threads(const char *dir, unsigned threads, int strict, read_outcome *r) {
    sf_corpus *c = sf_corpus_create();
    sf_error err = {0};
    sf_read_options o = opts(SF_FORMAT_AUTO, strict, &r->ds);
    o.threads = threads;
    r->st = sf_read_path(c, dir, &o, &err);
    snprintf(r->err, sizeof r->err, "%s", r->st == SF_OK ? "" : err.message);
    r->count = sf_corpus_count(c);
    r->renamed = sf_corpus_renamed(c);
    r->replaced = sf_corpus_replaced(c);
    sf__buf_init(&r->ids, 0);
    for (size_t i = 0; i < r->count; i++) {
        const sf_article *a = sf_corpus_get(c, i);
        sf__buf_addf(&r->ids, "%s|%s|%s|%s\n", a->id, a->origin, a->title, a->text);
    }
    sf_corpus_destroy(c);
}

static void same_outcome(const read_outcome *a, const read_outcome *b) {
    assert_int_equal(a->st, b->st);
    assert_string_equal(a->err, b->err);
    assert_int_equal(a->count, b->count);
    assert_int_equal(a->replaced, b->replaced);
    assert_string_equal(sf__buf_cstr(&a->ids), sf__buf_cstr(&b->ids));
    assert_int_equal(a->ds.n, b->ds.n);
    for (size_t i = 0; i < a->ds.n && i < MAX_DIAGS; i++) {
        assert_int_equal(a->ds.d[i].status, b->ds.d[i].status);
        assert_string_equal(a->ds.d[i].file, b->ds.d[i].file);
        assert_int_equal(a->ds.d[i].line, b->ds.d[i].line);
        assert_int_equal(a->ds.d[i].record, b->ds.d[i].record);
        assert_string_equal(a->ds.d[i].message, b->ds.d[i].message);
    }
}

static void directory_read_on_threads_as_on_one(void **state) {
    (void)state;
    char dir[] = "/tmp/sf_ingest_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[600], name[64], data[400];
    path_join(p, sizeof p, dir, "sub");
    assert_int_equal(mkdir(p, 0700), 0);
    for (int i = 0; i < 300; i++) {
        /* every 13th is JSON Lines: a good line, broken ones, an id that
         * other files have with another text (renamed, a warning) and one
         * they have with the same text (renamed, a note); some files sit in
         * a subdirectory */
        snprintf(name, sizeof name, "%s%03d.txt", i % 17 == 5 ? "sub/f" : "f", i);
        if (i % 13 == 4) {
            snprintf(name, sizeof name, "f%03d.jsonl", i);
            snprintf(data, sizeof data,
                     "{\"id\":\"j%d\",\"text\":\"one\"}\nnot json\n{\"id\":\"j%d\"}\n"
                     "{\"id\":\"dup\",\"text\":\"text %d\"}\n"
                     "{\"id\":\"same\",\"text\":\"same text\"}\n",
                     i, i, i);
        } else {
            snprintf(data, sizeof data, "Title %d\nbody %d", i, i);
        }
        path_join(p, sizeof p, dir, name);
        write_file(p, data);
    }
    /* web pages (extracted on the threads too) */
    for (int i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "page%d.html", i);
        snprintf(data, sizeof data,
                 "<html><head><title>Page %d</title></head><body><nav>Home | News</nav>"
                 "<article><p>The council met on Monday and voted on the plan %d.</p>"
                 "<p>Residents said the vote came late.</p></article></body></html>",
                 i, i);
        path_join(p, sizeof p, dir, name);
        write_file(p, data);
    }
    /* an id with invalid UTF-8, twice; an empty file; a FIFO */
    path_join(p, sizeof p, dir, "g1.jsonl");
    write_file(p, "{\"id\":\"bad\xff\",\"text\":\"t\xfe\"}\n");
    path_join(p, sizeof p, dir, "g2.jsonl");
    write_file(p, "{\"id\":\"bad\xff\",\"text\":\"t\xfe\"}\n");
    path_join(p, sizeof p, dir, "g3.txt");
    write_file(p, "");
    path_join(p, sizeof p, dir, "g4.txt");
    assert_int_equal(mkfifo(p, 0600), 0);

    for (int strict = 0; strict <= 1; strict++) {
        read_outcome one;
        read_with_threads(dir, 1, strict, &one);
        if (!strict) {
            assert_int_equal(one.st, SF_OK);
            assert_true(one.count > 300);
            assert_true(one.renamed == 0 && one.replaced > 0);
            assert_non_null(strstr(sf__buf_cstr(&one.ids), "\nsame#3|"));
            assert_non_null(strstr(sf__buf_cstr(&one.ids), "\ndup#2|"));
            assert_non_null(strstr(sf__buf_cstr(&one.ids), "bad\xef\xbf\xbd#2|"));
            assert_true(one.ds.n > 20);
            assert_non_null(strstr(sf__buf_cstr(&one.ids), "\npage3|"));
            /* name order: f000 first; the first message is f004's line 2 */
            assert_memory_equal(sf__buf_cstr(&one.ids), "f000|", 5);
            assert_non_null(strstr(one.ds.d[0].file, "/f004.jsonl"));
            assert_int_equal(one.ds.d[0].line, 2);
        } else {
            assert_int_equal(one.st, SF_ERR_PARSE);
            assert_true(one.count > 0 && one.count < 20);
        }
        for (unsigned t = 2; t <= 8; t *= 2) {
            read_outcome many;
            read_with_threads(dir, t, strict, &many);
            same_outcome(&one, &many);
            sf__buf_release(&many.ids);
        }
        sf__buf_release(&one.ids);
    }
    remove_tree(dir);
}

/* ----------------------------------------------------------- DUC data */

static void duc_collections_read_cleanly(void **state) {
    (void)state;
    const char *shared = getenv("SF_SHARED_DIR");
    char d6[1024], d7[1024];
    snprintf(d6, sizeof d6, "%s/data/duc2006/docs", shared ? shared : "");
    snprintf(d7, sizeof d7, "%s/data/duc2007/docs/main", shared ? shared : "");
    struct stat st;
    if (!shared || stat(d6, &st) != 0 || stat(d7, &st) != 0) {
        print_message("skipped: DUC data not found (SF_SHARED_DIR=%s)\n", shared ? shared : "");
        skip();
    }
    sf_corpus *c = sf_corpus_create();
    diags ds;
    sf_error err = {0};
    sf_read_options o = opts(SF_FORMAT_AUTO, 0, &ds);
    assert_int_equal(sf_read_path(c, d6, &o, &err), SF_OK);
    assert_int_equal(sf_corpus_count(c), 50 * 25);
    /* the only problem: a Mac Finder file (_DS_Store) that ships with the
     * collection, which is binary and skipped; besides, notes for the
     * documents filed under two topics (same id, same text: renamed ID#2) */
    size_t problems = 0, again = 0;
    for (size_t i = 0; i < ds.n; i++) {
        if (ds.d[i].status == SF_OK) {
            assert_non_null(strstr(ds.d[i].message, "again with the same text: renamed"));
            again++;
            continue;
        }
        problems++;
        assert_non_null(strstr(ds.d[i].file, "/_DS_Store"));
        assert_string_equal(ds.d[i].message, "binary file skipped");
    }
    assert_int_equal(problems, 1);
    assert_int_equal(again, 10);
    const sf_article *known = NULL;
    for (size_t i = 0; i < sf_corpus_count(c); i++) {
        const sf_article *a = sf_corpus_get(c, i);
        assert_true(a->id[0] && a->text_len > 0 && a->text_len == strlen(a->text));
        assert_true(a->published != SF_TIME_UNKNOWN);
        assert_true(!strcmp(a->source, "AP") || !strcmp(a->source, "NYT") ||
                    !strcmp(a->source, "Xinhua"));
        if (!strcmp(a->id, "APW19990707.0181")) known = a;
    }
    assert_non_null(known);
    assert_string_equal(known->title, "Clinton Focuses on American Indians");
    char when[32];
    iso(known->published, when);
    assert_string_equal(when, "1999-07-07T08:30:27Z");
    assert_memory_equal(known->text, "PINE RIDGE, S.D. (AP) --", 24);
    assert_non_null(strstr(known->text, "American Indians.\n\nClinton was going"));
    assert_int_equal(sf_corpus_replaced(c), 0);
    /* this NYT story sits between </HEADLINE> and <TEXT>, not in TEXT */
    for (size_t i = 0; i < sf_corpus_count(c); i++)
        if (!strcmp(sf_corpus_get(c, i)->id, "NYT20000124.0244"))
            assert_memory_equal(sf_corpus_get(c, i)->text,
                                "ASTONISHING MEDICAL FACT: Placebos Work!", 40);

    o = opts(SF_FORMAT_AUTO, 1, &ds); /* strict: DUC 2007 has nothing to complain about */
    assert_int_equal(sf_read_path(c, d7, &o, &err), SF_OK);
    for (size_t i = 0; i < ds.n; i++) assert_int_equal(ds.d[i].status, SF_OK);
    assert_int_equal(sf_corpus_count(c), 50 * 25 + 45 * 25);
    sf_corpus_destroy(c);
}

/* ------------------------------------------- JSON Lines without json-c */

/* What the json-c path makes of a line (to_record in jsonl.c, written out
 * again here): false when json-c or the record refuses it. Strings are
 * copied into `store` (one record's worth). */
static bool json_c_record(const char *line, size_t n, sf_rec *r, char *store) {
    json_tokener *tok = json_tokener_new();
    json_object *o = json_tokener_parse_ex(tok, line, (int)n);
    bool ok = o && json_tokener_get_error(tok) == json_tokener_success &&
              json_object_is_type(o, json_type_object);
    if (ok) {
        sf_view rest = sf__view(line + json_tokener_get_parse_end(tok),
                                n - json_tokener_get_parse_end(tok));
        ok = sf__view_trim(rest).n == 0;
    }
    static const char *const KEYS[] = {"id", "title", "text", "source", "url"};
    sf_view *dst[] = {&r->id, &r->title, &r->text, &r->source, &r->url};
    *r = (sf_rec){0};
    r->published = SF_TIME_UNKNOWN;
    for (size_t k = 0; ok && k < 5; k++) {
        json_object *v;
        if (!json_object_object_get_ex(o, KEYS[k], &v) || !v) continue;
        if (!json_object_is_type(v, json_type_string)) {
            ok = false;
            break;
        }
        size_t len = (size_t)json_object_get_string_len(v);
        memcpy(store, json_object_get_string(v), len);
        *dst[k] = sf__view(store, len);
        store += len;
    }
    json_object *v;
    if (ok && json_object_object_get_ex(o, "published", &v) && v)
        ok = json_object_is_type(v, json_type_string) &&
             sf__parse_iso8601(sf__view(json_object_get_string(v),
                                        (size_t)json_object_get_string_len(v)),
                               &r->published);
    if (ok) ok = r->text.p && sf__view_trim(r->text).n > 0;
    for (int k = 0; ok && k < 2; k++) {
        if (json_object_object_get_ex(o, k ? "byline" : "author", &v) && v &&
            json_object_is_type(v, json_type_string) && json_object_get_string_len(v) > 0) {
            size_t len = (size_t)json_object_get_string_len(v);
            memcpy(store, json_object_get_string(v), len);
            r->author = sf__view(store, len);
            store += len;
            break;
        }
    }
    for (int k = 0; ok && k < 2; k++) {
        if (json_object_object_get_ex(o, k ? "language" : "lang", &v) && v &&
            json_object_is_type(v, json_type_string) && json_object_get_string_len(v) > 0) {
            size_t len = (size_t)json_object_get_string_len(v);
            memcpy(store, json_object_get_string(v), len);
            r->lang = sf__view(store, len);
            store += len;
            break;
        }
    }
    if (o) json_object_put(o);
    json_tokener_free(tok);
    return ok;
}

static void assert_view_equal(sf_view a, sf_view b) {
    assert_int_equal(a.n, b.n);
    if (a.n) assert_memory_equal(a.p, b.p, a.n);
}

/* The quick path, where it takes a line, gives exactly the json-c record;
 * returns whether it took it. */
static bool quick_as_json_c(const char *line, size_t n) {
    char *scratch = malloc(n + 1), *store = malloc(n + 1);
    sf_rec q, j;
    bool took = sf__jsonl_fast_record(sf__view(line, n), scratch, &q);
    bool good = json_c_record(line, n, &j, store);
    if (took) {
        if (!good) fail_msg("quick path took a line json-c refuses: %.*s", (int)n, line);
        assert_view_equal(q.id, j.id);
        assert_view_equal(q.title, j.title);
        assert_view_equal(q.text, j.text);
        assert_view_equal(q.source, j.source);
        assert_view_equal(q.url, j.url);
        assert_view_equal(q.author, j.author);
        assert_view_equal(q.lang, j.lang);
        assert_int_equal(q.published, j.published);
    }
    free(scratch);
    free(store);
    return took;
}

static void jsonl_quick_path_reads_as_json_c(void **state) {
    (void)state;
    /* lines it must take, each compared with json-c */
    static const char *const TAKEN[] = {
        "{\"id\":\"a\",\"title\":\"T\",\"text\":\"plain text\"}",
        "{\"id\":\"a\",\"text\":\"line\\none \\\"q\\\" \\\\ \\/ \\b\\f\\r\\t end\"}",
        "  { \"text\" : \"caf\\u00e9 \\u6771\\u4eac \\u0041\" , \"id\":null } \r",
        "{\"text\":\"emoji \\ud83d\\ude00 and \\uD834\\uDD1E\"}",
        "{\"text\":\"NUL \\u0000 inside\",\"published\":\"1999-07-07T08:30:27Z\"}",
        "{\"text\":\"raw\ttab and \x01 control, \xff bad byte, \xc3\xa9 good\"}",
        "{\"meta\":{\"a\":[1,-2.5e3,true,false,null,{\"b\":\"\\u1234\"}],\"c\":{}},\"text\":\"x\"}",
        "{\"text\":\"x\",\"author\":[\"A\",\"B\"],\"byline\":\"By C\"}",
        "{\"text\":\"x\",\"author\":\"\",\"byline\":\"By C\"}",
        "{\"text\":\"x\",\"author\":\"Ann\",\"byline\":\"By C\",\"\":0,\"n\":-0}",
        "{\"text\":\"x\",\"title\":null,\"source\":\"S\",\"url\":\"http:\\/\\/e.com\"}",
        "{\"text\":\"x\",\"lang\":\"de-DE\"}",
        "{\"text\":\"x\",\"language\":\"es_AR\",\"lang\":[\"de\"]}",
        "{\"text\":\"x\",\"lang\":\"\",\"language\":\"fr\"}",
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(TAKEN); i++)
        if (!quick_as_json_c(TAKEN[i], strlen(TAKEN[i]))) fail_msg("not taken: %s", TAKEN[i]);
    /* lines left to json-c: it either reads them its own way or says why */
    static const char *const LEFT[] = {
        "{\"id\":7,\"text\":\"x\"}",                   /* a number id */
        "{\"text\":\"x\",\"published\":946684800}",   /* epoch seconds */
        "{\"text\":\"x\",\"published\":\"soon\"}",     /* a bad date */
        "{\"text\":\"a\",\"text\":\"b\"}",             /* a key twice */
        "{\"te\\u0078t\":\"x\"}",                      /* an escaped key */
        "{\"text\":\"lone \\ud83d x\"}",               /* a lone surrogate */
        "{\"text\":\"lone \\ude00\"}",
        "{\"text\":\"   \"}",                          /* empty text */
        "{\"title\":\"no text\"}",
        "{}",
        "{\"text\":\"x\",}",                           /* not strict JSON */
        "{\"text\":'x'}",
        "{\"text\":\"x\"} trailing",
        "{\"text\":\"x\",\"n\":01}",
        "{\"text\":\"x\",\"n\":NaN}",
        "[{\"text\":\"x\"}]",
        "{\"text\":\"x\",\"t\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}", /* deep */
        "{\"text\":\"x\\q\"}",
        "{\"text\":\"x\\u12\"}",
        "{\"text\":\"cut",
    };
    for (size_t i = 0; i < SF_ARRAY_LEN(LEFT); i++)
        if (quick_as_json_c(LEFT[i], strlen(LEFT[i]))) fail_msg("taken: %s", LEFT[i]);
    {
        static const char nul[] = "{\"text\":\"raw \0 NUL\"}";
        assert_false(quick_as_json_c(nul, sizeof nul - 1));
    }
    /* every line above with each byte dropped, doubled or replaced: whatever
     * the quick path takes, it reads as json-c does */
    static const char SUBST[] = "\"\\{}[],:u0dD8e-. \x01\xc3";
    char buf[512];
    size_t taken = 0;
    for (size_t i = 0; i < SF_ARRAY_LEN(TAKEN) + SF_ARRAY_LEN(LEFT); i++) {
        const char *l = i < SF_ARRAY_LEN(TAKEN) ? TAKEN[i] : LEFT[i - SF_ARRAY_LEN(TAKEN)];
        size_t n = strlen(l);
        for (size_t at = 0; at < n; at++) {
            memcpy(buf, l, at);
            memcpy(buf + at, l + at + 1, n - at - 1);
            taken += quick_as_json_c(buf, n - 1);
            memcpy(buf, l, at + 1);
            memcpy(buf + at + 1, l + at, n - at);
            taken += quick_as_json_c(buf, n + 1);
            for (size_t k = 0; k < sizeof SUBST - 1; k++) {
                memcpy(buf, l, n);
                buf[at] = SUBST[k];
                taken += quick_as_json_c(buf, n);
            }
        }
    }
    assert_true(taken > 1000); /* the mutations kept many good lines */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_names_parse_back),
        cmocka_unit_test(files_around_a_page_read_whole),
        cmocka_unit_test(detect_by_extension_then_content),
        cmocka_unit_test(text_title_and_body),
        cmocka_unit_test(article_language),
        cmocka_unit_test(text_as_people_write_it),
        cmocka_unit_test(text_problems_are_reported),
        cmocka_unit_test(bad_bytes_are_replaced_and_counted),
        cmocka_unit_test(corpus_add_checks_ids_and_dates),
        cmocka_unit_test(corpus_many_copies_of_one_id),
        cmocka_unit_test(empty_and_binary_files_are_skipped),
        cmocka_unit_test(jsonl_fields),
        cmocka_unit_test(jsonl_markup_in_text), cmocka_unit_test(jsonl_broken_line_in_the_middle),
        cmocka_unit_test(jsonl_names_what_is_wrong),
        cmocka_unit_test(jsonl_fifty_megabyte_line),
        cmocka_unit_test(jsonl_quick_path_reads_as_json_c),
        cmocka_unit_test(sgml_fields),
        cmocka_unit_test(sgml_text_without_p_or_indent_keeps_lines),
        cmocka_unit_test(sgml_day_month_swapped_dates),
        cmocka_unit_test(sgml_truncated_keeps_what_is_complete),
        cmocka_unit_test(garbage_never_crashes),
        cmocka_unit_test(path_errors_and_limits),
        cmocka_unit_test(directory_read_recursively_in_name_order),
        cmocka_unit_test(directory_with_unreadable_entries),
        cmocka_unit_test(directory_read_on_threads_as_on_one),
        cmocka_unit_test(duc_collections_read_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

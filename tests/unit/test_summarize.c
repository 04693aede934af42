/* test_summarize.c - sentence cleaning, datelines, and summaries with
 * attribution on small stories. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "summarize/summarize.h"

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
    assert_int_equal(DATELINE("WASHINGTON --"), 0); /* nothing after it */
    assert_int_equal(DATELINE(""), 0);
}

static void standalone_rules(void **state) {
    (void)state;
    assert_true(sf__has_quotation("\"We will stay,\" she said.", 25));
    assert_true(sf__has_quotation("``No tribe needs it,'' he said.", 31));
    assert_true(sf__has_quotation("He called it \xE2\x80\x9C" "a milestone\xE2\x80\x9D.", 28));
    assert_true(sf__has_quotation("''Schools are under pressure,'' said June.", 41));
    assert_false(sf__has_quotation("The river rose two metres.", 26));
    const char *a = "He said the river rose.";
    const char *b = "Hebron was quiet on Monday.";
    const char *c = "However, the road stayed open.";
    assert_true(sf__needs_context(a, strlen(a), "en"));
    assert_false(sf__needs_context(b, strlen(b), "en"));
    assert_true(sf__needs_context(c, strlen(c), "en"));
    assert_false(sf__needs_context(a, strlen(a), "de")); /* no list: no guess */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(noise_is_recognised),
        cmocka_unit_test(datelines_are_found),
        cmocka_unit_test(standalone_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

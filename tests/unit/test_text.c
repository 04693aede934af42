/* test_text.c - the text core: UTF-8 repair, NFKC folding, tokens with
 * offsets, values and units, stemming, stopwords, the analyzer, and the
 * sentence splitter against tests/data/sentences_en.txt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "text/text.h"

/* ------------------------------------------------------------------ utf8 */

static void utf8_repairs_and_counts(void **state) {
    (void)state;
    sf_buf b;
    sf__buf_init(&b, 0);
    size_t rep = 0;
    /* a lone continuation byte, a truncated sequence, an overlong "/", a NUL */
    const char in[] = "a\x80" "b\xC3" "c\xC0\xAF" "d\0e \xC3\xA9";
    assert_int_equal(sf__utf8_clean(in, sizeof(in) - 1, &b, &rep), SF_OK);
    assert_string_equal(sf__buf_cstr(&b),
                        "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d e \xC3\xA9");
    assert_int_equal(rep, 5);
    assert_true(sf__utf8_valid(b.p, b.n));
    assert_false(sf__utf8_valid(in, sizeof(in) - 1));
    assert_false(sf__utf8_valid("a\0b", 3));
    /* decoding forwards and backwards */
    const char *s = "x\xC3\xA9\xF0\x9F\x98\x80";
    size_t i = 1;
    assert_int_equal(sf__utf8_next(s, 7, &i), 0xE9);
    assert_int_equal(i, 3);
    assert_int_equal(sf__utf8_next(s, 7, &i), 0x1F600);
    assert_int_equal(i, 7);
    assert_int_equal(sf__utf8_prev(s, &i), 0x1F600);
    assert_int_equal(i, 3);
    assert_int_equal(sf__utf8_prev(s, &i), 0xE9);
    assert_int_equal(i, 1);
    sf__buf_release(&b);
}

/* ------------------------------------------------------------- normalize */

static void check_fold(const char *in, const char *want) {
    sf_buf b;
    sf__buf_init(&b, 0);
    assert_int_equal(sf__fold(in, strlen(in), &b), SF_OK);
    assert_string_equal(sf__buf_cstr(&b), want);
    sf__buf_release(&b);
}

static void fold_nfkc_casefold(void **state) {
    (void)state;
    check_fold("Hello WORLD 42", "hello world 42");     /* ASCII fast path */
    check_fold("\xEF\xAC\x81nance", "finance");          /* U+FB01 ligature fi */
    check_fold("\xC3\x89" "COLE", "\xC3\xA9" "cole");    /* ÉCOLE -> école */
    check_fold("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", "123"); /* full-width digits */
    check_fold("Stra\xC3\x9F" "e", "strasse");           /* ß folds to ss */
    check_fold("E\xCC\x81", "\xC3\xA9");                 /* E + combining acute composes */
    check_fold("", "");
    /* a long non-ASCII input leaves the stack buffers */
    char big[3000];
    size_t k = 0;
    while (k + 2 < sizeof(big) - 1) {
        big[k++] = '\xC3';
        big[k++] = '\x89';
    }
    big[k] = '\0';
    sf_buf b;
    sf__buf_init(&b, 0);
    assert_int_equal(sf__fold(big, k, &b), SF_OK);
    assert_int_equal(b.n, k);
    assert_memory_equal(b.p, "\xC3\xA9\xC3\xA9", 4);
    sf__buf_release(&b);
}

/* -------------------------------------------------------------- tokenize */

typedef struct tokcheck {
    const char *text;    /* a single token expected, or the first of several */
    uint8_t kind;
    const char *tok;     /* bytes of [begin, end) */
    double value;
    const char *unit;    /* bytes of the unit, "" for none */
    uint8_t flags;
} tokcheck;

static void number_forms(void **state) {
    (void)state;
    static const tokcheck cases[] = {
        {"2,500 people", SF_TOK_NUMBER, "2,500", 2500, "", 0},
        {"100,000", SF_TOK_NUMBER, "100,000", 100000, "", 0},
        {"1,000,000.", SF_TOK_NUMBER, "1,000,000", 1000000, "", 0},
        {"2.5 times", SF_TOK_NUMBER, "2.5", 2.5, "", 0},
        /* groups with a period or a space, as German and French write them;
         * one period group of other digits stays a decimal */
        {"800.000 Jobs", SF_TOK_NUMBER, "800.000", 800000, "", 0},
        {"1.000.000 Euro", SF_TOK_NUMBER, "1.000.000", 1000000, "", 0},
        {"2.500 people", SF_TOK_NUMBER, "2.500", 2.5, "", 0},
        {"30 000 Liter", SF_TOK_NUMBER, "30 000", 30000, "", 0},
        {"12\xC2\xA0" "500 euros", SF_TOK_NUMBER, "12\xC2\xA0" "500", 12500, "", 0},
        {"12 500 euros", SF_TOK_NUMBER, "12", 12, "", 0},
        {"0.1", SF_TOK_NUMBER, "0.1", 0.1, "", 0},
        {"53.4 percent", SF_TOK_NUMBER, "53.4", 53.4, "", 0},
        {"8th", SF_TOK_NUMBER, "8th", 8, "", SF_TOKF_ORDINAL},
        {"21st century", SF_TOK_NUMBER, "21st", 21, "", SF_TOKF_ORDINAL},
        {"1990s music", SF_TOK_NUMBER, "1990s", 1990, "", SF_TOKF_DECADE},
        {"'90s", SF_TOK_NUMBER, "'90s", 90, "", SF_TOKF_DECADE},
        {"\xE2\x80\x99" "60s", SF_TOK_NUMBER, "\xE2\x80\x99" "60s", 60, "", SF_TOKF_DECADE},
        {"-3 degrees", SF_TOK_NUMBER, "-3", -3, "", 0},
        {"12%", SF_TOK_NUMBER, "12%", 12, "%", SF_TOKF_PERCENT},
        {"2.5km", SF_TOK_NUMBER, "2.5km", 2.5, "km", 0},
        {"25-meter pool", SF_TOK_NUMBER, "25-meter", 25, "meter", 0},
        {"$5 bill", SF_TOK_NUMBER, "$5", 5, "$", 0},
        {"$21,619,", SF_TOK_NUMBER, "$21,619", 21619, "$", 0},
        {"\xE2\x82\xAC" "3.5", SF_TOK_NUMBER, "\xE2\x82\xAC" "3.5", 3.5, "\xE2\x82\xAC", 0},
        {"\xEF\xBC\x94\xEF\xBC\x92", SF_TOK_NUMBER, "\xEF\xBC\x94\xEF\xBC\x92", 42, "", 0},
        {"12345678901234567890123", SF_TOK_NUMBER, "12345678901234567890123", 1.2345678901234568e22, "", 0},
        {"U.S. troops", SF_TOK_WORD, "U.S.", 0, "", SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS},
        {"e.g. this", SF_TOK_WORD, "e.g.", 0, "", 0},
        {"don't", SF_TOK_WORD, "don't", 0, "", 0},
        {"Clinton\xE2\x80\x99s visit", SF_TOK_WORD, "Clinton\xE2\x80\x99s", 0, "", SF_TOKF_CAPITAL},
        {"Twenty-nine percent", SF_TOK_WORD, "Twenty-nine", 0, "", SF_TOKF_CAPITAL},
        {"NATO said", SF_TOK_WORD, "NATO", 0, "", SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS},
        {"Mr. Smith", SF_TOK_WORD, "Mr", 0, "", SF_TOKF_CAPITAL},
        {"example.com", SF_TOK_WORD, "example", 0, "", 0},
        {"\xC3\xA9" "cole", SF_TOK_WORD, "\xC3\xA9" "cole", 0, "", 0},
        {"--", SF_TOK_PUNCT, "--", 0, "", 0},
        {"``Hi", SF_TOK_PUNCT, "``", 0, "", 0},
    };
    for (size_t k = 0; k < SF_ARRAY_LEN(cases); k++) {
        const tokcheck *c = &cases[k];
        sf_tokvec v = {0};
        assert_int_equal(sf__tokenize(c->text, strlen(c->text), &v), SF_OK);
        assert_true(v.n >= 1);
        const sf_token *t = &v.items[0];
        size_t tl = t->end - t->begin, ul = t->unit_end - t->unit_begin;
        if (t->kind != c->kind || tl != strlen(c->tok) ||
            memcmp(c->text + t->begin, c->tok, tl) != 0 || ul != strlen(c->unit) ||
            memcmp(c->text + t->unit_begin, c->unit, ul) != 0 || t->flags != c->flags ||
            t->value != c->value) {
            print_error("case '%s': want kind %d '%s' unit '%s' value %.17g flags %u;"
                        " got kind %d '%.*s' unit '%.*s' value %.17g flags %u\n",
                        c->text, c->kind, c->tok, c->unit, c->value, c->flags, t->kind,
                        (int)tl, c->text + t->begin, (int)ul, c->text + t->unit_begin,
                        t->value, t->flags);
            fail();
        }
        SF_VEC_FREE(&v);
    }
}

static void token_offsets_in_a_sentence(void **state) {
    (void)state;
    const char *s = "On Jan. 5, 1,200 \xE2\x80\x9Cnew\xE2\x80\x9D jobs -- up 3% -- came.";
    static const char *const want[] = {"On", "Jan", ".", "5", ",", "1,200",
                                       "\xE2\x80\x9C", "new", "\xE2\x80\x9D", "jobs", "--", "up",
                                       "3%", "--", "came", "."};
    sf_tokvec v = {0};
    assert_int_equal(sf__tokenize(s, strlen(s), &v), SF_OK);
    assert_int_equal(v.n, SF_ARRAY_LEN(want));
    for (size_t k = 0; k < v.n; k++) {
        size_t len = v.items[k].end - v.items[k].begin;
        assert_int_equal(len, strlen(want[k]));
        assert_memory_equal(s + v.items[k].begin, want[k], len);
    }
    assert_int_equal(v.items[3].value, 5);
    assert_int_equal(v.items[5].value, 1200);
    /* a hyphen between numbers is a range, not a minus sign */
    v.n = 0;
    assert_int_equal(sf__tokenize("1990-1995", 9, &v), SF_OK);
    assert_int_equal(v.n, 3);
    assert_int_equal(v.items[2].value, 1995);
    assert_int_equal(v.items[1].kind, SF_TOK_PUNCT);
    SF_VEC_FREE(&v);
}

/* ------------------------------------------------------ stem, stopwords */

static void stem_words(const char *lang, const char *word, const char *want) {
    sf_stemmer *st = sf__stemmer_create(lang);
    assert_non_null(st);
    size_t len = 0;
    const char *r = sf__stem(st, word, strlen(word), &len);
    if (len != strlen(want) || memcmp(r, want, len) != 0) {
        print_error("stem %s '%s': want '%s' got '%.*s'\n", lang, word, want, (int)len, r);
        fail();
    }
    sf__stemmer_destroy(st);
}

static void stemming(void **state) {
    (void)state;
    stem_words("en", "running", "run");
    stem_words("en", "policies", "polici");
    stem_words("english", "elections", "elect");
    stem_words("porter", "generalization", "gener");
    stem_words("en-US", "houses", "hous");
    stem_words("de", "häuser", "haus");
    stem_words("fr", "continuellement", "continuel");
    assert_null(sf__stemmer_create("xx"));
    sf__stemmer_destroy(NULL);
}

static void stopwords(void **state) {
    (void)state;
    assert_true(sf__is_stopword("en", "the", 3));
    assert_true(sf__is_stopword(NULL, "a", 1));
    assert_true(sf__is_stopword("en", "yourselves", 10));
    assert_true(sf__is_stopword("en", "don't", 5));
    assert_true(sf__is_stopword("en-GB", "which", 5));
    assert_false(sf__is_stopword("en", "storm", 5));
    assert_false(sf__is_stopword("en", "thee", 4));
    assert_false(sf__is_stopword("en", "", 0));
    assert_true(sf__is_stopword("de", "und", 3));
    assert_true(sf__is_stopword("fr", "les", 3));
    assert_true(sf__is_stopword("es", "los", 3));
    assert_false(sf__is_stopword("de", "the", 3));
    assert_false(sf__is_stopword("zz", "the", 3));
}

/* -------------------------------------------------------------- analyzer */

static sf_status collect(void *user, const char *term, size_t len, const sf_token *tok) {
    (void)tok;
    sf_buf *b = user;
    if (b->n) sf__buf_addc(b, ' ');
    return sf__buf_add(b, term, len);
}

static sf_status stop_at_second(void *user, const char *term, size_t len, const sf_token *tok) {
    (void)term, (void)len, (void)tok;
    int *n = user;
    return ++*n == 2 ? SF_ERR_ARG : SF_OK;
}

static void analyzer_terms(void **state) {
    (void)state;
    sf_analyzer *a = sf__analyzer_create("en");
    assert_non_null(a);
    sf_buf b;
    sf__buf_init(&b, 0);
    const char *s = "The 2,500 Runners ran a 2.5km race \xE2\x80\x94 in the 1990s, "
                    "they didn\xE2\x80\x99t WIN \xEF\xAC\x81nals!";
    assert_int_equal(sf__analyze(a, s, strlen(s), collect, &b), SF_OK);
    assert_string_equal(sf__buf_cstr(&b), "2500 runner ran 2.5 km race 1990 win final");
    /* the buffers are reused across calls */
    sf__buf_reset(&b);
    s = "Elections: -3 \xEF\xBC\x94\xEF\xBC\x92";
    assert_int_equal(sf__analyze(a, s, strlen(s), collect, &b), SF_OK);
    assert_string_equal(sf__buf_cstr(&b), "elect -3 42");
    int count = 0;
    assert_int_equal(sf__analyze(a, "one two three", 13, stop_at_second, &count), SF_ERR_ARG);
    assert_int_equal(count, 2);
    sf__buf_release(&b);
    sf__analyzer_destroy(a);
    /* a language without a stemmer or stopwords still yields folded words */
    a = sf__analyzer_create("zz");
    assert_non_null(a);
    sf__buf_init(&b, 0);
    assert_int_equal(sf__analyze(a, "The Houses", 10, collect, &b), SF_OK);
    assert_string_equal(sf__buf_cstr(&b), "the houses");
    sf__buf_release(&b);
    sf__analyzer_destroy(a);
}

/* ------------------------------------------------------------- sentences */

static void sentences_api(void **state) {
    (void)state;
    sf_span *sp = NULL;
    size_t n = 99;
    const char *s = "  One here.  Two there!\n\n";
    assert_int_equal(sf_sentences(s, strlen(s), NULL, &sp, &n, NULL), SF_OK);
    assert_int_equal(n, 2);
    assert_int_equal(sp[0].begin, 2);
    assert_int_equal(sp[0].end, 11);
    assert_int_equal(sp[1].begin, 13);
    assert_int_equal(sp[1].end, 23);
    sf_free(sp);
    assert_int_equal(sf_sentences("   \n\t ", 6, "en", &sp, &n, NULL), SF_OK);
    assert_int_equal(n, 0);
    sf_free(sp);
    assert_int_equal(sf_sentences("", 0, "en", &sp, &n, NULL), SF_OK);
    assert_int_equal(n, 0);
    sf_error err;
    assert_int_equal(sf_sentences("x", 1, "en", NULL, &n, &err), SF_ERR_ARG);
    assert_int_equal(err.status, SF_ERR_ARG);
    /* other languages: German abbreviations; unknown ones fall back to ICU */
    s = "Das kostet z.B. 5 Euro. Dr. Weber kam nicht.";
    assert_int_equal(sf_sentences(s, strlen(s), "de", &sp, &n, NULL), SF_OK);
    assert_int_equal(n, 2);
    sf_free(sp);
    s = "Il est venu. Il est parti.";
    assert_int_equal(sf_sentences(s, strlen(s), "xx", &sp, &n, NULL), SF_OK);
    assert_int_equal(n, 2);
    sf_free(sp);
    /* invalid UTF-8 does not upset the offsets */
    s = "Bad \xFF byte. Next one \xC3.";
    assert_int_equal(sf_sentences(s, strlen(s), "en", &sp, &n, NULL), SF_OK);
    assert_int_equal(n, 2);
    assert_int_equal(sp[1].end, strlen(s));
    sf_free(sp);
}

/* Decode a case line: " || " -> one space, "||" -> nothing, \n \t escapes.
 * `text` gets the input; `want` the expected sentences, each trimmed, joined
 * by '\x1F'. */
static void decode_case(const char *line, sf_buf *text, sf_buf *want) {
    sf_buf piece;
    sf__buf_init(&piece, 0);
    for (const char *p = line;; p++) {
        bool bar = p[0] == '|' && p[1] == '|';
        if (bar || *p == '\0') {
            sf_view v = sf__view_trim(sf__view(sf__buf_cstr(&piece), piece.n));
            if (v.n) {
                if (want->n) sf__buf_addc(want, '\x1F');
                sf__buf_add(want, v.p, v.n);
            }
            sf__buf_reset(&piece);
            if (*p == '\0') break;
            if (bar) {
                /* " || " stands for one space: the space before is kept */
                p++;
                if (p[1] == ' ' && p > line + 1 && p[-2] == ' ') p++;
                continue;
            }
        }
        char ch = *p;
        if (ch == '\\' && (p[1] == 'n' || p[1] == 't')) {
            ch = p[1] == 'n' ? '\n' : '\t';
            p++;
        }
        sf__buf_addc(text, ch);
        sf__buf_addc(&piece, ch);
    }
    sf__buf_release(&piece);
}

static void sentences_hard_cases(void **state) {
    (void)state;
    const char *src = getenv("SF_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof(path), "%s/tests/data/sentences_en.txt", src ? src : ".");
    FILE *f = fopen(path, "rb");
    if (!f) {
        print_error("cannot open %s (set SF_SOURCE_DIR to the source tree)\n", path);
        fail();
    }
    char line[4096];
    size_t cases = 0, failed = 0, lineno = 0;
    sf_buf text, want, got;
    sf__buf_init(&text, 0);
    sf__buf_init(&want, 0);
    sf__buf_init(&got, 0);
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        cases++;
        sf__buf_reset(&text);
        sf__buf_reset(&want);
        sf__buf_reset(&got);
        decode_case(line, &text, &want);
        sf_spanvec v = {0};
        assert_int_equal(sf__sentences(sf__buf_cstr(&text), text.n, "en", &v), SF_OK);
        for (size_t k = 0; k < v.n; k++) {
            if (k) sf__buf_addc(&got, '\x1F');
            sf__buf_add(&got, text.p + v.items[k].begin, v.items[k].end - v.items[k].begin);
        }
        SF_VEC_FREE(&v);
        if (strcmp(sf__buf_cstr(&want), sf__buf_cstr(&got)) != 0) {
            failed++;
            for (char *p = want.p; p && *p; p++) if (*p == '\x1F') *p = '|';
            for (char *p = got.p; p && *p; p++) if (*p == '\x1F') *p = '|';
            print_error("sentences_en.txt:%zu\n  want: %s\n  got:  %s\n", lineno,
                        sf__buf_cstr(&want), sf__buf_cstr(&got));
        }
    }
    fclose(f);
    sf__buf_release(&text);
    sf__buf_release(&want);
    sf__buf_release(&got);
    print_message("sentence cases: %zu, failed: %zu\n", cases, failed);
    assert_true(cases >= 100);
    assert_int_equal(failed, 0);
}

/* ------------------------------------------------------------------- doc */

/* The terms of text[0..n) as "term|term|", by the analyzer itself. */
static sf_status doc_collect(void *user, const char *term, size_t len, const sf_token *tok) {
    (void)tok;
    sf_buf *b = user;
    sf__buf_add(b, term, len);
    return sf__buf_addc(b, '|');
}

static void doc_texts_check(const char *lang, const char *text) {
    size_t n = strlen(text);
    sf_analyzer *an = sf__analyzer_create(lang);
    assert_non_null(an);
    sf_doc d;
    assert_int_equal(sf__doc_build(&d, 7, text, n, lang, an), SF_OK);
    assert_true(d.analyzed);
    assert_int_equal(d.article, 7);
    assert_string_equal(d.lang, lang);
    /* the doc's terms are the analyzer's, in order, and tok_term ranges
     * cover them one token after another */
    sf_buf want, got, fold;
    sf__buf_init(&want, 0);
    sf__buf_init(&got, 0);
    sf__buf_init(&fold, 0);
    assert_int_equal(sf__analyze(an, text, n, doc_collect, &want), SF_OK);
    assert_int_equal(d.tok_term[0], 0);
    for (size_t t = 0; t < d.toks.n; t++) {
        assert_true(d.tok_term[t] <= d.tok_term[t + 1]);
        for (size_t k = d.tok_term[t]; k < d.tok_term[t + 1]; k++) {
            sf__buf_add(&got, d.terms.p + d.term.items[k].off, d.term.items[k].len);
            sf__buf_addc(&got, '|');
        }
        /* fold hash and stopword flag of each word and number */
        const sf_token *tk = &d.toks.items[t];
        if (tk->kind == SF_TOK_PUNCT) {
            assert_int_equal(d.fold[t], 0);
            continue;
        }
        sf__buf_reset(&fold);
        assert_int_equal(sf__fold(text + tk->begin, tk->end - tk->begin, &fold), SF_OK);
        assert_true(d.fold[t] == sf__hash64(fold.p, fold.n, 0));
        assert_int_equal(d.stop[t], tk->kind == SF_TOK_WORD && sf__is_stopword(lang, fold.p, fold.n));
    }
    assert_int_equal(d.tok_term[d.toks.n], d.term.n);
    assert_string_equal(sf__buf_cstr(&got), sf__buf_cstr(&want));
    /* every range the doc answers for tokenizes alone into its tokens */
    size_t answered = 0, refused = 0;
    sf_tokvec alone = {0};
    for (size_t b = 0; b <= n; b++)
        for (size_t e = b; e <= n; e++) {
            size_t t0, t1;
            if (!sf__doc_tokens_of(&d, b, e, &t0, &t1)) {
                refused++;
                continue;
            }
            answered++;
            alone.n = 0;
            assert_int_equal(sf__tokenize(text + b, e - b, &alone), SF_OK);
            if (alone.n != t1 - t0)
                fail_msg("[%zu,%zu) '%.*s': %zu tokens alone, %zu in the doc", b, e, (int)(e - b),
                         text + b, alone.n, t1 - t0);
            for (size_t k = 0; k < alone.n; k++) {
                const sf_token *x = &alone.items[k], *y = &d.toks.items[t0 + k];
                if (x->begin + b != y->begin || x->end + b != y->end || x->kind != y->kind ||
                    x->flags != y->flags || x->value != y->value ||
                    x->unit_begin + b != y->unit_begin || x->unit_end + b != y->unit_end)
                    fail_msg("[%zu,%zu) token %zu differs: [%zu,%zu) alone, [%zu,%zu) in the doc",
                             b, e, k, x->begin + b, x->end + b, y->begin, y->end);
            }
        }
    /* a range inside a word is refused; the sentences are answered */
    assert_true(refused > 0 && answered > 0);
    for (size_t s = 0; s < d.sents.n; s++) {
        size_t t0, t1;
        assert_true(sf__doc_tokens_of(&d, d.sents.items[s].begin, d.sents.items[s].end, &t0, &t1));
        assert_int_equal(t0, d.sent_tok[s]);
    }
    SF_VEC_FREE(&alone);
    sf__buf_release(&want);
    sf__buf_release(&got);
    sf__buf_release(&fold);
    sf__doc_release(&d);
    sf__analyzer_destroy(an);
}

static void doc_built_once_matches_the_chain(void **state) {
    (void)state;
    doc_texts_check("en", "WASHINGTON (AP) -- The U.S. Senate voted 52-48 on Tuesday.\n"
                          "A 2.5km road cost $5 million, up 12% since the '90s.\n"
                          "\"We won't stop,\" said Mr. O'Neill, who runs the 3rd-largest firm.");
    doc_texts_check("de", "BERLIN - Die Feuerwehr in Köln-Porz rückte mit 45 Einsatzkräften aus. "
                          "Anna Berger sagte: „Das war knapp.“ Dr. Weber kam um 8.30 Uhr.");
    /* an analyzer of another language is refused */
    sf_analyzer *an = sf__analyzer_create("de");
    sf_doc d;
    assert_int_equal(sf__doc_build(&d, 0, "Hello there.", 12, "en-US", an), SF_ERR_ARG);
    sf__analyzer_destroy(an);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_repairs_and_counts),
        cmocka_unit_test(fold_nfkc_casefold),
        cmocka_unit_test(number_forms),
        cmocka_unit_test(token_offsets_in_a_sentence),
        cmocka_unit_test(stemming),
        cmocka_unit_test(stopwords),
        cmocka_unit_test(analyzer_terms),
        cmocka_unit_test(sentences_api),
        cmocka_unit_test(sentences_hard_cases),
        cmocka_unit_test(doc_built_once_matches_the_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

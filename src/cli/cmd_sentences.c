/* cmd_sentences.c - `storyfold sentences`: each sentence of each article on
 * its own line, a blank line between articles. */
#include "cli.h"
#include "cli_args.h"

#include <stdio.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold sentences [OPTIONS] PATH...\n"
            "\n"
            "Print each sentence of each article on its own line (the title first),\n"
            "with a blank line between articles. Line breaks inside a sentence are\n"
            "printed as spaces.\n"
            "\n"
            "Options:\n"
            "  --lang L          language of the text, ISO 639-1 (default: en)\n"
            SF_CLI_INPUT_HELP SF_CLI_READING_HELP);
}

static void print_sentence(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        if (ch == '\n' || ch == '\r' || ch == '\t') {
            /* fold a run of white space into one space */
            while (i + 1 < n && (p[i + 1] == '\n' || p[i + 1] == '\r' || p[i + 1] == '\t' || p[i + 1] == ' ')) i++;
            ch = ' ';
        }
        putchar(ch);
    }
    putchar('\n');
}

static int sentences_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i) {
    static const sf_cli_opt opts[] = {{"--lang", 0, true, 0}};
    const char *v;
    int r = sf_cli_match(in->prog, opts, 1, argc, argv, i, &v);
    if (r == SF_CLI_OTHER) return 0;
    if (r < 0) return -1;
    *(const char **)user = v;
    return 1;
}

int sf_cmd_sentences(int argc, char **argv) {
    sf_cli_inputs in = {.prog = "storyfold sentences"};
    const char *lang = "en";
    char **paths;
    int npaths;
    int code = sf_cli_parse(&in, argc, argv, help, sentences_option, &lang, &paths, &npaths);
    if (code >= 0) return code;
    code = SF_EXIT_OK;
    sf_corpus *c = sf_cli_read_all(&in, paths, npaths, &code);
    if (!c) return code;
    size_t n = sf_corpus_count(c);
    for (size_t a = 0; a < n && code == SF_EXIT_OK; a++) {
        const sf_article *art = sf_corpus_get(c, a);
        if (a) putchar('\n');
        if (art->title[0]) print_sentence(art->title, strlen(art->title));
        sf_span *spans = NULL;
        size_t count = 0;
        sf_error err = {0};
        if (sf_sentences(art->text, art->text_len, lang, &spans, &count, &err) != SF_OK) {
            sf_cli_error(in.prog, "%s: %s", art->origin, err.message);
            code = SF_EXIT_INPUT;
        }
        for (size_t k = 0; k < count; k++)
            print_sentence(art->text + spans[k].begin, spans[k].end - spans[k].begin);
        sf_free(spans);
    }
    sf_corpus_destroy(c);
    if (in.problems && code == SF_EXIT_OK) code = SF_EXIT_INPUT;
    return code;
}

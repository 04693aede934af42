/* cmd_summarize.c - `storyfold summarize`: all the articles given are one
 * story; print its summary, cut at N words or bytes the way ROUGE cuts
 * (ROUGE-1.5.5 -l keeps the first N white-space separated words, -b the
 * first N bytes). */
#include "cli.h"
#include "cli_args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold summarize [OPTIONS] PATH...\n"
            "\n"
            "Take all the articles given as one story and print its summary: sentences\n"
            "drawn from the articles, each citing every article that says it.\n"
            "\n"
            "Options:\n"
            "  --words N         length budget in words (default 100); the text output is\n"
            "                    cut at N words\n"
            "  --bytes N         cut the text output at N bytes instead\n"
            "  --format F        text (default: one sentence per line, cut as above) or json\n"
            SF_CLI_RUN_HELP
            SF_CLI_INPUT_HELP SF_CLI_READING_HELP);
}

/* Print sentences one per line, stopping after `words` words or `bytes` bytes
 * of sentence text (a cut sentence ends where the budget ends). */
static void print_cut(const sf_result *r, size_t words, size_t bytes) {
    size_t nw = 0, nb = 0;
    size_t ns = sf_story_summary_count(r, 0);
    for (size_t k = 0; k < ns; k++) {
        const char *s = sf_story_summary_sentence(r, 0, k, NULL, NULL);
        size_t len = strlen(s);
        if (bytes) {
            if (nb >= bytes) break;
            size_t take = len < bytes - nb ? len : bytes - nb;
            fwrite(s, 1, take, stdout);
            nb += take + 1; /* the newline counts as the separating space */
        } else {
            size_t i = 0;
            while (i < len && nw < words) {
                while (i < len && s[i] == ' ') i++;
                size_t w0 = i;
                while (i < len && s[i] != ' ') i++;
                if (i > w0) nw++;
            }
            fwrite(s, 1, i, stdout);
        }
        putchar('\n');
        if (!bytes && nw >= words) break;
    }
}

int sf_cmd_summarize(int argc, char **argv) {
    sf_cli_inputs in = {.prog = "storyfold summarize"};
    sf_cli_run_args ra = {.text_format = "text", .allow_bytes = true};
    char **paths;
    int npaths;
    int code = sf_cli_parse(&in, argc, argv, help, sf_cli_run_option, &ra, &paths, &npaths);
    if (code >= 0) return code;
    code = SF_EXIT_OK;
    sf_run_options opt = ra.opt;
    size_t bytes = ra.bytes;
    bool json = ra.json;
    /* a byte budget still needs a word budget for selection: a word is
     * about six bytes of English with its space */
    if (bytes && !opt.summary_words) opt.summary_words = bytes / 6 + 1;
    in.threads = opt.threads;
    sf_corpus *c = sf_cli_read_some(&in, paths, npaths, &code);
    if (!c) return code;
    sf_result *res = NULL;
    sf_error err = {0};
    opt.progress = sf_cli_run_progress;
    opt.no_facts = !json; /* the text output shows the summary only */
    sf_status st = sf_summarize_all(c, &opt, &res, &err);
    sf_cli_progress_end();
    if (st == SF_OK && json) st = sf_write_json(res, c, stdout, &err);
    else if (st == SF_OK) print_cut(res, opt.summary_words ? opt.summary_words : 100, bytes);
    code = sf_cli_exit_code(&in, st, &err);
    sf_result_destroy(res);
    sf_corpus_destroy(c);
    return code;
}

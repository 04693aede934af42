/* cmd_summarize.c - `storyfold summarize`: all the articles given are one
 * story; print its summary, cut at N words or bytes the way ROUGE cuts
 * (ROUGE-1.5.5 -l keeps the first N white-space separated words, -b the
 * first N bytes). */
#include "cli.h"

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
            "  --method M        concepts (default: bigram coverage) or centroid\n"
            "  --query TEXT      what the reader asks (a topic or question): the summary\n"
            "                    favours what shares its words (default: generic)\n"
            "  --lang L          language of the articles, ISO 639-1 (default en)\n"
            "  --aliases FILE    names of one thing, one group a line, \" = \" between\n"
            "                    names, the first canonical, '#' starts a comment:\n"
            "                      Islamic State = IS = ISIS = ISIL = Daesh\n"
            "                    (added to the bundled list; see docs/aliases.md)\n"
            SF_CLI_INPUT_HELP);
}

static bool parse_count(const char *s, size_t *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v <= 0 || v > 10000000) return false;
    *out = (size_t)v;
    return true;
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
    sf_run_options opt = {0};
    size_t bytes = 0;
    bool json = false;
    char **paths = argv + 1;
    int npaths = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (sf_cli_is_help(a)) {
            help(stdout);
            return SF_EXIT_OK;
        }
        int r = sf_cli_input_option(&in, argc, argv, &i);
        if (r < 0) return SF_EXIT_USAGE;
        if (r > 0) continue;
        bool has_value = i + 1 < argc;
        if ((strcmp(a, "--words") == 0 || strcmp(a, "--bytes") == 0) && has_value) {
            size_t v;
            if (!parse_count(argv[++i], &v)) {
                sf_cli_error(in.prog, "%s needs a positive number, got '%s'", a, argv[i]);
                return SF_EXIT_USAGE;
            }
            if (a[2] == 'w') opt.summary_words = v;
            else bytes = v;
        } else if (strcmp(a, "--format") == 0 && has_value) {
            const char *v = argv[++i];
            if (strcmp(v, "json") == 0) json = true;
            else if (strcmp(v, "text") == 0) json = false;
            else {
                sf_cli_error(in.prog, "unknown format '%s' (text, json)", v);
                return SF_EXIT_USAGE;
            }
        } else if (strcmp(a, "--method") == 0 && has_value) {
            const char *v = argv[++i];
            if (strcmp(v, "concepts") == 0) opt.summary_method = 0;
            else if (strcmp(v, "centroid") == 0) opt.summary_method = 1;
            else {
                sf_cli_error(in.prog, "unknown method '%s' (concepts, centroid)", v);
                return SF_EXIT_USAGE;
            }
        } else if (strcmp(a, "--query") == 0 && has_value) {
            opt.query = argv[++i];
        } else if (strcmp(a, "--aliases") == 0 && has_value) {
            opt.aliases_path = argv[++i];
        } else if (strcmp(a, "--lang") == 0 && has_value) {
            opt.lang = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            sf_cli_error(in.prog, "unknown option or missing value: '%s' (see --help)", a);
            return SF_EXIT_USAGE;
        } else {
            paths[npaths++] = argv[i];
        }
    }
    if (npaths == 0) {
        help(stderr);
        return SF_EXIT_USAGE;
    }
    /* a byte budget still needs a word budget for selection: a word is
     * about six bytes of English with its space */
    if (bytes && !opt.summary_words) opt.summary_words = bytes / 6 + 1;
    int code = SF_EXIT_OK;
    sf_corpus *c = sf_cli_read_all(&in, paths, npaths, &code);
    if (!c) return code;
    if (sf_corpus_count(c) == 0) {
        sf_cli_error(in.prog, "no articles were read");
        sf_corpus_destroy(c);
        return SF_EXIT_INPUT;
    }
    sf_result *res = NULL;
    sf_error err = {0};
    opt.progress = sf_cli_run_progress;
    sf_status st = sf_summarize_all(c, &opt, &res, &err);
    sf_cli_progress_end();
    if (st == SF_OK && json) st = sf_write_json(res, c, stdout, &err);
    else if (st == SF_OK) print_cut(res, opt.summary_words ? opt.summary_words : 100, bytes);
    if (st != SF_OK) {
        sf_cli_error(in.prog, "%s", err.message[0] ? err.message : sf_strerror(st));
        code = SF_EXIT_INPUT;
    } else if (in.problems) {
        code = SF_EXIT_INPUT;
    }
    sf_result_destroy(res);
    sf_corpus_destroy(c);
    return code;
}

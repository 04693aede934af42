/* cmd_run.c - `storyfold run`: the whole pipeline, printing the stories. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold run [OPTIONS] PATH...\n"
            "\n"
            "Read articles, find copies of one another, group the articles that\n"
            "report the same event into stories, and print each story with a short\n"
            "summary whose sentences cite the articles that say them.\n"
            "\n"
            "Options:\n"
            "  --format F        md (default) or json (schema: docs/json-output.md)\n"
            "  --words N         summary length in words (default 100)\n"
            "  --lang L          language of the articles, ISO 639-1 (default en)\n"
            "  --dup-threshold T similarity at which an article is a copy (default 0.8)\n"
            "  --story-threshold T  similarity at which an article joins a story\n"
            "  --aliases FILE    names of one thing, one group a line, \" = \" between\n"
            "                    names, the first canonical, '#' starts a comment:\n"
            "                      Islamic State = IS = ISIS = ISIL = Daesh\n"
            "                    (added to the bundled list; see docs/aliases.md)\n"
            SF_CLI_INPUT_HELP);
}

static bool parse_double(const char *s, double *out) {
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || v < 0 || v > 1) return false;
    *out = v;
    return true;
}

int sf_cmd_run(int argc, char **argv) {
    sf_cli_inputs in = {.prog = "storyfold run"};
    sf_run_options opt = {0};
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
        if (strcmp(a, "--format") == 0 && has_value) {
            const char *v = argv[++i];
            if (strcmp(v, "json") == 0) json = true;
            else if (strcmp(v, "md") == 0 || strcmp(v, "markdown") == 0) json = false;
            else {
                sf_cli_error(in.prog, "unknown format '%s' (md, json)", v);
                return SF_EXIT_USAGE;
            }
        } else if (strcmp(a, "--words") == 0 && has_value) {
            char *end;
            long w = strtol(argv[++i], &end, 10);
            if (*end || w <= 0 || w > 100000) {
                sf_cli_error(in.prog, "--words needs a positive number, got '%s'", argv[i]);
                return SF_EXIT_USAGE;
            }
            opt.summary_words = (size_t)w;
        } else if (strcmp(a, "--aliases") == 0 && has_value) {
            opt.aliases_path = argv[++i];
        } else if (strcmp(a, "--lang") == 0 && has_value) {
            opt.lang = argv[++i];
        } else if ((strcmp(a, "--dup-threshold") == 0 || strcmp(a, "--story-threshold") == 0) && has_value) {
            double *dst = a[2] == 'd' ? &opt.dup_threshold : &opt.story_threshold;
            if (!parse_double(argv[++i], dst)) {
                sf_cli_error(in.prog, "%s needs a number between 0 and 1, got '%s'", a, argv[i]);
                return SF_EXIT_USAGE;
            }
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
    sf_status st = sf_run(c, &opt, &res, &err);
    sf_cli_progress_end();
    if (st == SF_OK)
        st = json ? sf_write_json(res, c, stdout, &err) : sf_write_markdown(res, c, stdout, &err);
    if (st != SF_OK) {
        sf_cli_error(in.prog, "%s", err.message[0] ? err.message : sf_strerror(st));
        code = SF_EXIT_INPUT;
    } else if (in.problems) {
        code = SF_EXIT_INPUT; /* output is complete for what could be read */
    }
    sf_result_destroy(res);
    sf_corpus_destroy(c);
    return code;
}

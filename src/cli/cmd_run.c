/* cmd_run.c - `storyfold run`: the whole pipeline, printing the stories. */
#include "cli.h"
#include "cli_args.h"
#include "cli_store.h"

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
            "  --db DB           ingest into a store and print the stories that changed\n"
            "                    (see storyfold ingest --help)\n"
            SF_CLI_RUN_HELP
            SF_CLI_INPUT_HELP SF_CLI_READING_HELP);
}

int sf_cmd_run(int argc, char **argv) {
    if (sf_cli_has_db(argc, argv)) return sf_cmd_run_db(argc, argv); /* with a store */
    sf_cli_inputs in = {.prog = "storyfold run"};
    sf_cli_run_args ra = {.text_format = "md"};
    char **paths;
    int npaths;
    int code = sf_cli_parse(&in, argc, argv, help, sf_cli_run_option, &ra, &paths, &npaths);
    if (code >= 0) return code;
    code = SF_EXIT_OK;
    sf_run_options opt = ra.opt;
    bool json = ra.json;
    in.threads = opt.threads;
    sf_corpus *c = sf_cli_read_some(&in, paths, npaths, &code);
    if (!c) return code;
    sf_result *res = NULL;
    sf_error err = {0};
    opt.progress = sf_cli_run_progress;
    sf_status st = sf_run(c, &opt, &res, &err);
    sf_cli_progress_end();
    if (st == SF_OK)
        st = json ? sf_write_json(res, c, stdout, &err) : sf_write_markdown(res, c, stdout, &err);
    code = sf_cli_exit_code(&in, st, &err);
    sf_result_destroy(res);
    sf_corpus_destroy(c);
    return code;
}

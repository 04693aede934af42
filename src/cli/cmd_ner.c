/* cmd_ner.c - `storyfold ner --conll FILE`: the name recognizer's tags for a
 * CoNLL-2003 file, for `storyfold eval entities`. */
#include "cli.h"
#include "cli_args.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold ner [-o FILE] --conll FILE\n"
            "\n"
            "Tag the tokens of a CoNLL-2003 file (one token a line, word first,\n"
            "blank lines between sentences) with the trained name recognizer and\n"
            "print each line with the predicted tag appended (B-PER, I-LOC, B-ORG,\n"
            "I-MISC, O ...). Score it with `storyfold eval entities`. For names in\n"
            "articles use `storyfold entities`.\n"
            "\n" SF_CLI_COMMON_HELP);
}

int sf_cmd_ner(int argc, char **argv) {
    const char *prog = "storyfold ner";
    const char *conll = NULL;
    static const sf_cli_opt opts[] = {{"--conll", 0, true, 0}};
    sf_cli_args g;
    sf_cli_args_init(&g, prog, argc, argv, opts, 1);
    const char *v;
    for (int r; (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        if (r == SF_CLI_HELP) {
            help(stdout);
            return SF_EXIT_OK;
        }
        if (r == SF_CLI_ARG) sf_cli_error(prog, "unexpected argument '%s' (see --help)", v);
        if (r < 0) return SF_EXIT_USAGE;
        conll = v;
    }
    sf_cli_args_apply(&g);
    if (!conll) {
        help(stderr);
        return SF_EXIT_USAGE;
    }
    sf_error err = {0};
    if (sf_ner_tag_conll(conll, stdout, &err) != SF_OK) {
        sf_cli_error(prog, "%s", err.message);
        return SF_EXIT_INPUT;
    }
    if (fflush(stdout) == 0 && !ferror(stdout)) return SF_EXIT_OK;
    sf_cli_error(prog, "writing standard output: %s", strerror(errno ? errno : EIO));
    return SF_EXIT_INPUT;
}

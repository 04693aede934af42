/* cmd_ner.c - `storyfold ner --conll FILE`: the name recognizer's tags for a
 * CoNLL-2003 file, for `storyfold eval entities`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold ner --conll FILE\n"
            "\n"
            "Tag the tokens of a CoNLL-2003 file (one token a line, word first,\n"
            "blank lines between sentences) with the trained name recognizer and\n"
            "print each line with the predicted tag appended (B-PER, I-LOC, B-ORG,\n"
            "I-MISC, O ...). Score it with `storyfold eval entities`. For names in\n"
            "articles use `storyfold entities`.\n");
}

int sf_cmd_ner(int argc, char **argv) {
    const char *prog = "storyfold ner";
    const char *conll = NULL;
    for (int i = 1; i < argc; i++) {
        if (sf_cli_is_help(argv[i])) {
            help(stdout);
            return SF_EXIT_OK;
        }
        if (strcmp(argv[i], "--conll") == 0 && i + 1 < argc) {
            conll = argv[++i];
        } else {
            sf_cli_error(prog, "unexpected argument '%s' (see --help)", argv[i]);
            return SF_EXIT_USAGE;
        }
    }
    if (!conll) {
        help(stderr);
        return SF_EXIT_USAGE;
    }
    sf_error err = {0};
    if (sf_ner_tag_conll(conll, stdout, &err) != SF_OK) {
        sf_cli_error(prog, "%s", err.message);
        return SF_EXIT_INPUT;
    }
    return fflush(stdout) == 0 ? SF_EXIT_OK : SF_EXIT_INPUT;
}

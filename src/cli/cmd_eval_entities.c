/* cmd_eval_entities.c - `storyfold eval entities --gold FILE --pred FILE`:
 * entity-level precision, recall and F1 of predicted names against a
 * CoNLL-2003 file, by type. `storyfold eval` dispatches here with argv[0] ==
 * "entities". */
#include "cli.h"
#include "cli_args.h"
#include "storyfold_eval.h"

#include <stdio.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold eval entities --gold FILE --pred FILE\n"
            "\n"
            "Score predicted names against gold ones as the CoNLL-2003 evaluation\n"
            "does: an entity counts when its first token, last token and type all\n"
            "match. Both files are CoNLL files (one token a line, the entity tag in\n"
            "the last column, blank lines between sentences) with the same tokens;\n"
            "`storyfold ner --conll FILE` writes such a prediction. Prints\n"
            "precision, recall and F1 for person (PER), place (LOC), organization\n"
            "(ORG), other (MISC), all four, and PER+LOC+ORG.\n"
            "\n"
            "Options:\n"
            "  --gold FILE   gold tags (last column)\n"
            "  --pred FILE   predicted tags (last column)\n" SF_CLI_COMMON_HELP);
}

int sf_cmd_eval_entities(int argc, char **argv) {
    const char *prog = "storyfold eval entities";
    const char *gold = NULL, *pred = NULL;
    int rc = sf_cli_gold_pred(prog, argc, argv, help, &gold, &pred, NULL);
    if (rc >= 0) return rc;
    sf_ner_scores s;
    sf_error err = {0};
    if (sf_ner_eval_conll(gold, pred, &s, &err) != SF_OK) {
        sf_cli_error(prog, "%s", err.message);
        return SF_EXIT_INPUT;
    }
    static const char *const names[6] = {"person (PER)", "place (LOC)", "organization (ORG)",
                                         "other (MISC)", "all", "PER+LOC+ORG"};
    printf("%-20s %6s %6s %7s %7s %7s\n", "type", "gold", "pred", "P", "R", "F1");
    for (int t = 0; t < 6; t++) {
        double p = s.pred[t] ? (double)s.correct[t] / (double)s.pred[t] : 0;
        double r = s.gold[t] ? (double)s.correct[t] / (double)s.gold[t] : 0;
        double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
        printf("%-20s %6zu %6zu %7.4f %7.4f %7.4f\n", names[t], s.gold[t], s.pred[t], p, r, f1);
    }
    return SF_EXIT_OK;
}

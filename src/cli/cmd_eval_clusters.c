/* cmd_eval_clusters.c - `storyfold eval clusters --gold FILE --pred FILE`:
 * agreement of predicted stories with gold ones (pairwise, B-cubed, ARI),
 * both files JSON Lines of {"id": ..., "story": ...}. `storyfold eval`
 * dispatches here with argv[0] == "clusters". */
#include "cli.h"
#include "cli_args.h"
#include "storyfold_eval.h"

#include <stdio.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold eval clusters --gold FILE --pred FILE [--json]\n"
            "\n"
            "Compare predicted stories with gold stories. Both files hold one JSON\n"
            "object per line, {\"id\": \"...\", \"story\": ...} (story a string or number),\n"
            "as `storyfold cluster` writes. Articles in only one file are counted\n"
            "and left out. Prints pairwise precision, recall and F1 (pairs of\n"
            "articles put together), B-cubed precision, recall and F1, and the\n"
            "adjusted Rand index.\n"
            "\n"
            "Options:\n"
            "  --gold FILE   gold stories\n"
            "  --pred FILE   predicted stories\n"
            "  --json        print the figures as one JSON object\n" SF_CLI_COMMON_HELP);
}

int sf_cmd_eval_clusters(int argc, char **argv) {
    const char *prog = "storyfold eval clusters";
    const char *gold = NULL, *pred = NULL;
    bool json = false;
    int rc = sf_cli_gold_pred(prog, argc, argv, help, &gold, &pred, &json);
    if (rc >= 0) return rc;
    sf_cluster_scores s;
    sf_error err = {0};
    if (sf_cluster_scores_files(gold, pred, &s, &err) != SF_OK) {
        sf_cli_error(prog, "%s", err.message);
        return SF_EXIT_INPUT;
    }
    if (json) {
        printf("{\"items\": %zu, \"gold_only\": %zu, \"pred_only\": %zu, \"gold_stories\": %zu, "
               "\"pred_stories\": %zu, \"pair_p\": %.4f, \"pair_r\": %.4f, \"pair_f1\": %.4f, "
               "\"bcubed_p\": %.4f, \"bcubed_r\": %.4f, \"bcubed_f1\": %.4f, \"ari\": %.4f}\n",
               s.items, s.gold_only, s.pred_only, s.gold_clusters, s.pred_clusters, s.pair_p,
               s.pair_r, s.pair_f1, s.bcubed_p, s.bcubed_r, s.bcubed_f1, s.ari);
    } else {
        printf("articles scored  %zu (gold only %zu, prediction only %zu)\n", s.items, s.gold_only,
               s.pred_only);
        printf("stories          gold %zu, predicted %zu\n", s.gold_clusters, s.pred_clusters);
        printf("pairwise         P %.4f  R %.4f  F1 %.4f\n", s.pair_p, s.pair_r, s.pair_f1);
        printf("B-cubed          P %.4f  R %.4f  F1 %.4f\n", s.bcubed_p, s.bcubed_r, s.bcubed_f1);
        printf("adjusted Rand    %.4f\n", s.ari);
    }
    return SF_EXIT_OK;
}

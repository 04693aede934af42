/* cmd_eval_quotes.c - `storyfold eval quotes [--polnear DIR] [--split S]`:
 * quote attribution against PolNeAR. For each DIR/S/text/NAME.txt the
 * quotes storyfold finds (sf_quotes_find) are scored against one
 * annotator's DIR/S/attributions/NAME_ANNOTATOR.ann (sf_quote_score_brat):
 * the annotator whose code sorts first, so each article counts once and the
 * choice does not depend on the order files are listed in. */
#include "cli.h"
#include "cli_args.h"
#include "storyfold_eval.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold eval quotes [--polnear DIR] [--split train|dev] [--details FILE] [--json]\n"
            "\n"
            "Score quote attribution against PolNeAR (brat standoff annotation of US\n"
            "political news). Gold quotes are the direct ones: attributions whose\n"
            "content holds a quotation mark and whose source is a name or noun phrase\n"
            "(not a lone pronoun); one annotator per article (the code that sorts\n"
            "first). A gold quote is found when a quote storyfold finds overlaps its\n"
            "content; its speaker is right when storyfold's speaker as written overlaps\n"
            "the gold source, or the last word of storyfold's speaker name is one of the\n"
            "source's words. Prints the share found, speaker accuracy among the found\n"
            "ones that got a speaker, and how many found ones got no speaker.\n"
            "A source that is only the speech verb (\"said\") names nobody: left out.\n"
            "\n"
            "Options:\n"
            "  --polnear DIR   the corpus (default ../shared/data/polnear)\n"
            "  --split S       the part to score (default dev)\n"
            "  --details FILE  one line per missed quote or wrong or unknown speaker\n"
            "  --json          print the figures as one JSON object\n" SF_CLI_COMMON_HELP);
}

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    size_t got;
    while (p && (got = fread(p + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            char *q = realloc(p, cap *= 2);
            if (!q) free(p);
            p = q;
        }
    }
    fclose(f);
    if (p) *n = len;
    return p;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir ending in `suffix` (NULL when the dir cannot be read). */
static char **list_dir(const char *dir, const char *suffix, size_t *n) {
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *e;
    size_t sl = strlen(suffix);
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l <= sl || strcmp(e->d_name + l - sl, suffix) != 0) continue;
        if (*n == cap) {
            char **w = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof *v);
            if (!w) break;
            v = w;
        }
        v[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    if (v) qsort(v, *n, sizeof *v, cmp_str);
    return v ? v : calloc(1, sizeof *v);
}

static void free_list(char **v, size_t n) {
    for (size_t i = 0; v && i < n; i++) free(v[i]);
    free(v);
}

/* The first annotation of article `stem` ("stem_ANNOTATOR.ann"), or NULL. */
static const char *first_ann(char **anns, size_t nann, const char *stem) {
    size_t sl = strlen(stem);
    for (size_t i = 0; i < nann; i++)
        if (anns[i] && strncmp(anns[i], stem, sl) == 0 && anns[i][sl] == '_' &&
            !strchr(anns[i] + sl + 1, '_'))
            return anns[i];
    return NULL;
}

static int score_article(const char *prog, const char *dir, const char *txt, const char *ann,
                         sf_quote_scores *s, FILE *details) {
    char path[4096];
    size_t n = 0, an = 0;
    char *text = NULL, *a = NULL;
    if (snprintf(path, sizeof path, "%s/text/%s", dir, txt) < (int)sizeof path) text = slurp(path, &n);
    if (snprintf(path, sizeof path, "%s/attributions/%s", dir, ann) < (int)sizeof path) a = slurp(path, &an);
    sf_quote_found *q = NULL;
    size_t nq = 0;
    sf_error err = {0};
    sf_status st = text && a ? sf_quotes_find(text, n, "en", &q, &nq, &err) : SF_ERR_IO;
    if (st == SF_OK) st = sf_quote_score_brat(txt, text, n, a, an, q, nq, s, details, &err);
    if (st != SF_OK) sf_cli_error(prog, "%s: %s", txt, err.message[0] ? err.message : "cannot read");
    sf_quotes_free(q, nq);
    free(text), free(a);
    return st == SF_OK ? SF_EXIT_OK : SF_EXIT_INPUT;
}

static void print_scores(const sf_quote_scores *s, bool json) {
    double found = s->gold ? (double)s->found / (double)s->gold : 0;
    double acc = s->attributed ? (double)s->correct / (double)s->attributed : 0;
    double right = s->gold ? (double)s->correct / (double)s->gold : 0;
    if (json) {
        printf("{\"articles\": %zu, \"gold\": %zu, \"found\": %zu, \"found_share\": %.4f, "
               "\"attributed\": %zu, \"correct\": %zu, \"speaker_accuracy\": %.4f, "
               "\"null_speaker\": %zu, \"correct_share\": %.4f, \"predicted_direct\": %zu, "
               "\"predicted_direct_null\": %zu}\n",
               s->articles, s->gold, s->found, found, s->attributed, s->correct, acc, s->null_speaker,
               right, s->predicted, s->predicted_null);
        return;
    }
    printf("articles                 %zu\n", s->articles);
    printf("gold direct quotes       %zu\n", s->gold);
    printf("found                    %zu (%.1f%%)\n", s->found, 100 * found);
    printf("  with a speaker         %zu, right %zu: speaker accuracy %.4f\n", s->attributed, s->correct, acc);
    printf("  speaker null           %zu\n", s->null_speaker);
    printf("right speaker, of gold   %.1f%%\n", 100 * right);
    printf("predicted direct quotes  %zu (speaker null: %zu)\n", s->predicted, s->predicted_null);
}

int sf_cmd_eval_quotes(int argc, char **argv) {
    const char *prog = "storyfold eval quotes";
    const char *root = "../shared/data/polnear", *split = "dev", *dpath = NULL;
    bool json = false;
    enum { POLNEAR, SPLIT, DETAILS, JSON };
    static const sf_cli_opt opts[] = {{"--polnear", 0, true, POLNEAR}, {"--split", 0, true, SPLIT},
                                      {"--details", 0, true, DETAILS}, {"--json", 0, false, JSON}};
    sf_cli_args g;
    sf_cli_args_init(&g, prog, argc, argv, opts, sizeof opts / sizeof *opts);
    const char *v;
    for (int r; (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        switch (r) {
        case SF_CLI_HELP: help(stdout); return SF_EXIT_OK;
        case POLNEAR: root = v; break;
        case SPLIT: split = v; break;
        case DETAILS: dpath = v; break;
        case JSON: json = true; break;
        case SF_CLI_ARG:
            sf_cli_error(prog, "unexpected argument '%s' (see --help)", v);
            return SF_EXIT_USAGE;
        default: return SF_EXIT_USAGE;
        }
    }
    sf_cli_args_apply(&g);
    char dir[4096], sub[4200];
    snprintf(dir, sizeof dir, "%s/%s", root, split);
    size_t ntxt = 0, nann = 0;
    snprintf(sub, sizeof sub, "%s/text", dir);
    char **txts = list_dir(sub, ".txt", &ntxt);
    snprintf(sub, sizeof sub, "%s/attributions", dir);
    char **anns = list_dir(sub, ".ann", &nann);
    if (!txts || !anns || !ntxt) {
        sf_cli_error(prog, "no PolNeAR articles under %s (want text/*.txt and attributions/*.ann)", dir);
        free_list(txts, ntxt), free_list(anns, nann);
        return SF_EXIT_INPUT;
    }
    FILE *details = dpath ? fopen(dpath, "w") : NULL;
    if (dpath && !details) {
        sf_cli_error(prog, "cannot write %s", dpath);
        free_list(txts, ntxt), free_list(anns, nann);
        return SF_EXIT_INPUT;
    }
    sf_quote_scores s = {0};
    int code = SF_EXIT_OK;
    for (size_t i = 0; i < ntxt && code == SF_EXIT_OK; i++) {
        txts[i][strlen(txts[i]) - 4] = '\0';
        const char *ann = first_ann(anns, nann, txts[i]);
        if (!ann) continue;
        char txt[1024];
        snprintf(txt, sizeof txt, "%s.txt", txts[i]);
        code = score_article(prog, dir, txt, ann, &s, details);
        sf_cli_progress("articles", i + 1, ntxt);
    }
    sf_cli_progress_end();
    if (details && (ferror(details) | fclose(details)) && code == SF_EXIT_OK) {
        sf_cli_error(prog, "writing %s failed", dpath);
        code = SF_EXIT_INPUT;
    }
    free_list(txts, ntxt), free_list(anns, nann);
    if (code == SF_EXIT_OK) print_scores(&s, json);
    return code;
}

/* cmd_cluster.c - `storyfold cluster`: group the articles into stories and
 * print one JSON line per article, {"id": ..., "story": N, "storyline": L}, in
 * publication order; story numbers count from 0 in order of first appearance,
 * storylines by their first story. */
#include "cli.h"
#include "cli_args.h"

#include <math.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold cluster [OPTIONS] PATH...\n"
            "\n"
            "Group articles that report the same event into stories, taking them in\n"
            "publication order, link stories that share names within weeks into\n"
            "storylines, and print one line per article:\n"
            "  {\"id\": \"...\", \"story\": N, \"storyline\": L}\n"
            "\n"
            "Options:\n"
            "  --format jsonl        output format (only jsonl)\n"
            "  --lang L              language of the text, ISO 639-1 (default: en)\n"
            "  --threshold X         event similarity (a probability) an article needs\n"
            "                        to join a story (default: 0.743)\n"
            "  --merge-threshold X   event similarity at which two stories merge (0.860)\n"
            "  --split-threshold X   split a story whose halves are less similar\n"
            "  --active-days D       a story quiet for D days retires (never: -1)\n"
            "  --time-scale D        days over which the time signal decays at least\n"
            "  --pace-factor X       ... or X times the story's mean gap between reports\n"
            "  --link-threshold X    after the single pass, merge stories whose articles\n"
            "                        are this similar on average (0.743; averaged on\n"
            "                        the evidence scale)\n"
            "  --link-cohesion X     ... and across at least X times as similar as within\n"
            "                        the looser of the two (negative: no such rule)\n"
            "  --w-body X, --w-title X, --w-entity X, --w-time X   signal weights\n"
            "  --no-title, --no-entities, --no-time, --no-repair   drop a signal\n"
            "  --no-refine           keep the single-pass result (no batch refinement)\n"
            "  --no-reassign         refine by merging stories only\n"
            "  --baseline            plain TF-IDF cosine of bodies, single pass\n"
            "  --exhaustive          score every active story (no index)\n"
            "  --threads N           threads for reading a folder, the analysis and the\n"
            "                        refinement (default: one per core); the output\n"
            "                        is the same for any number\n"
            SF_CLI_INPUT_HELP SF_CLI_READING_HELP);
}

static void put_json_string(const char *s) {
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p == '/' && p > (const unsigned char *)s && p[-1] == '<')
            fputs("\\/", stdout); /* "<\/": safe inside an HTML <script> */
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

typedef struct row {
    const sf_article *a;
    size_t story;
    size_t i;
} row;

static int cmp_row(const void *pa, const void *pb) {
    const row *x = pa, *y = pb;
    if (x->a->published != y->a->published) return x->a->published < y->a->published ? -1 : 1;
    int r = strcmp(x->a->id, y->a->id);
    if (r) return r;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    return 0;
}

static int parse_double(const char *prog, const char *opt, const char *v, double *out) {
    char *end = NULL;
    double d = strtod(v, &end);
    if (!end || end == v || *end || !isfinite(d)) {
        sf_cli_error(prog, "%s needs a finite number, not '%s'", opt, v);
        return -1;
    }
    *out = d;
    return 0;
}

static int cluster_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i) {
    sf_cluster_options *o = user;
    const char *a = argv[*i];
    struct {
        const char *name;
        double *dst;
    } nums[] = {{"--threshold", &o->threshold},         {"--merge-threshold", &o->merge_threshold},
                {"--split-threshold", &o->split_threshold}, {"--active-days", &o->active_days},
                {"--time-scale", &o->time_scale_days},   {"--w-title", &o->w_title},
                {"--w-entity", &o->w_entity},            {"--w-time", &o->w_time},
                {"--pace-factor", &o->pace_factor},      {"--link-threshold", &o->link_threshold},
                {"--w-body", &o->w_body},                {"--link-cohesion", &o->link_cohesion}};
    struct {
        const char *name;
        int *dst;
    } flags[] = {{"--no-title", &o->no_title},   {"--no-entities", &o->no_entity},
                 {"--no-time", &o->no_time},     {"--no-repair", &o->no_repair},
                 {"--baseline", &o->baseline},   {"--exhaustive", &o->exhaustive},
                 {"--no-refine", &o->no_refine}, {"--no-reassign", &o->no_reassign}};
    for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++)
        if (strcmp(a, nums[k].name) == 0) {
            if (*i + 1 >= argc) {
                sf_cli_error(in->prog, "%s needs a value", a);
                return -1;
            }
            return parse_double(in->prog, a, argv[++*i], nums[k].dst) ? -1 : 1;
        }
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
        if (strcmp(a, flags[k].name) == 0) {
            *flags[k].dst = 1;
            return 1;
        }
    static const sf_cli_opt opts[] = {
        {"--format", 0, true, 0}, {"--lang", 0, true, 1}, {"--threads", 0, true, 2}};
    const char *v;
    int r = sf_cli_match(in->prog, opts, 3, argc, argv, i, &v);
    if (r == SF_CLI_OTHER) return 0;
    if (r < 0) return -1;
    if (r == 2) {
        char *end = NULL;
        long t = strtol(v, &end, 10);
        if (end == v || *end || t < 1 || t > 256) {
            sf_cli_error(in->prog, "--threads needs a number from 1 to 256, got '%s'", v);
            return -1;
        }
        o->threads = (unsigned)t;
    } else if (r == 1) {
        o->lang = v;
    } else if (strcmp(v, "jsonl") != 0) {
        sf_cli_error(in->prog, "unknown output format '%s' (jsonl)", v);
        return -1;
    }
    return 1;
}

int sf_cmd_cluster(int argc, char **argv) {
    sf_cli_inputs in = {.prog = "storyfold cluster"};
    sf_cluster_options o;
    sf_cluster_options_default(&o);
    char **paths;
    int npaths;
    int code = sf_cli_parse(&in, argc, argv, help, cluster_option, &o, &paths, &npaths);
    if (code >= 0) return code;
    code = SF_EXIT_OK;
    in.threads = o.threads;
    sf_corpus *c = sf_cli_read_all(&in, paths, npaths, &code);
    if (!c) return code;
    size_t n = sf_corpus_count(c), nstories = 0;
    size_t *story_of = malloc((n ? n : 1) * sizeof *story_of);
    row *rows = malloc((n ? n : 1) * sizeof *rows);
    sf_error err = {0};
    sf_storylines lines = {0};
    sf_cli_progress("stories", 0, n);
    if (!story_of || !rows) {
        sf_cli_error(in.prog, "out of memory");
        code = SF_EXIT_INPUT;
    } else if (sf_cluster_corpus(c, &o, story_of, &nstories, &err) != SF_OK ||
               sf_storylines_compute(c, story_of, nstories, NULL, &lines, &err) != SF_OK) {
        sf_cli_error(in.prog, "%s", err.message);
        code = SF_EXIT_INPUT;
    } else {
        sf_cli_progress("stories", n, n);
        sf_cli_progress_end();
        for (size_t i = 0; i < n; i++) rows[i] = (row){sf_corpus_get(c, i), story_of[i], i};
        qsort(rows, n, sizeof *rows, cmp_row);
        for (size_t i = 0; i < n; i++) {
            fputs("{\"id\": ", stdout);
            put_json_string(rows[i].a->id);
            printf(", \"story\": %zu, \"storyline\": %zu}\n", rows[i].story,
                   lines.storyline_of[rows[i].story]);
        }
        if (fflush(stdout) != 0) {
            sf_cli_error(in.prog, "cannot write the output");
            code = SF_EXIT_INPUT;
        }
    }
    sf_storylines_release(&lines);
    free(story_of);
    free(rows);
    sf_corpus_destroy(c);
    if (in.problems && code == SF_EXIT_OK) code = SF_EXIT_INPUT;
    return code;
}

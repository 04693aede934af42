/* cmd_eval.c - `storyfold eval SUBCOMMAND`: measuring against human
 * judgements. One function per subcommand in SUBCOMMANDS; `eval rouge`
 * scores summaries the way ROUGE-1.5.5 does (flags named after its own).
 */
#include "cli.h"
#include "cli_args.h"
#include "storyfold_eval.h"

#include <math.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct eval_subcommand {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
} eval_subcommand;

static int eval_rouge(int argc, char **argv);

static const eval_subcommand SUBCOMMANDS[] = {
    {"rouge", "ROUGE-N/L/SU of summaries against references, as ROUGE-1.5.5", eval_rouge},
    {"clusters", "story clusters against gold labels (cmd_eval_clusters.c)", sf_cmd_eval_clusters},
    {"entities", "names against CoNLL-2003 tags (cmd_eval_entities.c)", sf_cmd_eval_entities},
    {"quotes", "quote attribution against PolNeAR (cmd_eval_quotes.c)", sf_cmd_eval_quotes},
};

static void eval_usage(FILE *f) {
    fprintf(f, "usage: storyfold eval SUBCOMMAND [OPTIONS]\n\nSubcommands:\n");
    for (size_t i = 0; i < sizeof SUBCOMMANDS / sizeof SUBCOMMANDS[0]; i++)
        fprintf(f, "  %-10s %s\n", SUBCOMMANDS[i].name, SUBCOMMANDS[i].summary);
    fprintf(f, "\nRun 'storyfold eval SUBCOMMAND --help' for its options.\n");
}

int sf_cmd_eval(int argc, char **argv) {
    if (argc < 2) {
        eval_usage(stderr);
        return SF_EXIT_USAGE;
    }
    /* the subcommand is the first argument; "storyfold eval -h" asks for this list */
    if (sf_cli_is_help(argv[1])) {
        eval_usage(stdout);
        return SF_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof SUBCOMMANDS / sizeof SUBCOMMANDS[0]; i++)
        if (strcmp(argv[1], SUBCOMMANDS[i].name) == 0) return SUBCOMMANDS[i].run(argc - 1, argv + 1);
    fprintf(stderr, "storyfold eval: unknown subcommand '%s'\n\n", argv[1]);
    eval_usage(stderr);
    return SF_EXIT_USAGE;
}

/* ------------------------------------------------------------- rouge */

#define ROUGE_PROG "storyfold eval rouge"
#define DEFAULT_WORDNET "/usr/share/wordnet"

static void rouge_help(FILE *f) {
    fprintf(f,
            "usage: storyfold eval rouge [FLAGS] --peer FILE --model FILE [--model FILE...]\n"
            "       storyfold eval rouge [FLAGS] --models DIR --peers DIR [--peer-ids ID,...]\n"
            "\n"
            "Score summaries with ROUGE as ROUGE-1.5.5 computes it: ROUGE-N, ROUGE-L\n"
            "(summary-level LCS) and ROUGE-S/SU (skip bigrams), recall, precision and F.\n"
            "Files hold one sentence per line. With --duc it reproduces NIST's official\n"
            "DUC 2006 ROUGE-2 and ROUGE-SU4 figures.\n"
            "\n"
            "Single mode: one peer (system) summary against one or more models\n"
            "(references). Batch mode: a DUC layout, DIR/PREFIX.ID files: models\n"
            "D0601.M.250.A.A ... and peers D0601.M.250.A.24 ...; each peer is averaged\n"
            "over its evaluations (topics, or topics x left-out models with jackknifing)\n"
            "as ROUGE-1.5.5 averages (mean of 1000 seeded bootstrap sample means).\n"
            "\n"
            "ROUGE-1.5.5 flags:\n"
            "  -n N        compute ROUGE-1 .. ROUGE-N (N at most 4)\n"
            "  -x          do not compute ROUGE-L\n"
            "  -2 GAP      compute ROUGE-S with at most GAP words between the pair (<0: any)\n"
            "  -u          add unigrams to skip bigrams (ROUGE-SU)\n"
            "  -m          Porter stemming (ROUGE's variant) with WordNet exceptions\n"
            "  -s          remove stopwords (approximate: storyfold's English list, not\n"
            "              ROUGE's SMART list)\n"
            "  -l N        use only the first N words of each summary\n"
            "  -b N        use only the first N bytes of each summary\n"
            "  -f A|B      A: average over models (default); B: best model\n"
            "  -p ALPHA    F weighting: F = PR / ((1-ALPHA)P + ALPHA R) (default 0.5)\n"
            "  -c CF       confidence interval in percent (default 95)\n"
            "  -r N        bootstrap resamples (default 1000)\n"
            "  -t 0        average per evaluation (the only mode supported)\n"
            "  -a          accepted for compatibility (all peers are evaluated)\n"
            "\n"
            "Other options:\n"
            "  --duc             the official DUC setting: -n 2 -x -m -2 4 -u -c 95 -r 1000\n"
            "                    -f A -p 0.5 -t 0 -l 250 with jackknifing\n"
            "  --jackknife       leave-one-out over the models; a peer whose id is a model\n"
            "                    id is scored only against the other models\n"
            "  --wordnet DIR     WordNet dict directory with adj/adv/noun/verb.exc (default\n"
            "                    " DEFAULT_WORDNET " when present; Debian: wordnet-base)\n"
            "  --no-wordnet      stem with Porter alone\n"
            "  --peer FILE       the summary to score (single mode)\n"
            "  --model FILE      a reference summary (single mode; repeat)\n"
            "  --models DIR      reference summaries (batch mode)\n"
            "  --peers DIR       summaries to score (batch mode)\n"
            "  --peer-ids LIST   comma-separated peer ids (default: all found)\n"
            "  --format F        table (default) or json\n" SF_CLI_COMMON_HELP);
}

static const char *metric_name(const sf_rouge_options *o, int k, char *buf, size_t n) {
    if (k < SF_ROUGE_MAX_N) snprintf(buf, n, "ROUGE-%d", k + 1);
    else if (k == SF_ROUGE_L) snprintf(buf, n, "ROUGE-L");
    else if (o->skip_gap < 0) snprintf(buf, n, "ROUGE-S%s*", o->skip_unigrams ? "U" : "");
    else snprintf(buf, n, "ROUGE-S%s%d", o->skip_unigrams ? "U" : "", o->skip_gap);
    return buf;
}

static bool metric_on(const sf_rouge_options *o, int k) {
    if (k < SF_ROUGE_MAX_N) return k < o->max_n;
    if (k == SF_ROUGE_L) return o->lcs != 0;
    return o->skip_bigrams != 0;
}

static bool parse_long(const char *s, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end) return false;
    *out = v;
    return true;
}

static bool parse_double(const char *s, double *out) {
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v)) return false;
    *out = v;
    return true;
}

static void json_str(const char *s) {
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20) printf("\\u%04x", *s);
        else putchar(*s);
    }
    putchar('"');
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        sf_cli_error(ROUGE_PROG, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    while (p) {
        size_t got = fread(p + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        char *np = cap < ((size_t)256 << 20) ? realloc(p, cap * 2) : NULL;
        if (!np) {
            free(p);
            p = NULL;
            break;
        }
        p = np;
        cap *= 2;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (!p || bad) {
        free(p);
        sf_cli_error(ROUGE_PROG, "%s: cannot read (too large or I/O error)", path);
        return NULL;
    }
    *len = n;
    return p;
}

static int rouge_single(const sf_rouge_options *o, const char *peer_path, char **model_paths,
                        int n_models, bool json) {
    sf_error err;
    sf_rouge *r;
    if (sf_rouge_create(o, &r, &err) != SF_OK) {
        sf_cli_error(ROUGE_PROG, "%s", err.message);
        return SF_EXIT_USAGE;
    }
    int code = SF_EXIT_OK;
    sf_rouge_doc *peer = NULL;
    sf_rouge_doc **models = calloc((size_t)n_models, sizeof *models);
    for (int i = -1; models && i < n_models && code == SF_EXIT_OK; i++) {
        const char *path = i < 0 ? peer_path : model_paths[i];
        size_t len;
        char *text = slurp(path, &len);
        if (!text) {
            code = SF_EXIT_INPUT;
            break;
        }
        sf_status st = sf_rouge_doc_create(r, text, len, i < 0 ? &peer : &models[i], &err);
        free(text);
        if (st != SF_OK) {
            sf_cli_error(ROUGE_PROG, "%s: %s", path, err.message);
            code = SF_EXIT_INPUT;
        }
    }
    if (!models) code = SF_EXIT_INPUT;
    sf_rouge_result res;
    if (code == SF_EXIT_OK) {
        sf_status st;
        if (o->jackknife && n_models >= 2)
            st = sf_rouge_eval_jackknife(r, peer, (const sf_rouge_doc *const *)models,
                                         (size_t)n_models, SIZE_MAX, &res, &err);
        else
            st = sf_rouge_eval(r, peer, (const sf_rouge_doc *const *)models, (size_t)n_models,
                               &res, &err);
        if (st != SF_OK) {
            sf_cli_error(ROUGE_PROG, "%s", err.message);
            code = SF_EXIT_INPUT;
        }
    }
    if (code == SF_EXIT_OK) {
        char name[32];
        if (json) printf("{\"peer\": "), json_str(peer_path), printf(", \"models\": %d, \"scores\": {", n_models);
        else printf("%-10s %8s %8s %8s\n", "metric", "R", "P", "F");
        bool first = true;
        for (int k = 0; k < SF_ROUGE_METRICS; k++) {
            if (!res.m[k].computed) continue;
            metric_name(o, k, name, sizeof name);
            const sf_rouge_score *s = &res.m[k];
            if (json)
                printf("%s\"%s\": {\"recall\": %.5f, \"precision\": %.5f, \"f\": %.5f, "
                       "\"hits\": %.2f, \"model_count\": %.2f, \"peer_count\": %.2f}",
                       first ? "" : ", ", name, s->recall, s->precision, s->f, s->hits,
                       s->model_count, s->peer_count);
            else printf("%-10s %8.5f %8.5f %8.5f\n", name, s->recall, s->precision, s->f);
            first = false;
        }
        if (json) printf("}}\n");
    }
    sf_rouge_doc_destroy(peer);
    for (int i = 0; models && i < n_models; i++) sf_rouge_doc_destroy(models[i]);
    free(models);
    sf_rouge_destroy(r);
    return code;
}

static int rouge_batch(const sf_rouge_options *o, const char *models_dir, const char *peers_dir,
                       char *peer_ids, bool json) {
    const char *ids[1024];
    size_t n_ids = 0;
    if (peer_ids) {
        for (char *tok = strtok(peer_ids, ","); tok; tok = strtok(NULL, ",")) {
            if (n_ids == sizeof ids / sizeof ids[0]) {
                sf_cli_error(ROUGE_PROG, "more than %zu peer ids", n_ids);
                return SF_EXIT_USAGE;
            }
            if (*tok) ids[n_ids++] = tok;
        }
    }
    sf_rouge_table *t;
    sf_error err;
    sf_status st = sf_rouge_eval_dirs(o, models_dir, peers_dir, peer_ids ? ids : NULL, n_ids, &t, &err);
    if (st != SF_OK) {
        sf_cli_error(ROUGE_PROG, "%s", err.message);
        return st == SF_ERR_ARG ? SF_EXIT_USAGE : SF_EXIT_INPUT;
    }
    char name[32];
    if (json) {
        printf("{\"topics\": %zu, \"peers\": [", sf_rouge_table_topics(t));
    } else {
        printf("%-6s %6s %6s", "peer", "topics", "evals");
        for (int k = 0; k < SF_ROUGE_METRICS; k++)
            if (metric_on(o, k))
                printf("  %9s-R %9s-P %9s-F", metric_name(o, k, name, sizeof name), name, name);
        printf("\n");
    }
    for (size_t i = 0; i < sf_rouge_table_count(t); i++) {
        const sf_rouge_peer *p = sf_rouge_table_peer(t, i);
        if (json) {
            printf("%s{\"id\": ", i ? ", " : "");
            json_str(p->id);
            printf(", \"topics\": %zu, \"evaluations\": %zu, \"scores\": {", p->topics, p->instances);
            bool first = true;
            for (int k = 0; k < SF_ROUGE_METRICS; k++) {
                if (!metric_on(o, k)) continue;
                printf("%s\"%s\": {", first ? "" : ", ", metric_name(o, k, name, sizeof name));
                const sf_rouge_average *a[3] = {&p->recall[k], &p->precision[k], &p->f[k]};
                const char *an[3] = {"recall", "precision", "f"};
                for (int w = 0; w < 3; w++)
                    printf("%s\"%s\": {\"average\": %.5f, \"ci_low\": %.5f, \"ci_high\": %.5f, "
                           "\"mean\": %.6f}",
                           w ? ", " : "", an[w], a[w]->rouge, a[w]->ci_low, a[w]->ci_high,
                           a[w]->mean);
                printf("}");
                first = false;
            }
            printf("}}");
        } else {
            printf("%-6s %6zu %6zu", p->id, p->topics, p->instances);
            for (int k = 0; k < SF_ROUGE_METRICS; k++)
                if (metric_on(o, k))
                    printf("  %11.5f %11.5f %11.5f", p->recall[k].rouge, p->precision[k].rouge,
                           p->f[k].rouge);
            printf("\n");
        }
    }
    if (json) printf("]}\n");
    sf_rouge_table_destroy(t);
    return SF_EXIT_OK;
}

/* What the command line of `storyfold eval rouge` asks. */
typedef struct rouge_args {
    sf_rouge_options o;
    const char *peer, *models_dir, *peers_dir, *wordnet;
    char *peer_ids;
    bool no_wordnet, json, lcs_off, quiet;
    char **model_paths; /* argc + 1 slots, n_models of them used */
    int n_models;
} rouge_args;

/* Read the options into a. Returns the exit code when the command ends here
 * (--help, a bad option or value), else -1. */
static int rouge_parse(int argc, char **argv, rouge_args *a) {
    int code = -1;
    enum { N, X, GAP, U, M, S, L, B, F, P, C, R, T, A, DUC, JACK, WORDNET, NO_WORDNET, PEER,
           MODEL, MODELS, PEERS, PEER_IDS, FORMAT };
    static const sf_cli_opt opts[] = {
        {NULL, 'n', true, N},  {NULL, 'x', false, X}, {NULL, '2', true, GAP}, {NULL, 'u', false, U},
        {NULL, 'm', false, M}, {NULL, 's', false, S}, {NULL, 'l', true, L},   {NULL, 'b', true, B},
        {NULL, 'f', true, F},  {NULL, 'p', true, P},  {NULL, 'c', true, C},   {NULL, 'r', true, R},
        {NULL, 't', true, T},  {NULL, 'a', false, A}, {"--duc", 0, false, DUC},
        {"--jackknife", 0, false, JACK}, {"--wordnet", 0, true, WORDNET},
        {"--no-wordnet", 0, false, NO_WORDNET}, {"--peer", 0, true, PEER}, {"--model", 0, true, MODEL},
        {"--models", 0, true, MODELS}, {"--peers", 0, true, PEERS}, {"--peer-ids", 0, true, PEER_IDS},
        {"--format", 0, true, FORMAT}};
    sf_cli_args g;
    sf_cli_args_init(&g, ROUGE_PROG, argc, argv, opts, sizeof opts / sizeof *opts);
    const char *v;
    for (int r; code < 0 && (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        long n;
        double d;
        switch (r) {
        case SF_CLI_HELP: rouge_help(stdout); code = SF_EXIT_OK; break;
        case SF_CLI_ARG: sf_cli_error(ROUGE_PROG, "unexpected argument '%s' (see --help)", v); /* fall through */
        case SF_CLI_ERROR: code = SF_EXIT_USAGE; break;
        case N:
            if (!parse_long(v, &n) || n < 0 || n > SF_ROUGE_MAX_N) r = sf_cli_bad_value(&g, v, NULL);
            else a->o.max_n = (int)n;
            break;
        case X: a->lcs_off = true; break;
        case GAP:
            if (!parse_long(v, &n) || n > 1000000) r = sf_cli_bad_value(&g, v, NULL);
            else a->o.skip_bigrams = 1, a->o.skip_gap = n < 0 ? -1 : (int)n;
            break;
        case U: a->o.skip_unigrams = 1; break;
        case M: a->o.stem = 1; break;
        case S: a->o.remove_stopwords = 1; break;
        case L:
        case B:
            if (!parse_long(v, &n) || n < 0) r = sf_cli_bad_value(&g, v, NULL);
            else *(r == L ? &a->o.limit_words : &a->o.limit_bytes) = n;
            break;
        case F:
            if (strcmp(v, "A") == 0) a->o.best_model = 0;
            else if (strcmp(v, "B") == 0) a->o.best_model = 1;
            else r = sf_cli_bad_value(&g, v, "A or B");
            break;
        case P:
        case C:
            if (!parse_double(v, &d) || d < 0 || d > (r == P ? 1 : 100)) r = sf_cli_bad_value(&g, v, NULL);
            else *(r == P ? &a->o.alpha : &a->o.confidence) = d;
            break;
        case R:
            if (!parse_long(v, &n) || n < 1 || n > 1000000) r = sf_cli_bad_value(&g, v, NULL);
            else a->o.resamples = (int)n;
            break;
        case T:
            if (strcmp(v, "0") != 0) {
                sf_cli_error(ROUGE_PROG, "-t %s is not supported (only -t 0)", v);
                code = SF_EXIT_USAGE;
            }
            break;
        case A: break; /* ROUGE's "evaluate all systems": always so here */
        case DUC:
            sf_rouge_options_duc(&a->o);
            a->lcs_off = true;
            break;
        case JACK: a->o.jackknife = 1; break;
        case WORDNET: a->wordnet = v; break;
        case NO_WORDNET: a->no_wordnet = true; break;
        case PEER: a->peer = v; break;
        case MODEL: a->model_paths[a->n_models++] = (char *)v; break;
        case MODELS: a->models_dir = v; break;
        case PEERS: a->peers_dir = v; break;
        case PEER_IDS: a->peer_ids = (char *)v; break;
        case FORMAT:
            if (strcmp(v, "json") == 0) a->json = true;
            else if (strcmp(v, "table") == 0) a->json = false;
            else r = sf_cli_bad_value(&g, v, "table or json");
            break;
        }
        if (r == SF_CLI_ERROR) code = SF_EXIT_USAGE;
    }
    sf_cli_args_apply(&g);
    a->quiet = g.quiet;
    return code;
}

/* One peer against model files, or directories of each: not both, not
 * neither. Returns the exit code of a wrong mix, else -1. */
static int rouge_check_inputs(const rouge_args *a) {
    bool single = a->peer || a->n_models > 0;
    bool batch = a->models_dir || a->peers_dir || a->peer_ids;
    if (single == batch || (single && (!a->peer || a->n_models == 0)) ||
        (batch && (!a->models_dir || !a->peers_dir))) {
        sf_cli_error(ROUGE_PROG, "give --peer FILE and --model FILE..., or --models DIR and "
                                 "--peers DIR (see --help)");
        return SF_EXIT_USAGE;
    }
    return -1;
}

/* Stemming as ROUGE-1.5.5 does needs WordNet's exception lists: the directory
 * given, else the usual one when it is there (else Porter alone, with a
 * warning). Returns the exit code when the directory given has none, else -1. */
static int rouge_find_wordnet(rouge_args *a) {
    if (!a->o.stem || a->no_wordnet) return -1;
    struct stat sb;
    char probe[4096];
    const char *dir = a->wordnet ? a->wordnet : DEFAULT_WORDNET;
    snprintf(probe, sizeof probe, "%s/verb.exc", dir);
    if (stat(probe, &sb) == 0) {
        a->o.exceptions_dir = dir;
    } else if (a->wordnet) {
        sf_cli_error(ROUGE_PROG, "%s: no WordNet exception lists (adj/adv/noun/verb.exc)", dir);
        return SF_EXIT_INPUT;
    } else if (!a->quiet) {
        fprintf(stderr, "%s: warning: WordNet exception lists not found in %s; stemming "
                        "with Porter alone (figures may differ from ROUGE-1.5.5 by up to "
                        "about 0.003; install wordnet-base or pass --wordnet DIR)\n",
                ROUGE_PROG, DEFAULT_WORDNET);
    }
    return -1;
}

static int eval_rouge(int argc, char **argv) {
    rouge_args a = {.model_paths = calloc((size_t)argc + 1, sizeof *a.model_paths)};
    if (!a.model_paths) return SF_EXIT_INPUT;
    sf_rouge_options_init(&a.o);
    int code = rouge_parse(argc, argv, &a);
    if (code < 0 && a.lcs_off) a.o.lcs = 0;
    if (code < 0) code = rouge_check_inputs(&a);
    if (code < 0) code = rouge_find_wordnet(&a);
    if (code < 0 && a.o.max_n == 0 && !a.o.lcs && !a.o.skip_bigrams) {
        sf_cli_error(ROUGE_PROG, "nothing to compute: -x without -n or -2");
        code = SF_EXIT_USAGE;
    }
    if (code < 0)
        code = a.peer ? rouge_single(&a.o, a.peer, a.model_paths, a.n_models, a.json)
                      : rouge_batch(&a.o, a.models_dir, a.peers_dir, a.peer_ids, a.json);
    free(a.model_paths);
    return code;
}

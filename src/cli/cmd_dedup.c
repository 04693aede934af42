/* cmd_dedup.c - `storyfold dedup`: groups of copies (exact and near
 * duplicates) as JSON Lines, one line per group: the canonical article and
 * each copy with its similarity to it. With --index FILE the canonicals of
 * earlier runs are kept in a file, so a crawl is deduplicated day by day. */
#include "cli.h"
#include "cli_args.h"

#include <math.h>

#include <json-c/json.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold dedup [OPTIONS] PATH...\n"
            "\n"
            "Find articles that are copies of one another: the same text whole, cut\n"
            "short, lightly edited, or wrapped in another outlet's boilerplate. Texts\n"
            "are compared as sets of word shingles (k consecutive words, case and\n"
            "punctuation ignored); candidates come from MinHash LSH and every reported\n"
            "pair is verified on the shingles themselves.\n"
            "\n"
            "Output: one JSON line per group of copies,\n"
            "  {\"canonical\": ID, \"members\": [{\"id\": ID, \"similarity\": S}, ...]}\n"
            "The canonical article is the earliest published (unknown dates last),\n"
            "then the longest; each member's similarity to it is at least T.\n"
            "Articles without copies are not printed.\n"
            "\n"
            "Options:\n"
            "  --threshold T     similarity needed, 0 < T <= 1 (default: 0.8)\n"
            "  --measure M       jaccard: |A and B| / |A or B| (default);\n"
            "                    containment: |A and B| / size of the smaller, so a copy\n"
            "                    cut to its first half matches the whole (texts under\n"
            "                    about 30 words are compared by jaccard)\n"
            "  --method M        oph: one-permutation MinHash (default); minhash: MinHash\n"
            "                    with 128 permutations (same accuracy, slower); simhash:\n"
            "                    64-bit, Hamming distance <= 3 (finds only very close\n"
            "                    copies)\n"
            "  --shingle K       words per shingle (default: 5)\n"
            "  --threads N       threads for reading a folder and fingerprinting\n"
            "                    (default: 2)\n"
            "  --format F        output format: jsonl (the only one)\n"
            "  --index FILE      read the index of earlier runs from FILE (when it exists),\n"
            "                    match today's articles against it and among themselves,\n"
            "                    and write it back with today's canonical articles added;\n"
            "                    a group's canonical may then be an article of an earlier\n"
            "                    run. The file keeps the options it was made with; giving\n"
            "                    different ones is an error. A truncated or foreign file\n"
            "                    is refused and left as it is.\n"
            SF_CLI_INPUT_HELP SF_CLI_READING_HELP);
}

static bool parse_double(const char *s, double *out) {
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v)) return false;
    *out = v;
    return true;
}

static bool parse_uint(const char *s, unsigned *out) {
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (end == s || *end || s[0] == '-' || v > 1000) return false;
    *out = (unsigned)v;
    return true;
}

/* One member of a group: its id and similarity, printed with 4 decimals. */
static void add_member(json_object *members, const char *id, double sim) {
    json_object *e = json_object_new_object();
    char num[32];
    snprintf(num, sizeof num, "%.4f", sim);
    json_object_object_add(e, "id", json_object_new_string(id));
    json_object_object_add(e, "similarity", json_object_new_double_s(sim, num));
    json_object_array_add(members, e);
}

/* Print one group as a JSON line and release it. */
static void print_group(json_object *o, json_object *members) {
    json_object_object_add(o, "members", members);
    sf_cli_json_line(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                           JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
}

static int print_groups(const sf_corpus *c, const size_t *dup, const double *sim) {
    size_t n = sf_corpus_count(c);
    /* members listed under their canonical, both in corpus order */
    size_t *first = malloc((n + 1) * sizeof *first), *next = malloc((n + 1) * sizeof *next);
    size_t *last = malloc((n + 1) * sizeof *last);
    if (!first || !next || !last) {
        free(first);
        free(next);
        free(last);
        return SF_EXIT_INPUT;
    }
    for (size_t i = 0; i < n; i++) first[i] = last[i] = next[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t g = dup[i];
        if (g == SIZE_MAX) continue;
        if (first[g] == SIZE_MAX)
            first[g] = i;
        else
            next[last[g]] = i;
        last[g] = i;
    }
    for (size_t g = 0; g < n; g++) {
        if (first[g] == SIZE_MAX) continue;
        json_object *o = json_object_new_object();
        json_object *members = json_object_new_array();
        json_object_object_add(o, "canonical", json_object_new_string(sf_corpus_get(c, g)->id));
        for (size_t m = first[g]; m != SIZE_MAX; m = next[m])
            add_member(members, sf_corpus_get(c, m)->id, sim[m]);
        print_group(o, members);
    }
    free(first);
    free(next);
    free(last);
    return SF_EXIT_OK;
}

/* One line per indexed article that has copies in this corpus, in item
 * order (earlier runs first); members in corpus order. */
static int print_index_groups(const sf_dedup_index *ix, const sf_corpus *c,
                              const size_t *copy_of, const double *sim) {
    size_t n = sf_corpus_count(c), items = sf_dedup_index_count(ix);
    size_t *order = malloc((n + 1) * sizeof *order);
    if (!order) return SF_EXIT_INPUT;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (copy_of[i] != SIZE_MAX) order[k++] = i;
    /* stable counting sort of the copies by their canonical item */
    size_t *count = calloc(items + 1, sizeof *count), *sorted = malloc((k + 1) * sizeof *sorted);
    if (!count || !sorted) {
        free(order);
        free(count);
        free(sorted);
        return SF_EXIT_INPUT;
    }
    for (size_t j = 0; j < k; j++) count[copy_of[order[j]] + 1]++;
    for (size_t g = 1; g <= items; g++) count[g] += count[g - 1];
    for (size_t j = 0; j < k; j++) sorted[count[copy_of[order[j]]]++] = order[j];
    for (size_t j = 0; j < k;) {
        size_t g = copy_of[sorted[j]];
        json_object *o = json_object_new_object();
        json_object *members = json_object_new_array();
        json_object_object_add(o, "canonical", json_object_new_string(sf_dedup_index_id(ix, g)));
        for (; j < k && copy_of[sorted[j]] == g; j++)
            add_member(members, sf_corpus_get(c, sorted[j])->id, sim[sorted[j]]);
        print_group(o, members);
    }
    free(order);
    free(count);
    free(sorted);
    return SF_EXIT_OK;
}

/* The index in `path`, or a new one when there is no such file. NULL after
 * printing why. Options the user gave must match a loaded index's. */
static sf_dedup_index *open_index(const char *prog, const char *path, const sf_dedup_options *o,
                                  const bool given[4]) {
    sf_error err = {0};
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT) {
            sf_cli_error(prog, "%s: %s", path, strerror(errno));
            return NULL;
        }
        sf_dedup_index *ix = sf_dedup_index_create(o, &err);
        if (!ix) sf_cli_error(prog, "%s", err.message);
        return ix;
    }
    sf_dedup_index *ix = NULL;
    if (sf_dedup_index_load(path, &ix, &err) != SF_OK) {
        sf_cli_error(prog, "%s (the file was left as it is)", err.message);
        return NULL;
    }
    sf_dedup_options f;
    sf_dedup_index_options(ix, &f);
    static const char *const measures[] = {"jaccard", "containment"};
    static const char *const methods[] = {"oph", "minhash", "simhash"};
    const char *diff = NULL;
    if (given[0] && o->threshold != f.threshold) diff = "--threshold";
    else if (given[1] && o->measure != f.measure) diff = "--measure";
    else if (given[2] && o->method != f.method) diff = "--method";
    else if (given[3] && o->shingle_words != f.shingle_words) diff = "--shingle";
    if (diff) {
        sf_cli_error(prog,
                     "%s: the index was made with --threshold %g --measure %s --method %s "
                     "--shingle %u; %s differs (drop it, or use another index file)",
                     path, f.threshold, (unsigned)f.measure < 2 ? measures[f.measure] : "?",
                     (unsigned)f.method < 3 ? methods[f.method] : "?", f.shingle_words, diff);
        sf_dedup_index_destroy(ix);
        return NULL;
    }
    return ix;
}

/* What the command line asks for. */
typedef struct dedup_args {
    sf_cli_inputs in;
    sf_dedup_options o;
    char **paths;
    int npaths;
    const char *index_path;
    bool given[4]; /* threshold, measure, method, shingle set on the command line */
} dedup_args;

/* One option's value into a; SF_EXIT_OK, or SF_EXIT_USAGE after saying why. */
static int dedup_option(dedup_args *a, int opt, const char *v) {
    enum { THRESHOLD, MEASURE, METHOD, SHINGLE, THREADS, INDEX, FORMAT };
    const char *prog = a->in.prog;
    sf_dedup_options *o = &a->o;
    switch (opt) {
    case THRESHOLD:
        if (!parse_double(v, &o->threshold) || !(o->threshold > 0 && o->threshold <= 1)) {
            sf_cli_error(prog, "--threshold needs a number in (0, 1], not '%s'", v);
            return SF_EXIT_USAGE;
        }
        a->given[0] = true;
        break;
    case MEASURE:
        a->given[1] = true;
        if (strcmp(v, "jaccard") == 0)
            o->measure = SF_DEDUP_JACCARD;
        else if (strcmp(v, "containment") == 0)
            o->measure = SF_DEDUP_CONTAINMENT;
        else {
            sf_cli_error(prog, "unknown measure '%s' (jaccard, containment)", v);
            return SF_EXIT_USAGE;
        }
        break;
    case METHOD:
        a->given[2] = true;
        if (strcmp(v, "minhash") == 0)
            o->method = SF_DEDUP_MINHASH;
        else if (strcmp(v, "oph") == 0)
            o->method = SF_DEDUP_OPH;
        else if (strcmp(v, "simhash") == 0)
            o->method = SF_DEDUP_SIMHASH;
        else {
            sf_cli_error(prog, "unknown method '%s' (minhash, oph, simhash)", v);
            return SF_EXIT_USAGE;
        }
        break;
    case SHINGLE:
        a->given[3] = true;
        if (!parse_uint(v, &o->shingle_words) || o->shingle_words == 0 || o->shingle_words > 64) {
            sf_cli_error(prog, "--shingle needs a number of words from 1 to 64, not '%s'", v);
            return SF_EXIT_USAGE;
        }
        break;
    case THREADS:
        if (!parse_uint(v, &o->threads) || o->threads == 0 || o->threads > 64) {
            sf_cli_error(prog, "--threads needs a number from 1 to 64, not '%s'", v);
            return SF_EXIT_USAGE;
        }
        break;
    case INDEX:
        if (!*v) {
            sf_cli_error(prog, "--index needs a file name");
            return SF_EXIT_USAGE;
        }
        a->index_path = v;
        break;
    case FORMAT:
        if (strcmp(v, "jsonl") != 0) {
            sf_cli_error(prog, "unknown output format '%s' (jsonl)", v);
            return SF_EXIT_USAGE;
        }
        break;
    }
    return SF_EXIT_OK;
}

/* The command line into a: -1 to go on, else the exit status (help asked,
 * or a usage error already reported). */
static int dedup_parse(dedup_args *a, int argc, char **argv) {
    static const sf_cli_opt opts[] = {{"--threshold", 0, true, 0}, {"--measure", 0, true, 1},
                                      {"--method", 0, true, 2},    {"--shingle", 0, true, 3},
                                      {"--threads", 0, true, 4},   {"--index", 0, true, 5},
                                      {"--format", 0, true, 6}};
    a->paths = argv + 1;
    sf_cli_args g;
    sf_cli_args_init(&g, a->in.prog, argc, argv, opts, sizeof opts / sizeof *opts);
    g.pass_other = true; /* the input options (sf_cli_input_option) */
    const char *v;
    for (int r; (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        switch (r) {
        case SF_CLI_HELP: help(stdout); return SF_EXIT_OK;
        case SF_CLI_ERROR: return SF_EXIT_USAGE;
        case SF_CLI_ARG: a->paths[a->npaths++] = (char *)v; break; /* behind the parser in argv */
        case SF_CLI_OTHER: {
            int i = g.at, c = sf_cli_input_option(&a->in, argc, argv, &i);
            if (c == 0) sf_cli_error(a->in.prog, "unknown option '%s' (see --help)", argv[g.at]);
            if (c <= 0) return SF_EXIT_USAGE;
            g.next = i + 1;
            break;
        }
        default:
            if (dedup_option(a, r, v) != SF_EXIT_OK) return SF_EXIT_USAGE;
        }
    }
    a->in.quiet |= g.quiet;
    a->in.verbose |= g.verbose;
    g.quiet = a->in.quiet;
    sf_cli_args_apply(&g);
    if (a->npaths == 0) {
        help(stderr);
        return SF_EXIT_USAGE;
    }
    return -1;
}

/* The crawl path: the corpus against the index and added to it; the index
 * saved. Takes ix and c. */
static int dedup_with_index(dedup_args *a, sf_dedup_index *ix, sf_corpus *c) {
    int code = SF_EXIT_OK;
    size_t n = sf_corpus_count(c);
    size_t *copy_of = malloc((n + 1) * sizeof *copy_of);
    double *sim = malloc((n + 1) * sizeof *sim);
    sf_error err = {0};
    if (!copy_of || !sim) {
        sf_cli_error(a->in.prog, "out of memory for %zu articles", n);
        code = SF_EXIT_INPUT;
    } else if (sf_dedup_index_add_corpus(ix, c, NULL, copy_of, sim, &err) != SF_OK) {
        sf_cli_error(a->in.prog, "%s", err.message);
        code = SF_EXIT_INPUT;
    } else if ((code = print_index_groups(ix, c, copy_of, sim)) != SF_EXIT_OK) {
        sf_cli_error(a->in.prog, "out of memory writing groups");
    } else if (sf_dedup_index_save(ix, a->index_path, &err) != SF_OK) {
        sf_cli_error(a->in.prog, "%s", err.message);
        code = SF_EXIT_INPUT;
    }
    free(copy_of);
    free(sim);
    sf_dedup_index_destroy(ix);
    sf_corpus_destroy(c);
    return code;
}

/* The corpus alone: its groups of copies. Takes c. */
static int dedup_corpus(dedup_args *a, sf_corpus *c) {
    int code = SF_EXIT_OK;
    size_t n = sf_corpus_count(c);
    size_t *dup = malloc((n + 1) * sizeof *dup);
    double *sim = malloc((n + 1) * sizeof *sim);
    sf_error err = {0};
    sf_cli_progress("copies", 0, n);
    if (!dup || !sim) {
        sf_cli_error(a->in.prog, "out of memory for %zu articles", n);
        code = SF_EXIT_INPUT;
    } else if (sf_dedup_corpus(c, &a->o, dup, sim, &err) != SF_OK) {
        sf_cli_error(a->in.prog, "%s", err.message);
        code = SF_EXIT_INPUT;
    } else {
        sf_cli_progress("copies", n, n);
        sf_cli_progress_end();
        code = print_groups(c, dup, sim);
        if (code != SF_EXIT_OK) sf_cli_error(a->in.prog, "out of memory writing groups");
    }
    free(dup);
    free(sim);
    sf_corpus_destroy(c);
    return code;
}

int sf_cmd_dedup(int argc, char **argv) {
    dedup_args a = {.in = {.prog = "storyfold dedup"}};
    int code = dedup_parse(&a, argc, argv);
    if (code >= 0) return code;
    code = SF_EXIT_OK;
    sf_dedup_index *ix = NULL;
    /* the index first: a bad file is reported before reading a day's crawl */
    if (a.index_path && !(ix = open_index(a.in.prog, a.index_path, &a.o, a.given))) return SF_EXIT_INPUT;
    a.in.threads = a.o.threads;
    sf_corpus *c = sf_cli_read_all(&a.in, a.paths, a.npaths, &code);
    if (!c) {
        sf_dedup_index_destroy(ix);
        return code;
    }
    code = ix ? dedup_with_index(&a, ix, c) : dedup_corpus(&a, c);
    if (a.in.problems && code == SF_EXIT_OK) code = SF_EXIT_INPUT;
    return code;
}

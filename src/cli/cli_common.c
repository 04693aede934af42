/* cli_common.c - what every reading command shares: input options, reading
 * with diagnostics on stderr, progress lines, error messages. */
#include "cli.h"
#include "cli_args.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

/* "files read" progress of sf_cli_read_all (with the progress display,
 * below): read_progress is sf_read_options.progress; before and after each
 * path given. */
static void read_progress(void *user, const char *stage, size_t done, size_t total);
static bool read_progress_start(const char *path);
static void read_progress_end(bool dir, bool last);

int sf_cli_json_line(const char *text) {
    if (!text) return -1;
    /* "</" occurs in JSON text only inside strings, where "<\/" is the same */
    for (const char *p = text; *p;) {
        const char *q = strstr(p, "</");
        size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
        if (fwrite(p, 1, n, stdout) != n) return -1;
        if (!q) break;
        if (putchar('\\') == EOF) return -1;
        p = q + 1;
    }
    return putchar('\n') == EOF ? -1 : 0;
}

bool sf_cli_is_help(const char *arg) {
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

void sf_cli_error(const char *prog, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int sf_cli_input_option(sf_cli_inputs *in, int argc, char **argv, int *i) {
    enum { STRICT, QUIET, VERBOSE, INCLUDE, EXCLUDE, MAX_EXPAND, FORMAT };
    static const sf_cli_opt opts[] = {
        {"--strict", 0, false, STRICT},   {"--quiet", 'q', false, QUIET},
        {"--verbose", 'v', false, VERBOSE}, {"--include", 0, true, INCLUDE},
        {"--exclude", 0, true, EXCLUDE},  {"--max-expand", 0, true, MAX_EXPAND},
        {"--input-format", 0, true, FORMAT}};
    const char *v;
    int r = sf_cli_match(in->prog, opts, sizeof opts / sizeof *opts, argc, argv, i, &v);
    if (r == SF_CLI_OTHER) return 0;
    if (r < 0) return -1;
    switch (r) {
    case STRICT: in->strict = true; break;
    case QUIET: in->quiet = true; break;
    case VERBOSE: in->verbose = true; break;
    case INCLUDE:
    case EXCLUDE: {
        size_t *n = r == INCLUDE ? &in->ninclude : &in->nexclude;
        if (*n >= 32) {
            sf_cli_error(in->prog, "%s: at most 32 patterns", r == INCLUDE ? "--include" : "--exclude");
            return -1;
        }
        (r == INCLUDE ? in->include : in->exclude)[(*n)++] = v;
        break;
    }
    case MAX_EXPAND: {
        char *end = NULL;
        errno = 0;
        unsigned long long n = strtoull(v, &end, 10);
        if (!*v || *end || errno || n == 0 || v[0] == '-') {
            sf_cli_error(in->prog, "--max-expand needs a positive number of bytes");
            return -1;
        }
        in->max_expand = (uint64_t)n;
        break;
    }
    default:
        if (sf_format_parse(v, &in->format) != SF_OK) {
            sf_cli_error(in->prog, "unknown input format '%s' (text, jsonl, sgml, html, warc)", v);
            return -1;
        }
    }
    return 1;
}

int sf_cli_parse(sf_cli_inputs *in, int argc, char **argv, void (*help)(FILE *),
                 sf_cli_option_fn fn, void *user, char ***paths, int *npaths) {
    *paths = argv + 1;
    *npaths = 0;
    sf_cli_args g;
    sf_cli_args_init(&g, in->prog, argc, argv, NULL, 0);
    g.pass_other = true; /* the input options and the command's own, below */
    const char *v;
    for (int r; (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        if (r == SF_CLI_HELP) {
            help(stdout);
            return SF_EXIT_OK;
        }
        if (r == SF_CLI_ERROR) return SF_EXIT_USAGE;
        if (r == SF_CLI_ARG) { /* paths are gathered in argv's own storage, behind the parser */
            (*paths)[(*npaths)++] = (char *)v;
            continue;
        }
        int i = g.at;
        int c = sf_cli_input_option(in, argc, argv, &i);
        if (c == 0 && fn) c = fn(user, in, argc, argv, &i);
        if (c < 0) return SF_EXIT_USAGE;
        if (c == 0) {
            sf_cli_error(in->prog, "unknown option '%s' (see --help)", argv[g.at]);
            return SF_EXIT_USAGE;
        }
        g.next = i + 1;
    }
    in->quiet |= g.quiet;
    in->verbose |= g.verbose;
    g.quiet = in->quiet;
    sf_cli_args_apply(&g);
    if (*npaths == 0) {
        help(stderr);
        return SF_EXIT_USAGE;
    }
    return -1;
}

/* A file that holds no articles (a script, a style sheet, an image, ...):
 * counted by kind for one summary line (sf_cli_read_all), named with -v. */
static void count_skipped(sf_cli_inputs *in, const sf_diag *d) {
    in->skipped++;
    size_t k = 0, nk = sizeof in->skip_kinds / sizeof in->skip_kinds[0];
    while (k < nk && in->skip_kinds[k].kind && strcmp(in->skip_kinds[k].kind, d->message) != 0) k++;
    if (k < nk && !in->skip_kinds[k].kind) in->skip_kinds[k].kind = strdup(d->message);
    if (k < nk && in->skip_kinds[k].kind) in->skip_kinds[k].n++;
    if (in->verbose && !in->quiet) fprintf(stderr, "%s: %s\n", d->file, d->message);
}

/* "storyfold run: 4 files skipped, holding no articles (image: 2, script: 1,
 * style sheet: 1); -v names them": one line however many files. */
static void skipped_summary(sf_cli_inputs *in) {
    if (!in->skipped) return;
    if (!in->quiet) {
        fprintf(stderr, "%s: %zu file%s skipped, holding no articles (", in->prog, in->skipped,
                in->skipped == 1 ? "" : "s");
        for (size_t k = 0; k < sizeof in->skip_kinds / sizeof in->skip_kinds[0]; k++) {
            const char *kind = in->skip_kinds[k].kind;
            if (!kind) continue;
            /* the message is "image skipped": the kind is before " skipped" */
            const char *end = strstr(kind, " skipped");
            int len = end ? (int)(end - kind) : (int)strlen(kind);
            fprintf(stderr, "%s%.*s: %zu", k ? ", " : "", len, kind, in->skip_kinds[k].n);
        }
        fprintf(stderr, ")%s\n", in->verbose ? "" : "; -v names them");
    }
    for (size_t k = 0; k < sizeof in->skip_kinds / sizeof in->skip_kinds[0]; k++) {
        free((char *)in->skip_kinds[k].kind);
        in->skip_kinds[k].kind = NULL;
        in->skip_kinds[k].n = 0;
    }
    in->skipped = 0;
}

static void on_diag(void *user, const sf_diag *d) {
    sf_cli_inputs *in = user;
    /* skipped files and pages without text are read as well as they can be:
     * a warning, exit 0 (docs/input-formats.md) */
    if (d->status == SF_ERR_UNSUPPORTED && !d->line && !d->record) {
        count_skipped(in, d);
        return;
    }
    if (d->status == SF_ERR_EMPTY) in->warnings++;
    else if (d->status != SF_OK) in->problems++; /* SF_OK: a note (WARC summary) */
    if (in->quiet) return;
    if (d->line)
        fprintf(stderr, "%s:%zu: %s\n", d->file, d->line, d->message);
    else if (d->record)
        fprintf(stderr, "%s: record %zu: %s\n", d->file, d->record, d->message);
    else
        fprintf(stderr, "%s: %s\n", d->file, d->message);
}

sf_corpus *sf_cli_read_all(sf_cli_inputs *in, char **paths, int npaths, int *exit_code) {
    sf_corpus *c = sf_corpus_create();
    if (!c) {
        sf_cli_error(in->prog, "out of memory");
        *exit_code = SF_EXIT_INPUT;
        return NULL;
    }
    sf_read_options o = {.format = in->format, .strict = in->strict, .on_diag = on_diag, .user = in,
                         .max_expand = in->max_expand, .include = in->include,
                         .ninclude = in->ninclude, .exclude = in->exclude, .nexclude = in->nexclude,
                         .progress = read_progress, .threads = in->threads};
    for (int i = 0; i < npaths; i++) {
        sf_error err = {0};
        bool dir = read_progress_start(paths[i]);
        sf_status st = sf_read_path(c, paths[i], &o, &err);
        read_progress_end(dir, i + 1 == npaths);
        if (st != SF_OK) {
            sf_cli_progress_end();
            /* with --strict the bad record was already named by on_diag */
            size_t before = in->problems;
            if (!(in->strict && before))
                sf_cli_error(in->prog, "%s", err.message[0] ? err.message : sf_strerror(st));
            /* one unreadable path does not lose the others: it is reported,
             * counted (exit 1 at the end) and the next path is read; only
             * running out of memory or --strict stop everything */
            in->problems++;
            if (st == SF_ERR_NOMEM || in->strict) {
                skipped_summary(in);
                sf_corpus_destroy(c);
                *exit_code = SF_EXIT_INPUT;
                return NULL;
            }
        }
    }
    sf_cli_progress_end();
    skipped_summary(in);
    return c;
}

sf_corpus *sf_cli_read_some(sf_cli_inputs *in, char **paths, int npaths, int *exit_code) {
    sf_corpus *c = sf_cli_read_all(in, paths, npaths, exit_code);
    if (c && sf_corpus_count(c) == 0) {
        sf_cli_error(in->prog, "no articles were read");
        sf_corpus_destroy(c);
        *exit_code = SF_EXIT_INPUT;
        return NULL;
    }
    if (c) sf_cli_note_long_articles(in, c);
    return c;
}

void sf_cli_note_long_articles(const sf_cli_inputs *in, const sf_corpus *c) {
    size_t n = 0, first = 0;
    for (size_t i = 0; i < sf_corpus_count(c); i++)
        if (sf_corpus_get(c, i)->text_len > SF_ANALYZE_MAX_BYTES && !n++) first = i;
    if (!n || in->quiet) return;
    const sf_article *a = sf_corpus_get(c, first);
    fprintf(stderr,
            "%s: note: %zu article%s longer than %zu MiB (the first: '%s', %zu bytes): names, facts, "
            "quotes and summary sentences are taken from the first %zu MiB of %s; the whole text is "
            "still deduplicated and clustered\n",
            in->prog, n, n == 1 ? " is" : "s are", SF_ANALYZE_MAX_BYTES >> 20, a->id ? a->id : "?",
            a->text_len, SF_ANALYZE_MAX_BYTES >> 20, n == 1 ? "it" : "each");
}

/* Progress goes to a terminal only, and only once a run has taken a second,
 * so that short runs and pipes stay quiet. */
static struct timespec g_start;
static bool g_started, g_shown;
/* With --progress it goes elsewhere too, as whole lines (a stage's start and
 * end, and at most one line every 2 seconds between), and on a terminal at
 * once. -q silences it (cli_args.c). */
static char g_stage[32];    /* the stage shown last */
static double g_stage_t0;   /* when it started (for its rate) */
static double g_line_t;     /* when the last whole line was written */
static size_t g_files_base; /* files of the earlier paths (sf_cli_read_all) */
static size_t g_files_dir;  /* files of the directory being read */

static double elapsed(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - g_start.tv_sec) + (double)(now.tv_nsec - g_start.tv_nsec) / 1e9;
}

void sf_cli_progress(const char *what, size_t done, size_t total) {
    if (!g_started) {
        clock_gettime(CLOCK_MONOTONIC, &g_start);
        g_started = true;
    }
    if (sf_cli_g_quiet) return;
    bool tty = isatty(STDERR_FILENO) != 0;
    if (!tty && !sf_cli_g_progress) return;
    double t = elapsed();
    bool new_stage = strncmp(g_stage, what, sizeof g_stage - 1) != 0;
    if (new_stage) {
        snprintf(g_stage, sizeof g_stage, "%s", what);
        g_stage_t0 = t;
    }
    if (tty && t < 1.0 && !sf_cli_g_progress) return;
    bool end = total && done == total;
    if (!tty && !new_stage && !end && t - g_line_t < 2.0) return;
    double span = t - g_stage_t0;
    char line[160], rate[40] = "";
    if (done && span > 0.01) snprintf(rate, sizeof rate, "%s%.0f/s", total ? ", " : "", (double)done / span);
    if (total)
        snprintf(line, sizeof line, "%s %zu/%zu (%.0f%%%s)", what, done, total,
                 100.0 * (double)done / (double)total, rate);
    else
        snprintf(line, sizeof line, "%s %zu%s%s%s", what, done, *rate ? " (" : "", rate, *rate ? ")" : "");
    if (tty) {
        fprintf(stderr, "\r%s   ", line);
        g_shown = true;
    } else {
        fprintf(stderr, "progress: %s\n", line);
        g_line_t = t;
    }
}

void sf_cli_progress_end(void) {
    if (g_shown) fputs("\r\033[K", stderr);
    g_shown = false;
}

/* sf_read_options.progress: files read so far, over every path given. */
static void read_progress(void *user, const char *stage, size_t done, size_t total) {
    (void)user, (void)stage, (void)total;
    g_files_dir = done;
    sf_cli_progress("files read", g_files_base + done, 0);
}

static bool read_progress_start(const char *path) {
    struct stat sb;
    g_files_dir = 0;
    return strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void read_progress_end(bool dir, bool last) {
    g_files_base += dir ? g_files_dir : 1; /* a directory: read_progress counted its files */
    if (dir && !last) return;
    if (last) g_line_t = -100; /* the stage's last line is always shown */
    sf_cli_progress("files read", g_files_base, 0);
}

void sf_cli_run_progress(void *user, const char *stage, size_t done, size_t total) {
    (void)user;
    sf_cli_progress(stage, done, total);
}

int sf_cli_exit_code(const sf_cli_inputs *in, sf_status st, const sf_error *err) {
    if (st != SF_OK) {
        sf_cli_error(in->prog, "%s", err && err->message[0] ? err->message : sf_strerror(st));
        return SF_EXIT_INPUT;
    }
    return in->problems ? SF_EXIT_INPUT : SF_EXIT_OK;
}

int sf_cli_gold_pred(const char *prog, int argc, char **argv, void (*help)(FILE *), const char **gold,
                     const char **pred, bool *json) {
    enum { GOLD, PRED, JSON };
    static const sf_cli_opt opts[] = {{"--gold", 0, true, GOLD}, {"--pred", 0, true, PRED},
                                      {"--json", 0, false, JSON}};
    sf_cli_args g;
    sf_cli_args_init(&g, prog, argc, argv, opts, json ? 3 : 2);
    const char *v;
    for (int r; (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        switch (r) {
        case SF_CLI_HELP: help(stdout); return SF_EXIT_OK;
        case GOLD: *gold = v; break;
        case PRED: *pred = v; break;
        case JSON: *json = true; break;
        case SF_CLI_ARG:
            sf_cli_error(prog, "unexpected argument '%s' (see --help)", v);
            return SF_EXIT_USAGE;
        default: return SF_EXIT_USAGE;
        }
    }
    sf_cli_args_apply(&g);
    if (!*gold || !*pred) {
        help(stderr);
        return SF_EXIT_USAGE;
    }
    return -1;
}

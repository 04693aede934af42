/* cli_args.c - the one argument parser of every command (cli_args.h). */
#include "cli_args.h"
#include "cli.h"

#include <string.h>

/* -q / --progress of the running command, for the progress display
 * (cli_common.c): quiet wins over progress. */
bool sf_cli_g_quiet, sf_cli_g_progress;

/* The values main.c split off "--name=value" (it hands "--name", "value" to
 * the command): such a value after a flag is an error, not an argument. */
static const char *g_attached[64];
static size_t g_nattached;

void sf_cli_note_attached(const char *value) {
    if (g_nattached < sizeof g_attached / sizeof *g_attached) g_attached[g_nattached++] = value;
}

static bool attached(const char *arg) {
    for (size_t k = 0; k < g_nattached; k++)
        if (g_attached[k] == arg) return true;
    return false;
}

/* A flag at g->at: an error when "=value" was written after it. */
static bool flag_given_value(sf_cli_args *g) {
    if (g->next >= g->argc || !attached(g->argv[g->next])) return false;
    sf_cli_error(g->prog, "%s takes no value (see --help)", g->argv[g->at]);
    return true;
}

void sf_cli_args_init(sf_cli_args *g, const char *prog, int argc, char **argv,
                      const sf_cli_opt *opts, size_t nopts) {
    memset(g, 0, sizeof *g);
    g->prog = prog;
    g->argc = argc;
    g->argv = argv;
    g->opts = opts;
    g->nopts = nopts;
    g->next = 1;
}

void sf_cli_args_apply(const sf_cli_args *g) {
    sf_cli_g_quiet = g->quiet;
    sf_cli_g_progress = g->progress;
}

const char *sf_cli_opt_name(const sf_cli_args *g) {
    return g->at < g->argc ? g->argv[g->at] : "";
}

int sf_cli_bad_value(const sf_cli_args *g, const char *value, const char *what) {
    sf_cli_error(g->prog, "bad value '%s' for %s%s%s%s", value, sf_cli_opt_name(g), what ? " (" : "",
                 what ? what : "", what ? ")" : "");
    return SF_CLI_ERROR;
}

/* The table's option named by `a` ("--name" of length n, or "-x"). */
static const sf_cli_opt *find(const sf_cli_args *g, const char *a, size_t n) {
    for (size_t k = 0; k < g->nopts; k++) {
        const sf_cli_opt *o = &g->opts[k];
        if (a[1] == '-' ? o->name && strlen(o->name) == n && strncmp(o->name, a, n) == 0
                        : o->short_name && o->short_name == a[1])
            return o;
    }
    return NULL;
}

/* The table's option at g->at (an argument starting with '-'): its id, with
 * *value for an option that takes one (g->next is then past it);
 * SF_CLI_OTHER when the table does not hold it; SF_CLI_ERROR (printed). */
static int option(sf_cli_args *g, char *a, const char **value) {
    bool is_long = a[1] == '-';
    char *eq = is_long ? strchr(a, '=') : NULL;
    size_t n = eq ? (size_t)(eq - a) : strlen(a);
    const sf_cli_opt *o = find(g, a, n);
    if (!o) return SF_CLI_OTHER;
    if (!o->value) {
        if (eq || (!is_long && a[2])) {
            sf_cli_error(g->prog, "%.*s takes no value (see --help)", is_long ? (int)n : 2, a);
            return SF_CLI_ERROR;
        }
        return flag_given_value(g) ? SF_CLI_ERROR : o->id;
    }
    if (eq) {
        *eq = '\0'; /* messages name the option alone */
        *value = eq + 1;
    } else if (!is_long && a[2]) {
        *value = a + 2;
    } else if (g->next < g->argc) {
        *value = g->argv[g->next++];
    } else {
        sf_cli_error(g->prog, "%s needs a value (see --help)", a);
        return SF_CLI_ERROR;
    }
    return o->id;
}

int sf_cli_match(const char *prog, const sf_cli_opt *opts, size_t nopts, int argc, char **argv,
                 int *i, const char **value) {
    *value = NULL;
    if (*i >= argc || argv[*i][0] != '-' || argv[*i][1] == '\0') return SF_CLI_OTHER;
    sf_cli_args g;
    sf_cli_args_init(&g, prog, argc, argv, opts, nopts);
    g.at = *i;
    g.next = *i + 1;
    int r = option(&g, argv[*i], value);
    if (r >= 0) *i = g.next - 1; /* the handler's convention: *i at its last argument */
    return r;
}

int sf_cli_next(sf_cli_args *g, const char **value) {
    *value = NULL;
    while (g->next < g->argc) {
        int i = g->at = g->next++;
        char *a = g->argv[i];
        if (!g->rest && attached(a)) { /* after an option the command handled itself */
            sf_cli_error(g->prog, "%s takes no value (see --help)", i > 0 ? g->argv[i - 1] : a);
            return SF_CLI_ERROR;
        }
        if (g->rest || a[0] != '-' || a[1] == '\0') {
            *value = a;
            return SF_CLI_ARG;
        }
        if (strcmp(a, "--") == 0) {
            g->rest = true;
            continue;
        }
        int r = option(g, a, value);
        if (r != SF_CLI_OTHER) return r;
        if (sf_cli_is_help(a)) return flag_given_value(g) ? SF_CLI_ERROR : SF_CLI_HELP;
        bool *flag = strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0      ? &g->quiet
                     : strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0 ? &g->verbose
                     : strcmp(a, "--progress") == 0                         ? &g->progress
                                                                            : NULL;
        if (flag) {
            if (flag_given_value(g)) return SF_CLI_ERROR;
            *flag = true;
            continue;
        }
        if (g->pass_other) return SF_CLI_OTHER;
        const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        sf_cli_error(g->prog, "unknown option '%.*s' (see --help)", eq ? (int)(eq - a) : (int)strlen(a), a);
        return SF_CLI_ERROR;
    }
    g->at = g->argc;
    return SF_CLI_END;
}

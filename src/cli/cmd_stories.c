/* cmd_stories.c - the commands that read a store: `storyfold stories`,
 * `storyfold show` and `storyfold search`, and the store options they share
 * with ingest. */
#include "cli.h"
#include "cli_store.h"
#include "cli_args.h"

#include <stdlib.h>
#include <string.h>

int sf_cli_store_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i) {
    sf_cli_store_args *a = user;
    enum { DB, LOCK, MAX_SIZE, NOW };
    static const sf_cli_opt opts[] = {{"--db", 0, true, DB}, {"--lock-timeout", 0, true, LOCK},
                                      {"--max-size", 0, true, MAX_SIZE}, {"--now", 0, true, NOW}};
    const char *v;
    int r = sf_cli_match(in->prog, opts, sizeof opts / sizeof *opts, argc, argv, i, &v);
    if (r == SF_CLI_OTHER) return 0;
    if (r < 0) return -1;
    char *end;
    if (r == DB) {
        a->db = v;
    } else if (r == NOW) {
        sf_error err = {0};
        if (sf_time_parse(v, &a->now, &err) != SF_OK) {
            sf_cli_error(in->prog, "--now: %s", err.message);
            return -1;
        }
    } else if (r == LOCK) {
        double s = strtod(v, &end);
        if (end == v || *end || s < 0 || s > 86400) {
            sf_cli_error(in->prog, "--lock-timeout needs seconds, got '%s'", v);
            return -1;
        }
        a->lock_ms = (int)(s * 1000);
        a->lock_set = true;
    } else {
        unsigned long long b = strtoull(v, &end, 10);
        if (end == v || *end || b == 0) {
            sf_cli_error(in->prog, "--max-size needs a number of bytes, got '%s'", v);
            return -1;
        }
        a->max_size = b;
    }
    return 1;
}

sf_store *sf_cli_store_open(const sf_cli_store_args *a, sf_error *err) {
    sf_store *s = sf_store_open(a->db, err);
    if (!s) return NULL;
    if (a->lock_set) sf_store_set_lock_timeout(s, a->lock_ms);
    if (a->max_size) sf_store_set_max_size(s, a->max_size);
    return s;
}

/* The options of the reading commands. */
typedef struct read_args {
    sf_cli_store_args st;
    bool json, history, full;
    int64_t since, until;
    size_t limit;
    const char *arg; /* STORY or QUERY */
} read_args;

/* Parse; returns -1 to go on, or an exit code. want_arg: one positional. */
static int parse(read_args *a, const char *prog, int argc, char **argv, bool want_arg,
                 void (*help)(FILE *)) {
    enum { FORMAT, SINCE, UNTIL, LIMIT, HISTORY, FULL };
    static const sf_cli_opt opts[] = {{"--format", 0, true, FORMAT}, {"--since", 0, true, SINCE},
                                      {"--until", 0, true, UNTIL},   {"--limit", 0, true, LIMIT},
                                      {"--history", 0, false, HISTORY}, {"--full", 0, false, FULL}};
    a->since = a->until = SF_TIME_UNKNOWN;
    sf_cli_args g;
    sf_cli_args_init(&g, prog, argc, argv, opts, sizeof opts / sizeof *opts);
    g.pass_other = true; /* the store options (sf_cli_store_option) */
    const char *v;
    for (int r; (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        sf_error err = {0};
        char *end;
        long n;
        switch (r) {
        case SF_CLI_HELP: help(stdout); return SF_EXIT_OK;
        case SF_CLI_ERROR: return SF_EXIT_USAGE;
        case SF_CLI_OTHER: {
            sf_cli_inputs in = {.prog = prog};
            int i = g.at;
            int c = sf_cli_store_option(&a->st, &in, argc, argv, &i);
            if (c == 0) sf_cli_error(prog, "unknown option '%s' (see --help)", argv[g.at]);
            if (c <= 0) return SF_EXIT_USAGE;
            g.next = i + 1;
            break;
        }
        case SF_CLI_ARG:
            if (!want_arg || a->arg) {
                sf_cli_error(prog, "unexpected argument '%s' (see --help)", v);
                return SF_EXIT_USAGE;
            }
            a->arg = v;
            break;
        case HISTORY: a->history = true; break;
        case FULL: a->full = true; break;
        case FORMAT:
            if (strcmp(v, "json") != 0 && strcmp(v, "md") != 0 && strcmp(v, "markdown") != 0) {
                sf_cli_error(prog, "unknown format '%s' (md, json)", v);
                return SF_EXIT_USAGE;
            }
            a->json = v[0] == 'j';
            break;
        case LIMIT:
            n = strtol(v, &end, 10);
            if (end == v || *end || n < 0) {
                sf_cli_error(prog, "--limit needs a number, got '%s'", v);
                return SF_EXIT_USAGE;
            }
            a->limit = (size_t)n;
            break;
        default: /* SINCE, UNTIL */
            if (sf_time_parse(v, r == SINCE ? &a->since : &a->until, &err) != SF_OK) {
                sf_cli_error(prog, "%s: %s", r == SINCE ? "--since" : "--until", err.message);
                return SF_EXIT_USAGE;
            }
        }
    }
    sf_cli_args_apply(&g);
    if (!a->st.db || (want_arg && !a->arg)) {
        help(stderr);
        return SF_EXIT_USAGE;
    }
    return -1;
}

#define READ_HELP                                                                       \
    "  --db DB           the store: a file (SQLite) or a postgresql://... URI\n"        \
    "  --format F        md (default) or json\n"                                        \
    "  --lock-timeout S  wait at most S seconds for another process's lock (10)\n"

static void help_stories(FILE *f) {
    fprintf(f, "usage: storyfold stories --db DB [--since TIME] [--limit N] [--format md|json]\n"
               "\n"
               "The stored stories, newest activity first (the ingest that last changed\n"
               "them, then their latest article).\n"
               "\n"
               "Options:\n" READ_HELP
               "  --since TIME      only stories changed at or after TIME (2026-03-02,\n"
               "                    2026-03-02T08:15:00Z or @SECONDS)\n"
               "  --limit N         at most N stories (default: all)\n"
               "  --full            each story whole (json: as storyfold run --format json)\n" SF_CLI_COMMON_HELP);
}

static void help_show(FILE *f) {
    fprintf(f, "usage: storyfold show --db DB STORY [--history] [--format md|json]\n"
               "\n"
               "One stored story (s12 or 12): summary, articles, entities, facts, quotes.\n"
               "\n"
               "Options:\n" READ_HELP
               "  --history         also how it grew: when each article joined or changed,\n"
               "                    and every version of its summary and facts\n" SF_CLI_COMMON_HELP);
}

static void help_search(FILE *f) {
    fprintf(f, "usage: storyfold search --db DB QUERY [--since TIME] [--until TIME] [--format md|json]\n"
               "\n"
               "Search the stored articles and stories for the words of QUERY (all of\n"
               "them, stemmed); when QUERY is an entity's name or any of its aliases,\n"
               "the stories of that entity too.\n"
               "\n"
               "Options:\n" READ_HELP
               "  --since TIME, --until TIME  only articles published in that range\n"
               "  --limit N         at most N results of each kind (default 20)\n" SF_CLI_COMMON_HELP);
}

static int finish(const char *prog, sf_store *s, sf_status st, const sf_error *err) {
    if (st != SF_OK) sf_cli_error(prog, "%s", err->message[0] ? err->message : sf_strerror(st));
    sf_store_close(s);
    return st == SF_OK ? SF_EXIT_OK : SF_EXIT_INPUT;
}

int sf_cmd_stories(int argc, char **argv) {
    read_args a = {0};
    int code = parse(&a, "storyfold stories", argc, argv, false, help_stories);
    if (code >= 0) return code;
    sf_error err = {0};
    sf_store *s = sf_cli_store_open(&a.st, &err);
    sf_status st = s ? sf_store_write_stories(s, a.since, a.limit, a.full, a.json ? SF_STORE_JSON : SF_STORE_MARKDOWN,
                                              stdout, &err)
                     : err.status;
    return finish("storyfold stories", s, st, &err);
}

int sf_cmd_show(int argc, char **argv) {
    read_args a = {0};
    int code = parse(&a, "storyfold show", argc, argv, true, help_show);
    if (code >= 0) return code;
    sf_error err = {0};
    sf_store *s = sf_cli_store_open(&a.st, &err);
    sf_status st = s ? sf_store_write_story(s, a.arg, a.history, a.json ? SF_STORE_JSON : SF_STORE_MARKDOWN,
                                            stdout, &err)
                     : err.status;
    return finish("storyfold show", s, st, &err);
}

int sf_cmd_search(int argc, char **argv) {
    read_args a = {0};
    int code = parse(&a, "storyfold search", argc, argv, true, help_search);
    if (code >= 0) return code;
    sf_error err = {0};
    sf_store *s = sf_cli_store_open(&a.st, &err);
    sf_status st = s ? sf_store_search(s, a.arg, a.since, a.until, a.limit,
                                       a.json ? SF_STORE_JSON : SF_STORE_MARKDOWN, stdout, &err)
                     : err.status;
    return finish("storyfold search", s, st, &err);
}

/* main.c - the storyfold program: dispatches to one command per file. */
#include "cli.h"
#include "cli_args.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const sf_cli_command COMMANDS[] = {
    {"run", "read articles, find copies and stories, print summarized stories", sf_cmd_run, true},
    {"summarize", "summarize all the articles given as one story", sf_cmd_summarize, true},
    {"sentences", "print each sentence of each article on its own line", sf_cmd_sentences, true},
    {"dedup", "find copies (exact and near duplicates), one JSON line per group", sf_cmd_dedup, true},
    {"cluster", "group articles into stories, one JSON line per article", sf_cmd_cluster, true},
    {"eval", "measure against human judgements (rouge, clusters)", sf_cmd_eval, true},
    {"entities", "print each name mention of each article, one JSON line each", sf_cmd_entities, true},
    {"ner", "tag a CoNLL-2003 file with the name recognizer", sf_cmd_ner, false},
    {"extract", "print the main text of web pages and WARC crawls (json: with metadata)",
     sf_cmd_extract, true},
    {"ingest", "add articles to a store (--db FILE or postgresql://...)", sf_cmd_ingest, true},
    {"stories", "list a store's stories, newest activity first", sf_cmd_stories, false},
    {"show", "print one stored story (--history: how it grew)", sf_cmd_show, false},
    {"search", "search a store's articles, stories and entities", sf_cmd_search, false},
    {"serve", "serve a store as a web page and a JSON API (HTTP)", sf_cmd_serve, false},
    {"worker", "read articles from Kafka into a store, one of several workers", sf_cmd_worker, true},
    {"produce", "send articles to a Kafka topic (JSON Lines, keyed by id)", sf_cmd_produce, false},
};

static void usage(FILE *f) {
    fprintf(f,
            "usage: storyfold COMMAND [OPTIONS] PATH...\n"
            "\n"
            "storyfold reads news articles (plain text, JSON Lines, JSON arrays,\n"
            "TREC/DUC SGML, HTML pages, WARC crawls; any of them gzip'd), finds copies,\n"
            "groups articles that report the same event into stories and writes a\n"
            "short summary of each story that cites its sources.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(f, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(f,
            "\n"
            "Run 'storyfold help COMMAND' or 'storyfold COMMAND --help' for the options\n"
            "of a command. Every command takes --name=value as --name value, -o/--output\n"
            "FILE for its output, '--' before paths that start with '-', -q/--quiet,\n"
            "-v/--verbose and --progress (progress lines even off a terminal).\n"
            "Exit codes: 0 ok, 1 bad input or failure, 2 usage error.\n"
            "Environment: SF_HUGEPAGES=0 keeps a command from starting itself again\n"
            "with the C library's huge pages for its memory (docs/threads.md).\n");
}

/* The conventions every command shares, applied before it sees its
 * arguments (so each command's own parser need not know them):
 *   --name=value    is --name value (up to a "--");
 *   -o F, --output F  standard output goes to F (created or truncated);
 * and after the command: a failed write to standard output (a full disk,
 * a closed pipe) is an error, exit 1. `--` itself is left for the command:
 * what follows it are paths. Returns the new argc, or -1 (message printed). */
static int common_options(int argc, char **argv, char **out, const char **output) {
    int n = 0;
    bool rest = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!rest && strcmp(a, "--") == 0) rest = true;
        if (!rest && i > 0 && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
            if (i + 1 >= argc) {
                fprintf(stderr, "storyfold %s: %s needs a file name\n", argv[0], a);
                return -1;
            }
            *output = argv[++i];
            continue;
        }
        if (!rest && strncmp(a, "--output=", 9) == 0) {
            *output = a + 9;
            continue;
        }
        const char *eq = !rest && a[0] == '-' && a[1] == '-' && a[2] ? strchr(a, '=') : NULL;
        if (eq && eq > a + 2) {
            /* the name is copied into argv's own storage: the '=' becomes
             * the name's end and the value follows it */
            ((char *)eq)[0] = '\0';
            out[n++] = (char *)a;
            out[n++] = (char *)eq + 1;
            sf_cli_note_attached(eq + 1);
            continue;
        }
        out[n++] = (char *)a;
    }
    out[n] = NULL;
    return n;
}

static int finish_output(const char *cmd, const char *output, int code) {
    if (fflush(stdout) == EOF || ferror(stdout)) {
        if (code != SF_EXIT_OK) return code; /* the command has said what went wrong */
        fprintf(stderr, "storyfold %s: writing %s: %s\n", cmd, output ? output : "standard output",
                strerror(errno ? errno : EIO));
        return SF_EXIT_INPUT;
    }
    return code;
}

/* Transparent huge pages for the C library's heap. Where the kernel gives
 * them only to memory that asks (THP mode "madvise", Debian's default),
 * glibc asks for its heap when the tunable glibc.malloc.hugetlb=1 is set,
 * and reads tunables only when a process starts: so a command that works
 * on many articles starts itself again once with it set. A run then takes
 * about half the page faults on two threads and a tenth on one, and `run`
 * on DUC 2006+2007 on two threads is about 11% faster (docs/threads.md).
 * SF_HUGEPAGES=0 in the environment keeps the process as it is; so do a
 * hugetlb tunable already set (first in GLIBC_TUNABLES: glibc leaves a
 * process only the first of the list to read), a kernel without the
 * madvise mode, and sanitizer builds (their own allocator). If the new
 * start fails, this one goes on with its environment as it was. */
static void use_huge_pages(char **argv) {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    const char *off = getenv("SF_HUGEPAGES");
    if ((off && strcmp(off, "0") == 0) || getenv("SF_HUGEPAGES_STARTED")) return;
    const char *t = getenv("GLIBC_TUNABLES");
    if (t && strstr(t, "glibc.malloc.hugetlb")) return;
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    char mode[128] = "";
    if (f) {
        if (!fgets(mode, sizeof mode, f)) mode[0] = '\0';
        fclose(f);
    }
    if (!strstr(mode, "[madvise]")) return;
    char *saved = t ? strdup(t) : NULL;
    if (t && !saved) return;
    char tun[4096];
    /* first: this glibc shows a process only the first tunable of the
     * list in its environment (all are applied) */
    int w = snprintf(tun, sizeof tun, "glibc.malloc.hugetlb=1%s%s", t && *t ? ":" : "", t ? t : "");
    if (w > 0 && (size_t)w < sizeof tun && setenv("GLIBC_TUNABLES", tun, 1) == 0 &&
        setenv("SF_HUGEPAGES_STARTED", "1", 1) == 0)
        execv("/proc/self/exe", argv);
    /* not started again: the environment as it was */
    if (saved) setenv("GLIBC_TUNABLES", saved, 1);
    else unsetenv("GLIBC_TUNABLES");
    unsetenv("SF_HUGEPAGES_STARTED");
    free(saved);
#else
    (void)argv;
#endif
}

static const sf_cli_command *find_command(const char *name) {
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(name, COMMANDS[i].name) == 0) return &COMMANDS[i];
    return NULL;
}

int main(int argc, char **argv) {
    const sf_cli_command *cmd = argc >= 2 ? find_command(argv[1]) : NULL;
    if (cmd && cmd->articles) use_huge_pages(argv);
    char *hv[5] = {NULL}; /* argv of `storyfold help COMMAND [SUB]` */
    if (argc < 2) {
        usage(stderr);
        return SF_EXIT_USAGE;
    }
    if (sf_cli_is_help(argv[1])) {
        usage(stdout);
        return finish_output("help", NULL, SF_EXIT_OK);
    }
    if (strcmp(argv[1], "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return finish_output("help", NULL, SF_EXIT_OK);
        }
        /* storyfold help COMMAND [SUB]: the command's own --help */
        hv[0] = argv[0];
        hv[1] = argv[2];
        hv[2] = argc > 3 ? argv[3] : "--help";
        hv[3] = argc > 3 ? "--help" : NULL;
        argv = hv;
        argc = argc > 3 ? 4 : 3;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("storyfold %s\n", sf_version());
        return finish_output("version", NULL, SF_EXIT_OK);
    }
    cmd = find_command(argv[1]);
    if (!cmd) {
        fprintf(stderr, "storyfold: unknown command '%s'\n\n", argv[1]);
        usage(stderr);
        return SF_EXIT_USAGE;
    }
    char **args = malloc(sizeof(char *) * (size_t)(2 * argc + 1));
    if (!args) return SF_EXIT_INPUT;
    const char *output = NULL;
    int n = common_options(argc - 1, argv + 1, args, &output);
    if (n < 0) {
        free(args);
        return SF_EXIT_USAGE;
    }
    if (output && !freopen(output, "w", stdout)) {
        fprintf(stderr, "storyfold %s: cannot write %s: %s\n", cmd->name, output, strerror(errno));
        free(args);
        return SF_EXIT_INPUT;
    }
    errno = 0;
    int code = cmd->run(n, args);
    free(args);
    return finish_output(cmd->name, output, code);
}

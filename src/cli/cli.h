/* cli.h - the storyfold program: one file per command (cmd_<name>.c), shared
 * helpers for reading inputs and reporting. Uses the public header only.
 * Exit codes: 0 ok, 1 bad input or failure, 2 usage. */
#ifndef SF_CLI_H
#define SF_CLI_H

#include "storyfold.h"

#include <stdbool.h>
#include <stdio.h>

enum { SF_EXIT_OK = 0, SF_EXIT_INPUT = 1, SF_EXIT_USAGE = 2 };

typedef struct sf_cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
    bool articles; /* works on many articles: started with huge pages (main.c) */
} sf_cli_command;

/* Options every reading command accepts. */
typedef struct sf_cli_inputs {
    sf_format format;
    bool strict;
    bool quiet;
    size_t problems;     /* bad records reported */
    const char *prog;    /* "storyfold run" etc., for messages */
    uint64_t max_expand; /* --max-expand; 0: the reader's default */
    bool verbose;        /* -v: name every skipped file */
    size_t skipped;      /* files that hold no articles (images, scripts, ...) */
    struct { const char *kind; size_t n; } skip_kinds[8]; /* kind: the message */
    size_t warnings;     /* pages without text, empty files: shown, exit 0 */
    const char *include[32], *exclude[32]; /* --include / --exclude globs */
    size_t ninclude, nexclude;
    unsigned threads; /* the command's --threads for reading (0: one per core) */
} sf_cli_inputs;

/* Try to consume a common input option at argv[*i] (--input-format F,
 * --strict, --quiet). Returns 1 when consumed, 0 when not an input option,
 * -1 on a usage error (message printed). */
int sf_cli_input_option(sf_cli_inputs *in, int argc, char **argv, int *i);
/* A command's own options: return 1 when argv[*i] was consumed (advance *i
 * past a value), 0 when it is not the command's option, -1 on a usage error
 * (message printed). */
typedef int (*sf_cli_option_fn)(void *user, const sf_cli_inputs *in, int argc, char **argv,
                                 int *i);
/* Parse a reading command's arguments: -h/--help prints help to stdout;
 * input options; the command's options through fn; any other "-x" is a usage
 * error; the rest are paths, gathered in argv order into *paths (pointing
 * into argv). Returns -1 when the command should go on, or the exit code. No
 * paths is a usage error (help on stderr). */
int sf_cli_parse(sf_cli_inputs *in, int argc, char **argv, void (*help)(FILE *),
                 sf_cli_option_fn fn, void *user, char ***paths, int *npaths);

/* The options of the commands that run the pipeline (cli_runopts.c). */
typedef struct sf_cli_run_args {
    sf_run_options opt;
    bool json;               /* --format json */
    const char *text_format; /* the other --format: "md" (run) or "text" */
    bool allow_bytes;        /* --bytes N is accepted (summarize) */
    size_t bytes;
} sf_cli_run_args;
/* An sf_cli_option_fn over an sf_cli_run_args: --format, --words, --bytes,
 * --method, --query, --lang, --aliases, --dup-threshold, --story-threshold,
 * --threads. */
int sf_cli_run_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i);
#define SF_CLI_RUN_HELP                                                                 \
    "  --method M        concepts (default: bigram coverage), concepts-ilp (the same,\n" \
    "                    exact integer program), coverage (coverage plus diversity,\n" \
    "                    Lin and Bilmes 2011) or centroid\n"                              \
    "  --compress        cut opening connectives, short parentheses and when/where\n"    \
    "                    of \"said\" from summary sentences (English)\n"                  \
    "  --query TEXT      what the reader asks (a topic or question): the summary\n"      \
    "                    favours what shares its words (default: generic)\n"             \
    "  --lang L          language of the articles, ISO 639-1 (default en)\n"             \
    "  --dup-threshold T similarity at which an article is a copy (default 0.8)\n"       \
    "  --story-threshold T  similarity at which an article joins a story\n"              \
    "  --aliases FILE    names of one thing, one group a line, \" = \" between\n"        \
    "                    names, the first canonical, '#' starts a comment:\n"            \
    "                      Islamic State = IS = ISIS = ISIL = Daesh\n"                   \
    "                    (added to the bundled list; see docs/aliases.md)\n"            \
    "  --threads N       threads for reading a folder, the analysis, the stories and\n" \
    "                    their summaries and facts (default: one per core); the\n"  \
    "                    output is the same for any number\n"

/* Read every path (a file, a directory, or "-") into a new corpus; bad
 * records are reported on stderr as "file:line: message". Returns NULL and
 * sets *exit_code when reading must stop. */
sf_corpus *sf_cli_read_all(sf_cli_inputs *in, char **paths, int npaths, int *exit_code);
/* sf_cli_read_all, and a corpus without articles is an error too. */
sf_corpus *sf_cli_read_some(sf_cli_inputs *in, char **paths, int npaths, int *exit_code);
/* One note (unless --quiet) when articles are longer than the analyses
 * read (SF_ANALYZE_MAX_BYTES); the exit code is not changed. */
void sf_cli_note_long_articles(const sf_cli_inputs *in, const sf_corpus *c);
/* The exit code of a reading command that ended with status st: a failure
 * is printed (err's message) and is 1; skipped records also make it 1 (the
 * output is complete for what could be read); else 0. */
int sf_cli_exit_code(const sf_cli_inputs *in, sf_status st, const sf_error *err);
/* A progress line on stderr, only when stderr is a terminal and the run has
 * taken more than a second; `done` of `total` (total 0: unknown). */
void sf_cli_progress(const char *what, size_t done, size_t total);
void sf_cli_progress_end(void);
/* An sf_progress_fn that shows the stages of a run with sf_cli_progress. */
void sf_cli_run_progress(void *user, const char *stage, size_t done, size_t total);
/* Print "storyfold CMD: message" on stderr. */
void sf_cli_error(const char *prog, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Print one line of JSON text to stdout with every "</" written "<\/" (the
 * same JSON, safe inside an HTML <script> element). Returns -1 on error. */
int sf_cli_json_line(const char *text);

/* True when argv[i] is -h or --help. */
bool sf_cli_is_help(const char *arg);
/* The arguments of an eval command that compares two files: --gold FILE
 * --pred FILE (both needed), and --json when json is not NULL. Returns -1 to
 * go on, else the exit code to return (help was asked for, or a usage error
 * was printed). */
int sf_cli_gold_pred(const char *prog, int argc, char **argv, void (*help)(FILE *), const char **gold,
                     const char **pred, bool *json);

/* Input options text for --help pages. */
#define SF_CLI_INPUT_HELP                                                               \
    "Input options:\n"                                                                  \
    "  --input-format F  text, jsonl, sgml, html or warc (jsonl: JSON Lines or a\n"   \
    "                    JSON array), gzip'd or not (default: from the first bytes,\n"  \
    "                    then the name; files holding no articles, such as scripts,\n"  \
    "                    style sheets and images, are skipped and counted)\n"           \
    "  --strict          stop at the first bad record (default: report and skip it)\n"  \
    "  -q, --quiet       do not report skipped records\n"                               \
    "  -v, --verbose     name every file skipped as holding no articles\n"              \
    "  --include GLOB    in folders, read only the files whose name (or path)\n"        \
    "                    matches GLOB (may be given again: any of them)\n"              \
    "  --exclude GLOB    in folders, leave out files and folders that match GLOB\n"     \
    "  --max-expand N    bytes gzip'd input may expand to (default: the larger of\n"     \
    "                    256 MiB and 100 times the compressed bytes read)\n"             \
    "PATH may be a file, a directory (read recursively) or - for standard input.\n"

/* The commands (one cmd_<name>.c each). */
int sf_cmd_sentences(int argc, char **argv);
int sf_cmd_dedup(int argc, char **argv);
int sf_cmd_run(int argc, char **argv);
int sf_cmd_extract(int argc, char **argv);
int sf_cmd_summarize(int argc, char **argv);
int sf_cmd_cluster(int argc, char **argv);
/* `storyfold eval SUBCOMMAND` (cmd_eval.c): rouge, clusters. */
int sf_cmd_eval(int argc, char **argv);
/* `storyfold eval clusters` (argv[0] is "clusters"), dispatched by `eval`. */
int sf_cmd_eval_clusters(int argc, char **argv);
/* `storyfold eval entities` (argv[0] is "entities"), dispatched by `eval`. */
int sf_cmd_eval_entities(int argc, char **argv);
int sf_cmd_ner(int argc, char **argv);
int sf_cmd_entities(int argc, char **argv);
int sf_cmd_eval_quotes(int argc, char **argv);
/* The store (cmd_ingest.c, cmd_stories.c; docs/store.md). */
int sf_cmd_ingest(int argc, char **argv);
/* `storyfold serve` (cmd_serve.c, src/server/). */
int sf_cmd_serve(int argc, char **argv);
int sf_cmd_stories(int argc, char **argv);
int sf_cmd_show(int argc, char **argv);
int sf_cmd_search(int argc, char **argv);
/* Kafka workers (cmd_worker.c, cmd_produce.c, src/worker/; docs/workers.md). */
int sf_cmd_worker(int argc, char **argv);
int sf_cmd_produce(int argc, char **argv);

#endif

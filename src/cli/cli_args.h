/* cli_args.h - the one argument parser of every command: a table of the
 * command's options and an iterator over argv, in the manner of getopt_long.
 *
 *   --name value, --name=value   a long option with a value
 *   -n value, -nvalue            a short option with a value
 *   --flag, -f                   an option without a value
 *   --                           what follows are arguments, even "-x"
 *   -h, --help                   SF_CLI_HELP (the command prints its help)
 *   -q, --quiet / -v, --verbose  set quiet / verbose (every command)
 *   --progress                   sets progress (every command; cli_common.c)
 *   -                            an argument (standard input)
 * -o/--output FILE is taken by main.c before the command runs. */
#ifndef SF_CLI_ARGS_H
#define SF_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sf_cli_opt {
    const char *name; /* "--peer", or NULL */
    char short_name;  /* 'n' for -n, or 0 */
    bool value;       /* takes a value */
    int id;           /* what sf_cli_next returns for it (>= 0) */
} sf_cli_opt;

enum {
    SF_CLI_END = -1,   /* no more arguments */
    SF_CLI_ARG = -2,   /* an argument (a path, a story id ...): *value */
    SF_CLI_HELP = -3,  /* -h or --help */
    SF_CLI_ERROR = -4, /* a usage error, already printed */
    SF_CLI_OTHER = -5  /* an option not in the table (only with pass_other):
                        * it is argv[at]; the caller sets next past it */
};

typedef struct sf_cli_args {
    const char *prog;  /* "storyfold eval rouge", for messages */
    int argc;
    char **argv;
    const sf_cli_opt *opts;
    size_t nopts;
    bool pass_other;   /* unknown options: SF_CLI_OTHER instead of an error */
    int next;          /* the index of the next argument to look at */
    int at;            /* the index of the argument just returned */
    bool rest;         /* after "--" */
    bool quiet, verbose, progress;
} sf_cli_args;

/* argv[0] is the command's name; parsing starts at argv[1]. */
void sf_cli_args_init(sf_cli_args *g, const char *prog, int argc, char **argv,
                      const sf_cli_opt *opts, size_t nopts);
/* The next option's id (its value in *value, NULL for a flag), or one of
 * SF_CLI_END, SF_CLI_ARG, SF_CLI_HELP, SF_CLI_ERROR, SF_CLI_OTHER. */
int sf_cli_next(sf_cli_args *g, const char **value);
/* For an option handler that the parser called with SF_CLI_OTHER (its
 * convention: argv[*i] is the option; on success *i is left at its last
 * argument): the option of `opts` that argv[*i] names, as sf_cli_next
 * returns it (value taken, errors printed); SF_CLI_OTHER when none. */
int sf_cli_match(const char *prog, const sf_cli_opt *opts, size_t nopts, int argc, char **argv,
                 int *i, const char **value);
/* main.c: `value` was written --name=value (then split in two): after a
 * flag it is an error, not an argument. */
void sf_cli_note_attached(const char *value);
/* Print "PROG: bad value 'V' for OPT (WHAT)" and return SF_CLI_ERROR. */
int sf_cli_bad_value(const sf_cli_args *g, const char *value, const char *what);
/* The option just returned, as written ("--peer" or "-n"), for messages. */
const char *sf_cli_opt_name(const sf_cli_args *g);
/* -q and --progress of the running command (set by sf_cli_args_apply). */
extern bool sf_cli_g_quiet, sf_cli_g_progress;
/* Apply -q, -v and --progress to the progress display and warnings. */
void sf_cli_args_apply(const sf_cli_args *g);

#define SF_CLI_OUTPUT_HELP                                                              \
    "  -o, --output FILE write the output to FILE instead of standard output\n"         \
    "  --progress        progress lines on standard error even when it is not a\n"      \
    "                    terminal (default: on a terminal only; -q: never)\n"          \
    "  --                what follows are arguments, even if they start with '-'\n"    \
    "  -h, --help        this help (also: storyfold help COMMAND)\n"
/* The options every command takes, for --help pages. */
#define SF_CLI_COMMON_HELP                                                              \
    "Common options (--name=value is --name value):\n"                                 \
    "  -q, --quiet       no warnings, notes or progress on standard error\n"           \
    "  -v, --verbose     more detail on standard error\n" SF_CLI_OUTPUT_HELP
/* The same after SF_CLI_INPUT_HELP (which has -q and -v). */
#define SF_CLI_READING_HELP "Common options (--name=value is --name value):\n" SF_CLI_OUTPUT_HELP

#endif

/* cli_store.h - what the store commands (ingest, stories, show, search,
 * run --db) share: the --db, --lock-timeout and --max-size options. */
#ifndef SF_CLI_STORE_H
#define SF_CLI_STORE_H

#include "cli.h"

typedef struct sf_cli_store_args {
    const char *db;
    int lock_ms;        /* with lock_set: --lock-timeout in ms */
    bool lock_set;
    uint64_t max_size;  /* 0: none */
    int64_t now;        /* --now TIME (tests: a fixed clock); 0: the time */
} sf_cli_store_args;

/* An sf_cli_option_fn over sf_cli_store_args. */
int sf_cli_store_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i);
/* Open the store the options name (applying the lock timeout and size). */
sf_store *sf_cli_store_open(const sf_cli_store_args *a, sf_error *err);
/* True when argv has --db (run: with a store). */
bool sf_cli_has_db(int argc, char **argv);
int sf_cmd_run_db(int argc, char **argv);

#define SF_CLI_STORE_HELP                                                               \
    "  --lock-timeout S  wait at most S seconds for another process's lock (10)\n"      \
    "  --max-size BYTES  refuse to grow an SQLite store beyond BYTES (a quota)\n"       \
    "  --now TIME        the clock to record (ISO 8601 or @SECONDS; default: now)\n"

#endif

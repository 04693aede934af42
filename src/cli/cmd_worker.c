/* cmd_worker.c - `storyfold worker --db DB --kafka-brokers HOST:PORT --topic
 * T [--group G]`: one of several processes that read articles from a Kafka
 * topic into one store (src/worker/, docs/workers.md). */
#include "cli.h"
#include "cli_store.h"
#include "cli_args.h"

#include <stdlib.h>
#include <string.h>

#ifdef SF_HAVE_KAFKA
#include "../worker/worker.h"

#include <sys/resource.h>
#endif

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold worker --db DB --kafka-brokers HOST:PORT --topic T [OPTIONS]\n"
            "\n"
            "Read articles from a Kafka topic (one JSON Lines record or one WARC record\n"
            "per message) into a store, in batches, as one of any number of workers of\n"
            "one consumer group. A batch's offsets are committed only after its articles\n"
            "are in the store; a bad message (not JSON, no text, too large) is reported\n"
            "with its partition and offset and put aside in the store's dead_letters\n"
            "table. Story assignment takes the store's writers' lock, so several\n"
            "workers make the stories one process would (docs/workers.md); a worker\n"
            "waits up to --lock-timeout (here 600 s by default) for its turn.\n"
            "\n"
            "Options:\n"
            "  --db DB              the store (postgresql://... for several workers)\n"
            "  --kafka-brokers L    bootstrap servers, HOST:PORT[,HOST:PORT...]\n"
            "  --topic T            the topic to read\n"
            "  --group G            the consumer group (default storyfold)\n"
            "  --kafka-config K=V   a librdkafka property (repeatable), e.g.\n"
            "                       security.protocol=ssl, session.timeout.ms=10000\n"
            "  --batch N            most messages per store transaction (default 100)\n"
            "  --batch-wait MS      longest wait for a batch to fill (default 1000)\n"
            "  --max-message BYTES  larger messages are put aside (default 10485760)\n"
            "  --idle-exit S        exit after S seconds holding partitions without a\n"
            "                       message (default: run until SIGINT/SIGTERM)\n"
            "  --window N           each batch is clustered again with the stored\n"
            "                       stories of up to N articles (`storyfold ingest\n"
            "                       --recluster`; default 20000)\n"
            "  --window-days D      as in `storyfold ingest`\n"
            "  --incremental        assign with the store's kept stream clusterer, as\n"
            "                       `storyfold ingest` does: kept while this worker is\n"
            "                       the only writer between its batches, built again\n"
            "                       from the window after another writer's batch; the\n"
            "                       stories then depend on the order articles arrive\n"
            "                       in: for one partition written in publication order\n"
            "                       (several partitions read in chunks split stories;\n"
            "                       docs/workers.md)\n"
            "  (-q, --quiet: no line per batch on standard error)\n"
            SF_CLI_STORE_HELP
            SF_CLI_RUN_HELP
            SF_CLI_COMMON_HELP);
}

typedef struct worker_args {
    sf_cli_store_args st;
    sf_cli_run_args ra;
    const char *brokers, *topic, *group;
    const char **config;
    size_t nconfig;
    double batch, batch_wait, max_message, idle_exit, window, window_days;
    bool quiet, incremental;
} worker_args;

/* A number option into *out; 1 consumed, -1 usage error. */
static int number(const char *prog, const char *o, const char *v, double lo, double *out) {
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || x < lo || x > 1e12) {
        sf_cli_error(prog, "%s needs a number of at least %g, got '%s'", o, lo, v);
        return -1;
    }
    *out = x;
    return 1;
}

static int own_option(worker_args *a, const char *prog, int argc, char **argv, int *i) {
    const char *o = argv[*i];
    if (strcmp(o, "--incremental") == 0) return a->incremental = true, 1;
    static const char *const names[] = {"--kafka-brokers", "--topic", "--group",
                                        "--kafka-config", "--batch", "--batch-wait",
                                        "--max-message", "--idle-exit", "--window",
                                        "--window-days"};
    size_t k = 0;
    while (k < sizeof names / sizeof names[0] && strcmp(o, names[k]) != 0) k++;
    if (k == sizeof names / sizeof names[0]) return 0;
    if (*i + 1 >= argc) {
        sf_cli_error(prog, "%s needs a value", o);
        return -1;
    }
    const char *v = argv[++*i];
    switch (k) {
    case 0: a->brokers = v; return 1;
    case 1: a->topic = v; return 1;
    case 2: a->group = v; return 1;
    case 3: {
        const char **p = realloc(a->config, (a->nconfig + 1) * sizeof *p);
        if (!p) return -1;
        a->config = p;
        a->config[a->nconfig++] = v;
        return 1;
    }
    case 4: return number(prog, o, v, 1, &a->batch);
    case 5: return number(prog, o, v, 1, &a->batch_wait);
    case 6: return number(prog, o, v, 1, &a->max_message);
    case 7: return number(prog, o, v, 0, &a->idle_exit);
    case 8: return number(prog, o, v, 1, &a->window);
    default: return number(prog, o, v, 0, &a->window_days);
    }
}

/* Parse; -1 to go on, else the exit code. */
static int parse(worker_args *a, int argc, char **argv) {
    sf_cli_inputs in = {.prog = "storyfold worker"};
    sf_cli_args g;
    sf_cli_args_init(&g, in.prog, argc, argv, NULL, 0);
    g.pass_other = true; /* the store's, the worker's and the run's options */
    const char *v;
    for (int r; (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        if (r == SF_CLI_HELP) {
            help(stdout);
            return SF_EXIT_OK;
        }
        if (r == SF_CLI_ERROR) return SF_EXIT_USAGE;
        int i = g.at, c = 0;
        if (r == SF_CLI_OTHER) c = sf_cli_store_option(&a->st, &in, argc, argv, &i);
        if (r == SF_CLI_OTHER && c == 0) c = own_option(a, in.prog, argc, argv, &i);
        if (r == SF_CLI_OTHER && c == 0) c = sf_cli_run_option(&a->ra, &in, argc, argv, &i);
        if (c < 0) return SF_EXIT_USAGE;
        if (c == 0) {
            sf_cli_error(in.prog, "unknown option or argument '%s'", argv[g.at]);
            help(stderr);
            return SF_EXIT_USAGE;
        }
        g.next = i + 1;
    }
    sf_cli_args_apply(&g);
    a->quiet = g.quiet;
    if (!a->st.db || !a->brokers || !a->topic) {
        sf_cli_error(in.prog, "--db, --kafka-brokers and --topic are needed");
        return SF_EXIT_USAGE;
    }
    return -1;
}

#ifdef SF_HAVE_KAFKA
static int work(worker_args *a) {
    sf_error err = {0};
    sf_store *db = sf_cli_store_open(&a->st, &err);
    if (!db) {
        sf_cli_error("storyfold worker", "%s", err.message);
        return SF_EXIT_INPUT;
    }
    if (!a->st.lock_set) sf_store_set_lock_timeout(db, 600 * 1000);
    sf_worker_opts o = {
        .brokers = a->brokers, .topic = a->topic, .group = a->group ? a->group : "storyfold",
        .config = a->config, .nconfig = a->nconfig,
        .batch = a->batch ? (size_t)a->batch : 100,
        .batch_wait_ms = a->batch_wait ? (int)a->batch_wait : 1000,
        .idle_exit = a->idle_exit,
        .max_message = a->max_message ? (size_t)a->max_message : 10u << 20,
        .store = {.run = &a->ra.opt, .window_articles = (size_t)a->window,
                  .window_days = a->window_days, .now = a->st.now,
                  /* workers read partitions in any order: by default the
                   * assignment that does not depend on it (docs/store.md);
                   * --incremental: the kept stream clusterer, whose state
                   * the store drops when another writer's batch raised
                   * the generation */
                  .recluster = !a->incremental},
        .quiet = a->quiet};
    sf_worker_stats s;
    char msg[600] = "";
    int rc = sf__worker_run(db, &o, &s, msg, sizeof msg);
    sf_store_close(db);
    printf("worker: %zu messages in %zu batches: %zu articles (%zu added, %zu changed, %zu "
           "unchanged), %zu put aside; %zu new stories, %zu updated\n",
           s.messages, s.batches, s.articles, s.store.added, s.store.changed, s.store.unchanged,
           s.bad, s.store.stories_new, s.store.stories_updated);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("worker time: kafka and reading %.2f s, analysis %.2f s, store %.2f s, commits %.2f s,"
           " summaries %.2f s (wall); writers' lock: waited %.2f s, held %.2f s; summaries made"
           " outside it %.2f s; cpu %.2f s\n",
           s.t_fill, s.t_prepare, s.t_store, s.t_commit, s.t_summarize, s.store.t_lock_wait,
           s.store.t_locked, s.store.t_summaries,
           (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
    if (rc) sf_cli_error("storyfold worker", "%s", msg);
    return rc ? SF_EXIT_INPUT : SF_EXIT_OK;
}
#endif

int sf_cmd_worker(int argc, char **argv) {
    worker_args a = {.ra = {.text_format = "md"}};
    int code = parse(&a, argc, argv);
#ifdef SF_HAVE_KAFKA
    if (code < 0) code = work(&a);
#else
    if (code < 0) {
        sf_cli_error("storyfold worker", "this storyfold was built without Kafka (librdkafka "
                                         "was not found when it was built: scripts/setup.sh)");
        code = SF_EXIT_INPUT;
    }
#endif
    free(a.config);
    return code;
}

/* cmd_produce.c - `storyfold produce --kafka-brokers HOST:PORT --topic T
 * PATH...`: send articles to a Kafka topic, one JSON Lines record per
 * message keyed by the article id (for tests, demos and small crawlers;
 * docs/workers.md). --lines sends each line of the files as it is, --files
 * each file as it is (a WARC record, plain or gzip'd). */
#include "cli.h"
#include "cli_args.h"

#include <stdlib.h>
#include <string.h>

#ifdef SF_HAVE_KAFKA
#include "../worker/worker.h"
#endif

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold produce --kafka-brokers HOST:PORT --topic T [OPTIONS] PATH...\n"
            "\n"
            "Send articles to a Kafka topic: each article read from PATH (any input\n"
            "format) becomes one message, a JSON Lines record with id, title, text,\n"
            "source, url and published, keyed by the article id (so every version of\n"
            "an article goes to one partition). `storyfold worker` reads them.\n"
            "\n"
            "Options:\n"
            "  --kafka-brokers L    bootstrap servers, HOST:PORT[,HOST:PORT...]\n"
            "  --topic T            the topic to write\n"
            "  --kafka-config K=V   a librdkafka property (repeatable)\n"
            "  --lines              send each non-empty line of each file as it is, one\n"
            "                       message each, without a key (records already\n"
            "                       written as JSON Lines, or tests of bad messages)\n"
            "  --files              send each file as it is, one message each, without a\n"
            "                       key (a WARC record per file, plain or gzip'd, as a\n"
            "                       crawler sends one record per message)\n"
            SF_CLI_INPUT_HELP SF_CLI_READING_HELP);
}

typedef struct produce_args {
    const char *brokers, *topic;
    const char **config;
    size_t nconfig;
    bool lines, files;
} produce_args;

static int option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i) {
    produce_args *a = user;
    const char *o = argv[*i];
    if (strcmp(o, "--lines") == 0) return a->lines = true, 1;
    if (strcmp(o, "--files") == 0) return a->files = true, 1;
    bool b = strcmp(o, "--kafka-brokers") == 0, t = strcmp(o, "--topic") == 0;
    bool c = strcmp(o, "--kafka-config") == 0;
    if (!b && !t && !c) return 0;
    if (*i + 1 >= argc) {
        sf_cli_error(in->prog, "%s needs a value", o);
        return -1;
    }
    const char *v = argv[++*i];
    if (b) a->brokers = v;
    if (t) a->topic = v;
    if (c) {
        const char **p = realloc(a->config, (a->nconfig + 1) * sizeof *p);
        if (!p) return -1;
        a->config = p;
        a->config[a->nconfig++] = v;
    }
    return 1;
}

#ifdef SF_HAVE_KAFKA
/* Every non-empty line of a file as one message. */
static int send_lines(sf_producer *p, const char *path, size_t *sent, char *msg, size_t len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(msg, len, "cannot read %s", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        if (n == 0) continue;
        rc = sf__producer_send(p, NULL, 0, line, (size_t)n, msg, len);
        *sent += rc == 0;
    }
    free(line);
    fclose(f);
    return rc;
}

/* A whole file as one message. */
static int send_file(sf_producer *p, const char *path, size_t *sent, char *msg, size_t len) {
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t n = 0, cap = 0;
    int rc = f ? 0 : 1;
    while (rc == 0) {
        if (n == cap) {
            char *d = realloc(data, cap = cap ? cap * 2 : 65536);
            if (!d) {
                rc = 1;
                break;
            }
            data = d;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) rc = ferror(f) ? 1 : 2;
    }
    if (f) fclose(f);
    if (rc == 1) {
        snprintf(msg, len, "cannot read %s", path);
    } else if (n == 0) {
        snprintf(msg, len, "%s is empty", path);
        rc = 1;
    } else {
        rc = sf__producer_send(p, NULL, 0, data, n, msg, len);
        *sent += rc == 0;
    }
    free(data);
    return rc;
}

static int send_articles(sf_producer *p, const sf_corpus *c, size_t *sent, char *msg,
                         size_t len) {
    for (size_t i = 0; i < sf_corpus_count(c); i++) {
        const sf_article *a = sf_corpus_get(c, i);
        char *j = sf__article_json(a);
        if (!j) {
            snprintf(msg, len, "out of memory");
            return 1;
        }
        int rc = sf__producer_send(p, a->id, strlen(a->id), j, strlen(j), msg, len);
        free(j);
        if (rc) return rc;
        ++*sent;
    }
    return 0;
}

static int produce(sf_cli_inputs *in, produce_args *a, char **paths, int npaths) {
    int code = SF_EXIT_OK;
    bool raw = a->lines || a->files;
    sf_corpus *c = raw ? NULL : sf_cli_read_all(in, paths, npaths, &code);
    if (!raw && !c) return code;
    char msg[512] = "";
    sf_produce_opts o = {.brokers = a->brokers, .topic = a->topic, .config = a->config,
                         .nconfig = a->nconfig};
    sf_producer *p = sf__producer_create(&o, msg, sizeof msg);
    size_t sent = 0, delivered = 0;
    int rc = p ? 0 : 1;
    for (int i = 0; raw && rc == 0 && i < npaths; i++)
        rc = a->lines ? send_lines(p, paths[i], &sent, msg, sizeof msg)
                      : send_file(p, paths[i], &sent, msg, sizeof msg);
    if (!raw && rc == 0) rc = send_articles(p, c, &sent, msg, sizeof msg);
    char fmsg[512] = "";
    size_t failed = sf__producer_finish(p, &delivered, fmsg, sizeof fmsg);
    sf_corpus_destroy(c);
    if (rc) sf_cli_error(in->prog, "%s", msg);
    if (failed) sf_cli_error(in->prog, "%zu messages not delivered: %s", failed, fmsg);
    printf("produce: %zu messages sent to %s, %zu delivered\n", sent, a->topic, delivered);
    if (rc || failed) return SF_EXIT_INPUT;
    return in->problems ? SF_EXIT_INPUT : code;
}
#endif

int sf_cmd_produce(int argc, char **argv) {
    sf_cli_inputs in = {.prog = "storyfold produce"};
    produce_args a = {0};
    char **paths;
    int npaths;
    int code = sf_cli_parse(&in, argc, argv, help, option, &a, &paths, &npaths);
    if (code < 0 && (!a.brokers || !a.topic)) {
        sf_cli_error(in.prog, "--kafka-brokers and --topic are needed");
        code = SF_EXIT_USAGE;
    }
#ifdef SF_HAVE_KAFKA
    if (code < 0) code = produce(&in, &a, paths, npaths);
#else
    if (code < 0) {
        sf_cli_error(in.prog, "this storyfold was built without Kafka (librdkafka was not found "
                              "when it was built: scripts/setup.sh)");
        code = SF_EXIT_INPUT;
    }
#endif
    free(a.config);
    return code;
}

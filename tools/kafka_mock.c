/* kafka_mock.c - librdkafka's mock Kafka cluster as a process of its own, for
 * the worker tests and benchmark: N brokers, topics with P partitions made
 * before anything connects, the bootstrap address printed on the first line
 * of standard output, then up until SIGTERM/SIGINT (or, with --stdin, until
 * standard input closes).
 *
 *   sf_kafka_mock [--brokers N] [--topic NAME --partitions P]... [--stdin]
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void on_stop(int sig) {
    (void)sig;
    stopping = 1;
}

static int usage(void) {
    fprintf(stderr, "usage: sf_kafka_mock [--brokers N] [--topic NAME --partitions P]... "
                    "[--stdin]\n");
    return 2;
}

/* Wait for a signal, or for standard input to close when watch_stdin. */
static void wait_for_stop(int watch_stdin) {
    while (!stopping) {
        struct pollfd p = {.fd = 0, .events = POLLIN};
        if (!watch_stdin) {
            poll(NULL, 0, 200);
            continue;
        }
        if (poll(&p, 1, 200) > 0) {
            char buf[256];
            if (read(0, buf, sizeof buf) <= 0) return;
        }
    }
}

int main(int argc, char **argv) {
    int brokers = 1, watch_stdin = 0, partitions = 1;
    const char *topics[64];
    int parts[64], ntopics = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--stdin") == 0) watch_stdin = 1;
        else if (strcmp(argv[i], "--brokers") == 0 && i + 1 < argc) brokers = atoi(argv[++i]);
        else if (strcmp(argv[i], "--partitions") == 0 && i + 1 < argc && ntopics)
            parts[ntopics - 1] = partitions = atoi(argv[++i]);
        else if (strcmp(argv[i], "--topic") == 0 && i + 1 < argc && ntopics < 64) {
            topics[ntopics] = argv[++i];
            parts[ntopics++] = partitions;
        } else return usage();
    }
    if (brokers < 1 || partitions < 1) return usage();
    struct sigaction sa = {.sa_handler = on_stop};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    /* this handle connects to nothing: no notice that it has no bootstrap servers */
    rd_kafka_conf_set(conf, "log_level", "4", errstr, sizeof errstr);
    /* the handle the mock cluster needs for its bookkeeping; it sends nothing */
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        fprintf(stderr, "sf_kafka_mock: %s\n", errstr);
        return 1;
    }
    rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
    if (!mc) {
        fprintf(stderr, "sf_kafka_mock: could not start the mock cluster\n");
        rd_kafka_destroy(rk);
        return 1;
    }
    int rc = 0;
    for (int t = 0; t < ntopics && !rc; t++) {
        rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(mc, topics[t], parts[t], 1);
        if (e) {
            fprintf(stderr, "sf_kafka_mock: topic %s: %s\n", topics[t], rd_kafka_err2str(e));
            rc = 1;
        }
    }
    if (!rc) {
        printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
        fflush(stdout);
        wait_for_stop(watch_stdin);
    }
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(rk);
    return rc;
}

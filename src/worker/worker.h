/* worker.h - storyfold as several processes reading articles from Kafka
 * (librdkafka) into one store (docs/workers.md): the consumer loop
 * (consume.c) and the producer (produce.c). Part of the program, not of the
 * library: it uses the public header only, and is built when librdkafka is
 * found (SF_HAVE_KAFKA). */
#ifndef SF_WORKER_H
#define SF_WORKER_H

#include "storyfold.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct sf_worker_opts {
    const char *brokers, *topic, *group;
    const char *const *config; /* extra librdkafka properties, "name=value" */
    size_t nconfig;
    size_t batch;        /* most messages per store transaction */
    int batch_wait_ms;   /* longest wait for a batch to fill */
    double idle_exit;    /* seconds without a message before exiting; 0: never */
    size_t max_message;  /* larger messages are put aside */
    sf_store_options store;
    bool quiet;          /* no line per batch on stderr */
} sf_worker_opts;

typedef struct sf_worker_stats {
    size_t messages, articles, bad, batches;
    sf_store_stats store; /* summed over the batches */
    /* wall seconds: polling Kafka and reading messages; storing batches
     * (with the wait for the store's writers' lock); committing offsets;
     * summarizing changed stories after the commit (store.t_lock_wait and
     * store.t_locked: of both store calls, the wait for the writers' lock
     * and the time holding it) */
    double t_fill, t_store, t_commit, t_summarize;
    double t_prepare; /* analyzing each batch before the store call */
} sf_worker_stats;

/* Consume o->topic into `db` until stopped (SIGINT/SIGTERM: the current
 * batch is finished and committed first) or idle for o->idle_exit seconds.
 * Offsets are committed only after the batch's articles and bad messages
 * are in the store. Returns 0, or 1 with a message in errbuf. */
int sf__worker_run(sf_store *db, const sf_worker_opts *o, sf_worker_stats *stats, char *errbuf,
                   size_t errlen);

typedef struct sf_produce_opts {
    const char *brokers, *topic;
    const char *const *config;
    size_t nconfig;
} sf_produce_opts;

/* Apply "name=value" librdkafka properties (--kafka-config) to an
 * rd_kafka_conf_t; 0, or 1 with errbuf. */
struct rd_kafka_conf_s;
int sf__kafka_conf_apply(struct rd_kafka_conf_s *c, const char *const *kv, size_t n,
                         char *errbuf, size_t errlen);

/* A producer: one message per article or per line. */
typedef struct sf_producer sf_producer;
sf_producer *sf__producer_create(const sf_produce_opts *o, char *errbuf, size_t errlen);
/* Queue one message (copied); key may be NULL. 0 or 1 with errbuf. */
int sf__producer_send(sf_producer *p, const char *key, size_t key_len, const char *data,
                      size_t len, char *errbuf, size_t errlen);
/* Wait for every message to be delivered, then free; returns how many were
 * not delivered (errbuf says why the first was not). NULL is ok. */
size_t sf__producer_finish(sf_producer *p, size_t *delivered, char *errbuf, size_t errlen);
/* One article as the JSON Lines record the worker reads (malloc'd, no
 * newline); NULL when out of memory. */
char *sf__article_json(const sf_article *a);

#endif

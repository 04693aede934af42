/* consume.c - the worker: read articles from a Kafka topic in batches, put
 * each batch into the store as one transaction (sf_store_ingest: story
 * assignment takes the store's writers' lock, docs/workers.md), put bad
 * messages aside, and only then commit the batch's offsets. A worker killed
 * at any moment has committed only batches that are stored; the batch it
 * held is read again by whichever worker gets its partitions, and storing
 * an article again changes nothing. */
#include "worker.h"

#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t stopping;

static void on_stop(int sig) {
    (void)sig;
    stopping = 1;
}

/* The messages of one batch, the articles read from them and the ones put
 * aside. */
typedef struct batch {
    sf_corpus *articles;
    rd_kafka_message_t **msgs;
    size_t n, cap;
    sf_store_dead_letter *bad;
    char **why; /* bad[i].reason, owned */
    size_t nbad;
} batch;

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static rd_kafka_t *consumer_new(const sf_worker_opts *o, char *errbuf, size_t errlen) {
    rd_kafka_conf_t *c = rd_kafka_conf_new();
    char recv[32];
    /* a message over the cap must still be fetched, to be put aside */
    snprintf(recv, sizeof recv, "%zu", o->max_message * 2 + (64u << 20));
    const char *kv[][2] = {
        {"bootstrap.servers", o->brokers},
        {"group.id", o->group},
        {"enable.auto.commit", "false"},     /* committed after the store has the batch */
        {"auto.offset.reset", "earliest"},   /* a new group reads the topic from its start */
        {"receive.message.max.bytes", recv},
    };
    for (size_t i = 0; c && i < sizeof kv / sizeof kv[0]; i++)
        if (rd_kafka_conf_set(c, kv[i][0], kv[i][1], errbuf, errlen) != RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(c);
            return NULL;
        }
    if (!c || sf__kafka_conf_apply(c, o->config, o->nconfig, errbuf, errlen)) {
        if (c) rd_kafka_conf_destroy(c);
        return NULL;
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, c, errbuf, errlen);
    if (!rk) {
        rd_kafka_conf_destroy(c);
        return NULL;
    }
    rd_kafka_poll_set_consumer(rk);
    rd_kafka_topic_partition_list_t *t = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(t, o->topic, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t e = rd_kafka_subscribe(rk, t);
    rd_kafka_topic_partition_list_destroy(t);
    if (e) {
        snprintf(errbuf, errlen, "subscribing to %s: %s", o->topic, rd_kafka_err2str(e));
        rd_kafka_destroy(rk);
        return NULL;
    }
    return rk;
}

/* The first problem the reader met in a message (a note that is no problem,
 * such as the WARC reader's count of records, is not one). */
static void first_diag(void *user, const sf_diag *d) {
    char *why = user;
    if (why[0] || d->status == SF_OK) return;
    if (d->record)
        snprintf(why, 512, "record %zu: %s", d->record, d->message);
    else
        snprintf(why, 512, "%s", d->message);
}

static int put_aside(batch *b, const rd_kafka_message_t *m, const char *topic, const char *why) {
    sf_store_dead_letter *nb = realloc(b->bad, (b->nbad + 1) * sizeof *nb);
    char **nw = nb ? realloc(b->why, (b->nbad + 1) * sizeof *nw) : NULL;
    if (nb) b->bad = nb;
    if (nw) b->why = nw;
    char *r = nw ? strdup(why) : NULL;
    if (!r) return 1;
    b->why[b->nbad] = r;
    b->bad[b->nbad++] = (sf_store_dead_letter){
        .source = topic, .partition = m->partition, .offset = m->offset, .key = m->key,
        .key_len = m->key_len, .data = m->payload, .len = m->len, .reason = r};
    return 0;
}

/* Read one message into the batch's articles, or put it aside with why.
 * Returns 1 only when out of memory. */
static int take(batch *b, rd_kafka_message_t *m, const sf_worker_opts *o, const char *source) {
    char why[512] = "", name[320];
    const char *p = m->payload;
    if (m->len == 0)
        snprintf(why, sizeof why, "empty message");
    else if (m->len > o->max_message)
        snprintf(why, sizeof why, "message of %zu bytes is over the limit of %zu bytes", m->len,
                 o->max_message);
    if (why[0]) return put_aside(b, m, source, why);
    /* a WARC record (plain or gzip'd) or JSON Lines; nothing else is an
     * article here (plain text would take any garbage as one) */
    bool warc = (m->len >= 5 && memcmp(p, "WARC/", 5) == 0) ||
                (m->len >= 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b);
    sf_read_options ro = {.format = warc ? SF_FORMAT_WARC : SF_FORMAT_JSONL,
                          .on_diag = first_diag, .user = why};
    snprintf(name, sizeof name, "%s/%d@%lld", rd_kafka_topic_name(m->rkt), (int)m->partition,
             (long long)m->offset);
    size_t before = sf_corpus_count(b->articles);
    sf_error err = {0};
    sf_status st = sf_read_memory(b->articles, name, p, m->len, &ro, &err);
    if (st == SF_ERR_NOMEM) return 1;
    if (st != SF_OK && !why[0]) snprintf(why, sizeof why, "%s", err.message);
    if (!why[0] && sf_corpus_count(b->articles) == before)
        snprintf(why, sizeof why, "no article in the message");
    return why[0] ? put_aside(b, m, source, why) : 0;
}

static void batch_clear(batch *b) {
    for (size_t i = 0; i < b->n; i++) rd_kafka_message_destroy(b->msgs[i]);
    for (size_t i = 0; i < b->nbad; i++) free(b->why[i]);
    sf_corpus_destroy(b->articles);
    b->articles = NULL;
    b->n = b->nbad = 0;
}

/* Keep a message in the batch (its bytes are needed until the batch is
 * stored); 1 when out of memory. */
static int keep(batch *b, rd_kafka_message_t *m) {
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        rd_kafka_message_t **p = realloc(b->msgs, cap * sizeof *p);
        if (!p) return 1;
        b->msgs = p;
        b->cap = cap;
    }
    b->msgs[b->n++] = m;
    return 0;
}

/* Poll until the batch is full, o->batch_wait_ms after its first message,
 * or (empty) 200 ms. Consumer errors are reported and not kept. */
static int fill(rd_kafka_t *rk, batch *b, const sf_worker_opts *o, const char *source) {
    double first = 0;
    while (b->n < o->batch && !stopping) {
        int wait = 200;
        if (b->n) {
            double left = first + o->batch_wait_ms / 1000.0 - now_s();
            if (left <= 0) break;
            wait = left < 0.2 ? (int)(left * 1000) + 1 : 200;
        }
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, wait);
        if (!m) {
            if (!b->n) break;
            continue;
        }
        if (m->err) {
            if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                fprintf(stderr, "storyfold worker: kafka: %s\n", rd_kafka_message_errstr(m));
            rd_kafka_message_destroy(m);
            continue;
        }
        if (!b->n) first = now_s();
        if (keep(b, m)) {
            rd_kafka_message_destroy(m);
            return 1;
        }
        if (take(b, m, o, source)) return 1;
    }
    return 0;
}

/* The offsets to commit: one past the last message of each partition. */
static rd_kafka_topic_partition_list_t *offsets_of(const batch *b) {
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(8);
    for (size_t i = 0; i < b->n; i++) {
        const rd_kafka_message_t *m = b->msgs[i];
        const char *t = rd_kafka_topic_name(m->rkt);
        rd_kafka_topic_partition_t *p = rd_kafka_topic_partition_list_find(l, t, m->partition);
        if (!p) p = rd_kafka_topic_partition_list_add(l, t, m->partition);
        if (p->offset < m->offset + 1) p->offset = m->offset + 1;
    }
    return l;
}

static void add_stats(sf_worker_stats *stats, const sf_store_stats *st) {
    stats->store.added += st->added;
    stats->store.copies += st->copies;
    stats->store.changed += st->changed;
    stats->store.unchanged += st->unchanged;
    stats->store.stories_new += st->stories_new;
    stats->store.stories_updated += st->stories_updated;
    stats->store.t_lock_wait += st->t_lock_wait;
    stats->store.t_locked += st->t_locked;
    stats->store.t_summaries += st->t_summaries;
}

/* Summarize the stories marked changed (by this worker's batch, or left by
 * a worker killed before it made them); another worker's claims are left
 * to it. 0, or 1 with errbuf. */
static int summarize(sf_store *db, const sf_worker_opts *o, sf_worker_stats *stats, size_t *made,
                     char *errbuf, size_t errlen) {
    sf_error err = {0};
    sf_store_stats st = {0};
    double t0 = now_s();
    sf_status s = sf_store_summarize(db, &o->store, &st, &err);
    stats->t_summarize += now_s() - t0;
    add_stats(stats, &st);
    if (made) *made = st.stories_updated;
    if (s != SF_OK) {
        snprintf(errbuf, errlen, "summarizing changed stories: %s (they stay marked)", err.message);
        return 1;
    }
    return 0;
}

/* Store the batch (articles, then bad messages), commit its offsets, then
 * summarize the stories it changed (outside the store's writers' lock). */
static int finish(rd_kafka_t *rk, sf_store *db, batch *b, const sf_worker_opts *o,
                  sf_worker_stats *stats, char *errbuf, size_t errlen) {
    sf_error err = {0};
    sf_store_stats st = {0};
    size_t narticles = sf_corpus_count(b->articles);
    double t0 = now_s();
    sf_store_options so = o->store;
    so.defer_summaries = 1;
    /* the batch's analysis before the writers' lock */
    sf_status s = narticles ? sf_store_prepare(db, b->articles, &so, &err) : SF_OK;
    double tp = now_s();
    stats->t_prepare += tp - t0;
    t0 = tp;
    if (s == SF_OK && narticles) s = sf_store_ingest(db, b->articles, &so, &st, &err);
    if (s == SF_OK) s = sf_store_put_aside(db, b->bad, b->nbad, &err);
    if (s != SF_OK) {
        snprintf(errbuf, errlen, "%s (offsets not committed: the batch will be read again)",
                 err.message);
        return 1;
    }
    for (size_t i = 0; i < b->nbad; i++)
        fprintf(stderr, "storyfold worker: bad message: topic %s partition %d offset %lld: %s;"
                        " put aside in the store\n",
                o->topic, (int)b->bad[i].partition, (long long)b->bad[i].offset,
                b->bad[i].reason);
    double t1 = now_s();
    rd_kafka_topic_partition_list_t *l = offsets_of(b);
    rd_kafka_resp_err_t e = rd_kafka_commit(rk, l, 0);
    rd_kafka_topic_partition_list_destroy(l);
    stats->t_store += t1 - t0;
    stats->t_commit += now_s() - t1;
    /* a rebalance took the partitions away: their new owner reads the
     * batch again, and storing it again changes nothing */
    if (e)
        fprintf(stderr, "storyfold worker: offsets not committed (%s): the batch will be read"
                        " again\n", rd_kafka_err2str(e));
    stats->batches++;
    stats->messages += b->n;
    stats->articles += narticles;
    stats->bad += b->nbad;
    add_stats(stats, &st);
    size_t made = 0;
    int rc = summarize(db, o, stats, &made, errbuf, errlen);
    if (!o->quiet)
        fprintf(stderr, "storyfold worker: batch %zu: %zu messages, %zu added, %zu changed, %zu"
                        " unchanged, %zu put aside; %zu new stories, %zu updated\n",
                stats->batches, b->n, st.added, st.changed, st.unchanged, b->nbad,
                st.stories_new, st.stories_updated + made);
    return rc;
}

/* True while the consumer holds partitions (the idle clock runs only then:
 * a worker waiting for a rebalance is not idle). */
static bool assigned(rd_kafka_t *rk) {
    rd_kafka_topic_partition_list_t *l = NULL;
    if (rd_kafka_assignment(rk, &l) || !l) return false;
    bool any = l->cnt > 0;
    rd_kafka_topic_partition_list_destroy(l);
    return any;
}

int sf__worker_run(sf_store *db, const sf_worker_opts *o, sf_worker_stats *stats, char *errbuf,
                   size_t errlen) {
    memset(stats, 0, sizeof *stats);
    rd_kafka_t *rk = consumer_new(o, errbuf, errlen);
    if (!rk) return 1;
    struct sigaction sa = {.sa_handler = on_stop};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    char source[300];
    snprintf(source, sizeof source, "kafka:%s", o->topic);
    batch b = {0};
    int rc = 0;
    double last = now_s();
    while (!stopping && rc == 0) {
        if (!(b.articles = sf_corpus_create())) rc = 1;
        double t0 = now_s();
        if (rc == 0 && fill(rk, &b, o, source)) {
            snprintf(errbuf, errlen, "out of memory reading a batch");
            rc = 1;
        }
        stats->t_fill += now_s() - t0;
        if (rc == 0 && b.n) {
            rc = finish(rk, db, &b, o, stats, errbuf, errlen);
            last = now_s();
        } else if (!assigned(rk)) {
            last = now_s();
        } else if (rc == 0) {
            /* nothing to read: stories a killed worker left marked */
            rc = summarize(db, o, stats, NULL, errbuf, errlen);
        }
        batch_clear(&b);
        if (o->idle_exit > 0 && now_s() - last > o->idle_exit) break;
    }
    free(b.msgs);
    free(b.bad);
    free(b.why);
    /* leave the group now, so that the partitions move without waiting for
     * the session to time out */
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return rc;
}

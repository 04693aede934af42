/* produce.c - sending articles to a Kafka topic: one JSON Lines record per
 * message, keyed by the article id so that every version of one article
 * goes to one partition (librdkafka's default partitioner hashes the key)
 * and is read in order by one worker. */
#include "worker.h"

#include <json-c/json.h>
#include <librdkafka/rdkafka.h>
#include <stdlib.h>
#include <string.h>

struct sf_producer {
    rd_kafka_t *rk;
    char *topic;
    size_t delivered, failed;
    char first_error[256];
};

/* The largest message the producer sends (librdkafka's default is 1 MB;
 * the worker, not the producer, decides what is too large to ingest). */
#define PRODUCE_MAX_BYTES "104857600"

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
    (void)rk;
    sf_producer *p = opaque;
    if (!m->err) {
        p->delivered++;
        return;
    }
    if (!p->failed++)
        snprintf(p->first_error, sizeof p->first_error, "%s", rd_kafka_err2str(m->err));
}

/* Set one property; 0 or 1 with errbuf. */
static int set(rd_kafka_conf_t *c, const char *name, const char *value, char *errbuf,
               size_t errlen) {
    return rd_kafka_conf_set(c, name, value, errbuf, errlen) == RD_KAFKA_CONF_OK ? 0 : 1;
}

int sf__kafka_conf_apply(rd_kafka_conf_t *c, const char *const *kv, size_t n, char *errbuf,
                         size_t errlen) {
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(kv[i], '=');
        char name[256];
        if (!eq || eq == kv[i] || (size_t)(eq - kv[i]) >= sizeof name) {
            snprintf(errbuf, errlen, "--kafka-config needs NAME=VALUE, got '%s'", kv[i]);
            return 1;
        }
        memcpy(name, kv[i], (size_t)(eq - kv[i]));
        name[eq - kv[i]] = '\0';
        if (set(c, name, eq + 1, errbuf, errlen)) return 1;
    }
    return 0;
}

sf_producer *sf__producer_create(const sf_produce_opts *o, char *errbuf, size_t errlen) {
    sf_producer *p = calloc(1, sizeof *p);
    rd_kafka_conf_t *c = rd_kafka_conf_new();
    if (!p || !c) {
        snprintf(errbuf, errlen, "out of memory");
        free(p);
        if (c) rd_kafka_conf_destroy(c);
        return NULL;
    }
    rd_kafka_conf_set_dr_msg_cb(c, on_delivery);
    rd_kafka_conf_set_opaque(c, p);
    if (set(c, "bootstrap.servers", o->brokers, errbuf, errlen) ||
        set(c, "message.max.bytes", PRODUCE_MAX_BYTES, errbuf, errlen) ||
        set(c, "linger.ms", "20", errbuf, errlen) ||
        sf__kafka_conf_apply(c, o->config, o->nconfig, errbuf, errlen)) {
        rd_kafka_conf_destroy(c);
        free(p);
        return NULL;
    }
    p->topic = strdup(o->topic);
    p->rk = p->topic ? rd_kafka_new(RD_KAFKA_PRODUCER, c, errbuf, errlen) : NULL;
    if (!p->rk) {
        rd_kafka_conf_destroy(c);
        free(p->topic);
        free(p);
        return NULL;
    }
    return p;
}

int sf__producer_send(sf_producer *p, const char *key, size_t key_len, const char *data,
                      size_t len, char *errbuf, size_t errlen) {
    for (;;) {
        rd_kafka_resp_err_t e = rd_kafka_producev(
            p->rk, RD_KAFKA_V_TOPIC(p->topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_KEY(key, key ? key_len : 0), RD_KAFKA_V_VALUE((void *)data, len),
            RD_KAFKA_V_END);
        if (!e) break;
        if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            snprintf(errbuf, errlen, "sending to %s: %s", p->topic, rd_kafka_err2str(e));
            return 1;
        }
        rd_kafka_poll(p->rk, 100); /* the local queue is full: let deliveries drain it */
    }
    rd_kafka_poll(p->rk, 0);
    return 0;
}

size_t sf__producer_finish(sf_producer *p, size_t *delivered, char *errbuf, size_t errlen) {
    if (!p) return 0;
    rd_kafka_resp_err_t e = rd_kafka_flush(p->rk, 120 * 1000);
    size_t undelivered = rd_kafka_outq_len(p->rk) > 0 ? (size_t)rd_kafka_outq_len(p->rk) : 0;
    if (e && !p->failed) snprintf(p->first_error, sizeof p->first_error, "%s", rd_kafka_err2str(e));
    size_t failed = p->failed + undelivered;
    if (failed) snprintf(errbuf, errlen, "%s", p->first_error);
    if (delivered) *delivered = p->delivered;
    rd_kafka_destroy(p->rk);
    free(p->topic);
    free(p);
    return failed;
}

/* Add a string field when it is not empty. */
static void put_str(json_object *o, const char *name, const char *v) {
    if (v && v[0]) json_object_object_add(o, name, json_object_new_string(v));
}

char *sf__article_json(const sf_article *a) {
    json_object *o = json_object_new_object();
    if (!o) return NULL;
    put_str(o, "id", a->id);
    put_str(o, "title", a->title);
    json_object_object_add(o, "text", json_object_new_string_len(a->text, (int)a->text_len));
    put_str(o, "source", a->source);
    put_str(o, "url", a->url);
    if (a->published != SF_TIME_UNKNOWN)
        json_object_object_add(o, "published", json_object_new_int64(a->published));
    put_str(o, "author", a->author);
    put_str(o, "lang", a->lang);
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    char *copy = s ? strdup(s) : NULL;
    json_object_put(o);
    return copy;
}

/* server.c - the HTTP server of `storyfold serve` on libmicrohttpd: one
 * thread per connection (bounded), a pool of store handles (an sf_store is
 * used by one thread at a time), the JSON API, server-sent events and the
 * compiled-in web page. Every response carries a Content-Security-Policy
 * that allows only the page's own script and style files.
 *
 * Routes (docs/api.md, docs/openapi.yaml):
 *   GET  /healthz                 {"status": "ok", "backend": ...}
 *   GET  /api/stories             ?since=&q=&entity=&page=&per_page=
 *   GET  /api/stories/{id}        the story with its history
 *   GET  /api/articles/{id}       one article
 *   GET  /api/search              ?q=&since=&until=
 *   GET  /api/events              text/event-stream: "story" events
 *   POST /api/articles            JSON Lines body (--allow-ingest and token)
 *   GET  /, /app.js, /style.css   the page */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_HEADERS 64
#define MAX_QUERY 512
#define SENT_RING 512

static volatile sig_atomic_t g_stop;

static void on_signal(int sig) {
    (void)sig;
    g_stop = 1;
}

/* ------------------------------------------------------------ store pool */

typedef struct pool {
    pthread_mutex_t mu;
    sf_store **free_list;
    size_t n, cap;
    const char *db;
} pool;

static sf_store *pool_get(pool *p, sf_error *err) {
    pthread_mutex_lock(&p->mu);
    sf_store *s = p->n ? p->free_list[--p->n] : NULL;
    pthread_mutex_unlock(&p->mu);
    return s ? s : sf_store_open(p->db, err);
}

static void pool_put(pool *p, sf_store *s) {
    if (!s) return;
    pthread_mutex_lock(&p->mu);
    if (p->n < p->cap) {
        p->free_list[p->n++] = s;
        s = NULL;
    }
    pthread_mutex_unlock(&p->mu);
    sf_store_close(s);
}

/* -------------------------------------------------------------- requests */

typedef struct server {
    sf_server_config cfg;
    pool stores;
    struct MHD_Daemon *daemon;
} server;

typedef struct request {
    struct timespec t0;
    char line[160]; /* "GET /api/stories" for the request log */
    char *body;
    size_t n, cap;
    bool too_big;
    bool answered;
} request;

static double ms_since(const struct timespec *t0) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Headers on every response: what the page may load (only its own files;
 * no inline script), no sniffing, no referrer, no framing. */
static void add_common_headers(struct MHD_Response *r, const char *type) {
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; "
                            "img-src 'self'; connect-src 'self'; base-uri 'none'; "
                            "form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_buffer(struct MHD_Connection *c, unsigned status, const char *type,
                                   char *buf, size_t n, enum MHD_ResponseMemoryMode mode) {
    struct MHD_Response *r = MHD_create_response_from_buffer(n, buf, mode);
    if (!r) {
        if (mode == MHD_RESPMEM_MUST_FREE) free(buf);
        return MHD_NO;
    }
    add_common_headers(r, type);
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* A JSON string literal of s (quotes, backslashes, control characters and
 * "</" escaped), appended to out. */
static void json_quote(FILE *out, const char *s) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(out, "\\%c", *p);
        else if (*p < 0x20) fprintf(out, "\\u%04x", *p);
        else if (*p == '<' && p[1] == '/') fputs("<\\", out);
        else fputc(*p, out);
    }
    fputc('"', out);
}

/* {"error": {"status": N, "message": "..."}} */
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *fmt, ...) {
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f) return MHD_NO;
    fprintf(f, "{\"error\":{\"status\":%u,\"message\":", status);
    json_quote(f, msg);
    fputs("}}\n", f);
    fclose(f);
    return send_buffer(c, status, "application/json; charset=utf-8", buf, n, MHD_RESPMEM_MUST_FREE);
}

/* Runs `write` on a store from the pool into a memory buffer and answers
 * with it; a failure becomes a JSON error (SF_ERR_ARG: not found). */
typedef sf_status (*writer_fn)(sf_store *s, const void *arg, FILE *f, sf_error *err);

static enum MHD_Result answer_with(server *sv, struct MHD_Connection *c, writer_fn write,
                                   const void *arg, unsigned not_found) {
    sf_error err = {0};
    sf_store *s = pool_get(&sv->stores, &err);
    if (!s) return send_error(c, 503, "store: %s", err.message);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    sf_status st = f ? write(s, arg, f, &err) : SF_ERR_NOMEM;
    if (f) fclose(f);
    pool_put(&sv->stores, s);
    if (st != SF_OK) {
        free(buf);
        if (st == SF_ERR_ARG) return send_error(c, not_found, "%s", err.message);
        return send_error(c, 500, "%s", err.message[0] ? err.message : sf_strerror(st));
    }
    return send_buffer(c, 200, "application/json; charset=utf-8", buf, n, MHD_RESPMEM_MUST_FREE);
}

static const char *arg_of(struct MHD_Connection *c, const char *key) {
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
}

/* A non-negative integer query argument at most max; false when malformed. */
static bool uint_arg(struct MHD_Connection *c, const char *key, size_t max, size_t *out) {
    const char *v = arg_of(c, key);
    if (!v || !*v) return true;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (*end || errno || v[0] == '-' || x > max) return false;
    *out = (size_t)x;
    return true;
}

static bool time_arg(struct MHD_Connection *c, const char *key, int64_t *out, char *msg, size_t cap) {
    const char *v = arg_of(c, key);
    *out = SF_TIME_UNKNOWN;
    if (!v || !*v) return true;
    sf_error err = {0};
    if (sf_time_parse(v, out, &err) == SF_OK) return true;
    snprintf(msg, cap, "%s: %s", key, err.message);
    return false;
}

static bool text_arg_ok(struct MHD_Connection *c, const char *key) {
    const char *v = arg_of(c, key);
    return !v || strlen(v) <= MAX_QUERY;
}

static sf_status write_list(sf_store *s, const void *arg, FILE *f, sf_error *err) {
    return sf_store_write_story_list(s, arg, f, err);
}

static enum MHD_Result api_stories(server *sv, struct MHD_Connection *c) {
    sf_store_page q = SF_STORE_PAGE_INIT;
    char msg[600];
    if (!time_arg(c, "since", &q.since, msg, sizeof msg)) return send_error(c, 400, "%s", msg);
    if (!uint_arg(c, "page", 1000000, &q.page))
        return send_error(c, 400, "page must be a whole number from 0 to 1000000");
    if (!uint_arg(c, "per_page", 100, &q.per_page))
        return send_error(c, 400, "per_page must be a whole number from 1 to 100");
    if (!text_arg_ok(c, "q") || !text_arg_ok(c, "entity"))
        return send_error(c, 400, "q and entity are at most %d bytes", MAX_QUERY);
    q.words = arg_of(c, "q");
    q.entity = arg_of(c, "entity");
    return answer_with(sv, c, write_list, &q, 400);
}

static sf_status write_story(sf_store *s, const void *arg, FILE *f, sf_error *err) {
    return sf_store_write_story(s, arg, 2, SF_STORE_JSON, f, err);
}

static sf_status write_article(sf_store *s, const void *arg, FILE *f, sf_error *err) {
    return sf_store_write_article(s, arg, f, err);
}

typedef struct search_arg {
    const char *q;
    int64_t since, until;
} search_arg;

static sf_status write_search(sf_store *s, const void *arg, FILE *f, sf_error *err) {
    const search_arg *a = arg;
    return sf_store_search(s, a->q, a->since, a->until, 20, SF_STORE_JSON, f, err);
}

static enum MHD_Result api_search(server *sv, struct MHD_Connection *c) {
    search_arg a = {arg_of(c, "q"), SF_TIME_UNKNOWN, SF_TIME_UNKNOWN};
    char msg[600];
    if (!a.q || !*a.q) return send_error(c, 400, "q (the words to search for) is missing");
    if (!text_arg_ok(c, "q")) return send_error(c, 400, "q is at most %d bytes", MAX_QUERY);
    if (!time_arg(c, "since", &a.since, msg, sizeof msg) || !time_arg(c, "until", &a.until, msg, sizeof msg))
        return send_error(c, 400, "%s", msg);
    return answer_with(sv, c, write_search, &a, 400);
}

static enum MHD_Result healthz(server *sv, struct MHD_Connection *c) {
    sf_error err = {0};
    sf_store *s = pool_get(&sv->stores, &err);
    if (!s) return send_error(c, 503, "store: %s", err.message);
    char buf[128];
    int n = snprintf(buf, sizeof buf, "{\"status\":\"ok\",\"backend\":\"%s\",\"version\":\"%s\"}\n",
                     sf_store_backend(s), sf_version());
    pool_put(&sv->stores, s);
    return send_buffer(c, 200, "application/json; charset=utf-8", buf, (size_t)n, MHD_RESPMEM_MUST_COPY);
}

/* ------------------------------------------------------------ ingesting */

typedef struct diag_list {
    FILE *f;
    size_t count;
} diag_list;

static void on_diag(void *user, const sf_diag *d) {
    diag_list *l = user;
    if (l->count++ < 20) {
        char m[700];
        snprintf(m, sizeof m, "record %zu (line %zu): %s", d->record, d->line, d->message);
        fputs(l->count > 1 ? "," : "", l->f);
        json_quote(l->f, m);
    }
}

/* Constant-time comparison, so the token cannot be guessed byte by byte
 * from response times. */
static bool same_secret(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    unsigned char d = na != nb;
    for (size_t i = 0; i < na; i++) d |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
    return d == 0;
}

static enum MHD_Result api_ingest(server *sv, struct MHD_Connection *c, request *rq) {
    if (rq->too_big)
        return send_error(c, 413, "the body is larger than %zu bytes", sv->cfg.max_body);
    if (!rq->n) return send_error(c, 400, "the body is empty: send JSON Lines, one article a line");
    sf_corpus *corpus = sf_corpus_create();
    if (!corpus) return send_error(c, 500, "out of memory");
    char *dbuf = NULL;
    size_t dn = 0;
    diag_list dl = {open_memstream(&dbuf, &dn), 0};
    if (!dl.f) {
        sf_corpus_destroy(corpus);
        return send_error(c, 500, "out of memory");
    }
    sf_read_options ro = {0};
    ro.format = SF_FORMAT_JSONL;
    ro.on_diag = on_diag;
    ro.user = &dl;
    sf_error err = {0};
    sf_status st = sf_read_memory(corpus, "request", rq->body, rq->n, &ro, &err);
    fclose(dl.f);
    enum MHD_Result ret;
    if (st != SF_OK || dl.count) {
        /* all or nothing: a batch with a bad record is refused whole */
        char *out = NULL;
        size_t on = 0;
        FILE *f = open_memstream(&out, &on);
        if (!f) ret = MHD_NO;
        else {
            fprintf(f, "{\"error\":{\"status\":400,\"message\":");
            json_quote(f, dl.count ? "bad JSON Lines records; nothing was stored" : err.message);
            fprintf(f, ",\"problems\":[%s]}}\n", dbuf ? dbuf : "");
            fclose(f);
            ret = send_buffer(c, 400, "application/json; charset=utf-8", out, on, MHD_RESPMEM_MUST_FREE);
        }
        free(dbuf);
        sf_corpus_destroy(corpus);
        return ret;
    }
    free(dbuf);
    sf_store *s = pool_get(&sv->stores, &err);
    sf_store_stats stats = {0};
    st = s ? sf_store_ingest(s, corpus, NULL, &stats, &err) : SF_ERR_IO;
    pool_put(&sv->stores, s);
    sf_corpus_destroy(corpus);
    if (st != SF_OK) return send_error(c, st == SF_ERR_IO ? 503 : 500, "%s", err.message);
    char buf[256];
    int n = snprintf(buf, sizeof buf,
                     "{\"added\":%zu,\"changed\":%zu,\"unchanged\":%zu,\"stories_new\":%zu,"
                     "\"stories_updated\":%zu}\n",
                     stats.added, stats.changed, stats.unchanged, stats.stories_new, stats.stories_updated);
    return send_buffer(c, 200, "application/json; charset=utf-8", buf, (size_t)n, MHD_RESPMEM_MUST_COPY);
}

/* --------------------------------------------------- server-sent events */

typedef struct sse {
    server *sv;
    sf_store *store;
    int64_t cursor;
    char *pending;
    size_t pn, poff;
    uint64_t sent[SENT_RING];
    size_t nsent;
    unsigned idle_ms;
    bool hello;
} sse;

static bool sse_seen(sse *e, uint64_t key) {
    size_t n = e->nsent < SENT_RING ? e->nsent : SENT_RING;
    for (size_t i = 0; i < n; i++)
        if (e->sent[i] == key) return true;
    e->sent[e->nsent++ % SENT_RING] = key;
    return false;
}

/* Appends a "story" event to f for each change of `json` not sent yet;
 * with f NULL only marks them sent. */
static void sse_scan(sse *e, const char *json, FILE *f) {
    const char *p = json;
    while ((p = strstr(p, "{\"id\":\"s")) != NULL) {
        const char *end = strchr(p, '}');
        if (!end) break;
        long long id = strtoll(p + 8, NULL, 10);
        const char *v = strstr(p, "\"version\":");
        const char *u = strstr(p, "\"updated\":");
        long long ver = v && v < end ? strtoll(v + 10, NULL, 10) : 0;
        long long upd = u && u < end ? strtoll(u + 10, NULL, 10) : 0;
        if (upd > e->cursor) e->cursor = upd;
        if (!sse_seen(e, (uint64_t)id << 20 ^ (uint64_t)ver) && f)
            fprintf(f, "event: story\ndata: %.*s\n\n", (int)(end + 1 - p), p);
        p = end + 1;
    }
}

/* Pulls "id":"sN","version":V,...,"updated":T out of one change object of
 * sf_store_write_changes's output and appends a "story" event for those not
 * sent yet. The change JSON is passed on as the event's data. */
static void sse_collect(sse *e, const char *json) {
    FILE *f = open_memstream(&e->pending, &e->pn);
    if (!f) return;
    sse_scan(e, json, f);
    fclose(f);
    e->poff = 0;
}

/* One look at the store's changes since the cursor: events for those not
 * sent yet (send), or only marked as sent. */
static sf_status sse_poll(sse *e, bool send) {
    char *out = NULL;
    size_t on = 0;
    FILE *f = open_memstream(&out, &on);
    sf_error err = {0};
    sf_status st = f ? sf_store_write_changes(e->store, e->cursor, f, &err) : SF_ERR_NOMEM;
    if (f) fclose(f);
    if (st == SF_OK && out) {
        if (send) sse_collect(e, out);
        else sse_scan(e, out, NULL);
    }
    free(out);
    return st;
}

static ssize_t sse_read(void *cls, uint64_t pos, char *buf, size_t max) {
    (void)pos;
    sse *e = cls;
    for (;;) {
        if (e->pending && e->poff < e->pn) {
            size_t k = e->pn - e->poff < max ? e->pn - e->poff : max;
            memcpy(buf, e->pending + e->poff, k);
            e->poff += k;
            return (ssize_t)k;
        }
        free(e->pending);
        e->pending = NULL;
        e->pn = e->poff = 0;
        if (g_stop) return MHD_CONTENT_READER_END_OF_STREAM;
        if (!e->hello) {
            e->hello = true;
            static const char HELLO[] = "retry: 2000\n: storyfold events\n\n";
            memcpy(buf, HELLO, sizeof HELLO - 1);
            return (ssize_t)(sizeof HELLO - 1);
        }
        if (sse_poll(e, true) != SF_OK) return MHD_CONTENT_READER_END_WITH_ERROR;
        if (e->pending && e->pn) continue;
        usleep(e->sv->cfg.event_poll_ms * 1000u);
        e->idle_ms += e->sv->cfg.event_poll_ms;
        if (e->idle_ms >= 15000) { /* a comment keeps proxies open and finds dead clients */
            e->idle_ms = 0;
            static const char PING[] = ": ping\n\n";
            memcpy(buf, PING, sizeof PING - 1);
            return (ssize_t)(sizeof PING - 1);
        }
    }
}

static void sse_free(void *cls) {
    sse *e = cls;
    pool_put(&e->sv->stores, e->store);
    free(e->pending);
    free(e);
}

static enum MHD_Result api_events(server *sv, struct MHD_Connection *c) {
    sf_error err = {0};
    sse *e = calloc(1, sizeof *e);
    if (!e) return send_error(c, 500, "out of memory");
    e->sv = sv;
    e->store = pool_get(&sv->stores, &err);
    if (!e->store) {
        free(e);
        return send_error(c, 503, "store: %s", err.message);
    }
    e->cursor = (int64_t)time(NULL);
    /* the changes already in the store when the page connects are marked as
     * sent: the cursor has a resolution of one second, and an ingest that
     * ended in the second the page connected would otherwise be announced
     * to a page that already shows it (which then redraws itself under its
     * reader) */
    (void)sse_poll(e, false);
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, sse_read, e, sse_free);
    if (!r) {
        sse_free(e);
        return MHD_NO;
    }
    add_common_headers(r, "text/event-stream; charset=utf-8");
    enum MHD_Result ret = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ret;
}

/* --------------------------------------------------------------- routing */

static enum MHD_Result serve_asset(struct MHD_Connection *c, const char *url) {
    if (strcmp(url, "/") == 0) url = "/index.html";
    for (size_t i = 0; i < SF_WEB_ASSET_COUNT; i++)
        if (strcmp(url, SF_WEB_ASSETS[i].path) == 0)
            return send_buffer(c, 200, SF_WEB_ASSETS[i].content_type, (char *)SF_WEB_ASSETS[i].data,
                               SF_WEB_ASSETS[i].size, MHD_RESPMEM_PERSISTENT);
    return send_error(c, 404, "no such page: %.200s", url);
}

static enum MHD_Result route_get(server *sv, struct MHD_Connection *c, const char *url) {
    if (strcmp(url, "/healthz") == 0) return healthz(sv, c);
    if (strcmp(url, "/api/stories") == 0) return api_stories(sv, c);
    if (strncmp(url, "/api/stories/", 13) == 0 && url[13])
        return answer_with(sv, c, write_story, url + 13, 404);
    if (strncmp(url, "/api/articles/", 14) == 0 && url[14])
        return answer_with(sv, c, write_article, url + 14, 404);
    if (strcmp(url, "/api/search") == 0) return api_search(sv, c);
    if (strcmp(url, "/api/events") == 0) return api_events(sv, c);
    if (strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0)
        return send_error(c, 404, "no such endpoint: %.200s", url);
    return serve_asset(c, url);
}

/* True when a POST is refused before its body is read (*r: the answer). */
static bool refuse_post(server *sv, struct MHD_Connection *c, enum MHD_Result *r) {
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (!sv->cfg.allow_ingest)
        *r = send_error(c, 403, "ingest is off: start the server with --allow-ingest");
    else if (!auth || strncmp(auth, "Bearer ", 7) != 0 || !same_secret(auth + 7, sv->cfg.token))
        *r = send_error(c, 401, "a valid 'Authorization: Bearer TOKEN' header is needed");
    else if (len && strtoull(len, NULL, 10) > sv->cfg.max_body)
        *r = send_error(c, 413, "the body is larger than %zu bytes", sv->cfg.max_body);
    else
        return false;
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
    (void)version;
    server *sv = cls;
    request *rq = *con_cls;
    bool post = strcmp(method, "POST") == 0;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq) return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &rq->t0);
        snprintf(rq->line, sizeof rq->line, "%.8s %.140s", method, url);
        *con_cls = rq;
        if (MHD_get_connection_values(c, MHD_HEADER_KIND, NULL, NULL) > MAX_HEADERS) {
            rq->answered = true;
            return send_error(c, 431, "more than %d request headers", MAX_HEADERS);
        }
        if (!post && strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
            rq->answered = true;
            return send_error(c, 405, "method %.20s is not allowed", method);
        }
        if (post && strcmp(url, "/api/articles") != 0) {
            rq->answered = true;
            return send_error(c, 405, "POST is only for /api/articles");
        }
        if (post) {
            enum MHD_Result r;
            if (refuse_post(sv, c, &r)) {
                rq->answered = true;
                return r;
            }
            return MHD_YES; /* the body comes next */
        }
        /* answered on the next call: a response queued on the first call,
         * before libmicrohttpd has read the whole request, closes the
         * connection instead of keeping it alive */
        return MHD_YES;
    }
    if (rq->answered) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (post && *upload_size) {
        if (!rq->too_big && rq->n + *upload_size > sv->cfg.max_body) {
            rq->too_big = true;
            free(rq->body);
            rq->body = NULL;
            rq->n = rq->cap = 0;
        }
        if (!rq->too_big) {
            if (rq->n + *upload_size > rq->cap) {
                size_t cap = rq->cap ? rq->cap : 65536;
                while (cap < rq->n + *upload_size) cap *= 2;
                char *b = realloc(rq->body, cap);
                if (!b) return MHD_NO;
                rq->body = b;
                rq->cap = cap;
            }
            memcpy(rq->body + rq->n, upload, *upload_size);
            rq->n += *upload_size;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    rq->answered = true;
    if (post) return api_ingest(sv, c, rq);
    return route_get(sv, c, url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    server *sv = cls;
    request *rq = *con_cls;
    if (!rq) return;
    if (!sv->cfg.quiet) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_HTTP_STATUS);
        fprintf(stderr, "storyfold serve: %s %u %.1f ms%s\n", rq->line, ci ? ci->http_status : 0,
                ms_since(&rq->t0),
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (ended early)");
    }
    free(rq->body);
    free(rq);
    *con_cls = NULL;
}

/* libmicrohttpd's own messages: a client that goes away while its event
 * stream is open is normal and not reported. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap) {
    const server *sv = cls;
    if (sv->cfg.quiet || strstr(fmt, "no longer available") || strstr(fmt, "chunked response body")) return;
    fputs("storyfold serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* ---------------------------------------------------------------- start */

/* "ADDR:PORT", ":PORT" or "PORT" (IPv4), "[ADDR]:PORT" (IPv6). */
static bool parse_listen(const char *spec, struct sockaddr_storage *ss, socklen_t *len) {
    char host[64] = "127.0.0.1";
    const char *colon = strrchr(spec, ':');
    const char *port = colon ? colon + 1 : spec;
    if (colon) {
        size_t hn = (size_t)(colon - spec);
        if (hn >= sizeof host) return false;
        if (hn) {
            memcpy(host, spec, hn);
            host[hn] = '\0';
        }
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535) return false;
    memset(ss, 0, sizeof *ss);
    size_t hl = strlen(host);
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        host[hl - 1] = '\0';
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)p);
        *len = sizeof *a6;
        return inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)p);
    *len = sizeof *a4;
    return inet_pton(AF_INET, host, &a4->sin_addr) == 1;
}

int sf_server_run(const sf_server_config *cfg) {
    server sv;
    memset(&sv, 0, sizeof sv);
    sv.cfg = *cfg;
    if (!sv.cfg.listen) sv.cfg.listen = "127.0.0.1:8080";
    if (!sv.cfg.max_body) sv.cfg.max_body = 8u << 20;
    if (!sv.cfg.max_connections) sv.cfg.max_connections = 64;
    if (!sv.cfg.timeout_s) sv.cfg.timeout_s = 30;
    if (!sv.cfg.event_poll_ms) sv.cfg.event_poll_ms = 500;
    struct sockaddr_storage ss;
    socklen_t sslen;
    if (!parse_listen(sv.cfg.listen, &ss, &sslen)) {
        fprintf(stderr, "storyfold serve: --listen '%s' is not ADDR:PORT (e.g. 127.0.0.1:8080)\n",
                sv.cfg.listen);
        return 2;
    }
    /* open the store once first, so that a bad store fails at start */
    sf_error err = {0};
    sf_store *first = sf_store_open(sv.cfg.db, &err);
    if (!first) {
        fprintf(stderr, "storyfold serve: %s\n", err.message);
        return 1;
    }
    pthread_mutex_init(&sv.stores.mu, NULL);
    sv.stores.db = sv.cfg.db;
    sv.stores.cap = sv.cfg.max_connections;
    sv.stores.free_list = calloc(sv.stores.cap, sizeof *sv.stores.free_list);
    if (!sv.stores.free_list) {
        sf_store_close(first);
        return 1;
    }
    pool_put(&sv.stores, first);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (ss.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    sv.daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_LIMIT, sv.cfg.max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        sv.cfg.max_connections, MHD_OPTION_CONNECTION_TIMEOUT, sv.cfg.timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &sv,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, &sv, MHD_OPTION_END);
    int rc = 0;
    if (!sv.daemon) {
        fprintf(stderr, "storyfold serve: cannot listen on %s: %s\n", sv.cfg.listen, strerror(errno));
        rc = 1;
    } else {
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(sv.daemon, MHD_DAEMON_INFO_BIND_PORT);
        unsigned port = di ? di->port : 0;
        char host[64];
        const char *colon = strrchr(sv.cfg.listen, ':');
        snprintf(host, sizeof host, "%.*s", colon && colon != sv.cfg.listen ? (int)(colon - sv.cfg.listen) : 9,
                 colon && colon != sv.cfg.listen ? sv.cfg.listen : "127.0.0.1");
        fprintf(stderr, "storyfold serve: %s on http://%s:%u/ (%s)\n", sv.cfg.db, host, port,
                sv.cfg.allow_ingest ? "ingest allowed with the token" : "read-only");
        if (sv.cfg.port_file) {
            /* written whole, then renamed: a reader never sees half of it */
            char tmp[4096];
            snprintf(tmp, sizeof tmp, "%s.tmp", sv.cfg.port_file);
            FILE *pf = fopen(tmp, "w");
            if (pf && fprintf(pf, "%u\n", port) > 0 && fclose(pf) == 0) rename(tmp, sv.cfg.port_file);
            else if (pf) fclose(pf);
        }
        while (!g_stop) usleep(100 * 1000); /* no pause(): a signal between the test and it would be missed */
        MHD_stop_daemon(sv.daemon);
    }
    for (size_t i = 0; i < sv.stores.n; i++) sf_store_close(sv.stores.free_list[i]);
    free(sv.stores.free_list);
    pthread_mutex_destroy(&sv.stores.mu);
    return rc;
}

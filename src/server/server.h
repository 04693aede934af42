/* server.h - `storyfold serve`: an HTTP server (libmicrohttpd) that serves
 * the JSON API and the web page from one store. Part of the program, not of
 * the library: it uses the public header only. docs/api.md and
 * docs/openapi.yaml describe the API. */
#ifndef SF_SERVER_H
#define SF_SERVER_H

#include "storyfold.h"

#include <signal.h>
#include <stdbool.h>

typedef struct sf_server_config {
    const char *db;             /* the store: a file or a postgresql:// URI */
    const char *listen;         /* "ADDR:PORT" (default 127.0.0.1:8080; port 0: any free) */
    bool allow_ingest;          /* POST /api/articles accepted (with the token) */
    const char *token;          /* the bearer token POST needs */
    size_t max_body;            /* bytes of a POST body (default 8 MiB) */
    unsigned max_connections;   /* open connections at once (default 64) */
    unsigned timeout_s;         /* an idle or stalled connection closes (default 30) */
    unsigned event_poll_ms;     /* how often /api/events looks for changes (default 500) */
    bool quiet;                 /* no request log on stderr */
    const char *port_file;      /* when set, the bound port is written there */
} sf_server_config;

/* Serve until SIGINT or SIGTERM. Returns a process exit code (0 after a
 * clean stop, 1 when the store or the socket could not be opened). */
int sf_server_run(const sf_server_config *cfg);

/* The web page's files, compiled in (web_assets.c is generated from web/). */
typedef struct sf_web_asset {
    const char *path;         /* "/app.js" */
    const char *content_type; /* "text/javascript; charset=utf-8" */
    const unsigned char *data;
    size_t size;
} sf_web_asset;
extern const sf_web_asset SF_WEB_ASSETS[];
extern const size_t SF_WEB_ASSET_COUNT;

#endif

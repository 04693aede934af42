/* cmd_serve.c - `storyfold serve`: the web page and the JSON API over a
 * store (src/server/). */
#include "cli.h"
#include "../server/server.h"

#include <stdlib.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold serve --db DB [OPTIONS]\n"
            "\n"
            "Serve the stories of a store as a web page and a JSON API (docs/api.md,\n"
            "docs/openapi.yaml) while `storyfold ingest` keeps adding articles to it.\n"
            "Open http://127.0.0.1:8080/ in a browser.\n"
            "\n"
            "Options:\n"
            "  --db DB            the store: an SQLite file or postgresql://...\n"
            "  --listen ADDR:PORT where to listen (default 127.0.0.1:8080: this machine\n"
            "                     only; 0.0.0.0:8080 for every interface; port 0: any free\n"
            "                     port, printed on stderr)\n"
            "  --allow-ingest     accept POST /api/articles (JSON Lines), only with\n"
            "                     'Authorization: Bearer TOKEN'\n"
            "  --token TOKEN      that token (default: $STORYFOLD_TOKEN); needed with\n"
            "                     --allow-ingest\n"
            "  --max-body BYTES   largest POST body (default 8388608)\n"
            "  --max-connections N  connections at once (default 64)\n"
            "  --timeout SECONDS  an idle or stalled connection is closed (default 30)\n"
            "  --port-file FILE   write the port listened on to FILE\n"
            "  -q, --quiet        no request log on stderr\n"
            "Stops on SIGINT or SIGTERM.\n");
}

static bool number(const char *v, unsigned long long lo, unsigned long long hi, unsigned long long *out) {
    char *end;
    unsigned long long x = strtoull(v, &end, 10);
    if (!*v || *end || v[0] == '-' || x < lo || x > hi) return false;
    *out = x;
    return true;
}

int sf_cmd_serve(int argc, char **argv) {
    sf_server_config cfg;
    memset(&cfg, 0, sizeof cfg);
    const char *prog = "storyfold serve";
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (sf_cli_is_help(o)) {
            help(stdout);
            return SF_EXIT_OK;
        }
        if (strcmp(o, "--allow-ingest") == 0) { cfg.allow_ingest = true; continue; }
        if (strcmp(o, "-q") == 0 || strcmp(o, "--quiet") == 0) { cfg.quiet = true; continue; }
        static const char *const WITH_VALUE[] = {"--db", "--listen", "--token", "--max-body",
                                                 "--max-connections", "--timeout", "--port-file"};
        size_t k = 0;
        const char *v = NULL;
        for (; k < sizeof WITH_VALUE / sizeof *WITH_VALUE; k++) {
            size_t n = strlen(WITH_VALUE[k]);
            if (strcmp(o, WITH_VALUE[k]) == 0) {
                if (i + 1 >= argc) {
                    sf_cli_error(prog, "%s needs a value", o);
                    return SF_EXIT_USAGE;
                }
                v = argv[++i];
                break;
            }
            if (strncmp(o, WITH_VALUE[k], n) == 0 && o[n] == '=') {
                v = o + n + 1;
                break;
            }
        }
        if (!v) {
            sf_cli_error(prog, "unknown option or argument '%s'", o);
            help(stderr);
            return SF_EXIT_USAGE;
        }
        unsigned long long x = 0;
        switch (k) {
        case 0: cfg.db = v; break;
        case 1: cfg.listen = v; break;
        case 2: cfg.token = v; break;
        case 3:
            if (!number(v, 1, 1ull << 32, &x)) { sf_cli_error(prog, "--max-body needs bytes (1 to 4 GiB), got '%s'", v); return SF_EXIT_USAGE; }
            cfg.max_body = (size_t)x;
            break;
        case 4:
            if (!number(v, 1, 10000, &x)) { sf_cli_error(prog, "--max-connections needs 1 to 10000, got '%s'", v); return SF_EXIT_USAGE; }
            cfg.max_connections = (unsigned)x;
            break;
        case 5:
            if (!number(v, 1, 3600, &x)) { sf_cli_error(prog, "--timeout needs 1 to 3600 seconds, got '%s'", v); return SF_EXIT_USAGE; }
            cfg.timeout_s = (unsigned)x;
            break;
        default: cfg.port_file = v; break;
        }
    }
    if (!cfg.db) {
        sf_cli_error(prog, "--db DB is needed");
        help(stderr);
        return SF_EXIT_USAGE;
    }
    if (!cfg.token) cfg.token = getenv("STORYFOLD_TOKEN");
    if (cfg.allow_ingest && (!cfg.token || strlen(cfg.token) < 8)) {
        sf_cli_error(prog, "--allow-ingest needs a token of 8 or more characters (--token or $STORYFOLD_TOKEN)");
        return SF_EXIT_USAGE;
    }
    return sf_server_run(&cfg);
}

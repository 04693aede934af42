/* cmd_serve.c - `storyfold serve`: the web page and the JSON API over a
 * store (src/server/). */
#include "cli.h"
#include "cli_args.h"
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
            "  (-q, --quiet: no request log on standard error)\n"
            "Stops on SIGINT or SIGTERM.\n\n" SF_CLI_COMMON_HELP);
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
    enum { DB, LISTEN, TOKEN, MAX_BODY, MAX_CONN, TIMEOUT, PORT_FILE, ALLOW_INGEST };
    static const sf_cli_opt opts[] = {
        {"--db", 0, true, DB},          {"--listen", 0, true, LISTEN},
        {"--token", 0, true, TOKEN},    {"--max-body", 0, true, MAX_BODY},
        {"--max-connections", 0, true, MAX_CONN}, {"--timeout", 0, true, TIMEOUT},
        {"--port-file", 0, true, PORT_FILE}, {"--allow-ingest", 0, false, ALLOW_INGEST}};
    sf_cli_args g;
    sf_cli_args_init(&g, prog, argc, argv, opts, sizeof opts / sizeof *opts);
    const char *v;
    for (int r; (r = sf_cli_next(&g, &v)) != SF_CLI_END;) {
        unsigned long long x = 0;
        switch (r) {
        case SF_CLI_HELP: help(stdout); return SF_EXIT_OK;
        case SF_CLI_ARG:
            sf_cli_error(prog, "unexpected argument '%s'", v);
            help(stderr);
            return SF_EXIT_USAGE;
        case SF_CLI_ERROR: return SF_EXIT_USAGE;
        case DB: cfg.db = v; break;
        case LISTEN: cfg.listen = v; break;
        case TOKEN: cfg.token = v; break;
        case ALLOW_INGEST: cfg.allow_ingest = true; break;
        case MAX_BODY:
            if (!number(v, 1, 1ull << 32, &x)) { sf_cli_error(prog, "--max-body needs bytes (1 to 4 GiB), got '%s'", v); return SF_EXIT_USAGE; }
            cfg.max_body = (size_t)x;
            break;
        case MAX_CONN:
            if (!number(v, 1, 10000, &x)) { sf_cli_error(prog, "--max-connections needs 1 to 10000, got '%s'", v); return SF_EXIT_USAGE; }
            cfg.max_connections = (unsigned)x;
            break;
        case TIMEOUT:
            if (!number(v, 1, 3600, &x)) { sf_cli_error(prog, "--timeout needs 1 to 3600 seconds, got '%s'", v); return SF_EXIT_USAGE; }
            cfg.timeout_s = (unsigned)x;
            break;
        default: cfg.port_file = v; break;
        }
    }
    sf_cli_args_apply(&g);
    cfg.quiet = g.quiet;
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

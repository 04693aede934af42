/* cmd_ingest.c - `storyfold ingest --db DB PATH...` (and `storyfold run
 * --db DB PATH...`): add articles to a store, then (run) print the stories
 * that changed. */
#include "cli.h"
#include "cli_args.h"
#include "cli_store.h"

#include <stdlib.h>
#include <string.h>

static void help_text(FILE *f, const char *cmd, const char *what) {
    fprintf(f,
            "usage: storyfold %s --db DB [OPTIONS] PATH...\n"
            "\n"
            "%s\n"
            "\n"
            "Options:\n"
            "  --db DB           the store: a file (SQLite, created when absent) or a\n"
            "                    postgresql://... URI (docs/store.md)\n"
            "  --batch N         commit every N articles (default: all in one batch)\n"
            "  --window N        start from the stored stories of up to N articles,\n"
            "                    most recent first (default 20000)\n"
            "  --window-days D   and only those active within D days of the batch\n"
            "                    (default: no time limit)\n"
            "  --recluster       cluster the window again with every batch (the result\n"
            "                    does not depend on arrival order; slower: each batch\n"
            "                    costs the clustering of the window)\n"
            "  --refresh-every K summarize changed stories again only every K-th batch\n"
            "                    of the store and at the last batch of this ingest\n"
            "                    (default 1: every batch)\n"
            "  --format F        md (default) or json\n"
            "  --words N         summary length in words (default 100)\n"
            SF_CLI_STORE_HELP
            SF_CLI_RUN_HELP
            SF_CLI_INPUT_HELP
            SF_CLI_READING_HELP,
            cmd, what);
}

static void help_ingest(FILE *f) {
    help_text(f, "ingest",
              "Add articles to a store: a known article (same id, same title and text)\n"
              "changes nothing, a known id with new text is a new version; new articles\n"
              "join stored stories or start new ones, and every story that changed is\n"
              "summarized again. Prints what was added.");
}

static void help_run(FILE *f) {
    help_text(f, "run",
              "Ingest the articles (as `storyfold ingest`), then print every story that\n"
              "this run changed, whole (--format json: docs/json-output.md).");
}

typedef struct ingest_args {
    sf_cli_store_args st;
    sf_cli_run_args ra;
    size_t batch, window, refresh_every;
    double window_days;
    bool recluster;
} ingest_args;

static int ingest_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i) {
    ingest_args *a = user;
    int r = sf_cli_store_option(&a->st, in, argc, argv, i);
    if (r != 0) return r;
    if (strcmp(argv[*i], "--recluster") == 0) {
        a->recluster = true;
        return 1;
    }
    enum { BATCH, WINDOW, DAYS, REFRESH };
    static const sf_cli_opt opts[] = {{"--batch", 0, true, BATCH}, {"--window", 0, true, WINDOW},
                                      {"--window-days", 0, true, DAYS},
                                      {"--refresh-every", 0, true, REFRESH}};
    static const char *const names[] = {"--batch", "--window", "--window-days", "--refresh-every"};
    const char *s;
    r = sf_cli_match(in->prog, opts, 4, argc, argv, i, &s);
    if (r == SF_CLI_OTHER) return sf_cli_run_option(&a->ra, in, argc, argv, i);
    if (r < 0) return -1;
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || v < 0 || v > 1e9 || (r != DAYS && v < 1)) {
        sf_cli_error(in->prog, "%s needs a positive number, got '%s'", names[r], s);
        return -1;
    }
    if (r == DAYS) a->window_days = v;
    else if (r == BATCH) a->batch = (size_t)v;
    else if (r == REFRESH) a->refresh_every = (size_t)v;
    else a->window = (size_t)v;
    return 1;
}

/* Articles [from, to) of c as a corpus of their own. */
static sf_corpus *slice(const sf_corpus *c, size_t from, size_t to, sf_error *err) {
    sf_corpus *s = sf_corpus_create();
    for (size_t i = from; s && i < to; i++)
        if (sf_corpus_add(s, sf_corpus_get(c, i), err) != SF_OK) {
            sf_corpus_destroy(s);
            return NULL;
        }
    return s;
}

static sf_status ingest_all(sf_store *db, const sf_corpus *c, const ingest_args *a,
                            sf_store_stats *total, sf_error *err) {
    size_t n = sf_corpus_count(c), step = a->batch ? a->batch : (n ? n : 1);
    sf_store_options o = {.run = &a->ra.opt, .window_days = a->window_days,
                         .window_articles = a->window, .now = a->st.now,
                         .recluster = a->recluster, .refresh_every = a->refresh_every};
    memset(total, 0, sizeof *total);
    for (size_t from = 0; from < n; from += step) {
        size_t to = from + step < n ? from + step : n;
        sf_corpus *part = step >= n ? NULL : slice(c, from, to, err);
        if (step < n && !part) return err->status ? err->status : SF_ERR_NOMEM;
        sf_store_stats st = {0};
        /* the last batch summarizes every story left pending */
        if (to == n) o.refresh_every = 1;
        sf_status s = sf_store_ingest(db, part ? part : c, &o, &st, err);
        sf_corpus_destroy(part);
        if (s != SF_OK) return s;
        if (!total->now) total->now = st.now;
        total->added += st.added;
        total->changed += st.changed;
        total->unchanged += st.unchanged;
        total->copies += st.copies;
        total->stories_new += st.stories_new;
        total->stories_updated += st.stories_updated;
        sf_cli_progress("ingesting", to, n);
    }
    sf_cli_progress_end();
    return SF_OK;
}

static int ingest_cmd(int argc, char **argv, bool print) {
    sf_cli_inputs in = {.prog = print ? "storyfold run" : "storyfold ingest"};
    ingest_args a = {.ra = {.text_format = "md"}};
    char **paths;
    int npaths;
    int code = sf_cli_parse(&in, argc, argv, print ? help_run : help_ingest, ingest_option, &a,
                            &paths, &npaths);
    if (code >= 0) return code;
    if (!a.st.db) {
        sf_cli_error(in.prog, "--db DB is needed (a file or a postgresql:// URI)");
        return SF_EXIT_USAGE;
    }
    sf_corpus *c = sf_cli_read_all(&in, paths, npaths, &code);
    if (!c) return code;
    sf_error err = {0};
    sf_store *db = sf_cli_store_open(&a.st, &err);
    sf_store_stats stats = {0};
    sf_status st = db ? ingest_all(db, c, &a, &stats, &err) : err.status;
    if (st == SF_OK && !print)
        printf("%s: %zu added, %zu changed, %zu unchanged; %zu new stories, %zu updated;"
               " near-duplicates: %zu\n",
               sf_store_backend(db), stats.added, stats.changed, stats.unchanged,
               stats.stories_new, stats.stories_updated, stats.copies);
    if (st == SF_OK && print)
        st = sf_store_write_stories(db, stats.now, 0, 1, a.ra.json ? SF_STORE_JSON : SF_STORE_MARKDOWN,
                                    stdout, &err);
    code = sf_cli_exit_code(&in, st, &err);
    sf_store_close(db);
    sf_corpus_destroy(c);
    return code;
}

int sf_cmd_ingest(int argc, char **argv) { return ingest_cmd(argc, argv, false); }

int sf_cmd_run_db(int argc, char **argv) { return ingest_cmd(argc, argv, true); }

bool sf_cli_has_db(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--db") == 0) return true;
    return false;
}

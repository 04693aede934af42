/* bench_extract.c - main-text extraction on trafilatura's evaluation set:
 * precision, recall and F1 counted as trafilatura counts them, beside the
 * published figures and, measured in the same run, the "whole page" baseline
 * (every text block kept); pages per second and MB/s on one core, beside
 * the cost of only building libxml2's tree for the same pages (what the
 * former tree-walking path paid before extracting anything).
 * usage: bench_extract [DIR]   (default $SF_SHARED_DIR/data/trafilatura-eval,
 *        or ../shared/data/trafilatura-eval); SF_EVAL_VERBOSE=1 lists misses. */
#include "ingest/html.h"

#include <json-c/json.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Baseline: decode the scored pages as extraction does, then build and free
 * libxml2's tree of them (htmlCtxtReadMemory, the former path's parse);
 * seconds spent over *pages pages. */
static int tree_baseline(const char *dir, double *seconds, size_t *pages) {
    char path[4096];
    int k = snprintf(path, sizeof path, "%s/evaldata.json", dir);
    json_object *root = k > 0 && (size_t)k < sizeof path ? json_object_from_file(path) : NULL;
    if (!root) return -1;
    sf_buf html, u;
    sf__buf_init(&html, 0);
    sf__buf_init(&u, 0);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    *seconds = 0;
    *pages = 0;
    json_object_object_foreach(root, url, item) {
        (void)url;
        json_object *file;
        if (!json_object_object_get_ex(item, "file", &file)) continue;
        k = snprintf(path, sizeof path, "%s/html/%s", dir, json_object_get_string(file));
        sf__buf_reset(&html);
        if (k < 0 || (size_t)k >= sizeof path || sf__read_file(path, NULL, &html, NULL) != SF_OK)
            continue;
        sf_page page;
        sf__page_init(&page);
        sf_error e = {0};
        double t0 = now();
        if (sf__html_prepare(html.p ? html.p : "", html.n, NULL, &u, &page, &e) == SF_OK) {
            htmlDocPtr doc = htmlCtxtReadMemory(
                ctxt, u.n ? u.p : "", (int)u.n, NULL, "UTF-8",
                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                    HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
            xmlFreeDoc(doc);
        }
        *seconds += now() - t0;
        (*pages)++;
        sf__page_release(&page);
    }
    htmlFreeParserCtxt(ctxt);
    sf__buf_release(&html);
    sf__buf_release(&u);
    json_object_put(root);
    return 0;
}

static void show(void *user, const char *file, const char *text, size_t tp, size_t fp,
                 size_t fn, size_t tn) {
    (void)user;
    (void)tn;
    if (fp || fn) printf("  %-60s tp %zu fp %zu fn %zu  (%zu bytes)\n", file, tp, fp, fn,
                         strlen(text));
}

static void row(const char *name, double p, double r, double f, const char *note) {
    printf("%-28s %9.3f %7.3f %7.3f   %s\n", name, p, r, f, note);
}

int main(int argc, char **argv) {
    char dir[4096];
    const char *shared = getenv("SF_SHARED_DIR");
    if (argc > 1) snprintf(dir, sizeof dir, "%s", argv[1]);
    else snprintf(dir, sizeof dir, "%s/data/trafilatura-eval", shared ? shared : "../shared");
    const char *verbose = getenv("SF_EVAL_VERBOSE");
    sf_extract_eval ours, all;
    sf_error err = {0};
    if (sf__extract_eval(dir, false, &ours, verbose && *verbose == '1' ? show : NULL, NULL,
                         &err) != SF_OK ||
        sf__extract_eval(dir, true, &all, NULL, NULL, &err) != SF_OK) {
        fprintf(stderr, "bench_extract: %s\n", err.message);
        return 1;
    }
    if (ours.pages == 0) {
        fprintf(stderr, "bench_extract: no pages found under %s\n", dir);
        return 1;
    }
    double p = (double)ours.tp / (double)(ours.tp + ours.fp);
    double r = (double)ours.tp / (double)(ours.tp + ours.fn);
    double f = 2 * p * r / (p + r);
    double ap = (double)all.tp / (double)(all.tp + all.fp);
    double ar = (double)all.tp / (double)(all.tp + all.fn);
    printf("trafilatura-eval: %zu pages scored (%zu listed but absent), %zu failed, %.1f MB\n",
           ours.pages, ours.missing, ours.failed, (double)ours.bytes / 1e6);
    printf("snippets: tp %zu fp %zu fn %zu tn %zu\n\n", ours.tp, ours.fp, ours.fn, ours.tn);
    printf("%-28s %9s %7s %7s\n", "extractor", "precision", "recall", "F1");
    row("storyfold (this run)", p, r, f, "");
    row("whole page (this run)", ap, ar, 2 * ap * ar / (ap + ar), "every text block kept");
    row("trafilatura 2.2.0", 0.906, 0.943, 0.924, "published, full set of 990");
    row("jusText", 0, 0, 0.862, "published (F1 only)");
    row("readability-lxml", 0, 0, 0.826, "published (F1 only)");
    row("all text of the page", 0, 0, 0.691, "published (F1 only)");
    printf("\nmetadata against evaldata.json (pages where it gives a value):\n");
    printf("  title  %4zu/%4zu = %.3f   (equal, white space and case aside)\n", ours.title_ok,
           ours.title_n, ours.title_n ? (double)ours.title_ok / (double)ours.title_n : 0);
    printf("  author %4zu/%4zu = %.3f\n", ours.author_ok, ours.author_n,
           ours.author_n ? (double)ours.author_ok / (double)ours.author_n : 0);
    printf("  date   %4zu/%4zu = %.3f   (same day of publication)\n", ours.date_ok, ours.date_n,
           ours.date_n ? (double)ours.date_ok / (double)ours.date_n : 0);
    double ms = ours.seconds * 1e3 / (double)ours.pages;
    double ams = all.seconds * 1e3 / (double)all.pages;
    printf("\nspeed, one core, decode+parse+extract+metadata:\n");
    printf("  storyfold      %7.3f ms/page %8.0f pages/s %7.1f MB/s\n", ms, 1e3 / ms,
           (double)ours.bytes / 1e6 / ours.seconds);
    printf("  whole page     %7.3f ms/page %8.0f pages/s %7.1f MB/s  (same parse, no scoring)\n",
           ams, 1e3 / ams, (double)all.bytes / 1e6 / all.seconds);
    double tsec;
    size_t tpages;
    if (tree_baseline(dir, &tsec, &tpages) == 0 && tpages)
        printf("  libxml2 tree   %7.3f ms/page %8.0f pages/s %7.1f MB/s  (decode + build and free "
               "the DOM only)\n",
               tsec * 1e3 / (double)tpages, (double)tpages / tsec, (double)ours.bytes / 1e6 / tsec);
    printf("  trafilatura    ~12 ms/page (Python, published)\n");
    return 0;
}

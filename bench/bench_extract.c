/* bench_extract.c - main-text extraction on trafilatura's evaluation set:
 * precision, recall and F1 counted as trafilatura counts them, beside the
 * published figures and, measured in the same run, the "whole page" baseline
 * (every text block kept); pages per second and MB/s on one core.
 * usage: bench_extract [DIR]   (default $SF_SHARED_DIR/data/trafilatura-eval,
 *        or ../shared/data/trafilatura-eval); SF_EVAL_VERBOSE=1 lists misses. */
#include "ingest/html.h"

#include <stdio.h>
#include <stdlib.h>

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
    printf("  trafilatura    ~12 ms/page (Python, published)\n");
    return 0;
}

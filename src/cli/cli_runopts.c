/* cli_runopts.c - the options of the commands that run the pipeline (run,
 * summarize), parsed once here so both accept and document them alike. */
#include "cli.h"

#include <math.h>

#include <stdlib.h>
#include <string.h>

static bool parse_fraction(const char *s, double *out) {
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v) || v < 0 || v > 1) return false; /* NaN too */
    *out = v;
    return true;
}

static bool parse_count(const char *s, size_t *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v <= 0 || v > 10000000) return false;
    *out = (size_t)v;
    return true;
}

int sf_cli_run_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i) {
    sf_cli_run_args *ra = user;
    const char *a = argv[*i];
    if (strcmp(a, "--compress") == 0) {
        ra->opt.summary_compress = 1;
        return 1;
    }
    if (*i + 1 >= argc) return 0; /* every option below takes a value */
    const char *v = argv[*i + 1];
    if (strcmp(a, "--format") == 0) {
        if (strcmp(v, "json") == 0) ra->json = true;
        else if (strcmp(v, ra->text_format) == 0 || (ra->text_format[0] == 'm' && strcmp(v, "markdown") == 0))
            ra->json = false;
        else {
            sf_cli_error(in->prog, "unknown format '%s' (%s, json)", v, ra->text_format);
            return -1;
        }
    } else if (strcmp(a, "--words") == 0 || (ra->allow_bytes && strcmp(a, "--bytes") == 0)) {
        size_t n;
        if (!parse_count(v, &n)) {
            sf_cli_error(in->prog, "%s needs a positive number, got '%s'", a, v);
            return -1;
        }
        if (a[2] == 'w') ra->opt.summary_words = n;
        else ra->bytes = n;
    } else if (strcmp(a, "--method") == 0) {
        if (strcmp(v, "concepts") == 0) ra->opt.summary_method = 0;
        else if (strcmp(v, "centroid") == 0) ra->opt.summary_method = 1;
        else if (strcmp(v, "concepts-ilp") == 0) ra->opt.summary_method = 2;
        else if (strcmp(v, "coverage") == 0) ra->opt.summary_method = 3;
        else {
            sf_cli_error(in->prog, "unknown method '%s' (concepts, concepts-ilp, coverage, centroid)", v);
            return -1;
        }
    } else if (strcmp(a, "--dup-threshold") == 0 || strcmp(a, "--story-threshold") == 0) {
        double *dst = a[2] == 'd' ? &ra->opt.dup_threshold : &ra->opt.story_threshold;
        if (!parse_fraction(v, dst)) {
            sf_cli_error(in->prog, "%s needs a number between 0 and 1, got '%s'", a, v);
            return -1;
        }
    } else if (strcmp(a, "--query") == 0) {
        ra->opt.query = v;
    } else if (strcmp(a, "--aliases") == 0) {
        ra->opt.aliases_path = v;
    } else if (strcmp(a, "--lang") == 0) {
        ra->opt.lang = v;
    } else if (strcmp(a, "--threads") == 0) {
        size_t n;
        if (!parse_count(v, &n) || n > 256) {
            sf_cli_error(in->prog, "--threads needs a number from 1 to 256, got '%s'", v);
            return -1;
        }
        ra->opt.threads = (unsigned)n;
    } else {
        return 0;
    }
    ++*i;
    return 1;
}

/* cli_runopts.c - the options of the commands that run the pipeline (run,
 * summarize), parsed once here so both accept and document them alike. */
#include "cli.h"
#include "cli_args.h"

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
    enum { COMPRESS, FORMAT, WORDS, BYTES, METHOD, DUP, STORY, QUERY, ALIASES, LANG, THREADS };
    static const sf_cli_opt opts[] = {
        {"--compress", 0, false, COMPRESS}, {"--format", 0, true, FORMAT},
        {"--words", 0, true, WORDS},        {"--bytes", 0, true, BYTES},
        {"--method", 0, true, METHOD},      {"--dup-threshold", 0, true, DUP},
        {"--story-threshold", 0, true, STORY}, {"--query", 0, true, QUERY},
        {"--aliases", 0, true, ALIASES},    {"--lang", 0, true, LANG},
        {"--threads", 0, true, THREADS}};
    /* --bytes only where it is accepted (summarize) */
    size_t nopts = sizeof opts / sizeof *opts;
    const char *v;
    int r = ra->allow_bytes || strcmp(argv[*i], "--bytes") != 0
                ? sf_cli_match(in->prog, opts, nopts, argc, argv, i, &v)
                : SF_CLI_OTHER;
    if (r == SF_CLI_OTHER) return 0;
    if (r < 0) return -1;
    size_t n;
    switch (r) {
    case COMPRESS: ra->opt.summary_compress = 1; break;
    case FORMAT:
        if (strcmp(v, "json") == 0) ra->json = true;
        else if (strcmp(v, ra->text_format) == 0 || (ra->text_format[0] == 'm' && strcmp(v, "markdown") == 0))
            ra->json = false;
        else {
            sf_cli_error(in->prog, "unknown format '%s' (%s, json)", v, ra->text_format);
            return -1;
        }
        break;
    case WORDS:
    case BYTES:
        if (!parse_count(v, &n)) {
            sf_cli_error(in->prog, "%s needs a positive number, got '%s'", r == WORDS ? "--words" : "--bytes", v);
            return -1;
        }
        if (r == WORDS) ra->opt.summary_words = n;
        else ra->bytes = n;
        break;
    case METHOD:
        if (strcmp(v, "concepts") == 0) ra->opt.summary_method = 0;
        else if (strcmp(v, "centroid") == 0) ra->opt.summary_method = 1;
        else if (strcmp(v, "concepts-ilp") == 0) ra->opt.summary_method = 2;
        else if (strcmp(v, "coverage") == 0) ra->opt.summary_method = 3;
        else {
            sf_cli_error(in->prog, "unknown method '%s' (concepts, concepts-ilp, coverage, centroid)", v);
            return -1;
        }
        break;
    case DUP:
    case STORY:
        if (!parse_fraction(v, r == DUP ? &ra->opt.dup_threshold : &ra->opt.story_threshold)) {
            sf_cli_error(in->prog, "%s needs a number between 0 and 1, got '%s'",
                         r == DUP ? "--dup-threshold" : "--story-threshold", v);
            return -1;
        }
        break;
    case QUERY: ra->opt.query = v; break;
    case ALIASES: ra->opt.aliases_path = v; break;
    case LANG: ra->opt.lang = v; break;
    default:
        if (!parse_count(v, &n) || n > 256) {
            sf_cli_error(in->prog, "--threads needs a number from 1 to 256, got '%s'", v);
            return -1;
        }
        ra->opt.threads = (unsigned)n;
    }
    return 1;
}

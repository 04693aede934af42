/* cmd_extract.c - `storyfold extract`: the main text of each web page (HTML
 * files, WARC crawls, or any other input), as text or as JSON Lines with the
 * page's metadata (title, author, outlet, URL, language, times). */
#include "cli.h"
#include "cli_args.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold extract [--format text|json] [OPTIONS] PATH...\n"
            "\n"
            "Print the main text of each web page: the article's headings and\n"
            "paragraphs, a blank line between them, without menus, share buttons,\n"
            "comments, related links or footers. PATH may be .html/.htm pages, WARC\n"
            "crawls (.warc, .warc.gz: each HTML response is one page) or any input\n"
            "the other commands read.\n"
            "\n"
            "Options:\n"
            "  --format text     the text only; with several pages, a line\n"
            "                    '==> ORIGIN <==' before each (default)\n"
            "  --format json     one JSON object per line: id, url, title, author,\n"
            "                    source, lang, published, modified, origin, text\n" SF_CLI_INPUT_HELP SF_CLI_READING_HELP);
}

static json_object *time_or_null(int64_t t) {
    if (t == SF_TIME_UNKNOWN) return NULL;
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    if (!gmtime_r(&tt, &tm) || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return NULL;
    return json_object_new_string(buf);
}

static int print_json(const sf_article *a) {
    json_object *o = json_object_new_object();
    if (!o) return -1;
    json_object_object_add(o, "id", json_object_new_string(a->id));
    json_object_object_add(o, "url", json_object_new_string(a->url));
    json_object_object_add(o, "title", json_object_new_string(a->title));
    json_object_object_add(o, "author", json_object_new_string(a->author ? a->author : ""));
    json_object_object_add(o, "source", json_object_new_string(a->source));
    json_object_object_add(o, "lang", json_object_new_string(a->lang ? a->lang : ""));
    json_object_object_add(o, "published", time_or_null(a->published));
    json_object_object_add(o, "modified", time_or_null(a->modified));
    json_object_object_add(o, "origin", json_object_new_string(a->origin));
    json_object_object_add(o, "text", json_object_new_string_len(a->text, (int)a->text_len));
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                          JSON_C_TO_STRING_NOSLASHESCAPE);
    int r = sf_cli_json_line(s);
    json_object_put(o);
    return r;
}

static int extract_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i) {
    bool *json = user;
    static const sf_cli_opt opts[] = {{"--format", 0, true, 0}};
    const char *f;
    int r = sf_cli_match(in->prog, opts, 1, argc, argv, i, &f);
    if (r == SF_CLI_OTHER) return 0;
    if (r < 0) return -1;
    if (strcmp(f, "json") == 0) *json = true;
    else if (strcmp(f, "text") == 0) *json = false;
    else {
        sf_cli_error(in->prog, "--format must be text or json, not '%s'", f);
        return -1;
    }
    return 1;
}

int sf_cmd_extract(int argc, char **argv) {
    sf_cli_inputs in = {.prog = "storyfold extract"};
    bool json = false;
    char **paths;
    int npaths;
    int code = sf_cli_parse(&in, argc, argv, help, extract_option, &json, &paths, &npaths);
    if (code >= 0) return code;
    code = SF_EXIT_OK;
    sf_corpus *c = sf_cli_read_all(&in, paths, npaths, &code);
    if (!c) return code;
    size_t n = sf_corpus_count(c);
    for (size_t i = 0; i < n; i++) {
        const sf_article *a = sf_corpus_get(c, i);
        if (json) {
            if (print_json(a) != 0) {
                sf_cli_error(in.prog, "cannot write the output");
                code = SF_EXIT_INPUT;
                break;
            }
            continue;
        }
        if (n > 1) printf("%s==> %s <==\n", i ? "\n" : "", a->origin);
        fwrite(a->text, 1, a->text_len, stdout);
        putchar('\n');
    }
    sf_corpus_destroy(c);
    if (n == 0 && code == SF_EXIT_OK) {
        sf_cli_error(in.prog, "no article text found");
        code = SF_EXIT_INPUT;
    }
    if (in.problems && code == SF_EXIT_OK) code = SF_EXIT_INPUT;
    return code;
}

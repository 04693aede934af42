/* cmd_entities.c - `storyfold entities`: every name mention of every
 * article, one JSON object a line, with byte offsets into the article's
 * text and the entity (within the article) it belongs to. */
#include "cli.h"
#include "cli_args.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void help(FILE *f) {
    fprintf(f,
            "usage: storyfold entities [--format jsonl] PATH...\n"
            "\n"
            "Find the names in each article with the trained name recognizer and\n"
            "print one JSON object per mention:\n"
            "  {\"article\": ID, \"span\": [START, END], \"text\": \"...\",\n"
            "   \"type\": \"person|place|organization|other\", \"entity\": \"CANONICAL\"}\n"
            "START and END are byte offsets into the article's text as read (for\n"
            "JSON Lines input, the UTF-8 bytes of its \"text\" field); \"entity\" is\n"
            "the name the article's mentions of one thing are merged under (a\n"
            "surname joins the one person of that name, aliases and acronyms join\n"
            "their full names).\n"
            "\n"
            "Options:\n"
            "  --format jsonl    output format (only jsonl)\n"
            SF_CLI_INPUT_HELP SF_CLI_READING_HELP);
}

static void put_json_string(const char *s, size_t n) {
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c == '\n') fputs("\\n", stdout);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

static sf_status print_mention(void *user, const sf_name_mention *m) {
    const sf_article *a = user;
    fputs("{\"article\": ", stdout);
    put_json_string(a->id, strlen(a->id));
    printf(", \"span\": [%zu, %zu], \"text\": ", m->begin, m->end);
    put_json_string(m->text, m->end - m->begin);
    printf(", \"type\": \"%s\", \"entity\": ", m->type);
    put_json_string(m->entity, strlen(m->entity));
    fputs("}\n", stdout);
    return ferror(stdout) ? SF_ERR_IO : SF_OK;
}

static int entities_option(void *user, const sf_cli_inputs *in, int argc, char **argv, int *i) {
    (void)user;
    static const sf_cli_opt opts[] = {{"--format", 0, true, 0}};
    const char *v;
    int r = sf_cli_match(in->prog, opts, 1, argc, argv, i, &v);
    if (r == SF_CLI_OTHER) return 0;
    if (r < 0) return -1;
    if (strcmp(v, "jsonl") != 0) {
        sf_cli_error(in->prog, "unknown output format '%s' (jsonl)", v);
        return -1;
    }
    return 1;
}

int sf_cmd_entities(int argc, char **argv) {
    sf_cli_inputs in = {.prog = "storyfold entities"};
    char **paths;
    int npaths;
    int code = sf_cli_parse(&in, argc, argv, help, entities_option, NULL, &paths, &npaths);
    if (code >= 0) return code;
    code = SF_EXIT_OK;
    sf_corpus *c = sf_cli_read_all(&in, paths, npaths, &code);
    if (!c) return code;
    sf_cli_note_long_articles(&in, c);
    sf_status st = SF_OK;
    sf_error err = {0};
    for (size_t a = 0; a < sf_corpus_count(c) && st == SF_OK; a++)
        st = sf_article_names(c, a, print_mention, (void *)(uintptr_t)sf_corpus_get(c, a), &err);
    sf_corpus_destroy(c);
    if (st == SF_OK && (fflush(stdout) != 0 || ferror(stdout))) st = SF_ERR_IO;
    if (st == SF_ERR_IO && !err.message[0]) /* print_mention: a failed write */
        snprintf(err.message, sizeof err.message, "writing standard output: %s",
                 strerror(errno ? errno : EIO));
    return sf_cli_exit_code(&in, st, &err);
}

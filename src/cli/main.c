/* main.c - the storyfold program: dispatches to one command per file. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const sf_cli_command COMMANDS[] = {
    {"run", "read articles, find copies and stories, print summarized stories", sf_cmd_run},
    {"summarize", "summarize all the articles given as one story", sf_cmd_summarize},
    {"sentences", "print each sentence of each article on its own line", sf_cmd_sentences},
    {"dedup", "find copies (exact and near duplicates), one JSON line per group", sf_cmd_dedup},
    {"cluster", "group articles into stories, one JSON line per article", sf_cmd_cluster},
    {"eval", "measure against human judgements (rouge, clusters)", sf_cmd_eval},
    {"extract", "print the main text of web pages and WARC crawls (json: with metadata)",
     sf_cmd_extract},
    {"ingest", "add articles to a store (--db FILE or postgresql://...)", sf_cmd_ingest},
    {"stories", "list a store's stories, newest activity first", sf_cmd_stories},
    {"show", "print one stored story (--history: how it grew)", sf_cmd_show},
    {"search", "search a store's articles, stories and entities", sf_cmd_search},
    {"serve", "serve a store as a web page and a JSON API (HTTP)", sf_cmd_serve},
};

static void usage(FILE *f) {
    fprintf(f,
            "usage: storyfold COMMAND [OPTIONS] PATH...\n"
            "\n"
            "storyfold reads news articles (plain text, JSON Lines, TREC/DUC SGML),\n"
            "finds copies, groups articles that report the same event into stories\n"
            "and writes a short summary of each story that cites its sources.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(f, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(f,
            "\n"
            "Run 'storyfold COMMAND --help' for the options of a command.\n"
            "Exit codes: 0 ok, 1 bad input or failure, 2 usage error.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return SF_EXIT_USAGE;
    }
    if (sf_cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return SF_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("storyfold %s\n", sf_version());
        return SF_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0) return COMMANDS[i].run(argc - 1, argv + 1);
    fprintf(stderr, "storyfold: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return SF_EXIT_USAGE;
}

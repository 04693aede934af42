/* fuzz_pipeline.c - libFuzzer target for the whole pipeline: the bytes are
 * read as JSON Lines, text, SGML or a web page (the first byte chooses), then
 * copies, stories (sf_run and sf_cluster_corpus), summaries, facts and both
 * writers run on what was read; the JSON written must parse back (json-c).
 * The first byte's bit 2 also runs the public sf_dedup_corpus and
 * sf_cluster_corpus on their own (half the inputs: sf_run already runs the
 * same stages, and clustering's fixed cost is most of a small input's time).
 * Inputs over 64 KiB are skipped to keep the runs fast. */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyfold.h"

static void check_json(const sf_result *r, const sf_corpus *c) {
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f) return;
    sf_error err = {0};
    sf_status st = sf_write_json(r, c, f, &err);
    fclose(f);
    if (st == SF_OK) {
        json_tokener *tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
        json_object *o = tok ? json_tokener_parse_ex(tok, buf, (int)n) : NULL;
        if (tok && (!o || json_tokener_get_error(tok) != json_tokener_success)) abort();
        if (strstr(buf, "</")) abort(); /* always written "<\/" */
        json_object_put(o);
        json_tokener_free(tok);
    }
    free(buf);
}

static void check_markdown(const sf_result *r, const sf_corpus *c) {
    FILE *f = fopen("/dev/null", "w");
    if (!f) return;
    sf_error err = {0};
    sf_write_markdown(r, c, f, &err);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const sf_format formats[] = {SF_FORMAT_JSONL, SF_FORMAT_TEXT, SF_FORMAT_SGML,
                                        SF_FORMAT_HTML};
    if (size < 1 || size > 65536) return 0;
    sf_corpus *c = sf_corpus_create();
    if (!c) return 0;
    sf_read_options o = {.format = formats[data[0] % 4]};
    sf_error err = {0};
    sf_read_memory(c, "fuzz", (const char *)data + 1, size - 1, &o, &err);
    size_t n = sf_corpus_count(c);
    if (n) {
        sf_result *r = NULL;
        sf_run_options ro = {0};
        if (sf_run(c, &ro, &r, &err) == SF_OK) {
            check_json(r, c);
            check_markdown(r, c);
            sf_result_destroy(r);
        }
        bool alone = data[0] & 4;
        size_t *dup = alone ? malloc(n * sizeof *dup) : NULL, ns = 0;
        size_t *story = alone ? malloc(n * sizeof *story) : NULL;
        if (dup && story) {
            sf_dedup_corpus(c, NULL, dup, NULL, &err);
            sf_cluster_options co;
            sf_cluster_options_default(&co);
            sf_cluster_corpus(c, &co, story, &ns, &err);
            for (size_t i = 0; i < n; i++)
                if ((dup[i] != SIZE_MAX && dup[i] >= n) || story[i] >= ns) abort();
        }
        free(dup);
        free(story);
    }
    sf_corpus_destroy(c);
    return 0;
}

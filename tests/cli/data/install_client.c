/* A client of the installed library: reads the files named on the command
 * line and prints each story's headline, cited summary, entities and facts.
 * Built by test_install.sh with `pkg-config --cflags --libs storyfold` only. */
#include <stdio.h>
#include <storyfold.h>

int main(int argc, char **argv) {
    sf_corpus *c = sf_corpus_create();
    sf_error err = {0};
    sf_read_options ro = SF_READ_OPTIONS_INIT;
    for (int i = 1; i < argc; i++)
        if (sf_read_path(c, argv[i], &ro, &err) != SF_OK) fprintf(stderr, "%s\n", err.message);
    sf_run_options o = SF_RUN_OPTIONS_INIT;
    sf_result *r = NULL;
    if (!c || sf_run(c, &o, &r, &err) != SF_OK) return fprintf(stderr, "%s\n", err.message), 1;
    printf("storyfold %s (built against %s): %zu stories\n", sf_version(), SF_VERSION_STRING,
           sf_result_story_count(r));
    for (size_t s = 0; s < sf_result_story_count(r); s++) {
        size_t na = 0, n = 0;
        char id[16];
        sf_story_articles(r, s, &na);
        printf("## %s %s (%zu articles)\n", sf_story_id(r, s, id, sizeof id), sf_story_headline(r, s), na);
        for (size_t k = 0; k < sf_story_summary_count(r, s); k++) {
            const size_t *src = NULL;
            const char *text = sf_story_summary_sentence(r, s, k, &src, &n);
            printf("- %s [%zu sources]\n", text, n);
        }
        for (size_t e = 0; e < sf_story_entity_count(r, s); e++) {
            sf_entity_info x = SF_ENTITY_INFO_INIT;
            if (sf_story_entity(r, s, e, &x) == SF_OK)
                printf("entity: %s (%s, %zu mentions, %zu aliases)\n", x.name, x.type, x.mentions, x.naliases);
        }
        for (size_t f = 0; f < sf_story_fact_count(r, s); f++) {
            sf_fact_info x = SF_FACT_INFO_INIT;
            if (sf_story_fact(r, s, f, &x) == SF_OK)
                printf("fact: %s = %s [%s, %zu sources]\n", x.what, x.value, x.status, x.narticles);
        }
    }
    sf_result_destroy(r);
    sf_corpus_destroy(c);
    return 0;
}

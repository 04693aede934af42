/* A client of the installed library: reads the files named on the command
 * line and prints each story's headline and cited summary. Built by
 * test_install.sh with `pkg-config --cflags --libs storyfold` only. */
#include <stdio.h>
#include <storyfold.h>

int main(int argc, char **argv) {
    sf_corpus *c = sf_corpus_create();
    sf_error err = {0};
    sf_read_options ro = {0};
    for (int i = 1; i < argc; i++)
        if (sf_read_path(c, argv[i], &ro, &err) != SF_OK) fprintf(stderr, "%s\n", err.message);
    sf_run_options o = {0};
    sf_result *r = NULL;
    if (!c || sf_run(c, &o, &r, &err) != SF_OK) return fprintf(stderr, "%s\n", err.message), 1;
    printf("storyfold %s (built against %s): %zu stories\n", sf_version(), SF_VERSION_STRING,
           sf_result_story_count(r));
    for (size_t s = 0; s < sf_result_story_count(r); s++) {
        size_t na = 0;
        sf_story_articles(r, s, &na);
        printf("## %s (%zu articles)\n", sf_story_headline(r, s), na);
        for (size_t k = 0; k < sf_story_summary_count(r, s); k++) {
            const size_t *src = NULL;
            size_t n = 0;
            const char *text = sf_story_summary_sentence(r, s, k, &src, &n);
            printf("- %s [%zu sources]\n", text, n);
        }
    }
    sf_result_destroy(r);
    sf_corpus_destroy(c);
    return 0;
}

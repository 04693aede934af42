/* stories.c - the writers' loop over a result's stories. With more than one
 * thread (sf_result.threads) each story's text is built on the threads into
 * its own buffer, a window of stories at a time, and the calling thread
 * writes the window in story order: the bytes are those of one thread, and
 * memory holds one window's text, not the whole result's. */
#include "output.h"

#include <stdlib.h>

/* stories built per thread before the window is written */
#define WINDOW_PER_THREAD 64

typedef struct story_text {
    char *p; /* open_memstream's buffer: released with free() */
    size_t n;
} story_text;

typedef struct window {
    const sf_result *r;
    const sf_corpus *c;
    sf__story_writer write;
    size_t first;
    story_text *text;
} window;

static sf_status build_story(void *user, void *state, size_t i) {
    (void)state;
    window *w = user;
    story_text *t = &w->text[i];
    FILE *m = open_memstream(&t->p, &t->n);
    if (!m) return SF_ERR_NOMEM;
    sf_status st = w->write(w->r, w->c, w->first + i, m);
    /* a memory stream fails only for want of memory */
    if (st == SF_ERR_IO || (ferror(m) && st == SF_OK)) st = SF_ERR_NOMEM;
    if (fclose(m) != 0 && st == SF_OK) st = SF_ERR_NOMEM;
    return st;
}

sf_status sf__write_stories(const sf_result *r, const sf_corpus *c, FILE *f, sf__story_writer write) {
    unsigned nt = r->threads ? r->threads : 1;
    if (nt == 1 || r->nstories < 2) {
        for (size_t s = 0; s < r->nstories; s++) {
            SF_TRY(write(r, c, s, f));
            if (ferror(f)) return SF_ERR_IO;
        }
        return SF_OK;
    }
    size_t cap = (size_t)nt * WINDOW_PER_THREAD;
    story_text *text = sf__calloc(cap, sizeof *text);
    if (!text) return SF_ERR_NOMEM;
    window w = {.r = r, .c = c, .write = write, .text = text};
    sf_pool_job job = {.user = &w, .item = build_story};
    sf_status st = SF_OK;
    for (size_t first = 0; st == SF_OK && first < r->nstories; first += cap) {
        size_t n = SF_MIN(cap, r->nstories - first);
        w.first = first;
        st = sf__pool_run(&job, n, 1, nt, NULL, NULL);
        for (size_t i = 0; i < n; i++) {
            if (st == SF_OK && fwrite(text[i].p, 1, text[i].n, f) != text[i].n) st = SF_ERR_IO;
            free(text[i].p);
            text[i] = (story_text){0};
        }
    }
    sf__free(text);
    return st;
}

/* stories.c - the writers' loop over a result's stories. With more than one
 * thread (sf_result.threads) each story's text is built on the threads into
 * its own buffer and the calling thread writes the texts in story order as
 * they are done, the threads working ahead by at most a window of stories:
 * the bytes are those of one thread, and memory holds one window's text, not
 * the whole result's. */
#include "output.h"

#include <stdlib.h>

/* stories built ahead of the one being written, per thread */
#define WINDOW_PER_THREAD 64

typedef struct story_text {
    char *p; /* open_memstream's buffer: released with free() */
    size_t n;
} story_text;

typedef struct window {
    const sf_result *r;
    const sf_corpus *c;
    sf__story_writer write;
    FILE *out;
    story_text *text; /* a ring: story i in text[i % cap] */
    size_t cap;
} window;

static sf_status build_story(void *user, void *state, size_t i) {
    (void)state;
    window *w = user;
    story_text *t = &w->text[i % w->cap];
    FILE *m = open_memstream(&t->p, &t->n);
    if (!m) return SF_ERR_NOMEM;
    sf_status st = w->write(w->r, w->c, i, m);
    /* a memory stream fails only for want of memory */
    if (st == SF_ERR_IO || (ferror(m) && st == SF_OK)) st = SF_ERR_NOMEM;
    if (fclose(m) != 0 && st == SF_OK) st = SF_ERR_NOMEM;
    return st;
}

static sf_status write_story(void *user, size_t i) {
    window *w = user;
    story_text *t = &w->text[i % w->cap];
    sf_status st = fwrite(t->p, 1, t->n, w->out) == t->n ? SF_OK : SF_ERR_IO;
    free(t->p);
    *t = (story_text){0};
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
    window w = {.r = r, .c = c, .write = write, .out = f, .text = text, .cap = cap};
    sf_pool_job job = {.user = &w, .item = build_story};
    sf_status st = sf__pool_run_ordered(&job, r->nstories, nt, cap, write_story);
    for (size_t i = 0; i < cap; i++) free(text[i].p); /* left by a failure */
    sf__free(text);
    return st;
}

/* stories.c - the writers' loop over a result's stories. With more than one
 * thread (sf_result.threads) each story's text is built on the threads into
 * a buffer of a ring (reused from story to story), and the calling thread
 * writes the texts in story order as they are done, the threads working ahead
 * by at most a window of stories: the bytes are those of one thread, and
 * memory holds one window's text, not the whole result's. */
/* fopencookie (glibc): a stream that appends to a buffer kept from story to
 * story, where open_memstream would grow (and move) a new buffer for each */
#define _GNU_SOURCE
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

/* stories built ahead of the one being written, per thread */
#define WINDOW_PER_THREAD 64
/* a slot's buffer larger than this after a story is given back */
#define SLOT_KEEP ((size_t)1 << 20)

typedef struct story_text {
    sf_buf b; /* the story's bytes; the memory stays for the slot's next story */
} story_text;

typedef struct window {
    const sf_result *r;
    const sf_corpus *c;
    sf__story_writer write;
    FILE *out;
    story_text *text; /* a ring: story i in text[i % cap] */
    size_t cap;
} window;

static ssize_t buf_write(void *cookie, const char *p, size_t n) {
    return sf__buf_add(cookie, p, n) == SF_OK ? (ssize_t)n : -1;
}

static sf_status build_story(void *user, void *state, size_t i) {
    (void)state;
    window *w = user;
    story_text *t = &w->text[i % w->cap];
    sf__buf_reset(&t->b);
    FILE *m = fopencookie(&t->b, "w", (cookie_io_functions_t){.write = buf_write});
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
    sf_status st = !t->b.n || fwrite(t->b.p, 1, t->b.n, w->out) == t->b.n ? SF_OK : SF_ERR_IO;
    if (t->b.cap > SLOT_KEEP) {
        sf__buf_release(&t->b);
        sf__buf_init(&t->b, 0);
    }
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
    for (size_t i = 0; i < cap; i++) sf__buf_init(&text[i].b, 0);
    window w = {.r = r, .c = c, .write = write, .out = f, .text = text, .cap = cap};
    sf_pool_job job = {.user = &w, .item = build_story};
    sf_status st = sf__pool_run_ordered(&job, r->nstories, nt, cap, write_story);
    for (size_t i = 0; i < cap; i++) sf__buf_release(&text[i].b);
    sf__free(text);
    return st;
}

/* dedup_gen.h - a corpus of planted copies for measuring duplicate finding:
 * real articles (DUC 2006) copied with word edits at several rates,
 * truncation, reordered paragraphs, an outlet's boilerplate around the text
 * and a changed headline. Shared by tests/unit/test_dedup.c (accuracy
 * against brute-force truth) and bench/bench_dedup.c (speed); deterministic
 * for a given seed. Header-only: static functions, test and bench code. */
#ifndef SF_DEDUP_GEN_H
#define SF_DEDUP_GEN_H

#include "common/common.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct dg_rng {
    uint64_t s;
} dg_rng;

static inline uint64_t dg_next(dg_rng *r) {
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static inline double dg_unif(dg_rng *r) { return (double)(dg_next(r) >> 11) / 9007199254740992.0; }
static inline size_t dg_below(dg_rng *r, size_t n) { return n ? (size_t)(dg_next(r) % n) : 0; }

/* What is done to one copy. */
typedef struct dg_mut {
    double edit_rate;  /* fraction of words replaced, deleted or inserted */
    double keep;       /* fraction of words kept from the start (1: all) */
    bool reorder;      /* two paragraphs swapped */
    int outlet;        /* boilerplate of outlet 1..8 around the text; 0 none */
    bool new_headline;
} dg_mut;

/* Boilerplate an outlet wraps around wire copy. Invented text. */
static const char *const DG_HEAD[8] = {
    "Published by the Riverside Courier news desk. Sign up for our morning briefing to get the day's top stories delivered to your inbox before breakfast.",
    "From the Harbor City Gazette wire service. This story has been edited for length and clarity by our regional editors.",
    "Northern Valley Times reports. Readers can follow our live coverage and share their views in the comments section below this article.",
    "Lakeshore Daily Record, updated edition. Our journalists rely on wire reports and local sources to bring you the full picture.",
    "Metro Evening Post staff and wire reports. Download our free app for breaking news alerts, weather and traffic updates all day.",
    "Coastal Herald Online. This article is part of our world news section, refreshed several times a day with the latest developments.",
    "The Prairie Sentinel news service brings you this report from international correspondents and partner agencies around the globe.",
    "Hillcrest Tribune Digital. Support independent local journalism: subscribe today and get unlimited access to every story we publish.",
};
static const char *const DG_TAIL[8] = {
    "Copyright Riverside Courier. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.",
    "Have a news tip? Contact the Harbor City Gazette newsroom by phone or email at any hour; we read every message we receive.",
    "More from Northern Valley Times: related stories, photo galleries and video reports are available on our website and social channels.",
    "Lakeshore Daily Record welcomes letters to the editor. Letters must include the writer's full name, address and daytime phone number.",
    "Metro Evening Post. Terms of use and privacy policy apply. Reproduction of this article in any form requires written consent.",
    "Coastal Herald Online: to report an error in this story, please contact our corrections desk with the headline and date.",
    "Prairie Sentinel. Comments are moderated and may take some time to appear. Please keep the discussion civil and on topic.",
    "Hillcrest Tribune Digital subscribers also receive our weekend magazine, crossword puzzles and exclusive newsletters every week.",
};

/* A random mutation profile: the kinds of change the issue asks for, at
 * several strengths, often combined. */
static inline dg_mut dg_random_mut(dg_rng *r) {
    static const double rates[] = {0, 0, 0.01, 0.02, 0.05, 0.10, 0.20, 0.30};
    static const double keeps[] = {0.5, 0.6, 0.7, 0.8, 0.9};
    dg_mut m = {0};
    m.edit_rate = rates[dg_below(r, SF_ARRAY_LEN(rates))];
    m.keep = dg_unif(r) < 0.3 ? keeps[dg_below(r, SF_ARRAY_LEN(keeps))] : 1.0;
    m.reorder = dg_unif(r) < 0.25;
    m.outlet = dg_unif(r) < 0.4 ? 1 + (int)dg_below(r, 8) : 0;
    m.new_headline = dg_unif(r) < 0.5;
    return m;
}

typedef struct dg_word {
    const char *p;
    size_t n;
    bool para; /* a paragraph break comes before this word */
} dg_word;
typedef SF_VEC(dg_word) dg_wordvec;

/* Split into whitespace-separated words, marking paragraph starts (a blank
 * line, or a line starting with white space as in DUC's <P> blocks). */
static inline sf_status dg_words(const char *t, size_t n, dg_wordvec *out) {
    out->n = 0;
    size_t i = 0;
    bool para = false;
    while (i < n) {
        size_t nl = 0;
        while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) {
            if (t[i] == '\n') nl++;
            i++;
        }
        if (nl >= 2) para = true;
        if (i >= n) break;
        size_t b = i;
        while (i < n && !(t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
        dg_word w = {t + b, i - b, para && out->n > 0};
        para = false;
        if (SF_VEC_PUSH(out, w) != SF_OK) return SF_ERR_NOMEM;
    }
    return SF_OK;
}

/* Write a mutated copy of text[0..n) into `out` (reset first). `donor` gives
 * replacement words (another article's text). */
static inline sf_status dg_mutate(const char *text, size_t n, const char *donor, size_t dn,
                                  const dg_mut *m, dg_rng *r, sf_buf *out) {
    dg_wordvec w = {0}, dw = {0};
    sf__buf_reset(out);
    if (dg_words(text, n, &w) != SF_OK || dg_words(donor, dn, &dw) != SF_OK) {
        SF_VEC_FREE(&w);
        SF_VEC_FREE(&dw);
        return SF_ERR_NOMEM;
    }
    /* paragraph boundaries, for reordering */
    size_t nw = w.n;
    size_t *order = calloc(nw + 1, sizeof *order);
    size_t no = 0;
    if (!order && nw) {
        SF_VEC_FREE(&w);
        SF_VEC_FREE(&dw);
        return SF_ERR_NOMEM;
    }
    for (size_t i = 0; i < nw; i++) order[no++] = i;
    if (m->reorder) {
        size_t starts[512], ns = 0;
        for (size_t i = 0; i < nw && ns < 512; i++)
            if (i == 0 || w.items[i].para) starts[ns++] = i;
        if (ns >= 2) {
            size_t a = dg_below(r, ns), b = dg_below(r, ns - 1);
            if (b >= a) b++;
            if (a > b) { size_t t = a; a = b; b = t; }
            /* swap paragraphs a and b: rebuild the order */
            size_t ae = a + 1 < ns ? starts[a + 1] : nw, be = b + 1 < ns ? starts[b + 1] : nw;
            no = 0;
            for (size_t i = 0; i < starts[a]; i++) order[no++] = i;
            for (size_t i = starts[b]; i < be; i++) order[no++] = i;
            for (size_t i = ae; i < starts[b]; i++) order[no++] = i;
            for (size_t i = starts[a]; i < ae; i++) order[no++] = i;
            for (size_t i = be; i < nw; i++) order[no++] = i;
        }
    }
    size_t keep = m->keep >= 1 ? no : (size_t)((double)no * m->keep);
    if (m->outlet) {
        sf__buf_adds(out, DG_HEAD[m->outlet - 1]);
        sf__buf_adds(out, "\n\n");
    }
    for (size_t k = 0; k < keep; k++) {
        const dg_word *x = &w.items[order[k]];
        if (k && x->para) sf__buf_adds(out, "\n\n");
        else if (k) sf__buf_addc(out, ' ');
        double u = m->edit_rate > 0 ? dg_unif(r) : 1;
        if (u < m->edit_rate && dw.n) {
            const dg_word *d = &dw.items[dg_below(r, dw.n)];
            double op = dg_unif(r);
            if (op < 0.5) { /* replace */
                sf__buf_add(out, d->p, d->n);
            } else if (op < 0.75) { /* delete */
                continue;
            } else { /* insert before */
                sf__buf_add(out, d->p, d->n);
                sf__buf_addc(out, ' ');
                sf__buf_add(out, x->p, x->n);
            }
        } else {
            sf__buf_add(out, x->p, x->n);
        }
    }
    if (m->outlet) {
        sf__buf_adds(out, "\n\n");
        sf__buf_adds(out, DG_TAIL[m->outlet - 1]);
    }
    free(order);
    SF_VEC_FREE(&w);
    SF_VEC_FREE(&dw);
    return sf__buf_status(out);
}

/* Add to `dst` a copy of article `a` (text `text`) mutated by m, with id
 * "<id>#copy<k>" and a date within three days after the source. */
static inline sf_status dg_add_copy(sf_corpus *dst, const sf_article *a, const sf_article *donor,
                                    const dg_mut *m, size_t k, dg_rng *r, sf_buf *scratch,
                                    sf_error *err) {
    SF_TRY(dg_mutate(a->text, a->text_len, donor->text, donor->text_len, m, r, scratch));
    char id[256], title[512];
    snprintf(id, sizeof id, "%s#copy%zu", a->id, k);
    if (m->new_headline)
        snprintf(title, sizeof title, "Update: %.400s (%zu)", a->title, k);
    else
        snprintf(title, sizeof title, "%.500s", a->title);
    sf_article c = *a;
    c.id = id;
    c.title = title;
    c.text = sf__buf_cstr(scratch);
    c.text_len = scratch->n;
    if (a->published != SF_TIME_UNKNOWN)
        c.published = a->published + 60 + (int64_t)dg_below(r, 3 * 86400);
    return sf_corpus_add(dst, &c, err);
}

/* Read the DUC 2006 articles (SGML, via the readers) from
 * $SF_SHARED_DIR/data/duc2006/docs. NULL with *why set when absent. */
static inline sf_corpus *dg_load_duc(const char **why) {
    static char path[4096];
    const char *shared = getenv("SF_SHARED_DIR");
    if (!shared || !*shared) {
        *why = "SF_SHARED_DIR is not set (it points at ../shared with data/duc2006/docs)";
        return NULL;
    }
    snprintf(path, sizeof path, "%s/data/duc2006/docs", shared);
    FILE *f = NULL;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/D0601A/APW19990707.0181", path);
    if (!(f = fopen(probe, "rb"))) {
        *why = "DUC 2006 articles not found under $SF_SHARED_DIR/data/duc2006/docs";
        return NULL;
    }
    fclose(f);
    sf_corpus *c = sf_corpus_create();
    sf_read_options o = {.format = SF_FORMAT_SGML};
    sf_error err = {0};
    if (!c || sf_read_path(c, path, &o, &err) != SF_OK || sf_corpus_count(c) == 0) {
        sf_corpus_destroy(c);
        *why = "reading the DUC 2006 articles failed";
        return NULL;
    }
    return c;
}

#endif

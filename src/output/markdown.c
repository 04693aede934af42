/* markdown.c - the human-readable form of a result: one section per story,
 * the summary with numbered citations, then the articles and their copies. */
#include "output.h"
#include "facts_out.h"

#include <errno.h>
#include <strings.h>

/* Position of corpus article i in story st's article list (1-based). */
static size_t ref_number(const sf_story *st, size_t i) {
    for (size_t k = 0; k < st->n; k++)
        if (st->articles[k] == i) return k + 1;
    return 0;
}

/* Markdown treats some characters specially; a title with "*" or "[" must
 * stay literal, and text from input (titles, ids, outlets, summaries) stays
 * on its line: a line break or other control character becomes a space, so
 * no input makes a heading ("#", "==="), a list item, a link or a raw tag. */
static void md_text_n(FILE *f, const char *s, size_t n) {
    for (size_t i = 0; i < n && s[i]; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
            fputc(' ', f);
            continue;
        }
        if (strchr("\\`*_[]#|<>", s[i])) fputc('\\', f);
        fputc(s[i], f);
    }
}

static void md_text(FILE *f, const char *s) { md_text_n(f, s, strlen(s)); }

/* Story s: its heading, summary, facts, related stories and sources. */
static sf_status write_story(const sf_result *r, const sf_corpus *c, size_t s, FILE *f) {
    const sf_story *st = &r->stories[s];
    fprintf(f, "\n## %zu. ", s + 1);
    md_text(f, st->headline);
    fprintf(f, "\n\n");
    for (size_t k = 0; k < st->summary.n; k++) {
        fputs("- ", f);
        md_text(f, st->texts[k]);
        fputs(" [", f);
        for (size_t j = 0; j < st->summary.sentences[k].nsources; j++)
            fprintf(f, "%s%zu", j ? "," : "", ref_number(st, st->summary.sentences[k].sources[j]));
        fputs("]\n", f);
    }
    sf__facts_to_markdown(f, c, &st->facts);
    /* related stories of the same storyline, and the names they share */
    for (size_t k = 0; r->lines.nrelated && s < r->lines.nstories && k < r->lines.nrelated[s]; k++) {
        const sf_story_link *l = &r->lines.related[s][k];
        fprintf(f, "%sstory %zu (", k ? ", " : "\nRelated: ", l->story + 1);
        for (size_t q = 0; q < l->nnames; q++) {
            if (q) fputs(", ", f);
            md_text(f, l->names[q]);
        }
        fputc(')', f);
        if (k + 1 == r->lines.nrelated[s]) fputc('\n', f);
    }
    fprintf(f, "\nSources:\n");
    for (size_t k = 0; k < st->n; k++) {
        size_t i = st->articles[k];
        const sf_article *a = sf_corpus_get(c, i);
        fprintf(f, "%zu. ", k + 1);
        /* "Title (id, outlet, by author, day time)"; without a title the
         * id leads: "id (outlet, ...)". Every part is escaped: ids,
         * outlets and authors come from the input. */
        if (a->title[0]) {
            md_text(f, a->title);
            fputs(" (", f);
            md_text(f, a->id);
        } else {
            md_text(f, a->id);
            fputs(" (", f);
        }
        bool first = !a->title[0];
        /* the outlet is always given, or said to be unknown (with the
         * time when that is unknown too): a reader should not have to
         * guess whether it was left out */
        if (a->source[0]) fputs(first ? "" : ", ", f), md_text(f, a->source);
        else fputs(first ? "" : ", ", f), fputs(a->published == SF_TIME_UNKNOWN ? "outlet and time unknown" : "outlet unknown", f);
        /* an author line that only repeats the outlet ("by BBC News",
         * "by Rob Picheta, CNN") names the outlet once */
        size_t al = a->author ? strlen(a->author) : 0, sl = strlen(a->source);
        if (sl && al >= sl && strcasecmp(a->author + al - sl, a->source) == 0) {
            size_t cut = al - sl;
            while (cut > 0 && (a->author[cut - 1] == ' ' || a->author[cut - 1] == ',')) cut--;
            al = cut == al - sl && cut ? al : cut; /* only at a word boundary */
        }
        if (al) fputs(", by ", f), md_text_n(f, a->author, al);
        if (a->published != SF_TIME_UNKNOWN) {
            char buf[32];
            sf__format_iso8601(a->published, buf);
            /* the day, and the time when the source gave one */
            buf[strcmp(buf + 10, "T00:00:00Z") == 0 ? 10 : 16] = '\0';
            if (buf[10]) buf[10] = ' ';
            fprintf(f, ", %s", buf);
        }
        fputc(')', f);
        if (r->dup_of[i] != SIZE_MAX)
            fprintf(f, " - copy of %zu (similarity %.2f)", ref_number(st, r->dup_of[i]), r->dup_sim[i]);
        fputc('\n', f);
    }
    return ferror(f) ? SF_ERR_IO : SF_OK;
}

sf_status sf_write_markdown(const sf_result *r, const sf_corpus *c, FILE *f, sf_error *err) {
    if (!r || !c || !f) return sf__error_set(err, SF_ERR_ARG, "sf_write_markdown: NULL argument");
    size_t ncopies = 0;
    for (size_t i = 0; i < r->narticles; i++) ncopies += r->dup_of[i] != SIZE_MAX;
    fprintf(f, "# %zu stories from %zu articles (%zu copies)\n", r->nstories, r->narticles, ncopies);
    sf_status st = ferror(f) ? SF_ERR_IO : sf__write_stories(r, c, f, write_story);
    if (st == SF_ERR_NOMEM) return sf__error_set(err, SF_ERR_NOMEM, "out of memory writing Markdown");
    if (ferror(f)) return sf__error_set(err, SF_ERR_IO, "writing Markdown: %s", strerror(errno));
    return SF_OK;
}

/* facts_md.c - a story's entities, facts and quotes as short Markdown
 * tables: only what helps a reader (entities with other names or several
 * sources, facts sources share or dispute, a few single-source ones). */
#include "facts_out.h"

#include <math.h>

#define MD_ENTITIES 12
#define MD_SINGLE_FACTS 5
#define MD_QUOTES 8
#define MD_QUOTE_BYTES 160

static void cell(FILE *f, const char *s, size_t max) {
    size_t n = 0;
    for (; *s && n < max; s++, n++) {
        if (*s == '\n' || *s == '\r' || *s == '\t') {
            fputc(' ', f);
            continue;
        }
        if (strchr("\\`*_[]#|<>", *s)) fputc('\\', f);
        fputc(*s, f);
    }
    if (*s) {
        /* do not cut inside a UTF-8 sequence */
        while (*s && ((unsigned char)*s & 0xC0) == 0x80) fputc(*s++, f);
        fputs("...", f);
    }
}

static size_t ref(const sf_story_facts *st, size_t art) {
    for (size_t k = 0; k < st->narticles; k++)
        if (st->articles[k] == art) return k + 1;
    return 0;
}

static void refs_of_fact(FILE *f, const sf_story_facts *st, const sf_fact *x) {
    size_t shown[64], n = 0;
    fputc('[', f);
    for (size_t k = 0; k < x->nmentions && n < 64; k++) {
        size_t r = ref(st, x->mentions[k].article);
        bool seen = false;
        for (size_t j = 0; j < n; j++) seen |= shown[j] == r;
        if (seen) continue;
        fprintf(f, "%s%zu", n ? "," : "", r);
        shown[n++] = r;
    }
    fputc(']', f);
}

void sf__facts_to_markdown(FILE *f, const sf_corpus *c, const sf_story_facts *st) {
    (void)c;
    if (!st) return;
    size_t shown = 0;
    for (size_t i = 0; i < st->nentities && shown < MD_ENTITIES; i++) {
        const sf_entity *e = &st->entities[i];
        if (e->naliases == 0 && e->narticles < 2) continue;
        if (shown++ == 0) fputs("\n| Entity | Type | Also written | Sources |\n|---|---|---|---|\n", f);
        fputs("| ", f);
        cell(f, e->name, 80);
        fprintf(f, " | %s | ", sf__entity_type_name(e->type));
        for (size_t k = 0; k < e->naliases && k < 6; k++) {
            if (k) fputs(", ", f);
            cell(f, e->aliases[k].name, 60);
            if (e->aliases[k].variant) fputs(" (variant)", f);
        }
        fputs(" | [", f);
        for (size_t k = 0; k < e->narticles; k++) fprintf(f, "%s%zu", k ? "," : "", ref(st, e->articles[k]));
        fputs("] |\n", f);
    }
    size_t singles = 0;
    shown = 0;
    for (size_t i = 0; i < st->nfacts; i++) {
        const sf_fact *x = &st->facts[i];
        if (x->status == SF_FACT_SINGLE && (x->kind == SF_FACT_DATE || singles++ >= MD_SINGLE_FACTS)) continue;
        if (shown++ == 0) fputs("\n| Fact | Values | Status | Sources |\n|---|---|---|---|\n", f);
        fputs("| ", f);
        cell(f, x->what, 80);
        fputs(" | ", f);
        for (size_t k = 0; k < x->nmentions && k < 4; k++) {
            if (k) fputs("; ", f);
            cell(f, x->mentions[k].text, 40);
        }
        if (x->kind == SF_FACT_QUANTITY && isfinite(x->normalized))
            fprintf(f, " (= %.6g %s)", x->normalized, x->base);
        fprintf(f, " | %s | ", sf__fact_status_name(x->status));
        refs_of_fact(f, st, x);
        fputs(" |\n", f);
    }
    shown = 0;
    for (size_t i = 0; i < st->nquotes && shown < MD_QUOTES; i++) {
        const sf_quote *q = &st->quotes[i];
        if (!q->direct) continue;
        if (shown++ == 0) fputs("\n| Speaker | Quote | Source |\n|---|---|---|\n", f);
        fputs("| ", f);
        cell(f, q->speaker, 60);
        fputs(" | \"", f);
        cell(f, q->text, MD_QUOTE_BYTES);
        fprintf(f, "\" | [%zu] |\n", ref(st, q->article));
    }
}

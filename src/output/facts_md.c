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

/* One value in a unit chosen for it: the largest of `units` (descending)
 * that keeps it at least 1. */
typedef struct unit_step {
    double size;
    const char *one, *many;
} unit_step;

static void with_thousands(char *buf, size_t n, double v) {
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t len = strlen(digits), o = 0;
    if (v < 0 && o + 1 < n) buf[o++] = '-';
    for (size_t i = 0; i < len && o + 1 < n; i++) {
        if (i && (len - i) % 3 == 0 && o + 1 < n) buf[o++] = ',';
        if (o + 1 < n) buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

static void in_steps(char *buf, size_t n, double v, const unit_step *u, size_t nu) {
    size_t k = 0;
    while (k + 1 < nu && fabs(v) < u[k].size) k++;
    double x = v / u[k].size;
    char num[64];
    if (fabs(x - round(x)) < 0.005 * fabs(x) && fabs(x) >= 1000) with_thousands(num, sizeof num, round(x));
    else if (fabs(x - round(x)) < 0.005 * SF_MAX(fabs(x), 1.0)) snprintf(num, sizeof num, "%.0f", round(x));
    else snprintf(num, sizeof num, "%.3g", x);
    snprintf(buf, n, "%s %s", num, strcmp(num, "1") == 0 ? u[k].one : u[k].many);
}

static void readable_value(char *buf, size_t n, double v, const char *base) {
    static const unit_step DURATION[] = {{31557600, "year", "years"}, {2629800, "month", "months"},
                                         {604800, "week", "weeks"},    {86400, "day", "days"},
                                         {3600, "hour", "hours"},      {60, "minute", "minutes"},
                                         {1, "second", "seconds"}};
    static const unit_step LENGTH[] = {{1000, "km", "km"}, {1, "m", "m"}, {0.01, "cm", "cm"}};
    static const unit_step AREA[] = {{1e6, "km2", "km2"}, {1, "m2", "m2"}};
    if (strcmp(base, "s") == 0) in_steps(buf, n, v, DURATION, SF_ARRAY_LEN(DURATION));
    else if (strcmp(base, "m") == 0) in_steps(buf, n, v, LENGTH, SF_ARRAY_LEN(LENGTH));
    else if (strcmp(base, "m2") == 0) in_steps(buf, n, v, AREA, SF_ARRAY_LEN(AREA));
    else {
        char num[64];
        if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15) with_thousands(num, sizeof num, v);
        else snprintf(num, sizeof num, "%.4g", v);
        if (strcmp(base, "count") == 0) snprintf(buf, n, "%s", num);
        else if (strcmp(base, "%") == 0) snprintf(buf, n, "%s%%", num);
        else snprintf(buf, n, "%s %s", num, base);
    }
}

void sf__fact_readable(const sf_fact *x, char *buf, size_t n) {
    buf[0] = '\0';
    if (x->kind != SF_FACT_QUANTITY || !x->base) return;
    double lo = x->low, hi = x->high;
    /* values within rounding of each other ("248", "247") meet with the
     * higher low first: the range reads low to high */
    if (lo > hi) {
        double t = lo;
        lo = hi, hi = t;
    }
    if (isfinite(lo) && isfinite(hi) && lo != hi) {
        /* the range all sources allow */
        char a[96], b[96];
        readable_value(a, sizeof a, lo, x->base);
        readable_value(b, sizeof b, hi, x->base);
        if (lo == 0) snprintf(buf, n, "up to %s", b);
        else snprintf(buf, n, "%s to %s", a, b);
    } else if (isfinite(lo) && hi == INFINITY) {
        /* "more than 500": a bound, not the number (at least covers both
         * "more than" and "at least") */
        char a[96];
        readable_value(a, sizeof a, lo, x->base);
        snprintf(buf, n, "at least %s", a);
    } else if (isfinite(hi) && lo == -INFINITY) {
        char b[96];
        readable_value(b, sizeof b, hi, x->base);
        snprintf(buf, n, "at most %s", b);
    } else if (isfinite(lo) && lo == hi) {
        /* the one value all sources allow ("over 300" and "5,000": 5,000) */
        readable_value(buf, n, lo, x->base);
    } else if (isfinite(x->normalized)) {
        readable_value(buf, n, x->normalized, x->base);
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

static bool same_quote(const sf_quote *a, const sf_quote *b) {
    if (a->direct != b->direct || (a->speaker == NULL) != (b->speaker == NULL)) return false;
    return (!a->speaker || strcmp(a->speaker, b->speaker) == 0) && strcmp(a->text, b->text) == 0;
}

/* Is alias k of e the possessive of its name or of another alias ("Justice
 * Department's", "Clinton’s")? A reader learns nothing from it: the table
 * leaves it out (the JSON keeps every form). */
static bool possessive_form(const sf_entity *e, size_t k) {
    const char *a = e->aliases[k].name;
    size_t n = strlen(a), stem;
    if (n > 2 && strcmp(a + n - 2, "'s") == 0) stem = n - 2;
    else if (n > 4 && strcmp(a + n - 4, "\xE2\x80\x99s") == 0) stem = n - 4;
    else return false;
    if (strlen(e->name) == stem && strncmp(e->name, a, stem) == 0) return true;
    for (size_t j = 0; j < e->naliases; j++)
        if (j != k && strlen(e->aliases[j].name) == stem && strncmp(e->aliases[j].name, a, stem) == 0) return true;
    return false;
}

void sf__facts_to_markdown(FILE *f, const sf_corpus *c, const sf_story_facts *st) {
    (void)c;
    if (!st) return;
    size_t shown = 0;
    for (size_t i = 0; i < st->nentities && shown < MD_ENTITIES; i++) {
        const sf_entity *e = &st->entities[i];
        size_t other_forms = 0;
        for (size_t k = 0; k < e->naliases; k++) other_forms += !possessive_form(e, k);
        if (other_forms == 0 && e->narticles < 2) continue;
        if (shown++ == 0) fputs("\n| Entity | Type | Also written | Sources |\n|---|---|---|---|\n", f);
        fputs("| ", f);
        cell(f, e->name, 80);
        fprintf(f, " | %s | ", sf__entity_type_name(e->type));
        for (size_t k = 0, w = 0; k < e->naliases && w < 6; k++) {
            if (possessive_form(e, k)) continue;
            if (w++) fputs(", ", f);
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
        /* another time's value (a 1988 toll) is not this story's fact */
        if (x->time) continue;
        if (x->status == SF_FACT_SINGLE && (x->kind == SF_FACT_DATE || singles++ >= MD_SINGLE_FACTS)) continue;
        if (shown++ == 0) fputs("\n| Fact | Values | Status | Sources |\n|---|---|---|---|\n", f);
        fputs("| ", f);
        cell(f, x->what, 80);
        fputs(" | ", f);
        bool sides = x->status == SF_FACT_CONFLICT || x->status == SF_FACT_UPDATE;
        /* agreeing sources that word it alike are one value ("nearly 800",
         * not four times over); the Sources column names them all */
        for (size_t k = 0, listed = 0; k < x->nmentions && listed < (sides ? 6u : 4u); k++) {
            bool again = false;
            for (size_t j = 0; !sides && j < k && !again; j++)
                again = strcmp(x->mentions[j].text, x->mentions[k].text) == 0;
            if (again) continue;
            if (listed++) fputs(x->status == SF_FACT_UPDATE ? ", then " : "; ", f);
            cell(f, x->mentions[k].text, 40);
            /* a conflict or update says which source gives which value */
            if (sides) fprintf(f, " [%zu]", ref(st, x->mentions[k].article));
        }
        char readable[200];
        sf__fact_readable(x, readable, sizeof readable);
        if (readable[0] && !sides) {
            fputs(" (= ", f);
            cell(f, readable, sizeof readable);
            fputc(')', f);
        }
        fprintf(f, " | %s | ", sf__fact_status_name(x->status));
        refs_of_fact(f, st, x);
        fputs(" |\n", f);
    }
    shown = 0;
    for (size_t i = 0; i < st->nquotes && shown < MD_QUOTES; i++) {
        const sf_quote *q = &st->quotes[i];
        if (!q->direct) continue;
        /* the same words of the same speaker (a page that repeats its pull
         * quote, a wire copy) are one row that cites every source */
        size_t j = 0;
        while (j < i && !same_quote(&st->quotes[j], q)) j++;
        if (j < i) continue;
        if (shown++ == 0) fputs("\n| Speaker | Quote | Source |\n|---|---|---|\n", f);
        fputs("| ", f);
        cell(f, q->speaker ? q->speaker : "(unknown)", 60);
        fputs(" | \"", f);
        cell(f, q->text, MD_QUOTE_BYTES);
        fputs("\" | [", f);
        size_t refs[16], nrefs = 0;
        for (size_t k = i; k < st->nquotes && nrefs < 16; k++) {
            if (k != i && !same_quote(&st->quotes[k], q)) continue;
            size_t r = ref(st, st->quotes[k].article), x = 0;
            while (x < nrefs && refs[x] != r) x++;
            if (x == nrefs) fprintf(f, "%s%zu", nrefs ? "," : "", r), refs[nrefs++] = r;
        }
        fputs("] |\n", f);
    }
}

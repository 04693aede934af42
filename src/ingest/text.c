/* text.c - plain-text articles: the first non-empty line is the title, the
 * rest (trimmed of surrounding white space, otherwise as written) is the text;
 * the id is the file name without directory and extension. A first line that
 * reads as a long sentence (a full stop at the end, 12 words or more) is not
 * taken for a title: in text scraped from pages it is a photo caption or a
 * standfirst, and headlines are short and rarely end with a full stop. It
 * stays out of the text as a title line would. Cleaning, such as dropping a
 * trailing "source:" line, is a later stage. */
#include "ingest.h"

static bool sentence_like(sf_view line) {
    size_t n = line.n;
    while (n > 0 && (line.p[n - 1] == '"' || line.p[n - 1] == '\'' || line.p[n - 1] == ')')) n--;
    if (n == 0 || line.p[n - 1] != '.') return false;
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        if (line.p[i] != ' ' && line.p[i] != '\t' && (i == 0 || line.p[i - 1] == ' ' || line.p[i - 1] == '\t'))
            words++;
    return words >= 12;
}

/* "dir/APW1.txt" -> "APW1"; "<stdin>" and "-" -> "stdin". */
static sf_view id_of(const char *name) {
    if (strcmp(name, "-") == 0 || strcmp(name, "<stdin>") == 0) return SF_VIEW_LIT("stdin");
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return sf__view(base, n);
}

sf_status sf__read_text(sf_reader_ctx *ctx, const char *data, size_t n) {
    sf_cur c;
    sf__cur_init(&c, data, n);
    sf_view line, title = {0};
    size_t title_line = 0;
    for (size_t at = c.line; sf__cur_line(&c, &line); at = c.line) {
        title = sf__view_trim(line);
        if (title.n) {
            title_line = at;
            break;
        }
    }
    if (!title.n) return sf__reader_diag(ctx, SF_ERR_EMPTY, 0, 1, "no text");
    sf_view text = sf__view_trim(sf__view(c.p, sf__cur_left(&c)));
    if (!text.n)
        return sf__reader_diag(ctx, SF_ERR_PARSE, title_line, 1,
                               "only a title line, no text after it");
    sf_rec r = {0};
    r.id = id_of(ctx->name);
    r.title = sentence_like(title) ? sf__view("", 0) : title;
    r.text = text;
    r.published = SF_TIME_UNKNOWN;
    return sf__reader_add(ctx, &r, 0);
}

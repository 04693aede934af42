/* json.c - the JSON form of a result, built with json-c so that escaping and
 * number formatting are a library's job. Schema: docs/json-output.md. */
#include "output.h"
#include "facts_out.h"
#include "../ingest/ingest.h" /* sf__article_lang */

#include <errno.h>
#include <json-c/json.h>

static json_object *str_or_null(const char *s) { return s && s[0] ? json_object_new_string(s) : NULL; }

static json_object *time_or_null(int64_t t) {
    if (t == SF_TIME_UNKNOWN) return NULL;
    char buf[32];
    sf__format_iso8601(t, buf);
    return json_object_new_string(buf);
}

static json_object *story_json(const sf_result *r, const sf_corpus *c, size_t s) {
    const sf_story *st = &r->stories[s];
    json_object *o = json_object_new_object();
    char id[32];
    snprintf(id, sizeof id, "s%zu", s + 1);
    json_object_object_add(o, "id", json_object_new_string(id));
    json_object_object_add(o, "headline", json_object_new_string(st->headline));
    json_object *sum = json_object_new_array();
    for (size_t k = 0; k < st->summary.n; k++) {
        json_object *sent = json_object_new_object();
        json_object_object_add(sent, "text", json_object_new_string(st->texts[k]));
        json_object *src = json_object_new_array();
        for (size_t j = 0; j < st->summary.sentences[k].nsources; j++)
            json_object_array_add(src, json_object_new_string(sf_corpus_get(c, st->summary.sentences[k].sources[j])->id));
        json_object_object_add(sent, "sources", src);
        json_object_array_add(sum, sent);
    }
    json_object_object_add(o, "summary", sum);
    json_object *arts = json_object_new_array();
    for (size_t k = 0; k < st->n; k++) {
        size_t i = st->articles[k];
        const sf_article *a = sf_corpus_get(c, i);
        json_object *ao = json_object_new_object();
        json_object_object_add(ao, "id", json_object_new_string(a->id));
        json_object_object_add(ao, "title", json_object_new_string(a->title));
        json_object_object_add(ao, "source", str_or_null(a->source));
        json_object_object_add(ao, "author", str_or_null(a->author));
        char al[SF__LANG_MAX]; /* as the entity stage read it (facts/story.c) */
        json_object_object_add(ao, "lang", json_object_new_string(sf__article_lang(a, r->lang, al)));
        json_object_object_add(ao, "url", str_or_null(a->url));
        json_object_object_add(ao, "published", time_or_null(a->published));
        json_object_object_add(ao, "duplicate_of",
                               r->dup_of[i] == SIZE_MAX ? NULL : json_object_new_string(sf_corpus_get(c, r->dup_of[i])->id));
        if (r->dup_of[i] != SIZE_MAX)
            json_object_object_add(ao, "duplicate_similarity", json_object_new_double(r->dup_sim[i]));
        json_object_array_add(arts, ao);
    }
    json_object_object_add(o, "articles", arts);
    /* storyline and related stories, with the names they share */
    if (r->lines.storyline_of && s < r->lines.nstories) {
        snprintf(id, sizeof id, "l%zu", r->lines.storyline_of[s] + 1);
        json_object_object_add(o, "storyline", json_object_new_string(id));
        json_object *rel = json_object_new_array();
        for (size_t k = 0; k < r->lines.nrelated[s]; k++) {
            const sf_story_link *l = &r->lines.related[s][k];
            json_object *lo = json_object_new_object(), *names = json_object_new_array();
            snprintf(id, sizeof id, "s%zu", l->story + 1);
            json_object_object_add(lo, "story", json_object_new_string(id));
            for (size_t q = 0; q < l->nnames; q++) json_object_array_add(names, json_object_new_string(l->names[q]));
            json_object_object_add(lo, "names", names);
            json_object_array_add(rel, lo);
        }
        json_object_object_add(o, "related", rel);
    }
    /* entities, facts and quotes */
    json_object *fx = sf__facts_to_json(c, &st->facts);
    if (fx) {
        json_object_object_foreach(fx, k, v) json_object_object_add(o, k, json_object_get(v));
        json_object_put(fx);
    }
    return o;
}

int sf__json_fputs(const char *text, FILE *f) {
    /* "</" occurs in JSON text only inside strings, where "<\/" means the
     * same: written so, the JSON is safe inside an HTML <script> element */
    for (const char *p = text; *p;) {
        const char *q = strstr(p, "</");
        size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
        if (fwrite(p, 1, n, f) != n) return -1;
        if (!q) break;
        if (fputc('\\', f) == EOF) return -1;
        p = q + 1;
    }
    return 0;
}

/* Writes text with "</" as "<\/" and every newline followed by `indent`
 * spaces (newlines occur only between tokens: json-c escapes them in
 * strings). */
static int put_indented(const char *p, int indent, FILE *f) {
    static const char spaces[] = "\n                ";
    if (indent < 0 || (size_t)indent + 1 >= sizeof spaces) return -1;
    for (;;) {
        size_t n = strcspn(p, "\n<");
        if (fwrite(p, 1, n, f) != n) return -1;
        p += n;
        if (!*p) return 0;
        if (*p == '\n' ? fwrite(spaces, 1, (size_t)indent + 1, f) != (size_t)indent + 1
                       : fputs(p[1] == '/' ? "<\\" : "<", f) < 0) /* "</" -> "<\/" */
            return -1;
        p++;
    }
}

#define JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Story s as an element of the "stories" array: the bytes json-c writes for
 * the whole tree, as a story at depth 2 of the pretty form is its own
 * pretty form with every line indented by 4 spaces. */
static sf_status write_story(const sf_result *r, const sf_corpus *c, size_t s, FILE *f) {
    json_object *o = story_json(r, c, s);
    const char *text = o ? json_object_to_json_string_ext(o, JSON_FLAGS) : NULL;
    sf_status st = !text ? SF_ERR_NOMEM
                   : fputs(s ? ",\n    " : "    ", f) < 0 || put_indented(text, 4, f) < 0 ? SF_ERR_IO
                                                                                          : SF_OK;
    json_object_put(o);
    return st;
}

/* Story by story (sf__write_stories): each story's tree is built, written
 * and freed before the next, so memory holds the trees of the stories in
 * hand, not the whole result's (a million articles: the whole tree and its
 * text took over 1 GB). */
sf_status sf_write_json(const sf_result *r, const sf_corpus *c, FILE *f, sf_error *err) {
    if (!r || !c || !f) return sf__error_set(err, SF_ERR_ARG, "sf_write_json: NULL argument");
    if (fputs(r->nstories ? "{\n  \"stories\": [\n" : "{\n  \"stories\": [\n  ]\n}\n", f) < 0)
        return sf__error_set(err, SF_ERR_IO, "writing JSON: %s", strerror(errno));
    sf_status st = sf__write_stories(r, c, f, write_story);
    if (st == SF_ERR_NOMEM) return sf__error_set(err, SF_ERR_NOMEM, "out of memory writing JSON");
    if (st == SF_OK && r->nstories && fputs("\n  ]\n}\n", f) < 0) st = SF_ERR_IO;
    if (st != SF_OK) return sf__error_set(err, SF_ERR_IO, "writing JSON: %s", strerror(errno));
    return SF_OK;
}

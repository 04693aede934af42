/* exteval.c - scoring main-text extraction on trafilatura's evaluation set
 * (evaldata.json: page URL -> file, snippets `with` and `without`), counted
 * exactly as trafilatura counts: white-space-normalized substring matching,
 * one true/false positive or negative per snippet. */
#include "html.h"

#include "../text/text.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <time.h>

/* Python's str.isspace for the code points \s matches. */
static bool uspace(int32_t c) {
    return (c >= 9 && c <= 13) || c == ' ' || (c >= 0x1C && c <= 0x1F) || c == 0x85 ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

sf_status sf__norm_space(const char *s, size_t n, sf_buf *out) {
    size_t i = 0;
    bool sp = false;
    while (i < n) {
        size_t at = i;
        int32_t c = sf__utf8_next(s, n, &i);
        if (uspace(c)) {
            sp = true;
            continue;
        }
        if (sp && out->n) sf__buf_addc(out, ' ');
        sp = false;
        sf__buf_add(out, s + at, i - at);
    }
    return sf__buf_status(out);
}


static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Count the snippets of `list` found in hay (normalized). */
static size_t found(json_object *list, const char *hay, sf_buf *tmp, size_t *total) {
    size_t k = 0;
    *total = 0;
    if (!list || !json_object_is_type(list, json_type_array)) return 0;
    size_t m = json_object_array_length(list);
    for (size_t i = 0; i < m; i++) {
        json_object *s = json_object_array_get_idx(list, i);
        if (!json_object_is_type(s, json_type_string)) continue;
        (*total)++;
        sf__buf_reset(tmp);
        sf__norm_space(json_object_get_string(s), (size_t)json_object_get_string_len(s), tmp);
        if (tmp->n && strstr(hay, sf__buf_cstr(tmp))) k++;
    }
    return k;
}

static int64_t day_of(int64_t t) { return t >= 0 ? t / 86400 : (t - 86399) / 86400; }

/* Does our value equal the gold one, white space normalized, case ignored
 * (ASCII)? */
static bool same_text(const char *ours, const char *gold, sf_buf *a, sf_buf *b) {
    sf__buf_reset(a);
    sf__buf_reset(b);
    sf__norm_space(ours ? ours : "", ours ? strlen(ours) : 0, a);
    sf__norm_space(gold, strlen(gold), b);
    if (sf__buf_status(a) != SF_OK || sf__buf_status(b) != SF_OK) return false;
    return a->n == b->n && a->n && strncasecmp(sf__buf_cstr(a), sf__buf_cstr(b), a->n) == 0;
}

static void score_meta(json_object *item, const sf_page *page, sf_extract_eval *out,
                       sf_buf *a, sf_buf *b) {
    json_object *v;
    if (json_object_object_get_ex(item, "title", &v) && json_object_is_type(v, json_type_string) &&
        json_object_get_string_len(v) > 0) {
        out->title_n++;
        if (same_text(page->title, json_object_get_string(v), a, b)) out->title_ok++;
    }
    if (json_object_object_get_ex(item, "author", &v) &&
        json_object_is_type(v, json_type_string) && json_object_get_string_len(v) > 0) {
        out->author_n++;
        if (same_text(page->author, json_object_get_string(v), a, b)) out->author_ok++;
    }
    if (json_object_object_get_ex(item, "date", &v) && json_object_is_type(v, json_type_string) &&
        json_object_get_string_len(v) >= 10) {
        out->date_n++;
        int64_t gold;
        if (page->published != SF_TIME_UNKNOWN &&
            sf__parse_iso8601(sf__view(json_object_get_string(v), 10), &gold) &&
            day_of(page->published) == day_of(gold))
            out->date_ok++;
    }
}

sf_status sf__extract_eval(const char *dir, bool all_text, sf_extract_eval *out,
                           sf_extract_eval_fn fn, void *user, sf_error *err) {
    memset(out, 0, sizeof *out);
    char path[4096];
    snprintf(path, sizeof path, "%s/evaldata.json", dir);
    json_object *root = json_object_from_file(path);
    if (!root || !json_object_is_type(root, json_type_object)) {
        json_object_put(root);
        return sf__error_set(err, SF_ERR_IO, "%s: cannot read it as a JSON object", path);
    }
    sf_buf html, norm, tmp;
    sf__buf_init(&html, 0);
    sf__buf_init(&norm, 0);
    sf__buf_init(&tmp, 0);
    sf_buf tmp2;
    sf__buf_init(&tmp2, 0);
    sf_status st = SF_OK;
    json_object_object_foreach(root, url, item) {
        json_object *file, *with = NULL, *without = NULL;
        if (!json_object_object_get_ex(item, "file", &file)) continue;
        json_object_object_get_ex(item, "with", &with);
        json_object_object_get_ex(item, "without", &without);
        snprintf(path, sizeof path, "%s/html/%s", dir, json_object_get_string(file));
        sf__buf_reset(&html);
        if (sf__read_file(path, NULL, &html, NULL) != SF_OK) {
            out->missing++;
            continue;
        }
        sf_page page;
        sf__page_init(&page);
        page.all_text = all_text;
        sf_error e = {0};
        double t0 = now();
        sf_status s = sf__html_extract(html.p ? html.p : "", html.n, url, NULL, &page, &e);
        out->seconds += now() - t0;
        out->pages++;
        out->bytes += html.n;
        if (s == SF_ERR_NOMEM) {
            sf__page_release(&page);
            st = sf__error_set(err, s, "%s: %s", path, e.message);
            break;
        }
        if (s != SF_OK) out->failed++;
        sf__buf_reset(&norm);
        sf__norm_space(page.text.p ? page.text.p : "", page.text.n, &norm);
        if (sf__buf_status(&norm) != SF_OK || sf__buf_status(&tmp) != SF_OK) {
            sf__page_release(&page);
            st = sf__error_set(err, SF_ERR_NOMEM, "out of memory scoring %s", path);
            break;
        }
        score_meta(item, &page, out, &tmp, &tmp2);
        size_t nw, nwo;
        size_t tp = found(with, sf__buf_cstr(&norm), &tmp, &nw);
        size_t fp = found(without, sf__buf_cstr(&norm), &tmp, &nwo);
        out->tp += tp;
        out->fn += nw - tp;
        out->fp += fp;
        out->tn += nwo - fp;
        if (fn) fn(user, json_object_get_string(file), sf__buf_cstr(&page.text), tp, fp, nw - tp,
                   nwo - fp);
        sf__page_release(&page);
    }
    sf__buf_release(&html);
    sf__buf_release(&norm);
    sf__buf_release(&tmp);
    sf__buf_release(&tmp2);
    json_object_put(root);
    return st;
}

/* features.c - what the clusterer sees of an article: three sparse term
 * vectors (stemmed body words, stemmed title words, named things: capitalized
 * words not opening a sentence, and numbers of two or more digits) with
 * sublinear term frequencies, and a document-frequency table that grows with
 * the stream, so IDF weights always reflect what has been seen so far. */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>

/* The document-frequency table is a fixed array of counters indexed by the
 * term hash (the hashing trick): memory stays constant however long the
 * stream runs, and a collision only makes a rare term look a little less
 * rare. A plain hash map would grow with the vocabulary, which in news
 * never stops growing (new names every day). */
#define DF_BITS SF_DF_BITS
#define LN_TAB SF_LN_TAB

sf_status sf__df_init(sf_dftab *d) {
    memset(d, 0, sizeof *d);
    d->cnt = sf__calloc((size_t)1 << DF_BITS, sizeof *d->cnt);
    d->ln = sf__malloc(LN_TAB * sizeof *d->ln);
    if (!d->cnt || !d->ln) {
        sf__df_release(d);
        return SF_ERR_NOMEM;
    }
    d->ln[0] = 0;
    for (size_t k = 1; k < LN_TAB; k++) d->ln[k] = (float)log((double)k);
    d->ln_n1 = 0;
    return SF_OK;
}

void sf__df_release(sf_dftab *d) {
    sf__free(d->cnt);
    sf__free(d->ln);
    d->cnt = NULL;
    d->ln = NULL;
}

sf_status sf__df_add(sf_dftab *d, const sf_fdoc *doc) {
    if (d->frozen) return SF_OK;
    uint64_t mask = ((uint64_t)1 << DF_BITS) - 1;
    /* the lead's terms are the title's and the body's (same hashes): counted there */
    for (int ch = 0; ch < SF_CH_LEAD; ch++)
        for (size_t i = 0; i < doc->v[ch].n; i++) {
            uint32_t *c = &d->cnt[doc->v[ch].items[i].h & mask];
            if (*c < UINT32_MAX) (*c)++;
        }
    d->n++;
    d->ln_n1 = log(1.0 + (double)d->n);
    return SF_OK;
}

/* sf__df_add of docs[0..m) on `threads` threads: each thread counts the
 * terms of every doc whose counter lies in its own slice of the table, so
 * no counter is shared and each sees the docs in order (the same counts,
 * the same saturation, as adding them one by one). */
typedef struct df_job {
    sf_dftab *d;
    const sf_fdoc *docs;
    size_t m, parts;
} df_job;

static sf_status df_count_part(void *user, void *state, size_t part) {
    (void)state;
    const df_job *j = user;
    uint64_t size = (uint64_t)1 << DF_BITS, mask = size - 1;
    uint64_t lo = size / j->parts * part, hi = part + 1 == j->parts ? size : size / j->parts * (part + 1);
    for (size_t k = 0; k < j->m; k++)
        for (int ch = 0; ch < SF_CH_LEAD; ch++)
            for (size_t i = 0; i < j->docs[k].v[ch].n; i++) {
                uint64_t at = j->docs[k].v[ch].items[i].h & mask;
                if (at < lo || at >= hi) continue;
                uint32_t *c = &j->d->cnt[at];
                if (*c < UINT32_MAX) (*c)++;
            }
    return SF_OK;
}

sf_status sf__df_add_all(sf_dftab *d, const sf_fdoc *docs, size_t m, unsigned threads) {
    if (d->frozen || m == 0) return SF_OK;
    if (threads <= 1) {
        for (size_t k = 0; k < m; k++) SF_TRY(sf__df_add(d, &docs[k]));
        return SF_OK;
    }
    df_job j = {d, docs, m, threads};
    sf_pool_job job = {.user = &j, .item = df_count_part};
    SF_TRY(sf__pool_run(&job, j.parts, 1, threads, NULL, NULL));
    d->n += m;
    d->ln_n1 = log(1.0 + (double)d->n);
    return SF_OK;
}

void sf__fdoc_release(sf_fdoc *d) {
    for (int ch = 0; ch < SF_NCH; ch++) SF_VEC_FREE(&d->v[ch]);
}

/* ------------------------------------------------------------ extraction */

/* Languages whose stopword lists tell an article's language (text.h). */
static const char *const LANGS[] = {"en", "de", "fr", "es"};
#define NLANG (sizeof LANGS / sizeof LANGS[0])

struct sf_extractor {
    sf_analyzer *an[NLANG + 1]; /* per detected language, made on first use;
                                 * [base] is the configured language */
    int base;                   /* index of the configured language, or NLANG */
    sf_map counts[SF_NCH];
    const char *text; /* text being analyzed, for the sentence-start test */
    size_t text_len;
    int lang;         /* index into LANGS of the text being analyzed */
    int in_title;
    size_t body_terms; /* body terms seen so far (the lead is the first SF_LEAD_TERMS) */
    bool entities;
    sf_status st;
};

sf_extractor *sf__extractor_create(const char *lang, bool entities) {
    sf_extractor *x = sf__calloc(1, sizeof *x);
    if (!x) return NULL;
    if (!lang) lang = "en";
    x->base = (int)NLANG;
    for (size_t i = 0; i < NLANG; i++)
        if (strcmp(lang, LANGS[i]) == 0) x->base = (int)i;
    x->an[x->base] = sf__analyzer_create(x->base < (int)NLANG ? LANGS[x->base] : lang);
    if (!x->an[x->base]) {
        sf__free(x);
        return NULL;
    }
    for (int ch = 0; ch < SF_NCH; ch++) sf__map_init(&x->counts[ch]);
    x->entities = entities;
    return x;
}

void sf__extractor_destroy(sf_extractor *x) {
    if (!x) return;
    for (size_t i = 0; i <= NLANG; i++) sf__analyzer_destroy(x->an[i]);
    for (int ch = 0; ch < SF_NCH; ch++) sf__map_release(&x->counts[ch]);
    sf__free(x);
}

/* A capitalized word right after a sentence end or at a paragraph start is
 * most often just capitalized, not a name. */
static bool opens_sentence(const char *text, size_t begin) {
    size_t i = begin;
    while (i > 0) {
        char ch = text[i - 1];
        if (ch == ' ' || ch == '\t' || ch == '"' || ch == '\'' || ch == '(' || ch == '`') {
            i--;
            continue;
        }
        return ch == '.' || ch == '!' || ch == '?' || ch == '\n' || ch == ':';
    }
    return true;
}

static int detect_lang(const sf_extractor *x, const char *text, size_t n);

/* German capitalizes every noun, so a capital letter alone does not make a
 * name there. A German word counts as a name when it is joined to another
 * capitalized part by a hyphen (Köln-Porz), follows a preposition that takes
 * a bare place name (in Köln, aus Dresden), or stands beside another
 * capitalized word that is not a function word (Frankfurter Straße, Anna
 * Berger); never after an article or a number (der Sprecher, mit 45
 * Einsatzkräften). */
static bool word_at(const char *text, size_t n, size_t b, size_t e, char *w, size_t cap) {
    if (e <= b || e - b >= cap) return false;
    for (size_t i = b; i < e; i++) {
        unsigned char c = (unsigned char)text[i];
        w[i - b] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    w[e - b] = '\0';
    (void)n;
    return true;
}

static bool in_list(const char *w, const char *const *list) {
    for (size_t i = 0; list[i]; i++)
        if (strcmp(w, list[i]) == 0) return true;
    return false;
}

static const char *const DE_DET[] = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer",
                                     "einem", "einen", "eines", "im", "am", "zum", "zur", "vom",
                                     "beim", "kein", "keine", "jede", "jeder", "diese", "dieser",
                                     "seine", "ihre", "ihr", "sein", NULL};
static const char *const DE_PLACE[] = {"in", "aus", "nach", "bei", "von", "gegen", NULL};

static bool capital_word(const char *text, size_t b, size_t e) {
    unsigned char c = (unsigned char)text[b];
    if (c >= 'A' && c <= 'Z') return true;
    /* Ä, Ö, Ü as UTF-8 */
    return e > b + 1 && c == 0xC3 && ((unsigned char)text[b + 1] == 0x84 ||
                                      (unsigned char)text[b + 1] == 0x96 ||
                                      (unsigned char)text[b + 1] == 0x9C);
}

/* The formal "you" (Sie, Ihnen, Ihre, ...) is capitalized in German and
 * runs through every web page that addresses its reader: not a name (two
 * unrelated pages were related on "Ihre" and "Sie"). */
static const char *const DE_FORMAL[] = {"sie", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer",
                                        "ihres", NULL};

static bool german_name(const char *text, size_t n, const sf_token *tok) {
    char self[32];
    if (word_at(text, n, tok->begin, tok->end, self, sizeof self) &&
        (in_list(self, DE_FORMAL) || sf__is_stopword("de", self, tok->end - tok->begin)))
        return false;
    for (size_t i = tok->begin; i + 1 < tok->end; i++)
        if (text[i] == '-' && capital_word(text, i + 1, tok->end)) return true;
    /* the word before (same sentence: only spaces between) */
    size_t pe = tok->begin;
    while (pe > 0 && text[pe - 1] == ' ') pe--;
    size_t pb = pe;
    while (pb > 0 && ((unsigned char)text[pb - 1] >= 0x80 || (text[pb - 1] | 0x20) >= 'a') &&
           ((unsigned char)text[pb - 1] >= 0x80 || (text[pb - 1] | 0x20) <= 'z'))
        pb--;
    char w[32];
    if (pe > 0 && pe < tok->begin && pb < pe && word_at(text, n, pb, pe, w, sizeof w)) {
        if (in_list(w, DE_DET)) return false;
        if (in_list(w, DE_PLACE)) return true;
        /* after a place adjective (Kölner, Frankfurter) comes a common
         * noun (Feuerwehr, Straße): the adjective is the name */
        bool adj = pe - pb > 3 && w[pe - pb - 2] == 'e' && w[pe - pb - 1] == 'r';
        if (capital_word(text, pb, pe) && !adj && !sf__is_stopword("de", w, pe - pb)) return true;
    }
    if (pe > 0 && text[pe - 1] >= '0' && text[pe - 1] <= '9') return false;
    /* the word after */
    size_t nb = tok->end;
    if (nb < n && text[nb] == ' ') nb++;
    size_t ne = nb;
    while (ne < n && (((unsigned char)text[ne] >= 0x80) ||
                      ((text[ne] | 0x20) >= 'a' && (text[ne] | 0x20) <= 'z')))
        ne++;
    if (ne > nb && nb > tok->end && capital_word(text, nb, ne) && word_at(text, n, nb, ne, w, sizeof w) &&
        !sf__is_stopword("de", w, ne - nb))
        return true;
    return false;
}

/* The one place that decides which words are names (people, places,
 * organizations), for the clusterer's names signal and for storylines: a
 * word in capitals, or capitalized where a sentence does not start (titles
 * capitalize everything, so only all-capital words count there; German, see
 * above). A trained recognizer (src/entity) can replace this test without
 * touching its callers. text[0..n) holds the token. */
bool sf__token_is_name(const char *text, size_t n, const sf_token *tok, bool in_title,
                       bool german) {
    if (tok->kind != SF_TOK_WORD) return false;
    if (tok->flags & SF_TOKF_ALLCAPS) return true;
    if (!(tok->flags & SF_TOKF_CAPITAL) || in_title) return false;
    if (opens_sentence(text, tok->begin)) return false;
    return german ? german_name(text, n, tok) : true;
}

bool sf__text_is_german(const char *text, size_t n) {
    sf_extractor x = {.base = 0}; /* English unless clearly German */
    return detect_lang(&x, text, n) == 1;
}

static sf_status count(sf_map *m, uint64_t h) {
    uint64_t *v = sf__map_slot(m, h);
    if (!v) return SF_ERR_NOMEM;
    (*v)++;
    return SF_OK;
}

static sf_status on_term(void *user, const char *term, size_t len, const sf_token *tok) {
    sf_extractor *x = user;
    SF_TRY(count(&x->counts[x->in_title ? SF_CH_TITLE : SF_CH_BODY],
                 sf__hash64(term, len, x->in_title ? SF_SEED_TITLE : SF_SEED_BODY)));
    if (x->in_title || x->body_terms++ < SF_LEAD_TERMS)
        SF_TRY(count(&x->counts[SF_CH_LEAD], sf__hash64(term, len, x->in_title ? SF_SEED_TITLE : SF_SEED_BODY)));
    if (!x->entities) return SF_OK;
    bool named = tok->kind == SF_TOK_NUMBER ? len >= 2 /* counts, dates, years; single digits say little */
                                            : sf__token_is_name(x->text, x->text_len, tok, x->in_title, x->lang == 1);
    if (named) SF_TRY(count(&x->counts[SF_CH_ENT], sf__hash64(term, len, SF_SEED_ENT)));
    return SF_OK;
}

/* Sort by hash, in place (the hashes of one vector are distinct, so the
 * order is the one qsort gave). Quicksort on the middle element, insertion
 * sort below 16; hashes are random, so the depth stays near log n, and the
 * deeper half is looped, not recursed. qsort was a twentieth of the
 * stream's time (glibc's merge sort allocates a buffer for every vector of
 * more than 64 terms; profiled on the generated stream). */
static void sort_tw(sf_tw *v, size_t n) {
    while (n > 16) {
        uint64_t piv = v[n / 2].h;
        size_t i = 0, j = n - 1;
        for (;;) {
            while (v[i].h < piv) i++;
            while (v[j].h > piv) j--;
            if (i >= j) break;
            sf_tw t = v[i];
            v[i] = v[j];
            v[j] = t;
            i++;
            j--;
        }
        /* v[0..j] <= piv <= v[j+1..n) */
        size_t left = j + 1;
        if (left < n - left) {
            sort_tw(v, left);
            v += left;
            n -= left;
        } else {
            sort_tw(v + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        sf_tw x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1].h > x.h) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* Move the counts of map m into v as sorted (hash, 1 + ln tf) pairs. */
static sf_status flatten(sf_map *m, sf_twvec *v) {
    v->n = 0;
    size_t n = sf__map_count(m);
    if (!n) return SF_OK;
    SF_TRY(SF_VEC_RESERVE(v, n));
    if (m->has_zero) v->items[v->n++] = (sf_tw){0, (float)(1.0 + log((double)m->zero_val))};
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            v->items[v->n++] = (sf_tw){m->keys[i], (float)(1.0 + log((double)m->vals[i]))};
    sort_tw(v->items, v->n);
    /* reset the map but keep its memory for the next article */
    memset(m->keys, 0, m->cap * sizeof *m->keys);
    m->n = 0;
    m->has_zero = false;
    return SF_OK;
}

/* The language of an article, told cheaply by counting the stopwords of
 * each language among its first words (sf__lang_guess, text.h). An English
 * analyzer keeps German function words (der, und); where German is rare
 * they get a high IDF and pull unrelated German articles together. Returns
 * an index into LANGS, or x->base. */
static int detect_lang(const sf_extractor *x, const char *text, size_t n) {
    if (x->base >= (int)NLANG) return x->base;
    const char *l = sf__lang_guess(text, n, LANGS[x->base]);
    for (size_t L = 0; L < NLANG; L++)
        if (strcmp(l, LANGS[L]) == 0) return (int)L;
    return x->base;
}

/* The body's terms from the article's doc, token by token as sf__analyze
 * would give them. */
static sf_status doc_terms(sf_extractor *x, const sf_doc *d) {
    for (size_t t = 0; t < d->toks.n; t++)
        for (size_t k = d->tok_term[t]; k < d->tok_term[t + 1]; k++)
            SF_TRY(on_term(x, d->terms.p + d->term.items[k].off, d->term.items[k].len, &d->toks.items[t]));
    return SF_OK;
}

sf_status sf__extract(sf_extractor *x, const char *title, size_t tn, const char *text, size_t n,
                      sf_fdoc *out) {
    return sf__extract_doc(x, title, tn, text, n, NULL, out);
}

sf_status sf__extract_doc(sf_extractor *x, const char *title, size_t tn, const char *text,
                          size_t n, const sf_doc *doc, sf_fdoc *out) {
    int L = detect_lang(x, text, n);
    /* the doc serves when it covers the whole text (the clusterer reads past
     * the 4 MiB bound) in the language detected here */
    if (doc && !(doc->analyzed && doc->text == text && doc->n == n && strcmp(doc->lang, LANGS[L]) == 0))
        doc = NULL;
    if (!x->an[L]) {
        x->an[L] = sf__analyzer_create(LANGS[L]);
        if (!x->an[L]) return SF_ERR_NOMEM;
    }
    sf_analyzer *an = x->an[L];
    out->lang = (uint8_t)L;
    x->in_title = 1;
    x->body_terms = 0;
    x->text = title;
    x->text_len = tn;
    x->lang = L;
    sf_status st = sf__analyze(an, title, tn, on_term, x);
    if (st == SF_OK) {
        x->in_title = 0;
        x->text = text;
        x->text_len = n;
        st = doc ? doc_terms(x, doc) : sf__analyze(an, text, n, on_term, x);
    }
    for (int ch = 0; ch < SF_NCH; ch++) {
        sf_status s2 = flatten(&x->counts[ch], &out->v[ch]);
        if (st == SF_OK) st = s2;
    }
    return st;
}

/* ---------------------------------------------------- many, on threads */

typedef struct extract_job {
    const char *lang;
    bool entities;
    const sf_extract_item *items;
    sf_fdoc *out;
} extract_job;

/* Items are taken a few at a time: fewer turns of the lock, and an item
 * is about a millisecond of work. */
#define EXTRACT_GRAIN 4

static void *extractor_init(void *user) {
    const extract_job *j = user;
    return sf__extractor_create(j->lang, j->entities);
}

static sf_status extract_item(void *user, void *state, size_t k) {
    const extract_job *j = user;
    const sf_extract_item *it = &j->items[k];
    return sf__extract_doc(state, it->title, it->tn, it->text, it->n, it->doc, &j->out[k]);
}

static void extractor_fini(void *user, void *state) {
    (void)user;
    sf__extractor_destroy(state);
}

sf_status sf__extract_all(sf_extractor *x, const char *lang, bool entities,
                          const sf_extract_item *items, size_t m, sf_fdoc *out, unsigned threads,
                          size_t *failed) {
    extract_job j = {.lang = lang, .entities = entities, .items = items, .out = out};
    sf_pool_job job = {&j, extractor_init, extract_item, extractor_fini};
    return sf__pool_run(&job, m, EXTRACT_GRAIN, threads, x, failed);
}

/* Divide the raw vectors by their TF-IDF norm at this moment, so that the
 * vector times the current IDF is a unit vector (the story centroid sums
 * these). */
void sf__fdoc_normalize(sf_fdoc *d, const sf_dftab *df) {
    for (int ch = 0; ch < SF_NCH; ch++) {
        double ss = 0;
        for (size_t i = 0; i < d->v[ch].n; i++) {
            double w = d->v[ch].items[i].w * sf__idf(df, d->v[ch].items[i].h);
            ss += w * w;
        }
        if (ss <= 0) continue;
        float inv = (float)(1.0 / sqrt(ss));
        for (size_t i = 0; i < d->v[ch].n; i++) d->v[ch].items[i].w *= inv;
    }
}

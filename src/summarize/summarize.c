/* summarize.c - extractive multi-document summary with attribution.
 * Two selection methods over the same sentence analysis: concept coverage
 * (Gillick and Favre 2009: word bigrams weighted by how many articles use
 * them, the best set of sentences under the word budget found exactly as an
 * integer program with GLPK, or greedily) and the centroid cosine of MEAD
 * (Radev et al. 2004). Each chosen sentence cites every article that holds a
 * sentence saying nearly the same, and the copies of those. */
#include "summarize.h"

#include "../ingest/ingest.h" /* sf__photo_credit */
#include "../text/text.h"

#include <ctype.h>
#ifdef SF_HAVE_GLPK
#include <glpk.h>
#endif
#include <math.h>
#include <stdlib.h>

typedef struct term_weight {
    uint64_t term;
    double w;
} term_weight;

typedef struct sent {
    size_t article;   /* corpus index */
    size_t position;  /* sentence number in its article */
    sf_span span;     /* after dateline removal */
    size_t words;
    size_t tw_begin, tw_end; /* range in the shared term_weight array */
    size_t seq_begin, seq_end; /* its words in text order (ctx.seq, ctx.stop) */
    size_t c_begin, c_end;   /* bigram concepts, sorted, unique */
    size_t lw_begin, lw_end; /* light terms (ctx.lw), sorted, unique */
    double score;
    bool noise;
    bool listed; /* of a report that lists several stories (read_article) */
    bool quote;          /* holds a quotation */
    bool carried;        /* inside a quotation opened by an earlier sentence:
                          * someone's words with no mark of their own, never
                          * a bullet (it would print them as the report's) */
    bool needs_context;  /* opens by pointing back ("He", "But") */
    uint64_t ref;        /* hash of the folded noun of "The meeting" openers, 0: none */
    bool fragment;       /* opens mid-sentence (lower case, ", and") */
    bool chosen;         /* in the summary */
    bool compressed;     /* its summary text is ctx.ctext[text_off, +text_len) */
    size_t text_off, text_len;
} sent;

typedef struct ctx {
    SF_VEC(sent) sents;
    SF_VEC(term_weight) tw;
    SF_VEC(uint64_t) seq;   /* hashes of folded, unstemmed words and numbers */
    SF_VEC(uint8_t) stop;   /* per seq entry: a stopword */
    sf_tokvec toks;
    sf_buf fold;
    SF_VEC(uint64_t) concepts;
    sf__u64vec lw;          /* light terms of every sentence (sf__light_terms) */
    sf_buf ctext;   /* compressed sentences, one after another */
    sf_buf scratch;
    unsigned compress; /* SF_COMPRESS_* rules */
    const uint64_t *boilerplate; /* sorted keys of the site's sentences */
    size_t nboilerplate;
    size_t words;
    SF_VEC(size_t) merged; /* pairs (kept, dropped): near-repeats of a chosen sentence */
    size_t lead;           /* the sentence that opens the summary, SIZE_MAX: none */
    const sf_corpus *corpus;
    const size_t *chosen_list; /* the summary so far (greedy) */
    size_t nchosen_list;
} ctx;

static int cmp_term(const void *a, const void *b) {
    uint64_t x = ((const term_weight *)a)->term, y = ((const term_weight *)b)->term;
    return x < y ? -1 : x > y;
}

static sf_status on_term(void *user, const char *term, size_t len, const sf_token *tok) {
    (void)tok;
    ctx *x = user;
    x->words++;
    term_weight t = {sf__hash64(term, len, 0), 1.0};
    return SF_VEC_PUSH(&x->tw, t);
}

/* Sort a sentence's terms and merge repeats into counts. */
static void merge_terms(ctx *x, sent *s) {
    size_t n = s->tw_end - s->tw_begin;
    if (n == 0) return; /* and the vector may still be empty (items NULL) */
    term_weight *t = x->tw.items + s->tw_begin;
    qsort(t, n, sizeof *t, cmp_term);
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        if (t[i].term == t[k].term) t[k].w += 1.0;
        else t[++k] = t[i];
    }
    s->tw_end = s->tw_begin + k + 1;
}

static double dot(const term_weight *a, size_t na, const term_weight *b, size_t nb) {
    double d = 0;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i].term < b[j].term) i++;
        else if (a[i].term > b[j].term) j++;
        else d += a[i++].w * b[j++].w;
    }
    return d;
}

static double sent_cos(const ctx *x, const sent *a, const sent *b) {
    return dot(x->tw.items + a->tw_begin, a->tw_end - a->tw_begin, x->tw.items + b->tw_begin,
               b->tw_end - b->tw_begin);
}

static size_t count_words(const char *p, size_t n) {
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = p[i] == ' ' || p[i] == '\n' || p[i] == '\t' || p[i] == '\r';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

/* Append the words and numbers of p[0..n) to x->seq as hashes of their
 * case fold, unstemmed, and whether each is a stopword to x->stop: the
 * material of concepts. The analyzer's terms (stemmed, stopwords dropped)
 * serve cosines; concepts are phrases as a reader meets them. */
static sf_status word_seq(ctx *x, const char *p, size_t n, const char *lang) {
    x->toks.n = 0;
    SF_TRY(sf__tokenize(p, n, &x->toks));
    for (size_t q = 0; q < x->toks.n; q++) {
        const sf_token *t = &x->toks.items[q];
        if (t->kind == SF_TOK_PUNCT) continue;
        sf__buf_reset(&x->fold);
        SF_TRY(sf__fold(p + t->begin, t->end - t->begin, &x->fold));
        bool stop = t->kind == SF_TOK_WORD && sf__is_stopword(lang, x->fold.p, x->fold.n);
        SF_TRY(SF_VEC_PUSH(&x->seq, sf__hash64(x->fold.p, x->fold.n, 0)));
        SF_TRY(SF_VEC_PUSH(&x->stop, (uint8_t)stop));
    }
    return SF_OK;
}

/* Bytes of a bracketed picture credit that opens p, with the spaces after
 * it ("(Photo by Jane Roe/AFP via Getty) "); 0 when p opens otherwise or
 * nothing follows. */
static size_t credit_in_brackets(const char *p, size_t n) {
    if (n < 2 || p[0] != '(') return 0;
    size_t close = 1;
    while (close < n && close < 200 && p[close] != ')' && p[close] != '(') close++;
    if (close >= n || p[close] != ')' || !sf__photo_credit(sf__view(p + 1, close - 1))) return 0;
    size_t e = close + 1;
    while (e < n && isspace((unsigned char)p[e])) e++;
    return e < n ? e : 0;
}

/* Does the sentence open with a wire slug, a word in capitals joined by a
 * hyphen before a dateline's dash ("CUBA-ELIAN _ MIAMI _ As ...",
 * "EDITORIAL-TEENS _ Raise the driving age to 17.")? */
static bool opens_with_slug(const char *p, size_t n) {
    if (!sf__dateline_length(p, n)) return false;
    bool joined = false;
    for (size_t i = 0; i < n && p[i] != ' '; i++) {
        if (p[i] == '-' && i > 0 && i + 1 < n && isupper((unsigned char)p[i - 1]) && isupper((unsigned char)p[i + 1]))
            joined = true;
        else if (!isupper((unsigned char)p[i]) && !isdigit((unsigned char)p[i]) && p[i] != '-')
            return false;
    }
    return joined;
}

/* The analyzer for what the article's doc does not hold, made on first use. */
typedef struct lazy_analyzer {
    sf_analyzer *an;
    const char *lang;
} lazy_analyzer;

static sf_status need_analyzer(lazy_analyzer *z) {
    if (!z->an) z->an = sf__analyzer_create(z->lang);
    return z->an ? SF_OK : SF_ERR_NOMEM;
}

/* The terms (x->tw, stemmed) and words (x->seq, x->stop) of the sentence
 * p[0..n), bytes [b, b + n) of doc d's text when d is not NULL. They are
 * read from the doc when it holds exactly these tokens (sf__doc_tokens_of);
 * a sentence rewritten by compression, or cut where the doc's tokens run
 * on, is analysed here. */
static sf_status sentence_terms(ctx *x, lazy_analyzer *z, const sf_doc *d, size_t b,
                                const char *p, size_t n, const char *lang) {
    size_t t0, t1;
    if (d && sf__doc_tokens_of(d, b, b + n, &t0, &t1)) {
        for (size_t k = d->tok_term[t0]; k < d->tok_term[t1]; k++) {
            const sf_doc_term *t = &d->term.items[k];
            SF_TRY(on_term(x, d->terms.p + t->off, t->len, NULL));
        }
        for (size_t t = t0; t < t1; t++) {
            if (d->toks.items[t].kind == SF_TOK_PUNCT) continue;
            SF_TRY(SF_VEC_PUSH(&x->seq, d->fold[t]));
            SF_TRY(SF_VEC_PUSH(&x->stop, d->stop[t]));
        }
        return SF_OK;
    }
    SF_TRY(need_analyzer(z));
    SF_TRY(sf__analyze(z->an, p, n, on_term, x));
    return word_seq(x, p, n, lang);
}

/* Whether `key` is among the run's boilerplate sentences (binary search). */
static bool is_boilerplate(const ctx *x, uint64_t key) {
    size_t lo = 0, hi = x->nboilerplate;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->boilerplate[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo < x->nboilerplate && x->boilerplate[lo] == key;
}

/* Split and analyze every sentence of one article. `*list`: the text lists
 * several stories, each led by a wire slug (below). The article's doc `d`
 * (may be NULL) gives the sentences and their terms when it was read in the
 * summary's language; otherwise (an article in another language than the
 * run's) the sentences are split and analysed here in `lang`. */
static sf_status read_article(ctx *x, lazy_analyzer *z, const sf_doc *doc, const sf_article *a,
                              size_t idx, const char *lang, bool *list) {
    sf_spanvec own = {0};
    const sf_spanvec *spans = &own;
    sf_status st = SF_OK;
    if (doc && doc->analyzed && doc->text == a->text && strcmp(doc->lang, lang) == 0)
        spans = &doc->sents;
    else /* a huge article: the sentences of its first SF_ANALYZE_MAX_BYTES */
        doc = NULL, st = sf__sentences(a->text, sf__analyzed_length(a->text, a->text_len), lang, &own);
    size_t slugs = 0, scanned = 0;
    bool in_quote = false; /* a quotation opened by an earlier sentence */
    bool first = true;     /* no reporting sentence before this one */
    for (size_t k = 0; st == SF_OK && k < spans->n; k++) {
        sf_span sp = spans->items[k];
        const char *p = a->text + sp.begin;
        size_t n = sp.end - sp.begin;
        bool site = x->boilerplate && is_boilerplate(x, sf__sentence_key(p, n));
        in_quote = sf__quote_open_after(a->text + scanned, sp.begin - scanned, in_quote);
        bool carried = in_quote;
        in_quote = sf__quote_open_after(p, n, in_quote);
        scanned = sp.end;
        slugs += opens_with_slug(p, n);
        /* a dateline opens the report; one further down opens a second
         * story run into the text ("NAIROBI, Kenya (AP) _ Two suspects
         * ..."): there a place with a comma or an agency in
         * parentheses before the dash, so a sentence opening "NATO - " is
         * left whole (a small ROUGE-2 gain on DUC 2006; docs/summaries.md,
         * design notes). */
        /* a wire slug (capitals joined by a hyphen) may come before it:
         * "CUBA-ELIAN _ MIAMI _ As both sides ..." */
        /* the report's first sentence is the first one that is not page
         * furniture: a dateline under a notice of the page ("Sorry, your
         * browser needs Javascript ...") still opens it */
        /* a picture's credit in brackets before the text ("(Photo by Jane
         * Roe/AFP via Getty Images) Some universities ..."): the page's
         * caption run into the sentence by a one-line copy */
        for (size_t c; (c = credit_in_brackets(p, n)) > 0;) sp.begin += c, p += c, n -= c;
        /* page elements of a spaceless script run together (a one-line
         * copy of the page): the sentence is the last of them */
        {
            size_t c = sf__page_elements_length(p, n);
            sp.begin += c, p += c, n -= c;
            /* furniture a one-line copy of an English page runs into the
             * text ("... Advertisement The women of ..."): the sentence
             * is the element after it */
            c = sf__furniture_run_length(p, n);
            sp.begin += c, p += c, n -= c;
            /* a wire list's dash before the item ("_ Blacks in Texas are
             * ...") is no part of the sentence */
            c = sf__list_dash_length(p, n);
            sp.begin += c, p += c, n -= c;
        }
        for (bool slug = false, again = true; again;) {
            size_t d = sf__dateline_length(p, n);
            if (!d && first) d = sf__outlet_dateline_length(p, n);
            if (!d && first) d = sf__colon_dateline_length(p, n);
            again = false;
            if (!d || !(first || slug || memchr(p, ',', d) || memchr(p, '(', d))) break;
            if (!slug)
                for (size_t i = 1; i + 1 < d && !again; i++)
                    again = p[i] == '-' && isupper((unsigned char)p[i - 1]) && isupper((unsigned char)p[i + 1]);
            slug = again;
            sp.begin += d;
            p += d;
            n -= d;
        }
        sent s = {.article = idx, .position = k, .span = sp, .carried = carried};
        s.noise = site || sf__is_noise_sentence(p, n);
        first = first && s.noise;
        /* a voice, not a report: a quotation, or words to the reader
         * ("Are you prepared to give your readers the coverage they
         * crave?", a wire syndicate's pitch that opened DUC 2006 D0604D;
         * "You get in trouble when you interfere ..., he says.") */
        s.quote = carried || sf__has_quotation(p, n) || sf__speaks_to_reader(p, n, lang);
        if (!s.noise && x->compress) {
            bool changed = false;
            st = sf__compress_sentence(p, n, lang, x->compress, &x->scratch, &changed);
            if (st == SF_OK && changed) {
                s.compressed = true;
                s.text_off = x->ctext.n;
                s.text_len = x->scratch.n;
                st = sf__buf_add(&x->ctext, x->scratch.p, x->scratch.n);
            }
            if (st != SF_OK) break;
        }
        /* from here on the sentence is what a summary would print; the
         * buffer may move as it grows, so the text is taken by offset */
        if (s.compressed) {
            p = x->ctext.p + s.text_off;
            n = s.text_len;
        }
        s.needs_context = sf__needs_context(p, n, lang);
        size_t nat = 0, nlen = s.needs_context ? sf__backref_noun(p, n, lang, &nat) : 0;
        if (nlen) {
            sf__buf_reset(&x->fold);
            st = sf__fold(p + nat, nlen, &x->fold);
            if (st != SF_OK) break;
            s.ref = sf__hash64(x->fold.p, x->fold.n, 0);
        }
        s.fragment = sf__starts_mid_sentence(p, n);
        s.words = count_words(p, n);
        s.lw_begin = x->lw.n;
        st = sf__light_terms(p, n, &x->lw);
        if (st != SF_OK) break;
        s.lw_end = x->lw.n;
        s.tw_begin = x->tw.n;
        s.seq_begin = x->seq.n;
        st = sentence_terms(x, z, s.compressed ? NULL : doc, sp.begin, p, n, lang);
        s.tw_end = x->tw.n;
        s.seq_end = x->seq.n;
        if (st == SF_OK) {
            merge_terms(x, &s);
            x->tw.n = s.tw_end;
            st = SF_VEC_PUSH(&x->sents, s);
        }
    }
    /* Items led by wire slugs, more than one: the text lists several
     * stories (a wire service's budget of what moves to its clients, a
     * digest), each told in a line, with notes to editors between them
     * ("Photo and graphics information and editors' names can be found at
     * the end of this budget."). One slug further down is a second story
     * run into a report (cut above). */
    *list = slugs >= 2;
    SF_VEC_FREE(&own);
    return st;
}

/* TF-IDF with sentence-level document frequencies, then unit length. */
static sf_status weigh(ctx *x) {
    sf_map df;
    sf__map_init(&df);
    for (size_t i = 0; i < x->sents.n; i++)
        for (size_t k = x->sents.items[i].tw_begin; k < x->sents.items[i].tw_end; k++) {
            uint64_t *v = sf__map_slot(&df, x->tw.items[k].term);
            if (!v) {
                sf__map_release(&df);
                return SF_ERR_NOMEM;
            }
            (*v)++;
        }
    double nsent = (double)x->sents.n;
    for (size_t i = 0; i < x->sents.n; i++) {
        sent *s = &x->sents.items[i];
        double norm = 0;
        for (size_t k = s->tw_begin; k < s->tw_end; k++) {
            term_weight *t = &x->tw.items[k];
            double idf = log((nsent + 1.0) / (double)*sf__map_find(&df, t->term));
            t->w = (1.0 + log(t->w)) * idf;
            norm += t->w * t->w;
        }
        norm = sqrt(norm);
        for (size_t k = s->tw_begin; k < s->tw_end && norm > 0; k++) x->tw.items[k].w /= norm;
    }
    sf__map_release(&df);
    return SF_OK;
}

/* Never a bullet, whatever else is short: noise, and the words of a
 * quotation that runs on without marks. */
static bool unusable(const sent *s) { return s->noise || s->carried; }

/* The centroid: the mean of the sentence vectors, as a sorted sparse vector. */
static sf_status centroid(const ctx *x, term_weight **out, size_t *nout) {
    size_t total = x->tw.n;
    term_weight *c = sf__malloc((total ? total : 1) * sizeof *c);
    if (!c) return SF_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < x->sents.n; i++) {
        const sent *s = &x->sents.items[i];
        if (s->noise) continue;
        for (size_t k = s->tw_begin; k < s->tw_end; k++) c[n++] = x->tw.items[k];
    }
    qsort(c, n, sizeof *c, cmp_term);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && c[m - 1].term == c[i].term) c[m - 1].w += c[i].w;
        else c[m++] = c[i];
    }
    double norm = 0;
    for (size_t i = 0; i < m; i++) norm += c[i].w * c[i].w;
    norm = sqrt(norm);
    for (size_t i = 0; i < m && norm > 0; i++) c[i].w /= norm;
    *out = c;
    *nout = m;
    return SF_OK;
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Reports in time order (unknown times last), then ids in natural order,
 * then as given. */
static int cmp_report(const sf_corpus *c, size_t a, size_t b) {
    const sf_article *x = sf_corpus_get(c, a), *y = sf_corpus_get(c, b);
    int64_t ta = x->published == SF_TIME_UNKNOWN ? INT64_MAX : x->published;
    int64_t tb = y->published == SF_TIME_UNKNOWN ? INT64_MAX : y->published;
    if (ta != tb) return ta < tb ? -1 : 1;
    int d = sf__cmp_natural(x->id, y->id);
    if (d) return d;
    return a < b ? -1 : a > b;
}

/* Reading order: the report's time, then its id, then position in it. */
static int cmp_reading(const sent *a, const sent *b, const sf_corpus *c) {
    if (a->article != b->article) return cmp_report(c, a->article, b->article);
    return a->position < b->position ? -1 : a->position > b->position;
}

/* The order of the printed summary: reading order, except between two
 * reports whose times are both unknown. Their ids say nothing of when they
 * were written (a file name, a hash), so the report whose sentence was
 * chosen first - the one that says more of the story - comes first; a
 * report's sentences stay together in their own order. `ra`, `rb`: the
 * first pick among the chosen sentences of each one's report. */
static int cmp_summary(const ctx *x, size_t a, size_t ra, size_t b, size_t rb, const sf_corpus *c) {
    const sent *sa = &x->sents.items[a], *sb = &x->sents.items[b];
    if (sa->article != sb->article && ra != rb &&
        sf_corpus_get(c, sa->article)->published == SF_TIME_UNKNOWN &&
        sf_corpus_get(c, sb->article)->published == SF_TIME_UNKNOWN)
        return ra < rb ? -1 : 1;
    return cmp_reading(sa, sb, c);
}

/* The first place in chosen[] (pick order) of a sentence of chosen[i]'s report. */
static size_t article_rank(const ctx *x, const size_t *chosen, size_t n, size_t i) {
    size_t art = x->sents.items[chosen[i]].article;
    for (size_t k = 0; k < n; k++)
        if (x->sents.items[chosen[k]].article == art) return k;
    return i;
}

/* Greedy selection by score with redundancy control, shared by both methods:
 * `score` says how good sentence i is given what is already chosen. */
typedef double (*score_fn)(void *user, const ctx *x, size_t i);
typedef void (*take_fn)(void *user, const ctx *x, size_t i);

/* `chosen` may already hold `nchosen` sentences (marked used): the greedy
 * pass then extends them. The pass is plain greedy with ties to the lower
 * sentence index and no local search afterwards: more concept weight is not
 * more ROUGE (docs/summaries.md, design notes). */
static double containment(const ctx *x, const sent *s, const sent *t);

/* Two sentences say the same thing when either holds most of the other's
 * stemmed terms: the overlap coefficient calibrated on the MSRP paraphrase
 * pairs (bench/bench_paraphrase.c, the `attribution` option), or when their
 * TF-IDF cosine passes `redundancy`. */
/* Overlap coefficient of two sentences' light terms (clean.c): the same
 * measure as containment on words cut by a lighter stemmer, which catches a
 * repeat whose words the Snowball stemmer or the analyzer's stopwords part. */
static double light_overlap(const ctx *x, const sent *a, const sent *b) {
    size_t na = a->lw_end - a->lw_begin, nb = b->lw_end - b->lw_begin, inter = 0;
    const uint64_t *p = x->lw.items + a->lw_begin, *q = x->lw.items + b->lw_begin;
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        if (p[i] < q[j]) i++;
        else if (p[i] > q[j]) j++;
        else inter++, i++, j++;
    }
    size_t m = na < nb ? na : nb;
    return m ? (double)inter / (double)m : 0.0;
}

static bool near_repeat(const ctx *x, const sf_summarize_options *o, const sent *a, const sent *b) {
    if (light_overlap(x, a, b) >= o->attribution) return true;
    return sent_cos(x, a, b) > o->redundancy || containment(x, a, b) >= o->attribution ||
           containment(x, b, a) >= o->attribution;
}

/* A max-heap of candidates by score, ties to the lower sentence index: the
 * order in which a full scan of every sentence would pick. */
typedef struct hitem {
    double v;
    size_t i;
} hitem;

static bool hitem_before(hitem a, hitem b) { return a.v > b.v || (a.v == b.v && a.i < b.i); }

static void heap_down(hitem *h, size_t n, size_t k) {
    for (;;) {
        size_t l = 2 * k + 1, r = l + 1, m = k;
        if (l < n && hitem_before(h[l], h[m])) m = l;
        if (r < n && hitem_before(h[r], h[m])) m = r;
        if (m == k) return;
        hitem t = h[k];
        h[k] = h[m];
        h[m] = t;
        k = m;
    }
}

/* Greedy selection, lazily: every score here only falls as sentences are
 * chosen (concept gain is submodular, the centroid score fixed), so a
 * candidate's last score is an upper bound. The best bound is rescored;
 * when it still beats the next bound it is the best of all, as a full scan
 * would find (same ties), else it goes back with its new score. A pick that
 * repeats a chosen sentence is dropped and that sentence cites its source.
 * A rescan of every sentence per pick is quadratic when a story holds many
 * copies of one sentence, each a redundant pick. */
static bool named_before(const ctx *x, size_t i, const size_t *chosen, size_t n);

static void heap_push(hitem *h, size_t *nh, hitem v) {
    size_t k = (*nh)++;
    h[k] = v;
    for (; k > 0 && hitem_before(h[k], h[(k - 1) / 2]); k = (k - 1) / 2) {
        hitem t = h[k];
        h[k] = h[(k - 1) / 2];
        h[(k - 1) / 2] = t;
    }
}

static size_t select_greedy(ctx *x, const sf_summarize_options *o, size_t *chosen,
                            size_t nchosen, score_fn score, take_fn take, void *user) {
    x->chosen_list = chosen;
    x->nchosen_list = nchosen;
    SF_VEC(size_t) pending = {0}; /* "The meeting" openers not yet resolved */
    size_t words = 0;
    for (size_t k = 0; k < nchosen; k++) words += x->sents.items[chosen[k]].words;
    hitem *h = sf__malloc((x->sents.n ? 2 * x->sents.n : 1) * sizeof *h); /* twice: see below */
    if (!h) return nchosen; /* out of memory: the summary stays as it is */
    size_t nh = 0;
    for (size_t i = 0; i < x->sents.n; i++) {
        if (x->sents.items[i].score < 0) continue; /* noise, or already used */
        /* a "sentence" of more than twice the whole budget (a text without
         * full stops, one huge line) is no summary of that budget; 200
         * words at least, so a tiny budget still gets a real sentence */
        if (x->sents.items[i].words > SF_MAX(2 * o->max_words, 200)) continue;
        double v = score(user, x, i);
        if (v > 0) h[nh++] = (hitem){v, i};
        else if (x->sents.items[i].ref && SF_VEC_PUSH(&pending, i) != SF_OK)
            break;
    }
    for (size_t k = nh / 2; k-- > 0;) heap_down(h, nh, k);
    while (words < o->max_words && nh) {
        hitem top = h[0];
        h[0] = h[--nh];
        heap_down(h, nh, 0);
        if (x->sents.items[top.i].score < 0) continue;
        /* a sentence may be in twice (made usable by two picks): one entry */
        while (nh && h[0].i == top.i) {
            h[0] = h[--nh];
            heap_down(h, nh, 0);
        }
        double v = score(user, x, top.i);
        if (v <= 0) continue;
        if (nh && !hitem_before((hitem){v, top.i}, h[0])) {
            h[nh++] = (hitem){v, top.i}; /* not the best any more: back in */
            for (size_t k = nh - 1; k > 0 && hitem_before(h[k], h[(k - 1) / 2]); k = (k - 1) / 2) {
                hitem t = h[k];
                h[k] = h[(k - 1) / 2];
                h[(k - 1) / 2] = t;
            }
            continue;
        }
        size_t best = top.i;
        sent *b = &x->sents.items[best];
        b->score = -1.0; /* used */
        size_t twin = SIZE_MAX;
        for (size_t k = 0; k < nchosen && twin == SIZE_MAX; k++)
            if (near_repeat(x, o, b, &x->sents.items[chosen[k]])) twin = chosen[k];
        if (twin != SIZE_MAX) {
            if (SF_VEC_PUSH(&x->merged, twin) == SF_OK && SF_VEC_PUSH(&x->merged, best) != SF_OK)
                x->merged.n--;
            continue;
        }
        chosen[nchosen++] = best;
        x->nchosen_list = nchosen;
        b->chosen = true;
        words += b->words;
        if (take) take(user, x, best);
        for (size_t k = 0; k < pending.n; k++) {
            size_t pi = pending.items[k];
            if (x->sents.items[pi].score < 0 || !named_before(x, pi, chosen, nchosen)) continue;
            double vp = score(user, x, pi);
            if (vp > 0) heap_push(h, &nh, (hitem){vp, pi});
            pending.items[k--] = pending.items[--pending.n];
        }
        /* the next sentence may lean on this one: now it can be scored */
        size_t nx = best + 1;
        if (nx < x->sents.n && x->sents.items[nx].article == b->article && x->sents.items[nx].needs_context &&
            x->sents.items[nx].score >= 0) {
            double vn = score(user, x, nx);
            if (vn > 0) {
                h[nh++] = (hitem){vn, nx};
                for (size_t k = nh - 1; k > 0 && hitem_before(h[k], h[(k - 1) / 2]); k = (k - 1) / 2) {
                    hitem t = h[k];
                    h[k] = h[(k - 1) / 2];
                    h[(k - 1) / 2] = t;
                }
            }
        }
    }
    sf__free(h);
    SF_VEC_FREE(&pending);
    x->nchosen_list = 0;
    return nchosen;
}

/* ---- centroid (MEAD) */
typedef struct centroid_state {
    term_weight *cen;
    size_t ncen;
} centroid_state;

static double centroid_score(void *user, const ctx *x, size_t i) {
    const centroid_state *cs = user;
    const sent *s = &x->sents.items[i];
    double cosv = dot(x->tw.items + s->tw_begin, s->tw_end - s->tw_begin, cs->cen, cs->ncen);
    /* news puts the event first; very short or long sentences are rarely
     * self-contained */
    double lead = 1.0 + 0.5 / (1.0 + (double)s->position);
    double shape = s->words < 8 ? 0.5 : s->words > 55 ? 0.7 : 1.0;
    return cosv * lead * shape;
}

/* ---- concepts (Gillick and Favre 2009) */
typedef struct concept_state {
    sf_map weight;  /* concept -> weight (articles using it, when frequent enough) */
    sf_map covered; /* concepts already in the summary */
    sf_map query;   /* terms of the reader's query (empty: generic) */
} concept_state;

static uint64_t bigram(uint64_t a, uint64_t b) {
    uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
    return h ? h : 1;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Each sentence's concepts: its bigrams of adjacent words, folded and not
 * stemmed, except those of two stopwords ("wall of" and "the city" are
 * concepts, "of the" is not): G&F's definition, and the unit ROUGE-2 counts.
 * A phrase with its function word says how a thing was reported ("killed
 * in", "the president"), which the reference summaries repeat; unstemmed,
 * "was killed" and "killing" are not one concept, and a concept needs the
 * same phrase from min_df articles. On DUC 2006 and DUC 2007 these scored
 * above stemmed or content-word bigrams (docs/summaries.md). */
static sf_status build_concepts(ctx *x, concept_state *cs, size_t ndocs) {
    sf_map df; /* concept -> (articles << 32) | (last article + 1) */
    sf_map boosted; /* concepts that share a word with the query */
    sf__map_init(&df);
    sf__map_init(&boosted);
    sf_status st = SF_OK;
    for (size_t i = 0; st == SF_OK && i < x->sents.n; i++) {
        sent *s = &x->sents.items[i];
        s->c_begin = x->concepts.n;
        for (size_t k = s->seq_begin; st == SF_OK && k + 1 < s->seq_end; k++)
        {
            if (x->stop.items[k] && x->stop.items[k + 1]) continue;
            uint64_t cpt = bigram(x->seq.items[k], x->seq.items[k + 1]);
            st = SF_VEC_PUSH(&x->concepts, cpt);
            if (st == SF_OK && sf__map_count(&cs->query) &&
                ((!x->stop.items[k] && sf__map_find(&cs->query, x->seq.items[k])) ||
                 (!x->stop.items[k + 1] && sf__map_find(&cs->query, x->seq.items[k + 1])))) {
                uint64_t *b = sf__map_slot(&boosted, cpt);
                if (!b) st = SF_ERR_NOMEM;
                else *b = 1;
            }
        }
        if (st != SF_OK) break;
        uint64_t *cv = x->concepts.items ? x->concepts.items + s->c_begin : NULL;
        size_t n = x->concepts.n - s->c_begin, m = 0;
        if (n > 1) qsort(cv, n, sizeof *cv, cmp_u64); /* cv is NULL before the first concept */
        for (size_t k = 0; k < n; k++)
            if (!m || cv[m - 1] != cv[k]) cv[m++] = cv[k];
        x->concepts.n = s->c_begin + m;
        s->c_end = x->concepts.n;
        if (s->score < 0) continue; /* noise does not vote */
        for (size_t k = s->c_begin; k < s->c_end; k++) {
            uint64_t *v = sf__map_slot(&df, x->concepts.items[k]);
            if (!v) {
                st = SF_ERR_NOMEM;
                break;
            }
            uint64_t last = *v & 0xffffffffu, art = (uint64_t)s->article + 1;
            if (last != art) *v = ((*v >> 32) + 1) << 32 | art;
        }
    }
    /* A concept counts when several articles use it: what the sources
     * report together. Small stories need less agreement. The weight is
     * the number of articles, unscaled: other thresholds, weights by
     * sentences or by a background IDF each lowered DUC 2006 or DUC 2007
     * (docs/summaries.md). */
    uint64_t min_df = ndocs >= 8 ? 3 : ndocs >= 2 ? 2 : 1;
    for (size_t i = 0; st == SF_OK && i < df.cap; i++) {
        if (!df.keys[i]) continue;
        uint64_t d = df.vals[i] >> 32;
        if (d < min_df) continue;
        uint64_t *w = sf__map_slot(&cs->weight, df.keys[i]);
        if (!w) st = SF_ERR_NOMEM;
        else *w = sf__map_find(&boosted, df.keys[i]) ? 2 * d : d;
    }
    sf__map_release(&df);
    sf__map_release(&boosted);
    return st;
}

/* A summary sentence must stand on its own and report: too short, a
 * quotation (voices, not facts), or leaning on what came before ("He
 * said...", "But...") are left out. Each rule raised ROUGE-2 recall on DUC
 * 2006 (quotations +0.0015, context-dependent openers +0.0013).
 *
 * Nor one of more than MAX_SENTENCE_WORDS words (the length the centroid
 * rule already calls long): a run of clauses that costs a fifth of a
 * 250-word budget, and half of a 100-word one, for one sentence's facts.
 * Any limit from 50 to 70 raises ROUGE-2 a little on both DUC 2006 and DUC
 * 2007 (inside the noise of either set, but the same sign over the range;
 * docs/summaries.md). */
enum { MAX_SENTENCE_WORDS = 55 };

static bool stands_alone(const sent *s) {
    return s->words >= 6 && s->words <= MAX_SENTENCE_WORDS && !s->quote && !s->needs_context &&
           !s->fragment;
}

/* A sentence that opens by pointing back ("He said", "The meeting") is
 * resolved when the sentence before it in its article is in the summary:
 * the reading order puts it right after that one (the same report, the next
 * position), so the reference has its antecedent. Otherwise it is not
 * chosen. ROUGE-2 is the same as when such sentences are never chosen (a
 * follower rarely beats the other candidates); the rule is there for the
 * summaries it allows. */
/* Is the noun of i's definite opener ("The meeting") named by a sentence
 * of chosen[0..n) that the reading order puts before i? */
static bool named_before(const ctx *x, size_t i, const size_t *chosen, size_t n) {
    const sent *s = &x->sents.items[i];
    /* where i's report would go in the printed order (cmp_summary): at
     * its first pick, or after every report picked so far */
    size_t ri = n;
    for (size_t k = 0; k < n && ri == n; k++)
        if (x->sents.items[chosen[k]].article == s->article) ri = k;
    for (size_t k = 0; k < n; k++) {
        const sent *t = &x->sents.items[chosen[k]];
        if (!t->chosen || cmp_summary(x, chosen[k], article_rank(x, chosen, n, k), i, ri, x->corpus) >= 0)
            continue;
        for (size_t q = t->seq_begin; q < t->seq_end; q++)
            if (x->seq.items[q] == s->ref) return true;
    }
    return false;
}

static bool mentions(const ctx *x, size_t j, uint64_t word) {
    const sent *t = &x->sents.items[j];
    for (size_t q = t->seq_begin; q < t->seq_end; q++)
        if (x->seq.items[q] == word) return true;
    return false;
}

static bool usable(const ctx *x, size_t i) {
    const sent *s = &x->sents.items[i];
    if (stands_alone(s)) return true;
    if (!s->needs_context || s->quote || s->fragment || s->words < 6 || s->words > MAX_SENTENCE_WORDS)
        return false;
    if (i > 0 && x->sents.items[i - 1].article == s->article && x->sents.items[i - 1].chosen) return true;
    return s->ref && named_before(x, i, x->chosen_list, x->nchosen_list);
}

static double concept_score(void *user, const ctx *x, size_t i) {
    concept_state *cs = user;
    const sent *s = &x->sents.items[i];
    double gain = 0;
    for (size_t k = s->c_begin; k < s->c_end; k++) {
        uint64_t c = x->concepts.items[k];
        if (sf__map_find(&cs->covered, c)) continue;
        const uint64_t *w = sf__map_find(&cs->weight, c);
        if (w) gain += (double)*w;
    }
    if (!usable(x, i)) return 0;
    /* Gain per square root of length, the greedy rule for a budgeted
     * coverage objective: per word favours fragments, raw gain favours long
     * sentences; the square root scored best on DUC 2006 (ROUGE-2 0.0930
     * against 0.0917 per word). No lead bonus: coverage already finds what
     * the articles share. */
    return gain / sqrt((double)s->words);
}

static void concept_take(void *user, const ctx *x, size_t i) {
    concept_state *cs = user;
    const sent *s = &x->sents.items[i];
    for (size_t k = s->c_begin; k < s->c_end; k++) {
        uint64_t *v = sf__map_slot(&cs->covered, x->concepts.items[k]);
        if (v) *v = 1;
    }
}

/* The centroid rule among sentences a concept summary may use. */
static double fill_score(void *user, const ctx *x, size_t i) {
    if (!usable(x, i)) return 0;
    return centroid_score(user, x, i);
}

/* ---- the opening sentence
 * The first bullet says what happened: among the leads of the earliest
 * reports, the sentence that best covers the story's central concepts (by
 * the selection's own score before anything is chosen: concept weight per
 * square-root length, or the centroid score). Earliest reports: the first
 * quarter of the articles in time order (at least one, and every report
 * tied in time with the last of them; with no times known, all). Leads: the
 * first LEAD_SENTENCES sentences of each, of those a summary may use (the
 * first one only when no report has a headline of the story).
 * Where the reports have headlines, the candidate holding the largest share
 * of one headline's words comes first (an editor's line of what happened),
 * the score breaking ties (on SGML, ROUGE-2 up on DUC 2007 for a little
 * less on DUC 2006; docs/summaries.md). */
enum { LEAD_SENTENCES = 2 };

/* The largest share of one headline's light terms that sentence s holds
 * (0 with no headlines): the lead candidate that says what an editor put
 * in a headline says what happened. Titles tb[k] .. tb[k + 1] in tt. */
static double title_cover(const ctx *x, const sent *s, const sf__u64vec *tt, const size_t *tb, size_t nt) {
    double best = 0;
    const uint64_t *q = x->lw.items + s->lw_begin;
    size_t nq = s->lw_end - s->lw_begin;
    for (size_t k = 0; k < nt; k++) {
        size_t b = tb[k], e = k + 1 < nt ? tb[k + 1] : tt->n, inter = 0;
        for (size_t i = b, j = 0; i < e && j < nq;) {
            if (tt->items[i] < q[j]) i++;
            else if (tt->items[i] > q[j]) j++;
            else inter++, i++, j++;
        }
        if (e > b && (double)inter / (double)(e - b) > best) best = (double)inter / (double)(e - b);
    }
    return best;
}

typedef SF_VEC(size_t) sf__sizevec;

/* The reports' headlines as light terms, each sorted (tb: where each one's
 * terms begin in tt), of those that are the story's: a headline counts
 * when at least half of its words are used by another report of the story.
 * A headline that only its own report uses is that report's (a review's
 * book title, an off-topic report grouped in, a byline or desk note read as
 * a title) and does not say what the story is. Every titled report counts,
 * also after an untitled one. */
static void headlines(const ctx *x, const sf_corpus *c, const size_t *arts, size_t narts, sf__u64vec *tt,
                      sf__sizevec *tb) {
    sf_map used; /* light term -> its report + 1, or UINT64_MAX when several use it */
    sf__map_init(&used);
    for (size_t i = 0; i < x->sents.n; i++) {
        const sent *s = &x->sents.items[i];
        for (size_t k = s->lw_begin; k < s->lw_end; k++) {
            uint64_t *v = sf__map_slot(&used, x->lw.items[k]);
            if (!v) {
                sf__map_release(&used);
                return; /* out of memory: no headlines, the score decides */
            }
            if (!*v) *v = (uint64_t)s->article + 1;
            else if (*v != (uint64_t)s->article + 1) *v = UINT64_MAX;
        }
    }
    for (size_t k = 0; k < narts; k++) {
        const char *t = sf_corpus_get(c, arts[k])->title;
        if (!t || !*t) continue;
        size_t b = tt->n, shared = 0;
        if (SF_VEC_PUSH(tb, b) != SF_OK) break;
        if (sf__light_terms(t, strlen(t), tt) != SF_OK) {
            tb->n--;
            tt->n = b;
            break;
        }
        for (size_t i = b; i < tt->n; i++) {
            const uint64_t *v = sf__map_find(&used, tt->items[i]);
            shared += v && *v != (uint64_t)arts[k] + 1;
        }
        if (2 * shared < tt->n - b) tb->n--, tt->n = b; /* not the story's headline */
    }
    sf__map_release(&used);
}

static size_t pick_lead(ctx *x, const sf_corpus *c, score_fn score, void *user, double *lv, bool *by_headline) {
    SF_VEC(size_t) arts = {0};
    for (size_t i = 0; i < x->sents.n; i++)
        if ((!arts.n || arts.items[arts.n - 1] != x->sents.items[i].article) &&
            SF_VEC_PUSH(&arts, x->sents.items[i].article) != SF_OK)
            break;
    size_t best = SIZE_MAX;
    if (!arts.n) return best;
    for (size_t i = 1; i < arts.n; i++) /* insertion sort: a story's reports */
        for (size_t k = i; k > 0 && cmp_report(c, arts.items[k], arts.items[k - 1]) < 0; k--) {
            size_t t = arts.items[k];
            arts.items[k] = arts.items[k - 1];
            arts.items[k - 1] = t;
        }
    size_t early = (arts.n + 3) / 4;
    int64_t last = sf_corpus_get(c, arts.items[early - 1])->published;
    while (early < arts.n && sf_corpus_get(c, arts.items[early])->published == last) early++;
    /* the reports' headlines, as light terms: a title says what happened */
    sf__u64vec tt = {0};
    sf__sizevec tb = {0}; /* where each title's terms begin in tt */
    headlines(x, c, arts.items, arts.n, &tt, &tb);
    /* With no headline to say which of a lede's sentences states the
     * event, the first one does: the writer's own line of what happened.
     * The second is as often background, and a later report's background
     * recaps the story so far, which covers its concepts best (DUC 2007
     * D0721E-C as plain text: "A jury has now convicted Aaron McKinney of
     * murder ..." leads, not a report's second sentence "The prosecution had
     * originally asked for the death penalty ..."). */
    size_t per_report = tb.n ? LEAD_SENTENCES : 1;
    double best_v = 0;
    for (size_t i = 0, taken = 0, art = SIZE_MAX; i < x->sents.n; i++) {
        const sent *s = &x->sents.items[i];
        if (s->article != art) art = s->article, taken = 0;
        if (s->score < 0 || !stands_alone(s) || taken >= per_report) continue;
        taken++;
        bool is_early = false;
        for (size_t k = 0; k < early && !is_early; k++) is_early = arts.items[k] == s->article;
        if (!is_early) continue;
        double v = score(user, x, i);
        /* the headline decides; the score breaks its ties (and alone
         * decides with no headline): v / (v + 1) < 1 moves the key by
         * less than any two shares of words differ */
        if (v > 0) v = title_cover(x, s, &tt, tb.items, tb.n) + 1e-4 * v / (v + 1.0);
        lv[i] = v;
        if (v > best_v) best_v = v, best = i;
    }
    *by_headline = best != SIZE_MAX && title_cover(x, &x->sents.items[best], &tt, tb.items, tb.n) > 0;
    SF_VEC_FREE(&arts);
    SF_VEC_FREE(&tt);
    SF_VEC_FREE(&tb);
    return best;
}

/* Greedy selection with the lead. The lead candidates are scored before
 * anything is chosen; the greedy pass then runs as without a lead. When a
 * headline picked the lead, that candidate opens (an editor's line of what
 * happened outweighs the greedy pass's liking for another lead: in the
 * seeds example the greedy pass prefers the SDF breaching "the Rafiqah wall"
 * to the candidate saying Raqqa's Old City wall was breached by US-led
 * strikes and SDF fighters). Without a headline, when the greedy pass
 * chose one of the candidates, the best of those (by that first score) is
 * the lead: the two rules agree on it. Otherwise the best candidate is put
 * first, chosen sentences that repeat it are dropped (it cites them), and
 * the last picks are dropped while the rest still fills the budget. Forcing
 * the lead in before the greedy pass scores lower on both DUC sets
 * (docs/summaries.md). */
static size_t select_with_lead(ctx *x, const sf_corpus *c, const sf_summarize_options *o,
                               size_t *chosen, score_fn score, take_fn take, void *user) {
    double *lv = sf__calloc(x->sents.n ? x->sents.n : 1, sizeof *lv);
    bool by_headline = false;
    size_t lead = lv ? pick_lead(x, c, score, user, lv, &by_headline) : SIZE_MAX;
    size_t n = select_greedy(x, o, chosen, 0, score, take, user);
    x->lead = SIZE_MAX;
    double best = 0;
    for (size_t k = 0; lv && k < n; k++)
        if (by_headline ? chosen[k] == lead : lv[chosen[k]] > best) best = lv[chosen[k]], x->lead = chosen[k];
    sf__free(lv);
    if (x->lead != SIZE_MAX || lead == SIZE_MAX) return n;
    x->lead = lead;
    x->sents.items[lead].score = -1.0;
    x->sents.items[lead].chosen = true;
    size_t m = 0, words = x->sents.items[lead].words;
    for (size_t k = 0; k < n; k++) {
        size_t i = chosen[k];
        sent *si = &x->sents.items[i];
        /* picks in greedy order: an antecedent comes before what leans on it */
        bool orphan = !stands_alone(si) && !(i > 0 && x->sents.items[i - 1].chosen) &&
                      !(si->ref && (named_before(x, i, chosen, m) || mentions(x, lead, si->ref)));
        bool repeat = near_repeat(x, o, si, &x->sents.items[lead]);
        if (repeat && SF_VEC_PUSH(&x->merged, lead) == SF_OK && SF_VEC_PUSH(&x->merged, i) != SF_OK)
            x->merged.n--;
        if (repeat || orphan || words >= o->max_words) {
            si->chosen = false;
            continue;
        }
        words += si->words;
        chosen[m++] = i;
    }
    memmove(chosen + 1, chosen, m * sizeof *chosen);
    chosen[0] = lead;
    return m + 1;
}

/* ---- the exact concept objective (Gillick and Favre 2009, section 3)
 *
 *   maximize  sum_i w_i c_i
 *   subject to  sum_j l_j s_j <= L,   c_i <= sum_{j holds i} s_j,
 *               s_j in {0,1},  0 <= c_i <= 1
 *
 * G&F also write s_j <= c_i (a chosen sentence covers its concepts). With
 * positive weights a maximum sets c_i = min(1, sum s_j) anyway, so those rows
 * change neither the optimum nor the LP bound and are left out: the program
 * has one row per concept and one for the budget. c_i need not be declared
 * integer for the same reason; GLPK branches on sentences only. As G&F did,
 * only concepts with weight and sentences holding one of them enter, and
 * only sentences that may be used at all (stands_alone).
 *
 * The budget L is the word limit, kept strictly: the summary is printed in
 * reading order and cut there, so a further sentence that does not fit would
 * push out the end of another chosen one, not its own (measured: filling the
 * rest greedily lowered ROUGE-2 from 0.0927 to 0.0920).
 *
 * The optimum covers 1-10% more concept weight than the greedy rule but
 * scores lower in ROUGE-2 on DUC 2006 and DUC 2007: it packs more, shorter
 * sentences, whose concepts are cheap and whose other words carry less. So
 * the greedy rule is the default and this is SF_SUMMARY_CONCEPTS_ILP
 * (figures, and what did not close the gap: docs/summaries.md). When the
 * optimum leaves words unused it is filled by the centroid rule as the
 * greedy summary is.
 *
 * Speed: GLPK's branch and bound starts from the greedy solution of the same
 * program (fitting sentences only) as its incumbent. Branching stops after
 * ILP_MAX_NODES subproblems - a count, not a clock, so the summary does not
 * depend on the machine's load; then the best solution found is used, which
 * is never worse than the greedy one. On DUC 2006 one topic of 50 reaches
 * the cap (times: bench/bench_summarize.c, docs/summaries.md). GLPK stops
 * the process itself on an internal failure (out of memory included); it is
 * not given the chance on anything but this small, well-formed program. */
#ifdef SF_HAVE_GLPK
enum { ILP_MAX_NODES = 2000 };

typedef struct ilp_state {
    const double *start; /* 1-based column values of the greedy solution */
    bool start_given;
    size_t nodes;
} ilp_state;

static void ilp_callback(glp_tree *tree, void *info) {
    ilp_state *is = info;
    switch (glp_ios_reason(tree)) {
    case GLP_IHEUR:
        if (!is->start_given) {
            is->start_given = true;
            glp_ios_heur_sol(tree, is->start);
        }
        break;
    case GLP_ISELECT:
        if (++is->nodes > ILP_MAX_NODES) glp_ios_terminate(tree);
        break;
    default:
        break;
    }
}

/* Greedy start for the program: by gain per square-root length among the
 * sentences that still fit. Marks x[1..ns] and x[ns+1..ns+nc]. */
static void ilp_greedy_start(const size_t *len, const size_t *cbeg, const int *cols, size_t ns,
                             const double *w, size_t budget, double *xv) {
    size_t used = 0;
    for (;;) {
        size_t best = SIZE_MAX;
        double best_v = 0;
        for (size_t j = 0; j < ns; j++) {
            if (xv[1 + j] > 0.5 || used + len[j] > budget) continue;
            double gain = 0;
            for (size_t k = cbeg[j]; k < cbeg[j + 1]; k++)
                if (xv[cols[k]] < 0.5) gain += w[cols[k] - 1 - ns];
            double v = gain / sqrt((double)len[j]);
            if (v > best_v) best_v = v, best = j;
        }
        if (best == SIZE_MAX) break;
        xv[1 + best] = 1.0;
        used += len[best];
        for (size_t k = cbeg[best]; k < cbeg[best + 1]; k++) xv[cols[k]] = 1.0;
    }
}

/* Solve the program over the usable sentences; the chosen ones are written
 * to `chosen` (and marked used, their concepts covered), their number to
 * `nchosen` (0 when no usable sentence holds a weighted concept). */
static sf_status select_ilp(ctx *x, concept_state *cs, size_t budget, size_t *chosen,
                            size_t *nchosen) {
    *nchosen = 0;
    sf_map col; /* concept -> its column (ns + 1 + index) */
    sf__map_init(&col);
    SF_VEC(size_t) sid = {0};   /* program sentence -> x->sents index */
    SF_VEC(size_t) len = {0};
    SF_VEC(size_t) cbeg = {0};  /* range of each sentence in cidx */
    SF_VEC(uint64_t) cidx = {0}; /* concept index (0-based) per sentence */
    SF_VEC(double) w = {0};
    int *ia = NULL, *ja = NULL, *cols = NULL;
    double *ar = NULL, *xv = NULL;
    glp_prob *lp = NULL;
    sf_status st = SF_OK;

    for (size_t i = 0; st == SF_OK && i < x->sents.n; i++) {
        const sent *s = &x->sents.items[i];
        if (s->score < 0 || !stands_alone(s) || s->words > budget) continue;
        size_t before = cidx.n;
        for (size_t k = s->c_begin; st == SF_OK && k < s->c_end; k++) {
            uint64_t c = x->concepts.items[k];
            const uint64_t *wt = sf__map_find(&cs->weight, c);
            if (!wt) continue;
            uint64_t *slot = sf__map_slot(&col, c);
            if (!slot) {
                st = SF_ERR_NOMEM;
                break;
            }
            if (!*slot) {
                st = SF_VEC_PUSH(&w, (double)*wt);
                *slot = w.n; /* 1-based concept number */
            }
            if (st == SF_OK) st = SF_VEC_PUSH(&cidx, *slot - 1);
        }
        if (st != SF_OK || cidx.n == before) continue; /* no weighted concept */
        st = SF_VEC_PUSH(&sid, i);
        if (st == SF_OK) st = SF_VEC_PUSH(&len, s->words);
        if (st == SF_OK) st = SF_VEC_PUSH(&cbeg, before);
    }
    if (st == SF_OK) st = SF_VEC_PUSH(&cbeg, cidx.n);
    size_t ns = sid.n, nc = w.n, npairs = cidx.n;
    if (st != SF_OK || ns == 0 || nc == 0) goto done;
    /* GLPK counts rows, columns and entries in int */
    if (ns + nc + 2 * npairs + 1 > (size_t)INT32_MAX / 2) goto done; /* greedy alone */
    size_t nz = ns + nc + npairs;
    ia = sf__malloc((nz + 1) * sizeof *ia);
    ja = sf__malloc((nz + 1) * sizeof *ja);
    ar = sf__malloc((nz + 1) * sizeof *ar);
    cols = sf__malloc((npairs ? npairs : 1) * sizeof *cols);
    xv = sf__calloc(ns + nc + 1, sizeof *xv);
    if (!ia || !ja || !ar || !cols || !xv) {
        st = SF_ERR_NOMEM;
        goto done;
    }
    size_t e = 0;
    for (size_t j = 0; j < ns; j++) { /* budget row */
        e++;
        ia[e] = 1, ja[e] = (int)(1 + j), ar[e] = (double)len.items[j];
    }
    for (size_t i = 0; i < nc; i++) { /* c_i ... */
        e++;
        ia[e] = (int)(2 + i), ja[e] = (int)(1 + ns + i), ar[e] = 1.0;
    }
    for (size_t j = 0; j < ns; j++) /* ... - sum of sentences holding i <= 0 */
        for (size_t k = cbeg.items[j]; k < cbeg.items[j + 1]; k++) {
            e++;
            ia[e] = (int)(2 + cidx.items[k]), ja[e] = (int)(1 + j), ar[e] = -1.0;
            cols[k] = (int)(1 + ns + cidx.items[k]);
        }

    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_rows(lp, (int)(1 + nc));
    glp_add_cols(lp, (int)(ns + nc));
    glp_set_row_bnds(lp, 1, GLP_UP, 0.0, (double)budget);
    for (size_t i = 0; i < nc; i++) glp_set_row_bnds(lp, (int)(2 + i), GLP_UP, 0.0, 0.0);
    for (size_t j = 0; j < ns; j++) glp_set_col_kind(lp, (int)(1 + j), GLP_BV);
    for (size_t i = 0; i < nc; i++) {
        glp_set_col_bnds(lp, (int)(1 + ns + i), GLP_DB, 0.0, 1.0);
        glp_set_obj_coef(lp, (int)(1 + ns + i), w.items[i]);
    }
    glp_load_matrix(lp, (int)e, ia, ja, ar);

    ilp_greedy_start(len.items, cbeg.items, cols, ns, w.items, budget, xv);
    ilp_state is = {.start = xv};
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.cb_func = ilp_callback;
    ip.cb_info = &is;
    /* mixed-integer rounding cuts: median 40 ms against 48 ms without on the
     * DUC 2006 topics; GLPK's cover cuts, pseudocost branching,
     * best-projection backtracking and Gomory cuts are no faster */
    ip.mir_cuts = GLP_ON;
    /* the library never prints: GLPK's own terminal output off too */
    int term = glp_term_out(GLP_OFF);
    int ret = glp_simplex(lp, &sp);
    if (ret == 0 && glp_get_status(lp) == GLP_OPT) ret = glp_intopt(lp, &ip);
    glp_term_out(term);
    int mst = glp_mip_status(lp);
    bool use_mip = (ret == 0 || ret == GLP_ESTOP) && (mst == GLP_OPT || mst == GLP_FEAS);
    for (size_t j = 0; j < ns; j++) {
        double v = use_mip ? glp_mip_col_val(lp, (int)(1 + j)) : xv[1 + j];
        if (v < 0.5) continue;
        size_t i = sid.items[j];
        chosen[(*nchosen)++] = i;
        x->sents.items[i].score = -1.0; /* used */
        concept_take(cs, x, i);
    }

done:
    if (lp) glp_delete_prob(lp);
    sf__free(ia);
    sf__free(ja);
    sf__free(ar);
    sf__free(cols);
    sf__free(xv);
    SF_VEC_FREE(&sid);
    SF_VEC_FREE(&len);
    SF_VEC_FREE(&cbeg);
    SF_VEC_FREE(&cidx);
    SF_VEC_FREE(&w);
    sf__map_release(&col);
    return st;
}

#else
/* Built without GLPK (SF_GLPK=OFF or libglpk-dev absent): sf__summarize
 * refuses the method before this is reached. */
static sf_status select_ilp(ctx *x, concept_state *cs, size_t budget, size_t *chosen,
                            size_t *nchosen) {
    (void)x, (void)cs, (void)budget, (void)chosen;
    *nchosen = 0;
    return SF_ERR_UNSUPPORTED;
}
#endif

/* ---- coverage and diversity (Lin and Bilmes 2011)
 *
 *   F(S) = sum_i min(C_i(S), a/N * C_i(V)) + lambda * sum_k sqrt(sum_{j in S, P_k} r_j)
 *
 * C_i(S) = sum_{j in S} w_ij is how well the summary covers sentence i (w: the
 * TF-IDF cosine), saturated at a/N of what the whole story gives it, so a
 * part of the story once covered stops paying; the square roots over
 * clusters P_k of sentences reward drawing from several clusters, with
 * r_j = mean w_ij, how central sentence j is. F is monotone submodular, so
 * the cost-scaled greedy rule (gain / words^rho) is near optimal. Settings as
 * L&B used them on DUC 2004: a = 5, lambda = 6, rho = 0.3, K = N/5 clusters.
 * Clusters here are k-medoids in one pass (medoids chosen farthest-first,
 * each sentence joins its most similar medoid) instead of k-means, which
 * would cost a pass over every term of every centroid per iteration.
 * Budget as the concept greedy: sentences are added until the budget is
 * reached and the summary is cut there.
 * Cost: N x N similarities; stories of more than LB_MAX_GROUND sentences are
 * covered over an even sample of that many (the candidates are all kept).
 * Cosine coverage finds the words the story is about (ROUGE-1 above
 * concepts on DUC 2006) but not the phrases (ROUGE-2 well below on both
 * DUC sets; docs/summaries.md): concepts stay the default. */
enum { LB_MAX_GROUND = 2000 };

static size_t select_lin_bilmes(ctx *x, size_t budget, size_t *chosen) {
    size_t nc = 0, ng = 0;
    size_t *cand = sf__malloc((x->sents.n ? x->sents.n : 1) * sizeof *cand);
    size_t *ground = sf__malloc((x->sents.n ? x->sents.n : 1) * sizeof *ground);
    size_t usable = 0;
    for (size_t i = 0; i < x->sents.n; i++) usable += x->sents.items[i].score >= 0;
    size_t step = usable > LB_MAX_GROUND ? (usable + LB_MAX_GROUND - 1) / LB_MAX_GROUND : 1;
    for (size_t i = 0, u = 0; cand && ground && i < x->sents.n; i++) {
        const sent *s = &x->sents.items[i];
        if (s->score < 0) continue;
        if (u++ % step == 0) ground[ng++] = i;
        if (stands_alone(s)) cand[nc++] = i;
    }
    float *w = cand && ground && nc ? sf__calloc(nc * ng, sizeof *w) : NULL;
    double *sat = sf__calloc(ng ? ng : 1, sizeof *sat), *cov = sf__calloc(ng ? ng : 1, sizeof *cov);
    double *r = sf__calloc(nc ? nc : 1, sizeof *r), *csum = sf__calloc(nc ? nc : 1, sizeof *csum);
    size_t *cluster = sf__calloc(nc ? nc : 1, sizeof *cluster), *medoid = sf__calloc(nc ? nc : 1, sizeof *medoid);
    double *far = sf__calloc(nc ? nc : 1, sizeof *far);
    bool *used = sf__calloc(nc ? nc : 1, sizeof *used);
    size_t n = 0;
    if (!w || !sat || !cov || !r || !csum || !cluster || !medoid || !far || !used) goto done;
    const double a = 5.0, lambda = 6.0, rho = 0.3;
    for (size_t j = 0; j < nc; j++)
        for (size_t g = 0; g < ng; g++) {
            double v = sent_cos(x, &x->sents.items[cand[j]], &x->sents.items[ground[g]]);
            w[j * ng + g] = (float)v;
            sat[g] += v;
            r[j] += v;
        }
    for (size_t g = 0; g < ng; g++) sat[g] *= a / (double)ng;
    for (size_t j = 0; j < nc; j++) r[j] /= (double)ng;
    /* k-medoids over the candidates, one pass; similarity between two
     * candidates by cosine (sentence self-similarity is 1) */
    size_t k = SF_MAX((size_t)1, nc / 5);
    for (size_t j = 0; j < nc; j++) far[j] = 2.0;
    size_t m = 0; /* first medoid: the most central sentence */
    for (size_t j = 1; j < nc; j++)
        if (r[j] > r[m]) m = j;
    for (size_t c = 0; c < k; c++) {
        medoid[c] = m;
        size_t next = m;
        double worst = -1;
        for (size_t j = 0; j < nc; j++) {
            double sim = sent_cos(x, &x->sents.items[cand[j]], &x->sents.items[cand[m]]);
            double d = 1.0 - sim;
            if (d < far[j]) {
                far[j] = d;
                cluster[j] = c;
            }
            if (far[j] > worst) worst = far[j], next = j;
        }
        m = next;
    }
    size_t words = 0;
    while (words < budget) {
        size_t best = SIZE_MAX;
        double best_v = 0;
        for (size_t j = 0; j < nc; j++) {
            if (used[j]) continue;
            const float *row = w + j * ng;
            double gain = 0;
            for (size_t g = 0; g < ng; g++) {
                double before = cov[g] < sat[g] ? cov[g] : sat[g];
                double after = cov[g] + row[g] < sat[g] ? cov[g] + row[g] : sat[g];
                gain += after - before;
            }
            gain += lambda * (sqrt(csum[cluster[j]] + r[j]) - sqrt(csum[cluster[j]]));
            double v = gain / pow((double)x->sents.items[cand[j]].words, rho);
            if (v > best_v) best_v = v, best = j;
        }
        if (best == SIZE_MAX) break;
        used[best] = true;
        for (size_t g = 0; g < ng; g++) cov[g] += w[best * ng + g];
        csum[cluster[best]] += r[best];
        chosen[n++] = cand[best];
        x->sents.items[cand[best]].score = -1.0;
        words += x->sents.items[cand[best]].words;
    }
done:
    sf__free(cand);
    sf__free(ground);
    sf__free(w);
    sf__free(sat);
    sf__free(cov);
    sf__free(r);
    sf__free(csum);
    sf__free(cluster);
    sf__free(medoid);
    sf__free(far);
    sf__free(used);
    return n;
}

/* Share of s's distinct stemmed terms that t also has: does t say what s
 * says (it may say more)? */
static double containment(const ctx *x, const sent *s, const sent *t) {
    size_t ns = s->tw_end - s->tw_begin, inter = 0;
    if (!ns) return 0;
    const term_weight *a = x->tw.items + s->tw_begin, *b = x->tw.items + t->tw_begin;
    size_t nb = t->tw_end - t->tw_begin;
    for (size_t i = 0, j = 0; i < ns && j < nb;) {
        if (a[i].term < b[j].term) i++;
        else if (a[i].term > b[j].term) j++;
        else inter++, i++, j++;
    }
    return (double)inter / (double)ns;
}

/* Attribution: the source article, every article with a sentence that says
 * nearly the same, and the copies of each. */
static sf_status attribute(const ctx *x, const sent *s, const size_t *articles, size_t n,
                           const size_t *dup_of, double min_share, sf_summary_sentence *out) {
    if (s->compressed) {
        out->text = sf__strndup(x->ctext.p + s->text_off, s->text_len);
        if (!out->text) return SF_ERR_NOMEM;
    }
    SF_VEC(size_t) src = {0};
    sf_status st = SF_VEC_PUSH(&src, s->article);
    /* near-repeats dropped in its favour: their sources cite it too */
    size_t self = (size_t)(s - x->sents.items);
    for (size_t k = 0; st == SF_OK && k + 1 < x->merged.n; k += 2)
        if (x->merged.items[k] == self) st = SF_VEC_PUSH(&src, x->sents.items[x->merged.items[k + 1]].article);
    for (size_t i = 0; st == SF_OK && i < x->sents.n; i++) {
        const sent *t = &x->sents.items[i];
        if (t->article == s->article || t->noise) continue;
        if (containment(x, s, t) >= min_share) st = SF_VEC_PUSH(&src, t->article);
    }
    if (dup_of) {
        size_t base = src.n;
        for (size_t i = 0; st == SF_OK && i < n; i++) {
            size_t a = articles[i];
            if (dup_of[a] == SIZE_MAX) continue;
            for (size_t j = 0; j < base; j++)
                if (src.items[j] == dup_of[a]) {
                    st = SF_VEC_PUSH(&src, a);
                    break;
                }
        }
    }
    if (st != SF_OK) {
        SF_VEC_FREE(&src);
        sf__free(out->text);
        out->text = NULL;
        return st;
    }
    qsort(src.items, src.n, sizeof *src.items, cmp_size);
    size_t m = 0;
    for (size_t i = 0; i < src.n; i++)
        if (!m || src.items[m - 1] != src.items[i]) src.items[m++] = src.items[i];
    out->article = s->article;
    out->span = s->span;
    out->sources = src.items;
    out->nsources = m;
    return SF_OK;
}

sf_status sf__summarize(const sf_corpus *c, const size_t *articles, size_t n,
                        const size_t *dup_of, const sf_summarize_options *o,
                        sf_summary *out, sf_error *err) {
    memset(out, 0, sizeof *out);
    sf_summarize_options opt = o ? *o : (sf_summarize_options){0};
    if (!opt.lang) opt.lang = "en";
    if (!opt.max_words) opt.max_words = 100;
    if (opt.redundancy <= 0) opt.redundancy = 0.6;
    /* Calibrated on the MSRP paraphrase pairs (bench/bench_paraphrase.c):
     * the overlap coefficient of stemmed terms is most accurate at 0.59
     * (accuracy 0.710, precision 0.742, recall 0.876); containment of the
     * summary sentence is the same measure seen from that sentence. */
    if (opt.attribution <= 0) opt.attribution = 0.6;

#ifndef SF_HAVE_GLPK
    if (opt.method == SF_SUMMARY_CONCEPTS_ILP)
        return sf__error_set(err, SF_ERR_UNSUPPORTED,
                             "the summary method concepts-ilp needs GLPK, which this build "
                             "lacks (install libglpk-dev and configure again)");
#endif
    lazy_analyzer z = {.lang = opt.lang};
    ctx x = {0};
    x.lead = SIZE_MAX;
    x.corpus = c;
    sf__buf_init(&x.ctext, 0);
    sf__buf_init(&x.scratch, 0);
    x.compress = opt.compress;
    x.boilerplate = opt.boilerplate;
    x.nboilerplate = opt.nboilerplate;
    sf__buf_init(&x.fold, 0);
    sf_status st = SF_OK;
    size_t ndocs = 0, lists = 0;
    for (size_t i = 0; i < n && st == SF_OK; i++) {
        size_t a = articles[i], from = x.sents.n;
        if (dup_of && dup_of[a] != SIZE_MAX) continue; /* a copy says what its canonical says */
        ndocs++;
        bool list = false;
        st = read_article(&x, &z, opt.docs ? &opt.docs[a] : NULL, sf_corpus_get(c, a), a, opt.lang, &list);
        for (size_t k = from; list && k < x.sents.n; k++) x.sents.items[k].listed = true;
        lists += list;
    }
    sf__analyzer_destroy(z.an);
    /* A list of stories is not a report of this one: its lines are teasers
     * and notes to editors ("CoxNet layouts are for sale over the web ...",
     * "Additionally, separate features and commentary budgets move at 10
     * a.m."). Its sentences are left out when the story has a report; a
     * story of lists alone is summarized from them (ROUGE-2 up on DUC 2006;
     * docs/summaries.md). */
    for (size_t i = 0; lists < ndocs && i < x.sents.n; i++)
        if (x.sents.items[i].listed) x.sents.items[i].noise = true;
    for (size_t i = 0; i < x.sents.n; i++) x.sents.items[i].score = unusable(&x.sents.items[i]) ? -1.0 : 0.0;
    if (st == SF_OK) st = weigh(&x);
    size_t *chosen = NULL, nchosen = 0;
    if (st == SF_OK) {
        chosen = sf__malloc((x.sents.n ? x.sents.n : 1) * sizeof *chosen);
        if (!chosen) st = SF_ERR_NOMEM;
    }
    if (st == SF_OK && (opt.method == SF_SUMMARY_CONCEPTS || opt.method == SF_SUMMARY_CONCEPTS_ILP)) {
        concept_state cs;
        sf__map_init(&cs.weight);
        sf__map_init(&cs.covered);
        sf__map_init(&cs.query);
        if (opt.query) {
            /* the query's words as concepts see them, appended past the
             * sentences' and dropped again */
            size_t q0 = x.seq.n;
            st = word_seq(&x, opt.query, strlen(opt.query), opt.lang);
            for (size_t k = q0; st == SF_OK && k < x.seq.n; k++) {
                if (x.stop.items[k]) continue;
                uint64_t *v = sf__map_slot(&cs.query, x.seq.items[k]);
                if (!v) st = SF_ERR_NOMEM;
                else *v = 1;
            }
            x.seq.n = x.stop.n = q0;
        }
        if (st == SF_OK) st = build_concepts(&x, &cs, ndocs);
        if (st == SF_OK && opt.method == SF_SUMMARY_CONCEPTS_ILP)
            st = select_ilp(&x, &cs, opt.max_words, chosen, &nchosen);
        /* after the exact optimum no sentence that fits adds a concept, and
         * one that does not fit would push the end of another out of the
         * cut (the cut falls in reading order): no greedy fill */
        if (st == SF_OK && nchosen == 0) {
            nchosen = select_with_lead(&x, c, &opt, chosen, concept_score, concept_take, &cs);
        }
        /* Concepts can run dry before the budget: in a small story few
         * bigrams are shared by min_df articles, and once they are covered
         * every sentence gains 0 (DUC 2007 update D0736H-A: 34 words of
         * 100). The rest is filled by the centroid rule, with the same
         * redundancy control (ROUGE-2 up on the DUC 2007 update slices; on
         * DUC 2006 every topic reaches 250 words on concepts alone). */
        if (st == SF_OK && nchosen) {
            size_t words = 0;
            for (size_t k = 0; k < nchosen; k++) words += x.sents.items[chosen[k]].words;
            if (words < opt.max_words) {
                centroid_state ce = {0};
                st = centroid(&x, &ce.cen, &ce.ncen);
                if (st == SF_OK) nchosen = select_greedy(&x, &opt, chosen, nchosen, fill_score, NULL, &ce);
                sf__free(ce.cen);
            }
        }
        sf__map_release(&cs.weight);
        sf__map_release(&cs.covered);
        sf__map_release(&cs.query);
        /* With nothing shared (one article, or sources with no words in
         * common) concepts say nothing: fall through to the centroid. */
        if (nchosen == 0) {
            for (size_t i = 0; i < x.sents.n; i++) {
                x.sents.items[i].score = unusable(&x.sents.items[i]) ? -1.0 : 0.0;
                x.sents.items[i].chosen = false;
            }
            x.merged.n = 0;
            x.lead = SIZE_MAX;
        }
    }
    if (st == SF_OK && opt.method == SF_SUMMARY_COVERAGE_DIVERSITY)
        nchosen = select_lin_bilmes(&x, opt.max_words, chosen);
    if (st == SF_OK && nchosen == 0) {
        centroid_state cs = {0};
        st = centroid(&x, &cs.cen, &cs.ncen);
        if (st == SF_OK) nchosen = select_with_lead(&x, c, &opt, chosen, centroid_score, NULL, &cs);
        sf__free(cs.cen);
    }
    if (st == SF_OK && nchosen) {
        /* insertion sort into reading order (few sentences) */
        size_t *rank = sf__malloc(nchosen * sizeof *rank);
        if (!rank) st = SF_ERR_NOMEM;
        for (size_t i = 0; rank && i < nchosen; i++) rank[i] = article_rank(&x, chosen, nchosen, i);
        for (size_t i = 1; rank && i < nchosen; i++)
            for (size_t k = i; k > 0 && cmp_summary(&x, chosen[k], rank[k], chosen[k - 1], rank[k - 1], c) < 0; k--) {
                size_t t = chosen[k];
                chosen[k] = chosen[k - 1];
                chosen[k - 1] = t;
                t = rank[k];
                rank[k] = rank[k - 1];
                rank[k - 1] = t;
            }
        sf__free(rank);
        /* the lead opens the summary, with what leans on it */
        for (size_t k = 1; k < nchosen && chosen[0] != x.lead; k++) {
            if (chosen[k] != x.lead) continue;
            size_t m = 1;
            while (k + m < nchosen && chosen[k + m] == x.lead + m && x.sents.items[x.lead + m].needs_context &&
                   x.sents.items[x.lead + m].article == x.sents.items[x.lead].article)
                m++;
            size_t *block = sf__malloc(m * sizeof *block);
            if (!block) {
                st = SF_ERR_NOMEM;
                break;
            }
            memcpy(block, chosen + k, m * sizeof *block);
            memmove(chosen + m, chosen, k * sizeof *chosen);
            memcpy(chosen, block, m * sizeof *block);
            sf__free(block);
        }
        out->sentences = sf__calloc(nchosen, sizeof *out->sentences);
        if (!out->sentences) st = SF_ERR_NOMEM;
    }
    for (size_t k = 0; st == SF_OK && k < nchosen; k++) {
        st = attribute(&x, &x.sents.items[chosen[k]], articles, n, dup_of, opt.attribution, &out->sentences[k]);
        if (st == SF_OK) out->n++;
    }
    sf__free(chosen);
    SF_VEC_FREE(&x.sents);
    SF_VEC_FREE(&x.tw);
    SF_VEC_FREE(&x.seq);
    SF_VEC_FREE(&x.concepts);
    SF_VEC_FREE(&x.lw);
    SF_VEC_FREE(&x.stop);
    SF_VEC_FREE(&x.merged);
    SF_VEC_FREE(&x.toks);
    sf__buf_release(&x.fold);
    sf__buf_release(&x.ctext);
    sf__buf_release(&x.scratch);
    if (st != SF_OK) {
        sf__summary_release(out);
        return sf__error_set(err, st, "summarizing a story of %zu articles: %s", n, sf_strerror(st));
    }
    return SF_OK;
}

void sf__summary_release(sf_summary *s) {
    for (size_t i = 0; i < s->n; i++) {
        sf__free(s->sentences[i].sources);
        sf__free(s->sentences[i].text);
    }
    sf__free(s->sentences);
    s->sentences = NULL;
    s->n = 0;
}

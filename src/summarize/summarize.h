/* summarize.h - extractive multi-document summaries with attribution: pick
 * sentences that cover what a story's articles say together, without
 * repeating, and cite every article that says each one. */
#ifndef SF_SUMMARIZE_H
#define SF_SUMMARIZE_H

#include "../common/common.h"
#include "../text/text.h"

typedef struct sf_summary_sentence {
    size_t article;   /* corpus index of the article the text is taken from */
    sf_span span;     /* bytes of that article's text, dateline removed */
    char *text;       /* the sentence compressed (NUL-terminated, owned);
                         NULL: the span's text as it stands */
    size_t *sources;  /* corpus indexes of the articles that say it, sorted */
    size_t nsources;
} sf_summary_sentence;

typedef struct sf_summary {
    sf_summary_sentence *sentences;
    size_t n;
} sf_summary;

typedef enum sf_summary_method {
    SF_SUMMARY_CONCEPTS = 0, /* bigram concept coverage (Gillick and Favre 2009),
                                covered greedily by gain per square-root length */
    SF_SUMMARY_CENTROID = 1, /* centroid cosine (Radev et al. 2004, MEAD) */
    SF_SUMMARY_CONCEPTS_ILP = 2, /* the same concepts, the exact optimum of
                                   G&F's integer program (GLPK) */
    SF_SUMMARY_COVERAGE_DIVERSITY = 3 /* saturated coverage plus diversity
                                         over clusters (Lin and Bilmes 2011) */
} sf_summary_method;

typedef struct sf_summarize_options {
    const char *lang;       /* NULL: "en" */
    sf_summary_method method;
    const char *query;      /* NULL: generic; else concepts with its words weigh double */
    size_t max_words;       /* budget; 0: 100 */
    double redundancy;      /* max cosine between two chosen sentences; 0: 0.5 */
    double attribution;     /* min share of a sentence's terms another must
                               hold to "say the same"; 0: 0.6 */
    unsigned compress;      /* SF_COMPRESS_* cuts in summary sentences; 0: none */
    const uint64_t *boilerplate; /* NULL, or sorted sf__sentence_key of the
                                    sentences that are the site's, not a
                                    report's (sf__boilerplate_sentences) */
    size_t nboilerplate;
    const sf_doc *docs;     /* NULL, or per corpus index the article's doc
                               (sf__doc_build): its sentences and terms are
                               read where the doc is in `lang` (read_article
                               says when it is not used) */
} sf_summarize_options;

/* Summarize the articles c[articles[0..n)]. `dup_of` (may be NULL) gives the
 * canonical of each corpus article or SIZE_MAX; copies are not read twice but
 * are cited with their canonical. The summary owns its arrays; release with
 * sf__summary_release. */
sf_status sf__summarize(const sf_corpus *c, const size_t *articles, size_t n,
                        const size_t *dup_of, const sf_summarize_options *o,
                        sf_summary *out, sf_error *err);
void sf__summary_release(sf_summary *s);

/* Sentence cleaning (clean.c). */
/* True when a sentence is scraping noise rather than reporting: a byline, a
 * photo caption or credit, a "source:" tag, a share prompt, a bullet line. */
bool sf__is_noise_sentence(const char *p, size_t n);
/* Bytes of a sentence terminator of another script that ends p[0..n): the
 * danda and double danda of Bengali and Devanagari (U+0964, U+0965), the
 * ideographic full stop (U+3002), the full-width "!" and "?" (U+FF01,
 * U+FF1F); 0 when none. *full_stop (may be NULL) says whether it is a full
 * stop, which a headline drops as it drops ".", rather than "!" or "?". */
size_t sf__script_terminator(const char *p, size_t n, bool *full_stop);
/* Page elements run into one sentence in a script written without spaces
 * (Chinese, Japanese): a space between two of its characters or after its
 * full-width punctuation parts a headline from its lead, a caption or a
 * menu of links from the text ("分享这个： Twitter Facebook 打印 像这样： ...",
 * "（图片来自西北大学） 作者：Denise Grady 人工智能可以..."), as a line break
 * would; gaps inside brackets do not count. Also a bracketed caption
 * opening the sentence before a space ("(Jane Roe/TT via AP) 青少年...") and
 * a label, a colon and a name in Latin letters ("作者：Denise Grady "). Returns the bytes
 * before the last element, the report's sentence; 0 when there is one
 * element. Spaced scripts never have such a gap. */
size_t sf__page_elements_length(const char *p, size_t n);
/* Page furniture run into an English sentence by a one-line copy of a page
 * ("... reception Advertisement The women of the royal family ...",
 * "Tayfun Coskun/Anadolu Agency via Getty Images The new coronavirus
 * ..."): the bytes up to the element after the last such label or credit,
 * when six words or more follow; 0 when none. */
size_t sf__furniture_run_length(const char *p, size_t n);
/* A list item's dash opening a sentence ("_ Blacks in Texas are ...", the
 * New York Times wire's bullet): the bytes up to the item's text, 0 when
 * none. */
size_t sf__list_dash_length(const char *p, size_t n);
/* A dateline in capitals closed by a colon ("UNDATED: Many of the tears
 * ...", "ISLAMABAD: Prime Minister ..."): the bytes up to the text, 0 when
 * none. */
size_t sf__colon_dateline_length(const char *p, size_t n);
/* The key of a sentence for telling repeats across articles: a hash of
 * its bytes, white space at its edges left out. */
uint64_t sf__sentence_key(const char *p, size_t n);
/* Sentences a site prints under reports of different events ("Kaynak: AA",
 * "Subscribe to ... today.", a share prompt, a comment form, a disclaimer):
 * the same sentence in original reports (dup_of[i] == SIZE_MAX, or dup_of
 * NULL) of three stories or more. Language-blind: the text repeats,
 * whatever it says. Two stories are not enough: a wire repeats a
 * background paragraph ("The unusually destructive virus -- timed to
 * strike on April 26 ...") in the reports of an event that clustering may
 * split in two. `docs[i]` gives article i's sentences (docs NULL: none
 * found); story_of[i] its story. *out (sorted keys, sf__malloc'd, the
 * caller frees with sf__free; NULL when none) and *nout. */
sf_status sf__boilerplate_sentences(const sf_doc *docs, const size_t *story_of,
                                    const size_t *dup_of, size_t n, uint64_t **out, size_t *nout);
/* Number of bytes at the start of a sentence that are a dateline such as
 * "PINE RIDGE, S.D. (AP) -- " or "BEIRUT (Reuters) - " (0 when none). */
size_t sf__dateline_length(const char *p, size_t n);
/* An outlet's name in mixed case as the dateline of a report's first
 * sentence: one to three capitalized words, a spaced dash, then a capital
 * ("Kaieteur News – Police investigators ..."). The length with the dash
 * and the spaces after it, 0 when not such. Read only on a report's first
 * sentence: further down the same shape is a name in apposition. */
size_t sf__outlet_dateline_length(const char *p, size_t n);

/* True when the sentence quotes someone ("...", ``...'', “...”). */
bool sf__has_quotation(const char *p, size_t n);
/* Whether a quotation is still open after p[0..n), given `open` before it
 * (a quotation that runs over several sentences: the later ones have no
 * mark of their own). A line break ends it. */
bool sf__quote_open_after(const char *p, size_t n, bool open);
/* True when the sentence speaks to its reader ("you", "your"; English): a
 * pitch, advice or a voice told without quotation marks, not a report.
 * Other languages: false. */
bool sf__speaks_to_reader(const char *p, size_t n, const char *lang);
/* True when the sentence opens with a word that points back to an earlier
 * one (a pronoun or a connective: "He", "They", "But", "However,"), so it
 * does not stand on its own. Languages without a list: false. */
bool sf__needs_context(const char *p, size_t n, const char *lang);
/* When the sentence opens with a definite noun phrase that names something
 * said before ("The meeting", "These talks"), the noun's length (its offset
 * in *at); else 0. */
size_t sf__backref_noun(const char *p, size_t n, const char *lang, size_t *at);

typedef SF_VEC(uint64_t) sf__u64vec;
/* Append to `out` the light terms of p[0..n), sorted and unique: words of
 * ASCII letters and digits (with an apostrophe's tail, "group's"), lower
 * case, without a small list of function words, cut by a light stemmer
 * (-ings -ing -edly -ed -ies -es -s -ly when 3 letters stay). Two sentences
 * sharing most of them say the same thing whatever the full stemmer does. */
sf_status sf__light_terms(const char *p, size_t n, sf__u64vec *out);

/* True when the sentence does not open as one: a lower-case first letter
 * ("romano Prodi's coalition", a wrapped line's rest), or punctuation that
 * goes on from a clause before (",", ";", ")", "--", an ellipsis). */
bool sf__starts_mid_sentence(const char *p, size_t n);

/* A headline made from sentence p[0..n) (a story's lead when no source
 * has a headline): shortened at a clause boundary, no trailing fragment,
 * no final full stop. Written to `out` (reset first). */
sf_status sf__headline_from_sentence(const char *p, size_t n, sf_buf *out);
/* Compare ids in natural order: digit runs as numbers ("D2" < "D10"). */
int sf__cmp_natural(const char *a, const char *b);

/* Sentence compression: which cuts to make (bits). */
enum {
    SF_COMPRESS_OPENER = 1, /* "However, the army ..." -> "The army ..." */
    SF_COMPRESS_PARENS = 2, /* short parentheses: " (AP)", " (EU)" */
    SF_COMPRESS_SPEECH = 4, /* ", police said on Monday." -> ", police said." */
    SF_COMPRESS_ALL = 7,
};
/* Write a shorter form of the sentence p[0..n) to `out` (reset first) and
 * set *changed when anything was cut; languages without rules (only "en"
 * has them) are left whole. Returns SF_ERR_NOMEM when out of memory. */
sf_status sf__compress_sentence(const char *p, size_t n, const char *lang, unsigned rules,
                                sf_buf *out, bool *changed);

#endif

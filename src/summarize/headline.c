/* headline.c - a headline made from a story's lead sentence, for stories
 * whose sources give none (plain text, pages without a title).
 *
 * A headline says who did what: it holds the main clause's subject and its
 * verb, and it does not end in the middle of a phrase. The rules, in order
 * (English; other languages keep only the length and last-word rules):
 *
 * 1. An opening adverbial is left out: while the sentence opens with a
 *    preposition, a subordinator, a time word or a participle ("In
 *    Louisiana,", "On July 10, under pressure to ...,", "Opening the meeting
 *    here in Maputo,"), the headline starts after the comma that closes it,
 *    provided what is left opens with a subject (not a verb, not another
 *    opener) and holds a verb within the headline's length.
 * 2. Up to HEADLINE_WORDS words are kept whole.
 * 3. A longer sentence is cut at the last boundary within HEADLINE_WORDS
 *    words that has a verb before it: a comma, semicolon, colon or dash, or a
 *    word that opens a clause ("who", "which", "after", "as", "because").
 *    Failing that, before the last preposition that does not follow a verb
 *    ("attempts | to", "charged | with" stay together). A subject alone
 *    ("X and the deputy representative, Y") is never a headline.
 * 4. Failing that, a comma after a verb up to HEADLINE_SLACK words further;
 *    else the last boundary of any kind, else HEADLINE_WORDS words.
 * 5. It never ends on a word that needs a next one ("the", "of", "said"), and
 *    the sentence's final stop goes.
 *
 * Verbs are recognized by hand (auxiliaries, speech verbs, common irregular
 * pasts, "-ed" forms not after a determiner): none of the project's
 * libraries tags parts of speech (ICU finds words and sentences, not their
 * class), and a headline needs only to know that a verb is there. */
#include "summarize.h"

#include <ctype.h>

enum { HEADLINE_WORDS = 16, HEADLINE_SLACK = 6, HEADLINE_MIN_WORDS = 5, OPENER_MAX_WORDS = 30, MAX_WORDS = 96 };

static const char *const CLAUSE_OPENER_EN[] = {
    "who", "which", "after", "before", "when", "while", "as", "because", "amid", "following",
    "despite", "since", "where", "until", "but", "whose", "although", "though", "even",
};
static const char *const PREPOSITION_EN[] = {
    "that", "in", "on", "at", "for", "from", "with", "to", "during", "and", "by", "over",
    "under", "into", "against", "about", "near", "outside", "inside", "through", "across",
};
static const char *const NEEDS_NEXT_EN[] = {
    "a", "an", "the", "of", "for", "to", "and", "or", "in", "on", "at", "with", "by", "from", "as",
    "that", "his", "her", "their", "its", "is", "was", "are", "were", "will", "who", "which",
    "said", "than", "but", "s", "has", "have", "had", "be", "been", "would", "could", "into",
    "about", "our", "my", "your", "this", "these", "those", "not", "also", "very", "more", "most", "such",
    /* auxiliaries and their negatives wait for their verb ("... doesn't") */
    "do", "does", "did", "can", "may", "might", "must", "should", "shall", "doesn't", "don't",
    "didn't", "won't", "can't", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't",
    "hadn't", "wouldn't", "couldn't", "shouldn't", "doesn\xE2\x80\x99t", "don\xE2\x80\x99t",
    "didn\xE2\x80\x99t", "won\xE2\x80\x99t", "can\xE2\x80\x99t", "isn\xE2\x80\x99t",
    "wasn\xE2\x80\x99t", "aren\xE2\x80\x99t", "hasn\xE2\x80\x99t", "haven\xE2\x80\x99t",
    "wouldn\xE2\x80\x99t", "couldn\xE2\x80\x99t",
};
/* Words that open an adverbial before the subject (rule 1). */
static const char *const OPENER_EN[] = {
    "in", "on", "at", "after", "before", "when", "while", "as", "despite", "under", "by", "for",
    "since", "although", "though", "because", "thanks", "according", "back", "whenever", "with",
    "without", "following", "amid", "during", "over", "through", "unlike", "like", "once", "if",
    "until", "earlier", "later", "last", "early", "late", "every", "each", "already", "now",
    "here", "meanwhile", "fortunately", "unfortunately", "however", "instead", "still", "yet",
    "then", "also", "nevertheless", "moreover", "indeed", "today", "yesterday", "tonight",
    "this", "next", "within", "among", "from", "to", "even", "so", "but", "and", "upon", "near",
    "well", "long", "shortly", "just", "soon", "only", "right",
};
static const char *const AUX_EN[] = {
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "may", "might", "must", "shall", "should", "did", "does", "do", "said", "says",
    "told", "tells", "became", "become", "becomes", "began", "came", "comes", "gave", "gives",
    "took", "takes", "made", "makes", "won", "wins", "lost", "went", "goes", "met", "meets",
    "left", "held", "holds", "led", "leads", "fell", "falls", "rose", "rises", "struck",
    "broke", "fled", "found", "finds", "sent", "spent", "threw", "wrote", "saw", "sees", "got",
    "gets", "hit", "hits", "put", "ran", "runs", "sold", "stood", "shot", "brought", "bought",
    "built", "caught", "fought", "kept", "keeps", "paid", "drew", "grew", "knew", "flew",
    "swore", "chose", "plans", "wants", "faces", "seeks", "calls", "warns", "urges", "claims",
    "denies", "admits", "remains", "opens", "sets", "shows", "vows", "agrees", "plays",
};
/* A main clause opened by a pronoun needs the opener that names it
 * ("When Madeleine Albright arrives ..., she will ..."). */
static const char *const PRONOUN_EN[] = {"he", "she", "it", "they", "i", "we", "you", "his", "her", "their", "its"};
/* Words after which an "-ed" form is an adjective ("the so-called", "of
 * hooded youths", "and specialized classrooms"), not a verb. */
static const char *const NOT_BEFORE_VERB_EN[] = {
    "a", "an", "the", "his", "her", "its", "their", "this", "that", "these", "those", "our",
    "my", "your", "so", "well", "newly", "fully", "widely", "highly", "of", "and", "or", "in",
    "on", "at", "for", "from", "with", "by", "into", "than", "as", "most", "more", "less",
    "very", "some", "many", "all", "two", "three", "several",
};

typedef struct {
    size_t b, e; /* bytes of the word, punctuation included */
    size_t cb, ce; /* its letters and digits only */
} word;

static bool is_in(const char *p, const word *w, const char *const *list, size_t len) {
    size_t n = w->ce - w->cb;
    for (size_t i = 0; i < len; i++)
        if (strlen(list[i]) == n && sf__view_eq_nocase(sf__view(p + w->cb, n), sf__view(list[i], n)))
            return true;
    return false;
}
#define IS_IN(p, w, list) is_in(p, w, list, SF_ARRAY_LEN(list))

static bool is_lower(const char *p, const word *w) { return w->ce > w->cb && islower((unsigned char)p[w->cb]); }

static const char *const TO_EN[] = {"to"};

/* A word in -ing of six letters or more ("trying", "seeking"; not "king",
 * "thing"): a verb's present participle, or a noun made from one. */
static bool ing_form(const char *p, const word *w) {
    size_t n = w->ce - w->cb;
    const char *e = p + w->ce;
    return is_lower(p, w) && n >= 6 && e[-3] == 'i' && e[-2] == 'n' && e[-1] == 'g';
}

/* A word that is (or is likely) a finite verb or a verb's participle. */
static bool verbish(const char *p, const word *ws, size_t i) {
    const word *w = &ws[i];
    if (!is_lower(p, w)) return false;
    if (IS_IN(p, w, AUX_EN)) return true;
    size_t n = w->ce - w->cb;
    if (n >= 5 && p[w->ce - 2] == 'e' && p[w->ce - 1] == 'd')
        return !(i > 0 && IS_IN(p, &ws[i - 1], NOT_BEFORE_VERB_EN));
    return false;
}

static bool has_verb(const char *p, const word *ws, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if (verbish(p, ws, i)) return true;
    return false;
}

/* Whether the word opens an adverbial: a listed word, or a participle
 * ("Opening", "Asked") when the sentence starts with it. */
static bool opens_adverbial(const char *p, const word *w) {
    if (IS_IN(p, w, OPENER_EN)) return true;
    size_t n = w->ce - w->cb;
    const char *e = p + w->ce;
    return n >= 6 && ((e[-3] == 'i' && e[-2] == 'n' && e[-1] == 'g') || (e[-2] == 'e' && e[-1] == 'd'));
}

static bool ends_phrase(const char *p, const word *w) {
    char last = p[w->e - 1];
    return last == ',' || last == ';' || last == ':';
}

static bool is_dash(const char *p, const word *w) {
    return (w->e - w->b == 1 && (p[w->b] == '-' || p[w->b] == '_')) || /* wires write "_" */ (w->e - w->b == 2 && p[w->b] == '-' && p[w->b + 1] == '-') ||
           (w->e - w->b == 3 && (unsigned char)p[w->b] == 0xE2 && (unsigned char)p[w->b + 1] == 0x80 &&
            ((unsigned char)p[w->b + 2] == 0x94 || (unsigned char)p[w->b + 2] == 0x93));
}

/* The first comma-ended word from i on within the opener's reach, nw when none. */
static size_t next_comma(const char *p, const word *ws, size_t i, size_t nw) {
    for (; i < nw && i < OPENER_MAX_WORDS; i++)
        if (ends_phrase(p, &ws[i])) return i;
    return nw;
}

/* Rule 1: the first word of the main clause, 0 when nothing is left out.
 * A participle opener ("Opening the meeting ...,") holds no verb of its
 * own: "Lending giants in Britain have put ..." is a subject. A segment
 * with no verb that another comma closes is an apposition or part of a
 * place ("Jasper, Texas, last week,"; "Michael Butler, Amnesty's
 * investigator,") and is passed over too; when what follows it does not
 * open a clause, the first segment that could open one is taken. */
static size_t main_clause(const char *p, const word *ws, size_t nw) {
    if (!nw || !opens_adverbial(p, &ws[0])) return 0;
    size_t first = next_comma(p, ws, 0, nw);
    if (first >= nw) return 0;
    if (!IS_IN(p, &ws[0], OPENER_EN) && has_verb(p, ws, 1, first + 1)) return 0;
    size_t fallback = 0;
    for (size_t i = first; i + 1 < nw; i = next_comma(p, ws, i + 1, nw)) {
        size_t s = i + 1;
        /* "On July 10, under pressure ...,", "On Feb. 14, 1989,", "well before he was ...," */
        if (opens_adverbial(p, &ws[s]) || (isdigit((unsigned char)p[ws[s].cb]) && ends_phrase(p, &ws[s])))
            continue;
        if (IS_IN(p, &ws[s], CLAUSE_OPENER_EN)) break; /* ", who posed ..." */
        if (verbish(p, ws, s) || IS_IN(p, &ws[s], PREPOSITION_EN) || IS_IN(p, &ws[s], PRONOUN_EN)) break;
        size_t to = s + HEADLINE_WORDS < nw ? s + HEADLINE_WORDS : nw;
        if (!has_verb(p, ws, s, to) || nw - s < HEADLINE_MIN_WORDS) break;
        size_t e = next_comma(p, ws, s, nw);
        if (e < nw && !has_verb(p, ws, s, e + 1)) {
            if (!fallback) fallback = s;
            continue;
        }
        return s;
    }
    return fallback;
}

/* How many brackets and quotation marks the word opens minus those it
 * closes: "(mainly" 1, "restaurants)" -1; a straight double quote opens
 * at a word's start and closes elsewhere. */
static int bracket_balance(const char *p, const word *w) {
    int d = 0;
    for (size_t i = w->b; i < w->e; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '(' || ch == '[') d++;
        else if (ch == ')' || ch == ']') d--;
        else if (ch == '"') d += i == w->b ? 1 : -1;
        else if (ch == 0xE2 && i + 2 < w->e && (unsigned char)p[i + 1] == 0x80) {
            if ((unsigned char)p[i + 2] == 0x9C) d++; /* “ */
            else if ((unsigned char)p[i + 2] == 0x9D) d--; /* ” */
        }
    }
    return d;
}

/* Rules 2-4: how many words from s to keep. */
static size_t cut(const char *p, const word *ws, size_t s, size_t nw) {
    if (nw - s <= HEADLINE_WORDS) return nw - s;
    /* open[k]: a bracket or quotation is still open after k words; a
     * headline never ends inside one ("... and some businesses (mainly
     * pubs") */
    bool open[HEADLINE_WORDS + HEADLINE_SLACK + 1] = {false};
    /* only in a sentence that closes what it opens: a bracket the source
     * never closed ("WASHINGTON (AP -- Rising ...") says nothing */
    int depth = 0;
    for (size_t i = s; i < nw; i++) depth += bracket_balance(p, &ws[i]);
    bool balanced = depth == 0;
    depth = 0;
    for (size_t k = 1; balanced && k <= HEADLINE_WORDS + HEADLINE_SLACK && s + k <= nw; k++) {
        depth += bracket_balance(p, &ws[s + k - 1]);
        open[k] = depth > 0;
    }
    size_t best = 0, weak = 0, any = 0, before_to = 0;
    for (size_t k = HEADLINE_MIN_WORDS; k <= HEADLINE_WORDS; k++) { /* k words kept */
        if (open[k]) continue;
        const word *last = &ws[s + k - 1], *next = &ws[s + k];
        bool strong = ends_phrase(p, last) || is_dash(p, next) ||
                      (IS_IN(p, next, CLAUSE_OPENER_EN) && !IS_IN(p, last, NEEDS_NEXT_EN));
        bool prep = IS_IN(p, next, PREPOSITION_EN) && !IS_IN(p, last, NEEDS_NEXT_EN);
        if (strong || prep) any = k;
        if (!has_verb(p, ws, s, s + k)) continue;
        if (strong) best = k;
        else if (prep && !verbish(p, ws, s + k - 1)) {
            /* "are currently trying | to unravel": a verb in -ing before
             * "to" waits for what it does; the cut is a last resort */
            if (IS_IN(p, next, TO_EN) && ing_form(p, last)) before_to = k;
            else weak = k;
        }
    }
    if (best || weak) return best ? best : weak;
    /* no boundary after a verb within the length: a few words more rather
     * than a subject alone ("X and the deputy head, Y, turned"), or than a
     * verb cut from its infinitive (then a clause boundary serves too:
     * "... trying to unravel the mystery behind the death of a hunter |
     * whose remains ...") */
    for (size_t k = HEADLINE_WORDS + 1; k <= HEADLINE_WORDS + HEADLINE_SLACK && s + k < nw; k++) {
        if (open[k] || !has_verb(p, ws, s, s + k)) continue;
        const word *last = &ws[s + k - 1], *next = &ws[s + k];
        if (ends_phrase(p, last)) return k;
        if (before_to && (is_dash(p, next) || (IS_IN(p, next, CLAUSE_OPENER_EN) && !IS_IN(p, last, NEEDS_NEXT_EN))))
            return k;
    }
    if (before_to) return before_to;
    if (any) return any;
    /* the length itself, or before the bracket still open there when
     * enough is left */
    size_t k = HEADLINE_WORDS;
    while (k > 1 && open[k - 1]) k--;
    return open[HEADLINE_WORDS] && k > HEADLINE_MIN_WORDS ? k - 1 : HEADLINE_WORDS;
}

/* Letters of a word written in capitals only ("RIYADH,", "PORT-AU-PRINCE"),
 * 0 for any other word. */
static size_t caps_letters(const char *p, const word *w) {
    size_t letters = 0;
    for (size_t i = w->cb; i < w->ce; i++) {
        unsigned char c = (unsigned char)p[i];
        if (isupper(c)) letters++;
        else if (c != '-' && c != '.' && c != '\'') return 0;
    }
    return letters;
}

static bool opens_bracket(const char *p, const word *w) { return p[w->b] == '(' || p[w->b] == '['; }

/* The word after a dateline that starts at word i ("RIYADH, Jan 1 (KUNA)",
 * "FAYETTEVILLE, Ark. (KNWA) â", "SAN FRANCISCO â", "BOSTON â"): a place in capitals
 * (five letters or more, or four and a comma: "EPP (Bloomberg)", "VAR
 * decision" are no places), up to three words of state or date, then an
 * agency in brackets or a dash. 0 when none starts there. */
static size_t dateline_end(const char *p, const word *ws, size_t i, size_t nw) {
    size_t letters = 0, k = i;
    while (k < nw && k < i + 3 && !opens_bracket(p, &ws[k])) {
        size_t c = caps_letters(p, &ws[k]);
        if (!c) break;
        letters += c;
        k++;
        if (p[ws[k - 1].e - 1] == ',') break;
    }
    if (k == i || k >= nw) return 0;
    bool comma = p[ws[k - 1].e - 1] == ',';
    if (letters < 4 || (letters == 4 && !comma)) return 0;
    /* ", Ark.", ", Jan 1", ", Haiti": capitals, abbreviations, numbers */
    for (size_t extra = 0; comma && extra < 3 && k < nw && !opens_bracket(p, &ws[k]) && !is_dash(p, &ws[k]);
         extra++, k++)
        if (is_lower(p, &ws[k]) || p[ws[k].e - 1] == ',') return 0;
    if (k >= nw) return 0;
    if (is_dash(p, &ws[k])) return k + 1;
    if (opens_bracket(p, &ws[k])) {
        for (size_t b = k; b < nw && b < k + 4; b++)
            if (p[ws[b].e - 1] == ')' || p[ws[b].e - 1] == ']')
                return b + 1 < nw && is_dash(p, &ws[b + 1]) ? b + 2 : b + 1;
    }
    return 0;
}

static const char *const TITLE_BREAK_EN[] = {"the", "a", "an", "for", "in", "on", "at", "it", "this", "after",
                                             "when", "as", "with", "from", "by", "but", "if"};

/* Where a page's title runs into its lead in one line of text: the title's
 * first two words opening the lead, a dateline after the title ("... bus stops FAYETTEVILLE, Ark. (KNWA) â Starting
 * today"), or a sentence that opens after a capitalized word with no stop
 * between ("... Than Original An expert said", "... at Pro Bowl For a
 * franchise"): a capitalized function word after a capitalized word (no
 * bracket: "(IANS) The high court" is a dateline's agency, left to the
 * cut) and before a lower-case word, the case of a sentence, not of a
 * title ("Meet The First Latina"). Such a break after four words or more
 * ends the headline there. nw when none. */
static bool same_word(const char *p, const word *a, const word *b) {
    return a->ce > a->cb && a->ce - a->cb == b->ce - b->cb &&
           sf__view_eq_nocase(sf__view(p + a->cb, a->ce - a->cb), sf__view(p + b->cb, b->ce - b->cb));
}

static const char *const COUNT_WORD_EN[] = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};

/* Does the name at word i continue what comes before it: a count ("Two
 * Dallas police officers") or two capitalized words ("former Nissan
 * Chairman Carlos Ghosn")? Then it is inside the lead, not its start. */
static bool names_on(const char *p, const word *ws, size_t i) {
    const word *prev = &ws[i - 1];
    if (ends_phrase(p, prev) || prev->ce != prev->e) return false;
    if (IS_IN(p, prev, COUNT_WORD_EN)) return true;
    return isupper((unsigned char)p[prev->cb]) && isupper((unsigned char)p[ws[i - 2].cb]);
}

static bool capitalized(const char *p, const word *w) {
    return w->ce > w->cb && isupper((unsigned char)p[w->cb]) && w->cb == w->b;
}

/* A title in sentence case run into its lead with no mark between, where
 * the lead names again what the title named ("Protesters withdrew from the
 * U.S. Embassy Protests outside the U.S. Embassy in Baghdad began ...",
 * "Italy's Sardines movement calls mass demo to squeeze out Salvini The
 * Sardines, a grassroots ..."): a capitalized word after a capitalized one
 * opens the lead when
 *   - it goes on in lower case and the two capitalized words that end the
 *     title come again within the next ten words (a lead repeats the name
 *     its title ends on), or
 *   - it is a capitalized function word ("The") and the capitalized word
 *     after it is one of the title's (four letters or more, past its first
 *     word).
 * The title must hold two words in lower case or more: a run of names
 * ("The New York Times Company said the New York Times ...") is no title in
 * sentence case. */
static const char *const ARTICLE_EN[] = {"the", "an"};

static bool lead_names_title_again(const char *p, const word *ws, size_t i, size_t nw) {
    const word *prev = &ws[i - 1];
    if (!capitalized(p, &ws[i]) || !capitalized(p, prev) || prev->ce != prev->e) return false;
    size_t lower = 0;
    for (size_t k = 0; k < i; k++) lower += is_lower(p, &ws[k]);
    if (lower < 2) return false;
    if (IS_IN(p, &ws[i], TITLE_BREAK_EN)) {
        /* "The" or "An": "A" between capitalized words is a name's initial
         * ("Alfred A Knopf") */
        if (IS_IN(p, prev, TITLE_BREAK_EN) || !capitalized(p, &ws[i + 1]) || !IS_IN(p, &ws[i], ARTICLE_EN))
            return false;
        for (size_t k = 1; k + 1 < i; k++)
            if (ws[k].ce - ws[k].cb >= 4 && capitalized(p, &ws[k]) && same_word(p, &ws[k], &ws[i + 1])) return true;
        return false;
    }
    if (!is_lower(p, &ws[i + 1]) || !capitalized(p, &ws[i - 2]) || ws[i - 2].ce != ws[i - 2].e) return false;
    /* the name again, not the name going on as it did ("... secretary Dee
     * Dee Myers exits ... Dee Dee Myers said") */
    for (size_t k = i + 1; k + 1 < nw && k <= i + 10; k++)
        if (same_word(p, &ws[k], &ws[i - 2]) && same_word(p, &ws[k + 1], prev) &&
            !(k + 2 < nw && same_word(p, &ws[k + 2], &ws[i])))
            return true;
    return false;
}

static size_t title_end(const char *p, const word *ws, size_t nw) {
    for (size_t i = 4; i + 1 < nw; i++) {
        const word *prev = &ws[i - 1];
        /* the lead opens with the title's first words again: three
         * ("Torrential rain kills 5 children in Yemen Torrential rain
         * kills ..."), or two and a verb ("Seh Calaz Denies Imitating
         * Winky D SEH Calaz has denied"); "Dallas police ... Two Dallas
         * police officers" is the subject named again inside the lead */
        if (isupper((unsigned char)p[ws[i].cb]) && same_word(p, &ws[0], &ws[i]) && same_word(p, &ws[1], &ws[i + 1]) &&
            (i + 2 == nw || verbish(p, ws, i + 2) || same_word(p, &ws[2], &ws[i + 2])) && !names_on(p, ws, i))
            return i;
        if (ends_phrase(p, prev) || p[prev->e - 1] == '.') continue;
        if (dateline_end(p, ws, i, nw) && !caps_letters(p, prev)) return i;
        if (isupper((unsigned char)p[ws[i].cb]) && ws[i].cb == ws[i].b && IS_IN(p, &ws[i], TITLE_BREAK_EN) &&
            isupper((unsigned char)p[prev->cb]) && prev->cb == prev->b && prev->ce == prev->e &&
            !IS_IN(p, prev, TITLE_BREAK_EN) && is_lower(p, &ws[i + 1]) &&
            i + 2 < nw && (is_lower(p, &ws[i + 2]) || !isalpha((unsigned char)p[ws[i + 2].cb])))
            return i;
        if (lead_names_title_again(p, ws, i, nw)) {
            /* a byline between them goes with the lead ("... with J&M
             * Displays By Jane Roe The City of ..."): "By" and two or
             * three capitalized words */
            for (size_t b = i >= 4 ? i - 4 : 0; b + 2 < i; b++)
                if (capitalized(p, &ws[b]) && ws[b].ce - ws[b].cb == 2 && strncmp(p + ws[b].cb, "By", 2) == 0 &&
                    i - b >= 3 && i - b <= 4 && b >= 4) {
                    bool names = true;
                    for (size_t k = b + 1; k < i; k++) names = names && capitalized(p, &ws[k]);
                    if (names) return b;
                }
            return i;
        }
    }
    return nw;
}

sf_status sf__headline_from_sentence(const char *p, size_t n, sf_buf *out) {
    sf__buf_reset(out);
    word ws[MAX_WORDS];
    size_t nw = 0;
    for (size_t i = 0; i < n && nw < MAX_WORDS;) {
        while (i < n && isspace((unsigned char)p[i])) i++;
        if (i >= n) break;
        word w = {.b = i};
        while (i < n && !isspace((unsigned char)p[i])) i++;
        w.e = i;
        w.cb = w.b;
        w.ce = w.e;
        while (w.cb < w.ce && !isalnum((unsigned char)p[w.cb])) w.cb++;
        while (w.ce > w.cb && !isalnum((unsigned char)p[w.ce - 1])) w.ce--;
        /* "group's" -> "group" for the word lists */
        if (w.ce - w.cb > 2 && p[w.ce - 1] == 's' && p[w.ce - 2] == '\'') w.ce -= 2;
        ws[nw++] = w;
    }
    if (!nw) return SF_OK;
    /* a page's title run into its lead is cut off, a dateline opening the
     * lead skipped */
    nw = title_end(p, ws, nw);
    size_t from = dateline_end(p, ws, 0, nw);
    if (from && nw - from >= HEADLINE_MIN_WORDS) {
        memmove(ws, ws + from, (nw - from) * sizeof ws[0]);
        nw -= from;
    }
    size_t s = main_clause(p, ws, nw);
    size_t keep = cut(p, ws, s, nw);
    while (keep > 1 && IS_IN(p, &ws[s + keep - 1], NEEDS_NEXT_EN)) keep--;
    size_t begin = ws[s].b, end = ws[s + keep - 1].e;
    while (end > begin && strchr(",;:.- ", p[end - 1])) end--;
    /* the danda, double danda and ideographic full stop end a sentence as
     * "." does; "\xEF\xBC\x81" and "\xEF\xBC\x9F" stay, as "!" and "?" do */
    bool stop = false;
    size_t term = sf__script_terminator(p + begin, end - begin, &stop);
    if (term && stop && end - begin > term) end -= term;
    if (end <= begin) return SF_OK;
    sf_status st = sf__buf_addc(out, s ? (char)toupper((unsigned char)p[begin]) : p[begin]);
    if (st != SF_OK) return st;
    return sf__buf_add(out, p + begin + 1, end - begin - 1);
}

/* quotes.c - who said what, as news writes it. Quotations are found from
 * their marks first (straight, curly and `` '' pairs, paired within a
 * paragraph; a paragraph that opens a quote without closing it continues
 * into the next paragraph that opens with a mark), then each is given the
 * subject of the speech verb next to it in its sentence ('"...," X said',
 * 'X said: "..."', '"...," said X, a spokesman', 'according to X'). A quote
 * with no verb of its own takes the speaker of the quote it continues, of
 * the quote before it in the paragraph, or of the "X said:" that ends the
 * paragraph before. "he/she said" is the latest person who spoke, unless
 * another person is named in the same paragraph outside quotes. Speakers
 * are never conjunctions, adverbs, objects, places, possessors or bare
 * titles; when no speaker is certain the quote has none (a missing speaker
 * is better than a wrong one). Sentences with a speech verb and no quote
 * marks give reported (indirect) speech the same way. */
#include "facts.h"
#include "../summarize/summarize.h" /* sf__dateline_length */

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Quote marks as punctuation tokens: 1 opens, 2 closes, 3 either ("), 4
 * opens low („).
 * Single marks are left alone: they are apostrophes too often. */
static int quote_mark(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->kind != SF_TOK_PUNCT) return 0;
    const unsigned char *p = (const unsigned char *)d->text + t->begin;
    size_t n = t->end - t->begin;
    if (p[0] == '"') return 3;
    if (n >= 2 && p[0] == '`' && p[1] == '`') return 1;
    if (n >= 2 && p[0] == '\'' && p[1] == '\'') return 2;
    /* German, Czech, Polish: a low mark opens and the English opening mark
     * closes („so“): 4 is the low mark, and the English opening
     * mark closes a quote that one opened (find_spans) */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9E) return 4;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9C) return 1;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9D) return 2;
    /* guillemets: « opens and » closes (French, Spanish, Italian, Russian);
     * German writes them the other way round (»so«) */
    if (n >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) {
        bool de = sf__lang_capitalizes_nouns(d->lang);
        return (p[1] == 0xAB) != de ? 1 : 2;
    }
    return 0;
}

static const char *const HE_SHE[] = {"he", "she", NULL};

/* "that" opening reported speech, in the doc's language ("dass", "que",
 * "che", "dat", "że") */
static bool complementizer(const sf_doc *d, size_t k) {
    if (sf__tok_is(d, k, "that")) return true;
    const sf_token *t = &d->toks.items[k];
    return !sf__lang_is_english(d->lang) && t->kind == SF_TOK_WORD &&
           sf__lang_that(d->lang, d->text + t->begin, t->end - t->begin);
}

/* "he"/"she" at token k, in the doc's language */
static bool he_she(const sf_doc *d, size_t k) {
    if (sf__tok_in(d, k, HE_SHE)) return true;
    const sf_token *t = &d->toks.items[k];
    return !sf__lang_is_english(d->lang) && t->kind == SF_TOK_WORD &&
           sf__lang_he_she(d->lang, d->text + t->begin, t->end - t->begin);
}
static const char *const IT_THEY[] = {"it", "they", NULL};
/* words that sit between a subject and its verb ("he also said") */
static const char *const BETWEEN[] = {"also", "has", "had", "have", "later", "then", "previously",
                                      "earlier", "once", "reportedly", "repeatedly", "recently",
                                      "again", "further", "would", "will", "just", "still", "always",
                                      "already", "never", "often", "finally", NULL};
static const char *const PASSIVE[] = {"was", "were", "is", "are", "be", "been", "being", NULL};
/* a head that is never a speaker: conjunctions, prepositions, pronouns
 * used as objects, relative words, adverbs, verbs */
static const char *const NOT_HEAD[] = {
    "and", "but", "or", "nor", "so", "yet", "then", "also", "not", "only", "who", "whom",
    "which", "that", "this", "what", "where", "when", "while", "as", "if", "because", "than",
    "in", "on", "of", "to", "for", "with", "by", "at", "from", "about", "after", "before",
    "he", "she", "they", "him", "her", "them", "us", "me", "you", "it", "its", "his", "their", "our", "my", "there",
    "here", "now", "today", "yesterday", "tonight", "is", "was", "were", "are", "be", "been",
    "has", "had", "have", "do", "did", "does", "can", "could", "would", "will", "should",
    "may", "might", "must", "just", "even", "still", "too", "very", "well", "i", "we", "a",
    "an", "the", "all", "some", "one", "ever", "once", "later", "again", "however", NULL};
/* words that join clauses: never a speaker, capitalized or not */
static const char *const CONJUNCTIONS[] = {"and", "but", "or", "nor", "so", "yet", "when", "while", "if",
                                           "because", "as", "although", "though", "whether", "where",
                                           "what", "which", "that", "then", "however", NULL};
/* words that end a noun phrase going left ("the state and ..." stops at and) */
static const char *const NP_STOP[] = {
    "a", "an", "the", "what", "which", "who", "and", "but", "or", "as", "in", "on", "of", "to",
    "for", "with", "by", "at", "from", "its", "his", "her", "their", "this", "that", "it", "is",
    "was", "were", "are", "be", "been", "has", "had", "have", "when", "while", "if", "after",
    "before", "because", "than", "so", "then", "also", "not", "about", "into", "he", "she",
    "they", "we", "i", "you", "said", "says", "our", "my", "your",
    /* subordinating conjunctions: "..., though investigators said", "Where
     * proponents claimed": the clause's subject starts after them */
    "though", "although", "where", "whereas", "unless", "until", "whether", "since", NULL};
/* who speaks for a body: "a Pentagon spokesman said" is the Pentagon */
static const char *const BODY_VOICES[] = {"spokesman", "spokeswoman", "spokesperson", "official", "officials", NULL};
static const char *const DETERMINERS[] = {"a", "an", "the", "its", "his", "her", "their", "our",
                                          "another", "one", "two", "three", "several", "many",
                                          "some", "other", NULL};
/* abbreviated titles: alone they are not a speaker ("Rep") */
static const char *const TITLES[] = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "col",
                                     "lt", "capt", "sgt", "adm", "rev", "prof", "maj", "pres",
                                     "amb", "sens", "reps", "st", NULL};
/* verbs after which the next noun phrase is the listener, never the
 * speaker ("told reporters") */
static const char *const TO_LISTENER[] = {"told", "tells", "urged", NULL};
/* Words between "said" and "that" that say when or where it was said. */
static const char *const WHEN_WHERE_SAID[] = {
    "earlier", "later", "this", "last", "next", "week", "month", "year", "on", "in", "at", "a", "an",
    "the", "statement", "interview", "news", "conference", "briefing", "today", "yesterday", "tonight",
    "recently", "also", "repeatedly", "again", "publicly", "privately", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "evening", "afternoon",
    "however", "though", NULL};

typedef struct ctx {
    const sf_doc *d;
    const sf_mention *m;
    size_t nm;
    const sf_entity *ents;
    sf_quotevec *out;
    size_t first_hit;   /* this doc's hits start here in out */
    unsigned char *inq; /* per token: inside quote marks (or a mark) */
    size_t *para;       /* per token: paragraph index */
    size_t *starting;   /* per token t: the first mention with tok_begin t (SIZE_MAX) */
    size_t *ending;     /* per token t: the first mention with tok_end t (SIZE_MAX) */
} ctx;

/* How a speaker was found. Each rule has a confidence (CONFIDENCE below);
 * a speaker found by a rule below MIN_CONFIDENCE is left unknown. */
enum rule {
    R_NONE,
    R_NAME,          /* the name before the verb: '"...," X said', 'X said: "..."' */
    R_NAME_IN_NP,    /* a name inside the subject phrase ("the X monitoring group") */
    R_PHRASE,        /* a noun phrase before the verb ("officials said") */
    R_IT,            /* "it/they said": the organization that spoke last */
    R_HE_LAST,       /* "he/she said": the person who spoke last */
    R_HE_NAMED,      /* ... another person, subject in the pronoun's paragraph */
    R_HE_NOBODY_SPOKE, /* ... nobody spoke yet: the person named last */
    R_HE_SUBJECT,    /* ... the person who is the subject of the pronoun's sentence */
    R_AND_NAME,      /* "X smiled and said" */
    R_AND_VERB,      /* "X noted ..., and added" */
    R_APPOS_FIRST,   /* "X, the editor of Y, Z, said": the name opening the clause */
    R_APPOS_NAME,    /* "The envoy, X, said" */
    R_APPOS_BEFORE,  /* "X, the envoy, said" */
    R_TIME_SKIP,     /* "X at the time said" */
    R_AFTER_NAME,    /* '"...," said X' */
    R_AFTER_PHRASE,  /* '"...," said the prime minister' */
    R_ACCORDING,     /* "according to X" */
    R_PARTICIPLE,    /* "X emailed supporters, saying" */
    R_NAMING,        /* 'X called it "a scam"' */
    R_NAMING_PRON,   /* 'what he called "a scam"' */
    R_DESCRIBED,     /* "the Conservative MP said": the person the text gives that title */
    R_SAYS_Y,        /* "X, says Y, is ..." */
    R_ANY_VERB,      /* '"...," X pointed out' */
    R_CONT,          /* a quote continued from the paragraph before */
    R_COLON,         /* after a paragraph ending "X said:" */
    R_SAME_PARA,     /* a later quote of the same paragraph: '"A," X said. "B."' */
    R_COUNT
};

/* Confidence of each rule: 3 high (at least 97 in 100 speakers right when
 * chosen), 2 medium (at least 90 in 100), 1 low. Measured on PolNeAR train
 * (docs/quotes.md); the pronoun rules cannot be measured there (its gold
 * leaves pronoun sources out) and count as medium. */
static const unsigned char CONFIDENCE[R_COUNT] = {
    [R_NAME] = 3, [R_NAME_IN_NP] = 2, [R_PHRASE] = 2, [R_IT] = 2, [R_HE_LAST] = 2, [R_HE_NAMED] = 2,
    [R_HE_NOBODY_SPOKE] = 2, [R_HE_SUBJECT] = 2, [R_AND_NAME] = 2, [R_AND_VERB] = 2, [R_APPOS_FIRST] = 3,
    [R_APPOS_NAME] = 3, [R_APPOS_BEFORE] = 3, [R_TIME_SKIP] = 3, [R_AFTER_NAME] = 3, [R_AFTER_PHRASE] = 3,
    [R_ACCORDING] = 2, [R_PARTICIPLE] = 2, [R_NAMING] = 2, [R_NAMING_PRON] = 1, [R_DESCRIBED] = 2, [R_SAYS_Y] = 3,
    [R_ANY_VERB] = 3, [R_CONT] = 3, [R_COLON] = 3, [R_SAME_PARA] = 2,
};
/* Below this a speaker is left unknown: a missing speaker is far better
 * than a wrong one. */
enum { MIN_CONFIDENCE = 2 };

typedef struct speaker {
    size_t mention;     /* index into m, or SIZE_MAX */
    size_t b, e;        /* tokens as written; b == e: none */
    unsigned char rule; /* enum rule: how it was found */
} speaker;

static const speaker NOBODY = {SIZE_MAX, 0, 0, 0};

static bool ends_sentence(const sf_doc *d, size_t i);

static speaker by(speaker s, unsigned char rule) {
    if (s.b != s.e) s.rule = rule;
    return s;
}

static bool punct_is(const sf_doc *d, size_t i, char c) {
    return i < d->toks.n && d->toks.items[i].kind == SF_TOK_PUNCT && d->text[d->toks.items[i].begin] == c;
}

static bool is_word(const sf_doc *d, size_t i) {
    return i < d->toks.n && d->toks.items[i].kind == SF_TOK_WORD;
}

static bool lower_word(const sf_doc *d, size_t i) {
    return is_word(d, i) && !(d->toks.items[i].flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS));
}

/* An adverb in -ly between subject and verb ("he quickly said"). */
static bool ly_adverb(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    size_t n = t->end - t->begin;
    return lower_word(d, i) && n > 4 && d->text[t->end - 2] == 'l' && d->text[t->end - 1] == 'y';
}

/* The first mention ending (starting) at token `end` (`begin`): looked up
 * in the per-token index, not by a scan of the doc's mentions, so a doc of
 * a million names and speech verbs stays linear. */
static size_t mention_ending(const ctx *c, size_t end) {
    return end <= c->d->toks.n ? c->ending[end] : SIZE_MAX;
}

static size_t first_ending_after(const ctx *c, size_t t);

static size_t mention_starting(const ctx *c, size_t begin) {
    return begin <= c->d->toks.n ? c->starting[begin] : SIZE_MAX;
}

/* The one place that decides what kind of thing a mention names (the
 * entity's type when resolved, else the mention's own hint). A better
 * recognizer plugs in here. */
static sf_entity_type mention_type(const ctx *c, size_t k) {
    const sf_mention *x = &c->m[k];
    if (x->entity != SIZE_MAX && c->ents[x->entity].type != SF_ENT_UNKNOWN) return c->ents[x->entity].type;
    if (x->flags & SF_MENTION_TITLED) return SF_ENT_PERSON;
    return x->hint;
}

/* A name that may speak: a name (not a place), not only a title. */
static const char *const SUFFIXES[] = {"ii", "iii", "iv", "jr", "sr", NULL};

/* words no name holds: a capitalized headline ("CONGRESS HAS INVESTIGATED
 * HIM") taken for a name */
static const char *const NOT_IN_NAME[] = {"has", "have", "had", "is", "was", "are", "were", "him",
                                          "he", "she", "they", "them", "says", "said", NULL};

/* A word of four letters or more in -ed or -s: a past tense or a present
 * after its subject ('"...," Mr. Rubel pointed out', 'Kasich resisted:'). */
static bool verb_form(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->end - t->begin <= 3) return false;
    char last = d->text[t->end - 1], prev = d->text[t->end - 2];
    return (prev == 'e' && last == 'd') || last == 's';
}

/* A mention that is a title alone, perhaps with its period ("Rep."). */
static bool only_title(const sf_doc *d, const sf_mention *x) {
    size_t n = x->tok_end - x->tok_begin;
    return (n == 1 || (n == 2 && punct_is(d, x->tok_begin + 1, '.'))) && sf__tok_in(d, x->tok_begin, TITLES);
}

static bool speaker_name_ok(const ctx *c, size_t k) {
    const sf_mention *x = &c->m[k];
    for (size_t t = x->tok_begin; x->tok_end - x->tok_begin > 1 && t < x->tok_end; t++)
        if (sf__tok_in(c->d, t, NOT_IN_NAME)) return false;
    if (x->tok_end - x->tok_begin == 1 && sf__tok_in(c->d, x->tok_begin, SUFFIXES)) return false;
    if (mention_type(c, k) == SF_ENT_PLACE) return false;
    if (only_title(c->d, x)) return false;
    /* a capitalized first word the story does not take as a name
     * ("Earlier", "Instead"), or one set off by a comma ("Back," "Hours,") */
    if ((x->flags & SF_MENTION_INITIAL) && x->entity == SIZE_MAX) return false;
    if (x->tok_end - x->tok_begin == 1 && !(c->d->toks.items[x->tok_begin].flags & SF_TOKF_ALLCAPS) &&
        sf__tok_in(c->d, x->tok_begin, NOT_HEAD))
        return false; /* "When", not "WHO" */
    /* a first word written once, of no known kind ("Earlier this week") */
    if ((x->flags & SF_MENTION_INITIAL) && x->tok_end - x->tok_begin == 1 &&
        c->ents[x->entity].type == SF_ENT_UNKNOWN && c->ents[x->entity].mentions == 1)
        return false;
    if ((x->flags & SF_MENTION_INITIAL) && x->tok_end - x->tok_begin == 1 && punct_is(c->d, x->tok_end, ','))
        return false;
    return true;
}

static bool same_last_word(const sf_doc *d, const sf_mention *a, const sf_mention *b);

/* A name that is only a description of someone: a title or office after
 * "the" ("the Conservative MP said", "said the Foreign Minister"). Shown
 * as a speaker it reads like a person's name, and it names nobody. */
static bool description(const ctx *c, size_t k) {
    const sf_doc *d = c->d;
    const sf_mention *x = &c->m[k];
    return x->tok_begin > 0 && lower_word(d, x->tok_begin - 1) && sf__tok_is(d, x->tok_begin - 1, "the") &&
           sf__title_word(d, x->tok_end - 1);
}

/* Whether the n tokens at a and at b are the same words (case folded). */
static bool same_tokens(const sf_doc *d, size_t a, size_t b, size_t n) {
    if (a + n > d->toks.n || b + n > d->toks.n) return false;
    for (size_t i = 0; i < n; i++) {
        const sf_token *x = &d->toks.items[a + i], *y = &d->toks.items[b + i];
        if (x->end - x->begin != y->end - y->begin ||
            strncasecmp(d->text + x->begin, d->text + y->begin, x->end - x->begin) != 0)
            return false;
    }
    return true;
}

/* The person a description (mention k, after "the") stands for: one the
 * text gives that title, before the name ("Conservative MP Chris
 * Grayling") or after it ("Chris Grayling, the Conservative MP"), outside
 * quotes. Two people given the title, or none: nobody, never a guess from
 * who was named last ("X said ... The Labour leader said" may be another
 * person). Looks at the 2,048 mentions either side, so a long doc of
 * descriptions stays linear. The speaker is written as the description. */
static speaker described_person(const ctx *c, size_t k) {
    const sf_doc *d = c->d;
    const sf_mention *x = &c->m[k];
    size_t n = x->tok_end - x->tok_begin, found = SIZE_MAX;
    size_t j0 = k > 2048 ? k - 2048 : 0, j1 = SF_MIN(c->nm, k + 2048);
    for (size_t j = j0; j < j1; j++) {
        const sf_mention *y = &c->m[j];
        if (j == k || c->inq[y->tok_begin] || mention_type(c, j) != SF_ENT_PERSON) continue;
        size_t t = y->tok_end;
        bool before = y->tok_begin >= n && same_tokens(d, y->tok_begin - n, x->tok_begin, n);
        bool after = punct_is(d, t, ',') && sf__tok_is(d, t + 1, "the") && same_tokens(d, t + 2, x->tok_begin, n);
        if (!before && !after) continue;
        if (found != SIZE_MAX && c->m[found].entity != y->entity && !same_last_word(d, &c->m[found], y))
            return NOBODY; /* two people hold the title */
        if (found == SIZE_MAX || (y->tok_begin < x->tok_begin && c->m[found].tok_begin > x->tok_begin)) found = j;
    }
    if (found == SIZE_MAX) return NOBODY;
    return (speaker){found, x->tok_begin - 1, x->tok_end, R_DESCRIBED};
}

static speaker from_mention(const ctx *c, size_t k) {
    if (!speaker_name_ok(c, k)) return NOBODY;
    if (description(c, k)) return described_person(c, k);
    /* an office's head word alone ("Officer" of "Chief Financial Officer
     * of Super Value Debra Symonette said") names no one */
    if ((c->m[k].flags & SF_MENTION_DESCRIPTION) && c->m[k].tok_end - c->m[k].tok_begin == 1) return NOBODY;
    return (speaker){k, c->m[k].tok_begin, c->m[k].tok_end, R_NAME};
}

/* The noun phrase ending at token k (exclusive), going left no further than
 * lo: "officials", "the alliance", "a Pentagon spokesman", "Bruce Guy's
 * son". A name at its end is the speaker; a non-possessive name inside it
 * ("the Syrian Observatory for Human Rights monitoring group") too; a name
 * that owns the head ("Bruce Guy's son") is not, the phrase is. */
/* A word with an apostrophe that is no possessive of a noun ("he's",
 * "can't", "it's", and "He's" opening a sentence): a clause, not a noun
 * phrase. Capitalized, only a pronoun's ("Trump's" is a possessive). */
static bool contraction(const sf_doc *d, size_t i) {
    bool lower = lower_word(d, i);
    const sf_token *t = &d->toks.items[i];
    for (size_t b = t->begin; b < t->end; b++) {
        bool ap = d->text[b] == '\'';
        size_t al = 1;
        if (!ap && b + 2 < t->end && (unsigned char)d->text[b] == 0xE2 && (unsigned char)d->text[b + 1] == 0x80 &&
            (unsigned char)d->text[b + 2] == 0x99)
            ap = true, al = 3;
        if (!ap) continue;
        bool poss = b + al + 1 == t->end && d->text[b + al] == 's';
        static const char *const PRON[] = {"he", "she", "it", "that", "there", "what", "who", "here", NULL};
        bool pron = false;
        for (size_t k = 0; PRON[k] && !pron; k++)
            pron = strlen(PRON[k]) == b - t->begin && strncasecmp(d->text + t->begin, PRON[k], b - t->begin) == 0;
        return pron || (lower && !poss);
    }
    return false;
}

/* A word that ends in a possessive "'s" or "’s" and is no contraction
 * ("the state's", "Trump's"; not "he's", "it's"). */
static bool possessive(const sf_doc *d, size_t i) {
    if (!is_word(d, i) || contraction(d, i)) return false;
    const sf_token *t = &d->toks.items[i];
    size_t n = t->end - t->begin;
    const char *p = d->text + t->begin;
    return (n > 2 && p[n - 2] == '\'' && p[n - 1] == 's') ||
           (n > 4 && !memcmp(p + n - 4, "\xE2\x80\x99s", 4));
}

/* The "of" before a phrase starting at b ("the head of the FBI", "75
 * percent of Republicans"): the phrase is the object of "of", the head
 * before it is the subject. SIZE_MAX: none. */
static size_t of_before(const sf_doc *d, size_t lo, size_t b) {
    if (b > lo && sf__tok_is(d, b - 1, "the")) b--;
    return b > lo && lower_word(d, b - 1) && sf__tok_is(d, b - 1, "of") ? b - 1 : SIZE_MAX;
}

static speaker noun_phrase_before(const ctx *c, size_t lo, size_t k) {
    const sf_doc *d = c->d;
    for (size_t t = k; t > lo && t + 5 > k; t--)
        if (contraction(d, t - 1)) return NOBODY;
    /* the head is no conjunction, pronoun or adverb; capitalized, no
     * conjunction ("When", "And"; "WHO" and "From" may be names) */
    /* "I said", "We said", "You said": the writer or an unnamed group,
     * never a name a reader can use (capitalized or not) */
    static const char *const PERSON_1_2[] = {"i", "we", "you", NULL};
    if (k > lo && sf__tok_in(d, k - 1, PERSON_1_2)) return NOBODY;
    if (k <= lo || !is_word(d, k - 1) || (lower_word(d, k - 1) && sf__tok_in(d, k - 1, NOT_HEAD)) ||
        (!(d->toks.items[k - 1].flags & SF_TOKF_ALLCAPS) && sf__tok_in(d, k - 1, CONJUNCTIONS)) || ly_adverb(d, k - 1) ||
        sf__tok_in(d, k - 1, sf__speech_verbs))
        return NOBODY;
    /* "The state's confirmed caseload": a possessive owns what follows,
     * the verb is a participle before a noun, not said */
    if (possessive(d, k - 1)) return NOBODY;
    /* "The logger who stayed back claimed", "The man who found the body
     * said": the relative clause describes the subject before "who". Not
     * when "who" has a subject of its own, the speaker ("Bannon, who Beck
     * called", "a minister who prosecutors said"): a name, a pronoun or
     * one lower-case word alone between "who" and the verb. The subject
     * is a person's name, or a phrase that opens the clause or is opened
     * by a determiner ("surprised even civil rights campaigners who have
     * long complained": after a verb, an object). */
    for (size_t t = k - 1; t > lo && t + 8 > k && is_word(d, t); t--)
        if (lower_word(d, t) && sf__tok_is(d, t, "who") && t + 2 < k && lower_word(d, t + 1) && !he_she(d, t + 1) &&
            !sf__tok_in(d, t + 1, IT_THEY) && !sf__tok_in(d, t + 1, (const char *const[]){"i", "we", "you", NULL})) {
            speaker sp = noun_phrase_before(c, lo, t);
            if (sp.b == sp.e) return NOBODY;
            /* "who" stands for a person: "A specialist in the Kansas City,
             * Kan., School District who was ..." is not the district */
            bool opens = sp.mention != SIZE_MAX
                             ? mention_type(c, sp.mention) == SF_ENT_PERSON
                             : sp.b == lo || sf__tok_in(d, sp.b, DETERMINERS) ||
                                   (lower_word(d, sp.b) && !is_word(d, sp.b - 1));
            return opens ? sp : NOBODY;
        }
    size_t mi = mention_ending(c, k);
    if (mi != SIZE_MAX && c->m[mi].tok_begin >= lo && speaker_name_ok(c, mi)) {
        size_t of = of_before(d, lo, c->m[mi].tok_begin);
        return of != SIZE_MAX ? noun_phrase_before(c, lo, of) : from_mention(c, mi);
    }
    size_t b = k - 1;
    while (b > lo && k - b < 5 && is_word(d, b - 1) && !sf__tok_in(d, b - 1, NP_STOP) &&
           !sf__tok_in(d, b - 1, sf__speech_verbs) && !ly_adverb(d, b - 1))
        b--;
    if (b > lo && sf__tok_in(d, b - 1, DETERMINERS)) b--;
    size_t of = of_before(d, lo, b);
    if (of != SIZE_MAX) return noun_phrase_before(c, lo, of);
    /* a name inside the phrase, not owning it (text order: from the first
     * name ending after b, up to the first ending at k) */
    for (size_t j = first_ending_after(c, b); j < c->nm && c->m[j].tok_end < k; j++) {
        const sf_mention *x = &c->m[j];
        if (x->tok_begin >= b && x->tok_end < k && x->tok_end + 3 >= k &&
            !(x->flags & SF_MENTION_POSSESSIVE) && speaker_name_ok(c, j)) {
            /* "Democratic party officials said", "a Palestinian official
             * said", "Clinton aides said": a name before a common noun only
             * says whose or which; the speaker is the phrase ("Clinton
             * himself said" is Clinton). An organization speaks through its
             * people: "Forest Service officials said" is the Forest Service. */
            /* An office held in it ("the former Uttar Pradesh chief
             * minister said") is one person's, not the body's words. */
            bool office = mention_type(c, j) == SF_ENT_ORG && k > x->tok_end && lower_word(d, k - 1) &&
                          sf__title_word(d, k - 1) && !sf__tok_in(d, k - 1, BODY_VOICES);
            for (size_t t = x->tok_end; t < k && (office || mention_type(c, j) != SF_ENT_ORG); t++)
                if (lower_word(d, t) && !ly_adverb(d, t) &&
                    !sf__tok_in(d, t, (const char *const[]){"himself", "herself", "itself", "themselves", NULL}))
                    return (speaker){SIZE_MAX, b, k, R_PHRASE};
            return (speaker){j, x->tok_begin, x->tok_end, R_NAME_IN_NP};
        }
    }
    /* a lone capitalized word that is no name here ("Officials") is fine;
     * a lone lower-case word must be a plural or a role ("officials",
     * "police"), not a fragment: require a determiner or two words */
    if (k - b == 1 && lower_word(d, b)) {
        const sf_token *t = &d->toks.items[b];
        /* "address", "business": an -ss ending is no plural */
        if (d->text[t->end - 1] != 's' || (t->end - t->begin > 2 && d->text[t->end - 2] == 's')) return NOBODY;
    }
    /* an office alone ("Minister in the Ministry of Finance X said") names
     * no one; titles that are also surnames ("King", "Judge") are not here */
    static const char *const OFFICES[] = {"minister", "president", "secretary", "officer", "director",
                                          "chairman", "chairwoman", "spokesman", "spokeswoman",
                                          "spokesperson", "governor", "premier", "ambassador",
                                          "commissioner", "official", NULL};
    if (k - b == 1 && sf__tok_in(d, b, OFFICES)) return NOBODY;
    return (speaker){SIZE_MAX, b, k, R_PHRASE};
}

/* The first mention ending after token t. The mentions are in text order
 * (the loops below stop at the first one ending after a token): a binary
 * search, so a pronoun costs a logarithm, not a scan of the doc's names. */
static size_t first_ending_after(const ctx *c, size_t t) {
    size_t lo = 0, hi = c->nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->m[mid].tok_end <= t) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The latest speaker of an earlier hit in this doc that is a person (or
 * an organization with `org`), with the token where its quote starts. */
static size_t last_speaker(const ctx *c, bool org, size_t *where) {
    for (size_t j = c->out->n; j-- > c->first_hit;) {
        const sf_quote_hit *p = &c->out->items[j];
        if (p->speaker == SIZE_MAX) continue;
        sf_entity_type t = mention_type(c, p->speaker);
        if (org ? t == SF_ENT_ORG : t == SF_ENT_PERSON || t == SF_ENT_UNKNOWN) {
            *where = sf__doc_sentence_of(c->d, p->begin);
            return p->speaker;
        }
    }
    return SIZE_MAX;
}

/* Whether the latest hit with a speaker has an unnamed person introduced
 * as such: a phrase with no name that opens with an indefinite article
 * and ends on a singular word ("A woman who identified herself as the
 * victim's mother admitted that ..."). A "he" or "she" after it most
 * likely is that person, whom no name can show. *at: where it is written. */
static bool unnamed_spoke_last(const ctx *c, size_t *at) {
    const sf_doc *d = c->d;
    for (size_t j = c->out->n; j-- > c->first_hit;) {
        const sf_quote_hit *p = &c->out->items[j];
        if (p->speaker_end <= p->speaker_begin) continue;
        if (p->speaker != SIZE_MAX) return false;
        const char *w = d->text + p->speaker_begin;
        size_t n = 0;
        while (p->speaker_begin + n < p->speaker_end && w[n] != ' ' && w[n] != '\n') n++;
        static const char *const INDEFINITE[] = {"a", "an", "another", "one", NULL};
        bool indefinite = false;
        for (const char *const *x = INDEFINITE; *x && !indefinite; x++)
            indefinite = strlen(*x) == n && strncasecmp(w, *x, n) == 0;
        char last = d->text[p->speaker_end - 1];
        *at = p->speaker_begin;
        return indefinite && last != 's';
    }
    return false;
}

/* Whether two mentions end on the same word: "Though Trump" (a boundary
 * the recognizer got wrong) and "Trump" are one person here. */
static bool same_last_word(const sf_doc *d, const sf_mention *a, const sf_mention *b) {
    size_t ea = a->end, eb = b->end, ba = ea, bb = eb;
    while (ba > a->begin && d->text[ba - 1] != ' ') ba--;
    while (bb > b->begin && d->text[bb - 1] != ' ') bb--;
    return ea - ba == eb - bb && memcmp(d->text + ba, d->text + bb, ea - ba) == 0;
}

/* Whether, after the paragraph where person mention s last spoke (its
 * quote in sentence ssent) and before the pronoun at k, the text has moved
 * on to another person: a later paragraph names someone else (in any
 * position, outside quotes). "he says" then may be either of them; the
 * speaker is left unknown rather than given to the wrong one. Within the
 * quote's own paragraph the one who spoke stays the antecedent. */
static bool other_person_since(const ctx *c, size_t s, size_t ssent, size_t k) {
    const sf_doc *d = c->d;
    size_t qpara = c->para[d->sent_tok[ssent]];
    if (c->para[k] == qpara) return false;
    /* only the mentions after the quote's sentence: bounded by the text
     * between the speaker and the pronoun, not by the article */
    for (size_t j = first_ending_after(c, d->sent_tok[ssent]); j < c->nm && c->m[j].tok_end <= k; j++) {
        const sf_mention *x = &c->m[j];
        if (c->para[x->tok_begin] <= qpara || c->inq[x->tok_begin]) continue;
        if (mention_type(c, j) == SF_ENT_PERSON && x->entity != c->m[s].entity && !same_last_word(d, x, &c->m[s]))
            return true;
    }
    return false;
}

/* "Napster, he said, had hijacked his music": a name that only a comma
 * parts from the pronoun at k is what is said about, not who says it. */
static bool said_about(const ctx *c, size_t j, size_t k) {
    return c->m[j].tok_end + 1 == k && punct_is(c->d, k - 1, ',');
}

/* Whether mention j opens its sentence, as a subject does rather than an
 * object: within its first three tokens, or after a title of capitalized
 * words ("New York City Mayor Bill de Blasio indicated ..."). */
static bool opens_sentence(const ctx *c, size_t j) {
    const sf_doc *d = c->d;
    size_t s0 = d->sent_tok[c->m[j].sentence], b = c->m[j].tok_begin;
    if (b <= s0 + 2) return true;
    if (!(c->m[j].flags & SF_MENTION_TITLED) || b > s0 + 8) return false;
    for (size_t t = s0; t < b; t++)
        if (lower_word(d, t)) return false;
    return true;
}

/* "he said" / "she said" at token k: the person who spoke last, unless
 * another person is named outside quotes in the pronoun's own paragraph,
 * before it (then that person); with no one who spoke, the person named
 * last in this or the previous paragraph. "it/they said": the organization
 * that spoke last, within three sentences. Else nobody. */
/* How many sentences back a person named outside quotes is still in
 * reach of "he"/"she" (about a paragraph of news) */
#define PRONOUN_NEAR 3
static speaker resolve_pronoun(const ctx *c, size_t k) {
    const sf_doc *d = c->d;
    speaker sp = {SIZE_MAX, k, k + 1, R_IT};
    size_t ssent = 0;
    if (sf__tok_in(d, k, IT_THEY)) {
        size_t s = last_speaker(c, true, &ssent);
        size_t here = sf__doc_sentence_of(d, d->toks.items[k].begin);
        if (s == SIZE_MAX || ssent + 3 < here) return NOBODY;
        sp.mention = s;
        return sp;
    }
    size_t s = last_speaker(c, false, &ssent);
    size_t named = SIZE_MAX; /* the latest person named outside quotes */
    for (size_t j = first_ending_after(c, k); j-- > 0;) /* the last one that fits */
        if (!c->inq[c->m[j].tok_begin] && mention_type(c, j) == SF_ENT_PERSON &&
            !(c->m[j].flags & SF_MENTION_POSSESSIVE) && !said_about(c, j, k) && opens_sentence(c, j)) {
            named = j;
            break;
        }
    /* a paragraph is the unit of these rules, but a text with no breaks
     * (a one-line file) is one paragraph: a name also has to stand within
     * a few sentences */
    size_t here = sf__doc_sentence_of(d, d->toks.items[k].begin);
    bool named_near = named != SIZE_MAX && sf__doc_sentence_of(d, c->m[named].begin) + PRONOUN_NEAR >= here;
    bool named_here = named_near && c->para[c->m[named].tok_begin] == c->para[k];
    /* the subject of the pronoun's own sentence ("X praised Y, but he
     * said"): a person named first in it, outside quotes */
    size_t sent = sf__doc_sentence_of(d, d->toks.items[k].begin), own = SIZE_MAX;
    /* a name beginning in the sentence ends after its first token */
    for (size_t j = first_ending_after(c, d->sent_tok[sent]); j < c->nm && c->m[j].tok_end <= k && own == SIZE_MAX; j++) {
        /* a name after a "he" or "she" of the same sentence is not who
         * the pronoun stands for ("while he did not mention Bush by name,
         * he noted") */
        bool pron = false;
        for (size_t t = d->sent_tok[sent]; t < c->m[j].tok_begin && !pron; t++) pron = !c->inq[t] && he_she(d, t);
        if (pron) continue;
        if (sf__doc_sentence_of(d, c->m[j].begin) == sent && !c->inq[c->m[j].tok_begin] &&
            !(c->m[j].flags & SF_MENTION_POSSESSIVE) && speaker_name_ok(c, j))
            own = mention_type(c, j) == SF_ENT_PERSON ? j : SIZE_MAX - 1;
    }
    if (own < SIZE_MAX - 1 && said_about(c, own, k)) own = SIZE_MAX - 1;
    if (own < SIZE_MAX - 1) {
        sp.mention = own, sp.rule = R_HE_SUBJECT;
        return sp;
    }
    /* an unnamed person spoke last, and no one was named since */
    size_t at;
    if (unnamed_spoke_last(c, &at) && (named == SIZE_MAX || c->m[named].begin < at)) return NOBODY;
    if (s != SIZE_MAX) {
        bool same = named == SIZE_MAX || c->m[named].entity == c->m[s].entity ||
                    c->m[named].tok_begin <= c->m[s].tok_begin;
        sp.mention = same || !named_here ? s : named;
        sp.rule = sp.mention == s ? R_HE_LAST : R_HE_NAMED;
        if (sp.mention == s && other_person_since(c, s, ssent, k)) return NOBODY;
        return sp;
    }
    if (named_near && c->para[c->m[named].tok_begin] + 1 >= c->para[k]) {
        sp.mention = named, sp.rule = R_HE_NOBODY_SPOKE;
        return sp;
    }
    return NOBODY;
}

/* Token before a parenthesis that ends at k (exclusive): "Kasich (R-OH)"
 * gives the end of "Kasich"; k itself when there is none. */
static size_t skip_paren(const sf_doc *d, size_t lo, size_t k) {
    if (k <= lo || !punct_is(d, k - 1, ')')) return k;
    for (size_t t = k - 1; t > lo && k - t < 12; t--)
        if (punct_is(d, t - 1, '(')) return t - 1;
    return k;
}

/* prepositions only (not "before", "after", "since": conjunctions too) */
static const char *const OBJECT_PREPS[] = {"at", "in", "on", "during", "with", "for", "from", "over",
                                           "through", "into", "across", "against", "among", "toward",
                                           "towards", "under", "about", "by", "to", "near", NULL};
static const char *const PREP_SKIP[] = {"at", "in", "on", "during", "after", "before", "from",
                                        "with", "for", "since", "over", "through", NULL};

/* The subject of the verb at v, written before it and after lo: "X said",
 * "X also said", "X (R-OH) said", "X, the envoy, said", "The envoy, X,
 * said", "X at the time said", "he said". */
static bool speech_verb(const ctx *c, size_t i, size_t hi, bool wide, size_t *vend);
static speaker speaker_of_verb(const ctx *c, size_t lo, size_t v, size_t vend, size_t hi);

static const char *const WHEN_WORDS[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday", "week", "weekend", "month", "year",
                                         "night", "morning", "evening", "afternoon", NULL};

/* Skip, going left from k, what stands between a subject and its verb:
 * "also", "-ly" adverbs, "always", and a time ("last week", "two weeks
 * ago", "on Monday", "Monday"). */
static size_t skip_between(const sf_doc *d, size_t lo, size_t k) {
    for (;;) {
        if (k > lo && (sf__tok_in(d, k - 1, BETWEEN) || ly_adverb(d, k - 1))) {
            k--;
        } else if (k > lo + 1 && sf__tok_is(d, k - 1, "ago")) {
            k -= 2; /* "weeks ago" */
            if (k > lo && (lower_word(d, k - 1) || d->toks.items[k - 1].kind == SF_TOK_NUMBER)) k--;
        } else if (k > lo && sf__tok_in(d, k - 1, WHEN_WORDS)) {
            k--;
            if (k > lo && sf__tok_in(d, k - 1, (const char *const[]){"last", "this", "on", "that", "next", NULL})) k--;
        } else {
            return k;
        }
    }
}

static speaker subject_before(const ctx *c, size_t lo, size_t v) {
    const sf_doc *d = c->d;
    size_t k = skip_between(d, lo, v);
    k = skip_paren(d, lo, k);
    if (k <= lo) return NOBODY;
    /* "The most commonly reported drugs are": a degree word before the
     * verb makes it an adjective; no one speaks */
    if (lower_word(d, k - 1) && sf__tok_in(d, k - 1, (const char *const[]){"most", "more", "least", "less", NULL}))
        return NOBODY;
    if (lower_word(d, k - 1) && sf__tok_is(d, k - 1, "and")) {
        /* "X noted ..., and added:": the subject of the speech verb
         * before, in the same window; else nobody */
        /* "Ms. Sherry smiled and said": a name right before one verb */
        size_t mi = k >= lo + 3 && lower_word(d, k - 2) ? mention_ending(c, k - 2) : SIZE_MAX;
        if (mi != SIZE_MAX && c->m[mi].tok_begin >= lo && speaker_name_ok(c, mi)) return by(from_mention(c, mi), R_AND_NAME);
        for (size_t t = k - 1; t-- > lo;) {
            size_t vend;
            if (speech_verb(c, t, k - 1, true, &vend)) return by(speaker_of_verb(c, lo, t, vend, k - 1), R_AND_VERB);
        }
        return NOBODY;
    }
    if (he_she(d, k - 1) || sf__tok_in(d, k - 1, IT_THEY)) return resolve_pronoun(c, k - 1);
    if (punct_is(d, k - 1, ',')) {
        /* an apposition or relative clause between commas */
        size_t cm = k - 1, b = cm;
        while (b > lo && !punct_is(d, b - 1, ',') && cm - b < 24 && !c->inq[b - 1]) b--;
        size_t ce = skip_paren(d, b, cm);
        bool relative = sf__tok_in(d, b, (const char *const[]){"who", "which", "whose", NULL});
        size_t mi = relative ? SIZE_MAX : mention_ending(c, ce);
        /* "X, chief executive of Y, said": Y describes X, it is no
         * speaker; "The envoy, X, said": X is */
        /* "X, the nation's highest-ranking Republican, said", "X, a
         * pollster who advises Priorities USA Action, said": a phrase
         * opened by an article or possessive describes the name before it */
        /* "X, GM's group vice president, said" */
        bool possessed = possessive(d, b) && b + 1 < cm && lower_word(d, b + 1);
        bool described = possessed || (lower_word(d, b) && sf__tok_in(d, b, (const char *const[]){"the", "a", "an", "his", "her",
                                                                                                "its", "their", "our", NULL}));
        for (size_t t = b; mi != SIZE_MAX && t < c->m[mi].tok_begin && !described; t++)
            described = lower_word(d, t) && sf__tok_in(d, t, (const char *const[]){"of", "for", "at", "in", "with", "from", "to", NULL});
        /* "Vian, the editor of the Vatican's paper, L'Osservatore
         * Romano, said": with more commas before, the name that opens the
         * clause is the subject when a comma follows it */
        size_t commas = 0;
        for (size_t t = lo; b > 1 && t + 1 < b; t++) commas += punct_is(d, t, ',');
        size_t t0 = lo;
        while (t0 < b && (d->toks.items[t0].kind == SF_TOK_PUNCT || sf__tok_is(d, t0, "the"))) t0++;
        size_t first = commas ? mention_starting(c, t0) : SIZE_MAX;
        if (first != SIZE_MAX && first != mi && punct_is(d, c->m[first].tok_end, ',') && speaker_name_ok(c, first))
            return by(from_mention(c, first), R_APPOS_FIRST);
        if (mi != SIZE_MAX && !described && c->m[mi].tok_begin >= b && speaker_name_ok(c, mi))
            return by(from_mention(c, mi), R_APPOS_NAME);
        if (b <= lo || !punct_is(d, b - 1, ',')) return NOBODY; /* one comma only */
        /* "Rep. Chris Collins, R-N.Y., noted": a party-and-state label
         * between the commas; the name before it speaks */
        if (sf__lang_is_english(d->lang) && sf__party_label(d, b, cm)) {
            size_t mn = mention_ending(c, b - 1);
            if (mn != SIZE_MAX && c->m[mn].tok_begin >= lo && speaker_name_ok(c, mn))
                return by(from_mention(c, mn), R_APPOS_BEFORE);
            return NOBODY;
        }
        /* "X, the envoy, said": the name or phrase before the first comma,
         * when what stands between the commas is a description */
        if (!relative && !lower_word(d, b) && !possessed) return NOBODY;
        speaker ap = noun_phrase_before(c, lo, skip_paren(d, lo, b - 1));
        return by(ap, ap.rule == R_NAME ? R_APPOS_BEFORE : ap.rule);
    }
    speaker np = noun_phrase_before(c, lo, k);
    /* "Trump at the time said": the phrase was a time or place;
     * "Protesters marching through the streets chanted": the object of a
     * preposition is no subject */
    if (np.b != np.e && np.mention == SIZE_MAX && np.b > lo + 1 && lower_word(d, np.b - 1) &&
        sf__tok_in(d, np.b - 1, OBJECT_PREPS)) {
        speaker s2 = noun_phrase_before(c, lo, skip_paren(d, lo, np.b - 1));
        return by(s2, R_TIME_SKIP);
    }
    if (np.b != np.e && np.mention != SIZE_MAX && mention_type(c, np.mention) == SF_ENT_PLACE) return NOBODY;
    return np;
}

/* The speaker written after the verb (ending at vend) and before hi: "said
 * X", "said Elite Forces spokesman X", "said the prime minister",
 * "according to X". Stops at punctuation (a period after a title is part
 * of the name), "that" and prepositions. */
static speaker subject_after(const ctx *c, size_t vend, size_t hi) {
    const sf_doc *d = c->d;
    size_t t = vend;
    /* "„...“, sagte er dem NDR": a pronoun after the verb, where the
     * language puts the subject there */
    if (t < hi && !sf__lang_is_english(d->lang) && he_she(d, t)) return resolve_pronoun(c, t);
    bool title_of = false; /* an "of" inside a title was passed */
    size_t first_mi = SIZE_MAX; /* the first name passed as a description */
    for (; t < hi && t < vend + 7; t++) {
        /* "said the Foreign Ministry", "said the Xinhua news agency" */
        if (t == vend && sf__lang_is_english(d->lang) && lower_word(d, t) &&
            sf__tok_in(d, t, (const char *const[]){"the", "a", "an", NULL}))
            continue;
        size_t mi = mention_starting(c, t);
        if (mi != SIZE_MAX && c->m[mi].tok_end == t + 1 && sf__tok_in(d, t, TITLES)) mi = SIZE_MAX;
        /* after "Director of", a place or body is the office's, not the
         * speaker ("said Director of Public Safety, Health and Welfare X") */
        if (mi != SIZE_MAX && title_of && mention_type(c, mi) != SF_ENT_PERSON) {
            t = c->m[mi].tok_end - 1;
            continue;
        }
        if (mi != SIZE_MAX) {
            /* the name ends the cue ("said X." "said X, a spokesman"
             * "said X in a statement"); "said X was ..." is a clause. In
             * other languages the verb-then-subject order is the rule
             * after a quote ("dijo la alcaldesa Ana Ruiz el lunes"): the
             * first name is the speaker. */
            size_t after = c->m[mi].tok_end;
            if (!sf__lang_is_english(d->lang)) return by(from_mention(c, mi), R_AFTER_NAME);
            if (after < hi && is_word(d, after) && !sf__tok_in(d, after, PREP_SKIP) &&
                !sf__tok_in(d, after, (const char *const[]){"of", "on", "to", "which", "who", "whose", "as", NULL})) {
                /* "said Compas chairman Conrad Winn": a title or
                 * description before the name; "said Trump was" stops
                 * at "was" */
                if (first_mi == SIZE_MAX) first_mi = mi;
                t = after - 1;
                continue;
            }
            return by(from_mention(c, mi), R_AFTER_NAME);
        }
        if (punct_is(d, t, '.') && t > vend && sf__tok_in(d, t - 1, TITLES)) continue;
        /* "said Department of Correction spokesman X", "said Secretary of
         * State X": an "of" between capitalized words is inside the title */
        if (t > vend && lower_word(d, t) && sf__tok_is(d, t, "of") && is_word(d, t - 1) && !lower_word(d, t - 1) &&
            is_word(d, t + 1) && !lower_word(d, t + 1)) {
            title_of = true;
            continue;
        }
        if (!is_word(d, t) || (lower_word(d, t) && sf__tok_in(d, t, NOT_HEAD)) || sf__tok_in(d, t, sf__speech_verbs))
            break;
    }
    /* "said the Xinhua news agency.": a name before at most three words
     * in lower case that close the sentence or the clause */
    if (first_mi != SIZE_MAX && sf__lang_is_english(d->lang) &&
        (mention_type(c, first_mi) == SF_ENT_ORG || mention_type(c, first_mi) == SF_ENT_PERSON)) {
        size_t w = c->m[first_mi].tok_end, n = 0;
        while (w < hi && n < 3 && lower_word(d, w) && !sf__tok_in(d, w, NOT_HEAD) && !sf__tok_in(d, w, sf__speech_verbs))
            w++, n++;
        if (n && (w == hi || punct_is(d, w, ',') || ends_sentence(d, w)) && speaker_name_ok(c, first_mi))
            return by(from_mention(c, first_mi), R_AFTER_NAME);
    }
    /* no name: a phrase of lower-case words ("said the prime minister,") */
    size_t b = vend;
    if (b < hi && sf__tok_in(d, b, DETERMINERS)) b++;
    size_t e = b;
    while (e < hi && e < b + 4 && lower_word(d, e) && !sf__tok_in(d, e, NOT_HEAD) &&
           !sf__tok_in(d, e, sf__speech_verbs) && !contraction(d, e))
        e++;
    /* "said a spokesman for the ministry.", "said an official at the
     * embassy,": a person's role, with what it belongs to, closes the
     * sentence or the clause (not "according to the idea for the trailer":
     * a thing is no speaker) */
    static const char *const PEOPLE[] = {"officials", "spokesmen", "scientists", "researchers", "members", "experts",
                                         "analysts", "lawyers", "doctors", "leaders", "officers", "member", "staff",
                                         NULL};
    if (e > b && e + 1 < hi && sf__lang_is_english(d->lang) && sf__tok_in(d, e, (const char *const[]){"for", "at", "of", NULL}) &&
        (sf__title_word(d, e - 1) || sf__tok_in(d, e - 1, PEOPLE))) {
        size_t w = e + 1;
        while (w < hi && w < e + 9 &&
               ((is_word(d, w) && !sf__tok_in(d, w, sf__speech_verbs) &&
                 (!lower_word(d, w) || !sf__tok_in(d, w, NOT_HEAD) ||
                  sf__tok_in(d, w, (const char *const[]){"the", "a", "an", NULL}))) ||
                (punct_is(d, w, '.') && w > e + 1 && sf__tok_in(d, w - 1, TITLES)))) /* "for Sen. Phil Gramm" */
            w++;
        if (w > e + 1 && (w == hi || punct_is(d, w, ',') || ends_sentence(d, w)))
            e = w;
    }
    if (e == b || (e < hi && is_word(d, e))) return NOBODY;
    if (b == vend && e - b == 1 && d->text[d->toks.items[b].end - 1] != 's') return NOBODY;
    /* "said last week", "said this morning": when, not who */
    for (size_t w = b; w < e; w++)
        if (sf__tok_in(d, w, WHEN_WORDS) || (w == vend && sf__tok_in(d, w, (const char *const[]){"last", "next", "this", NULL})))
            return NOBODY;
    return (speaker){SIZE_MAX, vend, e, R_AFTER_PHRASE};
}

/* cues that only introduce quotations here, beside sf__speech_verbs */
static const char *const MORE_CUES[] = {"asked", "asks", "tweeted", "tweets", "posted", "joked",
                                        "quipped", "responded", "answered", "shouted", "yelled",
                                        "vowed", "promised", "pledged", "boasted", "chanted",
                                        "exclaimed", "mused", "reads", "read", "wondered", "opined",
                                        "commented", "countered", "retorted",
                                        /* present tenses ("Critics argue that this is "..."") */
                                        "argue", "argues", "insist", "insists", "warns", "explains",
                                        "recalls", "notes", NULL};
/* "X emailed supporters, telling them, '...'": the participle's speaker
 * is the subject the sentence starts with */
static const char *const PARTICIPLES[] = {"saying", "telling", "adding", "writing", "noting",
                                          "arguing", "declaring", "calling", "asking", "warning",
                                          "explaining", "insisting", "tweeting", NULL};
/* "X called Y 'Z'": a name for something; the speaker must be a name */
static const char *const NAMING[] = {"called", "calls", "described", "describes", "dubbed",
                                     "labeled", "labelled", NULL};

/* A speech verb at i (outside quotes): not "Said" as a name, not passive
 * ("was told"); "according to" counts (*vend says where it ends). `wide`
 * (next to a quotation) adds verbs that are speech only there ("asked"). */
static bool speech_verb(const ctx *c, size_t i, size_t hi, bool wide, size_t *vend) {
    const sf_doc *d = c->d;
    if (c->inq[i] || !is_word(d, i)) return false;
    if (sf__tok_is(d, i, "according") && i + 1 < hi && sf__tok_is(d, i + 1, "to")) {
        *vend = i + 2;
        return true;
    }
    const sf_token *t = &d->toks.items[i];
    bool other = !sf__lang_is_english(d->lang) && sf__lang_speech_verb(d->lang, d->text + t->begin, t->end - t->begin);
    if (!(other || sf__tok_in(d, i, sf__speech_verbs) ||
          (wide && (sf__tok_in(d, i, MORE_CUES) || sf__tok_in(d, i, PARTICIPLES) || sf__tok_in(d, i, NAMING)))) ||
        (t->flags & SF_TOKF_CAPITAL))
        return false;
    if (i > 0 && sf__tok_in(d, i - 1, PASSIVE)) return false;
    /* "claims denied by the Vatican": a participle with its agent, an
     * article or a name after "by" ("said by telephone", "concluded by
     * admonishing" are the manner of speaking) */
    if (sf__lang_is_english(d->lang) && i + 2 < hi && sf__tok_is(d, i + 1, "by") && is_word(d, i + 2) &&
        (!lower_word(d, i + 2) || sf__tok_in(d, i + 2, DETERMINERS)))
        return false;
    /* "Iceland added to quarantine list", "added to the pressure": "add"
     * with a "to" after it is to put in, not to say; with "up" ("the cost
     * adds up to $52 billion") it is to sum */
    if (sf__lang_is_english(d->lang) && i + 1 < hi && sf__tok_in(d, i, (const char *const[]){"added", "adds", "add", NULL}) &&
        (sf__tok_is(d, i + 1, "to") || sf__tok_is(d, i + 1, "up")))
        return false;
    *vend = i + 1;
    return true;
}

/* The name that is the subject of the clause starting at lo, for a
 * participle at v ("X emailed supporters, telling them"): a name at the
 * clause's start, or right after an opening phrase set off by a comma
 * ("In a statement, X ...", "Hours later, X ..."), with at most a few role
 * words before it ("Band member X"). Not a possessor ("X's campaign ...,
 * saying": the campaign speaks), not a name further into the clause (an
 * object). */
static speaker clause_subject(const ctx *c, size_t lo, size_t v) {
    const sf_doc *d = c->d;
    size_t starts[2] = {lo, SIZE_MAX};
    for (size_t t = lo + 1; t < v && t < lo + 8; t++)
        if (punct_is(d, t, ',')) {
            starts[1] = t + 1;
            break;
        }
    /* "The paper quoted X, a director, as saying": the one quoted */
    if (v > lo && sf__tok_is(d, v - 1, "as"))
        for (size_t t = lo; t + 1 < v; t++) {
            if (!sf__tok_in(d, t, (const char *const[]){"quoted", "cited", "quoting", "citing", NULL})) continue;
            size_t mi = mention_starting(c, t + 1);
            if (mi == SIZE_MAX && sf__tok_is(d, t + 1, "the")) mi = mention_starting(c, t + 2);
            return mi != SIZE_MAX ? from_mention(c, mi) : NOBODY;
        }
    /* '"...," X said, adding': the subject of the speech verb before */
    for (size_t t = v; t-- > lo;) {
        size_t vend;
        if (!sf__tok_in(d, t, PARTICIPLES) && !sf__tok_in(d, t, NAMING) && speech_verb(c, t, v, true, &vend))
            return speaker_of_verb(c, lo, t, vend, v);
    }
    for (size_t k = 0; k < 2 && starts[k] != SIZE_MAX; k++) {
        size_t st = starts[k];
        for (size_t j = 0; j < c->nm; j++) {
            const sf_mention *x = &c->m[j];
            if (x->tok_begin < st) continue;
            if (x->tok_begin > st + 5 || x->tok_end > v || c->inq[x->tok_begin]) break;
            if (only_title(d, x)) continue; /* "Rep." before "John Smith" */
            bool role = true; /* only what may stand before a name: "Mr.",
                               * "76-year-old", "Secretary of State" */
            for (size_t t = st; t < x->tok_begin && role; t++)
                role = (is_word(d, t) && (!sf__tok_in(d, t, NP_STOP) || (sf__tok_is(d, t, "of") && !lower_word(d, t + 1)))) ||
                       d->toks.items[t].kind == SF_TOK_NUMBER || punct_is(d, t, '-') ||
                       (punct_is(d, t, '.') && t > st && sf__tok_in(d, t - 1, TITLES));
            if (!role || (x->flags & SF_MENTION_POSSESSIVE)) break;
            if (punct_is(d, x->tok_end, ',') && x->tok_end == x->tok_begin + 1 && (x->flags & SF_MENTION_INITIAL))
                break; /* "Hours later," */
            return from_mention(c, j);
        }
    }
    return NOBODY;
}

/* The speaker of the verb [v, vend), given the window [lo, hi) it may use. */
static speaker speaker_of_verb(const ctx *c, size_t lo, size_t v, size_t vend, size_t hi) {
    const sf_doc *d = c->d;
    if (sf__tok_is(d, v, "according")) return by(subject_after(c, vend, hi), R_ACCORDING);
    if (sf__tok_in(d, v, PARTICIPLES)) return by(clause_subject(c, lo, v), R_PARTICIPLE);
    if (sf__tok_in(d, v, NAMING)) {
        speaker sp = subject_before(c, lo, v);
        if (sp.mention == SIZE_MAX) return NOBODY;
        return by(sp, c->m[sp.mention].tok_begin != sp.b ? R_NAMING_PRON : R_NAMING);
    }
    /* "X, says Y, is ...": a verb set off by commas has its subject after */
    bool parenthetical = v > lo && punct_is(d, v - 1, ',');
    if (parenthetical && !sf__tok_in(d, v, TO_LISTENER)) {
        speaker after = subject_after(c, vend, hi);
        if (after.b != after.e && punct_is(d, after.e, ',')) return by(after, R_SAYS_Y);
        /* "..., said WHO.": a name closing the sentence after ", said" */
        if (after.mention != SIZE_MAX && ends_sentence(d, after.e)) return after;
    }
    speaker before = subject_before(c, lo, v);
    if (before.b != before.e) return before;
    if (sf__tok_in(d, v, TO_LISTENER)) return before;
    speaker after = subject_after(c, vend, hi);
    if (after.b != after.e) {
        /* "said X" only where nothing stands before the verb as subject
         * (after a quote, a comma or at the window's start) */
        size_t k = skip_between(d, lo, v);
        if (k == lo || punct_is(d, k - 1, ',') || punct_is(d, k - 1, ':') || quote_mark(d, k - 1)) return after;
        /* an auxiliary before the participle: "», a déclaré X", "“, ha detto X" */
        if (!sf__lang_is_english(d->lang) && k == v && v >= lo + 2 && lower_word(d, v - 1) &&
            (punct_is(d, v - 2, ',') || quote_mark(d, v - 2)))
            return after;
    }
    return before;
}

/* ------------------------------------------------------- quote marks */

typedef struct qspan {
    size_t open, close; /* mark tokens; close SIZE_MAX: ran to the paragraph end */
    size_t te;          /* end of the inside (exclusive token) */
    bool cont;          /* continues the previous paragraph's open quote */
} qspan;
typedef SF_VEC(qspan) qspanvec;

/* Paragraph of every token: a blank line starts one; a text without blank
 * lines (one paragraph a line) starts one at every line. */
static void paragraphs(const sf_doc *d, size_t *para) {
    bool blank = false;
    for (size_t i = 0; i + 1 < d->n && !blank; i++)
        if (d->text[i] == '\n') {
            size_t j = i + 1;
            while (j < d->n && (d->text[j] == ' ' || d->text[j] == '\t' || d->text[j] == '\r')) j++;
            blank = j < d->n && d->text[j] == '\n';
        }
    size_t p = 0;
    for (size_t i = 0; i < d->toks.n; i++) {
        if (i) {
            size_t lines = 0;
            for (size_t b = d->toks.items[i - 1].end; b < d->toks.items[i].begin; b++) lines += d->text[b] == '\n';
            if (lines >= (blank ? 2u : 1u)) p++;
        }
        para[i] = p;
    }
}

/* Which way a mark faces by where it stands: after a space (or the text's
 * start, or an opening bracket) and before a word it opens (1); after a
 * word or punctuation and before a space, punctuation or the end it closes
 * (2); 0 when it cannot be told. A mark that may face either way (" or
 * '') is paired by it: a stray one would otherwise turn every later pair
 * inside out, to the end of its paragraph, which in a one-line file is the
 * end of the text. */
static int facing(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    unsigned char b = t->begin ? (unsigned char)d->text[t->begin - 1] : ' ';
    unsigned char a = t->end < d->n ? (unsigned char)d->text[t->end] : ' ';
    bool space_before = isspace(b) || b == '(' || b == '[';
    bool space_after = isspace(a) || strchr(",.;:!?)]", a) != NULL;
    if (space_before && !space_after) return 1;
    if (!space_before && space_after) return 2;
    return 0;
}

/* Pair the marks within paragraphs. A quote still open at a paragraph's
 * end stops there; when the next paragraph opens with a mark, that quote
 * continues it (news style for quotes over several paragraphs). */
static sf_status find_spans(const sf_doc *d, const size_t *para, qspanvec *qs) {
    bool open = false, carry = false, low = false;
    qspan cur = {0};
    for (size_t i = 0; i < d->toks.n; i++) {
        bool first = i == 0 || para[i] != para[i - 1];
        if (first) {
            carry = open;
            if (open) {
                cur.close = SIZE_MAX, cur.te = i;
                SF_TRY(SF_VEC_PUSH(qs, cur));
            }
            open = false;
        }
        int q = quote_mark(d, i);
        int f = q ? facing(d, i) : 0;
        /* a closing mark with nothing open opens: some papers write ''
         * or a right quote on both sides; not one that faces back (a
         * stray closing mark) */
        if (!open && q && !(f == 2 && (q == 2 || q == 3))) {
            open = true;
            low = q == 4;
            cur = (qspan){i, SIZE_MAX, 0, first && carry};
        } else if (open && (q == 2 || q == 3) && f == 1 && facing(d, cur.open) == 1 &&
                   (i == cur.open + 1 || facing(d, i - 1) != 2)) {
            /* a mark that opens while one is open: the earlier one was
             * stray; the quote starts here */
            cur = (qspan){i, SIZE_MAX, 0, false};
        } else if (open && (q == 2 || q == 3 || (low && q == 1))) {
            open = false;
            cur.close = i, cur.te = i;
            SF_TRY(SF_VEC_PUSH(qs, cur));
        }
        if (first && !q) carry = false;
    }
    if (open) {
        cur.close = SIZE_MAX, cur.te = d->toks.n;
        SF_TRY(SF_VEC_PUSH(qs, cur));
    }
    return SF_OK;
}

static bool ends_sentence(const sf_doc *d, size_t i) {
    return punct_is(d, i, '.') || punct_is(d, i, '?') || punct_is(d, i, '!') || punct_is(d, i, ';');
}

static size_t window_start(const ctx *c, size_t i);

/* '"Perpetual motion!" Rep. Glenn Thompson said': a quote ending in "!"
 * or "?" is followed by its cue as a comma's quote is; a name (after a
 * title's abbreviation), its speech verb at once, and then the sentence's
 * end, a comma or "of" say so. */
static bool exclaimed_then_name_verb(const ctx *c, const qspan *q, size_t lo, size_t hi) {
    const sf_doc *d = c->d;
    if (!punct_is(d, q->te - 1, '!') && !punct_is(d, q->te - 1, '?')) return false;
    size_t t = lo;
    if (t + 2 < hi && sf__tok_in(d, t, TITLES) && punct_is(d, t + 1, '.')) t += 2;
    size_t mi = mention_starting(c, t);
    if (mi == SIZE_MAX) return false;
    /* the verb ends the sentence or is followed by a comma or "of" ("said
     * of the swirl"); "X joked that ...", "X then writes back" open a new
     * sentence about something else */
    size_t v = c->m[mi].tok_end, vend;
    if (v >= hi || !speech_verb(c, v, hi, true, &vend)) return false;
    return vend >= d->toks.n || punct_is(d, vend, '.') || punct_is(d, vend, ',') ||
           (lower_word(d, vend) && sf__tok_is(d, vend, "of"));
}

/* A single capital letter: a name's initial ("Michael C. Cernech"), whose
 * period ends no sentence. */
static bool initial(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    return t->kind == SF_TOK_WORD && t->end - t->begin == 1 && isupper((unsigned char)d->text[t->begin]);
}

/* The cue after a closing mark: '"...," X said', '"...," said X'. A
 * quote that ends its sentence ('."') followed by a capital starts a new
 * one, whose verb is not this quote's. */
static speaker cue_after(const ctx *c, const qspan *q, size_t *cue_end) {
    const sf_doc *d = c->d;
    *cue_end = SIZE_MAX;
    if (q->close == SIZE_MAX) return NOBODY;
    size_t lo = q->close + 1, n = d->toks.n;
    if (lo >= n || c->para[lo] != c->para[q->close]) return NOBODY;
    size_t hi = lo;
    while (hi < n && hi < lo + 24 && !c->inq[hi] && c->para[hi] == c->para[lo]) hi++;
    /* '"...lie."  (Politico responded ...)': a bracket after a quote that
     * ended its sentence opens a remark of its own */
    if (q->te > q->open + 1 && ends_sentence(d, q->te - 1) && (punct_is(d, lo, '(') || punct_is(d, lo, '[')))
        return NOBODY;
    if (q->te > q->open + 1 && ends_sentence(d, q->te - 1) && is_word(d, lo) &&
        (d->toks.items[lo].flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS)) && !sf__tok_in(d, lo, sf__speech_verbs) &&
        !exclaimed_then_name_verb(c, q, lo, hi))
        return NOBODY;
    /* '(..., Sanders's campaign manager said he expects ... "for life.")
     * Sanders advisers insist': a bracket closing after the quote ends the
     * remark it stood in */
    if (punct_is(d, lo, ')') || punct_is(d, lo, ']')) return NOBODY;
    /* '"...." -Michelle Marks, Philadelphia.', '"..." — Jane Doe': a dash
     * after a quote that is a sentence of its own, then a name: the
     * signature of an epigraph or a reader's line */
    if (q->te > q->open + 1 && ends_sentence(d, q->te - 1) && lo + 1 < hi && sf__tok_dash(d, lo) &&
        window_start(c, q->open) == q->open) { /* the quote opens its sentence: not 'X insisted
                                                * "...."--Kim Hjelmgaard.' (the brief's writer) */
        size_t mi = mention_starting(c, lo + 1);
        if (mi != SIZE_MAX && mention_type(c, mi) == SF_ENT_PERSON &&
            (c->m[mi].tok_end >= hi || !is_word(d, c->m[mi].tok_end)))
            return by(from_mention(c, mi), R_AFTER_NAME);
    }
    /* ten tokens, the periods of abbreviations not counted ("Rep. Chris
     * Collins, R-N.Y., noted" is ten without them); a name set off by an
     * apposition reaches two tokens past the apposition's closing comma
     * ('"...," Brent Bozell III, founder of the Media Research Center,
     * tells Breitbart News') */
    size_t reach = 10, m0 = mention_starting(c, punct_is(d, lo, ',') ? lo + 1 : lo);
    if (m0 != SIZE_MAX && punct_is(d, c->m[m0].tok_end, ','))
        for (size_t t = c->m[m0].tok_end + 1, vend; t < hi && t < lo + 24; t++) {
            /* '"...," Cecelia Purner, 67, a retired customer service
             * representative in Allentown, Pa., said': the apposition runs
             * on over commas to a speech verb after one */
            if (ends_sentence(d, t) && !(t > lo && (sf__tok_in(d, t - 1, TITLES) || initial(d, t - 1))) &&
                !sf__party_label(d, t, t + 1) && !punct_is(d, t + 1, ','))
                break;
            if (punct_is(d, t, ',') && t + 1 < hi && speech_verb(c, t + 1, hi, true, &vend)) {
                reach = SF_MAX(reach, t + 3 - lo);
                break;
            }
        }
    for (size_t t = lo, counted = 0; t < hi && counted < reach; counted += !punct_is(d, t, '.'), t++) {
        /* the periods of "Rep." and of "R-N.Y." end no sentence */
        /* nor does a period before a comma ("in Allentown, Pa., said") */
        if (ends_sentence(d, t) && !(t > lo && sf__tok_in(d, t - 1, TITLES)) && !(t > lo && initial(d, t - 1)) &&
            !(sf__lang_is_english(d->lang) && sf__party_label(d, t, t + 1)) && !punct_is(d, t + 1, ','))
            break;
        size_t vend;
        if (speech_verb(c, t, hi, true, &vend)) {
            speaker sp = speaker_of_verb(c, lo, t, vend, hi);
            *cue_end = SF_MAX(vend, sp.e);
            return sp;
        }
    }
    /* '"...," Mr. Rubel pointed out.': a quote that opens its sentence and
     * ends in a comma, then a name and a verb of any kind (a past tense or
     * a present in -s). A quote inside a clause ('While X proclaims the
     * article a "terrific piece," Y fixates') is no such cue. */
    size_t mi = mention_starting(c, lo);
    if (q->te > q->open + 1 && punct_is(d, q->te - 1, ',') && mi != SIZE_MAX && lower_word(d, c->m[mi].tok_end) &&
        window_start(c, q->open) == q->open) {
        if (verb_form(d, c->m[mi].tok_end) && !sf__tok_in(d, c->m[mi].tok_end, NOT_HEAD))
            return by(from_mention(c, mi), R_ANY_VERB);
    }
    return NOBODY;
}

/* 'When the star posted photos, she received comments including "..."':
 * the verb v stands in a clause set before the main one (opened by a
 * subordinator, no comma between it and v), and the quote stands in the
 * main clause, which has words of its own after the comma; the verb is
 * not the quote's cue. 'As he said, "..."' has no such words. */
static bool cue_in_fronted_clause(const ctx *c, size_t lo, size_t v, size_t vend, size_t open) {
    /* not "as": 'As X observed, ...' introduces what X observed */
    static const char *const SUBORDINATORS[] = {"when", "while", "after", "before", "if", "because",
                                                "although", "though", "since", "once", "whereas", "until",
                                                "unless", NULL};
    const sf_doc *d = c->d;
    size_t comma = SIZE_MAX, words = 0;
    for (size_t t = vend; t < open; t++)
        if (punct_is(d, t, ',')) comma = t;
    if (comma == SIZE_MAX) return false;
    for (size_t t = comma + 1; t < open; t++) words += is_word(d, t);
    if (words < 2) return false;
    /* fronted: the subordinator opens the sentence, or follows one word
     * that joins it to the one before ("Then when ...", "But if ...") */
    for (size_t u = v; u-- > lo;) {
        if (punct_is(d, u, ',') || c->inq[u]) return false;
        if (sf__tok_in(d, u, SUBORDINATORS))
            return u == lo || (u == lo + 1 && sf__tok_in(d, lo, (const char *const[]){"then", "and", "but", "so", NULL}));
    }
    return false;
}

/* The cue before an opening mark in its sentence: 'X said: "..."', 'X
 * told reporters "..."', 'According to X, "..."'. The closest verb wins. */
static bool title_in_marks(const sf_doc *d, const qspan *q);

/* The opening mark of the quote whose closing mark is at token close
 * (SIZE_MAX: none found). */
static size_t opening_of(const ctx *c, size_t close) {
    size_t o = close;
    while (o > 0 && c->inq[o - 1] && !(quote_mark(c->d, o) == 1 || quote_mark(c->d, o) == 4 ||
                                       (quote_mark(c->d, o) == 3 && o != close)))
        o--;
    return quote_mark(c->d, o) ? o : SIZE_MAX;
}

static speaker cue_before(const ctx *c, size_t open, size_t lo) {
    for (size_t t = open; t-- > lo;) {
        if (c->inq[t]) {
            /* a title in marks is part of the sentence ('just as in the
             * case of the "Back of the Big House" show, the library had
             * "..."'); another quote ends the search */
            size_t o = opening_of(c, t);
            qspan title = {o, t, t, false};
            if (o == SIZE_MAX || o <= lo || !quote_mark(c->d, t) || !title_in_marks(c->d, &title)) break;
            t = o;
            continue;
        }
        size_t vend;
        if (!speech_verb(c, t, open, true, &vend)) continue;
        if (cue_in_fronted_clause(c, lo, t, vend, open)) break;
        speaker sp = speaker_of_verb(c, lo, t, vend, open);
        /* "Lynch, who told Congress when asked about it: "...": a verb with
         * no subject of its own ("asked") leaves the cue to one before it */
        if (sp.b != sp.e) return sp;
    }
    /* 'Kasich resisted: "..."', 'Wallnau continues: "..."': a name opening
     * the sentence, then a verb of any kind (a past tense or a present in
     * -s, perhaps after an adverb), then a colon before the quote */
    const sf_doc *d = c->d;
    size_t mi = open > lo + 2 && punct_is(d, open - 1, ':') ? mention_starting(c, lo) : SIZE_MAX;
    if (mi != SIZE_MAX && speaker_name_ok(c, mi) && !(c->m[mi].flags & SF_MENTION_POSSESSIVE)) {
        size_t v = c->m[mi].tok_end, words = open - 1 - v;
        bool ok = words >= 1 && words <= 2;
        for (size_t t = v; t + 1 < open && ok; t++) ok = lower_word(d, t) && !sf__tok_in(d, t, NOT_HEAD);
        if (ok && verb_form(d, open - 2)) return by(from_mention(c, mi), R_ANY_VERB);
    }
    return NOBODY;
}

/* First token of the sentence holding token i, not before the paragraph
 * nor before the latest quote mark. */
static size_t window_start(const ctx *c, size_t i) {
    const sf_doc *d = c->d;
    size_t s = sf__doc_sentence_of(d, d->toks.items[i].begin);
    size_t lo = s < d->sents.n ? d->sent_tok[s] : i;
    if (lo > i) lo = i;
    size_t t = i;
    while (t > lo && !c->inq[t - 1] && c->para[t - 1] == c->para[i]) t--;
    return t;
}

/* window_start, reaching back past titles in marks in the sentence (the
 * window of a direct quote's cue before it) */
static size_t window_past_titles(const ctx *c, size_t i) {
    size_t lo = window_start(c, i);
    size_t s = sf__doc_sentence_of(c->d, c->d->toks.items[i].begin);
    size_t first = s < c->d->sents.n ? c->d->sent_tok[s] : lo;
    for (;;) {
        if (lo == 0 || lo <= first || !c->inq[lo - 1] || !quote_mark(c->d, lo - 1)) return lo;
        size_t o = opening_of(c, lo - 1);
        qspan title = {o, lo - 1, lo - 1, false};
        if (o == SIZE_MAX || o < first || !title_in_marks(c->d, &title)) return lo;
        lo = o ? window_start(c, o) : 0;
        if (lo == o) return lo;
    }
}

static sf_status push_hit(ctx *c, size_t sentence, size_t begin, size_t end, bool direct,
                          speaker sp, const sf_quote_hit *like) {
    const sf_doc *d = c->d;
    sf_quote_hit h = {.begin = begin, .end = end, .sentence = sentence, .direct = direct,
                      .speaker = SIZE_MAX};
    if (like) {
        h.speaker = like->speaker;
        h.speaker_begin = like->speaker_begin, h.speaker_end = like->speaker_end;
    } else if (sp.b != sp.e) {
        h.speaker = sp.mention;
        bool pronoun = sp.mention != SIZE_MAX && c->m[sp.mention].tok_begin != sp.b;
        if (sp.mention != SIZE_MAX && !pronoun) {
            h.speaker_begin = c->m[sp.mention].begin, h.speaker_end = c->m[sp.mention].end;
        } else {
            h.speaker_begin = d->toks.items[sp.b].begin, h.speaker_end = d->toks.items[sp.e - 1].end;
        }
    }
    return SF_VEC_PUSH(c->out, h);
}

/* True when mention x stands in the description set off by a comma right
 * after the speaker of hit h, who is named after token lo ("X, a Clinton
 * adviser, said"): it describes the speaker and does not speak. */
static bool in_apposition(const ctx *c, size_t lo, const sf_quote_hit *h, const sf_mention *x) {
    const sf_doc *d = c->d;
    size_t t = lo;
    while (t < x->tok_begin && d->toks.items[t].begin < h->speaker_end) t++;
    if (t == lo || t >= x->tok_begin || d->toks.items[t - 1].end != h->speaker_end || h->speaker_begin < d->toks.items[lo].begin)
        return false;
    while (t < x->tok_begin && punct_is(d, t, '(')) { /* "X (D-S.C.), a member of ..." */
        while (t < x->tok_begin && !punct_is(d, t, ')')) t++;
        if (t >= x->tok_begin) return true; /* inside the parenthesis */
        t++;
    }
    if (!punct_is(d, t, ',')) return false;
    for (size_t u = t + 1; u < x->tok_begin; u++)
        if (punct_is(d, u, ',') || ends_sentence(d, u) || quote_mark(d, u)) return false;
    return true;
}

/* Words that open a phrase of where, when, to whom or of what something
 * was said ("said of the swirl of activities"), never what was said
 * (after the verb, with no "that") */
static const char *const NOT_SAID[] = {"at", "in", "on", "during", "with", "for", "from", "over", "before",
                                       "after", "to", "about", "against", "under", "by", "into", "of", NULL};

/* '"...!" another individual opined.', '"...," wrote another.': the
 * sentence goes on after the closing mark with a short clause of its own
 * (one to four words, then the sentence's end) holding a verb (a known
 * cue, or a past tense in -ed) that we could not give a speaker: it
 * attributes the quote to someone, so the quote is not the previous
 * speaker's ("he said" is left to the rules of pronouns). Longer
 * goings-on ('," which X thinks will ...', '," a formal acronym for ...',
 * '," while ...') say nothing of who spoke. */
static bool sentence_goes_on(const ctx *c, const qspan *q) {
    const sf_doc *d = c->d;
    if (q->close == SIZE_MAX || q->close + 1 >= d->toks.n || q->te <= q->open + 1) return false;
    if (!punct_is(d, q->te - 1, ',') && !punct_is(d, q->te - 1, '!') && !punct_is(d, q->te - 1, '?')) return false;
    size_t t = q->close + 1, words = 0;
    if (!lower_word(d, t) || sf__tok_in(d, t, CONJUNCTIONS) || sf__tok_in(d, t, NOT_SAID)) return false;
    /* '"...," he said': the pronoun is the speaker before, as inherited */
    if (he_she(d, t) || (t + 1 < d->toks.n && he_she(d, t + 1))) return false;
    bool verb = false;
    for (; t < d->toks.n && c->para[t] == c->para[q->close] && !c->inq[t] && is_word(d, t); t++) {
        if (++words > 4) return false;
        const sf_token *w = &d->toks.items[t];
        verb |= sf__tok_in(d, t, sf__speech_verbs) || sf__tok_in(d, t, MORE_CUES) ||
                (w->end - w->begin > 3 && !memcmp(d->text + w->end - 2, "ed", 2)) ||
                /* '"...," agrees Michelle Stevens': a verb in -s before a name */
                (words == 1 && w->end - w->begin > 3 && d->text[w->end - 1] == 's' && t + 1 < d->toks.n &&
                 is_word(d, t + 1) && (d->toks.items[t + 1].flags & SF_TOKF_CAPITAL));
    }
    /* the clause ends the sentence, or a description of its speaker
     * follows ('agrees Michelle Stevens, 30, of Gainesville') */
    return verb && (t >= d->toks.n || c->para[t] != c->para[q->close] || ends_sentence(d, t) || punct_is(d, t, ','));
}

/* The hit of quote qi when it has no verb of its own: the quote it
 * continues, the "X said:" ending the paragraph before, or the quote
 * before it in its paragraph. NULL: none. */
static const sf_quote_hit *inherited(ctx *c, const qspanvec *qs, const size_t *hit_of, size_t qi,
                                     speaker *colon) {
    const sf_doc *d = c->d;
    const qspan *q = &qs->items[qi];
    const qspan *prev = qi ? &qs->items[qi - 1] : NULL;
    const sf_quote_hit *ph = prev && hit_of[qi - 1] != SIZE_MAX ? &c->out->items[hit_of[qi - 1]] : NULL;
    if (q->cont) return ph;
    bool first_in_para = !prev || c->para[prev->open] != c->para[q->open];
    if (first_in_para && q->open > 0 && punct_is(d, q->open - 1, ':') &&
        c->para[q->open - 1] + 1 == c->para[q->open]) {
        size_t colon_at = q->open - 1;
        *colon = cue_before(c, colon_at, window_start(c, colon_at));
        return NULL;
    }
    /* the quote before, a sentence or two back ('"A," X said. "B."'): in a
     * text with no breaks (a one-line file) the paragraph is the whole
     * text, and a quote far back is no longer the one continued */
    size_t qsent = sf__doc_sentence_of(d, d->toks.items[q->open].begin);
    size_t psent = prev ? sf__doc_sentence_of(d, d->toks.items[prev->te > 0 ? prev->te - 1 : 0].begin) : 0;
    bool near = prev && psent + 2 >= qsent;
    /* in a later sentence, no one else is named before the quote in it
     * ('Senator Capito called over her shoulder, "..."': its own cue,
     * read or not); 'Unless rivals quit, "..."' still continues */
    if (near && psent < qsent && ph && ph->speaker != SIZE_MAX) {
        for (size_t j = 0; j < c->nm && near; j++) {
            const sf_mention *x = &c->m[j];
            if (x->tok_begin < d->sent_tok[qsent] || x->tok_begin >= q->open || c->inq[x->tok_begin]) continue;
            sf_entity_type ty = mention_type(c, j);
            if (ty == SF_ENT_PLACE || (x->entity != SIZE_MAX && x->entity == c->m[ph->speaker].entity)) continue;
            near = false;
        }
    }
    if (!first_in_para && near && ph && ph->speaker_end > ph->speaker_begin && !sentence_goes_on(c, q)) {
        /* '"A," X said in an interview in Macau. "B."': no other speech
         * verb than the first quote's own between the two */
        size_t verbs = 0, vend;
        for (size_t t = prev->te; t < q->open; t++)
            if (!c->inq[t] && speech_verb(c, t, q->open, true, &vend)) verbs++;
        if (verbs > 1) return NULL;
        /* nor another person named between ("Trump" in "asked if he had
         * met Trump"): the second quote may be theirs */
        for (size_t j = 0; j < c->nm; j++) {
            const sf_mention *x = &c->m[j];
            if (x->tok_begin < prev->te || x->tok_begin >= q->open || c->inq[x->tok_begin]) continue;
            if (ph->speaker != SIZE_MAX && x->entity == c->m[ph->speaker].entity && x->entity != SIZE_MAX) continue;
            if (j == ph->speaker || in_apposition(c, prev->te, ph, x)) continue;
            if (mention_type(c, j) == SF_ENT_PERSON) return NULL;
        }
        return ph;
    }
    return NULL;
}

static size_t inside_words(const sf_doc *d, const qspan *q) {
    size_t w = 0;
    for (size_t t = q->open + 1; t < q->te; t++) w += is_word(d, t);
    return w;
}

/* Words in marks in headline capitalization, every word of four letters or
 * more capitalized and at least three of them ("Bearing the Cross: Martin
 * Luther King Jr. and the Southern Christian Leadership Conference"), are
 * the title of a book, film or programme, not words someone said. */
/* Nouns of works with titles: the words in marks right after one ("the
 * podcast "Here's the Thing"", "the Syfy movie "Sharknado 3: Oh Hell No!"")
 * are its title. */
static const char *const WORK_NOUNS[] = {
    "podcast", "movie", "film", "show", "program", "programme", "series", "book", "novel", "memoir",
    "song", "album", "documentary", "play", "musical", "column", "newsletter", "blog", "magazine",
    "sitcom", "episode", "game", "painting", "exhibition", "opera", "poem", "slogan", "hashtag", NULL};

static bool title_in_marks(const sf_doc *d, const qspan *q) {
    if (q->open > 0 && lower_word(d, q->open - 1) && sf__tok_in(d, q->open - 1, WORK_NOUNS)) return true;
    /* or right before one, after a determiner: 'the "Behind the Music"
     * episode' */
    if (q->open > 0 && q->close != SIZE_MAX && q->close + 1 < d->toks.n && lower_word(d, q->close + 1) &&
        sf__tok_in(d, q->close + 1, WORK_NOUNS) && lower_word(d, q->open - 1) &&
        sf__tok_in(d, q->open - 1, (const char *const[]){"a", "an", "the", "his", "her", "their", "its", "our", NULL}))
        return true;
    /* two or three words, each capitalized or a number ("This Week,",
     * "Perceptions 301,"): a programme's or a course's name, not words
     * someone said */
    size_t words = 0, capital = 0;
    for (size_t t = q->open + 1; t < q->te; t++) {
        const sf_token *k = &d->toks.items[t];
        if (k->kind == SF_TOK_PUNCT) continue;
        words++;
        unsigned char c0 = (unsigned char)d->text[k->begin];
        capital += k->kind == SF_TOK_NUMBER || isupper(c0);
    }
    if (words >= 2 && words <= 3 && capital == words) return true;
    size_t caps = 0;
    for (size_t t = q->open + 1; t < q->te; t++) {
        const sf_token *k = &d->toks.items[t];
        if (k->kind != SF_TOK_WORD || k->end - k->begin < 4) continue;
        unsigned char c0 = (unsigned char)d->text[k->begin];
        if (c0 >= 0x80) continue;
        if (!isupper(c0)) return false;
        caps++;
    }
    return caps >= 3;
}

/* Text in marks that is code, an address or a format string on a technical
 * page ("GET / HTTP/1.1\\r\\n", "www.google.com", "[RECV] - length: %d"):
 * typed, not said. An escape or a format directive marks code; a text of
 * one "word" holding a dot or a slash is an address. Quoted tweets with a
 * link in them are still speech. */
static bool code_in_marks(const char *p, size_t n) {
    bool space = false, addr = false;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        if (ch == '\\' && i + 1 < n && isalpha((unsigned char)p[i + 1])) return true;
        if (ch == '%' && i + 1 < n && strchr("dsxfu", p[i + 1]) && (i + 2 == n || !isalpha((unsigned char)p[i + 2])))
            return true;
        space |= ch == ' ';
        addr |= ch == '.' || ch == '/';
    }
    while (n && (p[n - 1] == '.' || p[n - 1] == ',')) n--; /* "www.example.org." */
    return !space && addr && n > 0 && memchr(p, '.', n) != NULL;
}

/* Outside English the attribution rules are the English ones with the
 * language's verbs and pronouns, and a capital says little (German writes
 * every noun so: "Theorie", "Zeit" would speak): a speaker is only a name
 * that makes a person's or organization's row in the story (the entity
 * rules of other languages want a cue for that). Else the speaker is left
 * unknown rather than risk a wrong one. */
static bool foreign_speaker_ok(const ctx *c, speaker sp) {
    if (sf__lang_is_english(c->d->lang)) return true;
    if (sp.mention == SIZE_MAX || c->m[sp.mention].entity == SIZE_MAX) return false;
    sf_entity_type t = c->ents[c->m[sp.mention].entity].type;
    return t == SF_ENT_PERSON || t == SF_ENT_ORG;
}

/* 'our "eureka!" moments', 'that "a-ha!" moment': an exclamation or a
 * question of a few words in marks between a determiner and a lower-case
 * noun is a name for a kind of thing inside a noun phrase; nobody says it,
 * whatever verb stands before. (Plain words so placed may be the words of
 * the sentence's speaker: 'said CNN has done an "awful" job'.) The word
 * after must read as the phrase's noun: no function word, preposition,
 * time word, speech verb, -ly adverb or participle. */
static bool inside_noun_phrase(const ctx *c, const qspan *q) {
    static const char *const DET[] = {"a", "an", "the", "our", "their", "his", "her", "its", "my", "your",
                                      "this", "that", "these", "those", NULL};
    static const char *const AFTER_NP[] = {"last", "next", "earlier", "ago", "amid", "despite", "during",
                                           "since", "over", "under", "against", "into", "among", "through",
                                           "without", "within", "until", "who", "whom", "whose", "per",
                                           "like", "unlike", "including", "said", NULL};
    const sf_doc *d = c->d;
    if (q->open == 0 || q->close == SIZE_MAX || q->close + 1 >= d->toks.n) return false;
    size_t det = q->open - 1, t = q->close + 1;
    if (!lower_word(d, det) || !sf__tok_in(d, det, DET)) return false;
    /* 'said that "..." ': "that" opening what was said */
    if (sf__tok_is(d, det, "that") && det > 0 && (!is_word(d, det - 1) || sf__tok_in(d, det - 1, sf__speech_verbs) ||
                                                  sf__tok_in(d, det - 1, MORE_CUES)))
        return false;
    if (inside_words(d, q) > 4 || !(punct_is(d, q->te - 1, '!') || punct_is(d, q->te - 1, '?'))) return false;
    if (c->para[t] != c->para[q->close] || c->inq[t] || !lower_word(d, t) || sf__tok_in(d, t, NOT_HEAD) ||
        sf__tok_in(d, t, AFTER_NP) || sf__tok_in(d, t, sf__speech_verbs) || sf__tok_in(d, t, MORE_CUES) ||
        ly_adverb(d, t))
        return false;
    const sf_token *w = &d->toks.items[t];
    size_t n = w->end - w->begin;
    const char *p = d->text + w->begin;
    return !(n > 3 && (!memcmp(p + n - 2, "ed", 2) || !memcmp(p + n - 3, "ing", 3)));
}

/* 'Vogue asked Dion, "...?" the singer answered, "..."': the verb after a
 * question (or an exclamation, or a full sentence) in marks that is
 * followed at once by the next opening mark introduces that next quote. */
static bool cue_opens_next(const ctx *c, const qspan *q, size_t cue_end) {
    const sf_doc *d = c->d;
    if (cue_end >= d->toks.n || q->te <= q->open + 1) return false;
    if (!punct_is(d, q->te - 1, '?') && !punct_is(d, q->te - 1, '!') && !punct_is(d, q->te - 1, '.')) return false;
    size_t t = cue_end;
    if (t < d->toks.n && (punct_is(d, t, ',') || punct_is(d, t, ':'))) t++;
    if (t >= d->toks.n) return false;
    int m = quote_mark(d, t);
    return m == 1 || m == 3 || m == 4;
}

static sf_status direct_quote(ctx *c, const qspanvec *qs, size_t *hit_of, size_t qi) {
    const sf_doc *d = c->d;
    const qspan *q = &qs->items[qi];
    if (q->te <= q->open + 1) return SF_OK;
    if (title_in_marks(d, q) || inside_noun_phrase(c, q)) return SF_OK;
    size_t cue_end;
    speaker sp = cue_after(c, q, &cue_end);
    if (sp.b != sp.e && cue_opens_next(c, q, cue_end)) {
        speaker before = cue_before(c, q->open, window_past_titles(c, q->open));
        if (before.b != before.e && CONFIDENCE[before.rule] >= MIN_CONFIDENCE) sp = before;
    }
    /* 'Asked about Sullivan, Feinstein said "...," she said': a "he"/"she"
     * after the quote is the speaker named before it, when a name and its
     * verb lead in at once */
    if (sp.b != sp.e && sp.e == sp.b + 1 && he_she(d, sp.b)) {
        speaker before = cue_before(c, q->open, window_past_titles(c, q->open));
        if (before.b != before.e && before.mention != SIZE_MAX && before.rule == R_NAME &&
            before.e + 2 >= q->open && mention_type(c, before.mention) == SF_ENT_PERSON)
            sp = before;
    }
    /* a word or two in marks ("republic" they declared) is a quote only
     * when it ends with its own punctuation ('"Cruz," he said') */
    if (sp.b != sp.e && inside_words(d, q) < 3 && d->toks.items[q->te - 1].kind != SF_TOK_PUNCT) sp = NOBODY;
    if (sp.b == sp.e) sp = cue_before(c, q->open, window_past_titles(c, q->open));
    if (sp.b != sp.e && (CONFIDENCE[sp.rule] < MIN_CONFIDENCE || !foreign_speaker_ok(c, sp))) sp = NOBODY;
    bool cued = sp.b != sp.e;
    /* '"...," said former Massachusetts congressman Barney Frank': a verb
     * of its own after the quote whose speaker could not be taken (a name
     * typed a place, a rule of low confidence); the quote is not the
     * speaker before's. "he said" is left to inheritance, as the pronoun
     * rules are. */
    bool own_verb = false;
    if (!cued && cue_end != SIZE_MAX && q->close != SIZE_MAX) {
        own_verb = true;
        for (size_t t = q->close + 1; t < cue_end && t < d->toks.n && own_verb; t++) own_verb = !he_she(d, t);
    }
    const sf_quote_hit *like = NULL;
    if (!cued && !own_verb) {
        like = inherited(c, qs, hit_of, qi, &sp);
        cued = sp.b != sp.e;
        sp.rule = q->cont ? R_CONT : cued ? R_COLON : R_SAME_PARA;
    }
    /* a word or two in marks from nobody is a scare quote or a title */
    if (!cued && inside_words(d, q) < 3) return SF_OK;
    size_t begin = d->toks.items[q->open].end;
    size_t end = q->close != SIZE_MAX ? d->toks.items[q->close].begin : d->toks.items[q->te - 1].end;
    if (end <= begin || code_in_marks(d->text + begin, end - begin)) return SF_OK;
    hit_of[qi] = c->out->n;
    return push_hit(c, sf__doc_sentence_of(d, begin), begin, end, true, sp, like);
}


/* Verbs after which a clause with no "that" is the custom ("said the talks
 * failed", "told reporters prices rose", "urged Moscow to stop the
 * raids", "according to police, the man fled"). Other speech verbs take a noun
 * as object as often ("reported the incident to the police", "confirmed
 * the deal", "denied the charges"): what follows them is what was said
 * only when it reads as a clause (clause_cue). */
static const char *const BARE_CLAUSE[] = {"said", "says", "say", "told", "tells", "added", "adds", "urged",
                                          "according", NULL};

/* Whether tokens [lo, hi) read as a clause of their own, not a noun
 * phrase: a pronoun or a question word opens them ("he would resign",
 * "recalled how on his first trip ..."), or in their first twelve tokens
 * stands a word that only a finite verb phrase holds (an auxiliary or a
 * modal), a past tense in -ed after its subject, or a present tense
 * agreeing with its subject (present_tense). A verb these shapes miss
 * ("scientists suggested oceans exist beneath ...": a preposition after
 * the verb, as after a compound noun) gives no reported speech, rather
 * than an object taken as said. */
/* Token i is a lower-case content word (no function word of the doc's
 * language, no word of when something was said). */
static bool content_word(const sf_doc *d, size_t i) {
    /* prepositions some stopword lists lack */
    static const char *const PREPS[] = {"beneath", "across", "despite", "toward", "towards", "amid",
                                        "amidst", "among", "via", "within", "without", "throughout",
                                        "beyond", "along", "around", "near", "behind", "below", "above",
                                        "inside", "outside", "upon", "per", "versus", "including",
                                        "following", "regarding", "concerning", "like", "unlike", NULL};
    if (!lower_word(d, i) || sf__tok_in(d, i, WHEN_WHERE_SAID) || sf__tok_in(d, i, WHEN_WORDS) ||
        sf__tok_in(d, i, PREPS))
        return false;
    const sf_token *t = &d->toks.items[i];
    return !sf__is_stopword(d->lang, d->text + t->begin, t->end - t->begin);
}

/* Token i ends in the -s of a plural noun or of a verb's third person
 * ("rises", "evictions"), not in "-ss", "-us", "-is" ("press", "virus",
 * "analysis"), nor a possessive ("Farook's name") or "it's". */
static bool s_form(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    size_t n = t->end - t->begin;
    const char *p = d->text + t->begin;
    return n > 3 && p[n - 1] == 's' && p[n - 2] != 's' && p[n - 2] != 'u' && p[n - 2] != 'i' &&
           !possessive(d, i) && !contraction(d, i);
}

/* Token i could open what a finite verb takes and a noun does not: a
 * determiner, an object pronoun, "that", "not", a number or quantifier
 * not opening a time ("announced the job cuts two weeks ago": a noun
 * phrase, then when); after a plural subject's verb also an adverb in -ly
 * or "to" ("evictions increase sharply", "prices continue to rise"). A
 * noun ending a compound is followed by a preposition, a conjunction or
 * the phrase's end ("the tax cuts for", "sales growth of", "the drug
 * charges."), or an adverb ("the long delays recently"). */
static bool verb_follower(const sf_doc *d, size_t i, size_t hi, bool plural) {
    static const char *const AFTER_VERB[] = {"the", "a", "an", "this", "that", "these", "those", "no",
                                             "not", "him", "her", "them", "us", "me", "his", "their",
                                             "its", "our", "more", "less", "fewer", NULL};
    static const char *const AMOUNT[] = {"one", "two", "three", "four", "five", "six", "seven", "eight",
                                         "nine", "ten", "several", "many", "some", "few", "nearly",
                                         "almost", NULL};
    static const char *const TIME_UNIT[] = {"day", "days", "week", "weeks", "month", "months", "year",
                                            "years", "hour", "hours", "minute", "minutes", "decade",
                                            "decades", "times", "ago", "later", "earlier", NULL};
    if (i >= hi) return false;
    const sf_token *t = &d->toks.items[i];
    bool digit = t->end > t->begin && isdigit((unsigned char)d->text[t->begin]);
    if (digit || (lower_word(d, i) && sf__tok_in(d, i, AMOUNT))) {
        size_t u = i + 1;
        if (u < hi && (lower_word(d, u) && sf__tok_in(d, u, AMOUNT))) u++;
        return !(u < hi && sf__tok_in(d, u, TIME_UNIT));
    }
    if (!lower_word(d, i)) return false;
    return sf__tok_in(d, i, AFTER_VERB) || (plural && (ly_adverb(d, i) || sf__tok_is(d, i, "to")));
}

/* A present tense after its subject, seen by the verb's agreement with
 * it, in tokens [lo, hi) from a subject near lo: a plural noun, then a
 * content word with no -s ("evictions increase sharply", "scientists
 * believe the ..."), or a determiner, a singular noun, then a word in -s
 * ("the river rises two metres", "the study finds that"); the word after
 * the verb must be one a verb takes (verb_follower). Without part-of-speech
 * tags this is the shape English gives a subject and its verb and seldom a
 * noun phrase: "the sales figures", "reported cases nationwide", "the tax
 * cuts for schools" fail it. */
static bool present_tense(const sf_doc *d, size_t lo, size_t hi) {
    for (size_t t = lo; t + 2 < hi && t < lo + 4; t++) {
        if (!is_word(d, t)) return false;
        /* plural subject, verb with no -s: "evictions increase sharply" */
        if (s_form(d, t) && !sf__tok_in(d, t, DETERMINERS) && content_word(d, t + 1) && !s_form(d, t + 1) &&
            !ly_adverb(d, t + 1) && d->toks.items[t + 1].end - d->toks.items[t + 1].begin > 2 &&
            verb_follower(d, t + 2, hi, true)) {
            const sf_token *v = &d->toks.items[t + 1];
            size_t n = v->end - v->begin;
            const char *p = d->text + v->begin;
            if (!(n > 3 && (!memcmp(p + n - 2, "ed", 2) || !memcmp(p + n - 3, "ing", 3)))) return true;
        }
        /* determiner, singular noun, verb in -s: "the river rises" */
        if (t + 3 < hi + 1 && sf__tok_in(d, t, DETERMINERS) && content_word(d, t + 1) && !s_form(d, t + 1) &&
            !ly_adverb(d, t + 1) && content_word(d, t + 2) && s_form(d, t + 2) && verb_follower(d, t + 3, hi, false))
            return true;
    }
    return false;
}

/* Auxiliaries and modals: a clause's own verb ("he said it was", "The plan
 * announced Monday will", "said Marianne Gingrich has not complied"). */
static const char *const AUX[] = {"is", "are", "was", "were", "will", "would", "could", "can", "should",
                                  "may", "might", "must", "has", "have", "had", "did", "does", "do",
                                  "shall", "won't", "wouldn't", "can't", "couldn't", "didn't",
                                  "doesn't", "isn't", "wasn't", "weren't", "hasn't", "haven't", NULL};

static bool clause_cue(const sf_doc *d, size_t lo, size_t hi) {
    if (lo < hi && (he_she(d, lo) || sf__tok_in(d, lo, IT_THEY) ||
                    sf__tok_in(d, lo, (const char *const[]){"i", "we", "you", "there", "how", "why", "what",
                                                            "whether", "if", "where", NULL})))
        return true;
    for (size_t t = lo; t < hi && t < lo + 12; t++) {
        if (lower_word(d, t) && sf__tok_in(d, t, AUX)) return true;
        /* a past tense after its subject ("separatist leaders planned to
         * declare", "evictions increased"): a word in -ed after a word
         * that is no determiner, preposition or possessive ("the injured
         * man", "of the injured" are noun phrases) */
        const sf_token *w = &d->toks.items[t];
        if (t > lo && lower_word(d, t) && w->end - w->begin > 3 && !memcmp(d->text + w->end - 2, "ed", 2) &&
            is_word(d, t - 1) && !sf__tok_in(d, t - 1, DETERMINERS) && !sf__tok_in(d, t - 1, NOT_SAID) &&
            !sf__tok_in(d, t - 1, (const char *const[]){"of", "and", "or", "than", "very", "most", "more", NULL}) &&
            !possessive(d, t - 1) && !ly_adverb(d, t - 1))
            return true;
    }
    return present_tense(d, lo, hi);
}

/* "Asked if the debates matter to her, Chisholm said they do", "Speaking
 * in the Commons, the MP said": a participle opening the sentence, then a
 * preposition or "if", and no other comma before the speaker's: a clause
 * about the speaking, not what was said ("Rising prices hurt sales, the
 * bank said" has a noun after its participle). */
static bool opening_participle(const sf_doc *d, size_t first, size_t last) {
    static const char *const AFTER[] = {"if", "whether", "about", "by", "to", "in", "on", "at", "for", "with",
                                        "after", "before", "during", "from", "what", "how", "why", "when",
                                        "outside", "into", "under", "over", NULL};
    if (last < first + 2 || !is_word(d, first) || !(d->toks.items[first].flags & SF_TOKF_CAPITAL)) return false;
    const sf_token *t = &d->toks.items[first];
    size_t n = t->end - t->begin;
    const char *p = d->text + t->begin;
    bool part = (n > 4 && !memcmp(p + n - 3, "ing", 3)) || (n > 4 && !memcmp(p + n - 2, "ed", 2));
    if (!part || !lower_word(d, first + 1) || !sf__tok_in(d, first + 1, AFTER)) return false;
    for (size_t k = first + 1; k < last; k++)
        if (punct_is(d, k, ',') || punct_is(d, k, ';')) return false;
    /* "Asked if the debates matter to her": after a past participle, a
     * verb after "if" or a question word is the embedded question's; a
     * participle in -ing may still be a subject ("Finding what is under
     * the surface is not simple") */
    if (!memcmp(p + n - 2, "ed", 2) &&
        sf__tok_in(d, first + 1, (const char *const[]){"if", "whether", "what", "how", "why", "when", NULL}))
        return true;
    /* "Complying with the law should be easy, X said": a verb of its
     * own makes the participle a subject, and the clause was said */
    return !clause_cue(d, first + 2, last);
}

/* A speaker who spoke in sentence s (verb at v) with nothing to show as
 * said ("X reported the incident to the police"): an empty hit, so that a
 * later "he said" still finds who spoke last (last_speaker); empty hits
 * are taken out before the hits are returned (sf__find_quotes). */
static sf_status spoke(ctx *c, size_t s, size_t v, speaker sp) {
    size_t at = c->d->toks.items[v].begin;
    return push_hit(c, s, at, at, false, sp, NULL);
}

/* Reported speech in sentence s (no quote marks in it): "X said (that)
 * ...", "..., X said", "..., according to X". Only with a speaker. */
/* Where the reported clause of speech verb v (ending at vend; speaker sp)
 * begins: after "said (that)", after the listener of "told", after the
 * when and where of the speaking ("said in a statement on Monday that"),
 * or before ", X said". *clause: a complementizer opened it; *placed: a
 * word of place or time follows the verb with no clause found after it. */
static size_t reported_start(const ctx *c, size_t v, size_t vend, speaker sp, size_t e, bool *clause_out,
                             bool *placed_out) {
    const sf_doc *d = c->d;
    /* the reported clause: after "said (that)" or before ", X said" */
    size_t lo = SF_MAX(vend, sp.b >= vend ? sp.e : vend);
    /* "told others that", "told the Associated Press that": the listener
     * stands between the verb and what was said */
    if (sf__tok_in(d, v, TO_LISTENER))
        for (size_t t = lo; t < e && t < lo + 6 && d->toks.items[t].kind != SF_TOK_PUNCT; t++)
            if (complementizer(d, t)) {
                lo = t;
                break;
            }
    /* "told reporters the incident shows ...", "told him he would": after
     * "told" with no "that", the listener (a name, one word, or an article and a word)
     * stands before a clause that opens with its subject */
    if (sf__tok_in(d, v, (const char *const[]){"told", "tells", NULL}) && sf__lang_is_english(d->lang) && lo < e &&
        !complementizer(d, lo) && !sf__tok_in(d, lo, NOT_SAID)) {
        size_t t = lo, mi = mention_starting(c, lo);
        /* a station's name that opens with its channel number ("8 News Now") */
        if (mi == SIZE_MAX && d->toks.items[lo].kind == SF_TOK_NUMBER) mi = mention_starting(c, lo + 1);
        if (mi != SIZE_MAX) t = c->m[mi].tok_end;
        else if (lower_word(d, t) && sf__tok_in(d, t, DETERMINERS) && t + 1 < e && lower_word(d, t + 1)) t += 2;
        else if (sf__tok_is(d, t, "the") && (mi = mention_starting(c, t + 1)) != SIZE_MAX) t = c->m[mi].tok_end;
        else if (lower_word(d, t)) t += 1;
        if (t > lo && t < e && is_word(d, t) &&
            (he_she(d, t) || sf__tok_in(d, t, IT_THEY) || sf__tok_in(d, t, DETERMINERS) || !lower_word(d, t) ||
             sf__tok_in(d, t, (const char *const[]){"i", "we", "you", "there", "this", "these", "those", NULL})))
            lo = t;
    }
    /* "said earlier this week that", "said in a statement on Monday that" */
    for (size_t t = lo; t < e && t < lo + 7; t++) {
        if (complementizer(d, t)) {
            lo = t;
            break;
        }
        if (!sf__tok_in(d, t, WHEN_WHERE_SAID) && !punct_is(d, t, ',')) break;
    }
    bool clause = lo < e && complementizer(d, lo);
    if (clause) lo++;
    bool placed = !clause && lo < e && lower_word(d, lo) && sf__tok_in(d, lo, NOT_SAID) &&
                  !(lo + 1 < e && sf__tok_in(d, lo + 1, (const char *const[]){"least", "most", NULL}));
    if (placed) {
        /* "said on Friday to Vermont Edition that he ...": what was said
         * follows the "that" after the phrase of where and to whom;
         * "said on Friday he met ...": after the time words, a subject */
        size_t t = lo;
        while (t < e && t < lo + 8 && !complementizer(d, t) &&
               !(d->toks.items[t].kind == SF_TOK_PUNCT && strchr(",;:.!?", d->text[d->toks.items[t].begin])))
            t++;
        if (t < e && complementizer(d, t)) lo = t + 1, placed = false;
        else {
            t = lo;
            while (t < e && t < lo + 6 && sf__tok_in(d, t, WHEN_WHERE_SAID)) t++;
            if (t > lo && t < e && is_word(d, t) && (he_she(d, t) || sf__tok_in(d, t, IT_THEY) || !lower_word(d, t)))
                lo = t, placed = false;
        }
    }
    /* "said, however, that"; but "said, welcoming the prospect" goes on
     * about the speaker, it is not what was said */
    bool comma = false;
    while (lo < e && (punct_is(d, lo, ',') || punct_is(d, lo, ':'))) lo++, comma = true;
    if (comma && lo < e && is_word(d, lo) && d->toks.items[lo].end - d->toks.items[lo].begin > 4 &&
        !memcmp(d->text + d->toks.items[lo].end - 3, "ing", 3))
        lo = e;
    *clause_out = clause;
    *placed_out = placed;
    return lo;
}

/* The words before the speaker and verb that may be what was said,
 * [*first, *last): without a dateline or a lead-in dash, and without the
 * speaker's description after the last comma; empty when the speaker
 * stands in a relative clause (the clause before it is the writer's). */
static void before_speaker(const ctx *c, size_t s0, size_t e, size_t v, speaker sp, size_t *first_out,
                           size_t *last_out) {
    const sf_doc *d = c->d;
    size_t first = s0, last = SF_MIN(sp.b, v);
    while (last > first && d->toks.items[last - 1].kind == SF_TOK_PUNCT) last--;
    /* a dateline ("WASHINGTON, Aug. 27 (Xinhua) --", "MOSCOW (AP) _") is not said */
    size_t sb = d->toks.items[s0].begin, dl = sf__dateline_length(d->text + sb, d->toks.items[e - 1].end - sb);
    while (dl && first < last && d->toks.items[first].begin < sb + dl) first++;
    for (size_t t = s0; t < last && t < s0 + 14; t++)
        if (d->toks.items[t].kind == SF_TOK_PUNCT && d->toks.items[t].end - d->toks.items[t].begin >= 2 &&
            d->text[d->toks.items[t].begin] == '-')
            first = SF_MAX(first, t + 1);
    /* "..., NTSB spokesman Paul Schlamm said": the speaker's description
     * after the last comma is not said */
    if (sp.b > s0 && sp.b <= v && d->toks.items[sp.b - 1].kind != SF_TOK_PUNCT)
        for (size_t t = last; t > first && last - t < 6; t--)
            if (punct_is(d, t - 1, ',')) {
                /* "..., in which the two told of ...", "the system, which
                 * he said runs ...": the speaker is in a relative clause;
                 * the clause before it is the writer's */
                if (lower_word(d, t) && (sf__tok_in(d, t, (const char *const[]){"which", "who", "whom", "whose", NULL}) ||
                                         (t + 1 < e && sf__tok_in(d, t + 1, (const char *const[]){"which", "whom", NULL})))) {
                    last = first;
                    break;
                }
                /* "..., and the hospital reported": a clause joined by a
                 * conjunction is the writer's, not the speaker's ("...,
                 * Washington and the SDF said" joins two speakers) */
                if (!(lower_word(d, t) && sf__tok_in(d, t, CONJUNCTIONS))) last = t - 1;
                break;
            }
    *first_out = first;
    *last_out = last;
}

/* "While the valley got through the night with no deaths, X told ...": a
 * subordinate clause alone before the speaker sets the scene, it is not a
 * statement ("If talks fail, there will be war, X said" has a main clause
 * after a second comma). */
static bool sets_scene(const sf_doc *d, size_t first, size_t last) {
    bool scene = false;
    if (sf__lang_is_english(d->lang) && last > first &&
        sf__tok_in(d, first, (const char *const[]){"while", "although", "though", "because", "if", "when",
                                                   "after", "before", "since", "unless", "until", "as",
                                                   "whereas", "once", NULL})) {
        scene = true;
        for (size_t t = first + 1; t < last && scene; t++) scene = !punct_is(d, t, ',') && !punct_is(d, t, ';');
        /* "Dec. 31, 2019," is a date, not a second clause */
        if (!scene) {
            size_t commas = 0, datecommas = 0;
            for (size_t t = first + 1; t < last; t++)
                if (punct_is(d, t, ',')) {
                    commas++;
                    /* "31, 2019": between day and year; "2019,": after it */
                    bool num = d->toks.items[t - 1].kind == SF_TOK_NUMBER;
                    datecommas += num && ((t + 1 < last && d->toks.items[t + 1].kind == SF_TOK_NUMBER) ||
                                          (t >= first + 3 && punct_is(d, t - 2, ',') &&
                                           d->toks.items[t - 3].kind == SF_TOK_NUMBER));
                }
            scene = commas == datecommas;
        }
    }
    return scene;
}

static sf_status indirect(ctx *c, size_t s) {
    const sf_doc *d = c->d;
    size_t s0 = d->sent_tok[s], e = d->sent_tok[s + 1];
    size_t v = SIZE_MAX, vend = 0;
    /* "continued" reports speech beside a quote ('"...," he continued')
     * or before "that"; in a sentence of its own it goes on ("Protests
     * continued until officials agreed to ...") */
    /* "The proposal announced Dec. 14 will result in ...": a participle
     * after its noun, the clause's own verb after it (past a time) */
    for (size_t i = s0; i < e && v == SIZE_MAX; i++) {
        if (!speech_verb(c, i, e, false, &vend)) continue;
        if (sf__tok_in(d, i, (const char *const[]){"continued", "continues", "continue", NULL}) &&
            !(i + 1 < e && (sf__tok_is(d, i + 1, "that") || punct_is(d, i + 1, ':'))))
            continue;
        if (sf__lang_is_english(d->lang) && i > s0 && lower_word(d, i - 1) && !sf__tok_in(d, i - 1, NOT_HEAD)) {
            /* the time: a weekday ("Monday"), "last week", or a month
             * with its day ("Dec. 14", "December 14") */
            size_t t = vend;
            if (t + 1 < e && sf__tok_in(d, t, (const char *const[]){"last", "this", "next", NULL}) &&
                sf__tok_in(d, t + 1, WHEN_WORDS))
                t += 2;
            else if (t < e && sf__tok_in(d, t, WHEN_WORDS))
                t++;
            else if (t + 1 < e && is_word(d, t) && !lower_word(d, t)) {
                size_t u = t + 1;
                if (punct_is(d, u, '.')) u++;
                if (u < e && d->toks.items[u].kind == SF_TOK_NUMBER && sf__month_word(d, t)) t = u + 1;
            }
            if (t > vend && t < e && lower_word(d, t) && sf__tok_in(d, t, AUX)) continue;
        }
        v = i;
    }
    if (v == SIZE_MAX) return SF_OK;
    /* "He told his wife he had nothing more to live for, said Detective
     * Rene Swanson, the lead investigator": an attribution after a comma
     * at the sentence's end, its speaker after its verb and no verb of
     * the speaker's own (not ", said Marianne Gingrich has not complied",
     * not ", said that ...", not ", reported in the journal Nature,
     * appeared"), reports the whole sentence before the comma, whatever
     * speech it reports within ("The evidence that other creationists say
     * is censored is a cut-and-paste job, said Charlotte McDonald") */
    {
        size_t end = e;
        while (end > vend && d->toks.items[end - 1].kind == SF_TOK_PUNCT) end--;
        for (size_t k = vend; k + 1 < end; k++) {
            size_t vend2 = 0;
            /* ", according to X" names where the report came from: it
             * ends what was said (below) and leaves the speaker */
            if (!punct_is(d, k, ',') || sf__tok_is(d, k + 1, "according") || !speech_verb(c, k + 1, e, false, &vend2))
                continue;
            bool tail = true;
            for (size_t t = vend2; t < end && !punct_is(d, t, ',') && tail; t++)
                tail = !sf__tok_is(d, t, "that") && !sf__tok_in(d, t, AUX);
            if (!tail) continue;
            speaker sp2 = speaker_of_verb(c, s0, k + 1, vend2, e);
            if (sp2.b == sp2.e || sp2.b <= k + 1 || CONFIDENCE[sp2.rule] < MIN_CONFIDENCE ||
                !foreign_speaker_ok(c, sp2))
                continue;
            size_t b2 = s0;
            while (b2 < k && d->toks.items[b2].kind == SF_TOK_PUNCT) b2++;
            if (k >= b2 + 4)
                return push_hit(c, s, d->toks.items[b2].begin, d->toks.items[k - 1].end, false, sp2, NULL);
            break;
        }
    }
    speaker sp = speaker_of_verb(c, s0, v, vend, e);
    if (sp.b == sp.e || CONFIDENCE[sp.rule] < MIN_CONFIDENCE || !foreign_speaker_ok(c, sp)) return SF_OK;
    bool clause, placed;
    size_t lo = reported_start(c, v, vend, sp, e, &clause, &placed);
    size_t hi = e;
    while (hi > lo && d->toks.items[hi - 1].kind == SF_TOK_PUNCT) hi--;
    /* "He told his wife he had nothing more to live for, said Detective
     * Rene Swanson": a second attribution after a comma reports the
     * whole; what was said ends at its comma */
    /* ", according to the city's press office" ends what was said */
    for (size_t k = lo + 1; k + 2 < hi; k++)
        if (punct_is(d, k, ',') && sf__tok_is(d, k + 1, "according") && sf__tok_is(d, k + 2, "to")) {
            hi = k;
            break;
        }
    size_t first, last;
    before_speaker(c, s0, e, v, sp, &first, &last);
    bool after = sp.b >= vend;
    size_t b, en;
    bool scene = sets_scene(d, first, last);
    /* "..., she told People she had lost 70 pounds": after the listener
     * stands a clause of its own, which is what was said */
    bool told_clause = sf__tok_in(d, v, TO_LISTENER) && hi >= lo + 4 && (clause || clause_cue(d, lo, hi));
    bool tail = SF_MIN(sp.b, v) > s0 && punct_is(d, SF_MIN(sp.b, v) - 1, ',') &&
                (hi < lo + 4 || (sf__tok_in(d, v, TO_LISTENER) && !told_clause)) && !scene;
    /* with no "that", after a verb that takes an object as often as a
     * clause, the words after it must read as a clause */
    bool object = !clause && sf__lang_is_english(d->lang) && !sf__tok_in(d, v, BARE_CLAUSE) &&
                  !clause_cue(d, lo, hi);
    if ((after || tail) && last > first && last - first >= 4) b = first, en = last;
    /* "Clinton testified before the panel last fall": with no "that", a
     * preposition after the verb says where or when the speaking was,
     * there is no reported clause */
    else if (hi > lo && hi - lo >= 4 && !placed && !object) b = lo, en = hi;
    /* the verb took an object: what stands before its subject is the
     * writer's too ("In a joint statement, X stressed the need ...") */
    else if (object && !placed && hi > lo && hi - lo >= 4) return spoke(c, s, v, sp);
    /* the clause before the speaker, set off by a comma ("The talks
     * failed, the envoy said on Friday"); what stands before a speaker
     * with no comma describes the speaker ("Top donor X said") */
    else if (last > first && last - first >= 4 && punct_is(d, last, ',') && !scene &&
             !(placed && sf__tok_in(d, lo, (const char *const[]){"of", "about", NULL}) && !clause_cue(d, first, last)))
        b = first, en = last;
    /* "An enthusiastic supporter, X complained of the imbalance": the
     * verb's topic follows it; a phrase with no verb before the speaker
     * describes the speaker */
    else if (placed || scene) return spoke(c, s, v, sp);
    else return SF_OK;
    if (b == first && en == last && opening_participle(d, first, last)) return spoke(c, s, v, sp);
    return push_hit(c, s, d->toks.items[b].begin, d->toks.items[en - 1].end, false, sp, NULL);
}

typedef SF_VEC(size_t) sizevec;

/* The first mention resolved to a person or organization that is written
 * exactly as the text [nb, ne) (SIZE_MAX: none). `byname` maps the hash of a
 * mention's text to its index + 1 (the first such mention), so each lookup
 * costs one probe, not a scan of every mention (80,000 sentences naming one
 * place took 17 s, quadratic); a hash collision falls back to the scan. */
static size_t written_as(const sf_doc *d, const sf_mention *m, size_t nm, const sf_entity *ents,
                         const sf_map *byname, size_t b, size_t e) {
    size_t nb = d->toks.items[b].begin, ne = d->toks.items[e - 1].end;
    const uint64_t *v = sf__map_find(byname, sf__hash64(d->text + nb, ne - nb, 0));
    if (!v) return SIZE_MAX;
    const sf_mention *x = &m[*v - 1];
    if (x->end - x->begin == ne - nb && !memcmp(d->text + x->begin, d->text + nb, ne - nb)) return *v - 1;
    for (size_t k = 0; k < nm; k++) {
        x = &m[k];
        if (x->entity == SIZE_MAX || x->end - x->begin != ne - nb || memcmp(d->text + x->begin, d->text + nb, ne - nb))
            continue;
        if (ents[x->entity].type == SF_ENT_PERSON || ents[x->entity].type == SF_ENT_ORG) return k;
    }
    return SIZE_MAX;
}

/* byname for written_as: the first person or organization mention of each text. */
static sf_status names_index(const sf_doc *d, const sf_mention *m, size_t nm, const sf_entity *ents,
                             sf_map *byname) {
    for (size_t k = 0; k < nm; k++) {
        const sf_mention *x = &m[k];
        if (x->entity == SIZE_MAX ||
            (ents[x->entity].type != SF_ENT_PERSON && ents[x->entity].type != SF_ENT_ORG))
            continue;
        uint64_t *slot = sf__map_slot(byname, sf__hash64(d->text + x->begin, x->end - x->begin, 0));
        if (!slot) return SF_ERR_NOMEM;
        if (!*slot) *slot = k + 1;
    }
    return SF_OK;
}

/* The recognizer leaves out some writings of a name it finds elsewhere
 * ('"...," Bozell explains.' after tagging "Bozell" twice): a speaker is
 * often exactly such a word. The doc's mentions, plus every run of up to
 * four capitalized words outside them written exactly as a person or
 * organization mentioned in the doc (with that mention's entity), in text
 * order; src[i] is the given mention a recovered one copies. */
static sf_status recover(const sf_doc *d, const sf_mention *m, size_t nm, const sf_entity *ents,
                         const sf_map *byname, sf_mentionvec *all, sizevec *src);
static sf_status with_recovered(const sf_doc *d, const sf_mention *m, size_t nm, const sf_entity *ents,
                                sf_mentionvec *all, sizevec *src) {
    sf_map byname;
    sf__map_init(&byname);
    sf_status st = names_index(d, m, nm, ents, &byname);
    if (st == SF_OK) st = recover(d, m, nm, ents, &byname, all, src);
    sf__map_release(&byname);
    return st;
}

static sf_status recover(const sf_doc *d, const sf_mention *m, size_t nm, const sf_entity *ents,
                         const sf_map *byname, sf_mentionvec *all, sizevec *src) {
    size_t k = 0;
    for (size_t i = 0; i < d->toks.n;) {
        while (k < nm && m[k].tok_end <= i) {
            SF_TRY(SF_VEC_PUSH(all, m[k]));
            SF_TRY(SF_VEC_PUSH(src, k));
            k++;
        }
        if (k < nm && m[k].tok_begin <= i) {
            i = m[k].tok_end;
            continue;
        }
        size_t run = 0, lim = k < nm ? m[k].tok_begin : d->toks.n;
        while (run < 4 && i + run < lim && is_word(d, i + run) &&
               (d->toks.items[i + run].flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS)))
            run++;
        size_t j = SIZE_MAX;
        for (; run > 0 && (j = written_as(d, m, nm, ents, byname, i, i + run)) == SIZE_MAX; run--) {}
        if (j == SIZE_MAX) {
            i++;
            continue;
        }
        sf_mention x = m[j];
        size_t s = sf__doc_sentence_of(d, d->toks.items[i].begin);
        x.begin = d->toks.items[i].begin, x.end = d->toks.items[i + run - 1].end;
        x.tok_begin = i, x.tok_end = i + run, x.sentence = s;
        x.flags &= ~(unsigned)(SF_MENTION_INITIAL | SF_MENTION_TITLED | SF_MENTION_POSSESSIVE);
        size_t first = d->sent_tok[s];
        while (first < i && quote_mark(d, first)) first++;
        if (first == i) x.flags |= SF_MENTION_INITIAL;
        SF_TRY(SF_VEC_PUSH(all, x));
        SF_TRY(SF_VEC_PUSH(src, j));
        i += run;
    }
    for (; k < nm; k++) {
        SF_TRY(SF_VEC_PUSH(all, m[k]));
        SF_TRY(SF_VEC_PUSH(src, k));
    }
    return SF_OK;
}

/* Per token, the first mention starting and the first ending there
 * (SIZE_MAX when none). */
static void index_mentions(ctx *c) {
    size_t nt = c->d->toks.n;
    for (size_t t = 0; t <= nt; t++) c->starting[t] = c->ending[t] = SIZE_MAX;
    for (size_t k = c->nm; k-- > 0;) { /* downwards: the first one wins */
        if (c->m[k].tok_begin <= nt) c->starting[c->m[k].tok_begin] = k;
        if (c->m[k].tok_end <= nt) c->ending[c->m[k].tok_end] = k;
    }
}

/* The tokens inside quote marks, the marks included (to the span's end when
 * a quote is not closed). */
static void mark_quoted(ctx *c, const qspanvec *qs) {
    for (size_t k = 0; k < qs->n; k++) {
        const qspan *q = &qs->items[k];
        size_t end = q->close != SIZE_MAX ? q->close + 1 : q->te;
        for (size_t t = q->open; t < end; t++) c->inq[t] = 1;
    }
}

/* Sentences in order; a sentence's quotes (by their opening mark), or its
 * reported speech when it has no marks. */
static sf_status quotes_by_sentence(ctx *c, const qspanvec *qs, size_t *hit_of) {
    const sf_doc *d = c->d;
    sf_status st = SF_OK;
    size_t qi = 0;
    for (size_t s = 0; s < d->sents.n && st == SF_OK; s++) {
        size_t s0 = d->sent_tok[s], e = d->sent_tok[s + 1];
        bool marks = false;
        for (size_t t = s0; t < e && !marks; t++) marks = c->inq[t];
        for (; qi < qs->n && qs->items[qi].open < e && st == SF_OK; qi++) st = direct_quote(c, qs, hit_of, qi);
        if (!marks && st == SF_OK) st = indirect(c, s);
    }
    for (; qi < qs->n && st == SF_OK; qi++) st = direct_quote(c, qs, hit_of, qi);
    return st;
}

sf_status sf__find_quotes(const sf_doc *d, const sf_mention *m, size_t nm,
                          const sf_entity *ents, sf_quotevec *out) {
    size_t nt = d->toks.n;
    sf_mentionvec all = {0};
    sizevec src = {0};
    sf_status st = with_recovered(d, m, nm, ents, &all, &src);
    ctx c = {d, all.items, all.n, ents, out, out->n, sf__calloc(nt + 1, 1), sf__calloc(nt + 1, sizeof(size_t)),
             sf__malloc((nt + 1) * sizeof(size_t)), sf__malloc((nt + 1) * sizeof(size_t))};
    qspanvec qs = {0};
    size_t *hit_of = NULL;
    if (st == SF_OK && !(c.inq && c.para && c.starting && c.ending)) st = SF_ERR_NOMEM;
    if (st == SF_OK) {
        index_mentions(&c);
        paragraphs(d, c.para);
        st = find_spans(d, c.para, &qs);
    }
    if (st == SF_OK) mark_quoted(&c, &qs);
    if (st == SF_OK && !(hit_of = sf__malloc((qs.n + 1) * sizeof *hit_of))) st = SF_ERR_NOMEM;
    for (size_t k = 0; k < qs.n && st == SF_OK; k++) hit_of[k] = SIZE_MAX;
    if (st == SF_OK) st = quotes_by_sentence(&c, &qs, hit_of);
    /* speakers name the given mentions (a recovered one its original) */
    for (size_t h = c.first_hit; h < out->n && st == SF_OK; h++)
        if (out->items[h].speaker != SIZE_MAX) out->items[h].speaker = src.items[out->items[h].speaker];
    /* the empty hits of speakers with nothing said (spoke) go */
    size_t w = c.first_hit;
    for (size_t h = c.first_hit; h < out->n; h++)
        if (out->items[h].end > out->items[h].begin) out->items[w++] = out->items[h];
    out->n = w;
    SF_VEC_FREE(&all);
    SF_VEC_FREE(&src);
    sf__free(hit_of);
    SF_VEC_FREE(&qs);
    sf__free(c.inq), sf__free(c.para), sf__free(c.starting), sf__free(c.ending);
    return st;
}

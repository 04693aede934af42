/* mention.c - proper-name mentions from the trained recognizer (ner.c):
 * each sentence's tokens are tagged (BIO over person, place, organization,
 * other) and each tagged span becomes a mention typed by the recognizer.
 * A few rules the recognizer does not guarantee are kept on top: weekdays,
 * months, a leading "the", sentence-initial function words and runs longer
 * than SF_MENTION_MAX_WORDS are not names; a personal title before a person ("Rep.", "President") is marked
 * but left out of the name; an acronym glued to a lower-case word ("US-led")
 * is a name. Speech and place cues around a mention are recorded for the
 * quote finder and for typing. */
#include "entity.h"

#include "../summarize/summarize.h" /* sf__dateline_length */
#include "ner.h"
#include <ctype.h>

static const char *const CALENDAR[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "dozens", "hundreds", "thousands", "millions", NULL};
/* abbreviated titles (the period is its own token) */
static const char *const TITLE_ABBR[] = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov",
                                         "col", "lt", "capt", "sgt", "adm", "rev", "prof",
                                         "maj", "cmdr", "pres", "amb", "cpl", "pvt", "messrs", NULL};
/* titles written as words, capitalized before a name or lower case before it */
static const char *const TITLE_WORD[] = {
    "president", "minister", "secretary", "senator", "governor", "king", "queen",
    "prince", "princess", "pope", "chancellor", "judge", "mayor", "sheikh", "ayatollah",
    "commander", "director", "chairman", "chairwoman", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "premier", "colonel", "lieutenant", "captain", "sergeant",
    "admiral", "bishop", "cardinal", "rabbi", "imam", "emir", "sultan", "leader", "officer",
    "attorney", "detective", "inspector", "professor", "chief", "deputy", "vice", "prime",
    "representative", "congressman", "congresswoman", "sen", "rev", "dr", "mr", "mrs", "ms",
    "lawyer", "analyst", "official", "economist", "researcher", "coach", "manager",
    "commissioner", "sir", "dame", "lord", "lady", "parasitologist", "scientist", "mp",
    /* occupations written before a name like a title ("Engineer Paul Ried") */
    "engineer", "architect", "actor", "actress", "singer", "author", "writer", "novelist",
    "artist", "photographer", "nurse", "doctor", "pastor", "priest", "general", "editor",
    "reporter", "journalist", "columnist", "activist", "farmer", "teacher", "pilot", NULL};
/* offices of other countries written before a name in English news
 * ("Tanaiste Leo Varadkar", "Taoiseach Micheal Martin", "Datuk Seri
 * Anwar Ibrahim"): personal titles only, so a name they open of two or
 * more words is a person's, whatever the recognizer's type */
static const char *const OFFICE_ABROAD[] = {"taoiseach", "tanaiste", "t\xc3\xa1naiste", "datuk", "dato", "tunku",
                                            "tengku", "mullah", "mufti", "hojatoleslam", "sheikha", NULL};

/* (entity.h) the quote finder reads a speaker "the Conservative MP" by it */
bool sf__title_word(const sf_doc *d, size_t i) {
    return sf__tok_in(d, i, TITLE_WORD) || sf__tok_in(d, i, OFFICE_ABROAD);
}

const char *const sf__speech_verbs[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "declared", "announced",
    "warned", "noted", "explained", "insisted", "claimed", "argued", "asserted", "acknowledged",
    "admitted", "confirmed", "denied", "wrote", "writes", "recalled", "urged", "predicted",
    "testified", "replied", "continued", "conceded", "contended", "maintained", "stressed",
    "emphasized", "complained", "suggested", "concluded", "observed", "remarked", "reported",
    "cautioned", NULL};
static const char *const PLACE_PREP[] = {"in", "at", "near", "from", "into", "across", "outside",
                                         "inside", "toward", "towards",
                                         /* verbs whose object is a place in news */
                                         "entered", "reached", "shelled", "bombed", "bombarded",
                                         "stormed", "besieged", "liberated", "recaptured", "evacuated",
                                         "hit", NULL};
static const char *const ORG_WORDS[] = {
    "forces", "force", "army", "party", "group", "council", "committee", "ministry",
    "department", "agency", "organization", "organisation", "union", "association", "bank",
    "university", "college", "institute", "corporation", "corp", "company", "co", "inc", "ltd",
    "front", "command", "observatory", "nations", "court", "office", "police", "service",
    "board", "commission", "authority", "coalition", "alliance", "movement", "brigade",
    "brigades", "network", "times", "post", "news", "press", "church", "parliament", "congress",
    "senate", "assembly", "federation", "league", "club", "fund", "foundation", "center",
    "centre", "hospital", "school", "airlines", "guard", "administration", "bureau", "navy",
    "corps", "society", "institution", "journal", "tribune", "herald", "reuters", "trust",
    "laboratory", "laboratories", "industries", "group's", "cabinet", "government",
    /* companies: "Quillon Systems", "Acme Holdings", "Napster Inc." */
    "systems", "technologies", "holdings", "partners", "motors", "airways", "airline",
    "pharmaceuticals", "communications", "enterprises", "securities", "llc", "plc", "gmbh",
    "electric", "semiconductor", "software", "studios", "records", "entertainment",
    "broadcasting", "petroleum", "chemicals", "foods", "brands", "labs", NULL};
static const char *const PLACE_WORDS[] = {
    "city", "river", "province", "county", "island", "islands", "mountain", "mountains",
    "valley", "sea", "ocean", "lake", "street", "square", "bay", "gulf", "desert", "region",
    "district", "peninsula", "strait", "canal", "village", "town", "coast", "airport",
    "avenue", "road", "bridge", "park", "basin", "heights", "plain", "plains", "state's",
    /* streets and roads ("Bruckner Boulevard", "Miller Drive") */
    "boulevard", "highway", "expressway", "freeway", "drive", NULL};

/* (entity.h) a word that heads an organization's or a place's name */
bool sf__name_head_word(const char *w, size_t n) {
    /* heads of names not in the recognizer's cue lists above */
    static const char *const MORE_HEADS[] = {"springs", "falls", "station", "hall", "house", "line",
                                             "glacier", "democrats", "republicans", "socialists", NULL};
    const char *const *lists[] = {ORG_WORDS, PLACE_WORDS, MORE_HEADS};
    for (size_t l = 0; l < SF_ARRAY_LEN(lists); l++)
        for (const char *const *x = lists[l]; *x; x++)
            if (strlen(*x) == n && memcmp(*x, w, n) == 0) return true;
    return sf__lang_org_word(w, n);
}

/* A sentence adverb opening a sentence before a comma ("Rhetorically,",
 * "Unfortunately,", "Ironically,"): an English adverb's suffix, long
 * enough that no short name ("Italy", "Sicily", "McNally", "Kelly") ends
 * so. */
static bool opening_adverb(const sf_doc *d, size_t a) {
    static const char *const ENDS[] = {"ically", "ously", "ively", "fully", "edly", "ingly", "ately",
                                       "ently", "antly", "lessly", "ually", "nally", "rally", NULL};
    const sf_token *t = &d->toks.items[a];
    size_t n = t->end - t->begin;
    if (n < 8 || a + 1 >= d->toks.n || d->text[d->toks.items[a + 1].begin] != ',') return false;
    for (const char *const *e = ENDS; *e; e++) {
        size_t k = strlen(*e);
        if (n > k && memcmp(d->text + t->end - k, *e, k) == 0) return true;
    }
    return false;
}

/* Interjections, answers and linking adverbs: written capitalized where a
 * sentence or a quoted remark opens ("Oh, ...", "Well, ...", "Yes, ...",
 * "Furthermore, ..."), never a name there. */
static const char *const DISCOURSE[] = {
    "oh", "ah", "well", "yes", "yeah", "no", "hey", "hi", "hello", "please", "thanks", "sorry", "wow",
    "ok", "okay", "sure", "alas", "furthermore", "moreover", "besides", "likewise", "hence", "thus",
    "meanwhile", "nevertheless", "nonetheless", "indeed", "instead", "otherwise", "anyway", "plus",
    "worse", "overall", "still", "again", "therefore", "accordingly", NULL};

/* Token i folded (sf__word_fold) into w; 0 when it does not fit. */
static size_t tok_fold(const sf_doc *d, size_t i, char *w, size_t cap) {
    if (i >= d->toks.n) return 0;
    const sf_token *t = &d->toks.items[i];
    return sf__word_fold(d->text + t->begin, t->end - t->begin, w, cap);
}

/* A function word of the article's language that opens sentences ("Die",
 * "Wenn", "Los", "Le", "W"); never in an English article (its rules are
 * the recognizer's and the English stopwords'). */
static bool opener(const sf_doc *d, size_t i) {
    if (sf__lang_is_english(d->lang) || (d->toks.items[i].flags & SF_TOKF_ALLCAPS)) return false;
    char w[64];
    size_t n = tok_fold(d, i, w, sizeof w);
    return n && sf__lang_opener(d->lang, w, n);
}

static bool lang_title(const sf_doc *d, size_t i) {
    if (i >= d->toks.n || d->toks.items[i].kind != SF_TOK_WORD) return false;
    char w[64];
    size_t n = tok_fold(d, i, w, sizeof w);
    return n && sf__lang_title(d->lang, w, n);
}

static bool is_stop(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->flags & SF_TOKF_ALLCAPS) return false; /* "US", "IS" are names */
    char w[32];
    size_t n = t->end - t->begin;
    if (n >= sizeof w) return false;
    for (size_t k = 0; k < n; k++) {
        char c = d->text[t->begin + k];
        w[k] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
    }
    return sf__is_stopword("en", w, n) || opener(d, i);
}

static bool last_in(const sf_doc *d, size_t b, const char *const *words);

/* The recognizer says place and the name follows a preposition of the
 * article's language with no article between ("in Berlin", "en Madrid"):
 * common nouns there take an article ("in der Stadt"). */
static bool place_prep_agrees(const sf_doc *d, size_t s, size_t a, sf_entity_type hint) {
    char w[64];
    size_t n;
    return hint == SF_ENT_PLACE && a > d->sent_tok[s] && (n = tok_fold(d, a - 1, w, sizeof w)) &&
           sf__lang_place_prep(d->lang, w, n);
}

/* Not English: the recognizer learned its types on English news, where a
 * capital letter means a name; in other languages its type is kept only
 * where the text itself says so (a title or given name: a person; a word
 * of organizations in the name; a place word, or a preposition before a
 * bare place name agreeing with the recognizer: a place). Otherwise the
 * type is unknown, which an English report of the same story may settle.
 * "other" (demonyms, events) stays: it is already "of no known kind", and
 * the resolver drops one-word ones. */
static sf_entity_type foreign_type(const sf_doc *d, size_t s, size_t a, size_t b, unsigned flags,
                                   sf_entity_type hint) {
    if (flags & (SF_MENTION_TITLED | SF_MENTION_GIVEN)) return SF_ENT_PERSON;
    if (hint == SF_ENT_OTHER) return hint;
    char w[64];
    size_t n;
    if (((n = tok_fold(d, a, w, sizeof w)) && sf__lang_org_word(w, n)) ||
        ((n = tok_fold(d, b - 1, w, sizeof w)) && sf__lang_org_word(w, n)) || last_in(d, b, ORG_WORDS))
        return SF_ENT_ORG;
    if (b - a >= 2 && last_in(d, b, PLACE_WORDS)) return SF_ENT_PLACE;
    if (place_prep_agrees(d, s, a, hint)) return SF_ENT_PLACE;
    return SF_ENT_UNKNOWN;
}

/* Bytes of a trailing possessive ('s, ’s or a bare apostrophe after s). */
static size_t possessive_len(const char *s, size_t b, size_t e) {
    if (e - b > 3 && (s[e - 1] == 's' || s[e - 1] == 'S') && s[e - 2] == '\'') return 2;
    if (e - b > 5 && (s[e - 1] == 's' || s[e - 1] == 'S') &&
        (unsigned char)s[e - 4] == 0xE2 && (unsigned char)s[e - 3] == 0x80 &&
        (unsigned char)s[e - 2] == 0x99)
        return 4;
    return 0;
}

/* First hyphen in a token whose remainder starts lower case ("US-backed"):
 * returns its offset or 0. */
static size_t lower_hyphen(const char *s, size_t b, size_t e) {
    for (size_t k = b + 1; k + 1 < e; k++)
        if (s[k] == '-' && s[k + 1] >= 'a' && s[k + 1] <= 'z') return k;
    return 0;
}

static size_t letters_of(const char *s, size_t b, size_t e) {
    size_t k = 0;
    for (size_t i = b; i < e; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) k++;
    return k;
}

/* Does a word list hold the last word of the run [a, b)? */
static bool last_in(const sf_doc *d, size_t b, const char *const *words) {
    return sf__tok_in(d, b - 1, words);
}

static bool is_quote_tok(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->kind != SF_TOK_PUNCT) return false;
    unsigned char c = (unsigned char)d->text[t->begin];
    if (c == '"' || c == '\'' || c == '`' || c == '(' || c == '[') return true;
    if (c == 0xC2 && t->end - t->begin >= 2) { /* guillemets « » */
        unsigned char c2 = (unsigned char)d->text[t->begin + 1];
        return c2 == 0xAB || c2 == 0xBB;
    }
    return c == 0xE2 && t->end - t->begin >= 3; /* curly quotes and dashes */
}

/* Whether token i is a capitalized word of five letters or more ending
 * in "ish", not "rrish" ("British", "Irish"; not "Parrish"). */
static bool people_adjective(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    size_t n = t->end - t->begin;
    const char *w = d->text + t->begin;
    if (n < 5 || !(t->flags & SF_TOKF_CAPITAL) || (t->flags & SF_TOKF_ALLCAPS)) return false;
    return memcmp(w + n - 3, "ish", 3) == 0 && !(n >= 5 && memcmp(w + n - 5, "rrish", 5) == 0);
}

/* Whether token i is a lower-case verb that may follow a clause's subject:
 * a speech verb, an auxiliary or a word in -ed ("stepped", "announced"). */
static bool clause_verb(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    size_t n = t->end - t->begin;
    const char *w = d->text + t->begin;
    if (t->kind != SF_TOK_WORD || (t->flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS)) || n < 2) return false;
    static const char *const AUX[] = {"is", "was", "has", "had", "will", "would", "says", "told", "tells", NULL};
    /* a past tense, not "need", "feed", "speed" ("agreed" is one) */
    static const char *const EED[] = {"agreed", "disagreed", "freed", "decreed", "guaranteed", NULL};
    return sf__tok_in(d, i, sf__speech_verbs) || sf__tok_in(d, i, AUX) || sf__tok_in(d, i, EED) ||
           (n >= 4 && memcmp(w + n - 2, "ed", 2) == 0 && w[n - 3] != 'e');
}

/* Whether the words are a country's or a country's subdivision's name
 * (places.c). */
static bool is_country_or_region(const char *w, size_t n) {
    sf_buf key;
    sf__buf_init(&key, 0);
    bool yes = sf__name_key(w, n, &key) == SF_OK && key.n &&
               (sf__is_country_key(key.p, key.n) || sf__is_region_key(key.p, key.n));
    sf__buf_release(&key);
    return yes;
}

static sf_status emit(const sf_doc *d, size_t s, size_t a, size_t b, unsigned flags,
                      sf_entity_type hint, sf_mentionvec *out) {
    const sf_token *ta = &d->toks.items[a], *tb = &d->toks.items[b - 1];
    size_t begin = ta->begin, end = tb->end;
    /* an elided article glued to the name ("l’ONG", "d'Italia"): one to
     * three lower-case letters and an apostrophe are not part of it */
    if (!sf__lang_is_english(d->lang)) {
        size_t k = begin;
        while (k < end && k - begin < 3 && d->text[k] >= 'a' && d->text[k] <= 'z') k++;
        if (k > begin && k + 1 < end && d->text[k] == '\'') begin = k + 1;
        else if (k > begin && k + 3 < end && (unsigned char)d->text[k] == 0xE2 &&
                 (unsigned char)d->text[k + 1] == 0x80 && (unsigned char)d->text[k + 2] == 0x99)
            begin = k + 3;
    }
    size_t pl = possessive_len(d->text, tb->begin, end);
    if (pl) {
        end -= pl;
        flags |= SF_MENTION_POSSESSIVE;
    }
    if (end <= begin) return SF_OK;
    /* the agency credited in a dateline ("LONDON (AP) _", "TEHRAN, March 7
     * (Xinhua) --") names who wrote the report, not anyone in it */
    if (a > d->sent_tok[s] && d->text[d->toks.items[a - 1].begin] == '(') {
        size_t sb = d->toks.items[d->sent_tok[s]].begin;
        size_t se = d->sent_tok[s + 1] > d->sent_tok[s] ? d->toks.items[d->sent_tok[s + 1] - 1].end : sb;
        size_t dl = sf__dateline_length(d->text + sb, se - sb);
        if (dl && end <= sb + dl) return SF_OK;
    }
    if (b - a == 1 && letters_of(d->text, begin, end) >= 2 && letters_of(d->text, begin, end) <= 6) {
        bool caps = true; /* judged without the possessive: "FTC's" */
        for (size_t k = begin; k < end; k++)
            if (d->text[k] >= 'a' && d->text[k] <= 'z') caps = false;
        if (caps) flags |= SF_MENTION_ACRONYM;
    }
    /* type from the words of the name itself */
    if (hint == SF_ENT_UNKNOWN) {
        if (last_in(d, b, ORG_WORDS)) hint = SF_ENT_ORG;
        else if (last_in(d, b, PLACE_WORDS)) hint = SF_ENT_PLACE;
    }
    /* speech cue: "X said", "X, who..., said" is left to the quote finder */
    size_t after = b;
    if (after < d->toks.n && d->toks.items[after].kind == SF_TOK_PUNCT &&
        d->text[d->toks.items[after].begin] == ',')
        after++;
    if (sf__tok_in(d, after, sf__speech_verbs) && after < d->sent_tok[s + 1]) flags |= SF_MENTION_SPEAKER;
    if (a > d->sent_tok[s] && sf__tok_in(d, a - 1, sf__speech_verbs)) flags |= SF_MENTION_SPEAKER;
    if (a > d->sent_tok[s] && sf__tok_in(d, a - 1, PLACE_PREP)) flags |= SF_MENTION_PLACE_CUE;
    if (a > d->sent_tok[s] + 1 && sf__tok_is(d, a - 1, "the") && sf__tok_in(d, a - 2, PLACE_PREP))
        flags |= SF_MENTION_PLACE_CUE;
    /* "in Congress", "in the Senate", "at the Justice Department", "at Duke
     * University": a body named by its kind is no place, whatever the
     * preposition (buildings such as hospitals and schools are both, and
     * keep the cue) */
    static const char *const BODY_WORDS[] = {
        "congress", "parliament", "senate", "assembly", "cabinet", "government", "ministry", "department",
        "court", "council", "committee", "commission", "police", "army", "navy", "party", "union",
        "nations", "agency", "bureau", "administration", "university", "college", NULL};
    if ((flags & SF_MENTION_PLACE_CUE) && sf__tok_in(d, b - 1, BODY_WORDS) && !(b - a >= 2 && sf__tok_in(d, b - 1, PLACE_WORDS)))
        flags &= ~SF_MENTION_PLACE_CUE;
    /* "at the University of South Carolina": a school's name that opens
     * with its kind */
    static const char *const SCHOOLS[] = {"university", "college", NULL};
    if ((flags & SF_MENTION_PLACE_CUE) && b - a >= 3 && sf__tok_in(d, a, SCHOOLS) && sf__tok_is(d, a + 1, "of"))
        flags &= ~SF_MENTION_PLACE_CUE;
    /* "in the British media": one word ending in -ish is the adjective of
     * a people or a language, no place (a surname such as "Parrish" has its
     * r doubled) */
    if (b - a == 1 && sf__lang_is_english(d->lang) && people_adjective(d, a)) flags &= ~SF_MENTION_PLACE_CUE;
    /* "on Amazon", "on Instagram or Facebook": a one-word name after "on"
     * is a platform, a site or a topic as often as a place ("on Crete");
     * the recognizer's place (it reads the preposition) is no vote, and
     * other mentions or a country's name type it */
    if (hint == SF_ENT_PLACE && b - a == 1 && sf__lang_is_english(d->lang) && !(flags & SF_MENTION_PLACE_CUE) &&
        a > d->sent_tok[s] && (sf__tok_is(d, a - 1, "on") || (a > d->sent_tok[s] + 2 && sf__tok_is(d, a - 1, "or") &&
                                                                 sf__tok_is(d, a - 3, "on"))))
        hint = SF_ENT_UNKNOWN;
    /* "in Columbia, Sanders stepped up": a name after a place and a comma
     * reads as "City, State" to the recognizer, but one that a verb follows
     * and that is no country's nor state's name ("Saline, Texas was")
     * opens the clause as its subject; the recognizer's place is no vote
     * then, and other mentions type it */
    const sf_mention *prev = out->n ? &out->items[out->n - 1] : NULL;
    if (hint == SF_ENT_PLACE && b - a == 1 && sf__lang_is_english(d->lang) && !(flags & SF_MENTION_PLACE_CUE) &&
        a >= d->sent_tok[s] + 2 && d->toks.items[a - 1].kind == SF_TOK_PUNCT && d->text[d->toks.items[a - 1].begin] == ',' &&
        prev && prev->tok_end == a - 1 && (prev->hint == SF_ENT_PLACE || (prev->flags & SF_MENTION_PLACE_CUE)) &&
        b < d->sent_tok[s + 1] && clause_verb(d, b) && !is_country_or_region(d->text + ta->begin, tb->end - ta->begin))
        hint = SF_ENT_UNKNOWN;
    if ((flags & SF_MENTION_SPEAKER) && hint == SF_ENT_UNKNOWN && b - a >= 2 && b - a <= 4 &&
        !(flags & SF_MENTION_PLACE_CUE))
        hint = SF_ENT_PERSON;
    if (!sf__lang_is_english(d->lang)) {
        /* the cue words above are English ("in" is German too, but there
         * it comes before nouns as well: "in Zukunft") */
        flags &= ~SF_MENTION_PLACE_CUE;
        if (place_prep_agrees(d, s, a, hint)) flags |= SF_MENTION_PLACE_CUE;
        hint = foreign_type(d, s, a, b, flags, hint);
        flags |= SF_MENTION_FOREIGN;
        if (sf__lang_capitalizes_nouns(d->lang)) flags |= SF_MENTION_NOUN_CASE;
    }
    sf_mention m = {d->article, begin, end, s, a, b, flags, hint, SIZE_MAX};
    return SF_VEC_PUSH(out, m);
}

/* Short words whose period the recognizer reads as part of the word, as
 * the CoNLL training text writes them ("St.", "Mr.", "Corp."), and single
 * capital letters (initials). The tokenizer makes the period its own token. */
static const char *const ABBR[] = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "col", "lt",
                                   "capt", "sgt", "adm", "rev", "prof", "maj", "cmdr", "pres", "amb",
                                   "cpl", "pvt", "messrs", "st", "ste", "jr", "sr", "mt", "ft", "co",
                                   "corp", "inc", "ltd", "bros", "no", "vs", "ave", "blvd", "gov", NULL};

static bool abbreviation(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->kind != SF_TOK_WORD || i + 1 >= d->toks.n) return false;
    const sf_token *p = &d->toks.items[i + 1];
    if (p->kind != SF_TOK_PUNCT || p->begin != t->end || d->text[p->begin] != '.' || p->end != p->begin + 1)
        return false;
    if (t->end - t->begin == 1) return d->text[t->begin] >= 'A' && d->text[t->begin] <= 'Z';
    return (t->flags & SF_TOKF_CAPITAL) && sf__tok_in(d, i, ABBR);
}

void sf__ner_scratch_release(sf_ner_scratch *x) {
    SF_VEC_FREE(&x->words);
    SF_VEC_FREE(&x->first);
    SF_VEC_FREE(&x->tags);
    sf__ner_sent_release(&x->sent);
}

/* Does sentence s end in an abbreviation ("St.", "Gen.", "J.") that the
 * sentence splitter took for a full stop, the next starting capitalized? */
static bool ends_in_abbreviation(const sf_doc *d, size_t s) {
    size_t a = d->sent_tok[s], e = d->sent_tok[s + 1];
    if (e - a < 2 || s + 1 >= d->sents.n || e >= d->toks.n) return false;
    return abbreviation(d, e - 2) && (d->toks.items[e].flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS));
}

size_t sf__ner_chain_end(const sf_doc *d, size_t s) {
    while (s + 1 < d->sents.n && ends_in_abbreviation(d, s)) s++;
    return s + 1;
}

static sf_status tag_range(const sf_doc *d, size_t a, size_t e, sf_ner_scratch *x, sf_name_spanvec *out);
static void join_person_parts(const sf_doc *d, size_t a, size_t e, sf_name_spanvec *out, size_t from);

sf_status sf__ner_tag_sentence(const sf_doc *d, size_t s, sf_ner_scratch *x, sf_name_spanvec *out) {
    size_t first = s; /* the chain of sentences split at abbreviations holding s */
    while (first > 0 && ends_in_abbreviation(d, first - 1)) first--;
    size_t n0 = out->n;
    SF_TRY(tag_range(d, d->sent_tok[first], d->sent_tok[sf__ner_chain_end(d, s)], x, out));
    /* keep the names that overlap sentence s */
    size_t k = n0;
    for (size_t i = n0; i < out->n; i++)
        if (out->items[i].tok_end > d->sent_tok[s] && out->items[i].tok_begin < d->sent_tok[s + 1])
            out->items[k++] = out->items[i];
    out->n = k;
    return SF_OK;
}

/* Tag tokens [a, e) of d as one sentence. */
static sf_status tag_range(const sf_doc *d, size_t a, size_t e, sf_ner_scratch *x, sf_name_spanvec *out) {
    sf_ner_model m;
    if (sf__ner_model_default(&m, NULL) != SF_OK) return SF_ERR_INTERNAL;
    size_t out0 = out->n;
    x->words.n = x->first.n = 0;
    for (size_t i = a; i < e; i++) {
        const sf_token *t = &d->toks.items[i];
        size_t end = t->end, tok = i;
        /* an initial keeps its period ("J."); a short word is read without
         * it, as the training text mostly writes "St Petersburg", "Corp" */
        if (i + 1 < e && abbreviation(d, i)) {
            if (t->end - t->begin == 1) end = d->toks.items[i + 1].end;
            i++;
        }
        /* "Raqqa's": the recognizer reads the 's as its own token, as the
         * training text writes it */
        size_t pl = t->kind == SF_TOK_WORD ? possessive_len(d->text, t->begin, end) : 0;
        SF_TRY(SF_VEC_PUSH(&x->first, tok));
        SF_TRY(SF_VEC_PUSH(&x->words, sf__view(d->text + t->begin, end - pl - t->begin)));
        if (pl) {
            SF_TRY(SF_VEC_PUSH(&x->first, tok));
            SF_TRY(SF_VEC_PUSH(&x->words, sf__view(d->text + end - pl, pl)));
        }
    }
    size_t n = x->words.n;
    SF_TRY(SF_VEC_RESERVE(&x->tags, n + 1));
    SF_TRY(sf__ner_sent_prepare(&x->sent, x->words.items, n));
    sf__ner_decode(&m, &x->sent, x->tags.items);
    static const sf_entity_type TYPES[4] = {SF_ENT_PERSON, SF_ENT_PLACE, SF_ENT_ORG, SF_ENT_OTHER};
    for (size_t i = 0; i < n;) {
        int tag = x->tags.items[i];
        if (tag == SF_NER_O) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && sf__ner_tag_inside(x->tags.items[j]) &&
               sf__ner_tag_type(x->tags.items[j]) == sf__ner_tag_type(tag))
            j++;
        /* doc tokens of the views [i, j): an abbreviation's period and a
         * possessive stay with their word */
        size_t last = x->first.items[j - 1];
        if (last < e && d->toks.items[last].kind == SF_TOK_WORD && last + 1 < e && abbreviation(d, last)) last++;
        sf_name_span sp = {x->first.items[i], last + 1, TYPES[sf__ner_tag_type(tag)]};
        SF_TRY(SF_VEC_PUSH(out, sp));
        i = j;
    }
    join_person_parts(d, a, e, out, out0);
    return SF_OK;
}

/* Does token i hold a capital letter ("Raqqa", "al-Qaeda", "F-16")? */
static bool has_upper(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    for (size_t k = t->begin; k < t->end; k++)
        if (d->text[k] >= 'A' && d->text[k] <= 'Z') return true;
    return (unsigned char)d->text[t->begin] >= 0xC0 && (t->flags & SF_TOKF_CAPITAL);
}

static bool given_name_at(const sf_doc *d, size_t i);

/* A person's name the recognizer parted: a given name before it that it
 * read as something else ("Brent Bozell": Brent crude in its training
 * news) and a generational suffix after it ("Bozell III", "King Jr.",
 * which alone made an organization "III") are part of the name. Spans
 * [from, out->n) of tokens [a, e). */
static void join_person_parts(const sf_doc *d, size_t a, size_t e, sf_name_spanvec *out, size_t from) {
    static const char *const SUFFIX[] = {"jr", "sr", "ii", "iii", "iv", NULL};
    const size_t GONE = SIZE_MAX;
    for (size_t k = from; k < out->n; k++) {
        sf_name_span *sp = &out->items[k];
        if (sp->type != SF_ENT_PERSON || sp->tok_begin == GONE) continue;
        size_t g = sp->tok_begin;
        if (g > a && d->toks.items[g - 1].kind == SF_TOK_WORD && has_upper(d, g - 1) && given_name_at(d, g - 1)) {
            sf_name_span *pv = k > from ? &out->items[k - 1] : NULL;
            if (pv && pv->tok_begin != GONE && pv->tok_end == g && pv->tok_begin == g - 1) {
                pv->tok_begin = pv->tok_end = GONE;
                sp->tok_begin = g - 1;
            } else if (!pv || pv->tok_begin == GONE || pv->tok_end < g) {
                sp->tok_begin = g - 1;
            }
        }
        size_t t = sp->tok_end;
        if (t < e && d->toks.items[t].kind == SF_TOK_WORD && has_upper(d, t) && sf__tok_in(d, t, SUFFIX)) {
            size_t end = t + 1;
            if (end < e && abbreviation(d, t)) end++; /* "Jr." */
            sf_name_span *nx = k + 1 < out->n ? &out->items[k + 1] : NULL;
            if (nx && nx->tok_begin == t && nx->tok_end <= t + 2) { /* with its period */
                sp->tok_end = nx->tok_end;
                nx->tok_begin = nx->tok_end = GONE;
            } else if (!nx || nx->tok_begin >= end) {
                sp->tok_end = end;
            }
        }
    }
    size_t w = from;
    for (size_t k = from; k < out->n; k++)
        if (out->items[k].tok_begin != GONE) out->items[w++] = out->items[k];
    out->n = w;
}

/* "US-led", "UN-backed": an acronym glued to a lower-case word. */
static sf_status take_glued(const sf_doc *d, size_t s, size_t i, sf_mentionvec *out) {
    const sf_token *tk = &d->toks.items[i];
    if (tk->kind != SF_TOK_WORD || !(tk->flags & SF_TOKF_CAPITAL)) return SF_OK;
    size_t h = lower_hyphen(d->text, tk->begin, tk->end);
    if (!h || letters_of(d->text, tk->begin, h) < 2 || letters_of(d->text, tk->begin, h) > 4) return SF_OK;
    for (size_t k = tk->begin; k < h; k++)
        if (d->text[k] >= 'a' && d->text[k] <= 'z') return SF_OK;
    sf_mention m = {d->article, tk->begin, h, s, i, i + 1, SF_MENTION_ACRONYM, SF_ENT_UNKNOWN, SIZE_MAX};
    return SF_VEC_PUSH(out, m);
}

/* Apply the rules on top of the recognizer to the span [a, b) of sentence s
 * and emit what is left. */
/* People named as a group by faith, party, leaning or origin: plural
 * nouns written with a capital, no one entity (news vocabulary, not a data
 * set's). Singular forms ("Muslim", "Republican") are adjectives and go by
 * the demonym rule. */
static const char *const GROUP_NOUNS[] = {
    "muslims", "christians", "jews", "hindus", "buddhists", "sikhs", "catholics", "protestants",
    "evangelicals", "mormons", "republicans", "democrats", "conservatives", "liberals", "progressives",
    "independents", "libertarians", "socialists", "communists", "latinos", "latinas", "hispanics",
    "arabs", "kurds", "shiites", "sunnis", "africans", "asians", "europeans", "americans", NULL};

/* US states as party-and-state labels write them: postal codes and the
 * AP abbreviations ("R-Wis.", "D-Mass.", "R-Texas", "I-VT") */
static const char *const STATE_ABBR[] = {
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks",
    "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny",
    "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv",
    "wi", "wy", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ill", "ind", "kan",
    "kans", "mass", "mich", "minn", "miss", "mont", "neb", "nev", "okla", "ore", "penn", "tenn",
    "tex", "texas", "wash", "wis", "wisc", "wyo", "ohio", "iowa", "utah", "maine", "idaho",
    "alaska", "hawaii", NULL};

/* "R-Wis", "D-Mass", "I-VT" (the period is its own token): a party's letter,
 * a hyphen and a state */
static bool party_state(const sf_doc *d, size_t a, size_t b) {
    const sf_token *t = &d->toks.items[a];
    const char *p = d->text + t->begin;
    size_t n = t->end - t->begin;
    if (b - a > 2 || n < 4 || p[1] != '-' || !strchr("RDI", p[0])) return false;
    char w[16];
    size_t k = 0;
    for (size_t i = 2; i < n && k + 1 < sizeof w; i++) w[k++] = (char)tolower((unsigned char)p[i]);
    w[k] = '\0';
    for (size_t i = 0; STATE_ABBR[i]; i++)
        if (strcmp(STATE_ABBR[i], w) == 0) return true;
    return false;
}

/* Whether tokens [a, b) lie inside a party-and-state label written with
 * a dotted state ("R-N.Y.", "D-N.J.", "R-W.Va."), which the tokenizer
 * cuts at each period ("R-N", "Y."): a run of tokens with no space
 * between them, opening with a party's letter and a hyphen, whose letters
 * after the hyphen spell a state's abbreviation. */
static bool in_party_label(const sf_doc *d, size_t a, size_t b) {
    const sf_token *tk = d->toks.items;
    size_t s = a;
    while (s > 0 && a - s < 4 && tk[s - 1].end == tk[s].begin && tk[s - 1].kind != SF_TOK_PUNCT) s--;
    while (s > 0 && a - s < 4 && tk[s - 1].end == tk[s].begin &&
           !(tk[s].end - tk[s].begin >= 3 && d->text[tk[s].begin + 1] == '-'))
        s--;
    const char *p = d->text + tk[s].begin;
    if (tk[s].end - tk[s].begin < 3 || p[1] != '-' || !strchr("RDI", p[0])) return false;
    char w[16];
    size_t k = 0, e = s;
    for (size_t i = tk[s].begin + 2; i < tk[s].end && k + 1 < sizeof w; i++)
        if (isalpha((unsigned char)d->text[i])) w[k++] = (char)tolower((unsigned char)d->text[i]);
    while (e + 1 < d->toks.n && e + 1 - s < 6 && tk[e].end == tk[e + 1].begin &&
           (d->text[tk[e + 1].begin] == '.' || isalpha((unsigned char)d->text[tk[e + 1].begin]))) {
        e++;
        for (size_t i = tk[e].begin; i < tk[e].end && k + 1 < sizeof w; i++)
            if (isalpha((unsigned char)d->text[i])) w[k++] = (char)tolower((unsigned char)d->text[i]);
    }
    w[k] = '\0';
    if (b > e + 1 || e == s) return false;
    if (strcmp(w, "wva") == 0) return true;
    for (size_t i = 0; STATE_ABBR[i]; i++)
        if (strcmp(STATE_ABBR[i], w) == 0) return true;
    return false;
}

/* Whether tokens [a, b) are only a company's legal form ("S.A.", "Inc.",
 * "GmbH", "N.V."), which ends a name and never stands alone as one:
 * "Nestlé S.A." cut before its suffix leaves no name in "S.A." (it was
 * taken as the acronym of another company in the story). Two letters
 * count only with their periods ("SA" may be South Africa) or as "AG";
 * "SPA" is an acronym as often as "S.p.A.". */
static bool legal_form_alone(const sf_doc *d, size_t a, size_t b) {
    static const char *const FORMS[] = {"inc", "ltd", "plc", "gmbh", "llc", "corp", "llp", "pty", "srl",
                                        "oyj", "ag", NULL};
    static const char *const DOTTED[] = {"sa", "nv", "bv", "ag", "se", "ab", NULL};
    if (b - a > 4) return false;
    char w[16];
    size_t k = 0, dots = 0;
    for (size_t t = a; t < b; t++)
        for (size_t i = d->toks.items[t].begin; i < d->toks.items[t].end; i++) {
            unsigned char ch = (unsigned char)d->text[i];
            if (ch == '.') dots++;
            else if (isalpha(ch) && k + 1 < sizeof w) w[k++] = (char)tolower(ch);
            else return false;
        }
    w[k] = '\0';
    for (size_t i = 0; FORMS[i]; i++)
        if (strcmp(FORMS[i], w) == 0) return true;
    for (size_t i = 0; DOTTED[i] && dots >= 1 && k == 2; i++)
        if (strcmp(DOTTED[i], w) == 0) return true;
    return false;
}

/* (entity.h) */
bool sf__party_label(const sf_doc *d, size_t a, size_t b) {
    return a < b && (party_state(d, a, b) || in_party_label(d, a, b));
}

/* Offices a name never ends in but a description of its holder does
 * ("Conservative MP", "Health Secretary", "Labour leader", "U.S.
 * Attorney"): English puts the head noun last, so a capitalized run
 * ending in one names the office, not someone or something. Occupations
 * that name publications ("The Economist", "Hollywood Reporter") and
 * royal titles that are surnames ("Stephen King") are not in it. */
static const char *const OFFICE_HEAD[] = {
    "president", "minister", "secretary", "senator", "governor", "mayor", "premier", "chancellor",
    "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
    "director", "commissioner", "attorney", "judge", "representative", "congressman",
    "congresswoman", "mp", "leader", "chief", "deputy", "vice", "official", "officer", "commander",
    NULL};

/* Whether tokens [a, b) describe an office: the last word heads an
 * office (OFFICE_HEAD), or the run is a title's abbreviation alone
 * ("Sen."); not a name that opens with a given name ("John Chancellor")
 * nor one with "of" or "for" in it ("Office of the President" is a body). */
static bool office_description(const sf_doc *d, size_t a, size_t b) {
    size_t last = b - 1;
    if (last > a && d->text[d->toks.items[last].begin] == '.' && sf__tok_in(d, last - 1, TITLE_ABBR))
        return b - a == 2;
    if (!sf__tok_in(d, last, OFFICE_HEAD)) return false;
    for (size_t t = a; t < last; t++)
        if (sf__tok_is(d, t, "of") || sf__tok_is(d, t, "for")) return false;
    char w[64];
    size_t n = b - a >= 2 ? tok_fold(d, a, w, sizeof w) : 0;
    return !(n && sf__given_name(w, n));
}

/* Whether sentence s is a line written in title case, as headings, menus
 * and other page furniture are ("Which Method Is Best for You?", "Annual
 * Subscription", "Scrape Google With Python"): two to twelve words, no
 * number, every word capitalized but the small words headline style keeps
 * in lower case, and not every word in capitals (a shouted line is another
 * matter). A capital letter there is the line's style, no sign of a name;
 * the resolver keeps a name of such a line only when something else shows
 * it is one (sf__resolve_entities). */
static bool title_case_line(const sf_doc *d, size_t s) {
    static const char *const SMALL[] = {"a",  "an", "the", "and",  "or",   "nor", "but", "of", "for", "to",
                                        "in", "on", "at",  "by",   "with", "from", "as", "vs", "via", "per", NULL};
    size_t words = 0;
    bool mixed = false;
    for (size_t i = d->sent_tok[s]; i < d->sent_tok[s + 1]; i++) {
        const sf_token *t = &d->toks.items[i];
        if (t->kind == SF_TOK_NUMBER) return false;
        if (t->kind != SF_TOK_WORD) continue;
        words++;
        if (t->flags & (SF_TOKF_ALLCAPS | SF_TOKF_CAPITAL)) {
            for (size_t k = t->begin; k < t->end && !mixed; k++) mixed = d->text[k] >= 'a' && d->text[k] <= 'z';
        } else if (!sf__tok_in(d, i, SMALL))
            return false;
    }
    return words >= 2 && words <= 12 && mixed;
}

/* Whether sentence s reads as a heading: an English line in title case
 * (title_case_line) that holds a capitalized function word other than a
 * leading "The" or a byline's "By" ("Which Method Is Best for You?",
 * "Scrape Google With Python") or a capitalized word the recognizer put in
 * no name, other than a label before a colon ("Germinating | Lemon Seeds";
 * not "Illustration: Lazaro Gamio"; not in a list parted by commas, where
 * the recognizer may miss a name: "Given, Breen, Staunton"). A line of
 * names alone ("Altrincham and Sale West", a byline "Larisa Sayenko") is
 * an entry of a list, not a heading. `spans` are the recognizer's names of the sentence's chain. */
static bool heading_line(const sf_doc *d, size_t s, const sf_name_spanvec *spans) {
    if (!sf__lang_is_english(d->lang) || !title_case_line(d, s)) return false;
    bool first = true, list = false, stop = false, small = false;
    for (size_t i = d->sent_tok[s]; i < d->sent_tok[s + 1]; i++) {
        const sf_token *t = &d->toks.items[i];
        list |= t->kind == SF_TOK_PUNCT && (d->text[t->begin] == ',' || d->text[t->begin] == ';');
        stop = t->kind == SF_TOK_PUNCT && (d->text[t->begin] == '.' || d->text[t->begin] == '!');
        small |= t->kind == SF_TOK_WORD && !(t->flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS));
    }
    /* a sentence with a full stop and a small word in lower case reads as
     * prose ("Follow The Gleaner on Twitter and Instagram."), unlike a
     * reference's "J Am Acad Dermatol." */
    if (stop && small) return false;
    for (size_t i = d->sent_tok[s]; i < d->sent_tok[s + 1]; i++) {
        const sf_token *t = &d->toks.items[i];
        if (t->kind != SF_TOK_WORD) continue;
        bool lead = first;
        first = false;
        if (!(t->flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS))) continue;
        char w[32];
        size_t n = tok_fold(d, i, w, sizeof w);
        /* the first word of a sentence ending in a full stop is capitalized
         * by the sentence ("There's Kent Humphrey.") */
        if (lead && stop) continue;
        if (n && sf__is_stopword("en", w, n) && !(lead && (sf__tok_is(d, i, "the") || sf__tok_is(d, i, "by"))))
            return true;
        /* a label before a colon ("Illustration: Lazaro Gamio") */
        if (i + 1 < d->toks.n && d->text[d->toks.items[i + 1].begin] == ':') continue;
        bool named = false;
        for (size_t k = 0; k < spans->n && !named; k++) named = spans->items[k].tok_begin <= i && i < spans->items[k].tok_end;
        if (!named && !list) return true;
    }
    return false;
}

/* Whether no word comes before token a in sentence s: only quotes,
 * numbers and marks ("2.", "-", "*") of a list's item. */
static bool only_marks_before(const sf_doc *d, size_t s, size_t a) {
    for (size_t i = d->sent_tok[s]; i < a; i++)
        if (d->toks.items[i].kind == SF_TOK_WORD) return false;
    return true;
}

/* Whether token i is a given name ("Richard the Lionheart", "Catherine
 * the Great" open sentences with a name before "the"). */
static bool given_name_at(const sf_doc *d, size_t i) {
    char w[64];
    size_t n = tok_fold(d, i, w, sizeof w);
    return n && sf__given_name(w, n);
}

/* Words that follow a verb in the imperative and never a name: an
 * article, a possessive or an object pronoun ("Place the seeds", "Gather
 * your tools", "Keep them moist"). A capitalized word opening a sentence
 * before one of them is the verb, not a name, unless it is a given name. */
static const char *const AFTER_IMPERATIVE[] = {"the",   "a",     "an",    "your", "our", "my", "their",
                                               "these", "those", "them",  "it",   NULL};

static sf_status take_span(const sf_doc *d, size_t s, size_t a, size_t b, sf_entity_type type, unsigned flags,
                           sf_mentionvec *out) {
    size_t first = d->sent_tok[s];
    while (first < d->sent_tok[s + 1] && is_quote_tok(d, first)) first++;
    /* a name starts and ends with a capitalized word ("YPG fighters",
     * "2.5km", "the Pentagon", "Monday") */
    while (a < b && (sf__tok_in(d, a, CALENDAR) || !has_upper(d, a))) a++;
    while (b > a && (sf__tok_in(d, b - 1, CALENDAR) || (!has_upper(d, b - 1) && !(b - 1 > a && abbreviation(d, b - 2)))))
        b--;
    /* not English: a function word that opens the sentence is capitalized
     * by its place, never the start of a name ("Die Dokumente", "Wenn Sie",
     * "Los manifestantes"; a "Los Angeles" opening a sentence loses its
     * "Los", which the mid-sentence mentions keep) */
    if (a < b && b - a >= 2 && a == first && opener(d, a)) {
        a++;
        while (a < b && !has_upper(d, a)) a++;
    }
    /* ... nor does one end it ("Bebidas No") */
    while (b > a + 1 && opener(d, b - 1)) {
        b--;
        while (b > a && !has_upper(d, b - 1)) b--;
    }
    if (a >= b) return SF_OK;
    /* "Said Atlanta homicide commander Lt. Tony Biello.": a speech verb
     * opening the sentence, capitalized by its place, is no part of the
     * name after it */
    if (b - a >= 2 && a == first && sf__lang_is_english(d->lang) && sf__tok_in(d, a, sf__speech_verbs)) {
        a++;
        type = SF_ENT_UNKNOWN; /* the recognizer typed the span with the verb */
        while (a < b && !has_upper(d, a)) a++;
        if (a >= b) return SF_OK;
    }
    /* "Raqqa's Old City" is two names: the possessor, typed by its other
     * mentions, and what it owns ("People's Daily" stays one) */
    static const char *const GROUP_OWNERS[] = {"people's", "children's", "women's", "men's", "workers'",
                                               "workers's", "veterans'", NULL};
    for (size_t k = a; k + 1 < b; k++)
        if (possessive_len(d->text, d->toks.items[k].begin, d->toks.items[k].end) && !sf__tok_in(d, k, GROUP_OWNERS)) {
            SF_TRY(take_span(d, s, a, k + 1, SF_ENT_UNKNOWN, flags, out));
            return take_span(d, s, k + 1, b, type, flags, out);
        }
    /* "New Jersey Gov. Chris Christie", "FBI Director James Comey": a
     * personal title inside a name parts what the person heads or comes
     * from (typed by its other mentions) from the person, whose name of
     * capitalized words follows the title */
    if (sf__lang_is_english(d->lang))
        for (size_t k = a + 1; k + 1 < b; k++) {
            bool abbr = k + 2 < b && sf__tok_in(d, k, TITLE_ABBR) && d->text[d->toks.items[k + 1].begin] == '.';
            size_t name = abbr ? k + 2 : k + 1;
            /* "Martin Luther King Jr.", "Carole King": a royal or religious
             * title inside a name is often the name itself */
            static const char *const NAME_TITLES[] = {"king", "queen", "prince", "princess", "pope", "sultan",
                                                      "emir", "sheikh", "bishop", "cardinal", "lord", "lady",
                                                      "sir", "dame", NULL};
            if (sf__tok_in(d, k, NAME_TITLES)) continue;
            if (!(abbr || (sf__title_word(d, k) && has_upper(d, k))) || name >= b) continue;
            /* what follows must hold a name, not only a suffix ("Jr.") */
            static const char *const SUFFIX[] = {"jr", "sr", "ii", "iii", "iv", NULL};
            if (sf__tok_in(d, name, SUFFIX)) continue;
            /* particles inside a surname count ("Mayor Bill de Blasio",
             * "President Ursula von der Leyen"): not first, not last */
            static const char *const PARTICLES[] = {"de", "da", "di", "du", "del", "della", "der", "den", "van",
                                                    "von", "la", "le", "bin", "ibn", "al", "el", "dos", "das", NULL};
            bool capitalized = true;
            for (size_t t = name; t < b && capitalized; t++)
                capitalized = has_upper(d, t) || d->toks.items[t].kind == SF_TOK_PUNCT ||
                              (t > name && t + 1 < b && sf__tok_in(d, t, PARTICLES));
            if (!capitalized) continue;
            /* what stands before is a name of its own only when it does not
             * end in a word of the office ("House Majority Leader", "Deputy
             * Director", "Democratic Rep."): then it is the office */
            static const char *const OFFICE_PART[] = {
                "majority", "minority", "executive", "assistant", "associate", "senior", "acting",
                "former", "deputy", "vice", "chief", "general", "national", "democratic", "republican",
                "gop", "u.s", "us", "then", "party", NULL};
            size_t last = k - 1;
            if (last > a && d->toks.items[last].kind == SF_TOK_PUNCT) last--;
            if (!sf__tok_in(d, last, OFFICE_PART) && !sf__title_word(d, last) &&
                !(last > a && sf__tok_in(d, last, TITLE_ABBR)))
                SF_TRY(take_span(d, s, a, k, SF_ENT_UNKNOWN, flags, out));
            return take_span(d, s, k, b, SF_ENT_PERSON, flags, out);
        }
    /* "US-led": only the acronym is a name */
    if (b - a == 1 && lower_hyphen(d->text, d->toks.items[a].begin, d->toks.items[a].end))
        return take_glued(d, s, a, out);
    /* the last word of a longer name says what it is ("Euphrates River",
     * "Elite Forces"), and so do St., Mount, Fort before a name that is
     * not a person's */
    static const char *const PLACE_FIRST[] = {"st", "mt", "ft", "mount", "fort", "cape", "lake", NULL};
    if (b - a >= 2 && sf__tok_in(d, b - 1, ORG_WORDS)) type = SF_ENT_ORG;
    else if (b - a >= 2 && sf__tok_in(d, b - 1, PLACE_WORDS)) type = SF_ENT_PLACE;
    else if (b - a >= 2 && type != SF_ENT_PERSON && sf__tok_in(d, a, PLACE_FIRST)) type = SF_ENT_PLACE;
    if (a == first) flags |= SF_MENTION_INITIAL;
    /* an abbreviated personal title or an office abroad before two or more
     * words ("Gen. Francisco Franco", "Tanaiste Leo Varadkar") makes the
     * name a person's, whatever the other evidence */
    if ((b - a >= 3 && sf__tok_in(d, a, TITLE_ABBR) && d->text[d->toks.items[a + 1].begin] == '.') ||
        (b - a >= 3 && sf__tok_in(d, a, OFFICE_ABROAD)))
        type = SF_ENT_PERSON;
    /* a personal title is not part of a person's name */
    if (type == SF_ENT_PERSON) {
        for (;;) {
            if (b - a >= 3 && sf__tok_in(d, a, TITLE_ABBR) && d->text[d->toks.items[a + 1].begin] == '.') a += 2;
            else if (b - a >= 2 && sf__title_word(d, a)) a++;
            else break;
            flags |= SF_MENTION_TITLED;
        }
    }
    /* "Duke of Edinburgh", "Duchess of Sussex": a noble title of a place
     * names the person who holds it (typed after the titles are cut, so
     * "Prince of Wales" keeps its "Prince") */
    static const char *const NOBLE[] = {"duke", "duchess", "prince", "princess", "earl", "countess", "baron",
                                        "baroness", "marquess", "viscount", "emperor", "empress", NULL};
    if (b - a == 3 && sf__lang_is_english(d->lang) && sf__tok_in(d, a, NOBLE) && sf__tok_is(d, a + 1, "of") &&
        has_upper(d, a + 2))
        type = SF_ENT_PERSON;
    if (!sf__lang_is_english(d->lang)) {
        /* titles and offices of the article's language ("Bundeskanzler Olaf
         * Scholz", "presidente Pedro Sánchez"), whatever the recognizer's
         * type, and a given name as the first of two or more words */
        while (b - a >= 2 && lang_title(d, a)) {
            a++;
            if (a < b && d->text[d->toks.items[a].begin] == '.') a++;
            flags |= SF_MENTION_TITLED;
        }
        /* an office after a description ("Hamburger Datenschutzbeauftragte
         * Johannes Caspar"): the name starts after the office */
        for (size_t t = b >= 2 ? b - 2 : 0; b - a >= 3 && t > a; t--)
            if (lang_title(d, t)) {
                a = t + 1;
                flags |= SF_MENTION_TITLED;
                break;
            }
        while (a < b && !has_upper(d, a)) a++;
        if (a >= b) return SF_OK;
        size_t p = a;
        if (p > d->sent_tok[s] && d->text[d->toks.items[p - 1].begin] == '.') p--;
        if (p > d->sent_tok[s] && lang_title(d, p - 1)) flags |= SF_MENTION_TITLED;
        char w[64];
        size_t n = b - a >= 2 ? tok_fold(d, a, w, sizeof w) : 0;
        if (n && sf__given_name(w, n) && d->toks.items[a + 1].kind == SF_TOK_WORD) flags |= SF_MENTION_GIVEN;
    }
    if (!(flags & SF_MENTION_TITLED) && a > d->sent_tok[s]) {
        size_t p = a;
        if (d->text[d->toks.items[p - 1].begin] == '.' && p - 1 > d->sent_tok[s] && sf__tok_in(d, p - 2, TITLE_ABBR))
            flags |= SF_MENTION_TITLED;
        else if (sf__title_word(d, p - 1))
            flags |= SF_MENTION_TITLED;
    }
    /* a sentence-initial function word or title is not a name (one-word
     * "other" names, mostly demonyms, are dropped by sf__resolve_entities
     * unless the story also writes the word as another kind of name) */
    if (b - a == 1 && flags & SF_MENTION_INITIAL && sf__lang_is_english(d->lang) && opening_adverb(d, a)) return SF_OK;
    /* a discourse word opening a sentence, or before a comma or a stop */
    if (b - a == 1 && sf__lang_is_english(d->lang) && sf__tok_in(d, a, DISCOURSE) &&
        (flags & SF_MENTION_INITIAL || (b < d->toks.n && d->toks.items[b].kind == SF_TOK_PUNCT)))
        return SF_OK;
    /* a verb in the imperative opening a sentence or a numbered step
     * ("Place the seeds", "2. Gather your tools") */
    if (b - a == 1 && only_marks_before(d, s, a) && sf__lang_is_english(d->lang) &&
        !(d->toks.items[a].flags & SF_TOKF_ALLCAPS) && b < d->sent_tok[s + 1] && sf__tok_in(d, b, AFTER_IMPERATIVE) &&
        !given_name_at(d, a))
        return SF_OK;
    if (b - a == 1 && (is_stop(d, a) || (flags & SF_MENTION_INITIAL && sf__title_word(d, a)) ||
                       (!sf__lang_is_english(d->lang) && lang_title(d, a))))
        return SF_OK;
    /* a title's abbreviation alone ("Sens.", "Reps."), a group of people
     * named by faith, party or origin ("Muslims", "Republicans"), and a
     * party-and-state label ("R-Wis.", "D-Mass.") name no one entity */
    static const char *const PLURAL_TITLES[] = {"sens", "reps", NULL};
    if (b - a == 1 && (sf__tok_in(d, a, TITLE_ABBR) || sf__tok_in(d, a, PLURAL_TITLES) || sf__tok_in(d, a, GROUP_NOUNS)))
        return SF_OK;
    if (sf__lang_is_english(d->lang) && sf__party_label(d, a, b)) return SF_OK;
    if (legal_form_alone(d, a, b)) return SF_OK;
    /* far longer than any name: a shouted headline or a table */
    size_t words = 0;
    for (size_t i = a; i < b; i++) words += d->toks.items[i].kind == SF_TOK_WORD;
    if (words > SF_MENTION_MAX_WORDS) return SF_OK;
    if (sf__lang_is_english(d->lang) && office_description(d, a, b)) flags |= SF_MENTION_DESCRIPTION;
    /* one word opening its sentence that English writes in lower case only
     * ("Already, ...", "Malaria infection ..."), with no number after it (a
     * results line: "Bury 4 Wrexham 1") nor a capitalized word (the rest of
     * a name the recognizer cut: "Radio Red quoted") */
    if (b - a == 1 && flags & SF_MENTION_INITIAL && sf__lang_is_english(d->lang) &&
        !(d->toks.items[a].flags & SF_TOKF_ALLCAPS) &&
        !(b < d->sent_tok[s + 1] && (has_upper(d, b) || d->toks.items[b].kind == SF_TOK_NUMBER))) {
        char w[64];
        size_t n = tok_fold(d, a, w, sizeof w);
        if (n && sf__english_lower_only(w, n)) flags |= SF_MENTION_COMMON;
    }
    return emit(d, s, a, b, flags, type, out);
}

/* Sentence of token i, searching forward from sentence s. */
static size_t sentence_of_tok(const sf_doc *d, size_t s, size_t i) {
    while (s + 1 < d->sents.n && d->sent_tok[s + 1] <= i) s++;
    return s;
}

/* "Kasich resisted: ...", "Hannity interjected: ...": a person's surname
 * opening a sentence, a verb after it, is a name the recognizer leaves
 * untagged at a sentence's start more often than inside one; it is taken
 * when the doc names that person in full elsewhere (the last word of a
 * person's name of two words or more, outside headings). Mentions [n0,
 * out->n) are the doc's, in text order; the new ones are merged into that
 * order. Linear: the surnames are hashed once. */
static sf_status take_opening_surnames(const sf_doc *d, size_t n0, sf_mentionvec *out) {
    size_t n = out->n;
    sf_map surnames;
    sf__map_init(&surnames);
    for (size_t j = n0; j < n; j++) {
        const sf_mention *m = &out->items[j];
        if (m->hint != SF_ENT_PERSON || m->tok_end - m->tok_begin < 2 || (m->flags & SF_MENTION_HEADING)) continue;
        const sf_token *l = &d->toks.items[m->tok_end - 1];
        uint64_t *slot = sf__map_slot(&surnames, sf__hash64(d->text + l->begin, l->end - l->begin, 11));
        if (!slot) {
            sf__map_release(&surnames);
            return SF_ERR_NOMEM;
        }
        *slot = 1;
    }
    sf_mentionvec add = {0};
    sf_status st = SF_OK;
    size_t k = n0; /* the first mention not ending before the sentence */
    for (size_t s = 0; s < d->sents.n && st == SF_OK && sf__map_count(&surnames); s++) {
        size_t a = d->sent_tok[s];
        while (a < d->sent_tok[s + 1] && is_quote_tok(d, a)) a++;
        if (a + 1 >= d->sent_tok[s + 1] || d->toks.items[a].kind != SF_TOK_WORD ||
            !(d->toks.items[a].flags & SF_TOKF_CAPITAL) || !clause_verb(d, a + 1))
            continue;
        while (k < n && out->items[k].tok_end <= a) k++;
        if (k < n && out->items[k].tok_begin <= a) continue; /* a name there already */
        const sf_token *t = &d->toks.items[a];
        if (sf__map_find(&surnames, sf__hash64(d->text + t->begin, t->end - t->begin, 11)))
            st = take_span(d, s, a, a + 1, SF_ENT_PERSON, 0, &add);
    }
    sf__map_release(&surnames);
    if (st == SF_OK && add.n) {
        /* merge: both runs are in text order */
        st = SF_VEC_RESERVE(out, n + add.n);
        if (st == SF_OK) {
            size_t i = n, j = add.n, w = n + add.n;
            while (j > 0) {
                if (i > n0 && out->items[i - 1].tok_begin > add.items[j - 1].tok_begin) out->items[--w] = out->items[--i];
                else out->items[--w] = add.items[--j];
            }
            out->n = n + add.n;
        }
    }
    SF_VEC_FREE(&add);
    return st;
}

sf_status sf__find_mentions(const sf_doc *d, sf_mentionvec *out) {
    size_t n0 = out->n;
    sf_ner_scratch x = {0};
    sf_name_spanvec spans = {0};
    sf_status st = SF_OK;
    for (size_t s0 = 0, s1; s0 < d->sents.n && st == SF_OK; s0 = s1) {
        /* sentences the splitter cut at an abbreviation are tagged as one
         * ("St. | Petersburg") */
        s1 = sf__ner_chain_end(d, s0);
        spans.n = 0;
        st = tag_range(d, d->sent_tok[s0], d->sent_tok[s1], &x, &spans);
        /* the last word of a longer name says what it is ("Elite Forces"),
         * before pieces are joined */
        for (size_t k = 0; k < spans.n; k++) {
            sf_name_span *sp = &spans.items[k];
            if (sp->tok_end - sp->tok_begin < 2) continue;
            if (sf__tok_in(d, sp->tok_end - 1, ORG_WORDS)) sp->type = SF_ENT_ORG;
            else if (sf__tok_in(d, sp->tok_end - 1, PLACE_WORDS)) sp->type = SF_ENT_PLACE;
        }
        size_t next = 0; /* glued acronyms between the spans */
        for (size_t k = 0; k <= spans.n && st == SF_OK; k++) {
            size_t until = k < spans.n ? spans.items[k].tok_begin : d->sent_tok[s1];
            for (size_t i = SF_MAX(next, d->sent_tok[s0]); i < until && st == SF_OK; i++)
                st = take_glued(d, sentence_of_tok(d, s0, i), i, out);
            if (k == spans.n || st != SF_OK) break;
            sf_name_span sp = spans.items[k];
            /* "Mohammed | Khaled Shaker": two people's names side by side
             * without a comma are one name the greedy tagger split */
            while (k + 1 < spans.n && spans.items[k + 1].tok_begin == sp.tok_end && sp.type == SF_ENT_PERSON &&
                   spans.items[k + 1].type == SF_ENT_PERSON) {
                sp.tok_end = spans.items[k + 1].tok_end;
                k++;
            }
            /* "Syrian | Democratic Forces", "Kurdish | Workers' Party": a
             * demonym or name glued to a name the recognizer split, when the
             * whole ends in a word of organizations or places or the first
             * piece is one word (then the second piece says the type) */
            while (k + 1 < spans.n && spans.items[k + 1].tok_begin == sp.tok_end &&
                   sp.type != SF_ENT_PERSON && spans.items[k + 1].type != SF_ENT_PERSON) {
                size_t e = spans.items[k + 1].tok_end;
                if (sf__tok_in(d, e - 1, ORG_WORDS)) sp.type = SF_ENT_ORG;
                else if (sf__tok_in(d, e - 1, PLACE_WORDS)) sp.type = SF_ENT_PLACE;
                else if (sp.tok_end - sp.tok_begin == 1) sp.type = spans.items[k + 1].type;
                else break;
                sp.tok_end = e;
                k++;
            }
            /* "Syrian Observatory | for | Human Rights", "University | of |
             * Texas": an organization's word, then of/for and a name */
            while (k + 1 < spans.n && spans.items[k + 1].tok_begin == sp.tok_end + 1 &&
                   sf__tok_in(d, sp.tok_end - 1, ORG_WORDS) && spans.items[k + 1].type != SF_ENT_PERSON &&
                   (sf__tok_is(d, sp.tok_end, "of") || sf__tok_is(d, sp.tok_end, "for"))) {
                sp.tok_end = spans.items[k + 1].tok_end;
                sp.type = SF_ENT_ORG;
                k++;
            }
            size_t s = sentence_of_tok(d, s0, sp.tok_begin);
            unsigned flags = heading_line(d, s, &spans) ? SF_MENTION_HEADING : 0;
            st = take_span(d, s, sp.tok_begin, sp.tok_end, sp.type, flags, out);
            next = sp.tok_end;
        }
    }
    SF_VEC_FREE(&spans);
    sf__ner_scratch_release(&x);
    if (st == SF_OK && sf__lang_is_english(d->lang)) st = take_opening_surnames(d, n0, out);
    return st;
}

sf_entity_type sf__name_type_of(const sf_doc *d, size_t tok_begin, size_t tok_end) {
    if (tok_begin >= tok_end || tok_end > d->toks.n) return SF_ENT_UNKNOWN;
    size_t s = sf__doc_sentence_of(d, d->toks.items[tok_begin].begin);
    sf_ner_scratch x = {0};
    sf_name_spanvec spans = {0};
    sf_entity_type t = SF_ENT_UNKNOWN;
    if (sf__ner_tag_sentence(d, s, &x, &spans) == SF_OK)
        for (size_t k = 0; k < spans.n; k++)
            if (spans.items[k].tok_begin == tok_begin && spans.items[k].tok_end == tok_end) t = spans.items[k].type;
    SF_VEC_FREE(&spans);
    sf__ner_scratch_release(&x);
    return t;
}

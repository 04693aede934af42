/* mention.c - proper-name mentions from the shape of the text: runs of
 * capitalized words (with inner "of", "al", "bin" ...), acronyms, personal
 * titles before a name, and speech cues around it. Sentence-initial function
 * words, weekdays and months are not names; overlong capitalized runs are
 * dropped whole rather than guessed at. */
#include "entity.h"

static const char *const CONNECT[] = {"of", "for", "the", "de", "du", "al", "bin", "ibn", "van",
                                      "von", "der", "la", "le", "el", "da", "di", "y", NULL};
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
    "commissioner", "sir", "dame", "lord", "lady", "parasitologist", "scientist", NULL};
const char *const sf__speech_verbs[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "declared", "announced",
    "warned", "noted", "explained", "insisted", "claimed", "argued", "asserted", "acknowledged",
    "admitted", "confirmed", "denied", "wrote", "writes", "recalled", "urged", "predicted",
    "testified", "replied", "continued", "conceded", "contended", "maintained", "stressed",
    "emphasized", "complained", "suggested", "concluded", "observed", "remarked", "reported",
    "cautioned", NULL};
static const char *const PLACE_PREP[] = {"in", "at", "near", "from", "into", "across", "outside",
                                         "inside", "toward", "towards", NULL};
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
    "laboratory", "laboratories", "industries", "group's", "cabinet", "government", NULL};
static const char *const PLACE_WORDS[] = {
    "city", "river", "province", "county", "island", "islands", "mountain", "mountains",
    "valley", "sea", "ocean", "lake", "street", "square", "bay", "gulf", "desert", "region",
    "district", "peninsula", "strait", "canal", "village", "town", "coast", "airport",
    "avenue", "road", "bridge", "park", "basin", "heights", "plain", "plains", "state's", NULL};

static bool tok_cap(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    return t->kind == SF_TOK_WORD && (t->flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS));
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
    return sf__is_stopword("en", w, n);
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

static bool all_caps_sentence(const sf_doc *d, size_t a, size_t b) {
    size_t words = 0, caps = 0;
    for (size_t i = a; i < b; i++) {
        if (d->toks.items[i].kind != SF_TOK_WORD) continue;
        words++;
        caps += (d->toks.items[i].flags & SF_TOKF_ALLCAPS) != 0;
    }
    return words >= 5 && caps * 10 > words * 6;
}

static bool is_quote_tok(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->kind != SF_TOK_PUNCT) return false;
    unsigned char c = (unsigned char)d->text[t->begin];
    if (c == '"' || c == '\'' || c == '`' || c == '(' || c == '[') return true;
    return c == 0xE2 && t->end - t->begin >= 3; /* curly quotes and dashes */
}

static sf_status emit(const sf_doc *d, size_t s, size_t a, size_t b, unsigned flags,
                      sf_entity_type hint, sf_mentionvec *out) {
    const sf_token *ta = &d->toks.items[a], *tb = &d->toks.items[b - 1];
    size_t begin = ta->begin, end = tb->end;
    size_t pl = possessive_len(d->text, tb->begin, end);
    if (pl) {
        end -= pl;
        flags |= SF_MENTION_POSSESSIVE;
    }
    if (end <= begin) return SF_OK;
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
    if ((flags & SF_MENTION_SPEAKER) && hint == SF_ENT_UNKNOWN && b - a >= 2 && b - a <= 4 &&
        !(flags & SF_MENTION_PLACE_CUE))
        hint = SF_ENT_PERSON;
    sf_mention m = {d->article, begin, end, s, a, b, flags, hint, SIZE_MAX};
    return SF_VEC_PUSH(out, m);
}

/* Handle one capitalized run [a, b) of sentence s. */
static sf_status take_run(const sf_doc *d, size_t s, size_t a, size_t b, sf_mentionvec *out) {
    unsigned flags = 0;
    sf_entity_type hint = SF_ENT_UNKNOWN;
    size_t first = d->sent_tok[s];
    while (first < d->sent_tok[s + 1] && is_quote_tok(d, first)) first++;
    if (a == first) {
        flags |= SF_MENTION_INITIAL;
        while (a < b && is_stop(d, a)) a++;
    }
    /* leading "The", weekdays and months at either edge */
    while (a < b && (sf__tok_is(d, a, "the") || sf__tok_in(d, a, CALENDAR))) a++;
    while (b > a && (sf__tok_in(d, b - 1, CALENDAR) || sf__tok_in(d, b - 1, CONNECT))) b--;
    if (a >= b) return SF_OK;
    if (a != first) flags &= ~SF_MENTION_INITIAL;
    /* a title before the run ("Mr. X", "spokesman X") */
    size_t p = a;
    if (p > d->sent_tok[s] && d->text[d->toks.items[p - 1].begin] == '.' && p - 1 > d->sent_tok[s] &&
        sf__tok_in(d, p - 2, TITLE_ABBR))
        flags |= SF_MENTION_TITLED;
    else if (p > d->sent_tok[s] && sf__tok_in(d, p - 1, TITLE_WORD))
        flags |= SF_MENTION_TITLED;
    /* titles inside the run: "President Bill Clinton", "Canadian Secretary
     * of State Christine Stewart", "Attorney General Janet Reno": the name
     * is what follows the last title, when that is a short name */
    size_t t = a, after_title = SIZE_MAX;
    while (t < b) {
        if (sf__tok_in(d, t, TITLE_WORD)) {
            size_t u = t + 1;
            for (;;) {
                if (u < b && (sf__tok_in(d, u, TITLE_WORD) || sf__tok_is(d, u, "general"))) u++;
                else if (u + 1 < b && sf__tok_is(d, u, "of")) u += 2;
                else break;
            }
            after_title = u;
            t = u;
        } else {
            t++;
        }
    }
    if (after_title == b && (after_title == a + 1 || sf__tok_in(d, a, TITLE_WORD))) {
        return SF_OK; /* a title alone ("President") is not a name */
    } else if (after_title != SIZE_MAX && after_title < b && b - after_title <= 4) {
        a = after_title;
        flags |= SF_MENTION_TITLED;
    }
    if (flags & SF_MENTION_TITLED) hint = SF_ENT_PERSON;
    /* single words that are not names: stopwords, demonyms, titles */
    if (b - a == 1) {
        const sf_token *tk = &d->toks.items[a];
        size_t n = tk->end - tk->begin;
        if (is_stop(d, a)) return SF_OK;
        if (!(tk->flags & SF_TOKF_ALLCAPS) &&
            (sf__view_ends_with_nocase(sf__view(d->text + tk->begin, n), "ian") ||
             sf__view_ends_with_nocase(sf__view(d->text + tk->begin, n), "ish") ||
             sf__view_ends_with_nocase(sf__view(d->text + tk->begin, n), "ese") ||
             sf__view_ends_with_nocase(sf__view(d->text + tk->begin, n), "ians") ||
             sf__view_ends_with_nocase(sf__view(d->text + tk->begin, n), "ic")))
            return SF_OK;
    }
    /* an acronym closing a run of ordinary words is its own name
     * ("Kurdish YPG") */
    if (b - a >= 2 && (d->toks.items[b - 1].flags & SF_TOKF_ALLCAPS) &&
        !(d->toks.items[b - 2].flags & SF_TOKF_ALLCAPS)) {
        SF_TRY(take_run(d, s, a, b - 1, out));
        return emit(d, s, b - 1, b, 0, SF_ENT_UNKNOWN, out);
    }
    return emit(d, s, a, b, flags, hint, out);
}

sf_status sf__find_mentions(const sf_doc *d, sf_mentionvec *out) {
    for (size_t s = 0; s < d->sents.n; s++) {
        size_t a = d->sent_tok[s], e = d->sent_tok[s + 1];
        if (all_caps_sentence(d, a, e)) continue;
        size_t i = a;
        while (i < e) {
            if (!tok_cap(d, i)) {
                i++;
                continue;
            }
            /* "US-backed": the capitalized part before a lower-case suffix */
            const sf_token *tk = &d->toks.items[i];
            size_t h = lower_hyphen(d->text, tk->begin, tk->end);
            if (h) {
                if (letters_of(d->text, tk->begin, h) >= 2) {
                    unsigned fl = 0;
                    if (tk->flags & SF_TOKF_ALLCAPS || letters_of(d->text, tk->begin, h) <= 4) {
                        bool caps = true;
                        for (size_t k = tk->begin; k < h; k++)
                            if (d->text[k] >= 'a' && d->text[k] <= 'z') caps = false;
                        if (caps) fl |= SF_MENTION_ACRONYM;
                    }
                    bool demonym = sf__view_ends_with_nocase(sf__view(d->text + tk->begin, h - tk->begin), "ish") ||
                                   sf__view_ends_with_nocase(sf__view(d->text + tk->begin, h - tk->begin), "ian");
                    if (!demonym) {
                        sf_mention m = {d->article, tk->begin, h, s, i, i + 1, fl, SF_ENT_UNKNOWN, SIZE_MAX};
                        SF_TRY(SF_VEC_PUSH(out, m));
                    }
                }
                i++;
                continue;
            }
            size_t j = i + 1;
            for (;;) {
                if (j < e && tok_cap(d, j) && !lower_hyphen(d->text, d->toks.items[j].begin, d->toks.items[j].end) &&
                    d->toks.items[j - 1].end != d->toks.items[j].begin) {
                    j++;
                    continue;
                }
                /* connectors inside a name: "Organization of the Petroleum" */
                size_t k = j;
                while (k < e && k - j < 2 && sf__tok_in(d, k, CONNECT) &&
                       !(d->toks.items[k].flags & SF_TOKF_CAPITAL))
                    k++;
                if (k > j && k < e && tok_cap(d, k) &&
                    !lower_hyphen(d->text, d->toks.items[k].begin, d->toks.items[k].end)) {
                    j = k + 1;
                    continue;
                }
                break;
            }
            /* a possessive ends a name: "Raqqa's Old City" is two names */
            static const char *const GROUP_OWNERS[] = {"people's", "children's", "women's", "men's",
                                                       "workers'", "workers's", "veterans'", NULL};
            for (size_t k = i; k < j; k++)
                if (possessive_len(d->text, d->toks.items[k].begin, d->toks.items[k].end) && k + 1 < j &&
                    !sf__tok_in(d, k, GROUP_OWNERS)) {
                    SF_TRY(take_run(d, s, i, k + 1, out));
                    i = k + 1;
                }
            size_t words = 0;
            for (size_t k = i; k < j; k++) words += !sf__tok_in(d, k, CONNECT);
            if (words <= SF_MENTION_MAX_WORDS && i < j) SF_TRY(take_run(d, s, i, j, out));
            i = j;
        }
    }
    return SF_OK;
}

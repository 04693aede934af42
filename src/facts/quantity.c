/* quantity.c - amounts in news sentences: a number (digits or words) with
 * its scale ("2 million"), unit ("2.5km", "2,500-meter", "$5", "12%"),
 * qualifier ("up to", "more than", "about") and what it counts or measures,
 * normalized to a base unit; vague amounts ("tens of thousands", "a few
 * hundred") become ranges. The unit table is hand-written: it is small, and
 * ICU's MeasureUnit parses identifiers, not news prose. */
#include "facts.h"

#include "../summarize/summarize.h" /* sf__dateline_length */

#include <math.h>

typedef struct unit_def {
    const char *name;
    const char *base;
    const char *attribute;
    double factor;
} unit_def;

static const unit_def UNITS[] = {
    {"km", "m", "length", 1000}, {"kms", "m", "length", 1000},
    {"kilometer", "m", "length", 1000}, {"kilometers", "m", "length", 1000},
    {"kilometre", "m", "length", 1000}, {"kilometres", "m", "length", 1000},
    {"m", "m", "length", 1}, {"meter", "m", "length", 1}, {"meters", "m", "length", 1},
    {"metre", "m", "length", 1}, {"metres", "m", "length", 1},
    {"cm", "m", "length", 0.01}, {"centimeter", "m", "length", 0.01},
    {"centimeters", "m", "length", 0.01}, {"centimetre", "m", "length", 0.01},
    {"centimetres", "m", "length", 0.01}, {"mm", "m", "length", 0.001},
    {"millimeter", "m", "length", 0.001}, {"millimeters", "m", "length", 0.001},
    {"millimetre", "m", "length", 0.001}, {"millimetres", "m", "length", 0.001},
    {"mile", "m", "length", 1609.344}, {"miles", "m", "length", 1609.344},
    {"ft", "m", "length", 0.3048}, {"foot", "m", "length", 0.3048}, {"feet", "m", "length", 0.3048},
    {"yard", "m", "length", 0.9144}, {"yards", "m", "length", 0.9144},
    {"inch", "m", "length", 0.0254}, {"inches", "m", "length", 0.0254},
    {"hectare", "m2", "area", 1e4}, {"hectares", "m2", "area", 1e4}, {"ha", "m2", "area", 1e4},
    {"acre", "m2", "area", 4046.8564224}, {"acres", "m2", "area", 4046.8564224},
    {"km2", "m2", "area", 1e6},
    {"kg", "kg", "mass", 1}, {"kilogram", "kg", "mass", 1}, {"kilograms", "kg", "mass", 1},
    {"kilo", "kg", "mass", 1}, {"kilos", "kg", "mass", 1}, {"g", "kg", "mass", 0.001},
    {"gram", "kg", "mass", 0.001}, {"grams", "kg", "mass", 0.001},
    {"tonne", "kg", "mass", 1000}, {"tonnes", "kg", "mass", 1000}, {"ton", "kg", "mass", 1000},
    {"tons", "kg", "mass", 1000}, {"lb", "kg", "mass", 0.45359237}, {"lbs", "kg", "mass", 0.45359237},
    {"pound", "kg", "mass", 0.45359237}, {"pounds", "kg", "mass", 0.45359237},
    {"ounce", "kg", "mass", 0.028349523125}, {"ounces", "kg", "mass", 0.028349523125},
    {"oz", "kg", "mass", 0.028349523125},
    {"liter", "l", "volume", 1}, {"liters", "l", "volume", 1}, {"litre", "l", "volume", 1},
    {"litres", "l", "volume", 1}, {"gallon", "l", "volume", 3.785411784},
    {"gallons", "l", "volume", 3.785411784}, {"barrel", "l", "volume", 158.987294928},
    {"barrels", "l", "volume", 158.987294928},
    {"second", "s", "duration", 1}, {"seconds", "s", "duration", 1},
    {"minute", "s", "duration", 60}, {"minutes", "s", "duration", 60},
    {"hour", "s", "duration", 3600}, {"hours", "s", "duration", 3600},
    {"day", "s", "duration", 86400}, {"days", "s", "duration", 86400},
    {"week", "s", "duration", 604800}, {"weeks", "s", "duration", 604800},
    {"month", "s", "duration", 2629800}, {"months", "s", "duration", 2629800},
    {"year", "s", "duration", 31557600}, {"years", "s", "duration", 31557600},
    {"decade", "s", "duration", 315576000}, {"decades", "s", "duration", 315576000},
    {"century", "s", "duration", 3155760000.0}, {"centuries", "s", "duration", 3155760000.0},
    {"mph", "m/s", "speed", 0.44704}, {"kph", "m/s", "speed", 1 / 3.6},
    {"percent", "%", "share", 1}, {"pct", "%", "share", 1}, {"%", "%", "share", 1},
    {"dollar", "USD", "amount", 1}, {"dollars", "USD", "amount", 1},
    {"euro", "EUR", "amount", 1}, {"euros", "EUR", "amount", 1},
    {"yen", "JPY", "amount", 1}, {"yuan", "CNY", "amount", 1},
    {"rupee", "INR", "amount", 1}, {"rupees", "INR", "amount", 1},
    {"peso", "MXN", "amount", 1}, {"pesos", "MXN", "amount", 1},
    {"ruble", "RUB", "amount", 1}, {"rubles", "RUB", "amount", 1},
    {"franc", "CHF", "amount", 1}, {"francs", "CHF", "amount", 1},
    {"$", "USD", "amount", 1}, {"\xe2\x82\xac", "EUR", "amount", 1}, {"\xc2\xa3", "GBP", "amount", 1},
    {"\xc2\xa5", "JPY", "amount", 1},
    {"dlrs", "USD", "amount", 1}, {"dlr", "USD", "amount", 1}, {"usd", "USD", "amount", 1},
    {"eur", "EUR", "amount", 1}, {"gbp", "GBP", "amount", 1}, {"us$", "USD", "amount", 1},
    {"sterling", "GBP", "amount", 1},
    /* the same units in German, French, Spanish and Portuguese (the languages
     * with stopword lists), so that "460 kilómetros" is a length and not a
     * count of kilometres; words that are also English words ("metro",
     * "real") are left out */
    {"kilómetros", "m", "length", 1000}, {"kilometros", "m", "length", 1000},
    {"kilómetro", "m", "length", 1000}, {"kilomètres", "m", "length", 1000},
    {"kilomètre", "m", "length", 1000}, {"quilômetros", "m", "length", 1000},
    {"quilómetros", "m", "length", 1000}, {"kilometern", "m", "length", 1000},
    {"metros", "m", "length", 1}, {"mètres", "m", "length", 1}, {"metern", "m", "length", 1},
    {"toneladas", "kg", "mass", 1000}, {"tonnen", "kg", "mass", 1000},
    {"kilogramos", "kg", "mass", 1}, {"quilos", "kg", "mass", 1},
    {"litros", "l", "volume", 1},
    {"segundos", "s", "duration", 1}, {"sekunden", "s", "duration", 1},
    {"minutos", "s", "duration", 60}, {"minuten", "s", "duration", 60},
    {"horas", "s", "duration", 3600}, {"heures", "s", "duration", 3600},
    {"stunden", "s", "duration", 3600},
    {"días", "s", "duration", 86400}, {"dias", "s", "duration", 86400},
    {"jours", "s", "duration", 86400}, {"tage", "s", "duration", 86400},
    {"tagen", "s", "duration", 86400},
    {"semanas", "s", "duration", 604800}, {"semaines", "s", "duration", 604800},
    {"wochen", "s", "duration", 604800},
    {"meses", "s", "duration", 2629800}, {"mois", "s", "duration", 2629800},
    {"monate", "s", "duration", 2629800}, {"monaten", "s", "duration", 2629800},
    {"años", "s", "duration", 31557600}, {"anos", "s", "duration", 31557600},
    {"ans", "s", "duration", 31557600}, {"jahre", "s", "duration", 31557600},
    {"jahren", "s", "duration", 31557600},
    {"prozent", "%", "share", 1},
    {"dólares", "USD", "amount", 1}, {"dolares", "USD", "amount", 1},
    {"dólar", "USD", "amount", 1}, {"franken", "CHF", "amount", 1},
};

/* ASCII letter folded to lower case (the first-byte test of the look-ups
 * below: every token is looked up, and most differ at the first byte) */
static unsigned char fold1(char c) { return (unsigned char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c); }

static const unit_def *unit_find(const char *s, size_t n) {
    if (n == 0 || n > 16) return NULL;
    unsigned char c0 = fold1(s[0]);
    for (size_t i = 0; i < SF_ARRAY_LEN(UNITS); i++)
        if (fold1(UNITS[i].name[0]) == c0 && strlen(UNITS[i].name) == n &&
            sf__view_eq_nocase(sf__view(s, n), sf__view_cstr(UNITS[i].name)))
            return &UNITS[i];
    return NULL;
}

static const struct { const char *w; double v; } WORDNUM[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
    {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50},
    {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90}, {"dozen", 12},
    /* only after "a" ("a hundred people", "a quarter mile"); fractions only
     * before a unit */
    {"hundred", 100}, {"thousand", 1000}, {"quarter", 0.25}, {"half", 0.5},
};

/* Value of a number word, or of "twenty-five"; 0 when it is not one. */
static double word_number(const char *s, size_t n) {
    if (n == 0) return 0;
    unsigned char c0 = fold1(s[0]);
    for (size_t i = 0; i < SF_ARRAY_LEN(WORDNUM); i++)
        if ((unsigned char)WORDNUM[i].w[0] == c0 && strlen(WORDNUM[i].w) == n &&
            sf__view_eq_nocase(sf__view(s, n), sf__view_cstr(WORDNUM[i].w)))
            return WORDNUM[i].v;
    const char *h = memchr(s, '-', n);
    if (h) {
        double a = word_number(s, (size_t)(h - s)), b = word_number(h + 1, n - (size_t)(h - s) - 1);
        if (a >= 20 && b > 0 && b < 10) return a + b;
    }
    return 0;
}

static double scale_word(const sf_doc *d, size_t i) {
    if (sf__tok_is(d, i, "hundred")) return 1e2;
    if (sf__tok_is(d, i, "thousand")) return 1e3;
    if (sf__tok_is(d, i, "million") || sf__tok_is(d, i, "mln") || sf__tok_is(d, i, "mn")) return 1e6;
    if (sf__tok_is(d, i, "billion") || sf__tok_is(d, i, "bn") || sf__tok_is(d, i, "bln")) return 1e9;
    /* the same after a number in German, French, Spanish, Portuguese
     * ("3 Millionen", "2 millones"; "billones" is 1e12 and left out) */
    if (strcmp(d->lang, "en") != 0) {
        static const char *const MILLION[] = {"millionen", "mio", "millones", "millón", "millions",
                                              "milhões", "milhão", NULL};
        static const char *const BILLION[] = {"milliarden", "milliarde", "mrd", "milliards",
                                              "milliard", "bilhões", "bilhão", NULL};
        if (sf__tok_in(d, i, MILLION)) return 1e6;
        if (sf__tok_in(d, i, BILLION)) return 1e9;
    }
    if (sf__tok_is(d, i, "trillion")) return 1e12;
    return 0;
}

static const char *const A_NUMBERS[] = {"dozen", "hundred", "thousand", "quarter", NULL};
static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december",
                                     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                                     "sept", "oct", "nov", "dec", NULL};
bool sf__month_word(const sf_doc *d, size_t i) { return sf__tok_in(d, i, MONTHS); }
static const char *const YEAR_PREP[] = {"in", "since", "by", "of", "from", "until", "to", "before",
                                        "after", "during", "the", "early", "late", "mid", "through",
                                        "till", "between", "and", "around", NULL};
static const char *const SKIP_BEFORE_NOUN[] = {"of", "our", "their", "the", "his", "her", "its",
                                               "those", "these", "more", "other", "additional",
                                               "new", "such", "were", NULL};
static const char *const IRREGULAR_PLURALS[] = {"people", "police", "children", "men", "women",
                                                "personnel", "staff", "cattle", "troops",
                                                "sheep", "fish", "aircraft", "livestock",
                                                "militia", "infantry", "youth", "crew", NULL};
static const struct { const char *w; const char *event; } EVENTS[] = {
    {"killed", "killed"}, {"dead", "killed"}, {"died", "killed"}, {"deaths", "killed"},
    {"death", "killed"}, {"fatalities", "killed"}, {"lives", "killed"},
    {"injured", "injured"}, {"wounded", "injured"}, {"hurt", "injured"}, {"injuries", "injured"},
    {"missing", "missing"}, {"trapped", "trapped"}, {"arrested", "arrested"},
    {"detained", "arrested"}, {"evacuated", "evacuated"}, {"displaced", "displaced"},
    {"homeless", "displaced"}, {"rescued", "rescued"}, {"fled", "fled"}, {"captured", "captured"},
    {"released", "released"}, {"freed", "released"}, {"infected", "infected"},
    {"affected", "affected"}, {"kidnapped", "kidnapped"}, {"abducted", "kidnapped"},
    {"deployed", "deployed"}, {"sentenced", "sentenced"}, {"executed", "executed"},
    {"charged", "charged"}, {"convicted", "convicted"}, {"employed", "employed"},
    {"employs", "employed"}, {"stranded", "stranded"}, {"sick", "sick"}, {"ill", "sick"},
    {"destroyed", "destroyed"}, {"damaged", "damaged"}, {"sold", "sold"}, {"lost", "lost"},
    {"spent", "spent"}, {"paid", "paid"}, {"cost", "cost"},
    {"costs", "cost"}, {"budget", "budget"}, {"fined", "fined"}, {"fine", "fined"},
    {"evacuate", "evacuated"}, {"evacuation", "evacuated"}, {"evacuations", "evacuated"},
    {"homes", "evacuated"}, {"dying", "killed"}, {"drowned", "killed"}, {"perished", "killed"},
    {"toll", "killed"}, {"casualties", "injured"}, {"hospitalized", "injured"},
    {"hospitalised", "injured"}, {"unaccounted", "missing"}, {"jobs", "jobs"}, {"employ", "employed"},
};

static const char *const DEATH_NOT_EVENT[] = {"penalty", "penalties", "row", "sentence", "sentences",
                                              "threat", "threats", "warrant", "squad", "squads",
                                              "certificate", "certificates", "camp", "camps", NULL};

static const char *event_of(const sf_doc *d, size_t i) {
    for (size_t k = 0; k < SF_ARRAY_LEN(EVENTS); k++)
        if (sf__tok_is(d, i, EVENTS[k].w)) return EVENTS[k].event;
    return NULL;
}

static bool is_word(const sf_doc *d, size_t i) { return i < d->toks.n && d->toks.items[i].kind == SF_TOK_WORD; }
static bool is_num(const sf_doc *d, size_t i) { return i < d->toks.n && d->toks.items[i].kind == SF_TOK_NUMBER; }
static bool is_punct(const sf_doc *d, size_t i, char c) {
    return i < d->toks.n && d->toks.items[i].kind == SF_TOK_PUNCT && d->text[d->toks.items[i].begin] == c;
}
static bool lower_word(const sf_doc *d, size_t i) {
    return is_word(d, i) && !(d->toks.items[i].flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS));
}
static bool stop_word(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    char w[32];
    size_t n = t->end - t->begin;
    if (n >= sizeof w) return false;
    for (size_t k = 0; k < n; k++) {
        char c = d->text[t->begin + k];
        w[k] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
    }
    /* English always (the patterns here are English), and the article's own
     * language: "bis" or "des" in German is no plural noun nor a subject */
    return sf__is_stopword("en", w, n) || (strcmp(d->lang, "en") != 0 && sf__is_stopword(d->lang, w, n));
}
static bool plural_noun(const sf_doc *d, size_t i) {
    if (!lower_word(d, i) || stop_word(d, i)) return false;
    if (sf__tok_in(d, i, IRREGULAR_PLURALS)) return true;
    const sf_token *t = &d->toks.items[i];
    size_t n = t->end - t->begin;
    const char *s = d->text + t->begin;
    return n >= 3 && s[n - 1] == 's' && s[n - 2] != 's' && s[n - 2] != '\'' &&
           !(n >= 4 && memcmp(s + n - 3, "ous", 3) == 0) && !sf__tok_in(d, i, (const char *const[]){"was", "has", "is", "this", "his", "its", "as", "us", "yes", "thus", "plus", "less", "always", "perhaps", NULL});
}

static bool stop_word(const sf_doc *d, size_t i);

static bool adjective_like(const sf_doc *d, size_t i) {
    static const char *const ADJ[] = {"new", "old", "long", "large", "big", "small", "high", "low",
                                      "main", "overall", "entire", "whole", "total", "full", "last",
                                      "first", "next", "wide", "deep", "short", "tall", NULL};
    static const char *const SUFFIX[] = {"al", "ic", "ous", "ive", "ful", "less", "ern", "ary", "ed",
                                         "en", "ish", "ian", "ese", "ble", "ant", "ent", NULL};
    if (sf__tok_in(d, i, ADJ)) return true;
    const sf_token *t = &d->toks.items[i];
    sf_view w = sf__view(d->text + t->begin, t->end - t->begin);
    for (const char *const *s = SUFFIX; *s; s++)
        if (w.n > strlen(*s) + 2 && sf__view_ends_with_nocase(w, *s)) return true;
    return false;
}
static bool lower_word(const sf_doc *d, size_t i);
static bool is_word(const sf_doc *d, size_t i);

/* The thing a measure is about: a capitalized run, or the first content
 * word, within three tokens after `i` ("2.5km Rafiqah Wall", "2,500-meter
 * wall", "5 km of road"); for "the dam is 1.2km long" the noun before. */
static void thing_after(const sf_doc *d, size_t i, size_t e, size_t *tb, size_t *te) {
    *tb = *te = 0;
    static const char *const DIMENSION[] = {"long", "wide", "high", "tall", "deep", "thick", "away", NULL};
    if (i < e && sf__tok_in(d, i, DIMENSION)) {
        size_t s0 = d->sent_tok[sf__doc_sentence_of(d, d->toks.items[i].begin)];
        size_t k = i, seen_num = 0;
        while (k > s0 && i - k < 10) {
            k--;
            if (d->toks.items[k].kind == SF_TOK_NUMBER) seen_num = 1;
            if (!seen_num || !is_word(d, k) || stop_word(d, k)) continue;
            if (!lower_word(d, k) && !(d->toks.items[k].flags & SF_TOKF_CAPITAL)) continue;
            /* "5 feet 8 inches tall": the first unit is no subject */
            if (unit_find(d->text + d->toks.items[k].begin, d->toks.items[k].end - d->toks.items[k].begin)) continue;
            *tb = d->toks.items[k].begin;
            *te = d->toks.items[k].end;
            return;
        }
        return;
    }
    size_t k = i;
    while (k < e && k < i + 3 && is_word(d, k) && sf__tok_in(d, k, SKIP_BEFORE_NOUN)) k++;
    if (k >= e || !is_word(d, k)) return;
    if (d->toks.items[k].flags & SF_TOKF_CAPITAL) {
        size_t j = k;
        while (j < e && j < k + 4 && is_word(d, j) && (d->toks.items[j].flags & SF_TOKF_CAPITAL)) j++;
        *tb = d->toks.items[k].begin;
        *te = d->toks.items[j - 1].end;
        return;
    }
    if (stop_word(d, k)) return;
    /* "mediaeval wall", "overall wall": an adjective before the noun is
     * common, a verb after it too ("dam held"); without a tagger, skip the
     * first word only when it looks like an adjective */
    size_t j = k;
    if (j + 1 < e && lower_word(d, j + 1) && !stop_word(d, j + 1) && adjective_like(d, j))
        j++;
    /* a noun before a plural noun modifies it: "tens of millions of land
     * mines" counts mines */
    else if (j + 1 < e && lower_word(d, j) && lower_word(d, j + 1) && !stop_word(d, j + 1) &&
             plural_noun(d, j + 1) && !plural_noun(d, j))
        j++;
    *tb = d->toks.items[j].begin;
    *te = d->toks.items[j].end;
}

/* The participle nearest the counted noun (token a), within ten tokens
 * of it in the sentence: only that window is read, so a sentence of a
 * million tokens costs the same per number as a short one. "homes" counts
 * as an evacuation only for people ("1,200 residents to leave their
 * homes"), not when it is the counted thing ("300 homes destroyed"). */
#define EVENT_WINDOW 10

static bool has_comma(const sf_doc *d, size_t i);
/* A number of its own: not a year ("in 1987"), not part of a name
 * ("Boeing 767-300", "Flight 990") nor a day after a month ("July 29"). */
static bool other_number_at(const sf_doc *d, size_t i, size_t lo) {
    const sf_token *t = &d->toks.items[i];
    if (t->kind == SF_TOK_WORD) return word_number(d->text + t->begin, t->end - t->begin) > 0;
    if (t->kind != SF_TOK_NUMBER) return false;
    if (t->value >= 1000 && t->value <= 2100 && t->value == floor(t->value) && !has_comma(d, i)) return false;
    size_t p = i;
    /* "767-300", "Aug. 12": look past the joining mark */
    if (p > lo + 1 && (is_punct(d, p - 1, '-') || is_punct(d, p - 1, '.'))) {
        if (d->toks.items[p - 2].kind == SF_TOK_NUMBER) return false;
        p--;
    }
    return !(p > lo && is_word(d, p - 1) && (d->toks.items[p - 1].flags & SF_TOKF_CAPITAL) &&
             !word_number(d->text + d->toks.items[p - 1].begin, d->toks.items[p - 1].end - d->toks.items[p - 1].begin));
}

/* Whether the event word at k belongs to another number than the one whose
 * counted noun is at a (the number and its modifiers are the three tokens
 * before a): the other number's own noun ("62 cases and 11 deaths", "about
 * 200 died") or its verb's object ("the blast that killed 113 people",
 * "injured more than 5,000"). A number "including" others shares its
 * event with them ("killed 247 people, including 12 Americans"). */
static bool event_of_other_number(const sf_doc *d, size_t k, size_t a, size_t lo, size_t hi) {
    static const char *const QUAL[] = {"more", "than", "some", "about", "least", "most", "all", "nearly",
                                       "over", "almost", "around", "roughly", "an", "estimated", "another",
                                       "at", "a", NULL};
    size_t ours = a > 3 ? a - 3 : 0;
    for (size_t x = ours; x < a; x++)
        if (sf__tok_is(d, x, "including")) return false;
    /* a number just before: its noun ("11 deaths", "about 200 died"); when
     * the event comes before this number in the passive, a number before the
     * event in the same phrase is its subject ("Thirteen people were injured
     * at the two firms"), while after this number a coordinated subject shares it
     * ("236 Kenyans and 12 Americans were killed") */
    static const char *const AUX[] = {"were", "was", "are", "is", "been", "be", NULL};
    size_t reach = k < a && k > lo && sf__tok_in(d, k - 1, AUX) ? 5 : 2;
    for (size_t x = k; x > lo && k - x < reach;) {
        x--;
        if (d->toks.items[x].kind == SF_TOK_PUNCT) break;
        if ((x < ours || x > a) && other_number_at(d, x, lo)) return true;
    }
    for (size_t x = k + 1; x < hi && x <= k + 4; x++) { /* a number just after: its verb */
        if ((x < ours || x > a) && other_number_at(d, x, lo)) return true;
        if (!sf__tok_in(d, x, QUAL)) break;
    }
    return false;
}
static const char *event_near(const sf_doc *d, size_t a, size_t e, size_t s0) {
    static const char *const PEOPLE[] = {"people", "residents", "families", "villagers", "inhabitants",
                                         "persons", "citizens", NULL};
    const char *best = NULL;
    size_t bestd = SIZE_MAX;
    size_t lo = a > s0 + EVENT_WINDOW ? a - EVENT_WINDOW : s0;
    size_t hi = SF_MIN(e, a + EVENT_WINDOW + 1);
    /* an event before the number must be in its own clause: "Rushdie's
     * death even as two senior clerics said" counts clerics, not deaths */
    static const char *const BREAK[] = {"as", "while", "but", "when", "although", "though", "said",
                                        "says", "whereas", NULL};
    size_t from_break = lo;
    for (size_t k = a; k > lo; k--)
        if (is_punct(d, k - 1, ';') || is_punct(d, k - 1, ':') || sf__tok_in(d, k - 1, BREAK)) {
            from_break = k;
            break;
        }
    /* nor after it in the next clause: "in more than 60 countries, and an
     * estimated 20,000 people are killed" counts countries */
    static const char *const JOIN[] = {"and", "but", "while", "whereas", "although", "though", NULL};
    for (size_t k = a + 1; k < hi; k++)
        if (is_punct(d, k, ';') || is_punct(d, k, ':') ||
            (is_punct(d, k, ',') && k + 1 < hi && sf__tok_in(d, k + 1, JOIN))) {
            hi = k;
            break;
        }
    for (size_t k = SF_MAX(lo, from_break); k < hi; k++) {
        const char *ev = event_of(d, k);
        if (!ev) continue;
        if (sf__tok_is(d, k, "homes") && (k == a || !sf__tok_in(d, a, PEOPLE))) continue;
        /* "the death penalty", "two inmates on death row": a punishment,
         * not a death */
        if (sf__tok_is(d, k, "death") && sf__tok_in(d, k + 1, DEATH_NOT_EVENT)) continue;
        if (k != a && event_of_other_number(d, k, a, lo, hi)) continue;
        size_t dist = k > a ? k - a : a - k;
        if (dist < bestd) bestd = dist, best = ev;
    }
    return best;
}

typedef struct qual {
    int kind; /* 0 exact, 1 up to, 2 at least, 3 at most, 4 about, 5 nearly,
               * 6 a range written out ("155 to 190": low = ratio * value) */
    size_t begin;
    double ratio;
} qual;

static qual qualifier_before(const sf_doc *d, size_t i, size_t s0) {
    qual q = {0, d->toks.items[i].begin, 0};
    if (i >= s0 + 2 && sf__tok_is(d, i - 2, "up") && sf__tok_is(d, i - 1, "to"))
        q.kind = 1, q.begin = d->toks.items[i - 2].begin;
    else if (i >= s0 + 2 && ((sf__tok_is(d, i - 2, "more") || sf__tok_is(d, i - 2, "greater")) &&
                             sf__tok_is(d, i - 1, "than")))
        q.kind = 2, q.begin = d->toks.items[i - 2].begin;
    else if (i >= s0 + 2 && sf__tok_is(d, i - 2, "at") && sf__tok_is(d, i - 1, "least"))
        q.kind = 2, q.begin = d->toks.items[i - 2].begin;
    else if (i >= s0 + 2 && (sf__tok_is(d, i - 2, "less") || sf__tok_is(d, i - 2, "fewer")) &&
             sf__tok_is(d, i - 1, "than"))
        q.kind = 3, q.begin = d->toks.items[i - 2].begin;
    else if (i >= s0 + 2 && sf__tok_is(d, i - 2, "at") && sf__tok_is(d, i - 1, "most"))
        q.kind = 3, q.begin = d->toks.items[i - 2].begin;
    else if (i >= s0 + 1 && (sf__tok_is(d, i - 1, "over") || sf__tok_is(d, i - 1, "above") ||
                             sf__tok_is(d, i - 1, "exceeding")))
        q.kind = 2, q.begin = d->toks.items[i - 1].begin;
    else if (i >= s0 + 1 && (sf__tok_is(d, i - 1, "under") || sf__tok_is(d, i - 1, "below")))
        q.kind = 3, q.begin = d->toks.items[i - 1].begin;
    else if (i >= s0 + 1 && (sf__tok_is(d, i - 1, "about") || sf__tok_is(d, i - 1, "around") ||
                             sf__tok_is(d, i - 1, "approximately") || sf__tok_is(d, i - 1, "roughly") ||
                             sf__tok_is(d, i - 1, "some") || sf__tok_is(d, i - 1, "estimated")))
        q.kind = 4, q.begin = d->toks.items[i - 1].begin;
    else if (i >= s0 + 1 && (sf__tok_is(d, i - 1, "nearly") || sf__tok_is(d, i - 1, "almost")))
        q.kind = 5, q.begin = d->toks.items[i - 1].begin;
    return q;
}

static void apply_qual(const qual *q, double v, double *lo, double *hi) {
    switch (q->kind) {
    case 1: *lo = 0, *hi = v; break;
    case 2: *lo = v, *hi = INFINITY; break;
    case 3: *lo = 0, *hi = v; break;
    case 4: *lo = v * 0.9, *hi = v * 1.1; break;
    case 5: *lo = v * 0.9, *hi = v; break;
    case 6: *lo = v * q->ratio, *hi = v; break;
    default: *lo = *hi = v;
    }
}

static const char *const WEEKDAY[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday", NULL};
static bool possessive(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    size_t n = t->end - t->begin;
    const char *w = d->text + t->begin;
    return (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') ||
           (n > 4 && (unsigned char)w[n - 2] == 0x99 && w[n - 1] == 's');
}

static bool has_comma(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    return memchr(d->text + t->begin, ',', t->end - t->begin) != NULL;
}

static sf_status push(sf_quantvec *out, sf_quantity *q) {
    if (!isfinite(q->value) || fabs(q->value) > SF_QUANTITY_MAX || q->value < 0) return SF_OK;
    if (isfinite(q->high) && q->high > SF_QUANTITY_MAX) return SF_OK;
    return SF_VEC_PUSH(out, *q);
}

/* Vague amounts: "tens of thousands", "hundreds", "a few hundred",
 * "several million", "dozens". Returns tokens used (0 when none). */
static size_t vague(const sf_doc *d, size_t i, size_t e, double *lo, double *hi) {
    static const struct { const char *w; double lo, hi; } PLURAL[] = {
        {"tens", 20, 100}, {"hundreds", 200, 1000}, {"thousands", 2000, 10000},
        {"millions", 2e6, 1e7}, {"billions", 2e9, 1e10}, {"dozens", 24, 100}, {"scores", 40, 100}};
    for (size_t k = 0; k < SF_ARRAY_LEN(PLURAL); k++) {
        if (!sf__tok_is(d, i, PLURAL[k].w)) continue;
        /* "tens of thousands": the second multiplies the first */
        if (i + 2 < e && sf__tok_is(d, i + 1, "of")) {
            double m = sf__tok_is(d, i + 2, "thousands") ? 1e3
                       : sf__tok_is(d, i + 2, "millions") ? 1e6
                       : sf__tok_is(d, i + 2, "billions") ? 1e9 : 0;
            if (m > 0 && PLURAL[k].lo < 1000) {
                *lo = PLURAL[k].lo * m, *hi = PLURAL[k].hi * m;
                return 3;
            }
        }
        if (sf__tok_is(d, i, "scores") || sf__tok_is(d, i, "tens")) {
            if (!(i + 1 < e && sf__tok_is(d, i + 1, "of"))) return 0;
        }
        *lo = PLURAL[k].lo, *hi = PLURAL[k].hi;
        return 1;
    }
    /* "a few hundred", "several thousand", "a couple of hundred" */
    size_t j = i;
    double flo = 0, fhi = 0;
    if (sf__tok_is(d, j, "a") && sf__tok_is(d, j + 1, "few")) flo = 2, fhi = 5, j += 2;
    else if (sf__tok_is(d, j, "several")) flo = 3, fhi = 9, j += 1;
    else if (sf__tok_is(d, j, "a") && sf__tok_is(d, j + 1, "couple") && sf__tok_is(d, j + 2, "of"))
        flo = 2, fhi = 3, j += 3;
    if (j > i && j < e) {
        double sc = scale_word(d, j);
        if (sc > 0) {
            *lo = flo * sc, *hi = fhi * sc;
            return j - i + 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ what a
 * quantity is about: the attribute from a small vocabulary and the subject
 * from the sentence around it (sf__quantity_describe). Patterns are read
 * from a window of a few tokens on each side of the number. */

#define DESCRIBE_WINDOW 10

static const char *const AUX[] = {"has", "have", "had", "was", "were", "is", "are", "will", "would", "could",
                                  "should", "may", "might", "can", "also", "reportedly", "already", "just",
                                  "now", "then", "been", "be", "which", "that", "who", "to", NULL};
static const char *const NOUN_DET[] = {"the", "a", "an", "this", "that", "its", "their", "his", "her",
                                       "last", "recent", "latest", "same", NULL};

/* First token of sentence s at or after byte `at`. */
static size_t tok_from(const sf_doc *d, size_t s, size_t at) {
    size_t lo = d->sent_tok[s], hi = d->sent_tok[s + 1];
    while (lo < hi) { /* binary search: long sentences stay cheap */
        size_t mid = lo + (hi - lo) / 2;
        if (d->toks.items[mid].begin < at) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool name_word(const sf_doc *d, size_t i) {
    return is_word(d, i) && (d->toks.items[i].flags & (SF_TOKF_CAPITAL | SF_TOKF_ALLCAPS)) && !stop_word(d, i);
}

/* A noun phrase's head ending at token k (inclusive): a run of name words
 * (up to four) or one lower-case content word. False when token k is
 * neither. */
static bool head_at(const sf_doc *d, size_t k, size_t s0, size_t *b, size_t *e) {
    if (name_word(d, k)) {
        size_t j = k;
        while (j > s0 && k - j < 3 && name_word(d, j - 1)) j--;
        if (j == s0 && j < k) j++; /* a capital at the start of the sentence is not a name by itself */
        *b = d->toks.items[j].begin, *e = d->toks.items[k].end;
        return true;
    }
    if (!lower_word(d, k) || stop_word(d, k) || event_of(d, k)) return false;
    *b = d->toks.items[k].begin, *e = d->toks.items[k].end;
    return true;
}

/* The subject of the verb at token v: the head of the phrase right before
 * it, past auxiliaries ("the fire has killed": fire). */
static bool subject_before(const sf_doc *d, size_t v, size_t s0, size_t *b, size_t *e) {
    static const char *const PP[] = {"at", "in", "on", "near", "of", "from", "outside", NULL};
    size_t k = v;
    while (k > s0 && v - k < 4 && sf__tok_in(d, k - 1, AUX)) k--;
    if (k == s0 || !head_at(d, k - 1, s0, b, e)) return false;
    /* "the fire at the Kellby market killed": the head comes before a
     * prepositional phrase (twice at most: "the fire in a market in X") */
    for (int hop = 0; hop < 2; hop++) {
        size_t j = tok_from(d, sf__doc_sentence_of(d, *b), *b);
        while (j > s0 && (sf__tok_in(d, j - 1, NOUN_DET) || name_word(d, j - 1) || adjective_like(d, j - 1)) &&
               !sf__tok_in(d, j - 1, PP))
            j--;
        if (j < s0 + 2 || !sf__tok_in(d, j - 1, PP)) break;
        size_t hb, he;
        if (!head_at(d, j - 2, s0, &hb, &he)) break;
        *b = hb, *e = he;
    }
    return true;
}

/* The head of the noun phrase starting at token k ("the heavy rain",
 * "a battery cell factory"): the last of up to four content words. */
static bool head_after(const sf_doc *d, size_t k, size_t end, size_t *b, size_t *e) {
    while (k < end && sf__tok_in(d, k, NOUN_DET)) k++;
    if (k < end && name_word(d, k)) {
        size_t j = k;
        while (j + 1 < end && j < k + 3 && name_word(d, j + 1)) j++;
        /* "the Kellby market": a name used as a modifier; the noun is the head */
        if (j + 1 < end && lower_word(d, j + 1) && !stop_word(d, j + 1) && !sf__tok_in(d, j + 1, AUX) &&
            !event_of(d, j + 1) && !adjective_like(d, j + 1)) {
            *b = d->toks.items[j + 1].begin, *e = d->toks.items[j + 1].end;
            return true;
        }
        *b = d->toks.items[k].begin, *e = d->toks.items[j].end;
        return true;
    }
    size_t last = SIZE_MAX;
    for (size_t j = k; j < end && j < k + 4 && lower_word(d, j) && !stop_word(d, j); j++) {
        if (sf__tok_in(d, j, AUX) || event_of(d, j)) break;
        last = j;
    }
    if (last == SIZE_MAX) return false;
    *b = d->toks.items[last].begin, *e = d->toks.items[last].end;
    return true;
}

static bool is_year_tok(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    return t->kind == SF_TOK_NUMBER && t->value >= 1900 && t->value <= 2100 && t->value == floor(t->value) &&
           t->unit_end == t->unit_begin && !has_comma(d, i) && !(t->flags & SF_TOKF_ORDINAL);
}

/* Another time near the number: a year ("in 1988", "the 1978 fire", not
 * "since 1988", which dates a comparison), a decade, or a past cue ("last
 * year", "ago", "previous"). Not across a semicolon. */
static void other_time(const sf_doc *d, sf_quantity *q, size_t a, size_t z, size_t s0, size_t e) {
    size_t lo = a > s0 + DESCRIBE_WINDOW ? a - DESCRIBE_WINDOW : s0, hi = SF_MIN(e, z + DESCRIBE_WINDOW);
    size_t best = SIZE_MAX;
    for (size_t k = lo; k < hi; k++) {
        if (k >= a && k < z) continue;
        if (is_punct(d, k, ';')) {
            if (k < a) { best = SIZE_MAX, q->year = 0, q->past = false; continue; }
            break;
        }
        bool yr = is_year_tok(d, k) && !(k > s0 && (sf__tok_is(d, k - 1, "since") || sf__tok_is(d, k - 1, "until") ||
                                                    sf__tok_is(d, k - 1, "by")));
        bool dec = d->toks.items[k].kind == SF_TOK_NUMBER && (d->toks.items[k].flags & SF_TOKF_DECADE);
        bool cue = (sf__tok_is(d, k, "last") && (sf__tok_is(d, k + 1, "year") || sf__tok_is(d, k + 1, "month"))) ||
                   sf__tok_is(d, k, "ago") || sf__tok_is(d, k, "previous") || sf__tok_is(d, k, "earlier") ||
                   (sf__tok_is(d, k, "in") && is_year_tok(d, k + 1));
        if (!yr && !dec && !cue) continue;
        size_t dist = k < a ? a - k : k - z;
        if (best != SIZE_MAX && dist >= best) continue;
        best = dist;
        q->year = yr ? (int)d->toks.items[k].value : 0;
        q->past = dec || (cue && !sf__tok_is(d, k, "in"));
        if (cue && sf__tok_is(d, k, "in")) q->year = (int)d->toks.items[k + 1].value;
        q->time_begin = d->toks.items[k].begin;
        q->time_end = d->toks.items[sf__tok_is(d, k, "last") || sf__tok_is(d, k, "in") ? k + 1 : k].end;
        if (sf__tok_is(d, k, "ago") && k > a + 1) q->time_begin = d->toks.items[k - 2 > z ? k - 2 : k].begin;
    }
}

/* "the city of 435,000", "a population of 2 million", "435,000 inhabitants" */
static bool population_cue(const sf_doc *d, size_t i, size_t s0) {
    static const char *const PLACE[] = {"city", "town", "village", "country", "nation", "island", "state",
                                        "province", "district", "region", "capital", "county", "population",
                                        "municipality", "community", "metropolis", "suburb", NULL};
    static const char *const HEDGE[] = {"about", "some", "nearly", "almost", "around", "over", "more", "than",
                                        "roughly", "approximately", "just", "least", "at", NULL};
    while (i > s0 + 2 && sf__tok_in(d, i - 1, HEDGE)) i--;
    return i >= s0 + 2 && sf__tok_is(d, i - 1, "of") && sf__tok_in(d, i - 2, PLACE);
}

/* "The death toll rose to 84", "the number of people killed ... has risen
 * to 84", "bringing the toll to 120", "the toll stood at 30": a bare number
 * that a toll, or "the number of" the dead, injured, missing or of some
 * plural noun, comes to is a count of that. The number is read after "to"
 * or "at" (hedges between: "rose to more than 84"), and the toll or
 * "number of" before it in the same clause with a verb of change or of
 * standing between them or before ("rose", "climbed", "bringing",
 * "put"). Sets *thing to the counted word's token; returns the event
 * (NULL: a plain count) or sets *thing to SIZE_MAX when it is no toll. */
static bool dash(const sf_doc *d, size_t i);
static const char *toll_cue(const sf_doc *d, size_t i, size_t s0, size_t e, size_t *thing) {
    static const char *const HEDGE[] = {"about", "some", "nearly", "almost", "around", "over", "more", "than",
                                        "roughly", "approximately", "just", "least", "an", "estimated", NULL};
    static const char *const CHANGE[] = {"rose", "risen", "rise", "rises", "rising", "climbed", "climb", "climbs",
                                         "climbing", "jumped", "increased", "grew", "grown", "soared", "mounted",
                                         "stood", "stands", "stand", "went", "gone", "bringing", "brought",
                                         "brings", "raising", "raised", "raises", "pushing", "pushed", "put",
                                         "putting", "puts", "taking", "took", "lifting", "lifted", "revised",
                                         "reached", NULL};
    *thing = SIZE_MAX;
    size_t p = i;
    while (p > s0 + 1 && sf__tok_in(d, p - 1, HEDGE) && !sf__tok_is(d, p - 1, "at")) p--;
    if (!(p > s0 + 1 && (sf__tok_is(d, p - 1, "to") || sf__tok_is(d, p - 1, "at")))) return NULL;
    /* a range's end or start ("at eight to 10"): not read as one count */
    const sf_token *pt = &d->toks.items[p - 2];
    if (is_num(d, p - 2) || (pt->kind == SF_TOK_WORD && word_number(d->text + pt->begin, pt->end - pt->begin) > 0))
        return NULL;
    if (i + 2 < e && (sf__tok_is(d, i + 1, "to") || sf__tok_is(d, i + 1, "and") || dash(d, i + 1))) {
        const sf_token *nt = &d->toks.items[i + 2];
        if (is_num(d, i + 2) || (nt->kind == SF_TOK_WORD && word_number(d->text + nt->begin, nt->end - nt->begin) > 0))
            return NULL;
    }
    size_t lo = p > s0 + 18 ? p - 18 : s0;
    bool change = false;
    for (size_t k = p - 1; k > lo; k--) {
        size_t c = k - 1;
        const sf_token *t = &d->toks.items[c];
        if (t->kind == SF_TOK_PUNCT && (is_punct(d, c, ',') || is_punct(d, c, ';') || is_punct(d, c, ':'))) break;
        if (sf__tok_in(d, c, CHANGE)) change = true;
        if (sf__tok_is(d, c, "toll") || sf__tok_is(d, c, "tolls")) {
            /* a verb before it counts too: "bringing the toll to 84" */
            for (size_t b = c; !change && b > lo && c - b < 4; b--) change = sf__tok_in(d, b - 1, CHANGE);
            if (!change) return NULL;
            *thing = c;
            return "killed";
        }
        if (sf__tok_is(d, c, "number") && sf__tok_is(d, c + 1, "of")) {
            for (size_t b = c; !change && b > lo && c - b < 4; b--) change = sf__tok_in(d, b - 1, CHANGE);
            if (!change) return NULL;
            /* what is counted: an event word or a plural noun, up to four
             * words after "of" ("of people killed", "of dead", "of
             * confirmed cases") */
            for (size_t x = c + 2; x < SF_MIN(e, c + 6) && x < p; x++) {
                const char *ev = event_of(d, x);
                if (ev && !sf__tok_is(d, x, "toll")) {
                    *thing = x;
                    return ev;
                }
            }
            for (size_t x = c + 2; x < SF_MIN(e, c + 6) && x < p; x++)
                if (plural_noun(d, x)) {
                    *thing = x;
                    return NULL;
                }
            return NULL;
        }
    }
    return NULL;
}

static const char *event_attribute(const char *ev) {
    static const struct { const char *event, *attr; } MAP[] = {
        {"killed", "deaths"}, {"injured", "injured"}, {"missing", "missing"}, {"evacuated", "evacuated"},
        {"displaced", "evacuated"}, {"fled", "evacuated"}, {"arrested", "arrested"}, {"jobs", "jobs"},
        {"employed", "jobs"}};
    for (size_t k = 0; k < SF_ARRAY_LEN(MAP); k++)
        if (strcmp(ev, MAP[k].event) == 0) return MAP[k].attr;
    return ev; /* "rescued", "trapped", "sentenced": the word itself reads well */
}

static bool any_near(const sf_doc *d, size_t lo, size_t hi, const char *const *words, size_t *at) {
    for (size_t k = lo; k < hi; k++)
        if (sf__tok_in(d, k, words)) {
            if (at) *at = k;
            return true;
        }
    return false;
}

static void describe_count(const sf_doc *d, sf_quantity *q, size_t a, size_t z, size_t s0, size_t e) {
    static const char *const KILL_VERBS[] = {"killed", "injured", "wounded", "hurt", "left", "claimed",
                                             "displaced", "forced", "evacuated", "arrested", "detained", NULL};
    static const char *const PLACE_PREP[] = {"in", "by", "during", "from", NULL};
    /* money words near a count ("cost the company", "spent") say nothing
     * of what is counted */
    if (q->event && (strcmp(q->event, "cost") == 0 || strcmp(q->event, "budget") == 0 ||
                     strcmp(q->event, "spent") == 0 || strcmp(q->event, "paid") == 0 ||
                     strcmp(q->event, "sold") == 0 || strcmp(q->event, "fined") == 0 ||
                     strcmp(q->event, "lost") == 0))
        q->event = NULL;
    if (!q->event) {
        q->label = "count";
        q->subj_begin = q->thing_begin, q->subj_end = q->thing_end;
        return;
    }
    q->label = event_attribute(q->event);
    size_t b = 0, en = 0, v = 0;
    size_t lo = a > s0 + 4 ? a - 4 : s0;
    /* active voice: "the fire killed 60 people", "the storm left 12 dead" */
    if (any_near(d, lo, a, KILL_VERBS, &v) && !(v > s0 && sf__tok_in(d, v - 1, (const char *const[]){"were", "was", "been", "be", NULL})) &&
        subject_before(d, v, s0, &b, &en)) {
        q->subj_begin = b, q->subj_end = en;
        return;
    }
    /* passive or adjectival: "60 people were killed in the fire" */
    size_t hi = SF_MIN(e, z + 8);
    for (size_t k = z; k < hi; k++) {
        if (is_punct(d, k, ',') || is_punct(d, k, ';')) break;
        if (sf__tok_in(d, k, PLACE_PREP) && head_after(d, k + 1, e, &b, &en)) {
            q->subj_begin = b, q->subj_end = en;
            return;
        }
    }
}

/* "Izmit, 55 miles east of Istanbul", "the epicenter was 20 km from X":
 * the place measured (before the number) and the place measured from. */
static void describe_distance(const sf_doc *d, sf_quantity *q, size_t a, size_t z, size_t s0, size_t e) {
    static const char *const LINK[] = {"about", "some", "nearly", "around", "roughly", "located", "centered",
                                       "centred", "situated", "lies", "lying", "is", "was", "only", "just", NULL};
    q->label = "distance";
    size_t k = z, b = 0, en = 0;
    while (k < e && k < z + 3 && !sf__tok_is(d, k, "of") && !sf__tok_is(d, k, "from")) k++;
    if (k < e && (sf__tok_is(d, k, "of") || sf__tok_is(d, k, "from")) && head_after(d, k + 1, e, &b, &en))
        q->ref_begin = b, q->ref_end = en;
    else
        return;
    q->subj_begin = q->subj_end = 0;
    k = a;
    while (k > s0 && a - k < 4 && (sf__tok_in(d, k - 1, LINK) || is_punct(d, k - 1, ','))) k--;
    if (k > s0 && head_at(d, k - 1, s0, &b, &en)) q->subj_begin = b, q->subj_end = en;
}

static void describe_measure(const sf_doc *d, sf_quantity *q, size_t a, size_t z, size_t s0, size_t e) {
    static const char *const RISE[] = {"rose", "risen", "rise", "rises", "rising", "climbed", "fell", "fallen",
                                       "dropped", "receded", "grew", NULL};
    static const char *const HEIGHT[] = {"high", "tall", "height", "altitude", "elevation", NULL};
    static const char *const DEPTH[] = {"deep", "depth", "down", "below", "underwater", NULL};
    static const char *const DIST[] = {"away", "north", "south", "east", "west", "northeast", "northwest",
                                       "southeast", "southwest", "off", "distance", "from", "outside", NULL};
    static const char *const COST[] = {"cost", "costs", "costing", "spend", "spent", "spending", "invest",
                                       "invested", "investment", "budget", "worth", "damage", "damages",
                                       "bill", NULL};
    static const char *const PRICE[] = {"price", "prices", "priced", "sold", "bought", "sells", "fare", "fee",
                                        "paid", "pay", NULL};
    const char *base = q->base;
    size_t lo = a > s0 + 6 ? a - 6 : s0, hi = SF_MIN(e, z + 3), v = 0, b = 0, en = 0;
    q->subj_begin = q->thing_begin, q->subj_end = q->thing_end;
    if (strcmp(base, "m") == 0) {
        q->label = "length";
        if (any_near(d, z, hi, DEPTH, NULL)) q->label = "depth";
        else if (any_near(d, z, hi, HEIGHT, NULL) || (a >= s0 + 2 && sf__tok_in(d, a - 2, HEIGHT))) q->label = "height";
        else if (any_near(d, z, SF_MIN(e, z + 2), DIST, NULL) || (a > s0 && sf__tok_is(d, a - 1, "within")))
            describe_distance(d, q, a, z, s0, e);
        if (any_near(d, a > s0 + 3 ? a - 3 : s0, a, RISE, &v)) {
            q->label = sf__tok_is(d, v, "fell") || sf__tok_is(d, v, "fallen") || sf__tok_is(d, v, "dropped") ||
                               sf__tok_is(d, v, "receded")
                           ? "fall"
                           : "rise";
            if (subject_before(d, v, s0, &b, &en)) q->subj_begin = b, q->subj_end = en;
        }
        /* "some 450 feet down": the dimension word is not the subject */
        if (q->subj_end > q->subj_begin) {
            size_t st = tok_from(d, q->sentence, q->subj_begin);
            if (sf__tok_in(d, st, DEPTH) || sf__tok_in(d, st, HEIGHT) || sf__tok_in(d, st, DIST))
                q->subj_begin = q->subj_end = 0;
        }
        /* "the village lies 20 km from", "the wall runs 400 metres", "the
         * wall is a quarter mile long" */
        size_t k = a;
        while (k > s0 && sf__tok_in(d, k - 1, (const char *const[]){"a", "an", "about", "some", "nearly", NULL})) k--;
        if (q->subj_end == q->subj_begin && k > s0 && lower_word(d, k - 1) && !stop_word(d, k - 1) &&
            subject_before(d, k - 1, s0, &b, &en))
            q->subj_begin = b, q->subj_end = en;
        else if (q->subj_end == q->subj_begin && k > s0 && sf__tok_in(d, k - 1, AUX) && subject_before(d, k, s0, &b, &en))
            q->subj_begin = b, q->subj_end = en;
    } else if (strcmp(base, "m2") == 0) {
        q->label = "area";
        if (q->subj_end == q->subj_begin && a > s0 && lower_word(d, a - 1) && !stop_word(d, a - 1) &&
            subject_before(d, a - 1, s0, &b, &en))
            q->subj_begin = b, q->subj_end = en;
    } else if (strcmp(base, "s") == 0) {
        q->label = "duration";
        if (sf__tok_is(d, z, "of") && head_after(d, z + 1, e, &b, &en)) q->subj_begin = b, q->subj_end = en;
        else if (a > s0 && (sf__tok_is(d, a - 1, "for") || sf__tok_is(d, a - 1, "lasted") || sf__tok_is(d, a - 1, "lasting"))) {
            size_t k = a - 1;
            while (k > s0 && a - k < 4 && !lower_word(d, k - 1)) k--;
            if (k > s0 && lower_word(d, k - 1) && !stop_word(d, k - 1) && !sf__tok_in(d, k - 1, AUX))
                q->subj_begin = d->toks.items[k - 1].begin, q->subj_end = d->toks.items[k - 1].end;
        }
    } else if (strcmp(base, "%") == 0) {
        q->label = "percentage";
        if (sf__tok_is(d, z, "of") && head_after(d, z + 1, e, &b, &en)) q->subj_begin = b, q->subj_end = en;
        else if (any_near(d, lo, a, RISE, &v) && subject_before(d, v, s0, &b, &en)) q->subj_begin = b, q->subj_end = en;
    } else if (strcmp(q->attribute, "amount") == 0) {
        q->label = "amount";
        if (any_near(d, lo, SF_MIN(e, z + 2), PRICE, &v)) q->label = "price";
        else if (any_near(d, lo, SF_MIN(e, z + 2), COST, &v)) q->label = "cost";
        size_t on = 0;
        if (v && v < a && subject_before(d, v, s0, &b, &en) && !sf__tok_is(d, v, "spend") && !sf__tok_is(d, v, "spent")) {
            q->subj_begin = b, q->subj_end = en; /* "the plant will cost $1.2 billion" */
        } else if (any_near(d, z, SF_MIN(e, z + 3), (const char *const[]){"on", "for", "in", NULL}, &on) &&
                   head_after(d, on + 1, e, &b, &en)) {
            q->subj_begin = b, q->subj_end = en; /* "spend $1.2 billion on a factory", "$5 million in aid" */
        }
    } else if (strcmp(base, "kg") == 0) {
        q->label = "weight";
    } else {
        q->label = q->attribute; /* volume, speed, age */
    }
}

/* Set label, subject and other time of a quantity found in d. */
static void describe(const sf_doc *d, sf_quantity *q) {
    size_t s = q->sentence, s0 = d->sent_tok[s], e = d->sent_tok[s + 1];
    size_t a = tok_from(d, s, q->begin), z = tok_from(d, s, q->end);
    /* a dateline opening the sentence ("TEHRAN, Iran (AP) _") says where
     * the desk is: the subject is sought after it, never in it */
    if (s0 < a) {
        size_t from = d->toks.items[s0].begin, to = d->toks.items[a].begin;
        size_t dl = sf__dateline_length(d->text + from, to - from);
        while (dl && s0 < a && d->toks.items[s0].begin < from + dl) s0++;
    }
    q->label = q->attribute;
    q->subj_begin = q->subj_end = q->ref_begin = q->ref_end = 0;
    if (strcmp(q->base, "count") == 0) {
        if (strcmp(q->attribute, "population") == 0) {
            /* "the city of 435,000": the place; "a population of 2 million":
             * whoever has it ("Baghdad's population", "the city's") */
            size_t p = a >= s0 + 2 ? a - 2 : a, b = 0, en = 0;
            if (sf__tok_is(d, p, "population") && p > s0) {
                size_t k = p - 1;
                while (k > s0 && (sf__tok_in(d, k, NOUN_DET) || is_punct(d, k, '\''))) k--;
                if (head_at(d, k, s0, &b, &en)) q->subj_begin = b, q->subj_end = en;
            } else if (p < a) {
                q->subj_begin = d->toks.items[p].begin, q->subj_end = d->toks.items[p].end;
                /* "Kellby, a city of 435,000": the name in apposition */
                if (p >= s0 + 3 && sf__tok_in(d, p - 1, NOUN_DET) && is_punct(d, p - 2, ',') &&
                    head_at(d, p - 3, s0, &b, &en))
                    q->subj_begin = b, q->subj_end = en;
            }
        } else {
            describe_count(d, q, a, z, s0, e);
        }
    } else {
        describe_measure(d, q, a, z, s0, e);
    }
    if (strcmp(q->attribute, "age") != 0) other_time(d, q, a, z, s0, e);
}

/* A number being read at token i of the sentence [s0, e): what is known of
 * it so far, filled step by step (read_number_token ... push_measure). */
typedef struct reading {
    const sf_doc *d;
    size_t s0, e;
    size_t i;                    /* the number's token (the second of a range) */
    size_t last;                 /* its last token ("12, 000": the "000") */
    size_t j;                    /* the first token after what is read so far */
    const sf_token *t;           /* token i */
    double v;                    /* its value */
    double range_ratio;          /* "155 to 190": 155/190 */
    size_t range_begin;          /* where such a range starts */
    size_t ub, ue;               /* a glued or hyphenated unit */
    size_t hy_unit_b, hy_unit_e; /* the unit of "eight-month" */
    bool word_num;               /* a number word ("five") */
    bool after_a;                /* after "a" or "an" */
    const unit_def *code_cur;    /* a currency code or symbol before the number */
    const unit_def *cur;         /* its currency */
    const unit_def *u;           /* its unit */
    bool square;                 /* "square" before a length */
    double sc;                   /* its scale ("million") */
    qual qq;                     /* the qualifier before it */
    sf_quantity q;
} reading;

/* A vague amount at token *ip of sentence s ("dozens of people", "hundreds
 * of millions of dollars"): pushed, with *taken set and *ip at its last
 * token. */
static sf_status vague_at(const sf_doc *d, size_t s, size_t *ip, size_t s0, size_t e,
                          sf_quantvec *out, bool *taken) {
    sf_quantity q;
    memset(&q, 0, sizeof q);
    q.sentence = s;
    double lo, hi;
    size_t i = *ip, used = d->toks.items[i].kind == SF_TOK_WORD ? vague(d, i, e, &lo, &hi) : 0;
    if (!used) return SF_OK;
    qual qq = qualifier_before(d, i, s0);
    size_t j = i + used;
    q.begin = qq.kind ? qq.begin : d->toks.items[i].begin;
    q.end = d->toks.items[j - 1].end;
    q.low = lo, q.high = hi, q.value = lo;
    q.vague = true;
    q.base = "count", q.attribute = "number";
    q.unit_begin = q.unit_end = q.end;
    if (sf__tok_is(d, j, "of")) j++;
    const unit_def *u = is_word(d, j) ? unit_find(d->text + d->toks.items[j].begin,
                                                   d->toks.items[j].end - d->toks.items[j].begin) : NULL;
    if (u && strcmp(u->attribute, "share") != 0) {
        q.base = u->base, q.attribute = u->attribute;
        q.low *= u->factor, q.high *= u->factor, q.value *= u->factor;
        q.unit_begin = d->toks.items[j].begin, q.unit_end = d->toks.items[j].end;
        q.end = q.unit_end;
        thing_after(d, j + 1, e, &q.thing_begin, &q.thing_end);
    } else {
        thing_after(d, j, e, &q.thing_begin, &q.thing_end);
        q.event = event_near(d, j + 1, e, s0);
    }
    SF_TRY(push(out, &q));
    *ip = j - 1;
    *taken = true;
    return SF_OK;
}

/* Token i is a hyphen or an en dash (U+2013), as a range writes it. */
static bool dash(const sf_doc *d, size_t i) {
    int k = sf__tok_dash(d, i);
    return k == 1 || k == 2;
}

/* The range that ends at token `second` ("155 to 190", "3.5-5%", "five to
 * six hours"): the quantity is read at its second number and remembers
 * the ratio of the first to it. */
static void take_range(reading *r, size_t second, double second_value, size_t begin) {
    const sf_doc *d = r->d;
    r->range_ratio = r->v / second_value;
    r->range_begin = begin;
    r->i = second;
    r->last = r->i;
    r->t = &d->toks.items[r->i];
    r->v = second_value;
    r->ub = r->t->unit_begin, r->ue = r->t->unit_end;
}

/* A number token: false for one that is not an amount (a time, a score, a
 * date, an ordinal), r->i moved past tokens it used; a range "155 to 190"
 * is read at its second number. */
static bool read_number_token(reading *r) {
    const sf_doc *d = r->d;
    if (r->t->flags & (SF_TOKF_ORDINAL | SF_TOKF_DECADE)) return false;
    if (r->t->end - r->t->begin > 24) return false; /* no real amount is written this long */
    /* "the '93 killings" (or with U+2019): a year cut to two digits */
    if (r->t->end - r->t->begin == 2 && r->i > r->s0 && d->toks.items[r->i - 1].end == r->t->begin) {
        const sf_token *ap = &d->toks.items[r->i - 1];
        size_t al = ap->end - ap->begin;
        bool mark = (al == 1 && d->text[ap->begin] == '\'') ||
                    (al == 3 && memcmp(d->text + ap->begin, "\xE2\x80\x99", 3) == 0);
        if (mark && (ap->begin == 0 || d->text[ap->begin - 1] == ' ' || d->text[ap->begin - 1] == '\n'))
            return false;
    }
    r->v = r->t->value;
    r->ub = r->t->unit_begin, r->ue = r->t->unit_end;
    r->last = r->i;
    /* "12, 000 people", "150, 000": a thousands separator with a space
     * after it (wire copy set by hand). A group of three digits starting
     * with 0 is never an amount on its own, so the pieces are one number. */
    while (r->last + 2 < r->e && is_punct(d, r->last + 1, ',') && is_num(d, r->last + 2) &&
           d->toks.items[r->last + 1].begin == d->toks.items[r->last].end &&
           d->toks.items[r->last + 2].begin == d->toks.items[r->last + 1].end + 1 &&
           d->text[d->toks.items[r->last + 1].end] == ' ') {
        const sf_token *g = &d->toks.items[r->last + 2], *p = &d->toks.items[r->last];
        size_t pn = p->end - p->begin;
        bool digits = pn >= 1 && pn <= 3 && g->end - g->begin == 3 && d->text[g->begin] == '0' &&
                      g->unit_end == g->unit_begin && p->unit_end == p->unit_begin;
        for (size_t k = 0; digits && k < 3; k++) digits = d->text[g->begin + k] >= '0' && d->text[g->begin + k] <= '9';
        for (size_t k = 0; digits && k < pn; k++) digits = d->text[p->begin + k] >= '0' && d->text[p->begin + k] <= '9';
        if (!digits || (r->last != r->i && pn != 3)) break;
        r->v = r->v * 1000 + g->value;
        r->last += 2;
    }
    if (r->last != r->i) return true;
    if (r->i > r->s0 && is_punct(d, r->i - 1, ',') && r->t->end - r->t->begin == 3 && d->text[r->t->begin] == '0')
        return false; /* such a group left over */
    /* times and scores: 10:30, 3-2 */
    if (is_punct(d, r->i + 1, ':') && is_num(d, r->i + 2)) { r->i += 2; return false; }
    if (r->i > r->s0 && is_punct(d, r->i - 1, ':')) return false;
    if (is_word(d, r->i + 1) && (sf__tok_is(d, r->i + 1, "a.m.") || sf__tok_is(d, r->i + 1, "p.m.") ||
                              sf__tok_is(d, r->i + 1, "a.m") || sf__tok_is(d, r->i + 1, "p.m") ||
                              sf__tok_is(d, r->i + 1, "am") || sf__tok_is(d, r->i + 1, "pm") ||
                              sf__tok_is(d, r->i + 1, "gmt") || sf__tok_is(d, r->i + 1, "edt") ||
                              sf__tok_is(d, r->i + 1, "est") || sf__tok_is(d, r->i + 1, "bst")))
        return false;
    /* "3.5-5% body fat", "10-12 hours": two numbers joined by a dash, the
     * second with a unit (its own or the word after it), are a range; with
     * no unit they are a score or a record ("won 3-2") */
    if (r->ue == r->ub && dash(d, r->i + 1) && is_num(d, r->i + 2) && r->i + 2 < r->e &&
        d->toks.items[r->i + 1].begin == r->t->end && d->toks.items[r->i + 2].begin == d->toks.items[r->i + 1].end) {
        const sf_token *b = &d->toks.items[r->i + 2];
        bool unit = b->unit_end > b->unit_begin ||
                    (r->i + 3 < r->e && is_word(d, r->i + 3) &&
                     unit_find(d->text + d->toks.items[r->i + 3].begin,
                               d->toks.items[r->i + 3].end - d->toks.items[r->i + 3].begin));
        if (unit && b->value > r->v && r->v > 0) {
            take_range(r, r->i + 2, b->value, r->t->begin);
            return true;
        }
        r->i += 2;
        return false;
    }
    /* dates: "July 4", "4 July", "July 4, 2017" */
    if (r->i > r->s0 && sf__tok_in(d, r->i - 1, MONTHS)) return false;
    if (r->i + 1 < r->e && sf__tok_in(d, r->i + 1, MONTHS)) return false;
    if (r->i > r->s0 + 1 && is_punct(d, r->i - 1, ',') && is_num(d, r->i - 2) && r->i > r->s0 + 2 &&
        sf__tok_in(d, r->i - 3, MONTHS))
        return false;
    if (r->i > r->s0 && (sf__tok_is(d, r->i - 1, "no") && is_punct(d, r->i, '.'))) return false;
    if (r->i > r->s0 && is_punct(d, r->i - 1, '#')) return false;
    /* "155 to 190", "between 155 and 190": one range, read at
     * the second number; "from 60 to 65" is a change, and the
     * figure it reaches is the one that holds */
    bool between = r->i > r->s0 && sf__tok_is(d, r->i - 1, "between") && sf__tok_is(d, r->i + 1, "and");
    if ((between || sf__tok_is(d, r->i + 1, "to")) && is_num(d, r->i + 2) && r->i + 2 < r->e &&
        !(r->t->value >= 1000 && r->t->value <= 2100 && !has_comma(d, r->i)) &&
        (r->t->unit_end == r->t->unit_begin || r->t->unit_end - r->t->unit_begin ==
         d->toks.items[r->i + 2].unit_end - d->toks.items[r->i + 2].unit_begin)) {
        if (r->i > r->s0 && sf__tok_is(d, r->i - 1, "from")) return false;
        double second = d->toks.items[r->i + 2].value;
        if (second > r->t->value && r->t->value > 0)
            take_range(r, r->i + 2, second, between ? d->toks.items[r->i - 1].begin : r->t->begin);
    }
    return true;
}

/* A number word ("five", "a dozen", "eight-month"): false when it is not one. */
static bool read_number_word(reading *r) {
    const sf_doc *d = r->d;
    const char *w = d->text + r->t->begin;
    size_t wn = r->t->end - r->t->begin;
    const char *h = memchr(w, '-', wn);
    r->v = word_number(w, wn);
    if (r->v == 0 && h) { /* "eight-month", "three-year" */
        r->v = word_number(w, (size_t)(h - w));
        if (r->v > 0 && unit_find(h + 1, wn - (size_t)(h - w) - 1)) {
            r->hy_unit_b = (size_t)(h + 1 - d->text), r->hy_unit_e = r->t->end;
        } else {
            r->v = 0;
        }
    }
    if (r->v == 0) return false;
    r->after_a = r->i > r->s0 && (sf__tok_is(d, r->i - 1, "a") || sf__tok_is(d, r->i - 1, "an"));
    if (sf__tok_in(d, r->i, A_NUMBERS) && !r->after_a) return false;
    r->word_num = true;
    r->ub = r->ue = r->t->end;
    if (r->hy_unit_e) r->ub = r->hy_unit_b, r->ue = r->hy_unit_e;
    /* "five to six hours", "two to three": one range, read at the second
     * word; "from five to six" is a change */
    if (!r->hy_unit_e && r->i + 2 < r->e && sf__tok_is(d, r->i + 1, "to") && is_word(d, r->i + 2) &&
        !(r->i > r->s0 && sf__tok_is(d, r->i - 1, "from"))) {
        const sf_token *b = &d->toks.items[r->i + 2];
        double second = word_number(d->text + b->begin, b->end - b->begin);
        if (second > r->v && !sf__tok_in(d, r->i + 2, A_NUMBERS)) {
            size_t begin = r->t->begin;
            take_range(r, r->i + 2, second, begin);
            r->ub = r->ue = r->t->end;
        }
    }
    return true;
}

/* The qualifier before the number ("about", a range) and where the quantity
 * starts; false for a fraction without a unit. */
static bool read_qualifier(reading *r) {
    const sf_doc *d = r->d;
    r->qq = qualifier_before(d, r->i, r->s0);
    /* "a dozen", "a hundred": the article is part of the number;
     * in "a four-year contract" it introduces the contract */
    r->after_a = r->after_a && sf__tok_in(d, r->i, A_NUMBERS);
    if (r->word_num && r->after_a) r->qq.begin = d->toks.items[r->i - 1].begin;
    if (r->range_ratio > 0) r->qq.kind = 6, r->qq.ratio = r->range_ratio, r->qq.begin = r->range_begin;
    r->q.range = r->range_ratio > 0;
    r->q.begin = r->qq.kind ? r->qq.begin : (r->word_num && r->after_a ? r->qq.begin : r->t->begin);
    r->q.end = d->toks.items[r->last].end;
    r->j = r->last + 1;
    /* "half a mile", "a quarter of a mile": a fraction needs a unit */
    if (r->word_num && r->v < 1) {
        while (r->j < r->e && r->j < r->i + 3 && (sf__tok_is(d, r->j, "a") || sf__tok_is(d, r->j, "an") || sf__tok_is(d, r->j, "of")))
            r->j++;
        const unit_def *fu = is_word(d, r->j) ? unit_find(d->text + d->toks.items[r->j].begin,
                                                        d->toks.items[r->j].end - d->toks.items[r->j].begin) : NULL;
        if (!fu || strcmp(fu->attribute, "share") == 0) return false;
    }
    return true;
}

/* A currency before the number (a code, a symbol set apart or glued): false
 * for glued letters that are no currency. */
static bool read_currency(reading *r) {
    const sf_doc *d = r->d;
    /* a currency code or "US$" written before the number: "EUR 4,500,000" */
    if (r->t->kind == SF_TOK_NUMBER && r->ue == r->ub && r->i > r->s0 && is_word(d, r->i - 1) && r->range_ratio == 0 &&
        (sf__tok_is(d, r->i - 1, "eur") || sf__tok_is(d, r->i - 1, "usd") || sf__tok_is(d, r->i - 1, "gbp") ||
         sf__tok_is(d, r->i - 1, "us$"))) {
        r->ub = d->toks.items[r->i - 1].begin, r->ue = d->toks.items[r->i - 1].end;
        r->q.begin = r->ub;
        const unit_def *cc = unit_find(d->text + r->ub, r->ue - r->ub);
        if (cc) {
            r->q.unit_begin = r->ub, r->q.unit_end = r->ue;
            r->ub = r->ue = 0;
            r->code_cur = cc;
        }
    } else if (r->t->kind == SF_TOK_NUMBER && r->ue == r->ub && r->i > r->s0 && r->range_ratio == 0 &&
               d->toks.items[r->i - 1].kind == SF_TOK_PUNCT && d->toks.items[r->i - 1].end == r->t->begin) {
        /* a symbol the tokenizer left apart: "US$5" */
        const sf_token *sy = &d->toks.items[r->i - 1];
        const unit_def *cc = unit_find(d->text + sy->begin, sy->end - sy->begin);
        if (cc && strcmp(cc->attribute, "amount") == 0) {
            r->q.begin = r->q.unit_begin = sy->begin, r->q.unit_end = sy->end;
            if (r->i > r->s0 + 1 && is_word(d, r->i - 2) && d->toks.items[r->i - 2].end == sy->begin)
                r->q.begin = r->q.unit_begin = d->toks.items[r->i - 2].begin;
            r->code_cur = cc;
        }
    }
    /* currency before the number, glued ("$5") or "US$" */
    r->cur = r->code_cur;
    if (!r->cur && r->t->kind == SF_TOK_NUMBER && r->ub == r->t->begin && r->ue > r->ub) {
        r->cur = unit_find(d->text + r->ub, r->ue - r->ub);
        if (!r->cur) return false;
        r->q.unit_begin = r->ub, r->q.unit_end = r->ue;
        r->ub = r->ue = 0;
    }
    return true;
}

/* The scale after the number: "2 million", "$5m", "$2bn", "five hundred". */
static void read_scale(reading *r) {
    const sf_doc *d = r->d;
    /* scale: "2 million", "$5m", "$2bn" */
    r->sc = 1;
    if (r->ue > r->ub && r->cur == NULL && r->t->kind == SF_TOK_NUMBER) {
        /* glued letters after the digits: a unit or nothing */
    } else if (r->j < r->e && scale_word(d, r->j) > 0) {
        /* "5 billion trillion" multiplies on (and then is dropped as absurd) */
        while (r->j < r->e && scale_word(d, r->j) > 0) {
            r->sc *= scale_word(d, r->j);
            r->q.end = d->toks.items[r->j].end;
            r->j++;
        }
        /* "3 millones de dólares", "2 millions de dollars": the currency
         * after "de" is the unit */
        if (strcmp(d->lang, "en") != 0 && r->j + 1 < r->e && sf__tok_is(d, r->j, "de")) {
            const sf_token *u = &d->toks.items[r->j + 1];
            const unit_def *ud = unit_find(d->text + u->begin, u->end - u->begin);
            if (ud && strcmp(ud->attribute, "amount") == 0) r->j++;
        }
    } else if (r->cur && r->j < r->e && d->toks.items[r->j].begin == r->t->end &&
               (sf__tok_is(d, r->j, "m") || sf__tok_is(d, r->j, "bn") || sf__tok_is(d, r->j, "k"))) {
        r->sc = sf__tok_is(d, r->j, "m") ? 1e6 : sf__tok_is(d, r->j, "bn") ? 1e9 : 1e3;
        r->q.end = d->toks.items[r->j].end;
        r->j++;
    }
    if (r->word_num && r->sc == 1 && r->v >= 1 && r->j < r->e && sf__tok_is(d, r->j, "hundred")) r->sc = 100, r->j++;
    r->v *= r->sc;
}

/* "3 years old", "24 months old": an age in years, not a duration of
 * "old". Written this way the age follows its person ("Evan was 2 years
 * old", "children as young as 3 years old"), so the word "old" is taken
 * with the unit and no thing is read after it. */
static void read_age_words(reading *r) {
    static const unit_def AGES[] = {{"year", "year", "age", 1},
                                    {"month", "year", "age", 1.0 / 12},
                                    {"week", "year", "age", 7 / 365.25},
                                    {"day", "year", "age", 1 / 365.25}};
    const sf_doc *d = r->d;
    if (!r->u || strcmp(r->u->attribute, "duration") != 0 || !sf__tok_is(d, r->j, "old")) return;
    for (size_t k = 0; k < SF_ARRAY_LEN(AGES); k++)
        if (strncmp(r->u->name, AGES[k].name, strlen(AGES[k].name)) == 0) {
            r->u = &AGES[k];
            r->q.end = d->toks.items[r->j].end;
            r->j++;
            return;
        }
}

/* The unit: glued or hyphenated, "square ...", a percent sign, or the word
 * after the number; false for glued letters that are no unit. */
static bool read_unit(reading *r) {
    const sf_doc *d = r->d;
    r->u = r->cur;
    r->square = false;
    if (!r->u && r->ue > r->ub) { /* glued or hyphenated unit */
        r->u = unit_find(d->text + r->ub, r->ue - r->ub);
        if (!r->u && r->ue - r->ub == 2 && (d->text[r->ub] == 'b' || d->text[r->ub] == 'm') && d->text[r->ub + 1] == 'n')
            r->u = NULL;
        if (!r->u) return false; /* "5zork": not a unit anyone writes */
        r->q.unit_begin = r->ub, r->q.unit_end = r->ue;
        /* "25-year-old" */
        static const unit_def AGE = {"year", "year", "age", 1};
        if (strcmp(r->u->name, "year") == 0 && is_punct(d, r->j, '-') && sf__tok_is(d, r->j + 1, "old")) {
            r->u = &AGE;
            r->q.end = d->toks.items[r->j + 1].end;
            r->j += 2;
        } else if (strcmp(r->u->name, "year") == 0 && sf__tok_is(d, r->j, "old")) { /* "19-year old" */
            r->u = &AGE;
            r->q.end = d->toks.items[r->j].end;
            r->j += 1;
        }
    } else if (!r->u && r->j < r->e && (sf__tok_is(d, r->j, "square") || sf__tok_is(d, r->j, "sq")) &&
               r->j + 1 < r->e && is_word(d, r->j + 1)) {
        const unit_def *l = unit_find(d->text + d->toks.items[r->j + 1].begin,
                                      d->toks.items[r->j + 1].end - d->toks.items[r->j + 1].begin);
        if (l && strcmp(l->base, "m") == 0) {
            r->u = l, r->square = true;
            r->q.unit_begin = d->toks.items[r->j].begin, r->q.unit_end = d->toks.items[r->j + 1].end;
            r->q.end = r->q.unit_end;
            r->j += 2;
        }
    } else if (!r->u && r->j < r->e && (r->t->flags & SF_TOKF_PERCENT)) {
        r->u = unit_find("%", 1);
    } else if (!r->u && r->j < r->e && is_word(d, r->j)) {
        const unit_def *w = unit_find(d->text + d->toks.items[r->j].begin,
                                      d->toks.items[r->j].end - d->toks.items[r->j].begin);
        if ((sf__tok_is(d, r->j, "u.s.") || sf__tok_is(d, r->j, "us")) && r->j + 1 < r->e &&
            (sf__tok_is(d, r->j + 1, "dollars") || sf__tok_is(d, r->j + 1, "dollar"))) {
            r->j++; /* "1.7 billion U.S. dollars" */
            w = unit_find("dollars", 7);
        }
        if (sf__tok_is(d, r->j, "percentage") && (sf__tok_is(d, r->j + 1, "points") || sf__tok_is(d, r->j + 1, "point"))) {
            w = unit_find("%", 1);
            r->q.unit_begin = d->toks.items[r->j].begin, r->q.unit_end = d->toks.items[r->j + 1].end;
            r->q.end = r->q.unit_end;
            r->j += 2;
            r->u = w;
        } else if (sf__tok_is(d, r->j, "per") && sf__tok_is(d, r->j + 1, "cent")) {
            w = unit_find("%", 1);
            r->q.unit_begin = d->toks.items[r->j].begin, r->q.unit_end = d->toks.items[r->j + 1].end;
            r->q.end = r->q.unit_end;
            r->j += 2;
            r->u = w;
        } else if (w) {
            /* "pounds" after a scale word is money, not weight */
            if ((sf__tok_is(d, r->j, "pounds") || sf__tok_is(d, r->j, "pound")) && r->sc >= 1e6)
                w = unit_find("\xc2\xa3", 2);
            r->u = w;
            r->q.unit_begin = d->toks.items[r->j].begin, r->q.unit_end = d->toks.items[r->j].end;
            r->q.end = r->q.unit_end;
            r->j++;
            read_age_words(r);
        }
    } else if (r->t->flags & SF_TOKF_PERCENT) {
        r->u = unit_find("%", 1);
    }
    if (r->u && strcmp(r->u->name, "%") == 0 && (r->t->flags & SF_TOKF_PERCENT)) {
        r->q.unit_begin = r->t->unit_begin, r->q.unit_end = r->t->unit_end;
    }
    return true;
}

/* A speed ("km/h", "km an hour", "miles per hour"): pushed, *done set. */
static sf_status push_speed(reading *r, sf_quantvec *out, bool *done) {
    const sf_doc *d = r->d;
    if (r->u && strcmp(r->u->base, "m") == 0 && !r->square) {
        size_t k = r->j;
        if (is_punct(d, k, '/') && (sf__tok_is(d, k + 1, "h") || sf__tok_is(d, k + 1, "hr"))) k += 2;
        else if ((sf__tok_is(d, k, "per") || sf__tok_is(d, k, "an") || sf__tok_is(d, k, "a")) &&
                 sf__tok_is(d, k + 1, "hour"))
            k += 2;
        if (k > r->j) {
            r->q.value = r->v * r->u->factor / 3600.0;
            r->q.base = "m/s", r->q.attribute = "speed";
            r->q.end = d->toks.items[k - 1].end;
            r->q.unit_end = r->q.end;
            apply_qual(&r->qq, r->q.value, &r->q.low, &r->q.high);
            thing_after(d, k, r->e, &r->q.thing_begin, &r->q.thing_end);
            SF_TRY(push(out, &r->q));
            r->i = k - 1;
            *done = true;
        return SF_OK;
        }
    }
    return SF_OK;
}

/* A bare number: a count when a plural noun follows (up to two modifiers
 * before it), a population after "the city of"; else nothing. */
static sf_status push_count(reading *r, sf_quantvec *out) {
    const sf_doc *d = r->d;
    /* a bare number: a count if a plural noun follows */
    if (r->word_num && r->v == 1) return SF_OK;
    if (r->t->kind == SF_TOK_NUMBER && r->t->value >= 1000 && r->t->value <= 2100 &&
        r->t->value == floor(r->t->value) && !has_comma(d, r->i) && r->sc == 1) {
        if (r->i > r->s0 && sf__tok_in(d, r->i - 1, YEAR_PREP)) return SF_OK;
        if (!plural_noun(d, r->j)) return SF_OK;
    }
    /* part of a name: "Boeing 747", "Resolution 1441" (not after
     * a possessive, a weekday or a month) */
    if (r->i > r->s0 && is_word(d, r->i - 1) && (d->toks.items[r->i - 1].flags & SF_TOKF_CAPITAL) &&
        r->i - 1 != r->s0 && r->sc == 1 && !possessive(d, r->i - 1) && !sf__tok_in(d, r->i - 1, WEEKDAY) &&
        !stop_word(d, r->i - 1) /* "-- About 2,000": a capital after a dash */)
        return SF_OK;
    /* a number word written with a capital inside a sentence, before a
     * capitalized word, is part of a name: "Two Securities Centre",
     * "Three Mile Island" (at a sentence's start it may be a count: "Two
     * Israelis were arrested") */
    if (r->word_num && (r->t->flags & SF_TOKF_CAPITAL) && !(r->t->flags & SF_TOKF_ALLCAPS) && is_word(d, r->j) &&
        (d->toks.items[r->j].flags & SF_TOKF_CAPITAL) && !(r->i > r->s0 && is_punct(d, r->i - 1, ':'))) {
        /* only marks before it in its sentence, or a dateline's dash
         * ("LARNACA, Cyprus (AP) _ Two Israelis", "GENEVA (Xinhua) --") */
        bool opening = r->i == r->s0 || sf__tok_dash(d, r->i - 1) != 0 || is_punct(d, r->i - 1, '_');
        for (size_t k = r->s0; k < r->i && !opening; k++) {
            if (d->toks.items[k].kind != SF_TOK_PUNCT) break;
            opening = k + 1 == r->i;
        }
        if (!opening) return SF_OK;
    }
    size_t k = r->j;
    while (k < r->e && k < r->j + 2 && is_word(d, k) && sf__tok_in(d, k, SKIP_BEFORE_NOUN)) k++;
    /* up to two modifiers before the counted noun ("20,000
     * intercountry adoptions", "50 African heads") */
    if (!plural_noun(d, k)) {
        for (size_t x = k + 1; x < r->e && x <= k + 2; x++) {
            if (!is_word(d, x - 1) || stop_word(d, x - 1)) break;
            if (plural_noun(d, x)) {
                k = x;
                break;
            }
        }
    }
    bool noun = plural_noun(d, k) || (is_word(d, k) && (d->toks.items[k].flags & SF_TOKF_CAPITAL) &&
                                       !(d->toks.items[k].flags & SF_TOKF_ALLCAPS) && k > r->s0 &&
                                       d->text[d->toks.items[k].end - 1] == 's');
    /* "the city of 435,000 (people)": a population, not a count */
    if (population_cue(d, r->i, r->s0) &&
        (!noun || sf__tok_in(d, k, (const char *const[]){"people", "inhabitants", "residents", NULL}))) {
        r->q.base = "count", r->q.attribute = "population";
        r->q.value = r->v;
        apply_qual(&r->qq, r->v, &r->q.low, &r->q.high);
        r->q.unit_begin = r->q.unit_end = r->q.end;
        SF_TRY(push(out, &r->q));
        r->i = r->j - 1;
        return SF_OK;
    }
    /* "the death toll rose to 84": a count of the dead */
    if (!noun) {
        size_t at;
        const char *ev = toll_cue(d, r->i, r->s0, r->e, &at);
        if (at != SIZE_MAX) {
            r->q.base = "count", r->q.attribute = "number";
            r->q.value = r->v;
            apply_qual(&r->qq, r->v, &r->q.low, &r->q.high);
            r->q.unit_begin = r->q.unit_end = r->q.end;
            r->q.thing_begin = d->toks.items[at].begin, r->q.thing_end = d->toks.items[at].end;
            r->q.event = ev;
            SF_TRY(push(out, &r->q));
            r->i = r->j - 1;
            return SF_OK;
        }
    }
    /* "a 12-member panel", "200 of our fighters" */
    if (!noun && !(r->sc > 1 && r->t->kind == SF_TOK_NUMBER)) return SF_OK;
    if (!noun && r->sc > 1) return SF_OK;
    r->q.base = "count", r->q.attribute = "number";
    r->q.value = r->v;
    apply_qual(&r->qq, r->v, &r->q.low, &r->q.high);
    r->q.unit_begin = r->q.unit_end = r->q.end;
    r->q.thing_begin = d->toks.items[k].begin, r->q.thing_end = d->toks.items[k].end;
    r->q.event = event_near(d, k, r->e, r->s0);
    SF_TRY(push(out, &r->q));
    r->i = r->j - 1;
    return SF_OK;
}

/* A number with a unit (not "five years ago", not "$5m" read as metres). */
static sf_status push_measure(reading *r, sf_quantvec *out) {
    const sf_doc *d = r->d;
    if (strcmp(r->u->attribute, "duration") == 0 && sf__tok_is(d, r->j, "ago")) {
        r->i = r->j;
        return SF_OK;
    }
    double f = r->square ? r->u->factor * r->u->factor : r->u->factor;
    if (r->square && strcmp(r->u->base, "m") == 0) r->q.base = "m2", r->q.attribute = "area";
    else r->q.base = r->u->base, r->q.attribute = r->u->attribute;
    if (strcmp(r->u->name, "m") == 0 && r->cur == NULL && r->ue > r->ub && r->sc == 1 && r->i > r->s0 &&
        is_punct(d, r->i - 1, '$'))
        return SF_OK;
    r->q.value = r->v * f;
    /* "5 feet 8 inches", "2 hours and 15 minutes", "3 pounds 4 ounces":
     * one measure written in two units of one kind, the second smaller */
    size_t k = r->j;
    if (k < r->e && sf__tok_is(d, k, "and")) k++;
    if (!r->square && r->range_ratio == 0 && k + 1 < r->e && is_num(d, k) &&
        d->toks.items[k].unit_end == d->toks.items[k].unit_begin && is_word(d, k + 1)) {
        const unit_def *u2 = unit_find(d->text + d->toks.items[k + 1].begin,
                                       d->toks.items[k + 1].end - d->toks.items[k + 1].begin);
        if (u2 && strcmp(u2->base, r->u->base) == 0 && strcmp(u2->attribute, r->u->attribute) == 0 &&
            u2->factor < r->u->factor && d->toks.items[k].value * u2->factor < r->u->factor) {
            r->q.value += d->toks.items[k].value * u2->factor;
            r->q.end = d->toks.items[k + 1].end;
            r->j = k + 2;
        }
    }
    apply_qual(&r->qq, r->q.value, &r->q.low, &r->q.high);
    if (strcmp(r->q.attribute, "amount") == 0 || strcmp(r->q.attribute, "share") == 0) {
        thing_after(d, r->j, r->e, &r->q.thing_begin, &r->q.thing_end);
        if (r->q.thing_end == 0) r->q.thing_begin = r->q.thing_end = 0;
    } else {
        thing_after(d, r->j, r->e, &r->q.thing_begin, &r->q.thing_end);
    }
    SF_TRY(push(out, &r->q));
    r->i = r->j > r->i ? r->j - 1 : r->i;
    return SF_OK;
}

/* The value of a plain number at token i, a numeral or a number word (0:
 * none). */
static double plain_number(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->kind == SF_TOK_NUMBER)
        return t->unit_end == t->unit_begin && !(t->flags & (SF_TOKF_ORDINAL | SF_TOKF_DECADE)) ? t->value : 0;
    return t->kind == SF_TOK_WORD ? word_number(d->text + t->begin, t->end - t->begin) : 0;
}

/* A proportion at token i: "14 out of every 100 Kenyans", "1 in 3
 * Americans", "nine out of ten doctors", "two of every five children".
 * It is a share (14 %), not a count of 100 Kenyans: read as a count, the
 * second number would agree with any other 100 of the story. Pushed as a
 * share with *taken set and *ip at its last token. */
static sf_status proportion_at(const sf_doc *d, size_t s, size_t *ip, size_t e, sf_quantvec *out, bool *taken) {
    size_t i = *ip, k = i + 1;
    double n = plain_number(d, i);
    if (n <= 0 || k >= e) return SF_OK;
    if (sf__tok_is(d, k, "out") && k + 1 < e && sf__tok_is(d, k + 1, "of")) k += 2;
    else if (sf__tok_is(d, k, "in") || (sf__tok_is(d, k, "of") && k + 1 < e && sf__tok_is(d, k + 1, "every"))) k++;
    else return SF_OK;
    bool every = k < e && sf__tok_is(d, k, "every");
    if (every) k++;
    if (k >= e) return SF_OK;
    double m = plain_number(d, k);
    /* "1 in 3", "one in 1,000": not a year ("two in 2019") nor a measure
     * ("three in 100 days") */
    if (m <= n || (m >= 1000 && m <= 2100 && !has_comma(d, k)) ||
        (k + 1 < e && is_word(d, k + 1) && unit_find(d->text + d->toks.items[k + 1].begin,
                                                      d->toks.items[k + 1].end - d->toks.items[k + 1].begin)))
        return SF_OK;
    sf_quantity q;
    memset(&q, 0, sizeof q);
    q.sentence = s;
    q.begin = d->toks.items[i].begin, q.end = d->toks.items[k].end;
    q.unit_begin = q.unit_end = q.end;
    const unit_def *pct = unit_find("%", 1);
    q.base = pct->base, q.attribute = pct->attribute;
    q.value = q.low = q.high = 100.0 * n / m;
    thing_after(d, k + 1, e, &q.thing_begin, &q.thing_end);
    SF_TRY(push(out, &q));
    *ip = k;
    *taken = true;
    return SF_OK;
}

/* The quantity, if any, that starts at token *ip of sentence s, pushed;
 * *ip is left at the last token it used. */
static sf_status quantity_at(const sf_doc *d, size_t s, size_t *ip, sf_quantvec *out) {
    size_t s0 = d->sent_tok[s], e = d->sent_tok[s + 1];
    bool taken = false;
    SF_TRY(vague_at(d, s, ip, s0, e, out, &taken));
    if (!taken) SF_TRY(proportion_at(d, s, ip, e, out, &taken));
    if (taken) return SF_OK;
    reading r = {.d = d, .s0 = s0, .e = e, .i = *ip, .last = *ip, .t = &d->toks.items[*ip]};
    memset(&r.q, 0, sizeof r.q);
    r.q.sentence = s;
    sf_status st = SF_OK;
    bool on = r.t->kind == SF_TOK_NUMBER ? read_number_token(&r)
              : r.t->kind == SF_TOK_WORD ? read_number_word(&r)
                                         : false;
    if (on && read_qualifier(&r) && read_currency(&r)) {
        read_scale(&r);
        bool done = false;
        if (read_unit(&r) && (st = push_speed(&r, out, &done)) == SF_OK && !done)
            st = r.u ? push_measure(&r, out) : push_count(&r, out);
    }
    *ip = r.i;
    return st;
}

sf_status sf__find_quantities(const sf_doc *d, sf_quantvec *out) {
    size_t first = out->n;
    for (size_t s = 0; s < d->sents.n; s++)
        for (size_t i = d->sent_tok[s]; i < d->sent_tok[s + 1]; i++) SF_TRY(quantity_at(d, s, &i, out));
    for (size_t k = first; k < out->n; k++) describe(d, &out->items[k]);
    return SF_OK;
}

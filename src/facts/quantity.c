/* quantity.c - amounts in news sentences: a number (digits or words) with
 * its scale ("2 million"), unit ("2.5km", "2,500-meter", "$5", "12%"),
 * qualifier ("up to", "more than", "about") and what it counts or measures,
 * normalized to a base unit; vague amounts ("tens of thousands", "a few
 * hundred") become ranges. The unit table is hand-written: it is small, and
 * ICU's MeasureUnit parses identifiers, not news prose. */
#include "facts.h"

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
};

static const unit_def *unit_find(const char *s, size_t n) {
    if (n == 0 || n > 16) return NULL;
    for (size_t i = 0; i < SF_ARRAY_LEN(UNITS); i++)
        if (strlen(UNITS[i].name) == n && sf__view_eq_nocase(sf__view(s, n), sf__view_cstr(UNITS[i].name)))
            return &UNITS[i];
    return NULL;
}

static const struct { const char *w; double v; } WORDNUM[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
    {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50},
    {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90}, {"dozen", 12},
};

/* Value of a number word, or of "twenty-five"; 0 when it is not one. */
static double word_number(const char *s, size_t n) {
    for (size_t i = 0; i < SF_ARRAY_LEN(WORDNUM); i++)
        if (strlen(WORDNUM[i].w) == n && sf__view_eq_nocase(sf__view(s, n), sf__view_cstr(WORDNUM[i].w)))
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
    if (sf__tok_is(d, i, "trillion")) return 1e12;
    return 0;
}

static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december",
                                     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                                     "sept", "oct", "nov", "dec", NULL};
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
};

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
    return sf__is_stopword("en", w, n);
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
    *tb = d->toks.items[j].begin;
    *te = d->toks.items[j].end;
}

/* The participle nearest the counted noun (token a), within the sentence. */
static const char *event_near(const sf_doc *d, size_t a, size_t e, size_t s0) {
    const char *best = NULL;
    size_t bestd = SIZE_MAX;
    for (size_t k = s0; k < e; k++) {
        const char *ev = event_of(d, k);
        if (!ev) continue;
        size_t dist = k > a ? k - a : a - k;
        if (dist <= 8 && dist < bestd) bestd = dist, best = ev;
    }
    return best;
}

typedef struct qual {
    int kind; /* 0 exact, 1 up to, 2 at least, 3 at most, 4 about, 5 nearly */
    size_t begin;
} qual;

static qual qualifier_before(const sf_doc *d, size_t i, size_t s0) {
    qual q = {0, d->toks.items[i].begin};
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

sf_status sf__find_quantities(const sf_doc *d, sf_quantvec *out) {
    for (size_t s = 0; s < d->sents.n; s++) {
        size_t s0 = d->sent_tok[s], e = d->sent_tok[s + 1];
        for (size_t i = s0; i < e; i++) {
            sf_quantity q;
            memset(&q, 0, sizeof q);
            q.sentence = s;
            const sf_token *t = &d->toks.items[i];
            double lo, hi;
            size_t used = (t->kind == SF_TOK_WORD) ? vague(d, i, e, &lo, &hi) : 0;
            if (used) {
                qual qq = qualifier_before(d, i, s0);
                size_t j = i + used;
                q.begin = qq.kind ? qq.begin : t->begin;
                q.end = d->toks.items[j - 1].end;
                q.low = lo, q.high = hi, q.value = lo;
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
                i = j - 1;
                continue;
            }
            double v = 0;
            size_t ub = 0, ue = 0; /* glued unit */
            bool word_num = false;
            size_t hy_unit_b = 0, hy_unit_e = 0;
            if (t->kind == SF_TOK_NUMBER) {
                if (t->flags & (SF_TOKF_ORDINAL | SF_TOKF_DECADE)) continue;
                if (t->end - t->begin > 24) continue; /* no real amount is written this long */
                v = t->value;
                ub = t->unit_begin, ue = t->unit_end;
                /* times and scores: 10:30, 3-2 */
                if (is_punct(d, i + 1, ':') && is_num(d, i + 2)) { i += 2; continue; }
                if (i > s0 && is_punct(d, i - 1, ':')) continue;
                if (is_word(d, i + 1) && (sf__tok_is(d, i + 1, "a.m.") || sf__tok_is(d, i + 1, "p.m.") ||
                                          sf__tok_is(d, i + 1, "a.m") || sf__tok_is(d, i + 1, "p.m") ||
                                          sf__tok_is(d, i + 1, "am") || sf__tok_is(d, i + 1, "pm") ||
                                          sf__tok_is(d, i + 1, "gmt") || sf__tok_is(d, i + 1, "edt") ||
                                          sf__tok_is(d, i + 1, "est") || sf__tok_is(d, i + 1, "bst")))
                    continue;
                if (ue == ub && is_punct(d, i + 1, '-') && is_num(d, i + 2) &&
                    d->toks.items[i + 1].begin == t->end)
                    { i += 2; continue; }
                /* dates: "July 4", "4 July", "July 4, 2017" */
                if (i > s0 && sf__tok_in(d, i - 1, MONTHS)) continue;
                if (i + 1 < e && sf__tok_in(d, i + 1, MONTHS)) continue;
                if (i > s0 + 1 && is_punct(d, i - 1, ',') && is_num(d, i - 2) && i > s0 + 2 &&
                    sf__tok_in(d, i - 3, MONTHS))
                    continue;
                if (i > s0 && (sf__tok_is(d, i - 1, "no") && is_punct(d, i, '.'))) continue;
                if (i > s0 && is_punct(d, i - 1, '#')) continue;
            } else if (t->kind == SF_TOK_WORD) {
                const char *w = d->text + t->begin;
                size_t wn = t->end - t->begin;
                const char *h = memchr(w, '-', wn);
                v = word_number(w, wn);
                if (v == 0 && h) { /* "eight-month", "three-year" */
                    v = word_number(w, (size_t)(h - w));
                    if (v > 0 && unit_find(h + 1, wn - (size_t)(h - w) - 1)) {
                        hy_unit_b = (size_t)(h + 1 - d->text), hy_unit_e = t->end;
                    } else {
                        v = 0;
                    }
                }
                if (v == 0) continue;
                if (sf__tok_is(d, i, "dozen") && !(i > s0 && sf__tok_is(d, i - 1, "a"))) continue;
                word_num = true;
                ub = ue = t->end;
                if (hy_unit_e) ub = hy_unit_b, ue = hy_unit_e;
            } else {
                continue;
            }
            qual qq = qualifier_before(d, i, s0);
            if (word_num && sf__tok_is(d, i, "dozen")) qq.begin = d->toks.items[i - 1].begin;
            q.begin = qq.kind ? qq.begin : (word_num && sf__tok_is(d, i, "dozen") ? qq.begin : t->begin);
            q.end = t->end;
            size_t j = i + 1;
            /* currency before the number, glued ("$5") or "US$" */
            const unit_def *cur = NULL;
            if (t->kind == SF_TOK_NUMBER && ub == t->begin && ue > ub) {
                cur = unit_find(d->text + ub, ue - ub);
                if (!cur) continue;
                q.unit_begin = ub, q.unit_end = ue;
                ub = ue = 0;
            }
            /* scale: "2 million", "$5m", "$2bn" */
            double sc = 1;
            if (ue > ub && cur == NULL && t->kind == SF_TOK_NUMBER) {
                /* glued letters after the digits: a unit or nothing */
            } else if (j < e && scale_word(d, j) > 0) {
                /* "5 billion trillion" multiplies on (and then is dropped as absurd) */
                while (j < e && scale_word(d, j) > 0) {
                    sc *= scale_word(d, j);
                    q.end = d->toks.items[j].end;
                    j++;
                }
            } else if (cur && j < e && d->toks.items[j].begin == t->end &&
                       (sf__tok_is(d, j, "m") || sf__tok_is(d, j, "bn") || sf__tok_is(d, j, "k"))) {
                sc = sf__tok_is(d, j, "m") ? 1e6 : sf__tok_is(d, j, "bn") ? 1e9 : 1e3;
                q.end = d->toks.items[j].end;
                j++;
            }
            if (word_num && sc == 1 && v >= 1 && j < e && sf__tok_is(d, j, "hundred")) sc = 100, j++;
            v *= sc;
            const unit_def *u = cur;
            bool square = false;
            if (!u && ue > ub) { /* glued or hyphenated unit */
                u = unit_find(d->text + ub, ue - ub);
                if (!u && ue - ub == 2 && (d->text[ub] == 'b' || d->text[ub] == 'm') && d->text[ub + 1] == 'n')
                    u = NULL;
                if (!u) continue; /* "5zork": not a unit anyone writes */
                q.unit_begin = ub, q.unit_end = ue;
                /* "25-year-old" */
                static const unit_def AGE = {"year", "year", "age", 1};
                if (strcmp(u->name, "year") == 0 && is_punct(d, j, '-') && sf__tok_is(d, j + 1, "old")) {
                    u = &AGE;
                    q.end = d->toks.items[j + 1].end;
                    j += 2;
                } else if (strcmp(u->name, "year") == 0 && sf__tok_is(d, j, "old")) { /* "19-year old" */
                    u = &AGE;
                    q.end = d->toks.items[j].end;
                    j += 1;
                }
            } else if (!u && j < e && (sf__tok_is(d, j, "square") || sf__tok_is(d, j, "sq")) &&
                       j + 1 < e && is_word(d, j + 1)) {
                const unit_def *l = unit_find(d->text + d->toks.items[j + 1].begin,
                                              d->toks.items[j + 1].end - d->toks.items[j + 1].begin);
                if (l && strcmp(l->base, "m") == 0) {
                    u = l, square = true;
                    q.unit_begin = d->toks.items[j].begin, q.unit_end = d->toks.items[j + 1].end;
                    q.end = q.unit_end;
                    j += 2;
                }
            } else if (!u && j < e && (t->flags & SF_TOKF_PERCENT)) {
                u = unit_find("%", 1);
            } else if (!u && j < e && is_word(d, j)) {
                const unit_def *w = unit_find(d->text + d->toks.items[j].begin,
                                              d->toks.items[j].end - d->toks.items[j].begin);
                if ((sf__tok_is(d, j, "u.s.") || sf__tok_is(d, j, "us")) && j + 1 < e &&
                    (sf__tok_is(d, j + 1, "dollars") || sf__tok_is(d, j + 1, "dollar"))) {
                    j++; /* "1.7 billion U.S. dollars" */
                    w = unit_find("dollars", 7);
                }
                if (sf__tok_is(d, j, "percentage") && (sf__tok_is(d, j + 1, "points") || sf__tok_is(d, j + 1, "point"))) {
                    w = unit_find("%", 1);
                    q.unit_begin = d->toks.items[j].begin, q.unit_end = d->toks.items[j + 1].end;
                    q.end = q.unit_end;
                    j += 2;
                    u = w;
                } else if (sf__tok_is(d, j, "per") && sf__tok_is(d, j + 1, "cent")) {
                    w = unit_find("%", 1);
                    q.unit_begin = d->toks.items[j].begin, q.unit_end = d->toks.items[j + 1].end;
                    q.end = q.unit_end;
                    j += 2;
                    u = w;
                } else if (w) {
                    /* "pounds" after a scale word is money, not weight */
                    if ((sf__tok_is(d, j, "pounds") || sf__tok_is(d, j, "pound")) && sc >= 1e6)
                        w = unit_find("\xc2\xa3", 2);
                    u = w;
                    q.unit_begin = d->toks.items[j].begin, q.unit_end = d->toks.items[j].end;
                    q.end = q.unit_end;
                    j++;
                }
            } else if (t->flags & SF_TOKF_PERCENT) {
                u = unit_find("%", 1);
            }
            if (u && strcmp(u->name, "%") == 0 && (t->flags & SF_TOKF_PERCENT)) {
                q.unit_begin = t->unit_begin, q.unit_end = t->unit_end;
            }
            /* speed: "km/h", "km an hour", "miles per hour" */
            if (u && strcmp(u->base, "m") == 0 && !square) {
                size_t k = j;
                if (is_punct(d, k, '/') && (sf__tok_is(d, k + 1, "h") || sf__tok_is(d, k + 1, "hr"))) k += 2;
                else if ((sf__tok_is(d, k, "per") || sf__tok_is(d, k, "an") || sf__tok_is(d, k, "a")) &&
                         sf__tok_is(d, k + 1, "hour"))
                    k += 2;
                if (k > j) {
                    static unit_def sp;
                    (void)sp;
                    q.value = v * u->factor / 3600.0;
                    q.base = "m/s", q.attribute = "speed";
                    q.end = d->toks.items[k - 1].end;
                    q.unit_end = q.end;
                    apply_qual(&qq, q.value, &q.low, &q.high);
                    thing_after(d, k, e, &q.thing_begin, &q.thing_end);
                    SF_TRY(push(out, &q));
                    i = k - 1;
                    continue;
                }
            }
            if (!u) {
                /* a bare number: a count if a plural noun follows */
                if (word_num && v == 1) continue;
                if (t->kind == SF_TOK_NUMBER && t->value >= 1000 && t->value <= 2100 &&
                    t->value == floor(t->value) && !has_comma(d, i) && sc == 1) {
                    if (i > s0 && sf__tok_in(d, i - 1, YEAR_PREP)) continue;
                    if (!plural_noun(d, j)) continue;
                }
                /* part of a name: "Boeing 747", "Resolution 1441" (not after
                 * a possessive, a weekday or a month) */
                if (i > s0 && is_word(d, i - 1) && (d->toks.items[i - 1].flags & SF_TOKF_CAPITAL) &&
                    i - 1 != s0 && sc == 1 && !possessive(d, i - 1) && !sf__tok_in(d, i - 1, WEEKDAY) &&
                    !stop_word(d, i - 1) /* "-- About 2,000": a capital after a dash */)
                    continue;
                size_t k = j;
                while (k < e && k < j + 2 && is_word(d, k) && sf__tok_in(d, k, SKIP_BEFORE_NOUN)) k++;
                /* up to two modifiers before the counted noun ("20,000
                 * intercountry adoptions", "50 African heads") */
                if (!plural_noun(d, k)) {
                    for (size_t x = k + 1; x < e && x <= k + 2; x++) {
                        if (!is_word(d, x - 1) || stop_word(d, x - 1)) break;
                        if (plural_noun(d, x)) {
                            k = x;
                            break;
                        }
                    }
                }
                bool noun = plural_noun(d, k) || (is_word(d, k) && (d->toks.items[k].flags & SF_TOKF_CAPITAL) &&
                                                   !(d->toks.items[k].flags & SF_TOKF_ALLCAPS) && k > s0 &&
                                                   d->text[d->toks.items[k].end - 1] == 's');
                /* "a 12-member panel", "200 of our fighters" */
                if (!noun && !(sc > 1 && t->kind == SF_TOK_NUMBER)) continue;
                if (!noun && sc > 1) continue;
                q.base = "count", q.attribute = "number";
                q.value = v;
                apply_qual(&qq, v, &q.low, &q.high);
                q.unit_begin = q.unit_end = q.end;
                q.thing_begin = d->toks.items[k].begin, q.thing_end = d->toks.items[k].end;
                q.event = event_near(d, k, e, s0);
                SF_TRY(push(out, &q));
                i = j - 1;
                continue;
            }
            /* "five years ago" is a date, not a duration */
            if (strcmp(u->attribute, "duration") == 0 && sf__tok_is(d, j, "ago")) {
                i = j;
                continue;
            }
            double f = square ? u->factor * u->factor : u->factor;
            if (square && strcmp(u->base, "m") == 0) q.base = "m2", q.attribute = "area";
            else q.base = u->base, q.attribute = u->attribute;
            if (strcmp(u->name, "m") == 0 && cur == NULL && ue > ub && sc == 1 && i > s0 &&
                is_punct(d, i - 1, '$'))
                continue;
            q.value = v * f;
            apply_qual(&qq, q.value, &q.low, &q.high);
            if (strcmp(q.attribute, "amount") == 0 || strcmp(q.attribute, "share") == 0) {
                thing_after(d, j, e, &q.thing_begin, &q.thing_end);
                if (q.thing_end == 0) q.thing_begin = q.thing_end = 0;
            } else {
                thing_after(d, j, e, &q.thing_begin, &q.thing_end);
            }
            SF_TRY(push(out, &q));
            i = j > i ? j - 1 : i;
        }
    }
    return SF_OK;
}

/* dates.c - dates as news writes them: "July 4, 2017", "4 July", "March
 * 2003", "in 1999", and relative ones ("on Monday", "yesterday", "last
 * year") resolved against the publication time when it is known. Each date
 * is tied to the verb it qualifies, so a breach on Monday and a statement on
 * Tuesday are two events, not two answers to one question. */
#include "facts.h"

#include <stdio.h>

static const char *const MONTH_NAMES[] = {"january", "february", "march", "april", "may", "june",
                                          "july", "august", "september", "october", "november",
                                          "december"};
static const char *const MONTH_ABBR[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const WEEKDAYS[] = {"sunday", "monday", "tuesday", "wednesday",
                                       "thursday", "friday", "saturday"};
static const char *const IRREGULAR_PAST[] = {
    "said", "told", "began", "took", "made", "broke", "fell", "hit", "won", "lost", "left",
    "came", "went", "met", "held", "gave", "struck", "seized", "overran", "fled", "began",
    "rose", "sent", "spoke", "wrote", "shot", "ran", "led", "saw", "got", "put", "set", "sold",
    "caught", "brought", "fought", "thought", "built", "drove", "flew", "stood", "bought", "took",
    "says", "say", NULL};

static int month_of(const sf_doc *d, size_t i) {
    for (int m = 0; m < 12; m++) {
        if (sf__tok_is(d, i, MONTH_NAMES[m])) return m + 1;
        /* "Sept." and "Aug." are written with a period token after them */
        if (m != 4 && sf__tok_is(d, i, MONTH_ABBR[m]) && i + 1 < d->toks.n &&
            d->text[d->toks.items[i + 1].begin] == '.')
            return m + 1;
    }
    if (sf__tok_is(d, i, "sept") && i + 1 < d->toks.n && d->text[d->toks.items[i + 1].begin] == '.') return 9;
    return 0;
}

static bool capital(const sf_doc *d, size_t i) { return (d->toks.items[i].flags & SF_TOKF_CAPITAL) != 0; }

static int num_at(const sf_doc *d, size_t i, double lo, double hi) {
    if (i >= d->toks.n) return 0;
    const sf_token *t = &d->toks.items[i];
    if (t->kind != SF_TOK_NUMBER || t->value < lo || t->value > hi || t->value != (double)(int)t->value)
        return 0;
    if (memchr(d->text + t->begin, ',', t->end - t->begin)) return 0;
    return (int)t->value;
}

/* Proleptic Gregorian date of a day count since 1970-01-01 (the inverse of
 * sf__days_from_civil; Hinnant's civil_from_days). */
static void civil_from_days(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

static bool past_verb(const sf_doc *d, size_t i) {
    const sf_token *t = &d->toks.items[i];
    if (t->kind != SF_TOK_WORD || capital(d, i)) return false;
    size_t n = t->end - t->begin;
    if (sf__tok_in(d, i, IRREGULAR_PAST) || sf__tok_in(d, i, sf__speech_verbs)) return true;
    return n > 4 && memcmp(d->text + t->end - 2, "ed", 2) == 0;
}

static void attach_event(const sf_doc *d, size_t s, size_t a, size_t b, sf_date *dt) {
    size_t s0 = d->sent_tok[s], e = d->sent_tok[s + 1];
    size_t best = SIZE_MAX;
    for (size_t k = a; k > s0 && a - k < 14; k--)
        if (past_verb(d, k - 1)) {
            best = k - 1;
            break;
        }
    if (best == SIZE_MAX)
        for (size_t k = b; k < e && k - b < 6; k++)
            if (past_verb(d, k)) {
                best = k;
                break;
            }
    if (best == SIZE_MAX) return;
    dt->event_begin = d->toks.items[best].begin;
    dt->event_end = d->toks.items[best].end;
    dt->statement = sf__tok_in(d, best, sf__speech_verbs);
}

/* Does the clause before token a (up to 6 tokens, in the sentence from
 * s0) speak of the future: "will", "shall", "'ll", "is to", "are to",
 * "due to", "expected to", "scheduled to"? Then a weekday is the next one. */
static bool future_before(const sf_doc *d, size_t s0, size_t a) {
    static const char *const WILL[] = {"will", "shall", "'ll", NULL};
    static const char *const TO_AFTER[] = {"is", "are", "due", "expected", "scheduled", "set", NULL};
    for (size_t k = a; k > s0 && a - k < 6; k--) {
        if (sf__tok_in(d, k - 1, WILL)) return true;
        if (k >= s0 + 2 && sf__tok_is(d, k - 1, "to") && sf__tok_in(d, k - 2, TO_AFTER)) return true;
        const char *t = d->text + d->toks.items[k - 1].begin;
        if (*t == ',' || *t == ';') return false; /* another clause */
    }
    return false;
}

void sf__date_format(const sf_date *dt, char buf[16]) {
    switch (dt->precision) {
    case SF_DATE_YEAR: snprintf(buf, 16, "%04d", dt->year); break;
    case SF_DATE_MONTH: snprintf(buf, 16, "%04d-%02d", dt->year, dt->month); break;
    case SF_DATE_DAY: snprintf(buf, 16, "%04d-%02d-%02d", dt->year, dt->month, dt->day); break;
    default: buf[0] = '\0';
    }
}

/* The publication day a relative date counts from. */
typedef struct pub_day {
    bool known;
    int64_t day; /* days since 1970-01-01 */
    int y, m, d;
} pub_day;

/* A year after the month or the day ("in May 2017", "May 4"), or the
 * publication's. */
static void year_or_relative(const pub_day *p, int year, sf_date_precision with_year, sf_date *dt) {
    if (year) {
        dt->year = year;
        dt->precision = with_year;
    } else if (p->known) {
        dt->relative = true;
        dt->year = p->y;
        dt->precision = SF_DATE_DAY;
    } else {
        dt->relative = true;
        dt->precision = SF_DATE_UNRESOLVED;
    }
}

/* "May 4, 2017", "May 4", "May 2017" at token i (month m): false for the
 * month alone ("May" alone is a verb more often than a month). */
static bool month_first(const sf_doc *d, const pub_day *p, size_t e, size_t i, int m, sf_date *dt, size_t *b) {
    size_t j = i + 1;
    if (j < e && d->text[d->toks.items[j].begin] == '.' && d->toks.items[j].begin == d->toks.items[i].end) j++;
    int day = num_at(d, j, 1, 31), year = 0;
    if (day) {
        j++;
        size_t k = j;
        if (k < e && d->text[d->toks.items[k].begin] == ',') k++;
        year = num_at(d, k, 1000, 2200);
        if (year) j = k + 1;
    } else {
        year = num_at(d, j, 1000, 2200);
        if (year) j++;
    }
    if (!day && !year) return false;
    *b = j;
    dt->month = m;
    dt->day = day;
    year_or_relative(p, year, day ? SF_DATE_DAY : SF_DATE_MONTH, dt);
    return true;
}

/* "4 July 2017", "4 July" at token i. */
static void day_first(const sf_doc *d, const pub_day *p, size_t i, sf_date *dt, size_t *b) {
    dt->day = num_at(d, i, 1, 31);
    dt->month = month_of(d, i + 1);
    *b = i + 2;
    int year = num_at(d, *b, 1000, 2200);
    if (year) (*b)++;
    year_or_relative(p, year, SF_DATE_DAY, dt);
}

/* A weekday, "yesterday", "today", "tomorrow", "last/next/this
 * week/month/year" at token i, counted from the publication day; false
 * when none is there. */
static bool relative_day(const sf_doc *d, const pub_day *p, size_t s0, size_t e, size_t i, sf_date *dt,
                         size_t *a, size_t *b) {
    int wd = -1;
    for (int k = 0; k < 7; k++)
        if (capital(d, i) && sf__tok_is(d, i, WEEKDAYS[k])) wd = k;
    int64_t delta = 0;
    int prec = SF_DATE_DAY;
    if (wd >= 0) {
        if (i > s0 && sf__tok_is(d, i - 1, "on")) *a = i - 1;
        if (p->known) {
            int pwd = (int)(((p->day % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
            delta = -(int64_t)((pwd - wd + 7) % 7);
            /* "will begin on Monday": the day on or after it */
            if (future_before(d, s0, *a)) delta = (wd - pwd + 7) % 7;
        }
    } else if (sf__tok_is(d, i, "yesterday")) {
        delta = -1;
    } else if (sf__tok_is(d, i, "today")) {
        delta = 0;
    } else if (sf__tok_is(d, i, "tomorrow")) {
        delta = 1;
    } else if ((sf__tok_is(d, i, "last") || sf__tok_is(d, i, "next") || sf__tok_is(d, i, "this")) && i + 1 < e &&
               (sf__tok_is(d, i + 1, "year") || sf__tok_is(d, i + 1, "month") || sf__tok_is(d, i + 1, "week"))) {
        int dir = sf__tok_is(d, i, "last") ? -1 : sf__tok_is(d, i, "next") ? 1 : 0;
        *b = i + 2;
        if (sf__tok_is(d, i + 1, "year")) {
            dt->relative = true;
            if (p->known) dt->year = p->y + dir, dt->precision = SF_DATE_YEAR;
            return true;
        }
        if (sf__tok_is(d, i + 1, "month")) {
            dt->relative = true;
            if (p->known) {
                int mm = p->m + dir, yy = p->y;
                if (mm < 1) mm += 12, yy--;
                if (mm > 12) mm -= 12, yy++;
                dt->year = yy, dt->month = mm, dt->precision = SF_DATE_MONTH;
            }
            return true;
        }
        delta = 7 * dir; /* a week: the day a week away (day precision is too fine) */
        prec = SF_DATE_MONTH;
    } else {
        return false;
    }
    dt->relative = true;
    if (p->known) {
        civil_from_days(p->day + delta, &dt->year, &dt->month, &dt->day);
        dt->precision = (sf_date_precision)prec;
        if (prec == SF_DATE_MONTH) dt->day = 0;
    } else {
        dt->precision = SF_DATE_UNRESOLVED;
    }
    return true;
}

/* The date that starts at token i of the sentence [s0, e), if any: its
 * fields in dt, the tokens it takes [*a, *b). */
static bool date_at(const sf_doc *d, const pub_day *p, size_t s0, size_t e, size_t i, sf_date *dt, size_t *a,
                    size_t *b) {
    int m = capital(d, i) ? month_of(d, i) : 0;
    if (m) return month_first(d, p, e, i, m, dt, b);
    if (num_at(d, i, 1, 31) && i + 1 < e && capital(d, i + 1) && month_of(d, i + 1)) {
        day_first(d, p, i, dt, b);
        return true;
    }
    if (num_at(d, i, 1000, 2200) && i > s0 &&
        (sf__tok_is(d, i - 1, "in") || sf__tok_is(d, i - 1, "since") || sf__tok_is(d, i - 1, "until") ||
         sf__tok_is(d, i - 1, "by")) &&
        d->toks.items[i].unit_end == d->toks.items[i].unit_begin) {
        dt->year = num_at(d, i, 1000, 2200);
        dt->precision = SF_DATE_YEAR;
        *a = i - 1;
        return true;
    }
    return relative_day(d, p, s0, e, i, dt, a, b);
}

sf_status sf__find_dates(const sf_doc *d, int64_t published, sf_datevec *out) {
    pub_day p = {.known = published != SF_TIME_UNKNOWN};
    p.day = p.known ? floor_div(published, 86400) : 0;
    if (p.known) civil_from_days(p.day, &p.y, &p.m, &p.d);
    for (size_t s = 0; s < d->sents.n; s++) {
        size_t s0 = d->sent_tok[s], e = d->sent_tok[s + 1];
        for (size_t i = s0; i < e; i++) {
            sf_date dt;
            memset(&dt, 0, sizeof dt);
            dt.sentence = s;
            size_t a = i, b = i + 1; /* tokens used */
            if (!date_at(d, &p, s0, e, i, &dt, &a, &b)) continue;
            attach_event(d, s, a, b, &dt);
            dt.begin = d->toks.items[a].begin;
            dt.end = d->toks.items[b - 1].end;
            SF_TRY(SF_VEC_PUSH(out, dt));
            i = b - 1;
        }
    }
    return SF_OK;
}

sf_status sf__anchor_days(const char *p, size_t n, int64_t published, const char *lang, sf_buf *out,
                          size_t *anchored) {
    static const char *const MON[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    sf__buf_reset(out);
    *anchored = 0;
    if (published == SF_TIME_UNKNOWN) return sf__buf_add(out, p, n);
    sf_doc d;
    memset(&d, 0, sizeof d);
    sf_status st = sf__doc_init(&d, 0, p, n, lang);
    sf_datevec v = {0};
    if (st == SF_OK) st = sf__find_dates(&d, published, &v);
    size_t at = 0;
    for (size_t k = 0; st == SF_OK && k < v.n; k++) {
        const sf_date *dt = &v.items[k];
        if (!dt->relative || dt->precision != SF_DATE_DAY || dt->month < 1 || dt->month > 12 ||
            dt->begin < at || dt->end > n)
            continue;
        bool digits = false;
        for (size_t i = dt->begin; i < dt->end; i++) digits |= p[i] >= '0' && p[i] <= '9';
        size_t after = dt->end;
        while (after < n && p[after] == ' ') after++;
        if (digits || (after < n && p[after] == '(')) continue; /* a date, or already anchored */
        st = sf__buf_add(out, p + at, dt->end - at);
        if (st == SF_OK) st = sf__buf_addf(out, " (%s %d)", MON[dt->month - 1], dt->day);
        at = dt->end;
        ++*anchored;
    }
    if (st == SF_OK) st = sf__buf_add(out, p + at, n - at);
    SF_VEC_FREE(&v);
    sf__doc_release(&d);
    return st;
}

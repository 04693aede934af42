/* time.c - ISO 8601 dates to epoch seconds without localtime/timegm (no global
 * state, no time zone database): civil-date arithmetic after H. Hinnant's
 * published days_from_civil algorithm. */
#include "common.h"

#include <stdio.h>

int64_t sf__days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

unsigned sf__days_in_month(int64_t y, unsigned m) {
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

bool sf__date_valid(int64_t y, unsigned m, unsigned d) {
    return y >= SF__YEAR_MIN && y <= SF__YEAR_MAX && d >= 1 && d <= sf__days_in_month(y, m);
}

bool sf__time_in_range(int64_t t) { return t >= SF__TIME_MIN && t <= SF__TIME_MAX; }

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static bool take_num(sf_cur *c, size_t digits, int *out) {
    if (sf__cur_left(c) < digits) return false;
    int v = 0;
    for (size_t i = 0; i < digits; i++) {
        if (!is_digit((unsigned char)c->p[i])) return false;
        v = v * 10 + (c->p[i] - '0');
    }
    sf__cur_advance(c, digits);
    *out = v;
    return true;
}

bool sf__parse_iso8601(sf_view v, int64_t *out) {
    v = sf__view_trim(v);
    sf_cur c;
    sf__cur_init(&c, v.p, v.n);
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!take_num(&c, 4, &y) || !sf__cur_accept(&c, "-") || !take_num(&c, 2, &mo) ||
        !sf__cur_accept(&c, "-") || !take_num(&c, 2, &d))
        return false;
    /* a real calendar day (no February 30) in the years news can have */
    if (!sf__date_valid(y, (unsigned)mo, (unsigned)d)) return false;
    int64_t offset = 0;
    if (sf__cur_accept(&c, "T") || sf__cur_accept(&c, "t") || sf__cur_accept(&c, " ")) {
        if (!take_num(&c, 2, &h) || !sf__cur_accept(&c, ":") || !take_num(&c, 2, &mi))
            return false;
        if (sf__cur_accept(&c, ":") && !take_num(&c, 2, &s)) return false;
        if (h > 24 || mi > 59 || s > 60 || (h == 24 && (mi || s))) return false;
        if (sf__cur_accept(&c, ".") || sf__cur_accept(&c, ",")) sf__cur_span(&c, is_digit);
        sf__cur_skip_ws(&c);
        int sign = sf__cur_peek(&c);
        if (sign == 'Z' || sign == 'z') {
            sf__cur_advance(&c, 1);
        } else if (sign == '+' || sign == '-') {
            sf__cur_advance(&c, 1);
            int oh, om = 0;
            if (!take_num(&c, 2, &oh)) return false;
            sf__cur_accept(&c, ":");
            if (!sf__cur_eof(&c) && !take_num(&c, 2, &om)) return false;
            /* real zones lie within -12:00 .. +14:00; +-14:00 is accepted */
            if (om > 59 || oh * 60 + om > 14 * 60) return false;
            offset = (sign == '+' ? 1 : -1) * (int64_t)(oh * 3600 + om * 60);
        }
    }
    if (!sf__cur_eof(&c)) return false;
    int64_t days = sf__days_from_civil(y, (unsigned)mo, (unsigned)d);
    *out = days * 86400 + h * 3600 + mi * 60 + s - offset;
    return true;
}

void sf__format_iso8601(int64_t t, char buf[32]) {
    /* years outside 0..9999 are clamped: news has no such dates */
    if (t < -62167219200LL) t = -62167219200LL;
    if (t > 253402300799LL) t = 253402300799LL;
    int64_t days = t >= 0 ? t / 86400 : -((-(t + 1)) / 86400) - 1;
    int64_t secs = t - days * 86400;
    /* civil_from_days, the inverse of the function above. */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(buf, 32, "%04d-%02u-%02uT%02d:%02d:%02dZ", (int)y, m % 13, d % 32,
             (int)(secs / 3600 % 24), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* utf8.c - UTF-8 repair and decoding. Decoding uses ICU's U8_NEXT/U8_PREV
 * macros, which reject overlongs, surrogates and truncated sequences. */
#include "text.h"

#include <unicode/utf8.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* The end of the run of ASCII bytes other than NUL from s[i], eight bytes
 * at a time (news text is mostly ASCII; the repair and the check spend their
 * time here). */
static size_t ascii_run(const uint8_t *s, size_t i, size_t n) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (n - i >= 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        /* a byte >= 0x80, or a zero byte (the classic has-zero test) */
        if ((v & highs) || ((v - ones) & ~v & highs)) break;
        i += 8;
    }
    while (i < n && s[i] < 0x80 && s[i] != 0) i++;
    return i;
}

sf_status sf__utf8_clean(const char *in, size_t n, sf_buf *out, size_t *replaced) {
    const uint8_t *s = (const uint8_t *)in;
    size_t i = 0, run = 0, bad = 0;
    while (i < n) {
        size_t at = i;
        if (s[i] < 0x80 && s[i] != 0) {
            i = ascii_run(s, i, n);
            continue;
        }
        UChar32 c;
        if (s[i] == 0) {
            c = -2;
            i++;
        } else {
            int64_t j = (int64_t)i; /* U8_NEXT compares the index with a signed length */
            U8_NEXT(s, j, (int64_t)n, c);
            i = (size_t)j;
        }
        if (c >= 0) continue;
        /* flush the valid run before `at`, then the replacement */
        sf__buf_add(out, in + run, at - run);
        if (c == -2) sf__buf_addc(out, ' ');
        else sf__buf_add(out, REPLACEMENT, 3);
        bad++;
        run = i;
    }
    sf__buf_add(out, in + run, n - run);
    if (replaced) *replaced += bad;
    return sf__buf_status(out);
}

bool sf__utf8_valid(const char *in, size_t n) {
    const uint8_t *s = (const uint8_t *)in;
    size_t i = 0;
    while (i < n) {
        if (s[i] == 0) return false;
        if (s[i] < 0x80) {
            i = ascii_run(s, i, n);
            continue;
        }
        UChar32 c;
        int64_t j = (int64_t)i; /* U8_NEXT compares the index with a signed length */
        U8_NEXT(s, j, (int64_t)n, c);
        i = (size_t)j;
        if (c < 0) return false;
    }
    return true;
}

int32_t sf__utf8_next(const char *s, size_t n, size_t *i) {
    UChar32 c;
    size_t at = *i;
    U8_NEXT((const uint8_t *)s, at, n, c);
    *i = at;
    return c < 0 ? 0xFFFD : c;
}

int32_t sf__utf8_prev(const char *s, size_t *i) {
    /* ICU's U8_PREV indexes with int32_t; look back at most four bytes. */
    size_t base = *i > 4 ? *i - 4 : 0;
    int32_t at = (int32_t)(*i - base);
    UChar32 c;
    U8_PREV((const uint8_t *)s + base, 0, at, c);
    *i = base + (size_t)at;
    return c < 0 ? 0xFFFD : c;
}

/* normalize.c - NFKC case folding for matching. Pure-ASCII input (most
 * English news) only needs lower-casing, which NFKC_Casefold does to ASCII,
 * so it skips ICU; anything else goes UTF-8 -> UTF-16 -> ICU's
 * NFKC_Casefold normalizer -> UTF-8, with stack buffers for short words.
 */
#include "text.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* ICU counts in int32_t; NFKC can expand a unit up to 18 times, so inputs
 * past this size are refused rather than risk overflowing the counts. */
#define FOLD_MAX_BYTES ((size_t)1 << 26)

enum { STACK_UNITS = 256 };

static sf_status fold_icu(const char *in, size_t n, sf_buf *out) {
    UChar s16[STACK_UNITS], n16[STACK_UNITS * 2];
    char s8[STACK_UNITS * 2 * 3];
    UChar *src = s16, *dst = n16;
    char *u8 = s8;
    sf_status st = SF_ERR_INTERNAL;
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);
    if (U_FAILURE(e)) return SF_ERR_INTERNAL;

    /* UTF-8 -> UTF-16 never needs more units than bytes. */
    if (n > STACK_UNITS && !(src = sf__malloc(n * sizeof(UChar)))) return SF_ERR_NOMEM;
    int32_t len16 = 0;
    u_strFromUTF8WithSub(src, (int32_t)SF_MAX(n, (size_t)STACK_UNITS), &len16, in,
                         (int32_t)n, 0xFFFD, NULL, &e);
    if (U_FAILURE(e)) goto done;

    int32_t cap = (int32_t)SF_ARRAY_LEN(n16);
    if ((size_t)len16 * 2 + 16 > SF_ARRAY_LEN(n16)) {
        cap = len16 * 2 + 16;
        if (!(dst = sf__malloc((size_t)cap * sizeof(UChar)))) {
            st = SF_ERR_NOMEM;
            goto done;
        }
    }
    int32_t lenn = unorm2_normalize(nf, src, len16, dst, cap, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) {
        /* rare: heavy compatibility expansions (U+FDFA is 18 units) */
        if (dst != n16) sf__free(dst);
        cap = lenn;
        if (!(dst = sf__malloc((size_t)cap * sizeof(UChar)))) {
            st = SF_ERR_NOMEM;
            goto done;
        }
        e = U_ZERO_ERROR;
        lenn = unorm2_normalize(nf, src, len16, dst, cap, &e);
    }
    if (U_FAILURE(e)) goto done;

    /* UTF-16 -> UTF-8: at most three bytes per unit */
    size_t need8 = (size_t)lenn * 3;
    if (need8 > sizeof(s8) && !(u8 = sf__malloc(need8))) {
        st = SF_ERR_NOMEM;
        goto done;
    }
    int32_t len8 = 0;
    u_strToUTF8(u8, (int32_t)SF_MAX(need8, sizeof(s8)), &len8, dst, lenn, &e);
    if (U_FAILURE(e)) goto done;
    st = sf__buf_add(out, u8, (size_t)len8);
done:
    if (src != s16) sf__free(src);
    if (dst != n16) sf__free(dst);
    if (u8 != s8) sf__free(u8);
    return st;
}

sf_status sf__fold(const char *in, size_t n, sf_buf *out) {
    size_t i = 0;
    while (i < n && (unsigned char)in[i] < 0x80) i++;
    if (i < n) {
        if (n > FOLD_MAX_BYTES) return SF_ERR_TOO_LARGE;
        return fold_icu(in, n, out);
    }
    size_t at = out->n;
    SF_TRY(sf__buf_add(out, in, n));
    for (char *p = out->p + at, *end = out->p + out->n; p < end; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + ('a' - 'A'));
    return SF_OK;
}

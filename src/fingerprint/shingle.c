/* shingle.c - word shingles straight from UTF-8 bytes, and shingle sets.
 *
 * Hand-written instead of going through the ICU tokenizer and NFKC folding of
 * src/text: duplicate finding must run at crawl speed (over 100 MB/s per core)
 * and only needs words that are stable between two copies of one text, not
 * linguistically right ones. So a word is a run of ASCII letters/digits and
 * non-ASCII bytes (accented and non-Latin words stay whole), ASCII is
 * lower-cased by table, and each word is hashed with XXH3. Full Unicode
 * folding happens in src/text for the stages that need it. */
#include "fingerprint.h"

/* XXH3 inlined here: a call into the shared library per word and per shingle
 * costs more than the hashing itself at these lengths. Same function, same
 * bits as sf__hash64. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#define WORD_SEED 0x5eedf00du
#define SHINGLE_SEED 0x5817a1e5u
#define TEXT_SEED 0x7e87a11du

static inline uint64_t hash64(const void *p, size_t n, uint64_t seed) {
    return (uint64_t)XXH3_64bits_withSeed(p, n, (XXH64_hash_t)seed);
}

/* XXH3_64bits_withSeed for the lengths met here, its branch for inputs of
 * up to 128 bytes taken in line (the header's own functions, so the same
 * bits): most words are under 17 bytes, and a shingle is k word hashes. */
static inline uint64_t hash64_short(const void *p, size_t n, uint64_t seed) {
    if (n <= 16) return XXH3_len_0to16_64b(p, n, XXH3_kSecret, seed);
    if (n <= 128) return XXH3_len_17to128_64b(p, n, XXH3_kSecret, sizeof XXH3_kSecret, seed);
    return hash64(p, n, seed);
}

/* The shingle hashes of windows of K words: the length a constant, so the
 * compiler drops the length tests. */
#define SHINGLES_OF(K)                                                                   \
    static void shingles_##K(const uint64_t *w, size_t count, uint64_t *out) {          \
        for (size_t i = 0; i < count; i++)                                              \
            out[i] = XXH3_len_17to128_64b((const xxh_u8 *)(w + i), (K) * sizeof *w,     \
                                          XXH3_kSecret, sizeof XXH3_kSecret, SHINGLE_SEED); \
    }

/* WORD[b]: 0 for a separator, else the byte as it enters the word hash. */
static const unsigned char *word_table(void) {
    static const unsigned char t[256] = {
#define R(c) [c] = c
        /* digits */
        R('0'), R('1'), R('2'), R('3'), R('4'), R('5'), R('6'), R('7'), R('8'), R('9'),
        /* lower case */
        R('a'), R('b'), R('c'), R('d'), R('e'), R('f'), R('g'), R('h'), R('i'), R('j'),
        R('k'), R('l'), R('m'), R('n'), R('o'), R('p'), R('q'), R('r'), R('s'), R('t'),
        R('u'), R('v'), R('w'), R('x'), R('y'), R('z'),
#undef R
#define U(c) [c] = (c) + 32
        U('A'), U('B'), U('C'), U('D'), U('E'), U('F'), U('G'), U('H'), U('I'), U('J'),
        U('K'), U('L'), U('M'), U('N'), U('O'), U('P'), U('Q'), U('R'), U('S'), U('T'),
        U('U'), U('V'), U('W'), U('X'), U('Y'), U('Z'),
#undef U
#define H8(c) [c] = c, [c + 1] = c + 1, [c + 2] = c + 2, [c + 3] = c + 3, \
              [c + 4] = c + 4, [c + 5] = c + 5, [c + 6] = c + 6, [c + 7] = c + 7
        H8(0x80), H8(0x88), H8(0x90), H8(0x98), H8(0xA0), H8(0xA8), H8(0xB0), H8(0xB8),
        H8(0xC0), H8(0xC8), H8(0xD0), H8(0xD8), H8(0xE0), H8(0xE8), H8(0xF0), H8(0xF8),
#undef H8
    };
    return t;
}

SHINGLES_OF(3)
SHINGLES_OF(4)
SHINGLES_OF(5)

void sf__shingler_init(sf_shingler *s) { memset(s, 0, sizeof *s); }

void sf__shingler_release(sf_shingler *s) {
    SF_VEC_FREE(&s->words);
    SF_VEC_FREE(&s->shingles);
    SF_VEC_FREE(&s->tmp);
}

/* Eight text bytes v: which are word bytes (the high bit of each such byte;
 * a word byte is an ASCII letter or digit or any byte >= 0x80, as in
 * word_table), and in *low the bytes with ASCII upper case lowered. Each
 * byte's low seven bits x are compared with a constant c by adding 0x80 - c
 * (the high bit is then x >= c) or 0x7f - c (x > c); no sum passes 0xff, so
 * bytes do not carry into one another. */
/* The eight-byte steps read bytes in memory order from the low end. */
#define EIGHT_AT_A_TIME (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

static inline uint64_t word_bytes8(uint64_t v, uint64_t *low) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
#define GE(x, c) ((x) + ones * (0x80u - (c)))
#define GT(x, c) ((x) + ones * (0x7fu - (c)))
    uint64_t hi = v & highs, x = v & ~highs, y = x | ones * 0x20u;
    uint64_t letter = GE(y, 'a') & ~GT(y, 'z');
    uint64_t digit = GE(x, '0') & ~GT(x, '9');
    uint64_t upper = GE(x, 'A') & ~GT(x, 'Z') & ~hi & highs;
#undef GE
#undef GT
    *low = v | upper >> 2; /* 0x80 >> 2 == 0x20 */
    return (hi | letter | digit) & highs;
}

/* The hash of a word of 1 to 7 bytes held in the low bytes of `low`: the
 * header's XXH3 branches for those lengths, kept in line so the word is
 * hashed from the register it was lowered in (most words of news are this
 * short). Same bits as hash64_short on the same bytes. */
static inline __attribute__((always_inline)) uint64_t hash_word7(uint64_t low, size_t len) {
    unsigned char b[8];
    memcpy(b, &low, 8);
    /* both branches computed and one kept: words of 1-3 and of 4-7 bytes
     * alternate too irregularly in text for a branch to be predicted */
    uint64_t h13 = XXH3_len_1to3_64b(b, len < 4 ? len : 3, XXH3_kSecret, WORD_SEED);
    uint64_t h48 = XXH3_len_4to8_64b(b, len < 4 ? 4 : len, XXH3_kSecret, WORD_SEED);
    return len < 4 ? h13 : h48;
}

/* Hash every word of the text into s->words. A word longer than the chunk is
 * hashed chunk by chunk, each chunk seeded with the hash so far, so a single
 * word of megabytes costs no more memory than a short one. Eight bytes are
 * looked at a time (word_bytes8) where eight remain, one at a time by the
 * table at the end of the text; both give the same chunks. */
static sf_status hash_words(sf_shingler *s, const char *text, size_t n) {
    const unsigned char *W = word_table();
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    unsigned char chunk[64 + 8]; /* eight bytes are stored even when fewer count */
    s->words.n = 0;
    /* about one word in six bytes of news; grow when that guess is short */
    SF_TRY(SF_VEC_RESERVE(&s->words, n / 6 + 16));
    size_t nw = 0;
    while (p < end) {
        bool at_word = false;
        while (EIGHT_AT_A_TIME && end - p >= 8) {
            uint64_t v, low;
            memcpy(&v, p, 8);
            uint64_t word = word_bytes8(v, &low);
            if (word) {
                p += (unsigned)__builtin_ctzll(word) >> 3;
                at_word = true;
                break;
            }
            p += 8;
        }
        if (!at_word) {
            while (p < end && !W[*p]) p++;
            if (p == end) break;
        }
        if (nw == s->words.cap) {
            s->words.n = nw;
            SF_TRY(SF_VEC_RESERVE(&s->words, nw + 1));
        }
        if (EIGHT_AT_A_TIME && end - p >= 8) {
            /* a word that ends within its first eight bytes: hashed at once */
            uint64_t v, low;
            memcpy(&v, p, 8);
            uint64_t other = ~word_bytes8(v, &low) & 0x8080808080808080u;
            if (other) {
                size_t run = (unsigned)__builtin_ctzll(other) >> 3;
                s->words.items[nw++] = hash_word7(low, run);
                p += run;
                continue;
            }
        }
        uint64_t h = WORD_SEED;
        size_t len = 0;
        for (;;) {
            if (!EIGHT_AT_A_TIME || end - p < 8) {
                while (p < end && W[*p]) {
                    chunk[len++] = W[*p++];
                    if (len == 64) {
                        h = hash64_short(chunk, len, h);
                        len = 0;
                    }
                }
                break;
            }
            uint64_t v, low;
            memcpy(&v, p, 8);
            uint64_t other = ~word_bytes8(v, &low) & 0x8080808080808080u;
            size_t run = other ? (unsigned)__builtin_ctzll(other) >> 3 : 8; /* word bytes here */
            size_t take = SF_MIN(run, 64 - len);
            memcpy(chunk + len, &low, 8);
            len += take;
            p += take;
            if (len == 64) {
                h = hash64_short(chunk, len, h);
                len = 0;
            }
            if (take == run && run < 8) break; /* the word ended in these eight bytes */
        }
        if (len) h = hash64_short(chunk, len, h);
        s->words.items[nw++] = h;
    }
    s->words.n = nw;
    return SF_OK;
}

sf_status sf__shingles(sf_shingler *s, const char *text, size_t n, unsigned k,
                       sf_u64vec *out, uint64_t *text_hash, size_t *nwords) {
    if (k == 0) k = SF_SHINGLE_WORDS_DEFAULT;
    out->n = 0;
    if (text_hash) *text_hash = 0;
    if (nwords) *nwords = 0;
    if (!text) return SF_OK;
    SF_TRY(hash_words(s, text, n));
    size_t nw = s->words.n;
    if (nwords) *nwords = nw;
    if (nw == 0) return SF_OK;
    const uint64_t *w = s->words.items;
    if (text_hash) *text_hash = hash64(w, nw * sizeof *w, TEXT_SEED) | 1u;
    size_t count = nw >= k ? nw - k + 1 : 1;
    size_t span = (nw >= k ? k : nw) * sizeof *w;
    SF_TRY(SF_VEC_RESERVE(out, count));
    /* The shingle hash is XXH3 over the k word hashes in order: any change to
     * a word or to the order changes it. */
    if (span == 5 * sizeof *w) shingles_5(w, count, out->items);
    else if (span == 4 * sizeof *w) shingles_4(w, count, out->items);
    else if (span == 3 * sizeof *w) shingles_3(w, count, out->items);
    else
        for (size_t i = 0; i < count; i++) out->items[i] = hash64_short(w + i, span, SHINGLE_SEED);
    out->n = count;
    return SF_OK;
}

sf_status sf__shingle_set(sf_shingler *s, const char *text, size_t n, unsigned k,
                          sf_u32vec *out, uint64_t *text_hash, size_t *nwords) {
    SF_TRY(sf__shingles(s, text, n, k, &s->shingles, text_hash, nwords));
    size_t m = s->shingles.n;
    out->n = 0;
    SF_TRY(SF_VEC_RESERVE(out, m ? m : 1));
    for (size_t i = 0; i < m; i++) out->items[i] = (uint32_t)(s->shingles.items[i] >> 32);
    out->n = sf__sort_unique_u32(out->items, m, &s->tmp);
    return SF_OK;
}

static void insertion_sort(uint32_t *v, size_t n) {
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static void heap_sort(uint32_t *v, size_t n) {
    if (n < 2) return;
    for (size_t start = n / 2; start-- > 0;) {
        size_t r = start;
        for (;;) {
            size_t c = 2 * r + 1;
            if (c >= n) break;
            if (c + 1 < n && v[c + 1] > v[c]) c++;
            if (v[r] >= v[c]) break;
            uint32_t t = v[r]; v[r] = v[c]; v[c] = t;
            r = c;
        }
    }
    for (size_t end = n - 1; end > 0; end--) {
        uint32_t t = v[0]; v[0] = v[end]; v[end] = t;
        size_t r = 0;
        for (;;) {
            size_t c = 2 * r + 1;
            if (c >= end) break;
            if (c + 1 < end && v[c + 1] > v[c]) c++;
            if (v[r] >= v[c]) break;
            uint32_t u = v[r]; v[r] = v[c]; v[c] = u;
            r = c;
        }
    }
}

/* Bucket sort on the top bits, about one bucket per two elements, then
 * insertion sort inside each bucket: the values are uniform hashes, so a
 * bucket holds two on average and the sort is linear, with counters that fit
 * in cache (an LSD radix sort with 2048 counters per pass spent more time
 * clearing and summing its counters than sorting ~700 shingles; callgrind).
 * A bucket of more than 32 (many repeats, or crafted input) is heap-sorted,
 * so the worst case stays n log n. */
size_t sf__sort_unique_u32(uint32_t *v, size_t n, sf_u32vec *tmp) {
    if (n < 2) return n;
    if (n <= 48) {
        insertion_sort(v, n);
    } else {
        unsigned bits = 4;
        while (bits < 22 && ((size_t)2 << bits) < n) bits++;
        size_t nb = (size_t)1 << bits;
        if (SF_VEC_RESERVE(tmp, n + nb + 1) != SF_OK) {
            heap_sort(v, n); /* no scratch: in place */
        } else {
            uint32_t *out = tmp->items, *start = tmp->items + n;
            const unsigned sh = 32 - bits;
            memset(start, 0, (nb + 1) * sizeof *start);
            for (size_t i = 0; i < n; i++) start[(v[i] >> sh) + 1]++;
            for (size_t d = 0; d < nb; d++) start[d + 1] += start[d];
            /* start[d] is now bucket d's first slot; scatter moves it on to
             * the next bucket's, so afterwards start[d] is bucket d's end */
            size_t largest = 0;
            for (size_t d = 0; d < nb; d++) {
                size_t len = start[d + 1] - start[d];
                largest = len > largest ? len : largest;
            }
            for (size_t i = 0; i < n; i++) out[start[v[i] >> sh]++] = v[i];
            if (largest <= 32) {
                /* every element is at most 31 places from its sorted place:
                 * one insertion sort over the whole is linear and has no
                 * per-bucket loop */
                insertion_sort(out, n);
            } else {
                size_t from = 0;
                for (size_t d = 0; d < nb; d++) {
                    size_t to = start[d], len = to - from;
                    if (len > 32)
                        heap_sort(out + from, len);
                    else if (len > 1)
                        insertion_sort(out + from, len);
                    from = to;
                }
            }
            memcpy(v, out, n * sizeof *v);
        }
    }
    size_t m = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[m - 1]) v[m++] = v[i];
    return m;
}

size_t sf__intersect_count(const uint32_t *a, size_t na, const uint32_t *b, size_t nb) {
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        uint32_t x = a[i], y = b[j];
        c += x == y;
        i += x <= y;
        j += y <= x;
    }
    return c;
}

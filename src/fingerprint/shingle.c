/* shingle.c - word shingles straight from UTF-8 bytes, and shingle sets.
 *
 * Hand-written instead of going through the ICU tokenizer and NFKC folding of
 * src/text: duplicate finding must run at crawl speed (over 100 MB/s per core)
 * and only needs words that are stable between two copies of one text, not
 * linguistically right ones. So a word is a run of ASCII letters/digits and
 * non-ASCII bytes (accented and non-Latin words stay whole), ASCII upper
 * case is lowered, and each word is hashed with XXH3. Full Unicode folding
 * happens in src/text for the stages that need it. */
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

SHINGLES_OF(3)
SHINGLES_OF(4)
SHINGLES_OF(5)

void sf__shingler_init(sf_shingler *s) { memset(s, 0, sizeof *s); }

void sf__shingler_release(sf_shingler *s) {
    SF_VEC_FREE(&s->words);
    SF_VEC_FREE(&s->shingles);
    SF_VEC_FREE(&s->tmp);
}

/* Text is read in blocks of 64 bytes: classify64 marks the block's word
 * bytes in a 64-bit mask (bit i for byte i) and writes the block with ASCII
 * upper case lowered into low[0..64); the words are then found in the mask
 * and hashed straight from low. A word byte is an ASCII letter or digit or
 * any byte >= 0x80 (word_table below spells the rule out byte by byte). */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Eight bytes v at a time: which are word bytes (the high bit of each such
 * byte), and in *low the bytes with ASCII upper case lowered. Each byte's low
 * seven bits x are compared with a constant c by adding 0x80 - c (the high
 * bit is then x >= c) or 0x7f - c (x > c); no sum passes 0xff, so bytes do
 * not carry into one another. */
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

static inline uint64_t classify64(const unsigned char *p, unsigned char *low) {
    uint64_t m = 0;
    for (unsigned k = 0; k < 8; k++) {
        uint64_t v, l;
        memcpy(&v, p + 8 * k, 8);
        uint64_t w = word_bytes8(v, &l) >> 7; /* 0 or 1 in each byte */
        memcpy(low + 8 * k, &l, 8);
        /* the eight low bits of the bytes gathered into one byte, byte i
         * to bit i: every partial product lands on its own bit */
        m |= ((w * 0x0102040810204080u) >> 56) << (8 * k);
    }
    return m;
}
#else
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

static inline uint64_t classify64(const unsigned char *p, unsigned char *low) {
    const unsigned char *W = word_table();
    uint64_t m = 0;
    for (unsigned i = 0; i < 64; i++) {
        low[i] = W[p[i]] ? W[p[i]] : p[i];
        m |= (uint64_t)(W[p[i]] != 0) << i;
    }
    return m;
}
#endif

/* The hash of a word of 1 to 8 bytes at p (eight bytes readable): the
 * header's XXH3 branches for those lengths, kept in line. Both branches are
 * computed and one kept: words of 1-3 and of 4-8 bytes alternate too
 * irregularly in text for a branch to be predicted. Same bits as
 * hash64_short. */
static inline __attribute__((always_inline)) uint64_t hash_word8(const unsigned char *p,
                                                                 size_t len) {
    unsigned char b[8];
    memcpy(b, p, 8);
    uint64_t h13 = XXH3_len_1to3_64b(b, len < 4 ? len : 3, XXH3_kSecret, WORD_SEED);
    uint64_t h48 = XXH3_len_4to8_64b(b, len < 4 ? 4 : len, XXH3_kSecret, WORD_SEED);
    return len < 4 ? h13 : h48;
}

/* The word being read across blocks: bytes gathered in a chunk of 64, each
 * full chunk hashed with the hash so far as its seed, so a single word of
 * megabytes costs no more memory than a short one. */
typedef struct open_word {
    unsigned char chunk[64];
    size_t len;
    uint64_t h;
} open_word;

static void open_word_add(open_word *w, const unsigned char *p, size_t n) {
    while (n) {
        size_t take = SF_MIN(n, 64 - w->len);
        memcpy(w->chunk + w->len, p, take);
        w->len += take;
        p += take;
        n -= take;
        if (w->len == 64) {
            w->h = hash64_short(w->chunk, 64, w->h);
            w->len = 0;
        }
    }
}

static uint64_t open_word_end(open_word *w) {
    return w->len ? hash64_short(w->chunk, w->len, w->h) : w->h;
}

/* Hash every word of the text into s->words. A word that starts and ends
 * inside a block (under 64 bytes) is hashed whole from the block; one that
 * reaches a block's end goes through an open_word. Both give the hash of the
 * word's bytes cut in chunks of 64. */
static sf_status hash_words(sf_shingler *s, const char *text, size_t n) {
    const unsigned char *t = (const unsigned char *)text;
    unsigned char low[64 + 16]; /* the lowered block; eight bytes readable past a word */
    unsigned char tail[64];
    open_word ow = {.len = 0};
    bool open = false;
    s->words.n = 0;
    /* about one word in six bytes of news; grown when that guess is short */
    SF_TRY(SF_VEC_RESERVE(&s->words, n / 6 + 40));
    memset(low + 64, 0, 16);
    size_t nw = 0;
    for (size_t at = 0; at < n; at += 64) {
        const unsigned char *blk = t + at;
        if (n - at < 64) { /* the last bytes, padded with separators */
            memcpy(tail, blk, n - at);
            memset(tail + (n - at), ' ', 64 - (n - at));
            blk = tail;
        }
        uint64_t m = classify64(blk, low);
        /* a block ends at most 33 words: 32 starting in it and an open one */
        if (s->words.cap - nw < 33) {
            s->words.n = nw;
            SF_TRY(SF_VEC_RESERVE(&s->words, nw + 33));
        }
        if (open) {
            size_t run = ~m ? (unsigned)__builtin_ctzll(~m) : 64;
            open_word_add(&ow, low, run);
            if (run == 64) continue;
            s->words.items[nw++] = open_word_end(&ow);
            open = false;
            m &= ~(uint64_t)0 << run;
        }
        while (m) {
            unsigned start = (unsigned)__builtin_ctzll(m);
            uint64_t rest = ~(m >> start); /* its zero bits: the word's bytes */
            size_t len = rest ? (unsigned)__builtin_ctzll(rest) : 64;
            if (start + len == 64) { /* the word may go on in the next block */
                ow.len = 0;
                ow.h = WORD_SEED;
                open_word_add(&ow, low + start, len);
                open = true;
                break;
            }
            s->words.items[nw++] = len <= 8 ? hash_word8(low + start, len)
                                             : hash64_short(low + start, len, WORD_SEED);
            m &= ~(uint64_t)0 << (start + len);
        }
    }
    if (open) s->words.items[nw++] = open_word_end(&ow);
    s->words.n = nw;
    return SF_OK;
}

sf_status sf__shingle_words(sf_shingler *s, const char *text, size_t n, uint64_t *text_hash,
                            size_t *nwords) {
    s->words.n = 0;
    if (text_hash) *text_hash = 0;
    if (nwords) *nwords = 0;
    if (!text) return SF_OK;
    SF_TRY(hash_words(s, text, n));
    size_t nw = s->words.n;
    if (nwords) *nwords = nw;
    if (nw && text_hash) *text_hash = hash64(s->words.items, nw * sizeof *s->words.items, TEXT_SEED) | 1u;
    return SF_OK;
}

/* The shingle hashes of the words in s->words, windows of k. */
static sf_status shingles_of_words(const sf_shingler *s, unsigned k, sf_u64vec *out) {
    if (k == 0) k = SF_SHINGLE_WORDS_DEFAULT;
    out->n = 0;
    size_t nw = s->words.n;
    if (nw == 0) return SF_OK;
    const uint64_t *w = s->words.items;
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

sf_status sf__shingles(sf_shingler *s, const char *text, size_t n, unsigned k,
                       sf_u64vec *out, uint64_t *text_hash, size_t *nwords) {
    out->n = 0;
    SF_TRY(sf__shingle_words(s, text, n, text_hash, nwords));
    return shingles_of_words(s, k, out);
}

sf_status sf__shingle_set_of_words(sf_shingler *s, unsigned k, sf_u32vec *out) {
    SF_TRY(shingles_of_words(s, k, &s->shingles));
    size_t m = s->shingles.n;
    out->n = 0;
    SF_TRY(SF_VEC_RESERVE(out, m ? m : 1));
    for (size_t i = 0; i < m; i++) out->items[i] = (uint32_t)(s->shingles.items[i] >> 32);
    out->n = sf__sort_unique_u32(out->items, m, &s->tmp);
    return SF_OK;
}

sf_status sf__shingle_set(sf_shingler *s, const char *text, size_t n, unsigned k,
                          sf_u32vec *out, uint64_t *text_hash, size_t *nwords) {
    out->n = 0;
    SF_TRY(sf__shingle_words(s, text, n, text_hash, nwords));
    return sf__shingle_set_of_words(s, k, out);
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

/* Bucket sort on the top bits, about one bucket per element, then insertion
 * sort: the values are uniform hashes, so a bucket holds one on average and
 * the sort is linear, with counters that fit in cache (see docs/dedup.md for
 * the sorts compared). When no bucket holds more than 32, one insertion sort
 * over the whole moves each element at most 31 places; a bigger bucket (many
 * repeats, or crafted input) is heap-sorted, so the worst case stays n log n. */
size_t sf__sort_unique_u32(uint32_t *v, size_t n, sf_u32vec *tmp) {
    if (n < 2) return n;
    if (n <= 48) {
        insertion_sort(v, n);
    } else {
        unsigned bits = 4;
        while (bits < 22 && ((size_t)1 << bits) < n) bits++;
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

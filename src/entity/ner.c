/* ner.c - features and greedy decoding of the trained name recognizer.
 *
 * Each token gets a few hashes (word as written, folded word, word shape,
 * prefix and suffixes); a feature is a template number combined with one or
 * more of these (of the token and its neighbours) and with the tags already
 * decided for the two tokens before it, mixed into a bucket of a 2^bits
 * table. Hashing keeps the model a fixed size with no vocabulary to store.
 * Hand-written rather than liblinear: the decoder must be a few hundred
 * nanoseconds a token, and the averaged perceptron that trains it is short.
 */
#include "ner.h"

/* The model's weights are used in place as the file stores them. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the name recognizer's model is stored little-endian"
#endif

static const char *const TAG_NAMES[SF_NER_TAGS] = {"O",     "B-PER", "I-PER", "B-LOC", "I-LOC",
                                                   "B-ORG", "I-ORG", "B-MISC", "I-MISC"};

const char *sf__ner_tag_name(int tag) {
    return tag >= 0 && tag < SF_NER_TAGS ? TAG_NAMES[tag] : "O";
}

int sf__ner_tag_parse(const char *s, size_t n) {
    for (int t = 0; t < SF_NER_TAGS; t++)
        if (strlen(TAG_NAMES[t]) == n && memcmp(TAG_NAMES[t], s, n) == 0) return t;
    return -1;
}

void sf__ner_sent_release(sf_ner_sent *s) {
    sf__free(s->h);
    memset(s, 0, sizeof(*s));
}

static inline uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

#define PAD_LEFT 0x5bd1e9955bd1e995ULL
#define PAD_RIGHT 0x27d4eb2f165667c5ULL

/* Byte as the folded word writes it: ASCII lower case, digits as '0',
 * curly quotes handled by the caller. */
static inline char fold_byte(char c) {
    if (c >= 'A' && c <= 'Z') return (char)(c | 0x20);
    if (c >= '0' && c <= '9') return '0';
    return c;
}

/* Length of the word without a trailing possessive ('s or ’s): news text
 * glues it to the name, CoNLL writes it as its own token. */
static size_t strip_possessive(const char *w, size_t n) {
    if (n > 2 && (w[n - 1] == 's' || w[n - 1] == 'S') && w[n - 2] == '\'') return n - 2;
    if (n > 4 && (w[n - 1] == 's' || w[n - 1] == 'S') && (unsigned char)w[n - 4] == 0xE2 &&
        (unsigned char)w[n - 3] == 0x80 && (unsigned char)w[n - 2] == 0x99)
        return n - 4;
    return n;
}

/* Typographic quotes and dashes written as their ASCII forms (the training
 * text is ASCII). Returns the replacement or NULL. */
static const char *ascii_punct(const char *w, size_t n) {
    if (n != 3 || (unsigned char)w[0] != 0xE2 || (unsigned char)w[1] != 0x80) return NULL;
    switch ((unsigned char)w[2]) {
    case 0x9C: case 0x9D: return "\"";
    case 0x98: case 0x99: return "'";
    case 0x93: case 0x94: return "--";
    default: return NULL;
    }
}

enum { CLS_CAP = 1, CLS_ALLCAPS = 2, CLS_DIGIT = 4, CLS_HYPHEN = 8, CLS_PERIOD = 16, CLS_NONASCII = 64 };

static void hash_token(sf_ner_tokh *h, const char *w, size_t n) {
    const char *p = ascii_punct(w, n);
    if (p) {
        w = p;
        n = strlen(p);
    }
    n = strip_possessive(w, n);
    if (n > 48) n = 48;
    char word[48], low[48], shape[16];
    size_t ns = 0, upper = 0, letters = 0;
    unsigned cls = 0;
    for (size_t k = 0; k < n; k++) {
        char c = w[k], s;
        word[k] = (c >= '0' && c <= '9') ? '0' : c;
        low[k] = fold_byte(c);
        if (c >= 'A' && c <= 'Z') s = 'X', upper++, letters++;
        else if (c >= 'a' && c <= 'z') s = 'x', letters++;
        else if (c >= '0' && c <= '9') s = 'd', cls |= CLS_DIGIT;
        else if ((unsigned char)c >= 0xC0) s = 'u', cls |= CLS_NONASCII, letters++;
        else if ((unsigned char)c >= 0x80) continue;
        else s = c;
        if (c == '-') cls |= CLS_HYPHEN;
        if (c == '.') cls |= CLS_PERIOD;
        if (ns < sizeof shape && (ns == 0 || shape[ns - 1] != s)) shape[ns++] = s;
    }
    if (n && w[0] >= 'A' && w[0] <= 'Z') cls |= CLS_CAP;
    if (upper >= 2 && upper == letters) cls |= CLS_ALLCAPS;
    h->word = sf__hash64(word, n, 1);
    h->lower = sf__hash64(low, n, 2);
    h->shape = sf__hash64(shape, ns, 3);
    h->pre3 = sf__hash64(low, SF_MIN(n, 3), 4);
    h->suf2 = sf__hash64(low + (n > 2 ? n - 2 : 0), SF_MIN(n, 2), 5);
    h->suf3 = sf__hash64(low + (n > 3 ? n - 3 : 0), SF_MIN(n, 3), 6);
    h->suf4 = n >= 4 ? sf__hash64(low + n - 4, 4, 8) : 0;
    h->cls = cls;
}

sf_status sf__ner_sent_prepare(sf_ner_sent *s, const sf_view *w, size_t n) {
    if (n > s->cap) {
        size_t cap = SF_MAX(n, 2 * s->cap);
        sf_ner_tokh *h = sf__realloc(s->h, cap * sizeof(*h));
        if (!h) return SF_ERR_NOMEM;
        s->h = h;
        s->cap = cap;
    }
    s->n = n;
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < n; i++) {
        hash_token(&s->h[i], w[i].p, w[i].n);
        if (s->h[i].cls & (CLS_CAP | CLS_ALLCAPS)) words++;
        else if (w[i].n && ((w[i].p[0] >= 'a' && w[i].p[0] <= 'z'))) words++;
        caps += (s->h[i].cls & CLS_ALLCAPS) != 0;
    }
    /* a headline in capitals: case says little about names there */
    s->caps = words >= 3 && caps * 10 > words * 6;
    return SF_OK;
}

/* Bucket of template t over one or two values. */
static inline uint32_t bucket(unsigned t, uint64_t a, uint64_t b, unsigned bits) {
    uint64_t x = mix(a * 0x9E3779B97F4A7C15ULL + (b ^ ((uint64_t)t << 56)) + t);
    return (uint32_t)(x >> (64 - bits));
}

/* Features of token i that do not depend on the tags decided before it. */
static size_t static_features(const sf_ner_sent *s, size_t i, unsigned bits, uint32_t *out) {
    const sf_ner_tokh *h = s->h, *c = &h[i];
    uint64_t lm1 = i >= 1 ? h[i - 1].lower : PAD_LEFT, lm2 = i >= 2 ? h[i - 2].lower : PAD_LEFT;
    uint64_t lp1 = i + 1 < s->n ? h[i + 1].lower : PAD_RIGHT;
    uint64_t lp2 = i + 2 < s->n ? h[i + 2].lower : PAD_RIGHT;
    uint64_t sm1 = i >= 1 ? h[i - 1].shape : PAD_LEFT, sp1 = i + 1 < s->n ? h[i + 1].shape : PAD_RIGHT;
    uint64_t pos = i < 3 ? i : 3, caps = s->caps;
    size_t k = 0;
    out[k++] = bucket(0, 0, 0, bits);
    out[k++] = bucket(1, c->word, 0, bits);
    out[k++] = bucket(2, c->lower, 0, bits);
    out[k++] = bucket(3, c->shape, caps, bits);
    out[k++] = bucket(4, c->suf2, 0, bits);
    out[k++] = bucket(5, c->suf3, 0, bits);
    if (c->suf4) out[k++] = bucket(6, c->suf4, 0, bits);
    out[k++] = bucket(7, c->pre3, 0, bits);
    out[k++] = bucket(8, lm1, 0, bits);
    out[k++] = bucket(9, lp1, 0, bits);
    out[k++] = bucket(10, lm2, 0, bits);
    out[k++] = bucket(11, lp2, 0, bits);
    out[k++] = bucket(12, sm1, c->shape, bits);
    out[k++] = bucket(13, sp1, c->shape, bits);
    out[k++] = bucket(14, sm1 * 31 + c->shape, sp1 + caps, bits);
    out[k++] = bucket(15, lm1, c->lower, bits);
    out[k++] = bucket(16, c->lower, lp1, bits);
    out[k++] = bucket(19, pos * 16 + caps, c->shape, bits);
    out[k++] = bucket(20, pos == 0, c->lower, bits);
    out[k++] = bucket(21, c->cls, caps, bits);
    out[k++] = bucket(22, c->cls, c->shape, bits);
    out[k++] = bucket(28, lm1, lp1, bits);
    out[k++] = bucket(29, sm1, c->lower, bits);
    out[k++] = bucket(30, c->lower, sp1, bits);
    return k;
}

/* Features of token i that combine the two tags before it with it. */
static size_t tag_features(const sf_ner_sent *s, size_t i, int prev, int prev2, unsigned bits,
                           uint32_t *out) {
    const sf_ner_tokh *h = s->h, *c = &h[i];
    uint64_t lp1 = i + 1 < s->n ? h[i + 1].lower : PAD_RIGHT;
    uint64_t sp1 = i + 1 < s->n ? h[i + 1].shape : PAD_RIGHT, caps = s->caps;
    uint64_t pt = (uint64_t)prev + 1, pt2 = (uint64_t)prev2 + 1;
    size_t k = 0;
    out[k++] = bucket(23, pt, 0, bits);
    out[k++] = bucket(24, pt * 16 + pt2, 0, bits);
    out[k++] = bucket(25, pt, c->lower, bits);
    out[k++] = bucket(26, pt, c->shape, bits);
    out[k++] = bucket(27, pt, lp1, bits);
    out[k++] = bucket(33, pt, sp1 + caps, bits);
    return k;
}

size_t sf__ner_features(const sf_ner_sent *s, size_t i, int prev, int prev2, unsigned bits,
                        uint32_t *out) {
    size_t k = static_features(s, i, bits, out);
    return k + tag_features(s, i, prev, prev2, bits, out + k);
}

static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

sf_status sf__ner_model_parse(const void *data, size_t n, sf_ner_model *out, sf_error *err) {
    const unsigned char *p = data;
    if (n < SF_NER_HEADER || memcmp(p, SF_NER_MAGIC, 8) != 0)
        return sf__error_set(err, SF_ERR_PARSE, "name recognizer model: not a storyfold model");
    uint32_t bits = le32(p + 8), tags = le32(p + 12);
    if (bits < 8 || bits > 26 || tags != SF_NER_TAGS ||
        n - SF_NER_HEADER != ((size_t)1 << bits) * SF_NER_TAGS * 2 || ((uintptr_t)p & 1))
        return sf__error_set(err, SF_ERR_PARSE, "name recognizer model: bad size or tag count");
    out->bits = bits;
    out->w = (const int16_t *)(const void *)(p + SF_NER_HEADER);
    return SF_OK;
}

/* Sum the weights of features f[0..nf) and g[0..ng) per tag. The nine sums
 * are kept in locals so that they stay in registers (summing into an array
 * made every addition a store and a load: 2.5 times slower). */
static void add_weights(const int16_t *w, const uint32_t *f, size_t nf, const uint32_t *g, size_t ng,
                        int32_t *score) {
    _Static_assert(SF_NER_TAGS == 9, "add_weights sums nine tags");
    int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (size_t k = 0; k < nf + ng; k++) {
        const int16_t *v = w + (size_t)(k < nf ? f[k] : g[k - nf]) * SF_NER_TAGS;
        s0 += v[0], s1 += v[1], s2 += v[2], s3 += v[3], s4 += v[4];
        s5 += v[5], s6 += v[6], s7 += v[7], s8 += v[8];
    }
    score[0] = s0, score[1] = s1, score[2] = s2, score[3] = s3, score[4] = s4;
    score[5] = s5, score[6] = s6, score[7] = s7, score[8] = s8;
}

void sf__ner_decode(const sf_ner_model *m, const sf_ner_sent *s, uint8_t *tags) {
    /* the next token's static features are computed, and their weights
     * fetched into the cache, while this token is scored: the table is
     * larger than the core's cache and each feature is a random access */
    uint32_t fs[2][SF_NER_MAX_FEATURES], ft[8];
    size_t ns[2] = {0, 0};
    int prev = SF_NER_O, prev2 = SF_NER_O;
    if (s->n) ns[0] = static_features(s, 0, m->bits, fs[0]);
    for (size_t i = 0; i < s->n; i++) {
        const uint32_t *f = fs[i & 1];
        if (i + 1 < s->n) {
            uint32_t *g = fs[(i + 1) & 1];
            ns[(i + 1) & 1] = static_features(s, i + 1, m->bits, g);
            for (size_t k = 0; k < ns[(i + 1) & 1]; k++)
                __builtin_prefetch(m->w + (size_t)g[k] * SF_NER_TAGS);
        }
        size_t nt = tag_features(s, i, prev, prev2, m->bits, ft);
        int32_t score[SF_NER_TAGS];
        add_weights(m->w, f, ns[i & 1], ft, nt, score);
        int best = SF_NER_O;
        for (int t = 1; t < SF_NER_TAGS; t++)
            if (score[t] > score[best] && sf__ner_allowed(prev, t)) best = t;
        tags[i] = (uint8_t)best;
        prev2 = prev;
        prev = best;
    }
}

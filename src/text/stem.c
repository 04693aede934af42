/* stem.c - Snowball stemmers through libstemmer. The language may be given
 * as an ISO 639-1 code or a Snowball algorithm name ("english", "porter");
 * the stemmer keeps libstemmer's own output buffer, valid until next call.
 */
#include "text.h"

#include <libstemmer.h>
#include <limits.h>

struct sf_stemmer {
    struct sb_stemmer *sb;
};

/* ISO 639-1 -> Snowball algorithm names (the libstemmer 2.x set). */
static const struct {
    const char *iso, *name;
} ALGOS[] = {
    {"ar", "arabic"},    {"ca", "catalan"},   {"da", "danish"},     {"de", "german"},
    {"el", "greek"},     {"en", "english"},   {"es", "spanish"},    {"eu", "basque"},
    {"fi", "finnish"},   {"fr", "french"},    {"ga", "irish"},      {"hi", "hindi"},
    {"hu", "hungarian"}, {"hy", "armenian"},  {"id", "indonesian"}, {"it", "italian"},
    {"lt", "lithuanian"},{"nb", "norwegian"}, {"ne", "nepali"},     {"nl", "dutch"},
    {"nn", "norwegian"}, {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},   {"sr", "serbian"},   {"sv", "swedish"},    {"ta", "tamil"},
    {"tr", "turkish"},   {"yi", "yiddish"},
};

static const char *algorithm_for(const char *lang, char tmp[16]) {
    /* "en-US" / "pt_BR": the primary subtag decides */
    size_t k = 0;
    while (lang[k] && lang[k] != '-' && lang[k] != '_' && k < 15) {
        char ch = lang[k];
        tmp[k++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    tmp[k] = '\0';
    for (size_t i = 0; i < SF_ARRAY_LEN(ALGOS); i++)
        if (strcmp(tmp, ALGOS[i].iso) == 0) return ALGOS[i].name;
    return tmp; /* maybe a Snowball name already ("english", "porter") */
}

sf_stemmer *sf__stemmer_create(const char *lang) {
    char tmp[16];
    const char *algo = algorithm_for(lang ? lang : "en", tmp);
    struct sb_stemmer *sb = sb_stemmer_new(algo, "UTF_8");
    if (!sb) return NULL;
    sf_stemmer *s = sf__malloc(sizeof(*s));
    if (!s) {
        sb_stemmer_delete(sb);
        return NULL;
    }
    s->sb = sb;
    return s;
}

void sf__stemmer_destroy(sf_stemmer *s) {
    if (!s) return;
    sb_stemmer_delete(s->sb);
    sf__free(s);
}

const char *sf__stem(sf_stemmer *s, const char *word, size_t n, size_t *len) {
    /* Words this long are not words; pass them through unstemmed. */
    if (n > 256) {
        *len = n;
        return word;
    }
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)n);
    if (!r) { /* libstemmer's only failure is out of memory: keep the word */
        *len = n;
        return word;
    }
    *len = (size_t)sb_stemmer_length(s->sb);
    return (const char *)r;
}

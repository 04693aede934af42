/* words_en.c - which English words are written in lower case only, from the
 * system's word list (Debian's wamerican: /usr/share/dict/american-english,
 * from SCOWL), compiled in as the recognizer's model is (ner_model.c): the
 * list is read at build time from the installed package, never committed.
 * The list writes proper nouns capitalized ("Hope", "Bill", "House") and
 * other words in lower case ("already", "malaria", "program"), which is
 * what the entity resolver asks: a one-word "name" seen only where a
 * sentence starts ("Already, McCoy said", "Malaria infection rate") is an
 * ordinary word when English writes it in lower case only. No Debian
 * library offers an English lexicon with case (ICU has none; hunspell's
 * needs its affix engine); the list is plain text, one word a line.
 * Hand-written here: reading that list into a hash set. */
#include "entity.h"

#include <pthread.h>
#include <string.h>

#ifndef SF_WORDS_FILE
#error "SF_WORDS_FILE must name the English word list (set by CMakeLists.txt)"
#endif

__asm__(".section .rodata\n"
        ".local sf__words_en_bytes\n"
        "sf__words_en_bytes:\n"
        ".incbin \"" SF_WORDS_FILE "\"\n"
        ".local sf__words_en_end\n"
        "sf__words_en_end:\n"
        ".byte 0\n"
        ".previous\n");

extern const unsigned char sf__words_en_bytes[];
extern const unsigned char sf__words_en_end[];

enum { LOWER = 1, CAPITAL = 2 };
static sf_map WORDS; /* sf__hash64 of the lower-case word -> LOWER | CAPITAL */
static pthread_once_t WORDS_ONCE = PTHREAD_ONCE_INIT;
static bool WORDS_OK;

/* One line: ASCII letters only (possessives, accents and hyphens left
 * out: the resolver's one-word keys are plain words). */
static bool add_line(const unsigned char *p, size_t n) {
    char w[64];
    if (n == 0 || n >= sizeof w) return true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c >= 'A' && c <= 'Z') w[i] = (char)(c | 0x20);
        else if (c >= 'a' && c <= 'z') w[i] = (char)c;
        else return true;
    }
    uint64_t *v = sf__map_slot(&WORDS, sf__hash64(w, n, 0));
    if (!v) return false;
    *v |= p[0] >= 'A' && p[0] <= 'Z' ? CAPITAL : LOWER;
    return true;
}

static void build(void) {
    sf__map_init(&WORDS);
    const unsigned char *p = sf__words_en_bytes, *end = sf__words_en_end;
    while (p < end) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        if (n && p[n - 1] == '\r') n--;
        if (!add_line(p, n)) {
            sf__map_release(&WORDS);
            return;
        }
        p = nl ? nl + 1 : end;
    }
    WORDS_OK = true;
}

bool sf__english_lower_only(const char *w, size_t n) {
    if (n == 0) return false;
    pthread_once(&WORDS_ONCE, build);
    if (!WORDS_OK) return false;
    const uint64_t *v = sf__map_find(&WORDS, sf__hash64(w, n, 0));
    return v && *v == LOWER;
}

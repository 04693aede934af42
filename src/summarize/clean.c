/* clean.c - tells reporting from scraping noise at the sentence level, and
 * finds wire datelines, so summaries quote what the sources reported and
 * nothing of the page around it. Rules are shape-based (case, length,
 * markers), not lists of outlets, so they carry over to unseen sources. */
#include "summarize.h"

#include "../text/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

static bool starts_with_nocase(const char *p, size_t n, const char *lit) {
    size_t k = strlen(lit);
    return n >= k && sf__view_eq_nocase(sf__view(p, k), sf__view(lit, k));
}

/* Markers that open a line of page furniture rather than a sentence. */
static const char *const NOISE_PREFIXES[] = {
    "source:", "sources:", "photo:", "photograph:", "image:", "picture:", "credit:",
    "caption:", "file photo", "read more", "related:", "share this", "click here",
    "follow us", "subscribe", "advertisement", "copyright", "(c)", "\xC2\xA9" /* © */,
    "all rights reserved", "sign up", "reporting by", "editing by", "writing by",
    "also read", "also see", "see also", "updated:", "last updated", "published:", "watch:", "listen:",
    /* an outlet's standing note on a subject, pasted under every article */
    "editor's note", "editors' note", "editor\xE2\x80\x99s note", "editors\xE2\x80\x99 note",
    "attention editors", "for purchase information", /* a wire's notes to its clients' desks */
};

/* True when p[0..n) holds contact details: a telephone number written as
 * digit groups joined by dashes or dots (212-499-3333, 404.526.5456, the
 * area code maybe apart: 202 244-3131, (202) 244-3131) or an
 * e-mail address (name@host, or name(at)host as wires spell it to dodge
 * harvesters). Wire desks end stories with such lines ("The news manager is
 * ..., 404-526-5429"); they are for editors, not readers. */
static bool has_contact(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '@' && i > 0 && i + 1 < n && isalnum((unsigned char)p[i - 1]) &&
            isalnum((unsigned char)p[i + 1]))
            return true;
        if (i > 0 && i + 5 <= n && isalnum((unsigned char)p[i - 1]) && memcmp(p + i, "(at)", 4) == 0 &&
            isalnum((unsigned char)p[i + 4]))
            return true;
        /* "(202) 244-3131": the area code in parentheses */
        if (p[i] == '(' && i + 14 <= n && p[i + 4] == ')' && p[i + 5] == ' ' && p[i + 9] == '-' &&
            (i + 14 == n || !isalnum((unsigned char)p[i + 14]))) {
            static const size_t DIGITS[] = {1, 2, 3, 6, 7, 8, 10, 11, 12, 13};
            size_t d = 0;
            while (d < SF_ARRAY_LEN(DIGITS) && isdigit((unsigned char)p[i + DIGITS[d]])) d++;
            if (d == SF_ARRAY_LEN(DIGITS)) return true;
        }
        /* three groups of digits, the last of four: NNN-NNN-NNNN */
        if (isdigit((unsigned char)p[i]) && (i == 0 || !isalnum((unsigned char)p[i - 1]))) {
            size_t groups = 0, len = 0, j = i;
            for (;;) {
                size_t start = j;
                while (j < n && isdigit((unsigned char)p[j])) j++;
                len = j - start;
                groups++;
                /* the area code may stand apart by a space: "202 244-3131" */
                bool sep = p[j] == '-' || p[j] == '.' || (p[j] == ' ' && groups == 1);
                if (j + 1 < n && sep && isdigit((unsigned char)p[j + 1]) && len == 3 && groups < 3)
                    j++;
                else
                    break;
            }
            if (groups >= 3 && len == 4 && (j == n || !isalnum((unsigned char)p[j]))) return true;
            i = j;
        }
    }
    return false;
}

/* Whether p[0..n) holds the ASCII word w, in any case. */
static bool strcasestr_n(const char *p, size_t n, const char *w) {
    size_t k = strlen(w);
    /* the first byte first: each sentence of a story is searched for
     * several words */
    int c0 = tolower((unsigned char)w[0]);
    for (size_t i = 0; i + k <= n; i++)
        if (tolower((unsigned char)p[i]) == c0 && strncasecmp(p + i, w, k) == 0) return true;
    return false;
}

/* A Bengali report ends its sentences with "।", a Chinese one with "。", never ".";
 * one list serves the noise test and the headline. */
size_t sf__script_terminator(const char *p, size_t n, bool *full_stop) {
    static const struct { const char *s; bool stop; } TERM[] = {
        {"\xE0\xA5\xA4", true}, {"\xE0\xA5\xA5", true}, {"\xE3\x80\x82", true},
        {"\xEF\xBC\x81", false}, {"\xEF\xBC\x9F", false}};
    for (size_t k = 0; n >= 3 && k < SF_ARRAY_LEN(TERM); k++)
        if (memcmp(p + n - 3, TERM[k].s, 3) == 0) {
            if (full_stop) *full_stop = TERM[k].stop;
            return 3;
        }
    return 0;
}

/* The code point of the three-byte UTF-8 character at p, 0 when p holds
 * another (ASCII, two or four bytes). */
static unsigned cp3_at(const char *p, size_t n) {
    if (n == 0) return 0;
    size_t len = 0;
    int32_t cp = sf__utf8_next(p, n, &len);
    return len == 3 ? (unsigned)cp : 0;
}

/* Whether p opens with a kana or CJK ideograph (U+3040 to U+9FFF): a
 * script written without spaces between words. */
static bool ideograph_at(const char *p, size_t n) {
    unsigned cp = cp3_at(p, n);
    return cp >= 0x3040 && cp <= 0x9FFF;
}

/* Full-width punctuation of the scripts written without spaces: the CJK
 * symbols (U+3000 to U+303F: "、", "。", "《", "】") and the full-width
 * forms (U+FF00 to U+FF60: "（", "）", "：", "，"). */
static bool wide_punct(unsigned cp) {
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60);
}

static bool wide_open(unsigned cp) {
    return cp == 0xFF08 || cp == 0xFF3B || cp == 0xFF5B || cp == 0x3008 || cp == 0x300A ||
           cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3014 || cp == 0x3016;
}

static bool wide_close(unsigned cp) {
    return cp == 0xFF09 || cp == 0xFF3D || cp == 0xFF5D || cp == 0x3009 || cp == 0x300B ||
           cp == 0x300D || cp == 0x300F || cp == 0x3011 || cp == 0x3015 || cp == 0x3017;
}

/* A label, a colon and a name in Latin letters before the text: "作者：Denise
 * Grady " (byline), "编辑：Jane Roe " - one to six ideographs, ":" or "：",
 * two or three capitalized words. The bytes up to the ideograph after the
 * name, 0 when p opens otherwise. */
static size_t label_and_latin_name(const char *p, size_t n) {
    size_t i = 0, label = 0;
    while (label < 7 && ideograph_at(p + i, n - i)) i += 3, label++;
    if (label == 0 || label > 6) return 0;
    if (i < n && p[i] == ':') i++;
    else if (cp3_at(p + i, n - i) == 0xFF1A) i += 3;
    else return 0;
    while (i < n && p[i] == ' ') i++;
    /* a person's name, as "Denise Grady": two or three words, each a
     * capital then lower case (not "OZY", nor one name such as a dateline's
     * subject "加尔各答：Trinamool 大会...") */
    size_t words = 0;
    while (i + 1 < n && isupper((unsigned char)p[i]) && islower((unsigned char)p[i + 1]) && words < 4) {
        while (i < n && (isalpha((unsigned char)p[i]) || p[i] == '.' || p[i] == '-' || p[i] == '\'')) i++;
        words++;
        if (i >= n || p[i] != ' ') return 0;
        i++;
        if (ideograph_at(p + i, n - i)) return words >= 2 && words <= 3 ? i : 0;
    }
    return 0;
}

/* A bracketed caption or credit opening a sentence of a spaceless script
 * and parted from it by a space ("(Pontus Lundahl/TT via AP) 青少年...",
 * "（照片：Jamie McCarthy） YouTuber ..."): the bytes up to the text after
 * it, 0 when p opens otherwise or no ideograph follows (a spaced script's
 * "(Updated) The council met ..." stays whole). */
static size_t opening_caption(const char *p, size_t n) {
    bool wide = cp3_at(p, n) == 0xFF08;
    if (!wide && (n == 0 || p[0] != '(')) return 0;
    size_t i = wide ? 3 : 1;
    while (i < n && i < 300) {
        unsigned cp = cp3_at(p + i, n - i);
        if (p[i] == '(' || wide_open(cp)) return 0;
        if (p[i] == ')' || cp == 0xFF09) break;
        i += cp ? 3 : 1;
    }
    if (i >= n || i >= 300) return 0;
    i += p[i] == ')' ? 1 : 3;
    if (i >= n || p[i] != ' ') return 0;
    while (i < n && p[i] == ' ') i++;
    for (size_t k = i; k < n; k++)
        if (ideograph_at(p + k, n - k)) return i;
    return 0;
}

/* Page furniture that a one-line copy of a page runs into the text, each
 * followed by the next element: an advertisement's label, a sign-up
 * prompt, a picture agency's credit line. */
static const char *const FURNITURE_EN[] = {
    "Story continues below advertisement", "Advertisement", "ADVERTISEMENT", "Free Sign Up",
    "via Getty Images", "/Getty Images", "Photo / Supplied", "/File Photo", "(AP Photo)",
    /* a picture's sale button, share and next-story prompts ("... Maria CLOSE
     * Buy Photo United Third Bridge President ...", "... for ritual Share
     * this too The Ogun state command ...", "... the decade Read more
     * Mehta, who ..."); German pages' share button ("Jetzt teilen:") */
    "Buy Photo", "Share this too", "Read more", "Read More", "Jetzt teilen:",
};

/* Labels a page prints before a picture's credit ("Foto: dpa/Patrick
 * Pleul", "Photography: Lucas Ibarra", "Photo Credit: ...", "(Bild: dpa)").
 * The words are the thing here, so a list: English, German and the Romance
 * "Foto"/"Imagen", the languages of the pages we read most. "Photos:" (a
 * gallery's title) is not one. */
static const char *const CREDIT_LABEL[] = {"photo", "foto", "bild", "image", "imagen", "picture",
                                           "photograph", "photography", "credit"};

/* Is p[i..) a word w (any case) ending where a word ends? */
static bool word_nocase_at(const char *p, size_t n, size_t i, const char *w) {
    size_t k = strlen(w);
    return i + k <= n && strncasecmp(p + i, w, k) == 0 && (i + k == n || !isalnum((unsigned char)p[i + k]));
}

/* A credit label at byte i, written with a capital ("Foto:", "Photo
 * Credit:", "FILE PHOTO:", "Photo :"): the bytes up to the credit after
 * its colon, 0 when none. *caption: the label is a file picture's ("FILE
 * PHOTO:"), whose caption follows, not a credit. */
static size_t credit_label_at(const char *p, size_t n, size_t i, bool *caption) {
    if (i > 0 && isalnum((unsigned char)p[i - 1])) return 0;
    if (i >= n || !isupper((unsigned char)p[i])) return 0;
    size_t j = i;
    *caption = false;
    if (word_nocase_at(p, n, j, "file") && j + 5 < n && p[j + 4] == ' ') {
        *caption = true;
        j += 5;
    }
    bool found = false;
    for (size_t k = 0; k < SF_ARRAY_LEN(CREDIT_LABEL) && !found; k++)
        if (word_nocase_at(p, n, j, CREDIT_LABEL[k])) {
            j += strlen(CREDIT_LABEL[k]);
            found = true;
        }
    if (!found || (*caption && !isupper((unsigned char)p[i + 5]))) return 0;
    if (j + 7 < n && p[j] == ' ' && word_nocase_at(p, n, j + 1, "credit")) j += 7; /* "Photo Credit:" */
    if (j < n && p[j] == ' ') j++;                                                 /* "Photo :" */
    if (j >= n || p[j] != ':') return 0;
    j++;
    if (j >= n || p[j] != ' ') return 0;
    while (j < n && p[j] == ' ') j++;
    return j < n ? j : 0;
}

/* The word at p[i..) up to a space or a slash. */
static size_t credit_word(const char *p, size_t n, size_t i) {
    size_t e = i;
    while (e < n && p[e] != ' ' && p[e] != '/') e++;
    return e - i;
}

static bool no_lower_letter(const char *p, size_t w) {
    size_t letters = 0;
    for (size_t k = 0; k < w; k++) {
        if (islower((unsigned char)p[k])) return false;
        letters += isupper((unsigned char)p[k]) != 0;
    }
    return letters >= 2;
}

/* Articles that open a sentence in the languages of CREDIT_LABEL: never a
 * family name. */
static const char *const ARTICLE_CAP[] = {"The", "A", "An", "Der", "Die", "Das", "Ein", "Eine", "El", "Los",
                                          "Las", "Il", "Les", "Un", "Una", NULL};

static bool in_words(const char *p, size_t w, const char *const *list) {
    for (size_t k = 0; list[k]; k++)
        if (w == strlen(list[k]) && memcmp(p, list[k], w) == 0) return true;
    return false;
}

/* A particle inside a person's name ("Carla de Souza", "Ursula von der
 * Leyen"). */
static bool name_particle(const char *p, size_t w) {
    static const char *const PART[] = {"de", "da", "del", "di", "van", "von", "der", "la", "le", "du"};
    for (size_t k = 0; k < SF_ARRAY_LEN(PART); k++)
        if (w == strlen(PART[k]) && memcmp(p, PART[k], w) == 0) return true;
    return false;
}

/* The credit at p[i..), by its shape: names and agencies joined by slashes
 * ("dpa/Thomas Kraus", "Jens Büttner/zb/dpa/Symbolbild", "AFP / Carla de
 * Souza", "REUTERS/TYRONE SIU"), or one word alone in capitals or in lower
 * case (an agency: "Reuters" is not, "AFP" and "dpa" are). A name is three
 * capitalized words at most ("Sibonelo Ngcobo/African News Agency"), and
 * *second is set to the start of its last word when it has more than one,
 * so that the caller can give the word back to the text when a word in
 * lower case follows it. Returns the end of the credit, 0 when its end
 * cannot be told ("Foto: Reuters Diosdado Cabello, presidente ...": a
 * credit of capitalized words before a capitalized text, with no slash). */
static size_t credit_end(const char *p, size_t n, size_t i, size_t *second) {
    bool slash = false;
    *second = 0;
    for (size_t seg = 0; seg < 6; seg++) {
        size_t w = credit_word(p, n, i);
        if (!w) return 0;
        size_t e = i + w;
        if (no_lower_letter(p + i, w) || islower((unsigned char)p[i])) {
            /* an agency, or a name in capitals ("TYRONE SIU") */
            for (size_t more = 0; more < 2 && no_lower_letter(p + i, w); more++) {
                size_t k = e;
                if (k >= n || p[k] != ' ') break;
                size_t w2 = credit_word(p, n, k + 1);
                if (!w2 || !no_lower_letter(p + k + 1, w2) || (k + 1 + w2 < n && p[k + 1 + w2] != ' ' && p[k + 1 + w2] != '/'))
                    break;
                /* a word in capitals that a slash follows is the next segment's */
                e = k + 1 + w2;
            }
        } else if (isupper((unsigned char)p[i]) || (unsigned char)p[i] >= 0x80) {
            /* a capitalized name: up to three words (and particles) */
            size_t words = 1;
            *second = 0;
            for (;;) {
                size_t k = e;
                if (k >= n || p[k] != ' ') break;
                size_t w2 = credit_word(p, n, k + 1);
                if (!w2) break;
                const char *q = p + k + 1;
                bool particle = name_particle(q, w2);
                if (!particle && !(isupper((unsigned char)q[0]) || (unsigned char)q[0] >= 0x80)) break;
                bool before_slash = k + 1 + w2 < n && p[k + 1 + w2] == '/';
                if (!particle && words >= 3) break;
                /* an article after the last slash opens the text
                 * ("/Symbolbild Das Wasser ..."): German capitalizes its
                 * nouns, so the case of the word after it tells nothing */
                if (!particle && !before_slash && in_words(q, w2, ARTICLE_CAP)) break;
                if (!particle) {
                    words++;
                    *second = k + 1;
                }
                e = k + 1 + w2;
            }
            if (!slash && !(e < n && (p[e] == '/' || (e + 1 < n && p[e] == ' ' && p[e + 1] == '/')))) return 0;
        } else {
            return 0;
        }
        i = e;
        size_t k = i;
        while (k < n && p[k] == ' ') k++;
        if (k < n && p[k] == '/') {
            slash = true;
            *second = 0;
            i = k + 1;
            while (i < n && p[i] == ' ') i++;
            continue;
        }
        return i;
    }
    return 0;
}

/* A credit in the sentence p[0..n), after a label or in an agency's
 * shape (capitals, a slash, a name: "REUTERS/Leonhard Foeger The European
 * Commission ..."): the byte where the text after the last one starts (0
 * when none, or when only page furniture follows). *unresolved: a label
 * whose credit's end cannot be told, or a file picture's caption ("FILE
 * PHOTO: U.S. Treasury Secretary ... speaks to reporters"): the sentence
 * is the page's, not the report's. */
static size_t credit_run(const char *p, size_t n, bool *unresolved) {
    size_t from = 0;
    *unresolved = false;
    for (size_t i = 0; i < n; i++) {
        bool caption = false, paren = i > 0 && p[i - 1] == '(';
        size_t second = 0;
        size_t c = credit_label_at(p, n, i, &caption);
        size_t end = 0;
        if (c) {
            if (caption) { /* "FILE PHOTO:" is not read again as "PHOTO:" */
                *unresolved = true;
                i = c - 1;
                continue;
            }
            if (paren) { /* "(Foto: Universum)" */
                end = c;
                while (end < n && end < c + 80 && p[end] != ')' && p[end] != '(') end++;
                end = end < n && p[end] == ')' ? end + 1 : 0;
            } else {
                end = credit_end(p, n, c, &second);
            }
            if (!end) {
                *unresolved = true;
                i = c - 1;
                continue;
            }
        } else if (isupper((unsigned char)p[i]) && (i == 0 || p[i - 1] == ' ')) {
            /* an agency in capitals, a slash, a name: "REUTERS/Leonhard Foeger" */
            size_t w = 0;
            while (i + w < n && isupper((unsigned char)p[i + w])) w++;
            if (w < 2 || i + w + 1 >= n || p[i + w] != '/' || !isupper((unsigned char)p[i + w + 1]) ||
                !islower((unsigned char)p[i + w + 2]))
                continue;
            end = credit_end(p, n, i, &second);
            if (!end) continue;
        } else {
            continue;
        }
        while (end < n && p[end] == ' ') end++;
        /* a name's last word was the text's first when a word in lower
         * case follows it ("dpa/Symbolbild Buchloe hatten ...": German
         * capitalizes its nouns, so a credit's capitalized words may run
         * into the text's) */
        if (second && end < n && islower((unsigned char)p[end])) end = second;
        /* a dash after the credit ("... /dpa - Der Erreger ...") */
        if (end + 2 < n && p[end] == '-' && p[end + 1] == ' ') end += 2;
        else if (end + 4 < n && (unsigned char)p[end] == 0xE2 && (unsigned char)p[end + 1] == 0x80 &&
                 ((unsigned char)p[end + 2] == 0x93 || (unsigned char)p[end + 2] == 0x94) && p[end + 3] == ' ')
            end += 4;
        /* the text goes on with a capital (a new element); not inside a
         * phrase ("the VFW/Knights of Columbus building", an agency's
         * shape only) */
        bool capital = end < n && (isupper((unsigned char)p[end]) || (unsigned char)p[end] >= 0x80);
        if (capital || end >= n) {
            from = end;
            *unresolved = false;
        } else if (c) {
            *unresolved = true;
        }
        i = end ? end - 1 : i;
    }
    return from;
}

static size_t count_words_in(const char *p, size_t n);

/* Is the word before byte i (a space before it) a determiner or a
 * preposition? */
static bool after_function_word(const char *p, size_t i) {
    static const char *const FUNCTION[] = {"the", "a", "an", "of", "for", "by", "to", "in", "on", "at",
                                           "this", "that", "its", "their", "his", "her"};
    size_t e = i;
    while (e > 0 && p[e - 1] == ' ') e--;
    size_t b = e;
    while (b > 0 && isalpha((unsigned char)p[b - 1])) b--;
    for (size_t k = 0; k < SF_ARRAY_LEN(FUNCTION); k++)
        if (e - b == strlen(FUNCTION[k]) && sf__view_eq_nocase(sf__view(p + b, e - b), sf__view(FUNCTION[k], e - b)))
            return true;
    return false;
}

size_t sf__furniture_run_length(const char *p, size_t n) {
    size_t from = 0;
    for (size_t k = 0; k < SF_ARRAY_LEN(FURNITURE_EN); k++) {
        size_t m = strlen(FURNITURE_EN[k]);
        for (size_t i = 0; i + m < n; i++) {
            if (p[i] != FURNITURE_EN[k][0] || memcmp(p + i, FURNITURE_EN[k], m) != 0) continue;
            /* a whole word or phrase: "Advertisements" or "the Advertisement
             * Standards Authority" in a sentence are words of it */
            if (i > 0 && isalnum((unsigned char)p[i - 1]) && isalnum((unsigned char)FURNITURE_EN[k][0])) continue;
            /* nor after a determiner or preposition: "the Advertisement
             * Standards Authority" is a name in a sentence */
            if (i > 1 && after_function_word(p, i)) continue;
            size_t j = i + m;
            while (j < n && (p[j] == ' ' || p[j] == '-')) j++;
            /* the next element opens with a capital */
            if (j == i + m || j >= n || !isupper((unsigned char)p[j])) continue;
            if (j > from) from = j;
        }
    }
    bool unresolved = false;
    size_t credit = credit_run(p, n, &unresolved);
    if (credit > from) from = credit;
    if (!from || from >= n || count_words_in(p + from, n - from) < 6) return 0;
    return from;
}

size_t sf__page_elements_length(const char *p, size_t n) {
    size_t start = opening_caption(p, n);
    p += start, n -= start;
    size_t cut = 0, depth = 0;
    unsigned prev = 0; /* the character before the current run of spaces */
    for (size_t i = 0; i < n;) {
        if (p[i] == ' ') {
            size_t j = i;
            while (j < n && p[j] == ' ') j++;
            unsigned next = cp3_at(p + j, n - j);
            bool wide_before = (prev >= 0x3040 && prev <= 0x9FFF) || (wide_punct(prev) && !wide_open(prev));
            bool wide_after = next && (ideograph_at(p + j, n - j) || wide_punct(next));
            /* a gap inside brackets parts a byline's names ("（记者 张三 李四）"),
             * not two elements */
            if (depth == 0 && prev && wide_before && wide_after) cut = j;
            i = j;
            continue;
        }
        unsigned cp = cp3_at(p + i, n - i);
        if (cp) {
            if (wide_open(cp)) depth++;
            if (wide_close(cp) && depth) depth--;
            prev = cp;
            i += 3;
        } else {
            if (p[i] == '(') depth++;
            if (p[i] == ')' && depth) depth--;
            prev = (unsigned char)p[i];
            i++;
        }
    }
    cut += label_and_latin_name(p + cut, n - cut);
    return cut < n ? start + cut : 0;
}

/* The page's own furniture by its look: bullets, a note in brackets, a
 * lead-in ending in a colon, known prefixes, a wire picture's number, a
 * credit whose end cannot be told. */
static bool furniture_shape(const char *p, size_t n) {
    /* bullets and list markers: "•", "▪", "*", "-" at the very start */
    if (starts_with_nocase(p, n, "\xE2\x80\xA2") || starts_with_nocase(p, n, "\xE2\x96\xAA") ||
        p[0] == '*' || p[0] == '|')
        return true;
    /* an editor's note wholly in parentheses or brackets, or a lead-in to a
     * list that ends in a colon, says nothing on its own */
    if ((p[0] == '(' && p[n - 1] == ')') || (p[0] == '[' && p[n - 1] == ']') || p[n - 1] == ':')
        return true;
    for (size_t i = 0; i < SF_ARRAY_LEN(NOISE_PREFIXES); i++)
        if (starts_with_nocase(p, n, NOISE_PREFIXES[i])) return true;
    /* a wire picture's caption opens with the picture's number in
     * brackets, capitals and digits: "(NYT35) GUADALAJARA, Mexico -- ..." */
    if (p[0] == '(' && n > 4) {
        size_t k = 1, caps = 0, digits = 0;
        for (; k < n && k < 16 && (isupper((unsigned char)p[k]) || isdigit((unsigned char)p[k])); k++)
            caps += isupper((unsigned char)p[k]) != 0, digits += isdigit((unsigned char)p[k]) != 0;
        if (k < n && p[k] == ')' && caps >= 2 && digits >= 1) return true;
    }
    /* a picture's credit whose end cannot be told, or a file picture's
     * caption, in the sentence: it is the page's */
    bool unresolved = false;
    (void)credit_run(p, n, &unresolved);
    return unresolved;
}

/* A site's notices to its reader: that it needs a script, that it uses
 * cookies, that the reader consents to its terms. */
static bool site_notice(const char *p, size_t n) {
    /* a page's notice that it needs a script to work ("Sorry, but your
     * browser needs Javascript to use this site."): the scraper's, not the
     * report's */
    if (strcasestr_n(p, n, "javascript") &&
        (strcasestr_n(p, n, "browser") || strcasestr_n(p, n, "enable") || strcasestr_n(p, n, "disabled")))
        return true;
    /* a site's notice of its cookies ("We use cookies to ensure that we
     * give you the best experience on our website.", "you can change your
     * cookie settings") */
    if (strcasestr_n(p, n, "cookie") &&
        (strcasestr_n(p, n, "website") || strcasestr_n(p, n, "our site") || strcasestr_n(p, n, "settings") ||
         strcasestr_n(p, n, "browsing") || strcasestr_n(p, n, "advertising") ||
         /* the same notice on German pages (most of the pages of
          * trafilatura's set are): "Wir verwenden auf unserer Webseite
          * Cookies ...", "... Deaktivierung von Cookies, finden Sie in
          * unseren Datenschutzhinweisen", "Cookies ... Ausspielung von
          * Werbung" */
         strcasestr_n(p, n, "webseite") || strcasestr_n(p, n, "werbung") || strcasestr_n(p, n, "datenschutz") ||
         strcasestr_n(p, n, "einstellung") || strcasestr_n(p, n, "nutzung") || strcasestr_n(p, n, "verwend")))
        return true;
    /* the reader's consent to the site's privacy terms or house rules (a
     * comment form's "Ich habe die Netiquette und die
     * Datenschutzerklärung gelesen und akzeptiere diese.", "Ihre
     * Zustimmung können Sie ... widerrufen, wie in den
     * Datenschutzrichtlinien beschrieben", "I have read and accept the
     * privacy policy"): a term of the site and a verb of consent */
    static const char *const TERMS[] = {"privacy policy", "privacy statement", "netiquette", "datenschutzerkl",
                                        "datenschutzhinweis", "datenschutzbestimmung", "datenschutzrichtlinie"};
    static const char *const CONSENT[] = {"accept", "agree", "consent", "akzept", "gelesen", "widerruf",
                                          "zustimm", "einverstanden", /* a pointer to them */ "information"};
    for (size_t t = 0; t < SF_ARRAY_LEN(TERMS); t++)
        if (strcasestr_n(p, n, TERMS[t]))
            for (size_t k = 0; k < SF_ARRAY_LEN(CONSENT); k++)
                if (strcasestr_n(p, n, CONSENT[k])) return true;
    return false;
}

/* Words, lower-case letters and letters of p[0..n). */
static void count_letters(const char *p, size_t n, size_t *words, size_t *lower, size_t *letters) {
    *words = *lower = *letters = 0;
    bool in_word = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        /* Chinese and Japanese put no space between words: each kana or
         * ideograph counts as one, or no sentence of theirs would have
         * several words */
        if (ideograph_at(p + i, n - i)) {
            (*words)++, in_word = false, i += 2;
            continue;
        }
        bool w = isalnum(ch) || ch >= 0x80;
        if (w && !in_word) (*words)++;
        in_word = w;
        if (isalpha(ch)) (*letters)++;
        if (islower(ch)) (*lower)++;
    }
}

/* The writer's byline, contact or promotion of a sentence of `words`
 * words. */
static bool byline_or_promotion(const char *p, size_t n, size_t words) {
    /* "By Jane Doe", "By JANE DOE, Associated Press Writer" */
    if (starts_with_nocase(p, n, "by ") && words <= 8 && p[n - 1] != '.') return true;
    if (has_contact(p, n)) return true;
    /* "Follow Pam Key on Twitter @pamkeyNEN": the writer's own promotion */
    if (starts_with_nocase(p, n, "follow ") && words <= 12 &&
        (memchr(p, '@', n) || strcasestr_n(p, n, "twitter") || strcasestr_n(p, n, "facebook") ||
         strcasestr_n(p, n, "instagram")))
        return true;
    /* "Visit Business Insider's homepage for more stories." */
    return starts_with_nocase(p, n, "visit ") && words <= 12 &&
           (strcasestr_n(p, n, "homepage") || strcasestr_n(p, n, "website") || strcasestr_n(p, n, ".com"));
}

/* Does p[0..n) of `words` words read as no reporting: no sentence's end
 * (a headline, a caption, a cut line), or Title Case all along ("For Use
 * By Clients of the News Service", a heading or a credit)? */
static bool not_a_sentence(const char *p, size_t n, size_t words) {
    size_t end = n;
    while (end && strchr("\"')]}'`", p[end - 1])) end--;
    if (end >= 3 && (unsigned char)p[end - 3] == 0xE2 && (unsigned char)p[end - 2] == 0x80 &&
        ((unsigned char)p[end - 1] == 0x9D || (unsigned char)p[end - 1] == 0x99))
        end -= 3; /* ” ’ */
    if (!end || !(strchr(".!?", p[end - 1]) || sf__script_terminator(p, end, NULL))) return true;
    size_t capitalized = 0;
    bool in_word = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        bool w = isalnum(ch) || ch >= 0x80;
        if (w && !in_word && isupper(ch)) capitalized++;
        in_word = w;
    }
    return words >= 4 && capitalized * 10 >= words * 7;
}

bool sf__is_noise_sentence(const char *p, size_t n) {
    sf_view v = sf__view_trim(sf__view(p, n));
    p = v.p;
    n = v.n;
    if (n == 0) return true;
    if (furniture_shape(p, n) || site_notice(p, n)) return true;
    size_t words, lower, letters;
    count_letters(p, n, &words, &lower, &letters);
    if (byline_or_promotion(p, n, words)) return true;
    /* A sentence reports something: several words and some lower case. */
    if (words < 4) return true;
    if (letters && lower * 4 < letters) return true; /* shouting headline or credit line */
    return not_a_sentence(p, n, words);
}

/* "Jerusalem, September 13 (Xinhua) --", "New York, Oct. 5 (Reuters) -": a
 * place and date in mixed case are a dateline when an agency in parentheses
 * closes them before the dash. Every word before the parenthesis opens with
 * a capital or a digit, and a comma parts the place from the date. Returns
 * the length with the dash and the spaces after it, 0 when not such. */
static size_t agency_dateline(const char *p, size_t n) {
    size_t limit = SF_MIN(n, (size_t)60), open = 0;
    while (open < limit && p[open] != '(') open++;
    if (open >= limit || open < 4 || p[open - 1] != ' ') return 0;
    size_t close = open + 1;
    while (close < limit && p[close] != ')' && p[close] != '(') close++;
    if (close >= limit || p[close] != ')' || close - open < 3 || close - open > 20) return 0;
    if (!isupper((unsigned char)p[open + 1])) return 0; /* the agency's name */
    bool comma = false;
    for (size_t i = 0; i < open; i++) {
        if (p[i] == ',') comma = true;
        if ((i == 0 || p[i - 1] == ' ') && p[i] != ' ' && !isupper((unsigned char)p[i]) &&
            !isdigit((unsigned char)p[i]) && (unsigned char)p[i] < 0x80)
            return 0; /* a word in lower case: a clause, not a place */
    }
    if (!comma) return 0;
    size_t i = close + 1;
    while (i < n && p[i] == ' ') i++;
    bool utf8_dash = i + 2 < n && (unsigned char)p[i] == 0xE2 && (unsigned char)p[i + 1] == 0x80 &&
                     ((unsigned char)p[i + 2] == 0x94 || (unsigned char)p[i + 2] == 0x93);
    if (!(i < n && (p[i] == '-' || p[i] == '_')) && !utf8_dash) return 0;
    i += utf8_dash ? 3 : 1;
    while (i < n && (p[i] == '-' || p[i] == '_' || p[i] == ' ')) i++;
    return i < n ? i : 0;
}

size_t sf__outlet_dateline_length(const char *p, size_t n) {
    size_t i = 0, words = 0;
    while (i < n && words < 4) {
        /* a word: a capital, then letters (or "&" alone, "Ben & Jerry") */
        if (p[i] == '&') i++;
        else {
            if (!isupper((unsigned char)p[i])) return 0;
            while (i < n && (isalpha((unsigned char)p[i]) || p[i] == '\'' || p[i] == '.')) i++;
        }
        words++;
        if (i + 1 >= n || p[i] != ' ') return 0;
        i++;
        size_t dash = p[i] == '-' ? 1
                      : i + 2 < n && (unsigned char)p[i] == 0xE2 && (unsigned char)p[i + 1] == 0x80 &&
                              ((unsigned char)p[i + 2] == 0x93 || (unsigned char)p[i + 2] == 0x94)
                          ? 3
                          : 0;
        if (dash) {
            size_t e = i + dash;
            if (words > 3 || e >= n || p[e] != ' ') return 0;
            while (e < n && p[e] == ' ') e++;
            return e < n && isupper((unsigned char)p[e]) ? e : 0;
        }
    }
    return 0;
}

size_t sf__list_dash_length(const char *p, size_t n) {
    /* only the underscore: a hyphen or a dash opening a sentence opens
     * direct speech in Polish, Norwegian, Finnish or Russian ("– Samtidig
     * som vi ..., sier ..."), which stays a quotation's */
    if (n < 3 || p[0] != '_' || p[1] != ' ') return 0;
    size_t i = 1;
    while (i < n && p[i] == ' ') i++;
    /* the item is a sentence: a capital or a digit opens it */
    return i < n && (isupper((unsigned char)p[i]) || isdigit((unsigned char)p[i])) ? i : 0;
}

size_t sf__colon_dateline_length(const char *p, size_t n) {
    /* capitals, spaces, dots and commas ("NEW DELHI:", "WASHINGTON, D.C.:"),
     * four capitals or more, up to 40 bytes */
    size_t i = 0, caps = 0;
    while (i < n && i < 40 && (isupper((unsigned char)p[i]) || p[i] == ' ' || p[i] == '.' || p[i] == ',' || p[i] == '-'))
        caps += isupper((unsigned char)p[i++]) != 0;
    /* five capitals or more: an acronym of four or fewer before a colon
     * is more often the source of a claim ("NASA: El Nino is petering
     * out") than a place */
    if (caps < 5 || i >= n || p[i] != ':' || i + 2 >= n || p[i + 1] != ' ' || !isupper((unsigned char)p[0])) return 0;
    /* "ATTENTION EDITORS:" is a note to the desks, left whole for the
     * noise rules, not a place */
    if (starts_with_nocase(p, i, "attention")) return 0;
    size_t j = i + 1;
    while (j < n && p[j] == ' ') j++;
    /* the text opens as a sentence does, a capital before lower case or a
     * space (a label in capitals, "WATCH: The flood ...", goes as well) */
    return j + 1 < n && isupper((unsigned char)p[j]) && (islower((unsigned char)p[j + 1]) || p[j + 1] == ' ') ? j : 0;
}

size_t sf__dateline_length(const char *p, size_t n) {
    size_t agency = agency_dateline(p, n);
    if (agency) return agency;
    /* A dateline is a short upper-case place, maybe an agency in
     * parentheses, then a dash: "PINE RIDGE, S.D. (AP) --". Look for the dash
     * within the first 80 bytes, with no lower-case letters outside the
     * parentheses before it. */
    size_t limit = SF_MIN(n, (size_t)80);
    int depth = 0;
    size_t upper = 0;
    /* after the place in capitals and a comma, the state or country may be
     * written in mixed case when each of its words is capitalized: "CAPE
     * TOWN, South Africa (AP) _", "DAR ES SALAAM, Tanzania (AP) _" */
    bool region = false;
    for (size_t i = 0; i < limit; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == ',' && depth == 0 && !region) {
            region = true;
            for (size_t k = 0; k < i && region; k++)
                region = !islower((unsigned char)p[k]) && upper >= 2;
        }
        if (ch == '(') depth++;
        else if (ch == ')') depth = depth ? depth - 1 : 0;
        else if (depth == 0 && islower(ch)) {
            /* "beirut - " in lower case is also a dateline when it is one or
             * two words; allow lower case only in that short form, or
             * inside a capitalized word of the region */
            if (region ? !isalpha((unsigned char)p[i - 1]) : i > 20) return 0;
        } else if (depth == 0 && isupper(ch)) upper++;
        /* "--" and "-" (AP, Reuters), "_" (the New York Times wire), an em
         * or en dash in UTF-8 ("FLINT, Mich., Oct. 4 (UPI) —") */
        bool utf8_dash = ch == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80 &&
                         ((unsigned char)p[i + 2] == 0x94 || (unsigned char)p[i + 2] == 0x93);
        if (depth == 0 && (ch == '-' || ch == '_' || utf8_dash) && i > 0 && (p[i - 1] == ' ' || p[i - 1] == ')')) {
            size_t end = i;
            if (utf8_dash) end += 3;
            while (end < n && (p[end] == ch || p[end] == ' ')) end++;
            /* the text before the dash must look like a place, not a clause */
            if (i < 3) return 0;
            bool short_lower_form = upper == 0 && i <= 20;
            /* the place opens with a word in capitals: "PINE RIDGE", "BEIRUT" */
            size_t w = 0;
            while (w < i && isupper((unsigned char)p[w])) w++;
            bool upper_form = upper >= 2 && w >= 2 && (w == i || !isalpha((unsigned char)p[w]));
            if (!short_lower_form && !upper_form) return 0;
            if (end >= n) return 0;
            return end;
        }
        /* no check for a sentence end: state abbreviations ("Fla.") end in
         * a period; the capitalized opening word is the guard */
    }
    return 0;
}


bool sf__has_quotation(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"') return true;
        if (i + 1 < n && p[i] == '`' && p[i + 1] == '`') return true;
        if (i + 1 < n && p[i] == '\'' && p[i + 1] == '\'') return true; /* '' closes `` */
        if (i + 2 < n && (unsigned char)p[i] == 0xE2 && (unsigned char)p[i + 1] == 0x80 &&
            ((unsigned char)p[i + 2] == 0x9C || (unsigned char)p[i + 2] == 0x9D || (unsigned char)p[i + 2] == 0x9E))
            return true; /* “ ” „ */
    }
    return false;
}

/* Whether a quotation is open after p[0..n), given `open` before it. The
 * direction of a straight mark is read from its neighbours (an opener
 * follows a space or a bracket and comes before a word; a closer the
 * reverse), not by counting: a text whose paragraphs were run together
 * keeps the newsroom convention of reopening a quotation that goes on in
 * the next paragraph, and counting would then turn every later sentence
 * into a quotation. A line break ends a paragraph and so the quotation
 * (that same convention reopens it with a mark). Curly marks and the
 * TeX-style `` '' of wire copy carry their direction; single quotation
 * marks are left alone (an apostrophe is the same character). */
bool sf__quote_open_after(const char *p, size_t n, bool open) {
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '\n') open = false;
        else if (ch == '"') {
            bool before_space = i == 0 || isspace((unsigned char)p[i - 1]) || strchr("([{", p[i - 1]);
            bool after_word = i + 1 < n && !isspace((unsigned char)p[i + 1]) && !strchr(".,;:!?)", p[i + 1]);
            if (before_space && after_word) open = true;
            else if (!before_space) open = false;
        } else if (i + 1 < n && ch == '`' && p[i + 1] == '`') {
            open = true;
            i++;
        } else if (i + 1 < n && ch == '\'' && p[i + 1] == '\'') {
            open = false;
            i++;
        } else if (i + 2 < n && ch == 0xE2 && (unsigned char)p[i + 1] == 0x80) {
            unsigned char c3 = (unsigned char)p[i + 2];
            bool after_space = i == 0 || isspace((unsigned char)p[i - 1]);
            if (c3 == 0x9E) open = true;                          /* „ */
            else if (c3 == 0x9C) open = !open || after_space;     /* “, or German's closer */
            else if (c3 == 0x9D) open = false;                    /* ” */
        }
    }
    return open;
}

bool sf__speaks_to_reader(const char *p, size_t n, const char *lang) {
    if (!lang || strncmp(lang, "en", 2) != 0) return false;
    static const char *const YOU_EN[] = {"you", "your", "yours", "yourself", "yourselves"};
    for (size_t i = 0; i < n; i++) {
        if (!isalpha((unsigned char)p[i]) || (i > 0 && isalnum((unsigned char)p[i - 1]))) continue;
        size_t w = 0;
        while (i + w < n && isalpha((unsigned char)p[i + w])) w++;
        for (size_t k = 0; k < sizeof YOU_EN / sizeof *YOU_EN; k++)
            if (strlen(YOU_EN[k]) == w && tolower((unsigned char)p[i]) == YOU_EN[k][0] &&
                strncmp(p + i + 1, YOU_EN[k] + 1, w - 1) == 0)
                return true;
        i += w;
    }
    return false;
}

/* Openers that refer back, per language (ISO 639-1). Each entry is matched
 * as a whole first word, case-sensitively (a capital at sentence start). */
static const char *const BACKREF_EN[] = {
    "He", "She", "It", "They", "This", "That", "These", "Those", "His", "Her", "Their",
    "Its", "We", "I", "But", "And", "So", "Also", "However", "Still", "Yet", "Then",
    "Meanwhile", "Instead", "Nevertheless",
    /* days counted from the report's own, and more words that lean back */
    "Today", "Yesterday", "Tonight", "Earlier", "Later", "Both", "Another", "Such", "Thus",
    "Therefore", "Moreover", "Furthermore", "Nonetheless", "Likewise", "Similarly", "Hence",
    "Afterward", "Afterwards", "Otherwise", "Besides", "Them", "Him", "Our", "Us", "Theirs",
};

/* Nouns that, after "The", "A", "This", "That" or "Such" at the start of a
 * sentence, name something the text before introduced: "The meeting",
 * "A move", "The two dead" (with a number between). A summary that lifts
 * the sentence out loses what they point to. */
static const char *const BACKREF_NOUN_EN[] = {
    "move", "meeting", "decision", "incident", "attack", "attacks", "deal", "plan", "step",
    "measure", "announcement", "agreement", "accord", "talks", "visit", "trip", "ruling",
    "proposal", "event", "crash", "blast", "explosion", "shooting", "killing", "killings",
    "victims", "victim", "dead", "group", "city", "man", "woman", "men", "women", "couple",
    "pair", "boy", "girl", "latter", "former", "same", "other", "others", "case", "vote",
    "suspect", "suspects", "action", "report", "statement", "remarks", "comments", "change",
    "changes", "effort", "development", "situation", "problem", "issue", "matter", "body",
    "bodies", "victory", "defeat", "strike", "raid", "operation", "offensive", "campaign",
};
static const char *const NUMBER_EN[] = {"two", "three", "four", "five", "six", "seven", "eight",
                                        "nine", "ten", "both", "first", "second", "last"};
/* Time openers that count from a day the text gave before: "Three days
 * earlier", "A week later", "The next day", "That night". */
static const char *const TIME_UNIT_EN[] = {"day", "days", "week", "weeks", "month", "months",
                                           "year", "years", "hours", "hour", "night", "morning",
                                           "evening", "afternoon"};
static const char *const TIME_AFTER_EN[] = {"earlier", "later", "before", "after", "ago"};

static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c; }

static bool in_list(const char *p, size_t w, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++) {
        /* compared as read, with no strlen of each entry: a word of every
         * sentence is looked up in these lists */
        const char *e = list[i];
        size_t j = 0;
        while (j < w && e[j] && ascii_lower(p[j]) == ascii_lower(e[j])) j++;
        if (j == w && !e[w]) return true;
    }
    return false;
}

/* Length of the word at p[i..n) (letters and digits), 0 when none. */
static size_t word_len(const char *p, size_t n, size_t i) {
    size_t k = i;
    while (k < n && isalnum((unsigned char)p[k])) k++;
    return k - i;
}

/* "The former", "the latter", "the other", "the same" stand for a thing
 * named before when used alone ("The former said ..."); before a noun they
 * describe it ("The former president of the United States"). After them a
 * verb, an auxiliary or a function word is the pronoun use; any other
 * word in lower case a noun. */
static bool describes_next(const char *p, size_t n, const size_t *at, const size_t *w, size_t nw, size_t k) {
    static const char *const ADJ_EN[] = {"former", "latter", "other", "same"};
    static const char *const VERB_EN[] = {"is", "was", "were", "are", "has", "had", "have", "said", "says",
                                          "will", "would", "could", "can", "may", "might", "did", "does",
                                          "also", "should", "must", "of"};
    if (!in_list(p + at[k], w[k], ADJ_EN, SF_ARRAY_LEN(ADJ_EN))) return false;
    size_t end = at[k] + w[k];
    if (k + 1 >= nw || end >= n || p[end] != ' ') return false;
    return islower((unsigned char)p[at[k + 1]]) && !in_list(p + at[k + 1], w[k + 1], VERB_EN, SF_ARRAY_LEN(VERB_EN)) &&
           !sf__is_stopword("en", p + at[k + 1], w[k + 1]); /* "The other which ...", "The latter in ..." */
}

/* The phrase rules above, on the first words of p[0..n). */
static bool backref_phrase(const char *p, size_t n) {
    size_t w[4] = {0}, at[4] = {0}, nw = 0;
    for (size_t i = 0; i < n && nw < 4;) {
        size_t len = word_len(p, n, i);
        if (!len) break;
        at[nw] = i;
        w[nw++] = len;
        i += len;
        if (i < n && p[i] == '\'' && i + 1 < n && p[i + 1] == 's') i += 2; /* "group's" */
        if (i >= n || (p[i] != ' ' && p[i] != ',')) break;
        while (i < n && (p[i] == ' ' || p[i] == ',')) i++;
    }
    if (nw < 2) return false;
    static const char *const DET[] = {"The", "A", "An", "This", "That", "Such", "These", "Those"};
    if (in_list(p, w[0], DET, SF_ARRAY_LEN(DET)) && isupper((unsigned char)p[0])) {
        size_t k = 1;
        if (isdigit((unsigned char)p[at[1]]) || in_list(p + at[1], w[1], NUMBER_EN, SF_ARRAY_LEN(NUMBER_EN))) {
            /* a count stands for people or things named before ("The two
             * dead"); a number joined to a word ("The four-day workshop",
             * "The 1997-98 El Nino") or a year ("The 1997 floods") says
             * which thing, as an adjective does */
            size_t end = at[1] + w[1];
            bool modifier = (end < n && p[end] == '-') || (w[1] == 4 && isdigit((unsigned char)p[at[1]]));
            if (modifier) return false;
            if (w[0] == 3 && memcmp(p, "The", 3) == 0) return true; /* "The two dead" */
            k = 2;
        }
        /* an indefinite article brings in something new ("A man was
         * arrested", "A group of doctors"); it points back only with a noun
         * that names the action just told ("A move expected to ...") */
        bool indefinite = w[0] <= 2 && (p[0] == 'A');
        static const char *const ACTION_EN[] = {"move", "step", "measure", "decision", "development"};
        if (k < nw && islower((unsigned char)p[at[k]]) &&
            (indefinite ? in_list(p + at[k], w[k], ACTION_EN, SF_ARRAY_LEN(ACTION_EN))
                        : in_list(p + at[k], w[k], BACKREF_NOUN_EN, SF_ARRAY_LEN(BACKREF_NOUN_EN)) &&
                              !describes_next(p, n, at, w, nw, k)))
            return true;
        /* "That day", "The next day", "The following week" */
        static const char *const NEXT[] = {"next", "following", "previous", "same"};
        if (k < nw && in_list(p + at[k], w[k], TIME_UNIT_EN, SF_ARRAY_LEN(TIME_UNIT_EN))) return true;
        if (nw > 2 && in_list(p + at[1], w[1], NEXT, SF_ARRAY_LEN(NEXT)) &&
            in_list(p + at[2], w[2], TIME_UNIT_EN, SF_ARRAY_LEN(TIME_UNIT_EN)))
            return true;
    }
    /* "Three days earlier", "A week later", "Two hours after that" */
    if (nw >= 3 && in_list(p + at[1], w[1], TIME_UNIT_EN, SF_ARRAY_LEN(TIME_UNIT_EN)) &&
        in_list(p + at[2], w[2], TIME_AFTER_EN, SF_ARRAY_LEN(TIME_AFTER_EN)))
        return true;
    return false;
}

size_t sf__backref_noun(const char *p, size_t n, const char *lang, size_t *at) {
    if (!lang || strncmp(lang, "en", 2) != 0) return 0;
    static const char *const DEF[] = {"The", "This", "That", "These", "Those", "Such"};
    size_t w0 = word_len(p, n, 0);
    if (!w0 || w0 >= n || p[w0] != ' ' || !in_list(p, w0, DEF, SF_ARRAY_LEN(DEF))) return 0;
    size_t i = w0;
    while (i < n && p[i] == ' ') i++;
    size_t w1 = word_len(p, n, i);
    if (!w1 || !islower((unsigned char)p[i]) ||
        !in_list(p + i, w1, BACKREF_NOUN_EN, SF_ARRAY_LEN(BACKREF_NOUN_EN)))
        return 0;
    *at = i;
    return w1;
}

/* "In 2011, he resigned", "On Monday, they said": a pronoun that opens
 * the clause after a short opening phrase leans back as an opening pronoun
 * does. The phrase: at most six words before the first comma. */
static bool pronoun_after_opening(const char *p, size_t n) {
    static const char *const PRON[] = {"he", "she", "they", "it", "his", "her", "their", "its", "him", "them"};
    size_t words = 0, i = 0;
    for (; i < n && i < 80 && p[i] != ','; i++)
        if (p[i] == ' ' && i > 0 && p[i - 1] != ' ') words++;
    if (i >= n || p[i] != ',' || words > 5) return false;
    i++;
    while (i < n && p[i] == ' ') i++;
    size_t len = word_len(p, n, i);
    return len && (i + len == n || !isalpha((unsigned char)p[i + len])) && in_list(p + i, len, PRON, SF_ARRAY_LEN(PRON));
}

/* Whether p opens with the rest of a contraction ("'s", "’re", "'ve", "'ll",
 * "'d", "'m" and a word's end): "He's", "They’re" lean back as "He" and
 * "They" do. */
static bool contraction_at(const char *p, size_t n) {
    static const char *const REST[] = {"s", "re", "ve", "ll", "d", "m"};
    size_t q = n >= 1 && p[0] == '\'' ? 1 : n >= 3 && memcmp(p, "\xE2\x80\x99", 3) == 0 ? 3 : 0;
    if (!q) return false;
    for (size_t i = 0; i < SF_ARRAY_LEN(REST); i++) {
        size_t k = strlen(REST[i]);
        if (n - q >= k && strncasecmp(p + q, REST[i], k) == 0 && (n - q == k || !isalpha((unsigned char)p[q + k])))
            return true;
    }
    return false;
}

/* "It is estimated that ...", "It's not known where ...", "It is
 * difficult to say ...": "It" standing for the clause after the predicate
 * (an expletive), not for a thing named before. Its shape: "It", a form of
 * "be" (or "seems", "appears", "remains"), maybe "not" or "also", one word
 * of predicate, then "that", a wh-word, "whether" or "if". "to" after the
 * predicate is left to the pronoun: "It is difficult to say" is an
 * expletive, but "It was able to delete", "It is expected to take years"
 * point back, and only a lexicon tells the adjectives apart. A predicate of
 * more words, a noun after the verb ("It was a long day"), or none of
 * these after it: the pronoun. */
static bool expletive_it(const char *p, size_t n) {
    static const char *const BE[] = {"is", "was", "s", "seems", "seemed", "appears", "appeared", "remains",
                                     "remained", "will", "would", "may", "might", "has", "had"};
    static const char *const AFTER_AUX[] = {"be", "been"};
    static const char *const ADV[] = {"not", "also", "still", "now", "already", "widely", "generally"};
    static const char *const COMP[] = {"that", "whether", "what", "where", "when", "why", "how", "who", "if"};
    /* "It was then that" (a cleft on a time told before); "It is true
     * that" concedes a point the text made before it */
    static const char *const POINTS_BACK[] = {"then", "there", "here", "this", "that", "so", "true"};
    if (n < 4 || memcmp(p, "It", 2) != 0) return false;
    size_t at[8], w[8], nw = 0;
    for (size_t i = 2; i < n && nw < 8;) {
        if (p[i] == ' ') {
            i++;
            continue;
        }
        if (nw == 0 && p[i] == '\'') i++;                               /* "It's" */
        else if (nw == 0 && i + 3 <= n && memcmp(p + i, "\xE2\x80\x99", 3) == 0) i += 3; /* "It’s" */
        else if (nw == 0 && i == 2) return false;                       /* "Items", "Italy" */
        size_t len = word_len(p, n, i);
        if (!len) break;
        at[nw] = i;
        w[nw++] = len;
        i += len;
    }
    size_t k = 0;
    if (k >= nw || !in_list(p + at[k], w[k], BE, SF_ARRAY_LEN(BE))) return false;
    static const char *const AUX[] = {"will", "would", "may", "might", "has", "had"};
    bool aux = in_list(p + at[k], w[k], AUX, SF_ARRAY_LEN(AUX));
    k++;
    if (aux && !(k < nw && in_list(p + at[k], w[k], AFTER_AUX, SF_ARRAY_LEN(AFTER_AUX)))) return false;
    if (aux) k++;
    while (k < nw && in_list(p + at[k], w[k], ADV, SF_ARRAY_LEN(ADV))) k++;
    if (k + 1 >= nw || !islower((unsigned char)p[at[k]])) return false;
    const char *pred = p + at[k];
    size_t pl = w[k];
    /* no comma or other mark between the predicate and what follows */
    if (at[k] + pl < n && p[at[k] + pl] != ' ') return false;
    k++;
    if (in_list(pred, pl, POINTS_BACK, SF_ARRAY_LEN(POINTS_BACK))) return false;
    return in_list(p + at[k], w[k], COMP, SF_ARRAY_LEN(COMP));
}

bool sf__needs_context(const char *p, size_t n, const char *lang) {
    if (!lang || strncmp(lang, "en", 2) != 0) return false;
    if (expletive_it(p, n)) return false;
    if (backref_phrase(p, n)) return true;
    if (pronoun_after_opening(p, n)) return true;
    size_t w = 0;
    while (w < n && isalpha((unsigned char)p[w])) w++;
    if (w == 0 || w == n) return false;
    char next = p[w];
    if (next != ' ' && next != ',' && !contraction_at(p + w, n - w)) return false;
    for (size_t i = 0; i < SF_ARRAY_LEN(BACKREF_EN); i++)
        if (strlen(BACKREF_EN[i]) == w && memcmp(p, BACKREF_EN[i], w) == 0) return true;
    return false;
}

/* ---- light terms (the near-repeat test's second view of a sentence)
 * Function words left out: articles, pronouns, auxiliaries, common
 * prepositions and "said"/"says", which every news sentence has. */
static const char *const LIGHT_STOP_EN[] = {
    "a", "an", "the", "of", "for", "to", "and", "or", "in", "on", "at", "with", "by", "from",
    "his", "her", "their", "its", "is", "was", "were", "be", "been", "are", "as", "that", "this",
    "these", "those", "it", "he", "she", "they", "we", "i", "you", "not", "no", "but", "if", "so",
    "than", "then", "there", "which", "who", "whom", "what", "when", "where", "why", "how", "has",
    "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might", "shall",
    "should", "said", "says", "also", "after", "before", "over", "under", "into", "out", "up",
    "down", "about", "more", "most", "some", "any", "all", "one",
};
static const char *const LIGHT_SUFFIX[] = {"ings", "ing", "edly", "ed", "ies", "es", "s", "ly"};

static int cmp_u64_light(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

sf_status sf__light_terms(const char *p, size_t n, sf__u64vec *out) {
    size_t start = out->n;
    char w[64];
    for (size_t i = 0; i < n;) {
        if (!isalnum((unsigned char)p[i]) || (unsigned char)p[i] >= 0x80) {
            i++;
            continue;
        }
        size_t k = i;
        while (k < n && isalnum((unsigned char)p[k])) k++;
        if (k + 1 < n && p[k] == '\'' && islower((unsigned char)p[k + 1])) /* "group's" */
            for (k++; k < n && islower((unsigned char)p[k]);) k++;
        size_t len = k - i < sizeof w ? k - i : sizeof w - 1;
        for (size_t j = 0; j < len; j++) w[j] = (char)tolower((unsigned char)p[i + j]);
        i = k;
        if (in_list(w, len, LIGHT_STOP_EN, SF_ARRAY_LEN(LIGHT_STOP_EN))) continue;
        for (size_t s = 0; s < SF_ARRAY_LEN(LIGHT_SUFFIX); s++) {
            size_t sl = strlen(LIGHT_SUFFIX[s]);
            if (len >= sl + 3 && memcmp(w + len - sl, LIGHT_SUFFIX[s], sl) == 0) {
                len -= sl;
                break;
            }
        }
        SF_TRY(SF_VEC_PUSH(out, sf__hash64(w, len, 0)));
    }
    size_t m = out->n - start;
    if (m > 1) qsort(out->items + start, m, sizeof *out->items, cmp_u64_light);
    size_t u = 0;
    for (size_t j = 0; j < m; j++)
        if (!u || out->items[start + u - 1] != out->items[start + j]) out->items[start + u++] = out->items[start + j];
    out->n = start + u;
    return SF_OK;
}

/* ---- sentence compression
 * A summary pays for every word, so words that carry nothing a reader needs
 * are cut when the rest still reads as the same sentence: an opening
 * connective (it points back to a sentence the summary does not hold), a
 * short parenthesis, and the time and venue of a speech act ("the ministry
 * said in a statement on Monday" -> "the ministry said"). Who said it stays:
 * a claim keeps its attribution. Rules are English; other languages pass
 * through unchanged.
 * ROUGE-2 rises with it on the 100-word DUC 2007 update slices and falls on
 * the 250-word DUC 2006 task (docs/summaries.md), so it is an option
 * (--compress), off by default. The whole attribution tail (", officials
 * said.") is never dropped: the claim would read as the summary's own. */

/* Openers that join a sentence to the one before, with the comma after them. */
static const char *const OPENER_COMMA_EN[] = {
    "However", "Meanwhile", "Still", "Also", "Instead", "Nevertheless", "Moreover",
    "Furthermore", "In addition", "In fact", "Indeed", "As a result", "Nonetheless",
    "Separately",
};
/* ... and those without one. */
static const char *const OPENER_BARE_EN[] = {"But", "And"};

/* Words after a speech verb that only say when or where it was said. */
static const char *const SPEECH_ADVERBIAL_EN[] = {
    "on", "in", "at", "late", "early", "earlier", "last", "this", "yesterday", "today",
    "tonight", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char *const SPEECH_VERB_EN[] = {"said", "says", "added", "announced", "reported"};

static bool word_at(const char *p, size_t n, size_t i, const char *w) {
    size_t k = strlen(w);
    return i + k <= n && memcmp(p + i, w, k) == 0 && (i + k == n || !isalnum((unsigned char)p[i + k]));
}

static size_t count_words_in(const char *p, size_t n) {
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = isspace((unsigned char)p[i]) != 0;
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

/* Length of the opening connective with what follows it, 0 when none. */
static size_t opener_length(const char *p, size_t n) {
    for (size_t i = 0; i < SF_ARRAY_LEN(OPENER_COMMA_EN); i++) {
        size_t k = strlen(OPENER_COMMA_EN[i]);
        if (k + 1 < n && memcmp(p, OPENER_COMMA_EN[i], k) == 0 && p[k] == ',') {
            k++;
            while (k < n && p[k] == ' ') k++;
            return k;
        }
    }
    for (size_t i = 0; i < SF_ARRAY_LEN(OPENER_BARE_EN); i++) {
        size_t k = strlen(OPENER_BARE_EN[i]);
        if (k + 1 < n && memcmp(p, OPENER_BARE_EN[i], k) == 0 && p[k] == ' ') {
            while (k < n && p[k] == ' ') k++;
            return k;
        }
    }
    return 0;
}

/* Marks the bytes of short parentheses " (...)" for removal. */
static void drop_parentheses(const char *p, size_t n, bool *drop) {
    for (size_t i = 1; i < n; i++) {
        if (p[i] != '(' || p[i - 1] != ' ') continue;
        size_t j = i + 1;
        while (j < n && p[j] != ')' && p[j] != '(') j++;
        if (j >= n || p[j] != ')') continue;
        /* "(AP)", "(EU)", "(3.2 million pounds)": a name's initials, an
         * agency, a conversion; a long one may hold the sentence's news */
        if (count_words_in(p + i + 1, j - i - 1) > 6) continue;
        if (j + 1 < n && isalnum((unsigned char)p[j + 1])) continue;
        for (size_t k = i - 1; k <= j; k++) drop[k] = true;
        i = j;
    }
}

/* Marks the time and venue after the speech verb of a closing attribution
 * (", the ministry said in a statement on Monday.") for removal. */
static void drop_speech_adverbial(const char *p, size_t n, bool *drop) {
    size_t end = n;
    while (end && (p[end - 1] == '.' || p[end - 1] == ' ')) end--;
    if (end == n || p[end] != '.') return; /* a statement, ended by a period */
    size_t comma = end;
    while (comma && p[comma - 1] != ',') comma--;
    if (!comma || count_words_in(p, comma) < 6 || count_words_in(p + comma, end - comma) > 10)
        return;
    for (size_t i = comma; i < end; i++) {
        if (i && p[i - 1] != ' ') continue;
        size_t v = 0;
        for (; v < SF_ARRAY_LEN(SPEECH_VERB_EN); v++)
            if (word_at(p, end, i, SPEECH_VERB_EN[v])) break;
        if (v == SF_ARRAY_LEN(SPEECH_VERB_EN)) continue;
        size_t after = i + strlen(SPEECH_VERB_EN[v]);
        if (after >= end || p[after] != ' ') return;
        for (size_t a = 0; a < SF_ARRAY_LEN(SPEECH_ADVERBIAL_EN); a++)
            if (word_at(p, end, after + 1, SPEECH_ADVERBIAL_EN[a])) {
                for (size_t k = after; k < end; k++) drop[k] = true;
                return;
            }
        return;
    }
}

sf_status sf__compress_sentence(const char *p, size_t n, const char *lang, unsigned rules,
                                sf_buf *out, bool *changed) {
    sf__buf_reset(out);
    *changed = false;
    if (!lang || strncmp(lang, "en", 2) != 0 || n == 0 || rules == 0) return SF_OK;
    bool *drop = sf__calloc(n, sizeof *drop);
    if (!drop) return SF_ERR_NOMEM;
    size_t start = 0;
    if (rules & SF_COMPRESS_OPENER) {
        start = opener_length(p, n);
        /* what is left must still open as a sentence, with a letter */
        if (start && (start >= n || !isalpha((unsigned char)p[start]))) start = 0;
    }
    if (rules & SF_COMPRESS_PARENS) drop_parentheses(p, n, drop);
    if (rules & SF_COMPRESS_SPEECH) drop_speech_adverbial(p, n, drop);
    for (size_t i = start; i < n; i++) {
        if (drop[i]) {
            *changed = true;
            continue;
        }
        char ch = p[i];
        if (i == start && islower((unsigned char)ch)) ch = (char)toupper((unsigned char)ch);
        sf__buf_addc(out, ch);
    }
    if (start) *changed = true;
    sf__free(drop);
    return sf__buf_status(out);
}

bool sf__starts_mid_sentence(const char *p, size_t n) {
    sf_view v = sf__view_trim(sf__view(p, n));
    if (!v.n) return true;
    unsigned char ch = (unsigned char)v.p[0];
    /* opening quotes and brackets are fine: look at what follows them */
    size_t i = 0;
    while (i < v.n && (v.p[i] == '"' || v.p[i] == '`' || v.p[i] == '(' || v.p[i] == '[' || v.p[i] == '\''))
        i++;
    if (i + 3 <= v.n && (unsigned char)v.p[i] == 0xE2 && (unsigned char)v.p[i + 1] == 0x80 &&
        ((unsigned char)v.p[i + 2] == 0x9C || (unsigned char)v.p[i + 2] == 0x98))
        i += 3; /* “ ‘ */
    if (i >= v.n) return true;
    ch = (unsigned char)v.p[i];
    if (islower(ch)) return true;
    /* a clause or list going on: ", and", "; the", "-- who", ") said", "..." */
    return strchr(",;:)]-.", (int)ch) != NULL || (ch == 0xE2 && i + 1 < v.n && (unsigned char)v.p[i + 1] == 0x80 &&
                                              i + 2 < v.n && ((unsigned char)v.p[i + 2] == 0x94 ||
                                                              (unsigned char)v.p[i + 2] == 0x93 ||
                                                              (unsigned char)v.p[i + 2] == 0xA6));
}

int sf__cmp_natural(const char *a, const char *b) {
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0') a++;
            while (*b == '0') b++;
            size_t na = 0, nb = 0;
            while (isdigit((unsigned char)a[na])) na++;
            while (isdigit((unsigned char)b[nb])) nb++;
            if (na != nb) return na < nb ? -1 : 1;
            int d = memcmp(a, b, na);
            if (d) return d < 0 ? -1 : 1;
            a += na;
            b += nb;
        } else {
            if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
            a++;
            b++;
        }
    }
    return *a ? 1 : *b ? -1 : 0;
}

uint64_t sf__sentence_key(const char *p, size_t n) {
    sf_view v = sf__view_trim(sf__view(p, n));
    return sf__hash64(v.p, v.n, 0);
}

typedef struct bp_entry {
    uint64_t key;
    size_t story, article;
} bp_entry;

static int cmp_bp_entry(const void *a, const void *b) {
    const bp_entry *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    return x->article < y->article ? -1 : x->article > y->article;
}

/* Whether the entries e[0..g) of one key, sorted by story, make it
 * boilerplate: three stories or more. */
static bool bp_group(const bp_entry *e, size_t g) {
    size_t stories = 1;
    for (size_t k = 1; k < g; k++) stories += e[k].story != e[k - 1].story;
    return stories >= 3;
}

sf_status sf__boilerplate_sentences(const sf_doc *docs, const size_t *story_of,
                                    const size_t *dup_of, size_t n, uint64_t **out, size_t *nout) {
    *out = NULL;
    *nout = 0;
    if (!docs) return SF_OK;
    SF_VEC(bp_entry) all = {0};
    sf_status st = SF_OK;
    for (size_t i = 0; st == SF_OK && i < n; i++) {
        if (dup_of && dup_of[i] != SIZE_MAX) continue; /* a copy repeats its original */
        const sf_doc *d = &docs[i];
        for (size_t k = 0; st == SF_OK && k < d->sents.n; k++) {
            sf_span sp = d->sents.items[k];
            bp_entry e = {sf__sentence_key(d->text + sp.begin, sp.end - sp.begin), story_of[i], i};
            st = SF_VEC_PUSH(&all, e);
        }
    }
    if (st == SF_OK && all.n) qsort(all.items, all.n, sizeof *all.items, cmp_bp_entry);
    SF_VEC(uint64_t) keys = {0};
    for (size_t i = 0, j; st == SF_OK && i < all.n; i = j) {
        for (j = i + 1; j < all.n && all.items[j].key == all.items[i].key;) j++;
        if (j - i >= 3 && bp_group(all.items + i, j - i)) st = SF_VEC_PUSH(&keys, all.items[i].key);
    }
    SF_VEC_FREE(&all);
    if (st != SF_OK) {
        SF_VEC_FREE(&keys);
        return st;
    }
    *out = keys.items;
    *nout = keys.n;
    return SF_OK;
}

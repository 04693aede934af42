/* clean.c - tells reporting from scraping noise at the sentence level, and
 * finds wire datelines, so summaries quote what the sources reported and
 * nothing of the page around it. Rules are shape-based (case, length,
 * markers), not lists of outlets, so they carry over to unseen sources. */
#include "summarize.h"

#include <ctype.h>

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
};

bool sf__is_noise_sentence(const char *p, size_t n) {
    sf_view v = sf__view_trim(sf__view(p, n));
    p = v.p;
    n = v.n;
    if (n == 0) return true;
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
    size_t words = 0, lower = 0, letters = 0;
    bool in_word = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        bool w = isalnum(ch) || ch >= 0x80;
        if (w && !in_word) words++;
        in_word = w;
        if (isalpha(ch)) letters++;
        if (islower(ch)) lower++;
    }
    /* "By Jane Doe", "By JANE DOE, Associated Press Writer" */
    if (starts_with_nocase(p, n, "by ") && words <= 8 && p[n - 1] != '.') return true;
    /* A sentence reports something: several words and some lower case. */
    if (words < 4) return true;
    if (letters && lower * 4 < letters) return true; /* shouting headline or credit line */
    /* A sentence ends as one: a headline, a caption or a cut line does not. */
    size_t end = n;
    while (end && strchr("\"')]}'`", p[end - 1])) end--;
    if (end >= 3 && (unsigned char)p[end - 3] == 0xE2 && (unsigned char)p[end - 2] == 0x80 &&
        ((unsigned char)p[end - 1] == 0x9D || (unsigned char)p[end - 1] == 0x99))
        end -= 3; /* ” ’ */
    if (!end || !strchr(".!?", p[end - 1])) return true;
    /* Title Case all along ("For Use By Clients of the News Service") is a
     * heading or a credit, not reporting. */
    size_t capitalized = 0;
    in_word = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        bool w = isalnum(ch) || ch >= 0x80;
        if (w && !in_word && isupper(ch)) capitalized++;
        in_word = w;
    }
    if (words >= 4 && capitalized * 10 >= words * 7) return true;
    return false;
}

size_t sf__dateline_length(const char *p, size_t n) {
    /* A dateline is a short upper-case place, maybe an agency in
     * parentheses, then a dash: "PINE RIDGE, S.D. (AP) --". Look for the dash
     * within the first 80 bytes, with no lower-case letters outside the
     * parentheses before it. */
    size_t limit = SF_MIN(n, (size_t)80);
    int depth = 0;
    size_t upper = 0;
    for (size_t i = 0; i < limit; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '(') depth++;
        else if (ch == ')') depth = depth ? depth - 1 : 0;
        else if (depth == 0 && islower(ch)) {
            /* "beirut - " in lower case is also a dateline when it is one or
             * two words; allow lower case only in that short form */
            if (i > 20) return 0;
        } else if (depth == 0 && isupper(ch)) upper++;
        /* "--" and "-" (AP, Reuters), "_" (the New York Times wire) */
        if (depth == 0 && (ch == '-' || ch == '_') && i > 0 && p[i - 1] == ' ') {
            size_t end = i;
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
            ((unsigned char)p[i + 2] == 0x9C || (unsigned char)p[i + 2] == 0x9D))
            return true; /* “ ” */
    }
    return false;
}

/* Openers that refer back, per language (ISO 639-1). Each entry is matched
 * as a whole first word, case-sensitively (a capital at sentence start). */
static const char *const BACKREF_EN[] = {
    "He", "She", "It", "They", "This", "That", "These", "Those", "His", "Her", "Their",
    "Its", "We", "I", "But", "And", "So", "Also", "However", "Still", "Yet", "Then",
    "Meanwhile", "Instead", "Nevertheless",
};

bool sf__needs_context(const char *p, size_t n, const char *lang) {
    if (!lang || strncmp(lang, "en", 2) != 0) return false;
    size_t w = 0;
    while (w < n && isalpha((unsigned char)p[w])) w++;
    if (w == 0 || w == n) return false;
    char next = p[w];
    if (next != ' ' && next != ',') return false;
    for (size_t i = 0; i < SF_ARRAY_LEN(BACKREF_EN); i++)
        if (strlen(BACKREF_EN[i]) == w && memcmp(p, BACKREF_EN[i], w) == 0) return true;
    return false;
}

/* stopwords.c - function-word lists per language, for dropping words that
 * carry no topic. Each list is a table sorted by bytes (strcmp order) and
 * searched by bisection; the words were chosen for news text by hand. Words
 * are looked up in their folded (lower-case, NFKC) form.
 */
#include "text.h"

#include <stdlib.h>

/* English: pronouns, determiners, auxiliaries, prepositions, conjunctions
 * and their contractions (written with the ASCII apostrophe). */
static const char *const STOP_EN[] = {
    "a", "about", "above", "after", "again", "against", "all", "almost",
    "also", "although", "always", "am", "among", "an", "and", "another",
    "any", "anyone", "anything", "are", "aren't", "around", "as", "at",
    "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "can't", "cannot", "could", "couldn't", "did",
    "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during",
    "each", "either", "else", "enough", "even", "ever", "every", "few",
    "for", "from", "further", "had", "hadn't", "has", "hasn't", "have",
    "haven't", "having", "he", "he's", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "however", "i", "i'd", "i'll",
    "i'm", "i've", "if", "in", "into", "is", "isn't", "it",
    "it's", "its", "itself", "just", "least", "less", "let's", "many",
    "may", "me", "might", "more", "most", "much", "must", "my",
    "myself", "neither", "never", "no", "nor", "not", "now", "of",
    "off", "often", "on", "once", "only", "or", "other", "others",
    "ought", "our", "ours", "ourselves", "out", "over", "own", "per",
    "perhaps", "quite", "rather", "same", "several", "shall", "she", "she's",
    "should", "shouldn't", "since", "so", "some", "such", "than", "that",
    "that's", "the", "their", "theirs", "them", "themselves", "then", "there",
    "there's", "these", "they", "they're", "they've", "this", "those", "though",
    "through", "thus", "to", "too", "toward", "towards", "under", "until",
    "up", "upon", "us", "very", "was", "wasn't", "we", "we're",
    "we've", "were", "weren't", "what", "what's", "whatever", "when", "where",
    "whether", "which", "while", "who", "who's", "whom", "whose", "why",
    "will", "with", "within", "without", "won't", "would", "wouldn't", "yet",
    "you", "you're", "you've", "your", "yours", "yourself", "yourselves",
};

static const char *const STOP_DE[] = {
    "aber", "alle", "als", "also", "am", "an", "auch", "auf",
    "aus", "bei", "bin", "bis", "bist", "da", "damit", "dann",
    "das", "dass", "dem", "den", "denn", "der", "des", "die",
    "dies", "diese", "diesem", "diesen", "dieser", "doch", "dort", "du",
    "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er",
    "es", "etwa", "euch", "für", "gegen", "hat", "hatte", "hier",
    "ich", "ihm", "ihn", "ihr", "im", "in", "ist", "ja",
    "jedoch", "kann", "kein", "keine", "mit", "nach", "nicht", "noch",
    "nun", "nur", "ob", "oder", "ohne", "schon", "sehr", "sein",
    "seine", "sich", "sie", "sind", "so", "um", "und", "uns",
    "unter", "vom", "von", "vor", "war", "waren", "was", "weil",
    "wenn", "wer", "wie", "wir", "wird", "wo", "zu", "zum",
    "zur", "über",
};

static const char *const STOP_FR[] = {
    "a", "ai", "au", "aux", "avait", "avec", "ce", "cela",
    "ces", "cet", "cette", "comme", "dans", "de", "des", "donc",
    "du", "elle", "elles", "en", "est", "et", "il", "ils",
    "je", "la", "le", "les", "leur", "leurs", "lui", "mais",
    "me", "mes", "moi", "même", "ne", "nous", "on", "ont",
    "ou", "où", "par", "pas", "plus", "pour", "qu", "que",
    "qui", "sa", "sans", "se", "sera", "ses", "son", "sont",
    "sur", "ta", "te", "tes", "toi", "ton", "tu", "un",
    "une", "vos", "votre", "vous", "y", "à", "était", "été",
    "être",
};

static const char *const STOP_ES[] = {
    "a", "al", "algo", "como", "con", "de", "del", "desde",
    "donde", "el", "ella", "ellas", "ellos", "en", "entre", "era",
    "es", "esta", "este", "esto", "estos", "fue", "ha", "han",
    "hay", "la", "las", "le", "les", "lo", "los", "me",
    "mi", "muy", "más", "ni", "no", "nos", "o", "para",
    "pero", "por", "porque", "que", "se", "ser", "si", "sin",
    "sobre", "son", "su", "sus", "también", "te", "tiene", "todo",
    "un", "una", "uno", "unos", "y", "ya", "yo",
};

typedef struct stoplist {
    const char *lang;
    const char *const *words;
    size_t count;
} stoplist;

static const stoplist LISTS[] = {
    {"en", STOP_EN, SF_ARRAY_LEN(STOP_EN)},
    {"de", STOP_DE, SF_ARRAY_LEN(STOP_DE)},
    {"fr", STOP_FR, SF_ARRAY_LEN(STOP_FR)},
    {"es", STOP_ES, SF_ARRAY_LEN(STOP_ES)},
};

/* strcmp order between a (ptr, len) word and a NUL-terminated entry. */
static int cmp_word(const char *w, size_t n, const char *entry) {
    size_t m = strlen(entry);
    int c = memcmp(w, entry, SF_MIN(n, m));
    if (c) return c;
    return n < m ? -1 : n > m ? 1 : 0;
}

static const stoplist *find_list(const char *lang) {
    if (!lang) lang = "en";
    for (size_t i = 0; i < SF_ARRAY_LEN(LISTS); i++) {
        /* accept "en", "en-US", "en_GB" */
        size_t k = strlen(LISTS[i].lang);
        if (strncmp(lang, LISTS[i].lang, k) == 0 &&
            (lang[k] == '\0' || lang[k] == '-' || lang[k] == '_'))
            return &LISTS[i];
    }
    return NULL;
}

bool sf__is_stopword(const char *lang, const char *word, size_t n) {
    const stoplist *l = find_list(lang);
    if (!l || n == 0 || n > 32) return false;
    size_t lo = 0, hi = l->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(word, n, l->words[mid]);
        if (c == 0) return true;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return false;
}

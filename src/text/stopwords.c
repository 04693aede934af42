/* stopwords.c - function-word lists per language, for dropping words that
 * carry no topic. Each list is a table sorted by bytes (strcmp order) and
 * also hashed into a small open-addressing table on first use (one probe
 * and one memcmp per token instead of a bisection of ~8 memcmps: the
 * bisection was a sixth of the clustering benchmark's time). The words were
 * chosen for news text by hand. Words are looked up in their folded
 * (lower-case, NFKC) form.
 */
#include "text.h"

#include <pthread.h>
#include <stdlib.h>

#define W(s) {s, sizeof(s) - 1}

/* English: pronouns, determiners, auxiliaries, prepositions, conjunctions
 * and their contractions (written with the ASCII apostrophe). */
static const sf_view STOP_EN[] = {
    W("a"), W("about"), W("above"), W("after"), W("again"), W("against"), W("all"),
    W("almost"), W("also"), W("although"), W("always"), W("am"), W("among"), W("an"),
    W("and"), W("another"), W("any"), W("anyone"), W("anything"), W("are"), W("aren't"),
    W("around"), W("as"), W("at"), W("be"), W("because"), W("been"), W("before"),
    W("being"), W("below"), W("between"), W("both"), W("but"), W("by"), W("can"),
    W("can't"), W("cannot"), W("could"), W("couldn't"), W("did"), W("didn't"), W("do"),
    W("does"), W("doesn't"), W("doing"), W("don't"), W("down"), W("during"), W("each"),
    W("either"), W("else"), W("enough"), W("even"), W("ever"), W("every"), W("few"),
    W("for"), W("from"), W("further"), W("had"), W("hadn't"), W("has"), W("hasn't"),
    W("have"), W("haven't"), W("having"), W("he"), W("he's"), W("her"), W("here"),
    W("hers"), W("herself"), W("him"), W("himself"), W("his"), W("how"), W("however"),
    W("i"), W("i'd"), W("i'll"), W("i'm"), W("i've"), W("if"), W("in"), W("into"),
    W("is"), W("isn't"), W("it"), W("it's"), W("its"), W("itself"), W("just"),
    W("least"), W("less"), W("let's"), W("many"), W("may"), W("me"), W("might"),
    W("more"), W("most"), W("much"), W("must"), W("my"), W("myself"), W("neither"),
    W("never"), W("no"), W("nor"), W("not"), W("now"), W("of"), W("off"), W("often"),
    W("on"), W("once"), W("only"), W("or"), W("other"), W("others"), W("ought"),
    W("our"), W("ours"), W("ourselves"), W("out"), W("over"), W("own"), W("per"),
    W("perhaps"), W("quite"), W("rather"), W("same"), W("several"), W("shall"),
    W("she"), W("she's"), W("should"), W("shouldn't"), W("since"), W("so"), W("some"),
    W("such"), W("than"), W("that"), W("that's"), W("the"), W("their"), W("theirs"),
    W("them"), W("themselves"), W("then"), W("there"), W("there's"), W("these"),
    W("they"), W("they're"), W("they've"), W("this"), W("those"), W("though"),
    W("through"), W("thus"), W("to"), W("too"), W("toward"), W("towards"), W("under"),
    W("until"), W("up"), W("upon"), W("us"), W("very"), W("was"), W("wasn't"), W("we"),
    W("we're"), W("we've"), W("were"), W("weren't"), W("what"), W("what's"),
    W("whatever"), W("when"), W("where"), W("whether"), W("which"), W("while"),
    W("who"), W("who's"), W("whom"), W("whose"), W("why"), W("will"), W("with"),
    W("within"), W("without"), W("won't"), W("would"), W("wouldn't"), W("yet"),
    W("you"), W("you're"), W("you've"), W("your"), W("yours"), W("yourself"),
    W("yourselves"),
};

static const sf_view STOP_DE[] = {
    W("aber"), W("alle"), W("als"), W("also"), W("am"), W("an"), W("auch"), W("auf"),
    W("aus"), W("bei"), W("bin"), W("bis"), W("bist"), W("da"), W("damit"), W("dann"),
    W("das"), W("dass"), W("dem"), W("den"), W("denn"), W("der"), W("des"), W("die"),
    W("dies"), W("diese"), W("diesem"), W("diesen"), W("dieser"), W("doch"), W("dort"),
    W("du"), W("durch"), W("ein"), W("eine"), W("einem"), W("einen"), W("einer"),
    W("eines"), W("er"), W("es"), W("etwa"), W("euch"), W("für"), W("gegen"), W("hat"),
    W("hatte"), W("hier"), W("ich"), W("ihm"), W("ihn"), W("ihr"), W("im"), W("in"),
    W("ist"), W("ja"), W("jedoch"), W("kann"), W("kein"), W("keine"), W("mit"),
    W("nach"), W("nicht"), W("noch"), W("nun"), W("nur"), W("ob"), W("oder"), W("ohne"),
    W("schon"), W("sehr"), W("sein"), W("seine"), W("sich"), W("sie"), W("sind"),
    W("so"), W("um"), W("und"), W("uns"), W("unter"), W("vom"), W("von"), W("vor"),
    W("war"), W("waren"), W("was"), W("weil"), W("wenn"), W("wer"), W("wie"), W("wir"),
    W("wird"), W("wo"), W("zu"), W("zum"), W("zur"), W("über"),
};

static const sf_view STOP_FR[] = {
    W("a"), W("ai"), W("au"), W("aux"), W("avait"), W("avec"), W("ce"), W("cela"),
    W("ces"), W("cet"), W("cette"), W("comme"), W("dans"), W("de"), W("des"), W("donc"),
    W("du"), W("elle"), W("elles"), W("en"), W("est"), W("et"), W("il"), W("ils"),
    W("je"), W("la"), W("le"), W("les"), W("leur"), W("leurs"), W("lui"), W("mais"),
    W("me"), W("mes"), W("moi"), W("même"), W("ne"), W("nous"), W("on"), W("ont"),
    W("ou"), W("où"), W("par"), W("pas"), W("plus"), W("pour"), W("qu"), W("que"),
    W("qui"), W("sa"), W("sans"), W("se"), W("sera"), W("ses"), W("son"), W("sont"),
    W("sur"), W("ta"), W("te"), W("tes"), W("toi"), W("ton"), W("tu"), W("un"),
    W("une"), W("vos"), W("votre"), W("vous"), W("y"), W("à"), W("était"), W("été"),
    W("être"),
};

static const sf_view STOP_ES[] = {
    W("a"), W("al"), W("algo"), W("ante"), W("bajo"), W("como"), W("con"), W("contra"),
    W("de"), W("del"), W("desde"), W("donde"), W("durante"), W("el"), W("ella"), W("ellas"), W("ellos"), W("en"), W("entre"),
    W("era"), W("es"), W("esta"), W("este"), W("esto"), W("estos"), W("fue"), W("ha"),
    W("hacia"), W("han"), W("hasta"), W("hay"), W("la"), W("las"), W("le"), W("les"), W("lo"), W("los"),
    W("me"), W("mi"), W("muy"), W("más"), W("ni"), W("no"), W("nos"), W("o"), W("para"),
    W("pero"), W("por"), W("porque"), W("que"), W("se"), W("según"), W("ser"), W("si"), W("sin"),
    W("sobre"), W("son"), W("su"), W("sus"), W("también"), W("te"), W("tiene"),
    W("todo"), W("tras"), W("un"), W("una"), W("uno"), W("unos"), W("y"), W("ya"), W("yo"),
};

typedef struct stoplist {
    const char *lang;
    const sf_view *words;
    size_t count;
} stoplist;

static const stoplist LISTS[] = {
    {"en", STOP_EN, SF_ARRAY_LEN(STOP_EN)},
    {"de", STOP_DE, SF_ARRAY_LEN(STOP_DE)},
    {"fr", STOP_FR, SF_ARRAY_LEN(STOP_FR)},
    {"es", STOP_ES, SF_ARRAY_LEN(STOP_ES)},
};

/* strcmp order between a (ptr, len) word and an entry. */
static int cmp_word(const char *w, size_t n, sf_view entry) {
    size_t m = entry.n;
    int c = memcmp(w, entry.p, SF_MIN(n, m));
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

#define SLOTS 1024 /* per list; every list is under SLOTS / 2 words */
static uint16_t TABLE[SF_ARRAY_LEN(LISTS)][SLOTS]; /* word index + 1, 0 empty */
static pthread_once_t TABLE_ONCE = PTHREAD_ONCE_INIT;
static bool TABLE_OK;

static void build_tables(void) {
    for (size_t li = 0; li < SF_ARRAY_LEN(LISTS); li++) {
        if (LISTS[li].count >= SLOTS / 2) return; /* the bisection stays in use */
        for (size_t i = 0; i < LISTS[li].count; i++) {
            size_t k = (size_t)sf__hash64(LISTS[li].words[i].p, LISTS[li].words[i].n, 0) & (SLOTS - 1);
            while (TABLE[li][k]) k = (k + 1) & (SLOTS - 1);
            TABLE[li][k] = (uint16_t)(i + 1);
        }
    }
    TABLE_OK = true;
}

bool sf__is_stopword(const char *lang, const char *word, size_t n) {
    const stoplist *l = find_list(lang);
    if (!l || n == 0 || n > 32) return false;
    pthread_once(&TABLE_ONCE, build_tables);
    if (TABLE_OK) {
        const uint16_t *t = TABLE[l - LISTS];
        for (size_t k = (size_t)sf__hash64(word, n, 0) & (SLOTS - 1); t[k]; k = (k + 1) & (SLOTS - 1)) {
            sf_view e = l->words[t[k] - 1];
            if (e.n == n && memcmp(e.p, word, n) == 0) return true;
        }
        return false;
    }
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

/* ------------------------------------------------------------- detection */

static const char *const GUESS_LANGS[] = {"en", "de", "fr", "es"};
#define NGUESS SF_ARRAY_LEN(GUESS_LANGS)
#define DETECT_BYTES 4000
#define DETECT_LEAD 24

/* One language has DETECT_LEAD stopwords and three times as many as any
 * other: reading on would not change the answer (an article's first ~60
 * words; the 4,000 bytes were a tenth of the stream's time, profiled). */
static bool clear_lead(const size_t hits[NGUESS]) {
    size_t best = 0, second = 0;
    for (size_t L = 0; L < NGUESS; L++) {
        if (hits[L] > best) {
            second = best;
            best = hits[L];
        } else if (hits[L] > second) {
            second = hits[L];
        }
    }
    return best >= DETECT_LEAD && best > 3 * second;
}

const char *sf__lang_guess(const char *text, size_t n, const char *base) {
    if (!base) base = "en";
    size_t b = NGUESS;
    for (size_t L = 0; L < NGUESS; L++)
        if (strcmp(base, GUESS_LANGS[L]) == 0) b = L;
    if (b == NGUESS) return base;
    size_t hits[NGUESS] = {0};
    char w[33];
    size_t i = 0, lim = n < DETECT_BYTES ? n : DETECT_BYTES;
    while (i < lim) {
        unsigned char c = (unsigned char)text[i];
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c < 0x80) {
            i++;
            continue;
        }
        size_t k = 0;
        while (i < n) {
            c = (unsigned char)text[i];
            if (!(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80)) break;
            if (k < sizeof w - 1) w[k] = (char)(c < 0x80 ? (c | 0x20) : c);
            k++;
            i++;
        }
        if (k >= sizeof w) continue;
        for (size_t L = 0; L < NGUESS; L++)
            if (sf__is_stopword(GUESS_LANGS[L], w, k)) hits[L]++;
        if (clear_lead(hits)) break;
    }
    size_t best = b;
    for (size_t L = 0; L < NGUESS; L++)
        if (hits[L] >= 5 && 2 * hits[L] > 3 * hits[b] && hits[L] > hits[best]) best = L;
    return GUESS_LANGS[best];
}

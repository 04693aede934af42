/* lang_words.c - the few words per language the mention finder needs when
 * an article is not in English, where the recognizer (trained on English
 * news, CoNLL-2003) reads every capitalized word as a likely name: function
 * words that open sentences, personal titles, prepositions before bare
 * place names, words that make a name an organization's, and common given
 * names.
 *
 * Why hand-written lists: libstemmer ships stemmers, not stopwords; the
 * clusterer's stopword lists (text/stopwords.c) cover English, German,
 * French and Spanish only and were chosen for topic words, not for the
 * capitalized word that starts a sentence ("Die", "Wenn", "Los", "W",
 * "Na"); Debian's only stopword package is a Perl module. The lists are
 * short on purpose: each holds the closed-class words (articles, pronouns,
 * prepositions, conjunctions, sentence adverbs) that open news sentences,
 * where a capital letter says nothing. Words are compared folded
 * (sf__word_fold: ASCII and Latin accented capitals lowered). */
#include "entity.h"

/* ------------------------------------------------------------- folding */

size_t sf__word_fold(const char *s, size_t n, char *out, size_t cap) {
    if (n >= cap) return 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            out[k++] = (char)(c | 0x20);
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97) {
            /* U+00C0..U+00DE (but U+00D7, the multiplication sign): À -> à */
            out[k++] = (char)c;
            out[k++] = (char)((unsigned char)s[i + 1] + 0x20);
            i++;
        } else if ((c == 0xC4 || c == 0xC5) && i + 1 < n) {
            /* Latin Extended-A (U+0100..U+017F): capitals are the even code
             * points, but U+0139..U+0148 and U+0179..U+017E are odd */
            unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
            bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
            if (cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F &&
                ((cp & 1u) == (odd_upper ? 1u : 0u)))
                cp++;
            out[k++] = (char)(0xC0 | (cp >> 6));
            out[k++] = (char)(0x80 | (cp & 0x3F));
            i++;
        } else {
            out[k++] = (char)c;
        }
    }
    out[k] = '\0';
    return k;
}

/* ------------------------------------------------------------ the lists */

typedef struct lang_list {
    const char *lang;
    const char *const *words;
} lang_list;

static bool in_list(const char *const *words, const char *w, size_t n) {
    /* the first byte first: the given names alone are some 800, looked up
     * for every two-word name of every story */
    if (n == 0) return false;
    for (; *words; words++)
        if ((*words)[0] == w[0] && strlen(*words) == n && memcmp(*words, w, n) == 0) return true;
    return false;
}

static bool lang_is(const char *lang, const char *code) {
    size_t k = strlen(code);
    return lang && strncmp(lang, code, k) == 0 && (lang[k] == '\0' || lang[k] == '-' || lang[k] == '_');
}

static bool in_lang(const lang_list *lists, size_t nl, const char *lang, const char *w, size_t n) {
    for (size_t i = 0; i < nl; i++)
        if (lang_is(lang, lists[i].lang) && in_list(lists[i].words, w, n)) return true;
    return false;
}

/* Words that open sentences and never start a name, beyond the stopword
 * lists of text/stopwords.c (which sf__lang_opener also reads). */
static const char *const OPEN_DE[] = {
    "am", "im", "beim", "ins", "zum", "zur", "laut", "seit", "trotz", "wegen", "während", "zudem",
    "außerdem", "dabei", "deshalb", "daher", "darum", "danach", "davor", "dazu", "jetzt", "heute",
    "gestern", "morgen", "man", "sie", "ihre", "ihr", "seine", "sein", "unser", "unsere", "jeder",
    "jede", "jedes", "alle", "viele", "einige", "manche", "mehr", "weitere", "andere", "allerdings",
    "bereits", "inzwischen", "mittlerweile", "bislang", "bisher", "zunächst", "zuvor", "später",
    "damals", "immer", "nie", "vielleicht", "wohl", "etwa", "rund", "fast", "knapp", "mehrere",
    "welche", "welcher", "welches", "warum", "wann", "wieso", "weshalb", "woher", "wohin",
    "obwohl", "sobald", "solange", "bevor", "nachdem", "damit", "sondern", "denn", "doch",
    "aber", "auch", "nur", "noch", "schon", "so", "ob", "als", "wie", "wenn", "falls", "dies",
    "diese", "dieser", "dieses", "jene", "jener", "solche", "kein", "keine", "keiner", "nichts",
    "etwas", "hier", "dort", "da", "dann", "nun", "also", "ja", "nein", "bitte", "danke", NULL};
static const char *const OPEN_ES[] = {
    "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "al", "del", "en", "con", "por",
    "para", "sin", "sobre", "tras", "desde", "hasta", "entre", "según", "durante", "ante", "bajo",
    "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas", "aquel", "aquella", "su", "sus",
    "mi", "mis", "nuestro", "nuestra", "cuando", "donde", "como", "aunque", "pero", "sino", "si",
    "también", "además", "así", "ya", "hoy", "ayer", "mañana", "ahora", "luego", "después",
    "antes", "mientras", "todo", "toda", "todos", "todas", "otro", "otra", "otros", "otras",
    "cada", "muchos", "muchas", "algunos", "algunas", "varios", "varias", "ello", "él", "ella",
    "ellos", "ellas", "usted", "ustedes", "nosotros", "qué", "quién", "cómo", "dónde", "cuándo", "cuál", "cuáles",
    "cuánto", "cuánta", "no", "sí", "más", "menos", "tampoco", "incluso", "sin", NULL};
static const char *const OPEN_PT[] = {
    "o", "a", "os", "as", "um", "uma", "uns", "umas", "ao", "aos", "à", "às", "do", "da", "dos",
    "das", "no", "na", "nos", "nas", "em", "de", "com", "por", "para", "pelo", "pela", "pelos",
    "pelas", "sem", "sobre", "após", "desde", "até", "entre", "segundo", "durante", "este", "esta",
    "estes", "estas", "esse", "essa", "esses", "essas", "isso", "isto", "aquele", "aquela", "seu",
    "sua", "seus", "suas", "ele", "ela", "eles", "elas", "você", "nós", "quando", "onde", "como",
    "embora", "mas", "porém", "se", "também", "além", "assim", "já", "hoje", "ontem", "amanhã",
    "agora", "depois", "antes", "enquanto", "todo", "toda", "todos", "todas", "outro", "outra",
    "cada", "muitos", "muitas", "alguns", "algumas", "não", "sim", "mais", "menos", "que", "e",
    "ou", "nem", "ainda", NULL};
static const char *const OPEN_FR[] = {
    "le", "la", "les", "l", "un", "une", "des", "du", "au", "aux", "ce", "cet", "cette", "ces",
    "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes",
    "dans", "avec", "pour", "par", "sans", "sur", "sous", "après", "avant", "depuis", "pendant",
    "selon", "entre", "vers", "chez", "contre", "quand", "lorsque", "comme", "si", "mais", "or",
    "donc", "car", "puis", "ainsi", "aussi", "alors", "déjà", "encore", "aujourd'hui", "hier",
    "demain", "maintenant", "ensuite", "enfin", "tout", "toute", "tous", "toutes", "chaque",
    "plusieurs", "certains", "certaines", "il", "elle", "ils", "elles", "on", "nous", "vous",
    "je", "tu", "c'est", "ceci", "cela", "ça", "qui", "que", "quoi", "où", "pourquoi",
    "comment", "quel", "quelle", "quels", "quelles", "non", "oui", "plus", "moins", "pourtant", "cependant", "toutefois", "en", "à",
    "de", "et", "ou", NULL};
static const char *const OPEN_IT[] = {
    "il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "del", "dello", "della", "dei", "degli",
    "delle", "al", "allo", "alla", "ai", "agli", "alle", "nel", "nello", "nella", "nei", "negli",
    "nelle", "dal", "dalla", "dai", "sul", "sulla", "di", "a", "da", "in", "con", "su", "per",
    "tra", "fra", "dopo", "prima", "durante", "secondo", "questo", "questa", "questi", "queste",
    "quello", "quella", "quelli", "quelle", "suo", "sua", "suoi", "sue", "loro", "lui", "lei",
    "noi", "voi", "quando", "dove", "come", "anche", "ma", "però", "se", "così", "già", "oggi",
    "ieri", "domani", "ora", "adesso", "poi", "mentre", "tutto", "tutti", "tutte", "ogni",
    "molti", "molte", "alcuni", "alcune", "non", "sì", "più", "meno", "che", "e", "o", "ed",
    "ancora", "invece", NULL};
static const char *const OPEN_PL[] = {
    "w", "we", "na", "z", "ze", "do", "od", "po", "przez", "za", "dla", "o", "u", "przy", "pod",
    "nad", "przed", "między", "bez", "według", "podczas", "wśród", "i", "a", "ale", "lub", "albo",
    "czy", "że", "gdy", "kiedy", "jeśli", "jeżeli", "choć", "chociaż", "bo", "więc", "jednak",
    "także", "również", "też", "już", "jeszcze", "dziś", "dzisiaj", "wczoraj", "jutro", "teraz",
    "potem", "wtedy", "to", "ten", "ta", "te", "tego", "tej", "tym", "tych", "ci", "jego", "jej",
    "ich", "on", "ona", "ono", "oni", "one", "my", "wy", "ja", "ty", "pan", "pani", "nie", "tak",
    "co", "kto", "jak", "jaki", "jaka", "jakie", "jakich", "który", "która", "które", "gdzie", "dlaczego", "wszyscy", "wszystkie", "każdy", "każda", "wiele",
    "kilka", "jest", "są", "był", "była", "było", "byli", "będzie", "się", "tu", "tam", NULL};
static const char *const OPEN_NL[] = {
    "de", "het", "een", "en", "van", "in", "op", "met", "voor", "aan", "bij", "uit", "naar",
    "over", "door", "na", "om", "tot", "tegen", "zonder", "volgens", "tijdens", "dat", "dit",
    "die", "deze", "zijn", "haar", "hun", "hij", "zij", "ze", "wij", "we", "jij", "je", "u",
    "ik", "men", "er", "als", "toen", "wanneer", "waar", "hoe", "maar", "ook", "al", "nog",
    "nu", "dan", "daarna", "vandaag", "gisteren", "morgen", "niet", "geen", "wel", "alle",
    "veel", "sommige", "elke", "ieder", "meer", "minder", "wat", "wie", "waarom", NULL};

static const lang_list OPENERS[] = {{"de", OPEN_DE}, {"lb", OPEN_DE}, {"gsw", OPEN_DE},
                                    {"es", OPEN_ES}, {"pt", OPEN_PT}, {"gl", OPEN_PT},
                                    {"fr", OPEN_FR}, {"it", OPEN_IT}, {"pl", OPEN_PL},
                                    {"nl", OPEN_NL}};

bool sf__lang_opener(const char *lang, const char *w, size_t n) {
    if (sf__is_stopword(lang, w, n)) return true;
    /* Swiss and Luxembourg German share the German list */
    if ((lang_is(lang, "lb") || lang_is(lang, "gsw")) && sf__is_stopword("de", w, n)) return true;
    return in_lang(OPENERS, SF_ARRAY_LEN(OPENERS), lang, w, n);
}

/* German (and Luxembourgish, Swiss German) write every noun with a capital:
 * there a capital letter is no sign of a name. */
bool sf__lang_capitalizes_nouns(const char *lang) {
    return lang_is(lang, "de") || lang_is(lang, "lb") || lang_is(lang, "gsw") || lang_is(lang, "nds");
}

bool sf__lang_is_english(const char *lang) { return !lang || !lang[0] || lang_is(lang, "en"); }

/* Personal titles and offices written before a name. */
static const char *const TITLE_DE[] = {
    "herr", "herrn", "frau", "dr", "prof", "kanzler", "kanzlerin", "präsident", "präsidentin",
    "minister", "ministerin", "senator", "senatorin", "bürgermeister", "bürgermeisterin",
    "sprecher", "sprecherin", "chef", "chefin", "vorsitzende", "vorsitzender", "trainer",
    "trainerin", "papst", "könig", "königin", "abgeordnete", "abgeordneter", "richter",
    "richterin", "anwalt", "anwältin", "professor", "professorin", "autor", "autorin", "direktor",
    "direktorin", "botschafter", "botschafterin", "kommissar", "kommissarin", "regisseur",
    "regisseurin", "sänger", "sängerin", "schauspieler", "schauspielerin", "kardinal", "bischof",
    "bischöfin", "erzbischof", "pfarrer", "pfarrerin", "pater", "generalsekretär",
    "generalsekretärin", "fraktionschef", "fraktionschefin", "parteichef", "parteichefin", NULL};
/* German offices are compounds: Bundeskanzler, Außenministerin, Ministerpräsident */
static const char *const TITLE_DE_END[] = {
    "minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "chef",
    "chefin", "sprecher", "sprecherin", "vorsitzende", "vorsitzender", "leiter", "leiterin",
    "direktor", "direktorin", "trainer", "trainerin", "sekretär", "sekretärin", "botschafter",
    "botschafterin", "abgeordnete", "abgeordneter", "bürgermeister", "bürgermeisterin",
    "kommissar", "kommissarin", "senator", "senatorin", "experte", "expertin", "beauftragte",
    "beauftragter", "referent", "referentin", "analyst", "analystin", "forscher", "forscherin",
    "politiker", "politikerin", NULL};
static const char *const TITLE_ES[] = {
    "señor", "señora", "sr", "sra", "don", "doña", "presidente", "presidenta", "ministro",
    "ministra", "alcalde", "alcaldesa", "diputado", "diputada", "senador", "senadora",
    "secretario", "secretaria", "portavoz", "director", "directora", "juez", "jueza", "gobernador",
    "gobernadora", "rey", "reina", "papa", "doctor", "doctora", "dr", "dra", "líder", "jefe",
    "jefa", "entrenador", "canciller", "vicepresidente", "vicepresidenta", "fiscal", "concejal",
    "concejala", "consejero", "consejera", "expresidente", "expresidenta", "general", "cardenal",
    "obispo", "arzobispo", "monseñor", "padre", "sacerdote", NULL};
static const char *const TITLE_PT[] = {
    "senhor", "senhora", "sr", "sra", "presidente", "presidenta", "ministro", "ministra",
    "prefeito", "prefeita", "deputado", "deputada", "senador", "senadora", "governador",
    "governadora", "juiz", "juíza", "secretário", "secretária", "porta-voz", "diretor", "diretora",
    "técnico", "dr", "dra", "doutor", "doutora", "vice-presidente", "ex-presidente", "papa",
    "rei", "rainha", "general", NULL};
static const char *const TITLE_FR[] = {
    "m", "mme", "mlle", "monsieur", "madame", "président", "présidente", "ministre", "maire",
    "député", "députée", "sénateur", "sénatrice", "porte-parole", "directeur", "directrice",
    "juge", "secrétaire", "général", "roi", "reine", "pape", "dr", "docteur", "chancelier",
    "chancelière", "premier", "première", "entraîneur", "avocat", "avocate", "professeur",
    "cardinal", "évêque", "archevêque", "abbé", "père", NULL};
static const char *const TITLE_IT[] = {
    "signor", "signore", "signora", "presidente", "ministro", "ministra", "sindaco", "deputato",
    "deputata", "senatore", "senatrice", "segretario", "segretaria", "portavoce", "direttore",
    "direttrice", "giudice", "papa", "dott", "dottor", "dottore", "dottoressa", "prof", "premier",
    "onorevole", "re", "regina", "generale", "allenatore", "avvocato", "cardinale", "vescovo",
    "arcivescovo", "don", "padre", NULL};
static const char *const TITLE_PL[] = {
    "pan", "pani", "prezydent", "prezydenta", "premier", "premiera", "minister", "ministra",
    "poseł", "posłanka", "senator", "burmistrz", "prezes", "prezesa", "rzecznik", "rzeczniczka",
    "dyrektor", "dyrektorka", "sędzia", "marszałek", "wojewoda", "prof", "dr", "ksiądz",
    "papież", "trener", "generał", "wicepremier", "szef", "szefowa", "kardynał", "biskup",
    "arcybiskup", NULL};
static const char *const TITLE_NL[] = {
    "meneer", "mevrouw", "dhr", "mevr", "premier", "minister", "president", "burgemeester",
    "voorzitter", "woordvoerder", "woordvoerster", "directeur", "rechter", "koning", "koningin",
    "paus", "dr", "prof", "staatssecretaris", "kamerlid", "trainer", NULL};
static const lang_list TITLES[] = {{"de", TITLE_DE}, {"lb", TITLE_DE}, {"gsw", TITLE_DE},
                                   {"es", TITLE_ES}, {"pt", TITLE_PT}, {"gl", TITLE_PT},
                                   {"fr", TITLE_FR}, {"it", TITLE_IT}, {"pl", TITLE_PL},
                                   {"nl", TITLE_NL}};

static bool ends_with(const char *w, size_t n, const char *end) {
    size_t k = strlen(end);
    return n > k && memcmp(w + n - k, end, k) == 0;
}

bool sf__lang_title(const char *lang, const char *w, size_t n) {
    if (in_lang(TITLES, SF_ARRAY_LEN(TITLES), lang, w, n)) return true;
    if (sf__lang_capitalizes_nouns(lang))
        for (const char *const *e = TITLE_DE_END; *e; e++)
            if (ends_with(w, n, *e)) return true;
    return false;
}

/* Prepositions before a bare place name ("in Berlin", "en Madrid"). */
static const char *const PREP_DE[] = {"in", "aus", "nach", "bei", "von", NULL};
static const char *const PREP_ES[] = {"en", "a", "desde", "hacia", "de", NULL};
static const char *const PREP_PT[] = {"em", "de", "para", NULL};
static const char *const PREP_FR[] = {"à", "en", "depuis", "vers", "de", NULL};
static const char *const PREP_IT[] = {"a", "in", "da", "di", NULL};
static const char *const PREP_PL[] = {"w", "we", "z", "ze", "do", NULL};
static const char *const PREP_NL[] = {"in", "uit", "naar", "van", NULL};
static const lang_list PREPS[] = {{"de", PREP_DE}, {"lb", PREP_DE}, {"gsw", PREP_DE},
                                  {"es", PREP_ES}, {"pt", PREP_PT}, {"gl", PREP_PT},
                                  {"fr", PREP_FR}, {"it", PREP_IT}, {"pl", PREP_PL},
                                  {"nl", PREP_NL}};

bool sf__lang_place_prep(const char *lang, const char *w, size_t n) {
    return in_lang(PREPS, SF_ARRAY_LEN(PREPS), lang, w, n);
}

/* Words that make a name an organization's, in the languages of Europe's
 * news: first or last word ("Partido Popular", "Deutsche Bank"). */
static const char *const ORG_INTL[] = {
    "ag", "gmbh", "kg", "se", "sa", "spa", "sas", "sarl", "ltda", "bv", "nv", "ab", "asa", "oy",
    "partei", "partido", "parti", "partito", "partia", "partij", "bank", "banco", "banque",
    "banca", "universität", "universidad", "universidade", "université", "università",
    "uniwersytet", "universiteit", "ministerium", "ministerio", "ministério", "ministère",
    "ministero", "ministerstwo", "ministerie", "stiftung", "fundación", "fundação", "fondation",
    "fondazione", "fundacja", "verband", "verein", "gewerkschaft", "sindicato", "syndicat",
    "sindacato", "związek", "konzern", "gruppe", "grupo", "groupe", "gruppo", "grupa", "institut",
    "instituto", "istituto", "instytut", "agentur", "agencia", "agência", "agence", "agenzia",
    "agencja", "bundesamt", "bundestag", "bundesrat", "landtag", "senado", "sénat", "senato",
    "sejm", "congreso", "congresso", "parlamento", "parlement", "parlament", "tribunal",
    "tribunale", "gericht", "bundesgericht", "bundesverfassungsgericht", "polizei", "policía",
    "polícia", "police", "polizia", "policja", "politie", "comisión", "comissão", "commission",
    "commissione", "komisja", "kommission", "consejo", "conselho", "conseil", "consiglio", "rada",
    "rat", "club", "klub", "verlag", "zeitung", "hospital", "klinik", "klinikum", "hôpital",
    "ospedale", "szpital", "ziekenhuis", "airlines", "fc", "sv", "vfb", "vfl", "tsv", "cf", "ud",
    "sc", NULL};

bool sf__lang_org_word(const char *w, size_t n) { return in_list(ORG_INTL, w, n); }

/* Given names common in the news of Europe and the Americas, and of the
 * people those reports most often name. A two-word name that starts with
 * one ("Olaf Scholz", "Pedro Sánchez") is a person's in any language; the
 * list is a cue, not a gazetteer: a name not in it still needs another
 * sign (a title, the alias table, several reports). */
static const char *const GIVEN[] = {
    /* German */
    "olaf", "angela", "friedrich", "annalena", "robert", "christian", "markus", "karl", "hans",
    "peter", "thomas", "michael", "andreas", "stefan", "wolfgang", "klaus", "jürgen", "dieter",
    "heinz", "horst", "helmut", "gerhard", "werner", "manfred", "günter", "günther", "uwe", "jens",
    "jan", "lars", "sven", "tim", "tobias", "florian", "sebastian", "alexander", "maximilian",
    "felix", "lukas", "jonas", "leon", "paul", "ben", "finn", "matthias", "martin", "daniel",
    "christoph", "johannes", "julia", "anna", "maria", "sabine", "susanne", "petra", "monika",
    "ursula", "claudia", "andrea", "karin", "birgit", "nicole", "katrin", "stefanie", "sandra",
    "kerstin", "heike", "anja", "sarah", "laura", "lena", "lea", "hannah", "sophie", "marie",
    "emma", "mia", "nancy", "svenja", "saskia", "manuela", "franziska", "katharina", "christine",
    "ricarda", "hubertus", "boris", "cem", "volker", "norbert", "winfried", "armin", "hendrik",
    "joachim", "sigmar", "philipp", "gregor", "sahra", "alice", "tino", "björn", "hubert", "rolf",
    "ralf", "bernd", "kai", "dirk", "holger", "torsten", "carsten", "oliver", "marco", "marcus",
    "nils", "niklas", "jakob", "elias", "moritz", "anton", "emil", "ole", "till", "henrik", "gerd",
    "otto", "fritz", "heinrich", "hermann", "walter", "kurt", "erich", "rudolf", "lothar",
    "reinhard", "ludwig", "georg", "josef", "joseph", "franz", "anne", "eva", "ines", "jana",
    "jutta", "renate", "gabriele", "elke", "silke", "ute", "doris", "brigitte", "helga",
    "ingrid", "gisela", "inge", "dorothee", "bettina", "melanie", "jessica", "vanessa", "lisa",
    "nina", "tanja", "simone", "frank-walter", "karl-heinz", "hans-peter", "hans-jürgen",
    "kevin", "marie-agnes", "malu", "bärbel", "klara", "greta", "luisa", "carla", "lara",
    "jasmin", "nadine", "yvonne", "miriam", "judith", "esther", "rainer", "achim", "ulrich",
    "jochen", "hartmut", "bodo", "mario", "dietmar", "wolfram", "detlef", "harald",
    /* Spanish, Portuguese, Latin America */
    "pedro", "pablo", "juan", "josé", "jose", "carlos", "luis", "javier", "francisco",
    "antonio", "manuel", "miguel", "jorge", "alberto", "fernando", "alejandro", "santiago",
    "mariano", "felipe", "gabriel", "diego", "andrés", "sergio", "raúl", "ricardo", "roberto",
    "rafael", "enrique", "emmanuel", "gustavo", "nicolás", "cristina", "isabel", "carmen", "ana",
    "lucía", "marta", "elena", "sofía", "paula", "patricia", "teresa", "pilar", "rosa", "dolores",
    "yolanda", "irene", "inés", "begoña", "luiz", "joão", "jair", "dilma", "paulo", "marcelo",
    "rodrigo", "eduardo", "flávio", "sérgio", "geraldo", "tarcísio", "michel", "ciro", "marina",
    "gleisi", "renan", "rui", "antónio", "luís", "alfonso", "álvaro",
    "ignacio", "joaquín", "jesús", "ramón", "salvador", "victor", "víctor", "hugo", "evo", "xavier",
    "gerardo", "guillermo", "arturo", "horacio", "sebastián", "gabriela", "verónica", "mónica",
    "beatriz", "mercedes", "alejandra", "daniela", "valentina", "camila", "fernanda", "juliana",
    "mariana", "íñigo", "nayib", "lula", "marcos",
    /* French */
    "jean", "jean-luc", "jean-marie", "jean-pierre", "jean-claude", "jean-yves", "jean-michel",
    "françois", "nicolas", "édouard", "edouard", "élisabeth", "elisabeth", "bruno", "gérald",
    "pierre", "jacques", "philippe", "laurent", "olivier", "thierry", "éric", "eric", "christophe",
    "stéphane", "sébastien", "valérie", "ségolène", "rachida", "yannick", "raphaël", "jordan",
    "nathalie", "isabelle", "catherine", "sylvie", "martine", "dominique", "patrick", "alain",
    "bernard", "yves", "claude", "marine", "gilles", "vincent", "julien", "mathieu", "aurélien",
    "amélie", "céline", "hélène", "manon", "chloé", "léa", "camille",
    "émilie", "françoise", "anne-marie", "marie-france", "benoît",
    /* Italian */
    "giorgia", "matteo", "giuseppe", "silvio", "enrico", "paolo", "giovanni", "francesco",
    "luigi", "alessandro", "luca", "elly", "carlo", "giulia", "chiara", "francesca", 
    "romano", "massimo", "gianni", "giancarlo", "stefano", "lorenzo", "federico", "davide",
    "simona", "elisabetta", "roberta", "giacomo", "fabio", "guido",
    /* Polish */
    "andrzej", "donald", "mateusz", "jarosław", "lech", "aleksander", "bronisław", "rafał",
    "szymon", "władysław", "krzysztof", "tomasz", "piotr", "paweł", "marcin", "michał", "jakub",
    "łukasz", "adam", "marek", "grzegorz", "zbigniew", "janusz", "jerzy", "stanisław", "wojciech",
    "kamil", "maciej", "beata", "ewa", "agnieszka", "katarzyna", "małgorzata", "joanna",
    "magdalena", "barbara", "elżbieta", "krystyna", "zofia", "dorota", "przemysław", "radosław",
    "mariusz", "dariusz", "sławomir", "bogdan", "kazimierz", "józef", "henryk", "ryszard",
    /* Dutch */
    "mark", "geert", "dick", "willem-alexander", "maxima", "máxima", "frans", "sigrid", "wopke",
    "kees", "henk", "pieter", "joost", "sjaak", "bart", "ruud", "arjen", "wesley",
    /* English and the world's newsmakers */
    "joe", "barack", "hillary", "kamala", "george", "john", "james", "william", "david",
    "richard", "charles", "steven", "stephen", "brian", "elon", "jeff", "bill", "mike", "mary",
    "elizabeth", "jennifer", "susan", "karen", "emily", "vladimir", "sergei", "sergej", "sergey",
    "dmitri", "dmitry", "dmitrij", "alexei", "alexej", "volodymyr", "wolodymyr", "vitali",
    "recep", "benjamin", "narendra", "rishi", "keir", "theresa", "justin", "jacinda", "ali",
    "mohammed", "mohammad", "muhammad", "mohamed", "ahmed", "ahmad", "mahmoud", "abdul", "hassan",
    "hussein", "omar", "yusuf", "fatima", "ebrahim", "hamid", "ismail", "ibrahim", "khaled",
    "jonathan", "christopher", "matthew", "andrew", "anthony", "ron", "nikki", "liz", "tony",
    "gordon", "nigel", "rupert", "kim", "shinzo", "fumio", "jimmy",
    "ronald", "gerald", "lyndon", "dwight", "franklin", "margaret", "golda", "indira", "nelson",
    "kofi", "xi", "li", "taylor", "lionel", "cristiano", "neymar",
    "roger", "novak", "serena", "lewis", "max", "pep", 
    "julian", "edward", "alexandra", "olena", "yulia", "julija", "swetlana", "svetlana",
    "sviatlana", "josep", "kaja", "ylva", "margrethe", "mette", 
    "viktor", "nicola", "harry", "meghan",
    "kate", "camilla", "diana", "philip",
    /* common English given names (months, virtues, flowers and places that
     * are also given names are left out: "April", "Grace", "Rose", "Troy") */
    "aaron", "adrian", "alan", "albert", "alex", "allen", "andy", "arthur", "barry", "billy", "bob",
    "bobby", "brad", "bradley", "brandon", "brent", "brett", "bruce", "bryan", "calvin", "cameron", "carl",
    "chad", "chris", "colin", "craig", "curtis", "dale", "dan", "danny", "darren", "dave", "dennis",
    "derek", "don", "doug", "douglas", "duncan", "dylan", "ed", "eddie", "edwin", "elliot", "ethan",
    "evan", "frank", "fred", "gary", "gavin", "geoff", "geoffrey", "glenn", "graham", "greg",
    "gregory", "harold", "harvey", "henry", "howard", "ian", "isaac", "jack", "jacob", "jake",
    "jamie", "jared", "jason", "jay", "jeffrey", "jeremy", "jerry", "jerome", "jesse", "jim", "joel",
    "johnny", "jon", "josh", "joshua", "keith", "ken", "kenneth", "kirk", "kyle", "larry",
    "lawrence", "leo", "leonard", "liam", "luke", "marc", "marvin", "matt", "maurice", "mitch",
    "mitchell", "nathan", "neil", "nick", "noah", "oscar", "owen", "pete", "phil", "ralph", "randy",
    "ray", "raymond", "rick", "ricky", "rob", "rodney", "russell", "ryan", "sam", "samuel", "scott",
    "sean", "seth", "shane", "simon", "steve", "stuart", "ted", "terry", "timothy", "todd", "tom",
    "travis", "trevor", "zach", "zachary", "abigail", "aimee", "alexis", "alicia", "alison",
    "allison", "amanda", "amy", "ann", "ashley", "beverly", "brenda", "carol", "caroline", "carrie",
    "cathy", "cheryl", "christina", "cindy", "claire", "colleen", "courtney", "cynthia", "dana",
    "danielle", "debbie", "deborah", "debra", "denise", "diane", "donna", "dorothy", "elaine",
    "eleanor", "ellen", "erica", "erin", "evelyn", "gail", "gina", "gloria", "gwen", "heather",
    "helen", "jackie", "jane", "janet", "janice", "jenna", "jenny", "jill", "joan", "joanne", "joyce",
    "judy", "julie", "kathleen", "kathryn", "kathy", "katie", "katherine", "kelly", "kimberly",
    "kristen", "kristin", "lauren", "leah", "leigh", "leslie", "linda", "lindsey", "lori", "louise",
    "lucy", "lynn", "maggie", "marilyn", "martha", "maureen", "megan", "melissa", "meredith",
    "michelle", "molly", "monica", "naomi", "natalie", "nora", "olivia", "pamela",
    "rachel", "rebecca", "renee", "rita", "ruth", "sally", "samantha", "sara", "shannon", "sharon",
    "sheila", "shirley", "stephanie", "sue", "tammy", "tara", "tiffany", "tina", "tracy", "valerie",
    "wendy", "whitney", "zoe", NULL};

bool sf__given_name(const char *w, size_t n) { return in_list(GIVEN, w, n); }

/* ------------------------------------------------------- speech verbs */
/* Verbs that report speech, third person, the forms news writes after or
 * before a quote ("„...“, sagte Scholz", "«...», a déclaré Macron", "dijo el
 * ministro"). English has its own list (sf__speech_verbs). */
static const char *const SPEECH_DE[] = {
    "sagte", "sagt", "sagten", "erklärte", "erklärt", "erklärten", "betonte", "betont", "meinte",
    "schrieb", "warnte", "kritisierte", "forderte", "bestätigte", "berichtete", "ergänzte",
    "unterstrich", "räumte", "versicherte", "bekräftigte", NULL};
static const char *const SPEECH_ES[] = {
    "dijo", "dice", "dijeron", "afirmó", "declaró", "explicó", "aseguró", "señaló", "indicó",
    "añadió", "agregó", "manifestó", "sostuvo", "advirtió", "comentó", "expresó", "subrayó",
    "destacó", "apuntó", "precisó", NULL};
static const char *const SPEECH_PT[] = {
    "disse", "diz", "disseram", "afirmou", "declarou", "explicou", "garantiu", "ressaltou",
    "destacou", "acrescentou", "informou", "salientou", "sublinhou", NULL};
static const char *const SPEECH_FR[] = {
    "dit", "déclaré", "affirmé", "expliqué", "ajouté", "souligné", "indiqué", "estimé", "précisé",
    "assuré", "déclare", "affirme", "explique", "ajoute", "souligne", "estime", "précise",
    "assure", "confié", "martelé", NULL};
static const char *const SPEECH_IT[] = {
    "detto", "dichiarato", "spiegato", "affermato", "aggiunto", "sottolineato", "dice",
    "spiega", "afferma", "aggiunge", "sottolinea", NULL};
static const char *const SPEECH_NL[] = {"zei", "zegt", "verklaarde", "schreef", "benadrukte", "aldus", NULL};
static const char *const SPEECH_PL[] = {
    "powiedział", "powiedziała", "stwierdził", "stwierdziła", "dodał", "dodała", "podkreślił",
    "podkreśliła", "mówi", "zaznaczył", "zaznaczyła", "oświadczył", "oświadczyła", NULL};
static const lang_list SPEECH[] = {{"de", SPEECH_DE}, {"lb", SPEECH_DE}, {"gsw", SPEECH_DE},
                                   {"es", SPEECH_ES}, {"pt", SPEECH_PT}, {"gl", SPEECH_PT},
                                   {"fr", SPEECH_FR}, {"it", SPEECH_IT}, {"nl", SPEECH_NL},
                                   {"pl", SPEECH_PL}};

bool sf__lang_speech_verb(const char *lang, const char *w, size_t n) {
    char f[64];
    size_t k = sf__word_fold(w, n, f, sizeof f);
    return k && in_lang(SPEECH, SF_ARRAY_LEN(SPEECH), lang, f, k);
}

/* "he" and "she" ("sagte er dem NDR", "a-t-elle dit", "dijo él"). */
static const char *const HE_DE[] = {"er", "sie", NULL};
static const char *const HE_ES[] = {"él", "ella", NULL};
static const char *const HE_PT[] = {"ele", "ela", NULL};
static const char *const HE_FR[] = {"il", "elle", NULL};
static const char *const HE_IT[] = {"lui", "lei", NULL};
static const char *const HE_NL[] = {"hij", "zij", "ze", NULL};
static const char *const HE_PL[] = {"on", "ona", NULL};
static const lang_list HE_SHE[] = {{"de", HE_DE}, {"lb", HE_DE}, {"gsw", HE_DE}, {"es", HE_ES},
                                   {"pt", HE_PT}, {"gl", HE_PT}, {"fr", HE_FR}, {"it", HE_IT},
                                   {"nl", HE_NL}, {"pl", HE_PL}};

bool sf__lang_he_she(const char *lang, const char *w, size_t n) {
    char f[16];
    size_t k = sf__word_fold(w, n, f, sizeof f);
    return k && in_lang(HE_SHE, SF_ARRAY_LEN(HE_SHE), lang, f, k);
}

/* "that" opening reported speech ("erklärte, dass ...", "dijo que ..."). */
static const char *const THAT_DE[] = {"dass", "daß", NULL};
static const char *const THAT_ROMANCE[] = {"que", "qu", NULL};
static const char *const THAT_IT[] = {"che", NULL};
static const char *const THAT_NL[] = {"dat", NULL};
static const char *const THAT_PL[] = {"że", NULL};
static const lang_list THAT[] = {{"de", THAT_DE},      {"lb", THAT_DE},      {"gsw", THAT_DE},
                                 {"es", THAT_ROMANCE}, {"pt", THAT_ROMANCE}, {"gl", THAT_ROMANCE},
                                 {"fr", THAT_ROMANCE}, {"it", THAT_IT},      {"nl", THAT_NL},
                                 {"pl", THAT_PL}};

bool sf__lang_that(const char *lang, const char *w, size_t n) {
    char f[16];
    size_t k = sf__word_fold(w, n, f, sizeof f);
    return k && in_lang(THAT, SF_ARRAY_LEN(THAT), lang, f, k);
}

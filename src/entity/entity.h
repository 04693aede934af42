/* entity.h - names in news text and who they refer to. Mentions are found
 * from capitalization, acronyms, titles and speech cues; within a story they
 * are merged into entities by an alias table, acronym/expansion matching,
 * spelling-skeleton and case variants, possessives and surnames, each merge
 * keeping the reason it was made.
 */
#ifndef SF_ENTITY_H
#define SF_ENTITY_H

#include "../common/common.h"
#include "../text/text.h"
#include "ner.h"

/* The analysed document (sf_doc, sf__doc_init, sf__tok_is, ...) is text.h's. */

/* ---------------------------------------------------------------- types */
typedef enum sf_entity_type {
    SF_ENT_UNKNOWN = 0,
    SF_ENT_PERSON = 1,
    SF_ENT_ORG = 2,
    SF_ENT_PLACE = 3,
    SF_ENT_OTHER = 4  /* a name of another kind: events, laws, works (CoNLL MISC) */
} sf_entity_type;
#define SF_ENT_TYPES 5

/* "person", "organization", "place", "other", "unknown". Static string. */
const char *sf__entity_type_name(sf_entity_type t);

/* ---------------------------------------------------------- alias table */
/* Groups of names for one thing. File format (UTF-8), one group per line:
 *
 *     # comment
 *     Islamic State = IS = ISIS = ISIL = Daesh
 *     org: United Nations = UN = U.N.
 *
 * Names are separated by " = " (a '=' with white space around it); the first
 * name is the canonical one; an optional "person:", "org:" or "place:" prefix
 * gives the type. Names are matched case-insensitively after removing
 * periods, except that a short all-capital name (up to four letters, such as
 * "IS" or "US") matches only text written in capitals, so the verb "is" or
 * the pronoun "us" never match. Blank lines and lines starting with '#' are
 * skipped; a line with fewer than two names, an empty name, or a name longer
 * than 200 bytes is an error naming the file and line. A name already in an
 * earlier group joins that group (the tables merge). */
typedef struct sf_alias_table sf_alias_table;

/* An empty table (destroy with sf__alias_table_destroy; NULL is ok). */
sf_status sf__alias_table_create(sf_alias_table **out, sf_error *err);
void sf__alias_table_destroy(sf_alias_table *t);
/* Add the groups of data[0..n); `name` is used in messages; `user` marks the
 * groups as user-supplied (merge reasons say "alias file" rather than
 * "bundled alias list"). On a bad line nothing of `data` is kept. */
sf_status sf__alias_table_parse(sf_alias_table *t, const char *name, const char *data,
                                size_t n, bool user, sf_error *err);
/* Read a file into the table (as user-supplied). */
sf_status sf__alias_table_load(sf_alias_table *t, const char *path, sf_error *err);
/* The table a run uses: the bundled list, plus the groups of the file at
 * `path` when it is not NULL (a name in both joins the bundled group). On
 * success *out is a new table the caller destroys; on failure *out is NULL
 * and err says "FILE:LINE: what is wrong" (or why the file cannot be read). */
sf_status sf__alias_table_open(const char *path, sf_alias_table **out, sf_error *err);
/* Add the bundled list of widely known aliases (data/aliases.txt, compiled in). */
sf_status sf__alias_table_add_bundled(sf_alias_table *t, sf_error *err);
/* The bundled list as text (static). */
const char *sf__alias_bundled_text(void);
/* Group of a name as written (SIZE_MAX when none). */
size_t sf__alias_lookup(const sf_alias_table *t, const char *name, size_t n);
/* Canonical name, type and origin of a group (owned by the table). */
const char *sf__alias_canonical(const sf_alias_table *t, size_t group);
sf_entity_type sf__alias_type(const sf_alias_table *t, size_t group);
bool sf__alias_user(const sf_alias_table *t, size_t group);
size_t sf__alias_group_count(const sf_alias_table *t);

/* -------------------------------------------------------------- mentions */
#define SF_MENTION_ACRONYM 1u    /* all capitals: SDF, U.N. */
#define SF_MENTION_TITLED 2u     /* after a personal title: Mr., Gen., spokesman */
#define SF_MENTION_POSSESSIVE 4u /* written with 's (the 's is not in the span) */
#define SF_MENTION_INITIAL 8u    /* first word of its sentence */
#define SF_MENTION_SPEAKER 16u   /* subject or object of a speech verb */
#define SF_MENTION_PLACE_CUE 32u /* after in/at/near/from */
#define SF_MENTION_GIVEN 64u     /* not English: its first word is a given name */
#define SF_MENTION_NOUN_CASE 128u /* in a language that capitalizes nouns */
#define SF_MENTION_FOREIGN 256u  /* not English: the recognizer's type is not trusted alone */
#define SF_MENTION_DESCRIPTION 512u /* an office, not a name: "Conservative MP", "Health Secretary" */
#define SF_MENTION_HEADING 1024u /* English: in a line written in title case ("Which Method Is Best") */
#define SF_MENTION_COMMON 2048u  /* English: one word opening its sentence that English writes in
                                  * lower case only, no number or name after it ("Already, ...") */

typedef struct sf_mention {
    size_t article;        /* corpus index */
    size_t begin, end;     /* the name in the article text (no title, no 's) */
    size_t sentence;       /* sentence index in its doc */
    size_t tok_begin, tok_end; /* tokens covered */
    unsigned flags;
    sf_entity_type hint;   /* type the local evidence suggests */
    size_t entity;         /* set by sf__resolve_entities */
} sf_mention;
typedef SF_VEC(sf_mention) sf_mentionvec;

/* Verbs that introduce speech ("said", "told", "added" ...), NULL-ended. */
extern const char *const sf__speech_verbs[];
/* Whether token i is a personal title or office written as a word before a
 * name ("President", "spokesman", "MP", "Tanaiste"). */
bool sf__title_word(const sf_doc *d, size_t i);
/* Whether tokens [a, b) are a party-and-state label ("R-Wis.", "D-Mass.",
 * "R-N.Y."): written after a lawmaker's name, it names no one. */
bool sf__party_label(const sf_doc *d, size_t a, size_t b);

/* Longest run of capitalized words taken as one name; longer runs (shouting
 * headlines, tables) give no mention at all. */
#define SF_MENTION_MAX_WORDS 7

/* Append the name mentions of a doc to `out` (their `hint` is the type the
 * recognizer gave). */
sf_status sf__find_mentions(const sf_doc *d, sf_mentionvec *out);

/* ------------------------------------------------------------ recognizer */
/* The trained name recognizer on a doc (ner.c, mention.c). A name span
 * covers tokens [tok_begin, tok_end) of the doc, as the recognizer tags
 * them (no rules applied: titles, "the" and one-word "other" names are
 * still in; sf__find_mentions applies them). */
typedef struct sf_name_span {
    size_t tok_begin, tok_end;
    sf_entity_type type; /* person, place, organization or other */
} sf_name_span;
typedef SF_VEC(sf_name_span) sf_name_spanvec;
/* Buffers reused from sentence to sentence; zero-initialize, release with
 * sf__ner_scratch_release. */
typedef struct sf_ner_scratch {
    SF_VEC(sf_view) words;
    SF_VEC(size_t) first;
    SF_VEC(uint8_t) tags;
    sf_ner_sent sent;
} sf_ner_scratch;
void sf__ner_scratch_release(sf_ner_scratch *x);
/* First sentence after the chain starting at s: sentences the splitter cut
 * after an abbreviation ("St. | Petersburg") are tagged as one. */
size_t sf__ner_chain_end(const sf_doc *d, size_t s);
/* Append the names of sentence s of d to out (its chain is tagged whole;
 * names that overlap s are kept, a name may run into the next sentence). */
sf_status sf__ner_tag_sentence(const sf_doc *d, size_t s, sf_ner_scratch *x, sf_name_spanvec *out);
/* The recognizer's type for exactly the tokens [tok_begin, tok_end) of d
 * (SF_ENT_UNKNOWN when it finds no name with those bounds). For the quote
 * finder: "is this span a person?" is sf__name_type_of(...) == SF_ENT_PERSON.
 * Tags the span's sentence on each call. */
sf_entity_type sf__name_type_of(const sf_doc *d, size_t tok_begin, size_t tok_end);

/* ------------------------------------------------------ other languages */
/* Word lists for articles not in English (lang_words.c). Words are given
 * folded by sf__word_fold. `lang` is a doc's language code. */
/* Fold s[0..n) into out (cap bytes, NUL-ended): ASCII and Latin-1 / Latin
 * Extended-A capitals lowered. Returns the length, 0 when it does not fit. */
size_t sf__word_fold(const char *s, size_t n, char *out, size_t cap);
bool sf__lang_is_english(const char *lang);
/* Whether English writes the word (lower case, ASCII letters) in lower case
 * only: the system's word list has it and has no capitalized entry of it
 * ("already", "malaria"; not "hope", which is also "Hope"). words_en.c. */
bool sf__english_lower_only(const char *w, size_t n);
/* German, Luxembourgish: every noun is capitalized. */
bool sf__lang_capitalizes_nouns(const char *lang);
/* A function word that opens sentences and never starts a name ("Die",
 * "Wenn", "Los", "Le", "W", "Na"). */
bool sf__lang_opener(const char *lang, const char *w, size_t n);
/* A personal title or office written before a name ("Kanzler",
 * "Außenministerin", "presidente", "Mme"). */
bool sf__lang_title(const char *lang, const char *w, size_t n);
/* A preposition before a bare place name ("in", "en", "à", "w"). */
bool sf__lang_place_prep(const char *lang, const char *w, size_t n);
/* A verb that reports speech in that language ("sagte", "dijo", "déclaré");
 * w[0..n) as written (folded here). */
bool sf__lang_speech_verb(const char *lang, const char *w, size_t n);
/* "that" opening reported speech in that language ("dass", "que"); as written. */
bool sf__lang_that(const char *lang, const char *w, size_t n);
/* "he" or "she" in that language ("er", "elle", "ella"); as written. */
bool sf__lang_he_she(const char *lang, const char *w, size_t n);
/* A word that makes a name an organization's ("AG", "Partido", "Bank"). */
bool sf__lang_org_word(const char *w, size_t n);
/* A common given name ("Olaf", "Pedro", "Łukasz"). */
bool sf__given_name(const char *w, size_t n);
/* A word that heads an organization's or a place's name ("university",
 * "county", "springs"); w[0..n) folded. */
bool sf__name_head_word(const char *w, size_t n);

/* -------------------------------------------------------------- entities */
typedef struct sf_alias {
    char *name;    /* as written in an article */
    char *reason;  /* why it was merged ("acronym of Syrian Democratic Forces") */
    bool variant;  /* a near-miss form rather than an exact equivalent */
} sf_alias;

/* Where an entity is mentioned: bytes [begin, end) of an article's text. */
typedef struct sf_entity_span {
    size_t article;
    size_t begin, end;
} sf_entity_span;

typedef struct sf_entity {
    char *name;              /* canonical name */
    sf_entity_type type;
    sf_alias *aliases;       /* other names, each with its reason */
    size_t naliases;
    size_t *articles;        /* corpus indexes, ascending */
    size_t narticles;
    size_t mentions;         /* number of mentions */
    sf_entity_span *spans;   /* its mentions, in the order they were given */
    size_t nspans;
} sf_entity;

/* Merge the mentions m[0..n) of one story into entities; sets m[i].entity.
 * `table` may be NULL. `lower_words` (may be NULL) holds sf__hash64 of the
 * folded words the story writes in lower case: a capitalized sentence-initial
 * word also seen in lower case ("Coalition officials said") is not a name.
 * *out (release with sf__entities_release) receives the entities, most
 * mentioned first; mentions that are not names get entity SIZE_MAX. */
sf_status sf__resolve_entities(const sf_doc *docs, size_t ndocs, sf_mention *m, size_t n,
                               const sf_alias_table *table, const sf_map *lower_words,
                               sf_entity **out, size_t *count, sf_error *err);
void sf__entities_release(sf_entity *e, size_t n);

/* Name-matching helpers (exposed for tests). */
/* Key for matching: NFKC case fold, periods and a leading "the " removed,
 * white space and hyphens made single spaces. */
sf_status sf__name_key(const char *s, size_t n, sf_buf *out);
/* True when name key k[0..n) (sf__name_key) is a country's name, from
 * Debian's iso-codes (places.c); false for all when the list is missing. */
bool sf__is_country_key(const char *k, size_t n);
/* True when it is the name of a country's subdivision (a state, province or
 * region: ISO 3166-2, places.c); false for all when the list is missing. */
bool sf__is_region_key(const char *k, size_t n);
/* Spelling skeleton of a key: doubled letters collapsed, vowels (and y)
 * made one class, spaces/hyphens/apostrophes dropped (Raqqa = Raqa,
 * Mohammed = Muhammad). */
sf_status sf__name_skeleton(const char *key, size_t n, sf_buf *out);
/* True when `acr` (letters only, e.g. "SDF") is the initials of the words of
 * `name`, skipping of/the/for/and/de. */
bool sf__is_acronym_of(const char *acr, size_t an, const char *name, size_t n);
/* Its two halves, for a caller that tests one acronym against many names:
 * the upper-case letters of an acronym (dots left out; 0 when it holds
 * another character, fewer than two letters or more than SF__INITIALS_MAX),
 * and the upper-case initials of a name's words (split at spaces and
 * hyphens; with skip, connector words are left out; SF__INITIALS_MAX + 1
 * when there are more). `acr` is an acronym of `name` when its letters equal
 * the initials with or without skip. */
#define SF__INITIALS_MAX 16
size_t sf__acronym_letters(const char *acr, size_t an, char out[SF__INITIALS_MAX]);
size_t sf__name_initials(const char *name, size_t n, bool skip, char out[SF__INITIALS_MAX]);
/* True when every word of the surface s (parted by spaces and hyphens) is
 * capitalized or a small word acronyms take or skip ("of", "and"): what an
 * acronym may expand to ("Clinton-backing Senate" is no CBS). */
bool sf__capitalized_words(const char *s);
/* True when two name keys (sf__name_key) are spellings of one name: the same
 * words but one, and that one the same once doubled letters are written
 * once (Raqqa, Raqa; Hilary, Hillary), or of eight letters or more and one
 * edit apart (two from ten: "Stephanopolous", "Sharption"), not one vowel
 * for another (Robin, Rubin; Ginsburg, Ginsberg; Khomeini, Khamenei). */
bool sf__close_spelling(const char *a, size_t an, const char *b, size_t bn);

#endif

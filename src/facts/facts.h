/* facts.h - what the articles of a story state, lined up across sources:
 * quantities normalized to base units (vague amounts as ranges), dates
 * resolved against publication time, quotes with their speakers, and for
 * each thing+attribute whether the sources agree, differ or stand alone.
 */
#ifndef SF_FACTS_H
#define SF_FACTS_H

#include "../entity/entity.h"

/* ------------------------------------------------------------ quantities */
/* One amount found in a sentence. Ranges: low == high for an exact value;
 * an open bound is -INFINITY / INFINITY ("more than 5" = [5, inf)). */
typedef struct sf_quantity {
    size_t begin, end;           /* the whole expression as written */
    size_t sentence;             /* sentence index in its doc */
    double value;                /* normalized central value (the number written) */
    double low, high;            /* normalized range */
    const char *base;            /* base unit: "m", "m2", "kg", "l", "s", "m/s", "%",
                                  * "year" (ages), "count", or an ISO 4217 code */
    const char *attribute;       /* "length", "area", "mass", "volume", "duration",
                                  * "speed", "share", "amount", "age", "number" */
    size_t unit_begin, unit_end; /* unit as written (empty for bare counts) */
    size_t thing_begin, thing_end; /* what it measures or counts (may be empty) */
    const char *event;           /* counts: the participle that qualifies them
                                  * ("killed", "injured", "trapped") or NULL */
    /* What a reader is told (sf__quantity_describe): the attribute from the
     * vocabulary of docs/json-output.md ("deaths", "injured", "missing",
     * "evacuated", "arrested", "population", "length", "height", "distance",
     * "area", "duration", "cost", "price", "amount", "percentage", "count",
     * ...) or a real word of the sentence ("rise", "rescued"), and the words
     * of its subject ("fire", "city", "Rafiqah Wall"; empty when the
     * sentence names none). */
    const char *label;
    size_t subj_begin, subj_end;
    size_t ref_begin, ref_end;   /* distances: the place measured from
                                  * ("55 miles east of Istanbul"), or empty */
    /* Another time the number is tied to: a year written near it ("in
     * 1988", "the 1978 fire") or a past cue ("last year", "years ago"). */
    int year;                    /* 0: none */
    bool past;                   /* "last year", "a year ago", "previous" */
    size_t time_begin, time_end; /* that time as written */
    bool range;                  /* written as a range ("155 to 190") */
    bool vague;                  /* a vague amount ("hundreds", "thousands of") */
} sf_quantity;
typedef SF_VEC(sf_quantity) sf_quantvec;

/* Values beyond this (after normalization) are taken as garbage, not facts. */
#define SF_QUANTITY_MAX 1e15

/* Append the quantities of a doc. Years, dates, times, ordinals and numbers
 * that are part of names ("Boeing 747") are not quantities; a number with a
 * unit nobody uses ("5 zorks" glued as "5zork") or an absurd magnitude gives
 * nothing. */
sf_status sf__find_quantities(const sf_doc *d, sf_quantvec *out);
/* Whether token i is a month's name or its abbreviation ("December", "Dec"). */
bool sf__month_word(const sf_doc *d, size_t i);

/* ----------------------------------------------------------------- dates */
typedef enum sf_date_precision {
    SF_DATE_UNRESOLVED = 0, /* relative, publication time unknown */
    SF_DATE_YEAR = 1,
    SF_DATE_MONTH = 2,
    SF_DATE_DAY = 3
} sf_date_precision;

typedef struct sf_date {
    size_t begin, end;       /* as written: "on Monday", "July 4, 2017", "last year" */
    size_t sentence;
    bool relative;           /* needed the publication time */
    sf_date_precision precision;
    int year, month, day;    /* as far as precision says; 0 otherwise */
    const char *event;       /* lower-case verb the date is attached to, or NULL */
    size_t event_begin, event_end; /* that verb in the text */
    bool statement;          /* the event is a speech act ("said on Tuesday") */
} sf_date;
typedef SF_VEC(sf_date) sf_datevec;

/* Append the dates of a doc; relative ones are resolved against `published`
 * (seconds since the epoch, UTC) unless it is SF_TIME_UNKNOWN, in which case
 * they stay SF_DATE_UNRESOLVED. A weekday alone ("on Monday") is the latest
 * such day on or before publication, as news uses it. */
sf_status sf__find_dates(const sf_doc *d, int64_t published, sf_datevec *out);
/* Format a resolved date as "YYYY", "YYYY-MM" or "YYYY-MM-DD" (buf >= 16). */
void sf__date_format(const sf_date *dt, char buf[16]);
/* Write p[0..n) to `out` (reset first) with each day said relative to the
 * publication time anchored to its date: "on Monday" -> "on Monday (Oct
 * 9)", "yesterday" -> "yesterday (Oct 8)". Only days sf__find_dates resolves
 * to a day from a word alone (weekdays, yesterday, today, tomorrow); a date
 * with its own number ("July 4") is left as written, and so is all of it
 * when `published` is SF_TIME_UNKNOWN. *anchored: how many were anchored. */
sf_status sf__anchor_days(const char *p, size_t n, int64_t published, const char *lang, sf_buf *out,
                          size_t *anchored);

/* ---------------------------------------------------------------- quotes */
typedef struct sf_quote_hit {
    size_t begin, end;       /* what was said: inside the quote marks, or the
                              * reported clause */
    size_t sentence;
    size_t speaker;          /* index into the mentions given, or SIZE_MAX */
    size_t speaker_begin, speaker_end; /* speaker as written ("he", "the alliance");
                              * equal when no speaker was found with confidence */
    bool direct;             /* in quote marks */
} sf_quote_hit;
typedef SF_VEC(sf_quote_hit) sf_quotevec;

/* Append who-said-what of a doc: "X said", "said X, who ...", "according to
 * X", with the text in quote marks or the reported clause. `m[0..nm)` are
 * the doc's mentions in text order (resolved or not); a pronoun speaker
 * ("he said") takes the latest person mentioned before it in the doc, when
 * there is one. */
sf_status sf__find_quotes(const sf_doc *d, const sf_mention *m, size_t nm,
                          const sf_entity *ents, sf_quotevec *out);

/* ------------------------------------------------------------ story facts */
typedef enum sf_fact_status {
    SF_FACT_SINGLE = 0,   /* one source only */
    SF_FACT_AGREE = 1,    /* two or more sources, compatible values */
    SF_FACT_CONFLICT = 2, /* two sources whose values cannot both hold */
    SF_FACT_UPDATE = 3    /* a running count ("60 dead", later "65 dead") that
                           * later reports changed: values in time order */
} sf_fact_status;

/* "single source", "agree", "conflict", "update". Static string. */
const char *sf__fact_status_name(sf_fact_status s);

typedef struct sf_fact_mention {
    size_t article;      /* corpus index */
    sf_span sentence;    /* bytes of the article text */
    sf_span span;        /* the value as written */
    char *text;          /* copy of the value as written */
    double value, low, high; /* normalized (quantities); NAN for dates */
    char *date;          /* dates: "2017-07-03", "2017-07", "2017", or NULL if unresolved */
    int64_t published;   /* the article's publication time (SF_TIME_UNKNOWN) */
} sf_fact_mention;

typedef enum sf_fact_kind { SF_FACT_QUANTITY = 1, SF_FACT_DATE = 2 } sf_fact_kind;

typedef struct sf_fact {
    sf_fact_kind kind;
    char *what;          /* "Rafiqah Wall / length" */
    char *value;         /* first mention's value as written ("2,500-meter") */
    char *unit;          /* unit as written ("meter"), "" when none */
    double normalized;   /* first mention's normalized value (NAN for dates) */
    double low, high;    /* the range all mentions allow (intersection when they
                          * agree; NAN for dates) */
    const char *base;    /* base unit (static) or "date" */
    char *date;          /* dates: the date, NULL when unresolved */
    char *note;          /* why the status is what it is ("2500 m = 2500 m") */
    sf_fact_status status;
    sf_fact_mention *mentions;
    size_t nmentions;
    size_t narticles;    /* distinct articles among the mentions */
    size_t entity;       /* dates: the entity whose act is dated (index into
                          * the story's entities; `what` starts with its
                          * name), else SIZE_MAX */
    char *subject;       /* what the value is about, as a reader names it
                          * ("fire", "Rafiqah Wall"); "" when the sentences
                          * name nothing (a story's death toll) */
    const char *attribute; /* static: "deaths", "length", "cost", "date", ... */
    char *time;          /* another time the value is tied to ("in 1988",
                          * "last year"): such a value is not this story's
                          * fact and stands apart; NULL otherwise */
} sf_fact;

typedef struct sf_quote {
    char *speaker;       /* entity name, or the words written ("the alliance");
                          * NULL when no speaker was found with confidence */
    size_t entity;       /* index into entities, or SIZE_MAX (pronoun, noun phrase) */
    char *speaker_text;  /* as written in the sentence (NULL with speaker) */
    sf_span speaker_span; /* speaker_text in the article ({0, 0} when NULL) */
    char *text;          /* what was said */
    size_t article;      /* corpus index */
    sf_span span;        /* the text in the article */
    sf_span sentence;
    bool direct;
} sf_quote;

/* Everything the module found for one story. Owns all its memory. */
typedef struct sf_story_facts {
    size_t *articles;    /* the story's articles (corpus indexes), as given */
    size_t narticles;
    sf_entity *entities; /* most mentioned first */
    size_t nentities;
    sf_fact *facts;      /* conflicts first, then agreements, then single-source */
    size_t nfacts;
    sf_quote *quotes;    /* in article order, then text order */
    size_t nquotes;
} sf_story_facts;

typedef struct sf_facts_options {
    const char *lang;                /* NULL: "en" */
    const sf_alias_table *aliases;   /* NULL: the bundled list only; a table
                                      * from sf__alias_table_load should also
                                      * hold the bundled list if wanted */
    const sf_doc *docs;              /* NULL, or per corpus index the article's
                                      * doc built with the same `lang`
                                      * (sf__docs_build): read, not made again;
                                      * an entry without text is made here */
} sf_facts_options;

/* Entities, facts and quotes of the story made of c[articles[0..n)].
 * Articles with dup_of[i] != SIZE_MAX (dup_of may be NULL) are copies and are
 * skipped: a copy never counts as a second source. `o` may be NULL. On
 * success *out owns its arrays (release with sf__story_facts_release); on
 * failure *out is empty and err says why. */
sf_status sf__story_facts(const sf_corpus *c, const size_t *articles, size_t n,
                          const size_t *dup_of, const sf_facts_options *o,
                          sf_story_facts *out, sf_error *err);
/* Free what sf__story_facts filled; the struct is left zeroed. NULL is ok. */
void sf__story_facts_release(sf_story_facts *f);

/* Entity names across the stories of one run: an entity named differently
 * in two stories (case, an alias of the other's entity, acronym and its one
 * expansion, spelling skeleton, a surname of exactly one person) takes one
 * canonical name everywhere, by the rules of sf__resolve_entities; the name
 * it had is kept as an alias whose reason starts "across stories:". Quote
 * speakers and dated facts follow the new name. Links between entities of
 * different known types, ambiguous ones (a surname or acronym that fits two
 * entities) and groups that would join two entities of one story are not
 * made. stories[i] may be NULL. */
sf_status sf__unify_story_entities(sf_story_facts *const *stories, size_t n, sf_error *err);

#endif

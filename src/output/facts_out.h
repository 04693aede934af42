/* facts_out.h - the entities, facts and quotes of a story as JSON (json-c)
 * and as short Markdown tables, for the run writers to place in each story.
 */
#ifndef SF_FACTS_OUT_H
#define SF_FACTS_OUT_H

#include <json-c/json.h>
#include <stdio.h>

#include "../facts/facts.h"

/* A new JSON object {"entities": [...], "facts": [...], "quotes": [...]}
 * (docs/json-output.md): articles are named by their ids in `c`. The caller
 * owns the object (json_object_put). NULL when memory runs out. */
json_object *sf__facts_to_json(const sf_corpus *c, const sf_story_facts *f);

/* Short Markdown tables (entities with other names, facts seen in two or
 * more sources or in conflict, then single-source ones up to a limit,
 * quotes) to write under a story's summary. Sources are cited as [k], the
 * 1-based position in f->articles, as the story's source list numbers them.
 * Writes nothing when there is nothing to show. */
void sf__facts_to_markdown(FILE *out, const sf_corpus *c, const sf_story_facts *f);

/* A quantity fact's normalized value (or the range all mentions allow) for
 * a reader: durations in the largest unit that keeps the number at least 1
 * (seconds to years: "8 months", "2.5 years", not "2.10384e+07 s"), areas
 * of a square kilometre or more in km2, lengths of a kilometre or more in
 * km, other values in their base unit with whole numbers written out
 * ("1200000000 count" as "1,200,000,000"). Writes "" for dates and values
 * that are not finite. Always NUL-terminates buf (n >= 1). */
void sf__fact_readable(const sf_fact *x, char *buf, size_t n);

#endif

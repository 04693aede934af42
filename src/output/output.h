/* output.h - writers for a run's result: JSON (docs/json-output.md) and
 * Markdown. Both go through this module so the two stay in step. */
#ifndef SF_OUTPUT_H
#define SF_OUTPUT_H

#include "../pipeline/pipeline.h"

#include <stdio.h>

/* Write JSON text with every "</" as "<\/" (the same JSON, safe inside an
 * HTML <script> element). Returns -1 on a write error. */
int sf__json_fputs(const char *text, FILE *f);

/* Writes story s of r, whole, to f (a memory stream or the output itself);
 * returns SF_ERR_NOMEM when memory runs out. Called for several stories at
 * once on several threads: it reads r and c only. */
typedef sf_status (*sf__story_writer)(const sf_result *r, const sf_corpus *c, size_t s, FILE *f);

/* Every story of r, in order, through `write`: built on r->threads threads
 * (stories.c), the bytes the same for any number. SF_ERR_NOMEM, or SF_ERR_IO
 * when writing to f failed (errno says why). */
sf_status sf__write_stories(const sf_result *r, const sf_corpus *c, FILE *f, sf__story_writer write);

#endif

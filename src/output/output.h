/* output.h - writers for a run's result: JSON (docs/json-output.md) and
 * Markdown. Both go through this module so the two stay in step. */
#ifndef SF_OUTPUT_H
#define SF_OUTPUT_H

#include "../pipeline/pipeline.h"

#include <stdio.h>

/* Write JSON text with every "</" as "<\/" (the same JSON, safe inside an
 * HTML <script> element). Returns -1 on a write error. */
int sf__json_fputs(const char *text, FILE *f);

#endif

/* output.h - writers for a run's result: JSON (docs/json-output.md) and
 * Markdown. Both go through this module so the two stay in step. */
#ifndef SF_OUTPUT_H
#define SF_OUTPUT_H

#include "../pipeline/pipeline.h"

#endif

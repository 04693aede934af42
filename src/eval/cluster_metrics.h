/* cluster_metrics.h - agreement between two clusterings of the same items:
 * pairwise precision/recall/F1, B-cubed and the adjusted Rand index, all
 * computed from one contingency table (public API in storyfold_eval.h). */
#ifndef SF_CLUSTER_METRICS_H
#define SF_CLUSTER_METRICS_H

#include "../common/common.h"
#include "storyfold_eval.h"

/* Labels of one JSON Lines file of {"id": ..., "story": ...}: parallel
 * arrays, ids owned by the struct. */
typedef struct sf_labels {
    char **ids;
    uint64_t *story; /* hash of the story value as written */
    size_t n;
} sf_labels;

sf_status sf__labels_read(const char *path, sf_labels *out, sf_error *err);
void sf__labels_release(sf_labels *l);

#endif

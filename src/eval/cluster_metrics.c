/* cluster_metrics.c - clustering agreement from a contingency table n_ij
 * (items in gold cluster i and predicted cluster j): pairs together in both
 * are sum C(n_ij, 2); B-cubed precision is (1/N) sum n_ij^2 / |pred_j|
 * (Bagga and Baldwin 1998; Amigo et al. 2009); ARI follows Hubert and Arabie
 * (1985). Label files are JSON Lines read with json-c. */
#include "cluster_metrics.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>

static double pairs(double x) { return x * (x - 1) / 2; }

/* Dense labels 0..k-1 in order of first appearance. */
static sf_status densify(const size_t *lab, size_t n, uint32_t *out, size_t *k) {
    sf_map m;
    sf__map_init(&m);
    *k = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t *v = sf__map_slot(&m, (uint64_t)lab[i]);
        if (!v) {
            sf__map_release(&m);
            return SF_ERR_NOMEM;
        }
        if (*v == 0) *v = ++*k;
        out[i] = (uint32_t)(*v - 1);
    }
    sf__map_release(&m);
    return SF_OK;
}

sf_status sf_cluster_scores_compute(const size_t *gold, const size_t *pred, size_t n,
                                    sf_cluster_scores *out, sf_error *err) {
    if (!out || (n && (!gold || !pred)))
        return sf__error_set(err, SF_ERR_ARG, "cluster scores: NULL argument");
    memset(out, 0, sizeof *out);
    out->items = n;
    if (n == 0) return sf__error_set(err, SF_ERR_EMPTY, "cluster scores: no items to score");
    if (n > UINT32_MAX) return sf__error_set(err, SF_ERR_TOO_LARGE, "cluster scores: too many items");
    uint32_t *g = sf__malloc(n * sizeof *g), *p = sf__malloc(n * sizeof *p);
    size_t kg = 0, kp = 0;
    sf_map cell;
    sf__map_init(&cell);
    double *gs = NULL, *ps = NULL;
    sf_status st = g && p ? SF_OK : SF_ERR_NOMEM;
    if (st == SF_OK) st = densify(gold, n, g, &kg);
    if (st == SF_OK) st = densify(pred, n, p, &kp);
    if (st == SF_OK) {
        gs = sf__calloc(kg, sizeof *gs);
        ps = sf__calloc(kp, sizeof *ps);
        if (!gs || !ps) st = SF_ERR_NOMEM;
    }
    for (size_t i = 0; i < n && st == SF_OK; i++) {
        gs[g[i]]++;
        ps[p[i]]++;
        uint64_t *v = sf__map_slot(&cell, ((uint64_t)g[i] << 32) | p[i]);
        if (!v) st = SF_ERR_NOMEM;
        else (*v)++;
    }
    if (st == SF_OK) {
        double N = (double)n, both = 0, bp = 0, br = 0;
        for (size_t s = 0; s < cell.cap; s++) {
            if (!cell.keys[s]) continue;
            double nij = (double)cell.vals[s];
            uint32_t gi = (uint32_t)(cell.keys[s] >> 32), pj = (uint32_t)cell.keys[s];
            both += pairs(nij);
            bp += nij * nij / ps[pj];
            br += nij * nij / gs[gi];
        }
        if (cell.has_zero) { /* gold 0, pred 0 */
            double nij = (double)cell.zero_val;
            both += pairs(nij);
            bp += nij * nij / ps[0];
            br += nij * nij / gs[0];
        }
        double gp = 0, pp = 0;
        for (size_t i = 0; i < kg; i++) gp += pairs(gs[i]);
        for (size_t j = 0; j < kp; j++) pp += pairs(ps[j]);
        /* no pair predicted (or none in gold): nothing was joined wrongly
         * (missed), so that side scores 1 */
        out->pair_p = pp > 0 ? both / pp : 1.0;
        out->pair_r = gp > 0 ? both / gp : 1.0;
        out->pair_f1 = out->pair_p + out->pair_r > 0
                           ? 2 * out->pair_p * out->pair_r / (out->pair_p + out->pair_r)
                           : 0;
        out->bcubed_p = bp / N;
        out->bcubed_r = br / N;
        out->bcubed_f1 = 2 * out->bcubed_p * out->bcubed_r / (out->bcubed_p + out->bcubed_r);
        double expected = pairs(N) > 0 ? gp * pp / pairs(N) : 0;
        double maxi = (gp + pp) / 2;
        /* identical trivial partitions (all singletons or one cluster) have
         * no room for chance: they agree perfectly */
        out->ari = maxi - expected != 0 ? (both - expected) / (maxi - expected)
                                        : (kg == kp && both == gp ? 1.0 : 0.0);
        out->gold_clusters = kg;
        out->pred_clusters = kp;
    }
    sf__map_release(&cell);
    sf__free(g);
    sf__free(p);
    sf__free(gs);
    sf__free(ps);
    if (st != SF_OK) return sf__error_set(err, st, "cluster scores: out of memory");
    return SF_OK;
}

/* ------------------------------------------------------------ label files */

void sf__labels_release(sf_labels *l) {
    for (size_t i = 0; i < l->n; i++) sf__free(l->ids[i]);
    sf__free(l->ids);
    sf__free(l->story);
    memset(l, 0, sizeof *l);
}


sf_status sf__labels_read(const char *path, sf_labels *out, sf_error *err) {
    memset(out, 0, sizeof *out);
    sf_buf b;
    sf__buf_init(&b, 0);
    SF_VEC(char *) ids = {0};
    SF_VEC(uint64_t) story = {0};
    sf_status st = sf__read_file(path, NULL, &b, err);
    sf_cur c;
    sf__cur_init(&c, sf__buf_cstr(&b), b.n);
    sf_view line;
    json_tokener *tok = json_tokener_new();
    if (!tok && st == SF_OK) st = sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", path);
    while (st == SF_OK && sf__cur_line(&c, &line)) {
        size_t lineno = c.line - 1;
        line = sf__view_trim(line);
        if (line.n == 0) continue;
        json_tokener_reset(tok);
        json_object *o = json_tokener_parse_ex(tok, line.p, (int)SF_MIN(line.n, (size_t)INT32_MAX));
        json_object *jid = NULL, *js = NULL;
        if (!o || !json_object_is_type(o, json_type_object) ||
            !json_object_object_get_ex(o, "id", &jid) || !json_object_object_get_ex(o, "story", &js) ||
            !json_object_is_type(jid, json_type_string)) {
            st = sf__error_set(err, SF_ERR_PARSE,
                               "%s:%zu: expected {\"id\": string, \"story\": string or number}",
                               path, lineno);
        } else {
            const char *sv = NULL;
            char num[64];
            if (json_object_is_type(js, json_type_string)) {
                sv = json_object_get_string(js);
            } else if (json_object_is_type(js, json_type_int)) {
                snprintf(num, sizeof num, "%lld", (long long)json_object_get_int64(js));
                sv = num;
            } else {
                st = sf__error_set(err, SF_ERR_PARSE, "%s:%zu: \"story\" must be a string or an integer",
                                   path, lineno);
            }
            if (st == SF_OK) {
                char *id = sf__strndup(json_object_get_string(jid), (size_t)json_object_get_string_len(jid));
                if (!id || SF_VEC_PUSH(&ids, id) != SF_OK ||
                    SF_VEC_PUSH(&story, sf__hash64(sv, strlen(sv), 7)) != SF_OK) {
                    sf__free(id);
                    st = sf__error_set(err, SF_ERR_NOMEM, "%s: out of memory", path);
                }
            }
        }
        json_object_put(o);
    }
    if (tok) json_tokener_free(tok);
    sf__buf_release(&b);
    if (st != SF_OK) {
        for (size_t i = 0; i < ids.n; i++) sf__free(ids.items[i]);
        SF_VEC_FREE(&ids);
        SF_VEC_FREE(&story);
        return st;
    }
    out->ids = ids.items;
    out->story = story.items;
    out->n = ids.n;
    return SF_OK;
}

/* Map from id to position. An id given twice with the same story (the same
 * article read twice) counts once; with two stories it is an error. */
static sf_status index_ids(sf_labels *l, const char *path, sf_map *m, sf_error *err) {
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        uint64_t *v = sf__map_slot(m, sf__hash64(l->ids[i], strlen(l->ids[i]), 11));
        if (!v) return sf__error_set(err, SF_ERR_NOMEM, "out of memory");
        if (*v) {
            if (strcmp(l->ids[*v - 1], l->ids[i]) == 0) {
                if (l->story[*v - 1] == l->story[i]) {
                    sf__free(l->ids[i]);
                    continue;
                }
                for (size_t j = i; j < l->n; j++) sf__free(l->ids[j]);
                l->n = k;
                return sf__error_set(err, SF_ERR_PARSE, "%s: id '%s' given twice with two stories",
                                     path, l->ids[*v - 1]);
            }
            for (size_t j = i; j < l->n; j++) sf__free(l->ids[j]);
            l->n = k;
            return sf__error_set(err, SF_ERR_INTERNAL, "%s: hash collision on an id", path);
        }
        l->ids[k] = l->ids[i];
        l->story[k] = l->story[i];
        *v = ++k;
    }
    l->n = k;
    return SF_OK;
}

sf_status sf_cluster_scores_files(const char *gold_path, const char *pred_path,
                                  sf_cluster_scores *out, sf_error *err) {
    if (!gold_path || !pred_path || !out)
        return sf__error_set(err, SF_ERR_ARG, "cluster scores: NULL argument");
    sf_labels g = {0}, p = {0};
    sf_map gi, pi;
    sf__map_init(&gi);
    sf__map_init(&pi);
    size_t *gl = NULL, *pl = NULL;
    size_t n = 0, pred_only = 0;
    sf_status st = sf__labels_read(gold_path, &g, err);
    if (st == SF_OK) st = sf__labels_read(pred_path, &p, err);
    if (st == SF_OK) st = index_ids(&g, gold_path, &gi, err);
    if (st == SF_OK) st = index_ids(&p, pred_path, &pi, err);
    if (st == SF_OK) {
        gl = sf__malloc((p.n ? p.n : 1) * sizeof *gl);
        pl = sf__malloc((p.n ? p.n : 1) * sizeof *pl);
        if (!gl || !pl) st = sf__error_set(err, SF_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < p.n && st == SF_OK; i++) {
        uint64_t *v = sf__map_find(&gi, sf__hash64(p.ids[i], strlen(p.ids[i]), 11));
        if (!v) {
            pred_only++;
            continue;
        }
        gl[n] = (size_t)g.story[*v - 1];
        pl[n] = (size_t)p.story[i];
        n++;
    }
    if (st == SF_OK) st = sf_cluster_scores_compute(gl, pl, n, out, err);
    if (st == SF_OK || st == SF_ERR_EMPTY) {
        out->pred_only = pred_only;
        out->gold_only = g.n - n;
    }
    if (st == SF_ERR_EMPTY)
        sf__error_set(err, st, "%s and %s share no id", gold_path, pred_path);
    sf__labels_release(&g);
    sf__labels_release(&p);
    sf__map_release(&gi);
    sf__map_release(&pi);
    sf__free(gl);
    sf__free(pl);
    return st;
}

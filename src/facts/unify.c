/* unify.c - one name per entity across the stories of a run. Each story's
 * entities were resolved alone; here the entities of all stories are nodes
 * of one union-find, linked by the within-story rules applied to their
 * canonical names (same key, alias of another, acronym of one expansion,
 * spelling skeleton, surname of one person), and each group takes one name.
 * Lookups go through hash maps of keys, so the pass is linear in names. */
#include "facts.h"

#include <stdio.h>

typedef struct node {
    size_t story, entity;
    char *key;        /* sf__name_key of the canonical name */
    size_t keylen, words;
    bool acronym;     /* one word, all capitals */
    size_t parent;
    size_t linked_to; /* node it was linked to (SIZE_MAX: none) */
    const char *rule; /* why ("acronym of", ...), static */
} node;

typedef SF_VEC(node) nodevec;

static size_t uf_find(nodevec *v, size_t i) {
    while (v->items[i].parent != i) {
        v->items[i].parent = v->items[v->items[i].parent].parent;
        i = v->items[i].parent;
    }
    return i;
}

static const sf_entity *ent_of(sf_story_facts *const *s, const node *x) {
    return &s[x->story]->entities[x->entity];
}

/* Types that disagree (both known) keep two entities apart: "Jordan" the
 * country and "Jordan" a player are not one thing. */
static bool types_clash(sf_story_facts *const *s, const node *a, const node *b) {
    sf_entity_type ta = ent_of(s, a)->type, tb = ent_of(s, b)->type;
    return ta != SF_ENT_UNKNOWN && tb != SF_ENT_UNKNOWN && ta != tb;
}

static void uf_link(sf_story_facts *const *s, nodevec *v, size_t child, size_t to, const char *rule) {
    if (types_clash(s, &v->items[child], &v->items[to])) return;
    size_t a = uf_find(v, child), b = uf_find(v, to);
    if (a == b) return;
    if (v->items[child].linked_to == SIZE_MAX) {
        v->items[child].linked_to = to;
        v->items[child].rule = rule;
    }
    v->items[a].parent = b;
}

static uint64_t hkey(const char *p, size_t n, uint64_t seed) { return sf__hash64(p, n, seed); }

/* Two names with one spelling skeleton (rule 4) are one only when their
 * spellings are close (sf__close_spelling: Raqqa and Raqa, not Robin and
 * Rubin), they are not a country and another place (Colombia, Columbia),
 * and not of two known kinds (Cameron, Cameroon). The skeleton alone
 * joined Comey and Cuomo, China and Cheyenne, Yale and Yulia in one run of
 * 924 articles. */
static bool close_spelling(sf_story_facts *const *s, const node *a, const node *b) {
    sf_entity_type ta = ent_of(s, a)->type, tb = ent_of(s, b)->type;
    if (ta != tb && ta != SF_ENT_UNKNOWN && tb != SF_ENT_UNKNOWN) return false;
    if (sf__is_country_key(a->key, a->keylen) != sf__is_country_key(b->key, b->keylen)) return false;
    return sf__close_spelling(a->key, a->keylen, b->key, b->keylen);
}


#define AMBIGUOUS UINT64_MAX

/* Record that `root`-group node `i` claims key h; a key claimed by two
 * groups becomes AMBIGUOUS. Slots hold node + 1. */
static sf_status claim(sf_map *m, nodevec *v, uint64_t h, size_t i) {
    uint64_t *slot = sf__map_slot(m, h);
    if (!slot) return SF_ERR_NOMEM;
    if (*slot == 0) *slot = i + 1;
    else if (*slot != AMBIGUOUS && uf_find(v, (size_t)*slot - 1) != uf_find(v, i)) *slot = AMBIGUOUS;
    return SF_OK;
}

static sf_status rename_entity(sf_story_facts *f, size_t e, const char *name, const char *reason) {
    sf_entity *en = &f->entities[e];
    if (strcmp(en->name, name) == 0) return SF_OK;
    char *old = en->name;
    char *nn = sf__strndup(name, strlen(name));
    if (!nn) return SF_ERR_NOMEM;
    /* the old name becomes an alias, the new one stops being one */
    size_t k = 0;
    while (k < en->naliases && strcmp(en->aliases[k].name, name) != 0) k++;
    if (k < en->naliases) {
        sf__free(en->aliases[k].name);
        sf__free(en->aliases[k].reason);
        en->aliases[k] = (sf_alias){old, sf__strndup(reason, strlen(reason)), false};
        if (!en->aliases[k].reason) {
            sf__free(nn);
            return SF_ERR_NOMEM;
        }
    } else {
        sf_alias *na = sf__realloc(en->aliases, (en->naliases + 1) * sizeof(*na));
        char *why = sf__strndup(reason, strlen(reason));
        if (!na || !why) {
            if (na) en->aliases = na;
            sf__free(nn), sf__free(why);
            return SF_ERR_NOMEM;
        }
        en->aliases = na;
        en->aliases[en->naliases++] = (sf_alias){old, why, false};
    }
    en->name = nn;
    size_t oldlen = strlen(old);
    for (size_t q = 0; q < f->nquotes; q++) {
        if (f->quotes[q].entity != e) continue;
        char *s = sf__strndup(name, strlen(name));
        if (!s) return SF_ERR_NOMEM;
        sf__free(f->quotes[q].speaker);
        f->quotes[q].speaker = s;
    }
    for (size_t i = 0; i < f->nfacts; i++) {
        sf_fact *x = &f->facts[i];
        if (x->entity != e || strncmp(x->what, old, oldlen) != 0) continue;
        size_t rest = strlen(x->what + oldlen);
        char *w = sf__malloc(strlen(name) + rest + 1);
        if (!w) return SF_ERR_NOMEM;
        memcpy(w, name, strlen(name));
        memcpy(w + strlen(name), x->what + oldlen, rest + 1);
        sf__free(x->what);
        x->what = w;
    }
    return SF_OK;
}

static bool better_name(sf_story_facts *const *s, const node *a, const node *b, size_t ma, size_t mb) {
    /* the fullest form: not an acronym, more words, more mentions; case
     * variants of one key (ETA, Eta) by mentions alone */
    bool same_key = a->keylen == b->keylen && memcmp(a->key, b->key, a->keylen) == 0;
    if (!same_key && a->acronym != b->acronym) return !a->acronym;
    if (a->words != b->words) return a->words > b->words;
    if (ma != mb) return ma > mb;
    return strcmp(ent_of(s, a)->name, ent_of(s, b)->name) < 0;
}

/* The entities of a run's stories as nodes of one union-find, and the maps
 * the rules below fill (hashes of keys; slots hold node + 1). */
typedef struct unifier {
    sf_story_facts *const *s;
    nodevec v;
    sf_buf kb; /* scratch for keys */
    sf_map bykey, byalias, byskel, bylast;
    sf_map nstories; /* key -> number of stories whose entity has it */
} unifier;

/* One node per entity of every story whose name has a key. */
static sf_status collect_nodes(unifier *u, size_t n) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    sf_buf *kb = &u->kb;
    sf_status st = SF_OK;
    for (size_t i = 0; i < n && st == SF_OK; i++) {
        for (size_t e = 0; s[i] && e < s[i]->nentities && st == SF_OK; e++) {
            const char *name = s[i]->entities[e].name;
            sf__buf_reset(kb);
            st = sf__name_key(name, strlen(name), kb);
            if (st != SF_OK || kb->n == 0) continue;
            node x = {i, e, sf__strndup(kb->p, kb->n), kb->n, 1, false, v->n, SIZE_MAX, NULL};
            if (!x.key) {
                st = SF_ERR_NOMEM;
                break;
            }
            for (size_t k = 0; k < kb->n; k++) x.words += kb->p[k] == ' ';
            bool lower = false, letters = false;
            for (const char *p = name; *p; p++) {
                lower |= *p >= 'a' && *p <= 'z';
                letters |= (*p >= 'A' && *p <= 'Z');
            }
            x.acronym = x.words == 1 && letters && !lower && strlen(name) <= 8;
            if (SF_VEC_PUSH(v, x) != SF_OK) {
                sf__free(x.key);
                st = SF_ERR_NOMEM;
            }
        }
    }
    return st;
}

/* Rule 1: same key (case and period variants) */
static sf_status link_same_key(unifier *u) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    sf_status st = SF_OK;
    for (size_t i = 0; i < v->n && st == SF_OK; i++) {
        uint64_t *slot = sf__map_slot(&u->bykey, hkey(v->items[i].key, v->items[i].keylen, 1));
        uint64_t *count = sf__map_slot(&u->nstories, hkey(v->items[i].key, v->items[i].keylen, 1));
        if (count) ++*count;
        if (!slot || !count) st = SF_ERR_NOMEM;
        else if (*slot == 0) *slot = i + 1;
        else uf_link(s, v, i, (size_t)*slot - 1, "case variant of");
    }
    return st;
}

/* Rule 2: a name that another story's entity has as an exact alias (not a
 * variant); surnames wait for rule 5, which asks for one person */
static sf_status link_aliases(unifier *u) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    sf_buf *kb = &u->kb;
    sf_status st = SF_OK;
    for (size_t i = 0; i < v->n && st == SF_OK; i++) {
        const sf_entity *en = ent_of(s, &v->items[i]);
        for (size_t k = 0; k < en->naliases && st == SF_OK; k++) {
            const sf_alias *a = &en->aliases[k];
            if (a->variant || strncmp(a->reason, "surname of", 10) == 0 ||
                strncmp(a->reason, "possessive of", 13) == 0)
                continue;
            sf__buf_reset(kb);
            st = sf__name_key(a->name, strlen(a->name), kb);
            if (st == SF_OK && kb->n) st = claim(&u->byalias, v, hkey(kb->p, kb->n, 2), i);
        }
    }
    for (size_t i = 0; i < v->n && st == SF_OK; i++) {
        const uint64_t *c = sf__map_find(&u->byalias, hkey(v->items[i].key, v->items[i].keylen, 2));
        if (c && *c != AMBIGUOUS && v->items[*c - 1].story != v->items[i].story)
            uf_link(s, v, i, (size_t)*c - 1, "alias of");
    }
    return st;
}

/* A name's initials with connectors left out ([0]) and with them ([1]) */
typedef struct initials_of {
    size_t n[2];
    char c[2][SF__INITIALS_MAX];
} initials_of;

/* One acronym spelling's expansions: found_at[begin..begin+n) */
typedef struct acr_search {
    const char *acr;
    size_t begin, n;
} acr_search;

/* Rule 3: an acronym with exactly one expansion among the run's names. The
 * names that may expand one (two words or more, not a person) are listed
 * by the first byte of their key, in node order, so an acronym looks
 * only at those starting with its letter (a run of many stories has
 * thousands of names and hundreds of acronyms). */
/* The candidate expansions (names of two words or more that are no
 * person's), grouped by their key's first byte: *by_first holds their node
 * indexes, first_at[c] where the group of byte c starts (first_at[256]:
 * how many), *ini each one's initials with and without connectors. */
static sf_status index_expansions(const unifier *u, size_t first_at[257], size_t **by_first, initials_of **ini) {
    sf_story_facts *const *s = u->s;
    const nodevec *v = &u->v;
    *by_first = NULL, *ini = NULL;
    for (size_t j = 0; j < v->n; j++)
        if (v->items[j].words >= 2 && ent_of(s, &v->items[j])->type != SF_ENT_PERSON)
            first_at[(unsigned char)v->items[j].key[0] + 1]++;
    for (size_t b = 0; b < 256; b++) first_at[b + 1] += first_at[b];
    if (!first_at[256]) return SF_OK;
    *by_first = sf__malloc(first_at[256] * sizeof **by_first);
    if (!*by_first) return SF_ERR_NOMEM;
    size_t fill[256];
    memcpy(fill, first_at, sizeof fill);
    for (size_t j = 0; j < v->n; j++)
        if (v->items[j].words >= 2 && ent_of(s, &v->items[j])->type != SF_ENT_PERSON)
            (*by_first)[fill[(unsigned char)v->items[j].key[0]]++] = j;
    *ini = sf__malloc(first_at[256] * sizeof **ini);
    if (!*ini) return SF_ERR_NOMEM;
    for (size_t q = 0; q < first_at[256]; q++) {
        const node *x = &v->items[(*by_first)[q]];
        (*ini)[q].n[0] = sf__name_initials(x->key, x->keylen, true, (*ini)[q].c[0]);
        (*ini)[q].n[1] = sf__name_initials(x->key, x->keylen, false, (*ini)[q].c[1]);
    }
    return SF_OK;
}

/* Acronym node i and its one expansion node `found`: across stories no
 * report wrote the two side by side, so the guess needs the expansion
 * written as a name and both of one known kind ("NBC" is no "National
 * Baptist Convention" of unknown kind); and a famous acronym (NBC, IBM)
 * named by many stories is not the rare expansion one story happens to
 * hold ("Italian Bank Medtocredito"): the acronym may be at most about
 * twice as common as its expansion. */
static void link_if_kin(unifier *u, size_t i, size_t found) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    const sf_entity *ea = ent_of(s, &v->items[i]), *ex = ent_of(s, &v->items[found]);
    const uint64_t *na = sf__map_find(&u->nstories, hkey(v->items[i].key, v->items[i].keylen, 1));
    const uint64_t *ne = sf__map_find(&u->nstories, hkey(v->items[found].key, v->items[found].keylen, 1));
    bool common = na && ne && *na > 2 * *ne + 1;
    if (sf__capitalized_words(ex->name) && ea->type == ex->type && !common &&
        (ea->type == SF_ENT_ORG || ea->type == SF_ENT_PLACE))
        uf_link(s, v, i, found, "acronym of");
}

static sf_status link_acronyms(unifier *u) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    size_t *by_first = NULL, first_at[257] = {0};
    initials_of *ini = NULL;
    sf_status st = index_expansions(u, first_at, &by_first, &ini);
    if (st != SF_OK) sf__free(ini), ini = NULL;
    /* An acronym is written the same way in many stories ("U.S.", "NATO"):
     * its expansions (the nodes of its letter's group that
     * sf__is_acronym_of accepts, in group order) are searched once per
     * spelling and kept in `found_at`, `spellings` and `by_acr`. */
    SF_VEC(size_t) found_at = {0};
    SF_VEC(acr_search) spellings = {0};
    sf_map by_acr;
    sf__map_init(&by_acr);
    for (size_t i = 0; ini && i < v->n && st == SF_OK; i++) {
        if (!v->items[i].acronym) continue;
        const char *acr = ent_of(s, &v->items[i])->name;
        size_t acr_len = strlen(acr), found = SIZE_MAX;
        uint64_t *slot = sf__map_slot(&by_acr, hkey(acr, acr_len, 3));
        if (!slot) {
            st = SF_ERR_NOMEM;
            break;
        }
        acr_search a = {acr, found_at.n, 0};
        if (*slot && strcmp(spellings.items[*slot - 1].acr, acr) == 0) {
            a = spellings.items[*slot - 1];
        } else {
            /* the expansion's key starts with the acronym's first letter;
             * sf__is_acronym_of, with the candidates' initials made once */
            unsigned char c0 = (unsigned char)(acr[0] >= 'A' && acr[0] <= 'Z' ? acr[0] + 32 : acr[0]);
            char letters[SF__INITIALS_MAX];
            size_t k = sf__acronym_letters(acr, acr_len, letters);
            for (size_t q = first_at[c0]; k && q < first_at[c0 + 1] && st == SF_OK; q++)
                if ((ini[q].n[0] == k && memcmp(ini[q].c[0], letters, k) == 0) ||
                    (ini[q].n[1] == k && memcmp(ini[q].c[1], letters, k) == 0))
                    st = SF_VEC_PUSH(&found_at, by_first[q]);
            a.n = found_at.n - a.begin;
            /* a second spelling with the same hash is searched each time */
            if (st == SF_OK && !*slot) {
                st = SF_VEC_PUSH(&spellings, a);
                *slot = spellings.n;
            }
            if (st != SF_OK) break;
        }
        bool ambiguous = false;
        for (size_t q = 0; q < a.n && !ambiguous; q++) {
            size_t j = found_at.items[a.begin + q];
            if (found != SIZE_MAX && uf_find(v, found) != uf_find(v, j)) ambiguous = true;
            found = j;
        }
        if (found != SIZE_MAX && !ambiguous) link_if_kin(u, i, found);
    }
    SF_VEC_FREE(&found_at);
    SF_VEC_FREE(&spellings);
    sf__map_release(&by_acr);
    sf__free(ini);
    sf__free(by_first);
    return st;
}

/* Rule 4: spelling skeleton (same first letter, same number of words) */
static sf_status link_spellings(unifier *u) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    sf_buf *kb = &u->kb;
    sf_status st = SF_OK;
    for (size_t i = 0; i < v->n && st == SF_OK; i++) {
        node *x = &v->items[i];
        if (x->keylen < 4 || x->acronym) continue;
        sf__buf_reset(kb);
        sf__buf_addf(kb, "%c%zu|", x->key[0], x->words);
        st = sf__name_skeleton(x->key, x->keylen, kb);
        if (st != SF_OK) break;
        uint64_t *slot = sf__map_slot(&u->byskel, hkey(kb->p, kb->n, 4));
        if (!slot) st = SF_ERR_NOMEM;
        else if (*slot == 0) *slot = i + 1;
        else if (close_spelling(s, x, &v->items[*slot - 1]))
            uf_link(s, v, i, (size_t)*slot - 1, "spelling variant of");
    }
    return st;
}

/* Rule 5: a one-word name that is the surname of exactly one person */
static sf_status link_surnames(unifier *u) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    sf_status st = SF_OK;
    for (size_t i = 0; i < v->n && st == SF_OK; i++) {
        node *x = &v->items[i];
        if (x->words < 2 || x->words > 4 || ent_of(s, x)->type != SF_ENT_PERSON) continue;
        /* "Sherrod Brown of Ohio" names a person and a place: its last word
         * is no surname */
        if (strstr(x->key, " of ")) continue;
        size_t b = x->keylen;
        while (b > 0 && x->key[b - 1] != ' ') b--;
        st = claim(&u->bylast, v, hkey(x->key + b, x->keylen - b, 5), i);
    }
    for (size_t i = 0; i < v->n && st == SF_OK; i++) {
        node *x = &v->items[i];
        /* only a person's one-word name, and not a given name, is taken
         * for a surname: "Ohio" and "Texas" are places whatever a cut name
         * ends with, and "George" in one story is not "Curious George" */
        if (x->words != 1 || x->acronym || ent_of(s, x)->type != SF_ENT_PERSON || sf__given_name(x->key, x->keylen))
            continue;
        const uint64_t *c = sf__map_find(&u->bylast, hkey(x->key, x->keylen, 5));
        if (c && *c != AMBIGUOUS) uf_link(s, v, i, (size_t)*c - 1, "surname of");
    }
    return st;
}

/* Per group of linked nodes, the node whose name the group takes (the
 * fullest: better_name) in best[root], and split[root] when the group holds
 * two entities of one story. */
static sf_status choose_names(unifier *u, size_t *mentions, size_t *best, bool *split) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    sf_status st = SF_OK;
    sf_map seen;
    sf__map_init(&seen);
    for (size_t i = 0; st == SF_OK && i < v->n; i++) best[i] = SIZE_MAX;
    for (size_t i = 0; st == SF_OK && i < v->n; i++) {
        size_t r = uf_find(v, i);
        mentions[i] = ent_of(s, &v->items[i])->mentions;
        size_t pair[2] = {r, v->items[i].story};
        uint64_t *slot = sf__map_slot(&seen, sf__hash64(pair, sizeof pair, 6));
        if (!slot) {
            st = SF_ERR_NOMEM;
            break;
        }
        if (*slot) split[r] = true;
        *slot = 1;
    }
    for (size_t i = 0; st == SF_OK && i < v->n; i++) {
        size_t r = uf_find(v, i);
        if (best[r] == SIZE_MAX || better_name(s, &v->items[i], &v->items[best[r]], mentions[i], mentions[best[r]]))
            best[r] = i;
    }
    sf__map_release(&seen);
    return st;
}

/* Every entity of a group that is not split takes the group's name; its
 * alias says why. */
static sf_status rename_to_best(unifier *u, const size_t *best, const bool *split) {
    sf_story_facts *const *s = u->s;
    nodevec *v = &u->v;
    sf_status st = SF_OK;
    for (size_t i = 0; st == SF_OK && i < v->n; i++) {
        size_t r = uf_find(v, i);
        node *x = &v->items[i];
        const char *canon = ent_of(s, &v->items[best[r]])->name;
        if (split[r] || strcmp(ent_of(s, x)->name, canon) == 0) continue;
        /* the reason names the link this node was made by; a node others
         * were linked to says which name it now goes by */
        char reason[600];
        if (x->linked_to != SIZE_MAX) {
            snprintf(reason, sizeof reason, "across stories: %s %s", x->rule,
                     ent_of(s, &v->items[x->linked_to])->name);
        } else {
            const node *b = &v->items[best[r]];
            if (b->linked_to != SIZE_MAX)
                snprintf(reason, sizeof reason, "across stories: same entity as %s (%s %s)", canon, b->rule,
                         ent_of(s, &v->items[b->linked_to])->name);
            else
                snprintf(reason, sizeof reason, "across stories: same entity as %s", canon);
        }
        st = rename_entity(s[x->story], x->entity, canon, reason);
    }
    return st;
}

/* Names: per group, the fullest; groups holding two entities of one
 * story are left alone (that story's resolver kept them apart) */
static sf_status rename_groups(unifier *u) {
    const nodevec *v = &u->v;
    if (!v->n) return SF_OK;
    size_t *mentions = sf__calloc(v->n, sizeof(size_t));
    size_t *best = sf__malloc(v->n * sizeof(size_t));
    bool *split = sf__calloc(v->n, sizeof(bool));
    sf_status st = mentions && best && split ? SF_OK : SF_ERR_NOMEM;
    if (st == SF_OK) st = choose_names(u, mentions, best, split);
    if (st == SF_OK) st = rename_to_best(u, best, split);
    sf__free(split);
    sf__free(best);
    sf__free(mentions);
    return st;
}

sf_status sf__unify_story_entities(sf_story_facts *const *s, size_t n, sf_error *err) {
    unifier u = {.s = s};
    sf__buf_init(&u.kb, 1 << 16);
    sf__map_init(&u.bykey), sf__map_init(&u.byalias), sf__map_init(&u.byskel), sf__map_init(&u.bylast);
    sf__map_init(&u.nstories);
    sf_status st = collect_nodes(&u, n);
    if (st == SF_OK) st = link_same_key(&u);
    if (st == SF_OK) st = link_aliases(&u);
    if (st == SF_OK) st = link_acronyms(&u);
    if (st == SF_OK) st = link_spellings(&u);
    if (st == SF_OK) st = link_surnames(&u);
    if (st == SF_OK) st = rename_groups(&u);
    for (size_t i = 0; i < u.v.n; i++) sf__free(u.v.items[i].key);
    SF_VEC_FREE(&u.v);
    sf__map_release(&u.bykey), sf__map_release(&u.byalias), sf__map_release(&u.byskel), sf__map_release(&u.bylast);
    sf__map_release(&u.nstories);
    sf__buf_release(&u.kb);
    if (st != SF_OK) return sf__error_set(err, st, "entities across stories: %s", sf_strerror(st));
    return SF_OK;
}

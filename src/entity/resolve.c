/* resolve.c - mentions of one story merged into entities. Mentions with the
 * same matching key form one "form"; forms are joined by union-find, each
 * join recording why: the alias table, acronym = initials of an expansion
 * (a near-miss expansion with the same initials is a marked variant), the
 * spelling skeleton, a surname of a full name. Case and period variants
 * share a key; possessives were cut off by the mention finder. */
#include "entity.h"

#include <ctype.h>

#include <stdio.h>
#include <stdlib.h>

typedef struct surface {
    char *text;
    size_t count;
} surface;

typedef struct form {
    char *key;
    size_t keylen, words;
    SF_VEC(surface) surfaces;
    size_t mentions, first;
    unsigned flags_or, flags_and;
    int votes[SF_ENT_TYPES];
    size_t group;    /* alias table group or SIZE_MAX */
    size_t parent;   /* union-find */
    char *reason;    /* why it joined its entity */
    bool variant;
    bool dropped;
} form;

typedef SF_VEC(form) formvec;

static size_t find(formvec *fv, size_t i) {
    while (fv->items[i].parent != i) {
        fv->items[i].parent = fv->items[fv->items[i].parent].parent;
        i = fv->items[i].parent;
    }
    return i;
}

/* Join form `child` to form `to`, recording the reason on the child. */
static sf_status link(formvec *fv, size_t child, size_t to, bool variant, const char *fmt, ...)
    SF_PRINTF(5, 6);
static sf_status link(formvec *fv, size_t child, size_t to, bool variant, const char *fmt, ...) {
    size_t a = find(fv, child), b = find(fv, to);
    if (a == b) return SF_OK;
    form *c = &fv->items[child];
    if (!c->reason) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        c->reason = sf__strndup(msg, strlen(msg));
        if (!c->reason) return SF_ERR_NOMEM;
        c->variant = variant;
    }
    /* the root stays with the form that was linked to */
    fv->items[a].parent = b;
    return SF_OK;
}

static const char *main_surface(const form *f) {
    size_t best = 0;
    for (size_t i = 1; i < f->surfaces.n; i++) {
        const surface *s = &f->surfaces.items[i], *b = &f->surfaces.items[best];
        bool sl = false, bl = false;
        for (const char *p = s->text; *p; p++) sl |= (*p >= 'a' && *p <= 'z');
        for (const char *p = b->text; *p; p++) bl |= (*p >= 'a' && *p <= 'z');
        /* names of five letters or more read better in mixed case (BEIRUT,
         * a dateline's LONDON -> London; few acronyms are that long); a
         * shorter one too unless its capitals are the more frequent form
         * (NATO over Nato) */
        if (sl != bl) {
            if (f->keylen > 4 || s->count == b->count) {
                if (sl) best = i;
            } else if (s->count > b->count) best = i;
            continue;
        }
        if (s->count > b->count) best = i;
    }
    return f->surfaces.items[best].text;
}

static bool is_acronym_form(const form *f) {
    return (f->flags_and & SF_MENTION_ACRONYM) && f->words == 1;
}

static sf_entity_type vote_type(const int v[SF_ENT_TYPES]) {
    sf_entity_type best = SF_ENT_UNKNOWN;
    int bv = 0;
    for (int t = 1; t < SF_ENT_TYPES; t++)
        if (v[t] > bv) bv = v[t], best = (sf_entity_type)t;
    return best;
}

static void forms_free(formvec *fv) {
    for (size_t i = 0; i < fv->n; i++) {
        form *f = &fv->items[i];
        for (size_t k = 0; k < f->surfaces.n; k++) sf__free(f->surfaces.items[k].text);
        SF_VEC_FREE(&f->surfaces);
        sf__free(f->key);
        sf__free(f->reason);
    }
    SF_VEC_FREE(fv);
}

/* Last word of a key (after the last space). */
static sf_view last_word(const form *f) {
    size_t k = f->keylen;
    while (k > 0 && f->key[k - 1] != ' ') k--;
    return sf__view(f->key + k, f->keylen - k);
}

/* Number of differing words between two keys of equal word count, and the
 * first differing pair (views into the keys); SIZE_MAX when counts differ. */
static size_t word_diff(const form *a, const form *b, sf_view *wa, sf_view *wb) {
    if (a->words != b->words) return SIZE_MAX;
    size_t diff = 0, i = 0, j = 0;
    while (i <= a->keylen && j <= b->keylen) {
        size_t ie = i, je = j;
        while (ie < a->keylen && a->key[ie] != ' ') ie++;
        while (je < b->keylen && b->key[je] != ' ') je++;
        if (!sf__view_eq(sf__view(a->key + i, ie - i), sf__view(b->key + j, je - j))) {
            if (!diff) *wa = sf__view(a->key + i, ie - i), *wb = sf__view(b->key + j, je - j);
            diff++;
        }
        i = ie + 1, j = je + 1;
    }
    return diff;
}

static sf_status build_forms(const sf_doc *docs, size_t ndocs, sf_mention *m, size_t n,
                             formvec *fv, size_t *mform) {
    sf_map idx;
    sf__map_init(&idx);
    sf_buf key, surf;
    sf__buf_init(&key, 1 << 16);
    sf__buf_init(&surf, 1 << 16);
    sf_status st = SF_OK;
    for (size_t i = 0; i < n && st == SF_OK; i++) {
        mform[i] = SIZE_MAX;
        const sf_doc *d = NULL;
        for (size_t k = 0; k < ndocs; k++)
            if (docs[k].article == m[i].article) d = &docs[k];
        if (!d) continue;
        sf__buf_reset(&key);
        st = sf__name_key(d->text + m[i].begin, m[i].end - m[i].begin, &key);
        if (st != SF_OK || key.n == 0) continue;
        bool letters = false;
        for (size_t k = 0; k < key.n; k++) letters |= ((unsigned char)key.p[k] >= 0x80 || (key.p[k] >= 'a' && key.p[k] <= 'z'));
        if (!letters) continue;
        uint64_t *slot = sf__map_slot(&idx, sf__hash64(key.p, key.n, 7));
        if (!slot) {
            st = SF_ERR_NOMEM;
            break;
        }
        if (*slot == 0) {
            form f = {0};
            f.key = sf__strndup(key.p, key.n);
            f.keylen = key.n;
            f.words = 1;
            for (size_t k = 0; k < key.n; k++) f.words += key.p[k] == ' ';
            f.first = i;
            f.flags_and = ~0u;
            f.group = SIZE_MAX;
            f.parent = fv->n;
            if (!f.key || SF_VEC_PUSH(fv, f) != SF_OK) {
                sf__free(f.key);
                st = SF_ERR_NOMEM;
                break;
            }
            *slot = fv->n;
        }
        size_t fi = (size_t)*slot - 1;
        form *f = &fv->items[fi];
        mform[i] = fi;
        f->mentions++;
        f->flags_or |= m[i].flags;
        f->flags_and &= m[i].flags;
        f->votes[m[i].hint]++;
        /* "in X", "entered X": a place cue outweighs the recognizer's guess
         * on a word it may never have seen */
        if (m[i].flags & SF_MENTION_PLACE_CUE) f->votes[SF_ENT_PLACE] += 2;
        /* so does a country's name (ISO 3166, places.c) */
        if (sf__is_country_key(key.p, key.n)) f->votes[SF_ENT_PLACE] += 2;
        /* surfaces are written with single spaces: a name broken over two
         * lines is the same name */
        sf__buf_reset(&surf);
        for (size_t k = m[i].begin; k < m[i].end; k++) {
            char ch = d->text[k];
            bool ws = ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
            if (!ws) sf__buf_addc(&surf, ch);
            else if (surf.n && surf.p[surf.n - 1] != ' ') sf__buf_addc(&surf, ' ');
        }
        if ((st = sf__buf_status(&surf)) != SF_OK) break;
        const char *txt = surf.p;
        size_t tn = surf.n;
        size_t k = 0;
        while (k < f->surfaces.n && !(strlen(f->surfaces.items[k].text) == tn &&
                                      memcmp(f->surfaces.items[k].text, txt, tn) == 0))
            k++;
        if (k == f->surfaces.n) {
            surface s = {sf__strndup(txt, tn), 0};
            if (!s.text || SF_VEC_PUSH(&f->surfaces, s) != SF_OK) {
                sf__free(s.text);
                st = SF_ERR_NOMEM;
                break;
            }
        }
        f->surfaces.items[k].count++;
    }
    sf__buf_release(&key);
    sf__buf_release(&surf);
    sf__map_release(&idx);
    return st;
}

static sf_status link_aliases(formvec *fv, const sf_alias_table *t) {
    if (!t) return SF_OK;
    size_t ng = sf__alias_group_count(t);
    size_t *first = sf__malloc((ng ? ng : 1) * sizeof(size_t));
    if (!first) return SF_ERR_NOMEM;
    for (size_t g = 0; g < ng; g++) first[g] = SIZE_MAX;
    sf_status st = SF_OK;
    for (size_t i = 0; i < fv->n && st == SF_OK; i++) {
        form *f = &fv->items[i];
        if (f->dropped) continue;
        for (size_t k = 0; k < f->surfaces.n && f->group == SIZE_MAX; k++) {
            const char *s = f->surfaces.items[k].text;
            f->group = sf__alias_lookup(t, s, strlen(s));
        }
        if (f->group == SIZE_MAX) continue;
        if (first[f->group] == SIZE_MAX) {
            first[f->group] = i;
            continue;
        }
        st = link(fv, i, first[f->group], false, "%s: %s",
                  sf__alias_user(t, f->group) ? "alias file" : "bundled alias list",
                  sf__alias_canonical(t, f->group));
        /* the first form of the group gets its reason when someone joins */
        form *g0 = &fv->items[first[f->group]];
        if (st == SF_OK && !g0->reason) {
            char msg[300];
            snprintf(msg, sizeof msg, "%s: %s",
                     sf__alias_user(t, f->group) ? "alias file" : "bundled alias list",
                     sf__alias_canonical(t, f->group));
            g0->reason = sf__strndup(msg, strlen(msg));
            if (!g0->reason) st = SF_ERR_NOMEM;
        }
    }
    sf__free(first);
    return st;
}

/* An acronym joins the expansion used where it is used most; another
 * expansion with the same initials that differs in one word is a variant. */
static sf_status link_acronyms(formvec *fv, const sf_mention *m, const size_t *mform, size_t nm) {
    for (size_t a = 0; a < fv->n; a++) {
        form *A = &fv->items[a];
        if (A->dropped || !is_acronym_form(A)) continue;
        const char *acr = main_surface(A);
        size_t best = SIZE_MAX, best_score = 0;
        for (size_t e = 0; e < fv->n; e++) {
            form *E = &fv->items[e];
            if (e == a || E->dropped || E->words < 2) continue;
            /* news does not abbreviate people to initials ("AM radio" is
             * not Ali Mahmoud) */
            if (vote_type(E->votes) == SF_ENT_PERSON) continue;
            if (!sf__is_acronym_of(acr, strlen(acr), E->key, E->keylen)) continue;
            /* score: mentions of the acronym in the articles that use E */
            size_t score = 1;
            for (size_t i = 0; i < nm; i++) {
                if (mform[i] != a) continue;
                for (size_t j = 0; j < nm; j++)
                    if (mform[j] == e && m[j].article == m[i].article) {
                        score++;
                        break;
                    }
            }
            if (!sf__capitalized_words(main_surface(E))) continue;
            /* no report writes the two side by side: a guess, taken only
             * when both are of one known kind ("NBC" in one report is no
             * "National Baptist Convention" of another) */
            sf_entity_type ta = vote_type(A->votes), te = vote_type(E->votes);
            if (score == 1 && !(ta == te && (ta == SF_ENT_ORG || ta == SF_ENT_PLACE))) continue;
            score = score * 4 + E->mentions;
            if (score > best_score) best_score = score, best = e;
        }
        if (best == SIZE_MAX) continue;
        if (A->group != SIZE_MAX && fv->items[best].group != SIZE_MAX && A->group != fv->items[best].group)
            continue; /* the alias table says they are different things */
        const char *exp = main_surface(&fv->items[best]);
        SF_TRY(link(fv, a, best, false, "acronym of %s", exp));
        for (size_t e = 0; e < fv->n; e++) {
            form *V = &fv->items[e];
            if (e == best || e == a || V->dropped || V->words < 2) continue;
            if (!sf__is_acronym_of(acr, strlen(acr), V->key, V->keylen)) continue;
            sf_view wa, wb;
            if (word_diff(V, &fv->items[best], &wa, &wb) != 1) continue;
            SF_TRY(link(fv, e, best, true, "variant of %s: same initials %s, \"%.*s\" for \"%.*s\"",
                        exp, acr, (int)wa.n, wa.p, (int)wb.n, wb.p));
        }
    }
    return SF_OK;
}

/* Names that differ only in their final vowel are other names, not other
 * spellings (France and Franco, Maria and Mario, Carla and Carlo); a
 * transliteration changes letters inside the name (Raqqa, Raqa). The
 * mentions' types are no guard here: one-word names in short texts are
 * often mistyped ("Raqa" as a person). */
static bool other_final_vowel(const form *a, const form *b) {
    size_t n = a->keylen;
    if (n != b->keylen || n < 2 || memcmp(a->key, b->key, n - 1) != 0) return false;
    return strchr("aeiouy", a->key[n - 1]) && strchr("aeiouy", b->key[n - 1]) && a->key[n - 1] != b->key[n - 1];
}

static sf_status link_spelling(formvec *fv) {
    sf_map idx;
    sf__map_init(&idx);
    sf_buf sk;
    sf__buf_init(&sk, 1 << 16);
    sf_status st = SF_OK;
    for (size_t i = 0; i < fv->n && st == SF_OK; i++) {
        form *f = &fv->items[i];
        if (f->dropped || f->keylen < 4 || is_acronym_form(f)) continue;
        sf__buf_reset(&sk);
        sf__buf_addc(&sk, f->key[0]); /* same first letter required */
        st = sf__name_skeleton(f->key, f->keylen, &sk);
        if (st != SF_OK) break;
        uint64_t *slot = sf__map_slot(&idx, sf__hash64(sk.p, sk.n, 11));
        if (!slot) {
            st = SF_ERR_NOMEM;
            break;
        }
        if (*slot == 0) {
            *slot = i + 1;
            continue;
        }
        form *o = &fv->items[*slot - 1];
        if (o->words != f->words) continue;
        if (f->group != SIZE_MAX && o->group != SIZE_MAX && f->group != o->group) continue;
        if (other_final_vowel(f, o)) continue;
        /* the skeleton proposes, the spelling decides: Khomeini and
         * Khamenei, Jolie and Julie share one; so do Colombia and Columbia,
         * a country and another place */
        if (!sf__close_spelling(f->key, f->keylen, o->key, o->keylen) ||
            sf__is_country_key(f->key, f->keylen) != sf__is_country_key(o->key, o->keylen))
            continue;
        st = link(fv, i, (size_t)*slot - 1, false, "spelling variant of %s", main_surface(o));
        /* either may end up the entity's name: both say why */
        if (st == SF_OK && !o->reason) {
            char msg[300];
            snprintf(msg, sizeof msg, "spelling variant of %s", main_surface(f));
            o->reason = sf__strndup(msg, strlen(msg));
            if (!o->reason) st = SF_ERR_NOMEM;
        }
    }
    sf__buf_release(&sk);
    sf__map_release(&idx);
    return st;
}

/* Whether a name of several words shows itself a person's: a title was
 * written before it, or its first word is a given name. */
static bool person_shaped(const form *P) {
    if (P->flags_or & (SF_MENTION_TITLED | SF_MENTION_GIVEN)) return true;
    const char *sp = memchr(P->key, ' ', P->keylen);
    return sp && sf__given_name(P->key, (size_t)(sp - P->key));
}

/* Whether a name of two words or more was written after a personal title
 * ("congressman Barney Frank") and does not end in a word that heads a
 * place's or a body's name ("Prince Edward Island", "General Accounting
 * Office", "the Iraqi News Agency"): a person, whatever the recognizer's
 * votes ("former Massachusetts congressman" gave it a place's). */
static bool titled_full_name(const form *P) {
    if (!(P->flags_or & SF_MENTION_TITLED) || P->words < 2 || !strchr(main_surface(P), ' ')) return false;
    const char *last = P->key + P->keylen;
    while (last > P->key && last[-1] != ' ') last--;
    size_t n = (size_t)(P->key + P->keylen - last);
    return n >= 2 && !sf__name_head_word(last, n);
}

/* Whether a form is a given name and one more word ("Joe Biden", "Angela
 * Merkel"): a person's name, whatever the recognizer guessed for its
 * mentions (a surname alone after "for" or "from" reads as a place), unless
 * the second word heads a place's or a body's name ("Alice Springs",
 * "Christian Democrats") or a mention of the form itself is used as a
 * place ("in Franz Josef"). */
static bool given_and_surname(const form *P) {
    /* two words as written: "Mercedes-Benz" is one */
    if (P->words != 2 || (P->flags_or & SF_MENTION_PLACE_CUE) || !strchr(main_surface(P), ' ')) return false;
    const char *sp = memchr(P->key, ' ', P->keylen);
    if (!sp || !sf__given_name(P->key, (size_t)(sp - P->key))) return false;
    const char *w2 = sp + 1;
    size_t n2 = P->keylen - (size_t)(w2 - P->key);
    if (n2 < 2 || sf__name_head_word(w2, n2)) return false;
    for (size_t i = 0; i < n2; i++)
        if ((unsigned char)w2[i] < 0x80 && !isalpha((unsigned char)w2[i]) && w2[i] != '-' && w2[i] != '\'') return false;
    /* "TED Talk": an acronym before a word in lower case is no given name */
    const char *sf = main_surface(P);
    bool caps1 = true, lower2 = false, second = false;
    for (const char *p = sf; *p; p++) {
        if (*p == ' ') second = true;
        else if (!second) caps1 &= !islower((unsigned char)*p);
        else lower2 |= islower((unsigned char)*p) != 0;
    }
    return !(caps1 && lower2);
}

/* "McGurk" after "Brett McGurk": a single word that is the last word of
 * exactly one person's full name. */
static sf_status link_surnames(formvec *fv) {
    for (size_t s = 0; s < fv->n; s++) {
        form *S = &fv->items[s];
        if (S->dropped || S->words != 1 || is_acronym_form(S) || S->group != SIZE_MAX) continue;
        size_t found = SIZE_MAX, roots = 0;
        for (size_t p = 0; p < fv->n; p++) {
            form *P = &fv->items[p];
            if (p == s || P->dropped || P->words < 2 || P->words > 4) continue;
            /* "Sherrod Brown of Ohio" is a person and a place, not a name
             * whose last word is a surname */
            if (strstr(P->key, " of ")) continue;
            sf_view lw = last_word(P);
            if (!sf__view_eq(lw, sf__view(S->key, S->keylen))) continue;
            sf_entity_type pt = vote_type(P->votes), st = vote_type(S->votes);
            /* a full name of unknown type counts when nothing says the
             * word is an organisation or a place */
            if (!(pt == SF_ENT_PERSON || (pt == SF_ENT_UNKNOWN && st != SF_ENT_ORG && st != SF_ENT_PLACE &&
                                          P->group == SIZE_MAX && P->words <= 3)))
                continue;
            /* a country's name is the last word of a longer name as often
             * as it is a surname ("Morning Ireland", a radio programme;
             * "Viva Venezuela", "Children From China"): it joins only a
             * name that shows itself a person's, by a title or a given
             * name first ("Michael Jordan"), unless the alias table joins
             * them (then it has a group and is not here). Other words
             * typed place (by the recognizer, or a cue such as "from X")
             * are surnames as often: "a statement from Pippig" beside
             * "Uta Pippig". */
            if (sf__is_country_key(S->key, S->keylen) && !person_shaped(P)) continue;
            if (found == SIZE_MAX || find(fv, found) != find(fv, p)) roots++;
            found = p;
        }
        if (roots != 1) continue;
        SF_TRY(link(fv, s, found, false, "surname of %s", main_surface(&fv->items[found])));
        /* the surname's mentions name the person: its own votes ("Jordan"
         * a place, a country's name) do not retype "Michael Jordan"; unless
         * the word is used as a place ("in Idaho" beside "North Idaho") */
        if (vote_type(fv->items[found].votes) == SF_ENT_PERSON && !(S->flags_or & SF_MENTION_PLACE_CUE)) {
            int all = 0;
            for (int k = 0; k < SF_ENT_TYPES; k++) all += S->votes[k], S->votes[k] = 0;
            S->votes[SF_ENT_PERSON] = all;
        }
    }
    return SF_OK;
}

/* Common Chinese family names in pinyin, which Chinese names put first
 * ("Jiang Zemin", "Zhang Geng"): the first word of such a name, alone, is
 * how news names the person again. A closed class, as given names are. */
static const char *const CHINESE_SURNAMES[] = {
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
    "hu", "guo", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao",
    "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei",
    "su", "lu", "ding", "ren", "shen", "yao", "jin", "qian", "qiao", "xiang", "shi", "fu", "zhong", "fang",
    "bai", "cui", "kang", "mao", "qiu", "qin", "jia", "xue", "hou", "lei", "duan", "hao", "kong", "shao",
    "meng", "wen", "tan", "liao", "zou", "xiong", "wan", "zhen", NULL};

static bool chinese_surname(const char *w, size_t n) {
    for (const char *const *x = CHINESE_SURNAMES; *x; x++)
        if (strlen(*x) == n && memcmp(*x, w, n) == 0) return true;
    return false;
}

/* "Erica" beside "Erica Pandey", "Thomas" beside "Thomas Malone": a given
 * name (sf__given_name) or a Chinese family name alone that is the first
 * word of exactly one person's full name in the story is that person (a
 * row of the first name alone tells a reader nothing). The word must not
 * name a country ("Jordan" beside "Jordan Peterson"), be used as a place,
 * be written in capitals only, or be typed an organization or place by
 * its own mentions unless it is a given name ("Elizabeth" beside
 * "Elizabeth Warren"); the full name is written with a space ("Daimler-
 * Benz" is one word); the word is not the last word of a name of the
 * story ("Roy" beside "Pierre Roy" and "Roy Montoya" is more likely a
 * surname). Runs after the surname links.
 * Chinese names, written surname first, are joined the same way ("Jiang"
 * is Jiang Zemin). */
static sf_status link_given_names(formvec *fv) {
    for (size_t s = 0; s < fv->n; s++) {
        form *S = &fv->items[s];
        if (S->dropped || S->words != 1 || is_acronym_form(S) || S->group != SIZE_MAX || S->reason ||
            (S->flags_or & SF_MENTION_PLACE_CUE) || sf__is_country_key(S->key, S->keylen))
            continue;
        /* a given name or a Chinese family name ("Arizona" beside a
         * mistyped "Arizona Indian", "Daimler" beside "Daimler-Benz" are
         * neither); written in capitals it is a byline's ("By MARK ...") */
        bool given = sf__given_name(S->key, S->keylen);
        if (!given && !chinese_surname(S->key, S->keylen)) continue;
        const char *ms = main_surface(S);
        bool lower = false;
        for (const char *c = ms; *c && !lower; c++) lower = *c >= 'a' && *c <= 'z';
        if (!lower) continue;
        sf_entity_type st = vote_type(S->votes);
        if (st != SF_ENT_PERSON && st != SF_ENT_UNKNOWN && !given) continue;
        size_t found = SIZE_MAX, roots = 0;
        bool surname = false;
        for (size_t p = 0; p < fv->n && !surname; p++) {
            form *P = &fv->items[p];
            if (p == s || P->dropped || P->words < 2 || P->words > 4 || strstr(P->key, " of ")) continue;
            /* "Roy" beside "Pierre Roy" and "Roy Montoya": a surname */
            surname = sf__view_eq(last_word(P), sf__view(S->key, S->keylen));
            if (P->keylen <= S->keylen || P->key[S->keylen] != ' ' || memcmp(P->key, S->key, S->keylen) != 0) continue;
            if (!(given_and_surname(P) || vote_type(P->votes) == SF_ENT_PERSON) || !strchr(main_surface(P), ' ')) continue;
            if (found == SIZE_MAX || find(fv, found) != find(fv, p)) roots++;
            found = p;
        }
        if (surname || roots != 1 || find(fv, s) == find(fv, found)) continue;
        SF_TRY(link(fv, s, found, false, "first name of %s", main_surface(&fv->items[found])));
        int all = 0;
        for (int k = 0; k < SF_ENT_TYPES; k++) all += S->votes[k], S->votes[k] = 0;
        S->votes[SF_ENT_PERSON] = all;
    }
    return SF_OK;
}

/* "A. Mullally", "J. Smith": an initial and a period open the name. */
static bool initial_first(const form *f) {
    const char *sf = main_surface(f);
    return sf[0] >= 'A' && sf[0] <= 'Z' && sf[1] == '.';
}

/* "Homegate Hospitality Inc", "Bay Co Building Authority": the last word
 * heads an organization's or a place's name. */
static bool head_last(const form *f) {
    sf_view w = last_word(f);
    return sf__name_head_word(w.p, w.n);
}

/* English: a name from lines written in title case only (headings, menus,
 * captions: "Is Bougainvillea Considered Toxic", "Weekly Pass"; mention.c
 * SF_MENTION_HEADING) is kept only when something shows it is a name: it
 * is also written in an ordinary sentence, the alias table or the list of
 * countries knows it, it is a person's name by a title, a given name or an
 * initial first ("By Erica Pandey", "A. Mullally"), or its last word heads
 * an organization's or a place's name ("Homegate Hospitality Inc"). Runs
 * before the links, so that a heading's "Bush Confident" takes no "Bush"
 * of the body; a heading's "Biden" beside a body's "Joe Biden" goes too
 * (the person keeps the row). */
static void drop_heading_only(formvec *fv, const sf_alias_table *t) {
    for (size_t i = 0; i < fv->n; i++) {
        form *f = &fv->items[i];
        if (f->dropped || !(f->flags_and & SF_MENTION_HEADING) || sf__is_country_key(f->key, f->keylen) ||
            (t && sf__alias_lookup(t, main_surface(f), strlen(main_surface(f))) != SIZE_MAX) ||
            (f->words >= 2 && (person_shaped(f) || initial_first(f) || head_last(f))))
            continue;
        f->dropped = true;
    }
}

/* "Department of Justice" and "Justice Department", "Ministry of Defence"
 * and "Defence Ministry": government bodies are written both ways round.
 * Only these heads: "University of Washington" and "Washington University"
 * are two schools. Keys are looked up by hash (sf_map), one probe a form. */
static sf_status link_inversions(formvec *fv) {
    static const char *const HEADS[] = {"department", "ministry"};
    sf_map byk;
    sf__map_init(&byk);
    sf_status st = SF_OK;
    for (size_t i = 0; i < fv->n && st == SF_OK; i++) {
        const form *f = &fv->items[i];
        if (f->dropped || f->words < 2) continue;
        uint64_t *slot = sf__map_slot(&byk, sf__hash64(f->key, f->keylen, 0));
        if (!slot) st = SF_ERR_NOMEM;
        else if (*slot == 0) *slot = i + 1;
    }
    char buf[256];
    for (size_t i = 0; i < fv->n && st == SF_OK; i++) {
        const form *f = &fv->items[i];
        if (f->dropped || f->words < 3 || f->keylen >= sizeof buf) continue;
        for (size_t h = 0; h < SF_ARRAY_LEN(HEADS); h++) {
            size_t hl = strlen(HEADS[h]);
            if (f->keylen <= hl + 4 || memcmp(f->key, HEADS[h], hl) != 0 || memcmp(f->key + hl, " of ", 4) != 0)
                continue;
            const char *rest = f->key + hl + 4;
            size_t rl = f->keylen - hl - 4;
            if (rl > 4 && memcmp(rest, "the ", 4) == 0) rest += 4, rl -= 4;
            int len = snprintf(buf, sizeof buf, "%.*s %s", (int)rl, rest, HEADS[h]);
            if (len <= 0 || (size_t)len >= sizeof buf) continue;
            const uint64_t *j = sf__map_find(&byk, sf__hash64(buf, (size_t)len, 0));
            if (!j) continue;
            const form *g = &fv->items[*j - 1];
            if (g->keylen != (size_t)len || memcmp(g->key, buf, (size_t)len) != 0) continue; /* a collision */
            st = link(fv, i, *j - 1, false, "the same body written the other way round: %s", main_surface(g));
        }
    }
    sf__map_release(&byk);
    return st;
}

void sf__entities_release(sf_entity *e, size_t n) {
    if (!e) return;
    for (size_t i = 0; i < n; i++) {
        sf__free(e[i].name);
        for (size_t k = 0; k < e[i].naliases; k++) {
            sf__free(e[i].aliases[k].name);
            sf__free(e[i].aliases[k].reason);
        }
        sf__free(e[i].aliases);
        sf__free(e[i].articles);
        sf__free(e[i].spans);
    }
    sf__free(e);
}

static bool only_periods_differ(const char *a, const char *b) {
    for (;;) {
        while (*a == '.') a++;
        while (*b == '.') b++;
        if (*a != *b) return false;
        if (!*a) return true;
        a++, b++;
    }
}

static sf_status add_alias(sf_entity *e, const char *name, const char *reason, bool variant) {
    if (strcmp(name, e->name) == 0) return SF_OK;
    for (size_t k = 0; k < e->naliases; k++)
        if (strcmp(e->aliases[k].name, name) == 0) return SF_OK;
    sf_alias *na = sf__realloc(e->aliases, (e->naliases + 1) * sizeof(*na));
    if (!na) return SF_ERR_NOMEM;
    e->aliases = na;
    sf_alias a = {sf__strndup(name, strlen(name)), sf__strndup(reason, strlen(reason)), variant};
    if (!a.name || !a.reason) {
        sf__free(a.name);
        sf__free(a.reason);
        return SF_ERR_NOMEM;
    }
    e->aliases[e->naliases++] = a;
    return SF_OK;
}

typedef struct ent_order {
    size_t root, mentions, first;
} ent_order;

static int cmp_order(const void *x, const void *y) {
    const ent_order *a = x, *b = y;
    if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

static int cmp_size(const void *x, const void *y) {
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/* A one-word "place" that is the adjective of a place the story names
 * ("the ancient Syrian city" beside Syria, "Iraqi troops" beside Iraq,
 * "Kenyan" beside Kenya) describes, it does not name: it is dropped rather
 * than listed as a second place. The adjective is the place's name, or the
 * name without its final vowel, plus an English demonym ending; a hash of
 * every one-word place's stems keeps this linear in the number of forms.
 * Names the alias table knows are left alone (it says what they are). */
static const char *const DEMONYM_ENDS[] = {"n", "an", "ian", "i", "ese", "ish", "ean"};

static bool ends_in_vowel(const char *k, size_t n) {
    return n && strchr("aeiouy", k[n - 1]) != NULL;
}

static sf_status drop_demonyms(formvec *fv) {
    sf_map places;
    sf__map_init(&places);
    for (size_t i = 0; i < fv->n; i++) {
        const form *f = &fv->items[i];
        if (f->dropped || f->words != 1 || f->keylen < 4 || vote_type(f->votes) != SF_ENT_PLACE) continue;
        uint64_t *v = sf__map_slot(&places, sf__hash64(f->key, f->keylen, 11));
        if (!v) goto nomem;
        if (!*v) *v = i + 1;
        if (ends_in_vowel(f->key, f->keylen)) {
            v = sf__map_slot(&places, sf__hash64(f->key, f->keylen - 1, 11));
            if (!v) goto nomem;
            if (!*v) *v = i + 1;
        }
    }
    for (size_t i = 0; sf__map_count(&places) && i < fv->n; i++) {
        form *f = &fv->items[i];
        sf_entity_type t = vote_type(f->votes);
        if (f->dropped || f->words != 1 || f->group != SIZE_MAX || (t != SF_ENT_PLACE && t != SF_ENT_OTHER))
            continue;
        for (size_t e = 0; e < SF_ARRAY_LEN(DEMONYM_ENDS); e++) {
            size_t el = strlen(DEMONYM_ENDS[e]);
            if (f->keylen < el + 3 || memcmp(f->key + f->keylen - el, DEMONYM_ENDS[e], el) != 0) continue;
            /* the place is another, shorter name: "Nairobi" is not the
             * adjective of itself through the stem "Nairob" */
            const uint64_t *v = sf__map_find(&places, sf__hash64(f->key, f->keylen - el, 11));
            if (v && fv->items[*v - 1].keylen < f->keylen) {
                f->dropped = true;
                break;
            }
        }
    }
    sf__map_release(&places);
    return SF_OK;
nomem:
    sf__map_release(&places);
    return SF_ERR_NOMEM;
}

/* The entity of one root: its forms are the list ffirst, fnext[...] and its
 * mentions the list mfirst, mnext[...] (both ascending, SIZE_MAX-ended), so
 * building every entity costs the forms and mentions once, not once per
 * entity. */
static sf_status make_entity(formvec *fv, size_t root, const sf_alias_table *t, const sf_mention *m,
                             size_t ffirst, const size_t *fnext, size_t mfirst, const size_t *mnext,
                             sf_entity *e) {
    memset(e, 0, sizeof(*e));
    /* canonical form: the alias table's name, else the fullest non-variant */
    size_t canon = SIZE_MAX, group = SIZE_MAX;
    int votes[SF_ENT_TYPES] = {0};
    for (size_t i = ffirst; i != SIZE_MAX; i = fnext[i]) {
        form *f = &fv->items[i];
        if (f->group != SIZE_MAX && group == SIZE_MAX) group = f->group;
        for (int k = 0; k < SF_ENT_TYPES; k++) votes[k] += f->votes[k];
        e->mentions += f->mentions;
        if (f->variant) continue;
        if (canon == SIZE_MAX) {
            canon = i;
            continue;
        }
        form *c = &fv->items[canon];
        bool fa = is_acronym_form(f), ca = is_acronym_form(c);
        if (fa != ca) {
            if (ca) canon = i;
            continue;
        }
        if (f->words != c->words) {
            if (f->words > c->words) canon = i;
            continue;
        }
        if (f->mentions > c->mentions) canon = i;
    }
    if (canon == SIZE_MAX) canon = root;
    const char *name = group != SIZE_MAX ? sf__alias_canonical(t, group) : main_surface(&fv->items[canon]);
    e->name = sf__strndup(name, strlen(name));
    if (!e->name) return SF_ERR_NOMEM;
    e->type = group != SIZE_MAX && sf__alias_type(t, group) != SF_ENT_UNKNOWN ? sf__alias_type(t, group)
              : given_and_surname(&fv->items[canon])                          ? SF_ENT_PERSON
              : titled_full_name(&fv->items[canon]) ? SF_ENT_PERSON
                                                     : vote_type(votes);
    for (size_t i = ffirst; i != SIZE_MAX; i = fnext[i]) {
        form *f = &fv->items[i];
        const char *ms = main_surface(f);
        char why[600];
        if (strcmp(ms, e->name) != 0) {
            if (f->reason) snprintf(why, sizeof why, "%s", f->reason);
            else if (only_periods_differ(ms, e->name)) snprintf(why, sizeof why, "written with periods");
            else snprintf(why, sizeof why, "same key as %s", e->name);
            SF_TRY(add_alias(e, ms, why, f->variant));
        }
        for (size_t k = 0; k < f->surfaces.n; k++) {
            const char *s = f->surfaces.items[k].text;
            if (s == ms) continue;
            const char *base = strcmp(ms, e->name) == 0 || !f->reason ? e->name : ms;
            if (only_periods_differ(s, base)) snprintf(why, sizeof why, "%s written with periods", base);
            else snprintf(why, sizeof why, "case variant of %s", base);
            SF_TRY(add_alias(e, s, why, false));
        }
        if (i == canon && (f->flags_or & SF_MENTION_POSSESSIVE)) {
            char pos[300];
            snprintf(pos, sizeof pos, "%s's", ms);
            snprintf(why, sizeof why, "possessive of %s", ms);
            SF_TRY(add_alias(e, pos, why, false));
        }
    }
    /* articles */
    SF_VEC(size_t) arts = {0};
    for (size_t i = mfirst; i != SIZE_MAX; i = mnext[i])
        if (!arts.n || arts.items[arts.n - 1] != m[i].article) SF_TRY(SF_VEC_PUSH(&arts, m[i].article));
    if (arts.n) qsort(arts.items, arts.n, sizeof(size_t), cmp_size);
    size_t na = 0; /* distinct */
    for (size_t k = 0; k < arts.n; k++)
        if (!na || arts.items[na - 1] != arts.items[k]) arts.items[na++] = arts.items[k];
    arts.n = na;
    e->articles = arts.items;
    e->narticles = arts.n;
    return SF_OK;
}

/* Each entity's mentions as (article, begin, end), in the order given. */
static sf_status add_spans(const sf_mention *m, size_t n, sf_entity *ents, size_t nents) {
    for (size_t i = 0; i < n; i++)
        if (m[i].entity != SIZE_MAX) ents[m[i].entity].nspans++;
    for (size_t r = 0; r < nents; r++) {
        ents[r].spans = sf__calloc(ents[r].nspans ? ents[r].nspans : 1, sizeof(sf_entity_span));
        if (!ents[r].spans) return SF_ERR_NOMEM;
        ents[r].nspans = 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (m[i].entity == SIZE_MAX) continue;
        sf_entity *e = &ents[m[i].entity];
        e->spans[e->nspans++] = (sf_entity_span){m[i].article, m[i].begin, m[i].end};
    }
    return SF_OK;
}

/* Not English: the recognizer, trained on English news, reads a capital
 * letter as a name, so an entity all of whose mentions come from reports in
 * other languages needs some other sign of being a name. Any of: the alias
 * table or the list of countries (places.c) knows it; it is an acronym; a mention has a title or given-name cue
 * ("Kanzler Scholz", "Olaf Scholz"); a name of two or more words is written
 * in two or more reports; or, in a language that writes nouns in lower
 * case, a mention capitalized where no sentence starts. In German (every
 * noun capitalized: "Unternehmen Daten", "Hilfe") the capital is no sign
 * at all, and in any language one word seen only where a sentence starts
 * ("Habla", "Sangre") has only the sentence's capital. One-word nouns
 * recur across reports of one event ("Polizei"), so repetition counts only
 * for longer names. A mention in an English report is evidence too. Runs
 * after the links, so "Scholz" opening a sentence stays with "Olaf Scholz".
 * A place after a bare preposition is no evidence: the recognizer calls
 * nearly any word after "in" a place, and German writes set phrases without
 * an article ("in Folge", "aus Sicht", "in Kürze"; docs/entities.md). */
static sf_status drop_unsupported(formvec *fv, const sf_mention *m, const size_t *mform, size_t n) {
    size_t nf = fv->n;
    if (!nf) return SF_OK;
    bool *ok = sf__calloc(nf, sizeof *ok);
    size_t *last = sf__calloc(nf, sizeof *last), *narts = sf__calloc(nf, sizeof *narts);
    if (!ok || !last || !narts) {
        sf__free(ok), sf__free(last), sf__free(narts);
        return SF_ERR_NOMEM;
    }
    for (size_t i = 0; i < nf; i++) {
        form *f = &fv->items[i];
        if (f->dropped) continue;
        bool foreign = f->flags_and & SF_MENTION_FOREIGN;
        bool cue = f->group != SIZE_MAX || (f->flags_or & (SF_MENTION_ACRONYM | SF_MENTION_TITLED | SF_MENTION_GIVEN)) ||
                   sf__is_country_key(f->key, f->keylen);
        bool by_case = !(f->flags_and & SF_MENTION_NOUN_CASE) && !(f->words == 1 && (f->flags_and & SF_MENTION_INITIAL));
        if (!foreign || cue || by_case) ok[find(fv, i)] = true;
    }
    /* the mentions of one article are given together (one doc after the
     * other), so a change of article is a new report */
    for (size_t i = 0; i < n; i++) {
        size_t fi = mform[i];
        if (fi == SIZE_MAX || fv->items[fi].dropped || fv->items[fi].words < 2) continue;
        size_t r = find(fv, fi);
        if (last[r] != m[i].article + 1) {
            last[r] = m[i].article + 1;
            if (++narts[r] >= 2) ok[r] = true;
        }
    }
    for (size_t i = 0; i < nf; i++)
        if (!fv->items[i].dropped && !ok[find(fv, i)]) fv->items[i].dropped = true;
    sf__free(ok), sf__free(last), sf__free(narts);
    return SF_OK;
}

sf_status sf__resolve_entities(const sf_doc *docs, size_t ndocs, sf_mention *m, size_t n,
                               const sf_alias_table *table, const sf_map *lower_words,
                               sf_entity **out, size_t *count, sf_error *err) {
    *out = NULL;
    *count = 0;
    formvec fv = {0};
    size_t *mform = sf__calloc(n ? n : 1, sizeof(size_t));
    ent_order *ord = NULL;
    sf_entity *ents = NULL;
    size_t nents = 0;
    sf_status st = mform ? build_forms(docs, ndocs, m, n, &fv, mform) : SF_ERR_NOMEM;
    /* a sentence-initial word the story also writes in lower case is an
     * ordinary word ("Coalition officials said") */
    for (size_t i = 0; st == SF_OK && i < fv.n; i++) {
        form *f = &fv.items[i];
        if (f->words == 1 && (f->flags_and & SF_MENTION_INITIAL) && !(f->flags_or & SF_MENTION_ACRONYM) &&
            lower_words && sf__map_find(lower_words, sf__hash64(f->key, f->keylen, 0)))
            f->dropped = true;
    }
    /* an office written as a name ("Conservative MP", "Health Secretary")
     * is a description of a person, not an entity; the quote finder reads
     * it as one (quotes.c, described_person) */
    for (size_t i = 0; st == SF_OK && i < fv.n; i++)
        if (fv.items[i].flags_and & SF_MENTION_DESCRIPTION) fv.items[i].dropped = true;
    if (st == SF_OK) drop_heading_only(&fv, table);
    if (st == SF_OK) st = link_aliases(&fv, table);
    /* a one-word name of no known kind is a demonym or an adjective
     * ("American", "Communist"): not an entity unless the alias table knows
     * it or the story also writes it as a person, place or organization */
    for (size_t i = 0; st == SF_OK && i < fv.n; i++) {
        form *f = &fv.items[i];
        if (f->words == 1 && vote_type(f->votes) == SF_ENT_OTHER && f->group == SIZE_MAX) f->dropped = true;
    }
    if (st == SF_OK) st = drop_demonyms(&fv);
    if (st == SF_OK) st = link_acronyms(&fv, m, mform, n);
    if (st == SF_OK) st = link_spelling(&fv);
    if (st == SF_OK) st = link_surnames(&fv);
    if (st == SF_OK) st = link_given_names(&fv);
    if (st == SF_OK) st = link_inversions(&fv);
    /* so is a word that English writes in lower case only, seen only
     * opening sentences (SF_MENTION_COMMON: "Already, McCoy said",
     * "Malaria infection rate"), in a story too short to write it in lower
     * case too; unless it is the surname of a name the story gives in full
     * ("attache Jens Gust ... Gust was"), which linking has joined by now */
    if (st == SF_OK) {
        bool *joined = sf__calloc(fv.n ? fv.n : 1, sizeof *joined);
        if (!joined) st = SF_ERR_NOMEM;
        for (size_t i = 0; st == SF_OK && i < fv.n; i++)
            if (!fv.items[i].dropped && find(&fv, i) != i) joined[i] = joined[find(&fv, i)] = true;
        for (size_t i = 0; st == SF_OK && i < fv.n; i++) {
            form *f = &fv.items[i];
            if (f->words == 1 && (f->flags_and & SF_MENTION_COMMON) && f->group == SIZE_MAX && !joined[i])
                f->dropped = true;
        }
        sf__free(joined);
    }
    if (st == SF_OK) st = drop_unsupported(&fv, m, mform, n);
    /* each root's forms and mentions as lists (ascending), built in one
     * pass: an entity is then made from its own forms and mentions, so a
     * story of many names costs linear time, not names x mentions */
    size_t nf = fv.n ? fv.n : 1, nmm = n ? n : 1;
    size_t *fhead = NULL, *fnext = NULL, *mhead = NULL, *mnext = NULL, *rank = NULL;
    if (st == SF_OK) {
        ord = sf__calloc(nf, sizeof(*ord));
        fhead = sf__malloc(nf * sizeof(size_t)), fnext = sf__malloc(nf * sizeof(size_t));
        mhead = sf__malloc(nf * sizeof(size_t)), mnext = sf__malloc(nmm * sizeof(size_t));
        rank = sf__malloc(nf * sizeof(size_t));
        if (!ord || !fhead || !fnext || !mhead || !mnext || !rank) st = SF_ERR_NOMEM;
    }
    if (st == SF_OK) {
        for (size_t i = 0; i < fv.n; i++) fhead[i] = mhead[i] = rank[i] = SIZE_MAX;
        for (size_t i = fv.n; i-- > 0;) {
            fnext[i] = SIZE_MAX;
            if (fv.items[i].dropped) continue;
            size_t r = find(&fv, i);
            fnext[i] = fhead[r], fhead[r] = i;
        }
        for (size_t i = n; i-- > 0;) {
            mnext[i] = SIZE_MAX;
            if (mform[i] == SIZE_MAX || fv.items[mform[i]].dropped) continue;
            size_t r = find(&fv, mform[i]);
            mnext[i] = mhead[r], mhead[r] = i;
        }
    }
    size_t nroots = 0;
    for (size_t i = 0; st == SF_OK && i < fv.n; i++) {
        if (fv.items[i].dropped || find(&fv, i) != i) continue;
        ord[nroots].root = i;
        ord[nroots].first = SIZE_MAX;
        for (size_t k = fhead[i]; k != SIZE_MAX; k = fnext[k]) {
            ord[nroots].mentions += fv.items[k].mentions;
            ord[nroots].first = SF_MIN(ord[nroots].first, fv.items[k].first);
        }
        nroots++;
    }
    if (st == SF_OK && nroots) {
        qsort(ord, nroots, sizeof(*ord), cmp_order);
        ents = sf__calloc(nroots, sizeof(*ents));
        if (!ents) st = SF_ERR_NOMEM;
    }
    for (size_t r = 0; st == SF_OK && r < nroots; r++) {
        size_t root = ord[r].root;
        st = make_entity(&fv, root, table, m, fhead[root], fnext, mhead[root], mnext, &ents[r]);
        rank[root] = r;
        nents = r + 1;
    }
    if (st == SF_OK) {
        for (size_t i = 0; i < n; i++) {
            m[i].entity = SIZE_MAX;
            if (mform[i] == SIZE_MAX || fv.items[mform[i]].dropped) continue;
            m[i].entity = rank[find(&fv, mform[i])];
        }
        st = add_spans(m, n, ents, nents);
    }
    if (st == SF_OK) {
        *out = ents;
        *count = nents;
    } else {
        sf__entities_release(ents, nents);
        sf__error_set(err, st, "resolving entities: %s", sf_strerror(st));
    }
    sf__free(ord);
    sf__free(fhead), sf__free(fnext), sf__free(mhead), sf__free(mnext), sf__free(rank);
    sf__free(mform);
    forms_free(&fv);
    return st;
}

const char *sf__entity_type_name(sf_entity_type t) {
    switch (t) {
    case SF_ENT_PERSON: return "person";
    case SF_ENT_ORG: return "organization";
    case SF_ENT_PLACE: return "place";
    case SF_ENT_OTHER: return "other";
    default: return "unknown";
    }
}

/* alias.c - alias tables: groups of names that denote one thing, read from
 * a user's file (entity.h documents the format) or the bundled list. Names
 * are stored by the hash of their matching key; short all-capital names
 * remember that they only match text written in capitals. */
#include "entity.h"

#include <errno.h>
#include <stdio.h>

#define ALIAS_NAME_MAX 200

typedef struct alias_group {
    char *canonical;
    sf_entity_type type;
    bool user;
} alias_group;

typedef struct alias_name {
    size_t group;
    bool caps_only;
} alias_name;

struct sf_alias_table {
    SF_VEC(alias_group) groups;
    SF_VEC(alias_name) names;
    sf_map index; /* key hash -> index into names + 1 */
};

sf_status sf__alias_table_create(sf_alias_table **out, sf_error *err) {
    sf_alias_table *t = sf__calloc(1, sizeof(*t));
    if (!t) return sf__error_set(err, SF_ERR_NOMEM, "alias table: out of memory");
    sf__map_init(&t->index);
    *out = t;
    return SF_OK;
}

void sf__alias_table_destroy(sf_alias_table *t) {
    if (!t) return;
    for (size_t i = 0; i < t->groups.n; i++) sf__free(t->groups.items[i].canonical);
    SF_VEC_FREE(&t->groups);
    SF_VEC_FREE(&t->names);
    sf__map_release(&t->index);
    sf__free(t);
}

/* Letters of a name, ASCII: true when there are 1..4 and all are capitals. */
static bool short_caps(const char *s, size_t n) {
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') letters++;
        else if (c >= 0x80) return false;
    }
    return letters >= 1 && letters <= 4;
}

static bool has_lower(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z') return true;
    return false;
}

static sf_status key_hash(const char *s, size_t n, uint64_t *h) {
    sf_buf b;
    sf__buf_init(&b, 4096);
    sf_status st = sf__name_key(s, n, &b);
    if (st == SF_OK && b.n == 0) st = SF_ERR_PARSE;
    if (st == SF_OK) *h = sf__hash64(b.p, b.n, 0x5f1a);
    sf__buf_release(&b);
    return st;
}

size_t sf__alias_lookup(const sf_alias_table *t, const char *name, size_t n) {
    if (!t || n == 0 || n > ALIAS_NAME_MAX) return SIZE_MAX;
    uint64_t h;
    if (key_hash(name, n, &h) != SF_OK) return SIZE_MAX;
    const uint64_t *v = sf__map_find(&t->index, h);
    if (!v) return SIZE_MAX;
    const alias_name *an = &t->names.items[*v - 1];
    if (an->caps_only && has_lower(name, n)) return SIZE_MAX;
    return an->group;
}

const char *sf__alias_canonical(const sf_alias_table *t, size_t g) {
    return t && g < t->groups.n ? t->groups.items[g].canonical : NULL;
}
sf_entity_type sf__alias_type(const sf_alias_table *t, size_t g) {
    return t && g < t->groups.n ? t->groups.items[g].type : SF_ENT_UNKNOWN;
}
bool sf__alias_user(const sf_alias_table *t, size_t g) {
    return t && g < t->groups.n && t->groups.items[g].user;
}
size_t sf__alias_group_count(const sf_alias_table *t) { return t ? t->groups.n : 0; }

/* One line split into names: views into the line. */
typedef struct line_names {
    sf_view names[64];
    uint64_t hash[64]; /* key hash of each name */
    size_t n;
    sf_entity_type type;
} line_names;

static sf_status split_line(sf_view line, line_names *ln, const char *file, size_t lineno,
                            sf_error *err) {
    ln->n = 0;
    ln->type = SF_ENT_UNKNOWN;
    static const struct { const char *tag; sf_entity_type type; } TAGS[] = {
        {"person:", SF_ENT_PERSON}, {"org:", SF_ENT_ORG}, {"place:", SF_ENT_PLACE}};
    for (size_t k = 0; k < SF_ARRAY_LEN(TAGS); k++) {
        size_t tl = strlen(TAGS[k].tag);
        if (line.n >= tl && sf__view_eq_nocase(sf__view(line.p, tl), sf__view_cstr(TAGS[k].tag))) {
            ln->type = TAGS[k].type;
            line = sf__view_trim(sf__view(line.p + tl, line.n - tl));
            break;
        }
    }
    size_t start = 0;
    for (size_t i = 0; i <= line.n; i++) {
        /* a separator is '=' with white space (or the line's end) on both sides */
        bool sep = i < line.n && line.p[i] == '=' && (i == 0 || line.p[i - 1] == ' ' || line.p[i - 1] == '\t') &&
                   (i + 1 == line.n || line.p[i + 1] == ' ' || line.p[i + 1] == '\t');
        if (!sep && i < line.n) continue;
        sf_view name = sf__view_trim(sf__view(line.p + start, i - start));
        if (name.n == 0)
            return sf__error_set(err, SF_ERR_PARSE, "%s:%zu: empty name in alias group", file, lineno);
        if (name.n > ALIAS_NAME_MAX)
            return sf__error_set(err, SF_ERR_PARSE, "%s:%zu: name longer than %d bytes", file,
                                 lineno, ALIAS_NAME_MAX);
        if (ln->n == SF_ARRAY_LEN(ln->names))
            return sf__error_set(err, SF_ERR_PARSE, "%s:%zu: more than %zu names in one group",
                                 file, lineno, SF_ARRAY_LEN(ln->names));
        if (!sf__utf8_valid(name.p, name.n))
            return sf__error_set(err, SF_ERR_PARSE, "%s:%zu: name is not valid UTF-8", file, lineno);
        /* a name must leave something to match once folded ("..." does not),
         * checked here so that a bad file is refused before anything is kept */
        sf_status kst = key_hash(name.p, name.n, &ln->hash[ln->n]);
        if (kst == SF_ERR_PARSE)
            return sf__error_set(err, SF_ERR_PARSE, "%s:%zu: name \"%.*s\" has nothing to match", file,
                                 lineno, (int)name.n, name.p);
        if (kst != SF_OK) return sf__error_set(err, kst, "%s:%zu: %s", file, lineno, sf_strerror(kst));
        ln->names[ln->n++] = name;
        start = i + 1;
    }
    if (ln->n < 2)
        return sf__error_set(err, SF_ERR_PARSE,
                             "%s:%zu: an alias group needs at least two names separated by \" = \"",
                             file, lineno);
    return SF_OK;
}

static sf_status add_group(sf_alias_table *t, const line_names *ln, bool user) {
    /* a name already known puts the whole line into its group */
    size_t group = SIZE_MAX;
    const uint64_t *h = ln->hash;
    for (size_t i = 0; i < ln->n; i++) {
        const uint64_t *v = sf__map_find(&t->index, h[i]);
        if (v && group == SIZE_MAX) group = t->names.items[*v - 1].group;
    }
    if (group == SIZE_MAX) {
        alias_group g = {sf__strndup(ln->names[0].p, ln->names[0].n), ln->type, user};
        if (!g.canonical) return SF_ERR_NOMEM;
        if (SF_VEC_PUSH(&t->groups, g) != SF_OK) {
            sf__free(g.canonical);
            return SF_ERR_NOMEM;
        }
        group = t->groups.n - 1;
    } else if (t->groups.items[group].type == SF_ENT_UNKNOWN) {
        t->groups.items[group].type = ln->type;
    }
    for (size_t i = 0; i < ln->n; i++) {
        if (sf__map_find(&t->index, h[i])) continue;
        alias_name an = {group, short_caps(ln->names[i].p, ln->names[i].n)};
        SF_TRY(SF_VEC_PUSH(&t->names, an));
        uint64_t *slot = sf__map_slot(&t->index, h[i]);
        if (!slot) return SF_ERR_NOMEM;
        *slot = t->names.n;
    }
    return SF_OK;
}

sf_status sf__alias_table_parse(sf_alias_table *t, const char *name, const char *data,
                                size_t n, bool user, sf_error *err) {
    if (!t || (!data && n)) return sf__error_set(err, SF_ERR_ARG, "alias table: NULL argument");
    if (!name) name = "<aliases>";
    /* check every line first, so a bad file adds nothing */
    for (int pass = 0; pass < 2; pass++) {
        sf_cur c;
        sf__cur_init(&c, data, n);
        sf_view line;
        size_t lineno = 0;
        while (sf__cur_line(&c, &line)) {
            lineno++;
            line = sf__view_trim(line);
            if (line.n == 0 || line.p[0] == '#') continue;
            line_names ln;
            SF_TRY(split_line(line, &ln, name, lineno, err));
            if (pass == 1) {
                sf_status st = add_group(t, &ln, user);
                if (st != SF_OK)
                    return sf__error_set(err, st, "%s:%zu: cannot add alias group", name, lineno);
            }
        }
    }
    return SF_OK;
}

sf_status sf__alias_table_load(sf_alias_table *t, const char *path, sf_error *err) {
    if (!t || !path) return sf__error_set(err, SF_ERR_ARG, "alias table: NULL argument");
    sf_buf b;
    sf__buf_init(&b, (size_t)64 << 20);
    sf_status rs = sf__read_file(path, "alias file", &b, err);
    if (rs != SF_OK) {
        sf__buf_release(&b);
        return rs;
    }
    sf_status st = sf__alias_table_parse(t, path, b.p ? b.p : "", b.n, true, err);
    sf__buf_release(&b);
    return st;
}

sf_status sf__alias_table_add_bundled(sf_alias_table *t, sf_error *err) {
    const char *s = sf__alias_bundled_text();
    return sf__alias_table_parse(t, "<bundled aliases>", s, strlen(s), false, err);
}

sf_status sf__alias_table_open(const char *path, sf_alias_table **out, sf_error *err) {
    if (!out) return sf__error_set(err, SF_ERR_ARG, "alias table: NULL argument");
    *out = NULL;
    sf_alias_table *t = NULL;
    sf_status st = sf__alias_table_create(&t, err);
    if (st == SF_OK) st = sf__alias_table_add_bundled(t, err);
    if (st == SF_OK && path) st = sf__alias_table_load(t, path, err);
    if (st != SF_OK) {
        sf__alias_table_destroy(t);
        return st;
    }
    *out = t;
    return SF_OK;
}

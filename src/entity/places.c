/* places.c - the names of the world's countries, for typing entities: a
 * name that is a country's is a place whatever the recognizer guessed on
 * words it may never have seen ("Burkina Faso | person").
 *
 * The names are not written here: they come from Debian's iso-codes
 * package (ISO 3166-1), read once per process with json-c: each country's
 * short name (when it is not an inverted formal one, "Korea, Republic of"),
 * its common name ("South Korea", "Bolivia") and its official name
 * ("Republic of Moldova"). Without the file there is no list, and typing is
 * the recognizer's and the context cues' alone (SF_ISO3166_FILE names
 * another file, for tests and for systems that keep it elsewhere). The
 * names of countries' subdivisions (ISO 3166-2: states, provinces,
 * regions; SF_ISO3166_2_FILE) tell "Saline, Texas was" (a town and its
 * state) from "in Columbia, Sanders stepped" (a place, then the clause's
 * subject). */
#include "entity.h"

#include <json-c/json.h>
#include <pthread.h>
#include <stdlib.h>

#define SF_ISO3166_DEFAULT "/usr/share/iso-codes/json/iso_3166-1.json"
#define SF_ISO3166_2_DEFAULT "/usr/share/iso-codes/json/iso_3166-2.json"

static sf_map COUNTRIES; /* hash of the name key -> 1 */
static bool COUNTRIES_OK;
static pthread_once_t COUNTRIES_ONCE = PTHREAD_ONCE_INIT;

static uint64_t key_hash(const char *k, size_t n) { return sf__hash64(k, n, 31); }

static void add_name_to(sf_map *map, json_object *country, const char *field, sf_buf *key) {
    json_object *v;
    if (!json_object_object_get_ex(country, field, &v) || !json_object_is_type(v, json_type_string)) return;
    const char *s = json_object_get_string(v);
    if (strchr(s, ',') || strchr(s, '(')) return; /* "Korea, Republic of", "Saint Martin (French part)" */
    sf__buf_reset(key);
    if (sf__name_key(s, strlen(s), key) != SF_OK || !key->n) return;
    uint64_t *slot = sf__map_slot(map, key_hash(key->p, key->n));
    if (slot) *slot = 1;
}

/* Fill `map` with the name keys of the `fields` of each entry of the list
 * `list_key` in the ISO 3166 file at $env (or `dflt`); true when any. */
static bool load_names(sf_map *map, const char *env, const char *dflt, const char *list_key,
                       const char *const *fields) {
    sf__map_init(map);
    const char *path = getenv(env);
    json_object *root = json_object_from_file(path && *path ? path : dflt);
    json_object *list;
    if (!root) return false;
    if (json_object_object_get_ex(root, list_key, &list) && json_object_is_type(list, json_type_array)) {
        sf_buf key;
        sf__buf_init(&key, 0);
        for (size_t i = 0; i < json_object_array_length(list); i++)
            for (const char *const *f = fields; *f; f++) add_name_to(map, json_object_array_get_idx(list, i), *f, &key);
        sf__buf_release(&key);
    }
    json_object_put(root);
    return sf__map_count(map) > 0;
}

static void load_countries(void) {
    static const char *const FIELDS[] = {"name", "common_name", "official_name", NULL};
    COUNTRIES_OK = load_names(&COUNTRIES, "SF_ISO3166_FILE", SF_ISO3166_DEFAULT, "3166-1", FIELDS);
}

bool sf__is_country_key(const char *key, size_t n) {
    pthread_once(&COUNTRIES_ONCE, load_countries);
    return COUNTRIES_OK && n && sf__map_find(&COUNTRIES, key_hash(key, n)) != NULL;
}

static sf_map REGIONS; /* hash of a subdivision's name key -> 1 */
static bool REGIONS_OK;
static pthread_once_t REGIONS_ONCE = PTHREAD_ONCE_INIT;

static void load_regions(void) {
    static const char *const FIELDS[] = {"name", NULL};
    REGIONS_OK = load_names(&REGIONS, "SF_ISO3166_2_FILE", SF_ISO3166_2_DEFAULT, "3166-2", FIELDS);
}

bool sf__is_region_key(const char *key, size_t n) {
    pthread_once(&REGIONS_ONCE, load_regions);
    return REGIONS_OK && n && sf__map_find(&REGIONS, key_hash(key, n)) != NULL;
}

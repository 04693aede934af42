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

static void add_name(json_object *country, const char *field, sf_buf *key) {
    add_name_to(&COUNTRIES, country, field, key);
}

static void load_countries(void) {
    sf__map_init(&COUNTRIES);
    const char *path = getenv("SF_ISO3166_FILE");
    json_object *root = json_object_from_file(path && *path ? path : SF_ISO3166_DEFAULT);
    json_object *list;
    if (!root) return;
    if (json_object_object_get_ex(root, "3166-1", &list) && json_object_is_type(list, json_type_array)) {
        sf_buf key;
        sf__buf_init(&key, 0);
        for (size_t i = 0; i < json_object_array_length(list); i++) {
            json_object *c = json_object_array_get_idx(list, i);
            add_name(c, "name", &key);
            add_name(c, "common_name", &key);
            add_name(c, "official_name", &key);
        }
        sf__buf_release(&key);
        COUNTRIES_OK = sf__map_count(&COUNTRIES) > 0;
    }
    json_object_put(root);
}

bool sf__is_country_key(const char *key, size_t n) {
    pthread_once(&COUNTRIES_ONCE, load_countries);
    return COUNTRIES_OK && n && sf__map_find(&COUNTRIES, key_hash(key, n)) != NULL;
}

static sf_map REGIONS; /* hash of a subdivision's name key -> 1 */
static bool REGIONS_OK;
static pthread_once_t REGIONS_ONCE = PTHREAD_ONCE_INIT;

static void load_regions(void) {
    sf__map_init(&REGIONS);
    const char *path = getenv("SF_ISO3166_2_FILE");
    json_object *root = json_object_from_file(path && *path ? path : SF_ISO3166_2_DEFAULT);
    json_object *list;
    if (!root) return;
    if (json_object_object_get_ex(root, "3166-2", &list) && json_object_is_type(list, json_type_array)) {
        sf_buf key;
        sf__buf_init(&key, 0);
        for (size_t i = 0; i < json_object_array_length(list); i++)
            add_name_to(&REGIONS, json_object_array_get_idx(list, i), "name", &key);
        sf__buf_release(&key);
        REGIONS_OK = sf__map_count(&REGIONS) > 0;
    }
    json_object_put(root);
}

bool sf__is_region_key(const char *key, size_t n) {
    pthread_once(&REGIONS_ONCE, load_regions);
    return REGIONS_OK && n && sf__map_find(&REGIONS, key_hash(key, n)) != NULL;
}

/* hash.c - 64-bit hashing through xxHash's XXH3. */
#include "common.h"

#include <xxhash.h>

uint64_t sf__hash64(const void *p, size_t n, uint64_t seed) {
    return (uint64_t)XXH3_64bits_withSeed(p, n, (XXH64_hash_t)seed);
}

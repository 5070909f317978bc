/* hmap.h — open-addressing hash map from 64-bit keys to 32-bit values.
 * Keys are already hashes (xxHash of normalised token text), so no further mixing is done
 * beyond a final fold. Key 0 is reserved as "empty"; callers never produce it (see
 * dyad_hash_nonzero). Lookups are one probe sequence in a flat array: cache friendly. */
#ifndef DYAD_HMAP_H
#define DYAD_HMAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct dyad_hmap {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, count;   /* cap is a power of two */
} dyad_hmap;

int  dyad_hmap_init(dyad_hmap *m, size_t expected);
/* Insert or replace. Returns 0, or -1 when out of memory. */
int  dyad_hmap_put(dyad_hmap *m, uint64_t key, uint32_t val);
/* Returns 1 and sets *val when found. */
static inline int dyad_hmap_get(const dyad_hmap *m, uint64_t key, uint32_t *val)
{
    if (!m->cap)
        return 0;
    size_t mask = m->cap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
    for (;;) {
        uint64_t k = m->keys[i];
        if (k == key) {
            *val = m->vals[i];
            return 1;
        }
        if (k == 0)
            return 0;
        i = (i + 1) & mask;
    }
}
void dyad_hmap_free(dyad_hmap *m);

/* Hash helpers shared by dictionaries and the tokenizer. */
uint64_t dyad_hash_bytes(const void *p, size_t n);
static inline uint64_t dyad_hash_nonzero(uint64_t h) { return h ? h : 0x9e3779b97f4a7c15ULL; }
/* Combine a phrase hash with the next token's hash (order matters). */
static inline uint64_t dyad_hash_combine(uint64_t h, uint64_t t)
{
    h ^= t + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    return dyad_hash_nonzero(h ^ (h >> 33));
}
#endif

#include "util/hmap.h"
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

uint64_t dyad_hash_bytes(const void *p, size_t n)
{
    return dyad_hash_nonzero(XXH3_64bits(p, n));
}

int dyad_hmap_init(dyad_hmap *m, size_t expected)
{
    size_t cap = 16;
    while (cap < expected * 2)
        cap *= 2;
    m->keys = calloc(cap, sizeof *m->keys);
    m->vals = calloc(cap, sizeof *m->vals);
    m->cap = cap;
    m->count = 0;
    if (!m->keys || !m->vals) {
        dyad_hmap_free(m);
        return -1;
    }
    return 0;
}

static int grow(dyad_hmap *m)
{
    dyad_hmap bigger;
    if (dyad_hmap_init(&bigger, m->cap))
        return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            dyad_hmap_put(&bigger, m->keys[i], m->vals[i]);
    dyad_hmap_free(m);
    *m = bigger;
    return 0;
}

int dyad_hmap_put(dyad_hmap *m, uint64_t key, uint32_t val)
{
    if (!m->cap && dyad_hmap_init(m, 8))
        return -1;
    if ((m->count + 1) * 4 > m->cap * 3 && grow(m))
        return -1;
    size_t mask = m->cap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & mask;
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->count++;
    }
    m->vals[i] = val;
    return 0;
}

void dyad_hmap_free(dyad_hmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

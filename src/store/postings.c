/* postings.c — the posting lists one SQLite write transaction adds to event_postings.
 *
 * Why posting lists instead of indexes on events.target_code and events.cameo: an index entry
 * per event costs a B-tree insert per event (about 1.2 µs each here), while a transaction's
 * events share a few hundred targets and codes. So the store collects, per (kind, key), the
 * ids of the events the transaction created and writes one row per list at commit: a few
 * hundred rows per several thousand events. Queries read a key's rows (pruned by their date
 * range) and look the events up by id (docs/database.md). */
#include <stdlib.h>
#include <string.h>
#include "store/store_impl.h"

static uint64_t posting_hash(char kind, const char *key, size_t n)
{
    return dyad_hash_nonzero(dyad_hash_combine(dyad_hash_bytes(key, n), (uint64_t)(unsigned char)kind));
}

static int same_list(const store_postings *p, const store_posting *g, char kind, const char *key, size_t n)
{
    return g->kind == kind && g->key_len == n && !memcmp(p->keys.data + g->key_off, key, n);
}

/* The list for (kind, key), created when new; NULL when out of memory. */
static store_posting *list_for(store_postings *p, char kind, const char *key)
{
    size_t n = strlen(key);
    uint64_t h = posting_hash(kind, key, n);
    uint32_t at;
    /* a hash shared by two keys (never seen, but possible) moves on to the next hash value */
    while (dyad_hmap_get(&p->index, h, &at)) {
        if (same_list(p, &p->v[at], kind, key, n))
            return &p->v[at];
        h = dyad_hash_nonzero(h + 1);
    }
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 256;
        store_posting *v = realloc(p->v, nc * sizeof *v);
        if (!v)
            return NULL;
        memset(v + p->cap, 0, (nc - p->cap) * sizeof *v);   /* fresh id buffers */
        p->v = v;
        p->cap = nc;
    }
    store_posting *g = &p->v[p->n];
    g->kind = kind;
    g->key_off = p->keys.len;
    g->key_len = n;
    g->first_id = 0;
    g->min_date[0] = g->max_date[0] = 0;
    dyad_buf_clear(&g->ids);
    if (dyad_buf_append(&p->keys, key, n) < 0 || dyad_buf_putc(&p->keys, 0) < 0 ||
        (!p->index.cap && dyad_hmap_init(&p->index, 512) < 0) || dyad_hmap_put(&p->index, h, (uint32_t)p->n) < 0)
        return NULL;
    p->n++;
    return g;
}

/* A date ("" or YYYY-MM-DD) into its 11 bytes */
static void copy_date(char out[11], const char *date)
{
    size_t n = strnlen(date, 10);
    memcpy(out, date, n);
    out[n] = 0;
}

int store_postings_add(store_postings *p, char kind, const char *key, const char *date, int64_t id)
{
    store_posting *g = list_for(p, kind, key);
    if (!g)
        return -1;
    int first = g->ids.len == 0;
    if (dyad_buf_putc(&g->ids, first ? '[' : ',') < 0 || dyad_buf_uint(&g->ids, (unsigned long long)id) < 0)
        return -1;
    if (first || id < g->first_id)
        g->first_id = id;
    if (first || strcmp(date, g->min_date) < 0)
        copy_date(g->min_date, date);
    if (first || strcmp(date, g->max_date) > 0)
        copy_date(g->max_date, date);
    return 0;
}

const char *store_posting_key(const store_postings *p, const store_posting *g) { return p->keys.data + g->key_off; }

void store_postings_clear(store_postings *p)
{
    p->n = 0;   /* the id buffers stay allocated for the next transaction */
    dyad_buf_clear(&p->keys);
    dyad_hmap_free(&p->index);
    memset(&p->index, 0, sizeof p->index);
}

void store_postings_free(store_postings *p)
{
    for (size_t i = 0; i < p->cap; i++)
        dyad_buf_free(&p->v[i].ids);
    free(p->v);
    dyad_buf_free(&p->keys);
    dyad_hmap_free(&p->index);
    memset(p, 0, sizeof *p);
}

/* cache.c — recent API answers, reused while the database file is unchanged.
 *
 * A dashboard asks the same few questions again and again; the database changes only when
 * `dyad code --db` commits. An answer is stored under its request (path and parameters) with
 * the database's generation: the size, modification time and inode of the database file and
 * of its -wal file, read with stat() before the query ran. A commit changes the -wal file (or,
 * after a checkpoint, the database file), so a stored answer is used only while both are as
 * they were; entries also expire after a few seconds whatever happens. Direct-mapped: a new
 * answer replaces whatever shared its slot. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "serve/serve_impl.h"

typedef struct entry {
    uint64_t hash;
    char *key;
    char *body;
    size_t len;
    serve_gen gen;
    double born;
} entry;

struct serve_cache {
    pthread_mutex_t mu;
    char db[4096], wal[4100];
    entry *slots;
    size_t nslots, bytes, max_bytes;
    double ttl;
    unsigned long hits, misses;
};

enum { ENTRY_MAX = 1 << 20 };   /* larger answers are not kept */

serve_cache *serve_cache_new(const char *dbpath, size_t nslots, size_t max_bytes, double ttl)
{
    serve_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->slots = calloc(nslots, sizeof *c->slots);
    if (!c->slots) {
        free(c);
        return NULL;
    }
    c->nslots = nslots;
    c->max_bytes = max_bytes;
    c->ttl = ttl;
    snprintf(c->db, sizeof c->db, "%s", dbpath);
    snprintf(c->wal, sizeof c->wal, "%s-wal", dbpath);
    pthread_mutex_init(&c->mu, NULL);
    return c;
}

static void drop(serve_cache *c, entry *e)
{
    c->bytes -= e->len;
    free(e->key);
    free(e->body);
    memset(e, 0, sizeof *e);
}

void serve_cache_free(serve_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nslots; i++)
        if (c->slots[i].key)
            drop(c, &c->slots[i]);
    free(c->slots);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static void file_gen(const char *path, uint64_t *out)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        out[0] = out[1] = out[2] = out[3] = 0;
        return;
    }
    out[0] = (uint64_t)st.st_size;
    out[1] = (uint64_t)st.st_mtim.tv_sec;
    out[2] = (uint64_t)st.st_mtim.tv_nsec;
    out[3] = (uint64_t)st.st_ino;
}

serve_gen serve_cache_gen(const serve_cache *c)
{
    serve_gen g;
    file_gen(c->db, g.v);
    file_gen(c->wal, g.v + 4);
    return g;
}

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

int serve_cache_get(serve_cache *c, const char *key, const serve_gen *gen, char **body, size_t *len)
{
    uint64_t h = fnv(key);
    double now = serve_now();
    int found = 0;
    pthread_mutex_lock(&c->mu);
    entry *e = &c->slots[h % c->nslots];
    if (e->key && e->hash == h && !strcmp(e->key, key)) {
        if (memcmp(&e->gen, gen, sizeof *gen) != 0 || now - e->born > c->ttl) {
            drop(c, e);
        } else if ((*body = malloc(e->len + 1)) != NULL) {
            memcpy(*body, e->body, e->len + 1);
            *len = e->len;
            found = 1;
        }
    }
    if (found)
        c->hits++;
    else
        c->misses++;
    pthread_mutex_unlock(&c->mu);
    return found;
}

void serve_cache_put(serve_cache *c, const char *key, const serve_gen *gen, const char *body, size_t len)
{
    if (len > ENTRY_MAX || len > c->max_bytes)
        return;
    char *k = strdup(key), *b = malloc(len + 1);
    if (!k || !b) {
        free(k);
        free(b);
        return;
    }
    memcpy(b, body, len);
    b[len] = 0;
    uint64_t h = fnv(key);
    pthread_mutex_lock(&c->mu);
    entry *e = &c->slots[h % c->nslots];
    if (e->key)
        drop(c, e);
    /* over budget: empty the slots after this one until it fits (cheap, rare) */
    for (size_t i = 1; i < c->nslots && c->bytes + len > c->max_bytes; i++) {
        entry *o = &c->slots[(h + i) % c->nslots];
        if (o->key)
            drop(c, o);
    }
    *e = (entry){.hash = h, .key = k, .body = b, .len = len, .gen = *gen, .born = serve_now()};
    c->bytes += len;
    pthread_mutex_unlock(&c->mu);
}

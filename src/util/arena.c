#include "util/arena.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct dyad_arena_block {
    dyad_arena_block *next;
    size_t size, pos;
    _Alignas(16) unsigned char data[];
};

void dyad_arena_init(dyad_arena *a, size_t block_size, size_t limit)
{
    memset(a, 0, sizeof *a);
    a->block_size = block_size ? block_size : 64 * 1024;
    a->limit = limit;
}

static dyad_arena_block *new_block(dyad_arena *a, size_t need)
{
    size_t size = need > a->block_size ? need : a->block_size;
    if (a->limit && a->used + size > a->limit)
        return NULL;
    dyad_arena_block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->size = size;
    b->pos = 0;
    b->next = a->head;
    a->head = b;
    a->used += size;
    return b;
}

void *dyad_arena_alloc(dyad_arena *a, size_t n)
{
    if (a->failed)
        return NULL;
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - 16) {
        a->failed = 1;
        return NULL;
    }
    n = (n + 15) & ~(size_t)15;
    dyad_arena_block *b = a->head;
    if (!b || b->size - b->pos < n) {
        b = new_block(a, n);
        if (!b) {
            a->failed = 1;
            return NULL;
        }
    }
    void *p = b->data + b->pos;
    b->pos += n;
    return p;
}

void *dyad_arena_calloc(dyad_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        a->failed = 1;
        return NULL;
    }
    void *p = dyad_arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

char *dyad_arena_strndup(dyad_arena *a, const char *s, size_t n)
{
    char *p = dyad_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *dyad_arena_strdup(dyad_arena *a, const char *s)
{
    return s ? dyad_arena_strndup(a, s, strlen(s)) : NULL;
}

void dyad_arena_reset(dyad_arena *a)
{
    /* Keep the newest block (usually big enough for the next document). */
    dyad_arena_block *b = a->head;
    if (!b)
        return;
    dyad_arena_block *rest = b->next;
    while (rest) {
        dyad_arena_block *n = rest->next;
        free(rest);
        rest = n;
    }
    b->next = NULL;
    b->pos = 0;
    a->used = b->size;
    a->failed = 0;
}

void dyad_arena_free(dyad_arena *a)
{
    dyad_arena_block *b = a->head;
    while (b) {
        dyad_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
    a->used = 0;
}

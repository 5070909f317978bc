/* arena.h — bump allocator: one per document, freed all at once.
 *
 * Everything a document produces (tokens, sentences, mentions, events) is carved from its
 * arena; nothing is freed one by one. Allocation failure is sticky: once a block cannot be
 * had, every later allocation returns NULL and arena->failed stays set, so callers can check
 * once at the API boundary. */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H
#include <stddef.h>

typedef struct dyad_arena_block dyad_arena_block;
typedef struct dyad_arena {
    dyad_arena_block *head;
    size_t block_size;   /* size of ordinary blocks */
    size_t limit;        /* total bytes allowed, 0 = unlimited */
    size_t used;         /* total bytes in blocks */
    int failed;          /* sticky allocation failure */
} dyad_arena;

void  dyad_arena_init(dyad_arena *a, size_t block_size, size_t limit);
void *dyad_arena_alloc(dyad_arena *a, size_t n);           /* 16-byte aligned, not zeroed */
void *dyad_arena_calloc(dyad_arena *a, size_t count, size_t size);
char *dyad_arena_strndup(dyad_arena *a, const char *s, size_t n);
char *dyad_arena_strdup(dyad_arena *a, const char *s);     /* NULL in, NULL out */
/* Drop all blocks but keep the arena usable (reuse across documents). */
void  dyad_arena_reset(dyad_arena *a);
void  dyad_arena_free(dyad_arena *a);
#endif

/* dedupe.h — "have we seen this article already?" for one run: a set of 64-bit xxHash values of
 * normalised bodies (lower case, every run of white space one space, trimmed), so the same story
 * scraped twice, re-wrapped or re-cased, is coded once. 16 bytes of memory per distinct article
 * at most; collisions are negligible (64 bits). */
#ifndef DYAD_DEDUPE_H
#define DYAD_DEDUPE_H
#include <stddef.h>
#include <stdint.h>

typedef struct dyad_dedupe dyad_dedupe;

dyad_dedupe *dyad_dedupe_new(void);
void dyad_dedupe_free(dyad_dedupe *d);
/* The hash of the normalised text (never 0). */
uint64_t dyad_dedupe_hash(const char *text, size_t len);
/* 1 when text was seen before; otherwise remembers it and returns 0. -1 when out of memory
 * (the text is then treated as new). */
int dyad_dedupe_seen(dyad_dedupe *d, const char *text, size_t len);
size_t dyad_dedupe_count(const dyad_dedupe *d);
#endif

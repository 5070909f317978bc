/* sent.h — sentence splitter over a document body.
 *
 * Splits at . ! ? and ellipses followed by space and a capital, digit or opening quote; at
 * blank lines; and after short title-like lines. It does not split after titles and month
 * abbreviations (Mr., Gen., Lt., Jan., No.), single-letter initials (George W. Bush), inside
 * numbers (3.5) or after dotted abbreviations (U.S., U.N.) unless the next word is a usual
 * sentence opener ("the U.S. The ..."). Closing quotes and brackets stay with their sentence.
 * Sentences longer than DYAD_SENT_MAX bytes are cut at a space so a page with no punctuation
 * cannot make one unbounded sentence. */
#ifndef DYAD_SENT_H
#define DYAD_SENT_H
#include <stdint.h>
#include "util/arena.h"

#define DYAD_SENT_MAX 2000

typedef struct dyad_span {
    uint32_t start, end;   /* [start, end) bytes in the body, trimmed */
} dyad_span;

/* Returns 0 and the sentences in *out and *n (arena memory), or -1 when the arena is exhausted. */
int dyad_split_sentences(dyad_arena *a, const char *body, uint32_t len, dyad_span **out, uint32_t *n);
#endif

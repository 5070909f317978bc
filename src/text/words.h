/* words.h — hashes of the function words the stages test for (in, by, not, said...).
 * Filled once by dyad_words_init() (called by dyad_coder_open); read-only afterwards. */
#ifndef DYAD_WORDS_H
#define DYAD_WORDS_H
#include <stdint.h>

typedef struct dyad_words {
    uint64_t in, at, near, outside, inside, across, throughout, of, from, poss, the, a, an, by,
        he, she, and_, or_, with, to, not_, nt, never, no, neither, nor, could, would, might, may,
        should, must, can, if_, unless, whether, was, were, is, are, be, been, being, has, have,
        had, said, says, told, that, which, who, whom, said_, according, comma, semicolon,
        colon, dash, period, qmark, lparen, rparen, quote, also, both, between, against, on, for_,
        refused, declined, denied, failed, without, will, reportedly, allegedly, its, their, his,
        her, while_, as, after, before, when, than, any, they, we, it, do_, does, did, met, former, ex, because, until, other, but;
} dyad_words;

extern dyad_words W;
void dyad_words_init(void);
int dyad_is_attribution_verb(uint64_t h);   /* said, says, told, added, stated... */
#endif

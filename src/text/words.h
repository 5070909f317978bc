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
        her, while_, as, after, before, when, than, any, they, we, it, do_, does, did, met, former, ex, because, until, other, but, then_, despite, used, uses, using, them, two, accompanied, through, during;
} dyad_words;

extern dyad_words W;
void dyad_words_init(void);
int dyad_is_attribution_verb(uint64_t h);   /* said, says, told, added, stated... */

/* Closed word lists the engine and the recogniser test tokens against. Filled by
 * dyad_words_init() (before any thread codes), read-only afterwards. */
typedef enum {
    WS_LIGHT_VERB,    /* began, launched, held, staged: make a nominal event verbal */
    WS_INTENT,        /* ready, plans, wants: "X to" is an intention */
    WS_DECISION,      /* voted, decided, used: "X to" is the act itself */
    WS_QUANTITY,      /* thousands, hundreds: "thousands of protesters" */
    WS_RECIPROCAL,    /* clashed, fought, exchanged: subjects act on each other */
    WS_KILL,          /* killed, assassinated */
    WS_HARM_ING,      /* killing, wounding: ", killing 21 Israelis" names the victims */
    WS_PAST_IRREGULAR,/* sent, met, struck: past forms that are not fillers */
    WS_DIRECTION,     /* northern, eastern, central: "in northern Syria" is still a place */
    WS_MASS,          /* hundreds, thousands: "killed hundreds of civilians" */
    WS_TITLE_PREFIX,  /* vice, deputy, acting: "Chinese Vice Premier Liu He" */
    WS_WATER,         /* sea, ocean, gulf, strait: "South China Sea", "Gulf of Mexico" */
    WS_PROTEST_VERB,  /* marched, rallied: "marched to demand" is a demonstration */
    WS_ASPECT,        /* began, started, continued: "began investigating" is a verb */
    WS_RUMOUR,        /* unconfirmed, rumours: the sentence tells a rumour, not news */
    WS_COUNT
} dyad_wordset_id;
int dyad_in_wordset(dyad_wordset_id set, uint64_t h);
#endif

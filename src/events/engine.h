/* engine.h — from a sentence's tokens and actor mentions to coded events.
 *
 * 1. Every token that anchors a verb pattern is tried against its patterns; actor slots match
 *    whole mentions. Heavier (longer) patterns win where matches overlap.
 * 2. A match is dropped when the sentence is a question, about sport/business/entertainment
 *    (discard phrases) or history, or when the verb is negated ("did not", "never"), modal or
 *    future ("could", "would", "will"), conditional ("if", "unless"), an infinitive ("to
 *    attack" after a verb the dictionary did not claim) or a gerund after a preposition ("accused
 *    of attacking").
 * 3. Source: a $S slot, else the subject — the nearest actor before the verb in its clause
 *    (after "X, which/who", still X; a second verb joined by "and" shares the first's subject).
 *    Passive voice ("was attacked by Y", "hit by Y") swaps roles. Target: a $T slot, else the
 *    first actor after the verb phrase in its clause, never a place ("in Seoul").
 * 4. Compound actors ("Japan and South Korea") give one event per pair; reciprocal meetings
 *    ("A and B held talks", "talks between A and B") are coded both ways.
 * 5. Statements (01x) are kept only when nothing else was coded for the same speaker. */
#ifndef DYAD_ENGINE_H
#define DYAD_ENGINE_H
#include <stdint.h>
#include "actors/recog.h"
#include "events/verbs.h"
#include "text/token.h"
#include "util/arena.h"

#define DYAD_NO_MENTION UINT32_MAX

typedef struct dyad_raw_event {
    uint32_t source, target;     /* mention indices; target may be DYAD_NO_MENTION */
    const dyad_pattern *pattern;
    const dyad_code_info *code;  /* usually the pattern's; an intent code for "will visit" */
    uint32_t tok_start, tok_end; /* the verb phrase */
    const char *implied_target;  /* protests with no named target: the protesters' government */
    const char *implied_country;
} dyad_raw_event;

typedef struct dyad_sentence_flags {
    int history;     /* the sentence's date lies well before publication */
    int future;      /* "next week" */
    /* mentions [0, own) are the sentence's; any after them are actors of earlier sentences,
     * with no tokens, which only "the two leaders" / "both sides" may stand for (0 = all own) */
    uint32_t own;
} dyad_sentence_flags;

int dyad_code_sentence(const dyad_verb_dict *v, dyad_arena *a, const char *body,
                       const dyad_token *t, uint32_t nt, const dyad_mention *m, uint32_t nm,
                       dyad_sentence_flags flags, dyad_raw_event **out, uint32_t *n);
#endif

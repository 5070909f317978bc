/* recog.h — actor recognition in running text.
 *
 * For each sentence: longest dictionary match over tokens, then composition of neighbouring
 * matches into one mention ("South Korean" + "lawmakers" = KORLEG; "Indian Prime Minister" +
 * "Narendra Modi" = the person's dated code; "Foreign Minister" + unknown capitalised words =
 * a new person), then in-document coreference (a surname, "Secretary Blinken", "the secretary",
 * an unambiguous "he"/"she"). Mentions after in/at/near are marked as places. */
#ifndef DYAD_RECOG_H
#define DYAD_RECOG_H
#include <stdint.h>
#include "actors/dict.h"
#include "text/token.h"
#include "util/arena.h"

typedef enum {
    MENTION_ACTOR = 0,   /* named actor or person */
    MENTION_COUNTRY,     /* a bare country (name or adjective) */
    MENTION_AGENT,       /* a sector without a country ("police") */
    MENTION_PRONOUN      /* he/she resolved to a person */
} dyad_mention_kind;

typedef struct dyad_mention {
    uint32_t tok_start, tok_end;   /* [tok_start, tok_end) in the sentence's tokens */
    uint32_t start, end;           /* bytes in the body */
    const char *code, *country, *name;
    uint8_t kind;
    uint8_t is_person;
    uint8_t is_place;              /* after in/at/near: a location, not a target */
} dyad_mention;

#define DYAD_COREF_MAX 64
typedef struct dyad_coref_person {
    uint64_t surname;      /* hash of the last name token */
    uint64_t title;        /* hash of the title's last token (0 if none) */
    uint64_t title_head;   /* and of its first ("secretary" in "Secretary of State") */
    const char *code, *country, *name;
    uint8_t female;        /* unknown: both pronouns may resolve */
    uint32_t sent;         /* last sentence it was mentioned in */
} dyad_coref_person;

/* Per-document recognition state (coreference memory). Zero-initialise. */
typedef struct dyad_coref {
    dyad_coref_person people[DYAD_COREF_MAX];
    uint32_t n;
    const char *last_country;     /* country of the last mention that had one */
    uint32_t last_country_sent;
} dyad_coref;

/* Tokens seen and dictionary probes made by this thread (for benchmarks). */
extern _Thread_local uint64_t dyad_recog_tokens, dyad_recog_lookups;

/* Recognise actors in one sentence. `day` is the sentence's event date (day number or
 * DYAD_NO_DATE) used for dated roles. Mentions go to *out (arena), count to *n. */
int dyad_recognize(const dyad_actor_dict *d, dyad_arena *a, const char *body,
                   const dyad_token *t, uint32_t nt, int32_t day, uint32_t sent_index,
                   dyad_coref *coref, dyad_mention **out, uint32_t *n);
#endif

/* dates.h — the date of a sentence's events, from the publication date and what the sentence
 * says: "on Tuesday", "yesterday", "last week", "on January 5", "5 January 2023", "on the 12th
 * (local time)", "in early March", "last month", "in 2019". The first expression wins. */
#ifndef DYAD_DATES_H
#define DYAD_DATES_H
#include <stdint.h>
#include "text/token.h"
#include "util/date.h"

typedef struct dyad_when {
    int32_t day;          /* DYAD_NO_DATE when unknown */
    dyad_prec prec;
    const char *prec_name;   /* "day", "week", "month", "year", "" */
    int history;          /* the sentence is about a time well before publication */
    int future;           /* "next week", "on Friday" after a future marker */
    int explicit_date;    /* the sentence gave the date (else it is the publication date) */
} dyad_when;

void dyad_dates_init(void);
/* Number of tokens of a time phrase starting at token i ("on Monday", "on Tuesday night",
 * "yesterday", "on the 12th", "last week", "early on Saturday"), 0 when there is none. Lets
 * patterns match across "X condemned on Monday the ...". */
uint32_t dyad_time_phrase_len(const char *body, const dyad_token *t, uint32_t nt, uint32_t i);
/* pub is the publication day (or DYAD_NO_DATE). */
dyad_when dyad_sentence_date(const char *body, const dyad_token *t, uint32_t nt, int32_t pub);
#endif

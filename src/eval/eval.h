/* eval.h — scoring coded events against gold events.
 *
 * Two levels: "dyad" compares (source actor key, target actor key, root code) where an actor
 * key is its country (first three letters of a country-based code) or, for organisations, the
 * organisation (the first six letters: IGOUNOHRI, the UN Human Rights Council, counts as IGOUNO,
 * as an agency of a state counts as the state); "full" compares (source code, target code, full CAMEO code).
 * Within a sentence, gold and predicted events are matched one-to-one (a multiset
 * intersection). A confusion table by root counts, for every gold event whose dyad was
 * predicted, which root was predicted (index 0 = nothing predicted / not in gold). */
#ifndef DYAD_EVAL_H
#define DYAD_EVAL_H
#include <stddef.h>

typedef struct dyad_eval_event {
    char source[24], target[24];   /* target "" when none */
    char code[8];
    char date[11];                 /* "" when not given */
} dyad_eval_event;

typedef struct dyad_eval_counts {
    size_t tp, fp, fn;
} dyad_eval_counts;

typedef struct dyad_eval {
    dyad_eval_counts dyad, full;
    size_t confusion[21][21];      /* [gold root][predicted root], 0 = none */
    size_t dates_checked, dates_right;
    size_t sentences, sentences_perfect;
} dyad_eval;

/* Score one sentence. Returns 1 when the sentence is perfect at the dyad level. */
int dyad_eval_sentence(dyad_eval *ev, const dyad_eval_event *gold, size_t ng,
                       const dyad_eval_event *pred, size_t np);
double dyad_eval_precision(const dyad_eval_counts *c);
double dyad_eval_recall(const dyad_eval_counts *c);
double dyad_eval_f1(const dyad_eval_counts *c);
/* The key used at the dyad level (writes into out, 24 bytes). */
void dyad_eval_actor_key(const char *code, char out[24]);
#endif

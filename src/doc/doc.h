/* doc.h — a coded document: its arena, article copy, sentences, mentions and events.
 * This is the concrete struct behind the public dyad_result handle. */
#ifndef DYAD_DOC_H
#define DYAD_DOC_H
#include "dyad.h"
#include "text/sent.h"
#include "util/arena.h"

struct dyad_result {
    dyad_arena arena;        /* everything below lives here */
    dyad_article article;    /* copied strings */
    dyad_span *sent;
    uint32_t n_sent;
    dyad_event *ev;
    size_t n_ev, cap_ev;
    dyad_actor *mentions;
    size_t n_mentions, cap_mentions;
};

dyad_result *dyad_doc_new(const dyad_article *a);
/* Append to the growing arrays (arena-backed). Return 0 or -1 on allocation failure. */
int dyad_doc_add_event(dyad_result *r, const dyad_event *e);
int dyad_doc_add_mention(dyad_result *r, const dyad_actor *m);
#endif

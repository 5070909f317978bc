/* format.h — event records as JSONL or TSV text (the stdout sinks). */
#ifndef DYAD_FORMAT_H
#define DYAD_FORMAT_H
#include "dyad.h"
#include "util/buf.h"

/* Append one event of article `art` to b. Returns 0 or -1 (out of memory). */
int dyad_event_jsonl(dyad_buf *b, const dyad_article *art, const dyad_event *e);
int dyad_event_tsv(dyad_buf *b, const dyad_article *art, const dyad_event *e);
/* Append one actor mention as JSONL {doc, text, start, end, code, country, name}. */
int dyad_mention_jsonl(dyad_buf *b, const dyad_article *art, const dyad_actor *m);
#endif

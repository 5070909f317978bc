/* coder.h — the dyad_coder handle: dictionaries and code table, shared read-only by threads. */
#ifndef DYAD_CODER_H
#define DYAD_CODER_H
#include "actors/dict.h"
#include "dyad.h"
#include "events/codes.h"
#include "events/verbs.h"
#include "util/buf.h"

struct dyad_coder {
    char datadir[4096];
    dyad_actor_dict *actors;
    dyad_verb_dict *verbs;
    dyad_code_table codes;
    dyad_buf warnings;
    size_t n_warnings;
};

/* Find the data directory as dyad_coder_open() does; writes it to out. Returns 0 or -1. */
int dyad_find_datadir(const char *given, char *out, size_t outlen);
/* Open with strict checks (duplicates, unknown codes, overlaps) for `dyad dict check`. */
dyad_coder *dyad_coder_open_strict(const char *datadir, int strict, char *err, size_t errlen);
#endif

/* codes.h — the CAMEO event code table (data/cameo.tsv): name, Goldstein value, quad class,
 * PLOVER category and mode for every code. */
#ifndef DYAD_CODES_H
#define DYAD_CODES_H
#include <stddef.h>
#include "dyad.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/hmap.h"

typedef struct dyad_code_table {
    dyad_arena mem;
    dyad_code_info *codes;
    size_t n, cap;
    dyad_hmap index;   /* hash of code string -> index */
} dyad_code_table;

/* Load the table; line problems go to warnings. Returns -1 (err set) when the file cannot be
 * read or holds no codes. */
int dyad_codes_load(dyad_code_table *t, const char *path, dyad_buf *warnings, size_t *nwarn,
                    char *err, size_t errlen);
const dyad_code_info *dyad_codes_find(const dyad_code_table *t, const char *code);
void dyad_codes_free(dyad_code_table *t);
#endif

/* dictfile.h — the line reader shared by every dictionary loader.
 *
 * Reads a UTF-8 text file line by line, strips `#` comments and trailing white space, follows
 * `@include FILE` (relative to the including file, at most 16 deep, never the same file twice
 * in one chain), and hands each remaining line to a callback with its file and line number.
 * Lines starting with white space are flagged as indented (role lines, continuation). */
#ifndef DYAD_DICTFILE_H
#define DYAD_DICTFILE_H
#include <stddef.h>
#include "util/buf.h"

typedef struct dyad_dictline {
    const char *file;     /* path as opened (stable for the loader's lifetime? no: copy it) */
    unsigned line;
    char *text;           /* the line, comment removed, trimmed; writable */
    size_t len;
    int indented;
    int depth;            /* include depth (0 = the top file) */
    unsigned file_seq;    /* increases with every file opened: sections end with their file */
} dyad_dictline;

typedef int (*dyad_dictline_fn)(void *ctx, const dyad_dictline *l);

/* Returns 0, or -1 when `path` itself cannot be opened (message in err). Problems in included
 * files and callback failures are added to warnings as "file:line: message". The callback
 * returns 0 to go on, -1 to stop (out of memory). */
int dyad_dictfile_read(const char *path, dyad_dictline_fn fn, void *ctx, dyad_buf *warnings,
                       size_t *n_warnings, char *err, size_t errlen);

/* Append "file:line: message\n" to warnings. */
void dyad_dict_warn(dyad_buf *warnings, size_t *n, const char *file, unsigned line,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Split s at '|' into trimmed fields (modifies s). Returns the count (at most max). */
int dyad_split_fields(char *s, char sep, char **fields, int max);
char *dyad_trim(char *s);
#endif

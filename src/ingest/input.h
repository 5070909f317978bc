/* input.h — where articles come from: files, directories (recursive), stdin.
 *
 * dyad_ingest_path() walks a path and hands every article it finds to a callback, in a stable
 * order (directory entries sorted by name). Problems are reported through an error callback as
 * (path, line, message) and never stop the walk: the other inputs are still processed. */
#ifndef DYAD_INPUT_H
#define DYAD_INPUT_H
#include <stddef.h>
#include "dyad.h"

typedef struct dyad_ingest_opts {
    const char *default_date;   /* YYYY-MM-DD used when an article has none, or NULL */
    size_t max_bytes;           /* largest input file accepted (0: 1 GiB) */
    int keep_boilerplate;       /* 1: do not remove "- Advertisement -" style lines */
} dyad_ingest_opts;

typedef struct dyad_ingest_stats {
    size_t files, articles, bytes, skipped, errors;
} dyad_ingest_stats;

/* Return 0 to go on, -1 to stop everything (e.g. output failed). */
typedef int (*dyad_article_fn)(void *ctx, const dyad_article *a);
/* severity: 0 = note (skipped input), 1 = error (bad input) */
typedef void (*dyad_problem_fn)(void *ctx, int severity, const char *path, unsigned line,
                                const char *msg);

typedef struct dyad_ingest {
    dyad_ingest_opts opts;
    dyad_article_fn on_article;
    dyad_problem_fn on_problem;
    void *ctx;
    dyad_ingest_stats stats;
    int stop;
} dyad_ingest;

/* "-" is stdin. Returns 0, or -1 when the callback asked to stop. */
int dyad_ingest_path(dyad_ingest *in, const char *path);

/* Read a whole file (or stdin for "-") into a malloc'd NUL-terminated buffer. Returns 0, or -1
 * with a message in err. Files larger than max are refused. */
int dyad_read_all(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen);
#endif

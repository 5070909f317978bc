/* input.h — where articles come from: files, directories (recursive), stdin; plain text, HTML,
 * JSONL and WARC, each possibly gzip- or zstd-compressed.
 *
 * dyad_ingest_path() walks a path and hands every article it finds to a callback, in a stable
 * order (directory entries sorted by name). The format of a file comes from its extension
 * (.txt .html .htm .jsonl .ndjson .warc .wet, each also .gz/.zst), then from its content
 * ("WARC/1.", "<!doctype html", "<html", '{'); see docs/ingestion.md. JSONL and WARC files are
 * streamed record by record in constant memory; text and HTML files are read whole (up to
 * opts.max_bytes).
 *
 * Every article, whatever its format, goes through the same steps (dyad_ingest_emit): body
 * cleaning (boilerplate lines, dateline, closing "Source:"), the default date, language
 * identification (explicit metadata wins; articles not in opts.languages are skipped and
 * counted as non_english), duplicate removal (same normalised body: skipped and counted), then
 * the callback.
 *
 * Problems are reported through an error callback as (path, line, message) and never stop the
 * walk: the other inputs (and the other lines or records of the same file) are still processed.
 * Only the callback returning -1 stops everything. */
#ifndef DYAD_INPUT_H
#define DYAD_INPUT_H
#include <stdarg.h>
#include <stddef.h>
#include "dyad.h"
#include "ingest/boiler.h"
#include "util/arena.h"

typedef enum dyad_input_format {
    DYAD_IN_AUTO = 0,   /* by extension, then by content */
    DYAD_IN_TEXT,
    DYAD_IN_HTML,
    DYAD_IN_JSONL,
    DYAD_IN_WARC
} dyad_input_format;

/* JSONL field names. Each is a comma-separated list of alternatives, the first one present wins
 * ("content,body"); a dot walks into nested objects ("meta.published"). NULL: the default, which
 * is the field's own name ("text", "html", "title", "date", "url", "source", "language",
 * "author", "id"). */
typedef struct dyad_jsonl_fields {
    const char *text, *html, *title, *date, *url, *source, *language, *author, *id;
} dyad_jsonl_fields;

typedef struct dyad_ingest_opts {
    const char *default_date;       /* YYYY-MM-DD for articles that have none, or NULL */
    size_t max_bytes;               /* largest text/HTML file read whole, longest JSONL line
                                       (0: 64 MiB) */
    int keep_boilerplate;           /* 1: do not remove "- Advertisement -" style lines */
    const char *boilerplate_file;   /* pattern file (data/boilerplate.txt); NULL: built-in */
    const char *languages;          /* languages kept: NULL or "en" (default), "en,fr", "any" */
    int keep_duplicates;            /* 1: do not drop articles seen before in this run */
    int verbose;                    /* 1: a note for every non-English or duplicate article and
                                       every skipped WARC record */
    dyad_input_format format;       /* force a format (stdin, odd extensions) */
    dyad_jsonl_fields fields;
} dyad_ingest_opts;

typedef struct dyad_ingest_stats {
    size_t files;         /* files opened */
    size_t articles;      /* articles handed to the callback */
    size_t bytes;         /* input bytes read (decompressed) */
    size_t skipped;       /* inputs with no article text (empty file, listing page ...) */
    size_t errors;        /* problems reported with severity 1 */
    size_t non_english;   /* articles skipped for their language */
    size_t duplicates;    /* articles skipped as seen before */
} dyad_ingest_stats;

/* Return 0 to go on, -1 to stop everything (e.g. output failed). The article and its strings
 * are valid during the call only. */
typedef int (*dyad_article_fn)(void *ctx, const dyad_article *a);
/* severity: 0 = note (skipped input), 1 = error (bad input). line 0: no line number. */
typedef void (*dyad_problem_fn)(void *ctx, int severity, const char *path, unsigned line,
                                const char *msg);

struct dyad_ingest_state;

/* Zero-initialise, set opts and the callbacks; call dyad_ingest_finish() at the end. */
typedef struct dyad_ingest {
    dyad_ingest_opts opts;
    dyad_article_fn on_article;
    dyad_problem_fn on_problem;
    void *ctx;
    dyad_ingest_stats stats;
    int stop;
    struct dyad_ingest_state *state;   /* private: patterns, duplicate set */
} dyad_ingest;

/* Load the boilerplate patterns and set up the run. Called by dyad_ingest_path() when needed;
 * call it first to catch a bad pattern file early. Returns 0, or -1 with a message in err. */
int dyad_ingest_begin(dyad_ingest *in, char *err, size_t errlen);
/* "-" is stdin. Returns 0, or -1 when the callback asked to stop. */
int dyad_ingest_path(dyad_ingest *in, const char *path);
/* Free the run state. The stats stay readable. */
void dyad_ingest_finish(dyad_ingest *in);

/* The format a file name implies (AUTO when it says nothing). */
dyad_input_format dyad_input_format_of_name(const char *path);
/* The format the first bytes of a file show, given what its name says. */
dyad_input_format dyad_input_sniff(const char *p, size_t n, dyad_input_format by_name);
/* The id of a file: its name without directories and extensions ("stdin" for "-"). */
void dyad_file_id(const char *path, char *out, size_t n);

/* Read a whole file (or stdin for "-") into a malloc'd NUL-terminated buffer, decompressing
 * gzip/zstd. Returns 0, or -1 with a message in err. Files larger than max are refused. */
int dyad_read_all(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen);

/* ---- for the format readers (jsonl.c, warc.c) ---- */

/* The boilerplate patterns in force (NULL with --keep-boilerplate). */
const dyad_boiler *dyad_ingest_boiler(dyad_ingest *in);
/* Report a problem: counts errors (severity 1), and shows at most 100 problems per file. */
void dyad_ingest_report(dyad_ingest *in, int severity, const char *path, unsigned line,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Extract an HTML page into *a: the page's metadata fills only the fields still NULL; the body
 * is cleaned. Strings live in mem. Returns 0, or -1 with a message in err. */
int dyad_ingest_html(dyad_ingest *in, dyad_arena *mem, const char *html, size_t len,
                     dyad_article *a, char *err, size_t errlen);
/* Hand a finished article (body cleaned, id and path set) to the callback after the date,
 * language and duplicate steps. `line` (or 0) is for notes. Returns 0, or -1 when the callback
 * asked to stop. */
int dyad_ingest_emit(dyad_ingest *in, dyad_article *a, unsigned line);
#endif

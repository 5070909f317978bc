/* text.h — plain-text articles and the body cleaning every format goes through.
 *
 * A text article may open with header lines (Title:, Date:, Source:, URL:, Author:, Language:,
 * Id:, and aliases such as Headline:, Published:, Link:, Byline:) ending at a blank line or at
 * the first line that is not a header. The body — of a text file, a JSONL record or an HTML page
 * — is cleaned by dyad_body_clean(): scraped boilerplate lines removed (see boiler.h), an opening
 * dateline ("SEOUL (Agency) -", see dateline.h) and a closing "Source: X" line turned into
 * metadata, white space tidied, paragraphs separated by one blank line. UTF-8 is repaired
 * (invalid bytes become U+FFFD) and NUL bytes become spaces, each reported. */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H
#include <stddef.h>
#include "dyad.h"
#include "ingest/boiler.h"
#include "util/arena.h"

typedef void (*dyad_text_problem_fn)(void *ctx, unsigned line, const char *msg);

/* Parse a text article buf into *a (fields not found stay as they were); strings point into
 * arena memory. bp: boilerplate patterns, NULL to keep every line. Returns 0, -1 when out of
 * memory. Problems (bad date, repaired bytes) go to `problem` with a line number. */
int dyad_text_parse(dyad_arena *mem, const char *buf, size_t len, const dyad_boiler *bp,
                    dyad_article *a, dyad_text_problem_fn problem, void *ctx);

/* Clean a body s[0..n) (valid UTF-8) into a->body/body_len; may set a->place, and a->source when
 * it is NULL (from the dateline agency or a closing "Source:" line). Returns 0 or -1 (memory). */
int dyad_body_clean(dyad_arena *mem, const char *s, size_t n, const dyad_boiler *bp, dyad_article *a);

/* Normalise a date string (2024-02-20, 2024-02-20T10:00Z, February 20, 2024, 20 Feb 2024,
 * Tue, 20 Feb 2024 10:00:00 GMT; 02/20/2024 is refused as ambiguous) into out[11]. 0 or -1. */
int dyad_normalize_date(const char *s, size_t len, char out[11]);

/* Is this line scraped boilerplate by the built-in patterns? */
int dyad_is_boilerplate_line(const char *s, size_t len);

/* Repair UTF-8 into arena memory (invalid sequences -> U+FFFD, NUL -> space). Sets *fixed to
 * the number of repairs and *nuls to the NUL bytes replaced. */
char *dyad_utf8_repair(dyad_arena *mem, const char *s, size_t len, size_t *outlen, size_t *fixed,
                       size_t *nuls);
#endif

/* text.h — plain-text articles: optional header lines (Title:, Date:, Source:, URL:, Author:,
 * Language:) ending at a blank line, a body, scraped boilerplate lines removed ("- Advertisement
 * -", "Share This Post", cookie and newsletter lines), an opening dateline ("SEOUL (Agency) -")
 * and a closing "Source: X" line turned into metadata. UTF-8 is repaired (invalid bytes become
 * U+FFFD) and NUL bytes become spaces, each reported. */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H
#include <stddef.h>
#include "util/arena.h"
#include "dyad.h"

typedef void (*dyad_text_problem_fn)(void *ctx, unsigned line, const char *msg);

/* Parse buf into *a; strings point into arena memory. keep_boilerplate=1 leaves lines alone. */
int dyad_text_parse(dyad_arena *mem, const char *buf, size_t len, int keep_boilerplate,
                    dyad_article *a, dyad_text_problem_fn problem, void *ctx);

/* Normalise a date string (2024-02-20, 2024-02-20T10:00Z, February 20, 2024, 20 Feb 2024,
 * 02/20/2024 is refused as ambiguous) into out[11]. Returns 0 or -1. */
int dyad_normalize_date(const char *s, size_t len, char out[11]);

/* Is this line scraped boilerplate? */
int dyad_is_boilerplate_line(const char *s, size_t len);

/* Repair UTF-8 into arena memory (invalid sequences -> U+FFFD, NUL -> space). Sets *fixed to
 * the number of repairs. */
char *dyad_utf8_repair(dyad_arena *mem, const char *s, size_t len, size_t *outlen, size_t *fixed,
                       size_t *nuls);
#endif

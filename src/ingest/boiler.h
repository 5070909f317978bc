/* boiler.h — the lines scraped pages leave in article text ("- Advertisement -", "Share This
 * Post", "No menu items!", cookie and newsletter notices), read from a user-editable pattern
 * file (data/boilerplate.txt) or the built-in copy of it.
 *
 * Pattern file: one pattern a line, '#' starts a comment line, blank lines ignored.
 *   text        the whole line is text
 *   text*       the line starts with text (then a word boundary)
 *   *text*      the line contains text
 *   !text       tail marker: like `text`; when at least 200 bytes of article came before it and
 *               what follows looks like a list (short lines, no paragraphs of prose), this line
 *               and everything after it are dropped ("Related Posts" and a list of headlines)
 *   !!text      end marker: when at least 200 bytes came before, drop this line and the rest
 *               whatever follows ("Comments", "Leave a Reply")
 * The markers combine with the forms above (!text*, !!*text*).
 * Lines and patterns are compared after the same normalisation: lower case, runs of white space
 * (also no-break space) become one space, every run of digits becomes a single 0, and bullets,
 * dashes, pipes, arrows and closing '.', ':', '!', '?', '…' are stripped from both ends (only from
 * the start for prefix patterns). Prefix and contains patterns apply to lines of at most 200
 * bytes only: a long line is prose even when it opens like a notice. */
#ifndef DYAD_BOILER_H
#define DYAD_BOILER_H
#include <stddef.h>

typedef struct dyad_boiler dyad_boiler;

enum { DYAD_BOILER_NO = 0, DYAD_BOILER_LINE = 1, DYAD_BOILER_TAIL = 2, DYAD_BOILER_END = 3 };

/* Load patterns from a file. Returns NULL with "path:line: message" (or the open error) in err. */
dyad_boiler *dyad_boiler_load(const char *path, char *err, size_t errlen);
/* Parse patterns from a string in the file format; `name` is used in messages. */
dyad_boiler *dyad_boiler_parse(const char *text, size_t len, const char *name, char *err, size_t errlen);
/* The built-in patterns (same as the shipped data/boilerplate.txt). Never NULL unless out of
 * memory; shared, do not free. Thread-safe. */
const dyad_boiler *dyad_boiler_default(void);
/* The built-in pattern text itself. */
const char *dyad_boiler_default_text(void);
void dyad_boiler_free(dyad_boiler *b);
size_t dyad_boiler_count(const dyad_boiler *b);

/* DYAD_BOILER_NO, _LINE (drop the line), _TAIL (tail marker) or _END (end marker). */
int dyad_boiler_match(const dyad_boiler *b, const char *line, size_t len);
#endif

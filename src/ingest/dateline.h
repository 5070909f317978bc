/* dateline.h — the opening dateline of a wire story, turned into metadata:
 *
 *   SEOUL (Reuters) - ...                     place "Seoul", agency "Reuters"
 *   SEOUL, Feb 20 (Reuters) - ...             the date part is dropped
 *   KYIV, Ukraine (AP) — ...                  place "Kyiv, Ukraine"
 *   BEIJING, Feb. 20 (Xinhua) -- ...          place "Beijing", agency "Xinhua"
 *   MOSCOW, February 20. /TASS/. ...          agency "TASS"
 *   Paris (AFP) - ...                         title case needs an agency
 *   New Delhi, Feb 20 (PTI) The ...           no dash: only for known agencies
 *   WASHINGTON — ...   NEW DELHI: ...         no agency: capitals, and a sentence must follow
 *   (Reuters) - ...                           agency only
 *
 * Headline-like lines ("BREAKING - ...", "NATO - Russia council meets") are not datelines. */
#ifndef DYAD_DATELINE_H
#define DYAD_DATELINE_H
#include <stddef.h>
#include "util/arena.h"

/* Look for a dateline at the start of line b[0..n). Returns how many bytes to drop (the dateline
 * and the separator and spaces after it), 0 when there is none. *place (title-cased) and *agency
 * are arena strings, or NULL when absent. */
size_t dyad_dateline(dyad_arena *m, const char *b, size_t n, const char **place, const char **agency);

/* Is name a known news agency (Reuters, AP, AFP, Xinhua, TASS, ...)? Case-insensitive. */
int dyad_known_agency(const char *name, size_t n);
#endif

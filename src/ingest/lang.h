/* lang.h — a small, fast language identifier for news text, to keep non-English articles out of
 * the English coder.
 *
 * Letters are counted by script (Unicode block): text mostly in Cyrillic, Arabic, Han, Kana,
 * Hangul, Greek, Hebrew, Devanagari, Thai ... gets that script's language (ru/uk/bg/sr, ar/fa/ur,
 * zh, ja, ko, el, he, hi, th ...). Latin-script text is scored by its function words in English,
 * French, Spanish, German, Italian, Portuguese, Dutch, Swedish, Danish/Norwegian, Polish, Turkish,
 * Indonesian, Romanian, Czech, Hungarian and Finnish. Only the first 3 KB are read. Too little
 * text (fewer than 8 words) or no clear winner gives "und" (undetermined). */
#ifndef DYAD_LANG_H
#define DYAD_LANG_H
#include <stddef.h>

/* Returns a static ISO 639-1 code ("en", "fr", "zh" ...) or "und". Thread-safe. */
const char *dyad_lang_detect(const char *text, size_t len);

/* Normalise a language label from metadata ("en-US", "EN_gb", "English", "eng", "fra",
 * "français") to an ISO 639-1 code in out (at least 8 bytes). Returns 0, or -1 when the label
 * is empty or unknown ("und", "x-default", "mul"). */
int dyad_lang_normalise(const char *label, char *out, size_t outlen);

/* Is code (ISO 639-1) in the comma-separated list ("en", "en,fr")? "any" matches everything;
 * "und" (undetermined) is always accepted. */
int dyad_lang_wanted(const char *list, const char *code);
#endif

/* charset.h - character set detection and conversion to UTF-8 for fetched pages.
 *
 * Part of the dyad ingestion stage.  All functions are thread-safe and
 * allocate with malloc(); callers free the returned buffers.
 */
#ifndef DYAD_INGEST_CHARSET_H
#define DYAD_INGEST_CHARSET_H

#include <stddef.h>

/* Detects the character set of an HTML byte buffer.
 * Order: byte-order mark, then <meta charset=...> or
 * <meta http-equiv="content-type" content="...; charset=..."> within the
 * first 16 KB.  Writes a normalised iconv name (e.g. "UTF-8",
 * "WINDOWS-1252", "CP932", "GB18030") into name (namelen bytes) and the
 * length of the BOM to skip into *bom_len.
 * Returns 1 when a charset was found (BOM or declaration), 0 when nothing
 * was declared (name then holds "UTF-8"). */
int dyad_charset_detect(const char *buf, size_t len, char *name, size_t namelen,
                        size_t *bom_len);

/* Maps a charset label as found in documents or HTTP headers to the name
 * iconv should use (WHATWG-style aliases: latin1 -> WINDOWS-1252,
 * gb2312 -> GB18030, shift_jis -> CP932 ...).  Returns 0 and writes out, or
 * -1 when the label is empty or too long. */
int dyad_charset_normalise(const char *label, size_t label_len, char *out, size_t outlen);

/* Returns 1 when buf is entirely valid UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF), 0 otherwise. */
int dyad_utf8_valid(const char *buf, size_t len);

/* Counts invalid UTF-8 sequences in buf (at most 'stop_after'). */
size_t dyad_utf8_count_invalid(const char *buf, size_t len, size_t stop_after);

/* Returns a NUL-terminated copy of buf in which every invalid UTF-8
 * sequence is replaced by U+FFFD, NUL bytes and C0 control characters other
 * than TAB, LF and CR are replaced by a space.  *outlen gets the length.
 * Returns NULL on allocation failure. */
char *dyad_utf8_sanitize(const char *buf, size_t len, size_t *outlen);

/* Converts buf from 'charset' (an iconv name) to sanitized UTF-8 (see
 * dyad_utf8_sanitize).  Undecodable bytes become U+FFFD.  Returns a
 * NUL-terminated malloc'd buffer, or NULL when iconv does not know the
 * charset or memory runs out. */
char *dyad_charset_to_utf8(const char *buf, size_t len, const char *charset, size_t *outlen);

/* Convenience: detect (BOM / meta), fall back to WINDOWS-1252 when nothing
 * is declared and the bytes are clearly not UTF-8, convert, sanitize.
 * Writes the charset used into used (usedlen bytes) when used != NULL.
 * Returns NULL on allocation failure only (unknown charsets are treated as
 * UTF-8). */
char *dyad_charset_decode_html(const char *buf, size_t len, size_t *outlen,
                               char *used, size_t usedlen);

#endif

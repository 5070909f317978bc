/* stream.h — a buffered reader over a file or stdin that decompresses gzip (also concatenated
 * members, as in .warc.gz) and zstd on the fly, chosen by magic number, never holding more than
 * a few hundred KB in memory. JSONL and WARC are read through it record by record.
 *
 * Offsets (dyad_stream_tell) count decompressed bytes from the start of the stream. Errors are
 * sticky: after a read error (I/O, corrupt or truncated compressed data) every call reports it
 * and dyad_stream_error() says what happened. */
#ifndef DYAD_STREAM_H
#define DYAD_STREAM_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

typedef struct dyad_stream dyad_stream;

typedef enum dyad_stream_codec { DYAD_CODEC_NONE, DYAD_CODEC_GZIP, DYAD_CODEC_ZSTD } dyad_stream_codec;

/* "-" is stdin. Returns NULL with a message in err when the file cannot be opened. */
dyad_stream *dyad_stream_open(const char *path, char *err, size_t errlen);
/* Read from an already open descriptor (not closed by dyad_stream_close). */
dyad_stream *dyad_stream_fdopen(int fd, char *err, size_t errlen);
void dyad_stream_close(dyad_stream *s);

dyad_stream_codec dyad_stream_codec_of(const dyad_stream *s);

/* Make up to `want` (at most 64 KB) decompressed bytes available without consuming them. Sets *p
 * and returns how many are there: fewer than want only at the end of the data or on error. */
size_t dyad_stream_peek(dyad_stream *s, size_t want, const char **p);

/* Read up to n bytes. Returns the count, 0 at the end, -1 on error. */
long dyad_stream_read(dyad_stream *s, void *buf, size_t n);

/* Discard n bytes. Returns how many were discarded (fewer at the end or on error). */
uint64_t dyad_stream_skip(dyad_stream *s, uint64_t n);

/* Read one line into `line` (cleared first, without the '\n'; a trailing '\r' is removed too).
 * At most `limit` bytes are consumed in all (0: no limit), so a line reader cannot run past the
 * end of a record. Lines longer than `max` keep their first `max` bytes, the rest is consumed and
 * *too_long set. Returns 1 for a line (also a last line without '\n'), 0 at the end, -1 on
 * error. */
int dyad_stream_line(dyad_stream *s, dyad_buf *line, size_t max, uint64_t limit, int *too_long);

/* Decompressed bytes consumed so far. */
uint64_t dyad_stream_tell(const dyad_stream *s);
/* Raw (compressed) bytes read from the file so far. */
uint64_t dyad_stream_raw_bytes(const dyad_stream *s);
/* 1 after an error; the message, or NULL when there was none. */
const char *dyad_stream_error(const dyad_stream *s);
#endif

/* warc.h — articles from WARC files (ISO 28500; Common Crawl), streamed record by record.
 *
 * `response` records whose HTTP payload is HTML (2xx status; Content-Type text/html or
 * application/xhtml+xml, or no type and a payload that looks like HTML) become articles through
 * the HTML extractor; `conversion` records with text/plain payloads (Common Crawl WET files)
 * become text articles. The WARC-Target-URI is the url; the id is FILEID@OFFSET, the byte offset
 * of the record (in the decompressed stream). Other records (request, metadata, warcinfo,
 * revisit, images ...) are skipped without reading them into memory. Chunked transfer encoding
 * and gzip/deflate content encoding of HTTP payloads are undone.
 *
 * A malformed record (no "WARC/" version line, a bad header line, no Content-Length, a payload
 * not followed by the blank lines its Content-Length promises) is reported as
 * "record at byte N: ..." and skipped; reading resumes at the next "WARC/" line. */
#ifndef DYAD_WARC_H
#define DYAD_WARC_H
#include "ingest/input.h"
#include "ingest/stream.h"

/* Read every record of s. Returns 0, or -1 when the article callback asked to stop. */
int dyad_warc_ingest(dyad_ingest *in, dyad_stream *s, const char *path, const char *fileid);
#endif

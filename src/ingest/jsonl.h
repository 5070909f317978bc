/* jsonl.h — articles from JSON Lines: one JSON object a line, streamed.
 *
 * The body comes from the text field, or else from the html field (run through the HTML
 * extractor); title, date, url, source, language, author and id fill the metadata (names
 * configurable, see dyad_jsonl_fields in input.h). Dates may be strings (normalised to
 * YYYY-MM-DD) or Unix times in seconds or milliseconds; author may be a string, an array of
 * strings or an object with a "name". Without an id field the id is FILEID:LINE. A bad line is
 * reported as path:LINE: message and skipped; the other lines are still read. */
#ifndef DYAD_JSONL_H
#define DYAD_JSONL_H
#include "ingest/input.h"
#include "ingest/stream.h"

/* Read every line of s. fileid: the file's id (see dyad_file_id). Returns 0, or -1 when the
 * article callback asked to stop. */
int dyad_jsonl_ingest(dyad_ingest *in, dyad_stream *s, const char *path, const char *fileid);
#endif

/* html.h - main-content and metadata extraction from news/article HTML pages.
 *
 * Part of the dyad ingestion stage.  See docs/ingestion.md, "HTML pages",
 * for the heuristics, the metadata precedence and the limits.
 *
 * Thread-safety: dyad_html_extract() keeps no global state of its own and
 * may be called from several threads at once (libxml2 must have been
 * initialised once with xmlInitParser(), which dyad_html_extract() also
 * does on first use).
 */
#ifndef DYAD_INGEST_HTML_H
#define DYAD_INGEST_HTML_H

#include <stddef.h>

/* Pages larger than this are rejected. */
#define DYAD_HTML_MAX_INPUT (32u * 1024u * 1024u)

typedef struct dyad_html_result {
    char *title;    /* NULL when none; malloc'd, UTF-8 */
    char *date;     /* publication date as YYYY-MM-DD or NULL */
    char *author;   /* all authors joined with "; " or NULL */
    char *source;   /* publisher / site name or NULL */
    char *url;      /* canonical URL or NULL */
    char *language; /* e.g. "en" from <html lang> or meta, or NULL */
    char *body;     /* main text: headings and paragraphs in order, separated by "\n\n" */
    size_t body_len;
} dyad_html_result;

/* Extracts the main text and metadata of the HTML page html[0..len).
 * The bytes may be in any charset declared by a BOM or <meta>; they are
 * converted to UTF-8.  On success returns 0 and fills *out (body is never
 * NULL on success; it is "" when the page has no article, e.g. a listing
 * page).  Returns -1 on failure (NULL arguments, empty or oversized input,
 * out of memory) with a message in err (errlen bytes) and *out zeroed.
 * Caller frees with dyad_html_result_free(). */
int dyad_html_extract(const char *html, size_t len, dyad_html_result *out, char *err, size_t errlen);

/* Frees the strings of r and zeroes it; r itself is not freed.  NULL-safe. */
void dyad_html_result_free(dyad_html_result *r);

#endif

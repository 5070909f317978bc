/* dyad.h — the public API of libdyad: political event coding from news text.
 *
 * The pipeline, in the order data flows:
 *
 *   dyad_article (body + metadata)          src/ingest   (text, HTML, JSONL, WARC readers)
 *     -> sentences -> tokens                src/text
 *     -> dates, actors                      src/events/dates, src/actors
 *     -> events (CAMEO, Goldstein, PLOVER)  src/events
 *     -> sinks                              src/sink, src/store
 *
 * Typical use:
 *
 *     char err[512];
 *     dyad_coder *c = dyad_coder_open(NULL, err, sizeof err);    // NULL: default data dir
 *     dyad_result *r = dyad_code_text(c, "doc1", text, len, "2024-02-20", err, sizeof err);
 *     for (size_t i = 0; i < dyad_result_event_count(r); i++)
 *         use(dyad_result_event(r, i));
 *     dyad_result_free(r);
 *     dyad_coder_free(c);
 *
 * Ownership: every pointer inside a dyad_result (events, actor strings, evidence) lives until
 * dyad_result_free(). A dyad_coder is immutable after opening and may be shared by threads.
 * The library never prints and never exits; errors come back as a status plus a message. */
#ifndef DYAD_H
#define DYAD_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_ENOMEM,     /* out of memory or over a size limit */
    DYAD_EIO,        /* cannot read or write a file */
    DYAD_EFORMAT,    /* malformed input (bad UTF-8 is repaired, not an error) */
    DYAD_ETOOBIG,    /* input over a configured size limit */
    DYAD_EDICT,      /* dictionary problem */
    DYAD_EUSAGE      /* bad argument */
} dyad_status;

/* Fixed English text for a status. Never NULL. */
const char *dyad_strerror(dyad_status s);
const char *dyad_version(void);

/* ---- articles ---------------------------------------------------------------------- */

/* One article as ingestion delivers it. Strings are UTF-8, NUL-terminated, may be NULL. */
typedef struct dyad_article {
    const char *id;        /* document id (file name without extensions, or given) */
    const char *path;      /* where it came from, for messages */
    const char *url, *title, *date, *author, *source, *language;
    const char *body;      /* clean text: paragraphs separated by blank lines */
    size_t body_len;
    const char *place;     /* dateline place ("SEOUL (Agency) -"), may be NULL */
} dyad_article;

/* ---- actors and events ------------------------------------------------------------- */

typedef struct dyad_actor {
    const char *code;      /* CAMEO actor code, e.g. "USAGOV", "IGOUNO" */
    const char *country;   /* ISO alpha-3, "" for non-state actors */
    const char *name;      /* canonical name */
    const char *text;      /* the words in the document */
    uint32_t start, end;   /* byte offsets of the mention in the body */
} dyad_actor;

typedef struct dyad_event {
    uint32_t sent;               /* 0-based sentence index in the document */
    uint32_t sent_start, sent_end;   /* byte span of the sentence in the body */
    const char *evidence;        /* the sentence text */
    char date[11];               /* YYYY-MM-DD, "" when the article has no date */
    const char *date_precision;  /* "day", "month", "year" or "" */
    dyad_actor source;
    dyad_actor target;
    int has_target;
    char cameo[5];               /* "042", "1123" */
    char root[3];                /* "04" */
    double goldstein;
    int quad;                    /* 1..4 */
    const char *plover;          /* PLOVER category or "" */
    const char *plover_mode;     /* PLOVER mode or "" */
    const char *location_name;   /* NULL when the sentence names no place */
    const char *location_country;
    const char *verb;            /* the words that triggered the event */
} dyad_event;

typedef struct dyad_coder dyad_coder;
typedef struct dyad_result dyad_result;

/* Open the dictionaries in DATADIR (NULL: $DYAD_DATA, then the directory next to the
 * executable's ../data or ../share/dyad, then the install prefix). On failure returns NULL
 * and writes a message to err. Problems in single dictionary lines are not fatal; see
 * dyad_coder_warnings(). */
dyad_coder *dyad_coder_open(const char *datadir, char *err, size_t errlen);
void dyad_coder_free(dyad_coder *c);
/* Dictionary load warnings as "file:line: message\n" lines ("" when none). */
const char *dyad_coder_warnings(const dyad_coder *c);
/* Counts of loaded entries, for reports. */
size_t dyad_coder_actor_entries(const dyad_coder *c);
size_t dyad_coder_verb_patterns(const dyad_coder *c);

/* Code one article. Returns NULL only on allocation failure (err set). The article's strings
 * are copied; the caller may free them afterwards. */
dyad_result *dyad_code_article(const dyad_coder *c, const dyad_article *a, char *err, size_t errlen);
/* Convenience: code a bare text with an optional publication date (YYYY-MM-DD or NULL). */
dyad_result *dyad_code_text(const dyad_coder *c, const char *id, const char *text, size_t len,
                            const char *date, char *err, size_t errlen);

/* Code n articles using up to `threads` threads (the caller's thread included). results[i]
 * belongs to articles[i] (NULL when that article could not be coded: out of memory), so the
 * order never depends on the thread count. Returns 0. */
int dyad_code_many(const dyad_coder *c, const dyad_article *const *articles, size_t n,
                   dyad_result **results, int threads);

size_t dyad_result_event_count(const dyad_result *r);
const dyad_event *dyad_result_event(const dyad_result *r, size_t i);
size_t dyad_result_sentence_count(const dyad_result *r);
/* Every recognised actor mention, in document order (for `dyad actors`). */
size_t dyad_result_mention_count(const dyad_result *r);
const dyad_actor *dyad_result_mention(const dyad_result *r, size_t i);
/* The article as coded (id, metadata, body) — valid until dyad_result_free(). */
const dyad_article *dyad_result_article(const dyad_result *r);
void dyad_result_free(dyad_result *r);

/* ---- output ------------------------------------------------------------------------ */

typedef enum dyad_format { DYAD_FMT_JSONL, DYAD_FMT_TSV } dyad_format;

/* Append the events of r to out (a malloc'd growing buffer: *out may be NULL, *len and *cap
 * 0 at first). Returns DYAD_OK or DYAD_ENOMEM. */
dyad_status dyad_format_events(const dyad_result *r, dyad_format fmt, char **out, size_t *len,
                               size_t *cap);
/* The header line for TSV output (with trailing newline). */
const char *dyad_tsv_header(void);

/* ---- code table -------------------------------------------------------------------- */

typedef struct dyad_code_info {
    const char *code, *name;
    double goldstein;
    int quad;
    const char *plover, *plover_mode;
} dyad_code_info;
size_t dyad_code_count(const dyad_coder *c);
const dyad_code_info *dyad_code_at(const dyad_coder *c, size_t i);
const dyad_code_info *dyad_code_lookup(const dyad_coder *c, const char *code);

#ifdef __cplusplus
}
#endif
#endif

/* store.h — the event database: coded documents stored in SQLite or PostgreSQL.
 *
 * One backend-neutral API over two backends, chosen by the name given to dyad_store_open():
 * "postgresql://..." or "postgres://..." is a PostgreSQL connection URL (libpq), anything else
 * is an SQLite file path. Both hold the same schema (docs/database.md):
 *
 *   documents       one row per distinct document (identity: content hash of the normalised body)
 *   sentences       every sentence of every document (span and text)
 *   actor_mentions  every recognised actor mention
 *   event_mentions  every coded event as `dyad code` prints it (every JSONL field), with its
 *                   document and sentence
 *   events          the aggregate, GDELT style: one row per (date, source, target, CAMEO code)
 *                   with NumMentions, NumSources (distinct outlets), NumArticles (distinct docs)
 *   schema_version  the schema version; older databases are migrated forward on open
 *
 * Writing: dyad_store_begin(), dyad_store_put_result() per document, dyad_store_commit(). A
 * document is either stored whole (its sentences, mentions, events and the aggregate counts,
 * in one transaction) or not at all; a document whose hash is already stored adds nothing.
 * dyad_store_add() does the batching for you (a commit every N documents or T seconds).
 *
 * Errors come back as -1 (or NULL) with a message naming the database and what is wrong.
 * Nothing here prints or exits. */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H
#include <stddef.h>
#include "dyad.h"

typedef struct dyad_store dyad_store;

enum {
    DYAD_STORE_READ = 1   /* open an existing database for queries; never create one */
};

/* The newest schema version this build knows. */
#define DYAD_STORE_SCHEMA_VERSION 4

dyad_store *dyad_store_open(const char *url_or_path, int flags, char *err, size_t errlen);
/* Rolls back an open transaction (what was not committed is not stored). */
void dyad_store_close(dyad_store *s);

int dyad_store_begin(dyad_store *s, char *err, size_t errlen);
/* Store one coded document in the open transaction. Returns 1 when it is new (SQLite) or
 * queued (PostgreSQL, where duplicates are counted at commit), 0 when already stored, -1 on
 * error (the transaction should then be rolled back). */
int dyad_store_put_result(dyad_store *s, const dyad_result *r, char *err, size_t errlen);
int dyad_store_commit(dyad_store *s, char *err, size_t errlen);
void dyad_store_rollback(dyad_store *s);

/* Batching: commit every `docs` documents or `seconds` seconds (defaults DYAD_STORE_BATCH_DOCS
 * and 0.5). 2,000 documents: each commit rewrites the last, partly filled pages of the tables
 * and the index pages of the current dates, so small transactions cost (BENCHMARKS.md:
 * 500 documents per commit, 184,000 events/s; 2,000, 220,000); a crash loses at most the
 * open transaction, half a second of work, which a rerun redoes. */
#define DYAD_STORE_BATCH_DOCS 2000
void dyad_store_set_batch(dyad_store *s, size_t docs, double seconds);
/* begin (if needed) + put_result + commit (when the batch is full). Same returns as put. */
int dyad_store_add(dyad_store *s, const dyad_result *r, char *err, size_t errlen);
/* Commit what dyad_store_add() has pending. */
int dyad_store_flush(dyad_store *s, char *err, size_t errlen);

/* Document identity: XXH3-128 of the body with whitespace runs folded to one space and the
 * ends trimmed, as 32 lower-case hex digits. */
void dyad_store_doc_hash(const char *body, size_t len, char out[33]);
/* 1 when a document with this hash is committed, 0 when not (or the backend cannot tell
 * cheaply), -1 on error. Lets `dyad code --db` skip coding what a previous run stored. */
int dyad_store_has_doc(dyad_store *s, const char *hash);

typedef struct dyad_store_stats {
    size_t docs_added;     /* new documents committed */
    size_t docs_dup;       /* documents already stored (skipped) */
    size_t events_added;   /* event mentions committed */
    size_t commits;
} dyad_store_stats;
const dyad_store_stats *dyad_store_get_stats(const dyad_store *s);
const char *dyad_store_backend(const dyad_store *s);   /* "sqlite" or "postgresql" */
const char *dyad_store_name(const dyad_store *s);      /* path, or URL without password */
int dyad_store_version(const dyad_store *s);            /* schema version after open */

/* ---- queries ---------------------------------------------------------------------- */

typedef struct dyad_store_filter {
    const char *actor;          /* source or target code; "USA*" is a prefix */
    const char *dyad_source;    /* with dyad_target: a directed dyad (either may be NULL) */
    const char *dyad_target;
    const char *code;           /* CAMEO code; "04*" is a prefix */
    const char *root;           /* CAMEO root code, "04" */
    int quad;                   /* 1..4, 0 = any */
    const char *from, *to;      /* event date range YYYY-MM-DD, inclusive */
    const char *country;        /* source or target country (ISO alpha-3) */
    const char *outlet;         /* news outlet (document source) */
    const char *text;           /* substring of the evidence sentence (case-insensitive) */
    long limit;                 /* 0 = all rows */
} dyad_store_filter;

typedef enum dyad_store_query_kind {
    DYAD_Q_EVENTS,       /* aggregated events */
    DYAD_Q_MENTIONS,     /* event mentions (the `dyad code` records) */
    DYAD_Q_SERIES,       /* per period and dyad: number of events, mean Goldstein */
    DYAD_Q_TOP_ACTORS,   /* actors by number of events */
    DYAD_Q_TOP_DYADS     /* dyads by number of events */
} dyad_store_query_kind;

/* One result row: ncol values (NULL for SQL NULL) named by names. Return non-zero to stop. */
typedef int (*dyad_store_row_fn)(void *ctx, size_t ncol, const char *const *names,
                                 const char *const *vals);

/* Run a query. period ("day", "week", "month") is used by DYAD_Q_SERIES. Returns the number
 * of rows delivered or -1 on error. Columns, in order:
 *   EVENTS:   id date source_code source_name source_country target_code target_name
 *             target_country cameo root quad goldstein num_mentions num_sources num_articles
 *             min_sent location_name location_country url first_added
 *   MENTIONS: event_id doc doc_hash sent date date_precision source_code source_country
 *             source_name source_text has_target target_code target_country target_name
 *             target_text cameo root goldstein quad plover plover_mode location_name
 *             location_country verb evidence span_start span_end url outlet
 *   SERIES:   period source_code target_code events mean_goldstein
 *   TOP_ACTORS: actor events mentions       TOP_DYADS: source_code target_code events mentions */
long dyad_store_query(dyad_store *s, dyad_store_query_kind kind, const dyad_store_filter *f,
                      const char *period, dyad_store_row_fn fn, void *ctx, char *err,
                      size_t errlen);

/* Totals: documents, sentences, actor mentions, event mentions, aggregated events. */
typedef struct dyad_store_counts {
    long long documents, sentences, actor_mentions, event_mentions, events;
} dyad_store_counts;
int dyad_store_count(dyad_store *s, dyad_store_counts *out, char *err, size_t errlen);

/* Verify the database: the engine's own check (SQLite integrity_check) and dyad's invariants
 * (every document has all its rows; every aggregate equals what its mentions give). Returns 0
 * when consistent, 1 with the first problem in err, -1 on error. */
int dyad_store_check(dyad_store *s, char *err, size_t errlen);

/* For tests: apply migrations only up to this version on open (0 = all). */
void dyad_store_test_limit_version(int v);
#endif

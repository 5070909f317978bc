/* store_impl.h — what the store backends (sqlite.c, pg.c) share with store.c and query.c. */
#ifndef DYAD_STORE_IMPL_H
#define DYAD_STORE_IMPL_H
#include <stdint.h>
#include <time.h>
#include "store/store.h"
#include "util/buf.h"
#include "util/hmap.h"

enum { DIALECT_SQLITE, DIALECT_PG };

typedef struct store_ops {
    int (*begin)(dyad_store *s, char *err, size_t errlen);
    int (*put)(dyad_store *s, const dyad_result *r, const char *hash, char *err, size_t errlen);
    int (*commit)(dyad_store *s, char *err, size_t errlen);
    void (*rollback)(dyad_store *s);
    void (*close)(dyad_store *s);
    int (*has_doc)(dyad_store *s, const char *hash);
    /* Run one statement with text parameters; every result row goes to fn. Returns the row
     * count or -1 (err set). */
    long (*rows)(dyad_store *s, const char *sql, size_t np, const char *const *params,
                 dyad_store_row_fn fn, void *ctx, char *err, size_t errlen);
    /* The same for statements run again and again with other parameters (the queries of
     * dyad_store_query, the counts): the backend may keep them prepared, keyed by the exact
     * SQL text. Same results and errors as rows. */
    long (*qrows)(dyad_store *s, const char *sql, size_t np, const char *const *params,
                  dyad_store_row_fn fn, void *ctx, char *err, size_t errlen);
} store_ops;

struct dyad_store {
    const store_ops *ops;
    int dialect;
    int version;
    int in_txn;
    char name[1024];            /* path or redacted URL, for messages */
    dyad_store_stats stats;
    size_t batch_docs, pending;
    double batch_seconds;
    struct timespec batch_t0;
    void *impl;
};

/* Schema: migrations[v-1] takes a database from version v-1 to v (store/schema.c). */
extern const char *const dyad_schema_sqlite[DYAD_STORE_SCHEMA_VERSION];
extern const char *const dyad_schema_pg[DYAD_STORE_SCHEMA_VERSION];
extern int dyad_store_version_limit;   /* for tests; 0 = all */

dyad_store *dyad_store_sqlite_open(const char *path, int flags, char *err, size_t errlen);
dyad_store *dyad_store_pg_open(const char *url, int flags, char *err, size_t errlen);

/* ---- helpers for the backends ----------------------------------------------------- */

/* "YYYY-MM-DD HH:MM:SS" UTC, now. */
void store_now(char out[20]);
/* Event indices of r ordered by aggregate key (date, source code, target code, cameo,
 * Goldstein score: the code's, so only codings with two versions of the code table differ), then
 * by index. order must hold dyad_result_event_count(r) entries. */
void store_order_events(const dyad_result *r, uint32_t *order);
/* Same aggregate key? */
int store_same_key(const dyad_event *a, const dyad_event *b);
/* Sentence index holding byte offset off (the last sentence starting at or before it). */
uint32_t store_sentence_of(const dyad_result *r, uint32_t off);
/* rep_key of event i of a document: publication date (9999-99-99 when unknown) "|" the first
 * 16 hex digits of the content hash ":"
 * 8-digit index. The aggregate's representative (names, location, SOURCEURL) is the mention
 * with the smallest rep_key: the earliest published article, ties broken by content hash, so
 * the result does not depend on the order documents arrive in. */
void store_rep_key(const char *pub_date, const char *hash, size_t i, char out[64]);
/* The JSON columns of a document's row (replacing what dyad_buf b held; -1 when out of
 * memory): sentences_json [[span_start, span_end, "text"], ...] and actors_json
 * [[sent, span_start, span_end, "code", "country", "name", "text"], ...] (null for missing). */
int store_sentences_json(const dyad_result *r, dyad_buf *b);
int store_actors_json(const dyad_result *r, dyad_buf *b);
/* documents.mentions_json: one array per event mention, [event_id, sent, span_start, span_end,
 * date_precision, source_country, source_name, source_text, has_target, target_country,
 * target_name, target_text, root, quad, plover, plover_mode, location_name,
 * location_country, verb]; event_ids[i] is the aggregate of event i. The mention's date,
 * source and target codes, CAMEO code and Goldstein score are its aggregate's key, so the
 * event_mentions view takes them from there. */
int store_mentions_json(const dyad_result *r, const int64_t *event_ids, dyad_buf *b);

/* The posting lists of one write transaction (postings.c): per (kind, key) — 'T' and a
 * target code, 'C' and a CAMEO code — the ids of the events it created, as the JSON array
 * event_postings.ids holds (without its closing bracket), and their date range. */
typedef struct store_posting {
    char kind;
    size_t key_off, key_len;          /* the key, in store_postings.keys */
    int64_t first_id;
    char min_date[11], max_date[11];
    dyad_buf ids;
} store_posting;

typedef struct store_postings {
    store_posting *v;
    size_t n, cap;
    dyad_buf keys;
    dyad_hmap index;                  /* hash of kind and key -> position in v */
} store_postings;

int store_postings_add(store_postings *p, char kind, const char *key, const char *date, int64_t id);
const char *store_posting_key(const store_postings *p, const store_posting *g);
void store_postings_clear(store_postings *p);
void store_postings_free(store_postings *p);

/* "" for NULL. */
static inline const char *nz(const char *s) { return s ? s : ""; }
/* An event's target code as the aggregate keys it: "" when it has no target. */
static inline const char *store_target_code(const dyad_event *e) { return e->has_target ? nz(e->target.code) : ""; }
#endif

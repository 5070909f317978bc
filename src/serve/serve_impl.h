/* serve_impl.h — what the HTTP layer (serve.c) shares with the API (api.c). */
#ifndef DYAD_SERVE_IMPL_H
#define DYAD_SERVE_IMPL_H
#include <pthread.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include "serve/serve.h"
#include "store/store.h"
#include "util/buf.h"

/* One embedded dashboard file (the table is generated from web/ by web/embed.sh). */
typedef struct serve_asset {
    const char *path;            /* "/index.html" */
    const char *type;            /* Content-Type */
    const unsigned char *data;
    size_t len;
    const char *etag;            /* quoted strong validator */
} serve_asset;
extern const serve_asset serve_assets[];   /* ends with a NULL path */

/* Decoded query parameters of one request, in order (pointers owned by libmicrohttpd). */
typedef struct serve_args {
    size_t n;
    const char *key[DYAD_SERVE_ARGS_MAX];
    const char *val[DYAD_SERVE_ARGS_MAX];
} serve_args;

typedef struct serve_resp {
    int status;
    const char *type;
    dyad_buf body;
} serve_resp;

/* Read-only statements for what store.h does not offer (one event's mentions, a document). */
enum { Q_EVENT, Q_EVENT_MENTIONS, Q_DOC_ID, Q_DOC_HASH, Q_DOC_SENTS, Q_DOC_EVENTS, Q_RANGE, NQ };

/* A database handle set, used by one request at a time: the store (its query API) and a
 * read-only SQLite connection with the statements above, prepared once. */
typedef struct serve_db {
    dyad_store *store;
    sqlite3 *db;
    sqlite3_stmt *st[NQ];
    double deadline;           /* monotonic seconds; queries on db are interrupted after it */
    struct serve_db *next;     /* free list */
} serve_db;

typedef struct serve_app {
    char dbpath[4096];
    double query_seconds;
    pthread_mutex_t mu;        /* guards the free list */
    serve_db *idle;
    char *codes_json;          /* GET /api/codes, built once */
} serve_app;

/* Recent answers (cache.c): reused while the database files are unchanged. */
typedef struct serve_gen {
    uint64_t v[8];   /* size, mtime (s, ns), inode of the database and of its -wal file */
} serve_gen;
typedef struct serve_cache serve_cache;
serve_cache *serve_cache_new(const char *dbpath, size_t nslots, size_t max_bytes, double ttl_seconds);
void serve_cache_free(serve_cache *c);
serve_gen serve_cache_gen(const serve_cache *c);
/* 1 with a malloc'd copy of the answer in *body, or 0. */
int serve_cache_get(serve_cache *c, const char *key, const serve_gen *gen, char **body, size_t *len);
void serve_cache_put(serve_cache *c, const char *key, const serve_gen *gen, const char *body, size_t len);

int serve_app_init(serve_app *a, const char *db, const char *datadir, double query_seconds, char *err,
                   size_t errlen);
void serve_app_free(serve_app *a);
/* Answer GET path (which starts with "/api") into r: status, type and body are always set. */
void serve_api(serve_app *a, const char *path, const serve_args *args, serve_resp *r);
/* r becomes {"error": message, "status": status}. */
void serve_error(serve_resp *r, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
double serve_now(void);
#endif

/* serve.h — `dyad serve`: a read-only HTTP API and web dashboard over an event database.
 *
 * The server (libmicrohttpd: a pool of worker threads with non-blocking sockets, or a thread per
 * connection; connection timeouts and a connection limit) answers GET and HEAD only:
 *
 *   /api/events          aggregated events, the filters of `dyad query`, paginated
 *   /api/events/ID       one aggregated event with its mentions and evidence sentences
 *   /api/mentions        event mentions (the `dyad code` records), same filters, paginated
 *   /api/dyads           the most active dyads, with quad class counts and mean Goldstein
 *   /api/actors          the most active actors
 *   /api/timeseries      per period: events per quad class and mean Goldstein
 *   /api/documents/ID    one article, sentence by sentence, its evidence sentences marked
 *   /api/stats           totals and the date range;  /api/codes: the CAMEO code table
 *   /, /app.js, ...      the dashboard (web/, compiled into the binary)
 *
 * docs/serve.md documents every endpoint. Safety: user values only ever reach SQL as bound
 * parameters; page sizes, offsets, query strings and result sizes are capped; the dashboard is
 * served from a fixed in-memory table (no file system access, so no path traversal); no CORS
 * header unless an origin is configured. Nothing here prints except the optional request log. */
#ifndef DYAD_SERVE_H
#define DYAD_SERVE_H
#include <stddef.h>

typedef struct dyad_serve_opts {
    const char *db;             /* SQLite database path (required) */
    const char *bind;           /* address to listen on; NULL = 127.0.0.1 */
    int port;                   /* 0 = any free port (see dyad_serve_port) */
    const char *cors_origin;    /* NULL = no CORS headers */
    const char *datadir;        /* dictionaries, for CAMEO code names; NULL = the default search */
    unsigned timeout;           /* seconds before an idle or slow connection is closed; 0 = 10 */
    unsigned max_connections;   /* 0 = 256 */
    int threads;                /* worker threads, each serving many connections with epoll;
                                   0 = 4; -1 = one thread per connection */
    double query_seconds;       /* budget of one database query; 0 = 10 */
    int log;                    /* one line per request on stderr */
    int no_cache;               /* answer every request from the database (see cache.c) */
} dyad_serve_opts;

typedef struct dyad_server dyad_server;

/* Open the database (read-only), bind and start serving in background threads. Returns NULL
 * with a message in err on failure. */
dyad_server *dyad_serve_start(const dyad_serve_opts *o, char *err, size_t errlen);
/* The port actually bound (useful when opts.port was 0). */
int dyad_serve_port(const dyad_server *s);
/* "http://127.0.0.1:8080/" */
const char *dyad_serve_url(const dyad_server *s);
/* Stop accepting, finish or drop open connections, close the database. NULL is fine. */
void dyad_serve_stop(dyad_server *s);

/* Limits, also stated in docs/serve.md. */
enum {
    DYAD_SERVE_PAGE_DEFAULT = 50,
    DYAD_SERVE_PAGE_MAX = 500,        /* events/mentions per page */
    DYAD_SERVE_OFFSET_MAX = 100000,   /* deepest page start */
    DYAD_SERVE_TOP_MAX = 200,         /* dyads/actors per answer */
    DYAD_SERVE_QUERY_MAX = 2048,      /* bytes of decoded query parameters */
    DYAD_SERVE_ARGS_MAX = 16,         /* query parameters per request */
    DYAD_SERVE_PATH_MAX = 256         /* bytes of the request path */
};
#endif

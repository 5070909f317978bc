/* serve.c — the HTTP side of `dyad serve`: libmicrohttpd with a pool of worker threads, each
 * serving its connections through epoll with non-blocking sockets (a client that sends or reads
 * slowly holds nothing but its own socket; a slow query holds one worker), or optionally one
 * thread per connection; connection timeouts and a connection limit; GET and HEAD only;
 * security headers on every answer; the dashboard from the embedded table. The endpoints
 * themselves are in api.c. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "serve/serve_impl.h"

struct dyad_server {
    struct MHD_Daemon *d;
    serve_app app;
    int port;
    int log;
    serve_cache *cache;        /* NULL with --no-cache */
    char cors[256];
    char url[320];
};

/* Sent with every answer. The dashboard loads nothing from elsewhere and runs no inline code. */
static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

typedef struct arg_ctx {
    serve_args *a;
    size_t bytes;
    int too_many;
} arg_ctx;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    arg_ctx *c = cls;
    c->bytes += strlen(key) + (value ? strlen(value) : 0) + 2;
    if (c->a->n == DYAD_SERVE_ARGS_MAX) {
        c->too_many = 1;
        return MHD_NO;
    }
    c->a->key[c->a->n] = key;
    c->a->val[c->a->n] = value;
    c->a->n++;
    return MHD_YES;
}

static const serve_asset *find_asset(const char *path)
{
    if (!strcmp(path, "/"))
        path = "/index.html";
    for (const serve_asset *a = serve_assets; a->path; a++)
        if (!strcmp(a->path, path))
            return a;
    return NULL;
}

static void log_request(const char *method, const char *url, const serve_args *args, int status, size_t len,
                        double ms)
{
    char q[600];
    size_t n = 0;
    q[0] = 0;
    for (size_t i = 0; i < args->n && n < sizeof q - 1; i++)
        n += (size_t)snprintf(q + n, sizeof q - n, "%s%s=%s", i ? "&" : "?", args->key[i],
                              args->val[i] ? args->val[i] : "");
    /* control bytes from the client never reach the terminal */
    for (char *p = q; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    char u[DYAD_SERVE_PATH_MAX + 1];
    snprintf(u, sizeof u, "%s", url);
    for (char *p = u; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    fprintf(stderr, "dyad serve: %s %s%s %d %zu %.2fms\n", method, u, q, status, len, ms);
}

/* An API answer, from the cache when the same request was answered since the database last
 * changed. /api/codes is built once at start. */
static void answer_api(dyad_server *s, const char *url, const serve_args *args, serve_resp *r)
{
    if (!s->cache || !strcmp(url, "/api/codes")) {
        serve_api(&s->app, url, args, r);
        return;
    }
    /* the request as its key, with '&', '=' and '%' in names and values escaped, so that
     * different parameters never make the same key */
    char key[3 * (DYAD_SERVE_PATH_MAX + DYAD_SERVE_QUERY_MAX) + 8];
    size_t n = (size_t)snprintf(key, sizeof key, "%s", url);
    for (size_t i = 0; i < args->n && n + 8 < sizeof key; i++) {
        key[n++] = i ? '&' : '?';
        for (int part = 0; part < 2; part++) {
            const char *v = part ? args->val[i] : args->key[i];
            if (part)
                key[n++] = '=';
            for (; v && *v && n + 4 < sizeof key; v++) {
                unsigned char ch = (unsigned char)*v;
                if (ch == '&' || ch == '=' || ch == '%' || ch < 0x20)
                    n += (size_t)snprintf(key + n, sizeof key - n, "%%%02X", ch);
                else
                    key[n++] = (char)ch;
            }
        }
    }
    if (n + 8 >= sizeof key) {
        serve_api(&s->app, url, args, r);
        return;
    }
    key[n] = 0;
    serve_gen gen = serve_cache_gen(s->cache);
    char *body;
    size_t len;
    if (serve_cache_get(s->cache, key, &gen, &body, &len)) {
        dyad_buf_free(&r->body);
        r->body.data = body;
        r->body.len = len;
        r->body.cap = len + 1;
        r->status = 200;
        r->type = "application/json";
        return;
    }
    serve_api(&s->app, url, args, r);
    if (r->status == 200 && r->body.data)
        serve_cache_put(s->cache, key, &gen, r->body.data, r->body.len);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size,
                                  void **con_cls)
{
    (void)version;
    (void)upload_data;
    static int first_call;
    if (*con_cls != &first_call) {
        /* libmicrohttpd calls twice: once after the headers, once more for the body. An answer
         * queued on the first call would close the connection (no keep-alive). */
        *con_cls = &first_call;
        return MHD_YES;
    }
    dyad_server *s = cls;
    double t0 = serve_now();
    serve_resp r = {.status = 200, .type = "application/json"};
    dyad_buf_init(&r.body, 0);
    serve_args args = {0};
    const serve_asset *asset = NULL;
    int is_api = !strncmp(url, "/api/", 5) || !strcmp(url, "/api");
    int head = !strcmp(method, "HEAD"), not_modified = 0, options = 0;
    *upload_size = 0;   /* a request body is never read: we answer and close */

    if (strcmp(method, "GET") && !head) {
        if (!strcmp(method, "OPTIONS") && s->cors[0] && is_api)
            options = 1, r.status = 204;
        else
            serve_error(&r, 405, "method %.20s not allowed (this server is read-only: GET and HEAD only)", method);
    } else if (strlen(url) > DYAD_SERVE_PATH_MAX) {
        serve_error(&r, 414, "request path too long (at most %d bytes)", DYAD_SERVE_PATH_MAX);
    } else {
        arg_ctx ac = {.a = &args};
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &ac);
        if (ac.too_many)
            serve_error(&r, 414, "too many query parameters (at most %d)", DYAD_SERVE_ARGS_MAX);
        else if (ac.bytes > DYAD_SERVE_QUERY_MAX)
            serve_error(&r, 414, "query string too long (at most %d bytes)", DYAD_SERVE_QUERY_MAX);
        else if (is_api)
            answer_api(s, url, &args, &r);
        else if ((asset = find_asset(url)) == NULL)
            serve_error(&r, 404, "not found");
        else {
            const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
            not_modified = inm && strstr(inm, asset->etag) != NULL;
        }
    }

    struct MHD_Response *resp;
    size_t len = 0;
    if (asset && !not_modified) {
        len = asset->len;
        resp = MHD_create_response_from_buffer(asset->len, (void *)asset->data, MHD_RESPMEM_PERSISTENT);
        r.type = asset->type;
    } else if (asset || options) {
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        r.status = asset ? 304 : 204;
    } else {
        len = r.body.len;
        char *data = r.body.data;
        if (!data) {
            data = strdup("");
            len = 0;
        }
        resp = data ? MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE) : NULL;
        if (!resp)
            free(data);
        r.body.data = NULL;
    }
    dyad_buf_free(&r.body);
    if (!resp)
        return MHD_NO;
    if (r.status != 204 && r.status != 304)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                !strcmp(r.type, "application/json") ? "application/json; charset=utf-8" : r.type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    if (asset) {
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, asset->etag);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    } else {
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    }
    if (r.status == 405 || options)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    if (is_api && s->cors[0]) {
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, s->cors);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Origin");
        if (options) {
            MHD_add_response_header(resp, "Access-Control-Allow-Methods", "GET, HEAD");
            MHD_add_response_header(resp, "Access-Control-Max-Age", "600");
        }
    }
    if (r.status >= 400 && r.status != 404)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)r.status, resp);
    MHD_destroy_response(resp);
    if (s->log)
        log_request(method, url, &args, r.status, len, (serve_now() - t0) * 1e3);
    return ret;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    dyad_server *s = cls;
    if (!s->log)
        return;
    fputs("dyad serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

static int is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(a) ||
           (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
}

dyad_server *dyad_serve_start(const dyad_serve_opts *o, char *err, size_t errlen)
{
    if (!o || !o->db || !*o->db) {
        snprintf(err, errlen, "no database given");
        return NULL;
    }
    if (o->port < 0 || o->port > 65535) {
        snprintf(err, errlen, "bad port %d", o->port);
        return NULL;
    }
    const char *bind = o->bind && *o->bind ? o->bind : "127.0.0.1";
    if (!strcmp(bind, "localhost"))
        bind = "127.0.0.1";
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    struct sockaddr *sa;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    unsigned pool = o->threads == 0 ? 4 : o->threads > 0 ? (unsigned)o->threads : 0;
    if (o->threads < 0)
        flags |= MHD_USE_THREAD_PER_CONNECTION;
    memset(&v4, 0, sizeof v4);
    memset(&v6, 0, sizeof v6);
    if (inet_pton(AF_INET, bind, &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons((uint16_t)o->port);
        sa = (struct sockaddr *)&v4;
    } else if (inet_pton(AF_INET6, bind, &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons((uint16_t)o->port);
        sa = (struct sockaddr *)&v6;
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(err, errlen, "bad bind address '%s' (want an IPv4 or IPv6 address such as 127.0.0.1 or ::1)", bind);
        return NULL;
    }
    if (o->cors_origin && strlen(o->cors_origin) >= 256) {
        snprintf(err, errlen, "CORS origin too long");
        return NULL;
    }
    /* SQLite's memory statistics take a global mutex on every allocation: with many request
     * threads that lock is the bottleneck. Only possible before SQLite is first used. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    dyad_server *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->log = o->log;
    if (o->cors_origin)
        snprintf(s->cors, sizeof s->cors, "%s", o->cors_origin);
    if (serve_app_init(&s->app, o->db, o->datadir, o->query_seconds, err, errlen) < 0) {
        free(s);
        return NULL;
    }
    if (!o->no_cache && !(s->cache = serve_cache_new(o->db, 1024, (size_t)64 << 20, 5.0))) {
        snprintf(err, errlen, "out of memory");
        serve_app_free(&s->app);
        free(s);
        return NULL;
    }
    unsigned timeout = o->timeout ? o->timeout : 10;
    unsigned maxc = o->max_connections ? o->max_connections : 256;
    s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, s,
                            MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
                            MHD_OPTION_SOCK_ADDR, sa,
                            MHD_OPTION_THREAD_POOL_SIZE, pool,
                            MHD_OPTION_CONNECTION_TIMEOUT, timeout,
                            MHD_OPTION_CONNECTION_LIMIT, maxc,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
                            MHD_OPTION_THREAD_STACK_SIZE, (size_t)(1 << 20),
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, 128u,
                            MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot listen on %s port %d (in use, or not an address of this machine?)", bind, o->port);
        serve_cache_free(s->cache);
        serve_app_free(&s->app);
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di && di->port ? di->port : o->port;
    if (sa->sa_family == AF_INET6)
        snprintf(s->url, sizeof s->url, "http://[%s]:%d/", bind, s->port);
    else
        snprintf(s->url, sizeof s->url, "http://%s:%d/", bind, s->port);
    if (!is_loopback(sa))
        fprintf(stderr, "dyad serve: warning: listening on %s, not a loopback address: anyone who can reach it "
                        "can read the database (there is no authentication)\n", bind);
    return s;
}

int dyad_serve_port(const dyad_server *s) { return s ? s->port : 0; }
const char *dyad_serve_url(const dyad_server *s) { return s ? s->url : ""; }

void dyad_serve_stop(dyad_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->d);
    serve_cache_free(s->cache);
    serve_app_free(&s->app);
    free(s);
}

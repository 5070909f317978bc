/* api.c — the JSON endpoints of `dyad serve` (see serve.h and docs/serve.md).
 *
 * Lists and aggregates go through the store's query API (dyad_store_query with the filter of
 * `dyad query`), so the API and the command line always agree. What store.h does not offer
 * (one event's mentions with their sentences, one document sentence by sentence, the date
 * range) is read with a few fixed statements on a separate read-only SQLite connection. User
 * values only ever travel as bound parameters. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "events/codes.h"
#include "pipeline/coder.h"
#include "serve/serve_impl.h"
#include "util/date.h"

/* ---- helpers ------------------------------------------------------------------------- */

double serve_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void jstr(dyad_buf *b, const char *s) { dyad_buf_json_value(b, s); }

/* "key": */
static void jkey(dyad_buf *b, int *first, const char *k)
{
    if (!*first)
        dyad_buf_putc(b, ',');
    *first = 0;
    dyad_buf_putc(b, '"');
    dyad_buf_puts(b, k);
    dyad_buf_puts(b, "\":");
}

static void jnum(dyad_buf *b, double v, int decimals)
{
    if (!isfinite(v))
        v = 0;
    dyad_buf_printf(b, "%.*f", decimals, v);
}

void serve_error(serve_resp *r, int status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dyad_buf_clear(&r->body);
    dyad_buf_puts(&r->body, "{\"error\":");
    jstr(&r->body, msg);
    dyad_buf_printf(&r->body, ",\"status\":%d}", status);
    r->status = status;
    r->type = "application/json";
}

static void ok(serve_resp *r)
{
    r->status = 200;
    r->type = "application/json";
}

/* ---- database handles ------------------------------------------------------------------ */

static const char *const q_sql[NQ] = {
    [Q_EVENT] = "SELECT id, date, source_code, source_name, source_country, target_code, target_name,"
                " target_country, cameo, root, quad, goldstein, num_mentions, num_sources, num_articles,"
                " min_sent, location_name, location_country, url, first_added FROM events WHERE id = ?1",
    [Q_EVENT_MENTIONS] =
        "SELECT em.doc_id, d.hash, d.name, d.title, d.source, d.url, d.pub_date, em.idx, em.sent,"
        " json_extract(d.sentences_json, '$[' || em.sent || '][2]'), em.span_start, em.span_end,"
        " em.source_text, em.target_text, em.verb, em.date, em.date_precision, em.plover, em.plover_mode"
        " FROM events e JOIN json_each(e.doc_ids) dj JOIN event_mentions em ON em.doc_id = dj.value"
        " AND em.event_id = e.id JOIN documents d ON d.id = em.doc_id"
        " WHERE e.id = ?1 ORDER BY d.pub_date, em.doc_id, em.idx LIMIT ?2",
    [Q_DOC_ID] = "SELECT id, hash, name, url, source, title, pub_date, language, author, n_sentences,"
                 " n_events, added FROM documents WHERE id = ?1",
    [Q_DOC_HASH] = "SELECT id, hash, name, url, source, title, pub_date, language, author, n_sentences,"
                   " n_events, added FROM documents WHERE hash = ?1",
    [Q_DOC_SENTS] = "SELECT idx, span_start, span_end, text FROM sentences WHERE doc_id = ?1 ORDER BY idx LIMIT ?2",
    [Q_DOC_EVENTS] = "SELECT sent, idx, event_id, cameo, source_code, target_code, goldstein, quad, verb,"
                     " source_text, target_text, date FROM event_mentions WHERE doc_id = ?1 ORDER BY sent, idx",
    [Q_RANGE] = "SELECT (SELECT min(date) FROM events WHERE date <> ''), (SELECT max(date) FROM events)",
};

static int progress(void *ctx)
{
    serve_db *h = ctx;
    return h->deadline > 0 && serve_now() > h->deadline;
}

static void db_close(serve_db *h)
{
    if (!h)
        return;
    for (int i = 0; i < NQ; i++)
        sqlite3_finalize(h->st[i]);
    sqlite3_close_v2(h->db);
    dyad_store_close(h->store);
    free(h);
}

static serve_db *db_open(const char *path, char *err, size_t errlen)
{
    serve_db *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    h->store = dyad_store_open(path, DYAD_STORE_READ, err, errlen);
    if (!h->store)
        goto fail;
    if (strcmp(dyad_store_backend(h->store), "sqlite") != 0) {
        snprintf(err, errlen, "%s: PostgreSQL databases are not served (give an SQLite file)", dyad_store_name(h->store));
        goto fail;
    }
    int rc = sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, h->db ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_busy_timeout(h->db, 5000);
    sqlite3_exec(h->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
    sqlite3_progress_handler(h->db, 2000, progress, h);
    for (int i = 0; i < NQ; i++) {
        rc = sqlite3_prepare_v3(h->db, q_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &h->st[i], NULL);
        if (rc != SQLITE_OK) {
            snprintf(err, errlen, "%s: not a dyad database this version can read (%s)", path, sqlite3_errmsg(h->db));
            goto fail;
        }
    }
    return h;
fail:
    db_close(h);
    return NULL;
}

static serve_db *db_get(serve_app *a, char *err, size_t errlen)
{
    pthread_mutex_lock(&a->mu);
    serve_db *h = a->idle;
    if (h)
        a->idle = h->next;
    pthread_mutex_unlock(&a->mu);
    if (!h)
        h = db_open(a->dbpath, err, errlen);
    if (h)
        h->deadline = serve_now() + a->query_seconds;
    return h;
}

static void db_put(serve_app *a, serve_db *h)
{
    for (int i = 0; i < NQ; i++) {
        sqlite3_reset(h->st[i]);
        sqlite3_clear_bindings(h->st[i]);
    }
    pthread_mutex_lock(&a->mu);
    h->next = a->idle;
    a->idle = h;
    pthread_mutex_unlock(&a->mu);
}

/* A failed statement: 503 when it ran out of time, else 500 (details in the log only). */
static void db_fail(serve_resp *r, serve_db *h, int rc)
{
    if ((rc & 0xff) == SQLITE_INTERRUPT) {
        serve_error(r, 503, "the query took too long; narrow the filter");
        return;
    }
    fprintf(stderr, "dyad serve: database error: %s\n", sqlite3_errmsg(h->db));
    serve_error(r, 500, "database error");
}

static void store_fail(serve_resp *r, const char *err)
{
    fprintf(stderr, "dyad serve: database error: %s\n", err);
    serve_error(r, 500, "database error");
}

/* ---- code table --------------------------------------------------------------------------- */

static char *codes_json(const char *datadir)
{
    dyad_buf b;
    dyad_buf_init(&b, 0);
    dyad_buf_puts(&b, "{\"codes\":[");
    char dir[4096], path[4200], err[256];
    dyad_code_table t;
    memset(&t, 0, sizeof t);
    if (dyad_find_datadir(datadir, dir, sizeof dir) == 0) {
        snprintf(path, sizeof path, "%s/cameo.tsv", dir);
        dyad_buf warn;
        size_t nwarn = 0;
        dyad_buf_init(&warn, 1 << 16);
        if (dyad_codes_load(&t, path, &warn, &nwarn, err, sizeof err) == 0) {
            for (size_t i = 0; i < t.n; i++) {
                const dyad_code_info *c = &t.codes[i];
                dyad_buf_puts(&b, i ? ",{\"code\":" : "{\"code\":");
                jstr(&b, c->code);
                dyad_buf_puts(&b, ",\"name\":");
                jstr(&b, c->name);
                dyad_buf_puts(&b, ",\"goldstein\":");
                jnum(&b, c->goldstein, 1);
                dyad_buf_printf(&b, ",\"quad\":%d,\"plover\":", c->quad);
                jstr(&b, c->plover && *c->plover ? c->plover : NULL);
                dyad_buf_putc(&b, '}');
            }
            dyad_codes_free(&t);
        }
        dyad_buf_free(&warn);
    }
    if (dyad_buf_puts(&b, "]}") < 0) {
        dyad_buf_free(&b);
        return NULL;
    }
    return b.data;
}

int serve_app_init(serve_app *a, const char *db, const char *datadir, double query_seconds, char *err,
                   size_t errlen)
{
    memset(a, 0, sizeof *a);
    if (strlen(db) >= sizeof a->dbpath) {
        snprintf(err, errlen, "database path too long");
        return -1;
    }
    if (!strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11)) {
        snprintf(err, errlen, "PostgreSQL databases are not served (give an SQLite file)");
        return -1;
    }
    snprintf(a->dbpath, sizeof a->dbpath, "%s", db);
    a->query_seconds = query_seconds > 0 ? query_seconds : 10;
    pthread_mutex_init(&a->mu, NULL);
    /* Open one handle now: a bad database fails here, not on the first request. */
    serve_db *h = db_open(db, err, errlen);
    if (!h) {
        pthread_mutex_destroy(&a->mu);
        return -1;
    }
    a->idle = h;
    a->codes_json = codes_json(datadir);
    if (!a->codes_json) {
        snprintf(err, errlen, "out of memory");
        serve_app_free(a);
        return -1;
    }
    return 0;
}

void serve_app_free(serve_app *a)
{
    while (a->idle) {
        serve_db *h = a->idle;
        a->idle = h->next;
        db_close(h);
    }
    free(a->codes_json);
    a->codes_json = NULL;
    pthread_mutex_destroy(&a->mu);
}

/* ---- parameters ------------------------------------------------------------------------- */

enum {
    P_ACTOR = 1 << 0, P_DYAD = 1 << 1, P_CODE = 1 << 2, P_ROOT = 1 << 3, P_QUAD = 1 << 4, P_FROM = 1 << 5,
    P_TO = 1 << 6, P_COUNTRY = 1 << 7, P_SOURCE = 1 << 8, P_TEXT = 1 << 9, P_LIMIT = 1 << 10,
    P_OFFSET = 1 << 11, P_BY = 1 << 12,
    P_FILTERS = P_ACTOR | P_DYAD | P_CODE | P_ROOT | P_QUAD | P_FROM | P_TO | P_COUNTRY | P_SOURCE | P_TEXT
};

static const char *const pnames[] = {"actor", "dyad", "code", "root", "quad", "from", "to", "country",
                                     "source", "text", "limit", "offset", "by", NULL};

typedef struct params {
    dyad_store_filter f;
    long limit, offset;
    const char *by;
    char actor[40], src[40], tgt[40], code[8], country[4];
} params;

/* An actor code or prefix: letters and digits (upper-cased into out), optional trailing '*'. */
static int actor_code(const char *v, char *out, size_t outlen)
{
    size_t n = strlen(v);
    if (n == 0 || n >= outlen || n > 33)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c == '*' && i == n - 1)
            out[i] = '*';
        else if (isalnum(c) && c < 0x80)
            out[i] = (char)toupper(c);
        else
            return -1;
    }
    out[n] = 0;
    return 0;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    if (!*s || strlen(s) > 12)
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    long n = strtol(s, NULL, 10);
    if (n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

static int plain_text(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return 0;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 0;
    return 1;
}

/* Parse args, accepting only the parameters in `allowed`. -1 with r set to a 400 answer. */
static int get_params(const serve_args *args, unsigned allowed, long deflimit, long maxlimit, params *p,
                      serve_resp *r)
{
    memset(p, 0, sizeof *p);
    p->limit = deflimit;
    unsigned seen = 0;
    for (size_t i = 0; i < args->n; i++) {
        const char *k = args->key[i], *v = args->val[i] ? args->val[i] : "";
        unsigned bit = 0;
        for (size_t j = 0; pnames[j]; j++)
            if (!strcmp(k, pnames[j]))
                bit = 1u << j;
        if (!(bit & allowed)) {
            serve_error(r, 400, "unknown parameter '%.60s'", k);
            return -1;
        }
        if (seen & bit) {
            serve_error(r, 400, "parameter '%s' given twice", k);
            return -1;
        }
        seen |= bit;
        if (!*v && bit != P_DYAD) {   /* an empty value is the same as none */
            continue;
        }
        long n;
        switch (bit) {
        case P_ACTOR:
            if (actor_code(v, p->actor, sizeof p->actor) < 0)
                goto bad;
            p->f.actor = p->actor;
            break;
        case P_DYAD: {
            if (!*v)
                break;
            const char *colon = strchr(v, ':');
            if (!colon || strchr(colon + 1, ':') || (colon == v && !colon[1]) || (size_t)(colon - v) >= sizeof p->src)
                goto bad;
            char a[40];
            snprintf(a, sizeof a, "%.*s", (int)(colon - v), v);
            if (a[0]) {
                if (actor_code(a, p->src, sizeof p->src) < 0)
                    goto bad;
                p->f.dyad_source = p->src;
            }
            if (colon[1]) {
                if (actor_code(colon + 1, p->tgt, sizeof p->tgt) < 0)
                    goto bad;
                p->f.dyad_target = p->tgt;
            }
            break;
        }
        case P_CODE: {
            size_t m = strlen(v);
            if (m > 5)
                goto bad;
            for (size_t j = 0; j < m; j++)
                if (!((v[j] >= '0' && v[j] <= '9') || (v[j] == '*' && j == m - 1 && j > 0)))
                    goto bad;
            if (m - (v[m - 1] == '*') > 4)
                goto bad;
            snprintf(p->code, sizeof p->code, "%s", v);
            p->f.code = p->code;
            break;
        }
        case P_ROOT:
            if (strlen(v) != 2 || parse_long(v, 1, 20, &n) < 0)
                goto bad;
            p->f.root = v;
            break;
        case P_QUAD:
            if (parse_long(v, 1, 4, &n) < 0)
                goto bad;
            p->f.quad = (int)n;
            break;
        case P_FROM:
        case P_TO:
            if (strlen(v) != 10 || dyad_parse_date(v, 10, 0, NULL) == DYAD_NO_DATE)
                goto bad;
            *(bit == P_FROM ? &p->f.from : &p->f.to) = v;
            break;
        case P_COUNTRY:
            if (strlen(v) != 3 || !isalpha((unsigned char)v[0]) || !isalpha((unsigned char)v[1]) ||
                !isalpha((unsigned char)v[2]))
                goto bad;
            for (int j = 0; j < 3; j++)
                p->country[j] = (char)toupper((unsigned char)v[j]);
            p->f.country = p->country;
            break;
        case P_SOURCE:
            if (!plain_text(v, 200))
                goto bad;
            p->f.outlet = v;
            break;
        case P_TEXT:
            if (!plain_text(v, 100))
                goto bad;
            p->f.text = v;
            break;
        case P_LIMIT:
            if (parse_long(v, 1, maxlimit, &p->limit) < 0) {
                serve_error(r, 400, "bad limit '%.40s' (want 1..%ld)", v, maxlimit);
                return -1;
            }
            break;
        case P_OFFSET:
            if (parse_long(v, 0, DYAD_SERVE_OFFSET_MAX, &p->offset) < 0) {
                serve_error(r, 400, "bad offset '%.40s' (want 0..%d; narrow the filter to go deeper)", v,
                            DYAD_SERVE_OFFSET_MAX);
                return -1;
            }
            break;
        case P_BY:
            if (strcmp(v, "day") && strcmp(v, "week") && strcmp(v, "month"))
                goto bad;
            p->by = v;
            break;
        }
        continue;
    bad:;
        static const char *const want[] = {
            "an actor code such as USAGOV, or a prefix such as USA*",
            "SOURCE:TARGET actor codes, e.g. USA:CHN (either may be empty, prefixes end in *)",
            "a CAMEO code such as 042, or a prefix such as 04*",
            "a CAMEO root code 01..20",
            "a quad class 1..4",
            "a date YYYY-MM-DD",
            "a date YYYY-MM-DD",
            "an ISO 3166 alpha-3 country code",
            "an outlet name (at most 200 bytes)",
            "words to find (at most 100 bytes)",
            "", "",
            "day, week or month",
        };
        size_t j = 0;
        while (!(bit & (1u << j)))
            j++;
        serve_error(r, 400, "bad %s '%.60s' (want %s)", k, v, want[j]);
        return -1;
    }
    return 0;
}

/* ---- paginated lists -------------------------------------------------------------------- */

static int is_int_col(const char *n)
{
    static const char *const cols[] = {"id", "event_id", "quad", "num_mentions", "num_sources", "num_articles",
                                       "min_sent", "events", "mentions", "sent", "span_start", "span_end",
                                       "has_target", NULL};
    for (size_t i = 0; cols[i]; i++)
        if (!strcmp(n, cols[i]))
            return 1;
    return 0;
}

/* Is s a JSON number (what SQLite prints for INTEGER and REAL values is)? */
static int json_number(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return 0;
    if (*p == '0' && p[1] >= '0' && p[1] <= '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (*p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == 0;
}

enum { COL_STR, COL_NUM, COL_MEAN };
enum { MAXCOL = 64 };

/* How the columns of one query are written: worked out on its first row. */
typedef struct cols {
    size_t n;
    int kind[MAXCOL];
    char key[MAXCOL][40];     /* ,"name": (without the comma for the first column) */
    size_t klen[MAXCOL];
} cols;

static void cols_init(cols *c, size_t ncol, const char *const *names)
{
    c->n = ncol < MAXCOL ? ncol : MAXCOL;
    for (size_t i = 0; i < c->n; i++) {
        const char *n = names[i];
        c->kind[i] = !strcmp(n, "mean_goldstein") ? COL_MEAN
                   : is_int_col(n) || !strcmp(n, "goldstein") ? COL_NUM : COL_STR;
        int k = snprintf(c->key[i], sizeof c->key[i], "%s\"%.34s\":", i ? "," : "", n);
        c->klen[i] = (size_t)k < sizeof c->key[i] ? (size_t)k : sizeof c->key[i] - 1;
    }
}

static void json_row(dyad_buf *b, const cols *c, const char *const *vals)
{
    dyad_buf_putc(b, '{');
    for (size_t i = 0; i < c->n; i++) {
        dyad_buf_append(b, c->key[i], c->klen[i]);
        const char *v = vals[i];
        if (!v)
            dyad_buf_puts(b, "null");
        else if (c->kind[i] == COL_NUM && json_number(v))
            dyad_buf_puts(b, v);      /* SQLite's own text of the number: 3.4, -10.0, 12 */
        else if (c->kind[i] == COL_MEAN && json_number(v))
            jnum(b, strtod(v, NULL), 3);
        else
            jstr(b, v);
    }
    dyad_buf_putc(b, '}');
}

typedef struct page {
    dyad_buf *b;
    long skip, want, seen, emitted;
    int more;
    cols c;
} page;

static int page_row(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    page *p = ctx;
    if (p->seen++ < p->skip)
        return 0;
    if (p->emitted == p->want) {
        p->more = 1;
        return 1;
    }
    if (!p->emitted)
        cols_init(&p->c, ncol, names);
    else
        dyad_buf_putc(p->b, ',');
    p->emitted++;
    json_row(p->b, &p->c, vals);
    return 0;
}

static void url_encode(dyad_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) && c < 0x80)
            dyad_buf_putc(b, (char)c);
        else if (c == '-' || c == '_' || c == '.' || c == '~' || c == '*' || c == ':')
            dyad_buf_putc(b, (char)c);
        else {
            dyad_buf_putc(b, '%');
            dyad_buf_putc(b, hex[c >> 4]);
            dyad_buf_putc(b, hex[c & 15]);
        }
    }
}

/* GET /api/events, /api/mentions: {"<key>": [...], "offset", "limit", "next"} */
static void list(serve_db *h, const char *path, const char *key, dyad_store_query_kind kind,
                 const serve_args *args, serve_resp *r)
{
    params p;
    if (get_params(args, P_FILTERS | P_LIMIT | P_OFFSET, DYAD_SERVE_PAGE_DEFAULT, DYAD_SERVE_PAGE_MAX, &p, r) < 0)
        return;
    dyad_buf *b = &r->body;
    dyad_buf_printf(b, "{\"%s\":[", key);
    page pg = {.b = b, .skip = p.offset, .want = p.limit};
    p.f.limit = p.offset + p.limit + 1;
    char err[1024];
    if (dyad_store_query(h->store, kind, &p.f, NULL, page_row, &pg, err, sizeof err) < 0) {
        store_fail(r, err);
        return;
    }
    dyad_buf_printf(b, "],\"count\":%ld,\"offset\":%ld,\"limit\":%ld,\"next\":", pg.emitted, p.offset, p.limit);
    if (pg.more && p.offset + p.limit <= DYAD_SERVE_OFFSET_MAX) {
        dyad_buf_putc(b, '"');
        dyad_buf_puts(b, path);
        dyad_buf_putc(b, '?');
        for (size_t i = 0; i < args->n; i++) {
            if (!strcmp(args->key[i], "offset") || !args->val[i] || !*args->val[i])
                continue;
            url_encode(b, args->key[i]);
            dyad_buf_putc(b, '=');
            url_encode(b, args->val[i]);
            dyad_buf_putc(b, '&');
        }
        dyad_buf_printf(b, "offset=%ld\"", p.offset + p.limit);
    } else {
        dyad_buf_puts(b, "null");
    }
    dyad_buf_putc(b, '}');
    ok(r);
}

/* ---- top actors and dyads --------------------------------------------------------------- */

static int top_row(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    page *p = ctx;
    if (!p->emitted++)
        cols_init(&p->c, ncol, names);
    else
        dyad_buf_putc(p->b, ',');
    json_row(p->b, &p->c, vals);
    return 0;
}

static void actors(serve_db *h, const serve_args *args, serve_resp *r)
{
    params p;
    if (get_params(args, P_FILTERS | P_LIMIT, 25, DYAD_SERVE_TOP_MAX, &p, r) < 0)
        return;
    p.f.limit = p.limit;
    dyad_buf_puts(&r->body, "{\"actors\":[");
    page pg = {.b = &r->body};
    char err[1024];
    if (dyad_store_query(h->store, DYAD_Q_TOP_ACTORS, &p.f, NULL, top_row, &pg, err, sizeof err) < 0) {
        store_fail(r, err);
        return;
    }
    dyad_buf_puts(&r->body, "]}");
    ok(r);
}

typedef struct dyad_row {
    char src[40], tgt[40];
    long events, mentions;
    long quad[4];
    double gsum;    /* sum of Goldstein over dated events */
} dyad_row;

typedef struct dyads_ctx {
    dyad_row *rows;
    size_t n;
    int q;           /* quad class being summed */
    long scanned;
    int truncated;
} dyads_ctx;

static int dyad_top_row(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    dyads_ctx *d = ctx;
    if (ncol < 4 || !vals[0] || !vals[1])
        return 0;
    dyad_row *w = &d->rows[d->n++];
    snprintf(w->src, sizeof w->src, "%s", vals[0]);
    snprintf(w->tgt, sizeof w->tgt, "%s", vals[1]);
    w->events = vals[2] ? atol(vals[2]) : 0;
    w->mentions = vals[3] ? atol(vals[3]) : 0;
    return 0;
}

/* SERIES rows (period source target events mean_goldstein) of one quad class, summed into the
 * top dyads. */
static int dyad_series_row(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    dyads_ctx *d = ctx;
    if (++d->scanned > 2000000) {
        d->truncated = 1;
        return 1;
    }
    if (ncol < 5 || !vals[1] || !vals[2] || !vals[3])
        return 0;
    for (size_t i = 0; i < d->n; i++) {
        dyad_row *w = &d->rows[i];
        if (!strcmp(w->src, vals[1]) && !strcmp(w->tgt, vals[2])) {
            long n = atol(vals[3]);
            w->quad[d->q - 1] += n;
            w->gsum += n * (vals[4] ? strtod(vals[4], NULL) : 0);
            break;
        }
    }
    return 0;
}

static void dyads(serve_db *h, const serve_args *args, serve_resp *r)
{
    params p;
    if (get_params(args, P_FILTERS | P_LIMIT, 25, DYAD_SERVE_TOP_MAX, &p, r) < 0)
        return;
    p.f.limit = p.limit;
    dyads_ctx d = {.rows = calloc((size_t)p.limit, sizeof(dyad_row))};
    if (!d.rows) {
        serve_error(r, 503, "out of memory");
        return;
    }
    char err[1024];
    if (dyad_store_query(h->store, DYAD_Q_TOP_DYADS, &p.f, NULL, dyad_top_row, &d, err, sizeof err) < 0) {
        store_fail(r, err);
        free(d.rows);
        return;
    }
    /* quad classes and mean Goldstein: the per-month series of each quad class, summed */
    dyad_store_filter f = p.f;
    f.limit = 0;
    for (int q = 1; q <= 4 && d.n; q++) {
        if (p.f.quad && p.f.quad != q)
            continue;
        f.quad = q;
        d.q = q;
        if (dyad_store_query(h->store, DYAD_Q_SERIES, &f, "month", dyad_series_row, &d, err, sizeof err) < 0) {
            store_fail(r, err);
            free(d.rows);
            return;
        }
    }
    dyad_buf *b = &r->body;
    dyad_buf_puts(b, "{\"dyads\":[");
    for (size_t i = 0; i < d.n; i++) {
        dyad_row *w = &d.rows[i];
        long dated = w->quad[0] + w->quad[1] + w->quad[2] + w->quad[3];
        dyad_buf_puts(b, i ? ",{\"source\":" : "{\"source\":");
        jstr(b, w->src);
        dyad_buf_puts(b, ",\"target\":");
        jstr(b, w->tgt);
        dyad_buf_printf(b, ",\"events\":%ld,\"mentions\":%ld,\"quad\":[%ld,%ld,%ld,%ld],\"cooperation\":%ld,"
                        "\"conflict\":%ld,\"mean_goldstein\":",
                        w->events, w->mentions, w->quad[0], w->quad[1], w->quad[2], w->quad[3],
                        w->quad[0] + w->quad[1], w->quad[2] + w->quad[3]);
        if (dated)
            jnum(b, w->gsum / (double)dated, 3);
        else
            dyad_buf_puts(b, "null");
        dyad_buf_putc(b, '}');
    }
    dyad_buf_printf(b, "],\"partial\":%s}", d.truncated ? "true" : "false");
    free(d.rows);
    ok(r);
}

/* ---- time series ---------------------------------------------------------------------- */

typedef struct pt {
    char period[12];
    int q;
    long n;
    double gsum;
} pt;

typedef struct series_ctx {
    pt *pts;
    size_t n, cap;
    int q;
    int toobig;
} series_ctx;

enum { SERIES_ROWS_MAX = 500000 };

static int series_row(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    series_ctx *s = ctx;
    if (ncol < 5 || !vals[0] || !vals[3])
        return 0;
    if (s->n == s->cap) {
        if (s->cap >= SERIES_ROWS_MAX) {
            s->toobig = 1;
            return 1;
        }
        size_t nc = s->cap ? s->cap * 2 : 256;
        pt *np = realloc(s->pts, nc * sizeof *np);
        if (!np) {
            s->toobig = 1;
            return 1;
        }
        s->pts = np;
        s->cap = nc;
    }
    pt *x = &s->pts[s->n++];
    snprintf(x->period, sizeof x->period, "%s", vals[0]);
    x->q = s->q;
    x->n = atol(vals[3]);
    x->gsum = x->n * (vals[4] ? strtod(vals[4], NULL) : 0);
    return 0;
}

static int pt_cmp(const void *a, const void *b)
{
    return strcmp(((const pt *)a)->period, ((const pt *)b)->period);
}

static void series_point(dyad_buf *b, int *first, const char *period, const long *quad, double gsum)
{
    long n = quad[0] + quad[1] + quad[2] + quad[3];
    dyad_buf_puts(b, *first ? "{" : ",{");
    *first = 0;
    if (period) {
        dyad_buf_puts(b, "\"period\":");
        jstr(b, period);
        dyad_buf_putc(b, ',');
    }
    dyad_buf_printf(b, "\"events\":%ld,\"quad\":[%ld,%ld,%ld,%ld],\"cooperation\":%ld,\"conflict\":%ld,"
                    "\"mean_goldstein\":",
                    n, quad[0], quad[1], quad[2], quad[3], quad[0] + quad[1], quad[2] + quad[3]);
    if (n)
        jnum(b, gsum / (double)n, 3);
    else
        dyad_buf_puts(b, "null");
    dyad_buf_putc(b, '}');
}

static void timeseries(serve_db *h, const serve_args *args, serve_resp *r)
{
    params p;
    if (get_params(args, P_FILTERS | P_BY, 0, 0, &p, r) < 0)
        return;
    const char *by = p.by ? p.by : "week";
    series_ctx s = {0};
    char err[1024];
    dyad_store_filter f = p.f;
    for (int q = 1; q <= 4; q++) {
        if (p.f.quad && p.f.quad != q)
            continue;
        f.quad = q;
        s.q = q;
        if (dyad_store_query(h->store, DYAD_Q_SERIES, &f, by, series_row, &s, err, sizeof err) < 0) {
            free(s.pts);
            store_fail(r, err);
            return;
        }
        if (s.toobig)
            break;
    }
    if (s.toobig) {
        free(s.pts);
        serve_error(r, 400, "the series is too large; narrow the filter or use a longer period");
        return;
    }
    if (s.n)
        qsort(s.pts, s.n, sizeof *s.pts, pt_cmp);
    dyad_buf *b = &r->body;
    dyad_buf_puts(b, "{\"dyad\":");
    const char *dy = NULL;
    for (size_t i = 0; i < args->n; i++)
        if (!strcmp(args->key[i], "dyad") && args->val[i] && *args->val[i])
            dy = args->val[i];
    if (dy) {
        dyad_buf_putc(b, '"');
        dyad_buf_puts(b, p.f.dyad_source ? p.src : "");
        dyad_buf_putc(b, ':');
        dyad_buf_puts(b, p.f.dyad_target ? p.tgt : "");
        dyad_buf_putc(b, '"');
    } else {
        dyad_buf_puts(b, "null");
    }
    dyad_buf_printf(b, ",\"by\":\"%s\",\"series\":[", by);
    long tq[4] = {0};
    double tg = 0;
    int first = 1;
    for (size_t i = 0; i < s.n;) {
        long quad[4] = {0};
        double g = 0;
        size_t j = i;
        for (; j < s.n && !strcmp(s.pts[j].period, s.pts[i].period); j++) {
            quad[s.pts[j].q - 1] += s.pts[j].n;
            g += s.pts[j].gsum;
        }
        series_point(b, &first, s.pts[i].period, quad, g);
        for (int q = 0; q < 4; q++)
            tq[q] += quad[q];
        tg += g;
        i = j;
    }
    dyad_buf_puts(b, "],\"totals\":");
    first = 1;
    series_point(b, &first, NULL, tq, tg);
    dyad_buf_putc(b, '}');
    free(s.pts);
    ok(r);
}

/* ---- one event, one document ------------------------------------------------------------ */

/* Column i of st as JSON: integer, real (decimals), text or null. */
static void jcol(dyad_buf *b, sqlite3_stmt *st, int i)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL: dyad_buf_puts(b, "null"); break;
    case SQLITE_INTEGER: dyad_buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, i)); break;
    case SQLITE_FLOAT: jnum(b, sqlite3_column_double(st, i), 1); break;
    default: {
        const char *t = (const char *)sqlite3_column_text(st, i);
        dyad_buf_putc(b, '"');
        dyad_buf_json_str(b, t ? t : "", (size_t)sqlite3_column_bytes(st, i));
        dyad_buf_putc(b, '"');
    }
    }
}

/* Every column of the current row, named as in the SELECT, as "name":value pairs. */
static void jcols(dyad_buf *b, int *first, sqlite3_stmt *st, int from)
{
    for (int i = from; i < sqlite3_column_count(st); i++) {
        jkey(b, first, sqlite3_column_name(st, i));
        jcol(b, st, i);
    }
}

static int parse_id(const char *s, long long *id)
{
    size_t n = strlen(s);
    if (n == 0 || n > 15)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    *id = strtoll(s, NULL, 10);
    return 0;
}

enum { MENTIONS_MAX = 100, DOC_SENTENCES_MAX = 20000 };

static void event_one(serve_db *h, const char *ids, const serve_args *args, serve_resp *r)
{
    long long id;
    if (args->n) {
        serve_error(r, 400, "unknown parameter '%.60s'", args->key[0]);
        return;
    }
    if (parse_id(ids, &id) < 0) {
        serve_error(r, 404, "no such event '%.40s'", ids);
        return;
    }
    sqlite3_stmt *st = h->st[Q_EVENT];
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        serve_error(r, 404, "no event %lld", id);
        return;
    }
    if (rc != SQLITE_ROW) {
        db_fail(r, h, rc);
        return;
    }
    dyad_buf *b = &r->body;
    int first = 1;
    dyad_buf_putc(b, '{');
    jcols(b, &first, st, 0);
    dyad_buf_puts(b, ",\"mentions\":[");
    st = h->st[Q_EVENT_MENTIONS];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, MENTIONS_MAX + 1);
    int n = 0, more = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == MENTIONS_MAX) {
            more = 1;
            break;
        }
        dyad_buf_puts(b, n++ ? ",{" : "{");
        static const char *const names[] = {"doc_id", "doc_hash", "doc", "title", "outlet", "url", "pub_date",
                                            "mention", "sent", "evidence", "span_start", "span_end",
                                            "source_text", "target_text", "verb", "date", "date_precision",
                                            "plover", "plover_mode"};
        int f1 = 1;
        for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
            jkey(b, &f1, names[i]);
            jcol(b, st, i);
        }
        dyad_buf_putc(b, '}');
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        db_fail(r, h, rc);
        return;
    }
    dyad_buf_printf(b, "],\"mentions_truncated\":%s}", more ? "true" : "false");
    ok(r);
}

static void document(serve_db *h, const char *ids, const serve_args *args, serve_resp *r)
{
    if (args->n) {
        serve_error(r, 400, "unknown parameter '%.60s'", args->key[0]);
        return;
    }
    long long id = 0;
    sqlite3_stmt *st;
    size_t n = strlen(ids);
    if (parse_id(ids, &id) == 0) {
        st = h->st[Q_DOC_ID];
        sqlite3_bind_int64(st, 1, id);
    } else if (n == 32 && strspn(ids, "0123456789abcdef") == 32) {
        st = h->st[Q_DOC_HASH];
        sqlite3_bind_text(st, 1, ids, 32, SQLITE_TRANSIENT);
    } else {
        serve_error(r, 404, "no such document '%.40s' (want a number or a 32-digit content hash)", ids);
        return;
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        serve_error(r, 404, "no document %.40s", ids);
        return;
    }
    if (rc != SQLITE_ROW) {
        db_fail(r, h, rc);
        return;
    }
    id = sqlite3_column_int64(st, 0);
    dyad_buf *b = &r->body;
    int first = 1;
    dyad_buf_putc(b, '{');
    static const char *const names[] = {"id", "hash", "name", "url", "outlet", "title", "date", "language",
                                        "author", "n_sentences", "n_events", "added"};
    for (int i = 0; i < 12; i++) {
        jkey(b, &first, names[i]);
        jcol(b, st, i);
    }
    dyad_buf_puts(b, ",\"sentences\":[");
    sqlite3_stmt *ss = h->st[Q_DOC_SENTS], *es = h->st[Q_DOC_EVENTS];
    sqlite3_bind_int64(ss, 1, id);
    sqlite3_bind_int(ss, 2, DOC_SENTENCES_MAX + 1);
    sqlite3_bind_int64(es, 1, id);
    int erc = sqlite3_step(es);
    long long prev_end = -1;
    int ns = 0, more = 0, marked = 0;
    while ((rc = sqlite3_step(ss)) == SQLITE_ROW) {
        if (ns == DOC_SENTENCES_MAX) {
            more = 1;
            break;
        }
        long long idx = sqlite3_column_int64(ss, 0), start = sqlite3_column_int64(ss, 1);
        dyad_buf_puts(b, ns++ ? ",{" : "{");
        int f1 = 1;
        jkey(b, &f1, "idx");
        jcol(b, ss, 0);
        jkey(b, &f1, "start");
        jcol(b, ss, 1);
        jkey(b, &f1, "end");
        jcol(b, ss, 2);
        /* a blank line (or more) between two sentences starts a paragraph */
        dyad_buf_printf(b, ",\"paragraph\":%s", prev_end < 0 || start - prev_end >= 2 ? "true" : "false");
        jkey(b, &f1, "text");
        jcol(b, ss, 3);
        prev_end = sqlite3_column_int64(ss, 2);
        /* the events coded from this sentence (both statements are ordered by sentence) */
        while (erc == SQLITE_ROW && sqlite3_column_int64(es, 0) < idx)
            erc = sqlite3_step(es);
        int ne = 0;
        dyad_buf_puts(b, ",\"events\":[");
        while (erc == SQLITE_ROW && sqlite3_column_int64(es, 0) == idx) {
            dyad_buf_puts(b, ne++ ? ",{" : "{");
            int f2 = 1;
            static const char *const en[] = {"mention", "event_id", "cameo", "source_code", "target_code",
                                             "goldstein", "quad", "verb", "source_text", "target_text", "date"};
            for (int i = 0; i < 11; i++) {
                jkey(b, &f2, en[i]);
                jcol(b, es, i + 1);
            }
            dyad_buf_putc(b, '}');
            erc = sqlite3_step(es);
        }
        marked += ne > 0;
        dyad_buf_printf(b, "],\"evidence\":%s}", ne ? "true" : "false");
    }
    if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || (erc != SQLITE_ROW && erc != SQLITE_DONE)) {
        db_fail(r, h, rc != SQLITE_ROW && rc != SQLITE_DONE ? rc : erc);
        return;
    }
    dyad_buf_printf(b, "],\"evidence_sentences\":%d,\"truncated\":%s}", marked, more ? "true" : "false");
    ok(r);
}

/* ---- totals ---------------------------------------------------------------------------------- */

static void stats(serve_app *a, serve_db *h, const serve_args *args, serve_resp *r)
{
    if (args->n) {
        serve_error(r, 400, "unknown parameter '%.60s'", args->key[0]);
        return;
    }
    dyad_store_counts k;
    char err[1024];
    if (dyad_store_count(h->store, &k, err, sizeof err) < 0) {
        store_fail(r, err);
        return;
    }
    sqlite3_stmt *st = h->st[Q_RANGE];
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        db_fail(r, h, rc);
        return;
    }
    dyad_buf *b = &r->body;
    const char *name = strrchr(a->dbpath, '/');
    name = name ? name + 1 : a->dbpath;
    dyad_buf_puts(b, "{\"database\":");
    jstr(b, name);
    dyad_buf_printf(b, ",\"backend\":\"%s\",\"schema_version\":%d,\"dyad_version\":", dyad_store_backend(h->store),
                    dyad_store_version(h->store));
    jstr(b, dyad_version());
    dyad_buf_printf(b, ",\"documents\":%lld,\"sentences\":%lld,\"actor_mentions\":%lld,\"event_mentions\":%lld,"
                    "\"events\":%lld,\"first_date\":",
                    k.documents, k.sentences, k.actor_mentions, k.event_mentions, k.events);
    jcol(b, st, 0);
    dyad_buf_puts(b, ",\"last_date\":");
    jcol(b, st, 1);
    dyad_buf_printf(b, ",\"limits\":{\"page_max\":%d,\"offset_max\":%d,\"top_max\":%d}}", DYAD_SERVE_PAGE_MAX,
                    DYAD_SERVE_OFFSET_MAX, DYAD_SERVE_TOP_MAX);
    ok(r);
}

/* ---- routing ------------------------------------------------------------------------------- */

void serve_api(serve_app *a, const char *path, const serve_args *args, serve_resp *r)
{
    if (!strcmp(path, "/api/codes")) {
        if (args->n) {
            serve_error(r, 400, "unknown parameter '%.60s'", args->key[0]);
            return;
        }
        dyad_buf_puts(&r->body, a->codes_json);
        ok(r);
        return;
    }
    enum { R_NONE, R_EVENTS, R_EVENT, R_MENTIONS, R_DYADS, R_ACTORS, R_SERIES, R_DOC, R_STATS } route = R_NONE;
    const char *rest = NULL;
    if (!strcmp(path, "/api/events"))
        route = R_EVENTS;
    else if (!strncmp(path, "/api/events/", 12))
        route = R_EVENT, rest = path + 12;
    else if (!strcmp(path, "/api/mentions"))
        route = R_MENTIONS;
    else if (!strcmp(path, "/api/dyads"))
        route = R_DYADS;
    else if (!strcmp(path, "/api/actors"))
        route = R_ACTORS;
    else if (!strcmp(path, "/api/timeseries"))
        route = R_SERIES;
    else if (!strncmp(path, "/api/documents/", 15))
        route = R_DOC, rest = path + 15;
    else if (!strcmp(path, "/api/stats"))
        route = R_STATS;
    if (route == R_NONE) {
        serve_error(r, 404, "no such endpoint '%.80s' (see /api/ in docs/serve.md)", path);
        return;
    }
    char err[1024];
    serve_db *h = db_get(a, err, sizeof err);
    if (!h) {
        fprintf(stderr, "dyad serve: cannot open the database: %s\n", err);
        serve_error(r, 503, "database unavailable");
        return;
    }
    switch (route) {
    case R_EVENTS: list(h, path, "events", DYAD_Q_EVENTS, args, r); break;
    case R_MENTIONS: list(h, path, "mentions", DYAD_Q_MENTIONS, args, r); break;
    case R_EVENT: event_one(h, rest, args, r); break;
    case R_DYADS: dyads(h, args, r); break;
    case R_ACTORS: actors(h, args, r); break;
    case R_SERIES: timeseries(h, args, r); break;
    case R_DOC: document(h, rest, args, r); break;
    case R_STATS: stats(a, h, args, r); break;
    default: break;
    }
    if (r->status == 200 && r->body.data == NULL)
        serve_error(r, 500, "empty answer");
    db_put(a, h);
}

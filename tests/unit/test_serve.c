/* test_serve.c — `dyad serve` over real HTTP on loopback, against a database coded from
 * data/samples by the dyad binary ($DYAD, else build/dyad). Every answer is checked against
 * the store's own query API, so the tests hold whatever the coder finds in the samples. */
#include "testutil.h"
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "serve/serve.h"
#include "store/store.h"

static char tmpdir[256], dbfile[320];
static dyad_server *srv;
static dyad_store *st;
static int port;

/* ---- HTTP client ------------------------------------------------------------------------ */

typedef struct resp {
    int status;
    char headers[8192];
    char *body;
    size_t body_len;
    json_t *json;
} resp;

static void resp_free(resp *r)
{
    free(r->body);
    json_decref(r->json);
    memset(r, 0, sizeof *r);
}

static int connect_to(int p)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)p)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
        fail_msg("connect: %s", strerror(errno));
    return fd;
}

static void send_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
        if (w <= 0)
            fail_msg("send: %s", strerror(errno));
        s += w;
        n -= (size_t)w;
    }
}

/* One request on its own connection; extra is more header lines ("Name: v\r\n"). */
static resp request_to(int p, const char *method, const char *path, const char *extra)
{
    int fd = connect_to(p);
    char req[16384];
    int n = snprintf(req, sizeof req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s\r\n", method, path,
                     extra ? extra : "");
    assert_true(n > 0 && (size_t)n < sizeof req);
    send_all(fd, req, (size_t)n);
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        if (len + 4096 > cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        ssize_t r = recv(fd, buf + len, cap - len - 1, 0);
        if (r < 0)
            fail_msg("recv %s: %s", path, strerror(errno));
        if (r == 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    buf[len] = 0;
    resp out = {0};
    char *eoh = strstr(buf, "\r\n\r\n");
    if (!eoh || sscanf(buf, "HTTP/1.%*d %d", &out.status) != 1)
        fail_msg("bad HTTP answer to %s: %.200s", path, buf);
    size_t hl = (size_t)(eoh - buf);
    snprintf(out.headers, sizeof out.headers, "%.*s", (int)(hl < sizeof out.headers - 1 ? hl : sizeof out.headers - 1), buf);
    out.body_len = len - hl - 4;
    out.body = malloc(out.body_len + 1);
    memcpy(out.body, eoh + 4, out.body_len + 1);
    free(buf);
    if (strcasestr(out.headers, "Content-Type: application/json")) {
        json_error_t je;
        out.json = json_loadb(out.body, out.body_len, 0, &je);
        if (!out.json)
            fail_msg("%s: invalid JSON (%s): %.200s", path, je.text, out.body);
    }
    return out;
}

static resp get(const char *path) { return request_to(port, "GET", path, NULL); }

/* A header's value (case-insensitive name), or NULL. */
static const char *header(const resp *r, const char *name, char *out, size_t outlen)
{
    const char *p = r->headers;
    size_t n = strlen(name);
    while ((p = strstr(p, "\r\n")) != NULL) {
        p += 2;
        if (!strncasecmp(p, name, n) && p[n] == ':') {
            const char *v = p + n + 1;
            while (*v == ' ')
                v++;
            size_t k = strcspn(v, "\r\n");
            snprintf(out, outlen, "%.*s", (int)k, v);
            return out;
        }
    }
    return NULL;
}

static resp get_ok(const char *path)
{
    resp r = get(path);
    if (r.status != 200)
        fail_msg("GET %s: status %d: %.300s", path, r.status, r.body);
    assert_non_null(r.json);
    return r;
}

/* ---- the store's view --------------------------------------------------------------------- */

typedef struct idlist {
    long long v[4096];
    size_t n;
} idlist;

static int collect_first(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    idlist *l = ctx;
    if (ncol && vals[0] && l->n < 4096)
        l->v[l->n++] = atoll(vals[0]);
    return 0;
}

static idlist store_ids(const dyad_store_filter *f)
{
    idlist l = {.n = 0};
    char err[1024];
    if (dyad_store_query(st, DYAD_Q_EVENTS, f, NULL, collect_first, &l, err, sizeof err) < 0)
        fail_msg("store query: %s", err);
    return l;
}

/* Every event id the API gives for this query string, following "next". */
static idlist api_ids(const char *query)
{
    idlist l = {.n = 0};
    char path[2048];
    snprintf(path, sizeof path, "/api/events?%s%slimit=7", query, *query ? "&" : "");
    for (int pages = 0; pages < 200; pages++) {
        resp r = get_ok(path);
        json_t *ev = json_object_get(r.json, "events");
        assert_true(json_is_array(ev));
        assert_int_equal(json_integer_value(json_object_get(r.json, "count")), json_array_size(ev));
        size_t i;
        json_t *e;
        json_array_foreach(ev, i, e) l.v[l.n++] = json_integer_value(json_object_get(e, "id"));
        json_t *next = json_object_get(r.json, "next");
        if (json_is_null(next)) {
            resp_free(&r);
            return l;
        }
        assert_true(json_is_string(next));
        assert_int_equal(json_array_size(ev), 7);
        snprintf(path, sizeof path, "%s", json_string_value(next));
        resp_free(&r);
    }
    fail_msg("too many pages for %s", query);
    return l;
}

static void assert_same_ids(const idlist *a, const idlist *b, const char *what)
{
    if (a->n != b->n)
        fail_msg("%s: API gives %zu events, the store %zu", what, a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i] != b->v[i])
            fail_msg("%s: event %zu is %lld in the API, %lld in the store", what, i, a->v[i], b->v[i]);
}

/* ---- fixture ------------------------------------------------------------------------------ */

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad_test_serve.XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(dbfile, sizeof dbfile, "%s/samples.sqlite", tmpdir);
    const char *dyad = getenv("DYAD");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' code -q --db '%s' data/samples", dyad && *dyad ? dyad : "build/dyad", dbfile);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot build the database: %s\n", cmd);
        return -1;
    }
    char err[1024];
    dyad_serve_opts o = {.db = dbfile, .port = 0, .timeout = 2, .datadir = "data"};
    srv = dyad_serve_start(&o, err, sizeof err);
    if (!srv) {
        fprintf(stderr, "cannot start: %s\n", err);
        return -1;
    }
    port = dyad_serve_port(srv);
    st = dyad_store_open(dbfile, DYAD_STORE_READ, err, sizeof err);
    if (!st) {
        fprintf(stderr, "cannot open: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad_serve_stop(srv);
    dyad_store_close(st);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void test_start_errors(void **state)
{
    (void)state;
    char err[1024];
    dyad_serve_opts o = {.db = "/nonexistent/x.sqlite"};
    assert_null(dyad_serve_start(&o, err, sizeof err));
    assert_non_null(strstr(err, "no such"));
    o.db = dbfile;
    o.bind = "999.1.2.3";
    assert_null(dyad_serve_start(&o, err, sizeof err));
    assert_non_null(strstr(err, "bind"));
    o.bind = "127.0.0.1";
    o.port = port;   /* in use */
    assert_null(dyad_serve_start(&o, err, sizeof err));
    char junk[400];
    snprintf(junk, sizeof junk, "%s/junk.sqlite", tmpdir);
    FILE *f = fopen(junk, "w");
    fputs("not a database at all, just some text that is long enough to look like a file\n", f);
    fclose(f);
    o.db = junk;
    o.port = 0;
    assert_null(dyad_serve_start(&o, err, sizeof err));
}

static void test_stats(void **state)
{
    (void)state;
    resp r = get_ok("/api/stats");
    dyad_store_counts k;
    char err[1024], h[256];
    assert_int_equal(dyad_store_count(st, &k, err, sizeof err), 0);
    assert_true(k.events > 50);
    assert_int_equal(json_integer_value(json_object_get(r.json, "events")), k.events);
    assert_int_equal(json_integer_value(json_object_get(r.json, "documents")), k.documents);
    assert_int_equal(json_integer_value(json_object_get(r.json, "event_mentions")), k.event_mentions);
    assert_int_equal(json_integer_value(json_object_get(r.json, "sentences")), k.sentences);
    assert_string_equal(json_string_value(json_object_get(r.json, "database")), "samples.sqlite");
    assert_int_equal(strlen(json_string_value(json_object_get(r.json, "first_date"))), 10);
    assert_string_equal(header(&r, "Content-Type", h, sizeof h), "application/json; charset=utf-8");
    assert_string_equal(header(&r, "X-Content-Type-Options", h, sizeof h), "nosniff");
    assert_string_equal(header(&r, "Cache-Control", h, sizeof h), "no-store");
    assert_null(header(&r, "Access-Control-Allow-Origin", h, sizeof h));   /* CORS off by default */
    resp_free(&r);
}

static void test_events_pages(void **state)
{
    (void)state;
    dyad_store_filter f = {0};
    idlist a = api_ids(""), b = store_ids(&f);
    assert_same_ids(&a, &b, "all events");
    /* an explicit page, and the default page size */
    resp r = get_ok("/api/events?limit=3&offset=5");
    json_t *ev = json_object_get(r.json, "events");
    assert_int_equal(json_array_size(ev), 3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(ev, 0), "id")), b.v[5]);
    assert_string_equal(json_string_value(json_object_get(r.json, "next")), "/api/events?limit=3&offset=8");
    json_t *e = json_array_get(ev, 0);
    for (const char *const *k = (const char *const[]){"date", "source_code", "target_code", "cameo", "root",
                                                      "quad", "goldstein", "num_mentions", "num_sources",
                                                      "num_articles", "url", NULL};
         *k; k++)
        if (!json_object_get(e, *k))
            fail_msg("event has no '%s'", *k);
    assert_true(json_is_integer(json_object_get(e, "quad")));
    assert_true(json_is_real(json_object_get(e, "goldstein")));
    resp_free(&r);
    r = get_ok("/api/events");
    assert_int_equal(json_array_size(json_object_get(r.json, "events")),
                     b.n < DYAD_SERVE_PAGE_DEFAULT ? b.n : DYAD_SERVE_PAGE_DEFAULT);
    resp_free(&r);
    /* past the end: an empty page */
    r = get_ok("/api/events?offset=100000");
    assert_int_equal(json_array_size(json_object_get(r.json, "events")), 0);
    assert_true(json_is_null(json_object_get(r.json, "next")));
    resp_free(&r);
}

static void test_events_filters(void **state)
{
    (void)state;
    /* each query string and the store filter it must mean */
    struct {
        const char *q;
        dyad_store_filter f;
    } cases[] = {
        {"dyad=RUSGOV:UKRGOV", {.dyad_source = "RUSGOV", .dyad_target = "UKRGOV"}},
        {"dyad=rus*:", {.dyad_source = "RUS*"}},
        {"dyad=:UKR*", {.dyad_target = "UKR*"}},
        {"actor=AZE*", {.actor = "AZE*"}},
        {"quad=4", {.quad = 4}},
        {"root=19", {.root = "19"}},
        {"code=04*", {.code = "04*"}},
        {"code=173", {.code = "173"}},
        {"from=2023-01-01&to=2023-12-31", {.from = "2023-01-01", .to = "2023-12-31"}},
        {"country=aze", {.country = "AZE"}},
        {"text=ceasefire", {.text = "ceasefire"}},
        {"source=Turtle%20Bay%20Notes", {.outlet = "Turtle Bay Notes"}},
        {"actor=RUS*&quad=1&from=2024-01-01", {.actor = "RUS*", .quad = 1, .from = "2024-01-01"}},
        {"text=%27%20OR%201%3D1%20--", {.text = "' OR 1=1 --"}},
        {"dyad=&quad=", {0}},   /* empty values are no filter */
    };
    int nonempty = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        idlist a = api_ids(cases[i].q), b = store_ids(&cases[i].f);
        assert_same_ids(&a, &b, cases[i].q);
        nonempty += a.n > 0;
    }
    assert_true(nonempty >= 10);   /* the samples hold most of these */
}

static void test_mentions(void **state)
{
    (void)state;
    resp r = get_ok("/api/mentions?limit=500");
    dyad_store_counts k;
    char err[1024];
    assert_int_equal(dyad_store_count(st, &k, err, sizeof err), 0);
    json_t *m = json_object_get(r.json, "mentions");
    assert_int_equal(json_array_size(m), k.event_mentions);
    size_t i;
    json_t *e;
    json_array_foreach(m, i, e)
    {
        assert_true(strlen(json_string_value(json_object_get(e, "evidence"))) > 10);
        assert_true(json_is_integer(json_object_get(e, "event_id")));
        assert_int_equal(strlen(json_string_value(json_object_get(e, "doc_hash"))), 32);
    }
    resp_free(&r);
}

static void test_event_detail(void **state)
{
    (void)state;
    dyad_store_filter f = {0};
    idlist ids = store_ids(&f);
    for (size_t i = 0; i < ids.n; i += 5) {
        char path[64];
        snprintf(path, sizeof path, "/api/events/%lld", ids.v[i]);
        resp r = get_ok(path);
        assert_int_equal(json_integer_value(json_object_get(r.json, "id")), ids.v[i]);
        json_t *ms = json_object_get(r.json, "mentions");
        assert_int_equal(json_array_size(ms), json_integer_value(json_object_get(r.json, "num_mentions")));
        json_t *m = json_array_get(ms, 0);
        const char *ev = json_string_value(json_object_get(m, "evidence"));
        assert_non_null(ev);
        /* the evidence is that sentence of that document */
        snprintf(path, sizeof path, "/api/documents/%lld", (long long)json_integer_value(json_object_get(m, "doc_id")));
        resp d = get_ok(path);
        json_t *s = json_array_get(json_object_get(d.json, "sentences"), (size_t)json_integer_value(json_object_get(m, "sent")));
        assert_string_equal(json_string_value(json_object_get(s, "text")), ev);
        assert_true(json_is_true(json_object_get(s, "evidence")));
        resp_free(&d);
        resp_free(&r);
    }
    resp r = get("/api/events/99999999");
    assert_int_equal(r.status, 404);
    resp_free(&r);
}

typedef struct tally {
    long n, dated, quad[5];
    double gsum;
} tally;

static int tally_row(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)ncol;
    (void)names;
    tally *t = ctx;
    t->n++;
    if (vals[1] && *vals[1]) {   /* EVENTS: 1 date, 10 quad, 11 goldstein */
        t->dated++;
        t->quad[atoi(vals[10])]++;
        t->gsum += strtod(vals[11], NULL);
    }
    return 0;
}

static void check_series(const char *query, const dyad_store_filter *f)
{
    tally t = {0};
    char err[1024], path[512];
    assert_true(dyad_store_query(st, DYAD_Q_EVENTS, f, NULL, tally_row, &t, err, sizeof err) >= 0);
    snprintf(path, sizeof path, "/api/timeseries?%s", query);
    resp r = get_ok(path);
    json_t *tot = json_object_get(r.json, "totals");
    assert_int_equal(json_integer_value(json_object_get(tot, "events")), t.dated);
    json_t *q = json_object_get(tot, "quad");
    for (int i = 0; i < 4; i++)
        assert_int_equal(json_integer_value(json_array_get(q, (size_t)i)), t.quad[i + 1]);
    assert_int_equal(json_integer_value(json_object_get(tot, "cooperation")), t.quad[1] + t.quad[2]);
    assert_int_equal(json_integer_value(json_object_get(tot, "conflict")), t.quad[3] + t.quad[4]);
    if (t.dated)
        assert_true(fabs(json_real_value(json_object_get(tot, "mean_goldstein")) - t.gsum / t.dated) < 0.0006);
    /* the points add up to the totals, in period order */
    json_t *s = json_object_get(r.json, "series"), *p;
    size_t i;
    long sum = 0;
    const char *prev = "";
    json_array_foreach(s, i, p)
    {
        const char *per = json_string_value(json_object_get(p, "period"));
        assert_true(strcmp(prev, per) < 0);
        prev = per;
        long n = json_integer_value(json_object_get(p, "events"));
        assert_true(n > 0);
        sum += n;
    }
    assert_int_equal(sum, t.dated);
    resp_free(&r);
}

static void test_timeseries(void **state)
{
    (void)state;
    check_series("by=month", &(dyad_store_filter){0});
    check_series("by=day", &(dyad_store_filter){0});
    check_series("dyad=RUS*:UKR*&by=week", &(dyad_store_filter){.dyad_source = "RUS*", .dyad_target = "UKR*"});
    check_series("dyad=USA*:&by=month", &(dyad_store_filter){.dyad_source = "USA*"});
    check_series("quad=3&by=month", &(dyad_store_filter){.quad = 3});
    /* weeks start on Mondays */
    resp r = get_ok("/api/timeseries?by=week");
    json_t *p;
    size_t i;
    json_array_foreach(json_object_get(r.json, "series"), i, p)
    {
        struct tm tm = {0};
        assert_non_null(strptime(json_string_value(json_object_get(p, "period")), "%Y-%m-%d", &tm));
        tm.tm_hour = 12;
        time_t tt = timegm(&tm);
        struct tm back;
        gmtime_r(&tt, &back);
        assert_int_equal(back.tm_wday, 1);
    }
    assert_string_equal(json_string_value(json_object_get(r.json, "by")), "week");
    resp_free(&r);
    r = get_ok("/api/timeseries?dyad=USA:CHN&by=week");
    assert_string_equal(json_string_value(json_object_get(r.json, "dyad")), "USA:CHN");
    resp_free(&r);
}

typedef struct toprows {
    char key[256][80];
    long n[256];
    size_t count;
} toprows;

static int top_collect(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    toprows *t = ctx;
    if (t->count == 256)
        return 1;
    if (ncol == 4)   /* TOP_DYADS: source target events mentions */
        snprintf(t->key[t->count], 80, "%s>%s", vals[0], vals[1]);
    else             /* TOP_ACTORS: actor events mentions */
        snprintf(t->key[t->count], 80, "%s", vals[0]);
    t->n[t->count++] = atol(vals[ncol == 4 ? 2 : 1]);
    return 0;
}

static void test_dyads_actors(void **state)
{
    (void)state;
    toprows t = {.count = 0};
    char err[1024];
    dyad_store_filter f = {.limit = 30};
    assert_true(dyad_store_query(st, DYAD_Q_TOP_DYADS, &f, NULL, top_collect, &t, err, sizeof err) > 0);
    resp r = get_ok("/api/dyads?limit=30");
    json_t *d = json_object_get(r.json, "dyads"), *x;
    assert_int_equal(json_array_size(d), t.count);
    size_t i;
    json_array_foreach(d, i, x)
    {
        char key[80];
        snprintf(key, sizeof key, "%s>%s", json_string_value(json_object_get(x, "source")),
                 json_string_value(json_object_get(x, "target")));
        assert_string_equal(key, t.key[i]);
        long ev = json_integer_value(json_object_get(x, "events"));
        assert_int_equal(ev, t.n[i]);
        json_t *q = json_object_get(x, "quad");
        long qs = 0;
        for (size_t k = 0; k < 4; k++)
            qs += json_integer_value(json_array_get(q, k));
        assert_true(qs <= ev);   /* quad classes count dated events */
        assert_int_equal(json_integer_value(json_object_get(x, "cooperation")) +
                             json_integer_value(json_object_get(x, "conflict")), qs);
        double g = json_is_null(json_object_get(x, "mean_goldstein")) ? 0 : json_real_value(json_object_get(x, "mean_goldstein"));
        assert_true(g >= -10 && g <= 10);
    }
    resp_free(&r);
    /* a filtered dyad list: only dyads with conflict */
    r = get_ok("/api/dyads?quad=4");
    json_array_foreach(json_object_get(r.json, "dyads"), i, x)
    {
        json_t *q = json_object_get(x, "quad");
        assert_true(json_integer_value(json_array_get(q, 3)) <= json_integer_value(json_object_get(x, "events")));
        for (size_t k = 0; k < 3; k++)
            assert_int_equal(json_integer_value(json_array_get(q, k)), 0);
    }
    resp_free(&r);

    toprows a = {.count = 0};
    f.limit = 25;
    assert_true(dyad_store_query(st, DYAD_Q_TOP_ACTORS, &f, NULL, top_collect, &a, err, sizeof err) > 0);
    r = get_ok("/api/actors");
    json_t *ac = json_object_get(r.json, "actors");
    assert_int_equal(json_array_size(ac), a.count);
    json_array_foreach(ac, i, x)
    {
        assert_string_equal(json_string_value(json_object_get(x, "actor")), a.key[i]);
        assert_int_equal(json_integer_value(json_object_get(x, "events")), a.n[i]);
    }
    resp_free(&r);
}

static void test_documents(void **state)
{
    (void)state;
    dyad_store_counts k;
    char err[1024];
    assert_int_equal(dyad_store_count(st, &k, err, sizeof err), 0);
    long total_events = 0;
    for (long long id = 1; id <= k.documents; id++) {
        char path[128];
        snprintf(path, sizeof path, "/api/documents/%lld", id);
        resp r = get_ok(path);
        json_t *s = json_object_get(r.json, "sentences"), *x;
        assert_int_equal(json_array_size(s), json_integer_value(json_object_get(r.json, "n_sentences")));
        size_t i;
        long nev = 0, marked = 0, last_end = -1;
        json_array_foreach(s, i, x)
        {
            assert_int_equal(json_integer_value(json_object_get(x, "idx")), i);
            long start = (long)json_integer_value(json_object_get(x, "start"));
            assert_true(start > last_end);   /* spans in order, not overlapping */
            last_end = (long)json_integer_value(json_object_get(x, "end"));
            size_t ne = json_array_size(json_object_get(x, "events"));
            nev += (long)ne;
            marked += ne > 0;
            assert_true(json_is_true(json_object_get(x, "evidence")) == (ne > 0));
        }
        assert_int_equal(nev, json_integer_value(json_object_get(r.json, "n_events")));
        assert_int_equal(marked, json_integer_value(json_object_get(r.json, "evidence_sentences")));
        total_events += nev;
        /* the same document by its content hash */
        snprintf(path, sizeof path, "/api/documents/%s", json_string_value(json_object_get(r.json, "hash")));
        resp h = get_ok(path);
        assert_int_equal(json_integer_value(json_object_get(h.json, "id")), id);
        resp_free(&h);
        resp_free(&r);
    }
    assert_int_equal(total_events, k.event_mentions);
    const char *missing[] = {"/api/documents/0", "/api/documents/99999", "/api/documents/abc",
                             "/api/documents/0123456789abcdef0123456789abcdef", "/api/documents/",
                             "/api/documents/1/2", "/api/documents/..%2f..%2fetc%2fpasswd"};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        resp r = get(missing[i]);
        if (r.status != 404)
            fail_msg("%s: status %d, want 404", missing[i], r.status);
        assert_non_null(json_object_get(r.json, "error"));
        resp_free(&r);
    }
}

static void test_errors(void **state)
{
    (void)state;
    char longq[4096] = "/api/events?text=";
    memset(longq + strlen(longq), 'a', 2500);
    char many[1024] = "/api/events?";
    for (int i = 0; i < 20; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "x%d=1&", i);
    struct {
        const char *method, *path;
        int status;
    } cases[] = {
        {"GET", "/api/events?quad=9", 400},        {"GET", "/api/events?quad=x", 400},
        {"GET", "/api/events?limit=0", 400},       {"GET", "/api/events?limit=501", 400},
        {"GET", "/api/events?offset=100001", 400}, {"GET", "/api/events?offset=-1", 400},
        {"GET", "/api/events?from=2024-13-01", 400}, {"GET", "/api/events?to=yesterday", 400},
        {"GET", "/api/events?dyad=USA", 400},      {"GET", "/api/events?dyad=:", 400},
        {"GET", "/api/events?dyad=US%20A:CHN", 400}, {"GET", "/api/events?actor=USA;DROP", 400},
        {"GET", "/api/events?code=abc", 400},      {"GET", "/api/events?root=21", 400},
        {"GET", "/api/events?country=US", 400},    {"GET", "/api/events?nope=1", 400},
        {"GET", "/api/events?quad=1&quad=2", 400}, {"GET", "/api/timeseries?by=year", 400},
        {"GET", "/api/dyads?limit=201", 400},      {"GET", "/api/dyads?offset=5", 400},
        {"GET", "/api/events?text=%01", 400},      {"GET", "/api/stats?x=1", 400},
        {"GET", "/api/nope", 404},                 {"GET", "/api", 404},
        {"GET", "/nope", 404},                     {"GET", "/../../etc/passwd", 404},
        {"GET", "/%2e%2e/%2e%2e/etc/passwd", 404}, {"GET", "/web/index.html", 404},
        {"GET", "/index.html/", 404},              {"GET", "/api/events/abc", 404},
        {"POST", "/api/events", 405},              {"DELETE", "/api/events/1", 405},
        {"PUT", "/", 405},                         {"GET", longq, 414},
        {"GET", many, 414},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        resp r = request_to(port, cases[i].method, cases[i].path, NULL);
        if (r.status != cases[i].status)
            fail_msg("%s %.80s: status %d, want %d (%.200s)", cases[i].method, cases[i].path, r.status,
                     cases[i].status, r.body);
        if (!r.json || !json_is_string(json_object_get(r.json, "error")) ||
            json_integer_value(json_object_get(r.json, "status")) != cases[i].status)
            fail_msg("%s %.80s: error not as JSON: %.200s", cases[i].method, cases[i].path, r.body);
        char h[64];
        if (cases[i].status == 405)
            assert_string_equal(header(&r, "Allow", h, sizeof h), "GET, HEAD");
        resp_free(&r);
    }
    /* the database is untouched by all that */
    char err[1024];
    assert_int_equal(dyad_store_check(st, err, sizeof err), 0);
}

static void test_static(void **state)
{
    (void)state;
    char h[512], etag[128];
    resp r = get("/");
    assert_int_equal(r.status, 200);
    assert_string_equal(header(&r, "Content-Type", h, sizeof h), "text/html; charset=utf-8");
    assert_non_null(strstr(header(&r, "Content-Security-Policy", h, sizeof h), "default-src 'none'"));
    assert_non_null(strstr(r.body, "app.js"));
    assert_null(strstr(r.body, "http://"));    /* nothing loaded from elsewhere */
    assert_null(strstr(r.body, "https://"));
    assert_non_null(header(&r, "ETag", etag, sizeof etag));
    size_t len = r.body_len;
    resp_free(&r);
    r = get("/app.js");
    assert_int_equal(r.status, 200);
    assert_string_equal(header(&r, "Content-Type", h, sizeof h), "text/javascript; charset=utf-8");
    assert_null(strstr(r.body, "innerHTML"));   /* text from the database never becomes markup */
    resp_free(&r);
    r = get("/style.css");
    assert_string_equal(header(&r, "Content-Type", h, sizeof h), "text/css; charset=utf-8");
    resp_free(&r);
    /* revalidation and HEAD */
    char extra[256];
    snprintf(extra, sizeof extra, "If-None-Match: %s\r\n", etag);
    r = request_to(port, "GET", "/index.html", extra);
    assert_int_equal(r.status, 304);
    assert_int_equal(r.body_len, 0);
    resp_free(&r);
    r = request_to(port, "HEAD", "/", NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, 0);
    assert_int_equal(atol(header(&r, "Content-Length", h, sizeof h)), len);
    resp_free(&r);
}

/* A client that sends half a request and stalls must neither delay others nor stay forever. */
static void test_slow_client(void **state)
{
    (void)state;
    int slow[4];
    for (int i = 0; i < 4; i++) {
        slow[i] = connect_to(port);
        send_all(slow[i], "GET /api/events HTTP/1.1\r\nHost: x\r\n", 36);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < 20; i++) {
        resp r = get_ok("/api/events?limit=5");
        resp_free(&r);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (secs > 1.5)
        fail_msg("20 requests took %.2f s while slow clients were connected", secs);
    /* the server's timeout (2 s in this fixture) closes them */
    for (int i = 0; i < 4; i++) {
        struct pollfd p = {.fd = slow[i], .events = POLLIN};
        assert_int_equal(poll(&p, 1, 6000), 1);
        char buf[256];
        ssize_t n = recv(slow[i], buf, sizeof buf, 0);
        assert_true(n <= 0 || !strncmp(buf, "HTTP/1.1 408", 12) || !strncmp(buf, "HTTP/1.1 4", 10));
        close(slow[i]);
    }
}

static void *hammer(void *arg)
{
    long *bad = arg;
    for (int i = 0; i < 40; i++) {
        resp r = get(i % 2 ? "/api/events?limit=20&quad=1" : "/api/timeseries?by=month");
        if (r.status != 200 || !r.json)
            (*bad)++;
        resp_free(&r);
    }
    return NULL;
}

static void test_concurrent(void **state)
{
    (void)state;
    pthread_t t[8];
    long bad[8] = {0};
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, hammer, &bad[i]);
    for (int i = 0; i < 8; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(bad[i], 0);
    }
}

static void test_keep_alive(void **state)
{
    (void)state;
    /* two requests on one connection */
    int fd = connect_to(port);
    const char *req = "GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\nGET /api/codes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    send_all(fd, req, strlen(req));
    char buf[65536];
    size_t len = 0;
    ssize_t n;
    while ((n = recv(fd, buf + len, sizeof buf - len - 1, 0)) > 0)
        len += (size_t)n;
    buf[len] = 0;
    close(fd);
    char *second = strstr(buf + 1, "HTTP/1.1 200");
    assert_non_null(second);
    assert_non_null(strstr(second, "\"codes\""));
}

static void test_cors(void **state)
{
    (void)state;
    char err[1024], h[256];
    dyad_serve_opts o = {.db = dbfile, .port = 0, .cors_origin = "http://localhost:3000"};
    dyad_server *s2 = dyad_serve_start(&o, err, sizeof err);
    if (!s2)
        fail_msg("start: %s", err);
    resp r = request_to(dyad_serve_port(s2), "GET", "/api/stats", "Origin: http://localhost:3000\r\n");
    assert_int_equal(r.status, 200);
    assert_string_equal(header(&r, "Access-Control-Allow-Origin", h, sizeof h), "http://localhost:3000");
    resp_free(&r);
    r = request_to(dyad_serve_port(s2), "OPTIONS", "/api/events", "Origin: http://localhost:3000\r\n");
    assert_int_equal(r.status, 204);
    assert_string_equal(header(&r, "Access-Control-Allow-Methods", h, sizeof h), "GET, HEAD");
    resp_free(&r);
    dyad_serve_stop(s2);
    /* and never without --cors */
    r = request_to(port, "OPTIONS", "/api/events", "Origin: http://evil.example\r\n");
    assert_int_equal(r.status, 405);
    assert_null(header(&r, "Access-Control-Allow-Origin", h, sizeof h));
    resp_free(&r);
}

static void test_codes(void **state)
{
    (void)state;
    resp r = get_ok("/api/codes");
    json_t *c = json_object_get(r.json, "codes"), *x;
    assert_true(json_array_size(c) > 200);
    size_t i;
    int found = 0;
    json_array_foreach(c, i, x) if (!strcmp(json_string_value(json_object_get(x, "code")), "190"))
    {
        found = 1;
        assert_int_equal(json_integer_value(json_object_get(x, "quad")), 4);
    }
    assert_true(found);
    resp_free(&r);
}

/* The other threading mode: one thread per connection, same answers, slow clients harmless. */
static void test_thread_per_connection(void **state)
{
    (void)state;
    char err[1024];
    dyad_serve_opts o = {.db = dbfile, .port = 0, .threads = -1, .timeout = 2, .no_cache = 1};
    dyad_server *s2 = dyad_serve_start(&o, err, sizeof err);
    if (!s2)
        fail_msg("start: %s", err);
    int p2 = dyad_serve_port(s2);
    int slow = connect_to(p2);
    send_all(slow, "GET / HTTP/1.1\r\n", 16);
    resp a = get_ok("/api/events?quad=3&limit=500");
    resp b = request_to(p2, "GET", "/api/events?quad=3&limit=500", NULL);
    assert_int_equal(b.status, 200);
    assert_int_equal(a.body_len, b.body_len);
    assert_memory_equal(a.body, b.body, a.body_len);
    resp_free(&a);
    resp_free(&b);
    close(slow);
    dyad_serve_stop(s2);
}

/* An answer is reused only while the database is unchanged: a document added by
 * `dyad code --db` shows at once. */
static void test_cache_invalidation(void **state)
{
    (void)state;
    char db2[400], cmd[1200], err[1024];
    const char *dyad = getenv("DYAD");
    dyad = dyad && *dyad ? dyad : "build/dyad";
    snprintf(db2, sizeof db2, "%s/grow.sqlite", tmpdir);
    snprintf(cmd, sizeof cmd, "'%s' code -q --db '%s' data/samples/summit_washington.txt", dyad, db2);
    assert_int_equal(system(cmd), 0);
    dyad_serve_opts o = {.db = db2, .port = 0};
    dyad_server *s2 = dyad_serve_start(&o, err, sizeof err);
    if (!s2)
        fail_msg("start: %s", err);
    int p2 = dyad_serve_port(s2);
    long n[3];
    long long docs[3];
    for (int round = 0; round < 3; round++) {
        if (round == 2) {
            snprintf(cmd, sizeof cmd, "'%s' code -q --db '%s' data/samples/talks_istanbul.txt", dyad, db2);
            assert_int_equal(system(cmd), 0);
        }
        resp r = request_to(p2, "GET", "/api/events?limit=500", NULL);
        assert_int_equal(r.status, 200);
        n[round] = (long)json_array_size(json_object_get(r.json, "events"));
        resp_free(&r);
        r = request_to(p2, "GET", "/api/stats", NULL);
        docs[round] = json_integer_value(json_object_get(r.json, "documents"));
        resp_free(&r);
    }
    assert_int_equal(n[0], n[1]);
    assert_true(n[2] > n[1]);
    assert_int_equal(docs[1], 1);
    assert_int_equal(docs[2], 2);
    dyad_store *s = dyad_store_open(db2, DYAD_STORE_READ, err, sizeof err);
    assert_non_null(s);
    dyad_store_counts k;
    assert_int_equal(dyad_store_count(s, &k, err, sizeof err), 0);
    assert_int_equal(k.events, n[2]);
    dyad_store_close(s);
    dyad_serve_stop(s2);

    /* one parameter holding '&' and '=' is not the same request as two parameters */
    resp a = get_ok("/api/events?text=ceasefire%26quad%3D1&limit=500");
    resp b = get_ok("/api/events?text=ceasefire&quad=1&limit=500");
    idlist wa = store_ids(&(dyad_store_filter){.text = "ceasefire&quad=1"});
    idlist wb = store_ids(&(dyad_store_filter){.text = "ceasefire", .quad = 1});
    assert_true(wb.n > 0);
    assert_int_equal(json_array_size(json_object_get(a.json, "events")), wa.n);
    assert_int_equal(json_array_size(json_object_get(b.json, "events")), wb.n);
    resp_free(&a);
    resp_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_errors), cmocka_unit_test(test_stats),
        cmocka_unit_test(test_events_pages), cmocka_unit_test(test_events_filters),
        cmocka_unit_test(test_mentions),     cmocka_unit_test(test_event_detail),
        cmocka_unit_test(test_timeseries),   cmocka_unit_test(test_dyads_actors),
        cmocka_unit_test(test_documents),    cmocka_unit_test(test_errors),
        cmocka_unit_test(test_static),       cmocka_unit_test(test_slow_client),
        cmocka_unit_test(test_concurrent),   cmocka_unit_test(test_keep_alive),
        cmocka_unit_test(test_cors),         cmocka_unit_test(test_codes),
        cmocka_unit_test(test_cache_invalidation), cmocka_unit_test(test_thread_per_connection),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

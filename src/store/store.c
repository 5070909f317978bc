/* store.c — backend dispatch, batching, document identity and shared helpers. */
#include "store/store_impl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include "doc/doc.h"

int dyad_store_version_limit;

void dyad_store_test_limit_version(int v) { dyad_store_version_limit = v; }

static int is_pg_url(const char *s)
{
    return !strncmp(s, "postgresql://", 13) || !strncmp(s, "postgres://", 11);
}

dyad_store *dyad_store_open(const char *url, int flags, char *err, size_t errlen)
{
    if (!url || !*url) {
        snprintf(err, errlen, "no database given");
        return NULL;
    }
    dyad_store *s = is_pg_url(url) ? dyad_store_pg_open(url, flags, err, errlen)
                                   : dyad_store_sqlite_open(url, flags, err, errlen);
    if (s) {
        s->batch_docs = DYAD_STORE_BATCH_DOCS;
        s->batch_seconds = 0.5;
    }
    return s;
}

void dyad_store_close(dyad_store *s)
{
    if (!s)
        return;
    if (s->in_txn)
        dyad_store_rollback(s);
    s->ops->close(s);
}

int dyad_store_begin(dyad_store *s, char *err, size_t errlen)
{
    if (s->in_txn) {
        snprintf(err, errlen, "%s: a transaction is already open", s->name);
        return -1;
    }
    if (s->ops->begin(s, err, errlen) < 0)
        return -1;
    s->in_txn = 1;
    s->pending = 0;
    clock_gettime(CLOCK_MONOTONIC, &s->batch_t0);
    return 0;
}

int dyad_store_put_result(dyad_store *s, const dyad_result *r, char *err, size_t errlen)
{
    if (!s->in_txn) {
        snprintf(err, errlen, "%s: no transaction open (call dyad_store_begin)", s->name);
        return -1;
    }
    const dyad_article *a = dyad_result_article(r);
    char hash[33];
    dyad_store_doc_hash(a->body, a->body_len, hash);
    int rc = s->ops->put(s, r, hash, err, errlen);
    if (rc > 0)
        s->pending++;
    return rc;
}

int dyad_store_commit(dyad_store *s, char *err, size_t errlen)
{
    if (!s->in_txn)
        return 0;
    int rc = s->ops->commit(s, err, errlen);
    s->in_txn = 0;
    s->pending = 0;
    if (rc == 0)
        s->stats.commits++;
    return rc;
}

void dyad_store_rollback(dyad_store *s)
{
    if (s->in_txn)
        s->ops->rollback(s);
    s->in_txn = 0;
    s->pending = 0;
}

void dyad_store_set_batch(dyad_store *s, size_t docs, double seconds)
{
    s->batch_docs = docs ? docs : 1;
    s->batch_seconds = seconds;
}

static double since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

int dyad_store_add(dyad_store *s, const dyad_result *r, char *err, size_t errlen)
{
    if (!s->in_txn && dyad_store_begin(s, err, errlen) < 0)
        return -1;
    int rc = dyad_store_put_result(s, r, err, errlen);
    if (rc < 0) {
        dyad_store_rollback(s);
        return -1;
    }
    if (s->pending >= s->batch_docs || (s->batch_seconds > 0 && since(&s->batch_t0) >= s->batch_seconds))
        if (dyad_store_commit(s, err, errlen) < 0)
            return -1;
    return rc;
}

int dyad_store_flush(dyad_store *s, char *err, size_t errlen)
{
    return dyad_store_commit(s, err, errlen);
}

int dyad_store_has_doc(dyad_store *s, const char *hash)
{
    return s->ops->has_doc ? s->ops->has_doc(s, hash) : 0;
}

const dyad_store_stats *dyad_store_get_stats(const dyad_store *s) { return &s->stats; }
const char *dyad_store_backend(const dyad_store *s)
{
    return s->dialect == DIALECT_PG ? "postgresql" : "sqlite";
}
const char *dyad_store_name(const dyad_store *s) { return s->name; }
int dyad_store_version(const dyad_store *s) { return s->version; }

/* ---- document identity ------------------------------------------------------------ */

/* ASCII whitespace (space, \t \n \v \f \r), by table: the hash looks at every byte */
static const unsigned char ws_table[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1};
static int is_ws(unsigned char c) { return ws_table[c]; }

void dyad_store_doc_hash(const char *body, size_t len, char out[33])
{
    XXH3_state_t st;
    XXH3_128bits_reset(&st);
    char buf[4096];
    size_t n = 0, i = 0;
    int started = 0;
    /* word by word: the bytes of each run of non-spaces, one space between words */
    while (i < len) {
        while (i < len && is_ws((unsigned char)body[i]))
            i++;
        size_t start = i;
        while (i < len && !is_ws((unsigned char)body[i]))
            i++;
        size_t w = i - start;
        if (!w)
            break;
        if (n + w + 1 > sizeof buf) {
            XXH3_128bits_update(&st, buf, n);
            n = 0;
        }
        if (started)
            buf[n++] = ' ';
        started = 1;
        if (w + 1 > sizeof buf) {   /* a word longer than the buffer goes in directly */
            XXH3_128bits_update(&st, buf, n);
            n = 0;
            XXH3_128bits_update(&st, body + start, w);
            continue;
        }
        memcpy(buf + n, body + start, w);
        n += w;
    }
    XXH3_128bits_update(&st, buf, n);
    XXH128_hash_t h = XXH3_128bits_digest(&st);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
}

/* ---- helpers ------------------------------------------------------------------------ */

void store_now(char out[20])
{
    /* formatted once per second and thread: the store asks once per document */
    static _Thread_local time_t last = -1;
    static _Thread_local char text[20];
    time_t t = time(NULL);
    if (t != last) {
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
        last = t;
    }
    memcpy(out, text, sizeof text);
}

static int key_cmp(const dyad_event *a, const dyad_event *b)
{
    int c = strcmp(a->date, b->date);
    if (c)
        return c;
    if ((c = strcmp(nz(a->source.code), nz(b->source.code))))
        return c;
    if ((c = strcmp(store_target_code(a), store_target_code(b))))
        return c;
    if ((c = strcmp(a->cameo, b->cameo)))
        return c;
    return a->goldstein < b->goldstein ? -1 : a->goldstein > b->goldstein;
}

int store_same_key(const dyad_event *a, const dyad_event *b) { return key_cmp(a, b) == 0; }

static int order_cmp(const void *pa, const void *pb, void *ctx)
{
    const dyad_result *r = ctx;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    int c = key_cmp(&r->ev[a], &r->ev[b]);
    return c ? c : (a < b ? -1 : a > b);
}

void store_order_events(const dyad_result *r, uint32_t *order)
{
    for (size_t i = 0; i < r->n_ev; i++)
        order[i] = (uint32_t)i;
    qsort_r(order, r->n_ev, sizeof *order, order_cmp, (void *)r);
}

uint32_t store_sentence_of(const dyad_result *r, uint32_t off)
{
    uint32_t lo = 0, hi = r->n_sent;   /* first sentence with start > off */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (r->sent[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

void store_rep_key(const char *pub_date, const char *hash, size_t i, char out[64])
{
    int ok = pub_date && strlen(pub_date) >= 10;
    for (int k = 0; ok && k < 10; k++)
        ok = (k == 4 || k == 7) ? pub_date[k] == '-' : (pub_date[k] >= '0' && pub_date[k] <= '9');
    /* "%.10s|%.16s:%08zu", written out: this runs once per event. 16 hex digits of the hash
     * order two documents of one date as all 32 would (and keep rows 16 bytes shorter) */
    memcpy(out, ok ? pub_date : "9999-99-99", 10);
    out[10] = '|';
    size_t n = strnlen(hash, 16);
    memcpy(out + 11, hash, n);
    char *p = out + 11 + n;
    *p++ = ':';
    if (i > 99999999)
        i = 99999999;
    for (int k = 7; k >= 0; k--, i /= 10)
        p[k] = (char)('0' + i % 10);
    p[8] = 0;
}

/* documents.sentences_json: [[span_start, span_end, "text"], ...] */
int store_sentences_json(const dyad_result *r, dyad_buf *b)
{
    dyad_buf_clear(b);
    int bad = dyad_buf_putc(b, '[');
    for (uint32_t i = 0; i < r->n_sent; i++) {
        dyad_span sp = r->sent[i];
        bad |= dyad_buf_puts(b, i ? ",[" : "[") | dyad_buf_uint(b, sp.start) | dyad_buf_putc(b, ',') |
               dyad_buf_uint(b, sp.end) | dyad_buf_puts(b, ",\"") |
               dyad_buf_json_str(b, r->article.body + sp.start, sp.end - sp.start) | dyad_buf_puts(b, "\"]");
    }
    return bad | dyad_buf_putc(b, ']');
}

/* documents.actors_json: [[sent, span_start, span_end, "code", "country", "name", "text"], ...] */
int store_actors_json(const dyad_result *r, dyad_buf *b)
{
    dyad_buf_clear(b);
    int bad = dyad_buf_putc(b, '[');
    for (size_t i = 0; i < r->n_mentions; i++) {
        const dyad_actor *m = &r->mentions[i];
        bad |= dyad_buf_puts(b, i ? ",[" : "[") | dyad_buf_uint(b, store_sentence_of(r, m->start)) |
               dyad_buf_putc(b, ',') | dyad_buf_uint(b, m->start) | dyad_buf_putc(b, ',') | dyad_buf_uint(b, m->end) |
               dyad_buf_putc(b, ',') | dyad_buf_json_value(b, nz(m->code)) | dyad_buf_putc(b, ',') |
               dyad_buf_json_value(b, m->country) | dyad_buf_putc(b, ',') | dyad_buf_json_value(b, m->name) |
               dyad_buf_putc(b, ',') | dyad_buf_json_value(b, m->text) | dyad_buf_putc(b, ']');
    }
    return bad | dyad_buf_putc(b, ']');
}

/* A separator and a JSON string (or null) */
static int field(dyad_buf *b, const char *v) { return dyad_buf_putc(b, ',') | dyad_buf_json_value(b, v); }

static int number(dyad_buf *b, unsigned long long v) { return dyad_buf_putc(b, ',') | dyad_buf_uint(b, v); }

int store_mentions_json(const dyad_result *r, const int64_t *event_ids, dyad_buf *b)
{
    dyad_buf_clear(b);
    int bad = dyad_buf_putc(b, '[');
    for (size_t i = 0; i < r->n_ev; i++) {
        const dyad_event *e = &r->ev[i];
        const dyad_actor *t = e->has_target ? &e->target : NULL;
        bad |= dyad_buf_puts(b, i ? ",[" : "[") | dyad_buf_uint(b, (unsigned long long)event_ids[i]) |
               number(b, e->sent) | number(b, e->sent_start) | number(b, e->sent_end) | field(b, e->date_precision) |
               field(b, e->source.country) | field(b, e->source.name) | field(b, e->source.text) |
               number(b, t != NULL) | field(b, t ? t->country : NULL) | field(b, t ? t->name : NULL) |
               field(b, t ? t->text : NULL) | field(b, e->root) | number(b, (unsigned)e->quad) | field(b, e->plover) |
               field(b, e->plover_mode) | field(b, e->location_name) |
               field(b, e->location_name ? e->location_country : NULL) | field(b, e->verb) | dyad_buf_putc(b, ']');
    }
    return bad | dyad_buf_putc(b, ']');
}

/* ---- counts and checks, in SQL both backends understand ---------------------------- */

static int one_row(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    long long *out = ctx;
    for (size_t i = 0; i < ncol; i++)
        out[i] = vals[i] ? atoll(vals[i]) : 0;
    return 0;
}

int dyad_store_count(dyad_store *s, dyad_store_counts *out, char *err, size_t errlen)
{
    long long v[5] = {0};
    /* the event mentions are counted from the arrays' lengths: no row is expanded */
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT count(*) FROM documents), (SELECT sum(n_sentences) FROM documents),"
             " (SELECT sum(n_mentions) FROM documents), (SELECT sum(json_array_length(mentions_json%s)) FROM documents),"
             " (SELECT count(*) FROM events)", s->dialect == DIALECT_PG ? "::json" : "");
    if (s->ops->qrows(s, sql, 0, NULL, one_row, v, err, errlen) < 0)
        return -1;
    out->documents = v[0];
    out->sentences = v[1];
    out->actor_mentions = v[2];
    out->event_mentions = v[3];
    out->events = v[4];
    return 0;
}

typedef struct check_ctx {
    char *msg;
    size_t len;
    const char *what;
} check_ctx;

static int first_problem(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    check_ctx *c = ctx;
    size_t n = (size_t)snprintf(c->msg, c->len, "%s:", c->what);
    for (size_t i = 0; i < ncol && n < c->len; i++)
        n += (size_t)snprintf(c->msg + n, c->len - n, " %s=%s", names[i], vals[i] ? vals[i] : "NULL");
    return 1;
}

int dyad_store_check(dyad_store *s, char *err, size_t errlen)
{
    /* what, SQLite, PostgreSQL (NULL: the same) */
    static const struct {
        const char *what, *sql, *pg;
    } checks[] = {
        {"document without all its sentences",
         "SELECT d.id, d.hash, d.n_sentences, (SELECT count(*) FROM sentences x WHERE x.doc_id = d.id) AS have"
         " FROM documents d WHERE d.n_sentences <> (SELECT count(*) FROM sentences x WHERE x.doc_id = d.id)", NULL},
        {"document without all its actor mentions",
         "SELECT d.id, d.hash, d.n_mentions, (SELECT count(*) FROM actor_mentions x WHERE x.doc_id = d.id) AS have"
         " FROM documents d WHERE d.n_mentions <> (SELECT count(*) FROM actor_mentions x WHERE x.doc_id = d.id)", NULL},
        {"document without all its events",
         "SELECT d.id, d.hash, d.n_events, (SELECT count(*) FROM event_mentions x WHERE x.doc_id = d.id) AS have"
         " FROM documents d WHERE d.n_events <> (SELECT count(*) FROM event_mentions x WHERE x.doc_id = d.id)", NULL},
        {"event date not listed in event_dates",
         "SELECT e.id, e.date FROM events e WHERE e.date NOT IN (SELECT date FROM event_dates)", NULL},
        /* the aggregated side drives these joins: events are looked up by id (a LEFT JOIN
         * from events would search the aggregated rows once per event) */
        {"aggregate without mentions",
         "SELECT e.id FROM events e WHERE e.num_mentions < 1 OR json_array_length(e.doc_ids) < 1",
         "SELECT e.id FROM events e WHERE e.num_mentions < 1 OR json_array_length(e.doc_ids::json) < 1"},
        {"aggregate that does not match its mentions",
         "SELECT e.id, e.num_mentions, e.num_articles, e.num_sources, a.m, a.d, a.o FROM"
         " (SELECT em.event_id, count(*) AS m, count(DISTINCT em.doc_id) AS d, count(DISTINCT em.outlet) AS o,"
         "  min(em.sent) AS ms FROM event_mentions em GROUP BY em.event_id) a JOIN events e ON e.id = a.event_id"
         " WHERE e.num_mentions <> a.m OR e.num_articles <> a.d OR e.num_sources <> a.o"
         " OR e.min_sent <> a.ms OR json_array_length(e.doc_ids) <> a.d OR json_array_length(e.outlets) <> a.o",
         "SELECT e.id, e.num_mentions, e.num_articles, e.num_sources, a.m, a.d, a.o FROM"
         " (SELECT em.event_id, count(*) AS m, count(DISTINCT em.doc_id) AS d, count(DISTINCT em.outlet) AS o,"
         "  min(em.sent) AS ms FROM event_mentions em GROUP BY em.event_id) a JOIN events e ON e.id = a.event_id"
         " WHERE e.num_mentions <> a.m OR e.num_articles <> a.d OR e.num_sources <> a.o"
         " OR e.min_sent <> a.ms OR json_array_length(e.doc_ids::json) <> a.d"
         " OR json_array_length(e.outlets::json) <> a.o"},
        {"aggregate listing a document or outlet without its mention",
         "SELECT e.id, j.value AS doc_id FROM events e, json_each(e.doc_ids) j WHERE NOT EXISTS (SELECT 1 FROM"
         " event_mentions m WHERE m.doc_id = j.value AND m.event_id = e.id) UNION ALL SELECT e.id, o.value FROM"
         " events e, json_each(e.outlets) o WHERE NOT EXISTS (SELECT 1 FROM json_each(e.doc_ids) j JOIN"
         " documents d ON d.id = j.value WHERE coalesce(d.source, '') = o.value)",
         "SELECT e.id, j.value AS doc_id FROM events e, json_array_elements_text(e.doc_ids::json) AS j(value)"
         " WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.doc_id = j.value::bigint AND m.event_id = e.id)"
         " UNION ALL SELECT e.id, o.value FROM events e, json_array_elements_text(e.outlets::json) AS o(value)"
         " WHERE NOT EXISTS (SELECT 1 FROM json_array_elements_text(e.doc_ids::json) AS j(value) JOIN documents d"
         " ON d.id = j.value::bigint WHERE coalesce(d.source, '') = o.value)"},
        {"event mention of a missing aggregate",
         "SELECT em.doc_id, em.idx, em.event_id FROM event_mentions em WHERE em.source_code IS NULL", NULL},
        /* every event in exactly one target and one code list, with its key and within the
         * lists' date ranges; no list naming a missing event */
        {"event missing from the posting lists",
         "SELECT e.id, e.target_code, e.cameo FROM events e"
         " WHERE e.id NOT IN (SELECT j.value FROM event_postings p, json_each(p.ids) j WHERE p.kind = 'T')"
         " OR e.id NOT IN (SELECT j.value FROM event_postings p, json_each(p.ids) j WHERE p.kind = 'C')",
         "SELECT e.id, e.target_code, e.cameo FROM events e"
         " WHERE e.id NOT IN (SELECT j.value::bigint FROM event_postings p,"
         " json_array_elements_text(p.ids::json) AS j(value) WHERE p.kind = 'T')"
         " OR e.id NOT IN (SELECT j.value::bigint FROM event_postings p,"
         " json_array_elements_text(p.ids::json) AS j(value) WHERE p.kind = 'C')"},
        {"event listed wrongly in the posting lists",
         "SELECT e.id, e.target_code, e.cameo, c.t, c.c FROM (SELECT j.value AS id,"
         " sum(p.kind = 'T') AS t, sum(p.kind = 'C') AS c, max(CASE WHEN p.kind = 'T' THEN p.key END) AS tk,"
         " max(CASE WHEN p.kind = 'C' THEN p.key END) AS ck, max(p.min_date) AS lo, min(p.max_date) AS hi"
         " FROM event_postings p, json_each(p.ids) j GROUP BY j.value) c JOIN events e ON e.id = c.id"
         " WHERE c.t <> 1 OR c.c <> 1 OR c.tk <> e.target_code OR c.ck <> e.cameo"
         " OR e.date < c.lo OR e.date > c.hi",
         "SELECT e.id, e.target_code, e.cameo, c.t, c.c FROM (SELECT j.value::bigint AS id,"
         " count(*) FILTER (WHERE p.kind = 'T') AS t, count(*) FILTER (WHERE p.kind = 'C') AS c,"
         " max(p.key) FILTER (WHERE p.kind = 'T') AS tk, max(p.key) FILTER (WHERE p.kind = 'C') AS ck,"
         " max(p.min_date) AS lo, min(p.max_date) AS hi"
         " FROM event_postings p, json_array_elements_text(p.ids::json) AS j(value) GROUP BY 1) c"
         " JOIN events e ON e.id = c.id"
         " WHERE c.t <> 1 OR c.c <> 1 OR c.tk <> e.target_code OR c.ck <> e.cameo"
         " OR e.date < c.lo OR e.date > c.hi"},
        {"posting list naming a missing event",
         "SELECT p.kind, p.key, j.value AS id FROM event_postings p, json_each(p.ids) j"
         " WHERE j.value NOT IN (SELECT id FROM events)",
         "SELECT p.kind, p.key, j.value AS id FROM event_postings p, json_array_elements_text(p.ids::json) AS j(value)"
         " WHERE j.value::bigint NOT IN (SELECT id FROM events)"},
    };
    if (s->dialect == DIALECT_SQLITE) {
        char res[256] = "";
        check_ctx c = {res, sizeof res, "the database file is corrupt (SQLite integrity_check)"};
        long n = s->ops->rows(s, "SELECT integrity_check AS problem FROM pragma_integrity_check"
                                 " WHERE integrity_check <> 'ok'", 0, NULL, first_problem, &c, err, errlen);
        if (n < 0)
            return -1;
        if (res[0]) {
            for (char *p = res; *p; p++)
                if (*p == '\n' || *p == '\t')
                    *p = ' ';
            snprintf(err, errlen, "%s: %s", s->name, res);
            return 1;
        }
    }
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        char res[512] = "";
        check_ctx c = {res, sizeof res, checks[i].what};
        const char *sql = s->dialect == DIALECT_PG && checks[i].pg ? checks[i].pg : checks[i].sql;
        long n = s->ops->rows(s, sql, 0, NULL, first_problem, &c, err, errlen);
        if (n < 0)
            return -1;
        if (res[0]) {
            snprintf(err, errlen, "%s: %s", s->name, res);
            return 1;
        }
    }
    return 0;
}

/* pg.c — the PostgreSQL backend (libpq): same schema as SQLite, bulk loading with COPY.
 *
 * dyad_store_put_result() only appends the document's rows, COPY-encoded, to in-memory
 * buffers. dyad_store_commit() then does the whole batch in one transaction: COPY into
 * session-local staging tables, then set-based SQL that inserts the documents that are not
 * stored yet (ON CONFLICT DO NOTHING on the content hash) with their sentences, actor
 * mentions and event mentions (JSON columns) and event dates, upserts the aggregate and adds
 * the posting lists of the events it created. Several processes (on several machines) may
 * write one database at once: the content hash is unique, aggregates are only ever added to
 * under row locks, and every batch takes its locks in key order, so batches do not
 * deadlock; if the server still reports a deadlock or a serialisation failure the batch is
 * retried from its buffers. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "doc/doc.h"
#include "store/store_impl.h"
#include "util/hmap.h"

typedef struct pgs {
    PGconn *conn;
    dyad_buf docs, evs;                /* COPY text of the open batch */
    dyad_buf json;                     /* a document's JSON column being built */
    size_t staged;                     /* documents in the batch */
    dyad_hmap seen;                    /* hashes staged in this batch */
} pgs;

static pgs *PG(dyad_store *s) { return s->impl; }

/* The URL without its password, for messages. */
static void redact(const char *url, char *out, size_t len)
{
    snprintf(out, len, "%s", url);
    char *p = strstr(out, "://");
    if (p) {
        p += 3;
        char *at = strchr(p, '@'), *slash = strchr(p, '/');
        if (at && (!slash || at < slash)) {
            char *colon = memchr(p, ':', (size_t)(at - p));
            if (colon) {
                char rest[1024];
                snprintf(rest, sizeof rest, "%s", at);
                snprintf(colon, len - (size_t)(colon - out), ":***%s", rest);
            }
        }
    }
    char *pw = strstr(out, "password=");
    if (pw) {
        char *end = pw + 9;
        while (*end && *end != '&' && *end != ' ')
            end++;
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", end);
        snprintf(pw + 9, len - (size_t)(pw + 9 - out), "***%s", rest);
    }
}

/* Replace every copy of the raw URL in a message (libpq quotes it) by its redacted form. */
static void hide_url(char *m, size_t len, const char *url, const char *redacted)
{
    size_t ul = strlen(url);
    char *p;
    while (ul && (p = strstr(m, url))) {
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", p + ul);
        snprintf(p, len - (size_t)(p - m), "%s%s", redacted, rest);
        if (!strcmp(url, redacted))
            break;
    }
}

static void pg_msg(dyad_store *s, const char *doing, const char *msg, char *err, size_t errlen)
{
    char m[1024];
    snprintf(m, sizeof m, "%s", msg ? msg : "unknown error");
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        m[--n] = 0;
    for (char *c = m; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' ';
    snprintf(err, errlen, "%s: %s failed: %s", s->name, doing, m);
}

/* Run a statement with no result rows. Returns 0, -1 on error, -2 on a retryable error
 * (deadlock, serialisation failure). *tuples gets the affected row count when asked. */
static int pg_cmd(dyad_store *s, const char *sql, const char *doing, long *tuples, char *err, size_t errlen)
{
    PGresult *res = PQexec(PG(s)->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        int retry = state && (!strcmp(state, "40P01") || !strcmp(state, "40001"));
        pg_msg(s, doing, PQresultErrorMessage(res)[0] ? PQresultErrorMessage(res) : PQerrorMessage(PG(s)->conn),
               err, errlen);
        PQclear(res);
        return retry ? -2 : -1;
    }
    if (tuples)
        *tuples = atol(PQcmdTuples(res));
    PQclear(res);
    return 0;
}

static long pg_rows(dyad_store *s, const char *sql, size_t np, const char *const *params,
                    dyad_store_row_fn fn, void *ctx, char *err, size_t errlen)
{
    PGconn *c = PG(s)->conn;
    if (!PQsendQueryParams(c, sql, (int)np, NULL, params, NULL, NULL, 0)) {
        pg_msg(s, "querying", PQerrorMessage(c), err, errlen);
        return -1;
    }
    PQsetSingleRowMode(c);
    long n = 0;
    int failed = 0, stop = 0;
    PGresult *res;
    while ((res = PQgetResult(c))) {
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_SINGLE_TUPLE && !stop && !failed) {
            size_t ncol = (size_t)PQnfields(res);
            const char *names[64], *vals[64];
            if (ncol > 64)
                ncol = 64;
            for (size_t i = 0; i < ncol; i++) {
                names[i] = PQfname(res, (int)i);
                vals[i] = PQgetisnull(res, 0, (int)i) ? NULL : PQgetvalue(res, 0, (int)i);
            }
            n++;
            if (fn && fn(ctx, ncol, names, vals))
                stop = 1;
        } else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && !failed) {
            pg_msg(s, "querying", PQresultErrorMessage(res), err, errlen);
            failed = 1;
        }
        PQclear(res);
    }
    return failed ? -1 : n;
}

static const char staging_sql[] =
    "SET client_min_messages = warning;"
    "CREATE TEMP TABLE IF NOT EXISTS s_docs (hash text COLLATE \"C\", name text, url text,"
    " source text COLLATE \"C\", title text, pub_date text, language text, author text,"
    " n_sentences int, n_mentions int, n_events int, added text, sentences_json text, actors_json text)"
    " ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS s_evs (hash text COLLATE \"C\", idx int, sent int,"
    " kdate text COLLATE \"C\", ktarget text COLLATE \"C\", date text COLLATE \"C\", date_precision text,"
    " source_code text COLLATE \"C\", source_country text COLLATE \"C\", source_name text,"
    " source_text text, has_target int, target_code text COLLATE \"C\", target_country text COLLATE \"C\","
    " target_name text, target_text text, cameo text COLLATE \"C\", root text COLLATE \"C\","
    " goldstein float8, quad int, plover text, plover_mode text, location_name text,"
    " location_country text, verb text, span_start int, span_end int, outlet text COLLATE \"C\","
    " url text, rep_key text COLLATE \"C\", added text) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS s_new (id bigint, hash text COLLATE \"C\" PRIMARY KEY)"
    " ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS s_evn (LIKE s_evs, doc_id bigint, event_id bigint)"
    " ON COMMIT DELETE ROWS;";

/* The batch, in statement order. */
static const struct {
    const char *doing, *sql;
} batch_sql[] = {
    {"storing documents",
     "WITH ins AS (INSERT INTO documents (hash, name, url, source, title, pub_date, language, author,"
     " n_sentences, n_mentions, n_events, added, sentences_json, actors_json) SELECT hash, name, url, source,"
     " title, pub_date, language, author, n_sentences, n_mentions, n_events, added, sentences_json, actors_json"
     " FROM s_docs ORDER BY hash"
     " ON CONFLICT (hash) DO NOTHING RETURNING id, hash) INSERT INTO s_new SELECT id, hash FROM ins"},
    /* temporary tables are never analysed automatically; without statistics the planner
     * joins them by nested loops (minutes for a large batch instead of a second) */
    {"analysing the batch", "SET LOCAL default_statistics_target = 10; SET LOCAL work_mem = '64MB'; ANALYZE s_new, s_evs"},
    {"staging events",
     "INSERT INTO s_evn SELECT e.*, n.id, NULL FROM s_evs e JOIN s_new n ON n.hash = e.hash"},
    {"analysing the batch", "ANALYZE s_evn"},
    {"listing event dates",
     "INSERT INTO event_dates SELECT DISTINCT kdate FROM s_evn ORDER BY 1 ON CONFLICT DO NOTHING"},
    /* The aggregate, and the posting lists of the events it creates (xmax = 0: inserted,
     * not updated). An event row lists its documents and outlets; NumSources counts the
     * outlets. Exact with concurrent writers: the upsert locks the row, so a batch adding to
     * it waits for the other to commit and then sees its lists. */
    {"updating the event aggregate",
     "WITH k AS (SELECT kdate, source_code, ktarget, cameo, goldstein, count(*) AS n,"
     "   count(DISTINCT hash) AS docs, min(sent) AS min_sent, min(added) AS added,"
     "   jsonb_agg(DISTINCT doc_id ORDER BY doc_id) AS doc_ids FROM s_evn GROUP BY 1, 2, 3, 4, 5),"
     " o AS (SELECT kdate, source_code, ktarget, cameo, goldstein, jsonb_agg(outlet ORDER BY first, outlet) AS outlets"
     "   FROM (SELECT kdate, source_code, ktarget, cameo, goldstein, outlet, min(doc_id) AS first FROM s_evn"
     "   GROUP BY 1, 2, 3, 4, 5, 6) x GROUP BY 1, 2, 3, 4, 5),"
     " r AS (SELECT DISTINCT ON (kdate, source_code, ktarget, cameo, goldstein) * FROM s_evn"
     "   ORDER BY kdate, source_code, ktarget, cameo, goldstein, rep_key),"
     " up AS (INSERT INTO events AS ev (date, source_code, target_code, cameo, root, quad, goldstein, num_mentions,"
     "   num_sources, num_articles, min_sent, source_name, source_country, target_name, target_country,"
     "   location_name, location_country, url, rep_key, first_added, doc_ids, outlets)"
     " SELECT r.kdate, r.source_code, r.ktarget, r.cameo, r.root, r.quad, r.goldstein, k.n,"
     "   jsonb_array_length(o.outlets), k.docs, k.min_sent, r.source_name, r.source_country, r.target_name,"
     "   r.target_country, r.location_name, r.location_country, r.url, r.rep_key, k.added, k.doc_ids::text,"
     "   o.outlets::text"
     " FROM r JOIN k USING (kdate, source_code, ktarget, cameo, goldstein)"
     "   JOIN o USING (kdate, source_code, ktarget, cameo, goldstein)"
     " ORDER BY r.kdate, r.source_code, r.ktarget, r.cameo, r.goldstein"
     " ON CONFLICT (date, source_code, target_code, cameo, goldstein) DO UPDATE SET"
     " num_mentions = ev.num_mentions + excluded.num_mentions,"
     " num_articles = ev.num_articles + excluded.num_articles,"
     " doc_ids = (ev.doc_ids::jsonb || excluded.doc_ids::jsonb)::text,"
     " outlets = (ev.outlets::jsonb || COALESCE((SELECT jsonb_agg(x.v ORDER BY x.n) FROM jsonb_array_elements("
     "   excluded.outlets::jsonb) WITH ORDINALITY AS x(v, n) WHERE NOT ev.outlets::jsonb @> jsonb_build_array(x.v)),"
     "   '[]'::jsonb))::text,"
     " num_sources = ev.num_sources + (SELECT count(*) FROM jsonb_array_elements(excluded.outlets::jsonb) AS x(v)"
     "   WHERE NOT ev.outlets::jsonb @> jsonb_build_array(x.v)),"
     " min_sent = LEAST(ev.min_sent, excluded.min_sent),"
     " source_name = CASE WHEN excluded.rep_key < ev.rep_key THEN excluded.source_name ELSE ev.source_name END,"
     " source_country = CASE WHEN excluded.rep_key < ev.rep_key THEN excluded.source_country ELSE ev.source_country END,"
     " target_name = CASE WHEN excluded.rep_key < ev.rep_key THEN excluded.target_name ELSE ev.target_name END,"
     " target_country = CASE WHEN excluded.rep_key < ev.rep_key THEN excluded.target_country ELSE ev.target_country END,"
     " location_name = CASE WHEN excluded.rep_key < ev.rep_key THEN excluded.location_name ELSE ev.location_name END,"
     " location_country = CASE WHEN excluded.rep_key < ev.rep_key THEN excluded.location_country ELSE ev.location_country END,"
     " url = CASE WHEN excluded.rep_key < ev.rep_key THEN excluded.url ELSE ev.url END,"
     " rep_key = LEAST(ev.rep_key, excluded.rep_key),"
     " first_added = LEAST(ev.first_added, excluded.first_added)"
     " RETURNING id, date, target_code, cameo, xmax = 0 AS fresh)"
     " INSERT INTO event_postings (kind, key, first_id, min_date, max_date, ids)"
     " SELECT 'T', target_code, min(id), min(date), max(date), json_agg(id ORDER BY id)::text FROM up WHERE fresh"
     " GROUP BY target_code UNION ALL"
     " SELECT 'C', cameo, min(id), min(date), max(date), json_agg(id ORDER BY id)::text FROM up WHERE fresh"
     " GROUP BY cameo"},
    {"linking events",
     "UPDATE s_evn x SET event_id = ev.id FROM events ev WHERE ev.date = x.kdate"
     " AND ev.source_code = x.source_code AND ev.target_code = x.ktarget AND ev.cameo = x.cameo"
     " AND ev.goldstein = x.goldstein"},
    /* the event mentions, into their documents' rows (inserted above with '[]') */
    {"storing events",
     "UPDATE documents d SET mentions_json = m.j FROM (SELECT doc_id, json_agg(json_build_array(event_id, sent,"
     " span_start, span_end, date_precision, source_country, source_name, source_text, has_target,"
     " target_country, target_name, target_text, root, quad, plover, plover_mode, location_name,"
     " location_country, verb) ORDER BY idx)::text AS j"
     " FROM s_evn GROUP BY doc_id) m WHERE d.id = m.doc_id"},
};

/* ---- COPY text encoding ----------------------------------------------------------- */

static int cp_str(dyad_buf *b, const char *s, size_t n, int last)
{
    int r = 0;
    if (!s) {
        r |= dyad_buf_puts(b, "\\N");
    } else {
        size_t run = 0;
        for (size_t i = 0; i < n; i++) {
            char c = s[i], esc = 0;
            switch (c) {
            case '\\': esc = '\\'; break;
            case '\t': esc = 't'; break;
            case '\n': esc = 'n'; break;
            case '\r': esc = 'r'; break;
            case 0: esc = ' '; break;   /* PostgreSQL text cannot hold NUL */
            default: break;
            }
            if (esc) {
                r |= dyad_buf_append(b, s + run, i - run);
                if (esc == ' ')
                    r |= dyad_buf_putc(b, ' ');
                else
                    r |= dyad_buf_putc(b, '\\') | dyad_buf_putc(b, esc);
                run = i + 1;
            }
        }
        r |= dyad_buf_append(b, s + run, n - run);
    }
    return r | dyad_buf_putc(b, last ? '\n' : '\t');
}

static int cp(dyad_buf *b, const char *s) { return cp_str(b, s, s ? strlen(s) : 0, 0); }
static int cp_last(dyad_buf *b, const char *s) { return cp_str(b, s, s ? strlen(s) : 0, 1); }
static int cp_int(dyad_buf *b, long long v) { return dyad_buf_printf(b, "%lld\t", v); }

static int pg_begin(dyad_store *s, char *err, size_t errlen)
{
    (void)s;
    (void)err;
    (void)errlen;
    return 0;   /* the server transaction is opened at commit, over the whole batch */
}

static void clear_batch(pgs *p)
{
    dyad_buf_clear(&p->docs);
    dyad_buf_clear(&p->evs);
    p->staged = 0;
    dyad_hmap_free(&p->seen);
    memset(&p->seen, 0, sizeof p->seen);
}

static void pg_rollback(dyad_store *s) { clear_batch(PG(s)); }

static int pg_put(dyad_store *s, const dyad_result *r, const char *hash, char *err, size_t errlen)
{
    pgs *p = PG(s);
    const dyad_article *a = &r->article;
    uint64_t hk = dyad_hash_nonzero(strtoull(hash + 16, NULL, 16));
    uint32_t dummy;
    if (!p->seen.cap && dyad_hmap_init(&p->seen, 1024) < 0)
        goto oom;
    if (dyad_hmap_get(&p->seen, hk, &dummy)) {
        s->stats.docs_dup++;
        return 0;   /* twice in one batch */
    }
    char added[20];
    store_now(added);

    size_t mark[2] = {p->docs.len, p->evs.len};
    int bad = 0;
    dyad_buf *b = &p->docs;
    bad |= cp(b, hash);
    bad |= cp(b, a->id);
    bad |= cp(b, a->url);
    bad |= cp(b, a->source);
    bad |= cp(b, a->title);
    bad |= cp(b, a->date);
    bad |= cp(b, a->language);
    bad |= cp(b, a->author);
    bad |= cp_int(b, r->n_sent);
    bad |= cp_int(b, (long long)r->n_mentions);
    bad |= cp_int(b, (long long)r->n_ev);
    bad |= cp(b, added);
    bad |= store_sentences_json(r, &p->json);
    bad |= cp_str(b, p->json.data, p->json.len, 0);
    bad |= store_actors_json(r, &p->json);
    bad |= cp_str(b, p->json.data, p->json.len, 1);

    b = &p->evs;
    for (size_t i = 0; i < r->n_ev; i++) {
        const dyad_event *e = &r->ev[i];
        char rep[64];
        store_rep_key(a->date, hash, i, rep);
        bad |= cp(b, hash);
        bad |= cp_int(b, (long long)i);
        bad |= cp_int(b, e->sent);
        bad |= cp(b, e->date);
        bad |= cp(b, store_target_code(e));
        bad |= cp(b, e->date[0] ? e->date : NULL);
        bad |= cp(b, e->date_precision);
        bad |= cp(b, nz(e->source.code));
        bad |= cp(b, e->source.country);
        bad |= cp(b, e->source.name);
        bad |= cp(b, e->source.text);
        bad |= cp_int(b, e->has_target ? 1 : 0);
        bad |= cp(b, e->has_target ? e->target.code : NULL);
        bad |= cp(b, e->has_target ? e->target.country : NULL);
        bad |= cp(b, e->has_target ? e->target.name : NULL);
        bad |= cp(b, e->has_target ? e->target.text : NULL);
        bad |= cp(b, e->cameo);
        bad |= cp(b, e->root);
        bad |= dyad_buf_printf(b, "%.17g\t", e->goldstein);
        bad |= cp_int(b, e->quad);
        bad |= cp(b, e->plover);
        bad |= cp(b, e->plover_mode);
        bad |= cp(b, e->location_name);
        bad |= cp(b, e->location_name ? e->location_country : NULL);
        bad |= cp(b, e->verb);
        bad |= cp_int(b, e->sent_start);
        bad |= cp_int(b, e->sent_end);
        bad |= cp(b, nz(a->source));
        bad |= cp(b, a->url);
        bad |= cp(b, rep);
        bad |= cp_last(b, added);
    }
    if (bad) {   /* drop the partial rows: a document is staged whole or not at all */
        p->docs.len = mark[0], p->evs.len = mark[1];
        goto oom;
    }
    if (dyad_hmap_put(&p->seen, hk, 1) < 0) {
        p->docs.len = mark[0], p->evs.len = mark[1];
        goto oom;
    }
    p->staged++;
    return 1;
oom:
    snprintf(err, errlen, "%s: out of memory staging a document", s->name);
    return -1;
}

static int copy_in(dyad_store *s, const char *table, const dyad_buf *b, char *err, size_t errlen)
{
    if (!b->len)
        return 0;
    PGconn *c = PG(s)->conn;
    char sql[64];
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN", table);
    PGresult *res = PQexec(c, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN) {
        pg_msg(s, "starting COPY", PQresultErrorMessage(res), err, errlen);
        PQclear(res);
        return -1;
    }
    PQclear(res);
    size_t off = 0;
    while (off < b->len) {
        size_t n = b->len - off > (1u << 20) ? (1u << 20) : b->len - off;
        if (PQputCopyData(c, b->data + off, (int)n) != 1) {
            pg_msg(s, "COPY", PQerrorMessage(c), err, errlen);
            return -1;
        }
        off += n;
    }
    if (PQputCopyEnd(c, NULL) != 1) {
        pg_msg(s, "COPY", PQerrorMessage(c), err, errlen);
        return -1;
    }
    int rc = 0;
    while ((res = PQgetResult(c))) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && !rc) {
            const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
            rc = state && (!strcmp(state, "40P01") || !strcmp(state, "40001")) ? -2 : -1;
            pg_msg(s, "COPY", PQresultErrorMessage(res), err, errlen);
        }
        PQclear(res);
    }
    return rc;
}

static int get_int(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    if (ncol && vals[0])
        *(long long *)ctx = atoll(vals[0]);
    return 1;
}

static int run_batch(dyad_store *s, long *new_docs, long *new_events, char *err, size_t errlen)
{
    pgs *p = PG(s);
    int rc;
    if ((rc = pg_cmd(s, "BEGIN", "starting a transaction", NULL, err, errlen)) < 0)
        return rc;
    if ((rc = copy_in(s, "s_docs", &p->docs, err, errlen)) < 0 ||
        (rc = copy_in(s, "s_evs", &p->evs, err, errlen)) < 0)
        goto fail;
    for (size_t i = 0; i < sizeof batch_sql / sizeof batch_sql[0]; i++) {
        long n = 0;
        if ((rc = pg_cmd(s, batch_sql[i].sql, batch_sql[i].doing, &n, err, errlen)) < 0)
            goto fail;
        if (i == 0)
            *new_docs = n;
    }
    long long n_events = 0;
    if (pg_rows(s, "SELECT count(*) FROM s_evn", 0, NULL, get_int, &n_events, err, errlen) < 0) {
        rc = -1;
        goto fail;
    }
    *new_events = (long)n_events;
    if ((rc = pg_cmd(s, "COMMIT", "committing", NULL, err, errlen)) < 0)
        goto fail;
    return 0;
fail:;
    PGresult *res = PQexec(p->conn, "ROLLBACK");
    PQclear(res);
    return rc;
}

static int pg_commit(dyad_store *s, char *err, size_t errlen)
{
    pgs *p = PG(s);
    if (!p->staged) {
        clear_batch(p);
        return 0;
    }
    int rc = -1;
    long new_docs = 0, new_events = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
        rc = run_batch(s, &new_docs, &new_events, err, errlen);
        if (rc != -2)
            break;
    }
    if (rc == 0) {
        s->stats.docs_added += (size_t)new_docs;
        s->stats.docs_dup += p->staged - (size_t)new_docs;
        s->stats.events_added += (size_t)new_events;
    }
    clear_batch(p);
    return rc < 0 ? -1 : 0;
}

static int pg_has_doc(dyad_store *s, const char *hash)
{
    (void)s;
    (void)hash;
    return 0;   /* a round trip per document costs more than coding it again */
}

static void pg_close(dyad_store *s)
{
    pgs *p = PG(s);
    if (p) {
        PQfinish(p->conn);
        dyad_buf_free(&p->docs);
        dyad_buf_free(&p->evs);
        dyad_buf_free(&p->json);
        dyad_hmap_free(&p->seen);
        free(p);
    }
    free(s);
}

static const store_ops pg_ops = {pg_begin, pg_put, pg_commit, pg_rollback, pg_close, pg_has_doc, pg_rows,
                                 pg_rows};

static int pg_migrate(dyad_store *s, int readonly, char *err, size_t errlen)
{
    int target = DYAD_STORE_SCHEMA_VERSION;
    if (dyad_store_version_limit > 0 && dyad_store_version_limit < target)
        target = dyad_store_version_limit;
    long long has_ver = 0, others = 0, ver = 0;
    if (!readonly && pg_cmd(s, "BEGIN; SELECT pg_advisory_xact_lock(7239016470521345)", "locking for migration",
                            NULL, err, errlen) < 0)
        return -1;
    if (pg_rows(s, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_version'",
                0, NULL, get_int, &has_ver, err, errlen) < 0 ||
        pg_rows(s, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename IN"
                " ('documents', 'sentences', 'actor_mentions', 'events', 'event_mentions')",
                0, NULL, get_int, &others, err, errlen) < 0)
        goto fail;
    if (!has_ver && others) {
        snprintf(err, errlen, "%s: not a dyad database (it has %lld of dyad's table names but no schema_version); "
                 "refusing to use it", s->name, others);
        goto fail;
    }
    if (has_ver && pg_rows(s, "SELECT max(version) FROM schema_version", 0, NULL, get_int, &ver, err, errlen) < 0)
        goto fail;
    if (ver > DYAD_STORE_SCHEMA_VERSION) {
        snprintf(err, errlen, "%s: database schema version %lld is newer than this dyad supports (%d); use a newer dyad",
                 s->name, ver, DYAD_STORE_SCHEMA_VERSION);
        goto fail;
    }
    if (ver < target) {
        if (readonly) {
            if (has_ver)
                snprintf(err, errlen, "%s: database schema version %lld needs migrating; run 'dyad code --db' on it once",
                         s->name, ver);
            else
                snprintf(err, errlen, "%s: no dyad database here (no schema_version table)", s->name);
            goto fail;
        }
        for (long long v = ver; v < target; v++)
            if (pg_cmd(s, dyad_schema_pg[v], "migrating the schema", NULL, err, errlen) < 0)
                goto fail;
        char sql[80];
        snprintf(sql, sizeof sql, "UPDATE schema_version SET version = %d", target);
        if (pg_cmd(s, sql, "migrating the schema", NULL, err, errlen) < 0)
            goto fail;
        ver = target;
    }
    if (!readonly && pg_cmd(s, "COMMIT", "committing the schema migration", NULL, err, errlen) < 0)
        goto fail;
    s->version = (int)ver;
    return 0;
fail:
    if (!readonly)
        PQclear(PQexec(PG(s)->conn, "ROLLBACK"));
    return -1;
}

static void quiet_notice(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

dyad_store *dyad_store_pg_open(const char *url, int flags, char *err, size_t errlen)
{
    dyad_store *s = calloc(1, sizeof *s);
    pgs *p = calloc(1, sizeof *p);
    if (!s || !p) {
        free(s);
        free(p);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->impl = p;
    s->ops = &pg_ops;
    s->dialect = DIALECT_PG;
    redact(url, s->name, sizeof s->name);
    dyad_buf_init(&p->docs, 0);
    dyad_buf_init(&p->evs, 0);
    dyad_buf_init(&p->json, 0);

    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &perr);
    if (!opts) {
        char m[1024];
        snprintf(m, sizeof m, "%s", perr ? perr : "out of memory");
        hide_url(m, sizeof m, url, s->name);
        snprintf(err, errlen, "%s: bad connection string: %s", s->name, m);
        for (char *c = err; *c; c++)
            if (*c == '\n' || *c == '\t')
                *c = ' ';
        PQfreemem(perr);
        pg_close(s);
        return NULL;
    }
    int has_timeout = 0;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (!strcmp(o->keyword, "connect_timeout") && o->val && *o->val)
            has_timeout = 1;
    PQconninfoFree(opts);
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {url, "10", "dyad", NULL};
    if (has_timeout)
        keys[1] = "application_name", vals[1] = "dyad", keys[2] = NULL;
    p->conn = PQconnectdbParams(keys, vals, 1);
    if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
        char m[1024];
        snprintf(m, sizeof m, "%s", p->conn ? PQerrorMessage(p->conn) : "out of memory");
        hide_url(m, sizeof m, url, s->name);
        pg_msg(s, "connecting", m, err, errlen);
        pg_close(s);
        return NULL;
    }
    PQsetNoticeProcessor(p->conn, quiet_notice, NULL);
    if (pg_cmd(s, "SET client_min_messages = warning", "configuring", NULL, err, errlen) < 0 ||
        pg_migrate(s, (flags & DYAD_STORE_READ) != 0, err, errlen) < 0) {
        pg_close(s);
        return NULL;
    }
    if (!(flags & DYAD_STORE_READ) && pg_cmd(s, staging_sql, "creating staging tables", NULL, err, errlen) < 0) {
        pg_close(s);
        return NULL;
    }
    return s;
}

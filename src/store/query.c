/* query.c — the queries behind `dyad query`, as parameterised SQL for either backend.
 * User values only ever travel as parameters; the SQL text is built from fixed pieces. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/store_impl.h"

#define MAXP 48

/* One query being built: the SQL in a fixed buffer (the longest, TOP_ACTORS with every
 * filter, is under 2 KB) and the parameters; one malloc per query, nothing to zero. */
typedef struct qb {
    char sql[8192];
    size_t len;
    int dialect;
    size_t np;
    const char *params[MAXP];
    char own[MAXP][160];   /* parameters built here (prefix bounds, LIKE patterns) */
    int overflow;
} qb;

static void putn(qb *q, const char *s, size_t n)
{
    if (n >= sizeof q->sql - q->len) {
        q->overflow = 1;
        return;
    }
    memcpy(q->sql + q->len, s, n);
    q->len += n;
    q->sql[q->len] = 0;
}

static void put(qb *q, const char *s) { putn(q, s, strlen(s)); }

static void putf(qb *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(qb *q, const char *fmt, ...)
{
    size_t room = sizeof q->sql - q->len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(q->sql + q->len, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        q->sql[q->len] = 0;
        q->overflow = 1;
        return;
    }
    q->len += (size_t)n;
}

/* Append a placeholder bound to v. */
static void param(qb *q, const char *v)
{
    if (q->np >= MAXP) {
        q->overflow = 1;
        return;
    }
    q->params[q->np++] = v;
    if (q->dialect == DIALECT_PG)
        putf(q, "$%zu", q->np);
    else
        putn(q, "?", 1);
}

static const char *own(qb *q, const char *v)
{
    if (q->np >= MAXP) {
        q->overflow = 1;
        return "";
    }
    char *o = q->own[q->np];
    snprintf(o, sizeof q->own[0], "%s", v);
    return o;
}

/* col = v, or for "ABC*" the prefix range col >= 'ABC' AND col < 'ABD' (index friendly). */
static void match(qb *q, const char *col, const char *v)
{
    size_t n = strlen(v);
    if (n && v[n - 1] == '*') {
        char lo[160], hi[160];
        snprintf(lo, sizeof lo, "%.*s", (int)(n - 1), v);
        if (!lo[0]) {
            put(q, "1 = 1");
            return;
        }
        snprintf(hi, sizeof hi, "%s", lo);
        size_t k = strlen(hi);
        hi[k - 1] = (char)((unsigned char)hi[k - 1] + 1);
        putf(q, "(%s >= ", col);
        param(q, own(q, lo));
        putf(q, " AND %s < ", col);
        param(q, own(q, hi));
        put(q, ")");
    } else {
        putf(q, "%s = ", col);
        param(q, v);
    }
}

static const char *like_pattern(qb *q, const char *text)
{
    char p[160];
    size_t n = 0;
    p[n++] = '%';
    for (const char *s = text; *s && n + 3 < sizeof p; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            p[n++] = '\\';
        p[n++] = *s;
    }
    p[n++] = '%';
    p[n] = 0;
    return own(q, p);
}

/* The text of sentence `sent` of document `doc` (sentences_json holds [start, end, text]). */
static void evidence(qb *q, const char *doc, const char *sent)
{
    if (q->dialect == DIALECT_PG)
        putf(q, "(%s.sentences_json::json -> %s ->> 2)", doc, sent);
    else
        putf(q, "json_extract(%s.sentences_json, '$[' || %s || '][2]')", doc, sent);
}

/* " AND col >= from AND col <> '' AND col <= to" for the filter's date range (events without a
 * date are excluded by an upper bound). */
static void date_range(qb *q, const char *col, const dyad_store_filter *f)
{
    if (f->from) {
        putf(q, " AND %s >= ", col);
        param(q, f->from);
    }
    if (f->to) {
        putf(q, " AND %s <> '' AND %s <= ", col, col);
        param(q, f->to);
    }
}

/* "date IN (the listed event dates in the filter's range)": every index of the aggregate
 * leads with the date, so an actor or dyad is found by one search per date (docs/database.md). */
static void dates_in(qb *q, const char *col, const dyad_store_filter *f)
{
    /* PostgreSQL: an array, so that the dates become one index condition whatever the
     * planner's statistics (a freshly loaded table has none and got a sequential scan) */
    if (q->dialect == DIALECT_PG)
        putf(q, "%s = ANY (ARRAY(SELECT ed.date FROM event_dates ed WHERE 1 = 1", col);
    else
        putf(q, "%s IN (SELECT ed.date FROM event_dates ed WHERE 1 = 1", col);
    date_range(q, "ed.date", f);
    put(q, q->dialect == DIALECT_PG ? "))" : ")");
}

/* The ids of a JSON array column (event_postings.ids, events.doc_ids) as a FROM item named
 * alias, and the id it yields, in either dialect. */
static void json_ids_from(qb *q, const char *col, const char *alias)
{
    if (q->dialect == DIALECT_PG)
        putf(q, "json_array_elements_text(%s::json) AS %s(value)", col, alias);
    else
        putf(q, "json_each(%s) %s", col, alias);
}

static void json_id_value(qb *q, const char *alias)
{
    putf(q, q->dialect == DIALECT_PG ? "%s.value::bigint" : "%s.value", alias);
}

/* "SELECT the event ids the posting lists of kind hold for key v" (see postings.c): a list
 * row is read only when its date range meets the filter's. */
static void posting_ids(qb *q, const char *kind, const char *v, const dyad_store_filter *f)
{
    put(q, "SELECT ");
    json_id_value(q, "j");
    put(q, " FROM event_postings p, ");
    json_ids_from(q, "p.ids", "j");
    putf(q, " WHERE p.kind = '%s' AND ", kind);
    match(q, "p.key", v);
    if (f->from) {
        put(q, " AND p.max_date >= ");
        param(q, f->from);
    }
    if (f->to) {
        put(q, " AND p.min_date <= ");
        param(q, f->to);
    }
}

static void posted(qb *q, const char *kind, const char *v, const dyad_store_filter *f)
{
    put(q, " AND e.id IN (");
    posting_ids(q, kind, v, f);
    put(q, ")");
}

/* "JOIN event_mentions m ON" the mentions of aggregate e in the documents it lists (doc_ids,
 * a FROM item dj written just before) */
static void mentions_of_e(qb *q, const char *m)
{
    putf(q, " JOIN event_mentions %s ON %s.event_id = e.id AND %s.doc_id = ", m, m, m);
    json_id_value(q, "dj");
}

/* The WHERE conditions on the aggregate row e (and, for mentions, on em and d). */
static void where(qb *q, const dyad_store_filter *f, int mentions)
{
    put(q, " WHERE 1 = 1");
    if (f->actor) {
        /* as source: searched once per date; as target: the posting lists */
        put(q, " AND e.id IN (SELECT x.id FROM events x WHERE ");
        dates_in(q, "x.date", f);
        put(q, " AND ");
        match(q, "x.source_code", f->actor);
        put(q, " UNION ALL ");
        posting_ids(q, "T", f->actor, f);
        put(q, ")");
    } else if (f->dyad_source || f->dyad_target) {
        put(q, " AND ");
        dates_in(q, "e.date", f);
    }
    if (f->dyad_source) {
        put(q, " AND ");
        match(q, "e.source_code", f->dyad_source);
    }
    if (f->dyad_target) {
        put(q, " AND ");
        match(q, "e.target_code", f->dyad_target);
    }
    if (f->code) {
        posted(q, "C", f->code, f);
        put(q, " AND ");
        match(q, "e.cameo", f->code);
    }
    if (f->root) {
        char prefix[16];
        snprintf(prefix, sizeof prefix, "%.8s*", f->root);
        posted(q, "C", own(q, prefix), f);
        put(q, " AND e.root = ");
        param(q, f->root);
    }
    if (f->quad) {
        char v[8];
        snprintf(v, sizeof v, "%d", f->quad);
        put(q, " AND e.quad = ");
        param(q, own(q, v));
    }
    date_range(q, "e.date", f);
    if (f->country) {
        put(q, " AND (e.source_country = ");
        param(q, f->country);
        put(q, " OR e.target_country = ");
        param(q, f->country);
        put(q, ")");
    }
    const char *like = q->dialect == DIALECT_PG ? " ILIKE " : " LIKE ";
    if (mentions) {
        if (f->outlet) {
            put(q, " AND em.outlet = ");
            param(q, f->outlet);
        }
        if (f->text) {
            put(q, " AND ");
            evidence(q, "d", "em.sent");
            put(q, like);
            param(q, like_pattern(q, f->text));
            put(q, " ESCAPE '\\'");
        }
    } else {
        if (f->outlet) {
            if (q->dialect == DIALECT_PG) {
                put(q, " AND e.outlets::jsonb @> jsonb_build_array(");
                param(q, f->outlet);
                put(q, "::text)");
            } else {
                put(q, " AND EXISTS (SELECT 1 FROM json_each(e.outlets) o WHERE o.value = ");
                param(q, f->outlet);
                put(q, ")");
            }
        }
        if (f->text) {
            put(q, " AND EXISTS (SELECT 1 FROM ");
            json_ids_from(q, "e.doc_ids", "dj");
            mentions_of_e(q, "m");
            put(q, " JOIN documents md ON md.id = m.doc_id WHERE ");
            evidence(q, "md", "m.sent");
            put(q, like);
            param(q, like_pattern(q, f->text));
            put(q, " ESCAPE '\\')");
        }
    }
}

static void limit(qb *q, long n)
{
    if (n > 0) {
        char v[32];
        snprintf(v, sizeof v, "%ld", n);
        put(q, " LIMIT ");
        param(q, own(q, v));
    }
}

long dyad_store_query(dyad_store *s, dyad_store_query_kind kind, const dyad_store_filter *f,
                      const char *period, dyad_store_row_fn fn, void *ctx, char *err, size_t errlen)
{
    static const dyad_store_filter none;
    if (!f)
        f = &none;
    qb *q = malloc(sizeof *q);
    if (!q) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    q->sql[0] = 0;
    q->len = 0;
    q->np = 0;
    q->overflow = 0;
    q->dialect = s->dialect;
    int pg = s->dialect == DIALECT_PG;
    switch (kind) {
    case DYAD_Q_EVENTS:
        put(q, "SELECT e.id, e.date, e.source_code, e.source_name, e.source_country, e.target_code,"
               " e.target_name, e.target_country, e.cameo, e.root, e.quad, e.goldstein, e.num_mentions,"
               " e.num_sources, e.num_articles, e.min_sent, e.location_name, e.location_country, e.url,"
               " e.first_added FROM events e");
        where(q, f, 0);
        put(q, " ORDER BY e.date, e.source_code, e.target_code, e.cameo");
        limit(q, f->limit);
        break;
    case DYAD_Q_MENTIONS:
        put(q, "SELECT em.event_id, d.name AS doc, d.hash AS doc_hash, em.sent, em.date, em.date_precision,"
               " em.source_code, em.source_country, em.source_name, em.source_text, em.has_target,"
               " em.target_code, em.target_country, em.target_name, em.target_text, em.cameo, em.root,"
               " em.goldstein, em.quad, em.plover, em.plover_mode, em.location_name, em.location_country,"
               " em.verb, ");
        evidence(q, "d", "em.sent");
        /* an aggregate lists its documents; their rows hold the mentions */
        put(q, " AS evidence, em.span_start, em.span_end, d.url, d.source AS outlet FROM events e JOIN ");
        json_ids_from(q, "e.doc_ids", "dj");
        put(q, " ON 1 = 1");
        mentions_of_e(q, "em");
        put(q, " JOIN documents d ON d.id = em.doc_id");
        where(q, f, 1);
        put(q, " ORDER BY em.doc_id, em.idx");
        limit(q, f->limit);
        break;
    case DYAD_Q_SERIES: {
        const char *p = period ? period : "day";
        const char *expr;
        if (!strcmp(p, "day"))
            expr = "e.date";
        else if (!strcmp(p, "week"))
            expr = pg ? "to_char(date_trunc('week', e.date::date), 'YYYY-MM-DD')"
                      : "date(e.date, '-6 days', 'weekday 1')";
        else if (!strcmp(p, "month"))
            expr = "substr(e.date, 1, 7)";
        else {
            snprintf(err, errlen, "unknown period '%s' (want day, week or month)", p);
            goto fail;
        }
        /* events and mean Goldstein only: answered from the covering dyad index alone */
        putf(q, "SELECT %s AS period, e.source_code, e.target_code, count(*) AS events,"
                        " avg(e.goldstein) AS mean_goldstein FROM events e", expr);
        where(q, f, 0);
        put(q, " AND e.date <> '' GROUP BY e.source_code, e.target_code, 1 ORDER BY e.source_code, e.target_code, 1");
        limit(q, f->limit);
        break;
    }
    case DYAD_Q_TOP_ACTORS:
        put(q, "SELECT actor, count(*) AS events, sum(n) AS mentions FROM ("
               "SELECT e.id, e.source_code AS actor, e.num_mentions AS n FROM events e");
        where(q, f, 0);
        put(q, " UNION SELECT e.id, e.target_code, e.num_mentions FROM events e");
        where(q, f, 0);
        put(q, " AND e.target_code <> '') x GROUP BY actor ORDER BY events DESC, actor");
        limit(q, f->limit > 0 ? f->limit : 10);
        break;
    case DYAD_Q_TOP_DYADS:
        put(q, "SELECT e.source_code, e.target_code, count(*) AS events, sum(e.num_mentions) AS mentions FROM events e");
        where(q, f, 0);
        put(q, " AND e.target_code <> '' GROUP BY e.source_code, e.target_code"
               " ORDER BY events DESC, e.source_code, e.target_code");
        limit(q, f->limit > 0 ? f->limit : 10);
        break;
    default:
        snprintf(err, errlen, "unknown query");
        goto fail;
    }
    if (q->overflow) {
        snprintf(err, errlen, "query too complex");
        goto fail;
    }
    long n = s->ops->qrows(s, q->sql, q->np, q->params, fn, ctx, err, errlen);
    free(q);
    return n;
fail:
    free(q);
    return -1;
}

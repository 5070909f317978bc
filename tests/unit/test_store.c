/* test_store.c — the event database (src/store) against SQLite files in a temp dir, with
 * documents coded by the tests/data/mini fixture dictionaries. */
#include "testutil.h"
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>
#include "store/store.h"
#include "store/store_impl.h"

static char tmpdir[256];
static dyad_coder *coder;

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad_test_store.XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    coder = open_mini();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        return -1;
    dyad_coder_free(coder);
    return 0;
}

static const char *dbpath(const char *name)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    unlink(p);
    char side[600];
    snprintf(side, sizeof side, "%s-wal", p);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", p);
    unlink(side);
    return p;
}

static dyad_result *article(const char *id, const char *body, const char *date, const char *outlet)
{
    char url[128];
    snprintf(url, sizeof url, "https://news.example/%s", id);
    dyad_article a = {.id = id, .path = id, .url = url, .title = id, .date = date, .source = outlet,
                      .language = "en", .body = body, .body_len = strlen(body)};
    char err[256];
    dyad_result *r = dyad_code_article(coder, &a, err, sizeof err);
    if (!r)
        fail_msg("coding failed: %s", err);
    return r;
}

static dyad_store *open_ok(const char *path)
{
    char err[1024];
    dyad_store *s = dyad_store_open(path, 0, err, sizeof err);
    if (!s)
        fail_msg("open %s: %s", path, err);
    return s;
}

static int put1(dyad_store *s, dyad_result *r)
{
    char err[1024];
    if (dyad_store_begin(s, err, sizeof err) < 0)
        fail_msg("begin: %s", err);
    int rc = dyad_store_put_result(s, r, err, sizeof err);
    if (rc < 0)
        fail_msg("put: %s", err);
    if (dyad_store_commit(s, err, sizeof err) < 0)
        fail_msg("commit: %s", err);
    dyad_result_free(r);
    return rc;
}

static dyad_store_counts counts(dyad_store *s)
{
    dyad_store_counts k;
    char err[1024];
    if (dyad_store_count(s, &k, err, sizeof err) < 0)
        fail_msg("count: %s", err);
    return k;
}

static void assert_consistent(dyad_store *s)
{
    char err[1024];
    int rc = dyad_store_check(s, err, sizeof err);
    if (rc != 0)
        fail_msg("check: %s", err);
}

/* Collect query rows as "v1|v2|...\n" lines. */
typedef struct rows {
    char text[8192];
    size_t len;
    long n;
} rows;

static int collect(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    rows *r = ctx;
    for (size_t i = 0; i < ncol && r->len < sizeof r->text - 64; i++)
        r->len += (size_t)snprintf(r->text + r->len, sizeof r->text - r->len, "%s%s", i ? "|" : "",
                                   vals[i] ? vals[i] : "NULL");
    if (r->len < sizeof r->text - 1)
        r->text[r->len++] = '\n';
    r->text[r->len] = 0;
    r->n++;
    return 0;
}

static rows query(dyad_store *s, dyad_store_query_kind k, const dyad_store_filter *f, const char *period)
{
    rows r = {.len = 0};
    r.text[0] = 0;
    char err[1024];
    long n = dyad_store_query(s, k, f, period, collect, &r, err, sizeof err);
    if (n < 0)
        fail_msg("query: %s", err);
    assert_int_equal(n, r.n);
    return r;
}

/* One event row's field by column number (see store.h). */
static const char *field(const char *line, int col, char *out, size_t n)
{
    for (int i = 0; i < col && line; i++)
        line = strchr(line, '|') ? strchr(line, '|') + 1 : NULL;
    if (!line)
        return "";
    size_t k = strcspn(line, "|\n");
    snprintf(out, n, "%.*s", (int)k, line);
    return out;
}

static void test_store_and_count(void **state)
{
    (void)state;
    dyad_store *s = open_ok(dbpath("a.sqlite"));
    assert_string_equal(dyad_store_backend(s), "sqlite");
    assert_int_equal(dyad_store_version(s), DYAD_STORE_SCHEMA_VERSION);
    dyad_result *r = article("d1", "China condemned Japan on Monday. The United States met Russia in Geneva.",
                             "2024-02-21", "Reuters");
    size_t nev = dyad_result_event_count(r), nsent = dyad_result_sentence_count(r),
           nment = dyad_result_mention_count(r);
    assert_int_equal(nev, 2);
    assert_int_equal(put1(s, r), 1);
    dyad_store_counts k = counts(s);
    assert_int_equal(k.documents, 1);
    assert_int_equal(k.sentences, (long long)nsent);
    assert_int_equal(k.actor_mentions, (long long)nment);
    assert_int_equal(k.event_mentions, 2);
    assert_int_equal(k.events, 2);
    assert_int_equal(dyad_store_get_stats(s)->docs_added, 1);
    assert_int_equal(dyad_store_get_stats(s)->events_added, 2);
    assert_consistent(s);
    dyad_store_close(s);
}

static void test_idempotent(void **state)
{
    (void)state;
    const char *p = dbpath("idem.sqlite");
    dyad_store *s = open_ok(p);
    const char *body = "China condemned Japan on Monday. Russia accused Ukraine of shelling.";
    assert_int_equal(put1(s, article("d1", body, "2024-02-21", "Reuters")), 1);
    /* The same body again, with other metadata and other whitespace: the same document. */
    assert_int_equal(put1(s, article("d1-copy", "China condemned Japan on Monday.\n\n  Russia accused Ukraine of shelling.\n",
                                     "2024-02-21", "AP")),
                     0);
    dyad_store_close(s);
    s = open_ok(p);   /* and after reopening */
    assert_int_equal(put1(s, article("d1", body, "2024-02-21", "Reuters")), 0);
    dyad_store_counts k = counts(s);
    assert_int_equal(k.documents, 1);
    assert_int_equal(k.event_mentions, 2);
    assert_int_equal(dyad_store_get_stats(s)->docs_dup, 1);
    char hash[33];
    dyad_store_doc_hash(body, strlen(body), hash);
    assert_int_equal(dyad_store_has_doc(s, hash), 1);
    dyad_store_doc_hash("other", 5, hash);
    assert_int_equal(dyad_store_has_doc(s, hash), 0);
    assert_consistent(s);
    dyad_store_close(s);
}

static void test_doc_hash(void **state)
{
    (void)state;
    char a[33], b[33], c[33];
    dyad_store_doc_hash("  A  b\n\nc ", 10, a);
    dyad_store_doc_hash("A b c", 5, b);
    dyad_store_doc_hash("A bc", 4, c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 32);
}

static void test_rollback(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s", dbpath("rb.sqlite"));
    dyad_store *s = open_ok(path);
    char err[1024];
    assert_int_equal(dyad_store_begin(s, err, sizeof err), 0);
    dyad_result *r = article("d1", "China condemned Japan on Monday.", "2024-02-21", "Reuters");
    assert_int_equal(dyad_store_put_result(s, r, err, sizeof err), 1);
    dyad_result_free(r);
    dyad_store_rollback(s);
    assert_int_equal(counts(s).documents, 0);
    assert_int_equal(counts(s).events, 0);
    /* closing with a transaction open stores nothing either */
    assert_int_equal(dyad_store_begin(s, err, sizeof err), 0);
    r = article("d2", "China condemned Japan on Monday.", "2024-02-21", "Reuters");
    assert_int_equal(dyad_store_put_result(s, r, err, sizeof err), 1);
    dyad_result_free(r);
    dyad_store_close(s);
    s = open_ok(path);
    assert_int_equal(counts(s).documents, 0);
    assert_int_equal(counts(s).event_mentions, 0);
    assert_consistent(s);
    dyad_store_close(s);
}

/* GDELT aggregation: the same (date, source, target, code) from several sentences, articles
 * and outlets is one event with NumMentions, NumSources and NumArticles. */
static void test_aggregation(void **state)
{
    (void)state;
    dyad_store *s = open_ok(dbpath("agg.sqlite"));
    /* two mentions in one article */
    put1(s, article("a1", "China condemned Japan on Monday. Later China condemned Japan again on Monday.",
                    "2024-02-21", "Reuters"));
    /* another article, same outlet */
    put1(s, article("a2", "On Monday China condemned Japan.", "2024-02-21", "Reuters"));
    /* another outlet */
    put1(s, article("a3", "China condemned Japan on Monday, officials said.", "2024-02-21", "AP"));
    /* a different day: another event */
    put1(s, article("a4", "China condemned Japan on Tuesday.", "2024-02-21", "AP"));
    /* published earlier: becomes the event's representative (SOURCEURL) */
    put1(s, article("a5", "China condemned Japan yesterday.", "2024-02-20", "AFP"));
    dyad_store_filter f = {.dyad_source = "CHN", .dyad_target = "JPN"};
    rows r = query(s, DYAD_Q_EVENTS, &f, NULL);
    assert_int_equal(r.n, 2);
    char b[64];
    /* first line: 2024-02-19 (Monday) */
    assert_string_equal(field(r.text, 1, b, sizeof b), "2024-02-19");
    assert_string_equal(field(r.text, 8, b, sizeof b), "111");
    assert_string_equal(field(r.text, 12, b, sizeof b), "5");   /* num_mentions */
    assert_string_equal(field(r.text, 13, b, sizeof b), "3");   /* num_sources */
    assert_string_equal(field(r.text, 14, b, sizeof b), "4");   /* num_articles */
    assert_string_equal(field(r.text, 18, b, sizeof b), "https://news.example/a5");
    const char *second = strchr(r.text, '\n') + 1;
    assert_string_equal(field(second, 1, b, sizeof b), "2024-02-20");
    assert_string_equal(field(second, 12, b, sizeof b), "1");
    /* the mentions stay queryable */
    rows m = query(s, DYAD_Q_MENTIONS, &f, NULL);
    assert_int_equal(m.n, 6);
    assert_consistent(s);
    dyad_store_close(s);
}

/* The aggregate does not depend on the order documents arrive in. */
static void test_aggregation_order(void **state)
{
    (void)state;
    const char *bodies[] = {"China condemned Japan on Monday. Russia accused Ukraine on Monday.",
                            "Russia accused Ukraine on Monday. The United States met Russia in Geneva.",
                            "China condemned Japan on Monday in Beijing."};
    const char *outlets[] = {"Reuters", "AP", "AFP"};
    rows out[2];
    for (int pass = 0; pass < 2; pass++) {
        dyad_store *s = open_ok(dbpath(pass ? "ord2.sqlite" : "ord1.sqlite"));
        for (int i = 0; i < 3; i++) {
            int k = pass ? 2 - i : i;
            char id[8];
            snprintf(id, sizeof id, "o%d", k);
            put1(s, article(id, bodies[k], "2024-02-21", outlets[k]));
        }
        rows r = query(s, DYAD_Q_EVENTS, NULL, NULL);
        /* drop the id (insertion order) and first_added columns */
        out[pass].len = 0;
        for (char *line = r.text; *line;) {
            char *nl = strchr(line, '\n');
            char *bar = strchr(line, '|');
            char *last = nl;
            while (last > line && last[-1] != '|')
                last--;
            out[pass].len += (size_t)snprintf(out[pass].text + out[pass].len, sizeof out[pass].text - out[pass].len,
                                              "%.*s\n", (int)(last - bar - 1), bar + 1);
            line = nl + 1;
        }
        assert_consistent(s);
        dyad_store_close(s);
    }
    assert_string_equal(out[0].text, out[1].text);
}

static void test_queries(void **state)
{
    (void)state;
    dyad_store *s = open_ok(dbpath("q.sqlite"));
    put1(s, article("q1", "China condemned Japan on Monday. The United States met Russia in Geneva.", "2024-02-21",
                    "Reuters"));
    put1(s, article("q2", "Russia accused Ukraine on Monday. Russian forces attacked Ukraine.", "2024-03-05", "AP"));
    put1(s, article("q3", "Japan met China in Tokyo.", "2024-01-10", "Kyodo"));
    rows r;
    dyad_store_filter f = {0};
    r = query(s, DYAD_Q_EVENTS, &f, NULL);
    long all = r.n;
    assert_true(all >= 5);
    f = (dyad_store_filter){.actor = "CHN"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 2);
    f = (dyad_store_filter){.actor = "RU*"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 3);
    f = (dyad_store_filter){.dyad_source = "USA", .dyad_target = "RUS"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 1);
    f = (dyad_store_filter){.code = "040"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 2);
    f = (dyad_store_filter){.code = "11*"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 2);
    f = (dyad_store_filter){.root = "19"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 1);
    f = (dyad_store_filter){.quad = 1};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 2);
    f = (dyad_store_filter){.from = "2024-02-01", .to = "2024-02-29"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 2);
    f = (dyad_store_filter){.country = "UKR"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 2);
    f = (dyad_store_filter){.outlet = "Kyodo"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 1);
    f = (dyad_store_filter){.text = "GENEVA"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 1);
    f = (dyad_store_filter){.text = "100%_"};   /* LIKE wildcards are literal */
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 0);
    f = (dyad_store_filter){.outlet = "AP"};
    assert_int_equal(query(s, DYAD_Q_MENTIONS, &f, NULL).n, 2);
    f = (dyad_store_filter){.limit = 2};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 2);
    /* SQL in a value is just a value */
    f = (dyad_store_filter){.actor = "CHN' OR '1'='1"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 0);

    /* series: per month, RUS* -> UKR has 2 events in March (RUS 112, RUSMIL 190) */
    f = (dyad_store_filter){.dyad_source = "RUS*", .dyad_target = "UKR"};
    r = query(s, DYAD_Q_SERIES, &f, "month");
    assert_int_equal(r.n, 2);   /* per dyad: RUS UKR, RUSMIL UKR */
    char b[64];
    assert_string_equal(field(r.text, 0, b, sizeof b), "2024-03");
    assert_string_equal(field(r.text, 3, b, sizeof b), "1");
    f = (dyad_store_filter){.dyad_source = "RUS", .dyad_target = "UKR"};
    r = query(s, DYAD_Q_SERIES, &f, "month");
    assert_int_equal(r.n, 1);
    assert_string_equal(field(r.text, 4, b, sizeof b), "-2.0");
    r = query(s, DYAD_Q_SERIES, &f, "week");
    assert_string_equal(field(r.text, 0, b, sizeof b), "2024-03-04");   /* the Monday */
    f = (dyad_store_filter){.dyad_target = "UKR"};
    r = query(s, DYAD_Q_SERIES, &f, "day");
    assert_int_equal(r.n, 2);
    char err[256];
    assert_true(dyad_store_query(s, DYAD_Q_SERIES, &f, "year", collect, &r, err, sizeof err) < 0);

    r = query(s, DYAD_Q_TOP_ACTORS, NULL, NULL);
    assert_true(r.n >= 5);
    assert_string_equal(field(r.text, 0, b, sizeof b), "CHN");   /* 2 events; ties by code */
    assert_string_equal(field(r.text, 1, b, sizeof b), "2");
    r = query(s, DYAD_Q_TOP_DYADS, NULL, NULL);
    assert_int_equal(r.n, 5);
    assert_string_equal(field(r.text, 0, b, sizeof b), "CHN");
    assert_string_equal(field(r.text, 1, b, sizeof b), "JPN");
    dyad_store_close(s);
}

static void exec_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
    sqlite3_close(db);
}

/* A database as dyad wrote it with schema version 2 (sentences and actor mentions in tables of
 * their own, the dyad index), built from the version 1 and 2 scripts and rows as that version
 * stored them: one document, two sentences (one with quotes, to exercise the JSON escaping),
 * two actor mentions, one event. */
static void make_v2_database(const char *path)
{
    exec_sql(path, dyad_schema_sqlite[0]);
    exec_sql(path, dyad_schema_sqlite[1]);
    exec_sql(path,
             "UPDATE schema_version SET version = 2;"
             "INSERT INTO documents VALUES (1, 'h1', 'm1', 'https://news.example/m1', 'Reuters', 'm1', '2024-02-21',"
             " 'en', NULL, 2, 2, 1, '2024-02-21 10:00:00');"
             "INSERT INTO sentences VALUES (1, 0, 0, 32, 'China condemned Japan on Monday.'),"
             " (1, 1, 33, 58, 'Japan called it \"absurd\".');"
             "INSERT INTO actor_mentions VALUES (1, 0, 0, 0, 5, 'CHN', 'CHN', 'China', 'China'),"
             " (1, 1, 0, 16, 21, 'JPN', 'JPN', 'Japan', 'Japan');"
             "INSERT INTO events VALUES (1, '2024-02-19', 'CHN', 'JPN', '111', '11', 3, -2.0, 1, 1, 1, 0, 'China',"
             " 'CHN', 'Japan', 'JPN', NULL, NULL, 'https://news.example/m1', '2024-02-21|h1:00000000',"
             " '2024-02-21 10:00:00');"
             "INSERT INTO event_mentions VALUES (1, 1, 0, 'Reuters', 0, '2024-02-19', 'day', 'CHN', 'CHN', 'China',"
             " 'China', 1, 'JPN', 'JPN', 'Japan', 'Japan', '111', '11', -2.0, 3, 'ACCUSE', 'disapprove', NULL, NULL,"
             " 'condemned', 0, 32);");
}

static long long sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* The target, code and root filters go through the posting lists (postings.c), one row per
 * key and transaction with a date range: over many small transactions, dates spread across
 * them and undated events, every filter must select exactly what a scan of events selects. */
static void test_postings_agree(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s", dbpath("postings.sqlite"));
    dyad_store *s = open_ok(path);
    dyad_store_set_batch(s, 7, 0);
    static const char *const who[] = {"China", "Japan", "Russia", "The United States", "India", "Ukraine"};
    static const char *const did[] = {"condemned", "met", "accused", "threatened", "attacked", "visited"};
    static const char *const when[] = {" on Monday", " yesterday", "", " last week", " on Friday"};
    char err[1024];
    unsigned x = 12345;
    for (int i = 0; i < 240; i++) {
        char body[512] = "", id[16], date[11];
        size_t len = 0;
        for (int k = 0; k < 3; k++) {
            x = x * 1103515245u + 12345u;
            const char *a = who[(x >> 8) % 6], *b = who[(x >> 12) % 6], *v = did[(x >> 16) % 6];
            if (a == b)
                b = who[((x >> 12) + 1) % 6];
            len += (size_t)snprintf(body + len, sizeof body - len, "%s %s %s%s. ", a, v,
                                    b[0] == 'T' ? "the United States" : b, when[(x >> 20) % 5]);
        }
        snprintf(id, sizeof id, "p%d", i);
        snprintf(date, sizeof date, "2024-%02d-%02d", 1 + i / 80, 1 + (i * 7) % 28);
        dyad_result *r = article(id, body, i % 17 ? date : NULL, "Reuters");
        assert_true(dyad_store_add(s, r, err, sizeof err) >= 0);
        dyad_result_free(r);
    }
    assert_int_equal(dyad_store_flush(s, err, sizeof err), 0);
    assert_consistent(s);
    assert_true(counts(s).events > 200);
    static const struct {
        dyad_store_filter f;
        const char *where;
    } cases[] = {
        {{.actor = "CHN"}, "source_code = 'CHN' OR target_code = 'CHN'"},
        {{.actor = "US*"}, "source_code LIKE 'US%' OR target_code LIKE 'US%'"},
        {{.actor = "JPN", .from = "2024-02-01", .to = "2024-02-15"},
         "(source_code = 'JPN' OR target_code = 'JPN') AND date BETWEEN '2024-02-01' AND '2024-02-15'"},
        {{.code = "111"}, "cameo = '111'"},
        {{.code = "1*", .from = "2024-01-20"}, "cameo LIKE '1%' AND date >= '2024-01-20'"},
        {{.root = "04", .to = "2024-02-10"}, "root = '04' AND date <> '' AND date <= '2024-02-10'"},
        {{.root = "19"}, "root = '19'"},
        {{.actor = "RUS", .code = "04*"}, "(source_code = 'RUS' OR target_code = 'RUS') AND cameo LIKE '04%'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char sql[512];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE %s", cases[i].where);
        long long want = sql_int(path, sql);
        long got = query(s, DYAD_Q_EVENTS, &cases[i].f, NULL).n;
        if (got != want)
            fail_msg("filter %zu (%s): %ld events, a scan finds %lld", i, cases[i].where, got, want);
    }
    /* and the lists really are one row per key and transaction, not one per event */
    assert_true(sql_int(path, "SELECT count(*) FROM event_postings") < 2 * sql_int(path, "SELECT count(*) FROM events"));
    assert_true(sql_int(path, "SELECT count(*) FROM event_postings") > 20);
    dyad_store_close(s);
}

static void test_migration(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s", dbpath("mig.sqlite"));
    make_v2_database(path);
    dyad_store *s = open_ok(path);   /* migrates to the newest version */
    assert_int_equal(dyad_store_version(s), DYAD_STORE_SCHEMA_VERSION);
    dyad_store_counts k = counts(s);
    assert_int_equal(k.documents, 1);
    assert_int_equal(k.sentences, 2);
    assert_int_equal(k.actor_mentions, 2);
    assert_int_equal(k.event_mentions, 1);
    assert_int_equal(k.events, 1);
    assert_consistent(s);
    /* the stored rows read back through the queries as before */
    dyad_store_filter f = {.actor = "JPN"};
    rows r = query(s, DYAD_Q_MENTIONS, &f, NULL);
    assert_int_equal(r.n, 1);
    assert_non_null(strstr(r.text, "|China condemned Japan on Monday.|"));
    f = (dyad_store_filter){.text = "condemned"};
    assert_int_equal(query(s, DYAD_Q_EVENTS, &f, NULL).n, 1);
    put1(s, article("m2", "China condemned Japan on Tuesday.", "2024-02-21", "Reuters"));
    assert_consistent(s);
    dyad_store_close(s);

    /* sentences and actor mentions moved into the documents, readable through the views */
    assert_int_equal(sql_int(path, "SELECT count(*) FROM sentences WHERE doc_id = 1 AND idx = 1"
                                   " AND text = 'Japan called it \"absurd\".' AND span_start = 33"), 1);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM actor_mentions WHERE doc_id = 1 AND idx = 1"
                                   " AND code = 'JPN' AND span_start = 16 AND sent = 0"), 1);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                   " AND name IN ('sentences', 'actor_mentions')"), 0);
    /* the index set of version 3: no dyad index, every event date listed */
    assert_int_equal(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name = 'events_dyad'"), 0);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM event_dates WHERE date = '2024-02-19'"), 1);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM events WHERE date NOT IN (SELECT date FROM event_dates)"), 0);

    /* a database from a newer dyad is refused */
    exec_sql(path, "UPDATE schema_version SET version = 99");
    char err[1024];
    assert_null(dyad_store_open(path, 0, err, sizeof err));
    assert_non_null(strstr(err, "newer"));
    assert_non_null(strstr(err, "mig.sqlite"));
}

static void test_bad_files(void **state)
{
    (void)state;
    char err[1024];
    /* a foreign SQLite database */
    char path[512];
    snprintf(path, sizeof path, "%s", dbpath("foreign.sqlite"));
    exec_sql(path, "CREATE TABLE customers (id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'x')");
    assert_null(dyad_store_open(path, 0, err, sizeof err));
    assert_non_null(strstr(err, "not a dyad database"));
    assert_non_null(strstr(err, "customers"));
    /* still intact */
    exec_sql(path, "SELECT * FROM customers");

    /* not SQLite at all */
    snprintf(path, sizeof path, "%s", dbpath("garbage.sqlite"));
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("this is not a database, just some text\n", fp);
    fclose(fp);
    assert_null(dyad_store_open(path, 0, err, sizeof err));
    assert_non_null(strstr(err, "not an SQLite database"));
    assert_non_null(strstr(err, "garbage.sqlite"));

    /* a directory */
    assert_null(dyad_store_open(tmpdir, 0, err, sizeof err));
    assert_non_null(strstr(err, "directory"));

    /* a reader never creates a database */
    snprintf(path, sizeof path, "%s", dbpath("missing.sqlite"));
    assert_null(dyad_store_open(path, DYAD_STORE_READ, err, sizeof err));
    assert_non_null(strstr(err, "no such"));
    assert_int_equal(access(path, F_OK), -1);

    /* a corrupt count is found by the check */
    snprintf(path, sizeof path, "%s", dbpath("tamper.sqlite"));
    dyad_store *s = open_ok(path);
    put1(s, article("t1", "China condemned Japan on Monday.", "2024-02-21", "Reuters"));
    dyad_store_close(s);
    exec_sql(path, "UPDATE events SET num_mentions = 7");
    s = open_ok(path);
    assert_int_equal(dyad_store_check(s, err, sizeof err), 1);
    assert_non_null(strstr(err, "aggregate"));
    dyad_store_close(s);
    exec_sql(path, "UPDATE events SET num_mentions = 1; UPDATE documents SET sentences_json = '[]'");
    s = open_ok(path);
    assert_int_equal(dyad_store_check(s, err, sizeof err), 1);
    assert_non_null(strstr(err, "sentences"));
    dyad_store_close(s);

    /* each of the version 4 links, broken in turn, is found; mended, the check passes */
    static const struct {
        const char *breaks, *mends, *says;
    } links[] = {
        {"UPDATE events SET doc_ids = '[]'", "UPDATE events SET doc_ids = '[1]'", "without mentions"},
        {"UPDATE events SET doc_ids = '[2]'", "UPDATE events SET doc_ids = '[1]'", "aggregate"},
        {"UPDATE events SET outlets = '[\"AP\"]'", "UPDATE events SET outlets = '[\"Reuters\"]'", "outlet"},
        {"UPDATE event_postings SET ids = '[]' WHERE kind = 'C'", "UPDATE event_postings SET ids = '[1]'",
         "posting lists"},
        {"UPDATE event_postings SET key = 'RUS' WHERE kind = 'T'", "UPDATE event_postings SET key = 'JPN' WHERE kind = 'T'",
         "posting lists"},
        {"UPDATE event_postings SET ids = '[1,9]' WHERE kind = 'T'", "UPDATE event_postings SET ids = '[1]'",
         "missing event"},
        {"UPDATE documents SET mentions_json = json_set(mentions_json, '$[0][0]', 9)",
         "UPDATE documents SET mentions_json = json_set(mentions_json, '$[0][0]', 1)", "without its mention"},
    };
    exec_sql(path, "UPDATE documents SET sentences_json = '[[0,32,\"China condemned Japan on Monday.\"]]'");
    s = open_ok(path);
    assert_int_equal(dyad_store_check(s, err, sizeof err), 0);
    dyad_store_close(s);
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        exec_sql(path, links[i].breaks);
        s = open_ok(path);
        assert_int_equal(dyad_store_check(s, err, sizeof err), 1);
        if (!strstr(err, links[i].says))
            fail_msg("breaking '%s' reported '%s'", links[i].breaks, err);
        dyad_store_close(s);
        exec_sql(path, links[i].mends);
        s = open_ok(path);
        assert_int_equal(dyad_store_check(s, err, sizeof err), 0);
        dyad_store_close(s);
    }
}

static void test_batching(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s", dbpath("batch.sqlite"));
    dyad_store *s = open_ok(path);
    dyad_store_set_batch(s, 3, 0);
    char err[1024];
    for (int i = 0; i < 10; i++) {
        char body[128], id[16];
        snprintf(body, sizeof body, "China condemned Japan on Monday. Article number %d.", i);
        snprintf(id, sizeof id, "b%d", i);
        dyad_result *r = article(id, body, "2024-02-21", i % 2 ? "AP" : "Reuters");
        assert_int_equal(dyad_store_add(s, r, err, sizeof err), 1);
        dyad_result_free(r);
    }
    assert_int_equal(dyad_store_get_stats(s)->commits, 3);   /* 9 committed, 1 pending */
    dyad_store_close(s);                                    /* the pending one is dropped */
    s = open_ok(path);
    assert_int_equal(counts(s).documents, 9);
    rows r = query(s, DYAD_Q_EVENTS, NULL, NULL);
    assert_int_equal(r.n, 1);
    char b[32];
    assert_string_equal(field(r.text, 12, b, sizeof b), "9");
    assert_string_equal(field(r.text, 13, b, sizeof b), "2");
    assert_consistent(s);
    dyad_store_close(s);
}

static void pg_exec(const char *url, const char *sql)
{
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("connect: %s", PQerrorMessage(c));
    PGresult *res = PQexec(c, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQresultErrorMessage(res));
    PQclear(res);
    PQfinish(c);
}

static long long pg_int(const char *url, const char *sql)
{
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("connect: %s", PQerrorMessage(c));
    PGresult *res = PQexec(c, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
        fail_msg("%s: %s", sql, PQresultErrorMessage(res));
    long long v = atoll(PQgetvalue(res, 0, 0));
    PQclear(res);
    PQfinish(c);
    return v;
}

/* PostgreSQL, when a fresh database is given in $DYAD_PG_URL (tests/e2e/pg_roundtrip.sh runs
 * this binary so against its throwaway server): the same migration, writes and reads. */
static void test_pg(void **state)
{
    (void)state;
    const char *url = getenv("DYAD_PG_URL");
    if (!url || !*url) {
        skip();
        return;
    }
    /* a version 2 database (tables of its own for sentences and actor mentions) with the rows
     * that version stored for p1: two sentences reporting one event */
    dyad_store_test_limit_version(2);
    dyad_store *s = open_ok(url);
    assert_string_equal(dyad_store_backend(s), "postgresql");
    assert_int_equal(dyad_store_version(s), 2);
    dyad_store_close(s);
    dyad_store_test_limit_version(0);
    const char *p1 = "China condemned Japan on Monday. Later China condemned Japan \"again\" on Monday.";
    char hash[33], sql[4096];
    dyad_store_doc_hash(p1, strlen(p1), hash);
    snprintf(sql, sizeof sql,
            "INSERT INTO documents (id, hash, name, url, source, title, pub_date, language, author, n_sentences,"
            " n_mentions, n_events, added) VALUES (1, '%s', 'p1', 'https://news.example/p1', 'Reuters', 'p1',"
            " '2024-02-21', 'en', NULL, 2, 4, 2, '2024-02-21 10:00:00');"
            "INSERT INTO sentences VALUES (1, 0, 0, 32, 'China condemned Japan on Monday.'),"
            " (1, 1, 33, 78, 'Later China condemned Japan \"again\" on Monday.');"
            "INSERT INTO actor_mentions VALUES (1, 0, 0, 0, 5, 'CHN', 'CHN', 'China', 'China'),"
            " (1, 1, 0, 16, 21, 'JPN', 'JPN', 'Japan', 'Japan'), (1, 2, 1, 39, 44, 'CHN', 'CHN', 'China', 'China'),"
            " (1, 3, 1, 55, 60, 'JPN', 'JPN', 'Japan', 'Japan');"
            "INSERT INTO events (id, date, source_code, target_code, cameo, root, quad, goldstein, num_mentions,"
            " num_sources, num_articles, min_sent, source_name, source_country, target_name, target_country,"
            " location_name, location_country, url, rep_key, first_added) VALUES (1, '2024-02-19', 'CHN', 'JPN',"
            " '111', '11', 3, -2.0, 2, 1, 1, 0, 'China', 'CHN', 'Japan', 'JPN', NULL, NULL,"
            " 'https://news.example/p1', '2024-02-21|%s:00000000', '2024-02-21 10:00:00');"
            "INSERT INTO event_mentions VALUES (1, 1, 0, 'Reuters', 0, '2024-02-19', 'day', 'CHN', 'CHN', 'China',"
            " 'China', 1, 'JPN', 'JPN', 'Japan', 'Japan', '111', '11', -2.0, 3, 'ACCUSE', 'disapprove', NULL, NULL,"
            " 'condemned', 0, 32), (1, 1, 1, 'Reuters', 1, '2024-02-19', 'day', 'CHN', 'CHN', 'China', 'China', 1,"
            " 'JPN', 'JPN', 'Japan', 'Japan', '111', '11', -2.0, 3, 'ACCUSE', 'disapprove', NULL, NULL, 'condemned',"
            " 33, 78);"
            "SELECT setval(pg_get_serial_sequence('documents', 'id'), 1);"
            "SELECT setval(pg_get_serial_sequence('events', 'id'), 1);", hash, hash);
    pg_exec(url, sql);
    s = open_ok(url);   /* migrates */
    assert_int_equal(dyad_store_version(s), DYAD_STORE_SCHEMA_VERSION);
    dyad_store_counts k0 = counts(s);
    assert_int_equal(k0.sentences, 2);
    assert_int_equal(k0.actor_mentions, 4);
    assert_consistent(s);
    assert_int_equal(pg_int(url, "SELECT count(*) FROM sentences WHERE doc_id = 1 AND idx = 1 AND span_start = 33"
                                 " AND text = 'Later China condemned Japan \"again\" on Monday.'"), 1);
    assert_int_equal(pg_int(url, "SELECT count(*) FROM actor_mentions WHERE doc_id = 1 AND idx = 3 AND sent = 1"
                                 " AND code = 'JPN'"), 1);
    assert_int_equal(pg_int(url, "SELECT count(*) FROM event_dates WHERE date = '2024-02-19'"), 1);
    /* PostgreSQL counts duplicates at commit */
    char err[1024];
    assert_int_equal(dyad_store_begin(s, err, sizeof err), 0);
    dyad_result *r = article("p1-copy", "China condemned Japan on Monday.  Later China condemned Japan \"again\" on Monday.",
                             "2024-02-22", "AP");
    assert_int_equal(dyad_store_put_result(s, r, err, sizeof err), 1);
    dyad_result_free(r);
    r = article("p2", "On Monday China condemned Japan.", "2024-02-22", "AP");
    assert_int_equal(dyad_store_put_result(s, r, err, sizeof err), 1);
    dyad_result_free(r);
    r = article("p2", "On Monday China condemned Japan.", "2024-02-22", "AP");   /* twice in one batch */
    assert_int_equal(dyad_store_put_result(s, r, err, sizeof err), 0);
    dyad_result_free(r);
    if (dyad_store_commit(s, err, sizeof err) < 0)
        fail_msg("commit: %s", err);
    assert_int_equal(dyad_store_get_stats(s)->docs_added, 1);
    assert_int_equal(dyad_store_get_stats(s)->docs_dup, 2);
    dyad_store_counts k = counts(s);
    assert_int_equal(k.documents, 2);
    assert_int_equal(k.event_mentions, 3);
    assert_int_equal(k.events, 1);
    dyad_store_filter f = {.dyad_source = "CHN", .dyad_target = "JPN"};
    rows q = query(s, DYAD_Q_EVENTS, &f, NULL);
    char b[64];
    assert_string_equal(field(q.text, 12, b, sizeof b), "3");   /* num_mentions */
    assert_string_equal(field(q.text, 13, b, sizeof b), "2");   /* num_sources */
    assert_string_equal(field(q.text, 14, b, sizeof b), "2");   /* num_articles */
    assert_consistent(s);
    /* a rolled-back batch leaves nothing */
    assert_int_equal(dyad_store_begin(s, err, sizeof err), 0);
    r = article("p3", "Russia accused Ukraine on Monday.", "2024-02-22", "AP");
    assert_int_equal(dyad_store_put_result(s, r, err, sizeof err), 1);
    dyad_result_free(r);
    dyad_store_rollback(s);
    assert_int_equal(counts(s).documents, 2);
    dyad_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store_and_count), cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_doc_hash),        cmocka_unit_test(test_rollback),
        cmocka_unit_test(test_aggregation),     cmocka_unit_test(test_aggregation_order),
        cmocka_unit_test(test_queries),         cmocka_unit_test(test_migration),
        cmocka_unit_test(test_postings_agree),
        cmocka_unit_test(test_bad_files),       cmocka_unit_test(test_batching),
        cmocka_unit_test(test_pg),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

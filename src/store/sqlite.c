/* sqlite.c — the SQLite backend: one file, WAL journal, prepared statements, one row at a
 * time inside large transactions (SQLite is fastest that way; no bulk API is needed).
 *
 * Crash safety: a document's rows and its aggregate updates are written inside the caller's
 * transaction; with WAL and synchronous=NORMAL a killed process loses at most the open
 * transaction and never leaves a part of one. Refuses to touch files that are not SQLite
 * databases or SQLite databases that are not dyad's. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include "doc/doc.h"
#include "store/store_impl.h"
#include "util/hmap.h"

enum { ST_HAS, ST_NEXT, ST_DOC, ST_DATE, ST_EV_NEW, ST_EV_FIND, ST_EV_ADD, ST_POST, NST };

/* The aggregate is maintained with plain statements rather than one UPSERT ... RETURNING
 * (which SQLite runs through a temporary table, twice as slow): insert the event if its key
 * (date, source, target, code, Goldstein score) is new; otherwise find it and add this
 * document's counts, its id to doc_ids and its outlet to outlets (NumSources is their
 * number). The representative fields are those of the smallest rep_key (see store_impl.h),
 * so the result is order independent. Parameters ?1-?18 are the event's fields (?1-?4 and ?7
 * its key, also for ST_EV_FIND), ?19 the document id, ?20 its outlet, ?21 the event id: both
 * statements take the same bindings. Ids
 * are given, not drawn from the rowid: a document's mentions (in its row) name their events,
 * and an event its documents. */
static const char *const stmt_sql[NST] = {
    [ST_HAS] = "SELECT 1 FROM documents WHERE hash = ?1",
    [ST_NEXT] = "SELECT coalesce(max(id), 0) + 1 FROM documents UNION ALL SELECT coalesce(max(id), 0) + 1 FROM events",
    [ST_DOC] = "INSERT INTO documents (hash, name, url, source, title, pub_date, language, author,"
               " n_sentences, n_mentions, n_events, added, sentences_json, actors_json, id, mentions_json)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [ST_DATE] = "INSERT INTO event_dates (date) VALUES (?1) ON CONFLICT DO NOTHING",
    [ST_EV_NEW] =
        "INSERT INTO events (date, source_code, target_code, cameo, root, quad, goldstein,"
        " num_mentions, num_sources, num_articles, min_sent, source_name, source_country,"
        " target_name, target_country, location_name, location_country, url, rep_key, first_added,"
        " id, doc_ids, outlets)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, 1, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
        " ?21, '[' || ?19 || ']', json_array(?20))"
        " ON CONFLICT (date, source_code, target_code, cameo, goldstein) DO NOTHING",
    [ST_EV_FIND] = "SELECT id FROM events WHERE date = ?1 AND source_code = ?2 AND target_code = ?3 AND cameo = ?4"
                   " AND goldstein = ?7",
    [ST_EV_ADD] =
        "UPDATE events SET num_mentions = num_mentions + ?8, num_articles = num_articles + 1,"
        " num_sources = num_sources + NOT EXISTS (SELECT 1 FROM json_each(outlets) WHERE value = ?20),"
        " outlets = CASE WHEN EXISTS (SELECT 1 FROM json_each(outlets) WHERE value = ?20) THEN outlets"
        "   ELSE json_insert(outlets, '$[#]', ?20) END,"
        " doc_ids = json_insert(doc_ids, '$[#]', ?19), min_sent = min(min_sent, ?9),"
        " source_name = CASE WHEN ?17 < rep_key THEN ?10 ELSE source_name END,"
        " source_country = CASE WHEN ?17 < rep_key THEN ?11 ELSE source_country END,"
        " target_name = CASE WHEN ?17 < rep_key THEN ?12 ELSE target_name END,"
        " target_country = CASE WHEN ?17 < rep_key THEN ?13 ELSE target_country END,"
        " location_name = CASE WHEN ?17 < rep_key THEN ?14 ELSE location_name END,"
        " location_country = CASE WHEN ?17 < rep_key THEN ?15 ELSE location_country END,"
        " url = CASE WHEN ?17 < rep_key THEN ?16 ELSE url END,"
        " rep_key = min(rep_key, ?17), first_added = min(first_added, ?18)"
        " WHERE id = ?21",
    [ST_POST] = "INSERT INTO event_postings (kind, key, first_id, min_date, max_date, ids)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6 || ']')",
};

/* The statements of dyad_store_query() (store_ops.qrows), kept prepared: a query's SQL text
 * depends only on which filters are given, never on their values (those are parameters), so
 * a few texts come back again and again and preparing one costs about as much as running it.
 * Keyed by the exact text, least recently used evicted. A cached statement is reset and its
 * bindings cleared as soon as its rows are delivered, so it never holds a read transaction
 * (the WAL snapshot) or a caller's parameter strings between queries. Like the connection
 * (opened SQLITE_OPEN_NOMUTEX), the cache belongs to one thread at a time: `dyad serve` hands
 * each store handle to one request at a time from its pool. A row callback that queries the
 * same handle again gets a fresh statement when the cached one is still stepping (busy). */
enum { QCACHE = 32 };

typedef struct qstmt {
    sqlite3_stmt *st;       /* NULL: a free slot */
    char *sql;
    size_t len;
    uint64_t hash;
    uint64_t used;          /* tick of the last use */
    int busy;
} qstmt;

typedef struct sq {
    sqlite3 *db;
    sqlite3_stmt *st[NST];
    uint32_t *order;
    int64_t *ev_ids;
    size_t cap;
    dyad_buf sents, actors, ments;   /* the JSON columns of the document being stored */
    dyad_hmap dates;                 /* event dates written in the open transaction */
    store_postings postings;         /* the posting lists of the open transaction */
    int64_t next_doc, next_event;    /* the ids the next new document and event get */
    qstmt qc[QCACHE];
    uint64_t tick;
} sq;

static sq *SQ(dyad_store *s) { return s->impl; }

/* The directory part of a path ("." for a bare file name). */
static void dir_of(const char *path, char *dir, size_t len)
{
    snprintf(dir, len, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, len, ".");
    else if (slash == dir)
        dir[1] = 0;
    else
        *slash = 0;
}

/* After a failed write: is the disk full, or the process's file size limit reached? */
static void diagnose_space(const char *path, char *out, size_t len)
{
    out[0] = 0;
    char dir[4096];
    dir_of(path, dir, sizeof dir);
    struct statvfs vs;
    if (statvfs(dir, &vs) == 0 && (unsigned long long)vs.f_bavail * vs.f_frsize < (1ULL << 20)) {
        snprintf(out, len, "; the disk is full (%llu bytes free in %s)",
                 (unsigned long long)vs.f_bavail * vs.f_frsize, dir);
        return;
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        const char *suffix[] = {"", "-wal"};
        for (int i = 0; i < 2; i++) {
            char f[4200];
            struct stat sb;
            snprintf(f, sizeof f, "%s%s", path, suffix[i]);
            if (stat(f, &sb) == 0 && (unsigned long long)sb.st_size + (1ULL << 20) > (unsigned long long)rl.rlim_cur) {
                snprintf(out, len, "; %s reached the file size limit (ulimit -f) of %llu bytes", f,
                         (unsigned long long)rl.rlim_cur);
                return;
            }
        }
    }
}

/* A message naming the file and what is wrong, from SQLite's result code. */
static void sq_err(dyad_store *s, sqlite3 *db, int rc, const char *doing, char *err, size_t errlen)
{
    const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    int sys = db ? sqlite3_system_errno(db) : 0;
    char sysmsg[160] = "";
    if (sys)
        snprintf(sysmsg, sizeof sysmsg, ": %s", strerror(sys));
    char space[512] = "";
    if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR)
        diagnose_space(s->name, space, sizeof space);
    switch (rc & 0xff) {
    case SQLITE_FULL:
        snprintf(err, errlen, "%s: cannot write: disk full or file size limit reached while %s (%s%s%s); "
                 "the open transaction was rolled back, nothing of it is stored", s->name, doing, msg, sysmsg, space);
        break;
    case SQLITE_IOERR:
        snprintf(err, errlen, "%s: cannot write: I/O error while %s (%s%s%s); the open transaction was rolled "
                 "back, nothing of it is stored", s->name, doing, msg, sysmsg, space);
        break;
    case SQLITE_CORRUPT:
        snprintf(err, errlen, "%s: the database file is corrupt (%s)", s->name, msg);
        break;
    case SQLITE_NOTADB:
        snprintf(err, errlen, "%s: not an SQLite database, or a corrupt one (%s)", s->name, msg);
        break;
    case SQLITE_READONLY:
        snprintf(err, errlen, "%s: cannot write: read-only file or directory (%s%s)", s->name, msg, sysmsg);
        break;
    case SQLITE_CANTOPEN:
        snprintf(err, errlen, "%s: cannot open or create the database file (%s%s)", s->name, msg, sysmsg);
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        snprintf(err, errlen, "%s: the database is locked by another process (%s)", s->name, msg);
        break;
    default:
        snprintf(err, errlen, "%s: %s failed: %s%s", s->name, doing, msg, sysmsg);
    }
}

static int sq_exec(dyad_store *s, const char *sql, const char *doing, char *err, size_t errlen)
{
    int rc = sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        sq_err(s, SQ(s)->db, rc, doing, err, errlen);
        return -1;
    }
    return 0;
}

/* Bind, step and deliver the rows of st (prepared, not yet stepped). Leaves st as the last
 * step left it; the caller resets or finalizes it. */
static long run_rows(dyad_store *s, sqlite3_stmt *st, size_t np, const char *const *params,
                     dyad_store_row_fn fn, void *ctx, char *err, size_t errlen)
{
    for (size_t i = 0; i < np; i++)
        sqlite3_bind_text(st, (int)i + 1, params[i], -1, SQLITE_STATIC);
    const char *names[64], *vals[64];
    size_t ncol = 0;
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!n) {
            /* names after the first step: binding a LIKE pattern can make SQLite re-prepare
             * the statement (only ever before its first row), which frees the names it gave
             * out before */
            ncol = (size_t)sqlite3_column_count(st);
            if (ncol > 64)
                ncol = 64;
            for (size_t i = 0; i < ncol; i++)
                names[i] = sqlite3_column_name(st, (int)i);
        }
        /* NULL for SQL NULL (sqlite3_column_text gives NULL exactly then, or when out of memory) */
        for (size_t i = 0; i < ncol; i++)
            vals[i] = (const char *)sqlite3_column_text(st, (int)i);
        n++;
        if (fn && fn(ctx, ncol, names, vals)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) {
        sq_err(s, SQ(s)->db, rc, "reading", err, errlen);
        return -1;
    }
    return n;
}

static long sq_rows(dyad_store *s, const char *sql, size_t np, const char *const *params,
                    dyad_store_row_fn fn, void *ctx, char *err, size_t errlen)
{
    sqlite3 *db = SQ(s)->db;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sq_err(s, db, rc, "preparing a query", err, errlen);
        return -1;
    }
    long n = run_rows(s, st, np, params, fn, ctx, err, errlen);
    sqlite3_finalize(st);
    return n;
}

static void qc_drop(qstmt *e)
{
    sqlite3_finalize(e->st);
    free(e->sql);
    memset(e, 0, sizeof *e);
}

static void qc_clear(sq *q)
{
    for (int i = 0; i < QCACHE; i++)
        if (q->qc[i].st)
            qc_drop(&q->qc[i]);
}

/* sq_rows through the statement cache. */
static long sq_qrows(dyad_store *s, const char *sql, size_t np, const char *const *params,
                     dyad_store_row_fn fn, void *ctx, char *err, size_t errlen)
{
    sq *q = SQ(s);
    size_t len = strlen(sql);
    uint64_t h = XXH3_64bits(sql, len);
    qstmt *e = NULL, *victim = NULL;
    for (int i = 0; i < QCACHE; i++) {
        qstmt *c = &q->qc[i];
        if (c->st && c->hash == h && c->len == len && !memcmp(c->sql, sql, len)) {
            e = c;
            break;
        }
        if (!c->busy && (!victim || (victim->st && (!c->st || c->used < victim->used))))
            victim = c;
    }
    if (e && e->busy)   /* a row callback querying again with the same text */
        return sq_rows(s, sql, np, params, fn, ctx, err, errlen);
    if (!e) {
        char *copy;
        if (!victim || !(copy = malloc(len + 1)))
            return sq_rows(s, sql, np, params, fn, ctx, err, errlen);
        memcpy(copy, sql, len + 1);
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v3(q->db, sql, (int)(len + 1), SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK) {
            free(copy);
            sq_err(s, q->db, rc, "preparing a query", err, errlen);
            return -1;
        }
        if (!st) {   /* no statement in the text: as sq_rows has it */
            free(copy);
            return sq_rows(s, sql, np, params, fn, ctx, err, errlen);
        }
        if (victim->st)
            qc_drop(victim);
        e = victim;
        e->st = st;
        e->sql = copy;
        e->len = len;
        e->hash = h;
    }
    e->used = ++q->tick;
    e->busy = 1;
    long n = run_rows(s, e->st, np, params, fn, ctx, err, errlen);
    e->busy = 0;
    if (n < 0) {
        qc_drop(e);   /* after an error start afresh (the message is already in err) */
        return -1;
    }
    sqlite3_reset(e->st);
    sqlite3_clear_bindings(e->st);
    return n;
}

static int get_int(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    if (ncol && vals[0])
        *(long long *)ctx = atoll(vals[0]);
    return 1;
}

static int get_name(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    if (ncol && vals[0])
        snprintf(ctx, 128, "%s", vals[0]);
    return 1;
}

/* Before writing anything (even the journal mode): is this a dyad database, or empty? Sets
 * *version to the stored schema version (0 for an empty database) and *has_version to whether
 * the schema_version table exists, when the pointers are not NULL. */
static int sq_identify_version(dyad_store *s, long long *version, long long *has_version, char *err,
                               size_t errlen)
{
    long long ntab = 0, has_ver = 0, ver = 0;
    if (sq_rows(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", 0, NULL, get_int, &ntab, err, errlen) < 0 ||
        sq_rows(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", 0, NULL,
                get_int, &has_ver, err, errlen) < 0)
        return -1;
    if (!has_ver && ntab > 0) {
        char other[128] = "?";
        sq_rows(s, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 1", 0, NULL, get_name,
                other, err, errlen);
        snprintf(err, errlen, "%s: not a dyad database (an SQLite database with %lld other table%s, e.g. '%s', "
                 "and no schema_version); refusing to use it", s->name, ntab, ntab == 1 ? "" : "s", other);
        return -1;
    }
    if (has_ver && sq_rows(s, "SELECT max(version) FROM schema_version", 0, NULL, get_int, &ver, err, errlen) < 0)
        return -1;
    if (ver > DYAD_STORE_SCHEMA_VERSION) {
        snprintf(err, errlen, "%s: database schema version %lld is newer than this dyad supports (%d); "
                 "use a newer dyad", s->name, ver, DYAD_STORE_SCHEMA_VERSION);
        return -1;
    }
    if (version)
        *version = ver;
    if (has_version)
        *has_version = has_ver;
    return 0;
}

static int sq_identify(dyad_store *s, char *err, size_t errlen)
{
    return sq_identify_version(s, NULL, NULL, err, errlen);
}

/* Bring the schema to the newest version (or the test limit) in one transaction.
 * readonly: 0 may create and migrate, 1 may not write at all, 2 may migrate but not create. */
static int sq_migrate(dyad_store *s, int readonly, char *err, size_t errlen)
{
    int target = DYAD_STORE_SCHEMA_VERSION;
    if (dyad_store_version_limit > 0 && dyad_store_version_limit < target)
        target = dyad_store_version_limit;
    for (int attempt = 0; attempt < 2; attempt++) {
        long long ver = 0, has_ver = 0;
        if (sq_identify_version(s, &ver, &has_ver, err, errlen) < 0)
            return -1;
        if (ver >= target) {
            s->version = (int)ver;
            return 0;
        }
        if (readonly == 2 && !has_ver) {
            snprintf(err, errlen, "%s: not a dyad database (empty file)", s->name);
            return -1;
        }
        if (readonly == 1) {
            if (!has_ver)
                snprintf(err, errlen, "%s: not a dyad database (empty file)", s->name);
            else
                snprintf(err, errlen, "%s: database schema version %lld needs migrating to %d; open it once "
                         "with write access (e.g. 'dyad code --db %s' with no input)", s->name, ver, target, s->name);
            return -1;
        }
        if (attempt)
            break;
        /* Take the write lock, then look again: another process may have migrated meanwhile. */
        if (sq_exec(s, "BEGIN IMMEDIATE", "starting the schema migration", err, errlen) < 0)
            return -1;
        if (sq_rows(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", 0,
                    NULL, get_int, &has_ver, err, errlen) < 0)
            goto fail;
        ver = 0;
        if (has_ver && sq_rows(s, "SELECT max(version) FROM schema_version", 0, NULL, get_int, &ver, err, errlen) < 0)
            goto fail;
        for (long long v = ver; v < target; v++)
            if (sq_exec(s, dyad_schema_sqlite[v], "migrating the schema", err, errlen) < 0)
                goto fail;
        if (ver < target) {
            char sql[80];
            snprintf(sql, sizeof sql, "UPDATE schema_version SET version = %d", target);
            if (sq_exec(s, sql, "migrating the schema", err, errlen) < 0)
                goto fail;
        }
        if (sq_exec(s, "COMMIT", "committing the schema migration", err, errlen) < 0)
            goto fail;
    }
    s->version = target;
    return 0;
fail:
    sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* ---- writing -------------------------------------------------------------------------- */

static void bind_str(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int step_done(dyad_store *s, sqlite3_stmt *st, const char *doing, char *err, size_t errlen)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        sq_err(s, SQ(s)->db, rc, doing, err, errlen);
        return -1;
    }
    return 0;
}

static void forget_dates(sq *q)
{
    dyad_hmap_free(&q->dates);
    memset(&q->dates, 0, sizeof q->dates);
}

/* What a transaction collected in memory: its event dates and posting lists. */
static void forget_transaction(sq *q)
{
    forget_dates(q);
    store_postings_clear(&q->postings);
}

static int sq_begin(dyad_store *s, char *err, size_t errlen)
{
    sq *q = SQ(s);
    forget_transaction(q);
    if (sq_exec(s, "BEGIN IMMEDIATE", "starting a transaction", err, errlen) < 0)
        return -1;
    /* the write lock is ours until COMMIT: no other writer can take these ids */
    sqlite3_stmt *st = q->st[ST_NEXT];
    int64_t next[2] = {0, 0};
    int rc, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 2)
        next[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE || n != 2) {
        sq_err(s, q->db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "starting a transaction", err, errlen);
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    q->next_doc = next[0];
    q->next_event = next[1];
    return 0;
}

static void sq_rollback(dyad_store *s)
{
    sqlite3 *db = SQ(s)->db;
    forget_transaction(SQ(s));
    for (int i = 0; i < NST; i++)
        if (SQ(s)->st[i])
            sqlite3_reset(SQ(s)->st[i]);
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* One event_postings row per list the transaction collected. */
static int write_postings(dyad_store *s, char *err, size_t errlen)
{
    sq *q = SQ(s);
    sqlite3_stmt *st = q->st[ST_POST];
    for (size_t i = 0; i < q->postings.n; i++) {
        const store_posting *g = &q->postings.v[i];
        char kind[2] = {g->kind, 0};
        sqlite3_bind_text(st, 1, kind, 1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, store_posting_key(&q->postings, g), (int)g->key_len, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, g->first_id);
        sqlite3_bind_text(st, 4, g->min_date, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, g->max_date, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, g->ids.data, (int)g->ids.len, SQLITE_STATIC);
        if (step_done(s, st, "writing the event posting lists", err, errlen) < 0)
            return -1;
    }
    store_postings_clear(&q->postings);
    return 0;
}

static int sq_commit(dyad_store *s, char *err, size_t errlen)
{
    sqlite3 *db = SQ(s)->db;
    if (write_postings(s, err, errlen) < 0) {
        sq_rollback(s);
        return -1;
    }
    int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        sq_err(s, db, rc, "committing", err, errlen);
        sq_rollback(s);
        return -1;
    }
    return 0;
}

static int sq_has_doc(dyad_store *s, const char *hash)
{
    sqlite3_stmt *st = SQ(s)->st[ST_HAS];
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int grow(sq *q, size_t n)
{
    if (n <= q->cap)
        return 0;
    size_t nc = q->cap ? q->cap : 64;
    while (nc < n)
        nc *= 2;
    uint32_t *o = realloc(q->order, nc * sizeof *o);
    if (!o)
        return -1;
    q->order = o;
    int64_t *e = realloc(q->ev_ids, nc * sizeof *e);
    if (!e)
        return -1;
    q->ev_ids = e;
    q->cap = nc;
    return 0;
}

/* A YYYY-MM-DD date (or "") as a nonzero integer key; 0 for anything else. */
static uint64_t date_key(const char *d)
{
    if (!d[0])
        return 1;
    uint64_t k = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (d[i] != '-')
                return 0;
        } else if (d[i] >= '0' && d[i] <= '9') {
            k = k * 10 + (uint64_t)(d[i] - '0');
        } else {
            return 0;
        }
    }
    return d[10] ? 0 : k + 2;
}

/* List the event date in event_dates (which the queries walk), once per transaction. */
static int note_date(dyad_store *s, const char *date, char *err, size_t errlen)
{
    sq *q = SQ(s);
    uint64_t k = date_key(date);
    uint32_t seen;
    if (k && dyad_hmap_get(&q->dates, k, &seen))
        return 0;
    sqlite3_stmt *st = q->st[ST_DATE];
    sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
    if (step_done(s, st, "listing event dates", err, errlen) < 0)
        return -1;
    if (k && ((!q->dates.cap && dyad_hmap_init(&q->dates, 64) < 0) || dyad_hmap_put(&q->dates, k, 1) < 0))
        forget_dates(q);   /* out of memory: only costs repeated statements */
    return 0;
}

/* The parameters ST_EV_NEW and ST_EV_ADD share (see stmt_sql) that are the document's: bound
 * once per document (a binding stays until replaced). */
static void bind_document(sqlite3_stmt *st, const dyad_article *a, int64_t doc, const char *added)
{
    bind_str(st, 16, a->url);
    sqlite3_bind_text(st, 18, added, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 19, doc);
    sqlite3_bind_text(st, 20, nz(a->source), -1, SQLITE_STATIC);
}

/* The aggregate key of event e: ?1-?4 and ?7, as ST_EV_NEW, ST_EV_ADD and ST_EV_FIND number it. */
static void bind_key(sqlite3_stmt *st, const dyad_event *e)
{
    sqlite3_bind_text(st, 1, e->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, nz(e->source.code), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, store_target_code(e), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, e->cameo, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 7, e->goldstein);
}

/* The others, for the aggregate of event e, reported n times in the document. */
static void bind_aggregate(sqlite3_stmt *st, const dyad_event *e, size_t n, const char *rep, int64_t id)
{
    bind_key(st, e);
    sqlite3_bind_text(st, 5, e->root, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, e->quad);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)n);
    sqlite3_bind_int64(st, 9, e->sent);
    bind_str(st, 10, e->source.name);
    bind_str(st, 11, e->source.country);
    bind_str(st, 12, e->has_target ? e->target.name : NULL);
    bind_str(st, 13, e->has_target ? e->target.country : NULL);
    bind_str(st, 14, e->location_name);
    bind_str(st, 15, e->location_name ? e->location_country : NULL);
    sqlite3_bind_text(st, 17, rep, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 21, id);
}

/* The id of the stored aggregate with e's key, 0 when there is none, -1 on error. */
static int64_t find_event(dyad_store *s, const dyad_event *e, char *err, size_t errlen)
{
    sqlite3_stmt *st = SQ(s)->st[ST_EV_FIND];
    bind_key(st, e);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    if (id < 0)
        sq_err(s, SQ(s)->db, rc, "updating the event aggregate", err, errlen);
    return id;
}

/* The aggregate: one insert or update per distinct (date, source, target, code) of the
 * document; q->ev_ids gets the aggregate id of every event, q->postings the new ones. */
static int store_aggregate(dyad_store *s, const dyad_result *r, const char *hash, int64_t doc, const char *added,
                           char *err, size_t errlen)
{
    sq *q = SQ(s);
    store_order_events(r, q->order);
    bind_document(q->st[ST_EV_NEW], &r->article, doc, added);
    bind_document(q->st[ST_EV_ADD], &r->article, doc, added);
    for (size_t g = 0; g < r->n_ev;) {
        size_t h = g + 1;
        const dyad_event *e = &r->ev[q->order[g]];   /* the group's first: its representative */
        while (h < r->n_ev && store_same_key(e, &r->ev[q->order[h]]))
            h++;
        if (note_date(s, e->date, err, errlen) < 0)
            return -1;
        char rep[64];
        store_rep_key(r->article.date, hash, q->order[g], rep);
        int64_t id = q->next_event;
        sqlite3_stmt *st = q->st[ST_EV_NEW];
        bind_aggregate(st, e, h - g, rep, id);
        if (step_done(s, st, "updating the event aggregate", err, errlen) < 0)
            return -1;
        int fresh = sqlite3_changes(q->db) > 0;
        if (fresh) {
            q->next_event++;
        } else {   /* reported before */
            if ((id = find_event(s, e, err, errlen)) <= 0) {
                if (!id)
                    sq_err(s, q->db, SQLITE_CORRUPT, "updating the event aggregate", err, errlen);
                return -1;
            }
            st = q->st[ST_EV_ADD];
            bind_aggregate(st, e, h - g, rep, id);
            if (step_done(s, st, "updating the event aggregate", err, errlen) < 0)
                return -1;
        }
        if (fresh && (store_postings_add(&q->postings, 'T', store_target_code(e), e->date, id) < 0 ||
                      store_postings_add(&q->postings, 'C', e->cameo, e->date, id) < 0)) {
            snprintf(err, errlen, "%s: out of memory", s->name);
            return -1;
        }
        for (size_t k = g; k < h; k++)
            q->ev_ids[q->order[k]] = id;
        g = h;
    }
    return 0;
}

static int sq_put(dyad_store *s, const dyad_result *r, const char *hash, char *err, size_t errlen)
{
    sq *q = SQ(s);
    const dyad_article *a = &r->article;
    int known = sq_has_doc(s, hash);
    if (known) {
        if (known < 0) {
            sq_err(s, q->db, sqlite3_errcode(q->db), "looking up a document", err, errlen);
            return -1;
        }
        s->stats.docs_dup++;
        return 0;   /* already stored: nothing more to do */
    }
    char added[20];
    store_now(added);
    if (grow(q, r->n_ev) < 0) {
        snprintf(err, errlen, "%s: out of memory", s->name);
        return -1;
    }
    int64_t doc = q->next_doc;
    if (store_aggregate(s, r, hash, doc, added, err, errlen) < 0)
        return -1;

    sqlite3_stmt *st = q->st[ST_DOC];
    if (store_sentences_json(r, &q->sents) < 0 || store_actors_json(r, &q->actors) < 0 ||
        store_mentions_json(r, q->ev_ids, &q->ments) < 0) {
        snprintf(err, errlen, "%s: out of memory", s->name);
        return -1;
    }
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    bind_str(st, 2, a->id);
    bind_str(st, 3, a->url);
    bind_str(st, 4, a->source);
    bind_str(st, 5, a->title);
    bind_str(st, 6, a->date);
    bind_str(st, 7, a->language);
    bind_str(st, 8, a->author);
    sqlite3_bind_int64(st, 9, r->n_sent);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)r->n_mentions);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)r->n_ev);
    sqlite3_bind_text(st, 12, added, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, q->sents.data, (int)q->sents.len, SQLITE_STATIC);
    sqlite3_bind_text(st, 14, q->actors.data, (int)q->actors.len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 15, doc);
    sqlite3_bind_text(st, 16, q->ments.data, (int)q->ments.len, SQLITE_STATIC);
    if (step_done(s, st, "storing a document", err, errlen) < 0)
        return -1;
    q->next_doc++;
    s->stats.docs_added++;
    s->stats.events_added += r->n_ev;
    return 1;
}

/* ---- open / close ------------------------------------------------------------------- */

static void sq_close(dyad_store *s)
{
    sq *q = SQ(s);
    qc_clear(q);
    for (int i = 0; i < NST; i++)
        sqlite3_finalize(q->st[i]);
    sqlite3_close_v2(q->db);
    free(q->order);
    free(q->ev_ids);
    dyad_buf_free(&q->sents);
    dyad_buf_free(&q->actors);
    dyad_buf_free(&q->ments);
    store_postings_free(&q->postings);
    dyad_hmap_free(&q->dates);
    free(q);
    free(s);
}

static const store_ops sqlite_ops = {sq_begin, sq_put, sq_commit, sq_rollback, sq_close, sq_has_doc, sq_rows,
                                     sq_qrows};

/* Look at the file before SQLite does: a foreign file is reported, never rewritten. */
static int precheck(const char *path, int flags, char *err, size_t errlen)
{
    struct stat sb;
    if (stat(path, &sb) < 0) {
        if (errno == ENOENT && !(flags & DYAD_STORE_READ)) {
            /* will be created: is there a directory to create it in, writable? */
            char dir[4096];
            dir_of(path, dir, sizeof dir);
            struct stat db;
            if (stat(dir, &db) < 0 || !S_ISDIR(db.st_mode)) {
                snprintf(err, errlen, "%s: cannot create the database: no directory %s", path, dir);
                return -1;
            }
            if (access(dir, W_OK) < 0) {
                snprintf(err, errlen, "%s: cannot create the database: directory %s is not writable (%s)", path, dir,
                         strerror(errno));
                return -1;
            }
            return 0;
        }
        snprintf(err, errlen, "%s: %s", path, errno == ENOENT ? "no such database file" : strerror(errno));
        return -1;
    }
    if (!(flags & DYAD_STORE_READ) && S_ISREG(sb.st_mode) && access(path, W_OK) < 0) {
        snprintf(err, errlen, "%s: cannot write: the file is read-only (%s)", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(sb.st_mode)) {
        snprintf(err, errlen, "%s: is a directory, not a database file", path);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        return -1;
    }
    if (sb.st_size == 0)
        return 0;   /* an empty file is an empty database */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    char hdr[16];
    ssize_t n = read(fd, hdr, sizeof hdr);
    close(fd);
    if (n != (ssize_t)sizeof hdr || memcmp(hdr, "SQLite format 3", 16) != 0) {
        snprintf(err, errlen, "%s: not an SQLite database (unrecognised file header); refusing to touch it", path);
        return -1;
    }
    if (sb.st_size < 512) {
        snprintf(err, errlen, "%s: corrupt SQLite database (truncated to %lld bytes)", path, (long long)sb.st_size);
        return -1;
    }
    return 0;
}

/* A reader without write access to a WAL database (or to its directory) cannot create the
 * shared-memory file SQLite wants. When no write-ahead log is pending (the writer closed
 * cleanly) the file alone is the whole database: open it as immutable. */
static int reopen_immutable(dyad_store *s, const char *path, char *err, size_t errlen)
{
    char wal[4200];
    struct stat sb;
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (stat(wal, &sb) == 0 && sb.st_size > 0) {
        snprintf(err, errlen, "%s: cannot read: a write-ahead log (%s) is pending and the database is not "
                 "writable here; open it once with write access", path, wal);
        return -1;
    }
    char uri[8400] = "file:";
    size_t n = 5;
    for (const char *p = path; *p && n + 4 < sizeof uri - 16; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '%' || c == '?' || c == '#' || c < 0x20)
            n += (size_t)snprintf(uri + n, sizeof uri - n, "%%%02X", c);
        else
            uri[n++] = (char)c;
    }
    snprintf(uri + n, sizeof uri - n, "?immutable=1");
    qc_clear(SQ(s));
    sqlite3_close_v2(SQ(s)->db);
    SQ(s)->db = NULL;
    int rc = sqlite3_open_v2(uri, &SQ(s)->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        sq_err(s, SQ(s)->db, rc, "opening read-only", err, errlen);
        return -1;
    }
    long long dummy = 0;
    return sq_rows(s, "SELECT count(*) FROM sqlite_master", 0, NULL, get_int, &dummy, err, errlen) < 0 ? -1 : 0;
}

/* Before SQLite's first use in the process: no memory statistics, which otherwise take a
 * global mutex on every allocation (a few per statement run). Too late (SQLite already in
 * use) it is refused, harmlessly. */
static void configure_sqlite(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

dyad_store *dyad_store_sqlite_open(const char *path, int flags, char *err, size_t errlen)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, configure_sqlite);
    if (sqlite3_libversion_number() < 3038000) {   /* the schema's views use JSON's ->> */
        snprintf(err, errlen, "%s: dyad needs SQLite 3.38 or later; this program uses SQLite %s", path,
                 sqlite3_libversion());
        return NULL;
    }
    if (precheck(path, flags, err, errlen) < 0)
        return NULL;
    dyad_store *s = calloc(1, sizeof *s);
    sq *q = calloc(1, sizeof *q);
    if (!s || !q) {
        free(s);
        free(q);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->impl = q;
    s->ops = &sqlite_ops;
    s->dialect = DIALECT_SQLITE;
    snprintf(s->name, sizeof s->name, "%s", path);
    int readonly = (flags & DYAD_STORE_READ) != 0;
    int oflags = readonly ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &q->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK && readonly) {
        sqlite3_close_v2(q->db);
        q->db = NULL;
        rc = sqlite3_open_v2(path, &q->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    }
    if (rc != SQLITE_OK) {
        sq_err(s, q->db, rc, "opening", err, errlen);
        goto fail;
    }
    sqlite3_extended_result_codes(q->db, 1);
    sqlite3_busy_timeout(q->db, 30000);
    if (!readonly && sqlite3_db_readonly(q->db, "main") == 1) {
        snprintf(err, errlen, "%s: cannot write: the file or its directory is read-only", path);
        goto fail;
    }
    /* The first read: a foreign or corrupt file fails here. */
    long long dummy = 0;
    if (sq_rows(s, "SELECT count(*) FROM sqlite_master", 0, NULL, get_int, &dummy, err, errlen) < 0) {
        int rc0 = sqlite3_errcode(q->db) & 0xff;
        if (!readonly || (rc0 != SQLITE_READONLY && rc0 != SQLITE_CANTOPEN) || reopen_immutable(s, path, err, errlen) < 0)
            goto fail;
    }
    if (sq_identify(s, err, errlen) < 0)
        goto fail;
    if (!readonly) {
        char mode[128] = "";
        /* 64 KiB pages for a new database (no effect on an existing one): a document's row
         * (its sentences and mentions) is kilobytes, and every page goes through the WAL and
         * back, so fewer, larger pages mean fewer system calls; measured faster than 16 and
         * 32 KiB for schema 4 (BENCHMARKS.md) */
        if (sq_exec(s, "PRAGMA page_size = 65536", "configuring", err, errlen) < 0 ||
            sq_rows(s, "PRAGMA journal_mode = WAL", 0, NULL, get_name, mode, err, errlen) < 0)
            goto fail;
        if (strcmp(mode, "wal") != 0) {
            snprintf(err, errlen, "%s: cannot switch to WAL journal mode (got '%s'); is the directory writable?", path, mode);
            goto fail;
        }
        if (sq_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"
                       " PRAGMA wal_autocheckpoint = 1024",
                    "configuring", err, errlen) < 0)
            goto fail;
    } else {
        /* A reader keeps SQLite's default 2 MB page cache: `dyad query` is one query per
         * process, and a big cache costs more in first-touch page faults of fresh buffers than
         * the operating system's cache costs in re-reads (measured: a dyad's time series over
         * 1M events in 17 ms with 2 MB, 70 ms with 64 MB) */
        sq_exec(s, "PRAGMA cache_size = -2000", "configuring", err, errlen);
    }
    if (sq_migrate(s, !readonly ? 0 : sqlite3_db_readonly(q->db, "main") == 1 ? 1 : 2, err, errlen) < 0)
        goto fail;
    if (!readonly) {
        for (int i = 0; i < NST; i++) {
            rc = sqlite3_prepare_v3(q->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &q->st[i], NULL);
            if (rc != SQLITE_OK) {
                sq_err(s, q->db, rc, "preparing statements", err, errlen);
                goto fail;
            }
        }
    } else if (sqlite3_prepare_v2(q->db, stmt_sql[ST_HAS], -1, &q->st[ST_HAS], NULL) != SQLITE_OK) {
        q->st[ST_HAS] = NULL;
    }
    return s;
fail:
    sq_close(s);
    return NULL;
}

/* bench_store — the event database: insert throughput and query latency.
 *
 * usage: bench_store [WORKDIR] [EVENTS]
 *
 * Builds synthetic coded documents (10 sentences, 20 actor mentions and 10 events each; actors
 * drawn from a skewed, Zipf-like list of 150 codes, 40 CAMEO codes, publication dates advancing
 * over three years as in a news stream, events dated up to two days earlier), stores EVENTS
 * events (default 1,000,000) through the store API into a fresh SQLite file in WORKDIR (one
 * thread, a commit every DYAD_STORE_BATCH_DOCS documents as `dyad code` does, or
 * $DYAD_BENCH_BATCH) and reports events/s, timing only the store calls.
 * Then the latency of a dyad time series (events and mean Goldstein per day, and per month,
 * for the most frequent dyad) over those events. With $DYAD_PG_URL set, the same against
 * PostgreSQL (bulk COPY, 5,000 documents per transaction; $DYAD_BENCH_PG_EVENTS events,
 * default 1,000,000). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "doc/doc.h"
#include "store/store.h"
#include "clock.h"

#define SENTS 10
#define EVENTS_PER_DOC 10

static const char *const countries[] = {"USA", "CHN", "RUS", "UKR", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU",
                                        "JPN", "KOR", "PRK", "IND", "PAK", "TUR", "SYR", "IRQ", "EGY", "SAU",
                                        "AFG", "BRA", "MEX", "CAN", "AUS", "ZAF", "NGA", "ETH", "VEN", "TWN"};
static const char *const agents[] = {"", "GOV", "MIL", "COP", "OPP"};
static const char *const cameos[] = {"010", "012", "013", "020", "030", "036", "040", "042", "043", "046",
                                     "051", "057", "061", "070", "080", "090", "100", "110", "111", "112",
                                     "120", "125", "130", "138", "140", "141", "150", "160", "163", "170",
                                     "173", "180", "181", "190", "193", "195", "200", "0231", "0311", "1122"};
#define NC (sizeof countries / sizeof countries[0])
#define NA (sizeof agents / sizeof agents[0])
#define NCAMEO (sizeof cameos / sizeof cameos[0])

static char codes[NC * NA][8];
static double zipf_cdf[NC * NA];

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static double unif(void) { return (double)(next() >> 11) / 9007199254740992.0; }

static int pick_actor(void)
{
    double u = unif();
    size_t lo = 0, hi = NC * NA - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (zipf_cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int)lo;
}


/* One synthetic document: `salt` and `n` make its body (and so its identity) unique. Documents
 * come as a news stream does: publication dates advance through three years. */
static dyad_result *make_doc(long n, long ndocs, const char *salt)
{
    static const char *const outlets[] = {"Reuters", "AP", "AFP", "Xinhua", "BBC", "Al Jazeera", "TASS", "Yonhap"};
    char body[4096], id[32], url[96], date[11];
    int day = (int)(n * 1096 / (ndocs ? ndocs : 1));
    struct tm tm = {.tm_year = 122, .tm_mon = 0, .tm_mday = 1 + day, .tm_hour = 12};
    timegm(&tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    size_t len = 0;
    uint32_t starts[SENTS], ends[SENTS];
    int src[EVENTS_PER_DOC], tgt[EVENTS_PER_DOC];
    for (int s = 0; s < SENTS; s++) {
        src[s] = pick_actor();
        do
            tgt[s] = pick_actor();
        while (tgt[s] == src[s]);
        starts[s] = (uint32_t)len;
        len += (size_t)snprintf(body + len, sizeof body - len,
                                "%s officials met their %s counterparts on day %ld of the talks (%s). ",
                                codes[src[s]], codes[tgt[s]], n, salt);
        ends[s] = (uint32_t)len - 1;
    }
    snprintf(id, sizeof id, "doc%ld", n);
    snprintf(url, sizeof url, "https://news.example/%ld", n);
    const char *outlet = outlets[next() % 8];
    dyad_article a = {.id = id, .url = url, .title = id, .date = date, .source = outlet, .language = "en",
                      .body = body, .body_len = len};
    dyad_result *r = dyad_doc_new(&a);
    if (!r)
        return NULL;
    r->sent = dyad_arena_alloc(&r->arena, SENTS * sizeof *r->sent);
    r->n_sent = SENTS;
    for (int s = 0; s < SENTS; s++)
        r->sent[s] = (dyad_span){starts[s], ends[s]};
    const char *b = r->article.body;
    for (int s = 0; s < EVENTS_PER_DOC; s++) {
        dyad_actor as = {codes[src[s]], countries[src[s] / NA], codes[src[s]], "officials", starts[s], starts[s] + 9};
        dyad_actor at = {codes[tgt[s]], countries[tgt[s] / NA], codes[tgt[s]], "counterparts", starts[s] + 20,
                         starts[s] + 32};
        dyad_doc_add_mention(r, &as);
        dyad_doc_add_mention(r, &at);
        dyad_event e;
        memset(&e, 0, sizeof e);
        e.sent = (uint32_t)s;
        e.sent_start = starts[s];
        e.sent_end = ends[s];
        e.evidence = b + starts[s];
        /* events within a few days of publication */
        struct tm te = tm;
        te.tm_mday -= (int)(next() % 3);
        timegm(&te);
        strftime(e.date, sizeof e.date, "%Y-%m-%d", &te);
        e.date_precision = "day";
        e.source = as;
        e.target = at;
        e.has_target = 1;
        size_t ci = next() % NCAMEO;
        const char *c = cameos[ci];
        snprintf(e.cameo, sizeof e.cameo, "%s", c);
        snprintf(e.root, sizeof e.root, "%.2s", c);
        e.goldstein = (double)((int)(ci * 7 % 21) - 10);   /* the code's score, as the code table gives it */
        e.quad = 1 + (int)(next() % 4);
        e.plover = "CONSULT";
        e.plover_mode = "";
        e.verb = "met";
        dyad_doc_add_event(r, &e);
    }
    return r->arena.failed ? (dyad_result_free(r), NULL) : r;
}

static int count_rows(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)ncol;
    (void)names;
    (void)vals;
    ++*(long *)ctx;
    return 0;
}

static int first_dyad(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    (void)names;
    if (ncol >= 2)
        snprintf(ctx, 64, "%s:%s", vals[0], vals[1]);
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int run(const char *label, const char *url, long nevents, size_t batch)
{
    char err[1024];
    dyad_store *s = dyad_store_open(url, 0, err, sizeof err);
    if (!s) {
        fprintf(stderr, "bench_store: %s\n", err);
        return 1;
    }
    dyad_store_set_batch(s, batch, 0);
    char salt[64];
    snprintf(salt, sizeof salt, "%ld-%d", (long)time(NULL), (int)getpid());
    long ndocs = nevents / EVENTS_PER_DOC;
    double t_store = 0, c_store = 0;
    double t0 = bench_seconds(CLOCK_MONOTONIC);
    /* documents are made 100 at a time and only their storing is timed (a clock reading per
     * document would add its own cost: the thread CPU clock is a system call) */
    enum { CHUNK = 100 };
    dyad_result *chunk[CHUNK];
    for (long n0 = 0; n0 < ndocs; n0 += CHUNK) {
        long m = ndocs - n0 < CHUNK ? ndocs - n0 : CHUNK;
        for (long k = 0; k < m; k++)
            if (!(chunk[k] = make_doc(n0 + k, ndocs, salt))) {
                fprintf(stderr, "bench_store: out of memory\n");
                return 1;
            }
        double a = bench_seconds(CLOCK_MONOTONIC), ca = bench_seconds(CLOCK_THREAD_CPUTIME_ID);
        int rc = 0;
        for (long k = 0; k < m && rc >= 0; k++)
            rc = dyad_store_add(s, chunk[k], err, sizeof err);
        t_store += bench_seconds(CLOCK_MONOTONIC) - a;
        c_store += bench_seconds(CLOCK_THREAD_CPUTIME_ID) - ca;
        for (long k = 0; k < m; k++)
            dyad_result_free(chunk[k]);
        if (rc < 0) {
            fprintf(stderr, "bench_store: %s\n", err);
            return 1;
        }
    }
    double a = bench_seconds(CLOCK_MONOTONIC), ca = bench_seconds(CLOCK_THREAD_CPUTIME_ID);
    if (dyad_store_flush(s, err, sizeof err) < 0) {
        fprintf(stderr, "bench_store: %s\n", err);
        return 1;
    }
    t_store += bench_seconds(CLOCK_MONOTONIC) - a;
    c_store += bench_seconds(CLOCK_THREAD_CPUTIME_ID) - ca;
    double wall = bench_seconds(CLOCK_MONOTONIC) - t0;
    dyad_store_counts k = {0};
    dyad_store_count(s, &k, err, sizeof err);
    long ne = ndocs * EVENTS_PER_DOC;
    printf("%s insert: %ld events (%ld documents, %ld sentences, %ld actor mentions; %lld aggregated events): "
           "%.0f events/s of CPU time in store calls (%.2f s), %.0f events/s of wall time (%.2f s; %.2f s with "
           "document generation)\n",
           label, ne, ndocs, ndocs * SENTS, ndocs * 2 * EVENTS_PER_DOC, k.events, (double)ne / c_store, c_store,
           (double)ne / t_store, t_store, wall);
    fflush(stdout);

    /* the most frequent dyad, then its time series, each through a fresh read-only handle as
     * `dyad query` opens one (the writer's page cache would flatter the first query) */
    char dyad[64] = "";
    dyad_store_filter f = {.limit = 1};
    dyad_store_close(s);
    if (!(s = dyad_store_open(url, DYAD_STORE_READ, err, sizeof err))) {
        fprintf(stderr, "bench_store: %s\n", err);
        return 1;
    }
    dyad_store_query(s, DYAD_Q_TOP_DYADS, &f, NULL, first_dyad, dyad, err, sizeof err);
    char *colon = strchr(dyad, ':');
    if (!colon) {
        fprintf(stderr, "bench_store: no dyad found: %s\n", err);
        return 1;
    }
    *colon = 0;
    const char *periods[] = {"day", "month"};
    for (int p = 0; p < 2; p++) {
        double ms[21];
        long rows = 0;
        f = (dyad_store_filter){.dyad_source = dyad, .dyad_target = colon + 1};
        dyad_store_close(s);
        if (!(s = dyad_store_open(url, DYAD_STORE_READ, err, sizeof err))) {
            fprintf(stderr, "bench_store: %s\n", err);
            return 1;
        }
        for (int i = 0; i < 21; i++) {
            rows = 0;
            double q0 = bench_seconds(CLOCK_MONOTONIC);
            if (dyad_store_query(s, DYAD_Q_SERIES, &f, periods[p], count_rows, &rows, err, sizeof err) < 0) {
                fprintf(stderr, "bench_store: %s\n", err);
                return 1;
            }
            ms[i] = (bench_seconds(CLOCK_MONOTONIC) - q0) * 1e3;
        }
        double first = ms[0];
        qsort(ms, 21, sizeof ms[0], cmp_double);
        long devents = 0;
        dyad_store_query(s, DYAD_Q_EVENTS, &f, NULL, count_rows, &devents, err, sizeof err);
        printf("%s query: time series of dyad %s->%s by %s (%ld events of %lld, %ld rows): median %.2f ms, "
               "max %.2f ms, first (fresh handle) %.2f ms over 21 runs\n",
               label, dyad, colon + 1, periods[p], devents, k.events, rows, ms[10], ms[20], first);
    }
    dyad_store_close(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (getenv("V1")) dyad_store_test_limit_version(1);
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    long nevents = argc > 2 ? atol(argv[2]) : 1000000;
    /* actor i = country c with agent g; weight 1/rank where rank puts bare countries first
     * (USA, CHN, RUS, ...), then their governments, militaries, ... (a Zipf-like skew) */
    double sum = 0, acc = 0, w[NC * NA];
    for (size_t i = 0; i < NC * NA; i++) {
        size_t c = i / NA, g = i % NA;
        snprintf(codes[i], sizeof codes[0], "%s%s", countries[c], agents[g]);
        w[i] = 1.0 / (double)(g * NC + c + 1);
        sum += w[i];
    }
    for (size_t i = 0; i < NC * NA; i++)
        zipf_cdf[i] = (acc += w[i] / sum);
    zipf_cdf[NC * NA - 1] = 1.0;

    char path[4096];
    snprintf(path, sizeof path, "%s/bench_store.%d.sqlite", dir, (int)getpid());
    int rc = run("sqlite", path, nevents, getenv("DYAD_BENCH_BATCH") ? (size_t)atol(getenv("DYAD_BENCH_BATCH")) : DYAD_STORE_BATCH_DOCS);
    char side[4200];
    if (getenv("DYAD_BENCH_KEEP")) {   /* to look at the database afterwards */
        printf("kept %s\n", path);
    } else {
        unlink(path);
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
    }
    const char *pg = getenv("DYAD_PG_URL");
    if (pg && *pg) {
        const char *n = getenv("DYAD_BENCH_PG_EVENTS");
        rc |= run("postgresql", pg, n ? atol(n) : 1000000, 5000);
    } else {
        printf("postgresql: skipped (set DYAD_PG_URL, or run through bench/run.sh with PostgreSQL installed)\n");
    }
    return rc;
}

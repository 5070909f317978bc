/* cmd_code.c — `dyad code` and `dyad actors`: ingest, code, write to stdout. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "dyad.h"
#include "ingest/input.h"
#include "sink/format.h"
#include "store/store.h"
#include "util/buf.h"

static const char code_help[] =
    "usage: dyad code [OPTIONS] [PATH...]\n"
    "\n"
    "Code news articles into political events (CAMEO, Goldstein, quad class, PLOVER).\n"
    "PATH is a file, a directory (searched recursively for text, HTML, JSONL and WARC files, also\n"
    "gzip- or zstd-compressed) or - for standard input (the default); see 'input options' below\n"
    "and docs/ingestion.md. A text article may open with header lines Title:, Date:, Source:,\n"
    "URL:, Author:, Language: and then a blank line.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT     jsonl (default) or tsv\n"
    "  -d, --date DATE      publication date (YYYY-MM-DD) for articles that have none\n"
    "      --data DIR       dictionaries directory (default: $DYAD_DATA or the installed data)\n"
    "  -j, --threads N      code on N threads (output identical, same order)\n"
    "      --db PATH|URL    store documents, sentences, mentions and events in an SQLite file or a\n"
    "                       postgresql:// database instead of printing them (see 'dyad query');\n"
    "                       documents already stored are skipped, so a rerun resumes a killed run\n"
    "      --db-batch N     documents per transaction (default 2000; also committed every 0.5 s)\n"
    "  -q, --quiet          no progress and no summary on stderr\n"
    "  -h, --help           this help\n"
    "\n"
    "Output: one JSON object per event: doc, sent, date, date_precision, source and target\n"
    "({code, country, name, text}; target may be null), cameo, root, goldstein, quad, plover,\n"
    "plover_mode, location, verb, evidence, span, url, outlet.\n"
    "Exit status: 0 success, 1 some input was bad (each problem on stderr as path:line: message;\n"
    "the other inputs are still coded), 2 usage error.\n";

static const char actors_help[] =
    "usage: dyad actors [OPTIONS] [PATH...]\n"
    "\n"
    "Print every recognised actor mention as JSONL {doc, text, start, end, code, country, name}.\n"
    "Options as for 'dyad code': --date, --data, --quiet and the input options.\n";

#define BATCH_ARTICLES_MAX 256

typedef struct run {
    dyad_coder *coder;
    int actors_mode;
    int tsv;
    int quiet;
    int progress;
    dyad_buf out;
    size_t articles, sentences, events, mentions;
    struct timespec t0, last;
    int write_failed;
    int threads;
    dyad_store *db;      /* --db: store instead of printing */
    size_t db_known;     /* articles skipped because already stored */
    int db_failed;
    dyad_article *batch[BATCH_ARTICLES_MAX];
    size_t n_batch, batch_bytes;
    dyad_ingest *in;
} run;

static double seconds_since(const struct timespec *a)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - a->tv_sec) + (double)(now.tv_nsec - a->tv_nsec) / 1e9;
}

static int flush_out(run *r, int force)
{
    if (r->out.len && (force || r->out.len > (1 << 20))) {
        if (cli_write(r->out.data, r->out.len) < 0) {
            r->write_failed = 1;
            return -1;
        }
        dyad_buf_clear(&r->out);
    }
    return 0;
}

static void show_progress(run *r, int final)
{
    if (!r->progress)
        return;
    if (!final && seconds_since(&r->last) < 0.25)
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last);
    double s = seconds_since(&r->t0);
    double mb = (double)r->in->stats.bytes / 1e6;
    fprintf(stderr, "\r\033[Kdyad: %zu articles, %.1f MB/s, %zu events", r->articles,
            s > 0 ? mb / s : 0.0, r->events);
    if (final)
        fputs("\r\033[K", stderr);
}

/* Write one coded article's events (or mentions) to the output buffer. */
static int emit_result(run *r, dyad_result *res)
{
    r->articles++;
    r->sentences += dyad_result_sentence_count(res);
    const dyad_article *art = dyad_result_article(res);
    int rc = 0;
    if (r->actors_mode) {
        for (size_t i = 0; i < dyad_result_mention_count(res) && !rc; i++)
            rc = dyad_mention_jsonl(&r->out, art, dyad_result_mention(res, i));
        r->mentions += dyad_result_mention_count(res);
    } else if (r->db) {
        char err[1024];
        if (dyad_store_add(r->db, res, err, sizeof err) < 0) {
            fprintf(stderr, "dyad code: %s\n", err);
            r->db_failed = 1;
            return -1;
        }
        r->events += dyad_result_event_count(res);
    } else {
        for (size_t i = 0; i < dyad_result_event_count(res) && !rc; i++)
            rc = r->tsv ? dyad_event_tsv(&r->out, art, dyad_result_event(res, i))
                        : dyad_event_jsonl(&r->out, art, dyad_result_event(res, i));
        r->events += dyad_result_event_count(res);
    }
    if (rc < 0) {
        fprintf(stderr, "dyad: out of memory writing output\n");
        return -1;
    }
    show_progress(r, 0);
    return flush_out(r, 0);
}

/* --threads: articles are copied into a batch, coded in parallel, written in input order. */
#define BATCH_ARTICLES BATCH_ARTICLES_MAX
#define BATCH_BYTES ((size_t)8 << 20)

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static void free_article_copy(dyad_article *a)
{
    free((char *)a->id);
    free((char *)a->path);
    free((char *)a->url);
    free((char *)a->title);
    free((char *)a->date);
    free((char *)a->author);
    free((char *)a->source);
    free((char *)a->language);
    free((char *)a->place);
    free((char *)a->body);
    free(a);
}

static int run_batch(run *r)
{
    dyad_result *res[BATCH_ARTICLES];
    dyad_code_many(r->coder, (const dyad_article *const *)r->batch, r->n_batch, res, r->threads);
    int rc = 0;
    for (size_t i = 0; i < r->n_batch; i++) {
        if (!res[i]) {
            fprintf(stderr, "%s: out of memory coding\n", r->batch[i]->path ? r->batch[i]->path : "-");
            r->in->stats.errors++;
        } else if (!rc) {
            rc = emit_result(r, res[i]);
        }
        dyad_result_free(res[i]);
        free_article_copy(r->batch[i]);
    }
    r->n_batch = 0;
    r->batch_bytes = 0;
    return rc;
}

/* --db: is this article already stored (by an earlier, perhaps killed, run)? */
static int db_known(run *r, const dyad_article *a)
{
    char hash[33];
    dyad_store_doc_hash(a->body, a->body_len, hash);
    if (dyad_store_has_doc(r->db, hash) == 1) {
        r->db_known++;
        return 1;
    }
    return 0;
}

static int on_article(void *ctx, const dyad_article *a)
{
    run *r = ctx;
    if (r->db && db_known(r, a))
        return 0;
    if (r->threads > 1) {
        dyad_article *c = calloc(1, sizeof *c);
        char *body = c ? malloc(a->body_len + 1) : NULL;
        if (!body) {
            free(c);
            fprintf(stderr, "dyad: out of memory\n");
            return -1;
        }
        memcpy(body, a->body, a->body_len);
        body[a->body_len] = 0;
        *c = (dyad_article){dup_or_null(a->id), dup_or_null(a->path), dup_or_null(a->url),
                            dup_or_null(a->title), dup_or_null(a->date), dup_or_null(a->author),
                            dup_or_null(a->source), dup_or_null(a->language), body, a->body_len,
                            dup_or_null(a->place)};
        r->batch[r->n_batch++] = c;
        r->batch_bytes += a->body_len;
        if (r->n_batch == BATCH_ARTICLES || r->batch_bytes >= BATCH_BYTES)
            return run_batch(r);
        return 0;
    }
    char err[256];
    dyad_result *res = dyad_code_article(r->coder, a, err, sizeof err);
    if (!res) {
        fprintf(stderr, "%s: %s\n", a->path ? a->path : "-", err);
        r->in->stats.errors++;
        return 0;
    }
    int rc = emit_result(r, res);
    dyad_result_free(res);
    return rc;
}

static int run_code(int argc, char **argv, int actors_mode)
{
    const char *cmd = actors_mode ? "actors" : "code";
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"date", required_argument, 0, 'd'},
        {"data", required_argument, 0, 'D'},   {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {"threads", required_argument, 0, 'j'}, {"db", required_argument, 0, 'B'},
        {"db-batch", required_argument, 0, 'b'}, {0, 0, 0, 0}};
    struct option all_opts[64];
    cli_ingest_options(opts, all_opts, sizeof all_opts / sizeof all_opts[0]);
    const char *db_path = NULL;
    long db_batch = DYAD_STORE_BATCH_DOCS;
    run r = {.actors_mode = actors_mode};
    dyad_ingest in = {0};
    const char *datadir = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:d:qhj:v", all_opts, NULL)) != -1) {
        int k = cli_ingest_opt(&in, c, optarg, cmd);
        if (k < 0)
            return EXIT_USAGE;
        if (k > 0)
            continue;
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "tsv"))
                r.tsv = 1;
            else if (strcmp(optarg, "jsonl"))
                return cli_usage_error(cmd, "unknown format '%s' (want jsonl or tsv)", optarg);
            break;
        case 'd':
            if (!cli_valid_date(optarg))
                return cli_usage_error(cmd, "bad date '%s' (want YYYY-MM-DD)", optarg);
            in.opts.default_date = optarg;
            break;
        case 'D': datadir = optarg; break;
        case 'q': r.quiet = 1; break;
        case 'j':
            r.threads = atoi(optarg);
            if (r.threads < 1 || r.threads > 256)
                return cli_usage_error(cmd, "bad thread count '%s' (1-256)", optarg);
            break;
        case 'B': db_path = optarg; break;
        case 'b':
            db_batch = atol(optarg);
            if (db_batch < 1 || db_batch > 1000000)
                return cli_usage_error(cmd, "bad --db-batch '%s' (1-1000000)", optarg);
            break;
        case 'h':
            fputs(actors_mode ? actors_help : code_help, stdout);
            fputs("\n", stdout);
            fputs(cli_ingest_help, stdout);
            return EXIT_OK;
        default:
            return cli_usage_error(cmd, "bad option");
        }
    }
    if (db_path && (actors_mode || r.tsv))
        return cli_usage_error(cmd, "--db stores events; it does not go with %s", actors_mode ? "'dyad actors'" : "--format");
    char err[1024];
    r.coder = dyad_coder_open(datadir, err, sizeof err);
    if (!r.coder) {
        fprintf(stderr, "dyad %s: %s\n", cmd, err);
        return EXIT_BAD_INPUT;
    }
    if (cli_ingest_begin(&in, datadir, cmd) < 0) {
        dyad_coder_free(r.coder);
        return EXIT_BAD_INPUT;
    }
    if (db_path) {
        signal(SIGXFSZ, SIG_IGN);   /* over a file size limit: an EFBIG error, reported */
        r.db = dyad_store_open(db_path, 0, err, sizeof err);
        if (!r.db) {
            fprintf(stderr, "dyad %s: %s\n", cmd, err);
            dyad_coder_free(r.coder);
            dyad_ingest_finish(&in);
            return EXIT_BAD_INPUT;
        }
        dyad_store_set_batch(r.db, (size_t)db_batch, 0.5);
    }
    dyad_buf_init(&r.out, 0);
    r.progress = !r.quiet && isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &r.t0);
    r.last = r.t0;
    in.on_article = on_article;
    in.on_problem = cli_report_problem;
    in.ctx = &r;
    r.in = &in;
    if (r.tsv && !actors_mode)
        dyad_buf_puts(&r.out, dyad_tsv_header());
    if (optind >= argc)
        dyad_ingest_path(&in, "-");
    for (int i = optind; i < argc && !in.stop; i++)
        dyad_ingest_path(&in, argv[i]);
    if (r.n_batch)
        run_batch(&r);
    if (r.db) {
        if (!r.db_failed && dyad_store_flush(r.db, err, sizeof err) < 0) {
            fprintf(stderr, "dyad %s: %s\n", cmd, err);
            r.db_failed = 1;
        }
        const dyad_store_stats *st = dyad_store_get_stats(r.db);
        if (!r.quiet)
            fprintf(stderr, "dyad: %s: %zu new documents, %zu events stored; %zu documents were already stored%s\n",
                    dyad_store_name(r.db), st->docs_added, st->events_added, st->docs_dup + r.db_known,
                    r.db_failed ? " (stopped by the error above; run again to resume)" : "");
        dyad_store_close(r.db);
    }
    flush_out(&r, 1);
    show_progress(&r, 1);
    if (r.write_failed)
        fprintf(stderr, "dyad %s: cannot write output\n", cmd);
    if (!r.quiet) {
        double s = seconds_since(&r.t0);
        if (actors_mode)
            fprintf(stderr, "dyad: %zu articles, %zu sentences, %zu mentions, %zu skipped, %zu non-English, "
                            "%zu duplicates, %zu errors\n",
                    r.articles, r.sentences, r.mentions, in.stats.skipped, in.stats.non_english,
                    in.stats.duplicates, in.stats.errors);
        else
            fprintf(stderr, "dyad: %zu articles, %zu sentences, %zu events, %zu skipped, %zu non-English, "
                            "%zu duplicates, %zu errors (%.1f MB in %.2f s)\n",
                    r.articles, r.sentences, r.events, in.stats.skipped, in.stats.non_english,
                    in.stats.duplicates, in.stats.errors, (double)in.stats.bytes / 1e6, s);
    }
    dyad_ingest_finish(&in);
    dyad_buf_free(&r.out);
    dyad_coder_free(r.coder);
    return (in.stats.errors || r.write_failed || r.db_failed) ? EXIT_BAD_INPUT : EXIT_OK;
}

int cmd_code(int argc, char **argv) { return run_code(argc, argv, 0); }
int cmd_actors(int argc, char **argv) { return run_code(argc, argv, 1); }

/* cmd_code.c — `dyad code` and `dyad actors`: ingest, code, write to stdout. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "dyad.h"
#include "ingest/input.h"
#include "sink/format.h"
#include "util/buf.h"

static const char code_help[] =
    "usage: dyad code [OPTIONS] [PATH...]\n"
    "\n"
    "Code news articles into political events (CAMEO, Goldstein, quad class, PLOVER).\n"
    "PATH is a file, a directory (searched recursively for *.txt, *.txt.gz, *.txt.zst) or - for\n"
    "standard input (the default). A text article may open with header lines Title:, Date:,\n"
    "Source:, URL:, Author:, Language: and then a blank line.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT     jsonl (default) or tsv\n"
    "  -d, --date DATE      publication date (YYYY-MM-DD) for articles that have none\n"
    "      --data DIR       dictionaries directory (default: $DYAD_DATA or the installed data)\n"
    "      --keep-boilerplate  do not drop scraped lines such as '- Advertisement -'\n"
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
    "Options as for 'dyad code': --date, --data, --quiet.\n";

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

static int on_article(void *ctx, const dyad_article *a)
{
    run *r = ctx;
    char err[256];
    dyad_result *res = dyad_code_article(r->coder, a, err, sizeof err);
    if (!res) {
        fprintf(stderr, "%s: %s\n", a->path ? a->path : "-", err);
        r->in->stats.errors++;
        return 0;
    }
    r->articles++;
    r->sentences += dyad_result_sentence_count(res);
    const dyad_article *art = dyad_result_article(res);
    int rc = 0;
    if (r->actors_mode) {
        for (size_t i = 0; i < dyad_result_mention_count(res) && !rc; i++)
            rc = dyad_mention_jsonl(&r->out, art, dyad_result_mention(res, i));
        r->mentions += dyad_result_mention_count(res);
    } else {
        for (size_t i = 0; i < dyad_result_event_count(res) && !rc; i++)
            rc = r->tsv ? dyad_event_tsv(&r->out, art, dyad_result_event(res, i))
                        : dyad_event_jsonl(&r->out, art, dyad_result_event(res, i));
        r->events += dyad_result_event_count(res);
    }
    dyad_result_free(res);
    if (rc < 0) {
        fprintf(stderr, "dyad: out of memory writing output\n");
        return -1;
    }
    show_progress(r, 0);
    return flush_out(r, 0);
}

static void on_problem(void *ctx, int severity, const char *path, unsigned line, const char *msg)
{
    (void)ctx;
    (void)severity;
    if (line)
        fprintf(stderr, "%s:%u: %s\n", path, line, msg);
    else
        fprintf(stderr, "%s: %s\n", path, msg);
}

static int run_code(int argc, char **argv, int actors_mode)
{
    const char *cmd = actors_mode ? "actors" : "code";
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"date", required_argument, 0, 'd'},
        {"data", required_argument, 0, 'D'},   {"quiet", no_argument, 0, 'q'},
        {"keep-boilerplate", no_argument, 0, 'K'}, {"help", no_argument, 0, 'h'},
        {"threads", required_argument, 0, 'j'}, {0, 0, 0, 0}};
    run r = {.actors_mode = actors_mode};
    dyad_ingest in = {0};
    const char *datadir = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:d:qhj:", opts, NULL)) != -1) {
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
        case 'K': in.opts.keep_boilerplate = 1; break;
        case 'j':
            if (atoi(optarg) < 1 || atoi(optarg) > 256)
                return cli_usage_error(cmd, "bad thread count '%s'", optarg);
            break;
        case 'h':
            fputs(actors_mode ? actors_help : code_help, stdout);
            return EXIT_OK;
        default:
            return cli_usage_error(cmd, "bad option");
        }
    }
    char err[512];
    r.coder = dyad_coder_open(datadir, err, sizeof err);
    if (!r.coder) {
        fprintf(stderr, "dyad %s: %s\n", cmd, err);
        return EXIT_BAD_INPUT;
    }
    dyad_buf_init(&r.out, 0);
    r.progress = !r.quiet && isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &r.t0);
    r.last = r.t0;
    in.on_article = on_article;
    in.on_problem = on_problem;
    in.ctx = &r;
    r.in = &in;
    if (r.tsv && !actors_mode)
        dyad_buf_puts(&r.out, dyad_tsv_header());
    if (optind >= argc)
        dyad_ingest_path(&in, "-");
    for (int i = optind; i < argc && !in.stop; i++)
        dyad_ingest_path(&in, argv[i]);
    flush_out(&r, 1);
    show_progress(&r, 1);
    if (r.write_failed)
        fprintf(stderr, "dyad %s: cannot write output\n", cmd);
    if (!r.quiet) {
        double s = seconds_since(&r.t0);
        if (actors_mode)
            fprintf(stderr, "dyad: %zu articles, %zu sentences, %zu mentions, %zu skipped, %zu errors\n",
                    r.articles, r.sentences, r.mentions, in.stats.skipped, in.stats.errors);
        else
            fprintf(stderr, "dyad: %zu articles, %zu sentences, %zu events, %zu skipped, %zu errors (%.1f MB in %.2f s)\n",
                    r.articles, r.sentences, r.events, in.stats.skipped, in.stats.errors,
                    (double)in.stats.bytes / 1e6, s);
    }
    dyad_buf_free(&r.out);
    dyad_coder_free(r.coder);
    return (in.stats.errors || r.write_failed) ? EXIT_BAD_INPUT : EXIT_OK;
}

int cmd_code(int argc, char **argv) { return run_code(argc, argv, 0); }
int cmd_actors(int argc, char **argv) { return run_code(argc, argv, 1); }

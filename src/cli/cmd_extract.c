/* cmd_extract.c — `dyad extract`: ingestion only; the clean articles as JSONL. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "dyad.h"
#include "ingest/input.h"
#include "util/buf.h"

static const char extract_help[] =
    "usage: dyad extract [OPTIONS] [PATH...]\n"
    "\n"
    "Read articles the way 'dyad code' does (text, HTML, JSONL, WARC; gzip/zstd; boilerplate\n"
    "removed; datelines and closing 'Source:' lines turned into metadata; non-English and\n"
    "duplicate articles skipped) and print them without coding, one JSON object a line:\n"
    "  {id, path, url, title, date, author, source, place, language, body}\n"
    "Absent fields are null. id: the file name without extensions, FILE:LINE for JSONL lines\n"
    "without an id field, FILE@OFFSET for WARC records. PATH defaults to - (standard input).\n"
    "\n"
    "options:\n"
    "  -d, --date DATE      publication date (YYYY-MM-DD) for articles that have none\n"
    "      --data DIR       data directory (for boilerplate.txt)\n"
    "  -q, --quiet          no summary on stderr\n"
    "  -h, --help           this help\n"
    "\n";

typedef struct xrun {
    dyad_buf out;
    int failed;
} xrun;

static int jfield(dyad_buf *b, const char *name, const char *v, int first)
{
    int r = dyad_buf_printf(b, "%s\"%s\":", first ? "{" : ",", name);
    if (!v)
        return r | dyad_buf_puts(b, "null");
    return r | dyad_buf_putc(b, '"') | dyad_buf_json_str(b, v, strlen(v)) | dyad_buf_putc(b, '"');
}

static int on_article(void *ctx, const dyad_article *a)
{
    xrun *x = ctx;
    dyad_buf *b = &x->out;
    int r = jfield(b, "id", a->id, 1);
    r |= jfield(b, "path", a->path, 0);
    r |= jfield(b, "url", a->url, 0);
    r |= jfield(b, "title", a->title, 0);
    r |= jfield(b, "date", a->date, 0);
    r |= jfield(b, "author", a->author, 0);
    r |= jfield(b, "source", a->source, 0);
    r |= jfield(b, "place", a->place, 0);
    r |= jfield(b, "language", a->language, 0);
    r |= dyad_buf_puts(b, ",\"body\":\"");
    r |= dyad_buf_json_str(b, a->body, a->body_len);
    r |= dyad_buf_puts(b, "\"}\n");
    if (r) {
        fprintf(stderr, "dyad extract: out of memory writing output\n");
        x->failed = 1;
        return -1;
    }
    if (b->len > (1 << 20)) {
        if (cli_write(b->data, b->len) < 0) {
            x->failed = 1;
            return -1;
        }
        dyad_buf_clear(b);
    }
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    static const struct option own[] = {{"date", required_argument, 0, 'd'},
                                        {"data", required_argument, 0, 'D'},
                                        {"quiet", no_argument, 0, 'q'},
                                        {"help", no_argument, 0, 'h'},
                                        {0, 0, 0, 0}};
    struct option opts[64];
    cli_ingest_options(own, opts, sizeof opts / sizeof opts[0]);
    dyad_ingest in = {0};
    xrun x = {0};
    const char *datadir = NULL;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:qhv", opts, NULL)) != -1) {
        int k = cli_ingest_opt(&in, c, optarg, "extract");
        if (k < 0)
            return EXIT_USAGE;
        if (k > 0)
            continue;
        switch (c) {
        case 'd':
            if (!cli_valid_date(optarg))
                return cli_usage_error("extract", "bad date '%s' (want YYYY-MM-DD)", optarg);
            in.opts.default_date = optarg;
            break;
        case 'D': datadir = optarg; break;
        case 'q': quiet = 1; break;
        case 'h':
            fputs(extract_help, stdout);
            fputs(cli_ingest_help, stdout);
            return EXIT_OK;
        default:
            return cli_usage_error("extract", "bad option");
        }
    }
    in.on_article = on_article;
    in.on_problem = cli_report_problem;
    in.ctx = &x;
    if (cli_ingest_begin(&in, datadir, "extract") < 0)
        return EXIT_BAD_INPUT;
    dyad_buf_init(&x.out, 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (optind >= argc)
        dyad_ingest_path(&in, "-");
    for (int i = optind; i < argc && !in.stop; i++)
        dyad_ingest_path(&in, argv[i]);
    if (x.out.len && cli_write(x.out.data, x.out.len) < 0)
        x.failed = 1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (x.failed)
        fprintf(stderr, "dyad extract: cannot write output\n");
    if (!quiet) {
        double mb = (double)in.stats.bytes / 1e6;
        fprintf(stderr,
                "dyad extract: %zu articles, %zu skipped, %zu non-English, %zu duplicates, %zu errors "
                "(%.1f MB in %.2f s, %.1f MB/s)\n",
                in.stats.articles, in.stats.skipped, in.stats.non_english, in.stats.duplicates,
                in.stats.errors, mb, s, s > 0 ? mb / s : 0.0);
    }
    dyad_ingest_finish(&in);
    dyad_buf_free(&x.out);
    return (in.stats.errors || x.failed) ? EXIT_BAD_INPUT : EXIT_OK;
}

/* bench_extract - runs dyad_html_extract over gzip'd HTML pages.
 *
 * usage: bench_extract [-o pred.json] [-r ROUNDS] FILE.html.gz ...
 *
 * Writes {"<stem>": {"articleBody": "..."}} (stem = file name without
 * .html.gz / .html / .gz) to pred.json (default ./pred.json; "-" for stdout)
 * and prints throughput on stderr: pages/s and MB/s of decompressed HTML,
 * timing extraction only (decompression and JSON output excluded), both by
 * wall clock and by the CPU time of the (single) extracting thread.
 * ROUNDS (default 1) repeats the extraction of every page for steadier timings.
 */
#include "ingest/html.h"
#include "clock.h"

#include <jansson.h>
#include <zlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *read_gz(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            if (cap > ((size_t)DYAD_HTML_MAX_INPUT) * 4) {
                free(buf);
                buf = NULL;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        int r = gzread(f, buf + n, (unsigned)(cap - n));
        if (r < 0) {
            free(buf);
            buf = NULL;
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    gzclose(f);
    if (buf)
        *len = n;
    return buf;
}

static char *stem_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char *s = strdup(base);
    if (!s)
        return NULL;
    static const char *const sfx[] = {".html.gz", ".htm.gz", ".gz", ".html", ".htm", NULL};
    size_t l = strlen(s);
    for (int i = 0; sfx[i]; i++) {
        size_t k = strlen(sfx[i]);
        if (l > k && strcmp(s + l - k, sfx[i]) == 0) {
            s[l - k] = '\0';
            break;
        }
    }
    return s;
}

int main(int argc, char **argv)
{
    const char *outpath = "pred.json";
    int rounds = 1, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            outpath = argv[++i];
        else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [-o pred.json] [-r ROUNDS] FILE.html.gz ...\n", argv[0]);
            return 2;
        }
    }
    if (rounds < 1)
        rounds = 1;
    if (i >= argc) {
        fprintf(stderr, "usage: %s [-o pred.json] [-r ROUNDS] FILE.html.gz ...\n", argv[0]);
        return 2;
    }
    json_t *pred = json_object();
    if (!pred)
        return 1;
    double total_t = 0, total_cpu = 0, total_bytes = 0;
    long pages = 0, failures = 0;
    for (; i < argc; i++) {
        size_t len = 0;
        char *html = read_gz(argv[i], &len);
        if (!html) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            failures++;
            continue;
        }
        dyad_html_result r;
        char err[256];
        int rc = 0;
        for (int k = 0; k < rounds; k++) {
            double t0 = bench_seconds(CLOCK_MONOTONIC), c0 = bench_seconds(CLOCK_THREAD_CPUTIME_ID);
            rc = dyad_html_extract(html, len, &r, err, sizeof err);
            total_t += bench_seconds(CLOCK_MONOTONIC) - t0;
            total_cpu += bench_seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
            total_bytes += (double)len;
            pages++;
            if (k + 1 < rounds && rc == 0)
                dyad_html_result_free(&r);
        }
        char *stem = stem_of(argv[i]);
        if (rc != 0) {
            fprintf(stderr, "%s: %s\n", argv[i], err);
            failures++;
        }
        if (stem) {
            json_t *o = json_object();
            json_object_set_new(o, "articleBody", json_stringn(rc == 0 ? r.body : "", rc == 0 ? r.body_len : 0));
            if (rc == 0 && getenv("BENCH_META")) {
                const char *keys[] = {"title", "date", "author", "source", "url", "language"};
                char *vals[] = {r.title, r.date, r.author, r.source, r.url, r.language};
                for (int k = 0; k < 6; k++)
                    json_object_set_new(o, keys[k], vals[k] ? json_string(vals[k]) : json_null());
            }
            json_object_set_new(pred, stem, o);
            free(stem);
        }
        if (rc == 0)
            dyad_html_result_free(&r);
        free(html);
    }
    int wrc = strcmp(outpath, "-") == 0 ? json_dumpf(pred, stdout, JSON_INDENT(1) | JSON_SORT_KEYS)
                                        : json_dump_file(pred, outpath, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(pred);
    if (wrc != 0) {
        fprintf(stderr, "cannot write %s\n", outpath);
        return 1;
    }
    if (total_t <= 0)
        total_t = 1e-9;
    if (total_cpu <= 0)
        total_cpu = 1e-9;
    fprintf(stderr,
            "bench_extract: %ld pages, %.1f MB in %.3f s wall: %.1f pages/s, %.1f MB/s; "
            "%.3f s CPU (one core): %.1f pages/s, %.1f MB/s (%ld failures)\n",
            pages, total_bytes / 1e6, total_t, (double)pages / total_t, total_bytes / 1e6 / total_t, total_cpu,
            (double)pages / total_cpu, total_bytes / 1e6 / total_cpu, failures);
    return failures ? 1 : 0;
}

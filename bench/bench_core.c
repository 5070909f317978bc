/* bench_core.c — dictionary load time and memory, recognition and coding throughput.
 *
 *   bench_core DATADIR CORPUS_DIR
 *
 * Loads the dictionaries 5 times (reports the median), measures the resident memory they
 * take, then codes every *.txt article of CORPUS_DIR from memory on one thread (no I/O in
 * the timed part) and reports sentences/s, MB/s and dictionary probes per token. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "actors/recog.h"
#include "pipeline/coder.h"
#include "text/sent.h"
#include "text/token.h"
#include "util/arena.h"
#include "util/date.h"
#include "dyad.h"
#include "ingest/input.h"
#include "clock.h"

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct corpus {
    dyad_article *a;
    size_t n, cap, bytes;
} corpus;

static int collect(void *ctx, const dyad_article *a)
{
    corpus *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->a = realloc(c->a, c->cap * sizeof *c->a);
    }
    dyad_article *d = &c->a[c->n++];
    memset(d, 0, sizeof *d);
    d->id = strdup(a->id);
    d->date = a->date ? strdup(a->date) : NULL;
    d->body = strndup(a->body, a->body_len);
    d->body_len = a->body_len;
    c->bytes += a->body_len;
    return 0;
}

static void problem(void *ctx, int sev, const char *path, unsigned line, const char *msg)
{
    (void)ctx;
    (void)sev;
    fprintf(stderr, "%s:%u: %s\n", path, line, msg);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_core DATADIR CORPUS_DIR\n");
        return 2;
    }
    char err[512];
    double t[5];
    long before = rss_kb();
    dyad_coder *c = NULL;
    for (int i = 0; i < 5; i++) {
        double t0 = bench_seconds(CLOCK_MONOTONIC);
        dyad_coder *x = dyad_coder_open(argv[1], err, sizeof err);
        t[i] = bench_seconds(CLOCK_MONOTONIC) - t0;
        if (!x) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        if (i == 4)
            c = x;
        else
            dyad_coder_free(x);
    }
    long after = rss_kb();
    qsort(t, 5, sizeof t[0], cmp_double);
    printf("dictionary load: %.1f ms median of 5 (%zu actor entries, %zu verb patterns, %zu codes)\n",
           t[2] * 1000, dyad_coder_actor_entries(c), dyad_coder_verb_patterns(c), dyad_code_count(c));
    printf("dictionary memory: %.1f MB resident\n", (double)(after - before) / 1024.0);

    corpus cor = {0};
    dyad_ingest in = {.on_article = collect, .on_problem = problem, .ctx = &cor};
    dyad_ingest_path(&in, argv[2]);
    /* recognition alone: split, tokenize and recognise actors, nothing else */
    {
        dyad_arena mem;
        dyad_arena_init(&mem, 1 << 20, 0);
        size_t mentions = 0;
        dyad_recog_tokens = dyad_recog_lookups = 0;
        double r0 = bench_seconds(CLOCK_MONOTONIC);
        for (size_t i = 0; i < cor.n; i++) {
            dyad_arena_reset(&mem);
            dyad_span *sp;
            uint32_t ns;
            dyad_coref coref;
            memset(&coref, 0, sizeof coref);
            if (dyad_split_sentences(&mem, cor.a[i].body, (uint32_t)cor.a[i].body_len, &sp, &ns) < 0)
                continue;
            for (uint32_t k = 0; k < ns; k++) {
                dyad_token *t;
                uint32_t nt, nm;
                dyad_mention *m;
                if (dyad_tokenize(&mem, cor.a[i].body, sp[k].start, sp[k].end, &t, &nt) == 0 &&
                    dyad_recognize(c->actors, &mem, cor.a[i].body, t, nt, DYAD_NO_DATE, k, &coref, &m, &nm) == 0)
                    mentions += nm;
            }
        }
        double rs = bench_seconds(CLOCK_MONOTONIC) - r0;
        printf("recognition only (split, tokenize, actors; 1 thread): %zu mentions, %.1f MB/s, %.2f probes per token\n",
               mentions, (double)cor.bytes / 1e6 / rs,
               (double)dyad_recog_lookups / (double)(dyad_recog_tokens ? dyad_recog_tokens : 1));
        dyad_arena_free(&mem);
    }
    size_t sentences = 0, events = 0;
    dyad_recog_tokens = dyad_recog_lookups = 0;
    double t0 = bench_seconds(CLOCK_MONOTONIC);
    for (size_t i = 0; i < cor.n; i++) {
        dyad_result *r = dyad_code_article(c, &cor.a[i], err, sizeof err);
        if (!r)
            continue;
        sentences += dyad_result_sentence_count(r);
        events += dyad_result_event_count(r);
        char *buf = NULL;
        size_t len = 0, cap = 0;
        dyad_format_events(r, DYAD_FMT_JSONL, &buf, &len, &cap);   /* output cost included */
        free(buf);
        dyad_result_free(r);
    }
    double el = bench_seconds(CLOCK_MONOTONIC) - t0;
    printf("coding (in memory, 1 thread): %zu articles, %zu sentences, %zu events in %.2f s\n",
           cor.n, sentences, events, el);
    printf("  %.0f sentences/s, %.1f MB/s\n", (double)sentences / el, (double)cor.bytes / 1e6 / el);
    printf("  recognition: %.2f dictionary probes per token (%llu tokens)\n",
           dyad_recog_tokens ? (double)dyad_recog_lookups / (double)dyad_recog_tokens : 0.0,
           (unsigned long long)dyad_recog_tokens);
    for (size_t i = 0; i < cor.n; i++) {
        free((char *)cor.a[i].id);
        free((char *)cor.a[i].date);
        free((char *)cor.a[i].body);
    }
    free(cor.a);
    dyad_coder_free(c);
    return 0;
}

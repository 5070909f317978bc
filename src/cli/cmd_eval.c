/* cmd_eval.c — `dyad eval events GOLD.jsonl` and `dyad eval actors GOLD.jsonl`.
 * Gold formats: docs/gold.md. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "dyad.h"
#include "eval/eval.h"

static const char eval_help[] =
    "usage: dyad eval events GOLD.jsonl [OPTIONS]\n"
    "       dyad eval actors GOLD.jsonl [OPTIONS]\n"
    "\n"
    "events: code every gold sentence and print precision, recall and F1 at (source country,\n"
    "target country, root) and at (source code, target code, full CAMEO code), the date\n"
    "accuracy, a confusion table by root, and every sentence that was not perfect.\n"
    "actors: the share of gold mentions recognised with the right code, and every miss.\n"
    "\n"
    "options:\n"
    "      --data DIR      dictionaries directory\n"
    "      --min F         exit 1 when the headline score (events: dyad F1; actors: accuracy)\n"
    "                      is below F (0..1)\n"
    "  -q, --quiet         scores only, no list of misses\n";

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void copy(char *dst, size_t n, const char *s) { snprintf(dst, n, "%s", s ? s : ""); }

static size_t gold_events(json_t *arr, dyad_eval_event *out, size_t max)
{
    size_t n = 0, i;
    json_t *e;
    json_array_foreach(arr, i, e)
    {
        if (n == max)
            break;
        copy(out[n].source, sizeof out[n].source, jstr(e, "source"));
        copy(out[n].target, sizeof out[n].target, jstr(e, "target"));
        copy(out[n].code, sizeof out[n].code, jstr(e, "code"));
        copy(out[n].date, sizeof out[n].date, jstr(e, "event_date"));
        n++;
    }
    return n;
}

static void print_list(const char *label, const dyad_eval_event *e, size_t n)
{
    printf("    %s:", label);
    if (!n)
        printf(" (none)");
    for (size_t i = 0; i < n; i++)
        printf(" %s->%s %s%s%s", e[i].source, e[i].target[0] ? e[i].target : "-", e[i].code,
               e[i].date[0] ? "@" : "", e[i].date);
    printf("\n");
}

static void print_scores(const char *name, const dyad_eval_counts *c)
{
    printf("%-28s P %.3f  R %.3f  F1 %.3f   (tp %zu, fp %zu, fn %zu)\n", name,
           dyad_eval_precision(c), dyad_eval_recall(c), dyad_eval_f1(c), c->tp, c->fp, c->fn);
}

static void print_confusion(const dyad_eval *ev)
{
    printf("\nconfusion by root (rows: gold, columns: predicted; -- = none)\n     ");
    int used[21] = {0};
    for (int g = 0; g <= 20; g++)
        for (int p = 0; p <= 20; p++)
            if (ev->confusion[g][p])
                used[g] = used[p] = 1;
    used[0] = 1;
    for (int p = 0; p <= 20; p++)
        if (used[p])
            printf(p ? " %4.2d" : "   --", p);
    printf("\n");
    for (int g = 0; g <= 20; g++) {
        if (!used[g])
            continue;
        printf(g ? "  %.2d " : "  -- ", g);
        for (int p = 0; p <= 20; p++)
            if (used[p]) {
                if (ev->confusion[g][p])
                    printf(" %4zu", ev->confusion[g][p]);
                else
                    printf("    .");
            }
        printf("\n");
    }
}

/* Read a gold file: for every line, parse it, check that it has `text` and the array `key`,
 * code the text with the line's date and call fn. Problems are reported as path:line. Returns
 * 1 when some line was bad, else 0. */
typedef void (*gold_fn)(void *ctx, json_t *line, json_t *items, const char *text,
                        const dyad_result *r, unsigned lineno);

static int read_gold(dyad_coder *c, FILE *f, const char *path, const char *key, gold_fn fn, void *ctx)
{
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    int bad = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        if (strspn(line, " \t\r\n") == strlen(line))
            continue;
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        const char *text = o ? jstr(o, "text") : NULL;
        json_t *items = o ? json_object_get(o, key) : NULL;
        if (!text || !json_is_array(items)) {
            fprintf(stderr, "%s:%u: %s\n", path, lineno,
                    o ? "want {id, date, text, and an array of gold items}" : je.text);
            json_decref(o);
            bad = 1;
            continue;
        }
        char err[256];
        dyad_result *r = dyad_code_text(c, jstr(o, "id"), text, strlen(text), jstr(o, "date"), err, sizeof err);
        if (!r) {
            fprintf(stderr, "%s:%u: %s\n", path, lineno, err);
            bad = 1;
        } else {
            fn(ctx, o, items, text, r, lineno);
            dyad_result_free(r);
        }
        json_decref(o);
    }
    free(line);
    return bad;
}

typedef struct events_ctx {
    dyad_eval ev;
    int quiet;
} events_ctx;

static void score_events(void *ctx, json_t *o, json_t *events, const char *text,
                         const dyad_result *r, unsigned lineno)
{
    events_ctx *x = ctx;
    dyad_eval_event gold[64], pred[64];
    size_t ng = gold_events(events, gold, 64), np = 0;
    for (size_t i = 0; i < dyad_result_event_count(r) && np < 64; i++, np++) {
        const dyad_event *e = dyad_result_event(r, i);
        copy(pred[np].source, sizeof pred[np].source, e->source.code);
        copy(pred[np].target, sizeof pred[np].target, e->has_target ? e->target.code : "");
        copy(pred[np].code, sizeof pred[np].code, e->cameo);
        copy(pred[np].date, sizeof pred[np].date, e->date);
    }
    int perfect = dyad_eval_sentence(&x->ev, gold, ng, pred, np);
    if (!perfect && !x->quiet) {
        printf("MISS %s (line %u): %s\n", jstr(o, "id") ? jstr(o, "id") : "?", lineno, text);
        print_list("gold", gold, ng);
        print_list("got ", pred, np);
    }
}

static int eval_events(dyad_coder *c, FILE *f, const char *path, int quiet, double min)
{
    events_ctx x;
    memset(&x, 0, sizeof x);
    x.quiet = quiet;
    int bad = read_gold(c, f, path, "events", score_events, &x);
    dyad_eval *ev = &x.ev;
    printf("\n%zu sentences, %zu perfect at the dyad level\n", ev->sentences, ev->sentences_perfect);
    print_scores("(source, target, root)", &ev->dyad);
    print_scores("(source, target, code)", &ev->full);
    if (ev->dates_checked)
        printf("%-28s %.3f (%zu of %zu matched events with a gold date)\n", "event date accuracy",
               (double)ev->dates_right / (double)ev->dates_checked, ev->dates_right, ev->dates_checked);
    print_confusion(ev);
    double f1 = dyad_eval_f1(&ev->dyad);
    if (min > 0 && f1 < min) {
        fprintf(stderr, "dyad eval: F1 %.3f is below %.3f\n", f1, min);
        return EXIT_BAD_INPUT;
    }
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}

/* The byte where the n-th character of a UTF-8 string starts, or NULL past its end. */
static const char *utf8_at(const char *s, size_t n)
{
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80 && n-- == 0)
            return s;
    return n == 0 ? s : NULL;
}

/* A gold mention is right when a recognised mention covers the same text with its code. */
typedef struct actors_ctx {
    size_t total, right;
    int quiet, bad;
    const char *path;
} actors_ctx;

static void score_actors(void *ctx, json_t *o, json_t *ms, const char *text, const dyad_result *r,
                         unsigned lineno)
{
    actors_ctx *x = ctx;
    size_t i, from = 0;
    json_t *gm;
    json_array_foreach(ms, i, gm)
    {
        const char *mt = jstr(gm, "text"), *code = jstr(gm, "code");
        if (!mt || !code)
            continue;
        x->total++;
        const char *at = NULL;
        json_t *js = json_object_get(gm, "start");
        if (json_is_integer(js))   /* a character offset: walk to its byte */
            at = utf8_at(text, (size_t)json_integer_value(js));
        if (!at || strncmp(at, mt, strlen(mt)))
            at = strstr(text + from, mt);
        if (!at)
            at = strstr(text, mt);
        if (!at) {
            fprintf(stderr, "%s:%u: mention \"%s\" not in the text\n", x->path, lineno, mt);
            x->bad = 1;
            continue;
        }
        size_t s = (size_t)(at - text), e = s + strlen(mt);
        from = e;
        const dyad_actor *hit = NULL;
        for (size_t k = 0; k < dyad_result_mention_count(r); k++) {
            const dyad_actor *m = dyad_result_mention(r, k);
            if (m->start < e && s < m->end) {   /* overlapping span */
                hit = m;
                if (!strcmp(m->code, code))
                    break;
            }
        }
        if (hit && !strcmp(hit->code, code)) {
            x->right++;
        } else if (!x->quiet) {
            printf("MISS %s (line %u): \"%s\" want %s, got %s%s%s%s\n    %s\n",
                   jstr(o, "id") ? jstr(o, "id") : "?", lineno, mt, code,
                   hit ? hit->code : "nothing", hit ? " (\"" : "", hit ? hit->text : "",
                   hit ? "\")" : "", text);
        }
    }
}

static int eval_actors(dyad_coder *c, FILE *f, const char *path, int quiet, double min)
{
    actors_ctx x = {.quiet = quiet, .path = path};
    int bad = read_gold(c, f, path, "mentions", score_actors, &x) | x.bad;
    double acc = x.total ? (double)x.right / (double)x.total : 0;
    printf("\n%zu gold mentions, %zu with the right code: accuracy %.3f\n", x.total, x.right, acc);
    if (min > 0 && acc < min) {
        fprintf(stderr, "dyad eval: accuracy %.3f is below %.3f\n", acc, min);
        return EXIT_BAD_INPUT;
    }
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}

int cmd_eval(int argc, char **argv)
{
    static const struct option opts[] = {{"data", required_argument, 0, 'D'},
                                         {"min", required_argument, 0, 'm'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *data = NULL;
    double min = 0;
    int quiet = 0, ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'D': data = optarg; break;
        case 'm':
            min = atof(optarg);
            if (min < 0 || min > 1)
                return cli_usage_error("eval", "--min wants a number from 0 to 1");
            break;
        case 'q': quiet = 1; break;
        case 'h': fputs(eval_help, stdout); return EXIT_OK;
        default: return cli_usage_error("eval", "bad option");
        }
    }
    if (argc - optind != 2 || (strcmp(argv[optind], "events") && strcmp(argv[optind], "actors")))
        return cli_usage_error("eval", "want: dyad eval events|actors GOLD.jsonl");
    const char *path = argv[optind + 1];
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return EXIT_BAD_INPUT;
    }
    char err[512];
    dyad_coder *c = dyad_coder_open(data, err, sizeof err);
    if (!c) {
        fclose(f);
        fprintf(stderr, "dyad eval: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    int rc = !strcmp(argv[optind], "events") ? eval_events(c, f, path, quiet, min)
                                             : eval_actors(c, f, path, quiet, min);
    fclose(f);
    dyad_coder_free(c);
    return rc;
}

/* cmd_query.c — `dyad query --db PATH`: filter, list and aggregate stored events. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "dyad.h"
#include "sink/format.h"
#include "store/store.h"
#include "util/buf.h"

static const char query_help[] =
    "usage: dyad query --db PATH|URL [FILTERS] [--format FMT] [--by PERIOD | --top WHAT]\n"
    "\n"
    "Query an event database written by 'dyad code --db'. PATH is an SQLite file; a\n"
    "postgresql://user@host/db URL queries PostgreSQL ($DYAD_DB is used when --db is absent).\n"
    "Lists aggregated events (one per date, source, target and CAMEO code, with mention, outlet\n"
    "and article counts), or with --mentions the coded event records behind them.\n"
    "\n"
    "filters (all must match):\n"
    "  --actor CODE         source or target actor code (USA* for a prefix)\n"
    "  --dyad A:B           source A and target B (either may be empty; prefixes with *)\n"
    "  --code CODE          CAMEO event code (04* for a prefix)\n"
    "  --root RR            CAMEO root code, e.g. 04\n"
    "  --quad N             quad class 1..4\n"
    "  --from DATE, --to DATE  event dates, YYYY-MM-DD, inclusive\n"
    "  --country ISO3       source or target country\n"
    "  --source OUTLET      reported by this news outlet\n"
    "  --text WORDS         the evidence sentence contains WORDS (case-insensitive)\n"
    "  --limit N            at most N rows\n"
    "\n"
    "output:\n"
    "  -f, --format FMT     table (default), csv, jsonl, or gdelt (the 61 tab-separated columns\n"
    "                       of the GDELT 2.0 event export; fields dyad does not fill are empty)\n"
    "      --mentions       list event mentions; --format jsonl gives the records of 'dyad code'\n"
    "      --by PERIOD      day, week (from Monday) or month: number of events and mean\n"
    "                       Goldstein score per dyad and period\n"
    "      --top WHAT       actors or dyads, by number of events (default 10, see --limit)\n"
    "      --check          verify the database (integrity and aggregate counts) and print totals\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 success, 1 database error or failed check, 2 usage error.\n";

enum { F_TABLE, F_CSV, F_JSONL, F_GDELT };

typedef struct out {
    int fmt;
    dyad_store_query_kind kind;
    dyad_buf b;
    int header_done;
    int failed;
    /* table: every cell, then widths */
    char **cells;
    size_t ncells, cap, ncol;
} out;

static int flush(out *o, int force)
{
    if (o->b.len && (force || o->b.len > (1 << 20))) {
        if (cli_write(o->b.data, o->b.len) < 0) {
            o->failed = 1;
            return -1;
        }
        dyad_buf_clear(&o->b);
    }
    return 0;
}

static const char *v(const char *const *vals, size_t i) { return vals[i] ? vals[i] : ""; }

static void json_str(dyad_buf *b, const char *s) { dyad_buf_json_value(b, s); }

static void csv_field(dyad_buf *b, const char *s)
{
    if (strpbrk(s, ",\"\n\r")) {
        dyad_buf_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"')
                dyad_buf_putc(b, '"');
            dyad_buf_putc(b, *s);
        }
        dyad_buf_putc(b, '"');
    } else {
        dyad_buf_puts(b, s);
    }
}

/* Numbers as both backends would print them the same: Goldstein with one decimal, means
 * with two, integers as integers. */
static const char *num(char *tmp, size_t n, const char *name, const char *val)
{
    if (!val)
        return "";
    if (!strcmp(name, "goldstein"))
        snprintf(tmp, n, "%.1f", strtod(val, NULL));
    else if (!strcmp(name, "mean_goldstein"))
        snprintf(tmp, n, "%.2f", strtod(val, NULL));
    else
        return val;
    return tmp;
}

static int add_cell(out *o, const char *s)
{
    if (o->ncells == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 1024;
        char **c = realloc(o->cells, nc * sizeof *c);
        if (!c)
            return -1;
        o->cells = c;
        o->cap = nc;
    }
    o->cells[o->ncells] = strdup(s);
    return o->cells[o->ncells++] ? 0 : -1;
}

/* ---- GDELT 2.0 event export ------------------------------------------------------------ */

static void gdelt_actor(dyad_buf *b, const char *code, const char *name, const char *country)
{
    /* CAMEO codes are 3-letter chunks: a country then role types (USAGOV: USA, GOV), or an
     * international/non-state prefix then the group (IGOUNO: IGO, UNO). */
    char known[4] = "", t[3][4] = {"", "", ""};
    size_t n = strlen(code);
    const char *rest = NULL;
    if (country && *country && !strncmp(code, country, 3))
        rest = code + 3;
    else if (n >= 6 && (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "IMG", 3) ||
                        !strncmp(code, "MNC", 3))) {
        snprintf(t[0], 4, "%.3s", code);
        snprintf(known, 4, "%.3s", code + 3);
    }
    if (rest)
        for (int i = 0; i < 3 && strlen(rest) >= (size_t)(3 * i + 3); i++)
            snprintf(t[i], 4, "%.3s", rest + 3 * i);
    dyad_buf_printf(b, "%s\t", code);
    dyad_buf_tsv_str(b, name, strlen(name));
    dyad_buf_printf(b, "\t%s\t%s\t\t\t\t%s\t%s\t%s\t", country, known, t[0], t[1], t[2]);
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static void gdelt_row(dyad_buf *b, const char *const *vals)
{
    /* columns of DYAD_Q_EVENTS, see store.h */
    const char *date = v(vals, 1);
    int y = 0, m = 0, d = 0;
    if (strlen(date) == 10 && sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        static const int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        int doy = cum[m >= 1 && m <= 12 ? m - 1 : 0] + d + (m > 2 && leap(y));
        dyad_buf_printf(b, "%s\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", v(vals, 0), y, m, d, y, m, y,
                        y + (double)doy / (leap(y) ? 366.0 : 365.0));
    } else {
        dyad_buf_printf(b, "%s\t\t\t\t\t", v(vals, 0));
    }
    gdelt_actor(b, v(vals, 2), v(vals, 3), v(vals, 4));
    gdelt_actor(b, v(vals, 5), v(vals, 6), v(vals, 7));
    const char *cameo = v(vals, 8);
    dyad_buf_printf(b, "%d\t%s\t%.3s\t%s\t%s\t%.1f\t%s\t%s\t%s\t\t", atoi(v(vals, 15)) == 0, cameo, cameo,
                    v(vals, 9), v(vals, 10), strtod(v(vals, 11), NULL), v(vals, 12), v(vals, 13), v(vals, 14));
    dyad_buf_puts(b, "\t\t\t\t\t\t\t\t");   /* Actor1Geo_* */
    dyad_buf_puts(b, "\t\t\t\t\t\t\t\t");   /* Actor2Geo_* */
    dyad_buf_putc(b, '\t');                  /* ActionGeo_Type */
    dyad_buf_tsv_str(b, v(vals, 16), strlen(v(vals, 16)));
    dyad_buf_printf(b, "\t%s\t\t\t\t\t\t", vals[16] ? v(vals, 17) : "");
    char added[16] = "";
    size_t k = 0;
    for (const char *p = v(vals, 19); *p && k < 14; p++)
        if (*p >= '0' && *p <= '9')
            added[k++] = *p;
    added[k] = 0;
    dyad_buf_printf(b, "%s\t", added);
    dyad_buf_tsv_str(b, v(vals, 18), strlen(v(vals, 18)));
    dyad_buf_putc(b, '\n');
}

/* ---- JSONL ------------------------------------------------------------------------------ */

static void mention_jsonl(dyad_buf *b, const char *const *vals)
{
    /* columns of DYAD_Q_MENTIONS; rebuilt into the structs `dyad code` prints from */
    dyad_article a = {0};
    a.id = v(vals, 1);
    a.url = vals[27];
    a.source = vals[28];
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.sent = (uint32_t)strtoul(v(vals, 3), NULL, 10);
    snprintf(e.date, sizeof e.date, "%s", v(vals, 4));
    e.date_precision = v(vals, 5);
    e.source = (dyad_actor){.code = v(vals, 6), .country = v(vals, 7), .name = v(vals, 8), .text = v(vals, 9)};
    e.has_target = atoi(v(vals, 10));
    if (e.has_target)
        e.target = (dyad_actor){.code = v(vals, 11), .country = v(vals, 12), .name = v(vals, 13), .text = v(vals, 14)};
    snprintf(e.cameo, sizeof e.cameo, "%s", v(vals, 15));
    snprintf(e.root, sizeof e.root, "%s", v(vals, 16));
    e.goldstein = strtod(v(vals, 17), NULL);
    e.quad = atoi(v(vals, 18));
    e.plover = v(vals, 19);
    e.plover_mode = v(vals, 20);
    e.location_name = vals[21];
    e.location_country = v(vals, 22);
    e.verb = v(vals, 23);
    e.evidence = v(vals, 24);
    e.sent_start = (uint32_t)strtoul(v(vals, 25), NULL, 10);
    e.sent_end = (uint32_t)strtoul(v(vals, 26), NULL, 10);
    dyad_event_jsonl(b, &a, &e);
}

static void actor_json(dyad_buf *b, const char *code, const char *name, const char *country)
{
    dyad_buf_puts(b, "{\"code\":");
    json_str(b, code);
    dyad_buf_puts(b, ",\"name\":");
    json_str(b, name ? name : "");
    dyad_buf_puts(b, ",\"country\":");
    json_str(b, country ? country : "");
    dyad_buf_putc(b, '}');
}

static void event_jsonl(dyad_buf *b, const char *const *vals)
{
    dyad_buf_printf(b, "{\"id\":%s,\"date\":", v(vals, 0));
    json_str(b, vals[1] && *vals[1] ? vals[1] : NULL);
    dyad_buf_puts(b, ",\"source\":");
    actor_json(b, v(vals, 2), vals[3], vals[4]);
    dyad_buf_puts(b, ",\"target\":");
    if (*v(vals, 5))
        actor_json(b, vals[5], vals[6], vals[7]);
    else
        dyad_buf_puts(b, "null");
    dyad_buf_puts(b, ",\"cameo\":");
    json_str(b, v(vals, 8));
    dyad_buf_puts(b, ",\"root\":");
    json_str(b, v(vals, 9));
    dyad_buf_printf(b, ",\"quad\":%s,\"goldstein\":%.1f,\"num_mentions\":%s,\"num_sources\":%s,"
                    "\"num_articles\":%s,\"is_root_event\":%s,\"location\":",
                    v(vals, 10), strtod(v(vals, 11), NULL), v(vals, 12), v(vals, 13), v(vals, 14),
                    atoi(v(vals, 15)) == 0 ? "true" : "false");
    if (vals[16]) {
        dyad_buf_puts(b, "{\"name\":");
        json_str(b, vals[16]);
        dyad_buf_puts(b, ",\"country\":");
        json_str(b, v(vals, 17));
        dyad_buf_putc(b, '}');
    } else {
        dyad_buf_puts(b, "null");
    }
    dyad_buf_puts(b, ",\"url\":");
    json_str(b, vals[18]);
    dyad_buf_puts(b, ",\"first_added\":");
    json_str(b, vals[19]);
    dyad_buf_puts(b, "}\n");
}

static int is_numeric_col(const char *name)
{
    static const char *const nums[] = {"id", "quad", "num_mentions", "num_sources", "num_articles", "min_sent",
                                       "events", "mentions", "sent", "span_start", "span_end", "event_id",
                                       "has_target", NULL};
    for (size_t i = 0; nums[i]; i++)
        if (!strcmp(name, nums[i]))
            return 1;
    return 0;
}

static void generic_jsonl(dyad_buf *b, size_t ncol, const char *const *names, const char *const *vals)
{
    dyad_buf_putc(b, '{');
    for (size_t i = 0; i < ncol; i++) {
        char tmp[64];
        dyad_buf_printf(b, "%s\"%s\":", i ? "," : "", names[i]);
        if (!vals[i])
            dyad_buf_puts(b, "null");
        else if (!strcmp(names[i], "mean_goldstein") || !strcmp(names[i], "goldstein"))
            dyad_buf_puts(b, num(tmp, sizeof tmp, names[i], vals[i]));
        else if (is_numeric_col(names[i]))
            dyad_buf_puts(b, vals[i]);
        else
            json_str(b, vals[i]);
    }
    dyad_buf_puts(b, "}\n");
}

/* ---- table ------------------------------------------------------------------------------- */

/* Which result columns a table shows, per query kind. */
static const char *const table_cols[][12] = {
    [DYAD_Q_EVENTS] = {"id", "date", "source_code", "target_code", "cameo", "quad", "goldstein", "num_mentions",
                       "num_sources", "num_articles", NULL},
    [DYAD_Q_MENTIONS] = {"doc", "sent", "date", "source_code", "target_code", "cameo", "goldstein", "outlet",
                         "evidence", NULL},
    [DYAD_Q_SERIES] = {"period", "source_code", "target_code", "events", "mean_goldstein", NULL},
    [DYAD_Q_TOP_ACTORS] = {"actor", "events", "mentions", NULL},
    [DYAD_Q_TOP_DYADS] = {"source_code", "target_code", "events", "mentions", NULL},
};

static int on_row(void *ctx, size_t ncol, const char *const *names, const char *const *vals)
{
    out *o = ctx;
    dyad_buf *b = &o->b;
    char tmp[64];
    switch (o->fmt) {
    case F_GDELT:
        gdelt_row(b, vals);
        break;
    case F_JSONL:
        if (o->kind == DYAD_Q_MENTIONS)
            mention_jsonl(b, vals);
        else if (o->kind == DYAD_Q_EVENTS)
            event_jsonl(b, vals);
        else
            generic_jsonl(b, ncol, names, vals);
        break;
    case F_CSV:
        if (!o->header_done) {
            for (size_t i = 0; i < ncol; i++)
                dyad_buf_printf(b, "%s%s", i ? "," : "", names[i]);
            dyad_buf_putc(b, '\n');
            o->header_done = 1;
        }
        for (size_t i = 0; i < ncol; i++) {
            if (i)
                dyad_buf_putc(b, ',');
            csv_field(b, num(tmp, sizeof tmp, names[i], vals[i]));
        }
        dyad_buf_putc(b, '\n');
        break;
    case F_TABLE: {
        const char *const *cols = table_cols[o->kind];
        if (!o->header_done) {
            for (o->ncol = 0; cols[o->ncol]; o->ncol++)
                if (add_cell(o, cols[o->ncol]) < 0)
                    return 1;
            o->header_done = 1;
        }
        for (size_t c = 0; cols[c]; c++) {
            const char *val = "";
            for (size_t i = 0; i < ncol; i++)
                if (!strcmp(names[i], cols[c]))
                    val = num(tmp, sizeof tmp, names[i], vals[i]);
            if (!*val && !strcmp(cols[c], "target_code"))
                val = "-";   /* no target */
            char cell[84];
            if (strlen(val) > 80)   /* long evidence: cut at a character boundary */
            {
                size_t k = 77;
                while (k && ((unsigned char)val[k] & 0xC0) == 0x80)
                    k--;
                snprintf(cell, sizeof cell, "%.*s...", (int)k, val);
                val = cell;
            }
            if (add_cell(o, val) < 0)
                return 1;
        }
        break;
    }
    }
    return flush(o, 0) < 0;
}

static size_t utf8_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void print_table(out *o)
{
    if (!o->ncol)
        return;
    size_t w[16] = {0};
    for (size_t i = 0; i < o->ncells; i++) {
        size_t c = i % o->ncol, n = utf8_width(o->cells[i]);
        if (n > w[c])
            w[c] = n;
    }
    for (size_t i = 0; i < o->ncells; i++) {
        size_t c = i % o->ncol;
        const char *s = o->cells[i];
        if (i < o->ncol) {   /* header in upper case */
            for (const char *p = s; *p; p++)
                dyad_buf_putc(&o->b, (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p));
        } else {
            dyad_buf_puts(&o->b, s);
        }
        if (c + 1 < o->ncol)
            for (size_t k = utf8_width(s); k < w[c] + 2; k++)
                dyad_buf_putc(&o->b, ' ');
        else
            dyad_buf_putc(&o->b, '\n');
        flush(o, 0);
    }
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (!*s || *end || n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

int cmd_query(int argc, char **argv)
{
    enum { O_ACTOR = 256, O_DYAD, O_CODE, O_ROOT, O_QUAD, O_FROM, O_TO, O_COUNTRY, O_SOURCE, O_TEXT,
           O_BY, O_TOP, O_LIMIT, O_MENTIONS, O_CHECK, O_DB };
    static const struct option opts[] = {
        {"db", required_argument, 0, O_DB},         {"actor", required_argument, 0, O_ACTOR},
        {"dyad", required_argument, 0, O_DYAD},     {"code", required_argument, 0, O_CODE},
        {"root", required_argument, 0, O_ROOT},     {"quad", required_argument, 0, O_QUAD},
        {"from", required_argument, 0, O_FROM},     {"to", required_argument, 0, O_TO},
        {"country", required_argument, 0, O_COUNTRY}, {"source", required_argument, 0, O_SOURCE},
        {"text", required_argument, 0, O_TEXT},     {"format", required_argument, 0, 'f'},
        {"by", required_argument, 0, O_BY},         {"top", required_argument, 0, O_TOP},
        {"limit", required_argument, 0, O_LIMIT},   {"mentions", no_argument, 0, O_MENTIONS},
        {"check", no_argument, 0, O_CHECK},         {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    dyad_store_filter f = {0};
    const char *db = getenv("DYAD_DB"), *by = NULL, *top = NULL;
    char dyad_a[128], dyad_b[128];
    int fmt = F_TABLE, mentions = 0, check = 0, c;
    long n;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_ACTOR: f.actor = optarg; break;
        case O_DYAD: {
            const char *colon = strchr(optarg, ':');
            if (!colon || strlen(optarg) >= sizeof dyad_a || (colon == optarg && !colon[1]))
                return cli_usage_error("query", "bad dyad '%s' (want SOURCE:TARGET, e.g. USA:CHN)", optarg);
            snprintf(dyad_a, sizeof dyad_a, "%.*s", (int)(colon - optarg), optarg);
            snprintf(dyad_b, sizeof dyad_b, "%s", colon + 1);
            f.dyad_source = dyad_a[0] ? dyad_a : NULL;
            f.dyad_target = dyad_b[0] ? dyad_b : NULL;
            break;
        }
        case O_CODE: f.code = optarg; break;
        case O_ROOT:
            if (strlen(optarg) != 2 || optarg[0] < '0' || optarg[0] > '2' || optarg[1] < '0' || optarg[1] > '9')
                return cli_usage_error("query", "bad root code '%s' (want 01..20)", optarg);
            f.root = optarg;
            break;
        case O_QUAD:
            if (parse_long(optarg, 1, 4, &n) < 0)
                return cli_usage_error("query", "bad quad class '%s' (want 1..4)", optarg);
            f.quad = (int)n;
            break;
        case O_FROM:
        case O_TO:
            if (!cli_valid_date(optarg))
                return cli_usage_error("query", "bad date '%s' (want YYYY-MM-DD)", optarg);
            *(c == O_FROM ? &f.from : &f.to) = optarg;
            break;
        case O_COUNTRY: f.country = optarg; break;
        case O_SOURCE: f.outlet = optarg; break;
        case O_TEXT: f.text = optarg; break;
        case 'f':
            if (!strcmp(optarg, "table")) fmt = F_TABLE;
            else if (!strcmp(optarg, "csv")) fmt = F_CSV;
            else if (!strcmp(optarg, "jsonl")) fmt = F_JSONL;
            else if (!strcmp(optarg, "gdelt")) fmt = F_GDELT;
            else return cli_usage_error("query", "unknown format '%s' (want table, csv, jsonl or gdelt)", optarg);
            break;
        case O_BY:
            if (strcmp(optarg, "day") && strcmp(optarg, "week") && strcmp(optarg, "month"))
                return cli_usage_error("query", "bad period '%s' (want day, week or month)", optarg);
            by = optarg;
            break;
        case O_TOP:
            if (strcmp(optarg, "actors") && strcmp(optarg, "dyads"))
                return cli_usage_error("query", "bad --top '%s' (want actors or dyads)", optarg);
            top = optarg;
            break;
        case O_LIMIT:
            if (parse_long(optarg, 1, 1000000000L, &n) < 0)
                return cli_usage_error("query", "bad limit '%s'", optarg);
            f.limit = n;
            break;
        case O_MENTIONS: mentions = 1; break;
        case O_CHECK: check = 1; break;
        case 'h': fputs(query_help, stdout); return EXIT_OK;
        default: return cli_usage_error("query", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("query", "unexpected argument '%s'", argv[optind]);
    if (!db || !*db)
        return cli_usage_error("query", "no database: give --db PATH or set DYAD_DB");
    if (by && top)
        return cli_usage_error("query", "--by and --top do not go together");
    if (mentions && (by || top))
        return cli_usage_error("query", "--mentions lists mentions; it does not go with --by or --top");
    if (fmt == F_GDELT && (by || top || mentions))
        return cli_usage_error("query", "--format gdelt is for events (not --mentions, --by or --top)");

    char err[1024];
    dyad_store *s = dyad_store_open(db, DYAD_STORE_READ, err, sizeof err);
    if (!s) {
        fprintf(stderr, "dyad query: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    int rc = EXIT_OK;
    if (check) {
        dyad_store_counts k;
        int bad = dyad_store_check(s, err, sizeof err);
        if (bad < 0 || bad > 0) {
            fprintf(stderr, "dyad query: %s%s\n", bad > 0 ? "check failed: " : "", err);
            rc = EXIT_BAD_INPUT;
        } else if (dyad_store_count(s, &k, err, sizeof err) < 0) {
            fprintf(stderr, "dyad query: %s\n", err);
            rc = EXIT_BAD_INPUT;
        } else {
            printf("ok: %s database, schema version %d: %lld documents, %lld sentences, %lld actor mentions, "
                   "%lld event mentions, %lld events\n",
                   dyad_store_backend(s), dyad_store_version(s), k.documents, k.sentences, k.actor_mentions,
                   k.event_mentions, k.events);
        }
        dyad_store_close(s);
        return rc;
    }
    out o = {.fmt = fmt};
    o.kind = by ? DYAD_Q_SERIES
           : top ? (!strcmp(top, "actors") ? DYAD_Q_TOP_ACTORS : DYAD_Q_TOP_DYADS)
           : mentions ? DYAD_Q_MENTIONS : DYAD_Q_EVENTS;
    dyad_buf_init(&o.b, 0);
    long rows = dyad_store_query(s, o.kind, &f, by, on_row, &o, err, sizeof err);
    if (rows < 0 && !o.failed) {
        fprintf(stderr, "dyad query: %s\n", err);
        rc = EXIT_BAD_INPUT;
    }
    if (fmt == F_TABLE && rows >= 0)
        print_table(&o);
    flush(&o, 1);
    if (o.failed) {
        fprintf(stderr, "dyad query: cannot write output\n");
        rc = EXIT_BAD_INPUT;
    }
    for (size_t i = 0; i < o.ncells; i++)
        free(o.cells[i]);
    free(o.cells);
    dyad_buf_free(&o.b);
    dyad_store_close(s);
    return rc;
}

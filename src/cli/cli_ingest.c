/* cli_ingest.c — the ingestion options shared by `dyad code`, `dyad actors` and `dyad extract`. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "ingest/input.h"
#include "pipeline/coder.h"

enum {
    OPT_INPUT_FORMAT = 0x200, OPT_LANG, OPT_KEEP_DUPS, OPT_KEEP_BOILER, OPT_BOILER, OPT_FIELD,
    OPT_MAX_MB, OPT_VERBOSE,
    OPT_JSONL_FIRST = 0x280   /* + index into jsonl_names */
};

static const char *const jsonl_names[] = {"text", "html", "title", "date", "url", "source",
                                          "language", "author", "id"};
#define N_JSONL (sizeof jsonl_names / sizeof jsonl_names[0])

static const struct option ingest_opts[] = {
    {"input-format", required_argument, 0, OPT_INPUT_FORMAT},
    {"lang", required_argument, 0, OPT_LANG},
    {"keep-duplicates", no_argument, 0, OPT_KEEP_DUPS},
    {"keep-boilerplate", no_argument, 0, OPT_KEEP_BOILER},
    {"boilerplate", required_argument, 0, OPT_BOILER},
    {"field", required_argument, 0, OPT_FIELD},
    {"max-mb", required_argument, 0, OPT_MAX_MB},
    {"verbose", no_argument, 0, 'v'},
    {"jsonl-text", required_argument, 0, OPT_JSONL_FIRST + 0},
    {"jsonl-html", required_argument, 0, OPT_JSONL_FIRST + 1},
    {"jsonl-title", required_argument, 0, OPT_JSONL_FIRST + 2},
    {"jsonl-date", required_argument, 0, OPT_JSONL_FIRST + 3},
    {"jsonl-url", required_argument, 0, OPT_JSONL_FIRST + 4},
    {"jsonl-source", required_argument, 0, OPT_JSONL_FIRST + 5},
    {"jsonl-language", required_argument, 0, OPT_JSONL_FIRST + 6},
    {"jsonl-author", required_argument, 0, OPT_JSONL_FIRST + 7},
    {"jsonl-id", required_argument, 0, OPT_JSONL_FIRST + 8},
    {0, 0, 0, 0}};

const char cli_ingest_help[] =
    "input options:\n"
    "  PATH is a file, a directory (searched recursively for .txt .html .htm .jsonl .ndjson .warc\n"
    "  .wet, each also .gz or .zst) or - for standard input. The format comes from the extension,\n"
    "  else from the content (WARC/, <!doctype html>, '{' for JSONL, else text).\n"
    "      --input-format F  force the format: auto, text, html, jsonl, warc\n"
    "      --jsonl-FIELD NAMES  JSONL field names for FIELD = text, html, title, date, url, source,\n"
    "                        language, author, id; NAMES is a comma list of alternatives, a dot\n"
    "                        walks into objects (--jsonl-text content,body --jsonl-date meta.pub)\n"
    "      --field FIELD=NAMES  the same as --jsonl-FIELD NAMES\n"
    "      --lang LIST       languages to keep (default en; 'any' keeps all, 'en,fr' ...); the\n"
    "                        others are skipped and counted as non-English\n"
    "      --keep-duplicates do not skip articles whose text was seen before in this run\n"
    "      --keep-boilerplate  do not drop scraped lines such as '- Advertisement -'\n"
    "      --boilerplate FILE  boilerplate patterns (default: boilerplate.txt in the data directory)\n"
    "      --max-mb N        largest text/HTML file and JSONL line, in MB (default 64)\n"
    "  -v, --verbose         a note for each article skipped as non-English or duplicate\n";

void cli_ingest_options(const struct option *cmd_opts, struct option *out, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; cmd_opts[i].name && k + 1 < n; i++)
        out[k++] = cmd_opts[i];
    for (size_t i = 0; ingest_opts[i].name && k + 1 < n; i++)
        out[k++] = ingest_opts[i];
    memset(&out[k], 0, sizeof out[k]);
}

static const char **jsonl_slot(dyad_jsonl_fields *f, size_t i)
{
    const char **slots[] = {&f->text, &f->html, &f->title, &f->date, &f->url,
                            &f->source, &f->language, &f->author, &f->id};
    return slots[i];
}

int cli_ingest_opt(struct dyad_ingest *in, int c, const char *arg, const char *cmd)
{
    dyad_ingest_opts *o = &in->opts;
    if (c >= OPT_JSONL_FIRST && c < OPT_JSONL_FIRST + (int)N_JSONL) {
        if (!*arg) {
            cli_usage_error(cmd, "empty field name for --jsonl-%s", jsonl_names[c - OPT_JSONL_FIRST]);
            return -1;
        }
        *jsonl_slot(&o->fields, (size_t)(c - OPT_JSONL_FIRST)) = arg;
        return 1;
    }
    switch (c) {
    case OPT_INPUT_FORMAT: {
        static const char *const names[] = {"auto", "text", "html", "jsonl", "warc"};
        for (int i = 0; i < 5; i++)
            if (!strcmp(arg, names[i])) {
                o->format = (dyad_input_format)i;
                return 1;
            }
        if (!strcmp(arg, "txt") || !strcmp(arg, "ndjson")) {
            o->format = arg[0] == 't' ? DYAD_IN_TEXT : DYAD_IN_JSONL;
            return 1;
        }
        cli_usage_error(cmd, "unknown input format '%s' (want auto, text, html, jsonl or warc)", arg);
        return -1;
    }
    case OPT_LANG:
        for (const char *p = arg; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == ',')) {
                cli_usage_error(cmd, "bad language list '%s' (want codes like en or en,fr, or any)", arg);
                return -1;
            }
        if (!*arg) {
            cli_usage_error(cmd, "empty language list (want en, en,fr or any)");
            return -1;
        }
        o->languages = arg;
        return 1;
    case OPT_KEEP_DUPS:
        o->keep_duplicates = 1;
        return 1;
    case OPT_KEEP_BOILER:
        o->keep_boilerplate = 1;
        return 1;
    case OPT_BOILER:
        o->boilerplate_file = arg;
        return 1;
    case OPT_FIELD: {
        const char *eq = strchr(arg, '=');
        for (size_t i = 0; eq && i < N_JSONL; i++)
            if (strlen(jsonl_names[i]) == (size_t)(eq - arg) && !strncmp(arg, jsonl_names[i], (size_t)(eq - arg)) &&
                eq[1]) {
                *jsonl_slot(&o->fields, i) = eq + 1;
                return 1;
            }
        cli_usage_error(cmd, "bad --field '%s' (want FIELD=NAME with FIELD one of text, html, title, date, url, "
                             "source, language, author, id)", arg);
        return -1;
    }
    case OPT_MAX_MB: {
        char *end;
        long v = strtol(arg, &end, 10);
        if (*end || v < 1 || v > 4096) {
            cli_usage_error(cmd, "bad --max-mb '%s' (want 1 to 4096)", arg);
            return -1;
        }
        o->max_bytes = (size_t)v << 20;
        return 1;
    }
    case 'v':
        o->verbose = 1;
        return 1;
    }
    return 0;
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int cli_ingest_begin(struct dyad_ingest *in, const char *datadir, const char *cmd)
{
    static char found[PATH_MAX + 32];
    if (!in->opts.boilerplate_file && !in->opts.keep_boilerplate) {
        /* boilerplate.txt in the data directory, if there is one; else the built-in copy */
        char dir[PATH_MAX];
        const char *env = getenv("DYAD_DATA");
        const char *cands[4] = {datadir, NULL, env, NULL};
        if (dyad_find_datadir(datadir, dir, sizeof dir) == 0)
            cands[1] = dir;
        for (int i = 0; i < 4 && !in->opts.boilerplate_file; i++) {
            if (!cands[i] || !*cands[i])
                continue;
            snprintf(found, sizeof found, "%s/boilerplate.txt", cands[i]);
            if (file_exists(found))
                in->opts.boilerplate_file = found;
        }
    }
    char err[512];
    if (dyad_ingest_begin(in, err, sizeof err) < 0) {
        fprintf(stderr, "dyad %s: %s\n", cmd, err);
        return -1;
    }
    return 0;
}

void cli_report_problem(void *ctx, int severity, const char *path, unsigned line, const char *msg)
{
    (void)ctx;
    (void)severity;
    if (line)
        fprintf(stderr, "%s:%u: %s\n", path, line, msg);
    else
        fprintf(stderr, "%s: %s\n", path, msg);
}

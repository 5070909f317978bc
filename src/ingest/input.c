/* input.c — walking paths, choosing a reader by format, and the steps every article takes on
 * its way to the callback (date, language, duplicates). */
#include "ingest/input.h"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ingest/charset.h"
#include "ingest/dedupe.h"
#include "ingest/html.h"
#include "ingest/jsonl.h"
#include "ingest/lang.h"
#include "ingest/stream.h"
#include "ingest/text.h"
#include "ingest/warc.h"
#include "util/buf.h"

#define DEFAULT_MAX ((size_t)64 << 20)
#define MAX_PROBLEMS_PER_FILE 100

struct dyad_ingest_state {
    const dyad_boiler *bp;
    dyad_boiler *owned;
    dyad_dedupe *dd;
    unsigned file_problems;
    const char *file;
};

/* ---- run state ---- */

int dyad_ingest_begin(dyad_ingest *in, char *err, size_t errlen)
{
    if (in->state)
        return 0;
    struct dyad_ingest_state *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (!in->opts.keep_boilerplate) {
        if (in->opts.boilerplate_file) {
            st->owned = dyad_boiler_load(in->opts.boilerplate_file, err, errlen);
            if (!st->owned) {
                free(st);
                return -1;
            }
            st->bp = st->owned;
        } else {
            st->bp = dyad_boiler_default();
        }
    }
    if (!in->opts.keep_duplicates && !(st->dd = dyad_dedupe_new())) {
        dyad_boiler_free(st->owned);
        free(st);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    in->state = st;
    return 0;
}

void dyad_ingest_finish(dyad_ingest *in)
{
    if (!in->state)
        return;
    dyad_boiler_free(in->state->owned);
    dyad_dedupe_free(in->state->dd);
    free(in->state);
    in->state = NULL;
}

const dyad_boiler *dyad_ingest_boiler(dyad_ingest *in) { return in->state ? in->state->bp : NULL; }

void dyad_ingest_report(dyad_ingest *in, int severity, const char *path, unsigned line,
                        const char *fmt, ...)
{
    if (severity)
        in->stats.errors++;
    struct dyad_ingest_state *st = in->state;
    if (st && st->file && path && strcmp(st->file, path) == 0) {
        st->file_problems++;
        if (st->file_problems == MAX_PROBLEMS_PER_FILE + 1)
            in->on_problem(in->ctx, 0, path, 0, "more problems in this file; not shown");
        if (st->file_problems > MAX_PROBLEMS_PER_FILE)
            return;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    in->on_problem(in->ctx, severity, path ? path : "-", line, msg);
}

/* ---- the common steps ---- */

int dyad_ingest_emit(dyad_ingest *in, dyad_article *a, unsigned line)
{
    if (!a->date)
        a->date = in->opts.default_date;
    char code[8];
    const char *lang = NULL;
    if (a->language && dyad_lang_normalise(a->language, code, sizeof code) == 0)
        lang = code;
    else
        lang = dyad_lang_detect(a->body, a->body_len);
    a->language = strcmp(lang, "und") ? lang : NULL;
    if (!dyad_lang_wanted(in->opts.languages, lang)) {
        in->stats.non_english++;
        if (in->opts.verbose)
            dyad_ingest_report(in, 0, a->path, line, "%s%s%slanguage %s; skipped", line ? "" : "article ",
                               line ? "" : a->id, line ? "" : ": ", lang);
        return 0;
    }
    if (in->state && in->state->dd && dyad_dedupe_seen(in->state->dd, a->body, a->body_len) == 1) {
        in->stats.duplicates++;
        if (in->opts.verbose)
            dyad_ingest_report(in, 0, a->path, line, "%s%s%sduplicate of an earlier article; skipped",
                               line ? "" : "article ", line ? "" : a->id, line ? "" : ": ");
        return 0;
    }
    in->stats.articles++;
    if (in->on_article(in->ctx, a) < 0) {
        in->stop = 1;
        return -1;
    }
    return 0;
}

static char *arena_dup_or_null(dyad_arena *m, const char *s)
{
    return s && *s ? dyad_arena_strdup(m, s) : NULL;
}

int dyad_ingest_html(dyad_ingest *in, dyad_arena *mem, const char *html, size_t len,
                     dyad_article *a, char *err, size_t errlen)
{
    dyad_html_result r;
    if (dyad_html_extract(html, len, &r, err, errlen) < 0)
        return -1;
    if (!a->title) a->title = arena_dup_or_null(mem, r.title);
    if (!a->date) a->date = arena_dup_or_null(mem, r.date);
    if (!a->author) a->author = arena_dup_or_null(mem, r.author);
    if (!a->source) a->source = arena_dup_or_null(mem, r.source);
    if (!a->url) a->url = arena_dup_or_null(mem, r.url);
    if (!a->language) a->language = arena_dup_or_null(mem, r.language);
    int rc = dyad_body_clean(mem, r.body ? r.body : "", r.body ? r.body_len : 0, dyad_ingest_boiler(in), a);
    dyad_html_result_free(&r);
    if (rc < 0 || mem->failed) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* ---- formats ---- */

static int ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && strncasecmp(s + n - k, suf, k) == 0;
}

/* Length of the name without a compression suffix. */
static size_t strip_compression(const char *name)
{
    size_t n = strlen(name);
    static const char *const z[] = {".gz", ".gzip", ".zst", ".zstd", NULL};
    for (int i = 0; z[i]; i++)
        if (ends_with(name, n, z[i]))
            return n - strlen(z[i]);
    return n;
}

dyad_input_format dyad_input_format_of_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strip_compression(base);
    static const struct {
        const char *ext;
        dyad_input_format f;
    } map[] = {{".txt", DYAD_IN_TEXT},    {".text", DYAD_IN_TEXT},    {".html", DYAD_IN_HTML},
               {".htm", DYAD_IN_HTML},    {".xhtml", DYAD_IN_HTML},   {".shtml", DYAD_IN_HTML},
               {".jsonl", DYAD_IN_JSONL}, {".ndjson", DYAD_IN_JSONL}, {".jsonlines", DYAD_IN_JSONL},
               {".warc", DYAD_IN_WARC},   {".wet", DYAD_IN_WARC}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (ends_with(base, n, map[i].ext))
            return map[i].f;
    return DYAD_IN_AUTO;
}

static int starts_ci(const char *p, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && strncasecmp(p, w, k) == 0;
}

dyad_input_format dyad_input_sniff(const char *p, size_t n, dyad_input_format by_name)
{
    if (n >= 2 && (((unsigned char)p[0] == 0xFF && (unsigned char)p[1] == 0xFE) ||
                   ((unsigned char)p[0] == 0xFE && (unsigned char)p[1] == 0xFF))) {
        /* UTF-16: HTML if a '<' comes first */
        size_t k = 2;
        while (k + 1 < n && (p[k] == 0 || p[k] == ' ' || p[k] == '\n' || p[k] == '\r' || p[k] == '\t'))
            k++;
        if (k < n && p[k] == '<' && (by_name == DYAD_IN_AUTO || by_name == DYAD_IN_TEXT))
            return DYAD_IN_HTML;
        return by_name ? by_name : DYAD_IN_TEXT;
    }
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
        p++;
        n--;
    }
    if (starts_ci(p, n, "WARC/0.") || starts_ci(p, n, "WARC/1."))
        return DYAD_IN_WARC;
    if (by_name == DYAD_IN_AUTO || by_name == DYAD_IN_TEXT) {
        size_t head = n < 2048 ? n : 2048;
        if (starts_ci(p, n, "<!doctype html") || starts_ci(p, n, "<html") ||
            starts_ci(p, n, "<head") || starts_ci(p, n, "<body") || starts_ci(p, n, "<meta ") ||
            ((starts_ci(p, n, "<?xml") || starts_ci(p, n, "<!--")) &&
             (memmem(p, head, "<html", 5) || memmem(p, head, "<HTML", 5))))
            return DYAD_IN_HTML;
    }
    if (by_name != DYAD_IN_AUTO)
        return by_name;
    if (n && *p == '{')
        return DYAD_IN_JSONL;
    return DYAD_IN_TEXT;
}

void dyad_file_id(const char *path, char *out, size_t n)
{
    if (strcmp(path, "-") == 0) {
        snprintf(out, n, "stdin");
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(out, n, "%s", base);
    char *dot = strchr(out + (out[0] == '.'), '.');
    if (dot && dot != out)
        *dot = 0;
}

/* Looks like binary? 1: many control bytes, 2: mostly invalid UTF-8 (first 8 KB); 0: text. */
static int looks_binary(const char *s, size_t n)
{
    size_t k = n < 8192 ? n : 8192, bad = 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b))
            bad++;
    }
    if (k && bad * 10 > k)
        return 1;   /* control bytes */
    /* mostly invalid UTF-8: junk, or text in a legacy 8-bit charset we cannot name */
    return k && dyad_utf8_count_invalid(s, k, k) * 4 > k ? 2 : 0;
}

/* ---- whole files: text and HTML ---- */

static int read_stream_all(dyad_stream *s, size_t max, dyad_buf *b, char *err, size_t errlen)
{
    char chunk[1 << 16];
    for (;;) {
        long r = dyad_stream_read(s, chunk, sizeof chunk);
        if (r < 0 || dyad_stream_error(s)) {
            snprintf(err, errlen, "%s", dyad_stream_error(s) ? dyad_stream_error(s) : "read error");
            return -1;
        }
        if (r == 0)
            return 0;
        if (b->len + (size_t)r > max) {
            snprintf(err, errlen, "larger than the %zu MB limit for one article (use JSONL or WARC for collections)",
                     max >> 20);
            return -1;
        }
        if (dyad_buf_append(b, chunk, (size_t)r)) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
}

int dyad_read_all(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen)
{
    dyad_stream *s = dyad_stream_open(path, err, errlen);
    if (!s)
        return -1;
    dyad_buf b;
    dyad_buf_init(&b, 0);
    int rc = read_stream_all(s, max ? max : ((size_t)1 << 30), &b, err, errlen);
    dyad_stream_close(s);
    if (rc == 0 && !b.data && dyad_buf_append(&b, "", 0)) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    if (rc < 0) {
        dyad_buf_free(&b);
        return -1;
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

typedef struct problem_ctx {
    dyad_ingest *in;
    const char *path;
} problem_ctx;

static void text_problem(void *ctx, unsigned line, const char *msg)
{
    problem_ctx *p = ctx;
    dyad_ingest_report(p->in, 1, p->path, line, "%s", msg);
}

/* Text that is not UTF-8 at all (no valid multi-byte sequence, some invalid bytes) is read as
 * Windows-1252; mostly-UTF-8 text with a few bad bytes is repaired instead. Returns a malloc'd
 * copy when converted, NULL to use the original. */
static char *maybe_cp1252(const char *s, size_t n, size_t *outlen)
{
    if (dyad_utf8_valid(s, n))
        return NULL;
    size_t multi = 0, high = 0, in_words = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
            continue;
        high++;
        /* Latin-1 letters and curly quotes sit next to ASCII letters ("caf\xe9", "\x93Yes") */
        if ((i > 0 && isalpha((unsigned char)s[i - 1])) || (i + 1 < n && isalpha((unsigned char)s[i + 1])))
            in_words++;
        size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (k && i + k <= n && dyad_utf8_valid(s + i, k)) {
            multi++;
            i += k - 1;
        }
    }
    if (multi * 4 > high || in_words * 10 < high * 8)
        return NULL;
    return dyad_charset_to_utf8(s, n, "WINDOWS-1252", outlen);
}

static int ingest_whole(dyad_ingest *in, dyad_stream *s, const char *path, dyad_input_format f)
{
    char err[256];
    dyad_buf b;
    dyad_buf_init(&b, 0);
    size_t max = in->opts.max_bytes ? in->opts.max_bytes : DEFAULT_MAX;
    if (read_stream_all(s, max, &b, err, sizeof err) < 0) {
        dyad_ingest_report(in, 1, path, 0, "%s", err);
        dyad_buf_free(&b);
        return 0;
    }
    in->stats.bytes += b.len;
    const char *data = b.data ? b.data : "";
    size_t len = b.len;
    char *conv = NULL;
    int rc = 0;
    int utf16 = len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                             ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF));
    if (strspn(data, " \t\r\n") == len) {
        in->stats.skipped++;
        dyad_ingest_report(in, 0, path, 0, "empty file, skipped");
        goto out;
    }
    int bin = utf16 ? 0 : looks_binary(data, len);
    if (bin) {
        dyad_ingest_report(in, 1, path, 0, bin == 1 ? "binary data, not text; skipped"
                                                    : "binary data, or text in an unknown 8-bit charset; skipped");
        goto out;
    }
    dyad_arena mem;
    dyad_arena_init(&mem, len + len / 4 + 4096, 0);
    dyad_article a = {0};
    char id[256];
    dyad_file_id(path, id, sizeof id);
    if (f == DYAD_IN_HTML) {
        if (dyad_ingest_html(in, &mem, data, len, &a, err, sizeof err) < 0) {
            dyad_ingest_report(in, 1, path, 0, "%s", err);
            dyad_arena_free(&mem);
            goto out;
        }
    } else {
        size_t cl;
        if (utf16) {
            conv = dyad_charset_to_utf8(data, len, "UTF-16", &cl);
            if (conv) {
                data = conv;
                len = cl;
            }
        } else if ((conv = maybe_cp1252(data, len, &cl))) {
            dyad_ingest_report(in, 0, path, 0, "not UTF-8; read as Windows-1252");
            data = conv;
            len = cl;
        }
        problem_ctx pc = {in, path};
        if (dyad_text_parse(&mem, data, len, dyad_ingest_boiler(in), &a, text_problem, &pc) < 0) {
            dyad_ingest_report(in, 1, path, 0, "out of memory");
            dyad_arena_free(&mem);
            goto out;
        }
    }
    if (!a.id)
        a.id = id;
    a.path = path;
    if (a.body_len == 0) {
        in->stats.skipped++;
        dyad_ingest_report(in, 0, path, 0, f == DYAD_IN_HTML ? "no article text in the page; skipped"
                                                             : "no article text after the headers; skipped");
    } else {
        rc = dyad_ingest_emit(in, &a, 0);
    }
    dyad_arena_free(&mem);
out:
    free(conv);
    dyad_buf_free(&b);
    return rc;
}

static int ingest_file(dyad_ingest *in, const char *path)
{
    char err[256];
    in->stats.files++;
    in->state->file = path;
    in->state->file_problems = 0;
    dyad_stream *s = dyad_stream_open(path, err, sizeof err);
    if (!s) {
        dyad_ingest_report(in, 1, path, 0, "%s", err);
        return 0;
    }
    dyad_input_format f = in->opts.format;
    if (!f) {
        const char *p;
        size_t n = dyad_stream_peek(s, 4096, &p);
        f = dyad_input_sniff(p, n, dyad_input_format_of_name(path));
    }
    char id[256];
    dyad_file_id(path, id, sizeof id);
    int rc = 0;
    if (f == DYAD_IN_JSONL) {
        const char *p;
        size_t n = dyad_stream_peek(s, 8192, &p);
        if (!dyad_stream_error(s) && looks_binary(p, n))
            dyad_ingest_report(in, 1, path, 0, "binary data, not JSON lines; skipped");
        else
            rc = dyad_jsonl_ingest(in, s, path, id);
    } else if (f == DYAD_IN_WARC) {
        rc = dyad_warc_ingest(in, s, path, id);
    } else {
        rc = ingest_whole(in, s, path, f);
    }
    dyad_stream_close(s);
    in->state->file = NULL;
    return rc;
}

static int wanted_in_dir(const char *name)
{
    return dyad_input_format_of_name(name) != DYAD_IN_AUTO;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ingest_dir(dyad_ingest *in, const char *path, int depth)
{
    if (depth > 64) {
        dyad_ingest_report(in, 1, path, 0, "directories nested too deeply; skipped");
        return 0;
    }
    DIR *d = opendir(path);
    if (!d) {
        dyad_ingest_report(in, 1, path, 0, "%s", strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        names[n] = strdup(de->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        struct stat st;
        if (!in->stop && lstat(full, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                ingest_dir(in, full, depth + 1);
            else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && wanted_in_dir(names[i]))
                ingest_file(in, full);
        }
        free(names[i]);
    }
    free(names);
    return in->stop ? -1 : 0;
}

int dyad_ingest_path(dyad_ingest *in, const char *path)
{
    if (!in->state) {
        char err[512];
        if (dyad_ingest_begin(in, err, sizeof err) < 0) {
            in->stats.errors++;
            in->on_problem(in->ctx, 1, in->opts.boilerplate_file ? in->opts.boilerplate_file : path, 0, err);
            /* go on without the pattern file rather than not at all */
            dyad_ingest_opts o = in->opts;
            in->opts.boilerplate_file = NULL;
            int rc = dyad_ingest_begin(in, err, sizeof err);
            in->opts = o;
            if (rc < 0)
                return 0;
        }
    }
    if (strcmp(path, "-") == 0) {
        ingest_file(in, path);
        return in->stop ? -1 : 0;
    }
    struct stat st;
    if (stat(path, &st) < 0) {
        dyad_ingest_report(in, 1, path, 0, "%s", strerror(errno));
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return ingest_dir(in, path, 0);
    ingest_file(in, path);
    return in->stop ? -1 : 0;
}

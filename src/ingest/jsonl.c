/* jsonl.c — JSON Lines articles, one json_loadb() per line, streamed. */
#include "ingest/jsonl.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ingest/charset.h"
#include "ingest/text.h"
#include "util/buf.h"

#define DEFAULT_MAX_LINE ((size_t)64 << 20)

/* Walk a dotted path ("meta.published") in obj. */
static json_t *path_get(json_t *obj, const char *name, size_t n)
{
    char key[256];
    json_t *cur = obj;
    while (n && cur) {
        const char *dot = memchr(name, '.', n);
        size_t k = dot ? (size_t)(dot - name) : n;
        if (k >= sizeof key || !json_is_object(cur))
            return NULL;
        memcpy(key, name, k);
        key[k] = 0;
        json_t *v = json_object_get(cur, key);
        /* a key that itself contains dots ("og.title") */
        if (!v && dot) {
            size_t all = n < sizeof key ? n : sizeof key - 1;
            memcpy(key, name, all);
            key[all] = 0;
            v = json_object_get(cur, key);
            if (v)
                return v;
        }
        cur = v;
        name += k + (dot != NULL);
        n -= k + (dot != NULL);
    }
    return cur;
}

/* The first present, non-null alternative of spec ("content,body"), default dflt. Sets *used
 * to the alternative found (for messages). */
static json_t *field(json_t *obj, const char *spec, const char *dflt, char *used, size_t usedlen)
{
    if (!spec || !*spec)
        spec = dflt;
    for (const char *p = spec; *p;) {
        while (*p == ',' || *p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ',')
            e++;
        size_t n = (size_t)(e - p);
        while (n && p[n - 1] == ' ')
            n--;
        if (n) {
            json_t *v = path_get(obj, p, n);
            if (v && !json_is_null(v)) {
                snprintf(used, usedlen, "%.*s", (int)n, p);
                return v;
            }
        }
        p = e;
    }
    snprintf(used, usedlen, "%s", spec);
    return NULL;
}

typedef struct line_ctx {
    dyad_ingest *in;
    const char *path;
    unsigned line;
    dyad_arena *mem;
    json_t *obj;
} line_ctx;

/* A string field: strings as they are, numbers printed; other types reported. */
static const char *str_field(line_ctx *c, const char *spec, const char *dflt)
{
    char used[128];
    json_t *v = field(c->obj, spec, dflt, used, sizeof used);
    if (!v)
        return NULL;
    if (json_is_string(v))
        return json_string_length(v) ? json_string_value(v) : NULL;
    if (json_is_integer(v)) {
        char num[32];
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        return dyad_arena_strdup(c->mem, num);
    }
    dyad_ingest_report(c->in, 1, c->path, c->line, "field \"%s\" is not a string; ignored", used);
    return NULL;
}

static const char *author_field(line_ctx *c, const char *spec)
{
    char used[128];
    json_t *v = field(c->obj, spec, "author", used, sizeof used);
    if (!v)
        return NULL;
    if (json_is_string(v))
        return json_string_length(v) ? json_string_value(v) : NULL;
    if (json_is_object(v) && json_is_string(json_object_get(v, "name")))
        return json_string_value(json_object_get(v, "name"));
    if (json_is_array(v)) {
        dyad_buf b;
        dyad_buf_init(&b, 1 << 16);
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            const char *s = json_is_string(x) ? json_string_value(x)
                            : json_is_object(x) && json_is_string(json_object_get(x, "name"))
                                ? json_string_value(json_object_get(x, "name"))
                                : NULL;
            if (!s || !*s)
                continue;
            if (b.len)
                dyad_buf_puts(&b, "; ");
            dyad_buf_puts(&b, s);
        }
        const char *r = b.len ? dyad_arena_strndup(c->mem, b.data, b.len) : NULL;
        dyad_buf_free(&b);
        return r;
    }
    dyad_ingest_report(c->in, 1, c->path, c->line, "field \"%s\" is not a string or a list of names; ignored", used);
    return NULL;
}

static const char *date_field(line_ctx *c, const char *spec)
{
    char used[128], d[11];
    json_t *v = field(c->obj, spec, "date", used, sizeof used);
    if (!v)
        return NULL;
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (!*s)
            return NULL;
        if (dyad_normalize_date(s, strlen(s), d) == 0)
            return dyad_arena_strdup(c->mem, d);
        dyad_ingest_report(c->in, 1, c->path, c->line, "unreadable date \"%.40s\" in \"%s\" (want YYYY-MM-DD)", s, used);
        return NULL;
    }
    if (json_is_number(v)) {
        double t = json_number_value(v);
        if (t > 1e11)
            t /= 1000;   /* milliseconds */
        if (t >= 0 && t < 32503680000.0) {
            time_t tt = (time_t)t;
            struct tm tm;
            if (gmtime_r(&tt, &tm) && strftime(d, sizeof d, "%Y-%m-%d", &tm) == 10)
                return dyad_arena_strdup(c->mem, d);
        }
    }
    dyad_ingest_report(c->in, 1, c->path, c->line, "unreadable date in \"%s\" (want a string or a Unix time)", used);
    return NULL;
}

static int one_line(dyad_ingest *in, const char *path, const char *fileid, unsigned lineno,
                    char *text, size_t len, dyad_arena *mem)
{
    const dyad_jsonl_fields *F = &in->opts.fields;
    if (lineno == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    size_t sp = 0;
    while (sp < len && (text[sp] == ' ' || text[sp] == '\t' || text[sp] == '\r'))
        sp++;
    if (sp == len)
        return 0;   /* blank line */
    if (!dyad_utf8_valid(text, len)) {
        size_t fixed, nuls, n;
        char *t = dyad_utf8_repair(mem, text, len, &n, &fixed, &nuls);
        if (!t) {
            dyad_ingest_report(in, 1, path, lineno, "out of memory");
            return 0;
        }
        dyad_ingest_report(in, 1, path, lineno, "%zu invalid UTF-8 byte%s replaced by U+FFFD", fixed, fixed == 1 ? "" : "s");
        text = t;
        len = n;
    }
    json_error_t jerr;
    json_t *obj = json_loadb(text, len, 0, &jerr);
    if (!obj) {
        dyad_ingest_report(in, 1, path, lineno, "bad JSON: %s (column %d)", jerr.text, jerr.column);
        return 0;
    }
    int rc = 0;
    if (!json_is_object(obj)) {
        dyad_ingest_report(in, 1, path, lineno, "not a JSON object; skipped");
        goto out;
    }
    line_ctx c = {in, path, lineno, mem, obj};
    dyad_article a = {0};
    a.path = path;
    a.title = str_field(&c, F->title, "title");
    a.url = str_field(&c, F->url, "url");
    a.source = str_field(&c, F->source, "source");
    a.language = str_field(&c, F->language, "language");
    a.author = author_field(&c, F->author);
    a.date = date_field(&c, F->date);
    a.id = str_field(&c, F->id, "id");
    if (!a.id) {
        char id[300];
        snprintf(id, sizeof id, "%s:%u", fileid, lineno);
        a.id = dyad_arena_strdup(mem, id);
    }
    char used_text[128], used_html[128];
    json_t *tv = field(obj, F->text, "text,body", used_text, sizeof used_text);
    json_t *hv = tv ? NULL : field(obj, F->html, "html", used_html, sizeof used_html);
    if (tv) {
        if (!json_is_string(tv)) {
            dyad_ingest_report(in, 1, path, lineno, "field \"%s\" is not a string; skipped", used_text);
            goto out;
        }
        if (dyad_body_clean(mem, json_string_value(tv), json_string_length(tv), dyad_ingest_boiler(in), &a) < 0) {
            dyad_ingest_report(in, 1, path, lineno, "out of memory");
            goto out;
        }
    } else if (hv) {
        char err[256];
        if (!json_is_string(hv)) {
            dyad_ingest_report(in, 1, path, lineno, "field \"%s\" is not a string; skipped", used_html);
            goto out;
        }
        if (json_string_length(hv) == 0) {
            a.body = "";
            a.body_len = 0;
        } else if (dyad_ingest_html(in, mem, json_string_value(hv), json_string_length(hv), &a, err, sizeof err) < 0) {
            dyad_ingest_report(in, 1, path, lineno, "%s", err);
            goto out;
        }
    } else {
        dyad_ingest_report(in, 1, path, lineno, "no \"%s\" or \"%s\" field; skipped", used_text, used_html);
        goto out;
    }
    if (a.body_len == 0) {
        in->stats.skipped++;
        dyad_ingest_report(in, 0, path, lineno, "no article text; skipped");
        goto out;
    }
    rc = dyad_ingest_emit(in, &a, lineno);
out:
    json_decref(obj);
    return rc;
}

int dyad_jsonl_ingest(dyad_ingest *in, dyad_stream *s, const char *path, const char *fileid)
{
    size_t max = in->opts.max_bytes ? in->opts.max_bytes : DEFAULT_MAX_LINE;
    dyad_buf line;
    dyad_buf_init(&line, 0);
    dyad_arena mem;
    dyad_arena_init(&mem, 1 << 16, 0);
    unsigned lineno = 0;
    int rc = 0;
    while (!in->stop) {
        int too_long;
        uint64_t before = dyad_stream_tell(s);
        int r = dyad_stream_line(s, &line, max, 0, &too_long);
        in->stats.bytes += (size_t)(dyad_stream_tell(s) - before);
        if (r < 0) {
            dyad_ingest_report(in, 1, path, lineno + 1, "%s", dyad_stream_error(s));
            break;
        }
        if (r == 0)
            break;
        lineno++;
        if (too_long) {
            dyad_ingest_report(in, 1, path, lineno, "line longer than the %zu MB limit; skipped", max >> 20);
            continue;
        }
        dyad_arena_reset(&mem);
        rc = one_line(in, path, fileid, lineno, line.data, line.len, &mem);
        if (rc < 0)
            break;
        /* do not keep a huge line buffer or arena block around after a huge line */
        if (line.cap > (4u << 20)) {
            dyad_buf_free(&line);
            dyad_buf_init(&line, 0);
        }
        if (mem.used > (16u << 20)) {
            dyad_arena_free(&mem);
            dyad_arena_init(&mem, 1 << 16, 0);
        }
    }
    dyad_arena_free(&mem);
    dyad_buf_free(&line);
    return rc < 0 || in->stop ? -1 : 0;
}

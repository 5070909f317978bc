/* warc.c — WARC records, streamed: headers line by line, payloads skipped or read one at a time. */
#include "ingest/warc.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>
#include "ingest/html.h"
#include "ingest/lang.h"
#include "ingest/text.h"
#include "util/buf.h"

#define MAX_HEADER_LINE (64u << 10)
#define MAX_HEADER_BLOCK (256u << 10)
#define MAX_PAYLOAD ((size_t)DYAD_HTML_MAX_INPUT)

typedef struct record {
    uint64_t off;              /* where its "WARC/" line starts */
    char type[32];
    char ctype[256];           /* WARC Content-Type */
    char uri[4096];
    char lang[64];             /* WARC-Identified-Content-Language */
    char ptype[128];           /* WARC-Identified-Payload-Type */
    uint64_t length;
    int have_length;
} record;

typedef struct warc {
    dyad_ingest *in;
    dyad_stream *s;
    const char *path, *fileid;
    dyad_buf line, payload, tmp;
    dyad_arena mem;
} warc;

static void copy_value(char *dst, size_t cap, const char *v, size_t n)
{
    while (n && (*v == ' ' || *v == '\t')) {
        v++;
        n--;
    }
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = 0;
}

static int header_is(const char *l, size_t nl, const char *name)
{
    return strlen(name) == nl && strncasecmp(l, name, nl) == 0;
}

static int parse_length(const char *v, uint64_t *out)
{
    while (*v == ' ')
        v++;
    if (!isdigit((unsigned char)*v))
        return -1;
    uint64_t x = 0;
    for (; isdigit((unsigned char)*v); v++) {
        if (x > (UINT64_MAX - 9) / 10)
            return -1;
        x = x * 10 + (uint64_t)(*v - '0');
    }
    while (*v == ' ')
        v++;
    if (*v)
        return -1;
    *out = x;
    return 0;
}

/* Read the header block after the "WARC/" line. Returns 0, -1 malformed (message in err),
 * -2 at the end of the data. */
static int read_headers(warc *w, record *r, char *err, size_t errlen)
{
    size_t total = 0;
    for (;;) {
        int too_long;
        int rc = dyad_stream_line(w->s, &w->line, MAX_HEADER_LINE, 0, &too_long);
        if (rc <= 0) {
            snprintf(err, errlen, "%s", rc < 0 ? dyad_stream_error(w->s) : "the file ends inside the record header");
            return -2;
        }
        total += w->line.len + 1;
        if (too_long || total > MAX_HEADER_BLOCK) {
            snprintf(err, errlen, "header line or block too long");
            return -1;
        }
        if (w->line.len == 0)
            return 0;
        const char *peek;
        if (dyad_stream_peek(w->s, 1, &peek) == 0) {
            snprintf(err, errlen, "%s", dyad_stream_error(w->s) ? dyad_stream_error(w->s)
                                                                : "the file ends inside the record header");
            return -2;
        }
        const char *l = w->line.data;
        if (*l == ' ' || *l == '\t')
            continue;   /* folded continuation line: ignored */
        const char *colon = memchr(l, ':', w->line.len);
        if (!colon || colon == l) {
            snprintf(err, errlen, "bad header line \"%.60s\"", l);
            return -1;
        }
        size_t nl = (size_t)(colon - l);
        const char *v = colon + 1;
        size_t vl = w->line.len - nl - 1;
        if (header_is(l, nl, "WARC-Type"))
            copy_value(r->type, sizeof r->type, v, vl);
        else if (header_is(l, nl, "Content-Type"))
            copy_value(r->ctype, sizeof r->ctype, v, vl);
        else if (header_is(l, nl, "WARC-Target-URI"))
            copy_value(r->uri, sizeof r->uri, v, vl);
        else if (header_is(l, nl, "WARC-Identified-Content-Language"))
            copy_value(r->lang, sizeof r->lang, v, vl);
        else if (header_is(l, nl, "WARC-Identified-Payload-Type"))
            copy_value(r->ptype, sizeof r->ptype, v, vl);
        else if (header_is(l, nl, "Content-Length")) {
            char tmp[32];
            copy_value(tmp, sizeof tmp, v, vl);
            if (parse_length(tmp, &r->length) < 0) {
                snprintf(err, errlen, "bad Content-Length \"%.30s\"", tmp);
                return -1;
            }
            r->have_length = 1;
        }
    }
}

static int is_html_type(const char *t)
{
    while (*t == ' ')
        t++;
    return !strncasecmp(t, "text/html", 9) || !strncasecmp(t, "application/xhtml", 17);
}

static int looks_html(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && isspace((unsigned char)p[i]))
        i++;
    return i < n && p[i] == '<';
}

/* Undo chunked transfer encoding in place. Returns 0, -1 when malformed. */
static int dechunk(dyad_buf *b)
{
    size_t r = 0, w = 0;
    for (;;) {
        size_t size = 0;
        int digits = 0;
        while (r < b->len && isxdigit((unsigned char)b->data[r])) {
            char c = b->data[r++];
            size = size * 16 + (size_t)(isdigit((unsigned char)c) ? c - '0' : (tolower((unsigned char)c) - 'a' + 10));
            if (++digits > 12)
                return -1;
        }
        if (!digits)
            return -1;
        while (r < b->len && b->data[r] != '\n')   /* chunk extensions, CR */
            r++;
        if (r >= b->len)
            return -1;
        r++;
        if (size == 0)
            break;
        if (size > b->len - r)
            size = b->len - r;   /* a cut-off last chunk: keep what there is */
        memmove(b->data + w, b->data + r, size);
        w += size;
        r += size;
        while (r < b->len && (b->data[r] == '\r' || b->data[r] == '\n'))
            r++;
        if (r >= b->len)
            break;
    }
    b->len = w;
    b->data[w] = 0;
    return 0;
}

/* Inflate gzip or deflate content into out. Returns 0 or -1. */
static int inflate_body(const dyad_buf *in, dyad_buf *out, size_t max)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK)
        return -1;
    dyad_buf_clear(out);
    z.next_in = (Bytef *)in->data;
    z.avail_in = (uInt)in->len;
    char chunk[1 << 15];
    int rc;
    int raw_tried = 0;
    do {
        z.next_out = (Bytef *)chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc == Z_DATA_ERROR && !raw_tried && out->len == 0) {
            /* "deflate" sent as a raw stream */
            raw_tried = 1;
            inflateEnd(&z);
            memset(&z, 0, sizeof z);
            if (inflateInit2(&z, -15) != Z_OK)
                return -1;
            z.next_in = (Bytef *)in->data;
            z.avail_in = (uInt)in->len;
            rc = Z_OK;
            continue;
        }
        size_t got = sizeof chunk - z.avail_out;
        if ((rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && got)) || out->len + got > max ||
            dyad_buf_append(out, chunk, got)) {
            inflateEnd(&z);
            return out->len ? 0 : -1;   /* a cut-off payload: keep what decoded */
        }
        if (rc == Z_BUF_ERROR || (z.avail_in == 0 && got == 0))
            break;
    } while (rc != Z_STREAM_END);
    inflateEnd(&z);
    return 0;
}

/* Read `remaining` payload bytes into w->payload (up to MAX_PAYLOAD; the rest is skipped).
 * Returns 1 read in full, 0 too big (skipped), -1 at the end of the data. */
static int read_payload(warc *w, uint64_t remaining)
{
    dyad_buf_clear(&w->payload);
    if (remaining > MAX_PAYLOAD) {
        return dyad_stream_skip(w->s, remaining) == remaining ? 0 : -1;
    }
    char chunk[1 << 16];
    while (remaining) {
        size_t want = remaining < sizeof chunk ? (size_t)remaining : sizeof chunk;
        long r = dyad_stream_read(w->s, chunk, want);
        if (r <= 0)
            return -1;
        if (dyad_buf_append(&w->payload, chunk, (size_t)r))
            return dyad_stream_skip(w->s, remaining - (uint64_t)r) == remaining - (uint64_t)r ? 0 : -1;
        remaining -= (uint64_t)r;
    }
    if (!w->payload.data)
        dyad_buf_append(&w->payload, "", 0);
    return 1;
}

/* After the payload: the blank lines that end a record. 1 fine, 0 wrong (bad Content-Length). */
static int record_end(warc *w)
{
    const char *p;
    size_t n = dyad_stream_peek(w->s, 4, &p);
    if (n == 0)
        return 1;   /* the end of the file */
    size_t k = 0;
    while (k < n && (p[k] == '\r' || p[k] == '\n'))
        k++;
    if (k) {
        dyad_stream_skip(w->s, k);
        return 1;
    }
    n = dyad_stream_peek(w->s, 5, &p);
    return n >= 5 && memcmp(p, "WARC/", 5) == 0;
}

typedef enum { REC_SKIP, REC_HTML, REC_TEXT, REC_MALFORMED, REC_EOF } rec_kind;

/* A response record: HTTP status line and headers, then the body into w->payload. */
static rec_kind read_response(warc *w, record *r, char *err, size_t errlen)
{
    uint64_t start = dyad_stream_tell(w->s), end = start + r->length;
    int too_long;
    int rc = dyad_stream_line(w->s, &w->line, 8192, r->length, &too_long);
    int status = 0;
    if (rc == 1 && w->line.len > 9 && !strncmp(w->line.data, "HTTP/", 5)) {
        const char *sp = strchr(w->line.data, ' ');
        status = sp ? atoi(sp + 1) : 0;
    }
    if (rc < 0 || (rc == 0 && r->length))
        return REC_EOF;
    if (!status) {
        snprintf(err, errlen, "payload is not an HTTP response");
        goto malformed;
    }
    char ctype[256] = "", cenc[64] = "", tenc[64] = "";
    for (;;) {
        uint64_t used = dyad_stream_tell(w->s) - start;
        if (used >= r->length) {
            snprintf(err, errlen, "HTTP headers run past the end of the record");
            goto malformed;
        }
        rc = dyad_stream_line(w->s, &w->line, MAX_HEADER_LINE, r->length - used, &too_long);
        if (rc <= 0)
            return REC_EOF;
        if (w->line.len == 0)
            break;
        const char *l = w->line.data, *colon = memchr(l, ':', w->line.len);
        if (!colon)
            continue;
        size_t nl = (size_t)(colon - l), vl = w->line.len - nl - 1;
        if (header_is(l, nl, "Content-Type"))
            copy_value(ctype, sizeof ctype, colon + 1, vl);
        else if (header_is(l, nl, "Content-Encoding"))
            copy_value(cenc, sizeof cenc, colon + 1, vl);
        else if (header_is(l, nl, "Transfer-Encoding"))
            copy_value(tenc, sizeof tenc, colon + 1, vl);
    }
    uint64_t left = end - dyad_stream_tell(w->s);
    int html = ctype[0] ? is_html_type(ctype) : (r->ptype[0] ? is_html_type(r->ptype) : -1);
    if (status < 200 || status > 299 || html == 0) {
        if (dyad_stream_skip(w->s, left) != left)
            return REC_EOF;
        return REC_SKIP;
    }
    int got = read_payload(w, left);
    if (got < 0)
        return REC_EOF;
    if (got == 0) {
        snprintf(err, errlen, "HTML payload over %zu MB; skipped", MAX_PAYLOAD >> 20);
        return REC_SKIP;
    }
    if (!strcasecmp(tenc, "chunked") && dechunk(&w->payload) < 0) {
        snprintf(err, errlen, "bad chunked transfer encoding");
        return REC_MALFORMED;
    }
    if (!strcasecmp(cenc, "gzip") || !strcasecmp(cenc, "x-gzip") || !strcasecmp(cenc, "deflate")) {
        if (inflate_body(&w->payload, &w->tmp, MAX_PAYLOAD) < 0) {
            snprintf(err, errlen, "cannot decode the %s content encoding", cenc);
            return REC_MALFORMED;
        }
        dyad_buf t = w->payload;
        w->payload = w->tmp;
        w->tmp = t;
    } else if (cenc[0] && strcasecmp(cenc, "identity")) {
        snprintf(err, errlen, "content encoding \"%s\" not supported; skipped", cenc);
        return REC_SKIP;
    }
    if (html < 0 && !looks_html(w->payload.data, w->payload.len))
        return REC_SKIP;
    return REC_HTML;
malformed:
    left = end - dyad_stream_tell(w->s);
    if (dyad_stream_skip(w->s, left) != left)
        return REC_EOF;
    return REC_MALFORMED;
}

static int starts_ci(const char *s, const char *w)
{
    while (*s == ' ')
        s++;
    return strncasecmp(s, w, strlen(w)) == 0;
}

/* Turn the record in w->payload into an article and emit it. */
static int emit_record(warc *w, record *r, rec_kind kind)
{
    dyad_ingest *in = w->in;
    dyad_arena_reset(&w->mem);
    dyad_article a = {0};
    char id[320], err[256];
    snprintf(id, sizeof id, "%s@%llu", w->fileid, (unsigned long long)r->off);
    a.id = id;
    a.path = w->path;
    if (r->uri[0])
        a.url = r->uri[0] == '<' ? dyad_arena_strndup(&w->mem, r->uri + 1, strcspn(r->uri + 1, ">"))
                                 : r->uri;
    char lang[8];
    if (r->lang[0] && dyad_lang_normalise(r->lang, lang, sizeof lang) == 0)
        a.language = lang;
    if (kind == REC_HTML) {
        if (dyad_ingest_html(in, &w->mem, w->payload.data, w->payload.len, &a, err, sizeof err) < 0) {
            dyad_ingest_report(in, 1, w->path, 0, "record at byte %llu: %s", (unsigned long long)r->off, err);
            return 0;
        }
    } else {
        size_t fixed, nuls, n;
        char *t = dyad_utf8_repair(&w->mem, w->payload.data, w->payload.len, &n, &fixed, &nuls);
        if (!t || dyad_body_clean(&w->mem, t, n, dyad_ingest_boiler(in), &a) < 0) {
            dyad_ingest_report(in, 1, w->path, 0, "out of memory");
            return 0;
        }
    }
    if (a.body_len == 0) {
        in->stats.skipped++;
        if (in->opts.verbose)
            dyad_ingest_report(in, 0, w->path, 0, "record at byte %llu: no article text; skipped",
                               (unsigned long long)r->off);
        return 0;
    }
    return dyad_ingest_emit(in, &a, 0);
}

int dyad_warc_ingest(dyad_ingest *in, dyad_stream *s, const char *path, const char *fileid)
{
    warc w = {.in = in, .s = s, .path = path, .fileid = fileid};
    dyad_buf_init(&w.line, 0);
    dyad_buf_init(&w.payload, 0);
    dyad_buf_init(&w.tmp, 0);
    dyad_arena_init(&w.mem, 1 << 16, 0);
    record *r = malloc(sizeof *r);
    int resync = 0, records = 0, rc = 0;
    uint64_t counted = dyad_stream_tell(s);   /* bytes already added to stats.bytes */
    char err[300];
    while (r && !in->stop) {
        uint64_t off = dyad_stream_tell(s);
        int too_long;
        int lr = dyad_stream_line(s, &w.line, MAX_HEADER_LINE, 0, &too_long);
        in->stats.bytes += (size_t)(dyad_stream_tell(s) - counted);
        counted = dyad_stream_tell(s);
        if (lr < 0) {
            dyad_ingest_report(in, 1, path, 0, "at byte %llu: %s", (unsigned long long)off, dyad_stream_error(s));
            break;
        }
        if (lr == 0)
            break;
        if (w.line.len == 0)
            continue;
        if (too_long || strncmp(w.line.data, "WARC/", 5) != 0) {
            if (!resync)
                dyad_ingest_report(in, 1, path, 0,
                                   "record at byte %llu: no \"WARC/\" version line%s; skipped to the next record",
                                   (unsigned long long)off, records ? "" : " (is this a WARC file?)");
            resync = 1;
            continue;
        }
        resync = 0;
        records++;
        memset(r, 0, sizeof *r);
        r->off = off;
        int hr = read_headers(&w, r, err, sizeof err);
        in->stats.bytes += (size_t)(dyad_stream_tell(s) - counted);
        counted = dyad_stream_tell(s);
        if (hr == -2) {
            dyad_ingest_report(in, 1, path, 0, "record at byte %llu: truncated (%s)", (unsigned long long)off, err);
            break;
        }
        if (hr == 0 && !r->have_length) {
            snprintf(err, sizeof err, "no Content-Length");
            hr = -1;
        }
        if (hr < 0) {
            dyad_ingest_report(in, 1, path, 0, "record at byte %llu: %s; skipped", (unsigned long long)off, err);
            resync = 1;
            continue;
        }
        rec_kind kind = REC_SKIP;
        err[0] = 0;
        if (!strcasecmp(r->type, "response") && starts_ci(r->ctype, "application/http")) {
            kind = read_response(&w, r, err, sizeof err);
        } else if (!strcasecmp(r->type, "conversion") && starts_ci(r->ctype, "text/plain")) {
            int got = read_payload(&w, r->length);
            kind = got < 0 ? REC_EOF : got == 0 ? REC_SKIP : REC_TEXT;
            if (got == 0)
                snprintf(err, sizeof err, "text payload over %zu MB; skipped", MAX_PAYLOAD >> 20);
        } else if (dyad_stream_skip(s, r->length) != r->length) {
            kind = REC_EOF;
        }
        in->stats.bytes += (size_t)(dyad_stream_tell(s) - counted);
        counted = dyad_stream_tell(s);
        if (kind == REC_EOF) {
            const char *e = dyad_stream_error(s);
            dyad_ingest_report(in, 1, path, 0, "record at byte %llu: truncated (%s)", (unsigned long long)off,
                               e ? e : "the file ends inside the record");
            break;
        }
        if (!record_end(&w)) {
            dyad_ingest_report(in, 1, path, 0,
                               "record at byte %llu: no blank line after its %llu-byte payload (wrong Content-Length?); skipped",
                               (unsigned long long)off, (unsigned long long)r->length);
            resync = 1;
            continue;
        }
        if (kind == REC_MALFORMED) {
            dyad_ingest_report(in, 1, path, 0, "record at byte %llu: %s; skipped", (unsigned long long)off, err);
        } else if (kind == REC_SKIP) {
            if (err[0]) {
                in->stats.skipped++;
                if (in->opts.verbose)
                    dyad_ingest_report(in, 0, path, 0, "record at byte %llu: %s", (unsigned long long)off, err);
            }
        } else if (emit_record(&w, r, kind) < 0) {
            rc = -1;
            break;
        }
        if (w.mem.used > (16u << 20)) {
            dyad_arena_free(&w.mem);
            dyad_arena_init(&w.mem, 1 << 16, 0);
        }
        if (w.payload.cap > (4u << 20)) {
            dyad_buf_free(&w.payload);
            dyad_buf_init(&w.payload, 0);
            dyad_buf_free(&w.tmp);
            dyad_buf_init(&w.tmp, 0);
        }
    }
    if (!r)
        dyad_ingest_report(in, 1, path, 0, "out of memory");
    else if (records == 0 && !in->stop && !dyad_stream_error(s) && !resync)
        dyad_ingest_report(in, 0, path, 0, "no WARC records; skipped");
    free(r);
    dyad_arena_free(&w.mem);
    dyad_buf_free(&w.line);
    dyad_buf_free(&w.payload);
    dyad_buf_free(&w.tmp);
    return rc < 0 || in->stop ? -1 : 0;
}

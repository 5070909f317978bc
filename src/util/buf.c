#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dyad_buf_init(dyad_buf *b, size_t limit)
{
    memset(b, 0, sizeof *b);
    b->limit = limit;
}

static int reserve(dyad_buf *b, size_t extra)
{
    if (b->limit && (extra > b->limit || b->len > b->limit - extra))
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int dyad_buf_append(dyad_buf *b, const void *p, size_t n)
{
    if (reserve(b, n))
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int dyad_buf_puts(dyad_buf *b, const char *s) { return dyad_buf_append(b, s, strlen(s)); }


int dyad_buf_printf(dyad_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return dyad_buf_append(b, small, (size_t)n);
    if (reserve(b, (size_t)n))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

/* Bytes that need escaping inside a JSON string: controls, '"' and '\\'. */
static const unsigned char json_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

/* Copy s while checking it needs no escape (the common case: one pass, no calls); returns
 * 0 when done, 1 when s needs the escaping path (nothing appended then). */
static int json_plain(dyad_buf *b, const char *s, size_t n, int quoted)
{
    size_t q = quoted ? 1 : 0;
    if (reserve(b, n + 2 * q))
        return -1;
    char *o = b->data + b->len + q;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (json_escape[c])
            return 1;
        o[i] = (char)c;
    }
    if (quoted) {
        o[-1] = '"';
        o[n] = '"';
    }
    b->len += n + 2 * q;
    b->data[b->len] = 0;
    return 0;
}

int dyad_buf_json_str(dyad_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    int plain = json_plain(b, s, n, 0);
    if (plain <= 0)
        return plain;
    if (reserve(b, n + 16))
        return -1;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!json_escape[c])
            continue;
        if (dyad_buf_append(b, s + run, i - run))
            return -1;
        run = i + 1;
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t el = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\t': esc[1] = 't'; break;
        case '\r': esc[1] = 'r'; break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            el = 6;
        }
        if (dyad_buf_append(b, esc, el))
            return -1;
    }
    return dyad_buf_append(b, s + run, n - run);
}

int dyad_buf_json_value(dyad_buf *b, const char *s)
{
    if (!s)
        return dyad_buf_append(b, "null", 4);
    size_t n = strlen(s);
    int plain = json_plain(b, s, n, 1);
    if (plain <= 0)
        return plain;
    return dyad_buf_putc(b, '"') | dyad_buf_json_str(b, s, n) | dyad_buf_putc(b, '"');
}

int dyad_buf_uint(dyad_buf *b, unsigned long long v)
{
    char tmp[24];
    int k = 24;
    do {
        tmp[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    size_t n = (size_t)(24 - k);
    if (dyad_buf_has_room(b, n)) {   /* no call to grow */
        memcpy(b->data + b->len, tmp + k, n);
        b->len += n;
        b->data[b->len] = 0;
        return 0;
    }
    return dyad_buf_append(b, tmp + k, n);
}

int dyad_buf_fixed1(dyad_buf *b, double x)
{
    long long t = (long long)(x * 10 + (x < 0 ? -0.5 : 0.5));
    if (t < 0) {
        if (dyad_buf_putc(b, '-'))
            return -1;
        t = -t;
    }
    return dyad_buf_uint(b, (unsigned long long)(t / 10)) | dyad_buf_putc(b, '.') |
           dyad_buf_putc(b, (char)('0' + t % 10));
}

int dyad_buf_tsv_str(dyad_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
        if (dyad_buf_putc(b, c))
            return -1;
    }
    return 0;
}

void dyad_buf_clear(dyad_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

void dyad_buf_free(dyad_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

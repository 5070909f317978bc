/* boiler.c — boilerplate line patterns: parsing, normalisation, matching. */
#include "ingest/boiler.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "util/buf.h"
#include "util/hmap.h"

#define MAX_EXACT_LINE 400   /* longer lines are never boilerplate */
#define MAX_SHORT_LINE 200   /* prefix and contains patterns */
#define MAX_CP 512

enum { K_EXACT, K_PREFIX, K_CONTAINS };

typedef struct pat {
    char *text;
    size_t len;
    int kind, result;
} pat;

struct dyad_boiler {
    dyad_hmap exact;   /* hash of normalised text -> result */
    pat *list;         /* prefix and contains patterns */
    size_t n, cap, count;
    size_t max_exact;  /* longest normalised exact pattern */
};

/* Stripped at both ends: white space, dashes, bullets, pipes, arrows, decoration. */
static int strip_cp(int32_t c)
{
    switch (c) {
    case ' ': case '-': case '|': case '*': case '_': case '=': case '~': case '>': case '<':
    case 0xB7: case 0xBB: case 0xAB: case 0x2010: case 0x2011: case 0x2012: case 0x2013:
    case 0x2014: case 0x2015: case 0x2022: case 0x2023: case 0x2039: case 0x203A: case 0x2043:
    case 0x2192: case 0x2190: case 0x21D2: case 0x25A0: case 0x25AA: case 0x25B6: case 0x25BA:
    case 0x25B8: case 0x25CF: case 0x25C6: case 0x2605: case 0x2606: case 0x27A4: case 0x2794:
        return 1;
    }
    return 0;
}

/* Also stripped at the end of a line (not of a prefix pattern). */
static int strip_end_cp(int32_t c)
{
    return strip_cp(c) || c == '.' || c == ':' || c == '!' || c == '?' || c == ',' || c == ';' ||
           c == 0x2026;
}

static int space_cp(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* Decode, lower-case and collapse s into cp[] (at most MAX_CP). Returns the count, or
 * (size_t)-1 when the line is too long to be boilerplate. */
static size_t to_cps(const char *s, size_t n, int32_t *cp)
{
    size_t k = 0;
    int pending_space = 0, in_digits = 0;
    for (size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)s[i];
        int32_t c;
        if (b < 0x80) {
            c = b;
            i++;
        } else {
            utf8proc_int32_t u;
            utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &u);
            if (m <= 0) {
                u = 0xFFFD;
                m = 1;
            }
            i += (size_t)m;
            c = u;
        }
        if (space_cp(c)) {
            pending_space = k > 0;
            in_digits = 0;
            continue;
        }
        if (c >= '0' && c <= '9') {
            if (in_digits && !pending_space)
                continue;
            c = '0';
            in_digits = 1;
        } else {
            in_digits = 0;
            c = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : utf8proc_tolower(c);
        }
        if (k + 2 > MAX_CP)
            return (size_t)-1;
        if (pending_space)
            cp[k++] = ' ';
        pending_space = 0;
        cp[k++] = c;
    }
    return k;
}

/* Encode cp[0..k) into out, stripped at the start (and at the end when strip_end). */
static size_t from_cps(const int32_t *cp, size_t k, int strip_end, char *out)
{
    size_t b = 0, e = k;
    while (b < e && strip_cp(cp[b]))
        b++;
    while (strip_end && e > b && strip_end_cp(cp[e - 1]))
        e--;
    size_t o = 0;
    for (size_t i = b; i < e; i++) {
        if (cp[i] < 0x80) {
            out[o++] = (char)cp[i];
            continue;
        }
        utf8proc_ssize_t w = utf8proc_encode_char(cp[i], (utf8proc_uint8_t *)out + o);
        o += (size_t)(w > 0 ? w : 0);
    }
    out[o] = 0;
    return o;
}

/* Normalise s into out (capacity 4*MAX_CP+1). Returns the length, or (size_t)-1 when the line
 * is too long to be boilerplate. */
static size_t normalise(const char *s, size_t n, int strip_end, char *out)
{
    int32_t cp[MAX_CP];
    size_t k = to_cps(s, n, cp);
    return k == (size_t)-1 ? k : from_cps(cp, k, strip_end, out);
}

static int word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int add_pattern(dyad_boiler *b, const char *s, size_t n, const char *name, unsigned line,
                       char *err, size_t errlen)
{
    int result = DYAD_BOILER_LINE;
    if (n >= 2 && s[0] == '!' && s[1] == '!') {
        result = DYAD_BOILER_END;
        s += 2;
        n -= 2;
    } else if (n >= 1 && s[0] == '!') {
        result = DYAD_BOILER_TAIL;
        s += 1;
        n -= 1;
    }
    int kind = K_EXACT;
    if (n >= 3 && s[0] == '*' && s[n - 1] == '*') {
        kind = K_CONTAINS;
        s++;
        n -= 2;
    } else if (n >= 2 && s[n - 1] == '*') {
        kind = K_PREFIX;
        n--;
    }
    char norm[4 * MAX_CP + 1];
    size_t len = normalise(s, n, kind != K_PREFIX, norm);
    if (len == (size_t)-1 || len == 0 || len > MAX_SHORT_LINE) {
        snprintf(err, errlen, "%s:%u: %s", name, line,
                 len == 0 ? "pattern is empty once dashes, bullets and punctuation are removed"
                          : "pattern longer than 200 bytes");
        return -1;
    }
    b->count++;
    if (kind == K_EXACT) {
        uint32_t old;
        uint64_t h = dyad_hash_bytes(norm, len);
        if (len > b->max_exact)
            b->max_exact = len;
        if (dyad_hmap_get(&b->exact, h, &old) && (int)old > result)
            return 0;
        if (dyad_hmap_put(&b->exact, h, (uint32_t)result) == 0)
            return 0;
    } else {
        if (b->n == b->cap) {
            size_t cap = b->cap ? b->cap * 2 : 32;
            pat *nl = realloc(b->list, cap * sizeof *nl);
            if (!nl)
                goto oom;
            b->list = nl;
            b->cap = cap;
        }
        char *t = malloc(len + 1);
        if (!t)
            goto oom;
        memcpy(t, norm, len + 1);
        b->list[b->n++] = (pat){t, len, kind, result};
        return 0;
    }
oom:
    snprintf(err, errlen, "out of memory");
    return -1;
}

dyad_boiler *dyad_boiler_parse(const char *text, size_t len, const char *name, char *err, size_t errlen)
{
    dyad_boiler *b = calloc(1, sizeof *b);
    if (!b || dyad_hmap_init(&b->exact, 256)) {
        free(b);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    unsigned line = 0;
    for (size_t i = 0; i < len;) {
        const char *e = memchr(text + i, '\n', len - i);
        size_t ll = e ? (size_t)(e - (text + i)) : len - i;
        const char *l = text + i;
        i += ll + (e != NULL);
        line++;
        while (ll && (l[ll - 1] == '\r' || l[ll - 1] == ' ' || l[ll - 1] == '\t'))
            ll--;
        while (ll && (*l == ' ' || *l == '\t')) {
            l++;
            ll--;
        }
        if (!ll || *l == '#')
            continue;
        if (add_pattern(b, l, ll, name, line, err, errlen)) {
            dyad_boiler_free(b);
            return NULL;
        }
    }
    return b;
}

dyad_boiler *dyad_boiler_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %m", path);
        return NULL;
    }
    dyad_buf t;
    dyad_buf_init(&t, 16u << 20);
    char chunk[8192];
    size_t r;
    int bad = 0;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (dyad_buf_append(&t, chunk, r)) {
            bad = 1;
            break;
        }
    bad |= ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s: cannot read (or larger than 16 MB)", path);
        dyad_buf_free(&t);
        return NULL;
    }
    dyad_boiler *b = dyad_boiler_parse(t.data ? t.data : "", t.len, path, err, errlen);
    dyad_buf_free(&t);
    return b;
}

void dyad_boiler_free(dyad_boiler *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        free(b->list[i].text);
    free(b->list);
    dyad_hmap_free(&b->exact);
    free(b);
}

size_t dyad_boiler_count(const dyad_boiler *b) { return b ? b->count : 0; }

/* Letters and digits in s: a lower bound of its normalised length. */
static size_t alnum_bytes(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        k += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    }
    return k;
}

int dyad_boiler_match(const dyad_boiler *b, const char *line, size_t len)
{
    if (!b || len > MAX_EXACT_LINE)
        return DYAD_BOILER_NO;
    int short_line = len <= MAX_SHORT_LINE && b->n;
    /* a long line can only equal an exact pattern if most of it is white space or decoration */
    if (!short_line && alnum_bytes(line, len) > b->max_exact * 4 + 4)
        return DYAD_BOILER_NO;
    int32_t cp[MAX_CP];
    size_t k = to_cps(line, len, cp);
    if (k == (size_t)-1)
        return DYAD_BOILER_NO;
    char norm[4 * MAX_CP + 1];
    size_t n = from_cps(cp, k, 1, norm);
    if (n == 0)
        return DYAD_BOILER_NO;
    uint32_t v;
    if (n <= b->max_exact && dyad_hmap_get(&b->exact, dyad_hash_bytes(norm, n), &v))
        return (int)v;
    if (!short_line)
        return DYAD_BOILER_NO;
    /* prefix patterns see the line with its closing punctuation */
    char pnorm[4 * MAX_CP + 1];
    size_t pn = from_cps(cp, k, 0, pnorm);
    int best = DYAD_BOILER_NO;
    for (size_t i = 0; i < b->n; i++) {
        const pat *p = &b->list[i];
        if (p->result <= best)
            continue;
        if (p->kind == K_PREFIX) {
            if (pn >= p->len && memcmp(pnorm, p->text, p->len) == 0 &&
                (pn == p->len || !word_char((unsigned char)p->text[p->len - 1]) ||
                 !word_char((unsigned char)pnorm[p->len])))
                best = p->result;
        } else {
            const char *h = norm;
            while ((h = memmem(h, n - (size_t)(h - norm), p->text, p->len))) {
                size_t at = (size_t)(h - norm), end = at + p->len;
                int left = at == 0 || !word_char((unsigned char)p->text[0]) ||
                           !word_char((unsigned char)norm[at - 1]);
                int right = end == n || !word_char((unsigned char)p->text[p->len - 1]) ||
                            !word_char((unsigned char)norm[end]);
                if (left && right) {
                    best = p->result;
                    break;
                }
                h++;
            }
        }
    }
    return best;
}

/* ---- built-in copy of data/boilerplate.txt (a unit test keeps them identical) ---- */
static const char default_text[] =
#include "ingest/boiler_default.inc"
    ;

const char *dyad_boiler_default_text(void) { return default_text; }

static dyad_boiler *default_boiler;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void free_default(void) { dyad_boiler_free(default_boiler); }

static void load_default(void)
{
    char err[256];
    default_boiler = dyad_boiler_parse(default_text, sizeof default_text - 1, "built-in", err, sizeof err);
    if (default_boiler)
        atexit(free_default);
}

const dyad_boiler *dyad_boiler_default(void)
{
    pthread_once(&default_once, load_default);
    return default_boiler;
}

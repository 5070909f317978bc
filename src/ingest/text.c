/* text.c — plain-text articles (headers) and body cleaning (boilerplate, dateline, source). */
#include "ingest/text.h"
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "ingest/dateline.h"
#include "util/date.h"

/* Length of the next valid UTF-8 sequence at s[i], 0 when invalid. */
static size_t utf8_seq(const char *s, size_t len, size_t i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
    return n > 0 ? (size_t)n : 0;
}

char *dyad_utf8_repair(dyad_arena *mem, const char *s, size_t len, size_t *outlen, size_t *fixed,
                       size_t *nuls)
{
    /* first pass: the exact size (each invalid byte becomes the 3 bytes of U+FFFD) */
    size_t need = 0;
    *fixed = 0;
    *nuls = 0;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] < 0x80) {
            *nuls += s[i] == 0;
            need++;
            i++;
            continue;
        }
        size_t n = utf8_seq(s, len, i);
        need += n ? n : 3;
        i += n ? n : 1;
        *fixed += n == 0;
    }
    char *o = dyad_arena_alloc(mem, need + 1);
    if (!o)
        return NULL;
    if (!*fixed && !*nuls) {
        memcpy(o, s, len);
        o[len] = 0;
        *outlen = len;
        return o;
    }
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            o[k++] = c ? (char)c : ' ';
            i++;
            continue;
        }
        size_t n = utf8_seq(s, len, i);
        if (n) {
            memcpy(o + k, s + i, n);
            k += n;
            i += n;
        } else {
            memcpy(o + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i++;
        }
    }
    o[k] = 0;
    *outlen = k;
    return o;
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

static int month_from(const char *w, size_t n)
{
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (strncasecmp(w, months[i], 3) == 0)
            return i + 1;
    return 0;
}

int dyad_normalize_date(const char *s, size_t len, char out[11])
{
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    /* ISO: 2024-02-20, 2024-02-20T10:00:00Z, 2024-02-20 10:00 */
    if (len >= 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && s[7] == '-' &&
        (len == 10 || !isdigit((unsigned char)s[10]))) {
        if (dyad_parse_date(s, 10, 0, NULL) == DYAD_NO_DATE)
            return -1;
        memcpy(out, s, 10);
        out[10] = 0;
        return 0;
    }
    /* words: "February 20, 2024", "20 Feb 2024", "Tue, 20 Feb 2024 10:00:00 GMT" */
    int day = 0, mon = 0, year = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && !isalnum((unsigned char)s[i]))
            i++;
        size_t b = i;
        while (i < len && isalnum((unsigned char)s[i]))
            i++;
        size_t n = i - b;
        if (!n)
            break;
        if (isdigit((unsigned char)s[b])) {
            int v = 0;
            for (size_t k = b; k < i && isdigit((unsigned char)s[k]); k++)
                v = v * 10 + (s[k] - '0');
            if (n == 4 && !year)
                year = v;
            else if (v >= 1 && v <= 31 && !day && (i >= len || s[i] != ':'))
                day = v;
        } else if (!mon) {
            mon = month_from(s + b, n);
        }
    }
    if (!day || !mon || !year || year < 1000 || year > 2999 || day > dyad_days_in_month(year, mon))
        return -1;
    snprintf(out, 11, "%04d-%02d-%02d", year % 10000, mon % 100, day % 100);
    return 0;
}

int dyad_is_boilerplate_line(const char *s, size_t len)
{
    return dyad_boiler_match(dyad_boiler_default(), s, len) != DYAD_BOILER_NO;
}

static const char **header_field(dyad_article *a, const char *name, size_t n)
{
    static const struct {
        const char *name;
        size_t off;
    } f[] = {{"title", offsetof(dyad_article, title)},       {"headline", offsetof(dyad_article, title)},
             {"date", offsetof(dyad_article, date)},         {"published", offsetof(dyad_article, date)},
             {"pubdate", offsetof(dyad_article, date)},      {"source", offsetof(dyad_article, source)},
             {"outlet", offsetof(dyad_article, source)},     {"publisher", offsetof(dyad_article, source)},
             {"url", offsetof(dyad_article, url)},           {"link", offsetof(dyad_article, url)},
             {"author", offsetof(dyad_article, author)},     {"byline", offsetof(dyad_article, author)},
             {"authors", offsetof(dyad_article, author)},    {"language", offsetof(dyad_article, language)},
             {"lang", offsetof(dyad_article, language)},     {"id", offsetof(dyad_article, id)}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (strlen(f[i].name) == n && strncasecmp(f[i].name, name, n) == 0)
            return (const char **)((char *)a + f[i].off);
    return NULL;
}

/* "Name: value" with a name of letters (at most 12). */
static int header_line(const char *l, size_t n, size_t *name_len, size_t *val_off)
{
    size_t k = 0;
    while (k < n && k < 12 && isalpha((unsigned char)l[k]))
        k++;
    if (k == 0 || k >= n || l[k] != ':')
        return 0;
    *name_len = k;
    size_t v = k + 1;
    while (v < n && (l[v] == ' ' || l[v] == '\t'))
        v++;
    *val_off = v;
    return 1;
}

int dyad_text_parse(dyad_arena *mem, const char *buf, size_t len, const dyad_boiler *bp,
                    dyad_article *a, dyad_text_problem_fn problem, void *ctx)
{
    size_t fixed, nuls, n;
    char *s = dyad_utf8_repair(mem, buf, len, &n, &fixed, &nuls);
    if (!s)
        return -1;
    char msg[160];
    if (nuls) {
        snprintf(msg, sizeof msg, "%zu NUL byte%s replaced by spaces", nuls, nuls > 1 ? "s" : "");
        problem(ctx, 1, msg);
    }
    if (fixed) {
        snprintf(msg, sizeof msg, "%zu invalid UTF-8 byte%s replaced by U+FFFD", fixed, fixed > 1 ? "s" : "");
        problem(ctx, 1, msg);
    }
    size_t i = 0;
    unsigned line = 1;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    /* headers: only when the very first line is a known one; they end at a blank line or at the
     * first line that is not "Name: value" */
    size_t nl_, vo;
    const char *first_end = memchr(s + i, '\n', n - i);
    size_t fl = first_end ? (size_t)(first_end - (s + i)) : n - i;
    if (header_line(s + i, fl, &nl_, &vo) && header_field(a, s + i, nl_)) {
        while (i < n) {
            const char *e = memchr(s + i, '\n', n - i);
            size_t ll = e ? (size_t)(e - (s + i)) : n - i;
            char *l = s + i;
            size_t tl = ll;
            while (tl && (l[tl - 1] == '\r' || l[tl - 1] == ' ' || l[tl - 1] == '\t'))
                tl--;
            if (tl == 0) {
                i += ll + (e ? 1 : 0);
                line++;
                break;   /* blank line ends the header */
            }
            if (!header_line(l, tl, &nl_, &vo))
                break;   /* the body starts here */
            i += ll + (e ? 1 : 0);
            const char **field = header_field(a, l, nl_);
            if (field && vo < tl) {
                l[tl] = 0;
                *field = l + vo;
                if (field == &a->date) {
                    char d[11];
                    if (dyad_normalize_date(l + vo, tl - vo, d) == 0) {
                        *field = dyad_arena_strdup(mem, d);
                    } else {
                        snprintf(msg, sizeof msg, "unreadable date \"%.40s\" (want YYYY-MM-DD)", l + vo);
                        problem(ctx, line, msg);
                        *field = NULL;
                    }
                }
            }
            line++;
        }
    }
    return dyad_body_clean(mem, s + i, n - i, bp, a);
}

/* ---- body cleaning ---- */

typedef struct span {
    size_t off, len;   /* len 0: paragraph break */
} span;

static int has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c >= 0x80) {
            if (c < 0x80)
                return 1;
            /* non-ASCII: a letter or digit, not a dash, bullet or box drawing */
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0)
                return 1;
            utf8proc_category_t cat = utf8proc_category(cp);
            if (cat <= UTF8PROC_CATEGORY_NO && cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
                cat != UTF8PROC_CATEGORY_ME)
                return 1;
            i += (size_t)k - 1;
        }
    }
    return 0;
}

/* Prose: a long line with a sentence in it. */
static int prose_line(const char *l, size_t n)
{
    return n >= 120 && (memmem(l, n, ". ", 2) || l[n - 1] == '.' || l[n - 1] == '"' ||
                        (n >= 3 && (unsigned char)l[n - 1] == 0x9D));
}

/* Does the text after a tail marker look like a list of links rather than article prose? */
static int list_like(const char *s, size_t n)
{
    size_t total = 0, prose = 0;
    for (size_t i = 0; i < n;) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t ll = e ? (size_t)(e - (s + i)) : n - i;
        while (ll && isspace((unsigned char)s[i + ll - 1]))
            ll--;
        total += ll;
        if (prose_line(s + i, ll))
            prose += ll;
        i += (e ? (size_t)(e - (s + i)) + 1 : n - i);
    }
    return prose * 2 < total || total == 0;
}

/* "Source: Reuters", "(Source: AFP)", "SOURCE - Xinhua": returns the value span or 0. */
static int closing_source(const char *l, size_t n, size_t *vs, size_t *ve)
{
    size_t i = 0;
    if (i < n && (l[i] == '(' || l[i] == '['))
        i++;
    if (n - i < 7 || strncasecmp(l + i, "source", 6) != 0)
        return 0;
    i += 6;
    if (i < n && (l[i] == 's' || l[i] == 'S'))
        i++;
    while (i < n && l[i] == ' ')
        i++;
    if (i < n && l[i] == ':')
        i++;
    else if (i < n && l[i] == '-')
        i++;
    else if (i + 2 < n && (unsigned char)l[i] == 0xE2 && (unsigned char)l[i + 1] == 0x80 &&
             ((unsigned char)l[i + 2] == 0x93 || (unsigned char)l[i + 2] == 0x94))
        i += 3;
    else
        return 0;
    while (i < n && l[i] == ' ')
        i++;
    size_t e = n;
    while (e > i && (l[e - 1] == ')' || l[e - 1] == ']' || l[e - 1] == '.' || l[e - 1] == ' '))
        e--;
    if (e == i || e - i > 80 || memmem(l + i, e - i, ". ", 2))
        return 0;
    *vs = i;
    *ve = e;
    return 1;
}

static int is_space_line(const char *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)l[i]))
            return 0;
    return 1;
}

int dyad_body_clean(dyad_arena *mem, const char *s, size_t n, const dyad_boiler *bp, dyad_article *a)
{
    /* 1. lines, minus boilerplate; a tail marker may cut the rest */
    size_t cap = 16;
    for (size_t i = 0; i < n; i++)
        cap += s[i] == '\n' || s[i] == '\r';
    span *L = dyad_arena_alloc(mem, cap * sizeof *L);
    if (!L)
        return -1;
    size_t nl = 0, kept = 0;
    for (size_t i = 0; i < n && nl + 1 < cap;) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\r')
            e++;
        size_t next = e < n ? e + 1 + (s[e] == '\r' && e + 1 < n && s[e + 1] == '\n') : n;
        size_t b = i;
        while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\f' || s[b] == '\v'))
            b++;
        while (b + 1 < e && (unsigned char)s[b] == 0xC2 && (unsigned char)s[b + 1] == 0xA0)
            b += 2;
        while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\f' || s[e - 1] == '\v'))
            e--;
        i = next;
        size_t len = e - b;
        if (len && bp) {
            int m = dyad_boiler_match(bp, s + b, len);
            if (m == DYAD_BOILER_LINE)
                continue;
            if (m == DYAD_BOILER_END || m == DYAD_BOILER_TAIL) {
                if (kept >= 200 && (m == DYAD_BOILER_END || list_like(s + i, n - i)))
                    break;
                continue;
            }
            if (!has_alnum(s + b, len))
                len = 0;   /* "* * *", "———": a paragraph break */
        } else if (len && is_space_line(s + b, len)) {
            len = 0;
        }
        L[nl++] = (span){b, len};
        kept += len;
    }
    /* 2. an opening dateline in one of the first lines (before the first paragraph of prose) */
    for (size_t i = 0, seen = 0; i < nl && seen < 3; i++) {
        if (!L[i].len)
            continue;
        seen++;
        const char *place = NULL, *agency = NULL;
        size_t skip = dyad_dateline(mem, s + L[i].off, L[i].len, &place, &agency);
        if (skip) {
            if (place)
                a->place = place;
            if (agency && !a->source)
                a->source = agency;
            L[i].off += skip;
            L[i].len -= skip;
            break;
        }
        if (L[i].len >= 100)
            break;
    }
    /* 3. a closing "Source: X" line among the last lines */
    for (size_t i = nl, seen = 0; i-- > 0 && seen < 3;) {
        if (!L[i].len)
            continue;
        seen++;
        size_t vs, ve;
        if (closing_source(s + L[i].off, L[i].len, &vs, &ve)) {
            if (!a->source)
                a->source = dyad_arena_strndup(mem, s + L[i].off + vs, ve - vs);
            L[i].len = 0;
            break;
        }
    }
    /* 4. join: lines of a paragraph with '\n', paragraphs with a blank line */
    char *body = dyad_arena_alloc(mem, n + 1);
    if (!body)
        return -1;
    size_t bl = 0;
    int brk = 0;
    for (size_t i = 0; i < nl; i++) {
        if (!L[i].len) {
            brk = bl > 0;
            continue;
        }
        if (bl) {
            body[bl++] = '\n';
            if (brk)
                body[bl++] = '\n';
        }
        brk = 0;
        memcpy(body + bl, s + L[i].off, L[i].len);
        bl += L[i].len;
    }
    body[bl] = 0;
    a->body = body;
    a->body_len = bl;
    return 0;
}

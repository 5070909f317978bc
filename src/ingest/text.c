/* text.c — plain-text article parsing: headers, boilerplate, datelines, UTF-8 repair. */
#include "ingest/text.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "util/date.h"

char *dyad_utf8_repair(dyad_arena *mem, const char *s, size_t len, size_t *outlen, size_t *fixed,
                       size_t *nuls)
{
    /* worst case every byte becomes U+FFFD (3 bytes) */
    char *o = dyad_arena_alloc(mem, len * 3 + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    *fixed = 0;
    *nuls = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == 0) {
                (*nuls)++;
                c = ' ';
            }
            o[k++] = (char)c;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n > 0) {
            memcpy(o + k, s + i, (size_t)n);
            k += (size_t)n;
            i += (size_t)n;
        } else {
            memcpy(o + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i++;
            (*fixed)++;
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

/* Lines scraped pages leave behind. Compared case-insensitively against the trimmed line:
 * exact lines, and prefixes of short lines. */
static const char *const boiler_exact[] = {
    "advertisement", "- advertisement -", "-advertisement-", "advertisements", "ad", "sponsored",
    "sponsored content", "share this post", "share this article", "share this", "share",
    "no menu items!", "related posts", "related articles", "related stories", "related",
    "read more", "read more:", "more stories", "you may also like", "recommended",
    "recommended for you", "trending", "most popular", "most read", "tags", "comments",
    "leave a comment", "leave a reply", "print", "email", "facebook", "twitter", "whatsapp",
    "linkedin", "telegram", "copy link", "home", "menu", "search", "sign in", "log in",
    "subscribe", "skip to content", "skip to main content", "back to top", "loading...",
    "story continues below advertisement", "article continues below", "scroll to continue",
    "continue reading", "watch:", "listen to this article", NULL};
static const char *const boiler_prefix[] = {
    "click here", "subscribe to our", "sign up for our", "sign up to our", "sign up for the",
    "we use cookies", "this website uses cookies", "this site uses cookies", "by continuing to use",
    "accept cookies", "cookie policy", "follow us on", "like us on facebook", "share on ",
    "share via ", "get the latest", "download our app", "all rights reserved", "copyright ©",
    "© 20", "(c) 20", "photo:", "image:", "image source", "image copyright", "getty images",
    "file photo", "related:", "read also:", "also read:", "see also:", "join our ",
    "newsletter", "advertisement ", NULL};

int dyad_is_boilerplate_line(const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (!len)
        return 0;
    for (int i = 0; boiler_exact[i]; i++)
        if (strlen(boiler_exact[i]) == len && strncasecmp(boiler_exact[i], s, len) == 0)
            return 1;
    if (len > 160)
        return 0;   /* a long line is prose even if it opens like a notice */
    for (int i = 0; boiler_prefix[i]; i++) {
        size_t n = strlen(boiler_prefix[i]);
        if (len >= n && strncasecmp(boiler_prefix[i], s, n) == 0)
            return 1;
    }
    return 0;
}

static const char **header_field(dyad_article *a, const char *name, size_t n)
{
    if (n == 5 && strncasecmp(name, "title", 5) == 0) return &a->title;
    if (n == 4 && strncasecmp(name, "date", 4) == 0) return &a->date;
    if (n == 6 && strncasecmp(name, "source", 6) == 0) return &a->source;
    if (n == 3 && strncasecmp(name, "url", 3) == 0) return &a->url;
    if (n == 6 && strncasecmp(name, "author", 6) == 0) return &a->author;
    if (n == 8 && strncasecmp(name, "language", 8) == 0) return &a->language;
    if (n == 2 && strncasecmp(name, "id", 2) == 0) return &a->id;
    return NULL;
}

/* "Name: value" with a known name. */
static int header_line(const char *l, size_t n, size_t *name_len, size_t *val_off)
{
    size_t k = 0;
    while (k < n && k < 10 && isalpha((unsigned char)l[k]))
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

/* "SEOUL (Agency) -", "SEOUL, Feb 20 (Agency) —": returns length consumed, sets place/agency. */
static size_t dateline(dyad_arena *m, const char *b, size_t n, const char **place, const char **agency)
{
    size_t i = 0;
    while (i < n && (isupper((unsigned char)b[i]) || b[i] == ' ' || b[i] == '.' || b[i] == '-' ||
                     (unsigned char)b[i] >= 0x80))
        i++;
    size_t place_end = i;
    while (place_end > 0 && b[place_end - 1] == ' ')
        place_end--;
    if (place_end < 3 || i > 40)
        return 0;
    size_t k = i;
    if (k < n && b[k] == ',')   /* ", Feb 20" */
        while (k < n && b[k] != '(' && b[k] != '\n' && k - i < 20)
            k++;
    while (k < n && b[k] == ' ')
        k++;
    const char *ag = NULL;
    size_t agl = 0;
    if (k < n && b[k] == '(') {
        size_t e = k + 1;
        while (e < n && b[e] != ')' && b[e] != '\n' && e - k < 40)
            e++;
        if (e >= n || b[e] != ')')
            return 0;
        ag = b + k + 1;
        agl = e - k - 1;
        k = e + 1;
    }
    while (k < n && b[k] == ' ')
        k++;
    /* a dash: -, --, en dash, em dash */
    size_t d = k;
    if (d < n && b[d] == '-') {
        while (d < n && b[d] == '-')
            d++;
    } else if (d + 2 < n && (unsigned char)b[d] == 0xE2 && (unsigned char)b[d + 1] == 0x80 &&
               ((unsigned char)b[d + 2] == 0x93 || (unsigned char)b[d + 2] == 0x94)) {
        d += 3;
    } else {
        return 0;
    }
    if (!ag && place_end < 3)
        return 0;
    /* Title-case the place: SEOUL -> Seoul */
    char *p = dyad_arena_strndup(m, b, place_end);
    if (!p)
        return 0;
    for (size_t q = 1; q < place_end; q++)
        if (isupper((unsigned char)p[q]) && p[q - 1] != ' ' && p[q - 1] != '-')
            p[q] = (char)tolower((unsigned char)p[q]);
    *place = p;
    if (ag)
        *agency = dyad_arena_strndup(m, ag, agl);
    while (d < n && b[d] == ' ')
        d++;
    return d;
}

int dyad_text_parse(dyad_arena *mem, const char *buf, size_t len, int keep_boilerplate,
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
    /* headers: only when the very first line is one */
    size_t nl_, vo;
    const char *first_end = memchr(s + i, '\n', n - i);
    size_t fl = first_end ? (size_t)(first_end - (s + i)) : n - i;
    if (header_line(s + i, fl, &nl_, &vo) && header_field(a, s + i, nl_)) {
        while (i < n) {
            const char *e = memchr(s + i, '\n', n - i);
            size_t ll = e ? (size_t)(e - (s + i)) : n - i;
            char *l = s + i;
            size_t tl = ll;
            while (tl && (l[tl - 1] == '\r' || l[tl - 1] == ' '))
                tl--;
            i += ll + (e ? 1 : 0);
            if (tl == 0) {
                line++;
                break;   /* blank line ends the header */
            }
            const char **field;
            if (header_line(l, tl, &nl_, &vo) && (field = header_field(a, l, nl_))) {
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
    /* body: drop boilerplate lines and a closing "Source: X" line */
    char *body = dyad_arena_alloc(mem, n - i + 1);
    if (!body)
        return -1;
    size_t bl = 0;
    int at_start = 1;
    while (i < n) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t ll = e ? (size_t)(e - (s + i)) : n - i;
        const char *l = s + i;
        i += ll + (e ? 1 : 0);
        size_t tl = ll;
        while (tl && (l[tl - 1] == '\r'))
            tl--;
        if (!keep_boilerplate && dyad_is_boilerplate_line(l, tl))
            continue;
        if (tl > 7 && strncasecmp(l, "Source:", 7) == 0 && tl < 120) {
            size_t v = 7;
            while (v < tl && l[v] == ' ')
                v++;
            if (!a->source)
                a->source = dyad_arena_strndup(mem, l + v, tl - v);
            continue;
        }
        if (at_start && tl > 0) {
            const char *agency = NULL, *place = NULL;
            size_t skip = dateline(mem, l, tl, &place, &agency);
            if (skip) {
                a->place = place;
                if (agency && !a->source)
                    a->source = agency;
                l += skip;
                tl -= skip;
            }
            at_start = 0;
        }
        memcpy(body + bl, l, tl);
        bl += tl;
        body[bl++] = '\n';
    }
    while (bl && (body[bl - 1] == '\n' || body[bl - 1] == ' '))
        bl--;
    body[bl] = 0;
    a->body = body;
    a->body_len = bl;
    return 0;
}

/* charset.c - charset detection (BOM, <meta>) and conversion to UTF-8 with iconv. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define META_SCAN_BYTES (16u * 1024u)

static int lower_ascii(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static int ieq(const char *a, const char *b)
{
    while (*a && *b) {
        if (lower_ascii((unsigned char)*a) != lower_ascii((unsigned char)*b))
            return 0;
        a++, b++;
    }
    return *a == *b;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_seq_len(const unsigned char *p, size_t avail)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        if (avail >= 2 && (p[1] & 0xC0) == 0x80)
            return 2;
        return 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && p[1] > 0x9F)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0;
        if (c == 0xF4 && p[1] > 0x8F)
            return 0;
        return 4;
    }
    return 0;
}

int dyad_utf8_valid(const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            /* skip ASCII 8 bytes at a time */
            while (i + 8 <= len) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            if (i < len && p[i] < 0x80)
                i++;
            continue;
        }
        size_t n = utf8_seq_len(p + i, len - i);
        if (!n)
            return 0;
        i += n;
    }
    return 1;
}

static void utf8_stats(const char *buf, size_t len, size_t *multibyte, size_t *invalid, size_t stop_after)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0, mb = 0, bad = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_seq_len(p + i, len - i);
        if (!n) {
            if (++bad >= stop_after)
                break;
            i++;
        } else {
            mb++;
            i += n;
        }
    }
    *multibyte = mb;
    *invalid = bad;
}

size_t dyad_utf8_count_invalid(const char *buf, size_t len, size_t stop_after)
{
    size_t mb, bad;
    utf8_stats(buf, len, &mb, &bad, stop_after ? stop_after : SIZE_MAX);
    return bad;
}

static void fix_controls(char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 ? (c != '\t' && c != '\n' && c != '\r') : c == 0x7F)
            s[i] = ' ';
    }
}

char *dyad_utf8_sanitize(const char *buf, size_t len, size_t *outlen)
{
    const unsigned char *p = (const unsigned char *)buf;
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    /* Fast path: valid UTF-8 (the common case) is copied as is. */
    if (dyad_utf8_valid(buf, len)) {
        char *out = malloc(len + 1);
        if (!out)
            return NULL;
        memcpy(out, buf, len);
        out[len] = '\0';
        fix_controls(out, len);
        if (outlen)
            *outlen = len;
        return out;
    }
    /* First pass: exact size. */
    size_t need = 0, i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            need++;
            i++;
            continue;
        }
        size_t n = utf8_seq_len(p + i, len - i);
        if (!n) {
            need += 3;
            i++;
        } else {
            need += n;
            i += n;
        }
    }
    char *out = malloc(need + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            out[o++] = (char)p[i++];
            continue;
        }
        size_t n = utf8_seq_len(p + i, len - i);
        if (!n) {
            out[o++] = (char)0xEF;
            out[o++] = (char)0xBF;
            out[o++] = (char)0xBD;
            i++;
        } else {
            memcpy(out + o, p + i, n);
            o += n;
            i += n;
        }
    }
    out[o] = '\0';
    fix_controls(out, o);
    if (outlen)
        *outlen = o;
    return out;
}

struct alias {
    const char *label;
    const char *name;
};

static const struct alias aliases[] = {
    {"utf-8", "UTF-8"},           {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"}, {"x-unicode20utf8", "UTF-8"},
    /* A <meta> cannot honestly declare UTF-16 (we could read it): WHATWG says UTF-8. */
    {"utf-16", "UTF-8"},          {"utf-16le", "UTF-8"},
    {"utf-16be", "UTF-8"},        {"unicode", "UTF-8"},
    {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
    {"latin-1", "WINDOWS-1252"},  {"l1", "WINDOWS-1252"},
    {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
    {"ansi_x3.4-1968", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"},
    {"x-cp1252", "WINDOWS-1252"}, {"cp819", "WINDOWS-1252"},
    {"ibm819", "WINDOWS-1252"},   {"iso-ir-100", "WINDOWS-1252"},
    {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
    {"iso-8859-11", "CP874"},     {"tis-620", "CP874"},
    {"windows-874", "CP874"},
    {"gb2312", "GB18030"},        {"gbk", "GB18030"},
    {"x-gbk", "GB18030"},         {"gb_2312-80", "GB18030"},
    {"gb_2312", "GB18030"},       {"chinese", "GB18030"},
    {"csgb2312", "GB18030"},      {"gb18030", "GB18030"},
    {"cp936", "GB18030"},         {"windows-936", "GB18030"},
    {"shift_jis", "CP932"},       {"shift-jis", "CP932"},
    {"sjis", "CP932"},            {"x-sjis", "CP932"},
    {"ms_kanji", "CP932"},        {"windows-31j", "CP932"},
    {"csshiftjis", "CP932"},      {"cp932", "CP932"},
    {"euc-kr", "CP949"},          {"ks_c_5601-1987", "CP949"},
    {"windows-949", "CP949"},     {"cseuckr", "CP949"},
    {"big5", "BIG5-HKSCS"},       {"big5-hkscs", "BIG5-HKSCS"},
    {"x-x-big5", "BIG5-HKSCS"},   {"cn-big5", "BIG5-HKSCS"},
    {"koi8-r", "KOI8-R"},         {"koi8_r", "KOI8-R"},
    {"koi", "KOI8-R"},            {"koi8", "KOI8-R"},
    {"koi8-u", "KOI8-U"},         {"koi8-ru", "KOI8-U"},
};

int dyad_charset_normalise(const char *label, size_t label_len, char *out, size_t outlen)
{
    char tmp[64];
    while (label_len && (*label == ' ' || *label == '\t' || *label == '"' || *label == '\''))
        label++, label_len--;
    while (label_len && (label[label_len - 1] == ' ' || label[label_len - 1] == '\t' ||
                         label[label_len - 1] == '"' || label[label_len - 1] == '\''))
        label_len--;
    if (label_len == 0 || label_len >= sizeof tmp || outlen == 0)
        return -1;
    for (size_t i = 0; i < label_len; i++)
        tmp[i] = (char)lower_ascii((unsigned char)label[i]);
    tmp[label_len] = '\0';
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(tmp, aliases[i].label) == 0) {
            if (strlen(aliases[i].name) >= outlen)
                return -1;
            strcpy(out, aliases[i].name);
            return 0;
        }
    }
    if (label_len >= outlen)
        return -1;
    for (size_t i = 0; i <= label_len; i++) {
        char c = tmp[i];
        out[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    return 0;
}

static const char *find_ci(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    int first = lower_ascii((unsigned char)needle[0]);
    for (const char *p = s; p + n <= end; p++) {
        if (lower_ascii((unsigned char)*p) != first)
            continue;
        size_t k = 1;
        while (k < n && lower_ascii((unsigned char)p[k]) == (unsigned char)needle[k])
            k++;
        if (k == n)
            return p;
    }
    return NULL;
}

/* Finds "charset" followed by '=' inside [p, end) and returns the label. */
static int charset_in_range(const char *p, const char *end, const char **lab, size_t *lablen)
{
    while ((p = find_ci(p, end, "charset")) != NULL) {
        const char *q = p + 7;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
            q++;
        if (q < end && *q == '=') {
            q++;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '"' || *q == '\''))
                q++;
            const char *s = q;
            while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                               (*q >= '0' && *q <= '9') || *q == '-' || *q == '_' ||
                               *q == '.' || *q == ':'))
                q++;
            if (q > s) {
                *lab = s;
                *lablen = (size_t)(q - s);
                return 1;
            }
        }
        p += 7;
    }
    return 0;
}

int dyad_charset_detect(const char *buf, size_t len, char *name, size_t namelen, size_t *bom_len)
{
    const unsigned char *u = (const unsigned char *)buf;
    *bom_len = 0;
    if (namelen < 16) {
        if (namelen)
            name[0] = '\0';
        return 0;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        strcpy(name, "UTF-8");
        *bom_len = 3;
        return 1;
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        strcpy(name, "UTF-16LE");
        *bom_len = 2;
        return 1;
    }
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        strcpy(name, "UTF-16BE");
        *bom_len = 2;
        return 1;
    }
    const char *end = buf + (len < META_SCAN_BYTES ? len : META_SCAN_BYTES);
    const char *p = buf;
    while ((p = find_ci(p, end, "<meta")) != NULL) {
        const char *tag_end = memchr(p, '>', (size_t)(end - p));
        if (!tag_end)
            tag_end = end;
        const char *lab;
        size_t lablen;
        if (charset_in_range(p + 5, tag_end, &lab, &lablen) &&
            dyad_charset_normalise(lab, lablen, name, namelen) == 0)
            return 1;
        p = tag_end;
    }
    strcpy(name, "UTF-8");
    return 0;
}

char *dyad_charset_to_utf8(const char *buf, size_t len, const char *charset, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len + len / 2 + 64, o = 0;
    char *out = malloc(cap);
    if (!out) {
        iconv_close(cd);
        return NULL;
    }
    char *in = (char *)buf;
    size_t inleft = len;
    for (;;) {
        char *op = out + o;
        size_t oleft = cap - o - 4; /* keep room for U+FFFD and NUL */
        size_t r = iconv(cd, inleft ? &in : NULL, inleft ? &inleft : NULL, &op, &oleft);
        o = (size_t)(op - out);
        if (r != (size_t)-1) {
            if (inleft == 0)
                break;
            continue;
        }
        if (errno == E2BIG) {
            size_t ncap = cap * 2;
            char *n = realloc(out, ncap);
            if (!n) {
                free(out);
                iconv_close(cd);
                return NULL;
            }
            out = n;
            cap = ncap;
            continue;
        }
        /* EILSEQ or EINVAL: emit a replacement character and skip a byte. */
        out[o++] = (char)0xEF;
        out[o++] = (char)0xBF;
        out[o++] = (char)0xBD;
        if (errno == EINVAL || inleft <= 1) {
            inleft = 0;
            break;
        }
        in++;
        inleft--;
        iconv(cd, NULL, NULL, NULL, NULL); /* reset shift state */
    }
    iconv_close(cd);
    out[o] = '\0';
    /* iconv output is valid UTF-8 but may contain control characters. */
    fix_controls(out, o);
    if (outlen)
        *outlen = o;
    return out;
}

char *dyad_charset_decode_html(const char *buf, size_t len, size_t *outlen, char *used, size_t usedlen)
{
    char name[64];
    size_t bom = 0;
    int declared = dyad_charset_detect(buf, len, name, sizeof name, &bom);
    buf += bom;
    len -= bom;
    if (!declared) {
        /* Nothing declared: UTF-8, unless the bytes are clearly a legacy 8-bit encoding. */
        size_t mb, bad;
        utf8_stats(buf, len, &mb, &bad, SIZE_MAX);
        if (bad > 0 && bad >= mb)
            strcpy(name, "WINDOWS-1252");
    }
    char *out = NULL;
    if (!ieq(name, "UTF-8")) {
        out = dyad_charset_to_utf8(buf, len, name, outlen);
        if (!out)
            strcpy(name, "UTF-8"); /* unknown charset (or OOM): fall through */
    }
    if (!out)
        out = dyad_utf8_sanitize(buf, len, outlen);
    if (used && usedlen) {
        strncpy(used, name, usedlen - 1);
        used[usedlen - 1] = '\0';
    }
    return out;
}

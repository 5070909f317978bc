#include "text/token.h"
#include <string.h>
#include <utf8proc.h>
#include "util/hmap.h"

/* Decode one code point at s[i] (i < n); invalid bytes decode as U+FFFD of length 1. */
static utf8proc_int32_t decode(const char *s, size_t n, size_t i, size_t *adv)
{
    if ((unsigned char)s[i] < 0x80) {   /* ASCII: most of English news */
        *adv = 1;
        return (unsigned char)s[i];
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *adv = 1;
        return 0xFFFD;
    }
    *adv = (size_t)k;
    return cp;
}

static int is_letter(utf8proc_int32_t cp)
{
    if (cp < 128)
        return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c <= UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC;
}

static int is_digit(utf8proc_int32_t cp) { return cp >= '0' && cp <= '9'; }
static int is_space(utf8proc_int32_t cp)
{
    if (cp < 128)
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
           cp == 0x200B || cp == 0xFEFF;
}
static int is_apostrophe(utf8proc_int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }
static int is_hyphen(utf8proc_int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

size_t dyad_normalize(const char *s, size_t len, char *buf, size_t cap)
{
    size_t o = 0;
    /* ASCII fast path: lower case, drop dots, fold the apostrophe */
    size_t k = 0;
    while (k < len && (unsigned char)s[k] < 0x80)
        k++;
    if (k == len) {
        for (size_t i = 0; i < len; i++) {
            char ch = s[i];
            if (ch == '.')
                continue;
            if (o + 1 >= cap)
                return 0;
            buf[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        }
        return o;
    }
    for (size_t i = 0; i < len;) {
        size_t adv;
        utf8proc_int32_t cp = decode(s, len, i, &adv);
        i += adv;
        if (cp == '.')
            continue;
        if (is_apostrophe(cp))
            cp = '\'';
        else if (cp < 128)
            cp = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        else
            cp = utf8proc_tolower(cp);
        utf8proc_uint8_t tmp[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
        if (o + (size_t)k >= cap)
            return 0;
        memcpy(buf + o, tmp, (size_t)k);
        o += (size_t)k;
    }
    return o;
}

uint64_t dyad_word_hash(const char *s, size_t len)
{
    char buf[256];
    size_t n = dyad_normalize(s, len, buf, sizeof buf);
    return dyad_hash_bytes(buf, n ? n : len ? 0 : 0);
}

static uint16_t case_flags_utf8(const char *s, size_t len);

/* Flags for a word span: capitalisation. */
static uint16_t case_flags(const char *s, size_t len)
{
    /* ASCII fast path */
    int letters = 0, upper = 0, first = -1;
    size_t i = 0;
    for (; i < len && (unsigned char)s[i] < 0x80; i++) {
        char ch = s[i];
        int lo = ch >= 'a' && ch <= 'z', up = ch >= 'A' && ch <= 'Z';
        if (!lo && !up)
            continue;
        if (first < 0)
            first = up;
        letters++;
        upper += up;
    }
    if (i == len) {
        uint16_t f = 0;
        if (first == 1)
            f |= TOK_CAP;
        if (letters && upper == letters)
            f |= TOK_ALLCAPS;
        return f;
    }
    return case_flags_utf8(s, len);
}

static uint16_t case_flags_utf8(const char *s, size_t len)
{
    int letters = 0, upper = 0, first_upper = -1;
    for (size_t i = 0; i < len;) {
        size_t adv;
        utf8proc_int32_t cp = decode(s, len, i, &adv);
        i += adv;
        if (!is_letter(cp))
            continue;
        int up = cp < 128 ? (cp >= 'A' && cp <= 'Z') : utf8proc_isupper(cp);
        if (first_upper < 0)
            first_upper = up;
        letters++;
        upper += up;
    }
    uint16_t f = 0;
    if (first_upper == 1)
        f |= TOK_CAP;
    if (letters && upper == letters)
        f |= TOK_ALLCAPS;
    return f;
}

/* Scan one word starting at i: letters/digits/marks, internal dots of abbreviations
 * (U.S., e.g.), decimal points between digits, internal apostrophes of names (O'Brien). Stops
 * before a possessive 's, before n't, and at hyphens. Returns the end offset. */
static size_t scan_word(const char *s, size_t end, size_t i, int *abbrev)
{
    size_t j = i;
    int letters_since_dot = 0, dots = 0, all_single = 1;
    *abbrev = 0;
    while (j < end) {
        size_t adv;
        utf8proc_int32_t cp = decode(s, end, j, &adv);
        if (is_letter(cp) || is_digit(cp)) {
            letters_since_dot++;
            j += adv;
            continue;
        }
        /* thousands separator: 100,000 and 1,500,000 are one number */
        if (cp == ',' && j > i && is_digit((unsigned char)s[j - 1]) && j + 3 < end + 0 &&
            is_digit((unsigned char)s[j + 1]) && is_digit((unsigned char)s[j + 2]) &&
            is_digit((unsigned char)s[j + 3]) && (j + 4 >= end || !is_digit((unsigned char)s[j + 4])) &&
            is_digit((unsigned char)s[i])) {
            j += 4;
            continue;
        }
        if (cp == '.' && j + 1 < end) {
            size_t adv2;
            utf8proc_int32_t nx = decode(s, end, j + 1, &adv2);
            /* decimal: digit . digit */
            if (is_digit(nx) && j > i && is_digit((unsigned char)s[j - 1])) {
                j += 1;
                continue;
            }
            /* abbreviation: single letters separated by dots (U.S., U.N.) */
            if (is_letter(nx) && letters_since_dot <= 2) {
                if (letters_since_dot > 1)
                    all_single = 0;
                dots++;
                letters_since_dot = 0;
                j += 1;
                continue;
            }
        }
        if (is_apostrophe(cp) && j + adv < end) {
            size_t adv2;
            utf8proc_int32_t nx = decode(s, end, j + adv, &adv2);
            /* 's possessive / n't: stop here so they become tokens of their own */
            if ((nx == 's' || nx == 'S') &&
                (j + adv + 1 >= end || !is_letter((unsigned char)s[j + adv + 1])))
                break;
            if ((nx == 't' || nx == 'T') && j > i && (s[j - 1] == 'n' || s[j - 1] == 'N'))
                break;
            if (is_letter(nx) && letters_since_dot > 0) {   /* O'Brien, d'Ivoire */
                j += adv;
                continue;
            }
        }
        break;
    }
    /* trailing dot of an abbreviation: U.S. */
    if (dots > 0 && all_single && letters_since_dot == 1 && j < end && s[j] == '.') {
        j++;
        *abbrev = 1;
    }
    /* "n't": move the n back out of the word */
    if (j < end && j - i > 1 && (s[j - 1] == 'n' || s[j - 1] == 'N')) {
        size_t adv;
        if (is_apostrophe(decode(s, end, j, &adv)) && j + adv < end && (s[j + adv] | 32) == 't')
            j--;
    }
    return j;
}

static int push(dyad_arena *a, dyad_token **arr, uint32_t *n, uint32_t *cap, dyad_token t)
{
    if (*n == *cap) {
        uint32_t nc = *cap ? *cap * 2 : 64;
        dyad_token *na = dyad_arena_alloc(a, nc * sizeof *na);
        if (!na)
            return -1;
        if (*n)
            memcpy(na, *arr, *n * sizeof *na);
        *arr = na;
        *cap = nc;
    }
    (*arr)[(*n)++] = t;
    return 0;
}

static dyad_token make_token(const char *s, size_t b, size_t e, uint16_t flags)
{
    dyad_token t;
    char buf[256];
    size_t nl = dyad_normalize(s + b, e - b, buf, sizeof buf);
    t.start = (uint32_t)b;
    t.len = (uint32_t)(e - b);
    t.hash = dyad_hash_bytes(buf, nl);
    t.nlen = (uint16_t)nl;
    t.flags = flags;
    return t;
}

int dyad_tokenize(dyad_arena *a, const char *body, uint32_t start, uint32_t end,
                  dyad_token **out, uint32_t *n)
{
    dyad_token *arr = NULL;
    uint32_t count = 0, cap = 0;
    size_t i = start;
    int hyphen_pending = 0;
    while (i < end) {
        size_t adv;
        utf8proc_int32_t cp = decode(body, end, i, &adv);
        if (is_space(cp)) {
            hyphen_pending = 0;
            i += adv;
            continue;
        }
        if ((cp == 'n' || cp == 'N') && i + 2 < end) {
            size_t adv2;
            utf8proc_int32_t ap = decode(body, end, i + 1, &adv2);
            size_t tpos = i + 1 + adv2;
            if (is_apostrophe(ap) && tpos < end && (body[tpos] | 32) == 't' &&
                (tpos + 1 >= end || !is_letter((unsigned char)body[tpos + 1]))) {
                if (push(a, &arr, &count, &cap, make_token(body, i, tpos + 1, TOK_WORD)))
                    return -1;
                i = tpos + 1;
                continue;
            }
        }
        if (is_letter(cp) || is_digit(cp)) {
            int abbrev;
            size_t j = scan_word(body, end, i, &abbrev);
            if (j == i)
                j = i + adv;
            uint16_t f = (uint16_t)(is_digit(cp) ? TOK_NUM : TOK_WORD);
            f |= case_flags(body + i, j - i);
            if (hyphen_pending)
                f |= TOK_HYPHEN_BEFORE;
            if (push(a, &arr, &count, &cap, make_token(body, i, j, f)))
                return -1;
            hyphen_pending = 0;
            i = j;
            continue;
        }
        if (is_hyphen(cp) && count > 0 && i + adv < end) {
            size_t adv2;
            const dyad_token *prev = &arr[count - 1];
            utf8proc_int32_t next = decode(body, end, i + adv, &adv2);
            if (!(prev->flags & TOK_PUNCT) && prev->start + prev->len == i &&
                (is_letter(next) || is_digit(next))) {
                hyphen_pending = 1;
                i += adv;
                continue;
            }
        }
        if (is_apostrophe(cp) && count > 0 && i > start) {
            /* possessive 's / s' or n't */
            size_t adv2;
            utf8proc_int32_t nx = i + adv < end ? decode(body, end, i + adv, &adv2) : 0;
            if ((nx == 's' || nx == 'S') && (i + adv + 1 >= end || !is_letter((unsigned char)body[i + adv + 1]))) {
                dyad_token t = make_token(body, i, i + adv + 1, TOK_WORD | TOK_POSS);
                if (push(a, &arr, &count, &cap, t))
                    return -1;
                i += adv + 1;
                continue;
            }
        }
        /* punctuation: one code point per token (ellipsis "..." kept together) */
        size_t j = i + adv;
        if (cp == '.')
            while (j < end && body[j] == '.')
                j++;
        if (push(a, &arr, &count, &cap, make_token(body, i, j, TOK_PUNCT)))
            return -1;
        hyphen_pending = 0;
        i = j;
    }
    *out = arr;
    *n = count;
    return 0;
}

int dyad_tokenize_name(const char *s, size_t len, uint64_t *hashes, uint16_t *flags, int max)
{
    /* dictionary loading calls this for every name: reuse one arena per thread */
    static _Thread_local dyad_arena a;
    static _Thread_local int ready;
    if (!ready) {
        dyad_arena_init(&a, 16384, 0);
        ready = 1;
    }
    dyad_arena_reset(&a);
    dyad_token *t;
    uint32_t n;
    int r = -1;
    if (dyad_tokenize(&a, s, 0, (uint32_t)len, &t, &n) == 0) {
        int k = 0;
        for (uint32_t i = 0; i < n; i++) {
            if (t[i].flags & TOK_PUNCT)
                continue;   /* dictionary names ignore punctuation */
            if (k == max) {
                k = -1;
                break;
            }
            hashes[k] = t[i].hash;
            if (flags)
                flags[k] = t[i].flags;
            k++;
        }
        r = k;
    }
    return r;
}

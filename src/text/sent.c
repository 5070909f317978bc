#include "text/sent.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Words after whose final dot a sentence never ends. */
static const char *const no_split_abbrev[] = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "gov", "sen",
    "rep", "rev", "prof", "st", "cmdr", "brig", "pres", "supt", "insp", "mt", "ft", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos",
    "vol", "art", "fig", "vs", "approx", "gens", "cpl", "pvt", "hon", "messrs", "ave", "est",
    "dept", "univ", "assn", "bros", "govt", "ref", "para", NULL};

/* Words that open a new sentence after an ambiguous abbreviation such as "U.S.". */
static const char *const openers[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "that", "these", "those",
    "but", "and", "in", "on", "at", "meanwhile", "however", "his", "her", "their", "its",
    "there", "officials", "after", "when", "while", "some", "many", "both", "earlier", "later",
    "last", "on", "for", "as", "if", "yet", "still", "also", "separately", "our", "you", NULL};

static int in_list(const char *const *list, const char *w, size_t n)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Is body[i..] a closing quote or bracket (ASCII or curly)? Returns its byte length or 0. */
static int closer_len(const char *b, uint32_t i, uint32_t len)
{
    unsigned char c = (unsigned char)b[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']')
        return 1;
    /* U+201D ” U+2019 ’ U+00BB » */
    if (c == 0xE2 && i + 2 < len && (unsigned char)b[i + 1] == 0x80 &&
        ((unsigned char)b[i + 2] == 0x9D || (unsigned char)b[i + 2] == 0x99))
        return 3;
    if (c == 0xC2 && i + 1 < len && (unsigned char)b[i + 1] == 0xBB)
        return 2;
    return 0;
}

/* Can a sentence start at body[i]? Upper case, digit, opening quote/bracket, non-ASCII. */
static int starts_sentence(const char *b, uint32_t i, uint32_t len)
{
    unsigned char c = (unsigned char)b[i];
    if (isupper(c) || isdigit(c) || c == '"' || c == '\'' || c == '(' || c == '[')
        return 1;
    if (c >= 0x80)   /* curly quotes, accented capitals, other scripts: accept */
        return !(c == 0xE2 && i + 2 < len && (unsigned char)b[i + 1] == 0x80 &&
                 (unsigned char)b[i + 2] == 0xA6);
    return 0;
}

/* The word (letters and dots) that ends just before body[dot]. */
static void word_before(const char *b, uint32_t from, uint32_t dot, uint32_t *ws)
{
    uint32_t k = dot;
    while (k > from && (isalnum((unsigned char)b[k - 1]) || b[k - 1] == '.'))
        k--;
    *ws = k;
}

/* Decide whether the '.' at body[dot] ends the sentence; next = first char of next word. */
static int period_ends(const char *b, uint32_t from, uint32_t dot, uint32_t next, uint32_t len)
{
    uint32_t ws;
    word_before(b, from, dot, &ws);
    uint32_t wl = dot - ws;
    if (wl == 0)
        return 1;
    const char *w = b + ws;
    if (memchr(w, '.', wl) == NULL) {
        if (in_list(no_split_abbrev, w, wl))
            return 0;
        if (wl == 1 && isupper((unsigned char)w[0]))
            return 0;   /* initial: George W. Bush */
        return 1;
    }
    /* dotted abbreviation (U.S.): split only before a usual sentence opener */
    uint32_t e = next;
    while (e < len && isalpha((unsigned char)b[e]))
        e++;
    return in_list(openers, b + next, e - next);
}

typedef struct splitter {
    dyad_arena *a;
    const char *b;
    uint32_t len;
    dyad_span *arr;
    uint32_t n, cap;
} splitter;

static int emit(splitter *s, uint32_t start, uint32_t end)
{
    while (start < end && is_ws((unsigned char)s->b[start]))
        start++;
    while (end > start && is_ws((unsigned char)s->b[end - 1]))
        end--;
    if (start == end)
        return 0;
    if (s->n == s->cap) {
        uint32_t nc = s->cap ? s->cap * 2 : 32;
        dyad_span *na = dyad_arena_alloc(s->a, nc * sizeof *na);
        if (!na)
            return -1;
        if (s->n)
            memcpy(na, s->arr, s->n * sizeof *na);
        s->arr = na;
        s->cap = nc;
    }
    s->arr[s->n++] = (dyad_span){start, end};
    return 0;
}

/* After a newline at i: is this a blank line (paragraph break)? */
static int blank_line_follows(const char *b, uint32_t i, uint32_t len)
{
    for (uint32_t k = i + 1; k < len; k++) {
        if (b[k] == '\n')
            return 1;
        if (!is_ws((unsigned char)b[k]))
            return 0;
    }
    return 1;
}

/* A short line with no final punctuation followed by a capitalised line is a title or a
 * list item: it ends a sentence. */
static int short_title_line(const char *b, uint32_t line_start, uint32_t nl, uint32_t len)
{
    uint32_t e = nl;
    while (e > line_start && is_ws((unsigned char)b[e - 1]))
        e--;
    if (e == line_start || nl - line_start >= 60)
        return 0;
    unsigned char last = (unsigned char)b[e - 1];
    if (last == ',' || last == ';' || last == ':' || last == '-')
        return 0;
    uint32_t k = nl + 1;
    while (k < len && is_ws((unsigned char)b[k]))
        k++;
    return k < len && starts_sentence(b, k, len);
}

int dyad_split_sentences(dyad_arena *a, const char *b, uint32_t len, dyad_span **out, uint32_t *n)
{
    splitter s = {a, b, len, NULL, 0, 0};
    uint32_t start = 0, line_start = 0;
    for (uint32_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)b[i];
        if (c == '\n') {
            if (blank_line_follows(b, i, len) || short_title_line(b, line_start, i, len)) {
                if (emit(&s, start, i))
                    return -1;
                start = i + 1;
            }
            line_start = i + 1;
            continue;
        }
        if (i - start >= DYAD_SENT_MAX && is_ws(c)) {
            if (emit(&s, start, i))
                return -1;
            start = i + 1;
            continue;
        }
        int ellipsis = c == 0xE2 && i + 2 < len && (unsigned char)b[i + 1] == 0x80 &&
                       (unsigned char)b[i + 2] == 0xA6;
        if (c != '.' && c != '!' && c != '?' && !ellipsis)
            continue;
        uint32_t j = i + (ellipsis ? 3 : 1);
        while (j < len && (b[j] == '.' || b[j] == '!' || b[j] == '?'))
            j++;
        int cl;
        while (j < len && (cl = closer_len(b, j, len)) > 0)
            j += (uint32_t)cl;
        if (j < len && !is_ws((unsigned char)b[j])) {
            i = j - 1;
            continue;
        }
        uint32_t k = j;
        while (k < len && is_ws((unsigned char)b[k]))
            k++;
        if (k >= len)
            break;   /* end of text: the final emit takes it */
        int ends = starts_sentence(b, k, len);
        if (ends && c == '.' && j == i + 1)
            ends = period_ends(b, start, i, k, len);
        else if (ends && c == '.' && !ellipsis) {
            /* "..." or ".)" — a closer after a single dot still needs the abbreviation check */
            uint32_t dots = i;
            while (dots + 1 < len && b[dots + 1] == '.')
                dots++;
            if (dots == i)
                ends = period_ends(b, start, i, k, len);
        }
        if (ends) {
            if (emit(&s, start, j))
                return -1;
            start = j;
        }
        i = j - 1;
    }
    if (emit(&s, start, len))
        return -1;
    *out = s.arr;
    *n = s.n;
    return 0;
}

/* dateline.c — "CITY, Date (Agency) -" at the start of an article. */
#include "ingest/dateline.h"
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

static const char *const agencies[] = {
    "reuters", "ap", "the associated press", "associated press", "afp", "agence france-presse",
    "cnn", "xinhua", "xinhua news agency", "tass", "itar-tass", "bloomberg", "dpa", "ansa", "efe",
    "kyodo", "kyodo news", "yonhap", "yonhap news agency", "ians", "pti", "ani", "upi", "bbc",
    "al jazeera", "ria novosti", "ria", "interfax", "anadolu", "anadolu agency", "aa", "wafa",
    "kuna", "spa", "irna", "mena", "apa", "sputnik", "nhk", "cna", "bernama", "antara", "pna",
    "aap", "cp", "the canadian press", "sana", "qna", "wam", "bna", "ona", "petra", "isna", "fars",
    "tasnim", "kcna", "npr", "abc", "cbs", "nbc", "fox news", "rfe/rl", "voa", "dw", "rtrs",
    "reuters breakingviews", "ukrinform", "unian", "ptv", "app", "apa-ots", "ntb", "tt", "ritzau",
    "stt", "belga", "anp", "lusa", "ats", "hina", "mti", "pap", "ctk", "bta", "agerpres", "ena",
    "nan", "kyodo/ap", "ap/reuters", "reuters/ap", NULL};

int dyad_known_agency(const char *name, size_t n)
{
    for (int i = 0; agencies[i]; i++)
        if (strlen(agencies[i]) == n && strncasecmp(agencies[i], name, n) == 0)
            return 1;
    return 0;
}

/* Capitalised words that open headlines and notes, not places. */
static const char *const not_places[] = {
    "breaking", "breaking news", "update", "updated", "updates", "live", "live updates",
    "exclusive", "note", "editor's note", "editors note", "editor’s note", "watch", "video",
    "photos", "photo", "analysis", "opinion", "comment", "correction", "corrected",
    "clarification", "advisory", "urgent", "flash", "alert", "fact check", "factbox", "explainer",
    "interview", "review", "editorial", "feature", "bulletin", "warning", "developing", "just in",
    "new", "news", "report", "special report", "top news", "world", "politics", "business",
    "sports", "markets", "q&a", "faq", "read more", "related", "source", "sources", "summary",
    "timeline", "graphic", "insight", "poll", "podcast", "recap", "latest", "highlights",
    "refile", "repeat", "rpt", "wrapup", "update 1", "nato", "eu", "un", "us", "usa", "uk", NULL};

static int is_not_place(const char *s, size_t n)
{
    for (int i = 0; not_places[i]; i++)
        if (strlen(not_places[i]) == n && strncasecmp(not_places[i], s, n) == 0)
            return 1;
    return 0;
}

static const char *const month_words[] = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", NULL};

static int is_month_word(const char *s, size_t n)
{
    for (int i = 0; month_words[i]; i++)
        if (strlen(month_words[i]) == n && strncasecmp(month_words[i], s, n) == 0)
            return 1;
    return 0;
}

static const char *const particles[] = {"de", "del", "da", "do", "dos", "das", "al", "el", "la",
                                        "le", "les", "of", "am", "an", "upon", "sur", "en", NULL};

static int decode(const char *b, size_t n, size_t i, int32_t *c)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)b + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *c = 0xFFFD;
        return 1;
    }
    *c = cp;
    return (int)k;
}

static int is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
}

static int is_lower(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int is_particle(const char *b, size_t n, size_t i, size_t *end)
{
    size_t e = i;
    while (e < n && b[e] >= 'a' && b[e] <= 'z')
        e++;
    for (int p = 0; particles[p]; p++)
        if (strlen(particles[p]) == e - i && strncmp(particles[p], b + i, e - i) == 0) {
            *end = e;
            return 1;
        }
    return 0;
}

/* Scan a place (or region) name from i: capitalised words (and particles: "Rio de Janeiro")
 * joined by single spaces, hyphens or slashes ("PORT-AU-PRINCE", "SAO PAULO/BRASILIA"). Sets
 * *caps when no letter is lower case and *letters to the letter count. Returns the end of the
 * name, or i when there is none (or it is over 60 bytes long). */
static size_t scan_name(const char *b, size_t n, size_t i, int *caps, size_t *letters)
{
    size_t start = i, end = i;
    int upper = 0, lower = 0;
    *letters = 0;
    *caps = 0;
    while (i < n) {
        int32_t c;
        int k = decode(b, n, i, &c);
        size_t pe;
        if (is_lower(c) && end > start && is_particle(b, n, i, &pe) && pe < n &&
            (b[pe] == ' ' || b[pe] == '-')) {
            i = pe + 1;   /* a particle must be followed by another word */
            continue;
        }
        if (!is_upper(c))
            break;
        while (i < n) {   /* one word */
            k = decode(b, n, i, &c);
            if (is_upper(c))
                upper++;
            else if (is_lower(c))
                lower++;
            else if (!(c >= 0x80 && utf8proc_category(c) == UTF8PROC_CATEGORY_MN) && c != '.' &&
                     c != '\'' && c != 0x2019)
                break;
            if (is_upper(c) || is_lower(c))
                (*letters)++;
            i += (size_t)k;
        }
        end = i;
        if (end - start > 60)
            return start;
        if (i + 1 < n && (b[i] == ' ' || b[i] == '-' || b[i] == '/') && b[i + 1] != ' ' &&
            b[i + 1] != '-' && b[i + 1] != '(')
            i++;
        else
            break;
    }
    *caps = upper >= 2 && lower == 0;
    return end;
}

/* Copy b[s..e) with every word title-cased when it is written in capitals. */
static char *title_case(dyad_arena *m, const char *b, size_t s, size_t e, int caps)
{
    char *out = dyad_arena_alloc(m, (e - s) * 2 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int at_word = 1;
    for (size_t i = s; i < e;) {
        int32_t c;
        int k = decode(b, e, i, &c);
        if (caps && !at_word && is_upper(c))
            c = c < 0x80 ? c + 32 : utf8proc_tolower(c);
        at_word = c == ' ' || c == '-' || c == '/' || c == '.' || c == '\'' || c == 0x2019;
        utf8proc_ssize_t w = utf8proc_encode_char(c, (utf8proc_uint8_t *)out + o);
        o += (size_t)(w > 0 ? w : 0);
        i += (size_t)k;
    }
    out[o] = 0;
    return out;
}

static size_t skip_spaces(const char *b, size_t n, size_t i)
{
    while (i < n && (b[i] == ' ' || b[i] == '\t'))
        i++;
    /* no-break space */
    while (i + 1 < n && (unsigned char)b[i] == 0xC2 && (unsigned char)b[i + 1] == 0xA0)
        i += 2;
    while (i < n && (b[i] == ' ' || b[i] == '\t'))
        i++;
    return i;
}

/* A dash separator (-, --, en dash, em dash, horizontal bar). Returns the end or 0. */
static size_t dash(const char *b, size_t n, size_t i)
{
    if (i < n && b[i] == '-') {
        while (i < n && b[i] == '-')
            i++;
        return i;
    }
    if (i + 2 < n && (unsigned char)b[i] == 0xE2 && (unsigned char)b[i + 1] == 0x80 &&
        ((unsigned char)b[i + 2] >= 0x93 && (unsigned char)b[i + 2] <= 0x95)) {
        i += 3;
        if (i + 2 < n && (unsigned char)b[i] == 0xE2 && (unsigned char)b[i + 1] == 0x80 &&
            ((unsigned char)b[i + 2] >= 0x93 && (unsigned char)b[i + 2] <= 0x95))
            i += 3;
        return i;
    }
    return 0;
}

/* After ", ": a date ("Feb 20", "Feb. 20, 2024", "20 February", "Tuesday") ends at '(' '/' or a
 * dash. Returns its end, 0 when the segment is not a date. */
static size_t date_segment(const char *b, size_t n, size_t i)
{
    int month = 0, number = 0;
    size_t end = i, start = i;
    while (i < n && b[i] != '(' && b[i] != '/' && !dash(b, n, i) && b[i] != ':') {
        if ((b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= 'a' && b[i] <= 'z')) {
            size_t s = i;
            while (i < n && ((b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= 'a' && b[i] <= 'z')))
                i++;
            if (!is_month_word(b + s, i - s))
                return 0;
            month++;
            end = i;
        } else if (b[i] >= '0' && b[i] <= '9') {
            while (i < n && b[i] >= '0' && b[i] <= '9')
                i++;
            number++;
            end = i;
        } else if (b[i] == ' ' || b[i] == ',' || b[i] == '.') {
            i++;
            if (b[i - 1] == '.')
                end = i;
        } else {
            return 0;
        }
        if (i - start > 40)
            return 0;
    }
    return month && number <= 2 ? end : 0;
}

size_t dyad_dateline(dyad_arena *m, const char *b, size_t n, const char **place, const char **agency)
{
    *place = NULL;
    *agency = NULL;
    if (n > 4096)
        n = 4096;
    size_t letters;
    int caps = 0;
    size_t place_end = scan_name(b, n, 0, &caps, &letters);
    if (letters < 3)
        place_end = 0;   /* "(Reuters) - ..." or nothing */
    if (place_end && is_not_place(b, place_end))
        return 0;
    size_t region_s = 0, region_e = 0, i = place_end;
    int region_caps = 0;
    if (place_end) {
        for (int seg = 0; seg < 3 && i < n && b[i] == ','; seg++) {
            size_t j = skip_spaces(b, n, i + 1);
            size_t d = date_segment(b, n, j);
            if (d) {
                i = d;
                continue;
            }
            size_t rl;
            size_t re = scan_name(b, n, j, &region_caps, &rl);
            if (re == j || rl < 2 || region_e)
                return 0;
            region_s = j;
            region_e = re;
            i = re;
        }
    }
    i = skip_spaces(b, n, i);
    size_t ag_s = 0, ag_e = 0;
    int slash_agency = 0;
    if (i < n && (b[i] == '(' || (b[i] == '/' && place_end))) {
        char close = b[i] == '(' ? ')' : '/';
        size_t e = i + 1;
        while (e < n && b[e] != close && b[e] != '\n' && e - i < 50)
            e++;
        if (e >= n || b[e] != close)
            return 0;
        ag_s = i + 1;
        ag_e = e;
        while (ag_s < ag_e && b[ag_s] == ' ')
            ag_s++;
        while (ag_e > ag_s && b[ag_e - 1] == ' ')
            ag_e--;
        if (ag_e == ag_s)
            return 0;
        unsigned char f = (unsigned char)b[ag_s];
        if (!(f >= 'A' && f <= 'Z') && f < 0x80 && !dyad_known_agency(b + ag_s, ag_e - ag_s))
            return 0;
        slash_agency = close == '/';
        i = e + 1;
        if (slash_agency && i < n && b[i] == '.')
            i++;
    }
    int have_agency = ag_e > ag_s;
    if (!place_end && !(have_agency && b[0] == '('))
        return 0;
    if (place_end && !caps && !have_agency)
        return 0;   /* "Paris - ..." could be anything; "Paris (AFP) -" is a dateline */
    size_t j = skip_spaces(b, n, i);
    size_t d = dash(b, n, j);
    if (!d && j < n && b[j] == ':' && caps && !have_agency)
        d = j + 1;
    if (!d) {
        /* "New Delhi, Feb 20 (PTI) The ..." and "MOSCOW, Feb 20. /TASS/. ..." need no dash */
        if (!have_agency || !place_end || !(slash_agency || dyad_known_agency(b + ag_s, ag_e - ag_s)))
            return 0;
        d = i;
    }
    size_t rest = skip_spaces(b, n, d);
    if (!have_agency && rest < n) {
        /* no agency: what follows must read as a sentence, not as a headline */
        size_t rl = n - rest;
        const unsigned char *t = (const unsigned char *)b + n;
        int stop = t[-1] == '.' || (rl > 2 && (t[-1] == '"' || t[-1] == ')') && t[-2] == '.') ||
                   (rl > 4 && t[-3] == 0xE2 && t[-2] == 0x80 && t[-1] == 0x9D && t[-4] == '.');
        if (!(rl >= 100 || (rl >= 40 && stop)))
            return 0;
    }
    if (place_end) {
        char *p = title_case(m, b, 0, place_end, caps);
        if (p && region_e) {
            char *r = title_case(m, b, region_s, region_e, region_caps);
            size_t pl = strlen(p), rlen = r ? strlen(r) : 0;
            char *both = r ? dyad_arena_alloc(m, pl + rlen + 3) : NULL;
            if (both) {
                memcpy(both, p, pl);
                memcpy(both + pl, ", ", 2);
                memcpy(both + pl + 2, r, rlen + 1);
                p = both;
            }
        }
        *place = p;
    }
    if (have_agency)
        *agency = dyad_arena_strndup(m, b + ag_s, ag_e - ag_s);
    return rest;
}

/* html.c - main-content and metadata extraction from article HTML.
 *
 * Pipeline (see docs/ingestion.md, "HTML pages"):
 *   1. charset: BOM / <meta> detection, iconv to UTF-8, invalid bytes -> U+FFFD;
 *   2. parse with libxml2's HTML parser in SAX mode into a compact node array
 *      (no libxml2 tree), capturing <title>, <meta>, <link>, <html lang>,
 *      <time datetime> and JSON-LD scripts on the way;
 *   3. cut the document into text blocks (paragraph units) at block-level
 *      element boundaries, with text length, link-text length and
 *      punctuation counts;
 *   4. score every element by the prose it contains versus boilerplate text
 *      (link-heavy blocks, short fragments, blocks under boilerplate-looking
 *      containers), pick the best container, add its qualifying siblings;
 *   5. filter blocks inside the chosen region (captions, bylines, share
 *      bars, link lists, notices) and join them.
 */
#include "html.h"
#include "charset.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ------------------------------------------------------------------------ */
/* Limits                                                                    */

#define MAX_DEPTH 400u           /* deeper elements are folded into their ancestor */
#define MAX_LDJSON (2u << 20)    /* bytes of one JSON-LD script we parse */
#define MAX_META_VALUE 4096u     /* longest metadata string kept */
#define MAX_AUTHORS 16
#define NONE UINT32_MAX

/* ------------------------------------------------------------------------ */
/* Small growable string                                                     */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    int oom;
} sbuf;

static int sb_reserve(sbuf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t ncap = b->cap ? b->cap : 256;
    while (ncap < b->len + extra + 1) {
        if (ncap > SIZE_MAX / 2) {
            b->oom = 1;
            return -1;
        }
        ncap *= 2;
    }
    char *n = realloc(b->p, ncap);
    if (!n) {
        b->oom = 1;
        return -1;
    }
    b->p = n;
    b->cap = ncap;
    return 0;
}

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (sb_reserve(b, n) < 0)
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_addc(sbuf *b, char c)
{
    if (sb_reserve(b, 1) < 0)
        return;
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}

static void sb_free(sbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* ------------------------------------------------------------------------ */
/* ASCII helpers (locale independent)                                        */

static int lc(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

static int streq_ci(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    while (*a && *b && lc((unsigned char)*a) == lc((unsigned char)*b))
        a++, b++;
    return *a == '\0' && *b == '\0';
}

static int starts_ci(const char *s, const char *prefix)
{
    while (*prefix) {
        if (lc((unsigned char)*s) != lc((unsigned char)*prefix))
            return 0;
        s++, prefix++;
    }
    return 1;
}

static const char *strstr_ci(const char *h, const char *n)
{
    size_t nl = strlen(n);
    if (!nl)
        return h;
    for (; *h; h++) {
        size_t i = 0;
        while (i < nl && h[i] && lc((unsigned char)h[i]) == lc((unsigned char)n[i]))
            i++;
        if (i == nl)
            return h;
    }
    return NULL;
}

/* Trimmed, whitespace-collapsed, length-bounded malloc'd copy (NULL if empty). */
static char *clean_dup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    if (n > MAX_META_VALUE)
        n = MAX_META_VALUE;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c) || (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
            if (c == 0xC2)
                i++;
            sp = 1;
            continue;
        }
        if (sp && o)
            out[o++] = ' ';
        sp = 0;
        out[o++] = (char)c;
    }
    /* do not cut a UTF-8 sequence in half when the value was truncated */
    while (o && ((unsigned char)out[o - 1] & 0xC0) == 0x80 && n == MAX_META_VALUE)
        o--;
    if (o && n == MAX_META_VALUE && ((unsigned char)out[o - 1] & 0x80))
        o--;
    out[o] = '\0';
    if (!o) {
        free(out);
        return NULL;
    }
    return out;
}

static char *clean_dupz(const char *s) { return s ? clean_dup(s, strlen(s)) : NULL; }

/* ------------------------------------------------------------------------ */
/* Tags                                                                      */

enum {
    T_ROOT = 0, T_TEXT, T_UNKNOWN, T_INLINE,
    T_A, T_ADDRESS, T_ARTICLE, T_ASIDE, T_BLOCKQUOTE, T_BODY, T_BR, T_BUTTON, T_CAPTION,
    T_CENTER, T_DD, T_DETAILS, T_DIALOG, T_DIV, T_DL, T_DT, T_FIELDSET, T_FIGCAPTION,
    T_FIGURE, T_FOOTER, T_FORM, T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_HEAD, T_HEADER,
    T_HGROUP, T_HR, T_HTML, T_LI, T_LINK, T_MAIN, T_MENU, T_META, T_NAV, T_OL, T_P,
    T_PRE, T_SCRIPT, T_SECTION, T_SKIP, T_STYLE, T_SUMMARY, T_TABLE, T_TBODY, T_TD,
    T_TFOOT, T_TH, T_THEAD, T_TIME, T_TITLE, T_TR, T_UL, T_LEGEND, T_SVG, T_IMG,
    T__COUNT
};

struct tagname {
    const char *name;
    uint8_t tag;
};

/* sorted by name for bsearch */
static const struct tagname tag_table[] = {
    {"a", T_A},           {"abbr", T_INLINE},     {"address", T_ADDRESS},
    {"applet", T_SKIP},   {"article", T_ARTICLE}, {"aside", T_ASIDE},
    {"audio", T_SKIP},    {"b", T_INLINE},        {"bdi", T_INLINE},
    {"bdo", T_INLINE},    {"big", T_INLINE},      {"blockquote", T_BLOCKQUOTE},
    {"body", T_BODY},     {"br", T_BR},           {"button", T_BUTTON},
    {"canvas", T_SKIP},   {"caption", T_CAPTION}, {"center", T_CENTER},
    {"cite", T_INLINE},   {"code", T_INLINE},     {"datalist", T_SKIP},
    {"dd", T_DD},         {"del", T_INLINE},      {"details", T_DETAILS},
    {"dfn", T_INLINE},    {"dialog", T_DIALOG},   {"dir", T_UL},
    {"div", T_DIV},       {"dl", T_DL},           {"dt", T_DT},
    {"em", T_INLINE},     {"embed", T_SKIP},      {"fieldset", T_FIELDSET},
    {"figcaption", T_FIGCAPTION}, {"figure", T_FIGURE}, {"font", T_INLINE},
    {"footer", T_FOOTER}, {"form", T_FORM},       {"frame", T_SKIP},
    {"frameset", T_SKIP}, {"h1", T_H1},           {"h2", T_H2},
    {"h3", T_H3},         {"h4", T_H4},           {"h5", T_H5},
    {"h6", T_H6},         {"head", T_HEAD},       {"header", T_HEADER},
    {"hgroup", T_HGROUP}, {"hr", T_HR},           {"html", T_HTML},
    {"i", T_INLINE},      {"iframe", T_SKIP},     {"img", T_IMG},
    {"input", T_SKIP},    {"ins", T_INLINE},      {"kbd", T_INLINE},
    {"label", T_INLINE},  {"legend", T_LEGEND},   {"li", T_LI},
    {"link", T_LINK},     {"listing", T_PRE},     {"main", T_MAIN},
    {"map", T_SKIP},      {"mark", T_INLINE},     {"math", T_SKIP},
    {"menu", T_MENU},     {"meta", T_META},       {"meter", T_SKIP},
    {"nav", T_NAV},       {"noembed", T_SKIP},    {"noframes", T_SKIP},
    {"noscript", T_SKIP}, {"object", T_SKIP},     {"ol", T_OL},
    {"optgroup", T_SKIP}, {"option", T_SKIP},     {"output", T_SKIP},
    {"p", T_P},           {"picture", T_IMG},  {"plaintext", T_PRE},
    {"pre", T_PRE},       {"progress", T_SKIP},   {"q", T_INLINE},
    {"rp", T_INLINE},     {"rt", T_INLINE},       {"ruby", T_INLINE},
    {"s", T_INLINE},      {"samp", T_INLINE},     {"script", T_SCRIPT},
    {"section", T_SECTION}, {"select", T_SKIP},   {"small", T_INLINE},
    {"source", T_SKIP},   {"span", T_INLINE},     {"strike", T_INLINE},
    {"strong", T_INLINE}, {"style", T_STYLE},     {"sub", T_INLINE},
    {"summary", T_SUMMARY}, {"sup", T_INLINE},    {"svg", T_SVG},
    {"table", T_TABLE},   {"tbody", T_TBODY},     {"td", T_TD},
    {"template", T_SKIP}, {"textarea", T_SKIP},   {"tfoot", T_TFOOT},
    {"th", T_TH},         {"thead", T_THEAD},     {"time", T_TIME},
    {"title", T_TITLE},   {"tr", T_TR},           {"track", T_SKIP},
    {"tt", T_INLINE},     {"u", T_INLINE},        {"ul", T_UL},
    {"var", T_INLINE},    {"video", T_SKIP},      {"wbr", T_INLINE},
    {"xmp", T_PRE},
};

static int tag_cmp(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const struct tagname *)e)->name);
}

static uint8_t tag_lookup(const char *name)
{
    const struct tagname *t = bsearch(name, tag_table, sizeof tag_table / sizeof tag_table[0],
                                      sizeof tag_table[0], tag_cmp);
    return t ? t->tag : T_UNKNOWN;
}

/* per-tag properties */
enum {
    TP_BLOCK = 1,   /* paragraph boundary */
    TP_SKIP = 2,    /* content never extracted */
    TP_BOILER = 4,  /* boilerplate container (navigation, page furniture) */
    TP_HEADING = 8,
};

static unsigned tag_props(unsigned t)
{
    switch (t) {
    case T_ADDRESS: case T_ARTICLE: case T_BLOCKQUOTE: case T_BODY: case T_CAPTION:
    case T_CENTER: case T_DD: case T_DETAILS: case T_DIV: case T_DL: case T_DT:
    case T_FIELDSET: case T_FIGURE: case T_FORM: case T_HR: case T_HTML: case T_LI:
    case T_MAIN: case T_OL: case T_P: case T_PRE: case T_SECTION: case T_SUMMARY:
    case T_TABLE: case T_TBODY: case T_TFOOT: case T_THEAD:
    case T_TR: case T_UL: case T_HGROUP: case T_LEGEND: case T_ROOT: case T_HEAD:
        return TP_BLOCK;
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
        return TP_BLOCK | TP_HEADING;
    case T_ASIDE: case T_FOOTER: case T_HEADER: case T_NAV: case T_MENU: case T_FIGCAPTION:
        return TP_BLOCK | TP_BOILER;
    case T_SKIP: case T_SCRIPT: case T_STYLE: case T_TITLE: case T_SVG: case T_BUTTON:
    case T_DIALOG:
        return TP_BLOCK | TP_SKIP;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------------------ */
/* Class / id classification                                                 */

enum {
    F_NEG = 1 << 0,      /* boilerplate-looking class/id/role */
    F_WEAKNEG = 1 << 1,
    F_POS = 1 << 2,      /* content-looking class/id */
    F_ABODY = 1 << 3,    /* itemprop=articleBody */
    F_META = 1 << 4,     /* byline / date / author class */
    F_CAPTION = 1 << 5,  /* caption / credit class */
    F_HIDDEN = 1 << 6,   /* hidden attribute, display:none, screen-reader only */
    F_AUTHOR = 1 << 7,   /* itemprop=author or rel=author */
    F_MAINROLE = 1 << 8, /* role=main / role=article */
    F_PUBTIME = 1 << 9,  /* <time> with pubdate / itemprop=datePublished */
    F_STRONGNEG = 1 << 10, /* comments: never part of the article */
    F_AUTHORCLS = 1 << 11, /* class "author" / "author-name" */
};

struct kw {
    const char *s;
    size_t n;
};
#define K(str) {str, sizeof(str) - 1}

static int tok_in(const char *t, size_t n, const struct kw *list)
{
    for (; list->s; list++)
        if (list->n == n && memcmp(list->s, t, n) == 0)
            return 1;
    return 0;
}

static int tok_has(const char *t, size_t n, const struct kw *list)
{
    for (; list->s; list++) {
        size_t m = list->n;
        if (m > n)
            continue;
        char c0 = list->s[0];
        for (size_t i = 0; i + m <= n; i++)
            if (t[i] == c0 && memcmp(t + i + 1, list->s + 1, m - 1) == 0)
                return 1;
    }
    return 0;
}

static const struct kw neg_exact[] = {
    K("nav"), K("navs"), K("navbar"), K("navigation"), K("menu"), K("menus"), K("footer"),
    K("sidebar"), K("comment"), K("comments"), K("share"), K("shares"), K("sharing"), K("social"),
    K("socials"), K("related"), K("recommended"), K("recommendations"), K("recirc"),
    K("recirculation"), K("promo"), K("promos"), K("promoted"), K("promotion"), K("newsletter"),
    K("newsletters"), K("subscribe"), K("subscription"), K("signup"), K("cookie"), K("cookies"),
    K("consent"), K("gdpr"), K("advert"), K("adverts"), K("advertisement"), K("advertising"),
    K("ad"), K("ads"), K("adslot"), K("adunit"), K("adbox"), K("adwrap"), K("adwrapper"),
    K("adcontainer"), K("dfp"), K("sponsor"), K("sponsored"), K("outbrain"), K("taboola"),
    K("breadcrumb"), K("breadcrumbs"), K("popular"), K("trending"), K("widget"), K("widgets"),
    K("toolbar"), K("masthead"), K("popup"), K("modal"), K("overlay"), K("disqus"), K("tags"),
    K("tag"), K("topics"), K("pagination"), K("pager"), K("login"), K("signin"), K("rail"),
    K("teaser"), K("teasers"), K("carousel"), K("slider"), K("slideshow"), K("gallery"), K("more"),
    K("next"), K("prev"), K("previous"), K("skip"), K("print"), K("jump"), K("bio"), K("banner"),
    K("follow"), K("donate"), K("donation"), K("recent"), K("latest"), K("most"), K("readmore"),
    K("trinity"), K("sticky"), K("flyout"), K("dropdown"), K("hamburger"), K("offcanvas"),
    K("utility"), K("utilities"), K("partner"), K("partners"), K("affiliate"), K("commercial"),
    K("marketing"), K("cta"), {NULL, 0}};
static const struct kw neg_sub[] = {
    K("comment"), K("share"), K("social"), K("related"), K("newsletter"), K("subscri"),
    K("cookie"), K("sidebar"), K("advert"), K("sponsor"), K("promo"), K("breadcrumb"),
    K("taboola"), K("outbrain"), K("recommend"), K("popular"), K("trending"), K("footer"),
    K("navbar"), K("navigation"), K("widget"), K("disqus"), K("consent"), K("signup"),
    K("carousel"), K("readmore"), K("morestories"), K("moreon"), K("morefrom"), K("headerbar"),
    K("topnav"), K("subnav"), K("sitenav"), K("mainnav"), K("menu"), {NULL, 0}};
/* embedded posts (tweets, Instagram) are part of the article even when the class says "social" */
static const struct kw neg_cancel[] = {
    K("embed"), K("embedded"), K("tweet"), K("instagram"), {NULL, 0}};
/* screen-reader-only text, hover cards and tooltips are not shown as text */
static const struct kw hidden_sub[] = {
    K("visuallyhidden"), K("offscreen"), K("rollover"), K("tooltip"), K("popover"), K("hovercard"),
    K("sronly"), {NULL, 0}};
static const struct kw strong_neg_sub[] = {
    K("comment"), K("disqus"), {NULL, 0}};
static const struct kw meta_exact[] = {
    K("byline"), K("bylines"), K("author"), K("authors"), K("dateline"), K("timestamp"), K("date"),
    K("dates"), K("time"), K("updated"), K("meta"), K("metadata"), K("contributor"),
    K("contributors"), K("writer"), K("reporter"), K("kicker"), K("eyebrow"), K("overline"), {NULL, 0}};
static const struct kw meta_sub[] = {
    K("byline"), K("author"), K("dateline"), K("timestamp"), K("pubdate"), {NULL, 0}};
static const struct kw cap_exact[] = {
    K("caption"), K("captions"), K("credit"), K("credits"), K("figcaption"), K("copyright"),
    K("attribution"), {NULL, 0}};
static const struct kw cap_sub[] = {
    K("caption"), K("credit"), {NULL, 0}};
static const struct kw pos_exact[] = {
    K("article"), K("content"), K("story"), K("post"), K("body"), K("entry"), K("main"), K("text"),
    K("prose"), K("articlebody"), K("storybody"), K("postbody"), K("richtext"), K("paragraph"),
    K("paragraphs"), K("blog"), K("copy"), K("bodytext"), K("maintext"), {NULL, 0}};

#define F_CANCEL (1u << 15) /* internal: an "embed" token cancels negatives */

static int tok_eq(const char *t, size_t n, const char *w)
{
    size_t wl = strlen(w);
    return n == wl && memcmp(t, w, n) == 0;
}

/* Classifies one id or class attribute value (tokens split at non-alphanumerics
 * and camelCase boundaries, lower-cased). */
static unsigned classify_tokens(const char *s, size_t len)
{
    unsigned f = 0;
    char tok[64], prev[64];
    size_t n = 0, pn = 0;
    int prev_lower = 0, after_with = 0;
    for (size_t i = 0;; i++) {
        int c = i < len ? (unsigned char)s[i] : 0;
        int alnum = c && (is_alpha(c) || is_digit(c));
        int camel = alnum && c >= 'A' && c <= 'Z' && prev_lower;
        if ((!alnum || camel) && n) {
            if (n < sizeof tok) {
                int neg = tok_in(tok, n, neg_exact) || (n >= 5 && tok_has(tok, n, neg_sub));
                /* "ad" + digits (ad300, ad2) */
                if (!neg && n > 2 && tok[0] == 'a' && tok[1] == 'd' && is_digit(tok[2]))
                    neg = 1;
                /* "with-sidebar", "has-comments", "no-ads" describe a layout, not boilerplate */
                if (neg && !after_with)
                    f |= F_NEG;
                if (neg && !after_with && (tok_has(tok, n, strong_neg_sub)))
                    f |= F_STRONGNEG;
                after_with = tok_eq(tok, n, "with") || tok_eq(tok, n, "has") || tok_eq(tok, n, "no") ||
                             tok_eq(tok, n, "without");
                if (tok_in(tok, n, meta_exact) || (n >= 6 && tok_has(tok, n, meta_sub)))
                    f |= F_META;
                if (tok_in(tok, n, cap_exact) || (n >= 6 && tok_has(tok, n, cap_sub)))
                    f |= F_CAPTION;
                if (tok_in(tok, n, pos_exact))
                    f |= F_POS;
                if (tok_in(tok, n, neg_cancel))
                    f |= F_CANCEL;
                if (tok_eq(tok, n, "author") || tok_eq(tok, n, "authorname"))
                    f |= F_AUTHORCLS;
                if ((n >= 6 && tok_has(tok, n, hidden_sub)) ||
                    (tok_eq(tok, n, "only") && (tok_eq(prev, pn, "sr") || tok_eq(prev, pn, "a11y"))) ||
                    (tok_eq(tok, n, "reader") && tok_eq(prev, pn, "screen")) ||
                    (tok_eq(tok, n, "hidden") && tok_eq(prev, pn, "visually")) ||
                    (tok_eq(tok, n, "invisible") && tok_eq(prev, pn, "element")))
                    f |= F_HIDDEN;
                memcpy(prev, tok, n);
                pn = n;
            }
            n = 0;
        }
        if (!c)
            break;
        if (is_space(c)) {
            after_with = 0;
            pn = 0;
        }
        if (alnum) {
            if (n < sizeof tok)
                tok[n++] = (char)lc(c);
            else
                n = sizeof tok; /* overlong token: ignored */
        }
        prev_lower = alnum && ((c >= 'a' && c <= 'z') || is_digit(c));
    }
    return f;
}

static unsigned finish_class_flags(unsigned f)
{
    if (f & F_CANCEL)
        f &= ~(unsigned)(F_NEG | F_STRONGNEG | F_CANCEL);
    return f;
}

/* ------------------------------------------------------------------------ */
/* Document model                                                            */

typedef struct hnode {
    uint32_t parent, first, last, next;
    uint32_t off; /* text nodes: offset in text arena; elements: class string offset or NONE */
    uint32_t len; /* text nodes: bytes; elements: class string length */
    uint8_t tag;
    uint8_t pad;
    uint16_t flags;
} hnode;

typedef struct timecand {
    uint32_t node;
    char date[11];
    int strong;
} timecand;

#define MAX_TIMES 64

/* Metadata candidates, in precedence slots. */
typedef struct meta {
    char *og_title, *tw_title, *ld_headline;
    char *ld_date, *art_date, *other_date;
    char *ld_authors, *meta_authors, *art_authors;
    char *og_site, *ld_publisher, *app_name;
    char *canonical, *og_url, *ld_url;
    char *html_lang, *http_lang, *og_locale, *ld_lang, *meta_lang;
    char *og_type;
    int ld_is_article;
    int ld_rank_headline, ld_rank_date, ld_rank_author, ld_rank_pub;
} meta;

typedef struct builder {
    hnode *nodes;
    uint32_t n, cap;
    sbuf text;    /* text node arena */
    sbuf cls;     /* class strings */
    uint32_t cur; /* current element */
    uint32_t depth;
    uint32_t overflow;   /* open elements beyond MAX_DEPTH */
    uint32_t skip_depth; /* >0 inside skipped content */
    int in_title, have_title;
    int in_ld;
    sbuf title;
    sbuf ld;
    meta m;
    timecand times[MAX_TIMES];
    int ntimes;
    struct clsent *cache; /* class attribute value -> flags */
    int oom;
} builder;

/* Pages repeat the same class attribute values many times: cache their
 * classification (open addressing, fixed size, never grows). */
#define CLS_CACHE 4096
typedef struct clsent {
    uint32_t hash, off, len; /* off/len: the value inside builder.cls */
    uint16_t flags;
    uint8_t used;
} clsent;

static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static unsigned class_flags_cached(struct builder *b, const char *v, size_t n, uint32_t off_in_arena)
{
    if (!b->cache) {
        b->cache = calloc(CLS_CACHE, sizeof *b->cache);
        if (!b->cache)
            return classify_tokens(v, n);
    }
    uint32_t h = fnv1a(v, n);
    for (uint32_t k = 0; k < 8; k++) {
        clsent *e = &b->cache[(h + k) & (CLS_CACHE - 1)];
        if (!e->used) {
            unsigned f = classify_tokens(v, n);
            e->used = 1;
            e->hash = h;
            e->off = off_in_arena;
            e->len = (uint32_t)n;
            e->flags = (uint16_t)f;
            return f;
        }
        if (e->hash == h && e->len == n && memcmp(b->cls.p + e->off, v, n) == 0)
            return e->flags;
    }
    return classify_tokens(v, n);
}

static uint32_t new_node(builder *b, uint8_t tag)
{
    if (b->n == b->cap) {
        uint32_t ncap = b->cap ? b->cap * 2 : 1024;
        if (ncap < b->cap || ncap > (UINT32_MAX / 2)) {
            b->oom = 1;
            return NONE;
        }
        hnode *n = realloc(b->nodes, (size_t)ncap * sizeof *n);
        if (!n) {
            b->oom = 1;
            return NONE;
        }
        b->nodes = n;
        b->cap = ncap;
    }
    uint32_t i = b->n++;
    hnode *nd = &b->nodes[i];
    memset(nd, 0, sizeof *nd);
    nd->parent = b->cur;
    nd->first = nd->last = nd->next = NONE;
    nd->off = NONE;
    nd->tag = tag;
    if (b->cur != NONE) {
        hnode *p = &b->nodes[b->cur];
        if (p->last == NONE)
            p->first = i;
        else
            b->nodes[p->last].next = i;
        p->last = i;
    }
    return i;
}

static void set_slot(char **slot, const char *v)
{
    if (*slot || !v)
        return;
    *slot = clean_dupz(v);
}

static int month_from_name(const char *w, size_t n);
struct builder;
static char *node_text(const struct builder *b, uint32_t node, size_t maxlen);
static int title_like(const char *h, const char *title);

static void add_author_one(char **list, const char *name_raw);

/* Appends the names in name_raw ("A and B", "A & B") to a "; "-joined list. */
static void add_author(char **list, const char *name_raw)
{
    if (!name_raw)
        return;
    static const char *const seps[] = {" and ", " & ", " und ", " et ", " y ", " e ", NULL};
    char buf[512];
    size_t n = strlen(name_raw);
    if (n >= sizeof buf) {
        add_author_one(list, name_raw);
        return;
    }
    memcpy(buf, name_raw, n + 1);
    char *p = buf;
    for (;;) {
        char *best = NULL;
        size_t bl = 0;
        for (const char *const *sp = seps; *sp; sp++) {
            char *h = (char *)strstr_ci(p, *sp);
            if (h && (!best || h < best))
                best = h, bl = strlen(*sp);
        }
        if (!best) {
            add_author_one(list, p);
            return;
        }
        *best = '\0';
        add_author_one(list, p);
        p = best + bl;
    }
}

/* Appends one name to a "; "-joined list, skipping duplicates (case-insensitive). */
static void add_author_one(char **list, const char *name_raw)
{
    char *name = clean_dupz(name_raw);
    if (!name)
        return;
    /* strip a leading "By " */
    char *nm = name;
    if (starts_ci(nm, "by ") && strlen(nm) > 3)
        nm += 3;
    /* cut trailing metadata: "Jane Doe | November 18, 2019", "Jane Doe on Monday, ..." */
    for (char *c = nm; *c; c++) {
        if (*c == '|' || *c == '\n' || is_digit((unsigned char)*c)) {
            *c = '\0';
            break;
        }
    }
    for (;;) {
        size_t l = strlen(nm);
        while (l && (is_space((unsigned char)nm[l - 1]) || nm[l - 1] == ',' || nm[l - 1] == '-' ||
                     nm[l - 1] == '/' || nm[l - 1] == '(' || nm[l - 1] == ';'))
            nm[--l] = '\0';
        char *sp = strrchr(nm, ' ');
        const char *w = sp ? sp + 1 : nm;
        static const char *const stop[] = {"on", "at", "am", "pm", "updated", "published", "posted", "and",
                                           "monday", "tuesday", "wednesday", "thursday", "friday",
                                           "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat",
                                           "sun", NULL};
        int hit = month_from_name(w, strlen(w));
        for (const char *const *st = stop; *st && !hit; st++)
            if (streq_ci(w, *st))
                hit = 1;
        if (!hit)
            break;
        if (!sp) {
            *nm = '\0';
            break;
        }
        *sp = '\0';
    }
    size_t nl = strlen(nm);
    if (nl < 2 || nl > 120 || starts_ci(nm, "http") || strchr(nm, '<') || strchr(nm, '{')) {
        free(name);
        return;
    }
    if (*list) {
        /* duplicate or too many? */
        int count = 1;
        const char *p = *list;
        for (;;) {
            const char *e = strstr(p, "; ");
            size_t l = e ? (size_t)(e - p) : strlen(p);
            if (l == nl) {
                size_t i = 0;
                while (i < l && lc((unsigned char)p[i]) == lc((unsigned char)nm[i]))
                    i++;
                if (i == l) {
                    free(name);
                    return;
                }
            }
            if (!e)
                break;
            count++;
            p = e + 2;
        }
        if (count >= MAX_AUTHORS) {
            free(name);
            return;
        }
        size_t ol = strlen(*list);
        char *n = realloc(*list, ol + 2 + nl + 1);
        if (!n) {
            free(name);
            return;
        }
        memcpy(n + ol, "; ", 2);
        memcpy(n + ol + 2, nm, nl + 1);
        *list = n;
        free(name);
    } else {
        memmove(name, nm, nl + 1);
        *list = name;
    }
}

/* ------------------------------------------------------------------------ */
/* Dates                                                                     */

/* Month number of a month name (English full names and abbreviations, and
 * the full names in a few other Latin-script languages), or 0.  Words that
 * merely start like a month ("Market", "Decision") are rejected. */
static int month_from_name(const char *w, size_t n)
{
    static const char *const names[] = {
        /* English */
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
        /* German */
        "januar", "februar", "m\xc3\xa4rz", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "dezember",
        /* French */
        "janvier", "f\xc3\xa9vrier", "mars", "avril", "mai", "juin", "juillet", "ao\xc3\xbbt",
        "septembre", "octobre", "novembre", "d\303\251cembre",
        /* Spanish */
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre",
        /* Italian */
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
        "ottobre", "novembre", "dicembre",
        /* Portuguese */
        "janeiro", "fevereiro", "mar\xc3\xa7o", "abril", "maio", "junho", "julho", "agosto", "setembro",
        "outubro", "novembro", "dezembro",
        /* Dutch */
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december",
    };
    if (n < 3 || n > 12)
        return 0;
    char buf[16];
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)lc((unsigned char)w[i]);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *m = names[i];
        size_t ml = strlen(m);
        /* full name, or an English abbreviation: "Nov", "Sept" */
        if ((ml == n && memcmp(m, buf, n) == 0) || (i < 12 && (n == 3 || (n == 4 && i == 8)) && memcmp(m, buf, n) == 0))
            return (int)(i % 12) + 1;
    }
    return 0;
}

static int valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int fmt_ymd(char out[11], int y, int m, int d)
{
    if (!valid_ymd(y, m, d))
        return 0;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 1;
}

/* Normalises a date string to YYYY-MM-DD.  Returns 1 on success. */
static int norm_date(const char *s, char out[11])
{
    if (!s)
        return 0;
    while (is_space((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    if (n == 0 || n > 200)
        return 0;
    /* ISO-like: YYYY[-/.]MM[-/.]DD or YYYYMMDD */
    if (n >= 8 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3])) {
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        if ((s[4] == '-' || s[4] == '/' || s[4] == '.') && is_digit(s[5])) {
            int i = 5, m = 0, d = 0;
            while (is_digit(s[i]) && i < 7)
                m = m * 10 + (s[i++] - '0');
            if (s[i] == s[4] && is_digit(s[i + 1])) {
                i++;
                int k = 0;
                while (is_digit(s[i]) && k < 2)
                    d = d * 10 + (s[i++] - '0'), k++;
                if (fmt_ymd(out, y, m, d))
                    return 1;
            }
        } else if (is_digit(s[4]) && is_digit(s[5]) && is_digit(s[6]) && is_digit(s[7])) {
            /* all digits: YYYYMMDD, or an epoch in seconds / milliseconds */
            size_t k = 0;
            while (is_digit(s[k]))
                k++;
            if (k == 8) {
                int m = (s[4] - '0') * 10 + (s[5] - '0');
                int d = (s[6] - '0') * 10 + (s[7] - '0');
                if (fmt_ymd(out, y, m, d))
                    return 1;
            } else if (k == 10 || k == 13) {
                long long v = strtoll(s, NULL, 10);
                if (k == 13)
                    v /= 1000;
                time_t t = (time_t)v;
                struct tm tm;
                if (gmtime_r(&t, &tm) && fmt_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday))
                    return 1;
            }
        }
    }
    /* Token scan: month names, numbers. */
    int nums[8], nnums = 0, numlen[8], month = 0;
    char seps[8];
    const char *p = s;
    while (*p && nnums < 8) {
        if (is_digit((unsigned char)*p)) {
            int v = 0, l = 0;
            while (is_digit((unsigned char)*p) && l < 6)
                v = v * 10 + (*p++ - '0'), l++;
            while (is_digit((unsigned char)*p))
                p++;
            /* skip ordinal suffixes: 1st, 2nd, 3rd, 19th */
            if ((lc(p[0]) == 's' && lc(p[1]) == 't') || (lc(p[0]) == 'n' && lc(p[1]) == 'd') ||
                (lc(p[0]) == 'r' && lc(p[1]) == 'd') || (lc(p[0]) == 't' && lc(p[1]) == 'h'))
                if (!is_alpha((unsigned char)p[2]))
                    p += 2;
            /* a time of day (10:45, 10:45:30) is not part of the date */
            if (*p == ':' && is_digit((unsigned char)p[1])) {
                while (*p == ':' || is_digit((unsigned char)*p))
                    p++;
                continue;
            }
            nums[nnums] = v;
            numlen[nnums] = l;
            seps[nnums] = *p;
            nnums++;
        } else if (is_alpha((unsigned char)*p) || (unsigned char)*p >= 0x80) {
            const char *w = p;
            while (is_alpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
                p++;
            if (!month) {
                size_t wl = (size_t)(p - w);
                int mo = month_from_name(w, wl);
                if (mo)
                    month = mo;
            }
        } else {
            p++;
        }
    }
    if (month) {
        int y = 0, d = 0;
        for (int i = 0; i < nnums; i++) {
            if (numlen[i] == 4 && !y)
                y = nums[i];
            else if (numlen[i] <= 2 && !d && nums[i] >= 1 && nums[i] <= 31 && seps[i] != ':')
                d = nums[i];
        }
        if (y && d && fmt_ymd(out, y, month, d))
            return 1;
        return 0;
    }
    /* numeric D.M.Y / M/D/Y */
    if (nnums >= 3 && numlen[2] == 4 && numlen[0] <= 2 && numlen[1] <= 2) {
        int a = nums[0], b = nums[1], y = nums[2];
        int m, d;
        if (a > 12) {
            d = a, m = b;
        } else if (b > 12) {
            m = a, d = b;
        } else if (seps[0] == '/') {
            m = a, d = b;
        } else {
            d = a, m = b;
        }
        if (fmt_ymd(out, y, m, d))
            return 1;
    }
    /* an ISO date inside other text: "Published: [ 2018-08-25 15:24 ]" */
    for (const char *q = s; *q; q++) {
        if (is_digit((unsigned char)q[0]) && is_digit((unsigned char)q[1]) && is_digit((unsigned char)q[2]) &&
            is_digit((unsigned char)q[3]) && (q[4] == '-' || q[4] == '/' || q[4] == '.') &&
            (q == s || !is_digit((unsigned char)q[-1])) && is_digit((unsigned char)q[5])) {
            int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
            int i = 5, m = 0, d = 0;
            while (is_digit((unsigned char)q[i]) && i < 7)
                m = m * 10 + (q[i++] - '0');
            if (q[i] != q[4] || !is_digit((unsigned char)q[i + 1]))
                continue;
            i++;
            int k = 0;
            while (is_digit((unsigned char)q[i]) && k < 2)
                d = d * 10 + (q[i++] - '0'), k++;
            if (!is_digit((unsigned char)q[i]) && fmt_ymd(out, y, m, d))
                return 1;
        }
    }
    return 0;
}

static void set_date_slot(char **slot, const char *v)
{
    char d[11];
    if (*slot || !v)
        return;
    if (norm_date(v, d))
        *slot = strdup(d);
}

/* Date embedded in a URL path: /2019/11/19/ or /2019-11-19 or /20191119/ */
static int date_from_url(const char *u, char out[11])
{
    if (!u)
        return 0;
    const char *p = strstr(u, "://");
    p = p ? strchr(p + 3, '/') : u;
    if (!p)
        return 0;
    for (; *p; p++) {
        if (*p != '/' && *p != '-' && *p != '_')
            continue;
        const char *q = p + 1;
        if (!(is_digit(q[0]) && is_digit(q[1]) && is_digit(q[2]) && is_digit(q[3])))
            continue;
        int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
        if (y < 1990 || y > 2100)
            continue;
        char sep = q[4];
        if ((sep == '/' || sep == '-') && is_digit(q[5]) && is_digit(q[6]) && q[7] == sep &&
            is_digit(q[8]) && is_digit(q[9]) && !is_digit(q[10])) {
            if (fmt_ymd(out, y, (q[5] - '0') * 10 + (q[6] - '0'), (q[8] - '0') * 10 + (q[9] - '0')))
                return 1;
        }
        if (is_digit(q[4]) && is_digit(q[5]) && is_digit(q[6]) && is_digit(q[7]) &&
            (q[8] == '/' || q[8] == '-' || q[8] == '_')) {
            if (fmt_ymd(out, y, (q[4] - '0') * 10 + (q[5] - '0'), (q[6] - '0') * 10 + (q[7] - '0')))
                return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* JSON-LD                                                                   */

static int ld_type_is_article(json_t *t)
{
    if (json_is_string(t)) {
        const char *s = json_string_value(t);
        size_t l = strlen(s);
        if (l >= 7 && strcmp(s + l - 7, "Article") == 0)
            return 1;
        return strcmp(s, "BlogPosting") == 0 || strcmp(s, "LiveBlogPosting") == 0 ||
               strcmp(s, "Report") == 0 || strcmp(s, "SocialMediaPosting") == 0 ||
               strcmp(s, "NewsArticle") == 0;
    }
    if (json_is_array(t)) {
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v) if (ld_type_is_article(v)) return 1;
    }
    return 0;
}

static const char *ld_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_array(v) && json_array_size(v) > 0 && json_is_string(json_array_get(v, 0)))
        return json_string_value(json_array_get(v, 0));
    return NULL;
}

static void ld_author_value(char **list, json_t *a, int depth)
{
    if (depth > 3 || !a)
        return;
    if (json_is_string(a)) {
        add_author(list, json_string_value(a));
    } else if (json_is_object(a)) {
        const char *nm = ld_str(a, "name");
        if (nm)
            add_author(list, nm);
        else if (json_object_get(a, "author"))
            ld_author_value(list, json_object_get(a, "author"), depth + 1);
    } else if (json_is_array(a)) {
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v) ld_author_value(list, v, depth + 1);
    }
}

static void ld_visit(meta *m, json_t *v, int depth)
{
    if (depth > 6 || !v)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) ld_visit(m, e, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *graph = json_object_get(v, "@graph");
    if (graph)
        ld_visit(m, graph, depth + 1);
    int art = ld_type_is_article(json_object_get(v, "@type"));
    /* rank: 2 = article object, 1 = any other object carrying the property */
    int rank = art ? 2 : 1;
    if (art)
        m->ld_is_article = 1;
    const char *h = ld_str(v, "headline");
    if (h && rank > m->ld_rank_headline) {
        free(m->ld_headline);
        m->ld_headline = clean_dupz(h);
        m->ld_rank_headline = rank;
    }
    const char *d = ld_str(v, "datePublished");
    char dd[11];
    if (!d && art)
        d = ld_str(v, "dateCreated");
    if (d && rank > m->ld_rank_date && norm_date(d, dd)) {
        free(m->ld_date);
        m->ld_date = strdup(dd);
        m->ld_rank_date = rank;
    }
    json_t *au = json_object_get(v, "author");
    if (!au && art)
        au = json_object_get(v, "creator");
    if (au && rank > m->ld_rank_author) {
        char *list = NULL;
        ld_author_value(&list, au, 0);
        if (list) {
            free(m->ld_authors);
            m->ld_authors = list;
            m->ld_rank_author = rank;
        }
    }
    json_t *pub = json_object_get(v, "publisher");
    if (json_is_array(pub))
        pub = json_array_get(pub, 0);
    if (json_is_object(pub) && rank > m->ld_rank_pub) {
        const char *pn = ld_str(pub, "name");
        if (pn) {
            free(m->ld_publisher);
            m->ld_publisher = clean_dupz(pn);
            m->ld_rank_pub = rank;
        }
    }
    if (art) {
        const char *u = ld_str(v, "url");
        json_t *mep = json_object_get(v, "mainEntityOfPage");
        if (!u && json_is_object(mep))
            u = ld_str(mep, "@id");
        if (!u && json_is_string(mep))
            u = json_string_value(mep);
        if (u && starts_ci(u, "http"))
            set_slot(&m->ld_url, u);
        const char *lang = ld_str(v, "inLanguage");
        if (lang)
            set_slot(&m->ld_lang, lang);
    }
}

static void ld_parse(meta *m, const char *s, size_t n)
{
    /* tolerate HTML comment / CDATA wrappers and trailing junk */
    while (n && (is_space((unsigned char)*s) || *s == ';'))
        s++, n--;
    if (n >= 4 && memcmp(s, "<!--", 4) == 0)
        s += 4, n -= 4;
    if (n >= 12 && memcmp(s, "//<![CDATA[", 11) == 0)
        s += 11, n -= 11;
    if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0)
        s += 9, n -= 9;
    while (n && *s != '{' && *s != '[')
        s++, n--;
    if (!n)
        return;
    json_error_t e;
    json_t *root = json_loadb(s, n, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &e);
    if (!root)
        return;
    ld_visit(m, root, 0);
    json_decref(root);
}

/* ------------------------------------------------------------------------ */
/* SAX callbacks                                                             */

static void handle_meta(builder *b, const char **atts)
{
    const char *name = NULL, *prop = NULL, *content = NULL, *httpeq = NULL, *itemprop = NULL;
    for (int i = 0; atts && atts[i]; i += 2) {
        const char *k = atts[i], *v = atts[i + 1];
        if (!v)
            continue;
        if (strcmp(k, "name") == 0)
            name = v;
        else if (strcmp(k, "property") == 0)
            prop = v;
        else if (strcmp(k, "content") == 0)
            content = v;
        else if (strcmp(k, "http-equiv") == 0)
            httpeq = v;
        else if (strcmp(k, "itemprop") == 0)
            itemprop = v;
    }
    if (!content)
        return;
    meta *m = &b->m;
    const char *keys[3] = {prop, name, itemprop};
    for (int k = 0; k < 3; k++) {
        const char *key = keys[k];
        if (!key)
            continue;
        if (streq_ci(key, "og:title"))
            set_slot(&m->og_title, content);
        else if (streq_ci(key, "twitter:title"))
            set_slot(&m->tw_title, content);
        else if (streq_ci(key, "og:site_name"))
            set_slot(&m->og_site, content);
        else if (streq_ci(key, "application-name"))
            set_slot(&m->app_name, content);
        else if (streq_ci(key, "og:url"))
            set_slot(&m->og_url, content);
        else if (streq_ci(key, "og:type"))
            set_slot(&m->og_type, content);
        else if (streq_ci(key, "og:locale"))
            set_slot(&m->og_locale, content);
        else if (streq_ci(key, "language") || streq_ci(key, "dc.language") || streq_ci(key, "inlanguage"))
            set_slot(&m->meta_lang, content);
        else if (streq_ci(key, "article:published_time") || streq_ci(key, "article:published"))
            set_date_slot(&m->art_date, content);
        else if (streq_ci(key, "date") || streq_ci(key, "pubdate") || streq_ci(key, "publishdate") ||
                 streq_ci(key, "publish-date") || streq_ci(key, "publish_date") ||
                 streq_ci(key, "datepublished") || streq_ci(key, "dc.date") ||
                 streq_ci(key, "dc.date.issued") || streq_ci(key, "dcterms.created") ||
                 streq_ci(key, "dcterms.date") || streq_ci(key, "og:published_time") ||
                 streq_ci(key, "sailthru.date") || streq_ci(key, "parsely-pub-date") ||
                 streq_ci(key, "article.published") || streq_ci(key, "originalpublicationdate") ||
                 streq_ci(key, "displaydate") || streq_ci(key, "cxenseparse:recs:publishtime") ||
                 streq_ci(key, "article_date_original") || streq_ci(key, "citation_publication_date"))
            set_date_slot(&m->other_date, content);
        else if (streq_ci(key, "author") || streq_ci(key, "dc.creator") || streq_ci(key, "sailthru.author") ||
                 streq_ci(key, "parsely-author") || streq_ci(key, "byl") || streq_ci(key, "citation_author") ||
                 streq_ci(key, "dcterms.creator")) {
            if (!starts_ci(content, "http")) {
                const char *c = content;
                if (streq_ci(key, "byl") && starts_ci(c, "by "))
                    c += 3;
                add_author(&m->meta_authors, c);
            }
        } else if (streq_ci(key, "article:author")) {
            if (!starts_ci(content, "http"))
                add_author(&m->art_authors, content);
        }
    }
    if (httpeq && streq_ci(httpeq, "content-language"))
        set_slot(&m->http_lang, content);
}

static void handle_link(builder *b, const char **atts)
{
    const char *rel = NULL, *href = NULL;
    for (int i = 0; atts && atts[i]; i += 2) {
        if (!atts[i + 1])
            continue;
        if (strcmp(atts[i], "rel") == 0)
            rel = atts[i + 1];
        else if (strcmp(atts[i], "href") == 0)
            href = atts[i + 1];
    }
    if (rel && href && streq_ci(rel, "canonical") && starts_ci(href, "http"))
        set_slot(&b->m.canonical, href);
}

static void sax_start(void *ctx, const xmlChar *xname, const xmlChar **xatts)
{
    builder *b = ctx;
    const char *name = (const char *)xname;
    const char **atts = (const char **)xatts;
    if (b->oom)
        return;
    uint8_t tag = tag_lookup(name);

    if (tag == T_META) {
        handle_meta(b, atts);
    } else if (tag == T_LINK) {
        handle_link(b, atts);
    } else if (tag == T_SCRIPT) {
        for (int i = 0; atts && atts[i]; i += 2)
            if (strcmp(atts[i], "type") == 0 && atts[i + 1] && strstr_ci(atts[i + 1], "ld+json")) {
                b->in_ld = 1;
                b->ld.len = 0;
                if (b->ld.p)
                    b->ld.p[0] = '\0';
            }
    } else if (tag == T_TITLE) {
        if (b->skip_depth == 0 && !b->have_title)
            b->in_title = 1;
    } else if (tag == T_HTML) {
        for (int i = 0; atts && atts[i]; i += 2)
            if ((strcmp(atts[i], "lang") == 0 || strcmp(atts[i], "xml:lang") == 0) && atts[i + 1])
                set_slot(&b->m.html_lang, atts[i + 1]);
    }

    if (b->skip_depth) {
        b->skip_depth++;
        return;
    }
    if (tag_props(tag) & TP_SKIP) {
        b->skip_depth = 1;
        return;
    }
    if (b->depth >= MAX_DEPTH) {
        b->overflow++;
        return;
    }

    /* attributes of interest */
    unsigned flags = 0;
    const char *id = NULL, *cls = NULL, *datetime = NULL;
    int pubdate = 0;
    for (int i = 0; atts && atts[i]; i += 2) {
        const char *k = atts[i], *v = atts[i + 1];
        switch (k[0]) {
        case 'c':
            if (strcmp(k, "class") == 0)
                cls = v;
            break;
        case 'd':
            if (strcmp(k, "datetime") == 0)
                datetime = v;
            break;
        case 'h':
            if (strcmp(k, "hidden") == 0)
                flags |= F_HIDDEN;
            break;
        case 'i':
            if (strcmp(k, "id") == 0)
                id = v;
            else if (strcmp(k, "itemprop") == 0 && v) {
                if (strstr_ci(v, "articleBody") || strstr_ci(v, "reviewBody"))
                    flags |= F_ABODY;
                if (strstr_ci(v, "author") || strstr_ci(v, "creator"))
                    flags |= F_AUTHOR;
                if (strstr_ci(v, "datePublished"))
                    pubdate = 1;
            }
            break;
        case 'p':
            if (strcmp(k, "pubdate") == 0)
                pubdate = 1;
            break;
        case 'r':
            if (strcmp(k, "role") == 0 && v) {
                if (streq_ci(v, "navigation") || streq_ci(v, "banner") || streq_ci(v, "contentinfo") ||
                    streq_ci(v, "complementary") || streq_ci(v, "menu") || streq_ci(v, "menubar") ||
                    streq_ci(v, "search") || streq_ci(v, "dialog") || streq_ci(v, "alertdialog") ||
                    streq_ci(v, "toolbar"))
                    flags |= F_NEG;
                else if (streq_ci(v, "main") || streq_ci(v, "article"))
                    flags |= F_MAINROLE;
            } else if (strcmp(k, "rel") == 0 && v && strstr_ci(v, "author")) {
                flags |= F_AUTHOR;
            }
            break;
        case 's':
            if (strcmp(k, "style") == 0 && v) {
                char tmp[256];
                size_t o = 0;
                for (const char *p = v; *p && o + 1 < sizeof tmp; p++)
                    if (!is_space((unsigned char)*p))
                        tmp[o++] = (char)lc((unsigned char)*p);
                tmp[o] = '\0';
                if (strstr(tmp, "display:none") || strstr(tmp, "visibility:hidden"))
                    flags |= F_HIDDEN;
            }
            break;
        default:
            break;
        }
    }
    uint32_t idx = new_node(b, tag);
    if (idx == NONE)
        return;
    if (id || cls) {
        size_t il = id ? strlen(id) : 0, cl = cls ? strlen(cls) : 0;
        if (il > 512)
            il = 512;
        if (cl > 1024)
            cl = 1024;
        uint32_t off = (uint32_t)b->cls.len;
        if (id)
            sb_add(&b->cls, id, il);
        sb_addc(&b->cls, ' ');
        if (cls)
            sb_add(&b->cls, cls, cl);
        sb_addc(&b->cls, '\0');
        if (b->cls.oom) {
            b->oom = 1;
            return;
        }
        b->nodes[idx].off = off;
        b->nodes[idx].len = (uint32_t)(il + 1 + cl);
        unsigned cf = 0;
        if (il)
            cf |= classify_tokens(b->cls.p + off, il);
        if (cl)
            cf |= class_flags_cached(b, b->cls.p + off + il + 1, cl, (uint32_t)(off + il + 1));
        flags |= finish_class_flags(cf);
    }
    if (tag == T_TIME) {
        if (pubdate)
            flags |= F_PUBTIME;
        if (datetime && b->ntimes < MAX_TIMES) {
            timecand *t = &b->times[b->ntimes];
            if (norm_date(datetime, t->date)) {
                t->node = idx;
                t->strong = pubdate;
                b->ntimes++;
            }
        }
    }
    b->nodes[idx].flags = (uint16_t)flags;
    b->cur = idx;
    b->depth++;
}

static void sax_end(void *ctx, const xmlChar *xname)
{
    builder *b = ctx;
    const char *name = (const char *)xname;
    if (b->oom)
        return;
    if (b->in_ld && strcmp(name, "script") == 0) {
        b->in_ld = 0;
        if (b->ld.len && !b->ld.oom)
            ld_parse(&b->m, b->ld.p, b->ld.len);
    }
    if (b->in_title && strcmp(name, "title") == 0) {
        b->in_title = 0;
        b->have_title = 1;
    }
    if (b->skip_depth) {
        b->skip_depth--;
        return;
    }
    if (b->overflow) {
        b->overflow--;
        return;
    }
    if (b->cur != 0 && b->cur != NONE) {
        b->cur = b->nodes[b->cur].parent;
        b->depth--;
    }
}

static void sax_chars(void *ctx, const xmlChar *ch, int len)
{
    builder *b = ctx;
    if (b->oom || len <= 0)
        return;
    if (b->in_ld) {
        if (b->ld.len + (size_t)len <= MAX_LDJSON)
            sb_add(&b->ld, (const char *)ch, (size_t)len);
        return;
    }
    if (b->in_title) {
        if (b->title.len + (size_t)len <= MAX_META_VALUE)
            sb_add(&b->title, (const char *)ch, (size_t)len);
        return;
    }
    if (b->skip_depth)
        return;
    hnode *cur = &b->nodes[b->cur];
    if (cur->last != NONE) {
        hnode *l = &b->nodes[cur->last];
        if (l->tag == T_TEXT && (size_t)l->off + l->len == b->text.len &&
            (uint64_t)l->len + (uint64_t)len < UINT32_MAX) {
            sb_add(&b->text, (const char *)ch, (size_t)len);
            if (b->text.oom)
                b->oom = 1;
            else
                l->len += (uint32_t)len;
            return;
        }
    }
    if (b->text.len + (size_t)len >= UINT32_MAX) {
        b->oom = 1;
        return;
    }
    uint32_t off = (uint32_t)b->text.len;
    sb_add(&b->text, (const char *)ch, (size_t)len);
    if (b->text.oom) {
        b->oom = 1;
        return;
    }
    uint32_t idx = new_node(b, T_TEXT);
    if (idx == NONE)
        return;
    b->nodes[idx].off = off;
    b->nodes[idx].len = (uint32_t)len;
}

static void sax_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* ------------------------------------------------------------------------ */
/* Blocks                                                                    */

enum { K_OTHER = 0, K_P, K_HEAD, K_LI, K_TD, K_PRE, K_QUOTE, K_DT };

enum {
    B_JUNK = 1,    /* inside a boilerplate container (tag or class) */
    B_CAPTION = 2, /* inside a caption / credit */
    B_META = 4,    /* inside a byline / date container */
    B_HEADING = 8,
    B_USED = 16,
    B_LEADLINK = 32, /* text starts inside a link */
};

typedef struct blk {
    uint32_t owner;
    uint32_t off, len;    /* bytes in block text arena */
    uint32_t chars;       /* non-space code points */
    uint32_t link_chars;  /* of which inside links */
    uint32_t punct;       /* sentence punctuation marks */
    uint32_t words;
    uint32_t cjk;         /* CJK / Hangul characters (dense scripts) */
    uint8_t kind;
    uint8_t hlevel;
    uint16_t flags;
} blk;

typedef struct seg {
    const builder *b;
    sbuf txt;
    blk *blks;
    uint32_t nb, cap;
    /* current paragraph */
    size_t start;
    uint32_t chars, link_chars, punct, words, cjk;
    int pending_space, in_word;
    int link_depth, pre_depth;
    int lead_link;
    int oom;
} seg;

static void seg_flush(seg *s, uint32_t owner)
{
    /* trim trailing whitespace */
    while (s->txt.len > s->start && (s->txt.p[s->txt.len - 1] == ' ' || s->txt.p[s->txt.len - 1] == '\n'))
        s->txt.len--;
    if (s->txt.len > s->start && s->chars > 0) {
        if (s->nb == s->cap) {
            uint32_t ncap = s->cap ? s->cap * 2 : 256;
            blk *n = realloc(s->blks, (size_t)ncap * sizeof *n);
            if (!n) {
                s->oom = 1;
                return;
            }
            s->blks = n;
            s->cap = ncap;
        }
        blk *k = &s->blks[s->nb++];
        memset(k, 0, sizeof *k);
        k->owner = owner;
        k->off = (uint32_t)s->start;
        k->len = (uint32_t)(s->txt.len - s->start);
        k->chars = s->chars;
        k->link_chars = s->link_chars;
        k->punct = s->punct;
        k->words = s->words;
        k->cjk = s->cjk;
        k->flags = s->lead_link ? B_LEADLINK : 0;
        sb_addc(&s->txt, '\0');
    } else {
        s->txt.len = s->start;
    }
    if (s->txt.len > UINT32_MAX - 1024)
        s->oom = 1;
    s->start = s->txt.len;
    s->chars = s->link_chars = s->punct = s->words = s->cjk = 0;
    s->pending_space = 0;
    s->in_word = 0;
}

static void seg_text(seg *s, const char *t, size_t n)
{
    if (sb_reserve(&s->txt, n + 1) < 0) {
        s->oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        int space = is_space(c);
        if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xA0) {
            space = 1;
            i++;
        }
        if (s->pre_depth && space && c == '\n') {
            if (s->txt.len > s->start)
                sb_addc(&s->txt, '\n');
            s->pending_space = 0;
            s->in_word = 0;
            continue;
        }
        if (space) {
            s->pending_space = 1;
            s->in_word = 0;
            continue;
        }
        if (s->pending_space && s->txt.len > s->start && s->txt.p[s->txt.len - 1] != '\n')
            sb_addc(&s->txt, ' ');
        s->pending_space = 0;
        if (s->txt.len == s->start)
            s->lead_link = s->link_depth > 0;
        sb_addc(&s->txt, (char)c);
        if ((c & 0xC0) != 0x80) {
            s->chars++;
            if (s->link_depth)
                s->link_chars++;
            if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':')
                s->punct++;
            /* CJK full stop / comma: E3 80 82, E3 80 81, EF BC 8C, EF BC 8E */
            if (c == 0xE3 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
                ((unsigned char)t[i + 2] == 0x82 || (unsigned char)t[i + 2] == 0x81))
                s->punct++;
            if (c == 0xEF && i + 2 < n && (unsigned char)t[i + 1] == 0xBC &&
                ((unsigned char)t[i + 2] == 0x8C || (unsigned char)t[i + 2] == 0x8E))
                s->punct++;
            if (c >= 0xE3 && c <= 0xED)
                s->cjk++;
            int wordch = is_alpha(c) || is_digit(c) || c >= 0x80;
            if (wordch && !s->in_word)
                s->words++;
            s->in_word = wordch;
        }
    }
}

static void seg_br(seg *s)
{
    while (s->txt.len > s->start && s->txt.p[s->txt.len - 1] == ' ')
        s->txt.len--;
    if (s->txt.len > s->start && s->txt.p[s->txt.len - 1] != '\n')
        sb_addc(&s->txt, '\n');
    s->pending_space = 0;
    s->in_word = 0;
}

/* ------------------------------------------------------------------------ */
/* Extraction context                                                        */

typedef struct ext {
    builder *b;
    seg s;
    uint8_t *skip;      /* per node: subtree not extracted */
    uint8_t *junk;      /* per node: inside boilerplate container */
    uint8_t *anchor;    /* per node: contains h1 / articleBody / main */
    uint8_t *negeff;    /* per node: class says boilerplate and we trust it */
    uint32_t *tchars;   /* per node: characters of text in the subtree */
    uint8_t *has_img;   /* per node: an <img> in the subtree */
    uint32_t *prev_elem;/* per node: previous element sibling or NONE */
    uint8_t *region;    /* per node: see mark_region() */
    uint8_t *in_h;      /* per node: inside the element around the title <h1> (NULL: unknown) */
    uint32_t *n_art;    /* per node: <article> elements in the subtree */
    uint32_t *n_lhead;  /* per node: link headings in the subtree */
    uint32_t *pcount;   /* per node: <p> descendants */
    float *G, *J;       /* per node: prose and junk amounts */
    const char *title;  /* for heading de-duplication */
} ext;

static const char *node_cls(const builder *b, uint32_t i)
{
    return b->nodes[i].off == NONE || b->nodes[i].tag == T_TEXT ? "" : b->cls.p + b->nodes[i].off;
}

static int is_heading_tag(unsigned t) { return t >= T_H1 && t <= T_H6; }

/* Node analysis before segmentation: anchors, p counts, skip flags. */
static int analyse_nodes(ext *x)
{
    builder *b = x->b;
    uint32_t n = b->n;
    x->skip = calloc(n, 1);
    x->junk = calloc(n, 1);
    x->negeff = calloc(n, 1);
    x->anchor = calloc(n, 1);
    x->pcount = calloc(n, sizeof *x->pcount);
    if (!x->skip || !x->junk || !x->anchor || !x->pcount || !x->negeff)
        return -1;
    /* bottom-up: children always have larger indices than their parent */
    for (uint32_t i = n; i-- > 1;) {
        hnode *nd = &b->nodes[i];
        if (nd->tag == T_TEXT)
            continue;
        if (nd->tag == T_P)
            x->pcount[i]++;
        if (nd->tag == T_H1 || nd->tag == T_MAIN || (nd->flags & (F_ABODY | F_MAINROLE)))
            x->anchor[i] = 1;
        uint32_t p = nd->parent;
        if (p != NONE) {
            x->pcount[p] += x->pcount[i];
            x->anchor[p] |= x->anchor[i];
        }
    }
    /* top-down */
    for (uint32_t i = 1; i < n; i++) {
        hnode *nd = &b->nodes[i];
        uint32_t p = nd->parent;
        uint8_t pskip = p != NONE ? x->skip[p] : 0;
        if (nd->tag == T_TEXT) {
            x->skip[i] = pskip;
            continue;
        }
        unsigned props = tag_props(nd->tag);
        int skip = pskip || (nd->flags & F_HIDDEN) || (props & TP_SKIP);
        /* forms: skipped unless they wrap the article (ASP.NET style pages) */
        if (nd->tag == T_FORM && x->pcount[i] < 3)
            skip = 1;
        x->skip[i] = (uint8_t)skip;
    }
    return 0;
}

/* Is this element a boilerplate container by its tag? */
static int tag_junk(const ext *x, uint32_t i)
{
    const hnode *nd = &x->b->nodes[i];
    unsigned props = tag_props(nd->tag);
    if (!(props & TP_BOILER) || nd->tag == T_FIGCAPTION)
        return 0;
    /* <header>/<footer> that wrap the whole article are not boilerplate */
    if ((nd->tag == T_HEADER || nd->tag == T_FOOTER) && x->anchor[i] && x->pcount[i] >= 4)
        return 0;
    return 1;
}

/* Junk flags: boilerplate tags, and boilerplate-looking classes.  graw is the
 * prose amount per element computed without class penalties (NULL in the
 * first pass): a boilerplate-looking class on an element holding a large
 * share of the page's prose (a layout wrapper such as "page-sidebar-layout")
 * is not trusted, except for comment sections. */
static void compute_junk(ext *x, const float *graw)
{
    builder *b = x->b;
    uint32_t n = b->n;
    float total = graw ? graw[0] : 0;
    for (uint32_t i = 1; i < n; i++) {
        hnode *nd = &b->nodes[i];
        uint32_t p = nd->parent;
        uint8_t pjunk = p != NONE ? x->junk[p] : 0;
        x->negeff[i] = 0;
        if (nd->tag == T_TEXT) {
            x->junk[i] = pjunk;
            continue;
        }
        int junk = pjunk || tag_junk(x, i);
        if ((nd->flags & F_NEG) && !(nd->flags & F_ABODY) && !x->anchor[i] && nd->tag != T_ARTICLE &&
            nd->tag != T_MAIN && nd->tag != T_BODY && nd->tag != T_HTML) {
            if ((nd->flags & F_STRONGNEG) || (graw && graw[i] < 0.8f * total)) {
                x->negeff[i] = 1;
                junk = 1;
            }
        }
        x->junk[i] = (uint8_t)junk;
    }
}

/* Walks the tree and cuts it into blocks. */
static int segment(ext *x)
{
    builder *b = x->b;
    seg *s = &x->s;
    uint32_t bstack[MAX_DEPTH + 8];
    int bsp = 0;
    bstack[bsp++] = 0;
    if (b->n <= 1)
        return 0;
    uint32_t i = 0;
    for (;;) {
        hnode *nd = &b->nodes[i];
        int descend = 0;
        /* enter */
        if (nd->tag == T_TEXT) {
            if (!x->skip[i])
                seg_text(s, b->text.p + nd->off, nd->len);
        } else if (i != 0 && x->skip[i]) {
            if (tag_props(nd->tag) & TP_BLOCK)
                seg_flush(s, bstack[bsp - 1]);
        } else {
            if (nd->tag == T_BR) {
                seg_br(s);
            } else if (i != 0 && (tag_props(nd->tag) & TP_BLOCK)) {
                seg_flush(s, bstack[bsp - 1]);
                if (bsp < (int)(sizeof bstack / sizeof bstack[0]))
                    bstack[bsp++] = i;
            }
            if (nd->tag == T_TD || nd->tag == T_TH) {
                /* a table row is one block, its cells separated by spaces */
                s->pending_space = 1;
                s->in_word = 0;
            }
            if (nd->tag == T_A)
                s->link_depth++;
            if (nd->tag == T_PRE)
                s->pre_depth++;
            descend = nd->first != NONE;
        }
        if (s->oom || s->txt.oom)
            return -1;
        if (descend) {
            i = nd->first;
            continue;
        }
        /* exit this node and ancestors until one has a next sibling */
        for (;;) {
            hnode *e = &b->nodes[i];
            if (e->tag != T_TEXT && !(i != 0 && x->skip[i])) {
                if (e->tag == T_A && s->link_depth)
                    s->link_depth--;
                if (e->tag == T_PRE && s->pre_depth)
                    s->pre_depth--;
                if (i == 0 || (tag_props(e->tag) & TP_BLOCK)) {
                    seg_flush(s, bstack[bsp - 1]);
                    if (bsp > 1 && bstack[bsp - 1] == i)
                        bsp--;
                }
            }
            if (i == 0)
                return s->oom ? -1 : 0;
            if (e->next != NONE) {
                i = e->next;
                break;
            }
            i = e->parent;
        }
    }
}

static int count_chars(ext *x)
{
    builder *b = x->b;
    x->tchars = calloc(b->n, sizeof *x->tchars);
    x->has_img = calloc(b->n, 1);
    x->prev_elem = malloc((size_t)b->n * sizeof *x->prev_elem);
    if (!x->tchars || !x->has_img || !x->prev_elem)
        return -1;
    for (uint32_t i = 0; i < b->n; i++)
        x->prev_elem[i] = NONE;
    for (uint32_t i = 0; i < b->n; i++) {
        uint32_t prev = NONE;
        if (b->nodes[i].tag == T_TEXT)
            continue;
        for (uint32_t c = b->nodes[i].first; c != NONE; c = b->nodes[c].next) {
            x->prev_elem[c] = prev;
            if (b->nodes[c].tag != T_TEXT)
                prev = c;
        }
    }
    for (uint32_t i = b->n; i-- > 1;) {
        if (b->nodes[i].tag == T_IMG)
            x->has_img[i] = 1;
        if (x->has_img[i] && b->nodes[i].parent != NONE)
            x->has_img[b->nodes[i].parent] = 1;
    }
    for (uint32_t k = 0; k < x->s.nb; k++)
        x->tchars[x->s.blks[k].owner] += x->s.blks[k].chars;
    for (uint32_t i = b->n; i-- > 1;)
        if (b->nodes[i].parent != NONE)
            x->tchars[b->nodes[i].parent] += x->tchars[i];
    return 0;
}

/* Block kinds and flags from the owner chain. */
static void classify_blocks(ext *x)
{
    builder *b = x->b;
    for (uint32_t k = 0; k < x->s.nb; k++) {
        blk *bl = &x->s.blks[k];
        uint32_t o = bl->owner;
        unsigned t = b->nodes[o].tag;
        bl->kind = K_OTHER;
        bl->flags &= B_LEADLINK;
        bl->hlevel = 0;
        switch (t) {
        case T_P: bl->kind = K_P; break;
        case T_LI: case T_DD: bl->kind = K_LI; break;
        case T_DT: bl->kind = K_DT; break;
        case T_TD: case T_TH: case T_TR: bl->kind = K_TD; break;
        case T_PRE: bl->kind = K_PRE; break;
        case T_BLOCKQUOTE: bl->kind = K_QUOTE; break;
        default: break;
        }
        /* walk up a few levels for headings / captions / meta containers */
        uint32_t a = o;
        for (int d = 0; a != NONE && a != 0 && d < 64; d++, a = b->nodes[a].parent) {
            hnode *an = &b->nodes[a];
            if (is_heading_tag(an->tag) && d < 3 && !bl->hlevel) {
                bl->hlevel = (uint8_t)(an->tag - T_H1 + 1);
                bl->flags |= B_HEADING;
            }
            if (an->tag == T_FIGCAPTION || ((an->flags & F_CAPTION) && d < 4 && x->tchars[a] < 1500))
                bl->flags |= B_CAPTION;
            if (an->tag == T_FIGURE && bl->kind != K_P)
                bl->flags |= B_CAPTION;
            if ((an->flags & F_META) && d < 6 && x->tchars[a] < 400)
                bl->flags |= B_META;
            if (an->tag == T_ARTICLE || an->tag == T_MAIN || an->tag == T_BODY || (an->flags & F_ABODY))
                break;
        }
        if (bl->flags & B_HEADING)
            bl->kind = K_HEAD;
        if (x->junk[o])
            bl->flags |= B_JUNK;
    }
}

/* "<li><a>Headline</a> summary text</li>": an item of a list of stories. */
static int block_is_teaser(const blk *bl)
{
    return (bl->flags & B_LEADLINK) && bl->kind != K_P && bl->kind != K_HEAD && bl->link_chars >= 15 &&
           bl->link_chars * 8 >= bl->chars;
}

static int block_is_prose(const blk *bl)
{
    /* dense scripts carry about twice the information per character */
    uint32_t nonlink = bl->chars - bl->link_chars + bl->cjk;
    if (bl->link_chars * 2 > bl->chars)
        return 0;
    if (nonlink >= 100)
        return 1;
    if (nonlink >= 40 && bl->punct >= 1 && (bl->words >= 6 || bl->cjk >= 15))
        return 1;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Content selection                                                         */

static int score_nodes(ext *x)
{
    builder *b = x->b;
    uint32_t n = b->n;
    if (!x->G) {
        x->G = calloc(n, sizeof *x->G);
        x->J = calloc(n, sizeof *x->J);
        x->n_lhead = calloc(n, sizeof *x->n_lhead);
        x->n_art = calloc(n, sizeof *x->n_art);
        if (!x->G || !x->J || !x->n_lhead || !x->n_art)
            return -1;
    }
    memset(x->n_lhead, 0, (size_t)n * sizeof *x->n_lhead);
    memset(x->n_art, 0, (size_t)n * sizeof *x->n_art);
    memset(x->G, 0, (size_t)n * sizeof *x->G);
    memset(x->J, 0, (size_t)n * sizeof *x->J);
    for (uint32_t k = 0; k < x->s.nb; k++) {
        blk *bl = &x->s.blks[k];
        uint32_t o = bl->owner;
        float chars = (float)bl->chars;
        if (bl->flags & (B_JUNK | B_CAPTION)) {
            x->J[o] += chars;
            continue;
        }
        if (bl->kind == K_HEAD) {
            if (bl->link_chars * 2 > bl->chars) {
                x->J[o] += chars;
                x->n_lhead[o]++;
            }
            continue;
        }
        if (x->in_h && !x->in_h[o] && block_is_teaser(bl)) {
            /* story teasers outside the element that holds the title */
            x->J[o] += chars;
        } else if (block_is_prose(bl)) {
            float w = (float)(bl->chars - bl->link_chars + bl->cjk);
            if (bl->kind == K_LI || bl->kind == K_TD || bl->kind == K_DT)
                w *= 0.6f;
            if (bl->flags & B_META)
                w *= 0.5f;
            x->G[o] += w;
        } else if (bl->link_chars * 2 > bl->chars) {
            x->J[o] += chars;
        } else {
            x->J[o] += chars * 0.3f;
        }
    }
    for (uint32_t i = n; i-- > 1;) {
        uint32_t p = b->nodes[i].parent;
        if (b->nodes[i].tag == T_ARTICLE)
            x->n_art[i]++;
        if (p == NONE)
            continue;
        x->G[p] += x->G[i];
        x->J[p] += x->J[i];
        x->n_art[p] += x->n_art[i];
        x->n_lhead[p] += x->n_lhead[i];
    }
    return 0;
}

/* The element around the page's title <h1> that also holds some prose: the
 * story itself.  Teasers outside it are penalised in the second scoring pass. */
static int find_title_block(ext *x, const char *title)
{
    builder *b = x->b;
    uint32_t h = NONE, first = NONE;
    for (uint32_t i = 1; i < b->n; i++) {
        unsigned tg = b->nodes[i].tag;
        if (tg < T_H1 || tg > T_H3 || x->skip[i] || x->junk[i])
            continue;
        if (first == NONE && tg == T_H1)
            first = i;
        if (title) {
            char *t = node_text(b, i, 512);
            int like = t && title_like(t, title);
            free(t);
            if (like) {
                h = i;
                break;
            }
        }
    }
    if (h == NONE)
        h = first;
    if (h == NONE)
        return 0;
    uint32_t a = h;
    while (a != NONE && a != 0 && x->G[a] < 150.0f)
        a = b->nodes[a].parent;
    if (a == NONE || a == 0 || b->nodes[a].tag == T_BODY || b->nodes[a].tag == T_HTML)
        return 0;
    x->in_h = calloc(b->n, 1);
    if (!x->in_h)
        return -1;
    x->in_h[a] = 1;
    for (uint32_t i = a + 1; i < b->n; i++) {
        uint32_t p = b->nodes[i].parent;
        if (p != NONE && x->in_h[p])
            x->in_h[i] = 1;
    }
    return 0;
}

static double node_score(const ext *x, uint32_t i)
{
    const hnode *nd = &x->b->nodes[i];
    double g = x->G[i], j = x->J[i];
    if (g <= 0)
        return 0;
    double s = g * g / (g + j);
    if (nd->flags & F_ABODY)
        s *= 1.3;
    else if (nd->tag == T_ARTICLE || nd->tag == T_MAIN || (nd->flags & F_MAINROLE))
        s *= 1.1;
    else if (nd->flags & F_POS)
        s *= 1.05;
    return s;
}

static uint32_t pick_container(const ext *x, int allow_junk)
{
    const builder *b = x->b;
    uint32_t best = NONE;
    double bs = 0;
    for (uint32_t i = 1; i < b->n; i++) {
        const hnode *nd = &b->nodes[i];
        if (nd->tag == T_TEXT || x->skip[i] || (!allow_junk && x->junk[i]))
            continue;
        if (x->G[i] <= 0)
            continue;
        double s = node_score(x, i);
        if (s > bs) {
            bs = s;
            best = i;
        }
    }
    return best;
}

/* ------------------------------------------------------------------------ */
/* Block filters                                                             */

static int text_eq_loose(const char *a, const char *b)
{
    /* compare ignoring case, spaces and punctuation (ASCII) */
    if (!a || !b)
        return 0;
    for (;;) {
        while (*a && !(is_alpha((unsigned char)*a) || is_digit((unsigned char)*a) || (unsigned char)*a >= 0x80))
            a++;
        while (*b && !(is_alpha((unsigned char)*b) || is_digit((unsigned char)*b) || (unsigned char)*b >= 0x80))
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (lc((unsigned char)*a) != lc((unsigned char)*b))
            return 0;
        a++, b++;
    }
}

static int ends_sentence(const char *t)
{
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '"' || t[n - 1] == ')'))
        n--;
    if (n >= 3 && (unsigned char)t[n - 3] == 0xE2 && (unsigned char)t[n - 2] == 0x80 &&
        ((unsigned char)t[n - 1] == 0x9D || (unsigned char)t[n - 1] == 0x99))
        n -= 3;
    if (n >= 3 && (unsigned char)t[n - 3] == 0xE3 && (unsigned char)t[n - 2] == 0x80 && (unsigned char)t[n - 1] == 0x82)
        return 1;
    return n && (t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?' || t[n - 1] == ':');
}

/* The block's element, or its previous element sibling, holds an image
 * (and the element is small): the block is probably a caption. */
static int near_image(const ext *x, uint32_t owner)
{
    const builder *b = x->b;
    for (int up = 0; up < 2 && owner != NONE && owner != 0; up++) {
        if (x->tchars[owner] > 300)
            return 0;
        if (x->has_img[owner])
            return 1;
        uint32_t p = b->nodes[owner].parent;
        if (p == NONE)
            return 0;
        uint32_t prev = x->prev_elem[owner];
        if (prev != NONE && x->has_img[prev] && x->tchars[prev] == 0)
            return 1;
        owner = p;
    }
    return 0;
}

/* A link-heavy block that still reads as a sentence of the article
 * ("<a>Ousted CEO can still name directors</a>, a report says."). */
static int is_linked_sentence(const blk *bl, const char *t)
{
    if (bl->kind == K_HEAD || bl->words < 8 || bl->link_chars * 10 > bl->chars * 9)
        return 0;
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '"' || t[n - 1] == ')'))
        n--;
    if (n >= 3 && (unsigned char)t[n - 3] == 0xE2 && (unsigned char)t[n - 2] == 0x80 &&
        ((unsigned char)t[n - 1] == 0x9D || (unsigned char)t[n - 1] == 0x99))
        n -= 3;
    return n && (t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?');
}

/* Heading text equal to the title, or one being a prefix of the other. */
static int title_like(const char *h, const char *title)
{
    if (!h || !title)
        return 0;
    if (text_eq_loose(h, title))
        return 1;
    size_t hl = strlen(h), tl = strlen(title);
    size_t m = hl < tl ? hl : tl, M = hl < tl ? tl : hl;
    if (m < 10 || m * 10 < M * 7)
        return 0;
    return strncasecmp(h, title, m) == 0;
}

/* Short blocks that are nothing but an advertising label. */
static const char *const ad_labels[] = {"ad", "ads", "advert", "advertisement", "advertising", "anzeige",
                                        "werbung", "publicite", "publicit\xc3\xa9", "publicidad",
                                        "pubblicit\xc3\xa0", "\xd1\x80\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0",
                                        "iklan", "sponsored", "sponsored content", "paid content", "story continues below",
                                        "article continues below", "continue reading below", NULL};

static const char *const boiler_prefixes[] = {
    "advertisement", "advertising", "sponsored", "read more", "read also", "also read",
    "related:", "related articles", "related stories", "related content", "see also",
    "recommended", "sign up", "subscribe", "follow us", "share this", "share on", "share:",
    "click here", "photo:", "photos:", "image:", "picture:", "credit:", "getty images",
    "(photo", "(image", "(credit", "copyright", "\xc2\xa9", "all rights reserved",
    "listen to this", "loading", "skip to", "comments", "leave a comment", "we use cookies",
    "this site uses cookies", "this website uses cookies", "by continuing to use",
    "don't miss", "don\xe2\x80\x99t miss", "this slideshow requires", "watch:", "video:", "more:", "most read", "most popular", "trending",
    "you may also like", "you might also like", "next article", "previous article",
    "download the app", "get the app", "join our", "newsletter", "tags:", "topics:",
    "filed under", "posted in", "published in", "updated:", "published:", "last updated",
    "reporting by", "editing by", "view comments", "show comments", "print this",
    "email this", "back to top", "scroll to", "continue reading", "this content",
    "enable javascript", "please enable", "your browser", NULL};

/* A caption that ends with its credit: "... (Image: GETTY)". */
static int is_credit_caption(const char *t, uint32_t chars)
{
    if (chars > 300)
        return 0;
    /* "... isn't easy.Kathrin Ziegler/Getty", "... in New York.Reuters" */
    static const char *const agencies[] = {"getty", "getty images", "reuters", "ap", "afp", "epa",
                                           "shutterstock", "istock", "istockphoto", "ap photo", NULL};
    size_t n = strlen(t);
    for (const char *const *a = agencies; *a; a++) {
        size_t al = strlen(*a);
        if (n > al + 1 && streq_ci(t + n - al, *a)) {
            char before = t[n - al - 1];
            if (before == '/' || before == '.' || (before == ' ' && chars < 200 && !ends_sentence(t)))
                return 1;
        }
    }
    size_t tl = strlen(t);
    if (tl > 3 && t[tl - 1] == ')') {
        const char *o = strrchr(t, '(');
        if (o && (starts_ci(o + 1, "image:") || starts_ci(o + 1, "photo:") || starts_ci(o + 1, "picture:") ||
                  starts_ci(o + 1, "pic:") || starts_ci(o + 1, "credit:") || starts_ci(o + 1, "photograph:") ||
                  starts_ci(o + 1, "foto:") || starts_ci(o + 1, "getty") || starts_ci(o + 1, "ap photo") ||
                  starts_ci(o + 1, "reuters") || starts_ci(o + 1, "afp")))
            return 1;
    }
    return 0;
}

static int is_boiler_text(const char *t, uint32_t chars)
{
    if (chars > 160)
        return 0;
    if (chars <= 40) {
        /* gallery counters: "1 of 6", "Image 2 of 5" */
        const char *q = t;
        while (is_alpha((unsigned char)*q))
            q++;
        while (*q == ' ')
            q++;
        if (is_digit((unsigned char)*q)) {
            while (is_digit((unsigned char)*q))
                q++;
            if (starts_ci(q, " of ") || starts_ci(q, " / ") || *q == '/') {
                q += (*q == '/') ? 1 : 4;
                while (*q == ' ')
                    q++;
                if (is_digit((unsigned char)*q)) {
                    while (is_digit((unsigned char)*q))
                        q++;
                    if (!*q)
                        return 1;
                }
            }
        }
        for (const char *const *p = ad_labels; *p; p++) {
            size_t l = strlen(*p);
            if (starts_ci(t, *p)) {
                const char *r = t + l;
                while (*r && !is_alpha((unsigned char)*r) && !is_digit((unsigned char)*r) && (unsigned char)*r < 0x80)
                    r++;
                if (!*r)
                    return 1;
            }
        }
    }
    for (const char *const *p = boiler_prefixes; *p; p++)
        if (starts_ci(t, *p))
            return 1;
    return 0;
}

static int has_letter(const char *t)
{
    for (; *t; t++)
        if (is_alpha((unsigned char)*t) || (unsigned char)*t >= 0xC3)
            return 1;
    return 0;
}

static int looks_like_byline(const char *t, uint32_t chars)
{
    /* "By Jane Doe and John Roe", not "By Monday, the council had agreed." */
    if (chars > 120 || ends_sentence(t))
        return 0;
    static const char *const pre[] = {"by ", "von ", "par ", "por ", "di ", "door ", "av ", "written by",
                                      "posted by", "words by", "story by", "text by", NULL};
    for (const char *const *p = pre; *p; p++) {
        size_t l = strlen(*p);
        if (starts_ci(t, *p) && t[l] && ((unsigned char)t[l] >= 'A' && (unsigned char)t[l] <= 'Z'))
            return 1;
        if (starts_ci(t, *p) && t[l] && (unsigned char)t[l] >= 0xC3)
            return 1;
    }
    return 0;
}

static int looks_like_date_line(const char *t, uint32_t chars)
{
    if (chars > 80)
        return 0;
    char d[11];
    if (!norm_date(t, d))
        return 0;
    /* only date material: at most one word that is not a month, weekday,
     * time-zone or "updated/published" word ("Veröffentlicht am 19.11.2019") */
    static const char *const dateish[] = {
        "am", "pm", "a", "p", "m", "et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "gmt",
        "utc", "bst", "cet", "cest", "ist", "hst", "updated", "update", "published", "posted", "last",
        "modified", "on", "at", "date", "time", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
        "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "of", "de", "th", "st", "nd", "rd", "h", "hrs", "ago",
        /* other languages: weekdays and date/time particles */
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "uhr", "um",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "le", "\xc3\xa0",
        "lunes", "martes", "mi\xc3\xa9rcoles", "jueves", "viernes", "s\303\241bado", "domingo", "el",
        "luned\xc3\xac", "marted\xc3\xac", "mercoled\xc3\xac", "gioved\xc3\xac", "venerd\xc3\xac",
        "sabato", "domenica", "segunda", "ter\303\247a", "quarta", "quinta", "sexta", "feira",
        "\xc3\xa0s", "do", "da", NULL};
    int words = 0;
    for (const char *p = t; *p;) {
        if (is_alpha((unsigned char)*p) || (unsigned char)*p >= 0x80) {
            const char *w = p;
            while (is_alpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
                p++;
            size_t wl = (size_t)(p - w);
            int known = month_from_name(w, wl) != 0;
            for (const char *const *k = dateish; *k && !known; k++)
                if (strlen(*k) == wl && strncasecmp(w, *k, wl) == 0)
                    known = 1;
            if (!known)
                words++;
        } else {
            p++;
        }
    }
    return words <= 1 && !strchr(t, '@');
}

/* ------------------------------------------------------------------------ */
/* Title helpers                                                             */

static const char *const title_seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ",
                                         " \xc2\xb7 ", " : ", " \xe2\x80\xa2 ", " // ", " \xc2\xbb ", NULL};

/* Removes a " | Site" suffix or "Site | " prefix when site is known. */
static void strip_site(char *t, const char *site)
{
    if (!t || !site || !*site)
        return;
    size_t tl = strlen(t), sl = strlen(site);
    if (tl <= sl)
        return;
    for (const char *const *sp = title_seps; *sp; sp++) {
        size_t pl = strlen(*sp);
        if (tl > sl + pl && streq_ci(t + tl - sl, site) && memcmp(t + tl - sl - pl, *sp, pl) == 0) {
            t[tl - sl - pl] = '\0';
            return;
        }
        if (tl > sl + pl && memcmp(t + sl, *sp, pl) == 0) {
            char save = t[sl];
            t[sl] = '\0';
            int eq = streq_ci(t, site);
            t[sl] = save;
            if (eq) {
                memmove(t, t + sl + pl, tl - sl - pl + 1);
                return;
            }
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Output                                                                    */

/* Region membership per node (1 = inside a chosen container, 2 = inside
 * and below a boilerplate element that lies within the container), in one
 * top-down pass. */
static int mark_region(ext *x, const uint32_t *roots, int nroots)
{
    const builder *b = x->b;
    free(x->region);
    x->region = calloc(b->n, 1);
    if (!x->region)
        return -1;
    for (int r = 0; r < nroots; r++)
        x->region[roots[r]] = 1;
    for (uint32_t i = 1; i < b->n; i++) {
        if (x->region[i])
            continue; /* a root */
        uint32_t p = b->nodes[i].parent;
        if (p == NONE || !x->region[p])
            continue;
        if (x->region[p] == 2 || (b->nodes[i].tag != T_TEXT && (tag_junk(x, i) || x->negeff[i])))
            x->region[i] = 2;
        else
            x->region[i] = 1;
    }
    return 0;
}

/* Headings with nothing kept under them (the next kept block is a heading of
 * the same or a higher level, or there is none) label boilerplate lists
 * ("More stories", "Related") whose items were dropped. */
static void drop_orphan_headings(ext *x)
{
    blk *bl = x->s.blks;
    uint32_t nb = x->s.nb;
    /* walk backwards remembering the next kept block */
    int next_level = -1; /* -1: none; 0: a non-heading; n: heading level n */
    for (uint32_t k = nb; k-- > 0;) {
        if (!(bl[k].flags & B_USED))
            continue;
        if (bl[k].kind == K_HEAD) {
            int lvl = bl[k].hlevel ? bl[k].hlevel : 6;
            if (next_level == -1 || (next_level > 0 && next_level <= lvl)) {
                bl[k].flags &= (uint16_t)~B_USED;
                continue;
            }
            next_level = lvl;
        } else {
            next_level = 0;
        }
    }
}

/* Promotional / contact / credit lines at the very end of an article:
 * "Follow us on Twitter", "Sign up for our newsletter", "Email the author at",
 * "X contributed to this report". */
static int tail_cue(const char *t, uint32_t chars)
{
    if (chars > 300)
        return 0;
    static const char *const cues[] = {
        "follow ", "subscribe", "sign up", "signup", "newsletter", "email ", "e-mail", "contributed to this", "contributed reporting", "additional reporting",
        "reporting by", "editing by", "writing by", "click here", "share it", "share this", "have a tip",
        "tell us what", "let us know", "comments", "all rights reserved", "may not be published", NULL};
    for (const char *const *c = cues; *c; c++)
        if (strstr_ci(t, *c))
            return 1;
    return 0;
}

static void trim_tail(ext *x)
{
    blk *bl = x->s.blks;
    int dropped = 0;
    for (uint32_t k = x->s.nb; k-- > 0 && dropped < 6;) {
        if (!(bl[k].flags & B_USED))
            continue;
        if (!tail_cue(x->s.txt.p + bl[k].off, bl[k].chars))
            break;
        bl[k].flags &= (uint16_t)~B_USED;
        dropped++;
    }
}

/* Blocks that are mostly URLs (image source lists, raw link dumps). */
static int url_heavy(const char *t, uint32_t len)
{
    uint32_t url = 0;
    const char *p = t;
    while ((p = strstr(p, "http")) != NULL) {
        if (strncmp(p, "http://", 7) != 0 && strncmp(p, "https://", 8) != 0) {
            p += 4;
            continue;
        }
        const char *q = p;
        while (*q && !is_space((unsigned char)*q))
            q++;
        url += (uint32_t)(q - p);
        p = q;
    }
    return url * 2 > len;
}

#define MAX_ROOTS 64

#ifdef DYAD_HTML_DEBUG
static void dbg_path(const ext *x, uint32_t node)
{
    const builder *b = x->b;
    uint32_t chain[12];
    int n = 0;
    for (uint32_t a = node; a != NONE && a != 0 && n < 12; a = b->nodes[a].parent)
        chain[n++] = a;
    for (int i = n - 1; i >= 0; i--) {
        const char *c = node_cls(b, chain[i]);
        fprintf(stderr, "/%u:%x", b->nodes[chain[i]].tag, b->nodes[chain[i]].flags);
        if (c[0])
            fprintf(stderr, "[%.40s]", c);
    }
}
#define DBG(...) fprintf(stderr, __VA_ARGS__)
#else
#define DBG(...) ((void)0)
#endif

static int build_body(ext *x, sbuf *out)
{
    builder *b = x->b;
    uint32_t best = pick_container(x, 0);
    if (best == NONE)
        best = pick_container(x, 1);
    if (best == NONE)
        return 0;

    /* a container holding several <article>s is a list of posts: narrow it to
     * the article that carries the title, when it has a fair share of the prose */
    if (x->n_art[best] - (b->nodes[best].tag == T_ARTICLE) >= 2) {
        uint32_t pick = NONE;
        for (uint32_t i = best + 1; i < b->n; i++) {
            if (b->nodes[i].tag != T_ARTICLE || !x->anchor[i] || x->skip[i])
                continue;
            uint32_t a = i;
            while (a != NONE && a != best)
                a = b->nodes[a].parent;
            if (a != best)
                break; /* left the subtree (indices are in document order) */
            pick = i;
            break;
        }
        if (pick != NONE && x->G[pick] >= 0.15f * x->G[best])
            best = pick;
    }

    uint32_t roots[MAX_ROOTS];
    int nroots = 0;
    roots[nroots++] = best;

    /* siblings of the container that also hold prose */
    uint32_t par = b->nodes[best].parent;
    if (par != NONE) {
        double gb = x->G[best];
        const char *bcls = node_cls(b, best);
        for (uint32_t c = b->nodes[par].first; c != NONE && nroots < MAX_ROOTS; c = b->nodes[c].next) {
            if (c == best || b->nodes[c].tag == T_TEXT || x->skip[c] || x->junk[c])
                continue;
            double g = x->G[c], j = x->J[c];
            if (g <= 0)
                continue;
            int same_class = bcls[0] && strcmp(bcls, node_cls(b, c)) == 0 &&
                             b->nodes[c].tag == b->nodes[best].tag;
            double purity = g / (g + j);
            /* lists of stories are not a continuation of the article */
            if (x->n_art[c] >= 2 || x->n_lhead[c] >= 2)
                continue;
            /* author boxes, captions and bylines next to the article are not part of it */
            if (!same_class && (b->nodes[c].flags & (F_META | F_AUTHORCLS | F_CAPTION)))
                continue;
            if ((same_class && purity > 0.5) || (purity >= 0.7 && g >= 0.05 * gb && g >= 80) ||
                (b->nodes[c].tag == T_P && purity >= 0.8 && g >= 40))
                roots[nroots++] = c;
        }
    }

    if (mark_region(x, roots, nroots) < 0)
        return -1;

    /* listing-page test: many linked headings, little prose per item */
    int kept_prose = 0, linked_heads = 0, teasers = 0;
    uint32_t longest = 0;

    int first = 1;
#ifdef DYAD_HTML_DEBUG
    for (int r = 0; r < nroots; r++) {
        DBG("ROOT %u G=%.0f J=%.0f score=%.0f ", roots[r], x->G[roots[r]], x->J[roots[r]], node_score(x, roots[r]));
        dbg_path(x, roots[r]);
        DBG("\n");
    }
#endif
    for (uint32_t k = 0; k < x->s.nb; k++) {
        blk *bl = &x->s.blks[k];
        const char *t = x->s.txt.p + bl->off;
        const char *why = NULL;
        int prose = block_is_prose(bl);
        bl->flags &= (uint16_t)~B_USED;
        if (!x->region[bl->owner])
            why = "out";
        else if (bl->kind == K_HEAD && bl->link_chars * 2 > bl->chars) {
            linked_heads++;
            why = "linkhead";
        } else if (x->region[bl->owner] == 2)
            why = "junk";
        else if (bl->flags & B_CAPTION)
            why = "caption";
        else if (!has_letter(t))
            why = "noletter";
        else if (bl->link_chars * 2 >= bl->chars && !is_linked_sentence(bl, t))
            why = "links";
        else if (bl->kind == K_HEAD && (title_like(t, x->title) || (bl->hlevel == 1 && kept_prose == 0)))
            why = "title";
        else if (kept_prose == 0 && bl->chars < 300 && title_like(t, x->title))
            why = "title";
        else if (is_credit_caption(t, bl->chars))
            why = "credit";
        else if (url_heavy(t, bl->len))
            why = "urls";
        else if (!prose && near_image(x, bl->owner) && !ends_sentence(t) && bl->kind != K_HEAD)
            why = "imgcap";
        else if ((bl->flags & B_META) && (!prose || bl->chars < 400))
            why = "meta";
        else if (is_boiler_text(t, bl->chars))
            why = "boiler";
        else if (looks_like_byline(t, bl->chars))
            why = "byline";
        else if (looks_like_date_line(t, bl->chars))
            why = "dateline";
#ifdef DYAD_HTML_DEBUG
        DBG("%c %-8s k%u c%u l%u p%u G%.0f ", why ? '-' : '+', why ? why : "", bl->kind, bl->chars,
            bl->link_chars, bl->punct, x->G[bl->owner]);
        dbg_path(x, bl->owner);
        DBG("\n      %.150s\n", t);
#endif
        if (!why && block_is_teaser(bl))
            teasers++;
        if (why)
            continue;
        if (prose) {
            kept_prose++;
            if (bl->chars > longest)
                longest = bl->chars;
        }
        bl->flags |= B_USED;
    }
    drop_orphan_headings(x);
    trim_tail(x);
    for (uint32_t k = 0; k < x->s.nb; k++) {
        const blk *bl = &x->s.blks[k];
        if (!(bl->flags & B_USED))
            continue;
        if (!first)
            sb_add(out, "\n\n", 2);
        sb_add(out, x->s.txt.p + bl->off, bl->len);
        first = 0;
    }
    if (linked_heads + teasers >= 4 && (linked_heads + teasers) * 2 >= kept_prose && longest < 400 && !x->b->m.ld_is_article &&
        !(x->b->m.og_type && streq_ci(x->b->m.og_type, "article"))) {
        out->len = 0;
        if (out->p)
            out->p[0] = '\0';
    }
    return out->oom ? -1 : 0;
}

/* ------------------------------------------------------------------------ */
/* Metadata assembly                                                         */

static char *lang_primary(const char *v)
{
    if (!v)
        return NULL;
    while (is_space((unsigned char)*v))
        v++;
    size_t n = 0;
    while (is_alpha((unsigned char)v[n]) && n < 8)
        n++;
    if (n < 2 || n > 3)
        return NULL;
    char *o = malloc(n + 1);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        o[i] = (char)lc((unsigned char)v[i]);
    o[n] = '\0';
    return o;
}

static char *first_of(char *a, char *b, char *c)
{
    const char *v = a ? a : b ? b : c;
    return v ? strdup(v) : NULL;
}

/* Text of an element subtree (for h1 / author elements), collapsed. */
static char *node_text(const builder *b, uint32_t node, size_t maxlen)
{
    sbuf s = {0};
    int sp = 0;
    uint32_t i = b->nodes[node].first;
    if (i == NONE)
        return NULL;
    while (i != NONE && s.len < maxlen) {
        const hnode *nd = &b->nodes[i];
        if (nd->tag == T_TEXT) {
            const char *t = b->text.p + nd->off;
            for (uint32_t k = 0; k < nd->len && s.len < maxlen; k++) {
                if (is_space((unsigned char)t[k])) {
                    sp = 1;
                    continue;
                }
                if (sp && s.len)
                    sb_addc(&s, ' ');
                sp = 0;
                sb_addc(&s, t[k]);
            }
        } else if (nd->tag == T_BR || (tag_props(nd->tag) & TP_BLOCK)) {
            sp = 1;
        }
        if (nd->tag != T_TEXT && nd->first != NONE && !(tag_props(nd->tag) & TP_SKIP)) {
            i = nd->first;
            continue;
        }
        while (i != NONE && i != node && b->nodes[i].next == NONE)
            i = b->nodes[i].parent;
        if (i == NONE || i == node)
            break;
        i = b->nodes[i].next;
    }
    if (s.oom) {
        sb_free(&s);
        return NULL;
    }
    char *r = s.p ? clean_dupz(s.p) : NULL;
    sb_free(&s);
    return r;
}

static void fill_metadata(ext *x, dyad_html_result *r)
{
    builder *b = x->b;
    meta *m = &b->m;

    /* source */
    r->source = first_of(m->og_site, m->ld_publisher, m->app_name);
    const char *site = r->source;

    /* title */
    char *tt = NULL;
    if (m->og_title)
        tt = strdup(m->og_title);
    else if (m->ld_headline)
        tt = strdup(m->ld_headline);
    else if (m->tw_title)
        tt = strdup(m->tw_title);
    if (!tt) {
        /* first substantial h1 that is not page furniture */
        for (uint32_t i = 1; i < b->n && !tt; i++) {
            if (b->nodes[i].tag != T_H1 || x->skip[i] || x->junk[i])
                continue;
            char *h = node_text(b, i, MAX_META_VALUE);
            if (h && strlen(h) >= 8)
                tt = h;
            else
                free(h);
        }
    }
    if (!tt && b->title.len)
        tt = clean_dup(b->title.p, b->title.len);
    if (tt) {
        strip_site(tt, site);
        if (!*tt) {
            free(tt);
            tt = NULL;
        }
    }
    r->title = tt;

    /* date */
    const char *d = m->ld_date ? m->ld_date : m->art_date ? m->art_date : m->other_date;
    if (d) {
        r->date = strdup(d);
    } else {
        int pick = -1;
        for (int i = 0; i < b->ntimes; i++)
            if (b->times[i].strong) {
                pick = i;
                break;
            }
        if (pick < 0 && b->ntimes > 0)
            pick = 0;
        if (pick >= 0) {
            r->date = strdup(b->times[pick].date);
        } else {
            char ud[11];
            const char *u = m->canonical ? m->canonical : m->og_url ? m->og_url : m->ld_url;
            if (date_from_url(u, ud))
                r->date = strdup(ud);
        }
    }

    /* author */
    if (m->ld_authors)
        r->author = strdup(m->ld_authors);
    else if (m->meta_authors)
        r->author = strdup(m->meta_authors);
    else if (m->art_authors)
        r->author = strdup(m->art_authors);
    else {
        char *list = NULL;
        for (uint32_t i = 1; i < b->n; i++) {
            if (!(b->nodes[i].flags & F_AUTHOR) || b->nodes[i].tag == T_TEXT || x->skip[i])
                continue;
            /* skip nested author markers: take the outermost */
            uint32_t p = b->nodes[i].parent;
            int nested = 0;
            for (int d2 = 0; p != NONE && d2 < 8; d2++, p = b->nodes[p].parent)
                if (b->nodes[p].flags & F_AUTHOR)
                    nested = 1;
            if (nested)
                continue;
            char *t = node_text(b, i, 200);
            if (t && strlen(t) < 100)
                add_author(&list, t);
            free(t);
        }
        for (int pass = 0; pass < 1 && !list; pass++) {
            /* elements whose class says "author" */
            for (uint32_t i = 1; i < b->n; i++) {
                if (!(b->nodes[i].flags & F_AUTHORCLS) || b->nodes[i].tag == T_TEXT || x->skip[i] || x->junk[i])
                    continue;
                uint32_t p = b->nodes[i].parent;
                int nested = 0;
                for (int d2 = 0; p != NONE && d2 < 4; d2++, p = b->nodes[p].parent)
                    if (b->nodes[p].flags & F_AUTHORCLS)
                        nested = 1;
                if (nested)
                    continue;
                char *t = node_text(b, i, 200);
                if (t && strlen(t) < 60 && !strchr(t, ':') && !strstr_ci(t, "about") && !strchr(t, '@'))
                    add_author(&list, t);
                free(t);
            }
        }
        if (!list) {
            /* "By X and Y" bylines */
            for (uint32_t k = 0; k < x->s.nb && !list; k++) {
                const blk *bl = &x->s.blks[k];
                const char *t = x->s.txt.p + bl->off;
                if (!looks_like_byline(t, bl->chars))
                    continue;
                const char *p = t;
                while (*p && *p != ' ')
                    p++;
                if (starts_ci(t, "written by") || starts_ci(t, "posted by") || starts_ci(t, "words by") ||
                    starts_ci(t, "story by") || starts_ci(t, "text by"))
                    p = strstr_ci(t, " by ") + 3;
                while (*p == ' ')
                    p++;
                char tmp[256];
                size_t n = strlen(p);
                if (n >= sizeof tmp)
                    n = sizeof tmp - 1;
                memcpy(tmp, p, n);
                tmp[n] = '\0';
                /* cut at a separator that starts other metadata */
                char *cut = strpbrk(tmp, "|\n\xe2");
                if (cut)
                    *cut = '\0';
                char *q = tmp;
                for (;;) {
                    char *sep = NULL, *c1 = strstr(q, ", "), *c2 = strstr(q, " and ");
                    size_t sl = 0;
                    if (c1 && (!c2 || c1 < c2))
                        sep = c1, sl = 2;
                    else if (c2)
                        sep = c2, sl = 5;
                    if (sep)
                        *sep = '\0';
                    add_author(&list, q);
                    if (!sep)
                        break;
                    q = sep + sl;
                }
            }
        }
        r->author = list;
    }

    /* url */
    r->url = first_of(m->canonical, m->og_url, m->ld_url);

    /* language */
    const char *langs[5] = {m->html_lang, m->http_lang, m->meta_lang, m->og_locale, m->ld_lang};
    for (int i = 0; i < 5 && !r->language; i++)
        r->language = lang_primary(langs[i]);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static void meta_free(meta *m)
{
    char **f[] = {&m->og_title, &m->tw_title, &m->ld_headline, &m->ld_date,
                  &m->art_date, &m->other_date, &m->ld_authors, &m->meta_authors,
                  &m->art_authors, &m->og_site, &m->ld_publisher, &m->app_name, &m->canonical,
                  &m->og_url, &m->ld_url, &m->html_lang, &m->http_lang, &m->og_locale,
                  &m->ld_lang, &m->meta_lang, &m->og_type};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        free(*f[i]);
        *f[i] = NULL;
    }
}

static void ext_free(ext *x)
{
    free(x->skip);
    free(x->junk);
    free(x->anchor);
    free(x->negeff);
    free(x->tchars);
    free(x->has_img);
    free(x->prev_elem);
    free(x->region);
    free(x->in_h);
    free(x->n_art);
    free(x->n_lhead);
    free(x->pcount);
    free(x->G);
    free(x->J);
    sb_free(&x->s.txt);
    free(x->s.blks);
}

/* ------------------------------------------------------------------------ */
/* Markup taming                                                             */
/*
 * libxml2's HTML parser scans its whole element stack for every end tag that
 * does not match the current element, and compares every attribute of a tag
 * with all the previous ones: a page of a million nested <div>s followed by
 * stray end tags, or a tag with a million attributes, takes hours.  Before
 * parsing we therefore run a cheap tag scanner over our private copy of the
 * page that keeps an approximate element stack (bounded at TAME_DEPTH) and
 * blanks out (overwrites with spaces):
 *   - start tags that would nest deeper than TAME_DEPTH,
 *   - end tags that match no open element (libxml2 would ignore them anyway),
 *   - attributes beyond the TAME_ATTRS-th of a tag.
 * Text is never removed, so the extraction degrades gracefully.
 */

#define TAME_DEPTH 256
#define TAME_ATTRS 64
#define TAME_NAME 16

static const struct kw void_tags[] = {
    K("area"), K("base"), K("basefont"), K("bgsound"), K("br"), K("col"), K("embed"), K("frame"),
    K("hr"), K("img"), K("input"), K("isindex"), K("keygen"), K("link"), K("meta"), K("param"),
    K("source"), K("track"), K("wbr"), K("image"), {NULL, 0}};
static const struct kw raw_tags[] = {
    K("script"), K("style"), K("textarea"), K("title"), K("xmp"), K("plaintext"), K("iframe"),
    K("noembed"), K("noframes"), {NULL, 0}};

/* Finds the end of a tag starting at p ('<'), honouring quoted attribute
 * values; counts attributes and blanks those beyond TAME_ATTRS. Returns the
 * index of '>' or len. */
static size_t tame_tag_end(char *buf, size_t p, size_t len)
{
    size_t i = p + 1;
    int attrs = 0, in_name = 1;
    size_t cut = 0; /* where blanking starts, 0 = none */
    while (i < len && buf[i] != '>') {
        char c = buf[i];
        if (c == '"' || c == '\'') {
            const char *q = memchr(buf + i + 1, c, len - i - 1);
            size_t e = q ? (size_t)(q - buf) : len;
            /* an unterminated quote: libxml2 stops at the next '>' */
            if (!q) {
                const char *g = memchr(buf + i + 1, '>', len - i - 1);
                e = g ? (size_t)(g - buf) - 1 : len;
            }
            i = e + 1;
            in_name = 0;
            continue;
        }
        if (is_space((unsigned char)c) || c == '/') {
            in_name = 0;
        } else if (!in_name && c != '=') {
            /* start of an attribute name (or an unquoted value; close enough) */
            if (i > 0 && (is_space((unsigned char)buf[i - 1]) || buf[i - 1] == '/')) {
                size_t k = i;
                while (k > p && is_space((unsigned char)buf[k - 1]))
                    k--;
                if (!(k > p && buf[k - 1] == '=')) {
                    if (++attrs == TAME_ATTRS + 1)
                        cut = i;
                }
            }
        }
        i++;
    }
    if (cut) {
        size_t e = i < len ? i : len;
        memset(buf + cut, ' ', e - cut);
    }
    return i;
}

static void tame_markup(char *buf, size_t len)
{
    char stack[TAME_DEPTH][TAME_NAME];
    int sp = 0;
    size_t i = 0;
    while (i < len) {
        char *lt = memchr(buf + i, '<', len - i);
        if (!lt)
            return;
        size_t p = (size_t)(lt - buf);
        if (p + 1 >= len)
            return;
        char c = buf[p + 1];
        if (c == '!') {
            if (p + 3 < len && buf[p + 2] == '-' && buf[p + 3] == '-') {
                const char *e = memmem(buf + p + 4, len - p - 4, "-->", 3);
                i = e ? (size_t)(e - buf) + 3 : len;
            } else {
                const char *e = memchr(buf + p + 2, '>', len - p - 2);
                i = e ? (size_t)(e - buf) + 1 : len;
            }
            continue;
        }
        if (c == '?') {
            const char *e = memchr(buf + p + 2, '>', len - p - 2);
            i = e ? (size_t)(e - buf) + 1 : len;
            continue;
        }
        int end = c == '/';
        size_t n0 = p + 1 + (size_t)end;
        if (n0 >= len || !is_alpha((unsigned char)buf[n0])) {
            i = p + 1;
            continue;
        }
        char name[TAME_NAME];
        size_t nl = 0, k = n0;
        while (k < len && (is_alpha((unsigned char)buf[k]) || is_digit((unsigned char)buf[k]) || buf[k] == '-' ||
                           buf[k] == ':' || buf[k] == '_')) {
            if (nl + 1 < TAME_NAME)
                name[nl++] = (char)lc((unsigned char)buf[k]);
            k++;
        }
        name[nl] = '\0';
        size_t e = tame_tag_end(buf, p, len);
        size_t after = e < len ? e + 1 : len;
        if (end) {
            int j = sp - 1;
            while (j >= 0 && strcmp(stack[j], name) != 0)
                j--;
            if (j >= 0)
                sp = j;
            else if (strcmp(name, "p") != 0 && strcmp(name, "br") != 0)
                memset(buf + p, ' ', after - p); /* stray end tag */
            i = after;
            continue;
        }
        int selfclose = e < len && e > p && buf[e - 1] == '/';
        if (tok_in(name, nl, void_tags) || selfclose) {
            i = after;
            continue;
        }
        /* elements whose end tag is optional close their open sibling */
        if (sp > 0) {
            const char *top = stack[sp - 1];
            if ((strcmp(name, "p") == 0 && strcmp(top, "p") == 0) ||
                (strcmp(name, "li") == 0 && strcmp(top, "li") == 0) ||
                ((strcmp(name, "dt") == 0 || strcmp(name, "dd") == 0) &&
                 (strcmp(top, "dt") == 0 || strcmp(top, "dd") == 0)) ||
                ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0) &&
                 (strcmp(top, "td") == 0 || strcmp(top, "th") == 0)) ||
                (strcmp(name, "tr") == 0 && strcmp(top, "tr") == 0) ||
                (strcmp(name, "option") == 0 && strcmp(top, "option") == 0))
                sp--;
        }
        if (sp >= TAME_DEPTH) {
            memset(buf + p, ' ', after - p); /* too deep */
            i = after;
            continue;
        }
        memcpy(stack[sp++], name, nl + 1);
        i = after;
        if (tok_in(name, nl, raw_tags)) {
            /* raw text: ends at the matching end tag only */
            char pat[TAME_NAME + 2];
            pat[0] = '<';
            pat[1] = '/';
            memcpy(pat + 2, name, nl);
            size_t pl = nl + 2;
            size_t j = i;
            for (;;) {
                const char *q = memmem(buf + j, len - j, "</", 2);
                if (!q) {
                    j = len;
                    break;
                }
                size_t qi = (size_t)(q - buf);
                if (qi + pl <= len && strncasecmp(q, pat, pl) == 0) {
                    j = qi;
                    break;
                }
                j = qi + 2;
            }
            i = j;
        }
    }
}

static int parse_html(builder *b, const char *buf, size_t len)
{
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = sax_start;
    sax.endElement = sax_end;
    sax.characters = sax_chars;
    sax.cdataBlock = sax_chars;
    sax.ignorableWhitespace = sax_chars;
    sax.warning = sax_silent;
    sax.error = sax_silent;
    sax.fatalError = sax_silent;

    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buf, (int)len);
    if (!ctxt)
        return -1;
    /* replace the default (tree-building) handler by ours */
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->userData = b;
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    htmlParseDocument(ctxt);
    if (ctxt->myDoc) { /* should not happen with our handler */
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    htmlFreeParserCtxt(ctxt);
    return 0;
}

int dyad_html_extract(const char *html, size_t len, dyad_html_result *out, char *err, size_t errlen)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!html || !out) {
        set_err(err, errlen, "html: NULL argument");
        return -1;
    }
    if (len == 0) {
        set_err(err, errlen, "html: empty input");
        return -1;
    }
    if (len > DYAD_HTML_MAX_INPUT) {
        set_err(err, errlen, "html: input of %zu bytes exceeds the %u byte limit", len,
                (unsigned)DYAD_HTML_MAX_INPUT);
        return -1;
    }
    xmlInitParser();

    size_t ulen = 0;
    char *utf8 = dyad_charset_decode_html(html, len, &ulen, NULL, 0);
    if (!utf8) {
        set_err(err, errlen, "html: out of memory decoding input");
        return -1;
    }

    builder b;
    memset(&b, 0, sizeof b);
    b.cur = NONE;
    int rc = -1;
    ext x;
    memset(&x, 0, sizeof x);
    sbuf body = {0};

    if (new_node(&b, T_ROOT) == NONE)
        goto oom;
    b.cur = 0;
    tame_markup(utf8, ulen);
    if (ulen > 0 && parse_html(&b, utf8, ulen) < 0) {
        set_err(err, errlen, "html: cannot create parser");
        goto fail;
    }
    if (b.oom || b.text.oom || b.cls.oom)
        goto oom;

    x.b = &b;
    DBG("nodes=%u text=%zu skip_depth=%u overflow=%u depth=%u\n", b.n, b.text.len, b.skip_depth, b.overflow, b.depth);
    if (analyse_nodes(&x) < 0 || segment(&x) < 0 || count_chars(&x) < 0)
        goto oom;
    compute_junk(&x, NULL);
    classify_blocks(&x);
    if (score_nodes(&x) < 0)
        goto oom;
    {
        float *graw = malloc((size_t)b.n * sizeof *graw);
        if (!graw)
            goto oom;
        memcpy(graw, x.G, (size_t)b.n * sizeof *graw);
        fill_metadata(&x, out);
        if (find_title_block(&x, out->title) < 0) {
            free(graw);
            goto oom;
        }
        compute_junk(&x, graw);
        free(graw);
    }
    classify_blocks(&x);
#ifdef DYAD_HTML_DEBUG
    {
        uint32_t ns = 0, nj = 0;
        for (uint32_t i = 0; i < b.n; i++)
            ns += x.skip[i], nj += x.junk[i];
        DBG("skip=%u junk=%u blocks=%u\n", ns, nj, x.s.nb);
        for (uint32_t k = 0; k < x.s.nb && getenv("DBGBLK"); k++) {
            blk *bl = &x.s.blks[k];
            DBG("B k%u c%u l%u p%u f%x ", bl->kind, bl->chars, bl->link_chars, bl->punct, bl->flags);
            dbg_path(&x, bl->owner);
            DBG("\n      %.150s\n", x.s.txt.p + bl->off);
        }
    }
#endif
    if (score_nodes(&x) < 0)
        goto oom;

    x.title = out->title;
    if (build_body(&x, &body) < 0)
        goto oom;
    if (body.p) {
        out->body = body.p;
        out->body_len = body.len;
        body.p = NULL;
    } else {
        out->body = strdup("");
        out->body_len = 0;
        if (!out->body)
            goto oom;
    }
    rc = 0;
    goto done;
oom:
    set_err(err, errlen, "html: out of memory");
fail:
    dyad_html_result_free(out);
done:
    sb_free(&body);
    ext_free(&x);
    meta_free(&b.m);
    free(b.nodes);
    sb_free(&b.text);
    sb_free(&b.cls);
    sb_free(&b.title);
    sb_free(&b.ld);
    free(b.cache);
    free(utf8);
    return rc;
}

void dyad_html_result_free(dyad_html_result *r)
{
    if (!r)
        return;
    free(r->title);
    free(r->date);
    free(r->author);
    free(r->source);
    free(r->url);
    free(r->language);
    free(r->body);
    memset(r, 0, sizeof *r);
}

/* test_html.c - unit tests for src/ingest/html.c and src/ingest/charset.c.
 *
 * Test pages live in tests/data/html/ (override the directory with the
 * DYAD_TEST_HTML_DIR environment variable or -DHTML_TEST_DATA="..."); the
 * rest are built inline.  Run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/charset.h"
#include "ingest/html.h"

#ifndef HTML_TEST_DATA
#define HTML_TEST_DATA "tests/data/html"
#endif

/* ------------------------------------------------------------------ helpers */

static char *read_page(const char *name, size_t *len)
{
    const char *dir = getenv("DYAD_TEST_HTML_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : HTML_TEST_DATA, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fail_msg("cannot open test page %s (run the tests from the repository root)", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static void extract_page(const char *name, dyad_html_result *r)
{
    size_t len = 0;
    char *html = read_page(name, &len);
    char err[256] = "";
    int rc = dyad_html_extract(html, len, r, err, sizeof err);
    free(html);
    if (rc != 0)
        fail_msg("extract %s failed: %s", name, err);
    assert_non_null(r->body);
    assert_int_equal(strlen(r->body), r->body_len);
    assert_true(dyad_utf8_valid(r->body, r->body_len));
}

static void extract_str(const char *html, dyad_html_result *r)
{
    char err[256] = "";
    int rc = dyad_html_extract(html, strlen(html), r, err, sizeof err);
    if (rc != 0)
        fail_msg("extract failed: %s", err);
    assert_non_null(r->body);
}

/* Every string of want[] occurs in body, each after the previous one. */
static void assert_in_order(const char *body, const char *const *want)
{
    const char *p = body;
    for (; *want; want++) {
        const char *hit = strstr(p, *want);
        if (!hit)
            fail_msg("expected (in order) \"%s\" in body:\n%s", *want, body);
        p = hit + strlen(*want);
    }
}

static void assert_absent(const char *body, const char *const *unwanted)
{
    for (; *unwanted; unwanted++)
        if (strstr(body, *unwanted))
            fail_msg("boilerplate \"%s\" leaked into body:\n%s", *unwanted, body);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Count "\n\n"-separated paragraphs. */
static int count_paragraphs(const char *body)
{
    if (!*body)
        return 0;
    int n = 1;
    for (const char *p = body; *p; p++) /* no strstr: sanitizers make repeated calls quadratic */
        if (p[0] == '\n' && p[1] == '\n')
            n++, p++;
    return n;
}

/* ---------------------------------------------------------- site layouts */

static void test_news_site(void **state)
{
    (void)state;
    dyad_html_result r;
    extract_page("news.html", &r);
    static const char *const want[] = {
        "Dock workers in the northern port returned to work on Wednesday",
        "The agreement raises basic pay by six percent",
        "Months of disruption",
        "The stoppage had left dozens of cargo ships",
        "Union representatives said members would vote",
        NULL};
    assert_in_order(r.body, want);
    static const char *const junk[] = {
        "cookies", "Accept all", "Share on", "Email", "Related", "Port traffic falls",
        "Shipping firms", "Sign up for our morning briefing", "Subscribe", "Cranes stood idle",
        "Photo: John Smith", "Advertisement", "Comments", "This strike should never",
        "Good news for everyone", "Most read", "Storm warning", "Copyright", "Do not extract",
        "style text", "Business", "Harbour strike ends after talks", "By Jane Doe", "17 May 2023",
        NULL};
    assert_absent(r.body, junk);
    assert_int_equal(count_paragraphs(r.body), 5);
    /* paragraphs are separated by exactly one blank line */
    assert_non_null(strstr(r.body, "talks.\n\nThe agreement"));

    assert_string_equal(r.title, "Harbour strike ends after talks");
    assert_string_equal(r.date, "2023-05-17");
    assert_string_equal(r.author, "Jane Doe");
    assert_string_equal(r.source, "The Daily Example");
    assert_string_equal(r.url, "https://news.example.com/world/harbour-strike-ends");
    assert_string_equal(r.language, "en");
    dyad_html_result_free(&r);
    assert_null(r.body);
}

static void test_blog(void **state)
{
    (void)state;
    dyad_html_result r;
    extract_page("blog.html", &r);
    static const char *const want[] = {
        "Cette ann\xc3\xa9" "e, mon potager m\xe2\x80\x99" "a appris",
        /* <br> becomes a newline inside the paragraph */
        "mieux vaut arroser rarement mais abondamment.\nLes racines descendent",
        "Pailler le sol d\xc3\xa8s le mois de mai",
        "Planter les tomates",
        "Associer les capucines aux courgettes",
        "Enfin, la derni\xc3\xa8re le\xc3\xa7on est la plus simple",
        NULL};
    assert_in_order(r.body, want);
    static const char *const junk[] = {"Partager", "Twitter", "Merci pour ces conseils", "r\xc3\xa9" "flexions",
                                       "Articles r\xc3\xa9" "cents", "Semer les radis", "Accueil",
                                       "Un blog de jardinage", "propuls\xc3\xa9", "Publi\xc3\xa9 le", NULL};
    assert_absent(r.body, junk);
    assert_int_equal(count_paragraphs(r.body), 6);
    assert_string_equal(r.title, "Cinq le\xc3\xa7ons de mon potager");
    assert_string_equal(r.date, "2022-09-03");
    assert_string_equal(r.author, "Marie Dupont");
    assert_string_equal(r.source, "Carnet Vert");
    assert_string_equal(r.language, "fr");
    assert_null(r.url);
    dyad_html_result_free(&r);
}

static void test_split_containers(void **state)
{
    (void)state;
    dyad_html_result r;
    extract_page("split.html", &r);
    static const char *const want[] = {
        "The city council voted eleven to four",
        "Supporters said the bridge would connect",
        "Cost concerns",
        "Opponents argued that the projected cost",
        "The mayor said that half of the cost",
        "Construction is expected to begin in the spring",
        NULL};
    assert_in_order(r.body, want);
    static const char *const junk[] = {"Advertisement", "Buy cheap flights", "Subscribe today", "Popular",
                                       "Ten things to do", "Road closures", "Home", "Events", NULL};
    assert_absent(r.body, junk);
    assert_string_equal(r.title, "Council approves new bridge");
    assert_string_equal(r.date, "2021-02-14");
    assert_string_equal(r.source, "Riverside Gazette");
    assert_null(r.author);
    dyad_html_result_free(&r);
}

static void test_jsonld_authors(void **state)
{
    (void)state;
    dyad_html_result r;
    extract_page("jsonld.html", &r);
    assert_string_equal(r.author, "Anna Schmidt; Lukas Weber; Mehmet Yilmaz");
    assert_string_equal(r.date, "2020-07-09");
    assert_string_equal(r.source, "Beispiel Zeitung");
    assert_string_equal(r.title, "Neue Studie zu Stadtb\xc3\xa4umen");
    assert_string_equal(r.url, "https://zeitung.example.de/wissen/stadtbaeume-studie");
    assert_string_equal(r.language, "de");
    static const char *const want[] = {"B\xc3\xa4ume in der Stadt senken die Temperatur",
                                       "Die Forscher haben daf\xc3\xbcr zwei Jahre lang",
                                       "\xe2\x80\x9e" "Jeder Baum z\xc3\xa4hlt\xe2\x80\x9c", NULL};
    assert_in_order(r.body, want);
    static const char *const junk[] = {"Mehr zum Thema", "Hitze in der Stadt", "Parks als", "@type", NULL};
    assert_absent(r.body, junk);
    assert_int_equal(count_paragraphs(r.body), 3);
    dyad_html_result_free(&r);
}

static void test_windows1252_page(void **state)
{
    (void)state;
    dyad_html_result r;
    extract_page("latin1.html", &r);
    /* declared iso-8859-1, decoded as windows-1252 (curly quotes, euro sign, en dash) */
    static const char *const want[] = {
        "The \xe2\x80\x9cGr\xc3\xbcne Ecke\xe2\x80\x9d caf\xc3\xa9 reopened",
        "more than \xe2\x82\xac" "200,000",
        "cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e",
        "since 1952 \xe2\x80\x93 and will not change.",
        NULL};
    assert_in_order(r.body, want);
    assert_string_equal(r.title, "Caf\xc3\xa9 culture returns to the old quarter");
    dyad_html_result_free(&r);
}

static void test_shift_jis_page(void **state)
{
    (void)state;
    /* "東京の図書館は…始めると発表しました。利用者は…なります。" in Shift_JIS */
    static const char page[] =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
        "<title>test</title></head><body><div class=\"article\"><p>"
        "\x93\x8c\x8b\x9e\x82\xcc\x90\x7d\x8f\x91\x8a\xd9\x82\xcd\x8c\x8e\x97\x6a\x93\xfa\x82\xa9\x82\xe7"
        "\x90\x56\x82\xb5\x82\xa2\x93\x64\x8e\x71\x8f\x91\x90\xd0\x83\x54\x81\x5b\x83\x72\x83\x58\x82\xf0"
        "\x8e\x6e\x82\xdf\x82\xe9\x82\xc6\x94\xad\x95\x5c\x82\xb5\x82\xdc\x82\xb5\x82\xbd\x81\x42\x97\x98"
        "\x97\x70\x8e\xd2\x82\xcd\x8e\xa9\x91\xee\x82\xa9\x82\xe7\x82\xc5\x82\xe0\x96\xb3\x97\xbf\x82\xc5"
        "\x96\x7b\x82\xf0\x8e\xd8\x82\xe8\x82\xe9\x82\xb1\x82\xc6\x82\xaa\x82\xc5\x82\xab\x82\xe9\x82\xe6"
        "\x82\xa4\x82\xc9\x82\xc8\x82\xe8\x82\xdc\x82\xb7\x81\x42"
        "</p></div></body></html>";
    dyad_html_result r;
    extract_str(page, &r);
    assert_non_null(strstr(r.body, "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xae\xe5\x9b\xb3\xe6\x9b\xb8\xe9\xa4\xa8")); /* 東京の図書館 */
    assert_non_null(strstr(r.body, "\xe3\x81\xaa\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x99\xe3\x80\x82")); /* なります。 */
    dyad_html_result_free(&r);
}

static void test_koi8r_page(void **state)
{
    (void)state;
    /* "Первый абзац статьи о новой библиотеке в центре города, открытой в понедельник." */
    static const char page[] =
        "<html><head><meta charset=\"koi8-r\"></head><body><article><p>"
        "\xf0\xc5\xd2\xd7\xd9\xca\x20\xc1\xc2\xda\xc1\xc3\x20\xd3\xd4\xc1\xd4\xd8\xc9\x20\xcf\x20\xce\xcf"
        "\xd7\xcf\xca\x20\xc2\xc9\xc2\xcc\xc9\xcf\xd4\xc5\xcb\xc5\x20\xd7\x20\xc3\xc5\xce\xd4\xd2\xc5\x20"
        "\xc7\xcf\xd2\xcf\xc4\xc1\x2c\x20\xcf\xd4\xcb\xd2\xd9\xd4\xcf\xca\x20\xd7\x20\xd0\xcf\xce\xc5\xc4"
        "\xc5\xcc\xd8\xce\xc9\xcb\x2e"
        "</p></article></body></html>";
    dyad_html_result r;
    extract_str(page, &r);
    assert_string_equal(r.body, "\xd0\x9f\xd0\xb5\xd1\x80\xd0\xb2\xd1\x8b\xd0\xb9 \xd0\xb0\xd0\xb1\xd0\xb7\xd0\xb0\xd1\x86 "
                                "\xd1\x81\xd1\x82\xd0\xb0\xd1\x82\xd1\x8c\xd0\xb8 \xd0\xbe \xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbe\xd0\xb9 "
                                "\xd0\xb1\xd0\xb8\xd0\xb1\xd0\xbb\xd0\xb8\xd0\xbe\xd1\x82\xd0\xb5\xd0\xba\xd0\xb5 \xd0\xb2 "
                                "\xd1\x86\xd0\xb5\xd0\xbd\xd1\x82\xd1\x80\xd0\xb5 \xd0\xb3\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb4\xd0\xb0, "
                                "\xd0\xbe\xd1\x82\xd0\xba\xd1\x80\xd1\x8b\xd1\x82\xd0\xbe\xd0\xb9 \xd0\xb2 "
                                "\xd0\xbf\xd0\xbe\xd0\xbd\xd0\xb5\xd0\xb4\xd0\xb5\xd0\xbb\xd1\x8c\xd0\xbd\xd0\xb8\xd0\xba.");
    dyad_html_result_free(&r);
}

static void test_utf16_bom(void **state)
{
    (void)state;
    const char *ascii = "<html><body><article><p>A page saved as UTF-16 with a byte order mark, which browsers "
                        "still accept and which the extractor must convert.</p></article></body></html>";
    size_t n = strlen(ascii);
    char *buf = malloc(2 + 2 * n);
    assert_non_null(buf);
    buf[0] = (char)0xFF;
    buf[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        buf[2 + 2 * i] = ascii[i];
        buf[3 + 2 * i] = 0;
    }
    dyad_html_result r;
    char err[128];
    assert_int_equal(dyad_html_extract(buf, 2 + 2 * n, &r, err, sizeof err), 0);
    assert_non_null(strstr(r.body, "A page saved as UTF-16 with a byte order mark"));
    dyad_html_result_free(&r);
    free(buf);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    const char *page = "<html><head><meta charset=\"utf-8\"></head><body><article><p>Broken bytes \xff\xfe here and "
                       "a truncated sequence \xc3 there must become replacement characters in this paragraph.</p>"
                       "</article></body></html>";
    dyad_html_result r;
    extract_str(page, &r);
    assert_true(dyad_utf8_valid(r.body, r.body_len));
    assert_non_null(strstr(r.body, "Broken bytes \xef\xbf\xbd\xef\xbf\xbd here"));
    assert_non_null(strstr(r.body, "sequence \xef\xbf\xbd there"));
    dyad_html_result_free(&r);
}

static void test_broken_html(void **state)
{
    (void)state;
    dyad_html_result r;
    extract_page("broken.html", &r);
    static const char *const want[] = {
        "This page was written by hand & never validated",
        "entities like \xc3\xa9t\xc3\xa9 and \xe2\x80\x9cquotes\xe2\x80\x9d must be decoded.",
        "A second paragraph starts without closing the first one",
        "Stray closing tags above must not break the extraction of this third paragraph",
        "Non breaking spaces and runs of whitespace should collapse into single spaces",
        NULL};
    assert_in_order(r.body, want);
    assert_null(strstr(r.body, "  "));
    assert_null(strstr(r.body, "&amp;"));
    assert_null(strstr(r.body, "&eacute;"));
    assert_string_equal(r.title, "Broken markup & still readable");
    dyad_html_result_free(&r);
}

static void test_listing_page(void **state)
{
    (void)state;
    dyad_html_result r;
    extract_page("listing.html", &r);
    /* an index of teasers is not an article */
    assert_true(r.body_len < 100);
    assert_null(strstr(r.body, "what we know so far"));
    assert_string_equal(r.source, "Example Times");
    assert_string_equal(r.language, "en");
    dyad_html_result_free(&r);
}

static void test_notices_and_captions(void **state)
{
    (void)state;
    const char *page =
        "<html><head><title>Museum reopens - City Times</title><meta property=\"og:site_name\" content=\"City Times\">"
        "</head><body>"
        "<div class=\"gdpr-consent-box\"><p>We value your privacy. We and our partners use cookies to personalise "
        "content and ads, and to analyse our traffic.</p></div>"
        "<div class=\"article-body\">"
        "<p>The city museum reopened its doors on Sunday after a two-year renovation that doubled the size of its "
        "exhibition space and added a new wing for modern art.</p>"
        "<div class=\"image\"><img src=\"a.jpg\"><p class=\"image-caption\">Visitors queue at the entrance on "
        "Sunday morning.</p><p class=\"photo-credit\">Photograph: Anna Lee</p></div>"
        "<p>Visitors queued around the block before the opening, and the museum said more than three thousand "
        "people passed through the doors on the first day alone.</p>"
        "<p>The new wing cost more than the rest of the renovation combined. (Image: GETTY)</p>"
        "<p>Advertisement</p>"
        "<p>1 of 6</p>"
        "<div class=\"newsletter-box\"><h3>Get our newsletter</h3><p>Sign up to receive the best stories of the "
        "week in your inbox every Friday morning, free of charge.</p></div>"
        "<p>Entry will be free for residents until the end of the year, the director told reporters on Sunday "
        "afternoon during a tour of the galleries.</p>"
        "</div></body></html>";
    dyad_html_result r;
    extract_str(page, &r);
    static const char *const want[] = {"The city museum reopened its doors on Sunday",
                                       "Visitors queued around the block before the opening",
                                       "Entry will be free for residents", NULL};
    assert_in_order(r.body, want);
    static const char *const junk[] = {"privacy", "cookies", "Visitors queue at the entrance", "Photograph",
                                       "Anna Lee", "GETTY", "Advertisement", "1 of 6", "newsletter",
                                       "Sign up", NULL};
    assert_absent(r.body, junk);
    assert_string_equal(r.title, "Museum reopens");
    dyad_html_result_free(&r);
}

static void test_bylines_and_datelines(void **state)
{
    (void)state;
    const char *page =
        "<html><body><article>"
        "<p>By JANE DOE and JOHN ROE</p>"
        "<p>Updated 12:24 am EST, Wednesday, November 20, 2019</p>"
        "<p>The council met for the fourth time this month to discuss the flood defences along the river, "
        "which failed twice last winter.</p>"
        "<p>By Monday, the council had agreed to the plan.</p>"
        "<p>On November 19, 2019 it rained.</p>"
        "<p>The work is due to start in the spring and should be finished before the next flood season, "
        "officials said.</p>"
        "</article></body></html>";
    dyad_html_result r;
    extract_str(page, &r);
    static const char *const want[] = {"The council met for the fourth time", "By Monday, the council had agreed",
                                       "On November 19, 2019 it rained.", "The work is due to start", NULL};
    assert_in_order(r.body, want);
    static const char *const junk[] = {"JANE DOE", "Updated", NULL};
    assert_absent(r.body, junk);
    assert_string_equal(r.author, "JANE DOE; JOHN ROE");
    dyad_html_result_free(&r);
}

static void test_date_formats(void **state)
{
    (void)state;
    static const struct {
        const char *content;
        const char *want;
    } cases[] = {
        {"2019-11-19T10:15:00Z", "2019-11-19"},
        {"November 19, 2019", "2019-11-19"},
        {"Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19"},
        {"19.11.2019", "2019-11-19"},
        {"11/19/2019", "2019-11-19"},
        {"2019/11/19", "2019-11-19"},
        {"20191119", "2019-11-19"},
        {"1574158500", "2019-11-19"},
        {"Nov. 19th, 2019 at 5:03 p.m.", "2019-11-19"},
        {"19. M\xc3\xa4rz 2020", "2020-03-19"},
        {"3 septembre 2022 \xc3\xa0 17h12", "2022-09-03"},
        {"Ver\xc3\xb6\x66\x66\x65ntlicht: [ 2018-08-25 15:24 ]", "2018-08-25"},
        {"Market update 2019", NULL},
        {"not a date", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[512];
        snprintf(page, sizeof page,
                 "<html><head><meta name=\"date\" content=\"%s\"></head><body><p>Body text of a small test "
                 "page that has a date in its metadata only.</p></body></html>",
                 cases[i].content);
        dyad_html_result r;
        extract_str(page, &r);
        if (cases[i].want)
            assert_string_equal(r.date, cases[i].want);
        else
            assert_null(r.date);
        dyad_html_result_free(&r);
    }
}

static void test_metadata_precedence(void **state)
{
    (void)state;
    /* JSON-LD beats meta tags for date and author; canonical beats og:url; lang from <html>. */
    const char *page =
        "<html lang=\"pt-BR\"><head><title>Chuva forte no litoral \xe2\x80\x94 Jornal Exemplo</title>"
        "<meta property=\"og:site_name\" content=\"Jornal Exemplo\">"
        "<meta property=\"og:url\" content=\"https://jornal.example.br/og\">"
        "<link rel=\"canonical\" href=\"https://jornal.example.br/chuva\">"
        "<meta property=\"article:published_time\" content=\"2018-01-02\">"
        "<meta name=\"author\" content=\"Meta Autor\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2018-01-03T09:00:00-03:00\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"Ana Souza\"},\"publisher\":{\"name\":\"Grupo Exemplo\"}}</script>"
        "</head><body><h1>Chuva forte no litoral</h1><article><p>A chuva forte atingiu o litoral durante a noite "
        "de ter\xc3\xa7" "a-feira e deixou v\xc3\xa1rias ruas alagadas, segundo a defesa civil.</p></article></body></html>";
    dyad_html_result r;
    extract_str(page, &r);
    assert_string_equal(r.date, "2018-01-03");
    assert_string_equal(r.author, "Ana Souza");
    assert_string_equal(r.source, "Jornal Exemplo");
    assert_string_equal(r.url, "https://jornal.example.br/chuva");
    assert_string_equal(r.language, "pt");
    assert_string_equal(r.title, "Chuva forte no litoral");
    assert_null(strstr(r.body, "Chuva forte no litoral"));
    dyad_html_result_free(&r);
}

/* ------------------------------------------------------------ robustness */

static void test_empty_and_null_input(void **state)
{
    (void)state;
    dyad_html_result r;
    char err[128] = "";
    assert_int_equal(dyad_html_extract("", 0, &r, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    assert_null(r.body);
    err[0] = '\0';
    assert_int_equal(dyad_html_extract(NULL, 10, &r, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    assert_int_equal(dyad_html_extract("<p>x</p>", 8, NULL, err, sizeof err), -1);
    /* whitespace only: success with an empty body */
    assert_int_equal(dyad_html_extract("   \n ", 5, &r, NULL, 0), 0);
    assert_string_equal(r.body, "");
    assert_int_equal(r.body_len, 0);
    assert_null(r.title);
    dyad_html_result_free(&r);
    dyad_html_result_free(NULL);
}

static void test_binary_junk(void **state)
{
    (void)state;
    size_t n = 256 * 1024;
    unsigned char *buf = malloc(n);
    assert_non_null(buf);
    uint32_t x = 2463534242u;
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            buf[i] = (unsigned char)x;
            /* sprinkle markup characters to exercise the parser */
            if (round & 1 && (x & 0x3F) == 0)
                buf[i] = "<>/&\"="[x % 6];
        }
        dyad_html_result r;
        char err[128];
        int rc = dyad_html_extract((const char *)buf, n, &r, err, sizeof err);
        if (rc == 0) {
            assert_non_null(r.body);
            assert_true(dyad_utf8_valid(r.body, r.body_len));
            dyad_html_result_free(&r);
        }
    }
    free(buf);
}

static void test_oversized_input(void **state)
{
    (void)state;
    size_t n = (size_t)DYAD_HTML_MAX_INPUT + 1;
    char *buf = malloc(n);
    assert_non_null(buf);
    memset(buf, 'a', n);
    dyad_html_result r;
    char err[128] = "";
    double t0 = now_s();
    assert_int_equal(dyad_html_extract(buf, n, &r, err, sizeof err), -1);
    assert_true(now_s() - t0 < 1.0);
    assert_non_null(strstr(err, "limit"));
    free(buf);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    /* ~5 MB: one million nested <div>s, never closed, then a paragraph */
    size_t depth = 1000000;
    const char *para = "<p>The only paragraph of this page sits below a million nested elements and must still be "
                       "found without exhausting the stack.</p>";
    size_t n = depth * 5 + strlen(para);
    char *buf = malloc(n + 1);
    assert_non_null(buf);
    for (size_t i = 0; i < depth; i++)
        memcpy(buf + 5 * i, "<div>", 5);
    memcpy(buf + depth * 5, para, strlen(para) + 1);
    dyad_html_result r;
    char err[128];
    double t0 = now_s();
    assert_int_equal(dyad_html_extract(buf, n, &r, err, sizeof err), 0);
    double dt = now_s() - t0;
    assert_true(dt < 10.0);
    assert_non_null(strstr(r.body, "The only paragraph of this page sits below a million nested elements"));
    dyad_html_result_free(&r);
    free(buf);
}

/* Builds a page of `a` repeated na times followed by `b` repeated nb times. */
static char *repeat_page(const char *a, size_t na, const char *b, size_t nb, size_t *len)
{
    size_t la = strlen(a), lb = strlen(b), o = 0;
    char *buf = malloc(la * na + lb * nb + 1);
    assert_non_null(buf);
    for (size_t i = 0; i < na; i++, o += la)
        memcpy(buf + o, a, la);
    for (size_t i = 0; i < nb; i++, o += lb)
        memcpy(buf + o, b, lb);
    buf[o] = '\0';
    *len = o;
    return buf;
}

static void test_adversarial_markup(void **state)
{
    (void)state;
    /* patterns that make a naive HTML parser quadratic: deep stacks with stray
     * end tags, tags with huge numbers of attributes */
    static const struct {
        const char *a, *b;
        size_t n;
    } cases[] = {
        {"<div>", "</span>", 200000},
        {"<div>", "</p>", 200000},
        {"<span>", "</div>", 200000},
        {"<p>word ", "", 200000},
        {"<li>item <ul>", "", 100000},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t len;
        char *buf = repeat_page(cases[c].a, cases[c].n, cases[c].b, cases[c].n, &len);
        dyad_html_result r;
        char err[128];
        double t0 = now_s();
        assert_int_equal(dyad_html_extract(buf, len, &r, err, sizeof err), 0);
        double dt = now_s() - t0;
        if (dt > 10.0)
            fail_msg("case %zu took %.1f s", c, dt);
        dyad_html_result_free(&r);
        free(buf);
    }
    /* one tag with half a million attributes */
    size_t len;
    char *attrs = repeat_page(" data-x=\"1\"", 500000, "", 0, &len);
    size_t n = len + 256;
    char *page = malloc(n);
    assert_non_null(page);
    snprintf(page, n, "<html><body><div%s><p>The paragraph after a tag with far too many attributes is still "
                      "extracted, in reasonable time.</p></div></body></html>", attrs);
    dyad_html_result r;
    char err[128];
    double t0 = now_s();
    assert_int_equal(dyad_html_extract(page, strlen(page), &r, err, sizeof err), 0);
    assert_true(now_s() - t0 < 10.0);
    assert_non_null(strstr(r.body, "The paragraph after a tag with far too many attributes"));
    dyad_html_result_free(&r);
    free(attrs);
    free(page);
}

static void test_huge_flat_page(void **state)
{
    (void)state;
    /* ~6 MB of paragraphs and link lists: must be linear */
    const char *p = "<p>Paragraph of the long article with enough words, commas, and a full stop to count as prose.</p>\n";
    const char *l = "<ul class=\"links\"><li><a href=\"/x\">Link one</a></li><li><a href=\"/y\">Link two</a></li></ul>\n";
    size_t pl = strlen(p), ll = strlen(l), reps = 30000;
    size_t n = reps * (pl + ll) + 64;
    char *buf = malloc(n);
    assert_non_null(buf);
    size_t o = 0;
    memcpy(buf + o, "<html><body><article>", 21);
    o += 21;
    for (size_t i = 0; i < reps; i++) {
        memcpy(buf + o, p, pl);
        o += pl;
        if (i % 10 == 0) {
            memcpy(buf + o, l, ll);
            o += ll;
        }
    }
    dyad_html_result r;
    char err[128];
    double t0 = now_s();
    assert_int_equal(dyad_html_extract(buf, o, &r, err, sizeof err), 0);
    double dt = now_s() - t0;
    assert_true(dt < 10.0);
    assert_int_equal(count_paragraphs(r.body), (int)reps);
    assert_null(strstr(r.body, "Link one"));
    dyad_html_result_free(&r);
    free(buf);
}

static void test_skipped_elements(void **state)
{
    (void)state;
    const char *page =
        "<html><body><article>"
        "<p>Visible paragraph of the article, long enough to be kept by the extractor as real content.</p>"
        "<script>document.write('SCRIPT TEXT')</script><style>p{}/*STYLE TEXT*/</style>"
        "<noscript>NOSCRIPT TEXT</noscript><template>TEMPLATE TEXT</template>"
        "<svg><text>SVG TEXT</text><title>SVG TITLE</title></svg><iframe>IFRAME TEXT</iframe>"
        "<form><label>FORM LABEL</label><textarea>TEXTAREA TEXT</textarea><select><option>OPTION TEXT</option></select></form>"
        "<div style=\"display: none\">HIDDEN BY STYLE that is long enough to look like a paragraph of content.</div>"
        "<div hidden>HIDDEN BY ATTRIBUTE that is long enough to look like a paragraph of content too.</div>"
        "<p>Second visible paragraph, also long enough to be kept as part of the article body text.</p>"
        "</article></body></html>";
    dyad_html_result r;
    extract_str(page, &r);
    static const char *const want[] = {"Visible paragraph of the article", "Second visible paragraph", NULL};
    assert_in_order(r.body, want);
    static const char *const junk[] = {"SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "FORM",
                                       "TEXTAREA", "OPTION", "HIDDEN", NULL};
    assert_absent(r.body, junk);
    assert_null(r.title); /* the <title> inside <svg> is not the page title */
    dyad_html_result_free(&r);
}

static void test_charset_helpers(void **state)
{
    (void)state;
    char name[32];
    size_t bom;
    assert_int_equal(dyad_charset_detect("<meta charset=\"ISO-8859-1\">", 26, name, sizeof name, &bom), 1);
    assert_string_equal(name, "WINDOWS-1252");
    assert_int_equal(dyad_charset_detect("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\">",
                                         70, name, sizeof name, &bom),
                     1);
    assert_string_equal(name, "GB18030");
    assert_int_equal(dyad_charset_detect("\xef\xbb\xbf<p>x", 7, name, sizeof name, &bom), 1);
    assert_string_equal(name, "UTF-8");
    assert_int_equal(bom, 3);
    assert_int_equal(dyad_charset_detect("<p>charset=koi8-r outside meta</p>", 34, name, sizeof name, &bom), 0);
    assert_string_equal(name, "UTF-8");

    size_t ol;
    char *s = dyad_utf8_sanitize("a\0b\xc0\x80" "c", 6, &ol);
    assert_non_null(s);
    assert_string_equal(s, "a b\xef\xbf\xbd\xef\xbf\xbd" "c");
    free(s);
    /* undeclared, clearly not UTF-8: treated as windows-1252 */
    s = dyad_charset_decode_html("caf\xe9 cr\xe8me", 10, &ol, name, sizeof name);
    assert_non_null(s);
    assert_string_equal(s, "caf\xc3\xa9 cr\xc3\xa8me");
    assert_string_equal(name, "WINDOWS-1252");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_news_site),
        cmocka_unit_test(test_blog),
        cmocka_unit_test(test_split_containers),
        cmocka_unit_test(test_jsonld_authors),
        cmocka_unit_test(test_windows1252_page),
        cmocka_unit_test(test_shift_jis_page),
        cmocka_unit_test(test_koi8r_page),
        cmocka_unit_test(test_utf16_bom),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_broken_html),
        cmocka_unit_test(test_listing_page),
        cmocka_unit_test(test_notices_and_captions),
        cmocka_unit_test(test_bylines_and_datelines),
        cmocka_unit_test(test_date_formats),
        cmocka_unit_test(test_metadata_precedence),
        cmocka_unit_test(test_empty_and_null_input),
        cmocka_unit_test(test_binary_junk),
        cmocka_unit_test(test_oversized_input),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge_flat_page),
        cmocka_unit_test(test_adversarial_markup),
        cmocka_unit_test(test_skipped_elements),
        cmocka_unit_test(test_charset_helpers),
    };
    /* DYAD_TEST_FILTER=test_blog (glob pattern) runs a subset */
    if (getenv("DYAD_TEST_FILTER"))
        cmocka_set_test_filter(getenv("DYAD_TEST_FILTER"));
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}

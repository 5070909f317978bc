/* test_ingest.c — ingestion: boilerplate lines, datelines, closing sources, text headers,
 * language identification, duplicates, the decompressing stream, JSONL, WARC, sniffing, bad
 * input. Every test input is written here; files go to a temporary directory. */
#include "testutil.h"
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "ingest/boiler.h"
#include "ingest/dateline.h"
#include "ingest/dedupe.h"
#include "ingest/input.h"
#include "ingest/lang.h"
#include "ingest/stream.h"
#include "ingest/text.h"
#include "util/buf.h"

/* ------------------------------------------------------------------ helpers */

static char tmpdir[256];

static int make_tmp(void **s)
{
    (void)s;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad_test_ingest.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int drop_tmp(void **s)
{
    (void)s;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *tpath(const char *name)
{
    static char p[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
    return p[k];
}

static void write_file(const char *name, const void *data, size_t n)
{
    FILE *f = fopen(tpath(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static void write_str(const char *name, const char *s) { write_file(name, s, strlen(s)); }

/* gzip one buffer (a single member) with zlib. */
static size_t gz(const char *in, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t r = cap - z.avail_out;
    deflateEnd(&z);
    return r;
}

/* What an ingestion run produced. */
#define MAXA 64
typedef struct got {
    int n;
    char *id[MAXA], *title[MAXA], *body[MAXA], *date[MAXA], *url[MAXA], *source[MAXA],
        *place[MAXA], *lang[MAXA], *author[MAXA];
    dyad_buf problems;   /* "path:line: msg\n" (path without the directory) */
    int stop_after;      /* >0: ask to stop after this many articles */
} got;

static char *dup0(const char *s) { return s ? strdup(s) : NULL; }

static int collect(void *ctx, const dyad_article *a)
{
    got *g = ctx;
    assert_true(g->n < MAXA);
    assert_non_null(a->id);
    assert_non_null(a->path);
    assert_int_equal(strlen(a->body), a->body_len);
    g->id[g->n] = dup0(a->id);
    g->title[g->n] = dup0(a->title);
    g->body[g->n] = dup0(a->body);
    g->date[g->n] = dup0(a->date);
    g->url[g->n] = dup0(a->url);
    g->source[g->n] = dup0(a->source);
    g->place[g->n] = dup0(a->place);
    g->lang[g->n] = dup0(a->language);
    g->author[g->n] = dup0(a->author);
    g->n++;
    return g->stop_after && g->n >= g->stop_after ? -1 : 0;
}

static void problem(void *ctx, int severity, const char *path, unsigned line, const char *msg)
{
    got *g = ctx;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (line)
        dyad_buf_printf(&g->problems, "%s%s:%u: %s\n", severity ? "" : "note ", base, line, msg);
    else
        dyad_buf_printf(&g->problems, "%s%s: %s\n", severity ? "" : "note ", base, msg);
}

static void got_free(got *g)
{
    for (int i = 0; i < g->n; i++) {
        free(g->id[i]);
        free(g->title[i]);
        free(g->body[i]);
        free(g->date[i]);
        free(g->url[i]);
        free(g->source[i]);
        free(g->place[i]);
        free(g->lang[i]);
        free(g->author[i]);
    }
    dyad_buf_free(&g->problems);
    memset(g, 0, sizeof *g);
}

static const char *probs(got *g) { return g->problems.data ? g->problems.data : ""; }

#define assert_has(hay, needle)                                                                   \
    do {                                                                                          \
        const char *h_ = (hay);                                                                   \
        if (!h_ || !strstr(h_, (needle)))                                                         \
            fail_msg("missing \"%s\" in:\n%s", (needle), h_ ? h_ : "(null)");                     \
    } while (0)
#define assert_hasnt(hay, needle)                                                                 \
    do {                                                                                          \
        const char *h_ = (hay);                                                                   \
        if (h_ && strstr(h_, (needle)))                                                           \
            fail_msg("unwanted \"%s\" in:\n%s", (needle), h_);                                    \
    } while (0)

/* Ingest paths with options; returns the stats. */
static dyad_ingest_stats run(got *g, const dyad_ingest_opts *o, const char *const *paths)
{
    dyad_ingest in = {0};
    if (o)
        in.opts = *o;
    in.on_article = collect;
    in.on_problem = problem;
    in.ctx = g;
    for (int i = 0; paths[i]; i++)
        dyad_ingest_path(&in, paths[i][0] == '-' || paths[i][0] == '/' ? paths[i] : tpath(paths[i]));
    dyad_ingest_finish(&in);
    return in.stats;
}

static dyad_ingest_stats run1(got *g, const dyad_ingest_opts *o, const char *name)
{
    const char *p[] = {name, NULL};
    return run(g, o, p);
}

/* Clean a body with the built-in patterns. */
static dyad_arena A;
static const char *clean(const char *text, dyad_article *a)
{
    memset(a, 0, sizeof *a);
    assert_int_equal(dyad_body_clean(&A, text, strlen(text), dyad_boiler_default(), a), 0);
    return a->body;
}

static int setup_arena(void **s)
{
    (void)s;
    dyad_arena_init(&A, 1 << 16, 0);
    return make_tmp(s);
}

static int teardown_arena(void **s)
{
    dyad_arena_free(&A);
    return drop_tmp(s);
}

/* ------------------------------------------------------------------ boilerplate */

static void test_boilerplate_lines(void **s)
{
    (void)s;
    static const char *const junk[] = {
        "- Advertisement -", "ADVERTISEMENT", "Advertisement", "— Advertisement —", "(Advertisement)",
        "Share This Post", "SHARE THIS ARTICLE", "Share on Facebook", "Share via Email", "No menu items!",
        "Related Posts", "Related Articles:", "Click here to read more", "Click here to…",
        "Click Here for the full story", "Subscribe to our newsletter",
        "Sign up for our daily newsletter to get the news first",
        "We use cookies to ensure that we give you the best experience on our website.",
        "This website uses cookies to improve your experience. Accept Read More",
        "By continuing to use this site you agree to our cookie policy.",
        "By using this site, you agree to the use of cookies", "Accept all cookies", "Cookie Policy",
        "Read more: Iran says talks will resume", "READ MORE", "Read More »", "• Tweet", "| Facebook |",
        "Follow us on Twitter @example", "12 Comments", "0 comments", "5 min read", "3 Min Read",
        "© 2024 Example News. All rights reserved.", "Copyright 2024 Reuters",
        "All Rights Reserved.", "Photo: AFP", "Image source, Getty Images", "Getty Images",
        "Skip to main content", "Loading...", "Story continues below advertisement", "Print",
        "E-mail", "x", "Listen to this article", "Leave a Reply", "You may also like",
        "Share this:", "Like this:", "Source link", "Tags: Iran, Israel, Gaza",
        "\xC2\xA0" "Advertisement" "\xC2\xA0", NULL};
    for (int i = 0; junk[i]; i++)
        if (!dyad_is_boilerplate_line(junk[i], strlen(junk[i])))
            fail_msg("not recognised as boilerplate: \"%s\"", junk[i]);
    static const char *const prose[] = {
        "North Korea fired a missile on Tuesday.", "Share prices fell sharply after the announcement.",
        "Advertisement spending by political parties rose to a record this year.",
        "Related talks are expected next week in Geneva.",
        "Photographs of the summit showed the two leaders shaking hands.",
        "Click", "Subscribers to the state newspaper received a special edition.",
        "The cookie maker said its exports to China had doubled.",
        "Comments by the minister angered opposition lawmakers.",
        "Printing presses were seized by the police on Monday.",
        "Home Secretary James Cleverly said the plan would go ahead.",
        "Search teams found no survivors.",
        "Copyright infringement lawsuits against the company were dismissed on Monday by the court, "
        "which said the claims had no merit and ordered the plaintiffs to pay costs of the case "
        "in full, a ruling the plaintiffs said they would appeal to the supreme court.",
        "Next, the delegation will travel to Tokyo.", "", "   ", NULL};
    for (int i = 0; prose[i]; i++)
        if (dyad_is_boilerplate_line(prose[i], strlen(prose[i])))
            fail_msg("prose taken for boilerplate: \"%s\"", prose[i]);
    /* a long line is prose even when it opens like a notice */
    char long_line[400];
    snprintf(long_line, sizeof long_line, "Click here%0*d", 250, 0);
    assert_false(dyad_is_boilerplate_line(long_line, strlen(long_line)));
}

static void test_boilerplate_file_format(void **s)
{
    (void)s;
    char err[256];
    const char *pat = "# comment\n\nbreaking ticker\nsee the gallery*\n*paid partnership*\n!more headlines\n"
                      "!!reader comments\n  indented pattern  \r\n";
    dyad_boiler *b = dyad_boiler_parse(pat, strlen(pat), "t.txt", err, sizeof err);
    assert_non_null(b);
    assert_int_equal(dyad_boiler_count(b), 6);
    assert_int_equal(dyad_boiler_match(b, "BREAKING TICKER:", 16), DYAD_BOILER_LINE);
    assert_int_equal(dyad_boiler_match(b, "Breaking ticker news", 20), DYAD_BOILER_NO);
    assert_int_equal(dyad_boiler_match(b, "See the gallery of the summit", 29), DYAD_BOILER_LINE);
    assert_int_equal(dyad_boiler_match(b, "See the gallerys", 16), DYAD_BOILER_NO);   /* word boundary */
    assert_int_equal(dyad_boiler_match(b, "This is a Paid Partnership with X", 33), DYAD_BOILER_LINE);
    assert_int_equal(dyad_boiler_match(b, "More headlines", 14), DYAD_BOILER_TAIL);
    assert_int_equal(dyad_boiler_match(b, "- Reader Comments (12) -", 24), DYAD_BOILER_NO);
    assert_int_equal(dyad_boiler_match(b, "Reader comments", 15), DYAD_BOILER_END);
    assert_int_equal(dyad_boiler_match(b, "indented pattern", 16), DYAD_BOILER_LINE);
    assert_int_equal(dyad_boiler_match(b, "Advertisement", 13), DYAD_BOILER_NO);
    dyad_boiler_free(b);
    /* a pattern that normalises to nothing is an error with its line */
    b = dyad_boiler_parse("ok\n---\n", 7, "bad.txt", err, sizeof err);
    assert_null(b);
    assert_has(err, "bad.txt:2:");
    assert_null(dyad_boiler_load("/nonexistent/boilerplate.txt", err, sizeof err));
    assert_has(err, "/nonexistent/boilerplate.txt");
}

/* The shipped data/boilerplate.txt and the built-in copy are the same text. */
static void test_boilerplate_file_matches_builtin(void **s)
{
    (void)s;
    char *data;
    size_t len;
    char err[256];
    if (dyad_read_all("data/boilerplate.txt", 0, &data, &len, err, sizeof err) < 0)
        fail_msg("data/boilerplate.txt: %s (run from the repository root)", err);
    if (strcmp(data, dyad_boiler_default_text()) != 0)
        fail_msg("data/boilerplate.txt differs from the built-in patterns: run sh tools/gen_boiler_default.sh");
    dyad_boiler *b = dyad_boiler_load("data/boilerplate.txt", err, sizeof err);
    assert_non_null(b);
    assert_int_equal(dyad_boiler_count(b), dyad_boiler_count(dyad_boiler_default()));
    dyad_boiler_free(b);
    free(data);
}

static void test_body_clean(void **s)
{
    (void)s;
    dyad_article a;
    const char *b = clean("  North Korea fired a missile.  \r\n- Advertisement -\r\nShare This Post\r\n\r\n\r\n"
                          "South Korea condemned the launch.\r\n* * *\r\nJapan protested.\r\n",
                          &a);
    assert_string_equal(b, "North Korea fired a missile.\n\nSouth Korea condemned the launch.\n\nJapan protested.");
    /* a tail marker followed by a list of headlines cuts the rest ... */
    const char *lead = "Russian forces shelled the city of Kharkiv overnight, killing three civilians and "
                       "wounding a dozen more, regional officials said on Tuesday morning in a statement.\n"
                       "Ukraine's air force said it shot down most of the drones launched in the attack.\n";
    char buf[2048];
    snprintf(buf, sizeof buf, "%sRelated Posts\nPutin meets Xi in Beijing\nNATO expands drills\nSource: AFP\n", lead);
    b = clean(buf, &a);
    assert_hasnt(b, "Putin");
    assert_hasnt(b, "Related");
    assert_has(b, "shot down most");
    /* ... but not when real paragraphs follow it (a "related" box inside the story) */
    snprintf(buf, sizeof buf,
             "%sRelated Posts\nThe mayor said the city's power grid had been damaged and that repairs "
             "would take days. Schools were closed and residents were asked to stay in shelters.\n",
             lead);
    b = clean(buf, &a);
    assert_hasnt(b, "Related Posts");
    assert_has(b, "power grid");
    /* an end marker always cuts */
    snprintf(buf, sizeof buf, "%sLeave a Reply\nThis is a disgrace. The government should resign now, "
                              "everyone knows it and nobody will say it out loud in parliament today.\n", lead);
    b = clean(buf, &a);
    assert_hasnt(b, "disgrace");
    /* at the top (no article yet) a marker only loses its own line */
    b = clean("Comments\nIndia and Pakistan held talks in Islamabad.\n", &a);
    assert_string_equal(b, "India and Pakistan held talks in Islamabad.");
    /* without patterns nothing is removed */
    memset(&a, 0, sizeof a);
    const char *t = "- Advertisement -\nText.\n";
    assert_int_equal(dyad_body_clean(&A, t, strlen(t), NULL, &a), 0);
    assert_string_equal(a.body, "- Advertisement -\nText.");
}

/* ------------------------------------------------------------------ datelines */

typedef struct dl_case {
    const char *line, *place, *agency, *rest;
} dl_case;

static void test_datelines(void **s)
{
    (void)s;
    static const dl_case yes[] = {
        {"SEOUL (Reuters) - North Korea fired a missile.", "Seoul", "Reuters", "North Korea fired a missile."},
        {"SEOUL, Feb 20 (Reuters) - North Korea fired.", "Seoul", "Reuters", "North Korea fired."},
        {"NEW YORK, March 3, 2024 (Reuters) -- Stocks fell.", "New York", "Reuters", "Stocks fell."},
        {"KYIV, Ukraine (AP) \xE2\x80\x94 Russia launched drones.", "Kyiv, Ukraine", "AP", "Russia launched drones."},
        {"BEIJING, Feb. 20 (Xinhua) -- China said.", "Beijing", "Xinhua", "China said."},
        {"MOSCOW, February 20. /TASS/. Russia's foreign ministry said.", "Moscow", "TASS", "Russia's foreign ministry said."},
        {"Paris (AFP) - France called for calm.", "Paris", "AFP", "France called for calm."},
        {"Gaza City, Feb 20 (AFP) - Israeli strikes hit.", "Gaza City", "AFP", "Israeli strikes hit."},
        {"New Delhi, Feb 20 (PTI) The government said on Tuesday.", "New Delhi", "PTI", "The government said on Tuesday."},
        {"Berlin (dpa) - Germany will send tanks.", "Berlin", "dpa", "Germany will send tanks."},
        {"Rio de Janeiro (Reuters) - Brazil's president said.", "Rio de Janeiro", "Reuters", "Brazil's president said."},
        {"ADDIS ABABA, Ethiopia, Feb 20 (Reuters) - Ethiopia said.", "Addis Ababa, Ethiopia", "Reuters", "Ethiopia said."},
        {"ST. PETERSBURG, Russia (AP) \xE2\x80\x94 Putin said.", "St. Petersburg, Russia", "AP", "Putin said."},
        {"SAO PAULO/BRASILIA (Reuters) - Brazil's central bank.", "Sao Paulo/Brasilia", "Reuters", "Brazil's central bank."},
        {"PORT-AU-PRINCE, Haiti (AP) \xE2\x80\x94 Gangs attacked.", "Port-Au-Prince, Haiti", "AP", "Gangs attacked."},
        {"BOGOT\xC3\x81 (Reuters) - Colombia's president.", "Bogot\xC3\xA1", "Reuters", "Colombia's president."},
        {"(Reuters) - Oil prices rose on Tuesday.", NULL, "Reuters", "Oil prices rose on Tuesday."},
        {"WASHINGTON \xE2\x80\x94 President Joe Biden said on Tuesday that the United States would not send troops.",
         "Washington", NULL, "President Joe Biden said on Tuesday that the United States would not send troops."},
        {"NEW DELHI: The government on Tuesday announced new rules for foreign investors in the country.",
         "New Delhi", NULL, "The government on Tuesday announced new rules for foreign investors in the country."},
        {"UNITED NATIONS (AP) \xE2\x80\x94 The Security Council voted.", "United Nations", "AP", "The Security Council voted."},
        {"WASHINGTON \xE2\x80\x94", "Washington", NULL, ""},
        {NULL, NULL, NULL, NULL}};
    for (int i = 0; yes[i].line; i++) {
        const char *place, *agency;
        const char *l = yes[i].line;
        size_t k = dyad_dateline(&A, l, strlen(l), &place, &agency);
        if (!k)
            fail_msg("no dateline found in \"%s\"", l);
        if (strcmp(l + k, yes[i].rest))
            fail_msg("\"%s\": rest \"%s\", want \"%s\"", l, l + k, yes[i].rest);
        if ((place == NULL) != (yes[i].place == NULL) || (place && strcmp(place, yes[i].place)))
            fail_msg("\"%s\": place \"%s\", want \"%s\"", l, place ? place : "(null)", yes[i].place ? yes[i].place : "(null)");
        if ((agency == NULL) != (yes[i].agency == NULL) || (agency && strcmp(agency, yes[i].agency)))
            fail_msg("\"%s\": agency \"%s\", want \"%s\"", l, agency ? agency : "(null)", yes[i].agency ? yes[i].agency : "(null)");
    }
    static const char *const no[] = {
        "North Korea fired a missile on Tuesday.",
        "The president (pictured) - who was re-elected in May - said.",
        "BREAKING - Earthquake hits Turkey",
        "UPDATE 2-Oil prices rise",
        "NATO - Russia council meets amid tensions over Ukraine",
        "EU - China summit ends without deal",
        "Paris - the city of light - hosted the games.",
        "Meanwhile \xE2\x80\x94 in other news \xE2\x80\x94 markets rose.",
        "US President Joe Biden said.",
        "WASHINGTON POST REPORTS TALKS",
        "Ukraine: Russia launches new offensive",
        "IRAN - US TALKS STALL",
        "European Union (EU) leaders met in Brussels.",
        "", "(", "SEOUL (Reuters", "SEOUL, Feb 20 (Reuters",
        NULL};
    for (int i = 0; no[i]; i++) {
        const char *place, *agency;
        size_t k = dyad_dateline(&A, no[i], strlen(no[i]), &place, &agency);
        if (k)
            fail_msg("dateline wrongly found in \"%s\" (place %s)", no[i], place ? place : "(null)");
    }
    assert_true(dyad_known_agency("Reuters", 7));
    assert_true(dyad_known_agency("XINHUA", 6));
    assert_false(dyad_known_agency("Bob", 3));
}

static void test_dateline_and_source_in_body(void **s)
{
    (void)s;
    dyad_article a;
    /* the dateline may be on the second line, after a title line */
    const char *b = clean("Missile launch condemned\n\nSEOUL, Feb 20 (Yonhap) - South Korea condemned the launch.\n"
                          "Officials met.\nSource: Yonhap News Agency\n",
                          &a);
    assert_string_equal(b, "Missile launch condemned\n\nSouth Korea condemned the launch.\nOfficials met.");
    assert_string_equal(a.place, "Seoul");
    assert_string_equal(a.source, "Yonhap");   /* the dateline agency came first */
    /* a closing source line alone gives the source */
    b = clean("Iran and Iraq signed a deal.\n\n(Source: IRNA)\n", &a);
    assert_string_equal(b, "Iran and Iraq signed a deal.");
    assert_string_equal(a.source, "IRNA");
    assert_null(a.place);
    b = clean("Iran and Iraq signed a deal.\nSOURCE - Xinhua.\n", &a);
    assert_string_equal(a.source, "Xinhua");
    /* "Source:" inside the story, or a long one, is text */
    b = clean("Source: a senior official told reporters that the talks had failed. Nobody else spoke.\nMore text.\nEven more.\nThe end.\n", &a);
    assert_has(b, "Source: a senior official");
    assert_null(a.source);
    /* metadata given by the input wins over the body */
    memset(&a, 0, sizeof a);
    a.source = "Given";
    const char *t = "LONDON (Reuters) - Britain said.\nSource: BBC\n";
    assert_int_equal(dyad_body_clean(&A, t, strlen(t), dyad_boiler_default(), &a), 0);
    assert_string_equal(a.source, "Given");
    assert_string_equal(a.place, "London");
    assert_string_equal(a.body, "Britain said.");
    /* no dateline after the first paragraph of prose */
    b = clean("China and Russia held talks in Beijing on Tuesday, the foreign ministry said in a statement released late in the day.\n"
              "WASHINGTON (AP) - The US responded.\n", &a);
    assert_has(b, "WASHINGTON (AP)");
    assert_null(a.place);
}

/* ------------------------------------------------------------------ text articles */

static void no_problem(void *ctx, unsigned line, const char *msg)
{
    dyad_buf *b = ctx;
    dyad_buf_printf(b, "%u: %s\n", line, msg);
}

static void test_text_headers(void **s)
{
    (void)s;
    dyad_buf pr;
    dyad_buf_init(&pr, 0);
    dyad_article a = {0};
    const char *t = "\xEF\xBB\xBFHeadline: Talks\nPublished: Tue, 20 Feb 2024 10:00:00 GMT\nLink: https://x/1\n"
                    "Byline: Jane Doe\nTags: politics\nLang: en-GB\n\nBody line.\n";
    assert_int_equal(dyad_text_parse(&A, t, strlen(t), dyad_boiler_default(), &a, no_problem, &pr), 0);
    assert_string_equal(a.title, "Talks");
    assert_string_equal(a.date, "2024-02-20");
    assert_string_equal(a.url, "https://x/1");
    assert_string_equal(a.author, "Jane Doe");
    assert_string_equal(a.language, "en-GB");
    assert_string_equal(a.body, "Body line.");
    assert_int_equal(pr.len, 0);
    /* headers end at the first line that is not one, even without a blank line */
    memset(&a, 0, sizeof a);
    t = "Title: T\nDate: 2024-02-20\nJapan condemned North Korea.\nIt said so.\n";
    assert_int_equal(dyad_text_parse(&A, t, strlen(t), NULL, &a, no_problem, &pr), 0);
    assert_string_equal(a.title, "T");
    assert_string_equal(a.body, "Japan condemned North Korea.\nIt said so.");
    /* a first line that is not a known header is body */
    memset(&a, 0, sizeof a);
    t = "Update: the talks failed.\n";
    assert_int_equal(dyad_text_parse(&A, t, strlen(t), NULL, &a, no_problem, &pr), 0);
    assert_string_equal(a.body, "Update: the talks failed.");
    /* bad date and bad bytes are reported with their line */
    memset(&a, 0, sizeof a);
    t = "Title: x\nDate: 02/20/2024\n\nA\xff" "B\n";
    assert_int_equal(dyad_text_parse(&A, t, strlen(t), NULL, &a, no_problem, &pr), 0);
    assert_null(a.date);
    assert_has(pr.data, "2: unreadable date");
    assert_has(pr.data, "1 invalid UTF-8 byte");
    assert_string_equal(a.body, "A\xEF\xBF\xBD" "B");
    dyad_buf_free(&pr);
    char d[11];
    assert_int_equal(dyad_normalize_date("20 February 2024", 16, d), 0);
    assert_string_equal(d, "2024-02-20");
    assert_int_equal(dyad_normalize_date("2024-02-30", 10, d), -1);
}

/* ------------------------------------------------------------------ language */

static const char *const FR =
    "Le président de la République a reçu mardi à l'Élysée son homologue allemand pour discuter de la "
    "guerre en Ukraine et des nouvelles sanctions contre la Russie. Les deux dirigeants ont appelé à un "
    "cessez-le-feu immédiat et ont promis de renforcer leur soutien à Kiev, selon un communiqué publié "
    "après la rencontre.";
static const char *const ES =
    "El presidente del Gobierno se reunió el martes en Madrid con el primer ministro de Portugal para "
    "hablar de la crisis migratoria en el Mediterráneo. Ambos líderes acordaron reforzar la cooperación "
    "entre sus países y pidieron a la Unión Europea más fondos para la vigilancia de las fronteras, "
    "según un comunicado oficial.";
static const char *const DE =
    "Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland angekündigt. Der Außenminister "
    "sagte in Berlin, dass die Maßnahmen auch Banken und Energieunternehmen betreffen werden. Die "
    "Opposition kritisierte die Entscheidung als zu spät und forderte eine stärkere Unterstützung für "
    "die Ukraine.";
static const char *const RU =
    "Министр иностранных дел России заявил во вторник, что Москва готова к переговорам с Киевом, но "
    "только на своих условиях. По его словам, западные страны продолжают поставлять оружие Украине, что "
    "затягивает конфликт. В Киеве это заявление назвали попыткой оказать давление на союзников.";
static const char *const ZH =
    "中国外交部发言人周二表示，中方坚决反对美国对台湾出售武器，并敦促美方立即停止干涉中国内政。"
    "发言人说，这一行为严重损害中美关系，中方将采取必要措施维护国家主权和安全利益。";
static const char *const JA =
    "日本政府は火曜日、北朝鮮が弾道ミサイルを発射したと発表した。防衛省によると、ミサイルは日本の排他的"
    "経済水域の外側に落下したとみられる。岸田首相は記者団に対し、断じて容認できないと述べた。";
static const char *const AR =
    "قال وزير الخارجية المصري يوم الثلاثاء إن القاهرة تواصل جهودها للتوصل إلى وقف لإطلاق النار في قطاع "
    "غزة، مشيرا إلى أن المحادثات مع الجانبين مستمرة. وأضاف أن مصر تدعو المجتمع الدولي إلى زيادة المساعدات "
    "الإنسانية.";
static const char *const UK =
    "Президент України заявив у вівторок, що Київ отримає нові системи протиповітряної оборони від "
    "союзників. За його словами, це допоможе захистити міста від російських ракетних ударів. Міністр "
    "оборони підтвердив, що перші поставки очікуються вже цього місяця.";
static const char *const IT =
    "Il presidente del Consiglio ha incontrato martedì a Roma il primo ministro greco per discutere della "
    "crisi dei migranti nel Mediterraneo. I due leader hanno chiesto all'Unione europea un maggiore "
    "sostegno e hanno annunciato un nuovo accordo di cooperazione tra i due paesi.";
static const char *const PT =
    "O presidente do Brasil afirmou nesta terça-feira que o governo não vai aceitar pressões externas sobre "
    "a política ambiental. Segundo ele, o país tem reduzido o desmatamento na Amazônia e espera que os "
    "países ricos cumpram as promessas de financiamento feitas durante a última conferência do clima.";
static const char *const EN =
    "President Emmanuel Macron of France met Chancellor Olaf Scholz in Berlin on Tuesday, and the two "
    "leaders said they would increase support for Ukraine. The meeting came after Russian forces "
    "launched a new offensive near Kharkiv, officials said.";

static void test_lang_detect(void **s)
{
    (void)s;
    const char *texts[] = {EN, FR, ES, DE, RU, ZH, JA, AR, UK, IT, PT};
    const char *codes[] = {"en", "fr", "es", "de", "ru", "zh", "ja", "ar", "uk", "it", "pt"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *got = dyad_lang_detect(texts[i], strlen(texts[i]));
        if (strcmp(got, codes[i]))
            fail_msg("detected %s, want %s: %.60s", got, codes[i], texts[i]);
    }
    /* too little text: undetermined */
    assert_string_equal(dyad_lang_detect("Japan condemns North Korea", 26), "und");
    assert_string_equal(dyad_lang_detect("", 0), "und");
    assert_string_equal(dyad_lang_detect("12 345 67 -- 89", 15), "und");
    /* English quoting a little French is English */
    char mixed[2048];
    snprintf(mixed, sizeof mixed, "%s The French minister said: \"Nous sommes prêts.\"", EN);
    assert_string_equal(dyad_lang_detect(mixed, strlen(mixed)), "en");
    /* all capitals is still English */
    const char *caps = "THE PRESIDENT SAID ON TUESDAY THAT THE GOVERNMENT WOULD NOT ACCEPT THE PROPOSAL FROM THE OPPOSITION.";
    assert_string_equal(dyad_lang_detect(caps, strlen(caps)), "en");
    /* a language the detector cannot name but that is clearly not English */
    const char *sw = "Rais wa Kenya amesema serikali yake itaendelea kushirikiana na nchi jirani katika juhudi za "
                     "kuleta amani katika eneo la Afrika Mashariki, huku mazungumzo yakiendelea mjini Nairobi "
                     "kati ya viongozi wa kanda hiyo wiki hii.";
    assert_string_not_equal(dyad_lang_detect(sw, strlen(sw)), "en");
    assert_string_not_equal(dyad_lang_detect(sw, strlen(sw)), "und");
}

static void test_lang_labels(void **s)
{
    (void)s;
    char out[8];
    const char *in[] = {"en", "en-US", "EN_gb", "English", "eng", "fra", "fr-CA", "Français", "zh-Hans", "pt_BR", NULL};
    const char *want[] = {"en", "en", "en", "en", "en", "fr", "fr", "fr", "zh", "pt"};
    for (int i = 0; in[i]; i++) {
        assert_int_equal(dyad_lang_normalise(in[i], out, sizeof out), 0);
        assert_string_equal(out, want[i]);
    }
    assert_int_equal(dyad_lang_normalise("und", out, sizeof out), -1);
    assert_int_equal(dyad_lang_normalise("", out, sizeof out), -1);
    assert_int_equal(dyad_lang_normalise("x-default", out, sizeof out), -1);
    assert_int_equal(dyad_lang_normalise("klingon", out, sizeof out), -1);
    assert_true(dyad_lang_wanted(NULL, "en"));
    assert_false(dyad_lang_wanted(NULL, "fr"));
    assert_true(dyad_lang_wanted("en,fr", "fr"));
    assert_true(dyad_lang_wanted("any", "zh"));
    assert_true(dyad_lang_wanted("en", "und"));
    assert_false(dyad_lang_wanted("en", "xx"));
}

/* ------------------------------------------------------------------ duplicates */

static void test_dedupe(void **s)
{
    (void)s;
    const char *a = "Japan condemned North Korea.\n\nThe launch was the third this year.";
    const char *b = "  JAPAN condemned   North Korea. The launch\twas the third this year.  ";
    const char *c = "Japan condemned North Korea. The launch was the fourth this year.";
    assert_int_equal(dyad_dedupe_hash(a, strlen(a)), dyad_dedupe_hash(b, strlen(b)));
    assert_int_not_equal(dyad_dedupe_hash(a, strlen(a)), dyad_dedupe_hash(c, strlen(c)));
    assert_int_equal(dyad_dedupe_hash("ÉTÉ", strlen("ÉTÉ")), dyad_dedupe_hash("été", strlen("été")));
    dyad_dedupe *d = dyad_dedupe_new();
    assert_non_null(d);
    assert_int_equal(dyad_dedupe_seen(d, a, strlen(a)), 0);
    assert_int_equal(dyad_dedupe_seen(d, b, strlen(b)), 1);
    assert_int_equal(dyad_dedupe_seen(d, c, strlen(c)), 0);
    for (int i = 0; i < 5000; i++) {   /* the set grows */
        char t[64];
        snprintf(t, sizeof t, "article %d", i);
        assert_int_equal(dyad_dedupe_seen(d, t, strlen(t)), 0);
    }
    assert_int_equal(dyad_dedupe_seen(d, "Article 4999", 12), 1);
    assert_int_equal(dyad_dedupe_count(d), 5002);
    dyad_dedupe_free(d);
}

/* ------------------------------------------------------------------ stream */

static void test_stream_codecs(void **s)
{
    (void)s;
    char plain[100000];
    for (size_t i = 0; i < sizeof plain; i++)
        plain[i] = (char)('a' + (i * 7 + i / 1000) % 26);
    for (size_t i = 99; i < sizeof plain; i += 100)
        plain[i] = '\n';
    /* two gzip members back to back, then zero padding */
    static unsigned char z[300000];
    size_t n1 = gz(plain, 60000, z, sizeof z);
    size_t n2 = gz(plain + 60000, sizeof plain - 60000, z + n1, sizeof z - n1);
    memset(z + n1 + n2, 0, 10);
    write_file("two.gz", z, n1 + n2 + 10);
    size_t zn = ZSTD_compress(z, sizeof z, plain, sizeof plain, 3);
    assert_false(ZSTD_isError(zn));
    write_file("p.zst", z, zn);
    write_file("p.txt", plain, sizeof plain);
    const char *names[] = {"two.gz", "p.zst", "p.txt"};
    dyad_stream_codec codecs[] = {DYAD_CODEC_GZIP, DYAD_CODEC_ZSTD, DYAD_CODEC_NONE};
    for (int k = 0; k < 3; k++) {
        char err[256];
        dyad_stream *st = dyad_stream_open(tpath(names[k]), err, sizeof err);
        assert_non_null(st);
        assert_int_equal(dyad_stream_codec_of(st), codecs[k]);
        const char *p;
        assert_true(dyad_stream_peek(st, 10, &p) >= 10);
        assert_memory_equal(p, plain, 10);
        dyad_buf line;
        dyad_buf_init(&line, 0);
        int too_long, lines = 0;
        size_t total = 0;
        while (dyad_stream_line(st, &line, 1 << 20, 0, &too_long) == 1) {
            assert_int_equal(line.len, 99);
            assert_memory_equal(line.data, plain + total, 99);
            total += 100;
            lines++;
        }
        assert_int_equal(lines, 1000);
        assert_null(dyad_stream_error(st));
        assert_int_equal(dyad_stream_tell(st), sizeof plain);
        dyad_buf_free(&line);
        dyad_stream_close(st);
    }
    /* line limits: max keeps the first bytes, limit stops consuming */
    char err[256];
    dyad_stream *st = dyad_stream_open(tpath("p.txt"), err, sizeof err);
    dyad_buf line;
    dyad_buf_init(&line, 0);
    int too_long;
    assert_int_equal(dyad_stream_line(st, &line, 10, 0, &too_long), 1);
    assert_true(too_long);
    assert_int_equal(line.len, 10);
    assert_int_equal(dyad_stream_tell(st), 100);
    assert_int_equal(dyad_stream_line(st, &line, 1000, 50, &too_long), 1);
    assert_int_equal(line.len, 50);
    assert_int_equal(dyad_stream_tell(st), 150);
    assert_int_equal(dyad_stream_skip(st, 50), 50);
    char b4[4];
    assert_int_equal(dyad_stream_read(st, b4, 4), 4);
    assert_memory_equal(b4, plain + 200, 4);
    dyad_buf_free(&line);
    dyad_stream_close(st);
}

static void test_stream_truncated(void **s)
{
    (void)s;
    static char plain[200000];
    for (size_t i = 0; i < sizeof plain; i++)
        plain[i] = (char)('a' + (i * 2654435761u >> 13) % 26);
    static unsigned char z[300000];
    size_t n = gz(plain, sizeof plain, z, sizeof z);
    write_file("cut.gz", z, n / 2);
    size_t zn = ZSTD_compress(z, sizeof z, plain, sizeof plain, 3);
    write_file("cut.zst", z, zn / 2);
    n = gz(plain, 1000, z, sizeof z);
    memcpy(z + n, "garbage!", 8);
    write_file("trail.gz", z, n + 8);
    const char *names[] = {"cut.gz", "cut.zst", "trail.gz"};
    const char *want[] = {"truncated gzip", "truncated zstd", "trailing garbage"};
    for (int k = 0; k < 3; k++) {
        char err[256], buf[4096];
        dyad_stream *st = dyad_stream_open(tpath(names[k]), err, sizeof err);
        assert_non_null(st);
        long r, total = 0;
        while ((r = dyad_stream_read(st, buf, sizeof buf)) > 0)
            total += r;
        assert_non_null(dyad_stream_error(st));
        assert_has(dyad_stream_error(st), want[k]);
        if (k == 0)
            assert_true(total > 0);   /* what decoded before the cut is delivered */
        dyad_stream_close(st);
    }
    char err[256];
    assert_null(dyad_stream_open(tpath("missing.gz"), err, sizeof err));
    assert_has(err, "No such file");
}

/* ------------------------------------------------------------------ files and formats */

static void test_formats_by_name_and_content(void **s)
{
    (void)s;
    assert_int_equal(dyad_input_format_of_name("a/b.txt"), DYAD_IN_TEXT);
    assert_int_equal(dyad_input_format_of_name("b.HTML.gz"), DYAD_IN_HTML);
    assert_int_equal(dyad_input_format_of_name("b.htm.zst"), DYAD_IN_HTML);
    assert_int_equal(dyad_input_format_of_name("x.ndjson"), DYAD_IN_JSONL);
    assert_int_equal(dyad_input_format_of_name("x.jsonl.gz"), DYAD_IN_JSONL);
    assert_int_equal(dyad_input_format_of_name("CC-MAIN-1.warc.gz"), DYAD_IN_WARC);
    assert_int_equal(dyad_input_format_of_name("CC-MAIN-1.warc.wet.gz"), DYAD_IN_WARC);
    assert_int_equal(dyad_input_format_of_name("x.bin"), DYAD_IN_AUTO);
    assert_int_equal(dyad_input_format_of_name("-"), DYAD_IN_AUTO);
    assert_int_equal(dyad_input_sniff("WARC/1.0\r\n", 10, DYAD_IN_AUTO), DYAD_IN_WARC);
    assert_int_equal(dyad_input_sniff("\xEF\xBB\xBF  <!DOCTYPE html>", 22, DYAD_IN_TEXT), DYAD_IN_HTML);
    assert_int_equal(dyad_input_sniff("<html lang=en>", 14, DYAD_IN_AUTO), DYAD_IN_HTML);
    assert_int_equal(dyad_input_sniff("<!-- c --><html>", 16, DYAD_IN_AUTO), DYAD_IN_HTML);
    assert_int_equal(dyad_input_sniff("{\"text\":1}", 10, DYAD_IN_AUTO), DYAD_IN_JSONL);
    assert_int_equal(dyad_input_sniff("{\"text\":1}", 10, DYAD_IN_TEXT), DYAD_IN_TEXT);
    assert_int_equal(dyad_input_sniff("<p>x", 4, DYAD_IN_JSONL), DYAD_IN_JSONL);
    assert_int_equal(dyad_input_sniff("Hello", 5, DYAD_IN_AUTO), DYAD_IN_TEXT);
    char id[64];
    dyad_file_id("dir/a.b.txt.gz", id, sizeof id);
    assert_string_equal(id, "a");
    dyad_file_id("-", id, sizeof id);
    assert_string_equal(id, "stdin");
    dyad_file_id(".hidden.txt", id, sizeof id);
    assert_string_equal(id, ".hidden");
}

static void test_files_text_html_compressed(void **s)
{
    (void)s;
    const char *txt = "Title: One\nDate: 2024-02-20\n\nSEOUL (Reuters) - North Korea fired a missile into the sea, "
                      "South Korea's military said.\n- Advertisement -\nJapan protested.\n";
    static unsigned char z[8192];
    mkdir(tpath("d"), 0755);
    mkdir(tpath("d/sub"), 0755);
    write_str("d/one.txt", txt);
    write_file("d/sub/two.txt.gz", z, gz("Two body, different from the others.", 36, z, sizeof z));
    size_t zn = ZSTD_compress(z, sizeof z, "Three body text here.", 21, 3);
    write_file("d/sub/three.text.zst", z, zn);
    write_str("d/page.htm", "<!doctype html><html lang=\"en\"><head><title>Page</title></head><body><article>"
                            "<p>India and Pakistan held talks in Islamabad on Monday, the foreign ministry of India said.</p>"
                            "<p>Both sides agreed to meet again next month in New Delhi to continue the talks.</p>"
                            "</article></body></html>");
    write_str("d/ignored.bin", "Not an article.");
    write_str("d/.hidden.txt", "Hidden.");
    write_str("d/empty.txt", "\n  \n");
    got g = {0};
    dyad_ingest_stats st = run1(&g, NULL, "d");
    assert_int_equal(g.n, 4);
    /* sorted: one.txt, page.htm, sub/three.text.zst, sub/two.txt.gz */
    assert_string_equal(g.id[0], "one");
    assert_string_equal(g.title[0], "One");
    assert_string_equal(g.date[0], "2024-02-20");
    assert_string_equal(g.place[0], "Seoul");
    assert_string_equal(g.source[0], "Reuters");
    assert_string_equal(g.body[0], "North Korea fired a missile into the sea, South Korea's military said.\nJapan protested.");
    assert_string_equal(g.id[1], "page");
    assert_has(g.body[1], "India and Pakistan held talks");
    assert_string_equal(g.lang[1], "en");
    assert_string_equal(g.id[2], "three");
    assert_string_equal(g.body[2], "Three body text here.");
    assert_string_equal(g.id[3], "two");
    assert_int_equal(st.files, 5);
    assert_int_equal(st.skipped, 1);
    assert_int_equal(st.errors, 0);
    assert_has(probs(&g), "note empty.txt: empty file, skipped");
    got_free(&g);
}

static void test_bad_files(void **s)
{
    (void)s;
    unsigned char junk[20000];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    write_file("junk.txt", junk, sizeof junk);
    write_file("junk.bin", junk, sizeof junk);   /* named on the command line: sniffed, refused */
    write_file("junk.jsonl", junk, sizeof junk);
    write_file("junk.warc", junk, sizeof junk);
    static char text[50000];
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = "Japan condemned North Korea. "[i % 29];
    static unsigned char z[60000];
    size_t n = gz(text, strlen(text), z, sizeof z);
    write_file("cut.txt.gz", z, n * 2 / 3);
    write_file("cut.jsonl.gz", z, n * 2 / 3);
    write_str("latin1.txt", "The caf\xe9 owner said the r\xe9gime had fallen.\n");
    got g = {0};
    const char *paths[] = {"junk.txt", "junk.bin", "junk.jsonl", "junk.warc", "cut.txt.gz", "cut.jsonl.gz",
                           "latin1.txt", "nothere.txt", NULL};
    dyad_ingest_stats st = run(&g, NULL, paths);
    const char *p = probs(&g);
    assert_has(p, "junk.txt: binary data");
    assert_has(p, "junk.bin: binary data");
    assert_has(p, "junk.jsonl: binary data");
    assert_has(p, "junk.warc: record at byte 0: no \"WARC/\" version line (is this a WARC file?)");
    assert_has(p, "cut.txt.gz: truncated gzip data");
    assert_has(p, "cut.jsonl.gz:1: truncated gzip data");
    assert_has(p, "note latin1.txt: not UTF-8; read as Windows-1252");
    assert_has(p, "nothere.txt: No such file");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.body[0], "The café owner said the régime had fallen.");
    assert_int_equal(st.errors, 7);
    got_free(&g);
}

/* ------------------------------------------------------------------ JSONL */

static void test_jsonl(void **s)
{
    (void)s;
    write_str("n.jsonl",
              "{\"text\": \"Japan condemned North Korea on Monday, officials in Tokyo said.\", \"title\": \"A\", "
              "\"date\": \"2024-02-20T10:00:00Z\", \"url\": \"https://x/1\", \"source\": \"Kyodo\", \"author\": [\"A B\", {\"name\": \"C D\"}]}\n"
              "{\"text\": \"bad json\n"
              "[1, 2]\n"
              "\n"
              "{\"title\": \"no text\"}\n"
              "{\"html\": \"<html><body><article><p>Russian forces attacked Ukrainian positions near Kharkiv on Sunday, the "
              "military said in a statement released in Kyiv.</p></article></body></html>\", \"date\": 1708387200}\n"
              "{\"text\": 42}\n"
              "{\"text\": \"India and Pakistan held talks.\", \"date\": \"someday\", \"id\": 77, \"title\": [1]}\n"
              "{\"text\": \"- Advertisement -\\nShare This Post\"}\n"
              "{\"text\": \"Brazil and Argentina signed a trade deal in Buenos Aires on Friday.\", \"date\": 1708387200123}\n"
              "{\"text\": \"Brazil and Argentina signed a trade deal in Buenos Aires on Friday.\"}\n"
              "{\"text\": \"No newline at the end of the file, Chile said.\"}");
    got g = {0};
    dyad_ingest_stats st = run1(&g, NULL, "n.jsonl");
    const char *p = probs(&g);
    assert_has(p, "n.jsonl:2: bad JSON");
    assert_has(p, "n.jsonl:3: not a JSON object");
    assert_has(p, "n.jsonl:5: no \"text,body\" or \"html\" field");
    assert_has(p, "n.jsonl:7: field \"text\" is not a string");
    assert_has(p, "n.jsonl:8: field \"title\" is not a string");
    assert_has(p, "n.jsonl:8: unreadable date \"someday\"");
    assert_has(p, "note n.jsonl:9: no article text");
    assert_int_equal(g.n, 5);
    assert_string_equal(g.id[0], "n:1");
    assert_string_equal(g.title[0], "A");
    assert_string_equal(g.date[0], "2024-02-20");
    assert_string_equal(g.url[0], "https://x/1");
    assert_string_equal(g.source[0], "Kyodo");
    assert_string_equal(g.author[0], "A B; C D");
    assert_string_equal(g.id[1], "n:6");
    assert_string_equal(g.date[1], "2024-02-20");
    assert_has(g.body[1], "Russian forces attacked");
    assert_string_equal(g.id[2], "77");
    assert_null(g.date[2]);
    assert_string_equal(g.date[3], "2024-02-20");   /* milliseconds */
    assert_string_equal(g.id[4], "n:12");
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(st.skipped, 1);
    assert_int_equal(st.errors, 6);
    got_free(&g);
}

static void test_jsonl_custom_fields(void **s)
{
    (void)s;
    write_str("c.ndjson",
              "{\"content\": \"Turkey and Greece held talks in Ankara on Monday.\", \"meta\": {\"published\": \"2024-03-01\", "
              "\"headline\": \"Talks\"}, \"link\": \"https://y/1\", \"lang\": \"en\", \"key\": \"k1\"}\n"
              "{\"body\": \"Egypt and Sudan held talks in Cairo on Tuesday.\", \"meta\": {\"published\": \"2024-03-02\"}}\n"
              "{\"og.title\": \"Dotted key\", \"content\": \"Chile and Peru held talks in Lima on Friday.\"}\n");
    got g = {0};
    dyad_ingest_opts o = {0};
    o.fields.text = "content,body";
    o.fields.date = "meta.published";
    o.fields.title = "meta.headline,og.title";
    o.fields.url = "link";
    o.fields.language = "lang";
    o.fields.id = "key";
    dyad_ingest_stats st = run1(&g, &o, "c.ndjson");
    assert_int_equal(st.errors, 0);
    assert_int_equal(g.n, 3);
    assert_string_equal(g.id[0], "k1");
    assert_string_equal(g.title[0], "Talks");
    assert_string_equal(g.date[0], "2024-03-01");
    assert_string_equal(g.url[0], "https://y/1");
    assert_string_equal(g.body[1], "Egypt and Sudan held talks in Cairo on Tuesday.");
    assert_string_equal(g.id[1], "c:2");
    assert_string_equal(g.title[2], "Dotted key");
    got_free(&g);
}

/* ------------------------------------------------------------------ WARC */

static size_t rec_start[64];
static int n_rec;

static void warc_record(dyad_buf *w, const char *type, const char *uri, const char *ctype, const char *payload,
                        long length_override)
{
    size_t n = strlen(payload);
    rec_start[n_rec++] = w->len;
    dyad_buf_printf(w, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%zu>\r\n", type, w->len);
    if (uri)
        dyad_buf_printf(w, "WARC-Target-URI: %s\r\n", uri);
    dyad_buf_printf(w, "Content-Type: %s\r\n", ctype);
    if (length_override >= -1) {
        if (length_override >= 0)
            dyad_buf_printf(w, "Content-Length: %ld\r\n", length_override);
    } else {
        dyad_buf_printf(w, "Content-Length: %zu\r\n", n);
    }
    dyad_buf_printf(w, "\r\n%s\r\n\r\n", payload);
}

static const char *page(int i, char *buf, size_t cap)
{
    static const char *const who[] = {"Japan", "India", "Brazil", "Kenya", "Canada", "Poland"};
    snprintf(buf, cap,
             "<!DOCTYPE html><html lang=\"en\"><head><title>Story %d</title></head><body><article>"
             "<p>%s and its neighbours held talks in the capital on Monday, officials said in a statement %d.</p>"
             "<p>The talks will continue next week, according to the foreign ministry of %s.</p></article></body></html>",
             i, who[i % 6], i, who[i % 6]);
    return buf;
}

static void http_response(dyad_buf *b, const char *status, const char *headers, const char *body)
{
    dyad_buf_clear(b);
    dyad_buf_printf(b, "HTTP/1.1 %s\r\n%s\r\n%s", status, headers, body);
}

static void test_warc(void **s)
{
    (void)s;
    dyad_buf w, h;
    dyad_buf_init(&w, 0);
    dyad_buf_init(&h, 0);
    n_rec = 0;
    char pg[2048];
    warc_record(&w, "warcinfo", NULL, "application/warc-fields", "software: test\r\n", -2);
    warc_record(&w, "request", "https://a/1", "application/http; msgtype=request", "GET /1 HTTP/1.1\r\n\r\n", -2);
    http_response(&h, "200 OK", "Content-Type: text/html; charset=utf-8\r\n", page(1, pg, sizeof pg));
    warc_record(&w, "response", "https://a/1", "application/http; msgtype=response", h.data, -2);   /* article 1 */
    warc_record(&w, "metadata", "https://a/1", "application/warc-fields", "fetchTimeMs: 1\r\n", -2);
    http_response(&h, "404 Not Found", "Content-Type: text/html\r\n", page(2, pg, sizeof pg));
    warc_record(&w, "response", "https://a/2", "application/http; msgtype=response", h.data, -2);   /* not 2xx */
    http_response(&h, "200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n\1\2\3");
    warc_record(&w, "response", "https://a/3", "application/http; msgtype=response", h.data, -2);   /* not HTML */
    size_t bad_at = w.len;
    warc_record(&w, "response", "https://a/4", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\n\r\n<p>x</p>", -1);
    http_response(&h, "200 OK", "", page(5, pg, sizeof pg));   /* no Content-Type: sniffed */
    size_t second_at = w.len;
    warc_record(&w, "response", "<https://a/5>", "application/http; msgtype=response", h.data, -2);   /* article 2 */
    size_t wrong_at = w.len;
    http_response(&h, "200 OK", "Content-Type: text/html\r\n", page(6, pg, sizeof pg));
    warc_record(&w, "response", "https://a/6", "application/http; msgtype=response", h.data, (long)h.len - 40);
    /* chunked transfer encoding */
    page(7, pg, sizeof pg);
    char chunked[4096];
    size_t half = strlen(pg) / 2;
    snprintf(chunked, sizeof chunked, "%zx\r\n%.*s\r\n%zx;ext=1\r\n%s\r\n0\r\n\r\n", half, (int)half, pg,
             strlen(pg) - half, pg + half);
    http_response(&h, "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked);
    warc_record(&w, "response", "https://a/7", "application/http; msgtype=response", h.data, -2);   /* article 3 */
    /* a WET conversion record */
    warc_record(&w, "conversion", "https://a/8", "text/plain",
                "GENEVA (Reuters) - Iran and the IAEA agreed on new inspections, diplomats said on Monday in Geneva.", -2);
    /* a French page */
    http_response(&h, "200 OK", "Content-Type: text/html\r\n", "<html lang=\"fr\"><body><article><p>Le gouvernement a "
                                                               "annoncé mardi de nouvelles mesures pour les agriculteurs, "
                                                               "selon un communiqué.</p></article></body></html>");
    warc_record(&w, "response", "https://a/9", "application/http; msgtype=response", h.data, -2);
    /* the same article again under another URL */
    http_response(&h, "200 OK", "Content-Type: text/html\r\n", page(1, pg, sizeof pg));
    warc_record(&w, "response", "https://mirror/1", "application/http; msgtype=response", h.data, -2);
    write_file("t.warc", w.data, w.len);
    /* a gzip member per record, like Common Crawl */
    static unsigned char z[1 << 16];
    size_t zn = 0;
    rec_start[n_rec] = w.len;
    for (int i = 0; i < n_rec; i++)
        zn += gz(w.data + rec_start[i], rec_start[i + 1] - rec_start[i], z + zn, sizeof z - zn);
    write_file("t2.warc.gz", z, zn);
    got g = {0};
    dyad_ingest_stats st = run1(&g, NULL, "t.warc");
    const char *p = probs(&g);
    char want[128];
    snprintf(want, sizeof want, "t.warc: record at byte %zu: no Content-Length; skipped", bad_at);
    assert_has(p, want);
    snprintf(want, sizeof want, "t.warc: record at byte %zu: no blank line after", wrong_at);
    assert_has(p, want);
    assert_int_equal(g.n, 4);
    assert_string_equal(g.url[0], "https://a/1");
    assert_has(g.body[0], "India and its neighbours held talks in the capital on Monday, officials said in a statement 1.");
    assert_has(g.id[0], "t@");
    assert_string_equal(g.url[1], "https://a/5");
    snprintf(want, sizeof want, "t@%zu", second_at);
    assert_string_equal(g.id[1], want);
    assert_string_equal(g.url[2], "https://a/7");
    assert_has(g.body[2], "statement 7.");
    assert_string_equal(g.url[3], "https://a/8");
    assert_string_equal(g.place[3], "Geneva");
    assert_string_equal(g.source[3], "Reuters");
    assert_int_equal(st.non_english, 1);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(st.errors, 2);
    got_free(&g);
    /* gzip: the same articles */
    st = run1(&g, NULL, "t2.warc.gz");
    assert_int_equal(g.n, 4);
    assert_int_equal(st.errors, 2);
    got_free(&g);
    /* truncated in the middle of a record */
    write_file("cut.warc", w.data, second_at + 100);
    st = run1(&g, NULL, "cut.warc");
    assert_int_equal(g.n, 1);
    snprintf(want, sizeof want, "cut.warc: record at byte %zu: truncated", second_at);
    assert_has(probs(&g), want);
    got_free(&g);
    dyad_buf_free(&w);
    dyad_buf_free(&h);
}

/* ------------------------------------------------------------------ language, duplicates, stop */

static void test_language_and_duplicates(void **s)
{
    (void)s;
    const char *texts[] = {EN, FR, ES, DE, RU, ZH};
    const char *names[] = {"en.txt", "fr.txt", "es.txt", "de.txt", "ru.txt", "zh.txt"};
    for (int i = 0; i < 6; i++)
        write_str(names[i], texts[i]);
    char buf[2048];
    snprintf(buf, sizeof buf, "Title: Copy\n\n  %s  \n", EN);   /* the same body, spaced differently */
    write_str("en_copy.txt", buf);
    snprintf(buf, sizeof buf, "Language: en\n\n%s\n", FR);   /* explicit metadata wins */
    write_str("fr_said_en.txt", buf);
    const char *paths[] = {"en.txt", "fr.txt", "es.txt", "de.txt", "ru.txt", "zh.txt", "en_copy.txt", "fr_said_en.txt", NULL};
    got g = {0};
    dyad_ingest_opts o = {0};
    o.verbose = 1;
    dyad_ingest_stats st = run(&g, &o, paths);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.id[0], "en");
    assert_string_equal(g.lang[0], "en");
    assert_string_equal(g.id[1], "fr_said_en");
    assert_int_equal(st.non_english, 5);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(st.errors, 0);
    assert_has(probs(&g), "note fr.txt: article fr: language fr; skipped");
    assert_has(probs(&g), "note en_copy.txt: article en_copy: duplicate");
    got_free(&g);
    /* --lang any --keep-duplicates: everything */
    o.languages = "any";
    o.keep_duplicates = 1;
    st = run(&g, &o, paths);
    assert_int_equal(g.n, 8);
    assert_string_equal(g.lang[4], "ru");
    assert_string_equal(g.lang[5], "zh");
    got_free(&g);
    /* --lang fr,es */
    o.languages = "fr,es";
    st = run(&g, &o, paths);
    assert_int_equal(g.n, 2);
    got_free(&g);
    /* the callback stops everything */
    o.languages = "any";
    g.stop_after = 2;
    dyad_ingest in = {0};
    in.opts = o;
    in.on_article = collect;
    in.on_problem = problem;
    in.ctx = &g;
    assert_int_equal(dyad_ingest_path(&in, tmpdir), -1);
    assert_true(in.stop);
    assert_int_equal(g.n, 2);
    dyad_ingest_finish(&in);
    got_free(&g);
}

static void test_boilerplate_file_option(void **s)
{
    (void)s;
    write_str("pat.txt", "breaking ticker\n");
    write_str("b.txt", "BREAKING TICKER\n- Advertisement -\nJapan condemned North Korea.\n");
    got g = {0};
    dyad_ingest_opts o = {0};
    o.boilerplate_file = tpath("pat.txt");
    run1(&g, &o, "b.txt");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.body[0], "- Advertisement -\nJapan condemned North Korea.");
    got_free(&g);
    o.keep_boilerplate = 1;
    run1(&g, &o, "b.txt");
    assert_string_equal(g.body[0], "BREAKING TICKER\n- Advertisement -\nJapan condemned North Korea.");
    got_free(&g);
    /* a bad pattern file: dyad_ingest_begin fails with its name */
    dyad_ingest in = {0};
    in.opts.boilerplate_file = tpath("nope.txt");
    char err[256];
    assert_int_equal(dyad_ingest_begin(&in, err, sizeof err), -1);
    assert_has(err, "nope.txt");
    dyad_ingest_finish(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boilerplate_lines),
        cmocka_unit_test(test_boilerplate_file_format),
        cmocka_unit_test(test_boilerplate_file_matches_builtin),
        cmocka_unit_test(test_body_clean),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_dateline_and_source_in_body),
        cmocka_unit_test(test_text_headers),
        cmocka_unit_test(test_lang_detect),
        cmocka_unit_test(test_lang_labels),
        cmocka_unit_test(test_dedupe),
        cmocka_unit_test(test_stream_codecs),
        cmocka_unit_test(test_stream_truncated),
        cmocka_unit_test(test_formats_by_name_and_content),
        cmocka_unit_test(test_files_text_html_compressed),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_jsonl_custom_fields),
        cmocka_unit_test(test_warc),
        cmocka_unit_test(test_language_and_duplicates),
        cmocka_unit_test(test_boilerplate_file_option),
    };
    return cmocka_run_group_tests(tests, setup_arena, teardown_arena);
}

/* gen_warc.c — write a synthetic WARC file of news pages, for streaming tests and benchmarks.
 *
 *   cc -O2 -o gen_warc tools/gen_warc.c
 *   gen_warc OUT.warc MEGABYTES [SEED]      ("-" writes to stdout)
 *
 * Each page is a warcinfo/request/response/metadata quartet like a Common Crawl file: the
 * request and metadata records must be skipped, the response holds a 2-6 KB English HTML
 * article that is distinct from every other one (its number and random sentences), so nothing
 * is dropped as a duplicate. Deterministic for a given SEED. Standard C only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng = 88172645463325252ULL;
static unsigned next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}
#define PICK(a) (a[next() % (sizeof a / sizeof a[0])])

static const char *const actors[] = {
    "China", "Japan", "the United States", "Russia", "Ukraine", "India", "South Korea",
    "North Korea", "Turkey", "NATO", "the United Nations", "Iran", "Israel", "Egypt",
    "Chinese troops", "Russian forces", "Japanese officials", "the Kremlin", "the Pentagon",
    "Indian police", "German diplomats", "the European Union", "Brazil", "Mexico"};
static const char *const verbs[] = {
    "condemned", "accused", "met", "visited", "criticized", "threatened", "praised",
    "held talks with", "rejected a proposal from", "signed an agreement with",
    "warned", "called on", "imposed sanctions on", "expelled diplomats from"};
static const char *const whens[] = {"on Monday", "on Tuesday", "on Wednesday", "yesterday",
                                    "on Friday", "last week", "late on Sunday", "on Thursday"};
static const char *const tails[] = {
    "officials said.", "according to a statement released by the foreign ministry.",
    "the state news agency reported.", "in a move that surprised analysts.",
    "amid rising tensions in the region.", "ahead of a summit planned for next month."};
static const char *const cities[] = {"SEOUL", "TOKYO", "WASHINGTON", "MOSCOW", "KYIV",
                                     "NEW DELHI", "ANKARA", "BRUSSELS", "CAIRO", "GENEVA"};

static char page[1 << 16];
static size_t page_len;

static void add(const char *s)
{
    size_t n = strlen(s);
    if (page_len + n < sizeof page) {
        memcpy(page + page_len, s, n);
        page_len += n;
    }
}

static void make_page(unsigned long i)
{
    char buf[1024];
    page_len = 0;
    snprintf(buf, sizeof buf,
             "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
             "<title>Report %lu: %s %s %s</title>\n"
             "<meta property=\"article:published_time\" content=\"2024-%02u-%02uT08:00:00Z\">\n"
             "<meta property=\"og:site_name\" content=\"Example Wire\">\n</head>\n<body>\n"
             "<nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a> | <a href=\"/politics\">Politics</a></nav>\n"
             "<article>\n<h1>Report %lu</h1>\n",
             i, PICK(actors), PICK(verbs), PICK(actors), 1 + next() % 12, 1 + next() % 28, i);
    add(buf);
    int paras = 4 + (int)(next() % 12);
    for (int p = 0; p < paras; p++) {
        add("<p>");
        if (p == 0) {
            snprintf(buf, sizeof buf, "%s (Example Wire) - Report number %lu. ", PICK(cities), i);
            add(buf);
        }
        int sents = 2 + (int)(next() % 3);
        for (int s = 0; s < sents; s++) {
            snprintf(buf, sizeof buf, "%s %s %s %s, %s ", PICK(actors), PICK(verbs), PICK(actors),
                     PICK(whens), PICK(tails));
            buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 32 : buf[0]);
            add(buf);
        }
        snprintf(buf, sizeof buf, "(ref %lu-%d-%u)</p>\n", i, p, next() % 100000);
        add(buf);
        if (p == 1)
            add("<p>- Advertisement -</p>\n");
    }
    add("</article>\n<footer>Copyright 2024 Example Wire. All rights reserved.</footer>\n</body></html>\n");
}

static unsigned long long written;

static void record(FILE *f, const char *type, const char *uri, const char *ctype, const char *body, size_t n)
{
    char id[64];
    snprintf(id, sizeof id, "%08x-%04x-%04x-%04x-%08x%04x", next(), next() & 0xffff, next() & 0xffff,
             next() & 0xffff, next(), next() & 0xffff);
    int h = fprintf(f,
                    "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2024-03-01T12:00:00Z\r\n"
                    "WARC-Record-ID: <urn:uuid:%s>\r\n%s%s%sContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                    type, id, uri ? "WARC-Target-URI: " : "", uri ? uri : "", uri ? "\r\n" : "", ctype, n);
    fwrite(body, 1, n, f);
    fputs("\r\n\r\n", f);
    written += (unsigned long long)h + n + 4;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_warc OUT.warc MEGABYTES [SEED]\n");
        return 2;
    }
    FILE *f = strcmp(argv[1], "-") ? fopen(argv[1], "wb") : stdout;
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    unsigned long long target = strtoull(argv[2], NULL, 10) * 1000000ULL;
    if (argc > 3)
        rng ^= strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL;
    static char http[1 << 17];
    const char *info = "software: gen_warc\r\nformat: WARC File Format 1.0\r\n";
    record(f, "warcinfo", NULL, "application/warc-fields", info, strlen(info));
    unsigned long i = 0;
    while (written < target) {
        i++;
        char uri[128];
        snprintf(uri, sizeof uri, "https://wire.example/world/%lu", i);
        char req[512];
        int rn = snprintf(req, sizeof req, "GET /world/%lu HTTP/1.1\r\nHost: wire.example\r\n\r\n", i);
        record(f, "request", uri, "application/http; msgtype=request", req, (size_t)rn);
        make_page(i);
        int hn = snprintf(http, sizeof http,
                          "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                          "Content-Length: %zu\r\n\r\n", page_len);
        memcpy(http + hn, page, page_len);
        record(f, "response", uri, "application/http; msgtype=response", http, (size_t)hn + page_len);
        const char *meta = "fetchTimeMs: 120\r\n";
        record(f, "metadata", uri, "application/warc-fields", meta, strlen(meta));
    }
    if (f != stdout && fclose(f)) {
        perror(argv[1]);
        return 1;
    }
    fprintf(stderr, "gen_warc: %lu pages, %llu bytes\n", i, written);
    return 0;
}

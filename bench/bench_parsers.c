/* bench_parsers.c — the parser choice for HTML extraction, measured: libxml2's SAX parser (what
 * src/ingest/html.c uses), libxml2's tree parser, and Google's gumbo (HTML5-exact), each only
 * parsing, over the same pages.
 *
 *   bench_parsers PAGE.html.gz...
 */
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ingest/input.h"
#include "clock.h"

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
    (void)ch;
    *(size_t *)ctx += (size_t)len;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_parsers PAGE.html.gz...\n");
        return 2;
    }
    xmlInitParser();
    int n = argc - 1;
    char **pages = calloc((size_t)n, sizeof *pages);
    size_t *lens = calloc((size_t)n, sizeof *lens), total = 0;
    for (int i = 0; i < n; i++) {
        char err[256];
        if (dyad_read_all(argv[i + 1], 0, &pages[i], &lens[i], err, sizeof err) < 0) {
            fprintf(stderr, "%s: %s\n", argv[i + 1], err);
            pages[i] = NULL;
        }
        total += pages[i] ? lens[i] : 0;
    }
    const int rounds = 3;
    double t0 = bench_seconds(CLOCK_PROCESS_CPUTIME_ID);
    size_t chars = 0;
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            if (!pages[i])
                continue;
            htmlSAXHandler sax;
            memset(&sax, 0, sizeof sax);
            sax.characters = on_chars;
            htmlParserCtxtPtr ctx = htmlCreatePushParserCtxt(&sax, &chars, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
            htmlCtxtUseOptions(ctx, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
            htmlParseChunk(ctx, pages[i], (int)lens[i], 1);
            htmlFreeParserCtxt(ctx);
        }
    double sax = (bench_seconds(CLOCK_PROCESS_CPUTIME_ID) - t0) / rounds;
    t0 = bench_seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            if (!pages[i])
                continue;
            htmlDocPtr d = htmlReadMemory(pages[i], (int)lens[i], NULL, "UTF-8",
                                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
            xmlFreeDoc(d);
        }
    double tree = (bench_seconds(CLOCK_PROCESS_CPUTIME_ID) - t0) / rounds;
    t0 = bench_seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            if (!pages[i])
                continue;
            GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions, pages[i], lens[i]);
            gumbo_destroy_output(&kGumboDefaultOptions, o);
        }
    double gumbo = (bench_seconds(CLOCK_PROCESS_CPUTIME_ID) - t0) / rounds;
    double mb = (double)total / 1e6;
    printf("%d pages, %.1f MB of HTML; CPU time per pass, one core\n", n, mb);
    printf("libxml2 SAX (push)  %7.1f pages/s  %6.1f MB/s\n", n / sax, mb / sax);
    printf("libxml2 tree        %7.1f pages/s  %6.1f MB/s\n", n / tree, mb / tree);
    printf("gumbo (HTML5 tree)  %7.1f pages/s  %6.1f MB/s  (%.1fx the SAX time)\n", n / gumbo, mb / gumbo, gumbo / sax);
    for (int i = 0; i < n; i++)
        free(pages[i]);
    free(pages);
    free(lens);
    return 0;
}

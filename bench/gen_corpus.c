/* gen_corpus.c — deterministic generator of wire-style news articles for benchmarks.
 *
 *   gen_corpus OUTDIR ARTICLES SENTENCES_PER_ARTICLE [SEED]
 *
 * Writes OUTDIR/a000000.txt ... with Title/Date/Source headers. Sentences are built from
 * templates (subject, verb phrase, object, time, place) over real country and office names,
 * with filler sentences that hold no event, as in real wire copy. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t state = 88172645463325252ULL;
static uint32_t rnd(uint32_t n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state % n);
}
#define PICK(a) (a[rnd(sizeof a / sizeof a[0])])

static const char *const actors[] = {
    "Japan", "China", "South Korea", "North Korea", "Russia", "Ukraine", "the United States",
    "India", "Pakistan", "Iran", "Israel", "Turkey", "Germany", "France", "Britain", "Brazil",
    "Chinese officials", "Russian troops", "Ukrainian forces", "Israeli police", "the UN",
    "NATO", "the European Union", "Beijing", "the Kremlin", "Washington", "Tokyo officials",
    "South Korean lawmakers", "Iranian state media", "Turkish authorities", "Indian troops",
    "Pakistani officials", "the African Union", "Egyptian mediators", "Saudi Arabia", "Qatar"};
static const char *const verbs[] = {
    "met", "held talks with", "criticised", "condemned", "accused", "threatened", "visited",
    "praised", "urged", "warned", "rejected", "signed an agreement with", "sanctioned",
    "expelled diplomats from", "attacked", "shelled", "called on", "hosted", "welcomed",
    "denounced", "pledged aid to", "demanded an apology from", "arrested citizens of",
    "agreed to cooperate with", "spoke by phone with"};
static const char *const whens[] = {
    "on Monday", "on Tuesday", "yesterday", "last week", "on January 5", "on the 12th", "",
    "", "", "earlier this month", "on Friday"};
static const char *const places[] = {"in Geneva", "in New York", "in Beijing", "in Seoul", "",
                                     "", "", "in Vilnius", "in Doha", "in Brussels"};
/* Tails make sentences as long as wire copy (about 140 bytes on average). */
static const char *const openers[] = {
    "", "", "In a statement released late on Tuesday, ", "Speaking to reporters in the capital, ",
    "After a closed-door meeting of senior officials, ", "In a sharp escalation of the dispute, "};
static const char *const tails[] = {
    ", officials said", ", according to a statement released by the foreign ministry",
    " amid rising tensions over the disputed border region",
    ", the latest sign of a deepening rift between the two governments",
    " after weeks of talks mediated by regional partners",
    ", a spokesman for the ministry told reporters at a briefing",
    " in a move analysts said could complicate negotiations"};
static const char *const fillers[] = {
    "The statement came after weeks of tension along the border.",
    "Analysts said the move could reshape regional alliances.",
    "Markets were little changed in early trading.",
    "The ministry did not give further details.",
    "Talks are expected to resume later this year, according to people familiar with the matter.",
    "Officials have not said how many people were affected.",
    "The spokesman declined to comment on the report.",
    "Rain is forecast across the region for the rest of the week."};

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: gen_corpus OUTDIR ARTICLES SENTENCES [SEED]\n");
        return 2;
    }
    const char *dir = argv[1];
    long articles = atol(argv[2]), sents = atol(argv[3]);
    if (argc > 4)
        state ^= (uint64_t)atoll(argv[4]) * 0x9e3779b97f4a7c15ULL;
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        perror(dir);
        return 1;
    }
    char path[4096];
    for (long a = 0; a < articles; a++) {
        snprintf(path, sizeof path, "%s/a%06ld.txt", dir, a);
        FILE *f = fopen(path, "w");
        if (!f) {
            perror(path);
            return 1;
        }
        fprintf(f, "Title: Report %ld\nDate: 2024-%02u-%02u\nSource: Example Wire\n\n", a,
                1 + rnd(12), 1 + rnd(28));
        for (long s = 0; s < sents; s++) {
            if (rnd(3) == 0) {
                fprintf(f, "%s ", PICK(fillers));
            } else {
                const char *x = PICK(actors), *y = PICK(actors);
                char subj[64];
                snprintf(subj, sizeof subj, "%s", x);
                if (subj[0] >= 'a')
                    subj[0] = (char)(subj[0] - 32);
                const char *w = PICK(whens), *p = PICK(places);
                const char *op = PICK(openers);
                if (*op && subj[0] >= 'A' && subj[0] <= 'Z' && !strncmp(x, "the ", 4))
                    subj[0] = 't';   /* "the United States" inside the sentence */
                fprintf(f, "%s%s %s %s%s%s%s%s%s. ", op, subj, PICK(verbs), y, *p ? " " : "", p,
                        *w ? " " : "", w, PICK(tails));
            }
            if (s % 4 == 3)
                fputs("\n\n", f);
        }
        fputc('\n', f);
        fclose(f);
    }
    return 0;
}

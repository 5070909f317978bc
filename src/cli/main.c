/* main.c — `dyad COMMAND [OPTIONS]`: dispatch to the command functions. */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "dyad.h"
#include "util/date.h"

int cmd_serve(int argc, char **argv);   /* cmd_serve.c */

static const char usage[] =
    "usage: dyad COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Political event data from news text: who did what to whom, when and where.\n"
    "\n"
    "commands:\n"
    "  code [PATH...]       code articles (files, directories, - for stdin) into events\n"
    "  actors [PATH...]     print each recognised actor mention as JSONL\n"
    "  extract [PATH...]    print the clean articles (text, HTML, JSONL, WARC) as JSONL, uncoded\n"
    "  codes                list the CAMEO event codes with Goldstein, quad class and PLOVER\n"
    "  dict check [DIR]     check the dictionaries; problems as file:line: message\n"
    "  eval events GOLD     score the coder against a gold file (precision, recall, F1)\n"
    "  query --db PATH      filter, list and aggregate events stored by 'dyad code --db'\n"
    "  serve --db PATH      read-only HTTP API and dashboard over that database (loopback)\n"
    "\n"
    "options:\n"
    "  -h, --help           this help (also: dyad COMMAND --help)\n"
    "  -V, --version        print the version\n"
    "\n"
    "exit status: 0 success, 1 some input was bad (reported on stderr), 2 usage error\n";

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "dyad %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'dyad %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int cli_write(const char *buf, size_t len)
{
    while (len) {
        ssize_t w = write(1, buf, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

int cli_valid_date(const char *s)
{
    return strlen(s) == 10 && dyad_parse_date(s, 10, 0, NULL) != DYAD_NO_DATE;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);   /* a closed pipe is an EPIPE write error, handled */
    /* Every article allocates and frees a few large arena blocks; without this glibc hands
     * them back to the kernel each time (brk/munmap + TLB flushes cost more than coding). */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("dyad %s\n", dyad_version());
        return EXIT_OK;
    }
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {{"code", cmd_code}, {"actors", cmd_actors}, {"dict", cmd_dict},
                {"codes", cmd_codes}, {"eval", cmd_eval}, {"query", cmd_query},
                {"extract", cmd_extract}, {"serve", cmd_serve}};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (!strcmp(cmd, cmds[i].name))
            return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s'\n\n%s", cmd, usage);
    return EXIT_USAGE;
}

/* cmd_serve.c — `dyad serve --db PATH`: the read-only HTTP API and dashboard (src/serve). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "serve/serve.h"

static const char serve_help[] =
    "usage: dyad serve --db PATH [--port 8080] [--bind 127.0.0.1] [OPTIONS]\n"
    "\n"
    "Serve an event database written by 'dyad code --db' read-only over HTTP: a JSON API under\n"
    "/api/ (events, mentions, dyads, actors, time series, documents; see docs/serve.md) and a\n"
    "dashboard at / (timeline, network of dyads, event table with evidence), which works offline.\n"
    "PATH is an SQLite file ($DYAD_DB is used when --db is absent). Stops on Ctrl-C or SIGTERM.\n"
    "\n"
    "options:\n"
    "      --db PATH            the database\n"
    "  -p, --port N             TCP port (default 8080; 0 picks a free port, printed at start)\n"
    "      --bind ADDR          listen on this IPv4 or IPv6 address (default 127.0.0.1, loopback\n"
    "                           only; anything else exposes the database: there is no login)\n"
    "      --cors ORIGIN        let pages from ORIGIN read the API (default: no CORS headers)\n"
    "      --data DIR           dictionary directory, for CAMEO code names (default: as 'dyad code')\n"
    "      --timeout SECS       close a connection idle or stalled this long (default 10)\n"
    "      --max-connections N  open connections at most (default 256)\n"
    "      --threads N          worker threads, each serving many connections (default 4);\n"
    "                           0: one thread per connection\n"
    "      --query-timeout SECS stop document and event look-ups running longer (default 10)\n"
    "      --no-cache           answer every request from the database (by default an answer is\n"
    "                           reused while the database file is unchanged, for up to 5 s)\n"
    "      --log                one line per request on stderr\n"
    "  -h, --help               this help\n"
    "\n"
    "Prints 'listening on URL' on stdout once it accepts connections.\n"
    "Exit status: 0 stopped by a signal, 1 database or network error, 2 usage error.\n";

static int parse_uint(const char *s, long lo, long hi, long *out)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (!*s || *end || n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    enum { O_DB = 256, O_BIND, O_CORS, O_DATA, O_TIMEOUT, O_MAXC, O_QTIME, O_LOG, O_NOCACHE, O_THREADS };
    static const struct option opts[] = {
        {"db", required_argument, 0, O_DB},           {"port", required_argument, 0, 'p'},
        {"bind", required_argument, 0, O_BIND},       {"cors", required_argument, 0, O_CORS},
        {"data", required_argument, 0, O_DATA},       {"timeout", required_argument, 0, O_TIMEOUT},
        {"max-connections", required_argument, 0, O_MAXC}, {"query-timeout", required_argument, 0, O_QTIME},
        {"log", no_argument, 0, O_LOG},               {"no-cache", no_argument, 0, O_NOCACHE},
        {"threads", required_argument, 0, O_THREADS},               {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    dyad_serve_opts o = {.db = getenv("DYAD_DB"), .port = 8080};
    long n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:h", opts, NULL)) != -1) {
        switch (c) {
        case O_DB: o.db = optarg; break;
        case 'p':
            if (parse_uint(optarg, 0, 65535, &n) < 0)
                return cli_usage_error("serve", "bad port '%s' (want 0..65535)", optarg);
            o.port = (int)n;
            break;
        case O_BIND: o.bind = optarg; break;
        case O_CORS:
            if (strlen(optarg) > 200 || strpbrk(optarg, "\r\n ,") || !*optarg)
                return cli_usage_error("serve", "bad --cors origin '%s' (want e.g. http://localhost:3000, or *)",
                                       optarg);
            o.cors_origin = optarg;
            break;
        case O_DATA: o.datadir = optarg; break;
        case O_TIMEOUT:
            if (parse_uint(optarg, 1, 3600, &n) < 0)
                return cli_usage_error("serve", "bad --timeout '%s' (want 1..3600 seconds)", optarg);
            o.timeout = (unsigned)n;
            break;
        case O_MAXC:
            if (parse_uint(optarg, 1, 10000, &n) < 0)
                return cli_usage_error("serve", "bad --max-connections '%s' (want 1..10000)", optarg);
            o.max_connections = (unsigned)n;
            break;
        case O_QTIME:
            if (parse_uint(optarg, 1, 3600, &n) < 0)
                return cli_usage_error("serve", "bad --query-timeout '%s' (want 1..3600 seconds)", optarg);
            o.query_seconds = (double)n;
            break;
        case O_LOG: o.log = 1; break;
        case O_NOCACHE: o.no_cache = 1; break;
        case O_THREADS:
            if (parse_uint(optarg, 0, 64, &n) < 0)
                return cli_usage_error("serve", "bad --threads '%s' (want 0..64)", optarg);
            o.threads = n ? (int)n : -1;
            break;
        case 'h': fputs(serve_help, stdout); return EXIT_OK;
        default: return cli_usage_error("serve", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    if (!o.db || !*o.db)
        return cli_usage_error("serve", "no database: give --db PATH or set DYAD_DB");

    /* The server's threads inherit this mask, so the signals reach sigwait() below only. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    char err[1024];
    dyad_server *s = dyad_serve_start(&o, err, sizeof err);
    if (!s) {
        fprintf(stderr, "dyad serve: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    printf("listening on %s\n", dyad_serve_url(s));
    fflush(stdout);
    fprintf(stderr, "dyad serve: %s on %s (read-only); Ctrl-C stops\n", o.db, dyad_serve_url(s));
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "dyad serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP");
    dyad_serve_stop(s);
    return EXIT_OK;
}

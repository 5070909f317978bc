/* cli.h — the dyad command line: a thin layer over libdyad. Each command is a function
 * taking argc/argv after its name and returning the process exit status. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

int cmd_code(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_codes(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_extract(int argc, char **argv);

/* Ingestion options shared by code, actors and extract (cli_ingest.c). */
struct option;
struct dyad_ingest;
extern const char cli_ingest_help[];
/* out = the command's long options followed by the ingestion ones (n entries of room). */
void cli_ingest_options(const struct option *cmd_opts, struct option *out, size_t n);
/* An ingestion option (getopt code c)? 1 handled, 0 not one, -1 usage error (printed). The short
 * option -v belongs to it: add "v" to the command's optstring. */
int cli_ingest_opt(struct dyad_ingest *in, int c, const char *arg, const char *cmd);
/* Pick data/boilerplate.txt (from --data DIR, the data directory, $DYAD_DATA; else the
 * built-in patterns) and set the run up. 0, or -1 with the error printed. */
int cli_ingest_begin(struct dyad_ingest *in, const char *datadir, const char *cmd);
/* Ingestion problem callback: "path:line: message" (or "path: message") on stderr. */
void cli_report_problem(void *ctx, int severity, const char *path, unsigned line, const char *msg);

/* Shared option helpers. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write all of buf to stdout; returns 0 or -1 (EPIPE etc.). */
int cli_write(const char *buf, size_t len);
int cli_valid_date(const char *s);
#endif

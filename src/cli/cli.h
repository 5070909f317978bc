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

/* Shared option helpers. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write all of buf to stdout; returns 0 or -1 (EPIPE etc.). */
int cli_write(const char *buf, size_t len);
int cli_valid_date(const char *s);
#endif

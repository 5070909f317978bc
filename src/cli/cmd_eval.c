/* cmd_eval.c — `dyad eval events GOLD.jsonl` (filled in by the events work). */
#include <stdio.h>
#include "cli/cli.h"

int cmd_eval(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("eval", "not available yet");
}

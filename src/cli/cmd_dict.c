/* cmd_dict.c — `dyad dict check [DIR]` and `dyad codes`. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "dyad.h"
#include "pipeline/coder.h"

int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        printf("usage: dyad dict check [DIR]\n\n"
               "Load every dictionary under DIR (default: the data directory) with all checks:\n"
               "malformed lines and dates, duplicate names, overlapping roles, unknown codes.\n"
               "Each problem is printed as file:line: message. Exit 1 when there is any.\n");
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "check"))
        return cli_usage_error("dict", "unknown subcommand '%s'", argv[1]);
    char err[512];
    dyad_coder *c = dyad_coder_open_strict(argc > 2 ? argv[2] : NULL, 1, err, sizeof err);
    if (!c) {
        fprintf(stderr, "dyad dict: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    const char *w = dyad_coder_warnings(c);
    fputs(w, stdout);
    fprintf(stderr, "dyad dict: %s: %zu actor entries, %zu verb patterns, %zu codes, %zu problems\n",
            c->datadir, dyad_coder_actor_entries(c), dyad_coder_verb_patterns(c), dyad_code_count(c),
            c->n_warnings);
    int bad = c->n_warnings > 0;
    dyad_coder_free(c);
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}

int cmd_codes(int argc, char **argv)
{
    const char *data = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: dyad codes [--data DIR]\n\nList every CAMEO event code: code, name, "
                   "Goldstein value, quad class, PLOVER category and mode (tab-separated).\n");
            return EXIT_OK;
        }
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else
            return cli_usage_error("codes", "unexpected argument '%s'", argv[i]);
    }
    char err[512];
    dyad_coder *c = dyad_coder_open(data, err, sizeof err);
    if (!c) {
        fprintf(stderr, "dyad codes: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    printf("code\tname\tgoldstein\tquad\tplover\tplover_mode\n");
    for (size_t i = 0; i < dyad_code_count(c); i++) {
        const dyad_code_info *ci = dyad_code_at(c, i);
        printf("%s\t%s\t%.1f\t%d\t%s\t%s\n", ci->code, ci->name, ci->goldstein, ci->quad,
               ci->plover, ci->plover_mode);
    }
    dyad_coder_free(c);
    return EXIT_OK;
}

/* testutil.h — shared helpers for cmocka unit tests. Include after cmocka's prerequisites. */
#ifndef DYAD_TESTUTIL_H
#define DYAD_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "dyad.h"

/* The small fixture dictionaries under tests/data/mini (tests run from the repo root). */
#define MINI_DATA "tests/data/mini"

static inline dyad_coder *open_mini(void)
{
    char err[512];
    dyad_coder *c = dyad_coder_open(MINI_DATA, err, sizeof err);
    if (!c)
        fail_msg("cannot open %s: %s", MINI_DATA, err);
    return c;
}

/* Code one sentence with a publication date; the result must be freed. */
static inline dyad_result *code1(const dyad_coder *c, const char *text, const char *date)
{
    char err[256];
    dyad_result *r = dyad_code_text(c, "t", text, strlen(text), date, err, sizeof err);
    if (!r)
        fail_msg("coding failed: %s", err);
    return r;
}

/* Does r hold an event source->target (codes; target "" for none) with this CAMEO code? */
static inline int has_event(const dyad_result *r, const char *src, const char *tgt, const char *cameo)
{
    for (size_t i = 0; i < dyad_result_event_count(r); i++) {
        const dyad_event *e = dyad_result_event(r, i);
        const char *t = e->has_target ? e->target.code : "";
        if (!strcmp(e->source.code, src) && !strcmp(t, tgt) && !strcmp(e->cameo, cameo))
            return 1;
    }
    return 0;
}

static inline void dump_events(const dyad_result *r)
{
    for (size_t i = 0; i < dyad_result_event_count(r); i++) {
        const dyad_event *e = dyad_result_event(r, i);
        print_message("  event %s -> %s %s (%s)\n", e->source.code,
                      e->has_target ? e->target.code : "-", e->cameo, e->date);
    }
}
#endif

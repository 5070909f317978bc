#include "events/codes.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/dictfile.h"

static int valid_event_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int dyad_codes_load(dyad_code_table *t, const char *path, dyad_buf *w, size_t *nw, char *err,
                    size_t errlen)
{
    memset(t, 0, sizeof *t);
    dyad_arena_init(&t->mem, 64 * 1024, 0);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        char *s = dyad_trim(line);
        if (lineno == 1 || !*s || *s == '#')
            continue;   /* header */
        char *fl[8];
        int nf = dyad_split_fields(s, '\t', fl, 8);
        if (nf < 4 || !valid_event_code(fl[0])) {
            dyad_dict_warn(w, nw, path, lineno, "malformed code line (want code, name, goldstein, quad, ...)");
            continue;
        }
        char *end;
        double g = strtod(fl[2], &end);
        int quad = atoi(fl[3]);
        if (end == fl[2] || quad < 1 || quad > 4) {
            dyad_dict_warn(w, nw, path, lineno, "bad Goldstein value or quad class for %s", fl[0]);
            continue;
        }
        if (t->n == t->cap) {
            size_t nc = t->cap ? t->cap * 2 : 512;
            dyad_code_info *p = realloc(t->codes, nc * sizeof *p);
            if (!p)
                break;
            t->codes = p;
            t->cap = nc;
        }
        dyad_code_info *ci = &t->codes[t->n];
        ci->code = dyad_arena_strdup(&t->mem, fl[0]);
        ci->name = dyad_arena_strdup(&t->mem, fl[1]);
        ci->goldstein = g;
        ci->quad = quad;
        ci->plover = dyad_arena_strdup(&t->mem, nf > 4 ? fl[4] : "");
        ci->plover_mode = dyad_arena_strdup(&t->mem, nf > 5 ? fl[5] : "");
        if (dyad_hmap_put(&t->index, dyad_hash_bytes(fl[0], strlen(fl[0])), (uint32_t)t->n))
            break;
        t->n++;
    }
    free(line);
    fclose(f);
    if (t->n == 0 || t->mem.failed) {
        snprintf(err, errlen, "%s: no event codes loaded", path);
        dyad_codes_free(t);
        return -1;
    }
    return 0;
}

const dyad_code_info *dyad_codes_find(const dyad_code_table *t, const char *code)
{
    uint32_t i;
    if (!dyad_hmap_get(&t->index, dyad_hash_bytes(code, strlen(code)), &i))
        return NULL;
    return &t->codes[i];
}

void dyad_codes_free(dyad_code_table *t)
{
    free(t->codes);
    dyad_hmap_free(&t->index);
    dyad_arena_free(&t->mem);
    memset(t, 0, sizeof *t);
}

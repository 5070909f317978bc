#include "util/dictfile.h"
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 16

void dyad_dict_warn(dyad_buf *w, size_t *n, const char *file, unsigned line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dyad_buf_printf(w, "%s:%u: %s\n", file, line, msg);
    if (n)
        (*n)++;
}

char *dyad_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

int dyad_split_fields(char *s, char sep, char **f, int max)
{
    int n = 0;
    while (n < max) {
        char *e = strchr(s, sep);
        if (e)
            *e = 0;
        f[n++] = dyad_trim(s);
        if (!e)
            break;
        s = e + 1;
    }
    return n;
}

typedef struct reader {
    dyad_dictline_fn fn;
    void *ctx;
    dyad_buf *w;
    size_t *nw;
    const char *chain[MAX_DEPTH];
    int depth;
    int stop;
    unsigned seq;
} reader;

static int read_file(reader *r, const char *path, const char *from_file, unsigned from_line);

static void include(reader *r, const char *cur, unsigned line, const char *arg)
{
    char path[PATH_MAX];
    if (arg[0] == '/') {
        snprintf(path, sizeof path, "%s", arg);
    } else {
        const char *slash = strrchr(cur, '/');
        int dirlen = slash ? (int)(slash - cur) : 1;
        snprintf(path, sizeof path, "%.*s/%s", dirlen, slash ? cur : ".", arg);
    }
    if (r->depth >= MAX_DEPTH) {
        dyad_dict_warn(r->w, r->nw, cur, line, "@include nested too deeply: %s", arg);
        return;
    }
    for (int i = 0; i < r->depth; i++)
        if (strcmp(r->chain[i], path) == 0) {
            dyad_dict_warn(r->w, r->nw, cur, line, "@include loop: %s", arg);
            return;
        }
    read_file(r, path, cur, line);
}

static int read_file(reader *r, const char *path, const char *from_file, unsigned from_line)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (from_file)
            dyad_dict_warn(r->w, r->nw, from_file, from_line, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    /* the path string must outlive callbacks that keep it: callers copy it */
    char *mypath = strdup(path);
    if (!mypath) {
        fclose(f);
        return -1;
    }
    r->chain[r->depth++] = mypath;
    unsigned myseq = ++r->seq;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned lineno = 0;
    while (!r->stop && (got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (memchr(line, 0, (size_t)got)) {
            dyad_dict_warn(r->w, r->nw, mypath, lineno, "NUL byte in line; line skipped");
            continue;
        }
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        int indented = line[0] == ' ' || line[0] == '\t';
        char *t = dyad_trim(line);
        if (!*t)
            continue;
        if (strncmp(t, "@include", 8) == 0 && (t[8] == ' ' || t[8] == '\t')) {
            include(r, mypath, lineno, dyad_trim(t + 9));
            continue;
        }
        dyad_dictline dl = {mypath, lineno, t, strlen(t), indented, r->depth - 1, myseq};
        if (r->fn(r->ctx, &dl) < 0)
            r->stop = 1;
    }
    if (ferror(f))
        dyad_dict_warn(r->w, r->nw, mypath, lineno, "read error: %s", strerror(errno));
    free(line);
    fclose(f);
    r->depth--;
    free(mypath);
    return 0;
}

int dyad_dictfile_read(const char *path, dyad_dictline_fn fn, void *ctx, dyad_buf *warnings,
                       size_t *n_warnings, char *err, size_t errlen)
{
    reader r = {.fn = fn, .ctx = ctx, .w = warnings, .nw = n_warnings};
    if (read_file(&r, path, NULL, 0) < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    return r.stop ? -1 : 0;
}

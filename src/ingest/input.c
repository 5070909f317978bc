/* input.c — walking paths, reading (and decompressing) files, dispatching by format. */
#include "ingest/input.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "ingest/text.h"
#include "util/arena.h"
#include "util/buf.h"

#define DEFAULT_MAX ((size_t)1 << 30)

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

static int read_fd(int fd, size_t max, dyad_buf *b, char *err, size_t errlen)
{
    char chunk[1 << 16];
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            snprintf(err, errlen, "read error: %s", strerror(errno));
            return -1;
        }
        if (r == 0)
            return 0;
        if (b->len + (size_t)r > max) {
            snprintf(err, errlen, "larger than the %zu MB limit", max >> 20);
            return -1;
        }
        if (dyad_buf_append(b, chunk, (size_t)r)) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
}

static int gunzip(const dyad_buf *in, size_t max, dyad_buf *out, char *err, size_t errlen)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) {
        snprintf(err, errlen, "zlib init failed");
        return -1;
    }
    z.next_in = (Bytef *)in->data;
    z.avail_in = (uInt)in->len;
    char chunk[1 << 16];
    int rc;
    do {
        z.next_out = (Bytef *)chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END && z.avail_in > 0) {   /* concatenated members */
            size_t produced = sizeof chunk - z.avail_out;
            if (dyad_buf_append(out, chunk, produced))
                break;
            inflateReset(&z);
            rc = Z_OK;
            continue;
        }
        if (rc != Z_OK && rc != Z_STREAM_END) {
            snprintf(err, errlen, "corrupt or truncated gzip data (%s)", z.msg ? z.msg : "unexpected end");
            inflateEnd(&z);
            return -1;
        }
        size_t produced = sizeof chunk - z.avail_out;
        if (out->len + produced > max) {
            snprintf(err, errlen, "decompressed size over the %zu MB limit", max >> 20);
            inflateEnd(&z);
            return -1;
        }
        if (dyad_buf_append(out, chunk, produced)) {
            snprintf(err, errlen, "out of memory");
            inflateEnd(&z);
            return -1;
        }
        if (rc != Z_STREAM_END && z.avail_in == 0 && produced == 0) {
            snprintf(err, errlen, "truncated gzip data");
            inflateEnd(&z);
            return -1;
        }
    } while (rc != Z_STREAM_END);
    inflateEnd(&z);
    return 0;
}

static int unzstd(const dyad_buf *in, size_t max, dyad_buf *out, char *err, size_t errlen)
{
    ZSTD_DStream *ds = ZSTD_createDStream();
    if (!ds) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    ZSTD_inBuffer ib = {in->data, in->len, 0};
    char chunk[1 << 16];
    size_t last = 1;
    while (ib.pos < ib.size) {
        ZSTD_outBuffer ob = {chunk, sizeof chunk, 0};
        last = ZSTD_decompressStream(ds, &ob, &ib);
        if (ZSTD_isError(last)) {
            snprintf(err, errlen, "corrupt zstd data (%s)", ZSTD_getErrorName(last));
            ZSTD_freeDStream(ds);
            return -1;
        }
        if (out->len + ob.pos > max || dyad_buf_append(out, chunk, ob.pos)) {
            snprintf(err, errlen, "decompressed size over the limit");
            ZSTD_freeDStream(ds);
            return -1;
        }
    }
    for (;;) {   /* flush what is buffered */
        ZSTD_outBuffer ob = {chunk, sizeof chunk, 0};
        last = ZSTD_decompressStream(ds, &ob, &ib);
        if (ZSTD_isError(last) || ob.pos == 0)
            break;
        if (dyad_buf_append(out, chunk, ob.pos))
            break;
    }
    ZSTD_freeDStream(ds);
    if (last != 0) {
        snprintf(err, errlen, "truncated zstd data");
        return -1;
    }
    return 0;
}

int dyad_read_all(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen)
{
    if (!max)
        max = DEFAULT_MAX;
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    dyad_buf raw;
    dyad_buf_init(&raw, 0);
    int rc = read_fd(fd, max, &raw, err, errlen);
    if (fd != 0)
        close(fd);
    if (rc < 0) {
        dyad_buf_free(&raw);
        return -1;
    }
    /* decompress by magic number, whatever the name says */
    const unsigned char *m = (const unsigned char *)raw.data;
    int gz = raw.len >= 2 && m[0] == 0x1f && m[1] == 0x8b;
    int zs = raw.len >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd;
    if (gz || zs) {
        dyad_buf plain;
        dyad_buf_init(&plain, 0);
        rc = gz ? gunzip(&raw, max, &plain, err, errlen) : unzstd(&raw, max, &plain, err, errlen);
        dyad_buf_free(&raw);
        if (rc < 0) {
            dyad_buf_free(&plain);
            return -1;
        }
        raw = plain;
    }
    if (!raw.data && dyad_buf_append(&raw, "", 0)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *out = raw.data;
    *len = raw.len;
    return 0;
}

/* The id of a file: its name without directories and extensions. */
static void file_id(const char *path, char *out, size_t n)
{
    if (strcmp(path, "-") == 0) {
        snprintf(out, n, "stdin");
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(out, n, "%s", base);
    char *dot = strchr(out + (out[0] == '.'), '.');
    if (dot && dot != out)
        *dot = 0;
}

typedef struct problem_ctx {
    dyad_ingest *in;
    const char *path;
    int errors;
} problem_ctx;

static void text_problem(void *ctx, unsigned line, const char *msg)
{
    problem_ctx *p = ctx;
    p->in->on_problem(p->in->ctx, 1, p->path, line, msg);
    p->errors++;
}

/* Looks like binary (many NULs or control bytes in the first 8 KB)? */
static int looks_binary(const char *s, size_t n)
{
    size_t k = n < 8192 ? n : 8192, bad = 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f'))
            bad++;
    }
    return k > 0 && bad * 10 > k;
}

static int ingest_file(dyad_ingest *in, const char *path)
{
    char err[256];
    char *data;
    size_t len;
    in->stats.files++;
    if (dyad_read_all(path, in->opts.max_bytes, &data, &len, err, sizeof err) < 0) {
        in->stats.errors++;
        in->on_problem(in->ctx, 1, path, 0, err);
        return 0;
    }
    in->stats.bytes += len;
    int rc = 0;
    if (len == 0 || strspn(data, " \t\r\n") == len) {
        in->stats.skipped++;
        in->on_problem(in->ctx, 0, path, 0, "empty file, skipped");
    } else if (looks_binary(data, len)) {
        in->stats.errors++;
        in->on_problem(in->ctx, 1, path, 0, "binary data, not text; skipped");
    } else {
        dyad_arena mem;
        dyad_arena_init(&mem, len * 2 + 4096, 0);
        dyad_article a = {0};
        char id[256];
        file_id(path, id, sizeof id);
        problem_ctx pc = {in, path, 0};
        if (dyad_text_parse(&mem, data, len, in->opts.keep_boilerplate ? NULL : dyad_boiler_default(), &a, text_problem, &pc) < 0) {
            in->stats.errors++;
            in->on_problem(in->ctx, 1, path, 0, "out of memory");
        } else {
            if (!a.id)
                a.id = id;
            a.path = path;
            if (!a.date)
                a.date = in->opts.default_date;
            if (pc.errors)
                in->stats.errors++;
            if (a.body_len == 0) {
                in->stats.skipped++;
                in->on_problem(in->ctx, 0, path, 0, "no article text after headers, skipped");
            } else {
                in->stats.articles++;
                rc = in->on_article(in->ctx, &a);
            }
        }
        dyad_arena_free(&mem);
    }
    free(data);
    if (rc < 0)
        in->stop = 1;
    return rc;
}

static int wanted_in_dir(const char *name)
{
    static const char *const exts[] = {".txt", ".txt.gz", ".txt.zst", ".text", NULL};
    for (int i = 0; exts[i]; i++)
        if (ends_with(name, exts[i]))
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ingest_dir(dyad_ingest *in, const char *path, int depth)
{
    if (depth > 64) {
        in->on_problem(in->ctx, 1, path, 0, "directories nested too deeply; skipped");
        in->stats.errors++;
        return 0;
    }
    DIR *d = opendir(path);
    if (!d) {
        in->stats.errors++;
        in->on_problem(in->ctx, 1, path, 0, strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        names[n] = strdup(de->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        struct stat st;
        if (!in->stop && lstat(full, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                rc = ingest_dir(in, full, depth + 1);
            else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && wanted_in_dir(names[i]))
                rc = ingest_file(in, full);
        }
        free(names[i]);
    }
    free(names);
    return in->stop ? -1 : rc;
}

int dyad_ingest_path(dyad_ingest *in, const char *path)
{
    if (strcmp(path, "-") == 0)
        return ingest_file(in, path);
    struct stat st;
    if (stat(path, &st) < 0) {
        in->stats.errors++;
        in->on_problem(in->ctx, 1, path, 0, strerror(errno));
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return ingest_dir(in, path, 0);
    return ingest_file(in, path);
}

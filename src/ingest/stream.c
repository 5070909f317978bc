/* stream.c — buffered, decompressing reader (plain, gzip members, zstd frames). */
#include "ingest/stream.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define IN_CAP (1u << 16)
#define OUT_CAP (1u << 17)
#define PEEK_MAX (1u << 16)

struct dyad_stream {
    int fd, own_fd;
    dyad_stream_codec codec;
    size_t in_pos, in_len;
    int in_eof;
    size_t out_pos, out_len;
    z_stream z;
    int z_ready, member_done;
    ZSTD_DStream *zs;
    size_t zs_hint;
    uint64_t consumed, raw;
    int eof, failed;
    char err[256];
    unsigned char in[IN_CAP];
    unsigned char out[OUT_CAP];
};

static int fail(dyad_stream *s, const char *fmt, const char *arg)
{
    if (!s->failed) {
        s->failed = 1;
        snprintf(s->err, sizeof s->err, fmt, arg ? arg : "");
    }
    return -1;
}

/* Read more raw bytes after the unread ones. Returns bytes added, 0 at EOF, -1 on error. */
static long fill_raw(dyad_stream *s)
{
    if (s->in_eof)
        return 0;
    if (s->in_pos > 0) {
        memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
        s->in_len -= s->in_pos;
        s->in_pos = 0;
    }
    if (s->in_len == IN_CAP)
        return 0;
    for (;;) {
        ssize_t r = read(s->fd, s->in + s->in_len, IN_CAP - s->in_len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return fail(s, "read error: %s", strerror(errno));
        if (r == 0)
            s->in_eof = 1;
        s->in_len += (size_t)r;
        s->raw += (uint64_t)r;
        return (long)r;
    }
}

static dyad_stream *setup(int fd, int own, char *err, size_t errlen)
{
    /* the buffers are large: clear only the header, not 192 KB per file */
    dyad_stream *s = malloc(sizeof *s);
    if (s)
        memset(s, 0, offsetof(dyad_stream, in));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        if (own)
            close(fd);
        return NULL;
    }
    s->fd = fd;
    s->own_fd = own;
    while (s->in_len < 4 && !s->in_eof && !s->failed)
        fill_raw(s);
    if (s->failed) {
        snprintf(err, errlen, "%s", s->err);
        dyad_stream_close(s);
        return NULL;
    }
    const unsigned char *m = s->in;
    if (s->in_len >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
        s->codec = DYAD_CODEC_GZIP;
        if (inflateInit2(&s->z, 15 + 16) != Z_OK) {
            snprintf(err, errlen, "zlib initialisation failed");
            dyad_stream_close(s);
            return NULL;
        }
        s->z_ready = 1;
    } else if (s->in_len >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) {
        s->codec = DYAD_CODEC_ZSTD;
        s->zs = ZSTD_createDStream();
        if (!s->zs || ZSTD_isError(ZSTD_initDStream(s->zs))) {
            snprintf(err, errlen, "zstd initialisation failed");
            dyad_stream_close(s);
            return NULL;
        }
        s->zs_hint = 1;
    }
    return s;
}

dyad_stream *dyad_stream_fdopen(int fd, char *err, size_t errlen)
{
    return setup(fd, 0, err, errlen);
}

dyad_stream *dyad_stream_open(const char *path, char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0)
        return setup(0, 0, err, errlen);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        return NULL;
    }
    return setup(fd, 1, err, errlen);
}

void dyad_stream_close(dyad_stream *s)
{
    if (!s)
        return;
    if (s->z_ready)
        inflateEnd(&s->z);
    if (s->zs)
        ZSTD_freeDStream(s->zs);
    if (s->own_fd)
        close(s->fd);
    free(s);
}

dyad_stream_codec dyad_stream_codec_of(const dyad_stream *s) { return s->codec; }
uint64_t dyad_stream_tell(const dyad_stream *s) { return s->consumed; }
uint64_t dyad_stream_raw_bytes(const dyad_stream *s) { return s->raw; }
const char *dyad_stream_error(const dyad_stream *s) { return s->failed ? s->err : NULL; }

static int gz_produce(dyad_stream *s, size_t room)
{
    for (;;) {
        if (s->in_pos == s->in_len && !s->in_eof) {
            if (fill_raw(s) < 0)
                return -1;
            continue;
        }
        if (s->member_done) {
            /* next member, zero padding, or the end */
            while (s->in_pos < s->in_len && s->in[s->in_pos] == 0)
                s->in_pos++;
            if (s->in_pos == s->in_len) {
                if (s->in_eof) {
                    s->eof = 1;
                    return 0;
                }
                continue;
            }
            if (s->in_len - s->in_pos < 2 && !s->in_eof) {
                if (fill_raw(s) < 0)
                    return -1;
                continue;
            }
            if (s->in_len - s->in_pos < 2 || s->in[s->in_pos] != 0x1f || s->in[s->in_pos + 1] != 0x8b)
                return fail(s, "trailing garbage after the gzip data%s", NULL);
            inflateReset(&s->z);
            s->member_done = 0;
        }
        s->z.next_in = s->in + s->in_pos;
        s->z.avail_in = (uInt)(s->in_len - s->in_pos);
        s->z.next_out = s->out + s->out_len;
        s->z.avail_out = (uInt)room;
        int rc = inflate(&s->z, Z_NO_FLUSH);
        s->in_pos = s->in_len - s->z.avail_in;
        size_t produced = room - s->z.avail_out;
        s->out_len += produced;
        if (rc == Z_STREAM_END) {
            s->member_done = 1;
        } else if (rc == Z_BUF_ERROR || (rc == Z_OK && produced == 0)) {
            if (s->in_pos == s->in_len && s->in_eof && !produced)
                return fail(s, "truncated gzip data (the file ends inside a compressed block)%s", NULL);
        } else if (rc != Z_OK) {
            return fail(s, "corrupt gzip data (%s)", s->z.msg ? s->z.msg : "inflate error");
        }
        if (produced)
            return 1;
    }
}

static int zstd_produce(dyad_stream *s, size_t room)
{
    for (;;) {
        if (s->in_pos == s->in_len && !s->in_eof) {
            if (fill_raw(s) < 0)
                return -1;
            continue;
        }
        ZSTD_inBuffer ib = {s->in, s->in_len, s->in_pos};
        ZSTD_outBuffer ob = {s->out + s->out_len, room, 0};
        size_t before = s->in_pos;
        size_t rc = ZSTD_decompressStream(s->zs, &ob, &ib);
        s->in_pos = ib.pos;
        s->out_len += ob.pos;
        if (ZSTD_isError(rc))
            return fail(s, "corrupt zstd data (%s)", ZSTD_getErrorName(rc));
        if (ib.pos != before || ob.pos)
            s->zs_hint = rc;   /* 0: a frame just ended */
        if (ob.pos)
            return 1;
        if (s->in_pos == s->in_len && s->in_eof) {
            if (s->zs_hint != 0)
                return fail(s, "truncated zstd data (the file ends inside a frame)%s", NULL);
            s->eof = 1;
            return 0;
        }
    }
}

/* Append decompressed bytes after out_len. Returns 1, 0 at the end, -1 on error. */
static int produce(dyad_stream *s)
{
    if (s->failed)
        return -1;
    if (s->eof)
        return 0;
    if (s->out_pos == s->out_len)
        s->out_pos = s->out_len = 0;
    if (s->out_len == OUT_CAP) {
        memmove(s->out, s->out + s->out_pos, s->out_len - s->out_pos);
        s->out_len -= s->out_pos;
        s->out_pos = 0;
    }
    size_t room = OUT_CAP - s->out_len;
    if (!room)
        return 1;
    switch (s->codec) {
    case DYAD_CODEC_GZIP:
        return gz_produce(s, room);
    case DYAD_CODEC_ZSTD:
        return zstd_produce(s, room);
    case DYAD_CODEC_NONE:
        break;
    }
    if (s->in_pos < s->in_len) {
        size_t n = s->in_len - s->in_pos < room ? s->in_len - s->in_pos : room;
        memcpy(s->out + s->out_len, s->in + s->in_pos, n);
        s->in_pos += n;
        s->out_len += n;
        return 1;
    }
    for (;;) {
        ssize_t r = read(s->fd, s->out + s->out_len, room);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return fail(s, "read error: %s", strerror(errno));
        if (r == 0) {
            s->eof = 1;
            return 0;
        }
        s->raw += (uint64_t)r;
        s->out_len += (size_t)r;
        return 1;
    }
}

size_t dyad_stream_peek(dyad_stream *s, size_t want, const char **p)
{
    if (want > PEEK_MAX)
        want = PEEK_MAX;
    if (s->out_len - s->out_pos < want && s->out_pos + want > OUT_CAP) {
        memmove(s->out, s->out + s->out_pos, s->out_len - s->out_pos);
        s->out_len -= s->out_pos;
        s->out_pos = 0;
    }
    while (s->out_len - s->out_pos < want && produce(s) > 0) {
    }
    *p = (const char *)s->out + s->out_pos;
    return s->out_len - s->out_pos;
}

long dyad_stream_read(dyad_stream *s, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        if (s->out_pos == s->out_len) {
            int r = produce(s);
            if (r < 0)
                return got ? (long)got : -1;
            if (r == 0)
                break;
        }
        size_t k = s->out_len - s->out_pos;
        if (k > n - got)
            k = n - got;
        memcpy((char *)buf + got, s->out + s->out_pos, k);
        s->out_pos += k;
        s->consumed += k;
        got += k;
    }
    return (long)got;
}

uint64_t dyad_stream_skip(dyad_stream *s, uint64_t n)
{
    uint64_t done = 0;
    while (done < n) {
        if (s->out_pos == s->out_len && produce(s) <= 0)
            break;
        size_t k = s->out_len - s->out_pos;
        if (k > n - done)
            k = (size_t)(n - done);
        s->out_pos += k;
        s->consumed += k;
        done += k;
    }
    return done;
}

int dyad_stream_line(dyad_stream *s, dyad_buf *line, size_t max, uint64_t limit, int *too_long)
{
    dyad_buf_clear(line);
    if (!line->data && dyad_buf_append(line, "", 0))
        return fail(s, "out of memory%s", NULL);
    *too_long = 0;
    uint64_t used = 0;
    int got = 0;
    for (;;) {
        if (s->out_pos == s->out_len) {
            int r = produce(s);
            if (r < 0)
                return -1;
            if (r == 0)
                break;
        }
        size_t avail = s->out_len - s->out_pos;
        if (limit && avail > limit - used)
            avail = (size_t)(limit - used);
        if (!avail)
            break;
        const unsigned char *b = s->out + s->out_pos;
        const unsigned char *nl = memchr(b, '\n', avail);
        size_t take = nl ? (size_t)(nl - b) + 1 : avail;
        size_t keep = nl ? take - 1 : take;
        if (line->len < max) {
            size_t k = keep < max - line->len ? keep : max - line->len;
            if (k < keep)
                *too_long = 1;
            if (dyad_buf_append(line, b, k))
                return fail(s, "out of memory%s", NULL);
        } else if (keep) {
            *too_long = 1;
        }
        s->out_pos += take;
        s->consumed += take;
        used += take;
        got = 1;
        if (nl)
            break;
    }
    if (!got)
        return s->failed ? -1 : 0;
    if (line->len && line->data[line->len - 1] == '\r')
        line->data[--line->len] = 0;
    return 1;
}

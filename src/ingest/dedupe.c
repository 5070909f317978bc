/* dedupe.c — hash set of normalised article bodies. */
#include "ingest/dedupe.h"
#include <stdlib.h>
#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include "util/hmap.h"

struct dyad_dedupe {
    dyad_hmap set;
};

dyad_dedupe *dyad_dedupe_new(void)
{
    dyad_dedupe *d = calloc(1, sizeof *d);
    if (d && dyad_hmap_init(&d->set, 1024)) {
        free(d);
        d = NULL;
    }
    return d;
}

void dyad_dedupe_free(dyad_dedupe *d)
{
    if (!d)
        return;
    dyad_hmap_free(&d->set);
    free(d);
}

static inline int space(int32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000;
}

uint64_t dyad_dedupe_hash(const char *text, size_t len)
{
    XXH3_state_t st;
    XXH3_64bits_reset(&st);
    unsigned char buf[4096];
    size_t n = 0;
    int pending = 0, started = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)text[i];
        int32_t c;
        size_t k = 1;
        if (b < 0x80) {
            c = b >= 'A' && b <= 'Z' ? b + 32 : b;
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                pending = 1;
                i++;
                continue;
            }
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
            if (m <= 0) {
                cp = 0xFFFD;
                m = 1;
            }
            k = (size_t)m;
            c = space(cp) ? ' ' : utf8proc_tolower(cp);
        }
        i += k;
        if (space(c)) {
            pending = 1;
            continue;
        }
        if (n + 8 > sizeof buf) {
            XXH3_64bits_update(&st, buf, n);
            n = 0;
        }
        if (pending && started)
            buf[n++] = ' ';
        pending = 0;
        started = 1;
        if (c < 0x80)
            buf[n++] = (unsigned char)c;
        else
            n += (size_t)utf8proc_encode_char(c, buf + n);
    }
    XXH3_64bits_update(&st, buf, n);
    return dyad_hash_nonzero(XXH3_64bits_digest(&st));
}

int dyad_dedupe_seen(dyad_dedupe *d, const char *text, size_t len)
{
    uint64_t h = dyad_dedupe_hash(text, len);
    uint32_t v;
    if (dyad_hmap_get(&d->set, h, &v))
        return 1;
    return dyad_hmap_put(&d->set, h, 1) ? -1 : 0;
}

size_t dyad_dedupe_count(const dyad_dedupe *d) { return d->set.count; }

/* buf.h — growable byte buffer with a ceiling (curl's dynbuf idea).
 * Appends fail (return -1) once the buffer would exceed its limit or memory runs out; the
 * buffer then keeps what it had. The data is always NUL-terminated. */
#ifndef DYAD_BUF_H
#define DYAD_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct dyad_buf {
    char *data;
    size_t len, cap, limit;   /* limit 0 = no ceiling */
} dyad_buf;

void dyad_buf_init(dyad_buf *b, size_t limit);
int  dyad_buf_append(dyad_buf *b, const void *p, size_t n);
int  dyad_buf_puts(dyad_buf *b, const char *s);
/* Room for n more bytes (and the terminating NUL) without growing? */
static inline int dyad_buf_has_room(const dyad_buf *b, size_t n)
{
    return b->len + n + 1 <= b->cap && (!b->limit || b->len + n <= b->limit);
}

/* One byte; inline because JSON and TSV writers call it for every separator. */
static inline int dyad_buf_putc(dyad_buf *b, char c)
{
    if (dyad_buf_has_room(b, 1)) {   /* the common case */
        b->data[b->len++] = c;
        b->data[b->len] = 0;
        return 0;
    }
    return dyad_buf_append(b, &c, 1);
}
int  dyad_buf_printf(dyad_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s as the inside of a JSON string (escapes quotes, control bytes; UTF-8 kept). */
int  dyad_buf_json_str(dyad_buf *b, const char *s, size_t n);
/* Append s as a quoted JSON string, or null when s is NULL. */
int  dyad_buf_json_value(dyad_buf *b, const char *s);
/* Append an unsigned integer / a number with one decimal ("-2.0"), without printf. */
int  dyad_buf_uint(dyad_buf *b, unsigned long long v);
int  dyad_buf_fixed1(dyad_buf *b, double x);
/* Append s with tabs/newlines replaced by spaces (for TSV fields). */
int  dyad_buf_tsv_str(dyad_buf *b, const char *s, size_t n);
void dyad_buf_clear(dyad_buf *b);
void dyad_buf_free(dyad_buf *b);
#endif

/* Growable byte buffer, always NUL-terminated. The owner frees it with
 * buf_free. Allocation failure aborts (util/oom.h). */
#ifndef FOLIO_BUF_H
#define FOLIO_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data; /* NULL until the first append */
    size_t len, cap;
} buf;

void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *data, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Appends one code point as UTF-8. */
void buf_put_utf8(buf *b, unsigned cp);
/* s as a JSON string, quotes included: one line whatever s holds (dumps). */
void buf_put_quoted(buf *b, const char *s);
void buf_clear(buf *b);
/* Gives back the capacity past the text (a buffer kept long, or large). */
void buf_shrink(buf *b);
void buf_free(buf *b);
/* Hands the data over to the caller (free() it); the buffer becomes empty. */
char *buf_detach(buf *b);
/* The contents as a C string ("" when empty). */
const char *buf_cstr(const buf *b);

#endif

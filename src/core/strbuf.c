/* strbuf.c - see strbuf.h. */
#include "core/strbuf.h"
#include "core/alloc.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
    sb->buf = strbuf_empty;
    sb->len = 0;
    sb->alloc = 0;
    if (hint)
        strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len_out)
{
    char *s;
    if (len_out)
        *len_out = sb->len;
    if (sb->alloc)
        s = sb->buf;
    else
        s = xstrdup("");
    strbuf_init(sb, 0);
    return s;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
    size_t want = st_add3(sb->len, extra, 1);
    if (want <= sb->alloc)
        return;
    size_t n = sb->alloc ? sb->alloc : 64;
    while (n < want)
        n = n > SIZE_MAX / 2 ? want : n * 2;
    if (sb->alloc) {
        sb->buf = xrealloc(sb->buf, n);
    } else {
        sb->buf = xmalloc(n);
        sb->buf[0] = '\0';
    }
    sb->alloc = n;
}

void strbuf_reset(struct strbuf *sb)
{
    strbuf_setlen(sb, 0);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
    if (len > sb->len)
        BUG("strbuf_setlen(%zu) past the length %zu", len, sb->len);
    if (!sb->alloc)
        return; /* still the shared empty buffer; len is 0 */
    sb->len = len;
    sb->buf[len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
    if (!len)
        return;
    strbuf_grow(sb, len);
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
    strbuf_grow(sb, 1);
    sb->buf[sb->len++] = (char)c;
    sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    if (sb->len + (size_t)n + 1 > sb->alloc) {
        strbuf_grow(sb, (size_t)n);
        n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
        if (n < 0)
            return;
    }
    sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void strbuf_trim(struct strbuf *sb)
{
    size_t start = 0, end = sb->len;
    while (start < end && is_space(sb->buf[start]))
        start++;
    while (end > start && is_space(sb->buf[end - 1]))
        end--;
    if (!sb->alloc)
        return;
    memmove(sb->buf, sb->buf + start, end - start);
    strbuf_setlen(sb, end - start);
}

void strbuf_add_printable(struct strbuf *sb, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t start = 0, i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t adv = 1;
        if (c >= 0x20 && c < 0x7f) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            adv = utf8_sequence_length(s + i, len - i);
            if (adv && !(adv == 2 && c == 0xc2 && s[i + 1] < 0xa0)) {
                i += adv;
                continue;
            }
        }
        strbuf_add(sb, s + start, i - start);
        if (adv == 2) /* a C1 control, U+0080..U+009F */
            strbuf_addf(sb, "\\u%04x", (unsigned)s[i + 1]);
        else
            strbuf_addf(sb, "\\x%02x", (unsigned)c);
        i += adv ? adv : 1;
        start = i;
    }
    strbuf_add(sb, s + start, len - start);
}

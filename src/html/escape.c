/*
 * escape.c - see escape.h.  One pass over the bytes: runs of safe bytes are copied with one
 * strbuf_add, so escaping long article text costs about a memcpy.
 */
#include "html/escape.h"

#include <string.h>

#include "core/banned.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when it is invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t need;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return need;
}

static void escape(struct strbuf *out, const char *str, size_t len, int attr)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t start = 0, i = 0;
    if (!str)
        return;
    strbuf_grow(out, len);
    while (i < len) {
        unsigned char c = s[i];
        const char *rep = NULL;
        size_t adv = 1;
        if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (attr && c == '"')
            rep = "&quot;";
        else if (attr && c == '\'')
            rep = "&#39;";
        else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            rep = "\xef\xbf\xbd";
        else if (c >= 0x80) {
            adv = utf8_seq_len(s + i, len - i);
            if (!adv) {
                rep = "\xef\xbf\xbd";
                adv = 1;
            }
        }
        if (rep) {
            strbuf_add(out, s + start, i - start);
            strbuf_adds(out, rep);
            start = i + adv;
        }
        i += adv;
    }
    strbuf_add(out, s + start, len - start);
}

void html_escape_text_n(struct strbuf *out, const char *s, size_t len)
{
    escape(out, s, len, 0);
}

void html_escape_attr_n(struct strbuf *out, const char *s, size_t len)
{
    escape(out, s, len, 1);
}

void html_escape_text(struct strbuf *out, const char *s)
{
    if (s)
        escape(out, s, strlen(s), 0);
}

void html_escape_attr(struct strbuf *out, const char *s)
{
    if (s)
        escape(out, s, strlen(s), 1);
}

/*
 * escape.c - see escape.h.  One pass over the bytes: runs of safe bytes are copied with one
 * strbuf_add, so escaping long article text costs about a memcpy.
 */
#include "html/escape.h"
#include "core/utf8.h"

#include <string.h>

#include "core/banned.h"

/* U+FFFE and U+FFFF (EF BF BE, EF BF BF): valid UTF-8, but not XML characters */
static int xml_nonchar(const unsigned char *s, size_t n)
{
    return n == 3 && s[0] == 0xef && s[1] == 0xbf && (s[2] == 0xbe || s[2] == 0xbf);
}

/* attr: 1 escapes quotes too; 2 (XML) also replaces the XML non-characters */
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
            adv = utf8_sequence_length(s + i, len - i);
            if (!adv) {
                rep = "\xef\xbf\xbd";
                adv = 1;
            } else if (attr == 2 && xml_nonchar(s + i, adv)) {
                rep = "\xef\xbf\xbd";
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

void html_escape_xml(struct strbuf *out, const char *s)
{
    if (s)
        escape(out, s, strlen(s), 2);
}

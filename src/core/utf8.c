/* utf8.c - see utf8.h. */
#include "core/utf8.h"
#include "core/strbuf.h"

#include <string.h>

#include "core/banned.h"

size_t utf8_sequence_length(const unsigned char *s, size_t n)
{
    unsigned c = s[0], cp;
    size_t need;
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

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t k = utf8_sequence_length(p + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

void utf8_scrub(struct strbuf *out, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n, i = 0, adv;
    if (!str)
        return;
    n = strlen(str);
    while (i < n) {
        unsigned char c = s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
            strbuf_adds(out, "\xef\xbf\xbd");
            i++;
            continue;
        }
        adv = c < 0x80 ? 1 : utf8_sequence_length(s + i, n - i);
        if (!adv || (adv == 3 && c == 0xef && s[i + 1] == 0xbf && s[i + 2] >= 0xbe)) {
            strbuf_adds(out, "\xef\xbf\xbd");
            i += adv ? adv : 1;
            continue;
        }
        strbuf_add(out, s + i, adv);
        i += adv;
    }
}

/*
 * feed_encoding.c - bytes of any encoding to UTF-8, the way the reference parser decides.
 *
 * Four encodings are in play: the one sniffed from a BOM or the first four bytes, the
 * one in the XML declaration, the HTTP charset, and the one RFC 3023 says wins given
 * the Content-Type (application/xml and application/ *+xml: charset, else declaration,
 * else UTF-8; text/xml and text/ *+xml: charset, else US-ASCII; other text/ *: charset,
 * else US-ASCII (and the feed is flagged: not an XML media type); no header: the
 * declaration, else UTF-8).  Candidates are tried in order (RFC 3023's, declared, BOM,
 * UTF-8, Windows-1252, ISO-8859-2) with iconv; the first that decodes the whole document
 * wins, and a winner other than the RFC 3023 choice flags the feed.  ISO-8859-1 is
 * decoded as Windows-1252 (what such documents almost always are), keeping the name.
 * The XML declaration is removed from the UTF-8 result so libxml2 reads it as UTF-8.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/utf8.h"
#include "feed/feed_encoding.h"

#include "core/banned.h"

static void lower_in_place(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* The iconv name of an encoding label as feeds (and Python's codec registry) spell it:
 * lower case, '_' and '-' alike, and a few aliases glibc does not know. */
static void iconv_name(const char *enc, char *out, size_t size)
{
    static const char *const alias[][2] = {
        {"cp-is", "IBM861"},
        {"csibm861", "IBM861"},
        {"ibm039", "IBM037"},
        {"ebcdic-cp-be", "IBM500"},
        {"ebcdic-cp-ch", "IBM500"},
        {"ebcdic-cp-ca", "IBM037"},
        {"ebcdic-cp-nl", "IBM037"},
        {"ebcdic-cp-us", "IBM037"},
        {"ebcdic-cp-wt", "IBM037"},
        {"maccentraleurope", "MAC-CENTRALEUROPE"},
        {"maclatin2", "MAC-CENTRALEUROPE"},
        {"maciceland", "MAC-IS"},
        {"macroman", "MACINTOSH"},
        {"mac-roman", "MACINTOSH"},
        {"x-mac-roman", "MACINTOSH"},
        {"cp65001", "UTF-8"},
        {"utf8", "UTF-8"},
        {"x-sjis", "SHIFT_JIS"},
        {"ks-c-5601-1987", "CP949"},
        {"windows-874", "CP874"},
    };
    size_t i = 0;
    for (; enc[i] && i + 1 < size; i++)
        out[i] = enc[i] == '_' ? '-' : (char)tolower((unsigned char)enc[i]);
    out[i] = 0;
    for (size_t k = 0; k < sizeof(alias) / sizeof(alias[0]); k++) {
        if (!strcmp(out, alias[k][0])) {
            snprintf(out, size, "%s", alias[k][1]);
            return;
        }
    }
}

unsigned feed_cp1252(unsigned char b)
{
    static const unsigned short c1[32] = {
        0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    return b >= 0x80 && b < 0xA0 ? c1[b - 0x80] : b;
}

/* Appends the UTF-8 of cp (U+0080..U+FFFF, not a surrogate). */
static void add_bmp(struct strbuf *out, unsigned cp)
{
    char u[3];
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        strbuf_add(out, u, 2);
    } else {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        strbuf_add(out, u, 3);
    }
}

/* Single-byte Mac encodings glibc's iconv lacks: the code points of bytes 0x80..0xFF
 * (bytes below are ASCII), from Python's mac_greek and mac_turkish codecs, which the
 * reference parser uses. */
static const struct {
    const char *name[3];
    unsigned short hi[128];
} mac_tables[] = {
    {{"macgreek", "mac-greek", "x-mac-greek"},
     {0x00C4, 0x00B9, 0x00B2, 0x00C9, 0x00B3, 0x00D6, 0x00DC, 0x0385, 0x00E0, 0x00E2, 0x00E4,
      0x0384, 0x00A8, 0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00A3, 0x2122, 0x00EE, 0x00EF,
      0x2022, 0x00BD, 0x2030, 0x00F4, 0x00F6, 0x00A6, 0x20AC, 0x00F9, 0x00FB, 0x00FC, 0x2020,
      0x0393, 0x0394, 0x0398, 0x039B, 0x039E, 0x03A0, 0x00DF, 0x00AE, 0x00A9, 0x03A3, 0x03AA,
      0x00A7, 0x2260, 0x00B0, 0x00B7, 0x0391, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x0392, 0x0395,
      0x0396, 0x0397, 0x0399, 0x039A, 0x039C, 0x03A6, 0x03AB, 0x03A8, 0x03A9, 0x03AC, 0x039D,
      0x00AC, 0x039F, 0x03A1, 0x2248, 0x03A4, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x03A5, 0x03A7,
      0x0386, 0x0388, 0x0153, 0x2013, 0x2015, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x0389,
      0x038A, 0x038C, 0x038E, 0x03AD, 0x03AE, 0x03AF, 0x03CC, 0x038F, 0x03CD, 0x03B1, 0x03B2,
      0x03C8, 0x03B4, 0x03B5, 0x03C6, 0x03B3, 0x03B7, 0x03B9, 0x03BE, 0x03BA, 0x03BB, 0x03BC,
      0x03BD, 0x03BF, 0x03C0, 0x03CE, 0x03C1, 0x03C3, 0x03C4, 0x03B8, 0x03C9, 0x03C2, 0x03C7,
      0x03C5, 0x03B6, 0x03CA, 0x03CB, 0x0390, 0x03B0, 0x00AD}},
    {{"macturkish", "mac-turkish", "x-mac-turkish"},
     {0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4,
      0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF,
      0x00F1, 0x00F3, 0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, 0x2020,
      0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4,
      0x00A8, 0x2260, 0x00C6, 0x00D8, 0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202,
      0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8, 0x00BF, 0x00A1,
      0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3,
      0x00D5, 0x0152, 0x0153, 0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
      0x00FF, 0x0178, 0x011E, 0x011F, 0x0130, 0x0131, 0x015E, 0x015F, 0x2021, 0x00B7, 0x201A,
      0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC,
      0x00D3, 0x00D4, 0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0xF8A0, 0x02C6, 0x02DC, 0x00AF,
      0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7}},
};

/* Decodes with one of mac_tables when enc names it: appends to out and returns 0;
 * returns 1 when enc is not one of them. */
static int table_decode(const char *enc, const char *in, size_t len, struct strbuf *out)
{
    for (size_t t = 0; t < sizeof(mac_tables) / sizeof(mac_tables[0]); t++) {
        for (int k = 0; k < 3; k++) {
            if (strcmp(enc, mac_tables[t].name[k]) != 0)
                continue;
            strbuf_grow(out, len + len / 2);
            for (size_t i = 0; i < len; i++) {
                unsigned char b = (unsigned char)in[i];
                if (b < 0x80) {
                    strbuf_addch(out, (char)b);
                    continue;
                }
                add_bmp(out, mac_tables[t].hi[b - 0x80]);
            }
            return 0;
        }
    }
    return 1;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when it is not one. */
static int utf8_seq(const unsigned char *p, const unsigned char *e)
{
    return (int)utf8_sequence_length(p, (size_t)(e - p));
}

/* A UTF-8 document with a few stray single-byte characters (Windows-1252 quotes pasted
 * into UTF-8 text): when it holds valid multi-byte sequences, decodes it as UTF-8 with
 * each invalid byte read as Windows-1252, appending to out, and returns 0; returns -1
 * (out untouched) for text with no multi-byte UTF-8 at all, which is some other encoding. */
static int utf8_mixed(const char *in, size_t len, struct strbuf *out)
{
    const unsigned char *p = (const unsigned char *)in, *e = p + len;
    size_t multi = 0;
    for (const unsigned char *q = p; q < e;) {
        int n = utf8_seq(q, e);
        multi += n > 1;
        q += n ? n : 1;
    }
    if (!multi)
        return -1;
    strbuf_grow(out, len + len / 8);
    while (p < e) {
        int n = utf8_seq(p, e);
        if (n) {
            strbuf_add(out, p, (size_t)n);
            p += n;
            continue;
        }
        add_bmp(out, feed_cp1252(*p));
        p++;
    }
    return 0;
}

/* Decodes in[0..len) from enc into UTF-8 appended to out; 0 on success, -1 when the
 * encoding is unknown or the bytes are invalid in it. */
static int try_decode(const char *enc_label, const char *in, size_t len, struct strbuf *out)
{
    char enc[64];
    iconv_name(enc_label, enc, sizeof(enc));
    const char *from = enc;
    if (strcasecmp(enc, "iso-8859-1") == 0 || strcasecmp(enc, "latin-1") == 0 ||
        strcasecmp(enc, "latin1") == 0 || strcasecmp(enc, "iso8859-1") == 0 ||
        strcasecmp(enc, "us-ascii") == 0 || strcasecmp(enc, "ascii") == 0)
        from = strcasecmp(enc, "us-ascii") == 0 || strcasecmp(enc, "ascii") == 0 ? "ASCII"
                                                                                 : "WINDOWS-1252";
    if (strcasecmp(from, "utf-8") == 0 || strcasecmp(from, "utf8") == 0) {
        /* validate: ASCII runs eight bytes at a time, the rest sequence by sequence */
        const unsigned char *p = (const unsigned char *)in, *e = p + len;
        while (p < e) {
            while (e - p >= 8) {
                uint64_t w;
                memcpy(&w, p, 8);
                if (w & 0x8080808080808080ull)
                    break;
                p += 8;
            }
            if (p >= e)
                break;
            int n = utf8_seq(p, e);
            if (!n)
                return -1;
            p += n;
        }
        if (out)
            strbuf_add(out, in, len);
        return 0;
    }
    if (out && table_decode(from, in, len, out) == 0)
        return 0;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        /* Unknown name: try the plain Windows code page spelling (cp1252 -> CP1252). */
        return -1;
    }
    size_t orig = out->len;
    char *src = (char *)in;
    size_t left = len;
    int rc = 0;
    while (left > 0) {
        strbuf_grow(out, left * 2 + 16);
        char *dst = out->buf + out->len;
        size_t room = out->alloc - out->len - 1;
        size_t r = iconv(cd, &src, &left, &dst, &room);
        out->len = (size_t)(dst - out->buf); /* strbuf_setlen only shrinks */
        out->buf[out->len] = 0;
        if (r == (size_t)-1 && errno != E2BIG) {
            rc = -1;
            break;
        }
    }
    iconv_close(cd);
    if (rc)
        strbuf_setlen(out, orig);
    return rc;
}

/* Finds encoding="..." in an XML declaration at the start of an ASCII-compatible buffer. */
static void xml_decl_encoding(const char *s, size_t len, char *enc, size_t encsize)
{
    enc[0] = 0;
    if (len < 5 || memcmp(s, "<?xml", 5) != 0)
        return;
    const char *end = memchr(s, '>', len < 512 ? len : 512);
    if (!end)
        return;
    for (const char *p = s; p + 9 < end; p++) {
        if (memcmp(p, "encoding", 8) != 0)
            continue;
        const char *q = p + 8;
        while (q < end && isspace((unsigned char)*q))
            q++;
        if (q >= end || *q != '=')
            return;
        q++;
        while (q < end && isspace((unsigned char)*q))
            q++;
        if (q >= end || (*q != '"' && *q != '\''))
            return;
        char quote = *q++;
        const char *v = q;
        while (q < end && *q != quote)
            q++;
        size_t n = (size_t)(q - v);
        if (n >= encsize)
            n = encsize - 1;
        memcpy(enc, v, n);
        enc[n] = 0;
        lower_in_place(enc);
        return;
    }
}

/* Parses "type/sub; charset=x" into lower-cased mime and charset (quotes removed). */
static void parse_content_type(const char *ct, char *mime, size_t msize, char *cs, size_t csize)
{
    mime[0] = cs[0] = 0;
    if (!ct)
        return;
    while (isspace((unsigned char)*ct))
        ct++;
    size_t n = strcspn(ct, ";");
    size_t k = n;
    while (k > 0 && isspace((unsigned char)ct[k - 1]))
        k--;
    if (k >= msize)
        k = msize - 1;
    memcpy(mime, ct, k);
    mime[k] = 0;
    lower_in_place(mime);
    const char *p = ct + n;
    while (*p == ';') {
        p++;
        while (isspace((unsigned char)*p))
            p++;
        size_t plen = strcspn(p, ";");
        const char *eq = memchr(p, '=', plen);
        if (eq) {
            size_t nl = (size_t)(eq - p);
            while (nl > 0 && isspace((unsigned char)p[nl - 1]))
                nl--;
            if (nl == 7 && strncasecmp(p, "charset", 7) == 0) {
                size_t j = 0;
                for (const char *v = eq + 1; v < p + plen && j + 1 < csize; v++)
                    if (*v != '\'' && *v != '"' && !isspace((unsigned char)*v))
                        cs[j++] = *v;
                cs[j] = 0;
                lower_in_place(cs);
            }
        }
        p += plen;
    }
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

void feed_to_utf8(const char *data, size_t len, const char *content_type, int have_headers,
                  struct feed_decoded *res)
{
    const unsigned char *u = (const unsigned char *)data;
    char bom[16] = "";
    size_t skip = 0;
    memset(res, 0, sizeof(*res));
    strbuf_init(&res->text, 0);
    if (len >= 4 && !memcmp(u, "\x00\x3c\x00\x3f", 4)) {
        snprintf(bom, sizeof(bom), "utf-16be");
    } else if (len >= 4 && !memcmp(u, "\xfe\xff", 2) && memcmp(u + 2, "\x00\x00", 2)) {
        snprintf(bom, sizeof(bom), "utf-16be");
        skip = 2;
    } else if (len >= 4 && !memcmp(u, "\x3c\x00\x3f\x00", 4)) {
        snprintf(bom, sizeof(bom), "utf-16le");
    } else if (len >= 4 && !memcmp(u, "\xff\xfe", 2) && memcmp(u + 2, "\x00\x00", 2)) {
        snprintf(bom, sizeof(bom), "utf-16le");
        skip = 2;
    } else if (len >= 4 && !memcmp(u, "\x00\x00\x00\x3c", 4)) {
        snprintf(bom, sizeof(bom), "utf-32be");
    } else if (len >= 4 && !memcmp(u, "\x3c\x00\x00\x00", 4)) {
        snprintf(bom, sizeof(bom), "utf-32le");
    } else if (len >= 4 && !memcmp(u, "\x00\x00\xfe\xff", 4)) {
        snprintf(bom, sizeof(bom), "utf-32be");
        skip = 4;
    } else if (len >= 4 && !memcmp(u, "\xff\xfe\x00\x00", 4)) {
        snprintf(bom, sizeof(bom), "utf-32le");
        skip = 4;
    } else if (len >= 4 && !memcmp(u, "\x4c\x6f\xa7\x94", 4)) {
        snprintf(bom, sizeof(bom), "ibm037"); /* EBCDIC "<?xm": only to read the declaration */
    } else if (len >= 3 && !memcmp(u, "\xef\xbb\xbf", 3)) {
        snprintf(bom, sizeof(bom), "utf-8");
        skip = 3;
    }
    data += skip;
    len -= skip;

    /* the declaration: decode a prefix when the document is not ASCII-compatible */
    char xml_enc[64] = "";
    if (bom[0] && strcmp(bom, "utf-8") != 0) {
        struct strbuf head = STRBUF_INIT;
        size_t n = len < 1024 ? len : 1024;
        n -= n % 4;
        if (try_decode(bom, data, n, &head) == 0)
            xml_decl_encoding(head.buf, head.len, xml_enc, sizeof(xml_enc));
        strbuf_release(&head);
        static const char *const generic[] = {
            "u16",   "utf-16", "utf16",           "utf_16",          "u32",    "utf-32",
            "utf32", "utf_32", "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode",
            "ucs-2", "ucs-4"};
        for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
            if (strcmp(xml_enc, generic[i]) == 0)
                snprintf(xml_enc, sizeof(xml_enc), "%s", bom);
        if (!strcmp(bom, "ibm037"))
            bom[0] = 0; /* EBCDIC has no byte-order mark: the declaration decides */
    } else {
        xml_decl_encoding(data, len, xml_enc, sizeof(xml_enc));
    }

    char mime[128], charset[64];
    parse_content_type(content_type, mime, sizeof(mime), charset, sizeof(charset));
    char rfc[64];
    int acceptable = 0;
    if (!strcmp(mime, "application/xml") || !strcmp(mime, "application/xml-dtd") ||
        !strcmp(mime, "application/xml-external-parsed-entity") ||
        (!strncmp(mime, "application/", 12) && ends_with(mime, "+xml"))) {
        acceptable = 1;
        snprintf(rfc, sizeof(rfc), "%s", charset[0] ? charset : xml_enc[0] ? xml_enc : "utf-8");
    } else if (!strcmp(mime, "text/xml") || !strcmp(mime, "text/xml-external-parsed-entity") ||
               (!strncmp(mime, "text/", 5) && ends_with(mime, "+xml"))) {
        acceptable = 1;
        snprintf(rfc, sizeof(rfc), "%s", charset[0] ? charset : "us-ascii");
    } else if (!strcmp(mime, "application/json") || !strcmp(mime, "application/feed+json")) {
        acceptable = 1;
        snprintf(rfc, sizeof(rfc), "%s", charset[0] ? charset : "utf-8");
    } else if (!strncmp(mime, "text/", 5)) {
        snprintf(rfc, sizeof(rfc), "%s", charset[0] ? charset : "us-ascii");
    } else if (have_headers && !content_type) {
        snprintf(rfc, sizeof(rfc), "%s", xml_enc[0] ? xml_enc : "iso-8859-1");
    } else {
        snprintf(rfc, sizeof(rfc), "%s", xml_enc[0] ? xml_enc : bom[0] ? bom : "utf-8");
    }
    if (!strcmp(rfc, "gb2312"))
        snprintf(rfc, sizeof(rfc), "gb18030");
    if (!strcmp(xml_enc, "gb2312"))
        snprintf(xml_enc, sizeof(xml_enc), "gb18030");
    if (have_headers && content_type && !acceptable)
        res->problem = "the Content-Type is not an XML media type";

    const char *cands[] = {rfc, xml_enc, bom, "utf-8", "windows-1252", "iso-8859-2"};
    const char *used = NULL;
    for (size_t i = 0; i < sizeof(cands) / sizeof(cands[0]); i++) {
        if (!cands[i][0])
            continue;
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            if (!strcmp(cands[j], cands[i]))
                seen = 1;
        if (seen)
            continue;
        /* UTF-8 is validated in place, not copied */
        char canon[64];
        iconv_name(cands[i], canon, sizeof(canon));
        int is_utf8 = !strcasecmp(canon, "utf-8");
        if (try_decode(cands[i], data, len, is_utf8 ? NULL : &res->text) == 0) {
            used = cands[i];
            if (is_utf8) {
                res->utf8 = data;
                res->len = len;
            } else {
                res->utf8 = res->text.buf;
                res->len = res->text.len;
            }
            break;
        }
        if (is_utf8 && utf8_mixed(data, len, &res->text) == 0) {
            used = cands[i];
            res->utf8 = res->text.buf;
            res->len = res->text.len;
            res->problem = "invalid UTF-8 bytes read as Windows-1252";
            break;
        }
    }
    if (!used) {
        /* cannot happen (windows-1252 accepts nearly everything); keep ASCII bytes */
        for (size_t i = 0; i < len; i++)
            if ((unsigned char)data[i] < 0x80)
                strbuf_addch(&res->text, data[i]);
        res->utf8 = res->text.buf;
        res->len = res->text.len;
        used = "us-ascii";
        res->problem = "the character encoding could not be determined";
    } else if (strcmp(used, rfc) != 0 && !res->problem) {
        res->problem = "the document's declared encoding is wrong; decoded differently";
    }
    snprintf(res->encoding, sizeof(res->encoding), "%s", used);

    /* skip the XML declaration: the text is UTF-8 now */
    const char *t = res->utf8;
    if (res->len >= 6 && memcmp(t, "<?xml", 5) == 0 &&
        (isspace((unsigned char)t[5]) || t[5] == '?')) {
        const char *end = memmem(t, res->len, "?>", 2);
        if (end) {
            size_t cut = (size_t)(end + 2 - t);
            res->utf8 += cut;
            res->len -= cut;
        }
    }
}

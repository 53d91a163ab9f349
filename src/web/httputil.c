/*
 * httputil.c - see httputil.h.
 */
#include "web/httputil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/date.h"

#include "core/banned.h"

static const char *skip_ows(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Parses the q of one element "coding;q=0.5" between p and end; returns 0 when q=0. */
static int q_nonzero(const char *p, const char *end)
{
    const char *q;
    for (q = p; q < end; q++) {
        if (*q == ';') {
            const char *r = skip_ows(q + 1);
            if ((r[0] == 'q' || r[0] == 'Q') && r[1] == '=') {
                r += 2;
                /* q=0, q=0.0, q=0.000 mean "not acceptable" */
                if (*r == '0') {
                    r++;
                    if (*r == '.')
                        r++;
                    while (r < end && *r == '0')
                        r++;
                    return !(r >= end || *r == ' ' || *r == ';' || *r == ',' || *r == '\t');
                }
                return 1;
            }
        }
    }
    return 1;
}

int web_accepts_gzip(const char *ae)
{
    const char *p = ae, *end, *tok_end;
    if (!ae)
        return 0;
    while (*p) {
        p = skip_ows(p);
        end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        tok_end = p;
        while (tok_end < end && *tok_end != ';' && *tok_end != ' ' && *tok_end != '\t')
            tok_end++;
        if (((size_t)(tok_end - p) == 4 && strncasecmp(p, "gzip", 4) == 0) ||
            ((size_t)(tok_end - p) == 6 && strncasecmp(p, "x-gzip", 6) == 0) ||
            ((size_t)(tok_end - p) == 1 && *p == '*')) {
            if (q_nonzero(tok_end, end))
                return 1;
        }
        p = *end ? end + 1 : end;
    }
    return 0;
}

herald_status web_gzip(const void *data, size_t len, struct strbuf *out)
{
    z_stream zs;
    size_t bound, start = out->len;
    int zrc;

    memset(&zs, 0, sizeof(zs));
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return HERALD_E_INTERNAL;
    bound = deflateBound(&zs, (uLong)len) + 32;
    strbuf_grow(out, bound);
    zs.next_in = (Bytef *)(uintptr_t)data;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)out->buf + start;
    zs.avail_out = (uInt)bound;
    zrc = deflate(&zs, Z_FINISH);
    if (zrc != Z_STREAM_END) {
        deflateEnd(&zs);
        return HERALD_E_INTERNAL;
    }
    out->len = start + zs.total_out; /* strbuf_setlen only shrinks */
    out->buf[out->len] = '\0';
    deflateEnd(&zs);
    return HERALD_OK;
}

char *web_etag(const void *data, size_t len, int gzip, char buf[WEB_ETAG_LEN])
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    snprintf(buf, WEB_ETAG_LEN, "\"%016llx%s\"", (unsigned long long)h, gzip ? "-gz" : "");
    return buf;
}

/* The opaque part of a tag: without W/, quotes and a -gz suffix. */
static void tag_core(const char *p, size_t n, const char **cp, size_t *cn)
{
    if (n >= 2 && p[0] == 'W' && p[1] == '/') {
        p += 2;
        n -= 2;
    }
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
        p++;
        n -= 2;
    }
    if (n >= 3 && memcmp(p + n - 3, "-gz", 3) == 0)
        n -= 3;
    *cp = p;
    *cn = n;
}

int web_etag_match(const char *inm, const char *etag)
{
    const char *p = inm, *end, *ec, *c;
    size_t en, n, cn;
    if (!inm || !etag)
        return 0;
    tag_core(etag, strlen(etag), &ec, &en);
    while (*p) {
        p = skip_ows(p);
        end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        n = (size_t)(end - p);
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n == 1 && p[0] == '*')
            return 1;
        tag_core(p, n, &c, &cn);
        if (cn == en && memcmp(c, ec, en) == 0)
            return 1;
        p = *end ? end + 1 : end;
    }
    return 0;
}

/* The shape of an IMF-fixdate is checked here (the HTTP rule); the date itself by the
 * project's one date parser (core/date.h). */
herald_status web_http_date_parse(const char *s, int64_t *out)
{
    static const char shape[] = "aaa, dd aaa dddd dd:dd:dd GMT";
    int64_t t;

    if (!s || strlen(s) != sizeof(shape) - 1)
        return HERALD_E_PARSE;
    for (size_t i = 0; shape[i]; i++) {
        int ok = shape[i] == 'd'   ? s[i] >= '0' && s[i] <= '9'
                 : shape[i] == 'a' ? (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')
                                   : s[i] == shape[i];
        if (!ok)
            return HERALD_E_PARSE;
    }
    if (date_parse_as(DATE_RFC822, s, &t) != HERALD_OK)
        return HERALD_E_PARSE;
    *out = t;
    return HERALD_OK;
}

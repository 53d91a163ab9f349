/*
 * httputil.c - see httputil.h.
 */
#include "web/httputil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <brotli/encode.h>
#include <libdeflate.h>

#include "core/alloc.h"
#include "core/date.h"

#include "core/banned.h"

static const char *skip_ows(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* The q of one element "coding;q=0.5" between p and end, in thousandths (1000 when the
 * element has no q; a malformed q counts as 1000, as before, rather than refusing). */
static int element_q(const char *p, const char *end)
{
    for (const char *q = p; q < end; q++) {
        if (*q != ';')
            continue;
        const char *r = skip_ows(q + 1);
        if ((r[0] == 'q' || r[0] == 'Q') && r[1] == '=') {
            int v = 0, scale = 1000;
            r += 2;
            if (r < end && *r == '1')
                return 1000;
            if (r >= end || *r != '0')
                return 1000;
            r++;
            if (r < end && *r == '.')
                for (r++; r < end && *r >= '0' && *r <= '9' && scale > 1; r++) {
                    scale /= 10;
                    v += (*r - '0') * scale;
                }
            return v;
        }
    }
    return 1000;
}

/* The q (thousandths) the header gives each coding we send, -1 for one not named, and
 * that of "*" (-1 when absent). */
struct accept_q {
    int q[3];
    int star;
};

static void parse_accept(const char *ae, struct accept_q *out)
{
    static const struct {
        const char *name;
        size_t len;
        enum web_encoding enc;
    } names[] = {
        {"identity", 8, WEB_ENC_IDENTITY},
        {"gzip", 4, WEB_ENC_GZIP},
        {"x-gzip", 6, WEB_ENC_GZIP},
        {"br", 2, WEB_ENC_BR},
    };
    const char *p = ae, *end, *tok_end;
    out->q[0] = out->q[1] = out->q[2] = out->star = -1;
    if (!ae)
        return;
    while (*p) {
        size_t n;
        int q;
        p = skip_ows(p);
        end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        tok_end = p;
        while (tok_end < end && *tok_end != ';' && *tok_end != ' ' && *tok_end != '\t')
            tok_end++;
        n = (size_t)(tok_end - p);
        q = element_q(tok_end, end);
        if (n == 1 && *p == '*')
            out->star = q > out->star ? q : out->star;
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
            if (n == names[i].len && strncasecmp(p, names[i].name, n) == 0 &&
                q > out->q[names[i].enc])
                out->q[names[i].enc] = q;
        p = *end ? end + 1 : end;
    }
}

enum web_encoding web_accept_encoding(const char *ae)
{
    struct accept_q a;
    enum web_encoding best = WEB_ENC_IDENTITY;
    int best_q = 0;
    parse_accept(ae, &a);
    /* a coding not named takes the q of "*"; identity is acceptable unless excluded */
    for (int e = 0; e < 3; e++)
        if (a.q[e] < 0)
            a.q[e] = e == WEB_ENC_IDENTITY ? (a.star >= 0 ? a.star : 1) : a.star;
    /* gzip, then br, then identity: the first with the highest q (gzip first: see the
     * settings above) */
    static const enum web_encoding order[] = {WEB_ENC_GZIP, WEB_ENC_BR, WEB_ENC_IDENTITY};
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
        if (a.q[order[i]] > best_q) {
            best_q = a.q[order[i]];
            best = order[i];
        }
    return best;
}

const char *web_encoding_name(enum web_encoding e)
{
    return e == WEB_ENC_GZIP ? "gzip" : e == WEB_ENC_BR ? "br" : NULL;
}

/*
 * Fast settings: a page is compressed once when it is rendered, and a first view pays for
 * it.  gzip comes from libdeflate at level 1 with one compressor per thread (made once,
 * reused for every body: no allocation per page); brotli from libbrotlienc at quality 1
 * (its one-shot encoder allocates its tables for each body).  Over 2,000 article pages of
 * the generated archive (10 KB; bench/web/bench_web_compress): libdeflate level 1 made
 * 3,522 bytes in 39 us a page, brotli quality 1 3,837 bytes in 111 us; zlib level 1 took
 * 35-900 us (a fresh stream's 270 KB of buffers, which glibc often hands out as new
 * mappings, page-faulted in for every body).  So gzip is preferred over brotli when a
 * client takes both (web_accept_encoding); see docs/web.md.
 */
#define GZIP_LEVEL 1
#define BROTLI_QUALITY 1
#define BROTLI_WINDOW 18

/* This thread's gzip compressor, freed when the thread exits. */
static pthread_key_t gzip_key;
static pthread_once_t gzip_once = PTHREAD_ONCE_INIT;

static void gzip_compressor_free(void *p)
{
    libdeflate_free_compressor(p);
}

static void gzip_key_make(void)
{
    if (pthread_key_create(&gzip_key, gzip_compressor_free) != 0)
        abort(); /* only when the process is out of keys at startup */
}

static struct libdeflate_compressor *gzip_compressor(void)
{
    struct libdeflate_compressor *c;
    pthread_once(&gzip_once, gzip_key_make);
    c = pthread_getspecific(gzip_key);
    if (c)
        return c;
    c = libdeflate_alloc_compressor(GZIP_LEVEL);
    if (c && pthread_setspecific(gzip_key, c) != 0) {
        libdeflate_free_compressor(c);
        c = NULL;
    }
    return c;
}

herald_status web_gzip(const void *data, size_t len, struct strbuf *out)
{
    struct libdeflate_compressor *c = gzip_compressor();
    size_t bound, start = out->len, n;

    if (!c)
        return HERALD_E_INTERNAL;
    bound = libdeflate_gzip_compress_bound(c, len);
    strbuf_grow(out, bound);
    n = libdeflate_gzip_compress(c, data, len, out->buf + start, bound);
    if (n == 0)
        return HERALD_E_INTERNAL;
    out->len = start + n; /* strbuf_setlen only shrinks */
    out->buf[out->len] = '\0';
    return HERALD_OK;
}

herald_status web_brotli(const void *data, size_t len, struct strbuf *out)
{
    size_t bound = BrotliEncoderMaxCompressedSize(len), start = out->len, n;
    if (bound == 0)
        return HERALD_E_INTERNAL;
    strbuf_grow(out, bound);
    n = bound;
    if (!BrotliEncoderCompress(BROTLI_QUALITY, BROTLI_WINDOW, BROTLI_MODE_TEXT, len,
                               (const uint8_t *)data, &n, (uint8_t *)out->buf + start))
        return HERALD_E_INTERNAL;
    out->len = start + n;
    out->buf[out->len] = '\0';
    return HERALD_OK;
}

herald_status web_compress(enum web_encoding e, const void *data, size_t len, struct strbuf *out)
{
    if (e == WEB_ENC_GZIP)
        return web_gzip(data, len, out);
    if (e == WEB_ENC_BR)
        return web_brotli(data, len, out);
    return HERALD_E_INVALID;
}

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

/* Eight bytes per step (a multiply and a rotate each), then a final avalanche: several
 * times faster than a byte-at-a-time FNV over a page, and as good for telling two
 * versions of a page apart. */
uint64_t web_hash64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)len * 0xff51afd7ed558ccdULL), w;
    for (; len >= 8; p += 8, len -= 8) {
        memcpy(&w, p, 8);
        w *= 0x87c37b91114253d5ULL;
        w = (w << 31) | (w >> 33);
        h ^= w * 0x4cf5ad432745937fULL;
        h = ((h << 27) | (h >> 37)) * 5 + 0x52dce729;
    }
    w = 0;
    memcpy(&w, p, len);
    h ^= w * 0x87c37b91114253d5ULL;
    return mix64(h);
}

char *web_etag(const void *data, size_t len, enum web_encoding enc, char buf[WEB_ETAG_LEN])
{
    snprintf(buf, WEB_ETAG_LEN, "\"%016llx%s\"", (unsigned long long)web_hash64(data, len),
             enc == WEB_ENC_GZIP ? "-gz"
             : enc == WEB_ENC_BR ? "-br"
                                 : "");
    return buf;
}

/* The opaque part of a tag: without W/, quotes and a -gz or -br suffix. */
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
    if (n >= 3 && (memcmp(p + n - 3, "-gz", 3) == 0 || memcmp(p + n - 3, "-br", 3) == 0))
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

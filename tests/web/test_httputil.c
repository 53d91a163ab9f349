/* test_httputil.c - content-coding negotiation, gzip and brotli output, ETags, conditional
 * matching, HTTP dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <brotli/decode.h>
#include <zlib.h>

#include "core/strbuf.h"
#include "core/timeutil.h"
#include "web/httputil.h"

static void test_accept_encoding(void **state)
{
    (void)state;
    /* gzip alone, in its spellings and with a q above 0 */
    assert_int_equal(web_accept_encoding("gzip"), WEB_ENC_GZIP);
    assert_int_equal(web_accept_encoding("x-gzip"), WEB_ENC_GZIP);
    assert_int_equal(web_accept_encoding("deflate, gzip ; q=0.1"), WEB_ENC_GZIP);
    assert_int_equal(web_accept_encoding("gzip;q=0.01"), WEB_ENC_GZIP);
    /* gzip preferred when accepted as well as br; a higher q wins over the preference */
    assert_int_equal(web_accept_encoding("gzip, deflate, br"), WEB_ENC_GZIP);
    assert_int_equal(web_accept_encoding("br;q=1.0, GZIP;q=0.5"), WEB_ENC_BR);
    assert_int_equal(web_accept_encoding("br;q=0.5, gzip"), WEB_ENC_GZIP);
    assert_int_equal(web_accept_encoding("deflate, br"), WEB_ENC_BR);
    assert_int_equal(web_accept_encoding("*"), WEB_ENC_GZIP);
    assert_int_equal(web_accept_encoding("gzip;q=0, *"), WEB_ENC_BR);
    assert_int_equal(web_accept_encoding("br;q=0, *"), WEB_ENC_GZIP);
    /* q=0 excludes a coding, however it is written */
    assert_int_equal(web_accept_encoding("gzip;q=0"), WEB_ENC_IDENTITY);
    assert_int_equal(web_accept_encoding("gzip;q=0.000, br;q=0"), WEB_ENC_IDENTITY);
    assert_int_equal(web_accept_encoding("br;Q=0.0, gzip;q=0.3"), WEB_ENC_GZIP);
    /* identity when nothing else is acceptable, even if identity itself is refused */
    assert_int_equal(web_accept_encoding(NULL), WEB_ENC_IDENTITY);
    assert_int_equal(web_accept_encoding(""), WEB_ENC_IDENTITY);
    assert_int_equal(web_accept_encoding("identity"), WEB_ENC_IDENTITY);
    assert_int_equal(web_accept_encoding("gzipped, brotli"), WEB_ENC_IDENTITY);
    assert_int_equal(web_accept_encoding("identity;q=0"), WEB_ENC_IDENTITY);
    assert_int_equal(web_accept_encoding("identity;q=0.5, gzip;q=0.6"), WEB_ENC_GZIP);
    assert_int_equal(web_accept_encoding("gzip;q=0.4, identity;q=0.5"), WEB_ENC_IDENTITY);
    assert_string_equal(web_encoding_name(WEB_ENC_GZIP), "gzip");
    assert_string_equal(web_encoding_name(WEB_ENC_BR), "br");
    assert_null(web_encoding_name(WEB_ENC_IDENTITY));
}

static void test_brotli_roundtrip(void **state)
{
    struct strbuf in = STRBUF_INIT, br = STRBUF_INIT;
    static uint8_t out[70000];
    size_t n = sizeof(out);
    (void)state;
    for (int i = 0; i < 2000; i++)
        strbuf_addf(&in, "<p>line %d of a page</p>\n", i);
    assert_int_equal(web_compress(WEB_ENC_BR, in.buf, in.len, &br), HERALD_OK);
    assert_true(br.len < in.len / 3);
    assert_int_equal(BrotliDecoderDecompress(br.len, (const uint8_t *)br.buf, &n, out),
                     BROTLI_DECODER_RESULT_SUCCESS);
    assert_int_equal(n, in.len);
    assert_memory_equal(out, in.buf, in.len);
    assert_int_equal(web_compress(WEB_ENC_IDENTITY, in.buf, in.len, &br), HERALD_E_INVALID);
    strbuf_release(&in);
    strbuf_release(&br);
}

static void test_gzip_roundtrip(void **state)
{
    struct strbuf in = STRBUF_INIT, gz = STRBUF_INIT;
    unsigned char out[70000];
    z_stream zs;
    (void)state;
    for (int i = 0; i < 2000; i++)
        strbuf_addf(&in, "<p>line %d of a page</p>\n", i);
    assert_int_equal(web_gzip(in.buf, in.len, &gz), HERALD_OK);
    assert_true(gz.len < in.len / 3);
    assert_int_equal((unsigned char)gz.buf[0], 0x1f); /* gzip magic */
    assert_int_equal((unsigned char)gz.buf[1], 0x8b);
    memset(&zs, 0, sizeof(zs));
    assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
    zs.next_in = (Bytef *)gz.buf;
    zs.avail_in = (uInt)gz.len;
    zs.next_out = out;
    zs.avail_out = sizeof(out);
    assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
    assert_int_equal(zs.total_out, in.len);
    assert_memory_equal(out, in.buf, in.len);
    inflateEnd(&zs);
    strbuf_release(&in);
    strbuf_release(&gz);
}

static void test_etag(void **state)
{
    char a[WEB_ETAG_LEN], b[WEB_ETAG_LEN], c[WEB_ETAG_LEN];
    (void)state;
    web_etag("hello", 5, 0, a);
    web_etag("hello", 5, 1, b);
    web_etag("hellp", 5, 0, c);
    assert_int_equal(strlen(a), 18);
    assert_true(a[0] == '"' && a[17] == '"');
    assert_int_equal(strlen(b), 21);
    assert_string_equal(b + 17, "-gz\"");
    assert_memory_equal(a, b, 17);
    assert_string_not_equal(a, c);
    assert_true(web_etag_match(a, a));
    assert_true(web_etag_match(b, a)); /* same content, other coding */
    assert_true(web_etag_match(a, b));
    assert_true(web_etag_match("*", a));
    assert_false(web_etag_match(c, a));
    assert_false(web_etag_match(NULL, a));
    assert_false(web_etag_match("", a));
    {
        char list[128];
        snprintf(list, sizeof(list), "\"x\", W/%s , %s", a, c);
        assert_true(web_etag_match(list, a));
        assert_true(web_etag_match(list, c));
        assert_false(web_etag_match("\"x\", \"y\"", a));
    }
}

static void test_http_date(void **state)
{
    int64_t t;
    char buf[TIME_HTTP_LEN];
    (void)state;
    assert_int_equal(web_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT", &t), HERALD_OK);
    assert_int_equal(t, 784111777);
    time_format_http(1764100000, buf);
    assert_int_equal(web_http_date_parse(buf, &t), HERALD_OK);
    assert_int_equal(t, 1764100000);
    assert_int_equal(web_http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse("Sun Nov  6 08:49:37 1994", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse("Sun, 06 Xyz 1994 08:49:37 GMT", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse("Sun, 06 Nov 1994 28:49:37 GMT", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse("Sun, 0a Nov 1994 08:49:37 GMT", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse("Sat, 31 Feb 2026 08:49:37 GMT", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse("Sun, 06 Nov 1994 08:49:37 EST", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT ", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse("", &t), HERALD_E_PARSE);
    assert_int_equal(web_http_date_parse(NULL, &t), HERALD_E_PARSE);
}

/* Random header values never crash the parsers (ASan watches). */
static void test_random_headers(void **state)
{
    unsigned long long x = 0x2545f4914f6cdd1dULL;
    char buf[64];
    int64_t t;
    (void)state;
    for (int i = 0; i < 20000; i++) {
        size_t n;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        n = x % sizeof(buf);
        for (size_t k = 0; k < n; k++) {
            static const char alpha[] = "gzip;q=0.1, *\"W/-x \t:GMTNov0123456789";
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            buf[k] = (i % 2) ? alpha[x % (sizeof(alpha) - 1)] : (char)((x & 0xfe) + 1);
        }
        buf[n] = '\0';
        (void)web_accept_encoding(buf);
        web_etag_match(buf, "\"0123456789abcdef\"");
        if (web_http_date_parse(buf, &t) == HERALD_OK)
            assert_int_equal(strlen(buf), 29); /* only the IMF-fixdate shape parses */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accept_encoding), cmocka_unit_test(test_brotli_roundtrip),
        cmocka_unit_test(test_gzip_roundtrip),  cmocka_unit_test(test_etag),
        cmocka_unit_test(test_http_date),       cmocka_unit_test(test_random_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

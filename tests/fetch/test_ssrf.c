/* test_ssrf.c - the SSRF policy: every refused address class, URL spellings, allowlist. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch/ssrf.h"

/* Checks the textual address a (IPv4 or IPv6) as a connect address for host. */
static herald_status check_addr(const ssrf_policy *p, const char *host, const char *a, char *why,
                                size_t whylen)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof(ss));
    struct sockaddr_in *in = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, a, &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
    } else {
        assert_int_equal(inet_pton(AF_INET6, a, &in6->sin6_addr), 1);
        in6->sin6_family = AF_INET6;
    }
    return ssrf_check_addr(p, host, (struct sockaddr *)&ss, why, whylen);
}

static void expect_addr(const ssrf_policy *p, const char *a, herald_status want)
{
    char why[256] = "";
    herald_status rc = check_addr(p, NULL, a, why, sizeof(why));
    if (rc != want)
        fail_msg("address %s: got %d want %d (%s)", a, rc, want, why);
    if (want == HERALD_E_DENIED) {
        assert_non_null(strstr(why, "refused by the SSRF policy"));
    }
}

static void expect_url(const ssrf_policy *p, const char *url, bool allow_file, herald_status want)
{
    char why[256] = "";
    herald_status rc = ssrf_check_url(p, url, allow_file, why, sizeof(why));
    if (rc != want)
        fail_msg("url %s: got %d want %d (%s)", url ? url : "(null)", rc, want, why);
    if (want != HERALD_OK)
        assert_true(why[0] != '\0');
}

static void test_ipv4_classes(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "0.0.0.0",         "0.1.2.3",         "10.0.0.1",        "10.255.255.255",
        "100.64.0.1",      "100.127.255.254", "127.0.0.1",       "127.255.255.254",
        "169.254.0.1",     "169.254.169.254", "172.16.0.1",      "172.31.255.255",
        "192.0.0.8",       "192.0.2.1",       "192.88.99.1",     "192.168.0.1",
        "192.168.255.255", "198.18.0.1",      "198.19.255.255",  "198.51.100.7",
        "203.0.113.9",     "224.0.0.1",       "239.255.255.250", "240.0.0.1",
        "255.255.255.255",
    };
    static const char *const allowed[] = {
        "1.1.1.1",        "8.8.8.8",         "93.184.216.34",   "100.63.255.255",  "100.128.0.1",
        "172.15.255.255", "172.32.0.1",      "169.253.255.255", "192.169.0.1",     "198.17.255.255",
        "198.20.0.1",     "223.255.255.255", "11.0.0.1",        "126.255.255.255", "128.0.0.1",
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        expect_addr(NULL, refused[i], HERALD_E_DENIED);
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
        expect_addr(NULL, allowed[i], HERALD_OK);
}

static void test_ipv4_class_names(void **state)
{
    (void)state;
    unsigned char a[4];
    inet_pton(AF_INET, "169.254.169.254", a);
    assert_non_null(strstr(ssrf_classify(AF_INET, a), "metadata"));
    inet_pton(AF_INET, "127.0.0.1", a);
    assert_string_equal(ssrf_classify(AF_INET, a), "loopback");
    inet_pton(AF_INET, "100.64.1.1", a);
    assert_non_null(strstr(ssrf_classify(AF_INET, a), "carrier-grade"));
    inet_pton(AF_INET, "192.168.1.1", a);
    assert_non_null(strstr(ssrf_classify(AF_INET, a), "1918"));
    inet_pton(AF_INET, "8.8.4.4", a);
    assert_null(ssrf_classify(AF_INET, a));
}

static void test_ipv6_classes(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "::",
        "::1",
        "::ffff:127.0.0.1", /* IPv4-mapped loopback */
        "::ffff:8.8.8.8",   /* IPv4-mapped: always refused, use the IPv4 form */
        "::ffff:169.254.169.254",
        "::ffff:0:10.0.0.1",  /* IPv4-translated */
        "::127.0.0.1",        /* IPv4-compatible */
        "64:ff9b::7f00:1",    /* NAT64 of 127.0.0.1 */
        "64:ff9b::a9fe:a9fe", /* NAT64 of 169.254.169.254 */
        "64:ff9b:1::1",       /* NAT64 local use */
        "100::1",
        "2001::1",   /* Teredo */
        "2001:2::1", /* benchmarking */
        "2001:db8::1",
        "3fff::1",
        "2002:7f00:1::1",   /* 6to4 of 127.0.0.1 */
        "2002:c0a8:101::1", /* 6to4 of 192.168.1.1 */
        "fc00::1",
        "fd12:3456:789a::1",
        "fe80::1",
        "febf:ffff::1",
        "fec0::1",
        "ff02::1",
        "ff05::2",
    };
    static const char *const allowed[] = {
        "2606:4700:4700::1111", "2a00:1450:4001:81b::200e",
        "64:ff9b::808:808", /* NAT64 of 8.8.8.8 */
        "2002:808:808::1",  /* 6to4 of 8.8.8.8 */
        "2400:cb00::1",
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        expect_addr(NULL, refused[i], HERALD_E_DENIED);
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
        expect_addr(NULL, allowed[i], HERALD_OK);
}

static void test_other_family(void **state)
{
    (void)state;
    struct sockaddr sa;
    char why[128] = "";
    memset(&sa, 0, sizeof(sa));
    sa.sa_family = AF_UNIX;
    assert_int_equal(ssrf_check_addr(NULL, NULL, &sa, why, sizeof(why)), HERALD_E_DENIED);
    assert_int_equal(ssrf_check_addr(NULL, NULL, NULL, why, sizeof(why)), HERALD_E_DENIED);
}

static void test_allowlist_cidr(void **state)
{
    (void)state;
    const char *allow[] = {"127.0.0.1", "10.1.0.0/16", "fd00::/8"};
    ssrf_policy *p = NULL;
    assert_int_equal(ssrf_policy_new(allow, 3, &p), HERALD_OK);
    expect_addr(p, "127.0.0.1", HERALD_OK);
    expect_addr(p, "127.0.0.2", HERALD_E_DENIED);
    expect_addr(p, "10.1.200.3", HERALD_OK);
    expect_addr(p, "10.2.0.1", HERALD_E_DENIED);
    expect_addr(p, "fd00::5", HERALD_OK);
    expect_addr(p, "fc00::5", HERALD_E_DENIED);
    /* the mapped form of an allowlisted IPv4 address stays refused */
    expect_addr(p, "::ffff:127.0.0.1", HERALD_E_DENIED);
    /* public addresses stay allowed */
    expect_addr(p, "8.8.8.8", HERALD_OK);
    expect_url(p, "http://127.0.0.1:8080/feed", false, HERALD_OK);
    expect_url(p, "http://10.1.2.3/feed", false, HERALD_OK);
    expect_url(p, "http://[fd00::1]:81/", false, HERALD_OK);
    expect_url(p, "http://127.0.0.2/", false, HERALD_E_DENIED);
    /* unusual spellings are refused even when they name an allowlisted address */
    expect_url(p, "http://0177.0.0.1/", false, HERALD_E_DENIED);
    expect_url(p, "http://2130706433/", false, HERALD_E_DENIED);
    ssrf_policy_free(p);
}

static void test_allowlist_names(void **state)
{
    (void)state;
    const char *allow[] = {"intranet.example", "*.corp.example", "localhost"};
    ssrf_policy *p = NULL;
    char why[256];
    assert_int_equal(ssrf_policy_new(allow, 3, &p), HERALD_OK);
    assert_true(ssrf_host_allowed(p, "intranet.example"));
    assert_true(ssrf_host_allowed(p, "INTRANET.Example."));
    assert_true(ssrf_host_allowed(p, "a.corp.example"));
    assert_true(ssrf_host_allowed(p, "b.a.corp.example"));
    assert_false(ssrf_host_allowed(p, "corp.example"));
    assert_false(ssrf_host_allowed(p, "xcorp.example"));
    assert_false(ssrf_host_allowed(p, "intranet.example.evil"));
    assert_false(ssrf_host_allowed(NULL, "intranet.example"));
    /* a name entry allows whatever the name resolves to ... */
    assert_int_equal(check_addr(p, "intranet.example", "10.0.0.5", why, sizeof(why)), HERALD_OK);
    /* ... but only for that name */
    assert_int_equal(check_addr(p, "other.example", "10.0.0.5", why, sizeof(why)), HERALD_E_DENIED);
    assert_int_equal(check_addr(NULL, "intranet.example", "10.0.0.5", why, sizeof(why)),
                     HERALD_E_DENIED);
    expect_url(p, "http://localhost:8080/", false, HERALD_OK);
    ssrf_policy_free(p);
}

static void test_allowlist_invalid(void **state)
{
    (void)state;
    ssrf_policy *p = NULL;
    const char *bad1[] = {"10.0.0.0/33"};
    const char *bad2[] = {"300.1.1.1"};
    const char *bad3[] = {"fd00::/x"};
    assert_int_equal(ssrf_policy_new(bad1, 1, &p), HERALD_E_INVALID);
    assert_int_equal(ssrf_policy_new(bad2, 1, &p), HERALD_E_INVALID);
    assert_int_equal(ssrf_policy_new(bad3, 1, &p), HERALD_E_INVALID);
    assert_null(p);
    assert_int_equal(ssrf_policy_new(NULL, 0, &p), HERALD_OK);
    assert_non_null(p);
    ssrf_policy_free(p);
    ssrf_policy_free(NULL);
}

static void test_url_schemes(void **state)
{
    (void)state;
    expect_url(NULL, "http://example.com/feed.xml", false, HERALD_OK);
    expect_url(NULL, "HTTPS://Example.COM/feed.xml", false, HERALD_OK);
    expect_url(NULL, "file:///etc/passwd", false, HERALD_E_DENIED);
    expect_url(NULL, "file:///tmp/feed.xml", true, HERALD_OK);
    expect_url(NULL, "gopher://example.com/", false, HERALD_E_DENIED);
    expect_url(NULL, "ftp://example.com/feed", false, HERALD_E_DENIED);
    expect_url(NULL, "dict://127.0.0.1:6379/info", false, HERALD_E_DENIED);
    expect_url(NULL, "ldap://example.com/", true, HERALD_E_DENIED);
    expect_url(NULL, "not a url", false, HERALD_E_INVALID);
    expect_url(NULL, "/relative/path", false, HERALD_E_INVALID);
    expect_url(NULL, NULL, false, HERALD_E_INVALID);
}

static void test_url_literals(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "http://127.0.0.1/",
        "http://127.0.0.1:8080/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.5.4/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://255.255.255.255/",
        "http://224.0.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:7f00:1::]/",
        "http://user:pass@127.0.0.1/",
        "http://example.com@127.0.0.1/",
        "http://127.0.0.1./",
        "http://localhost/",
        "http://LOCALHOST:631/",
        "http://printer.localhost/",
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        expect_url(NULL, refused[i], false, HERALD_E_DENIED);
    expect_url(NULL, "http://8.8.8.8/", false, HERALD_OK);
    expect_url(NULL, "http://[2606:4700:4700::1111]/", false, HERALD_OK);
    expect_url(NULL, "http://127.0.0.1@example.com/", false, HERALD_OK);
}

static void test_url_unusual_ipv4(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "http://2130706433/", /* decimal 127.0.0.1 */
        "http://0177.0.0.1/", /* octal */
        "http://0x7f.1/",     /* hex, short */
        "http://0x7f000001/", /* hex */
        "http://127.1/",      /* short form */
        "http://127.0.1/",
        "http://0/",                   /* 0.0.0.0 */
        "http://017700000001/",        /* octal whole */
        "http://0xA9.0xFE.0xA9.0xFE/", /* 169.254.169.254 in hex */
        "http://2852039166/",          /* 169.254.169.254 in decimal */
        "http://0251.0376.0251.0376/", /* 169.254.169.254 in octal */
        "http://127.000.000.001/",     /* leading zeros */
        "http://134744072/",           /* 8.8.8.8 in decimal: refused for its spelling */
        "http://0x7f.0.0.1:8080/x",
        "http://%31%32%37.0.0.1/", /* percent-encoded */
        "http://127.0.0.1%00.example.com/",
    };
    char why[256] = "";
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        expect_url(NULL, refused[i], false, HERALD_E_DENIED);
    assert_int_equal(ssrf_check_url(NULL, "http://0177.0.0.1/", false, why, sizeof(why)),
                     HERALD_E_DENIED);
    assert_non_null(strstr(why, "unusual IPv4 spelling"));
    assert_non_null(strstr(why, "127.0.0.1"));
    /* digits inside a name are fine */
    expect_url(NULL, "http://123.example.com/", false, HERALD_OK);
    expect_url(NULL, "http://news24.example/", false, HERALD_OK);
    expect_url(NULL, "http://0x7f.example/", false, HERALD_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipv4_classes),      cmocka_unit_test(test_ipv4_class_names),
        cmocka_unit_test(test_ipv6_classes),      cmocka_unit_test(test_other_family),
        cmocka_unit_test(test_allowlist_cidr),    cmocka_unit_test(test_allowlist_names),
        cmocka_unit_test(test_allowlist_invalid), cmocka_unit_test(test_url_schemes),
        cmocka_unit_test(test_url_literals),      cmocka_unit_test(test_url_unusual_ipv4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

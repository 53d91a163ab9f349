/*
 * ssrf.c - see ssrf.h.
 *
 * Classification is a linear scan over two small tables of (prefix, length, class); the
 * tables are short enough that a trie would only add code.  Embedded IPv4 addresses
 * (NAT64, 6to4) are extracted and classified with the IPv4 table.
 *
 * URL hosts are taken from the raw URL text, not from curl's parsed form: curl normalises
 * numeric IPv4 spellings ("0177.0.0.1" becomes "127.0.0.1"), which would hide exactly the
 * spellings the policy wants to see.  curl's parsed host is checked as well, so the two
 * parsers cannot disagree in the attacker's favour.
 */
#include "fetch/ssrf.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/url.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

struct cidr {
    int family;
    unsigned char addr[16];
    int prefix;
};

struct ssrf_policy {
    char **names; /* lower-case; "*.x" entries kept with the star */
    size_t nnames;
    struct cidr *cidrs;
    size_t ncidrs;
};

struct range4 {
    uint32_t net;
    int prefix;
    const char *what;
};

static const struct range4 ranges4[] = {
    {0x00000000, 8, "'this network' (0.0.0.0/8)"},
    {0x0a000000, 8, "private (RFC 1918)"},
    {0x64400000, 10, "carrier-grade NAT (100.64.0.0/10)"},
    {0x7f000000, 8, "loopback"},
    {0xa9fea9fe, 32, "cloud metadata (link-local)"},
    {0xa9fe0000, 16, "link-local"},
    {0xac100000, 12, "private (RFC 1918)"},
    {0xc0000000, 24, "IETF protocol assignment (192.0.0.0/24)"},
    {0xc0000200, 24, "documentation (TEST-NET-1)"},
    {0xc0586300, 24, "6to4 relay anycast (192.88.99.0/24)"},
    {0xc0a80000, 16, "private (RFC 1918)"},
    {0xc6120000, 15, "benchmarking (198.18.0.0/15)"},
    {0xc6336400, 24, "documentation (TEST-NET-2)"},
    {0xcb007100, 24, "documentation (TEST-NET-3)"},
    {0xe0000000, 4, "multicast"},
    {0xffffffff, 32, "broadcast"},
    {0xf0000000, 4, "reserved (240.0.0.0/4)"},
};

enum embed { EMBED_NONE, EMBED_NAT64, EMBED_6TO4 };

struct range6 {
    unsigned char net[16];
    int prefix;
    const char *what;
    enum embed embed;
};

/* Order matters: the first match names the class. */
static const struct range6 ranges6[] = {
    {{0}, 128, "unspecified (::)", EMBED_NONE},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback (::1)", EMBED_NONE},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff},
     96,
     "IPv4-mapped IPv6 (::ffff:0:0/96)",
     EMBED_NONE},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff},
     96,
     "IPv4-translated IPv6 (::ffff:0:0:0/96)",
     EMBED_NONE},
    {{0}, 96, "IPv4-compatible IPv6 (::/96)", EMBED_NONE},
    {{0, 0x64, 0xff, 0x9b, 0, 1}, 48, "NAT64 local-use (64:ff9b:1::/48)", EMBED_NONE},
    {{0, 0x64, 0xff, 0x9b}, 96, "NAT64", EMBED_NAT64},
    {{0x01, 0x00}, 64, "discard-only (100::/64)", EMBED_NONE},
    {{0x20, 0x01, 0x0d, 0xb8}, 32, "documentation (2001:db8::/32)", EMBED_NONE},
    {{0x20, 0x01}, 23, "IETF special purpose (2001::/23, Teredo)", EMBED_NONE},
    {{0x20, 0x02}, 16, "6to4", EMBED_6TO4},
    {{0x3f, 0xff}, 20, "documentation (3fff::/20)", EMBED_NONE},
    {{0xfc}, 7, "unique local (fc00::/7)", EMBED_NONE},
    {{0xfe, 0x80}, 10, "link-local (fe80::/10)", EMBED_NONE},
    {{0xfe, 0xc0}, 10, "site-local (fec0::/10)", EMBED_NONE},
    {{0xff}, 8, "multicast (ff00::/8)", EMBED_NONE},
};

static int prefix_match(const unsigned char *a, const unsigned char *net, int prefix)
{
    int full = prefix / 8, rest = prefix % 8;
    if (memcmp(a, net, (size_t)full) != 0)
        return 0;
    if (rest == 0)
        return 1;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (a[full] & mask) == (net[full] & mask);
}

static const char *classify4(const unsigned char *a)
{
    uint32_t v = ((uint32_t)a[0] << 24) | ((uint32_t)a[1] << 16) | ((uint32_t)a[2] << 8) | a[3];
    for (size_t i = 0; i < sizeof(ranges4) / sizeof(ranges4[0]); i++) {
        uint32_t mask = ranges4[i].prefix ? 0xffffffffu << (32 - ranges4[i].prefix) : 0;
        if ((v & mask) == (ranges4[i].net & mask))
            return ranges4[i].what;
    }
    return NULL;
}

static const char *classify6(const unsigned char *a)
{
    for (size_t i = 0; i < sizeof(ranges6) / sizeof(ranges6[0]); i++) {
        const struct range6 *r = &ranges6[i];
        if (!prefix_match(a, r->net, r->prefix))
            continue;
        if (r->embed == EMBED_NAT64) {
            const char *w = classify4(a + 12);
            return w ? "NAT64 embedding of a refused IPv4 address" : NULL;
        }
        if (r->embed == EMBED_6TO4) {
            const char *w = classify4(a + 2);
            return w ? "6to4 embedding of a refused IPv4 address" : NULL;
        }
        return r->what;
    }
    return NULL;
}

const char *ssrf_classify(int family, const void *addr)
{
    if (family == AF_INET)
        return classify4(addr);
    if (family == AF_INET6)
        return classify6(addr);
    return "not an IP address";
}

static int parse_cidr(const char *s, struct cidr *out)
{
    char buf[INET6_ADDRSTRLEN + 8];
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (n == 0 || n >= sizeof(buf))
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    memset(out, 0, sizeof(*out));
    if (inet_pton(AF_INET, buf, out->addr) == 1)
        out->family = AF_INET;
    else if (inet_pton(AF_INET6, buf, out->addr) == 1)
        out->family = AF_INET6;
    else
        return -1;
    int max = out->family == AF_INET ? 32 : 128;
    out->prefix = max;
    if (slash) {
        char *end = NULL;
        long v = strtol(slash + 1, &end, 10);
        if (end == slash + 1 || *end || v < 0 || v > max)
            return -1;
        out->prefix = (int)v;
    }
    return 0;
}

/* True when s has the shape of an address or CIDR rather than a host name. */
static int looks_like_cidr(const char *s)
{
    if (strchr(s, ':') || strchr(s, '/'))
        return 1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p) && *p != '.')
            return 0;
    return 1;
}

herald_status ssrf_policy_new(const char *const *allow, size_t n, ssrf_policy **out)
{
    ssrf_policy *p = xcalloc(1, sizeof(*p));
    for (size_t i = 0; i < n; i++) {
        const char *e = allow[i];
        if (!e || !*e)
            continue;
        if (looks_like_cidr(e)) {
            struct cidr c;
            if (parse_cidr(e, &c) != 0) {
                log_error("fetch", "SSRF allowlist: '%s' is not an address or CIDR", e);
                ssrf_policy_free(p);
                return HERALD_E_INVALID;
            }
            p->cidrs = xrealloc(p->cidrs, (p->ncidrs + 1) * sizeof(*p->cidrs));
            p->cidrs[p->ncidrs++] = c;
        } else {
            char *name = xstrdup(e);
            for (char *q = name; *q; q++)
                *q = (char)tolower((unsigned char)*q);
            size_t len = strlen(name);
            if (len > 1 && name[len - 1] == '.')
                name[len - 1] = '\0';
            p->names = xrealloc(p->names, (p->nnames + 1) * sizeof(*p->names));
            p->names[p->nnames++] = name;
        }
    }
    *out = p;
    return HERALD_OK;
}

void ssrf_policy_free(ssrf_policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nnames; i++)
        free(p->names[i]);
    free(p->names);
    free(p->cidrs);
    free(p);
}

bool ssrf_host_allowed(const ssrf_policy *p, const char *host)
{
    if (!p || !host || !*host)
        return false;
    size_t hl = strlen(host);
    if (hl > 1 && host[hl - 1] == '.')
        hl--;
    for (size_t i = 0; i < p->nnames; i++) {
        const char *n = p->names[i];
        if (n[0] == '*' && n[1] == '.') {
            size_t sl = strlen(n + 1); /* ".example.org" */
            if (hl > sl && strncasecmp(host + hl - sl, n + 1, sl) == 0)
                return true;
        } else if (strlen(n) == hl && strncasecmp(host, n, hl) == 0) {
            return true;
        }
    }
    return false;
}

static bool cidr_allowed(const ssrf_policy *p, int family, const unsigned char *addr)
{
    if (!p)
        return false;
    for (size_t i = 0; i < p->ncidrs; i++)
        if (p->cidrs[i].family == family &&
            prefix_match(addr, p->cidrs[i].addr, p->cidrs[i].prefix))
            return true;
    return false;
}

/* Checks one address given as bytes; the allowlist's CIDRs apply. */
static herald_status check_bytes(const ssrf_policy *p, int family, const unsigned char *addr,
                                 char *why, size_t whylen)
{
    const char *what = ssrf_classify(family, addr);
    char text[INET6_ADDRSTRLEN];
    if (!what)
        return HERALD_OK;
    /* IPv4-mapped addresses are never allowlisted: the allowlist speaks IPv4 for those. */
    static const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (family == AF_INET6 && prefix_match(addr, mapped, 96))
        goto denied;
    if (cidr_allowed(p, family, addr))
        return HERALD_OK;
denied:
    if (!inet_ntop(family, addr, text, sizeof(text)))
        snprintf(text, sizeof(text), "?");
    if (why && whylen)
        snprintf(why, whylen, "address %s is %s and refused by the SSRF policy", text, what);
    return HERALD_E_DENIED;
}

herald_status ssrf_check_addr(const ssrf_policy *p, const char *host, const struct sockaddr *sa,
                              char *why, size_t whylen)
{
    if (!sa) {
        if (why && whylen)
            snprintf(why, whylen, "no address");
        return HERALD_E_DENIED;
    }
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
        const unsigned char *b = (const unsigned char *)&in->sin_addr;
        if (classify4(b) && ssrf_host_allowed(p, host))
            return HERALD_OK;
        return check_bytes(p, AF_INET, b, why, whylen);
    }
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        const unsigned char *b = in6->sin6_addr.s6_addr;
        if (classify6(b) && ssrf_host_allowed(p, host))
            return HERALD_OK;
        return check_bytes(p, AF_INET6, b, why, whylen);
    }
    if (why && whylen)
        snprintf(why, whylen, "address family %d is refused by the SSRF policy", sa->sa_family);
    return HERALD_E_DENIED;
}

__attribute__((format(printf, 3, 4))) static herald_status deny(char *why, size_t whylen,
                                                                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (why && whylen)
        vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return HERALD_E_DENIED;
}

/* Checks one host as written (brackets removed for IPv6, trailing dot removed). */
static herald_status check_host(const ssrf_policy *p, const char *host, char *why, size_t whylen)
{
    unsigned char a[16];
    if (!*host)
        return deny(why, whylen, "URL has an empty host");
    if (strchr(host, '%'))
        return deny(why, whylen, "percent-encoded host '%s' is refused by the SSRF policy", host);
    if (strchr(host, ':')) {
        if (inet_pton(AF_INET6, host, a) != 1)
            return deny(why, whylen, "malformed IPv6 host '%s'", host);
        return check_bytes(p, AF_INET6, a, why, whylen);
    }
    if (url_host_is_dotted_quad(host)) {
        if (inet_pton(AF_INET, host, a) != 1)
            return deny(why, whylen, "malformed IPv4 host '%s'", host);
        return check_bytes(p, AF_INET, a, why, whylen);
    }
    if (url_host_is_odd_ipv4(host)) {
        struct in_addr in;
        if (inet_aton(host, &in) == 1) {
            char text[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &in, text, sizeof(text));
            if (why && whylen)
                snprintf(why, whylen,
                         "host '%s' is an unusual IPv4 spelling (%s) and refused by the SSRF "
                         "policy",
                         host, text);
            return HERALD_E_DENIED;
        }
        return deny(why, whylen, "numeric host '%s' is not a valid address", host);
    }
    if (ssrf_host_allowed(p, host))
        return HERALD_OK;
    size_t hl = strlen(host);
    if (strcasecmp(host, "localhost") == 0 ||
        (hl > 10 && strcasecmp(host + hl - 10, ".localhost") == 0))
        return deny(why, whylen, "host '%s' is loopback and refused by the SSRF policy", host);
    return HERALD_OK;
}

herald_status ssrf_check_url(const ssrf_policy *p, const char *url, bool allow_file, char *why,
                             size_t whylen)
{
    char scheme[16];
    char host[512];
    herald_status rc;
    if (!url || url_scheme(url, scheme, sizeof(scheme)) < 0) {
        if (why && whylen)
            snprintf(why, whylen, "not an absolute URL");
        return HERALD_E_INVALID;
    }
    if (strcmp(scheme, "file") == 0) {
        if (allow_file)
            return HERALD_OK;
        return deny(why, whylen, "file: URLs are disabled (enable allow_file_urls)");
    }
    if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
        return deny(why, whylen, "scheme '%s' is not fetched (only http and https)", scheme);

    if (url_raw_host(url, host, sizeof(host)) != 0) {
        if (why && whylen)
            snprintf(why, whylen, "URL has no host");
        return HERALD_E_INVALID;
    }
    rc = check_host(p, host, why, whylen);
    if (rc)
        return rc;

    /* And the host as curl will see it. */
    char *chost = NULL;
    rc = url_host(url, &chost);
    if (rc) {
        if (why && whylen)
            snprintf(why, whylen, "URL cannot be parsed");
        return HERALD_E_INVALID;
    }
    size_t cl = strlen(chost);
    if (cl >= 2 && chost[0] == '[' && chost[cl - 1] == ']') {
        memmove(chost, chost + 1, cl - 2);
        chost[cl - 2] = '\0';
    }
    if (strcasecmp(chost, host) != 0)
        rc = check_host(p, chost, why, whylen);
    free(chost);
    return rc;
}

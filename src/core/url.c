/*
 * url.c - see url.h.
 *
 * Everything goes through CURLU handles: curl_url_set() with a base already set resolves
 * a relative reference per RFC 3986, and CURLU_NON_SUPPORT_SCHEME lets file: and unknown
 * schemes pass so the caller's policy (not the parser) decides what is fetched.
 */
#include "core/url.h"
#include "core/alloc.h"
#include "core/strbuf.h"

#include <ctype.h>
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

static const unsigned url_flags = CURLU_NON_SUPPORT_SCHEME;

/* 1 for the bytes a URL parser trims from both ends of a reference (C0 controls, space;
 * NUL too, so callers stop at the terminator themselves). */
static int url_trim_byte(char c)
{
    return (unsigned char)c <= 0x20;
}

/* 1 when ref names its own host (absolute or scheme-relative) in an odd IPv4 spelling. */
static int ref_host_is_odd_ipv4(const char *ref)
{
    char host[256];
    return url_raw_host(ref, host, sizeof(host)) == 0 && url_host_is_odd_ipv4(host);
}

herald_status url_resolve(const char *base, const char *ref, char **out)
{
    herald_status rc = HERALD_E_INVALID;
    CURLU *h;
    char *s = NULL, *trimmed = NULL;
    if (!ref)
        ref = "";
    while (*ref && url_trim_byte(*ref))
        ref++;
    if (*ref && url_trim_byte(ref[strlen(ref) - 1])) {
        size_t n = strlen(ref);
        while (n && url_trim_byte(ref[n - 1]))
            n--;
        trimmed = xstrndup(ref, n);
        ref = trimmed;
    }
    if (ref_host_is_odd_ipv4(ref)) {
        free(trimmed);
        return HERALD_E_INVALID;
    }
    h = curl_url();
    if (!h) {
        free(trimmed);
        return HERALD_E_NOMEM;
    }
    if (base && *base) {
        if (curl_url_set(h, CURLUPART_URL, base, url_flags) != CURLUE_OK)
            goto plain;
        if (!*ref)
            goto done;
        if (curl_url_set(h, CURLUPART_URL, ref, url_flags) != CURLUE_OK)
            goto out;
        goto done;
    }
plain:
    curl_url_cleanup(h);
    h = curl_url();
    if (!h) {
        rc = HERALD_E_NOMEM;
        goto out;
    }
    if (curl_url_set(h, CURLUPART_URL, ref, url_flags) != CURLUE_OK)
        goto out;
done:
    if (curl_url_get(h, CURLUPART_URL, &s, 0) != CURLUE_OK)
        goto out;
    *out = xstrdup(s);
    curl_free(s);
    rc = HERALD_OK;
out:
    curl_url_cleanup(h);
    free(trimmed);
    return rc;
}

int url_is_tracking_param(const char *name, size_t len)
{
    static const char *const names[] = {"fbclid", "gclid", "dclid",  "msclkid", "mc_cid", "mc_eid",
                                        "yclid",  "_ga",   "igshid", "ref_src", "cmpid"};
    if (len >= 4 && strncasecmp(name, "utm_", 4) == 0)
        return 1;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strlen(names[i]) == len && strncasecmp(name, names[i], len) == 0)
            return 1;
    return 0;
}

/* Appends the parameters of query[0..len) that are not tracking parameters, in order,
 * each preceded by first_sep (the first) or '&' (the others).  Returns how many. */
static int filter_query(const char *query, size_t len, int first_sep, struct strbuf *out)
{
    const char *p = query, *end = query + len;
    int kept = 0;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        size_t n = amp ? (size_t)(amp - p) : (size_t)(end - p);
        const char *eq = memchr(p, '=', n);
        size_t keylen = eq ? (size_t)(eq - p) : n;
        if (n && !url_is_tracking_param(p, keylen)) {
            if (kept || first_sep)
                strbuf_addch(out, kept ? '&' : first_sep);
            strbuf_add(out, p, n);
            kept++;
        }
        p += n;
        if (p < end)
            p++;
    }
    return kept;
}

char *url_strip_tracking(const char *url)
{
    struct strbuf sb = STRBUF_INIT;
    const char *q = strchr(url, '?'), *hash = strchr(url, '#');
    const char *end;
    if (!q || (hash && hash < q))
        return xstrdup(url);
    end = hash ? hash : url + strlen(url);
    strbuf_add(&sb, url, (size_t)(q - url));
    filter_query(q + 1, (size_t)(end - q - 1), '?', &sb);
    if (hash)
        strbuf_adds(&sb, hash);
    return strbuf_detach(&sb, NULL);
}

/* Rebuilds query without tracking parameters; returns NULL when nothing is left. */
static char *strip_tracking(const char *query)
{
    struct strbuf sb = STRBUF_INIT;
    if (!filter_query(query, strlen(query), 0, &sb)) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

herald_status url_normalize(const char *url, char **out)
{
    herald_status rc = HERALD_E_INVALID;
    CURLU *h = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *query = NULL, *s = NULL;
    if (!h)
        return HERALD_E_NOMEM;
    if (!url || curl_url_set(h, CURLUPART_URL, url, url_flags) != CURLUE_OK)
        goto out;
    curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0);
    if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
        goto out;
    if (curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        for (char *c = host; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        curl_url_set(h, CURLUPART_HOST, host, 0);
    }
    if (curl_url_get(h, CURLUPART_PORT, &port, CURLU_NO_DEFAULT_PORT) == CURLUE_OK) {
        if ((strcmp(scheme, "http") == 0 && strcmp(port, "80") == 0) ||
            (strcmp(scheme, "https") == 0 && strcmp(port, "443") == 0))
            curl_url_set(h, CURLUPART_PORT, NULL, 0);
    }
    if (curl_url_get(h, CURLUPART_QUERY, &query, 0) == CURLUE_OK) {
        char *kept = strip_tracking(query);
        curl_url_set(h, CURLUPART_QUERY, kept, 0);
        free(kept);
    }
    if (curl_url_get(h, CURLUPART_URL, &s, CURLU_NO_DEFAULT_PORT) != CURLUE_OK)
        goto out;
    *out = xstrdup(s);
    rc = HERALD_OK;
out:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(query);
    curl_free(s);
    curl_url_cleanup(h);
    return rc;
}

herald_status url_article_id(const char *url, char id[URL_ID_LEN + 1])
{
    char *norm = NULL;
    unsigned char hash[URL_ID_LEN / 2];
    herald_status rc = url_normalize(url, &norm);
    if (rc)
        return rc;
    crypto_generichash(hash, sizeof(hash), (const unsigned char *)norm, strlen(norm), NULL, 0);
    free(norm);
    for (size_t i = 0; i < sizeof(hash); i++)
        snprintf(id + 2 * i, 3, "%02x", hash[i]);
    id[URL_ID_LEN] = '\0';
    return HERALD_OK;
}

int url_is_article_id(const char *s)
{
    size_t i;
    if (!s)
        return 0;
    for (i = 0; i < URL_ID_LEN; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[i] == '\0';
}

int url_scheme(const char *url, char *buf, size_t bufsize)
{
    size_t i = 0;
    if (!url || !isalpha((unsigned char)url[0]))
        return -1;
    while (url[i] && url[i] != ':') {
        char c = url[i];
        if (!isalnum((unsigned char)c) && c != '+' && c != '-' && c != '.')
            return -1;
        if (i + 1 >= bufsize)
            return -1;
        buf[i] = (char)tolower((unsigned char)c);
        i++;
    }
    if (url[i] != ':')
        return -1;
    buf[i] = '\0';
    return 0;
}

herald_status url_host(const char *url, char **out)
{
    herald_status rc = HERALD_E_INVALID;
    char *host = NULL;
    CURLU *h = curl_url();
    if (!h)
        return HERALD_E_NOMEM;
    if (!url || curl_url_set(h, CURLUPART_URL, url, url_flags) != CURLUE_OK)
        goto out;
    if (curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK)
        goto out;
    for (char *c = host; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    *out = xstrdup(host);
    rc = HERALD_OK;
out:
    curl_free(host);
    curl_url_cleanup(h);
    return rc;
}

int url_raw_host(const char *url, char *buf, size_t bufsize)
{
    const char *p;
    char scheme[32];
    if (!url)
        return -1;
    if (url[0] == '/' && url[1] == '/')
        p = url + 2;
    else if (url_scheme(url, scheme, sizeof(scheme)) == 0 && (p = strchr(url, ':')) &&
             p[1] == '/' && p[2] == '/')
        p += 3;
    else
        return -1;
    size_t alen = strcspn(p, "/?#\\");
    const char *end = p + alen;
    /* userinfo ends at the last '@' of the authority */
    for (const char *q = end; q > p; q--) {
        if (q[-1] == '@') {
            p = q;
            break;
        }
    }
    const char *hs = p, *he;
    if (*hs == '[') {
        hs++;
        he = memchr(hs, ']', (size_t)(end - hs));
        if (!he)
            return -1;
    } else {
        he = memchr(hs, ':', (size_t)(end - hs));
        if (!he)
            he = end;
    }
    size_t n = (size_t)(he - hs);
    if (n >= bufsize)
        return -1;
    memcpy(buf, hs, n);
    buf[n] = '\0';
    if (n > 1 && buf[n - 1] == '.')
        buf[n - 1] = '\0';
    return 0;
}

int url_host_is_dotted_quad(const char *s)
{
    int parts = 0;
    const char *p = s;
    while (parts < 4) {
        if (!isdigit((unsigned char)*p))
            return 0;
        if (p[0] == '0' && isdigit((unsigned char)p[1]))
            return 0;
        int v = 0, digits = 0;
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (*p - '0');
            if (++digits > 3 || v > 255)
                return 0;
            p++;
        }
        parts++;
        if (parts < 4) {
            if (*p != '.')
                return 0;
            p++;
        }
    }
    return *p == '\0';
}

int url_host_is_odd_ipv4(const char *host)
{
    const char *last;
    if (!host || !*host || url_host_is_dotted_quad(host))
        return 0;
    /* the last label decides: WHATWG and most resolvers then take the whole host as an
     * IPv4 number, whatever the other labels say */
    last = strrchr(host, '.');
    last = last ? last + 1 : host;
    if (!*last)
        return 0;
    if (last[0] == '0' && (last[1] == 'x' || last[1] == 'X'))
        return 1;
    for (const char *q = last; *q; q++)
        if (!isdigit((unsigned char)*q))
            return 0;
    return 1;
}

int url_is_http(const char *url)
{
    char scheme[16], host[256];
    if (!url || url_scheme(url, scheme, sizeof(scheme)) < 0 ||
        (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
        return 0;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return 0;
    return url_raw_host(url, host, sizeof(host)) == 0 && host[0] != '\0';
}

int url_is_file(const char *url)
{
    char scheme[16];
    return url && url_scheme(url, scheme, sizeof(scheme)) == 0 && strcmp(scheme, "file") == 0;
}

/* url_authority_ok over s[0..n) */
static int url_authority_ok_n(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (n == 0 || n > 255)
        return 0;
    if (s[0] == '[') {
        for (i = 1; i < n && s[i] != ']'; i++)
            if (!isxdigit((unsigned char)s[i]) && s[i] != ':' && s[i] != '.')
                return 0;
        if (i >= n || i == 1)
            return 0;
        i++; /* past ']' */
    } else {
        if (s[0] == '.' || s[0] == '-')
            return 0;
        while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '.' || s[i] == '-'))
            i++;
        if (i == 0)
            return 0;
    }
    if (i == n)
        return 1;
    if (s[i++] != ':')
        return 0;
    for (; i < n; i++, digits++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return digits >= 1 && digits <= 5;
}

herald_status url_base_check(const char *s, char **out)
{
    const char *auth;
    size_t n, alen;
    if (!s || !url_is_http(s) || strlen(s) > URL_BASE_MAX || strpbrk(s, "?#\"'<>\\`{}|^"))
        return HERALD_E_INVALID;
    auth = strstr(s, "://") + 3;
    alen = strcspn(auth, "/");
    if (memchr(auth, '@', alen) || !url_authority_ok_n(auth, alen))
        return HERALD_E_INVALID;
    n = strlen(s);
    while (n > 0 && s[n - 1] == '/')
        n--;
    *out = xstrndup(s, n);
    return HERALD_OK;
}

int url_authority_ok(const char *s)
{
    return s && url_authority_ok_n(s, strlen(s));
}

int url_link_allowed(const char *origin, const char *url, int allow_file)
{
    char host[256];
    if (url_is_http(url))
        return !(url_raw_host(url, host, sizeof(host)) == 0 && url_host_is_odd_ipv4(host));
    return allow_file && url_is_file(url) && url_is_file(origin);
}

herald_status url_parse(const char *url, struct url_parts *out)
{
    herald_status rc = HERALD_E_INVALID;
    char *scheme = NULL, *host = NULL, *port = NULL;
    CURLU *h = curl_url();

    memset(out, 0, sizeof(*out));
    out->port = -1;
    if (!h)
        return HERALD_E_NOMEM;
    if (!url || curl_url_set(h, CURLUPART_URL, url, url_flags) != CURLUE_OK ||
        curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        strlen(scheme) >= sizeof(out->scheme))
        goto out;
    for (size_t i = 0; scheme[i]; i++)
        out->scheme[i] = (char)tolower((unsigned char)scheme[i]);
    if (curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK && *host) {
        size_t n = strlen(host);
        out->host = n >= 2 && host[0] == '[' ? xstrndup(host + 1, n - 2) : xstrdup(host);
        for (char *c = out->host; *c; c++)
            *c = (char)tolower((unsigned char)*c);
    }
    if (curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        long v = strtol(port, NULL, 10);
        out->port = v > 0 && v <= 65535 ? (int)v : -1; /* libcurl says 0 for file: */
    }
    rc = HERALD_OK;
out:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(h);
    return rc;
}

void url_parts_release(struct url_parts *p)
{
    if (!p)
        return;
    free(p->host);
    p->host = NULL;
}

herald_status url_file_path(const char *url, char **out)
{
    herald_status rc = HERALD_E_INVALID;
    char scheme[8], *path = NULL;
    CURLU *h;

    if (url_scheme(url, scheme, sizeof(scheme)) < 0 || strcmp(scheme, "file") != 0)
        return HERALD_E_INVALID;
    h = curl_url();
    if (!h)
        return HERALD_E_NOMEM;
    if (curl_url_set(h, CURLUPART_URL, url, url_flags) != CURLUE_OK ||
        curl_url_get(h, CURLUPART_PATH, &path, CURLU_URLDECODE) != CURLUE_OK)
        goto out;
    *out = xstrdup(path);
    rc = HERALD_OK;
out:
    curl_free(path);
    curl_url_cleanup(h);
    return rc;
}

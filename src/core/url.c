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

#include "core/banned.h"

static const unsigned url_flags = CURLU_NON_SUPPORT_SCHEME;

herald_status url_resolve(const char *base, const char *ref, char **out)
{
    herald_status rc = HERALD_E_INVALID;
    CURLU *h = curl_url();
    char *s = NULL;
    if (!h)
        return HERALD_E_NOMEM;
    if (!ref)
        ref = "";
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
    if (!h)
        return HERALD_E_NOMEM;
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

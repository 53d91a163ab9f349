/* httpc.c - see httpc.h. */
#include "httpc.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    strbuf_add(ud, p, size * n);
    return size * n;
}

void httpc_do(unsigned port, const char *method, const char *path, const char *const *hdrs,
              int decode_gzip, struct httpc_resp *out)
{
    httpc_send(port, method, path, hdrs, method && strcmp(method, "POST") == 0 ? "a=1" : NULL,
               (size_t)-1, decode_gzip, out);
}

void httpc_send(unsigned port, const char *method, const char *path, const char *const *hdrs,
                const char *body, size_t body_len, int decode_gzip, struct httpc_resp *out)
{
    CURL *c = curl_easy_init();
    struct curl_slist *sl = NULL;
    char url[2048];
    memset(out, 0, sizeof(*out));
    strbuf_init(&out->headers, 0);
    strbuf_init(&out->body, 0);
    snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &out->headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out->body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (decode_gzip)
        curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
    if (method && strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    else if (method && strcmp(method, "POST") == 0) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
        if (body_len != (size_t)-1)
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    } else if (method)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    for (; hdrs && *hdrs; hdrs++)
        sl = curl_slist_append(sl, *hdrs);
    if (sl)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, sl);
    if (curl_easy_perform(c) == CURLE_OK) {
        curl_off_t dl = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
        curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &dl);
        out->size_download = (double)dl;
    }
    curl_slist_free_all(sl);
    curl_easy_cleanup(c);
}

void httpc_release(struct httpc_resp *r)
{
    strbuf_release(&r->headers);
    strbuf_release(&r->body);
}

char *httpc_header(const struct httpc_resp *r, const char *name)
{
    const char *p = r->headers.buf, *found = NULL;
    size_t n = strlen(name);
    while (p && *p) {
        if (strncasecmp(p, name, n) == 0 && p[n] == ':')
            found = p + n + 1;
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!found)
        return NULL;
    while (*found == ' ')
        found++;
    return xstrndup(found, strcspn(found, "\r\n"));
}

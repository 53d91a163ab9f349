/* httpc.h - a tiny libcurl client for the web tests: one request, status, headers, body. */
#ifndef HERALD_TEST_WEB_HTTPC_H
#define HERALD_TEST_WEB_HTTPC_H

#include <stddef.h>

#include "core/strbuf.h"

struct httpc_resp {
    long status;           /* 0 when the transfer failed */
    struct strbuf headers; /* raw header block(s) */
    struct strbuf body;
    double size_download;
};

/* Sends method (NULL = GET) to http://127.0.0.1:port path with extra header lines (NULL-
 * terminated array, may be NULL).  decode_gzip asks for gzip and decodes it. */
void httpc_do(unsigned port, const char *method, const char *path, const char *const *hdrs,
              int decode_gzip, struct httpc_resp *out);
/* Like httpc_do with a request body for POST: body_len bytes of body ((size_t)-1: strlen),
 * sent with the Content-Type found in hdrs (curl's default is urlencoded). */
void httpc_send(unsigned port, const char *method, const char *path, const char *const *hdrs,
                const char *body, size_t body_len, int decode_gzip, struct httpc_resp *out);
void httpc_release(struct httpc_resp *r);
/* The value of the last header called name (case-insensitive), malloc'd, or NULL. */
char *httpc_header(const struct httpc_resp *r, const char *name);

#endif

/*
 * httputil.h - the HTTP details of the web layer that need no connection: content
 * negotiation for gzip, entity tags, conditional-request matching, HTTP dates, and
 * gzip compression.  Pure functions, unit-tested on their own.
 */
#ifndef HERALD_WEB_HTTPUTIL_H
#define HERALD_WEB_HTTPUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/strbuf.h"

/* Returns 1 when an Accept-Encoding header value accepts gzip (a "gzip" or "*" coding
 * whose q is not 0), else 0.  NULL gives 0. */
int web_accepts_gzip(const char *accept_encoding);

/* Appends the gzip (RFC 1952) compression of data to out.  Returns HERALD_E_INTERNAL
 * when zlib fails (the caller then sends the body uncompressed). */
herald_status web_gzip(const void *data, size_t len, struct strbuf *out);

#define WEB_ETAG_LEN 24 /* "\"" + 16 hex + "-gz" + "\"" + NUL */

/* Writes a strong entity tag for the bytes (64-bit FNV-1a of the content, which is what
 * the client will get), with a "-gz" suffix for the gzip variant.  Returns buf. */
char *web_etag(const void *data, size_t len, int gzip, char buf[WEB_ETAG_LEN]);

/* Returns 1 when an If-None-Match header value matches etag ("*", or one of the listed
 * tags compared weakly: W/ prefixes are ignored, and so is a -gz suffix, since both
 * variants carry the same content).  NULL gives 0. */
int web_etag_match(const char *if_none_match, const char *etag);

/* Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") into seconds UTC.  Returns
 * HERALD_E_PARSE for anything else (obsolete formats are not accepted; the client then
 * simply gets a full response), including impossible dates (core/date.h checks them). */
herald_status web_http_date_parse(const char *s, int64_t *out);

#endif

/*
 * httputil.h - the HTTP details of the web layer that need no connection: content
 * negotiation of the content coding (gzip, brotli), entity tags, conditional-request matching, HTTP
 * dates, and compression.  Pure functions, unit-tested on their own.
 */
#ifndef HERALD_WEB_HTTPUTIL_H
#define HERALD_WEB_HTTPUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/strbuf.h"

/* The content codings the server sends: the identity body and its two compressed forms. */
enum web_encoding {
    WEB_ENC_IDENTITY = 0,
    WEB_ENC_GZIP = 1,
    WEB_ENC_BR = 2,
};

/*
 * Negotiates an Accept-Encoding header value (RFC 9110 12.5.3): each coding's q (1 when
 * absent; "x-gzip" is gzip; "*" stands for the codings not named) and the coding with the
 * highest q wins, gzip before br before identity on a tie (libdeflate's gzip is smaller
 * than brotli at the fast settings the server uses; httputil.c).  A coding with q=0 is never
 * chosen; identity is the answer when nothing else is acceptable (also for NULL or "").
 */
enum web_encoding web_accept_encoding(const char *accept_encoding);

/* The Content-Encoding name of e ("gzip", "br"); NULL for identity. */
const char *web_encoding_name(enum web_encoding e);

/* Appends the gzip (RFC 1952) compression of data to out, libdeflate at level 1 with one
 * compressor per thread (the server compresses a page once, when it renders it).  Returns
 * HERALD_E_INTERNAL when the compressor fails (the caller then sends the body
 * uncompressed). */
herald_status web_gzip(const void *data, size_t len, struct strbuf *out);

/* Appends the brotli (RFC 7932) compression of data to out, at a fast quality.
 * HERALD_E_INTERNAL when the encoder fails. */
herald_status web_brotli(const void *data, size_t len, struct strbuf *out);

/* Appends data compressed with e (identity: HERALD_E_INVALID). */
herald_status web_compress(enum web_encoding e, const void *data, size_t len, struct strbuf *out);

#define WEB_ETAG_LEN 24 /* "\"" + 16 hex + "-gz" + "\"" + NUL */

/* Writes a strong entity tag for the bytes (a 64-bit hash of the content, which is what
 * the client will get, read 8 bytes at a time), with a "-gz" or "-br" suffix for a
 * compressed variant.  Returns buf. */
char *web_etag(const void *data, size_t len, enum web_encoding enc, char buf[WEB_ETAG_LEN]);

/* The 64-bit content hash of web_etag. */
uint64_t web_hash64(const void *data, size_t len);

/* Returns 1 when an If-None-Match header value matches etag ("*", or one of the listed
 * tags compared weakly: W/ prefixes are ignored, and so are the -gz and -br suffixes,
 * since every variant carries the same content).  NULL gives 0. */
int web_etag_match(const char *if_none_match, const char *etag);

/* Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") into seconds UTC.  Returns
 * HERALD_E_PARSE for anything else (obsolete formats are not accepted; the client then
 * simply gets a full response), including impossible dates (core/date.h checks them). */
herald_status web_http_date_parse(const char *s, int64_t *out);

#endif

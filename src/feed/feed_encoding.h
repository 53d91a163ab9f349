/*
 * feed_encoding.h - feed bytes to UTF-8 (internal to the feed module; see feed_encoding.c).
 */
#ifndef HERALD_FEED_ENCODING_H
#define HERALD_FEED_ENCODING_H

#include <stddef.h>

#include "core/strbuf.h"

struct feed_decoded {
    /* the UTF-8 document, XML declaration removed: points into the input (UTF-8 input is
     * validated, not copied) or into text */
    const char *utf8;
    size_t len;
    struct strbuf text;  /* storage when the input was converted; caller releases */
    char encoding[64];   /* the encoding the bytes were decoded from ("utf-8", "us-ascii") */
    const char *problem; /* static message when the feed must be flagged, else NULL */
};

/* The character a Windows-1252 byte stands for (bytes 0x80..0x9F map to the typographic
 * characters; the five unassigned ones and every other byte map to themselves). */
unsigned feed_cp1252(unsigned char b);

/* Decodes data[0..len) following RFC 3023 and the reference parser's fallbacks.
 * content_type is the HTTP header (NULL when absent); have_headers says whether the
 * document came over HTTP at all.  Always succeeds; res->text must be released. */
void feed_to_utf8(const char *data, size_t len, const char *content_type, int have_headers,
                  struct feed_decoded *res);

#endif

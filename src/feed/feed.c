/*
 * feed.c - feed_parse: bounds, format detection by content, and the hand-off to the
 * XML (feed_xml.c) or JSON Feed (json_feed.c) reader.  See feed.h for the design.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "feed/feed_encoding.h"
#include "feed/feed_int.h"
#include "feed/feed_xml.h"

#include "core/banned.h"

/* 1 when the document, after a BOM and blanks, starts with '{'. */
static int looks_like_json(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < len && isspace((unsigned char)data[i]))
        i++;
    return i < len && data[i] == '{';
}

herald_status feed_parse(const char *data, size_t len, const struct feed_parse_opts *opts,
                         struct feed **out)
{
    static const struct feed_parse_opts defaults;
    if (!out || (!data && len))
        return HERALD_E_INVALID;
    if (!opts)
        opts = &defaults;
    size_t max = opts->max_bytes ? opts->max_bytes : FEED_DEFAULT_MAX_BYTES;
    if (len > max)
        return HERALD_E_TOOBIG;
    size_t i = 0;
    while (i < len && (isspace((unsigned char)data[i]) || data[i] == 0))
        i++;
    if (i == len)
        return HERALD_E_PARSE;

    struct feed *f = xcalloc(1, sizeof(*f));
    feed_item_init(&f->head);
    herald_status rc;
    if (looks_like_json(data, len)) {
        f->encoding = xstrdup("utf-8");
        rc = feed_parse_json(data, len, opts, f);
    } else {
        struct feed_decoded dec;
        feed_to_utf8(data, len, opts->content_type, opts->content_type != NULL, &dec);
        f->encoding = xstrdup(dec.encoding);
        if (dec.problem)
            feed_set_bozo(f, dec.problem);
        rc = feed_parse_xml(dec.utf8, dec.len, opts, f);
        strbuf_release(&dec.text);
    }
    if (rc) {
        feed_free(f);
        return rc;
    }
    *out = f;
    return HERALD_OK;
}

/*
 * escape.h - the one escaping layer for everything herald writes into HTML (after cgit's
 * html_txt / html_attr).
 *
 * html_escape_text: for element content: & < > become entities.
 * html_escape_attr: for a double-quoted attribute value: & < > " ' become entities.
 * html_escape_xml: the same for XML documents (below).
 * All copy valid UTF-8 unchanged, replace invalid bytes and C0 controls other than
 * tab/newline/carriage return with U+FFFD, so no handler can write bytes a browser
 * would reinterpret.  A NULL input writes nothing.
 */
#ifndef HERALD_HTML_ESCAPE_H
#define HERALD_HTML_ESCAPE_H

#include <stddef.h>

#include "core/strbuf.h"

void html_escape_text(struct strbuf *out, const char *s);
/* For XML documents (feeds, sitemaps, OPML), text or attribute alike: html_escape_attr's
 * rules, and the non-characters U+FFFE/U+FFFF (valid UTF-8 that XML 1.0 forbids) also
 * become U+FFFD, so the output is always well-formed.  "]]>" cannot survive: '>' is
 * always escaped. */
void html_escape_xml(struct strbuf *out, const char *s);
void html_escape_attr(struct strbuf *out, const char *s);
void html_escape_text_n(struct strbuf *out, const char *s, size_t len);
void html_escape_attr_n(struct strbuf *out, const char *s, size_t len);

#endif

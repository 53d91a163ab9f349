/*
 * feed_xml.h - the RSS/Atom half of the feed parser (internal; see feed_xml.c).
 */
#ifndef HERALD_FEED_XML_H
#define HERALD_FEED_XML_H

#include <stddef.h>

#include "feed/feed.h"

/* Parses the UTF-8 XML document utf8[0..len) (declaration already removed) into f, which
 * the caller has zeroed.  opts is never NULL.  Returns HERALD_E_TOOBIG when a bound was
 * hit, HERALD_E_PARSE when no root element could be read. */
herald_status feed_parse_xml(const char *utf8, size_t len, const struct feed_parse_opts *opts,
                             struct feed *f);

#endif

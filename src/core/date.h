/*
 * date.h - dates as publishers write them, to int64 UTC seconds: the project's one date
 * parser (feeds, page metadata in extract, the web's date parameters).
 *
 * Feeds carry dates in every shape: RFC 822 as RSS 2.0 asks (and its variants in the
 * wild: missing weekday, two-digit years, named, numeric and military zones, missing
 * seconds or time, "Etc/GMT", "GMT+01:00", day and month swapped), RFC 3339 / W3C-DTF
 * as Atom asks (and MSSQL-style "2004-07-08 23:56:58"), ISO 8601's other forms
 * (ordinal dates, two-digit years, reduced precision), asctime(), Perforce
 * ("Fri, 2006/09/15 08:19:53 EDT") and a few localised forms (Greek, Hungarian and
 * the two Korean blog engines).  Each form has its own parser, tried in the order the
 * reference parser (Python feedparser) tries them; the first that accepts the string
 * wins.  A string none accepts is absent (TIME_NONE), never "now".
 *
 * Every result is validated: month 1..12, day within the month, hour < 24, minute and
 * second < 60, zone offset within +-99:99, and the UTC result within years 1..9999.
 * The functions are pure and thread-safe.  A caller that accepts fewer shapes (the web's
 * "YYYY-MM-DD" parameters) checks the shape and lets date_parse_as validate the date.
 */
#ifndef HERALD_CORE_DATE_H
#define HERALD_CORE_DATE_H

#include <stdint.h>

#include "core/status.h"

enum date_format {
    DATE_ANY = 0, /* the whole chain, as date_parse */
    DATE_W3DTF,
    DATE_RFC822,
    DATE_ISO8601,
    DATE_ASCTIME,
    DATE_PERFORCE,
    DATE_HUNGARIAN,
    DATE_GREEK,
    DATE_NATE,
    DATE_ONBLOG,
};

/* Parses the date string s (UTF-8, NUL-terminated) with every known form.  On success
 * sets *out to seconds since the epoch (UTC) and returns HERALD_OK; returns
 * HERALD_E_PARSE (and leaves *out alone) when no form accepts it or it is out of
 * range, HERALD_E_INVALID for NULL arguments. */
herald_status date_parse(const char *s, int64_t *out);

/* As date_parse, restricted to one form (DATE_ANY: all of them). */
herald_status date_parse_as(enum date_format fmt, const char *s, int64_t *out);

/* Maps a form's name as the reference parser's function is called ("rfc822",
 * "w3dtf", "iso8601", "asctime", "perforce", "hungarian", "greek", "nate", "onblog",
 * with or without a "parse_date_" prefix) to its enum; DATE_ANY when unknown. */
enum date_format date_format_from_name(const char *name);

#endif

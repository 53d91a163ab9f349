/*
 * reltime.h - "7 hours ago": the relative times shown beside articles, and the date with
 * its time of day in the site's zone (web.timezone) for everything older.
 *
 * A pure function of two UTC instants and a zone, so pages render the same way in tests
 * and in production, and the same for every reader (the page cache depends on it: the
 * reader's own zone is applied by /static/herald.js in the browser, never by the server).
 * The ladder follows how people speak about news:
 *     less than 45 s            "just now"          (also up to 60 s in the future: clock skew)
 *     45 s .. 90 s              "a minute ago"
 *     90 s .. 45 min            "N minutes ago"     (rounded)
 *     45 min .. 90 min          "an hour ago"
 *     90 min .. 24 h            "N hours ago"       (rounded, at most 23)
 *     24 h .. 48 h              "yesterday"
 *     older, or in the future   the date and time in the zone, "25 Nov 2026, 20:41 CET"
 * The exact instant always goes beside it in <time datetime>, so rounding loses nothing.
 */
#ifndef HERALD_WEB_RELTIME_H
#define HERALD_WEB_RELTIME_H

#include <stddef.h>
#include <stdint.h>

#include "core/tzone.h"

/* A buffer of this size always holds the result of either function. */
#define WEB_RELTIME_LEN 48

/* Whether then (seen at now) is shown relatively: from 60 s in the future to 48 h ago. */
int web_reltime_recent(int64_t then, int64_t now);

/* Writes the relative form of then (seen at now) into buf, or web_datetime's form when it
 * is not recent, and returns buf.  then == TIME_NONE writes "" (the caller shows nothing).
 * bufsize 0 writes nothing.  zone NULL means UTC. */
char *web_reltime(int64_t then, int64_t now, const tzone *zone, char *buf, size_t bufsize);

/* Writes "4 Dec 2026, 11:05 CET": t's date and time of day in zone (NULL: UTC) with the
 * zone's abbreviation, and returns buf.  TIME_NONE writes "". */
char *web_datetime(int64_t t, const tzone *zone, char *buf, size_t bufsize);

#endif

/*
 * reltime.h - "7 hours ago": the relative times shown beside articles.
 *
 * A pure function of two UTC instants, so pages render the same way in tests and in
 * production.  The ladder follows how people speak about news:
 *     less than 45 s            "just now"          (also up to 60 s in the future: clock skew)
 *     45 s .. 90 s              "a minute ago"
 *     90 s .. 45 min            "N minutes ago"     (rounded)
 *     45 min .. 90 min          "an hour ago"
 *     90 min .. 24 h            "N hours ago"       (rounded, at most 23)
 *     24 h .. 48 h              "yesterday"
 *     older, or in the future   the UTC date, "25 Nov 2026"
 * The exact instant always goes beside it in <time datetime>, so rounding loses nothing.
 */
#ifndef HERALD_WEB_RELTIME_H
#define HERALD_WEB_RELTIME_H

#include <stddef.h>
#include <stdint.h>

/* A buffer of this size always holds the result. */
#define WEB_RELTIME_LEN 32

/* Writes the relative form of then (seen at now) into buf and returns buf.  then ==
 * TIME_NONE writes "" (the caller shows nothing).  bufsize 0 writes nothing. */
char *web_reltime(int64_t then, int64_t now, char *buf, size_t bufsize);

#endif

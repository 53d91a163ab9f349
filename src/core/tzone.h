/*
 * tzone.h - IANA time zones ("Europe/Berlin"): the offset from UTC and the abbreviation in
 * force at an instant, for showing times of day (web.timezone).
 *
 * A zone is read once from the system's compiled tz database ($TZDIR, else
 * /usr/share/zoneinfo; RFC 8536 TZif files, version 1 to 4) into an immutable object, and
 * every lookup after that is a pure function of (zone, instant): any number of threads may
 * share one zone without a lock.  Instants past the file's last transition follow its
 * footer, the POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"), so slim and fat tzdata builds
 * give the same answers.
 *
 * Why not the C library: localtime_r reads the process-wide TZ variable, so using it means
 * setenv("TZ") before any thread starts and never again -- one zone per process, a hidden
 * global every other module (and SQLite, libcurl) would see, tests that cannot compare two
 * zones in one program, and glibc silently treats an unknown name as UTC, so a typo could
 * not be reported.  Reading the file ourselves costs a few hundred lines and gives a clear
 * error for an unknown zone, several zones per process, and no global state.
 *
 * "UTC" (and "") is built in and needs no tz database.
 */
#ifndef HERALD_CORE_TZONE_H
#define HERALD_CORE_TZONE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/timeutil.h"

typedef struct tzone tzone;

#define TZONE_ABBR_LEN 16 /* "CEST", "EST", "+0530", "-03" plus NUL, with room */

/* A local time: the civil time in the zone, its offset east of UTC in seconds, whether it
 * is daylight-saving time, and its abbreviation ("CEST"; "UTC"). */
struct tzone_local {
    struct civil_time ct;
    int32_t utoff;
    int isdst;
    char abbr[TZONE_ABBR_LEN];
};

/* Loads the zone called name (an IANA name: letters, digits, '_', '-', '+', '.', '/'; no
 * '..' component, not absolute).  *out is the caller's, freed with tzone_free.
 * HERALD_E_INVALID: a malformed name; HERALD_E_NOTFOUND: no such zone in the database;
 * HERALD_E_PARSE: the file is not a valid TZif file (also for files of the database that
 * are not zones, like zone.tab).  why (may be NULL) receives a one-line reason. */
herald_status tzone_load(const char *name, tzone **out, char *why, size_t whylen);

void tzone_free(tzone *z);

/* The name the zone was loaded by ("UTC" for the built-in one). */
const char *tzone_name(const tzone *z);

/* The local time of instant t (seconds UTC) in z.  z NULL means UTC. */
void tzone_local(const tzone *z, int64_t t, struct tzone_local *out);

#endif

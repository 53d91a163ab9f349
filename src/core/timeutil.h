/*
 * timeutil.h - UTC time as seconds since the epoch, and its textual forms.
 *
 * herald stores every time as int64 seconds UTC (TIME_NONE when absent: an unparseable
 * publication date is recorded as absent, never as "now").  Conversions use the civil-
 * from-days arithmetic (no TZ environment, no static buffers), so they are thread-safe
 * and correct for years 1..9999.
 */
#ifndef HERALD_CORE_TIMEUTIL_H
#define HERALD_CORE_TIMEUTIL_H

#include <stdint.h>
#include <stddef.h>

#define TIME_NONE INT64_MIN

struct civil_time {
    int year, month, day; /* month 1..12, day 1..31 */
    int hour, minute, second;
};

/* Seconds since the epoch of a UTC civil time; no range normalisation beyond arithmetic. */
int64_t time_from_civil(const struct civil_time *ct);
void time_to_civil(int64_t t, struct civil_time *out);
/* 0 = Monday .. 6 = Sunday. */
int time_weekday(int64_t t);

int64_t time_now(void);
/* Milliseconds from a monotonic clock, for durations. */
int64_t time_monotonic_ms(void);

#define TIME_RFC3339_LEN 21 /* "2026-11-25T20:41:07Z" plus NUL */
/* Writes "YYYY-MM-DDTHH:MM:SSZ".  Returns buf. */
char *time_format_rfc3339(int64_t t, char buf[TIME_RFC3339_LEN]);

#define TIME_HTTP_LEN 30 /* "Wed, 25 Nov 2026 20:41:07 GMT" plus NUL */
/* Writes an RFC 7231 IMF-fixdate.  Returns buf. */
char *time_format_http(int64_t t, char buf[TIME_HTTP_LEN]);

#endif

/*
 * reltime.c - see reltime.h.  Thresholds in seconds; the date form uses the civil
 * conversion of core/timeutil (UTC, no TZ, thread-safe).
 */
#include "web/reltime.h"

#include <stdio.h>

#include "core/timeutil.h"

#include "core/banned.h"

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

char *web_reltime(int64_t then, int64_t now, char *buf, size_t bufsize)
{
    int64_t d;
    struct civil_time ct;

    if (!bufsize)
        return buf;
    buf[0] = '\0';
    if (then == TIME_NONE)
        return buf;
    d = now - then;
    if (d >= -60 && d < 45) {
        snprintf(buf, bufsize, "just now");
    } else if (d >= 45 && d < 90) {
        snprintf(buf, bufsize, "a minute ago");
    } else if (d >= 90 && d < 45 * 60) {
        snprintf(buf, bufsize, "%d minutes ago", (int)((d + 30) / 60));
    } else if (d >= 45 * 60 && d < 90 * 60) {
        snprintf(buf, bufsize, "an hour ago");
    } else if (d >= 90 * 60 && d < 24 * 3600) {
        int h = (int)((d + 1800) / 3600);
        snprintf(buf, bufsize, "%d hours ago", h > 23 ? 23 : h);
    } else if (d >= 24 * 3600 && d < 48 * 3600) {
        snprintf(buf, bufsize, "yesterday");
    } else {
        time_to_civil(then, &ct);
        snprintf(buf, bufsize, "%d %s %04d", ct.day, month_abbr[(ct.month - 1) % 12], ct.year);
    }
    return buf;
}

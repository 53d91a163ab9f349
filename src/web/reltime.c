/*
 * reltime.c - see reltime.h.  Thresholds in seconds; the date form converts with
 * core/tzone (an immutable zone, no TZ environment, thread-safe).
 */
#include "web/reltime.h"

#include <stdio.h>

#include "core/timeutil.h"

#include "core/banned.h"

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int web_reltime_recent(int64_t then, int64_t now)
{
    int64_t d;
    if (then == TIME_NONE)
        return 0;
    d = now - then;
    return d >= -60 && d < 48 * 3600;
}

char *web_datetime(int64_t t, const tzone *zone, char *buf, size_t bufsize)
{
    struct tzone_local lt;
    if (!bufsize)
        return buf;
    buf[0] = '\0';
    if (t == TIME_NONE)
        return buf;
    tzone_local(zone, t, &lt);
    snprintf(buf, bufsize, "%d %s %04d, %02d:%02d %s", lt.ct.day,
             month_abbr[(lt.ct.month - 1) % 12], lt.ct.year, lt.ct.hour, lt.ct.minute, lt.abbr);
    return buf;
}

char *web_reltime(int64_t then, int64_t now, const tzone *zone, char *buf, size_t bufsize)
{
    int64_t d;

    if (!bufsize)
        return buf;
    buf[0] = '\0';
    if (then == TIME_NONE)
        return buf;
    if (!web_reltime_recent(then, now))
        return web_datetime(then, zone, buf, bufsize);
    d = now - then;
    if (d < 45) {
        snprintf(buf, bufsize, "just now");
    } else if (d < 90) {
        snprintf(buf, bufsize, "a minute ago");
    } else if (d < 45 * 60) {
        snprintf(buf, bufsize, "%d minutes ago", (int)((d + 30) / 60));
    } else if (d < 90 * 60) {
        snprintf(buf, bufsize, "an hour ago");
    } else if (d < 24 * 3600) {
        int h = (int)((d + 1800) / 3600);
        snprintf(buf, bufsize, "%d hours ago", h > 23 ? 23 : h);
    } else {
        snprintf(buf, bufsize, "yesterday");
    }
    return buf;
}

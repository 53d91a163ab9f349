/*
 * timeutil.c - see timeutil.h.  The day arithmetic is Howard Hinnant's
 * days_from_civil / civil_from_days, valid over the whole proleptic Gregorian calendar.
 */
#include "core/timeutil.h"

#include <string.h>
#include <time.h>

#include "core/banned.h"

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t time_from_civil(const struct civil_time *ct)
{
    return days_from_civil(ct->year, ct->month, ct->day) * 86400 + ct->hour * 3600 +
           ct->minute * 60 + ct->second;
}

void time_to_civil(int64_t t, struct civil_time *out)
{
    int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    out->year = (int)(yoe + era * 400 + (m <= 2));
    out->month = m;
    out->day = d;
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs % 3600 / 60);
    out->second = (int)(secs % 60);
}

int time_weekday(int64_t t)
{
    int64_t days = t / 86400;
    if (t % 86400 < 0)
        days--;
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    int64_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int64_t time_now(void)
{
    return (int64_t)time(NULL);
}

int64_t time_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Writes v as exactly width decimal digits (v is taken modulo 10^width). */
static void put_digits(char *p, int v, int width)
{
    if (v < 0)
        v = -v;
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

char *time_format_rfc3339(int64_t t, char buf[TIME_RFC3339_LEN])
{
    struct civil_time ct;
    time_to_civil(t, &ct);
    memcpy(buf, "0000-00-00T00:00:00Z", TIME_RFC3339_LEN);
    put_digits(buf, ct.year, 4);
    put_digits(buf + 5, ct.month, 2);
    put_digits(buf + 8, ct.day, 2);
    put_digits(buf + 11, ct.hour, 2);
    put_digits(buf + 14, ct.minute, 2);
    put_digits(buf + 17, ct.second, 2);
    return buf;
}

char *time_format_http(int64_t t, char buf[TIME_HTTP_LEN])
{
    static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct civil_time ct;
    time_to_civil(t, &ct);
    memcpy(buf, "Www, 00 Mmm 0000 00:00:00 GMT", TIME_HTTP_LEN);
    memcpy(buf, wd[time_weekday(t)], 3);
    put_digits(buf + 5, ct.day, 2);
    memcpy(buf + 8, mon[ct.month - 1], 3);
    put_digits(buf + 12, ct.year, 4);
    put_digits(buf + 17, ct.hour, 2);
    put_digits(buf + 20, ct.minute, 2);
    put_digits(buf + 23, ct.second, 2);
    return buf;
}

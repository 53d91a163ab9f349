/*
 * date.c - the date parsers of date.h.
 *
 * Each form is a small hand-written scanner over the string (no regex library): the
 * strings are short and the forms are few, and a scanner states exactly what it
 * accepts.  The localised forms are rewritten into an RFC 822 or W3C-DTF string and
 * handed to those parsers, as the reference parser does.  All of them end in
 * make_time(), which validates the civil fields and applies the zone offset.
 */
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"

#include "core/banned.h"

#define DATE_MAXLEN 256

static const char *const month_abbr[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const day_abbr[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Validates the local civil time and subtracts the zone offset (minutes east). */
static herald_status make_time(int y, int mo, int d, int h, int mi, int s, int tzmin, int64_t *out)
{
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return HERALD_E_PARSE;
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
        return HERALD_E_PARSE;
    struct civil_time ct = {y, mo, d, h, mi, s};
    int64_t t = time_from_civil(&ct) - (int64_t)tzmin * 60;
    struct civil_time chk;
    time_to_civil(t, &chk);
    if (chk.year < 1 || chk.year > 9999)
        return HERALD_E_PARSE;
    *out = t;
    return HERALD_OK;
}

/* Parses all of s[0..n) as a non-negative decimal; -1 when empty or not all digits. */
static int parse_uint(const char *s, size_t n)
{
    if (n == 0 || n > 9)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int parse_uint_s(const char *s)
{
    return parse_uint(s, strlen(s));
}

/* Lower-cases s into buf (ASCII only). */
static void lower_copy(char *buf, size_t size, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < size; i++)
        buf[i] = (char)tolower((unsigned char)s[i]);
    buf[i] = 0;
}

/* Splits buf in place on ASCII whitespace; returns the count (at most max). */
static int split_ws(char *buf, char **parts, int max)
{
    int n = 0;
    char *p = buf;
    while (*p) {
        while (*p && isspace((unsigned char)*p))
            *p++ = 0;
        if (!*p)
            break;
        if (n == max)
            return max + 1;
        parts[n++] = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
    }
    return n;
}

static int month_index(const char *s)
{
    for (int i = 0; i < 12; i++)
        if (strncmp(s, month_abbr[i], 3) == 0)
            return i + 1;
    return 0;
}

static int is_day_name(const char *s)
{
    for (int i = 0; i < 7; i++)
        if (strncmp(s, day_abbr[i], 3) == 0)
            return 1;
    return 0;
}

/* Named zones: hours east of UTC (the reference parser's table plus military letters). */
static int zone_hours(const char *z, int *hours)
{
    static const struct {
        const char *name;
        int hours;
    } zones[] = {{"ut", 0},    {"utc", 0},  {"gmt", 0},  {"z", 0},    {"adt", -3},  {"ast", -4},
                 {"at", -4},   {"edt", -4}, {"est", -5}, {"et", -5},  {"cdt", -5},  {"cst", -6},
                 {"ct", -6},   {"mdt", -6}, {"mst", -7}, {"mt", -7},  {"pdt", -7},  {"pst", -8},
                 {"pt", -8},   {"met", 1},  {"mest", 2}, {"cet", 1},  {"cest", 2},  {"bst", 1},
                 {"wet", 0},   {"west", 1}, {"eet", 2},  {"eest", 3}, {"hst", -10}, {"akst", -9},
                 {"akdt", -8}, {"jst", 9},  {"kst", 9},  {"ist", 5}};
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
        if (strcmp(z, zones[i].name) == 0) {
            *hours = zones[i].hours;
            return 1;
        }
    }
    if (z[0] >= 'a' && z[0] <= 'y' && z[0] != 'j' && z[1] == 0) {
        int c = z[0];
        *hours = c <= 'i' ? -(c - 'a' + 1) : c <= 'm' ? -(c - 'a') : c - 'n' + 1;
        return 1;
    }
    return 0;
}

/* "+hhmm", "-hh:mm", "+hh"; returns minutes east through *min, 0 on a malformed one. */
static int numeric_zone(const char *z, int *min)
{
    int sign = z[0] == '-' ? -1 : 1;
    const char *p = z + 1;
    size_t n = strlen(p);
    int h, m = 0;
    if (n >= 2 && p[2] == ':') {
        h = parse_uint(p, 2);
        m = parse_uint(p + 3, n - 3);
    } else if (n <= 2) {
        h = parse_uint(p, n);
    } else {
        h = parse_uint(p, 2);
        m = parse_uint(p + 2, n - 2);
    }
    if (h < 0 || m < 0 || m > 99)
        return 0;
    *min = sign * (h * 60 + m);
    return 1;
}

static herald_status parse_rfc822(const char *s, int64_t *out)
{
    char buf[DATE_MAXLEN];
    char *parts[12];
    char extra_t[] = "00:00:00", extra_z[] = "0000";
    if (strlen(s) >= sizeof(buf))
        return HERALD_E_PARSE;
    lower_copy(buf, sizeof(buf), s);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = ' ';
    int n = split_ws(buf, parts, 10);
    if (n > 10 || n == 0)
        return HERALD_E_PARSE;
    if (n < 5) {
        parts[n++] = extra_t;
        parts[n++] = extra_z;
    }
    int i = 0;
    if (is_day_name(parts[0]))
        i = 1;
    if (n - i < 5)
        return HERALD_E_PARSE;
    char **p = parts + i;
    int day = parse_uint_s(p[0]);
    int month;
    if (day < 0) {
        /* "Aug 30 2012": month and day swapped */
        month = month_index(p[0]);
        day = parse_uint_s(p[1]);
    } else {
        month = month_index(p[1]);
    }
    if (day < 0 || month == 0)
        return HERALD_E_PARSE;
    int year = parse_uint_s(p[2]);
    if (year < 0)
        return HERALD_E_PARSE;
    if (strlen(p[2]) <= 2)
        year += year < 90 ? 2000 : 1900;
    /* time: h[:m[:s]] */
    int tp[3] = {0, 0, 0}, nt = 0;
    char *t = p[3];
    while (1) {
        char *c = strchr(t, ':');
        size_t len = c ? (size_t)(c - t) : strlen(t);
        if (nt == 3)
            return HERALD_E_PARSE;
        tp[nt] = parse_uint(t, len);
        if (tp[nt] < 0)
            return HERALD_E_PARSE;
        nt++;
        if (!c)
            break;
        t = c + 1;
    }
    char *z = p[4];
    int tzmin = 0;
    if (strncmp(z, "etc/", 4) == 0)
        z += 4;
    char zbuf[32];
    if (strncmp(z, "gmt", 3) == 0 && z[3]) {
        size_t k = 0;
        for (const char *q = z + 3; *q && k + 1 < sizeof(zbuf); q++)
            if (*q != ':')
                zbuf[k++] = *q;
        zbuf[k] = 0;
        z = zbuf;
    }
    if (z[0] == '+' || z[0] == '-') {
        if (!numeric_zone(z, &tzmin))
            return HERALD_E_PARSE;
    } else {
        int h = 0;
        zone_hours(z, &h); /* unknown names count as UTC, as the reference does */
        tzmin = h * 60;
    }
    return make_time(year, month, day, tp[0], tp[1], tp[2], tzmin, out);
}

static herald_status parse_w3dtf(const char *s, int64_t *out)
{
    char buf[DATE_MAXLEN];
    if (strlen(s) >= sizeof(buf))
        return HERALD_E_PARSE;
    lower_copy(buf, sizeof(buf), s);
    char *p = buf;
    while (isspace((unsigned char)*p))
        p++;
    if (!*p)
        return HERALD_E_PARSE;
    char *date = p, *time = NULL, *zone = NULL;
    char *tsep = strchr(p, 't');
    if (tsep) {
        if (strchr(tsep + 1, 't'))
            return HERALD_E_PARSE;
        *tsep = 0;
        time = tsep + 1;
    } else {
        char *parts[4];
        int n = split_ws(p, parts, 3);
        if (n > 3 || n == 0)
            return HERALD_E_PARSE;
        date = parts[0];
        time = n > 1 ? parts[1] : NULL;
        zone = n > 2 ? parts[2] : NULL;
    }
    /* date: YYYY[-MM[-DD]] */
    int dv[3] = {0, 1, 1};
    {
        char *q = date;
        for (int k = 0; k < 3; k++) {
            char *dash = k < 2 ? strchr(q, '-') : NULL;
            size_t len = dash ? (size_t)(dash - q) : strlen(q);
            if (k == 0 && len != 4)
                return HERALD_E_PARSE;
            dv[k] = parse_uint(q, len);
            if (dv[k] < 0)
                return HERALD_E_PARSE;
            if (!dash)
                break;
            q = dash + 1;
        }
    }
    int tzmin = 0, h = 0, mi = 0, sec = 0;
    char zbuf[40] = "";
    if (time && *time) {
        size_t tl = strlen(time);
        if (time[tl - 1] == 'z') {
            time[--tl] = 0;
            if (!zone)
                zone = "z";
        }
        char *sign = strpbrk(time, "+-");
        if (sign) {
            snprintf(zbuf, sizeof(zbuf), "%s", sign);
            *sign = 0;
            if (!zone)
                zone = zbuf;
        }
        /* h:m[:s[.frac]] */
        char *c1 = strchr(time, ':');
        if (!c1)
            return HERALD_E_PARSE;
        h = parse_uint(time, (size_t)(c1 - time));
        char *c2 = strchr(c1 + 1, ':');
        mi = parse_uint(c1 + 1, c2 ? (size_t)(c2 - c1 - 1) : strlen(c1 + 1));
        if (h < 0 || mi < 0)
            return HERALD_E_PARSE;
        if (c2) {
            char *end;
            double d = strtod(c2 + 1, &end);
            if (end == c2 + 1 || *end || d < 0 || d >= 60)
                return HERALD_E_PARSE;
            sec = (int)d;
        }
    }
    if (zone && *zone) {
        if (zone[0] == '+' || zone[0] == '-') {
            int zh = parse_uint(zone + 1, 2), zm = 0;
            size_t zl = strlen(zone);
            if (zl > 3) {
                const char *m = zone[3] == ':' ? zone + 4 : zone + 3;
                zm = parse_uint(m, strlen(m));
            }
            if (zh < 0 || zm < 0)
                return HERALD_E_PARSE;
            tzmin = (zone[0] == '-' ? -1 : 1) * (zh * 60 + zm);
        } else {
            int zhours = 0;
            zone_hours(zone, &zhours);
            tzmin = zhours * 60;
        }
    }
    return make_time(dv[0], dv[1], dv[2], h, mi, sec, tzmin, out);
}

/* ---- ISO 8601: the reference parser's templates, matched as a prefix ---- */

static const char *const iso_templates[] = {
    "YYYY-?MM-?DD", "YYYY-0MM-?DD", "YYYY-MM", "YYYY-?OOO", "YY-?MM-?DD",
    "YY-?OOO",      "YYYY",         "-YY-?MM", "-OOO",      "-YY",
    "--MM-?DD",     "--MM",         "---DD",   "CC",        "",
};

struct iso_fields {
    int year, month, day, ordinal, century;
    int yy; /* two-digit year */
};

static int digits_at(const char *s, int n, const char *first_class)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    if (first_class && !strchr(first_class, s[0]))
        return -1;
    return parse_uint(s, (size_t)n);
}

/* Matches template t at s; returns chars consumed or -1. */
static int iso_match(const char *t, const char *s, struct iso_fields *f)
{
    const char *p = s;
    memset(f, 0, sizeof(*f));
    f->year = f->month = f->day = f->ordinal = f->century = f->yy = -1;
    while (*t) {
        int v;
        if (strncmp(t, "YYYY", 4) == 0) {
            v = digits_at(p, 4, NULL);
            if (v < 0)
                return -1;
            f->year = v;
            p += 4;
            t += 4;
        } else if (strncmp(t, "YY", 2) == 0) {
            v = digits_at(p, 2, NULL);
            if (v < 0)
                return -1;
            f->yy = v;
            p += 2;
            t += 2;
        } else if (strncmp(t, "MM", 2) == 0) {
            v = digits_at(p, 2, "01");
            if (v < 0)
                return -1;
            f->month = v;
            p += 2;
            t += 2;
        } else if (strncmp(t, "DD", 2) == 0) {
            v = digits_at(p, 2, "0123");
            if (v < 0)
                return -1;
            f->day = v;
            p += 2;
            t += 2;
        } else if (strncmp(t, "OOO", 3) == 0) {
            v = digits_at(p, 3, "0123");
            if (v < 0)
                return -1;
            f->ordinal = v;
            p += 3;
            t += 3;
        } else if (strncmp(t, "CC", 2) == 0) {
            v = digits_at(p, 2, NULL);
            if (v < 0 || p[2])
                return -1;
            f->century = v;
            p += 2;
            t += 2;
        } else if (t[0] == '-' && t[1] == '?') {
            if (*p == '-')
                p++;
            t += 2;
        } else if (t[1] == '?') {
            if (*p == t[0])
                p++;
            t += 2;
        } else {
            if (*p != *t)
                return -1;
            p++;
            t++;
        }
    }
    return (int)(p - s);
}

static herald_status parse_iso8601(const char *s, int64_t *out)
{
    if (strlen(s) >= DATE_MAXLEN)
        return HERALD_E_PARSE;
    struct iso_fields f;
    int used = -1;
    for (size_t i = 0; i < sizeof(iso_templates) / sizeof(iso_templates[0]); i++) {
        used = iso_match(iso_templates[i], s, &f);
        if (used >= 0)
            break;
    }
    if (used < 0)
        return HERALD_E_PARSE;
    const char *p = s + used;
    /* optional time: T?hh:mm[:ss][.frac][zone] */
    int h = 0, mi = 0, sec = 0, tzmin = 0, basic = 0;
    const char *q = p;
    if (*q == 'T')
        q++;
    /* the basic format, "T0415" or "T041500", only after an explicit T */
    if (q > p && isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) &&
        isdigit((unsigned char)q[2]) && isdigit((unsigned char)q[3]))
        basic = 1;
    if (basic || (isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) && q[2] == ':' &&
                  isdigit((unsigned char)q[3]) && isdigit((unsigned char)q[4]))) {
        const char *sep = basic ? "" : ":";
        size_t step = basic ? 2 : 3;
        h = parse_uint(q, 2);
        mi = parse_uint(q + step, 2);
        q += step + 2;
        if ((basic || q[0] == ':') && isdigit((unsigned char)q[strlen(sep)]) &&
            isdigit((unsigned char)q[strlen(sep) + 1])) {
            sec = parse_uint(q + strlen(sep), 2);
            q += strlen(sep) + 2;
        }
        if (q[0] == '.' && isdigit((unsigned char)q[1])) {
            q++;
            while (isdigit((unsigned char)*q))
                q++;
        }
        if ((q[0] == '+' || q[0] == '-') && isdigit((unsigned char)q[1]) &&
            isdigit((unsigned char)q[2])) {
            int zh = parse_uint(q + 1, 2), zm = 0;
            int sign = q[0] == '-' ? -1 : 1;
            if (q[3] == ':' && isdigit((unsigned char)q[4]) && isdigit((unsigned char)q[5])) {
                zm = parse_uint(q + 4, 2);
                q += 3;
            } else if (isdigit((unsigned char)q[3]) && isdigit((unsigned char)q[4])) {
                zm = parse_uint(q + 3, 2); /* "+0100" */
                q += 2;
            }
            tzmin = sign * (zh * 60 + zm);
            q += 3;
        } else if (q[0] == 'Z') {
            q++;
        }
    } else if (used == 0) {
        return HERALD_E_PARSE; /* the empty template with no time matches nothing */
    }
    /* unlike the reference, the whole string must be consumed: "2004년 05월 28일" is not
     * the year 2004 */
    if (q < p)
        q = p;
    while (isspace((unsigned char)*q))
        q++;
    if (*q)
        return HERALD_E_PARSE;
    int64_t now = time_now();
    struct civil_time nowc;
    time_to_civil(now, &nowc);
    int year = f.year;
    if (year < 0 && f.yy >= 0)
        year = nowc.year / 100 * 100 + f.yy;
    if (year < 0 && f.century >= 0)
        year = f.century * 100 + 1;
    if (year < 0)
        year = nowc.year;
    int month = f.month, day = f.day;
    if (f.ordinal >= 0) {
        if (f.ordinal < 1 || f.ordinal > (is_leap(year) ? 366 : 365))
            return HERALD_E_PARSE;
        int o = f.ordinal;
        month = 1;
        while (o > days_in_month(year, month)) {
            o -= days_in_month(year, month);
            month++;
        }
        day = o;
    }
    if (month < 0)
        month = 1;
    if (day < 0)
        day = 1;
    return make_time(year, month, day, h, mi, sec, tzmin, out);
}

static herald_status parse_asctime(const char *s, int64_t *out)
{
    char buf[DATE_MAXLEN], re[DATE_MAXLEN + 16];
    char *parts[8];
    if (strlen(s) >= sizeof(buf))
        return HERALD_E_PARSE;
    snprintf(buf, sizeof(buf), "%s", s);
    int n = split_ws(buf, parts, 6);
    if (n == 5) {
        snprintf(re, sizeof(re), "%s %s %s %s %s +0000", parts[0], parts[2], parts[1], parts[4],
                 parts[3]);
    } else if (n == 6) {
        snprintf(re, sizeof(re), "%s %s %s %s %s %s", parts[0], parts[2], parts[1], parts[5],
                 parts[3], parts[4]);
    } else {
        return HERALD_E_PARSE;
    }
    return parse_rfc822(re, out);
}

/* "Fri, 2006/09/15 08:19:53 EDT" */
static herald_status parse_perforce(const char *s, int64_t *out)
{
    char dow[8], tz[16];
    int y, mo, d, h, mi, sec, used = 0;
    if (sscanf(s, "%3[A-Za-z], %4d/%2d/%2d %2d:%2d:%2d %15s%n", dow, &y, &mo, &d, &h, &mi, &sec, tz,
               &used) != 8)
        return HERALD_E_PARSE;
    if (mo < 1 || mo > 12)
        return HERALD_E_PARSE;
    char re[96];
    snprintf(re, sizeof(re), "%s, %02d %s %04d %02d:%02d:%02d %s", dow, d, month_abbr[mo - 1], y, h,
             mi, sec, tz);
    return parse_rfc822(re, out);
}

/* Replaces the first occurrence of a table key at s (prefix match) with its value. */
static const char *table_lookup(const char *const (*tab)[2], size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(tab[i][0]) == len && memcmp(tab[i][0], s, len) == 0)
            return tab[i][1];
    return NULL;
}

static herald_status parse_greek(const char *s, int64_t *out)
{
    static const char *const months[][2] = {
        {"Ιαν", "Jan"},  {"Φεβ", "Feb"}, {"Μάώ", "Mar"}, {"Μαώ", "Mar"},  {"Απρ", "Apr"},
        {"Μάι", "May"},  {"Μαϊ", "May"}, {"Μαι", "May"}, {"Ιούν", "Jun"}, {"Ιον", "Jun"},
        {"Ιούλ", "Jul"}, {"Ιολ", "Jul"}, {"Αύγ", "Aug"}, {"Αυγ", "Aug"},  {"Σεπ", "Sep"},
        {"Οκτ", "Oct"},  {"Νοέ", "Nov"}, {"Νοε", "Nov"}, {"Δεκ", "Dec"}};
    static const char *const days[][2] = {{"Κυρ", "Sun"}, {"Δευ", "Mon"}, {"Τρι", "Tue"},
                                          {"Τετ", "Wed"}, {"Πεμ", "Thu"}, {"Παρ", "Fri"},
                                          {"Σαβ", "Sat"}};
    char buf[DATE_MAXLEN], re[DATE_MAXLEN];
    char *parts[8];
    if (strlen(s) >= sizeof(buf))
        return HERALD_E_PARSE;
    snprintf(buf, sizeof(buf), "%s", s);
    int n = split_ws(buf, parts, 6);
    if (n != 6)
        return HERALD_E_PARSE;
    size_t dl = strlen(parts[0]);
    if (dl < 2 || parts[0][dl - 1] != ',')
        return HERALD_E_PARSE;
    const char *dow = table_lookup(days, sizeof(days) / sizeof(days[0]), parts[0], dl - 1);
    const char *mon =
        table_lookup(months, sizeof(months) / sizeof(months[0]), parts[2], strlen(parts[2]));
    if (!dow || !mon || strlen(parts[1]) != 2 || strlen(parts[3]) != 4)
        return HERALD_E_PARSE;
    snprintf(re, sizeof(re), "%s, %s %s %s %s %s", dow, parts[1], mon, parts[3], parts[4],
             parts[5]);
    return parse_rfc822(re, out);
}

/* "2004-július-13T9:15-05:00" */
static herald_status parse_hungarian(const char *s, int64_t *out)
{
    static const char *const months[][2] = {
        {"január", "01"},    {"februári", "02"},   {"március", "03"}, {"április", "04"},
        {"máujus", "05"},    {"május", "05"},      {"június", "06"},  {"július", "07"},
        {"augusztus", "08"}, {"szeptember", "09"}, {"október", "10"}, {"november", "11"},
        {"december", "12"}};
    int y, d, h, mi, used = 0;
    char mon[32], zone[16];
    if (sscanf(s, "%4d-%31[^-]-%2dT%2d:%2d%15s%n", &y, mon, &d, &h, &mi, zone, &used) != 6 ||
        s[used])
        return HERALD_E_PARSE;
    const char *m = table_lookup(months, sizeof(months) / sizeof(months[0]), mon, strlen(mon));
    if (!m || (zone[0] != '+' && zone[0] != '-'))
        return HERALD_E_PARSE;
    char re[64];
    snprintf(re, sizeof(re), "%04d-%s-%02dT%02d:%02d%s", y, m, d, h, mi, zone);
    return parse_w3dtf(re, out);
}

/* "2004-05-25 오후 11:23:17" (Korean, +09:00) */
static herald_status parse_nate(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec;
    char ampm[16];
    if (sscanf(s, "%4d-%2d-%2d %15s %2d:%2d:%2d", &y, &mo, &d, ampm, &h, &mi, &sec) != 7)
        return HERALD_E_PARSE;
    if (strcmp(ampm, "오후") == 0)
        h += 12;
    else if (strcmp(ampm, "오전") != 0)
        return HERALD_E_PARSE;
    return make_time(y, mo, d, h, mi, sec, 9 * 60, out);
}

/* "2004년 05월 28일  01:31:15" (Korean, +09:00) */
static herald_status parse_onblog(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec;
    if (sscanf(s, "%4d년 %2d월 %2d일 %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6)
        return HERALD_E_PARSE;
    return make_time(y, mo, d, h, mi, sec, 9 * 60, out);
}

typedef herald_status (*date_fn)(const char *, int64_t *);

static const struct {
    enum date_format fmt;
    const char *name;
    date_fn fn;
} chain[] = {
    {DATE_W3DTF, "w3dtf", parse_w3dtf},          {DATE_RFC822, "rfc822", parse_rfc822},
    {DATE_ISO8601, "iso8601", parse_iso8601},    {DATE_ASCTIME, "asctime", parse_asctime},
    {DATE_PERFORCE, "perforce", parse_perforce}, {DATE_HUNGARIAN, "hungarian", parse_hungarian},
    {DATE_GREEK, "greek", parse_greek},          {DATE_NATE, "nate", parse_nate},
    {DATE_ONBLOG, "onblog", parse_onblog},
};

herald_status date_parse_as(enum date_format fmt, const char *s, int64_t *out)
{
    if (!s || !out)
        return HERALD_E_INVALID;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return HERALD_E_PARSE;
    for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++) {
        if (fmt != DATE_ANY && fmt != chain[i].fmt)
            continue;
        int64_t t;
        herald_status rc = chain[i].fn(s, &t);
        if (rc == HERALD_OK) {
            *out = t;
            return HERALD_OK;
        }
    }
    return HERALD_E_PARSE;
}

herald_status date_parse(const char *s, int64_t *out)
{
    return date_parse_as(DATE_ANY, s, out);
}

enum date_format date_format_from_name(const char *name)
{
    if (!name)
        return DATE_ANY;
    if (strncmp(name, "parse_date_", 11) == 0)
        name += 11;
    for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++)
        if (strcmp(name, chain[i].name) == 0)
            return chain[i].fmt;
    return DATE_ANY;
}

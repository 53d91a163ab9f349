/*
 * tzone.c - see tzone.h.  The TZif file (RFC 8536) is parsed once into sorted transition
 * times, each with an index into a table of local time types (offset, DST flag,
 * abbreviation); a lookup is a binary search.  For a version 2+ file only the 64-bit block
 * is used (the 32-bit one is skipped).  Before the first transition the first type applies
 * (RFC 8536 3.2); at or after the last one the footer's POSIX TZ rule decides, when there
 * is one, else the last transition's type.
 *
 * The POSIX rule is "std offset [dst [offset] [,start[/time],end[/time]]]" with names
 * either alphabetic or <quoted>, offsets positive west of Greenwich, and dates as Mm.w.d
 * (day d of week w of month m, w 5 = the last), Jn (1..365, never counting 29 February)
 * or n (0..365, counting it).  A year's two switches are computed in UTC and compared with
 * the instant; the rule is evaluated for the instant's year in standard time.
 *
 * Invariants after a successful load: 1 <= ntypes <= 256, every transition's index is
 * below ntypes, every abbreviation is NUL-terminated within TZONE_ABBR_LEN, transitions
 * ascend strictly.
 */
#include "core/tzone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/strbuf.h"

#include "core/banned.h"

#define TZIF_MAX_BYTES (256 * 1024)
#define TZIF_MAX_TRANSITIONS 20000

struct tz_type {
    int32_t utoff;
    int isdst;
    char abbr[TZONE_ABBR_LEN];
};

/* A switch of the POSIX rule: kind 'M' (month, week, day), 'J' (1..365 without 29 Feb) or
 * 'n' (0..365), and the local time of day it happens at, in seconds. */
struct rule_date {
    char kind;
    int month, week, day, n;
    int32_t secs;
};

struct posix_rule {
    struct tz_type std, dst;
    int has_dst;
    struct rule_date start, end;
};

struct tzone {
    char *name;
    int64_t *trans; /* ascending */
    uint8_t *idx;   /* type of each transition */
    size_t ntrans;
    struct tz_type *types;
    size_t ntypes;
    int has_rule;
    struct posix_rule rule;
};

/* why = before 'name' after */
static void set_why(char *why, size_t whylen, const char *before, const char *name,
                    const char *after)
{
    if (why && whylen)
        snprintf(why, whylen, "%s'%s'%s", before, name, after);
}

static struct tzone *utc_new(const char *name)
{
    struct tzone *z = xcalloc(1, sizeof(*z));
    z->name = xstrdup(name);
    z->types = xcalloc(1, sizeof(*z->types));
    memcpy(z->types[0].abbr, "UTC", 4);
    z->ntypes = 1;
    return z;
}

void tzone_free(tzone *z)
{
    if (!z)
        return;
    free(z->name);
    free(z->trans);
    free(z->idx);
    free(z->types);
    free(z);
}

const char *tzone_name(const tzone *z)
{
    return z ? z->name : "UTC";
}

/* ---- the POSIX TZ rule ------------------------------------------------------------ */

/* An abbreviation: 3+ letters, or <...> of letters, digits, '+' and '-'. */
static const char *parse_abbr(const char *p, char out[TZONE_ABBR_LEN])
{
    size_t n = 0;
    if (*p == '<') {
        p++;
        while (*p && *p != '>') {
            char c = *p;
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '+' || c == '-') ||
                n + 1 >= TZONE_ABBR_LEN)
                return NULL;
            out[n++] = c;
            p++;
        }
        if (*p != '>')
            return NULL;
        p++;
    } else {
        while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
            if (n + 1 >= TZONE_ABBR_LEN)
                return NULL;
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    return n >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]] with hh up to max_h, as seconds. */
static const char *parse_hms(const char *p, int max_h, int32_t *out)
{
    int sign = 1, part[3] = {0, 0, 0};
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    for (int i = 0; i < 3; i++) {
        int v = 0, digits = 0;
        if (i > 0) {
            if (*p != ':')
                break;
            p++;
        }
        while (*p >= '0' && *p <= '9' && digits < 3) {
            v = v * 10 + (*p++ - '0');
            digits++;
        }
        if (!digits || (i == 0 && v > max_h) || (i > 0 && v > 59))
            return NULL;
        part[i] = v;
    }
    *out = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
    return p;
}

static const char *parse_num(const char *p, int lo, int hi, int *out)
{
    int v = 0, digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 4) {
        v = v * 10 + (*p++ - '0');
        digits++;
    }
    if (!digits || v < lo || v > hi)
        return NULL;
    *out = v;
    return p;
}

static const char *parse_date(const char *p, struct rule_date *d)
{
    memset(d, 0, sizeof(*d));
    if (*p == 'M') {
        d->kind = 'M';
        p = parse_num(p + 1, 1, 12, &d->month);
        if (!p || *p != '.')
            return NULL;
        p = parse_num(p + 1, 1, 5, &d->week);
        if (!p || *p != '.')
            return NULL;
        p = parse_num(p + 1, 0, 6, &d->day);
    } else if (*p == 'J') {
        d->kind = 'J';
        p = parse_num(p + 1, 1, 365, &d->n);
    } else {
        d->kind = 'n';
        p = parse_num(p, 0, 365, &d->n);
    }
    if (!p)
        return NULL;
    d->secs = 2 * 3600;
    if (*p == '/')
        p = parse_hms(p + 1, 167, &d->secs);
    return p;
}

/* Parses the footer's rule; 0 on success. */
static int parse_rule(const char *s, struct posix_rule *r)
{
    const char *p = s;
    int32_t off;
    memset(r, 0, sizeof(*r));
    p = parse_abbr(p, r->std.abbr);
    if (!p)
        return -1;
    p = parse_hms(p, 24, &off);
    if (!p)
        return -1;
    r->std.utoff = -off;
    if (!*p)
        return 0;
    p = parse_abbr(p, r->dst.abbr);
    if (!p)
        return -1;
    r->has_dst = 1;
    r->dst.isdst = 1;
    r->dst.utoff = r->std.utoff + 3600;
    if (*p && *p != ',') {
        p = parse_hms(p, 24, &off);
        if (!p)
            return -1;
        r->dst.utoff = -off;
    }
    if (!*p) { /* no dates: POSIX leaves them to the implementation; the US rule is usual */
        p = "M3.2.0,M11.1.0";
    } else if (*p++ != ',') {
        return -1;
    }
    p = parse_date(p, &r->start);
    if (!p || *p++ != ',')
        return -1;
    p = parse_date(p, &r->end);
    return p && !*p ? 0 : -1;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Seconds from the epoch to local midnight (as if UTC) of the rule's day in year y. */
static int64_t rule_day(const struct rule_date *d, int y)
{
    struct civil_time ct = {y, 1, 1, 0, 0, 0};
    if (d->kind == 'J') {
        int n = d->n - 1;
        if (is_leap(y) && d->n >= 60)
            n++;
        return time_from_civil(&ct) + (int64_t)n * 86400;
    }
    if (d->kind == 'n')
        return time_from_civil(&ct) + (int64_t)d->n * 86400;
    ct.month = d->month;
    int64_t first = time_from_civil(&ct);
    struct civil_time next = {
        d->month == 12 ? y + 1 : y, d->month == 12 ? 1 : d->month + 1, 1, 0, 0, 0};
    int mdays = (int)((time_from_civil(&next) - first) / 86400);
    int wd_first = (time_weekday(first) + 1) % 7; /* Sunday = 0, as in the rule */
    int day = 1 + (d->day - wd_first + 7) % 7 + (d->week - 1) * 7;
    while (day > mdays)
        day -= 7;
    return first + (int64_t)(day - 1) * 86400;
}

static const struct tz_type *rule_type(const struct posix_rule *r, int64_t t)
{
    struct civil_time ct;
    int64_t start, end;
    int in_dst;
    if (!r->has_dst)
        return &r->std;
    time_to_civil(t + r->std.utoff, &ct);
    /* each switch happens at a local time given in the time in force before it */
    start = rule_day(&r->start, ct.year) + r->start.secs - r->std.utoff;
    end = rule_day(&r->end, ct.year) + r->end.secs - r->dst.utoff;
    if (start < end)
        in_dst = t >= start && t < end;
    else /* the southern hemisphere: DST spans the new year */
        in_dst = !(t >= end && t < start);
    return in_dst ? &r->dst : &r->std;
}

/* ---- TZif --------------------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_counts {
    size_t isut, isstd, leap, time, type, chars;
};

/* The header at p (44 bytes); 0 when it is one. */
static int read_header(const unsigned char *p, size_t len, char *version, struct tzif_counts *c)
{
    if (len < 44 || memcmp(p, "TZif", 4) != 0)
        return -1;
    *version = (char)p[4];
    c->isut = be32(p + 20);
    c->isstd = be32(p + 24);
    c->leap = be32(p + 28);
    c->time = be32(p + 32);
    c->type = be32(p + 36);
    c->chars = be32(p + 40);
    if (c->type < 1 || c->type > 256 || c->time > TZIF_MAX_TRANSITIONS || c->chars > 65536 ||
        c->leap > 65536 || (c->isut && c->isut != c->type) || (c->isstd && c->isstd != c->type))
        return -1;
    return 0;
}

static size_t block_len(const struct tzif_counts *c, size_t tsize)
{
    return c->time * tsize + c->time + c->type * 6 + c->chars + c->leap * (tsize + 4) + c->isstd +
           c->isut;
}

static herald_status parse_tzif(struct tzone *z, const unsigned char *p, size_t len)
{
    char version;
    struct tzif_counts c;
    size_t tsize = 4, off;
    const unsigned char *chars;
    if (read_header(p, len, &version, &c))
        return HERALD_E_PARSE;
    if (version >= '2') { /* skip the 32-bit block to the 64-bit one */
        off = 44 + block_len(&c, 4);
        if (off > len || read_header(p + off, len - off, &version, &c))
            return HERALD_E_PARSE;
        p += off;
        len -= off;
        tsize = 8;
    }
    off = 44;
    if (block_len(&c, tsize) > len - off)
        return HERALD_E_PARSE;
    z->ntrans = c.time;
    z->trans = xcalloc(c.time ? c.time : 1, sizeof(*z->trans));
    z->idx = xcalloc(c.time ? c.time : 1, 1);
    z->ntypes = c.type;
    z->types = xcalloc(c.type, sizeof(*z->types));
    for (size_t i = 0; i < c.time; i++) {
        z->trans[i] = tsize == 8 ? be64(p + off + i * 8) : (int32_t)be32(p + off + i * 4);
        if (i && z->trans[i] <= z->trans[i - 1])
            return HERALD_E_PARSE;
    }
    off += c.time * tsize;
    for (size_t i = 0; i < c.time; i++) {
        z->idx[i] = p[off + i];
        if (z->idx[i] >= c.type)
            return HERALD_E_PARSE;
    }
    off += c.time;
    chars = p + off + c.type * 6;
    for (size_t i = 0; i < c.type; i++) {
        const unsigned char *t = p + off + i * 6;
        size_t ai = t[5], n = 0;
        z->types[i].utoff = (int32_t)be32(t);
        z->types[i].isdst = t[4] != 0;
        if (ai >= c.chars || z->types[i].utoff < -25 * 3600 || z->types[i].utoff > 26 * 3600)
            return HERALD_E_PARSE;
        while (ai + n < c.chars && chars[ai + n] && n + 1 < TZONE_ABBR_LEN) {
            z->types[i].abbr[n] = (char)chars[ai + n];
            n++;
        }
    }
    off += c.type * 6 + c.chars + c.leap * (tsize + 4) + c.isstd + c.isut;
    if (tsize == 8 && off < len && p[off] == '\n') { /* the footer: "\nRULE\n" */
        const unsigned char *nl = memchr(p + off + 1, '\n', len - off - 1);
        if (nl && nl > p + off + 1 && (size_t)(nl - (p + off + 1)) < 128) {
            char rule[128];
            size_t n = (size_t)(nl - (p + off + 1));
            memcpy(rule, p + off + 1, n);
            rule[n] = '\0';
            if (parse_rule(rule, &z->rule))
                return HERALD_E_PARSE;
            z->has_rule = 1;
        }
    }
    return HERALD_OK;
}

static int name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 200 || name[0] == '/' || name[0] == '.')
        return 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '+' || c == '.' || c == '/'))
            return 0;
        if (c == '/' && (p[1] == '.' || p[1] == '/' || !p[1]))
            return 0;
    }
    return 1;
}

herald_status tzone_load(const char *name, tzone **out, char *why, size_t whylen)
{
    struct strbuf path = STRBUF_INIT, data = STRBUF_INIT;
    const char *dir = getenv("TZDIR");
    struct tzone *z = NULL;
    herald_status rc;
    if (!name || !*name || strcmp(name, "UTC") == 0) {
        *out = utc_new("UTC");
        return HERALD_OK;
    }
    if (!name_ok(name)) {
        set_why(why, whylen, "", name, " is not a time zone name (like Europe/Berlin or UTC)");
        return HERALD_E_INVALID;
    }
    strbuf_addf(&path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    rc = file_read_regular(path.buf, TZIF_MAX_BYTES, false, &data, NULL, 0);
    if (rc) {
        set_why(why, whylen, "unknown time zone ", name,
                " (an IANA name like Europe/Berlin or UTC)");
        rc = rc == HERALD_E_NOTFOUND || rc == HERALD_E_IO ? HERALD_E_NOTFOUND : rc;
        goto out;
    }
    z = xcalloc(1, sizeof(*z));
    z->name = xstrdup(name);
    rc = parse_tzif(z, (const unsigned char *)data.buf, data.len);
    if (rc) {
        set_why(why, whylen, "", name, " is not a valid time zone file");
        tzone_free(z);
        goto out;
    }
    *out = z;
out:
    strbuf_release(&path);
    strbuf_release(&data);
    return rc;
}

void tzone_local(const tzone *z, int64_t t, struct tzone_local *out)
{
    static const struct tz_type utc = {0, 0, "UTC"};
    const struct tz_type *ty = &utc;
    if (z && z->ntrans && t >= z->trans[z->ntrans - 1] && z->has_rule) {
        ty = rule_type(&z->rule, t);
    } else if (z && z->ntrans && t >= z->trans[0]) {
        size_t lo = 0, hi = z->ntrans; /* the last transition at or before t */
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (z->trans[mid] <= t)
                lo = mid;
            else
                hi = mid;
        }
        ty = &z->types[z->idx[lo]];
    } else if (z && !z->ntrans && z->has_rule) {
        ty = rule_type(&z->rule, t);
    } else if (z) {
        ty = &z->types[0];
    }
    out->utoff = ty->utoff;
    out->isdst = ty->isdst;
    memcpy(out->abbr, ty->abbr, TZONE_ABBR_LEN);
    time_to_civil(t + ty->utoff, &out->ct);
}

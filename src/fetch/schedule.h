/*
 * schedule.h - when to poll a feed next: pure functions, no I/O, no clock.
 *
 * The caller keeps a small struct schedule_state per feed (stored with the feed), and after
 * every poll calls schedule_next() with what happened; it returns the next poll time and
 * updates the state.  The rules, in order:
 *
 *  1. Failure (network error, HTTP error, parse error): consecutive_errors grows and the
 *     retry backs off exponentially: error_base * 2^(errors-1), capped at error_max.  A 429
 *     or 503 with Retry-After waits exactly that long instead (at least min_interval, at
 *     most retry_after_max).  A feed failing for dead_after or longer is polled once per
 *     dead_interval (a day by default) - rarely, but never dropped.  The adaptive interval
 *     is kept for when the feed recovers.
 *  2. Success (200 or 304) clears the error state, then adapts the interval:
 *       - from the entries' publication times when at least two are known: half the mean
 *         gap between the (up to 20) most recent entries, or half the age of the newest
 *         entry when that is longer (a dormant feed slows down);
 *       - otherwise from the outcome: new entries halve the interval; a 304 or a feed with
 *         nothing new stretches it by 5/4;
 *       - a new feed starts at initial_interval.
 *     The feed's own hints are lower bounds: RSS <ttl> minutes, and sy:updatePeriod /
 *     sy:updateFrequency (the period divided by the frequency).  The result is clamped to
 *     [min_interval, max_interval] (5 min .. 24 h by default).
 *  3. The next time is moved forward out of RSS skipHours / skipDays (UTC, as the RSS
 *     spec says); hints that skip every hour or every day are ignored.
 *
 * Everything is in seconds; times are UTC seconds (core/timeutil.h).
 */
#ifndef HERALD_FETCH_SCHEDULE_H
#define HERALD_FETCH_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

struct schedule_config {
    int64_t min_interval;     /* shortest poll interval (default 300) */
    int64_t max_interval;     /* longest for a healthy feed (default 86400) */
    int64_t initial_interval; /* a new feed's first interval (default 3600) */
    int64_t error_base;       /* first retry after an error (default 600) */
    int64_t error_max;        /* cap of the exponential backoff (default 21600) */
    int64_t dead_after;       /* failing this long makes a feed "dead" (default 7 days) */
    int64_t dead_interval;    /* how often a dead feed is tried (default 86400) */
    int64_t retry_after_max;  /* longest Retry-After honoured (default 7 days) */
};

void schedule_config_init(struct schedule_config *cfg);

enum schedule_period {
    SCHEDULE_PERIOD_NONE = 0,
    SCHEDULE_PERIOD_HOURLY,
    SCHEDULE_PERIOD_DAILY,
    SCHEDULE_PERIOD_WEEKLY,
    SCHEDULE_PERIOD_MONTHLY,
    SCHEDULE_PERIOD_YEARLY,
};

/* The feed's own polling hints, as the parser found them. */
struct schedule_hints {
    int ttl_minutes;                    /* RSS <ttl>; 0 = none */
    uint32_t skip_hours;                /* bit h (0..23): skip that UTC hour */
    uint8_t skip_days;                  /* bit d (0 = Monday .. 6 = Sunday): skip that day */
    enum schedule_period update_period; /* sy:updatePeriod */
    int update_frequency;               /* sy:updateFrequency (<= 0 means 1) */
};

void schedule_hints_init(struct schedule_hints *h);

/* "hourly", "daily", "weekly", "monthly", "yearly" (case-insensitive, surrounding blanks
 * ignored); anything else is SCHEDULE_PERIOD_NONE. */
enum schedule_period schedule_period_parse(const char *s);
/* RSS skipDays names "Monday".."Sunday" (case-insensitive) to 0..6; -1 otherwise. */
int schedule_day_parse(const char *name);

/* Per-feed state the caller stores.  Start from schedule_state_init. */
struct schedule_state {
    int64_t interval;       /* current adaptive interval, 0 before the first success */
    int consecutive_errors; /* failed polls since the last success */
    int64_t failing_since;  /* time of the first failure of this run, TIME_NONE if healthy */
};

void schedule_state_init(struct schedule_state *st);

enum schedule_kind {
    SCHEDULE_FETCHED,      /* 200 and parsed */
    SCHEDULE_NOT_MODIFIED, /* 304 */
    SCHEDULE_FAILED,       /* anything else */
};

struct schedule_outcome {
    enum schedule_kind kind;
    long http_code;            /* FAILED: 429 and 503 make retry_after count */
    int64_t retry_after;       /* seconds, -1 when absent (fetch_result.retry_after) */
    int new_items;             /* FETCHED: entries not stored before */
    const int64_t *item_times; /* FETCHED: entries' publication times (TIME_NONE skipped) */
    size_t n_items;
};

/* Computes the next poll time after a poll at now with outcome o, updating *st.  hints may
 * be NULL.  Always returns a time after now: no feed is ever dropped. */
int64_t schedule_next(const struct schedule_config *cfg, const struct schedule_hints *hints,
                      struct schedule_state *st, const struct schedule_outcome *o, int64_t now);

/* The interval suggested by publication times alone (rule 2, before hints and clamping),
 * or -1 when fewer than two usable times are given.  Times after now count as now. */
int64_t schedule_estimate_interval(const int64_t *times, size_t n, int64_t now);

/* The first time >= t outside the skipHours/skipDays of h (t itself when h is NULL or
 * skips nothing, or skips everything). */
int64_t schedule_apply_skips(const struct schedule_hints *h, int64_t t);

/* True when the feed has failed for at least cfg->dead_after seconds. */
int schedule_is_dead(const struct schedule_config *cfg, const struct schedule_state *st,
                     int64_t now);

#endif

/*
 * schedule.c - see schedule.h for the rules.
 *
 * Why half the mean gap: polling twice per expected entry keeps the average delay between
 * publication and ingest near a quarter of the gap, while a feed that posts daily is
 * polled twice a day rather than every five minutes.  Why a multiplicative stretch on
 * 304: without publication times the only signal is "something new or not", and halving
 * on news / stretching by 5/4 on silence (AIMD-like) settles near the feed's rate without
 * oscillating wildly.  Everything is integer arithmetic on seconds, so results are exact
 * and reproducible in tests.
 */
#include "fetch/schedule.h"
#include "core/timeutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

#define ESTIMATE_ENTRIES 20
#define ALL_HOURS 0xffffffu
#define ALL_DAYS 0x7fu

void schedule_config_init(struct schedule_config *cfg)
{
    cfg->min_interval = 300;
    cfg->max_interval = 86400;
    cfg->initial_interval = 3600;
    cfg->error_base = 600;
    cfg->error_max = 21600;
    cfg->dead_after = 7 * 86400;
    cfg->dead_interval = 86400;
    cfg->retry_after_max = 7 * 86400;
}

void schedule_hints_init(struct schedule_hints *h)
{
    memset(h, 0, sizeof(*h));
}

void schedule_state_init(struct schedule_state *st)
{
    st->interval = 0;
    st->consecutive_errors = 0;
    st->failing_since = TIME_NONE;
}

/* Compares a bounded word case-insensitively, ignoring surrounding blanks. */
static int word_eq(const char *s, const char *word)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(word);
    if (strncasecmp(s, word, n) != 0)
        return 0;
    s += n;
    while (isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

enum schedule_period schedule_period_parse(const char *s)
{
    static const char *const names[] = {"hourly", "daily", "weekly", "monthly", "yearly"};
    if (!s)
        return SCHEDULE_PERIOD_NONE;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (word_eq(s, names[i]))
            return (enum schedule_period)(SCHEDULE_PERIOD_HOURLY + i);
    return SCHEDULE_PERIOD_NONE;
}

int schedule_day_parse(const char *name)
{
    static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
    if (!name)
        return -1;
    for (int i = 0; i < 7; i++)
        if (word_eq(name, days[i]))
            return i;
    return -1;
}

static int64_t period_seconds(enum schedule_period p)
{
    switch (p) {
    case SCHEDULE_PERIOD_HOURLY:
        return 3600;
    case SCHEDULE_PERIOD_DAILY:
        return 86400;
    case SCHEDULE_PERIOD_WEEKLY:
        return 7 * 86400;
    case SCHEDULE_PERIOD_MONTHLY:
        return 30 * 86400;
    case SCHEDULE_PERIOD_YEARLY:
        return 365 * 86400;
    default:
        return 0;
    }
}

static int cmp_desc(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x < y) - (x > y);
}

int64_t schedule_estimate_interval(const int64_t *times, size_t n, int64_t now)
{
    int64_t best[ESTIMATE_ENTRIES];
    size_t k = 0;
    /* keep the ESTIMATE_ENTRIES most recent usable times (insertion into a small array) */
    for (size_t i = 0; i < n; i++) {
        int64_t t = times[i];
        if (t == TIME_NONE)
            continue;
        if (t > now)
            t = now;
        if (k < ESTIMATE_ENTRIES) {
            best[k++] = t;
            qsort(best, k, sizeof(best[0]), cmp_desc);
        } else if (t > best[k - 1]) {
            best[k - 1] = t;
            qsort(best, k, sizeof(best[0]), cmp_desc);
        }
    }
    if (k < 2)
        return -1;
    int64_t mean_gap = (best[0] - best[k - 1]) / (int64_t)(k - 1);
    int64_t age = now - best[0];
    int64_t est = mean_gap > age ? mean_gap : age;
    return est / 2;
}

static int skipped(const struct schedule_hints *h, int64_t t)
{
    struct civil_time ct;
    time_to_civil(t, &ct);
    if (h->skip_hours & (1u << ct.hour))
        return 1;
    if (h->skip_days & (1u << time_weekday(t)))
        return 1;
    return 0;
}

int64_t schedule_apply_skips(const struct schedule_hints *h, int64_t t)
{
    if (!h)
        return t;
    uint32_t hours = h->skip_hours & ALL_HOURS;
    uint32_t days = h->skip_days & ALL_DAYS;
    if ((!hours && !days) || hours == ALL_HOURS || days == ALL_DAYS)
        return t;
    struct schedule_hints m = *h;
    m.skip_hours = hours;
    m.skip_days = (uint8_t)days;
    /* at most 6 skipped days plus 23 skipped hours: 24 * 7 steps always suffice */
    for (int i = 0; i < 24 * 7 + 1 && skipped(&m, t); i++)
        t = t - (((t % 3600) + 3600) % 3600) + 3600;
    return t;
}

int schedule_is_dead(const struct schedule_config *cfg, const struct schedule_state *st,
                     int64_t now)
{
    return st->consecutive_errors > 0 && st->failing_since != TIME_NONE &&
           now - st->failing_since >= cfg->dead_after;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
    if (v < lo)
        return lo;
    if (v > hi)
        return hi;
    return v;
}

static int64_t failure_delay(const struct schedule_config *cfg, struct schedule_state *st,
                             const struct schedule_outcome *o, int64_t now)
{
    int64_t delay;
    if (st->consecutive_errors < 1000000)
        st->consecutive_errors++;
    if (st->failing_since == TIME_NONE || st->failing_since > now)
        st->failing_since = now;

    delay = cfg->error_base > 0 ? cfg->error_base : 1;
    for (int i = 1; i < st->consecutive_errors && delay < cfg->error_max; i++)
        delay *= 2;
    if (delay > cfg->error_max)
        delay = cfg->error_max;

    if ((o->http_code == 429 || o->http_code == 503) && o->retry_after >= 0) {
        delay = o->retry_after;
        if (delay > cfg->retry_after_max)
            delay = cfg->retry_after_max;
        if (delay < cfg->min_interval)
            delay = cfg->min_interval;
    }
    if (schedule_is_dead(cfg, st, now) && delay < cfg->dead_interval)
        delay = cfg->dead_interval;
    return delay;
}

static int64_t success_interval(const struct schedule_config *cfg,
                                const struct schedule_hints *hints, struct schedule_state *st,
                                const struct schedule_outcome *o, int64_t now)
{
    int64_t prev = st->interval > 0 ? st->interval : cfg->initial_interval;
    int64_t iv = -1;
    st->consecutive_errors = 0;
    st->failing_since = TIME_NONE;

    if (o->kind == SCHEDULE_FETCHED && o->item_times)
        iv = schedule_estimate_interval(o->item_times, o->n_items, now);
    if (iv < 0) {
        if (st->interval <= 0)
            iv = cfg->initial_interval;
        else if (o->kind == SCHEDULE_FETCHED && o->new_items > 0)
            iv = prev / 2;
        else
            iv = prev + prev / 4;
    }
    if (hints) {
        if (hints->ttl_minutes > 0) {
            int64_t ttl = (int64_t)hints->ttl_minutes * 60;
            if (iv < ttl)
                iv = ttl;
        }
        int64_t per = period_seconds(hints->update_period);
        if (per > 0) {
            int f = hints->update_frequency > 0 ? hints->update_frequency : 1;
            if (iv < per / f)
                iv = per / f;
        }
    }
    iv = clamp(iv, cfg->min_interval, cfg->max_interval);
    st->interval = iv;
    return iv;
}

int64_t schedule_next(const struct schedule_config *cfg, const struct schedule_hints *hints,
                      struct schedule_state *st, const struct schedule_outcome *o, int64_t now)
{
    int64_t delay;
    if (o->kind == SCHEDULE_FAILED)
        delay = failure_delay(cfg, st, o, now);
    else
        delay = success_interval(cfg, hints, st, o, now);
    if (delay < 1)
        delay = 1;
    return schedule_apply_skips(hints, now + delay);
}

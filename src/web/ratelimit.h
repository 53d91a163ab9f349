/*
 * ratelimit.h - counters for the abuse limits of the write path: sign-up, sign-in and
 * posting, per account and per client address.
 *
 * Two kinds of limit share one table:
 *   - a fixed window: at most max events per window seconds for a key ("post:u:42");
 *   - a growing delay after failures (sign-in): after WEB_RL_FREE_FAILS failures in a row
 *     a key must wait 2^(n - WEB_RL_FREE_FAILS) seconds (capped at WEB_RL_MAX_DELAY) before
 *     its next attempt; a success clears it.  The server refuses early attempts with 429
 *     and Retry-After instead of sleeping, so a worker thread is never held.
 *
 * The table is in memory (limits reset when the server restarts) and bounded: 8192 slots
 * addressed by a keyed hash of the key, probed 8 deep.  When every probed slot holds a
 * live counter of other keys the event is refused (fail closed), so flooding the table
 * with fresh keys cannot wipe an attacker's own counters.  Time comes from the caller (the
 * server's clock, injectable in tests).  Thread-safe (one mutex; each call is a few
 * dozen instructions).
 */
#ifndef HERALD_WEB_RATELIMIT_H
#define HERALD_WEB_RATELIMIT_H

#include <stdint.h>

typedef struct web_ratelimit web_ratelimit;

#define WEB_RL_FREE_FAILS 3
#define WEB_RL_MAX_DELAY 900

web_ratelimit *web_ratelimit_new(void);
void web_ratelimit_free(web_ratelimit *rl);

/* Counts one event for key at now against max per window seconds.  Returns 0 when it is
 * allowed, else the seconds until the window ends (the event is not counted). */
int64_t web_ratelimit_hit(web_ratelimit *rl, const char *key, int max, int64_t window, int64_t now);

/* The seconds key must still wait after its failures (0: it may try now). */
int64_t web_ratelimit_wait(web_ratelimit *rl, const char *key, int64_t now);
/* Records a failure of key at now, growing its delay. */
void web_ratelimit_fail(web_ratelimit *rl, const char *key, int64_t now);
/* Forgets key's failures (a success). */
void web_ratelimit_clear(web_ratelimit *rl, const char *key);

#endif

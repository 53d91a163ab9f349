/*
 * ratelimit.c - see ratelimit.h.
 */
#include "web/ratelimit.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "core/alloc.h"

#include "core/banned.h"

#define SLOTS 8192 /* a power of two */
#define PROBES 8

struct slot {
    uint64_t h;           /* 0 = empty */
    int64_t window_start; /* fixed window */
    int64_t window_end;
    int count;
    int fails;     /* failures in a row */
    int64_t until; /* no attempt before this time */
    int64_t last;  /* the last event: a slot idle for a day is free */
};

struct web_ratelimit {
    pthread_mutex_t mu;
    unsigned char key[crypto_shorthash_KEYBYTES];
    struct slot slots[SLOTS];
};

web_ratelimit *web_ratelimit_new(void)
{
    web_ratelimit *rl = xcalloc(1, sizeof(*rl));
    pthread_mutex_init(&rl->mu, NULL);
    randombytes_buf(rl->key, sizeof(rl->key));
    return rl;
}

void web_ratelimit_free(web_ratelimit *rl)
{
    if (!rl)
        return;
    pthread_mutex_destroy(&rl->mu);
    free(rl);
}

static int live(const struct slot *s, int64_t now)
{
    return s->h && (s->window_end > now || s->until > now || s->fails > 0) && now - s->last < 86400;
}

/* The slot of key (found, or claimed), or NULL when the table is full there.  Locked. */
static struct slot *find(web_ratelimit *rl, const char *key, int64_t now, int claim)
{
    unsigned char out[crypto_shorthash_BYTES];
    uint64_t h;
    struct slot *free_slot = NULL;
    crypto_shorthash(out, (const unsigned char *)key, strlen(key), rl->key);
    memcpy(&h, out, sizeof(h));
    if (!h)
        h = 1;
    for (int i = 0; i < PROBES; i++) {
        struct slot *s = &rl->slots[(h + (uint64_t)i) & (SLOTS - 1)];
        if (s->h == h)
            return s;
        if (!free_slot && !live(s, now))
            free_slot = s;
    }
    if (!claim || !free_slot)
        return NULL;
    memset(free_slot, 0, sizeof(*free_slot));
    free_slot->h = h;
    free_slot->last = now;
    return free_slot;
}

int64_t web_ratelimit_hit(web_ratelimit *rl, const char *key, int max, int64_t window, int64_t now)
{
    struct slot *s;
    int64_t wait = 0;
    pthread_mutex_lock(&rl->mu);
    s = find(rl, key, now, 1);
    if (!s) {
        wait = window; /* full: fail closed */
    } else {
        if (now >= s->window_end || now < s->window_start) {
            s->window_start = now;
            s->window_end = now + window;
            s->count = 0;
        }
        if (s->count >= max)
            wait = s->window_end - now;
        else
            s->count++;
        s->last = now;
    }
    pthread_mutex_unlock(&rl->mu);
    return wait;
}

int64_t web_ratelimit_wait(web_ratelimit *rl, const char *key, int64_t now)
{
    struct slot *s;
    int64_t wait = 0;
    pthread_mutex_lock(&rl->mu);
    s = find(rl, key, now, 0);
    if (s && s->until > now)
        wait = s->until - now;
    pthread_mutex_unlock(&rl->mu);
    return wait;
}

void web_ratelimit_fail(web_ratelimit *rl, const char *key, int64_t now)
{
    struct slot *s;
    pthread_mutex_lock(&rl->mu);
    s = find(rl, key, now, 1);
    if (s) {
        s->fails++;
        s->last = now;
        if (s->fails >= WEB_RL_FREE_FAILS) {
            int shift = s->fails - WEB_RL_FREE_FAILS;
            int64_t d = shift >= 10 ? WEB_RL_MAX_DELAY : (int64_t)1 << shift;
            s->until = now + (d > WEB_RL_MAX_DELAY ? WEB_RL_MAX_DELAY : d);
        }
    }
    pthread_mutex_unlock(&rl->mu);
}

void web_ratelimit_clear(web_ratelimit *rl, const char *key)
{
    struct slot *s;
    pthread_mutex_lock(&rl->mu);
    s = find(rl, key, 0, 0);
    if (s) {
        s->fails = 0;
        s->until = 0;
    }
    pthread_mutex_unlock(&rl->mu);
}

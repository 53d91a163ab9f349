/* health.c - see health.h. */
#include "core/health.h"
#include "core/timeutil.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/banned.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct health_report table[HEALTH_MAX_COMPONENTS];
static size_t used;

void health_report(const char *name, enum health_state state, int64_t next_try, const char *fmt,
                   ...)
{
    struct health_report *r = NULL;
    int64_t now = time_now();
    va_list ap;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < used; i++)
        if (strncmp(table[i].name, name, HEALTH_NAME_MAX - 1) == 0)
            r = &table[i];
    if (!r && used < HEALTH_MAX_COMPONENTS) {
        r = &table[used++];
        memset(r, 0, sizeof(*r));
        snprintf(r->name, sizeof(r->name), "%s", name);
        r->state = state;
        r->since = now;
        r->last_ok = TIME_NONE;
    }
    if (r) {
        if (r->state != state)
            r->since = now;
        r->state = state;
        r->updated = now;
        r->next_try = next_try;
        if (state == HEALTH_OK) {
            r->last_ok = now;
            r->failures = 0;
        } else {
            r->failures++;
        }
        va_start(ap, fmt);
        vsnprintf(r->message, sizeof(r->message), fmt, ap);
        va_end(ap);
    }
    pthread_mutex_unlock(&lock);
}

size_t health_snapshot(struct health_report *out, size_t max)
{
    size_t n;
    pthread_mutex_lock(&lock);
    n = used < max ? used : max;
    memcpy(out, table, n * sizeof(*out));
    pthread_mutex_unlock(&lock);
    return n;
}

void health_reset(void)
{
    pthread_mutex_lock(&lock);
    used = 0;
    pthread_mutex_unlock(&lock);
}

const char *health_state_name(enum health_state state)
{
    return state == HEALTH_OK ? "ok" : "failing";
}

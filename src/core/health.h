/*
 * health.h - what the long-running parts of a herald process say about themselves.
 *
 * `herald serve` runs the web server and the ingest loop in one process; the web must
 * show whether ingest is working (the about page, GET /api/v1/health) without the two
 * modules knowing each other (they sit side by side in the layering).  So ingest reports
 * here, in core, and the web reads here.  A small fixed table of named components, each
 * with its latest state and message, behind one mutex: a report costs a lock and a copy,
 * a read copies the table.  Components that never reported are absent (a server started
 * with --no-ingest has no "ingest" entry).
 */
#ifndef HERALD_CORE_HEALTH_H
#define HERALD_CORE_HEALTH_H

#include <stddef.h>
#include <stdint.h>

enum health_state { HEALTH_OK = 0, HEALTH_FAILING };

#define HEALTH_MAX_COMPONENTS 8
#define HEALTH_NAME_MAX 16
#define HEALTH_MESSAGE_MAX 256

struct health_report {
    char name[HEALTH_NAME_MAX]; /* "ingest" */
    enum health_state state;
    int64_t since;                    /* when the current state began (seconds UTC) */
    int64_t updated;                  /* the latest report */
    int64_t last_ok;                  /* the latest OK report; TIME_NONE if none yet */
    int failures;                     /* consecutive failing reports (0 when OK) */
    int64_t next_try;                 /* when the component acts next (its retry after a failure);
                                         TIME_NONE when not said */
    char message[HEALTH_MESSAGE_MAX]; /* what happened, one line */
};

/* Records the state of component name (created on its first report; a name is cut at
 * HEALTH_NAME_MAX - 1 bytes; reports beyond HEALTH_MAX_COMPONENTS names are dropped). */
void health_report(const char *name, enum health_state state, int64_t next_try, const char *fmt,
                   ...) __attribute__((format(printf, 4, 5)));

/* Copies up to max reports into out (in order of first report); returns how many. */
size_t health_snapshot(struct health_report *out, size_t max);

/* Forgets every component (tests). */
void health_reset(void);

/* "ok" or "failing". */
const char *health_state_name(enum health_state state);

#endif

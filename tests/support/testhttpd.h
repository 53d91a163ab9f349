/*
 * testhttpd.h - a loopback HTTP server for tests, on libmicrohttpd.
 *
 * The server listens on 127.0.0.1 at a random free port and runs one thread per
 * connection, so a handler may sleep (to make requests overlap) and a streamed response may
 * trickle or stall without blocking other connections.  The test supplies one handler that
 * sees each request and fills a response:
 *
 *     static void handle(const struct testhttpd_request *rq, struct testhttpd_response *rs,
 *                        void *ctx)
 *     {
 *         if (strcmp(rq->path, "/feed") == 0) {
 *             testhttpd_set_body(rs, "<rss/>");
 *             testhttpd_add_header(rs, "Content-Type", "application/rss+xml");
 *         } else {
 *             rs->status = 404;
 *         }
 *     }
 *     testhttpd *srv = testhttpd_start(handle, NULL);
 *     char *url = testhttpd_url(srv, "/feed");     // http://127.0.0.1:PORT/feed
 *
 * The server counts requests and the largest number handled at the same time (a request
 * counts while its handler runs, including its delay_ms: a client cannot have finished a
 * request that is still in the handler, so the figure never exceeds the client's own
 * concurrency).
 */
#ifndef HERALD_TESTHTTPD_H
#define HERALD_TESTHTTPD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct testhttpd testhttpd;

struct testhttpd_request {
    const char *method;
    const char *path; /* without the query */
    void *conn;       /* the MHD connection, for testhttpd_header / testhttpd_query */
};

/* A request header's value, or NULL. */
const char *testhttpd_header(const struct testhttpd_request *rq, const char *name);
/* A query argument's value, or NULL. */
const char *testhttpd_query(const struct testhttpd_request *rq, const char *name);

#define TESTHTTPD_MAX_HEADERS 16

struct testhttpd_response {
    int status; /* default 200 */
    char *body; /* malloc'd; owned by the response (testhttpd_set_body*) */
    size_t body_len;
    const char *hnames[TESTHTTPD_MAX_HEADERS];
    char *hvalues[TESTHTTPD_MAX_HEADERS];
    size_t nheaders;
    /* Streaming: when any of these is set, the body is sent by a reader callback. */
    bool chunked;        /* no Content-Length (chunked encoding) */
    size_t chunk_size;   /* bytes per write (default 4096 when streaming) */
    int chunk_delay_ms;  /* sleep before each chunk after the first */
    int stall_ms;        /* after the first chunk, sleep this long (stalled response) */
    size_t fill_len;     /* instead of body: send this many 'x' bytes */
    size_t announce_len; /* with fill_len: Content-Length to announce (0 = fill_len) */
    int delay_ms;        /* sleep in the handler before answering (makes requests overlap) */
};

/* Sets the body to a copy of s (or of len bytes of data). */
void testhttpd_set_body(struct testhttpd_response *rs, const char *s);
void testhttpd_set_body_len(struct testhttpd_response *rs, const void *data, size_t len);
/* Adds a response header (name must be a literal or outlive the request; value is copied). */
void testhttpd_add_header(struct testhttpd_response *rs, const char *name, const char *value);

typedef void (*testhttpd_handler)(const struct testhttpd_request *rq, struct testhttpd_response *rs,
                                  void *ctx);

/* Starts a server; aborts the test program when it cannot. */
testhttpd *testhttpd_start(testhttpd_handler handler, void *ctx);
/* Stops the server (waits for its connection threads) and frees it.  NULL is a no-op.
 * Stalled responses are cut short. */
void testhttpd_stop(testhttpd *s);

int testhttpd_port(const testhttpd *s);
/* "http://127.0.0.1:PORT" + path, malloc'd. */
char *testhttpd_url(const testhttpd *s, const char *path);

int testhttpd_requests(testhttpd *s);
int testhttpd_max_concurrent(testhttpd *s);
void testhttpd_reset_counters(testhttpd *s);

#endif

/* testhttpd.c - see testhttpd.h. */
#include "testhttpd.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/strbuf.h"

struct testhttpd {
    struct MHD_Daemon *d;
    int port;
    testhttpd_handler handler;
    void *ctx;
    atomic_int stopping;
    pthread_mutex_t lock;
    int requests;
    int inflight;
    int max_inflight;
};

struct stream {
    testhttpd *s;
    char *body; /* NULL: fill with 'x' */
    size_t total;
    size_t chunk_size;
    int chunk_delay_ms;
    int stall_ms;
    int chunks;
};

static char marker;

static void sleep_ms(testhttpd *s, int ms)
{
    while (ms > 0 && !atomic_load(&s->stopping)) {
        int step = ms < 20 ? ms : 20;
        struct timespec ts = {0, (long)step * 1000000L};
        nanosleep(&ts, NULL);
        ms -= step;
    }
}

const char *testhttpd_header(const struct testhttpd_request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *testhttpd_query(const struct testhttpd_request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

void testhttpd_set_body_len(struct testhttpd_response *rs, const void *data, size_t len)
{
    free(rs->body);
    rs->body = xmalloc(len + 1);
    memcpy(rs->body, data, len);
    rs->body[len] = '\0';
    rs->body_len = len;
}

void testhttpd_set_body(struct testhttpd_response *rs, const char *s)
{
    testhttpd_set_body_len(rs, s, strlen(s));
}

void testhttpd_add_header(struct testhttpd_response *rs, const char *name, const char *value)
{
    if (rs->nheaders >= TESTHTTPD_MAX_HEADERS)
        abort();
    rs->hnames[rs->nheaders] = name;
    rs->hvalues[rs->nheaders] = xstrdup(value);
    rs->nheaders++;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct stream *st = cls;
    if (pos >= st->total)
        return MHD_CONTENT_READER_END_OF_STREAM;
    if (atomic_load(&st->s->stopping))
        return MHD_CONTENT_READER_END_WITH_ERROR;
    if (st->chunks > 0 && st->chunk_delay_ms)
        sleep_ms(st->s, st->chunk_delay_ms);
    if (st->chunks == 1 && st->stall_ms)
        sleep_ms(st->s, st->stall_ms);
    if (atomic_load(&st->s->stopping))
        return MHD_CONTENT_READER_END_WITH_ERROR;
    size_t n = st->total - (size_t)pos;
    if (n > st->chunk_size)
        n = st->chunk_size;
    if (n > max)
        n = max;
    if (st->body)
        memcpy(buf, st->body + pos, n);
    else
        memset(buf, 'x', n);
    st->chunks++;
    return (ssize_t)n;
}

static void stream_free(void *cls)
{
    struct stream *st = cls;
    free(st->body);
    free(st);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **req_cls)
{
    testhttpd *s = cls;
    (void)version;
    (void)upload_data;
    if (*req_cls == NULL) {
        *req_cls = &marker;
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct testhttpd_request rq = {.method = method, .path = url, .conn = conn};
    struct testhttpd_response rs;
    memset(&rs, 0, sizeof(rs));
    rs.status = 200;
    pthread_mutex_lock(&s->lock);
    s->requests++;
    s->inflight++;
    if (s->inflight > s->max_inflight)
        s->max_inflight = s->inflight;
    pthread_mutex_unlock(&s->lock);
    s->handler(&rq, &rs, s->ctx);
    if (rs.delay_ms)
        sleep_ms(s, rs.delay_ms);
    pthread_mutex_lock(&s->lock);
    s->inflight--;
    pthread_mutex_unlock(&s->lock);

    struct MHD_Response *resp;
    bool streaming = rs.chunked || rs.chunk_delay_ms || rs.stall_ms || rs.fill_len;
    if (streaming) {
        struct stream *st = xcalloc(1, sizeof(*st));
        st->s = s;
        st->body = rs.fill_len ? NULL : rs.body;
        if (rs.fill_len)
            free(rs.body);
        rs.body = NULL;
        st->total = rs.fill_len ? rs.fill_len : rs.body_len;
        st->chunk_size = rs.chunk_size ? rs.chunk_size : 4096;
        st->chunk_delay_ms = rs.chunk_delay_ms;
        st->stall_ms = rs.stall_ms;
        uint64_t size =
            rs.chunked ? MHD_SIZE_UNKNOWN : (rs.announce_len ? rs.announce_len : st->total);
        resp = MHD_create_response_from_callback(size, 16384, stream_read, st, stream_free);
    } else {
        resp = MHD_create_response_from_buffer(rs.body_len, rs.body, MHD_RESPMEM_MUST_COPY);
        free(rs.body);
    }
    if (!resp)
        abort();
    for (size_t i = 0; i < rs.nheaders; i++) {
        MHD_add_response_header(resp, rs.hnames[i], rs.hvalues[i]);
        free(rs.hvalues[i]);
    }
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)rs.status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    testhttpd *s = cls;
    (void)conn;
    (void)toe;
    (void)s;
    *req_cls = NULL;
}

testhttpd *testhttpd_start(testhttpd_handler handler, void *ctx)
{
    testhttpd *s = xcalloc(1, sizeof(*s));
    s->handler = handler;
    s->ctx = ctx;
    pthread_mutex_init(&s->lock, NULL);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = 0;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    s->d = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0,
        NULL, NULL, on_access, s, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, s, MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (!s->d) {
        fprintf(stderr, "testhttpd: cannot start the server\n");
        abort();
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    if (!info || !info->port) {
        fprintf(stderr, "testhttpd: no port\n");
        abort();
    }
    s->port = info->port;
    return s;
}

void testhttpd_stop(testhttpd *s)
{
    if (!s)
        return;
    atomic_store(&s->stopping, 1);
    MHD_stop_daemon(s->d);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

int testhttpd_port(const testhttpd *s)
{
    return s->port;
}

char *testhttpd_url(const testhttpd *s, const char *path)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "http://127.0.0.1:%d%s", s->port, path);
    return strbuf_detach(&sb, NULL);
}

int testhttpd_requests(testhttpd *s)
{
    pthread_mutex_lock(&s->lock);
    int n = s->requests;
    pthread_mutex_unlock(&s->lock);
    return n;
}

int testhttpd_max_concurrent(testhttpd *s)
{
    pthread_mutex_lock(&s->lock);
    int n = s->max_inflight;
    pthread_mutex_unlock(&s->lock);
    return n;
}

void testhttpd_reset_counters(testhttpd *s)
{
    pthread_mutex_lock(&s->lock);
    s->requests = 0;
    s->max_inflight = s->inflight;
    pthread_mutex_unlock(&s->lock);
}

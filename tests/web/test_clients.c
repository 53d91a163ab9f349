/*
 * test_clients.c - the web server against hostile and sloppy clients, over raw sockets:
 * ambiguous request framing gets 400 (libmicrohttpd's strict client mode), one address
 * cannot hold more than its share of connections while others are still served, and
 * GET /api/v1/health reports the database and what ingest last said (core/health.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/health.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "fixture.h"
#include "testutil.h"
#include "web/server.h"

#define PER_IP 3

static char *dir, *db;
static web_server *srv;
static unsigned port;

static int setup(void **state)
{
    struct web_config cfg;
    struct fixture_ids ids;
    (void)state;
    fixture_tmp_db(&dir, &db);
    if (fixture_build(db, time_now(), &ids) != HERALD_OK)
        return -1;
    fixture_web_config(&cfg, db);
    cfg.max_per_ip = PER_IP;
    cfg.access_log = fopen("/dev/null", "w");
    port = fixture_serve(&cfg, &srv);
    *state = cfg.access_log;
    return port ? 0 : -1;
}

static int teardown(void **state)
{
    web_server_free(srv);
    fclose(*state);
    fixture_tmp_release(dir, db);
    return 0;
}

/* A TCP connection to the server from the loopback address from (127.0.0.x).  Each test
 * uses addresses of its own: a closed connection leaves its address's count a moment
 * later, so one test's connections must not count against the next. */
static int connect_from(const char *from)
{
    struct sockaddr_in a = {0}, src = {0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    src.sin_family = AF_INET;
    assert_int_equal(inet_pton(AF_INET, from, &src.sin_addr), 1);
    assert_int_equal(bind(fd, (struct sockaddr *)&src, sizeof(src)), 0);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    return fd;
}

/* Reads one response (head, then Content-Length bytes of body) into out; returns its
 * status, or 0 when the server closed the connection without answering.  Waits at most
 * 10 s for each read (a server that neither answers nor closes fails the test). */
static int read_response(int fd, struct strbuf *out)
{
    char buf[4096];
    const char *end, *cl;
    size_t want = 0;
    strbuf_reset(out);
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        assert_int_equal(poll(&p, 1, 10000), 1);
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == ECONNRESET)
            n = 0;
        assert_true(n >= 0);
        if (n == 0)
            break;
        strbuf_add(out, buf, (size_t)n);
        end = strstr(out->buf, "\r\n\r\n");
        if (end && !want) {
            cl = strcasestr(out->buf, "\r\nContent-Length:");
            want = (size_t)(end + 4 - out->buf) + (cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0);
        }
        if (want && out->len >= want)
            break;
    }
    if (out->len < 12 || strncmp(out->buf, "HTTP/1.", 7) != 0)
        return 0;
    return (int)strtol(out->buf + 9, NULL, 10);
}

static void send_all(int fd, const char *s)
{
    size_t len = strlen(s);
    assert_int_equal(write(fd, s, len), (ssize_t)len);
}

/* Sends raw bytes on a fresh connection and returns the status of the answer. */
static int raw(const char *request)
{
    struct strbuf r = STRBUF_INIT;
    int fd = connect_from("127.0.0.4");
    send_all(fd, request);
    int status = read_response(fd, &r);
    strbuf_release(&r);
    close(fd);
    return status;
}

static void test_strict_framing(void **state)
{
    (void)state;
    assert_int_equal(raw("GET /about HTTP/1.1\r\nHost: news.example\r\n\r\n"), 200);
    assert_int_equal(raw("GET /about HTTP/1.0\r\n\r\n"), 200); /* 1.0 needs no Host */
    /* HTTP/1.1 without Host */
    assert_int_equal(raw("GET /about HTTP/1.1\r\n\r\n"), 400);
    /* whitespace between a header's name and its colon */
    assert_int_equal(raw("GET /about HTTP/1.1\r\nHost : news.example\r\n\r\n"), 400);
    /* two Content-Lengths that disagree: which body is it? */
    assert_int_equal(raw("GET /about HTTP/1.1\r\nHost: news.example\r\nContent-Length: 0\r\n"
                         "Content-Length: 7\r\n\r\n"),
                     400);
}

/* With the per-address limit at PER_IP, an address holding PER_IP connections gets its
 * next one closed unanswered, while a client from another address is served. */
static void test_per_address_limit(void **state)
{
    struct strbuf r = STRBUF_INIT;
    int held[PER_IP], extra, other;
    (void)state;
    /* Each held connection has been answered once (so the server has surely counted it)
     * and stays open (keep-alive). */
    for (int i = 0; i < PER_IP; i++) {
        held[i] = connect_from("127.0.0.1");
        send_all(held[i], "GET /api/v1/health HTTP/1.1\r\nHost: news.example\r\n\r\n");
        assert_int_equal(read_response(held[i], &r), 200);
    }
    extra = connect_from("127.0.0.1");
    send_all(extra, "GET /api/v1/health HTTP/1.1\r\nHost: news.example\r\n\r\n");
    assert_int_equal(read_response(extra, &r), 0); /* closed without an answer */
    close(extra);

    other = connect_from("127.0.0.2");
    send_all(other, "GET /about HTTP/1.1\r\nHost: news.example\r\n\r\n");
    assert_int_equal(read_response(other, &r), 200);
    close(other);
    /* the held connections still work */
    send_all(held[0], "GET /api/v1/health HTTP/1.1\r\nHost: news.example\r\n\r\n");
    assert_int_equal(read_response(held[0], &r), 200);
    for (int i = 0; i < PER_IP; i++)
        close(held[i]);
    strbuf_release(&r);
}

static json_t *get_health(int *status)
{
    struct strbuf r = STRBUF_INIT;
    json_error_t err;
    int fd = connect_from("127.0.0.3");
    send_all(fd, "GET /api/v1/health HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\n\r\n");
    *status = read_response(fd, &r);
    close(fd);
    const char *body = strstr(r.buf, "\r\n\r\n");
    assert_non_null(body);
    json_t *j = json_loads(body + 4, 0, &err);
    strbuf_release(&r);
    assert_non_null(j);
    return j;
}

static json_t *component(json_t *health, const char *name)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(health, "components"), i, c)
    {
        if (strcmp(json_string_value(json_object_get(c, "name")), name) == 0)
            return c;
    }
    return NULL;
}

/* /api/v1/health: 200 while everything reports ok, 503 with the message while ingest
 * reports a failure; the about page shows the same. */
static void test_health(void **state)
{
    int status;
    json_t *h, *c;
    (void)state;
    health_reset();
    h = get_health(&status);
    assert_int_equal(status, 200);
    assert_string_equal(json_string_value(json_object_get(h, "status")), "ok");
    c = component(h, "database");
    assert_non_null(c);
    assert_string_equal(json_string_value(json_object_get(c, "state")), "ok");
    assert_null(component(h, "ingest")); /* never reported: not running */
    json_decref(h);

    health_report("ingest", HEALTH_FAILING, time_now() + 60,
                  "database error while committing: database or disk is full");
    h = get_health(&status);
    assert_int_equal(status, 503);
    assert_string_equal(json_string_value(json_object_get(h, "status")), "failing");
    c = component(h, "ingest");
    assert_non_null(c);
    assert_string_equal(json_string_value(json_object_get(c, "state")), "failing");
    assert_int_equal(json_integer_value(json_object_get(c, "failures")), 1);
    assert_non_null(strstr(json_string_value(json_object_get(c, "message")), "disk is full"));
    assert_true(json_is_string(json_object_get(c, "next_try")));
    json_decref(h);

    {
        struct strbuf r = STRBUF_INIT;
        int fd = connect_from("127.0.0.3");
        send_all(fd, "GET /about HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\n\r\n");
        assert_int_equal(read_response(fd, &r), 200);
        assert_non_null(strstr(r.buf, "disk is full"));
        close(fd);
        strbuf_release(&r);
    }

    health_report("ingest", HEALTH_OK, TIME_NONE, "polled 3 feeds");
    h = get_health(&status);
    assert_int_equal(status, 200);
    c = component(h, "ingest");
    assert_string_equal(json_string_value(json_object_get(c, "state")), "ok");
    assert_int_equal(json_integer_value(json_object_get(c, "failures")), 0);
    json_decref(h);
    health_reset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strict_framing),
        cmocka_unit_test(test_per_address_limit),
        cmocka_unit_test(test_health),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * test_serve.c - the server's lifecycle: web_serve() in a child process answers requests
 * and exits cleanly (status 0) on SIGTERM; a client that sends nothing is disconnected
 * by the idle timeout; web_server_stop() returns while slow clients hold connections
 * open; several threads of clients get consistent answers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "fixture.h"
#include "httpc.h"
#include "testutil.h"
#include "web/server.h"

static char *dir, *db;
static struct fixture_ids ids;

static int setup(void **state)
{
    size_t n;
    (void)state;
    dir = test_tmpdir();
    n = strlen(dir) + 16;
    db = xmalloc(n);
    snprintf(db, n, "%s/news.db", dir);
    return fixture_build(db, time_now(), &ids) == HERALD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    test_rmtree(dir);
    free(dir);
    free(db);
    return 0;
}

/* A free loopback port (bound and released; good enough for a test). */
static unsigned free_port(void)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, (struct sockaddr *)&a, sizeof(a));
    getsockname(fd, (struct sockaddr *)&a, &len);
    close(fd);
    return ntohs(a.sin_port);
}

static int connect_to(unsigned port)
{
    struct sockaddr_in a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void test_serve_sigterm(void **state)
{
    unsigned port = free_port();
    char listen[32];
    struct httpc_resp r;
    pid_t pid;
    int status = -1, logs[2];
    struct strbuf seen = STRBUF_INIT;
    (void)state;
    snprintf(listen, sizeof(listen), "127.0.0.1:%u", port);
    assert_int_equal(pipe(logs), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct web_config cfg;
        close(logs[0]);
        dup2(logs[1], 2);
        log_set_level(LOG_INFO);
        web_config_init(&cfg);
        cfg.listen = listen;
        cfg.db_path = db;
        cfg.threads = 2;
        _exit(web_serve(&cfg) == HERALD_OK ? 0 : 1);
    }
    /* web_serve logs "serving ..." once it listens: wait for that line, not for time */
    close(logs[1]);
    while (!strstr(seen.buf, "serving ")) {
        struct pollfd p = {logs[0], POLLIN, 0};
        char buf[512];
        assert_int_equal(poll(&p, 1, 30000), 1);
        ssize_t n = read(logs[0], buf, sizeof(buf));
        assert_true(n > 0);
        strbuf_add(&seen, buf, (size_t)n);
    }
    strbuf_release(&seen);
    httpc_do(port, NULL, "/about", NULL, 0, &r);
    assert_int_equal(r.status, 200);
    httpc_release(&r);
    kill(pid, SIGTERM);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    close(logs[0]);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_idle_timeout_and_stop(void **state)
{
    struct web_config cfg;
    web_server *srv;
    struct pollfd pfd;
    char buf[256];
    int fd, slow;
    (void)state;
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 2;
    cfg.timeout_s = 1;
    cfg.shutdown_grace_ms = 500;
    cfg.access_log = stderr;
    assert_int_equal(web_server_start(&cfg, &srv), HERALD_OK);

    /* a client that connects and sends nothing is cut off after the idle timeout */
    fd = connect_to(web_server_port(srv));
    assert_true(fd >= 0);
    pfd.fd = fd;
    pfd.events = POLLIN;
    assert_int_equal(poll(&pfd, 1, 10000), 1);
    assert_true(recv(fd, buf, sizeof(buf), 0) <= 0);
    close(fd);

    /* a slow client in the middle of its request head does not keep stop waiting */
    slow = connect_to(web_server_port(srv));
    assert_true(slow >= 0);
    assert_true(send(slow, "GET / HTTP/1.1\r\nHost: x\r\n", 25, 0) == 25);
    web_server_stop(srv);
    web_server_stop(srv); /* idempotent */
    close(slow);
    web_server_free(srv);
}

struct worker {
    unsigned port;
    const char *path;
    int ok;
};

static void *client(void *p)
{
    struct worker *w = p;
    for (int i = 0; i < 20; i++) {
        struct httpc_resp r;
        httpc_do(w->port, NULL, w->path, NULL, i % 2, &r);
        if (r.status == 200 && strstr(r.body.buf, "</html>"))
            w->ok++;
        httpc_release(&r);
    }
    return NULL;
}

static void test_concurrent_clients(void **state)
{
    struct web_config cfg;
    web_server *srv;
    pthread_t t[6];
    struct worker w[6];
    char article[64];
    (void)state;
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 3;
    cfg.access_log = stderr;
    assert_int_equal(web_server_start(&cfg, &srv), HERALD_OK);
    snprintf(article, sizeof(article), "/article/%s", ids.czech);
    for (int i = 0; i < 6; i++) {
        w[i].port = web_server_port(srv);
        w[i].path = i % 3 == 0 ? "/" : i % 3 == 1 ? article : "/search?q=china";
        w[i].ok = 0;
        pthread_create(&t[i], NULL, client, &w[i]);
    }
    for (int i = 0; i < 6; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].ok, 20);
    }
    web_server_free(srv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_serve_sigterm),
        cmocka_unit_test(test_idle_timeout_and_stop),
        cmocka_unit_test(test_concurrent_clients),
    };
    int rc;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    rc = cmocka_run_group_tests(tests, setup, teardown);
    curl_global_cleanup();
    return rc;
}

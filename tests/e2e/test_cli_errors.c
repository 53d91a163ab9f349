/*
 * test_cli_errors.c - end to end: the herald binary reports failures instead of hiding
 * them.  Output lost to a full device, a fetch in which every feed failed or whose
 * writes could not be stored (a file-size limit stands in for a full disk, and works for
 * root too), a listen address already in use, and a configuration that cannot work all
 * make herald exit non-zero with a message, and the counts it prints are the truth.
 * `herald users` refuses weak passwords and taken names and records what it changes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "store/store.h"
#include "e2e.h"
#include "testutil.h"

static void test_stdout_full(void **state)
{
    struct e2e_fixture *fx = *state;
    const char *add[] = {"feeds", "add", "https://news.example/feed.xml", NULL};
    const char *list[] = {"feeds", "list", NULL};
    const char *export[] = {"export-opml", NULL};
    const char *version[] = {"--version", NULL};
    struct e2e_run r = {0};

    assert_int_equal(e2e_herald(fx, add, &r), 0);
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, list, &r), 0); /* to a file: fine */
    assert_non_null(strstr(r.out, "https://news.example/feed.xml"));
    e2e_run_release(&r);

    r.stdout_path = "/dev/full";
    assert_int_equal(e2e_herald(fx, list, &r), 1);
    assert_non_null(strstr(r.err, "write error on standard output"));
    e2e_run_release(&r);
    r.stdout_path = "/dev/full";
    assert_int_equal(e2e_herald(fx, export, &r), 1);
    assert_non_null(strstr(r.err, "No space left on device"));
    e2e_run_release(&r);
    r.stdout_path = "/dev/full";
    assert_int_equal(e2e_herald(fx, version, &r), 1);
    e2e_run_release(&r);
}

/* Every feed failed: the poll "worked" but nothing could be read, which is a failure. */
static void test_fetch_every_feed_failed(void **state)
{
    struct e2e_fixture *fx = *state;
    const char *add[] = {"feeds", "add", "file:///nonexistent/herald/feed.xml", NULL};
    const char *fetch[] = {"--allow-file-urls", "fetch", "--once", NULL};
    struct e2e_run r = {0};
    assert_int_equal(e2e_herald(fx, add, &r), 0);
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, fetch, &r), 1);
    assert_non_null(strstr(r.out, "polled 1 feeds (0 not modified, 1 failed)"));
    assert_non_null(strstr(r.err, "every feed failed"));
    e2e_run_release(&r);
}

static int64_t stored_articles(struct e2e_fixture *fx)
{
    struct store_stats s;
    store *st;
    assert_int_equal(store_open(fx->db, STORE_READONLY, &st), HERALD_OK);
    assert_int_equal(store_stats_get(st, &s), HERALD_OK);
    store_close(st);
    return s.articles;
}

/* A disk that fills up during the fetch (the database may not grow past its size now):
 * the commits fail, herald says so and exits 1, and the "new articles" it reports are
 * the ones really stored. */
static void test_fetch_disk_full(void **state)
{
    struct e2e_fixture *fx = *state;
    const char *import[] = {"import-opml", "demo/feeds.opml", NULL};
    const char *fetch[] = {"--allow-file-urls", "fetch", "--once", "--all", NULL};
    struct e2e_run r = {0};
    struct stat sb;
    const char *said;
    long reported;

    assert_int_equal(e2e_herald(fx, import, &r), 0);
    e2e_run_release(&r);
    assert_int_equal(stat(fx->db, &sb), 0);
    r.fsize = (rlim_t)sb.st_size + 8192; /* room for a page or two, not for a feed's articles */
    assert_int_equal(e2e_herald(fx, fetch, &r), 1);
    said = strstr(r.out, "entries; ");
    assert_non_null(said);
    reported = strtol(said + strlen("entries; "), NULL, 10);
    assert_int_equal(reported, stored_articles(fx));
    assert_non_null(strstr(r.err, "could not be stored"));
    e2e_run_release(&r);
}

/* A listening socket on a free loopback port, which the caller closes.  It allows
 * SO_REUSEPORT, as an earlier herald did: a server asking for the same would share the
 * port and silently get half of its connections. */
static int listen_somewhere(unsigned *port)
{
    struct sockaddr_in a = {0};
    socklen_t len = sizeof(a);
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
    assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)), 0);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(fd, 8), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

/* serve on a port another program listens on refuses to start instead of sharing it. */
static void test_serve_port_in_use(void **state)
{
    struct e2e_fixture *fx = *state;
    char listen[64];
    unsigned port;
    int fd = listen_somewhere(&port);
    snprintf(listen, sizeof(listen), "127.0.0.1:%u", port);
    const char *serve[] = {"serve", "--listen", listen, "--no-ingest", NULL};
    struct e2e_run r = {0};
    r.timeout_ms = 20000;
    assert_int_equal(e2e_herald(fx, serve, &r), 1);
    assert_false(r.timed_out);
    assert_non_null(strstr(r.err, "already in use"));
    e2e_run_release(&r);
    close(fd);
}

/* A configuration that `herald config` could print but ingest cannot use: serve (and
 * fetch, and config itself) refuse it at start with a message naming the setting. */
static void test_bad_config_refused_at_start(void **state)
{
    struct e2e_fixture *fx = *state;
    const char *serve[] = {"--set", "ssrf.allow=bad/99", "serve", "--listen", "127.0.0.1:0", NULL};
    const char *fetch[] = {"--set", "ssrf.allow=10.0.0.0/8,bad/99", "fetch", "--once", NULL};
    const char *config[] = {"--set", "ssrf.allow=bad/99", "config", NULL};
    const char *good[] = {"--set", "ssrf.allow=10.0.0.0/8, feeds.internal", "config", NULL};
    struct e2e_run r = {0};
    r.timeout_ms = 20000;
    assert_int_equal(e2e_herald(fx, serve, &r), 1);
    assert_false(r.timed_out);
    assert_non_null(strstr(r.err, "ssrf.allow"));
    assert_non_null(strstr(r.err, "bad/99"));
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, fetch, &r), 1);
    assert_non_null(strstr(r.err, "bad/99"));
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, config, &r), 1);
    assert_non_null(strstr(r.err, "bad/99"));
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, good, &r), 0);
    assert_non_null(strstr(r.out, "ssrf.allow = 10.0.0.0/8, feeds.internal"));
    e2e_run_release(&r);
}

/* Writes text to dir/name and returns the path (malloc'd). */
static char *write_tmp(struct e2e_fixture *fx, const char *name, const char *text)
{
    struct strbuf p = STRBUF_INIT;
    FILE *f;
    strbuf_addf(&p, "%s/%s", fx->dir, name);
    f = fopen(p.buf, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return strbuf_detach(&p, NULL);
}

static void test_users(void **state)
{
    struct e2e_fixture *fx = *state;
    struct e2e_run r = {0};
    char *weak = write_tmp(fx, "weak.txt", "password123\n");
    char *good = write_tmp(fx, "good.txt", "correct horse battery\n");
    const char *add_weak[] = {"users", "add", "root", "--admin", "--password-file", weak, NULL};
    const char *add[] = {"users", "add", "root", "--admin", "--password-file", good, NULL};
    const char *add_case[] = {"users", "add", "ROOT", "--password-file", good, NULL};
    const char *add_bob[] = {"users", "add", "bob", "--password-file", good, NULL};
    const char *role[] = {"users", "role", "bob", "moderator", NULL};
    const char *bad_role[] = {"users", "role", "bob", "emperor", NULL};
    const char *ban[] = {"users", "ban", "bob", NULL};
    const char *list[] = {"users", "list", NULL};
    assert_int_equal(e2e_herald(fx, add_weak, &r), 2);
    assert_non_null(strstr(r.err, "most common"));
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, list, &r), 0);
    assert_string_equal(r.out, ""); /* the refused add created nothing */
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, add, &r), 0);
    assert_non_null(strstr(r.out, "root\tadmin"));
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, add_case, &r), 1);
    assert_non_null(strstr(r.err, "taken"));
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, add_bob, &r), 0);
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, bad_role, &r), 2);
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, role, &r), 0);
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, ban, &r), 0);
    e2e_run_release(&r);
    assert_int_equal(e2e_herald(fx, list, &r), 0);
    assert_non_null(strstr(r.out, "\tbob\tmoderator\tbanned\n"));
    assert_non_null(strstr(r.out, "\troot\tadmin\n"));
    e2e_run_release(&r);
    free(weak);
    free(good);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stdout_full, e2e_setup, e2e_teardown),
        cmocka_unit_test_setup_teardown(test_fetch_every_feed_failed, e2e_setup, e2e_teardown),
        cmocka_unit_test_setup_teardown(test_fetch_disk_full, e2e_setup, e2e_teardown),
        cmocka_unit_test_setup_teardown(test_serve_port_in_use, e2e_setup, e2e_teardown),
        cmocka_unit_test_setup_teardown(test_bad_config_refused_at_start, e2e_setup, e2e_teardown),
        cmocka_unit_test_setup_teardown(test_users, e2e_setup, e2e_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

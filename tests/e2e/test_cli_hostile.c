/*
 * test_cli_hostile.c - end to end: publisher text reaches the terminal escaped (ESC, BEL
 * and C1 controls in a feed's and an article's title and text, through `feeds list`,
 * `articles list` and `article`); `parse-feed` and `extract` fetch with the configured
 * SSRF allowlist and fetch.* limits; `--config DIR` and poll.min > poll.max are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "testhttpd.h"
#include "testutil.h"

struct fx {
    char *dir, *db;
    testhttpd *srv;
    char *out, *err; /* of the last run */
};

/* The feed: ESC, BEL, a C1 CSI (U+009B) and an OSC title sequence in every field the CLI
 * prints; JSON Feed, because XML 1.0 cannot carry these characters at all. */
static const char evil_feed[] =
    "{\"version\":\"https://jsonfeed.org/version/1.1\","
    "\"title\":\"Evil\\u001b]0;owned\\u0007 Wire\","
    "\"items\":[{\"id\":\"1\",\"url\":\"https://evil.example/a\","
    "\"title\":\"Title\\u001b[2J\\u009b31m red\",\"authors\":[{\"name\":\"A\\u001bB\"}],"
    "\"content_text\":\"Line one \\u009b5m blink\\n\\nline two \\u0007 bell\"}]}";

static void handle(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    (void)ctx;
    if (strcmp(rq->path, "/feed.json") == 0) {
        testhttpd_set_body(rs, evil_feed);
        testhttpd_add_header(rs, "Content-Type", "application/feed+json");
    } else if (strcmp(rq->path, "/page") == 0) {
        struct strbuf sb = STRBUF_INIT;
        strbuf_adds(&sb, "<html><body><article><h1>A page</h1>");
        for (int i = 0; i < 10; i++)
            strbuf_adds(&sb, "<p>Plenty of words in this paragraph so that it reads as the "
                             "body of an article about the harbour and its boats.</p>");
        strbuf_adds(&sb, "</article></body></html>");
        testhttpd_set_body(rs, sb.buf);
        strbuf_release(&sb);
    } else {
        rs->status = 404;
    }
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct strbuf sb = STRBUF_INIT;
    f->dir = test_tmpdir();
    strbuf_addf(&sb, "%s/herald.db", f->dir);
    f->db = strbuf_detach(&sb, NULL);
    f->srv = testhttpd_start(handle, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    testhttpd_stop(f->srv);
    test_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f->out);
    free(f->err);
    free(f);
    return 0;
}

/* Runs herald --db DB ARGS... with stdout and stderr in files; returns the exit status. */
static int herald(struct fx *f, const char *const *args)
{
    const char *argv[24];
    struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
    int n = 0, status = -1;
    pid_t pid;
    argv[n++] = getenv("HERALD_BIN");
    assert_non_null(argv[0]);
    argv[n++] = "--db";
    argv[n++] = f->db;
    for (int i = 0; args[i] && n < 23; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    strbuf_addf(&out, "%s/stdout", f->dir);
    strbuf_addf(&err, "%s/stderr", f->dir);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int o = open(out.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
            _exit(126);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    free(f->out);
    free(f->err);
    f->out = test_read_file(out.buf, NULL);
    f->err = test_read_file(err.buf, NULL);
    assert_non_null(f->out);
    assert_non_null(f->err);
    strbuf_release(&out);
    strbuf_release(&err);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* No byte a terminal would obey: C0 controls but tab and newline, DEL, C1 in UTF-8. */
static void assert_terminal_safe(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        assert_false(*p < 0x20 && *p != '\n' && *p != '\t');
        assert_false(*p == 0x7f);
        assert_false(p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0);
    }
}

static void test_publisher_text_is_escaped(void **state)
{
    struct fx *f = *state;
    char *url = testhttpd_url(f->srv, "/feed.json");
    char id[33];
    const char *add[] = {"feeds", "add", url, NULL};
    const char *fetch[] = {
        "--set", "ssrf.allow=127.0.0.1", "--set", "extract.mode=never", "fetch", "--once", NULL};
    const char *feeds[] = {"feeds", "list", NULL};
    const char *list[] = {"articles", "list", NULL};
    assert_int_equal(herald(f, add), 0);
    assert_int_equal(herald(f, fetch), 0);

    assert_int_equal(herald(f, feeds), 0);
    assert_terminal_safe(f->out);
    assert_non_null(strstr(f->out, "Evil\\x1b]0;owned\\x07 Wire"));

    assert_int_equal(herald(f, list), 0);
    assert_terminal_safe(f->out);
    assert_non_null(strstr(f->out, "Title\\x1b[2J\\u009b31m red"));
    memcpy(id, f->out, 32);
    id[32] = '\0';

    const char *show[] = {"article", id, NULL};
    assert_int_equal(herald(f, show), 0);
    assert_terminal_safe(f->out);
    assert_non_null(strstr(f->out, "A\\x1bB"));
    const char *text[] = {"article", id, "--text", NULL};
    assert_int_equal(herald(f, text), 0);
    assert_terminal_safe(f->out);
    assert_non_null(strstr(f->out, "Line one \\u009b5m blink\n")); /* newlines kept */
    assert_non_null(strstr(f->out, "\nline two"));
    free(url);
}

static void test_tools_honour_fetch_config(void **state)
{
    struct fx *f = *state;
    char *feed = testhttpd_url(f->srv, "/feed.json"), *page = testhttpd_url(f->srv, "/page");
    const char *plain[] = {"parse-feed", feed, NULL};
    const char *allowed[] = {"--set", "ssrf.allow=127.0.0.1", "parse-feed", feed, NULL};
    const char *capped[] = {
        "--set", "ssrf.allow=127.0.0.1", "--set", "fetch.max_bytes=1024", "extract", page, NULL};
    const char *extract[] = {"--set", "ssrf.allow=127.0.0.1", "extract", page, NULL};
    /* loopback is refused unless the configured allowlist lets it through */
    assert_int_equal(herald(f, plain), 1);
    assert_non_null(strstr(f->err, "SSRF"));
    assert_int_equal(herald(f, allowed), 0);
    assert_non_null(strstr(f->out, "owned"));
    assert_int_equal(herald(f, extract), 0);
    assert_non_null(strstr(f->out, "harbour"));
    /* and fetch.max_bytes bounds what they read */
    assert_int_equal(herald(f, capped), 1);
    assert_non_null(strstr(f->err, "1024"));
    free(feed);
    free(page);
}

static void test_config_refused(void **state)
{
    struct fx *f = *state;
    const char *dir[] = {"--config", f->dir, "feeds", "list", NULL};
    const char *poll[] = {"--set", "poll.min=7200", "--set", "poll.max=3600",
                          "feeds", "list",          NULL};
    assert_int_equal(herald(f, dir), 1);
    assert_non_null(strstr(f->err, "is a directory"));
    assert_int_equal(herald(f, poll), 1);
    assert_non_null(strstr(f->err, "poll.min"));
    assert_non_null(strstr(f->err, "poll.max"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_publisher_text_is_escaped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tools_honour_fetch_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

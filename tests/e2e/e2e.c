/*
 * e2e.c - the end-to-end tests' fixture and runner (e2e.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "e2e.h"
#include "testutil.h"

int e2e_herald(struct e2e_fixture *fx, const char *const *args, struct e2e_run *r)
{
    const char *bin = getenv("HERALD_BIN");
    const char *argv[32];
    struct strbuf out_path = STRBUF_INIT, err = STRBUF_INIT;
    int pipefd[2], status = -1, n = 0;
    pid_t pid;
    assert_non_null(bin);
    argv[n++] = bin;
    argv[n++] = "--db";
    argv[n++] = fx->db;
    argv[n++] = "--log-level";
    argv[n++] = "warn";
    for (int i = 0; args[i] && n < 31; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    if (r->stdout_path)
        strbuf_adds(&out_path, r->stdout_path);
    else
        strbuf_addf(&out_path, "%s/out.txt", fx->dir);
    assert_int_equal(pipe(pipefd), 0);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(out_path.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0 || dup2(pipefd[1], 2) < 0 || chdir(fx->root) != 0)
            _exit(126);
        close(pipefd[0]);
        if (r->fsize) {
            struct rlimit rl = {r->fsize, r->fsize};
            signal(SIGXFSZ, SIG_IGN); /* writes past the limit fail with EFBIG instead */
            if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
                _exit(126);
        }
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    close(pipefd[1]);
    for (;;) {
        struct pollfd p = {pipefd[0], POLLIN, 0};
        char buf[4096];
        int ready = poll(&p, 1, r->timeout_ms ? r->timeout_ms : 60000);
        if (ready == 0) {
            r->timed_out = 1;
            kill(pid, SIGKILL);
            break;
        }
        ssize_t got = read(pipefd[0], buf, sizeof(buf));
        if (got <= 0)
            break;
        strbuf_add(&err, buf, (size_t)got);
    }
    close(pipefd[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    r->err = strbuf_detach(&err, NULL);
    if (!r->stdout_path)
        r->out = test_read_file(out_path.buf, NULL);
    strbuf_release(&out_path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void e2e_run_release(struct e2e_run *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof(*r));
}

int e2e_setup(void **state)
{
    struct e2e_fixture *fx = xcalloc(1, sizeof(*fx));
    struct strbuf sb = STRBUF_INIT;
    char *rel = test_source_path("");
    fx->root = realpath(rel, NULL);
    free(rel);
    fx->dir = test_tmpdir();
    strbuf_addf(&sb, "%s/herald.db", fx->dir);
    fx->db = strbuf_detach(&sb, NULL);
    *state = fx;
    return fx->root && fx->dir ? 0 : -1;
}

int e2e_teardown(void **state)
{
    struct e2e_fixture *fx = *state;
    test_rmtree(fx->dir);
    free(fx->dir);
    free(fx->db);
    free(fx->root);
    free(fx);
    return 0;
}

/* `feeds list` and `export-opml` to /dev/full: the write fails, so the command fails. */

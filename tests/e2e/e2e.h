/*
 * e2e.h - what the end-to-end tests share: a temporary directory and database beside the
 * source tree, and a way to run the real herald binary (HERALD_BIN) on it.
 *
 * e2e_setup / e2e_teardown are cmocka fixtures: *state becomes a struct e2e_fixture whose
 * dir (a fresh temporary directory, removed at teardown), db (dir/herald.db) and root (the
 * source root, absolute: herald runs there, so "demo/feeds.opml" names the bundled demo)
 * the test may use.  e2e_herald runs `herald --db DB --log-level warn ARGS...`; what it
 * printed is in the struct e2e_run, which e2e_run_release frees.
 */
#ifndef HERALD_TESTS_E2E_H
#define HERALD_TESTS_E2E_H

#include <sys/resource.h>

struct e2e_fixture {
    char *dir;
    char *db;
    char *root; /* source root, absolute */
};

struct e2e_run {
    const char *stdout_path; /* NULL: dir/out.txt */
    rlim_t fsize;            /* RLIMIT_FSIZE for the child; 0 = unlimited */
    int timeout_ms;          /* how long the child may run (default 60 s); then it is killed */
    char *out;               /* what it printed on stdout (when stdout_path is NULL) */
    char *err;               /* what it printed on stderr */
    int timed_out;
};

int e2e_setup(void **state);
int e2e_teardown(void **state);

/* Runs herald --db DB --log-level warn ARGS... (args NULL-terminated, at most 24) in the
 * source root.  Returns the exit status (128 + signal when killed).  stderr is read through
 * a pipe until the child closes it (exits), so no test waits longer than the child runs,
 * and a child that does not exit within timeout_ms (a server that should have refused to
 * start) is killed. */
int e2e_herald(struct e2e_fixture *fx, const char *const *args, struct e2e_run *r);

/* Frees what r holds and clears it for another run. */
void e2e_run_release(struct e2e_run *r);

#endif

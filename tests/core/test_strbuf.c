/* test_strbuf.c - strbuf keeps its invariants (NUL-terminated, len < alloc) after every call,
 * and size arithmetic that would wrap aborts instead (checked in a child process). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/strbuf.h"

static void check_invariants(const struct strbuf *sb)
{
    assert_non_null(sb->buf);
    assert_int_equal(sb->buf[sb->len], '\0');
    if (sb->alloc)
        assert_true(sb->len < sb->alloc);
    else
        assert_int_equal(sb->len, 0);
}

static void test_add_and_format(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    check_invariants(&sb);
    strbuf_adds(&sb, "hello");
    check_invariants(&sb);
    strbuf_addch(&sb, ' ');
    strbuf_addf(&sb, "%d-%s", 42, "x");
    check_invariants(&sb);
    assert_string_equal(sb.buf, "hello 42-x");
    for (int i = 0; i < 1000; i++)
        strbuf_addf(&sb, "%04d", i);
    check_invariants(&sb);
    assert_int_equal(sb.len, 10 + 4000);
    assert_memory_equal(sb.buf + sb.len - 4, "0999", 4);
    strbuf_release(&sb);
    check_invariants(&sb);
}

static void test_trim_detach_reset(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, " \t padded \n");
    strbuf_trim(&sb);
    check_invariants(&sb);
    assert_string_equal(sb.buf, "padded");
    strbuf_setlen(&sb, 3);
    assert_string_equal(sb.buf, "pad");
    size_t n = 0;
    char *s = strbuf_detach(&sb, &n);
    assert_string_equal(s, "pad");
    assert_int_equal(n, 3);
    check_invariants(&sb);
    free(s);
    s = strbuf_detach(&sb, &n); /* detaching an empty buffer still gives an owned string */
    assert_string_equal(s, "");
    assert_int_equal(n, 0);
    free(s);
    strbuf_reset(&sb);
    check_invariants(&sb);
}

/* Terminal- and log-safe text: C0, DEL and C1 controls and invalid bytes escaped,
 * printable ASCII and valid UTF-8 kept. */
static void test_add_printable(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    const char in[] = "ok \x1b]0;pwned\x07 \xc2\x9b"
                      "2J caf\xc3\xa9 \xe2\x80\x94 \x9b\x7f\r\n\t";
    strbuf_add_printable(&sb, in, sizeof(in) - 1);
    check_invariants(&sb);
    assert_string_equal(sb.buf, "ok \\x1b]0;pwned\\x07 \\u009b2J caf\xc3\xa9 \xe2\x80\x94 "
                                "\\x9b\\x7f\\x0d\\x0a\\x09");
    for (size_t i = 0; i < sb.len; i++)
        assert_true((unsigned char)sb.buf[i] >= 0x20 && sb.buf[i] != 0x7f);
    strbuf_reset(&sb);
    strbuf_add_printable(&sb, "\xc2", 1); /* a truncated sequence */
    assert_string_equal(sb.buf, "\\xc2");
    strbuf_release(&sb);
}

/* Runs fn in a child process and returns 1 when it died of SIGABRT (the BUG path). */
static int aborts(void (*fn)(void))
{
    int status = 0;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2); /* the BUG message is expected */
        fn();
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static volatile size_t sink;

static void setlen_past_length(void)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "abc");
    strbuf_setlen(&sb, 4);
}

static void setlen_on_empty(void)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_setlen(&sb, 1);
}

static void grow_overflows(void)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "abc");
    strbuf_grow(&sb, SIZE_MAX - 2); /* len + extra + 1 wraps to 1 */
}

static void add_overflows(void)
{
    sink = st_add(SIZE_MAX - 1, 2);
}

static void mult_overflows(void)
{
    sink = st_mult(SIZE_MAX / 2 + 1, 2);
}

static void alloc_grow_overflows(void)
{
    uint64_t *arr = NULL;
    size_t alloc = 0;
    ALLOC_GROW(arr, SIZE_MAX / 4, alloc); /* SIZE_MAX / 4 * 8 bytes wraps */
    free(arr);
}

static void no_overflow(void)
{
    struct strbuf sb = STRBUF_INIT;
    sink = st_add(SIZE_MAX - 2, 2) + st_mult(SIZE_MAX / 2, 2);
    strbuf_adds(&sb, "abc");
    strbuf_setlen(&sb, 3);
    strbuf_setlen(&sb, 0);
    strbuf_release(&sb);
}

static void test_overflow_and_setlen_are_bugs(void **state)
{
    (void)state;
    assert_false(aborts(no_overflow));
    assert_true(aborts(setlen_past_length));
    assert_true(aborts(setlen_on_empty));
    assert_true(aborts(grow_overflows));
    assert_true(aborts(add_overflows));
    assert_true(aborts(mult_overflows));
    assert_true(aborts(alloc_grow_overflows));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_printable),
        cmocka_unit_test(test_add_and_format),
        cmocka_unit_test(test_trim_detach_reset),
        cmocka_unit_test(test_overflow_and_setlen_are_bugs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

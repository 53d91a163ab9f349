/*
 * test_file.c - file_read_regular: a regular file is read whole; a FIFO (no writer), a
 * character device, a directory and a missing file fail at once with the right status;
 * more than max bytes is HERALD_E_TOOBIG and leaves the buffer as it was; nofollow refuses
 * a symbolic link.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/strbuf.h"
#include "testutil.h"

static char *path_in(const char *dir, const char *name)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s/%s", dir, name);
    return strbuf_detach(&sb, NULL);
}

static void test_read_regular(void **state)
{
    (void)state;
    char *dir = test_tmpdir(), *file = path_in(dir, "a.txt"), *fifo = path_in(dir, "fifo");
    char *link = path_in(dir, "link"), *missing = path_in(dir, "missing");
    struct strbuf sb = STRBUF_INIT;
    char why[256];
    FILE *fp = fopen(file, "wb");
    assert_non_null(fp);
    fputs("hello, file", fp);
    fclose(fp);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(symlink(file, link), 0);

    strbuf_adds(&sb, ">");
    assert_int_equal(file_read_regular(file, 1024, true, &sb, why, sizeof(why)), HERALD_OK);
    assert_string_equal(sb.buf, ">hello, file");
    /* exactly max is fine, one byte less is too big and leaves the buffer alone */
    strbuf_reset(&sb);
    assert_int_equal(file_read_regular(file, 11, false, &sb, NULL, 0), HERALD_OK);
    assert_int_equal(file_read_regular(file, 10, false, &sb, why, sizeof(why)), HERALD_E_TOOBIG);
    assert_string_equal(sb.buf, "hello, file");
    strbuf_reset(&sb);

    /* a FIFO without a writer: refused at once, not a hang */
    assert_int_equal(file_read_regular(fifo, 1024, false, &sb, why, sizeof(why)), HERALD_E_IO);
    assert_non_null(strstr(why, "not a regular file"));
    /* endless and interactive devices, directories */
    assert_int_equal(file_read_regular("/dev/zero", 1024, false, &sb, NULL, 0), HERALD_E_IO);
    assert_int_equal(file_read_regular(dir, 1024, false, &sb, NULL, 0), HERALD_E_IO);
    assert_int_equal(file_read_regular(missing, 1024, false, &sb, NULL, 0), HERALD_E_NOTFOUND);
    /* symbolic links: followed unless nofollow */
    assert_int_equal(file_read_regular(link, 1024, true, &sb, NULL, 0), HERALD_E_IO);
    assert_int_equal(sb.len, 0);
    assert_int_equal(file_read_regular(link, 1024, false, &sb, NULL, 0), HERALD_OK);
    assert_string_equal(sb.buf, "hello, file");

    strbuf_release(&sb);
    test_rmtree(dir);
    free(dir);
    free(file);
    free(fifo);
    free(link);
    free(missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_regular),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * file.c - see file.h.
 */
#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/banned.h"

herald_status file_read_regular(const char *path, size_t max, bool nofollow, struct strbuf *out,
                                char *why, size_t whylen)
{
    herald_status rc = HERALD_OK;
    size_t start = out->len;
    struct stat st;
    int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (nofollow ? O_NOFOLLOW : 0);
    int fd = open(path, flags);
    if (fd < 0) {
        int err = errno;
        if (why && whylen)
            snprintf(why, whylen, "cannot open %s: %s", path, strerror(err));
        return err == ENOENT || err == ENOTDIR ? HERALD_E_NOTFOUND : HERALD_E_IO;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (why && whylen)
            snprintf(why, whylen, "%s is not a regular file", path);
        rc = HERALD_E_IO;
        goto out;
    }
    if (st.st_size > 0 && (unsigned long long)st.st_size > max) {
        if (why && whylen)
            snprintf(why, whylen, "%s is larger than %zu bytes", path, max);
        rc = HERALD_E_TOOBIG;
        goto out;
    }
    /* The size is a hint only (/proc files say 0, a file may grow): read to the end, but
     * never more than max bytes. */
    strbuf_grow(out, st.st_size > 0 ? (size_t)st.st_size : 4096);
    for (;;) {
        size_t room = max - (out->len - start);
        char chunk[65536];
        size_t want = room < sizeof(chunk) ? room + 1 : sizeof(chunk);
        ssize_t n = read(fd, chunk, want);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            if (why && whylen)
                snprintf(why, whylen, "cannot read %s: %s", path, strerror(err));
            rc = HERALD_E_IO;
            goto out;
        }
        if (n == 0)
            break;
        if ((size_t)n > room) {
            if (why && whylen)
                snprintf(why, whylen, "%s is larger than %zu bytes", path, max);
            rc = HERALD_E_TOOBIG;
            goto out;
        }
        strbuf_add(out, chunk, (size_t)n);
    }
out:
    if (rc)
        strbuf_setlen(out, start);
    close(fd);
    return rc;
}

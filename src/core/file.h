/*
 * file.h - reading a local file named by someone else, bounded and without blocking.
 *
 * A path may name anything: a FIFO (open() for reading waits for a writer, read() for
 * data, forever), a character device (/dev/zero never ends, /dev/tty waits for a key), a
 * directory, a socket.  file_read_regular opens with O_NONBLOCK (a FIFO's open returns at
 * once), accepts only a regular file (fstat after open, so the check is on what was
 * opened, not on a name that could be swapped in between), and reads at most max bytes.
 * Used by the fetcher's file: URLs and the web's local lead images; the CLI's file
 * arguments go through it too.
 */
#ifndef HERALD_CORE_FILE_H
#define HERALD_CORE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "core/strbuf.h"

/* Appends the content of the regular file at path to out.  nofollow refuses a symbolic
 * link as the last component.  Returns HERALD_OK; HERALD_E_NOTFOUND (no such file),
 * HERALD_E_IO (not a regular file, unreadable), HERALD_E_TOOBIG (more than max bytes;
 * out is then left as it was).  why (may be NULL) receives a one-line reason on failure. */
herald_status file_read_regular(const char *path, size_t max, bool nofollow, struct strbuf *out,
                                char *why, size_t whylen);

#endif

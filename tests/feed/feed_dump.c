/* feed_dump.c - development aid (not a test): prints feed_to_json of a file, as
 * `herald parse-feed FILE` will.  feed_dump FILE [URL] [CONTENT-TYPE] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "feed/feed.h"
#include "testutil.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: feed_dump FILE [URL] [CONTENT-TYPE]\n");
        return 2;
    }
    size_t len = 0;
    char *data = test_read_file(argv[1], &len);
    if (!data) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    struct feed_parse_opts opts;
    memset(&opts, 0, sizeof(opts));
    opts.url = argc > 2 ? argv[2] : NULL;
    opts.content_type = argc > 3 ? argv[3] : NULL;
    struct feed *f = NULL;
    herald_status rc = feed_parse(data, len, &opts, &f);
    free(data);
    if (rc) {
        fprintf(stderr, "feed_parse: %s\n", herald_strerror(rc));
        return 1;
    }
    struct strbuf sb = STRBUF_INIT;
    feed_to_json(f, &sb);
    fputs(sb.buf, stdout);
    strbuf_release(&sb);
    feed_free(f);
    return 0;
}

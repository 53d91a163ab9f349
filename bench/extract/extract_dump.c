/*
 * extract_dump - prints herald's extraction of one saved page as JSON (a debugging aid
 * until `herald extract` is wired into the CLI).
 *
 *   extract_dump FILE [URL]
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/strbuf.h"
#include "extract/extract.h"

int main(int argc, char **argv)
{
    struct strbuf sb = STRBUF_INIT;
    struct extract_result *r = NULL;
    char buf[65536];
    size_t n;
    FILE *f;

    if (argc < 2) {
        fprintf(stderr, "usage: extract_dump FILE [URL]\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_add(&sb, buf, n);
    fclose(f);
    herald_status rc = extract_article(sb.buf, sb.len, argc > 2 ? argv[2] : NULL, NULL, &r);
    strbuf_release(&sb);
    if (rc) {
        fprintf(stderr, "extract: %s\n", herald_strerror(rc));
        return 1;
    }
    char *js = extract_result_to_json(r, 2);
    puts(js);
    free(js);
    extract_result_free(r);
    return 0;
}

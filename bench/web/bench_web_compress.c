/*
 * bench_web_compress.c - what compressing a page costs the server: web_gzip and
 * web_brotli (src/web/httputil.c, the settings the server uses) over real pages.
 *     bench_web_compress ROUNDS PAGE...
 * Each round compresses every page once with each coding, into a reused buffer, as a
 * worker does; prints the mean input and output bytes and the mean time per page (wall
 * clock of the loop over all pages, so the caches are as warm as a busy server's).
 * run.sh's pre-rendered pages are a ready input:
 *     bench_web_compress 20 $(find build/bench-web/www-N-... -name "[0-9a-f]*.html" | head -2000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/strbuf.h"
#include "web/httputil.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Reads path whole into sb; 0 when it cannot be read. */
static int load(const char *path, struct strbuf *sb)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    if (!f)
        return 0;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        strbuf_add(sb, chunk, n);
    fclose(f);
    return 1;
}

int main(int argc, char **argv)
{
    static const enum web_encoding codings[] = {WEB_ENC_GZIP, WEB_ENC_BR};
    struct strbuf *pages, out = STRBUF_INIT;
    size_t npages = 0, in_bytes = 0;
    int rounds;
    if (argc < 3 || (rounds = atoi(argv[1])) <= 0) {
        fprintf(stderr, "usage: bench_web_compress ROUNDS PAGE...\n");
        return 2;
    }
    pages = calloc((size_t)argc, sizeof(*pages));
    if (!pages)
        return 1;
    for (int i = 2; i < argc; i++) {
        strbuf_init(&pages[npages], 0);
        if (load(argv[i], &pages[npages]))
            in_bytes += pages[npages++].len;
        else
            fprintf(stderr, "bench_web_compress: cannot read %s\n", argv[i]);
    }
    if (!npages)
        return 1;
    printf("%zu pages, mean %.0f bytes, %d rounds\n", npages, (double)in_bytes / (double)npages,
           rounds);
    for (size_t c = 0; c < sizeof(codings) / sizeof(codings[0]); c++) {
        size_t out_bytes = 0, failed = 0;
        double t0 = now_us();
        for (int r = 0; r < rounds; r++)
            for (size_t i = 0; i < npages; i++) {
                strbuf_reset(&out);
                if (web_compress(codings[c], pages[i].buf, pages[i].len, &out) != HERALD_OK)
                    failed++;
                else if (r == 0)
                    out_bytes += out.len;
            }
        printf("%-5s mean %6.0f bytes (%.1f%%), %6.1f us a page, %zu failed\n",
               web_encoding_name(codings[c]), (double)out_bytes / (double)npages,
               100.0 * (double)out_bytes / (double)in_bytes,
               (now_us() - t0) / ((double)rounds * (double)npages), failed);
    }
    for (size_t i = 0; i < npages; i++)
        strbuf_release(&pages[i]);
    free(pages);
    strbuf_release(&out);
    return 0;
}

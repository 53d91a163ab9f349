/*
 * bench_media.c - the image proxy's cost per image: media_scale (probe, libgd decode, four
 * scaled sizes, four WebP encodes) on photo-like JPEGs of common publisher sizes, and the
 * bytes it writes beside the original's.
 *
 *   bench_media [ROUNDS]
 *
 * The images are made with libgd (a smooth gradient under noise, JPEG quality 85, so they
 * compress like photographs rather than flat colour).  Prints, per source size, the median
 * wall and CPU milliseconds of ROUNDS runs (default 5; CPU time is the figure to trust on
 * a loaded machine: the work is single-threaded), the original's size and the total of the
 * four WebP variants.
 */
#include <gd.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "media/media.h"

static double now_ms(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void *photo(int w, int h, int *size)
{
    gdImagePtr im = gdImageCreateTrueColor(w, h);
    unsigned seed = 12345;
    void *p;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            seed = seed * 1103515245u + 12345u;
            int n = (int)(seed >> 27) - 16;
            int r = x * 255 / w + n, g = y * 255 / h + n, b = (x + y) * 127 / (w + h) + n;
            r = r < 0 ? 0 : r > 255 ? 255 : r;
            g = g < 0 ? 0 : g > 255 ? 255 : g;
            b = b < 0 ? 0 : b > 255 ? 255 : b;
            gdImageSetPixel(im, x, y, gdTrueColor(r, g, b));
        }
    p = gdImageJpegPtr(im, size, 85);
    gdImageDestroy(im);
    return p;
}

int main(int argc, char **argv)
{
    static const int sizes[][2] = {{800, 533}, {1200, 800}, {2048, 1365}, {4000, 2667}};
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    if (rounds < 1 || rounds > 100)
        rounds = 5;
    printf("%-10s %10s %10s %12s %14s\n", "source", "wall ms", "cpu ms", "jpeg bytes",
           "4 webp bytes");
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        int len;
        void *jpg = photo(sizes[s][0], sizes[s][1], &len);
        double *ms = calloc((size_t)rounds, sizeof(*ms)),
               *cpu = calloc((size_t)rounds, sizeof(*cpu));
        size_t out = 0;
        for (int r = 0; r < rounds; r++) {
            struct media_variant v[MEDIA_N_WIDTHS];
            double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
            if (media_scale(jpg, (size_t)len, MEDIA_MAX_PIXELS_DEFAULT, v) != HERALD_OK) {
                fprintf(stderr, "bench_media: scaling failed\n");
                return 1;
            }
            ms[r] = now_ms(CLOCK_MONOTONIC) - t0;
            cpu[r] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
            out = 0;
            for (int i = 0; i < MEDIA_N_WIDTHS; i++) {
                out += v[i].len;
                free(v[i].data);
            }
        }
        qsort(ms, (size_t)rounds, sizeof(*ms), cmp);
        qsort(cpu, (size_t)rounds, sizeof(*cpu), cmp);
        printf("%4dx%-5d %10.1f %10.1f %12d %14zu\n", sizes[s][0], sizes[s][1], ms[rounds / 2],
               cpu[rounds / 2], len, out);
        free(ms);
        free(cpu);
        gdFree(jpg);
    }
    return 0;
}

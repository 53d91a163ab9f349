/*
 * fuzz_media.c - libFuzzer target for the image proxy's checks and decoding
 * (src/media/media.c): media_sniff, media_probe (header parsing of JPEG, PNG, GIF, WebP) and
 * media_scale (libgd decoding, scaling and WebP encoding), on hostile bytes.
 *
 * Property checks (abort on violation, so libFuzzer keeps the input):
 *   - media_probe succeeds only for a sniffed type, with both sides non-zero;
 *   - media_scale succeeds only when media_probe does and the pixel cap holds, and then
 *     every variant is WebP whose own header gives the variant's size, no wider than its
 *     width and never wider than the source.
 * The pixel cap is 4 megapixels so that iterations stay fast.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "media/media.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP (4u * 1000 * 1000)

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_media: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct media_variant v[MEDIA_N_WIDTHS];
    enum media_type t = MEDIA_NONE;
    uint32_t w = 0, h = 0;
    herald_status probe = media_probe(data, size, &t, &w, &h);
    herald_status rc;
    if (probe == HERALD_OK && (media_sniff(data, size) != t || w == 0 || h == 0))
        fail("probe accepted an unsniffed type or a zero side");
    rc = media_scale(data, size, CAP, v);
    if (rc != HERALD_OK)
        return 0;
    if (probe != HERALD_OK || (uint64_t)w * h > CAP)
        fail("scale accepted what probe refused or the cap forbids");
    for (int i = 0; i < MEDIA_N_WIDTHS; i++) {
        enum media_type vt;
        uint32_t vw, vh;
        if (media_probe(v[i].data, v[i].len, &vt, &vw, &vh) != HERALD_OK || vt != MEDIA_WEBP ||
            vw != (uint32_t)v[i].w || vh != (uint32_t)v[i].h || v[i].w > v[i].width)
            fail("a variant is not the WebP it claims");
        free(v[i].data);
    }
    return 0;
}

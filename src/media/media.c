/*
 * media.c - see media.h: the image half of the proxy.  Sniffing and header probing are
 * plain byte parsing over a bounded buffer (every read checked against n); decoding,
 * scaling and encoding are libgd's.  libgd reports problems through one global error
 * callback: it is pointed at the log once (pthread_once) so nothing goes to stderr.
 *
 * A JPEG's EXIF orientation (a phone photo stored sideways, with a tag saying how to turn
 * it) is read with libexif and applied to the decoded pixels before scaling: the WebP
 * copies carry no metadata, so a browser could not turn them itself.  Only IFD0's
 * Orientation is read; an absent, malformed or out-of-range tag leaves the image as stored.
 */
#include "media/media.h"

#include <gd.h>
#include <libexif/exif-data.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#include "core/banned.h"

const int MEDIA_WIDTHS[MEDIA_N_WIDTHS] = {160, 320, 640, 1280};

#define WEBP_QUALITY 80

enum media_type media_sniff(const void *data, size_t n)
{
    const unsigned char *p = data;
    if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
        return MEDIA_PNG;
    if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return MEDIA_JPEG;
    if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
        return MEDIA_GIF;
    if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
        return MEDIA_WEBP;
    return MEDIA_NONE;
}

const char *media_type_mime(enum media_type t)
{
    switch (t) {
    case MEDIA_JPEG:
        return "image/jpeg";
    case MEDIA_PNG:
        return "image/png";
    case MEDIA_GIF:
        return "image/gif";
    case MEDIA_WEBP:
        return "image/webp";
    default:
        return NULL;
    }
}

bool media_width_valid(long width)
{
    for (int i = 0; i < MEDIA_N_WIDTHS; i++)
        if (MEDIA_WIDTHS[i] == width)
            return true;
    return false;
}

static uint32_t be16(const unsigned char *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le24(const unsigned char *p)
{
    return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | le24(p);
}

/* JPEG: walk the marker segments to the first start-of-frame (SOF0..SOF15 but DHT, JPG and
 * DAC, which share the range). */
static herald_status probe_jpeg(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
    size_t pos = 2;
    while (pos + 4 <= n) {
        unsigned m;
        if (p[pos] != 0xff)
            return HERALD_E_PARSE;
        while (pos + 1 < n && p[pos + 1] == 0xff) /* fill bytes */
            pos++;
        if (pos + 4 > n)
            break;
        m = p[pos + 1];
        if ((m >= 0xd0 && m <= 0xd7) || m == 0x01) { /* standalone markers */
            pos += 2;
            continue;
        }
        if (m == 0xd9 || m == 0xda) /* end of image, start of scan: no frame header */
            return HERALD_E_PARSE;
        uint32_t len = be16(p + pos + 2);
        if (len < 2)
            return HERALD_E_PARSE;
        if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
            if (len < 7 || pos + 9 > n)
                return HERALD_E_PARSE;
            *h = be16(p + pos + 5);
            *w = be16(p + pos + 7);
            return HERALD_OK;
        }
        pos += 2 + (size_t)len;
    }
    return HERALD_E_PARSE;
}

/* WebP: the first chunk says which flavour.  Animated WebP (VP8X with the animation flag)
 * is not decodable by libgd: unsupported. */
static herald_status probe_webp(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
    if (n < 30)
        return HERALD_E_PARSE;
    if (memcmp(p + 12, "VP8 ", 4) == 0) {
        if (p[23] != 0x9d || p[24] != 0x01 || p[25] != 0x2a)
            return HERALD_E_PARSE;
        *w = le16(p + 26) & 0x3fff;
        *h = le16(p + 28) & 0x3fff;
    } else if (memcmp(p + 12, "VP8L", 4) == 0) {
        uint32_t bits;
        if (p[20] != 0x2f)
            return HERALD_E_PARSE;
        bits = le32(p + 21);
        *w = (bits & 0x3fff) + 1;
        *h = ((bits >> 14) & 0x3fff) + 1;
    } else if (memcmp(p + 12, "VP8X", 4) == 0) {
        if (p[20] & 0x02) /* animation */
            return HERALD_E_UNSUPPORTED;
        *w = le24(p + 24) + 1;
        *h = le24(p + 27) + 1;
    } else {
        return HERALD_E_PARSE;
    }
    return HERALD_OK;
}

herald_status media_probe(const void *data, size_t n, enum media_type *type, uint32_t *w,
                          uint32_t *h)
{
    const unsigned char *p = data;
    enum media_type t = media_sniff(p, n);
    uint32_t iw = 0, ih = 0;
    herald_status rc = HERALD_OK;
    switch (t) {
    case MEDIA_PNG:
        if (n < 24 || memcmp(p + 12, "IHDR", 4) != 0)
            return HERALD_E_PARSE;
        iw = be32(p + 16);
        ih = be32(p + 20);
        break;
    case MEDIA_GIF:
        if (n < 10)
            return HERALD_E_PARSE;
        iw = le16(p + 6);
        ih = le16(p + 8);
        break;
    case MEDIA_JPEG:
        rc = probe_jpeg(p, n, &iw, &ih);
        break;
    case MEDIA_WEBP:
        rc = probe_webp(p, n, &iw, &ih);
        break;
    default:
        return HERALD_E_UNSUPPORTED;
    }
    if (rc)
        return rc;
    if (iw == 0 || ih == 0)
        return HERALD_E_PARSE;
    *type = t;
    *w = iw;
    *h = ih;
    return HERALD_OK;
}

/* libgd's messages go to our log, not stderr. */
static void gd_log(int priority, const char *fmt, va_list ap)
{
    char msg[256];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    if (priority <= 3) /* GD_ERROR: syslog.h LOG_ERR, whose names clash with core/log.h */
        log_warn("media", "libgd: %s", msg);
    else
        log_debug("media", "libgd: %s", msg);
}

static pthread_once_t gd_once = PTHREAD_ONCE_INIT;

static void gd_setup(void)
{
    gdSetErrorMethod(gd_log);
}

static gdImagePtr decode(const void *p, size_t n, enum media_type t)
{
    void *data = (void *)p; /* libgd's readers take a non-const pointer and do not write */
    int size = (int)n;
    switch (t) {
    case MEDIA_JPEG:
        return gdImageCreateFromJpegPtrEx(size, data, 1);
    case MEDIA_PNG:
        return gdImageCreateFromPngPtr(size, data);
    case MEDIA_GIF:
        return gdImageCreateFromGifPtr(size, data);
    case MEDIA_WEBP:
        return gdImageCreateFromWebpPtr(size, data);
    default:
        return NULL;
    }
}

/* The EXIF orientation of a JPEG: 1..8 (the TIFF/EXIF table), 1 when there is none or it
 * cannot be read. */
static int jpeg_orientation(const void *p, size_t n)
{
    ExifData *ed = exif_data_new_from_data(p, (unsigned)n);
    ExifEntry *e;
    int o = 1;
    if (!ed)
        return 1;
    e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (e && e->format == EXIF_FORMAT_SHORT && e->components >= 1 && e->data && e->size >= 2)
        o = exif_get_short(e->data, exif_data_get_byte_order(ed));
    exif_data_unref(ed);
    return o >= 1 && o <= 8 ? o : 1;
}

/* Turns a true-colour image from its stored orientation o (jpeg_orientation) to the one it
 * is meant to be seen in.  The mirrors and the half turn work in place; the four
 * orientations that swap width and height make a new image, and *im is replaced (the old
 * one destroyed).  Returns 0, or -1 when the new image cannot be made (*im unchanged). */
static int apply_orientation(gdImagePtr *im, int o)
{
    gdImagePtr src = *im, dst;
    int w = gdImageSX(src), h = gdImageSY(src);
    switch (o) {
    case 2:
        gdImageFlipHorizontal(src);
        return 0;
    case 3:
        gdImageFlipBoth(src);
        return 0;
    case 4:
        gdImageFlipVertical(src);
        return 0;
    case 5:
    case 6:
    case 7:
    case 8:
        break;
    default:
        return 0;
    }
    /* shown h wide and w high: each shown pixel (x, y) is read from the stored one the
     * tag's placement of row 0 and column 0 names */
    dst = gdImageCreateTrueColor(h, w);
    if (!dst)
        return -1;
    for (int y = 0; y < w; y++) {
        for (int x = 0; x < h; x++) {
            int sx = o == 5 || o == 6 ? y : w - 1 - y; /* column 0 at the top (5, 6) */
            int sy = o == 5 || o == 8 ? x : h - 1 - x; /* row 0 at the left (5, 8) */
            gdImageTrueColorPixel(dst, x, y) = gdImageTrueColorPixel(src, sx, sy);
        }
    }
    gdImageDestroy(src);
    *im = dst;
    return 0;
}

herald_status media_scale(const void *p, size_t n, uint64_t max_pixels,
                          struct media_variant out[MEDIA_N_WIDTHS])
{
    enum media_type t;
    uint32_t w, h;
    gdImagePtr im = NULL;
    herald_status rc;
    int i;

    memset(out, 0, sizeof(*out) * MEDIA_N_WIDTHS);
    if (n > MEDIA_MAX_BYTES || n > (size_t)INT32_MAX)
        return HERALD_E_TOOBIG;
    rc = media_probe(p, n, &t, &w, &h);
    if (rc)
        return rc;
    if ((uint64_t)w * h > max_pixels)
        return HERALD_E_TOOBIG;
    pthread_once(&gd_once, gd_setup);
    im = decode(p, n, t);
    if (!im)
        return HERALD_E_PARSE;
    /* the decoder's idea of the size wins over the header's (a GIF frame, a JPEG with a
     * later frame header); it is bounded by the same cap */
    if ((uint64_t)gdImageSX(im) * (uint64_t)gdImageSY(im) > max_pixels) {
        rc = HERALD_E_TOOBIG;
        goto out;
    }
    if (!gdImageTrueColor(im) && !gdImagePaletteToTrueColor(im)) {
        rc = HERALD_E_INTERNAL;
        goto out;
    }
    if (t == MEDIA_JPEG && apply_orientation(&im, jpeg_orientation(p, n)) != 0) {
        rc = HERALD_E_NOMEM;
        goto out;
    }
    gdImageSetInterpolationMethod(im, GD_CATMULLROM);
    for (i = 0; i < MEDIA_N_WIDTHS; i++) {
        int sx = gdImageSX(im), sy = gdImageSY(im);
        int tw = MEDIA_WIDTHS[i] < sx ? MEDIA_WIDTHS[i] : sx;
        int th = (int)(((int64_t)sy * tw + sx / 2) / sx);
        gdImagePtr sc = im;
        int size = 0;
        void *bytes;
        if (th < 1)
            th = 1;
        if (tw != sx) {
            sc = gdImageScale(im, (unsigned)tw, (unsigned)th);
            if (!sc) {
                rc = HERALD_E_INTERNAL;
                goto out;
            }
        }
        gdImageSaveAlpha(sc, 1);
        bytes = gdImageWebpPtrEx(sc, &size, WEBP_QUALITY);
        if (sc != im)
            gdImageDestroy(sc);
        if (!bytes || size <= 0) {
            gdFree(bytes);
            rc = HERALD_E_INTERNAL;
            goto out;
        }
        /* libgd's allocations are plain malloc, but own the bytes in our allocator */
        out[i].data = malloc((size_t)size);
        if (!out[i].data) {
            gdFree(bytes);
            rc = HERALD_E_NOMEM;
            goto out;
        }
        memcpy(out[i].data, bytes, (size_t)size);
        gdFree(bytes);
        out[i].len = (size_t)size;
        out[i].width = MEDIA_WIDTHS[i];
        out[i].w = tw;
        out[i].h = th;
    }
out:
    gdImageDestroy(im);
    if (rc) {
        for (i = 0; i < MEDIA_N_WIDTHS; i++) {
            free(out[i].data);
            out[i].data = NULL;
        }
    }
    return rc;
}

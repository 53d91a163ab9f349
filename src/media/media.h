/*
 * media.h - the image proxy: publisher images fetched by the server, checked, downscaled to
 * a few fixed widths and kept in a bounded disk cache, so a reader's browser only ever
 * loads images from herald itself.
 *
 * Why a proxy.  Publisher images are http:// (blocked by the site's Content-Security-Policy)
 * or https:// (hotlinked: every reader's browser tells the publisher it read the page).
 * Through /media the page's CSP is img-src 'self' data:, no reader contacts a publisher, and
 * a reader on a phone gets a 320- or 640-pixel copy instead of a 4000-pixel original.
 *
 * URL scheme: /media/{sig}/{width}?u={b64}
 *   b64    the image URL as stored (lead image or an <img> of the sanitized body), base64url
 *          without padding;
 *   sig    32 hex digits: BLAKE2b-128 (crypto_generichash) of the URL keyed with the
 *          server's secret.  Only the server can make a sig, and it makes one only while it
 *          renders stored articles, so /media is not an open proxy for arbitrary URLs;
 *   width  one of MEDIA_WIDTHS (any other is a 404); an image narrower than width is served
 *          at its own size, never enlarged.
 * Stateless rather than a table of known URLs: nothing is recorded at ingest, so articles
 * stored before the proxy existed, and inline images in their HTML, work unchanged; the page
 * is rewritten at render time (not at store time: the stored HTML keeps the publisher's
 * URLs, so the scheme, the widths or the secret can change without a migration).  The
 * secret is 32 random bytes in {dir}/secret (0600, made on first start), so the URLs
 * survive restarts and stay valid in clients' caches; a URL changes only with its image
 * URL, which is what makes "Cache-Control: immutable" right.
 *
 * Fetching: through fetch/fetch.h with the operator's fetcher settings and SSRF policy
 * (loopback and private addresses refused unless ssrf.allow lets them through), per-hop
 * timeouts, redirects re-checked hop by hop, and a body cap (MEDIA_MAX_BYTES).  file: URLs
 * only when the server runs with allow_file_urls (a local collection, the demo).  At most
 * max_fetches origin fetches run at once: a further image waits for a slot (bounded, then
 * HERALD_E_TIMEOUT: 503), so a page of fifty images cannot take every web worker to
 * slow publishers.  Concurrent requests for one image share one fetch (single flight): the
 * later ones wait for the first and read its files.  A failure is remembered for
 * MEDIA_FAIL_TTL seconds (in memory) so a broken image does not hammer its origin.
 *
 * Checking: the type comes from the magic bytes, never from Content-Type or the URL: JPEG,
 * PNG, GIF and WebP only (SVG is script; anything else is HERALD_E_UNSUPPORTED: 415).  The
 * pixel dimensions are read from the header (JPEG SOFn, PNG IHDR, GIF screen, WebP
 * VP8/VP8L/VP8X) BEFORE anything is decoded: more than max_pixels (40 megapixels by
 * default) or a zero side is refused (a decompression bomb: a 100 KB PNG can claim
 * 50,000 x 50,000 pixels, 10 GB once decoded).  Decoding is gated too (MEDIA_DECODES at
 * once), which bounds the memory a burst of large images can take.
 *
 * Decoding and scaling: libgd (Debian's libgd-dev), not libvips.  libgd is one small C
 * library over libjpeg, libpng, libwebp and its own GIF reader, with no threads of its own,
 * no global caches and no GLib: it runs under ASan/LSan with nothing to suppress, and its
 * decoders work from a memory buffer we have already bounded.  libvips is faster on huge
 * JPEGs (shrink-on-load) but brings GLib, a thread pool and an operation cache that must be
 * shut down by hand; with the pixel cap above, libgd's full decode is bounded anyway.  The
 * image is decoded once, scaled with a Catmull-Rom filter (gdImageScale, two-pass, so a
 * large reduction averages rather than aliases) to every width of MEDIA_WIDTHS not above
 * its own, and each size encoded as WebP (quality 80; alpha kept, which JPEG could not;
 * every current browser reads it).  Re-encoding also drops EXIF and other metadata (a
 * photo's location) and means no publisher byte reaches the browser.  GIF animations keep
 * their first frame.  A JPEG's EXIF orientation is applied before scaling (libexif reads
 * it), so a photo stored sideways is served upright.
 *
 * Disk cache: {dir}/{sig[0..1]}/{sig}-{width}.webp, written atomically (a temporary file in
 * the same directory, then rename), so a reader never sees half a file.  The total size is
 * bounded by max_bytes: after a write that crosses it, the files are listed and the least
 * recently used (modification time, refreshed on a hit at most hourly) are removed until
 * the total is 90% of the bound.  The bound is per process; a second process sharing the
 * directory only makes the count approximate.
 *
 * Thread safety: a media_proxy is shared by every web worker; all functions may be called
 * from any thread.
 */
#ifndef HERALD_MEDIA_MEDIA_H
#define HERALD_MEDIA_MEDIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/strbuf.h"

struct fetch_config;

#define MEDIA_SIG_LEN 32                             /* hex digits */
#define MEDIA_MAX_BYTES (10u * 1024 * 1024)          /* an original's size cap */
#define MEDIA_MAX_PIXELS_DEFAULT (40u * 1000 * 1000) /* an original's pixel cap */
#define MEDIA_MAX_URL 2048                           /* longest image URL proxied */
#define MEDIA_FAIL_TTL 600                           /* seconds a failure is remembered */
#define MEDIA_DECODES 2                              /* images decoded at once */
#define MEDIA_N_WIDTHS 4
extern const int MEDIA_WIDTHS[MEDIA_N_WIDTHS]; /* 160, 320, 640, 1280 */
#define MEDIA_WIDTH_THUMB 160
#define MEDIA_WIDTH_DEFAULT 640

enum media_type { MEDIA_NONE = 0, MEDIA_JPEG, MEDIA_PNG, MEDIA_GIF, MEDIA_WEBP };

/* ---------------------------------------------------------------- images (media.c) */

/* The raster type of bytes p[0..n) by their magic bytes, or MEDIA_NONE. */
enum media_type media_sniff(const void *p, size_t n);

/* The MIME type of t ("image/png", ...), or NULL for MEDIA_NONE. */
const char *media_type_mime(enum media_type t);

/* Reads the type and pixel size of an image from its header without decoding it.
 * HERALD_E_UNSUPPORTED when p is not JPEG, PNG, GIF or WebP (or an animated or otherwise
 * undecodable WebP flavour); HERALD_E_PARSE when the header is truncated or malformed or a
 * side is zero.  *type, *w, *h are set on success. */
herald_status media_probe(const void *p, size_t n, enum media_type *type, uint32_t *w, uint32_t *h);

/* One encoded size of an image. */
struct media_variant {
    int width;  /* the MEDIA_WIDTHS entry it answers */
    int w, h;   /* its real pixel size (w <= width) */
    void *data; /* WebP bytes, malloc'd */
    size_t len;
};

/* Decodes image p[0..n) (checked by media_probe first: at most max_pixels) and encodes one
 * variant per MEDIA_WIDTHS entry into out[MEDIA_N_WIDTHS] (a width above the image's own
 * gets the image at its own size).  The caller frees each out[i].data.  Errors:
 * HERALD_E_UNSUPPORTED (not a raster type we take), HERALD_E_TOOBIG (over max_pixels),
 * HERALD_E_PARSE (libgd could not decode it), HERALD_E_INTERNAL (encoding failed). */
herald_status media_scale(const void *p, size_t n, uint64_t max_pixels,
                          struct media_variant out[MEDIA_N_WIDTHS]);

/* Whether width is one of MEDIA_WIDTHS. */
bool media_width_valid(long width);

/* ---------------------------------------------------------------- the proxy (proxy.c) */

typedef struct media_proxy media_proxy;

struct media_config {
    const char *dir;                  /* the cache directory (created, 0700); required */
    uint64_t max_bytes;               /* disk bound of the cache (default 512 MiB) */
    uint64_t max_pixels;              /* default MEDIA_MAX_PIXELS_DEFAULT */
    int max_fetches;                  /* origin fetches at once (default 4) */
    long wait_ms;                     /* how long a request waits for a slot (default 20 s) */
    const struct fetch_config *fetch; /* fetcher settings and SSRF policy (copied, with
                                         the arrays it points to; NULL = defaults); its
                                         max_body is lowered to MEDIA_MAX_BYTES */
    bool allow_file_urls;             /* proxy file: images (a local collection) */
};

/* Fills cfg with the defaults (dir NULL). */
void media_config_init(struct media_config *cfg);

/* Creates the proxy: makes cfg->dir, reads or creates its secret, and counts what the cache
 * holds.  *out is set on success.  HERALD_E_INVALID without a dir, HERALD_E_IO when the
 * directory or the secret cannot be made or read (logged). */
herald_status media_proxy_new(const struct media_config *cfg, media_proxy **out);
void media_proxy_free(media_proxy *p);

/* Whether the proxy would take url: http(s), or file: when allowed; at most MEDIA_MAX_URL
 * bytes and safe in an attribute (url_is_http's rules). */
bool media_url_ok(const media_proxy *p, const char *url);

/* Appends "/media/{sig}/{width}?u={b64}" for url to sb (nothing when !media_url_ok). */
void media_path(const media_proxy *p, struct strbuf *sb, const char *url, int width);

/* Decodes a request's sig and u parameters: sets *url (malloc'd; the caller frees) when u is
 * valid base64url of a URL whose signature is sig.  HERALD_E_NOTFOUND otherwise. */
herald_status media_verify(const media_proxy *p, const char *sig, const char *u, char **url);

/* One image as served. */
struct media_image {
    void *data; /* malloc'd; the caller frees */
    size_t len;
    const char *type;              /* "image/webp" */
    char etag[MEDIA_SIG_LEN + 12]; /* "\"{sig}-{width}\"" */
};

/* The variant of url (verified by media_verify; sig its signature) at width: from the
 * cache, or fetched, checked, scaled and cached first.  Errors: HERALD_E_NOTFOUND (width
 * not one of MEDIA_WIDTHS), what the fetch failed with (HERALD_E_DENIED for the SSRF policy,
 * E_HTTP, E_NETWORK, E_TIMEOUT, E_TOOBIG over MEDIA_MAX_BYTES), E_UNSUPPORTED (not a
 * raster type), E_TOOBIG (over max_pixels), E_PARSE (undecodable), E_TIMEOUT (no fetch slot
 * in time), E_IO (the cache could not be read).  A failure is remembered (MEDIA_FAIL_TTL). */
herald_status media_get(media_proxy *p, const char *sig, const char *url, int width,
                        struct media_image *out);

/* Cache statistics (for tests and the log). */
struct media_stats {
    uint64_t bytes;   /* the cache's size as counted */
    uint64_t files;   /* files written since start */
    uint64_t fetches; /* origin fetches started since start */
    uint64_t evicted; /* files removed by the bound */
};
void media_proxy_stats(media_proxy *p, struct media_stats *out);

/* Runs the eviction pass now (normally after a write crosses max_bytes). */
void media_proxy_evict(media_proxy *p);

#endif

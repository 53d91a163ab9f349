/*
 * cache.h - the rendered-page cache of the web server.
 *
 * Rendering an article page costs a few keyed reads and the markup; serving it from
 * memory costs microseconds.  An entry is the finished representation of one URL: the
 * body, its gzip and brotli forms (each made once, when a client first asks for it),
 * its ETag, Last-Modified, content type and cache policy.  It is valid while the store's data
 * version (store_data_version, which changes on every committed write) is the one it
 * was rendered at AND it is younger than the TTL, so relative times ("7 minutes ago")
 * are never staler than the TTL.
 *
 * Bounded: at most max_entries entries and max_bytes of bodies (both split over 16
 * shards, each with its own mutex); bodies over max_bytes / 64 are not cached.  When a
 * shard is full its least recently used entry goes.  web_cache_get copies the entry out
 * (web_cached_release frees the copy); web_cache_get_ref instead shares the entry's
 * immutable value through a reference count (web_cache_unref), which stays valid after
 * eviction or replacement: the server hands cached bodies to libmicrohttpd that way,
 * without copying them per request.
 */
#ifndef HERALD_WEB_CACHE_H
#define HERALD_WEB_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "web/httputil.h"

typedef struct web_cache web_cache;
typedef struct web_cache_ref web_cache_ref;

struct web_cached {
    int status;
    const char *content_type; /* static strings */
    const char *cache_control;
    int64_t last_modified; /* TIME_NONE = none */
    char *body;            /* malloc'd */
    size_t len;
    char *gz; /* malloc'd gzip form, NULL until a client asked for it */
    size_t gz_len;
    char *br; /* malloc'd brotli form, likewise */
    size_t br_len;
    char etag[WEB_ETAG_LEN]; /* of the identity body */
    int64_t rendered;        /* when the body was rendered (the entry's age counts from it) */
};

/* Returns a new cache.  ttl_s: seconds an entry lives at most. */
web_cache *web_cache_new(size_t max_entries, size_t max_bytes, int ttl_s);
/* Frees the cache and every entry.  NULL does nothing. */
void web_cache_free(web_cache *c);

/* Looks key up.  On a valid hit (same version, younger than the TTL) fills *out with a
 * copy the caller releases with web_cached_release and returns 1; otherwise returns 0
 * and leaves *out untouched. */
int web_cache_get(web_cache *c, const char *key, int64_t version, int64_t now,
                  struct web_cached *out);

/* Like web_cache_get, but without copying: on a valid hit returns the entry's value,
 * read-only, and sets *ref to a reference that keeps it alive until web_cache_unref(*ref)
 * (from any thread), even if the entry is evicted or replaced meanwhile.  On a miss
 * returns NULL and sets *ref to NULL. */
const struct web_cached *web_cache_get_ref(web_cache *c, const char *key, int64_t version,
                                           int64_t now, web_cache_ref **ref);

/* Drops a reference from web_cache_get_ref; the last one frees the value.  NULL does
 * nothing. */
void web_cache_unref(web_cache_ref *ref);

/* Stores a copy of *in under key (replacing an older entry for key).  Entries too large
 * for the cache are silently not stored. */
void web_cache_put(web_cache *c, const char *key, int64_t version, int64_t now,
                   const struct web_cached *in);

/* Frees the body and compressed copies of a web_cached. */
void web_cached_release(struct web_cached *e);

/* Counters for the about page and tests. */
struct web_cache_stats {
    uint64_t hits, misses, entries, bytes;
};
void web_cache_stats(web_cache *c, struct web_cache_stats *out);

#endif

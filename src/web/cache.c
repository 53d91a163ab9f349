/*
 * cache.c - see cache.h.  16 shards chosen by the key's hash; each shard is a small
 * array scanned linearly (hash compared before the key), with a use counter for LRU.
 * Linear scan beats a hash table at these sizes (a shard holds max_entries / 16, a
 * hundred or so) and makes eviction trivial.  An entry's value is a reference-counted
 * block, so readers can hold it past eviction without copying it.
 */
#include "web/cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#include "core/banned.h"

#define SHARDS 16

/* The immutable value of an entry, shared by the entry and by the readers that took a
 * reference (web_cache_get_ref); freed by whoever drops the last reference. */
struct web_cache_ref {
    atomic_int refs;
    struct web_cached v;
};

struct entry {
    uint64_t hash;
    char *key;
    int64_t version, created;
    uint64_t used;
    struct web_cache_ref *val;
};

struct shard {
    pthread_mutex_t lock;
    struct entry *e;
    size_t n, cap;
    size_t bytes;
    uint64_t tick, hits, misses;
};

struct web_cache {
    struct shard shards[SHARDS];
    size_t max_bytes_shard;
    size_t max_body;
    int ttl;
};

static uint64_t hash_key(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

web_cache *web_cache_new(size_t max_entries, size_t max_bytes, int ttl_s)
{
    web_cache *c = xcalloc(1, sizeof(*c));
    size_t per = max_entries / SHARDS;
    if (per < 1)
        per = 1;
    for (int i = 0; i < SHARDS; i++) {
        pthread_mutex_init(&c->shards[i].lock, NULL);
        c->shards[i].cap = per;
        c->shards[i].e = xcalloc(per, sizeof(struct entry));
    }
    c->max_bytes_shard = max_bytes / SHARDS;
    c->max_body = max_bytes / 64;
    c->ttl = ttl_s;
    return c;
}

void web_cache_unref(web_cache_ref *r)
{
    if (!r)
        return;
    if (atomic_fetch_sub_explicit(&r->refs, 1, memory_order_acq_rel) != 1)
        return;
    web_cached_release(&r->v);
    free(r);
}

static void entry_clear(struct shard *s, struct entry *e)
{
    s->bytes -= e->val->v.len + e->val->v.gz_len + e->val->v.br_len;
    free(e->key);
    web_cache_unref(e->val);
    memset(e, 0, sizeof(*e));
}

/* Frees entry i and moves the last entry into its place. */
static void remove_at(struct shard *s, size_t i)
{
    entry_clear(s, &s->e[i]);
    if (i != s->n - 1) {
        s->e[i] = s->e[s->n - 1];
        memset(&s->e[s->n - 1], 0, sizeof(struct entry));
    }
    s->n--;
}

void web_cache_free(web_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < SHARDS; i++) {
        struct shard *s = &c->shards[i];
        for (size_t k = 0; k < s->n; k++)
            entry_clear(s, &s->e[k]);
        free(s->e);
        pthread_mutex_destroy(&s->lock);
    }
    free(c);
}

void web_cached_release(struct web_cached *e)
{
    free(e->body);
    free(e->gz);
    free(e->br);
    e->body = e->gz = e->br = NULL;
    e->len = e->gz_len = e->br_len = 0;
}

static void copy_out(struct web_cached *dst, const struct web_cached *src)
{
    *dst = *src;
    dst->body = xmalloc(src->len + 1);
    memcpy(dst->body, src->body, src->len);
    dst->body[src->len] = '\0';
    dst->gz = dst->br = NULL;
    if (src->gz) {
        dst->gz = xmalloc(src->gz_len);
        memcpy(dst->gz, src->gz, src->gz_len);
    }
    if (src->br) {
        dst->br = xmalloc(src->br_len);
        memcpy(dst->br, src->br, src->br_len);
    }
}

/* The valid entry for key in shard s (locked), or NULL; counts the hit or miss. */
static struct entry *lookup(web_cache *c, struct shard *s, uint64_t h, const char *key,
                            int64_t version, int64_t now)
{
    struct entry *found = NULL;
    for (size_t i = 0; i < s->n; i++) {
        struct entry *e = &s->e[i];
        if (e->hash != h || strcmp(e->key, key) != 0)
            continue;
        if (e->version == version && now - e->created < c->ttl && now >= e->created) {
            e->used = ++s->tick;
            found = e;
        }
        break;
    }
    if (found)
        s->hits++;
    else
        s->misses++;
    return found;
}

int web_cache_get(web_cache *c, const char *key, int64_t version, int64_t now,
                  struct web_cached *out)
{
    uint64_t h = hash_key(key);
    struct shard *s = &c->shards[h % SHARDS];
    struct entry *e;
    pthread_mutex_lock(&s->lock);
    e = lookup(c, s, h, key, version, now);
    if (e)
        copy_out(out, &e->val->v);
    pthread_mutex_unlock(&s->lock);
    return e != NULL;
}

const struct web_cached *web_cache_get_ref(web_cache *c, const char *key, int64_t version,
                                           int64_t now, web_cache_ref **ref)
{
    uint64_t h = hash_key(key);
    struct shard *s = &c->shards[h % SHARDS];
    struct entry *e;
    web_cache_ref *r = NULL;
    pthread_mutex_lock(&s->lock);
    e = lookup(c, s, h, key, version, now);
    if (e) {
        r = e->val;
        atomic_fetch_add_explicit(&r->refs, 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&s->lock);
    *ref = r;
    return r ? &r->v : NULL;
}

void web_cache_put(web_cache *c, const char *key, int64_t version, int64_t now,
                   const struct web_cached *in)
{
    uint64_t h = hash_key(key);
    struct shard *s = &c->shards[h % SHARDS];
    size_t size = in->len + in->gz_len + in->br_len;
    struct entry *slot;

    if (size > c->max_body || size > c->max_bytes_shard)
        return;
    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < s->n; i++) {
        if (s->e[i].hash == h && strcmp(s->e[i].key, key) == 0) {
            remove_at(s, i);
            break;
        }
    }
    /* make room, by count and by bytes, dropping the least recently used */
    while (s->n > 0 && (s->n >= s->cap || s->bytes + size > c->max_bytes_shard)) {
        size_t lru = 0;
        for (size_t i = 1; i < s->n; i++)
            if (s->e[i].used < s->e[lru].used)
                lru = i;
        remove_at(s, lru);
    }
    slot = &s->e[s->n++];
    slot->hash = h;
    slot->key = xstrdup(key);
    slot->version = version;
    slot->created = now;
    slot->used = ++s->tick;
    slot->val = xmalloc(sizeof(*slot->val));
    atomic_init(&slot->val->refs, 1);
    copy_out(&slot->val->v, in);
    s->bytes += size;
    pthread_mutex_unlock(&s->lock);
}

void web_cache_stats(web_cache *c, struct web_cache_stats *out)
{
    memset(out, 0, sizeof(*out));
    for (int i = 0; i < SHARDS; i++) {
        struct shard *s = &c->shards[i];
        pthread_mutex_lock(&s->lock);
        out->hits += s->hits;
        out->misses += s->misses;
        out->entries += s->n;
        out->bytes += s->bytes;
        pthread_mutex_unlock(&s->lock);
    }
}

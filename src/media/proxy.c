/*
 * proxy.c - see media.h: signing, the disk cache with its bound, and the fetch with its
 * slots, single flight and failure memory.  One mutex guards the in-memory state (slots,
 * flights, failures, counters); file I/O, fetching and decoding run outside it.
 */
#include "media/media.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "fetch/fetch.h"

#include "core/banned.h"

#define KEY_BYTES 32
#define N_FAILS 64
#define TOUCH_AFTER_S 3600
#define VARIANT_MAX (8u * 1024 * 1024)

struct failure {
    char sig[MEDIA_SIG_LEN + 1];
    herald_status rc;
    int64_t until;
};

struct media_proxy {
    char *dir;
    unsigned char key[KEY_BYTES];
    uint64_t max_bytes, max_pixels;
    int max_fetches;
    long wait_ms;
    bool allow_file;
    struct fetch_config fetch;
    char **strs; /* the fetch config's strings, owned */
    size_t n_strs;
    const char **allow, **resolve, **connect_to;

    pthread_mutex_t mu;
    pthread_cond_t cv;
    char (*flights)[MEDIA_SIG_LEN + 1]; /* images being fetched, max_fetches slots */
    int n_flights;
    int decoding;
    struct failure fails[N_FAILS];
    int fail_next;
    int evicting;
    struct media_stats st;
};

void media_config_init(struct media_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->max_bytes = 512u * 1024 * 1024;
    cfg->max_pixels = MEDIA_MAX_PIXELS_DEFAULT;
    cfg->max_fetches = 4;
    cfg->wait_ms = 20000;
}

/* ---------------------------------------------------------------- the secret */

/* Reads {dir}/secret, or makes it: written whole to a temporary file, then linked into
 * place (link fails if another process got there first; then its secret is read). */
static herald_status load_secret(media_proxy *p)
{
    struct strbuf path = STRBUF_INIT, tmp = STRBUF_INIT, data = STRBUF_INIT;
    herald_status rc = HERALD_E_IO;
    strbuf_addf(&path, "%s/secret", p->dir);
    for (int attempt = 0; attempt < 2; attempt++) {
        strbuf_reset(&data);
        herald_status r = file_read_regular(path.buf, 64, true, &data, NULL, 0);
        if (r == HERALD_OK) {
            if (data.len != KEY_BYTES) {
                log_error("media", "%s: not a media secret (%zu bytes)", path.buf, data.len);
                goto out;
            }
            memcpy(p->key, data.buf, KEY_BYTES);
            rc = HERALD_OK;
            goto out;
        }
        if (r != HERALD_E_NOTFOUND)
            break;
        unsigned char key[KEY_BYTES];
        randombytes_buf(key, sizeof(key));
        strbuf_reset(&tmp);
        strbuf_addf(&tmp, "%s/.secret-XXXXXX", p->dir);
        int fd = mkstemp(tmp.buf);
        if (fd < 0)
            break;
        int ok = fchmod(fd, 0600) == 0 && write(fd, key, sizeof(key)) == (ssize_t)sizeof(key);
        ok = close(fd) == 0 && ok;
        if (ok && link(tmp.buf, path.buf) != 0 && errno != EEXIST)
            ok = 0;
        unlink(tmp.buf);
        sodium_memzero(key, sizeof(key));
        if (!ok)
            break;
    }
    log_error("media", "cannot read or create %s: %s", path.buf, strerror(errno));
out:
    strbuf_release(&path);
    strbuf_release(&tmp);
    strbuf_release(&data);
    return rc;
}

/* ---------------------------------------------------------------- cache files */

struct cfile {
    char *path;
    int64_t mtime;
    uint64_t size;
};

static int is_hex2(const char *s)
{
    return strlen(s) == 2 && strspn(s, "0123456789abcdef") == 2;
}

/* Lists the cache's files ({dir}/xx/NAME, temporary files left by a crash included). */
static void list_files(const char *dir, struct cfile **out, size_t *n)
{
    size_t alloc = 0;
    DIR *top = opendir(dir);
    struct dirent *e;
    *out = NULL;
    *n = 0;
    if (!top)
        return;
    while ((e = readdir(top)) != NULL) {
        struct strbuf sub = STRBUF_INIT;
        DIR *d;
        struct dirent *f;
        if (!is_hex2(e->d_name))
            continue;
        strbuf_addf(&sub, "%s/%s", dir, e->d_name);
        d = opendir(sub.buf);
        while (d && (f = readdir(d)) != NULL) {
            struct strbuf fp = STRBUF_INIT;
            struct stat sb;
            if (f->d_name[0] == '.' && (!f->d_name[1] || (f->d_name[1] == '.' && !f->d_name[2])))
                continue;
            strbuf_addf(&fp, "%s/%s", sub.buf, f->d_name);
            if (lstat(fp.buf, &sb) != 0 || !S_ISREG(sb.st_mode)) {
                strbuf_release(&fp);
                continue;
            }
            ALLOC_GROW(*out, *n + 1, alloc);
            (*out)[*n].path = strbuf_detach(&fp, NULL);
            (*out)[*n].mtime = (int64_t)sb.st_mtime;
            (*out)[*n].size = (uint64_t)sb.st_size;
            (*n)++;
        }
        if (d)
            closedir(d);
        strbuf_release(&sub);
    }
    closedir(top);
}

static int by_mtime(const void *a, const void *b)
{
    const struct cfile *x = a, *y = b;
    if (x->mtime != y->mtime)
        return x->mtime < y->mtime ? -1 : 1;
    return strcmp(x->path, y->path);
}

void media_proxy_evict(media_proxy *p)
{
    struct cfile *files;
    size_t n, i;
    uint64_t total = 0, target = p->max_bytes / 10 * 9, removed = 0;
    pthread_mutex_lock(&p->mu);
    if (p->evicting) {
        pthread_mutex_unlock(&p->mu);
        return;
    }
    p->evicting = 1;
    pthread_mutex_unlock(&p->mu);

    list_files(p->dir, &files, &n);
    for (i = 0; i < n; i++)
        total += files[i].size;
    if (total > p->max_bytes) {
        qsort(files, n, sizeof(*files), by_mtime);
        for (i = 0; i < n && total > target; i++) {
            if (unlink(files[i].path) == 0) {
                total -= files[i].size;
                removed++;
            }
        }
    }
    for (i = 0; i < n; i++)
        free(files[i].path);
    free(files);

    pthread_mutex_lock(&p->mu);
    p->st.bytes = total;
    p->st.evicted += removed;
    p->evicting = 0;
    pthread_mutex_unlock(&p->mu);
    if (removed)
        log_info("media", "cache over %llu bytes: removed %llu files",
                 (unsigned long long)p->max_bytes, (unsigned long long)removed);
}

static void variant_path(const media_proxy *p, struct strbuf *sb, const char *sig, int width)
{
    strbuf_addf(sb, "%s/%.2s/%s-%d.webp", p->dir, sig, sig, width);
}

/* Reads a cached variant; refreshes its time (the eviction order) at most hourly. */
static herald_status read_variant(const char *path, struct media_image *out)
{
    struct strbuf data = STRBUF_INIT;
    struct stat sb;
    herald_status rc = file_read_regular(path, VARIANT_MAX, true, &data, NULL, 0);
    if (rc) {
        strbuf_release(&data);
        return rc;
    }
    if (stat(path, &sb) == 0 && (int64_t)sb.st_mtime < time_now() - TOUCH_AFTER_S)
        utimensat(AT_FDCWD, path, NULL, 0);
    out->len = data.len;
    out->data = strbuf_detach(&data, NULL);
    return HERALD_OK;
}

/* Writes data to path atomically: a temporary file beside it, then rename. */
static herald_status write_atomic(const char *path, const void *data, size_t len)
{
    struct strbuf tmp = STRBUF_INIT;
    const char *slash = strrchr(path, '/');
    herald_status rc = HERALD_E_IO;
    int fd;
    strbuf_add(&tmp, path, (size_t)(slash - path));
    mkdir(tmp.buf, 0700); /* the xx/ directory; EEXIST is fine */
    strbuf_adds(&tmp, "/.tmp-XXXXXX");
    fd = mkstemp(tmp.buf);
    if (fd < 0)
        goto out;
    const char *q = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, q, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        q += w;
        left -= (size_t)w;
    }
    if (close(fd) != 0 || left || rename(tmp.buf, path) != 0) {
        unlink(tmp.buf);
        goto out;
    }
    rc = HERALD_OK;
out:
    if (rc)
        log_warn("media", "cannot write %s: %s", path, strerror(errno));
    strbuf_release(&tmp);
    return rc;
}

/* ---------------------------------------------------------------- the proxy */

static const char **copy_strs(media_proxy *p, const char *const *src, size_t n)
{
    const char **dst;
    if (!n)
        return NULL;
    dst = xcalloc(n, sizeof(*dst));
    for (size_t i = 0; i < n; i++) {
        char *s = xstrdup(src[i]);
        p->strs = xreallocarray(p->strs, p->n_strs + 1, sizeof(*p->strs));
        p->strs[p->n_strs++] = s;
        dst[i] = s;
    }
    return dst;
}

herald_status media_proxy_new(const struct media_config *cfg, media_proxy **out)
{
    media_proxy *p;
    struct cfile *files;
    size_t n;
    if (!cfg || !cfg->dir || !*cfg->dir)
        return HERALD_E_INVALID;
    if (sodium_init() < 0)
        return HERALD_E_INTERNAL;
    if (mkdir(cfg->dir, 0700) != 0 && errno != EEXIST) {
        log_error("media", "cannot make the image cache %s: %s", cfg->dir, strerror(errno));
        return HERALD_E_IO;
    }
    p = xcalloc(1, sizeof(*p));
    p->dir = xstrdup(cfg->dir);
    p->max_bytes = cfg->max_bytes ? cfg->max_bytes : 512u * 1024 * 1024;
    p->max_pixels = cfg->max_pixels ? cfg->max_pixels : MEDIA_MAX_PIXELS_DEFAULT;
    p->max_fetches = cfg->max_fetches > 0 ? cfg->max_fetches : 4;
    p->wait_ms = cfg->wait_ms > 0 ? cfg->wait_ms : 20000;
    p->allow_file = cfg->allow_file_urls;
    if (cfg->fetch) {
        p->fetch = *cfg->fetch;
        p->allow = copy_strs(p, cfg->fetch->allow, cfg->fetch->n_allow);
        p->resolve = copy_strs(p, cfg->fetch->resolve, cfg->fetch->n_resolve);
        p->connect_to = copy_strs(p, cfg->fetch->connect_to, cfg->fetch->n_connect_to);
        p->fetch.allow = p->allow;
        p->fetch.resolve = p->resolve;
        p->fetch.connect_to = p->connect_to;
        p->fetch.user_agent = NULL; /* not copied: the default */
    } else {
        fetch_config_init(&p->fetch);
    }
    p->fetch.accept = "image/webp,image/png,image/jpeg,image/gif;q=0.9";
    p->fetch.allow_file_urls = p->allow_file;
    if (!p->fetch.max_body || p->fetch.max_body > MEDIA_MAX_BYTES)
        p->fetch.max_body = MEDIA_MAX_BYTES;
    if (p->fetch.connect_timeout_ms <= 0 || p->fetch.connect_timeout_ms > 5000)
        p->fetch.connect_timeout_ms = 5000;
    if (p->fetch.total_timeout_ms <= 0 || p->fetch.total_timeout_ms > 15000)
        p->fetch.total_timeout_ms = 15000;
    if (p->fetch.max_redirects > 3)
        p->fetch.max_redirects = 3;
    p->flights = xcalloc((size_t)p->max_fetches, sizeof(*p->flights));
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    if (load_secret(p) != HERALD_OK) {
        media_proxy_free(p);
        return HERALD_E_IO;
    }
    list_files(p->dir, &files, &n);
    for (size_t i = 0; i < n; i++) {
        p->st.bytes += files[i].size;
        free(files[i].path);
    }
    free(files);
    *out = p;
    return HERALD_OK;
}

void media_proxy_free(media_proxy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_strs; i++)
        free(p->strs[i]);
    free(p->strs);
    free(p->allow);
    free(p->resolve);
    free(p->connect_to);
    free(p->flights);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    sodium_memzero(p->key, sizeof(p->key));
    free(p->dir);
    free(p);
}

void media_proxy_stats(media_proxy *p, struct media_stats *out)
{
    pthread_mutex_lock(&p->mu);
    *out = p->st;
    pthread_mutex_unlock(&p->mu);
}

/* ---------------------------------------------------------------- signing */

bool media_url_ok(const media_proxy *p, const char *url)
{
    if (!p || !url || strlen(url) > MEDIA_MAX_URL)
        return false;
    if (url_is_http(url))
        return true;
    /* a file: URL has no url_is_http check: refuse what could not go into an attribute */
    for (const unsigned char *c = (const unsigned char *)url; *c; c++)
        if (*c <= 0x20 || *c == 0x7f || *c == '"' || *c == '\'' || *c == '<' || *c == '>')
            return false;
    return p->allow_file && url_is_file(url);
}

static void sign(const media_proxy *p, const char *url, size_t len, char sig[MEDIA_SIG_LEN + 1])
{
    unsigned char h[MEDIA_SIG_LEN / 2];
    crypto_generichash(h, sizeof(h), (const unsigned char *)url, len, p->key, sizeof(p->key));
    sodium_bin2hex(sig, MEDIA_SIG_LEN + 1, h, sizeof(h));
}

void media_path(const media_proxy *p, struct strbuf *sb, const char *url, int width)
{
    char sig[MEDIA_SIG_LEN + 1];
    size_t len, b64len;
    if (!media_url_ok(p, url))
        return;
    len = strlen(url);
    sign(p, url, len, sig);
    b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *b64 = xmalloc(b64len);
    sodium_bin2base64(b64, b64len, (const unsigned char *)url, len,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    strbuf_addf(sb, "/media/%s/%d?u=%s", sig, width, b64);
    free(b64);
}

herald_status media_verify(const media_proxy *p, const char *sig, const char *u, char **url)
{
    char want[MEDIA_SIG_LEN + 1];
    unsigned char *bin;
    size_t ulen, binlen = 0;
    herald_status rc = HERALD_E_NOTFOUND;
    if (!p || !sig || !u || strlen(sig) != MEDIA_SIG_LEN ||
        strspn(sig, "0123456789abcdef") != MEDIA_SIG_LEN)
        return HERALD_E_NOTFOUND;
    ulen = strlen(u);
    if (ulen == 0 ||
        ulen > sodium_base64_ENCODED_LEN(MEDIA_MAX_URL, sodium_base64_VARIANT_URLSAFE_NO_PADDING))
        return HERALD_E_NOTFOUND;
    bin = xmalloc(ulen + 1);
    if (sodium_base642bin(bin, ulen, u, ulen, NULL, &binlen, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        goto out;
    bin[binlen] = '\0';
    if (memchr(bin, '\0', binlen))
        goto out;
    sign(p, (const char *)bin, binlen, want);
    if (sodium_memcmp(want, sig, MEDIA_SIG_LEN) != 0 || !media_url_ok(p, (const char *)bin))
        goto out;
    *url = (char *)bin;
    bin = NULL;
    rc = HERALD_OK;
out:
    free(bin);
    return rc;
}

/* ---------------------------------------------------------------- fetching */

static herald_status failed(media_proxy *p, const char *sig) /* under mu */
{
    int64_t now = time_now();
    for (int i = 0; i < N_FAILS; i++)
        if (p->fails[i].until > now && strcmp(p->fails[i].sig, sig) == 0)
            return p->fails[i].rc;
    return HERALD_OK;
}

static int flying(media_proxy *p, const char *sig) /* under mu */
{
    for (int i = 0; i < p->n_flights; i++)
        if (strcmp(p->flights[i], sig) == 0)
            return 1;
    return 0;
}

static void deadline_after(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* Fetches url, scales it and writes every variant. */
static herald_status fill(media_proxy *p, const char *sig, const char *url)
{
    struct fetch_result *res = NULL;
    struct media_variant v[MEDIA_N_WIDTHS];
    herald_status rc;
    uint64_t written = 0, files = 0;

    pthread_mutex_lock(&p->mu);
    p->st.fetches++;
    pthread_mutex_unlock(&p->mu);
    rc = fetch_url(&p->fetch, url, NULL, NULL, &res);
    if (rc)
        return rc;
    if (res->status || !res->body) {
        rc = res->status ? res->status : HERALD_E_HTTP;
        if (rc == HERALD_E_IO) /* a file: URL that is not a readable regular file */
            rc = HERALD_E_NOTFOUND;
        log_info("media", "%s: %s", url, res->error ? res->error : herald_strerror(rc));
        fetch_result_free(res);
        return rc;
    }
    /* a decoding slot: decoded images are the memory a burst could pile up */
    pthread_mutex_lock(&p->mu);
    while (p->decoding >= MEDIA_DECODES)
        pthread_cond_wait(&p->cv, &p->mu);
    p->decoding++;
    pthread_mutex_unlock(&p->mu);
    rc = media_scale(res->body, res->body_len, p->max_pixels, v);
    pthread_mutex_lock(&p->mu);
    p->decoding--;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    fetch_result_free(res);
    if (rc) {
        log_info("media", "%s: not served: %s", url, herald_strerror(rc));
        return rc;
    }
    for (int i = 0; i < MEDIA_N_WIDTHS; i++) {
        struct strbuf path = STRBUF_INIT;
        variant_path(p, &path, sig, v[i].width);
        if (!rc)
            rc = write_atomic(path.buf, v[i].data, v[i].len);
        if (!rc) {
            written += v[i].len;
            files++;
        }
        strbuf_release(&path);
        free(v[i].data);
    }
    pthread_mutex_lock(&p->mu);
    p->st.bytes += written;
    p->st.files += files;
    int over = p->st.bytes > p->max_bytes;
    pthread_mutex_unlock(&p->mu);
    if (over)
        media_proxy_evict(p);
    return rc;
}

herald_status media_get(media_proxy *p, const char *sig, const char *url, int width,
                        struct media_image *out)
{
    struct strbuf path = STRBUF_INIT;
    struct timespec deadline;
    herald_status rc;

    if (!media_width_valid(width) || strlen(sig) != MEDIA_SIG_LEN)
        return HERALD_E_NOTFOUND;
    memset(out, 0, sizeof(*out));
    out->type = "image/webp";
    snprintf(out->etag, sizeof(out->etag), "\"%s-%d\"", sig, width);
    variant_path(p, &path, sig, width);
    deadline_after(&deadline, p->wait_ms);

    for (;;) {
        rc = read_variant(path.buf, out);
        if (rc != HERALD_E_NOTFOUND)
            goto out;
        pthread_mutex_lock(&p->mu);
        rc = failed(p, sig);
        if (rc) {
            pthread_mutex_unlock(&p->mu);
            goto out;
        }
        if (!flying(p, sig) && p->n_flights < p->max_fetches) {
            snprintf(p->flights[p->n_flights++], MEDIA_SIG_LEN + 1, "%s", sig);
            pthread_mutex_unlock(&p->mu);
            break;
        }
        /* another request fetches this image, or every slot is taken: wait, then look
         * again (the file, the failure, a slot) */
        int w = pthread_cond_timedwait(&p->cv, &p->mu, &deadline);
        pthread_mutex_unlock(&p->mu);
        if (w == ETIMEDOUT) {
            rc = read_variant(path.buf, out);
            if (rc == HERALD_E_NOTFOUND)
                rc = HERALD_E_TIMEOUT;
            goto out;
        }
    }

    rc = fill(p, sig, url);
    pthread_mutex_lock(&p->mu);
    for (int i = 0; i < p->n_flights; i++) {
        if (strcmp(p->flights[i], sig) == 0) {
            memcpy(p->flights[i], p->flights[--p->n_flights], MEDIA_SIG_LEN + 1);
            break;
        }
    }
    if (rc && rc != HERALD_E_IO) { /* remember what the origin or the image did wrong */
        struct failure *f = &p->fails[p->fail_next];
        p->fail_next = (p->fail_next + 1) % N_FAILS;
        snprintf(f->sig, sizeof(f->sig), "%s", sig);
        f->rc = rc;
        f->until = time_now() + MEDIA_FAIL_TTL;
    }
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    if (!rc)
        rc = read_variant(path.buf, out);
out:
    if (rc) {
        free(out->data);
        out->data = NULL;
        out->len = 0;
    }
    strbuf_release(&path);
    return rc;
}

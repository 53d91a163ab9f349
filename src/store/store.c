/*
 * store.c - the backend-independent half of the store (see store.h and store_backend.h).
 *
 * Every public function lands here first: arguments are checked, limits clamped, URLs
 * normalised into dedupe keys, article ids derived, cursors decoded and search queries
 * parsed, so that each backend implements only the database work and all of them agree
 * on the rules.  Writes are bracketed by op_begin/op_end (savepoint or own transaction)
 * and refused on read-only handles.
 *
 * The search query language is parsed here into a flat list of terms joined by AND, OR
 * and NOT, and each backend renders it in its own syntax (FTS5 quoted strings; later a
 * tsquery).  Because every term reaches the backend quoted, nothing the user types can
 * be interpreted as backend syntax, and a query is either rejected here with a readable
 * reason or is valid.
 */
#include "store/store.h"
#include "store/store_backend.h"

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/url.h"
#include "text/tokenize.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

#define MOD "store"

void store_set_error(store *st, int log_it, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->errmsg, sizeof(st->errmsg), fmt, ap);
    va_end(ap);
    if (log_it)
        log_error(MOD, "%s", st->errmsg);
}

static herald_status open_with(const struct store_ops *ops, const char *path, unsigned flags,
                               int max_version, store **out)
{
    herald_status rc;
    store *st;
    if (!path || !*path || !out)
        return HERALD_E_INVALID;
    st = xcalloc(1, sizeof(*st));
    st->ops = ops;
    st->flags = flags;
    rc = ops->open(st, path, max_version);
    if (rc) {
        ops->close(st);
        free(st);
        return rc;
    }
    *out = st;
    return HERALD_OK;
}

herald_status store_open(const char *path, unsigned flags, store **out)
{
    if (path &&
        (strncmp(path, "postgres://", 11) == 0 || strncmp(path, "postgresql://", 13) == 0)) {
        log_error(MOD, "the PostgreSQL backend is not available in this build");
        return HERALD_E_UNSUPPORTED;
    }
    return open_with(&store_sqlite_ops, path, flags, STORE_SCHEMA_VERSION, out);
}

void store_configure(const struct config *cfg)
{
    store_sqlite_configure(cfg ? cfg->store_cache_mb : 0, cfg ? cfg->store_mmap_mb : -1);
}

herald_status store_sqlite_open_version(const char *path, int max_version, store **out)
{
    if (max_version < 1 || max_version > STORE_SCHEMA_VERSION)
        return HERALD_E_INVALID;
    return open_with(&store_sqlite_ops, path, 0, max_version, out);
}

void store_close(store *st)
{
    if (!st)
        return;
    if (st->in_tx)
        st->ops->tx_rollback(st);
    st->ops->close(st);
    free(st);
}

int store_schema_version(store *st)
{
    return st->ops->schema_version(st);
}

const char *store_errmsg(store *st)
{
    return st ? st->errmsg : "no store";
}

herald_status store_check(store *st)
{
    st->errmsg[0] = '\0';
    return st->ops->check(st);
}

/* ---- transactions ---------------------------------------------------------------- */

herald_status store_tx_begin(store *st)
{
    herald_status rc;
    st->errmsg[0] = '\0';
    if (st->in_tx) {
        store_set_error(st, 0, "a transaction is already open");
        return HERALD_E_INVALID;
    }
    rc = st->ops->tx_begin(st);
    if (rc)
        return rc;
    st->in_tx = 1;
    return HERALD_OK;
}

herald_status store_tx_commit(store *st)
{
    herald_status rc;
    if (!st->in_tx) {
        store_set_error(st, 0, "no transaction is open");
        return HERALD_E_INVALID;
    }
    rc = st->ops->tx_commit(st);
    st->in_tx = 0;
    return rc;
}

herald_status store_tx_rollback(store *st)
{
    if (!st->in_tx)
        return HERALD_OK;
    st->in_tx = 0;
    return st->ops->tx_rollback(st);
}

/* ---- bulk loading ---------------------------------------------------------------- */

herald_status store_bulk_begin(store *st, unsigned flags)
{
    herald_status rc;
    st->errmsg[0] = '\0';
    if (st->flags & STORE_READONLY) {
        store_set_error(st, 0, "the database is open read-only");
        return HERALD_E_DENIED;
    }
    if (st->in_tx || st->in_bulk || (flags & ~STORE_BULK_DEFER_SEARCH)) {
        store_set_error(st, 0, "cannot start a bulk load here");
        return HERALD_E_INVALID;
    }
    rc = st->ops->bulk_begin(st, flags);
    if (rc == HERALD_OK)
        st->in_bulk = 1;
    return rc;
}

herald_status store_bulk_end(store *st)
{
    st->errmsg[0] = '\0';
    if (st->in_tx || !st->in_bulk) {
        store_set_error(st, 0, "no bulk load to end here");
        return HERALD_E_INVALID;
    }
    st->in_bulk = 0;
    return st->ops->bulk_end(st);
}

/* Starts a write op; HERALD_E_DENIED on a read-only handle. */
static herald_status wbegin(store *st)
{
    st->errmsg[0] = '\0';
    if (st->flags & STORE_READONLY) {
        store_set_error(st, 0, "the database is open read-only");
        return HERALD_E_DENIED;
    }
    return st->ops->op_begin(st);
}

/* Ends a write op begun by wbegin(): keeps it when rc is HERALD_OK, else undoes it. */
static herald_status wend(store *st, herald_status rc)
{
    herald_status rc2 = st->ops->op_end(st, rc == HERALD_OK);
    return rc ? rc : rc2;
}

herald_status store_write_begin(store *st)
{
    return wbegin(st);
}

herald_status store_write_end(store *st, herald_status rc)
{
    return wend(st, rc);
}

/* ---- records --------------------------------------------------------------------- */

void store_source_init(struct store_source *s)
{
    memset(s, 0, sizeof(*s));
    s->last_article = TIME_NONE;
}

void store_source_release(struct store_source *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->homepage);
    free(s->icon_url);
    free(s->language);
    free(s->copyright);
    store_source_init(s);
}

void store_source_list_release(struct store_source_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        store_source_release(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_feed_init(struct store_feed *f)
{
    memset(f, 0, sizeof(*f));
    f->next_poll = TIME_NONE;
    f->last_poll = TIME_NONE;
    f->last_success = TIME_NONE;
    f->last_new_article = TIME_NONE;
    f->created = TIME_NONE;
    f->fetch_mode = STORE_FETCH_AUTO;
}

void store_feed_release(struct store_feed *f)
{
    if (!f)
        return;
    free(f->url);
    free(f->title);
    free(f->etag);
    free(f->last_modified);
    free(f->last_error);
    free(f->source_name);
    store_feed_init(f);
}

void store_feed_list_release(struct store_feed_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        store_feed_release(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_article_init(struct store_article *a)
{
    memset(a, 0, sizeof(*a));
    a->published = TIME_NONE;
    a->updated = TIME_NONE;
    a->first_seen = TIME_NONE;
    a->sort_time = TIME_NONE;
    a->last_changed = TIME_NONE;
}

void store_article_release(struct store_article *a)
{
    if (!a)
        return;
    free(a->url);
    free(a->canonical_url);
    free(a->title);
    free(a->authors);
    free(a->language);
    free(a->image_url);
    free(a->image_caption);
    free(a->image_credit);
    free(a->categories);
    free(a->summary);
    free(a->content_html);
    free(a->text);
    free(a->guid);
    free(a->fingerprint);
    free(a->source_name);
    free(a->source_homepage);
    free(a->source_icon_url);
    free(a->source_copyright);
    free(a->copy_of);
    store_article_init(a);
}

void store_article_list_release(struct store_article_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        store_article_release(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
    l->next_cursor[0] = '\0';
    l->prev_cursor[0] = '\0';
}

void store_search_result_release(struct store_search_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        store_article_release(&r->hits[i].article);
        free(r->hits[i].title_hl);
        free(r->hits[i].snippet);
    }
    free(r->hits);
    memset(r, 0, sizeof(*r));
}

void store_article_query_init(struct store_article_query *q)
{
    memset(q, 0, sizeof(*q));
    q->since = TIME_NONE;
    q->until = TIME_NONE;
}

void store_search_query_init(struct store_search_query *q)
{
    memset(q, 0, sizeof(*q));
    q->since = TIME_NONE;
    q->until = TIME_NONE;
}

static const char *const fetch_mode_names[] = {"auto", "always", "never"};

const char *store_fetch_mode_name(enum store_fetch_mode m)
{
    if ((unsigned)m >= sizeof(fetch_mode_names) / sizeof(fetch_mode_names[0]))
        return "auto";
    return fetch_mode_names[m];
}

int store_fetch_mode_parse(const char *name, enum store_fetch_mode *out)
{
    for (size_t i = 0; name && i < sizeof(fetch_mode_names) / sizeof(fetch_mode_names[0]); i++) {
        if (strcmp(name, fetch_mode_names[i]) == 0) {
            *out = (enum store_fetch_mode)i;
            return 0;
        }
    }
    return -1;
}

/* ---- sources --------------------------------------------------------------------- */

/* The dedupe key of an optional URL: NULL stays NULL; one that does not parse is an error. */
static herald_status key_of(store *st, const char *what, const char *url, char **key)
{
    herald_status rc;
    *key = NULL;
    if (!url || !*url)
        return HERALD_OK;
    rc = url_normalize(url, key);
    if (rc)
        store_set_error(st, 0, "%s is not a valid URL", what);
    return rc;
}

herald_status store_source_ensure(store *st, const struct store_source *in, int64_t *id_out)
{
    herald_status rc;
    char *key = NULL;
    int64_t id = 0;
    rc = wbegin(st);
    if (rc)
        return rc;
    if (!in || !in->name || !*in->name) {
        store_set_error(st, 0, "a source needs a name");
        rc = HERALD_E_INVALID;
        goto out;
    }
    rc = key_of(st, "the source homepage", in->homepage, &key);
    if (rc)
        goto out;
    rc = st->ops->source_ensure(st, in, key, &id);
out:
    rc = wend(st, rc);
    free(key);
    if (rc == HERALD_OK && id_out)
        *id_out = id;
    return rc;
}

herald_status store_source_update(store *st, const struct store_source *in)
{
    herald_status rc;
    char *key = NULL;
    rc = wbegin(st);
    if (rc)
        return rc;
    if (!in || in->id <= 0 || !in->name || !*in->name) {
        store_set_error(st, 0, "a source needs an id and a name");
        rc = HERALD_E_INVALID;
        goto out;
    }
    rc = key_of(st, "the source homepage", in->homepage, &key);
    if (rc)
        goto out;
    rc = st->ops->source_update(st, in, key);
out:
    free(key);
    return wend(st, rc);
}

herald_status store_source_get(store *st, int64_t id, struct store_source *out)
{
    st->errmsg[0] = '\0';
    return st->ops->source_get(st, id, out);
}

herald_status store_source_names(store *st, struct store_source_list *out)
{
    st->errmsg[0] = '\0';
    return st->ops->source_names(st, out);
}

herald_status store_source_list(store *st, struct store_source_list *out)
{
    st->errmsg[0] = '\0';
    return st->ops->source_list(st, out);
}

/* ---- feeds ----------------------------------------------------------------------- */

static herald_status feed_key(store *st, const char *url, char **key)
{
    herald_status rc;
    if (!url || !*url) {
        store_set_error(st, 0, "a feed needs a URL");
        return HERALD_E_INVALID;
    }
    rc = key_of(st, "the feed URL", url, key);
    return rc;
}

herald_status store_feed_add(store *st, const struct store_feed *in, int64_t *id_out)
{
    herald_status rc;
    char *key = NULL;
    int64_t id = 0;
    rc = wbegin(st);
    if (rc)
        return rc;
    if (!in) {
        rc = HERALD_E_INVALID;
        goto out;
    }
    rc = feed_key(st, in->url, &key);
    if (rc)
        goto out;
    rc = st->ops->feed_add(st, in, key, time_now(), &id);
out:
    rc = wend(st, rc);
    free(key);
    if (rc == HERALD_OK && id_out)
        *id_out = id;
    return rc;
}

herald_status store_feed_remove(store *st, int64_t id)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = st->ops->feed_remove(st, id);
    return wend(st, rc);
}

herald_status store_feed_get(store *st, int64_t id, struct store_feed *out)
{
    st->errmsg[0] = '\0';
    return st->ops->feed_get(st, id, NULL, out);
}

herald_status store_feed_get_by_url(store *st, const char *url, struct store_feed *out)
{
    herald_status rc;
    char *key = NULL;
    st->errmsg[0] = '\0';
    rc = feed_key(st, url, &key);
    if (rc)
        return rc;
    rc = st->ops->feed_get(st, 0, key, out);
    free(key);
    return rc;
}

herald_status store_feed_list(store *st, struct store_feed_list *out)
{
    st->errmsg[0] = '\0';
    return st->ops->feed_list(st, 0, 0, STORE_FEED_LIST_MAX, out);
}

herald_status store_feed_list_source(store *st, int64_t source_id, struct store_feed_list *out)
{
    st->errmsg[0] = '\0';
    return st->ops->feed_list(st, 1, source_id, STORE_FEED_LIST_MAX, out);
}

herald_status store_feed_list_due(store *st, int64_t now, int limit, struct store_feed_list *out)
{
    st->errmsg[0] = '\0';
    if (limit <= 0 || limit > STORE_FEED_DUE_MAX)
        limit = STORE_FEED_DUE_MAX;
    return st->ops->feed_list(st, 2, now, limit, out);
}

herald_status store_feed_poll_update(store *st, int64_t id, const struct store_feed_poll *p)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    if (!p || p->polled_at == TIME_NONE || p->consecutive_errors < 0) {
        store_set_error(st, 0, "a poll update needs a poll time");
        rc = HERALD_E_INVALID;
        goto out;
    }
    rc = st->ops->feed_poll_update(st, id, p);
out:
    return wend(st, rc);
}

herald_status store_feed_set_url(store *st, int64_t id, const char *url)
{
    char *key = NULL;
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = feed_key(st, url, &key);
    if (rc)
        goto out;
    rc = st->ops->feed_set_url(st, id, url, key);
out:
    free(key);
    return wend(st, rc);
}

herald_status store_feed_set_title(store *st, int64_t id, const char *title)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = st->ops->feed_set_title(st, id, title);
    return wend(st, rc);
}

herald_status store_feed_set_source(store *st, int64_t id, int64_t source_id)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = st->ops->feed_set_source(st, id, source_id);
    return wend(st, rc);
}

herald_status store_feed_set_fetch_mode(store *st, int64_t id, enum store_fetch_mode mode)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    if ((unsigned)mode > STORE_FETCH_NEVER) {
        rc = HERALD_E_INVALID;
        goto out;
    }
    rc = st->ops->feed_set_fetch_mode(st, id, mode);
out:
    return wend(st, rc);
}

/* ---- articles -------------------------------------------------------------------- */

/* A copy of s with the snippet markers replaced by spaces, or NULL when s has none. */
static char *strip_markers(const char *s)
{
    char *c;
    if (!s || !strpbrk(s, STORE_MARK_OPEN_STR STORE_MARK_CLOSE_STR))
        return NULL;
    c = xstrdup(s);
    for (char *p = c; *p; p++)
        if (*p == STORE_MARK_OPEN || *p == STORE_MARK_CLOSE)
            *p = ' ';
    return c;
}

/* Refuses fields over STORE_FIELD_MAX: the store holds articles, not arbitrary blobs. */
static herald_status check_sizes(store *st, const struct store_article *a, const char *guid)
{
    const char *const f[] = {a->url,        a->canonical_url, a->title,         a->authors,
                             a->language,   a->image_url,     a->image_caption, a->image_credit,
                             a->categories, a->summary,       a->content_html,  a->text,
                             guid,          a->fingerprint};
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        if (f[i] && strnlen(f[i], STORE_FIELD_MAX + 1) > STORE_FIELD_MAX) {
            store_set_error(st, 0, "an article field is longer than %d bytes", STORE_FIELD_MAX);
            return HERALD_E_TOOBIG;
        }
    }
    return HERALD_OK;
}

herald_status store_article_upsert(store *st, const struct store_article *in, int64_t feed_id,
                                   const char *guid, char id_out[STORE_ID_LEN + 1],
                                   enum store_upsert_result *res)
{
    return store_article_upsert_origin(st, in, feed_id, guid, id_out, res, NULL);
}

herald_status store_article_upsert_origin(store *st, const struct store_article *in,
                                          int64_t feed_id, const char *guid,
                                          char id_out[STORE_ID_LEN + 1],
                                          enum store_upsert_result *res, int64_t *first_feed)
{
    herald_status rc;
    struct store_upsert_req r;
    char *ukey = NULL, *ckey = NULL, *title = NULL, *text = NULL;
    char id[STORE_ID_LEN + 1] = "";
    enum store_upsert_result result = STORE_UPSERT_UNCHANGED;
    int64_t origin = 0;

    rc = wbegin(st);
    if (rc)
        return rc;
    memset(&r, 0, sizeof(r));
    if (!in || !in->url || !*in->url || feed_id < 0) {
        store_set_error(st, 0, "an article needs a URL");
        rc = HERALD_E_INVALID;
        goto out;
    }
    rc = check_sizes(st, in, guid);
    if (rc)
        goto out;
    rc = key_of(st, "the article URL", in->url, &ukey);
    if (rc)
        goto out;
    rc = key_of(st, "the canonical URL", in->canonical_url, &ckey);
    if (rc)
        goto out;
    rc = url_article_id(ckey ? ckey : ukey, r.new_id);
    if (rc)
        goto out;
    title = strip_markers(in->title);
    text = strip_markers(in->text);
    r.in = in;
    r.feed_id = feed_id;
    r.guid = (guid && *guid) ? guid : NULL;
    r.url_key = ukey;
    r.canonical_key = ckey;
    r.title = title ? title : in->title;
    r.text = text ? text : in->text;
    r.now = time_now();
    rc = st->ops->article_upsert(st, &r, id, &result, &origin);
out:
    rc = wend(st, rc);
    free(ukey);
    free(ckey);
    free(title);
    free(text);
    if (rc == HERALD_OK) {
        if (id_out)
            memcpy(id_out, id, sizeof(id));
        if (res)
            *res = result;
        if (first_feed)
            *first_feed = origin;
    }
    return rc;
}

herald_status store_article_lookup(store *st, int64_t feed_id, const char *guid, const char *url,
                                   const char *canonical_url, char id_out[STORE_ID_LEN + 1])
{
    herald_status rc;
    struct store_lookup_req r;
    char *ukey = NULL, *ckey = NULL;
    st->errmsg[0] = '\0';
    rc = key_of(st, "the article URL", url, &ukey);
    if (rc)
        goto out;
    rc = key_of(st, "the canonical URL", canonical_url, &ckey);
    if (rc)
        goto out;
    r.feed_id = feed_id;
    r.guid = (guid && *guid) ? guid : NULL;
    r.url_key = ukey;
    r.canonical_key = ckey;
    if (!r.guid && !ukey && !ckey) {
        rc = HERALD_E_NOTFOUND;
        goto out;
    }
    rc = st->ops->article_lookup(st, &r, id_out);
out:
    free(ukey);
    free(ckey);
    return rc;
}

static herald_status check_id(store *st, const char *id)
{
    if (!id || !url_is_article_id(id)) {
        store_set_error(st, 0, "not an article id");
        return HERALD_E_INVALID;
    }
    return HERALD_OK;
}

herald_status store_article_get(store *st, const char *id, struct store_article *out)
{
    herald_status rc;
    st->errmsg[0] = '\0';
    rc = check_id(st, id);
    if (rc)
        return rc;
    return st->ops->article_get(st, id, out);
}

herald_status store_article_set_fingerprint(store *st, const char *id, const char *fingerprint)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_id(st, id);
    if (rc)
        goto out;
    rc = st->ops->article_set_fingerprint(st, id, fingerprint);
out:
    return wend(st, rc);
}

herald_status store_article_set_story(store *st, const char *id, int64_t story_id)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_id(st, id);
    if (rc)
        goto out;
    rc = st->ops->article_set_story(st, id, story_id);
out:
    return wend(st, rc);
}

/* Cursor text: "<sort_time>.<id>", e.g. "1764100000.0123...cdef". */
static void cursor_format(char buf[STORE_CURSOR_MAX], int64_t t, const char *id)
{
    snprintf(buf, STORE_CURSOR_MAX, "%" PRId64 ".%s", t, id);
}

static herald_status cursor_parse(const char *s, struct store_cursor *c)
{
    char *end;
    long long t;
    memset(c, 0, sizeof(*c));
    if (!s || !*s)
        return HERALD_OK;
    if (strlen(s) >= STORE_CURSOR_MAX)
        return HERALD_E_INVALID;
    errno = 0;
    t = strtoll(s, &end, 10);
    if (errno || end == s || *end != '.' || !url_is_article_id(end + 1))
        return HERALD_E_INVALID;
    c->set = 1;
    c->time = t;
    memcpy(c->id, end + 1, STORE_ID_LEN + 1);
    return HERALD_OK;
}

static int slug_ok(const char *s);

/* Whether a row matching q lies beyond item it in the direction newer (1) or older (0):
 * one indexed probe of at most two rows. */
static herald_status probe_beyond(store *st, const struct store_article_query *q,
                                  const struct store_article *it, int newer, int *found)
{
    struct store_article_query pq = *q;
    struct store_cursor c;
    struct store_article_list l;
    int more = 0;
    herald_status rc;
    memset(&c, 0, sizeof(c));
    c.set = 1;
    c.newer = newer;
    c.time = it->sort_time;
    memcpy(c.id, it->id, STORE_ID_LEN + 1);
    pq.limit = 1;
    memset(&l, 0, sizeof(l));
    rc = st->ops->article_list(st, &pq, &c, &l, &more);
    if (rc)
        return rc;
    *found = l.count > 0;
    store_article_list_release(&l);
    return HERALD_OK;
}

herald_status store_article_list(store *st, const struct store_article_query *q,
                                 struct store_article_list *out)
{
    herald_status rc;
    struct store_article_query qq;
    struct store_cursor cur;
    struct store_article_list l;
    int more = 0, beyond = 0;
    st->errmsg[0] = '\0';
    if (!q || !out)
        return HERALD_E_INVALID;
    qq = *q;
    if (qq.limit <= 0)
        qq.limit = STORE_LIST_DEFAULT;
    if (qq.limit > STORE_LIST_MAX)
        qq.limit = STORE_LIST_MAX;
    if (qq.language && !*qq.language)
        qq.language = NULL;
    if (qq.entity && !*qq.entity)
        qq.entity = NULL;
    if (qq.entity && !slug_ok(qq.entity)) {
        store_set_error(st, 0, "not an entity name");
        return HERALD_E_INVALID;
    }
    if (qq.topic && !*qq.topic)
        qq.topic = NULL;
    if (qq.topic && !slug_ok(qq.topic)) {
        store_set_error(st, 0, "not a topic name");
        return HERALD_E_INVALID;
    }
    if (qq.cursor && *qq.cursor && qq.after && *qq.after) {
        store_set_error(st, 0, "a page starts before or after a cursor, not both");
        return HERALD_E_INVALID;
    }
    rc = cursor_parse(qq.after && *qq.after ? qq.after : qq.cursor, &cur);
    if (rc) {
        store_set_error(st, 0, "invalid page cursor");
        return rc;
    }
    cur.newer = cur.set && qq.after && *qq.after;
    memset(&l, 0, sizeof(l));
    rc = st->ops->article_list(st, &qq, &cur, &l, &more);
    if (rc)
        return rc;
    if (cur.newer) {
        /* read nearest first: the newest row is the last one read */
        for (size_t i = 0, j = l.count; i + 1 < j; i++, j--) {
            struct store_article t = l.items[i];
            l.items[i] = l.items[j - 1];
            l.items[j - 1] = t;
        }
        if (more && l.count > 0)
            cursor_format(l.prev_cursor, l.items[0].sort_time, l.items[0].id);
        if (l.count > 0)
            rc = probe_beyond(st, &qq, &l.items[l.count - 1], 0, &beyond);
        if (!rc && beyond)
            cursor_format(l.next_cursor, l.items[l.count - 1].sort_time, l.items[l.count - 1].id);
    } else {
        if (more && l.count > 0)
            cursor_format(l.next_cursor, l.items[l.count - 1].sort_time, l.items[l.count - 1].id);
        if (cur.set && l.count > 0)
            rc = probe_beyond(st, &qq, &l.items[0], 1, &beyond);
        if (!rc && beyond)
            cursor_format(l.prev_cursor, l.items[0].sort_time, l.items[0].id);
    }
    if (rc) {
        store_article_list_release(&l);
        return rc;
    }
    *out = l;
    return HERALD_OK;
}

void store_language_list_release(struct store_language_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i].language);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

herald_status store_languages(store *st, struct store_language_list *out)
{
    st->errmsg[0] = '\0';
    if (!out)
        return HERALD_E_INVALID;
    return st->ops->languages(st, out);
}

/* ---- search ---------------------------------------------------------------------- */

/* A term the index can match holds a word (text_has_word): punctuation and symbols alone
 * ("—", "…", "«") would become empty FTS5 phrases, which match nothing and would silently
 * empty an AND query. */

/* Characters (code points) of the last space-separated word of s[0..n): a prefix term's
 * stem, for STORE_SEARCH_PREFIX_MIN. */
static size_t last_word_chars(const char *s, size_t n)
{
    size_t chars = 0;
    while (n > 0 && !isspace((unsigned char)s[n - 1])) {
        if (((unsigned char)s[n - 1] & 0xC0) != 0x80)
            chars++;
        n--;
    }
    return chars;
}

static void qparsed_release(struct store_qparsed *pq)
{
    for (size_t i = 0; i < pq->count; i++)
        free(pq->terms[i].text);
    pq->count = 0;
}

/*
 * Parses the query language of store.h into pq.  On a malformed query returns
 * HERALD_E_INVALID with the reason in st->errmsg.
 */
static herald_status parse_query(store *st, const char *q, struct store_qparsed *pq)
{
    const char *p = q;
    int pending = -1; /* an operator waiting for its right-hand term */
    int positives = 0, prefixes = 0;
    memset(pq, 0, sizeof(*pq));
    while (*p) {
        const char *w;
        size_t n;
        int negate = 0, phrase = 0, prefix = 0;
        struct store_qterm *t;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
            p++;
        if (!*p)
            break;
        if (*p == '-' && (p[1] == '"' || text_has_word(p + 1, 1))) {
            negate = 1;
            p++;
        }
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            if (!close) {
                store_set_error(st, 0, "unbalanced quote in the search query");
                goto bad;
            }
            w = p + 1;
            n = (size_t)(close - w);
            p = close + 1;
            phrase = 1;
            if (*p == '*') {
                prefix = 1;
                while (*p == '*')
                    p++;
            }
        } else {
            w = p;
            while (*p && *p != '"' && !isspace((unsigned char)*p))
                p++;
            n = (size_t)(p - w);
            if (!negate && n == 2 && memcmp(w, "OR", 2) == 0) {
                if (pending >= 0 || pq->count == 0) {
                    store_set_error(st, 0, "OR needs a term on each side");
                    goto bad;
                }
                pending = STORE_QOP_OR;
                continue;
            }
            if (!negate && n == 3 && memcmp(w, "AND", 3) == 0) {
                if (pending >= 0 || pq->count == 0) {
                    store_set_error(st, 0, "AND needs a term on each side");
                    goto bad;
                }
                pending = STORE_QOP_AND;
                continue;
            }
            if (!negate && n == 3 && memcmp(w, "NOT", 3) == 0) {
                if (pending >= 0) {
                    store_set_error(st, 0, "NOT cannot follow another operator");
                    goto bad;
                }
                pending = STORE_QOP_NOT;
                continue;
            }
            while (n > 0 && w[n - 1] == '*') {
                prefix = 1;
                n--;
            }
            if (prefix && n == 0) {
                store_set_error(st, 0, "a prefix search needs letters before the *");
                goto bad;
            }
        }
        if (!text_has_word(w, n))
            continue; /* punctuation only: nothing to search */
        if (prefix && (last_word_chars(w, n) < STORE_SEARCH_PREFIX_MIN ||
                       ++prefixes > STORE_SEARCH_PREFIX_TERMS)) {
            if (prefixes > STORE_SEARCH_PREFIX_TERMS)
                store_set_error(st, 0, "too many prefix terms in the search query (at most %d)",
                                STORE_SEARCH_PREFIX_TERMS);
            else
                store_set_error(st, 0, "a prefix search needs at least %d letters before the *",
                                STORE_SEARCH_PREFIX_MIN);
            goto bad;
        }
        if (negate) {
            if (pending >= 0) {
                store_set_error(st, 0, "an exclusion cannot follow another operator");
                goto bad;
            }
            pending = STORE_QOP_NOT;
        }
        if (pending == STORE_QOP_NOT && positives == 0) {
            store_set_error(st, 0, "an exclusion needs a search term before it");
            goto bad;
        }
        if (pq->count == STORE_QTERMS_MAX) {
            store_set_error(st, 0, "too many terms in the search query (at most %d)",
                            STORE_QTERMS_MAX);
            goto bad;
        }
        t = &pq->terms[pq->count++];
        t->op = pending < 0 ? STORE_QOP_AND : (enum store_qop)pending;
        t->text = xstrndup(w, n);
        t->phrase = phrase;
        t->prefix = prefix;
        if (t->op != STORE_QOP_NOT)
            positives++;
        pending = -1;
    }
    if (pending >= 0) {
        store_set_error(st, 0, "the search query ends with an operator");
        goto bad;
    }
    if (positives == 0) {
        store_set_error(st, 0, "the search query has no words to search for");
        goto bad;
    }
    return HERALD_OK;
bad:
    qparsed_release(pq);
    return HERALD_E_INVALID;
}

/*
 * Search cursor text (store_backend.h, struct store_search_pos), fields joined by '.':
 *   O.HI.T                 the window of matches with rowid <= HI
 *   O.HI.LO.KEY.SEQ.T      after (KEY, SEQ) inside the window [LO, HI]
 * O is the order (1 relevance, 2 date), T = total * 2 + total_capped.  Only [0-9.-].
 */
static void search_cursor_format(char buf[STORE_CURSOR_MAX], enum store_search_order o,
                                 const struct store_search_pos *p)
{
    int64_t t = p->total * 2 + (p->total_capped ? 1 : 0);
    if (p->in_window)
        snprintf(buf, STORE_CURSOR_MAX,
                 "%d.%" PRId64 ".%" PRId64 ".%" PRId64 ".%" PRId64 ".%" PRId64, (int)o + 1, p->hi,
                 p->lo, p->key, p->seq, t);
    else
        snprintf(buf, STORE_CURSOR_MAX, "%d.%" PRId64 ".%" PRId64, (int)o + 1, p->hi, t);
}

static herald_status search_cursor_parse(const char *s, enum store_search_order o,
                                         struct store_search_pos *p)
{
    long long v[6];
    int n = 0;
    memset(p, 0, sizeof(*p));
    if (!s || !*s)
        return HERALD_OK;
    if (strlen(s) >= STORE_CURSOR_MAX)
        return HERALD_E_INVALID;
    while (n < 6) {
        char *end;
        if (!(*s == '-' || (*s >= '0' && *s <= '9')))
            return HERALD_E_INVALID;
        errno = 0;
        v[n++] = strtoll(s, &end, 10);
        if (errno || end == s)
            return HERALD_E_INVALID;
        s = end;
        if (!*s)
            break;
        if (*s++ != '.')
            return HERALD_E_INVALID;
    }
    if (*s || (n != 3 && n != 6) || v[0] != (long long)o + 1 || v[1] < 1 || v[n - 1] < 0)
        return HERALD_E_INVALID;
    p->set = 1;
    p->hi = v[1];
    p->total = v[n - 1] / 2;
    p->total_capped = (int)(v[n - 1] % 2);
    if (n == 6) {
        if (v[2] < 0 || v[2] > v[1] || v[4] < v[2] || v[4] > v[1])
            return HERALD_E_INVALID;
        p->in_window = 1;
        p->lo = v[2];
        p->key = v[3];
        p->seq = v[4];
    }
    return HERALD_OK;
}

herald_status store_search(store *st, const struct store_search_query *q,
                           struct store_search_result *out)
{
    herald_status rc;
    struct store_search_query qq;
    struct store_qparsed pq;
    struct store_search_result r;
    struct store_search_pos pos, next;
    st->errmsg[0] = '\0';
    if (!q || !out)
        return HERALD_E_INVALID;
    qq = *q;
    if (!qq.q) {
        store_set_error(st, 0, "empty search query");
        return HERALD_E_INVALID;
    }
    if (strlen(qq.q) > STORE_QUERY_MAX) {
        store_set_error(st, 0, "the search query is too long (at most %d bytes)", STORE_QUERY_MAX);
        return HERALD_E_INVALID;
    }
    if (qq.limit <= 0)
        qq.limit = STORE_SEARCH_DEFAULT;
    if (qq.limit > STORE_SEARCH_MAX)
        qq.limit = STORE_SEARCH_MAX;
    if (qq.language && !*qq.language)
        qq.language = NULL;
    if ((unsigned)qq.order > STORE_SEARCH_NEWEST)
        qq.order = STORE_SEARCH_RELEVANCE;
    if (search_cursor_parse(qq.cursor, qq.order, &pos)) {
        store_set_error(st, 0, "invalid page cursor");
        return HERALD_E_INVALID;
    }
    rc = parse_query(st, qq.q, &pq);
    if (rc)
        return rc;
    memset(&r, 0, sizeof(r));
    rc = st->ops->search(st, &qq, &pq, &pos, &r, &next);
    qparsed_release(&pq);
    if (rc)
        return rc;
    if (next.set)
        search_cursor_format(r.next_cursor, qq.order, &next);
    *out = r;
    return HERALD_OK;
}

herald_status store_related(store *st, const char *article_id, int limit,
                            struct store_article_list *out)
{
    herald_status rc;
    struct store_article_list l;
    st->errmsg[0] = '\0';
    rc = check_id(st, article_id);
    if (rc)
        return rc;
    if (limit <= 0)
        limit = 6;
    if (limit > STORE_RELATED_MAX)
        limit = STORE_RELATED_MAX;
    memset(&l, 0, sizeof(l));
    rc = st->ops->related(st, article_id, limit, &l);
    if (rc)
        return rc;
    *out = l;
    return HERALD_OK;
}

herald_status store_stats_get(store *st, struct store_stats *out)
{
    st->errmsg[0] = '\0';
    return st->ops->stats(st, out);
}

herald_status store_data_version(store *st, int64_t *out)
{
    st->errmsg[0] = '\0';
    return st->ops->data_version(st, out);
}

herald_status store_article_seq_max(store *st, int64_t *out)
{
    st->errmsg[0] = '\0';
    return st->ops->article_seq_max(st, out);
}

herald_status store_article_seq_range(store *st, int64_t from, int64_t to,
                                      store_article_range_fn fn, void *ud)
{
    st->errmsg[0] = '\0';
    if (!fn || from < 0 || to < from || to - from > STORE_SEQ_RANGE_MAX)
        return HERALD_E_INVALID;
    return st->ops->article_seq_range(st, from, to, fn, ud);
}

herald_status store_sitemap_max(store *st, enum store_sitemap_kind kind, int64_t *out)
{
    st->errmsg[0] = '\0';
    if ((unsigned)kind > STORE_SITEMAP_TOPICS || !out)
        return HERALD_E_INVALID;
    return st->ops->sitemap_max(st, kind, out);
}

herald_status store_sitemap_range(store *st, enum store_sitemap_kind kind, int64_t from, int64_t to,
                                  store_sitemap_fn fn, void *ud)
{
    st->errmsg[0] = '\0';
    if ((unsigned)kind > STORE_SITEMAP_TOPICS || !fn || from < 0 || to < from ||
        to - from > STORE_SEQ_RANGE_MAX)
        return HERALD_E_INVALID;
    return st->ops->sitemap_range(st, kind, from, to, fn, ud);
}

/* ---- stories --------------------------------------------------------------------- */

void store_story_init(struct store_story *s)
{
    memset(s, 0, sizeof(*s));
    s->first_update = s->last_update = TIME_NONE;
}

void store_story_release(struct store_story *s)
{
    if (!s)
        return;
    free(s->title);
    free(s->image_url);
    store_story_init(s);
}

void store_story_list_release(struct store_story_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        store_story_release(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_terms_release(struct store_terms *t)
{
    free(t->terms);
    free(t->weights);
    memset(t, 0, sizeof(*t));
}

static herald_status check_story(store *st, int64_t id)
{
    if (id <= 0) {
        store_set_error(st, 0, "not a story id");
        return HERALD_E_INVALID;
    }
    return HERALD_OK;
}

herald_status store_story_create(store *st, int64_t time, int64_t *id_out)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    return wend(st, st->ops->story_create(st, time, id_out));
}

herald_status store_story_get(store *st, int64_t id, struct store_story *out)
{
    herald_status rc = check_story(st, id);
    if (rc)
        return rc;
    return st->ops->story_get(st, id, out);
}

herald_status store_story_put(store *st, const struct store_story *in)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_story(st, in->id);
    if (!rc)
        rc = st->ops->story_put(st, in);
    return wend(st, rc);
}

herald_status store_story_terms_get(store *st, int64_t id, struct store_terms *out)
{
    herald_status rc = check_story(st, id);
    if (rc)
        return rc;
    return st->ops->story_terms_get(st, id, out);
}

herald_status store_story_terms_set(store *st, int64_t id, const struct store_terms *t)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_story(st, id);
    if (!rc && t->count > STORE_STORY_TERMS_MAX) {
        store_set_error(st, 0, "too many terms");
        rc = HERALD_E_TOOBIG;
    }
    if (!rc)
        rc = st->ops->story_terms_set(st, id, t);
    return wend(st, rc);
}

herald_status store_story_postings(store *st, uint64_t term, int limit, int64_t *ids, size_t *n)
{
    if (limit <= 0 || limit > 256)
        limit = 256;
    return st->ops->story_postings(st, term, limit, ids, n);
}

herald_status store_story_close_quiet(store *st, int64_t before, int64_t before_seen)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    return wend(st, st->ops->story_close_quiet(st, before, before_seen));
}

herald_status store_story_merge(store *st, int64_t from, int64_t into)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_story(st, from);
    if (!rc)
        rc = check_story(st, into);
    if (!rc && from == into) {
        store_set_error(st, 0, "a story cannot merge into itself");
        rc = HERALD_E_INVALID;
    }
    if (!rc)
        rc = st->ops->story_merge(st, from, into);
    return wend(st, rc);
}

herald_status store_story_related_add(store *st, int64_t id, int64_t other, double score)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_story(st, id);
    if (!rc)
        rc = check_story(st, other);
    if (!rc && id != other)
        rc = st->ops->story_related_add(st, id, other, score);
    return wend(st, rc);
}

herald_status store_term_df_add(store *st, const uint64_t *terms, size_t n)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    return wend(st, st->ops->term_df_add(st, terms, n));
}

herald_status store_term_df_put(store *st, const uint64_t *terms, const int64_t *df, size_t n,
                                int64_t ndocs)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    return wend(st, st->ops->term_df_put(st, terms, df, n, ndocs));
}

herald_status store_term_df_get(store *st, const uint64_t *terms, size_t n, int64_t *df,
                                int64_t *ndocs)
{
    return st->ops->term_df_get(st, terms, n, df, ndocs);
}

herald_status store_article_fingerprint_put(store *st, const char *id, const char *fp,
                                            const uint64_t *bands, size_t n)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_id(st, id);
    if (!rc)
        rc = st->ops->article_fingerprint_put(st, id, fp, bands, n);
    return wend(st, rc);
}

herald_status store_article_band_matches(store *st, const uint64_t *bands, size_t n,
                                         const char *exclude, int limit,
                                         char (*ids)[STORE_ID_LEN + 1], size_t *n_out)
{
    if (limit <= 0 || limit > 64)
        limit = 64;
    return st->ops->article_band_matches(st, bands, n, exclude, limit, ids, n_out);
}

herald_status store_article_set_copy_of(store *st, const char *id, const char *canonical)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_id(st, id);
    if (!rc && canonical)
        rc = check_id(st, canonical);
    if (!rc && canonical && strcmp(id, canonical) == 0)
        canonical = NULL;
    if (!rc)
        rc = st->ops->article_set_copy_of(st, id, canonical);
    return wend(st, rc);
}

herald_status store_stories_reset(store *st)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    return wend(st, st->ops->stories_reset(st));
}

herald_status store_article_ids_chrono(store *st, int64_t after_time, const char *after_id,
                                       int limit, char (*ids)[STORE_ID_LEN + 1], int64_t *times,
                                       size_t *n)
{
    if (limit <= 0 || limit > 1000)
        limit = 1000;
    return st->ops->article_ids_chrono(st, after_time, after_id ? after_id : "", limit, ids, times,
                                       n);
}

/* ---- stored related lists, cards ------------------------------------------------- */

static const char *const related_reasons[] = {NULL, "same_story", "near_copy", "shared_terms"};
#define RELATED_REASONS ((int)(sizeof(related_reasons) / sizeof(related_reasons[0])))

const char *store_related_reason_name(enum store_related_reason r)
{
    return (int)r > 0 && (int)r < RELATED_REASONS ? related_reasons[r] : "shared_terms";
}

herald_status store_article_related_put(store *st, const char *id,
                                        const struct store_related_entry *e, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_id(st, id);
    if (!rc && n > STORE_RELATED_LIST_MAX) {
        store_set_error(st, 0, "too many related articles");
        rc = HERALD_E_INVALID;
    }
    for (size_t i = 0; !rc && i < n; i++) {
        rc = check_id(st, e[i].id);
        if (!rc && ((int)e[i].reason <= 0 || (int)e[i].reason >= RELATED_REASONS)) {
            store_set_error(st, 0, "not a related-article reason");
            rc = HERALD_E_INVALID;
        }
        if (!rc)
            strbuf_addf(&sb, "%s%d%s", i ? " " : "", (int)e[i].reason, e[i].id);
    }
    if (!rc)
        rc = st->ops->related_put(st, id, sb.buf ? sb.buf : "", time_now());
    strbuf_release(&sb);
    return wend(st, rc);
}

herald_status store_article_related_get(store *st, const char *id, struct store_related_entry *out,
                                        size_t max, size_t *n)
{
    char *list = NULL;
    const char *p;
    size_t k = 0;
    herald_status rc;
    st->errmsg[0] = '\0';
    rc = check_id(st, id);
    if (!rc)
        rc = st->ops->related_get(st, id, &list);
    if (rc)
        return rc;
    /* "<reason><32 hex>" entries separated by one space; a malformed one is skipped */
    for (p = list; *p && k < max;) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 1 + STORE_ID_LEN && p[0] > '0' && p[0] - '0' < RELATED_REASONS) {
            memcpy(out[k].id, p + 1, STORE_ID_LEN);
            out[k].id[STORE_ID_LEN] = '\0';
            out[k].reason = (enum store_related_reason)(p[0] - '0');
            if (url_is_article_id(out[k].id))
                k++;
        }
        p += len;
        while (*p == ' ')
            p++;
    }
    free(list);
    *n = k;
    return HERALD_OK;
}

herald_status store_article_related_missing(store *st, const char *after, int limit,
                                            char (*ids)[STORE_ID_LEN + 1], size_t *n)
{
    if (limit <= 0 || limit > 1000)
        limit = 1000;
    return st->ops->related_missing(st, after ? after : "", limit, ids, n);
}

typedef herald_status (*by_ids_fn)(store *st, const char *const *ids, size_t n,
                                   struct store_article_list *out);

/* Calls read with the well-formed ids of ids[0..n) (at most STORE_LIST_MAX). */
static herald_status articles_by_ids(store *st, by_ids_fn read, const char *const *ids, size_t n,
                                     struct store_article_list *out)
{
    const char **ok;
    size_t k = 0;
    herald_status rc;
    st->errmsg[0] = '\0';
    if (n > STORE_LIST_MAX) {
        store_set_error(st, 0, "too many articles");
        return HERALD_E_INVALID;
    }
    ok = xcalloc(n ? n : 1, sizeof(*ok));
    for (size_t i = 0; i < n; i++)
        if (ids[i] && url_is_article_id(ids[i]))
            ok[k++] = ids[i];
    rc = read(st, ok, k, out);
    free(ok);
    return rc;
}

herald_status store_article_cards(store *st, const char *const *ids, size_t n,
                                  struct store_article_list *out)
{
    return articles_by_ids(st, st->ops->article_cards, ids, n, out);
}

herald_status store_article_links(store *st, const char *const *ids, size_t n,
                                  struct store_article_list *out)
{
    return articles_by_ids(st, st->ops->article_links, ids, n, out);
}

herald_status store_story_articles(store *st, int64_t id, int limit, struct store_article_list *out)
{
    herald_status rc = check_story(st, id);
    if (rc)
        return rc;
    if (limit <= 0 || limit > STORE_LIST_MAX)
        limit = STORE_LIST_MAX;
    return st->ops->story_articles(st, id, limit, out);
}

herald_status store_story_top(store *st, int64_t now, int limit, struct store_story_list *out)
{
    if (limit <= 0 || limit > STORE_STORY_LIST_MAX)
        limit = STORE_STORY_LIST_MAX;
    return st->ops->story_top(st, now, limit, out);
}

herald_status store_story_related_list(store *st, int64_t id, int limit,
                                       struct store_story_list *out)
{
    herald_status rc = check_story(st, id);
    if (rc)
        return rc;
    if (limit <= 0 || limit > STORE_STORY_LIST_MAX)
        limit = STORE_STORY_LIST_MAX;
    return st->ops->story_related_list(st, id, limit, out);
}

/* ---- analysis results, entities, LLM cache --------------------------------------- */

void store_analysis_init(struct store_analysis *a)
{
    memset(a, 0, sizeof(*a));
}

static void free_items(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

void store_entity_release(struct store_entity *e)
{
    if (!e)
        return;
    free(e->slug);
    free(e->name);
    free(e->type);
    memset(e, 0, sizeof(*e));
}

void store_analysis_release(struct store_analysis *a)
{
    if (!a)
        return;
    free(a->language);
    free_items(a->summary, a->n_summary);
    free_items(a->key_points, a->n_key_points);
    free_items(a->keywords, a->n_keywords);
    for (size_t i = 0; i < a->n_entities; i++)
        store_entity_release(&a->entities[i]);
    free(a->entities);
    memset(a, 0, sizeof(*a));
}

char *store_lines_join(char *const *items, size_t n, size_t max)
{
    struct strbuf sb = STRBUF_INIT;
    size_t kept = 0;
    for (size_t i = 0; i < n && kept < max; i++) {
        const char *s = items[i];
        if (!s || !*s)
            continue;
        if (kept++)
            strbuf_addch(&sb, '\n');
        for (; *s; s++)
            strbuf_addch(&sb, (*s == '\n' || *s == '\r') ? ' ' : *s);
    }
    if (!kept) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

void store_lines_split(const char *text, char ***items, size_t *n)
{
    size_t alloc = 0, count = 0;
    char **v = NULL;
    const char *p = text, *nl;
    while (p && *p) {
        nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len) {
            ALLOC_GROW(v, count + 1, alloc);
            v[count++] = xstrndup(p, len);
        }
        p = nl ? nl + 1 : NULL;
    }
    *items = v;
    *n = count;
}

static int slug_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > STORE_ENTITY_SLUG_MAX || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    return 1;
}

static int word_ok(const char *s, size_t max, int dashes)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') ||
              (dashes && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '-' && i > 0 && i + 1 < n)))))
            return 0;
    return 1;
}

herald_status store_analysis_put(store *st, const char *article_id, const struct store_analysis *a)
{
    struct store_analysis v;
    struct store_entity *ents = NULL;
    size_t nents = 0;
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = check_id(st, article_id);
    if (rc || !a) {
        rc = rc ? rc : HERALD_E_INVALID;
        goto out;
    }
    /* Only well-formed entities reach the backend. */
    v = *a;
    if (v.n_entities) {
        ents = xcalloc(v.n_entities, sizeof(*ents));
        for (size_t i = 0; i < v.n_entities && nents < STORE_ANALYSIS_ENTITIES_MAX; i++) {
            const struct store_entity *e = &a->entities[i];
            if (!slug_ok(e->slug) || !word_ok(e->type, STORE_ENTITY_TYPE_MAX, 0) || !e->name ||
                !*e->name || strlen(e->name) > 256)
                continue;
            ents[nents] = *e;
            if (ents[nents].count < 1)
                ents[nents].count = 1;
            nents++;
        }
    }
    v.entities = ents;
    v.n_entities = nents;
    if (v.language && (!*v.language || strlen(v.language) > 35))
        v.language = NULL;
    if (v.reading_minutes < 0)
        v.reading_minutes = 0;
    rc = st->ops->analysis_put(st, article_id, &v, time_now());
out:
    free(ents);
    return wend(st, rc);
}

herald_status store_analysis_get(store *st, const char *article_id, struct store_analysis *out)
{
    herald_status rc;
    st->errmsg[0] = '\0';
    rc = check_id(st, article_id);
    if (rc)
        return rc;
    return st->ops->analysis_get(st, article_id, out);
}

herald_status store_word_df(store *st, const char *word, int64_t cap, int64_t *df)
{
    st->errmsg[0] = '\0';
    if (!word || !*word || strlen(word) > 128 || cap <= 0) {
        store_set_error(st, 0, "not a word");
        return HERALD_E_INVALID;
    }
    return st->ops->word_df(st, word, cap, df);
}

/* ---- topics ---------------------------------------------------------------------- */

_Static_assert(STORE_TOPIC_SLUG_MAX == STORE_ENTITY_SLUG_MAX, "slug_ok checks both");

void store_topic_release(struct store_topic *t)
{
    if (!t)
        return;
    free(t->slug);
    free(t->name);
    t->slug = t->name = NULL;
}

void store_topic_list_release(struct store_topic_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        store_topic_release(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

char *store_topic_slug(const char *category)
{
    char *slug = text_slugify(category, STORE_TOPIC_SLUG_MAX);
    if (slug_ok(slug))
        return slug;
    free(slug);
    return NULL;
}

herald_status store_topic_get(store *st, const char *slug, struct store_topic *out)
{
    st->errmsg[0] = '\0';
    if (!slug_ok(slug) || !out) {
        store_set_error(st, 0, "not a topic name");
        return HERALD_E_INVALID;
    }
    return st->ops->topic_get(st, slug, out);
}

herald_status store_topic_list(store *st, int64_t min_count, int limit,
                               struct store_topic_list *out)
{
    st->errmsg[0] = '\0';
    if (!out)
        return HERALD_E_INVALID;
    if (limit <= 0 || limit > STORE_TOPIC_LIST_MAX)
        limit = STORE_TOPIC_LIST_MAX;
    return st->ops->topic_list(st, min_count < 1 ? 1 : min_count, limit, out);
}

herald_status store_entity_get(store *st, const char *slug, struct store_entity *out)
{
    st->errmsg[0] = '\0';
    if (!slug_ok(slug)) {
        store_set_error(st, 0, "not an entity name");
        return HERALD_E_INVALID;
    }
    return st->ops->entity_get(st, slug, out);
}

herald_status store_entity_stories(store *st, const char *slug, int limit,
                                   struct store_story_list *out)
{
    st->errmsg[0] = '\0';
    if (!slug_ok(slug)) {
        store_set_error(st, 0, "not an entity name");
        return HERALD_E_INVALID;
    }
    if (limit <= 0 || limit > STORE_STORY_LIST_MAX)
        limit = STORE_STORY_LIST_MAX;
    return st->ops->entity_stories(st, slug, limit, out);
}

static herald_status llm_args(store *st, const char *id, const char *task, const char *key)
{
    herald_status rc = check_id(st, id);
    if (rc)
        return rc;
    if (!word_ok(task, STORE_JOB_KIND_MAX, 1) || (key && strlen(key) > STORE_LLM_KEY_MAX)) {
        store_set_error(st, 0, "invalid cache key");
        return HERALD_E_INVALID;
    }
    return HERALD_OK;
}

herald_status store_llm_cache_put(store *st, const char *article_id, const char *task,
                                  const char *key, const char *model, const char *output)
{
    herald_status rc = wbegin(st);
    if (rc)
        return rc;
    rc = llm_args(st, article_id, task, key);
    if (rc == HERALD_OK && (!output || strlen(output) > STORE_FIELD_MAX))
        rc = HERALD_E_INVALID;
    if (rc == HERALD_OK)
        rc =
            st->ops->llm_cache_put(st, article_id, task, key ? key : "", model, output, time_now());
    return wend(st, rc);
}

herald_status store_llm_cache_get(store *st, const char *article_id, const char *task,
                                  const char *key, char **out)
{
    herald_status rc;
    st->errmsg[0] = '\0';
    rc = llm_args(st, article_id, task, key);
    if (rc)
        return rc;
    return st->ops->llm_cache_get(st, article_id, task, key ? key : "", out);
}

/* ---- job queue ------------------------------------------------------------------- */

void store_job_init(struct store_job *j)
{
    memset(j, 0, sizeof(*j));
    j->next_at = TIME_NONE;
}

void store_job_release(struct store_job *j)
{
    if (!j)
        return;
    free(j->last_error);
    j->last_error = NULL;
}

int64_t store_job_backoff(int attempts)
{
    int64_t b = STORE_JOB_BACKOFF_BASE;
    for (int i = 1; i < attempts && b < STORE_JOB_BACKOFF_MAX; i++)
        b *= 2;
    return b < STORE_JOB_BACKOFF_MAX ? b : STORE_JOB_BACKOFF_MAX;
}

/* A queue write: refused on read-only handles, and it leaves the data version alone. */
static herald_status qbegin(store *st)
{
    herald_status rc = wbegin(st);
    if (rc == HERALD_OK)
        st->quiet = 1;
    return rc;
}

static herald_status qend(store *st, herald_status rc)
{
    rc = wend(st, rc);
    st->quiet = 0;
    return rc;
}

static herald_status job_args(store *st, const char *kind, const char *article_id)
{
    if (!word_ok(kind, STORE_JOB_KIND_MAX, 1)) {
        store_set_error(st, 0, "not a job kind");
        return HERALD_E_INVALID;
    }
    if (article_id && *article_id)
        return check_id(st, article_id);
    return HERALD_OK;
}

herald_status store_job_enqueue(store *st, const char *kind, const char *article_id,
                                int64_t not_before, unsigned flags)
{
    int64_t now = time_now();
    herald_status rc = qbegin(st);
    if (rc)
        return rc;
    rc = job_args(st, kind, article_id);
    if (rc == HERALD_OK)
        rc = st->ops->job_enqueue(st, kind, article_id ? article_id : "",
                                  not_before == TIME_NONE ? now : not_before,
                                  (flags & STORE_JOB_SERIAL) != 0, now);
    return qend(st, rc);
}

herald_status store_job_enqueue_all(store *st, const char *kind, int64_t *count)
{
    int64_t n = 0;
    herald_status rc = qbegin(st);
    if (rc)
        return rc;
    rc = job_args(st, kind, NULL);
    if (rc == HERALD_OK)
        rc = st->ops->job_enqueue_all(st, kind, time_now(), &n);
    rc = qend(st, rc);
    if (rc == HERALD_OK && count)
        *count = n;
    return rc;
}

static herald_status owner_ok(store *st, const char *owner)
{
    if (!owner || !*owner || strlen(owner) > STORE_JOB_OWNER_MAX) {
        store_set_error(st, 0, "invalid lease owner");
        return HERALD_E_INVALID;
    }
    return HERALD_OK;
}

herald_status store_job_claim(store *st, const char *owner, int64_t now, int lease_s,
                              int max_attempts, struct store_job *out)
{
    struct store_job j;
    herald_status rc = qbegin(st);
    if (rc)
        return rc;
    store_job_init(&j);
    rc = owner_ok(st, owner);
    if (rc == HERALD_OK && lease_s <= 0)
        rc = HERALD_E_INVALID;
    if (rc == HERALD_OK)
        rc = st->ops->job_claim(st, owner, now, lease_s,
                                max_attempts > 0 ? max_attempts : STORE_JOB_ATTEMPTS_DEFAULT, &j);
    if (rc == HERALD_E_NOTFOUND) {
        /* nothing due, but jobs buried on the way stay buried */
        rc = qend(st, HERALD_OK);
        return rc ? rc : HERALD_E_NOTFOUND;
    }
    rc = qend(st, rc);
    if (rc) {
        store_job_release(&j);
        return rc;
    }
    *out = j;
    return HERALD_OK;
}

herald_status store_job_complete(store *st, int64_t id, const char *owner)
{
    herald_status rc = qbegin(st);
    if (rc)
        return rc;
    rc = owner_ok(st, owner);
    if (rc == HERALD_OK)
        rc = st->ops->job_complete(st, id, owner, time_now());
    return qend(st, rc);
}

herald_status store_job_fail(store *st, int64_t id, const char *owner, int64_t now,
                             const char *error, int max_attempts)
{
    herald_status rc = qbegin(st);
    if (rc)
        return rc;
    rc = owner_ok(st, owner);
    if (rc == HERALD_OK)
        rc = st->ops->job_fail(st, id, owner, now, error,
                               max_attempts > 0 ? max_attempts : STORE_JOB_ATTEMPTS_DEFAULT);
    return qend(st, rc);
}

herald_status store_job_counts(store *st, int64_t now, struct store_job_counts *out)
{
    st->errmsg[0] = '\0';
    memset(out, 0, sizeof(*out));
    return st->ops->job_counts(st, now, out);
}

herald_status store_job_get(store *st, const char *kind, const char *article_id,
                            struct store_job *out)
{
    struct store_job j;
    herald_status rc;
    st->errmsg[0] = '\0';
    rc = job_args(st, kind, article_id);
    if (rc)
        return rc;
    store_job_init(&j);
    rc = st->ops->job_get(st, kind, article_id ? article_id : "", &j);
    if (rc) {
        store_job_release(&j);
        return rc;
    }
    *out = j;
    return HERALD_OK;
}

/*
 * store.h - herald's database: sources, feeds, articles, full-text search.
 *
 * This header is the ONLY way the rest of herald reaches the database; no SQL exists
 * outside src/store/.  Behind it sits a backend (struct store_ops, store_backend.h):
 * today store_sqlite.c (SQLite, WAL mode, FTS5), later a PostgreSQL one.
 *
 * Handles and threads
 *   A `store` is one database connection plus its cache of prepared statements.  A
 *   handle is NOT thread-safe: use one per thread.  The web server opens one read-only
 *   handle (STORE_READONLY) per worker thread; the ingest thread owns the one writable
 *   handle.  SQLite runs in WAL mode, so readers never block the writer or each other.
 *
 * Schema and migrations
 *   store_open() on a writable handle creates the database when missing and applies
 *   every pending migration in one transaction (schema version: PRAGMA user_version).
 *   A database written by a NEWER herald is refused with HERALD_E_VERSION (and a log
 *   line saying which versions are involved); an older one is upgraded in place.  A
 *   read-only handle never migrates: an outdated database gives HERALD_E_VERSION too.
 *
 * Records
 *   Records are plain structs with owned (malloc'd) char * fields.  Initialise them with
 *   store_X_init() (times become TIME_NONE, ids 0, strings NULL) and free their fields
 *   with store_X_release() (safe on an initialised or released record; the record itself
 *   is not freed).  Lists are { items, count } structs with their own _release().
 *   Times are int64 seconds UTC with TIME_NONE (core/timeutil.h) for "absent".
 *   Output parameters are written only on success.
 *
 * Articles and deduplication
 *   An article's id is the 32-lowercase-hex url_article_id() of its canonical URL (or its
 *   URL when it has none), fixed when the row is first inserted and kept forever.  One
 *   story reached through several feeds, or again on the next poll, is ONE row: see
 *   store_article_upsert() for the matching rules.  Each (article, feed, guid) through
 *   which it was reached is recorded too.
 *
 *   Every article has a sort time: its published time, clamped to be no later than its
 *   first-seen time (a feed cannot make an article "newer than now"); first_seen when it
 *   has no published time.  Lists, cursors and the since/until filters use it.
 *
 * Transactions
 *   Ingest wraps every write of one poll in store_tx_begin()/store_tx_commit(), so a
 *   crash mid-poll leaves the database as it was before or after the poll.  A write
 *   function called outside a transaction runs in its own.  On a read-only handle,
 *   store_tx_begin() opens a read snapshot (several reads seeing one state).
 *
 * Errors
 *   Every function returns a herald_status.  HERALD_E_DB is a database failure (the
 *   SQLite message is logged under module "store"); HERALD_E_NOTFOUND, HERALD_E_EXISTS,
 *   HERALD_E_INVALID (bad argument, or a malformed search query), HERALD_E_DENIED (a
 *   write on a read-only handle) and HERALD_E_VERSION are as documented per function.
 *   store_errmsg() returns a human-readable message for the handle's last failure,
 *   fit to show to a user (never SQL).
 *
 * Bounds
 *   Every list is capped (STORE_*_MAX below); a larger limit is clamped, a limit <= 0
 *   means the default.  Search queries longer than STORE_QUERY_MAX bytes are refused.
 */
#ifndef HERALD_STORE_STORE_H
#define HERALD_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/status.h"
#include "core/timeutil.h"
#include "core/url.h"

typedef struct store store;

/* ---------------------------------------------------------------------------------------
 * Opening and closing
 */

/* store_open() flags. */
#define STORE_READONLY 0x1u /* read-only connection; never creates or migrates */

/* The schema version this herald writes and understands. */
#define STORE_SCHEMA_VERSION 8

/*
 * Opens the database at path (a file name for SQLite; later "postgresql://..." selects
 * the PostgreSQL backend, HERALD_E_UNSUPPORTED until it exists).  Writable opens create
 * the file and migrate it to STORE_SCHEMA_VERSION.  On success *out is a new handle the
 * caller closes with store_close().
 * Errors: HERALD_E_NOTFOUND (read-only and the file does not exist), HERALD_E_VERSION
 * (database from a newer herald, or read-only on an outdated schema), HERALD_E_DB.
 */
herald_status store_open(const char *path, unsigned flags, store **out);

/*
 * Connection settings for every later store_open() in the process: the page cache of each
 * connection (config key store.cache_mb, MiB) and how much of the database file is read
 * through a memory map (store.mmap_mb, MiB; 0 = none; SQLite caps it at its compile-time
 * SQLITE_MAX_MMAP_SIZE, 2 GiB in Debian's build).  Call once at startup, before any
 * thread opens a handle; store_configure(NULL) restores the defaults.
 */
#define STORE_CACHE_MB_DEFAULT 32
#define STORE_MMAP_MB_DEFAULT 2048
void store_configure(const struct config *cfg);

/* Finalises cached statements and closes the connection; a transaction still open is
 * rolled back.  store_close(NULL) does nothing. */
void store_close(store *st);

/* The schema version of the open database (STORE_SCHEMA_VERSION after a successful
 * writable open). */
int store_schema_version(store *st);

/* A message describing the last failure on this handle (static or handle-owned, valid
 * until the next call on the handle); "" when there was none.  Safe to show to users. */
const char *store_errmsg(store *st);

/* Verifies the database's invariants: SQLite integrity and foreign keys, the FTS index
 * agrees with the articles, ids are 32-hex, every article is linked to the feeds it came
 * from, sort times are consistent.  Returns HERALD_OK, or HERALD_E_DB with the first
 * problem in store_errmsg() and the log.  Meant for tests and `herald check`; it reads the
 * whole database. */
herald_status store_check(store *st);

/* ---------------------------------------------------------------------------------------
 * Transactions
 */

/* Begins a write transaction (writable handle) or a read snapshot (read-only handle).
 * HERALD_E_INVALID when one is already open on this handle (no nesting). */
herald_status store_tx_begin(store *st);
/* Commits.  HERALD_E_INVALID when none is open; on HERALD_E_DB it has been rolled back. */
herald_status store_tx_commit(store *st);
/* Rolls back; a no-op (HERALD_OK) when none is open. */
herald_status store_tx_rollback(store *st);

/*
 * Bulk loading: an import of many articles (or a rebuild of derived data over the whole
 * archive) between store_bulk_begin() and store_bulk_end() on one writable handle, outside
 * any transaction; the caller still groups its writes in transactions (thousands of
 * articles each).  The data written is the same as without; only how it is written
 * changes:
 *   - this connection stops syncing to disk (a crash or power cut during the load can lose
 *     or corrupt it: load into a copy, or be ready to load again), keeps temporary data
 *     and statement journals in memory, and has a page cache of STORE_BULK_CACHE_MB;
 *   - with STORE_BULK_DEFER_SEARCH, the full-text index is not kept up to date article by
 *     article: store_bulk_end() builds it again from every article in one pass and merges
 *     it into one segment.  Until then searches and the term queries of store_related()
 *     (on every handle) do not see the articles written since store_bulk_begin().  The
 *     database records the deferral, so a process that dies before store_bulk_end()
 *     leaves it for the next writable store_open(), which rebuilds the index (logged).
 * store_bulk_end() restores the connection's settings (and runs the planner statistics
 * pass) even when the rebuild fails.
 * Errors: HERALD_E_INVALID (a transaction is open, a bulk load is already running on this
 * handle, or store_bulk_end() without store_bulk_begin()), HERALD_E_DENIED (read-only),
 * HERALD_E_DB.
 */
#define STORE_BULK_DEFER_SEARCH 0x1u
#define STORE_BULK_CACHE_MB 1024
herald_status store_bulk_begin(store *st, unsigned flags);
herald_status store_bulk_end(store *st);

/* ---------------------------------------------------------------------------------------
 * Sources (publishers)
 */

struct store_source {
    int64_t id; /* > 0 once stored */
    char *name;
    char *homepage;  /* URL or NULL */
    char *icon_url;  /* URL or NULL */
    char *language;  /* BCP 47 tag ("en", "de-AT") or NULL */
    char *copyright; /* copyright / licence / attribution line or NULL */
    /* Filled by reads, ignored by writes: */
    int64_t article_count;
    int64_t feed_count;
    int64_t last_article; /* newest article's sort time, TIME_NONE when none */
};

void store_source_init(struct store_source *s);
void store_source_release(struct store_source *s);

struct store_source_list {
    struct store_source *items;
    size_t count;
};
void store_source_list_release(struct store_source_list *l);

/*
 * Finds the source matching in (same homepage after url_normalize() when in->homepage is
 * set, otherwise the same name, case-insensitively; with a homepage, a same-named source
 * matches only while it has no homepage of its own) or creates it.  A found source gets
 * its NULL/empty fields filled from in (nothing already set is overwritten).  *id_out is
 * the source's id.  in->name is required (HERALD_E_INVALID when NULL/empty).
 */
herald_status store_source_ensure(store *st, const struct store_source *in, int64_t *id_out);

/* Overwrites every field of source in->id with in's (NULL clears).  HERALD_E_NOTFOUND. */
herald_status store_source_update(store *st, const struct store_source *in);

/* Reads one source with its counts.  HERALD_E_NOTFOUND. */
herald_status store_source_get(store *st, int64_t id, struct store_source *out);

/* Every source with its counts, by name.  At most STORE_SOURCE_LIST_MAX. */
#define STORE_SOURCE_LIST_MAX 100000
herald_status store_source_list(store *st, struct store_source_list *out);

/* Every source by name like store_source_list, but without its counts (article_count and
 * feed_count -1, last_article TIME_NONE): one index read, for choosers such as the search
 * page's source filter, where counting every source's articles would grow with the
 * archive. */
herald_status store_source_names(store *st, struct store_source_list *out);

/* ---------------------------------------------------------------------------------------
 * Feeds
 */

/* Whether ingest fetches the article page for full-text extraction. */
enum store_fetch_mode {
    STORE_FETCH_AUTO = 0, /* when the feed's content looks like a teaser */
    STORE_FETCH_ALWAYS,
    STORE_FETCH_NEVER,
};
/* "auto", "always", "never"; and back (returns -1 for an unknown name). */
const char *store_fetch_mode_name(enum store_fetch_mode m);
int store_fetch_mode_parse(const char *name, enum store_fetch_mode *out);

struct store_feed {
    int64_t id; /* > 0 once stored */
    char *url;
    char *title;              /* NULL until known */
    int64_t source_id;        /* 0 = none */
    char *etag;               /* HTTP validators of the last 200 response, or NULL */
    char *last_modified;      /* (as received; sent back verbatim) */
    int64_t next_poll;        /* when the feed is due; TIME_NONE = due now */
    int64_t last_poll;        /* last attempt, TIME_NONE = never */
    int64_t last_success;     /* last attempt without error (200 or 304), TIME_NONE = never */
    int64_t last_new_article; /* last time a poll brought a new article, TIME_NONE = never */
    int consecutive_errors;
    char *last_error;      /* message of the last failed poll; NULL after a success */
    int last_status;       /* HTTP status of the last attempt; 0 = none (network error / never) */
    int64_t poll_interval; /* seconds between polls chosen by the scheduler; 0 = default */
    enum store_fetch_mode fetch_mode;
    int64_t created; /* when it was added (set by store_feed_add) */
    /* Filled by reads, ignored by writes: */
    char *source_name;     /* NULL when no source */
    int64_t article_count; /* articles reached through this feed */
};

void store_feed_init(struct store_feed *f);
void store_feed_release(struct store_feed *f);

struct store_feed_list {
    struct store_feed *items;
    size_t count;
};
void store_feed_list_release(struct store_feed_list *l);

/*
 * Adds a feed.  Uses in->url (required), title, source_id, next_poll, poll_interval and
 * fetch_mode; the rest starts empty and created = now.  Two URLs equal after
 * url_normalize() are the same feed: HERALD_E_EXISTS (and *id_out is NOT set).
 * HERALD_E_INVALID when the URL does not parse; HERALD_E_NOTFOUND for an unknown source.
 */
herald_status store_feed_add(store *st, const struct store_feed *in, int64_t *id_out);

/* Removes a feed and its article links; its articles stay (with feed_id cleared when it
 * was their first feed).  HERALD_E_NOTFOUND. */
herald_status store_feed_remove(store *st, int64_t id);

/* Reads one feed.  HERALD_E_NOTFOUND. */
herald_status store_feed_get(store *st, int64_t id, struct store_feed *out);
/* Reads the feed whose URL equals url after normalisation.  HERALD_E_NOTFOUND. */
herald_status store_feed_get_by_url(store *st, const char *url, struct store_feed *out);

/* Every feed, by id.  At most STORE_FEED_LIST_MAX. */
#define STORE_FEED_LIST_MAX 100000
herald_status store_feed_list(store *st, struct store_feed_list *out);
/* The feeds of one source (with their health), by id. */
herald_status store_feed_list_source(store *st, int64_t source_id, struct store_feed_list *out);
/* Feeds due at now (next_poll <= now or TIME_NONE), those with next_poll TIME_NONE first,
 * then most overdue first, then by id; at most limit (<= 0: STORE_FEED_DUE_MAX; clamped to it). */
#define STORE_FEED_DUE_MAX 10000
herald_status store_feed_list_due(store *st, int64_t now, int limit, struct store_feed_list *out);

/* The outcome of one poll, written by store_feed_poll_update(). */
struct store_feed_poll {
    int64_t polled_at;      /* -> last_poll (required) */
    int64_t next_poll;      /* -> next_poll */
    int64_t poll_interval;  /* -> poll_interval (seconds; 0 keeps the stored value) */
    int status;             /* HTTP status, 0 for a network-level failure -> last_status */
    const char *error;      /* NULL = success: last_error cleared, last_success = polled_at;
                               otherwise stored as last_error */
    int consecutive_errors; /* -> consecutive_errors (the scheduler counts); stored as given
                               (at least 1) on error, reset to 0 on success */
    int set_validators;     /* nonzero: etag and last_modified below replace the stored
                               ones (NULL clears); zero: the stored validators are kept */
    const char *etag;
    const char *last_modified;
};

/* Records a poll's outcome for feed id.  HERALD_E_NOTFOUND, HERALD_E_INVALID. */
herald_status store_feed_poll_update(store *st, int64_t id, const struct store_feed_poll *p);

/* Changes a feed's URL (a permanent redirect).  HERALD_E_EXISTS when another feed has
 * that URL (the caller may then remove this one), HERALD_E_NOTFOUND, HERALD_E_INVALID. */
herald_status store_feed_set_url(store *st, int64_t id, const char *url);
/* Sets the title (NULL clears).  HERALD_E_NOTFOUND. */
herald_status store_feed_set_title(store *st, int64_t id, const char *title);
/* Sets the source (0 clears).  HERALD_E_NOTFOUND (feed or source). */
herald_status store_feed_set_source(store *st, int64_t id, int64_t source_id);
/* Sets the full-text fetch mode.  HERALD_E_NOTFOUND. */
herald_status store_feed_set_fetch_mode(store *st, int64_t id, enum store_fetch_mode mode);

/* ---------------------------------------------------------------------------------------
 * Articles
 */

#define STORE_ID_LEN URL_ID_LEN /* 32 */

struct store_article {
    char id[STORE_ID_LEN + 1]; /* 32 lowercase hex + NUL; "" before it is stored */
    char *url;                 /* required for upsert */
    char *canonical_url;       /* <link rel=canonical> / og:url, or NULL */
    char *title;
    char *authors;      /* display form, comma-joined: "Ana Ruiz, Ben Ode" */
    int64_t published;  /* TIME_NONE when absent */
    int64_t updated;    /* TIME_NONE when absent */
    int64_t first_seen; /* set by the store on insert (now) unless given */
    char *language;
    char *image_url;
    char *image_caption;
    char *image_credit;
    char *categories;   /* JSON array of strings, e.g. ["World","Climate"], or NULL */
    char *summary;      /* from the feed (plain text or sanitized HTML as ingest decides) */
    char *content_html; /* sanitized HTML body */
    char *text;         /* plain text, one paragraph per line */
    int word_count;
    int64_t source_id; /* 0 = none; upsert uses the feed's source when 0 */
    int64_t feed_id;   /* the first feed it was reached through; 0 = none */
    char *guid;        /* that feed's guid for it, or NULL */
    char *fingerprint; /* near-duplicate fingerprint (later: text module), or NULL */
    int64_t story_id;  /* story cluster (stories/), 0 = none */
    /* Filled by reads, ignored by writes: */
    int64_t sort_time;    /* see "sort time" above */
    int64_t last_changed; /* when the row last changed in the store (Last-Modified) */
    char *source_name;
    char *source_homepage; /* store_article_get only */
    char *source_icon_url;
    char *source_copyright; /* store_article_get only */
    char *copy_of;          /* the canonical article when this one is a near-copy, or NULL */
};

void store_article_init(struct store_article *a);
void store_article_release(struct store_article *a);

enum store_upsert_result {
    STORE_UPSERT_INSERTED = 1, /* a new row */
    STORE_UPSERT_UPDATED,      /* an existing row whose content changed; it keeps its id */
    STORE_UPSERT_UNCHANGED,    /* an existing row, content identical (or nothing new) */
};

/*
 * Stores an article reached through feed feed_id (0 = none) under that feed's guid (NULL
 * = none).  Matching, in this order; the first hit is "the same article":
 *   1. the guid, among the links of this feed or another feed of the same source;
 *   2. the canonical URL, after url_normalize(), against stored URLs and canonical URLs;
 *   3. the URL, after url_normalize(), likewise.
 * No match: a new row with id = url_article_id(canonical_url or url) -> INSERTED.
 * A match: content fields (title, summary, content_html, text, image_url, image_caption)
 * are compared; when any differs the row's mutable fields are rewritten (its id, URLs,
 * guid, source, first_seen and story stay) -> UPDATED, else UNCHANGED.  A NULL field in `in` means
 * "not known this time": it is neither a change nor does it clear the stored value.  Either way the
 * (article, feed, guid) link is recorded.  in->id, feed_id and guid are ignored (the parameters
 * rule).  \x01 and \x02 (the snippet markers) are replaced by spaces in title and text.  id_out
 * (may be NULL) gets the row's id, *res (may be NULL) the outcome. HERALD_E_INVALID: no URL, or a
 * URL that does not parse; HERALD_E_TOOBIG: a field longer than STORE_FIELD_MAX bytes;
 * HERALD_E_NOTFOUND: unknown feed; HERALD_E_DENIED: read-only handle.
 */
#define STORE_FIELD_MAX (4 * 1024 * 1024)
herald_status store_article_upsert(store *st, const struct store_article *in, int64_t feed_id,
                                   const char *guid, char id_out[STORE_ID_LEN + 1],
                                   enum store_upsert_result *res);

/*
 * store_article_upsert(), and *first_feed (may be NULL) gets the feed through which the
 * stored article was first reached (its feed_id: feed_id itself when it was inserted now;
 * 0 = none, or that feed was removed).  Ingest's log uses it to tell an entry already
 * stored from this feed from one whose article came through another feed first.
 */
herald_status store_article_upsert_origin(store *st, const struct store_article *in,
                                          int64_t feed_id, const char *guid,
                                          char id_out[STORE_ID_LEN + 1],
                                          enum store_upsert_result *res, int64_t *first_feed);

/*
 * Finds the stored article that store_article_upsert() would match for (feed_id, guid,
 * url, canonical_url) without writing anything, so ingest can skip fetching pages it
 * already has.  Any of guid/url/canonical_url may be NULL.  Writes the id into id_out.
 * HERALD_E_NOTFOUND when none matches.
 */
herald_status store_article_lookup(store *st, int64_t feed_id, const char *guid, const char *url,
                                   const char *canonical_url, char id_out[STORE_ID_LEN + 1]);

/* Reads one article: every field plus source_name/homepage/icon_url/copyright.
 * HERALD_E_NOTFOUND (HERALD_E_INVALID when id is not 32-hex). */
herald_status store_article_get(store *st, const char *id, struct store_article *out);

/* Sets (NULL clears) the near-duplicate fingerprint / story of an article. */
herald_status store_article_set_fingerprint(store *st, const char *id, const char *fingerprint);
herald_status store_article_set_story(store *st, const char *id, int64_t story_id);

/* A keyset cursor: an opaque printable string ([0-9a-f.-] only, safe in a URL). */
#define STORE_CURSOR_MAX 96

struct store_article_query {
    int64_t source_id;    /* 0 = any */
    int64_t feed_id;      /* 0 = any (articles linked to that feed) */
    int64_t since;        /* sort_time >= since; TIME_NONE = unbounded */
    int64_t until;        /* sort_time <  until; TIME_NONE = unbounded */
    const char *language; /* exact language tag, or NULL = any */
    const char *entity;   /* entity slug: only articles mentioning it; NULL = any */
    const char *topic;    /* topic slug: only articles filed under it (below); NULL = any */
    int64_t story_id;     /* only the articles of this story; 0 = any */
    int limit;            /* <= 0: STORE_LIST_DEFAULT; clamped to STORE_LIST_MAX */
    const char *cursor;   /* NULL/"" = from the newest; else a next_cursor from before */
    const char *after;    /* NULL/"" = none; else a cursor (a prev_cursor or next_cursor):
                           * the page of at most limit rows just NEWER than it, still
                           * listed newest first.  With cursor too: HERALD_E_INVALID */
    int include_copies;   /* 0: a republished copy is listed once, as its canonical article;
                           * 1: every stored article */
    int64_t unread_for;   /* > 0: only the articles this user has not marked read (reading
                           * state, store_users.h); pages stay full.  0 = no filter */
};
#define STORE_LIST_DEFAULT 30
#define STORE_LIST_MAX 200

/* Initialises q to "everything, newest first, default limit". */
void store_article_query_init(struct store_article_query *q);

struct store_article_list {
    struct store_article *items;
    size_t count;
    /* Cursor for the next page ("" when this page is the last one). */
    char next_cursor[STORE_CURSOR_MAX];
    /* Cursor for the page just newer, to pass as query.after ("" when no newer row
     * matches: this is the first page). */
    char prev_cursor[STORE_CURSOR_MAX];
};
void store_article_list_release(struct store_article_list *l);

/*
 * Lists articles newest first (sort_time DESC, id DESC) with keyset pagination: passing
 * each page's next_cursor yields every matching row exactly once, in order, even while
 * new articles arrive.  Going back, q->after = a page's prev_cursor yields the limit rows
 * just newer than that page (read ascending from the cursor, then reversed), so "newer"
 * and "older" pages hold the same rows whichever way they are reached.  Both cursors are
 * exact: a page that is not the first has prev_cursor set only when a newer row matches
 * (one more indexed probe), next_cursor only when an older one does.  Items are "cards":
 * every field except content_html and text (NULL), with source_name and source_icon_url.
 * HERALD_E_INVALID for a malformed cursor, or cursor and after together.
 */
herald_status store_article_list(store *st, const struct store_article_query *q,
                                 struct store_article_list *out);

/* The languages of stored articles: each distinct non-empty tag, in tag order, at most
 * STORE_LANGUAGES_MAX, with its number of articles counted up to STORE_LANGUAGE_COUNT_CAP
 * (count == STORE_LANGUAGE_COUNT_CAP means "at least that many").  Cheap on any archive:
 * each tag is one seek in the articles_language_sort index and its count reads at most
 * the cap's index entries.  Copies count as the articles they are. */
#define STORE_LANGUAGES_MAX 64
#define STORE_LANGUAGE_COUNT_CAP 1000
struct store_language {
    char *language;
    int64_t count;
};
struct store_language_list {
    struct store_language *items;
    size_t count;
};
void store_language_list_release(struct store_language_list *l);
herald_status store_languages(store *st, struct store_language_list *out);

/* ---------------------------------------------------------------------------------------
 * Search (FTS5 over title and text)
 */

/* Snippet / highlight markers: the caller escapes the text for HTML first, then replaces
 * these control characters with <mark> and </mark>. */
#define STORE_MARK_OPEN '\x01'
#define STORE_MARK_CLOSE '\x02'
#define STORE_MARK_OPEN_STR "\x01"
#define STORE_MARK_CLOSE_STR "\x02"

#define STORE_QUERY_MAX 512 /* bytes of query text */
#define STORE_SEARCH_DEFAULT 20
#define STORE_SEARCH_MAX 100        /* hits per page */
#define STORE_SEARCH_WINDOW 1000    /* matches in one candidate window */
#define STORE_SEARCH_PREFIX_MIN 3   /* characters before a "*" */
#define STORE_SEARCH_PREFIX_TERMS 2 /* prefix terms in one query */

enum store_search_order {
    STORE_SEARCH_RELEVANCE = 0, /* score (below), newer first on ties */
    STORE_SEARCH_NEWEST,        /* sort time, newer first (sort=date) */
};

/*
 * The query language (what a search box accepts):
 *   word            a term (stemmed: "elections" finds "election")
 *   "two words"     a phrase
 *   pre*            a prefix of at least STORE_SEARCH_PREFIX_MIN characters (also
 *                   "a phra"* for a phrase ending in a prefix); at most
 *                   STORE_SEARCH_PREFIX_TERMS prefix terms per query
 *   a OR b          either (AND is implicit between terms; "AND" is accepted)
 *   -word, NOT word excludes (needs at least one positive term before it)
 * Anything else is text: punctuation separates words and never acts as syntax.  An
 * unbalanced quote, a dangling OR/NOT, a lone "*", a short or an extra prefix, more than
 * STORE_QTERMS_MAX (32) terms or a query without any term is malformed: HERALD_E_INVALID
 * with the reason in store_errmsg().
 *
 * Windows: a search never ranks more than STORE_SEARCH_WINDOW matches at once.  The
 * matches are taken newest first (by arrival) into windows of STORE_SEARCH_WINDOW; the
 * first page comes from the newest window, pages continue inside it in the chosen order,
 * and after its last page the next cursor opens the next-older window ("older results",
 * result.window_end).  A query with fewer matches than a window is ranked whole.  Each
 * window also stops after visiting STORE_SEARCH_WINDOW * 8 articles through the filters
 * (a filter that rejects most matches cannot make a query slow): the window then ends
 * where the scan stopped, and the next one starts there.
 *
 * Score (relevance order): Okapi BM25 (k1 = 1.2, b = 0.75) over title and text with the
 * title's term frequencies weighted 10:1, as FTS5's bm25(); the inverse document frequency
 * of a term counts its matches exactly up to 2,000 and estimates larger counts from the
 * density of the first 2,000.  Reported negated, as FTS5 does: lower is better.
 */
struct store_search_query {
    const char *q;        /* required */
    int64_t source_id;    /* 0 = any */
    int64_t since, until; /* on sort_time, as in store_article_query; TIME_NONE = open */
    const char *language; /* NULL = any */
    enum store_search_order order;
    int limit;          /* <= 0: STORE_SEARCH_DEFAULT; clamped to STORE_SEARCH_MAX */
    const char *cursor; /* NULL/"" = the first page; else a next_cursor of the SAME query
                         * and order (a cursor of another order is HERALD_E_INVALID) */
};
void store_search_query_init(struct store_search_query *q);

struct store_search_hit {
    struct store_article article; /* a card, as in store_article_list */
    char *title_hl;               /* the title with matches between STORE_MARK_OPEN/CLOSE */
    char *snippet; /* a ~24-word excerpt of the text with marked matches, "…" at cuts */
    double score;  /* the score above (lower is better); 0 in date order */
};

struct store_search_result {
    struct store_search_hit *hits;
    size_t count;
    /* Cursor for the next page ("" when this page is the last one). */
    char next_cursor[STORE_CURSOR_MAX];
    int window_end;   /* 1: the next page starts the next-older window ("older results") */
    int64_t total;    /* matching articles (with the filters), counted up to the window */
    int total_capped; /* 1: total is a lower bound (at least STORE_SEARCH_WINDOW matches) */
};
void store_search_result_release(struct store_search_result *r);

/* Runs a search: one page of hits in the query's order; passing each page's next_cursor
 * yields every match exactly once while the data does not change (new articles never
 * enter a window already opened).  HERALD_E_INVALID: malformed query or cursor (message
 * in store_errmsg()).  Never leaks an SQL error for user input. */
herald_status store_search(store *st, const struct store_search_query *q,
                           struct store_search_result *out);

/* ---------------------------------------------------------------------------------------
 * Related articles
 */
#define STORE_RELATED_MAX 20

/*
 * Up to limit (<= 0: 6; clamped to STORE_RELATED_MAX) articles from OTHER sources about
 * the same thing as article_id: an FTS5 OR-query of its most distinctive terms (title
 * terms and the text's terms weighted by tf * idf from the index vocabulary), ranked by
 * bm25, newer first on ties.  Never the article itself nor a copy of it (same normalised
 * URL, same fingerprint, or the same title); no two results with the same title.  Items
 * are cards.  next_cursor is "".  HERALD_E_NOTFOUND for an unknown id.
 */
herald_status store_related(store *st, const char *article_id, int limit,
                            struct store_article_list *out);

/*
 * Stored related lists: what an article page shows under "Related articles" and "Also
 * published by", chosen off the request path (src/stories, when the story job places the
 * article; `herald stories related` for older databases) and read by key.  One row per
 * article: its entries in page order, each an article id with the reason it is there.
 * An article without a row has no list yet (store_article_related_get: HERALD_E_NOTFOUND);
 * an empty row is a list with nothing in it.  The ids are not checked against the
 * articles: a card read (store_article_cards) skips the ones that are gone.
 */
enum store_related_reason {
    STORE_RELATED_SAME_STORY = 1, /* another article of its story */
    STORE_RELATED_NEAR_COPY,      /* a republished copy of it */
    STORE_RELATED_SHARED_TERMS,   /* from a related story, or by the term query */
};
/* "same_story", "near_copy", "shared_terms" (the API's reason strings). */
const char *store_related_reason_name(enum store_related_reason r);

struct store_related_entry {
    char id[STORE_ID_LEN + 1];
    enum store_related_reason reason;
};
#define STORE_RELATED_LIST_MAX 64

/* Replaces the stored list of article id with e[0..n) (n <= STORE_RELATED_LIST_MAX, else
 * HERALD_E_INVALID; so are malformed ids and reasons).  HERALD_E_DENIED read-only. */
herald_status store_article_related_put(store *st, const char *id,
                                        const struct store_related_entry *e, size_t n);
/* Reads the stored list of id into out[0..*n) (at most max entries).  HERALD_E_NOTFOUND
 * when none is stored; HERALD_E_INVALID for a malformed id. */
herald_status store_article_related_get(store *st, const char *id, struct store_related_entry *out,
                                        size_t max, size_t *n);
/* Up to limit (<= 1000) ids, ascending, greater than after ("" = from the start), of
 * articles without a stored list (a backfill walks them). */
herald_status store_article_related_missing(store *st, const char *after, int limit,
                                            char (*ids)[STORE_ID_LEN + 1], size_t *n);

/*
 * The cards of the articles ids[0..n) (n <= STORE_LIST_MAX, else HERALD_E_INVALID), in
 * the order given; unknown or malformed ids are skipped.  A card is what lists show:
 * every field of store_article_list's items, read from the head of the row and the
 * articles_card index, never the text or HTML.  next_cursor is "".
 */
herald_status store_article_cards(store *st, const char *const *ids, size_t n,
                                  struct store_article_list *out);
/*
 * The links of ids[0..n), as store_article_cards (same limits, order and skips) but only
 * what a related list shows: id, url, title, summary, source_id, source_name and
 * sort_time (every other field empty or 0).  Read from the head of the row and the
 * source, without the articles_card lookup and the other columns: a page's related list
 * reads five or six of them, the largest part of a first article view's reads.
 */
herald_status store_article_links(store *st, const char *const *ids, size_t n,
                                  struct store_article_list *out);

/* ---------------------------------------------------------------------------------------
 * Stories (the state of src/stories/: see stories/stories.h for the algorithms)
 *
 * A story row: its title (the most representative headline so far), first and last
 * update, size, open flag, merged_into (a merged story's id keeps resolving to it) and
 * its centroid (story_terms: term -> weight, kept only while the story is open: the
 * inverted index of open stories).  term_df holds the document frequency of each term
 * over every clustered article (meta story_docs counts them).  article_bands holds the
 * LSH band keys of each article's MinHash fingerprint (articles.fingerprint).
 */

struct store_story {
    int64_t id;
    char *title;
    char title_article[STORE_ID_LEN + 1]; /* the article whose headline is the title */
    double title_score;
    int64_t first_update, last_update;
    int64_t size; /* articles */
    int open;
    int64_t merged_into; /* 0 = none */
    double norm2;        /* |centroid|^2 */
    int64_t last_seen;   /* when its latest article reached us (first_seen) */
    /* Filled by reads, ignored by writes: */
    int64_t sources; /* distinct sources among its articles */
    char *image_url; /* lead image of its newest article that has one, or NULL */
    double rank;     /* store_story_top: the ranking score */
};
void store_story_init(struct store_story *s);
void store_story_release(struct store_story *s);
struct store_story_list {
    struct store_story *items;
    size_t count;
};
void store_story_list_release(struct store_story_list *l);

/* A story centroid: terms ascending with their weights. */
struct store_terms {
    uint64_t *terms;
    double *weights;
    size_t count;
};
void store_terms_release(struct store_terms *t);

#define STORE_STORY_TERMS_MAX 1024
#define STORE_STORY_LIST_MAX 100

/* Creates an open empty story updated at time.  *id_out its id. */
herald_status store_story_create(store *st, int64_t time, int64_t *id_out);
/* Reads one story (merged ones too: see merged_into).  HERALD_E_NOTFOUND. */
herald_status store_story_get(store *st, int64_t id, struct store_story *out);
/* Writes title, title_article, title_score, first/last update, size, open, norm2. */
herald_status store_story_put(store *st, const struct store_story *in);
/* The centroid of an open story (empty for a closed one). */
herald_status store_story_terms_get(store *st, int64_t id, struct store_terms *out);
/* Replaces the centroid (at most STORE_STORY_TERMS_MAX terms). */
herald_status store_story_terms_set(store *st, int64_t id, const struct store_terms *t);
/* Up to limit (<= 256) ids of open stories holding term, most recently updated first. */
herald_status store_story_postings(store *st, uint64_t term, int limit, int64_t *ids, size_t *n);
/* Closes the open stories last updated before `before` whose latest article also reached
 * us before before_seen (their centroids are dropped). */
herald_status store_story_close_quiet(store *st, int64_t before, int64_t before_seen);
/* Merges story from into story into: its articles move, it is closed with merged_into
 * (stories merged into it before follow), its related rows move. */
herald_status store_story_merge(store *st, int64_t from, int64_t into);
/* Records (or raises the score of) a related story of id. */
herald_status store_story_related_add(store *st, int64_t id, int64_t other, double score);
/* Counts one document with these terms (N++, df++). */
herald_status store_term_df_add(store *st, const uint64_t *terms, size_t n);
/* Sets the counts outright (a rebuild that counted in memory): df of terms[i] = df[i]
 * and N = ndocs. */
herald_status store_term_df_put(store *st, const uint64_t *terms, const int64_t *df, size_t n,
                                int64_t ndocs);
/* df[i] of terms[i] (0 when unseen) and N. */
herald_status store_term_df_get(store *st, const uint64_t *terms, size_t n, int64_t *df,
                                int64_t *ndocs);
/* Sets an article's fingerprint (text form) and replaces its LSH band keys. */
herald_status store_article_fingerprint_put(store *st, const char *id, const char *fp,
                                            const uint64_t *bands, size_t n);
/* Up to limit (<= 64) articles other than exclude sharing a band key with bands. */
herald_status store_article_band_matches(store *st, const uint64_t *bands, size_t n,
                                         const char *exclude, int limit,
                                         char (*ids)[STORE_ID_LEN + 1], size_t *n_out);
/* Sets (NULL clears) the canonical article of id.  Copies of id itself follow along
 * when canonical is set (a group has one canonical). */
herald_status store_article_set_copy_of(store *st, const char *id, const char *canonical);
/* Forgets every story, df, fingerprint, band and copy link (before a rebuild). */
herald_status store_stories_reset(store *st);
/* Article ids in time order (sort_time, id) after (after_time, after_id) ("" = from the
 * start), up to limit (<= 1000). */
herald_status store_article_ids_chrono(store *st, int64_t after_time, const char *after_id,
                                       int limit, char (*ids)[STORE_ID_LEN + 1], int64_t *times,
                                       size_t *n);
/* The articles of story id (cards, copies included, oldest first), at most limit (<= 200). */
herald_status store_story_articles(store *st, int64_t id, int limit,
                                   struct store_article_list *out);
/* Top stories: those updated since now - 3 days, ranked by
 *   rank = sources_weight * (distinct sources) + velocity (articles in the last 6 h)
 *          scaled by recency 2^(-(now - last_update) / 12 h)
 * (see docs/stories.md), at most limit (<= STORE_STORY_LIST_MAX).  "now" is the newest
 * story update when that is earlier (an archive without fresh news keeps a front page). */
herald_status store_story_top(store *st, int64_t now, int limit, struct store_story_list *out);
/* The related stories of id, best first (at most limit). */
herald_status store_story_related_list(store *st, int64_t id, int limit,
                                       struct store_story_list *out);

/* ---------------------------------------------------------------------------------------
 * Analysis results (summary, key points, keywords, entities, language, reading time)
 *
 * What src/ai computed for an article, written by the enrichment workers and read by the
 * web.  One row per article (replaced whole by each store_analysis_put); its entities are
 * rows of a shared entity table (slug, name, type) linked with a mention count, so an
 * entity page lists every article that mentions it.
 */

#define STORE_ANALYSIS_ITEMS_MAX 64 /* sentences, key points, keywords kept per article */
#define STORE_ANALYSIS_ENTITIES_MAX 200
#define STORE_ENTITY_SLUG_MAX 64 /* bytes, [a-z0-9-]: one URL path segment */
#define STORE_ENTITY_TYPE_MAX 16 /* bytes, [a-z] ("person", "org", "place", ...) */

struct store_entity {
    char *slug; /* [a-z0-9-], 1..STORE_ENTITY_SLUG_MAX bytes (text/tokenize.h: text_slugify) */
    char *name; /* display form: "Jan Lipavský" */
    char *type; /* [a-z]+: "person", "org", "place" or another class src/ai uses */
    int count;  /* mentions in the article (article reads); articles mentioning it (entity
                   reads) */
};

struct store_analysis {
    char *language;      /* detected language tag ("en"), NULL when unknown */
    int reading_minutes; /* estimated reading time, >= 0 */
    int lang_neutral;    /* 1: the text is not English; only language-neutral features ran */
    char **summary;      /* extractive summary: sentences in reading order */
    size_t n_summary;
    char **key_points; /* bullet sentences */
    size_t n_key_points;
    char **keywords; /* topic keywords and phrases, best first */
    size_t n_keywords;
    struct store_entity *entities; /* best first */
    size_t n_entities;
    int version;         /* the analyser's version (src/ai), to recompute after upgrades */
    int64_t computed_at; /* set by the store on put */
};

void store_analysis_init(struct store_analysis *a);
void store_analysis_release(struct store_analysis *a);
void store_entity_release(struct store_entity *e);

/*
 * Replaces the analysis of article_id with *a (entities are created as needed, by slug;
 * an existing entity keeps its name and type).  Items are copied; newlines inside an
 * item become spaces; lists beyond their caps are cut.  An entity whose slug or type is
 * malformed is skipped.  When the article has no language yet and a->language is set, the
 * article's language becomes a->language (lists and search filter on it).
 * HERALD_E_NOTFOUND (unknown article), HERALD_E_INVALID (bad id), HERALD_E_DENIED.
 */
herald_status store_analysis_put(store *st, const char *article_id, const struct store_analysis *a);

/* Reads an article's analysis.  HERALD_E_NOTFOUND when it has none (yet). */
herald_status store_analysis_get(store *st, const char *article_id, struct store_analysis *out);

/* The number of stored articles whose title or text contains word (one word, matched
 * like a search term, stemmed), counted up to cap (> 0); for keyword weights (tf-idf).
 * Counts are cached per handle.  HERALD_E_INVALID for an empty or over-long word. */
herald_status store_word_df(store *st, const char *word, int64_t cap, int64_t *df);

/* Reads an entity by slug, count = the number of articles mentioning it.
 * HERALD_E_NOTFOUND; HERALD_E_INVALID for a malformed slug. */
herald_status store_entity_get(store *st, const char *slug, struct store_entity *out);

/* The stories (not merged away) of the articles that mention entity slug, newest update
 * first, at most limit (<= STORE_STORY_LIST_MAX).  An unknown entity has none;
 * HERALD_E_INVALID for a malformed slug. */
herald_status store_entity_stories(store *st, const char *slug, int limit,
                                   struct store_story_list *out);

/* ---------------------------------------------------------------------------------------
 * Topics: the publishers' categories as sections
 *
 * An article's categories (the JSON array in store_article.categories) are indexed in a
 * normalised table: one topic per slug (store_topic_slug), named by the first spelling
 * stored, linked to each article filed under it, with a count of its articles kept
 * beside it.  The store keeps that index itself, on every write of an article's
 * categories (insert, and an update that changes them), whoever writes; the migration
 * that created it filled it from the stored rows.  At most STORE_TOPICS_PER_ARTICLE
 * categories of an article are indexed.  store_article_query.topic lists a topic's
 * articles (newest first, keyset pages, like every list).
 */
#define STORE_TOPIC_SLUG_MAX 64 /* bytes, [a-z0-9-]: one URL path segment */
#define STORE_TOPICS_PER_ARTICLE 16
#define STORE_TOPIC_LIST_MAX 1000

struct store_topic {
    int64_t id;
    char *slug;    /* [a-z0-9-] */
    char *name;    /* the category as first stored: "World news" */
    int64_t count; /* articles filed under it (copies included) */
};
void store_topic_release(struct store_topic *t);
struct store_topic_list {
    struct store_topic *items;
    size_t count;
};
void store_topic_list_release(struct store_topic_list *l);

/* The slug a category is indexed under: text_slugify (text/tokenize.h) cut to
 * STORE_TOPIC_SLUG_MAX bytes, or NULL when that is empty or holds anything but [a-z0-9-]
 * (a category in a script without a Latin decomposition is not indexed).  Returns a
 * malloc'd string the caller frees.  The web links categories with this very function. */
char *store_topic_slug(const char *category);

/* Reads the topic slug with its count.  HERALD_E_NOTFOUND (also for a topic no article
 * is filed under any more), HERALD_E_INVALID for a malformed slug. */
herald_status store_topic_get(store *st, const char *slug, struct store_topic *out);

/* The topics with at least min_count articles, most used first (then by slug), at most
 * limit (<= 0 or larger: STORE_TOPIC_LIST_MAX).  An index read, not a count of articles. */
herald_status store_topic_list(store *st, int64_t min_count, int limit,
                               struct store_topic_list *out);

/* ---------------------------------------------------------------------------------------
 * LLM cache
 *
 * Answers of the optional language model, keyed by (article, task, key): task is
 * "summary", "answer" or "translate"; key is the question or the target language ("" for
 * none).  Written by whoever called the model; read before calling it again.
 */
#define STORE_LLM_KEY_MAX 512
herald_status store_llm_cache_put(store *st, const char *article_id, const char *task,
                                  const char *key, const char *model, const char *output);
/* *out is a malloc'd copy of the cached output.  HERALD_E_NOTFOUND when not cached. */
herald_status store_llm_cache_get(store *st, const char *article_id, const char *task,
                                  const char *key, char **out);

/* ---------------------------------------------------------------------------------------
 * Job queue
 *
 * Slow work on an article (enrichment, a retried extraction, a language-model call) is
 * not done where the article is written: the writer enqueues a job, and enrichment
 * workers (src/enrich) claim jobs with a lease, run them and complete or fail them.
 *
 *   enqueue   one row per (kind, article): enqueueing again a job that waits makes it due
 *             at the earlier time and resets its attempts; one that is running (leased) is
 *             marked to run once more after it completes.
 *   claim     atomically takes the due job with the oldest next_at whose lease is free or
 *             expired (a worker that died loses its jobs when their lease runs out), sets
 *             the lease (owner, expiry) and counts an attempt.  A job of a serial kind is
 *             not claimed while another job of that kind holds a live lease.
 *   complete  deletes the job (or re-arms it when it was enqueued again meanwhile).
 *   fail      releases the lease and sets next_at = now + backoff (STORE_JOB_BACKOFF_BASE
 *             seconds doubled per attempt, at most STORE_JOB_BACKOFF_MAX); after
 *             max_attempts the job is dead: kept with its last error, never claimed.
 * Complete and fail answer HERALD_E_NOTFOUND when the caller no longer holds the lease
 * (it expired and another worker took the job): the other worker's result wins.
 * Queue operations do not move store_data_version() (they change nothing a reader sees).
 */
#define STORE_JOB_ENRICH "enrich"               /* analyse the article (src/ai) */
#define STORE_JOB_EXTRACT_RETRY "extract-retry" /* fetch and extract the page again */
#define STORE_JOB_LLM "llm"                     /* language-model summary (optional) */
#define STORE_JOB_STORY "story"                 /* copies, story, related (src/stories); serial */
#define STORE_JOB_RELATED "related" /* the stored related lists a placement changed; serial */
#define STORE_JOB_KIND_MAX 31       /* bytes; [a-z0-9-] */
#define STORE_JOB_OWNER_MAX 63
#define STORE_JOB_BACKOFF_BASE 30
#define STORE_JOB_BACKOFF_MAX 21600
#define STORE_JOB_ATTEMPTS_DEFAULT 5

/* enqueue flags */
#define STORE_JOB_SERIAL 0x1u /* at most one job of this kind runs at a time */

struct store_job {
    int64_t id;
    char kind[STORE_JOB_KIND_MAX + 1];
    char article_id[STORE_ID_LEN + 1]; /* "" for a job about no article */
    int attempts;                      /* including the one in progress */
    int64_t next_at;                   /* TIME_NONE: dead */
    char *last_error;                  /* of the last failure, or NULL */
};
void store_job_init(struct store_job *j);
void store_job_release(struct store_job *j);

/* Enqueues (kind, article_id) due at not_before (TIME_NONE = now); article_id may be
 * NULL/"" for a job about no article.  HERALD_E_INVALID: bad kind or id. */
herald_status store_job_enqueue(store *st, const char *kind, const char *article_id,
                                int64_t not_before, unsigned flags);

/* Enqueues a job of kind for every stored article, due now; *count (may be NULL) gets how
 * many articles that was.  For `herald enrich --all`. */
herald_status store_job_enqueue_all(store *st, const char *kind, int64_t *count);

/* Claims the next due job (see above) for owner, leased for lease_s seconds (> 0), at
 * time now.  Jobs that reached max_attempts (<= 0: STORE_JOB_ATTEMPTS_DEFAULT) with an
 * expired lease become dead here.  HERALD_E_NOTFOUND when nothing is due. */
herald_status store_job_claim(store *st, const char *owner, int64_t now, int lease_s,
                              int max_attempts, struct store_job *out);

/* Completes job id held by owner. */
herald_status store_job_complete(store *st, int64_t id, const char *owner);

/* Fails job id held by owner at time now with message error (may be NULL): retried after
 * the backoff, or dead after max_attempts (<= 0: STORE_JOB_ATTEMPTS_DEFAULT). */
herald_status store_job_fail(store *st, int64_t id, const char *owner, int64_t now,
                             const char *error, int max_attempts);

/* The backoff after the n-th failed attempt (n >= 1), in seconds. */
int64_t store_job_backoff(int attempts);

struct store_job_counts {
    int64_t due;     /* waiting, due at now */
    int64_t waiting; /* waiting, due later (backing off) */
    int64_t running; /* leased, lease not expired */
    int64_t dead;
};
herald_status store_job_counts(store *st, int64_t now, struct store_job_counts *out);

/* Reads job (kind, article_id) as it is (tests, diagnostics).  HERALD_E_NOTFOUND. */
herald_status store_job_get(store *st, const char *kind, const char *article_id,
                            struct store_job *out);

/* ---------------------------------------------------------------------------------------
 * Health and caching
 */

struct store_stats {
    int64_t articles;
    int64_t sources;
    int64_t feeds;
    int64_t feeds_failing;  /* consecutive_errors > 0 */
    int64_t last_ingest;    /* newest first_seen, TIME_NONE when empty */
    int64_t last_poll;      /* newest feed last_poll, TIME_NONE when never */
    int64_t newest_article; /* newest sort_time, TIME_NONE when empty */
    int schema_version;
};
herald_status store_stats_get(store *st, struct store_stats *out);

/*
 * A number that changes whenever a committed write changed anything (articles, sources,
 * feeds, poll state), from any handle or process.  Cheap (one indexed row): the web uses
 * it for ETags and to invalidate caches.  Values only ever grow.
 */
herald_status store_data_version(store *st, int64_t *out);

/* ---------------------------------------------------------------------------------------
 * Sitemaps: every article, a bounded slice at a time
 *
 * Articles have a storage position (seq) that only grows: a new article gets a higher one,
 * a deleted one leaves a gap.  A sitemap page is a fixed range of positions, so the page an
 * article is on never moves, the index is computed from the highest position alone, and a
 * page reads one range of the table's b-tree (no OFFSET, no full scan) at any size.
 */

/* The highest article position, 0 when there is none. */
herald_status store_article_seq_max(store *st, int64_t *out);

/* Called with each article of a range: its id and last_changed (TIME_NONE never). */
typedef void (*store_article_range_fn)(void *ud, const char *id, int64_t last_changed);

/* Calls fn for every article with from <= position < to, in position order (at most
 * STORE_SEQ_RANGE_MAX positions per call; fn must not use st).  HERALD_E_INVALID for a
 * bad range. */
#define STORE_SEQ_RANGE_MAX 50000
herald_status store_article_seq_range(store *st, int64_t from, int64_t to,
                                      store_article_range_fn fn, void *ud);

/* The other pages of the sitemaps, by the same rule: stories, entities and topics have
 * ids that only grow, and a sitemap page is a fixed range of ids.  A range lists the
 * stories not merged away (lastmod: the last update), the entities some article mentions
 * and the topics with at least 2 articles (lastmod TIME_NONE; key: the slug, NULL for a
 * story). */
enum store_sitemap_kind {
    STORE_SITEMAP_STORIES = 0,
    STORE_SITEMAP_ENTITIES,
    STORE_SITEMAP_TOPICS,
};
typedef void (*store_sitemap_fn)(void *ud, int64_t id, const char *key, int64_t lastmod);
/* The highest id of kind, 0 when there is none. */
herald_status store_sitemap_max(store *st, enum store_sitemap_kind kind, int64_t *out);
/* Calls fn for every listed row of kind with from <= id < to, in id order (at most
 * STORE_SEQ_RANGE_MAX ids per call; fn must not use st).  HERALD_E_INVALID for a bad range
 * or kind. */
herald_status store_sitemap_range(store *st, enum store_sitemap_kind kind, int64_t from, int64_t to,
                                  store_sitemap_fn fn, void *ud);

#endif

/*
 * store_sqlite.c - the SQLite backend of the store (struct store_ops, store_backend.h).
 *
 * Connection: one sqlite3 per handle, opened NOMUTEX (a handle belongs to one thread),
 * WAL journal, synchronous=NORMAL (durable at checkpoints, never corrupt), foreign keys
 * on, a busy timeout so the writer and readers wait for each other instead of failing.
 *
 * Statements: prepared once per handle and kept (SQLITE_PREPARE_PERSISTENT) in a small
 * cache keyed by the SQL text; the few queries assembled from optional filters are
 * cached the same way, one entry per combination of filters.  Every use ends with
 * sqlite3_reset(), so no statement keeps a read transaction open between calls.
 *
 * Schema: `migrations` below, applied in order inside one transaction; PRAGMA
 * user_version holds how many have been applied.  Never edit a released migration: add
 * one.  v1 is the relational core, v2 adds the FTS5 index (external content over
 * articles, kept in sync by triggers, rebuilt from existing rows when it is created) and
 * the fts5vocab view of it used to weigh terms for related articles.
 *
 * Articles have an integer rowid (seq) for FTS5 and the public 32-hex id as a UNIQUE
 * key.  url_key / canonical_key hold url_normalize() of the URLs; the dedupe lookups go
 * through their indexes.  article_feeds records every (article, feed, guid) link.
 *
 * meta.generation counts committed transactions that changed something: the cheap
 * data version the web builds ETags from.
 *
 * Related articles: the article's title and text are run through the very tokenizer the
 * index uses (obtained from the fts5_api), so the terms are exactly the indexed ones; each
 * term's document frequency comes from the fts5vocab table, and the best tf*idf terms
 * (title terms weighted up) become an OR query ranked by bm25.
 */
#include "store/store.h"
#include "store/store_backend.h"
#include "store/store_sqlite.h"

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/banned.h"

#define MOD "store"
#define STMT_CACHE_MAX 192

/* ---- schema ---------------------------------------------------------------------- */

/* The topic index (store.h, "Topics"; migration topics12).  TOPICS_FILL_NEW: the
 * statements of a trigger on articles that files the row new under the topics of its
 * categories, the first STORE_TOPICS_PER_ARTICLE of them (json_each keys an array by index;
 * anything but an array of strings files nothing), with its sort time: a topic's rows are
 * then already in list order.  herald_topic_slug() is store_topic_slug, registered on every
 * connection (topic_slug_register). */
#define TOPICS_FILL_NEW                                                                            \
    "INSERT OR IGNORE INTO topics (slug, name) SELECT herald_topic_slug(value),"                   \
    " substr(trim(value), 1, 200) FROM json_each(CASE WHEN json_valid(new.categories)"             \
    " THEN new.categories ELSE '[]' END) WHERE type = 'text' AND key < 16"                         \
    " AND herald_topic_slug(value) IS NOT NULL;"                                                   \
    " INSERT OR IGNORE INTO article_topics (topic_id, sort_time, article_id)"                      \
    " SELECT t.id, new.sort_time, new.id FROM json_each(CASE WHEN json_valid(new.categories)"      \
    " THEN new.categories ELSE '[]' END) c JOIN topics t ON t.slug = herald_topic_slug(c.value)"   \
    " WHERE c.type = 'text' AND c.key < 16;"
/* topics (a count n kept by the link triggers) and their links to articles */
#define TOPICS_TABLES                                                                              \
    "CREATE TABLE topics ("                                                                        \
    "  id INTEGER PRIMARY KEY,"                                                                    \
    "  slug TEXT NOT NULL UNIQUE,"                                                                 \
    "  name TEXT NOT NULL,"                                                                        \
    "  n INTEGER NOT NULL DEFAULT 0);"                                                             \
    "CREATE INDEX topics_n ON topics (n);"                                                         \
    "CREATE TABLE article_topics ("                                                                \
    "  topic_id INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,"                        \
    "  sort_time INTEGER NOT NULL,"                                                                \
    "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"                       \
    "  PRIMARY KEY (topic_id, sort_time, article_id)) WITHOUT ROWID;"                              \
    "CREATE INDEX article_topics_article ON article_topics (article_id);"                          \
    "CREATE TRIGGER article_topics_ai AFTER INSERT ON article_topics BEGIN"                        \
    "  UPDATE topics SET n = n + 1 WHERE id = new.topic_id; END;"                                  \
    "CREATE TRIGGER article_topics_ad AFTER DELETE ON article_topics BEGIN"                        \
    "  UPDATE topics SET n = n - 1 WHERE id = old.topic_id; END;"
/* every write of an article's categories refiles it; a new sort time moves its rows */
#define TOPICS_TRIGGERS                                                                            \
    "CREATE TRIGGER articles_topics_ai AFTER INSERT ON articles"                                   \
    "  WHEN new.categories IS NOT NULL BEGIN " TOPICS_FILL_NEW " END;"                             \
    "CREATE TRIGGER articles_topics_au AFTER UPDATE OF categories ON articles"                     \
    "  WHEN new.categories IS NOT old.categories BEGIN"                                            \
    "  DELETE FROM article_topics WHERE article_id = new.id; " TOPICS_FILL_NEW " END;"             \
    "CREATE TRIGGER articles_topics_at AFTER UPDATE OF sort_time ON articles"                      \
    "  WHEN new.sort_time IS NOT old.sort_time BEGIN"                                              \
    "  UPDATE article_topics SET sort_time = new.sort_time WHERE article_id = new.id; END;"
/* the stored rows, in storage order (a topic is named by its first spelling) */
#define TOPICS_BACKFILL                                                                            \
    "INSERT OR IGNORE INTO topics (slug, name)"                                                    \
    " SELECT herald_topic_slug(c.value), substr(trim(c.value), 1, 200) FROM articles a,"           \
    " json_each(CASE WHEN json_valid(a.categories) THEN a.categories ELSE '[]' END) c"             \
    " WHERE a.categories IS NOT NULL AND c.type = 'text' AND c.key < 16"                           \
    " AND herald_topic_slug(c.value) IS NOT NULL ORDER BY a.seq, c.key;"                           \
    "INSERT OR IGNORE INTO article_topics (topic_id, sort_time, article_id)"                       \
    " SELECT t.id, a.sort_time, a.id FROM articles a,"                                             \
    " json_each(CASE WHEN json_valid(a.categories) THEN a.categories ELSE '[]' END) c"             \
    " JOIN topics t ON t.slug = herald_topic_slug(c.value)"                                        \
    " WHERE a.categories IS NOT NULL AND c.type = 'text' AND c.key < 16;"
_Static_assert(STORE_TOPICS_PER_ARTICLE == 16, "the topic SQL says 16");

static const char *const migrations[] = {
    /* v1: the relational core. */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
    "INSERT INTO meta (key, value) VALUES ('generation', 0);"
    "CREATE TABLE sources ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL,"
    "  homepage TEXT,"
    "  homepage_key TEXT,"
    "  icon_url TEXT,"
    "  language TEXT,"
    "  copyright TEXT,"
    "  created INTEGER NOT NULL);"
    "CREATE INDEX sources_name_key ON sources (name_key);"
    "CREATE INDEX sources_homepage_key ON sources (homepage_key);"
    "CREATE TABLE feeds ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL,"
    "  url_key TEXT NOT NULL UNIQUE,"
    "  title TEXT,"
    "  source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,"
    "  etag TEXT,"
    "  last_modified TEXT,"
    "  next_poll INTEGER,"
    "  last_poll INTEGER,"
    "  last_success INTEGER,"
    "  last_new_article INTEGER,"
    "  consecutive_errors INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  last_status INTEGER NOT NULL DEFAULT 0,"
    "  poll_interval INTEGER NOT NULL DEFAULT 0,"
    "  fetch_mode TEXT NOT NULL DEFAULT 'auto' CHECK (fetch_mode IN ('auto', 'always', "
    "'never')),"
    "  created INTEGER NOT NULL);"
    "CREATE INDEX feeds_next_poll ON feeds (next_poll);"
    "CREATE INDEX feeds_source ON feeds (source_id);"
    "CREATE TABLE articles ("
    "  seq INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE CHECK (length(id) = 32),"
    "  url TEXT NOT NULL,"
    "  url_key TEXT NOT NULL,"
    "  canonical_url TEXT,"
    "  canonical_key TEXT,"
    "  guid TEXT,"
    "  feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL,"
    "  source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,"
    "  title TEXT,"
    "  authors TEXT,"
    "  published INTEGER,"
    "  updated INTEGER,"
    "  first_seen INTEGER NOT NULL,"
    "  sort_time INTEGER NOT NULL,"
    "  last_changed INTEGER NOT NULL,"
    "  language TEXT,"
    "  image_url TEXT,"
    "  image_caption TEXT,"
    "  image_credit TEXT,"
    "  categories TEXT,"
    "  summary TEXT,"
    "  content_html TEXT,"
    "  text TEXT,"
    "  word_count INTEGER NOT NULL DEFAULT 0,"
    "  fingerprint TEXT,"
    "  story_id INTEGER);"
    "CREATE INDEX articles_url_key ON articles (url_key);"
    "CREATE INDEX articles_canonical_key ON articles (canonical_key);"
    "CREATE INDEX articles_sort ON articles (sort_time DESC, id DESC);"
    "CREATE INDEX articles_source_sort ON articles (source_id, sort_time DESC, id DESC);"
    "CREATE INDEX articles_language_sort ON articles (language, sort_time DESC, id DESC);"
    "CREATE INDEX articles_first_seen ON articles (first_seen);"
    "CREATE INDEX articles_fingerprint ON articles (fingerprint);"
    "CREATE INDEX articles_story ON articles (story_id);"
    "CREATE INDEX articles_feed ON articles (feed_id);"
    "CREATE TABLE article_feeds ("
    "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,"
    "  guid TEXT,"
    "  first_seen INTEGER NOT NULL,"
    "  PRIMARY KEY (article_id, feed_id)) WITHOUT ROWID;"
    "CREATE INDEX article_feeds_guid ON article_feeds (guid);"
    "CREATE INDEX article_feeds_feed ON article_feeds (feed_id);",

    /* v2: full-text search over title and text. */
    "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles',"
    "  content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2');"
    "CREATE VIRTUAL TABLE articles_vocab USING fts5vocab (articles_fts, 'row');"
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);"
    "END;"
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.seq, old.title, old.text);"
    "END;"
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.seq, old.title, old.text);"
    "  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);"
    "END;"
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
    "CREATE INDEX articles_title_key ON articles (lower(trim(coalesce(title, ''))));",
    /* readers: accounts, sessions, API tokens, comments, reports, audit log, reading state */
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL UNIQUE,"
    "  email TEXT,"
    "  pw_hash TEXT NOT NULL,"
    "  role INTEGER NOT NULL DEFAULT 0,"
    "  banned INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL);"
    "CREATE TABLE sessions ("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
    "  csrf TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  expires INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX sessions_user ON sessions (user_id);"
    "CREATE TABLE api_tokens ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
    "  token_hash TEXT NOT NULL UNIQUE,"
    "  label TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  last_used INTEGER);"
    "CREATE INDEX api_tokens_user ON api_tokens (user_id);"
    "CREATE TABLE comments ("
    "  id INTEGER PRIMARY KEY,"
    "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,"
    "  parent_id INTEGER REFERENCES comments (id),"
    "  depth INTEGER NOT NULL,"
    "  body TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  edited INTEGER,"
    "  state INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX comments_article ON comments (article_id, id);"
    "CREATE INDEX comments_user ON comments (user_id, created);"
    "CREATE TABLE comment_reports ("
    "  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,"
    "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
    "  reason TEXT,"
    "  created INTEGER NOT NULL,"
    "  resolved INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (comment_id, user_id)) WITHOUT ROWID;"
    "CREATE TABLE audit_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  actor_id INTEGER,"
    "  actor_name TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  target TEXT NOT NULL,"
    "  detail TEXT);"
    "CREATE TABLE reading ("
    "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
    "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  saved INTEGER,"
    "  read INTEGER,"
    "  PRIMARY KEY (user_id, article_id)) WITHOUT ROWID;"
    "CREATE INDEX reading_saved ON reading (user_id, saved) WHERE saved IS NOT NULL;",

    /* stories: story clusters, copy links, fingerprint bands, term frequencies. */
    "ALTER TABLE articles ADD COLUMN copy_of TEXT;"
    "CREATE INDEX articles_copy_of ON articles (copy_of);"
    "CREATE TABLE stories ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT,"
    "  title_article TEXT,"
    "  title_score REAL NOT NULL DEFAULT 0,"
    "  first_update INTEGER NOT NULL,"
    "  last_update INTEGER NOT NULL,"
    "  last_seen INTEGER NOT NULL DEFAULT 0,"
    "  size INTEGER NOT NULL DEFAULT 0,"
    "  open INTEGER NOT NULL DEFAULT 1,"
    "  merged_into INTEGER,"
    "  norm2 REAL NOT NULL DEFAULT 0);"
    "CREATE INDEX stories_open_last ON stories (open, last_update);"
    "CREATE INDEX stories_last ON stories (last_update);"
    "CREATE TABLE story_terms ("
    "  story_id INTEGER NOT NULL,"
    "  term INTEGER NOT NULL,"
    "  weight REAL NOT NULL,"
    "  PRIMARY KEY (story_id, term)) WITHOUT ROWID;"
    "CREATE INDEX story_terms_term ON story_terms (term);"
    "CREATE TABLE story_related ("
    "  story_id INTEGER NOT NULL,"
    "  other_id INTEGER NOT NULL,"
    "  score REAL NOT NULL,"
    "  PRIMARY KEY (story_id, other_id)) WITHOUT ROWID;"
    "CREATE TABLE term_df (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);"
    "INSERT INTO meta (key, value) VALUES ('story_docs', 0);"
    "CREATE TABLE article_bands ("
    "  band INTEGER NOT NULL,"
    "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (band, article_id)) WITHOUT ROWID;"
    "CREATE INDEX article_bands_article ON article_bands (article_id);",

    /* enrich: the job queue, analysis results, entities, the language-model cache. */
    "CREATE TABLE jobs ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  article_id TEXT NOT NULL DEFAULT '',"
    "  serial INTEGER NOT NULL DEFAULT 0,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_at INTEGER," /* NULL = dead */
    "  lease_owner TEXT,"
    "  lease_until INTEGER,"
    "  rerun INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  created INTEGER NOT NULL,"
    "  UNIQUE (kind, article_id));"
    "CREATE INDEX jobs_due ON jobs (next_at);"
    "CREATE TABLE article_ai ("
    "  article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  language TEXT,"
    "  reading_minutes INTEGER NOT NULL DEFAULT 0,"
    "  lang_neutral INTEGER NOT NULL DEFAULT 0,"
    "  summary TEXT,"
    "  key_points TEXT,"
    "  keywords TEXT,"
    "  version INTEGER NOT NULL DEFAULT 0,"
    "  computed_at INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE entities ("
    "  id INTEGER PRIMARY KEY,"
    "  slug TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  type TEXT NOT NULL);"
    "CREATE TABLE article_entities ("
    "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,"
    "  count INTEGER NOT NULL,"
    "  rank INTEGER NOT NULL,"
    "  PRIMARY KEY (article_id, entity_id)) WITHOUT ROWID;"
    "CREATE INDEX article_entities_entity ON article_entities (entity_id);"
    "CREATE TABLE llm_cache ("
    "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  task TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  model TEXT,"
    "  output TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  PRIMARY KEY (article_id, task, key)) WITHOUT ROWID;",

    /* related9: stored related lists; the card columns after the text, indexed */
    "CREATE TABLE article_related ("
    "  article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  list TEXT NOT NULL,"
    "  computed INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX articles_card ON articles (id, story_id, copy_of, word_count);",

    /* search9: the FTS index again, with prefix indexes of 3 and 4 characters, so that a
     * prefix term reads one doclist instead of merging every word it begins (see
     * sq_search); the text stays in articles (external content). */
    "DROP TABLE articles_vocab;"
    "DROP TABLE articles_fts;"
    "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles',"
    "  content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2',"
    "  prefix = '3 4');"
    "CREATE VIRTUAL TABLE articles_vocab USING fts5vocab (articles_fts, 'row');"
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');",

    /* topics12: the categories as topics (store.h, "Topics"): the tables, the triggers that
     * keep them, and the stored rows filed. */
    TOPICS_TABLES TOPICS_TRIGGERS TOPICS_BACKFILL,
};

#define MIGRATION_COUNT ((int)(sizeof(migrations) / sizeof(migrations[0])))
_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* ---- connection state ------------------------------------------------------------ */

struct stmt_entry {
    const char *sql_static; /* the literal, when the SQL is a constant */
    char *sql_owned;        /* a copy, for assembled SQL */
    sqlite3_stmt *stmt;
};

#define SEARCH_VISITS 8    /* articles a window may visit, per match it holds */
#define DF_CACHE_SIZE 8192 /* slots, a power of two; cleared when 3/4 full */
#define DF_CACHE_MIN 100   /* smaller document frequencies are read every time */

struct df_entry {
    char *term; /* NULL = empty slot */
    int64_t df;
    int capped; /* df is a lower bound: the count stopped there */
};

struct sq {
    sqlite3 *db;
    int version;
    int readonly;
    struct stmt_entry cache[STMT_CACHE_MAX];
    size_t ncache;
    int tx_changes;  /* sqlite3_total_changes() when the transaction began */
    int op_changes;  /* likewise for an op outside a transaction */
    int bind_error;  /* the first failed bind since prep() (see bind_rc) */
    int bind_failed; /* the code step() last refused with, for db_fail's message */
    /* the index's tokenizer, for related articles */
    fts5_tokenizer tok_api;
    Fts5Tokenizer *tok;
    int tok_failed;
    /* document frequencies already looked up (counted up to a cap, see term_df) */
    struct df_entry *df_cache;
    size_t df_used;
    /* search windows and the work cap (see sq_search()) */
    int search_window;
    int64_t visit_cap_window, visit_cap, visits, visit_stop;
    int64_t optimized; /* when PRAGMA optimize last ran (writable handles) */
};

static struct sq *SQ(store *st)
{
    return st->be;
}

/* Records an SQLite failure: the SQLite message and code go to the log; the user's
 * message names what failed and SQLite's generic text for the code ("database or disk is
 * full", "attempt to write a readonly database"), never SQL. */
static herald_status db_fail(store *st, const char *what)
{
    struct sq *q = SQ(st);
    const char *msg = q && q->db ? sqlite3_errmsg(q->db) : "no connection";
    int code = q && q->db ? sqlite3_extended_errcode(q->db) : 0;
    if (q && q->bind_failed) { /* step() refused to run: the bind's code, not the handle's */
        code = q->bind_failed;
        msg = sqlite3_errstr(code);
        q->bind_failed = SQLITE_OK;
    }
    log_error(MOD, "%s: %s (sqlite %d)", what, msg, code);
    snprintf(st->errmsg, sizeof(st->errmsg), "database error while %s: %s", what,
             q && q->db ? sqlite3_errstr(code) : msg);
    return HERALD_E_DB;
}

static herald_status exec(store *st, const char *sql, const char *what)
{
    char *err = NULL;
    int rc = sqlite3_exec(SQ(st)->db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        log_error(MOD, "%s: %s (sqlite %d)", what, err ? err : "?", rc);
        snprintf(st->errmsg, sizeof(st->errmsg), "database error while %s: %s", what,
                 sqlite3_errstr(rc));
        sqlite3_free(err);
        return HERALD_E_DB;
    }
    return HERALD_OK;
}

/*
 * Undoes the open transaction ("ROLLBACK") or savepoint ("ROLLBACK TO op").  It leaves
 * st->errmsg alone, so the message of the failure that led here survives for the caller.
 * A failed COMMIT may have rolled back already (SQLite does on SQLITE_FULL, IOERR and
 * NOMEM), so a ROLLBACK that finds no transaction open is fine; one that leaves a
 * transaction open is logged and returned, since the handle's next write would join it.
 */
static herald_status rollback(store *st, const char *sql)
{
    sqlite3 *db = SQ(st)->db;
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK || (strcmp(sql, "ROLLBACK") == 0 && sqlite3_get_autocommit(db)))
        return HERALD_OK;
    log_error(MOD, "%s failed: %s (sqlite %d)", sql, sqlite3_errmsg(db), rc);
    return HERALD_E_DB;
}

/*
 * Every sqlite3_bind_* goes through bind_rc(): a failed bind (SQLITE_TOOBIG for a value
 * over SQLite's length limit, SQLITE_RANGE or SQLITE_MISUSE for our own bug) leaves that
 * parameter NULL, so running the statement anyway would store or match the wrong thing.
 * The first failure is remembered on the connection and step() refuses to run the
 * statement; prep() forgets it when the next statement is taken.
 */
static void bind_rc(store *st, int rc)
{
    struct sq *q = SQ(st);
    if (rc != SQLITE_OK && q->bind_error == SQLITE_OK) {
        q->bind_error = rc;
        log_error(MOD, "binding a parameter failed: %s (sqlite %d)", sqlite3_errstr(rc), rc);
    }
}

/* sqlite3_step, unless a bind of this statement failed: then that code (an error). */
static int step(store *st, sqlite3_stmt *s)
{
    struct sq *q = SQ(st);
    int rc = q->bind_error;
    if (rc != SQLITE_OK) {
        q->bind_error = SQLITE_OK;
        q->bind_failed = rc;
        sqlite3_reset(s);
        return rc;
    }
    q->bind_failed = SQLITE_OK;
    return sqlite3_step(s);
}

/* Returns the cached prepared statement for sql (reset, bindings cleared), or NULL after
 * logging.  static_sql says sql is a string constant whose address may be the key. */
static sqlite3_stmt *prep_impl(store *st, const char *sql, int static_sql)
{
    struct sq *q = SQ(st);
    struct stmt_entry *e;
    sqlite3_stmt *s = NULL;
    q->bind_error = SQLITE_OK;
    for (size_t i = 0; i < q->ncache; i++) {
        e = &q->cache[i];
        if ((static_sql && e->sql_static == sql) ||
            (!static_sql && e->sql_owned && strcmp(e->sql_owned, sql) == 0)) {
            sqlite3_reset(e->stmt);
            sqlite3_clear_bindings(e->stmt);
            return e->stmt;
        }
    }
    if (sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
        db_fail(st, "preparing a statement");
        log_debug(MOD, "statement: %s", sql);
        return NULL;
    }
    if (q->ncache == STMT_CACHE_MAX) {
        /* Full: drop the oldest assembled statement (constants are few and bounded). */
        size_t victim = 0;
        for (size_t i = 0; i < q->ncache; i++) {
            if (q->cache[i].sql_owned) {
                victim = i;
                break;
            }
        }
        sqlite3_finalize(q->cache[victim].stmt);
        free(q->cache[victim].sql_owned);
        memmove(&q->cache[victim], &q->cache[victim + 1],
                (q->ncache - victim - 1) * sizeof(q->cache[0]));
        q->ncache--;
    }
    e = &q->cache[q->ncache++];
    e->sql_static = static_sql ? sql : NULL;
    e->sql_owned = static_sql ? NULL : xstrdup(sql);
    e->stmt = s;
    return s;
}

#define prep(st, sql) prep_impl((st), (sql), 1)
#define prep_dyn(st, sql) prep_impl((st), (sql), 0)

/* Binding helpers, all checked (bind_rc): NULL/TIME_NONE/0 bind SQL NULL where the
 * column means "absent". */
static void bind_int64(store *st, sqlite3_stmt *s, int i, int64_t v)
{
    bind_rc(st, sqlite3_bind_int64(s, i, v));
}

static void bind_int(store *st, sqlite3_stmt *s, int i, int v)
{
    bind_rc(st, sqlite3_bind_int(s, i, v));
}

static void bind_text(store *st, sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        bind_rc(st, sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT));
    else
        bind_rc(st, sqlite3_bind_null(s, i));
}

static void bind_time(store *st, sqlite3_stmt *s, int i, int64_t t)
{
    if (t == TIME_NONE)
        bind_rc(st, sqlite3_bind_null(s, i));
    else
        bind_int64(st, s, i, t);
}

static void bind_id(store *st, sqlite3_stmt *s, int i, int64_t id)
{
    if (id > 0)
        bind_int64(st, s, i, id);
    else
        bind_rc(st, sqlite3_bind_null(s, i));
}

static int bind_named_text(store *st, sqlite3_stmt *s, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i > 0)
        bind_text(st, s, i, v);
    return i;
}

static int bind_named_int(store *st, sqlite3_stmt *s, const char *name, int64_t v)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i > 0)
        bind_int64(st, s, i, v);
    return i;
}

static char *col_str(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t)
        return NULL;
    return xstrndup((const char *)t, (size_t)sqlite3_column_bytes(s, i));
}

static int64_t col_time(sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return TIME_NONE;
    return sqlite3_column_int64(s, i);
}

static int eq_nullable(const char *a, const unsigned char *b)
{
    if (!a || !b)
        return !a && !b;
    return strcmp(a, (const char *)b) == 0;
}

/* ---- open, migrate, close -------------------------------------------------------- */

static int read_user_version(store *st, int *out)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if (sqlite3_prepare_v2(SQ(st)->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
        return -1;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : -1;
}

static herald_status migrate(store *st, const char *path, int target)
{
    herald_status rc;
    int cur = 0;
    char sql[64];
    rc = exec(st, "BEGIN IMMEDIATE", "starting the migration");
    if (rc)
        return rc;
    if (read_user_version(st, &cur)) {
        rc = db_fail(st, "reading the schema version");
        goto out;
    }
    for (int v = cur + 1; v <= target; v++) {
        log_info(MOD, "%s: migrating the schema to version %d", path, v);
        rc = exec(st, migrations[v - 1], "migrating the schema");
        if (rc)
            goto out;
    }
    if (cur < target) {
        snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", target);
        rc = exec(st, sql, "recording the schema version");
        if (rc)
            goto out;
    }
    rc = exec(st, "COMMIT", "committing the migration");
    if (rc)
        goto out;
    SQ(st)->version = cur < target ? target : cur;
    return HERALD_OK;
out:
    rollback(st, "ROLLBACK");
    return rc;
}

static herald_status search_register(store *st);
static int search_deferred(store *st);
static herald_status search_undefer(store *st);

/* herald_topic_slug(text): store_topic_slug in SQL (NULL when the category is not indexed),
 * for the topic triggers and their migration, so SQL and C derive slugs by one function.
 * Deterministic and innocuous: triggers may call it. */
static void sql_topic_slug(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    char *slug = NULL;
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_TEXT)
        slug = store_topic_slug((const char *)sqlite3_value_text(argv[0]));
    if (slug)
        sqlite3_result_text(cx, slug, -1, free);
    else
        sqlite3_result_null(cx);
}

static herald_status topic_slug_register(store *st)
{
    if (sqlite3_create_function(SQ(st)->db, "herald_topic_slug", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                sql_topic_slug, NULL, NULL) != SQLITE_OK)
        return db_fail(st, "registering the topic slug function");
    return HERALD_OK;
}

/*
 * Tuning: every connection gets the page cache and memory map of store_configure() (the
 * store.cache_mb and store.mmap_mb keys).  A memory-mapped database is read in place,
 * without copying pages into each connection's cache: the readers of a large archive
 * share the OS page cache instead of each warming its own.
 *
 * Planner statistics, as SQLite recommends for long-lived connections: a writable handle
 * runs PRAGMA optimize=0x10002 when it opens (ANALYZE of every table whose statistics are
 * missing or stale; analysis_limit bounds it to a sample, milliseconds even at a million
 * articles), plain PRAGMA optimize every STORE_OPTIMIZE_EVERY seconds after a commit and
 * when it closes.
 */
#define STORE_OPTIMIZE_EVERY (4 * 3600)
#define STORE_ANALYSIS_LIMIT 1000

static long g_cache_mb = STORE_CACHE_MB_DEFAULT;
static long g_mmap_mb = STORE_MMAP_MB_DEFAULT;

void store_sqlite_configure(long cache_mb, long mmap_mb)
{
    g_cache_mb = cache_mb > 0 ? cache_mb : STORE_CACHE_MB_DEFAULT;
    g_mmap_mb = mmap_mb >= 0 ? mmap_mb : STORE_MMAP_MB_DEFAULT;
}

static herald_status apply_tuning(store *st)
{
    char sql[96];
    herald_status rc;
    snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%ld", g_cache_mb * 1024);
    rc = exec(st, sql, "sizing the page cache");
    if (rc)
        return rc;
    snprintf(sql, sizeof(sql), "PRAGMA mmap_size = %lld", (long long)g_mmap_mb * 1024 * 1024);
    return exec(st, sql, "sizing the memory map");
}

/* at_open: the opening pass over every table; else the periodic / closing one.  A
 * failure is logged, never fatal: statistics only steer the planner. */
static void optimize(store *st, int at_open)
{
    struct sq *q = SQ(st);
    char sql[64];
    snprintf(sql, sizeof(sql), "PRAGMA analysis_limit = %d", STORE_ANALYSIS_LIMIT);
    if (exec(st, sql, "limiting ANALYZE") != HERALD_OK ||
        exec(st, at_open ? "PRAGMA optimize = 0x10002" : "PRAGMA optimize",
             "optimizing the database") != HERALD_OK)
        log_warn(MOD, "cannot update the planner's statistics: %s", st->errmsg);
    q->optimized = time_now();
}

static herald_status sq_open(store *st, const char *path, int max_version)
{
    struct sq *q = xcalloc(1, sizeof(*q));
    herald_status rc;
    q->search_window = STORE_SEARCH_WINDOW;
    q->visit_cap_window = (int64_t)STORE_SEARCH_WINDOW * SEARCH_VISITS;
    int ro = (st->flags & STORE_READONLY) != 0;
    int flags = SQLITE_OPEN_NOMUTEX |
                (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int version = 0;
    struct stat sb;

    st->be = q;
    q->readonly = ro;
    if (ro && strcmp(path, ":memory:") != 0 && stat(path, &sb) != 0) {
        store_set_error(st, 1, "database %s does not exist", path);
        return HERALD_E_NOTFOUND;
    }
    if (sqlite3_open_v2(path, &q->db, flags, NULL) != SQLITE_OK) {
        log_error(MOD, "cannot open %s: %s", path, q->db ? sqlite3_errmsg(q->db) : "no memory");
        snprintf(st->errmsg, sizeof(st->errmsg), "cannot open the database %s", path);
        return HERALD_E_DB;
    }
    sqlite3_extended_result_codes(q->db, 1);
    sqlite3_busy_timeout(q->db, 10000);
    rc = exec(st, "PRAGMA foreign_keys = ON", "enabling foreign keys");
    if (rc)
        return rc;
    rc = topic_slug_register(st);
    if (rc)
        return rc;
    rc = apply_tuning(st);
    if (rc)
        return rc;
    if (!ro) {
        rc = exec(st, "PRAGMA journal_mode = WAL", "switching to WAL mode");
        if (rc)
            return rc;
        rc = exec(st, "PRAGMA synchronous = NORMAL", "setting synchronous mode");
        if (rc)
            return rc;
    }
    if (read_user_version(st, &version)) {
        db_fail(st, "reading the schema version");
        store_set_error(st, 0, "%s is not a herald database", path);
        return HERALD_E_DB;
    }
    if (version > STORE_SCHEMA_VERSION) {
        store_set_error(st, 1,
                        "database %s has schema version %d, newer than this herald's %d: "
                        "upgrade herald to open it",
                        path, version, STORE_SCHEMA_VERSION);
        return HERALD_E_VERSION;
    }
    if (ro) {
        if (version < STORE_SCHEMA_VERSION) {
            store_set_error(st, 1,
                            "database %s has schema version %d; this herald needs %d: open it "
                            "once read-write to upgrade it",
                            path, version, STORE_SCHEMA_VERSION);
            return HERALD_E_VERSION;
        }
        q->version = version;
        return search_register(st);
    }
    q->version = version;
    if (version < max_version) {
        rc = migrate(st, path, max_version);
        if (rc)
            return rc;
    }
    if (search_deferred(st) > 0) { /* a bulk load died before store_bulk_end */
        log_warn(MOD, "%s: a bulk load did not finish: rebuilding the search index", path);
        rc = search_undefer(st);
        if (rc)
            return rc;
    }
    optimize(st, 1);
    return search_register(st);
}

static void sq_close(store *st)
{
    struct sq *q = SQ(st);
    if (!q)
        return;
    if (!q->readonly && q->db)
        optimize(st, 0);
    for (size_t i = 0; i < q->ncache; i++) {
        sqlite3_finalize(q->cache[i].stmt);
        free(q->cache[i].sql_owned);
    }
    if (q->tok)
        q->tok_api.xDelete(q->tok);
    if (q->df_cache) {
        for (size_t i = 0; i < DF_CACHE_SIZE; i++)
            free(q->df_cache[i].term);
        free(q->df_cache);
    }
    if (q->db && sqlite3_close(q->db) != SQLITE_OK)
        log_error(MOD, "closing the database: %s", sqlite3_errmsg(q->db));
    free(q);
    st->be = NULL;
}

static int sq_schema_version(store *st)
{
    return SQ(st)->version;
}

herald_status store_sqlite_force_version(store *st, int version)
{
    char sql[64];
    herald_status rc;
    if (st->ops != &store_sqlite_ops || st->in_tx)
        return HERALD_E_INVALID;
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", version);
    rc = exec(st, sql, "stamping the schema version");
    if (rc == HERALD_OK)
        SQ(st)->version = version;
    return rc;
}

/* ---- transactions ---------------------------------------------------------------- */

static const char sql_bump[] = "UPDATE meta SET value = value + 1 WHERE key = 'generation'";

static herald_status bump_if_changed(store *st, int since)
{
    sqlite3_stmt *s;
    if (sqlite3_total_changes(SQ(st)->db) == since)
        return HERALD_OK;
    s = prep(st, sql_bump);
    if (!s)
        return HERALD_E_DB;
    if (step(st, s) != SQLITE_DONE) {
        sqlite3_reset(s);
        return db_fail(st, "updating the data version");
    }
    sqlite3_reset(s);
    return HERALD_OK;
}

static herald_status sq_tx_begin(store *st)
{
    struct sq *q = SQ(st);
    herald_status rc;
    rc = exec(st, q->readonly ? "BEGIN" : "BEGIN IMMEDIATE", "starting a transaction");
    if (rc)
        return rc;
    q->tx_changes = sqlite3_total_changes(q->db);
    return HERALD_OK;
}

static herald_status sq_tx_commit(store *st)
{
    struct sq *q = SQ(st);
    herald_status rc = HERALD_OK;
    if (!q->readonly)
        rc = bump_if_changed(st, q->tx_changes);
    if (rc == HERALD_OK)
        rc = exec(st, "COMMIT", "committing");
    if (rc)
        rollback(st, "ROLLBACK"); /* rc and st->errmsg stay the commit's */
    else if (!q->readonly && time_now() - q->optimized >= STORE_OPTIMIZE_EVERY)
        optimize(st, 0);
    return rc;
}

static herald_status sq_tx_rollback(store *st)
{
    return rollback(st, "ROLLBACK");
}

/* ---- bulk loading ---------------------------------------------------------------- */

/*
 * store_bulk_begin / store_bulk_end (store.h "Bulk loading").  The connection's settings
 * for the load: synchronous OFF, temp_store MEMORY (the statement journals of the
 * per-write savepoints and the sorts of large statements stay in memory instead of
 * going through temporary files), a STORE_BULK_CACHE_MB page cache, so the random
 * inserts into the id, URL and title indexes of a large archive stay in memory.
 *
 * Deferred search: kept up to date by the v2 triggers, the FTS5 index gets one small
 * segment per article written (SQLite 3.40's FTS5 flushes its buffer at each statement
 * savepoint) and spends most of an import merging them.  So the triggers are dropped and
 * meta.search_deferred set, in one transaction; the end (or the next writable open, when
 * a load died) rebuilds the index from the articles with a 64 MiB term buffer and no
 * merging on the way, merges it into one segment ('optimize'), puts FTS5's defaults back
 * and creates the triggers again (the same text as v2), in one transaction with the
 * flag's removal.  The index built is the one the triggers would have kept.
 */
static const char sql_fts_triggers_drop[] = "DROP TRIGGER IF EXISTS articles_fts_ai;"
                                            "DROP TRIGGER IF EXISTS articles_fts_ad;"
                                            "DROP TRIGGER IF EXISTS articles_fts_au;"
                                            "INSERT OR REPLACE INTO meta (key, value)"
                                            "  VALUES ('search_deferred', 1);";
static const char sql_fts_rebuild[] =
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 67108864);"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 0);"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 2000);"
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
    "INSERT INTO articles_fts (articles_fts) VALUES ('optimize');"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 1048576);"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 4);"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 16);"
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);"
    "END;"
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.seq, old.title, old.text);"
    "END;"
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.seq, old.title, old.text);"
    "  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);"
    "END;"
    "DELETE FROM meta WHERE key = 'search_deferred';"
    "UPDATE meta SET value = value + 1 WHERE key = 'generation';";

/* Whether a bulk load deferred the search index (1), not (0), or the lookup failed (-1). */
static int search_deferred(store *st)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if (sqlite3_prepare_v2(SQ(st)->db, "SELECT count(*) FROM meta WHERE key = 'search_deferred'",
                           -1, &s, NULL) != SQLITE_OK)
        return -1;
    rc = sqlite3_step(s);
    rc = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) > 0 : -1;
    sqlite3_finalize(s);
    return rc;
}

static herald_status search_undefer(store *st)
{
    herald_status rc = exec(st, "BEGIN IMMEDIATE", "starting the search index rebuild");
    if (rc)
        return rc;
    rc = exec(st, sql_fts_rebuild, "rebuilding the search index");
    if (rc == HERALD_OK)
        rc = exec(st, "COMMIT", "committing the search index");
    if (rc)
        rollback(st, "ROLLBACK");
    return rc;
}

static herald_status sq_bulk_begin(store *st, unsigned flags)
{
    char sql[64];
    herald_status rc =
        exec(st, "PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY", "setting up a bulk load");
    if (rc)
        return rc;
    snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%ld", (long)STORE_BULK_CACHE_MB * 1024);
    rc = exec(st, sql, "sizing the page cache");
    if (rc == HERALD_OK && (flags & STORE_BULK_DEFER_SEARCH)) {
        rc = exec(st, "BEGIN IMMEDIATE", "deferring the search index");
        if (rc == HERALD_OK)
            rc = exec(st, sql_fts_triggers_drop, "deferring the search index");
        if (rc == HERALD_OK)
            rc = exec(st, "COMMIT", "deferring the search index");
        if (rc)
            rollback(st, "ROLLBACK");
    }
    if (rc) {
        exec(st, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = DEFAULT", "ending a bulk load");
        apply_tuning(st);
    }
    return rc;
}

static herald_status sq_bulk_end(store *st)
{
    herald_status rc = HERALD_OK, rc2;
    int deferred = search_deferred(st);
    if (deferred < 0)
        rc = db_fail(st, "reading the search index state");
    else if (deferred)
        rc = search_undefer(st);
    rc2 =
        exec(st, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = DEFAULT", "ending a bulk load");
    if (rc2 == HERALD_OK)
        rc2 = apply_tuning(st);
    if (rc == HERALD_OK && rc2 == HERALD_OK)
        optimize(st, 1); /* every table's statistics changed */
    return rc ? rc : rc2;
}

static herald_status sq_op_begin(store *st)
{
    struct sq *q = SQ(st);
    if (st->in_tx)
        return exec(st, "SAVEPOINT op", "starting a write");
    q->op_changes = sqlite3_total_changes(q->db);
    return exec(st, "BEGIN IMMEDIATE", "starting a write");
}

static herald_status sq_op_end(store *st, int ok)
{
    struct sq *q = SQ(st);
    herald_status rc;
    if (st->in_tx) {
        if (ok)
            return exec(st, "RELEASE op", "finishing a write");
        rc = rollback(st, "ROLLBACK TO op");
        if (sqlite3_exec(q->db, "RELEASE op", NULL, NULL, NULL) != SQLITE_OK) {
            log_error(MOD, "RELEASE op failed: %s", sqlite3_errmsg(q->db));
            rc = HERALD_E_DB;
        }
        return rc;
    }
    if (!ok)
        return rollback(st, "ROLLBACK");
    rc = st->quiet ? HERALD_OK : bump_if_changed(st, q->op_changes);
    if (rc == HERALD_OK)
        rc = exec(st, "COMMIT", "committing a write");
    if (rc)
        rollback(st, "ROLLBACK"); /* rc and st->errmsg stay the commit's */
    return rc;
}

/* Steps a write statement to completion and resets it.  SQLITE_CONSTRAINT_UNIQUE or
 * _PRIMARYKEY becomes HERALD_E_EXISTS, a foreign key failure HERALD_E_NOTFOUND. */
static herald_status step_done(store *st, sqlite3_stmt *s, const char *what)
{
    int rc = step(st, s);
    int ext;
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        sqlite3_reset(s);
        return HERALD_OK;
    }
    ext = sqlite3_extended_errcode(SQ(st)->db);
    sqlite3_reset(s);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
        store_set_error(st, 0, "already exists");
        return HERALD_E_EXISTS;
    }
    if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
        store_set_error(st, 0, "refers to something that does not exist");
        return HERALD_E_NOTFOUND;
    }
    return db_fail(st, what);
}

/* Runs a single-row UPDATE/DELETE; HERALD_E_NOTFOUND when it touched no row. */
static herald_status step_one(store *st, sqlite3_stmt *s, const char *what)
{
    herald_status rc = step_done(st, s, what);
    if (rc)
        return rc;
    if (sqlite3_changes(SQ(st)->db) == 0) {
        store_set_error(st, 0, "not found");
        return HERALD_E_NOTFOUND;
    }
    return HERALD_OK;
}

/* ---- sources --------------------------------------------------------------------- */

#define SOURCE_COLS                                                                                \
    "s.id, s.name, s.homepage, s.icon_url, s.language, s.copyright,"                               \
    " (SELECT count(*) FROM articles WHERE source_id = s.id),"                                     \
    " (SELECT count(*) FROM feeds WHERE source_id = s.id),"                                        \
    " (SELECT max(sort_time) FROM articles WHERE source_id = s.id)"

static void read_source(sqlite3_stmt *s, struct store_source *o)
{
    store_source_init(o);
    o->id = sqlite3_column_int64(s, 0);
    o->name = col_str(s, 1);
    o->homepage = col_str(s, 2);
    o->icon_url = col_str(s, 3);
    o->language = col_str(s, 4);
    o->copyright = col_str(s, 5);
    o->article_count = sqlite3_column_int64(s, 6);
    o->feed_count = sqlite3_column_int64(s, 7);
    o->last_article = col_time(s, 8);
}

static const char sql_source_by_hp[] = "SELECT id FROM sources WHERE homepage_key = ?1 "
                                       "ORDER BY id LIMIT 1";
static const char sql_source_by_name[] = "SELECT id FROM sources WHERE name_key = lower(?1) "
                                         "ORDER BY (homepage_key IS NOT NULL), id LIMIT 1";
/* With a homepage, a name only matches a source that has none yet: two publishers with
 * the same name and different homepages stay two sources. */
static const char sql_source_by_name_nohp[] = "SELECT id FROM sources WHERE name_key = lower(?1) "
                                              "AND homepage_key IS NULL ORDER BY id LIMIT 1";
static const char sql_source_insert[] =
    "INSERT INTO sources (name, name_key, homepage, homepage_key, icon_url, language, "
    "copyright, created) VALUES (?1, lower(?1), ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_source_fill[] =
    "UPDATE sources SET"
    " homepage = CASE WHEN coalesce(homepage, '') = '' THEN ?2 ELSE homepage END,"
    " homepage_key = CASE WHEN coalesce(homepage, '') = '' THEN ?3 ELSE homepage_key END,"
    " icon_url = coalesce(nullif(icon_url, ''), ?4),"
    " language = coalesce(nullif(language, ''), ?5),"
    " copyright = coalesce(nullif(copyright, ''), ?6)"
    " WHERE id = ?1 AND (coalesce(homepage, '') = '' AND ?2 IS NOT NULL"
    "  OR coalesce(icon_url, '') = '' AND ?4 IS NOT NULL"
    "  OR coalesce(language, '') = '' AND ?5 IS NOT NULL"
    "  OR coalesce(copyright, '') = '' AND ?6 IS NOT NULL)";

static herald_status find_one_id(store *st, sqlite3_stmt *s, int64_t *id, const char *what)
{
    int rc = step(st, s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return HERALD_OK;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return HERALD_E_NOTFOUND;
    return db_fail(st, what);
}

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

static herald_status sq_source_ensure(store *st, const struct store_source *in, const char *hp_key,
                                      int64_t *id_out)
{
    sqlite3_stmt *s;
    herald_status rc = HERALD_E_NOTFOUND;
    int64_t id = 0;
    if (hp_key) {
        s = prep(st, sql_source_by_hp);
        if (!s)
            return HERALD_E_DB;
        bind_text(st, s, 1, hp_key);
        rc = find_one_id(st, s, &id, "looking up a source");
        if (rc && rc != HERALD_E_NOTFOUND)
            return rc;
    }
    if (rc == HERALD_E_NOTFOUND) {
        s = prep(st, hp_key ? sql_source_by_name_nohp : sql_source_by_name);
        if (!s)
            return HERALD_E_DB;
        bind_text(st, s, 1, in->name);
        rc = find_one_id(st, s, &id, "looking up a source");
        if (rc && rc != HERALD_E_NOTFOUND)
            return rc;
    }
    if (rc == HERALD_OK) {
        s = prep(st, sql_source_fill);
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, id);
        bind_text(st, s, 2, nonempty(in->homepage));
        bind_text(st, s, 3, hp_key);
        bind_text(st, s, 4, nonempty(in->icon_url));
        bind_text(st, s, 5, nonempty(in->language));
        bind_text(st, s, 6, nonempty(in->copyright));
        rc = step_done(st, s, "updating a source");
        if (rc)
            return rc;
        *id_out = id;
        return HERALD_OK;
    }
    s = prep(st, sql_source_insert);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, in->name);
    bind_text(st, s, 2, nonempty(in->homepage));
    bind_text(st, s, 3, hp_key);
    bind_text(st, s, 4, nonempty(in->icon_url));
    bind_text(st, s, 5, nonempty(in->language));
    bind_text(st, s, 6, nonempty(in->copyright));
    bind_int64(st, s, 7, time_now());
    rc = step_done(st, s, "adding a source");
    if (rc)
        return rc;
    *id_out = sqlite3_last_insert_rowid(SQ(st)->db);
    return HERALD_OK;
}

static const char sql_source_update[] =
    "UPDATE sources SET name = ?2, name_key = lower(?2), homepage = ?3, homepage_key = ?4,"
    " icon_url = ?5, language = ?6, copyright = ?7 WHERE id = ?1";

static herald_status sq_source_update(store *st, const struct store_source *in, const char *hp_key)
{
    sqlite3_stmt *s = prep(st, sql_source_update);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, in->id);
    bind_text(st, s, 2, in->name);
    bind_text(st, s, 3, in->homepage);
    bind_text(st, s, 4, hp_key);
    bind_text(st, s, 5, in->icon_url);
    bind_text(st, s, 6, in->language);
    bind_text(st, s, 7, in->copyright);
    return step_one(st, s, "updating a source");
}

/* Steps s, a statement that yields at most one row.  HERALD_OK: the row is ready (the
 * caller reads it, then resets s).  HERALD_E_NOTFOUND (with missing as the handle's
 * message) or HERALD_E_DB: s is already reset. */
static herald_status step_one_row(store *st, sqlite3_stmt *s, const char *missing,
                                  const char *doing)
{
    int rc = step(st, s);
    if (rc == SQLITE_ROW)
        return HERALD_OK;
    sqlite3_reset(s);
    if (rc == SQLITE_DONE) {
        store_set_error(st, 0, "%s", missing);
        return HERALD_E_NOTFOUND;
    }
    return db_fail(st, doing);
}

static const char sql_source_get[] = "SELECT " SOURCE_COLS " FROM sources s WHERE s.id = ?1";
static const char sql_source_list[] =
    "SELECT " SOURCE_COLS " FROM sources s ORDER BY s.name_key, s.id LIMIT ?1";

static herald_status sq_source_get(store *st, int64_t id, struct store_source *out)
{
    sqlite3_stmt *s = prep(st, sql_source_get);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    rc = step_one_row(st, s, "no such source", "reading a source");
    if (rc)
        return rc;
    read_source(s, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

/* The same columns as SOURCE_COLS with the counts left out (read_source reads both). */
static const char sql_source_names[] =
    "SELECT s.id, s.name, s.homepage, s.icon_url, s.language, s.copyright, -1, -1, NULL"
    " FROM sources s ORDER BY s.name_key, s.id LIMIT ?1";

static herald_status source_rows(store *st, const char *sql, struct store_source_list *out)
{
    sqlite3_stmt *s = prep(st, sql);
    struct store_source_list l = {NULL, 0};
    size_t alloc = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int(st, s, 1, STORE_SOURCE_LIST_MAX);
    while ((rc = step(st, s)) == SQLITE_ROW) {
        ALLOC_GROW(l.items, l.count + 1, alloc);
        read_source(s, &l.items[l.count++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_source_list_release(&l);
        return db_fail(st, "listing sources");
    }
    *out = l;
    return HERALD_OK;
}

static herald_status sq_source_list(store *st, struct store_source_list *out)
{
    return source_rows(st, sql_source_list, out);
}

static herald_status sq_source_names(store *st, struct store_source_list *out)
{
    return source_rows(st, sql_source_names, out);
}

/* Each language tag is one seek for the next distinct value in articles_language_sort (a
 * skip scan: no GROUP BY over the whole index), and its count stops at the cap. */
static const char sql_languages[] =
    "WITH RECURSIVE langs(tag) AS ("
    " SELECT (SELECT language FROM articles WHERE language > '' ORDER BY language LIMIT 1)"
    " UNION ALL SELECT (SELECT language FROM articles WHERE language > tag"
    " ORDER BY language LIMIT 1) FROM langs WHERE tag IS NOT NULL)"
    " SELECT tag, (SELECT count(*) FROM (SELECT 1 FROM articles WHERE language = tag LIMIT ?1))"
    " FROM langs WHERE tag IS NOT NULL LIMIT ?2";

static herald_status sq_languages(store *st, struct store_language_list *out)
{
    sqlite3_stmt *s = prep(st, sql_languages);
    struct store_language_list l = {NULL, 0};
    size_t alloc = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int(st, s, 1, STORE_LANGUAGE_COUNT_CAP);
    bind_int(st, s, 2, STORE_LANGUAGES_MAX);
    while ((rc = step(st, s)) == SQLITE_ROW) {
        ALLOC_GROW(l.items, l.count + 1, alloc);
        l.items[l.count].language = col_str(s, 0);
        l.items[l.count++].count = sqlite3_column_int64(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_language_list_release(&l);
        return db_fail(st, "listing languages");
    }
    *out = l;
    return HERALD_OK;
}

/* ---- feeds ----------------------------------------------------------------------- */

#define FEED_COLS                                                                                  \
    "f.id, f.url, f.title, f.source_id, f.etag, f.last_modified, f.next_poll, f.last_poll,"        \
    " f.last_success, f.last_new_article, f.consecutive_errors, f.last_error, f.last_status,"      \
    " f.poll_interval, f.fetch_mode, f.created, s.name,"                                           \
    " (SELECT count(*) FROM article_feeds WHERE feed_id = f.id)"                                   \
    " FROM feeds f LEFT JOIN sources s ON s.id = f.source_id"

static void read_feed(sqlite3_stmt *s, struct store_feed *o)
{
    enum store_fetch_mode m = STORE_FETCH_AUTO;
    store_feed_init(o);
    o->id = sqlite3_column_int64(s, 0);
    o->url = col_str(s, 1);
    o->title = col_str(s, 2);
    o->source_id = sqlite3_column_int64(s, 3);
    o->etag = col_str(s, 4);
    o->last_modified = col_str(s, 5);
    o->next_poll = col_time(s, 6);
    o->last_poll = col_time(s, 7);
    o->last_success = col_time(s, 8);
    o->last_new_article = col_time(s, 9);
    o->consecutive_errors = sqlite3_column_int(s, 10);
    o->last_error = col_str(s, 11);
    o->last_status = sqlite3_column_int(s, 12);
    o->poll_interval = sqlite3_column_int64(s, 13);
    if (store_fetch_mode_parse((const char *)sqlite3_column_text(s, 14), &m) == 0)
        o->fetch_mode = m;
    o->created = col_time(s, 15);
    o->source_name = col_str(s, 16);
    o->article_count = sqlite3_column_int64(s, 17);
}

static const char sql_feed_insert[] =
    "INSERT INTO feeds (url, url_key, title, source_id, next_poll, poll_interval, fetch_mode,"
    " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static herald_status sq_feed_add(store *st, const struct store_feed *in, const char *url_key,
                                 int64_t now, int64_t *id_out)
{
    sqlite3_stmt *s = prep(st, sql_feed_insert);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, in->url);
    bind_text(st, s, 2, url_key);
    bind_text(st, s, 3, nonempty(in->title));
    bind_id(st, s, 4, in->source_id);
    bind_time(st, s, 5, in->next_poll);
    bind_int64(st, s, 6, in->poll_interval > 0 ? in->poll_interval : 0);
    bind_text(st, s, 7, store_fetch_mode_name(in->fetch_mode));
    bind_int64(st, s, 8, now);
    rc = step_done(st, s, "adding a feed");
    if (rc == HERALD_E_EXISTS)
        store_set_error(st, 0, "a feed with this URL already exists");
    else if (rc == HERALD_E_NOTFOUND)
        store_set_error(st, 0, "no such source");
    if (rc)
        return rc;
    *id_out = sqlite3_last_insert_rowid(SQ(st)->db);
    return HERALD_OK;
}

static const char sql_feed_unlink_first[] = "UPDATE articles SET feed_id = NULL WHERE feed_id = ?1";
static const char sql_feed_delete[] = "DELETE FROM feeds WHERE id = ?1";

static herald_status sq_feed_remove(store *st, int64_t id)
{
    sqlite3_stmt *s = prep(st, sql_feed_unlink_first);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    rc = step_done(st, s, "removing a feed");
    if (rc)
        return rc;
    s = prep(st, sql_feed_delete);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    rc = step_one(st, s, "removing a feed");
    if (rc == HERALD_E_NOTFOUND)
        store_set_error(st, 0, "no such feed");
    return rc;
}

static const char sql_feed_get[] = "SELECT " FEED_COLS " WHERE f.id = ?1";
static const char sql_feed_get_url[] = "SELECT " FEED_COLS " WHERE f.url_key = ?1";

static herald_status sq_feed_get(store *st, int64_t id, const char *url_key, struct store_feed *out)
{
    sqlite3_stmt *s = prep(st, url_key ? sql_feed_get_url : sql_feed_get);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    if (url_key)
        bind_text(st, s, 1, url_key);
    else
        bind_int64(st, s, 1, id);
    rc = step_one_row(st, s, "no such feed", "reading a feed");
    if (rc)
        return rc;
    read_feed(s, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

static const char sql_feed_list_all[] = "SELECT " FEED_COLS " ORDER BY f.id LIMIT ?2";
static const char sql_feed_list_source[] =
    "SELECT " FEED_COLS " WHERE f.source_id = ?1 ORDER BY f.id LIMIT ?2";
static const char sql_feed_list_due[] =
    "SELECT " FEED_COLS " WHERE f.next_poll IS NULL OR f.next_poll <= ?1"
    " ORDER BY f.next_poll IS NOT NULL, f.next_poll, f.id LIMIT ?2";

static herald_status sq_feed_list(store *st, int which, int64_t arg, int limit,
                                  struct store_feed_list *out)
{
    const char *sql = which == 0   ? sql_feed_list_all
                      : which == 1 ? sql_feed_list_source
                                   : sql_feed_list_due;
    sqlite3_stmt *s = prep(st, sql);
    struct store_feed_list l = {NULL, 0};
    size_t alloc = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    if (which != 0)
        bind_int64(st, s, 1, arg);
    bind_int(st, s, 2, limit);
    while ((rc = step(st, s)) == SQLITE_ROW) {
        ALLOC_GROW(l.items, l.count + 1, alloc);
        read_feed(s, &l.items[l.count++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_feed_list_release(&l);
        return db_fail(st, "listing feeds");
    }
    *out = l;
    return HERALD_OK;
}

static const char sql_feed_poll[] =
    "UPDATE feeds SET last_poll = ?2, next_poll = ?3,"
    " poll_interval = CASE WHEN ?4 > 0 THEN ?4 ELSE poll_interval END,"
    " last_status = ?5, last_error = ?6,"
    " consecutive_errors = CASE WHEN ?6 IS NULL THEN 0 ELSE max(?7, 1) END,"
    " last_success = CASE WHEN ?6 IS NULL THEN ?2 ELSE last_success END,"
    " etag = CASE WHEN ?8 THEN ?9 ELSE etag END,"
    " last_modified = CASE WHEN ?8 THEN ?10 ELSE last_modified END"
    " WHERE id = ?1";

static herald_status sq_feed_poll_update(store *st, int64_t id, const struct store_feed_poll *p)
{
    sqlite3_stmt *s = prep(st, sql_feed_poll);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    bind_int64(st, s, 2, p->polled_at);
    bind_time(st, s, 3, p->next_poll);
    bind_int64(st, s, 4, p->poll_interval);
    bind_int(st, s, 5, p->status);
    bind_text(st, s, 6, p->error);
    bind_int(st, s, 7, p->consecutive_errors);
    bind_int(st, s, 8, p->set_validators ? 1 : 0);
    bind_text(st, s, 9, nonempty(p->etag));
    bind_text(st, s, 10, nonempty(p->last_modified));
    rc = step_one(st, s, "recording a poll");
    if (rc == HERALD_E_NOTFOUND)
        store_set_error(st, 0, "no such feed");
    return rc;
}

static const char sql_feed_set_url[] = "UPDATE feeds SET url = ?2, url_key = ?3 WHERE id = ?1";
static const char sql_feed_set_title[] = "UPDATE feeds SET title = ?2 WHERE id = ?1";
static const char sql_feed_set_source[] = "UPDATE feeds SET source_id = ?2 WHERE id = ?1";
static const char sql_feed_set_mode[] = "UPDATE feeds SET fetch_mode = ?2 WHERE id = ?1";

static herald_status feed_set(store *st, const char *sql, int64_t id, const char *t1,
                              const char *t2, int64_t i2, int use_int)
{
    sqlite3_stmt *s = prep(st, sql);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    if (use_int)
        bind_id(st, s, 2, i2);
    else
        bind_text(st, s, 2, t1);
    if (t2)
        bind_text(st, s, 3, t2);
    rc = step_one(st, s, "updating a feed");
    if (rc == HERALD_E_NOTFOUND)
        store_set_error(st, 0, use_int ? "no such feed or source" : "no such feed");
    else if (rc == HERALD_E_EXISTS)
        store_set_error(st, 0, "another feed already has this URL");
    return rc;
}

static herald_status sq_feed_set_url(store *st, int64_t id, const char *url, const char *url_key)
{
    return feed_set(st, sql_feed_set_url, id, url, url_key, 0, 0);
}

static herald_status sq_feed_set_title(store *st, int64_t id, const char *title)
{
    return feed_set(st, sql_feed_set_title, id, nonempty(title), NULL, 0, 0);
}

static herald_status sq_feed_set_source(store *st, int64_t id, int64_t source_id)
{
    return feed_set(st, sql_feed_set_source, id, NULL, NULL, source_id, 1);
}

static herald_status sq_feed_set_fetch_mode(store *st, int64_t id, enum store_fetch_mode mode)
{
    return feed_set(st, sql_feed_set_mode, id, store_fetch_mode_name(mode), NULL, 0, 0);
}

/* ---- articles -------------------------------------------------------------------- */

/*
 * Card columns 0..24, then (full reads) 25..29.  word_count, story_id and copy_of sit
 * after the text in the row (copy_of came with a later migration): reading them from the
 * row would walk the text's whole overflow chain, which for a list of cards is most of
 * the I/O.  Cards read them from the covering index articles_card instead (the self-join
 * CARD_JOIN, one lookup in a narrow index), so a card touches only the head of its row.
 * A card's fingerprint is NULL (full reads have it).
 */
#define CARD_COLS                                                                                  \
    "a.id, a.url, a.canonical_url, a.title, a.authors, a.published, a.updated,"                    \
    " a.first_seen, a.language, a.image_url, a.image_caption, a.image_credit, a.categories,"       \
    " a.summary, t.word_count, a.source_id, a.feed_id, a.guid, NULL, t.story_id,"                  \
    " a.sort_time, a.last_changed, s.name, s.icon_url, t.copy_of"
#define CARD_NCOLS 25
#define FULL_COLS CARD_COLS ", a.content_html, a.text, s.homepage, s.copyright, a.fingerprint"
#define CARD_JOIN " JOIN articles t INDEXED BY articles_card ON t.id = a.id"
#define ART_FROM " FROM articles a" CARD_JOIN " LEFT JOIN sources s ON s.id = a.source_id"

static void read_article(sqlite3_stmt *s, int full, struct store_article *o)
{
    const unsigned char *id = sqlite3_column_text(s, 0);
    store_article_init(o);
    if (id && sqlite3_column_bytes(s, 0) == STORE_ID_LEN)
        memcpy(o->id, id, STORE_ID_LEN + 1);
    o->url = col_str(s, 1);
    o->canonical_url = col_str(s, 2);
    o->title = col_str(s, 3);
    o->authors = col_str(s, 4);
    o->published = col_time(s, 5);
    o->updated = col_time(s, 6);
    o->first_seen = col_time(s, 7);
    o->language = col_str(s, 8);
    o->image_url = col_str(s, 9);
    o->image_caption = col_str(s, 10);
    o->image_credit = col_str(s, 11);
    o->categories = col_str(s, 12);
    o->summary = col_str(s, 13);
    o->word_count = sqlite3_column_int(s, 14);
    o->source_id = sqlite3_column_int64(s, 15);
    o->feed_id = sqlite3_column_int64(s, 16);
    o->guid = col_str(s, 17);
    o->fingerprint = col_str(s, 18);
    o->story_id = sqlite3_column_int64(s, 19);
    o->sort_time = col_time(s, 20);
    o->last_changed = col_time(s, 21);
    o->source_name = col_str(s, 22);
    o->source_icon_url = col_str(s, 23);
    o->copy_of = col_str(s, 24);
    if (full) {
        o->content_html = col_str(s, CARD_NCOLS);
        o->text = col_str(s, CARD_NCOLS + 1);
        o->source_homepage = col_str(s, CARD_NCOLS + 2);
        o->source_copyright = col_str(s, CARD_NCOLS + 3);
        o->fingerprint = col_str(s, CARD_NCOLS + 4);
    }
}

static const char sql_feed_source[] = "SELECT coalesce(source_id, 0) FROM feeds WHERE id = ?1";
static const char sql_match_guid[] =
    "SELECT af.article_id FROM article_feeds af JOIN feeds f ON f.id = af.feed_id"
    " WHERE af.guid = ?1 AND (af.feed_id = ?2 OR (?3 > 0 AND f.source_id = ?3))"
    " ORDER BY af.feed_id = ?2 DESC LIMIT 1";
static const char sql_match_key[] = "SELECT id FROM articles WHERE url_key = ?1 UNION ALL"
                                    " SELECT id FROM articles WHERE canonical_key = ?1 LIMIT 1";
static const char sql_match_id[] = "SELECT id FROM articles WHERE id = ?1";

/* Finds the article matching r (guid, canonical key, URL key in that order).  *found is
 * set to 1 and id filled on a match.  feed_source is the feed's source (0 = none). */
static herald_status find_match(store *st, const struct store_lookup_req *r, int64_t feed_source,
                                char id[STORE_ID_LEN + 1], int *found)
{
    const char *keys[2] = {r->canonical_key, r->url_key};
    sqlite3_stmt *s;
    int rc;
    *found = 0;
    if (r->guid && r->feed_id > 0) {
        s = prep(st, sql_match_guid);
        if (!s)
            return HERALD_E_DB;
        bind_text(st, s, 1, r->guid);
        bind_int64(st, s, 2, r->feed_id);
        bind_int64(st, s, 3, feed_source);
        rc = step(st, s);
        if (rc == SQLITE_ROW) {
            snprintf(id, STORE_ID_LEN + 1, "%s", (const char *)sqlite3_column_text(s, 0));
            *found = 1;
        }
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(st, "matching an article");
        if (*found)
            return HERALD_OK;
    }
    for (int k = 0; k < 2; k++) {
        if (!keys[k])
            continue;
        s = prep(st, sql_match_key);
        if (!s)
            return HERALD_E_DB;
        bind_text(st, s, 1, keys[k]);
        rc = step(st, s);
        if (rc == SQLITE_ROW) {
            snprintf(id, STORE_ID_LEN + 1, "%s", (const char *)sqlite3_column_text(s, 0));
            *found = 1;
        }
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(st, "matching an article");
        if (*found)
            return HERALD_OK;
    }
    return HERALD_OK;
}

static herald_status feed_source_of(store *st, int64_t feed_id, int64_t *src)
{
    sqlite3_stmt *s;
    herald_status rc;
    *src = 0;
    if (feed_id <= 0)
        return HERALD_OK;
    s = prep(st, sql_feed_source);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, feed_id);
    rc = find_one_id(st, s, src, "reading a feed");
    if (rc == HERALD_E_NOTFOUND)
        store_set_error(st, 0, "no such feed");
    return rc;
}

static herald_status sq_article_lookup(store *st, const struct store_lookup_req *r,
                                       char id_out[STORE_ID_LEN + 1])
{
    int64_t src = 0;
    int found = 0;
    char id[STORE_ID_LEN + 1];
    herald_status rc;
    if (r->feed_id > 0) {
        rc = feed_source_of(st, r->feed_id, &src);
        if (rc == HERALD_E_NOTFOUND)
            src = 0; /* an unknown feed has no guids; still try the URLs */
        else if (rc)
            return rc;
    }
    rc = find_match(st, r, src, id, &found);
    if (rc)
        return rc;
    if (!found)
        return HERALD_E_NOTFOUND;
    memcpy(id_out, id, sizeof(id));
    return HERALD_OK;
}

static int64_t sort_time_of(int64_t published, int64_t first_seen)
{
    if (published == TIME_NONE || published > first_seen)
        return first_seen;
    return published;
}

static const char sql_art_insert[] =
    "INSERT INTO articles (id, url, url_key, canonical_url, canonical_key, guid, feed_id,"
    " source_id, title, authors, published, updated, first_seen, sort_time, last_changed,"
    " language, image_url, image_caption, image_credit, categories, summary, content_html,"
    " text, word_count, fingerprint, story_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)";
static const char sql_art_content[] =
    "SELECT title, summary, content_html, text, image_url, image_caption, first_seen,"
    " coalesce(feed_id, 0) FROM articles WHERE id = ?1";
static const char sql_art_update[] =
    "UPDATE articles SET"
    " title = coalesce(?2, title), authors = coalesce(?3, authors),"
    " published = coalesce(?4, published), updated = coalesce(?5, updated),"
    " sort_time = ?6, last_changed = ?7, language = coalesce(?8, language),"
    " image_url = coalesce(?9, image_url), image_caption = coalesce(?10, image_caption),"
    " image_credit = coalesce(?11, image_credit), categories = coalesce(?12, categories),"
    " summary = coalesce(?13, summary), content_html = coalesce(?14, content_html),"
    " text = coalesce(?15, text),"
    " word_count = CASE WHEN ?15 IS NOT NULL OR ?16 > 0 THEN ?16 ELSE word_count END,"
    " fingerprint = coalesce(?17, fingerprint)"
    " WHERE id = ?1";
static const char sql_art_published[] = "SELECT published FROM articles WHERE id = ?1";
static const char sql_link[] =
    "INSERT INTO article_feeds (article_id, feed_id, guid, first_seen) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (article_id, feed_id) DO UPDATE SET guid = coalesce(article_feeds.guid,"
    " excluded.guid) WHERE article_feeds.guid IS NULL AND excluded.guid IS NOT NULL";
static const char sql_feed_new_article[] = "UPDATE feeds SET last_new_article = ?2 WHERE id = ?1";

static herald_status art_insert(store *st, const struct store_upsert_req *r, int64_t src)
{
    const struct store_article *in = r->in;
    sqlite3_stmt *s = prep(st, sql_art_insert);
    int64_t first_seen = in->first_seen != TIME_NONE ? in->first_seen : r->now;
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, r->new_id);
    bind_text(st, s, 2, in->url);
    bind_text(st, s, 3, r->url_key);
    bind_text(st, s, 4, nonempty(in->canonical_url));
    bind_text(st, s, 5, r->canonical_key);
    bind_text(st, s, 6, r->guid);
    bind_id(st, s, 7, r->feed_id);
    bind_id(st, s, 8, in->source_id > 0 ? in->source_id : src);
    bind_text(st, s, 9, r->title);
    bind_text(st, s, 10, in->authors);
    bind_time(st, s, 11, in->published);
    bind_time(st, s, 12, in->updated);
    bind_int64(st, s, 13, first_seen);
    bind_int64(st, s, 14, sort_time_of(in->published, first_seen));
    bind_int64(st, s, 15, r->now);
    bind_text(st, s, 16, in->language);
    bind_text(st, s, 17, in->image_url);
    bind_text(st, s, 18, in->image_caption);
    bind_text(st, s, 19, in->image_credit);
    bind_text(st, s, 20, in->categories);
    bind_text(st, s, 21, in->summary);
    bind_text(st, s, 22, in->content_html);
    bind_text(st, s, 23, r->text);
    bind_int(st, s, 24, in->word_count > 0 ? in->word_count : 0);
    bind_text(st, s, 25, in->fingerprint);
    bind_id(st, s, 26, in->story_id);
    rc = step_done(st, s, "storing an article");
    if (rc == HERALD_E_NOTFOUND)
        store_set_error(st, 0, "the article's source does not exist");
    if (rc || r->feed_id <= 0)
        return rc;
    s = prep(st, sql_feed_new_article);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, r->feed_id);
    bind_int64(st, s, 2, r->now);
    return step_done(st, s, "updating a feed");
}

/* Compares the content fields; *changed = 1 when any given one differs.  Also reads the
 * row's first_seen and the feed it was first reached through. */
static herald_status art_changed(store *st, const struct store_upsert_req *r, const char *id,
                                 int *changed, int64_t *first_seen, int64_t *first_feed)
{
    const struct store_article *in = r->in;
    const char *vals[6] = {r->title, in->summary,   in->content_html,
                           r->text,  in->image_url, in->image_caption};
    sqlite3_stmt *s = prep(st, sql_art_content);
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    rc = step(st, s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return db_fail(st, "reading an article");
    }
    *changed = 0;
    for (int i = 0; i < 6; i++)
        if (vals[i] && !eq_nullable(vals[i], sqlite3_column_text(s, i)))
            *changed = 1;
    *first_seen = sqlite3_column_int64(s, 6);
    *first_feed = sqlite3_column_int64(s, 7);
    sqlite3_reset(s);
    return HERALD_OK;
}

static herald_status art_update(store *st, const struct store_upsert_req *r, const char *id,
                                int64_t first_seen)
{
    const struct store_article *in = r->in;
    sqlite3_stmt *s;
    int64_t published = in->published;
    herald_status rc;
    if (published == TIME_NONE) {
        s = prep(st, sql_art_published);
        if (!s)
            return HERALD_E_DB;
        bind_text(st, s, 1, id);
        if (step(st, s) == SQLITE_ROW)
            published = col_time(s, 0);
        sqlite3_reset(s);
    }
    s = prep(st, sql_art_update);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    bind_text(st, s, 2, r->title);
    bind_text(st, s, 3, in->authors);
    bind_time(st, s, 4, in->published);
    bind_time(st, s, 5, in->updated);
    bind_int64(st, s, 6, sort_time_of(published, first_seen));
    bind_int64(st, s, 7, r->now);
    bind_text(st, s, 8, in->language);
    bind_text(st, s, 9, in->image_url);
    bind_text(st, s, 10, in->image_caption);
    bind_text(st, s, 11, in->image_credit);
    bind_text(st, s, 12, in->categories);
    bind_text(st, s, 13, in->summary);
    bind_text(st, s, 14, in->content_html);
    bind_text(st, s, 15, r->text);
    bind_int(st, s, 16, in->word_count > 0 ? in->word_count : 0);
    bind_text(st, s, 17, in->fingerprint);
    rc = step_done(st, s, "updating an article");
    return rc;
}

static herald_status sq_article_upsert(store *st, const struct store_upsert_req *r,
                                       char id_out[STORE_ID_LEN + 1], enum store_upsert_result *res,
                                       int64_t *first_feed)
{
    struct store_lookup_req lr = {r->feed_id, r->guid, r->url_key, r->canonical_key};
    char id[STORE_ID_LEN + 1];
    int64_t src = 0, first_seen = 0;
    int found = 0, changed = 0;
    herald_status rc;
    sqlite3_stmt *s;

    rc = feed_source_of(st, r->feed_id, &src);
    if (rc)
        return rc;
    rc = find_match(st, &lr, src, id, &found);
    if (rc)
        return rc;
    if (!found) {
        /* Defensive: a row already holding the id counts as a match. */
        int64_t dummy;
        s = prep(st, sql_match_id);
        if (!s)
            return HERALD_E_DB;
        bind_text(st, s, 1, r->new_id);
        rc = find_one_id(st, s, &dummy, "matching an article");
        if (rc == HERALD_OK) {
            found = 1;
            memcpy(id, r->new_id, sizeof(id));
        } else if (rc != HERALD_E_NOTFOUND) {
            return rc;
        }
    }
    if (!found) {
        rc = art_insert(st, r, src);
        if (rc)
            return rc;
        memcpy(id, r->new_id, sizeof(id));
        *res = STORE_UPSERT_INSERTED;
        *first_feed = r->feed_id;
    } else {
        rc = art_changed(st, r, id, &changed, &first_seen, first_feed);
        if (rc)
            return rc;
        if (changed) {
            rc = art_update(st, r, id, first_seen);
            if (rc)
                return rc;
        }
        *res = changed ? STORE_UPSERT_UPDATED : STORE_UPSERT_UNCHANGED;
    }
    if (r->feed_id > 0) {
        s = prep(st, sql_link);
        if (!s)
            return HERALD_E_DB;
        bind_text(st, s, 1, id);
        bind_int64(st, s, 2, r->feed_id);
        bind_text(st, s, 3, r->guid);
        bind_int64(st, s, 4, r->now);
        rc = step_done(st, s, "linking an article to its feed");
        if (rc)
            return rc;
    }
    memcpy(id_out, id, sizeof(id));
    return HERALD_OK;
}

static const char sql_art_get[] = "SELECT " FULL_COLS ART_FROM " WHERE a.id = ?1";

static herald_status sq_article_get(store *st, const char *id, struct store_article *out)
{
    sqlite3_stmt *s = prep(st, sql_art_get);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    rc = step_one_row(st, s, "no such article", "reading an article");
    if (rc)
        return rc;
    read_article(s, 1, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

static const char sql_art_set_fp[] = "UPDATE articles SET fingerprint = ?2 WHERE id = ?1";
static const char sql_art_set_story[] = "UPDATE articles SET story_id = ?2 WHERE id = ?1";

static herald_status sq_article_set_fingerprint(store *st, const char *id, const char *fp)
{
    sqlite3_stmt *s = prep(st, sql_art_set_fp);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    bind_text(st, s, 2, nonempty(fp));
    return step_one(st, s, "updating an article");
}

static herald_status sq_article_set_story(store *st, const char *id, int64_t story_id)
{
    sqlite3_stmt *s = prep(st, sql_art_set_story);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    bind_id(st, s, 2, story_id);
    return step_one(st, s, "updating an article");
}

/* Appends the WHERE conditions shared by lists and search. */
static void add_filters(struct strbuf *sb, int64_t source_id, int64_t feed_id, int64_t since,
                        int64_t until, const char *language, const char *entity)
{
    if (entity)
        strbuf_adds(sb, " AND a.id IN (SELECT ae.article_id FROM article_entities ae JOIN"
                        " entities e ON e.id = ae.entity_id WHERE e.slug = :ent)");
    if (source_id > 0)
        strbuf_adds(sb, " AND a.source_id = :src");
    if (feed_id > 0)
        strbuf_adds(sb, " AND a.id IN (SELECT article_id FROM article_feeds WHERE feed_id ="
                        " :feed)");
    if (since != TIME_NONE)
        strbuf_adds(sb, " AND a.sort_time >= :since");
    if (until != TIME_NONE)
        strbuf_adds(sb, " AND a.sort_time < :until");
    if (language)
        strbuf_adds(sb, " AND a.language = :lang");
}

static void bind_filters(store *st, sqlite3_stmt *s, int64_t source_id, int64_t feed_id,
                         int64_t since, int64_t until, const char *language, const char *entity)
{
    if (entity)
        bind_named_text(st, s, ":ent", entity);
    if (source_id > 0)
        bind_named_int(st, s, ":src", source_id);
    if (feed_id > 0)
        bind_named_int(st, s, ":feed", feed_id);
    if (since != TIME_NONE)
        bind_named_int(st, s, ":since", since);
    if (until != TIME_NONE)
        bind_named_int(st, s, ":until", until);
    if (language)
        bind_named_text(st, s, ":lang", language);
}

static herald_status sq_article_list(store *st, const struct store_article_query *q,
                                     const struct store_cursor *cur, struct store_article_list *out,
                                     int *more)
{
    struct strbuf sb = STRBUF_INIT;
    struct store_article_list l;
    size_t alloc = 0;
    sqlite3_stmt *s;
    int rc;
    herald_status hrc = HERALD_OK;

    memset(&l, 0, sizeof(l));
    if (q->topic) /* the topic's rows, already in list order (topic_id, sort_time, id) */
        strbuf_adds(&sb, "SELECT " CARD_COLS " FROM article_topics atp JOIN articles a ON"
                         " a.id = atp.article_id" CARD_JOIN " LEFT JOIN sources s ON"
                         " s.id = a.source_id WHERE atp.topic_id = (SELECT id FROM topics"
                         " WHERE slug = :topic)");
    else
        strbuf_adds(&sb, "SELECT " CARD_COLS ART_FROM " WHERE 1");
    if (!q->include_copies)
        strbuf_adds(&sb, " AND t.copy_of IS NULL");
    add_filters(&sb, q->source_id, q->feed_id, q->since, q->until, q->language, q->entity);
    if (q->story_id > 0)
        strbuf_adds(&sb, " AND a.story_id = :story");
    if (q->unread_for > 0)
        strbuf_adds(&sb, " AND NOT EXISTS (SELECT 1 FROM reading r WHERE r.user_id = :reader"
                         " AND r.article_id = a.id AND r.read IS NOT NULL)");
    /* atp.sort_time is a.sort_time (kept by the topic triggers; store_check) */
    {
        const char *ct = q->topic ? "atp.sort_time" : "a.sort_time";
        const char *cid = q->topic ? "atp.article_id" : "a.id";
        if (cur->set && cur->newer)
            strbuf_addf(&sb, " AND (%s, %s) > (:ct, :cid) ORDER BY %s ASC, %s ASC LIMIT :lim", ct,
                        cid, ct, cid);
        else if (cur->set)
            strbuf_addf(&sb, " AND (%s, %s) < (:ct, :cid) ORDER BY %s DESC, %s DESC LIMIT :lim", ct,
                        cid, ct, cid);
        else
            strbuf_addf(&sb, " ORDER BY %s DESC, %s DESC LIMIT :lim", ct, cid);
    }
    s = prep_dyn(st, sb.buf);
    strbuf_release(&sb);
    if (!s)
        return HERALD_E_DB;
    bind_filters(st, s, q->source_id, q->feed_id, q->since, q->until, q->language, q->entity);
    if (q->story_id > 0)
        bind_named_int(st, s, ":story", q->story_id);
    if (q->topic)
        bind_named_text(st, s, ":topic", q->topic);
    if (q->unread_for > 0)
        bind_named_int(st, s, ":reader", q->unread_for);
    if (cur->set) {
        bind_named_int(st, s, ":ct", cur->time);
        bind_named_text(st, s, ":cid", cur->id);
    }
    bind_named_int(st, s, ":lim", (int64_t)q->limit + 1);
    *more = 0;
    while ((rc = step(st, s)) == SQLITE_ROW) {
        if (l.count == (size_t)q->limit) {
            *more = 1;
            break;
        }
        ALLOC_GROW(l.items, l.count + 1, alloc);
        read_article(s, 0, &l.items[l.count++]);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        hrc = db_fail(st, "listing articles");
    sqlite3_reset(s);
    if (hrc) {
        store_article_list_release(&l);
        return hrc;
    }
    *out = l;
    return HERALD_OK;
}

/* ---- search ---------------------------------------------------------------------- */

/* Appends s as an FTS5 string literal. */
static void fts_quote(struct strbuf *sb, const char *s)
{
    strbuf_addch(sb, '"');
    for (; *s; s++) {
        if (*s == '"')
            strbuf_addch(sb, '"');
        strbuf_addch(sb, *s);
    }
    strbuf_addch(sb, '"');
}

static void fts_render(struct strbuf *sb, const struct store_qparsed *pq)
{
    for (size_t i = 0; i < pq->count; i++) {
        const struct store_qterm *t = &pq->terms[i];
        if (i > 0)
            strbuf_adds(sb, t->op == STORE_QOP_OR    ? " OR "
                            : t->op == STORE_QOP_NOT ? " NOT "
                                                     : " AND ");
        fts_quote(sb, t->text);
        if (t->prefix)
            strbuf_addch(sb, '*');
    }
}

static const char sql_marks[] = "SELECT highlight(articles_fts, 0, char(1), char(2)),"
                                " snippet(articles_fts, 1, char(1), char(2), '\xe2\x80\xa6', 24)"
                                " FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?2";

/* Fills the highlighted title and the snippet of one hit. */
static herald_status search_marks(store *st, const char *expr, int64_t seq,
                                  struct store_search_hit *h)
{
    sqlite3_stmt *s = prep(st, sql_marks);
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, expr);
    bind_int64(st, s, 2, seq);
    rc = step(st, s);
    if (rc == SQLITE_ROW) {
        h->title_hl = col_str(s, 0);
        h->snippet = col_str(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st, "highlighting search results");
    if (!h->title_hl)
        h->title_hl = xstrdup(h->article.title ? h->article.title : "");
    if (!h->snippet)
        h->snippet = xstrdup("");
    return HERALD_OK;
}

static const char sql_rel_n[] = "SELECT coalesce(max(seq), 0) FROM articles";
static const char sql_search_card[] = "SELECT " CARD_COLS ART_FROM " WHERE a.seq = ?1";

/*
 * Bounded ranking.  FTS5 ranks by computing its rank function for every match before it
 * can return the best, and its bm25() counts each term's matches over the whole index to
 * weigh it: a word found in most of a million articles costs milliseconds twice over.  So
 * a search ranks one window at a time: the newest STORE_SEARCH_WINDOW matches (FTS5 reads
 * doclists by rowid, newest first, and seq grows with arrival; ORDER BY rowid DESC LIMIT
 * streams), scored by herald_bm25 (below) and sorted here, by score or by date.  A page
 * is a slice of that sorted window after the cursor's (key, seq); the last page of a
 * window hands over to the next-older one.  A query with fewer matches than a window is
 * one window: ranked whole, exactly as an unbounded search.
 *
 * Work cap: herald_visit(rowid) sits in the scan's WHERE on the FTS5 side of the join,
 * so it runs for every match before the article row and the filters are read; after
 * visit_cap calls it fails the statement, the window ends there (the rows already
 * returned stay valid) and the next window starts at the row it refused.  Parsing caps the
 * rest: at most STORE_QTERMS_MAX terms, STORE_SEARCH_PREFIX_TERMS prefixes of at least
 * STORE_SEARCH_PREFIX_MIN characters, each read as one doclist from the prefix index.
 *
 * herald_bm25(articles_fts, w_title, w_text) is FTS5's bm25 with one change: a term's
 * document frequency is counted through xQueryPhrase only up to IDF_EXACT matches; above
 * that it is extrapolated from the rowid span those matches cover (df = n * rows / span),
 * so weighing a common word costs IDF_EXACT doclist entries, not a million.
 */
#define IDF_EXACT 2000
#define BM25_K1 1.2
#define BM25_B 0.75
#define SCORE_SCALE 1e9 /* the cursor's integer key: the score in billionths */

struct bm25_stats {
    int nphrase;
    double avgdl;
    double *idf;
    double *freq;
};

struct idf_count {
    int64_t n, first, last;
};

static int idf_count_cb(const Fts5ExtensionApi *api, Fts5Context *fts, void *ud)
{
    struct idf_count *c = ud;
    int64_t id = api->xRowid(fts);
    if (c->n == 0)
        c->first = id;
    c->last = id;
    return ++c->n >= IDF_EXACT ? SQLITE_DONE : SQLITE_OK;
}

static void bm25_stats_free(void *p)
{
    struct bm25_stats *d = p;
    if (!d)
        return;
    free(d->idf);
    free(d->freq);
    free(d);
}

static int bm25_stats_make(const Fts5ExtensionApi *api, Fts5Context *fts, struct bm25_stats **out)
{
    struct bm25_stats *d = xcalloc(1, sizeof(*d));
    sqlite3_int64 nrow = 0, ntok = 0;
    int rc;
    d->nphrase = api->xPhraseCount(fts);
    d->idf = xcalloc((size_t)d->nphrase + 1, sizeof(double));
    d->freq = xcalloc((size_t)d->nphrase + 1, sizeof(double));
    rc = api->xRowCount(fts, &nrow);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &ntok);
    d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
    for (int i = 0; rc == SQLITE_OK && i < d->nphrase; i++) {
        struct idf_count c = {0, 0, 0};
        double df;
        rc = api->xQueryPhrase(fts, i, &c, idf_count_cb);
        df = (double)c.n;
        if (c.n >= IDF_EXACT && c.last > c.first)
            df = (double)c.n * (double)nrow / (double)(c.last - c.first + 1);
        if (df > (double)nrow)
            df = (double)nrow;
        d->idf[i] = log(((double)nrow - df + 0.5) / (df + 0.5));
        if (d->idf[i] <= 0.0)
            d->idf[i] = 1e-6;
    }
    if (rc == SQLITE_OK)
        rc = api->xSetAuxdata(fts, d, bm25_stats_free);
    if (rc != SQLITE_OK) {
        bm25_stats_free(d);
        return rc;
    }
    *out = d;
    return SQLITE_OK;
}

static void herald_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                        int nval, sqlite3_value **val)
{
    struct bm25_stats *d = api->xGetAuxdata(fts, 0);
    int rc = SQLITE_OK, ninst = 0, dl = 0;
    double score = 0.0, norm;
    if (!d)
        rc = bm25_stats_make(api, fts, &d);
    if (rc == SQLITE_OK) {
        memset(d->freq, 0, sizeof(double) * (size_t)d->nphrase);
        rc = api->xInstCount(fts, &ninst);
    }
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int phrase, col, off;
        rc = api->xInst(fts, i, &phrase, &col, &off);
        if (rc == SQLITE_OK && phrase >= 0 && phrase < d->nphrase)
            d->freq[phrase] += col < nval ? sqlite3_value_double(val[col]) : 1.0;
    }
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &dl);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    norm = BM25_K1 * (1.0 - BM25_B + BM25_B * (double)dl / d->avgdl);
    for (int i = 0; i < d->nphrase; i++)
        score += d->idf[i] * d->freq[i] * (BM25_K1 + 1.0) / (d->freq[i] + norm);
    sqlite3_result_double(ctx, -score);
}

/* herald_visit(rowid): 1, counting the visit; the error "search work cap" once the
 * handle's visit_cap visits are spent (the refused rowid kept in visit_stop). */
static void herald_visit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct sq *q = sqlite3_user_data(ctx);
    (void)argc;
    if (q->visits >= q->visit_cap) {
        q->visit_stop = sqlite3_value_int64(argv[0]);
        sqlite3_result_error(ctx, "search work cap", -1);
        return;
    }
    q->visits++;
    sqlite3_result_int(ctx, 1);
}

/* Registers herald_bm25 and herald_visit on the connection (at open). */
static herald_status search_register(store *st)
{
    struct sq *q = SQ(st);
    fts5_api *api = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(q->db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "finding FTS5");
    bind_rc(st, sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL));
    step(st, s);
    sqlite3_finalize(s);
    if (!api || api->iVersion < 2 ||
        api->xCreateFunction(api, "herald_bm25", q, herald_bm25, NULL) != SQLITE_OK) {
        log_error(MOD, "cannot register the search ranking function");
        store_set_error(st, 0, "full-text search unavailable");
        return HERALD_E_DB;
    }
    if (sqlite3_create_function(q->db, "herald_visit", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, q,
                                herald_visit, NULL, NULL) != SQLITE_OK)
        return db_fail(st, "registering a search function");
    return HERALD_OK;
}

herald_status store_sqlite_limit_length(store *st, int bytes)
{
    if (st->ops != &store_sqlite_ops || bytes < 1)
        return HERALD_E_INVALID;
    sqlite3_limit(SQ(st)->db, SQLITE_LIMIT_LENGTH, bytes);
    return HERALD_OK;
}

herald_status store_sqlite_tune_search(store *st, int window, int64_t visits)
{
    if (st->ops != &store_sqlite_ops || window < 1 || visits < 1)
        return HERALD_E_INVALID;
    SQ(st)->search_window = window;
    SQ(st)->visit_cap_window = visits;
    return HERALD_OK;
}

struct cand {
    int64_t seq, key;
    double score;
};

/* The window's order: key ascending (score, or -sort_time), newer (higher seq) on ties. */
static int cand_cmp(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->seq > y->seq ? -1 : x->seq < y->seq;
}

static int cand_after(const struct cand *c, int64_t key, int64_t seq)
{
    return c->key > key || (c->key == key && c->seq < seq);
}

/*
 * Reads the window of matches with rowid in [lo, hi], newest first, at most
 * search_window + 1 of them and within the visit cap, into *cands (score or date key).
 * *end is the window's lowest rowid: lo when the scan ran out of matches, else where it
 * stopped (the last row kept, or the row the cap refused plus one).
 */
static herald_status search_scan(store *st, const struct store_search_query *q, const char *expr,
                                 int64_t lo, int64_t hi, struct cand **cands, size_t *n,
                                 int64_t *end, int *capped)
{
    struct sq *sqh = SQ(st);
    struct strbuf sb = STRBUF_INIT;
    size_t alloc = 0, k = (size_t)sqh->search_window;
    int join = q->order == STORE_SEARCH_NEWEST || q->source_id > 0 || q->language ||
               q->since != TIME_NONE || q->until != TIME_NONE;
    sqlite3_stmt *s;
    int rc;
    herald_status hrc = HERALD_OK;

    *n = 0;
    *capped = 0;
    *end = lo;
    strbuf_adds(&sb, "SELECT articles_fts.rowid, ");
    strbuf_adds(&sb, q->order == STORE_SEARCH_NEWEST ? "a.sort_time"
                                                     : "herald_bm25(articles_fts, 10.0, 1.0)");
    strbuf_adds(&sb, " FROM articles_fts");
    if (join)
        strbuf_adds(&sb, " JOIN articles a ON a.seq = articles_fts.rowid");
    strbuf_adds(&sb, " WHERE articles_fts MATCH :q AND articles_fts.rowid BETWEEN :lo AND :hi"
                     " AND herald_visit(articles_fts.rowid)");
    add_filters(&sb, q->source_id, 0, q->since, q->until, q->language, NULL);
    strbuf_adds(&sb, " ORDER BY articles_fts.rowid DESC LIMIT :k");
    s = prep_dyn(st, sb.buf);
    strbuf_release(&sb);
    if (!s)
        return HERALD_E_DB;
    bind_named_text(st, s, ":q", expr);
    bind_named_int(st, s, ":lo", lo);
    bind_named_int(st, s, ":hi", hi);
    bind_filters(st, s, q->source_id, 0, q->since, q->until, q->language, NULL);
    bind_named_int(st, s, ":k", (int64_t)k + 1);
    sqh->visits = 0;
    sqh->visit_cap = sqh->visit_cap_window;
    sqh->visit_stop = 0;
    while ((rc = step(st, s)) == SQLITE_ROW) {
        struct cand *c;
        if (*n == k) {
            /* one more match exists: the window ends at the last one kept */
            *end = (*cands)[k - 1].seq;
            break;
        }
        ALLOC_GROW(*cands, *n + 1, alloc);
        c = &(*cands)[(*n)++];
        c->seq = sqlite3_column_int64(s, 0);
        if (q->order == STORE_SEARCH_NEWEST) {
            c->score = 0.0;
            c->key = -sqlite3_column_int64(s, 1);
        } else {
            c->score = sqlite3_column_double(s, 1);
            c->key = llround(c->score * SCORE_SCALE);
        }
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        if (sqh->visit_stop > 0) {
            *capped = 1;
            *end = sqh->visit_stop + 1;
        } else {
            /* Terms are always quoted, so this is unexpected; still, the user's query
             * must never surface as a server error. */
            log_warn(MOD, "search for %s failed: %s", expr, sqlite3_errmsg(sqh->db));
            store_set_error(st, 0, "the search query could not be understood");
            hrc = HERALD_E_INVALID;
        }
    }
    sqlite3_reset(s);
    return hrc;
}

/* Reads the card, the highlighted title and the snippet of the hit at seq. */
static herald_status search_hit(store *st, const char *expr, const struct cand *c,
                                struct store_search_hit *h)
{
    sqlite3_stmt *s = prep(st, sql_search_card);
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, c->seq);
    rc = step(st, s);
    if (rc == SQLITE_ROW)
        read_article(s, 0, &h->article);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? HERALD_E_NOTFOUND : db_fail(st, "reading a search hit");
    h->score = c->score;
    return search_marks(st, expr, c->seq, h);
}

static herald_status sq_search(store *st, const struct store_search_query *q,
                               const struct store_qparsed *pq, const struct store_search_pos *pos,
                               struct store_search_result *out, struct store_search_pos *next)
{
    struct strbuf expr = STRBUF_INIT;
    struct store_search_result r;
    struct cand *cands = NULL;
    size_t n = 0, from = 0, alloc = 0;
    int64_t lo = 0, hi = 0, end = 0;
    int capped = 0;
    sqlite3_stmt *s;
    herald_status hrc = HERALD_OK;

    memset(&r, 0, sizeof(r));
    memset(next, 0, sizeof(*next));
    fts_render(&expr, pq);
    if (pos->set) {
        hi = pos->hi;
        lo = pos->in_window ? pos->lo : 0;
    } else {
        /* The window's top is fixed now: articles arriving later never enter it. */
        s = prep(st, sql_rel_n);
        if (!s) {
            hrc = HERALD_E_DB;
            goto out;
        }
        if (step(st, s) == SQLITE_ROW)
            hi = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
    }
    if (hi < 1)
        goto out;
    hrc = search_scan(st, q, expr.buf, lo, hi, &cands, &n, &end, &capped);
    if (hrc)
        goto out;
    if (pos->set && pos->in_window)
        end = pos->lo; /* the window keeps the bounds it was opened with */
    if (n > 1)
        qsort(cands, n, sizeof(cands[0]), cand_cmp);
    if (pos->set && pos->in_window)
        while (from < n && !cand_after(&cands[from], pos->key, pos->seq))
            from++;
    if (pos->set) {
        r.total = pos->total;
        r.total_capped = pos->total_capped;
    } else {
        r.total = (int64_t)n;
        r.total_capped = end > 0;
    }
    for (size_t i = from; hrc == HERALD_OK && i < n && r.count < (size_t)q->limit; i++) {
        ALLOC_GROW(r.hits, r.count + 1, alloc);
        memset(&r.hits[r.count], 0, sizeof(r.hits[0]));
        hrc = search_hit(st, expr.buf, &cands[i], &r.hits[r.count]);
        if (hrc == HERALD_E_NOTFOUND) {
            /* deleted since the scan: skip it */
            store_article_release(&r.hits[r.count].article);
            hrc = HERALD_OK;
            continue;
        }
        r.count++;
        if (r.count == (size_t)q->limit && i + 1 < n) {
            next->set = 1;
            next->in_window = 1;
            next->hi = hi;
            next->lo = end;
            next->key = cands[i].key;
            next->seq = cands[i].seq;
        }
    }
    if (hrc == HERALD_OK && !next->set && end > 1) {
        /* the window is spent: the next page opens the next-older one */
        next->set = 1;
        next->hi = end - 1;
        r.window_end = 1;
    }
    next->total = r.total;
    next->total_capped = r.total_capped;
out:
    free(cands);
    strbuf_release(&expr);
    if (hrc) {
        store_search_result_release(&r);
        memset(next, 0, sizeof(*next));
        return hrc;
    }
    *out = r;
    return HERALD_OK;
}

/* ---- related articles ------------------------------------------------------------ */

#define REL_TEXT_MAX (32 * 1024) /* bytes of text tokenized */
#define REL_TOKENS_MAX 6000
#define REL_CANDIDATES_MAX 48
#define REL_POSTINGS_MAX 5000 /* bounds the cost of the OR query */
#define REL_TERMS 20

struct rel_token {
    const char *stem; /* into the arena */
    const char *surface;
    int in_title;
};

struct rel_ctx {
    struct rel_token *toks;
    size_t n, alloc;
    const char *src; /* the text being tokenized */
    int in_title;
    char **strings;
    size_t nstrings, astrings;
};

static const char *rel_keep(struct rel_ctx *c, const char *s, size_t n)
{
    char *d = xstrndup(s, n);
    ALLOC_GROW(c->strings, c->nstrings + 1, c->astrings);
    c->strings[c->nstrings++] = d;
    return d;
}

static int rel_token_cb(void *ctx, int flags, const char *tok, int ntok, int start, int end)
{
    struct rel_ctx *c = ctx;
    int digits = 1;
    (void)flags;
    if (c->n >= REL_TOKENS_MAX)
        return SQLITE_DONE;
    if (ntok < 3 || end <= start)
        return SQLITE_OK;
    for (int i = 0; i < ntok; i++)
        if (tok[i] < '0' || tok[i] > '9')
            digits = 0;
    if (digits)
        return SQLITE_OK;
    ALLOC_GROW(c->toks, c->n + 1, c->alloc);
    c->toks[c->n].stem = rel_keep(c, tok, (size_t)ntok);
    c->toks[c->n].surface = rel_keep(c, c->src + start, (size_t)(end - start));
    c->toks[c->n].in_title = c->in_title;
    c->n++;
    return SQLITE_OK;
}

static int rel_token_cmp(const void *a, const void *b)
{
    const struct rel_token *x = a, *y = b;
    return strcmp(x->stem, y->stem);
}

struct rel_term {
    const char *stem;
    const char *surface;
    int tf;
    int in_title;
    int64_t df;
    double weight;
};

static int rel_term_cmp(const void *a, const void *b)
{
    const struct rel_term *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return strcmp(x->stem, y->stem);
}

static int rel_tf_cmp(const void *a, const void *b)
{
    const struct rel_term *x = a, *y = b;
    int sx = x->tf + 3 * x->in_title, sy = y->tf + 3 * y->in_title;
    if (sx != sy)
        return sx > sy ? -1 : 1;
    return strcmp(x->stem, y->stem);
}

/* Words too common to say what an article is about, in the languages herald meets most;
 * idf alone cannot tell on a small database. */
static int rel_stopword(const char *w)
{
    static const char *const stop[] = {
        "the",   "and",  "for",   "that", "with",  "this",  "from",  "are",  "was",   "were",
        "has",   "have", "had",   "not",  "but",   "its",   "their", "they", "will",  "would",
        "said",  "says", "which", "who",  "been",  "also",  "after", "more", "than",  "into",
        "about", "over", "out",   "can",  "could", "there", "what",  "when", "where", "while",
        "other", "some", "such",  "only", "new",   "one",   "two",   "our",  "his",   "her",
        "she",   "him",  "you",   "your", "all",   "any",   "most",  "them", "these", "those",
        "then",  "very", "just",  "der",  "die",   "das",   "und",   "les",  "des",   "une",
        "est",   "del",  "los",   "las",  "por",   "con",   "para",  "una"};
    for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
        if (strcasecmp(w, stop[i]) == 0)
            return 1;
    return 0;
}

static herald_status get_tokenizer(store *st)
{
    struct sq *q = SQ(st);
    fts5_api *api = NULL;
    sqlite3_stmt *s = NULL;
    void *ud = NULL;
    const char *args[] = {"unicode61", "remove_diacritics", "2"};
    if (q->tok)
        return HERALD_OK;
    if (q->tok_failed)
        return HERALD_E_DB;
    if (sqlite3_prepare_v2(q->db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
        goto fail;
    bind_rc(st, sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL));
    step(st, s);
    sqlite3_finalize(s);
    if (!api || api->iVersion < 2)
        goto fail;
    if (api->xFindTokenizer(api, "porter", &ud, &q->tok_api) != SQLITE_OK)
        goto fail;
    if (q->tok_api.xCreate(ud, args, 3, &q->tok) != SQLITE_OK) {
        q->tok = NULL;
        goto fail;
    }
    return HERALD_OK;
fail:
    q->tok_failed = 1;
    log_error(MOD, "the FTS5 porter tokenizer is not available");
    store_set_error(st, 0, "full-text tokenizer unavailable");
    return HERALD_E_DB;
}

static const char sql_rel_src[] =
    "SELECT title, substr(text, 1, 32768), coalesce(source_id, 0), coalesce(feed_id, 0),"
    " url_key, canonical_key, fingerprint, lower(trim(coalesce(title, '')))"
    " FROM articles WHERE id = ?1";
/* The number of articles with a term, counted up to ?2: a single-term MATCH is read
 * lazily, so the LIMIT stops the count early, where fts5vocab would decode the term's
 * whole doclist (for a word in most of a million articles, milliseconds per word). */
static const char sql_rel_df[] =
    "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT ?2)";
static const char sql_rel_copies[] =
    "SELECT count(*) FROM (SELECT seq FROM articles WHERE lower(trim(coalesce(title, ''))) = ?1"
    " UNION SELECT seq FROM articles WHERE fingerprint = ?2)";
static const char sql_rel_query[] =
    "SELECT " CARD_COLS ", lower(trim(coalesce(a.title, ''))), articles_fts.rank"
    " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid" CARD_JOIN
    " LEFT JOIN sources s ON s.id = a.source_id"
    " WHERE articles_fts MATCH ?1 AND articles_fts.rank MATCH 'bm25(3.0, 1.0)' AND a.id <> ?2"
    " AND (CASE WHEN ?3 > 0 THEN coalesce(a.source_id, 0) <> ?3"
    "  ELSE coalesce(a.feed_id, 0) <> ?4 OR ?4 = 0 END)"
    " AND a.url_key <> ?5 AND a.url_key <> coalesce(?6, '')"
    " AND (a.canonical_key IS NULL OR a.canonical_key NOT IN (?5, coalesce(?6, '')))"
    " AND (?7 IS NULL OR a.fingerprint IS NULL OR a.fingerprint <> ?7)"
    " AND lower(trim(coalesce(a.title, ''))) <> ?8"
    " ORDER BY articles_fts.rank LIMIT ?9";

struct rel_source {
    char *title, *text, *url_key, *canonical_key, *fingerprint, *title_key;
    int64_t source_id, feed_id;
};

static void rel_source_release(struct rel_source *r)
{
    free(r->title);
    free(r->text);
    free(r->url_key);
    free(r->canonical_key);
    free(r->fingerprint);
    free(r->title_key);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/*
 * The number of articles containing an indexed term (stem; surface is a spelling of it in
 * the article, which the query tokenizes back to the stem), counted up to cap: *df ==
 * cap means "cap or more".  Related articles never use a term in more than
 * REL_POSTINGS_MAX articles, so the exact count of a common word does not matter, and
 * counting it is what made a first view slow on a large database.
 * Large counts are cached per handle: they move slowly and only weigh terms.  Small
 * counts are cheap to read and change fast (a new story's names start at 1), so they are
 * never cached.  The cache is emptied when three quarters full (no eviction bookkeeping).
 */
static herald_status term_df(store *st, const char *stem, const char *surface, int64_t cap,
                             int64_t *df)
{
    struct sq *q = SQ(st);
    struct strbuf match = STRBUF_INIT;
    sqlite3_stmt *s;
    size_t slot;
    int rc;
    if (!q->df_cache)
        q->df_cache = xcalloc(DF_CACHE_SIZE, sizeof(*q->df_cache));
    slot = (size_t)fnv1a(stem) & (DF_CACHE_SIZE - 1);
    while (q->df_cache[slot].term) {
        if (strcmp(q->df_cache[slot].term, stem) == 0) {
            if (q->df_cache[slot].capped && q->df_cache[slot].df < cap)
                break; /* counted to a lower cap: count again */
            *df = q->df_cache[slot].df < cap ? q->df_cache[slot].df : cap;
            return HERALD_OK;
        }
        slot = (slot + 1) & (DF_CACHE_SIZE - 1);
    }
    s = prep(st, sql_rel_df);
    if (!s)
        return HERALD_E_DB;
    fts_quote(&match, surface);
    bind_text(st, s, 1, match.buf);
    bind_int64(st, s, 2, cap);
    rc = step(st, s);
    *df = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    strbuf_release(&match);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st, "counting a term's articles");
    if (*df < DF_CACHE_MIN)
        return HERALD_OK;
    if (q->df_cache[slot].term && strcmp(q->df_cache[slot].term, stem) == 0) {
        /* a recount of a capped entry */
        q->df_cache[slot].df = *df;
        q->df_cache[slot].capped = *df >= cap;
        return HERALD_OK;
    }
    if (q->df_used >= DF_CACHE_SIZE / 4 * 3) {
        for (size_t i = 0; i < DF_CACHE_SIZE; i++) {
            free(q->df_cache[i].term);
            q->df_cache[i].term = NULL;
        }
        q->df_used = 0;
        slot = (size_t)fnv1a(stem) & (DF_CACHE_SIZE - 1);
    }
    q->df_cache[slot].term = xstrdup(stem);
    q->df_cache[slot].df = *df;
    q->df_cache[slot].capped = *df >= cap;
    q->df_used++;
    return HERALD_OK;
}

static herald_status rel_terms(store *st, const struct rel_source *src, struct strbuf *expr)
{
    struct sq *q = SQ(st);
    struct rel_ctx c;
    struct rel_term *terms = NULL;
    size_t nterms = 0, aterms = 0, chosen = 0;
    int64_t ndocs = 1, common, copies = 1, postings = 0;
    sqlite3_stmt *s;
    herald_status rc;

    memset(&c, 0, sizeof(c));
    rc = get_tokenizer(st);
    if (rc)
        return rc;
    if (src->title) {
        c.src = src->title;
        c.in_title = 1;
        q->tok_api.xTokenize(q->tok, &c, FTS5_TOKENIZE_DOCUMENT, src->title,
                             (int)strlen(src->title), rel_token_cb);
    }
    if (src->text) {
        c.src = src->text;
        c.in_title = 0;
        q->tok_api.xTokenize(q->tok, &c, FTS5_TOKENIZE_DOCUMENT, src->text, (int)strlen(src->text),
                             rel_token_cb);
    }
    if (c.n > 0)
        qsort(c.toks, c.n, sizeof(c.toks[0]), rel_token_cmp);
    for (size_t i = 0; i < c.n; i++) {
        struct rel_token *t = &c.toks[i];
        if (rel_stopword(t->surface))
            continue;
        if (nterms > 0 && strcmp(terms[nterms - 1].stem, t->stem) == 0) {
            terms[nterms - 1].tf++;
            terms[nterms - 1].in_title |= t->in_title;
            continue;
        }
        ALLOC_GROW(terms, nterms + 1, aterms);
        terms[nterms].stem = t->stem;
        terms[nterms].surface = t->surface;
        terms[nterms].tf = 1;
        terms[nterms].in_title = t->in_title;
        terms[nterms].weight = 0;
        nterms++;
    }
    /* The most frequent candidates only: one vocabulary lookup each. */
    if (nterms > 1)
        qsort(terms, nterms, sizeof(terms[0]), rel_tf_cmp);
    if (nterms > REL_CANDIDATES_MAX)
        nterms = REL_CANDIDATES_MAX;
    s = prep(st, sql_rel_n);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    if (step(st, s) == SQLITE_ROW)
        ndocs = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (ndocs < 1)
        ndocs = 1;
    common = ndocs / 10 < 5 ? 5 : ndocs / 10;
    /* The article's copies (itself included) contain all its words: a word only they
     * contain matches nothing useful, so document frequencies discount them. */
    s = prep(st, sql_rel_copies);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    bind_text(st, s, 1, src->title_key && *src->title_key ? src->title_key : NULL);
    bind_text(st, s, 2, src->fingerprint);
    if (step(st, s) == SQLITE_ROW)
        copies = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (copies < 1)
        copies = 1;
    for (size_t i = 0; i < nterms; i++) {
        int64_t df = 0;
        double idf;
        rc = term_df(st, terms[i].stem, terms[i].surface, REL_POSTINGS_MAX + copies + 1, &df);
        if (rc)
            goto out;
        /* Only in this article and its copies: matches nothing else.  In a tenth of all
         * articles (and more than a handful): too common to say what this one is about.
         * In more than REL_POSTINGS_MAX others: too costly to query (and df was only
         * counted that far). */
        df -= copies;
        if (df < 1 || df > common || df > REL_POSTINGS_MAX) {
            terms[i].weight = 0;
            continue;
        }
        terms[i].df = df;
        idf = log(1.0 + ((double)ndocs - (double)df + 0.5) / ((double)df + 0.5));
        terms[i].weight = (1.0 + log((double)terms[i].tf)) * idf * (terms[i].in_title ? 2.0 : 1.0);
    }
    if (nterms > 1)
        qsort(terms, nterms, sizeof(terms[0]), rel_term_cmp);
    for (size_t i = 0; i < nterms && chosen < REL_TERMS; i++) {
        if (terms[i].weight <= 0)
            break;
        /* The query reads every posting of its terms: keep their total bounded. */
        if (postings + terms[i].df > REL_POSTINGS_MAX)
            continue;
        postings += terms[i].df;
        if (chosen > 0)
            strbuf_adds(expr, " OR ");
        fts_quote(expr, terms[i].surface);
        chosen++;
    }
    rc = HERALD_OK;
out:
    for (size_t i = 0; i < c.nstrings; i++)
        free(c.strings[i]);
    free(c.strings);
    free(c.toks);
    free(terms);
    return rc;
}

static herald_status sq_related(store *st, const char *id, int limit,
                                struct store_article_list *out)
{
    struct rel_source src;
    struct strbuf expr = STRBUF_INIT;
    struct store_article_list l;
    char **seen_titles = NULL;
    double *scores = NULL;
    size_t alloc = 0;
    sqlite3_stmt *s;
    int rc;
    herald_status hrc = HERALD_OK;

    memset(&src, 0, sizeof(src));
    memset(&l, 0, sizeof(l));
    s = prep(st, sql_rel_src);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    rc = step(st, s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        if (rc == SQLITE_DONE) {
            store_set_error(st, 0, "no such article");
            return HERALD_E_NOTFOUND;
        }
        return db_fail(st, "reading an article");
    }
    src.title = col_str(s, 0);
    src.text = col_str(s, 1);
    src.source_id = sqlite3_column_int64(s, 2);
    src.feed_id = sqlite3_column_int64(s, 3);
    src.url_key = col_str(s, 4);
    src.canonical_key = col_str(s, 5);
    src.fingerprint = col_str(s, 6);
    src.title_key = col_str(s, 7);
    sqlite3_reset(s);

    hrc = rel_terms(st, &src, &expr);
    if (hrc || expr.len == 0)
        goto done;
    log_debug(MOD, "related to %s: %s", id, expr.buf);
    s = prep(st, sql_rel_query);
    if (!s) {
        hrc = HERALD_E_DB;
        goto done;
    }
    bind_text(st, s, 1, expr.buf);
    bind_text(st, s, 2, id);
    bind_int64(st, s, 3, src.source_id);
    bind_int64(st, s, 4, src.feed_id);
    bind_text(st, s, 5, src.url_key);
    bind_text(st, s, 6, src.canonical_key);
    bind_text(st, s, 7, src.fingerprint);
    bind_text(st, s, 8, src.title_key ? src.title_key : "");
    bind_int(st, s, 9, limit * 4);
    seen_titles = xcalloc((size_t)limit, sizeof(*seen_titles));
    scores = xcalloc((size_t)limit, sizeof(*scores));
    while (l.count < (size_t)limit && (rc = step(st, s)) == SQLITE_ROW) {
        const char *tk = (const char *)sqlite3_column_text(s, CARD_NCOLS);
        int dup = 0;
        for (size_t i = 0; i < l.count; i++)
            if (tk && *tk && strcmp(seen_titles[i], tk) == 0)
                dup = 1;
        if (dup)
            continue;
        ALLOC_GROW(l.items, l.count + 1, alloc);
        seen_titles[l.count] = xstrdup(tk ? tk : "");
        scores[l.count] = sqlite3_column_double(s, CARD_NCOLS + 1);
        read_article(s, 0, &l.items[l.count++]);
    }
    /* Rows arrive by rank; equal ranks go newer first (insertion sort: a handful). */
    for (size_t i = 1; i < l.count; i++) {
        for (size_t j = i;
             j > 0 && scores[j] == scores[j - 1] && l.items[j].sort_time > l.items[j - 1].sort_time;
             j--) {
            struct store_article t = l.items[j];
            l.items[j] = l.items[j - 1];
            l.items[j - 1] = t;
        }
    }
    if (l.count < (size_t)limit && rc != SQLITE_DONE)
        hrc = db_fail(st, "finding related articles");
    sqlite3_reset(s);
done:
    for (size_t i = 0; seen_titles && i < l.count; i++)
        free(seen_titles[i]);
    free(seen_titles);
    free(scores);
    strbuf_release(&expr);
    rel_source_release(&src);
    if (hrc) {
        store_article_list_release(&l);
        return hrc;
    }
    *out = l;
    return HERALD_OK;
}

/* ---- analysis results, entities, LLM cache ---------------------------------------- */

static const char sql_ai_exists[] = "SELECT 1 FROM articles WHERE id = ?1";
static const char sql_ai_put[] =
    "INSERT OR REPLACE INTO article_ai (article_id, language, reading_minutes, lang_neutral,"
    " summary, key_points, keywords, version, computed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_ai_lang[] =
    "UPDATE articles SET language = ?2 WHERE id = ?1 AND coalesce(language, '') = ''";
static const char sql_ai_touch[] = "UPDATE articles SET last_changed = ?2 WHERE id = ?1";
static const char sql_ai_unlink[] = "DELETE FROM article_entities WHERE article_id = ?1";
static const char sql_ent_ensure[] =
    "INSERT INTO entities (slug, name, type) VALUES (?1, ?2, ?3) ON CONFLICT (slug) DO NOTHING";
static const char sql_ent_id[] = "SELECT id FROM entities WHERE slug = ?1";
static const char sql_ent_link[] =
    "INSERT INTO article_entities (article_id, entity_id, count, rank) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (article_id, entity_id) DO UPDATE SET count = count + excluded.count";
static const char sql_ai_get[] =
    "SELECT language, reading_minutes, lang_neutral, summary, key_points, keywords, version,"
    " computed_at FROM article_ai WHERE article_id = ?1";
static const char sql_ai_entities[] =
    "SELECT e.slug, e.name, e.type, ae.count FROM article_entities ae JOIN entities e"
    " ON e.id = ae.entity_id WHERE ae.article_id = ?1 ORDER BY ae.rank LIMIT 200";
static const char sql_ent_get[] =
    "SELECT e.slug, e.name, e.type, (SELECT count(*) FROM article_entities ae"
    " WHERE ae.entity_id = e.id) FROM entities e WHERE e.slug = ?1";

static herald_status sq_analysis_put(store *st, const char *id, const struct store_analysis *a,
                                     int64_t now)
{
    sqlite3_stmt *s = prep(st, sql_ai_exists);
    herald_status rc;
    char *sum = NULL, *kp = NULL, *kw = NULL;
    int64_t eid = 0;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    rc = step_one_row(st, s, "no such article", "reading an article");
    if (rc)
        return rc;
    sqlite3_reset(s);
    sum = store_lines_join(a->summary, a->n_summary, STORE_ANALYSIS_ITEMS_MAX);
    kp = store_lines_join(a->key_points, a->n_key_points, STORE_ANALYSIS_ITEMS_MAX);
    kw = store_lines_join(a->keywords, a->n_keywords, STORE_ANALYSIS_ITEMS_MAX);
    s = prep(st, sql_ai_put);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    bind_text(st, s, 1, id);
    bind_text(st, s, 2, a->language);
    bind_int(st, s, 3, a->reading_minutes);
    bind_int(st, s, 4, a->lang_neutral ? 1 : 0);
    bind_text(st, s, 5, sum);
    bind_text(st, s, 6, kp);
    bind_text(st, s, 7, kw);
    bind_int(st, s, 8, a->version);
    bind_int64(st, s, 9, now);
    rc = step_done(st, s, "storing an analysis");
    if (rc)
        goto out;
    if (a->language) {
        s = prep(st, sql_ai_lang);
        if (!s) {
            rc = HERALD_E_DB;
            goto out;
        }
        bind_text(st, s, 1, id);
        bind_text(st, s, 2, a->language);
        rc = step_done(st, s, "storing an analysis");
        if (rc)
            goto out;
    }
    s = prep(st, sql_ai_touch);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    bind_text(st, s, 1, id);
    bind_int64(st, s, 2, now);
    rc = step_done(st, s, "storing an analysis");
    if (rc)
        goto out;
    s = prep(st, sql_ai_unlink);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    bind_text(st, s, 1, id);
    rc = step_done(st, s, "storing an analysis");
    for (size_t i = 0; rc == HERALD_OK && i < a->n_entities; i++) {
        const struct store_entity *e = &a->entities[i];
        s = prep(st, sql_ent_ensure);
        if (!s) {
            rc = HERALD_E_DB;
            break;
        }
        bind_text(st, s, 1, e->slug);
        bind_text(st, s, 2, e->name);
        bind_text(st, s, 3, e->type);
        rc = step_done(st, s, "storing an entity");
        if (rc)
            break;
        s = prep(st, sql_ent_id);
        if (!s) {
            rc = HERALD_E_DB;
            break;
        }
        bind_text(st, s, 1, e->slug);
        rc = find_one_id(st, s, &eid, "storing an entity");
        if (rc)
            break;
        s = prep(st, sql_ent_link);
        if (!s) {
            rc = HERALD_E_DB;
            break;
        }
        bind_text(st, s, 1, id);
        bind_int64(st, s, 2, eid);
        bind_int(st, s, 3, e->count);
        bind_int64(st, s, 4, (int64_t)i);
        rc = step_done(st, s, "storing an entity");
    }
out:
    free(sum);
    free(kp);
    free(kw);
    return rc;
}

static void read_entity(sqlite3_stmt *s, struct store_entity *e)
{
    memset(e, 0, sizeof(*e));
    e->slug = col_str(s, 0);
    e->name = col_str(s, 1);
    e->type = col_str(s, 2);
    e->count = sqlite3_column_int(s, 3);
}

static herald_status sq_analysis_get(store *st, const char *id, struct store_analysis *out)
{
    struct store_analysis a;
    sqlite3_stmt *s = prep(st, sql_ai_get);
    herald_status rc;
    size_t alloc = 0;
    int src;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    rc = step_one_row(st, s, "no analysis yet", "reading an analysis");
    if (rc)
        return rc;
    store_analysis_init(&a);
    a.language = col_str(s, 0);
    a.reading_minutes = sqlite3_column_int(s, 1);
    a.lang_neutral = sqlite3_column_int(s, 2);
    store_lines_split((const char *)sqlite3_column_text(s, 3), &a.summary, &a.n_summary);
    store_lines_split((const char *)sqlite3_column_text(s, 4), &a.key_points, &a.n_key_points);
    store_lines_split((const char *)sqlite3_column_text(s, 5), &a.keywords, &a.n_keywords);
    a.version = sqlite3_column_int(s, 6);
    a.computed_at = col_time(s, 7);
    sqlite3_reset(s);
    s = prep(st, sql_ai_entities);
    if (!s) {
        store_analysis_release(&a);
        return HERALD_E_DB;
    }
    bind_text(st, s, 1, id);
    while ((src = step(st, s)) == SQLITE_ROW) {
        ALLOC_GROW(a.entities, a.n_entities + 1, alloc);
        read_entity(s, &a.entities[a.n_entities++]);
    }
    sqlite3_reset(s);
    if (src != SQLITE_DONE) {
        store_analysis_release(&a);
        return db_fail(st, "reading entities");
    }
    *out = a;
    return HERALD_OK;
}

static herald_status sq_entity_get(store *st, const char *slug, struct store_entity *out)
{
    sqlite3_stmt *s = prep(st, sql_ent_get);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, slug);
    rc = step_one_row(st, s, "no such entity", "reading an entity");
    if (rc)
        return rc;
    read_entity(s, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

static herald_status sq_word_df(store *st, const char *word, int64_t cap, int64_t *df)
{
    return term_df(st, word, word, cap, df);
}

static const char sql_llm_put[] =
    "INSERT OR REPLACE INTO llm_cache (article_id, task, key, model, output, created)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_llm_get[] =
    "SELECT output FROM llm_cache WHERE article_id = ?1 AND task = ?2 AND key = ?3";

static herald_status sq_llm_cache_put(store *st, const char *id, const char *task, const char *key,
                                      const char *model, const char *output, int64_t now)
{
    sqlite3_stmt *s = prep(st, sql_llm_put);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    bind_text(st, s, 2, task);
    bind_text(st, s, 3, key);
    bind_text(st, s, 4, model);
    bind_text(st, s, 5, output);
    bind_int64(st, s, 6, now);
    return step_done(st, s, "caching a model answer");
}

static herald_status sq_llm_cache_get(store *st, const char *id, const char *task, const char *key,
                                      char **out)
{
    sqlite3_stmt *s = prep(st, sql_llm_get);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    bind_text(st, s, 2, task);
    bind_text(st, s, 3, key);
    rc = step_one_row(st, s, "not cached", "reading the model cache");
    if (rc)
        return rc;
    *out = col_str(s, 0);
    sqlite3_reset(s);
    if (!*out)
        *out = xstrdup("");
    return HERALD_OK;
}

/* ---- job queue ------------------------------------------------------------------- */

/* An enqueue of a job that exists: a running one (live lease) runs once more after it
 * completes; a waiting or dead one becomes due at the earlier time with fresh attempts. */
#define JOB_UPSERT                                                                                 \
    " ON CONFLICT (kind, article_id) DO UPDATE SET"                                                \
    " rerun = CASE WHEN lease_owner IS NOT NULL AND lease_until > :now THEN 1 ELSE rerun END,"     \
    " attempts = CASE WHEN lease_owner IS NOT NULL AND lease_until > :now THEN attempts"           \
    "  ELSE 0 END,"                                                                                \
    " next_at = CASE WHEN next_at IS NULL OR next_at > excluded.next_at THEN excluded.next_at"     \
    "  ELSE next_at END,"                                                                          \
    " last_error = CASE WHEN lease_owner IS NOT NULL AND lease_until > :now THEN last_error"       \
    "  ELSE NULL END,"                                                                             \
    " serial = excluded.serial"

static const char sql_job_enqueue[] =
    "INSERT INTO jobs (kind, article_id, serial, attempts, next_at, created)"
    " VALUES (:kind, :art, :serial, 0, :due, :now)" JOB_UPSERT;
static const char sql_job_enqueue_all[] =
    "INSERT INTO jobs (kind, article_id, serial, attempts, next_at, created)"
    " SELECT :kind, id, 0, 0, :now, :now FROM articles WHERE true"
    " ORDER BY sort_time DESC, id DESC" JOB_UPSERT;
static const char sql_job_bury[] =
    "UPDATE jobs SET next_at = NULL, lease_owner = NULL, lease_until = NULL,"
    " last_error = coalesce(last_error, 'gave up: no attempt finished')"
    " WHERE next_at IS NOT NULL AND attempts >= ?2 AND rerun = 0"
    " AND (lease_owner IS NULL OR lease_until <= ?1)";
static const char sql_job_claim[] =
    "UPDATE jobs SET lease_owner = ?1, lease_until = ?2 + ?3, attempts = attempts + 1"
    " WHERE id = (SELECT j.id FROM jobs j WHERE j.next_at <= ?2"
    "  AND (j.lease_owner IS NULL OR j.lease_until <= ?2) AND j.attempts < ?4"
    "  AND (j.serial = 0 OR NOT EXISTS (SELECT 1 FROM jobs k WHERE k.kind = j.kind"
    "   AND k.id <> j.id AND k.lease_owner IS NOT NULL AND k.lease_until > ?2))"
    "  ORDER BY j.next_at, j.id LIMIT 1)"
    " RETURNING id, kind, article_id, attempts, next_at, last_error";
static const char sql_job_done[] =
    "DELETE FROM jobs WHERE id = ?1 AND lease_owner = ?2 AND rerun = 0";
static const char sql_job_rearm[] =
    "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, rerun = 0, attempts = 0,"
    " next_at = ?3, last_error = NULL WHERE id = ?1 AND lease_owner = ?2";
static const char sql_job_held[] =
    "SELECT attempts, rerun FROM jobs WHERE id = ?1 AND lease_owner = ?2";
static const char sql_job_failed[] =
    "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, rerun = 0, attempts = ?3,"
    " next_at = ?4, last_error = ?5 WHERE id = ?1";
static const char sql_job_counts[] =
    "SELECT coalesce(sum(next_at IS NOT NULL AND next_at <= ?1 AND (lease_owner IS NULL OR"
    "  lease_until <= ?1)), 0),"
    " coalesce(sum(next_at > ?1 AND lease_owner IS NULL), 0),"
    " coalesce(sum(lease_owner IS NOT NULL AND lease_until > ?1), 0),"
    " coalesce(sum(next_at IS NULL), 0) FROM jobs";
static const char sql_job_get[] =
    "SELECT id, kind, article_id, attempts, next_at, last_error FROM jobs"
    " WHERE kind = ?1 AND article_id = ?2";

static void read_job(sqlite3_stmt *s, struct store_job *j)
{
    const unsigned char *t;
    store_job_init(j);
    j->id = sqlite3_column_int64(s, 0);
    t = sqlite3_column_text(s, 1);
    snprintf(j->kind, sizeof(j->kind), "%s", t ? (const char *)t : "");
    t = sqlite3_column_text(s, 2);
    snprintf(j->article_id, sizeof(j->article_id), "%s", t ? (const char *)t : "");
    j->attempts = sqlite3_column_int(s, 3);
    j->next_at = col_time(s, 4);
    j->last_error = col_str(s, 5);
}

static herald_status sq_job_enqueue(store *st, const char *kind, const char *article_id,
                                    int64_t due, int serial, int64_t now)
{
    sqlite3_stmt *s = prep(st, sql_job_enqueue);
    if (!s)
        return HERALD_E_DB;
    bind_named_text(st, s, ":kind", kind);
    bind_named_text(st, s, ":art", article_id);
    bind_named_int(st, s, ":serial", serial);
    bind_named_int(st, s, ":due", due);
    bind_named_int(st, s, ":now", now);
    return step_done(st, s, "enqueueing a job");
}

static herald_status sq_job_enqueue_all(store *st, const char *kind, int64_t now, int64_t *count)
{
    sqlite3_stmt *s = prep(st, sql_job_enqueue_all);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_named_text(st, s, ":kind", kind);
    bind_named_int(st, s, ":now", now);
    rc = step_done(st, s, "enqueueing jobs");
    if (rc == HERALD_OK)
        *count = sqlite3_changes(SQ(st)->db);
    return rc;
}

static herald_status sq_job_claim(store *st, const char *owner, int64_t now, int lease_s,
                                  int max_attempts, struct store_job *out)
{
    sqlite3_stmt *s = prep(st, sql_job_bury);
    herald_status rc;
    int src;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, now);
    bind_int(st, s, 2, max_attempts);
    rc = step_done(st, s, "claiming a job");
    if (rc)
        return rc;
    s = prep(st, sql_job_claim);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, owner);
    bind_int64(st, s, 2, now);
    bind_int(st, s, 3, lease_s);
    bind_int(st, s, 4, max_attempts);
    src = step(st, s);
    if (src == SQLITE_ROW) {
        read_job(s, out);
        /* step to the end so the UPDATE completes before the reset */
        src = step(st, s);
    } else if (src == SQLITE_DONE) {
        sqlite3_reset(s);
        store_set_error(st, 0, "no job is due");
        return HERALD_E_NOTFOUND;
    }
    sqlite3_reset(s);
    if (src != SQLITE_DONE) {
        store_job_release(out);
        return db_fail(st, "claiming a job");
    }
    return HERALD_OK;
}

static herald_status sq_job_complete(store *st, int64_t id, const char *owner, int64_t now)
{
    sqlite3_stmt *s = prep(st, sql_job_done);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    bind_text(st, s, 2, owner);
    rc = step_done(st, s, "completing a job");
    if (rc || sqlite3_changes(SQ(st)->db) > 0)
        return rc;
    /* Enqueued again while it ran (or the lease is lost): re-arm it if still ours. */
    s = prep(st, sql_job_rearm);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    bind_text(st, s, 2, owner);
    bind_int64(st, s, 3, now);
    return step_one(st, s, "completing a job");
}

static herald_status sq_job_fail(store *st, int64_t id, const char *owner, int64_t now,
                                 const char *error, int max_attempts)
{
    sqlite3_stmt *s = prep(st, sql_job_held);
    herald_status rc;
    int attempts, rerun;
    int64_t next;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    bind_text(st, s, 2, owner);
    rc = step_one_row(st, s, "the job's lease was lost", "failing a job");
    if (rc)
        return rc;
    attempts = sqlite3_column_int(s, 0);
    rerun = sqlite3_column_int(s, 1);
    sqlite3_reset(s);
    if (rerun) {
        attempts = 0; /* enqueued again while it ran: a fresh job, due now */
        next = now;
    } else if (attempts >= max_attempts) {
        next = TIME_NONE;
    } else {
        next = now + store_job_backoff(attempts);
    }
    s = prep(st, sql_job_failed);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    bind_int(st, s, 3, attempts);
    bind_time(st, s, 4, next);
    bind_text(st, s, 5, error && *error ? error : "failed");
    return step_one(st, s, "failing a job");
}

static herald_status sq_job_counts(store *st, int64_t now, struct store_job_counts *out)
{
    sqlite3_stmt *s = prep(st, sql_job_counts);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, now);
    if (step(st, s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return db_fail(st, "counting jobs");
    }
    out->due = sqlite3_column_int64(s, 0);
    out->waiting = sqlite3_column_int64(s, 1);
    out->running = sqlite3_column_int64(s, 2);
    out->dead = sqlite3_column_int64(s, 3);
    sqlite3_reset(s);
    return HERALD_OK;
}

static herald_status sq_job_get(store *st, const char *kind, const char *article_id,
                                struct store_job *out)
{
    sqlite3_stmt *s = prep(st, sql_job_get);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, kind);
    bind_text(st, s, 2, article_id);
    rc = step_one_row(st, s, "no such job", "reading a job");
    if (rc)
        return rc;
    read_job(s, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

/* ---- health, version, check ------------------------------------------------------ */

static const char sql_stats[] =
    "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sources),"
    " (SELECT count(*) FROM feeds), (SELECT count(*) FROM feeds WHERE consecutive_errors > 0),"
    " (SELECT max(first_seen) FROM articles), (SELECT max(last_poll) FROM feeds),"
    " (SELECT max(sort_time) FROM articles)";

static herald_status sq_stats(store *st, struct store_stats *out)
{
    sqlite3_stmt *s = prep(st, sql_stats);
    int rc;
    if (!s)
        return HERALD_E_DB;
    rc = step(st, s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return db_fail(st, "counting");
    }
    out->articles = sqlite3_column_int64(s, 0);
    out->sources = sqlite3_column_int64(s, 1);
    out->feeds = sqlite3_column_int64(s, 2);
    out->feeds_failing = sqlite3_column_int64(s, 3);
    out->last_ingest = col_time(s, 4);
    out->last_poll = col_time(s, 5);
    out->newest_article = col_time(s, 6);
    out->schema_version = SQ(st)->version;
    sqlite3_reset(s);
    return HERALD_OK;
}

static const char sql_generation[] = "SELECT value FROM meta WHERE key = 'generation'";

/* A query of one integer that always has a row (a missing row is a database error). */
static herald_status one_int(store *st, const char *sql, const char *what, int64_t *out)
{
    sqlite3_stmt *s = prep(st, sql);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    rc = find_one_id(st, s, out, what);
    if (rc == HERALD_E_NOTFOUND)
        return db_fail(st, what);
    return rc;
}

static herald_status sq_data_version(store *st, int64_t *out)
{
    return one_int(st, sql_generation, "reading the data version", out);
}

/* ---- sitemaps: articles by storage position (seq) ---------------------------------- */

static const char sql_seq_max[] = "SELECT coalesce(max(seq), 0) FROM articles";

static herald_status sq_article_seq_max(store *st, int64_t *out)
{
    return one_int(st, sql_seq_max, "reading the newest article position", out);
}

/* seq is the rowid: a range scan of the table's own b-tree, one page of rows at a time */
static const char sql_seq_range[] =
    "SELECT id, last_changed FROM articles WHERE seq >= ?1 AND seq < ?2 ORDER BY seq";

static herald_status sq_article_seq_range(store *st, int64_t from, int64_t to,
                                          store_article_range_fn fn, void *ud)
{
    sqlite3_stmt *s = prep(st, sql_seq_range);
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, from);
    bind_int64(st, s, 2, to);
    while ((rc = step(st, s)) == SQLITE_ROW) {
        const unsigned char *id = sqlite3_column_text(s, 0);
        if (id)
            fn(ud, (const char *)id, col_time(s, 1));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(st, "listing articles by position");
    return HERALD_OK;
}

/* Stories not merged away, entities some article mentions, topics of 2 articles or more. */
static const char *const sql_sitemap_max[] = {
    "SELECT coalesce(max(id), 0) FROM stories",
    "SELECT coalesce(max(id), 0) FROM entities",
    "SELECT coalesce(max(id), 0) FROM topics",
};
static const char *const sql_sitemap_range[] = {
    "SELECT id, NULL, last_update FROM stories WHERE id >= ?1 AND id < ?2"
    " AND merged_into IS NULL AND size > 0 ORDER BY id",
    "SELECT id, slug, NULL FROM entities e WHERE id >= ?1 AND id < ?2"
    " AND EXISTS (SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id) ORDER BY id",
    "SELECT id, slug, NULL FROM topics WHERE id >= ?1 AND id < ?2 AND n >= 2 ORDER BY id",
};

static herald_status sq_sitemap_max(store *st, enum store_sitemap_kind kind, int64_t *out)
{
    return one_int(st, sql_sitemap_max[kind], "reading the newest id", out);
}

static herald_status sq_sitemap_range(store *st, enum store_sitemap_kind kind, int64_t from,
                                      int64_t to, store_sitemap_fn fn, void *ud)
{
    sqlite3_stmt *s = prep(st, sql_sitemap_range[kind]);
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, from);
    bind_int64(st, s, 2, to);
    while ((rc = step(st, s)) == SQLITE_ROW)
        fn(ud, sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1), col_time(s, 2));
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(st, "listing a sitemap page");
    return HERALD_OK;
}

/* ---- topics ---------------------------------------------------------------------- */

static const char sql_topic_get[] =
    "SELECT id, slug, name, n FROM topics WHERE slug = ?1 AND n > 0";
static const char sql_topic_list[] =
    "SELECT id, slug, name, n FROM topics WHERE n >= ?1 ORDER BY n DESC, slug LIMIT ?2";

static void read_topic(sqlite3_stmt *s, struct store_topic *t)
{
    t->id = sqlite3_column_int64(s, 0);
    t->slug = col_str(s, 1);
    t->name = col_str(s, 2);
    t->count = sqlite3_column_int64(s, 3);
}

static herald_status sq_topic_get(store *st, const char *slug, struct store_topic *out)
{
    sqlite3_stmt *s = prep(st, sql_topic_get);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, slug);
    rc = step_one_row(st, s, "no such topic", "reading a topic");
    if (rc)
        return rc;
    read_topic(s, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

static herald_status sq_topic_list(store *st, int64_t min_count, int limit,
                                   struct store_topic_list *out)
{
    sqlite3_stmt *s = prep(st, sql_topic_list);
    struct store_topic_list l = {NULL, 0};
    size_t alloc = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, min_count);
    bind_int(st, s, 2, limit);
    while ((rc = step(st, s)) == SQLITE_ROW) {
        ALLOC_GROW(l.items, l.count + 1, alloc);
        read_topic(s, &l.items[l.count++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_topic_list_release(&l);
        return db_fail(st, "listing topics");
    }
    *out = l;
    return HERALD_OK;
}

/* Each check returns a count of offending rows (or the text "ok"); 0 passes. */
static const struct {
    const char *what;
    const char *sql;
} checks[] = {
    {"article ids are 32 lowercase hex",
     "SELECT count(*) FROM articles WHERE length(id) <> 32 OR id GLOB '*[^0-9a-f]*'"},
    {"topic counts agree with their articles",
     "SELECT count(*) FROM topics t WHERE n <> (SELECT count(*) FROM article_topics at"
     " WHERE at.topic_id = t.id)"},
    {"topic rows carry their article's sort time",
     "SELECT count(*) FROM article_topics at JOIN articles a ON a.id = at.article_id"
     " WHERE at.sort_time <> a.sort_time"},
    {"sort times follow published and first_seen",
     "SELECT count(*) FROM articles WHERE sort_time <> CASE WHEN published IS NULL OR"
     " published > first_seen THEN first_seen ELSE published END"},
    {"every article is linked to its first feed",
     "SELECT count(*) FROM articles a WHERE a.feed_id IS NOT NULL AND NOT EXISTS (SELECT 1"
     " FROM article_feeds af WHERE af.article_id = a.id AND af.feed_id = a.feed_id)"},
    {"no two articles share a normalised URL",
     "SELECT count(*) FROM (SELECT url_key FROM articles GROUP BY url_key HAVING count(*) > 1)"},
    {"no two articles share a canonical URL",
     "SELECT count(*) FROM (SELECT canonical_key FROM articles WHERE canonical_key IS NOT NULL"
     " GROUP BY canonical_key HAVING count(*) > 1)"},
    {"the full-text index covers every article",
     "SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM articles_fts)"},
    {"feed error counts are consistent",
     "SELECT count(*) FROM feeds WHERE consecutive_errors < 0 OR (consecutive_errors = 0 AND"
     " last_error IS NOT NULL)"},
    {"the data version exists", "SELECT count(*) <> 1 FROM meta WHERE key = 'generation'"},
    {"foreign keys hold", "SELECT count(*) FROM pragma_foreign_key_check"},
};

static herald_status sq_check(store *st)
{
    struct sq *q = SQ(st);
    sqlite3_stmt *s = NULL;
    herald_status rc = HERALD_OK;
    const char *res;
    if (sqlite3_prepare_v2(q->db, "PRAGMA quick_check", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "checking the database");
    if (step(st, s) != SQLITE_ROW)
        rc = db_fail(st, "checking the database");
    res = rc ? NULL : (const char *)sqlite3_column_text(s, 0);
    if (!rc && (!res || strcmp(res, "ok") != 0)) {
        store_set_error(st, 1, "integrity check failed: %s", res ? res : "?");
        rc = HERALD_E_DB;
    }
    sqlite3_finalize(s);
    if (rc)
        return rc;
    for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        int64_t n = 0;
        if (sqlite3_prepare_v2(q->db, checks[i].sql, -1, &s, NULL) != SQLITE_OK)
            return db_fail(st, "checking the database");
        if (step(st, s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
        else
            n = -1;
        sqlite3_finalize(s);
        if (n != 0) {
            store_set_error(st, 1, "invariant violated: %s (%lld)", checks[i].what, (long long)n);
            return HERALD_E_DB;
        }
    }
    if (!q->readonly && !st->in_tx) {
        /* Compares the FTS index with the articles it was built from. */
        rc = exec(st, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
                  "checking the full-text index");
        if (rc) {
            store_set_error(st, 1, "invariant violated: the full-text index is out of date");
            return HERALD_E_DB;
        }
    }
    return HERALD_OK;
}

/* ---- stories ----------------------------------------------------------------------- */

static const char sql_story_new[] =
    "INSERT INTO stories (first_update, last_update) VALUES (?1, ?1)";
static herald_status sq_story_create(store *st, int64_t time, int64_t *id_out)
{
    sqlite3_stmt *s = prep(st, sql_story_new);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, time);
    rc = step_done(st, s, "creating a story");
    if (!rc)
        *id_out = sqlite3_last_insert_rowid(SQ(st)->db);
    return rc;
}

#define STORY_COLS                                                                                 \
    "t.id, t.title, t.title_article, t.title_score, t.first_update, t.last_update, t.size,"        \
    " t.open, t.merged_into, t.norm2, t.last_seen,"                                                \
    " (SELECT count(DISTINCT source_id) FROM articles WHERE story_id = t.id),"                     \
    " (SELECT image_url FROM articles WHERE story_id = t.id AND image_url IS NOT NULL"             \
    "  AND copy_of IS NULL ORDER BY sort_time DESC LIMIT 1)"

static void read_story(sqlite3_stmt *s, struct store_story *o)
{
    const unsigned char *ta = sqlite3_column_text(s, 2);
    store_story_init(o);
    o->id = sqlite3_column_int64(s, 0);
    o->title = col_str(s, 1);
    if (ta && sqlite3_column_bytes(s, 2) == STORE_ID_LEN)
        memcpy(o->title_article, ta, STORE_ID_LEN + 1);
    o->title_score = sqlite3_column_double(s, 3);
    o->first_update = sqlite3_column_int64(s, 4);
    o->last_update = sqlite3_column_int64(s, 5);
    o->size = sqlite3_column_int64(s, 6);
    o->open = sqlite3_column_int(s, 7);
    o->merged_into = sqlite3_column_int64(s, 8);
    o->norm2 = sqlite3_column_double(s, 9);
    o->last_seen = sqlite3_column_int64(s, 10);
    o->sources = sqlite3_column_int64(s, 11);
    o->image_url = col_str(s, 12);
}

static const char sql_story_get[] = "SELECT " STORY_COLS " FROM stories t WHERE t.id = ?1";
static herald_status sq_story_get(store *st, int64_t id, struct store_story *out)
{
    sqlite3_stmt *s = prep(st, sql_story_get);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    rc = step_one_row(st, s, "no such story", "reading a story");
    if (rc)
        return rc;
    read_story(s, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

static const char sql_story_put[] =
    "UPDATE stories SET title = ?2, title_article = ?3, title_score = ?4, first_update = ?5,"
    " last_update = ?6, size = ?7, open = ?8, norm2 = ?9, last_seen = ?10 WHERE id = ?1";
static herald_status sq_story_put(store *st, const struct store_story *in)
{
    sqlite3_stmt *s = prep(st, sql_story_put);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, in->id);
    bind_text(st, s, 2, in->title);
    bind_text(st, s, 3, in->title_article[0] ? in->title_article : NULL);
    bind_rc(st, sqlite3_bind_double(s, 4, in->title_score));
    bind_int64(st, s, 5, in->first_update);
    bind_int64(st, s, 6, in->last_update);
    bind_int64(st, s, 7, in->size);
    bind_int(st, s, 8, in->open);
    bind_rc(st, sqlite3_bind_double(s, 9, in->norm2));
    bind_int64(st, s, 10, in->last_seen);
    return step_one(st, s, "updating a story");
}

static const char sql_story_terms[] =
    "SELECT term, weight FROM story_terms WHERE story_id = ?1 ORDER BY term LIMIT 1024";
static herald_status sq_story_terms_get(store *st, int64_t id, struct store_terms *out)
{
    sqlite3_stmt *s = prep(st, sql_story_terms);
    struct store_terms t = {0};
    size_t alloc = 0, alloc2 = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    while ((rc = step(st, s)) == SQLITE_ROW) {
        ALLOC_GROW(t.terms, t.count + 1, alloc);
        ALLOC_GROW(t.weights, t.count + 1, alloc2);
        t.terms[t.count] = (uint64_t)sqlite3_column_int64(s, 0);
        t.weights[t.count++] = sqlite3_column_double(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_terms_release(&t);
        return db_fail(st, "reading a story's terms");
    }
    *out = t;
    return HERALD_OK;
}

static const char sql_story_terms_del[] = "DELETE FROM story_terms WHERE story_id = ?1";
static const char sql_story_terms_ins[] =
    "INSERT INTO story_terms (story_id, term, weight) VALUES (?1, ?2, ?3)";
static herald_status sq_story_terms_set(store *st, int64_t id, const struct store_terms *t)
{
    sqlite3_stmt *s = prep(st, sql_story_terms_del);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    rc = step_done(st, s, "updating a story's terms");
    for (size_t i = 0; !rc && i < t->count; i++) {
        s = prep(st, sql_story_terms_ins);
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, id);
        bind_int64(st, s, 2, (int64_t)t->terms[i]);
        bind_rc(st, sqlite3_bind_double(s, 3, t->weights[i]));
        rc = step_done(st, s, "updating a story's terms");
    }
    return rc;
}

static const char sql_story_postings[] =
    "SELECT t.story_id FROM story_terms t JOIN stories s ON s.id = t.story_id"
    " WHERE t.term = ?1 AND s.open = 1 ORDER BY s.last_update DESC LIMIT ?2";
static herald_status sq_story_postings(store *st, uint64_t term, int limit, int64_t *ids, size_t *n)
{
    sqlite3_stmt *s = prep(st, sql_story_postings);
    size_t k = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, (int64_t)term);
    bind_int(st, s, 2, limit);
    while ((rc = step(st, s)) == SQLITE_ROW && k < (size_t)limit)
        ids[k++] = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(st, "reading the story index");
    *n = k;
    return HERALD_OK;
}

static const char sql_story_close_terms[] =
    "DELETE FROM story_terms WHERE story_id IN"
    " (SELECT id FROM stories WHERE open = 1 AND last_update < ?1 AND last_seen < ?2)";
static const char sql_story_close[] =
    "UPDATE stories SET open = 0 WHERE open = 1 AND last_update < ?1 AND last_seen < ?2";
static herald_status sq_story_close_quiet(store *st, int64_t before, int64_t before_seen)
{
    sqlite3_stmt *s = prep(st, sql_story_close_terms);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, before);
    bind_int64(st, s, 2, before_seen);
    rc = step_done(st, s, "closing stories");
    if (rc)
        return rc;
    s = prep(st, sql_story_close);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, before);
    bind_int64(st, s, 2, before_seen);
    return step_done(st, s, "closing stories");
}

static const char *const sql_story_merge[] = {
    "UPDATE articles SET story_id = ?2 WHERE story_id = ?1",
    "UPDATE stories SET merged_into = ?2 WHERE merged_into = ?1",
    "UPDATE stories SET merged_into = ?2, open = 0, size = 0 WHERE id = ?1",
    "DELETE FROM story_terms WHERE story_id = ?1",
    "INSERT INTO story_related (story_id, other_id, score)"
    " SELECT ?2, other_id, score FROM story_related WHERE story_id = ?1 AND other_id <> ?2"
    " ON CONFLICT (story_id, other_id) DO UPDATE SET score = max(score, excluded.score)",
    "DELETE FROM story_related WHERE story_id = ?1 OR other_id = ?1",
};
static herald_status sq_story_merge(store *st, int64_t from, int64_t into)
{
    herald_status rc = HERALD_OK;
    for (size_t i = 0; !rc && i < sizeof(sql_story_merge) / sizeof(sql_story_merge[0]); i++) {
        sqlite3_stmt *s = prep(st, sql_story_merge[i]);
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, from);
        if (sqlite3_bind_parameter_count(s) >= 2) /* the story_terms one has only ?1 */
            bind_int64(st, s, 2, into);
        rc = step_done(st, s, "merging stories");
    }
    return rc;
}

static const char sql_story_related_add[] =
    "INSERT INTO story_related (story_id, other_id, score) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (story_id, other_id) DO UPDATE SET score = max(score, excluded.score)";
static herald_status sq_story_related_add(store *st, int64_t id, int64_t other, double score)
{
    herald_status rc = HERALD_OK;
    for (int dir = 0; !rc && dir < 2; dir++) {
        sqlite3_stmt *s = prep(st, sql_story_related_add);
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, dir ? other : id);
        bind_int64(st, s, 2, dir ? id : other);
        bind_rc(st, sqlite3_bind_double(s, 3, score));
        rc = step_done(st, s, "relating stories");
    }
    return rc;
}

static const char sql_df_add[] = "INSERT INTO term_df (term, df) VALUES (?1, 1)"
                                 " ON CONFLICT (term) DO UPDATE SET df = df + 1";
static const char sql_docs_add[] = "UPDATE meta SET value = value + 1 WHERE key = 'story_docs'";
static herald_status sq_term_df_add(store *st, const uint64_t *terms, size_t n)
{
    sqlite3_stmt *s = prep(st, sql_docs_add);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    rc = step_done(st, s, "counting terms");
    for (size_t i = 0; !rc && i < n; i++) {
        s = prep(st, sql_df_add);
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, (int64_t)terms[i]);
        rc = step_done(st, s, "counting terms");
    }
    return rc;
}

static const char sql_df_put[] = "INSERT INTO term_df (term, df) VALUES (?1, ?2)"
                                 " ON CONFLICT (term) DO UPDATE SET df = excluded.df";
static const char sql_docs_put[] = "UPDATE meta SET value = ?1 WHERE key = 'story_docs'";
static herald_status sq_term_df_put(store *st, const uint64_t *terms, const int64_t *df, size_t n,
                                    int64_t ndocs)
{
    sqlite3_stmt *s = prep(st, sql_docs_put);
    herald_status rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, ndocs);
    rc = step_done(st, s, "storing term counts");
    for (size_t i = 0; !rc && i < n; i++) {
        s = prep(st, sql_df_put);
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, (int64_t)terms[i]);
        bind_int64(st, s, 2, df[i]);
        rc = step_done(st, s, "storing term counts");
    }
    return rc;
}

static const char sql_df_get[] = "SELECT df FROM term_df WHERE term = ?1";
static const char sql_docs_get[] = "SELECT value FROM meta WHERE key = 'story_docs'";
static herald_status sq_term_df_get(store *st, const uint64_t *terms, size_t n, int64_t *df,
                                    int64_t *ndocs)
{
    sqlite3_stmt *s = prep(st, sql_docs_get);
    int rc;
    if (!s)
        return HERALD_E_DB;
    rc = step(st, s);
    *ndocs = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st, "reading term counts");
    for (size_t i = 0; i < n; i++) {
        s = prep(st, sql_df_get);
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, (int64_t)terms[i]);
        rc = step(st, s);
        df[i] = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(st, "reading term counts");
    }
    return HERALD_OK;
}

static const char sql_bands_del[] = "DELETE FROM article_bands WHERE article_id = ?1";
static const char sql_bands_ins[] =
    "INSERT OR IGNORE INTO article_bands (band, article_id) VALUES (?1, ?2)";
static herald_status sq_article_fingerprint_put(store *st, const char *id, const char *fp,
                                                const uint64_t *bands, size_t n)
{
    herald_status rc = sq_article_set_fingerprint(st, id, fp);
    sqlite3_stmt *s;
    if (rc)
        return rc;
    s = prep(st, sql_bands_del);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    rc = step_done(st, s, "storing a fingerprint");
    for (size_t i = 0; !rc && i < n; i++) {
        s = prep(st, sql_bands_ins);
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, (int64_t)bands[i]);
        bind_text(st, s, 2, id);
        rc = step_done(st, s, "storing a fingerprint");
    }
    return rc;
}

static const char sql_band_match[] =
    "SELECT article_id FROM article_bands WHERE band = ?1 AND article_id <> ?2 LIMIT ?3";
static herald_status sq_article_band_matches(store *st, const uint64_t *bands, size_t n,
                                             const char *exclude, int limit,
                                             char (*ids)[STORE_ID_LEN + 1], size_t *n_out)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < (size_t)limit; i++) {
        sqlite3_stmt *s = prep(st, sql_band_match);
        int rc;
        if (!s)
            return HERALD_E_DB;
        bind_int64(st, s, 1, (int64_t)bands[i]);
        bind_text(st, s, 2, exclude ? exclude : "");
        bind_int(st, s, 3, limit);
        while ((rc = step(st, s)) == SQLITE_ROW && k < (size_t)limit) {
            const unsigned char *id = sqlite3_column_text(s, 0);
            size_t j = 0;
            if (!id || sqlite3_column_bytes(s, 0) != STORE_ID_LEN)
                continue;
            while (j < k && memcmp(ids[j], id, STORE_ID_LEN) != 0)
                j++;
            if (j == k)
                memcpy(ids[k++], id, STORE_ID_LEN + 1);
        }
        sqlite3_reset(s);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            return db_fail(st, "finding copies");
    }
    *n_out = k;
    return HERALD_OK;
}

static const char sql_copy_follow[] = "UPDATE articles SET copy_of = ?2 WHERE copy_of = ?1";
static const char sql_copy_set[] = "UPDATE articles SET copy_of = ?2 WHERE id = ?1";
static herald_status sq_article_set_copy_of(store *st, const char *id, const char *canonical)
{
    sqlite3_stmt *s;
    herald_status rc = HERALD_OK;
    if (canonical) {
        s = prep(st, sql_copy_follow);
        if (!s)
            return HERALD_E_DB;
        bind_text(st, s, 1, id);
        bind_text(st, s, 2, canonical);
        rc = step_done(st, s, "linking a copy");
        if (rc)
            return rc;
    }
    s = prep(st, sql_copy_set);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    bind_text(st, s, 2, canonical);
    return step_one(st, s, "linking a copy");
}

static herald_status sq_stories_reset(store *st)
{
    return exec(st,
                "UPDATE articles SET story_id = NULL, copy_of = NULL, fingerprint = NULL"
                " WHERE story_id IS NOT NULL OR copy_of IS NOT NULL OR fingerprint IS NOT NULL;"
                "DELETE FROM stories; DELETE FROM story_terms; DELETE FROM story_related;"
                "DELETE FROM term_df; DELETE FROM article_bands; DELETE FROM article_related;"
                "UPDATE meta SET value = 0 WHERE key = 'story_docs';",
                "resetting stories");
}

static const char sql_chrono[] =
    "SELECT id, sort_time FROM articles WHERE (sort_time, id) > (?1, ?2)"
    " ORDER BY sort_time, id LIMIT ?3";
static herald_status sq_article_ids_chrono(store *st, int64_t after_time, const char *after_id,
                                           int limit, char (*ids)[STORE_ID_LEN + 1], int64_t *times,
                                           size_t *n)
{
    sqlite3_stmt *s = prep(st, sql_chrono);
    size_t k = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, after_time);
    bind_text(st, s, 2, after_id);
    bind_int(st, s, 3, limit);
    while ((rc = step(st, s)) == SQLITE_ROW && k < (size_t)limit) {
        const unsigned char *id = sqlite3_column_text(s, 0);
        if (!id || sqlite3_column_bytes(s, 0) != STORE_ID_LEN)
            continue;
        memcpy(ids[k], id, STORE_ID_LEN + 1);
        times[k++] = sqlite3_column_int64(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(st, "listing articles");
    *n = k;
    return HERALD_OK;
}

static const char sql_story_articles[] =
    "SELECT " CARD_COLS ART_FROM " WHERE a.story_id = ?1 ORDER BY a.sort_time, a.id"
    " LIMIT ?2";
static herald_status sq_story_articles(store *st, int64_t id, int limit,
                                       struct store_article_list *out)
{
    sqlite3_stmt *s = prep(st, sql_story_articles);
    struct store_article_list l;
    size_t alloc = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    memset(&l, 0, sizeof(l));
    bind_int64(st, s, 1, id);
    bind_int(st, s, 2, limit);
    while ((rc = step(st, s)) == SQLITE_ROW) {
        ALLOC_GROW(l.items, l.count + 1, alloc);
        read_article(s, 0, &l.items[l.count++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_article_list_release(&l);
        return db_fail(st, "listing a story");
    }
    *out = l;
    return HERALD_OK;
}

/* ---- stored related lists, cards --------------------------------------------------- */

static const char sql_related_put[] =
    "INSERT INTO article_related (article_id, list, computed) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (article_id) DO UPDATE SET list = excluded.list, computed = excluded.computed"
    " WHERE list IS NOT excluded.list";
static herald_status sq_related_put(store *st, const char *id, const char *list, int64_t now)
{
    sqlite3_stmt *s = prep(st, sql_related_put);
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    bind_text(st, s, 2, list);
    bind_int64(st, s, 3, now);
    rc = step(st, s);
    sqlite3_reset(s);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        store_set_error(st, 0, "no such article");
        return HERALD_E_NOTFOUND;
    }
    if (rc != SQLITE_DONE)
        return db_fail(st, "storing related articles");
    return HERALD_OK;
}

static const char sql_related_get[] = "SELECT list FROM article_related WHERE article_id = ?1";
static herald_status sq_related_get(store *st, const char *id, char **list)
{
    sqlite3_stmt *s = prep(st, sql_related_get);
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, id);
    rc = step(st, s);
    if (rc == SQLITE_ROW) {
        *list = col_str(s, 0);
        if (!*list)
            *list = xstrdup("");
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE) {
        store_set_error(st, 0, "no related articles stored");
        return HERALD_E_NOTFOUND;
    }
    if (rc != SQLITE_ROW)
        return db_fail(st, "reading related articles");
    return HERALD_OK;
}

static const char sql_related_missing[] =
    "SELECT a.id FROM articles a WHERE a.id > ?1 AND NOT EXISTS"
    " (SELECT 1 FROM article_related r WHERE r.article_id = a.id) ORDER BY a.id LIMIT ?2";
static herald_status sq_related_missing(store *st, const char *after, int limit,
                                        char (*ids)[STORE_ID_LEN + 1], size_t *n)
{
    sqlite3_stmt *s = prep(st, sql_related_missing);
    size_t k = 0;
    int rc;
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, after);
    bind_int(st, s, 2, limit);
    while ((rc = step(st, s)) == SQLITE_ROW && k < (size_t)limit) {
        const unsigned char *id = sqlite3_column_text(s, 0);
        if (id && sqlite3_column_bytes(s, 0) == STORE_ID_LEN)
            memcpy(ids[k++], id, STORE_ID_LEN + 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(st, "listing articles without related lists");
    *n = k;
    return HERALD_OK;
}

/* One keyed read per id: the order is the caller's, and a handful of point lookups cost
 * less than sorting an IN list back into it. */
static const char sql_card[] = "SELECT " CARD_COLS ART_FROM " WHERE a.id = ?1";
static const char sql_article_link[] =
    "SELECT a.id, a.url, a.title, a.summary, a.source_id, a.sort_time, s.name FROM articles a"
    " LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?1";

static void read_link(sqlite3_stmt *s, struct store_article *o)
{
    const unsigned char *id = sqlite3_column_text(s, 0);
    store_article_init(o);
    if (id && sqlite3_column_bytes(s, 0) == STORE_ID_LEN)
        memcpy(o->id, id, STORE_ID_LEN + 1);
    o->url = col_str(s, 1);
    o->title = col_str(s, 2);
    o->summary = col_str(s, 3);
    o->source_id = sqlite3_column_int64(s, 4);
    o->sort_time = col_time(s, 5);
    o->source_name = col_str(s, 6);
}

/* The rows of ids by key, in order (sql: one id as ?1; links: read_link, else a card). */
static herald_status read_by_ids(store *st, const char *sql, int links, const char *const *ids,
                                 size_t n, struct store_article_list *out)
{
    sqlite3_stmt *s = prep(st, sql);
    struct store_article_list l;
    int rc = SQLITE_DONE;
    if (!s)
        return HERALD_E_DB;
    memset(&l, 0, sizeof(l));
    l.items = xcalloc(n ? n : 1, sizeof(*l.items));
    for (size_t i = 0; i < n; i++) {
        bind_text(st, s, 1, ids[i]);
        rc = step(st, s);
        if (rc == SQLITE_ROW && links)
            read_link(s, &l.items[l.count++]);
        else if (rc == SQLITE_ROW)
            read_article(s, 0, &l.items[l.count++]);
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_article_list_release(&l);
        return db_fail(st, "reading article cards");
    }
    *out = l;
    return HERALD_OK;
}

static herald_status sq_article_cards(store *st, const char *const *ids, size_t n,
                                      struct store_article_list *out)
{
    return read_by_ids(st, sql_card, 0, ids, n, out);
}

static herald_status sq_article_links(store *st, const char *const *ids, size_t n,
                                      struct store_article_list *out)
{
    return read_by_ids(st, sql_article_link, 1, ids, n, out);
}

static herald_status read_stories(store *st, sqlite3_stmt *s, int ranked,
                                  struct store_story_list *out)
{
    struct store_story_list l = {0};
    size_t alloc = 0;
    int rc;
    while ((rc = step(st, s)) == SQLITE_ROW) {
        ALLOC_GROW(l.items, l.count + 1, alloc);
        read_story(s, &l.items[l.count]);
        if (ranked)
            l.items[l.count].rank = sqlite3_column_double(s, 13);
        l.count++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_story_list_release(&l);
        return db_fail(st, "listing stories");
    }
    *out = l;
    return HERALD_OK;
}

/* The ranking of store.h, in SQL: 2 points per distinct source, 1 per article of the
 * last 6 hours (velocity), times the recency decay (half-life 12 h).  "Now" is the
 * newest story update when that is older than now (an archive without fresh news still
 * has a front page). */
static const char sql_story_top[] =
    "WITH n AS (SELECT min(?1, coalesce((SELECT max(last_update) FROM stories), ?1)) AS now)"
    " SELECT " STORY_COLS ", (2.0 * (SELECT count(DISTINCT source_id) FROM articles"
    "   WHERE story_id = t.id) + (SELECT count(*) FROM articles WHERE story_id = t.id"
    "   AND sort_time >= n.now - 21600)) * pow(2.0, -(n.now - t.last_update) / 43200.0) AS rank"
    " FROM stories t, n WHERE t.merged_into IS NULL AND t.size > 0"
    " AND t.last_update >= n.now - 259200 ORDER BY rank DESC, t.last_update DESC, t.id DESC"
    " LIMIT ?2";
static herald_status sq_story_top(store *st, int64_t now, int limit, struct store_story_list *out)
{
    sqlite3_stmt *s = prep(st, sql_story_top);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, now);
    bind_int(st, s, 2, limit);
    return read_stories(st, s, 1, out);
}

static const char sql_story_related_list[] =
    "SELECT " STORY_COLS " FROM story_related r JOIN stories t ON t.id = r.other_id"
    " WHERE r.story_id = ?1 AND t.merged_into IS NULL ORDER BY r.score DESC, t.id LIMIT ?2";
static herald_status sq_story_related_list(store *st, int64_t id, int limit,
                                           struct store_story_list *out)
{
    sqlite3_stmt *s = prep(st, sql_story_related_list);
    if (!s)
        return HERALD_E_DB;
    bind_int64(st, s, 1, id);
    bind_int(st, s, 2, limit);
    return read_stories(st, s, 0, out);
}

static const char sql_entity_stories[] =
    "SELECT " STORY_COLS " FROM stories t WHERE t.merged_into IS NULL AND t.id IN"
    " (SELECT a.story_id FROM entities e JOIN article_entities ae ON ae.entity_id = e.id"
    "  JOIN articles a ON a.id = ae.article_id WHERE e.slug = ?1 AND a.story_id IS NOT NULL)"
    " ORDER BY t.last_update DESC, t.id DESC LIMIT ?2";
static herald_status sq_entity_stories(store *st, const char *slug, int limit,
                                       struct store_story_list *out)
{
    sqlite3_stmt *s = prep(st, sql_entity_stories);
    if (!s)
        return HERALD_E_DB;
    bind_text(st, s, 1, slug);
    bind_int(st, s, 2, limit);
    return read_stories(st, s, 0, out);
}

const struct store_ops store_sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .schema_version = sq_schema_version,
    .check = sq_check,
    .tx_begin = sq_tx_begin,
    .tx_commit = sq_tx_commit,
    .tx_rollback = sq_tx_rollback,
    .op_begin = sq_op_begin,
    .op_end = sq_op_end,
    .bulk_begin = sq_bulk_begin,
    .bulk_end = sq_bulk_end,
    .source_ensure = sq_source_ensure,
    .source_update = sq_source_update,
    .source_get = sq_source_get,
    .source_list = sq_source_list,
    .source_names = sq_source_names,
    .languages = sq_languages,
    .feed_add = sq_feed_add,
    .feed_remove = sq_feed_remove,
    .feed_get = sq_feed_get,
    .feed_list = sq_feed_list,
    .feed_poll_update = sq_feed_poll_update,
    .feed_set_url = sq_feed_set_url,
    .feed_set_title = sq_feed_set_title,
    .feed_set_source = sq_feed_set_source,
    .feed_set_fetch_mode = sq_feed_set_fetch_mode,
    .article_upsert = sq_article_upsert,
    .article_lookup = sq_article_lookup,
    .article_get = sq_article_get,
    .article_set_fingerprint = sq_article_set_fingerprint,
    .article_set_story = sq_article_set_story,
    .story_create = sq_story_create,
    .story_get = sq_story_get,
    .story_put = sq_story_put,
    .story_terms_get = sq_story_terms_get,
    .story_terms_set = sq_story_terms_set,
    .story_postings = sq_story_postings,
    .story_close_quiet = sq_story_close_quiet,
    .story_merge = sq_story_merge,
    .story_related_add = sq_story_related_add,
    .term_df_add = sq_term_df_add,
    .term_df_put = sq_term_df_put,
    .term_df_get = sq_term_df_get,
    .article_fingerprint_put = sq_article_fingerprint_put,
    .article_band_matches = sq_article_band_matches,
    .article_set_copy_of = sq_article_set_copy_of,
    .stories_reset = sq_stories_reset,
    .article_ids_chrono = sq_article_ids_chrono,
    .story_articles = sq_story_articles,
    .story_top = sq_story_top,
    .story_related_list = sq_story_related_list,
    .entity_stories = sq_entity_stories,
    .article_list = sq_article_list,
    .search = sq_search,
    .related = sq_related,
    .related_put = sq_related_put,
    .related_get = sq_related_get,
    .related_missing = sq_related_missing,
    .article_cards = sq_article_cards,
    .article_links = sq_article_links,
    .stats = sq_stats,
    .data_version = sq_data_version,
    .article_seq_max = sq_article_seq_max,
    .article_seq_range = sq_article_seq_range,
    .sitemap_max = sq_sitemap_max,
    .sitemap_range = sq_sitemap_range,
    .topic_get = sq_topic_get,
    .topic_list = sq_topic_list,
    .analysis_put = sq_analysis_put,
    .analysis_get = sq_analysis_get,
    .entity_get = sq_entity_get,
    .word_df = sq_word_df,
    .llm_cache_put = sq_llm_cache_put,
    .llm_cache_get = sq_llm_cache_get,
    .job_enqueue = sq_job_enqueue,
    .job_enqueue_all = sq_job_enqueue_all,
    .job_claim = sq_job_claim,
    .job_complete = sq_job_complete,
    .job_fail = sq_job_fail,
    .job_counts = sq_job_counts,
    .job_get = sq_job_get,
};

/* ---- for the other SQLite files of the store (store_sqlite.h) --------------------- */

sqlite3_stmt *store_sqlite_prep(store *st, const char *sql)
{
    return prep(st, sql);
}

herald_status store_sqlite_fail(store *st, const char *what)
{
    return db_fail(st, what);
}

herald_status store_sqlite_step_done(store *st, sqlite3_stmt *s, const char *what)
{
    return step_done(st, s, what);
}

herald_status store_sqlite_step_one(store *st, sqlite3_stmt *s, const char *what)
{
    return step_one(st, s, what);
}

int64_t store_sqlite_last_rowid(store *st)
{
    return sqlite3_last_insert_rowid(SQ(st)->db);
}

int store_sqlite_changes(store *st)
{
    return sqlite3_changes(SQ(st)->db);
}

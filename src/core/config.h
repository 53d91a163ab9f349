/*
 * config.h - herald's settings and where they come from.
 *
 * Precedence, lowest to highest:
 *   1. built-in defaults (config_init);
 *   2. the configuration file: --config PATH, else $HERALD_CONFIG, else ./herald.conf
 *      when it exists.  Format: one "key = value" per line, '#' starts a comment;
 *   3. environment variables: HERALD_ plus the key upper-cased with '.' as '_'
 *      (fetch.concurrency -> HERALD_FETCH_CONCURRENCY);
 *   4. command-line flags (the CLI calls config_set for each).
 * Every key is validated when it is set; an unknown key or a bad value is an error
 * that names the key and where it came from, never a silent default.
 */
#ifndef HERALD_CORE_CONFIG_H
#define HERALD_CORE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

enum extract_mode { EXTRACT_AUTO = 0, EXTRACT_ALWAYS, EXTRACT_NEVER };

struct config {
    char *db_path;              /* db: SQLite file (default herald.db) */
    char *listen;               /* listen: web address (default 127.0.0.1:8080) */
    int allow_file_urls;        /* allow_file_urls: fetch file:// URLs (default 0) */
    char *log_level;            /* log_level: error|warn|info|debug */
    long fetch_concurrency;     /* fetch.concurrency: transfers at once (16) */
    long fetch_per_host;        /* fetch.per_host: transfers per host (2) */
    long fetch_connect_timeout; /* fetch.connect_timeout: seconds (10) */
    long fetch_timeout;         /* fetch.timeout: seconds per transfer (30) */
    long fetch_max_bytes;       /* fetch.max_bytes: response cap (10 MiB) */
    char *ssrf_allow;           /* ssrf.allow: comma-separated hosts/CIDRs let through */
    enum extract_mode extract;  /* extract.mode: auto|always|never */
    long extract_min_words;   /* extract.min_words: below this, auto mode fetches the page (150) */
    long poll_min;            /* poll.min: seconds (300) */
    long poll_max;            /* poll.max: seconds (86400) */
    long web_threads;         /* web.threads: worker threads (4) */
    long web_max_connections; /* web.max_connections (512) */
    long web_max_per_ip;      /* web.max_per_ip: connections from one address (64) */
    long web_timeout;         /* web.timeout: seconds a connection may stay silent (10) */
    int web_secure_cookies;   /* web.secure_cookies: session cookies only over HTTPS (1) */
    char *web_base_url;       /* web.base_url: the site's public URL for absolute links
                                 (canonical, Open Graph, feeds, sitemaps); "" = derived from
                                 a well-formed Host header (docs/web.md) */
    char *web_timezone;       /* web.timezone: IANA zone of the times pages show ("UTC");
                                 checked against the tz database when set (core/tzone.h) */
    long stories_quiet_hours; /* stories.quiet_hours: a story closes after this (48) */
    long stories_half_life_hours; /* stories.half_life_hours: time decay of scores (6) */
    char *stories_wire_sources;   /* stories.wire_sources: comma-separated source names or
                                     homepage hosts whose articles are canonical among copies */
    long store_cache_mb;          /* store.cache_mb: page cache per database connection, MiB (32) */
    long store_mmap_mb;           /* store.mmap_mb: database bytes read through mmap, MiB (2048) */
    long enrich_workers;          /* enrich.workers: enrichment worker threads of serve (1) */
    long enrich_lease;            /* enrich.lease: seconds a worker holds a job (300) */
    long enrich_attempts;         /* enrich.attempts: tries before a job is given up (5) */
    char *llm_url;     /* llm.url: OpenAI-compatible chat-completions endpoint ("" = none) */
    char *llm_model;   /* llm.model: model name sent to it ("" = the server's default) */
    long llm_timeout;  /* llm.timeout: seconds per model call (30) */
    char *media_dir;   /* media.dir: the image proxy's cache ("" = beside the database,
                          "{db}.media") */
    long media_max_mb; /* media.max_mb: its disk bound in MiB (512) */
};

/* Fills cfg with the defaults.  config_release frees what it owns. */
void config_init(struct config *cfg);
void config_release(struct config *cfg);

/* Sets key to value (text as in the file).  origin names the source for messages.
 * HERALD_E_NOTFOUND for an unknown key, HERALD_E_INVALID for a bad value; both logged. */
herald_status config_set(struct config *cfg, const char *key, const char *value,
                         const char *origin);

/* Reads a configuration file.  A missing file is HERALD_E_NOTFOUND (callers that only
 * look for ./herald.conf ignore it); a bad line is HERALD_E_INVALID naming the line. */
herald_status config_load_file(struct config *cfg, const char *path);

/* Applies every HERALD_* environment variable that names a key. */
herald_status config_load_env(struct config *cfg);

/* Writes "key = value" lines of the effective configuration (for `herald config`). */
void config_dump(const struct config *cfg, void (*emit)(const char *line, void *ctx), void *ctx);

#endif

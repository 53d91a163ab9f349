/*
 * config.c - see config.h.  One table describes every key (name, kind, field offset,
 * bounds), so parsing, the environment mapping and the dump never disagree.
 */
#include "core/config.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/tzone.h"
#include "core/url.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "core/banned.h"

enum key_kind { KEY_STRING, KEY_LONG, KEY_BOOL, KEY_EXTRACT };

struct key_spec {
    const char *name;
    enum key_kind kind;
    size_t offset;
    long min, max;
};

#define F(field) offsetof(struct config, field)
static const struct key_spec keys[] = {
    {"db", KEY_STRING, F(db_path), 0, 0},
    {"listen", KEY_STRING, F(listen), 0, 0},
    {"allow_file_urls", KEY_BOOL, F(allow_file_urls), 0, 1},
    {"log_level", KEY_STRING, F(log_level), 0, 0},
    {"fetch.concurrency", KEY_LONG, F(fetch_concurrency), 1, 1024},
    {"fetch.per_host", KEY_LONG, F(fetch_per_host), 1, 64},
    {"fetch.connect_timeout", KEY_LONG, F(fetch_connect_timeout), 1, 300},
    {"fetch.timeout", KEY_LONG, F(fetch_timeout), 1, 3600},
    {"fetch.max_bytes", KEY_LONG, F(fetch_max_bytes), 1024, 1L << 30},
    {"ssrf.allow", KEY_STRING, F(ssrf_allow), 0, 0},
    {"extract.mode", KEY_EXTRACT, F(extract), 0, 0},
    {"extract.min_words", KEY_LONG, F(extract_min_words), 0, 100000},
    {"poll.min", KEY_LONG, F(poll_min), 60, 7 * 86400},
    {"poll.max", KEY_LONG, F(poll_max), 60, 30 * 86400},
    {"web.threads", KEY_LONG, F(web_threads), 1, 256},
    {"web.max_connections", KEY_LONG, F(web_max_connections), 1, 100000},
    {"web.max_per_ip", KEY_LONG, F(web_max_per_ip), 1, 100000},
    {"web.timeout", KEY_LONG, F(web_timeout), 1, 3600},
    {"web.secure_cookies", KEY_BOOL, F(web_secure_cookies), 0, 1},
    {"web.base_url", KEY_STRING, F(web_base_url), 0, 0},
    {"web.timezone", KEY_STRING, F(web_timezone), 0, 0},
    {"stories.quiet_hours", KEY_LONG, F(stories_quiet_hours), 1, 24 * 365},
    {"stories.half_life_hours", KEY_LONG, F(stories_half_life_hours), 1, 24 * 365},
    {"stories.wire_sources", KEY_STRING, F(stories_wire_sources), 0, 0},
    {"store.cache_mb", KEY_LONG, F(store_cache_mb), 1, 65536},
    {"store.mmap_mb", KEY_LONG, F(store_mmap_mb), 0, 1L << 20},
    {"enrich.workers", KEY_LONG, F(enrich_workers), 1, 64},
    {"enrich.lease", KEY_LONG, F(enrich_lease), 10, 86400},
    {"enrich.attempts", KEY_LONG, F(enrich_attempts), 1, 100},
    {"llm.url", KEY_STRING, F(llm_url), 0, 0},
    {"llm.model", KEY_STRING, F(llm_model), 0, 0},
    {"llm.timeout", KEY_LONG, F(llm_timeout), 1, 600},
    {"media.dir", KEY_STRING, F(media_dir), 0, 0},
    {"media.max_mb", KEY_LONG, F(media_max_mb), 1, 1024L * 1024},
};
#undef F
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *const extract_names[] = {"auto", "always", "never"};

void config_init(struct config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->db_path = xstrdup("herald.db");
    cfg->listen = xstrdup("127.0.0.1:8080");
    cfg->log_level = xstrdup("info");
    cfg->ssrf_allow = xstrdup("");
    cfg->web_secure_cookies = 1;
    cfg->web_base_url = xstrdup("");
    cfg->web_timezone = xstrdup("UTC");
    cfg->fetch_concurrency = 16;
    cfg->fetch_per_host = 2;
    cfg->fetch_connect_timeout = 10;
    cfg->fetch_timeout = 30;
    cfg->fetch_max_bytes = 10L * 1024 * 1024;
    cfg->extract = EXTRACT_AUTO;
    cfg->extract_min_words = 150;
    cfg->poll_min = 300;
    cfg->poll_max = 86400;
    cfg->web_threads = 4;
    cfg->stories_quiet_hours = 48;
    cfg->stories_half_life_hours = 6;
    cfg->web_max_connections = 512;
    cfg->web_max_per_ip = 64;
    cfg->web_timeout = 10;
    cfg->enrich_workers = 1;
    cfg->store_cache_mb = 32;  /* STORE_CACHE_MB_DEFAULT */
    cfg->store_mmap_mb = 2048; /* STORE_MMAP_MB_DEFAULT */
    cfg->enrich_lease = 300;
    cfg->enrich_attempts = 5;
    cfg->llm_url = xstrdup("");
    cfg->llm_model = xstrdup("");
    cfg->llm_timeout = 30;
    cfg->media_dir = xstrdup("");
    cfg->media_max_mb = 512;
}

void config_release(struct config *cfg)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (keys[i].kind == KEY_STRING) {
            char **field = (char **)((char *)cfg + keys[i].offset);
            free(*field);
            *field = NULL;
        }
    }
}

static const struct key_spec *find_key(const char *key)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].name, key) == 0)
            return &keys[i];
    return NULL;
}

static int parse_bool(const char *v, int *out)
{
    static const char *const yes[] = {"1", "true", "yes", "on"};
    static const char *const no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(v, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

herald_status config_set(struct config *cfg, const char *key, const char *value, const char *origin)
{
    const struct key_spec *k = find_key(key);
    void *field;
    if (!k) {
        log_error("config", "%s: unknown setting '%s'", origin, key);
        return HERALD_E_NOTFOUND;
    }
    field = (char *)cfg + k->offset;
    switch (k->kind) {
    case KEY_STRING:
        if (strcmp(key, "log_level") == 0) {
            enum log_level lvl;
            if (log_level_parse(value, &lvl))
                goto bad;
        }
        if (strcmp(key, "web.base_url") == 0 && *value) {
            /* absolute http(s), no query or fragment; kept without trailing slashes */
            char *base;
            if (url_base_check(value, &base)) {
                log_error("config",
                          "%s: '%s' must be an http(s) URL without query or fragment "
                          "(https://news.example or https://example.org/herald), not '%s'",
                          origin, key, value);
                return HERALD_E_INVALID;
            }
            free(*(char **)field);
            *(char **)field = base;
            return HERALD_OK;
        }
        if (strcmp(key, "web.timezone") == 0) {
            /* loaded now, so a misspelt zone stops the program at startup, not later */
            char why[160];
            tzone *z = NULL;
            if (tzone_load(value, &z, why, sizeof(why))) {
                log_error("config", "%s: '%s': %s", origin, key, why);
                return HERALD_E_INVALID;
            }
            tzone_free(z);
        }
        free(*(char **)field);
        *(char **)field = xstrdup(value);
        return HERALD_OK;
    case KEY_LONG: {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end || v < k->min || v > k->max) {
            log_error("config", "%s: '%s' must be a whole number from %ld to %ld, not '%s'", origin,
                      key, k->min, k->max, value);
            return HERALD_E_INVALID;
        }
        *(long *)field = v;
        return HERALD_OK;
    }
    case KEY_BOOL:
        if (parse_bool(value, (int *)field))
            goto bad;
        return HERALD_OK;
    case KEY_EXTRACT:
        for (int i = 0; i < 3; i++) {
            if (strcmp(value, extract_names[i]) == 0) {
                *(enum extract_mode *)field = (enum extract_mode)i;
                return HERALD_OK;
            }
        }
        goto bad;
    }
bad:
    log_error("config", "%s: bad value '%s' for '%s'", origin, value, key);
    return HERALD_E_INVALID;
}

static char *trim(char *s)
{
    char *e;
    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

herald_status config_load_file(struct config *cfg, const char *path)
{
    herald_status rc = HERALD_OK;
    char line[4096];
    int lineno = 0;
    struct stat st;
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? HERALD_E_NOTFOUND : HERALD_E_IO;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) { /* fopen opens directories */
        log_error("config", "%s: is a directory, not a configuration file", path);
        fclose(f);
        return HERALD_E_INVALID;
    }
    while (fgets(line, sizeof(line), f)) {
        struct strbuf origin = STRBUF_INIT;
        char *s, *eq, *hash;
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            log_error("config", "%s:%d: line too long", path, lineno);
            rc = HERALD_E_INVALID;
            break;
        }
        hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        s = trim(line);
        if (!*s)
            continue;
        eq = strchr(s, '=');
        strbuf_addf(&origin, "%s:%d", path, lineno);
        if (!eq) {
            log_error("config", "%s: expected 'key = value'", origin.buf);
            rc = HERALD_E_INVALID;
        } else {
            *eq = '\0';
            rc = config_set(cfg, trim(s), trim(eq + 1), origin.buf);
            if (rc == HERALD_E_NOTFOUND)
                rc = HERALD_E_INVALID;
        }
        strbuf_release(&origin);
        if (rc)
            break;
    }
    fclose(f);
    return rc;
}

herald_status config_load_env(struct config *cfg)
{
    for (size_t i = 0; i < NKEYS; i++) {
        struct strbuf var = STRBUF_INIT;
        herald_status rc;
        const char *v;
        strbuf_adds(&var, "HERALD_");
        for (const char *p = keys[i].name; *p; p++)
            strbuf_addch(&var, *p == '.' ? '_' : toupper((unsigned char)*p));
        v = getenv(var.buf);
        rc = v ? config_set(cfg, keys[i].name, v, var.buf) : HERALD_OK;
        strbuf_release(&var);
        if (rc)
            return rc;
    }
    return HERALD_OK;
}

void config_dump(const struct config *cfg, void (*emit)(const char *line, void *ctx), void *ctx)
{
    for (size_t i = 0; i < NKEYS; i++) {
        struct strbuf sb = STRBUF_INIT;
        const void *field = (const char *)cfg + keys[i].offset;
        strbuf_addf(&sb, "%s = ", keys[i].name);
        switch (keys[i].kind) {
        case KEY_STRING:
            strbuf_adds(&sb, *(char *const *)field ? *(char *const *)field : "");
            break;
        case KEY_LONG:
            strbuf_addf(&sb, "%ld", *(const long *)field);
            break;
        case KEY_BOOL:
            strbuf_adds(&sb, *(const int *)field ? "true" : "false");
            break;
        case KEY_EXTRACT:
            strbuf_adds(&sb, extract_names[*(const enum extract_mode *)field]);
            break;
        }
        emit(sb.buf, ctx);
        strbuf_release(&sb);
    }
}

/*
 * cmd_feeds.c - subscriptions: `feeds add|list|remove|set`, `import-opml`, `export-opml`.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "feed/opml.h"
#include "store/store.h"

#include "core/banned.h"

static int parse_id(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v <= 0)
        return -1;
    *out = (int64_t)v;
    return 0;
}

/* Finds a feed by numeric id or by URL. */
static herald_status find_feed(store *st, const char *arg, struct store_feed *out)
{
    int64_t id;
    if (parse_id(arg, &id) == 0)
        return store_feed_get(st, id, out);
    return store_feed_get_by_url(st, arg, out);
}

static void format_time(int64_t t, char *buf, size_t n)
{
    char tmp[TIME_RFC3339_LEN];
    snprintf(buf, n, "%s", t == TIME_NONE ? "-" : time_format_rfc3339(t, tmp));
}

static int feeds_add(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store_feed f;
    const char *url = NULL, *title = NULL, *mode = NULL;
    store *st;
    int64_t id;
    herald_status rc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--title") == 0 && i + 1 < argc)
            title = argv[++i];
        else if (strcmp(argv[i], "--fetch-mode") == 0 && i + 1 < argc)
            mode = argv[++i];
        else if (argv[i][0] != '-' && !url)
            url = argv[i];
        else {
            cli_error("feeds add", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (!url) {
        cli_error("feeds add", 0, "missing URL");
        return CLI_EXIT_USAGE;
    }
    store_feed_init(&f);
    if (mode && store_fetch_mode_parse(mode, &f.fetch_mode) < 0) {
        cli_error("feeds add", 0, "--fetch-mode must be auto, always or never");
        return CLI_EXIT_USAGE;
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    f.url = (char *)url;
    f.title = (char *)title;
    rc = store_feed_add(st, &f, &id);
    if (rc == HERALD_E_EXISTS) {
        cli_error("feeds add", rc, "%s is already subscribed", url);
        return CLI_EXIT_FAIL;
    }
    if (rc) {
        cli_error("feeds add", rc, "cannot add %s: %s", url, store_errmsg(st));
        return CLI_EXIT_FAIL;
    }
    printf("added feed %lld: %s\n", (long long)id, url);
    return CLI_EXIT_OK;
}

static int feeds_list(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store_feed_list l;
    store *st;
    if (argc > 1) {
        cli_error("feeds list", 0, "unexpected argument '%s'", argv[1]);
        return CLI_EXIT_USAGE;
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    if (store_feed_list(st, &l)) {
        cli_error("feeds list", HERALD_E_DB, "%s", store_errmsg(st));
        return CLI_EXIT_FAIL;
    }
    printf("%-5s %-20s %-6s %-6s %-20s %-8s %s\n", "ID", "LAST FETCH", "STATUS", "ERRORS",
           "NEXT POLL", "ARTICLES", "URL / TITLE / LAST ERROR");
    for (size_t i = 0; i < l.count; i++) {
        const struct store_feed *f = &l.items[i];
        char last[32], next[32];
        format_time(f->last_poll, last, sizeof(last));
        if (f->next_poll == TIME_NONE)
            snprintf(next, sizeof(next), "now");
        else
            format_time(f->next_poll, next, sizeof(next));
        printf("%-5lld %-20s %-6d %-6d %-20s %-8lld ", (long long)f->id, last, f->last_status,
               f->consecutive_errors, next, (long long)f->article_count);
        cli_put_text(f->url, 1); /* publisher text: escaped for the terminal */
        if (f->title) {
            fputs("  \"", stdout);
            cli_put_text(f->title, 1);
            putchar('"');
        }
        if (f->last_error) {
            fputs("  [error: ", stdout);
            cli_put_text(f->last_error, 1);
            putchar(']');
        }
        putchar('\n');
    }
    store_feed_list_release(&l);
    return CLI_EXIT_OK;
}

static int feeds_remove(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store_feed f;
    store *st;
    herald_status rc;
    if (argc != 2) {
        cli_error("feeds remove", 0, "expected one feed id or URL");
        return CLI_EXIT_USAGE;
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    store_feed_init(&f);
    rc = find_feed(st, argv[1], &f);
    if (!rc)
        rc = store_feed_remove(st, f.id);
    if (rc) {
        cli_error("feeds remove", rc, "cannot remove '%s'", argv[1]);
        store_feed_release(&f);
        return CLI_EXIT_FAIL;
    }
    printf("removed feed %lld: %s\n", (long long)f.id, f.url);
    store_feed_release(&f);
    return CLI_EXIT_OK;
}

static int feeds_set(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store_feed f;
    enum store_fetch_mode mode;
    store *st;
    herald_status rc;
    if (argc != 4 || strcmp(argv[2], "fetch-mode") != 0 ||
        store_fetch_mode_parse(argv[3], &mode) < 0) {
        cli_error("feeds set", 0, "usage: feeds set ID|URL fetch-mode auto|always|never");
        return CLI_EXIT_USAGE;
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    store_feed_init(&f);
    rc = find_feed(st, argv[1], &f);
    if (!rc)
        rc = store_feed_set_fetch_mode(st, f.id, mode);
    store_feed_release(&f);
    if (rc) {
        cli_error("feeds set", rc, "cannot update '%s'", argv[1]);
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}

static int run_feeds(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        fputs(cmd_feeds.usage, stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "add") == 0)
        return feeds_add(ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") == 0)
        return feeds_list(ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "remove") == 0 || strcmp(argv[1], "rm") == 0)
        return feeds_remove(ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "set") == 0)
        return feeds_set(ctx, argc - 1, argv + 1);
    cli_error("feeds", 0, "unknown subcommand '%s'", argv[1]);
    fputs(cmd_feeds.usage, stderr);
    return CLI_EXIT_USAGE;
}

const struct cli_command cmd_feeds = {
    "feeds",
    "add, list or remove subscriptions",
    "usage: herald feeds add URL [--title TITLE] [--fetch-mode auto|always|never]\n"
    "       herald feeds list\n"
    "       herald feeds remove ID|URL\n"
    "       herald feeds set ID|URL fetch-mode auto|always|never\n"
    "\n"
    "list prints each feed's health: last fetch, last HTTP status, consecutive errors,\n"
    "next poll, articles reached through it, and the last error.\n"
    "fetch-mode decides when the article page is fetched for full text: auto (when the\n"
    "feed carries only a teaser), always, or never.\n",
    run_feeds,
};

/* The directory part of path as a file:// base URL ending in '/'. */
static char *file_base_url(const char *path)
{
    char resolved[PATH_MAX];
    struct strbuf sb = STRBUF_INIT;
    char *slash;
    if (!realpath(path, resolved))
        return NULL;
    slash = strrchr(resolved, '/');
    if (slash)
        slash[1] = '\0';
    strbuf_adds(&sb, "file://");
    strbuf_adds(&sb, resolved);
    return strbuf_detach(&sb, NULL);
}

/* A file:// URL whose file exists. */
static int file_url_exists(const char *url)
{
    return strncmp(url, "file://", 7) == 0 && access(url + 7, R_OK) == 0;
}

/* Relative xmlUrls were resolved against the OPML file's location.  A hand-written list
 * may instead give paths relative to the directory herald runs in (demo/feeds.opml names
 * "demo/outlets/..."): when the first reading names no file and the second does, take
 * the second. */
static void prefer_existing_file(struct opml_list *l, const char *raw_base)
{
    char cwd[PATH_MAX];
    struct strbuf base = STRBUF_INIT;
    if (!getcwd(cwd, sizeof(cwd)))
        return;
    strbuf_addf(&base, "file://%s/", cwd);
    for (size_t i = 0; i < l->count; i++) {
        char *alt = NULL;
        const char *rel = l->items[i].xml_url;
        if (!raw_base || strncmp(rel, raw_base, strlen(raw_base)) != 0 || file_url_exists(rel))
            continue;
        if (url_resolve(base.buf, rel + strlen(raw_base), &alt) == HERALD_OK &&
            file_url_exists(alt)) {
            free(l->items[i].xml_url);
            l->items[i].xml_url = alt;
        } else {
            free(alt);
        }
    }
    strbuf_release(&base);
}

static int run_import_opml(struct cli_ctx *ctx, int argc, char **argv)
{
    struct opml_list l;
    char *data = NULL, *base = NULL;
    size_t len;
    store *st;
    int added = 0, existing = 0, failed = 0;
    herald_status rc;
    if (argc != 2) {
        fputs(cmd_import_opml.usage, stderr);
        return CLI_EXIT_USAGE;
    }
    rc = cli_read_file(argv[1], OPML_MAX_BYTES, &data, &len);
    if (rc) {
        cli_error("import-opml", rc, "cannot read '%s'", argv[1]);
        return CLI_EXIT_FAIL;
    }
    base = strcmp(argv[1], "-") == 0 ? NULL : file_base_url(argv[1]);
    rc = opml_parse(data, len, base, &l);
    if (!rc)
        prefer_existing_file(&l, base);
    free(data);
    free(base);
    if (rc) {
        cli_error("import-opml", rc, "'%s' is not a usable OPML file", argv[1]);
        return CLI_EXIT_FAIL;
    }
    if (cli_store(ctx, &st)) {
        opml_list_release(&l);
        return CLI_EXIT_FAIL;
    }
    for (size_t i = 0; i < l.count; i++) {
        struct store_feed f;
        int64_t id;
        store_feed_init(&f);
        f.url = l.items[i].xml_url;
        f.title = l.items[i].title;
        rc = store_feed_add(st, &f, &id);
        if (rc == HERALD_E_EXISTS) {
            existing++;
        } else if (rc) {
            cli_error("import-opml", rc, "cannot add %s: %s", f.url, store_errmsg(st));
            failed++;
        } else {
            added++;
        }
    }
    printf("imported %d feeds (%d already subscribed, %d failed) from %s\n", added, existing,
           failed, argv[1]);
    opml_list_release(&l);
    return failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

const struct cli_command cmd_import_opml = {
    "import-opml",
    "subscribe to every feed of an OPML file",
    "usage: herald import-opml FILE\n"
    "\n"
    "Adds every outline with an xmlUrl.  A relative xmlUrl is resolved against the OPML\n"
    "file's own location; when no file is there but one is at the same path relative to\n"
    "the working directory (demo/feeds.opml names demo/outlets/...), that one is taken.\n"
    "Feeds already subscribed are skipped.  Importing never fetches anything: file:// feeds are\n"
    "only read when --allow-file-urls is given to fetch or serve.\n",
    run_import_opml,
};

static int run_export_opml(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store_feed_list l;
    struct opml_outline *items;
    struct strbuf sb = STRBUF_INIT;
    store *st;
    if (argc != 1) {
        fputs(cmd_export_opml.usage, stderr);
        return CLI_EXIT_USAGE;
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    if (store_feed_list(st, &l)) {
        cli_error("export-opml", HERALD_E_DB, "%s", store_errmsg(st));
        return CLI_EXIT_FAIL;
    }
    items = xcalloc(l.count ? l.count : 1, sizeof(*items));
    for (size_t i = 0; i < l.count; i++) {
        items[i].title = l.items[i].title;
        items[i].xml_url = l.items[i].url;
    }
    opml_write(items, l.count, "herald subscriptions", &sb);
    fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
    free(items);
    store_feed_list_release(&l);
    return CLI_EXIT_OK;
}

const struct cli_command cmd_export_opml = {
    "export-opml",
    "print every subscription as OPML 2.0",
    "usage: herald export-opml > subscriptions.opml\n",
    run_export_opml,
};

/*
 * main.c - the herald command line: global options, configuration, dispatch.
 *
 *   herald [GLOBAL OPTIONS] COMMAND [ARGS]
 *
 * Global options come before the command; each command parses its own.  The effective
 * configuration is defaults < config file < HERALD_* environment < flags (core/config.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "fetch/fetch.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "stories/stories.h"

#include <libxml/parser.h>

#include "core/banned.h"

static const struct cli_command *const commands[] = {
    &cmd_feeds,   &cmd_import_opml, &cmd_export_opml, &cmd_fetch,   &cmd_articles,
    &cmd_article, &cmd_serve,       &cmd_parse_feed,  &cmd_extract, &cmd_config,
    &cmd_users,   &cmd_stories,     &cmd_enrich,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
    fputs("usage: herald [OPTIONS] COMMAND [ARGS]\n"
          "\n"
          "Options (before the command):\n"
          "  --db PATH            SQLite database file (default herald.db; key 'db')\n"
          "  --config PATH        configuration file (default $HERALD_CONFIG or ./herald.conf)\n"
          "  --set KEY=VALUE      set any configuration key (see `herald config`)\n"
          "  --allow-file-urls    let feeds and pages be read from file:// URLs\n"
          "  --log-level LEVEL    error, warn, info or debug (default info)\n"
          "  -q, --quiet          same as --log-level warn\n"
          "  --version            print the version\n"
          "  -h, --help           this help; `herald COMMAND --help` for a command\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-14s %s\n", commands[i]->name, commands[i]->summary);
}

/*
 * As git does after every builtin: stdio's error flag is sticky, so one check after the
 * command catches every failed printf/fwrite/putchar of it, and the flush catches the
 * buffered tail (`herald feeds list > /dev/full` fails only there).  A command that
 * succeeded but whose output was lost exits 1.
 */
static int finish_stdout(int ret)
{
    struct stat st;
    int err;
    if (fstat(fileno(stdout), &st) != 0)
        return ret; /* started with stdout closed: nothing was meant to be written */
    err = fflush(stdout) != 0 ? errno : 0;
    if (!err && ferror(stdout))
        err = EIO;
    if (fclose(stdout) != 0 && !err)
        err = errno;
    if (!err)
        return ret;
    fprintf(stderr, "herald: write error on standard output: %s\n", strerror(err));
    return ret == CLI_EXIT_OK ? CLI_EXIT_FAIL : ret;
}

herald_status cli_store(struct cli_ctx *ctx, struct store **out)
{
    if (!ctx->st) {
        herald_status rc = store_open(ctx->cfg.db_path, 0, &ctx->st);
        if (rc) {
            cli_error("store", rc, "cannot open database '%s'", ctx->cfg.db_path);
            return rc;
        }
    }
    *out = ctx->st;
    return HERALD_OK;
}

int cli_wants_help(const struct cli_command *cmd, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(cmd->usage, stdout);
            return 1;
        }
    }
    return 0;
}

void cli_error(const char *cmd, herald_status rc, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (rc)
        fprintf(stderr, "herald %s: %s (%s)\n", cmd, msg, herald_strerror(rc));
    else
        fprintf(stderr, "herald %s: %s\n", cmd, msg);
}

void cli_put_text(const char *s, int one_line)
{
    struct strbuf sb = STRBUF_INIT;
    while (s && *s) {
        size_t n = strcspn(s, "\t\n\r");
        strbuf_add_printable(&sb, s, n);
        s += n;
        if (!*s)
            break;
        if (one_line)
            strbuf_addch(&sb, ' ');
        else if (*s == '\r')
            strbuf_adds(&sb, "\\x0d");
        else
            strbuf_addch(&sb, *s);
        s++;
    }
    fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
}

herald_status cli_read_file(const char *path, size_t max, char **out, size_t *len)
{
    struct strbuf sb = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? HERALD_E_NOTFOUND : HERALD_E_IO;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (sb.len + n > max) {
            strbuf_release(&sb);
            if (f != stdin)
                fclose(f);
            return HERALD_E_TOOBIG;
        }
        strbuf_add(&sb, chunk, n);
    }
    int err = ferror(f);
    if (f != stdin)
        fclose(f);
    if (err) {
        strbuf_release(&sb);
        return HERALD_E_IO;
    }
    *out = strbuf_detach(&sb, len);
    return HERALD_OK;
}

/* Every key was checked on its own when it was set (config.c); this checks what needs
 * another module's rules (the SSRF allowlist), so that no command, and in particular not
 * `serve` after the site is up, starts with settings that cannot work. */
static herald_status check_config(const struct config *cfg)
{
    herald_status rc = ingest_check_config(cfg);
    if (rc)
        cli_error("config", rc, "the configuration cannot be used");
    return rc;
}

/* Loads the file layer of the configuration: --config PATH (scanned first, because flags
 * must override it), else $HERALD_CONFIG, else ./herald.conf when present. */
static herald_status load_config_file(struct config *cfg, int argc, char **argv)
{
    const char *path = getenv("HERALD_CONFIG");
    int required = path != NULL;
    for (int i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            path = argv[i + 1];
            required = 1;
        }
        /* step over the value of every option that takes one, as main does, so that
         * "--db X --config Y" is seen */
        if ((strcmp(argv[i], "--config") == 0 || strcmp(argv[i], "--db") == 0 ||
             strcmp(argv[i], "--log-level") == 0 || strcmp(argv[i], "--set") == 0) &&
            i + 1 < argc)
            i++;
    }
    if (!path)
        path = "herald.conf";
    herald_status rc = config_load_file(cfg, path);
    if (rc == HERALD_E_NOTFOUND && !required)
        return HERALD_OK;
    if (rc)
        cli_error("config", rc, "cannot read configuration file '%s'", path);
    return rc;
}

int main(int argc, char **argv)
{
    struct cli_ctx ctx = {0};
    int i, ret = CLI_EXIT_USAGE;
    enum log_level level;

    /* Libraries with process-wide state are initialised once, before any thread starts. */
    xmlInitParser();
    if (fetch_global_init()) {
        fputs("herald: cannot initialise libcurl\n", stderr);
        return CLI_EXIT_FAIL;
    }
    config_init(&ctx.cfg);
    if (load_config_file(&ctx.cfg, argc, argv) || config_load_env(&ctx.cfg)) {
        ret = CLI_EXIT_FAIL;
        goto out;
    }
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *opt = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        herald_status rc = HERALD_OK;
        if (strcmp(opt, "--version") == 0) {
            printf("herald %s\n", HERALD_VERSION);
            ret = CLI_EXIT_OK;
            goto out;
        } else if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
            usage(stdout);
            ret = CLI_EXIT_OK;
            goto out;
        } else if (strcmp(opt, "--allow-file-urls") == 0) {
            rc = config_set(&ctx.cfg, "allow_file_urls", "true", opt);
        } else if (strcmp(opt, "-q") == 0 || strcmp(opt, "--quiet") == 0) {
            rc = config_set(&ctx.cfg, "log_level", "warn", opt);
        } else if (strcmp(opt, "--db") == 0 || strcmp(opt, "--config") == 0 ||
                   strcmp(opt, "--log-level") == 0 || strcmp(opt, "--set") == 0) {
            if (!val) {
                cli_error(opt + 2, 0, "missing value for %s", opt);
                goto out;
            }
            i++;
            if (strcmp(opt, "--db") == 0) {
                rc = config_set(&ctx.cfg, "db", val, opt);
            } else if (strcmp(opt, "--log-level") == 0) {
                rc = config_set(&ctx.cfg, "log_level", val, opt);
            } else if (strcmp(opt, "--set") == 0) {
                const char *eq = strchr(val, '=');
                if (!eq) {
                    cli_error("set", 0, "expected KEY=VALUE, not '%s'", val);
                    goto out;
                }
                char *key = xstrndup(val, (size_t)(eq - val));
                rc = config_set(&ctx.cfg, key, eq + 1, opt);
                free(key);
            }
        } else {
            cli_error("usage", 0, "unknown option '%s'", opt);
            usage(stderr);
            goto out;
        }
        if (rc) {
            ret = CLI_EXIT_USAGE;
            goto out;
        }
    }
    if (log_level_parse(ctx.cfg.log_level, &level) == 0)
        log_set_level(level);
    stories_configure(&ctx.cfg);
    store_configure(&ctx.cfg);
    if (i >= argc) {
        usage(stderr);
        goto out;
    }
    for (size_t c = 0; c < NCOMMANDS; c++) {
        if (strcmp(argv[i], commands[c]->name) == 0) {
            if (cli_wants_help(commands[c], argc - i, argv + i))
                ret = CLI_EXIT_OK;
            else if (check_config(&ctx.cfg))
                ret = CLI_EXIT_FAIL;
            else
                ret = commands[c]->run(&ctx, argc - i, argv + i);
            goto out;
        }
    }
    if (strcmp(argv[i], "help") == 0) {
        for (size_t c = 0; i + 1 < argc && c < NCOMMANDS; c++) {
            if (strcmp(argv[i + 1], commands[c]->name) == 0) {
                fputs(commands[c]->usage, stdout);
                ret = CLI_EXIT_OK;
                goto out;
            }
        }
        usage(stdout);
        ret = CLI_EXIT_OK;
        goto out;
    }
    cli_error("usage", 0, "unknown command '%s'", argv[i]);
    usage(stderr);
out:
    store_close(ctx.st);
    config_release(&ctx.cfg);
    fetch_global_cleanup();
    xmlCleanupParser();
    return finish_stdout(ret);
}

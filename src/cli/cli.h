/*
 * cli.h - what the herald subcommands share.
 *
 * main.c parses the global options into a cli_ctx, then calls one command.  Commands
 * only wire library modules together: they parse their own flags, call into store,
 * ingest, feed, extract or web, and print.  Exit codes: 0 success, 1 failure, 2 usage.
 */
#ifndef HERALD_CLI_H
#define HERALD_CLI_H

#include <stdio.h>

#include "core/config.h"
#include "core/status.h"

struct store;

struct cli_ctx {
    struct config cfg;
    struct store *st; /* opened by cli_store() on first use, closed by main */
};

struct cli_command {
    const char *name;
    const char *summary;
    const char *usage; /* full help text printed by `herald CMD --help` */
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2

/* Opens the configured database (read-write, migrating it) once; logs and returns
 * non-zero on failure. */
herald_status cli_store(struct cli_ctx *ctx, struct store **out);

/* Returns 1 when argv holds -h or --help (and prints the command's usage to stdout). */
int cli_wants_help(const struct cli_command *cmd, int argc, char **argv);

/* Prints "herald CMD: message" to stderr, with the status text when rc != 0. */
void cli_error(const char *cmd, herald_status rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes text from the outside world (a publisher's title, an error message) to stdout
 * so that it cannot drive the terminal: control bytes are escaped (strbuf_add_printable).
 * one_line: tabs and line breaks become spaces (a field of a one-line record); else
 * newlines and tabs are kept (an article's text). */
void cli_put_text(const char *s, int one_line);

/* Reads a whole file or "-" (stdin) with a size cap.  *out is malloc'd. */
herald_status cli_read_file(const char *path, size_t max, char **out, size_t *len);

extern const struct cli_command cmd_feeds, cmd_import_opml, cmd_export_opml, cmd_fetch,
    cmd_articles, cmd_article, cmd_serve, cmd_parse_feed, cmd_extract, cmd_config, cmd_users,
    cmd_stories;

#endif

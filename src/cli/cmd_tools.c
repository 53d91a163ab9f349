/*
 * cmd_tools.c - one-shot tools on a single document: `parse-feed`, `extract`.
 * Both read a file path or fetch a URL through the same polite, SSRF-checked fetcher the
 * pipeline uses, so what they print is what ingest would see.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/strbuf.h"
#include "extract/extract.h"
#include "feed/feed.h"
#include "fetch/fetch.h"
#include "ingest/ingest.h"

#include "core/banned.h"

#define TOOL_MAX_BYTES (16u * 1024 * 1024)

static int is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
           strncmp(s, "file://", 7) == 0;
}

/* Reads a file or fetches a URL.  On success *body is malloc'd and *res (URL case) holds
 * the response with its headers (body moved out of it). */
static herald_status load_input(struct cli_ctx *ctx, const char *cmd, const char *arg, char **body,
                                size_t *len, struct fetch_result **res)
{
    herald_status rc;
    *res = NULL;
    if (!is_url(arg)) {
        rc = cli_read_file(arg, TOOL_MAX_BYTES, body, len);
        if (rc)
            cli_error(cmd, rc, "cannot read '%s'", arg);
        return rc;
    }
    /* the same fetcher settings as ingest: fetch.*, allow_file_urls and ssrf.allow */
    struct fetch_config fc;
    char **allow;
    size_t n_allow;
    ingest_fetch_config(&ctx->cfg, &fc, &allow, &n_allow);
    rc = fetch_url(&fc, arg, NULL, NULL, res);
    ingest_allow_free(allow, n_allow);
    if (rc) {
        cli_error(cmd, rc, "cannot fetch '%s'", arg);
        return rc;
    }
    if ((*res)->status != HERALD_OK || !(*res)->body) {
        rc = (*res)->status ? (*res)->status : HERALD_E_HTTP;
        cli_error(cmd, rc, "%s: %s", arg, (*res)->error ? (*res)->error : "no body");
        fetch_result_free(*res);
        *res = NULL;
        return rc;
    }
    *body = (*res)->body;
    *len = (*res)->body_len;
    (*res)->body = NULL;
    return HERALD_OK;
}

static int run_parse_feed(struct cli_ctx *ctx, int argc, char **argv)
{
    struct feed_parse_opts opts = {0};
    struct fetch_result *res = NULL;
    struct feed *f = NULL;
    struct strbuf out = STRBUF_INIT;
    char *body = NULL, *url = NULL;
    const char *arg = NULL;
    size_t len = 0;
    herald_status rc;
    int ret = CLI_EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--raw") == 0)
            opts.no_sanitize = 1;
        else if (!arg)
            arg = argv[i];
        else {
            cli_error("parse-feed", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (!arg) {
        fputs(cmd_parse_feed.usage, stderr);
        return CLI_EXIT_USAGE;
    }
    if (load_input(ctx, "parse-feed", arg, &body, &len, &res))
        return CLI_EXIT_FAIL;
    if (res) {
        opts.url = res->final_url;
        opts.content_type = res->content_type;
        opts.content_location = res->content_location;
        opts.content_language = res->content_language;
    } else if (strcmp(arg, "-") != 0) {
        struct strbuf u = STRBUF_INIT;
        char *abs = realpath(arg, NULL);
        strbuf_addf(&u, "file://%s", abs ? abs : arg);
        free(abs);
        url = strbuf_detach(&u, NULL);
        opts.url = url;
    }
    rc = feed_parse(body, len, &opts, &f);
    if (rc) {
        cli_error("parse-feed", rc, "'%s' is not a feed herald can read", arg);
        goto out;
    }
    rc = feed_to_json(f, &out);
    if (rc) {
        cli_error("parse-feed", rc, "cannot serialise the result");
        goto out;
    }
    fwrite(out.buf, 1, out.len, stdout);
    putchar('\n');
    ret = CLI_EXIT_OK;
out:
    strbuf_release(&out);
    feed_free(f);
    fetch_result_free(res);
    free(body);
    free(url);
    return ret;
}

const struct cli_command cmd_parse_feed = {
    "parse-feed",
    "parse one feed (file or URL) and print it as JSON",
    "usage: herald parse-feed FILE|URL [--raw]\n"
    "\n"
    "Detects the format from the content (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed\n"
    "1.0/1.1) and prints the feed's fields and every entry's fields as one JSON object,\n"
    "dates in RFC 3339 UTC.  --raw keeps the publisher's HTML unsanitized (for debugging).\n"
    "FILE may be - for standard input.  URLs go through the fetcher's SSRF policy.\n",
    run_parse_feed,
};

static int run_extract(struct cli_ctx *ctx, int argc, char **argv)
{
    struct fetch_result *res = NULL;
    struct extract_result *r = NULL;
    char *body = NULL;
    const char *arg = NULL, *url;
    size_t len = 0;
    int mode = 0; /* 0 json, 1 text, 2 html */
    herald_status rc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            mode = 0;
        else if (strcmp(argv[i], "--text") == 0)
            mode = 1;
        else if (strcmp(argv[i], "--html") == 0)
            mode = 2;
        else if (!arg)
            arg = argv[i];
        else {
            cli_error("extract", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (!arg) {
        fputs(cmd_extract.usage, stderr);
        return CLI_EXIT_USAGE;
    }
    if (load_input(ctx, "extract", arg, &body, &len, &res))
        return CLI_EXIT_FAIL;
    url = res ? res->final_url : NULL;
    rc = extract_article(body, len, url, NULL, &r);
    if (rc) {
        cli_error("extract", rc, "no article found in '%s'", arg);
    } else if (mode == 1) {
        puts(r->body_text ? r->body_text : "");
    } else if (mode == 2) {
        puts(r->body_html ? r->body_html : "");
    } else {
        char *json = extract_result_to_json(r, 2);
        puts(json ? json : "{}");
        free(json);
    }
    extract_result_free(r);
    fetch_result_free(res);
    free(body);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

const struct cli_command cmd_extract = {
    "extract",
    "extract the article from one web page (file or URL)",
    "usage: herald extract FILE|URL [--json | --text | --html]\n"
    "\n"
    "Prints the extracted article: by default all fields as JSON (title, body, lead\n"
    "image with caption and credit, authors, times, canonical URL, language, publisher);\n"
    "--text the plain body, one paragraph per line; --html the sanitized body.\n",
    run_extract,
};

/*
 * cmd_articles.c - reading what is stored: `articles list`, `article ID`, `config`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/timeutil.h"
#include "store/store.h"

#include "core/banned.h"

static int run_articles(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store_article_query q;
    struct store_article_list l;
    store *st;
    long limit = -1; /* -1: every article */
    long printed = 0;
    char *cursor = NULL;
    int ret = CLI_EXIT_OK;

    store_article_query_init(&q);
    int i = 1;
    if (i < argc && strcmp(argv[i], "list") == 0)
        i++;
    for (; i < argc; i++) {
        char *end;
        if ((strcmp(argv[i], "--limit") == 0 || strcmp(argv[i], "--source") == 0) && i + 1 < argc) {
            errno = 0;
            long v = strtol(argv[i + 1], &end, 10);
            if (errno || *end || end == argv[i + 1] || v <= 0) {
                cli_error("articles", 0, "%s takes a positive number", argv[i]);
                return CLI_EXIT_USAGE;
            }
            if (strcmp(argv[i], "--limit") == 0)
                limit = v;
            else
                q.source_id = v;
            i++;
        } else if (strcmp(argv[i], "--language") == 0 && i + 1 < argc) {
            q.language = argv[++i];
        } else {
            cli_error("articles", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    q.limit = STORE_LIST_MAX;
    for (;;) {
        herald_status rc = store_article_list(st, &q, &l);
        if (rc) {
            cli_error("articles", rc, "%s", store_errmsg(st));
            ret = CLI_EXIT_FAIL;
            break;
        }
        for (size_t k = 0; k < l.count && (limit < 0 || printed < limit); k++, printed++) {
            char when[TIME_RFC3339_LEN];
            const struct store_article *a = &l.items[k];
            printf("%s\t%s\t", a->id, time_format_rfc3339(a->sort_time, when));
            /* one line per article, and nothing a publisher wrote reaches the terminal
             * raw (ESC, BEL, C1 controls) */
            cli_put_text(a->source_name ? a->source_name : "-", 1);
            putchar('\t');
            cli_put_text(a->title ? a->title : "(untitled)", 1);
            putchar('\n');
        }
        free(cursor);
        cursor = l.next_cursor[0] ? xstrdup(l.next_cursor) : NULL;
        store_article_list_release(&l);
        if (!cursor || (limit >= 0 && printed >= limit))
            break;
        q.cursor = cursor;
    }
    free(cursor);
    return ret;
}

const struct cli_command cmd_articles = {
    "articles",
    "list stored articles, newest first",
    "usage: herald articles list [--limit N] [--source ID] [--language TAG]\n"
    "\n"
    "Prints one article a line: id, time (UTC), source, title, separated by tabs.\n",
    run_articles,
};

static void print_kv(const char *key, const char *value)
{
    if (value && *value) {
        printf("%-14s ", key);
        cli_put_text(value, 1);
        putchar('\n');
    }
}

static void print_time(const char *key, int64_t t)
{
    char buf[TIME_RFC3339_LEN];
    if (t != TIME_NONE)
        print_kv(key, time_format_rfc3339(t, buf));
}

static int run_article(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store_article a;
    store *st;
    herald_status rc;
    int mode = 0; /* 0 all fields + text, 1 text only, 2 html only */
    const char *id = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--text") == 0)
            mode = 1;
        else if (strcmp(argv[i], "--html") == 0)
            mode = 2;
        else if (!id && argv[i][0] != '-')
            id = argv[i];
        else {
            cli_error("article", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (!id) {
        fputs(cmd_article.usage, stderr);
        return CLI_EXIT_USAGE;
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    store_article_init(&a);
    rc = store_article_get(st, id, &a);
    if (rc) {
        cli_error("article", rc, "no article '%s'", id);
        return CLI_EXIT_FAIL;
    }
    if (mode == 1) {
        cli_put_text(a.text, 0);
        putchar('\n');
    } else if (mode == 2) {
        cli_put_text(a.content_html, 0);
        putchar('\n');
    } else {
        char words[32];
        print_kv("id", a.id);
        print_kv("title", a.title);
        print_kv("source", a.source_name);
        print_kv("url", a.url);
        print_kv("canonical", a.canonical_url);
        print_kv("authors", a.authors);
        print_time("published", a.published);
        print_time("updated", a.updated);
        print_time("first_seen", a.first_seen);
        print_kv("language", a.language);
        print_kv("image", a.image_url);
        print_kv("caption", a.image_caption);
        print_kv("credit", a.image_credit);
        print_kv("categories", a.categories);
        snprintf(words, sizeof(words), "%d", a.word_count);
        print_kv("words", words);
        print_kv("copyright", a.source_copyright);
        print_kv("summary", a.summary);
        putchar('\n');
        cli_put_text(a.text, 0);
        putchar('\n');
    }
    store_article_release(&a);
    return CLI_EXIT_OK;
}

const struct cli_command cmd_article = {
    "article",
    "print one stored article",
    "usage: herald article ID [--text | --html]\n"
    "\n"
    "Prints the article's fields and its plain text; --text prints only the text,\n"
    "--html only the sanitized HTML body.\n",
    run_article,
};

static void emit_line(const char *line, void *unused)
{
    (void)unused;
    puts(line);
}

static int run_config(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 1) {
        fputs(cmd_config.usage, stderr);
        return CLI_EXIT_USAGE;
    }
    config_dump(&ctx->cfg, emit_line, NULL);
    return CLI_EXIT_OK;
}

const struct cli_command cmd_config = {
    "config",
    "print the effective configuration",
    "usage: herald config\n"
    "\n"
    "Prints every key with its effective value.  Sources, lowest precedence first:\n"
    "defaults, the configuration file (--config PATH, $HERALD_CONFIG or ./herald.conf),\n"
    "HERALD_* environment variables (fetch.per_host -> HERALD_FETCH_PER_HOST), flags.\n",
    run_config,
};

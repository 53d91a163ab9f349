/*
 * cmd_stories.c - `herald stories`: list the top stories, re-cluster the archive, store
 * the article pages' related lists.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "store/store.h"
#include "stories/stories.h"

#include "core/banned.h"

static int run_stories(struct cli_ctx *ctx, int argc, char **argv)
{
    struct store *st;
    int all = 0;
    if (argc < 2 || (strcmp(argv[1], "rebuild") != 0 && strcmp(argv[1], "list") != 0 &&
                     strcmp(argv[1], "related") != 0)) {
        cli_error("stories", 0, "expected 'rebuild', 'list' or 'related'");
        return CLI_EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[1], "related") == 0 && strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else {
            cli_error("stories", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    if (strcmp(argv[1], "related") == 0) {
        int64_t n = 0;
        herald_status rc = stories_related_backfill(st, all, &n);
        if (rc) {
            cli_error("stories", rc, "computing related lists failed: %s", store_errmsg(st));
            return CLI_EXIT_FAIL;
        }
        printf("stored the related lists of %" PRId64 " articles\n", n);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "rebuild") == 0) {
        int64_t articles = 0, stories = 0;
        herald_status rc = stories_rebuild(st, &articles, &stories);
        if (rc) {
            cli_error("stories", rc, "rebuild failed: %s", store_errmsg(st));
            return CLI_EXIT_FAIL;
        }
        printf("clustered %" PRId64 " articles into %" PRId64 " stories\n", articles, stories);
        return CLI_EXIT_OK;
    } else {
        struct store_story_list l;
        herald_status rc = store_story_top(st, time_now(), 30, &l);
        if (rc) {
            cli_error("stories", rc, "%s", store_errmsg(st));
            return CLI_EXIT_FAIL;
        }
        for (size_t i = 0; i < l.count; i++)
            printf("%" PRId64 "\t%" PRId64 " articles\t%" PRId64 " sources\t%s\n", l.items[i].id,
                   l.items[i].size, l.items[i].sources, l.items[i].title ? l.items[i].title : "");
        store_story_list_release(&l);
        return CLI_EXIT_OK;
    }
}

const struct cli_command cmd_stories = {
    "stories",
    "list the top stories, re-cluster the archive, or store the related lists",
    "usage: herald stories list | rebuild | related [--all]\n"
    "\n"
    "list     the top stories now (id, articles, distinct sources, title).\n"
    "rebuild  forgets every story, copy link and fingerprint and clusters the whole\n"
    "         archive again in time order (after changing the stories.* settings).\n"
    "related  stores the related list of every article page that has none yet (once,\n"
    "         after upgrading a database from before the lists; the story jobs keep\n"
    "         them afterwards); --all recomputes every list.\n",
    run_stories,
};

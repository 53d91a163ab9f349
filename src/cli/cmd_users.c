/*
 * cmd_users.c - `herald users`: reader accounts from the command line (the first admin
 * comes from here).  Role changes and bans are written to the moderators' audit log with
 * the actor "cli".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/timeutil.h"
#include "store/store_users.h"
#include "users/users.h"

#include "core/banned.h"

/* Reads the password: the first line of path ("-" = standard input). */
static int read_password(const char *path, char *out, size_t size)
{
    char *buf = NULL;
    size_t len = 0, n;
    if (cli_read_file(path, 4096, &buf, &len) != HERALD_OK)
        return -1;
    n = strcspn(buf, "\r\n");
    if (n >= size) {
        free(buf);
        return -1;
    }
    memcpy(out, buf, n);
    out[n] = '\0';
    free(buf);
    return 0;
}

static int users_add(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *name = NULL, *email = NULL, *pwfile = "-", *problem;
    char pw[USERS_PASSWORD_MAX + 2], hash[USERS_HASH_MAX];
    int role = STORE_ROLE_READER;
    int64_t id;
    store *st;
    herald_status rc;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--admin") == 0)
            role = STORE_ROLE_ADMIN;
        else if (strcmp(argv[i], "--moderator") == 0)
            role = STORE_ROLE_MODERATOR;
        else if (strcmp(argv[i], "--email") == 0 && i + 1 < argc)
            email = argv[++i];
        else if (strcmp(argv[i], "--password-file") == 0 && i + 1 < argc)
            pwfile = argv[++i];
        else if (!name && argv[i][0] != '-')
            name = argv[i];
        else {
            cli_error("users", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    problem = users_name_problem(name);
    if (problem) {
        cli_error("users", 0, "%s", problem);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(pwfile, "-") == 0)
        fprintf(stderr, "password for %s (one line on standard input): ", name);
    if (read_password(pwfile, pw, sizeof(pw))) {
        cli_error("users", 0, "cannot read the password from %s", pwfile);
        return CLI_EXIT_FAIL;
    }
    problem = users_password_problem(name, pw);
    if (problem) {
        cli_error("users", 0, "%s", problem);
        return CLI_EXIT_USAGE;
    }
    if (users_init() || users_hash_password(pw, hash)) {
        cli_error("users", 0, "cannot hash the password");
        return CLI_EXIT_FAIL;
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    rc = store_user_add(st, name, email, hash, role, time_now(), &id);
    if (rc) {
        cli_error("users", rc, rc == HERALD_E_EXISTS ? "the name %s is taken" : "cannot add %s",
                  name);
        return CLI_EXIT_FAIL;
    }
    printf("%lld\t%s\t%s\n", (long long)id, name, store_role_name(role));
    return CLI_EXIT_OK;
}

static int users_list(struct cli_ctx *ctx)
{
    struct store_user_list l;
    store *st;
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    if (store_user_list(st, &l)) {
        cli_error("users", 0, "cannot list the accounts");
        return CLI_EXIT_FAIL;
    }
    for (size_t i = 0; i < l.count; i++)
        printf("%lld\t%s\t%s%s\n", (long long)l.items[i].id, l.items[i].name,
               store_role_name(l.items[i].role), l.items[i].banned ? "\tbanned" : "");
    store_user_list_release(&l);
    return CLI_EXIT_OK;
}

/* role NAME ROLE, ban NAME, unban NAME: one change and its audit entry, together. */
static int users_change(struct cli_ctx *ctx, const char *verb, const char *name, const char *arg)
{
    struct store_user u;
    char target[48];
    int role = -1;
    store *st;
    herald_status rc;
    if (strcmp(verb, "role") == 0) {
        role = store_role_parse(arg);
        if (role < 0) {
            cli_error("users", 0, "a role is reader, moderator or admin");
            return CLI_EXIT_USAGE;
        }
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    store_user_init(&u);
    rc = store_user_get_by_name(st, name, &u);
    if (rc) {
        cli_error("users", rc, "no account %s", name);
        return CLI_EXIT_FAIL;
    }
    snprintf(target, sizeof(target), "user %lld", (long long)u.id);
    rc = store_tx_begin(st);
    if (rc == HERALD_OK)
        rc = role >= 0 ? store_user_set_role(st, u.id, role)
                       : store_user_set_banned(st, u.id, strcmp(verb, "ban") == 0);
    if (rc == HERALD_OK)
        rc = store_audit_add(st, 0, "cli", verb, target, role >= 0 ? arg : u.name, time_now());
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    store_user_release(&u);
    if (rc) {
        cli_error("users", rc, "cannot change %s", name);
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}

static int run_users(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2) {
        cli_error("users", 0, "which? add, list, role, ban, unban (see --help)");
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "add") == 0)
        return users_add(ctx, argc, argv);
    if (strcmp(argv[1], "list") == 0 && argc == 2)
        return users_list(ctx);
    if (strcmp(argv[1], "role") == 0 && argc == 4)
        return users_change(ctx, "role", argv[2], argv[3]);
    if ((strcmp(argv[1], "ban") == 0 || strcmp(argv[1], "unban") == 0) && argc == 3)
        return users_change(ctx, argv[1], argv[2], NULL);
    cli_error("users", 0, "unexpected arguments (see herald users --help)");
    return CLI_EXIT_USAGE;
}

const struct cli_command cmd_users = {
    "users",
    "reader accounts: add (the first admin), list, role, ban, unban",
    "usage: herald users add NAME [--admin | --moderator] [--email ADDRESS]\n"
    "                        [--password-file FILE]\n"
    "       herald users list\n"
    "       herald users role NAME reader|moderator|admin\n"
    "       herald users ban NAME\n"
    "       herald users unban NAME\n"
    "\n"
    "add reads the password from the first line of FILE, or of standard input when no\n"
    "file (or -) is given; it must have 10+ characters and not be a very common one.\n"
    "Admins manage users on the web too (/admin/users); moderators review reported\n"
    "comments at /moderation.  Role changes and bans go to the audit log as \"cli\".\n",
    run_users,
};

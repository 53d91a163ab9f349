/*
 * store_users.c - see store_users.h.  The SQL of accounts, sessions, tokens, comments,
 * reports, the audit log and reading state, over the SQLite connection and statement cache
 * of store_sqlite.c (store_sqlite.h).  SQLite is the only backend today; when the
 * PostgreSQL one lands these functions move behind struct store_ops like the rest.
 *
 * Writes are bracketed like store.c's (op_begin/op_end): one transaction of their own, or
 * a savepoint inside the caller's, so a failed write leaves nothing behind.
 */
#include "store/store_users.h"
#include "store/store_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#include "core/banned.h"

/* ---- helpers ------------------------------------------------------------------------ */

static char *col_str(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static int64_t col_time(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? TIME_NONE : sqlite3_column_int64(s, i);
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

/* Steps s for one row; HERALD_E_NOTFOUND when there is none.  Leaves s on the row (the
 * caller reads and resets). */
static herald_status row(store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return HERALD_OK;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        store_set_error(st, 0, "not found");
        return HERALD_E_NOTFOUND;
    }
    sqlite3_reset(s);
    return store_sqlite_fail(st, what);
}

/* Grows a list of records of size sz by one, zeroed; returns the new item. */
static void *push(void **items, size_t *count, size_t sz)
{
    char *p;
    *items = xrealloc(*items, (*count + 1) * sz);
    p = (char *)*items + *count * sz;
    memset(p, 0, sz);
    (*count)++;
    return p;
}

/* Runs a list query: calls read for each row.  HERALD_E_DB on failure. */
static herald_status each_row(store *st, sqlite3_stmt *s, const char *what,
                              void (*read)(sqlite3_stmt *, void *), void *ud)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        read(s, ud);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? HERALD_OK : store_sqlite_fail(st, what);
}

#define PREP(s, sql)                                                                               \
    do {                                                                                           \
        (s) = store_sqlite_prep(st, (sql));                                                        \
        if (!(s))                                                                                  \
            return HERALD_E_DB;                                                                    \
    } while (0)

/* ---- records ------------------------------------------------------------------------ */

const char *store_role_name(int role)
{
    switch (role) {
    case STORE_ROLE_ADMIN:
        return "admin";
    case STORE_ROLE_MODERATOR:
        return "moderator";
    default:
        return "reader";
    }
}

int store_role_parse(const char *s)
{
    if (!s)
        return -1;
    if (strcmp(s, "reader") == 0)
        return STORE_ROLE_READER;
    if (strcmp(s, "moderator") == 0)
        return STORE_ROLE_MODERATOR;
    if (strcmp(s, "admin") == 0)
        return STORE_ROLE_ADMIN;
    return -1;
}

void store_user_init(struct store_user *u)
{
    memset(u, 0, sizeof(*u));
    u->created = TIME_NONE;
}

void store_user_release(struct store_user *u)
{
    free(u->name);
    free(u->email);
    free(u->pw_hash);
    store_user_init(u);
}

void store_user_list_release(struct store_user_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        store_user_release(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_session_init(struct store_session *s)
{
    memset(s, 0, sizeof(*s));
    store_user_init(&s->user);
}

void store_session_release(struct store_session *s)
{
    store_user_release(&s->user);
    free(s->csrf);
    store_session_init(s);
}

void store_token_list_release(struct store_token_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i].label);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_comment_init(struct store_comment *c)
{
    memset(c, 0, sizeof(*c));
    c->created = c->edited = TIME_NONE;
}

void store_comment_release(struct store_comment *c)
{
    free(c->user_name);
    free(c->body);
    store_comment_init(c);
}

void store_comment_list_release(struct store_comment_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        store_comment_release(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_audit_list_release(struct store_audit_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].actor);
        free(l->items[i].action);
        free(l->items[i].target);
        free(l->items[i].detail);
    }
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* ---- users -------------------------------------------------------------------------- */

#define USER_COLS "u.id, u.name, u.email, u.pw_hash, u.role, u.banned, u.created"

static void read_user(sqlite3_stmt *s, int c, struct store_user *u)
{
    store_user_init(u);
    u->id = sqlite3_column_int64(s, c);
    u->name = col_str(s, c + 1);
    u->email = col_str(s, c + 2);
    u->pw_hash = col_str(s, c + 3);
    u->role = sqlite3_column_int(s, c + 4);
    u->banned = sqlite3_column_int(s, c + 5);
    u->created = sqlite3_column_int64(s, c + 6);
}

herald_status store_user_add(store *st, const char *name, const char *email, const char *pw_hash,
                             int role, int64_t now, int64_t *id_out)
{
    static const char sql[] = "INSERT INTO users (name, name_key, email, pw_hash, role, created)"
                              " VALUES (?1, lower(?1), ?2, ?3, ?4, ?5)";
    sqlite3_stmt *s;
    herald_status rc;
    int64_t id = 0;
    if (!name || !*name || !pw_hash || role < 0 || role > STORE_ROLE_ADMIN)
        return HERALD_E_INVALID;
    rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql);
    if (!s) {
        rc = HERALD_E_DB;
    } else {
        bind_text(s, 1, name);
        bind_text(s, 2, email && *email ? email : NULL);
        bind_text(s, 3, pw_hash);
        sqlite3_bind_int(s, 4, role);
        sqlite3_bind_int64(s, 5, now);
        rc = store_sqlite_step_done(st, s, "adding an account");
        id = store_sqlite_last_rowid(st);
    }
    rc = store_write_end(st, rc);
    if (rc == HERALD_OK && id_out)
        *id_out = id;
    return rc;
}

static herald_status user_by(store *st, const char *sql, int64_t id, const char *name,
                             struct store_user *out)
{
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    if (name)
        bind_text(s, 1, name);
    else
        sqlite3_bind_int64(s, 1, id);
    rc = row(st, s, "reading an account");
    if (rc)
        return rc;
    read_user(s, 0, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

herald_status store_user_get(store *st, int64_t id, struct store_user *out)
{
    static const char sql[] = "SELECT " USER_COLS " FROM users u WHERE u.id = ?1";
    return user_by(st, sql, id, NULL, out);
}

herald_status store_user_get_by_name(store *st, const char *name, struct store_user *out)
{
    static const char sql[] = "SELECT " USER_COLS " FROM users u WHERE u.name_key = lower(?1)";
    if (!name)
        return HERALD_E_INVALID;
    return user_by(st, sql, 0, name, out);
}

static void read_user_row(sqlite3_stmt *s, void *ud)
{
    struct store_user_list *l = ud;
    read_user(s, 0, push((void **)&l->items, &l->count, sizeof(*l->items)));
}

herald_status store_user_list(store *st, struct store_user_list *out)
{
    static const char sql[] = "SELECT " USER_COLS " FROM users u ORDER BY u.name_key LIMIT 1000";
    struct store_user_list l = {0};
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    rc = each_row(st, s, "listing accounts", read_user_row, &l);
    if (rc) {
        store_user_list_release(&l);
        return rc;
    }
    *out = l;
    return HERALD_OK;
}

/* Runs one parameterised write as its own op: ?1 and ?2 integers, ?3 a text (binding a
 * parameter the statement does not have is a harmless SQLITE_RANGE). */
static herald_status write1(store *st, const char *sql, int64_t a, int64_t b, const char *t,
                            int must_change, const char *what)
{
    sqlite3_stmt *s;
    herald_status rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql);
    if (!s) {
        rc = HERALD_E_DB;
    } else {
        sqlite3_bind_int64(s, 1, a);
        sqlite3_bind_int64(s, 2, b);
        bind_text(s, 3, t);
        rc = must_change ? store_sqlite_step_one(st, s, what) : store_sqlite_step_done(st, s, what);
    }
    return store_write_end(st, rc);
}

herald_status store_user_set_password(store *st, int64_t id, const char *pw_hash)
{
    static const char sql[] = "UPDATE users SET pw_hash = ?3 WHERE id = ?1";
    if (!pw_hash)
        return HERALD_E_INVALID;
    return write1(st, sql, id, 0, pw_hash, 1, "changing a password");
}

herald_status store_user_set_role(store *st, int64_t id, int role)
{
    static const char sql[] = "UPDATE users SET role = ?2 WHERE id = ?1";
    if (role < 0 || role > STORE_ROLE_ADMIN)
        return HERALD_E_INVALID;
    return write1(st, sql, id, role, NULL, 1, "changing a role");
}

herald_status store_user_set_banned(store *st, int64_t id, int banned)
{
    static const char sql_ban[] = "UPDATE users SET banned = ?2 WHERE id = ?1";
    static const char sql_s[] = "DELETE FROM sessions WHERE user_id = ?1";
    static const char sql_t[] = "DELETE FROM api_tokens WHERE user_id = ?1";
    sqlite3_stmt *s;
    herald_status rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql_ban);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, banned ? 1 : 0);
    rc = store_sqlite_step_one(st, s, "banning an account");
    if (rc || !banned)
        goto out;
    for (int i = 0; i < 2 && !rc; i++) {
        s = store_sqlite_prep(st, i ? sql_t : sql_s);
        if (!s) {
            rc = HERALD_E_DB;
            break;
        }
        sqlite3_bind_int64(s, 1, id);
        rc = store_sqlite_step_done(st, s, "ending a banned account's sessions");
    }
out:
    return store_write_end(st, rc);
}

herald_status store_user_delete(store *st, int64_t id, int remove_comments)
{
    static const char sql_erase[] = "UPDATE comments SET state = 2, body = '' WHERE user_id = ?1";
    static const char sql_del[] = "DELETE FROM users WHERE id = ?1";
    sqlite3_stmt *s;
    herald_status rc = store_write_begin(st);
    if (rc)
        return rc;
    if (remove_comments) {
        s = store_sqlite_prep(st, sql_erase);
        if (!s) {
            rc = HERALD_E_DB;
            goto out;
        }
        sqlite3_bind_int64(s, 1, id);
        rc = store_sqlite_step_done(st, s, "deleting an account's comments");
        if (rc)
            goto out;
    }
    /* sessions, tokens, reports and reading state go by ON DELETE CASCADE; comments keep
     * their place with no author (ON DELETE SET NULL) */
    s = store_sqlite_prep(st, sql_del);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    sqlite3_bind_int64(s, 1, id);
    rc = store_sqlite_step_one(st, s, "deleting an account");
out:
    return store_write_end(st, rc);
}

/* ---- sessions ----------------------------------------------------------------------- */

herald_status store_session_add(store *st, const char *token_hash, int64_t user_id,
                                const char *csrf, int64_t now, int64_t expires)
{
    static const char sql[] = "INSERT INTO sessions (token_hash, user_id, csrf, created, expires)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)";
    sqlite3_stmt *s;
    herald_status rc;
    if (!token_hash || !csrf)
        return HERALD_E_INVALID;
    rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql);
    if (!s) {
        rc = HERALD_E_DB;
    } else {
        bind_text(s, 1, token_hash);
        sqlite3_bind_int64(s, 2, user_id);
        bind_text(s, 3, csrf);
        sqlite3_bind_int64(s, 4, now);
        sqlite3_bind_int64(s, 5, expires);
        rc = store_sqlite_step_done(st, s, "starting a session");
    }
    return store_write_end(st, rc);
}

herald_status store_session_get(store *st, const char *token_hash, int64_t now,
                                struct store_session *out)
{
    static const char sql[] = "SELECT " USER_COLS ", s.csrf, s.expires FROM sessions s"
                              " JOIN users u ON u.id = s.user_id"
                              " WHERE s.token_hash = ?1 AND s.expires > ?2 AND u.banned = 0";
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    if (!token_hash)
        return HERALD_E_INVALID;
    PREP(s, sql);
    bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, now);
    rc = row(st, s, "reading a session");
    if (rc)
        return rc;
    store_session_init(out);
    read_user(s, 0, &out->user);
    out->csrf = col_str(s, 7);
    out->expires = sqlite3_column_int64(s, 8);
    sqlite3_reset(s);
    return HERALD_OK;
}

herald_status store_session_delete(store *st, const char *token_hash)
{
    static const char sql[] = "DELETE FROM sessions WHERE token_hash = ?3";
    return write1(st, sql, 0, 0, token_hash, 0, "ending a session");
}

herald_status store_session_delete_user(store *st, int64_t user_id, int64_t now)
{
    static const char sql[] = "DELETE FROM sessions WHERE user_id = ?1 OR expires <= ?2";
    return write1(st, sql, user_id, now, NULL, 0, "ending sessions");
}

/* ---- tokens ------------------------------------------------------------------------- */

herald_status store_token_add(store *st, int64_t user_id, const char *token_hash, const char *label,
                              int64_t now, int64_t *id_out)
{
    static const char sql_n[] = "SELECT count(*) FROM api_tokens WHERE user_id = ?1";
    static const char sql[] = "INSERT INTO api_tokens (user_id, token_hash, label, created)"
                              " VALUES (?1, ?2, ?3, ?4)";
    sqlite3_stmt *s;
    herald_status rc;
    int64_t id = 0;
    if (!token_hash || !label)
        return HERALD_E_INVALID;
    rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql_n);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    sqlite3_bind_int64(s, 1, user_id);
    rc = row(st, s, "counting tokens");
    if (rc)
        goto out;
    if (sqlite3_column_int64(s, 0) >= STORE_TOKENS_MAX) {
        sqlite3_reset(s);
        store_set_error(st, 0, "too many tokens");
        rc = HERALD_E_TOOBIG;
        goto out;
    }
    sqlite3_reset(s);
    s = store_sqlite_prep(st, sql);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    sqlite3_bind_int64(s, 1, user_id);
    bind_text(s, 2, token_hash);
    bind_text(s, 3, label);
    sqlite3_bind_int64(s, 4, now);
    rc = store_sqlite_step_done(st, s, "adding a token");
    id = store_sqlite_last_rowid(st);
out:
    rc = store_write_end(st, rc);
    if (rc == HERALD_OK && id_out)
        *id_out = id;
    return rc;
}

static void read_token_row(sqlite3_stmt *s, void *ud)
{
    struct store_token_list *l = ud;
    struct store_token *t = push((void **)&l->items, &l->count, sizeof(*l->items));
    t->id = sqlite3_column_int64(s, 0);
    t->label = col_str(s, 1);
    t->created = sqlite3_column_int64(s, 2);
    t->last_used = col_time(s, 3);
}

herald_status store_token_list(store *st, int64_t user_id, struct store_token_list *out)
{
    static const char sql[] = "SELECT id, label, created, last_used FROM api_tokens"
                              " WHERE user_id = ?1 ORDER BY id";
    struct store_token_list l = {0};
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    sqlite3_bind_int64(s, 1, user_id);
    rc = each_row(st, s, "listing tokens", read_token_row, &l);
    if (rc) {
        store_token_list_release(&l);
        return rc;
    }
    *out = l;
    return HERALD_OK;
}

herald_status store_token_revoke(store *st, int64_t user_id, int64_t id)
{
    static const char sql[] = "DELETE FROM api_tokens WHERE user_id = ?1 AND id = ?2";
    return write1(st, sql, user_id, id, NULL, 1, "revoking a token");
}

herald_status store_token_user(store *st, const char *token_hash, struct store_user *out)
{
    static const char sql[] = "SELECT " USER_COLS " FROM api_tokens t"
                              " JOIN users u ON u.id = t.user_id"
                              " WHERE t.token_hash = ?1 AND u.banned = 0";
    if (!token_hash)
        return HERALD_E_INVALID;
    return user_by(st, sql, 0, token_hash, out);
}

/* ---- comments ----------------------------------------------------------------------- */

#define COMMENT_COLS                                                                               \
    "c.id, c.article_id, c.user_id, u.name, c.parent_id, c.depth, c.body, c.created, c.edited,"    \
    " c.state, (SELECT count(*) FROM comment_reports r WHERE r.comment_id = c.id"                  \
    " AND r.resolved = 0)"

static void read_comment(sqlite3_stmt *s, struct store_comment *c)
{
    const unsigned char *aid = sqlite3_column_text(s, 1);
    store_comment_init(c);
    c->id = sqlite3_column_int64(s, 0);
    snprintf(c->article_id, sizeof(c->article_id), "%s", aid ? (const char *)aid : "");
    c->user_id = sqlite3_column_int64(s, 2);
    c->user_name = col_str(s, 3);
    c->parent_id = sqlite3_column_int64(s, 4);
    c->depth = sqlite3_column_int(s, 5);
    c->body = col_str(s, 6);
    c->created = sqlite3_column_int64(s, 7);
    c->edited = col_time(s, 8);
    c->state = sqlite3_column_int(s, 9);
    c->reports = sqlite3_column_int(s, 10);
}

static void read_comment_row(sqlite3_stmt *s, void *ud)
{
    struct store_comment_list *l = ud;
    read_comment(s, push((void **)&l->items, &l->count, sizeof(*l->items)));
}

herald_status store_comment_get(store *st, int64_t id, struct store_comment *out)
{
    static const char sql[] = "SELECT " COMMENT_COLS " FROM comments c"
                              " LEFT JOIN users u ON u.id = c.user_id WHERE c.id = ?1";
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    sqlite3_bind_int64(s, 1, id);
    rc = row(st, s, "reading a comment");
    if (rc)
        return rc;
    read_comment(s, out);
    sqlite3_reset(s);
    return HERALD_OK;
}

herald_status store_comment_add(store *st, const char *article_id, int64_t user_id,
                                int64_t parent_id, const char *body, int64_t now, int64_t *id_out)
{
    static const char sql_art[] = "SELECT 1 FROM articles WHERE id = ?1";
    static const char sql[] = "INSERT INTO comments (article_id, user_id, parent_id, depth, body,"
                              " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    struct store_comment parent;
    sqlite3_stmt *s;
    herald_status rc;
    int64_t id = 0;
    int depth = 0;
    if (!article_id || !body)
        return HERALD_E_INVALID;
    store_comment_init(&parent);
    rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql_art);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    bind_text(s, 1, article_id);
    rc = row(st, s, "finding the article");
    if (rc)
        goto out;
    sqlite3_reset(s);
    if (parent_id) {
        rc = store_comment_get(st, parent_id, &parent);
        if (rc == HERALD_E_NOTFOUND || (rc == HERALD_OK && (strcmp(parent.article_id, article_id) ||
                                                            parent.state == STORE_COMMENT_DELETED)))
            rc = HERALD_E_INVALID;
        if (rc)
            goto out;
        if (parent.depth >= 2) {
            /* a reply to a reply to a reply joins its parent's thread */
            parent_id = parent.parent_id;
            depth = 2;
        } else {
            depth = parent.depth + 1;
        }
    }
    s = store_sqlite_prep(st, sql);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    bind_text(s, 1, article_id);
    sqlite3_bind_int64(s, 2, user_id);
    if (parent_id)
        sqlite3_bind_int64(s, 3, parent_id);
    else
        sqlite3_bind_null(s, 3);
    sqlite3_bind_int(s, 4, depth);
    bind_text(s, 5, body);
    sqlite3_bind_int64(s, 6, now);
    rc = store_sqlite_step_done(st, s, "adding a comment");
    id = store_sqlite_last_rowid(st);
out:
    store_comment_release(&parent);
    rc = store_write_end(st, rc);
    if (rc == HERALD_OK && id_out)
        *id_out = id;
    return rc;
}

herald_status store_comment_list(store *st, const char *article_id, struct store_comment_list *out)
{
    static const char sql[] = "SELECT " COMMENT_COLS " FROM comments c"
                              " LEFT JOIN users u ON u.id = c.user_id"
                              " WHERE c.article_id = ?1 ORDER BY c.id LIMIT 2000";
    struct store_comment_list l = {0};
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    if (!article_id)
        return HERALD_E_INVALID;
    PREP(s, sql);
    bind_text(s, 1, article_id);
    rc = each_row(st, s, "listing comments", read_comment_row, &l);
    if (rc) {
        store_comment_list_release(&l);
        return rc;
    }
    *out = l;
    return HERALD_OK;
}

herald_status store_comment_edit(store *st, int64_t id, const char *body, int64_t now)
{
    static const char sql[] = "UPDATE comments SET body = ?3, edited = ?2 WHERE id = ?1"
                              " AND state <> 2";
    if (!body)
        return HERALD_E_INVALID;
    return write1(st, sql, id, now, body, 1, "editing a comment");
}

herald_status store_comment_set_state(store *st, int64_t id, int state)
{
    static const char sql[] = "UPDATE comments SET state = ?2,"
                              " body = CASE WHEN ?2 = 2 THEN '' ELSE body END"
                              " WHERE id = ?1 AND state <> 2";
    static const char sql_r[] = "UPDATE comment_reports SET resolved = 1 WHERE comment_id = ?1";
    sqlite3_stmt *s;
    herald_status rc;
    if (state < STORE_COMMENT_VISIBLE || state > STORE_COMMENT_DELETED)
        return HERALD_E_INVALID;
    rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, state);
    rc = store_sqlite_step_one(st, s, "changing a comment");
    if (rc || state != STORE_COMMENT_DELETED)
        goto out;
    s = store_sqlite_prep(st, sql_r);
    if (!s) {
        rc = HERALD_E_DB;
        goto out;
    }
    sqlite3_bind_int64(s, 1, id);
    rc = store_sqlite_step_done(st, s, "resolving reports");
out:
    return store_write_end(st, rc);
}

herald_status store_comment_report(store *st, int64_t id, int64_t user_id, const char *reason,
                                   int64_t now)
{
    static const char sql[] = "INSERT INTO comment_reports (comment_id, user_id, reason, created)"
                              " VALUES (?1, ?2, ?3, ?4)";
    sqlite3_stmt *s;
    herald_status rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql);
    if (!s) {
        rc = HERALD_E_DB;
    } else {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, user_id);
        bind_text(s, 3, reason && *reason ? reason : NULL);
        sqlite3_bind_int64(s, 4, now);
        rc = store_sqlite_step_done(st, s, "reporting a comment");
    }
    return store_write_end(st, rc);
}

herald_status store_comment_resolve_reports(store *st, int64_t id)
{
    static const char sql[] = "UPDATE comment_reports SET resolved = 1 WHERE comment_id = ?1";
    return write1(st, sql, id, 0, NULL, 0, "resolving reports");
}

herald_status store_comment_queue(store *st, struct store_comment_list *out)
{
    static const char sql[] = "SELECT " COMMENT_COLS " FROM comments c"
                              " LEFT JOIN users u ON u.id = c.user_id"
                              " WHERE c.id IN (SELECT comment_id FROM comment_reports"
                              " WHERE resolved = 0) ORDER BY 11 DESC, c.id LIMIT 200";
    struct store_comment_list l = {0};
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    rc = each_row(st, s, "reading the moderation queue", read_comment_row, &l);
    if (rc) {
        store_comment_list_release(&l);
        return rc;
    }
    *out = l;
    return HERALD_OK;
}

herald_status store_comment_find_dup(store *st, int64_t user_id, const char *article_id,
                                     const char *body, int64_t since, int *found)
{
    static const char sql[] = "SELECT count(*) FROM comments WHERE user_id = ?1 AND"
                              " article_id = ?2 AND body = ?3 AND created >= ?4 AND state <> 2";
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    sqlite3_bind_int64(s, 1, user_id);
    bind_text(s, 2, article_id);
    bind_text(s, 3, body);
    sqlite3_bind_int64(s, 4, since);
    rc = row(st, s, "looking for a duplicate comment");
    if (rc)
        return rc;
    *found = sqlite3_column_int64(s, 0) > 0;
    sqlite3_reset(s);
    return HERALD_OK;
}

herald_status store_comment_count_since(store *st, int64_t user_id, int64_t since, int64_t *n)
{
    static const char sql[] = "SELECT count(*) FROM comments WHERE user_id = ?1 AND created >= ?2";
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, since);
    rc = row(st, s, "counting comments");
    if (rc)
        return rc;
    *n = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return HERALD_OK;
}

/* ---- audit log ---------------------------------------------------------------------- */

herald_status store_audit_add(store *st, int64_t actor_id, const char *actor, const char *action,
                              const char *target, const char *detail, int64_t now)
{
    static const char sql[] = "INSERT INTO audit_log (at, actor_id, actor_name, action, target,"
                              " detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    sqlite3_stmt *s;
    herald_status rc;
    if (!actor || !action || !target)
        return HERALD_E_INVALID;
    rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, sql);
    if (!s) {
        rc = HERALD_E_DB;
    } else {
        sqlite3_bind_int64(s, 1, now);
        if (actor_id)
            sqlite3_bind_int64(s, 2, actor_id);
        else
            sqlite3_bind_null(s, 2);
        bind_text(s, 3, actor);
        bind_text(s, 4, action);
        bind_text(s, 5, target);
        bind_text(s, 6, detail);
        rc = store_sqlite_step_done(st, s, "writing the audit log");
    }
    return store_write_end(st, rc);
}

static void read_audit_row(sqlite3_stmt *s, void *ud)
{
    struct store_audit_list *l = ud;
    struct store_audit *a = push((void **)&l->items, &l->count, sizeof(*l->items));
    a->id = sqlite3_column_int64(s, 0);
    a->at = sqlite3_column_int64(s, 1);
    a->actor = col_str(s, 2);
    a->action = col_str(s, 3);
    a->target = col_str(s, 4);
    a->detail = col_str(s, 5);
}

herald_status store_audit_list(store *st, int limit, struct store_audit_list *out)
{
    static const char sql[] = "SELECT id, at, actor_name, action, target, detail FROM audit_log"
                              " ORDER BY id DESC LIMIT ?1";
    struct store_audit_list l = {0};
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    if (limit <= 0 || limit > STORE_QUEUE_MAX)
        limit = STORE_QUEUE_MAX;
    PREP(s, sql);
    sqlite3_bind_int(s, 1, limit);
    rc = each_row(st, s, "reading the audit log", read_audit_row, &l);
    if (rc) {
        store_audit_list_release(&l);
        return rc;
    }
    *out = l;
    return HERALD_OK;
}

/* ---- reading state ------------------------------------------------------------------ */

herald_status store_reading_set(store *st, int64_t user_id, const char *article_id, int flag,
                                int on, int64_t now)
{
    static const char sql_saved[] =
        "INSERT INTO reading (user_id, article_id, saved) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (user_id, article_id) DO UPDATE SET saved = excluded.saved";
    static const char sql_read[] =
        "INSERT INTO reading (user_id, article_id, read) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (user_id, article_id) DO UPDATE SET read = excluded.read";
    sqlite3_stmt *s;
    herald_status rc;
    if (!article_id || (flag != STORE_READING_SAVED && flag != STORE_READING_READ))
        return HERALD_E_INVALID;
    rc = store_write_begin(st);
    if (rc)
        return rc;
    s = store_sqlite_prep(st, flag == STORE_READING_SAVED ? sql_saved : sql_read);
    if (!s) {
        rc = HERALD_E_DB;
    } else {
        sqlite3_bind_int64(s, 1, user_id);
        bind_text(s, 2, article_id);
        if (on)
            sqlite3_bind_int64(s, 3, now);
        else
            sqlite3_bind_null(s, 3);
        rc = store_sqlite_step_done(st, s, "saving reading state");
    }
    return store_write_end(st, rc);
}

herald_status store_reading_get(store *st, int64_t user_id, const char *article_id, int *flags)
{
    static const char sql[] = "SELECT saved IS NOT NULL, read IS NOT NULL FROM reading"
                              " WHERE user_id = ?1 AND article_id = ?2";
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    sqlite3_bind_int64(s, 1, user_id);
    bind_text(s, 2, article_id);
    rc = row(st, s, "reading reading state");
    if (rc == HERALD_E_NOTFOUND) {
        *flags = 0;
        return HERALD_OK;
    }
    if (rc)
        return rc;
    *flags = (sqlite3_column_int(s, 0) ? STORE_READING_SAVED : 0) |
             (sqlite3_column_int(s, 1) ? STORE_READING_READ : 0);
    sqlite3_reset(s);
    return HERALD_OK;
}

struct idvec {
    char **ids;
    size_t count;
};

static void read_id_row(sqlite3_stmt *s, void *ud)
{
    struct idvec *v = ud;
    char **slot = push((void **)&v->ids, &v->count, sizeof(*v->ids));
    *slot = col_str(s, 0);
}

herald_status store_saved_list(store *st, int64_t user_id, char ***ids, size_t *count)
{
    static const char sql[] = "SELECT article_id FROM reading WHERE user_id = ?1 AND"
                              " saved IS NOT NULL ORDER BY saved DESC, article_id LIMIT 500";
    struct idvec v = {0};
    sqlite3_stmt *s;
    herald_status rc;
    st->errmsg[0] = '\0';
    PREP(s, sql);
    sqlite3_bind_int64(s, 1, user_id);
    rc = each_row(st, s, "listing saved articles", read_id_row, &v);
    if (rc) {
        for (size_t i = 0; i < v.count; i++)
            free(v.ids[i]);
        free(v.ids);
        return rc;
    }
    *ids = v.ids;
    *count = v.count;
    return HERALD_OK;
}

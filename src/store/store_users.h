/*
 * store_users.h - the part of the store's API (store.h) that holds readers: accounts,
 * sessions, personal API tokens, comments with their reports, the moderators' audit log
 * and each reader's saved and read articles.  Same conventions as store.h: records with
 * _init/_release, lists capped, output parameters set only on success, writes in their own
 * transaction unless inside store_tx_begin() (so a moderator's action and its audit entry
 * commit together), HERALD_E_DENIED on a read-only handle.
 *
 * Secrets never reach the database in the clear: sessions and API tokens are stored as a
 * hash of the token (the caller hashes, see users/users.h), passwords as the Argon2id
 * string crypto_pwhash_str produced.  Names are unique without regard to ASCII case.
 *
 * Comments: depth 0 (on the article), 1 (a reply) or 2 (a reply to a reply); a reply to a
 * depth-2 comment joins that comment's parent, so threads never nest deeper.  A comment
 * has a state: visible, hidden by a moderator, or deleted (its text is erased; the row
 * stays so replies keep their place).  When an account is deleted its comments stay with
 * no author ("deleted user") or are deleted, as the reader chooses.
 */
#ifndef HERALD_STORE_USERS_H
#define HERALD_STORE_USERS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum store_role { STORE_ROLE_READER = 0, STORE_ROLE_MODERATOR = 1, STORE_ROLE_ADMIN = 2 };

/* The role's name ("reader", "moderator", "admin"), and back (-1 when unknown). */
const char *store_role_name(int role);
int store_role_parse(const char *s);

struct store_user {
    int64_t id;
    char *name;
    char *email;   /* NULL when not given */
    char *pw_hash; /* the crypto_pwhash_str string */
    int role;      /* enum store_role */
    int banned;
    int64_t created;
};

struct store_user_list {
    struct store_user *items;
    size_t count;
};

void store_user_init(struct store_user *u);
void store_user_release(struct store_user *u);
void store_user_list_release(struct store_user_list *l);

#define STORE_USER_LIST_MAX 1000

/* Adds an account.  HERALD_E_EXISTS when the name is taken (in any case). */
herald_status store_user_add(store *st, const char *name, const char *email, const char *pw_hash,
                             int role, int64_t now, int64_t *id_out);
herald_status store_user_get(store *st, int64_t id, struct store_user *out);
herald_status store_user_get_by_name(store *st, const char *name, struct store_user *out);
/* Every account by name, at most STORE_USER_LIST_MAX. */
herald_status store_user_list(store *st, struct store_user_list *out);
herald_status store_user_set_password(store *st, int64_t id, const char *pw_hash);
herald_status store_user_set_role(store *st, int64_t id, int role);
/* Bans (1) or unbans (0).  A ban also ends the account's sessions and revokes its tokens. */
herald_status store_user_set_banned(store *st, int64_t id, int banned);
/* Deletes an account, its sessions, tokens, reports and reading state; its comments stay
 * without an author, or are deleted when remove_comments is set. */
herald_status store_user_delete(store *st, int64_t id, int remove_comments);

/* ---- sessions ----------------------------------------------------------------------- */

struct store_session {
    struct store_user user;
    char *csrf; /* the session's CSRF token */
    int64_t expires;
};
void store_session_init(struct store_session *s);
void store_session_release(struct store_session *s);

herald_status store_session_add(store *st, const char *token_hash, int64_t user_id,
                                const char *csrf, int64_t now, int64_t expires);
/* The live session with token_hash and its account: HERALD_E_NOTFOUND when there is none,
 * it expired at or before now, or the account is banned. */
herald_status store_session_get(store *st, const char *token_hash, int64_t now,
                                struct store_session *out);
herald_status store_session_delete(store *st, const char *token_hash);
/* Ends every session of the account ("sign out everywhere"), and expired ones of anyone. */
herald_status store_session_delete_user(store *st, int64_t user_id, int64_t now);

/* ---- personal API tokens ------------------------------------------------------------ */

struct store_token {
    int64_t id;
    char *label;
    int64_t created;
    int64_t last_used; /* TIME_NONE: never */
};
struct store_token_list {
    struct store_token *items;
    size_t count;
};
void store_token_list_release(struct store_token_list *l);

#define STORE_TOKENS_MAX 20 /* per account */

/* HERALD_E_TOOBIG when the account has STORE_TOKENS_MAX already. */
herald_status store_token_add(store *st, int64_t user_id, const char *token_hash, const char *label,
                              int64_t now, int64_t *id_out);
herald_status store_token_list(store *st, int64_t user_id, struct store_token_list *out);
/* HERALD_E_NOTFOUND unless token id belongs to user_id. */
herald_status store_token_revoke(store *st, int64_t user_id, int64_t id);
/* The account of a token (not banned), HERALD_E_NOTFOUND otherwise. */
herald_status store_token_user(store *st, const char *token_hash, struct store_user *out);

/* ---- comments ----------------------------------------------------------------------- */

enum store_comment_state {
    STORE_COMMENT_VISIBLE = 0,
    STORE_COMMENT_HIDDEN = 1,
    STORE_COMMENT_DELETED = 2
};

struct store_comment {
    int64_t id;
    char article_id[STORE_ID_LEN + 1];
    int64_t user_id;   /* 0: the account was deleted */
    char *user_name;   /* NULL likewise */
    int64_t parent_id; /* 0: on the article */
    int depth;
    char *body;
    int64_t created;
    int64_t edited; /* TIME_NONE: never */
    int state;      /* enum store_comment_state */
    int reports;    /* unresolved reports */
};
struct store_comment_list {
    struct store_comment *items;
    size_t count;
};
void store_comment_init(struct store_comment *c);
void store_comment_release(struct store_comment *c);
void store_comment_list_release(struct store_comment_list *l);

#define STORE_COMMENTS_MAX 2000 /* per article page */
#define STORE_QUEUE_MAX 200

/* Adds a comment (parent_id 0 = top level).  HERALD_E_NOTFOUND for an unknown article,
 * HERALD_E_INVALID for a parent on another article or one that is deleted. */
herald_status store_comment_add(store *st, const char *article_id, int64_t user_id,
                                int64_t parent_id, const char *body, int64_t now, int64_t *id_out);
herald_status store_comment_get(store *st, int64_t id, struct store_comment *out);
/* An article's comments, oldest first. */
herald_status store_comment_list(store *st, const char *article_id, struct store_comment_list *out);
herald_status store_comment_edit(store *st, int64_t id, const char *body, int64_t now);
/* Sets the state; STORE_COMMENT_DELETED also erases the text and resolves its reports. */
herald_status store_comment_set_state(store *st, int64_t id, int state);
/* HERALD_E_EXISTS when user_id reported it already. */
herald_status store_comment_report(store *st, int64_t id, int64_t user_id, const char *reason,
                                   int64_t now);
herald_status store_comment_resolve_reports(store *st, int64_t id);
/* The moderation queue: comments with unresolved reports, most reported first. */
herald_status store_comment_queue(store *st, struct store_comment_list *out);
/* Sets *found when user_id posted body on article_id at or after since. */
herald_status store_comment_find_dup(store *st, int64_t user_id, const char *article_id,
                                     const char *body, int64_t since, int *found);
/* How many comments user_id posted at or after since. */
herald_status store_comment_count_since(store *st, int64_t user_id, int64_t since, int64_t *n);

/* ---- audit log ---------------------------------------------------------------------- */

struct store_audit {
    int64_t id, at;
    char *actor;
    char *action;
    char *target;
    char *detail; /* may be NULL */
};
struct store_audit_list {
    struct store_audit *items;
    size_t count;
};
void store_audit_list_release(struct store_audit_list *l);

herald_status store_audit_add(store *st, int64_t actor_id, const char *actor, const char *action,
                              const char *target, const char *detail, int64_t now);
/* Newest first, at most limit (<= STORE_QUEUE_MAX). */
herald_status store_audit_list(store *st, int limit, struct store_audit_list *out);

/* ---- reading state ------------------------------------------------------------------ */

#define STORE_READING_SAVED 1
#define STORE_READING_READ 2

/* Sets (on) or clears one flag of article_id for user_id.  HERALD_E_NOTFOUND for an
 * unknown article. */
herald_status store_reading_set(store *st, int64_t user_id, const char *article_id, int flag,
                                int on, int64_t now);
/* The flags of one article for user_id (0 when none). */
herald_status store_reading_get(store *st, int64_t user_id, const char *article_id, int *flags);
#define STORE_SAVED_MAX 500
/* The ids of user_id's saved articles, most recently saved first; the caller frees each
 * string and the array. */
herald_status store_saved_list(store *st, int64_t user_id, char ***ids, size_t *count);

#endif

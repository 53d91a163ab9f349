/*
 * store_sqlite.h - what store_sqlite.c lends the store's other SQLite files
 * (store_users.c): its statement cache and error handling, so every file shares one
 * connection state and one way of reporting failures.  Module-internal.
 */
#ifndef HERALD_STORE_SQLITE_H
#define HERALD_STORE_SQLITE_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/store_backend.h"

/* The handle's cached statement for the constant sql (reset, bindings cleared), or NULL
 * after logging. */
sqlite3_stmt *store_sqlite_prep(store *st, const char *sql);
/* Records the connection's last failure (logged) and returns HERALD_E_DB. */
herald_status store_sqlite_fail(store *st, const char *what);
/* Steps a write to completion and resets it: UNIQUE -> HERALD_E_EXISTS, FOREIGN KEY ->
 * HERALD_E_NOTFOUND. */
herald_status store_sqlite_step_done(store *st, sqlite3_stmt *s, const char *what);
/* Likewise, HERALD_E_NOTFOUND when no row changed. */
herald_status store_sqlite_step_one(store *st, sqlite3_stmt *s, const char *what);
int64_t store_sqlite_last_rowid(store *st);
int store_sqlite_changes(store *st);

#endif

/*
 * users.h - the rules of reader accounts that need no database: names, the password
 * policy, password hashing, and the random tokens of sessions, CSRF and the API.
 *
 * Passwords are hashed with libsodium's Argon2id (crypto_pwhash_str): the string holds the
 * algorithm, its limits and the salt, so a hash made with other limits still verifies.
 * Interactive limits by default; tests lower them through users_set_limits() (the hash
 * then costs microseconds instead of ~0.1 s and 64 MiB).  Passwords are never logged.
 *
 * Tokens are 32 random bytes written as 64 lowercase hex characters (256 bits).  Only
 * their BLAKE2b-256 hash (users_token_hash) is stored, so a copy of the database lets no
 * one sign in.  A token is a high-entropy secret: a fast hash is enough, no salt needed.
 */
#ifndef HERALD_USERS_USERS_H
#define HERALD_USERS_USERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define USERS_NAME_MIN 2  /* characters */
#define USERS_NAME_MAX 32 /* characters */
#define USERS_PASSWORD_MIN 10
#define USERS_PASSWORD_MAX 256 /* bytes */
#define USERS_HASH_MAX 128     /* crypto_pwhash_STRBYTES */
#define USERS_TOKEN_LEN 64     /* hex characters */
#define USERS_CSRF_LEN 32

/* Initialises libsodium; call once before the others (thread-safe, idempotent).
 * HERALD_E_INTERNAL when libsodium cannot start. */
herald_status users_init(void);

/* Sets Argon2id's limits for new hashes (0, 0 = interactive).  Not thread-safe: call it
 * before any hashing (tests, benchmarks). */
void users_set_limits(unsigned long long opslimit, size_t memlimit);

/* NULL when name is acceptable, else a message for the person signing up: valid UTF-8,
 * 2-32 characters, no control characters, no space at either end.  Any other character is
 * allowed: names are always escaped on output and never part of a URL. */
const char *users_name_problem(const char *name);

/* NULL when the password is acceptable for name, else a message: at least 10 characters,
 * at most 256 bytes, not the name, not on the bundled list of common passwords (compared
 * without regard to ASCII case). */
const char *users_password_problem(const char *name, const char *password);

/* Hashes password into out (NUL-terminated).  HERALD_E_NOMEM when Argon2id cannot get its
 * memory. */
herald_status users_hash_password(const char *password, char out[USERS_HASH_MAX]);
/* 1 when password matches hash, else 0. */
int users_check_password(const char *hash, const char *password);

/* A new random token (64 hex + NUL) and CSRF token (32 hex + NUL). */
void users_token_new(char out[USERS_TOKEN_LEN + 1]);
void users_csrf_new(char out[USERS_CSRF_LEN + 1]);
/* The stored form of a token: BLAKE2b-256 of it, 64 hex + NUL. */
void users_token_hash(const char *token, char out[USERS_TOKEN_LEN + 1]);
/* 1 when a and b are equal strings, compared in time independent of where they differ. */
int users_secret_equal(const char *a, const char *b);

/* The bundled list (common_passwords.c), lowercase. */
extern const char *const users_common_passwords[];
extern const size_t users_common_passwords_count;

#endif

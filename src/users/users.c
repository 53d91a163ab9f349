/*
 * users.c - see users.h.
 */
#include "users/users.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

#include "core/banned.h"

static unsigned long long ops_limit = 0;
static size_t mem_limit = 0;

herald_status users_init(void)
{
    return sodium_init() < 0 ? HERALD_E_INTERNAL : HERALD_OK;
}

void users_set_limits(unsigned long long opslimit, size_t memlimit)
{
    ops_limit = opslimit;
    mem_limit = memlimit;
}

/* The number of characters of valid UTF-8 s (bytes that do not continue a sequence). */
static size_t count_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

const char *users_name_problem(const char *name)
{
    size_t len, chars;
    if (!name || !*name)
        return "Choose a user name.";
    len = strlen(name);
    if (len > USERS_NAME_MAX * 4 || !utf8_valid(name, len))
        return "That user name is too long or not valid text.";
    chars = count_chars(name);
    if (chars < USERS_NAME_MIN || chars > USERS_NAME_MAX)
        return "A user name has 2 to 32 characters.";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f)
            return "A user name cannot contain control characters.";
        /* C1 controls, U+0080..U+009F, are C2 80..C2 9F */
        if (c == 0xc2 && i + 1 < len && (unsigned char)name[i + 1] < 0xa0)
            return "A user name cannot contain control characters.";
    }
    if (name[0] == ' ' || name[len - 1] == ' ')
        return "A user name cannot start or end with a space.";
    return NULL;
}

const char *users_password_problem(const char *name, const char *password)
{
    size_t len;
    if (!password || !*password)
        return "Choose a password.";
    len = strlen(password);
    if (len > USERS_PASSWORD_MAX)
        return "That password is too long (at most 256 bytes).";
    if (!utf8_valid(password, len) || count_chars(password) < USERS_PASSWORD_MIN)
        return "A password needs at least 10 characters.";
    if (name && strcasecmp(name, password) == 0)
        return "The password cannot be the user name.";
    for (size_t i = 0; i < users_common_passwords_count; i++)
        if (strcasecmp(users_common_passwords[i], password) == 0)
            return "That password is on the list of the most common ones; choose another.";
    return NULL;
}

herald_status users_hash_password(const char *password, char out[USERS_HASH_MAX])
{
    unsigned long long ops = ops_limit ? ops_limit : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = mem_limit ? mem_limit : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    _Static_assert(USERS_HASH_MAX >= crypto_pwhash_STRBYTES, "room for the hash string");
    if (crypto_pwhash_str(out, password, strlen(password), ops, mem) != 0)
        return HERALD_E_NOMEM;
    return HERALD_OK;
}

int users_check_password(const char *hash, const char *password)
{
    if (!hash || !password)
        return 0;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static void random_hex(char *out, size_t bytes)
{
    unsigned char buf[32];
    randombytes_buf(buf, bytes);
    sodium_bin2hex(out, bytes * 2 + 1, buf, bytes);
    sodium_memzero(buf, sizeof(buf));
}

void users_token_new(char out[USERS_TOKEN_LEN + 1])
{
    random_hex(out, USERS_TOKEN_LEN / 2);
}

void users_csrf_new(char out[USERS_CSRF_LEN + 1])
{
    random_hex(out, USERS_CSRF_LEN / 2);
}

void users_token_hash(const char *token, char out[USERS_TOKEN_LEN + 1])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, USERS_TOKEN_LEN + 1, h, sizeof(h));
}

int users_secret_equal(const char *a, const char *b)
{
    size_t n;
    if (!a || !b)
        return 0;
    n = strlen(a);
    if (n != strlen(b) || n == 0)
        return 0;
    return sodium_memcmp(a, b, n) == 0;
}

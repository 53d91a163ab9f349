/* status.c - descriptions of the project-wide status codes (see status.h). */
#include "core/status.h"

#include "core/banned.h"

static const char *const status_text[HERALD_STATUS_COUNT] = {
    [HERALD_OK] = "success",
    [HERALD_E_NOMEM] = "out of memory",
    [HERALD_E_INVALID] = "invalid input",
    [HERALD_E_IO] = "input/output error",
    [HERALD_E_NOTFOUND] = "not found",
    [HERALD_E_TOOBIG] = "input too large",
    [HERALD_E_PARSE] = "parse error",
    [HERALD_E_NETWORK] = "network error",
    [HERALD_E_HTTP] = "HTTP error",
    [HERALD_E_DENIED] = "refused by policy",
    [HERALD_E_TIMEOUT] = "timed out",
    [HERALD_E_DB] = "database error",
    [HERALD_E_VERSION] = "incompatible version",
    [HERALD_E_EXISTS] = "already exists",
    [HERALD_E_UNSUPPORTED] = "not supported",
    [HERALD_E_INTERNAL] = "internal error",
};

const char *herald_strerror(herald_status rc)
{
    if ((unsigned)rc >= HERALD_STATUS_COUNT || !status_text[rc])
        return "unknown error";
    return status_text[rc];
}

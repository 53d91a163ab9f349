/*
 * status.h - the one error convention of herald.
 *
 * Every fallible function returns a herald_status: HERALD_OK (zero) on success, a
 * positive code on failure.  Callers check on the next line and leave through one
 * label:
 *
 *     rc = store_article_put(st, &a);
 *     if (rc)
 *         goto out;
 *
 * Failures coming from libcurl, libxml2, SQLite, libpq or HTTP are mapped onto these
 * codes; the original message is logged where it happens (log.h), so the code
 * carries the kind of failure and the log carries the detail.
 */
#ifndef HERALD_CORE_STATUS_H
#define HERALD_CORE_STATUS_H

typedef enum herald_status {
    HERALD_OK = 0,
    HERALD_E_NOMEM,       /* an allocation sized by outside input failed */
    HERALD_E_INVALID,     /* bad argument or bad input (caller's or outsider's) */
    HERALD_E_IO,          /* file or socket I/O failed */
    HERALD_E_NOTFOUND,    /* the thing asked for does not exist */
    HERALD_E_TOOBIG,      /* input exceeded a configured bound */
    HERALD_E_PARSE,       /* input could not be parsed */
    HERALD_E_NETWORK,     /* DNS, connect, TLS or transfer failure */
    HERALD_E_HTTP,        /* the server answered with an error status */
    HERALD_E_DENIED,      /* refused by policy (SSRF rules, file:// disabled, auth) */
    HERALD_E_TIMEOUT,     /* a deadline passed */
    HERALD_E_DB,          /* the database failed */
    HERALD_E_VERSION,     /* incompatible version (e.g. a database from a newer herald) */
    HERALD_E_EXISTS,      /* the thing being created already exists */
    HERALD_E_UNSUPPORTED, /* valid but not supported (format, scheme, option) */
    HERALD_E_INTERNAL,    /* a bug in herald */
    HERALD_STATUS_COUNT
} herald_status;

/* A short, static, human-readable description of rc.  Never NULL. */
const char *herald_strerror(herald_status rc);

#endif

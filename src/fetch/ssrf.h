/*
 * ssrf.h - the server-side request forgery policy of the fetcher.
 *
 * A feed reader fetches URLs chosen by strangers (a subscribed feed, a redirect, a link in
 * an entry), so every URL and every address it connects to is checked here:
 *
 *   - URL level (ssrf_check_url): only http and https (plus file: when the caller enables
 *     it; never on a redirect hop).  A host written as an IP literal is classified like a
 *     connect address.  IPv4 written in an unusual spelling (decimal 2130706433, octal
 *     0177.0.0.1, hex 0x7f.1, short 127.1, ...) is refused outright, even when the address
 *     it names is allowlisted: no honest feed spells an address that way, and parsers
 *     disagree about what such hosts mean.  Percent-encoded hosts are refused too.
 *     "localhost" and "*.localhost" are refused unless allowlisted by name.
 *   - Address level (ssrf_check_addr): the address curl is about to connect to, after
 *     resolution, on every hop (the fetcher calls it from CURLOPT_OPENSOCKETFUNCTION and
 *     again from CURLOPT_PREREQFUNCTION for reused connections).  Checking the sockaddr
 *     the socket is opened for pins the address: DNS rebinding cannot swap it afterwards.
 *
 * Refused address classes (IPv4): 0.0.0.0/8, 10/8, 100.64/10 (CGNAT), 127/8, 169.254/16
 * (link-local, cloud metadata 169.254.169.254), 172.16/12, 192.0.0/24, 192.0.2/24,
 * 192.88.99/24, 192.168/16, 198.18/15 (benchmarking), 198.51.100/24, 203.0.113/24,
 * 224/4 (multicast), 240/4 (reserved, broadcast).
 * (IPv6): ::, ::1, ::ffff:0:0/96 (IPv4-mapped), ::ffff:0:0:0/96, ::/96 (IPv4-compatible),
 * 64:ff9b:1::/48, 100::/64, 2001::/23 (IETF special purpose, Teredo, benchmarking),
 * 2001:db8::/32 and 3fff::/20 (documentation), fc00::/7 (ULA), fe80::/10 (link-local),
 * fec0::/10 (site-local), ff00::/8 (multicast); 64:ff9b::/96 (NAT64) and 2002::/16 (6to4)
 * are refused when the IPv4 address they embed is refused.
 *
 * The allowlist opts internal hosts in: entries are host names (exact, case-insensitive;
 * "*.example.org" for a suffix) or addresses/CIDRs ("10.0.0.0/8", "127.0.0.1", "fd00::/8").
 * A name entry allows whatever that name resolves to; a CIDR entry allows those addresses
 * whatever name led there.  IPv4-mapped IPv6 is never allowed (use the IPv4 form).
 *
 * Every refusal returns HERALD_E_DENIED and writes a one-line reason into why.
 */
#ifndef HERALD_FETCH_SSRF_H
#define HERALD_FETCH_SSRF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "core/status.h"

typedef struct ssrf_policy ssrf_policy;

/* Builds a policy from n allowlist entries (allow may be NULL when n is 0).  *out is set on
 * success; the caller frees it with ssrf_policy_free.  HERALD_E_INVALID names a malformed
 * CIDR (the entry is logged). */
herald_status ssrf_policy_new(const char *const *allow, size_t n, ssrf_policy **out);
void ssrf_policy_free(ssrf_policy *p);

/* Returns true when host (a name, not an address) is allowlisted by a name entry. */
bool ssrf_host_allowed(const ssrf_policy *p, const char *host);

/* Returns the name of the refused class addr belongs to ("loopback", "link-local", ...), or
 * NULL for an ordinary public address.  The allowlist is not consulted.  family is AF_INET
 * (addr points at 4 bytes, network order) or AF_INET6 (16 bytes). */
const char *ssrf_classify(int family, const void *addr);

/* Checks the address sa (AF_INET or AF_INET6; other families are refused) that a request
 * for host (may be NULL) is about to connect to.  p may be NULL (no allowlist).  Returns
 * HERALD_OK when allowed, HERALD_E_DENIED with a reason in why otherwise. */
herald_status ssrf_check_addr(const ssrf_policy *p, const char *host, const struct sockaddr *sa,
                              char *why, size_t whylen);

/* Checks url before any connection: scheme, host syntax, IP literals (see above).
 * allow_file permits file: URLs.  Returns HERALD_OK, HERALD_E_DENIED (reason in why) or
 * HERALD_E_INVALID for a URL that cannot be parsed. */
herald_status ssrf_check_url(const ssrf_policy *p, const char *url, bool allow_file, char *why,
                             size_t whylen);

#endif

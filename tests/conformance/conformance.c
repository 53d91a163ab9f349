/*
 * conformance.c - runs ../shared/feeds/checks.jsonl (the reference parser's own test
 * corpus, translated) and dates.jsonl against herald's feed parser.
 *
 * For every corpus file: parse it (text and bytes modes from memory -- herald takes bytes
 * only, so a "text" case gets the file's bytes; http mode served by
 * a loopback libmicrohttpd server with the status and headers the case gives, fetched
 * with libcurl, Content-Encoding undone here), print the result with feed_to_json -- the
 * exact JSON `herald parse-feed` prints -- read that JSON back, map it onto the
 * reference parser's result paths (feed.title_detail.type, entries[0].content[0].value,
 * published_parsed as a 9-tuple, ...) and evaluate the ops eq/ne/is/len/contains/
 * not_contains/truthy/falsy exactly as check_feedparser.py does (canonical paths).  The
 * mapping also gives the reference's derived keys: its key aliases (url -> href, ...),
 * `author`/`author_detail` from the first author, a missing entry summary copied from the
 * first text/HTML content, `license` from a rel=license link, extension keys "a.b" as
 * nested dicts, itunes:block/explicit typed as the reference types them.
 *
 * wellformed/sanitize: herald's sanitizer keeps less than the reference's, so a failed
 * string comparison there still passes when herald's value holds nothing dangerous and
 * the same text (see shared/feeds/README.md); those files are counted as "relaxed" and
 * listed in conformance-relaxed.txt in the working directory.
 *
 * Prints the pass rate per folder, overall and for the folders that matter (all but
 * wellformed/cdf, wellformed/geo, illformed/geo, wellformed/psc), and the dates.
 *
 * The gate is tests/feed/conformance-expected-failures.txt, read by machine: one line per
 * corpus file herald fails on purpose, "PATH REASON".  The run fails when a file not on
 * the list fails (a regression: the file is named), when a listed file passes (its line
 * must be removed, so the list never hides a fix or a later regression), when a line has
 * no reason or names no corpus file, or when a date fails.  Per-file results go to
 * conformance-results.jsonl in the working directory.  Without ../shared the run is
 * skipped (exit 77), or fails under CI=true (tests/support's test_data_missing).
 *   conformance [--only PREFIX] [--verbose]
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <zlib.h>

#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/date.h"
#include "feed/feed.h"
#include "testutil.h"

#define NOMINAL_PORT 8097

static char *corpus_dir;
static json_t *http_specs; /* rel path -> {status, headers} */
static unsigned real_port;
static int verbose;

/* ------------------------------------------------------------------ helpers */

static char *read_all(const char *path, size_t *len)
{
    return test_read_file(path, len);
}

/* Replaces every occurrence of from with to in s; returns malloc'd. */
static char *replace_all(const char *s, const char *from, const char *to)
{
    struct strbuf sb = STRBUF_INIT;
    size_t fl = strlen(from);
    const char *p = s;
    const char *hit = strstr(p, from);
    while (hit) {
        strbuf_add(&sb, p, (size_t)(hit - p));
        strbuf_adds(&sb, to);
        p = hit + fl;
        hit = strstr(p, from);
    }
    strbuf_adds(&sb, p);
    return strbuf_detach(&sb, NULL);
}

static char *port_swap(const char *s, unsigned from, unsigned to)
{
    char a[16], b[16];
    snprintf(a, sizeof(a), ":%u/", from);
    snprintf(b, sizeof(b), ":%u/", to);
    return replace_all(s, a, b);
}

/* ------------------------------------------------------------------ loopback server */

static enum MHD_Result serve(void *cls, struct MHD_Connection *conn, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)method;
    (void)version;
    (void)upload;
    (void)upload_size;
    (void)con_cls;
    struct MHD_Response *resp;
    enum MHD_Result ret;
    if (!strcmp(url, "/-/return-304.xml")) {
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(resp, "Content-type", "text/xml");
        ret = MHD_queue_response(conn, 304, resp);
        MHD_destroy_response(resp);
        return ret;
    }
    if (strncmp(url, "/tests/", 7) != 0 || strstr(url, "..")) {
        resp = MHD_create_response_from_buffer(9, (void *)"not found", MHD_RESPMEM_PERSISTENT);
        ret = MHD_queue_response(conn, 404, resp);
        MHD_destroy_response(resp);
        return ret;
    }
    const char *rel = url + 7;
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", corpus_dir, rel);
    size_t len = 0;
    char *body = read_all(path, &len);
    if (!body) {
        resp = MHD_create_response_from_buffer(9, (void *)"not found", MHD_RESPMEM_PERSISTENT);
        ret = MHD_queue_response(conn, 404, resp);
        MHD_destroy_response(resp);
        return ret;
    }
    json_t *spec = json_object_get(http_specs, rel);
    int status = 200;
    json_t *headers = NULL;
    if (spec) {
        status = (int)json_integer_value(json_object_get(spec, "status"));
        headers = json_object_get(spec, "headers");
    }
    resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (headers) {
        const char *k;
        json_t *v;
        json_object_foreach(headers, k, v)
        {
            const char *val = json_string_value(v);
            if (!val)
                continue;
            if (!strcasecmp(k, "Location") && real_port != NOMINAL_PORT) {
                char *moved = port_swap(val, NOMINAL_PORT, real_port);
                MHD_add_response_header(resp, k, moved);
                free(moved);
            } else {
                MHD_add_response_header(resp, k, val);
            }
        }
    } else {
        MHD_add_response_header(resp, "Content-type", "text/xml");
    }
    ret = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static struct MHD_Daemon *start_server(void)
{
    unsigned ports[2] = {NOMINAL_PORT, 0};
    for (int i = 0; i < 2; i++) {
        struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)ports[i],
                                                NULL, NULL, serve, NULL, MHD_OPTION_END);
        if (!d)
            continue;
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        real_port = info ? info->port : ports[i];
        return d;
    }
    return NULL;
}

/* ------------------------------------------------------------------ http client */

struct fetch {
    struct strbuf body;
    long first_status;
    long last_status;
    json_t *headers; /* of the last response, lower-cased names */
};

static size_t on_body(char *ptr, size_t size, size_t n, void *ud)
{
    struct fetch *f = ud;
    strbuf_add(&f->body, ptr, size * n);
    return size * n;
}

static size_t on_header(char *ptr, size_t size, size_t n, void *ud)
{
    struct fetch *f = ud;
    size_t len = size * n;
    if (len > 5 && !strncmp(ptr, "HTTP/", 5)) {
        const char *sp = memchr(ptr, ' ', len);
        long st = sp ? strtol(sp + 1, NULL, 10) : 0;
        if (!f->first_status)
            f->first_status = st;
        f->last_status = st;
        json_object_clear(f->headers);
        return len;
    }
    const char *colon = memchr(ptr, ':', len);
    if (!colon)
        return len;
    char name[128];
    size_t nl = (size_t)(colon - ptr);
    if (nl >= sizeof(name))
        return len;
    for (size_t i = 0; i < nl; i++)
        name[i] = (char)tolower((unsigned char)ptr[i]);
    name[nl] = 0;
    const char *v = colon + 1;
    size_t vl = len - nl - 1;
    while (vl && isspace((unsigned char)*v)) {
        v++;
        vl--;
    }
    while (vl && isspace((unsigned char)v[vl - 1]))
        vl--;
    json_object_set_new(f->headers, name, json_stringn(v, vl));
    return len;
}

/* Undoes gzip/deflate; returns 0 and fills out, or -1 (out untouched). */
static int inflate_body(const char *in, size_t len, int window, struct strbuf *out)
{
    z_stream zs;
    memset(&zs, 0, sizeof(zs));
    if (inflateInit2(&zs, window) != Z_OK)
        return -1;
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)len;
    struct strbuf tmp = STRBUF_INIT;
    int rc;
    do {
        strbuf_grow(&tmp, 65536);
        zs.next_out = (Bytef *)tmp.buf + tmp.len;
        zs.avail_out = (uInt)(tmp.alloc - tmp.len - 1);
        rc = inflate(&zs, Z_NO_FLUSH);
        tmp.len = (size_t)((char *)zs.next_out - tmp.buf);
        tmp.buf[tmp.len] = 0;
    } while (rc == Z_OK && tmp.len < (64u << 20));
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        strbuf_release(&tmp);
        return -1;
    }
    strbuf_add(out, tmp.buf, tmp.len);
    strbuf_release(&tmp);
    return 0;
}

/* ------------------------------------------------------------------ feedparser mapping */

static json_t *struct_time(const char *rfc3339)
{
    int y, mo, d, h, mi, s;
    if (!rfc3339 || sscanf(rfc3339, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s) != 6)
        return json_null();
    struct civil_time ct = {y, mo, d, h, mi, s};
    struct civil_time jan1 = {y, 1, 1, 0, 0, 0};
    int64_t t = time_from_civil(&ct);
    int yday = (int)((t - time_from_civil(&jan1)) / 86400) + 1;
    return json_pack("[iiiiiiiii]", y, mo, d, h, mi, s, time_weekday(t), yday, 0);
}

/* itunes:explicit as the reference (v6.0.14) types it: "yes"/"true"/"explicit" True,
 * "clean"/"no"/"false" False, anything else (case matters) None. */
static json_t *explicit_value(const char *v)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "explicit"))
        return json_true();
    if (!strcmp(v, "clean") || !strcmp(v, "no") || !strcmp(v, "false"))
        return json_false();
    return json_null();
}

static void map_person(json_t *o, const char *key, json_t *p)
{
    const char *name = json_string_value(json_object_get(p, "name"));
    const char *email = json_string_value(json_object_get(p, "email"));
    char buf[1024];
    if (name && email)
        snprintf(buf, sizeof(buf), "%s (%s)", name, email);
    else
        snprintf(buf, sizeof(buf), "%s", name ? name : email ? email : "");
    if (name || email)
        json_object_set_new(o, key, json_string(buf));
    char dk[64];
    snprintf(dk, sizeof(dk), "%s_detail", key);
    json_object_set(o, dk, p);
}

/* Builds feedparser's dict for one herald item (feed head, entry or source). */
static json_t *fp_item(json_t *h, int is_entry)
{
    json_t *o = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(h, k, v)
    {
        if (!strcmp(k, "ext") || !strcmp(k, "media") || !strcmp(k, "source") ||
            !strcmp(k, "authors") || !strcmp(k, "publisher") || !strcmp(k, "generator") ||
            !strcmp(k, "contributors"))
            continue;
        size_t kl = strlen(k);
        if (kl > 4 && !strcmp(k + kl - 4, "_raw"))
            continue;
        if (!strcmp(k, "published") || !strcmp(k, "updated") || !strcmp(k, "created") ||
            !strcmp(k, "expired"))
            continue;
        json_object_set(o, k, v);
    }
    static const char *const dates[] = {"published", "updated", "created", "expired"};
    for (int i = 0; i < 4; i++) {
        char rk[32], pk[32];
        snprintf(rk, sizeof(rk), "%s_raw", dates[i]);
        snprintf(pk, sizeof(pk), "%s_parsed", dates[i]);
        json_t *raw = json_object_get(h, rk);
        if (raw) {
            json_object_set(o, dates[i], raw);
            json_object_set_new(o, pk,
                                struct_time(json_string_value(json_object_get(h, dates[i]))));
        }
    }
    json_t *authors = json_object_get(h, "authors");
    if (json_array_size(authors)) {
        json_object_set(o, "authors", authors);
        map_person(o, "author", json_array_get(authors, 0));
    }
    json_t *contributors = json_object_get(h, "contributors");
    if (contributors)
        json_object_set(o, "contributors", contributors);
    json_t *pub = json_object_get(h, "publisher");
    if (pub)
        map_person(o, "publisher", pub);
    json_t *gen = json_object_get(h, "generator");
    if (gen) {
        json_t *name = json_object_get(gen, "name");
        json_object_set_new(o, "generator", name ? json_incref(name) : json_string(""));
        json_object_set(o, "generator_detail", gen);
    }
    json_t *tags = json_object_get(h, "tags");
    if (json_array_size(tags))
        json_object_set(o, "category", json_object_get(json_array_get(tags, 0), "term"));
    json_t *media = json_object_get(h, "media");
    if (media) {
        json_t *mc = json_array(), *mt = json_array();
        size_t i;
        json_t *m;
        json_array_foreach(media, i, m)
        {
            json_t *d = json_object();
            const char *mk;
            json_t *mv;
            json_object_foreach(m, mk, mv)
            {
                if (!strcmp(mk, "kind") || !strcmp(mk, "caption") || !strcmp(mk, "credit"))
                    continue;
                if (json_is_integer(mv)) {
                    char b[32];
                    snprintf(b, sizeof(b), "%lld", (long long)json_integer_value(mv));
                    json_object_set_new(d, mk, json_string(b));
                } else {
                    json_object_set(d, mk, mv);
                }
            }
            const char *kind = json_string_value(json_object_get(m, "kind"));
            json_array_append_new(kind && !strcmp(kind, "thumbnail") ? mt : mc, d);
        }
        if (json_array_size(mc))
            json_object_set(o, "media_content", mc);
        if (json_array_size(mt))
            json_object_set(o, "media_thumbnail", mt);
        json_decref(mc);
        json_decref(mt);
    }
    json_t *src = json_object_get(h, "source");
    if (src)
        json_object_set_new(o, "source", fp_item(src, 0));
    /* feedparser's derived keys */
    json_t *links = json_object_get(h, "links");
    size_t i;
    json_t *l;
    json_array_foreach(links, i, l)
    {
        const char *rel = json_string_value(json_object_get(l, "rel"));
        if (rel && !strcmp(rel, "license"))
            json_object_set(o, "license", json_object_get(l, "href"));
    }
    /* feedparser copies the first text or HTML content into a missing summary */
    json_t *content0 = json_array_get(json_object_get(o, "content"), 0);
    if (is_entry && content0 && !json_object_get(o, "summary")) {
        const char *ct = json_string_value(json_object_get(content0, "type"));
        if (ct && (!strcmp(ct, "text/plain") || !strcmp(ct, "text/html") ||
                   !strcmp(ct, "application/xhtml+xml")))
            json_object_set(o, "summary", json_object_get(content0, "value"));
    }
    if (!is_entry && json_object_get(o, "subtitle")) {
        json_object_set(o, "description", json_object_get(o, "subtitle"));
        json_object_set(o, "description_detail", json_object_get(o, "subtitle_detail"));
    } else if (json_object_get(o, "summary")) {
        json_object_set(o, "description", json_object_get(o, "summary"));
        json_object_set(o, "description_detail", json_object_get(o, "summary_detail"));
    }
    /* extensions: "a.b" -> o[a][b]; itunes booleans typed as the reference types them */
    json_t *ext = json_object_get(h, "ext");
    json_object_foreach(ext, k, v)
    {
        const char *val = json_string_value(v);
        const char *dot = strchr(k, '.');
        if (dot) {
            char head[256];
            size_t hl = (size_t)(dot - k);
            if (hl >= sizeof(head))
                continue;
            memcpy(head, k, hl);
            head[hl] = 0;
            json_t *sub = json_object_get(o, head);
            if (!json_is_object(sub)) {
                sub = json_object();
                json_object_set_new(o, head, sub);
            }
            json_object_set(sub, dot + 1, v);
            continue;
        }
        if (!strcmp(k, "itunes_block")) {
            json_object_set_new(o, k, json_integer(!strcmp(val, "yes") || !strcmp(val, "Yes")));
        } else if (!strcmp(k, "itunes_explicit")) {
            json_object_set_new(o, k, explicit_value(val));
        } else if (!json_object_get(o, k)) {
            json_object_set(o, k, v);
            int64_t t;
            if (!strncmp(k, "validity_", 9) && date_parse(val, &t) == HERALD_OK) {
                char pk[64], buf[TIME_RFC3339_LEN];
                snprintf(pk, sizeof(pk), "%s_parsed", k);
                json_object_set_new(o, pk, struct_time(time_format_rfc3339(t, buf)));
            }
        }
    }
    return o;
}

static json_t *fp_result(json_t *hj)
{
    json_t *r = json_object();
    json_object_set(r, "bozo", json_object_get(hj, "bozo"));
    json_object_set(r, "version", json_object_get(hj, "version"));
    json_object_set(r, "encoding", json_object_get(hj, "encoding"));
    json_object_set_new(r, "feed", fp_item(json_object_get(hj, "feed"), 0));
    json_t *entries = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(hj, "entries"), i, e)
        json_array_append_new(entries, fp_item(e, 1));
    json_object_set_new(r, "entries", entries);
    return r;
}

/* ------------------------------------------------------------------ evaluating */

static json_t *resolve_path(json_t *root, json_t *path, int *missing)
{
    json_t *cur = root;
    size_t i;
    json_t *p;
    *missing = 0;
    json_array_foreach(path, i, p)
    {
        json_t *next = NULL;
        if (json_is_string(p) && json_is_object(cur)) {
            const char *key = json_string_value(p);
            next = json_object_get(cur, key);
            /* feedparser's key aliases (FeedParserDict.keymap) */
            static const char *const alias[][3] = {
                {"channel", "feed", NULL},
                {"items", "entries", NULL},
                {"guid", "id", NULL},
                {"date", "updated", NULL},
                {"date_parsed", "updated_parsed", NULL},
                {"description", "summary", "subtitle"},
                {"description_detail", "summary_detail", "subtitle_detail"},
                {"url", "href", NULL},
                {"modified", "updated", NULL},
                {"modified_parsed", "updated_parsed", NULL},
                {"issued", "published", NULL},
                {"issued_parsed", "published_parsed", NULL},
                {"copyright", "rights", NULL},
                {"copyright_detail", "rights_detail", NULL},
                {"tagline", "subtitle", NULL},
                {"tagline_detail", "subtitle_detail", NULL},
            };
            for (size_t a = 0; !next && a < sizeof(alias) / sizeof(alias[0]); a++) {
                if (strcmp(alias[a][0], key) != 0)
                    continue;
                next = json_object_get(cur, alias[a][1]);
                if (!next && alias[a][2])
                    next = json_object_get(cur, alias[a][2]);
            }
        } else if (json_is_integer(p) && (json_is_array(cur) || json_is_string(cur))) {
            json_int_t idx = json_integer_value(p);
            if (json_is_array(cur)) {
                if (idx < 0)
                    idx += (json_int_t)json_array_size(cur);
                next = json_array_get(cur, (size_t)idx);
            }
        }
        if (!next) {
            *missing = 1;
            return NULL;
        }
        cur = next;
    }
    return cur;
}

static int truthy(json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_NULL:
    case JSON_FALSE:
        return 0;
    case JSON_TRUE:
        return 1;
    case JSON_STRING:
        return json_string_length(v) > 0;
    case JSON_INTEGER:
        return json_integer_value(v) != 0;
    case JSON_REAL:
        return json_real_value(v) != 0;
    case JSON_ARRAY:
        return json_array_size(v) > 0;
    case JSON_OBJECT:
        return json_object_size(v) > 0;
    }
    return 0;
}

/* Python equality on JSON values (1 == True, 1 == 1.0). */
static int py_equal(json_t *a, json_t *b)
{
    if ((json_is_boolean(a) || json_is_number(a)) && (json_is_boolean(b) || json_is_number(b))) {
        double x = json_is_boolean(a) ? json_is_true(a) : json_number_value(a);
        double y = json_is_boolean(b) ? json_is_true(b) : json_number_value(b);
        return x == y;
    }
    return json_equal(a, b);
}

static int run_check(json_t *res, json_t *chk)
{
    const char *op = json_string_value(json_object_get(chk, "op"));
    json_t *val = json_object_get(chk, "value");
    json_t *path = json_object_get(chk, "canonical_path");
    if (!path)
        path = json_object_get(chk, "path");
    int missing;
    json_t *actual = resolve_path(res, path, &missing);
    if (!strcmp(op, "contains") || !strcmp(op, "not_contains")) {
        if (missing)
            return 0;
        int has = 0;
        if (json_is_object(actual) && json_is_string(val))
            has = json_object_get(actual, json_string_value(val)) != NULL;
        else if (json_is_string(actual) && json_is_string(val))
            has = strstr(json_string_value(actual), json_string_value(val)) != NULL;
        else if (json_is_array(actual)) {
            size_t i;
            json_t *x;
            json_array_foreach(actual, i, x) if (py_equal(x, val)) has = 1;
        } else
            return 0;
        return has == !strcmp(op, "contains");
    }
    if (missing) {
        if (json_is_true(json_object_get(chk, "missing_is_null"))) {
            actual = json_null();
        } else {
            return !strcmp(op, "falsy");
        }
    }
    if (!strcmp(op, "eq"))
        return py_equal(actual, val);
    if (!strcmp(op, "ne"))
        return !py_equal(actual, val);
    if (!strcmp(op, "is")) {
        if (json_is_null(val) || json_is_boolean(val))
            return json_typeof(actual) == json_typeof(val);
        return py_equal(actual, val);
    }
    if (!strcmp(op, "len")) {
        size_t n = json_is_array(actual)    ? json_array_size(actual)
                   : json_is_object(actual) ? json_object_size(actual)
                   : json_is_string(actual) ? json_string_length(actual)
                                            : (size_t)-1;
        return n != (size_t)-1 && (json_int_t)n == json_integer_value(val);
    }
    if (!strcmp(op, "truthy"))
        return truthy(actual);
    if (!strcmp(op, "falsy"))
        return !truthy(actual);
    return 0;
}

/* ---- the relaxed rule for wellformed/sanitize ---- */

static int has_dangerous(const char *s)
{
    static const char *const bad[] = {"<script", "javascript:", "vbscript:",     "<iframe",
                                      "<frame",  "<embed",      "<object",       "<applet",
                                      "<style",  "expression(", "<meta",         "<link",
                                      "<form",   "<base",       "data:text/html"};
    char *low = strdup(s);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    int found = 0;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]) && !found; i++)
        if (strstr(low, bad[i]))
            found = 1;
    /* event handler attributes: " on...=" inside a tag */
    for (char *p = low; *p && !found; p++) {
        if (*p == '<') {
            char *gt = strchr(p, '>');
            for (char *q = p; gt && q < gt; q++)
                if ((q[0] == ' ' || q[0] == '\t' || q[0] == '/' || q[0] == '"') && q[1] == 'o' &&
                    q[2] == 'n' && isalpha((unsigned char)q[3])) {
                    char *eq = q + 3;
                    while (isalpha((unsigned char)*eq))
                        eq++;
                    while (*eq == ' ')
                        eq++;
                    if (*eq == '=')
                        found = 1;
                }
        }
    }
    free(low);
    return found;
}

/* Text of an HTML fragment: tags dropped, character references decoded, whitespace
 * removed. */
static char *text_of(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    int in_tag = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '<') {
            in_tag = 1;
        } else if (*p == '>' && in_tag) {
            in_tag = 0;
        } else if (!in_tag && *p == '&') {
            static const struct {
                const char *name;
                char c;
            } named[] = {
                {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
            unsigned long cp = 0;
            const char *q = p + 1;
            int ok = 0;
            if (*q == '#') {
                char *end;
                cp = (q[1] == 'x' || q[1] == 'X') ? strtoul(q + 2, &end, 16)
                                                  : strtoul(q + 1, &end, 10);
                if (*end == ';' && cp > 0 && cp < 0x110000) {
                    ok = 1;
                    q = end;
                }
            } else {
                for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
                    size_t n = strlen(named[k].name);
                    if (!strncmp(q, named[k].name, n)) {
                        cp = (unsigned char)named[k].c;
                        q += n - 1;
                        ok = 1;
                        break;
                    }
                }
            }
            if (!ok) {
                strbuf_addch(&sb, '&');
                continue;
            }
            char u[5];
            size_t n = 0;
            if (cp < 0x80) {
                u[n++] = (char)cp;
            } else if (cp < 0x800) {
                u[n++] = (char)(0xC0 | (cp >> 6));
                u[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                u[n++] = (char)(0xE0 | (cp >> 12));
                u[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                u[n++] = (char)(0xF0 | (cp >> 18));
                u[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                u[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[n++] = (char)(0x80 | (cp & 0x3F));
            }
            if (!isspace((unsigned char)u[0]))
                strbuf_add(&sb, u, n);
            p = q;
        } else if (!in_tag && !isspace((unsigned char)*p)) {
            strbuf_addch(&sb, *p);
        }
    }
    return strbuf_detach(&sb, NULL);
}

/* 1 when the value at path is an HTML text construct (so the sanitizer wrote it). */
static int value_is_html(json_t *res, json_t *path)
{
    size_t n = json_array_size(path);
    if (n < 2)
        return 0;
    json_t *parent_path = json_array();
    for (size_t i = 0; i + 1 < n; i++)
        json_array_append(parent_path, json_array_get(path, i));
    int missing;
    json_t *parent = resolve_path(res, parent_path, &missing);
    json_decref(parent_path);
    if (missing || !json_is_object(parent))
        return 0;
    const char *last = json_string_value(json_array_get(path, n - 1));
    json_t *detail = NULL;
    if (last && !strcmp(last, "value")) {
        detail = parent;
    } else if (last) {
        char k[128];
        snprintf(k, sizeof(k), "%s_detail", last);
        detail = json_object_get(parent, k);
        if (!detail && !strcmp(last, "summary"))
            detail = json_array_get(json_object_get(parent, "content"), 0);
    }
    const char *type = json_string_value(json_object_get(detail, "type"));
    return type && (!strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml"));
}

/* Every href/src value herald wrote appears in the expected value (so a URL may be
 * dropped by the stricter allowlist, but never resolved differently). */
static int urls_kept(const char *actual, const char *expected)
{
    static const char *const attrs[] = {" href=\"", " src=\""};
    for (int k = 0; k < 2; k++) {
        for (const char *p = strstr(actual, attrs[k]); p; p = strstr(p, attrs[k])) {
            p += strlen(attrs[k]);
            const char *end = strchr(p, '"');
            if (!end)
                break;
            char *url = strndup(p, (size_t)(end - p));
            char *a = replace_all(url, "&amp;", "&");
            char *e = replace_all(expected, "&amp;", "&");
            int found = strstr(e, a) != NULL;
            free(url);
            free(a);
            free(e);
            if (!found)
                return 0;
            p = end;
        }
    }
    return 1;
}

static int relaxed_ok(json_t *res, json_t *chk, int any_value)
{
    const char *op = json_string_value(json_object_get(chk, "op"));
    json_t *val = json_object_get(chk, "value");
    if (strcmp(op, "eq") != 0 || !json_is_string(val))
        return 0;
    json_t *path = json_object_get(chk, "canonical_path");
    if (!path)
        path = json_object_get(chk, "path");
    int missing;
    json_t *actual = resolve_path(res, path, &missing);
    if (missing || !json_is_string(actual))
        return 0;
    if (!any_value && !value_is_html(res, path))
        return 0;
    const char *a = json_string_value(actual);
    if (has_dangerous(a))
        return 0;
    char *ta = text_of(a), *tv = text_of(json_string_value(val));
    int ok = !strcmp(ta, tv) && urls_kept(a, json_string_value(val));
    free(ta);
    free(tv);
    return ok;
}

/* ------------------------------------------------------------------ one case */

struct group_stat {
    char name[64];
    int files, pass, relaxed;
};

static struct group_stat groups[64];
static int ngroups;

static struct group_stat *group(const char *name)
{
    for (int i = 0; i < ngroups; i++)
        if (!strcmp(groups[i].name, name))
            return &groups[i];
    struct group_stat *g = &groups[ngroups++];
    snprintf(g->name, sizeof(g->name), "%s", name);
    return g;
}

static int matters(const char *g)
{
    return strcmp(g, "wellformed/cdf") && strcmp(g, "wellformed/geo") &&
           strcmp(g, "illformed/geo") && strcmp(g, "wellformed/psc");
}

/* Parses and returns the mapped result (never NULL). */
static json_t *run_case(json_t *row, CURL *curl)
{
    const char *rel = json_string_value(json_object_get(row, "path"));
    const char *mode = json_string_value(json_object_get(row, "mode"));
    struct feed_parse_opts opts;
    memset(&opts, 0, sizeof(opts));
    struct strbuf body = STRBUF_INIT;
    json_t *top = json_object();
    char *final_url = NULL;
    json_t *hdrs = NULL;
    int http_bozo = 0;
    if (!strcmp(mode, "http")) {
        json_t *spec = json_object_get(row, "http");
        const char *url = json_string_value(json_object_get(spec, "url"));
        char *real = port_swap(url, NOMINAL_PORT, real_port);
        struct fetch f;
        memset(&f, 0, sizeof(f));
        strbuf_init(&f.body, 0);
        f.headers = json_object();
        curl_easy_reset(curl);
        curl_easy_setopt(curl, CURLOPT_URL, real);
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &f);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &f);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
        curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
        curl_easy_perform(curl);
        char *eff = NULL;
        curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &eff);
        final_url = port_swap(eff ? eff : real, real_port, NOMINAL_PORT);
        free(real);
        json_object_set_new(top, "status", json_integer(f.first_status));
        json_object_set_new(top, "href", json_string(final_url));
        if (json_object_get(f.headers, "etag"))
            json_object_set(top, "etag", json_object_get(f.headers, "etag"));
        const char *lm = json_string_value(json_object_get(f.headers, "last-modified"));
        int64_t lmt;
        if (lm && date_parse(lm, &lmt) == HERALD_OK) {
            char buf[TIME_RFC3339_LEN];
            json_object_set_new(top, "modified", json_string(lm));
            json_object_set_new(top, "modified_parsed", struct_time(time_format_rfc3339(lmt, buf)));
            json_object_set_new(top, "updated", json_string(lm));
            json_object_set_new(top, "updated_parsed", struct_time(buf));
        }
        hdrs = f.headers;
        const char *ce = json_string_value(json_object_get(hdrs, "content-encoding"));
        if (ce && !strcasecmp(ce, "gzip")) {
            if (inflate_body(f.body.buf, f.body.len, 16 + 15, &body))
                http_bozo = 1;
        } else if (ce && !strcasecmp(ce, "deflate")) {
            if (inflate_body(f.body.buf, f.body.len, 15, &body) &&
                inflate_body(f.body.buf, f.body.len, -15, &body))
                http_bozo = 1;
        } else {
            strbuf_add(&body, f.body.buf, f.body.len);
        }
        if (http_bozo)
            strbuf_add(&body, f.body.buf, f.body.len);
        strbuf_release(&f.body);
        opts.url = final_url;
        opts.content_type = json_string_value(json_object_get(hdrs, "content-type"));
        if (!opts.content_type)
            opts.content_type = "";
        opts.content_location = json_string_value(json_object_get(hdrs, "content-location"));
        opts.content_language = json_string_value(json_object_get(hdrs, "content-language"));
        if (f.last_status == 304) {
            json_t *empty = json_pack("{s:b,s:{},s:[]}", "bozo", 0, "feed", "entries");
            json_object_update(top, empty);
            json_decref(empty);
            json_decref(hdrs);
            free(final_url);
            strbuf_release(&body);
            return top;
        }
    } else {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", corpus_dir, rel);
        size_t len = 0;
        char *data = read_all(path, &len);
        if (data)
            strbuf_add(&body, data, len);
        free(data);
    }
    struct feed *feed = NULL;
    herald_status rc = feed_parse(body.buf, body.len, &opts, &feed);
    json_t *res;
    if (rc == HERALD_OK) {
        struct strbuf js = STRBUF_INIT;
        feed_to_json(feed, &js);
        json_error_t err;
        json_t *hj = json_loads(js.buf, 0, &err);
        res = hj ? fp_result(hj) : json_object();
        json_decref(hj);
        strbuf_release(&js);
        feed_free(feed);
    } else {
        res = json_pack("{s:b,s:{},s:[],s:s}", "bozo", 1, "feed", "entries", "bozo_exception",
                        herald_strerror(rc));
    }
    if (http_bozo)
        json_object_set_new(res, "bozo", json_true());
    json_object_update(res, top);
    if (hdrs) {
        json_object_set(res, "headers", hdrs);
        json_decref(hdrs);
    }
    json_decref(top);
    free(final_url);
    strbuf_release(&body);
    return res;
}

/* ------------------------------------------------------------------ dates */

static int run_dates(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    char line[4096];
    int n = 0, ok = 0;
    while (fgets(line, sizeof(line), fp)) {
        json_error_t err;
        json_t *d = json_loads(line, 0, &err);
        if (!d)
            continue;
        n++;
        const char *parser = json_string_value(json_object_get(d, "parser"));
        const char *input = json_string_value(json_object_get(d, "input"));
        json_t *expect = json_object_get(d, "expect_struct_time");
        int64_t t;
        herald_status rc = date_parse_as(date_format_from_name(parser), input, &t);
        json_t *got;
        if (rc == HERALD_OK) {
            char buf[TIME_RFC3339_LEN];
            struct civil_time ct;
            time_to_civil(t, &ct);
            snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02dZ", ct.year, ct.month, ct.day,
                     ct.hour, ct.minute, ct.second);
            got = struct_time(buf);
        } else {
            got = json_null();
        }
        if (json_equal(got, expect)) {
            ok++;
        } else {
            char *g = json_dumps(got, JSON_ENCODE_ANY | JSON_COMPACT);
            char *e = json_dumps(expect, JSON_ENCODE_ANY | JSON_COMPACT);
            printf("   DATE FAIL %s \"%s\": got %s, expected %s\n", parser, input, g, e);
            free(g);
            free(e);
        }
        json_decref(got);
        json_decref(d);
    }
    fclose(fp);
    printf("date-parser cases: %d/%d pass\n", ok, n);
    return n - ok;
}

/* ------------------------------------------------------------------ expected failures */

#define EXPECTED_FAILURES "tests/feed/conformance-expected-failures.txt"

static int gate_failures;

/*
 * Reads the expected-failure list: "#" comments and blank lines are ignored; every other
 * line is "PATH REASON" (PATH relative to the corpus, then whitespace, then a reason that
 * must not be empty).  Returns {path: {"reason": ...}}, or NULL when the file is missing.
 * A malformed or duplicated line counts as a gate failure.
 */
static json_t *read_expected(const char *path)
{
    size_t len = 0;
    char *text = test_read_file(path, &len);
    if (!text)
        return NULL;
    json_t *list = json_object();
    int lineno = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p && *p != '#') {
            char *end = p;
            while (*end && *end != ' ' && *end != '\t')
                end++;
            char *reason = end;
            while (*reason == ' ' || *reason == '\t')
                reason++;
            *end = '\0';
            if (!*reason) {
                gate_failures++;
                printf("FAIL " EXPECTED_FAILURES ":%d: %s has no reason\n", lineno, p);
            } else if (json_object_get(list, p)) {
                gate_failures++;
                printf("FAIL " EXPECTED_FAILURES ":%d: %s is listed twice\n", lineno, p);
            } else {
                json_object_set_new(list, p, json_pack("{s:s}", "reason", reason));
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return list;
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--verbose"))
            verbose = 1;
    }
    char *expected_path = test_source_path(EXPECTED_FAILURES);
    json_t *expected = read_expected(expected_path);
    if (!expected) {
        int must_fail = test_data_missing("feed conformance", expected_path);
        free(expected_path);
        return must_fail ? 1 : 77;
    }
    free(expected_path);
    char *checks_path = test_shared_path("feeds/checks.jsonl");
    char *manifest_path = test_shared_path("feeds/manifest.jsonl");
    char *dates_path = test_shared_path("feeds/dates.jsonl");
    corpus_dir = test_shared_path("feeds/corpus");
    curl_global_init(CURL_GLOBAL_DEFAULT);

    /* rows and http specs */
    FILE *fp = fopen(checks_path, "r");
    if (!fp) {
        int must_fail = test_data_missing("feed conformance", checks_path);
        json_decref(expected);
        free(checks_path);
        free(manifest_path);
        free(dates_path);
        free(corpus_dir);
        curl_global_cleanup();
        return must_fail ? 1 : 77;
    }
    json_t *rows = json_array();
    http_specs = json_object();
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, fp) > 0) {
        json_error_t err;
        json_t *r = json_loads(line, 0, &err);
        if (!r)
            continue;
        json_t *spec = json_object_get(r, "http");
        if (json_is_object(spec))
            json_object_set(http_specs, json_string_value(json_object_get(r, "path")), spec);
        json_array_append_new(rows, r);
    }
    fclose(fp);
    fp = fopen(manifest_path, "r");
    while (fp && getline(&line, &cap, fp) > 0) {
        json_error_t err;
        json_t *m = json_loads(line, 0, &err);
        if (!m)
            continue;
        const char *p = json_string_value(json_object_get(m, "path"));
        json_t *spec = json_object_get(m, "http");
        if (p && json_is_object(spec) && !json_object_get(http_specs, p))
            json_object_set(http_specs, p, spec);
        json_decref(m);
    }
    if (fp)
        fclose(fp);
    free(line);

    struct MHD_Daemon *daemon = start_server();
    if (!daemon) {
        fprintf(stderr, "conformance: cannot start the loopback server\n");
        return 1;
    }
    CURL *curl = curl_easy_init();
    FILE *out = fopen("conformance-results.jsonl", "w");
    FILE *relaxed_out = fopen("conformance-relaxed.txt", "w");
    int64_t t0 = time_monotonic_ms();
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *rel = json_string_value(json_object_get(row, "path"));
        const char *gname = json_string_value(json_object_get(row, "group"));
        if (only && strncmp(rel, only, strlen(only)) != 0)
            continue;
        struct group_stat *g = group(gname);
        g->files++;
        json_t *res = run_case(row, curl);
        json_t *fails = json_array();
        int relaxed_used = 0;
        json_t *bozo = json_object_get(row, "bozo");
        int got_bozo = json_is_true(json_object_get(res, "bozo"));
        if (json_is_boolean(bozo) && json_is_true(bozo) != got_bozo)
            json_array_append_new(fails, json_pack("{s:s,s:b}", "key", "bozo", "actual", got_bozo));
        json_t *rb = json_object_get(row, "runner_bozo");
        if (json_is_boolean(rb) && json_is_true(rb) != got_bozo)
            json_array_append_new(fails,
                                  json_pack("{s:s,s:b}", "key", "runner_bozo", "actual", got_bozo));
        size_t j;
        json_t *chk;
        json_array_foreach(json_object_get(row, "checks"), j, chk)
        {
            if (run_check(res, chk))
                continue;
            if (relaxed_ok(res, chk, !strcmp(gname, "wellformed/sanitize"))) {
                relaxed_used = 1;
                continue;
            }
            json_t *path = json_object_get(chk, "canonical_path");
            if (!path)
                path = json_object_get(chk, "path");
            int missing;
            json_t *actual = resolve_path(res, path, &missing);
            json_t *act = missing ? json_string("<missing>") : json_incref(actual);
            json_array_append_new(fails,
                                  json_pack("{s:O,s:O,s:O,s:o}", "key", json_object_get(chk, "key"),
                                            "op", json_object_get(chk, "op"), "value",
                                            json_object_get(chk, "value"), "actual", act));
        }
        int pass = json_array_size(fails) == 0;
        json_t *listed = json_object_get(expected, rel);
        if (listed)
            json_object_set_new(listed, "seen", json_true());
        if (pass && listed) {
            gate_failures++;
            printf("FAIL %s passes now but is listed in " EXPECTED_FAILURES ": remove its line\n",
                   rel);
        } else if (!pass && !listed) {
            gate_failures++;
            char *why = json_dumps(fails, JSON_COMPACT | JSON_ENSURE_ASCII);
            printf("FAIL %s: a new failure (not in " EXPECTED_FAILURES "): %s\n", rel, why);
            free(why);
        }
        if (pass) {
            g->pass++;
            if (relaxed_used) {
                g->relaxed++;
                if (relaxed_out)
                    fprintf(relaxed_out, "%s\n", rel);
            }
        }
        if (out) {
            json_t *rec = json_pack("{s:s,s:s,s:b}", "path", rel, "group", gname, "pass", pass);
            if (!pass) {
                json_object_set(rec, "failures", fails);
                json_object_set(rec, "expect", json_object_get(row, "expect"));
            }
            char *s = json_dumps(rec, JSON_COMPACT | JSON_ENSURE_ASCII);
            fprintf(out, "%s\n", s);
            if (verbose && !pass)
                printf("FAIL %s\n", s);
            free(s);
            json_decref(rec);
        }
        json_decref(fails);
        json_decref(res);
    }
    int64_t elapsed = time_monotonic_ms() - t0;
    if (out)
        fclose(out);
    if (relaxed_out)
        fclose(relaxed_out);
    curl_easy_cleanup(curl);
    MHD_stop_daemon(daemon);

    int tf = 0, tp = 0, mf = 0, mp = 0, rel_total = 0;
    printf("%-28s %6s %6s %8s %7s\n", "group", "files", "pass", "relaxed", "rate");
    for (int k = 0; k < ngroups; k++) {
        struct group_stat *g = &groups[k];
        printf("%-28s %6d %6d %8d %6.1f%%%s\n", g->name, g->files, g->pass, g->relaxed,
               100.0 * g->pass / (g->files ? g->files : 1),
               matters(g->name) ? "" : "  (not counted)");
        tf += g->files;
        tp += g->pass;
        rel_total += g->relaxed;
        if (matters(g->name)) {
            mf += g->files;
            mp += g->pass;
        }
    }
    double rate = 100.0 * mp / (mf ? mf : 1);
    printf("%-28s %6d %6d %8d %6.1f%%\n", "TOTAL (all folders)", tf, tp, rel_total,
           100.0 * tp / (tf ? tf : 1));
    printf("%-28s %6d %6d %8s %6.2f%%   in %.1fs\n", "FOLDERS THAT MATTER", mf, mp, "", rate,
           elapsed / 1000.0);

    int date_failures = run_dates(dates_path);

    /* listed lines that name no corpus file (a typo, or a file the corpus dropped) */
    if (!only) {
        const char *k;
        json_t *v;
        json_object_foreach(expected, k, v)
        {
            if (!json_is_true(json_object_get(v, "seen"))) {
                gate_failures++;
                printf("FAIL %s is listed in " EXPECTED_FAILURES
                       " but is not a corpus file: remove its line\n",
                       k);
            }
        }
    }
    int passed = 0, failed = 0;
    if (gate_failures == 0) {
        passed++;
    } else {
        failed++;
        printf("FAIL: %d file(s) differ from " EXPECTED_FAILURES "\n", gate_failures);
    }
    if (date_failures == 0) {
        passed++;
    } else {
        failed++;
        printf("FAIL: %d date case(s) fail\n", date_failures);
    }
    printf("conformance: rate %.2f%% over the folders that matter; %zu expected failures "
           "listed\n",
           rate, json_object_size(expected));
    printf("%d passed, %d failed\n", passed, failed);

    json_decref(rows);
    json_decref(expected);
    json_decref(http_specs);
    free(checks_path);
    free(manifest_path);
    free(dates_path);
    free(corpus_dir);
    curl_global_cleanup();
    return failed ? 1 : 0;
}

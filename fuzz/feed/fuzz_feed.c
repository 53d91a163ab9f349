/*
 * fuzz_feed.c - libFuzzer target for the feed parser (src/feed/) and its date parser.
 *
 * The first input byte picks the options (document URL, a Content-Type with or without a
 * charset, sanitizer on or off, small bounds); the rest is the document.  Property checks
 * (abort on violation, so libFuzzer keeps the input):
 *   - feed_parse returns a status from its contract, and sets the result only on success;
 *   - titles, summaries, contents, links, ids and authors are valid UTF-8;
 *   - feed_to_json succeeds and its output reads back as a JSON object;
 *   - the bounds hold: entries <= max_entries, per-item lists <= FEED_MAX_LIST.
 * The rest of the input is also fed to date_parse (no crash, no read past the end).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "core/strbuf.h"
#include "core/date.h"
#include "feed/feed.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    return 0;
}

static void violation(const char *what)
{
    fprintf(stderr, "fuzz_feed: property violated: %s\n", what);
    abort();
}

static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!s)
        return 1;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0)
            return 0;
        for (int i = 1; i <= n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return 0;
        p += n + 1;
    }
    return 1;
}

static void check_item(const struct feed_item *it)
{
    if (!utf8_ok(it->title.value) || !utf8_ok(it->summary.value) || !utf8_ok(it->subtitle.value) ||
        !utf8_ok(it->link) || !utf8_ok(it->id))
        violation("a string is not UTF-8");
    for (size_t i = 0; i < it->ncontent; i++)
        if (!utf8_ok(it->content[i].value))
            violation("content is not UTF-8");
    for (size_t i = 0; i < it->nauthors; i++)
        if (!utf8_ok(it->authors[i].name) || !utf8_ok(it->authors[i].email))
            violation("an author is not UTF-8");
    if (it->nlinks > FEED_MAX_LIST || it->ntags > FEED_MAX_LIST || it->nauthors > FEED_MAX_LIST ||
        it->nmedia > FEED_MAX_LIST || it->nenclosures > FEED_MAX_LIST + 1 ||
        it->next > FEED_MAX_EXT)
        violation("a per-item list is over its bound");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const char *doc = (const char *)data + 1;
    size_t len = size - 1;
    static const char *const types[] = {NULL,
                                        "application/rss+xml",
                                        "text/xml",
                                        "text/xml; charset=iso-8859-1",
                                        "application/atom+xml; charset=utf-16",
                                        "text/plain; charset=windows-1252"};
    struct feed_parse_opts o;
    memset(&o, 0, sizeof(o));
    o.url = (sel & 1) ? "https://fuzz.example/a/feed.xml" : NULL;
    o.content_type = types[(sel >> 1) % 6];
    o.no_sanitize = (sel >> 4) & 1;
    if (sel & 0x20) {
        o.max_entries = 3;
        o.max_depth = 16;
    }
    o.content_language = (sel & 0x40) ? "en-GB" : NULL;
    struct feed *f = (struct feed *)(uintptr_t)1; /* must stay untouched on failure */
    herald_status rc = feed_parse(doc, len, &o, &f);
    if (rc != HERALD_OK) {
        if (rc != HERALD_E_PARSE && rc != HERALD_E_TOOBIG)
            violation("unexpected status");
        if (f != (struct feed *)(uintptr_t)1)
            violation("result set on failure");
    } else {
        size_t max = o.max_entries ? o.max_entries : FEED_DEFAULT_MAX_ENTRIES;
        if (f->nentries > max)
            violation("too many entries");
        check_item(&f->head);
        for (size_t i = 0; i < f->nentries; i++)
            check_item(&f->entries[i]);
        struct strbuf js = STRBUF_INIT;
        if (feed_to_json(f, &js) != HERALD_OK)
            violation("feed_to_json failed");
        json_error_t err;
        json_t *root = json_loads(js.buf, 0, &err);
        if (!json_is_object(root))
            violation("feed_to_json wrote no JSON object");
        json_decref(root);
        strbuf_release(&js);
        feed_free(f);
    }
    /* the date parser on the same bytes, as a NUL-terminated string */
    char buf[256];
    size_t n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;
    memcpy(buf, doc, n);
    buf[n] = 0;
    int64_t t;
    (void)date_parse(buf, &t);
    return 0;
}

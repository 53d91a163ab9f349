/*
 * fuzz_sanitize.c - libFuzzer target for the sanitizer (src/html/sanitize.c) and the HTML to
 * text converter (src/html/text.c).
 *
 * Property checks (abort on violation, so libFuzzer keeps the input):
 *   - sanitize_html's output passes safecheck() (tests/html/safecheck.c): re-read as a
 *     browser tokenizer and re-parsed by libxml2, it holds no element, attribute or URL
 *     scheme outside the allowlist, no comment, and only sandboxed video iframes;
 *   - sanitizing that output again is still safe (no mutation across a round trip);
 *   - html_to_text's output has no empty line, no doubled space, no control character
 *     other than '\n', and no leading or trailing separator; sanitize_title's has no '\n'.
 * The first input byte picks the options (flags, base URL), the rest is the HTML.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "html/sanitize.h"
#include "html/text.h"
#include "safecheck.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    return 0;
}

static void check_safe(const struct strbuf *out, const char *what, const uint8_t *data, size_t size)
{
    char why[256];
    if (safecheck(out->buf, out->len, why, sizeof(why)) != 0) {
        fprintf(stderr,
                "UNSAFE %s output: %s\n--- input (%zu bytes) ---\n%.*s\n--- output ---\n%s\n", what,
                why, size, (int)size, (const char *)data, out->buf);
        abort();
    }
}

static void check_text(const struct strbuf *t, int single_line)
{
    if (t->len && (t->buf[0] == ' ' || t->buf[0] == '\n' || t->buf[t->len - 1] == ' ' ||
                   t->buf[t->len - 1] == '\n'))
        abort();
    for (size_t i = 0; i < t->len; i++) {
        unsigned char c = (unsigned char)t->buf[i];
        if (c < 0x20 && c != '\n')
            abort();
        if (c == '\n' && single_line)
            abort();
        if (i && (c == ' ' || c == '\n') && (t->buf[i - 1] == ' ' || t->buf[i - 1] == '\n'))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const bases[] = {NULL, "https://example.com/dir/page.html",
                                        "http://[::1]:8080/a?b#c", "file:///etc/"};
    struct sanitize_opts o = {0};
    struct strbuf out = STRBUF_INIT, again = STRBUF_INIT, text = STRBUF_INIT;
    const char *html;
    size_t len;
    if (size < 1)
        return 0;
    o.flags = data[0] & 0x0f;
    o.base_url = bases[(data[0] >> 4) & 3];
    o.max_depth = (data[0] & 0x40) ? 8 : 0;
    html = (const char *)data + 1;
    len = size - 1;

    if (sanitize_html(html, len, &o, &out) == HERALD_OK) {
        check_safe(&out, "sanitize_html", data, size);
        if (sanitize_html(out.buf, out.len, &o, &again) == HERALD_OK)
            check_safe(&again, "re-sanitized", data, size);
    }
    if (html_to_text(html, len, &text) == HERALD_OK)
        check_text(&text, 0);
    strbuf_reset(&text);
    if (sanitize_title(html, len, &text) == HERALD_OK)
        check_text(&text, 1);
    strbuf_release(&out);
    strbuf_release(&again);
    strbuf_release(&text);
    return 0;
}

/*
 * body_html.c - hands the rendered body to the project's sanitizer (see body_html.h).
 *
 * The renderer's output is already inside the allowlist by construction; passing it
 * through sanitize_html as well means the extractor and the sanitizer can never disagree
 * about what is safe (links gain rel="noopener noreferrer", tracking parameters go).
 * The fragment is small next to the page, so the second parse costs little.
 */
#include "extract/body_html.h"

#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "html/sanitize.h"
#include "core/banned.h"

char *extract_body_html(const char *html, const char *base)
{
    struct strbuf out = STRBUF_INIT;
    struct sanitize_opts opts = {.base_url = base};
    herald_status rc;

    if (!html || !*html)
        return xstrdup("");
    rc = sanitize_html(html, strlen(html), &opts, &out);
    if (rc) {
        log_warn("extract", "sanitizing the body failed: %s", herald_strerror(rc));
        strbuf_release(&out);
        return xstrdup("");
    }
    return strbuf_detach(&out, NULL);
}

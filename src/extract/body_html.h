/*
 * body_html.h - the one place where the extractor's HTML becomes the stored body HTML.
 *
 * The renderer in extract_render.c only writes p, h2-h6, ul/ol/li, blockquote, pre, dl/dt/dd,
 * table rows, em, strong, code, sub, sup, br and a[href] (http/https, escaped), so its
 * output is already inside the sanitizer's allowlist; this function passes it through the
 * project's sanitizer so that the two can never disagree.
 */
#ifndef HERALD_EXTRACT_BODY_HTML_H
#define HERALD_EXTRACT_BODY_HTML_H

/* Returns the clean, malloc'd body HTML for html (written by the renderer); base is the
 * page URL for relative links (may be NULL).  Never NULL. */
char *extract_body_html(const char *html, const char *base);

#endif

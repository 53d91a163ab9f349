/*
 * static.h - the files herald serves from its own binary: the stylesheet, the script
 * (keyboard shortcuts, times in the reader's zone), the icon and the API's OpenAPI document
 * (docs/openapi.json).
 * The arrays are generated at build time from src/web/static/ (embed.py); each is
 * followed by a NUL that _len does not count.
 */
#ifndef HERALD_WEB_STATIC_H
#define HERALD_WEB_STATIC_H

#include <stddef.h>

extern const unsigned char web_static_herald_css[];
extern const size_t web_static_herald_css_len;
extern const unsigned char web_static_herald_js[];
extern const size_t web_static_herald_js_len;
extern const unsigned char web_static_favicon_svg[];
extern const size_t web_static_favicon_svg_len;
extern const unsigned char web_static_openapi_json[];
extern const size_t web_static_openapi_json_len;

#endif

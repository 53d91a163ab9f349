/*
 * routes.c - the server's route table (route.h explains the pattern syntax and flags).
 * Order matters only where two patterns could match one path; the first row wins.
 */
#include "web/internal.h"

#include "core/banned.h"

#define CACHE_LIST (WEB_RF_CACHEABLE | WEB_RF_PAGED)
#define API WEB_RF_API

const struct web_route_def web_routes[] = {
    /* pages */
    {"GET", "/", web_page_home, CACHE_LIST, "home"},
    {"GET", "/article/{id:hex32}", web_page_article, WEB_RF_CACHEABLE, "article"},
    {"GET", "/{lang:lang}/article/{id:hex32}", web_page_article, WEB_RF_CACHEABLE, "article"},
    {"GET", "/source/{n:uint}", web_page_source, CACHE_LIST, "source"},
    {"GET", "/entity/{slug}", web_page_entity, CACHE_LIST, "entity"},
    {"GET", "/search", web_page_search, 0, "search"},
    {"GET", "/about", web_page_about, 0, "about"},
    {"GET", "/media/{id:hex32}", web_media, 0, "media"},
    {"GET", "/static/{name:file}", web_static, 0, "static"},
    {"GET", "/favicon.ico", web_static, 0, "favicon"},
    /* the JSON API (docs/openapi.json) */
    {"GET", "/api/v1/articles", web_api_articles, API, "api_articles"},
    {"GET", "/api/v1/articles/{id:hex32}", web_api_article, API | WEB_RF_CACHEABLE, "api_article"},
    {"GET", "/api/v1/articles/{id:hex32}/ask", web_api_ask, API, "api_ask"},
    {"GET", "/api/v1/entities/{slug}", web_api_entity, API, "api_entity"},
    {"GET", "/api/v1/sources", web_api_sources, API, "api_sources"},
    {"GET", "/api/v1/feeds", web_api_feeds, API, "api_feeds"},
    {"GET", "/api/v1/search", web_api_search, API, "api_search"},
    {"GET", "/api/v1/health", web_api_health, API, "api_health"},
};

const size_t web_routes_count = sizeof(web_routes) / sizeof(web_routes[0]);

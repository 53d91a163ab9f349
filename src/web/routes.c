/*
 * routes.c - the server's route table (route.h explains the pattern syntax and flags).
 * Order matters only where two patterns could match one path; the first row wins.  The
 * last field lists an API route's query parameters (anything else is a 400); pages have
 * NULL (not checked).
 */
#include "web/internal.h"

#include "core/banned.h"

#define CACHE_LIST (WEB_RF_CACHEABLE | WEB_RF_PAGED)
#define API WEB_RF_API
#define SESSION WEB_RF_SESSION
#define MOD WEB_RF_MODERATOR
#define FEED WEB_RF_CACHEABLE
/* The query parameters of the API's list endpoints (what read_filters in api.c reads; there
 * is no offset: pages follow cursors). */
#define AP_SEARCH "q source since until limit sort language lang cursor"
#define AP_ARTICLES AP_SEARCH " after"

const struct web_route_def web_routes[] = {
    /* pages */
    {"GET", "/", web_page_home, CACHE_LIST, "home", NULL},
    {"GET", "/article/{id:hex32}", web_page_article, WEB_RF_CACHEABLE, "article", NULL},
    {"GET", "/{lang:lang}/article/{id:hex32}", web_page_article, WEB_RF_CACHEABLE, "article", NULL},
    {"GET", "/source/{n:uint}", web_page_source, CACHE_LIST, "source", NULL},
    {"GET", "/story/{id:uint}", web_page_story, WEB_RF_CACHEABLE, "story", NULL},
    {"GET", "/entity/{slug}", web_page_entity, CACHE_LIST, "entity", NULL},
    {"GET", "/sources", web_page_sources, WEB_RF_CACHEABLE, "sources", NULL},
    {"GET", "/topic/{slug}", web_page_topic, CACHE_LIST, "topic", NULL},
    {"GET", "/search", web_page_search, WEB_RF_NOINDEX, "search", NULL},
    {"GET", "/about", web_page_about, 0, "about", NULL},
    {"GET", "/media/{id:hex32}", web_media, 0, "media", NULL},
    {"GET", "/media/{id:hex32}/{width:uint}", web_media_proxy, 0, "media_sized", NULL},
    {"GET", "/static/{name:file}", web_static, 0, "static", NULL},
    {"GET", "/favicon.ico", web_static, 0, "favicon", NULL},
    /* feeds, crawlers (syndicate.c) */
    {"GET", "/feed.xml", web_feed_home, FEED, "feed_home", NULL},
    {"GET", "/feed.atom", web_feed_home, FEED, "feed_home", NULL},
    {"GET", "/feed.json", web_feed_home, FEED, "feed_home", NULL},
    {"GET", "/source/{n:uint}/feed.xml", web_feed_source, FEED, "feed_source", NULL},
    {"GET", "/source/{n:uint}/feed.atom", web_feed_source, FEED, "feed_source", NULL},
    {"GET", "/source/{n:uint}/feed.json", web_feed_source, FEED, "feed_source", NULL},
    {"GET", "/story/{id:uint}/feed.xml", web_feed_story, FEED, "feed_story", NULL},
    {"GET", "/story/{id:uint}/feed.atom", web_feed_story, FEED, "feed_story", NULL},
    {"GET", "/story/{id:uint}/feed.json", web_feed_story, FEED, "feed_story", NULL},
    {"GET", "/topic/{slug}/feed.xml", web_feed_topic, FEED, "feed_topic", NULL},
    {"GET", "/topic/{slug}/feed.atom", web_feed_topic, FEED, "feed_topic", NULL},
    {"GET", "/topic/{slug}/feed.json", web_feed_topic, FEED, "feed_topic", NULL},
    {"GET", "/search/feed.xml", web_feed_search, WEB_RF_NOINDEX, "feed_search", NULL},
    {"GET", "/search/feed.atom", web_feed_search, WEB_RF_NOINDEX, "feed_search", NULL},
    {"GET", "/search/feed.json", web_feed_search, WEB_RF_NOINDEX, "feed_search", NULL},
    {"GET", "/robots.txt", web_robots, WEB_RF_CACHEABLE, "robots", NULL},
    {"GET", "/sitemap.xml", web_sitemap_index, WEB_RF_CACHEABLE, "sitemap_index", NULL},
    {"GET", "/sitemaps/{name:file}", web_sitemap_page, WEB_RF_CACHEABLE, "sitemap_page", NULL},
    /* the JSON API (docs/openapi.json); its index is built from this table */
    {"GET", "/api/v1", web_api_index, API | WEB_RF_CACHEABLE, "api_index", ""},
    {"GET", "/api/v1/", web_api_index, API | WEB_RF_CACHEABLE, "api_index", ""},
    {"GET", "/api/v1/openapi.json", web_api_openapi, API | WEB_RF_CACHEABLE, "api_openapi", ""},
    {"GET", "/api/v1/articles", web_api_articles, API, "api_articles", AP_ARTICLES},
    {"GET", "/api/v1/articles/{id:hex32}", web_api_article, API | WEB_RF_CACHEABLE, "api_article",
     ""},
    {"GET", "/api/v1/articles/{id:hex32}/ask", web_api_ask, API, "api_ask", "q"},
    {"GET", "/api/v1/entities/{slug}", web_api_entity, API, "api_entity", "cursor limit"},
    {"GET", "/api/v1/sources", web_api_sources, API, "api_sources", ""},
    {"GET", "/api/v1/feeds", web_api_feeds, API, "api_feeds", ""},
    {"GET", "/api/v1/search", web_api_search, API, "api_search", AP_SEARCH},
    {"GET", "/api/v1/health", web_api_health, API, "api_health", ""},
    /* readers: accounts (accounts.c) */
    {"GET", "/signup", web_signup_form, WEB_RF_NOINDEX, "signup_form", NULL},
    {"POST", "/signup", web_signup, 0, "signup", NULL},
    {"GET", "/signin", web_signin_form, WEB_RF_NOINDEX, "signin_form", NULL},
    {"POST", "/signin", web_signin, 0, "signin", NULL},
    {"POST", "/signout", web_signout, SESSION, "signout", NULL},
    {"GET", "/account", web_account, WEB_RF_NOSTORE, "account", NULL},
    {"POST", "/account/password", web_account_password, SESSION, "account_password", NULL},
    {"POST", "/account/signout-all", web_account_signout_all, SESSION, "signout_all", NULL},
    {"POST", "/account/delete", web_account_delete, SESSION, "account_delete", NULL},
    {"POST", "/account/tokens", web_account_token_new, SESSION, "token_new", NULL},
    {"POST", "/account/tokens/{n:uint}/revoke", web_account_token_revoke, SESSION, "token_revoke",
     NULL},
    {"GET", "/admin/users", web_admin_users, WEB_RF_ADMIN, "admin_users", NULL},
    {"POST", "/admin/users/{n:uint}/role", web_admin_user_role, WEB_RF_ADMIN, "admin_role", NULL},
    {"GET", "/admin/feeds", web_admin_feeds, WEB_RF_ADMIN | WEB_RF_NOSTORE, "admin_feeds", NULL},
    {"GET", "/admin/feeds.opml", web_admin_feeds_opml, WEB_RF_ADMIN | WEB_RF_NOSTORE,
     "admin_feeds_opml", NULL},
    {"POST", "/admin/feeds", web_admin_feed_add, WEB_RF_ADMIN, "admin_feed_add", NULL},
    {"POST", "/admin/feeds/{n:uint}/remove", web_admin_feed_change, WEB_RF_ADMIN,
     "admin_feed_remove", NULL},
    {"POST", "/admin/feeds/{n:uint}/mode", web_admin_feed_change, WEB_RF_ADMIN, "admin_feed_mode",
     NULL},
    /* readers: comments, moderation and reading state (comments.c) */
    {"POST", "/article/{id:hex32}/comments", web_comment_post, SESSION, "comment_post", NULL},
    {"GET", "/comments/{n:uint}/edit", web_comment_edit_form, SESSION, "comment_edit_form", NULL},
    {"POST", "/comments/{n:uint}/edit", web_comment_edit, SESSION, "comment_edit", NULL},
    {"POST", "/comments/{n:uint}/delete", web_comment_delete, SESSION, "comment_delete", NULL},
    {"POST", "/comments/{n:uint}/report", web_comment_report, SESSION, "comment_report", NULL},
    {"POST", "/comments/{n:uint}/hide", web_comment_moderate, MOD, "comment_hide", NULL},
    {"POST", "/comments/{n:uint}/unhide", web_comment_moderate, MOD, "comment_unhide", NULL},
    {"POST", "/comments/{n:uint}/remove", web_comment_moderate, MOD, "comment_remove", NULL},
    {"POST", "/comments/{n:uint}/dismiss", web_comment_moderate, MOD, "comment_dismiss", NULL},
    {"POST", "/users/{n:uint}/ban", web_user_ban, MOD, "user_ban", NULL},
    {"POST", "/users/{n:uint}/unban", web_user_ban, MOD, "user_unban", NULL},
    {"GET", "/moderation", web_moderation, MOD, "moderation", NULL},
    {"POST", "/article/{id:hex32}/save", web_reading_set, SESSION, "article_save", NULL},
    {"POST", "/article/{id:hex32}/unsave", web_reading_set, SESSION, "article_unsave", NULL},
    {"POST", "/article/{id:hex32}/read", web_reading_set, SESSION, "article_read", NULL},
    {"POST", "/article/{id:hex32}/unread", web_reading_set, SESSION, "article_unread", NULL},
    {"GET", "/saved", web_saved, WEB_RF_NOSTORE, "saved", NULL},
    {"GET", "/api/v1/articles/{id:hex32}/comments", web_api_comments, API, "api_comments", ""},
    {"POST", "/api/v1/articles/{id:hex32}/comments", web_api_comment_post, API | SESSION,
     "api_comment_post", ""},
    {"POST", "/api/v1/articles/{id:hex32}/state", web_api_article_state, API | SESSION,
     "api_article_state", ""},
    {"GET", "/api/v1/saved", web_api_saved, API | SESSION, "api_saved", ""},
    {"GET", "/api/v1/stories", web_api_stories, API, "api_stories", "limit"},
    {"GET", "/api/v1/stories/{id:uint}", web_api_story, API, "api_story", ""},
};

const size_t web_routes_count = sizeof(web_routes) / sizeof(web_routes[0]);

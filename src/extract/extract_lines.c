/*
 * extract_lines.c - the line filter: is a rendered line article text or page furniture?
 *
 * The renderer asks about each finished block or loose run of text: boilerplate lines
 * ("Read more", "Advertisement", "Share", link-only lines, bare date stamps, bylines,
 * wire credits, copyright lines) are dropped; end markers ("Related", "Tags", "More
 * stories") also end the article at their level.  The lists are multilingual where the
 * corpus showed a need; words that also start real sentences are matched as whole lines
 * only.  Also the text measures the driver uses (visible length, word count).
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "extract/extract_int.h"
#include "core/banned.h"

/* Prefixes of short lines that are page furniture.  Words that also start real
 * sentences ("Subscribers said", "Loading the trucks") are only whole lines (boiler_line). */
static const char *const boiler_prefix[] = {
    "advertisement",
    "read more",
    "read also",
    "also read",
    "related:",
    "related articles",
    "related stories",
    "related posts",
    "share this",
    "share on",
    "click here",
    "sign up for",
    "subscribe to",
    "subscribe now",
    "follow us",
    "see also:",
    "you may also like",
    "more from",
    "continue reading",
    "all rights reserved",
    "copyright \xc2\xa9",
    "copyright (c)",
    "\xc2\xa9",
    "photo:",
    "image:",
    "leave a comment",
    "tags:",
    "sponsored by",
    "sponsored links",
    "loading...",
};

/* Short lines after which a page's article is over (the start of related lists, tags,
 * comment sections).  Matched against the whole line, case-insensitively, ignoring a
 * trailing colon. */
static const char *const end_markers[] = {
    "tags",
    "tagged",
    "topics",
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "related coverage",
    "you may like these posts",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "more stories",
    "more news",
    "read next",
    "up next",
    "popular posts",
    "most popular",
    "most read",
    "trending",
    "trending now",
    "post a comment",
    "leave a comment",
    "leave a reply",
    "comments",
    "0 comments",
    "no comments",
    "recommended",
    "recommended for you",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "about the author",
    "latest news",
    "see also",
    "further reading",
    "more from",
    "popular",
    "sponsored content",
    "you may also be interested in",
    "you might be interested in",
    "recommended stories",
    "more stories from",
    "related reading",
    "editor's picks",
    /* the same in the languages herald's users read most */
    "comentários",
    "leia também",
    "veja também",
    "artigos relacionados",
    "notícias relacionadas",
    "comentarios",
    "lee también",
    "artículos relacionados",
    "noticias relacionadas",
    "te puede interesar",
    "kommentare",
    "ähnliche artikel",
    "das könnte sie auch interessieren",
    "mehr zum thema",
    "articoli correlati",
    "commenti",
    "leggi anche",
    "commentaires",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "articles similaires",
    "baca juga",
    "berita terkait",
    "komentar",
    "Отзывы",
    "Комментарии",
    "Похожие статьи",
    "Читайте также",
    "Смотрите также",
};

/* Does s[0..len) contain the lower-case ASCII word w, ignoring case? */
static int contains_ci(const char *s, size_t len, const char *w)
{
    size_t wl = strlen(w);

    for (size_t i = 0; i + wl <= len; i++) {
        if (strncasecmp(s + i, w, wl) == 0)
            return 1;
    }
    return 0;
}

int ex_is_end_marker(const char *s, size_t len)
{
    while (len &&
           (ex_is_space((unsigned char)s[len - 1]) || s[len - 1] == ':' || s[len - 1] == '.'))
        len--;
    if (len == 0 || len > 40)
        return 0;
    for (size_t i = 0; i < NELEM(end_markers); i++) {
        if (tolower((unsigned char)end_markers[i][0]) != tolower((unsigned char)s[0]))
            continue; /* cheap first-letter test before strlen */
        if (strlen(end_markers[i]) == len && strncasecmp(s, end_markers[i], len) == 0)
            return 1;
    }
    return len > 12 &&
           (strncasecmp(s, "most read in ", 13) == 0 || strncasecmp(s, "more from ", 10) == 0 ||
            strncasecmp(s, "related to ", 11) == 0 || strncasecmp(s, "more in ", 8) == 0 ||
            (strncasecmp(s, "more ", 5) == 0 &&
             (contains_ci(s, len, "stories") || contains_ci(s, len, "articles") ||
              contains_ci(s, len, "news"))));
}

/* A short line that is only a date/time stamp, maybe with a name ("LinkNaija August 08,
 * 2018", "18 Nov 2019, 19:09", "Updated: Sat 8:31 PM, Feb 17, 2018"). */
static int is_date_line(const char *s, size_t len)
{
    int year = 0, words = 0;

    if (len > 60)
        return 0;
    for (size_t i = 0; i < len;) {
        if (isdigit((unsigned char)s[i])) {
            size_t j = i;
            while (j < len && isdigit((unsigned char)s[j]))
                j++;
            if (j - i == 4 && (s[i] == '1' || s[i] == '2'))
                year = 1;
            i = j;
        } else if (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80) {
            size_t j = i;
            while (j < len && (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80))
                j++;
            size_t wl = j - i;
            int known =
                wl == 1 || (wl >= 3 && ex_month_of(s + i)) ||
                (wl <= 3 && (!strncasecmp(s + i, "am", wl) || !strncasecmp(s + i, "pm", wl) ||
                             !strncasecmp(s + i, "at", wl) || !strncasecmp(s + i, "on", wl) ||
                             !strncasecmp(s + i, "de", wl) || !strncasecmp(s + i, "gmt", wl) ||
                             !strncasecmp(s + i, "utc", wl) || !strncasecmp(s + i, "et", wl) ||
                             !strncasecmp(s + i, "est", wl))) ||
                (wl >= 3 && (!strncasecmp(s + i, "mon", 3) || !strncasecmp(s + i, "tue", 3) ||
                             !strncasecmp(s + i, "wed", 3) || !strncasecmp(s + i, "thu", 3) ||
                             !strncasecmp(s + i, "fri", 3) || !strncasecmp(s + i, "sat", 3) ||
                             !strncasecmp(s + i, "sun", 3))) ||
                (wl >= 6 &&
                 (!strncasecmp(s + i, "posted", 6) || !strncasecmp(s + i, "updated", 7) ||
                  !strncasecmp(s + i, "published", 9)));
            if (!known)
                words++;
            i = j;
        } else {
            i++;
        }
    }
    return year && words <= 1;
}

static const char *const boiler_prefix2[] = {
    "related ",
    "posted:",
    "posted on",
    "updated:",
    "published:",
    "last updated",
    "reading time",
    "tempo de leitura",
    "skip to content",
    "this slideshow requires javascript",
    "tell us what you think",
    "have a tip?",
    "get the latest",
    "support ",
};

/* Whole lines that are page furniture in many languages. */
static const char *const boiler_line[] = {
    "share",       "advert",    "advertisement", "ad",      "ads",       "anzeige",     "werbung",
    "publicidad",  "publicité", "pubblicità",    "iklan",   "reklama",   "back to top", "next",
    "prev",        "previous",  "next prev",     "print",   "email",     "tweet",       "close",
    "caption",     "view all",  "highlights",    "loading", "comments",  "sponsored",   "subscribe",
    "recommended", "copyright", "see also",      "sign up", "read more",
};

int ex_is_boilerplate_line(const char *s, size_t len, uint32_t text, uint32_t link)
{
    int letters = 0;

    while (len && ex_is_space((unsigned char)*s)) {
        s++;
        len--;
    }
    if (!len)
        return 1;
    if (text > 0 && link * 10 > text * 6 && len < 400)
        return 1;
    if (len > 160)
        return 0;
    for (size_t i = 0; i < len && !letters; i++)
        letters = isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
    if (!letters && len < 20)
        return 1;
    for (size_t i = 0; i < NELEM(boiler_prefix); i++) {
        if (tolower((unsigned char)boiler_prefix[i][0]) != tolower((unsigned char)s[0]))
            continue;
        size_t pl = strlen(boiler_prefix[i]);
        if (pl <= len && strncasecmp(s, boiler_prefix[i], pl) == 0)
            return 1;
    }
    if (len < 100) {
        for (size_t i = 0; i < NELEM(boiler_prefix2); i++) {
            if (tolower((unsigned char)boiler_prefix2[i][0]) != tolower((unsigned char)s[0]))
                continue;
            size_t pl = strlen(boiler_prefix2[i]);
            if (pl <= len && strncasecmp(s, boiler_prefix2[i], pl) == 0)
                return 1;
        }
    }
    {
        size_t l = len;
        while (l && (ex_is_space((unsigned char)s[l - 1]) || s[l - 1] == ':' || s[l - 1] == '.'))
            l--;
        for (size_t i = 0; l < 24 && i < NELEM(boiler_line); i++) {
            if (tolower((unsigned char)boiler_line[i][0]) != tolower((unsigned char)s[0]))
                continue;
            if (strlen(boiler_line[i]) == l && strncasecmp(s, boiler_line[i], l) == 0)
                return 1;
        }
    }
    /* CMS shortcodes left in the text: "[button link=...]Send us...[/button]" */
    if (s[0] == '[' && len < 400 && contains_ci(s, len, "[/"))
        return 1;
    /* wire-service credit lines */
    if (len < 400 &&
        (strncasecmp(s, "reporting by ", 13) == 0 ||
         strncasecmp(s, "additional reporting by ", 24) == 0 ||
         strncasecmp(s, "editing by ", 11) == 0 || strncasecmp(s, "writing by ", 11) == 0 ||
         strncasecmp(s, "compiled by ", 12) == 0))
        return 1;
    if (strncasecmp(s, "copyright", 9) == 0) {
        size_t i = 9;
        while (i < len && s[i] == ' ')
            i++;
        if (i < len && !isalpha((unsigned char)s[i]))
            return 1; /* "Copyright © 2026 ...", "Copyright 2019 ..." */
        for (i = 9; len < 100 && i + 4 <= len; i++) {
            if ((s[i] == '1' || s[i] == '2') && isdigit((unsigned char)s[i + 1]) &&
                isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
                return 1; /* "copyright Site 2019 - ..." */
        }
    }
    /* bylines and social follow-ups */
    if (len < 60 && strncasecmp(s, "by ", 3) == 0)
        return 1;
    if (len < 200 && strncasecmp(s, "follow ", 7) == 0)
        return 1;
    return is_date_line(s, len);
}

size_t ex_count_words(const char *s)
{
    size_t n = 0;
    int in = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (ex_is_space(*p)) {
            in = 0;
        } else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

size_t ex_visible_len(const char *s)
{
    size_t n = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (!ex_is_space(*p) && (*p & 0xC0) != 0x80)
            n++;
    }
    return n;
}

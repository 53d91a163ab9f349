/* fixture.c - see fixture.h.  All text here is written for the tests. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "store/store.h"
#include "stories/stories.h"
#include "testutil.h"

struct src_def {
    const char *name, *homepage, *copyright, *lang;
};

static const struct src_def sources[] = {
    {"World Wire", "https://wire.example/", "\xc2\xa9 2025 World Wire. All rights reserved.", "en"},
    {"Japan Today", "https://japantoday.example/", "\xc2\xa9 Japan Today", "en"},
    {"Asahi Shimbun", "https://asahi.example/", "\xc2\xa9 The Asahi Shimbun Company", "en"},
    {FIXTURE_HOSTILE_SOURCE, "https://evil.example/", "\xc2\xa9 <script>evil()</script>", "en"},
};

struct art_def {
    int src;
    int hours_ago;
    const char *slug, *title, *author, *image, *caption, *summary;
    const char *paras[4];
};

static const struct art_def arts[] = {
    {0,
     7,
     "czech-china-cyber",
     "Czech Republic accuses China of \xe2\x80\x98malicious cyber campaign\xe2\x80\x99 against "
     "its foreign ministry",
     "Jana Novak",
     "http://images.example/czech-minister.jpg",
     "The foreign minister speaks to journalists during a joint press conference in Kyiv.",
     "Prague says a state-backed hacking group targeted the foreign ministry's network.",
     {"PRAGUE \xe2\x80\x94 The Czech Republic has accused China of being responsible for "
      "cyberattacks against a communication network of its foreign ministry, officials said on "
      "Wednesday.",
      "The ministry said the malicious activities started in 2022 and targeted critical "
      "infrastructure, adding that it believed a hacking group associated with China's Ministry "
      "of State Security was behind the campaign.",
      "The Chinese embassy dismissed the accusations as groundless. NATO and the European Union "
      "condemned the attack and expressed solidarity with the Czech government.",
      "A new communication system has already been put in place, the ministry said."}},
    {1,
     9,
     "china-seafood",
     "Japan says China will resume Japanese seafood imports",
     "Mari Yamaguchi, Ken Moritsugu", /* two authors: the API's authors array */
     "http://images.example/sushi.jpg",
     "People shop for sushi at a supermarket in Beijing.",
     "China will resume seafood imports it banned in 2023, a Japanese official said.",
     {"China will resume Japanese seafood imports that it banned in 2023 over the release of "
      "treated wastewater from the Fukushima nuclear plant, a Japanese official said Friday.",
      "The issue has been a significant point of diplomatic tension between China and Japan, and "
      "the foreign ministry welcomed the move.",
      "Officials said the ban on products from ten prefectures is still in place.", NULL}},
    {2,
     10,
     "cambodia-fraud",
     "Cambodia police bust suspected base for fraud against Japanese",
     NULL,
     "http://images.example/poipet.jpg",
     NULL,
     "More than 20 people believed to be Japanese were detained at a suspected fraud base.",
     {"Cambodian authorities have detained more than 20 people believed to be Japanese at a "
      "suspected base for phone fraud targeting people in Japan, the police agency said.",
      "The information was provided to the Cambodian side through the foreign ministry.", NULL,
      NULL}},
    {1,
     11,
     "visa-interviews",
     "US Embassy in Japan suspends interviews for student visa applicants",
     NULL,
     NULL,
     NULL,
     "New interview appointments for student visas are paused.",
     {"Japan's foreign ministry says the US Embassy has suspended new interview appointments for "
      "student visa applicants.",
      "The foreign minister said the government asked the US side for thorough information.", NULL,
      NULL}},
    {0,
     30,
     "eu-cyber-norms",
     "EU foreign policy chief condemns cyber attack on Czech ministry",
     "Staff reporter",
     "http://images.example/brussels.jpg",
     "The European Commission building.",
     "The EU says it will not tolerate hostile cyber actions against member states.",
     {"The European Union's foreign policy chief said the cyberattack on the Czech foreign "
      "ministry was an unacceptable breach of international norms.",
      "China rejected the accusations, saying it fights all forms of cyberattacks.", NULL, NULL}},
    {2,
     50,
     "scallop-growers",
     "Scallop growers look for new markets after the China ban",
     NULL,
     "http://images.example/scallops.jpg",
     "Scallops being sorted at a port in Hokkaido.",
     "Exporters sought alternative overseas markets while China's ban on seafood lasted.",
     {"Japanese scallop growers sought alternative markets in Southeast Asia and the United "
      "States after China banned seafood imports from Japan.",
      "A government relief fund helped exporters during the ban.", NULL, NULL}},
    {3,
     2,
     "hostile",
     FIXTURE_HOSTILE_TITLE,
     "Mallory \"><img src=x onerror=alert(1)>",
     "http://images.example/evil.jpg\" onerror=\"alert(1)",
     "Caption with <script>alert(2)</script>",
     "Summary with \"quotes\" and <tags> & ampersands.",
     {"Body paragraph about cyber campaigns and seafood, which the sanitizer left as text.", NULL,
      NULL, NULL}},
    {3,
     3,
     "evil-javascript",
     "Article whose link is javascript",
     NULL,
     NULL,
     NULL,
     NULL,
     {"An article that points nowhere safe.", NULL, NULL, NULL}},
    {0,
     75,
     "weather-warning",
     "Heavy snow warning issued for northern regions",
     NULL,
     NULL,
     NULL,
     "Forecasters expect up to half a metre of snow.",
     {"Forecasters issued a heavy snow warning for the northern regions, expecting up to half a "
      "metre of snow over the weekend.",
      NULL, NULL, NULL}},
};

/* The categories of each source's articles (topic sections): "World" is shared by three
 * sources; the hostile source files under a hostile category. */
static const char *const categories[4] = {
    "[\"World\", \"Cyber security\"]",
    "[\"world\", \"Japan\"]",
    "[\"Japan\", \"Business\"]",
    "[\"<b>Bold</b> & \\\"quoted\\\" \u00e9vil\", \"World\"]",
};

herald_status fixture_build(const char *path, int64_t now, struct fixture_ids *ids)
{
    store *st = NULL;
    int64_t src_ids[4], feed_ids[4];
    herald_status rc;
    char buf[256];
    char stored[sizeof(arts) / sizeof(arts[0])][33];
    size_t n_stored = 0;

    memset(ids, 0, sizeof(*ids));
    rc = store_open(path, 0, &st);
    if (rc)
        return rc;
    rc = store_tx_begin(st);
    if (rc)
        goto out;
    for (int i = 0; i < 4; i++) {
        struct store_source s;
        struct store_feed f;
        store_source_init(&s);
        s.name = (char *)sources[i].name;
        s.homepage = (char *)sources[i].homepage;
        s.copyright = (char *)sources[i].copyright;
        s.language = (char *)sources[i].lang;
        rc = store_source_ensure(st, &s, &src_ids[i]);
        if (rc)
            goto out;
        store_feed_init(&f);
        snprintf(buf, sizeof(buf), "%sfeed.xml", sources[i].homepage);
        f.url = buf;
        f.title = (char *)sources[i].name;
        f.source_id = src_ids[i];
        rc = store_feed_add(st, &f, &feed_ids[i]);
        if (rc)
            goto out;
    }
    /* feed health: three healthy, the hostile source's feed failing */
    for (int i = 0; i < 4; i++) {
        struct store_feed_poll p;
        memset(&p, 0, sizeof(p));
        p.polled_at = now - 300;
        p.next_poll = now + 600;
        p.status = i == 3 ? 500 : 200;
        p.error = i == 3 ? "HTTP 500 <Internal Server Error>" : NULL;
        p.consecutive_errors = i == 3 ? 2 : 0;
        rc = store_feed_poll_update(st, feed_ids[i], &p);
        if (rc)
            goto out;
    }
    for (size_t i = 0; i < sizeof(arts) / sizeof(arts[0]); i++) {
        const struct art_def *d = &arts[i];
        struct store_article a;
        char url[256], id[33], text[2048], html[4096];
        size_t tl = 0, hl = 0;
        store_article_init(&a);
        if (strcmp(d->slug, "evil-javascript") == 0)
            snprintf(url, sizeof(url), "javascript:alert(1)//https://evil.example/x");
        else
            snprintf(url, sizeof(url), "%s2025/%s", sources[d->src].homepage, d->slug);
        text[0] = html[0] = '\0';
        for (int k = 0; k < 4 && d->paras[k]; k++) {
            tl += (size_t)snprintf(text + tl, sizeof(text) - tl, "%s\n", d->paras[k]);
            /* stored content is sanitized HTML: the test's own paragraphs need no escaping
             * except the hostile one, which is written escaped as the sanitizer would */
            hl += (size_t)snprintf(html + hl, sizeof(html) - hl, "<p>%s</p>\n", d->paras[k]);
        }
        a.url = url;
        a.title = (char *)d->title;
        a.authors = (char *)d->author;
        a.published = now - (int64_t)d->hours_ago * 3600;
        a.first_seen = now - 60;
        a.language = "en";
        a.image_url = (char *)d->image;
        a.image_caption = (char *)d->caption;
        a.summary = (char *)d->summary;
        a.categories = (char *)categories[d->src];
        a.content_html = html;
        a.text = text;
        a.word_count = 50;
        a.source_id = src_ids[d->src];
        rc = store_article_upsert(st, &a, feed_ids[d->src], d->slug, id, NULL);
        if (rc) {
            if (strcmp(d->slug, "evil-javascript") == 0) {
                rc = HERALD_OK; /* the store may refuse a non-http URL: fine */
                continue;
            }
            goto out;
        }
        ids->n_articles++;
        memcpy(stored[n_stored++], id, 33);
        if (strcmp(d->slug, "czech-china-cyber") == 0)
            memcpy(ids->czech, id, 33);
        else if (strcmp(d->slug, "china-seafood") == 0)
            memcpy(ids->seafood, id, 33);
        else if (strcmp(d->slug, "hostile") == 0)
            memcpy(ids->hostile, id, 33);
    }
    {
        /* the Czech article's analysis, as the enrichment workers would store it */
        static char *summary[] = {"The Czech Republic has accused China of being responsible "
                                  "for cyberattacks against its Foreign Ministry."};
        static char *points[] = {"The ministry summoned China's ambassador."};
        static char *keywords[] = {"cyber campaign", "foreign ministry"};
        static struct store_entity ents[] = {
            {"jan-lipavsky", "Jan Lipavsk\xc3\xbd", "person", 2},
            {"nato", "NATO", "org", 1},
            {FIXTURE_ENTITY, "Prague", "place", 3},
        };
        struct store_analysis an;
        store_analysis_init(&an);
        an.language = "en";
        an.reading_minutes = 2;
        an.summary = summary;
        an.n_summary = 1;
        an.key_points = points;
        an.n_key_points = 1;
        an.keywords = keywords;
        an.n_keywords = 2;
        an.entities = ents;
        an.n_entities = 3;
        rc = store_analysis_put(st, ids->czech, &an);
        if (rc)
            goto out;
    }
    ids->wire_source = src_ids[0];
    ids->japan_today = src_ids[1];
    ids->evil_source = src_ids[3];
    rc = store_tx_commit(st);
    /* what ingest's jobs do after each poll: copies, stories, related stories, then the
     * pages' related lists (here once, after every article has its story) */
    for (size_t i = 0; !rc && i < n_stored; i++)
        rc = stories_add(st, stored[i]);
    if (!rc)
        rc = stories_related_backfill(st, 1, NULL);
out:
    if (rc)
        store_tx_rollback(st);
    store_close(st);
    return rc;
}

void fixture_tmp_db(char **dir, char **db)
{
    size_t n;
    *dir = test_tmpdir();
    n = strlen(*dir) + sizeof("/news.db");
    *db = xmalloc(n);
    snprintf(*db, n, "%s/news.db", *dir);
}

void fixture_tmp_release(char *dir, char *db)
{
    if (dir)
        test_rmtree(dir);
    free(dir);
    free(db);
}

void fixture_web_config(struct web_config *cfg, const char *db)
{
    web_config_init(cfg);
    cfg->listen = "127.0.0.1:0";
    cfg->db_path = db;
    cfg->threads = 2;
}

unsigned fixture_serve(const struct web_config *cfg, web_server **srv)
{
    *srv = NULL;
    if (web_server_start(cfg, srv) != HERALD_OK)
        return 0;
    return web_server_port(*srv);
}

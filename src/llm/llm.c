/*
 * llm.c - see llm.h.  One blocking libcurl easy transfer per call (the callers are
 * enrichment workers or a web request that accepted the wait), JSON through jansson.
 *
 * Inputs are cut at a UTF-8 character boundary; the generated text is cut to
 * LLM_MAX_OUTPUT and refused unless it is valid UTF-8, because it is outside data like
 * any other (callers escape it when they show it).
 */
#include "llm/llm.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include "core/banned.h"

#define MOD "llm"

int llm_enabled(const struct llm_config *c)
{
    return c && c->url &&
           (strncmp(c->url, "http://", 7) == 0 || strncmp(c->url, "https://", 8) == 0);
}

struct body {
    struct strbuf sb;
    int too_big;
};

static size_t on_write(char *p, size_t size, size_t n, void *user)
{
    struct body *b = user;
    size_t len = size * n;
    if (b->sb.len + len > LLM_MAX_RESPONSE) {
        b->too_big = 1;
        return 0;
    }
    strbuf_add(&b->sb, p, len);
    return len;
}

/* A copy of s cut to at most max bytes at a character boundary. */
static char *cut(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    return xstrndup(s ? s : "", n);
}

herald_status llm_chat(const struct llm_config *c, const char *system, const char *user, char **out)
{
    struct body b = {STRBUF_INIT, 0};
    struct curl_slist *hdrs = NULL;
    json_t *req = NULL, *resp = NULL, *msgs;
    char *payload = NULL;
    const char *content;
    long status = 0;
    CURL *h = NULL;
    CURLcode cc;
    herald_status rc = HERALD_OK;

    if (!llm_enabled(c))
        return HERALD_E_UNSUPPORTED;
    msgs = json_array();
    json_array_append_new(msgs, json_pack("{s:s, s:s}", "role", "system", "content", system));
    json_array_append_new(msgs, json_pack("{s:s, s:s}", "role", "user", "content", user));
    req = json_pack("{s:o, s:f, s:b}", "messages", msgs, "temperature", 0.0, "stream", 0);
    if (c->model && *c->model)
        json_object_set_new(req, "model", json_string(c->model));
    payload = json_dumps(req, JSON_COMPACT);
    h = curl_easy_init();
    if (!payload || !h) {
        rc = HERALD_E_INTERNAL;
        goto out;
    }
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    curl_easy_setopt(h, CURLOPT_URL, c->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout_s > 0 ? c->timeout_s : 30L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->timeout_s > 0 ? c->timeout_s : 30L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    cc = curl_easy_perform(h);
    if (cc == CURLE_OPERATION_TIMEDOUT) {
        rc = HERALD_E_TIMEOUT;
    } else if (b.too_big) {
        rc = HERALD_E_TOOBIG;
    } else if (cc != CURLE_OK) {
        log_warn(MOD, "%s: %s", c->url, curl_easy_strerror(cc));
        rc = HERALD_E_NETWORK;
    }
    if (rc)
        goto out;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        log_warn(MOD, "%s: HTTP %ld", c->url, status);
        rc = HERALD_E_HTTP;
        goto out;
    }
    resp = json_loadb(b.sb.buf ? b.sb.buf : "", b.sb.len, 0, NULL);
    content = json_string_value(json_object_get(
        json_object_get(json_array_get(json_object_get(resp, "choices"), 0), "message"),
        "content"));
    if (!content) {
        rc = HERALD_E_PARSE;
        goto out;
    }
    *out = cut(content, LLM_MAX_OUTPUT);
    if (!utf8_valid(*out, strlen(*out))) {
        free(*out);
        *out = NULL;
        rc = HERALD_E_PARSE;
    }
out:
    json_decref(req);
    json_decref(resp);
    free(payload);
    curl_slist_free_all(hdrs);
    if (h)
        curl_easy_cleanup(h);
    strbuf_release(&b.sb);
    return rc;
}

/* Trims the answer; NOT_FOUND (the grounding escape) is HERALD_E_NOTFOUND. */
static herald_status finish(herald_status rc, char *text, char **out)
{
    size_t a = 0, n;
    if (rc)
        return rc;
    n = strlen(text);
    while (a < n && (text[a] == ' ' || text[a] == '\n' || text[a] == '\r' || text[a] == '\t'))
        a++;
    while (n > a && (text[n - 1] == ' ' || text[n - 1] == '\n' || text[n - 1] == '\r' ||
                     text[n - 1] == '\t'))
        n--;
    if (n == a || strstr(text + a, "NOT_FOUND")) {
        free(text);
        return HERALD_E_NOTFOUND;
    }
    *out = xstrndup(text + a, n - a);
    free(text);
    return HERALD_OK;
}

herald_status llm_summary(const struct llm_config *c, const char *title, const char *text,
                          char **out)
{
    struct strbuf u = STRBUF_INIT;
    char *body = cut(text, LLM_MAX_INPUT), *res = NULL;
    herald_status rc;
    strbuf_addf(&u, "Title: %s\n\nArticle:\n%s", title ? title : "", body);
    rc = llm_chat(c,
                  "You summarise news articles. Write two or three plain sentences that state "
                  "only facts found in the article. No preamble, no opinions.",
                  u.buf, &res);
    free(body);
    strbuf_release(&u);
    return finish(rc, res, out);
}

herald_status llm_answer(const struct llm_config *c, const char *text, const char *question,
                         char **out)
{
    struct strbuf u = STRBUF_INIT;
    char *body = cut(text, LLM_MAX_INPUT), *q = cut(question, 1024), *res = NULL;
    herald_status rc;
    strbuf_addf(&u, "Article:\n%s\n\nQuestion: %s", body, q);
    rc = llm_chat(c,
                  "Answer the question using only the article. Quote or paraphrase what it "
                  "says in one to three sentences. If the article does not answer the "
                  "question, reply exactly NOT_FOUND.",
                  u.buf, &res);
    free(body);
    free(q);
    strbuf_release(&u);
    return finish(rc, res, out);
}

herald_status llm_translate(const struct llm_config *c, const char *text, const char *lang,
                            char **out)
{
    struct strbuf u = STRBUF_INIT, sys = STRBUF_INIT;
    char *body = cut(text, LLM_MAX_INPUT), *res = NULL, *l = cut(lang, 16);
    herald_status rc;
    strbuf_addf(&sys,
                "Translate the user's text into the language with the tag '%s'. Output only "
                "the translation.",
                l);
    strbuf_adds(&u, body);
    rc = llm_chat(c, sys.buf, u.buf, &res);
    free(body);
    free(l);
    strbuf_release(&u);
    strbuf_release(&sys);
    return finish(rc, res, out);
}

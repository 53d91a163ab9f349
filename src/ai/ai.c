/*
 * ai.c - ai_analyze and the small public helpers (see ai.h).
 *
 * ai_analyze splits the text into story sentences once, detects the language, then runs
 * each feature (summary.c, entities.c, keywords.c) over those sentences.  Language
 * detection uses libexttextcat (Cavnar-Trenkle n-gram fingerprints, the detector
 * LibreOffice ships, packaged in Debian with its data): the classifier is loaded once per
 * process and guarded by a mutex, since its handle holds scratch state.  Comparing a
 * text's fingerprint with 164 languages costs about 0.6 ms, a quarter of the whole
 * analysis, so English text, by far the most common here, is recognised first by its
 * share of English function words; the classifier decides the rest, and when it hesitates
 * between English and a neighbour (Scots reads short English notices as its own) the
 * function words settle it.
 */
#include "ai/ai.h"
#include "ai/ai_int.h"
#include "core/alloc.h"
#include "core/log.h"
#include "text/tokenize.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <textcat.h>

#include "core/banned.h"

#ifndef AI_TEXTCAT_DIR
#define AI_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif
/* Bytes of text given to the language detector. */
#define LANG_SAMPLE 1000

static const char *const type_names[AI_ENTITY_TYPE_COUNT] = {"person", "org", "place"};

const char *ai_entity_type_name(enum ai_entity_type t)
{
    return (unsigned)t < AI_ENTITY_TYPE_COUNT ? type_names[t] : "";
}

int ai_entity_type_parse(const char *name)
{
    for (int i = 0; name && i < AI_ENTITY_TYPE_COUNT; i++)
        if (strcmp(type_names[i], name) == 0)
            return i;
    return -1;
}

/* ---- language ------------------------------------------------------------------------ */

static pthread_once_t lang_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lang_lock = PTHREAD_MUTEX_INITIALIZER;
static void *lang_handle;

static void lang_init(void)
{
    lang_handle = special_textcat_Init(AI_TEXTCAT_DIR "fpdb.conf", AI_TEXTCAT_DIR);
    if (!lang_handle)
        log_warn("ai", "language detector data not found in %s; languages will be unknown",
                 AI_TEXTCAT_DIR);
}

/* English function words found in no other major language ("the", "and", "of", "with",
 * "which") among the first 200 words of text: words counted, hits, and hits of "the" and
 * "and" alone (the two no other language written in Latin letters uses as words). */
struct english_count {
    size_t total, hits, core;
};
static void english_count(const char *text, size_t len, struct english_count *c)
{
    static const char *const words[] = {
        "the",   "and",  "of",    "to",   "that",  "for",  "with", "was", "were", "his",
        "her",   "she",  "they",  "this", "which", "from", "have", "has", "had",  "said",
        "would", "been", "their", "are",  "but",   "not",  "by",   "it",  "is",   "at"};
    struct text_words it;
    struct text_word w;
    memset(c, 0, sizeof(*c));
    text_words_init(&it, text, len);
    while (c->total < 200 && text_words_next(&it, &w)) {
        c->total++;
        for (size_t i = 0; w.fold_len <= 6 && i < sizeof(words) / sizeof(words[0]); i++)
            if (strcmp(w.fold, words[i]) == 0) {
                c->hits++;
                c->core += i < 2;
                break;
            }
    }
    text_words_release(&it);
}

void ai_detect_language(const char *text, size_t len, char lang[16], double *confidence)
{
    struct english_count ec;
    double share;
    memcpy(lang, "und", 4);
    *confidence = 0;
    if (!text)
        return;
    /* The fast path for the common case: English prose has a fifth or more of its
     * words among these, which no other language comes near (French and German text
     * scores under 5%).  Everything else goes to the n-gram classifier.  A short text
     * (8 to 29 words) with that share and "the"/"and" twice is English too: n-gram
     * fingerprints of a few sentences are too thin to tell English from its neighbours
     * (Scots, Frisian), and misread it. */
    english_count(text, len, &ec);
    share = ec.total ? (double)ec.hits / ec.total : 0;
    if (share >= 0.2 && (ec.total >= 30 || (ec.total >= 8 && ec.core >= 2))) {
        memcpy(lang, "en", 3);
        *confidence = ec.total >= 30 ? 1.0 : 0.5;
        return;
    }
    if (len > LANG_SAMPLE) {
        len = LANG_SAMPLE;
        while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
            len--;
    }
    pthread_once(&lang_once, lang_init);
    if (!lang_handle || len < 20)
        return;
    pthread_mutex_lock(&lang_lock);
    candidate_t *cand = textcat_GetClassifyFullOutput(lang_handle);
    int n = cand ? textcat_ClassifyFull(lang_handle, text, len, cand) : 0;
    if (n > 0 && cand[0].name) {
        size_t k = 0;
        while (k < 15 && cand[0].name[k] && cand[0].name[k] != '-')
            k++;
        memcpy(lang, cand[0].name, k);
        lang[k] = '\0';
        *confidence = 1.0 / n;
        /* Unsure between another language and English (English among the close
         * candidates) while the text has a clear English function-word share (over twice
         * what other languages reach) and uses "the"/"and": English. */
        if (strcmp(lang, "en") != 0 && share >= 0.12 && ec.core >= 2)
            for (int i = 1; i < n; i++)
                if (cand[i].name && strncmp(cand[i].name, "en-", 3) == 0) {
                    memcpy(lang, "en", 3);
                    break;
                }
    }
    if (cand)
        textcat_ReleaseClassifyFullOutput(lang_handle, cand);
    pthread_mutex_unlock(&lang_lock);
}

/* ---- analysis -------------------------------------------------------------------------- */

static void sentence_copy(struct ai_sentence *dst, const struct ai_sentence *src)
{
    *dst = *src;
    dst->text = xstrdup(src->text);
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/* Whether sentence s is (or opens with) a quotation, or speaks in the first person. */
static int is_quotation(const char *s)
{
    static const char *const openers[] = {"\"", "'", "\xe2\x80\x9c", "\xe2\x80\x98"};
    for (size_t i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
        if (strncmp(s, openers[i], strlen(openers[i])) == 0)
            return 1;
    return strncmp(s, "I ", 2) == 0 || strstr(s, " I ") != NULL || strstr(s, " we ") != NULL ||
           strncmp(s, "We ", 3) == 0;
}

/* The summary (the best AI_SUMMARY_SENTENCES) and the key points (the next best, or the
 * summary's own sentences when the article is too short to have others), in article
 * order. */
static void summarise(const char *title, const struct ai_sentence *sents, size_t n, int stem,
                      struct ai_analysis *a)
{
    size_t picks[AI_SUMMARY_SENTENCES + 4 * AI_KEY_POINTS_MAX];
    struct ai_summary_params p;
    ai_summary_default_params(&p);
    size_t got =
        ai_summary_rank(sents, n, title, stem, &p, picks, sizeof(picks) / sizeof(picks[0]));
    size_t ns = got < AI_SUMMARY_SENTENCES ? got : AI_SUMMARY_SENTENCES;
    if (ns == 0)
        return;
    /* key points: the next best sentences that stand on their own as a bullet (not a
     * quotation), then any, then the summary's own */
    size_t kp[AI_KEY_POINTS_MAX], nk = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = ns; i < got && nk < AI_KEY_POINTS_MAX; i++) {
            int q = is_quotation(sents[picks[i]].text);
            int dup = 0;
            for (size_t k = 0; k < nk; k++)
                dup |= kp[k] == picks[i];
            if (!dup && (pass == 1 || !q) && (pass == 0 || nk < AI_KEY_POINTS_MIN))
                kp[nk++] = picks[i];
        }
    for (size_t i = 0; nk < AI_KEY_POINTS_MIN && i < ns; i++)
        kp[nk++] = picks[i];
    qsort(picks, ns, sizeof(picks[0]), cmp_size);
    qsort(kp, nk, sizeof(kp[0]), cmp_size);
    a->summary = xcalloc(ns, sizeof(*a->summary));
    for (size_t i = 0; i < ns; i++)
        sentence_copy(&a->summary[i], &sents[picks[i]]);
    a->summary_count = ns;
    a->key_points = xcalloc(nk, sizeof(*a->key_points));
    for (size_t i = 0; i < nk; i++)
        sentence_copy(&a->key_points[i], &sents[kp[i]]);
    a->key_point_count = nk;
}

herald_status ai_analyze(const struct ai_input *in, struct ai_analysis *out)
{
    struct ai_sentence *sents = NULL;
    size_t nsent = 0, len;
    struct ai_analysis a;
    herald_status rc;
    if (!in || !in->text || !out)
        return HERALD_E_INVALID;
    memset(&a, 0, sizeof(a));
    len = strlen(in->text);
    rc = ai_split_sentences(in->text, len, &sents, &nsent);
    if (rc)
        return rc;
    ai_detect_language(in->text, len, a.lang, &a.lang_confidence);
    a.language_neutral_only = strcmp(a.lang, "en") != 0;
    a.word_count = (unsigned)text_count_words(in->text, len > AI_MAX_TEXT ? AI_MAX_TEXT : len);
    a.reading_minutes = (a.word_count + AI_WORDS_PER_MINUTE - 1) / AI_WORDS_PER_MINUTE;
    if (a.reading_minutes == 0)
        a.reading_minutes = 1;
    summarise(in->title, sents, nsent, !a.language_neutral_only, &a);
    if (!a.language_neutral_only)
        ai_entities_extract(in->text, len, sents, nsent, &a);
    ai_keywords_extract(in, sents, nsent, !a.language_neutral_only, &a);
    ai_sentences_free(sents, nsent);
    *out = a;
    return HERALD_OK;
}

void ai_analysis_release(struct ai_analysis *a)
{
    if (!a)
        return;
    ai_sentences_free(a->summary, a->summary_count);
    ai_sentences_free(a->key_points, a->key_point_count);
    for (size_t i = 0; i < a->entity_count; i++) {
        free(a->entities[i].name);
        free(a->entities[i].slug);
    }
    free(a->entities);
    for (size_t i = 0; i < a->keyword_count; i++)
        free(a->keywords[i].phrase);
    free(a->keywords);
    memset(a, 0, sizeof(*a));
}

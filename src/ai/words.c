/*
 * words.c - words, case folding, stop words and stems for src/ai (see ai_int.h).
 *
 * Words are runs of Unicode letters and digits read with utf8proc; an apostrophe or a
 * hyphen between two such characters stays inside the word ("don't", "39-year-old").
 * Stems come from libstemmer's English (Porter2) algorithm, one stemmer per thread
 * (a sb_stemmer is not thread-safe), created on first use and freed at thread exit.
 */
#include "ai/ai_int.h"

#include <ctype.h>
#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/banned.h"

static int word_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return isalnum(cp);
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* The code point at s[i] (or -1 for an invalid byte) and its length in *n. */
static utf8proc_int32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    utf8proc_int32_t cp;
    if ((unsigned char)s[i] < 0x80) {
        *n = 1;
        return (unsigned char)s[i];
    }
    utf8proc_ssize_t m =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
    if (m <= 0) {
        *n = 1;
        return -1;
    }
    *n = (size_t)m;
    return cp;
}

static int is_joiner(utf8proc_int32_t cp)
{
    return cp == '\'' || cp == '-' || cp == 0x2019;
}

int ai_next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *wlen)
{
    size_t i = *pos, n;
    while (i < len) {
        utf8proc_int32_t cp = cp_at(s, len, i, &n);
        if (cp >= 0 && word_cp(cp))
            break;
        i += n;
    }
    if (i >= len) {
        *pos = len;
        return 0;
    }
    size_t b = i;
    while (i < len) {
        utf8proc_int32_t cp = cp_at(s, len, i, &n);
        if (cp >= 0 && word_cp(cp)) {
            i += n;
            continue;
        }
        if (cp >= 0 && is_joiner(cp) && i + n < len) {
            size_t n2;
            utf8proc_int32_t nx = cp_at(s, len, i + n, &n2);
            if (nx >= 0 && word_cp(nx)) {
                i += n;
                continue;
            }
        }
        break;
    }
    *start = b;
    *wlen = i - b;
    *pos = i;
    return 1;
}

size_t ai_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0, m;
    if (cap == 0)
        return 0;
    while (i < n) {
        utf8proc_int32_t cp = cp_at(s, n, i, &m);
        i += m;
        if (cp < 0)
            continue;
        if (cp == 0x2019)
            cp = '\'';
        if (cp < 0x80) {
            if (o + 1 >= cap)
                break;
            out[o++] = (char)tolower(cp);
            continue;
        }
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t w = utf8proc_encode_char(utf8proc_tolower(cp), buf);
        if (w <= 0 || o + (size_t)w >= cap)
            break;
        memcpy(out + o, buf, (size_t)w);
        o += (size_t)w;
    }
    out[o] = '\0';
    return o;
}

uint64_t ai_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

int ai_is_upper_at(const char *s, size_t n)
{
    size_t m;
    if (n == 0)
        return 0;
    if ((unsigned char)s[0] < 0x80)
        return isupper((unsigned char)s[0]);
    utf8proc_int32_t cp = cp_at(s, n, 0, &m);
    if (cp < 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int ai_is_letter_at(const char *s, size_t n)
{
    size_t m;
    if (n == 0)
        return 0;
    if ((unsigned char)s[0] < 0x80)
        return isalpha((unsigned char)s[0]);
    utf8proc_int32_t cp = cp_at(s, n, 0, &m);
    if (cp < 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* ---- stop words ---------------------------------------------------------------------- */

static const char *const stopwords[] = {
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he'd",
    "he'll",
    "he's",
    "her",
    "here",
    "here's",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "how's",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "let's",
    "like",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "mustn't",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "shan't",
    "she",
    "she'd",
    "she'll",
    "she's",
    "should",
    "shouldn't",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they'd",
    "they'll",
    "they're",
    "they've",
    "this",
    "those",
    "though",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "wasn't",
    "we",
    "we'd",
    "we'll",
    "we're",
    "we've",
    "were",
    "weren't",
    "what",
    "what's",
    "when",
    "when's",
    "where",
    "where's",
    "whether",
    "which",
    "while",
    "who",
    "who's",
    "whom",
    "whose",
    "why",
    "why's",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yet",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "mr",
    "mrs",
    "ms",
    "dr",
    "per",
    "cent",
    "year",
    "years",
    "new",
    "told",
    "according",
    "however",
    "many",
    "last",
    "first",
    "two",
    "three",
    "get",
    "got",
    "make",
    "made",
    "well",
    "back",
    "around",
    "another",
    "way",
    "every",
    "us",
    "among",
    "just",
    "yesterday",
    "today",
    "tomorrow",
    "week",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "time",
    "day",
    "days",
    "going",
    "go",
    "went",
    "take",
    /* frequent verbs and adverbs that name no topic */
    "think",
    "see",
    "know",
    "want",
    "need",
    "come",
    "came",
    "look",
    "put",
    "give",
    "gave",
    "find",
    "found",
    "tell",
    "ask",
    "asked",
    "feel",
    "seem",
    "become",
    "became",
    "keep",
    "kept",
    "let",
    "show",
    "believe",
    "bring",
    "happen",
    "include",
    "included",
    "including",
    "continue",
    "expect",
    "expects",
    "expected",
    "stay",
    "remain",
    "suggest",
    "added",
    "adding",
    "saying",
    "really",
    "thing",
    "things",
    "lot",
    "part",
    "something",
    "nothing",
    "anything",
    "later",
    "early",
    "already",
    "ago",
    "never",
    "always",
    "often",
    "whole",
    "able",
    "sure",
    "less",
    "least",
    "far",
};

#define STOP_SLOTS 1024
static const char *stop_table[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void stop_init(void)
{
    for (size_t i = 0; i < sizeof(stopwords) / sizeof(stopwords[0]); i++) {
        size_t n = strlen(stopwords[i]);
        size_t h = (size_t)(ai_hash(stopwords[i], n) & (STOP_SLOTS - 1));
        while (stop_table[h] && strcmp(stop_table[h], stopwords[i]) != 0)
            h = (h + 1) & (STOP_SLOTS - 1);
        stop_table[h] = stopwords[i];
    }
}

int ai_is_stopword(const char *folded, size_t n)
{
    pthread_once(&stop_once, stop_init);
    size_t h = (size_t)(ai_hash(folded, n) & (STOP_SLOTS - 1));
    while (stop_table[h]) {
        if (strlen(stop_table[h]) == n && memcmp(stop_table[h], folded, n) == 0)
            return 1;
        h = (h + 1) & (STOP_SLOTS - 1);
    }
    return 0;
}

/* ---- stems ----------------------------------------------------------------------------- */

static pthread_key_t stem_key;
static pthread_once_t stem_once = PTHREAD_ONCE_INIT;

static void stem_destroy(void *p)
{
    sb_stemmer_delete(p);
}

static void stem_key_init(void)
{
    if (pthread_key_create(&stem_key, stem_destroy) != 0)
        abort();
}

size_t ai_stem(const char *folded, size_t n, char *out, size_t cap)
{
    struct sb_stemmer *st;
    size_t m = n < cap - 1 ? n : cap - 1;
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)folded[i] >= 0x80)
            ascii = 0;
    if (!ascii || n < 3) {
        memcpy(out, folded, m);
        out[m] = '\0';
        return m;
    }
    pthread_once(&stem_once, stem_key_init);
    st = pthread_getspecific(stem_key);
    if (!st) {
        st = sb_stemmer_new("english", NULL);
        if (!st)
            abort();
        pthread_setspecific(stem_key, st);
    }
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)folded, (int)n);
    if (!r) { /* out of memory inside libstemmer: use the word itself */
        memcpy(out, folded, m);
        out[m] = '\0';
        return m;
    }
    size_t rl = (size_t)sb_stemmer_length(st);
    if (rl > cap - 1)
        rl = cap - 1;
    memcpy(out, r, rl);
    out[rl] = '\0';
    return rl;
}

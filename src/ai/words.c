/*
 * words.c - case folding, stop words and stems for src/ai (see ai_int.h).
 *
 * Words themselves come from the project's tokenizer (text/tokenize.h); this file folds
 * a span the way it does, knows English stop words (including the halves the tokenizer
 * makes of contractions: "don" of "don't"), and keeps one text_stemmer (Snowball
 * English) per thread, since a stemmer is not thread-safe, freed at thread exit.
 */
#include "ai/ai_int.h"
#include "text/tokenize.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/banned.h"

size_t ai_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int ascii = 1;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (ascii) {
        for (size_t i = 0; i < n && o + 1 < cap; i++)
            out[o++] = (char)tolower((unsigned char)s[i]);
        out[o] = '\0';
        return o;
    }
    /* the tokenizer's folding (text/tokenize.h): Unicode full case folding */
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t fl =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f, UTF8PROC_CASEFOLD);
    if (fl > 0) {
        o = (size_t)fl < cap - 1 ? (size_t)fl : cap - 1;
        while (o > 0 && o < (size_t)fl && (f[o] & 0xc0) == 0x80)
            o--;
        memcpy(out, f, o);
    }
    free(f);
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
    int32_t cp;
    if (n == 0)
        return 0;
    if ((unsigned char)s[0] < 0x80)
        return isupper((unsigned char)s[0]);
    text_cp_at(s, n, &cp);
    return text_is_upper(cp);
}

int ai_is_letter_at(const char *s, size_t n)
{
    int32_t cp;
    if (n == 0)
        return 0;
    if ((unsigned char)s[0] < 0x80)
        return isalpha((unsigned char)s[0]);
    text_cp_at(s, n, &cp);
    return text_is_letter(cp);
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
    text_stemmer_free(p);
}

static void stem_key_init(void)
{
    if (pthread_key_create(&stem_key, stem_destroy) != 0)
        abort();
}

size_t ai_stem(const char *folded, size_t n, char *out, size_t cap)
{
    text_stemmer *st;
    size_t m = n < cap - 1 ? n : cap - 1;
    pthread_once(&stem_once, stem_key_init);
    st = pthread_getspecific(stem_key);
    if (!st) {
        st = text_stemmer_new("en");
        if (!st)
            abort(); /* libstemmer always has English */
        pthread_setspecific(stem_key, st);
    }
    size_t rl;
    const char *r = n < 3 ? NULL : text_stem(st, folded, n, &rl);
    if (!r) {
        memcpy(out, folded, m);
        out[m] = '\0';
        return m;
    }
    if (rl > cap - 1)
        rl = cap - 1;
    memcpy(out, r, rl);
    out[rl] = '\0';
    return rl;
}

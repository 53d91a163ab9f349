/*
 * tokenize.h - the words of a text: the one word splitter herald uses.
 *
 * Shingles (text/shingle.h), the store's search-query parser, the extraction F1 test and
 * the modules that compare or summarise articles all split text into words here, so
 * that they agree on what a word is:
 *
 *   - a word is a maximal run of Unicode letters (categories L*) and numbers (N*), with
 *     the combining marks (M*) that follow them ("naïve" written with a combining
 *     diaeresis, Devanagari vowel signs, Thai tone marks stay inside their word);
 *   - everything else separates words: spaces, punctuation, symbols, and each byte that
 *     is not valid UTF-8 ("don't" is two words, "U.S." two, "COVID-19" two);
 *   - the folded form of a word is its Unicode full case folding (utf8proc's
 *     UTF8PROC_CASEFOLD: "Straße" folds to "strasse", "ΣΊΣΥΦΟΣ" to "σίσυφοσ"), without
 *     other normalisation.
 *
 * This is close to, but not the same as, SQLite FTS5's unicode61 tokenizer, which the
 * store's full-text index keeps using for what it indexes (the index and its queries
 * must agree with each other, not with this).
 *
 * The iterator allocates nothing per word: the folded form lives in one buffer reused for
 * every word.  Stemming is separate (text_stemmer below), as not every caller wants it.
 */
#ifndef HERALD_TEXT_TOKENIZE_H
#define HERALD_TEXT_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

/* One word of a text. */
struct text_word {
    size_t start, end; /* the word is bytes [start, end) of the text, as written */
    const char *fold;  /* its case-folded form, NUL-terminated UTF-8; owned by the
                        * iterator and valid until the next text_words_next/release */
    size_t fold_len;   /* bytes of fold (> 0) */
};

/* An iterator over the words of text[0..len).  Fields are private. */
struct text_words {
    const char *text;
    size_t len, pos;
    struct strbuf fold;
};

/* Starts iterating over the words of text[0..len) (UTF-8; text may be NULL when len is 0).
 * The text must outlive the iterator.  Release with text_words_release. */
void text_words_init(struct text_words *it, const char *text, size_t len);

/* Reads the next word into *w; returns 1, or 0 at the end of the text (w untouched). */
int text_words_next(struct text_words *it, struct text_word *w);

void text_words_release(struct text_words *it);

/* The bounds of the next word of s[0..len) at or after *pos, without folding or
 * allocating: returns 1 with the word at [*start, *end) and *pos = *end, or 0 at the end
 * (*pos = len).  The words are text_words_next's. */
int text_next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *end);

/* 1 when code point cp starts or continues a word (a letter or a number), else 0.
 * Combining marks continue a word but do not start one. */
int text_is_word_char(int32_t cp);

/* 1 for a letter (L*), and for an upper- or title-case letter (Lu, Lt), else 0. */
int text_is_letter(int32_t cp);
int text_is_upper(int32_t cp);
/* 1 for a number (Nd, Nl, No: "7", "Ⅻ", "½"), else 0. */
int text_is_digit(int32_t cp);

/* The code point at s[0..n) (n >= 1) into *cp, -1 for a byte that does not start a valid
 * UTF-8 sequence; returns its length in bytes (1 for an invalid byte). */
size_t text_cp_at(const char *s, size_t n, int32_t *cp);

/* 1 when s[0..n) holds at least one word, else 0 (punctuation, symbols, spaces and
 * invalid or truncated UTF-8 alone hold none). */
int text_has_word(const char *s, size_t n);

/* Words of s[0..n). */
size_t text_count_words(const char *s, size_t n);

/* A URL-safe slug of name, the one slug function (entity pages, topic sections): Unicode
 * case folding with diacritics removed ("Société" -> "societe"), runs of anything but
 * letters and ASCII digits become one '-', no leading or trailing '-', at most max bytes
 * (cut at a character boundary, never leaving a trailing '-').  Letters of scripts
 * without a decomposition stay as they are (UTF-8).  Returns a malloc'd string the caller
 * frees; "" when name (may be NULL) has no letter or digit. */
char *text_slugify(const char *name, size_t max);

/*
 * Stemming with libstemmer (Snowball).  A stemmer is not thread-safe: use one per thread.
 */
typedef struct text_stemmer text_stemmer;

/* Longest word text_stem stems; longer words are returned as they are. */
#define TEXT_STEM_MAX 64

/* A stemmer for language lang: an ISO 639 code or a language tag ("en", "pt-BR", "deu")
 * or a Snowball algorithm name ("english", "porter").  Returns NULL when libstemmer has
 * no algorithm for it (the caller then uses words unstemmed).  Free with
 * text_stemmer_free; NULL is a no-op there. */
text_stemmer *text_stemmer_new(const char *lang);
void text_stemmer_free(text_stemmer *s);

/* The stem of word[0..len) (a folded word from text_words_next).  Returns a
 * NUL-terminated string owned by s, valid until the next call on s or its free, and its
 * length in *out_len (out_len may be NULL).  A word longer than TEXT_STEM_MAX bytes, or
 * one the stemmer fails on, comes back unchanged. */
const char *text_stem(text_stemmer *s, const char *word, size_t len, size_t *out_len);

#endif

/*
 * ai_int.h - what the files of src/ai share and nobody else sees: words, stems, stop
 * words, the gazetteer.
 */
#ifndef HERALD_AI_AI_INT_H
#define HERALD_AI_AI_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ai/ai.h"

/* Words come from text/tokenize.h (text_words_*), the project's one tokenizer. */

/* Case-folds s[0..n) as the tokenizer folds words (Unicode full case folding) into out
 * (capacity cap, NUL-terminated, cut at cap-1 on a character boundary); returns the
 * length written. */
size_t ai_fold(const char *s, size_t n, char *out, size_t cap);

/* English stop word (folded form)? */
int ai_is_stopword(const char *folded, size_t n);

/* Stems folded[0..n) with a per-thread English text_stemmer into out (capacity cap);
 * returns the length.  Words under three bytes are copied as they are. */
size_t ai_stem(const char *folded, size_t n, char *out, size_t cap);

/* 64-bit FNV-1a of bytes. */
uint64_t ai_hash(const char *s, size_t n);

/* Whether the code point starting at s (n bytes available) is an upper-case letter,
 * a letter at all, a digit. */
int ai_is_upper_at(const char *s, size_t n);
int ai_is_letter_at(const char *s, size_t n);

/* ---- terms: a per-analysis vocabulary of stems -------------------------------------- */

/* Interns stems (or, for language-neutral work, folded words) to dense ids. */
struct ai_vocab {
    char **terms; /* id -> NUL-terminated term, owned */
    uint32_t *df; /* id -> number of sentences holding it (filled by the caller) */
    size_t count, alloc;
    uint32_t *slots; /* open addressing: id + 1, 0 = empty */
    size_t nslots;
};

void ai_vocab_init(struct ai_vocab *v);
void ai_vocab_release(struct ai_vocab *v);
uint32_t ai_vocab_intern(struct ai_vocab *v, const char *term, size_t n);
/* The id of term, or UINT32_MAX when absent. */
uint32_t ai_vocab_find(const struct ai_vocab *v, const char *term, size_t n);

struct ai_token {
    uint32_t off, len; /* the word in the sentence text */
    uint32_t id;       /* vocabulary id of its stem (folded word when stem == 0) */
    uint8_t stop;      /* an English stop word (or a one-letter word) */
};

/* Tokenizes s[0..n) into *toks (grown with *alloc; returns the count), interning each
 * word's stem (stem != 0) or folded form into v. */
size_t ai_tokenize(struct ai_vocab *v, const char *s, size_t n, int stem, struct ai_token **toks,
                   size_t *alloc);

/* A sparse term vector: ids ascending, weights. */
struct ai_vec {
    uint32_t *ids;
    float *w;
    size_t n;
    double norm;
};

/* Builds the vector of the non-stop tokens of toks (weight tf * idf[id], idf may be NULL
 * for 1). */
void ai_vec_build(struct ai_vec *out, const struct ai_token *toks, size_t ntok, const float *idf);
void ai_vec_release(struct ai_vec *v);
double ai_vec_cosine(const struct ai_vec *a, const struct ai_vec *b);

/* ---- features (each over the story's sentences) ------------------------------------- */

/* Tunables of the summary; ai_summary_default_params gives the shipped values. */
struct ai_summary_params {
    double w_central, w_position, w_title, position_decay, mmr_lambda;
    double min_words, max_words, damping;
};
void ai_summary_default_params(struct ai_summary_params *p);

/* Ranks sentences for the summary: writes up to want indexes into picks (best first) and
 * returns how many. */
size_t ai_summary_rank(const struct ai_sentence *sents, size_t n, const char *title, int stem,
                       const struct ai_summary_params *p, size_t *picks, size_t want);

/* Calls fn for each dateline that opens a paragraph of text: once with its place
 * ("PORT ALDER", agency 0) and once with the agency in brackets ("AP", agency 1). */
typedef void (*ai_dateline_fn)(void *ctx, const char *name, size_t n, int agency);
void ai_datelines(const char *text, size_t len, ai_dateline_fn fn, void *ctx);

/* Appends the people, organisations and places named in sents (and the datelines of
 * text) to a->entities (sorted by
 * count, at most AI_MAX_ENTITIES); English text only. */
void ai_entities_extract(const char *text, size_t len, const struct ai_sentence *sents, size_t n,
                         struct ai_analysis *a);

/* Sets a->keywords from the title and sents (see keywords.c); english: stems and stop
 * words, otherwise folded words only. */
void ai_keywords_extract(const struct ai_input *in, const struct ai_sentence *sents, size_t n,
                         int english, struct ai_analysis *a);

#endif

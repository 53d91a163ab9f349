/*
 * ai.h - what herald reads out of an article, on the CPU, offline: language, reading
 * time, an extractive summary, key points, named entities (people, organisations,
 * places), topic keywords, and answers to a reader's question.
 *
 * Everything here is a pure function of its input (plus read-only tables built once per
 * process: the gazetteer compiled into the binary, the language detector's fingerprints
 * from libexttextcat's data directory).  No I/O other than loading those fingerprints, no
 * store access: the caller (ingest's enrichment workers, the web's ask form) supplies the
 * text and, for keywords, the corpus document frequencies through a callback.  Every
 * function is thread-safe.
 *
 * Sentences: the text is split into sentences by rules that know abbreviations ("U.S.",
 * "Mr.", "Gen."), initials, decimals, quotes and ellipses; lines that are not story text
 * (a dateline "PRAGUE (AP) —" prefix is stripped, bylines, photo credits, "Related:" and
 * "Read more" lines, lone section labels) are dropped before anything else looks at them.
 *
 * Languages: English gets everything.  Any other language (or text too short to tell)
 * gets only what is language-neutral (summary, key points, keywords; no entities), and
 * ai_analysis.language_neutral_only says so, for the page to tell the reader.
 *
 * Bounds: texts longer than AI_MAX_TEXT bytes are read up to it; invalid UTF-8 bytes are
 * treated as spaces; every string returned is valid UTF-8 and owned by the result.
 */
#ifndef HERALD_AI_AI_H
#define HERALD_AI_AI_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* Bytes of text read (longer texts are cut at the last whole character before this). */
#define AI_MAX_TEXT (256u * 1024)
/* Bytes of a question read by ai_answer. */
#define AI_MAX_QUESTION 1024
/* Sentences in the summary, and the range of key points. */
#define AI_SUMMARY_SENTENCES 3
#define AI_KEY_POINTS_MIN 3
#define AI_KEY_POINTS_MAX 5
/* At most this many entities and keywords are returned (the most frequent / heaviest). */
#define AI_MAX_ENTITIES 40
#define AI_MAX_KEYWORDS 10
/* Reading speed used for reading_minutes. */
#define AI_WORDS_PER_MINUTE 230

enum ai_entity_type { AI_ENTITY_PERSON = 0, AI_ENTITY_ORG, AI_ENTITY_PLACE, AI_ENTITY_TYPE_COUNT };

/* "person", "org", "place" (stable names, fit for storage and the API); "" for others. */
const char *ai_entity_type_name(enum ai_entity_type t);
/* The inverse of ai_entity_type_name; -1 for an unknown name. */
int ai_entity_type_parse(const char *name);

/* One sentence of the article: its text (whitespace collapsed, owned) and where it was
 * found in ai_input.text (byte offset and length of the original span). */
struct ai_sentence {
    char *text;
    size_t off, len;
    size_t index; /* position among the article's story sentences, from 0 */
};

struct ai_entity {
    char *name; /* canonical surface form: the longest mention ("Emmanuel Macron") */
    char *slug; /* text_slugify(name, 80) (text/tokenize.h) */
    enum ai_entity_type type;
    unsigned count; /* mentions, including short forms ("Macron") and acronyms */
};

struct ai_keyword {
    char *phrase;  /* one to three words, lower case except acronyms ("interest rates") */
    double weight; /* tf-idf, larger is more important; only the order is meaningful */
};

struct ai_analysis {
    char lang[16];             /* ISO 639-1/3 code ("en", "fr") or "und" when unknown */
    double lang_confidence;    /* 0..1 */
    int language_neutral_only; /* 1: not English; entities are empty, keywords unstemmed */
    unsigned word_count;
    unsigned reading_minutes; /* ceil(word_count / AI_WORDS_PER_MINUTE), at least 1 */
    /* Up to AI_SUMMARY_SENTENCES sentences, in article order (fewer for a short text). */
    struct ai_sentence *summary;
    size_t summary_count;
    /* AI_KEY_POINTS_MIN..MAX sentences when the text has enough, in article order; they
     * may repeat summary sentences in a short article. */
    struct ai_sentence *key_points;
    size_t key_point_count;
    struct ai_entity *entities; /* by count, descending, then name */
    size_t entity_count;
    struct ai_keyword *keywords; /* by weight, descending */
    size_t keyword_count;
};

/* Document frequency of one word in the stored corpus: word is one case-folded word as it
 * appears in the text (not stemmed; the store runs it through its own tokenizer).  Returns
 * the number of stored articles containing it (0 when none or unknown). */
typedef uint64_t (*ai_df_fn)(void *ctx, const char *word);

struct ai_input {
    const char *title;     /* may be NULL; helps the summary and the entities */
    const char *text;      /* plain text, paragraphs separated by newlines; NUL-terminated */
    const char *lang_hint; /* may be NULL: the feed's or page's declared language ("en-GB") */
    /* Corpus statistics for keywords; df may be NULL (then idf comes from a small built-in
     * table of common English words and every other word counts as rare). */
    ai_df_fn df;
    void *df_ctx;
    uint64_t corpus_docs; /* articles in the corpus df counts against */
};

/* Analyses in->text into *out (which the caller provides; it is set only on success and
 * released with ai_analysis_release).  An empty text, or one without a single sentence,
 * succeeds with empty lists and word_count 0.  HERALD_E_INVALID when in or in->text is
 * NULL. */
herald_status ai_analyze(const struct ai_input *in, struct ai_analysis *out);
void ai_analysis_release(struct ai_analysis *a);

/* ---- sentences ------------------------------------------------------------------- */

/* Splits text (len bytes, read up to AI_MAX_TEXT) into story sentences as described above.
 * *out is a malloc'd array of *count sentences (each .text owned), set only on success;
 * free it with ai_sentences_free.  Zero sentences is a success (*out NULL). */
herald_status ai_split_sentences(const char *text, size_t len, struct ai_sentence **out,
                                 size_t *count);
void ai_sentences_free(struct ai_sentence *s, size_t count);

/* ---- ask the article --------------------------------------------------------------- */

/* One article that a question is asked of (the article itself and, when stories exist,
 * the other articles of its story). */
struct ai_doc {
    const char *text; /* plain text as for ai_input.text */
    int64_t id;       /* the caller's, copied into passages */
};

struct ai_mark {
    size_t off, len; /* a highlighted term inside ai_passage.text */
};

struct ai_passage {
    size_t doc;     /* index into the docs array */
    int64_t doc_id; /* docs[doc].id */
    size_t sentence_index;
    char *text;            /* the sentence (owned) */
    double score;          /* BM25 */
    struct ai_mark *marks; /* question terms found in text, in order, not overlapping */
    size_t mark_count;
};

struct ai_answer {
    struct ai_passage *passages; /* best first; none means "not found", never a guess */
    size_t count;
};

/* Ranks the sentences of docs by BM25 (stemmed terms, stop words ignored) against question
 * and keeps at most max_passages (1..20) that score at or above a threshold relative to the
 * question's own weight.  *out set only on success; an empty answer is a success.
 * HERALD_E_INVALID for a NULL argument or max_passages out of range. */
herald_status ai_answer(const char *question, const struct ai_doc *docs, size_t ndocs,
                        size_t max_passages, struct ai_answer *out);
void ai_answer_release(struct ai_answer *a);

/* ---- helpers ------------------------------------------------------------------------ */

/* Detects the language of text (the first few KiB).  Writes a code ("en", "fr", "und")
 * into lang (size >= 16) and a confidence in 0..1.  Thread-safe. */
void ai_detect_language(const char *text, size_t len, char lang[16], double *confidence);

#endif

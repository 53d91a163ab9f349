/*
 * shingle.h - how much of one text another one repeats (word 4-shingles).
 *
 * A wire story republished by several outlets differs by a headline, a local first
 * sentence, a trimmed last paragraph: most of its runs of four words are the same.  Two
 * outlets writing about the same event independently share names and numbers but few
 * four-word runs.  So a text is reduced to the set of hashes of its 4-word shingles
 * (words as text/tokenize.h reads them, case-folded), and two texts are compared
 * by containment: the share of the smaller set found in the larger one.  Containment,
 * unlike Jaccard, also recognises a local article that embeds a whole wire story.
 *
 * Sets are sorted arrays of 64-bit FNV-1a hashes; intersection is a linear merge.
 */
#ifndef HERALD_TEXT_SHINGLE_H
#define HERALD_TEXT_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

#define SHINGLE_WORDS 4
/* Texts longer than this many bytes are read up to it (a story's copies agree early). */
#define SHINGLE_MAX_TEXT (64u * 1024)
/* At or above this containment two articles are copies of one story. */
#define SHINGLE_COPY_THRESHOLD 0.5

struct shingle_set {
    uint64_t *hashes; /* sorted, unique; owned */
    size_t count;
};

/* Builds the set of text (UTF-8; invalid bytes separate words).  A text of fewer than
 * SHINGLE_WORDS words gives an empty set.  Release with shingle_set_release. */
void shingle_set_build(const char *text, struct shingle_set *out);
void shingle_set_release(struct shingle_set *s);

/* |a ∩ b| / min(|a|, |b|), in [0, 1]; 0 when either set is empty. */
double shingle_containment(const struct shingle_set *a, const struct shingle_set *b);

/* Whether texts a and b are copies of one story (containment >= SHINGLE_COPY_THRESHOLD).
 * Convenience for one comparison; build the sets once to compare one text with many. */
int shingle_is_copy(const char *a, const char *b);

#endif

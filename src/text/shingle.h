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
 *
 * Fingerprints (MinHash).  Comparing sets needs both texts; finding the copies of a new
 * article among a million needs an index.  A set is summarised by SHINGLE_MINHASH_K
 * minimum values, each under a different hash permutation (h_i(x) = mix(x ^ seed_i)):
 * the share of positions where two signatures agree estimates the Jaccard similarity
 * |A n B| / |A u B|, and with the set sizes (kept beside the signature) the containment
 * above.  The signature is cut into SHINGLE_LSH_BANDS bands of SHINGLE_LSH_ROWS values;
 * two sets with Jaccard J share at least one band with probability 1 - (1 - J^r)^b
 * (20 x 3: 0.93 at J = 0.5, 0.99 at J = 0.6, 0.26 at J = 0.2), so a store indexes the
 * band keys and a lookup reads only the articles sharing a band, then checks the
 * signatures.  Texts of fewer than SHINGLE_SHORT_WORDS words (a title-only item) are
 * shingled by word pairs instead: four-word runs of a ten-word headline change wholesale
 * with one edited word.
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

/* Like shingle_set_build with runs of `words` words (1..8) instead of SHINGLE_WORDS. */
void shingle_set_build_n(const char *text, int words, struct shingle_set *out);

#define SHINGLE_MINHASH_K 60
#define SHINGLE_LSH_BANDS 20
#define SHINGLE_LSH_ROWS 3
#define SHINGLE_SHORT_WORDS 40
_Static_assert(SHINGLE_LSH_BANDS *SHINGLE_LSH_ROWS == SHINGLE_MINHASH_K, "bands cover the sig");

/* A MinHash fingerprint: the signature and the size of the set it summarises. */
struct shingle_minhash {
    uint32_t sig[SHINGLE_MINHASH_K];
    uint32_t count; /* shingles in the set; 0 = empty text (matches nothing) */
};

/* Fingerprints text: word 4-shingles, or word pairs when it has fewer than
 * SHINGLE_SHORT_WORDS words (so "title" alone works). */
void shingle_minhash_text(const char *text, struct shingle_minhash *out);
/* Fingerprints an already built set. */
void shingle_minhash_set(const struct shingle_set *s, struct shingle_minhash *out);
/* Estimated Jaccard similarity in [0, 1]; 0 when either is empty. */
double shingle_minhash_jaccard(const struct shingle_minhash *a, const struct shingle_minhash *b);
/* Estimated containment (as shingle_containment) from the Jaccard estimate and sizes. */
double shingle_minhash_containment(const struct shingle_minhash *a,
                                   const struct shingle_minhash *b);
/* The SHINGLE_LSH_BANDS band keys of a fingerprint (each names its band number too, so
 * equal keys mean the same rows agree).  Nothing when empty: returns 0, else the count. */
size_t shingle_minhash_bands(const struct shingle_minhash *m, uint64_t keys[SHINGLE_LSH_BANDS]);
/* Text form for storage: "count:" then 8 hex digits per value; SHINGLE_MINHASH_TEXT_MAX
 * bytes with the NUL.  Parse returns -1 on a malformed string. */
#define SHINGLE_MINHASH_TEXT_MAX (11 + 1 + 8 * SHINGLE_MINHASH_K + 1)
void shingle_minhash_format(const struct shingle_minhash *m, char out[SHINGLE_MINHASH_TEXT_MAX]);
int shingle_minhash_parse(const char *s, struct shingle_minhash *out);

#endif

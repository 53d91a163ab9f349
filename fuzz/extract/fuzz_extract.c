/*
 * fuzz_extract.c - libFuzzer target for the article extractor.
 *
 * Feeds arbitrary bytes to extract_article (with and without a page URL and HTML
 * output) and checks the result's invariants: the body text is NUL-terminated UTF-8-ish
 * text with no empty lines, the authors array is NULL-terminated, and the JSON form can
 * be produced.  ASan/UBSan catch the memory errors.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct extract_result *r = NULL;
    struct extract_opts opts = {.max_input = 1u << 20, .no_html = size & 1};
    const char *url = (size & 2) ? "https://example.com/news/a?x=1" : NULL;

    log_set_level(LOG_ERROR);
    herald_status rc = extract_article((const char *)data, size, url, &opts, &r);
    if (rc != HERALD_OK) {
        if (r)
            abort(); /* out parameter set on failure */
        return 0;
    }
    if (!r || !r->body_text || !r->authors || r->authors[r->n_authors])
        abort();
    if (strstr(r->body_text, "\n\n"))
        abort();
    if (!opts.no_html && !r->body_html)
        abort();
    char *js = extract_result_to_json(r, 0);
    if (!js)
        abort();
    free(js);
    extract_result_free(r);
    return 0;
}

/*
 * handlers.c - the "extract-retry" and "llm" jobs (enrich.h).  The "enrich" job is in
 * enrich.c with the analysis it stores.
 */
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "enrich/enrich_int.h"
#include "ingest/ingest.h"
#include "llm/llm.h"

#include "core/banned.h"

herald_status enrich_run_extract_retry(struct enrich_worker *w, const struct store_job *job)
{
    int improved = 0;
    herald_status rc;
    if (!w->ing) {
        if (!w->ec->cfg)
            return HERALD_E_UNSUPPORTED;
        rc = ingest_new(w->st, w->ec->cfg, &w->ing);
        if (rc)
            return rc;
    }
    rc = ingest_refetch(w->ing, job->article_id, &improved);
    if (rc == HERALD_OK && improved)
        rc = enrich_article(w->st, job->article_id);
    return rc;
}

void enrich_llm_config(const struct enrich_config *ec, struct llm_config *out)
{
    memset(out, 0, sizeof(*out));
    if (!ec->cfg)
        return;
    out->url = ec->cfg->llm_url;
    out->model = ec->cfg->llm_model;
    out->timeout_s = ec->cfg->llm_timeout;
}

herald_status enrich_run_llm(struct enrich_worker *w, const struct store_job *job)
{
    struct llm_config lc;
    struct store_article a;
    char *cached = NULL, *out = NULL;
    herald_status rc;

    enrich_llm_config(w->ec, &lc);
    if (!llm_enabled(&lc))
        return HERALD_OK; /* no model configured: nothing to do */
    rc = store_llm_cache_get(w->st, job->article_id, "summary", "", &cached);
    if (rc == HERALD_OK) {
        free(cached);
        return HERALD_OK;
    }
    rc = store_article_get(w->st, job->article_id, &a);
    if (rc)
        return rc;
    if (!a.text || !*a.text) {
        store_article_release(&a);
        return HERALD_OK;
    }
    rc = llm_summary(&lc, a.title, a.text, &out);
    if (rc == HERALD_OK)
        rc = store_llm_cache_put(w->st, job->article_id, "summary", "", lc.model, out);
    else if (rc == HERALD_E_NOTFOUND)
        rc = HERALD_OK; /* the model declined: the extractive summary stands */
    free(out);
    store_article_release(&a);
    return rc;
}

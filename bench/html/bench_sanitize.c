/*
 * bench_sanitize.c - sanitizer and HTML-to-text throughput beside libxml2's bare HTML parse
 * of the same bytes.
 *
 *   bench_sanitize [DIR] [ROUNDS]
 *
 * DIR holds *.html pages (default: $HERALD_SHARED/extraction/html, else
 * ../shared/extraction/html); every page is read into memory, then for ROUNDS rounds
 * (default 5) each page is (1) parsed by htmlReadMemory and freed, (2) sanitized with
 * sanitize_html, (3) converted with html_to_text.  Prints MB/s for each and its speed as a
 * fraction of the bare parse's.  The sanitizer's cost includes its own parse.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "html/parse.h"
#include "html/sanitize.h"
#include "html/text.h"

struct page {
    char *data;
    size_t len;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    char defdir[4096];
    const char *dir = argc > 1 ? argv[1] : NULL;
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 5;
    struct page *pages = NULL;
    size_t n = 0, total = 0, outbytes = 0, textbytes = 0;
    double t0, t_parse, t_frag, t_san, t_text;
    DIR *d;
    struct dirent *e;
    if (!dir) {
        const char *shared = getenv("HERALD_SHARED");
        snprintf(defdir, sizeof(defdir), "%s/extraction/html", shared ? shared : "../shared");
        dir = defdir;
    }
    if (rounds < 1)
        rounds = 1;
    d = opendir(dir);
    if (!d) {
        fprintf(stderr, "bench_sanitize: cannot open %s\n", dir);
        return 1;
    }
    while ((e = readdir(d))) {
        char path[8192];
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 5, ".html") != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        pages = realloc(pages, (n + 1) * sizeof(*pages));
        if (!pages)
            return 1;
        pages[n].data = read_file(path, &pages[n].len);
        if (!pages[n].data)
            continue;
        total += pages[n].len;
        n++;
    }
    closedir(d);
    if (!n) {
        fprintf(stderr, "bench_sanitize: no .html pages in %s\n", dir);
        return 1;
    }
    xmlInitParser();

    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            htmlDocPtr doc = htmlReadMemory(pages[i].data, (int)pages[i].len, NULL, "UTF-8",
                                            HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                                HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
            xmlFreeDoc(doc);
        }
    t_parse = now() - t0;

    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            htmlDocPtr doc = NULL;
            if (html_parse_fragment(pages[i].data, pages[i].len, 0, &doc) == HERALD_OK)
                xmlFreeDoc(doc);
        }
    t_frag = now() - t0;

    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            struct strbuf out = STRBUF_INIT;
            struct sanitize_opts o = {0};
            o.base_url = "https://news.example/section/article.html";
            if (sanitize_html(pages[i].data, pages[i].len, &o, &out) == HERALD_OK && r == 0)
                outbytes += out.len;
            strbuf_release(&out);
        }
    t_san = now() - t0;

    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            struct strbuf out = STRBUF_INIT;
            if (html_to_text(pages[i].data, pages[i].len, &out) == HERALD_OK && r == 0)
                textbytes += out.len;
            strbuf_release(&out);
        }
    t_text = now() - t0;

    {
        double mb = (double)total * rounds / (1024.0 * 1024.0);
        printf("pages: %zu, %.1f MiB, %d rounds (%s)\n", n, (double)total / (1024.0 * 1024.0),
               rounds, dir);
        printf("libxml2 bare parse: %8.1f MiB/s  %8.0f pages/s\n", mb / t_parse,
               (double)n * rounds / t_parse);
        printf("html_parse_fragment:%8.1f MiB/s  %8.0f pages/s  %.2f of the bare parse's speed\n",
               mb / t_frag, (double)n * rounds / t_frag, t_parse / t_frag);
        printf(
            "sanitize_html:      %8.1f MiB/s  %8.0f pages/s  %.2f of the bare parse's speed  (%zu "
            "bytes out)\n",
            mb / t_san, (double)n * rounds / t_san, t_parse / t_san, outbytes);
        printf(
            "html_to_text:       %8.1f MiB/s  %8.0f pages/s  %.2f of the bare parse's speed  (%zu "
            "bytes out)\n",
            mb / t_text, (double)n * rounds / t_text, t_parse / t_text, textbytes);
    }
    for (size_t i = 0; i < n; i++)
        free(pages[i].data);
    free(pages);
    return 0;
}

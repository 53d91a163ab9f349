/*
 * main.c - the herald command line.  Parses global options and dispatches to a
 * subcommand; every subcommand lives in the library modules, not here.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"

#include "core/banned.h"

static void usage(FILE *out)
{
    fputs("usage: herald [--db PATH] [--allow-file-urls] COMMAND [ARGS]\n"
          "       herald --version\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("herald %s\n", HERALD_VERSION);
        return 0;
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    usage(stderr);
    return 2;
}

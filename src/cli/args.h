/* The folio command line: what was asked, parsed from argv. */
#ifndef FOLIO_CLI_ARGS_H
#define FOLIO_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum cli_command { CMD_CONVERT, CMD_CHECK, CMD_DUMP, CMD_HELP, CMD_VERSION } cli_command;
typedef enum cli_dump { DUMP_TREE, DUMP_JSON, DUMP_LAYOUT, DUMP_BOOK } cli_dump;

typedef struct cli_args {
    cli_command command;
    cli_dump dump;
    const char **inputs;
    size_t n_inputs;
    const char *output;
    const char *to;        /* "pdf" or "epub", from --to or the output's extension */
    const char *style;
    const char *title, *publisher, *lang, *paper, *base_url;
    const char **resource_paths;
    size_t n_resource_paths;
    int year;              /* 0: all years */
    int toc;               /* -1: front matter decides */
    int toc_depth;
    int jobs;              /* 0: one per core */
    bool drafts, pdfa, attach_source, embed_fonts, fix_encoding, fetch_remote,
        allow_private_hosts, quiet, verbose;
} cli_args;

/* Parses argv into a (free with cli_args_free). On a usage error prints
 * "folio: …" on stderr and returns false. */
bool cli_parse_args(int argc, char **argv, cli_args *a);
void cli_args_free(cli_args *a);
/* The --help text, on stdout. */
void cli_print_help(void);

#endif

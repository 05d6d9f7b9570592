#include "args.h"

#include "folio.h"

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_print_help(void)
{
    fputs("Usage: folio [OPTIONS] INPUT... -o OUTPUT   convert to PDF or EPUB (by OUTPUT's extension)\n"
          "       folio check [OPTIONS] INPUT...       lint: what a conversion would warn of\n"
          "       folio dump [--json|--layout|--book] INPUT...   print the document model\n"
          "                          (or the PDF layout, or the book both outputs render)\n"
          "\n"
          "An INPUT is a .md/.qmd/.markdown file, - for standard input, or a folder (every page\n"
          "bundle and Markdown file below it). Several inputs make a compilation, one chapter per\n"
          "source, in front-matter date order.\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE      output file (.pdf or .epub); - writes to standard output\n"
          "  -t, --to FORMAT        pdf or epub (default: from the output's extension)\n"
          "      --style FILE       style YAML over the house style\n"
          "      --title TEXT       book title for compilations\n"
          "      --publisher TEXT   book publisher\n"
          "      --lang TAG         document language (BCP 47), overriding front matter\n"
          "      --year YYYY        keep only the issues of that year\n"
          "      --drafts           keep drafts (draft: true) in compilations\n"
          "      --toc, --no-toc    force the table of contents on or off\n"
          "      --toc-depth N      heading levels in the table of contents (default 3)\n"
          "      --paper SIZE       a4 or letter\n"
          "      --pdfa             archival PDF/A-2b\n"
          "      --attach-source    PDF/A-3b with the Markdown sources attached\n"
          "      --embed-fonts      EPUB: embed the bundled fonts\n"
          "      --fix-encoding     repair text that was mis-decoded as Mac Roman/Windows-1252\n"
          "      --resource-path DIR  also look for images and includes in DIR (repeatable)\n"
          "      --base-url URL     the site's address, for links to its other pages\n"
          "      --fetch-remote     download http(s) images (never without this option)\n"
          "      --allow-private-hosts  with --fetch-remote: allow loopback and private addresses\n"
          "  -j, --jobs N           threads to use (default: one per core); the output is the same\n"
          "      --json             dump: JSON instead of indented text\n"
          "      --layout           dump: the PDF layout (pages of boxes)\n"
          "      --book             dump: chapters, contents, anchors, links, generated words\n"
          "  -q, --quiet            no warnings\n"
          "  -v, --verbose          say what is done\n"
          "  -h, --help             this text\n"
          "      --version          the version\n"
          "\n"
          "Exit status: 0 ok, 1 input errors, 2 usage, 3 output could not be written.\n",
          stdout);
}

/* "folio: error: MESSAGE" (arguments escaped like every diagnostic). */
static bool usage(const char *fmt, const char *arg)
{
    char msg[1024];
    snprintf(msg, sizeof msg, fmt, arg);
    folio_diag d = {FOLIO_ERROR, "folio", 0, 0, msg, NULL};
    folio_diag_print(&d, stderr);
    fputs("Try 'folio --help'.\n", stderr);
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

/* Long options without a short form get codes above the char range. */
enum {
    OPT_STYLE = 256, OPT_TITLE, OPT_PUBLISHER, OPT_LANG, OPT_PAPER, OPT_RESOURCE_PATH, OPT_YEAR,
    OPT_TOC_DEPTH, OPT_TOC, OPT_NO_TOC, OPT_JSON, OPT_LAYOUT, OPT_BOOK, OPT_VERSION, OPT_DRAFTS, OPT_PDFA,
    OPT_ATTACH_SOURCE, OPT_EMBED_FONTS, OPT_FIX_ENCODING, OPT_FETCH_REMOTE,
    OPT_ALLOW_PRIVATE_HOSTS, OPT_BASE_URL,
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"to", required_argument, NULL, 't'},
    {"style", required_argument, NULL, OPT_STYLE},
    {"title", required_argument, NULL, OPT_TITLE},
    {"publisher", required_argument, NULL, OPT_PUBLISHER},
    {"lang", required_argument, NULL, OPT_LANG},
    {"paper", required_argument, NULL, OPT_PAPER},
    {"resource-path", required_argument, NULL, OPT_RESOURCE_PATH},
    {"base-url", required_argument, NULL, OPT_BASE_URL},
    {"year", required_argument, NULL, OPT_YEAR},
    {"toc-depth", required_argument, NULL, OPT_TOC_DEPTH},
    {"toc", no_argument, NULL, OPT_TOC},
    {"no-toc", no_argument, NULL, OPT_NO_TOC},
    {"json", no_argument, NULL, OPT_JSON},
    {"layout", no_argument, NULL, OPT_LAYOUT},
    {"book", no_argument, NULL, OPT_BOOK},
    {"drafts", no_argument, NULL, OPT_DRAFTS},
    {"pdfa", no_argument, NULL, OPT_PDFA},
    {"attach-source", no_argument, NULL, OPT_ATTACH_SOURCE},
    {"embed-fonts", no_argument, NULL, OPT_EMBED_FONTS},
    {"fix-encoding", no_argument, NULL, OPT_FIX_ENCODING},
    {"fetch-remote", no_argument, NULL, OPT_FETCH_REMOTE},
    {"allow-private-hosts", no_argument, NULL, OPT_ALLOW_PRIVATE_HOSTS},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* Stores one option; false on a usage error. */
static bool apply_option(cli_args *a, int opt, const char *v)
{
    switch (opt) {
    case 'o': a->output = v; break;
    case 't':
        if (strcmp(v, "pdf") != 0 && strcmp(v, "epub") != 0)
            return usage("unknown output format '%s' (use pdf or epub)", v);
        a->to = v;
        break;
    case OPT_STYLE: a->style = v; break;
    case OPT_TITLE: a->title = v; break;
    case OPT_PUBLISHER: a->publisher = v; break;
    case OPT_LANG: a->lang = v; break;
    case OPT_PAPER:
        if (strcmp(v, "a4") != 0 && strcmp(v, "letter") != 0)
            return usage("unknown paper size '%s' (use a4 or letter)", v);
        a->paper = v;
        break;
    case OPT_RESOURCE_PATH: a->resource_paths[a->n_resource_paths++] = v; break;
    case OPT_BASE_URL:
        if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)
            return usage("--base-url wants the site's address, such as https://example.org/, "
                         "not '%s'", v);
        a->base_url = v;
        break;
    case OPT_YEAR:
        if (!parse_int(v, 1, 9999, &a->year))
            return usage("--year wants a year such as 2023, not '%s'", v);
        break;
    case OPT_TOC_DEPTH:
        if (!parse_int(v, 1, 6, &a->toc_depth))
            return usage("--toc-depth wants a number from 1 to 6, not '%s'", v);
        break;
    case OPT_TOC: a->toc = 1; break;
    case OPT_NO_TOC: a->toc = 0; break;
    case OPT_JSON:
    case OPT_LAYOUT:
    case OPT_BOOK:
        if (a->command != CMD_DUMP)
            return usage("--%s is only for folio dump", opt == OPT_JSON     ? "json"
                                                        : opt == OPT_LAYOUT ? "layout"
                                                                            : "book");
        a->dump = opt == OPT_JSON ? DUMP_JSON : opt == OPT_LAYOUT ? DUMP_LAYOUT : DUMP_BOOK;
        break;
    case OPT_DRAFTS: a->drafts = true; break;
    case OPT_PDFA: a->pdfa = true; break;
    case OPT_ATTACH_SOURCE: a->attach_source = true; break;
    case OPT_EMBED_FONTS: a->embed_fonts = true; break;
    case OPT_FIX_ENCODING: a->fix_encoding = true; break;
    case OPT_FETCH_REMOTE: a->fetch_remote = true; break;
    case OPT_ALLOW_PRIVATE_HOSTS: a->allow_private_hosts = true; break;
    case 'j':
        if (!parse_int(v, 1, 256, &a->jobs))
            return usage("--jobs wants a number of threads from 1 to 256, not '%s'", v);
        break;
    case 'q': a->quiet = true; break;
    case 'v': a->verbose = true; break;
    }
    return true;
}

/* A source name: an output there would be read as a source next time. */
static bool is_source_name(const char *s)
{
    return ends_with(s, ".md") || ends_with(s, ".qmd") || ends_with(s, ".markdown") ||
           ends_with(s, ".Rmd");
}

static bool check_consistency(cli_args *a)
{
    if (a->n_inputs == 0)
        return usage("%s", "no input (give a Markdown file, a folder, or -)");
    if (a->command == CMD_CONVERT) {
        if (!a->output)
            return usage("%s", "no output: give -o FILE.pdf or -o FILE.epub");
        if (!a->to) {
            if (ends_with(a->output, ".pdf") || strcmp(a->output, "-") == 0)
                a->to = "pdf";
            else if (ends_with(a->output, ".epub"))
                a->to = "epub";
            else
                return usage("cannot tell the format of '%s': name it .pdf or .epub, or use --to",
                             a->output);
        } else if (is_source_name(a->output)) {
            return usage("refusing to write an output named '%s': a Markdown name would be "
                         "read as a source; name it .pdf or .epub", a->output);
        }
        if ((a->pdfa || a->attach_source) && strcmp(a->to, "pdf") != 0)
            return usage("%s", "--pdfa and --attach-source make a PDF: name the output .pdf");
    } else if (a->output) {
        return usage("%s", "-o is only for conversions");
    }
    if (a->command == CMD_DUMP && (a->dump == DUMP_TREE || a->dump == DUMP_JSON) && a->n_inputs != 1)
        return usage("%s", "dump takes one input");
    return true;
}

bool cli_parse_args(int argc, char **argv, cli_args *a)
{
    memset(a, 0, sizeof *a);
    a->toc = -1;
    a->toc_depth = 3;
    a->inputs = calloc((size_t)argc + 1, sizeof *a->inputs);
    a->resource_paths = calloc((size_t)argc + 1, sizeof *a->resource_paths);
    if (!a->inputs || !a->resource_paths)
        return usage("%s", "out of memory");

    /* "folio check …" and "folio dump …": the options start after the word. */
    int skip = 0;
    if (argc > 1 && strcmp(argv[1], "check") == 0) {
        a->command = CMD_CHECK;
        skip = 1;
    } else if (argc > 1 && strcmp(argv[1], "dump") == 0) {
        a->command = CMD_DUMP;
        skip = 1;
    }
    int n = argc - skip;
    char **args = argv + skip;
    opterr = 0; /* our own messages */
    optind = 1;
    for (int opt; (opt = getopt_long(n, args, ":o:t:j:qvh", long_options, NULL)) != -1;) {
        if (opt == 'h') {
            a->command = CMD_HELP;
            return true;
        }
        if (opt == OPT_VERSION) {
            a->command = CMD_VERSION;
            return true;
        }
        if (opt == ':')
            return usage("option %s needs a value", args[optind - 1]);
        if (opt == '?') {
            if (optopt) {
                char name[3] = {'-', (char)optopt, '\0'};
                return usage("unknown option '%s'", name);
            }
            return usage("unknown option '%s'", args[optind - 1]);
        }
        if (!apply_option(a, opt, optarg))
            return false;
    }
    for (int i = optind; i < n; i++)
        a->inputs[a->n_inputs++] = args[i];
    return check_consistency(a);
}

void cli_args_free(cli_args *a)
{
    free(a->inputs);
    free(a->resource_paths);
}

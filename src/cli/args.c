#include "args.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_print_help(void)
{
    fputs("Usage: folio [OPTIONS] INPUT... -o OUTPUT   convert to PDF or EPUB (by OUTPUT's extension)\n"
          "       folio check [OPTIONS] INPUT...       lint: broken images, unknown shortcodes, mojibake\n"
          "       folio dump [--json|--layout] INPUT   print the document model (or the PDF layout)\n"
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
          "      --pdfa             archival PDF/A-2b (not available yet: refused)\n"
          "      --attach-source    PDF/A-3b with the sources attached (not available yet)\n"
          "      --embed-fonts      EPUB: embed the bundled fonts\n"
          "      --fix-encoding     repair text that was mis-decoded as Mac Roman/Windows-1252\n"
          "      --resource-path DIR  also look for images and includes in DIR (repeatable)\n"
          "      --fetch-remote     download http(s) images (never without this option)\n"
          "      --allow-private-hosts  with --fetch-remote: allow loopback and private addresses\n"
          "      --json             dump: JSON instead of indented text\n"
          "      --layout           dump: the PDF layout (pages of boxes)\n"
          "  -q, --quiet            no warnings\n"
          "  -v, --verbose          say what is done\n"
          "  -h, --help             this text\n"
          "      --version          the version\n"
          "\n"
          "Exit status: 0 ok, 1 input errors, 2 usage, 3 output could not be written.\n",
          stdout);
}

static bool usage(const char *fmt, const char *arg)
{
    fputs("folio: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'folio --help'.\n", stderr);
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

/* Matches an option that takes a value, given as "NAME VALUE" or
 * "NAME=VALUE" (short is an optional one-letter alias). Returns 1 with
 * *value set, 0 when arg is another option, -1 when the value is missing. */
static int opt_value(int argc, char **argv, int *i, const char *name, const char *short_name,
                     const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) == 0 && arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (strcmp(arg, name) != 0 && !(short_name && strcmp(arg, short_name) == 0))
        return 0;
    if (*i + 1 >= argc) {
        usage("option %s needs a value", arg);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

/* Flags without a value. */
static bool parse_flag(const char *arg, cli_args *a)
{
    static const struct {
        const char *name;
        size_t offset;
    } flags[] = {
        {"--drafts", offsetof(cli_args, drafts)},
        {"--pdfa", offsetof(cli_args, pdfa)},
        {"--attach-source", offsetof(cli_args, attach_source)},
        {"--embed-fonts", offsetof(cli_args, embed_fonts)},
        {"--fix-encoding", offsetof(cli_args, fix_encoding)},
        {"--fetch-remote", offsetof(cli_args, fetch_remote)},
        {"--allow-private-hosts", offsetof(cli_args, allow_private_hosts)},
        {"--quiet", offsetof(cli_args, quiet)},
        {"-q", offsetof(cli_args, quiet)},
        {"--verbose", offsetof(cli_args, verbose)},
        {"-v", offsetof(cli_args, verbose)},
    };
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++) {
        if (strcmp(arg, flags[k].name) == 0) {
            *(bool *)((char *)a + flags[k].offset) = true;
            return true;
        }
    }
    if (strcmp(arg, "--toc") == 0 || strcmp(arg, "--no-toc") == 0) {
        a->toc = arg[2] == 't';
        return true;
    }
    if (a->command == CMD_DUMP && strcmp(arg, "--json") == 0) {
        a->dump = DUMP_JSON;
        return true;
    }
    if (a->command == CMD_DUMP && strcmp(arg, "--layout") == 0) {
        a->dump = DUMP_LAYOUT;
        return true;
    }
    return false;
}

/* Stores the value of option name; false on a bad value. */
static bool apply_valued(cli_args *a, const char *name, const char *v)
{
    if (strcmp(name, "--output") == 0) {
        a->output = v;
    } else if (strcmp(name, "--to") == 0) {
        if (strcmp(v, "pdf") != 0 && strcmp(v, "epub") != 0)
            return usage("unknown output format '%s' (use pdf or epub)", v);
        a->to = v;
    } else if (strcmp(name, "--style") == 0) {
        a->style = v;
    } else if (strcmp(name, "--title") == 0) {
        a->title = v;
    } else if (strcmp(name, "--publisher") == 0) {
        a->publisher = v;
    } else if (strcmp(name, "--lang") == 0) {
        a->lang = v;
    } else if (strcmp(name, "--paper") == 0) {
        if (strcmp(v, "a4") != 0 && strcmp(v, "letter") != 0)
            return usage("unknown paper size '%s' (use a4 or letter)", v);
        a->paper = v;
    } else if (strcmp(name, "--resource-path") == 0) {
        a->resource_paths[a->n_resource_paths++] = v;
    } else if (strcmp(name, "--year") == 0) {
        if (!parse_int(v, 1, 9999, &a->year))
            return usage("--year wants a year such as 2023, not '%s'", v);
    } else if (strcmp(name, "--toc-depth") == 0) {
        if (!parse_int(v, 1, 6, &a->toc_depth))
            return usage("--toc-depth wants a number from 1 to 6, not '%s'", v);
    }
    return true;
}

/* One option with a value at argv[*i]; *matched false when arg is none of
 * them. false on a usage error. */
static bool parse_valued(int argc, char **argv, int *i, cli_args *a, bool *matched)
{
    static const struct {
        const char *name, *short_name;
    } valued[] = {
        {"--output", "-o"}, {"--to", "-t"},      {"--style", NULL},         {"--title", NULL},
        {"--publisher", NULL}, {"--lang", NULL}, {"--paper", NULL},
        {"--resource-path", NULL}, {"--year", NULL}, {"--toc-depth", NULL},
    };
    for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) {
        const char *v;
        int r = opt_value(argc, argv, i, valued[k].name, valued[k].short_name, &v);
        if (r < 0)
            return false;
        if (r > 0) {
            *matched = true;
            return apply_valued(a, valued[k].name, v);
        }
    }
    *matched = false;
    return true;
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
        }
    } else if (a->output) {
        return usage("%s", "-o is only for conversions");
    }
    if (a->command == CMD_DUMP && a->dump != DUMP_LAYOUT && a->n_inputs != 1)
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

    int i = 1;
    if (argc > 1 && strcmp(argv[1], "check") == 0) {
        a->command = CMD_CHECK;
        i++;
    } else if (argc > 1 && strcmp(argv[1], "dump") == 0) {
        a->command = CMD_DUMP;
        i++;
    }
    bool only_inputs = false;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        bool matched;
        if (only_inputs || arg[0] != '-' || strcmp(arg, "-") == 0) {
            a->inputs[a->n_inputs++] = arg;
        } else if (strcmp(arg, "--") == 0) {
            only_inputs = true;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            a->command = CMD_HELP;
            return true;
        } else if (strcmp(arg, "--version") == 0) {
            a->command = CMD_VERSION;
            return true;
        } else if (parse_flag(arg, a)) {
            continue;
        } else if (!parse_valued(argc, argv, &i, a, &matched)) {
            return false;
        } else if (!matched) {
            return usage("unknown option '%s'", arg);
        }
    }
    return check_consistency(a);
}

void cli_args_free(cli_args *a)
{
    free(a->inputs);
    free(a->resource_paths);
}

/* The document: metadata from front matter, the tree, and what the backends
 * need to find resources. Everything is owned by doc->arena. */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H

#include <stdbool.h>
#include <stdint.h>

#include "folio.h"
#include "options.h"
#include "node.h"
#include "project.h"
#include "util/arena.h"

/* A front-matter date. valid is false when absent or unparsable. */
typedef struct fdate {
    int year, month, day;  /* month 1..12 */
    int hour, min, sec;
    int tz_offset_min;     /* offset east of UTC in minutes */
    bool has_time, valid;
} fdate;

typedef struct fstrlist {
    const char **items;
    size_t n;
} fstrlist;

typedef struct fmeta {
    const char *title, *subtitle, *summary; /* summary or description; NULL when absent */
    fdate date, lastmod;
    fstrlist authors, tags, categories;
    bool draft;
    bool listing;       /* a site's listing page (listing: in front matter): not an issue */
    int echo;           /* execute: echo: -1 unset, 0, 1 */
    fannotations code_annotations; /* code-annotations (Quarto) */
    int emoji;          /* from: markdown+emoji */
    fstrlist bibliography; /* as written, relative to the source (one or a list) */
    int toc;            /* -1 unset, 0 false, 1 true */
    const char *number; /* issue number as written, NULL when absent */
    const char *image;  /* featured image path, NULL when absent */
    const char *lang;   /* as written in front matter, NULL when absent */
    const char **words; /* Quarto's language: the words folio prints, by word_id
                           (book/words.h, book_doc_word); NULL when none */
} fmeta;

/* A file the document draws on, by identity (device and inode), and the
 * path it was found at. */
typedef struct doc_file_id {
    unsigned long long dev, ino;
    const char *path;
    struct doc_file_id *next;
} doc_file_id;

struct folio_doc {
    arena *arena;
    fnode *root;        /* FN_DOCUMENT */
    fmeta meta;
    const char *lang;   /* effective language tag: --lang, front matter, else guessed */
    const char *path;   /* as given, "<stdin>" for standard input */
    const char *dir;    /* folder for relative resources; NULL: none */
    fproject project;   /* the site the source belongs to: root, settings */
    const char **files; /* files[0] == path, then included files (node.file indexes) */
    size_t n_files;
    folio_limits limits;    /* defaults filled in */
    const char *source;     /* the source text after encoding repair (for attachments) */
    size_t source_len;
    int footnotes;          /* number of referenced footnotes */
    doc_file_id *read;      /* every file it draws on, last first: source, includes,
                               _variables.yml, bibliographies */
};

/* Records that the document draws on the file at path (for
 * folio_doc_reads_file and the sources a PDF/A-3 carries); nothing when
 * there is no such file. */
void doc_note_read(folio_doc *doc, const char *path);

#endif

/* folio — Markdown newsletters to printable PDF, EPUB 3 books and archival files.
 *
 * The pipeline is parse → document → render:
 *
 *     folio_options opt;
 *     folio_options_init(&opt);
 *     folio_doc *doc;
 *     if (folio_parse_file("issue/index.md", &opt, &doc) == FOLIO_OK) {
 *         unsigned char *pdf; size_t len;
 *         folio_render_options ro;
 *         folio_render_options_init(&ro);
 *         if (folio_render(&doc, 1, FOLIO_FORMAT_PDF, &ro, &pdf, &len) == FOLIO_OK) {
 *             folio_write_file("issue.pdf", pdf, len);
 *             free(pdf);
 *         }
 *         folio_doc_drop(doc);
 *     }
 *
 * Ownership words (mupdf's): a function called *_new or *_parse_* or *_load
 * hands you an object you must *_drop; "borrowed" results live as long as
 * the object they come from. Every symbol starts with folio_ / FOLIO_.
 * Functions are not thread-safe on one object, but separate documents may be
 * used from separate threads.
 *
 * Memory: folio does not recover from a failed allocation. It prints
 * "folio: out of memory" and aborts, as GLib (under Pango and Cairo) does;
 * no call returns a status for it.
 */
#ifndef FOLIO_H
#define FOLIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(FOLIO_STATIC_BUILD)
#define FOLIO_API __attribute__((visibility("default")))
#else
#define FOLIO_API
#endif

#define FOLIO_VERSION "0.1.0"

/** Status codes; the values are the command's exit codes. */
typedef enum folio_status {
    FOLIO_OK = 0,      /**< success (warnings may have been reported) */
    FOLIO_EINPUT = 1,  /**< the input is bad (an error diagnostic was reported) */
    FOLIO_EUSAGE = 2,  /**< the call or the options are wrong */
    FOLIO_EOUTPUT = 3, /**< the output could not be produced or written */
} folio_status;

typedef enum folio_severity { FOLIO_WARNING, FOLIO_ERROR } folio_severity;

/** One diagnostic. Every pointer is borrowed for the duration of the callback. */
typedef struct folio_diag {
    folio_severity severity;
    const char *file; /**< path as given, or "<stdin>"; never NULL */
    int line;         /**< 1-based; 0 when the message is about the whole file */
    int col;          /**< 1-based, in characters; 0 when unknown */
    const char *message;
    const char *kind; /**< the same static string for every message of one kind
                           (its pattern: "citation @%s: no bibliography"), to
                           group them; NULL when unknown */
} folio_diag;

/** Receives diagnostics as they happen. */
typedef void (*folio_diag_fn)(const folio_diag *d, void *user);

/** Prints d as the folio command does: "file:line:col: error: message"
 * (line and column left out when 0), with a newline. */
FOLIO_API void folio_diag_print(const folio_diag *d, FILE *out);

/** Writes s to out with what must not reach a terminal escaped: control
 * characters as \n, \t, \r, \x1B, \u0085, bidirectional overrides as
 * \u202E, bytes that are not UTF-8 as \xFF. folio_diag_print does this to
 * every file name and message; for programs that print paths of their own. */
FOLIO_API void folio_print_escaped(const char *s, FILE *out);

/** Limits against hostile input. 0 in a field means "the default". Parsing
 * reads the input, line, nesting, include and table limits (folio_options);
 * rendering reads the image, output and fetch limits (folio_render_options),
 * for every image it loads. */
typedef struct folio_limits {
    size_t max_input_bytes;     /**< one source file (default 16 MiB) */
    size_t max_line_bytes;      /**< one source line (default 1 MiB) */
    int max_nesting;            /**< quotes, lists, emphasis, divs (default 64) */
    int max_include_depth;      /**< nested {{< include >}} (default 8) */
    size_t max_table_cells;     /**< cells of one table (default 100000) */
    uint64_t max_image_pixels;  /**< width × height of one image (default 100 M) */
    size_t max_image_bytes;     /**< one image file or download (default 32 MiB) */
    size_t max_output_bytes;    /**< one rendered file (default 1 GiB) */
    unsigned fetch_timeout_ms;  /**< one remote image download, in total (default 30 s) */
    unsigned fetch_total_ms;    /**< every remote image of a run together, downloaded
                                     several at a time (default 60 s) */
    size_t max_held_pages;      /**< PDF pages laid out and held before painting (default
                                     1000); past them a document without images is laid
                                     out once more and painted page by page, in bounded
                                     memory (the same bytes) */
    size_t max_surface_pages;   /**< PDF pages painted into one cairo surface (default
                                     1024); a longer document is painted in parts that
                                     the finisher merges into one file (cairo keeps a
                                     structure node for every piece painted until its
                                     surface is finished), each part with its own font
                                     subsets */
} folio_limits;

/** Options for parsing. Initialise with folio_options_init, then set fields. */
typedef struct folio_options {
    const char *lang;  /**< BCP 47 tag overriding front matter; NULL: front matter, else guessed */
    int fix_encoding;  /**< repair text that was UTF-8 decoded as Mac Roman/Windows-1252 */
    folio_diag_fn diag;      /**< NULL: diagnostics go to stderr */
    void *diag_user;
    folio_limits limits;
    const char *base_url; /**< the site's address (links to its other pages become links
                               there); NULL: the project's (website.site-url, Hugo baseURL) */
    int compilation;      /**< the source is one of several compiled as one book, which
                               leaves a listing page out: its entries are not read */
} folio_options;

/** Sets every option to its default. */
FOLIO_API void folio_options_init(folio_options *o);

/** A parsed document: its metadata and its tree, owned by one arena. */
typedef struct folio_doc folio_doc;

/**
 * Parses one Markdown source (front matter, Hugo shortcodes, Quarto syntax).
 * path "-" reads standard input (named "<stdin>", resources from ".").
 * On FOLIO_OK *out is a new document the caller must folio_doc_drop; on any
 * other status *out is NULL and the reason went to the diagnostic callback.
 * The document keeps copies of what it needs from the options.
 */
FOLIO_API folio_status folio_parse_file(const char *path, const folio_options *o,
                                        folio_doc **out);

/**
 * Like folio_parse_file for text in memory. name is used in diagnostics,
 * base_dir resolves relative images and includes (NULL: no local files).
 */
FOLIO_API folio_status folio_parse_memory(const char *data, size_t len, const char *name,
                                          const char *base_dir, const folio_options *o,
                                          folio_doc **out);

/** Frees a document and everything it owns. NULL is fine. */
FOLIO_API void folio_doc_drop(folio_doc *doc);

/** Title from front matter, or "" (borrowed). */
FOLIO_API const char *folio_doc_title(const folio_doc *doc);
/** The document language as a BCP 47 tag, never NULL (borrowed). */
FOLIO_API const char *folio_doc_lang(const folio_doc *doc);
/** 1 when the front matter says draft: true. */
FOLIO_API int folio_doc_is_draft(const folio_doc *doc);
/** Front-matter date as seconds since 1970 (UTC), or -1 when there is none. */
FOLIO_API int64_t folio_doc_date(const folio_doc *doc);
/** The source path as given (borrowed). */
FOLIO_API const char *folio_doc_path(const folio_doc *doc);
/**
 * 1 when path names a file the document was read from: its source, an
 * include, its _variables.yml. Compared by device and inode, so another
 * spelling or a link to the same file counts. 0 otherwise (also when path
 * does not exist).
 */
FOLIO_API int folio_doc_reads_file(const folio_doc *doc, const char *path);

/** Options for rendering (below), which also say where images come from. */
typedef struct folio_render_options folio_render_options;

/**
 * Lint: what a conversion of the n documents (as one book) with o would
 * warn of, without laying out or writing anything: links that cannot be
 * followed, unprintable characters, images that cannot be loaded (local
 * files inside the allowed folders, remote ones only with fetch_remote,
 * within o's limits) or that have no description, formulas the math font
 * cannot set. Each through o's diagnostic callback, as the conversion
 * words it; FOLIO_EINPUT when there is any.
 */
FOLIO_API folio_status folio_check(folio_doc *const *docs, size_t n,
                                   const folio_render_options *o);

typedef enum folio_dump_format { FOLIO_DUMP_TREE, FOLIO_DUMP_JSON } folio_dump_format;

/** Writes the model as indented text (the golden format) or JSON. */
FOLIO_API folio_status folio_dump(const folio_doc *doc, folio_dump_format fmt, FILE *out);

/** A style: page, fonts, colours, callouts, links; read by both backends. */
typedef struct folio_style folio_style;

/**
 * Loads a style YAML file over the defaults (path NULL: the house style).
 * Unknown keys warn; bad values are errors with their line. On FOLIO_OK the
 * caller owns *out and must folio_style_drop it.
 */
FOLIO_API folio_status folio_style_load(const char *path, const folio_options *o,
                                        folio_style **out);
FOLIO_API void folio_style_drop(folio_style *style);

typedef enum folio_format { FOLIO_FORMAT_PDF, FOLIO_FORMAT_EPUB } folio_format;

/** Called while rendering several documents: done of total. */
typedef void (*folio_progress_fn)(size_t done, size_t total, void *user);

/**
 * The bundled fonts, loaded once, and the hyphenation dictionaries, each
 * loaded the first time a render needs it. A program that renders many
 * documents (a server, a fuzzer) passes the same one to every folio_render
 * rather than have each call load them again. One render at a time may use
 * it.
 */
typedef struct folio_fonts folio_fonts;

/** Loads the fonts of fonts_dir (NULL: the installed or build-tree fonts
 * folder). On FOLIO_OK the caller owns *out (folio_fonts_drop, after the
 * last render that used it); otherwise the reason went to diag (NULL:
 * stderr). */
FOLIO_API folio_status folio_fonts_load(const char *fonts_dir, folio_diag_fn diag, void *user,
                                        folio_fonts **out);
FOLIO_API void folio_fonts_drop(folio_fonts *fonts);
/** For a program that shows no text of its own (the folio command): the
 * fonts folio loads become fontconfig's current configuration, so Pango's
 * start-up never loads the system's (a quarter of the CPU of a one-paragraph
 * PDF). Call before the first render, before any thread. SVG text drawn
 * into pictures for an EPUB then uses the bundled fonts too, and cairo
 * leaves the PDF's streams for folio to compress (CAIRO_DEBUG_PDF is set:
 * it is faster at it). PANGO_LANGUAGE is set to "C": the language Pango
 * gives text in a script the document's language does not write (Chinese
 * in French) is then its guess by script, not the environment's LANGUAGE. */
FOLIO_API void folio_fonts_claim_process(void);

/** Options for rendering. Initialise with folio_render_options_init. */
struct folio_render_options {
    const folio_style *style;   /**< NULL: the house style (borrowed) */
    const char *title;          /**< book title for compilations; NULL: derived */
    const char *publisher;      /**< NULL: the style's */
    int toc;                    /**< -1: front matter decides, 0: no, 1: yes */
    int toc_depth;              /**< heading levels in the TOC (default 3) */
    const char *paper;          /**< "a4", "letter" or NULL for the style's */
    int pdfa;                   /**< PDF/A-2b (also when the style says pdfa: true) */
    int attach_source;          /**< PDF/A-3b with the sources attached (implies pdfa) */
    int embed_fonts;            /**< EPUB: embed the bundled fonts */
    const char *fonts_dir;      /**< NULL: the installed or build-tree fonts folder */
    folio_fonts *fonts;         /**< NULL: fonts_dir's loaded for this call; else these
                                     (borrowed), and fonts_dir is ignored */
    int64_t source_date_epoch;  /**< -1: $SOURCE_DATE_EPOCH, else the newest source date */
    /* where images come from: each document's folder (and its project's), then */
    const char *const *resource_paths; /**< extra folders for images (borrowed) */
    size_t n_resource_paths;
    int fetch_remote;           /**< fetch http(s) images (only then is the network used) */
    int allow_private_hosts;    /**< with fetch_remote: allow loopback/private addresses */
    const char *cache_dir;      /**< folio's cache (remote images, the EPUB's drawn cover,
                                     the EPUB's and the PDF's converted images);
                                     NULL: $XDG_CACHE_HOME/folio or ~/.cache/folio */
    int jobs;                   /**< threads a render may use; 0: one per core. The output
                                     is the same whatever the number */
    folio_diag_fn diag;         /**< NULL: stderr */
    void *diag_user;
    folio_progress_fn progress; /**< NULL: none */
    void *progress_user;
    folio_limits limits;
};

FOLIO_API void folio_render_options_init(folio_render_options *o);

/**
 * Renders n documents (one issue, or a compilation in the given order) to a
 * PDF or an EPUB in memory. On FOLIO_OK *out is a malloc'ed buffer the caller
 * frees; otherwise *out is NULL and the reason was reported.
 */
FOLIO_API folio_status folio_render(folio_doc *const *docs, size_t n, folio_format fmt,
                                    const folio_render_options *o, unsigned char **out,
                                    size_t *out_len);

/**
 * folio_render to the file open for writing at fd, from its position: a
 * long PDF goes there piece by piece, never whole in memory (with the
 * scratch files it passes through in $TMPDIR). On failure what was written
 * is not a whole output: write to a temporary file (folio_write_file_fd).
 */
FOLIO_API folio_status folio_render_fd(folio_doc *const *docs, size_t n, folio_format fmt,
                                       const folio_render_options *o, int fd);

/** Writes the book both backends render (chapters, parts, table of
 * contents, anchors, resolved links, the phrases folio writes) as text. */
FOLIO_API folio_status folio_dump_book(folio_doc *const *docs, size_t n,
                                       const folio_render_options *o, FILE *out);

/** Writes the PDF layout (pages of positioned boxes) as text, for tests. */
FOLIO_API folio_status folio_dump_layout(folio_doc *const *docs, size_t n,
                                         const folio_render_options *o, FILE *out);

/**
 * Writes data to path atomically: a temporary file beside it
 * (".NAME.folio-PID.XXXXXX"), flushed, then renamed over it. On failure the
 * previous file is untouched, no temporary file is left, and FOLIO_EOUTPUT
 * is returned with errno set. path "-" writes to standard output; a device
 * or a FIFO is written in place. The library installs no signal handler: a
 * program that must not die half-way holds its termination signals back
 * (and ignores SIGXFSZ) around the call, as the folio command does. A
 * temporary file that a killed process left is removed by the next write
 * (or folio_output_prepare) of the same path.
 */
FOLIO_API folio_status folio_write_file(const char *path, const void *data, size_t len);

/** folio_write_file of the whole file open at fd (from its start; copied by
 * the kernel where it can, never held in memory). */
FOLIO_API folio_status folio_write_file_fd(const char *path, int fd);

/** A nameless file open for reading and writing in $TMPDIR (else /tmp),
 * gone when closed or when the process dies, whatever the signal: where
 * folio_render_fd can write a PDF that folio_write_file_fd then puts in its
 * place. -1 with errno set when none can be made. */
FOLIO_API int folio_scratch_open(void);

/**
 * Checks, before anything is rendered, that path can receive an output:
 * FOLIO_EOUTPUT with errno EISDIR when it is a folder, ENOENT or ENOTDIR
 * when its folder is missing, EACCES or EROFS when that folder is not
 * writable. On success also removes the temporary files that earlier
 * writes of path left when they were killed (same owner, writer process
 * gone, older than now). "-" is always fine.
 */
FOLIO_API folio_status folio_output_prepare(const char *path);

/**
 * Expands inputs (files, "-", folders) into the Markdown sources to parse, in
 * a stable order: a folder gives every index.md/index.qmd/ *.md / *.qmd below it.
 * On FOLIO_OK *paths is a malloc'ed array of malloc'ed strings; free with
 * folio_paths_free.
 */
FOLIO_API folio_status folio_collect_sources(const char *const *inputs, size_t n,
                                             const folio_options *o, char ***paths,
                                             size_t *n_paths);
FOLIO_API void folio_paths_free(char **paths, size_t n);

/**
 * Orders documents for a compilation: by front-matter date (then path),
 * removing drafts unless keep_drafts, pages that are not issues (a listing
 * page with listing: in its front matter, files named _x.md such as Hugo's
 * _index.md), and keeping only year when year > 0.
 * Removed documents are dropped. Returns the new count.
 */
FOLIO_API size_t folio_select_documents(folio_doc **docs, size_t n, int keep_drafts, int year);

#ifdef __cplusplus
}
#endif

#endif

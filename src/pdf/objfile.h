/* A PDF file as qpdf writes it without object streams (one classic
 * cross-reference section, "N 0 obj … endobj" in order), read where it
 * lies and copied with objects added: the structure tree of a long
 * document is written this way, object by object, instead of through an
 * in-memory object model that would hold it whole (issue 14). */
#ifndef FOLIO_PDF_OBJFILE_H
#define FOLIO_PDF_OBJFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "util/buf.h"

typedef struct pobjfile {
    const char *data; /* the file, mapped */
    size_t len;
    size_t *offset;  /* object number → where "N 0 obj" starts; 0: free */
    size_t n;        /* the trailer's /Size */
    size_t body_end; /* where the cross-reference table starts */
    size_t table;    /* where its first entry starts */
    size_t root, info; /* the trailer's /Root and /Info (0: none) */
} pobjfile;

/* Maps the file at fd (writable: what pobjfile_unlink changes goes to the
 * file) and reads its table. False when it is not a file of that form. */
bool pobjfile_map(pobjfile *f, int fd, bool writable);
void pobjfile_free(pobjfile *f);
/* Lets the pages of the mapping read so far go: a walk over every object
 * calls it now and then, so a long file is never resident whole. */
void pobjfile_forget(const pobjfile *f);
/* Makes object num a free entry of the table (the object's bytes stay,
 * unused); f was mapped writable. */
void pobjfile_unlink(pobjfile *f, size_t num);

/* The value that follows key (e.g. "/StructParents") in the outermost
 * dictionary of object num, when it is a name or a number: copied into
 * v[0, size) NUL-terminated. */
bool pobjfile_key(const pobjfile *f, size_t num, const char *key, char *v, size_t size);

/* The copy being written to a file, in pieces: f's objects, then new
 * ones, then a new table and trailer. */
typedef struct pobjout {
    buf out;        /* the object being written, and the file's tail not yet written */
    int fd;
    size_t written; /* bytes written to fd */
    GChecksum *md5; /* of those bytes */
    bool failed;    /* a write failed (errno says why) */
    size_t *offset; /* object number → its offset in the file */
    size_t n, cap;  /* numbers in use; room */
} pobjout;

/* Starts the copy to fd (from its current position, counted from 0) with
 * every object of f but drop (0: none), whose number a new object must
 * take. */
void pobjout_begin(pobjout *w, const pobjfile *f, size_t drop, int fd);
/* A fresh object number. */
size_t pobjout_number(pobjout *w);
/* Opens object num ("num 0 obj"): its text follows in w->out. */
void pobjout_open(pobjout *w, size_t num);
void pobjout_close(pobjout *w);
/* Ends the file: cross-reference table, trailer naming root and info, and
 * an /ID that is the MD5 of everything before it (the same objects, the
 * same bytes); frees w. False, with errno set, when a write failed. */
bool pobjout_finish(pobjout *w, size_t root, size_t info);

/* A text string: literal when it is printable ASCII, else UTF-16BE with
 * its byte-order mark. */
void pdf_put_text_string(buf *b, const char *utf8);
/* A byte string as a literal, every byte outside printable ASCII escaped. */
void pdf_put_byte_string(buf *b, const char *bytes);

#endif

/* A PDF file as cairo 1.16 writes it (one classic cross-reference
 * section, no object streams) read where it lies, mapped, and the file
 * the finisher writes from it, object by object: nothing is ever held
 * whole (a long document has hundreds of thousands of objects). */
#ifndef FOLIO_PDF_OBJFILE_H
#define FOLIO_PDF_OBJFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>
#include <libdeflate.h>

#include "pobj.h"
#include "util/buf.h"
#include "util/spill.h"

/* A tree (pages, numbers) deeper than this is no file of cairo's: it
 * writes one level. */
#define POBJ_MAX_TREE_DEPTH 32

typedef struct pobjfile {
    const char *data; /* the file, mapped */
    size_t len;
    size_t *offset;  /* object number → where "N 0 obj" starts; 0: free */
    size_t *end;     /* object number → where the next object starts */
    spill offset_store, end_store; /* of offset and end: a long document has
                                      hundreds of thousands of objects */
    size_t n;        /* the trailer's /Size */
    size_t body_end; /* where the cross-reference table starts */
    size_t root, info; /* the trailer's /Root and /Info (0: none) */
} pobjfile;

/* Maps the file at fd (read only) and reads its table. False when it is
 * not a file of that form. */
bool pobjfile_map(pobjfile *f, int fd);
void pobjfile_free(pobjfile *f);
/* Lets the pages of the mapping read so far go, and those of its tables: a
 * walk over every object calls it now and then, so a long file is never
 * resident whole. */
void pobjfile_forget(const pobjfile *f);

/* Object num ("num 0 obj" … "endobj"): its value parsed into v (to be
 * freed: pobj_free) and, for a stream, its data where it lies (raw,
 * /Length bytes, a direct length or one object away). False, v empty,
 * when num is no object of f or what is there cannot be read. */
bool pobjfile_read(const pobjfile *f, size_t num, pobj *v, const char **data, size_t *len);
/* Where object num's bytes start, and its size (to the next object). */
size_t pobjfile_extent(const pobjfile *f, size_t num, size_t *len);
/* Whether object num is one of cairo's structure elements (most of a
 * tagged file's objects: told at a glance, not parsed). */
bool pobjfile_is_struct_elem(const pobjfile *f, size_t num);
/* cairo's structure tree under root (a reference to its /StructTreeRoot):
 * marks[num] = mark for the root, its parent tree (a number tree: /Nums,
 * /Kids) and the arrays that tree leads to. The finisher and the merger of
 * parts both replace cairo's tree; its elements they drop as they meet them. */
void pobjfile_mark_structure(const pobjfile *f, const pobj *root, unsigned char *marks,
                             unsigned char mark);

/* The file being written, in pieces: objects copied, edited or new, then
 * a new table and trailer. */
typedef struct pobjout {
    buf out;        /* the object being written, and the file's tail not yet written */
    int fd;
    size_t written; /* bytes written to fd */
    GChecksum *md5; /* of those bytes */
    bool failed;    /* a write failed (errno says why) */
    size_t *offset; /* object number → its offset in the file (in offset_store) */
    size_t n, cap;  /* numbers in use; room */
    size_t *reuse;  /* numbers given back, the lowest last (in reuse_store) */
    spill offset_store, reuse_store; /* let go at each write of the file */
    size_t n_reuse;
    size_t first_new; /* numbers below are those of the file read */
    struct libdeflate_compressor *z; /* for pobjout_stream, made when first needed */
    unsigned char *zbuf;             /* its output */
    size_t zcap;
} pobjout;

/* Starts the file written to fd (from its current position, counted
 * from 0), whose object numbers below n are those of the file read. */
void pobjout_start(pobjout *w, int fd, size_t n);
/* Object num of f, its bytes unchanged. */
void pobjout_copy(pobjout *w, const pobjfile *f, size_t num);
/* Bytes of the object open (a stream's data), written as they are. */
void pobjout_data(pobjout *w, const void *data, size_t len);
/* A fresh object number: one given back, else a new one. */
size_t pobjout_number(pobjout *w);
/* Gives back the numbers below w's first new one that no object took (the
 * objects of the file read that were dropped): new objects take them, so
 * the table has no gaps where they were. */
void pobjout_reuse_free(pobjout *w);
/* Opens object num ("num 0 obj"): its text follows in w->out. */
void pobjout_open(pobjout *w, size_t num);
void pobjout_close(pobjout *w);
/* Writes what the open object holds so far when it is large (a long /K
 * array), so that no object's text is ever held whole. */
void pobjout_drain(pobjout *w);
/* Writes object num: a stream of len bytes at data, deflated or not,
 * whose dictionary holds keys (written as they are: "/Type /Metadata
 * /Subtype /XML", or "") besides /Length and /Filter. */
void pobjout_stream(pobjout *w, size_t num, const char *keys, const void *data, size_t len,
                    bool deflate);
/* The same for data already deflated by pobj_deflate. */
void pobjout_stream_deflated(pobjout *w, size_t num, const char *keys, const void *data,
                             size_t len);
/* len bytes at data deflated as pobjout_stream does (zlib stream,
 * libdeflate's level 6) into *out (grown to *cap as needed) with *z (made
 * when NULL; the caller frees it): the length written. */
size_t pobj_deflate(struct libdeflate_compressor **z, const void *data, size_t len,
                    unsigned char **out, size_t *cap);
/* Ends the file: cross-reference table (numbers never opened are free
 * entries), trailer naming root and info, and an /ID that is the MD5 of
 * everything before it (the same objects, the same bytes); frees w.
 * False, with errno set, when a write failed. */
bool pobjout_finish(pobjout *w, size_t root, size_t info);
/* Frees w, its file left unfinished (an error). */
void pobjout_free(pobjout *w);

/* A text string: literal when it is printable ASCII, else UTF-16BE with
 * its byte-order mark. */
void pdf_put_text_string(buf *b, const char *utf8);
/* A byte string as a literal, every byte outside printable ASCII escaped. */
void pdf_put_byte_string(buf *b, const char *bytes);

#endif

/* The sources of a PDF/A-3 as associated files (ISO 19005-3, 6.8): each an
 * EmbeddedFile stream with its MIME type as /Subtype and /Params (size,
 * MD5 checksum, date), a file specification with /F, /UF, /Desc and
 * /AFRelationship /Source, listed in the catalog's /AF array and in the
 * EmbeddedFiles name tree (what `pdfdetach -list` shows). */
#ifndef FOLIO_PDF_ATTACH_H
#define FOLIO_PDF_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#include "objfile.h"
#include "util/buf.h"

typedef struct pdf_attachment {
    const char *name;          /* as listed: "index.qmd", "infolettre_21/_snippet.qmd" */
    const char *mime;          /* "text/markdown" */
    const unsigned char *data; /* the file's bytes, as on disk */
    size_t len;
} pdf_attachment;

/* The MIME type folio declares for a source file, from its name. */
const char *pdf_attachment_mime(const char *name);

/* Writes the n files (sorted by name: the name tree needs it) to w,
 * dated modified, each an EmbeddedFile stream and its specification;
 * appends to af the array of the specifications ("[ 12 0 R … ]") and
 * returns the number of the EmbeddedFiles name tree. */
size_t pdf_attach_write(pobjout *w, const pdf_attachment *files, size_t n, int64_t modified,
                        buf *af);

#endif

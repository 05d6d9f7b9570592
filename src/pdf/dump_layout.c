/* The layout as text, one box a line, page by page: the golden format of
 * the tests/pdf .layout files (pagination is tested without reading PDF bytes). */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "formula.h"
#include "qr.h"

static const char *const kind_names[] = {"line", "fill", "rule", "frame", "image",
                                         "checkbox", "link", "dest", "tocnum", "math",
                                         "cover", "qr", "continued"};

/* Up to 40 characters of s, on one line, quoted. */
static void put_excerpt(FILE *out, const char *s)
{
    fputs(" \"", out);
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (p[0] == 0xc2 && p[1] == 0xad) { /* soft hyphens: noise here */
            p++;
            continue;
        }
        if ((*p & 0xc0) != 0x80 && ++chars > 40)
            break;
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fputc(' ', out);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

void playout_dump(const playout *pl, FILE *out)
{
    fprintf(out, "pages %zu size %.1f x %.1f links %d\n", pl->n_pages, pl->page_w, pl->page_h,
            pl->n_links);
    for (size_t i = 0; i < pl->n_pages; i++) {
        const ppage *p = &pl->pages[i];
        fprintf(out, "page %zu doc %d%s%s\n", i + 1, p->doc, p->no_header ? " no-header" : "",
                p->landscape ? " landscape" : "");
        for (size_t k = 0; k < p->n; k++) {
            const pbox *b = &p->boxes[k];
            fprintf(out, "  %s %.1f %.1f %.1f %.1f", kind_names[b->kind], b->x, b->y, b->w,
                    b->h);
            switch (b->kind) {
            case PB_LINE: {
                fprintf(out, " %s", ptag_name(b->tag));
                char *text = pbox_line_text(b);
                put_excerpt(out, text);
                free(text);
                if (tpara_line(b->para, b->line)->hyphen) /* a word cut at its end */
                    fputs(" hyphen", out);
                break;
            }
            case PB_QR:
                fprintf(out, " %d", b->qr->size);
                put_excerpt(out, b->text);
                break;
            case PB_LINK:
                fprintf(out, " %s", b->internal ? "#" : "");
                fputs(b->text, out);
                break;
            case PB_CHECKBOX:
                fputs(b->checked ? " checked" : " unchecked", out);
                break;
            case PB_TOCNUM:
                fprintf(out, " page %d #%s", b->toc->page, b->toc->dest);
                break;
            case PB_MATH:
                put_excerpt(out, b->math->text);
                break;
            case PB_DEST:
            case PB_COVER:
            case PB_FRAME:
            case PB_IMAGE:
                if (b->text)
                    put_excerpt(out, b->text);
                break;
            default:
                break;
            }
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < pl->n_entries; i++) {
        const ptoc_entry *e = &pl->entries[i];
        fprintf(out, "outline %d page %d", e->level, e->page);
        put_excerpt(out, e->title);
        fputc('\n', out);
    }
}

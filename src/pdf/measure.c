/* Measuring before placing: what a container of paragraphs and lists
 * needs on the page, so that short callouts and quotes are never split and
 * a container's title keeps the start of its body. */
#include <string.h>

#include "doc/tree.h"
#include "engine.h"

/* The lines of blocks [first, …) at width w and their height (*h), as they
 * will be laid out: paragraphs and lists of them; -1 for anything else, or
 * for more than max lines (such a block may be split anyway). Shapes the
 * text a first time, without numbering notes (lctx.measuring). */
static int measure_run(lctx *lc, const fnode *first, const fnode *last, double w, double *h)
{
    ptext t = {0};
    ptext_inlines(lc, &t, first, last, PF_BODY, lc->st->size_body, false, false,
                  lc->st->color_text, w, lc->st->justify ? TALIGN_JUSTIFY : TALIGN_LEFT);
    int lines = ptext_n_lines(&t);
    *h += ptext_height(&t);
    ptext_free(&t);
    return lines;
}

static int measure_blocks(lctx *lc, const fnode *first, double w, int max, double *h)
{
    int lines = 0;
    for (const fnode *c = first; c && lines >= 0 && lines <= max; c = c->next) {
        if (c != first)
            *h += lctx_block_space(lc);
        if (fnode_is_inline(c)) { /* a tight item's text */
            const fnode *last = c;
            while (last->next && fnode_is_inline(last->next))
                last = last->next;
            lines += measure_run(lc, c, last, w, h);
            c = last;
        } else if (c->type == FN_PARAGRAPH && c->first && !block_image(c->first)) {
            lines += measure_run(lc, c->first, NULL, w, h);
        } else if (c->type == FN_LIST) {
            double indent = lctx_nested_indent(lc, lc->st->size_body * 1.6);
            for (const fnode *item = c->first; item && lines >= 0; item = item->next) {
                int n = measure_blocks(lc, item->first, w - indent, max - lines, h);
                lines = n < 0 ? -1 : lines + n;
            }
        } else {
            lines = -1;
        }
    }
    return lines <= max ? lines : -1;
}

/* measure_blocks for a container, with an allowance for the notes its
 * links and references will add at the page's foot. */
int container_lines(lctx *lc, const fnode *first, double w, int max, double *h)
{
    *h = 0;
    lc->measuring = true;
    lc->measured_notes = 0;
    int lines = measure_blocks(lc, first, w, max, h);
    lc->measuring = false;
    if (lc->measured_notes) /* each note a line at the foot, under a separator */
        *h += lc->measured_notes * lc->st->size_small * 1.75 +
              (lc->page_notes ? 0 : lc->st->size_body);
    return lines;
}

/* The lines of a code block's source (wrapping aside). */
static int code_lines(const fnode *c)
{
    const char *s = c->as.code.literal ? c->as.code.literal : "";
    int n = 1;
    for (size_t i = 0, len = strlen(s); i + 1 < len; i++)
        n += s[i] == '\n';
    return n;
}

/* The height the first block of a container needs beside its title: two
 * lines of text, or its image; a code block's first three lines (what it
 * keeps together), and when it has a single line, the start of the block
 * after it too; a callout's title and the start of its own body. */
double first_block_height(lctx *lc, const fnode *c, double w)
{
    while (c && c->type == FN_HTML_COMMENT)
        c = c->next; /* not printed */
    if (c && c->type == FN_CALLOUT) {
        const fnode *body = c->first && c->first->type == FN_CAPTION ? c->first->next : c->first;
        double pad = lc->st->size_body * 0.6;
        return callout_title_height(lc) + first_block_height(lc, body, w - 3 - 2 * pad);
    }
    if (c && c->type == FN_CODE_BLOCK) {
        int n = code_lines(c);
        double lines = (n < 3 ? n : 3) * lc->st->size_code * 1.15 + 2 * lc->st->size_code * 0.6;
        if (n == 1 && c->next)
            lines += lctx_block_space(lc) + first_block_height(lc, c->next, w);
        return lines;
    }
    const fnode *img = c && c->type == FN_PARAGRAPH && c->first ? block_image(c->first) : NULL;
    if (c && c->type == FN_FIGURE)
        return layout_image_height(lc, &c->as.image,
                                   fnode_caption(c), w);
    if (img)
        return layout_image_height(lc, &img->as.image, NULL, w);
    return 2 * lctx_body_line(lc);
}

/* Total-fit line breaking (Knuth & Plass, "Breaking Paragraphs into
 * Lines", 1981) over boxes, glue and penalties: the breaks of a whole
 * paragraph are chosen together, so that no line is much looser than the
 * others, instead of filling each line in turn and leaving the next to
 * cope. Widths are integers (Pango units); the items know nothing of text.
 *
 * - a box is something to print (a word, a piece of one, an inline image);
 * - glue is space that may stretch and shrink;
 * - a penalty is the only place to break, at a cost (LB_INF: never,
 *   -LB_INF: always); its width is printed only when the line breaks there
 *   (the hyphen); flagged penalties (hyphens) should not end two lines in a
 *   row. A break removes every glue and penalty after it up to the next
 *   box. A breakable space is a penalty then its glue (the paper's "glue
 *   after a box" rule, made explicit, so that glue alone never breaks:
 *   no-break spaces are glue alone). */
#ifndef FOLIO_TEXT_LINEBREAK_H
#define FOLIO_TEXT_LINEBREAK_H

#include <stdbool.h>

#define LB_INF 10000

typedef enum lb_kind { LB_BOX, LB_GLUE, LB_PENALTY } lb_kind;

typedef struct lb_item {
    lb_kind kind;
    bool flagged; /* penalty: a hyphen */
    bool fil;     /* glue: stretches without limit (ragged line ends) */
    int width;
    int stretch, shrink; /* glue */
    int penalty;         /* penalty */
} lb_item;

/* The breaks of items[0, n) for lines of width line_width: on return
 * (*breaks)[0..count) are item indices, each the penalty a line ends
 * at, the last one being the paragraph's final item (which must be a
 * forced penalty). *breaks is malloc'ed (the caller frees).
 *
 * Tries a strict tolerance first, then a loose one; when even that finds
 * no way (a box wider than the line), lines may be overfull rather than
 * no breaks found. Linear in n for text (the candidate lines at each
 * point are those that fit in one line width). */
int linebreak(const lb_item *items, int n, int line_width, int **breaks);

/* The adjustment ratio of the line items[from, to] (from: the first item
 * after the previous break, to: the break): 0 natural, 1 each glue
 * stretched by its full stretch, -1 shrunk by its full shrink; 0 when the
 * line has fil glue and is short; a large number when it is short and
 * cannot stretch. */
double lb_ratio(const lb_item *items, int from, int to, int line_width);

#endif

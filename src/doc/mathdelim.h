/* Which $ is math: pandoc's tex_math_dollars rule on the pre-pass text.
 * An opening $ has a non-space right after it, a closing $ a non-space
 * right before it and no digit right after it; \$ is a dollar; $$…$$ is
 * display math. In the Hugo dialect (MathJax pages) \(…\) and \[…\] are
 * math too. */
#ifndef FOLIO_MATHDELIM_H
#define FOLIO_MATHDELIM_H

#include <stdbool.h>

#include "util/buf.h"

/* Rewrites text so that md4c's $ spans are exactly pandoc's: every other
 * $ is escaped, \( \) \[ \] become $ and $$ (same length). Line i of the
 * result is line i of text. */
void mathdelim_apply(buf *text, bool hugo);

#endif

/* The lexical rules of PDF (ISO 32000-1 7.2) that both readers of cairo's
 * output share: the object parser (pobj.c) and the content-stream
 * rewriter (marked.c). Inline: the rewriter runs them on every byte. */
#ifndef FOLIO_PDF_SYNTAX_H
#define FOLIO_PDF_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

static inline bool pdf_is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static inline bool pdf_is_delimiter(char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}

/* A byte of a regular token: a number, a keyword, a name after its slash. */
static inline bool pdf_is_regular(char c)
{
    return !pdf_is_space(c) && !pdf_is_delimiter(c);
}

/* Past the literal string at p (its '('): balanced parentheses, backslash
 * escapes. NULL when it does not end before end. */
static inline const char *pdf_skip_literal(const char *p, const char *end)
{
    int depth = 0;
    for (; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0)
            return p + 1;
    }
    return NULL;
}

#endif

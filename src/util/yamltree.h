/* One YAML loader for every YAML file folio reads (front matter, styles,
 * _variables.yml, project files): libyaml's event parser builds a small
 * tree of our own, with the depth and node limits checked as each event
 * arrives, so a hostile file costs at most the limits, never its own size
 * (libyaml's document loader is quadratic in depth and counts nodes only
 * after loading all of them). No libyaml type gets out of here. */
#ifndef FOLIO_YAMLTREE_H
#define FOLIO_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

/* The limits, one pair for every YAML input: front matter is a handful of
 * keys, a style a few dozen, project variables a few hundred. */
enum { YTREE_MAX_DEPTH = 64, YTREE_MAX_NODES = 20000 };

typedef enum ykind { Y_SCALAR, Y_MAP, Y_SEQ } ykind;

typedef struct ynode ynode;
struct ynode {
    ykind kind;
    int line, col;     /* 1-based, in the file the text came from */
    bool plain;        /* Y_SCALAR written without quotes or block style */
    const char *text;  /* Y_SCALAR: NUL-terminated */
    size_t len;        /* Y_SCALAR: bytes in text */
    const ynode **kids; /* Y_MAP: key, value, key, value…; Y_SEQ: the items */
    size_t n;          /* entries in kids (twice the pairs of a map) */
};

typedef struct ytree ytree;

/*
 * Parses the first YAML document of text[0..len). Lines count from
 * first_line (the line of file the text starts on). An alias is the node
 * its anchor names (shared, never copied), so a tree may hold cycles:
 * walkers bound their own work. On malformed YAML, more than
 * YTREE_MAX_DEPTH nested collections or more than YTREE_MAX_NODES nodes,
 * reports "file:line:col: error: WHAT: problem" and returns NULL. The caller
 * owns the tree (ytree_free); an empty document has a NULL root.
 */
ytree *ytree_parse(const char *text, size_t len, const char *file, int first_line,
                   const char *what, fdiag *d);
/* The top node, NULL for an empty document. Borrowed from t. */
const ynode *ytree_root(const ytree *t);
void ytree_free(ytree *t);

/* A plain null: ~, null, Null, NULL or nothing. */
bool ynode_is_null(const ynode *n);

#endif

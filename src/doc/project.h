/* The project a source belongs to: its root folder and the site settings
 * that matter to a reader (title, address, language, execution defaults,
 * bibliography, emoji, author pages). Read from Quarto's _quarto.yml (and
 * the profile file it names, such as _quarto-fr.yml) or Hugo's site
 * configuration (config.*, hugo.*, config/_default/).
 *
 * The root is the nearest folder at or above the source's that holds
 * _quarto.yml, a Hugo configuration or .git: images and includes anywhere
 * inside it belong to the issue. */
#ifndef FOLIO_PROJECT_H
#define FOLIO_PROJECT_H

#include <stdbool.h>

#include "util/arena.h"
#include "util/diag.h"

typedef enum fproject_kind {
    FPROJECT_NONE,   /* no root found: the source's folder is the boundary */
    FPROJECT_QUARTO, /* _quarto.yml */
    FPROJECT_HUGO,   /* config.*, hugo.* or config/ */
    FPROJECT_GIT,    /* only a repository */
} fproject_kind;

/* Quarto's code-annotations: what becomes of a code line's "# <1>". */
typedef enum fannotations {
    FANNOT_UNSET, /* 0: a zeroed fmeta or fproject says nothing */
    FANNOT_OFF,    /* false: nothing read, the markers stay in the code */
    FANNOT_SHOWN,  /* true, below, hover, select (the default) */
    FANNOT_HIDDEN, /* none: the markers taken out, the list of notes too */
} fannotations;

typedef struct fproject {
    fproject_kind kind;
    const char *root;         /* real path of the root folder; NULL with FPROJECT_NONE */
    const char *title;        /* website.title / Hugo title; NULL when unset */
    const char *site_url;     /* website.site-url / Hugo baseURL when absolute; NULL */
    const char *lang;         /* Quarto lang (profile included); NULL when unset */
    const char *hugo_lang;    /* Hugo's language code: a hint only, the text decides */
    int echo;                 /* Quarto execute: echo: -1 unset, 0, 1 */
    fannotations code_annotations; /* Quarto code-annotations */
    const char **bibliography; /* Quarto bibliography (one or a list), absolute paths */
    size_t n_bibliography;
    bool emoji;               /* Hugo enableEmoji, Quarto from: markdown+emoji */
    const char **words;       /* Quarto language: (as fmeta.words); NULL when none */
} fproject;

/* Finds the project of a source in folder dir (NULL: none, as for text in
 * memory) and reads its settings into out; strings live in the arena.
 * Settings it cannot read are reported as warnings and left unset.
 * Returns false only when out of memory. */
bool project_load(const char *dir, arena *a, fdiag *d, fproject *out);

/* The display name of a Hugo author key ("linogaliana" → "Lino Galiana")
 * from content/authors/<key>/_index.md under the root; NULL when there is
 * no such page (the key is then the name). */
const char *project_author_name(const fproject *p, const char *key, arena *a);

/* Where the site publishes a page written in file (a source or a file it
 * links to, inside the root): site URL + its path, Quarto's .qmd/.md as
 * .html, a page bundle's index (index.qmd, index.md) as its folder "x/".
 * NULL when the site's URL or the file's place in it is not known. */
const char *project_page_url(const fproject *p, const char *file, arena *a);

/* The same for a page at path rel from the root ("blog/y/index.qmd"),
 * which need not be on this disk. */
const char *project_site_url(const fproject *p, const char *rel, arena *a);

#endif

/* Heading ids: slugs and uniqueness. */
#include "check.h"
#include "doc/slug.h"
#include "doc/tree.h"

static fnode *heading(arena *a, fnode *doc, const char *text, const char *id)
{
    fnode *h = fnode_new(a, FN_HEADING, 1);
    h->as.heading.level = 2;
    h->as.heading.id = id;
    fnode *t = fnode_new(a, FN_TEXT, 1);
    t->as.literal = text;
    fnode_append(h, t);
    fnode_append(doc, h);
    return h;
}

int main(void)
{
    arena *a = arena_new();
    CHECK_STR(slug_from_text(a, "Actualités de la data science"), "actualites-de-la-data-science");
    CHECK_STR(slug_from_text(a, "Débats : l’IA, « ChatGPT » & co !"), "debats-lia-chatgpt-co");
    CHECK_STR(slug_from_text(a, "  Œuvres — 2023  "), "oeuvres-2023");
    CHECK_STR(slug_from_text(a, "Straße_und Größe"), "strasse_und-grosse");
    CHECK_STR(slug_from_text(a, "Привет мир"), "Привет-мир");
    CHECK_STR(slug_from_text(a, "🎉 !!"), "section");
    CHECK_STR(slug_from_text(a, ""), "section");

    fnode *doc = fnode_new(a, FN_DOCUMENT, 0);
    fnode *h1 = heading(a, doc, "Intro", NULL);
    fnode *h2 = heading(a, doc, "Intro", NULL);
    fnode *h3 = heading(a, doc, "Autre", "intro-2"); /* explicit: kept, and avoided */
    fnode *h4 = heading(a, doc, "Intro", NULL);
    fnode *h5 = heading(a, doc, "", NULL);
    fnode *h6 = heading(a, doc, "?", NULL);
    /* a heading inside a callout is found too */
    fnode *box = fnode_new(a, FN_CALLOUT, 1);
    fnode_append(doc, box);
    fnode *inner = fnode_new(a, FN_HEADING, 1);
    fnode *t = fnode_new(a, FN_TEXT, 1);
    t->as.literal = "Autre";
    fnode_append(inner, t);
    fnode_append(box, inner);
    fnode *h7 = heading(a, doc, "Section", NULL);

    slug_assign_ids(doc, a);
    CHECK_STR(h1->as.heading.id, "intro");
    CHECK_STR(h2->as.heading.id, "intro-1");
    CHECK_STR(h3->as.heading.id, "intro-2");
    CHECK_STR(h4->as.heading.id, "intro-3");
    CHECK_STR(h5->as.heading.id, "section");
    CHECK_STR(h6->as.heading.id, "section-1");
    CHECK_STR(inner->as.heading.id, "autre");
    CHECK_STR(h7->as.heading.id, "section-2");
    arena_drop(a);
    return check_done();
}

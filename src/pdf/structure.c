#include "structure.h"

#include <string.h>

typedef struct walk {
    qpdf_data q;
    const char *const *alt;
    size_t n, seen;
} walk;

/* Pre-order, children in /K order: the order cairo opened the elements. */
static void visit(walk *w, qpdf_oh k, int depth)
{
    qpdf_data q = w->q;
    if (depth > 512)
        return;
    if (qpdf_oh_is_array(q, k)) {
        int n = qpdf_oh_get_array_n_items(q, k);
        for (int i = 0; i < n; i++)
            visit(w, qpdf_oh_get_array_item(q, k, i), depth + 1);
        return;
    }
    if (!qpdf_oh_is_dictionary(q, k))
        return; /* a marked-content id */
    qpdf_oh s = qpdf_oh_get_key(q, k, "/S");
    if (!qpdf_oh_is_name(q, s))
        return; /* a marked-content or object reference */
    if (!strcmp(qpdf_oh_get_name(q, s), "/Figure")) {
        if (w->seen < w->n && w->alt[w->seen])
            qpdf_oh_replace_key(q, k, "/Alt", qpdf_oh_new_unicode_string(q, w->alt[w->seen]));
        w->seen++;
    }
    visit(w, qpdf_oh_get_key(q, k, "/K"), depth + 1);
}

size_t pdf_structure_set_alt(qpdf_data q, const char *const *alt, size_t n)
{
    walk w = {.q = q, .alt = alt, .n = n};
    qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
    visit(&w, qpdf_oh_get_key(q, root, "/K"), 0);
    return w.seen;
}

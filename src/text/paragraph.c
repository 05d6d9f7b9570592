/* The paragraph object: its lifetime and what the layout reads of it. */
#include <stdlib.h>
#include <string.h>

#include "para_internal.h"

tpara *tpara_new(const tpara_input *in)
{
    tpara *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->refs = 1;
    p->context = g_object_ref(in->context);
    p->cache = in->cache;
    p->code = in->code;
    p->line_spacing = in->line_spacing;
    if (!tpara_build(p, in)) {
        tpara_unref(p);
        return NULL;
    }
    return p;
}

tpara *tpara_ref(tpara *p)
{
    p->refs++;
    return p;
}

void tpara_unref(tpara *p)
{
    if (!p || --p->refs > 0)
        return;
    tpara_free_lines(p);
    for (int i = 0; i < p->n_units; i++)
        tword_release(p->units[i].word);
    for (int i = 0; i < p->n_items; i++)
        pango_item_free(p->items[i].item);
    free(p->units);
    free(p->items);
    free(p->pieces);
    free(p->lines);
    g_free(p->hyph);
    free(p->text);
    if (p->font)
        pango_font_description_free(p->font);
    g_object_unref(p->context);
    free(p);
}

const char *tpara_text(const tpara *p)
{
    return p->text;
}

int tpara_len(const tpara *p)
{
    return p->len;
}

int tpara_n_lines(const tpara *p)
{
    return p->n_lines;
}

const tline *tpara_line(const tpara *p, int i)
{
    return &p->lines[i];
}

double tpara_height(const tpara *p)
{
    return p->n_lines ? p->lines[p->n_lines - 1].y + p->lines[p->n_lines - 1].h : 0;
}

double tpara_width(const tpara *p)
{
    double w = 0;
    for (int i = 0; i < p->n_lines; i++)
        if (p->lines[i].width > w)
            w = p->lines[i].width;
    return w;
}

/* Known from the build: the layout asks at every line, and a walk over
 * the items there made a long paragraph quadratic (64k hard breaks). */
bool tpara_has_objects(const tpara *p)
{
    return p->has_objects;
}

double tpara_min_width(const tpara *p)
{
    return (double)p->min_width / PANGO_SCALE;
}

char *tpara_line_text(const tpara *p, int i)
{
    const tline *l = &p->lines[i];
    GString *s = g_string_new(NULL);
    for (int k = l->first; k < l->first + l->n; k++) {
        const tpiece *pc = &p->pieces[k];
        const char *t = p->text + pc->start;
        for (int b = 0; b < pc->len; b++) {
            if (b + 1 < pc->len && (unsigned char)t[b] == 0xc2 && (unsigned char)t[b + 1] == 0xad) {
                b++; /* soft hyphens are not printed */
                continue;
            }
            g_string_append_c(s, t[b]);
        }
    }
    if (l->hyphen)
        g_string_append_c(s, '-');
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    if (!out)
        abort();
    return out;
}

#include "run_text.h"

#include <stdlib.h>
#include <string.h>

#define SHY "\xC2\xAD"
#define SHY_LEN 2

/* Whether [s, s + len) holds a soft hyphen and something else. */
static bool inner_shy(const char *s, int len)
{
    return len > SHY_LEN && memmem(s, (size_t)len, SHY, SHY_LEN) != NULL;
}

/* Whether the cluster is a soft hyphen alone, drawn (where a line was cut). */
static bool drawn_shy(const char *text, const PangoGlyphItemIter *it)
{
    if (it->end_index - it->start_index != SHY_LEN || memcmp(text + it->start_index, SHY, SHY_LEN))
        return false;
    const PangoGlyphString *g = it->glyph_item->glyphs;
    for (int i = it->start_glyph; i < it->end_glyph; i++)
        if (g->glyphs[i].glyph != PANGO_GLYPH_EMPTY && g->glyphs[i].geometry.width > 0)
            return true;
    return false;
}

bool pdf_run_text_rewritten(const char *text, const PangoGlyphItem *run)
{
    const PangoItem *item = run->item;
    if (item->analysis.level % 2 || !memmem(text + item->offset, (size_t)item->length, SHY, SHY_LEN))
        return false;
    PangoGlyphItemIter it;
    for (gboolean ok = pango_glyph_item_iter_init_start(&it, (PangoGlyphItem *)run, text); ok;
         ok = pango_glyph_item_iter_next_cluster(&it))
        if (inner_shy(text + it.start_index, it.end_index - it.start_index) || drawn_shy(text, &it))
            return true;
    return false;
}

/* Whether s starts with a bidi embedding, override or isolate control
 * (U+202A-202E, U+2066-2069), 3 bytes in UTF-8: the layout puts them
 * around a span with a direction of its own (layout_inline.c); they order
 * the glyphs and are not the reader's text. */
static bool bidi_control(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return u[0] == 0xe2 && ((u[1] == 0x80 && u[2] >= 0xaa && u[2] <= 0xae) ||
                            (u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9));
}

/* Bytes [from, to) of the run's text as its text layer gives them: a drawn
 * soft hyphen as "-", soft hyphens inside a longer cluster and bidi
 * controls dropped (see run_text.h). Returns the bytes written at out. */
static int layer_text(const char *text, int from, int to, bool drawn_hyphen, char *out)
{
    if (drawn_hyphen) {
        out[0] = '-';
        return 1;
    }
    bool drop = inner_shy(text + from, to - from);
    int n = 0;
    for (int i = from; i < to; i++) {
        if (drop && !memcmp(text + i, SHY, SHY_LEN)) {
            i++;
            continue;
        }
        if (to - i >= 3 && bidi_control(text + i)) {
            i += 2;
            continue;
        }
        out[n++] = text[i];
    }
    return n;
}

/* Whether a glyph of [lo, hi) is drawn with some width. */
static bool inked_cluster(const PangoGlyphString *gs, int lo, int hi)
{
    for (int g = lo; g < hi; g++)
        if (gs->glyphs[g].glyph != PANGO_GLYPH_EMPTY && gs->glyphs[g].geometry.width > 0)
            return true;
    return false;
}

/* Reverses the characters of [s, s + len) in place. */
static void reverse_chars(char *s, int len)
{
    char *r = g_utf8_strreverse(s, len);
    memcpy(s, r, (size_t)len);
    g_free(r);
}

/* Makes clusters [from, to) of a right-to-left run (their glyphs g[0, n),
 * their text utf8[0, bytes)) one cluster, the word's, that cairo gives an
 * /ActualText span. pdftotext (poppler 22.12) puts a span's characters
 * left to right over the box from its first glyph's origin to its last
 * glyph's advance, then reads Arabic and Hebrew from the right: the text
 * goes in visual order, and the glyphs in an order whose first is the
 * leftmost on the baseline and last the rightmost (cairo draws a backward
 * cluster's glyphs from its end: they are stored reversed). Otherwise the
 * box is inverted (cairo's own order) or slanted (a haraka or a niqqud at
 * either end) and pdftotext breaks the line around the word. */
static void merge_word(cairo_text_cluster_t *clusters, int from, int to, cairo_glyph_t *g, int n,
                       char *utf8, int bytes, double baseline)
{
    for (int c = from + 1; c < to; c++) {
        clusters[from].num_bytes += clusters[c].num_bytes;
        clusters[from].num_glyphs += clusters[c].num_glyphs;
    }
    reverse_chars(utf8, bytes);
    int left = 0, right = n - 1;
    while (left < n && g[left].y != baseline)
        left++;
    while (right >= 0 && g[right].y != baseline)
        right--;
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        cairo_glyph_t t = g[i];
        g[i] = g[j];
        g[j] = t;
    }
    if (left >= right)
        return; /* no two glyphs on the baseline: visual order */
    /* reversed, the rightmost baseline glyph to the front, the leftmost to
     * the end (the others keep their order) */
    int r = n - 1 - right, l = n - 1 - left;
    cairo_glyph_t t = g[r];
    memmove(g + 1, g, (size_t)r * sizeof *g);
    g[0] = t;
    t = g[l];
    memmove(g + l, g + l + 1, (size_t)(n - 1 - l) * sizeof *g);
    g[n - 1] = t;
}

/* Gives each word of a right-to-left run (the clusters between spaces) that
 * holds a complex cluster one cluster of its own (merge_word). The words
 * of simple clusters (one glyph for one character, drawn where the pen
 * is) are left as they are: pdftotext reads their glyphs' characters
 * through the font's ToUnicode in logical order. */
static void merge_words(cairo_text_cluster_t *clusters, const bool *complex_clusters,
                        int *n_clusters, cairo_glyph_t *glyphs, int n_glyphs, char *utf8,
                        double baseline)
{
    int m = 0, text = 0, glyph_end = n_glyphs; /* the word's first byte, its glyphs' end */
    for (int c = 0; c < *n_clusters;) {
        int end = c, bytes = 0, n = 0;
        bool complex = false;
        while (end < *n_clusters && !(clusters[end].num_bytes == 1 && utf8[text + bytes] == ' ')) {
            complex |= complex_clusters[end];
            bytes += clusters[end].num_bytes;
            n += clusters[end].num_glyphs;
            end++;
        }
        if (end == c) { /* a space */
            bytes = clusters[c].num_bytes;
            n = clusters[c].num_glyphs;
            clusters[m++] = clusters[c];
            end = c + 1;
        } else if (complex) {
            merge_word(clusters, c, end, glyphs + glyph_end - n, n, utf8 + text, bytes, baseline);
            clusters[m++] = clusters[c];
        } else {
            memmove(clusters + m, clusters + c, (size_t)(end - c) * sizeof *clusters);
            m += end - c;
        }
        text += bytes;
        glyph_end -= n;
        c = end;
    }
    *n_clusters = m;
}

bool pdf_run_show(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x, double y)
{
    const PangoItem *item = run->item;
    const PangoGlyphString *gs = run->glyphs;
    int n = gs->num_glyphs;
    bool rtl = item->analysis.level % 2;
    if (!item->analysis.font || n == 0 || item->length <= 0)
        return false;
    for (int g = 0; g < n; g++)
        if (gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) /* Pango draws its hex box */
            return false;
    cairo_scaled_font_t *font = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(item->analysis.font));
    if (!font || cairo_scaled_font_status(font) != CAIRO_STATUS_SUCCESS)
        return false;
    cairo_glyph_t stack_glyphs[256];
    cairo_text_cluster_t stack_clusters[256];
    bool stack_complex[256];
    int stack_inked[257];
    char stack_utf8[1024];
    cairo_glyph_t *glyphs = n <= 256 ? stack_glyphs : malloc((size_t)n * sizeof *glyphs);
    cairo_text_cluster_t *clusters = n <= 256 ? stack_clusters : malloc((size_t)n * sizeof *clusters);
    bool *complex = n <= 256 ? stack_complex : malloc((size_t)n * sizeof *complex);
    int *inked = n <= 256 ? stack_inked : malloc(((size_t)n + 1) * sizeof *inked);
    char *utf8 = item->length < (int)sizeof stack_utf8 ? stack_utf8 : malloc((size_t)item->length + 1);
    if (!glyphs || !clusters || !complex || !inked || !utf8)
        abort();
    /* the origin as Pango's renderer takes it: cairo's current point,
     * which cairo keeps in fixed point */
    double bx, by;
    cairo_move_to(cr, x, y);
    cairo_get_current_point(cr, &bx, &by);
    /* the glyphs in visual order, those of PANGO_GLYPH_EMPTY left out
     * (inked[g]: how many come before glyph g) */
    int n_glyphs = 0, x_position = 0;
    for (int g = 0; g < n; g++) {
        const PangoGlyphInfo *gi = &gs->glyphs[g];
        inked[g] = n_glyphs;
        if (gi->glyph != PANGO_GLYPH_EMPTY)
            glyphs[n_glyphs++] = (cairo_glyph_t){
                gi->glyph, bx + (double)(x_position + gi->geometry.x_offset) / PANGO_SCALE,
                gi->geometry.y_offset == 0 ? by : by + (double)gi->geometry.y_offset / PANGO_SCALE};
        x_position += gi->geometry.width;
    }
    inked[n] = n_glyphs;
    /* the clusters in logical order: a right-to-left run's glyphs are in
     * visual order, its first cluster at their end (cairo's backward flag) */
    const char *src = text + item->offset;
    int n_clusters = 0, n_bytes = 0;
    for (int k = 0, from = 0; k < n;) {
        /* glyphs [lo, hi): the next ones whose log_cluster is no larger */
        int lo, hi, to;
        if (!rtl) {
            lo = k, hi = k + 1;
            while (hi < n && gs->log_clusters[hi] <= gs->log_clusters[lo])
                hi++;
            to = hi < n ? gs->log_clusters[hi] : item->length;
        } else {
            hi = n - k, lo = hi - 1;
            while (lo > 0 && gs->log_clusters[lo - 1] <= gs->log_clusters[hi - 1])
                lo--;
            to = lo > 0 ? gs->log_clusters[lo - 1] : item->length;
        }
        k += hi - lo;
        bool hyphen = to - from == SHY_LEN && !memcmp(src + from, SHY, SHY_LEN) &&
                      inked_cluster(gs, lo, hi);
        int bytes = layer_text(src, from, to, hyphen, utf8 + n_bytes);
        /* complex (right to left): a lam-alef, a haraka or a niqqud (drawn
         * off the pen's place, or of no width), several glyphs for a
         * character */
        const PangoGlyphGeometry *geo = &gs->glyphs[lo].geometry;
        complex[n_clusters] = rtl && (hi - lo != 1 || inked[hi] - inked[lo] != 1 ||
                                      g_utf8_strlen(utf8 + n_bytes, bytes) != 1 ||
                                      geo->width == 0 || geo->x_offset != 0 || geo->y_offset != 0);
        from = to;
        if (bytes == 0 && inked[hi] == inked[lo])
            continue; /* a bidi control alone: no text, no ink (cairo wants one) */
        n_bytes += bytes;
        clusters[n_clusters++] = (cairo_text_cluster_t){bytes, inked[hi] - inked[lo]};
    }
    if (rtl)
        merge_words(clusters, complex, &n_clusters, glyphs, n_glyphs, utf8, by);
    /* the font (and its options) for this call only, as Pango's renderer
     * leaves the cairo_t: later cairo_set_font_face calls (emoji, formulas)
     * start from cairo's defaults */
    cairo_save(cr);
    cairo_set_scaled_font(cr, font);
    cairo_show_text_glyphs(cr, utf8, n_bytes, glyphs, n_glyphs, clusters, n_clusters,
                           rtl ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
    cairo_restore(cr);
    if (glyphs != stack_glyphs)
        free(glyphs);
    if (clusters != stack_clusters)
        free(clusters);
    if (complex != stack_complex)
        free(complex);
    if (inked != stack_inked)
        free(inked);
    if (utf8 != stack_utf8)
        free(utf8);
    return true;
}

/* The run's foreground colour, when an attribute sets it. */
static void set_run_colour(cairo_t *cr, const PangoItem *item)
{
    double alpha = 1;
    const PangoColor *c = NULL;
    for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_FOREGROUND)
            c = &((const PangoAttrColor *)a)->color;
        else if (a->klass->type == PANGO_ATTR_FOREGROUND_ALPHA)
            alpha = ((const PangoAttrInt *)a)->value / 65535.0;
    }
    if (c)
        cairo_set_source_rgba(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0, alpha);
}

void pdf_run_show_rewritten(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x,
                            double y)
{
    const PangoItem *item = run->item;
    const char *src = text + item->offset;
    /* new offset of each byte of the run's text (and of its end) */
    int *map = malloc(((size_t)item->length + 1) * sizeof *map);
    char *clean = malloc((size_t)item->length + 1);
    if (!map || !clean)
        abort();
    int n = 0;
    PangoGlyphItemIter it;
    for (gboolean ok = pango_glyph_item_iter_init_start(&it, (PangoGlyphItem *)run, text); ok;
         ok = pango_glyph_item_iter_next_cluster(&it)) {
        int len = it.end_index - it.start_index;
        if (drawn_shy(text, &it)) {
            map[it.start_index - item->offset] = n;
            map[it.start_index - item->offset + 1] = n;
            clean[n++] = '-';
            continue;
        }
        bool drop = inner_shy(text + it.start_index, len);
        for (int i = it.start_index - item->offset; i < it.end_index - item->offset; i++) {
            map[i] = n;
            if (drop && !memcmp(src + i, SHY, SHY_LEN)) {
                map[++i] = n;
                continue;
            }
            clean[n++] = src[i];
        }
    }
    map[item->length] = n;
    clean[n] = '\0';

    PangoItem *copy = pango_item_copy((PangoItem *)item);
    copy->offset = 0;
    copy->length = n;
    copy->num_chars = (int)g_utf8_strlen(clean, n);
    PangoGlyphString *glyphs = pango_glyph_string_copy(run->glyphs);
    for (int g = 0; g < glyphs->num_glyphs; g++)
        glyphs->log_clusters[g] = map[glyphs->log_clusters[g]];
    PangoGlyphItem cleaned = {.item = copy, .glyphs = glyphs};

    cairo_save(cr);
    set_run_colour(cr, item);
    cairo_move_to(cr, x, y);
    pango_cairo_show_glyph_item(cr, clean, &cleaned);
    cairo_restore(cr);

    pango_glyph_string_free(glyphs);
    pango_item_free(copy);
    free(clean);
    free(map);
}

/* A character of an identifier (ASCII letters, digits, '_', '$' and any
 * non-ASCII byte: accented letters). */
static bool ident_byte(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') ||
           u == '_' || u == '$';
}

void pdf_code_line_join(const tpara *p, int i, int *skip_end, const char **tail, int *tail_len)
{
    const char *text = tpara_text(p);
    const tline *l = tpara_line(p, i);
    *skip_end = l->start;
    *tail = NULL;
    *tail_len = 0;
    /* a word cut only when no byte lies between the lines: a break at a
     * blank leaves the blank out of both ("faisaient parti" is two words) */
    const tline *before = i > 0 ? tpara_line(p, i - 1) : NULL;
    if (before && before->wrapped && before->end == l->start && l->start > 0 &&
        ident_byte(text[l->start - 1]))
        while (*skip_end < l->end && ident_byte(text[*skip_end]))
            (*skip_end)++;
    if (!l->wrapped || i + 1 >= tpara_n_lines(p) || *skip_end == l->end || l->end <= l->start ||
        !ident_byte(text[l->end - 1]))
        return;
    int from = tpara_line(p, i + 1)->start, to = from;
    if (from != l->end)
        return;
    while (text[to] && ident_byte(text[to]))
        to++;
    if (to > from) {
        *tail = text + from;
        *tail_len = to - from;
    }
}

bool pdf_run_show_joined(cairo_t *cr, const char *text, const PangoGlyphItem *run, double x,
                         double y, int skip, const char *tail, int tail_len)
{
    const PangoItem *item = run->item;
    const PangoGlyphString *gs = run->glyphs;
    if (item->analysis.level % 2 || !item->analysis.font || gs->num_glyphs == 0)
        return false;
    cairo_scaled_font_t *font = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(item->analysis.font));
    if (!font)
        return false;
    int n = gs->num_glyphs;
    cairo_glyph_t *glyphs = malloc((size_t)n * sizeof *glyphs);
    cairo_text_cluster_t *clusters = malloc((size_t)n * sizeof *clusters);
    char *utf8 = malloc((size_t)item->length + (size_t)tail_len + 1);
    if (!glyphs || !clusters || !utf8)
        abort();
    int n_glyphs = 0, n_clusters = 0, n_bytes = 0;
    double gx = x;
    PangoGlyphItemIter it;
    for (gboolean ok = pango_glyph_item_iter_init_start(&it, (PangoGlyphItem *)run, text); ok;
         ok = pango_glyph_item_iter_next_cluster(&it)) {
        int start = it.start_index - item->offset, end = it.end_index - item->offset;
        int from = start > skip ? start : skip, bytes = end > from ? end - from : 0;
        memcpy(utf8 + n_bytes, text + item->offset + from, (size_t)bytes);
        n_bytes += bytes;
        int first = n_glyphs;
        for (int g = it.start_glyph; g < it.end_glyph; g++) {
            const PangoGlyphInfo *gi = &gs->glyphs[g];
            if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
                glyphs[n_glyphs++] = (cairo_glyph_t){
                    gi->glyph, gx + gi->geometry.x_offset / (double)PANGO_SCALE,
                    y + gi->geometry.y_offset / (double)PANGO_SCALE};
            gx += gi->geometry.width / (double)PANGO_SCALE;
        }
        if (n_glyphs == first && n_clusters > 0) /* text without ink: the cluster before's */
            clusters[n_clusters - 1].num_bytes += bytes;
        else if (n_glyphs > first || bytes > 0)
            clusters[n_clusters++] = (cairo_text_cluster_t){bytes, n_glyphs - first};
    }
    bool done = n_clusters > 0;
    if (done && tail_len > 0) {
        /* the last cluster with the one before: a cluster of one glyph
         * and more text would map that glyph to the text everywhere */
        if (n_clusters >= 2 && clusters[n_clusters - 1].num_glyphs == 1) {
            clusters[n_clusters - 2].num_bytes += clusters[n_clusters - 1].num_bytes;
            clusters[n_clusters - 2].num_glyphs += 1;
            n_clusters--;
        }
        done = clusters[n_clusters - 1].num_glyphs > 1;
        memcpy(utf8 + n_bytes, tail, (size_t)tail_len);
        clusters[n_clusters - 1].num_bytes += tail_len;
        n_bytes += tail_len;
    }
    if (done) {
        cairo_save(cr);
        set_run_colour(cr, item);
        cairo_set_scaled_font(cr, font);
        cairo_show_text_glyphs(cr, utf8, n_bytes, glyphs, n_glyphs, clusters, n_clusters, 0);
        cairo_restore(cr);
    }
    free(utf8);
    free(clusters);
    free(glyphs);
    return done;
}

/* Attributes that only flag their runs (a note mark, a key): Pango keeps
 * them and ignores them; the painter finds them on a run. One class each,
 * its type registered on first use. */
static PangoAttribute *flag_copy(const PangoAttribute *a)
{
    PangoAttribute *c = g_new(PangoAttribute, 1);
    pango_attribute_init(c, a->klass);
    return c;
}

static void flag_destroy(PangoAttribute *a) { g_free(a); }
static gboolean flag_equal(const PangoAttribute *a, const PangoAttribute *b)
{
    (void)a, (void)b;
    return TRUE;
}

static PangoAttrClass mark_class = {.copy = flag_copy, .destroy = flag_destroy,
                                    .equal = flag_equal};
static PangoAttrClass key_class = {.copy = flag_copy, .destroy = flag_destroy,
                                   .equal = flag_equal};

static PangoAttrType flag_type(PangoAttrClass *klass, gsize *once, const char *name)
{
    if (g_once_init_enter(once)) {
        klass->type = pango_attr_type_register(name);
        g_once_init_leave(once, klass->type);
    }
    return (PangoAttrType)*once;
}

static PangoAttrType mark_type(void)
{
    static gsize once;
    return flag_type(&mark_class, &once, "folio-note-mark");
}

static PangoAttrType key_type(void)
{
    static gsize once;
    return flag_type(&key_class, &once, "folio-key");
}

static PangoAttribute *flag_new(const PangoAttrClass *klass)
{
    PangoAttribute *a = g_new(PangoAttribute, 1);
    pango_attribute_init(a, klass);
    return a;
}

/* run's attribute of that type, NULL when it has none */
static const PangoAttribute *flag_of(const PangoGlyphItem *run, PangoAttrType type)
{
    for (GSList *l = run->item->analysis.extra_attrs; l; l = l->next)
        if (((const PangoAttribute *)l->data)->klass->type == type)
            return l->data;
    return NULL;
}

PangoAttribute *pdf_note_mark_attr_new(void)
{
    mark_type();
    return flag_new(&mark_class);
}

PangoAttribute *pdf_key_attr_new(void)
{
    key_type();
    return flag_new(&key_class);
}

const PangoAttribute *pdf_key_attr_of(const PangoGlyphItem *run)
{
    return flag_of(run, key_type());
}

double pdf_note_mark_gap(const PangoGlyphItem *run)
{
    if (!flag_of(run, mark_type()) || !run->item->analysis.font)
        return 0;
    PangoFontDescription *fd = pango_font_describe_with_absolute_size(run->item->analysis.font);
    double size = pango_font_description_get_size(fd) / (double)PANGO_SCALE;
    pango_font_description_free(fd);
    /* the mark is 0.65 of the text's size; poppler ends a word at a gap
     * past 0.03 of the text's size: twice that */
    return size / 0.65 * 0.06;
}

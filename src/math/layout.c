/* The TeX math layout rules (The TeXbook, appendix G) with the values of
 * the font's OpenType MATH table, as MathML Core words them. Every node
 * becomes a box: a run of items [first, last) in the output plus its
 * width, height and depth; composing boxes only shifts their items. */
#include "mlayout.h"
#include "util/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define C(name) HB_OT_MATH_CONSTANT_##name

typedef struct box {
    size_t first, last; /* items of the box */
    double w, h, d;
    double ic;          /* italic correction (a single glyph) */
    double accent_x;    /* top accent attachment from the left edge */
    unsigned glyph;     /* the glyph when the box is one character, else 0 */
    bool is_char;
    bool is_largeop;
} box;

/* A math style: 0 display, 1 text, 2 script, 3 scriptscript. */
typedef struct style {
    int level;
    bool cramped;
} style;

typedef struct lay {
    mfont *f;
    double size;
    mlayout *out;
    math_error *err;
    bool failed;
    size_t tag_from; /* the last \tag laid out in a row: its first item, */
    double tag_x;    /* and where it starts in that row */
} lay;

static style sup_style(style s) { return (style){s.level < 2 ? 2 : 3, s.cramped}; }
static style sub_style(style s) { return (style){s.level < 2 ? 2 : 3, true}; }
static style num_style(style s) { return (style){s.level < 3 ? s.level + 1 : 3, s.cramped}; }
static style den_style(style s) { style n = num_style(s); n.cramped = true; return n; }

static double scale_of(const lay *L, style s)
{
    if (s.level < 2)
        return 1.0;
    return (s.level == 2 ? L->f->constants[C(SCRIPT_PERCENT_SCALE_DOWN)]
                         : L->f->constants[C(SCRIPT_SCRIPT_PERCENT_SCALE_DOWN)]) / 100.0;
}

/* Font units to points at style s. */
static double U(const lay *L, style s, double units)
{
    return units * L->size * scale_of(L, s) / L->f->upem;
}

static double K(const lay *L, style s, hb_ot_math_constant_t c)
{
    return U(L, s, L->f->constants[c]);
}

static double em(const lay *L, style s) { return L->size * scale_of(L, s); }
static double mu(const lay *L, style s, double n) { return em(L, s) * n / 18.0; }

/* ---- output ---- */

static mitem *push(lay *L)
{
    mlayout *o = L->out;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        mitem *v = realloc(o->items, cap * sizeof *v);
        if (!v)
            abort();
        o->items = v;
        o->cap = cap;
    }
    mitem *it = &o->items[o->n++];
    memset(it, 0, sizeof *it);
    return it;
}

static box empty(const lay *L)
{
    return (box){.first = L->out->n, .last = L->out->n};
}

static void shift(lay *L, box *b, double dx, double dy)
{
    for (size_t i = b->first; i < b->last; i++) {
        L->out->items[i].x += dx;
        L->out->items[i].y += dy;
    }
}

/* Moves b's items vertically and adjusts its height and depth. */
static void raise(lay *L, box *b, double dy)
{
    shift(L, b, 0, dy);
    b->h += dy;
    b->d -= dy;
}

static void rule(lay *L, double x, double y, double w, double h)
{
    mitem *it = push(L);
    it->kind = MI_RULE;
    it->x = x, it->y = y, it->w = w, it->h = h;
}

static void fail(lay *L, const char *what, unsigned cp)
{
    if (L->failed)
        return;
    L->failed = true;
    snprintf(L->err->msg, sizeof L->err->msg, "the math font has no glyph for %s U+%04X", what, cp);
}

/* ---- glyphs ---- */

static void glyph_metrics(const lay *L, style s, unsigned g, box *b)
{
    hb_glyph_extents_t e = {0};
    hb_font_get_glyph_extents(L->f->font, g, &e);
    b->h = U(L, s, e.y_bearing);
    b->d = -U(L, s, e.y_bearing + e.height);
    b->w = U(L, s, hb_font_get_glyph_h_advance(L->f->font, g));
    b->ic = U(L, s, hb_ot_math_get_glyph_italics_correction(L->f->font, g));
    b->accent_x = U(L, s, hb_ot_math_get_glyph_top_accent_attachment(L->f->font, g));
}

/* One glyph at the origin. */
static box glyph_box(lay *L, style s, unsigned g)
{
    box b = empty(L);
    mitem *it = push(L);
    it->kind = MI_GLYPH;
    it->glyph = g;
    it->size = em(L, s);
    b.last = L->out->n;
    glyph_metrics(L, s, g, &b);
    b.glyph = g;
    b.is_char = true;
    return b;
}

static unsigned nominal(lay *L, unsigned cp)
{
    hb_codepoint_t g = 0;
    if (!hb_font_get_nominal_glyph(L->f->font, cp, &g))
        fail(L, "character", cp);
    return g;
}

/* The first code point of s. */
static unsigned first_cp(const char *s)
{
    size_t i = 0;
    return utf8_next(s, strnlen(s, 4), &i);
}

/* Shapes UTF-8 text in one run (kerning, ligatures, script-size forms). */
static box shape(lay *L, style s, const char *text)
{
    box b = empty(L);
    hb_buffer_t *buf = L->f->buffer;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_COMMON);
    hb_feature_t ssty = {HB_TAG('s', 's', 't', 'y'), (unsigned)(s.level >= 2 ? s.level - 1 : 0), 0,
                         (unsigned)-1};
    hb_shape(L->f->font, buf, &ssty, s.level >= 2 ? 1 : 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    double x = 0;
    for (unsigned i = 0; i < n; i++) {
        if (info[i].codepoint == 0) {
            /* .notdef: find which character */
            unsigned cl = info[i].cluster;
            fail(L, "character", first_cp(text + cl));
            continue;
        }
        box g = {0};
        glyph_metrics(L, s, info[i].codepoint, &g);
        mitem *it = push(L);
        it->kind = MI_GLYPH;
        it->glyph = info[i].codepoint;
        it->size = em(L, s);
        it->x = x + U(L, s, pos[i].x_offset);
        it->y = U(L, s, pos[i].y_offset);
        b.h = fmax(b.h, g.h + it->y);
        b.d = fmax(b.d, g.d - it->y);
        if (n == 1) {
            b.ic = g.ic;
            b.accent_x = g.accent_x;
            b.glyph = info[i].codepoint;
            b.is_char = true;
        }
        x += U(L, s, pos[i].x_advance);
    }
    b.last = L->out->n;
    b.w = x;
    if (!b.is_char)
        b.accent_x = b.w / 2;
    return b;
}

/* ---- stretchy glyphs ---- */

/* A glyph of cp at least target points long (vertically or horizontally):
 * the first large enough variant, else an assembly of parts. */
static box stretch(lay *L, style s, unsigned cp, double target, bool vertical, bool assemble)
{
    unsigned g = nominal(L, cp);
    if (L->failed)
        return empty(L);
    hb_direction_t dir = vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR;
    double units = target / U(L, s, 1);
    hb_ot_math_glyph_variant_t v[32];
    unsigned n = 32;
    hb_ot_math_get_glyph_variants(L->f->font, g, dir, 0, &n, v);
    unsigned best = g;
    for (unsigned i = 0; i < n; i++) {
        best = v[i].glyph;
        if (v[i].advance >= units)
            return glyph_box(L, s, best);
    }
    if (!assemble)
        return glyph_box(L, s, best);
    hb_ot_math_glyph_part_t parts[16];
    unsigned np = 16;
    hb_position_t ic;
    unsigned total = hb_ot_math_get_glyph_assembly(L->f->font, g, dir, 0, &np, parts, &ic);
    if (total == 0 || total > 16)
        return glyph_box(L, s, best);
    double overlap = hb_ot_math_get_min_connector_overlap(L->f->font, dir);
    /* the fewest extender repeats that reach the target */
    double fixed = 0, ext = 0;
    int n_fixed = 0, n_ext = 0;
    for (unsigned i = 0; i < np; i++) {
        if (parts[i].flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER)
            ext += parts[i].full_advance, n_ext++;
        else
            fixed += parts[i].full_advance, n_fixed++;
    }
    int reps = 0;
    while (n_ext && reps < 100 &&
           fixed + reps * ext - (n_fixed + reps * n_ext - 1) * overlap < units)
        reps++;
    int count = n_fixed + reps * n_ext;
    double sum = fixed + reps * ext;
    /* spread what is too long over the joints, as far as the connectors allow */
    double max_overlap = 1e9; /* the shortest pair of connectors that meet */
    for (unsigned i = 0; i + 1 < np; i++)
        max_overlap = fmin(max_overlap, fmin(parts[i].end_connector_length,
                                             parts[i + 1].start_connector_length));
    if (n_ext) /* an extender meets itself */
        for (unsigned i = 0; i < np; i++)
            if (parts[i].flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER)
                max_overlap = fmin(max_overlap, fmin(parts[i].start_connector_length,
                                                     parts[i].end_connector_length));
    double ov = count > 1 ? (sum - units) / (count - 1) : 0;
    ov = fmax(overlap, fmin(ov, fmax(overlap, max_overlap)));
    box b = empty(L);
    double at = 0;
    for (unsigned i = 0; i < np; i++) {
        int times = parts[i].flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER ? reps : 1;
        for (int k = 0; k < times; k++) {
            mitem *it = push(L);
            it->kind = MI_GLYPH;
            it->glyph = parts[i].glyph;
            it->size = em(L, s);
            if (vertical) {
                hb_glyph_extents_t e = {0};
                hb_font_get_glyph_extents(L->f->font, parts[i].glyph, &e);
                it->y = U(L, s, at - (e.y_bearing + e.height)); /* its ink bottom at `at` */
            } else {
                it->x = U(L, s, at);
            }
            at += parts[i].full_advance - ov;
        }
    }
    at += ov;
    b.last = L->out->n;
    if (vertical) {
        hb_glyph_extents_t e = {0};
        hb_font_get_glyph_extents(L->f->font, parts[0].glyph, &e);
        b.w = U(L, s, hb_font_get_glyph_h_advance(L->f->font, parts[0].glyph));
        b.h = U(L, s, at);
        b.d = 0;
    } else {
        box first = {0};
        glyph_metrics(L, s, parts[0].glyph, &first);
        b.w = U(L, s, at);
        b.h = first.h;
        b.d = first.d;
        for (size_t i = b.first; i < b.last; i++) {
            box m = {0};
            glyph_metrics(L, s, L->out->items[i].glyph, &m);
            b.h = fmax(b.h, m.h);
            b.d = fmax(b.d, m.d);
        }
    }
    b.ic = U(L, s, ic);
    b.accent_x = b.w / 2;
    return b;
}

/* A delimiter around height h and depth d, centred on the math axis
 * (TeX's rule 19: at least 90.1 % of the span, short by 5 pt at most). */
static box delimiter(lay *L, style s, const char *text, double h, double d)
{
    if (!*text) { /* \left. : an empty space */
        box b = empty(L);
        b.w = 1.2 * em(L, s) / 10;
        return b;
    }
    double axis = K(L, s, C(AXIS_HEIGHT));
    double half = fmax(h - axis, d + axis);
    double target = fmax(2 * half * 0.901, 2 * half - 0.5 * em(L, s));
    box b = stretch(L, s, first_cp(text), target, true, true);
    double mid = (b.h - b.d) / 2;
    raise(L, &b, axis - mid);
    b.is_char = false;
    return b;
}

/* ---- nodes ---- */

static box node(lay *L, const mnode *n, style s);

/* The character an identifier shows: letters italic unless told. */
static const char *ident_text(const mnode *n, char *tmp, size_t cap)
{
    mvariant v = n->variant;
    if (v != MV_DEFAULT && v != MV_ITALIC)
        return n->text;
    size_t len = strlen(n->text), first = 0;
    utf8_next(n->text, len, &first);
    bool one = first == len;
    if (!one && v == MV_DEFAULT)
        return n->text;
    /* every letter of the text in italic (\mathit{diff}: each one) */
    size_t o = 0;
    for (const char *p = n->text; *p && o + 5 < cap;) {
        size_t l = 0;
        unsigned c = utf8_next(p, strnlen(p, 4), &l);
        bool upper_greek = c >= 0x391 && c <= 0x3A9;
        unsigned m = v == MV_DEFAULT && upper_greek ? c : math_alnum(c, MV_ITALIC);
        o += utf8_put(m, tmp + o);
        p += l;
    }
    tmp[o] = '\0';
    return tmp;
}

/* \big, \Big, \bigg, \Bigg: 1.2 times a strut (0.85 em), times 1, 1.5, 2, 2.5. */
static box big(lay *L, const mnode *n, style s)
{
    static const double factor[] = {0, 1, 1.5, 2, 2.5};
    double target = 0.85 * 1.2 * em(L, s) * factor[n->size];
    double axis = K(L, s, C(AXIS_HEIGHT));
    box b = stretch(L, s, first_cp(n->text), target, true, true);
    raise(L, &b, axis - (b.h - b.d) / 2);
    b.is_char = false;
    return b;
}

static box atom(lay *L, const mnode *n, style s)
{
    if (n->size > 0 && n->size <= 4 && *n->text)
        return big(L, n, s);
    if (n->flags & MF_LARGEOP) {
        unsigned g = nominal(L, first_cp(n->text));
        if (L->failed)
            return empty(L);
        box b;
        if (s.level == 0) /* display: the first variant at least DisplayOperatorMinHeight tall */
            b = stretch(L, s, first_cp(n->text), K(L, s, C(DISPLAY_OPERATOR_MIN_HEIGHT)), true, false);
        else
            b = glyph_box(L, s, g);
        double axis = K(L, s, C(AXIS_HEIGHT));
        raise(L, &b, axis - (b.h - b.d) / 2);
        b.is_largeop = true;
        return b;
    }
    char tmp[128];
    const char *text = n->tok == MT_IDENT ? ident_text(n, tmp, sizeof tmp) : n->text;
    if (!*text)
        return empty(L);
    return shape(L, s, text);
}

static box text_node(lay *L, const mnode *n, style s)
{
    if (n->variant == MV_NORMAL || n->variant == MV_DEFAULT)
        return shape(L, s, n->text);
    buf t = {0};
    for (const char *p = n->text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80)
            buf_put_utf8(&t, math_alnum(c, n->variant));
        else
            buf_putc(&t, (char)c);
    }
    box b = shape(L, s, buf_cstr(&t));
    buf_free(&t);
    return b;
}

/* Appends b to a row being built at x: the row's box grows. */
static void row_add(lay *L, box *r, box *b, double *x)
{
    shift(L, b, *x, 0);
    *x += b->w;
    r->h = fmax(r->h, b->h);
    r->d = fmax(r->d, b->d);
    r->last = b->last;
}

/* Children [from, to) of a row as one line: TeX's spaces between them by
 * class (cls indexed from the row's first child, at index i for from). */
static box run(lay *L, const mnode *from, const mnode *to, const mclass *cls, int i, style s)
{
    box r = empty(L);
    double x = 0;
    mclass prev = MC_COUNT;
    for (const mnode *k = from; k != to; k = k->next, i++) {
        if (cls[i] == MC_COUNT) { /* an explicit space */
            x += mu(L, s, k->size);
            continue;
        }
        if (k->flags & MF_TAG)
            L->tag_from = L->out->n, L->tag_x = x;
        if (prev != MC_COUNT)
            x += mu(L, s, math_space_mu(prev, cls[i], s.level >= 2));
        box b = node(L, k, s);
        /* TeX adds a character's italic correction before what follows */
        if (k->kind == MK_ATOM && b.is_char && !b.is_largeop && k->next)
            b.w += b.ic;
        row_add(L, &r, &b, &x);
        prev = cls[i];
    }
    r.last = L->out->n;
    r.w = x;
    r.accent_x = r.w / 2;
    return r;
}

static mclass *row_classes(const mnode *n, mclass *stack, size_t cap)
{
    mclass *cls = (size_t)n->n <= cap ? stack : malloc((size_t)n->n * sizeof *cls);
    if (!cls)
        abort();
    math_row_classes(n, cls);
    return cls;
}

static box row(lay *L, const mnode *n, style s)
{
    if (n->n == 1) /* a group of one keeps that one's nature ({x}^2 is a character) */
        return node(L, n->first, s);
    mclass stack[64], *cls = row_classes(n, stack, 64);
    box r = run(L, n->first, NULL, cls, 0, s);
    if (cls != stack)
        free(cls);
    return r;
}

static box frac(lay *L, const mnode *n, style s)
{
    box num = node(L, n->a, num_style(s));
    box den = node(L, n->b, den_style(s));
    bool d = s.level == 0;
    double axis = K(L, s, C(AXIS_HEIGHT));
    double pad = 1.2 * em(L, s) / 10; /* TeX's \nulldelimiterspace on each side */
    double w = fmax(num.w, den.w);
    double u, v;
    if (n->size != 0) {
        double t = K(L, s, C(FRACTION_RULE_THICKNESS));
        u = K(L, s, d ? C(FRACTION_NUMERATOR_DISPLAY_STYLE_SHIFT_UP) : C(FRACTION_NUMERATOR_SHIFT_UP));
        v = K(L, s, d ? C(FRACTION_DENOMINATOR_DISPLAY_STYLE_SHIFT_DOWN)
                      : C(FRACTION_DENOMINATOR_SHIFT_DOWN));
        double gn = K(L, s, d ? C(FRACTION_NUM_DISPLAY_STYLE_GAP_MIN) : C(FRACTION_NUMERATOR_GAP_MIN));
        double gd = K(L, s, d ? C(FRACTION_DENOM_DISPLAY_STYLE_GAP_MIN)
                              : C(FRACTION_DENOMINATOR_GAP_MIN));
        u = fmax(u, axis + t / 2 + gn + num.d);
        v = fmax(v, den.h + gd - (axis - t / 2));
        rule(L, pad, axis - t / 2, w, t);
    } else {
        u = K(L, s, d ? C(STACK_TOP_DISPLAY_STYLE_SHIFT_UP) : C(STACK_TOP_SHIFT_UP));
        v = K(L, s, d ? C(STACK_BOTTOM_DISPLAY_STYLE_SHIFT_DOWN) : C(STACK_BOTTOM_SHIFT_DOWN));
        double gap = K(L, s, d ? C(STACK_DISPLAY_STYLE_GAP_MIN) : C(STACK_GAP_MIN));
        double have = (u - num.d) - (den.h - v);
        if (have < gap) {
            u += (gap - have) / 2;
            v += (gap - have) / 2;
        }
    }
    shift(L, &num, pad + (w - num.w) / 2, u);
    shift(L, &den, pad + (w - den.w) / 2, -v);
    box b = empty(L);
    b.first = num.first;
    b.w = w + 2 * pad;
    b.h = num.h + u;
    b.d = den.d + v;
    b.accent_x = b.w / 2;
    if (!n->text)
        return b;
    /* \binom: delimiters around */
    box open = delimiter(L, s, n->text, b.h, b.d);
    box close = delimiter(L, s, n->text2, b.h, b.d);
    shift(L, &b, open.w, 0);
    shift(L, &close, open.w + b.w, 0);
    box r = {.first = b.first, .last = L->out->n, .w = open.w + b.w + close.w};
    r.h = fmax(b.h, fmax(open.h, close.h));
    r.d = fmax(b.d, fmax(open.d, close.d));
    r.accent_x = r.w / 2;
    return r;
}

static box radical(lay *L, const mnode *n, style s)
{
    style inner = s;
    inner.cramped = true;
    box body = node(L, n->a, inner);
    bool d = s.level == 0;
    double t = K(L, s, C(RADICAL_RULE_THICKNESS));
    double gap = K(L, s, d ? C(RADICAL_DISPLAY_STYLE_VERTICAL_GAP) : C(RADICAL_VERTICAL_GAP));
    box sign = stretch(L, s, 0x221A, body.h + body.d + gap + t, true, true);
    sign.is_char = false;
    /* centre the body in what the sign gives beyond the minimum */
    double extra = sign.h + sign.d - (body.h + body.d + gap + t);
    if (extra > 0)
        gap += extra / 2;
    double top = body.h + gap + t; /* top of the rule */
    raise(L, &sign, top - sign.h);
    box degree = empty(L);
    double before = 0, after = 0;
    if (n->b) {
        degree = node(L, n->b, (style){3, false});
        before = K(L, s, C(RADICAL_KERN_BEFORE_DEGREE));
        after = K(L, s, C(RADICAL_KERN_AFTER_DEGREE));
        double raise_by = L->f->constants[C(RADICAL_DEGREE_BOTTOM_RAISE_PERCENT)] / 100.0 *
                          (sign.h + sign.d);
        double lift = raise_by - sign.d + degree.d;
        shift(L, &degree, before, lift);
        double degree_top = lift + degree.h;
        double dx = fmax(0, before + degree.w + after);
        shift(L, &sign, dx, 0);
        shift(L, &body, dx + sign.w, 0);
        rule(L, dx + sign.w, top - t, body.w, t);
        box r = {.first = body.first, .last = L->out->n, .w = dx + sign.w + body.w};
        r.h = fmax(top + K(L, s, C(RADICAL_EXTRA_ASCENDER)), degree_top);
        r.d = fmax(body.d, sign.d);
        r.accent_x = r.w / 2;
        return r;
    }
    shift(L, &sign, 0, 0);
    shift(L, &body, sign.w, 0);
    rule(L, sign.w, top - t, body.w, t);
    box r = {.first = body.first, .last = L->out->n, .w = sign.w + body.w};
    r.h = top + K(L, s, C(RADICAL_EXTRA_ASCENDER));
    r.d = fmax(body.d, sign.d);
    r.accent_x = r.w / 2;
    return r;
}

/* Limits under and over a base (\sum in display, \lim, \overbrace). */
static box limits(lay *L, box base, const mnode *under, const mnode *over, style s)
{
    box lo = empty(L), hi = empty(L);
    double delta = base.is_largeop ? base.ic : 0;
    double w = base.w;
    if (under) {
        lo = node(L, under, sub_style(s));
        w = fmax(w, lo.w);
    }
    if (over) {
        hi = node(L, over, sup_style(s));
        w = fmax(w, hi.w);
    }
    shift(L, &base, (w - base.w) / 2, 0);
    box r = {.first = base.first, .w = w, .h = base.h, .d = base.d};
    if (over) {
        double up = fmax(K(L, s, C(UPPER_LIMIT_BASELINE_RISE_MIN)),
                         K(L, s, C(UPPER_LIMIT_GAP_MIN)) + hi.d);
        shift(L, &hi, (w - hi.w) / 2 + delta / 2, base.h + up);
        r.h = base.h + up + hi.h;
    }
    if (under) {
        double down = fmax(K(L, s, C(LOWER_LIMIT_BASELINE_DROP_MIN)),
                           K(L, s, C(LOWER_LIMIT_GAP_MIN)) + lo.h);
        shift(L, &lo, (w - lo.w) / 2 - delta / 2, -(base.d + down));
        r.d = base.d + down + lo.d;
    }
    r.last = L->out->n;
    r.accent_x = r.w / 2;
    return r;
}

static double kern_at(const lay *L, style s, const box *b, hb_ot_math_kern_t corner, double height)
{
    if (!b->is_char || !b->glyph)
        return 0;
    return U(L, s, hb_ot_math_get_glyph_kerning(L->f->font, b->glyph, corner,
                                                 (hb_position_t)(height / U(L, s, 1))));
}

static bool is_prime(const mnode *k)
{
    static const char *const primes[] = {"′", "″", "‴", "⁗"};
    for (int i = 0; k->kind == MK_ATOM && i < 4; i++)
        if (strcmp(k->text, primes[i]) == 0)
            return true;
    return false;
}

/* f′: the font's prime already sits high, at the base's size, right after
 * the base; it becomes part of the base the scripts attach to. A
 * superscript after it (f′², TeX's f^{\prime 2}) stays at the height the
 * base alone gives it: the primes' height goes to *prime_h only. */
static const mnode *primes_after(lay *L, box *base, const mnode *sup, style s, mnode *rest,
                                 double *prime_h)
{
    *prime_h = 0;
    if (!sup || sup->kind != MK_ROW || !sup->first || !is_prime(sup->first))
        return sup;
    const mnode *k = sup->first;
    double x = base->w + base->ic;
    for (; k && is_prime(k); k = k->next) {
        box p = node(L, k, s);
        shift(L, &p, x, 0);
        x += p.w;
        *prime_h = fmax(*prime_h, p.h);
        base->d = fmax(base->d, p.d);
    }
    base->last = L->out->n;
    base->w = x;
    base->ic = 0;
    base->is_char = false;
    if (!k)
        return NULL;
    *rest = (mnode){.kind = MK_ROW, .first = (mnode *)k, .last = sup->last};
    for (; k; k = k->next)
        rest->n++;
    return rest;
}

static box scripts(lay *L, const mnode *n, style s)
{
    box base = n->a ? node(L, n->a, s) : empty(L);
    mnode rest;
    double prime_h;
    bool ch = base.is_char && !base.is_largeop; /* scripts not dropped by its height */
    const mnode *sup_node = primes_after(L, &base, n->c, s, &rest, &prime_h);
    bool under_over = (n->flags & MF_LIMITS) ||
                      ((n->flags & MF_MOVABLE) && !(n->flags & MF_NOLIMITS) && s.level == 0);
    if (under_over) {
        base.h = fmax(base.h, prime_h);
        return limits(L, base, n->b, sup_node, s);
    }
    box sub = empty(L), sup = empty(L);
    if (n->b)
        sub = node(L, n->b, sub_style(s));
    if (sup_node)
        sup = node(L, sup_node, sup_style(s));
    double sub_shift = 0, sup_shift = 0;
    if (n->b) {
        sub_shift = fmax(K(L, s, C(SUBSCRIPT_SHIFT_DOWN)), sub.h - K(L, s, C(SUBSCRIPT_TOP_MAX)));
        if (!ch)
            sub_shift = fmax(sub_shift, base.d + K(L, sub_style(s), C(SUBSCRIPT_BASELINE_DROP_MIN)));
    }
    if (sup_node) {
        sup_shift = K(L, s, s.cramped ? C(SUPERSCRIPT_SHIFT_UP_CRAMPED) : C(SUPERSCRIPT_SHIFT_UP));
        sup_shift = fmax(sup_shift, sup.d + K(L, s, C(SUPERSCRIPT_BOTTOM_MIN)));
        if (!ch)
            sup_shift = fmax(sup_shift, base.h - K(L, sup_style(s), C(SUPERSCRIPT_BASELINE_DROP_MAX)));
    }
    if (n->b && sup_node) {
        double gap = (sup_shift - sup.d) - (sub.h - sub_shift);
        double min = K(L, s, C(SUB_SUPERSCRIPT_GAP_MIN));
        if (gap < min) {
            sub_shift += min - gap;
            double room = K(L, s, C(SUPERSCRIPT_BOTTOM_MAX_WITH_SUBSCRIPT)) - (sup_shift - sup.d);
            if (room > 0) {
                sup_shift += room;
                sub_shift -= room;
            }
        }
    }
    /* italic correction and the font's cut-ins */
    double ic = base.ic;
    double sub_x = base.w - (base.is_largeop ? ic : 0);
    double sup_x = base.w + (base.is_largeop ? 0 : ic);
    if (n->b)
        sub_x += kern_at(L, s, &base, HB_OT_MATH_KERN_BOTTOM_RIGHT, -sub_shift);
    if (sup_node)
        sup_x += kern_at(L, s, &base, HB_OT_MATH_KERN_TOP_RIGHT, sup_shift);
    shift(L, &sub, sub_x, -sub_shift);
    shift(L, &sup, sup_x, sup_shift);
    box r = {.first = base.first, .last = L->out->n};
    r.w = fmax(base.w, fmax(n->b ? sub_x + sub.w : 0, sup_node ? sup_x + sup.w : 0)) +
          K(L, s, C(SPACE_AFTER_SCRIPT));
    r.h = fmax(fmax(base.h, prime_h), sup_node ? sup.h + sup_shift : 0);
    r.d = fmax(base.d, n->b ? sub.d + sub_shift : 0);
    r.accent_x = base.accent_x;
    return r;
}

static bool is_middle(const mnode *k)
{
    return k->kind == MK_ATOM && (k->flags & MF_STRETCHY) && k->size == 0;
}

/* \left( body \middle| body \right): the delimiters sized to the body. */
static box fenced(lay *L, const mnode *n, style s)
{
    enum { MAX_MIDDLES = 32 };
    box parts[MAX_MIDDLES + 1];
    const mnode *middles[MAX_MIDDLES];
    int np = 0;
    double h = 0, d = 0;
    mclass stack[64], *cls = row_classes(n->a, stack, 64);
    const mnode *k = n->a->first;
    int i = 0;
    for (;;) {
        const mnode *from = k;
        int i0 = i;
        while (k && !(is_middle(k) && np < MAX_MIDDLES))
            k = k->next, i++;
        parts[np] = from == n->a->first && !k ? row(L, n->a, s) : run(L, from, k, cls, i0, s);
        h = fmax(h, parts[np].h);
        d = fmax(d, parts[np].d);
        if (!k)
            break;
        middles[np++] = k;
        k = k->next, i++;
    }
    if (cls != stack)
        free(cls);
    box r = {.first = parts[0].first};
    box open = delimiter(L, s, n->text, h, d);
    double x = open.w;
    r.h = fmax(h, open.h);
    r.d = fmax(d, open.d);
    for (int p = 0; p <= np; p++) {
        shift(L, &parts[p], x, 0);
        x += parts[p].w;
        if (p == np)
            break;
        box m = delimiter(L, s, middles[p]->text, h, d);
        x += mu(L, s, math_space_mu(MC_ORD, MC_REL, s.level >= 2));
        shift(L, &m, x, 0);
        x += m.w + mu(L, s, math_space_mu(MC_REL, MC_ORD, s.level >= 2));
        r.h = fmax(r.h, m.h);
        r.d = fmax(r.d, m.d);
    }
    box close = delimiter(L, s, n->text2, h, d);
    shift(L, &close, x, 0);
    r.w = x + close.w;
    r.h = fmax(r.h, close.h);
    r.d = fmax(r.d, close.d);
    r.last = L->out->n;
    r.accent_x = r.w / 2;
    return r;
}

/* The glyph an accent is drawn with: the combining form the font
 * positions over letters. */
static unsigned accent_cp(const char *t)
{
    static const struct {
        const char *text;
        unsigned cp;
    } map[] = {{"^", 0x302}, {"ˇ", 0x30C}, {"~", 0x303}, {"´", 0x301}, {"`", 0x300},
               {"˙", 0x307}, {"¨", 0x308}, {"⃛", 0x20DB}, {"˘", 0x306}, {"¯", 0x304},
               {"→", 0x20D7}, {"˚", 0x30A}, {"←", 0x20D6}, {"↔", 0x20E1}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(map[i].text, t) == 0)
            return map[i].cp;
    return first_cp(t);
}

static box bar(lay *L, const mnode *n, style s, bool under)
{
    style inner = s;
    inner.cramped |= !under;
    box base = node(L, n->a, inner);
    box r = {.first = base.first, .w = base.w, .h = base.h, .d = base.d};
    if (under) {
        double gap = K(L, s, C(UNDERBAR_VERTICAL_GAP)), t = K(L, s, C(UNDERBAR_RULE_THICKNESS));
        rule(L, 0, -(base.d + gap + t), base.w, t);
        r.d = base.d + gap + t + K(L, s, C(UNDERBAR_EXTRA_DESCENDER));
    } else {
        double gap = K(L, s, C(OVERBAR_VERTICAL_GAP)), t = K(L, s, C(OVERBAR_RULE_THICKNESS));
        rule(L, 0, base.h + gap, base.w, t);
        r.h = base.h + gap + t + K(L, s, C(OVERBAR_EXTRA_ASCENDER));
    }
    r.last = L->out->n;
    r.accent_x = r.w / 2;
    return r;
}

static box accent(lay *L, const mnode *n, style s)
{
    bool under = n->flags & MF_UNDER;
    if (strcmp(n->text, "‾") == 0 || strcmp(n->text, "_") == 0)
        return bar(L, n, s, under);
    if (n->flags & MF_LIMITS) { /* \overbrace, \underbrace: a stretched brace as a limit */
        box base = node(L, n->a, s);
        box brace = stretch(L, s, first_cp(n->text), base.w, false, true);
        double gap = K(L, s, under ? C(STRETCH_STACK_GAP_BELOW_MIN) : C(STRETCH_STACK_GAP_ABOVE_MIN));
        double w = fmax(base.w, brace.w);
        shift(L, &base, (w - base.w) / 2, 0);
        shift(L, &brace, (w - brace.w) / 2,
              under ? -(base.d + gap + brace.h) : base.h + gap + brace.d);
        box r = {.first = base.first, .last = L->out->n, .w = w};
        r.h = under ? base.h : base.h + gap + brace.h + brace.d;
        r.d = under ? base.d + gap + brace.h + brace.d : base.d;
        r.accent_x = r.w / 2;
        r.is_largeop = false;
        return r;
    }
    style inner = s;
    inner.cramped = true;
    box base = node(L, n->a, inner);
    unsigned cp = accent_cp(n->text);
    box acc = (n->flags & MF_STRETCHY) ? stretch(L, s, cp, base.w, false, true)
                                        : glyph_box(L, s, nominal(L, cp));
    if (L->failed)
        return base;
    double attach = acc.is_char ? acc.accent_x : acc.w / 2;
    double base_attach = base.is_char ? base.accent_x : base.w / 2;
    if (under) {
        shift(L, &acc, base_attach - attach, -base.d - acc.h);
        box r = {.first = base.first, .last = L->out->n, .w = base.w, .h = base.h};
        r.d = base.d + acc.h + acc.d;
        r.accent_x = base.accent_x;
        return r;
    }
    /* the accent sits on the base's top, no lower than AccentBaseHeight allows */
    double lift = fmax(0, base.h - K(L, s, C(ACCENT_BASE_HEIGHT)));
    shift(L, &acc, base_attach - attach, lift);
    box r = {.first = base.first, .last = L->out->n, .w = base.w, .d = base.d};
    r.h = fmax(base.h, acc.h + lift);
    r.ic = base.ic;
    r.accent_x = base.accent_x;
    r.glyph = base.glyph;
    r.is_char = false;
    return r;
}

/* \boxed, \phantom, \smash: the body framed, unseen or without height. */
static box boxed(lay *L, const mnode *n, style s)
{
    box b = node(L, n->a, s);
    if (n->size == MBOX_FRAME) { /* LaTeX's \fboxsep 3pt and \fboxrule 0.4pt at 10 pt */
        double pad = 0.3 * em(L, s), t = 0.04 * em(L, s), side = pad + t;
        shift(L, &b, side, 0);
        double w = b.w + 2 * side, bottom = -b.d - side, h = b.h + b.d + 2 * side;
        rule(L, 0, bottom, w, t);
        rule(L, 0, b.h + pad, w, t);
        rule(L, 0, bottom, t, h);
        rule(L, w - t, bottom, t, h);
        return (box){.first = b.first, .last = L->out->n, .w = w, .h = b.h + side, .d = b.d + side,
                     .accent_x = w / 2};
    }
    if (n->size == MBOX_SMASH) {
        b.h = b.d = 0;
        return b;
    }
    L->out->n = b.first; /* a phantom: its room only */
    box r = {.first = b.first, .last = b.first, .w = b.w, .h = b.h, .d = b.d, .accent_x = b.w / 2};
    if (n->size == MBOX_HPHANTOM)
        r.h = r.d = 0;
    if (n->size == MBOX_VPHANTOM)
        r.w = 0;
    return r;
}

/* ---- tables ---- */

static box table(lay *L, const mnode *n, style s)
{
    const char *env = n->text2 ? n->text2 : "";
    const char *spec = n->text ? n->text : "";
    bool aligned = strstr(env, "align") || strcmp(env, "split") == 0;
    bool gathered = n->text2 && strncmp(n->text2, "gather", 6) == 0;
    bool cases = strstr(env, "cases") != NULL;
    bool array = strcmp(env, "array") == 0;
    style cell_style = aligned || gathered ? (style){0, s.cramped} : s;
    int rows = n->n, cols = 0;
    for (const mnode *r = n->first; r; r = r->next)
        cols = r->n > cols ? r->n : cols;
    if (rows == 0 || cols == 0)
        return empty(L);
    box *cells = calloc((size_t)rows * (size_t)cols, sizeof *cells);
    double *colw = calloc((size_t)cols, sizeof *colw);
    double *rowh = calloc((size_t)rows * 2, sizeof *rowh), *rowd = rowh + rows;
    if (!cells || !colw || !rowh)
        abort();
    double e = em(L, cell_style);
    double strut_h = 0.7 * 1.2 * e, strut_d = 0.3 * 1.2 * e;
    size_t first = L->out->n;
    int ri = 0;
    for (const mnode *r = n->first; r; r = r->next, ri++) {
        rowh[ri] = strut_h;
        rowd[ri] = strut_d;
        int ci = 0;
        for (const mnode *c = r->first; c; c = c->next, ci++) {
            box b = node(L, c, cell_style);
            cells[ri * cols + ci] = b;
            colw[ci] = fmax(colw[ci], b.w);
            rowh[ri] = fmax(rowh[ri], b.h);
            rowd[ri] = fmax(rowd[ri], b.d);
        }
        for (; ci < cols; ci++)
            cells[ri * cols + ci] = empty(L);
    }
    /* column alignments from the spec, rules where it has | */
    char align[256];
    bool line_before[257] = {false};
    int na = 0;
    for (const char *p = spec; *p && na < 256; p++) {
        if (*p == '|')
            line_before[na] = true;
        else if (strchr("lcr", *p))
            align[na++] = *p;
    }
    double jot = aligned || gathered ? 0.3 * e : 0;
    double pad = array ? 0.5 * e : 0; /* \arraycolsep on both sides */
    double t = K(L, s, C(FRACTION_RULE_THICKNESS));
    /* x of each column */
    double *colx = calloc((size_t)cols + 1, sizeof *colx);
    if (!colx)
        abort();
    double x = pad;
    for (int c = 0; c < cols; c++) {
        colx[c] = x;
        x += colw[c];
        if (c + 1 < cols)
            x += aligned ? (c % 2 ? 2 * e : 0) : cases ? e : array ? 2 * pad : e;
    }
    double width = x + pad;
    colx[cols] = width;
    /* rows from the top: baseline of row 0 at 0 */
    double y = 0;
    ri = 0;
    double hline_gap = 0.2 * e;
    for (const mnode *r = n->first; r; r = r->next, ri++) {
        if (ri > 0)
            y -= rowd[ri - 1] + rowh[ri] + jot;
        if (r->flags & MF_HLINE) {
            double ly = y + rowh[ri] + hline_gap / 2;
            if (ri > 0) {
                /* the rule between rows: room for it */
                y -= hline_gap;
                ly = y + rowh[ri] + hline_gap / 2;
            }
            rule(L, 0, ly, width, t);
        }
        for (int c = 0; c < cols; c++) {
            box *b = &cells[ri * cols + c];
            char a = c < na ? align[c] : 'c';
            double cx = colx[c] + (a == 'l' ? 0 : a == 'r' ? colw[c] - b->w : (colw[c] - b->w) / 2);
            shift(L, b, cx, y);
        }
    }
    double top = rowh[0] + (n->first->flags & MF_HLINE ? hline_gap : 0);
    double bottom = -y + rowd[rows - 1];
    /* vertical rules of the array spec */
    for (int c = 0; c <= cols && c <= na; c++)
        if (line_before[c]) {
            double lx = c == 0 ? 0 : c == cols ? width - t : colx[c] - pad - t / 2;
            rule(L, lx, -bottom, t, top + bottom);
        }
    /* centred on the axis */
    box b = {.first = first, .last = L->out->n, .w = width};
    double axis = K(L, s, C(AXIS_HEIGHT));
    double mid = (top - bottom) / 2;
    b.h = top;
    b.d = bottom;
    raise(L, &b, axis - mid);
    b.accent_x = width / 2;
    free(cells);
    free(colw);
    free(rowh);
    free(colx);
    return b;
}

static box node(lay *L, const mnode *n, style s)
{
    if (L->failed)
        return empty(L);
    switch (n->kind) {
    case MK_ROW: return row(L, n, s);
    case MK_ATOM: return atom(L, n, s);
    case MK_TEXT: return text_node(L, n, s);
    case MK_SPACE: {
        box b = empty(L);
        b.w = mu(L, s, n->size);
        return b;
    }
    case MK_FRAC: return frac(L, n, s);
    case MK_SQRT: return radical(L, n, s);
    case MK_SCRIPTS: return scripts(L, n, s);
    case MK_FENCED: return fenced(L, n, s);
    case MK_ACCENT: return accent(L, n, s);
    case MK_TABLE: return table(L, n, s);
    case MK_STYLE: return node(L, n->a, (style){n->size, s.cramped});
    case MK_BOX: return boxed(L, n, s);
    case MK_KIND_COUNT: break;
    }
    return empty(L);
}

bool math_layout(mfont *f, const mnode *root, bool display, double size, mlayout *out,
                 math_error *err)
{
    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    lay L = {.f = f, .size = size, .out = out, .err = err};
    box b = node(&L, root, (style){display ? 0 : 1, false});
    if (L.failed) {
        out->n = 0;
        return false;
    }
    /* the box starts at its left edge: items never stick out to the left */
    out->width = b.w;
    out->ascent = b.h;
    out->descent = b.d;
    /* a tag closing the formula: the caller may move it to the margin */
    bool tagged = root->kind == MK_ROW && root->n > 1 && (root->last->flags & MF_TAG);
    out->tag_from = tagged ? L.tag_from : out->n;
    out->tag_x = tagged ? L.tag_x : b.w;
    return true;
}

void mlayout_free(mlayout *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* v to 2 decimals, never "-0.00" (optimisation levels differ in the sign
 * of a zero and in the last bits). */
static double two_places(double v)
{
    v = round(v * 100) / 100;
    return v == 0 ? 0 : v;
}

void mlayout_dump(const mlayout *l, buf *o)
{
    buf_printf(o, "box w=%.2f h=%.2f d=%.2f\n", two_places(l->width), two_places(l->ascent),
               two_places(l->descent));
    for (size_t i = 0; i < l->n; i++) {
        const mitem *it = &l->items[i];
        if (it->kind == MI_GLYPH)
            buf_printf(o, "  glyph %u x=%.2f y=%.2f size=%.2f\n", it->glyph, two_places(it->x),
                       two_places(it->y), two_places(it->size));
        else
            buf_printf(o, "  rule x=%.2f y=%.2f w=%.2f h=%.2f\n", two_places(it->x), two_places(it->y),
                       two_places(it->w), two_places(it->h));
    }
}

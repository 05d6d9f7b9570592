/* Units → lines: the units become boxes, glue and penalties for the
 * total-fit breaker (justified text: stretchable spaces; ragged text and
 * code: the paper's ragged-right glue), the chosen breaks become lines of
 * pieces, words cut at a line end are shaped again (with their hyphen),
 * and justified lines share out their slack between their spaces. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"
#include "para_internal.h"

#define RAGGED_STRETCH (30 * PANGO_SCALE) /* how much rag a line may take */
#define HYPHEN_PENALTY 50
#define EXPLICIT_HYPHEN_PENALTY 50
#define FORCED_PENALTY 1000      /* inside a word wider than the line */
#define FORCED_STEP 12           /* forced break points every 1/12 of the line */
#define MAX_SPACE 1.6            /* a justified space is at most this much wider (then letters, then rag) */
#define MAX_SHRINK 0.25          /* and at most this much narrower */
#define MAX_LETTER 0.12          /* letters of a loose line: at most this much of a space apart */

/* What an item of the breaker stands for. */
typedef struct lbref {
    int unit;     /* -1: synthetic (ragged glue, ends of lines) */
    int from, to; /* boxes, spaces: bytes of the text; penalties: from = the break */
    bool hyphen;  /* penalties: a hyphen is drawn if the line ends here */
} lbref;

typedef struct lbuild {
    const tpara *p;
    int width;    /* Pango units */
    bool ragged;
    lb_item *items;
    lbref *refs;
    int n, cap;
    int hyphen_item, hyphen_w; /* the last item's hyphen width (-1: none yet) */
} lbuild;

static void add(lbuild *b, lb_item it, lbref r)
{
    int cap = b->cap;
    b->items = tgrow(b->items, b->n, &b->cap, sizeof *b->items);
    b->refs = tgrow(b->refs, b->n, &cap, sizeof *b->refs);
    b->items[b->n] = it;
    b->refs[b->n++] = r;
}

static const lbref none = {.unit = -1};

/* A place to break at a cost: in ragged text (or inside a word) the line
 * ending there may fall short of the measure (glue that stretches only
 * when the break is taken). */
static void break_point(lbuild *b, bool ragged, int stretch, int penalty, int width,
                        bool flagged, lbref r)
{
    if (ragged)
        add(b, (lb_item){.kind = LB_GLUE, .stretch = stretch}, none);
    add(b, (lb_item){.kind = LB_PENALTY, .penalty = penalty, .width = width, .flagged = flagged},
        r);
    if (ragged)
        add(b, (lb_item){.kind = LB_GLUE, .stretch = -stretch}, none);
}

static void forced_end(lbuild *b, lbref r)
{
    add(b, (lb_item){.kind = LB_GLUE, .fil = true}, none);
    add(b, (lb_item){.kind = LB_PENALTY, .penalty = -LB_INF}, r);
}

/* Looked up once per run of words in the same item, not once a word. */
static int hyphen_width(lbuild *b, const tunit *u)
{
    if (u->item != b->hyphen_item) {
        const PangoItem *item = b->p->items[u->item].item;
        b->hyphen_w = shape_cache_get(b->p->cache, "-", 1, &item->analysis, false)->width;
        b->hyphen_item = u->item;
    }
    return b->hyphen_w;
}

static bool ends_with(const tpara *p, const tunit *u, const char *s)
{
    size_t n = strlen(s);
    return (size_t)u->len >= n && memcmp(p->text + u->start + u->len - n, s, n) == 0;
}

/* Whether a line may start at byte off of the text: not before a combining
 * mark, a joiner or a variation selector, nor after a joiner. */
static bool grapheme_start(const tpara *p, int off)
{
    gunichar c = g_utf8_get_char(p->text + off);
    gunichar before = g_utf8_get_char(g_utf8_prev_char(p->text + off));
    return !g_unichar_ismark(c) && c != 0x200d && !(c >= 0xfe00 && c <= 0xfe0f) &&
           before != 0x200d;
}

/* The boxes of a word, cut at its hyphenation points and, when its run is
 * wider than the line, at forced break points. */
static void word_items(lbuild *b, int ui)
{
    const tpara *p = b->p;
    const tunit *u = &p->units[ui];
    bool forced = b->width > 0 && u->word_w > b->width;
    if (!u->n_hyph && !forced) {
        add(b, (lb_item){.kind = LB_BOX, .width = u->word->width},
            (lbref){.unit = ui, .from = u->start, .to = u->start + u->len});
        return;
    }
    /* advance of each cluster, by the byte it starts at */
    int room[256];
    int *adv = u->len < 256 ? memset(room, 0, ((size_t)u->len + 1) * sizeof *room)
                            : calloc((size_t)u->len + 1, sizeof *adv);
    if (!adv)
        abort();
    const PangoGlyphString *g = u->word->glyphs;
    for (int i = 0; i < g->num_glyphs; i++)
        if (g->log_clusters[i] >= 0 && g->log_clusters[i] <= u->len)
            adv[g->log_clusters[i]] += g->glyphs[i].geometry.width;
    int hw = u->n_hyph ? hyphen_width(b, u) : 0;
    int step = b->width / FORCED_STEP;
    int from = u->start, w = 0, since = 0, h = u->hyph;
    for (int off = u->start; off < u->start + u->len;) {
        int next = (int)(g_utf8_next_char(p->text + off) - p->text);
        w += adv[off - u->start];
        since += adv[off - u->start];
        off = next;
        if (off >= u->start + u->len)
            break;
        bool hyph = h < u->hyph + u->n_hyph && p->hyph[h] == off;
        bool cut = forced && since >= step && grapheme_start(p, off);
        if (hyph)
            h++;
        if (!hyph && !cut)
            continue;
        add(b, (lb_item){.kind = LB_BOX, .width = w}, (lbref){.unit = ui, .from = from, .to = off});
        lbref at = {.unit = ui, .from = off, .hyphen = hyph};
        if (hyph)
            break_point(b, b->ragged, RAGGED_STRETCH, HYPHEN_PENALTY, hw, true, at);
        else
            break_point(b, true, b->width, FORCED_PENALTY, 0, false, at);
        from = off;
        w = since = 0;
    }
    add(b, (lb_item){.kind = LB_BOX, .width = w},
        (lbref){.unit = ui, .from = from, .to = u->start + u->len});
    if (adv != room)
        free(adv);
}

static void space_items(lbuild *b, int ui)
{
    const tunit *u = &b->p->units[ui];
    lbref r = {.unit = ui, .from = u->start, .to = u->start + u->len};
    int w = u->word->width;
    if (b->p->code) { /* code: spaces are what they are, breaks after them */
        add(b, (lb_item){.kind = LB_BOX, .width = w}, r);
        if (u->break_before)
            break_point(b, true, RAGGED_STRETCH, 0, 0, false, none);
        return;
    }
    if (b->ragged) {
        if (u->break_before) {
            add(b, (lb_item){.kind = LB_GLUE, .stretch = RAGGED_STRETCH}, none);
            add(b, (lb_item){.kind = LB_PENALTY}, none);
        }
        add(b, (lb_item){.kind = LB_GLUE, .width = w,
                         .stretch = u->break_before ? -RAGGED_STRETCH : 0}, r);
        return;
    }
    if (u->break_before)
        add(b, (lb_item){.kind = LB_PENALTY}, none);
    add(b, (lb_item){.kind = LB_GLUE, .width = w, .stretch = w / 2,
                     .shrink = (int)(w * MAX_SHRINK)}, r);
}

static void build_items(lbuild *b)
{
    const tpara *p = b->p;
    for (int i = 0; i < p->n_units; i++) {
        const tunit *u = &p->units[i];
        switch (u->kind) {
        case TU_HARD:
            forced_end(b, (lbref){.unit = i, .from = u->start, .to = u->start + u->len});
            break;
        case TU_SPACE:
            space_items(b, i);
            break;
        case TU_WORD:
            if (u->break_before && i > 0 && p->units[i - 1].kind == TU_WORD) {
                /* a break inside a run of text ("Jean-|Pierre", "a/|b") */
                const tunit *prev = &p->units[i - 1];
                bool shy = ends_with(p, prev, SHY);
                bool dash = shy || ends_with(p, prev, "-") || ends_with(p, prev, "\xe2\x80\x90");
                break_point(b, b->ragged || p->code, RAGGED_STRETCH,
                            dash ? EXPLICIT_HYPHEN_PENALTY : 0, shy ? hyphen_width(b, prev) : 0,
                            dash, (lbref){.unit = i - 1, .from = u->start, .hyphen = shy});
            }
            word_items(b, i);
            break;
        }
    }
    forced_end(b, none);
}

/* Breaks only where the text does (no width). */
static int hard_breaks(const lbuild *b, int **breaks)
{
    int n = 0;
    *breaks = malloc((size_t)b->n * sizeof **breaks);
    if (!*breaks)
        abort();
    for (int i = 0; i < b->n; i++)
        if (b->items[i].kind == LB_PENALTY && b->items[i].penalty == -LB_INF)
            (*breaks)[n++] = i;
    return n;
}

static tpiece *piece_add(tpara *p)
{
    p->pieces = tgrow(p->pieces, p->n_pieces, &p->cap_pieces, sizeof *p->pieces);
    tpiece *pc = &p->pieces[p->n_pieces++];
    memset(pc, 0, sizeof *pc);
    return pc;
}

static tline *line_add(tpara *p)
{
    p->lines = tgrow(p->lines, p->n_lines, &p->cap_lines, sizeof *p->lines);
    tline *l = &p->lines[p->n_lines++];
    memset(l, 0, sizeof *l);
    return l;
}

/* The glyphs of a piece: its unit's, or the part shaped again. */
static void piece_shape(tpara *p, tpiece *pc)
{
    const tunit *u = &p->units[pc->unit];
    if (pc->start == u->start && pc->len == u->len && !pc->hyphen) {
        pc->word = tword_hold(u->word);
        return;
    }
    const PangoAnalysis *a = &p->items[u->item].item->analysis;
    const char *text = p->text + pc->start;
    if (!pc->hyphen) {
        pc->word = tword_hold(shape_cache_get(p->cache, text, pc->len, a, false));
        return;
    }
    /* a hyphen is drawn after a soft hyphen, as Pango does: the text layer
     * then holds a soft hyphen where the word was cut */
    bool shy = pc->len >= SHY_LEN && memcmp(text + pc->len - SHY_LEN, SHY, SHY_LEN) == 0;
    char small[256];
    char *buf = pc->len + SHY_LEN <= (int)sizeof small ? small : malloc((size_t)pc->len + SHY_LEN);
    if (!buf)
        abort();
    memcpy(buf, text, (size_t)pc->len);
    if (!shy)
        memcpy(buf + pc->len, SHY, SHY_LEN);
    pc->word = tword_hold(shape_cache_get(p->cache, buf, pc->len + (shy ? 0 : SHY_LEN), a, true));
    if (buf != small)
        free(buf);
}

/* Shares out the line's slack: first between its spaces, in proportion
 * to their widths, up to MAX_SPACE times their natural width; then between
 * its letters, up to MAX_LETTER of a space each; what is left stays at the
 * line's end (a ragged line rather than a loose one). Returns the spaces'
 * width as a multiple of their natural one (0: no space). */
static double justify(tpara *p, tline *l, int width)
{
    int natural = 0, spaces = 0, gaps = -1;
    for (int i = l->first; i < l->first + l->n; i++) {
        const tpiece *pc = &p->pieces[i];
        natural += pc->width;
        if (p->units[pc->unit].kind == TU_SPACE)
            spaces += pc->width;
        else
            gaps += pc->word->glyphs->num_glyphs;
    }
    int slack = width - natural;
    if (spaces <= 0 || slack == 0)
        return spaces > 0 ? 1 : 0;
    double factor = 1 + (double)slack / spaces;
    if (factor < 1 - MAX_SHRINK)
        factor = 1 - MAX_SHRINK; /* overfull: shrink no further than the breaker may */
    if (factor > MAX_SPACE)
        factor = MAX_SPACE;
    int left = (int)lround((factor - 1) * spaces), given = 0;
    slack -= left;
    int letter = 0;
    if (slack > 0 && gaps > 0) {
        int space = p->items[p->units[p->pieces[l->first].unit].item].space;
        letter = (int)fmin((double)slack / gaps, MAX_LETTER * space);
    }
    for (int i = l->first; i < l->first + l->n; i++) {
        tpiece *pc = &p->pieces[i];
        if (p->units[pc->unit].kind != TU_SPACE) {
            bool last = i == l->first + l->n - 1;
            pc->letter = letter;
            pc->width += letter * (pc->word->glyphs->num_glyphs - last);
            continue;
        }
        int add = (int)lround((double)left * (given + pc->width) / spaces) -
                  (int)lround((double)left * given / spaces);
        given += pc->width;
        pc->width += add;
    }
    return factor;
}

/* A line's pitch is line_spacing times its text's height; an inline
 * object (a formula) taller or deeper than the text adds only what it
 * passes the text by, so the gap between lines stays what it was. */
static void line_metrics(tpara *p, tline *l, double *top)
{
    int asc = 0, desc = 0, obj_asc = 0, obj_desc = 0;
    bool text = false;
    for (int i = l->first; i < l->first + l->n; i++) {
        const titem *ti = &p->items[p->units[p->pieces[i].unit].item];
        int *a = ti->object ? &obj_asc : &asc, *d = ti->object ? &obj_desc : &desc;
        text |= !ti->object;
        if (ti->ascent > *a)
            *a = ti->ascent;
        if (ti->descent > *d)
            *d = ti->descent;
    }
    if (!text)
        tpara_empty_metrics(p, &asc, &desc);
    double factor = p->line_spacing > 0 ? p->line_spacing : 1;
    int over = (obj_asc > asc ? obj_asc - asc : 0) + (obj_desc > desc ? obj_desc - desc : 0);
    l->y = *top;
    l->baseline = (double)(asc > obj_asc ? asc : obj_asc) / PANGO_SCALE;
    l->h = (factor * (asc + desc) + over) / PANGO_SCALE;
    *top += l->h;
}

static bool only_spaces(const tpara *p, int from, int to)
{
    for (const char *s = p->text + from; s < p->text + to; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        if (!g_unichar_isspace(c) && c != 0x2028 && c != 0x2029)
            return false;
    }
    return true;
}

/* One line: the items after the previous break up to the break at end. */
static void make_line(tpara *p, const lbuild *b, int begin, int end, int width, talign align,
                      double *top)
{
    tline *l = line_add(p);
    l->first = p->n_pieces;
    while (begin < end && b->items[begin].kind != LB_BOX)
        begin++; /* what a break discards */
    for (int i = begin; i < end; i++) {
        const lbref *r = &b->refs[i];
        if (r->unit < 0 || b->items[i].kind == LB_PENALTY)
            continue;
        tpiece *last = p->n_pieces > l->first ? &p->pieces[p->n_pieces - 1] : NULL;
        if (last && last->unit == r->unit && last->start + last->len == r->from) {
            last->len = r->to - last->start;
            continue;
        }
        tpiece *pc = piece_add(p);
        pc->unit = r->unit;
        pc->start = r->from;
        pc->len = r->to - r->from;
    }
    l->n = p->n_pieces - l->first;
    const lbref *at = &b->refs[end];
    if (l->n > 0 && at->hyphen) {
        l->hyphen = true;
        p->pieces[p->n_pieces - 1].hyphen = true;
    }
    while (l->n > 0 && p->units[p->pieces[l->first + l->n - 1].unit].kind == TU_SPACE) {
        l->n--; /* spaces before a break are not printed */
        p->n_pieces--;
    }
    for (int i = l->first; i < l->first + l->n; i++) {
        piece_shape(p, &p->pieces[i]);
        p->pieces[i].width = p->pieces[i].word->width;
    }
    bool forced = b->items[end].penalty == -LB_INF;
    l->wrapped = !forced;
    l->stretch = 1;
    if (align == TALIGN_JUSTIFY && !forced && width > 0)
        l->stretch = justify(p, l, width);
    int printed = 0;
    for (int i = l->first; i < l->first + l->n; i++)
        printed += p->pieces[i].width;
    l->width = (double)printed / PANGO_SCALE;
    if (l->n > 0) {
        l->start = p->pieces[l->first].start;
        const tpiece *last = &p->pieces[l->first + l->n - 1];
        l->end = last->start + last->len;
    } else {
        l->start = l->end = at->unit >= 0 ? at->from : p->len;
    }
    double room = width > 0 ? (double)width / PANGO_SCALE - l->width : 0;
    if (align == TALIGN_START || align == TALIGN_JUSTIFY)
        align = p->rtl ? TALIGN_RIGHT : TALIGN_LEFT;
    l->x = align == TALIGN_CENTER ? room / 2 : align == TALIGN_RIGHT ? room : 0;
    line_metrics(p, l, top);
}

void tpara_free_lines(tpara *p)
{
    for (int i = 0; i < p->n_pieces; i++)
        tword_release(p->pieces[i].word);
    p->n_pieces = 0;
    p->n_lines = 0;
}

bool tpara_layout(tpara *p, double width, talign align)
{
    tpara_free_lines(p);
    int w = width < 0 ? -1 : (int)lround(width * PANGO_SCALE);
    lbuild b = {.p = p, .width = w, .ragged = align != TALIGN_JUSTIFY || p->code,
                .hyphen_item = -1};
    /* room for most paragraphs' items at once: a word and a space are two
     * or three, a hyphenation point three more */
    b.cap = 3 * p->n_units + 3 * p->n_hyph + 4;
    b.items = malloc((size_t)b.cap * sizeof *b.items);
    b.refs = malloc((size_t)b.cap * sizeof *b.refs);
    if (!b.items || !b.refs)
        abort();
    build_items(&b);
    int *breaks;
    int count = w < 0 ? hard_breaks(&b, &breaks) : linebreak(b.items, b.n, w, &breaks);
    double top = 0;
    int begin = 0;
    for (int k = 0; k < count; k++) {
        make_line(p, &b, begin, breaks[k], w, align, &top);
        begin = breaks[k] + 1;
    }
    free(breaks);
    free(b.items);
    free(b.refs);
    /* every byte printed, or only spaces left out */
    int cursor = 0;
    for (int i = 0; i < p->n_pieces; i++) {
        const tpiece *pc = &p->pieces[i];
        if (pc->start < cursor || !only_spaces(p, cursor, pc->start))
            return false;
        cursor = pc->start + pc->len;
    }
    return only_spaces(p, cursor, p->len);
}

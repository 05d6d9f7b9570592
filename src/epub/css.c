/* The stylesheet, generated from the same style struct the PDF uses: one
 * source of truth for fonts, sizes, colours and callout tints. Sizes are
 * written relative to the body size so readers can still scale the text. */
#include "book.h"

static void rgb(buf *o, frgb c)
{
    int r = (int)(c.r * 255 + 0.5), g = (int)(c.g * 255 + 0.5), b = (int)(c.b * 255 + 0.5);
    buf_printf(o, "#%02x%02x%02x", r < 0 ? 0 : r > 255 ? 255 : r, g < 0 ? 0 : g > 255 ? 255 : g,
               b < 0 ? 0 : b > 255 ? 255 : b);
}

/* A family name as a CSS string (quotes and backslashes dropped). */
static void quoted(buf *o, const char *name)
{
    buf_putc(o, '"');
    for (const char *p = name; *p; p++) {
        if (*p != '"' && *p != '\\' && *p != '\n')
            buf_putc(o, *p);
    }
    buf_putc(o, '"');
}

static void family(buf *o, const char *name, const char *generic)
{
    if (name && *name) {
        quoted(o, name);
        buf_puts(o, ", ");
    }
    buf_puts(o, generic);
}

static void font_faces(const epub_book *b, buf *o)
{
    for (size_t i = 0; i < b->fonts.n; i++) {
        const epub_item *f = &b->fonts.v[i];
        buf_puts(o, "@font-face {\n  font-family: ");
        quoted(o, f->family);
        buf_printf(o, ";\n  font-weight: %s;\n  font-style: %s;\n  src: url(\"../%s\");\n}\n",
                   f->bold ? "bold" : "normal", f->italic ? "italic" : "normal", f->href);
    }
}

/* Rules for what only some books hold: a book without it keeps the
 * stylesheet it had. */
static void optional_rules(const epub_book *b, buf *o, const char *start)
{
    const folio_style *s = b->style;
    if (b->has_code_marks) { /* Quarto's circled numbers: white on grey */
        buf_printf(o, ".code-annotation {\n  display: inline-block;\n  margin-%s: 0.6em;\n",
                   start);
        buf_puts(o, "  padding: 0 0.35em;\n  border-radius: 0.7em;\n  font-size: 0.85em;\n"
                    "  font-weight: bold;\n  line-height: 1.3;\n  color: #ffffff;\n"
                    "  background: ");
        rgb(o, s->color_muted);
        buf_puts(o, ";\n  text-decoration: none;\n}\n");
    }
    if (b->has_code_filenames) { /* a bar above the code */
        frgb bar = {s->code_background.r * 0.9, s->code_background.g * 0.9,
                    s->code_background.b * 0.9};
        buf_puts(o, "div.code-filename {\n  margin: 1em 0 0 0;\n  padding: 0.3em 0.8em;\n"
                    "  font-family: ");
        family(o, s->font_mono, "monospace");
        buf_puts(o, ";\n  font-size: 0.8em;\n  font-weight: bold;\n  color: ");
        rgb(o, s->color_muted);
        buf_puts(o, ";\n  background: ");
        rgb(o, bar);
        buf_puts(o, ";\n}\ndiv.code-filename + pre {\n  margin-top: 0;\n}\n"
                    "span.code-filename {\n  font-weight: bold;\n}\n");
    }
    if (b->has_keys) { /* monospaced as code; a key as a key cap, as on paper */
        buf_puts(o, "kbd, samp {\n  font-family: ");
        family(o, s->font_mono, "monospace");
        buf_printf(o, ";\n  font-size: %.2fem;\n}\nkbd {\n  padding: 0 0.2em;\n"
                      "  border: 1px solid ",
                   s->size_code / (s->size_body > 0 ? s->size_body : 11));
        rgb(o, s->color_muted);
        buf_puts(o, ";\n  border-radius: 0.2em;\n  background: ");
        rgb(o, s->code_background);
        buf_puts(o, ";\n}\nkbd kbd {\n  font-size: 1em;\n}\n"
                    "kbd.keys {\n  padding: 0;\n  border: 0;\n  background: none;\n}\n");
    }
    if (b->has_marks) { /* a highlighter's, as on paper */
        buf_puts(o, "mark {\n  color: inherit;\n  background: ");
        rgb(o, s->mark_background);
        buf_puts(o, ";\n}\n");
    }
    if (b->has_definition_lists) { /* the term bold, its definitions indented */
        buf_puts(o, "dl {\n  margin: 1em 0;\n}\ndt {\n  font-weight: bold;\n}\n");
        if (b->has_rtl)
            buf_puts(o, "dd {\n  margin: 0.2em 0 0.6em 0;\n  margin-inline-start: 1.6em;\n}\n");
        else
            buf_puts(o, "dd {\n  margin: 0.2em 0 0.6em 1.6em;\n}\n");
        buf_puts(o, "dd > p:last-child {\n  margin-bottom: 0;\n}\n");
    }
}

void epub_css(const epub_book *b, buf *o)
{
    const folio_style *s = b->style;
    double body = s->size_body > 0 ? s->size_body : 11;
    /* A book with text read right to left says the start side, not the
     * left (logical properties): each block's dir then puts bars, indents
     * and alignment on its side, an LTR passage in an RTL chapter too. A
     * book without keeps the stylesheet it had. */
    const char *start = b->has_rtl ? "inline-start" : "left";
    const char *align = b->has_rtl ? "start" : "left";
    font_faces(b, o);
    epub_icon_css(b, o);
    buf_puts(o, "body {\n  font-family: ");
    family(o, s->font_body, "serif");
    /* after the generic family: only for what the text fonts lack */
    buf_puts(o, ", \"Noto Color Emoji\", \"Apple Color Emoji\", \"Segoe UI Emoji\"");
    buf_printf(o, ";\n  line-height: %.2f;\n  color: ", s->line_height > 0 ? s->line_height : 1.4);
    rgb(o, s->color_text);
    /* A measure of about 38em, centred on a wide screen; long URLs break
     * rather than widen the page. Text is justified only where it is
     * hyphenated (in the document's language, lang on every page):
     * justified without hyphens, a narrow screen opens rivers. */
    bool justify = s->justify && s->hyphenate;
    buf_printf(o, ";\n  max-width: 38em;\n  margin: 0 auto;\n  padding: 0 4%%;\n"
                  "  overflow-wrap: break-word;\n}\n"
                  "a, .link-card-url, .image-placeholder {\n  overflow-wrap: anywhere;\n"
                  "  word-break: break-word;\n}\np {\n  margin: 0 0 %.2fem 0;\n  text-align: %s;\n%s}\n",
               s->paragraph_spacing / body, justify ? "justify" : align,
               s->hyphenate ? "  -webkit-hyphens: auto;\n  -epub-hyphens: auto;\n  hyphens: auto;\n"
                            : "");
    buf_puts(o, "h1, h2, h3, h4, h5, h6 {\n  font-family: ");
    family(o, s->font_heading, "sans-serif");
    buf_puts(o, ";\n  color: ");
    rgb(o, s->color_heading);
    buf_printf(o, ";\n  line-height: 1.2;\n  text-align: %s;\n  page-break-after: avoid;\n",
               align);
    buf_puts(o, "  break-after: avoid;\n  -webkit-hyphens: manual;\n  hyphens: manual;\n}\n");
    /* The issue title uses the title size; source level n is written h(n+1). */
    buf_printf(o, "h1 {\n  font-size: %.2fem;\n  margin: 0 0 0.4em 0;\n}\n",
               (s->size_title > 0 ? s->size_title : s->size_heading[0]) / body);
    for (int level = 2; level <= 6; level++)
        buf_printf(o, "h%d {\n  font-size: %.2fem;\n  margin: 1.2em 0 0.5em 0;\n}\n", level,
                   s->size_heading[level - 2] / body);
    buf_puts(o, "a {\n  color: ");
    rgb(o, s->color_link);
    buf_puts(o, ";\n  text-decoration: none;\n}\n.link-unresolved {\n  color: inherit;\n}\n");
    buf_puts(o, "code, pre {\n  font-family: ");
    family(o, s->font_mono, "monospace");
    buf_printf(o, ";\n  font-size: %.2fem;\n}\npre {\n  background: ", s->size_code / body);
    rgb(o, s->code_background);
    buf_puts(o, ";\n  padding: 0.6em 0.8em;\n  white-space: pre-wrap;\n  overflow-wrap: "
                "break-word;\n  page-break-inside: avoid;\n}\npre code {\n  font-size: 1em;\n}\n");
    if (b->has_rtl)
        buf_puts(o, "blockquote {\n  margin: 1em 0;\n  padding: 0;\n  padding-inline-start: 1em;\n"
                    "  border-inline-start: 3px solid ");
    else
        buf_puts(o, "blockquote {\n  margin: 1em 0;\n  padding: 0 0 0 1em;\n  border-left: 3px solid ");
    rgb(o, s->quote_border);
    buf_puts(o, ";\n}\nhr {\n  border: 0;\n  border-top: 1px solid ");
    rgb(o, s->color_rule);
    buf_puts(o, ";\n  margin: 1.5em 0;\n}\n");
    buf_puts(o, "table {\n  border-collapse: collapse;\n  margin: 1em 0;\n  width: 100%;\n}\n"
                "th, td {\n  border-bottom: 1px solid ");
    rgb(o, s->table_rule);
    buf_printf(o, ";\n  padding: 0.3em 0.5em;\n  text-align: %s;\n  vertical-align: top;\n}\n"
                  "th {\n  background: ", align);
    rgb(o, s->table_header_background);
    buf_puts(o, ";\n}\n.align-left {\n  text-align: left;\n}\n.align-center {\n  text-align: "
                "center;\n}\n.align-right {\n  text-align: right;\n}\n");
    buf_puts(o, "img {\n  max-width: 100%;\n  height: auto;\n}\nimg.align-center {\n  display: "
                "block;\n  margin: 0 auto;\n}\nfigure {\n  margin: 1em 0;\n  text-align: center;\n"
                "  page-break-inside: avoid;\n}\nfigcaption, .caption, caption {\n  font-size: ");
    buf_printf(o, "%.2fem;\n  color: ", s->size_small / body);
    rgb(o, s->color_muted);
    buf_puts(o, ";\n  margin-top: 0.3em;\n}\n");
    for (int k = 0; k < FCALLOUT_COUNT; k++) {
        buf_printf(o, "aside.callout-%s {\n  border-%s: 4px solid ", fcallout_kind_name(k), start);
        rgb(o, s->callout[k].border);
        buf_puts(o, ";\n  background: ");
        rgb(o, s->callout[k].background);
        buf_puts(o, ";\n}\n");
    }
    buf_puts(o, "aside.callout {\n  margin: 1em 0;\n  padding: 0.5em 0.9em;\n"
                "  page-break-inside: avoid;\n}\n.callout-title {\n  font-weight: bold;\n"
                "  margin-bottom: 0.3em;\n}\n");
    buf_printf(o, "details {\n  margin: 1em 0;\n  padding-%s: 0.8em;\n  border-%s: 1px solid ",
               start, start);
    rgb(o, s->color_rule);
    buf_printf(o, ";\n}\nsummary {\n  font-weight: bold;\n  margin-%s: -0.8em;\n}\n", start);
    buf_printf(o, ".issue-header {\n  margin-bottom: 2em;\n}\n.issue-number, .issue-meta, "
                  ".issue-subtitle, .issue-summary {\n  text-align: %s;\n  color: ", align);
    rgb(o, s->color_muted);
    buf_puts(o, ";\n}\n.issue-number {\n  font-variant: small-caps;\n  margin: 0;\n}\n"
                ".issue-subtitle {\n  font-size: 1.2em;\n}\n");
    buf_puts(o, ".footnotes {\n  margin-top: 2em;\n  border-top: 1px solid ");
    rgb(o, s->color_rule);
    buf_printf(o, ";\n  font-size: %.2fem;\n}\n.footnotes h2 {\n  font-size: 1.1em;\n}\n"
                  ".footnote-label {\n  float: left;\n  margin: 0 0.5em 0 0;\n}\n"
                  ".footnote-ref {\n  line-height: 0;\n}\n",
               s->size_small / body);
    buf_puts(o, ".link-card {\n  display: block;\n  margin: 1em 0;\n  padding: 0.5em 0.9em;\n"
                "  border: 1px solid ");
    rgb(o, s->color_rule);
    buf_puts(o, ";\n}\n.link-card-provider, .link-card-url {\n  display: block;\n  margin: 0;\n"
                "  font-size: 0.85em;\n  color: ");
    rgb(o, s->color_muted);
    buf_puts(o, ";\n}\n.link-card-title {\n  display: block;\n  margin: 0.2em 0;\n}\n"
                ".image-placeholder {\n  display: inline-block;\n  padding: 0.3em 0.6em;\n"
                "  border: 1px dashed ");
    rgb(o, s->color_muted);
    buf_puts(o, ";\n  color: ");
    rgb(o, s->color_muted);
    buf_puts(o, ";\n}\n.vspace {\n  height: 1em;\n}\n.columns {\n  display: flex;\n"
                "  gap: 1em;\n}\n.column {\n  flex: 1 1 0;\n}\nli.task {\n  list-style: none;\n}\n"
                "li.task > p:first-of-type {\n  display: inline;\n}\n.math {\n  font-style: "
                "italic;\n}\n.math.display {\n  display: block;\n  text-align: center;\n}\n"
                ".smallcaps {\n  font-variant: small-caps;\n}\n"
                /* {{< pagebreak >}}: an empty div; what follows starts a page */
                ".pagebreak {\n  page-break-after: always;\n  break-after: page;\n}\n");
    buf_printf(o, "nav ol {\n  list-style: none;\n  padding-%s: 1.2em;\n}\n"
                  "nav > ol {\n  padding-%s: 0;\n}\n", start, start);
    buf_puts(o, ".cover {\n  margin: 0;\n  padding: 0;\n"
                "  text-align: center;\n}\n.cover img {\n  max-height: 100vh;\n}\n");
    if (b->has_rtl) /* (float: inline-start is not read widely) */
        buf_puts(o, "[dir=\"rtl\"] .footnote-label {\n  float: right;\n  margin: 0 0 0 0.5em;\n}\n");
    optional_rules(b, o, start);
}

/* Typography: French spacing and quotes, English and German quotes, dashes
 * and ellipses, and what must stay untouched (code, URLs, times,
 * emoticons). */
#include <string.h>

#include "check.h"
#include "doc/tree.h"
#include "doc/typography.h"
#include "util/buf.h"

static arena *A;

static fnode *add(fnode *parent, fnode_type type, const char *literal)
{
    fnode *n = fnode_new(A, type, 1);
    if (type == FN_TEXT || type == FN_CODE)
        n->as.literal = literal;
    fnode_append(parent, n);
    return n;
}

static fnode *para(fnode *doc, const char *text)
{
    fnode *p = add(doc, FN_PARAGRAPH, NULL);
    if (text)
        add(p, FN_TEXT, text);
    return p;
}

/* The paragraph's text with U+00A0 shown as '~' and U+202F as '^'. */
static const char *shown(const fnode *p)
{
    static buf b;
    buf_clear(&b);
    for (const char *s = fnode_plain_text(A, p); *s; s++) {
        if (strncmp(s, "\xC2\xA0", 2) == 0) {
            buf_putc(&b, '~');
            s += 1;
        } else if (strncmp(s, "\xE2\x80\xAF", 3) == 0) {
            buf_putc(&b, '^');
            s += 2;
        } else {
            buf_putc(&b, *s);
        }
    }
    return buf_cstr(&b);
}

static const char *fr(const char *text)
{
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *p = para(doc, text);
    typography_apply(doc, "fr", A);
    return shown(p);
}

static const char *in_lang(const char *lang, const char *text)
{
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *p = para(doc, text);
    typography_apply(doc, lang, A);
    return shown(p);
}

static void test_french(void)
{
    CHECK_STR(fr("Bonjour ; ça va ? Oui ! Voici : la liste"), "Bonjour^; ça va^? Oui^! Voici~: la liste");
    CHECK_STR(fr("Super! Quoi?! Note: fin"), "Super^! Quoi^?! Note~: fin");
    CHECK_STR(fr("Lire \"Is it the 21st Century?\" (vraiment?) ici."),
              "Lire «~Is it the 21st Century^?~» (vraiment^?) ici.");
    CHECK_STR(fr("Il a dit \"bonjour\" puis \" au revoir \"."), "Il a dit «~bonjour~» puis «~au revoir~».");
    CHECK_STR(fr("« Déjà » et «collé»"), "«~Déjà~» et «~collé~»");
    CHECK_STR(fr("L'équipe d'Alice l’a vu"), "L’équipe d’Alice l’a vu");
    /* untouched: times, URLs, emoticons without spaces; with a space before,
     * an emoticon binds to its word like punctuation (no line starts with it) */
    CHECK_STR(fr("à 10:30, voir http://exemple.fr/?q=1 ou x:) et y;-)"),
              "à 10:30, voir http://exemple.fr/?q=1 ou x:) et y;-)");
    CHECK_STR(fr("super :) et ;-)"), "super~:) et^;-)");
    CHECK_STR(fr("Déjà bon\xE2\x80\xAF; et~:"), "Déjà bon^; et~:");
    CHECK_STR(fr("Vraiment  ?"), "Vraiment^?");
    CHECK_STR(fr(""), "");
}

static void test_french_across_nodes(void)
{
    /* a quote opened in emphasis closes in plain text; spaces before
     * punctuation that follows emphasis or a soft break bind */
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *p = para(doc, "Il dit ");
    fnode *em = add(p, FN_EMPH, NULL);
    add(em, FN_TEXT, "\"vraiment");
    add(p, FN_TEXT, "\" ");
    fnode *soft = add(p, FN_SOFT_BREAK, NULL);
    add(p, FN_TEXT, "; puis ");
    add(p, FN_CODE, "a ; b \"c\"");
    add(p, FN_TEXT, " : fin");
    fnode *link = add(p, FN_LINK, NULL);
    link->as.link.url = "https://ex.fr/a:b";
    add(link, FN_TEXT, "https://ex.fr/a:b");
    typography_apply(doc, "fr-FR", A);
    CHECK_STR(em->first->as.literal, "«\xC2\xA0vraiment");
    CHECK(soft->type == FN_TEXT); /* the break before ";" became a no-break space */
    CHECK_STR(shown(p), "Il dit «~vraiment~»^; puis a ; b \"c\"~: finhttps://ex.fr/a:b");

    /* code blocks and headings: only text nodes are rewritten */
    doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *code = add(doc, FN_CODE_BLOCK, NULL);
    code->as.code->literal = "x = \"a\" ; y\n";
    fnode *h = add(doc, FN_HEADING, NULL);
    add(h, FN_TEXT, "Pourquoi ?");
    typography_apply(doc, "fr", A);
    CHECK_STR(code->as.code->literal, "x = \"a\" ; y\n");
    CHECK_STR(shown(h), "Pourquoi^?");

    /* a tight list item holds text and a sub-list: both are rewritten */
    doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *list = add(doc, FN_LIST, NULL);
    fnode *item = add(list, FN_ITEM, NULL);
    fnode *t = add(item, FN_TEXT, "Point : un");
    fnode *sub = add(add(item, FN_LIST, NULL), FN_ITEM, NULL);
    fnode *subt = add(sub, FN_TEXT, "Sous-point !");
    typography_apply(doc, "fr", A);
    CHECK_STR(t->as.literal, "Point\xC2\xA0: un");
    CHECK_STR(subt->as.literal, "Sous-point\xE2\x80\xAF!");
}

static void test_other_languages(void)
{
    CHECK_STR(in_lang("en", "He said \"it's fine\" and 'ok' in the '90s."),
              "He said “it’s fine” and ‘ok’ in the ’90s.");
    CHECK_STR(in_lang("en", "Note: 10:30 ; done!"), "Note: 10:30 ; done!");
    CHECK_STR(in_lang("de", "Er sagte \"gut\" und geht's."), "Er sagte „gut“ und geht’s.");
    CHECK_STR(in_lang("it", "Disse \"ciao\" all'amico."), "Disse «ciao» all’amico.");
    CHECK_STR(in_lang(NULL, "\"quoted\""), "“quoted”");
    /* a bracket quoted: the mark after it, before a space, closes */
    CHECK_STR(in_lang("en", "the '[' and '(' marks"), "the ‘[’ and ‘(’ marks");
    CHECK_STR(typography_string("Le RAG ; l'IA : \"quoi\" ?", "fr", A),
              "Le RAG\xE2\x80\xAF; l’IA\xC2\xA0: «\xC2\xA0quoi\xC2\xA0»\xE2\x80\xAF?");
    CHECK(typography_string(NULL, "fr", A) == NULL);
    fmeta m = {.title = "Le RAG ; l'IA", .summary = "Quoi ?"};
    typography_apply_meta(&m, "fr", A);
    CHECK_STR(m.title, "Le RAG\xE2\x80\xAF; l’IA");
    CHECK(m.subtitle == NULL);
    CHECK_STR(m.summary, "Quoi\xE2\x80\xAF?");
}

/* Pandoc's and Hugo's smart punctuation; never in code or a URL shown. */
static void test_dashes(void)
{
    CHECK_STR(fr("Pages 10--12 --- enfin... ou ----"), "Pages 10–12 — enfin… ou —-");
    CHECK_STR(in_lang("en", "a -- b --- c... - d .. e"), "a – b — c… - d .. e");
    CHECK_STR(in_lang("en", "--x"), "–x");
    CHECK_STR(in_lang("en", "x--"), "x–");
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *p = para(doc, "voir ");
    add(p, FN_CODE, "--fix ...");
    fnode *link = add(p, FN_LINK, NULL);
    link->as.link.url = "https://ex.fr/a--b...";
    add(link, FN_TEXT, "https://ex.fr/a--b...");
    typography_apply(doc, "fr", A);
    CHECK_STR(shown(p), "voir --fix ...https://ex.fr/a--b...");
}

/* A number keeps its unit, month or noun; an abbreviation its number or
 * name (U+202F in French before signs and after abbreviations). */
static void test_numbers(void)
{
    CHECK_STR(fr("le 30 mars, 2 heures, 10 %, 5 Go, 15 \xe2\x82\xac et 1 000 fichiers"),
              "le 30~mars, 2~heures, 10^%, 5~Go, 15^\xe2\x82\xac et 1^000~fichiers");
    CHECK_STR(fr("voir le n\xc2\xb0 13, la p. 12 et M. Dupont"),
              "voir le n\xc2\xb0^13, la p.^12 et M.^Dupont");
    CHECK_STR(fr("le 1er avril"), "le 1er~avril");
    CHECK_STR(fr("avril 2023, premi\xc3\xa8re quinzaine"), "avril 2023, premi\xc3\xa8re quinzaine");
    /* small words after a number, lower case after an abbreviation: free */
    CHECK_STR(fr("en 2023 les donn\xc3\xa9" "es ; p. ex. ici"),
              "en 2023 les donn\xc3\xa9" "es^; p. ex. ici");
    CHECK_STR(fr("de 9 \xc3\xa0 17 heures"), "de 9 \xc3\xa0 17~heures");
    /* across a soft break, and not across a hard one */
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *p = para(doc, "il y a 30");
    add(p, FN_SOFT_BREAK, NULL);
    add(p, FN_TEXT, "jours");
    typography_apply(doc, "fr", A);
    CHECK_STR(shown(p), "il y a 30~jours");
    doc = fnode_new(A, FN_DOCUMENT, 0);
    p = para(doc, "page 30");
    add(p, FN_LINE_BREAK, NULL);
    add(p, FN_TEXT, "jours");
    typography_apply(doc, "fr", A);
    CHECK(strstr(shown(p), "30~") == NULL);
    CHECK_STR(in_lang("en", "on 30 March, 2 hours and 10 % of it; Mr. Smith, p. 12"),
              "on 30~March, 2~hours and 10~% of it; Mr.~Smith, p.~12");
    CHECK_STR(in_lang("de", "am 30 M\xc3\xa4rz, 2 Stunden"), "am 30~M\xc3\xa4rz, 2~Stunden");
    /* code is left alone */
    doc = fnode_new(A, FN_DOCUMENT, 0);
    p = para(doc, "lancer ");
    add(p, FN_CODE, "sleep 30 mars");
    typography_apply(doc, "fr", A);
    CHECK_STR(shown(p), "lancer sleep 30 mars");
}

int main(void)
{
    A = arena_new();
    test_french();
    test_french_across_nodes();
    test_other_languages();
    test_dashes();
    test_numbers();
    arena_drop(A);
    return check_done();
}

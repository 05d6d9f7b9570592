/* Language guess from stop words; NULL when unsure. */
#include "check.h"
#include "doc/langguess.h"
#include "doc/tree.h"

static arena *A;

static const char *guess(const char *text)
{
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *p = fnode_new(A, FN_PARAGRAPH, 1);
    fnode *t = fnode_new(A, FN_TEXT, 1);
    t->as.literal = text;
    fnode_append(p, t);
    fnode_append(doc, p);
    return lang_guess(doc);
}

/* A block quote of one paragraph holding text, in a document in doc_lang:
 * the language lang_guess_quotes gives it (NULL: the document's). */
static const char *quote_lang(const char *text, const char *doc_lang)
{
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0), *q = fnode_new(A, FN_QUOTE, 1);
    fnode *p = fnode_new(A, FN_PARAGRAPH, 1), *t = fnode_new(A, FN_TEXT, 1);
    t->as.literal = text;
    fnode_append(p, t);
    fnode_append(q, p);
    fnode_append(doc, q);
    lang_guess_quotes(doc, doc_lang);
    return q->as.quote.lang;
}

static const char *const einstein = "Do not worry about your difficulties in mathematics; I can "
                                    "assure you that mine are still greater.";

int main(void)
{
    A = arena_new();
    CHECK_STR(guess("L'actualité des modèles de langage est très chargée et il est difficile de ne "
                    "rien rater. La publication continue à suivre un rythme presque quotidien, "
                    "avec des annonces pour les chercheurs dans le monde."),
              "fr");
    CHECK_STR(guess("The question of security and confidentiality of the information given to the "
                    "model was at the centre of attention, and it is not over for this year."),
              "en");
    CHECK_STR(guess("Die Frage der Sicherheit und der Vertraulichkeit ist nicht neu, und sie wird "
                    "auch im nächsten Jahr mit den Daten eine Rolle spielen."),
              "de");
    CHECK_STR(guess("El modelo de lenguaje fue presentado por los investigadores para la "
                    "comunidad, como una herramienta más para las universidades del país."),
              "es");
    CHECK_STR(guess("Il modello è stato presentato dagli autori della ricerca per la comunità, "
                    "anche per gli studenti delle università nel mondo: sono più di cento."),
              "it");
    CHECK(guess("Hello") == NULL);
    CHECK(guess("") == NULL);
    CHECK(guess("data science python polars arrow parquet duckdb") == NULL);

    /* passages: Einstein's line in a French issue (infolettre_21) is English */
    CHECK_STR(quote_lang(einstein, "fr"), "en");
    CHECK(quote_lang(einstein, "en") == NULL);    /* the document's own */
    CHECK(quote_lang(einstein, "en-GB") == NULL);
    /* short French quotes stay French, in French as in English documents */
    static const char *const french[] = {
        /* infolettre_19's quote */
        "Voici une proposition de questions adaptées à des data scientists ou des managers de "
        "data scientists travaillant dans l’administration publique :",
        /* French with English words (infolettre_21, 17) */
        "Comme expliqué dans ce post, ils ont mis en place l'infrastructure pour filtrer les "
        "données et ne garder que 10 Go de données générées par seconde.",
        "Et puis on se réveille, c'est déjà début décembre, la to-do-list est loin d'être finie.",
        "Le rapport State of AI de cette année : the good, the bad and the ugly.",
    };
    for (size_t i = 0; i < sizeof french / sizeof *french; i++)
        CHECK(quote_lang(french[i], "fr") == NULL);
    CHECK_STR(quote_lang(french[0], "en"), "fr");
    /* too short to say, whatever its words; ten words can say it */
    CHECK(quote_lang("Yes, we can do it.", "fr") == NULL);
    CHECK_STR(quote_lang("To be or not to be, that is the question.", "fr"), "en");
    /* mixed: no clear winner */
    CHECK(quote_lang("The data is in the cloud, et les données sont dans le nuage avec les "
                     "autres, and it is not over for this year.", "fr") == NULL);
    /* another script: told by its letters */
    CHECK_STR(quote_lang("هذا نص عربي قصير للتجربة فقط ولا شيء أكثر من ذلك.", "fr"), "ar");
    /* a quote inside a div in English is compared with English */
    {
        fnode *doc = fnode_new(A, FN_DOCUMENT, 0), *div = fnode_new(A, FN_DIV, 1);
        fnode *q = fnode_new(A, FN_QUOTE, 1), *p = fnode_new(A, FN_PARAGRAPH, 1);
        fnode *t = fnode_new(A, FN_TEXT, 1);
        div->as.div.lang = "en";
        t->as.literal = einstein;
        fnode_append(p, t);
        fnode_append(q, p);
        fnode_append(div, q);
        fnode_append(doc, div);
        lang_guess_quotes(doc, "fr");
        CHECK(q->as.quote.lang == NULL);
    }

    /* code is not text */
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *code = fnode_new(A, FN_CODE_BLOCK, 1);
    code->as.code->literal = "the and of to is that for with the and of to is that";
    fnode_append(doc, code);
    CHECK(lang_guess(doc) == NULL);
    arena_drop(A);
    return check_done();
}

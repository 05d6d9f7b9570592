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

    /* code is not text */
    fnode *doc = fnode_new(A, FN_DOCUMENT, 0);
    fnode *code = fnode_new(A, FN_CODE_BLOCK, 1);
    code->as.code->literal = "the and of to is that for with the and of to is that";
    fnode_append(doc, code);
    CHECK(lang_guess(doc) == NULL);
    arena_drop(A);
    return check_done();
}

/* The few words the PDF prints itself (callout titles, "Contents"…), in the
 * document's language; English for languages without a row. */
#include <string.h>

#include "engine.h"

typedef struct words_row {
    const char *lang; /* primary subtag */
    const char *w[W_COUNT];
} words_row;

static const words_row rows[] = {
    {"en", {"Contents", "Note", "Tip", "Warning", "Important", "Caution", "Issue", "Video",
            "image not available", "Issues", "issues", "Cover"}},
    {"fr", {"Sommaire", "Remarque", "Astuce", "Avertissement", "Important", "Attention",
            "Numéro", "Vidéo", "image non disponible", "Numéros", "numéros", "Couverture"}},
    {"de", {"Inhalt", "Hinweis", "Tipp", "Warnung", "Wichtig", "Vorsicht", "Ausgabe", "Video",
            "Bild nicht verfügbar", "Ausgaben", "Ausgaben", "Umschlag"}},
    {"es", {"Índice", "Nota", "Consejo", "Advertencia", "Importante", "Precaución", "Número",
            "Vídeo", "imagen no disponible", "Números", "números", "Portada"}},
    {"it", {"Indice", "Nota", "Suggerimento", "Avvertenza", "Importante", "Attenzione",
            "Numero", "Video", "immagine non disponibile", "Numeri", "numeri", "Copertina"}},
};

const char *pdf_word(const char *lang, pword w)
{
    for (size_t i = 0; lang && i < sizeof rows / sizeof rows[0]; i++) {
        size_t n = strlen(rows[i].lang);
        if (strncmp(lang, rows[i].lang, n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_'))
            return rows[i].w[w];
    }
    return rows[0].w[w];
}

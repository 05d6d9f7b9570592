/* The few words the book itself writes (navigation headings, callout
 * titles, the cover), in the languages the newsletters use. */
#include <string.h>

#include "book.h"

typedef struct word {
    const char *key, *en, *fr, *de;
} word;

static const word words[] = {
    {"contents", "Contents", "Sommaire", "Inhalt"},
    {"landmarks", "Landmarks", "Repères", "Orientierung"},
    {"cover", "Cover", "Couverture", "Umschlag"},
    {"start", "Start", "Début", "Anfang"},
    {"footnotes", "Notes", "Notes", "Fußnoten"},
    {"note", "Note", "Note", "Hinweis"},
    {"tip", "Tip", "Astuce", "Tipp"},
    {"warning", "Warning", "Avertissement", "Warnung"},
    {"important", "Important", "Important", "Wichtig"},
    {"caution", "Caution", "Attention", "Vorsicht"},
    {"number", "No.", "N°", "Nr."},
    {"youtube", "YouTube video", "Vidéo YouTube", "YouTube-Video"},
    {"video", "Video", "Vidéo", "Video"},
    {"iframe", "Embedded content", "Contenu intégré", "Eingebetteter Inhalt"},
    {"image", "Image", "Image", "Bild"},
    {"issue", "issue", "numéro", "Ausgabe"},
    {"issues", "issues", "numéros", "Ausgaben"},
    {"collection", "Collection", "Recueil", "Sammlung"},
    {"summary",
     "Text with headings, a navigable table of contents and footnotes; images carry "
     "their alternative text where the authors wrote one.",
     "Texte structuré par des titres, avec une table des matières navigable et des notes ; "
     "les images portent le texte alternatif écrit par les auteurs quand il existe.",
     "Text mit Überschriften, navigierbarem Inhaltsverzeichnis und Fußnoten; Bilder tragen "
     "den Alternativtext der Autoren, wo es ihn gibt."},
};

const char *epub_word(const char *lang, const char *key)
{
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (strcmp(words[i].key, key) != 0)
            continue;
        if (lang && strncmp(lang, "fr", 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
            return words[i].fr;
        if (lang && strncmp(lang, "de", 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
            return words[i].de;
        return words[i].en;
    }
    return key;
}

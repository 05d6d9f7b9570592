#include "words.h"

#include <string.h>

#include "util/lang.h"

/* Columns: the languages the newsletters are written in. */
enum { L_EN, L_FR, L_DE, L_ES, L_IT, L_PT, L_NL, L_COUNT };
static const char *const languages[L_COUNT] = {"en", "fr", "de", "es", "it", "pt", "nl"};

typedef struct word_row {
    const char *key;
    const char *in[L_COUNT];
} word_row;

static const word_row table[W_COUNT] = {
    [W_CONTENTS] = {"contents",
                    {"Contents", "Sommaire", "Inhalt", "Índice", "Indice", "Sumário", "Inhoud"}},
    [W_LANDMARKS] = {"landmarks",
                     {"Landmarks", "Repères", "Orientierung", "Puntos de referencia",
                      "Punti di riferimento", "Pontos de referência", "Oriëntatiepunten"}},
    [W_COVER] = {"cover", {"Cover", "Couverture", "Umschlag", "Portada", "Copertina", "Capa",
                           "Omslag"}},
    [W_START] = {"start", {"Start", "Début", "Anfang", "Inicio", "Inizio", "Início", "Begin"}},
    [W_FOOTNOTES] = {"footnotes",
                     {"Notes", "Notes", "Fußnoten", "Notas", "Note", "Notas", "Voetnoten"}},
    /* Quarto's own callout titles, so print and site agree. */
    [W_NOTE] = {"note", {"Note", "Note", "Hinweis", "Nota", "Nota", "Nota", "Opmerking"}},
    [W_TIP] = {"tip", {"Tip", "Astuce", "Tipp", "Consejo", "Suggerimento", "Dica", "Tip"}},
    [W_WARNING] = {"warning", {"Warning", "Avertissement", "Warnung", "Advertencia",
                               "Avvertenza", "Aviso", "Waarschuwing"}},
    [W_IMPORTANT] = {"important", {"Important", "Important", "Wichtig", "Importante",
                                   "Importante", "Importante", "Belangrijk"}},
    [W_CAUTION] = {"caution", {"Caution", "Attention", "Vorsicht", "Precaución", "Attenzione",
                               "Cuidado", "Let op"}},
    [W_ISSUE] = {"issue", {"Issue", "Numéro", "Ausgabe", "Número", "Numero", "Número", "Nummer"}},
    [W_ISSUE_COUNTED] = {"issue-counted", {"issue", "numéro", "Ausgabe", "número", "numero",
                                           "número", "nummer"}},
    [W_ISSUES_COUNTED] = {"issues-counted", {"issues", "numéros", "Ausgaben", "números",
                                             "numeri", "números", "nummers"}},
    [W_ISSUES] = {"issues", {"Issues", "Numéros", "Ausgaben", "Números", "Numeri", "Números",
                             "Nummers"}},
    [W_VIDEO] = {"video", {"Video", "Vidéo", "Video", "Vídeo", "Video", "Vídeo", "Video"}},
    [W_YOUTUBE] = {"youtube", {"YouTube video", "Vidéo YouTube", "YouTube-Video",
                               "Vídeo de YouTube", "Video YouTube", "Vídeo do YouTube",
                               "YouTube-video"}},
    [W_IFRAME] = {"iframe", {"Embedded content", "Contenu intégré", "Eingebetteter Inhalt",
                             "Contenido incrustado", "Contenuto incorporato",
                             "Conteúdo incorporado", "Ingesloten inhoud"}},
    [W_IMAGE] = {"image", {"Image", "Image", "Bild", "Imagen", "Immagine", "Imagem",
                           "Afbeelding"}},
    [W_IMAGE_MISSING] = {"image-missing",
                         {"image not available", "image non disponible", "Bild nicht verfügbar",
                          "imagen no disponible", "immagine non disponibile",
                          "imagem indisponível", "afbeelding niet beschikbaar"}},
    [W_FIGURE] = {"figure", {"Figure", "Figure", "Abbildung", "Figura", "Figura", "Figura",
                             "Figuur"}},
    [W_TABLE] = {"table", {"Table", "Tableau", "Tabelle", "Tabla", "Tabella", "Tabela", "Tabel"}},
    [W_SECTION] = {"section", {"Section", "Section", "Abschnitt", "Sección", "Sezione", "Seção",
                               "Sectie"}},
    [W_EQUATION] = {"equation", {"Equation", "Équation", "Gleichung", "Ecuación", "Equazione",
                                 "Equação", "Vergelijking"}},
    [W_CAPTION_DELIM] = {"caption-delim", {": ", "\u00a0: ", ": ", ": ", ": ", ": ", ": "}},
    [W_REFERENCES] = {"references", {"References", "Références", "Literatur", "Referencias",
                                     "Riferimenti", "Referências", "Referenties"}},
    [W_AND] = {"and", {"and", "et", "und", "y", "e", "e", "en"}},
    [W_NO_DATE] = {"no-date", {"n.d.", "s.d.", "o. J.", "s.f.", "s.d.", "s.d.", "z.d."}},
    [W_DETAILS] = {"details", {"Details", "Détails", "Details", "Detalles", "Dettagli",
                               "Detalhes", "Details"}},
    [W_SEE_PAGE] = {"see-page", {"see p.", "voir p.", "siehe S.", "ver p.", "vedi p.", "ver p.",
                                 "zie p."}},
    [W_INTERACTIVE] = {"interactive",
                       {"Interactive content: see the online version",
                        "Contenu interactif\u00a0: voir la version en ligne",
                        "Interaktiver Inhalt: siehe Online-Version",
                        "Contenido interactivo: ver la versión en línea",
                        "Contenuto interattivo: vedere la versione online",
                        "Conteúdo interativo: ver a versão online",
                        "Interactieve inhoud: zie de online versie"}},
    [W_A11Y_SUMMARY] = {"a11y-summary",
                        {"Text with headings, a navigable table of contents and footnotes; "
                         "images carry their alternative text where the authors wrote one.",
                         "Texte structuré par des titres, avec une table des matières navigable "
                         "et des notes\u00a0; les images portent le texte alternatif écrit par "
                         "les auteurs quand il existe.",
                         "Text mit Überschriften, navigierbarem Inhaltsverzeichnis und Fußnoten; "
                         "Bilder tragen den Alternativtext der Autoren, wo es ihn gibt."}},
    [W_MONTH_1 + 0] = {"month-1", {"January", "janvier", "Januar", "enero", "gennaio", "janeiro",
                                   "januari"}},
    [W_MONTH_1 + 1] = {"month-2", {"February", "février", "Februar", "febrero", "febbraio",
                                   "fevereiro", "februari"}},
    [W_MONTH_1 + 2] = {"month-3", {"March", "mars", "März", "marzo", "marzo", "março", "maart"}},
    [W_MONTH_1 + 3] = {"month-4", {"April", "avril", "April", "abril", "aprile", "abril",
                                   "april"}},
    [W_MONTH_1 + 4] = {"month-5", {"May", "mai", "Mai", "mayo", "maggio", "maio", "mei"}},
    [W_MONTH_1 + 5] = {"month-6", {"June", "juin", "Juni", "junio", "giugno", "junho", "juni"}},
    [W_MONTH_1 + 6] = {"month-7", {"July", "juillet", "Juli", "julio", "luglio", "julho", "juli"}},
    [W_MONTH_1 + 7] = {"month-8", {"August", "août", "August", "agosto", "agosto", "agosto",
                                   "augustus"}},
    [W_MONTH_1 + 8] = {"month-9", {"September", "septembre", "September", "septiembre",
                                   "settembre", "setembro", "september"}},
    [W_MONTH_1 + 9] = {"month-10", {"October", "octobre", "Oktober", "octubre", "ottobre",
                                    "outubro", "oktober"}},
    [W_MONTH_1 + 10] = {"month-11", {"November", "novembre", "November", "noviembre",
                                     "novembre", "novembro", "november"}},
    [W_MONTH_1 + 11] = {"month-12", {"December", "décembre", "Dezember", "diciembre",
                                     "dicembre", "dezembro", "december"}},
    [W_DATE_FORM] = {"date-form", {"%m %d, %y", "%o %m %y", "%d. %m %y", "%d de %m de %y",
                                   "%d %m %y", "%d de %m de %y", "%d %m %y"}},
};

_Static_assert(W_CAUTION - W_NOTE + 1 == FCALLOUT_COUNT, "one callout word per kind");

/* The column of tag's language, -1 when it has none. */
static int column(const char *lang)
{
    for (int l = 0; l < L_COUNT; l++)
        if (lang_is(lang, languages[l]))
            return l;
    return -1;
}

const char *book_word(const char *lang, word_id w)
{
    if ((unsigned)w >= W_COUNT)
        return "";
    int l = column(lang);
    const char *s = l >= 0 ? table[w].in[l] : NULL;
    return s ? s : table[w].in[L_EN];
}

const char *book_word_key(word_id w)
{
    return (unsigned)w < W_COUNT ? table[w].key : "";
}

word_id book_callout_word(fcallout_kind k)
{
    return (unsigned)k < FCALLOUT_COUNT ? (word_id)(W_NOTE + k) : W_NOTE;
}

word_id book_card_word(const char *provider)
{
    if (provider && strcmp(provider, "youtube") == 0)
        return W_YOUTUBE;
    if (provider && strcmp(provider, "iframe") == 0)
        return W_IFRAME;
    return W_VIDEO;
}

void book_count_issues(const char *lang, size_t n, buf *out)
{
    buf_printf(out, "%zu %s", n, book_word(lang, n == 1 ? W_ISSUE_COUNTED : W_ISSUES_COUNTED));
}

void book_date_long(const fdate *d, const char *lang, buf *out)
{
    if (!d || !d->valid)
        return;
    /* A language without a column writes ISO dates, not English ones. */
    if (!lang || !*lang)
        lang = "en";
    if (column(lang) < 0) {
        buf_printf(out, "%04d-%02d-%02d", d->year, d->month, d->day);
        return;
    }
    for (const char *p = book_word(lang, W_DATE_FORM); *p; p++) {
        if (*p != '%') {
            buf_putc(out, *p);
            continue;
        }
        switch (*++p) {
        case 'd': buf_printf(out, "%d", d->day); break;
        case 'o':
            if (d->day == 1)
                buf_puts(out, "1er"); /* French writes the first of the month as an ordinal */
            else
                buf_printf(out, "%d", d->day);
            break;
        case 'm': buf_puts(out, book_word(lang, (word_id)(W_MONTH_1 + d->month - 1))); break;
        case 'y': buf_printf(out, "%d", d->year); break;
        case '\0': return;
        }
    }
}

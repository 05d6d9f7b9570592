#include "icons.h"

#include <stdlib.h>
#include <string.h>

#include "icon_table.h"

static int by_name(const void *key, const void *row)
{
    return strcmp(key, ((const struct icon_row *)row)->name);
}

bool ficon_find(const char *name, ficon_style style, unsigned *code, ficon_style *drawn)
{
    const struct icon_row *row = bsearch(name, icon_table, sizeof icon_table / sizeof *icon_table,
                                         sizeof *icon_table, by_name);
    if (!row)
        return false;
    *code = row->code;
    if (row->styles & (1u << style)) {
        *drawn = style;
        return true;
    }
    for (int s = 0; s < FICON_STYLE_COUNT; s++) {
        if (row->styles & (1u << s)) {
            *drawn = (ficon_style)s;
            return true;
        }
    }
    return false;
}

int ficon_style_of(const char *word)
{
    static const struct {
        const char *word;
        ficon_style style;
    } words[] = {
        {"solid", FICON_SOLID},     {"fas", FICON_SOLID},       {"fa-solid", FICON_SOLID},
        {"fa", FICON_SOLID},        {"regular", FICON_REGULAR}, {"far", FICON_REGULAR},
        {"fa-regular", FICON_REGULAR}, {"brands", FICON_BRANDS}, {"fab", FICON_BRANDS},
        {"fa-brands", FICON_BRANDS},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(word, words[i].word) == 0)
            return (int)words[i].style;
    return -1;
}

float ficon_size_of(const char *word)
{
    /* Font Awesome's CSS and Quarto's latex-fontsize.css */
    static const struct {
        const char *word;
        float size;
    } words[] = {
        {"2xs", 0.625f},  {"xs", 0.75f},      {"sm", 0.875f},     {"lg", 1.25f},
        {"xl", 1.5f},     {"2xl", 2.0f},      {"tiny", 0.5f},     {"scriptsize", 0.7f},
        {"footnotesize", 0.8f}, {"small", 0.9f}, {"normalsize", 1.0f}, {"large", 1.2f},
        {"Large", 1.5f},  {"LARGE", 1.75f},   {"huge", 2.0f},     {"Huge", 2.5f},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(word, words[i].word) == 0)
            return words[i].size;
    /* 1x … 10x */
    char *end;
    long n = strtol(word, &end, 10);
    if (end != word && strcmp(end, "x") == 0 && n >= 1 && n <= 10)
        return (float)n;
    return 0;
}

const char *ficon_style_name(ficon_style s)
{
    static const char *const names[FICON_STYLE_COUNT] = {"solid", "regular", "brands"};
    return s < FICON_STYLE_COUNT ? names[s] : "?";
}

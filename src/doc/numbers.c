#include "numbers.h"

#include <string.h>

#include <glib.h>

#include "util/lang.h"

#define NBSP 0x00A0
#define NNBSP 0x202F

/* Signs that follow a number. */
static const char *const signs[] = {"%", "\xe2\x80\xb0", "\xe2\x82\xac", "$", "\xc2\xa3",
                                    "\xc2\xa5", "\xc2\xb0", NULL};

/* Units written with a capital (lower-case ones bind as words do). */
static const char *const units[] = {
    "Go", "Mo", "Ko", "To", "Po", "GB", "MB", "KB", "kB", "TB", "PB", "Gb", "Mb", "Kb", "Hz",
    "kHz", "MHz", "GHz", "W", "kW", "kWh", "MW", "MWh", "GW", "GWh", "TWh", "V", "A", "mA", "K",
    "Pa", "hPa", "kPa", "M", "Md", "Mds", "Md\xe2\x82\xac", "M\xe2\x82\xac", "k\xe2\x82\xac",
    "CO2", "CO\xe2\x82\x82", NULL};

/* English months (other languages write them in lower case). */
static const char *const months_en[] = {"January", "February", "March", "April", "May", "June",
                                        "July", "August", "September", "October", "November",
                                        "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
                                        "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", NULL};

/* Small words that follow numbers without being what they count
 * ("2023 les", "12 avec", "5 and"): the space before them may break. */
static const char *const function_words[] = {
    "a", "au", "aux", "avec", "ce", "dans", "de", "des", "du", "en", "entre", "est", "et", "il",
    "ils", "la", "le", "les", "mais", "ou", "par", "pour", "qui", "que", "sont", "sur", "un",
    "une", "\xc3\xa0", "an", "and", "are", "as", "at", "by", "for", "from", "in", "is", "it",
    "of", "on", "or", "the", "to", "was", "were", "with", "und", "oder", "mit", "y", "e", "o",
    "con", "per", "di", NULL};

/* Abbreviations that never end a line: what follows is their number or name. */
static const char *const abbreviations[] = {
    "n\xc2\xb0", "N\xc2\xb0", "no", "No", "no.", "No.", "nos", "p.", "pp.", "M.", "MM.", "Mme",
    "Mmes", "Mlle", "Mlles", "Dr", "Dr.", "Pr", "Pr.", "Me", "Mgr", "St", "Ste", "St.",
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Prof.", "art.", "Art.", "chap.", "ch.", "Ch.",
    "fig.", "Fig.", "vol.", "Vol.", "t.", "\xc3\xa9" "d.", "sect.", "\xc2\xa7", NULL};

/* Called for every space between two words: the first byte first. */
static bool in_list(const char *const *list, const char *s, size_t len)
{
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == s[0] && strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

static bool starts_with_any(const char *const *list, const char *s, size_t len)
{
    for (size_t i = 0; list[i]; i++) {
        size_t n = strlen(list[i]);
        if (n <= len && memcmp(list[i], s, n) == 0)
            return true;
    }
    return false;
}

/* A number: digits with separators (1 000, 2,5, 3.14), maybe signed, maybe
 * an ordinal (1er, 2e, 3rd). */
static bool is_number(const char *s, size_t len)
{
    const char *end = s + len, *p = s;
    int digits = 0;
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    while (p < end) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (c >= '0' && c <= '9')
            digits++;
        else if (!(digits && (c == ',' || c == '.' || c == NBSP || c == NNBSP || c == 0x2009) &&
                   next < end && *next >= '0' && *next <= '9'))
            break; /* a separator only between digits: "2023," ends a number */
        p = next;
    }
    if (!digits)
        return false;
    static const char *const ordinals[] = {"er", "re", "e", "\xc3\xa8me", "eme", "st", "nd",
                                           "rd", "th", NULL};
    return p == end || in_list(ordinals, p, (size_t)(end - p));
}

/* The word without the punctuation that may close it ("mars," → "mars"). */
static size_t trimmed(const char *s, size_t len)
{
    while (len > 0 && strchr(".,;:!?)]\"'", s[len - 1]))
        len--;
    return len;
}

uint32_t numbers_nobreak(const char *lang, const char *before, size_t before_len,
                         const char *after, size_t after_len)
{
    if (!before_len || !after_len)
        return 0;
    /* most words follow neither: told first, before the language's rules */
    bool abbreviation = in_list(abbreviations, before, before_len);
    if (!abbreviation && !is_number(before, before_len))
        return 0;
    bool french = lang_is(lang, "fr");
    gunichar first = g_utf8_get_char(after);
    if (abbreviation)
        return (first >= '0' && first <= '9') || g_unichar_isupper(first)
                   ? (french ? NNBSP : NBSP)
                   : 0;
    if (starts_with_any(signs, after, after_len))
        return french ? NNBSP : NBSP;
    size_t word = trimmed(after, after_len);
    if (word == 3 && is_number(after, 3)) /* thousands: "1 000" */
        return french ? NNBSP : NBSP;
    if (in_list(units, after, word) || in_list(months_en, after, word))
        return NBSP;
    if ((g_unichar_islower(first) || (lang_is(lang, "de") && g_unichar_isalpha(first))) &&
        !in_list(function_words, after, word))
        return NBSP;
    return 0;
}

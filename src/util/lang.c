#include "lang.h"

#include <string.h>
#include <strings.h>

bool lang_is(const char *tag, const char *language)
{
    if (!tag || !*tag)
        return false;
    size_t n = strcspn(tag, "-_.@");
    return n == strlen(language) && strncasecmp(tag, language, n) == 0;
}

bool lang_is_rtl(const char *tag)
{
    static const char *const rtl[] = {"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb",
                                      "syr", "sd", "ug", "arc", "nqo"};
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++)
        if (lang_is(tag, rtl[i]))
            return true;
    if (!tag)
        return false;
    /* A script subtag after the language: "pa-Arab", "jrb-Hebr". */
    static const char *const scripts[] = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo"};
    for (const char *p = strpbrk(tag, "-_"); p; p = strpbrk(p + 1, "-_")) {
        if (strcspn(p + 1, "-_.@") != 4)
            continue;
        for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
            if (strncasecmp(p + 1, scripts[i], 4) == 0)
                return true;
    }
    return false;
}

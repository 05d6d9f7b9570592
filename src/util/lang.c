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

bool lang_same(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t n = strcspn(a, "-_.@");
    return n && n == strcspn(b, "-_.@") && strncasecmp(a, b, n) == 0;
}

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool lang_tag_valid(const char *tag)
{
    if (!tag || strlen(tag) > 35)
        return false;
    for (const char *p = tag;;) {
        size_t n = 0;
        /* the primary subtag: letters only */
        while (is_alpha(p[n]) || (p != tag && p[n] >= '0' && p[n] <= '9'))
            n++;
        if (n == 0 || n > 8 || (p == tag && n < 2))
            return false;
        p += n;
        if (*p == '\0')
            return true;
        if (*p++ != '-')
            return false;
    }
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

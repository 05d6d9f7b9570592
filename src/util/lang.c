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

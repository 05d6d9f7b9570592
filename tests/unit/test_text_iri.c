/* URLs shown for reading: percent-encoded UTF-8 decoded, the rest kept. */
#include <stdlib.h>

#include "check.h"
#include "util/iri.h"

static void is(const char *uri, const char *want)
{
    char *got = iri_for_reading(uri);
    CHECK_STR(got, want);
    free(got);
}

int main(void)
{
    is("https://fr.wikipedia.org/wiki/%C3%89chelle_R%C3%A9aumur",
       "https://fr.wikipedia.org/wiki/Échelle_Réaumur");
    is("https://x.org/%c3%a9t%c3%a9", "https://x.org/été"); /* lower-case escapes */
    is("https://x.org/a%20b%2Fc%25", "https://x.org/a%20b%2Fc%25"); /* ASCII stays */
    is("https://x.org/%E2%82%AC%F0%9F%98%80", "https://x.org/€😀");
    is("https://x.org/%C3", "https://x.org/%C3");               /* cut short */
    is("https://x.org/%C3%28", "https://x.org/%C3%28");         /* not UTF-8 */
    is("https://x.org/%C0%AF", "https://x.org/%C0%AF");         /* overlong '/' */
    is("https://x.org/%E2%80%AEevil", "https://x.org/%E2%80%AEevil"); /* bidi override */
    is("https://x.org/%C2%A0", "https://x.org/%C2%A0");         /* no-break space */
    is("https://x.org/%ZZ%", "https://x.org/%ZZ%");
    is("", "");
    return check_done();
}

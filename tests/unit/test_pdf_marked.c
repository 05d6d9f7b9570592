/* pdf/marked: cairo's tagged openings found by the content-stream
 * tokenizer, rewritten, their EMC dropped when asked; strings, names,
 * dictionaries, comments and inline images that look like tags are not. */
#include <stdlib.h>

#include "check.h"
#include "pdf/marked.h"

typedef struct seen {
    buf names;   /* "P,Private," */
    int calls;
    int stop_at; /* fn returns false on this call (1-based); 0: never */
} seen;

/* P → "/P <</MCID k>> BDC"; Private → an artifact; Link → removed with its EMC. */
static bool edit(void *ctx, const char *name, size_t n, buf *out, bool *drop_emc)
{
    seen *s = ctx;
    buf_append(&s->names, name, n);
    buf_putc(&s->names, ',');
    if (++s->calls == s->stop_at)
        return false;
    if (n == 4 && !memcmp(name, "Link", 4))
        *drop_emc = true;
    else if (n == 7 && !memcmp(name, "Private", 7))
        buf_puts(out, "/Artifact BMC");
    else
        buf_printf(out, "/%.*s <</MCID %d>> BDC", (int)n, name, s->calls - 1);
    return true;
}

static char *rewrite(const char *in, const char *want_names, bool want_ok)
{
    seen s = {0};
    buf out = {0};
    bool ok = pdf_marked_rewrite(in, strlen(in), edit, &s, &out);
    CHECK(ok == want_ok);
    if (want_names)
        CHECK_STR(buf_cstr(&s.names), want_names);
    buf_free(&s.names);
    if (!ok) {
        buf_free(&out);
        return NULL;
    }
    return buf_detach(&out);
}

static void check(const char *in, const char *want, const char *want_names)
{
    char *got = rewrite(in, want_names, true);
    CHECK_STR(got, want);
    free(got);
}

int main(void)
{
    /* cairo's openings, in order; other content byte for byte */
    check("q\n/P << /MCID 0 >> BDC\nBT (a) Tj ET\nEMC\n/Private << /MCID 1 >> BDC 0 0 1 1 re f EMC Q",
          "q\n/P <</MCID 0>> BDC\nBT (a) Tj ET\nEMC\n/Artifact BMC 0 0 1 1 re f EMC Q", "P,Private,");
    /* cairo's empty link sequence goes with its EMC; nested spans stay */
    check("/Link << /MCID 4 >> BDC\nEMC\n/H1 << /MCID 5 >> BDC /Span << /ActualText <feff00ad> >> BDC"
          " EMC EMC",
          "\n\n/H1 <</MCID 1>> BDC /Span << /ActualText <feff00ad> >> BDC EMC EMC", "Link,H1,");
    /* look-alikes inside strings, comments and other dictionaries are not tags */
    check("BT (/P << /MCID 9 >> BDC) Tj [(\\() 3 (x\\))] TJ ET % /P << /MCID 1 >> BDC\n"
          "/Span << /Lang (/MCID) >> BDC EMC <2f4d4349442031> Tj",
          "BT (/P << /MCID 9 >> BDC) Tj [(\\() 3 (x\\))] TJ ET % /P << /MCID 1 >> BDC\n"
          "/Span << /Lang (/MCID) >> BDC EMC <2f4d4349442031> Tj",
          "");
    /* nested dictionaries in the properties, balanced parentheses in strings */
    check("/Figure << /MCID 2 /A << /O /Layout >> /T (a (b) c) >> BDC EMC",
          "/Figure <</MCID 0>> BDC EMC", "Figure,");
    /* an inline image's bytes are skipped, whatever they hold */
    check("/P << /MCID 0 >> BDC BI /W 1 /H 1 /BPC 8 /CS /G ID \x01(EMC BDC\xff EI EMC",
          "/P <</MCID 0>> BDC BI /W 1 /H 1 /BPC 8 /CS /G ID \x01(EMC BDC\xff EI EMC", "P,");
    /* what cannot be read fails, and so does a refusal of fn */
    free(rewrite("/P << /MCID 0 >> BDC (unterminated", NULL, false));
    free(rewrite("/P << /MCID 0 >> BDC", NULL, false));       /* no EMC */
    free(rewrite("EMC", NULL, false));                          /* EMC without opening */
    free(rewrite("/P << /MCID 0 >> BDC EMC >>", NULL, false)); /* stray >> */
    seen s = {.stop_at = 2};
    buf out = {0};
    CHECK(!pdf_marked_rewrite("/P <</MCID 0>> BDC EMC /P <</MCID 1>> BDC EMC", 44, edit, &s, &out));
    CHECK(s.calls == 2);
    buf_free(&out);
    buf_free(&s.names);
    return check_done();
}

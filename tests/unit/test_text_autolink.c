/* Bare addresses (doc/autolink.h): GFM's extended autolink examples and
 * folio's additions for CJK text and decoded entities. */
#include <stdlib.h>

#include "check.h"
#include "doc/autolink.h"

/* s with each address found written [url|words]. */
static const char *marked(const char *s, const size_t *entities, size_t n_entities)
{
    static char out[1024];
    autolink_text t = {s, strlen(s), entities, n_entities, ' '};
    autolink m;
    size_t done = 0, o = 0;
    for (size_t from = 0; autolink_find(&t, from, &m); from = m.end) {
        o += (size_t)snprintf(out + o, sizeof out - o, "%.*s[%s%.*s|%.*s]", (int)(m.start - done),
                              s + done, m.prefix, (int)(m.end - m.start), s + m.start,
                              (int)(m.end - m.start), s + m.start);
        done = m.end;
    }
    snprintf(out + o, sizeof out - o, "%s", s + done);
    return out;
}

#define LINKS(s, want) CHECK_STR(marked(s, NULL, 0), want)

int main(void)
{
    /* www. and the scheme it takes; trailing punctuation */
    LINKS("www.commonmark.org", "[http://www.commonmark.org|www.commonmark.org]");
    LINKS("Visit www.commonmark.org/help for more information.",
          "Visit [http://www.commonmark.org/help|www.commonmark.org/help] for more information.");
    LINKS("Visit www.commonmark.org.", "Visit [http://www.commonmark.org|www.commonmark.org].");
    LINKS("Visit www.commonmark.org/a.b.",
          "Visit [http://www.commonmark.org/a.b|www.commonmark.org/a.b].");
    LINKS(
        "a http://x.org? http://x.org! http://x.org, http://x.org: http://x.org*_~ end",
        "a [http://x.org|http://x.org]? [http://x.org|http://x.org]! [http://x.org|http://x.org], "
        "[http://x.org|http://x.org]: [http://x.org|http://x.org]*_~ end");
    /* parentheses: a ')' left out only when unbalanced */
    LINKS("www.google.com/search?q=Markup+(business)",
          "[http://www.google.com/search?q=Markup+(business)|www.google.com/"
          "search?q=Markup+(business)]");
    LINKS("(www.google.com/search?q=Markup+(business))",
          "([http://www.google.com/search?q=Markup+(business)|www.google.com/"
          "search?q=Markup+(business)])");
    LINKS("www.google.com/search?q=(business))+ok",
          "[http://www.google.com/search?q=(business))+ok|www.google.com/search?q=(business))+ok]");
    /* entity-like ends; '<' */
    LINKS("www.google.com/search?q=commonmark&hl=en",
          "[http://www.google.com/search?q=commonmark&hl=en|www.google.com/"
          "search?q=commonmark&hl=en]");
    LINKS("www.google.com/search?q=commonmark&hl;",
          "[http://www.google.com/search?q=commonmark|www.google.com/search?q=commonmark]&hl;");
    LINKS("www.commonmark.org/he<lp", "[http://www.commonmark.org/he|www.commonmark.org/he]<lp");
    /* a decoded entity at the end is left out too: "x&copy;" came as "x©" */
    static const size_t copy[] = {19, 21};
    CHECK_STR(marked("http://x.org/path/x\xC2\xA9 y", copy, 1),
              "[http://x.org/path/x|http://x.org/path/x]\xC2\xA9 y");
    /* schemes and valid domains */
    LINKS(
        "http://commonmark.org and ftp://foo.bar.baz.",
        "[http://commonmark.org|http://commonmark.org] and [ftp://foo.bar.baz|ftp://foo.bar.baz].");
    LINKS("http://localhost/ www.x http://a_b.c_d.org http://_x.org",
          "http://localhost/ www.x http://a_b.c_d.org http://_x.org");
    LINKS("https://x_y.z.org", "[https://x_y.z.org|https://x_y.z.org]");
    LINKS("ssh://a.org HTTP://A.ORG", "ssh://a.org HTTP://A.ORG");
    /* what may come before: a space, *, _, ~, (; not a letter or ':' */
    LINKS("xhttp://x.org x:http://x.org awww.x.org", "xhttp://x.org x:http://x.org awww.x.org");
    LINKS("*http://a.org ~www.b.org", "*[http://a.org|http://a.org] ~[http://www.b.org|www.b.org]");
    /* CJK text: no spaces between words, and its punctuation ends an address */
    LINKS("访问https://example.cn。或者：www.example.cn，谢谢",
          "访问[https://example.cn|https://example.cn]。或者：[http://"
          "www.example.cn|www.example.cn]，谢谢");
    /* a non-breaking space ends one */
    LINKS("http://x.org\xC2\xA0: fin", "[http://x.org|http://x.org]\xC2\xA0: fin");
    /* e-mail addresses */
    LINKS("foo@bar.baz", "[mailto:foo@bar.baz|foo@bar.baz]");
    LINKS("hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
          "hello@mail+xyz.example isn't valid, but "
          "[mailto:hello+xyz@mail.example|hello+xyz@mail.example] is.");
    LINKS("a.b-c_d@a.b", "[mailto:a.b-c_d@a.b|a.b-c_d@a.b]");
    LINKS("a.b-c_d@a.b.", "[mailto:a.b-c_d@a.b|a.b-c_d@a.b].");
    LINKS("a.b-c_d@a.b- a.b-c_d@a.b_ a@b", "a.b-c_d@a.b- a.b-c_d@a.b_ a@b");
    LINKS("émile@x.org mailto:me@x.org", "émile@x.org mailto:[mailto:me@x.org|me@x.org]");
    /* nothing but fragments */
    LINKS("http://http://www.www._www.@@", "http://http://www.www._www.@@");
    return check_done();
}

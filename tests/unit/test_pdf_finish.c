/* pdf/pobj, pdf/objfile, pdf/finish: the finisher's own reading of the
 * file cairo writes. Objects parsed and written back, edited; objects read
 * where they lie (stream data by a direct or indirect /Length); a small
 * file of cairo's form finished (qpdf checks the result), and the same
 * file damaged in each way the reader can meet, which must fail with an
 * error, never crash nor write a file that claims to be finished. */
#include <glib.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "diag_capture.h"
#include "pdf/finish.h"
#include "pdf/objfile.h"
#include "pdf/pobj.h"
#include "util/buf.h"
#include "util/scratch.h"

/* text parsed as one object and written back ("" when it does not parse,
 * or when something follows it). */
static char *round_trip(const char *text)
{
    const char *p = text, *end = text + strlen(text);
    pobj o;
    buf b = {0};
    if (pobj_parse(&p, end, &o)) {
        while (p < end && (*p == ' ' || *p == '\n'))
            p++;
        if (p == end)
            pobj_write(&o, &b);
        pobj_free(&o);
    }
    buf_puts(&b, "");
    return buf_detach(&b);
}

static void check_parse(const char *text, const char *want)
{
    char *got = round_trip(text);
    CHECK_STR(got, want);
    free(got);
}

static void test_parse(void)
{
    check_parse("<< /Type /Page % 1\n /Kids [ 2 0 R 3 0 R ] >>",
                "<< /Type /Page /Kids [ 2 0 R 3 0 R ] >>");
    check_parse("<</A<</B true>>/C(a \\) (b) c)/D<FEFF0041>/E -1.5/F null>>",
                "<< /A << /B true >> /C (a \\) (b) c) /D <FEFF0041> /E -1.5 /F null >>");
    check_parse("<< /BS << /W 0 >>>>", "<< /BS << /W 0 >> >>");
    check_parse("[ 1 0 ]", "[ 1 0 ]"); /* two numbers, no reference */
    check_parse("[ 1 0 R 2 ]", "[ 1 0 R 2 ]");
    /* what is no object */
    const char *bad[] = {"<< /A 1", "(abc", "<abc", "<< /A >>", "<< 1 2 >>", "[ 1 2",
                         ")", "]", "<< /A 1 >", "endobj", "<< /A 1 0 Q >>", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        check_parse(bad[i], "");
    /* nesting beyond reason */
    buf deep = {0};
    for (int i = 0; i < 200; i++)
        buf_putc(&deep, '[');
    for (int i = 0; i < 200; i++)
        buf_putc(&deep, ']');
    check_parse(buf_cstr(&deep), "");
    buf_free(&deep);
}

static void test_edit(void)
{
    const char *text = "<< /Type /Annot /Subtype /Link /A << /URI (http://a.b/\\(x\\)) >> "
                       "/Dest <FEFF00E9> /Rect [ 1 2.5 3 4 ] /Interpolate true >>";
    const char *p = text;
    pobj o;
    CHECK(pobj_parse(&p, text + strlen(text), &o));
    CHECK(pobj_is_name(pobj_get(&o, "/Subtype"), "/Link"));
    CHECK(!pobj_get(&o, "/Link") && !pobj_get(NULL, "/Type"));
    double v;
    long long n;
    CHECK(pobj_real(&pobj_get(&o, "/Rect")->kids[1], &v) && v == 2.5);
    CHECK(!pobj_int(&pobj_get(&o, "/Rect")->kids[1], &n));
    size_t len;
    char *uri = pobj_string_bytes(pobj_get(pobj_get(&o, "/A"), "/URI"), &len);
    CHECK_STR(uri, "http://a.b/(x)");
    free(uri);
    char *dest = pobj_string_utf8(pobj_get(&o, "/Dest"));
    CHECK_STR(dest, "é");
    free(dest);
    CHECK(!pobj_string_bytes(pobj_get(&o, "/Type"), &len)); /* a name is no string */
    pobj_remove(&o, "/Interpolate");
    CHECK(pobj_set(&o, "/F", "4"));
    CHECK(pobj_set(&o, "/Subtype", "/Widget"));
    CHECK(pobj_set(&o, "/MarkInfo", "<< /Marked true >>"));
    CHECK(!pobj_set(&o, "/Bad", "<< /A"));
    buf b = {0};
    pobj_write(&o, &b);
    CHECK_STR(buf_cstr(&b), "<< /Type /Annot /Subtype /Widget /A << /URI (http://a.b/\\(x\\)) >> "
                            "/Dest <FEFF00E9> /Rect [ 1 2.5 3 4 ] /F 4 /MarkInfo << /Marked true "
                            ">> >>");
    buf_free(&b);
    pobj_free(&o);
}

/* A page's content, compressed: binary, so an object of its own kind. */
static const char CONTENT[] = "(the content stream)";
static buf content;

/* A PDF of the given objects (numbered from 1, "stream" data included;
 * CONTENT: the content above), with a table at the right offsets and a
 * trailer naming 1 the catalog and, when info, the last object the Info. */
static void make_file(buf *pdf, const char *const *objects, size_t n, bool info)
{
    buf_clear(pdf);
    buf_puts(pdf, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
    size_t *offset = calloc(n + 1, sizeof *offset);
    for (size_t i = 0; i < n; i++) {
        offset[i] = pdf->len;
        buf_printf(pdf, "%zu 0 obj\n", i + 1);
        if (objects[i] == CONTENT)
            buf_append(pdf, content.data, content.len);
        else
            buf_puts(pdf, objects[i]);
        buf_puts(pdf, "\nendobj\n");
    }
    size_t xref = pdf->len;
    buf_printf(pdf, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
    for (size_t i = 0; i < n; i++)
        buf_printf(pdf, "%010zu 00000 n \n", offset[i]);
    buf_printf(pdf, "trailer\n<< /Size %zu /Root 1 0 R", n + 1);
    if (info)
        buf_printf(pdf, " /Info %zu 0 R", n);
    buf_printf(pdf, " >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    free(offset);
}

/* A scratch file holding data. */
static int file_of(const buf *data)
{
    int fd = scratch_open();
    CHECK(fd >= 0 && fd_write_all(fd, data->data, data->len));
    return fd;
}

static void test_read(void)
{
    const char *objects[] = {"<< /Type /Catalog >>",
                             "<< /Length 3 0 R >>\nstream\nabcdef\nendstream",
                             "6",
                             "<< /Length 2 >>\nstream\nxy\nendstream",
                             "<< /Length 99 >>\nstream\nxy\nendstream",
                             "<< /Length 2 >>\nstream\nxyz\nendstream",
                             "<< /Length 4 0 R >>\nstream\nabcdef\nendstream",
                             "[ 1 2"};
    buf pdf = {0};
    make_file(&pdf, objects, sizeof objects / sizeof *objects, false);
    int fd = file_of(&pdf);
    pobjfile f;
    CHECK(pobjfile_map(&f, fd));
    CHECK(f.n == 9 && f.root == 1 && f.info == 0);
    pobj v;
    const char *data;
    size_t len;
    CHECK(pobjfile_read(&f, 2, &v, &data, &len) && len == 6 && !memcmp(data, "abcdef", 6));
    pobj_free(&v);
    CHECK(pobjfile_read(&f, 3, &v, &data, &len) && !data && v.kind == POBJ_NUMBER);
    pobj_free(&v);
    CHECK(pobjfile_read(&f, 4, &v, &data, &len) && len == 2);
    pobj_free(&v);
    CHECK(!pobjfile_read(&f, 5, &v, &data, &len)); /* longer than the object */
    CHECK(!pobjfile_read(&f, 6, &v, &data, &len)); /* data past its length */
    CHECK(!pobjfile_read(&f, 7, &v, &data, &len)); /* its length is no number */
    CHECK(!pobjfile_read(&f, 8, &v, &data, &len)); /* unterminated */
    CHECK(!pobjfile_read(&f, 0, &v, &data, &len) && !pobjfile_read(&f, 9, &v, &data, &len));
    CHECK(v.kind == POBJ_NULL && !v.kids); /* left empty */
    pobjfile_free(&f);
    close(fd);
    /* what is not a file of that form */
    const char *bad[] = {"", "hello", "%PDF-1.5\nstartxref\n999999\n%%EOF\n",
                         "%PDF-1.5\nxref\n0 1\nstartxref\n9\n%%EOF\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        buf_clear(&pdf);
        buf_puts(&pdf, bad[i]);
        fd = file_of(&pdf);
        CHECK(!pobjfile_map(&f, fd));
        pobjfile_free(&f);
        close(fd);
    }
    buf_free(&pdf);
}

/* The zlib bytes of text, as a stream object with its dictionary, in
 * content. */
static void flate_stream(const char *text)
{
    uLongf len = compressBound(strlen(text));
    unsigned char *z = malloc(len);
    compress(z, &len, (const Bytef *)text, strlen(text));
    buf_clear(&content);
    buf_printf(&content, "<< /Length %lu /Filter /FlateDecode >>\nstream\n", (unsigned long)len);
    buf_append(&content, z, len);
    buf_puts(&content, "\nendstream");
    free(z);
}

/* The file pdf finished with a structure of one Document element and
 * nothing painted: FOLIO_OK or not, the messages in *errors. */
static folio_status finish(const buf *pdf, buf *out, buf *errors)
{
    pstruct s;
    pstruct_init(&s);
    pmarks marks = {0};
    double page_h[1] = {100};
    pdf_finish f = {.info = {.title = "T", .creator = "folio", .producer = "folio (test)",
                             .lang = "fr", .pdfa_part = 2},
                    .structure = &s, .marks = &marks, .page_h = page_h, .n_pages = 1};
    capture c;
    capture_init(&c, false);
    int in = file_of(pdf), written = scratch_open();
    folio_status st = pdf_finish_file(in, &f, &c.d, written);
    unsigned char *data;
    size_t len;
    buf_clear(out);
    if (fd_read_all(written, &data, &len)) {
        buf_append(out, data, len);
        free(data);
    }
    capture_take(&c, errors);
    capture_free(&c);
    close(in);
    close(written);
    pstruct_free(&s);
    return st;
}

/* Whether b holds text. */
static bool has(const buf *b, const char *text)
{
    return memmem(b->data, b->len, text, strlen(text)) != NULL;
}

/* How many times b holds text. */
static int count(const buf *b, const char *text)
{
    int n = 0;
    for (const char *p = b->data, *end = b->data + b->len;
         (p = memmem(p, (size_t)(end - p), text, strlen(text))); p++)
        n++;
    return n;
}

/* Whether qpdf reads the file without error or warning. */
static bool qpdf_clean(const buf *pdf)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    bool ok = !(qpdf_read_memory(q, "t.pdf", pdf->data, pdf->len, NULL) & QPDF_ERRORS) &&
              qpdf_check_pdf(q) == 0 && !qpdf_more_warnings(q);
    qpdf_cleanup(&q);
    return ok;
}

static void test_finish(void)
{
    flate_stream("q 0 0 m 10 10 l S Q");
    const char *good[] = {
        "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 7 0 R >>",
        "<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
        "<< /Type /Page % 1\n /Parent 2 0 R /MediaBox [ 0 0 100 100 ] /Contents 4 0 R "
        "/Resources << /XObject << /x5 5 0 R >> >> /Group << /Type /Group /S /Transparency >> >>",
        CONTENT,
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        "/Interpolate true /BitsPerComponent 8 /Length 6 0 R >>\nstream\nx\nendstream",
        "1",
        "<< /Type /StructTreeRoot /K [ 8 0 R ] /ParentTree 9 0 R >>",
        "<< /Type /StructElem /S /Document /P 7 0 R >>",
        "<< /Nums [ 0 10 0 R ] >>",
        "[ 8 0 R ]",
        "<< /Producer (cairo) >>",
    };
    size_t n = sizeof good / sizeof *good;
    buf pdf = {0}, out = {0}, errors = {0};
    make_file(&pdf, good, n, true);
    CHECK(finish(&pdf, &out, &errors) == FOLIO_OK);
    CHECK_STR(buf_cstr(&errors), "");
    CHECK(qpdf_clean(&out));
    CHECK(has(&out, "/StructTreeRoot 13 0 R") && has(&out, "/Lang (fr)"));
    CHECK(has(&out, "/OutputIntents") && has(&out, "/StructParents 0"));
    CHECK(has(&out, "/S /Transparency /CS /DeviceRGB") && !has(&out, "/Interpolate"));
    /* cairo's tree and Info replaced, their numbers taken by the new tree */
    CHECK(!has(&out, "(cairo)") && count(&out, "/Type /StructTreeRoot") == 1);
    CHECK(count(&out, "/Type /StructElem") == 1);
    /* a stream cairo left uncompressed is deflated (its length object goes) */
    CHECK(has(&out, "/ColorSpace /DeviceGray /BitsPerComponent 8 /Length "));
    CHECK(count(&out, "/Filter /FlateDecode") == 3); /* the content, the image, the ICC profile */
    CHECK(has(&out, "/ID [<"));
    buf again = {0};
    CHECK(finish(&pdf, &again, &errors) == FOLIO_OK);
    CHECK(again.len == out.len && !memcmp(again.data, out.data, out.len)); /* reproducible */
    buf_free(&again);

    /* each damage alone: an error, never a crash */
    struct {
        size_t object; /* 1-based */
        const char *text;
        const char *why;
    } damaged[] = {
        {1, "<< /Type /Catalog >>", "the PDF has no page tree"},
        {1, "<< /Type /Catalog /Pages 1 0 R >>", "the page tree is not what cairo writes"},
        {2, "<< /Type /Pages /Kids [ 3 0 R 3 0 R ] /Count 2 >>",
         "the page tree is not what cairo writes"},
        {2, "<< /Type /Pages /Kids [ 2 0 R ] /Count 1 >>", "the page tree is not what cairo writes"},
        {3, "<< /Type /Page /Contents [ 4 0 R ] >>", "a page's content is not one stream of its own"},
        {3, "<< /Type /Page /Contents 6 0 R >>", "an object cairo wrote is not the dictionary expected"},
        {3, "<< /Type /Page /Contents 3 0 R >>", "a page's content is not a stream"},
        {4, "<< /Length 5 /Filter /FlateDecode >>\nstream\nxxxxx\nendstream",
         "a page's content cannot be inflated"},
        {4, "<< /Length 5 /Filter /LZWDecode >>\nstream\nxxxxx\nendstream",
         "a page's content is compressed in a way cairo does not write"},
        {4, "<< /Length 50 >>\nstream\nxxxxx\nendstream", "an object cairo wrote cannot be read"},
        {4, "<< /Length 22 >>\nstream\n/P <</MCID 0>> BDC EMC\nendstream",
         "a page holds more tagged pieces than were painted on it"},
        {4, "<< /Length 8 >>\nstream\n(unended\nendstream", "a page's marked content cannot be read"},
        {5, "<< /Type /XObject /Length 6 0 R", "an object cairo wrote cannot be read"},
    };
    for (size_t k = 0; k < sizeof damaged / sizeof *damaged; k++) {
        const char *objects[sizeof good / sizeof *good];
        memcpy(objects, good, sizeof objects);
        objects[damaged[k].object - 1] = damaged[k].text;
        make_file(&pdf, objects, n, true);
        CHECK(finish(&pdf, &out, &errors) == FOLIO_EOUTPUT);
        char want[200];
        snprintf(want, sizeof want, "0:0: error: cannot finish the PDF: %s\n", damaged[k].why);
        CHECK_STR(buf_cstr(&errors), want);
    }
    /* cut anywhere before its end: never a crash, an error */
    make_file(&pdf, good, n, true);
    size_t end = (size_t)((const char *)memmem(pdf.data, pdf.len, "startxref", 9) - pdf.data);
    for (size_t cut = 0; cut < end; cut += 7) {
        buf part = {0};
        buf_append(&part, pdf.data, cut);
        CHECK(finish(&part, &out, &errors) == FOLIO_EOUTPUT);
        buf_free(&part);
    }
    buf_free(&content);
    buf_free(&pdf);
    buf_free(&out);
    buf_free(&errors);
}

int main(void)
{
    test_parse();
    test_edit();
    test_read();
    test_finish();
    return check_done();
}

#!/usr/bin/env python3
"""A document written right to left reads right to left, checked on the
layout (folio dump --layout), the text layer and the EPUB's stylesheet:

  rtl.py FOLIO OUTDIR AR HE MIXED

AR (lang: ar) and HE (lang: he) hold a heading, a paragraph with a note, a
bullet list with a nested one, an ordered list, a quote, a callout, a
table, a paragraph that starts with a Latin word, a French quote
(::: {lang=fr}) and a contents page. In both:

- headings, paragraphs (the one starting with "Python" too), the title and
  the contents' titles end at the right margin; the contents' page numbers
  are at the left;
- list markers are right of their item's text, inside the right margin, the
  nested list's marker left of its parent's;
- the quote's and the callout's bars are at the right margin, their text
  left of them;
- the table's first column is at the right, its last at the left;
- the notes' separator rule is at the right;
- the French quote (only that block) keeps its bar at the left margin.

MIXED is French with an Arabic div (quote, list, table): that block is
mirrored, the French quote, list and table after it are not.

The text layer (pdftotext -layout) still holds each phrase in reading
order; the EPUB says dir="rtl" and its stylesheet the start side
(border-inline-start), while a French book's keeps border-left.

Exits 1 on a failure."""
import collections
import re
import zipfile

import pdftest
from pdftest import fail, failures, layout, main, pdftotext

SLACK = 0.6


BOX = re.compile(r'^\s+(\w+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)(?: (\S+))?(?: "(.*)")?')


def boxes(folio, src):
    """The boxes of the first page: (kind, x, y, w, h, tag, text)."""
    got = []
    for line in layout(folio, src).splitlines():
        if line.startswith("page 2"):
            break
        m = BOX.match(line)
        if m:
            k, x, y, w, h, tag, text = m.groups()
            got.append((k, float(x), float(y), float(w), float(h), tag, text or ""))
    return got


def find(bx, text, kind="line"):
    """The first box of kind whose text starts so (not a contents entry)."""
    for b in bx:
        if b[0] == kind and b[5] != "TOCI" and b[6].startswith(text):
            return b
    fail("no %s box starting %r" % (kind, text))
    return None


def right(b):
    return b[1] + b[3]


def margins(bx):
    """The text area: the title block's rule spans it."""
    rule = max((b for b in bx if b[0] == "rule"), key=lambda b: b[3])
    return rule[1], rule[1] + rule[3]


def same_line(bx, b, tag):
    return [o for o in bx if o[0] == "line" and o[5] == tag and abs(o[2] - b[2]) < 1]


def bar_at(bx, y0, y1):
    """The 3 pt bar (quote, callout) whose segment holds y0..y1."""
    for b in bx:
        if b[0] == "rule" and abs(b[3] - 3.0) < 0.01 and b[2] <= y0 + 0.1 and b[2] + b[4] >= y1 - 0.1:
            return b
    fail("no bar beside y %.1f" % y0)
    return None


def check_marker(bx, name, marker_text, item_text, R):
    item = find(bx, item_text)
    if not item:
        return
    markers = [m for m in same_line(bx, item, "L") if m[6] == marker_text]
    if not markers:
        fail("%s: no marker %r on the line of %r" % (name, marker_text, item_text))
        return
    m = markers[0]
    if not (m[1] >= right(item) - SLACK and right(m) <= R + SLACK):
        fail("%s: marker %r at %.1f..%.1f is not right of its item %.1f..%.1f"
             % (name, marker_text, m[1], right(m), item[1], right(item)))
    return m


def check_rtl_doc(folio, src, name, w):
    bx = boxes(folio, src)
    L, R = margins(bx)
    for text in (w["title"], w["heading"], w["para"], w["python"], w["table_title"]):
        b = find(bx, text)
        if b and abs(right(b) - R) > SLACK:
            fail("%s: %r ends at %.1f, not at the right margin %.1f" % (name, text, right(b), R))
    # contents: titles right, numbers left
    entries = [b for b in bx if b[0] == "line" and b[5] == "TOCI"]
    nums = [b for b in bx if b[0] == "tocnum"]
    if not entries or not nums:
        fail("%s: no contents" % name)
    for e in entries:
        if e[1] < (L + R) / 2:
            fail("%s: contents entry %r at the left (%.1f)" % (name, e[6], e[1]))
    for n in nums:
        if abs(n[1] - L) > SLACK:
            fail("%s: a contents page number's leader starts at %.1f, not at the left margin"
                 % (name, n[1]))
    # lists
    top = check_marker(bx, name, "\u2022", w["item1"], R)
    check_marker(bx, name, "\u2022", w["item2"], R)
    nested = check_marker(bx, name, "\u25e6", w["nested"], R)
    if top and nested and not right(nested) < top[1]:
        fail("%s: the nested list's marker (%.1f) is not left of its parent's (%.1f)"
             % (name, right(nested), top[1]))
    check_marker(bx, name, "1.", w["step1"], R)
    check_marker(bx, name, "2.", w["step2"], R)
    # quote and callout: bars at the right
    for text in (w["quote"], w["callout"]):
        b = find(bx, text)
        if not b:
            continue
        bar = bar_at(bx, b[2], b[2] + b[4])
        if bar and (abs(right(bar) - R) > SLACK or right(b) > bar[1]):
            fail("%s: the bar beside %r is at %.1f (text ends at %.1f), not at the right margin"
                 % (name, text, bar[1], right(b)))
    # table: first column at the right
    cols = [find(bx, t) for t in w["header"]]
    if all(cols) and not (cols[0][1] > cols[1][1] > cols[2][1]):
        fail("%s: table columns are not right to left: %s" % (name, [c[1] for c in cols]))
    # notes' rule at the right
    rules = [b for b in bx if b[0] == "rule" and abs(b[4] - 0.5) < 0.01]
    if not rules or abs(right(rules[-1]) - R) > SLACK:
        fail("%s: the notes' rule is not at the right margin" % name)
    # the French quote in its own direction
    fr = find(bx, "Une citation en fran")
    if fr:
        bar = bar_at(bx, fr[2], fr[2] + fr[4])
        if bar and (abs(bar[1] - L) > SLACK or fr[1] < right(bar)):
            fail("%s: the French quote's bar is at %.1f, not at the left margin" % (name, bar[1]))
        if abs(fr[1] - L) > 20:
            fail("%s: the French quote starts at %.1f, not near the left margin" % (name, fr[1]))
    return bx


def bidi_clean(s):
    return re.sub("[\u200e\u200f\u202a-\u202e]", "", s)


def check_text(folio, outdir, src, name, phrases):
    pdf = "%s/%s.pdf" % (outdir, name)
    pdftest.folio(folio, src, "-o", pdf, "-q")
    text = bidi_clean(pdftotext(pdf, "-layout"))
    text = re.sub(r"[ \t]+", " ", text)
    for p in phrases:
        if p not in text:
            fail("%s: the text layer lacks %r" % (name, p))


def check_ligatures(folio, outdir):
    """Arabic headings (one glyph for lam-alef) in the text layer in logical
    order: pdftotext lays a glyph's characters left to right and reads an
    Arabic line from the right, so "لا" drawn as one glyph read
    "ال" ("مالحظة" for "ملاحظة")."""
    src = "%s/rtl_lamalef.md" % outdir
    with open(src, "w", encoding="utf-8") as f:
        f.write("---\ntitle: لا سلام\nlang: ar\n---\n\n"
                "## السلام لأن لا بأس\n\n"
                "::: {.callout-note}\nنص.\n:::\n")
    check_text(folio, outdir, src, "rtl_lamalef",
               ["لا سلام", "السلام لأن لا بأس",
                "ملاحظة"])


# Naskh (Arabic body text) draws lam-alef as two glyphs, the alef of no
# width; harakat and niqqud are glyphs of their own drawn off the pen's
# place. pdftotext broke such lines apart ("لجل آ" / "لم إ" on lines of
# their own) and put marks on the wrong letters ("ְּבֵראִׁשית").
POINTED = {
    "title": "لا سلام",
    "heading": "السلام لأن لا بأس بِسْمِ اللَّهِ",
    "para": "هذه فقرة لا بأس بها لأن الإسلام لإجل لآخر ونصّ مُشَكَّل",
    "basmala": "بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ",
    "digits": "العدد ١٢٣٤ و 2024 مع Python 3 في النص",
    "he_heading": "בְּרֵאשִׁית בָּרָא",
    "he_para": "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ",
}
# whole in pdftotext -raw too, in this order (it puts each word of a
# right-to-left line on a line of its own)
RAW_WORDS = ["لأن", "الإسلام", "لإجل", "لآخر", "مُشَكَّل", "בְּרֵאשִׁית", "אֱלֹהִים", "הַשָּׁמַיִם"]


def rtl_letters(s):
    """The Arabic and Hebrew characters of s (presentation forms too), counted."""
    return collections.Counter(c for c in s if "\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufeff")


def check_pointed(folio, outdir):
    w = POINTED
    src = "%s/rtl_pointed.md" % outdir
    pdftest.write(src, "---\ntitle: %s\nlang: ar\n---\n\n## %s\n\n%s: %s. %s.\n\n"
                  "::: {lang=he}\n## %s\n\n%s.\n:::\n"
                  % (w["title"], w["heading"], w["para"], w["basmala"], w["digits"],
                     w["he_heading"], w["he_para"]))
    pdf = "%s/rtl_pointed.pdf" % outdir
    pdftest.folio(folio, src, "-o", pdf, "-q")
    want = rtl_letters("".join(w.values()))
    for opts in ((), ("-raw",)):
        text = bidi_clean(pdftotext(pdf, *opts))
        got = rtl_letters(text)
        if got != want:
            fail("pointed %s: characters lost %s, added %s" % (
                " ".join(opts) or "pdftotext", dict(want - got), dict(got - want)))
        if opts:
            words = text.split()
            at = [words.index(x) if x in words else -1 for x in RAW_WORDS]
            if -1 in at or at != sorted(at):
                fail("pointed -raw: words missing or out of order: %s" % list(zip(RAW_WORDS, at)))
        else:
            flat = re.sub(r"\s+", " ", text)
            for k in ("title", "heading", "para", "basmala", "he_heading", "he_para"):
                if w[k] not in flat:
                    fail("pointed: the text layer lacks the %s %r" % (k, w[k]))


def check_epub(folio, outdir, src, name, rtl, dir_at=r"<html "):
    epub = "%s/%s.epub" % (outdir, name)
    pdftest.folio(folio, src, "-o", epub, "-q")
    with zipfile.ZipFile(epub) as z:
        css = z.read("EPUB/css/style.css").decode()
        chapter = z.read("EPUB/issue-01.xhtml").decode()
    quote = re.search(r"blockquote \{[^}]*\}", css).group(0)
    if rtl:
        if "border-inline-start" not in quote or "border-left" in quote:
            fail("%s: the EPUB's quote bar is not on the start side: %s" % (name, quote))
        if not re.search(dir_at + r'[^>]*dir="rtl"', chapter):
            fail("%s: the EPUB's %s does not say dir=\"rtl\"" % (name, dir_at))
        if re.search(r"\n(p|h1, h2[^{]*|th, td) \{[^}]*text-align: left", css):
            fail("%s: the EPUB's stylesheet aligns text left" % name)
    elif "border-left" not in quote:
        fail("%s: a left-to-right book's quote bar moved: %s" % (name, quote))


AR = {"title": "نشرة تجريبية", "heading": "قائمة المهام", "para": "هذه فقرة عربية",
      "python": "Python 3", "table_title": "جدول", "item1": "عنصر أول", "item2": "عنصر ثان",
      "nested": "عنصر متداخل", "step1": "خطوة أولى", "step2": "خطوة ثانية",
      "quote": "هذا اقتباس عربي", "callout": "هذا تنبيه مهم", "header": ("الكاتب", "المدينة", "العمر")}
HE = {"title": "עלון לדוגמה", "heading": "רשימה", "para": "זוהי פסקה קצרה",
      "python": "Python 3", "table_title": "טבלה", "item1": "הפריט הראשון", "item2": "הפריט השני",
      "nested": "פריט פנימי", "step1": "שלב ראשון", "step2": "שלב שני",
      "quote": "ציטוט קצר", "callout": "הערה חשובה", "header": ("שם", "עיר", "גיל")}


def check_dir(folio, outdir):
    """A div with dir=rtl and no lang= (pandoc's and Quarto's {dir=rtl}, or
    <div dir="rtl">) is laid out right to left as a lang=ar one: its
    paragraph starting with a Latin word ends at the right margin, its list
    marker and quote bar are at the right; the EPUB writes dir="rtl" on it.
    A dir=ltr div inside keeps its French quote's bar at the left."""
    src = "%s/rtl_dir_fr.md" % outdir
    with open(src, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Sens\nlang: fr\ndate: 2024-03-01\n---\n\n"
                "Un paragraphe en français.\n\n"
                "::: {dir=rtl}\nPython 3 هو لغة برمجة.\n\n"
                "> هذا اقتباس عربي قصير للتجربة فقط.\n\n"
                "- عنصر أول من القائمة\n\n"
                "::: {dir=ltr}\n> Une citation en français, à gauche.\n:::\n:::\n\n"
                "<div dir=\"rtl\">\n\nHTML 5 هو لغة توصيف.\n\n</div>\n\n"
                "> Une citation française, à gauche.\n")
    bx = boxes(folio, src)
    L, R = margins(bx)
    for text in ("Python 3", "HTML 5"):
        b = find(bx, text)
        if b and abs(right(b) - R) > SLACK:
            fail("dir: %r ends at %.1f, not at the right margin %.1f" % (text, right(b), R))
    check_marker(bx, "dir", "\u2022", AR["item1"], R)
    for text, at_right in ((AR["quote"], True), ("Une citation en fran", False),
                           ("Une citation fran", False)):
        b = find(bx, text)
        bar = b and bar_at(bx, b[2], b[2] + b[4])
        if bar and at_right != (abs(right(bar) - R) < SLACK):
            fail("dir: the bar beside %r is at %.1f" % (text, bar[1]))
    p = find(bx, "Un paragraphe en fran")
    if p and abs(p[1] - L) > SLACK:
        fail("dir: the French paragraph does not start at the left margin")
    check_text(folio, outdir, src, "rtl_dir_fr", ["Python 3", "هو لغة برمجة", "HTML 5"])
    check_epub(folio, outdir, src, "rtl_dir_fr", True, r'<div')
    epub = "%s/rtl_dir_fr.epub" % outdir
    with zipfile.ZipFile(epub) as z:
        chapter = z.read("EPUB/issue-01.xhtml").decode()
    divs = re.findall(r'<div[^>]*dir="(\w+)"', chapter)
    if divs != ["rtl", "ltr", "rtl"]:
        fail("dir: the EPUB's divs say %s, not rtl, ltr, rtl" % divs)


def check(folio, outdir, ar, he, mixed):
    check_rtl_doc(folio, ar, "ar", AR)
    check_rtl_doc(folio, he, "he", HE)

    bx = boxes(folio, mixed)
    L, R = margins(bx)
    ar_quote, fr_quote = find(bx, AR["quote"]), find(bx, "Une citation fran")
    if ar_quote:
        bar = bar_at(bx, ar_quote[2], ar_quote[2] + ar_quote[4])
        if bar and abs(right(bar) - R) > SLACK:
            fail("mixed: the Arabic quote's bar is not at the right margin (%.1f)" % bar[1])
    if fr_quote:
        bar = bar_at(bx, fr_quote[2], fr_quote[2] + fr_quote[4])
        if bar and abs(bar[1] - L) > SLACK:
            fail("mixed: the French quote's bar is not at the left margin (%.1f)" % bar[1])
    check_marker(bx, "mixed", "\u2022", AR["item1"], R)
    fr_item = find(bx, "un élément")
    if fr_item:
        m = [b for b in same_line(bx, fr_item, "L")]
        if not m or m[0][1] > fr_item[1]:
            fail("mixed: the French item's marker is not at its left")
    a, b = find(bx, "الكاتب"), find(bx, "المدينة")
    if a and b and not a[1] > b[1]:
        fail("mixed: the Arabic table's first column is not at the right")
    a, b = find(bx, "Auteur"), find(bx, "Ville")
    if a and b and not a[1] < b[1]:
        fail("mixed: the French table's first column is not at the left")
    p = find(bx, "Un paragraphe en fran")
    if p and abs(p[1] - L) > SLACK:
        fail("mixed: the French paragraph does not start at the left margin")

    check_text(folio, outdir, ar, "rtl_ar", ["هذه فقرة عربية قصيرة تسبق القائمة", "عنصر متداخل",
                                             "هذا اقتباس عربي قصير للتجربة فقط", "هذا تنبيه مهم للقراء",
                                             "القاهرة", "هذه حاشية عربية", "Une citation en français"])
    check_text(folio, outdir, he, "rtl_he", ["זוהי פסקה קצרה בעברית לפני הרשימה", "הפריט הראשון",
                                             "ציטוט קצר בעברית לבדיקה בלבד", "הערה חשובה לקוראים",
                                             "חיפה", "הערת שוליים בעברית"])
    check_ligatures(folio, outdir)
    check_pointed(folio, outdir)
    check_dir(folio, outdir)
    check_epub(folio, outdir, ar, "rtl_ar", True)
    check_epub(folio, outdir, mixed, "rtl_mixed_fr", True, r'<div xml:lang="ar"')
    check_epub(folio, outdir, re.sub(r"rtl_mixed_fr\.md$", "issue_fr.md", mixed), "rtl_ltr", False)
    if not failures:
        print("ok: ar, he and the mixed document read right to left where they should")


main(check)

#!/usr/bin/env python3
"""The no-loss test: every word the author wrote reaches the reader.

  noloss.py FOLIO OUTDIR SOURCE...

Each source is converted to a PDF and to an EPUB.  Two checks:

1. Words.  A reference extraction of the source's visible text, made here
   and not by folio (front matter, shortcodes, markup, URLs, math, image
   alt text -- but a Quarto page's lone image's, its caption --, citation
   and cross-reference keys stripped; includes read in),
   gives each word (a run of letters, case folded) with its count.  The
   EPUB's chapter text and the PDF's text (pdftotext, hyphenation at line
   ends undone) must each hold every word at least as often.  Words hidden
   on purpose -- a cell's code under echo: false, <style>/<script> content,
   raw blocks for another format -- are left out only when the conversion
   warned on that line.  A word of code may be split by a wrapped code line
   in the PDF: it is also looked for in the PDF's letters run together.

2. Counts.  Headings, images, links, tables, footnotes and callouts
   counted in the model (folio dump --json), in the PDF (its structure
   tree and link annotations, through qpdf --json) and in the EPUB (its
   chapter XHTML) agree.

Exit 0 when nothing is lost, 1 with one line per loss.
"""
import collections
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile

LETTERS = re.compile(r"[^\W\d_]+")


def run(args, cwd=None):
    return subprocess.run(args, capture_output=True, cwd=cwd)


def normal(s):
    """NFKC (ligatures, compatibility forms), no soft hyphens or joiners."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", s)


def words(s):
    return collections.Counter(w.casefold() for w in LETTERS.findall(normal(s)))


# --- the reference extraction ------------------------------------------------

def repair_mojibake(s):
    """UTF-8 read as Mac Roman ("premi√®re"), as --fix-encoding repairs it."""
    def fix(m):
        for enc in ("mac_roman", "cp1252"):
            try:
                return m.group(0).encode(enc).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        return m.group(0)
    if not re.search("\u221a|\u201a\u00c4", s):
        return s
    return re.sub(r"[^\x00-\x7f]{2,}", fix, s)


def strip_front_matter(s):
    m = re.match(r"(?s)\A(---|\+\+\+)\n.*?\n\1[ \t]*\n", s)
    if not m:
        return s, 0
    return s[m.end():], m.group(0).count("\n")


def read_source(path, depth=0):
    """The source's lines with includes read in: a list of ((file, line
    number), text)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = repair_mojibake(f.read())
    text, skipped = strip_front_matter(text)
    # what folio removes with a warning: C0 and C1 controls, DEL, private use
    text = re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]",
                  "", text)
    lines = []
    for n, line in enumerate(text.split("\n"), skipped + 1):
        where = (os.path.abspath(path), n)
        m = re.match(r"\s*\{\{<\s*include\s+(\S+)\s*>\}\}\s*$", line)
        inc = m and os.path.join(os.path.dirname(path), m.group(1))
        if inc and depth < 8 and os.path.isfile(inc):
            lines += read_source(inc, depth + 1)
        else:
            lines.append((where, line))
    return lines


def drop_math(s):
    s = re.sub(r"(?s)\$\$.+?\$\$", " ", s)
    s = re.sub(r"(?s)\\\[.+?\\\]|\\\(.+?\\\)", " ", s)
    # pandoc's tex_math_dollars: $ then a non-space, a non-space then $ not before a digit
    return re.sub(r"(?<![\\$])\$(?=\S)([^$\n]*?\S)\$(?!\d)", " ", s)


def inline_text(s):
    """The visible words of Markdown text, markup stripped."""
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"(?s)\{\{[<%].*?[>%]\}\}", " ", s)                  # shortcodes
    s = drop_math(s)
    s = re.sub(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)", " ", s)  # images: alt not visible
    s = re.sub(r"!\[[^\]]*\]\[[^\]]*\]", " ", s)
    s = re.sub(r"(?s)<img\b[^>]*>", " ", s)
    s = re.sub(r"\]\((?:[^()]|\([^()]*\))*\)", "]", s)  # link targets (a word glued after stays glued)
    s = re.sub(r"\]\[[^\]]*\]", "] ", s)
    s = re.sub(r"\{[#.][^}]*\}|\{[\w-]+=[^}]*\}", " ", s)          # attributes
    s = re.sub(r"\[\^[^\]]*\]", " ", s)                             # note marks
    s = re.sub(r"<[a-z]+://[^>]*>", " ", s)                         # autolinks
    s = re.sub(r"(?s)<[a-zA-Z/!][^>]*>", " ", s)                    # HTML tags
    # bare URLs (after a Han character too, and ending at one: autolink.c)
    s = re.sub(r"(?i)(?<![a-z0-9])(?:(?:https?|ftp)://|www\.)[^\s<%s]+" % UNSPACED, " ", s)
    s = re.sub(r"\S*@\S+", " ", s)                                  # citations, labels, mails
    s = re.sub(r":[a-z0-9_+-]+:", " ", s)                           # emoji codes
    return html.unescape(s)


LONE_IMAGE = re.compile(r"\A\s*!\[((?:[^\[\]]|\[[^\]]*\])+)\]\([^)]*\)(\{[^}]*\})?\s*\Z")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*)$")
DROPPED_HTML = re.compile(r"(?i)<(style|script|noscript|template|iframe)\b")


def reference(path, warnings, dropped):
    """(words of prose, words of code) of the source's visible text.
    warnings: the (file, line)s warned about; dropped: those whose block the
    conversion said it leaves out."""
    lines = read_source(path)
    prose, code = [], []
    i = 0
    while i < len(lines):
        n, line = lines[i]
        m = FENCE.match(line)
        if m:
            fence, info = m.group(2), m.group(3).strip()
            j = i + 1
            while j < len(lines) and not lines[j][1].strip().startswith(fence):
                j += 1
            body = [l for _, l in lines[i + 1:j]]
            i = j + 1
            raw = re.match(r"\{=(\w+)\}", info)
            if raw and raw.group(1) in ("markdown", "html"):
                lines[i:i] = lines[i - len(body) - 1:i - 1]   # read as the page's text
                continue
            if (raw or info.startswith("{")) and n in warnings:
                continue                                      # dropped or hidden, said so
            if info.startswith("{") and not raw:
                body = [l for l in body if not re.match(r"\s*(#|//)\|", l)]
            code.append("\n".join(body))
            continue
        mh = DROPPED_HTML.search(line)
        if mh and n in warnings:
            tag = mh.group(1).lower()
            j = i
            while j < len(lines) and not re.search(r"(?i)</%s\s*>" % tag, lines[j][1]):
                j += 1
            prose.append(line[:mh.start()])
            i = j + 1
            if j < len(lines):
                prose.append(re.split(r"(?i)</%s\s*>" % tag, lines[j][1], 1)[1])
            continue
        if n in dropped:
            while i < len(lines) and lines[i][1].strip():
                i += 1
            continue
        prose.append(line)
        i += 1
    text = "\n".join(prose)
    # inline code: the author's words, kept as code words
    spans = re.findall(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", text)
    code += [re.sub(r"\{\{[<%].*?[>%]\}\}", " ", s) for _, s in spans]
    text = re.sub(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", " ", text)
    text = re.sub(r"(?m)^[ \t]*\[[^\]^]+\]:[ \t]+\S+.*$", "", text)  # link definitions
    text = re.sub(r"(?m)^[ \t]*:::.*$", "", text)                     # div fences
    text = re.sub(r"(?is)<svg\b.*?</svg\s*>", " ", text)  # a drawing: an image, its words drawn
    if path.endswith(".qmd"):  # Quarto prints a lone image's alt text as its caption
        text = "\n\n".join(re.sub(LONE_IMAGE, r"\1", p) for p in re.split(r"\n[ \t]*\n", text))
    text = re.sub(r"(?m)^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[[ xX]\]", r"\1", text)  # task boxes
    return words(inline_text(text)), words("\n".join(code))


# --- what the reader gets -----------------------------------------------------

def epub_chapters(path):
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.match(r"EPUB/issue-\d+\.xhtml$", n))
        raw = "".join(z.read(n).decode() for n in names)
    return re.sub(r"(?s)<head>.*?</head>", "", raw)


def epub_words(xhtml):
    text = re.sub(r"(?s)<math\b.*?</math>", " ", xhtml)
    return words(html.unescape(re.sub(r"<[^>]+>", " ", text)))


# scripts written without spaces (Chinese, Japanese, Thai): a line breaks
# between two letters of a word, with no hyphen
UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def pdf_words(text):
    """Words of pdftotext's output: a hyphen at a line's end is undone, as
    is a break inside a word of a script without spaces, and a word is also
    counted as the halves it was printed as (data-/science)."""
    text_joined = re.sub(r"-\n\s*(?=\w)", "", text)
    text_joined = re.sub(r"(?<=[%s])\n(?=[%s])" % (UNSPACED, UNSPACED), "", text_joined)
    joined = words(text_joined) + page_break_words(text)
    split = words(text)
    return collections.Counter({w: max(joined[w], split[w]) for w in joined | split})


def page_break_words(text):
    """A word hyphenated at a page's last line goes on after the notes, the
    page number and the next page's running head: at the next line that
    starts in lower case."""
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        m = re.search(r"([^\W\d_]+)-$", line)
        if not m:
            continue
        for nxt in lines[i + 1:i + 60]:
            if re.match(r"[^\W\d_]", nxt) and nxt[0].islower():
                found.append(m.group(1) + LETTERS.match(nxt).group(0))
                break
    return words(" ".join(found))


def run_together(text):
    return "".join(LETTERS.findall(normal(re.sub(r"-\n\s*(?=\w)", "", text)))).casefold()


def lost_words(ref, code, got, squeezed=None):
    lost = []
    for w, n in sorted((ref + code).items()):
        if got[w] >= n:
            continue
        if squeezed is not None and w in code and squeezed.count(w) >= n:
            continue
        # a script without spaces has no word boundary for pdftotext: a word
        # glued to a link's words or a note mark is inside a longer one
        if squeezed is not None and re.fullmatch("[%s]+" % UNSPACED, w) and \
                squeezed.count(w) >= n:
            continue
        lost.append("%s (%d of %d)" % (w, got[w], n))
    return lost


# --- counts -------------------------------------------------------------------

def model_counts(dump, unlinked):
    """Counted in folio's model; the links the book keeps as text left out,
    the featured image counted unless the body shows it."""
    c, srcs = collections.Counter(), set()

    def primary(tag):
        return re.split(r"[-_.@]", tag or "")[0].lower()

    def walk(n, lang, in_note):
        c[n["type"]] += 1
        c["cited"] += n["type"] == "footnote_def" and n.get("number", 0) > 0
        in_note = in_note or (n["type"] == "footnote_def" and n.get("number", 0) > 0)
        if n["type"] in ("image", "figure"):
            srcs.add(os.path.basename(n.get("src", "")))
        # the PDF opens a Div for a div in another language than the text
        # around it (::: {lang=de}); a note's text is set apart from the tree
        own = n.get("lang") if n["type"] != "code_block" else None
        if own and primary(own) != primary(lang):
            c["lang_div"] += n["type"] == "div" and not in_note
            lang = own
        for k in n.get("children", []):
            walk(k, lang, in_note)
    walk(dump["root"], dump.get("lang") or "en", False)
    meta = dump.get("meta", {})
    featured = meta.get("image") and os.path.basename(meta["image"]) not in srcs
    return {
        "headings": c["heading"] + (1 if meta.get("title") else 0),
        "images": c["image"] + c["figure"] + (1 if featured else 0),
        "links": c["link"] + c["link_card"] - unlinked,
        "tables": c["table"],
        "footnotes": c["cited"],  # an uncited one is printed as it is
        "callouts": c["callout"],
        "callouts+details": c["callout"] + c["details"] + c["lang_div"],
    }


def epub_counts(xhtml):
    """Counted in the chapters' XHTML; the notes section's heading, the
    links between a note and its reference and those from a code
    annotation's number to its note left out."""
    body = re.sub(r"(?s)<math\b.*?</math>", "", xhtml)
    notes = "".join(re.findall(r'(?s)<section class="footnotes".*?</section>', body))
    count = lambda pattern, text=body: len(re.findall(pattern, text))
    return {
        "headings": count(r"<h[1-6][\s>]") - count(r"<h[1-6][\s>]", notes),
        "images": count(r"<img\s") + count(r'class="image-placeholder"'),
        "links": count(r"<a\s[^>]*href=") - count(r'<a\s[^>]*href="#folio-(?:fn(?:ref)?|annote)-'),
        "tables": count(r"<table[\s>]"),
        "footnotes": count(r'<aside\s[^>]*epub:type="footnote"'),
        "callouts": count(r'<aside\s[^>]*class="callout\b'),
    }


def pdf_counts(path):
    """Counted in the PDF's structure tree, the table of contents left out
    (its title, its entries' links); a link counts when it owns an annotation."""
    objects = json.loads(run(["qpdf", "--json", "--json-key=qpdf", path]).stdout)["qpdf"][1]

    def value(ref):
        v = objects.get("obj:" + ref) if isinstance(ref, str) else None
        return v.get("value", v) if isinstance(v, dict) else None

    def elems(k):
        for r in k if isinstance(k, list) else [k]:
            v = value(r)
            if v and v.get("/Type") == "/StructElem":
                yield v

    kinds = collections.Counter()

    def walk(e):
        kids = list(elems(e.get("/K", [])))
        for i, v in enumerate(kids):
            s = v.get("/S", "")
            if s == "/TOC":
                continue
            if re.match(r"/H[1-6]?$", s):
                kinds["H"] += i + 1 == len(kids) or kids[i + 1].get("/S") != "/TOC"
            elif s == "/Link":
                annots = [value(r.get("/Obj")) for r in
                          (v["/K"] if isinstance(v.get("/K"), list) else [v.get("/K")])
                          if isinstance(r, dict) and r.get("/Type") == "/OBJR"]
                notes = [a for a in annots if str(a.get("/Dest")).startswith("u:folio-fn")]
                kinds["/Link"] += bool(annots) and not notes
            elif s == "/Note":
                kinds["footnote"] += str(v.get("/ID", "")).startswith("u:footnote-")
            else:
                kinds[s] += 1
            walk(v)

    for root in objects.values():
        root = root.get("value", root) if isinstance(root, dict) else root
        if isinstance(root, dict) and root.get("/Type") == "/StructTreeRoot":
            walk(root)
    return {
        "headings": kinds["H"],
        "images": kinds["/Figure"],
        "links": kinds["/Link"],
        "tables": kinds["/Table"],
        "footnotes": kinds["footnote"],
        "callouts+details": kinds["/Div"],
    }


# warnings that say a whole block is left out
DROPS = re.compile(r"footnote \[\^[^\]]*\] is defined twice")


def warnings_of(stderr):
    """The (file, line)s warned about, and those of blocks left out."""
    at, dropped = set(), set()
    for l in stderr.decode().splitlines():
        m = re.match(r"(.*?):(\d+):(?:\d+:)? warning: (.*)", l)
        if m:
            where = (os.path.abspath(m.group(1)), int(m.group(2)))
            at.add(where)
            if DROPS.match(m.group(3)):
                dropped.add(where)
    return at, dropped


def check(folio, outdir, name, src):
    """The failures of one source."""
    dump = run([folio, "dump", "--json", "--fix-encoding", src])
    if dump.returncode != 0:
        return ["%s: folio dump exited %d" % (src, dump.returncode)]
    outs, (warnings, dropped) = {}, warnings_of(dump.stderr)
    unprintable = set()  # characters no bundled font has: the PDF leaves them out, said so
    for fmt in ("pdf", "epub"):
        outs[fmt] = os.path.join(outdir, name + "." + fmt)
        r = run([folio, "--fix-encoding", "--drafts", src, "-o", outs[fmt]])
        if r.returncode != 0:
            return ["%s: folio -o .%s exited %d" % (src, fmt, r.returncode)]
        warnings |= warnings_of(r.stderr)[0]
        unprintable |= {chr(int(c, 16)) for c in re.findall(
            r"warning: unprintable character U\+([0-9A-F]+)", r.stderr.decode())}
    failures = []
    ref, code = reference(src, warnings, dropped)
    xhtml = epub_chapters(outs["epub"])
    pdftext = run(["pdftotext", "-raw", "-enc", "UTF-8", outs["pdf"], "-"]).stdout.decode()
    # -raw reads the page in its drawing order, a character a line where
    # that order goes right to left (Arabic, Hebrew); without it pdftotext
    # puts each right-to-left run's characters in logical order
    ordered = run(["pdftotext", "-enc", "UTF-8", outs["pdf"], "-"]).stdout.decode()
    got_pdf = pdf_words(pdftext) | pdf_words(ordered)
    for where, lost in (("EPUB", lost_words(ref, code, epub_words(xhtml))),
                        ("PDF", lost_words(ref, code, got_pdf, run_together(pdftext)))):
        if where == "PDF":
            lost = [w for w in lost if not unprintable & set(w)]
        if lost:
            failures.append("%s: the %s lost %d words: %s" %
                            (src, where, len(lost), ", ".join(lost)))
    # links the book keeps as text (a site page with no address known)
    book = run([folio, "dump", "--book", "--fix-encoding", src]).stdout.decode()
    unlinked = len(re.findall(r'(?m)^  link ".*" text$', book))
    model = model_counts(json.loads(dump.stdout), unlinked)
    for where, got in (("EPUB", epub_counts(xhtml)), ("PDF", pdf_counts(outs["pdf"]))):
        for what, n in got.items():
            if n != model[what]:
                failures.append("%s: %s: the model has %d, the %s %d" %
                                (src, what, model[what], where, n))
    return failures


def main():
    folio, outdir = sys.argv[1:3]
    os.makedirs(outdir, exist_ok=True)
    failures = []
    for i, src in enumerate(sys.argv[3:]):
        name = "noloss-%d-%s" % (i, os.path.basename(os.path.dirname(os.path.abspath(src))))
        failures += check(folio, outdir, name, src)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The logical structure of a PDF made by folio (a tagged PDF, with PDF/UA's
rules as far as they apply), checked from the file alone:

  structure.py FOLIO OUTDIR NAME [--golden TREE] [--lang-part LANG] [--across]
               SOURCE... [-- FOLIO_OPTION...]

- marked content: on every page, every painting operator is inside a
  sequence with an MCID or inside an /Artifact, never both (no MCID inside
  an artifact, no artifact inside tagged content); MCIDs are unique on
  their page;
- the tree: StructTreeRoot holds one Document; every element is a standard
  type whose /P is its parent; every MCID of every page is in the tree
  exactly once, and the tree names no MCID a page lacks; the ParentTree
  gives each page's MCIDs their elements and each link annotation its
  Link element, and nothing else;
- nesting: L > LI > Lbl, LBody; Table > TR > TH, TD with TH's /Scope;
  TOC > TOCI; every Link annotation is held (/OBJR) by one Link element
  and gives what it leads to in /Contents;
- headings: the first is H1 and none skips a level;
- figures: /Alt, and a /BBox inside the page; formulas: /Alt;
- notes: a unique /ID; a note that a reference refers to (/Ref) comes
  right after the paragraph (or table) holding the reference, whose link
  leads to the page where the note is printed; the note's number is a
  Link back (/Ref to the reference) leading to the reference's page;
- reading order in the content streams (what `pdftotext -raw` reads): on a
  page the pieces of one paragraph (heading, cell, label…) are one run,
  not interleaved with others', and the notes come after everything else;
- languages: an element's /Lang only where the language changes
  (--lang-part LANG: some Art element is in LANG);
- --across: some paragraph is one P across a page break, with its note
  right after it (not between its pieces);
- --golden TREE: the tree (types and attributes; no pages, no counts, so
  that pagination may change) is the file's (UPDATE=1 rewrites it).
"""
import os
import re
import sys

from checking import Pdf, convert, fail, failures, run, text

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}
# what may hold what (ISO 32000-1 14.8.4.3)
CHILDREN = {
    "L": {"LI", "Caption", "L"},
    "LI": {"Lbl", "LBody"},
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"},
    "TR": {"TH", "TD"},
    "TOC": {"TOCI", "TOC", "Caption"},
}
PARENTS = {"LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"}, "TR": {"Table", "THead", "TBody", "TFoot"},
           "TH": {"TR"}, "TD": {"TR"}, "TOCI": {"TOC"}}
# the elements whose text is read as one run (a paragraph, a cell…)
BLOCKS = {"P", "H1", "H2", "H3", "H4", "H5", "H6", "Code", "Caption", "TD", "TH", "Lbl", "Note",
          "Figure", "TOCI", "Formula"}
PAINT = {b"Tj", b"TJ", b"'", b'"', b"Do", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S",
         b"s", b"sh", b"EI"}
WS = b" \t\r\n\f\0"
DELIM = b"()<>[]{}/%"


def tokens(data):
    """The tokens of a content stream: ('op', word), ('name', n), ('num', x),
    ('str', bytes), and '<<', '>>', '[', ']'."""
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c in WS:
            i += 1
        elif c == 0x25:  # %
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif c == 0x28:  # (
            depth, j = 0, i
            while j < n:
                if data[j] == 0x5c:
                    j += 1
                elif data[j] == 0x28:
                    depth += 1
                elif data[j] == 0x29:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            yield ("str", data[i + 1:j])
            i = j + 1
        elif data.startswith(b"<<", i) or data.startswith(b">>", i):
            yield data[i:i + 2].decode()
            i += 2
        elif c == 0x3c:  # <
            j = data.index(b">", i)
            yield ("str", bytes.fromhex(re.sub(rb"\s", b"", data[i + 1:j]).decode()))
            i = j + 1
        elif c in b"[]":
            yield chr(c)
            i += 1
        elif c == 0x2f:  # /
            j = i + 1
            while j < n and data[j] not in WS and data[j] not in DELIM:
                j += 1
            yield ("name", data[i + 1:j].decode("latin-1"))
            i = j
        else:
            j = i
            while j < n and data[j] not in WS and data[j] not in DELIM:
                j += 1
            word = data[i:j]
            if j == i:
                raise ValueError("stray %r at %d" % (chr(c), i))
            i = j
            if re.fullmatch(rb"[+-]?(\d+\.?\d*|\.\d+)", word):
                yield ("num", float(word))
            elif word in (b"true", b"false", b"null"):
                yield ("num", word)
            else:
                yield ("op", word)
                if word == b"ID":  # inline image data, up to EI
                    k = i + 1
                    while not (data.startswith(b"EI", k) and data[k - 1] in WS):
                        k += 1
                    i = k
                    yield ("op", b"EI")
                    i += 2


def operands(toks):
    """(operator, operands) pairs, dictionaries and arrays as Python's."""
    stack = []
    for t in toks:
        if t in ("<<", "["):
            stack.append(t)
        elif t in (">>", "]"):
            k = len(stack) - 1 - stack[::-1].index("<<" if t == ">>" else "[")
            items = stack[k + 1:]
            del stack[k:]
            stack.append(dict(zip(items[::2], items[1::2])) if t == ">>" else items)
        elif t[0] == "op":
            yield t[1], stack
            stack = []
        else:
            stack.append(t[1] if t[0] != "name" else "/" + t[1])


class Page:
    def __init__(self, pdf, ref, index):
        self.ref, self.index = ref, index
        self.obj = pdf.get(ref)
        contents = self.obj.get("/Contents")
        refs = contents if isinstance(contents, list) else [contents]
        self.data = b"\n".join(pdf.data(r) for r in refs if r)
        self.mcids = []  # in content order


def read_marked_content(page):
    where = "page %d" % (page.index + 1)
    stack = []  # ('mcid', n) | ('artifact',) | ('other',)
    try:
        for op, args in operands(tokens(page.data)):
            if op in (b"BDC", b"BMC"):
                props = args[1] if op == b"BDC" and len(args) > 1 else {}
                tag = args[0] if args else None
                if tag == "/Artifact":
                    if any(s[0] == "mcid" for s in stack):
                        fail("%s: an artifact inside tagged content" % where)
                    stack.append(("artifact",))
                elif isinstance(props, dict) and "/MCID" in props:
                    m = int(props["/MCID"])
                    if any(s[0] in ("mcid", "artifact") for s in stack):
                        fail("%s: MCID %d inside an artifact or tagged content" % (where, m))
                    if m in page.mcids:
                        fail("%s: MCID %d twice" % (where, m))
                    page.mcids.append(m)
                    stack.append(("mcid", m))
                else:
                    stack.append(("other",))
            elif op == b"EMC":
                if not stack:
                    return fail("%s: EMC without BDC/BMC" % where)
                stack.pop()
            elif op in PAINT and not any(s[0] in ("mcid", "artifact") for s in stack):
                fail("%s: %s painted outside tagged content and artifacts" % (where, op.decode()))
        if stack:
            fail("%s: marked content left open" % where)
    except (ValueError, IndexError) as e:
        fail("%s: content stream unreadable: %s" % (where, e))


class Elem:
    def __init__(self, ref, obj, parent):
        self.ref, self.obj, self.parent = ref, obj, parent
        self.type = obj.get("/S", "")[1:]
        self.kids = []      # Elem, ('mcr', page_index, mcid) or ('objr', annot_ref)


def build_tree(pdf, pages):
    by_ref = {p.ref: p for p in pages}
    cat = pdf.get(pdf.trailer["/Root"])
    root = pdf.get(cat.get("/StructTreeRoot"))
    if not root:
        fail("no structure tree")
        return None, [], root
    top = root.get("/K")
    top = top if isinstance(top, list) else [top]
    if len(top) != 1 or (pdf.get(top[0]) or {}).get("/S") != "/Document":
        fail("StructTreeRoot /K is not one Document: %r" % top)
    order, seen = [], set()

    def walk(ref, parent, depth):
        obj = pdf.get(ref)
        if not isinstance(ref, str) or ref in seen or depth > 200:
            return fail("element %r met twice, not indirect or too deep" % ref)
        seen.add(ref)
        e = Elem(ref, obj, parent)
        order.append(e)
        if obj.get("/Type", "/StructElem") != "/StructElem":
            fail("%s has /Type %s" % (ref, obj.get("/Type")))
        if e.type not in STANDARD:
            fail("%s: non-standard type %s" % (ref, e.type))
        want_parent = parent.ref if parent else cat.get("/StructTreeRoot")
        if obj.get("/P") != want_parent:
            fail("%s (%s): /P %r, not its parent %r" % (ref, e.type, obj.get("/P"), want_parent))
        kids = obj.get("/K", [])
        for k in kids if isinstance(kids, list) else [kids]:
            if isinstance(k, (int, float)):
                page = by_ref.get(obj.get("/Pg"))
                if not page:
                    fail("%s: MCID %r without a page" % (ref, k))
                    continue
                e.kids.append(("mcr", page.index, int(k)))
                continue
            d = pdf.get(k)
            if isinstance(d, dict) and d.get("/Type") == "/MCR":
                page = by_ref.get(d.get("/Pg") or obj.get("/Pg"))
                if not page:
                    fail("%s: MCR without a page" % ref)
                    continue
                e.kids.append(("mcr", page.index, int(d["/MCID"])))
            elif isinstance(d, dict) and d.get("/Type") == "/OBJR":
                e.kids.append(("objr", d.get("/Obj"), d.get("/Pg")))
            elif isinstance(d, dict) and "/S" in d:
                child = walk(k, e, depth + 1)
                if child:
                    e.kids.append(child)
            else:
                fail("%s: kid %r is no element, MCR or OBJR" % (ref, k))
        return e

    doc = walk(top[0], None, 0) if top else None
    return doc, order, root


def number_tree(pdf, node, out, depth=0):
    node = pdf.get(node) or {}
    nums = node.get("/Nums", [])
    for k, v in zip(nums[::2], nums[1::2]):
        out[k] = v
    for kid in node.get("/Kids", []) if depth < 20 else []:
        number_tree(pdf, kid, out, depth + 1)
    return out


def check_ids(pdf, pages, order, root):
    """MCIDs, the ParentTree and link annotations against the tree."""
    owner = {}
    for e in order:
        for k in e.kids:
            if isinstance(k, tuple) and k[0] == "mcr":
                if k[1:] in owner:
                    fail("page %d MCID %d is in the tree twice" % (k[1] + 1, k[2]))
                owner[k[1:]] = e
    content = {(p.index, m) for p in pages for m in p.mcids}
    for key in sorted(content - set(owner)):
        fail("page %d MCID %d is not reachable from the tree" % (key[0] + 1, key[1]))
    for key in sorted(set(owner) - content):
        fail("the tree names page %d MCID %d, which the page lacks" % (key[0] + 1, key[1]))
    parents = number_tree(pdf, root.get("/ParentTree"), {})
    used = set()
    for p in pages:
        if not p.mcids:
            continue
        k = p.obj.get("/StructParents")
        arr = pdf.get(parents.get(k)) if k is not None else None
        if not isinstance(arr, list):
            fail("page %d: no ParentTree array (/StructParents %r)" % (p.index + 1, k))
            continue
        used.add(k)
        for m in p.mcids:
            e = owner.get((p.index, m))
            if m >= len(arr) or not e or arr[m] != e.ref:
                fail("page %d: ParentTree[%r][%d] is not the element holding MCID %d"
                     % (p.index + 1, k, m, m))
        if len(arr) != len(p.mcids):
            fail("page %d: ParentTree array of %d for %d MCIDs" % (p.index + 1, len(arr), len(p.mcids)))
    holder = {}
    for e in order:
        for k in e.kids:
            if isinstance(k, tuple) and k[0] == "objr":
                holder[k[1]] = e
                if e.type != "Link":
                    fail("%s holds an annotation (/OBJR) but is %s" % (e.ref, e.type))
    for p in pages:
        for a in p.obj.get("/Annots") or []:
            annot = pdf.get(a)
            if annot.get("/Subtype") != "/Link":
                continue
            e = holder.get(a)
            k = annot.get("/StructParent")
            if not e:
                fail("page %d: link annotation %s is in no Link element" % (p.index + 1, a))
            elif parents.get(k) != e.ref:
                fail("link annotation %s: /StructParent %r does not lead to its Link" % (a, k))
            else:
                used.add(k)
            if not text(annot.get("/Contents")):
                fail("link annotation %s without /Contents" % a)
            if p.obj.get("/Tabs") != "/S":
                fail("page %d has annotations but no /Tabs /S" % (p.index + 1))
    if set(parents) - used:
        fail("ParentTree keys %r lead nowhere" % sorted(set(parents) - used))
    nxt = root.get("/ParentTreeNextKey")
    if parents and (not isinstance(nxt, int) or nxt <= max(parents)):
        fail("ParentTreeNextKey %r" % nxt)
    return owner


def check_nesting(order):
    for e in order:
        types = [k.type for k in e.kids if isinstance(k, Elem)]
        allowed = CHILDREN.get(e.type)
        if allowed is not None:
            bad = [t for t in types if t not in allowed]
            if bad or any(isinstance(k, tuple) and k[0] == "mcr" for k in e.kids):
                fail("%s holds %s" % (e.type, bad or "content directly"))
        want = PARENTS.get(e.type)
        if want and (not e.parent or e.parent.type not in want):
            fail("%s inside %s" % (e.type, e.parent.type if e.parent else None))
        if e.type == "LI" and types[:1] != ["Lbl"] and "Lbl" in types:
            fail("LI: Lbl after LBody")
        if e.type == "TH":
            attrs = e.obj.get("/A")
            attrs = attrs if isinstance(attrs, list) else [attrs]
            if not any(isinstance(a, dict) and a.get("/O") == "/Table" and
                       a.get("/Scope") in ("/Row", "/Column", "/Both") for a in attrs):
                fail("TH without /Scope")
        if e.type == "Link" and not any(isinstance(k, tuple) and k[0] == "objr" for k in e.kids):
            fail("%s: Link without its annotation" % e.ref)


def check_headings(order):
    last = 0
    for e in order:
        m = re.fullmatch(r"H([1-6])", e.type)
        if not m:
            continue
        level = int(m.group(1))
        if level > last + 1:
            fail("heading %s after H%d skips a level" % (e.type, last))
        last = level


def first_page(e):
    for k in e.kids:
        if isinstance(k, tuple) and k[0] == "mcr":
            return k[1]
        if isinstance(k, Elem):
            p = first_page(k)
            if p is not None:
                return p
    return None


def check_figures(pages, order):
    for e in order:
        if e.type == "Formula" and not text(e.obj.get("/Alt")):
            fail("a Formula without /Alt")
        if e.type != "Figure":
            continue
        if not text(e.obj.get("/Alt")):
            fail("a Figure without /Alt")
        attrs = e.obj.get("/A")
        attrs = attrs if isinstance(attrs, list) else [attrs]
        box = next((a.get("/BBox") for a in attrs if isinstance(a, dict) and "/BBox" in a), None)
        page = first_page(e)
        if not box or page is None:
            fail("Figure %r without /BBox" % text(e.obj.get("/Alt")))
            continue
        mx = pages[page].obj.get("/MediaBox")
        if not (len(box) == 4 and mx[0] <= box[0] < box[2] <= mx[2] and mx[1] <= box[1] < box[3] <= mx[3]):
            fail("Figure /BBox %r outside the page %r" % (box, mx))


def subtree(e):
    yield e
    for k in e.kids:
        if isinstance(k, Elem):
            yield from subtree(k)


def named_dests(pdf, cat):
    out = {}
    names = (pdf.get(cat.get("/Names")) or {}).get("/Dests")

    def walk(node, depth=0):
        node = pdf.get(node) or {}
        items = node.get("/Names", [])
        for k, v in zip(items[::2], items[1::2]):
            v = pdf.get(v)
            out[text(k)] = v.get("/D") if isinstance(v, dict) else v
        for kid in node.get("/Kids", []) if depth < 20 else []:
            walk(kid, depth + 1)
    walk(names)
    for k, v in (pdf.get(cat.get("/Dests")) or {}).items():
        out[k[1:]] = v
    return out


def check_notes(pdf, pages, order):
    cat = pdf.get(pdf.trailer["/Root"])
    dests = named_dests(pdf, cat)
    page_of = {p.ref: p.index for p in pages}
    ids = {}
    for e in order:
        if "/ID" in e.obj:
            if text(e.obj["/ID"]) in ids:
                fail("/ID %r twice" % text(e.obj["/ID"]))
            ids[text(e.obj["/ID"])] = e
        if e.type == "Note" and "/ID" not in e.obj:
            fail("a Note without /ID")
    by_ref = {e.ref: e for e in order}

    def dest_page(link):
        for k in link.kids:
            if isinstance(k, tuple) and k[0] == "objr":
                d = pdf.get(k[1]).get("/Dest")
                d = dests.get(text(d), d) if isinstance(d, str) else d
                return page_of.get(d[0]) if d else None
    for link in order:
        for target in link.obj.get("/Ref") or []:
            note = by_ref.get(target)
            if link.type == "Link" and link.parent.type == "Note" and note and note.type == "Link":
                # a note's number leads back to its reference
                if link.parent.ref not in (note.obj.get("/Ref") or []):
                    fail("a note's back link refers to a Link that does not refer to the note")
                if dest_page(link) != first_page(note):
                    fail("a note's back link leads to page %r, its reference is on page %r"
                         % (dest_page(link), first_page(note)))
                continue
            if not note or note.type != "Note":
                fail("%s refers (/Ref) to %r, not a Note" % (link.type, target))
                continue
            back = [k for k in note.kids if isinstance(k, Elem)][:1]
            if not back or back[0].type != "Link" or link.ref not in (back[0].obj.get("/Ref") or []):
                fail("note %s does not begin with a link back to its reference"
                     % text(note.obj.get("/ID")))
            sibs = note.parent.kids
            i = sibs.index(note) - 1
            while i >= 0 and isinstance(sibs[i], Elem) and sibs[i].type == "Note":
                i -= 1
            if i < 0 or not isinstance(sibs[i], Elem) or link not in subtree(sibs[i]):
                fail("Note %s is not right after the text that refers to it"
                     % text(note.obj.get("/ID")))
            if dest_page(link) != first_page(note):
                fail("the reference to note %s leads to page %r, the note is on page %r"
                     % (text(note.obj.get("/ID")), dest_page(link), first_page(note)))


def block_of(e):
    """The outermost paragraph-like element holding e (a paragraph, not
    the formula or link inside it)."""
    block = None
    while e:
        if e.type in BLOCKS:
            block = e
        e = e.parent
    return block


def check_content_order(pages, owner):
    for p in pages:
        seq = [block_of(owner[(p.index, m)]) for m in p.mcids if (p.index, m) in owner]
        done, prev, in_notes = set(), None, False
        for b in seq:
            if b is not prev:
                if b in done:
                    fail("page %d: the content of a %s is split by another's" % (p.index + 1, b.type))
                if prev is not None:
                    done.add(prev)
                prev = b
            is_note = b is not None and b.type == "Note"
            if in_notes and not is_note:
                fail("page %d: %s content after the page's notes" % (p.index + 1, b and b.type))
            in_notes |= is_note


def check_lang(pdf, order, lang_part):
    cat = pdf.get(pdf.trailer["/Root"])
    primary = lambda l: (l or "").split("-")[0].split("_")[0].lower()
    for e in order:
        if "/Lang" not in e.obj:
            continue
        outer, p = text(cat.get("/Lang")), e.parent
        while p:
            if "/Lang" in p.obj:
                outer = text(p.obj["/Lang"])
                break
            p = p.parent
        if primary(text(e.obj["/Lang"])) == primary(outer):
            fail("%s /Lang %r says nothing new (%r around it)" % (e.type, text(e.obj["/Lang"]), outer))
    if lang_part and not any(e.type == "Art" and primary(text(e.obj.get("/Lang"))) == lang_part
                             for e in order):
        fail("no Art element in %s" % lang_part)


def check_across(order):
    for e in order:
        pages = {k[1] for k in e.kids if isinstance(k, tuple) and k[0] == "mcr"}
        sibs = e.parent.kids if e.parent else []
        nxt = sibs[sibs.index(e) + 1] if e in sibs and sibs.index(e) + 1 < len(sibs) else None
        if e.type == "P" and len(pages) > 1 and isinstance(nxt, Elem) and nxt.type == "Note":
            return
    fail("no P across a page break followed by its note")


def describe(pdf, order, by_ref):
    lines = []
    depth = {}
    for e in order:
        depth[e.ref] = depth[e.parent.ref] + 1 if e.parent else 0
        attrs = []
        for key in ("/Lang", "/Alt", "/ActualText", "/ID"):
            if key in e.obj:
                attrs.append("%s=%r" % (key[1:], text(e.obj[key])))
        for t in e.obj.get("/Ref") or []:
            target = by_ref.get(t)
            if target and "/ID" in target.obj:
                attrs.append("Ref=%r" % text(target.obj["/ID"]))
            else:  # a back link: to the reference of a note
                ids = [text(by_ref[r].obj.get("/ID")) for r in (target.obj.get("/Ref") or [])
                       if r in by_ref] if target else []
                attrs.append("Ref=reference-of-%s" % ",".join(ids or ["?"]))
        a = e.obj.get("/A")
        for d in a if isinstance(a, list) else [a] if a else []:
            if "/Scope" in d:
                attrs.append("Scope=" + d["/Scope"][1:])
            if "/BBox" in d:
                attrs.append("BBox")
        if any(isinstance(k, tuple) and k[0] == "objr" for k in e.kids):
            attrs.append("annotation")
        if any(isinstance(k, tuple) and k[0] == "mcr" for k in e.kids):
            attrs.append("content")
        lines.append("  " * depth[e.ref] + " ".join([e.type] + attrs))
    return "\n".join(lines) + "\n"


def main():
    args = sys.argv[1:]
    golden = lang_part = None
    across = False
    head, rest = args[:3], args[3:]
    while rest and rest[0] in ("--golden", "--lang-part", "--across"):
        if rest[0] == "--across":
            across = True
            rest = rest[1:]
            continue
        if rest[0] == "--golden":
            golden = rest[1]
        else:
            lang_part = rest[1]
        rest = rest[2:]
    converted = convert(head + rest)
    if not converted:
        return 1
    folio, path, sources, extra = converted
    pdf = Pdf(path)
    cat = pdf.get(pdf.trailer["/Root"])
    pages = [Page(pdf, ref, i) for i, ref in enumerate(pdf.pages())]
    for p in pages:
        read_marked_content(p)
    doc, order, root = build_tree(pdf, pages)
    if not doc:
        return 1
    if (pdf.get(cat.get("/MarkInfo")) or {}).get("/Marked") is not True:
        fail("no /MarkInfo /Marked true")
    owner = check_ids(pdf, pages, order, root)
    check_nesting(order)
    check_headings(order)
    check_figures(pages, order)
    check_notes(pdf, pages, order)
    check_content_order(pages, owner)
    check_lang(pdf, order, lang_part)
    if across:
        check_across(order)
    if golden:
        got = describe(pdf, order, {e.ref: e for e in order})
        if os.environ.get("UPDATE") == "1":
            open(golden, "w").write(got)
        elif got != open(golden).read():
            import difflib
            fail("the tree differs from %s:\n%s" % (golden, "".join(difflib.unified_diff(
                open(golden).read().splitlines(True), got.splitlines(True), golden, path))))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

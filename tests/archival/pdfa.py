#!/usr/bin/env python3
"""An archival PDF made by folio, checked against the PDF/A rules it claims:

  pdfa.py FOLIO OUTDIR NAME SOURCE... [-- FOLIO_OPTION...]

The options decide the part: --attach-source gives a PDF/A-3b, else
--pdfa (or a style saying pdfa: true) a PDF/A-2b.
- qpdf --check is clean (no error, no warning);
- the catalog has /Metadata, unfiltered, whose XMP says pdfaid:part 2
  (3) and conformance B, /OutputIntents with a GTS_PDFA1 intent whose ICC profile
  stream has /N 3, /Lang, /MarkInfo /Marked true;
- the trailer has an /ID of two equal strings;
- XMP and Info agree: dc:title = Title, dc:creator = Author,
  dc:description = Subject, pdf:Keywords = Keywords, xmp:CreatorTool =
  Creator, pdf:Producer = Producer, xmp:CreateDate = CreationDate,
  xmp:ModifyDate = ModDate (same instant);
- every annotation has /F with the print flag and without hidden ones,
  an appearance unless a link; every link annotation has /Contents (its
  URI or destination);
- 6.1.13's limits: no string longer than 32767 bytes, no name longer than
  127, integers on 32 bits, reals within 3.403e38, at most 8388607
  objects, q nested 28 deep at most;
- no encryption, JavaScript, /Interpolate true, CIDFontType2 without
  /CIDToGIDMap, transparency group without /CS, "endstream" without an end
  of line before it; every font embedded (pdffonts);
- colour (6.2.4.3): images, shadings and colour-space resources in
  DeviceRGB, DeviceGray (the sRGB output intent covers both), an ICC
  profile of 1 or 3 components, or an Indexed or Pattern space over
  these; no CMYK operator (k, K) in any content stream; every page and
  form with its own /Resources (6.2.2);
- no text shows the .notdef glyph (6.2.11.8; CID 0 of cairo's subsets);
  no inline image interpolated or LZW-compressed (6.1.10);
- every Figure of the structure tree has a non-empty /Alt;
- PDF/A-3: pdfdetach -list shows each file the sources draw on (source,
  includes, _variables.yml, bibliography: `folio dump --json` lists them)
  and the style file, in a compilation each source under its issue's
  name; extracted, each is byte for byte the original; the EmbeddedFiles
  name tree lists them in order; each file spec has /F, /UF, /AFRelationship
  /Source and is in the catalog's /AF; each EmbeddedFile has its MIME type
  as /Subtype and /Params /Size and /CheckSum (MD5) of its bytes;
- Apache PDFBox Preflight, a PDF/A-1b validator, finds only what PDF/A-1
  forbids and PDF/A-2 allows (ALLOWED below): transparency, no CIDSet nor
  CharSet, the part number, and for a PDF/A-3 the embedded files; and it
  does find that the part is not 1.
"""
import datetime
import hashlib
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

from checking import Pdf, convert, fail, failures, run, text
from structure import operands, tokens

PREFLIGHT_JARS = ["preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging",
                  "javax.activation", "jaxb-api"]
# (code, message start): the findings of a PDF/A-1b validator that PDF/A-2
# allows (ISO 19005-2 admits transparency, soft masks and constant alpha;
# it makes CIDSet optional; the part is 2 or 3)
ALLOWED = [
    ("2.2.1", "Invalid graphics transparency, Group has a transparency S entry"),
    ("2.2.2", "Invalid graphics transparency, Soft Mask must be null or None"),
    ("4.1.2", "Transparency error, CA entry in a ExtGState is invalid"),
    ("4.1.2", "Transparency error, ca entry in a ExtGState is invalid"),
    ("3.1.11", "Invalid Font definition, ", "The CIDSet entry is missing for the Composite Subset"),
    # a Type 1 (CFF) subset's CharSet is optional too (6.2.11.4.2): the math font
    ("3.1.4", "Invalid Font definition, ", "The Charset entry is missing for the Type1 Subset"),
    ("7.11.2", "Error on MetaData, part must be 1"),
]
# and, for a PDF/A-3, the embedded files that only PDF/A-3 allows
ALLOWED_A3 = [
    ("1.4.7", "Trailer Syntax error, EmbeddedFile entry is present in the Names dictionary"),
    ("1.2.9", "Body Syntax error, EmbeddedFile entry is present in a FileSpecification dictionary"),
]
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}




def info_instant(s):
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'\d\d'?)?", s or "")
    if not m:
        return None
    t = datetime.datetime(*map(int, m.groups()[:6]), tzinfo=datetime.timezone.utc)
    z = m.group(7)
    if z and z != "Z":
        off = datetime.timedelta(hours=int(z[1:3]), minutes=int(z[4:6]))
        t -= off if z[0] == "+" else -off
    return t


def xmp_instant(s):
    try:
        return datetime.datetime.fromisoformat((s or "").replace("Z", "+00:00"))
    except ValueError:
        return None


def check_xmp(pdf, cat, part):
    meta = cat.get("/Metadata")
    if not meta:
        return fail("no /Metadata in the catalog")
    packet = pdf.data(meta)
    if packet not in open(pdf.path, "rb").read():
        fail("the XMP packet is not in the file as is: a filtered metadata stream (6.6.2.1)")
    root = ET.fromstring(packet)
    desc = root.find(".//rdf:Description", NS)

    def one(path):
        e = desc.find(path, NS)
        return e.text if e is not None else None
    if one("pdfaid:part") != str(part) or one("pdfaid:conformance") != "B":
        fail("XMP says part %s conformance %s" % (one("pdfaid:part"), one("pdfaid:conformance")))
    info = pdf.get(pdf.trailer.get("/Info")) or {}
    pairs = [("/Title", "dc:title/rdf:Alt/rdf:li"), ("/Author", "dc:creator/rdf:Seq/rdf:li"),
             ("/Subject", "dc:description/rdf:Alt/rdf:li"), ("/Keywords", "pdf:Keywords"),
             ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")]
    for key, path in pairs:
        if text(info.get(key)) != one(path):
            fail("Info %s %r but XMP %s %r" % (key, text(info.get(key)), path, one(path)))
    if one("dc:language/rdf:Bag/rdf:li") != text(cat.get("/Lang")):
        fail("XMP dc:language %r but /Lang %r" % (one("dc:language/rdf:Bag/rdf:li"),
                                                 text(cat.get("/Lang"))))
    if len(desc.findall("dc:creator/rdf:Seq/rdf:li", NS)) > 1:
        fail("dc:creator has more than the one Author entry")
    for key, path in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        a, b = info_instant(text(info.get(key))), xmp_instant(one(path))
        if a is None or a != b:
            fail("Info %s %r but XMP %s %r" % (key, info.get(key), path, one(path)))
    if not one("dc:title/rdf:Alt/rdf:li"):
        fail("no dc:title")


def check_catalog(pdf, cat, part):
    check_xmp(pdf, cat, part)
    intents = [pdf.get(i) for i in pdf.get(cat.get("/OutputIntents")) or []]
    gts = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if len(gts) != 1:
        fail("%d GTS_PDFA1 output intents" % len(gts))
    else:
        icc = pdf.stream(gts[0]["/DestOutputProfile"])
        if icc["dict"].get("/N") != 3:
            fail("output intent profile /N %r" % icc["dict"].get("/N"))
        if pdf.data(gts[0]["/DestOutputProfile"])[36:40] != b"acsp":
            fail("output intent profile is not an ICC profile")
    if not text(cat.get("/Lang")):
        fail("no /Lang in the catalog")
    if (pdf.get(cat.get("/MarkInfo")) or {}).get("/Marked") is not True:
        fail("no /MarkInfo /Marked true")
    ids = pdf.trailer.get("/ID")
    if not ids or len(ids) != 2 or ids[0] != ids[1] or len(ids[0]) < 10:
        fail("trailer /ID %r" % ids)
    if "/Encrypt" in pdf.trailer:
        fail("encrypted")


def pdf_bytes(v):
    """The bytes a qpdf JSON v2 string or name stands for."""
    if v.startswith("b:"):
        return bytes.fromhex(v[2:])
    if v.startswith("u:"):
        t = v[2:]
        try:
            return t.encode("latin-1")  # qpdf writes it as PDFDocEncoding when it can
        except UnicodeEncodeError:
            return b"\xfe\xff" + t.encode("utf-16-be")
    return re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), v[1:]).encode()


def check_limits(pdf):
    """ISO 19005-2 6.1.13: no string over 32767 bytes, no name over 127."""
    def walk(v, ref):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(k, ref)
                walk(x, ref)
        elif isinstance(v, list):
            for x in v:
                walk(x, ref)
        elif isinstance(v, str) and v[:2] in ("u:", "b:") and len(pdf_bytes(v)) > 32767:
            fail("object %s has a string of %d bytes (PDF/A: 32767 at most)"
                 % (ref, len(pdf_bytes(v))))
        elif isinstance(v, str) and v.startswith("/") and len(pdf_bytes(v)) > 127:
            fail("object %s has a name of %d bytes (PDF/A: 127 at most)" % (ref, len(pdf_bytes(v))))
        elif isinstance(v, int) and not isinstance(v, bool) and not -2**31 <= v < 2**31:
            fail("object %s has the integer %d (PDF/A: 32 bits)" % (ref, v))
        elif isinstance(v, float) and abs(v) > 3.403e38:
            fail("object %s has the real %g (PDF/A: 3.403e38 at most)" % (ref, v))
    n = 0
    for ref, o in pdf.all():
        walk(o, ref)
        n += 1
    if n > 8388607:
        fail("%d indirect objects (PDF/A: 8388607 at most)" % n)


def check_objects(pdf):
    raw = open(pdf.path, "rb").read()
    if re.search(rb"[^\r\n]endstream", raw):
        fail("endstream without an end of line before it")
    for ref, o in pdf.all():
        if not isinstance(o, dict):
            continue
        if o.get("/Interpolate") is True:
            fail("object %s has /Interpolate true" % ref)
        if "/JS" in o or "/JavaScript" in o or o.get("/S") == "/JavaScript":
            fail("object %s has JavaScript" % ref)
        if o.get("/S") in ("/Launch", "/GoToR", "/ImportData"):
            fail("object %s has a %s action" % (ref, o.get("/S")))
        if o.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in o:
            fail("CIDFontType2 %s without /CIDToGIDMap" % ref)
        if o.get("/S") == "/Transparency" and "/CS" not in o:
            fail("transparency group %s without /CS" % ref)
        if o.get("/Type") == "/Annot" or o.get("/Subtype") in ("/Link", "/Widget"):
            flags = o.get("/F")
            if not isinstance(flags, int) or not flags & 4 or flags & (1 | 2 | 32):
                fail("annotation %s has /F %r" % (ref, flags))
            if o.get("/Subtype") == "/Link" and not text(o.get("/Contents")):
                fail("link annotation %s without /Contents" % ref)
            if o.get("/Subtype") not in ("/Link", "/Popup") and \
                    "/N" not in (pdf.get(o.get("/AP")) or {}):
                fail("annotation %s (%s) without an appearance /AP /N" % (ref, o.get("/Subtype")))
    for line in run(["pdffonts", pdf.path]).stdout.decode().splitlines()[2:]:
        if line.split()[-5:-4] != ["yes"]:
            fail("font not embedded: " + line)


def covered_space(pdf, cs, depth=0):
    """Whether colour space cs is one the sRGB output intent covers."""
    cs = pdf.get(cs)
    if cs in ("/DeviceRGB", "/DeviceGray", "/Pattern"):
        return True
    if not isinstance(cs, list) or not cs or depth > 5:
        return False
    if cs[0] == "/ICCBased":
        return pdf.stream(cs[1])["dict"].get("/N") in (1, 3)
    if cs[0] == "/Indexed" or (cs[0] == "/Pattern" and len(cs) > 1):
        return covered_space(pdf, cs[1], depth + 1)
    return False


def shows_notdef(font, args):
    """Whether a text-showing operator shows CID 0 (.notdef: cairo's subsets
    keep it at 0) in a composite font with 2-byte codes (Identity-H)."""
    if not font or font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
        return False
    strings = [a for a in args if isinstance(a, bytes)]
    strings += [x for a in args if isinstance(a, list) for x in a if isinstance(x, bytes)]
    return any(s[i:i + 2] == b"\0\0" for s in strings for i in range(0, len(s) - 1, 2))


def check_content(pdf):
    """Colour spaces, and what the content streams do: no CMYK, no
    .notdef glyph, q nested within 6.1.13's limit."""
    for ref, o in pdf.all():
        if not isinstance(o, dict):
            continue
        if o.get("/Subtype") == "/Image" and not o.get("/ImageMask"):
            if not covered_space(pdf, o.get("/ColorSpace")):
                fail("image %s in %r" % (ref, o.get("/ColorSpace")))
        if "/ShadingType" in o and not covered_space(pdf, o.get("/ColorSpace")):
            fail("shading %s in %r" % (ref, o.get("/ColorSpace")))
        for name, cs in (pdf.get((pdf.get(o.get("/Resources")) or {}).get("/ColorSpace"))
                         or {}).items():
            if not covered_space(pdf, cs):
                fail("colour space %s of %s is %r" % (name, ref, cs))
        if o.get("/Subtype") == "/Form" or o.get("/Type") == "/Page":
            if "/Resources" not in o:
                fail("%s has no /Resources of its own (6.2.2)" % ref)
            contents = o.get("/Contents", []) if o.get("/Type") == "/Page" else [ref]
            fonts = pdf.get((pdf.get(o.get("/Resources")) or {}).get("/Font")) or {}
            for c in contents if isinstance(contents, list) else [contents]:
                depth, font = 0, None
                for op, args in operands(tokens(pdf.data(c))):
                    if op == b"Tf" and args:
                        font = pdf.get(fonts.get(args[0])) or {}
                    elif op in (b"Tj", b"TJ", b"'", b'"') and shows_notdef(font, args):
                        fail("%s shows the .notdef glyph (6.2.11.8)" % ref)
                    elif op == b"ID":  # an inline image's dictionary (6.1.10)
                        image = dict(zip(args[::2], args[1::2]))
                        filters = {str(image.get(k)) for k in ("/F", "/Filter")}
                        if b"true" in (image.get("/I"), image.get("/Interpolate")) or \
                                {"/LZW", "/LZWDecode"} & filters:
                            fail("%s has an inline image with %r (6.1.10)" % (ref, image))
                    if op in (b"k", b"K"):
                        fail("%s paints in CMYK (%s)" % (ref, op.decode()))
                        break
                    depth += {b"q": 1, b"Q": -1}.get(op, 0)
                    if depth > 28:
                        fail("%s nests q deeper than 28 (6.1.13)" % ref)
                        break


def check_figures(pdf, cat):
    seen = set()

    def walk(v, depth=0):
        if depth > 500:
            return
        if isinstance(v, list):
            for c in v:
                walk(c, depth + 1)
            return
        key = v if isinstance(v, str) else None
        o = pdf.get(v)
        if not isinstance(o, dict) or "/S" not in o or key in seen:
            return
        seen.add(key)
        if o["/S"] == "/Figure" and not text(o.get("/Alt")):
            fail("a Figure without /Alt")
        walk(o.get("/K"), depth + 1)
    root = pdf.get(cat.get("/StructTreeRoot"))
    if not root:
        return fail("no structure tree")
    walk(root.get("/K"))


def check_attachments(pdf, cat, sources, extra):
    """Every file the sources draw on (`folio dump --json` lists them: the
    source, its includes, _variables.yml, bibliographies) and the style
    file, listed and extracted byte for byte; in a compilation, each
    source under its issue's name (its bundle's folder, else its stem)."""
    want = set()  # real paths
    for src in sources:
        files = json.loads(run([os.environ["FOLIO"], "dump", "--json", src]).stdout)["files"]
        if os.path.realpath(src) not in map(os.path.realpath, files):
            fail("folio dump --json does not list the source %s among its files %r" % (src, files))
        want |= set(map(os.path.realpath, files))
        # what the source itself says it draws on, whatever folio recorded
        written = open(src, encoding="utf-8", errors="replace").read()
        named = re.findall(r"^bibliography:\s*[\"']?([^\s\"']+)", written, re.M)
        if re.search(r"\{\{<\s*var\s", written):
            named.append("_variables.yml")
        for base in map(os.path.basename, named):
            if base not in map(os.path.basename, files):
                fail("%s draws on %s, which folio does not list among its files" % (src, base))
    if "--style" in extra:
        want.add(os.path.realpath(extra[extra.index("--style") + 1]))
    listing = run(["pdfdetach", "-list", pdf.path]).stdout.decode()
    listed = [re.sub(r"^\d+: ", "", l) for l in listing.splitlines()[1:]]
    bytes_of = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(listed, 1):
            out = os.path.join(tmp, "f%d" % i)
            run(["pdfdetach", "-save", str(i), "-o", out, pdf.path])
            bytes_of[name] = open(out, "rb").read()
    # each attachment is a wanted file of its name, byte for byte
    matched = set()
    for name, data in bytes_of.items():
        same = [p for p in want if os.path.basename(p) == os.path.basename(name)
                and open(p, "rb").read() == data]
        if not same:
            fail("attachment %s is none of the files the sources draw on, byte for byte" % name)
        matched |= set(same)
    for path in sorted(want - matched):
        fail("pdfdetach -list lacks %s: %r" % (path, listed))
    if len(sources) > 1:
        for src in sources:
            stem = os.path.splitext(os.path.basename(src))[0]
            key = os.path.basename(os.path.dirname(os.path.realpath(src))) \
                if stem == "index" else stem
            name = key + "/" + os.path.basename(src)
            if bytes_of.get(name) != open(src, "rb").read():
                fail("no attachment %s with the bytes of %s: %r" % (name, src, listed))
    tree = pdf.get((pdf.get(pdf.get(cat.get("/Names")) or {}).get("/EmbeddedFiles"))) or {}
    keys = [text(k) for k in (pdf.get(tree.get("/Names")) or [])[::2]]
    if sorted(keys) != keys or sorted(keys) != sorted(listed):
        fail("the EmbeddedFiles name tree's keys %r: not the files, or not in order" % keys)
    af = [pdf.get(a) for a in cat.get("/AF") or []]
    if len(af) != len(listed):
        fail("/AF has %d entries, %d files attached" % (len(af), len(listed)))
    for spec in af:
        if spec.get("/AFRelationship") != "/Source" or not spec.get("/F") or not spec.get("/UF"):
            fail("file spec %r lacks /F, /UF or /AFRelationship /Source" % spec)
        ef = (spec.get("/EF") or {}).get("/F")
        if not ef:
            fail("file spec without /EF /F")
            continue
        d = pdf.stream(ef)["dict"]
        body = pdf.data(ef)
        params = d.get("/Params") or {}
        if not re.match(r"/(text|application)#2F", d.get("/Subtype", "")) and \
                not re.match(r"/(text|application)/", d.get("/Subtype", "")):
            fail("EmbeddedFile /Subtype %r" % d.get("/Subtype"))
        if params.get("/Size") != len(body):
            fail("EmbeddedFile /Params /Size %r, %d bytes" % (params.get("/Size"), len(body)))
        if text(params.get("/CheckSum")) is None or \
                bytes.fromhex(params["/CheckSum"][2:]) != hashlib.md5(body).digest():
            fail("EmbeddedFile /Params /CheckSum is not the MD5 of its bytes")


def check_preflight(pdf, part):
    jars = [os.path.join("/usr/share/java", j + ".jar") for j in PREFLIGHT_JARS]
    missing = [j for j in jars if not os.path.exists(j)]
    if missing:
        return fail("Preflight needs %s (.ci/packages.txt)" % ", ".join(missing))
    p = run(["java", "-cp", ":".join(jars), "org.apache.pdfbox.preflight.Validator_A1b",
             pdf.path], ok=(0, 1, 255))
    findings = [l for l in p.stdout.decode(errors="replace").splitlines()
                if re.match(r"\d+(\.\d+)+ : ", l)]
    if not findings and p.returncode != 0:
        return fail("Preflight failed: " + p.stdout.decode(errors="replace")[-500:])
    saw_part, bad = False, 0
    for f in findings:
        code, msg = f.split(" : ", 1)
        ok = any(code == a[0] and msg.startswith(a[1]) and (len(a) < 3 or a[2] in msg)
                 for a in ALLOWED + (ALLOWED_A3 if part == 3 else []))
        if not ok:
            bad += 1
            if bad <= 10:
                fail("Preflight: " + f[:300])
        saw_part |= code == "7.11.2"
    if not saw_part:
        fail("Preflight did not read the PDF/A part from the XMP")


def main():
    converted = convert(sys.argv[1:])
    if not converted:
        return 1
    folio, path, sources, extra = converted
    os.environ["FOLIO"] = folio
    part = 3 if "--attach-source" in extra else 2
    run(["qpdf", "--check", path])
    pdf = Pdf(path)
    cat = pdf.get(pdf.trailer["/Root"])
    check_catalog(pdf, cat, part)
    check_objects(pdf)
    check_limits(pdf)
    check_content(pdf)
    check_figures(pdf, cat)
    if part == 3:
        check_attachments(pdf, cat, sources, extra)
    check_preflight(pdf, part)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""What the archival checks share: failures reported as they are found,
commands run with their failure reported, and the command line
CHECK FOLIO OUTDIR NAME SOURCE... [-- FOLIO_OPTION...] that converts the
sources to OUTDIR/NAME.pdf."""
import base64
import json
import os
import subprocess
import sys

# one list of failures with the PDF checks' (tests/pdf/parts.py uses both)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pdf"))
from pdftest import fail, failures  # noqa: E402,F401


def run(args, ok=(0,)):
    p = subprocess.run(args, capture_output=True)
    if p.returncode not in ok:
        fail("%s exited %d: %s" % (" ".join(args), p.returncode,
                                   (p.stdout + p.stderr).decode(errors="replace")[-800:]))
    return p


def convert(argv):
    """Converts as the command line says: (folio, pdf path, sources,
    folio options), or None when folio failed."""
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    folio, outdir, name = argv[:3]
    sources = argv[3:]
    pdf = os.path.join(outdir, name + ".pdf")
    run([folio] + sources + ["-o", pdf] + extra)
    return None if failures else (folio, pdf, sources, extra)


class Pdf:
    def __init__(self, path):
        self.path = path
        j = json.loads(run(["qpdf", "--json=2", "--json-stream-data=inline",
                            "--decode-level=generalized", path]).stdout)
        self.objs = j["qpdf"][1]
        self.trailer = self.objs["trailer"]["value"]

    def get(self, v):
        if isinstance(v, str) and v.endswith(" R"):
            o = self.objs.get("obj:" + v, {})
            return o.get("value", o.get("stream"))
        return v

    def stream(self, v):
        return self.objs["obj:" + v]["stream"]

    def data(self, v):
        return base64.b64decode(self.stream(v).get("data", ""))

    def pages(self):
        """The page objects' references, in order."""
        out = []

        def walk(ref, depth):
            node = self.get(ref) or {}
            if node.get("/Type") == "/Pages" and depth < 50:
                for kid in node.get("/Kids", []):
                    walk(kid, depth + 1)
            elif node.get("/Type") == "/Page":
                out.append(ref)
        walk(self.get(self.trailer["/Root"])["/Pages"], 0)
        return out

    def all(self):
        for k, o in self.objs.items():
            if k.startswith("obj:"):
                yield k[4:], o.get("value", o.get("stream", {}).get("dict"))


def text(v):
    """A qpdf JSON v2 string as text."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    return v

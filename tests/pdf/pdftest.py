"""What the PDF checks of tests/pdf share.

A check records each failure as it finds it (fail: printed at once, to
stderr, as "FAIL: ...") and goes on, so that one run says everything that
is wrong; `main` runs a check's function and exits 1 when anything failed.
A command that fails (folio, pdftotext, qpdf...: a non-zero exit, a crash,
no end within TIMEOUT seconds) is a failure too, with its stderr shown;
it stops the check (Stop), as what follows would read a file that is not
there. Helpers read the PDF as a reader's tools do: pdftotext (text, word
boxes), pdftoppm (grey pixels), qpdf, and folio's own `dump --layout`."""
import re
import subprocess
import sys

TIMEOUT = 300  # seconds a command may take (an ASan build is slow)
failures = []


class Stop(Exception):
    """A command failed: the checks after it would read nothing."""


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr, flush=True)


def run(args, ok=(0,), timeout=TIMEOUT, env=None, binary=False):
    """Runs args; returns the CompletedProcess, its output decoded as
    UTF-8 unless binary. An exit not in ok (or a timeout, or a missing
    command) is a failure that stops the check."""
    args = [str(a) for a in args]
    cmd = " ".join(args)
    try:
        p = subprocess.run(args, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        fail("%s: no end after %d s\n%s" % (cmd, timeout, tail(e.stderr or b"")))
        raise Stop() from None
    except OSError as e:
        fail("%s: %s" % (cmd, e))
        raise Stop() from None
    if not binary:
        p.stdout = p.stdout.decode("utf-8", "replace")
        p.stderr = p.stderr.decode("utf-8", "replace")
    if p.returncode not in ok:
        how = ("was killed by signal %d" % -p.returncode if p.returncode < 0
               else "exited %d" % p.returncode)
        fail("%s %s:\n%s" % (cmd, how, tail(p.stderr)))
        raise Stop()
    return p


def tail(err, size=2000):
    if isinstance(err, bytes):
        err = err.decode("utf-8", "replace")
    return err if len(err) <= size else "..." + err[-size:]


def out(args, **kw):
    """A command's standard output."""
    return run(args, **kw).stdout


def folio(binary, *args):
    """folio's stderr (its warnings) after a run that must succeed."""
    return run([binary] + list(args)).stderr


def pages_args(first, last):
    return (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])


def pdftotext(pdf, *opts, first=None, last=None):
    """The PDF's text (pdftotext OPTS, pages first to last)."""
    return out(["pdftotext"] + list(opts) + pages_args(first, last) + [pdf, "-"])


def words(pdf, first=None, last=None):
    """The words of the text layer with their boxes (pdftotext -bbox):
    [(word, (x0, y0, x1, y1))] in reading order, in points."""
    xml = pdftotext(pdf, "-bbox", first=first, last=last)
    return [(m.group(5), tuple(float(v) for v in m.group(1, 2, 3, 4))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        xml)]


def rendered_pages(pdf, dpi, colour, first=None, last=None):
    """The pages rendered by pdftoppm, in grey (-gray) or colour:
    [(width, rows)], each row the bytes of a line of pixels, one a pixel
    (0 black, 255 white) or three (r, g, b)."""
    depth, magic = (3, rb"P6") if colour else (1, rb"P5")
    args = ["pdftoppm", "-r", str(dpi)] + ([] if colour else ["-gray"])
    data = out(args + pages_args(first, last) + [pdf], binary=True)
    header = re.compile(magic + rb"\s+(\d+)\s+(\d+)\s+\d+\s")
    pages, pos = [], 0
    while pos < len(data):
        m = header.match(data, pos)
        if not m:
            fail("pdftoppm: not a P%d image at byte %d" % (6 if colour else 5, pos))
            raise Stop()
        w, h = int(m.group(1)), int(m.group(2))
        row = w * depth
        pos = m.end()
        pages.append((w, [data[pos + y * row:pos + (y + 1) * row] for y in range(h)]))
        pos += row * h
    return pages


def grey_pages(pdf, dpi, first=None, last=None):
    return rendered_pages(pdf, dpi, False, first, last)


def rgb_pages(pdf, dpi, first=None, last=None):
    return rendered_pages(pdf, dpi, True, first, last)


def qdf(pdf):
    """The PDF's bytes as qpdf --qdf writes them: objects in the clear."""
    return out(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], binary=True)


def layout(binary, *args):
    """folio dump --layout ARGS."""
    return out([binary, "dump", "--layout"] + list(args))


def layout_lines(dump, tag=r"\S+"):
    """The text of the dump's lines of text tagged TAG (a regex: P, Code,
    Note...): [(text, hyphen)], hyphen when the line breaker cut a word."""
    return [(m.group(1), bool(m.group(2))) for m in re.finditer(
        r'^ +line [-\d. ]+ (?:%s) "(.*)"( hyphen)?$' % tag, dump, re.M)]


def layout_pages(dump):
    """The dump's boxes a page: [[line of the dump]]."""
    pages = []
    for line in dump.splitlines():
        if line.startswith("page "):
            pages.append([])
        elif pages:
            pages[-1].append(line)
    return pages


def space_before(lines, word, mark):
    """The space (of any kind; "" for none) between word and mark in the
    first line holding them, or None when none does."""
    for line in lines:
        m = re.search(re.escape(word) + "([ \u00a0\u202f\u2009]?)" + re.escape(mark), line)
        if m:
            return m.group(1)
    return None


def write(path, text):
    """A fixture written by the check (a style, a small source)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def main(check):
    """Runs check(argv) and exits: 1 when something failed."""
    try:
        check(*sys.argv[1:])
    except Stop:
        pass
    if failures:
        print("%d failure(s)" % len(failures), file=sys.stderr)
    sys.exit(1 if failures else 0)


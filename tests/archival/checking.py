"""What the archival checks share: failures reported as they are found,
commands run with their failure reported, and the command line
CHECK FOLIO OUTDIR NAME SOURCE... [-- FOLIO_OPTION...] that converts the
sources to OUTDIR/NAME.pdf."""
import os
import subprocess
import sys

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


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

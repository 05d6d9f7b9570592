"""What the math output tests share: failures gathered, tools run, epubcheck."""
import subprocess
import sys

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def epubcheck(epub):
    rc, out, err = run(["java", "-jar", "/usr/share/java/epubcheck.jar", epub])
    if rc != 0:
        fail("epubcheck:\n" + (out + err)[-1500:])

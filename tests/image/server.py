#!/usr/bin/env python3
"""Test server for remote images: serves the cases below on 127.0.0.1 (a
free port), runs the given command with the base URL appended, then stops.
Everything is bounded: the command gets 60 s, a slow response 5 s.

usage: server.py FIXTURES_DIR COMMAND [ARGS...]
"""
import http.server
import os
import subprocess
import sys
import threading
import time

FIXTURES = sys.argv[1]
GOOD = open(os.path.join(FIXTURES, "rgba.png"), "rb").read()
ETAG = '"rgba-v1"'
counts = {"requests": 0, "200": 0, "304": 0, "inflight": 0, "max_inflight": 0}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body=b"", ctype="application/octet-stream", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/stats":
            with lock:
                text = "requests=%(requests)d 200=%(200)d 304=%(304)d max_inflight=%(max_inflight)d" % counts
            return self.send(200, text.encode(), "text/plain")
        with lock:
            counts["requests"] += 1
        if path == "/good.png":
            # The type header lies on purpose: folio sniffs the bytes.
            if self.headers.get("If-None-Match") == ETAG:
                with lock:
                    counts["304"] += 1
                self.send_response(304)
                self.send_header("ETag", ETAG)
                return self.end_headers()
            with lock:
                counts["200"] += 1
            return self.send(200, GOOD, "text/plain", [("ETag", ETAG),
                             ("Last-Modified", "Mon, 02 Mar 2026 10:00:00 GMT")])
        if path.startswith("/wait/"):  # /wait/SECONDS/NAME.png: a slow host
            with lock:
                counts["inflight"] += 1
                counts["max_inflight"] = max(counts["max_inflight"], counts["inflight"])
            try:
                time.sleep(min(float(path.split("/")[2]), 5.0))
                self.send(200, GOOD, "image/png")
            except (OSError, ValueError):
                pass
            finally:
                with lock:
                    counts["inflight"] -= 1
            return
        if path == "/redirect-good":
            return self.send(302, headers=[("Location", "/good.png")])
        if path == "/loop":
            return self.send(302, headers=[("Location", "/loop")])
        if path == "/to-file":
            return self.send(302, headers=[("Location", "file:///etc/passwd")])
        if path == "/wrong.png":
            return self.send(200, b"<html><body>not an image</body></html>", "image/png")
        if path == "/big.png":  # announced size over the cap
            try:
                self.send(200, GOOD + b"\0" * (3 << 20), "image/png")
            except OSError:
                pass
            return
        if path == "/big-stream.png":  # no Content-Length: the cap hits while reading
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            try:
                self.wfile.write(GOOD)
                for _ in range(48):
                    self.wfile.write(b"\0" * 65536)
            except OSError:
                pass
            return
        if path == "/slow.png":  # headers, then a byte every 100 ms for 5 s
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            try:
                for i in range(50):
                    self.wfile.write(GOOD[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return
        self.send(404, b"not found", "text/plain")


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = "http://127.0.0.1:%d" % server.server_address[1]
    try:
        rc = subprocess.run(sys.argv[2:] + [base], timeout=60).returncode
    except subprocess.TimeoutExpired:
        print("server.py: the test command ran over 60 s", file=sys.stderr)
        rc = 1
    server.shutdown()
    server.server_close()
    return rc


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""tests/browser_check.py — load one pgdrill HTML report in headless Chromium
(Debian's `chromium`) and check it as a reader would get it.

    browser_check.py PAGE [--rows N] [--nodes N]... [--screenshot PNG]

Fails (exit 1) when Chromium logs any console message (an error in the
inline script, a Content-Security-Policy violation: the page tried the
network), when a plan box's number of tree nodes differs from its
data-nodes (and, with --nodes, from the given counts in order: the plans'
own node counts), or when the grade table does not have exactly N rows
(--rows).  Saves a screenshot (an artifact for CI) with --screenshot.
Exit 77 (meson: skipped) when chromium is not installed, unless CI=true.
Called by meson test html_report (explain) and by tests/db/test_grade.c
(grade).
"""
import argparse
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", "--window-size=1280,1000"]


class Dom(html.parser.HTMLParser):
    """Plan boxes with their node counts, and grade table rows."""

    def __init__(self):
        super().__init__()
        self.stack = []          # open plan boxes: [declared, counted]
        self.plans = []
        self.depth = 0
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "plan" in classes:
            self.stack.append([int(a.get("data-nodes", -1)), 0, self.depth])
        if tag == "li" and "node" in classes and self.stack:
            self.stack[-1][1] += 1
        if tag == "tr" and "row" in classes:
            self.rows += 1
        if tag == "div":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "div":
            self.depth -= 1
            if self.stack and self.stack[-1][2] == self.depth:
                self.plans.append(self.stack.pop()[:2])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--rows", type=int)
    ap.add_argument("--nodes", type=int, action="append", default=[])
    ap.add_argument("--screenshot")
    args = ap.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed (apt-get install chromium)")
        return 1 if os.environ.get("CI") == "true" else 77
    url = "file://" + os.path.abspath(args.page)
    profile = tempfile.mkdtemp(prefix="pgdrill-chromium-")
    failures = []
    try:
        r = subprocess.run([chromium] + FLAGS + ["--user-data-dir=" + profile, "--dump-dom", url],
                           capture_output=True, text=True, timeout=120)
        console = [l for l in r.stderr.splitlines() if re.search(r":CONSOLE[(:]", l)]
        if r.returncode != 0:
            failures.append("chromium exited %d: %s" % (r.returncode, r.stderr[-2000:]))
        failures += ["console: " + l for l in console]
        dom = Dom()
        dom.feed(r.stdout)
        if not dom.plans and args.nodes:
            failures.append("no plan in the page")
        for i, (declared, counted) in enumerate(dom.plans):
            if declared != counted:
                failures.append("plan %d: %d nodes drawn, data-nodes says %d" % (i + 1, counted,
                                                                                 declared))
        if args.nodes and [c for _, c in dom.plans] != args.nodes:
            failures.append("plans drawn with %s nodes, expected %s" %
                            ([c for _, c in dom.plans], args.nodes))
        if args.rows is not None and dom.rows != args.rows:
            failures.append("the table has %d rows, expected %d" % (dom.rows, args.rows))
        if args.screenshot:
            s = subprocess.run([chromium] + FLAGS + ["--user-data-dir=" + profile,
                                                     "--screenshot=" + args.screenshot, url],
                               capture_output=True, text=True, timeout=120)
            if s.returncode != 0 or not os.path.isfile(args.screenshot):
                failures.append("no screenshot: " + s.stderr[-1000:])
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for f in failures:
        print("FAIL: " + f)
    print("%s: %d plan(s), %d row(s), %d failure(s)" % (args.page, len(dom.plans), dom.rows,
                                                        len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

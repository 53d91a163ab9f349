#!/usr/bin/env python3
"""Sums the cases of every test program in a meson testlog.json and prints the closing
line "N passed, N failed, N skipped" (the format CI reads).

A cmocka program contributes its own case counts ("[  PASSED  ] N test(s).",
"[  FAILED  ] N test(s)", "[  SKIPPED ] N test(s)"); a program that prints its own
"N passed, N failed[, N skipped]" line contributes those.  Any other program (or a cmocka
program that crashed before its summary) counts as one case: passed, failed, or skipped
when meson says SKIP (exit status 77).  A skip is never counted as a pass.

Before the closing line it lists the skipped programs and why: every "SKIP NAME: REASON"
line a test printed (tests/support's test_data_missing prints them when ../shared or a
floor file is missing; under CI=true those tests fail instead).

    test-summary.py TESTLOG.json
Exit status 1 when any case failed (or the log is unreadable), else 0.
"""
import json
import re
import sys

PASSED = re.compile(r"^\[  PASSED  \] (\d+) test", re.M)
FAILED = re.compile(r"^\[  FAILED  \] (\d+) test", re.M)
SKIPPED = re.compile(r"^\[  SKIPPED \] (\d+) test", re.M)
OWN = re.compile(r"^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?", re.M)
REASON = re.compile(r"^SKIP (.+)$", re.M)
OK_RESULTS = ("OK", "EXPECTEDFAIL")


def count(t):
    """Returns (passed, failed, skipped, reasons) for one testlog.json record."""
    out = (t.get("stdout") or "") + "\n" + (t.get("stderr") or "")
    result = t.get("result")
    p = sum(int(n) for n in PASSED.findall(out))
    f = sum(int(n) for n in FAILED.findall(out))
    s = sum(int(n) for n in SKIPPED.findall(out))
    for a, b, c in OWN.findall(out):
        p += int(a)
        f += int(b)
        s += int(c or 0)
    reasons = [r.strip() for r in REASON.findall(out)]
    if p + f + s == 0:
        if result in OK_RESULTS:
            p = 1
        elif result == "SKIP":
            s = 1
        else:
            f = 1
    elif result not in OK_RESULTS and result != "SKIP" and f == 0:
        f = 1  # crashed, timed out or exited non-zero after printing its counts
    if s and not reasons:
        reasons = ["(the test printed no reason)"]
    return p, f, s, reasons


def main(argv):
    if len(argv) != 2:
        print("usage: test-summary.py TESTLOG.json", file=sys.stderr)
        return 2
    passed = failed = skipped = 0
    skips = []
    try:
        with open(argv[1], encoding="utf-8") as log:
            for line in log:
                if not line.strip():
                    continue
                t = json.loads(line)
                if not isinstance(t, dict):
                    raise ValueError("a record is not a JSON object")
                p, f, s, reasons = count(t)
                passed += p
                failed += f
                skipped += s
                if s:
                    skips.append((t.get("name", "?"), s, reasons))
    except (OSError, ValueError) as e:
        print(f"test-summary: cannot read {argv[1]}: {e}", file=sys.stderr)
        print(f"{passed} passed, {failed + 1} failed, {skipped} skipped")
        return 1
    if skips:
        print("skipped (these checks did not run):")
        for name, s, reasons in skips:
            print(f"  {name} ({s} case(s)):")
            for r in reasons:
                print(f"    {r}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Tests scripts/test-summary.py over crafted meson testlog.json records: cmocka counts,
skips (cmocka's SKIPPED line and meson's SKIP result), a program's own counts line,
crashes after a summary, timeouts, and the listing of skip reasons.

    test_test_summary.py PATH/TO/test-summary.py
"""
import json
import os
import subprocess
import sys
import tempfile

SUMMARY = sys.argv[1]
failures = 0


def run(records):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
        path = f.name
    try:
        p = subprocess.run([sys.executable, SUMMARY, path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    return p.returncode, p.stdout


def expect(name, records, last_line, status, contains=()):
    global failures
    rc, out = run(records)
    lines = out.strip().splitlines()
    got = lines[-1] if lines else ""
    problems = []
    if got != last_line:
        problems.append(f"closing line {got!r}, expected {last_line!r}")
    if rc != status:
        problems.append(f"exit status {rc}, expected {status}")
    for c in contains:
        if c not in out:
            problems.append(f"output lacks {c!r}")
    if problems:
        failures += 1
        print(f"FAIL {name}: " + "; ".join(problems) + "\n--- output:\n" + out)
    else:
        print(f"ok   {name}")


def rec(name, result, stdout="", stderr=""):
    return {"name": name, "result": result, "stdout": stdout, "stderr": stderr}


CMOCKA_OK = "[==========] tests: 3 test(s) run.\n[  PASSED  ] 3 test(s).\n"
CMOCKA_SKIP = ("SKIP sanitize corpus: /x/feeds/checks.jsonl not found, so this data-driven "
               "check did not run\n[==========] tests: 2 test(s) run.\n[  PASSED  ] 1 test(s).\n"
               "[  SKIPPED ] 1 test(s), listed below:\n[  SKIPPED ] test_corpus\n")
CMOCKA_FAIL = ("[  PASSED  ] 4 test(s).\n[  FAILED  ] 2 test(s), listed below:\n"
               "[  FAILED  ] test_a\n[  FAILED  ] test_b\n")

expect("cmocka passes", [rec("t1", "OK", CMOCKA_OK)], "3 passed, 0 failed, 0 skipped", 0)
expect("cmocka skip is a skip, with its reason",
       [rec("test_sanitize_corpus", "OK", CMOCKA_SKIP)], "1 passed, 0 failed, 1 skipped", 0,
       ["test_sanitize_corpus (1 case(s))", "sanitize corpus: /x/feeds/checks.jsonl not found"])
expect("meson SKIP (exit 77) without counts",
       [rec("conformance", "SKIP", "SKIP feed conformance: /x/checks.jsonl not found\n")],
       "0 passed, 0 failed, 1 skipped", 0, ["conformance (1 case(s))", "feed conformance: /x"])
expect("skip without a printed reason says so", [rec("browser", "SKIP")],
       "0 passed, 0 failed, 1 skipped", 0, ["printed no reason"])
expect("cmocka failures", [rec("t2", "FAIL", CMOCKA_FAIL)], "4 passed, 2 failed, 0 skipped", 1)
expect("own counts line", [rec("conformance", "FAIL", "x\n1 passed, 1 failed\n")],
       "1 passed, 1 failed, 0 skipped", 1)
expect("own counts line with skips", [rec("prog", "OK", "2 passed, 0 failed, 3 skipped\n")],
       "2 passed, 0 failed, 3 skipped", 0)
expect("crash after a passing summary is a failure",
       [rec("t3", "FAIL", "[  PASSED  ] 2 test(s).\n", "LeakSanitizer: detected memory leaks")],
       "2 passed, 1 failed, 0 skipped", 1)
expect("timeout without output", [rec("slow", "TIMEOUT")], "0 passed, 1 failed, 0 skipped", 1)
expect("plain programs and expected failures",
       [rec("checksrc", "OK", "all good\n"), rec("neg", "EXPECTEDFAIL")],
       "2 passed, 0 failed, 0 skipped", 0)
expect("a whole run adds up",
       [rec("t1", "OK", CMOCKA_OK), rec("s", "OK", CMOCKA_SKIP), rec("c", "SKIP"),
        rec("t2", "FAIL", CMOCKA_FAIL), rec("x", "OK")],
       "9 passed, 2 failed, 2 skipped", 1)
rc, out = run([json.dumps(rec("t1", "OK", CMOCKA_OK)), "{not json"])
if rc != 1 or "failed" not in out:
    failures += 1
    print(f"FAIL an unreadable log must fail (status {rc}): {out}")
else:
    print("ok   unreadable log fails")

print(f"{12 - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)

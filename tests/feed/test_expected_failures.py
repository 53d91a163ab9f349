#!/usr/bin/env python3
"""The conformance gate reads its expected-failure list by machine: runs the conformance
runner (over ../shared/feeds/corpus/encoding/ only, for speed) against crafted copies of
tests/feed/conformance-expected-failures.txt and checks that
  - the real list passes;
  - a failing file missing from the list fails the run, naming the file;
  - a listed file that passes fails the run, asking for its line to be removed;
  - a line without a reason fails the run.
Skips (77) when ../shared is missing, like the runner itself.

    test_expected_failures.py CONFORMANCE
"""
import os
import shutil
import subprocess
import sys
import tempfile

RUNNER = sys.argv[1]
ROOT = os.environ["HERALD_SOURCE_ROOT"]
LIST = "tests/feed/conformance-expected-failures.txt"
FAILING = "encoding/x80_dbcs.xml"
PASSING = "encoding/x80_437.xml"
real = open(os.path.join(ROOT, LIST), encoding="utf-8").read()
shared = os.environ.get("HERALD_SHARED", "../shared")
if not os.path.exists(os.path.join(shared, "feeds", "checks.jsonl")):
    print(f"SKIP expected-failure gate: {shared}/feeds/checks.jsonl not found")
    sys.exit(1 if os.environ.get("CI") in ("true", "1") else 77)

failures = passes = 0


def run(name, text, status, wants):
    global failures, passes
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "tests", "feed"))
        with open(os.path.join(root, LIST), "w", encoding="utf-8") as f:
            f.write(text)
        env = dict(os.environ, HERALD_SOURCE_ROOT=root)
        p = subprocess.run([RUNNER, "--only", "encoding/"], capture_output=True, text=True,
                           env=env, cwd=root, timeout=120)
    problems = []
    if p.returncode != status:
        problems.append(f"exit status {p.returncode}, expected {status}")
    for w in wants:
        if w not in p.stdout:
            problems.append(f"output lacks {w!r}")
    if problems:
        failures += 1
        print(f"FAIL {name}: " + "; ".join(problems) + "\n--- output:\n" + p.stdout[-3000:])
    else:
        passes += 1
        print(f"ok   {name}")


lines = real.splitlines(keepends=True)
if not any(l.startswith(FAILING + " ") for l in lines):
    # the file was fixed: this test needs another failing file in encoding/
    print(f"FAIL {FAILING} is no longer listed: pick another listed encoding/ file")
    sys.exit(1)
run("the real list", real, 0, ["2 passed, 0 failed"])
run("an unlisted failure", "".join(l for l in lines if not l.startswith(FAILING + " ")), 1,
    [f"FAIL {FAILING}: a new failure"])
run("a listed file that passes", real + f"{PASSING} listed by mistake\n", 1,
    [f"FAIL {PASSING} passes now", "remove its line"])
run("a line without a reason", real + f"{PASSING}\n", 1, [f"{PASSING} has no reason"])
print(f"{passes} passed, {failures} failed")
sys.exit(1 if failures else 0)

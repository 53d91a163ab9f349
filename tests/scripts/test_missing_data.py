#!/usr/bin/env python3
"""The data-driven checks cannot pass silently: runs each given test program with
HERALD_SHARED pointing nowhere, once outside CI (it must report a skip, with a "SKIP" line
naming the missing file: exit 77 for a plain program, cmocka's "[  SKIPPED ]" for a cmocka
one) and once with CI=true (it must fail: a non-zero status other than 77 and a "FAIL"
line).  The conformance runner is also run without its expected-failure list
(HERALD_SOURCE_ROOT pointing nowhere), with the same two outcomes.

    test_missing_data.py CONFORMANCE CMOCKA_PROGRAM...
"""
import os
import subprocess
import sys
import tempfile

failures = passes = 0


def check(name, prog, env_over, ci, cmocka):
    global failures, passes
    env = dict(os.environ)
    env.pop("CI", None)
    env.update(env_over)
    if ci:
        env["CI"] = "true"
    with tempfile.TemporaryDirectory() as wd:
        p = subprocess.run([prog], capture_output=True, text=True, env=env, cwd=wd, timeout=120)
    out = p.stdout + p.stderr
    problems = []
    if ci:
        if p.returncode in (0, 77):
            problems.append(f"exit status {p.returncode} under CI=true (must fail)")
        if "FAIL " not in out:
            problems.append("no FAIL line naming the missing file")
    else:
        if cmocka:
            if p.returncode != 0 or "[  SKIPPED ] 1 test" not in out:
                problems.append(f"status {p.returncode} and no cmocka skip")
        elif p.returncode != 77:
            problems.append(f"exit status {p.returncode} (a skip is 77)")
        if "SKIP " not in out or "not found" not in out:
            problems.append("no SKIP line naming the missing file")
    label = f"{os.path.basename(prog)}: {name}{' under CI=true' if ci else ''}"
    if problems:
        failures += 1
        print(f"FAIL {label}: " + "; ".join(problems) + "\n--- output:\n" + out[-2000:])
    else:
        passes += 1
        print(f"ok   {label}")


nowhere = "/nonexistent/herald-shared"
conformance, cmocka_progs = sys.argv[1], sys.argv[2:]
for ci in (False, True):
    check("no ../shared", conformance, {"HERALD_SHARED": nowhere}, ci, False)
    check("no expected-failure list", conformance, {"HERALD_SOURCE_ROOT": nowhere}, ci, False)
    for prog in cmocka_progs:
        check("no ../shared", prog, {"HERALD_SHARED": nowhere}, ci, True)
print(f"{passes} passed, {failures} failed")
sys.exit(1 if failures else 0)

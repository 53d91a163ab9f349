#!/usr/bin/env python3
"""Sums the cases of every test program in a meson testlog.json and prints the
closing line "N passed, N failed".  A cmocka program contributes its own case counts;
any other program (or a cmocka program that crashed before its summary) counts as one
case, passed or failed by its exit status."""
import json
import re
import sys

passed = failed = 0
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)
    out = (t.get("stdout") or "") + "\n" + (t.get("stderr") or "")
    ok = t.get("result") in ("OK", "EXPECTEDFAIL")
    p = sum(int(n) for n in re.findall(r"^\[  PASSED  \] (\d+) test", out, re.M))
    f = sum(int(n) for n in re.findall(r"^\[  FAILED  \] (\d+) test", out, re.M))
    c = re.findall(r"^(\d+) passed, (\d+) failed", out, re.M)
    if c:
        p += sum(int(a) for a, _ in c)
        f += sum(int(b) for _, b in c)
    if p + f == 0:
        p, f = (1, 0) if ok else (0, 1)
    elif not ok and f == 0:
        f = 1
    passed += p
    failed += f
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""test_install.py - `meson install --destdir` puts a working herald on PATH.

    test_install.py MESON BUILD_DIR VERSION

Installs the build into a temporary DESTDIR (never the real prefix), then checks that
<prefix>/bin/herald is an executable file, that `herald --version` prints VERSION and that
`herald --help` lists the commands, run through PATH as a user would, and that the README
is installed as its documentation.
"""
import os
import subprocess
import sys
import tempfile


def main():
    meson, build, version = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="herald-install-") as dest:
        r = subprocess.run([meson, "install", "-C", build, "--no-rebuild", "--quiet",
                            "--destdir", dest], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("meson install failed (%d):\n%s%s" % (r.returncode, r.stdout, r.stderr))
        bins = [os.path.join(d, "herald") for d, _, files in os.walk(dest)
                if "herald" in files and os.path.basename(d) == "bin"]
        if len(bins) != 1:
            sys.exit("expected one bin/herald under %s, found %r" % (dest, bins))
        exe = bins[0]
        if not os.access(exe, os.X_OK):
            sys.exit("%s is not executable" % exe)
        prefix = os.path.dirname(os.path.dirname(exe))
        env = dict(os.environ, PATH=os.path.dirname(exe) + os.pathsep + os.environ["PATH"])
        out = subprocess.run(["herald", "--version"], env=env, capture_output=True, text=True)
        if out.returncode != 0 or version not in out.stdout:
            sys.exit("herald --version: status %d, output %r, want %r"
                     % (out.returncode, out.stdout, version))
        shown = out.stdout.strip()
        out = subprocess.run(["herald", "--help"], env=env, capture_output=True, text=True)
        text = out.stdout + out.stderr
        if out.returncode != 0 or "serve" not in text or "import-opml" not in text:
            sys.exit("herald --help: status %d, output %r" % (out.returncode, text))
        readme = os.path.join(prefix, "share", "doc", "herald", "README.md")
        if not os.path.isfile(readme):
            sys.exit("README.md not installed at %s" % readme)
        print("installed %s: %s" % (os.path.relpath(exe, dest), shown))


if __name__ == "__main__":
    main()

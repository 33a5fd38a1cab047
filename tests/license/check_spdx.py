#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Every source file of the project carries `SPDX-License-Identifier: Apache-2.0` in its
first lines (issue 17: the project is Apache-2.0, and every source file says so).

    python3 tests/license/check_spdx.py SOURCE_DIR          # check the tree
    python3 tests/license/check_spdx.py --self-test          # show that the check fails

Source files are those git tracks (or, outside a checkout, every file) whose name ends in
a source, script or build suffix; data (Markdown, JSON, CSV, fixtures, fuzz corpora, the
ABI dump) and the licence texts themselves are not source. Standard library only.
"""
import os
import subprocess
import sys
import tempfile

SOURCE_SUFFIXES = (".c", ".h", ".cpp", ".py", ".sh", ".cmake", ".in", ".map", ".toml",
                   ".rc", ".js", ".mjs", ".def")
SOURCE_NAMES = ("CMakeLists.txt", "Makefile", "run", "postinst", "prerm", "postrm",
                "preinst", ".gitignore", "libbtxdose.abignore")
NOT_SOURCE_DIRS = ("tests/fuzz/corpus/", "tests/python/fixtures/", "examples/data/",
                   "examples/python/data/")
# Formats with no comment syntax: the Debian changelog template.
NOT_SOURCE_FILES = ("packaging/debian/changelog.in",)
TAG = "SPDX-License-Identifier: Apache-2.0"
HEAD_LINES = 5


def is_source(path):
    if any(path.startswith(d) for d in NOT_SOURCE_DIRS) or path in NOT_SOURCE_FILES:
        return False
    name = os.path.basename(path)
    return name in SOURCE_NAMES or name.endswith(SOURCE_SUFFIXES)


def tracked_files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files"], capture_output=True,
                             text=True, check=True).stdout
        return [p for p in out.splitlines() if p]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for d, _, names in os.walk(root):
            if "/.git" in d or "/build" in d:
                continue
            files += [os.path.relpath(os.path.join(d, n), root) for n in names]
        return files


def missing(root, files):
    bad = []
    for rel in files:
        if not is_source(rel):
            continue
        path = os.path.join(root, rel)
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            head = f.read(4096).decode("utf-8", "replace").splitlines()[:HEAD_LINES]
        if not any(TAG in line for line in head):
            bad.append(rel)
    return bad


def self_test():
    with tempfile.TemporaryDirectory() as d:
        good = {"a.c": "/* SPDX-License-Identifier: Apache-2.0 */\nint x;\n",
                "b.py": "#!/usr/bin/python3\n# SPDX-License-Identifier: Apache-2.0\n",
                "CMakeLists.txt": "# SPDX-License-Identifier: Apache-2.0\n",
                "notes.md": "no tag needed\n",
                "tests/fuzz/corpus/x": "data\n"}
        for rel, text in good.items():
            os.makedirs(os.path.dirname(os.path.join(d, rel)) or d, exist_ok=True)
            with open(os.path.join(d, rel), "w") as f:
                f.write(text)
        assert missing(d, list(good)) == [], missing(d, list(good))
        with open(os.path.join(d, "c.h"), "w") as f:
            f.write("/* no licence line */\n")
        with open(os.path.join(d, "late.sh"), "w") as f:
            f.write("\n" * HEAD_LINES + "# SPDX-License-Identifier: Apache-2.0\n")
        with open(os.path.join(d, "other.c"), "w") as f:
            f.write("/* SPDX-License-Identifier: MIT */\n")
        got = sorted(missing(d, list(good) + ["c.h", "late.sh", "other.c"]))
        assert got == ["c.h", "late.sh", "other.c"], got
    print("self-test: 3 files without the Apache-2.0 SPDX line found, 0 false alarms")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return 0
    root = argv[1] if len(argv) > 1 else "."
    files = tracked_files(root)
    bad = missing(root, files)
    for rel in bad:
        print(f"{rel}: no '{TAG}' in its first {HEAD_LINES} lines")
    checked = sum(1 for p in files if is_source(p))
    print(f"{checked} source files checked, {len(bad)} without the SPDX line")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

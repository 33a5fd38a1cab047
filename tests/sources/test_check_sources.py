# SPDX-License-Identifier: Apache-2.0
"""check_sources.py must pass on the tree as it is and fail on each kind of break.

    test_check_sources.py --lib BUILD/lib/libbtxdose.so.1.x.y --root SOURCE_DIR

Each case copies the library or the checked part of the tree into a temporary
directory, breaks one thing there (an unresolved id, a file outside the repository, a
"2.x" section, a malformed source string, an entry without its address, a dangling
link) and expects check_sources.py to exit 1 naming that problem. Nothing in the source
tree is changed. Standard library only.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, List, Optional

HERE = Path(__file__).resolve().parent
CHECKER = HERE / "check_sources.py"
COPIED = ("docs", "include", "python", "lib", "README.md")


def run(lib: Path, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), "--lib", str(lib), "--root", str(root)],
                          capture_output=True, text=True, check=False)


def patch_bytes(data: bytes, old: bytes, new: bytes) -> bytes:
    """Same-length replacement of the first occurrence (the file's layout is kept)."""
    assert old in data, old
    new = new.ljust(len(old), b" ")
    assert len(new) == len(old), (old, new)
    return data.replace(old, new, 1)


def patch_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", required=True, type=Path)
    ap.add_argument("--root", required=True, type=Path)
    args = ap.parse_args(argv)
    failures: List[str] = []

    ok = run(args.lib, args.root)
    if ok.returncode != 0:
        failures.append(f"the unchanged tree fails:\n{ok.stdout}{ok.stderr}")

    lib_cases = [
        ("(a) an id without an entry, in a library string",
         b"[S21, S29, N2, N3]", b"[S97, S29, N2, N3]", "source id S97 has no entry"),
        ("(a) a billing id without an entry, in a library string",
         b"[BH1, BH10]", b"[BH0, BH10]", "source id BH0 has no entry"),
        ("(b) a file outside the repository, in a library string",
         b'docs/semantics.md "Population"', b'design.md section 4 Population', "names design.md"),
        ("(c) a \"2.x\" section, in a library string",
         "PI §2.1 (adults".encode(), b"PI 2.x (adults", "cites \"2.x\""),
    ]
    tree_cases: List[tuple] = [
        ("(a) an id without an entry, in a docs page",
         "docs/findings.md", "| BOTOX PI §2 [S13] |", "| BOTOX PI §2 [S13, N99] |",
         "source id N99 has no entry"),
        ("(a) a billing id without an entry, in a docs page",
         "docs/billing.md", "[BW3, BW4, BW8]", "[BW3, BW4, BW98]",
         "source id BW98 has no entry"),
        ("(a) an id beside ICD-10-CM codes is still an id",
         "docs/clinical-data.md", "| G24.5 Blepharospasm | blepharospasm | [CM1] |",
         "| G24.5 Blepharospasm (N31.0, \"N3281\") | blepharospasm | [CM1] N98 |",
         "source id N98 has no entry"),
        ("(a) an entry without its address",
         "docs/sources.md", "- **Address:** <https://www.botoxone.com/blepharospasm/dosing>",
         "- **Address:** the manufacturer's page", "S13: its docs/sources.md entry has no http(s)"),
        ("(a) a link to a heading that does not exist",
         "docs/clinical-data.md", "(sources.md#labels)", "(sources.md#label-list)",
         "which has no such heading"),
        ("(b) a file outside the repository, in a docs page",
         "docs/audit.md", "## Semantics", "## Semantics\n\nSee ../shared/clinical/label-facts.md.",
         "names ../shared"),
        ("(b) a file outside the repository, in a header comment",
         "include/btxdose/protocol.h", "never freed. */", "never freed; see label-facts.md. */",
         "names label-facts"),
        ("(c) a \"2.x\" section, in a data file",
         "lib/protocol_data.c", "BOTOX Cosmetic PI §2.2 Table 1 (glabellar lines)",
         "BOTOX Cosmetic PI 2.x (glabellar lines)", "cites \"2.x\""),
        ("(c) a source string without its revision",
         "lib/rules_data.c", "rev. 2021 [S52]", "[S52]", "not \"<label> PI"),
        ("(c) a source string without ids",
         "lib/rules_data.c", "rev. 2023-11 [S14]\",\n        .msg_pass = \"At least 12",
         "rev. 2023-11\",\n        .msg_pass = \"At least 12", "cites neither source ids"),
        ("(c) a bare §2",
         "lib/rules_data.c", "Xeomin PI §2 Dosage and Administration (maximum",
         "Xeomin PI §2 (maximum", "bare §2"),
    ]

    with tempfile.TemporaryDirectory(prefix="check_sources_") as tmp:
        tmpdir = Path(tmp)
        data = args.lib.read_bytes()
        for what, old, new, expect in lib_cases:
            broken = tmpdir / args.lib.name
            broken.write_bytes(patch_bytes(data, old, new))
            r = run(broken, args.root)
            if r.returncode != 1 or expect not in r.stdout:
                failures.append(f"{what}: expected exit 1 naming '{expect}', got "
                                f"{r.returncode}:\n{r.stdout}{r.stderr}")
        for what, rel, old, new, expect in tree_cases:
            root = tmpdir / "tree"
            if root.exists():
                shutil.rmtree(root)
            root.mkdir()
            for part in COPIED:
                src = args.root / part
                if src.is_dir():
                    shutil.copytree(src, root / part,
                                    ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    shutil.copy2(src, root / part)
            patch_text(root / rel, old, new)
            r = run(args.lib, root)
            if r.returncode != 1 or expect not in r.stdout:
                failures.append(f"{what}: expected exit 1 naming '{expect}', got "
                                f"{r.returncode}:\n{r.stdout}{r.stderr}")

    for f in failures:
        print("FAIL", f)
    total = 1 + len(lib_cases) + len(tree_cases)
    print(f"test_check_sources: {total - len(failures)} of {total} cases as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

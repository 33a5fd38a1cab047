# SPDX-License-Identifier: Apache-2.0
"""CTest docs_c_blocks: every ```c block of README.md and docs/mainpage.md (and every
example program of a man page, between .EX and .EE) compiles
(C11, every warning an error) against the headers of this build, links with the library
built here, runs and exits 0; README and the API reference's landing page show the same
btx_evaluate example. CTest docs_pages_linked: docs/mainpage.md links every docs/*.md page.

A comment line right before a block steers it:
  <!-- c-test: fragment -->            the block is statements: wrapped in int main(void)
  <!-- c-test: prints "A" "B" -->      its standard output must contain A and B

Usage: c_blocks.py blocks CC INCLUDE_DIR... -L LIBRARY_DIR WORK_DIR MARKDOWN...
       c_blocks.py pages DOCS_DIR

With BTX_EMULATOR set (a Windows build: the Wine wrapper of the build tree), each program
is built as NAME.exe and run through it; the DLL is found by the emulator's search path.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import List, NamedTuple, Optional

FENCE = re.compile(r"^```c\s*$")
MARK = re.compile(r"^<!--\s*c-test:\s*(.*?)\s*-->\s*$")


class Block(NamedTuple):
    path: Path
    line: int           # 1-based line of the opening fence
    code: str
    fragment: bool
    prints: List[str]


def troff_blocks(path: Path) -> List[Block]:
    """The .EX/.EE examples of a man page that hold a main(), with troff escapes undone."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: List[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != ".EX":
            i += 1
            continue
        start = i
        body: List[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != ".EE":
            body.append(lines[i].replace("\\-", "-").replace("\\e", "\\"))
            i += 1
        i += 1
        code = "\n".join(body) + "\n"
        if "main(" in code:
            out.append(Block(path, start + 1, code, False, []))
    return out


def blocks(path: Path) -> List[Block]:
    if re.search(r"\.[0-9]$", path.name):
        return troff_blocks(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    out: List[Block] = []
    i = 0
    while i < len(lines):
        if not FENCE.match(lines[i]):
            i += 1
            continue
        start = i
        mark: Optional[str] = None
        j = start - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0:
            m = MARK.match(lines[j])
            if m:
                mark = m.group(1)
        body: List[str] = []
        i += 1
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        if i == len(lines):
            sys.exit(f"{path}:{start + 1}: unterminated ```c block")
        i += 1
        fragment = mark is not None and mark.split()[:1] == ["fragment"]
        prints: List[str] = []
        if mark and mark.startswith("prints"):
            prints = shlex.split(mark[len("prints"):])
            if not prints:
                sys.exit(f"{path}:{j + 1}: 'prints' needs at least one quoted string")
        elif mark and not fragment:
            sys.exit(f"{path}:{j + 1}: unknown c-test mark {mark!r}")
        out.append(Block(path, start + 1, "\n".join(body) + "\n", fragment, prints))
    return out


def wrap(code: str) -> str:
    includes = [l for l in code.splitlines() if l.startswith("#include")]
    rest = [l for l in code.splitlines() if not l.startswith("#include")]
    if not any("btxdose/btxdose.h" in l for l in includes):
        includes.insert(0, "#include <btxdose/btxdose.h>")
    body = "\n".join("    " + l if l else l for l in rest)
    return "\n".join(includes) + "\n\nint main(void)\n{\n" + body + "\n    return 0;\n}\n"


def run_blocks(argv: List[str]) -> int:
    cc = argv[0]
    rest = argv[1:]
    k = rest.index("-L")
    include_dirs, libdir, work = rest[:k], rest[k + 1], Path(rest[k + 2])
    docs = [Path(p) for p in rest[k + 3:]]
    emulator = shlex.split(os.environ.get("BTX_EMULATOR", ""))
    work.mkdir(parents=True, exist_ok=True)
    found = {p: blocks(p) for p in docs}
    failures = 0
    total = 0
    for path, bs in found.items():
        if not bs:
            print(f"FAIL {path}: no ```c block")
            failures += 1
        for n, b in enumerate(bs):
            total += 1
            name = f"{path.name}:{b.line}"
            src = work / f"{path.stem}_{n}.c"
            exe = work / f"{path.stem}_{n}{'.exe' if emulator else ''}"
            src.write_text(wrap(b.code) if b.fragment else b.code, encoding="utf-8")
            cmd = [cc, "-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                   "-Wno-unused-parameter"]
            cmd += [f"-I{d}" for d in include_dirs]
            cmd += ["-o", str(exe), str(src), f"-L{libdir}", "-lbtxdose"]
            if not emulator:
                cmd.append(f"-Wl,-rpath,{libdir}")
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"FAIL {name}: does not compile:\n{r.stderr}")
                failures += 1
                continue
            r = subprocess.run([*emulator, str(exe)], capture_output=True, text=True, timeout=60,
                               env=dict(os.environ, LD_LIBRARY_PATH=libdir))
            if r.returncode != 0:
                print(f"FAIL {name}: exit status {r.returncode}\n{r.stdout}{r.stderr}")
                failures += 1
                continue
            if not r.stdout.strip() and not b.prints:
                print(f"FAIL {name}: prints nothing (add a c-test 'prints' mark if intended)")
                failures += 1
                continue
            missing = [s for s in b.prints if s not in r.stdout]
            if missing:
                print(f"FAIL {name}: output lacks {missing}:\n{r.stdout}")
                failures += 1
                continue
            print(f"ok   {name} ({'fragment' if b.fragment else 'program'}"
                  f"{', prints ' + str(b.prints) if b.prints else ''})")

    # README and the landing page of the API reference carry the same btx_evaluate example.
    md = [p for p in docs if p.name in ("README.md", "mainpage.md")]
    evaluate = {p: [b.code for b in found[p] if "btx_evaluate(" in b.code] for p in md}
    if len(md) > 1:
        first, *others = md
        for p in others:
            if not evaluate[first] or not evaluate[p] or evaluate[first][0] != evaluate[p][0]:
                print(f"FAIL the btx_evaluate example of {first} and of {p} differ (or one lacks it)")
                failures += 1
    print(f"{total} C block(s), {failures} failure(s)")
    return 1 if failures or total == 0 else 0


def run_pages(docs_dir: Path) -> int:
    main = docs_dir / "mainpage.md"
    text = main.read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([A-Za-z0-9_.-]+\.md)\)", text))
    pages = {p.name for p in docs_dir.glob("*.md")} - {"mainpage.md"}
    missing = sorted(pages - linked)
    dangling = sorted(linked - pages)
    for p in missing:
        print(f"FAIL docs/mainpage.md does not link docs/{p}")
    for p in dangling:
        print(f"FAIL docs/mainpage.md links {p}, which is not in docs/")
    print(f"{len(pages)} pages, {len(pages & linked)} linked from docs/mainpage.md")
    return 1 if missing or dangling or not pages else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "blocks":
        sys.exit(run_blocks(sys.argv[2:]))
    if len(sys.argv) == 3 and sys.argv[1] == "pages":
        sys.exit(run_pages(Path(sys.argv[2])))
    sys.exit(__doc__)

#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""CTest doc_layout: the struct layouts of the C# P/Invoke sketch in docs/windows.md are
the C headers' (docs/windows.md, "Calling it from C#").

  check_layout.py DOCS/windows.md LAYOUT_PROGRAM

LAYOUT_PROGRAM (tests/windows/layout.c, built for the target; run through BTX_EMULATOR
when set, Wine in a Windows build) prints "struct size N" and "struct.member OFFSET". In
every ```csharp block of the page, each `[StructLayout(LayoutKind.Explicit, Size = N)]`
struct must have exactly the C struct's size and members, each `[FieldOffset(K)]` the C
member's offset, and each member's C# type the width that fills its place: members in
offset order, no overlap, no gap, the last one ending at the size.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

WIDTH = {"int": 4, "uint": 4, "long": 8, "ulong": 8, "double": 8, "IntPtr": 8,
         "UIntPtr": 8, "nint": 8, "nuint": 8}

STRUCT = re.compile(r"\[StructLayout\(LayoutKind\.Explicit,\s*Size\s*=\s*(\d+)\)\]\s*"
                    r"public\s+struct\s+(\w+)\s*\{(.*?)\n\s*\}", re.S)
FIELD = re.compile(r"\[FieldOffset\((\d+)\)\]\s*public\s+([\w.]+)\s+(\w+)\s*;")


def csharp_structs(page: Path) -> Dict[str, Tuple[int, List[Tuple[int, str, str]]]]:
    text = page.read_text(encoding="utf-8")
    blocks = re.findall(r"^```csharp\s*$(.*?)^```\s*$", text, re.M | re.S)
    out: Dict[str, Tuple[int, List[Tuple[int, str, str]]]] = {}
    for block in blocks:
        for m in STRUCT.finditer(block):
            fields = [(int(f.group(1)), f.group(2), f.group(3))
                      for f in FIELD.finditer(m.group(3))]
            out[m.group(2)] = (int(m.group(1)), fields)
    return out


def c_layout(program: str) -> Dict[str, Dict[str, int]]:
    emulator = shlex.split(os.environ.get("BTX_EMULATOR", ""))
    text = subprocess.run([*emulator, program], check=True, capture_output=True, text=True,
                          timeout=60).stdout
    out: Dict[str, Dict[str, int]] = {}
    for line in text.splitlines():
        m = re.fullmatch(r"(\w+) size (\d+)", line.strip())
        if m:
            out.setdefault(m.group(1), {})["<size>"] = int(m.group(2))
            continue
        m = re.fullmatch(r"(\w+)\.(\w+) (\d+)", line.strip())
        if m:
            out.setdefault(m.group(1), {})[m.group(2)] = int(m.group(3))
    return out


def main(argv: List[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    sharp = csharp_structs(Path(argv[1]))
    c = c_layout(argv[2])
    failures = 0

    def fail(msg: str) -> None:
        nonlocal failures
        failures += 1
        print("FAIL " + msg)

    if not sharp:
        fail(f"{argv[1]}: no [StructLayout(LayoutKind.Explicit, Size = N)] struct in a "
             "```csharp block")
    if not c:
        fail(f"{argv[2]} printed no layout")
    for name in sorted(set(c) - set(sharp)):
        fail(f"{name}: in the C program, not in the C# sketch")
    widths = dict(WIDTH)
    widths.update({n: s for n, (s, _) in sharp.items()})
    for name, (size, fields) in sorted(sharp.items()):
        want = c.get(name)
        if want is None:
            fail(f"{name}: in the C# sketch, not a C struct the program knows")
            continue
        if size != want["<size>"]:
            fail(f"{name}: Size = {size} in C#, sizeof = {want['<size>']} in C")
        got = {f: off for off, _, f in fields}
        members = {k: v for k, v in want.items() if k != "<size>"}
        if set(got) != set(members):
            fail(f"{name}: members differ: C# only {sorted(set(got) - set(members))}, "
                 f"C only {sorted(set(members) - set(got))}")
        for off, _, f in fields:
            if f in members and off != members[f]:
                fail(f"{name}.{f}: FieldOffset({off}) in C#, offsetof = {members[f]} in C")
        end = 0
        for off, typ, f in sorted(fields):
            w = widths.get(typ)
            if w is None:
                fail(f"{name}.{f}: C# type {typ} has no known width")
                continue
            if off != end:
                fail(f"{name}.{f}: starts at {off}, the member before ends at {end}")
            end = off + w
        if end != size:
            fail(f"{name}: the last member ends at {end}, the struct is {size} bytes")
        if not failures:
            print(f"ok   {name}: {size} bytes, {len(fields)} members at the C offsets")
    print(f"{len(sharp)} struct(s), {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

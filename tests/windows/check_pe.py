#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The Windows binaries of a mingw build against the project's promises (docs/windows.md).
Standard library only; objdump and nm are the mingw-w64 binutils.

  check_pe.py exports OBJDUMP DLL EXPORTS_TXT DEF STATIC_LIB
      dll_exports: the DLL's export table (objdump -p) holds exactly the names of
      abi/exports.txt; the DLL is called libbtxdose-MAJOR.dll; lib/btxdose.def names that
      DLL and exactly those functions; no object of the static library carries an export
      directive (a program linked with it would export the library's functions).

  check_pe.py imports OBJDUMP NM DLL STATIC_LIB TOOL
      dll_imports: the DLL imports from KERNEL32.dll and msvcrt.dll only, the tool from
      those and libbtxdose-1.dll (no compiler runtime DLL to ship); the library's own
      objects (lib/*.c compiled for Windows, in the static library) call no C function but
      pure ones (no allocator, no I/O, no locale: the list below) and have no writable
      data (.data and .bss empty). The DLL as a whole also holds mingw's start-up code,
      which imports calloc and free for its exit-handler table; that code is not lib/'s.

  check_pe.py version FILE VERSION ORIGINAL_FILENAME
      dll_version: FILE's version resource (VS_VERSIONINFO, read from the PE resource
      tree) has file and product version VERSION.0 and the strings FileVersion and
      ProductVersion VERSION, and OriginalFilename.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

# C functions lib/ may call: no allocation, no I/O, no locale, no global state.
PURE = re.compile(
    r"^(mem(cmp|cpy|move|set|chr)"
    r"|str(n?cmp|len|chr|rchr|spn|cspn|n?cpy|n?cat|str)"
    r"|(floor|ceil|round|trunc|fabs|sqrt|fmod|l?lround|fmin|fmax|frexp|ldexp)f?"
    r"|__(isnan|fpclassify|signbit)f?"
    r"|_{2,3}chkstk(_ms)?)$")

FAILURES: List[str] = []


def fail(msg: str) -> None:
    FAILURES.append(msg)
    print("FAIL " + msg)


def ok(msg: str) -> None:
    print("ok   " + msg)


def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def export_names(objdump: str, dll: str) -> List[str]:
    text = run(objdump, "-p", dll)
    part = text.split("[Ordinal/Name Pointer] Table", 1)
    if len(part) != 2:
        return []
    names = []
    for line in part[1].splitlines()[1:]:
        m = re.match(r"^\s*\[\s*\d+\]\s+(\S+)\s*$", line)
        if not m:
            break
        names.append(m.group(1))
    return names


def imports(objdump: str, path: str) -> Dict[str, List[str]]:
    """DLL name -> imported function names, from objdump -p."""
    out: Dict[str, List[str]] = {}
    current: Optional[str] = None
    for line in run(objdump, "-p", path).splitlines():
        m = re.match(r"^\s*DLL Name: (\S+)", line)
        if m:
            current = m.group(1)
            out[current] = []
            continue
        if current is None:
            continue
        m = re.match(r"^\s*[0-9a-f]+\s+\d+\s+(\S+)", line)
        if m:
            out[current].append(m.group(1))
        elif line.strip() == "" and out[current]:
            current = None
    return out


def cmd_exports(objdump: str, dll: str, exports_txt: str, def_file: str, static: str) -> None:
    want = sorted(line.split("@", 1)[0] for line in
                  Path(exports_txt).read_text(encoding="utf-8").split() if line)
    major = None
    got = export_names(objdump, dll)
    if sorted(got) != want:
        fail(f"{dll} exports differ from {exports_txt}: missing {sorted(set(want) - set(got))}, "
             f"extra {sorted(set(got) - set(want))}")
    elif len(got) != len(set(got)):
        fail(f"{dll} exports a name twice")
    else:
        ok(f"{Path(dll).name} exports exactly the {len(want)} functions of abi/exports.txt")
    name = Path(dll).name
    m = re.fullmatch(r"libbtxdose-(\d+)\.dll", name)
    if not m:
        fail(f"the DLL is called {name}, not libbtxdose-MAJOR.dll")
    else:
        major = m.group(1)
        ok(f"the DLL is called {name}")

    text = Path(def_file).read_text(encoding="utf-8")
    lib = re.search(r'^LIBRARY\s+"?([^"\s]+)"?\s*$', text, re.M)
    if not lib or lib.group(1) != name:
        fail(f"{def_file}: LIBRARY is {lib.group(1) if lib else None}, not {name}")
    body = text.split("EXPORTS", 1)
    names = [w for w in (body[1].split() if len(body) == 2 else []) if not w.startswith(";")]
    if names != want:
        fail(f"{def_file}: EXPORTS differ from abi/exports.txt")
    else:
        ok(f"{Path(def_file).name}: LIBRARY {name}, the same {len(names)} functions"
           f" (major {major})")

    # The .drectve sections' bytes, from objdump's hex dump (objdump fails when no object
    # has one, which is the expected case).
    dump = subprocess.run([objdump, "-s", "-j", ".drectve", static], capture_output=True,
                          text=True).stdout
    raw = b"".join(bytes.fromhex("".join(m.group(1).split()))
                   for m in re.finditer(r"^ [0-9a-f]{4,} ((?:[0-9a-f]{2,8} ?){1,4})", dump, re.M))
    if b"-export:" in raw:
        fail(f"{static}: an object carries an export directive (.drectve -export:)")
    else:
        ok(f"{Path(static).name}: no export directive in any object")


def cmd_imports(objdump: str, nm: str, dll: str, static: str, tool: str) -> None:
    system = {"kernel32.dll", "msvcrt.dll"}
    dlls = {k.lower() for k in imports(objdump, dll)}
    if dlls != system:
        fail(f"{dll} imports from {sorted(dlls)}, expected {sorted(system)}")
    else:
        ok(f"{Path(dll).name} imports from KERNEL32.dll and msvcrt.dll only")
    tdlls = {k.lower() for k in imports(objdump, tool)}
    want = system | {Path(dll).name.lower()}
    if tdlls != want:
        fail(f"{tool} imports from {sorted(tdlls)}, expected {sorted(want)}")
    else:
        ok(f"{Path(tool).name} imports from {sorted(want)} only")

    undefined = set()
    for line in run(nm, "-u", static).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U" and not parts[1].startswith("btx_"):
            undefined.add(parts[1])
    impure = sorted(u for u in undefined if not PURE.match(u))
    if impure:
        fail(f"lib/'s objects call {impure}: not on the list of pure C functions")
    elif not undefined:
        fail(f"nm -u {static} listed nothing (a broken check?)")
    else:
        ok(f"lib/'s objects call only pure C functions: {sorted(undefined)}")

    writable = []
    member = None
    sections = 0
    for line in run(objdump, "-h", static).splitlines():
        m = re.match(r"^(\S+\.obj):\s+file format", line)
        if m:
            member = m.group(1)
            continue
        m = re.match(r"^\s*\d+\s+(\.data|\.bss)\S*\s+([0-9a-f]+)\s", line)
        if m:
            sections += 1
            if int(m.group(2), 16) != 0:
                writable.append(f"{member} {m.group(1)} {int(m.group(2), 16)} bytes")
    if writable:
        fail(f"lib/'s objects have writable data: {writable}")
    elif sections == 0:
        fail(f"objdump -h {static} showed no .data or .bss section (a broken check?)")
    else:
        ok(f"lib/'s objects have no writable data ({sections} .data/.bss sections, all empty)")


# ---- PE resources ----

def rva_to_offset(sections: List[Tuple[int, int, int, int]], rva: int) -> int:
    for vaddr, vsize, raw_off, raw_size in sections:
        if vaddr <= rva < vaddr + max(vsize, raw_size):
            return raw_off + (rva - vaddr)
    raise ValueError(f"RVA {rva:#x} is in no section")


def version_resource(data: bytes) -> bytes:
    """The bytes of the RT_VERSION resource of a PE32+ file."""
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError("not a PE file")
    nsec, = struct.unpack_from("<H", data, pe + 6)
    optsize, = struct.unpack_from("<H", data, pe + 20)
    opt = pe + 24
    magic, = struct.unpack_from("<H", data, opt)
    if magic != 0x20B:
        raise ValueError("not PE32+ (64-bit)")
    res_rva, res_size = struct.unpack_from("<II", data, opt + 112 + 2 * 8)
    if res_rva == 0:
        raise ValueError("no resource directory")
    sections = []
    for i in range(nsec):
        s = opt + optsize + 40 * i
        vsize, vaddr, raw_size, raw_off = struct.unpack_from("<IIII", data, s + 8)
        sections.append((vaddr, vsize, raw_off, raw_size))
    base = rva_to_offset(sections, res_rva)

    def entries(off: int) -> List[Tuple[int, int]]:
        named, ids = struct.unpack_from("<HH", data, base + off + 12)
        return [struct.unpack_from("<II", data, base + off + 16 + 8 * i)
                for i in range(named + ids)]

    for type_id, type_off in entries(0):
        if type_id != 16 or not type_off & 0x80000000:     # RT_VERSION
            continue
        names = entries(type_off & 0x7FFFFFFF)
        if not names or not names[0][1] & 0x80000000:
            break
        langs = entries(names[0][1] & 0x7FFFFFFF)
        if not langs or langs[0][1] & 0x80000000:
            break
        rva, size = struct.unpack_from("<II", data, base + langs[0][1])
        off = rva_to_offset(sections, rva)
        return data[off:off + size]
    raise ValueError("no RT_VERSION resource")


def parse_block(buf: bytes, off: int) -> Tuple[str, bytes, List[Tuple[str, bytes, list]], int]:
    """One VS_VERSIONINFO-style block at off: (key, value bytes, children, end)."""
    length, value_len, vtype = struct.unpack_from("<HHH", buf, off)
    end = off + length
    p = off + 6
    key_end = p
    while buf[key_end:key_end + 2] != b"\0\0":
        key_end += 2
    key = buf[p:key_end].decode("utf-16-le")
    p = (key_end + 2 + 3) & ~3
    vbytes = value_len * 2 if vtype == 1 else value_len
    value = buf[p:p + vbytes]
    p = (p + vbytes + 3) & ~3
    children = []
    while p < end:
        k, v, c, e = parse_block(buf, p)
        children.append((k, v, c))
        p = (e + 3) & ~3
    return key, value, children, end


def cmd_version(path: str, version: str, original: str) -> None:
    res = version_resource(Path(path).read_bytes())
    key, value, children, _ = parse_block(res, 0)
    if key != "VS_VERSION_INFO" or len(value) < 52:
        fail(f"{path}: malformed VS_VERSION_INFO ({key!r})")
        return
    sig, _, fms, fls, pms, pls = struct.unpack_from("<IIIIII", value, 0)
    if sig != 0xFEEF04BD:
        fail(f"{path}: VS_FIXEDFILEINFO signature {sig:#x}")
    parts = [int(x) for x in version.split(".")]
    want = (parts[0] << 16 | parts[1], parts[2] << 16)
    for what, got in (("file", (fms, fls)), ("product", (pms, pls))):
        shown = f"{got[0] >> 16}.{got[0] & 0xFFFF}.{got[1] >> 16}.{got[1] & 0xFFFF}"
        if got != want:
            fail(f"{path}: fixed {what} version {shown}, expected {version}.0")
        else:
            ok(f"{Path(path).name}: fixed {what} version {shown}")
    strings: Dict[str, str] = {}
    for k, _, tables in children:
        if k != "StringFileInfo":
            continue
        for _, _, entries in tables:
            for name, val, _ in entries:
                strings[name] = val.decode("utf-16-le").rstrip("\0")
    for name, expected in (("FileVersion", version), ("ProductVersion", version),
                           ("OriginalFilename", original), ("ProductName", "libbtxdose")):
        if strings.get(name) != expected:
            fail(f"{path}: {name} is {strings.get(name)!r}, expected {expected!r}")
        else:
            ok(f"{Path(path).name}: {name} {expected}")


def main(argv: List[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "exports" and len(args) == 5:
        cmd_exports(*args)
    elif cmd == "imports" and len(args) == 5:
        cmd_imports(*args)
    elif cmd == "version" and len(args) == 3:
        cmd_version(*args)
    else:
        print(__doc__)
        return 2
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

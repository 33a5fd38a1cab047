# SPDX-License-Identifier: Apache-2.0
"""Citations a user can follow (docs/sources.md).

    check_sources.py --lib BUILD/lib/libbtxdose.so.1.x.y --root SOURCE_DIR

Checks, and prints every violation (exit status 1 when there is any):

(a) every source id (S12, S101c, N4, BH1, ...) in the strings of the BUILT library (its
    .rodata, read from the file's bytes as `strings` would) and in docs/*.md, README.md,
    include/, python/ and lib/*_data.c resolves to an entry of docs/sources.md with an
    http(s) address; a library string that cites `docs/<page>.md "<Heading>"` names a
    page and heading that exist; a link `page.md#anchor` between docs pages resolves;
(b) neither the built library (any byte of it) nor a file under include/, docs/,
    python/, tools/, examples/, README.md, lib/*_data.c or lib/version.c names a file
    outside the repository (design.md, label-facts.md, label-review-2.md,
    billing-facts.md, ../shared);
(c) no string of the built library or of lib/*_data.c cites a section as "2.x" or in
    the old "PI 2 (...)" form, and every `.source` string of lib/rules_data.c and
    lib/protocol_data.c follows docs/sources.md "How to read a source string".

Standard library only.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Set, Tuple

ID = r"(?:S\d+[a-z]?|N\d+|B[HWRNPSCM]\d+)"
ID_RE = re.compile(r"\b" + ID + r"\b")
ID_LIST = r"\[" + ID + r"(?:, " + ID + r")*\]"
FORBIDDEN_RE = re.compile(r"design\.md|label-facts|label-review-2|billing-facts|\.\./shared")
FORBIDDEN_BYTES = [b"design.md", b"label-facts", b"label-review-2", b"billing-facts",
                   b"../shared"]
# "2.x", "5.x" and the pre-1.2 form "PI 2 (", "PI 2.1 (" (a year such as "PI 2021" is not).
OLD_SECTION_RES = (re.compile(r"\b\d+\.x\b"), re.compile(r"\bPI \d{1,2}(?:\.\d+)*(?!\d)"))

DOC_REF_RE = re.compile(r"docs/([\w.-]+\.md) \"([^\"]+)\"")
LABELS = r"(?:BOTOX Cosmetic|BOTOX|Dysport|Xeomin|Jeuveau|Daxxify|Letybo|Myobloc)"
SECTION = r"§\d+(?:\.\d+)*(?: Table \d+)?"
LABEL_SOURCE_RE = re.compile(
    r"^" + LABELS + r" PI (?:" + SECTION + r"(?: and " + SECTION + r")*"
    r"(?: Dosage and Administration| Indications and Usage)?|patient labeling)"
    r" \(.+\), rev\. (?:\d{4}(?:-\d{2})?|not seen) " + ID_LIST + r"$")
# A bare §1 or §2 says which part of the label it is.
BARE_SECTION_RE = re.compile(
    r"§([12])(?![\d.])(?! (?:Dosage and Administration|Indications and Usage))")


def old_sections(text: str) -> List[str]:
    return [m.group(0) for r in OLD_SECTION_RES for m in r.finditer(text)]


# ---- the built library -------------------------------------------------------------

def elf_rodata(data: bytes) -> List[bytes]:
    """The bytes of every .rodata* section of an ELF file (string literals live there)."""
    cls, order = data[4], "<" if data[5] == 1 else ">"
    if cls == 2:
        shoff = struct.unpack_from(order + "Q", data, 0x28)[0]
        shentsize, shnum, shstrndx = struct.unpack_from(order + "HHH", data, 0x3A)
        fmt = order + "IIQQQQ"
    else:
        shoff = struct.unpack_from(order + "I", data, 0x20)[0]
        shentsize, shnum, shstrndx = struct.unpack_from(order + "HHH", data, 0x2E)
        fmt = order + "IIIIII"

    def header(i: int) -> Tuple[int, int, int, int]:
        name, kind, _flags, _addr, offset, size = struct.unpack_from(fmt, data,
                                                                      shoff + i * shentsize)
        return name, kind, offset, size

    names = header(shstrndx)[2]
    out = []
    for i in range(shnum):
        name, kind, offset, size = header(i)
        end = data.index(b"\0", names + name)
        if data[names + name:end].startswith(b".rodata") and kind != 8:  # 8: SHT_NOBITS
            out.append(data[offset:offset + size])
    if not out:
        raise SystemExit("check_sources: no .rodata section in the library")
    return out


def library_strings(path: Path) -> Tuple[bytes, List[str]]:
    """The whole file and its NUL-terminated text strings of 4 or more characters."""
    data = path.read_bytes()
    blobs = elf_rodata(data) if data[:4] == b"\x7fELF" else [data]
    strings = []
    for blob in blobs:
        for raw in blob.split(b"\0"):
            text = raw.decode("utf-8", errors="replace")
            # keep the printable tail of each run, as `strings` does
            for run in re.findall(r"[^\x00-\x08\x0e-\x1f\x7f\ufffd]{4,}", text):
                strings.append(run)
    return data, strings


# ---- docs/sources.md ---------------------------------------------------------------

def load_sources(sources_md: Path) -> Dict[str, str]:
    """id -> its entry's text, for every `### <id>` heading of docs/sources.md."""
    entries: Dict[str, str] = {}
    current = None
    lines: List[str] = []
    for line in sources_md.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if current is not None:
                entries[current] = "\n".join(lines)
            m = re.fullmatch(r"### (" + ID + r")", line.strip())
            current = m.group(1) if m else None
            if current is not None and current in entries:
                raise SystemExit(f"check_sources: {sources_md}: {current} has two entries")
            lines = []
        elif current is not None:
            lines.append(line)
    if current is not None:
        entries[current] = "\n".join(lines)
    return entries


def has_address(entry: str) -> bool:
    return any(line.startswith("- **Address:**") and re.search(r"<https?://[^>\s]+>", line)
               for line in entry.splitlines())


def headings(md: Path) -> Set[str]:
    return {re.sub(r"^#+\s*", "", line).strip()
            for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("#")}


def slug(heading: str) -> str:
    """The anchor GitHub and most Markdown renderers give a heading."""
    text = heading.lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


# ---- the checks --------------------------------------------------------------------

def text_files(root: Path) -> Iterator[Path]:
    for sub in ("include", "python", "tools", "examples"):
        base = root / sub
        if base.is_dir():
            for p in sorted(base.rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    yield p
    yield from sorted((root / "docs").glob("*.md"))
    yield from sorted((root / "lib").glob("*_data.c"))
    for p in (root / "README.md", root / "lib" / "version.c"):
        if p.is_file():
            yield p


def read_text(p: Path) -> str:
    return p.read_bytes().decode("utf-8", errors="replace")


def c_sources(path: Path) -> List[Tuple[int, str]]:
    """(line, text) of every `.source = "..." "..."` of a data file."""
    text = path.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"\.source = ((?:\"(?:[^\"\\]|\\.)*\"\s*)+)", text):
        parts = re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(1))
        out.append((text.count("\n", 0, m.start()) + 1,
                    "".join(parts).replace('\\"', '"')))
    return out


def check(lib: Path, root: Path) -> List[str]:
    errors: List[str] = []
    docs = root / "docs"
    sources = load_sources(docs / "sources.md")
    data, strings = library_strings(lib)

    def resolve(ident: str, where: str) -> None:
        if ident not in sources:
            errors.append(f"(a) {where}: source id {ident} has no entry in docs/sources.md")
        elif not has_address(sources[ident]):
            errors.append(f"(a) {where}: source id {ident}: its docs/sources.md entry "
                          "has no http(s) address")

    # (a) ids and doc references in the built library
    lib_ids = 0
    for s in strings:
        for ident in ID_RE.findall(s):
            lib_ids += 1
            resolve(ident, f"{lib.name} string \"{s[:80]}\"")
        for page, heading in DOC_REF_RE.findall(s):
            target = docs / page
            if not target.is_file() or heading not in headings(target):
                errors.append(f"(a) {lib.name} string \"{s[:80]}\" cites docs/{page} "
                              f"\"{heading}\", which has no such heading")
    if lib_ids == 0:
        errors.append(f"(a) {lib.name}: no source id found in the library's strings "
                      "(is this the library?)")

    # (a) ids in the docs and the sources of the strings; links between docs pages
    id_files = sorted(docs.glob("*.md")) + sorted((root / "lib").glob("*_data.c"))
    id_files += [p for p in text_files(root) if p.parts[len(root.parts)] in
                 ("include", "python")] + [root / "README.md"]
    for p in id_files:
        if not p.is_file():
            continue
        for n, line in enumerate(read_text(p).splitlines(), 1):
            if p.name == "sources.md" and re.fullmatch(r"### " + ID, line.strip()):
                continue  # an entry's own heading is not a citation
            for ident in ID_RE.findall(line):
                resolve(ident, f"{p.relative_to(root)}:{n}")
    for p in sorted(docs.glob("*.md")):
        for n, line in enumerate(read_text(p).splitlines(), 1):
            for page, anchor in re.findall(r"\]\(([\w.-]+\.md)?#([\w-]+)\)", line):
                target = docs / page if page else p
                if not target.is_file():
                    errors.append(f"(a) {p.relative_to(root)}:{n}: link to missing {page}")
                elif anchor not in {slug(h) for h in headings(target)}:
                    errors.append(f"(a) {p.relative_to(root)}:{n}: link to "
                                  f"{target.name}#{anchor}, which has no such heading")

    # (b) no file outside the repository, in the library or the user-visible files
    for word in FORBIDDEN_BYTES:
        if word in data:
            at = data.index(word)
            context = data[max(0, at - 40):at + 40].decode("utf-8", errors="replace")
            errors.append(f"(b) {lib.name} names {word.decode()}: ...{context!r}...")
    for p in text_files(root):
        for n, line in enumerate(read_text(p).splitlines(), 1):
            m = FORBIDDEN_RE.search(line)
            if m:
                errors.append(f"(b) {p.relative_to(root)}:{n} names {m.group(0)}: "
                              f"{line.strip()[:100]}")

    # (c) sections as seen, in one format
    for s in strings:
        for bad in old_sections(s):
            errors.append(f"(c) {lib.name} string cites \"{bad}\": \"{s[:100]}\"")
    for p in sorted((root / "lib").glob("*_data.c")):
        for n, line in enumerate(read_text(p).splitlines(), 1):
            for bad in old_sections(line):
                errors.append(f"(c) {p.relative_to(root)}:{n} cites \"{bad}\"")
    count = 0
    for name in ("rules_data.c", "protocol_data.c"):
        for n, src in c_sources(root / "lib" / name):
            count += 1
            where = f"(c) lib/{name}:{n}"
            if not re.search(ID_LIST, src) and not DOC_REF_RE.search(src):
                errors.append(f"{where}: cites neither source ids [..] nor a docs heading: "
                              f"\"{src}\"")
            if re.match(LABELS + r" PI ", src) and not LABEL_SOURCE_RE.match(src):
                errors.append(f"{where}: not \"<label> PI §<section> (<what>), "
                              f"rev. <revision> [<ids>]\": \"{src}\"")
            m = BARE_SECTION_RE.search(src)
            if m:
                errors.append(f"{where}: bare §{m.group(1)} without the part's name: "
                              f"\"{src}\"")
    if count == 0:
        errors.append("(c) no .source string found in lib/rules_data.c, lib/protocol_data.c")
    return errors


def main(argv: Iterable[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lib", required=True, type=Path, help="the built shared library")
    ap.add_argument("--root", required=True, type=Path, help="the source tree")
    args = ap.parse_args(list(argv))
    errors = check(args.lib, args.root)
    for e in errors:
        print(e)
    if errors:
        print(f"check_sources: {len(errors)} problem(s)")
        return 1
    count = len(load_sources(args.root / "docs" / "sources.md"))
    print(f"check_sources: ok ({args.lib.name}; {count} sources in docs/sources.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

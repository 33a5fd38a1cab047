# SPDX-License-Identifier: Apache-2.0
"""Copies docs/*.md for Doxygen, with GitHub's section links made Doxygen's.

On GitHub every heading has an anchor (its "slug") and docs link to them as
``[text](#slug)`` or ``[text](page.md#slug)``. Doxygen 1.9 gives a heading an anchor only
when it carries one, ``## Heading {#label}``, and labels are global. So each copy gets
``{#<page>_<slug>}`` on every heading below the title, and every section link is rewritten
to that label. A link to a section that does not exist stops the build (the docs target
treats warnings as errors too). An '@' before a letter in text (Drugs@FDA) is escaped, so
that Doxygen does not read it as a command, and so is a '<' that starts no tag (12..<14 kg).
Code blocks and code spans are left alone.

Usage: doxygen_pages.py OUT_DIR PAGE.md...
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Dict, List, Tuple

CODE_SPAN = re.compile(r"(`+)(.+?)\1|<[a-z]+://[^>\s]*>")
AT_WORD = re.compile(r"(?<!\\)@(?=[A-Za-z])")
LT_TEXT = re.compile(r"<(?=[0-9\s=.])")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
LINK = re.compile(r"\]\(([A-Za-z0-9_.-]*\.md)?#([^)\s]+)\)")


def slug(text: str) -> str:
    """GitHub's anchor for a heading: the rendered text, lower case, punctuation other
    than '-' and '_' removed, spaces as '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)     # [text](url) -> text
    text = text.replace("`", "").replace("*", "")
    text = text.lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def escape_text(text: str) -> str:
    # '@' before a letter (Drugs@FDA) is text, not a Doxygen command; '<' before a digit,
    # a space, '=' or '.' (12..<14 kg, < 5 U) is text, not the start of a tag: Doxygen
    # 1.9 otherwise loses the links that follow it.
    return LT_TEXT.sub("&lt;", AT_WORD.sub(r"\\@", text))


def escape_commands(line: str) -> str:
    """escape_text() outside code spans and autolinks."""
    out, pos = [], 0
    for m in CODE_SPAN.finditer(line):
        out.append(escape_text(line[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(escape_text(line[pos:]))
    return "".join(out)


def label(page: str, anchor: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", f"{Path(page).stem}_{anchor}")


def headings(lines: List[str]) -> List[Tuple[int, int, str]]:
    """(line index, level, slug) of every heading outside code blocks; repeated slugs get
    -1, -2, ... as on GitHub."""
    out = []
    seen: Dict[str, int] = {}
    fenced = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if not m:
            continue
        s = slug(m.group(2))
        n = seen.get(s, 0)
        seen[s] = n + 1
        out.append((i, len(m.group(1)), s if n == 0 else f"{s}-{n}"))
    return out


def main(argv: List[str]) -> int:
    out_dir = Path(argv[0])
    pages = [Path(p) for p in argv[1:]]
    out_dir.mkdir(parents=True, exist_ok=True)
    text = {p.name: p.read_text(encoding="utf-8").splitlines() for p in pages}
    anchors = {name: headings(lines) for name, lines in text.items()}
    known = {name: {s for _, _, s in hs} for name, hs in anchors.items()}
    errors = []
    for page in pages:
        lines = list(text[page.name])
        for i, level, s in anchors[page.name]:
            if level > 1:
                lines[i] = f"{lines[i].rstrip()} {{#{label(page.name, s)}}}"
        fenced = False
        for i, line in enumerate(lines):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if fenced:
                continue

            def fix(m: "re.Match[str]") -> str:
                target = m.group(1) or page.name
                if target not in known:
                    errors.append(f"{page}:{i + 1}: link to {target}, which is not a page of the site")
                    return m.group(0)
                if m.group(2) not in known[target]:
                    errors.append(f"{page}:{i + 1}: link to {target}#{m.group(2)}: no such section")
                    return m.group(0)
                return f"](#{label(target, m.group(2))})"

            lines[i] = escape_commands(LINK.sub(fix, line))
        (out_dir / page.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

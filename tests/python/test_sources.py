# SPDX-License-Identifier: Apache-2.0
"""Every citation the package hands out (``Protocol.source``, ``Finding.source``) can be
followed: its source ids resolve to an entry of docs/sources.md with an address, and a
reference to the library's own semantics names a heading that exists."""

from __future__ import annotations

import datetime
import importlib.util
import re
from typing import Dict, List, Set

import pytest

import btxdose
from btxdose import Administration, Indication, Patient, Policy, Population, Product, Rule

from conftest import REPO

_spec = importlib.util.spec_from_file_location(
    "check_sources", REPO / "tests" / "sources" / "check_sources.py")
assert _spec is not None and _spec.loader is not None
check_sources = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_sources)

SOURCES = check_sources.load_sources(REPO / "docs" / "sources.md")
D = datetime.date


def problems(source: str) -> List[str]:
    """What keeps a reader from following this citation; empty when nothing does."""
    out = []
    ids = check_sources.ID_RE.findall(source)
    refs = check_sources.DOC_REF_RE.findall(source)
    if not ids and not refs:
        out.append("neither source ids nor a docs heading")
    for ident in ids:
        if ident not in SOURCES:
            out.append(f"{ident} not in docs/sources.md")
        elif not check_sources.has_address(SOURCES[ident]):
            out.append(f"{ident} has no address in docs/sources.md")
    for page, heading in refs:
        if heading not in check_sources.headings(REPO / "docs" / page):
            out.append(f"docs/{page} has no heading {heading!r}")
    out += [f"cites {bad!r}" for bad in check_sources.old_sections(source)]
    return out


def test_every_protocol_source_resolves() -> None:
    checked = 0
    for product in Product:
        for indication in Indication:
            for population in Population:
                try:
                    p = btxdose.protocol(product, indication, population)
                except btxdose.BtxNotFoundError:
                    continue
                checked += 1
                assert p.source.startswith(p.product_name), p.source
                assert problems(p.source) == [], (p.source, problems(p.source))
    assert checked >= 37  # every protocol row answers at least once


def _findings_over_every_pair() -> Dict[int, Set[str]]:
    """Rule id -> the sources its findings carried, over every product x indication, for
    an adult, a child with a weight, a 70-year-old and an unknown patient, with and
    without a policy window and spacing, each proposal large enough to break its limits
    and with a history of the same pair and of another substance."""
    patients = [Patient(birth_date=D(1980, 1, 1)),
                Patient(birth_date=D(2015, 1, 1), weight_kg=30, weight_date=D(2025, 5, 1)),
                Patient(birth_date=D(1955, 1, 1)), None]
    policies = [None, Policy(window_length=90, min_spacing_days=30, history_complete=True)]
    seen: Dict[int, Set[str]] = {}
    for product in Product:
        other = Product.MYOBLOC if product != Product.MYOBLOC else Product.DYSPORT
        for indication in Indication:
            history = [Administration(D(2025, 5, 1), product, indication, 10),
                       Administration(D(2025, 5, 20), other, Indication.CERVICAL_DYSTONIA, 100)]
            proposal = Administration(D(2025, 6, 1), product, indication, 1500)
            for patient in patients:
                for policy in policies:
                    for f in btxdose.evaluate(history, proposal, patient, policy):
                        seen.setdefault(int(f.rule), set()).add(f.source)
    return seen


def test_every_finding_source_resolves() -> None:
    seen = _findings_over_every_pair()
    # the sweep reaches every rule, so no source goes unchecked
    assert set(seen) == {int(r) for r in Rule}, sorted({int(r) for r in Rule} - set(seen))
    bad = {(rule, s): problems(s) for rule, sources in seen.items() for s in sources
           if problems(s)}
    assert bad == {}


@pytest.mark.parametrize("rule, heading", [
    (Rule.NOTICE_AGE_UNKNOWN, "Population"),
    (Rule.NOTICE_HISTORY_INCOMPLETE, "History"),
    (Rule.POLICY_SPACING, "Re-treatment intervals"),
])
def test_semantics_notices_cite_the_docs(rule: Rule, heading: str) -> None:
    sources = _findings_over_every_pair()[int(rule)]
    assert len(sources) == 1
    (source,) = sources
    assert f'docs/semantics.md "{heading}"' in source
    assert not re.search(r"design\.md|label-facts|\.\./shared", source)

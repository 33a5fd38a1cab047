# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "completeness" (docs/fhir.md): a searchset with a next link that is
not followed in the input is incomplete: the history is never declared complete."""

from __future__ import annotations

import datetime

import pytest

import btxdose
from btxdose import fhir
from fhir_util import by_code, load, notice_codes

# Dysport cervical dystonia: 2025-11-03 and 2026-01-26 on page 1, 2026-03-16 on page 2.
PROPOSAL = "2026-04-20,Dysport,cervical dystonia,500"


class TestPagedSearchset:
    def test_first_page_alone_is_incomplete(self) -> None:
        r = fhir.check(load("paged_page1.json"), PROPOSAL)
        assert r.data.incomplete
        assert "history_incomplete" in notice_codes(r.notices)
        # from page 1 alone the interval looks kept (12 weeks after 2026-01-26) ...
        assert not by_code(r.findings)["too_soon"].failed
        assert by_code(r.findings)["history_incomplete"].status_name == "pass"

    def test_first_page_cannot_be_declared_complete(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.check(load("paged_page1.json"), PROPOSAL,
                       policy=btxdose.Policy(history_complete=True))
        assert ei.value.field == "history_complete"

    def test_all_pages_together_are_complete(self) -> None:
        # ... but page 2 holds a session on 2026-03-16: five weeks before the proposal
        r = fhir.check([load("paged_page1.json"), load("paged_page2.json")], PROPOSAL,
                       policy=btxdose.Policy(history_complete=True))
        assert not r.data.incomplete
        assert "history_incomplete" not in notice_codes(r.notices)
        soon = by_code(r.findings)["too_soon"]
        assert soon.failed and soon.severity_name == "critical"
        assert soon.earliest_date == datetime.date(2026, 6, 8)
        # the included Patient is on both pages: read once
        assert r.patient.birth_date == datetime.date(1959, 8, 21)
        assert "duplicate_resource" in notice_codes(r.notices, "Patient/p-77")

    def test_pages_inside_a_collection_bundle(self) -> None:
        outer = {"resourceType": "Bundle", "type": "collection", "entry": [
            {"resource": load("paged_page1.json")}, {"resource": load("paged_page2.json")}]}
        r = fhir.read(outer)
        assert not r.incomplete and len(r.records) == 3

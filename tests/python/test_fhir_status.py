# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "status" (docs/fhir.md): completed and in-progress count;
not-done and entered-in-error are excluded and listed; stopped, on-hold and unknown
follow status_policy ("count" with a notice, or "refuse")."""

from __future__ import annotations

import pytest

from btxdose import fhir
from fhir_util import NY, by_code, changed, notice_codes

# 2025-12-08 100 U for OAB; the proposal is 12 weeks later, and its window holds both.
PROPOSAL = "2026-03-02,Botox,chronic migraine,310"
MA = "MedicationAdministration/ma-one"


def _status(status):
    return changed("single_oab.json", "ma-one", lambda ma: ma.__setitem__("status", status))


class TestCounted:
    @pytest.mark.parametrize("status", ["completed", "in-progress"])
    def test_given(self, status) -> None:
        r = fhir.check(_status(status), PROPOSAL, tz=NY)
        window = by_code(r.findings)["window_limit"]
        assert window.total_units == 100 and window.failed     # 100 + 310 > 400 U
        assert notice_codes(r.notices, MA) == []


class TestExcluded:
    @pytest.mark.parametrize("status", ["not-done", "entered-in-error"])
    def test_left_out_and_listed(self, status) -> None:
        r = fhir.check(_status(status), PROPOSAL, tz=NY)
        assert r.history == []
        assert not by_code(r.findings)["window_limit"].failed   # 310 of 400 U
        notes = [n for n in r.notices if n.resource == MA]
        assert [n.code for n in notes] == ["status_excluded"] and status in notes[0].message

    def test_excluded_records_need_no_readable_dose(self) -> None:
        def broken(ma):
            ma["status"] = "not-done"
            ma["dosage"] = {"dose": {"value": 3, "unit": "mL"}}
        r = fhir.read(changed("single_oab.json", "ma-one", broken), tz=NY)
        assert r.records == []


class TestUncertain:
    @pytest.mark.parametrize("status", ["stopped", "on-hold", "unknown"])
    def test_counted_in_full_with_a_notice_by_default(self, status) -> None:
        r = fhir.check(_status(status), PROPOSAL, tz=NY)
        window = by_code(r.findings)["window_limit"]
        assert window.total_units == 100 and window.failed
        assert "status_uncertain" in notice_codes(r.notices, MA)

    @pytest.mark.parametrize("status", ["stopped", "on-hold", "unknown"])
    def test_refused_on_request(self, status) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_status(status), tz=NY, status_policy="refuse")
        assert ei.value.resource == MA and ei.value.field == "status"
        assert status in str(ei.value)


class TestInvalid:
    @pytest.mark.parametrize("status", [None, "done", "Completed", ""])
    def test_not_a_status(self, status) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_status(status), tz=NY)
        assert ei.value.resource == MA and ei.value.field == "status"

    def test_unknown_policy(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_status("completed"), tz=NY, status_policy="ignore")
        assert ei.value.field == "status_policy"

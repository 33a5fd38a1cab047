# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "indication" (docs/fhir.md): reasonCode (ICD-10-CM codes, bare or
with a dot, any case; displays; text) and reasonReference to a Condition in the input;
none, or no mapping, means "not recorded" with a notice."""

from __future__ import annotations

import datetime

import pytest

from btxdose import Indication, fhir
from fhir_util import NY, by_code, changed, load, notice_codes

MA = "MedicationAdministration/ma-one"


def _reasons(**fields):
    def change(ma):
        ma.pop("reasonCode", None)
        ma.update(fields)
    return changed("single_oab.json", "ma-one", change)


def _icd(code):
    return [{"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code}]}]


class TestReasonCode:
    @pytest.mark.parametrize("code,indication", [
        ("N32.81", Indication.OVERACTIVE_BLADDER), ("N3281", Indication.OVERACTIVE_BLADDER),
        ("n32.81", Indication.OVERACTIVE_BLADDER), ("G24.5", Indication.BLEPHAROSPASM),
        ("G245", Indication.BLEPHAROSPASM), ("L74510", Indication.AXILLARY_HYPERHIDROSIS),
        ("N31.9", Indication.NEUROGENIC_DETRUSOR_OVERACTIVITY),
        ("H50.011", Indication.STRABISMUS), ("K11.7", Indication.CHRONIC_SIALORRHEA),
        ("I69.351", None), ("G43.909", None), ("Z41.1", None),
    ])
    def test_icd10_cm_codes(self, code, indication) -> None:
        r = fhir.read(_reasons(reasonCode=_icd(code)), tz=NY)
        assert r.records[0].administration.indication == indication
        assert ("indication_not_recorded" in notice_codes(r.notices, MA)) == (indication is None)

    def test_display_and_text(self) -> None:
        r = fhir.read(_reasons(reasonCode=[{"coding": [{"system": "http://snomed.info/sct",
                                                        "display": "Overactive bladder"}]}]),
                      tz=NY)
        assert r.records[0].administration.indication == Indication.OVERACTIVE_BLADDER
        r = fhir.read(_reasons(reasonCode=[{"text": "OAB"}]), tz=NY)
        assert r.records[0].administration.indication == Indication.OVERACTIVE_BLADDER

    def test_two_indications_are_an_error(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_reasons(reasonCode=_icd("N32.81") + _icd("G43.709")), tz=NY)
        assert ei.value.resource == MA
        assert "overactive_bladder" in str(ei.value) and "chronic_migraine" in str(ei.value)

    def test_a_mapped_and_an_unmapped_reason_give_the_mapped_one(self) -> None:
        r = fhir.read(_reasons(reasonCode=_icd("R35.0") + _icd("N32.81")), tz=NY)
        assert r.records[0].administration.indication == Indication.OVERACTIVE_BLADDER


class TestNotRecorded:
    def test_no_reason_counts_substance_wide_with_a_notice(self) -> None:
        # the earlier bladder session has no reason: its 12-week interval cannot be
        # checked, but its 100 U still count in the 400 U window
        r = fhir.check(_reasons(), "2026-02-02,Botox,overactive bladder,310", tz=NY)
        assert r.history[0].administration.indication is None
        note = [n for n in r.notices if n.resource == MA][0]
        assert note.code == "indication_not_recorded" and "no reasonCode" in note.message
        window = by_code(r.findings)["window_limit"]
        assert window.failed and window.total_units == 100
        assert not by_code(r.findings)["too_soon"].failed

    def test_unmapped_code_is_named_in_the_notice(self) -> None:
        r = fhir.read(_reasons(reasonCode=_icd("R35.0")), tz=NY)
        note = [n for n in r.notices if n.resource == MA][0]
        assert note.code == "indication_not_recorded" and "R35.0" in note.message


class TestReasonReference:
    def test_condition_by_urn_uuid_synthea_style(self) -> None:
        # Synthea: reasonReference to a Condition (ICD-10-CM G43709, bare code);
        # 2026-02-23 is 11 weeks after 2025-12-08: too soon for the 12-week schedule
        r = fhir.check(load("synthea_style.json"), "2026-02-23,Botox,chronic migraine,155",
                       tz=NY, assume_label_units=True)
        assert {h.administration.indication for h in r.history} == {Indication.CHRONIC_MIGRAINE}
        soon = by_code(r.findings)["too_soon"]
        assert soon.failed and soon.earliest_date == datetime.date(2026, 3, 2)
        assert r.patient.weight_kg == 72.5

    def test_unresolved_condition_is_an_error(self) -> None:
        data = changed("synthea_style.json", "b1f0e8c4-5a3d-4d0e-8f7e-2c9a1b6d7401",
                       lambda ma: ma.__setitem__("reasonReference", [{"reference": "Condition/x"}]))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY, assume_label_units=True)
        assert ei.value.resource == "MedicationAdministration/b1f0e8c4-5a3d-4d0e-8f7e-2c9a1b6d7401"
        assert ei.value.field == "reasonReference[0]"

    def test_reference_to_an_observation_is_not_read(self) -> None:
        data = load("synthea_style.json")
        ma = [e["resource"] for e in data["entry"]
              if e["resource"]["id"] == "b1f0e8c4-5a3d-4d0e-8f7e-2c9a1b6d7401"][0]
        ma["reasonReference"] = [{"reference": "urn:uuid:b1f0e8c4-5a3d-4d0e-8f7e-2c9a1b6d7301"}]
        r = fhir.read(data, tz=NY, assume_label_units=True)
        codes = notice_codes(r.notices, "MedicationAdministration/"
                                        "b1f0e8c4-5a3d-4d0e-8f7e-2c9a1b6d7401")
        assert "reason_not_read" in codes and "indication_not_recorded" in codes

# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rules "subject" and "patient data" (docs/fhir.md): only the chosen
patient's resources count; a second subject or a guardian's Patient needs patient=;
birth date from the chosen Patient; weight from the latest body weight, converted."""

from __future__ import annotations

import datetime

import pytest

from btxdose import fhir
from fhir_util import NY, by_code, changed, failed, load, notice_codes, resource

LB = 0.45359237


class TestGuardianPatient:
    """A child's bundle that also holds the guardian's Patient and records."""

    def test_two_patients_need_patient_and_the_error_lists_both(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(load("family_guardian.json"), tz=NY)
        e = ei.value
        assert e.field == "patient" and e.resource is None
        assert "Patient/child-ana" in str(e) and "born 2017-05-14" in str(e)
        assert "Patient/guardian-eva" in str(e) and "born 1986-02-03" in str(e)

    def test_child_is_checked_under_pediatric_rules_with_her_weight_in_pounds(self) -> None:
        # 150 U of BOTOX for an 8-year-old's upper limb: the pediatric session cap is the
        # lower of 6 U/kg and 200 U; 44 lb = 19.96 kg, so 119.7 U. (Read as 44 kg, or as
        # an adult, 150 U would pass.)
        r = fhir.check(load("family_guardian.json"), "2026-04-13,Botox,upper limb spasticity,150",
                       patient="child-ana", tz=NY)
        assert r.data.patient_id == "Patient/child-ana"
        assert r.patient.birth_date == datetime.date(2017, 5, 14)
        assert r.patient.weight_kg == pytest.approx(44 * LB)
        assert r.patient.weight_date == datetime.date(2026, 1, 12)
        cap = by_code(r.findings)["session_limit"]
        assert cap.failed and cap.severity_name == "critical"
        assert cap.limit_units == pytest.approx(6 * 44 * LB, abs=0.01)
        assert "age_unknown" not in by_code(r.findings)
        # only the child's own administration is history; the guardian's is named
        assert [h.resource for h in r.history] == ["MedicationAdministration/ma-ana-2026-01-12"]
        other = [n for n in r.notices if n.code == "other_subject"]
        assert len(other) == 1 and "ma-eva-2026-02-16" in other[0].message
        assert "wt-eva-2026-02" in other[0].message

    def test_guardian_chosen_by_full_url_gets_adult_rules_and_her_own_history(self) -> None:
        r = fhir.check(load("family_guardian.json"), "2026-05-04,Botox,chronic migraine,155",
                       patient="urn:uuid:5d0c1f4e-1b7a-4c5e-9a31-6e2b1c0f4a02", tz=NY)
        assert r.data.patient_id == "Patient/guardian-eva"
        assert r.patient.weight_kg == 66
        assert [h.administration.units for h in r.history] == [155]
        # 2026-02-16 + 12 weeks = 2026-05-11: a week early (a schedule: a warning)
        soon = by_code(r.findings)["too_soon"]
        assert soon.failed and soon.severity_name == "warning"
        assert soon.earliest_date == datetime.date(2026, 5, 11)

    def test_unknown_patient_lists_the_subjects(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(load("family_guardian.json"), patient="Patient/nobody", tz=NY)
        assert ei.value.field == "patient"
        assert "Patient/child-ana" in str(ei.value) and "Patient/guardian-eva" in str(ei.value)


class TestSecondSubject:
    """A search result with administrations of two patients and no Patient resource."""

    def test_records_of_two_subjects_need_patient(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(load("two_subjects_search.json"), tz=NY)
        assert ei.value.field == "patient"
        assert "Patient/111" in str(ei.value) and "Patient/222" in str(ei.value)
        assert "no Patient resource" in str(ei.value)

    def test_only_the_chosen_subjects_doses_count(self) -> None:
        # Patient/111: 155 U; the 330 U of Patient/222 (one given by an absolute URL
        # reference) are not added: 155 + 100 of 400 U.
        r = fhir.check(load("two_subjects_search.json"),
                       "2026-02-20,Botox,overactive bladder,100", patient="111", tz=NY)
        window = by_code(r.findings)["window_limit"]
        assert not window.failed and window.total_units == 155
        assert failed(r.findings) == []
        other = [n for n in r.notices if n.code == "other_subject"][0]
        assert "MedicationAdministration/4412" in other.message
        assert "MedicationAdministration/4413" in other.message
        assert "birth_date_unknown" in notice_codes(r.notices)
        assert "age_unknown" in by_code(r.findings)

    def test_the_other_subject_by_absolute_reference(self) -> None:
        r = fhir.check(load("two_subjects_search.json"), "2026-02-20,Botox,chronic migraine,100",
                       patient="https://ehr.example.org/fhir/Patient/222", tz=NY)
        assert sorted(h.administration.units for h in r.history) == [100, 230]
        window = by_code(r.findings)["window_limit"]
        assert window.failed and window.total_units == 330 and window.limit_units == 400

    def test_a_record_without_subject_is_an_error(self) -> None:
        data = changed("two_subjects_search.json", "4411", lambda ma: ma.pop("subject"))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, patient="111", tz=NY)
        assert ei.value.resource == "MedicationAdministration/4411"
        assert ei.value.field == "subject"

    def test_a_subject_by_identifier_only_is_an_error(self) -> None:
        def ident(ma):
            ma["subject"] = {"identifier": {"system": "urn:oid:1.2.3", "value": "111"}}
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(changed("two_subjects_search.json", "4411", ident), tz=NY)
        assert ei.value.resource == "MedicationAdministration/4411"
        assert ei.value.field == "subject"


class TestPatientData:
    """Birth date from the chosen Patient; weight from the latest body weight on or
    before the day checked, in kg, g or [lb_av]."""

    def test_partial_birth_date_is_unknown_with_a_notice(self) -> None:
        data = changed("family_guardian.json", "child-ana",
                       lambda p: p.__setitem__("birthDate", "2017-05"))
        r = fhir.check(data, "2026-04-13,Botox,upper limb spasticity,150", patient="child-ana",
                       tz=NY)
        assert r.patient.birth_date is None
        assert "birth_date_unknown" in notice_codes(r.notices, "Patient/child-ana")
        assert "age_unknown" in by_code(r.findings)

    def test_year_only_birth_date_is_unknown(self) -> None:
        data = changed("family_guardian.json", "child-ana",
                       lambda p: p.__setitem__("birthDate", "2017"))
        r = fhir.read(data, patient="child-ana", tz=NY)
        assert r.birth_date is None

    @pytest.mark.parametrize("value,code,unit,kg", [
        (44, "[lb_av]", "lb", 44 * LB),
        (19958, "g", "g", 19.958),
        (19.96, "kg", "kg", 19.96),
        (44, None, "lbs", 44 * LB),
        (44, None, "lb", 44 * LB),
    ])
    def test_weight_units_are_converted(self, value, code, unit, kg) -> None:
        def w(obs):
            obs["valueQuantity"] = {"value": value, "unit": unit}
            if code:
                obs["valueQuantity"]["code"] = code
        data = changed("family_guardian.json", "wt-ana-2026-01", w)
        r = fhir.read(data, patient="child-ana", tz=NY)
        assert r.patient(datetime.date(2026, 4, 13)).weight_kg == pytest.approx(kg)

    @pytest.mark.parametrize("code,unit", [("[oz_av]", "oz"), ("mg", "mg"), (None, "stone"),
                                           (None, None)])
    def test_other_weight_units_are_an_error(self, code, unit) -> None:
        def w(obs):
            obs["valueQuantity"] = {"value": 44}
            if code:
                obs["valueQuantity"]["code"] = code
            if unit:
                obs["valueQuantity"]["unit"] = unit
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(changed("family_guardian.json", "wt-ana-2026-01", w), patient="child-ana",
                      tz=NY)
        assert ei.value.resource == "Observation/wt-ana-2026-01"
        assert ei.value.field.startswith("valueQuantity")

    def test_latest_weight_on_or_before_the_day(self) -> None:
        data = load("family_guardian.json")
        later = {"fullUrl": "urn:uuid:5d0c1f4e-1b7a-4c5e-9a31-6e2b1c0f4b09", "resource": dict(
            resource(data, "wt-ana-2026-01"), id="wt-ana-2026-05",
            effectiveDateTime="2026-05-20T10:00:00-04:00",
            valueQuantity={"value": 24, "unit": "kg", "system": "http://unitsofmeasure.org",
                           "code": "kg"})}
        data["entry"].append(later)
        r = fhir.read(data, patient="child-ana", tz=NY)
        assert r.patient(datetime.date(2026, 4, 13)).weight_kg == pytest.approx(44 * LB)
        assert r.patient(datetime.date(2026, 5, 20)).weight_kg == 24
        assert r.patient(datetime.date(2026, 1, 11)).weight_kg is None

# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "references" (docs/fhir.md): contained (#id), urn:uuid:, relative
(Medication/1) and absolute references are resolved through fullUrl; an unresolved one
is an error naming the resource."""

from __future__ import annotations

import datetime

import pytest

from btxdose import Product, fhir
from fhir_util import NY, by_code, changed, load

BERLIN = "Europe/Berlin"
MED = {"resourceType": "Medication", "id": "ona-100", "code": {"text": "BOTOX 100 Units"}}


def _with_medication(full_url: str, reference: str) -> dict:
    data = load("single_oab.json")
    data["entry"].append({"fullUrl": full_url, "resource": dict(MED)})
    ma = data["entry"][1]["resource"]
    ma.pop("medicationCodeableConcept")
    ma["medicationReference"] = {"reference": reference}
    return data


class TestContained:
    def test_contained_medication_and_effective_period(self) -> None:
        # HL7-style: contained Medication, effectivePeriod, in-progress, [iU] and [USP'U]
        r = fhir.check(load("hl7_contained_period.json"),
                       "2026-04-06,Xeomin,upper limb spasticity,300", tz=BERLIN)
        assert [(h.administration.date, h.administration.product) for h in r.history] == [
            (datetime.date(2026, 1, 19), Product.XEOMIN),
            (datetime.date(2025, 10, 13), Product.XEOMIN)]
        # Xeomin adult upper limb: no sooner than 12 weeks (2026-01-19 + 84 days)
        soon = by_code(r.findings)["too_soon"]
        assert soon.failed and soon.severity_name == "critical"
        assert soon.earliest_date == datetime.date(2026, 4, 13)

    def test_contained_reference_not_found(self) -> None:
        data = changed("hl7_contained_period.json", "medadm-uls-1",
                       lambda ma: ma.__setitem__("medicationReference", {"reference": "#xeo100"}))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=BERLIN)
        assert ei.value.resource == "MedicationAdministration/medadm-uls-1"
        assert ei.value.field == "medicationReference" and "#xeo100" in str(ei.value)


class TestReferenceForms:
    @pytest.mark.parametrize("full_url,reference", [
        ("urn:uuid:2a8c1f0e-9d3b-4e5f-a6b7-c8d9e0f1a2b3",
         "urn:uuid:2a8c1f0e-9d3b-4e5f-a6b7-c8d9e0f1a2b3"),
        ("https://ehr.example.org/fhir/Medication/ona-100", "Medication/ona-100"),
        ("https://ehr.example.org/fhir/Medication/ona-100",
         "https://ehr.example.org/fhir/Medication/ona-100"),
        ("https://ehr.example.org/fhir/Medication/ona-100", "Medication/ona-100/_history/3"),
        ("urn:uuid:2a8c1f0e-9d3b-4e5f-a6b7-c8d9e0f1a2b3", "Medication/ona-100"),
    ])
    def test_medication_reference_forms_resolve(self, full_url, reference) -> None:
        r = fhir.read(_with_medication(full_url, reference), tz=NY)
        assert [x.administration.product for x in r.records] == [Product.BOTOX]

    @pytest.mark.parametrize("reference", [
        "urn:uuid:00000000-0000-4000-8000-000000000000",
        "Medication/other",
        "https://elsewhere.example.org/fhir/Medication/zzz",
        "Medication?code=http://hl7.org/fhir/sid/ndc|0023-1145-01",
    ])
    def test_unresolved_reference_is_an_error_naming_the_resource(self, reference) -> None:
        data = _with_medication("urn:uuid:2a8c1f0e-9d3b-4e5f-a6b7-c8d9e0f1a2b3", reference)
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert ei.value.resource == "MedicationAdministration/ma-one"
        assert ei.value.field == "medicationReference"
        assert reference in str(ei.value)

    def test_identifier_only_reference_is_an_error(self) -> None:
        def ident(ma):
            ma.pop("medicationCodeableConcept")
            ma["medicationReference"] = {"identifier": {"system": "urn:oid:2.16.840.1.113883.6.69",
                                                        "value": "0023-1145-01"}}
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(changed("single_oab.json", "ma-one", ident), tz=NY)
        assert ei.value.field == "medicationReference" and "identifier" in str(ei.value)

    def test_reference_to_the_wrong_type_is_an_error(self) -> None:
        data = _with_medication("urn:uuid:2a8c1f0e-9d3b-4e5f-a6b7-c8d9e0f1a2b3",
                                "Patient/p-one")
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert "is a Patient" in str(ei.value)

    def test_subject_by_urn_uuid_that_is_not_in_the_input_is_an_error(self) -> None:
        data = changed("single_oab.json", "ma-one", lambda ma: ma.__setitem__(
            "subject", {"reference": "urn:uuid:99999999-0000-4000-8000-000000000000"}))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert ei.value.resource == "MedicationAdministration/ma-one"
        assert ei.value.field == "subject"

    def test_a_list_of_resources_without_bundle(self) -> None:
        data = load("single_oab.json")
        resources = [e["resource"] for e in data["entry"]]
        r = fhir.read(resources, tz=NY)
        assert r.patient_id == "Patient/p-one" and len(r.records) == 1

# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "product" (docs/fhir.md): NDC codings, brand and nonproprietary
names in displays or text; a medication that is not a botulinum toxin is skipped with a
notice; a toxin the library does not know is an error."""

from __future__ import annotations

import datetime

import pytest

import btxdose
from btxdose import Product, fhir
from fhir_util import NY, by_code, changed, failed, load, notice_codes, require_ndc


class TestNdc:
    """NDC-only codings in every layout. Products per the manufacturers' package
    NDCs: 0023-1145-01 BOTOX 100 U; 0023-9232-01 BOTOX Cosmetic 100 U (11 digits
    00023923201); 15054-0530-6 Dysport 300 U (5-4-1); 72301-595-10 Jeuveau 100 U
    (5-3-2); 00259-1610-01 Xeomin 100 U (11 digits with hyphens)."""

    def test_each_layout_gives_its_product(self) -> None:
        require_ndc()
        r = fhir.read(load("ndc_codings.json"))
        got = {x.resource.split("/")[1]: x.administration.product for x in r.records}
        assert got == {"ndc-4-4-2": Product.BOTOX, "ndc-11-plain": Product.BOTOX_COSMETIC,
                       "ndc-5-4-1": Product.DYSPORT, "ndc-5-3-2": Product.JEUVEAU,
                       "ndc-11-hyphens": Product.XEOMIN}

    def test_cosmetic_session_by_ndc_sets_the_90_day_interval(self) -> None:
        require_ndc()
        # BOTOX Cosmetic glabellar lines 2026-01-19 (by its 11-digit NDC): 20 U on
        # 2026-03-02 is 42 days later; the label asks for at least 90 days.
        r = fhir.check(load("ndc_codings.json"), "2026-03-02,BOTOX Cosmetic,glabellar lines,20")
        soon = by_code(r.findings)["too_soon"]
        assert soon.failed and soon.severity_name == "critical"
        assert soon.earliest_date == datetime.date(2026, 4, 19)
        # Dysport on 2026-01-26: another toxin within 3 months, said in a notice
        assert "mixed_substances" in by_code(r.findings)

    def test_sample_ndc_of_a_toxin_labeler_is_an_error(self) -> None:
        require_ndc()
        # 72960-112-02 is a Daxxify sample: not a finished package the library holds
        data = changed("ndc_codings.json", "ndc-5-3-2", lambda ma: ma.__setitem__(
            "medicationCodeableConcept",
            {"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "72960-112-02"}]}))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data)
        assert ei.value.resource == "MedicationAdministration/ndc-5-3-2"
        assert "72960-112-02" in str(ei.value)

    def test_malformed_ndc_is_an_error_naming_the_coding(self) -> None:
        require_ndc()
        data = changed("ndc_codings.json", "ndc-4-4-2", lambda ma: ma.__setitem__(
            "medicationCodeableConcept",
            {"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "0023114501"}]}))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data)
        assert ei.value.resource == "MedicationAdministration/ndc-4-4-2"
        assert ei.value.field == "medicationCodeableConcept.coding[0].code"

    def test_ndc_and_name_of_another_substance_is_an_error(self) -> None:
        require_ndc()
        data = changed("ndc_codings.json", "ndc-4-4-2", lambda ma: ma[
            "medicationCodeableConcept"]["coding"][0].__setitem__("display", "Dysport"))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data)
        assert "NDC 0023-1145-01 is BOTOX" in str(ei.value)

    def test_library_function(self) -> None:
        require_ndc()
        assert btxdose.product_from_ndc("0023-1145-01")[0] == Product.BOTOX
        assert btxdose.product_from_ndc(" 00023-1145-01 ")[0] == Product.BOTOX
        with pytest.raises(btxdose.BtxNotFoundError):
            btxdose.product_from_ndc("0409-4276-01")     # lidocaine: not a toxin


class TestNames:
    def test_rxnorm_style_display_with_brand(self) -> None:
        r = fhir.read(load("synthea_style.json"), tz=NY, assume_label_units=True)
        assert {x.administration.product for x in r.records} == {Product.BOTOX}

    def test_nonproprietary_name_resolves_with_the_indication(self) -> None:
        # "onabotulinumtoxinA" for glabellar lines is BOTOX Cosmetic: 19 days after a
        # cosmetic session the proposal is too soon (90 days), not merely "not labelled".
        data = changed("single_oab.json", "ma-one", lambda ma: ma.update({
            "medicationCodeableConcept": {"text": "onabotulinumtoxinA"},
            "reasonCode": [{"text": "glabellar lines"}],
            "effectiveDateTime": "2026-07-13", "dosage": {"dose": {"value": 20, "unit": "U"}}}))
        r = fhir.check(data, "2026-08-01,onabotulinumtoxinA,glabellar_lines,30")
        assert r.history[0].administration.product == Product.BOTOX_COSMETIC
        assert r.proposal.product == Product.BOTOX_COSMETIC
        soon = by_code(r.findings)["too_soon"]
        assert soon.failed and soon.severity_name == "critical"
        assert "not_labelled" not in by_code(r.findings)

    def test_medication_resource_with_ingredient(self) -> None:
        r = fhir.read(load("mixed_drugs.json"), tz=NY)
        assert [(x.resource, x.administration.product, x.administration.units)
                for x in r.records] == [("MedicationAdministration/axilla-2026-02-09",
                                         Product.BOTOX, 100)]

    def test_names_of_two_products_are_an_error(self) -> None:
        data = changed("single_oab.json", "ma-one", lambda ma: ma.__setitem__(
            "medicationCodeableConcept", {"coding": [{"display": "Botox"}],
                                          "text": "BOTOX Cosmetic 100 Units"}))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert "different products" in str(ei.value)

    def test_names_of_two_substances_are_an_error(self) -> None:
        data = changed("single_oab.json", "ma-one", lambda ma: ma.__setitem__(
            "medicationCodeableConcept", {"coding": [{"display": "Botox"}], "text": "Xeomin"}))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert ei.value.resource == "MedicationAdministration/ma-one"
        assert "different substances" in str(ei.value)


class TestNotAToxin:
    def test_lidocaine_is_skipped_and_listed(self) -> None:
        r = fhir.check(load("mixed_drugs.json"), "2026-05-11,Botox,axillary hyperhidrosis,100",
                       tz=NY)
        assert [h.resource for h in r.history] == ["MedicationAdministration/axilla-2026-02-09"]
        assert notice_codes(r.notices, "MedicationAdministration/lido-2026-02-09") == [
            "not_a_toxin"]
        assert failed(r.findings) == []

    def test_unnamed_medication_is_an_error(self) -> None:
        data = changed("mixed_drugs.json", "lido-2026-02-09", lambda ma: ma.__setitem__(
            "medicationCodeableConcept",
            {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                         "code": "1010671"}]}))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert ei.value.resource == "MedicationAdministration/lido-2026-02-09"
        assert "cannot tell" in str(ei.value)


class TestUnknownToxin:
    @pytest.mark.parametrize("text", ["Botulinum toxin type A 100 U", "Alluzience",
                                      "Some toxin", "abobotulinumtoxin"])
    def test_error_names_the_resource(self, text) -> None:
        data = changed("single_oab.json", "ma-one", lambda ma: ma.__setitem__(
            "medicationCodeableConcept", {"text": text}))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert ei.value.resource == "MedicationAdministration/ma-one"
        assert "botulinum toxin the library does not know" in str(ei.value)

    def test_unread_medication_statement_of_a_toxin_is_said(self) -> None:
        data = load("single_oab.json")
        data["entry"].append({"resource": {
            "resourceType": "MedicationStatement", "id": "ms-1", "status": "completed",
            "medicationCodeableConcept": {"text": "Dysport"},
            "subject": {"reference": "Patient/p-one"}}})
        r = fhir.read(data, tz=NY)
        assert notice_codes(r.notices, "MedicationStatement/ms-1") == ["resource_not_read"]


class TestNdcWithAnOlderLibrary:
    """A library without btx_product_from_ndc: an NDC-only toxin is an error naming the
    missing function, never a dose silently left out."""

    @pytest.fixture(autouse=True)
    def _no_ndc(self, monkeypatch) -> None:
        def missing(*args):
            raise btxdose.BtxUnavailableError("btx_product_from_ndc", "1.2")
        monkeypatch.setattr(btxdose._billing, "_product_from_ndc", missing)

    def test_ndc_only_toxin(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(load("ndc_codings.json"))
        assert ei.value.resource == "MedicationAdministration/ndc-4-4-2"
        assert "btx_product_from_ndc" in str(ei.value)

    def test_named_non_toxin_with_an_ndc_is_still_skipped(self) -> None:
        r = fhir.read(load("mixed_drugs.json"), tz=NY)
        assert notice_codes(r.notices, "MedicationAdministration/lido-2026-02-09") == [
            "not_a_toxin"]

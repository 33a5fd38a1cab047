# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "units" (docs/fhir.md): U, [iU], [USP'U], {unit}/{units} and the
unit texts U, IU, unit, units are label units; mL and every other unit are errors, never
converted; a dose without a unit is an error unless assume_label_units=True."""

from __future__ import annotations

import pytest

from btxdose import fhir
from fhir_util import NY, by_code, changed, notice_codes

PROPOSAL = "2026-03-02,Botox,overactive bladder,100"


def _dose(**fields):
    def change(ma):
        ma["dosage"]["dose"] = dict(fields)
    return changed("single_oab.json", "ma-one", change)


class TestLabelUnitSpellings:
    @pytest.mark.parametrize("code", ["U", "[iU]", "[IU]", "[USP'U]", "{unit}", "{units}",
                                      "{Units}", "{UNIT}"])
    def test_codes(self, code) -> None:
        r = fhir.check(_dose(value=100, system="http://unitsofmeasure.org", code=code),
                       PROPOSAL, tz=NY)
        assert [h.administration.units for h in r.history] == [100]
        # the 100 U counts: 100 + 100 of the 400 U window
        assert by_code(r.findings)["window_limit"].total_units == 100

    @pytest.mark.parametrize("unit", ["U", "u", "unit", "units", "Units", "UNITS", "IU",
                                      "[USP'U]"])
    def test_unit_texts(self, unit) -> None:
        r = fhir.check(_dose(value=100, unit=unit), PROPOSAL, tz=NY)
        assert [h.administration.units for h in r.history] == [100]

    def test_code_and_text_together(self) -> None:
        r = fhir.read(_dose(value=155.5, unit="Units", code="[USP'U]"), tz=NY)
        assert r.records[0].administration.units == 155.5


class TestOtherUnits:
    @pytest.mark.parametrize("fields,field", [
        ({"value": 2, "unit": "mL", "code": "mL"}, "dosage.dose.code"),
        ({"value": 2, "unit": "mL"}, "dosage.dose.unit"),
        ({"value": 100, "code": "mg"}, "dosage.dose.code"),
        ({"value": 1, "unit": "vial"}, "dosage.dose.unit"),
        ({"value": 100, "unit": "mL", "code": "U"}, "dosage.dose.unit"),
        ({"value": 100, "unit": "U", "code": "[IU]/mL"}, "dosage.dose.code"),
    ])
    def test_never_converted(self, fields, field) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_dose(**fields), tz=NY)
        assert ei.value.resource == "MedicationAdministration/ma-one"
        assert ei.value.field == field
        assert "never converted" in str(ei.value)


class TestMissingUnit:
    def test_no_unit_is_an_error(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_dose(value=100), tz=NY)
        assert ei.value.resource == "MedicationAdministration/ma-one"
        assert ei.value.field == "dosage.dose.unit"
        assert "assume_label_units" in str(ei.value)

    def test_opt_in_counts_it_with_a_notice(self) -> None:
        r = fhir.check(_dose(value=100), PROPOSAL, tz=NY, assume_label_units=True)
        assert [h.administration.units for h in r.history] == [100]
        assert "units_assumed" in notice_codes(r.notices, "MedicationAdministration/ma-one")

    def test_synthea_doses_have_no_unit(self) -> None:
        from fhir_util import load
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(load("synthea_style.json"), tz=NY)
        assert ei.value.field == "dosage.dose.unit"
        assert ei.value.resource.startswith("MedicationAdministration/b1f0e8c4")


class TestBadDose:
    @pytest.mark.parametrize("change,field", [
        (lambda ma: ma.pop("dosage"), "dosage.dose"),
        (lambda ma: ma["dosage"].pop("dose"), "dosage.dose"),
        (lambda ma: ma["dosage"]["dose"].pop("value"), "dosage.dose.value"),
        (lambda ma: ma["dosage"]["dose"].__setitem__("value", "100"), "dosage.dose.value"),
        (lambda ma: ma["dosage"]["dose"].__setitem__("comparator", "<"),
         "dosage.dose.comparator"),
    ])
    def test_error_names_the_field(self, change, field) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(changed("single_oab.json", "ma-one", change), tz=NY)
        assert ei.value.resource == "MedicationAdministration/ma-one"
        assert ei.value.field == field

    def test_negative_dose_is_refused_by_the_library(self) -> None:
        data = changed("single_oab.json", "ma-one",
                       lambda ma: ma["dosage"]["dose"].__setitem__("value", -5))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert ei.value.resource == "MedicationAdministration/ma-one"

# SPDX-License-Identifier: Apache-2.0
"""docs/fhir.md, "Limbs": the limbs a dose treats, read from MedicationAdministration
.dosage.site and MedicationRequest.dosageInstruction.site (left or right limb: 1; both: 2;
no site: not stated), a site that contradicts the indication refused, and the issue's
case through btxdose.fhir.check and ``python3 -m btxdose check --fhir``.

Fixture limbs_dysport_child.json: a child born 2018-03-01 weighing 20 kg (2026-02-01),
treated with Dysport for lower limb spasticity: 250 U in the left thigh (v3 ActSite LT),
500 U in both legs (SNOMED lower limb structure with a bilateral laterality extension),
200 U without a site, 100 U with only the text "left calf"."""

from __future__ import annotations

import json

import pytest

import btxdose
from btxdose import Indication, Rule, Status, fhir
from fhir_util import changed, cli, load, notice_codes, write

NAME = "limbs_dysport_child.json"
PROPOSAL = "2026-03-02,Dysport,lower limb spasticity,350"
SNOMED = "http://snomed.info/sct"
ACT_SITE = "http://terminology.hl7.org/CodeSystem/v3-ActSite"


def limbs_of(data) -> dict:
    return {r.resource: r.administration.limbs for r in fhir.read(data).records}


def site(*codings, text=None) -> dict:
    out = {"coding": [{"system": s, "code": c} for s, c in codings]}
    if text:
        out["text"] = text
    return out


def set_site(value):
    def change(r):
        r["dosage"]["site"] = value
    return change


def rule_27(findings) -> btxdose.Finding:
    hits = [f for f in findings if f.rule == Rule.DYSPORT_PED_LLS_LIMB]
    assert len(hits) == 1, [f.rule_name for f in findings]
    return hits[0]


class TestSites:
    def test_the_fixture_reads_one_two_and_not_stated(self) -> None:
        assert limbs_of(load(NAME)) == {
            "MedicationAdministration/ma-left-thigh": 1,
            "MedicationAdministration/ma-both-legs": 2,
            "MedicationAdministration/ma-no-site": None,
            "MedicationAdministration/ma-calf-text": None,
        }

    def test_a_site_that_names_no_side_is_said_in_a_notice(self) -> None:
        # no site: not stated, nothing to say (the library's NOT_CHECKED says it where it
        # matters); a site the reader cannot read: a notice
        data = fhir.read(load(NAME))
        assert notice_codes(data.notices, "MedicationAdministration/ma-calf-text") == \
            ["limbs_not_stated"]
        calf = [n for n in data.notices if n.resource.endswith("ma-calf-text")][0]
        assert "'left calf'" in calf.message and "not checked" in calf.message
        for rid in ("ma-left-thigh", "ma-both-legs", "ma-no-site"):
            assert notice_codes(data.notices, f"MedicationAdministration/{rid}") == []

    def test_to_dict_carries_the_limbs(self) -> None:
        rows = [r.to_dict() for r in fhir.read(load(NAME)).records]
        assert [r["limbs"] for r in rows] == [1, 2, None, None]

    @pytest.mark.parametrize("codings, limbs", [
        ([(ACT_SITE, "RT")], 1),
        ([("http://hl7.org/fhir/v3/ActSite", "LT")], 1),
        ([(SNOMED, "7771000")], 1),              # Left (a side alone: one limb)
        ([(SNOMED, "24028007")], 1),             # Right
        ([(SNOMED, "419465000")], 1),            # Unilateral right
        ([(SNOMED, "51440002")], 2),             # Bilateral
        ([(SNOMED, "61685007"), (SNOMED, "24028007")], 1),  # lower limb + right
        ([(SNOMED, "61685007")], None),          # a lower limb, no side
        ([(SNOMED, "32153003")], None),          # not a code the reader reads
    ])
    def test_codes(self, codings, limbs) -> None:
        data = changed(NAME, "ma-no-site", set_site(site(*codings)))
        assert limbs_of(data)["MedicationAdministration/ma-no-site"] == limbs

    @pytest.mark.parametrize("codings, words", [
        ([(ACT_SITE, "LA")], "names an upper limb (http://terminology.hl7.org/CodeSystem/"
                             "v3-ActSite|LA) on a lower_limb_spasticity record"),
        ([(SNOMED, "368209003")], "names an upper limb"),
        ([(ACT_SITE, "LA"), (ACT_SITE, "LT")], "names both an upper and a lower limb"),
        ([(SNOMED, "7771000"), (SNOMED, "51440002")], "names one limb and both"),
    ])
    def test_a_site_that_contradicts_is_an_error(self, codings, words) -> None:
        data = changed(NAME, "ma-no-site", set_site(site(*codings)))
        with pytest.raises(fhir.FhirError) as e:
            fhir.read(data)
        assert e.value.resource == "MedicationAdministration/ma-no-site"
        assert e.value.field == "dosage.site" and words in str(e.value)

    def test_a_limb_site_on_a_record_of_another_indication_is_an_error(self) -> None:
        def change(r):
            r["reasonCode"] = [{"text": "chronic migraine"}]
            r["dosage"]["site"] = site((ACT_SITE, "LT"))
        with pytest.raises(fhir.FhirError, match="names a lower limb .* on a chronic_migraine "
                                                 "record"):
            fhir.read(changed(NAME, "ma-no-site", change))

    def test_a_side_of_something_else_is_not_a_limb_count(self) -> None:
        # blepharospasm in the left eye: a side, no limb; nothing to say about limbs
        def change(r):
            r["reasonCode"] = [{"text": "blepharospasm"}]
            r["dosage"]["site"] = site((SNOMED, "7771000"))
        data = fhir.read(changed(NAME, "ma-no-site", change))
        rec = [r for r in data.records if r.resource.endswith("ma-no-site")][0]
        assert rec.administration.limbs is None
        assert rec.administration.indication == Indication.BLEPHAROSPASM
        assert notice_codes(data.notices, rec.resource) == []

    def test_a_limb_without_indication_is_not_a_count(self) -> None:
        def change(r):
            del r["reasonCode"]
            r["dosage"]["site"] = site((ACT_SITE, "LT"))
        data = fhir.read(changed(NAME, "ma-no-site", change))
        name = "MedicationAdministration/ma-no-site"
        assert limbs_of(changed(NAME, "ma-no-site", change))[name] is None
        assert notice_codes(data.notices, name) == ["indication_not_recorded",
                                                     "limbs_not_stated"]

    def test_a_site_that_is_not_a_codeableconcept_is_an_error(self) -> None:
        with pytest.raises(fhir.FhirError, match="dosage.site: is not a CodeableConcept"):
            fhir.read(changed(NAME, "ma-no-site", set_site(["LT"])))

    def test_only_laterality_extensions_are_read(self) -> None:
        def change(r):
            r["dosage"]["site"] = {
                "coding": [{"system": SNOMED, "code": "61685007"}],
                "extension": [{"url": "http://example.org/some-other-thing",
                               "valueCodeableConcept": site((SNOMED, "51440002"))}]}
        assert limbs_of(changed(NAME, "ma-no-site", change))[
            "MedicationAdministration/ma-no-site"] is None

    def test_a_planned_session_reads_its_dosage_instruction_site(self) -> None:
        bundle = load(NAME)
        bundle["entry"].append({"resource": {
            "resourceType": "MedicationRequest", "id": "mr-both-legs", "status": "active",
            "intent": "order", "medicationCodeableConcept": {"text": "Dysport"},
            "subject": {"reference": "urn:uuid:7a3e0c52-4f1d-4e7b-9c0a-000000000001"},
            "reasonCode": [{"text": "lower limb spasticity"}],
            "dosageInstruction": [{
                "timing": {"event": ["2026-06-01"]},
                "site": site((SNOMED, "51440002")),
                "doseAndRate": [{"doseQuantity": {"value": 400, "code": "U",
                                                  "system": "http://unitsofmeasure.org"}}]}]}})
        data = fhir.read(bundle)
        assert [(r.resource, r.administration.limbs) for r in data.planned] == \
            [("MedicationRequest/mr-both-legs", 2)]
        bundle["entry"][-1]["resource"]["dosageInstruction"][0]["site"] = \
            site((ACT_SITE, "RA"))
        with pytest.raises(fhir.FhirError) as e:
            fhir.read(bundle)
        assert e.value.field == "dosageInstruction[0].site"


class TestIssueCase:
    """A 20 kg child, Dysport, lower limb spasticity, 350 U proposed."""

    def test_one_leg_fails_at_300_u(self) -> None:
        result = fhir.check(load(NAME), PROPOSAL, limbs=1)
        f = rule_27(result.findings)
        assert f.status == Status.FAIL and f.limit_units == pytest.approx(300)
        assert result.failed and result.proposal.limbs == 1
        assert result.to_dict()["proposal"]["limbs"] == 1

    def test_two_legs_pass(self) -> None:
        result = fhir.check(load(NAME), PROPOSAL, limbs=2)
        assert rule_27(result.findings).status == Status.PASS
        assert [f.rule_name for f in result.findings if f.failed] == []

    def test_not_stated_is_not_checked(self) -> None:
        result = fhir.check(load(NAME), PROPOSAL)
        assert rule_27(result.findings).status == Status.NOT_CHECKED
        assert result.to_dict()["proposal"]["limbs"] is None

    def test_an_administration_carries_its_own_limbs(self) -> None:
        prop = btxdose.Administration("2026-03-02", "Dysport", "lower limb spasticity", 350,
                                      limbs=1)
        assert rule_27(fhir.check(load(NAME), prop).findings).status == Status.FAIL
        with pytest.raises(fhir.FhirError, match="limbs"):
            fhir.check(load(NAME), prop, limbs=2)

    def test_bad_limbs_are_an_error_naming_the_value(self) -> None:
        with pytest.raises(fhir.FhirError, match="limbs: 3"):
            fhir.check(load(NAME), PROPOSAL, limbs=3)
        with pytest.raises(fhir.FhirError, match="limbs: 2 on a chronic_migraine record"):
            fhir.check(load(NAME), "2026-03-02,Botox,chronic migraine,155", limbs=2)


class TestCli:
    def test_limbs_option(self, tmp_path, env) -> None:
        path = write(tmp_path, load(NAME))
        r = cli("check", "--fhir", path, "--propose", PROPOSAL, "--limbs", "1", "--json",
                env=env)
        assert r.returncode == 1, r.stderr
        doc = json.loads(r.stdout)
        assert doc["proposal"]["limbs"] == 1
        f = [f for f in doc["findings"] if f["rule_id"] == 27][0]
        assert (f["status"], f["limit_units"]) == ("fail", 300)
        assert [h["limbs"] for h in doc["history"]] == [1, 2, None, None]
        r = cli("check", "--fhir", path, "--propose", PROPOSAL, "--limbs", "2", env=env)
        assert r.returncode == 0, r.stderr
        assert "350 U  2 limbs" in r.stdout and "250 U  1 limb " in r.stdout
        r = cli("check", "--fhir", path, "--propose", PROPOSAL, env=env)
        assert r.returncode == 0 and "NOT_CHECKED" in r.stdout

    @pytest.mark.parametrize("bad", ["3", "0", "-1", "two", ""])
    def test_bad_limbs_option_is_status_2(self, tmp_path, env, bad) -> None:
        path = write(tmp_path, load(NAME))
        r = cli("check", "--fhir", path, "--propose", PROPOSAL, f"--limbs={bad}", env=env)
        assert r.returncode == 2 and r.stdout == ""
        assert "--limbs" in r.stderr and "not a number of limbs" in r.stderr


def test_site_codes_table_is_what_docs_list() -> None:
    """Every code the reader reads is listed in docs/fhir.md with its address."""
    from pathlib import Path
    doc = (Path(__file__).resolve().parents[2] / "docs" / "fhir.md").read_text()
    section = doc.split("\n### Limbs\n", 1)[1].split("\n### ", 1)[0]
    for (system, code), _ in fhir.SITE_CODES.items():
        if system == "http://hl7.org/fhir/v3/ActSite":
            continue   # the older URL of the same code system
        assert f"`{code}`" in section, code

# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "duplicates" (docs/fhir.md): a resource present several times
counts once (highest meta.versionId, else latest meta.lastUpdated); different ids are
different doses."""

from __future__ import annotations

import pytest

from btxdose import Indication, fhir
from fhir_util import by_code, deep, load, notice_codes, resource

# 2026-01-13 OAB 100 U (version 2; version 1 said 50 U), 2026-02-23 CM 155 U (two
# copies by lastUpdated), 2025-11-24 CM 155 U (two identical copies). The OAB proposal
# 12 weeks after the last bladder session: 100 + 155 + 100 = 355 of 400 U.
PROPOSAL = "2026-04-07,Botox,overactive bladder,100"


class TestVersionsOfOneId:
    def test_each_resource_counts_once_at_its_latest_version(self) -> None:
        r = fhir.check(load("versions_history.json"), PROPOSAL)
        got = sorted((str(h.administration.date), h.administration.units) for h in r.history)
        assert got == [("2025-11-24", 155), ("2026-01-13", 100), ("2026-02-23", 155)]
        window = by_code(r.findings)["window_limit"]
        assert window.total_units == 255 and not window.failed
        assert not by_code(r.findings)["too_soon"].failed
        dups = {n.resource: n.message for n in r.notices if n.code == "duplicate_resource"}
        assert "meta.versionId 2" in dups["MedicationAdministration/ma-oab-1"]
        assert "lastUpdated" in dups["MedicationAdministration/ma-cm-1"]
        assert "identical" in dups["MedicationAdministration/ma-cm-0"]

    def test_order_of_the_copies_does_not_matter(self) -> None:
        data = load("versions_history.json")
        data["entry"].reverse()
        r = fhir.read(data)
        assert sorted(x.administration.units for x in r.records) == [100, 155, 155]

    def test_differing_copies_without_versions_are_an_error(self) -> None:
        data = load("versions_history.json")
        copies = [e["resource"] for e in data["entry"] if e["resource"]["id"] == "ma-cm-0"]
        copies[1]["dosage"]["dose"]["value"] = 200
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data)
        assert ei.value.resource == "MedicationAdministration/ma-cm-0"

    def test_same_version_with_different_content_is_an_error(self) -> None:
        data = load("versions_history.json")
        copies = [e["resource"] for e in data["entry"] if e["resource"]["id"] == "ma-oab-1"]
        copies[1]["meta"]["versionId"] = "2"
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data)
        assert ei.value.resource == "MedicationAdministration/ma-oab-1"
        assert ei.value.field == "meta.versionId"


class TestDifferentIds:
    def test_same_content_under_two_ids_is_two_doses(self) -> None:
        data = load("versions_history.json")
        twin = deep(resource(data, "ma-cm-1"))
        twin["id"] = "ma-cm-1-twin"
        data["entry"].append({"fullUrl": "https://ehr.example.org/fhir/MedicationAdministration/"
                                         "ma-cm-1-twin", "resource": twin})
        r = fhir.check(data, PROPOSAL)
        window = by_code(r.findings)["window_limit"]
        assert window.total_units == 410 and window.failed   # 100 + 155 + 155 already
        assert "duplicate_resource" not in notice_codes(r.notices,
                                                        "MedicationAdministration/ma-cm-1-twin")


class TestCopiesUnderTwoFullUrls:
    def test_a_reference_to_the_older_copy_reaches_the_counted_one(self) -> None:
        # the same Condition sent twice, once as urn:uuid (version 1) and once by its
        # server address (version 2): a reasonReference to the urn:uuid still resolves
        data = load("synthea_style.json")
        cond = deep(resource(data, "b1f0e8c4-5a3d-4d0e-8f7e-2c9a1b6d7201"))
        cond["meta"] = {"versionId": "2"}
        for e in data["entry"]:
            if e["resource"]["id"] == cond["id"]:
                e["resource"]["meta"] = {"versionId": "1"}
        data["entry"].append({"fullUrl": "https://ehr.example.org/fhir/Condition/" + cond["id"],
                              "resource": cond})
        r = fhir.read(data, tz="America/New_York", assume_label_units=True)
        assert {x.administration.indication for x in r.records} == {Indication.CHRONIC_MIGRAINE}
        assert "duplicate_resource" in notice_codes(r.notices, "Condition/" + cond["id"])


class TestDeletedInAHistory:
    def _with_delete(self, rid: str, when) -> dict:
        data = load("versions_history.json")
        entry = {"request": {"method": "DELETE", "url": f"MedicationAdministration/{rid}"},
                 "response": {"status": "204"}}
        if when:
            entry["response"]["lastModified"] = when
        data["entry"].insert(0, entry)
        return data

    def test_a_deleted_dose_is_not_counted_and_said(self) -> None:
        r = fhir.read(self._with_delete("ma-cm-1", "2026-02-24T08:00:00Z"))
        assert sorted(x.administration.units for x in r.records) == [100, 155]
        assert "resource_deleted" in notice_codes(r.notices, "MedicationAdministration/ma-cm-1")

    def test_a_copy_newer_than_the_deletion_counts(self) -> None:
        r = fhir.read(self._with_delete("ma-cm-1", "2026-02-23T09:30:00Z"))
        assert sorted(x.administration.units for x in r.records) == [100, 155, 155]

    def test_a_deletion_that_cannot_be_ordered_is_an_error(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(self._with_delete("ma-cm-0", None))
        assert ei.value.resource == "MedicationAdministration/ma-cm-0"

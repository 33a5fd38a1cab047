# SPDX-License-Identifier: Apache-2.0
"""``python3 -m btxdose check --fhir``: exit 0 when no rule FAILs, 1 when one does, 2 for
bad input with a message naming the resource and field; --json."""

from __future__ import annotations

import json
from pathlib import Path

from fhir_util import FIXTURES, NY, changed, cli, write


def test_pass_is_exit_0(env) -> None:
    r = cli("check", "--fhir", str(FIXTURES / "single_oab.json"), "--tz", NY,
            "--propose", "2026-03-02,Botox,overactive bladder,100", env=env)
    assert r.returncode == 0, r.stderr
    assert "MedicationAdministration/ma-one" in r.stdout
    assert "PASS" in r.stdout and "FAIL" not in r.stdout


def test_fail_is_exit_1(env) -> None:
    r = cli("check", "--fhir", str(FIXTURES / "single_oab.json"), "--tz", NY,
            "--propose", "2026-02-23,Botox,overactive bladder,100", env=env)
    assert r.returncode == 1, r.stderr
    assert "FAIL" in r.stdout and "too_soon" in r.stdout and "2026-03-02" in r.stdout


def test_bad_input_is_exit_2_naming_resource_and_field(env, tmp_path: Path) -> None:
    data = changed("single_oab.json", "ma-one",
                   lambda ma: ma["dosage"]["dose"].update(unit="mL", code="mL"))
    r = cli("check", "--fhir", write(tmp_path, data), "--tz", NY,
            "--propose", "2026-03-02,Botox,overactive bladder,100", env=env)
    assert r.returncode == 2
    assert "MedicationAdministration/ma-one" in r.stderr and "dosage.dose.code" in r.stderr
    assert r.stdout == ""


def test_missing_time_zone_is_exit_2(env) -> None:
    r = cli("check", "--fhir", str(FIXTURES / "single_oab.json"),
            "--propose", "2026-03-02,Botox,overactive bladder,100", env=env)
    assert r.returncode == 2 and "effectiveDateTime" in r.stderr and "--tz" in r.stderr


def test_two_subjects_is_exit_2_then_patient_chooses(env) -> None:
    path = str(FIXTURES / "family_guardian.json")
    r = cli("check", "--fhir", path, "--tz", NY,
            "--propose", "2026-04-13,Botox,upper limb spasticity,150", env=env)
    assert r.returncode == 2 and "child-ana" in r.stderr and "guardian-eva" in r.stderr
    r = cli("check", "--fhir", path, "--tz", NY, "--patient", "child-ana",
            "--propose", "2026-04-13,Botox,upper limb spasticity,150", env=env)
    assert r.returncode == 1, r.stderr
    assert "session_limit" in r.stdout


def test_json_output(env) -> None:
    r = cli("check", "--fhir", str(FIXTURES / "family_guardian.json"), "--tz", NY,
            "--patient", "Patient/child-ana", "--json",
            "--propose", "2026-04-13,onabotulinumtoxinA,upper limb spasticity,150", env=env)
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    assert doc["exit_status"] == 1
    assert doc["proposal"]["product"] == "BOTOX"
    assert doc["patient"] == {"id": "Patient/child-ana", "birth_date": "2017-05-14",
                              "weight_kg": doc["patient"]["weight_kg"],
                              "weight_date": "2026-01-12"}
    assert abs(doc["patient"]["weight_kg"] - 19.958) < 0.001
    assert doc["history"] == [{"date": "2026-01-12", "product": "BOTOX",
                               "indication": "upper_limb_spasticity", "units": 100.0,
                               "limbs": None,
                               "resource": "MedicationAdministration/ma-ana-2026-01-12",
                               "planned": False}]
    assert any(f["code"] == "session_limit" and f["status"] == "fail" for f in doc["findings"])
    assert [n["code"] for n in doc["notices"]] == ["other_subject"]


def test_json_error(env, tmp_path: Path) -> None:
    data = changed("single_oab.json", "ma-one", lambda ma: ma.update(status="done"))
    r = cli("check", "--fhir", write(tmp_path, data), "--tz", NY, "--json",
            "--propose", "2026-03-02,Botox,overactive bladder,100", env=env)
    assert r.returncode == 2
    doc = json.loads(r.stdout)
    assert doc["error"]["resource"] == "MedicationAdministration/ma-one"
    assert doc["error"]["field"] == "status"


def test_not_json_and_bad_proposal_are_exit_2(env, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = cli("check", "--fhir", str(bad), "--propose", "2026-03-02,Botox,oab,100", env=env)
    assert r.returncode == 2 and "bad.json" in r.stderr
    r = cli("check", "--fhir", str(FIXTURES / "single_oab.json"), "--tz", NY,
            "--propose", "2026-03-02,Botax,oab,100", env=env)
    assert r.returncode == 2 and "propose" in r.stderr
    r = cli("check", "--fhir", str(FIXTURES / "single_oab.json"), env=env)
    assert r.returncode == 2 and "--propose" in r.stderr


def test_version_still_works(env) -> None:
    r = cli("--version", env=env)
    assert r.returncode == 0 and r.stdout.startswith("libbtxdose ")

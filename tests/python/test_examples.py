# SPDX-License-Identifier: Apache-2.0
"""The Python examples: quickstart.py and the FHIR -> CDS Hooks check."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import btxdose
from conftest import EXAMPLES

BUNDLE = EXAMPLES / "data" / "bundle.json"


def run(script: str, *args: str, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(EXAMPLES / script), *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_quickstart(env) -> None:
    r = run("quickstart.py", env=env)
    assert r.returncode == 0, r.stderr
    assert "155 U in 31 sites" in r.stdout
    assert "5 U per 0.1 mL" in r.stdout
    assert "headroom on 2025-04-01: 90 U" in r.stdout
    assert "critical" in r.stdout and "window_limit" in r.stdout
    assert "earliest date for that dose: 2025-04-06" in r.stdout


TZ = ("--tz", "America/New_York")


def fhir(env, *args: str) -> Tuple[subprocess.CompletedProcess, List[Dict[str, Any]]]:
    r = run("fhir_check.py", str(BUNDLE), *TZ, *args, env=env)
    cards = json.loads(r.stdout)["cards"] if r.returncode == 0 else []
    return r, cards


def test_fhir_over_limit_gives_a_critical_window_card(env) -> None:
    r, cards = fhir(env, "--propose", "2025-04-01,Botox,overactive bladder,100")
    assert r.returncode == 0, r.stderr
    for card in cards:
        assert set(card) == {"summary", "indicator", "detail", "source"}
        assert card["indicator"] in ("info", "warning", "critical")
        assert card["summary"] and len(card["summary"]) <= 140
        assert card["source"]["label"]
    critical = [c for c in cards if c["indicator"] == "critical"]
    assert len(critical) == 1
    card = critical[0]
    assert card["summary"] == ("Cumulative dose limit exceeded: 410 U of 400 U "
                               "(2025-01-02 to 2025-04-01)")
    assert "2025-04-06" in card["detail"]
    # the card's source is the library's citation for the adult window rule
    hist = [btxdose.Administration(datetime.date(2025, 1, 6), "Botox", "chronic migraine", 155),
            btxdose.Administration(datetime.date(2025, 3, 31), "Botox", "chronic migraine", 155),
            btxdose.Administration(datetime.date(2024, 10, 14), "Botox", "chronic migraine", 155)]
    prop = btxdose.Administration(datetime.date(2025, 4, 1), "Botox", "overactive bladder", 100)
    window = btxdose.evaluate(hist, prop)[0]
    assert window.rule == btxdose.Rule.ONA_ADULT_WINDOW
    assert card["source"]["label"] == window.source
    assert "BOTOX" in card["source"]["label"]
    # the entered-in-error record is left out, and said so
    assert "ma-2025-02-10-error" in r.stderr
    excluded = [c for c in cards if "excluded" in c["summary"]]
    assert len(excluded) == 1 and "entered-in-error" in excluded[0]["detail"]
    # the birth date comes from the Bundle's Patient: no age-unknown card
    assert not any(c["summary"] == "Age unknown" for c in cards)
    assert any(c["summary"] == "History not declared complete" for c in cards)


def test_fhir_within_limit_has_no_critical_card(env) -> None:
    r, cards = fhir(env, "--propose", "2025-04-06,Botox,overactive bladder,100",
                    "--history-complete")
    assert r.returncode == 0, r.stderr
    assert [c for c in cards if c["indicator"] == "critical"] == []
    assert not any(c["summary"] == "History not declared complete" for c in cards)


def test_fhir_too_soon_chronic_migraine_is_a_warning(env) -> None:
    # chronic migraine is "every 12 weeks": a schedule, so too soon is a warning
    r, cards = fhir(env, "--propose", "2025-05-01,Botox,chronic migraine,155")
    assert r.returncode == 0, r.stderr
    soon = [c for c in cards if c["summary"].startswith("Too soon")]
    assert len(soon) == 1 and soon[0]["indicator"] == "warning"
    assert "2025-06-23" in soon[0]["summary"]


def _bundle_with(tmp_path: Path, mutate) -> str:
    data = json.loads(BUNDLE.read_text())
    for e in data["entry"]:
        if e["resource"].get("id") == "ma-2025-03-31":
            mutate(e["resource"])
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_fhir_other_units_are_an_error(env, tmp_path: Path) -> None:
    def ml(res):
        res["dosage"]["dose"] = {"value": 3.1, "unit": "mL", "code": "mL"}
    r = run("fhir_check.py", _bundle_with(tmp_path, ml), *TZ, "--propose",
            "2025-04-01,Botox,overactive bladder,100", env=env)
    assert r.returncode == 2
    assert "ma-2025-03-31" in r.stderr and "'mL'" in r.stderr


def test_fhir_unknown_product_is_an_error(env, tmp_path: Path) -> None:
    def product(res):
        res["medicationCodeableConcept"] = {"text": "Some toxin"}
    r = run("fhir_check.py", _bundle_with(tmp_path, product), *TZ, "--propose",
            "2025-04-01,Botox,overactive bladder,100", env=env)
    assert r.returncode == 2 and "ma-2025-03-31" in r.stderr


def test_fhir_stopped_counts_with_a_warning_card_or_is_refused(env, tmp_path: Path) -> None:
    def status(res):
        res["status"] = "stopped"
    path = _bundle_with(tmp_path, status)
    r = run("fhir_check.py", path, *TZ, "--propose",
            "2025-04-01,Botox,overactive bladder,100", env=env)
    assert r.returncode == 0, r.stderr
    cards = json.loads(r.stdout)["cards"]
    # the stopped 155 U still counts: the window is exceeded as before
    assert any(c["indicator"] == "critical" and "410 U of 400 U" in c["summary"] for c in cards)
    stopped = [c for c in cards if "uncertain status" in c["summary"]]
    assert len(stopped) == 1 and stopped[0]["indicator"] == "warning"
    assert "ma-2025-03-31" in stopped[0]["detail"]
    r = run("fhir_check.py", path, *TZ, "--status-policy", "refuse", "--propose",
            "2025-04-01,Botox,overactive bladder,100", env=env)
    assert r.returncode == 2 and "stopped" in r.stderr and "ma-2025-03-31" in r.stderr


def test_fhir_without_time_zone_names_the_resource(env) -> None:
    r = run("fhir_check.py", str(BUNDLE), "--propose", "2025-04-01,Botox,overactive bladder,100",
            env=env)
    assert r.returncode == 2
    assert "ma-2024-10-14" in r.stderr and "effectiveDateTime" in r.stderr and "--tz" in r.stderr


def test_fhir_nonproprietary_name_and_icd10(env, tmp_path: Path) -> None:
    def ona(res):
        res["medicationCodeableConcept"] = {"coding": [{"display": "onabotulinumtoxinA"}]}
        res["reasonCode"] = [{"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm",
                                          "code": "G43.E19"}]}]
    r = run("fhir_check.py", _bundle_with(tmp_path, ona), *TZ, "--propose",
            "2025-04-01,Botox,overactive bladder,100", env=env)
    assert r.returncode == 0, r.stderr
    assert '"critical"' in r.stdout

# SPDX-License-Identifier: Apache-2.0
"""Early, precise errors (libbtxdose 1.2): records, patients and policies are checked
when they are made; a wrong type is a TypeError, a bad value a ValueError, each naming
the field and the value; a missing history is a TypeError, not an empty one; a bad
record's place and value are in the message; the patient's birth date may not be after
the date asked about; a weight measured after it is not used; the package's JSON
spells a finding as the btxdose tool does."""

from __future__ import annotations

import datetime
import json
import math
import os
import subprocess
from typing import Any, Dict

import pytest

import btxdose
from btxdose import Administration, Evidence, Patient, Policy, Rule, Status

D = datetime.date
CM = "chronic migraine"
ULS = "upper limb spasticity"
DAY = D(2026, 3, 2)
GOOD: Dict[str, Any] = dict(date=DAY, product="Botox", indication=CM, units=155)


def made(**change: Any) -> Administration:
    args = dict(GOOD)
    args.update(change)
    return Administration(**args)


# ------------------------------------------------------------------ types

@pytest.mark.parametrize("field,value", [
    ("product", None), ("product", True), ("product", 1.0), ("product", b"Botox"),
    ("units", True), ("units", None), ("units", "155"), ("units", [155]),
    ("date", None), ("date", 20260302), ("date", True),
    ("indication", True), ("indication", 1.0), ("flags", None), ("flags", False),
])
def test_wrong_type_is_type_error_naming_field_and_value(field: str, value: Any) -> None:
    with pytest.raises(TypeError) as ei:
        made(**{field: value})
    text = str(ei.value)
    assert f"Administration.{field}" in text and repr(value) in text, text
    assert not isinstance(ei.value, ValueError)


def test_policy_and_patient_types() -> None:
    cases = [
        (lambda: Policy(window_length=True), "Policy.window_length", "True"),
        (lambda: Policy(window_length=2.5), "Policy.window_length", "2.5"),  # type: ignore[arg-type]
        (lambda: Policy(window_unit=None), "Policy.window_unit", "None"),  # type: ignore[arg-type]
        (lambda: Policy(warn_fraction="0.8"), "Policy.warn_fraction", "'0.8'"),  # type: ignore[arg-type]
        (lambda: Policy(history_complete="yes"), "Policy.history_complete", "'yes'"),  # type: ignore[arg-type]
        (lambda: Patient(weight_kg="20"), "Patient.weight_kg", "'20'"),  # type: ignore[arg-type]
        (lambda: Patient(weight_kg=True), "Patient.weight_kg", "True"),  # type: ignore[arg-type]
        (lambda: Patient(birth_date=20100101), "Patient.birth_date", "20100101"),  # type: ignore[arg-type]
    ]
    for make, field, value in cases:
        with pytest.raises(TypeError) as ei:
            make()
        assert field in str(ei.value) and value in str(ei.value), str(ei.value)


# ------------------------------------------------------------------ values

@pytest.mark.parametrize("field,value,cls,shown", [
    ("units", -5, btxdose.BtxRangeError, "units: -5"),
    ("units", math.nan, btxdose.BtxRangeError, "units: nan"),
    ("units", math.inf, btxdose.BtxRangeError, "units: inf"),
    ("units", 100000.5, btxdose.BtxRangeError, "units: 100000.5"),
    ("date", D(1899, 12, 31), btxdose.BtxRangeError, "date: 1899-12-31"),
    ("date", "2200-01-01", btxdose.BtxRangeError, "date: '2200-01-01'"),
    ("date", "2025-02-29", btxdose.BtxParseError, "date: '2025-02-29'"),
    ("date", "1 March 2026", btxdose.BtxParseError, "date: '1 March 2026'"),
    ("product", 99, btxdose.BtxInvalidError, "product: 99"),
    ("product", 0, btxdose.BtxInvalidError, "product: 0"),
    ("indication", 18, btxdose.BtxInvalidError, "indication: 18"),
    ("indication", -1, btxdose.BtxInvalidError, "indication: -1"),
    ("flags", 1 << 30, btxdose.BtxInvalidError, f"flags: {1 << 30}"),
])
def test_bad_value_is_value_error_naming_field_and_value(field: str, value: Any, cls: type,
                                                         shown: str) -> None:
    with pytest.raises(cls) as ei:
        made(**{field: value})
    assert isinstance(ei.value, ValueError)
    assert shown in str(ei.value), str(ei.value)


def test_unknown_names_are_lookup_errors_naming_the_text() -> None:
    with pytest.raises(btxdose.BtxNotFoundError) as ei:
        made(product="Botux")
    assert "product: no product named 'Botux'" in str(ei.value)
    with pytest.raises(btxdose.BtxNotFoundError) as ei:
        made(indication="migrane")
    assert "indication: no indication named 'migrane'" in str(ei.value)


def test_good_records_are_made() -> None:
    a = made()
    assert (a.product, a.indication, a.units) == (btxdose.Product.BOTOX,
                                                  btxdose.Indication.CHRONIC_MIGRAINE, 155.0)
    assert made(units=0).units == 0.0                # 0 U is a valid record
    assert made(indication=None).indication is None  # not recorded
    assert made(date="2026-03-02").date == DAY
    assert made(date=datetime.datetime(2026, 3, 2, 14, 30)).date == DAY


def test_policy_values() -> None:
    with pytest.raises(ValueError) as ei:
        Policy(window_unit="fortnights")
    assert "window_unit" in str(ei.value) and "'fortnights'" in str(ei.value)
    cases = [
        (dict(warn_fraction=1.5), btxdose.BtxInvalidError, "warn_fraction: 1.5"),
        (dict(window_length=-1), btxdose.BtxInvalidError, "window_length: -1"),
        (dict(window_length=3, window_unit=7), btxdose.BtxInvalidError, "window_unit: 7"),
        (dict(window_length=100001), btxdose.BtxRangeError, "window_length: 100001"),
        (dict(min_spacing_days=-3), btxdose.BtxInvalidError, "min_spacing_days: -3"),
        (dict(weight_max_age_days=-1), btxdose.BtxInvalidError, "weight_max_age_days: -1"),
        (dict(history_complete=2), btxdose.BtxInvalidError, "history_complete: 2"),
    ]
    for kwargs, cls, shown in cases:
        with pytest.raises(cls) as ei:
            Policy(**kwargs)  # type: ignore[arg-type]
        assert isinstance(ei.value, ValueError) and shown in str(ei.value), str(ei.value)
    p = Policy(window_length=12, window_unit="weeks", history_complete=1)
    assert (p.window_unit, p.history_complete) == (btxdose.IntervalUnit.WEEKS, True)


def test_patient_values() -> None:
    for kwargs, shown in ((dict(weight_kg=-1), "weight_kg: -1"),
                          (dict(weight_kg=math.nan), "weight_kg: nan"),
                          (dict(weight_kg=1000.5), "weight_kg: 1000.5"),
                          (dict(birth_date=D(1850, 1, 1)), "birth_date: 1850-01-01"),
                          (dict(weight_date="2300-01-01"), "weight_date: '2300-01-01'")):
        with pytest.raises(btxdose.BtxRangeError) as ei:
            Patient(**kwargs)  # type: ignore[arg-type]
        assert shown in str(ei.value), str(ei.value)
    assert Patient(weight_kg=0).weight_kg is None   # 0 kg is "not known", as in C
    # A field changed after the patient was made is checked when it is used.
    p = Patient(weight_kg=20)
    p.weight_kg = -3
    with pytest.raises(btxdose.BtxRangeError):
        btxdose.evaluate([], made(), patient=p)


# ------------------------------------------------------------------ histories

def test_none_is_not_a_history() -> None:
    calls = [
        lambda: btxdose.evaluate(None, made()),  # type: ignore[arg-type]
        lambda: btxdose.earliest_date(None, made()),  # type: ignore[arg-type]
        lambda: btxdose.headroom(None, "Botox", CM, DAY),  # type: ignore[arg-type]
        lambda: btxdose.validate_history(None),  # type: ignore[arg-type]
        lambda: btxdose.window_total(None, 1, DAY, 3, "months"),  # type: ignore[arg-type]
        lambda: btxdose.evaluate("2026-01-05,Botox,CM,155", made()),  # type: ignore[arg-type]
        lambda: btxdose.evaluate(42, made()),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(TypeError) as ei:
            call()
        assert "history" in str(ei.value), str(ei.value)
    # The empty history is [] (or any empty iterable).
    assert btxdose.evaluate([], made()) == btxdose.evaluate((), made())


def test_bad_record_index_and_value_in_message() -> None:
    history = [made(date=D(2025, 12, 1)), (D(2026, 1, 5), "Botox", CM, 155),
               (D(2026, 1, 6), "Botox", CM, -5)]
    for call in (lambda: btxdose.evaluate(history, made()),
                 lambda: btxdose.earliest_date(history, made()),
                 lambda: btxdose.headroom(history, "Botox", CM, DAY),
                 lambda: btxdose.validate_history(history)):
        with pytest.raises(btxdose.BtxRangeError) as ei:
            call()
        text = str(ei.value)
        assert ei.value.index == 2
        assert "history[2]" in text and "-5" in text and "units" in text, text
    with pytest.raises(TypeError) as ei2:
        btxdose.evaluate([made(), (D(2026, 1, 6), None, CM, 5)], made())
    assert "history[1]" in str(ei2.value) and "product" in str(ei2.value)
    with pytest.raises(TypeError) as ei2:
        btxdose.evaluate([made(), 42], made())
    assert "history[1]" in str(ei2.value) and "42" in str(ei2.value)


def test_proposal_needs_an_indication_named() -> None:
    with pytest.raises(btxdose.BtxInvalidError) as ei:
        btxdose.evaluate([], made(indication=None))
    assert "proposed.indication" in str(ei.value)


# ------------------------------------------------------------------ dates of the patient

def test_birth_date_after_the_date_checked() -> None:
    child = Patient(birth_date=DAY + datetime.timedelta(days=1), weight_kg=30,
                    weight_date=DAY)
    proposal = made(indication=ULS, units=100)
    for call in (lambda: btxdose.evaluate([], proposal, patient=child),
                 lambda: btxdose.earliest_date([], proposal, patient=child),
                 lambda: btxdose.headroom([], "Botox", ULS, DAY, patient=child)):
        with pytest.raises(btxdose.BtxRangeError) as ei:
            call()
        text = str(ei.value)
        assert isinstance(ei.value, ValueError) and ei.value.code == -2
        assert "birth_date" in text and "2026-03-03" in text and "2026-03-02" in text, text
    # Born on the day checked: a newborn, not an error; a later question is fine too.
    newborn = Patient(birth_date=DAY)
    assert btxdose.evaluate([], proposal, patient=newborn)
    assert btxdose.headroom([], "Botox", ULS, DAY + datetime.timedelta(days=1),
                            patient=child) == 300.0


def test_weight_after_the_date_checked_is_not_used() -> None:
    proposal = made(indication=ULS, units=100)
    later = Patient(birth_date=D(2016, 1, 1), weight_kg=30,
                    weight_date=DAY + datetime.timedelta(days=1))
    findings = btxdose.evaluate([], proposal, patient=later)
    window = next(f for f in findings if f.rule == Rule.ONA_PEDIATRIC_WINDOW)
    assert window.status == Status.NOT_CHECKED and window.limit_units == 340.0
    assert "measured after this date" in window.message
    with pytest.raises(btxdose.BtxWeightError):
        btxdose.headroom([], "Botox", ULS, DAY, patient=later)
    same_day = Patient(birth_date=D(2016, 1, 1), weight_kg=30, weight_date=DAY)
    window = next(f for f in btxdose.evaluate([], proposal, patient=same_day)
                  if f.rule == Rule.ONA_PEDIATRIC_WINDOW)
    assert window.status == Status.PASS and window.limit_units == 300.0


# ------------------------------------------------------------------ JSON spellings

def test_finding_dict_spellings() -> None:
    findings = btxdose.evaluate([], made(indication="overactive bladder", units=100),
                                policy=Policy(min_spacing_days=7))
    by_rule = {f.rule: f.to_dict() for f in findings}
    assert by_rule[Rule.ONA_ADULT_WINDOW]["evidence"] == "secondary"
    assert by_rule[Rule.POLICY_SPACING]["evidence"] is None   # a policy rule: no level
    label = [f for f in findings if f.evidence == Evidence.LABEL]
    assert label and all(f.to_dict()["evidence"] == "label" for f in label)
    d = findings[0].to_dict()
    assert d["code_value"] == int(findings[0].code) and d["code"] == findings[0].code_name
    json.dumps([f.to_dict() for f in findings])


def test_names_of_the_small_enums() -> None:
    assert [btxdose.population_name(p) for p in btxdose.Population] == ["adult", "pediatric"]
    assert [btxdose.category_name(c) for c in btxdose.Category] == ["therapeutic", "cosmetic"]
    assert [btxdose.interval_unit_name(u) for u in btxdose.IntervalUnit] == \
        ["days", "weeks", "months"]
    assert [btxdose.interval_kind_name(k) for k in btxdose.IntervalKind] == \
        ["minimum", "schedule"]
    assert [btxdose.evidence_name(e) for e in Evidence] == ["label", "secondary"]
    assert btxdose.audit_flag_name(1) == "over_window"
    assert btxdose.audit_flag_name(32) == "not_checked"
    assert btxdose.audit_flag_name(3) == "unknown"
    for fn in (btxdose.population_name, btxdose.category_name, btxdose.evidence_name,
               btxdose.interval_unit_name, btxdose.interval_kind_name):
        assert fn(0) == "unknown"


CLI = os.environ.get("BTXDOSE_CLI")


@pytest.mark.skipif(not CLI, reason="BTXDOSE_CLI (the btxdose tool) is set by CTest")
def test_cli_and_package_spell_a_finding_alike(tmp_path) -> None:
    """The same question through `btxdose check --json` and through the package: every
    finding has the same members with the same values; an unknown weight is null in
    both."""
    history = tmp_path / "h.csv"
    history.write_text("date,product,indication,units\n"
                       "2026-01-05,botox,upper_limb_spasticity,150\n"
                       "2026-02-01,dysport,cervical_dystonia,500\n")
    argv = [CLI, "check", "--json", "--history", str(history),
            "--propose", "2026-03-02,botox,upper_limb_spasticity,100",
            "--birth-date", "2016-01-01", "--min-spacing-days", "7"]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert r.returncode in (0, 1), r.stderr
    doc = json.loads(r.stdout)
    assert doc["patient"]["weight_kg"] is None and doc["patient"]["weight_date"] is None
    hist = [(D(2026, 1, 5), "botox", "upper_limb_spasticity", 150),
            (D(2026, 2, 1), "dysport", "cervical_dystonia", 500)]
    patient = Patient(birth_date=D(2016, 1, 1))
    mine = [f.to_dict() for f in btxdose.evaluate(
        hist, (DAY, "botox", "upper_limb_spasticity", 100), patient=patient,
        policy=Policy(min_spacing_days=7))]
    assert patient.weight_kg is None
    theirs = doc["findings"]
    assert [sorted(f) for f in theirs] == [sorted(f) for f in mine]
    assert theirs == mine
    assert {f["evidence"] for f in mine} >= {None, "secondary", "label"}

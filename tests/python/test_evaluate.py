# SPDX-License-Identifier: Apache-2.0
"""Windows, headroom, evaluate and earliest date: the 400 U adult window with
155 U + 155 U (chronic migraine, 12 weeks apart) + a 100 U proposal in one window."""

from __future__ import annotations

import datetime
import math

import pytest

import btxdose
from btxdose import (Administration, Evidence, FindingCode, Indication, IntervalUnit,
                     Patient, Policy, Product, Rule, Severity, Status, Substance)
from btxdose import _api

D = datetime.date
CM, OAB = Indication.CHRONIC_MIGRAINE, Indication.OVERACTIVE_BLADDER

HISTORY = [
    Administration(D(2025, 1, 6), Product.BOTOX, CM, 155),
    Administration(D(2025, 3, 31), "Botox", "chronic migraine", 155),
]
PROPOSAL = Administration(D(2025, 4, 1), "Botox", OAB, 100)
ADULT = Patient(birth_date=D(1978, 4, 12))


def test_records_normalise_their_fields() -> None:
    r = Administration("2025-03-31", "botox cosmetic", "glabellar lines", 20)
    assert r.date == D(2025, 3, 31) and r.product is Product.BOTOX_COSMETIC
    assert r.indication is Indication.GLABELLAR_LINES and r.units == 20.0 and r.flags == 0
    assert r.substance is Substance.ONABOTULINUMTOXINA
    assert Administration(D(2025, 1, 1), 1, None, 5).indication is None
    assert Administration(D(2025, 1, 1), 1, 0, 5).indication is None
    c = HISTORY[0]._to_c()
    assert (c.date, c.product, c.indication, c.flags, c.units) == (20094, 1, 1, 0, 155.0)


def test_window_total() -> None:
    ona = Substance.ONABOTULINUMTOXINA
    assert btxdose.window_total(HISTORY, ona, D(2025, 1, 6), 3, IntervalUnit.MONTHS) == 310.0
    assert btxdose.window_total(HISTORY, ona, "2025-01-07", 3, "months") == 155.0
    # [2025-01-06, +84 days) stops the day before 2025-03-31
    assert btxdose.window_total(HISTORY, ona, D(2025, 1, 6), 84, "days") == 155.0
    assert btxdose.window_total(HISTORY, ona, D(2025, 1, 6), 85, "days") == 310.0
    assert btxdose.window_total(HISTORY, ona, D(2025, 1, 6), 12, IntervalUnit.WEEKS) == 155.0
    mixed = HISTORY + [Administration(D(2025, 2, 1), "Dysport", "cervical dystonia", 500),
                       Administration(D(2025, 2, 1), "Botox Cosmetic", "glabellar lines", 20)]
    assert btxdose.window_total(mixed, "onabotulinumtoxinA", D(2025, 1, 6), 3, "months") == 330.0
    assert btxdose.window_total(mixed, Substance.ABOBOTULINUMTOXINA, D(2025, 1, 1), 3,
                                "months") == 500.0
    assert btxdose.window_total([], ona, D(2025, 1, 1), 3, "months") == 0.0
    with pytest.raises(btxdose.BtxInvalidError):
        btxdose.window_total(HISTORY, ona, D(2025, 1, 6), 0, "days")
    with pytest.raises(btxdose.BtxInvalidError):
        btxdose.window_total(HISTORY, 99, D(2025, 1, 6), 3, "months")


def test_milli_unit_sums_are_exact() -> None:
    many = [Administration(D(2025, 1, 6), "Botox", "cervical dystonia", 0.1)] * 4000
    assert btxdose.window_total(many, 1, D(2025, 1, 6), 1, "days") == 400.0
    assert btxdose.headroom(many, "Botox", None, D(2025, 1, 6)) == 0.0


def test_headroom() -> None:
    assert btxdose.headroom(HISTORY, "Botox", OAB, D(2025, 4, 1)) == 90.0
    assert btxdose.headroom(HISTORY, Product.BOTOX_COSMETIC, None, "2025-04-01") == 90.0
    # 2025-01-06 leaves every window that contains 2025-04-06
    assert btxdose.headroom(HISTORY, "Botox", OAB, D(2025, 4, 6)) == 245.0
    assert btxdose.headroom(HISTORY, "Botox", OAB, D(2025, 4, 5)) == 90.0
    assert btxdose.headroom([], "Botox", OAB, D(2025, 4, 1)) == 400.0
    # units of other substances never count; and other substances have no window rule
    assert btxdose.headroom(HISTORY, "Dysport", "cervical dystonia", D(2025, 4, 1)) == math.inf
    # order never changes a result
    assert btxdose.headroom(list(reversed(HISTORY)), "Botox", OAB, D(2025, 4, 1)) == 90.0


def test_headroom_pediatric_without_weight() -> None:
    child = Patient(birth_date=D(2015, 6, 1))
    with pytest.raises(btxdose.BtxWeightError) as ei:
        btxdose.headroom([], "Botox", "upper limb spasticity", D(2025, 4, 1), patient=child)
    assert ei.value.code == -8
    child.weight_kg = 23.45
    assert btxdose.headroom([], "Botox", "upper limb spasticity", D(2025, 4, 1),
                            patient=child) == 234.5


def test_evaluate_over_the_window() -> None:
    findings = btxdose.evaluate(HISTORY, PROPOSAL)
    assert [f.code for f in findings] == [FindingCode.WINDOW_LIMIT, FindingCode.TOO_SOON,
                                          FindingCode.AGE_UNKNOWN,
                                          FindingCode.HISTORY_INCOMPLETE]
    w = findings[0]
    assert (w.status, w.severity, w.rule) == (Status.FAIL, Severity.CRITICAL,
                                              Rule.ONA_ADULT_WINDOW)
    assert (w.limit_units, w.total_units, w.proposed_units, w.remaining_units) == \
        (400.0, 310.0, 100.0, -10.0)
    # the worst window: earliest start among those holding both sessions and 2025-04-01
    assert (w.window_start, w.window_end) == (D(2025, 1, 2), D(2025, 4, 1))
    assert w.earliest_date == D(2025, 4, 6)
    assert w.evidence == Evidence.SECONDARY
    assert (w.code_name, w.status_name, w.severity_name, w.rule_name) == \
        ("window_limit", "fail", "critical", "ona_adult_window")
    assert w.failed
    t = findings[1]
    assert (t.status, t.severity, t.rule) == (Status.PASS, Severity.INFO,
                                              Rule.BOTOX_OAB_INTERVAL)
    assert t.window_start is None and t.window_end is None
    assert t.earliest_date == D(2025, 4, 1)
    for f in findings:
        assert f.message and f.source
        assert f.status != Status.FAIL or f.code in (FindingCode.WINDOW_LIMIT,)
    assert findings[2].rule == Rule.NOTICE_AGE_UNKNOWN and findings[2].evidence is None
    d = w.to_dict()
    assert d["code"] == "window_limit" and d["window_start"] == "2025-01-02"


def test_evaluate_within_the_window_and_warn_fraction() -> None:
    ok = Administration(D(2025, 4, 1), "Botox", OAB, 90)
    complete = Policy(history_complete=True)
    findings = btxdose.evaluate(HISTORY, ok, patient=ADULT, policy=complete)
    assert [f.code for f in findings] == [FindingCode.WINDOW_LIMIT, FindingCode.TOO_SOON]
    w = findings[0]
    assert (w.status, w.severity, w.remaining_units) == (Status.PASS, Severity.INFO, 0.0)
    assert w.earliest_date == D(2025, 4, 1)
    warn = Policy(warn_fraction=0.9, history_complete=True)
    w = btxdose.evaluate(HISTORY, ok, patient=ADULT, policy=warn)[0]
    assert (w.status, w.severity) == (Status.PASS, Severity.WARNING)


def test_evaluate_grows_the_findings_array(monkeypatch) -> None:
    expected = btxdose.evaluate(HISTORY, PROPOSAL)
    monkeypatch.setattr(_api, "_INITIAL_CAPACITY", 1)
    assert btxdose.evaluate(HISTORY, PROPOSAL) == expected
    assert btxdose.evaluate(list(reversed(HISTORY)), PROPOSAL) == expected


def test_earliest_date() -> None:
    assert btxdose.earliest_date(HISTORY, PROPOSAL) == D(2025, 4, 6)
    assert btxdose.earliest_date(HISTORY, PROPOSAL, ADULT, Policy()) == D(2025, 4, 6)
    ok = Administration(D(2025, 4, 1), "Botox", OAB, 90)
    assert btxdose.earliest_date(HISTORY, ok) == D(2025, 4, 1)
    with pytest.raises(btxdose.BtxNeverError) as ei:
        btxdose.earliest_date([], Administration(D(2025, 4, 1), "Botox", OAB, 401))
    assert ei.value.code == -7


def test_policy_window_length() -> None:
    # a 30-day policy window: 2025-01-06 no longer counts on 2025-04-01
    policy = Policy(window_length=30, window_unit="days")
    assert btxdose.headroom(HISTORY, "Botox", OAB, D(2025, 4, 1), policy=policy) == 245.0
    w = btxdose.evaluate(HISTORY, PROPOSAL, policy=policy)[0]
    assert (w.rule, w.status) == (Rule.ONA_ADULT_WINDOW_POLICY, Status.PASS)


# ------------------------------------------------------------------ errors

def test_nan_units_is_range_error_with_index() -> None:
    # A record is refused when it is made; given as a tuple in a history, its place and
    # value are in the message and in .index.
    with pytest.raises(btxdose.BtxRangeError) as ei:
        Administration(D(2025, 2, 1), "Botox", CM, math.nan)
    assert ei.value.code == -2 and "units: nan" in str(ei.value)
    bad = HISTORY + [(D(2025, 2, 1), "Botox", CM, math.nan)]
    for call in (lambda: btxdose.validate_history(bad),
                 lambda: btxdose.evaluate(bad, PROPOSAL)):
        with pytest.raises(btxdose.BtxRangeError) as ei:
            call()
        assert ei.value.index == 2 and ei.value.code == -2
        assert "history[2]" in str(ei.value) and "nan" in str(ei.value)
    with pytest.raises(btxdose.BtxRangeError):
        btxdose.evaluate(HISTORY, (D(2025, 4, 1), "Botox", OAB, math.nan))


def test_validate_history() -> None:
    assert btxdose.validate_history(HISTORY) is None
    assert btxdose.validate_history([]) is None
    cases = [
        ((D(1899, 12, 31), "Botox", CM, 1), btxdose.BtxRangeError, "1899-12-31"),
        ((D(2025, 1, 1), 99, CM, 1), btxdose.BtxInvalidError, "product: 99"),
        ((D(2025, 1, 1), "Botox", 18, 1), btxdose.BtxInvalidError, "indication: 18"),
        ((D(2025, 1, 1), "Botox", CM, 1, 4), btxdose.BtxInvalidError, "flags: 4"),
        ((D(2025, 1, 1), "Botox", CM, 1, 1), btxdose.BtxInvalidError,
         "limbs: 1 on a chronic_migraine record"),
        ((D(2025, 1, 1), "Botox", CM, -1), btxdose.BtxRangeError, "units: -1"),
        ((D(2025, 1, 1), "Botox", CM, 100000.5), btxdose.BtxRangeError, "units: 100000.5"),
        ((D(2025, 1, 1), "Botox", CM, math.inf), btxdose.BtxRangeError, "units: inf"),
    ]
    for record, cls, text in cases:
        with pytest.raises(cls) as ei:
            btxdose.validate_history([HISTORY[0], record, record])
        assert ei.value.index == 1, record
        assert "history[1]" in str(ei.value) and text in str(ei.value), str(ei.value)
        with pytest.raises(cls):
            Administration(*record)


def test_proposal_without_indication_is_invalid() -> None:
    for ind in (None, 0):
        with pytest.raises(btxdose.BtxInvalidError) as ei:
            btxdose.evaluate(HISTORY, Administration(D(2025, 4, 1), "Botox", ind, 100))
        assert ei.value.code == -1
    with pytest.raises(btxdose.BtxInvalidError):
        btxdose.earliest_date(HISTORY, Administration(D(2025, 4, 1), "Botox", None, 100))


def test_bad_policy_and_patient() -> None:
    # Refused when made (and, were a field changed afterwards, when used).
    for kwargs in (dict(warn_fraction=1.5), dict(warn_fraction=math.nan),
                   dict(window_length=-1), dict(window_length=3, window_unit=7),
                   dict(min_spacing_days=-1)):
        with pytest.raises(btxdose.BtxInvalidError):
            Policy(**kwargs)  # type: ignore[arg-type]
    policy = Policy()
    policy.warn_fraction = 1.5
    with pytest.raises(btxdose.BtxInvalidError):
        btxdose.evaluate(HISTORY, PROPOSAL, policy=policy)
    with pytest.raises(btxdose.BtxRangeError):
        btxdose.evaluate(HISTORY, PROPOSAL, patient=Patient(weight_kg=math.nan))
    with pytest.raises(btxdose.BtxRangeError):
        btxdose.evaluate(HISTORY, PROPOSAL, patient=Patient(birth_date=D(1850, 1, 1)))


def test_python_side_type_errors() -> None:
    with pytest.raises(TypeError):
        btxdose.evaluate(HISTORY, PROPOSAL, patient="adult")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        btxdose.evaluate([42], PROPOSAL)  # type: ignore[list-item]
    with pytest.raises(ValueError):
        Policy(window_length=3, window_unit="fortnights")._to_c()
    # tuples are accepted as records
    as_tuples = [(r.date, r.product, r.indication, r.units) for r in HISTORY]
    assert btxdose.evaluate(as_tuples, PROPOSAL) == btxdose.evaluate(HISTORY, PROPOSAL)


def test_threads_get_the_same_answers() -> None:
    from concurrent.futures import ThreadPoolExecutor
    expected = btxdose.evaluate(HISTORY, PROPOSAL)

    def work(_: int):
        return (btxdose.evaluate(HISTORY, PROPOSAL), btxdose.headroom(HISTORY, "Botox", OAB,
                                                                      D(2025, 4, 1)))
    with ThreadPoolExecutor(max_workers=8) as pool:
        for findings, room in pool.map(work, range(200)):
            assert findings == expected and room == 90.0

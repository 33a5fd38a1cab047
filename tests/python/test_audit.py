# SPDX-License-Identifier: Apache-2.0
"""btxdose.audit: the population audit through ctypes (docs/audit.md).

Expected values are typed from design.md section 6 and label-facts.md, as in
tests/check_audit.c; the C suite holds the library to btx_evaluate row by row, these
tests hold the binding to the library.
"""

from __future__ import annotations

import array
import ctypes
import datetime
import random

import pytest

import btxdose
from btxdose import _audit

D = datetime.date
ROWS_90 = [
    (7, D(2025, 1, 1), "Botox", "chronic migraine", 155),
    (7, D(2025, 3, 26), "Botox", "chronic migraine", 155),
    (7, D(2025, 3, 31), "Botox", "upper limb spasticity", 100),   # 410 U in 90 days
    (7, "2025-04-01", btxdose.Product.BOTOX, btxdose.Indication.OVERACTIVE_BLADDER, 50),
]
POLICY_90 = btxdose.Policy(window_length=90, window_unit="days")


def test_exported_from_package():
    assert "audit" in btxdose.__all__
    assert btxdose.audit is _audit.audit
    assert ctypes.sizeof(_audit.AuditRow_c) == 48
    assert ctypes.sizeof(_audit.AuditResult_c) == 24
    assert _audit.AuditResult_c.flags.offset == 8
    assert _audit.AuditResult_c.rule.offset == 12
    assert btxdose.version_number() >= 10100


def test_tuples_ninety_days():
    r = btxdose.audit(ROWS_90, POLICY_90)
    assert len(r) == 4
    assert [x.window_total for x in r] == [155.0, 310.0, 410.0, 305.0]
    assert [x.flags for x in r] == [0, 0, btxdose.AuditFlag.OVER_WINDOW, 0]
    assert r[2].rule == btxdose.Rule.ONA_ADULT_WINDOW_POLICY
    assert r[-1] == r[3]
    assert r.flagged == 1
    assert r.flagged_indices() == [2]
    assert r.flagged_indices(btxdose.AuditFlag.TOO_SOON) == []
    assert list(r.flags()) == [0, 0, 1, 0]
    assert list(r.rules()) == [0, 0, 4, 0]
    with pytest.raises(IndexError):
        r[4]
    # The label's 3 months: rule 1.
    assert btxdose.audit(ROWS_90)[2].rule == btxdose.Rule.ONA_ADULT_WINDOW


def test_buffers_zero_copy_and_copies():
    packed = btxdose.rows_to_bytes(ROWS_90)
    assert len(packed) == 4 * 48
    want = list(btxdose.audit(ROWS_90, POLICY_90))
    for buf in (packed, bytearray(packed), memoryview(packed), array.array("B", packed),
                (_audit.AuditRow_c * 4).from_buffer_copy(packed)):
        assert list(btxdose.audit(buf, POLICY_90)) == want
    # A misaligned writable view is copied, not misread.
    shifted = bytearray(8) + bytearray(packed)
    assert list(btxdose.audit(memoryview(shifted)[8:], POLICY_90)) == want
    with pytest.raises(ValueError):
        btxdose.audit(packed[:-1])
    assert len(btxdose.audit(b"")) == 0
    assert len(btxdose.audit([])) == 0


def test_numpy_structured_array():
    np = pytest.importorskip("numpy")
    dtype = np.dtype(_audit.ROW_DTYPE_FIELDS)
    assert dtype.itemsize == 48
    a = np.zeros(4, dtype=dtype)
    a["patient"] = 7
    a["date"] = [(D(2025, 1, 1) - D(1970, 1, 1)).days + k for k in (0, 84, 89, 90)]
    a["product"] = 1
    a["indication"] = [1, 1, 4, 2]
    a["units"] = [155, 155, 100, 50]
    a["birth_date"] = -2 ** 31
    r = btxdose.audit(a, POLICY_90)
    res = np.frombuffer(r.raw, dtype=np.dtype(_audit.RESULT_DTYPE_FIELDS))
    assert res["window_total"].tolist() == [155.0, 310.0, 410.0, 305.0]
    assert res["flags"].tolist() == [0, 0, 1, 0]
    assert (res["reserved"] == 0).all()
    # Read-only arrays are copied once.
    a.flags.writeable = False
    assert list(btxdose.audit(a, POLICY_90)) == list(r)


def test_errors_name_the_row():
    rows = list(ROWS_90) + [(3, D(2025, 1, 1), "Botox", "chronic migraine", 100)]
    with pytest.raises(btxdose.BtxInvalidError) as e:
        btxdose.audit(rows)
    assert e.value.index == 4
    bad = list(ROWS_90)
    bad[1] = (7, D(2025, 3, 26), "Botox", "chronic migraine", float("nan"))
    with pytest.raises(btxdose.BtxRangeError) as e:
        btxdose.audit(bad)
    assert e.value.index == 1
    with pytest.raises(btxdose.BtxRangeError) as e:
        btxdose.validate_audit([(1, D(2025, 1, 1), 1, 1, 10, -5.0)])
    assert e.value.index == 0
    assert btxdose.validate_audit(ROWS_90) is None
    with pytest.raises(ValueError):
        btxdose.audit([(1, D(2025, 1, 1), 1)])
    with pytest.raises(TypeError):
        btxdose.audit("rows")
    with pytest.raises(TypeError):
        btxdose.audit(ROWS_90, policy="90 days")


def test_pediatric_and_labels():
    born = D(2015, 6, 1)
    rows = [
        (1, D(2025, 1, 10), "Botox", "upper limb spasticity", 120, 20.0, born),
        (1, D(2025, 3, 10), "Botox", "lower limb spasticity", 90, 20.0, born),  # > 200 U
        (2, D(2025, 1, 10), "Botox", "upper limb spasticity", 120, None, born),  # no weight
        (3, D(2025, 1, 1), "Botox", "episodic migraine", 155),
    ]
    r = btxdose.audit(rows)
    assert r[0].flags == 0
    assert r[1] == (210.0, btxdose.AuditFlag.OVER_WINDOW, btxdose.Rule.ONA_PEDIATRIC_WINDOW)
    assert r[2] == (120.0, btxdose.AuditFlag.NOT_CHECKED, 0)
    assert r[3].flags == btxdose.AuditFlag.NOT_LABELLED
    assert r[3].rule == btxdose.Rule.LABEL_NOT_ESTABLISHED


def test_agrees_with_evaluate_on_random_rows():
    """A small cross-check through the public Python API: the OVER_WINDOW flag of each
    row against btxdose.evaluate with the patient's rows dated on or before it."""
    rng = random.Random(5)
    rows = []
    for p in range(30):
        day = D(2024, 1, 1) + datetime.timedelta(days=rng.randrange(200))
        for _ in range(rng.randrange(1, 8)):
            day += datetime.timedelta(days=rng.choice([0, 10, 30, 60, 84, 90]))
            rows.append((p, day, "Botox", rng.choice(["chronic migraine", "cervical dystonia"]),
                         rng.choice([100, 155, 200, 300])))
    r = btxdose.audit(rows)
    for i, row in enumerate(rows):
        hist = [btxdose.Administration(x[1], x[2], x[3], x[4])
                for j, x in enumerate(rows) if j != i and x[0] == row[0] and x[1] <= row[1]]
        prop = btxdose.Administration(row[1], row[2], row[3], row[4])
        window = [f for f in btxdose.evaluate(hist, prop)
                  if f.code == btxdose.FindingCode.WINDOW_LIMIT][0]
        assert bool(r[i].flags & btxdose.AuditFlag.OVER_WINDOW) == window.failed
        assert window.total_units + window.proposed_units == pytest.approx(r[i].window_total)


def test_out_buffer_is_filled_in_place():
    import datetime as dt
    rows = [(1, dt.date(2025, 1, 1), "botox", "chronic_migraine", 300),
            (1, dt.date(2025, 2, 1), "botox", "chronic_migraine", 200)]
    fresh = btxdose.audit(rows, btxdose.Policy(window_length=90, window_unit="days"))
    buf = bytearray(24 * len(rows))
    got = btxdose.audit(rows, btxdose.Policy(window_length=90, window_unit="days"), out=buf)
    assert [tuple(r) for r in got] == [tuple(r) for r in fresh]
    assert bytes(buf) == bytes(memoryview(fresh.raw).cast("B"))
    assert got.flagged == fresh.flagged == 1
    # an earlier result can be reused as the buffer
    again = btxdose.audit(rows, btxdose.Policy(window_length=90, window_unit="days"), out=got)
    assert [tuple(r) for r in again] == [tuple(r) for r in fresh]
    with pytest.raises(ValueError):
        btxdose.audit(rows, out=bytearray(24))
    with pytest.raises(ValueError):
        btxdose.audit(rows, out=bytes(48))

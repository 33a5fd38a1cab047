# SPDX-License-Identifier: Apache-2.0
"""Dates: datetime.date in and out through btx_date_from_ymd / btx_date_to_ymd."""

from __future__ import annotations

import datetime

import pytest

import btxdose
from btxdose import _ffi
from btxdose._model import from_btx_date, to_btx_date

D = datetime.date


@pytest.mark.parametrize("day,count", [
    (D(1970, 1, 1), 0),
    (D(1900, 1, 1), -25567),
    (D(2199, 12, 31), 84005),
    (D(2025, 1, 1), 20089),
    (D(2000, 2, 29), 11016),
])
def test_round_trip(day, count) -> None:
    assert to_btx_date(day) == count
    assert from_btx_date(count) == day
    assert to_btx_date(day.isoformat()) == count


def test_datetime_uses_its_date_part() -> None:
    assert to_btx_date(datetime.datetime(2025, 1, 1, 23, 59)) == 20089


def test_unknown_is_none() -> None:
    assert to_btx_date(None) == _ffi.DATE_UNKNOWN == -2 ** 31
    assert from_btx_date(_ffi.DATE_UNKNOWN) is None
    c = btxdose.Patient()._to_c()
    assert c.birth_date == c.weight_date == _ffi.DATE_UNKNOWN and c.weight_kg == 0.0


def test_out_of_range() -> None:
    with pytest.raises(btxdose.BtxRangeError):
        to_btx_date(D(1899, 12, 31))
    with pytest.raises(btxdose.BtxRangeError):
        to_btx_date(D(2200, 1, 1))
    with pytest.raises(btxdose.BtxRangeError):
        btxdose.parse_date("1899-12-31")


@pytest.mark.parametrize("text", ["2025-02-29", "2025-13-01", "2025-1-01", " 2025-01-01",
                                  "2025-01-01T00:00", "", "2025-01-01\0", "２０２５-01-01"])
def test_bad_date_string_is_parse_error(text) -> None:
    with pytest.raises(btxdose.BtxParseError) as ei:
        btxdose.parse_date(text)
    assert ei.value.code == -5


def test_bad_date_string_in_a_record_is_parse_error() -> None:
    with pytest.raises(btxdose.BtxParseError):
        btxdose.Administration("2025-02-30", btxdose.Product.BOTOX,
                               btxdose.Indication.CHRONIC_MIGRAINE, 155)


def test_wrong_type_is_type_error() -> None:
    with pytest.raises(TypeError):
        to_btx_date(20089)  # type: ignore[arg-type]


def test_add_months_clamps_and_add_days() -> None:
    assert btxdose.add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert btxdose.add_months("2024-01-31", 1) == D(2024, 2, 29)
    assert btxdose.add_months(D(2025, 3, 31), -1) == D(2025, 2, 28)
    assert btxdose.add_days(D(2025, 1, 6), 84) == D(2025, 3, 31)
    with pytest.raises(btxdose.BtxRangeError):
        btxdose.add_days(D(2199, 12, 31), 1)

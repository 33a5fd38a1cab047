# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "day" (docs/fhir.md): the administration's day is its local
calendar day in the clinic's time zone (tz=, required when a time of day is given);
effectivePeriod.start when there is no effectiveDateTime; partial dates are errors.

The fixture is one BOTOX overactive-bladder session; the next is proposed on
2026-03-02, which is exactly 12 weeks (the label's minimum) after 2025-12-08 local."""

from __future__ import annotations

import datetime

import pytest

from btxdose import fhir
from fhir_util import NY, by_code, changed

PROPOSAL = "2026-03-02,Botox,overactive bladder,100"
MA = "MedicationAdministration/ma-one"


def _when(value, key="effectiveDateTime"):
    def change(ma):
        ma.pop("effectiveDateTime")
        ma[key] = value
    return changed("single_oab.json", "ma-one", change)


def _day_and_interval(data, tz):
    r = fhir.check(data, PROPOSAL, tz=tz)
    return r.history[0].administration.date, by_code(r.findings)["too_soon"]


class TestOffsetsNearMidnight:
    def test_late_evening_with_offset_stays_on_its_day(self) -> None:
        day, soon = _day_and_interval(_when("2025-12-08T23:30:00-05:00"), NY)
        assert day == datetime.date(2025, 12, 8)
        assert not soon.failed                   # 12 weeks to the day: allowed

    def test_offset_of_another_zone_is_converted(self) -> None:
        # 00:30 in Tokyo on the 9th is 10:30 in New York on the 8th
        day, soon = _day_and_interval(_when("2025-12-09T00:30:00+09:00"), NY)
        assert day == datetime.date(2025, 12, 8) and not soon.failed


class TestUtcTimes:
    def test_z_time_west_of_utc(self) -> None:
        # 04:30Z on the 9th is 23:30 on the 8th in New York: the session was on the 8th,
        # so the proposal is not too soon (dating it by its first 10 characters would say
        # "too soon")
        day, soon = _day_and_interval(_when("2025-12-09T04:30:00Z"), NY)
        assert day == datetime.date(2025, 12, 8) and not soon.failed

    def test_z_time_east_of_utc(self) -> None:
        # 16:00Z on the 8th is 01:00 on the 9th in Tokyo: 83 days before the proposal, a
        # day too soon for the bladder (the first 10 characters would miss it)
        day, soon = _day_and_interval(_when("2025-12-08T16:00:00Z"), "Asia/Tokyo")
        assert day == datetime.date(2025, 12, 9)
        assert soon.failed and soon.severity_name == "critical"
        assert soon.earliest_date == datetime.date(2026, 3, 3)


class TestEffectivePeriod:
    def test_start_is_the_day(self) -> None:
        data = _when({"start": "2025-12-09T04:30:00Z", "end": "2025-12-09T05:10:00Z"},
                     "effectivePeriod")
        day, soon = _day_and_interval(data, NY)
        assert day == datetime.date(2025, 12, 8) and not soon.failed

    def test_period_without_start_is_an_error(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_when({"end": "2025-12-09T05:10:00Z"}, "effectivePeriod"), tz=NY)
        assert ei.value.resource == MA and ei.value.field == "effectivePeriod.start"


class TestDatesAndZones:
    def test_a_date_needs_no_time_zone(self) -> None:
        r = fhir.read(_when("2025-12-08"))
        assert r.records[0].administration.date == datetime.date(2025, 12, 8)

    def test_a_time_of_day_needs_the_time_zone(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_when("2025-12-08T17:30:00-05:00"))
        assert ei.value.resource == MA and ei.value.field == "effectiveDateTime"
        assert "time zone" in str(ei.value)

    @pytest.mark.parametrize("value", ["2025-12", "2025"])
    def test_partial_date_is_an_error(self, value) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_when(value), tz=NY)
        assert ei.value.resource == MA and "partial" in str(ei.value)

    @pytest.mark.parametrize("value", ["2025-12-08T17:30:00", "2025-13-08", "08/12/2025",
                                       "2025-02-30", 20251208])
    def test_malformed_is_an_error(self, value) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_when(value), tz=NY)
        assert ei.value.resource == MA and ei.value.field == "effectiveDateTime"

    def test_missing_is_an_error(self) -> None:
        data = changed("single_oab.json", "ma-one", lambda ma: ma.pop("effectiveDateTime"))
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(data, tz=NY)
        assert ei.value.resource == MA

    def test_unknown_zone_is_an_error(self) -> None:
        with pytest.raises(fhir.FhirError) as ei:
            fhir.read(_when("2025-12-08"), tz="Mars/Olympus_Mons")
        assert ei.value.field == "tz"

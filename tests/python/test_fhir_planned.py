# SPDX-License-Identifier: Apache-2.0
"""FHIR reader, rule "planned sessions" (docs/fhir.md): MedicationRequest with intent
plan/order, status active and a timing event date count as planned records when they
are dated after the proposal."""

from __future__ import annotations

import datetime

from btxdose import fhir
from fhir_util import by_code, changed, load, notice_codes


class TestPlannedSessions:
    def test_a_planned_session_after_the_proposal_counts(self) -> None:
        # BOTOX 200 U for cervical dystonia on 2026-01-05, 200 U planned on 2026-03-30;
        # 100 U on 2026-03-02 puts 500 U into the 3 months from 2026-01-05.
        r = fhir.check(load("planned_request.json"), "2026-03-02,Botox,overactive bladder,100")
        planned = [h for h in r.history if h.planned]
        assert [(h.administration.date, h.administration.units) for h in planned] == [
            (datetime.date(2026, 3, 30), 200)]
        window = by_code(r.findings)["window_limit"]
        assert window.failed and window.total_units == 400
        # the plan's first event is the session already given: not counted twice
        notes = [n for n in r.notices if n.code == "plan_not_counted"]
        assert len(notes) == 1 and "2026-01-05" in notes[0].message
        assert "plan_not_read" in notice_codes(r.notices, "MedicationRequest/mr-cancelled")

    def test_without_the_plan_the_dose_fits(self) -> None:
        data = changed("planned_request.json", "mr-plan-cd",
                       lambda mr: mr.__setitem__("status", "completed"))
        r = fhir.check(data, "2026-03-02,Botox,overactive bladder,100")
        assert not by_code(r.findings)["window_limit"].failed
        assert "plan_not_read" in notice_codes(r.notices, "MedicationRequest/mr-plan-cd")

    def test_plan_without_event_date_is_said(self) -> None:
        data = changed("planned_request.json", "mr-plan-cd",
                       lambda mr: mr["dosageInstruction"][0].pop("timing"))
        r = fhir.read(data)
        assert r.planned == []
        assert "plan_not_read" in notice_codes(r.notices, "MedicationRequest/mr-plan-cd")

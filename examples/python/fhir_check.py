#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks a proposed botulinum-toxin dose against a FHIR R4 history; prints CDS Hooks cards.

A thin caller of :mod:`btxdose.fhir`, which reads the input by the rules of docs/fhir.md
(subject, references, product, units, status, day, duplicates, indication, patient data,
completeness, planned sessions) and names the resource and field of anything it cannot
read. This script turns its findings and notices into CDS Hooks cards.

Usage:
    fhir_check.py BUNDLE.json --propose 2025-04-01,Botox,overactive bladder,100
                  [--tz America/New_York] [--patient ID] [--history-complete]
                  [--status-policy count|refuse] [--assume-label-units]

Output (stdout): {"cards": [{"summary", "indicator", "detail", "source": {"label"}}]}.
Exit status: 0 when the check ran (whatever the cards say), 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

try:
    import btxdose as bx
except ModuleNotFoundError:  # a source checkout without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
    import btxdose as bx
from btxdose import fhir

INDICATOR = {bx.Severity.INFO: "info", bx.Severity.WARNING: "warning",
             bx.Severity.CRITICAL: "critical"}
TITLE = {
    bx.FindingCode.WINDOW_LIMIT: "Cumulative dose limit",
    bx.FindingCode.TOO_SOON: "Re-treatment interval",
    bx.FindingCode.SESSION_LIMIT: "Session dose cap",
    bx.FindingCode.ABOVE_PROTOCOL: "Above the label's dose",
    bx.FindingCode.NOT_ESTABLISHED: "Not established for this indication",
    bx.FindingCode.NOT_LABELLED: "Not labelled for this use",
    bx.FindingCode.MIXED_SUBSTANCES: "Another botulinum toxin within 3 months",
    bx.FindingCode.AGE_UNKNOWN: "Age unknown",
    bx.FindingCode.HISTORY_INCOMPLETE: "History not declared complete",
}
NOTICES = {bx.FindingCode.MIXED_SUBSTANCES, bx.FindingCode.AGE_UNKNOWN,
           bx.FindingCode.HISTORY_INCOMPLETE}
#: Reader notices (btxdose.fhir) shown as warnings; the others are info cards.
WARNING_NOTICES = {"status_uncertain", "indication_not_recorded", "history_incomplete",
                   "units_assumed", "product_names_disagree", "resource_not_read"}
NOTICE_TITLE = {
    "status_excluded": "administration(s) excluded from the history",
    "status_uncertain": "administration(s) of uncertain status counted in full",
    "not_a_toxin": "administration(s) of other drugs not counted",
    "indication_not_recorded": "administration(s) without a labelled indication",
    "duplicate_resource": "resource(s) present more than once, counted once",
    "history_incomplete": "incomplete search: history cannot be complete",
    "other_subject": "resource(s) of other subjects not read",
    "units_assumed": "dose(s) without a unit read as label units",
}


# ---------------------------------------------------------------------------- cards

def _units(x: float) -> str:
    return f"{x:g} U"


def _summary(f: bx.Finding) -> str:
    title = TITLE.get(f.code, f.code_name)
    if f.code == bx.FindingCode.WINDOW_LIMIT and f.status == bx.Status.FAIL:
        text = (f"{title} exceeded: {_units(f.total_units + f.proposed_units)} of "
                f"{_units(f.limit_units)} ({f.window_start} to {f.window_end})")
    elif f.code == bx.FindingCode.WINDOW_LIMIT and f.status == bx.Status.PASS:
        text = (f"{title}: {_units(f.total_units + f.proposed_units)} of "
                f"{_units(f.limit_units)}, {_units(f.remaining_units)} left")
    elif f.code == bx.FindingCode.SESSION_LIMIT and f.status == bx.Status.FAIL:
        text = (f"{title} exceeded: {_units(f.total_units + f.proposed_units)} of "
                f"{_units(f.limit_units)}")
    elif f.code == bx.FindingCode.TOO_SOON and f.status == bx.Status.FAIL:
        when = f"earliest {f.earliest_date}" if f.earliest_date else "no date passes"
        text = f"Too soon: {title.lower()} not met ({when})"
    elif f.status == bx.Status.NOT_CHECKED and f.code not in NOTICES:
        text = f"{title} not checked"
    else:
        text = title
    return text if len(text) <= 140 else text[:139] + "\u2026"


def _detail(f: bx.Finding) -> str:
    lines = [f.message, ""]
    if f.limit_units or f.total_units:
        lines.append(f"- limit {_units(f.limit_units)}; already counted "
                     f"{_units(f.total_units)}; proposed {_units(f.proposed_units)}; "
                     f"remaining {_units(f.remaining_units)}")
    if f.window_start is not None:
        lines.append(f"- window {f.window_start} to {f.window_end} (inclusive)")
    if f.status != bx.Status.PASS:
        lines.append("- earliest date this rule passes: "
                     + (str(f.earliest_date) if f.earliest_date else "none"))
    if f.evidence == bx.Evidence.SECONDARY:
        lines.append("- evidence: secondary source (verify against the current label)")
    lines.append(f"- rule: {f.rule_name} ({int(f.rule)}), status {f.status_name}")
    return "\n".join(lines).strip()


def _card(summary: str, indicator: str, detail: str, label: str) -> Dict[str, Any]:
    return {"summary": summary, "indicator": indicator, "detail": detail,
            "source": {"label": label}}


def cards_for(findings: Iterable[bx.Finding]) -> List[Dict[str, Any]]:
    """CDS Hooks cards: one per finding that needs attention or is a notice, one info card
    for the rules that passed."""
    cards: List[Dict[str, Any]] = []
    passed: List[bx.Finding] = []
    for f in findings:
        if f.status == bx.Status.PASS and f.severity == bx.Severity.INFO \
                and f.code not in NOTICES:
            passed.append(f)
            continue
        cards.append(_card(_summary(f), INDICATOR.get(f.severity, "warning"), _detail(f),
                           f.source))
    if passed:
        cards.append(_card(
            f"{len(passed)} rule(s) passed",
            "info",
            "\n".join(f"- {_summary(f)}: {f.message}" for f in passed),
            "; ".join(dict.fromkeys(f.source for f in passed))))
    return cards


# ---------------------------------------------------------------------------- main

def notice_cards(notices: Iterable[fhir.Notice]) -> List[Dict[str, Any]]:
    """One card per kind of reader notice, listing the resources concerned."""
    groups: Dict[str, List[fhir.Notice]] = {}
    for n in notices:
        groups.setdefault(n.code, []).append(n)
    cards = []
    for code, items in groups.items():
        title = NOTICE_TITLE.get(code, code.replace("_", " "))
        cards.append(_card(
            f"{len(items)} {title}" if code in NOTICE_TITLE and code != "history_incomplete"
            else title[0].upper() + title[1:],
            "warning" if code in WARNING_NOTICES else "info",
            "\n".join(f"- {n.resource + ': ' if n.resource else ''}{n.message}" for n in items),
            f"libbtxdose {bx.version()} FHIR reader ({code})"))
    return cards


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("bundle", help="FHIR R4 JSON: a Bundle, a resource or a list of them")
    ap.add_argument("--propose", required=True, metavar="DATE,PRODUCT,INDICATION,UNITS")
    ap.add_argument("--tz", help="the clinic's IANA time zone (needed for dateTimes)")
    ap.add_argument("--patient", help="the Patient when the input holds several subjects")
    ap.add_argument("--history-complete", action="store_true",
                    help="declare the input the patient's whole toxin history")
    ap.add_argument("--status-policy", choices=fhir.STATUS_POLICIES, default="count")
    ap.add_argument("--assume-label-units", action="store_true")
    args = ap.parse_args(argv)
    try:
        result = fhir.check(fhir.load(args.bundle), args.propose, patient=args.patient,
                            tz=args.tz, status_policy=args.status_policy,
                            assume_label_units=args.assume_label_units,
                            policy=bx.Policy(history_complete=args.history_complete))
    except (fhir.FhirError, OSError) as e:
        print(f"fhir_check: {e}", file=sys.stderr)
        return 2
    for n in result.notices:
        print(f"fhir_check: [{n.code}] {n.resource or ''} {n.message}", file=sys.stderr)
    cards = cards_for(result.findings) + notice_cards(result.notices)
    json.dump({"cards": cards}, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

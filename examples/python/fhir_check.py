#!/usr/bin/env python3
"""Checks a proposed botulinum-toxin dose against a FHIR R4 history; prints CDS Hooks cards.

Input: a FHIR R4 Bundle holding MedicationAdministration resources (and optionally the
Patient). Each administration is read as:

- product: ``medicationCodeableConcept.coding[].display`` or ``.text`` (or the same
  fields of a Medication the ``medicationReference`` points to in the Bundle), matched
  with the library's product lookup: brand names and nonproprietary names
  ("onabotulinumtoxinA", "prabotulinumtoxinA-xvfs") are accepted;
- indication: ``reasonCode[].coding[]`` ICD-10-CM code (``btx_indication_from_icd10``),
  else a coding display or the ``text`` (indication lookup); no reasonCode at all means
  "not recorded" (the record counts in substance-wide windows only);
- dose: ``dosage.dose.value`` in label Units: unit or code ``U`` or ``[USP'U]``;
- date: the date part of ``effectiveDateTime`` (or ``effectivePeriod.start``);
- status: ``completed`` and ``in-progress`` are doses given; ``not-done`` and
  ``entered-in-error`` are excluded and reported as such.

Anything else (an unknown product, another dose unit, a missing dose, another status) is
an error naming the resource: the program never skips a record silently, because a
skipped dose would make the cumulative check look safer than it is.

Usage:
    fhir_check.py BUNDLE.json --propose 2025-04-01,Botox,overactive bladder,100
                  [--birth-date 1978-04-12] [--weight-kg 70] [--weight-date 2025-03-01]
                  [--history-complete]

Output (stdout): {"cards": [{"summary", "indicator", "detail", "source": {"label"}}]}.
Exit status: 0 when the check ran (whatever the cards say), 2 for bad input.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

try:
    import btxdose as bx
except ModuleNotFoundError:  # a source checkout without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
    import btxdose as bx

ICD10_SYSTEMS = {"http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10",
                 "urn:oid:2.16.840.1.113883.6.90"}
UNIT_CODES = {"U", "[USP'U]"}
GIVEN = {"completed", "in-progress"}
EXCLUDED = {"not-done", "entered-in-error"}
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


class InputError(Exception):
    """Bad input: the message names the resource or argument."""


# ---------------------------------------------------------------------------- FHIR input

def _resources(bundle: Dict[str, Any]) -> List[Dict[str, Any]]:
    if bundle.get("resourceType") != "Bundle":
        raise InputError("the input is not a FHIR Bundle")
    return [e["resource"] for e in bundle.get("entry", []) if isinstance(e, dict)
            and isinstance(e.get("resource"), dict)]


def _ref(resource: Dict[str, Any]) -> str:
    return f"{resource.get('resourceType', '?')}/{resource.get('id', '?')}"


def _concept_texts(concept: Dict[str, Any]) -> List[str]:
    texts = [c["display"] for c in concept.get("coding", []) if c.get("display")]
    if concept.get("text"):
        texts.append(concept["text"])
    return texts


def _medication_concept(ma: Dict[str, Any], bundle: List[Dict[str, Any]]) -> Dict[str, Any]:
    if "medicationCodeableConcept" in ma:
        return ma["medicationCodeableConcept"]
    ref = (ma.get("medicationReference") or {}).get("reference", "")
    for res in bundle + ma.get("contained", []):
        if res.get("resourceType") == "Medication" and ref in (
                f"Medication/{res.get('id')}", f"#{res.get('id')}"):
            return res.get("code", {})
    raise InputError(f"{_ref(ma)}: no medicationCodeableConcept and no Medication "
                     f"for reference {ref!r} in the Bundle")


def _product(ma: Dict[str, Any], bundle: List[Dict[str, Any]]) -> bx.Product:
    texts = _concept_texts(_medication_concept(ma, bundle))
    for text in texts:
        try:
            return bx.product_lookup(text)
        except bx.BtxNotFoundError:
            continue
    raise InputError(f"{_ref(ma)}: product not recognised from {texts!r} "
                     "(expected a brand or nonproprietary name)")


def _indication(ma: Dict[str, Any]) -> Optional[bx.Indication]:
    reasons = ma.get("reasonCode", [])
    if not reasons:
        return None
    tried: List[str] = []
    for concept in reasons:
        for coding in concept.get("coding", []):
            if coding.get("system") in ICD10_SYSTEMS and coding.get("code"):
                tried.append(coding["code"])
                try:
                    return bx.indication_from_icd10(coding["code"])
                except bx.BtxNotFoundError:
                    pass
        for text in _concept_texts(concept):
            tried.append(text)
            try:
                return bx.indication_lookup(text)
            except bx.BtxNotFoundError:
                pass
    raise InputError(f"{_ref(ma)}: indication not recognised from reasonCode {tried!r}")


def _dose(ma: Dict[str, Any]) -> float:
    dose = (ma.get("dosage") or {}).get("dose")
    if not isinstance(dose, dict) or "value" not in dose:
        raise InputError(f"{_ref(ma)}: no dosage.dose.value")
    unit, code = dose.get("unit"), dose.get("code")
    if unit not in UNIT_CODES and code not in UNIT_CODES:
        raise InputError(f"{_ref(ma)}: dose unit {unit or code!r} is not label Units "
                         "('U' or \"[USP'U]\")")
    value = dose["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{_ref(ma)}: dose value {value!r} is not a number")
    return float(value)


def _date(ma: Dict[str, Any]) -> datetime.date:
    text = ma.get("effectiveDateTime") or (ma.get("effectivePeriod") or {}).get("start")
    if not isinstance(text, str):
        raise InputError(f"{_ref(ma)}: no effectiveDateTime")
    try:
        return bx.parse_date(text[:10])
    except bx.BtxError as e:
        raise InputError(f"{_ref(ma)}: effectiveDateTime {text!r}: {e}") from None


def read_history(bundle_json: Dict[str, Any]) -> Tuple[List[bx.Administration],
                                                       List[Tuple[str, str]],
                                                       Optional[datetime.date]]:
    """The administrations given, the (reference, status) pairs excluded, and the
    Patient's birth date if the Bundle has one."""
    resources = _resources(bundle_json)
    history: List[bx.Administration] = []
    excluded: List[Tuple[str, str]] = []
    birth: Optional[datetime.date] = None
    for res in resources:
        if res.get("resourceType") == "Patient" and res.get("birthDate"):
            try:
                birth = bx.parse_date(res["birthDate"])
            except bx.BtxError as e:
                raise InputError(f"{_ref(res)}: birthDate {res['birthDate']!r}: {e}") from None
        if res.get("resourceType") != "MedicationAdministration":
            continue
        status = res.get("status")
        if status in EXCLUDED:
            excluded.append((_ref(res), status))
            continue
        if status not in GIVEN:
            raise InputError(f"{_ref(res)}: status {status!r}: cannot tell whether or how "
                             "much was given (expected completed, in-progress, not-done or "
                             "entered-in-error)")
        try:
            history.append(bx.Administration(_date(res), _product(res, resources),
                                             _indication(res), _dose(res)))
        except bx.BtxError as e:
            raise InputError(f"{_ref(res)}: {e}") from None
    try:
        bx.validate_history(history)
    except bx.BtxError as e:
        raise InputError(f"history record {e.index}: {e}") from None
    return history, excluded, birth


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


def cards_for(findings: Iterable[bx.Finding], excluded: List[Tuple[str, str]]) -> List[Dict[str, Any]]:
    """CDS Hooks cards: one per finding that needs attention or is a notice, one info card
    for the rules that passed, one for the records left out."""
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
    if excluded:
        cards.append(_card(
            f"{len(excluded)} administration(s) excluded from the history",
            "info",
            "\n".join(f"- {ref}: status {status}" for ref, status in excluded),
            f"libbtxdose {bx.version()} FHIR example"))
    return cards


# ---------------------------------------------------------------------------- main

def _proposal(text: str) -> bx.Administration:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise InputError(f"--propose {text!r}: expected DATE,PRODUCT,INDICATION,UNITS")
    date, product, indication, units = parts
    try:
        value = float(units)
    except ValueError:
        raise InputError(f"--propose: units {units!r} is not a number") from None
    try:
        return bx.Administration(bx.parse_date(date), product, indication, value)
    except bx.BtxError as e:
        raise InputError(f"--propose {text!r}: {e}") from None


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", help="FHIR R4 Bundle (JSON) of MedicationAdministration")
    ap.add_argument("--propose", required=True, metavar="DATE,PRODUCT,INDICATION,UNITS")
    ap.add_argument("--birth-date", help="YYYY-MM-DD (default: the Bundle's Patient)")
    ap.add_argument("--weight-kg", type=float)
    ap.add_argument("--weight-date", help="YYYY-MM-DD the weight was measured")
    ap.add_argument("--history-complete", action="store_true",
                    help="declare the Bundle the patient's whole toxin history")
    args = ap.parse_args(argv)
    try:
        with open(args.bundle, encoding="utf-8") as fh:
            bundle = json.load(fh)
        history, excluded, birth = read_history(bundle)
        proposed = _proposal(args.propose)
        try:
            if args.birth_date:
                birth = bx.parse_date(args.birth_date)
            weight_date = bx.parse_date(args.weight_date) if args.weight_date else None
        except bx.BtxError as e:
            raise InputError(f"date argument: {e}") from None
        patient = bx.Patient(birth_date=birth, weight_kg=args.weight_kg,
                             weight_date=weight_date)
        policy = bx.Policy(history_complete=args.history_complete)
        findings = bx.evaluate(history, proposed, patient=patient, policy=policy)
    except (InputError, OSError, json.JSONDecodeError) as e:
        print(f"fhir_check: {e}", file=sys.stderr)
        return 2
    except bx.BtxError as e:
        print(f"fhir_check: {e}", file=sys.stderr)
        return 2
    for ref, status in excluded:
        print(f"fhir_check: excluded {ref} (status {status})", file=sys.stderr)
    json.dump({"cards": cards_for(findings, excluded)}, sys.stdout, indent=2,
              ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

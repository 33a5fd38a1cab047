# SPDX-License-Identifier: Apache-2.0
"""``python3 -m btxdose``: library versions, and ``check --fhir`` (docs/fhir.md).

``python3 -m btxdose --version`` prints the versions of the loaded library and its data.
``python3 -m btxdose check --fhir FILE --propose DATE,PRODUCT,INDICATION,UNITS
[--limbs N] [--patient ID] [--tz ZONE] [--json]`` checks a proposed dose against the FHIR history in
FILE. Exit status, as the ``btxdose`` tool: 0 no rule FAILs, 1 a rule FAILs, 2 bad input
(the message names the resource and the field).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, List, Optional


def _limbs_arg(text: str) -> int:
    if text not in ("1", "2"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of limbs treated: 1 or 2")
    return int(text)


def _limbs_text(limbs: Optional[int]) -> str:
    return "" if limbs is None else f"  {limbs} limb{'s' if limbs > 1 else ''}"


def _check_parser(sub: Any) -> None:
    p = sub.add_parser(
        "check", help="check a proposed dose against a FHIR R4 history",
        description="Reads a FHIR R4 Bundle (or a list of resources) and checks a proposed "
                    "dose against the chosen patient's botulinum-toxin history. Exit status: "
                    "0 no rule FAILs, 1 a rule FAILs, 2 bad input.")
    p.add_argument("--fhir", required=True, metavar="FILE",
                   help="FHIR R4 JSON: a Bundle of any type, a resource, or a list of them")
    p.add_argument("--propose", required=True, metavar="DATE,PRODUCT,INDICATION,UNITS",
                   help="the dose to check, e.g. 2026-03-02,Botox,chronic migraine,155")
    p.add_argument("--limbs", type=_limbs_arg, metavar="N",
                   help="limbs the proposal treats: 1 or 2 (limb spasticity; default: not "
                        "stated)")
    p.add_argument("--patient", metavar="ID",
                   help="the Patient (id, Patient/id or fullUrl); required when the input "
                        "holds more than one subject")
    p.add_argument("--tz", metavar="ZONE",
                   help="the clinic's IANA time zone (e.g. America/New_York); required when "
                        "a date has a time of day")
    p.add_argument("--status-policy", choices=("count", "refuse"), default="count",
                   help="stopped, on-hold and unknown doses: count them with a notice "
                        "(default) or refuse the input")
    p.add_argument("--assume-label-units", action="store_true",
                   help="read a dose without a unit as label units (with a notice)")
    p.add_argument("--history-complete", action="store_true",
                   help="declare the input the patient's whole toxin history")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _print_text(result: Any, out: Any) -> None:
    import btxdose
    prop = result.proposal
    ind = "not recorded" if prop.indication is None else btxdose.indication_name(prop.indication)
    out.write(f"proposal: {prop.date} {btxdose.product_name(prop.product)} {ind} "
              f"{prop.units:g} U{_limbs_text(prop.limbs)}\n")
    p = result.patient
    who = result.data.patient_id or "no subject in the input"
    born = f"born {p.birth_date}" if p.birth_date else "birth date unknown"
    weight = f"{p.weight_kg:.3g} kg on {p.weight_date}" if p.weight_kg else "weight unknown"
    out.write(f"patient: {who}, {born}, {weight}\n")
    given = sum(1 for r in result.history if not r.planned)
    out.write(f"history: {given} administration(s), {len(result.history) - given} planned\n")
    for r in result.history:
        a = r.administration
        ind = "not recorded" if a.indication is None else btxdose.indication_name(a.indication)
        out.write(f"  {a.date} {btxdose.product_name(a.product)} {ind} {a.units:g} U"
                  f"{_limbs_text(a.limbs)}{' (planned)' if r.planned else ''}  "
                  f"[{r.resource}]\n")
    out.write("findings:\n")
    for f in result.findings:
        out.write(f"  {f.status_name.upper():11} {f.severity_name:8} {f.code_name}: "
                  f"{f.message}\n")
        if f.earliest_date is not None and f.failed:
            out.write(f"  {'':11} {'':8} earliest date: {f.earliest_date}\n")
        out.write(f"  {'':11} {'':8} source: {f.source}\n")
    if result.notices:
        out.write("notices:\n")
        for n in result.notices:
            where = f"{n.resource}: " if n.resource else ""
            out.write(f"  [{n.code}] {where}{n.message}\n")


def _check(args: argparse.Namespace) -> int:
    import btxdose
    from btxdose import fhir
    try:
        data = fhir.load(args.fhir)
        policy = btxdose.Policy(history_complete=True) if args.history_complete else None
        result = fhir.check(data, args.propose, patient=args.patient, tz=args.tz,
                            status_policy=args.status_policy,
                            assume_label_units=args.assume_label_units, policy=policy,
                            limbs=args.limbs)
    except (fhir.FhirError, OSError) as e:
        err = e.to_dict() if isinstance(e, fhir.FhirError) else \
            {"resource": None, "field": args.fhir, "message": str(e)}
        print(f"btxdose check: {err['message']}", file=sys.stderr)
        if args.json:
            json.dump({"error": err, "exit_status": 2}, sys.stdout, indent=2)
            sys.stdout.write("\n")
        return 2
    status = 1 if result.failed else 0
    if args.json:
        doc = result.to_dict()
        doc["exit_status"] = status
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_text(result, sys.stdout)
    return status


def main(argv: Optional[List[str]] = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python3 -m btxdose",
        description="Python bindings of libbtxdose (botulinum-toxin dose checks).")
    parser.add_argument("--version", action="store_true",
                        help="print the library and clinical data versions and exit")
    parser.add_argument("--library", action="store_true",
                        help="print the path of the loaded shared library and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _check_parser(sub)
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:   # argparse: usage errors are bad input (2), --help is 0
        return int(e.code or 0)
    try:
        import btxdose
    except (OSError, ImportError) as e:
        print(f"btxdose: {e}", file=sys.stderr)
        return 2 if args.command == "check" else 1
    if args.library:
        print(btxdose.library_path)
        return 0
    if args.version:
        print(f"libbtxdose {btxdose.version()}")
        print(f"data {btxdose.data_version()}")
        return 0
    if args.command == "check":
        return _check(args)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())

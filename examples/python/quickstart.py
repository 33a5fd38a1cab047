#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""libbtxdose from Python in a page: a protocol, a headroom and an evaluation.

Run from a source checkout after building the library:
    PYTHONPATH=python python3 examples/python/quickstart.py
(set BTXDOSE_LIBRARY=/path/to/libbtxdose.so.1 if the library is not found).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

try:
    import btxdose as bx
except ModuleNotFoundError:  # a source checkout without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
    import btxdose as bx


def main() -> int:
    print(f"libbtxdose {bx.version()}")

    # 1. What the label recommends.
    p = bx.protocol("Botox", "chronic migraine")
    print(f"{p.product_name} / {p.indication_name}: {p.dose_units:g} U in {p.sites} sites, "
          f"{p.units_per_site:g} U per site, every {p.interval_length} "
          f"{p.interval_unit.name.lower() if p.interval_unit else ''}  [{p.source}]")
    for r in bx.regions("Botox", "chronic migraine"):
        side = "bilateral" if r.bilateral else "midline"
        print(f"  {r.name:<34} {r.units:>5g} U  {r.sites:>2} sites  {side}")
    print(f"100 U vial + 2 mL saline: {bx.reconstitute(100, 2):g} U per 0.1 mL")

    # 2. A history and how much may still be given.
    history = [
        bx.Administration(datetime.date(2025, 1, 6), "Botox", "chronic migraine", 155),
        bx.Administration(datetime.date(2025, 3, 31), "Botox", "chronic migraine", 155),
    ]
    day = datetime.date(2025, 4, 1)
    print(f"headroom on {day}: {bx.headroom(history, 'Botox', 'overactive bladder', day):g} U")

    # 3. Check a proposal: findings are data, not exceptions.
    proposal = bx.Administration(day, "Botox", "overactive bladder", 100)
    patient = bx.Patient(birth_date=datetime.date(1978, 4, 12))
    for f in bx.evaluate(history, proposal, patient=patient):
        print(f"  {f.severity_name:<8} {f.status_name:<11} {f.code_name:<18} {f.message}")
    print(f"earliest date for that dose: {bx.earliest_date(history, proposal, patient)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

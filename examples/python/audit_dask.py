# SPDX-License-Identifier: Apache-2.0
"""Population audit on a Dask cluster: partition the rows by patient key, run
btxdose.audit on each partition in the workers, gather the flagged rows.

    python3 audit_dask.py [--scheduler tcp://HOST:8786 | --workers N [--processes]]
                          [--patients N] [--partitions K] [--seed S] [--window-days D]
                          [--check] [--show N]

Without --scheduler a LocalCluster with N workers (default 2) is started: threads in
this process by default (the ctypes call releases the GIL, so they run in parallel), or
worker processes with --processes. With --scheduler the same code runs on a real
cluster; every worker host needs libbtxdose.so.1 and the btxdose package (see
docs/scaling.md).

Every row of a patient lands in the same partition, and the audit of a patient needs
nothing but that patient's rows, so partitions are audited independently and the union
of their flagged rows is exactly the flagged rows of one audit of everything. --check
runs that single-process audit and compares (exit status 1 if they differ).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from array import array
from typing import Dict, List, Optional, Sequence, Tuple

try:
    import btxdose
except ModuleNotFoundError:  # run from a source checkout
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                    "python"))
    import btxdose

ROW_SIZE = 48

# (product, indication, units) of typical sessions.
KINDS = [
    ("Botox", "chronic migraine", 155), ("Botox", "chronic migraine", 195),
    ("Botox", "overactive bladder", 100), ("Botox", "cervical dystonia", 200),
    ("Botox", "upper limb spasticity", 300), ("Botox Cosmetic", "glabellar lines", 20),
    ("Dysport", "cervical dystonia", 500), ("Xeomin", "upper limb spasticity", 400),
]

#: (global row index, patient, date, flags, rule, window_total) of a flagged row.
Flagged = Tuple[int, int, int, int, int, float]


def population(patients: int, seed: int) -> bytes:
    """A reproducible population as btx_audit_row bytes, sorted by patient and date."""
    rng = random.Random(seed)
    rows = []
    for p in range(patients):
        key = p * 7919 + rng.randrange(7919)          # ascending keys with gaps
        day = 19000 + rng.randrange(1500)             # 2022 to 2026
        birth = None if rng.random() < 0.3 else day - rng.randrange(6000, 30000)
        weight = 0.0 if rng.random() < 0.3 else float(rng.randrange(20, 110))
        kind = rng.choice(KINDS)
        for _ in range(rng.randrange(1, 12)):
            r = rng.random()
            if r < 0.1:
                kind = rng.choice(KINDS)              # same day, another indication
            else:
                day += rng.choice([14, 30, 60, 84, 90, 91, 120]) if r < 0.3 \
                    else 84 + rng.randrange(14)
            rows.append((key, day, kind[0], kind[1], kind[2], weight,
                         birth if birth is not None else btxdose._ffi.DATE_UNKNOWN))
    return btxdose.rows_to_bytes(rows)


def partition_of(key: int, partitions: int) -> int:
    """The partition of a patient key (a multiplicative hash, so keys spread evenly)."""
    return (((key * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 32) % partitions


def split(rows: bytes, partitions: int) -> List[Tuple[bytes, array]]:
    """Rows by partition, each keeping the sorted order, with their global indices."""
    keys = memoryview(rows).cast("Q")[0::ROW_SIZE // 8]
    parts: List[Tuple[bytearray, array]] = [(bytearray(), array("q")) for _ in range(partitions)]
    last_key: Optional[int] = None
    target = 0
    for i, key in enumerate(keys):
        if key != last_key:
            last_key = key
            target = partition_of(key, partitions)
        buf, idx = parts[target]
        buf += rows[i * ROW_SIZE:(i + 1) * ROW_SIZE]
        idx.append(i)
    return [(bytes(b), idx) for b, idx in parts]


def audit_partition(rows: bytes, index: array, window_days: int) -> List[Flagged]:
    """Runs in a worker: the audit of one partition, its flagged rows with global indices."""
    import btxdose  # imported in the worker process
    policy = btxdose.Policy(window_length=window_days) if window_days else None
    result = btxdose.audit(rows, policy)
    keys = memoryview(rows).cast("Q")[0::ROW_SIZE // 8]
    dates = memoryview(rows).cast("i")[2::ROW_SIZE // 4]
    out: List[Flagged] = []
    for i in result.flagged_indices():
        r = result[i]
        out.append((index[i], keys[i], dates[i], r.flags, r.rule, r.window_total))
    return out


def audit_local(rows: bytes, window_days: int) -> List[Flagged]:
    """The single-process audit of every row."""
    return audit_partition(rows, array("q", range(len(rows) // ROW_SIZE)), window_days)


def _worker_environment() -> None:
    """Lets worker processes started from here find the same package and library."""
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(btxdose.__file__)))
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if package_parent not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([package_parent] + paths)
    if os.path.isabs(btxdose.library_path):
        os.environ.setdefault("BTXDOSE_LIBRARY", btxdose.library_path)


def audit_on_cluster(rows: bytes, partitions: int, window_days: int, scheduler: Optional[str],
                     workers: int, processes: bool) -> Tuple[List[Flagged], Dict[str, int]]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        _worker_environment()
        # Threads talk in-process; processes over TCP on the loopback only.
        extra = {"host": "127.0.0.1"} if processes else {}
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                               dashboard_address=None, **extra)
        client = Client(cluster)
    try:
        futures = []
        for buf, idx in split(rows, partitions):
            if buf:
                futures.append(client.submit(audit_partition, buf, idx, window_days,
                                             pure=False))
        done = client.gather(futures)
        who = client.who_has(futures)
        used = {w for ws in who.values() for w in ws}
        flagged = sorted(f for part in done for f in part)
        return flagged, {"partitions": len(futures), "workers_used": len(used)}
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")
    ap.add_argument("--processes", action="store_true",
                    help="LocalCluster workers as processes (default: threads)")
    ap.add_argument("--patients", type=int, default=2000)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--window-days", type=int, default=90,
                    help="policy window in days; 0 = the label's 3 months (default 90)")
    ap.add_argument("--check", action="store_true",
                    help="compare with a single-process audit of every row")
    ap.add_argument("--show", type=int, default=5, help="flagged rows to print")
    args = ap.parse_args(argv)

    rows = population(args.patients, args.seed)
    n = len(rows) // ROW_SIZE
    flagged, info = audit_on_cluster(rows, args.partitions, args.window_days, args.scheduler,
                                     args.workers, args.processes)
    print(f"{n} rows of {args.patients} patients in {info['partitions']} partitions on "
          f"{info['workers_used']} worker(s): {len(flagged)} rows flagged")
    for index, key, date, flags, rule, total in flagged[:args.show]:
        print(f"  row {index}: patient {key}, day {date}, flags {flags}, "
              f"rule {btxdose.rule_name(rule)}, window total {total:g} U")
    if args.check:
        local = audit_local(rows, args.window_days)
        same = local == flagged
        print(f"same as the single-process audit: {'yes' if same else 'NO'} "
              f"({len(local)} rows flagged there)")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: Apache-2.0
"""The pandas reference of bench/audit.c (docs/performance.md).

    audit_pandas.py ROWS_FILE SUMS_FILE

ROWS_FILE holds btx_audit_row records (48 bytes each, little-endian LP64). For every row
this writes to SUMS_FILE, as int64 milli-units in row order, the units of the row's
substance in the trailing 90 days (the row's date and the 89 days before it) of its
patient, every row of the date counted: groupby(patient, substance).rolling('90D'), then
the largest running sum of each date (rolling stops at the row itself; units are never
negative, so the last row of a date holds the date's total). Prints
``pandas_seconds=<CPU seconds> wall=<seconds> build=<CPU seconds>``: the timed part (the
rolling sum and the same-date fix) and, apart, building the DataFrame from the rows.
"""

import sys
import time

import numpy as np
import pandas as pd

ROW = np.dtype([
    ("patient", "<u8"), ("date", "<i4"), ("product", "<i4"), ("indication", "<i4"),
    ("flags", "<i4"), ("units", "<f8"), ("weight_kg", "<f8"), ("birth_date", "<i4"),
    ("reserved", "<i4"),
])
assert ROW.itemsize == 48

# btx_product -> btx_substance (docs/clinical-data.md, the catalog).
SUBSTANCE = np.array([0, 1, 1, 2, 3, 4, 5, 6, 7], dtype=np.int8)


def main() -> int:
    rows = np.fromfile(sys.argv[1], dtype=ROW)
    b0 = time.process_time()
    df = pd.DataFrame({
        "patient": rows["patient"].astype(np.int64),
        "substance": SUBSTANCE[rows["product"]],
        "day": pd.to_datetime(rows["date"].astype(np.int64), unit="D"),
        "milli": np.rint(rows["units"] * 1000.0).astype(np.int64),
    })
    build = time.process_time() - b0
    del rows

    t0 = time.perf_counter()
    c0 = time.process_time()
    groups = df.groupby(["patient", "substance"])
    rolled = groups.rolling("90D", on="day")["milli"].sum()
    # The result comes group by group (keys sorted), rows of a group in their order:
    # put it back in row order.
    order = np.argsort(groups.ngroup().to_numpy(), kind="stable")
    sums = np.empty(len(df), dtype=np.float64)
    sums[order] = rolled.to_numpy()
    df["sum"] = sums
    df["sum"] = df.groupby(["patient", "substance", "day"])["sum"].transform("max")
    seconds = time.process_time() - c0
    wall = time.perf_counter() - t0

    df["sum"].to_numpy(dtype=np.int64).tofile(sys.argv[2])
    print(f"pandas_version={pd.__version__}")
    print(f"pandas_seconds={seconds:.6f} wall={wall:.6f} build={build:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

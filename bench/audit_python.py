"""btxdose.audit from Python on the rows of bench/audit.c (docs/performance.md).

    audit_python.py ROWS_FILE [REPEAT]

Loads the btx_audit_row records with numpy (a structured array, passed to the library
without a copy), runs btxdose.audit with the bench's 90-day policy and prints
``python_seconds=<best CPU seconds> flagged=<rows>``: the whole call, from the buffer to
the AuditResult, including the result array it allocates.
"""

import sys
import time

import numpy as np

import btxdose
from btxdose import _audit


def main() -> int:
    rows = np.fromfile(sys.argv[1], dtype=np.dtype(_audit.ROW_DTYPE_FIELDS))
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    policy = btxdose.Policy(window_length=90, window_unit="days")
    best = float("inf")
    result = None
    for _ in range(repeat):
        result = None
        c0 = time.process_time()
        result = btxdose.audit(rows, policy)
        best = min(best, time.process_time() - c0)
    print(f"python_seconds={best:.6f} flagged={result.flagged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

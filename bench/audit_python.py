# SPDX-License-Identifier: Apache-2.0
"""btxdose.audit from Python on the rows of bench/audit.c (docs/performance.md).

    audit_python.py ROWS_FILE [REPEAT]

Loads the btx_audit_row records with numpy (a structured array, passed to the library
without a copy), runs btxdose.audit with the bench's 90-day policy and prints
``python_seconds=<best CPU seconds> fresh=<best CPU seconds> flagged=<rows>``: the whole
call, from the buffer to the AuditResult, written into one result buffer allocated
before the timed calls (``out=``, as the C bench's main measurement), and with a fresh
result array per call (as the C bench's "fresh" measurement).
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
    fresh = float("inf")
    result = None
    for _ in range(repeat):
        result = None
        c0 = time.process_time()
        result = btxdose.audit(rows, policy)
        fresh = min(fresh, time.process_time() - c0)
    out = np.empty(len(rows), dtype=np.dtype(_audit.RESULT_DTYPE_FIELDS))
    best = float("inf")
    for _ in range(repeat):
        c0 = time.process_time()
        reused = btxdose.audit(rows, policy, out=out)
        best = min(best, time.process_time() - c0)
    if reused.flagged != result.flagged:
        print("python: out= and a fresh array disagree", file=sys.stderr)
        return 1
    print(f"python_seconds={best:.6f} fresh={fresh:.6f} flagged={reused.flagged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

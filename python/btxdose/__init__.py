# SPDX-License-Identifier: Apache-2.0
"""btxdose: Python bindings (ctypes, standard library only) of libbtxdose.

libbtxdose holds the US label facts of the botulinum-toxin products (protocols, muscle
regions, cumulative-window limits, session caps and re-treatment intervals, each with
its source) and checks proposed doses against a patient's history::

    import datetime, btxdose
    hist = [btxdose.Administration(datetime.date(2025, 1, 6), "Botox", "chronic migraine", 155)]
    prop = btxdose.Administration(datetime.date(2025, 3, 31), "Botox", "chronic migraine", 155)
    for f in btxdose.evaluate(hist, prop):
        print(f.severity_name, f.code_name, f.message)

Errors of a call are :class:`BtxError` subclasses; clinical verdicts are
:class:`Finding` objects. Every function is thread-safe (the library keeps no state).
See docs/python.md.
"""

from __future__ import annotations

import importlib
import importlib.util as _importlib_util
from typing import List

from ._ffi import (BtxError, BtxInvalidError, BtxNeverError, BtxNoSpaceError,
                   BtxNotFoundError, BtxParseError, BtxRangeError, BtxUnavailableError,
                   BtxVersionError, BtxWeightError, library_path)
from ._model import (Administration, Finding, Patient, Policy, Protocol, Region,
                     parse_date)
from ._api import (add_days, add_months, audit_flag_name, category_name, data_version,
                   dose_volume, earliest_date, evaluate, evidence_name, finding_code_name,
                   headroom, indication_from_icd10, indication_lookup, indication_name,
                   interval_kind_name, interval_unit_name, label_status_name,
                   population_name, product_for_indication, product_lookup,
                   product_name, protocol, reconstitute, regions, rule_name, severity_name,
                   status_name, strerror, substance_lookup, substance_name, substance_of,
                   validate_history, version, version_number, window_total)
from .enums import (BillStatus, Category, ErrorCode, Evidence, Field, FindingCode, Indication,
                    IntervalKind, IntervalUnit, LabelStatus, Population, Product, Rule,
                    Setting, Severity, Status, Substance, Unit, WasteModifiers)

__all__: List[str] = [
    # errors
    "BtxError", "BtxInvalidError", "BtxRangeError", "BtxNotFoundError", "BtxNoSpaceError",
    "BtxParseError", "BtxVersionError", "BtxNeverError", "BtxWeightError",
    "BtxUnavailableError",
    # enums
    "ErrorCode", "Product", "Substance", "Indication", "Population", "LabelStatus",
    "Category", "IntervalUnit", "Unit", "IntervalKind", "Evidence", "FindingCode", "Status",
    "Severity", "Rule", "Setting", "BillStatus", "WasteModifiers", "Field",
    # records and results
    "Administration", "Patient", "Policy", "Protocol", "Region", "Finding",
    # functions
    "version", "version_number", "data_version", "strerror", "library_path",
    "product_name", "product_lookup", "substance_of", "substance_name",
    "substance_lookup", "product_for_indication",
    "indication_name", "indication_lookup", "indication_from_icd10",
    "label_status_name", "rule_name", "finding_code_name", "status_name", "severity_name",
    "population_name", "category_name", "interval_unit_name", "interval_kind_name",
    "evidence_name", "audit_flag_name",
    "parse_date", "add_days", "add_months",
    "protocol", "regions", "reconstitute", "dose_volume",
    "validate_history", "window_total", "headroom", "evaluate", "earliest_date",
]

# The package has no version of its own: it is the loaded library's (btx_version), so it
# cannot drift from the CMake project version (CTest version_agrees checks it).
__version__: str = version()

# The population audit (libbtxdose 1.1) and billing (1.2) live in optional private
# modules. Import each only when it exists, and then without a guard, so that a real
# error inside it is seen.
for _module in ("_audit", "_billing"):
    if _importlib_util.find_spec(__name__ + "." + _module) is not None:
        _mod = importlib.import_module(__name__ + "." + _module)
        for _name in getattr(_mod, "__all__", []):
            globals()[_name] = getattr(_mod, _name)
            if _name not in __all__:
                __all__.append(_name)
        del _mod, _name
del _module, _importlib_util, importlib

# SPDX-License-Identifier: Apache-2.0
"""Private ctypes layer of the btxdose package: library loading, struct mirrors,
the table of exported functions and the mapping of status codes to exceptions.

Nothing here is public API; use the functions of :mod:`btxdose` instead. The raw
functions are reachable as attributes of :data:`lib` (``_ffi.lib.btx_protocol_lookup``)
for tests and for code that needs the C calling convention exactly.

Load order of the shared library (the SONAME ``libbtxdose.so.1``; on Windows
``libbtxdose-1.dll``, then ``btxdose.dll``), as :mod:`._loader` implements it:

1. the path in the environment variable ``BTXDOSE_LIBRARY`` (used alone when set);
2. the library next to this package;
3. a build tree of the source checkout that holds this package: ``build/lib/`` first,
   then every other ``build*/lib/`` in name order;
4. ``ctypes.util.find_library("btxdose")`` (the system's library search); on Windows
   each directory of ``PATH`` instead.

At import every declared symbol, the major version and the size of every struct
mirror are checked against the loaded library; a mismatch is an ``ImportError``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int, c_int32,
                    c_size_t)
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Type

from . import _loader

__all__ = [
    "BtxError", "BtxInvalidError", "BtxRangeError", "BtxNotFoundError", "BtxNoSpaceError",
    "BtxParseError", "BtxVersionError", "BtxNeverError", "BtxWeightError",
    "BtxUnavailableError", "OPTIONAL_FUNCTIONS", "has", "optional",
    "Administration_c", "Patient_c", "Policy_c", "Protocol_c", "Region_c", "Finding_c",
    "lib", "library_path", "bind", "error_for", "check_status", "FUNCTIONS", "SONAME", "MAJOR_VERSION",
    "DATE_UNKNOWN", "DATE_MIN", "DATE_MAX",
]

#: The file name the package loads: the SONAME, never the unversioned dev symlink
#: (on Windows: :data:`._loader.DLL_NAMES`).
SONAME = _loader.SONAME
#: The major version (ABI generation) this package is written for.
MAJOR_VERSION = 1

#: ``BTX_DATE_UNKNOWN``: INT32_MIN.
DATE_UNKNOWN = -2147483648
#: ``BTX_DATE_MIN``: 1900-01-01 as days since 1970-01-01.
DATE_MIN = -25567
#: ``BTX_DATE_MAX``: 2199-12-31 as days since 1970-01-01.
DATE_MAX = 84005


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------

class BtxError(Exception):
    """A libbtxdose call failed. ``code`` is the negative ``BTX_E*`` status and the
    message is the library's own ``btx_strerror`` text (plus the function name).

    Clinical verdicts are never errors: they are findings (see :func:`btxdose.evaluate`).
    """

    #: The ``BTX_E*`` code this class stands for (the base class: any code).
    CODE: int = 0

    def __init__(self, code: int, text: str, function: Optional[str] = None,
                 detail: Optional[str] = None) -> None:
        self.code: int = code
        self.text: str = text
        self.function: Optional[str] = function
        self.detail: Optional[str] = detail
        #: Index of the first bad record when a history was refused, else None.
        self.index: Optional[int] = None
        where = f"{function}: " if function else ""
        more = f": {detail}" if detail else ""
        super().__init__(f"{where}{text} (code {code}){more}")


class BtxInvalidError(BtxError, ValueError):
    """``BTX_EINVAL`` (-1): NULL, malformed or out-of-set argument."""
    CODE = -1


class BtxRangeError(BtxError, ValueError):
    """``BTX_ERANGE`` (-2): date or units outside the supported range, NaN, negative."""
    CODE = -2


class BtxNotFoundError(BtxError, LookupError):
    """``BTX_ENOTFOUND`` (-3): no such name, code mapping or protocol.

    :func:`btxdose.protocol` attaches ``label_status`` (a :class:`btxdose.LabelStatus`),
    ``product``, ``indication`` and ``population``; elsewhere they are ``None``.
    """
    CODE = -3

    def __init__(self, code: int, text: str, function: Optional[str] = None,
                 detail: Optional[str] = None) -> None:
        super().__init__(code, text, function, detail)
        self.label_status: Any = None
        self.product: Any = None
        self.indication: Any = None
        self.population: Any = None


class BtxNoSpaceError(BtxError):
    """``BTX_ENOSPC`` (-4): a caller's buffer or array was too small."""
    CODE = -4


class BtxParseError(BtxError, ValueError):
    """``BTX_EPARSE`` (-5): text that is not a well-formed value."""
    CODE = -5


class BtxVersionError(BtxError):
    """``BTX_EVERSION`` (-6): a ``struct_size`` the library cannot accept."""
    CODE = -6


class BtxNeverError(BtxError):
    """``BTX_ENEVER`` (-7): a proposed dose can never be allowed (up to 2199-12-31)."""
    CODE = -7


class BtxWeightError(BtxError):
    """``BTX_EWEIGHT`` (-8): a weight-based limit applies and no usable weight was given."""
    CODE = -8


_ERROR_CLASSES: Dict[int, Type[BtxError]] = {
    cls.CODE: cls for cls in (BtxInvalidError, BtxRangeError, BtxNotFoundError,
                              BtxNoSpaceError, BtxParseError, BtxVersionError,
                              BtxNeverError, BtxWeightError)
}


# --------------------------------------------------------------------------------------
# Struct mirrors (layouts of the 1.0 headers on LP64 and on 64-bit Windows (LLP64), which
# are the same: no member is a long; checked at import)
# --------------------------------------------------------------------------------------

class _SizedStructure(Structure):
    """A size-prefixed struct: the constructor sets ``struct_size`` to the mirror's size
    unless the caller passes one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not args and "struct_size" not in kwargs:
            self.struct_size = ctypes.sizeof(self)


class Administration_c(Structure):
    """Mirror of ``btx_administration`` (frozen, 24 bytes)."""
    _fields_ = [
        ("date", c_int32),
        ("product", c_int32),
        ("indication", c_int32),
        ("flags", c_int32),
        ("units", c_double),
    ]


class Patient_c(_SizedStructure):
    """Mirror of ``btx_patient`` (24 bytes on LP64)."""
    _fields_ = [
        ("struct_size", c_size_t),
        ("weight_kg", c_double),
        ("birth_date", c_int32),
        ("weight_date", c_int32),
    ]


class Policy_c(_SizedStructure):
    """Mirror of ``btx_policy`` (40 bytes on LP64)."""
    _fields_ = [
        ("struct_size", c_size_t),
        ("window_length", c_int32),
        ("window_unit", c_int32),
        ("min_spacing_days", c_int32),
        ("weight_max_age_days", c_int32),
        ("warn_fraction", c_double),
        ("history_complete", c_int32),
        ("reserved", c_int32),
    ]


class Protocol_c(_SizedStructure):
    """Mirror of ``btx_protocol`` (176 bytes on LP64; the fields after ``source`` are
    those of libbtxdose 1.2)."""
    _fields_ = [
        ("struct_size", c_size_t),
        ("product", c_int32),
        ("indication", c_int32),
        ("population", c_int32),
        ("label_status", c_int32),
        ("category", c_int32),
        ("age_min_years", c_int32),
        ("dose_units", c_double),
        ("dose_min_units", c_double),
        ("dose_max_units", c_double),
        ("units_per_kg_min", c_double),
        ("units_per_kg_max", c_double),
        ("session_cap_units", c_double),
        ("session_cap_units_per_kg", c_double),
        ("units_per_site", c_double),
        ("sites", c_int32),
        ("regions", c_int32),
        ("interval_length", c_int32),
        ("interval_unit", c_int32),
        ("interval_kind", c_int32),
        ("evidence", c_int32),
        ("age_max_years", c_int32),
        ("reserved", c_int32),
        ("source", c_char_p),
        # 1.2
        ("per_limb", c_int32),
        ("reserved2", c_int32),
        ("limb_cap_units", c_double),
        ("limb_cap_units_per_kg", c_double),
        ("site_max_units", c_double),
        ("site_max_ml", c_double),
    ]


class Region_c(_SizedStructure):
    """Mirror of ``btx_region`` (72 bytes on LP64)."""
    _fields_ = [
        ("struct_size", c_size_t),
        ("name", c_char_p),
        ("units", c_double),
        ("units_min", c_double),
        ("units_max", c_double),
        ("units_per_kg_min", c_double),
        ("units_per_kg_max", c_double),
        ("sites", c_int32),
        ("sites_min", c_int32),
        ("sites_max", c_int32),
        ("bilateral", c_int32),
    ]


class Finding_c(_SizedStructure):
    """Mirror of ``btx_finding`` (88 bytes on LP64)."""
    _fields_ = [
        ("struct_size", c_size_t),
        ("code", c_int32),
        ("status", c_int32),
        ("severity", c_int32),
        ("rule", c_int32),
        ("limit_units", c_double),
        ("total_units", c_double),
        ("proposed_units", c_double),
        ("remaining_units", c_double),
        ("window_start", c_int32),
        ("window_end", c_int32),
        ("earliest_date", c_int32),
        ("evidence", c_int32),
        ("message", c_char_p),
        ("source", c_char_p),
    ]


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _load() -> Tuple[ctypes.CDLL, str]:
    """Finds and loads the library (the search is :mod:`._loader`'s); returns it and the
    path (or name) it was loaded from."""
    fs = _loader.FileSystem(os.path.isfile, os.path.isdir, os.listdir)
    return _loader.locate(os.environ, os.name, _PACKAGE_DIR, fs, ctypes.CDLL,
                          ctypes.util.find_library)


lib, library_path = _load()


def _strerror(code: int) -> str:
    return lib.btx_strerror(code)


def error_for(code: int, function: Optional[str] = None,
              detail: Optional[str] = None) -> BtxError:
    """The exception for a negative status ``code`` (text from ``btx_strerror``)."""
    cls = _ERROR_CLASSES.get(code, BtxError)
    return cls(code, _strerror(code), function, detail)


def check_status(result: int, func: Any, args: Tuple[Any, ...]) -> int:
    """ctypes errcheck: a negative status becomes the matching :class:`BtxError`."""
    if result < 0:
        raise error_for(result, getattr(func, "__name__", None))
    return result


def to_str(result: Optional[bytes], func: Any, args: Tuple[Any, ...]) -> str:
    """ctypes errcheck for ``const char *`` results: static UTF-8 text, never NULL."""
    if result is None:  # the contract says never NULL; be kind anyway
        return ""
    return result.decode("utf-8")


_Errcheck = Optional[Callable[[Any, Any, Tuple[Any, ...]], Any]]

_P_ADMIN = POINTER(Administration_c)
_P_PATIENT = POINTER(Patient_c)
_P_POLICY = POINTER(Policy_c)
_P_I32 = POINTER(c_int32)
_P_DOUBLE = POINTER(c_double)
_P_SIZE = POINTER(c_size_t)

#: Every function of the 1.0 ABI: (name, argtypes, restype, errcheck).
FUNCTIONS: List[Tuple[str, Sequence[Any], Any, _Errcheck]] = [
    # version.h
    ("btx_version", [], c_char_p, to_str),
    ("btx_version_number", [], c_int, None),
    ("btx_data_version", [], c_char_p, to_str),
    # error.h
    ("btx_strerror", [c_int], c_char_p, to_str),
    # date.h
    ("btx_date_from_ymd", [c_int32, c_int32, c_int32, _P_I32], c_int, check_status),
    ("btx_date_to_ymd", [c_int32, _P_I32, _P_I32, _P_I32], c_int, check_status),
    ("btx_date_parse", [c_char_p, _P_I32], c_int, check_status),
    ("btx_date_format", [c_int32, POINTER(c_char), c_size_t], c_int, check_status),
    ("btx_date_add_days", [c_int32, c_int32, _P_I32], c_int, check_status),
    ("btx_date_add_months", [c_int32, c_int32, _P_I32], c_int, check_status),
    # catalog.h
    ("btx_product_name", [c_int32], c_char_p, to_str),
    ("btx_product_lookup", [c_char_p, _P_I32], c_int, check_status),
    ("btx_product_substance", [c_int32], c_int32, None),
    ("btx_substance_name", [c_int32], c_char_p, to_str),
    ("btx_indication_name", [c_int32], c_char_p, to_str),
    ("btx_indication_lookup", [c_char_p, _P_I32], c_int, check_status),
    ("btx_indication_from_icd10", [c_char_p, _P_I32], c_int, check_status),
    # protocol.h
    ("btx_protocol_lookup", [c_int32, c_int32, c_int32, POINTER(Protocol_c)], c_int,
     check_status),
    ("btx_protocol_region", [c_int32, c_int32, c_int32, c_int32, POINTER(Region_c)], c_int,
     check_status),
    ("btx_reconstitute", [c_double, c_double, _P_DOUBLE], c_int, check_status),
    ("btx_dose_volume", [c_double, c_double, c_double, _P_DOUBLE], c_int, check_status),
    ("btx_label_status_name", [c_int32], c_char_p, to_str),
    ("btx_sizeof_protocol", [], c_size_t, None),
    ("btx_sizeof_region", [], c_size_t, None),
    # record.h
    ("btx_validate_history", [_P_ADMIN, c_size_t, _P_SIZE], c_int, check_status),
    ("btx_sizeof_patient", [], c_size_t, None),
    ("btx_sizeof_policy", [], c_size_t, None),
    ("btx_sizeof_administration", [], c_size_t, None),
    # window.h
    ("btx_window_total", [_P_ADMIN, c_size_t, c_int32, c_int32, c_int32, c_int32, _P_DOUBLE],
     c_int, check_status),
    ("btx_headroom", [_P_PATIENT, _P_POLICY, _P_ADMIN, c_size_t, c_int32, c_int32, c_int32,
                      _P_DOUBLE], c_int, check_status),
    # rule.h
    ("btx_rule_name", [c_int32], c_char_p, to_str),
    # evaluate.h
    ("btx_evaluate", [_P_PATIENT, _P_POLICY, _P_ADMIN, c_size_t, _P_ADMIN,
                      POINTER(Finding_c), c_size_t, _P_SIZE], c_int, check_status),
    ("btx_earliest_date", [_P_PATIENT, _P_POLICY, _P_ADMIN, c_size_t, _P_ADMIN, _P_I32],
     c_int, check_status),
    ("btx_finding_code_name", [c_int32], c_char_p, to_str),
    ("btx_status_name", [c_int32], c_char_p, to_str),
    ("btx_severity_name", [c_int32], c_char_p, to_str),
    ("btx_sizeof_finding", [], c_size_t, None),
]


def bind(name: str, argtypes: Sequence[Any], restype: Any,
         errcheck: _Errcheck = check_status) -> Any:
    """Declares one exported function of the loaded library and returns it.

    For modules of this package that add functions of a later version node (e.g. the
    1.1 audit): a missing symbol is an ``ImportError`` naming it and the library.
    """
    try:
        fn = getattr(lib, name)
    except AttributeError:
        raise ImportError(f"btxdose: the library {library_path} does not export {name} "
                          "(too old a libbtxdose?)") from None
    fn.argtypes = list(argtypes)
    fn.restype = restype
    if errcheck is not None:
        fn.errcheck = errcheck
    return fn


class BtxUnavailableError(NotImplementedError):
    """The loaded library does not export a function of a later version node (for
    example ``btx_product_from_ndc`` of libbtxdose 1.2 in a 1.1 library). Raised when
    the function is *called*, never at import, so that the rest of the package works
    with an older library. ``symbol`` names the missing function."""

    def __init__(self, symbol: str, since: str) -> None:
        self.symbol: str = symbol
        self.since: str = since
        super().__init__(
            f"btxdose: the library {library_path} (libbtxdose {lib.btx_version()}) does "
            f"not export {symbol}, added in libbtxdose {since}; load a newer library "
            "(BTXDOSE_LIBRARY) to use this function")


#: Functions of later version nodes the package uses when the library has them:
#: (name, argtypes, restype, errcheck, version that added it). Missing ones make
#: :func:`optional` raise :class:`BtxUnavailableError` when they are called. (The
#: billing functions of 1.2, btx_product_from_ndc among them, are declared by the
#: billing module, with the same guard.)
OPTIONAL_FUNCTIONS: List[Tuple[str, Sequence[Any], Any, _Errcheck, str]] = [
    ("btx_substance_lookup", [c_char_p, _P_I32], c_int, check_status, "1.2"),
    ("btx_product_for_indication", [c_int32, c_int32, _P_I32], c_int, check_status, "1.2"),
    # validate.h: the library's own input checks, naming the field (no errcheck: the
    # caller reads the field before it raises)
    ("btx_check_record", [_P_ADMIN, _P_I32], c_int, None, "1.2"),
    ("btx_check_patient", [_P_PATIENT, _P_I32], c_int, None, "1.2"),
    ("btx_check_patient_on", [_P_PATIENT, c_int32, _P_I32], c_int, None, "1.2"),
    ("btx_check_policy", [_P_POLICY, _P_I32], c_int, None, "1.2"),
    # the names of 1.2
    ("btx_population_name", [c_int32], c_char_p, to_str, "1.2"),
    ("btx_category_name", [c_int32], c_char_p, to_str, "1.2"),
    ("btx_interval_unit_name", [c_int32], c_char_p, to_str, "1.2"),
    ("btx_interval_kind_name", [c_int32], c_char_p, to_str, "1.2"),
    ("btx_evidence_name", [c_int32], c_char_p, to_str, "1.2"),
    ("btx_audit_flag_name", [c_int32], c_char_p, to_str, "1.2"),
]

_OPTIONAL: Dict[str, Any] = {}
_OPTIONAL_SINCE: Dict[str, str] = {}


def has(name: str) -> bool:
    """True when the loaded library exports the optional function ``name``."""
    return _OPTIONAL.get(name) is not None


def optional(name: str) -> Any:
    """The optional function ``name`` of :data:`OPTIONAL_FUNCTIONS`, declared; raises
    :class:`BtxUnavailableError` when the loaded library does not export it."""
    fn = _OPTIONAL.get(name)
    if fn is None:
        raise BtxUnavailableError(name, _OPTIONAL_SINCE.get(name, "a later version"))
    return fn


def _declare_optional() -> None:
    for name, argtypes, restype, errcheck, since in OPTIONAL_FUNCTIONS:
        _OPTIONAL_SINCE[name] = since
        _OPTIONAL[name] = bind(name, argtypes, restype, errcheck) if hasattr(lib, name) \
            else None


def _declare_all() -> None:
    missing = [name for name, _, _, _ in FUNCTIONS if not hasattr(lib, name)]
    if missing:
        raise ImportError(f"btxdose: the library {library_path} lacks "
                          f"{len(missing)} symbol(s) of the 1.0 ABI: {', '.join(missing)}")
    for name, argtypes, restype, errcheck in FUNCTIONS:
        bind(name, argtypes, restype, errcheck)


def _check_library() -> None:
    number = lib.btx_version_number()
    if number // 10000 != MAJOR_VERSION:
        raise ImportError(f"btxdose: {library_path} is libbtxdose {lib.btx_version()} "
                          f"(version number {number}); this package needs major version "
                          f"{MAJOR_VERSION}")
    mirrors = [
        ("btx_administration", Administration_c, "btx_sizeof_administration"),
        ("btx_patient", Patient_c, "btx_sizeof_patient"),
        ("btx_policy", Policy_c, "btx_sizeof_policy"),
        ("btx_protocol", Protocol_c, "btx_sizeof_protocol"),
        ("btx_region", Region_c, "btx_sizeof_region"),
        ("btx_finding", Finding_c, "btx_sizeof_finding"),
    ]
    for cname, mirror, sizer in mirrors:
        theirs = int(getattr(lib, sizer)())
        ours = ctypes.sizeof(mirror)
        if theirs != ours:
            raise ImportError(f"btxdose: struct {cname} is {theirs} bytes in {library_path} "
                              f"but {ours} bytes in the Python mirror ({sys.platform}); "
                              "the package and the library do not match")


_declare_all()
_check_library()
_declare_optional()

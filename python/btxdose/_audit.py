# SPDX-License-Identifier: Apache-2.0
"""Population audit (libbtxdose 1.1): :func:`audit` checks every row of a population in
one call of ``btx_audit`` (docs/audit.md, docs/python.md).

Rows are ``btx_audit_row`` records (48 bytes, little-endian LP64)::

    offset  0  uint64   patient      caller's key; rows sorted by it, ascending
            8  int32    date         days since 1970-01-01
           12  int32    product      btx_product
           16  int32    indication   btx_indication; 0 = not recorded
           20  int32    flags        bits 0-1: limbs treated (1.2): 0 not stated, 1, 2
           24  double   units
           32  double   weight_kg    0 = unknown
           40  int32    birth_date   BTX_DATE_UNKNOWN (-2**31) = unknown
           44  int32    reserved     0

Give them as any object with the buffer protocol holding that layout (a numpy
structured array with :data:`ROW_DTYPE_FIELDS`, a ``bytearray``, ``bytes``, an
``array.array``, a ctypes array of :class:`AuditRow_c`), which is passed to the library
without a copy when it is writable and aligned, or as an iterable of tuples
``(patient, date, product, indication, units[, weight_kg[, birth_date[, limbs]]])``
where dates may be ``datetime.date``, ISO strings or day numbers, products and
indications enum members, ints or names, and ``limbs`` None (not stated), 1 or 2 (the
limbs the row treats, for limb spasticity; it goes into ``flags``).

The answer is an :class:`AuditResult`: one ``btx_audit_result`` (24 bytes) per row, in
the same order, readable row by row, as the flagged indices, or as a buffer for numpy
(``numpy.frombuffer(result.raw, dtype=RESULT_DTYPE_FIELDS)``). This module does not
import numpy.
"""

from __future__ import annotations

import ctypes
import itertools
import struct
from ctypes import (POINTER, Structure, byref, c_double, c_int, c_int32, c_size_t, c_uint64,
                    c_void_p)
from typing import Any, Iterable, Iterator, List, NamedTuple, Optional, Sequence

from . import _ffi
from ._ffi import BtxError, Administration_c, Policy_c, check_status, lib
from ._model import Policy, indication_code, product_code

#: Exported by the package (btxdose/__init__.py imports these names).
__all__ = ["audit", "validate_audit", "rows_to_bytes", "AuditResult", "AuditRowResult",
           "AuditFlag"]


class AuditRow_c(Structure):
    """Mirror of ``btx_audit_row`` (frozen, 48 bytes)."""
    _fields_ = [
        ("patient", c_uint64),
        ("admin", Administration_c),
        ("weight_kg", c_double),
        ("birth_date", c_int32),
        ("reserved", c_int32),
    ]


class AuditResult_c(Structure):
    """Mirror of ``btx_audit_result`` (frozen, 24 bytes)."""
    _fields_ = [
        ("window_total", c_double),
        ("flags", c_int32),
        ("rule", c_int32),
        ("reserved", c_int32 * 2),
    ]


#: numpy dtype description of a row: ``numpy.dtype(ROW_DTYPE_FIELDS)`` (48 bytes).
ROW_DTYPE_FIELDS = [
    ("patient", "<u8"), ("date", "<i4"), ("product", "<i4"), ("indication", "<i4"),
    ("flags", "<i4"), ("units", "<f8"), ("weight_kg", "<f8"), ("birth_date", "<i4"),
    ("reserved", "<i4"),
]
#: numpy dtype description of a result: ``numpy.dtype(RESULT_DTYPE_FIELDS)`` (24 bytes).
RESULT_DTYPE_FIELDS = [
    ("window_total", "<f8"), ("flags", "<i4"), ("rule", "<i4"), ("reserved", "<i4", (2,)),
]

_ROW_SIZE = 48
_RESULT_SIZE = 24
_ROW = struct.Struct("<QiiiiddiI")
assert _ROW.size == _ROW_SIZE and ctypes.sizeof(AuditRow_c) == _ROW_SIZE
assert ctypes.sizeof(AuditResult_c) == _RESULT_SIZE


class AuditFlag:
    """``btx_audit_flag`` bits of :attr:`AuditRowResult.flags`."""
    OVER_WINDOW = 1
    TOO_SOON = 2
    SCHEDULE = 4
    OVER_SESSION = 8
    NOT_LABELLED = 16
    NOT_CHECKED = 32


class AuditRowResult(NamedTuple):
    """One row's answer: units of its substance in the trailing window, the bitwise OR of
    :class:`AuditFlag` values, and the id of the first rule broken (0 when none)."""
    window_total: float
    flags: int
    rule: int


# ---- the 1.1 functions, declared on the library the package loaded ----

_P_ROW = c_void_p
_P_RESULT = c_void_p
_HAVE_AUDIT = all(hasattr(lib, name) for name in
                  ("btx_audit", "btx_validate_audit", "btx_sizeof_audit_row",
                   "btx_sizeof_audit_result"))

if _HAVE_AUDIT:
    _btx_audit = _ffi.bind("btx_audit", [POINTER(Policy_c), _P_ROW, c_size_t, _P_RESULT,
                                          POINTER(c_size_t)], c_int, check_status)
    _btx_validate_audit = _ffi.bind("btx_validate_audit", [_P_ROW, c_size_t, POINTER(c_size_t)],
                                    c_int, check_status)
    for _sizer, _mirror in (("btx_sizeof_audit_row", AuditRow_c),
                            ("btx_sizeof_audit_result", AuditResult_c)):
        _fn = _ffi.bind(_sizer, [], c_size_t, None)
        if int(_fn()) != ctypes.sizeof(_mirror):
            raise ImportError(f"btxdose: {_sizer}() is {_fn()} in {_ffi.library_path} but the "
                              f"Python mirror has {ctypes.sizeof(_mirror)} bytes")
    del _sizer, _mirror, _fn


def _require() -> None:
    if not _HAVE_AUDIT:
        raise RuntimeError(f"btxdose: the library {_ffi.library_path} has no population audit "
                           "(btx_audit needs libbtxdose 1.1 or later)")


# ---- rows in ----

class _Rows:
    """Rows as the library reads them: a pointer, a count and what keeps them alive."""

    def __init__(self, address: int, n: int, keep: Any) -> None:
        self.address = address
        self.n = n
        self.keep = keep


def _from_buffer(obj: Any) -> Optional[_Rows]:
    """The rows of a buffer-protocol object, or None if obj has no buffer."""
    try:
        view = memoryview(obj)
    except TypeError:
        return None
    if not view.c_contiguous:
        raise ValueError("rows: the buffer must be C-contiguous")
    if view.itemsize != _ROW_SIZE and _ROW_SIZE % view.itemsize != 0:
        raise ValueError(f"rows: items of {view.itemsize} bytes are not btx_audit_row "
                         f"records of {_ROW_SIZE} bytes")
    nbytes = view.nbytes
    if nbytes % _ROW_SIZE != 0:
        raise ValueError(f"rows: {nbytes} bytes is not a whole number of {_ROW_SIZE}-byte "
                         "btx_audit_row records")
    n = nbytes // _ROW_SIZE
    if n == 0:
        return _Rows(0, 0, None)
    flat = view if view.format == "B" and view.ndim == 1 else view.cast("B")
    if not view.readonly:
        holder = (ctypes.c_char * nbytes).from_buffer(flat)
        if ctypes.addressof(holder) % 8 == 0:
            return _Rows(ctypes.addressof(holder), n, (holder, view))
    # Read-only or misaligned: one aligned copy.
    copy = (AuditRow_c * n)()
    memoryview(copy).cast("B")[:] = flat
    return _Rows(ctypes.addressof(copy), n, copy)


def _from_tuples(rows: Iterable[Sequence[Any]]) -> _Rows:
    items = list(rows)
    n = len(items)
    array = (AuditRow_c * n)()
    pack = _ROW.pack_into
    buf = memoryview(array).cast("B")
    cache: dict = {}
    for i, t in enumerate(items):
        if not 5 <= len(t) <= 8:
            raise ValueError(f"rows[{i}]: expected (patient, date, product, indication, units"
                             f"[, weight_kg[, birth_date[, limbs]]]), got {len(t)} fields")
        weight = float(t[5]) if len(t) > 5 and t[5] is not None else 0.0
        birth = _day(t[6], cache) if len(t) > 6 else _ffi.DATE_UNKNOWN
        flags = _limbs(t[7], i) if len(t) > 7 else 0
        pack(buf, i * _ROW_SIZE, int(t[0]), _day(t[1], cache), _code(product_code, t[2], cache),
             _code(indication_code, t[3], cache), flags, float(t[4]), weight, birth, 0)
    return _Rows(ctypes.addressof(array), n, array)


def _limbs(value: Any, i: int) -> int:
    """The flags of a row's ``limbs``: None is 0 (not stated), 1 or 2 themselves
    (``BTX_LIMBS_FLAGS``); anything else a :class:`btxdose.BtxInvalidError` naming it."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2):
        raise _ffi.error_for(_ffi.BtxInvalidError.CODE, f"rows[{i}]",
                             f"limbs: {value!r} is not a number of limbs treated: 1, 2 or "
                             "None (not stated)")
    return int(value)


def _day(value: Any, cache: dict) -> int:
    """A btx_date from an int (days since 1970-01-01), a date, an ISO string or None."""
    if value is None:
        return _ffi.DATE_UNKNOWN
    if isinstance(value, int):
        return int(value)
    key = ("d", value)
    got = cache.get(key)
    if got is None:
        from ._model import to_btx_date
        got = cache[key] = to_btx_date(value, "date")
    return got


def _code(fn: Any, value: Any, cache: dict) -> int:
    if isinstance(value, int):
        return int(value)
    key = (fn, value)
    got = cache.get(key)
    if got is None:
        got = cache[key] = fn(value)
    return got


def _rows_of(rows: Any) -> _Rows:
    got = _from_buffer(rows)
    if got is not None:
        return got
    if isinstance(rows, (str, dict)):
        raise TypeError("rows: expected a buffer of btx_audit_row records or an iterable of "
                        f"tuples, got {type(rows).__name__}")
    return _from_tuples(rows)


def _policy_ptr(policy: Optional[Policy]) -> Any:
    if policy is None:
        return None
    if not isinstance(policy, Policy):
        raise TypeError(f"policy: expected Policy or None, got {type(policy).__name__}")
    return byref(policy._to_c())


# ---- results out ----

class AuditResult:
    """The answer of :func:`audit`: one result per row, same order.

    ``len(result)`` rows; ``result[i]`` is an :class:`AuditRowResult`; ``result.flagged``
    the number of rows with any flag; :meth:`flagged_indices` their indices;
    ``result.raw`` the ``btx_audit_result`` array itself (a ctypes array, buffer
    protocol: ``numpy.frombuffer(result.raw, dtype=RESULT_DTYPE_FIELDS)``).
    """

    __slots__ = ("raw", "flagged", "_n")

    def __init__(self, raw: Any, n: int, flagged: int) -> None:
        self.raw = raw
        self._n = n
        self.flagged = flagged

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> AuditRowResult:
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("audit result index out of range")
        r = self.raw[i]
        return AuditRowResult(r.window_total, r.flags, r.rule)

    def __iter__(self) -> Iterator[AuditRowResult]:
        for r in self.raw:
            yield AuditRowResult(r.window_total, r.flags, r.rule)

    def _int32(self) -> memoryview:
        return memoryview(self.raw).cast("B").cast("i")

    def flags(self) -> memoryview:
        """The flags of every row as a strided ``memoryview`` of int32 (no copy)."""
        return self._int32()[2::6]

    def rules(self) -> memoryview:
        """The rule of every row as a strided ``memoryview`` of int32 (no copy)."""
        return self._int32()[3::6]

    def flagged_indices(self, mask: int = -1) -> List[int]:
        """Indices of the rows with a flag in ``mask`` (any flag by default)."""
        if self._n == 0:
            return []
        flags = self.flags()
        if mask == -1:
            return list(itertools.compress(range(self._n), flags))
        return [i for i, f in zip(range(self._n), flags) if f & mask]

    def __repr__(self) -> str:
        return f"<AuditResult rows={self._n} flagged={self.flagged}>"


def _results_into(out: Any, n: int) -> Any:
    """A ctypes array of n results over the caller's writable buffer (no copy)."""
    if isinstance(out, AuditResult):
        out = out.raw
    view = memoryview(out)
    if view.readonly or not view.c_contiguous:
        raise ValueError("out: expected a writable, C-contiguous buffer")
    if view.nbytes < n * _RESULT_SIZE:
        raise ValueError(f"out: {view.nbytes} bytes is too small for {n} results of "
                         f"{_RESULT_SIZE} bytes")
    flat = view if view.format == "B" and view.ndim == 1 else view.cast("B")
    raw = (AuditResult_c * n).from_buffer(flat)
    if n and ctypes.addressof(raw) % 8 != 0:
        raise ValueError("out: the buffer must be 8-byte aligned")
    return raw


def audit(rows: Any, policy: Optional[Policy] = None, out: Any = None) -> AuditResult:
    """Checks every row of a population in one ``btx_audit`` call.

    ``rows``: a buffer of ``btx_audit_row`` records (see the module documentation; a
    numpy structured array with :data:`ROW_DTYPE_FIELDS` works, its ``flags`` holding the
    limbs) or an iterable of tuples ``(patient, date, product, indication, units[,
    weight_kg[, birth_date[, limbs]]])``, sorted by patient key (ascending) and date.
    ``policy``: a :class:`btxdose.Policy` or None.
    ``out``: optional writable buffer of at least ``24 * len(rows)`` bytes (a bytearray,
    a numpy array, or the ``AuditResult`` of an earlier call) that receives the
    ``btx_audit_result`` records, so a loop over partitions need not allocate and touch a
    fresh result array each time; without it a new array is allocated.

    Raises :class:`btxdose.BtxInvalidError` for rows out of order and the other
    :class:`btxdose.BtxError` subclasses for a bad row or policy, with ``.index`` set to
    the first bad row.
    """
    _require()
    src = _rows_of(rows)
    n = src.n
    raw = (AuditResult_c * n)() if out is None else _results_into(out, n)
    flagged = c_size_t(0)
    try:
        _btx_audit(_policy_ptr(policy), src.address or None, n,
                   ctypes.addressof(raw) if n else None, byref(flagged))
    except BtxError as err:
        bad = c_size_t(0)
        try:
            _btx_validate_audit(src.address or None, n, byref(bad))
        except BtxError:
            err.index = bad.value
        raise
    return AuditResult(raw, n, flagged.value)


def validate_audit(rows: Any) -> None:
    """Checks rows as :func:`audit` does before it computes; returns None when all are
    good, else raises the first error with ``.index`` set to the bad row."""
    _require()
    src = _rows_of(rows)
    bad = c_size_t(0)
    try:
        _btx_validate_audit(src.address or None, src.n, byref(bad))
    except BtxError as err:
        err.index = bad.value
        raise


def rows_to_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """Packs tuples ``(patient, date, product, indication, units[, weight_kg[,
    birth_date[, limbs]]])`` into ``btx_audit_row`` bytes (for files, pipes and workers)."""
    return bytes(memoryview(_from_tuples(rows).keep).cast("B"))


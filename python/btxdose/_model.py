# SPDX-License-Identifier: Apache-2.0
"""Dataclasses of the Python layer and their conversion to and from the C structs.

Dates are :class:`datetime.date` (an ISO ``"YYYY-MM-DD"`` string is accepted on input
and parsed strictly by the library); ``None`` stands for ``BTX_DATE_UNKNOWN`` where a
date may be unknown. Products and indications may be given as enum members, plain ints
or names (looked up by the library).
"""

from __future__ import annotations

import datetime
import numbers
from ctypes import byref, c_int32
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Optional, Union

from . import _ffi
from ._ffi import (DATE_UNKNOWN, Administration_c, Finding_c, Patient_c, Policy_c,
                   Protocol_c, Region_c, lib)
from .enums import (Category, Evidence, Field, FindingCode, Indication, IntervalKind,
                    IntervalUnit, LabelStatus, Population, Product, Rule, Severity, Status,
                    Substance, to_enum)

__all__ = [
    "DateLike", "ProductLike", "IndicationLike", "UnitLike",
    "Administration", "Patient", "Policy", "Protocol", "Region", "Finding",
    "to_btx_date", "from_btx_date", "parse_date", "resolve_product",
]

#: A date argument: a :class:`datetime.date` (or datetime, whose date part is used) or
#: a strict ISO ``"YYYY-MM-DD"`` string.
DateLike = Union[datetime.date, str]
#: A product: :class:`Product`, its int value, or a name the library knows.
ProductLike = Union[Product, int, str]
#: An indication: :class:`Indication`, its int value, or a name the library knows.
IndicationLike = Union[Indication, int, str]
#: A window or interval unit: :class:`IntervalUnit`, its int value, or "days"/"weeks"/"months".
UnitLike = Union[IntervalUnit, int, str]

_EPOCH = datetime.date(1970, 1, 1)


def _cstr(text: str, code: int, function: str) -> bytes:
    """UTF-8 bytes for a C string argument; an embedded NUL would silently cut the text
    short in C, so it is refused with the error ``code`` the C function would give."""
    if not isinstance(text, str):
        raise TypeError(f"{function}: expected str, got {type(text).__name__}")
    if "\0" in text:
        raise _ffi.error_for(code, function, "text contains a NUL character")
    return text.encode("utf-8")


def parse_date(text: str) -> datetime.date:
    """Parses a strict ISO 8601 calendar date ``"YYYY-MM-DD"`` with ``btx_date_parse``.

    Raises :class:`BtxParseError` for anything else ("2025-02-29", " 2025-01-01") and
    :class:`BtxRangeError` for a real date outside 1900-01-01..2199-12-31.
    """
    out = c_int32(0)
    lib.btx_date_parse(_cstr(text, _ffi.BtxParseError.CODE, "btx_date_parse"), byref(out))
    result = from_btx_date(out.value)
    assert result is not None
    return result


def _as_date(value: Any, what: str) -> datetime.date:
    """A :class:`datetime.date` from a date, datetime or ISO string."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise TypeError(f"{what}: expected datetime.date or 'YYYY-MM-DD', "
                    f"got {type(value).__name__} ({value!r})")


def _as_optional_date(value: Any, what: str) -> Optional[datetime.date]:
    return None if value is None else _as_date(value, what)


# --------------------------------------------------------------------------------------
# Checks at construction: wrong types are TypeError, bad values a BtxError that is a
# ValueError (BtxRangeError, BtxInvalidError, BtxParseError) or, for a name the library
# does not know, a LookupError (BtxNotFoundError). Every message names the field and the
# value; the values themselves are judged by the library's own checks (validate.h).
# --------------------------------------------------------------------------------------

_DATE_RANGE = "1900-01-01..2199-12-31"


def _type_error(owner: str, name: str, expected: str, value: Any) -> TypeError:
    return TypeError(f"{owner}.{name}: expected {expected}, got {type(value).__name__} "
                     f"({value!r})")


def _field_date(owner: str, name: str, value: Any) -> datetime.date:
    """A date field: a date, a datetime (its date) or a strict ISO string."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except _ffi.BtxError as err:
            what = (f"is outside {_DATE_RANGE}" if err.code == _ffi.BtxRangeError.CODE
                    else "is not a date YYYY-MM-DD")
            raise _ffi.error_for(err.code, owner, f"{name}: {value!r} {what}") from None
    raise _type_error(owner, name, "datetime.date or 'YYYY-MM-DD'", value)


def _field_optional_date(owner: str, name: str, value: Any) -> Optional[datetime.date]:
    return None if value is None else _field_date(owner, name, value)


def _field_int(owner: str, name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(owner, name, "int", value)
    return int(value)


def _field_number(owner: str, name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _type_error(owner, name, "a number", value)
    return float(value)


def _iso(d: Optional[datetime.date]) -> str:
    return "unknown" if d is None else d.isoformat()


def _library_check(check: str, owner: str, texts: Dict[int, Callable[[], str]],
                   *args: Any) -> None:
    """Runs the library's check ``check`` (btx_check_*) on ``args`` and raises its error
    with the text for the field it names. Nothing with a library older than 1.2 (which
    has no such check): the call that takes the argument refuses it then."""
    if not _ffi.has(check):
        return
    bad = c_int32(0)
    rc = _ffi.optional(check)(*args, byref(bad))
    if rc < 0:
        text = texts.get(bad.value)
        detail = text() if text is not None else \
            f"{_field_name(bad.value)}: refused by the library"
        raise _ffi.error_for(rc, owner, detail)


def _field_name(value: int) -> str:
    from .enums import Field
    try:
        return Field(value).name.lower()
    except ValueError:
        return f"field {value}"


def to_btx_date(value: Optional[DateLike], what: str = "date") -> int:
    """A ``btx_date`` (days since 1970-01-01) from a date, an ISO string or None
    (``BTX_DATE_UNKNOWN``), through ``btx_date_from_ymd``; raises :class:`BtxRangeError`
    outside 1900-01-01..2199-12-31."""
    if value is None:
        return DATE_UNKNOWN
    d = _as_date(value, what)
    out = c_int32(0)
    lib.btx_date_from_ymd(d.year, d.month, d.day, byref(out))
    return out.value


def _to_btx_date_lenient(value: Optional[DateLike], what: str) -> int:
    """Like :func:`to_btx_date`, but a real date outside the library's range becomes the
    same day count outside it, so that the library itself refuses it (and names the
    record's index) instead of this layer."""
    if value is None:
        return DATE_UNKNOWN
    d = _as_date(value, what)
    out = c_int32(0)
    try:
        lib.btx_date_from_ymd(d.year, d.month, d.day, byref(out))
    except _ffi.BtxRangeError:
        days = (d - _EPOCH).days
        return max(-(2 ** 31) + 1, min(2 ** 31 - 1, days))
    return out.value


def from_btx_date(value: int) -> Optional[datetime.date]:
    """A :class:`datetime.date` from a ``btx_date`` through ``btx_date_to_ymd``; None for
    ``BTX_DATE_UNKNOWN``."""
    if value == DATE_UNKNOWN:
        return None
    y, m, d = c_int32(0), c_int32(0), c_int32(0)
    lib.btx_date_to_ymd(value, byref(y), byref(m), byref(d))
    return datetime.date(y.value, m.value, d.value)


def product_code(product: Any) -> int:
    """The ``btx_product`` value of an enum member, int or name (``btx_product_lookup``).
    An int outside the set is passed through for the library to refuse."""
    if isinstance(product, str):
        out = c_int32(0)
        lib.btx_product_lookup(_cstr(product, _ffi.BtxNotFoundError.CODE,
                                     "btx_product_lookup"), byref(out))
        return out.value
    if isinstance(product, int):
        return int(product)
    if product is None:
        return 0
    raise TypeError(f"product: expected Product, int or str, got {type(product).__name__}")


def resolve_product(name: str, indication: Any = None) -> int:
    """The ``btx_product`` value for a product name read together with an indication.

    A nonproprietary name ("onabotulinumtoxinA", "prabotulinumtoxinA-xvfs") gives the
    product whose label covers its substance for the indication
    (``btx_substance_lookup`` then ``btx_product_for_indication``): onabotulinumtoxinA
    for glabellar lines is BOTOX Cosmetic, for chronic migraine (or no indication) BOTOX.
    Any other name goes to ``btx_product_lookup``. With a library older than 1.2 (no
    ``btx_substance_lookup``) every name goes to ``btx_product_lookup``.
    """
    text = _cstr(name, _ffi.BtxNotFoundError.CODE, "btx_product_lookup")
    if _ffi.has("btx_substance_lookup") and _ffi.has("btx_product_for_indication"):
        substance = c_int32(0)
        try:
            _ffi.optional("btx_substance_lookup")(text, byref(substance))
        except _ffi.BtxNotFoundError:
            pass
        else:
            out = c_int32(0)
            _ffi.optional("btx_product_for_indication")(substance.value,
                                                        indication_code(indication),
                                                        byref(out))
            return out.value
    out = c_int32(0)
    lib.btx_product_lookup(text, byref(out))
    return out.value


def indication_code(indication: Any) -> int:
    """The ``btx_indication`` value of an enum member, int, name
    (``btx_indication_lookup``) or None (0, "not recorded")."""
    if indication is None:
        return 0
    if isinstance(indication, str):
        out = c_int32(0)
        lib.btx_indication_lookup(_cstr(indication, _ffi.BtxNotFoundError.CODE,
                                        "btx_indication_lookup"), byref(out))
        return out.value
    if isinstance(indication, int):
        return int(indication)
    raise TypeError("indication: expected Indication, int, str or None, got "
                    f"{type(indication).__name__}")


_UNIT_NAMES: Dict[str, IntervalUnit] = {
    "d": IntervalUnit.DAYS, "day": IntervalUnit.DAYS, "days": IntervalUnit.DAYS,
    "w": IntervalUnit.WEEKS, "week": IntervalUnit.WEEKS, "weeks": IntervalUnit.WEEKS,
    "m": IntervalUnit.MONTHS, "month": IntervalUnit.MONTHS, "months": IntervalUnit.MONTHS,
}


def unit_code(unit: Any) -> int:
    """The ``btx_interval_unit`` value of an enum member, int, or "days"/"weeks"/"months"."""
    if isinstance(unit, str):
        try:
            return int(_UNIT_NAMES[unit.strip().lower()])
        except KeyError:
            raise ValueError(f"unit: {unit!r} is not 'days', 'weeks' or 'months'") from None
    if isinstance(unit, int):
        return int(unit)
    raise TypeError(f"unit: expected IntervalUnit, int or str, got {type(unit).__name__}")


def evidence_name(evidence: Any) -> str:
    """Stable name of an evidence level ("label", "secondary"; ``btx_evidence_name``,
    libbtxdose 1.2; with an older library the enum's name in lower case)."""
    if _ffi.has("btx_evidence_name"):
        return _ffi.optional("btx_evidence_name")(int(evidence))
    try:
        return Evidence(int(evidence)).name.lower()
    except ValueError:
        return "unknown"


def _optional_enum(cls: Any, value: int) -> Any:
    return None if value == 0 else to_enum(cls, value)


def _text(raw: Optional[bytes]) -> str:
    return "" if raw is None else raw.decode("utf-8")


#: ``BTX_LIMBS_MASK``: the bits of ``flags`` that hold the limbs treated (1.2).
LIMBS_MASK = 0x3


def _field_limbs(owner: str, value: Any, flags: int) -> int:
    """The limb bits for ``limbs`` (None, 1 or 2) given with ``flags``: 0 for None; a
    :class:`BtxInvalidError` naming the value for anything else, and for a count that
    ``flags`` contradicts."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2):
        raise _ffi.error_for(_ffi.BtxInvalidError.CODE, owner,
                             f"limbs: {value!r} is not a number of limbs treated: 1, 2 or "
                             "None (not stated)")
    stated = flags & LIMBS_MASK
    if stated not in (0, value):
        raise _ffi.error_for(_ffi.BtxInvalidError.CODE, owner,
                             f"limbs: {value!r} disagrees with flags {flags!r} (whose bits "
                             f"0-1 say {stated})")
    return int(value)


def _flags_refused(flags: int, indication: int) -> str:
    """The text for flags the library refused: a limb count on a record whose
    indication takes none, or a bit it does not know."""
    limbs = flags & LIMBS_MASK
    if flags == limbs and limbs in (1, 2):
        what = "a record without indication" if indication == 0 else \
            f"a {lib.btx_indication_name(indication)} record"
        return (f"limbs: {limbs} on {what}: a count of limbs is for a limb indication "
                "(upper or lower limb spasticity)")
    return f"flags: {flags!r} has a bit the library does not know"


# --------------------------------------------------------------------------------------
# Input records
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Administration:
    """One administration, given (past) or planned (future): ``btx_administration``.

    ``date`` may be given as an ISO string; ``product`` and ``indication`` as names
    (resolved by the library when the record is made). A nonproprietary product name is
    resolved with the indication: ``Administration(d, "onabotulinumtoxinA",
    "glabellar lines", 20)`` is BOTOX Cosmetic (:func:`resolve_product`). ``indication``
    None (or 0) means "not recorded": such a record counts in substance-wide windows
    only. ``units`` are label Units of the product (rounded by the library to 0.001 U).

    The record is checked when it is made, by the library's own checks
    (``btx_check_record``): a wrong type is a ``TypeError`` (``product=None``,
    ``units=True``, ``date=20250106``), a bad value a ``ValueError`` —
    :class:`BtxRangeError` for a date outside 1900-01-01..2199-12-31 or units that are
    NaN, infinite, negative or above 100000, :class:`BtxInvalidError` for a product or
    indication code outside its set or flags the library does not know,
    :class:`BtxParseError` for a date string that is not a day — and an unknown name a
    :class:`BtxNotFoundError`; each message names the field and the value.

    ``limbs`` (libbtxdose 1.2): how many limbs the record treats, 1 or 2 (both arms or
    both legs), for upper or lower limb spasticity; None (the default) is "not stated",
    which leaves a per-limb limit NOT_CHECKED. It is bits 0-1 of ``flags``
    (``BTX_LIMBS_MASK``): ``Administration(d, "Dysport", "lower limb spasticity", 300,
    limbs=1)`` has ``flags == 1``, and ``flags=2`` alone gives ``limbs == 2``. Any other
    value — 0, 3, -1, ``True``, ``"two"``, 1.0 — is a :class:`BtxInvalidError` (a
    ``ValueError``) naming it, as is a count that disagrees with ``flags`` and, with a 1.2
    library, a count on a record whose indication is not a limb spasticity.
    """
    date: datetime.date
    product: Union[Product, int]
    indication: Union[Indication, int, None]
    units: float
    flags: int = 0
    limbs: Optional[int] = None

    def __post_init__(self) -> None:
        owner = "Administration"
        day = _field_date(owner, "date", self.date)
        indication = self.indication
        if indication is None:
            code = 0
        elif isinstance(indication, bool) or not isinstance(indication, (int, str)):
            raise _type_error(owner, "indication", "Indication, int, str or None", indication)
        else:
            try:
                code = indication_code(indication)
            except _ffi.BtxNotFoundError:
                raise _ffi.error_for(_ffi.BtxNotFoundError.CODE, owner,
                                     f"indication: no indication named {indication!r}") \
                    from None
        product = self.product
        if isinstance(product, bool) or not isinstance(product, (int, str)):
            raise _type_error(owner, "product", "Product, int or str", product)
        if isinstance(product, str):
            try:
                product_value = resolve_product(product, code)
            except _ffi.BtxNotFoundError:
                raise _ffi.error_for(_ffi.BtxNotFoundError.CODE, owner,
                                     f"product: no product named {product!r}") from None
        else:
            product_value = int(product)
        units = _field_number(owner, "units", self.units)
        flags = _field_int(owner, "flags", self.flags)
        limbs = _field_limbs(owner, self.limbs, flags)
        flags |= limbs
        object.__setattr__(self, "date", day)
        object.__setattr__(self, "product", to_enum(Product, product_value))
        object.__setattr__(self, "indication", None if code == 0 else to_enum(Indication, code))
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "flags", flags)
        object.__setattr__(self, "limbs", (flags & LIMBS_MASK) or None)
        record = self._to_c()
        _library_check("btx_check_record", owner, {
            int(Field.DATE): lambda: f"date: {day.isoformat()} is outside {_DATE_RANGE}",
            int(Field.PRODUCT): lambda: f"product: {product!r} is not a product",
            int(Field.INDICATION): lambda: f"indication: {indication!r} is not an indication",
            int(Field.FLAGS): lambda: _flags_refused(flags, code),
            int(Field.UNITS): lambda: (f"units: {self.units!r} is not a dose: units must be "
                                       "finite, 0 to 100000"),
        }, byref(record))

    @property
    def substance(self) -> Union[Substance, int, None]:
        """The product's substance (None for a product the library does not know)."""
        value = int(lib.btx_product_substance(int(self.product)))
        return None if value == 0 else to_enum(Substance, value)

    def _to_c(self) -> Administration_c:
        return Administration_c(
            date=_to_btx_date_lenient(self.date, "Administration.date"),
            product=int(self.product),
            indication=indication_code(self.indication),
            flags=self.flags,
            units=self.units,
        )


@dataclass
class Patient:
    """What the rules need to know about the patient: ``btx_patient``.

    ``None`` means unknown: an unknown birth date gives adult rules (and an AGE_UNKNOWN
    notice); an unknown weight makes weight-based limits NOT_CHECKED. A weight of 0 is
    "not known" in C and is kept as None. Checked when made and again when used (the
    fields may be reassigned): a wrong type is a ``TypeError``, a weight that is NaN,
    negative or above 1000 kg or a date outside 1900-01-01..2199-12-31 a ``ValueError``
    (:class:`BtxRangeError`) naming the field and the value. A birth date after the date
    a question is about is refused by that question (:class:`BtxRangeError` naming
    ``birth_date``); a weight measured after it is not used for it.
    """
    birth_date: Optional[datetime.date] = None
    weight_kg: Optional[float] = None
    weight_date: Optional[datetime.date] = None

    def __post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        owner = "Patient"
        self.birth_date = _field_optional_date(owner, "birth_date", self.birth_date)
        self.weight_date = _field_optional_date(owner, "weight_date", self.weight_date)
        if self.weight_kg is not None:
            weight = _field_number(owner, "weight_kg", self.weight_kg)
            self.weight_kg = None if weight == 0.0 else weight
        _library_check("btx_check_patient", owner, {
            int(Field.WEIGHT_KG): lambda: (f"weight_kg: {self.weight_kg!r} is not a body "
                                           "weight: 0 to 1000 kg"),
            int(Field.BIRTH_DATE): lambda: (f"birth_date: {_iso(self.birth_date)} is outside "
                                            f"{_DATE_RANGE}"),
            int(Field.WEIGHT_DATE): lambda: (f"weight_date: {_iso(self.weight_date)} is "
                                             f"outside {_DATE_RANGE}"),
        }, byref(self._c()))

    def _c(self) -> Patient_c:
        return Patient_c(
            weight_kg=0.0 if self.weight_kg is None else float(self.weight_kg),
            birth_date=_to_btx_date_lenient(self.birth_date, "Patient.birth_date"),
            weight_date=_to_btx_date_lenient(self.weight_date, "Patient.weight_date"),
        )

    def _to_c(self) -> Patient_c:
        self._check()
        return self._c()

    def _check_on(self, day: int, function: str) -> None:
        """Refuses a birth date after ``day`` (a ``btx_date``), as the question about
        that day will (``btx_check_patient_on``), naming the field and both dates."""
        _library_check("btx_check_patient_on", function, {
            int(Field.BIRTH_DATE): lambda: (f"patient.birth_date: {_iso(self.birth_date)} is "
                                            "after the date checked, "
                                            f"{_iso(from_btx_date(day))}"),
        }, byref(self._c()), day)


@dataclass
class Policy:
    """The caller's policy: ``btx_policy``. The defaults are the label's rules with the
    history not declared complete (the same as passing no policy).

    ``window_length`` 0 keeps the label's 3-month cumulative window; otherwise it replaces
    it, in ``window_unit`` (days by default; an :class:`IntervalUnit`, its int value or
    "days"/"weeks"/"months"). ``min_spacing_days`` 0: no spacing rule.
    ``weight_max_age_days`` 0: any weight measured on or before the date counts.
    ``warn_fraction`` 0: no warnings. Checked when made and again when used, by the
    library's ``btx_check_policy``: a wrong type is a ``TypeError``, a bad value a
    ``ValueError`` (:class:`BtxInvalidError`, :class:`BtxRangeError`, or ``ValueError``
    for an unknown unit name) naming the field and the value.
    """
    window_length: int = 0
    window_unit: Union[IntervalUnit, int, str] = IntervalUnit.DAYS
    min_spacing_days: int = 0
    weight_max_age_days: int = 0
    warn_fraction: float = 0.0
    history_complete: bool = False

    def __post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        owner = "Policy"
        for name in ("window_length", "min_spacing_days", "weight_max_age_days"):
            setattr(self, name, _field_int(owner, name, getattr(self, name)))
        unit = self.window_unit
        if isinstance(unit, bool) or not isinstance(unit, (int, str)):
            raise _type_error(owner, "window_unit", "IntervalUnit, int or str", unit)
        if isinstance(unit, str):
            try:
                unit = unit_code(unit)
            except ValueError:
                raise ValueError(f"Policy.window_unit: {self.window_unit!r} is not 'days', "
                                 "'weeks' or 'months'") from None
        self.window_unit = to_enum(IntervalUnit, int(unit))
        self.warn_fraction = _field_number(owner, "warn_fraction", self.warn_fraction)
        if not isinstance(self.history_complete, int):
            raise _type_error(owner, "history_complete", "bool", self.history_complete)
        if self.history_complete not in (0, 1):
            raise _ffi.error_for(_ffi.BtxInvalidError.CODE, owner,
                                 f"history_complete: {self.history_complete!r} is not a bool")
        self.history_complete = bool(self.history_complete)
        value = {int(Field.WINDOW_LENGTH): "window_length", int(Field.WINDOW_UNIT): "window_unit",
                 int(Field.MIN_SPACING_DAYS): "min_spacing_days",
                 int(Field.WEIGHT_MAX_AGE_DAYS): "weight_max_age_days",
                 int(Field.WARN_FRACTION): "warn_fraction"}
        why = {"window_length": "must be 0 or a window of at most 100000 days",
               "window_unit": "is not days, weeks or months",
               "min_spacing_days": "must be 0 to 100000",
               "weight_max_age_days": "must not be negative",
               "warn_fraction": "must be 0 to 1"}
        texts = {f: (lambda n=n: f"{n}: {getattr(self, n)!r} {why[n]}")
                 for f, n in value.items()}
        _library_check("btx_check_policy", owner, texts, byref(self._c()))

    def _c(self) -> Policy_c:
        return Policy_c(
            window_length=int(self.window_length),
            window_unit=int(self.window_unit),
            min_spacing_days=int(self.min_spacing_days),
            weight_max_age_days=int(self.weight_max_age_days),
            warn_fraction=float(self.warn_fraction),
            history_complete=1 if self.history_complete else 0,
            reserved=0,
        )

    def _to_c(self) -> Policy_c:
        self._check()
        return self._c()


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Protocol:
    """The label's recommendation for one product, indication and population
    (``btx_protocol``). Zero in C means "not stated"; enum fields that may be absent
    are None then."""
    product: Union[Product, int]
    indication: Union[Indication, int]
    population: Union[Population, int]
    label_status: Union[LabelStatus, int]
    category: Union[Category, int, None]
    age_min_years: int
    age_max_years: int
    dose_units: float
    dose_min_units: float
    dose_max_units: float
    units_per_kg_min: float
    units_per_kg_max: float
    session_cap_units: float
    session_cap_units_per_kg: float
    units_per_site: float
    sites: int
    regions: int
    interval_length: int
    interval_unit: Union[IntervalUnit, int, None]
    interval_kind: Union[IntervalKind, int, None]
    evidence: Union[Evidence, int, None]
    source: str
    product_name: str = field(default="", compare=False)
    indication_name: str = field(default="", compare=False)
    label_status_name: str = field(default="", compare=False)
    # 1.2: per limb treated (the U/kg range and the limb caps), per-site maxima
    per_limb: bool = False
    limb_cap_units: float = 0.0
    limb_cap_units_per_kg: float = 0.0
    site_max_units: float = 0.0
    site_max_ml: float = 0.0

    @classmethod
    def _from_c(cls, p: Protocol_c) -> "Protocol":
        return cls(
            product=to_enum(Product, p.product),
            indication=to_enum(Indication, p.indication),
            population=to_enum(Population, p.population),
            label_status=to_enum(LabelStatus, p.label_status),
            category=_optional_enum(Category, p.category),
            age_min_years=p.age_min_years,
            age_max_years=p.age_max_years,
            dose_units=p.dose_units,
            dose_min_units=p.dose_min_units,
            dose_max_units=p.dose_max_units,
            units_per_kg_min=p.units_per_kg_min,
            units_per_kg_max=p.units_per_kg_max,
            session_cap_units=p.session_cap_units,
            session_cap_units_per_kg=p.session_cap_units_per_kg,
            units_per_site=p.units_per_site,
            sites=p.sites,
            regions=p.regions,
            interval_length=p.interval_length,
            interval_unit=_optional_enum(IntervalUnit, p.interval_unit),
            interval_kind=_optional_enum(IntervalKind, p.interval_kind),
            evidence=_optional_enum(Evidence, p.evidence),
            source=_text(p.source),
            product_name=lib.btx_product_name(p.product),
            indication_name=lib.btx_indication_name(p.indication),
            label_status_name=lib.btx_label_status_name(p.label_status),
            per_limb=bool(p.per_limb),
            limb_cap_units=p.limb_cap_units,
            limb_cap_units_per_kg=p.limb_cap_units_per_kg,
            site_max_units=p.site_max_units,
            site_max_ml=p.site_max_ml,
        )


@dataclass(frozen=True)
class Region:
    """One muscle group or treatment area of a protocol (``btx_region``)."""
    name: str
    units: float
    units_min: float
    units_max: float
    units_per_kg_min: float
    units_per_kg_max: float
    sites: int
    sites_min: int
    sites_max: int
    bilateral: bool

    @classmethod
    def _from_c(cls, r: Region_c) -> "Region":
        return cls(
            name=_text(r.name),
            units=r.units,
            units_min=r.units_min,
            units_max=r.units_max,
            units_per_kg_min=r.units_per_kg_min,
            units_per_kg_max=r.units_per_kg_max,
            sites=r.sites,
            sites_min=r.sites_min,
            sites_max=r.sites_max,
            bilateral=bool(r.bilateral),
        )


@dataclass(frozen=True)
class Finding:
    """One rule's outcome for a proposal (``btx_finding``), with the library's stable
    names of its code, status, severity and rule for logs and JSON."""
    code: Union[FindingCode, int]
    status: Union[Status, int]
    severity: Union[Severity, int]
    rule: Union[Rule, int]
    limit_units: float
    total_units: float
    proposed_units: float
    remaining_units: float
    window_start: Optional[datetime.date]
    window_end: Optional[datetime.date]
    earliest_date: Optional[datetime.date]
    evidence: Union[Evidence, int, None]
    message: str
    source: str
    code_name: str = ""
    status_name: str = ""
    severity_name: str = ""
    rule_name: str = ""

    @property
    def failed(self) -> bool:
        """True when the rule is broken (status FAIL)."""
        return self.status == Status.FAIL

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-friendly dict: names for enums, ISO strings (or None) for dates. The
        members and their spellings are those of a finding in ``btxdose check --json``
        (``evidence`` "label", "secondary" or None)."""
        def iso(d: Optional[datetime.date]) -> Optional[str]:
            return None if d is None else d.isoformat()
        return {
            "code": self.code_name,
            "code_value": int(self.code),
            "status": self.status_name,
            "severity": self.severity_name,
            "rule": self.rule_name,
            "rule_id": int(self.rule),
            "limit_units": self.limit_units,
            "total_units": self.total_units,
            "proposed_units": self.proposed_units,
            "remaining_units": self.remaining_units,
            "window_start": iso(self.window_start),
            "window_end": iso(self.window_end),
            "earliest_date": iso(self.earliest_date),
            "evidence": None if self.evidence is None else evidence_name(self.evidence),
            "message": self.message,
            "source": self.source,
        }

    @classmethod
    def _from_c(cls, f: Finding_c) -> "Finding":
        return cls(
            code=to_enum(FindingCode, f.code),
            status=to_enum(Status, f.status),
            severity=to_enum(Severity, f.severity),
            rule=to_enum(Rule, f.rule),
            limit_units=f.limit_units,
            total_units=f.total_units,
            proposed_units=f.proposed_units,
            remaining_units=f.remaining_units,
            window_start=from_btx_date(f.window_start),
            window_end=from_btx_date(f.window_end),
            earliest_date=from_btx_date(f.earliest_date),
            evidence=_optional_enum(Evidence, f.evidence),
            message=_text(f.message),
            source=_text(f.source),
            code_name=lib.btx_finding_code_name(f.code),
            status_name=lib.btx_status_name(f.status),
            severity_name=lib.btx_severity_name(f.severity),
            rule_name=lib.btx_rule_name(f.rule),
        )

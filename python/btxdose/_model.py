"""Dataclasses of the Python layer and their conversion to and from the C structs.

Dates are :class:`datetime.date` (an ISO ``"YYYY-MM-DD"`` string is accepted on input
and parsed strictly by the library); ``None`` stands for ``BTX_DATE_UNKNOWN`` where a
date may be unknown. Products and indications may be given as enum members, plain ints
or names (looked up by the library).
"""

from __future__ import annotations

import datetime
from ctypes import byref, c_int32
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Union

from . import _ffi
from ._ffi import (DATE_UNKNOWN, Administration_c, Finding_c, Patient_c, Policy_c,
                   Protocol_c, Region_c, lib)
from .enums import (Category, Evidence, FindingCode, Indication, IntervalKind, IntervalUnit,
                    LabelStatus, Population, Product, Rule, Severity, Status, Substance,
                    to_enum)

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
                    f"got {type(value).__name__}")


def _as_optional_date(value: Any, what: str) -> Optional[datetime.date]:
    return None if value is None else _as_date(value, what)


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


def _optional_enum(cls: Any, value: int) -> Any:
    return None if value == 0 else to_enum(cls, value)


def _text(raw: Optional[bytes]) -> str:
    return "" if raw is None else raw.decode("utf-8")


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
    """
    date: datetime.date
    product: Union[Product, int]
    indication: Union[Indication, int, None]
    units: float
    flags: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", _as_date(self.date, "Administration.date"))
        code = indication_code(self.indication)
        product = resolve_product(self.product, code) if isinstance(self.product, str) \
            else product_code(self.product)
        object.__setattr__(self, "product", to_enum(Product, product))
        object.__setattr__(self, "indication", None if code == 0 else to_enum(Indication, code))
        if not isinstance(self.units, (int, float)):
            raise TypeError(f"Administration.units: expected a number, got "
                            f"{type(self.units).__name__}")
        object.__setattr__(self, "units", float(self.units))
        object.__setattr__(self, "flags", int(self.flags))

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
    notice); an unknown weight makes weight-based limits NOT_CHECKED.
    """
    birth_date: Optional[datetime.date] = None
    weight_kg: Optional[float] = None
    weight_date: Optional[datetime.date] = None

    def __post_init__(self) -> None:
        self.birth_date = _as_optional_date(self.birth_date, "Patient.birth_date")
        self.weight_date = _as_optional_date(self.weight_date, "Patient.weight_date")

    def _to_c(self) -> Patient_c:
        return Patient_c(
            weight_kg=0.0 if self.weight_kg is None else float(self.weight_kg),
            birth_date=_to_btx_date_lenient(self.birth_date, "Patient.birth_date"),
            weight_date=_to_btx_date_lenient(self.weight_date, "Patient.weight_date"),
        )


@dataclass
class Policy:
    """The caller's policy: ``btx_policy``. The defaults are the label's rules with the
    history not declared complete (the same as passing no policy).

    ``window_length`` 0 keeps the label's 3-month cumulative window; otherwise it replaces
    it, in ``window_unit`` (days by default). ``min_spacing_days`` 0: no spacing rule.
    ``weight_max_age_days`` 0: any weight counts. ``warn_fraction`` 0: no warnings.
    """
    window_length: int = 0
    window_unit: Union[IntervalUnit, int, str] = IntervalUnit.DAYS
    min_spacing_days: int = 0
    weight_max_age_days: int = 0
    warn_fraction: float = 0.0
    history_complete: bool = False

    def _to_c(self) -> Policy_c:
        return Policy_c(
            window_length=int(self.window_length),
            window_unit=unit_code(self.window_unit),
            min_spacing_days=int(self.min_spacing_days),
            weight_max_age_days=int(self.weight_max_age_days),
            warn_fraction=float(self.warn_fraction),
            history_complete=1 if self.history_complete else 0,
            reserved=0,
        )


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
        """A JSON-friendly dict: names for enums, ISO strings (or None) for dates."""
        def iso(d: Optional[datetime.date]) -> Optional[str]:
            return None if d is None else d.isoformat()
        return {
            "code": self.code_name,
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
            "evidence": None if self.evidence is None else int(self.evidence),
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

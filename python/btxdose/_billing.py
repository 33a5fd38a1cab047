# SPDX-License-Identifier: Apache-2.0
"""Vials, discarded units and billing lines (libbtxdose 1.2; docs/billing.md).

:func:`bill` answers, for one patient's dose of one product on one date of service and
in one setting, which single-dose vials to open, how many units are discarded, the HCPCS
drug lines with their billing units and the JW/JZ modifiers, and the advisory CPT
administration codes, each with its sources::

    >>> b = btxdose.bill("2026-03-02", "Botox", "strabismus", 1.25)
    >>> [(l.hcpcs, l.modifier, l.billing_units) for l in b.lines]
    [('J0585', '', 2), ('J0585', 'JW', 98)]

:func:`vial_plan` gives the vials alone (with the in-use window after reconstitution),
:func:`product_from_ndc` the product and package size behind a package NDC.
Bad arguments raise :class:`BtxError` subclasses whose message names the argument and
its value; nothing is guessed.
"""

from __future__ import annotations

import ctypes
import datetime
from ctypes import (Structure, byref, c_char_p, c_double, c_int, c_int32, c_size_t,
                    POINTER)
from dataclasses import dataclass, field
from typing import Any, Dict, List, NamedTuple, Optional, Union

from . import _ffi
from ._ffi import BtxError, BtxNotFoundError, bind, check_status, lib, library_path, to_str
from ._model import (DateLike, IndicationLike, ProductLike, _as_date, _cstr, resolve_product,
                     _to_btx_date_lenient, indication_code, product_code)
from .enums import (BillStatus, Category, Evidence, Field, Indication, Product, Setting,
                    WasteModifiers, to_enum)

#: Exported by the package (btxdose/__init__.py imports these names).
__all__ = ["bill", "vial_plan", "product_from_ndc", "setting_lookup", "setting_name",
           "Bill", "BillLine", "VialCount", "VialPlan", "NdcProduct",
           "VIAL_SIZES_MAX", "BILL_LINES_MAX", "CPT_MAX"]

#: ``BTX_VIAL_SIZES_MAX``, ``BTX_BILL_LINES_MAX``, ``BTX_CPT_MAX``.
VIAL_SIZES_MAX = 4
BILL_LINES_MAX = 2
CPT_MAX = 4

#: A setting: :class:`Setting`, its int value, or a name the library knows
#: ("office", "hospital outpatient", "asc", "cah", "rhc", "fqhc", "inpatient", ...).
SettingLike = Union[Setting, int, str]


class _SizedStructure(Structure):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not args and "struct_size" not in kwargs:
            self.struct_size = ctypes.sizeof(self)


class VialPlan_c(_SizedStructure):
    """Mirror of ``btx_vial_plan`` (104 bytes on LP64)."""
    _fields_ = [
        ("struct_size", c_size_t),
        ("product", c_int32),
        ("vial_sizes", c_int32),
        ("vial_units", c_int32 * VIAL_SIZES_MAX),
        ("vial_counts", c_int32 * VIAL_SIZES_MAX),
        ("vials", c_int32),
        ("in_use_hours", c_int32),
        ("dose_units", c_double),
        ("opened_units", c_double),
        ("discarded_units", c_double),
        ("ready_to_use", c_int32),
        ("evidence", c_int32),
        ("vial_source", c_char_p),
        ("in_use_source", c_char_p),
    ]


class BillLine_c(Structure):
    """Mirror of ``btx_bill_line`` (frozen, 48 bytes on LP64)."""
    _fields_ = [
        ("hcpcs", c_char_p),
        ("modifier", c_char_p),
        ("billing_units", c_int32),
        ("discarded", c_int32),
        ("modifier_required", c_int32),
        ("reserved", c_int32),
        ("units", c_double),
        ("source", c_char_p),
    ]


class Billing_c(_SizedStructure):
    """Mirror of ``btx_billing`` (296 bytes on LP64)."""
    _fields_ = [
        ("struct_size", c_size_t),
        ("product", c_int32),
        ("indication", c_int32),
        ("setting", c_int32),
        ("date", c_int32),
        ("category", c_int32),
        ("covered", c_int32),
        ("status", c_int32),
        ("waste_modifiers", c_int32),
        ("dose_units", c_double),
        ("billing_unit", c_double),
        ("hcpcs", c_char_p),
        ("status_source", c_char_p),
        ("vial_sizes", c_int32),
        ("vials", c_int32),
        ("vial_units", c_int32 * VIAL_SIZES_MAX),
        ("vial_counts", c_int32 * VIAL_SIZES_MAX),
        ("opened_units", c_double),
        ("discarded_units", c_double),
        ("line_count", c_int32),
        ("reserved", c_int32),
        ("lines", BillLine_c * BILL_LINES_MAX),
        ("cpt_count", c_int32),
        ("reserved2", c_int32),
        ("cpt", c_char_p * CPT_MAX),
        ("cpt_source", c_char_p),
        ("modifier_source", c_char_p),
        ("vial_source", c_char_p),
    ]


_P_I32 = POINTER(c_int32)

#: The 1.2 functions this module calls. With a library that lacks any of them the
#: package still imports; calling a function of this module then raises
#: :class:`btxdose.BtxUnavailableError` naming the missing symbol.
_SYMBOLS = ("btx_plan_vials", "btx_bill", "btx_product_from_ndc", "btx_setting_name",
            "btx_setting_lookup", "btx_bill_status_name", "btx_waste_modifiers_name",
            "btx_field_name", "btx_sizeof_vial_plan", "btx_sizeof_billing")
_HAVE_BILLING = all(hasattr(lib, name) for name in _SYMBOLS)


def _bind_1_2(name: str, argtypes: Any, restype: Any, errcheck: Any) -> Any:
    if _HAVE_BILLING:
        return bind(name, argtypes, restype, errcheck)

    def missing(*args: Any, **kwargs: Any) -> Any:
        # name this function's symbol, or the first other one the library lacks
        absent = name if not hasattr(lib, name) else \
            next(n for n in _SYMBOLS if not hasattr(lib, n))
        raise _ffi.BtxUnavailableError(absent, "1.2")
    return missing


_plan_vials = _bind_1_2("btx_plan_vials", [c_int32, c_double, POINTER(VialPlan_c)], c_int,
                        None)
_bill = _bind_1_2("btx_bill", [c_int32, c_int32, c_double, c_int32, c_int32,
                               POINTER(Billing_c), _P_I32], c_int, None)
_product_from_ndc = _bind_1_2("btx_product_from_ndc", [c_char_p, _P_I32, POINTER(c_double)],
                              c_int, None)
_setting_name = _bind_1_2("btx_setting_name", [c_int32], c_char_p, to_str)
_setting_lookup = _bind_1_2("btx_setting_lookup", [c_char_p, _P_I32], c_int, check_status)
_bill_status_name = _bind_1_2("btx_bill_status_name", [c_int32], c_char_p, to_str)
_waste_modifiers_name = _bind_1_2("btx_waste_modifiers_name", [c_int32], c_char_p, to_str)
_field_name = _bind_1_2("btx_field_name", [c_int32], c_char_p, to_str)
_sizeof_vial_plan = _bind_1_2("btx_sizeof_vial_plan", [], c_size_t, None)
_sizeof_billing = _bind_1_2("btx_sizeof_billing", [], c_size_t, None)

if _HAVE_BILLING:
    for _cname, _mirror, _theirs in (("btx_vial_plan", VialPlan_c, _sizeof_vial_plan()),
                                      ("btx_billing", Billing_c, _sizeof_billing())):
        if int(_theirs) != ctypes.sizeof(_mirror):
            raise ImportError(f"btxdose: struct {_cname} is {int(_theirs)} bytes in "
                              f"{library_path} but {ctypes.sizeof(_mirror)} bytes in the "
                              "Python mirror; the package and the library do not match")
    del _cname, _mirror, _theirs


def _text(value: Optional[bytes]) -> str:
    return "" if value is None else value.decode("utf-8")


def _number(x: float) -> Union[int, float]:
    """A whole number as int (JSON "200", not "200.0"); anything else as it is."""
    return int(x) if float(x).is_integer() else x


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class VialCount:
    """``count`` vials of ``units`` label units each."""
    units: int
    count: int

    def to_dict(self) -> Dict[str, Any]:
        return {"units": self.units, "count": self.count}


@dataclass(frozen=True)
class BillLine:
    """One drug line (``btx_bill_line``): the code, the modifier ("JW", "JZ" or "") and
    the billing units to claim. ``discarded`` is True for the JW line; ``units`` are the
    label units the line stands for (the dose, or the units discarded);
    ``modifier_required`` is False for JZ between 2023-01-01 and 2023-06-30 (optional)."""
    hcpcs: str
    modifier: str
    billing_units: int
    discarded: bool
    modifier_required: bool
    units: float
    source: str

    def to_dict(self) -> Dict[str, Any]:
        return {"hcpcs": self.hcpcs, "modifier": self.modifier,
                "billing_units": self.billing_units,
                "modifier_required": self.modifier_required}


@dataclass(frozen=True)
class VialPlan:
    """The vials to open for one patient's dose in one session (``btx_vial_plan``).

    ``vials`` lists the sizes opened (count > 0), largest first; ``vial_sizes`` every
    orderable size of the product. ``in_use_hours`` is the time a reconstituted vial may
    be kept (0 when ``ready_to_use``: Myobloc)."""
    product: Union[Product, int]
    dose_units: float
    vials: List[VialCount]
    vial_sizes: List[int]
    opened_units: float
    discarded_units: float
    in_use_hours: int
    ready_to_use: bool
    evidence: Union[Evidence, int, None]
    vial_source: str
    in_use_source: str

    @property
    def vial_count(self) -> int:
        """Vials opened in all."""
        return sum(v.count for v in self.vials)


@dataclass(frozen=True)
class Bill:
    """What to bill for one dose (``btx_billing``); :meth:`to_dict` gives the JSON shape
    of docs/billing.md.

    ``covered`` is False for a cosmetic indication (not covered, self-pay: no drug line
    and no code); True means only that the cosmetic exclusion does not apply: the payer
    still decides. ``cpt`` codes are advisory (``cpt_advisory`` is always True): the
    muscles and limbs injected decide the final code."""
    date: datetime.date
    product: Union[Product, int]
    indication: Union[Indication, int]
    setting: Union[Setting, int]
    category: Union[Category, int]
    covered: bool
    status: Union[BillStatus, int]
    waste_modifiers: Union[WasteModifiers, int, None]
    dose_units: float
    hcpcs: str
    billing_unit: Union[int, float]
    vials: List[VialCount]
    opened_units: float
    discarded_units: float
    lines: List[BillLine]
    cpt: List[str]
    status_source: str
    modifier_source: str
    cpt_source: str
    vial_source: str
    cpt_advisory: bool = True
    category_name: str = field(default="", compare=False)
    status_name: str = field(default="", compare=False)
    waste_modifiers_name: str = field(default="", compare=False)
    setting_name: str = field(default="", compare=False)

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-friendly dict: the fields of docs/billing.md's JSON."""
        return {
            "date": self.date.isoformat(),
            "product": lib.btx_product_name(int(self.product)),
            "indication": lib.btx_indication_name(int(self.indication)),
            "setting": self.setting_name,
            "category": self.category_name,
            "covered": self.covered,
            "status": self.status_name,
            "hcpcs": self.hcpcs or None,
            "billing_unit": _number(self.billing_unit) if self.hcpcs else None,
            "dose_units": _number(self.dose_units),
            "vials": [v.to_dict() for v in self.vials],
            "opened_units": _number(self.opened_units),
            "discarded_units": _number(self.discarded_units),
            "lines": [line.to_dict() for line in self.lines],
            "waste_modifiers": self.waste_modifiers_name or None,
            "cpt": list(self.cpt),
            "cpt_advisory": True,
            "sources": {
                "status": self.status_source,
                "lines": [line.source for line in self.lines],
                "modifiers": self.modifier_source,
                "cpt": self.cpt_source,
                "vials": self.vial_source,
            },
        }


class NdcProduct(NamedTuple):
    """The product behind a package NDC and the label units in the package (0 when the
    size of that package is not confirmed)."""
    product: Union[Product, int]
    package_units: float


def _vials(units: Any, counts: Any, n: int) -> List[VialCount]:
    return [VialCount(int(units[k]), int(counts[k])) for k in range(n) if counts[k] > 0]


# --------------------------------------------------------------------------------------
# Arguments: every error names the argument and its value
# --------------------------------------------------------------------------------------

_UNITS_TEXT = "is not a dose: units must be finite, above 0 and at most 100000"


def _named(err: BtxError, detail: str) -> BtxError:
    return _ffi.error_for(err.code, err.function, detail)


def _product_arg(product: Any, indication: int = 0) -> int:
    """A product argument; a name is read with the indication, so that a
    nonproprietary name is the product labelled for it (as in ``btxdose bill``)."""
    try:
        if isinstance(product, str) and indication:
            return resolve_product(product, indication)
        return product_code(product)
    except BtxNotFoundError as err:
        raise _named(err, f"product: no product named {product!r}") from None


def _indication_arg(indication: Any) -> int:
    if indication is None:
        raise _ffi.error_for(_ffi.BtxInvalidError.CODE, "btx_bill",
                             "indication: None (billing needs the indication)")
    try:
        return indication_code(indication)
    except BtxNotFoundError as err:
        raise _named(err, f"indication: no indication named {indication!r}") from None


def setting_lookup(name: str) -> Union[Setting, int]:
    """Finds a setting by name ("office", "hospital outpatient", "ASC", "cah", "rhc",
    "fqhc", "inpatient", and spelled-out forms); :class:`BtxNotFoundError` naming the
    text otherwise."""
    out = c_int32(0)
    try:
        _setting_lookup(_cstr(name, BtxNotFoundError.CODE, "btx_setting_lookup"), byref(out))
    except BtxNotFoundError as err:
        known = ", ".join(_setting_name(int(s)) for s in Setting)
        raise _named(err, f"setting: no setting named {name!r} (known: {known})") from None
    return to_enum(Setting, out.value)


def setting_name(setting: Union[Setting, int]) -> str:
    """Stable name of a setting ("office", ...); "unknown" outside the set."""
    return _setting_name(int(setting))


def _setting_arg(setting: Any) -> int:
    if isinstance(setting, str):
        return int(setting_lookup(setting))
    if isinstance(setting, int):
        return int(setting)
    raise TypeError(f"setting: expected Setting, int or str, got {type(setting).__name__}")


def _units_arg(units: Any) -> float:
    if isinstance(units, bool) or not isinstance(units, (int, float)):
        raise TypeError(f"units: expected a number, got {type(units).__name__}")
    return float(units)


def _raise_for(rc: int, function: str, field_value: int, values: Dict[int, str]) -> None:
    what = values.get(field_value)
    if what is None:
        what = _field_name(field_value)
    raise _ffi.error_for(rc, function, what)


# --------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------

def vial_plan(product: ProductLike, units: float) -> VialPlan:
    """The single-dose vials to open for one patient's dose of ``product`` in one session:
    the fewest discarded units, then the fewest vials, from the sizes with a sourced NDC.

    Raises :class:`BtxRangeError` naming ``units`` when the dose is not finite, not above
    0 or above 100000, :class:`BtxInvalidError` for a product int outside the set."""
    p = _product_arg(product)
    u = _units_arg(units)
    out = VialPlan_c()
    rc = _plan_vials(p, u, byref(out))
    if rc < 0:
        detail = (f"units: {units!r} {_UNITS_TEXT}" if rc == _ffi.BtxRangeError.CODE
                  else f"product: {product!r} is not a product")
        raise _ffi.error_for(rc, "btx_plan_vials", detail)
    return VialPlan(
        product=to_enum(Product, out.product),
        dose_units=out.dose_units,
        vials=_vials(out.vial_units, out.vial_counts, out.vial_sizes),
        vial_sizes=[int(out.vial_units[k]) for k in range(out.vial_sizes)],
        opened_units=out.opened_units,
        discarded_units=out.discarded_units,
        in_use_hours=out.in_use_hours,
        ready_to_use=bool(out.ready_to_use),
        evidence=to_enum(Evidence, out.evidence) if out.evidence else None,
        vial_source=_text(out.vial_source),
        in_use_source=_text(out.in_use_source),
    )


def bill(date: DateLike, product: ProductLike, indication: IndicationLike, units: float,
         setting: SettingLike = Setting.OFFICE) -> Bill:
    """What to bill for one patient's dose of one product on one date of service.

    ``units`` is every same-day dose of the product for the patient together (one
    session; a vial never serves two patients or two sessions). ``setting`` decides
    whether JW/JZ apply (office, hospital_outpatient, asc, cah: yes; rhc, fqhc,
    inpatient: no). See docs/billing.md for every rule and source.

    Raises, naming the argument and its value: :class:`BtxNotFoundError` for an unknown
    product, indication or setting name; :class:`BtxInvalidError` for an int outside its
    set; :class:`BtxRangeError` for a date outside 1900-01-01..2199-12-31 or units that
    are not finite, not above 0 or above 100000.
    """
    try:
        d = _as_date(date, "date")
    except BtxError as err:
        raise _named(err, f"date: {date!r} is not a date (YYYY-MM-DD, 1900-01-01.."
                          "2199-12-31)") from None
    i = _indication_arg(indication)
    p = _product_arg(product, i)
    s = _setting_arg(setting)
    u = _units_arg(units)
    out = Billing_c()
    bad = c_int32(0)
    rc = _bill(p, i, u, _to_btx_date_lenient(d, "date"), s, byref(out), byref(bad))
    if rc < 0:
        _raise_for(rc, "btx_bill", bad.value, {
            int(Field.PRODUCT): f"product: {product!r} is not a product",
            int(Field.INDICATION): f"indication: {indication!r} is not an indication",
            int(Field.SETTING): f"setting: {setting!r} is not a setting",
            int(Field.DATE): f"date: {d.isoformat()} is outside 1900-01-01..2199-12-31",
            int(Field.UNITS): f"units: {units!r} {_UNITS_TEXT}",
        })
    lines = [BillLine(hcpcs=_text(line.hcpcs), modifier=_text(line.modifier),
                      billing_units=int(line.billing_units), discarded=bool(line.discarded),
                      modifier_required=bool(line.modifier_required), units=line.units,
                      source=_text(line.source))
             for line in out.lines[:out.line_count]]
    waste = to_enum(WasteModifiers, out.waste_modifiers) if out.waste_modifiers else None
    category = to_enum(Category, out.category)
    return Bill(
        date=d,
        product=to_enum(Product, out.product),
        indication=to_enum(Indication, out.indication),
        setting=to_enum(Setting, out.setting),
        category=category,
        covered=bool(out.covered),
        status=to_enum(BillStatus, out.status),
        waste_modifiers=waste,
        dose_units=out.dose_units,
        hcpcs=_text(out.hcpcs),
        billing_unit=_number(out.billing_unit),
        vials=_vials(out.vial_units, out.vial_counts, out.vial_sizes),
        opened_units=out.opened_units,
        discarded_units=out.discarded_units,
        lines=lines,
        cpt=[_text(out.cpt[k]) for k in range(out.cpt_count)],
        status_source=_text(out.status_source),
        modifier_source=_text(out.modifier_source),
        cpt_source=_text(out.cpt_source),
        vial_source=_text(out.vial_source),
        category_name={1: "therapeutic", 2: "cosmetic"}.get(out.category, "unknown"),
        status_name=_bill_status_name(out.status),
        waste_modifiers_name=_waste_modifiers_name(out.waste_modifiers) if waste else "",
        setting_name=_setting_name(out.setting),
    )


def product_from_ndc(ndc: str) -> NdcProduct:
    """The product and package size behind a package NDC: the 10-digit code with hyphens
    as labelled (4-4-2, 5-3-2, 5-4-1) or the 11-digit billing form 5-4-2 with or without
    hyphens; surrounding spaces ignored.

    Raises :class:`BtxNotFoundError` for a well-formed code that is not a finished
    botulinum-toxin package the library knows (samples and bulk included) and
    :class:`BtxInvalidError` for a malformed one, both naming the code."""
    if not isinstance(ndc, str):
        raise TypeError(f"ndc: expected str, got {type(ndc).__name__}")
    product = c_int32(0)
    units = c_double(0.0)
    raw = _cstr(ndc, _ffi.BtxInvalidError.CODE, "btx_product_from_ndc")
    rc = _product_from_ndc(raw, byref(product), byref(units))
    if rc == _ffi.BtxNotFoundError.CODE:
        raise _ffi.error_for(rc, "btx_product_from_ndc",
                             f"ndc: {ndc!r} is not a finished botulinum-toxin package the "
                             "library knows")
    if rc < 0:
        raise _ffi.error_for(rc, "btx_product_from_ndc",
                             f"ndc: {ndc!r} is not an NDC (10 digits with hyphens 4-4-2, "
                             "5-3-2 or 5-4-1, or 11 digits 5-4-2)")
    return NdcProduct(to_enum(Product, product.value), units.value)


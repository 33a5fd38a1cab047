# SPDX-License-Identifier: Apache-2.0
"""The functions of the Python layer: one C call per question, results as dataclasses."""

from __future__ import annotations

import collections.abc
import datetime
from ctypes import byref, c_double, c_int32, c_size_t, sizeof
from typing import Any, Iterable, List, Optional, Tuple, Union

from . import _ffi
from ._ffi import (Administration_c, BtxError, BtxNoSpaceError, BtxNotFoundError, Finding_c,
                   Protocol_c, Region_c, lib)
from ._model import (Administration, DateLike, Finding, Patient, Policy, Protocol, Region,
                     _cstr, evidence_name, from_btx_date, indication_code,
                     product_code, to_btx_date, unit_code)
from .enums import Indication, LabelStatus, Population, Product, Substance, to_enum

__all__ = [
    "version", "version_number", "data_version", "strerror",
    "product_name", "product_lookup", "substance_of", "substance_name",
    "substance_lookup", "product_for_indication",
    "indication_name", "indication_lookup", "indication_from_icd10",
    "label_status_name", "rule_name", "finding_code_name", "status_name", "severity_name",
    "population_name", "category_name", "interval_unit_name", "interval_kind_name",
    "evidence_name", "audit_flag_name",
    "add_days", "add_months",
    "protocol", "regions", "reconstitute", "dose_volume",
    "validate_history", "window_total", "headroom", "evaluate", "earliest_date",
]

#: First capacity tried by :func:`evaluate`; the array grows to the count the library
#: reports when it is too small.
_INITIAL_CAPACITY = 16

RecordLike = Union[Administration, Tuple[Any, ...]]


# --------------------------------------------------------------------------------------
# Versions and names
# --------------------------------------------------------------------------------------

def version() -> str:
    """Version of the loaded library, e.g. ``"1.2.0"`` (``btx_version``)."""
    return lib.btx_version()


def version_number() -> int:
    """Version of the loaded library as major*10000 + minor*100 + patch."""
    return int(lib.btx_version_number())


def data_version() -> str:
    """Name of the clinical data set compiled into the library (``btx_data_version``)."""
    return lib.btx_data_version()


def strerror(code: int) -> str:
    """Static English text of a status code (``btx_strerror``)."""
    return lib.btx_strerror(int(code))


def product_name(product: Union[Product, int, str]) -> str:
    """Display name of a product ("BOTOX", "BOTOX Cosmetic", ...); "unknown" for an int
    outside the set."""
    return lib.btx_product_name(product_code(product))


def product_lookup(name: str) -> Union[Product, int]:
    """Finds a product by brand or nonproprietary name (case-insensitive, surrounding
    spaces ignored). Raises :class:`BtxNotFoundError` for any other text."""
    return to_enum(Product, product_code(name))


def substance_of(product: Union[Product, int, str]) -> Union[Substance, int]:
    """Substance of a product (BOTOX and BOTOX Cosmetic: onabotulinumtoxinA).
    Raises :class:`BtxInvalidError` for a product outside the set."""
    code = product_code(product)
    value = int(lib.btx_product_substance(code))
    if value == 0:
        raise _ffi.error_for(_ffi.BtxInvalidError.CODE, "btx_product_substance",
                             f"no product {code}")
    return to_enum(Substance, value)


def _substance_code(substance: Any) -> int:
    if isinstance(substance, str):
        key = substance.strip().lower()
        for member in Substance:
            if key in (member.name.lower(), lib.btx_substance_name(int(member)).lower()):
                return int(member)
        raise _ffi.error_for(_ffi.BtxNotFoundError.CODE, "substance",
                             f"no substance named {substance!r}")
    if isinstance(substance, int):
        return int(substance)
    raise TypeError(f"substance: expected Substance, int or str, got {type(substance).__name__}")


def substance_lookup(name: str) -> Union[Substance, int]:
    """Finds a substance by its nonproprietary name, with or without suffix
    ("onabotulinumtoxinA", "prabotulinumtoxinA-xvfs"), through ``btx_substance_lookup``
    (libbtxdose 1.2). Brand names are not substances: :class:`BtxNotFoundError`."""
    out = c_int32(0)
    _ffi.optional("btx_substance_lookup")(
        _cstr(name, _ffi.BtxNotFoundError.CODE, "btx_substance_lookup"), byref(out))
    return to_enum(Substance, out.value)


def product_for_indication(substance: Union[Substance, int, str],
                           indication: Union[Indication, int, str, None]) -> Union[Product, int]:
    """The product whose US label covers ``substance`` for ``indication``
    (``btx_product_for_indication``, libbtxdose 1.2): onabotulinumtoxinA with glabellar
    lines is BOTOX Cosmetic, with chronic migraine BOTOX. An indication no label of the
    substance covers, or None, gives the product of the nonproprietary name (BOTOX)."""
    if isinstance(substance, str):
        substance = substance_lookup(substance)
    out = c_int32(0)
    _ffi.optional("btx_product_for_indication")(int(substance), indication_code(indication),
                                                byref(out))
    return to_enum(Product, out.value)


def substance_name(substance: Union[Substance, int]) -> str:
    """Nonproprietary name of a substance ("onabotulinumtoxinA", ...)."""
    return lib.btx_substance_name(int(substance))


def indication_name(indication: Union[Indication, int, str]) -> str:
    """Stable snake_case key of an indication ("chronic_migraine", ...)."""
    return lib.btx_indication_name(indication_code(indication))


def indication_lookup(name: str) -> Union[Indication, int]:
    """Finds an indication by key or common spelling ("chronic migraine", "OAB", ...).
    Raises :class:`BtxNotFoundError` for unknown text."""
    return to_enum(Indication, indication_code(name))


def indication_from_icd10(code: str) -> Union[Indication, int]:
    """Maps an ICD-10-CM code ("G43.709", "G43709") to an indication.
    Raises :class:`BtxNotFoundError` for a code with no mapping."""
    out = c_int32(0)
    lib.btx_indication_from_icd10(_cstr(code, _ffi.BtxNotFoundError.CODE,
                                        "btx_indication_from_icd10"), byref(out))
    return to_enum(Indication, out.value)


def label_status_name(status: Union[LabelStatus, int]) -> str:
    """Stable name of a label status ("approved", "not_established", "not_labelled")."""
    return lib.btx_label_status_name(int(status))


def rule_name(rule: int) -> str:
    """Stable snake_case name of a rule id, e.g. "ona_adult_window"."""
    return lib.btx_rule_name(int(rule))


def finding_code_name(code: int) -> str:
    """Stable name of a finding code ("window_limit", "too_soon", ...)."""
    return lib.btx_finding_code_name(int(code))


def status_name(status: int) -> str:
    """Stable name of a status: "pass", "fail", "not_checked"."""
    return lib.btx_status_name(int(status))


def severity_name(severity: int) -> str:
    """Stable name of a severity: "info", "warning", "critical"."""
    return lib.btx_severity_name(int(severity))


def population_name(population: int) -> str:
    """Stable name of a population: "adult", "pediatric" (libbtxdose 1.2)."""
    return _ffi.optional("btx_population_name")(int(population))


def category_name(category: int) -> str:
    """Stable name of a category: "therapeutic", "cosmetic" (libbtxdose 1.2)."""
    return _ffi.optional("btx_category_name")(int(category))


def interval_unit_name(unit: int) -> str:
    """Stable name of an interval unit: "days", "weeks", "months" (libbtxdose 1.2)."""
    return _ffi.optional("btx_interval_unit_name")(int(unit))


def interval_kind_name(kind: int) -> str:
    """Stable name of an interval kind: "minimum", "schedule" (libbtxdose 1.2)."""
    return _ffi.optional("btx_interval_kind_name")(int(kind))


def audit_flag_name(flag: int) -> str:
    """Stable name of one audit flag bit: "over_window", "too_soon", "schedule",
    "over_session", "not_labelled", "not_checked" (libbtxdose 1.2)."""
    return _ffi.optional("btx_audit_flag_name")(int(flag))


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

def add_days(date: DateLike, n: int) -> datetime.date:
    """``date`` plus ``n`` days (``btx_date_add_days``); :class:`BtxRangeError` outside
    1900-01-01..2199-12-31."""
    out = c_int32(0)
    lib.btx_date_add_days(to_btx_date(date), int(n), byref(out))
    result = from_btx_date(out.value)
    assert result is not None
    return result


def add_months(date: DateLike, n: int) -> datetime.date:
    """``date`` plus ``n`` calendar months, the day clamped to the month's end
    (2025-11-30 + 3 months = 2026-02-28), through ``btx_date_add_months``."""
    out = c_int32(0)
    lib.btx_date_add_months(to_btx_date(date), int(n), byref(out))
    result = from_btx_date(out.value)
    assert result is not None
    return result


# --------------------------------------------------------------------------------------
# Protocols
# --------------------------------------------------------------------------------------

def protocol(product: Union[Product, int, str], indication: Union[Indication, int, str],
             population: Union[Population, int] = Population.ADULT) -> Protocol:
    """The label's protocol for a product, indication and population.

    Raises :class:`BtxNotFoundError` where no label covers the combination; the exception
    carries ``label_status`` (:attr:`LabelStatus.NOT_ESTABLISHED` for onabotulinumtoxinA
    and episodic migraine, :attr:`LabelStatus.NOT_LABELLED` otherwise), ``product``,
    ``indication`` and ``population``. :class:`BtxInvalidError` for a code outside its set.
    """
    p, i, pop = product_code(product), indication_code(indication), int(population)
    out = Protocol_c()
    try:
        lib.btx_protocol_lookup(p, i, pop, byref(out))
    except BtxNotFoundError:
        status = to_enum(LabelStatus, out.label_status) if out.label_status else None
        status_text = lib.btx_label_status_name(out.label_status)
        err = _ffi.error_for(
            _ffi.BtxNotFoundError.CODE, "btx_protocol_lookup",
            f"no protocol for {lib.btx_product_name(p)} / {lib.btx_indication_name(i)} / "
            f"{_population_text(pop)} "
            f"(label status: {status_text})")
        err.label_status = status
        err.product = to_enum(Product, out.product or p)
        err.indication = to_enum(Indication, out.indication or i)
        err.population = to_enum(Population, out.population or pop)
        raise err from None
    return Protocol._from_c(out)


def _population_text(population: int) -> str:
    return {1: "adult", 2: "pediatric"}.get(population, f"population {population}")


def regions(product: Union[Product, int, str], indication: Union[Indication, int, str],
            population: Union[Population, int] = Population.ADULT) -> List[Region]:
    """The protocol's regions (muscle groups or treatment areas) in label order.

    Chronic migraine with BOTOX: 7 regions, 31 sites, 155 U. Raises like :func:`protocol`
    when no protocol exists.
    """
    proto = protocol(product, indication, population)
    p, i, pop = int(proto.product), int(proto.indication), int(population)
    out: List[Region] = []
    for index in range(proto.regions):
        r = Region_c()
        lib.btx_protocol_region(p, i, pop, index, byref(r))
        out.append(Region._from_c(r))
    return out


def reconstitute(vial_units: float, diluent_ml: float) -> float:
    """Concentration after reconstitution in units per 0.1 mL (100 U in 2 mL: 5.0)."""
    out = c_double(0.0)
    lib.btx_reconstitute(float(vial_units), float(diluent_ml), byref(out))
    return out.value


def dose_volume(units: float, vial_units: float, diluent_ml: float) -> float:
    """Volume in mL to draw for a dose (155 U from a 200 U vial in 4 mL: 3.1)."""
    out = c_double(0.0)
    lib.btx_dose_volume(float(units), float(vial_units), float(diluent_ml), byref(out))
    return out.value


# --------------------------------------------------------------------------------------
# Records and questions
# --------------------------------------------------------------------------------------

def _record(item: Any, what: str) -> Administration:
    """An Administration from a record or a tuple; an error in it names ``what`` (e.g.
    "history[3]") and the item."""
    if isinstance(item, Administration):
        return item
    if isinstance(item, (tuple, list)):
        try:
            return Administration(*item)
        except TypeError as err:
            raise TypeError(f"{what} {item!r}: {err}") from None
        except BtxError as err:
            _in_record(err, what, item)
            raise
    raise TypeError(f"{what}: expected Administration or a (date, product, indication, "
                    f"units[, flags]) tuple, got {type(item).__name__} ({item!r})")


def _in_record(err: BtxError, what: str, item: Any) -> None:
    """Puts the record's place and value in front of an error's message; sets
    ``err.index`` for "history[k]"."""
    err.args = (f"{what} {item!r}: {err}",)
    if what.startswith("history[") and err.index is None:
        err.index = int(what[len("history["):-1])


def _history_array(history: Iterable[RecordLike]) -> Tuple[Any, int]:
    """ONE ctypes array for the whole history (None when empty) and its length. The
    history is required: ``[]`` for none (``None`` is a TypeError, not an empty
    history)."""
    if history is None or isinstance(history, (str, bytes)) or \
            not isinstance(history, collections.abc.Iterable):
        raise TypeError("history: expected an iterable of Administration records or "
                        f"(date, product, indication, units) tuples ([] for none), got "
                        f"{type(history).__name__} ({history!r})")
    records = [_record(item, f"history[{k}]")._to_c() for k, item in enumerate(history)]
    n = len(records)
    if n == 0:
        return None, 0
    return (Administration_c * n)(*records), n


def _patient_ptr(patient: Optional[Patient], day: int, function: str) -> Any:
    """The patient for a question about ``day`` (a ``btx_date``): a birth date after it
    is a :class:`BtxRangeError` naming ``birth_date`` and both dates."""
    if patient is None:
        return None
    if not isinstance(patient, Patient):
        raise TypeError(f"patient: expected Patient or None, got {type(patient).__name__} "
                        f"({patient!r})")
    c = patient._to_c()
    patient._check_on(day, function)
    return byref(c)


def _policy_ptr(policy: Optional[Policy]) -> Any:
    if policy is None:
        return None
    if not isinstance(policy, Policy):
        raise TypeError(f"policy: expected Policy or None, got {type(policy).__name__} "
                        f"({policy!r})")
    return byref(policy._to_c())


def _attach_index(err: BtxError, array: Any, n: int) -> None:
    """After a failed question, names the first bad history record, if one is bad:
    ``err.index`` and, in the message, its place and value."""
    if n == 0 or err.index is not None:
        return
    bad = c_size_t(0)
    try:
        lib.btx_validate_history(array, n, byref(bad))
    except BtxError:
        r = array[bad.value]
        _in_record(err, f"history[{bad.value}]",
                   (from_btx_date(r.date) if r.date != _ffi.DATE_UNKNOWN else None,
                    r.product, r.indication, r.units, r.flags))


def validate_history(history: Iterable[RecordLike]) -> None:
    """Checks every record; returns None when all are valid.

    Raises the error of the first bad record (:class:`BtxRangeError` for a date or units
    out of range or NaN, :class:`BtxInvalidError` for an unknown product or indication or
    non-zero flags) with ``.index`` set to its position in ``history``.
    """
    array, n = _history_array(history)
    bad = c_size_t(0)
    try:
        lib.btx_validate_history(array, n, byref(bad))
    except BtxError as err:
        _attach_index(err, array, n)
        raise


def window_total(history: Iterable[RecordLike], substance: Union[Substance, int, str],
                 start: DateLike, length: int, unit: Union[int, str]) -> float:
    """Units of a substance dated in ``[start, start + length)`` (``unit``: days, weeks
    or calendar months), exact to 0.001 U."""
    array, n = _history_array(history)
    out = c_double(0.0)
    try:
        lib.btx_window_total(array, n, _substance_code(substance), to_btx_date(start),
                             int(length), unit_code(unit), byref(out))
    except BtxError as err:
        _attach_index(err, array, n)
        raise
    return out.value


def headroom(history: Iterable[RecordLike], product: Union[Product, int, str],
             indication: Union[Indication, int, str, None], date: DateLike,
             patient: Optional[Patient] = None, policy: Optional[Policy] = None) -> float:
    """How many units of ``product`` may still be given on ``date`` under every window
    rule that applies (the smallest headroom of them, never below 0); ``math.inf`` when
    no window rule applies to the product. ``indication`` None: substance-wide rules only.

    Raises :class:`BtxWeightError` when a weight-based (pediatric) window applies and no
    usable weight was given.
    """
    array, n = _history_array(history)
    out = c_double(0.0)
    day = to_btx_date(date)
    patient_p = _patient_ptr(patient, day, "btx_headroom")
    try:
        lib.btx_headroom(patient_p, _policy_ptr(policy), array, n,
                         product_code(product), indication_code(indication),
                         day, byref(out))
    except BtxError as err:
        _attach_index(err, array, n)
        raise
    return out.value


def _proposal(proposed: Any, function: str) -> Administration_c:
    """The proposal, which needs an indication (:class:`BtxInvalidError` naming it)."""
    record = _record(proposed, "proposed")
    if record.indication is None:
        raise _ffi.error_for(_ffi.BtxInvalidError.CODE, function,
                             f"proposed.indication: None: a proposed dose needs its "
                             f"indication ({record!r})")
    return record._to_c()


def evaluate(history: Iterable[RecordLike], proposed: RecordLike,
             patient: Optional[Patient] = None,
             policy: Optional[Policy] = None) -> List[Finding]:
    """Checks a proposed dose against every rule that applies; the findings in the
    library's order (windows, intervals, caps, protocol, label, notices).

    Findings are data: a broken rule is a finding with status FAIL, not an exception.
    Exceptions are for bad calls: ``TypeError`` for a history that is not an iterable of
    records (``None`` included: pass ``[]``) or a record, patient or policy of the wrong
    type; :class:`BtxInvalidError` (e.g. a proposal without an indication),
    :class:`BtxRangeError` (e.g. the patient's birth date after the proposal's date),
    each naming the field and the value, and a bad record's place (``history[k]``, also
    in ``.index``).
    """
    array, n = _history_array(history)
    prop = _proposal(proposed, "btx_evaluate")
    patient_p = _patient_ptr(patient, prop.date, "btx_evaluate")
    policy_p = _policy_ptr(policy)
    capacity = max(1, _INITIAL_CAPACITY)
    while True:
        findings = (Finding_c * capacity)()
        findings[0].struct_size = sizeof(Finding_c)
        count = c_size_t(0)
        try:
            lib.btx_evaluate(patient_p, policy_p, array, n, byref(prop), findings,
                             capacity, byref(count))
            break
        except BtxNoSpaceError:
            if count.value <= capacity:  # the library contradicts itself: do not loop
                raise
            capacity = count.value
        except BtxError as err:
            _attach_index(err, array, n)
            raise
    return [Finding._from_c(findings[k]) for k in range(count.value)]


def earliest_date(history: Iterable[RecordLike], proposed: RecordLike,
                  patient: Optional[Patient] = None,
                  policy: Optional[Policy] = None) -> datetime.date:
    """First date on or after the proposal's date on which that dose passes every
    date-dependent rule (windows, re-treatment intervals, policy spacing).

    Raises :class:`BtxNeverError` when no date up to 2199-12-31 passes and
    :class:`BtxWeightError` when that date depends on a weight that was not given.
    """
    array, n = _history_array(history)
    prop = _proposal(proposed, "btx_earliest_date")
    patient_p = _patient_ptr(patient, prop.date, "btx_earliest_date")
    out = c_int32(0)
    try:
        lib.btx_earliest_date(patient_p, _policy_ptr(policy), array, n,
                              byref(prop), byref(out))
    except BtxError as err:
        _attach_index(err, array, n)
        raise
    result = from_btx_date(out.value)
    assert result is not None
    return result

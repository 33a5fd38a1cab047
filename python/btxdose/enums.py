# SPDX-License-Identifier: Apache-2.0
"""The C enumerations of libbtxdose as :class:`enum.IntEnum` classes, with the C values.

Values are part of the ABI and never renumbered. A value that a newer library returns
and this module does not know yet is passed through as a plain ``int``.
"""

from __future__ import annotations

import enum
from typing import Type, TypeVar, Union

__all__ = [
    "ErrorCode", "Product", "Substance", "Indication", "Population", "LabelStatus",
    "Category", "IntervalUnit", "Unit", "IntervalKind", "Evidence", "FindingCode", "Status",
    "Severity", "Rule", "Setting", "BillStatus", "WasteModifiers", "Field",
]


class ErrorCode(enum.IntEnum):
    """``btx_error``: status codes of fallible functions."""
    OK = 0
    EINVAL = -1
    ERANGE = -2
    ENOTFOUND = -3
    ENOSPC = -4
    EPARSE = -5
    EVERSION = -6
    ENEVER = -7
    EWEIGHT = -8


class Product(enum.IntEnum):
    """``btx_product``: US botulinum-toxin products."""
    BOTOX = 1
    BOTOX_COSMETIC = 2
    DYSPORT = 3
    XEOMIN = 4
    JEUVEAU = 5
    DAXXIFY = 6
    LETYBO = 7
    MYOBLOC = 8


class Substance(enum.IntEnum):
    """``btx_substance``: active substances; units of different ones never add up."""
    ONABOTULINUMTOXINA = 1
    ABOBOTULINUMTOXINA = 2
    INCOBOTULINUMTOXINA = 3
    PRABOTULINUMTOXINA = 4
    DAXIBOTULINUMTOXINA = 5
    LETIBOTULINUMTOXINA = 6
    RIMABOTULINUMTOXINB = 7


class Indication(enum.IntEnum):
    """``btx_indication``: indications (and headache types no product is approved for)."""
    CHRONIC_MIGRAINE = 1
    OVERACTIVE_BLADDER = 2
    NEUROGENIC_DETRUSOR_OVERACTIVITY = 3
    UPPER_LIMB_SPASTICITY = 4
    LOWER_LIMB_SPASTICITY = 5
    CERVICAL_DYSTONIA = 6
    AXILLARY_HYPERHIDROSIS = 7
    BLEPHAROSPASM = 8
    STRABISMUS = 9
    GLABELLAR_LINES = 10
    LATERAL_CANTHAL_LINES = 11
    FOREHEAD_LINES = 12
    PLATYSMA_BANDS = 13
    CHRONIC_SIALORRHEA = 14
    EPISODIC_MIGRAINE = 15
    CLUSTER_HEADACHE = 16
    TENSION_TYPE_HEADACHE = 17


class Population(enum.IntEnum):
    """``btx_population``: adult (18 and over) or pediatric (under 18)."""
    ADULT = 1
    PEDIATRIC = 2


class LabelStatus(enum.IntEnum):
    """``btx_label_status``: whether a product is labelled for an indication."""
    APPROVED = 1
    NOT_ESTABLISHED = 2
    NOT_LABELLED = 3


class Category(enum.IntEnum):
    """``btx_category``: therapeutic or cosmetic use."""
    THERAPEUTIC = 1
    COSMETIC = 2


class IntervalUnit(enum.IntEnum):
    """``btx_interval_unit``: days, weeks (7 days) or calendar months."""
    DAYS = 1
    WEEKS = 2
    MONTHS = 3


#: Short alias of :class:`IntervalUnit`.
Unit = IntervalUnit


class IntervalKind(enum.IntEnum):
    """``btx_interval_kind``: a minimum ("no sooner than") or a schedule ("every N")."""
    MINIMUM = 1
    SCHEDULE = 2


class Evidence(enum.IntEnum):
    """``btx_evidence``: label text, or a secondary source the integrator should verify."""
    LABEL = 1
    SECONDARY = 2


class FindingCode(enum.IntEnum):
    """``btx_finding_code``: what a finding is about."""
    WINDOW_LIMIT = 1
    TOO_SOON = 2
    SESSION_LIMIT = 3
    ABOVE_PROTOCOL = 4
    NOT_ESTABLISHED = 5
    NOT_LABELLED = 6
    MIXED_SUBSTANCES = 7
    AGE_UNKNOWN = 8
    HISTORY_INCOMPLETE = 9


class Status(enum.IntEnum):
    """``btx_status``: outcome of a rule."""
    PASS = 1
    FAIL = 2
    NOT_CHECKED = 3


class Severity(enum.IntEnum):
    """``btx_severity``: how much a finding matters."""
    INFO = 1
    WARNING = 2
    CRITICAL = 3


class Rule(enum.IntEnum):
    """``btx_rule``: stable rule ids (see docs/findings.md)."""
    ONA_ADULT_WINDOW = 1
    ONA_PEDIATRIC_WINDOW = 2
    ONA_BLEPHAROSPASM_WINDOW = 3
    ONA_ADULT_WINDOW_POLICY = 4
    ONA_PEDIATRIC_WINDOW_POLICY = 5
    BOTOX_PED_ULS_SESSION = 20
    BOTOX_PED_NDO_SESSION = 21
    BOTOX_COSMETIC_GLABELLAR_SESSION = 22
    BOTOX_COSMETIC_LATERAL_CANTHAL_SESSION = 23
    BOTOX_COSMETIC_FOREHEAD_SESSION = 24
    BOTOX_COSMETIC_PLATYSMA_SESSION = 25
    DYSPORT_PED_ULS_LIMB = 26
    DYSPORT_PED_LLS_LIMB = 27
    XEOMIN_PED_ULS_LIMB = 28
    BOTOX_COSMETIC_UPPER_FACE_VISIT = 40
    XEOMIN_VISIT = 41
    XEOMIN_UPPER_FACE_VISIT = 42
    DYSPORT_ADULT_SPASTICITY_VISIT = 43
    DYSPORT_PED_SPASTICITY_VISIT = 44
    BOTOX_CHRONIC_MIGRAINE_INTERVAL = 60
    BOTOX_OAB_INTERVAL = 61
    BOTOX_ADULT_NDO_INTERVAL = 62
    BOTOX_PED_ULS_INTERVAL = 63
    BOTOX_ADULT_ULS_INTERVAL = 64
    BOTOX_BLEPHAROSPASM_INTERVAL = 65
    BOTOX_COSMETIC_INTERVAL = 66
    DYSPORT_ADULT_SPASTICITY_INTERVAL = 67
    DYSPORT_PED_LLS_INTERVAL = 68
    DYSPORT_PED_ULS_INTERVAL = 69
    DYSPORT_CD_INTERVAL = 70
    DYSPORT_GLABELLAR_INTERVAL = 71
    XEOMIN_ADULT_ULS_INTERVAL = 72
    XEOMIN_PED_SIALORRHEA_INTERVAL = 73
    XEOMIN_ADULT_SIALORRHEA_INTERVAL = 74
    XEOMIN_UPPER_FACE_INTERVAL = 75
    JEUVEAU_GLABELLAR_INTERVAL = 76
    LETYBO_GLABELLAR_INTERVAL = 77
    DAXXIFY_GLABELLAR_INTERVAL = 78
    MYOBLOC_CD_INTERVAL = 79
    MYOBLOC_SIALORRHEA_INTERVAL = 80
    POLICY_SPACING = 100
    PROTOCOL_DOSE = 110
    LABEL_NOT_ESTABLISHED = 111
    LABEL_NOT_LABELLED = 112
    LABEL_AGE = 113
    NOTICE_MIXED_SUBSTANCES = 120
    NOTICE_AGE_UNKNOWN = 121
    NOTICE_HISTORY_INCOMPLETE = 122


class Setting(enum.IntEnum):
    """``btx_setting``: where the drug is given, which decides whether JW/JZ apply."""
    OFFICE = 1
    HOSPITAL_OUTPATIENT = 2
    ASC = 3
    CAH = 4
    RHC = 5
    FQHC = 6
    INPATIENT = 7


class BillStatus(enum.IntEnum):
    """``btx_bill_status``: whether there are drug lines, and why not."""
    DRUG_LINES = 1
    COSMETIC = 2
    NO_CODE = 3
    NO_CODE_ON_DATE = 4


class WasteModifiers(enum.IntEnum):
    """``btx_waste_modifiers``: how JW and JZ apply to the drug lines."""
    JW_JZ = 1
    NOT_IN_SETTING = 2
    BEFORE_JW = 3


class Field(enum.IntEnum):
    """``btx_field``: the input field or argument a check names (libbtxdose 1.2)."""
    NONE = 0
    STRUCT_SIZE = 1
    DATE = 2
    PRODUCT = 3
    INDICATION = 4
    FLAGS = 5
    UNITS = 6
    WEIGHT_KG = 7
    BIRTH_DATE = 8
    WEIGHT_DATE = 9
    WINDOW_LENGTH = 10
    WINDOW_UNIT = 11
    MIN_SPACING_DAYS = 12
    WEIGHT_MAX_AGE_DAYS = 13
    WARN_FRACTION = 14
    HISTORY_COMPLETE = 15
    RESERVED = 16
    PATIENT = 17
    SETTING = 18


_E = TypeVar("_E", bound=enum.IntEnum)


def to_enum(cls: Type[_E], value: int) -> Union[_E, int]:
    """``cls(value)`` when the value is known, else the plain ``int`` (a newer library
    may return values this package does not list yet)."""
    try:
        return cls(value)
    except ValueError:
        return int(value)

# SPDX-License-Identifier: Apache-2.0
"""FHIR R4 JSON in; the patient, the toxin history and notices out (docs/fhir.md).

Standard library only. Time zones come from :mod:`zoneinfo`, which reads the system's
time-zone database (Debian: the ``tzdata`` package).

One call from a vendor's bundle to findings::

    import json, btxdose.fhir as fhir
    bundle = json.load(open("bundle.json"))
    result = fhir.check(bundle, "2026-03-02,Botox,chronic migraine,155",
                        tz="America/New_York")
    for f in result.findings: print(f.status_name, f.code_name, f.message)
    for n in result.notices:  print(n.code, n.resource, n.message)

Every rule of docs/fhir.md is applied here; input that a rule cannot read is a
:class:`FhirError` naming the resource and the field, never a silently skipped dose.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _ffi
from ._api import (evaluate, indication_from_icd10, indication_lookup, product_lookup,
                   product_name, substance_lookup, validate_history)
from ._billing import product_from_ndc
from ._ffi import BtxError, BtxNotFoundError, BtxUnavailableError
from ._model import Administration, Finding, Patient, Policy, parse_date, resolve_product
from .enums import Indication

__all__ = [
    "FhirError", "Notice", "FhirRecord", "FhirData", "FhirCheck", "read", "check", "load",
    "parse_proposal", "STATUS_POLICIES", "LABEL_UNIT_CODES", "LABEL_UNIT_TEXTS", "SITE_CODES",
]

#: Values of ``status_policy``: what to do with stopped, on-hold and unknown doses.
STATUS_POLICIES = ("count", "refuse")

#: Dose codes read as the product's label units (UCUM and its annotations). The
#: annotations ``{unit}`` and ``{units}`` are compared without case.
LABEL_UNIT_CODES = ("U", "[iU]", "[IU]", "[USP'U]", "{unit}", "{units}")
#: Dose unit texts read as label units (compared without case), besides the codes.
LABEL_UNIT_TEXTS = ("u", "unit", "units", "iu")

_UCUM = "http://unitsofmeasure.org"
_NDC_SYSTEMS = {"http://hl7.org/fhir/sid/ndc", "urn:oid:2.16.840.1.113883.6.69"}
_ICD10_SYSTEMS = {"http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10",
                  "urn:oid:2.16.840.1.113883.6.90", "urn:oid:2.16.840.1.113883.6.3"}
_LOINC = "http://loinc.org"
_BODY_WEIGHT = "29463-7"

_GIVEN = {"completed", "in-progress"}
_EXCLUDED = {"not-done", "entered-in-error"}
_UNCERTAIN = {"stopped", "on-hold", "unknown"}
_PLAN_INTENTS = {"plan", "order", "original-order", "reflex-order", "filler-order",
                 "instance-order"}

#: Labeler codes (first NDC segment, 5 digits) of the finished toxin packages and the
#: bulk drug the library's NDC table is drawn from: an NDC of these labelers that the
#: table does not hold may be a toxin (a sample, a new package) and is refused.
_TOXIN_LABELERS = {"00023", "15054", "00259", "46783", "72301", "72960", "81165", "10454",
                   "85766", "71956"}

#: Words that make a medication a botulinum toxin even when the library does not know
#: the product: the toxin itself and brands sold outside the US.
_TOXIN_WORDS = re.compile(
    r"botul|toxin|botox|dysport|xeomin|jeuveau|daxxify|letybo|myobloc|vistabel|vistabex|"
    r"azzalure|bocouture|alluzience|relfydess|nuceiva|neuronox|meditoxin|botulax|nabota|"
    r"innotox|hutox|coretox|relatox|lantox|prosigne|xeomeen|hengli", re.IGNORECASE)

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")

_LB_KG = 0.45359237

# ---- the limbs treated, from the site of a dose (docs/fhir.md, "Limbs") ----
_SNOMED = "http://snomed.info/sct"
_ACT_SITE_SYSTEMS = {"http://terminology.hl7.org/CodeSystem/v3-ActSite",
                     "http://hl7.org/fhir/v3/ActSite"}
_UPPER, _LOWER = "upper", "lower"
_LIMB_INDICATIONS = {int(Indication.UPPER_LIMB_SPASTICITY): _UPPER,
                     int(Indication.LOWER_LIMB_SPASTICITY): _LOWER}

#: Site codes the reader reads, (system, code) -> (limb or None, limbs or None): the
#: limb they lie on ("upper", "lower") and how many limbs they name. Each code was
#: checked against a public page (docs/fhir.md lists them); codes that could not be
#: checked are not read. A laterality qualifier alone says how many, not which limb.
SITE_CODES: Dict[Tuple[str, str], Tuple[Optional[str], Optional[int]]] = {
    (_SNOMED, "368208006"): (_UPPER, 1),   # Left upper arm structure
    (_SNOMED, "368209003"): (_UPPER, 1),   # Right upper arm structure
    (_SNOMED, "61685007"): (_LOWER, None),  # Lower limb structure (no side)
    (_SNOMED, "7771000"): (None, 1),       # Left (qualifier value)
    (_SNOMED, "24028007"): (None, 1),      # Right (qualifier value)
    (_SNOMED, "419161000"): (None, 1),     # Unilateral left
    (_SNOMED, "419465000"): (None, 1),     # Unilateral right
    (_SNOMED, "51440002"): (None, 2),      # Bilateral (right and left)
}
for _system in _ACT_SITE_SYSTEMS:
    SITE_CODES.update({
        (_system, "LA"): (_UPPER, 1),      # left arm
        (_system, "RA"): (_UPPER, 1),      # right arm
        (_system, "LT"): (_LOWER, 1),      # left thigh
        (_system, "RT"): (_LOWER, 1),      # right thigh
    })
del _system


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------

class FhirError(ValueError):
    """Input the FHIR reader cannot read. ``resource`` names the resource
    ("MedicationAdministration/ma-1"), or None for the input as a whole or an argument;
    ``field`` the element ("dosage.dose.code") or argument ("tz")."""

    def __init__(self, resource: Optional[str], field: Optional[str], message: str) -> None:
        self.resource: Optional[str] = resource
        self.field: Optional[str] = field
        self.detail: str = message
        where = ": ".join(x for x in (resource, field) if x)
        super().__init__(f"{where}: {message}" if where else message)

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-friendly dict: resource, field, message."""
        return {"resource": self.resource, "field": self.field, "message": str(self)}


@dataclass(frozen=True)
class Notice:
    """Something the reader did that a clinician should know: a resource left out, an
    indication not recorded, an uncertain dose counted. ``code`` is a stable key
    (docs/fhir.md lists them)."""
    code: str
    message: str
    resource: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "resource": self.resource, "message": self.message}


@dataclass(frozen=True)
class FhirRecord:
    """One administration read from the input, with the resource it came from."""
    administration: Administration
    resource: str
    planned: bool = False

    def to_dict(self) -> Dict[str, Any]:
        a = self.administration
        return {"date": a.date.isoformat(), "product": product_name(a.product),
                "indication": None if a.indication is None else _ind_name(a.indication),
                "units": a.units, "limbs": a.limbs, "resource": self.resource,
                "planned": self.planned}


@dataclass
class FhirData:
    """What :func:`read` found for the chosen patient."""
    patient_id: Optional[str]
    birth_date: Optional[datetime.date]
    weights: List[Tuple[datetime.date, float, str]]
    records: List[FhirRecord]
    planned: List[FhirRecord]
    notices: List[Notice]
    incomplete: bool

    def history(self, on: Optional[datetime.date] = None) -> List[Administration]:
        """The records given, and the planned sessions dated after ``on`` (all of them
        when ``on`` is None)."""
        out = [r.administration for r in self.records]
        out += [r.administration for r in self.planned
                if on is None or r.administration.date > on]
        return out

    def weight_on(self, day: Optional[datetime.date]) -> Optional[Tuple[datetime.date, float, str]]:
        """The latest body weight measured on or before ``day`` (the latest of all when
        ``day`` is None), as (day measured, kg, resource); None when there is none."""
        usable = [w for w in self.weights if day is None or w[0] <= day]
        return max(usable, key=lambda w: w[0]) if usable else None

    def patient(self, on: Optional[datetime.date] = None) -> Patient:
        """The :class:`btxdose.Patient` for a check on day ``on``."""
        w = self.weight_on(on)
        return Patient(birth_date=self.birth_date,
                       weight_kg=None if w is None else w[1],
                       weight_date=None if w is None else w[0])


@dataclass
class FhirCheck:
    """The answer of :func:`check`: the findings of the library and the notices of the
    reader, with what they were computed from."""
    proposal: Administration
    findings: List[Finding]
    notices: List[Notice]
    patient: Patient
    history: List[FhirRecord]
    data: FhirData = field(repr=False)

    @property
    def failed(self) -> bool:
        """True when a rule is broken (a finding with status FAIL)."""
        return any(f.failed for f in self.findings)

    def to_dict(self) -> Dict[str, Any]:
        p = self.patient
        return {
            "proposal": FhirRecord(self.proposal, "proposal").to_dict(),
            "patient": {
                "id": self.data.patient_id,
                "birth_date": None if p.birth_date is None else p.birth_date.isoformat(),
                "weight_kg": p.weight_kg,
                "weight_date": None if p.weight_date is None else p.weight_date.isoformat(),
            },
            "history": [r.to_dict() for r in self.history],
            "history_incomplete": self.data.incomplete,
            "findings": [f.to_dict() for f in self.findings],
            "notices": [n.to_dict() for n in self.notices],
        }


def _ind_name(indication: Any) -> str:
    return Indication(int(indication)).name.lower()


# --------------------------------------------------------------------------------------
# Walking the input
# --------------------------------------------------------------------------------------

@dataclass
class _Entry:
    resource: Dict[str, Any]
    full_url: Optional[str]
    where: str                     # "entry[3]" etc., for resources without id
    container: Optional["_Entry"] = None
    aliases: List[str] = field(default_factory=list)   # fullUrls of copies it won over

    @property
    def rtype(self) -> str:
        return str(self.resource.get("resourceType", "?"))

    @property
    def rid(self) -> Optional[str]:
        value = self.resource.get("id")
        return value if isinstance(value, str) and value else None

    @property
    def name(self) -> str:
        """How messages name the resource."""
        if self.container is not None:
            return f"{self.container.name}#{self.rid or '?'}"
        if self.rid:
            return f"{self.rtype}/{self.rid}"
        if self.full_url:
            return f"{self.rtype} {self.full_url}"
        return f"{self.rtype} at {self.where}"


@dataclass
class _Page:
    bundle_type: Optional[str]
    self_url: Optional[str]
    next_url: Optional[str]
    where: str
    deleted: List[Tuple[str, str, Optional[datetime.datetime], str]] = \
        field(default_factory=list)   # (type, id, when, where) of DELETE entries


def _walk(obj: Any, where: str, entries: List[_Entry], pages: List[_Page]) -> None:
    if isinstance(obj, list):
        for k, item in enumerate(obj):
            _walk(item, f"{where}[{k}]", entries, pages)
        return
    if not isinstance(obj, dict):
        raise FhirError(None, where or "input", "not a FHIR resource, Bundle or list of them")
    rtype = obj.get("resourceType")
    if not isinstance(rtype, str) or not rtype:
        raise FhirError(None, where or "input", "has no resourceType")
    if rtype != "Bundle":
        entries.append(_Entry(obj, None, where or "input"))
        return
    links = {}
    for link in obj.get("link") or []:
        if isinstance(link, dict) and isinstance(link.get("relation"), str):
            links[link["relation"]] = link.get("url")
    page = _Page(obj.get("type"), links.get("self"), links.get("next"), where or "input")
    pages.append(page)
    raw = obj.get("entry") or []
    if not isinstance(raw, list):
        raise FhirError(f"Bundle at {where or 'input'}", "entry", "is not a list")
    for k, e in enumerate(raw):
        here = f"{where + '.' if where else ''}entry[{k}]"
        if not isinstance(e, dict):
            raise FhirError(f"Bundle at {where or 'input'}", f"entry[{k}]", "is not an object")
        res = e.get("resource")
        request = e.get("request") if isinstance(e.get("request"), dict) else {}
        if request.get("method") == "DELETE":
            m = _TYPE_ID.search(str(request.get("url") or "").split("?")[0])
            if m is None:
                raise FhirError(f"Bundle at {where or 'input'}", f"entry[{k}].request.url",
                                "a DELETE of something other than one resource")
            when = _instant((e.get("response") or {}).get("lastModified"),
                            f"Bundle at {where or 'input'}", f"entry[{k}].response.lastModified")
            page.deleted.append((m.group(1), m.group(2), when, here))
            continue
        if res is None:
            continue        # a transaction-response entry: no resource
        if not isinstance(res, dict):
            raise FhirError(f"Bundle at {where or 'input'}", f"entry[{k}].resource",
                            "is not an object")
        if (e.get("search") or {}).get("mode") == "outcome":
            continue        # an OperationOutcome about the search, not data
        if res.get("resourceType") == "Bundle":
            _walk(res, here + ".resource", entries, pages)
            continue
        if not isinstance(res.get("resourceType"), str):
            raise FhirError(None, here + ".resource", "has no resourceType")
        full = e.get("fullUrl")
        entries.append(_Entry(res, full if isinstance(full, str) and full else None, here))


def _instant(text: Any, resource: str, field_name: str) -> Optional[datetime.datetime]:
    """A FHIR instant as an aware datetime; None when absent."""
    if text is None:
        return None
    try:
        value = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise FhirError(resource, field_name, f"{text!r} is not an instant")
    return value


def _drop_deleted(entries: List[_Entry], pages: List[_Page],
                  notices: List[Notice]) -> List[_Entry]:
    """Leaves out resources a history Bundle deletes, unless a copy is newer than the
    deletion; a deletion that cannot be ordered against the copies is an error."""
    deleted: Dict[Tuple[str, str], Optional[datetime.datetime]] = {}
    for p in pages:
        for rtype, rid, when, _where in p.deleted:
            key = (rtype, rid)
            if key in deleted and (deleted[key] is None or when is None):
                deleted[key] = None
            elif key not in deleted or (when is not None and when > deleted[key]):  # type: ignore[operator]
                deleted[key] = when
    if not deleted:
        return entries
    out: List[_Entry] = []
    for e in entries:
        key = (e.rtype, e.rid or "")
        if key not in deleted:
            out.append(e)
            continue
        when = deleted[key]
        updated = _version_key(e)[1]
        if when is None or updated is None:
            raise FhirError(e.name, "meta.lastUpdated",
                            "is deleted in the input's history and also present, and the two "
                            "cannot be ordered (no response.lastModified or meta.lastUpdated)")
        if updated > when:
            out.append(e)
        else:
            notices.append(Notice("resource_deleted",
                                  f"deleted at {when.isoformat()}: not read", e.name))
    return out


def _version_key(entry: _Entry) -> Tuple[Optional[Any], Optional[datetime.datetime]]:
    meta = entry.resource.get("meta") or {}
    vid = meta.get("versionId")
    version: Optional[Any] = None
    if isinstance(vid, str) and vid:
        version = int(vid) if vid.isdigit() else vid
    updated = _instant(meta.get("lastUpdated"), entry.name, "meta.lastUpdated")
    return version, updated


def _strip_meta(resource: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in resource.items() if k != "meta"}


def _deduplicate(entries: List[_Entry], notices: List[Notice]) -> List[_Entry]:
    """One entry per (resourceType, id), or per fullUrl for resources without id: the
    highest meta.versionId, else the latest meta.lastUpdated."""
    groups: Dict[Tuple[str, str], List[_Entry]] = {}
    order: List[Any] = []
    for e in entries:
        key = (e.rtype, e.rid) if e.rid else (e.rtype, "fullUrl " + e.full_url) \
            if e.full_url else None
        if key is None:
            order.append(e)
            continue
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(e)
    out: List[_Entry] = []
    for item in order:
        if isinstance(item, _Entry):
            out.append(item)
            continue
        group = groups[item]
        if len(group) == 1:
            out.append(group[0])
            continue
        keys = [_version_key(e) for e in group]
        name = group[0].name
        versions = [k[0] for k in keys]
        updated = [k[1] for k in keys]
        winner: Optional[_Entry] = None
        how = ""
        if all(v is not None for v in versions) and \
                len({type(v) for v in versions}) == 1:
            best = max(versions)  # type: ignore[type-var]
            tops = [e for e, v in zip(group, versions) if v == best]
            if all(json.dumps(t.resource, sort_keys=True) ==
                   json.dumps(tops[0].resource, sort_keys=True) for t in tops):
                winner, how = tops[0], f"meta.versionId {best} counted"
            else:
                raise FhirError(name, "meta.versionId",
                                f"version {best} appears {len(tops)} times with different "
                                "content: cannot tell which is current")
        elif all(u is not None for u in updated):
            best_u = max(u for u in updated if u is not None)
            tops = [e for e, u in zip(group, updated) if u == best_u]
            if all(_strip_meta(t.resource) == _strip_meta(tops[0].resource) for t in tops):
                winner, how = tops[0], f"meta.lastUpdated {best_u.isoformat()} counted"
            else:
                raise FhirError(name, "meta.lastUpdated",
                                f"two copies updated at {best_u.isoformat()} differ: cannot "
                                "tell which is current")
        elif all(_strip_meta(e.resource) == _strip_meta(group[0].resource) for e in group):
            winner, how = group[0], "identical copies"
        else:
            raise FhirError(name, "meta",
                            f"appears {len(group)} times with different content and without "
                            "meta.versionId or meta.lastUpdated on every copy: cannot tell "
                            "which version is current")
        notices.append(Notice("duplicate_resource",
                              f"present {len(group)} times; counted once ({how})", name))
        assert winner is not None
        winner.aliases = [e.full_url for e in group
                          if e.full_url and e.full_url != winner.full_url]
        out.append(winner)
    return out


# --------------------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------------------

_TYPE_ID = re.compile(r"(?:^|/)([A-Z][A-Za-z]+)/([A-Za-z0-9\-.]{1,64})$")


def _strip_history(ref: str) -> str:
    return re.sub(r"/_history/[^/]+$", "", ref)


class _Index:
    def __init__(self, entries: List[_Entry]) -> None:
        self.by_url: Dict[str, _Entry] = {}
        self.by_type_id: Dict[Tuple[str, str], List[_Entry]] = {}
        for e in entries:
            for url in [e.full_url] + e.aliases:
                if url:
                    self.by_url[url] = e
            if e.rid:
                self.by_type_id.setdefault((e.rtype, e.rid), []).append(e)

    def resolve(self, ref_obj: Any, source: _Entry, field_name: str,
                types: Sequence[str]) -> _Entry:
        """The entry a Reference points to; FhirError when it cannot be found in the
        input or is not of one of ``types``."""
        root = source.container or source
        if not isinstance(ref_obj, dict):
            raise FhirError(root.name, field_name, "is not a Reference")
        ref = ref_obj.get("reference")
        if not isinstance(ref, str) or not ref:
            raise FhirError(root.name, field_name,
                            "has no literal reference (an identifier or display alone "
                            "cannot be resolved in the input)")
        found = self._find(ref, root)
        if found is None:
            raise FhirError(root.name, field_name,
                            f"reference {ref!r} is not resolved: no resource with that "
                            "fullUrl, contained id or type/id in the input")
        if types and found.rtype not in types:
            raise FhirError(root.name, field_name,
                            f"reference {ref!r} is a {found.rtype}, expected "
                            f"{' or '.join(types)}")
        return found

    def _find(self, ref: str, root: _Entry) -> Optional[_Entry]:
        if ref.startswith("#"):
            cid = ref[1:]
            for c in root.resource.get("contained") or []:
                if isinstance(c, dict) and c.get("id") == cid and cid:
                    return _Entry(c, None, f"{root.where}.contained", container=root)
            return None
        if "?" in ref:
            return None     # a conditional reference: only a server resolves it
        ref = _strip_history(ref)
        if ref in self.by_url:
            return self.by_url[ref]
        if ref.startswith("urn:"):
            return None
        m = _TYPE_ID.search(ref)
        if m is None:
            return None
        rtype, rid = m.group(1), m.group(2)
        if "://" not in ref and root.full_url and "://" in root.full_url:
            # a relative reference resolves against the base of the referrer's fullUrl
            base = re.sub(r"[A-Z][A-Za-z]+/[^/]+(/_history/[^/]+)?$", "", root.full_url)
            hit = self.by_url.get(base + f"{rtype}/{rid}")
            if hit is not None:
                return hit
        hits = self.by_type_id.get((rtype, rid), [])
        return hits[0] if len(hits) == 1 else None


# --------------------------------------------------------------------------------------
# Subjects
# --------------------------------------------------------------------------------------

def _patient_key(entry: _Entry) -> str:
    return f"Patient/{entry.rid}" if entry.rid else (entry.full_url or entry.name)


def _subject_key(index: _Index, entry: _Entry, field_name: str = "subject") -> str:
    ref_obj = entry.resource.get(field_name)
    if ref_obj is None:
        raise FhirError(entry.name, field_name, "is missing: whose record is it?")
    if not isinstance(ref_obj, dict):
        raise FhirError(entry.name, field_name, "is not a Reference")
    ref = ref_obj.get("reference")
    if not isinstance(ref, str) or not ref:
        raise FhirError(entry.name, field_name,
                        "has no literal reference: the patient cannot be identified")
    found = index._find(ref, entry)
    if found is not None:
        if found.rtype != "Patient":
            raise FhirError(entry.name, field_name,
                            f"reference {ref!r} is a {found.rtype}, not a Patient")
        return _patient_key(found)
    m = _TYPE_ID.search(_strip_history(ref))
    if m is None or "?" in ref or ref.startswith(("urn:", "#")):
        raise FhirError(entry.name, field_name,
                        f"reference {ref!r} is not resolved: no Patient with that fullUrl "
                        "in the input")
    if m.group(1) != "Patient":
        raise FhirError(entry.name, field_name, f"reference {ref!r} is not a Patient")
    return f"Patient/{m.group(2)}"


def _describe_subject(key: str, patients: Dict[str, _Entry]) -> str:
    e = patients.get(key)
    if e is None:
        return f"{key} (no Patient resource)"
    bits = []
    bd = e.resource.get("birthDate")
    if isinstance(bd, str):
        bits.append(f"born {bd}")
    names = e.resource.get("name") or []
    if names and isinstance(names[0], dict):
        n = names[0]
        text = n.get("text") or " ".join([*(n.get("given") or []), n.get("family") or ""])
        if isinstance(text, str) and text.strip():
            bits.append(text.strip())
    if e.full_url and e.full_url != key:
        bits.append(e.full_url)
    return f"{key} ({', '.join(bits)})" if bits else key


def _match_patient(arg: str, subjects: Iterable[str], patients: Dict[str, _Entry]) -> Optional[str]:
    arg = arg.strip()
    for key in subjects:
        e = patients.get(key)
        if arg in (key, key.split("/", 1)[-1]) or (e is not None and arg == e.full_url):
            return key
        m = _TYPE_ID.search(_strip_history(arg))
        if m and m.group(1) == "Patient" and key == f"Patient/{m.group(2)}":
            return key
    return None


# --------------------------------------------------------------------------------------
# Days
# --------------------------------------------------------------------------------------

def _zone(tz: Optional[str]) -> Optional[datetime.tzinfo]:
    if tz is None:
        return None
    try:
        import zoneinfo
    except ImportError:  # Python 3.8
        raise FhirError(None, "tz", "needs Python 3.9 or newer (zoneinfo)") from None
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise FhirError(None, "tz", f"{tz!r} is not an IANA time zone the system knows "
                        "(Debian: install tzdata)") from None


def _day(text: Any, zone: Optional[datetime.tzinfo], resource: str, field_name: str) -> datetime.date:
    """The local calendar day of a FHIR date or dateTime in the clinic's zone."""
    if not isinstance(text, str):
        raise FhirError(resource, field_name, f"{text!r} is not a date")
    m = _DATE_RE.match(text)
    if m:
        if m.group(3) is None:
            raise FhirError(resource, field_name,
                            f"{text!r} is a partial date: the day is not known")
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise FhirError(resource, field_name, f"{text!r} is not a calendar date") from None
    m = _DATETIME_RE.match(text)
    if not m:
        raise FhirError(resource, field_name, f"{text!r} is not a FHIR date or dateTime")
    if m.group(7) is None:
        raise FhirError(resource, field_name,
                        f"{text!r} has a time of day but no UTC offset: the instant is "
                        "not known")
    if zone is None:
        raise FhirError(resource, field_name,
                        f"{text!r} has a time of day: give the clinic's time zone (tz=, "
                        "--tz) to date it")
    off = m.group(7)
    offset = datetime.timezone.utc if off == "Z" else datetime.timezone(
        (1 if off[0] == "+" else -1) * datetime.timedelta(hours=int(off[1:3]),
                                                          minutes=int(off[4:6])))
    try:
        instant = datetime.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                                    int(m.group(4)), int(m.group(5)),
                                    min(int(m.group(6) or 0), 59), tzinfo=offset)
    except ValueError:
        raise FhirError(resource, field_name, f"{text!r} is not a valid dateTime") from None
    return instant.astimezone(zone).date()


def _effective_day(entry: _Entry, zone: Optional[datetime.tzinfo]) -> datetime.date:
    res = entry.resource
    if "effectiveDateTime" in res:
        return _day(res["effectiveDateTime"], zone, entry.name, "effectiveDateTime")
    period = res.get("effectivePeriod")
    if isinstance(period, dict):
        if "start" not in period:
            raise FhirError(entry.name, "effectivePeriod.start",
                            "is missing: the day of the administration is not known")
        return _day(period["start"], zone, entry.name, "effectivePeriod.start")
    if "effectiveInstant" in res:
        return _day(res["effectiveInstant"], zone, entry.name, "effectiveInstant")
    raise FhirError(entry.name, "effectiveDateTime",
                    "is missing (and no effectivePeriod.start): the day is not known")


# --------------------------------------------------------------------------------------
# Medication
# --------------------------------------------------------------------------------------

@dataclass
class _Medication:
    kind: str                             # "toxin" or "other"
    product: Optional[int] = None         # a known product (brand or NDC)
    substance: Optional[int] = None       # a nonproprietary name only
    names: Tuple[str, ...] = ()
    note: Optional[str] = None


def _concept_texts(concept: Any) -> List[str]:
    out: List[str] = []
    if not isinstance(concept, dict):
        return out
    for c in concept.get("coding") or []:
        if isinstance(c, dict) and isinstance(c.get("display"), str) and c["display"].strip():
            out.append(c["display"])
    if isinstance(concept.get("text"), str) and concept["text"].strip():
        out.append(concept["text"])
    return out


def _names_in(text: str) -> List[Tuple[int, Optional[int]]]:
    """(substance, product or None) for every product or substance named in ``text``."""
    words = _WORD.findall(text)
    out: List[Tuple[int, Optional[int]]] = []
    k = 0
    while k < len(words):
        if k + 1 < len(words):
            try:
                p = int(product_lookup(f"{words[k]} {words[k + 1]}"))
                out.append((_substance_of(p), p))
                k += 2
                continue
            except BtxNotFoundError:
                pass
        word = words[k]
        k += 1
        if _ffi.has("btx_substance_lookup"):
            try:
                out.append((int(substance_lookup(word)), None))
                continue
            except BtxNotFoundError:
                pass
        try:
            p = int(product_lookup(word))
            out.append((_substance_of(p), p))
        except BtxNotFoundError:
            pass
    return out


def _substance_of(product: int) -> int:
    return int(_ffi.lib.btx_product_substance(int(product)))


def _ndc_labeler(code: str) -> Optional[str]:
    code = code.strip()
    if "-" in code:
        return code.split("-", 1)[0].zfill(5)
    if code.isdigit() and len(code) == 11:
        return code[:5]
    return None


def _medication(entry: _Entry, index: _Index) -> _Medication:
    """What the administration's (or request's) medication is."""
    res = entry.resource
    concepts: List[Tuple[str, Any]] = []
    if "medicationCodeableConcept" in res:
        concepts.append(("medicationCodeableConcept", res["medicationCodeableConcept"]))
    elif "medicationReference" in res:
        med = index.resolve(res["medicationReference"], entry, "medicationReference",
                            ("Medication",))
        concepts.append(("medicationReference -> Medication.code", med.resource.get("code")))
        for k, ing in enumerate(med.resource.get("ingredient") or []):
            if isinstance(ing, dict) and "itemCodeableConcept" in ing:
                concepts.append((f"Medication.ingredient[{k}]", ing["itemCodeableConcept"]))
    else:
        raise FhirError(entry.name, "medication[x]",
                        "is missing (no medicationCodeableConcept or medicationReference)")

    ndc_products: Dict[int, str] = {}
    ndc_unknown: List[str] = []
    ndc_unchecked: List[str] = []
    texts: List[str] = []
    for where, concept in concepts:
        if concept is None:
            continue
        if not isinstance(concept, dict):
            raise FhirError(entry.name, where, "is not a CodeableConcept")
        texts += _concept_texts(concept)
        for k, coding in enumerate(concept.get("coding") or []):
            if not isinstance(coding, dict) or coding.get("system") not in _NDC_SYSTEMS:
                continue
            code = coding.get("code")
            here = f"{where}.coding[{k}].code"
            if not isinstance(code, str) or not code.strip():
                raise FhirError(entry.name, here, "an NDC coding without a code")
            try:
                product, _units = product_from_ndc(code)
            except BtxUnavailableError:
                ndc_unchecked.append(code)
                continue
            except BtxNotFoundError:
                ndc_unknown.append(code)
                continue
            except BtxError:
                raise FhirError(entry.name, here,
                                f"{code!r} is not a National Drug Code (10 digits as "
                                "4-4-2, 5-3-2 or 5-4-1 with hyphens, or 11 digits 5-4-2)") \
                    from None
            ndc_products[int(product)] = code

    named: List[Tuple[int, Optional[int]]] = []
    for t in texts:
        named += _names_in(t)
    substances = {s for s, _ in named}
    brands = {p for _, p in named if p is not None}
    name_list = tuple(dict.fromkeys(texts))

    if len(ndc_products) > 1:
        raise FhirError(entry.name, "medication",
                        "its NDC codings name different products: "
                        + ", ".join(f"{c} = {product_name(p)}" for p, c in ndc_products.items()))
    if ndc_products:
        (p, code), = ndc_products.items()
        s = _substance_of(p)
        if substances and substances != {s}:
            raise FhirError(entry.name, "medication",
                            f"NDC {code} is {product_name(p)} but its names say "
                            f"{', '.join(sorted(_sub_name(x) for x in substances))}")
        note = None
        if brands and brands != {p}:
            note = (f"the names say {', '.join(product_name(b) for b in sorted(brands))}; "
                    f"NDC {code} ({product_name(p)}) is used")
        return _Medication("toxin", product=p, names=name_list, note=note)

    unknown = ndc_unknown + ndc_unchecked
    if unknown and {_ndc_labeler(c) for c in unknown} & _TOXIN_LABELERS:
        why = ("is not a finished toxin package the library knows (a sample, bulk drug or "
               "unlisted package)") if ndc_unknown else \
            "cannot be checked: the library has no btx_product_from_ndc (libbtxdose 1.2)"
        raise FhirError(entry.name, "medication",
                        f"NDC {', '.join(unknown)} is from a botulinum-toxin labeler and {why}: "
                        "the product and its units cannot be told")
    if substances:
        if len(substances) > 1:
            raise FhirError(entry.name, "medication",
                            "its names give different substances: "
                            + ", ".join(sorted(_sub_name(x) for x in substances)))
        (s,) = substances
        if len(brands) > 1:
            raise FhirError(entry.name, "medication",
                            "its names give different products: "
                            + ", ".join(product_name(b) for b in sorted(brands)))
        if brands:
            return _Medication("toxin", product=next(iter(brands)), names=name_list)
        return _Medication("toxin", substance=s, names=name_list)
    if any(_TOXIN_WORDS.search(t) for t in texts):
        raise FhirError(entry.name, "medication",
                        f"{' / '.join(name_list)!r} is a botulinum toxin the library does "
                        "not know: its units cannot be compared with any product's")
    if not texts:
        if ndc_unchecked:
            raise FhirError(entry.name, "medication",
                            f"coded only by NDC {', '.join(ndc_unchecked)} and the library has "
                            "no btx_product_from_ndc (libbtxdose 1.2): cannot tell what it is")
        raise FhirError(entry.name, "medication",
                        "has no name (display or text) and no code the library knows: "
                        "cannot tell whether it is a botulinum toxin")
    return _Medication("other", names=name_list)


def _sub_name(substance: int) -> str:
    return str(_ffi.lib.btx_substance_name(int(substance)))


# --------------------------------------------------------------------------------------
# Units, reasons
# --------------------------------------------------------------------------------------

def _is_label_code(code: str) -> bool:
    c = code.strip()
    if c in ("U", "[iU]", "[IU]", "[USP'U]"):
        return True
    return c.lower() in ("{unit}", "{units}")


def _is_label_text(unit: str) -> bool:
    u = unit.strip()
    return _is_label_code(u) or u.lower() in LABEL_UNIT_TEXTS


def _units(quantity: Any, entry: _Entry, where: str, assume_label_units: bool,
           notices: List[Notice]) -> float:
    if quantity is None:
        raise FhirError(entry.name, where, "is missing: the dose is not known")
    if not isinstance(quantity, dict):
        raise FhirError(entry.name, where, "is not a Quantity")
    value = quantity.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FhirError(entry.name, f"{where}.value", f"{value!r} is not a number")
    if "comparator" in quantity:
        raise FhirError(entry.name, f"{where}.comparator",
                        f"{quantity['comparator']!r}: not an exact dose")
    code, unit = quantity.get("code"), quantity.get("unit")
    present = False
    if code is not None:
        present = True
        if not isinstance(code, str) or not _is_label_code(code):
            raise FhirError(entry.name, f"{where}.code",
                            f"{code!r} is not the product's label units (U, [iU], [USP'U], "
                            "{unit}, {units}); doses are never converted")
    if unit is not None:
        present = True
        if not isinstance(unit, str) or not _is_label_text(unit):
            raise FhirError(entry.name, f"{where}.unit",
                            f"{unit!r} is not the product's label units (U, IU, unit, units); "
                            "doses are never converted")
    if not present:
        if not assume_label_units:
            raise FhirError(entry.name, f"{where}.unit",
                            "is missing: the dose has no unit (pass assume_label_units=True, "
                            "--assume-label-units, if your system always sends label units)")
        notices.append(Notice("units_assumed",
                              f"{where} {value:g} has no unit: read as label units "
                              "(assume_label_units)", entry.name))
    return float(value)


def _reason_indication(entry: _Entry, index: _Index, notices: List[Notice]) -> Optional[int]:
    res = entry.resource
    concepts: List[Tuple[str, Any]] = []
    for k, c in enumerate(res.get("reasonCode") or []):
        concepts.append((f"reasonCode[{k}]", c))
    for k, ref in enumerate(res.get("reasonReference") or []):
        target = index.resolve(ref, entry, f"reasonReference[{k}]",
                               ("Condition", "Observation", "DiagnosticReport"))
        if target.rtype != "Condition":
            notices.append(Notice("reason_not_read",
                                  f"reasonReference[{k}] is a {target.rtype}: only "
                                  "Conditions are read", entry.name))
            continue
        concepts.append((f"reasonReference[{k}] -> {target.name}.code",
                         target.resource.get("code")))
    found: Dict[int, str] = {}
    unmapped: List[str] = []
    for where, concept in concepts:
        if not isinstance(concept, dict):
            continue
        hit: Optional[int] = None
        for coding in concept.get("coding") or []:
            if not isinstance(coding, dict):
                continue
            code = coding.get("code")
            if coding.get("system") in _ICD10_SYSTEMS and isinstance(code, str):
                try:
                    hit = int(indication_from_icd10(code))
                    break
                except BtxNotFoundError:
                    unmapped.append(f"ICD-10 {code}")
        if hit is None:
            for text in _concept_texts(concept):
                try:
                    hit = int(indication_lookup(text))
                    break
                except BtxNotFoundError:
                    pass
        if hit is None:
            texts = _concept_texts(concept)
            if texts:
                unmapped.append(texts[0])
            elif not any(isinstance(c, dict) and c.get("system") in _ICD10_SYSTEMS
                         for c in concept.get("coding") or []):
                codes = [f"{c.get('system')}|{c.get('code')}" for c in concept.get("coding") or []
                         if isinstance(c, dict)]
                unmapped.extend(codes)
        else:
            found.setdefault(hit, where)
    if len(found) > 1:
        raise FhirError(entry.name, "reasonCode/reasonReference",
                        "gives different indications: "
                        + ", ".join(f"{_ind_name(i)} ({w})" for i, w in found.items())
                        + "; record one administration per indication")
    if found:
        return next(iter(found))
    if concepts:
        why = f"reason {', '.join(dict.fromkeys(unmapped)) or 'without codes or text'} " \
              "has no mapping to a labelled indication"
    else:
        why = "no reasonCode or reasonReference"
    notices.append(Notice("indication_not_recorded",
                          f"{why}: indication not recorded (the dose counts in the "
                          "substance-wide limits only; indication-specific intervals and "
                          "caps are not checked against it)", entry.name))
    return None


def _site_codes(site: Dict[str, Any]) -> List[Tuple[str, Tuple[Optional[str], Optional[int]]]]:
    """The codings of a site that :data:`SITE_CODES` knows, as ("system|code", entry):
    the site's own codings and those of its laterality extensions (an extension whose
    url names laterality, with a valueCodeableConcept)."""
    concepts: List[Any] = [site]
    for ext in site.get("extension") or []:
        if isinstance(ext, dict) and "laterality" in str(ext.get("url", "")).lower():
            concepts.append(ext.get("valueCodeableConcept"))
    out = []
    for concept in concepts:
        if not isinstance(concept, dict):
            continue
        for coding in concept.get("coding") or []:
            if not isinstance(coding, dict):
                continue
            key = (coding.get("system"), coding.get("code"))
            if key in SITE_CODES:
                out.append((f"{key[0]}|{key[1]}", SITE_CODES[key]))  # type: ignore[index]
    return out


def _a_limb(limb: str) -> str:
    return "an upper limb" if limb == _UPPER else "a lower limb"


def _site_limbs(entry: _Entry, site: Any, where: str, indication: Optional[int],
                notices: List[Notice]) -> Optional[int]:
    """The limbs a dose treats, from its site (``where``: "dosage.site"), for a record of
    ``indication``: 1 for a left or right limb, 2 for both, None when not stated (no
    site).

    A site naming a limb that contradicts the indication (an arm on a lower limb record,
    a limb on a chronic migraine record) is a :class:`FhirError`, as is a site that names
    both an arm and a leg or different sides; a site that names no side the reader knows
    on a limb record gives a notice (the per-limb limit is then not checked)."""
    limb_of_record = _LIMB_INDICATIONS.get(indication) if indication is not None else None
    if site is None:
        return None   # not stated; the library says so where it matters (NOT_CHECKED)
    if not isinstance(site, dict):
        raise FhirError(entry.name, where, "is not a CodeableConcept")
    found = _site_codes(site)
    limbs = {what[0] for _, what in found if what[0] is not None}
    counts = {what[1] for _, what in found if what[1] is not None}
    codes = ", ".join(code for code, _ in found)
    if len(limbs) > 1:
        raise FhirError(entry.name, where, f"names both an upper and a lower limb ({codes}): "
                        "record one administration per indication")
    if len(counts) > 1:
        raise FhirError(entry.name, where, f"names one limb and both ({codes})")
    limb = next(iter(limbs), None)
    count = next(iter(counts), None)
    if limb is not None and indication is not None and limb != limb_of_record:
        raise FhirError(entry.name, where,
                        f"names {_a_limb(limb)} ({codes}) on a {_ind_name(indication)} "
                        "record: the site and the indication disagree")
    if limb is not None and indication is None:
        notices.append(Notice("limbs_not_stated",
                              f"{where} names {_a_limb(limb)} ({codes}) but the indication is "
                              "not recorded: the limbs treated are not stated", entry.name))
        return None
    if limb_of_record is None:
        return None   # a side of something else (an eye, an axilla): not a limb count
    if count is None:
        texts = _concept_texts(site)
        what = f"({codes})" if codes else f"({texts[0]!r})" if texts else "(no code the " \
            "reader knows)"
        notices.append(Notice("limbs_not_stated",
                              f"{where} {what} names no side the reader knows: the limbs "
                              "treated are not stated (a per-limb limit is not checked)",
                              entry.name))
        return None
    return count


# --------------------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------------------

def _record(entry: _Entry, med: _Medication, day: datetime.date, indication: Optional[int],
            units: float, planned: bool, limbs: Optional[int] = None) -> FhirRecord:
    if med.product is not None:
        product: Any = med.product
    else:
        # a nonproprietary name: the product labelled for the indication
        product = resolve_product(_sub_name(int(med.substance or 0)), indication)
    try:
        adm = Administration(day, product, indication, units, limbs=limbs)
        validate_history([adm])
    except BtxError as e:
        raise FhirError(entry.name, "record", f"refused by the library: {e}") from None
    return FhirRecord(adm, entry.name, planned)


def read(data: Any, *, patient: Optional[str] = None, tz: Optional[str] = None,
         status_policy: str = "count", assume_label_units: bool = False) -> FhirData:
    """Reads FHIR R4 JSON (a Bundle of any type, a resource, or a list of them, already
    parsed with :func:`json.load`) into the chosen patient's toxin history.

    ``patient``: the Patient's id, ``Patient/id`` or fullUrl; required when the input
    holds more than one Patient or records of more than one subject. ``tz``: the
    clinic's IANA time zone; required as soon as a date has a time of day.
    ``status_policy``: "count" (default) counts stopped, on-hold and unknown doses with a
    notice, "refuse" makes them an error. ``assume_label_units``: a dose without a unit
    is read as label units (with a notice) instead of an error.

    Raises :class:`FhirError` (naming the resource and field) for input it cannot read.
    """
    if status_policy not in STATUS_POLICIES:
        raise FhirError(None, "status_policy",
                        f"{status_policy!r} is not one of {', '.join(STATUS_POLICIES)}")
    zone = _zone(tz)
    notices: List[Notice] = []
    entries: List[_Entry] = []
    pages: List[_Page] = []
    _walk(data, "", entries, pages)
    entries = _drop_deleted(_deduplicate(entries, notices), pages, notices)
    index = _Index(entries)

    # ---- completeness
    self_urls = {p.self_url for p in pages if p.self_url}
    incomplete = False
    for p in pages:
        if p.next_url and p.next_url not in self_urls:
            incomplete = True
            notices.append(Notice("history_incomplete",
                                  f"the {p.bundle_type or 'Bundle'} at {p.where} has a next "
                                  f"page ({p.next_url}) that is not in the input: the history "
                                  "is not complete and cannot be declared complete"))

    # ---- subjects
    patients: Dict[str, _Entry] = {}
    for e in entries:
        if e.rtype == "Patient":
            patients[_patient_key(e)] = e
    subject_of: Dict[int, str] = {}
    subjects: List[str] = list(patients)
    for k, e in enumerate(entries):
        if e.rtype in ("MedicationAdministration", "MedicationRequest"):
            key = _subject_key(index, e)
        elif e.rtype == "Observation" and _is_body_weight(e) and "subject" in e.resource:
            key = _subject_key(index, e)
        else:
            continue
        subject_of[k] = key
        if key not in subjects:
            subjects.append(key)
    chosen: Optional[str]
    if patient is not None:
        chosen = _match_patient(str(patient), subjects, patients)
        if chosen is None:
            raise FhirError(None, "patient",
                            f"{patient!r} is none of the subjects in the input: "
                            + ("; ".join(_describe_subject(s, patients) for s in subjects)
                               or "there are none"))
    elif len(subjects) > 1:
        raise FhirError(None, "patient",
                        f"the input holds {len(subjects)} subjects; choose one with patient= "
                        "(--patient): " + "; ".join(_describe_subject(s, patients)
                                                    for s in subjects))
    else:
        chosen = subjects[0] if subjects else None

    others = [entries[k].name for k, s in subject_of.items() if s != chosen]
    if others:
        notices.append(Notice("other_subject",
                              f"{len(others)} resource(s) of other subjects not read: "
                              + ", ".join(others)))

    # ---- the patient
    birth: Optional[datetime.date] = None
    pat = patients.get(chosen) if chosen else None
    if chosen is not None and pat is None:
        notices.append(Notice("birth_date_unknown",
                              f"no Patient resource for {chosen}: birth date unknown"))
    if pat is not None:
        bd = pat.resource.get("birthDate")
        if bd is None:
            notices.append(Notice("birth_date_unknown", "no birthDate: birth date unknown",
                                  pat.name))
        elif isinstance(bd, str) and _DATE_RE.match(bd) and _DATE_RE.match(bd).group(3) is None:
            notices.append(Notice("birth_date_unknown",
                                  f"birthDate {bd!r} is a partial date: birth date unknown "
                                  "(age-dependent rules use the adult rules and say so)",
                                  pat.name))
        else:
            birth = _day(bd, None, pat.name, "birthDate")

    # ---- weights, administrations, plans
    weights: List[Tuple[datetime.date, float, str]] = []
    records: List[FhirRecord] = []
    planned: List[FhirRecord] = []
    for k, e in enumerate(entries):
        if k in subject_of and subject_of[k] != chosen:
            continue
        if e.rtype == "Observation" and _is_body_weight(e):
            w = _weight(e, zone, notices, has_subject=k in subject_of)
            if w is not None:
                weights.append(w)
        elif e.rtype == "MedicationAdministration":
            rec = _administration(e, index, zone, status_policy, assume_label_units, notices)
            if rec is not None:
                records.append(rec)
        elif e.rtype == "MedicationRequest":
            planned += _plan(e, index, zone, assume_label_units, notices)
        elif e.rtype in ("MedicationStatement", "MedicationDispense"):
            _unread(e, index, notices)
    return FhirData(chosen, birth, weights, records, planned, notices, incomplete)


def _administration(e: _Entry, index: _Index, zone: Optional[datetime.tzinfo],
                    status_policy: str, assume_label_units: bool,
                    notices: List[Notice]) -> Optional[FhirRecord]:
    status = e.resource.get("status")
    if status in _EXCLUDED:
        notices.append(Notice("status_excluded", f"status {status}: not counted", e.name))
        return None
    if status in _UNCERTAIN:
        if status_policy == "refuse":
            raise FhirError(e.name, "status",
                            f"{status!r}: the dose may have been given in part or in full "
                            "(status_policy='refuse')")
    elif status not in _GIVEN:
        raise FhirError(e.name, "status",
                        f"{status!r} is not a MedicationAdministration status (completed, "
                        "in-progress, not-done, entered-in-error, stopped, on-hold, unknown)")
    med = _medication(e, index)
    if med.kind != "toxin":
        notices.append(Notice("not_a_toxin",
                              f"{' / '.join(med.names)!r} is not a botulinum toxin: not "
                              "counted", e.name))
        return None
    if med.note:
        notices.append(Notice("product_names_disagree", med.note, e.name))
    day = _effective_day(e, zone)
    dosage = e.resource.get("dosage")
    if not isinstance(dosage, dict):
        raise FhirError(e.name, "dosage.dose", "is missing: the dose is not known")
    units = _units(dosage.get("dose"), e, "dosage.dose", assume_label_units, notices)
    indication = _reason_indication(e, index, notices)
    limbs = _site_limbs(e, dosage.get("site"), "dosage.site", indication, notices)
    if status in _UNCERTAIN:
        notices.append(Notice("status_uncertain",
                              f"status {status}: counted in full, because a dose that may "
                              "have been given must not be left out", e.name))
    return _record(e, med, day, indication, units, planned=False, limbs=limbs)


def _plan(e: _Entry, index: _Index, zone: Optional[datetime.tzinfo],
          assume_label_units: bool, notices: List[Notice]) -> List[FhirRecord]:
    res = e.resource
    med = _medication(e, index)
    if med.kind != "toxin":
        return []
    status, intent = res.get("status"), res.get("intent")
    if status != "active" or intent not in _PLAN_INTENTS:
        notices.append(Notice("plan_not_read",
                              f"status {status}, intent {intent}: not counted as a planned "
                              "session (only active plans and orders are)", e.name))
        return []
    out: List[FhirRecord] = []
    instructions = res.get("dosageInstruction") or []
    indication: Optional[int] = None
    read_reason = False
    for k, di in enumerate(instructions):
        if not isinstance(di, dict):
            continue
        events = ((di.get("timing") or {}).get("event")) or []
        if not events:
            continue
        dose = None
        for j, dr in enumerate(di.get("doseAndRate") or []):
            if isinstance(dr, dict) and "doseQuantity" in dr:
                dose = (f"dosageInstruction[{k}].doseAndRate[{j}].doseQuantity",
                        dr["doseQuantity"])
                break
            if isinstance(dr, dict) and "doseRange" in dr:
                raise FhirError(e.name, f"dosageInstruction[{k}].doseAndRate[{j}].doseRange",
                                "a dose range is not a dose")
        if dose is None:
            raise FhirError(e.name, f"dosageInstruction[{k}].doseAndRate",
                            "has no doseQuantity: the planned dose is not known")
        units = _units(dose[1], e, dose[0], assume_label_units, notices)
        if not read_reason:
            indication = _reason_indication(e, index, notices)
            read_reason = True
        limbs = _site_limbs(e, di.get("site"), f"dosageInstruction[{k}].site", indication,
                            notices)
        for j, ev in enumerate(events):
            day = _day(ev, zone, e.name, f"dosageInstruction[{k}].timing.event[{j}]")
            out.append(_record(e, med, day, indication, units, planned=True, limbs=limbs))
    if not out:
        notices.append(Notice("plan_not_read",
                              "no dosageInstruction.timing.event date: not counted as a "
                              "planned session", e.name))
    return out


def _unread(e: _Entry, index: _Index, notices: List[Notice]) -> None:
    try:
        med = _medication(e, index)
    except FhirError:
        med = _Medication("toxin")
    if med.kind == "toxin":
        notices.append(Notice("resource_not_read",
                              f"a {e.rtype} of a botulinum toxin is not read: only "
                              "MedicationAdministration (given) and MedicationRequest "
                              "(planned) are; record the dose as a MedicationAdministration "
                              "if it was given", e.name))


def _is_body_weight(e: _Entry) -> bool:
    code = e.resource.get("code")
    if not isinstance(code, dict):
        return False
    return any(isinstance(c, dict) and c.get("system") == _LOINC and c.get("code") == _BODY_WEIGHT
               for c in code.get("coding") or [])


def _weight(e: _Entry, zone: Optional[datetime.tzinfo], notices: List[Notice],
            has_subject: bool) -> Optional[Tuple[datetime.date, float, str]]:
    res = e.resource
    if not has_subject:
        notices.append(Notice("weight_not_used", "a body weight without subject: not used",
                              e.name))
        return None
    if res.get("status") in ("entered-in-error", "cancelled"):
        notices.append(Notice("weight_not_used", f"status {res.get('status')}: not used",
                              e.name))
        return None
    q = res.get("valueQuantity")
    if q is None:
        notices.append(Notice("weight_not_used", "no valueQuantity: not used", e.name))
        return None
    if not isinstance(q, dict):
        raise FhirError(e.name, "valueQuantity", "is not a Quantity")
    value = q.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise FhirError(e.name, "valueQuantity.value", f"{value!r} is not a weight")
    code, unit = q.get("code"), q.get("unit")
    factors = {"kg": 1.0, "g": 0.001, "[lb_av]": _LB_KG}
    texts = {"kg": 1.0, "g": 0.001, "[lb_av]": _LB_KG, "lb": _LB_KG, "lbs": _LB_KG}
    if code is not None:
        if code not in factors:
            raise FhirError(e.name, "valueQuantity.code",
                            f"{code!r} is not a body-weight unit the reader converts (kg, g, "
                            "[lb_av])")
        factor = factors[code]
    elif isinstance(unit, str) and unit.strip().lower() in texts:
        factor = texts[unit.strip().lower()]
    else:
        raise FhirError(e.name, "valueQuantity.unit",
                        f"{unit!r} is not a body-weight unit the reader converts (kg, g, lb)")
    try:
        day = _effective_day(e, zone)
    except FhirError as err:
        if err.field and err.field.startswith("effective") and "missing" in err.detail:
            notices.append(Notice("weight_not_used", "no effective date: not used", e.name))
            return None
        raise
    return day, float(value) * factor, e.name


# --------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------

def parse_proposal(text: str, limbs: Optional[int] = None) -> Administration:
    """``"DATE,PRODUCT,INDICATION,UNITS"`` as an :class:`Administration` (a
    nonproprietary name is resolved with the indication), treating ``limbs`` limbs (None:
    not stated)."""
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) != 4:
        raise FhirError(None, "propose", f"{text!r}: expected DATE,PRODUCT,INDICATION,UNITS")
    date, product, indication, units = parts
    try:
        value = float(units)
    except ValueError:
        raise FhirError(None, "propose", f"units {units!r} is not a number") from None
    try:
        return Administration(parse_date(date), product, indication, value, limbs=limbs)
    except BtxError as e:
        raise FhirError(None, "propose", f"{text!r}: {e}") from None


def check(data: Any, proposed: Union[Administration, str, Tuple[Any, ...]], *,
          patient: Optional[str] = None, tz: Optional[str] = None,
          status_policy: str = "count", assume_label_units: bool = False,
          policy: Optional[Policy] = None, limbs: Optional[int] = None) -> FhirCheck:
    """Reads ``data`` as :func:`read` does and checks ``proposed`` (an
    :class:`Administration`, a tuple, or ``"DATE,PRODUCT,INDICATION,UNITS"``) against
    the patient's history with :func:`btxdose.evaluate`. ``limbs``: the limbs the
    proposal treats (1 or 2; None: not stated) when ``proposed`` is a string; an
    :class:`Administration` or a tuple carries its own.

    The patient's weight is the latest body weight on or before the proposal's day.
    Planned sessions count when they are dated after it. ``policy.history_complete``
    is refused (:class:`FhirError`) when the input is an incomplete search.
    """
    fd = read(data, patient=patient, tz=tz, status_policy=status_policy,
              assume_label_units=assume_label_units)
    if limbs is not None and not isinstance(proposed, str):
        raise FhirError(None, "limbs", "give the limbs in the Administration or tuple "
                        "proposed, not beside it")
    if isinstance(proposed, Administration):
        prop = proposed
    elif isinstance(proposed, str):
        prop = parse_proposal(proposed, limbs)
    elif isinstance(proposed, (tuple, list)):
        try:
            prop = Administration(*proposed)
        except BtxError as e:
            raise FhirError(None, "propose", str(e)) from None
    else:
        raise TypeError("proposed: expected Administration, tuple or 'DATE,PRODUCT,"
                        f"INDICATION,UNITS', got {type(proposed).__name__}")
    if policy is not None and policy.history_complete and fd.incomplete:
        raise FhirError(None, "history_complete",
                        "the input is an incomplete search (a next page is missing): the "
                        "history cannot be declared complete")
    notices = list(fd.notices)
    for r in fd.planned:
        if r.administration.date <= prop.date:
            notices.append(Notice("plan_not_counted",
                                  f"planned session {r.administration.date} is not after the "
                                  f"proposal ({prop.date}): not counted (a session that took "
                                  "place is a MedicationAdministration)", r.resource))
    w = fd.weight_on(prop.date)
    if w is None and fd.weights:
        notices.append(Notice("weight_not_used",
                              f"no body weight on or before {prop.date}: weight unknown"))
    pat = fd.patient(prop.date)
    history = list(fd.records) + [r for r in fd.planned if r.administration.date > prop.date]
    try:
        findings = evaluate([r.administration for r in history], prop, patient=pat,
                            policy=policy)
    except BtxError as e:
        where = history[e.index].resource if e.index is not None and e.index < len(history) \
            else None
        raise FhirError(where, "propose" if where is None else "record", str(e)) from None
    return FhirCheck(prop, findings, notices, pat, history, fd)


def load(path: str) -> Any:
    """The parsed JSON of a file (``FhirError`` naming the file when it is not JSON)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as e:
        raise FhirError(None, str(path), f"not JSON: {e}") from None

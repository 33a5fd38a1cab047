# SPDX-License-Identifier: Apache-2.0
"""The limbs treated (bits 0-1 of ``btx_administration.flags``, libbtxdose 1.2) in the
Python layer: ``Administration(limbs=...)``, the checks at construction, the per-limb
rules 26-28 through :func:`btxdose.evaluate`, and the audit's rows.

The numbers are the label's (docs/clinical-data.md), typed here: Dysport for pediatric
lower limb spasticity allows at most 15 U/kg per leg treated, so a 20 kg child may have
300 U in one leg and 600 U in two; 350 U (17.5 U/kg) is too much for one leg."""

from __future__ import annotations

import datetime
import struct

import pytest

import btxdose
from btxdose import (Administration, AuditFlag, Indication, Patient, Product, Rule, Status)

D = datetime.date
LLS, ULS = Indication.LOWER_LIMB_SPASTICITY, Indication.UPPER_LIMB_SPASTICITY
DAY = D(2026, 3, 2)
CHILD = Patient(birth_date=D(2018, 3, 1), weight_kg=20, weight_date=D(2026, 2, 1))


def proposal(units: float = 350, limbs=None, indication=LLS,
             product=Product.DYSPORT) -> Administration:
    return Administration(DAY, product, indication, units, limbs=limbs)


def rule(findings, rule_id: Rule):
    hits = [f for f in findings if f.rule == rule_id]
    assert len(hits) == 1, [(f.rule_name, f.status_name) for f in findings]
    return hits[0]


# ------------------------------------------------------------------ construction

def test_limbs_default_is_not_stated() -> None:
    a = proposal()
    assert a.limbs is None and a.flags == 0
    assert a._to_c().flags == 0


@pytest.mark.parametrize("limbs", [1, 2])
def test_limbs_go_into_flags_and_come_back(limbs: int) -> None:
    a = proposal(limbs=limbs)
    assert a.limbs == limbs and a.flags == limbs and a._to_c().flags == limbs
    assert f"limbs={limbs}" in repr(a)
    # flags alone say the same thing, and the records are equal
    b = Administration(DAY, Product.DYSPORT, LLS, 350, flags=limbs)
    assert b.limbs == limbs and b == a
    # a tuple with flags and limbs, as the functions take them
    c = btxdose._api._record((DAY, "Dysport", "lower limb spasticity", 350, 0, limbs), "x")
    assert c == a


@pytest.mark.parametrize("bad", [0, 3, -1, True, False, "two", "1", 1.0, 2.5])
def test_bad_limbs_are_valueerrors_naming_the_value(bad) -> None:
    with pytest.raises(ValueError) as e:
        proposal(limbs=bad)
    assert isinstance(e.value, btxdose.BtxInvalidError)
    assert f"limbs: {bad!r}" in str(e.value)


def test_limbs_and_flags_must_agree() -> None:
    with pytest.raises(btxdose.BtxInvalidError, match="limbs: 1 disagrees with flags 2"):
        Administration(DAY, Product.DYSPORT, LLS, 350, flags=2, limbs=1)


@pytest.mark.parametrize("indication, text", [
    (Indication.CHRONIC_MIGRAINE, "a chronic_migraine record"),
    (Indication.CERVICAL_DYSTONIA, "a cervical_dystonia record"),
    (None, "a record without indication"),
])
def test_a_count_on_a_record_of_another_indication_is_refused(indication, text) -> None:
    with pytest.raises(ValueError) as e:
        Administration(DAY, Product.DYSPORT, indication, 350, limbs=2)
    assert isinstance(e.value, btxdose.BtxInvalidError)
    assert f"limbs: 2 on {text}" in str(e.value)
    # the same record without a count is good
    assert Administration(DAY, Product.DYSPORT, indication, 350).limbs is None


def test_upper_limb_takes_a_count_too() -> None:
    assert Administration(DAY, "Xeomin", ULS, 100, limbs=2).flags == 2


def test_rule_ids_26_to_28_are_known_by_name() -> None:
    assert (int(Rule.DYSPORT_PED_ULS_LIMB), int(Rule.DYSPORT_PED_LLS_LIMB),
            int(Rule.XEOMIN_PED_ULS_LIMB)) == (26, 27, 28)
    for r in (Rule.DYSPORT_PED_ULS_LIMB, Rule.DYSPORT_PED_LLS_LIMB, Rule.XEOMIN_PED_ULS_LIMB):
        assert btxdose.rule_name(r) == r.name.lower()


# ------------------------------------------------------------------ the case

def test_one_leg_350_u_fails_rule_27_at_300_u() -> None:
    findings = btxdose.evaluate([], proposal(limbs=1), CHILD)
    f = rule(findings, Rule.DYSPORT_PED_LLS_LIMB)
    assert f.status == Status.FAIL and f.failed
    assert f.limit_units == pytest.approx(300)           # 15 U/kg x 20 kg x 1 leg
    assert f.proposed_units == pytest.approx(350)
    assert f.to_dict()["rule_id"] == 27 and f.to_dict()["rule"] == "dysport_ped_lls_limb"


def test_two_legs_350_u_pass() -> None:
    findings = btxdose.evaluate([], proposal(limbs=2), CHILD)
    assert [f.rule_name for f in findings if f.failed] == []
    f = rule(findings, Rule.DYSPORT_PED_LLS_LIMB)
    assert f.status == Status.PASS and f.limit_units == pytest.approx(600)


def test_limbs_not_stated_is_not_checked_never_a_silent_pass() -> None:
    findings = btxdose.evaluate([], proposal(), CHILD)
    f = rule(findings, Rule.DYSPORT_PED_LLS_LIMB)
    assert f.status == Status.NOT_CHECKED
    assert [g.rule_name for g in findings if g.failed] == []


def test_one_leg_at_the_limit_passes() -> None:
    f = rule(btxdose.evaluate([], proposal(300, limbs=1), CHILD), Rule.DYSPORT_PED_LLS_LIMB)
    assert f.status == Status.PASS


def test_two_records_of_one_leg_on_one_day_are_two_legs() -> None:
    # 150 U in the left leg given, 200 U in the right proposed, the same day: 350 U in two
    # legs (at most 600 U). Without the history's count the day's count is not stated.
    left = Administration(DAY, Product.DYSPORT, LLS, 150, limbs=1)
    f = rule(btxdose.evaluate([left], proposal(200, limbs=1), CHILD),
             Rule.DYSPORT_PED_LLS_LIMB)
    assert f.status == Status.PASS
    unsaid = Administration(DAY, Product.DYSPORT, LLS, 150)
    f = rule(btxdose.evaluate([unsaid], proposal(200, limbs=1), CHILD),
             Rule.DYSPORT_PED_LLS_LIMB)
    assert f.status == Status.NOT_CHECKED


def test_a_bad_history_record_names_its_place() -> None:
    with pytest.raises(btxdose.BtxInvalidError) as e:
        btxdose.evaluate([(DAY, "Dysport", "chronic migraine", 10, 0, 2)], proposal(), CHILD)
    assert e.value.index == 0 and "history[0]" in str(e.value)


def test_protocol_says_which_doses_are_per_limb() -> None:
    p = btxdose.protocol(Product.DYSPORT, LLS, btxdose.Population.PEDIATRIC)
    assert p.per_limb and p.limb_cap_units_per_kg == pytest.approx(15)
    adult = btxdose.protocol(Product.BOTOX, Indication.CHRONIC_MIGRAINE)
    assert not adult.per_limb and adult.limb_cap_units_per_kg == 0


# ------------------------------------------------------------------ the audit

BIRTH = (D(2018, 3, 1) - D(1970, 1, 1)).days


@pytest.mark.parametrize("limbs, flag, rule_id", [
    (1, AuditFlag.OVER_SESSION, 27),
    (2, 0, 0),
    (None, AuditFlag.NOT_CHECKED, 0),
])
def test_audit_rows_carry_the_limbs(limbs, flag, rule_id) -> None:
    rows = [(1, DAY, "Dysport", "lower limb spasticity", 350, 20.0, BIRTH, limbs)]
    r = btxdose.audit(rows)[0]
    assert r.flags & (AuditFlag.OVER_SESSION | AuditFlag.NOT_CHECKED) == flag
    if rule_id:
        assert r.rule == rule_id
    # the same row packed: flags at offset 20 hold the count
    raw = btxdose.rows_to_bytes(rows)
    assert struct.unpack_from("<i", raw, 20)[0] == (limbs or 0)
    assert btxdose.audit(bytearray(raw))[0] == r


@pytest.mark.parametrize("bad", [3, -1, True, "two", 1.5])
def test_audit_rows_refuse_bad_limbs(bad) -> None:
    with pytest.raises(ValueError, match=r"rows\[0\].*limbs: " + repr(bad).replace(".", r"\.")):
        btxdose.audit([(1, DAY, "Dysport", "lower limb spasticity", 350, 20.0, BIRTH, bad)])


def test_audit_refuses_a_count_on_another_indication_naming_the_row() -> None:
    rows = [(1, DAY, "Dysport", "cervical dystonia", 350, 20.0, BIRTH, None),
            (1, DAY, "Dysport", "cervical dystonia", 350, 20.0, BIRTH, 2)]
    with pytest.raises(btxdose.BtxInvalidError) as e:
        btxdose.audit(rows)
    assert e.value.index == 1

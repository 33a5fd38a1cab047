# SPDX-License-Identifier: Apache-2.0
"""btxdose.bill, btxdose.vial_plan, btxdose.product_from_ndc through ctypes
(docs/billing.md).

Expected values are typed from the billing sources listed in docs/billing.md (HCPCS codes
and billing units, NDCs and vial sizes, JW/JZ dates and settings, CPT codes), as in
tests/check_billing.c and tests/check_ndc.c; the C suites hold the library to the rules
over every product, size and dose, these tests hold the binding to the library.
"""

from __future__ import annotations

import ctypes
import datetime
import json
import math

import pytest

import btxdose
from btxdose import _billing

D = datetime.date
TODAY = D(2026, 3, 2)


def lines(b):
    return [(l.hcpcs, l.modifier, l.billing_units) for l in b.lines]


def test_exported_from_package():
    for name in ("bill", "vial_plan", "product_from_ndc", "setting_lookup", "setting_name",
                 "Bill", "BillLine", "VialCount", "VialPlan", "NdcProduct", "Setting",
                 "BillStatus", "WasteModifiers"):
        assert name in btxdose.__all__, name
        assert hasattr(btxdose, name), name
    assert btxdose.bill is _billing.bill
    assert ctypes.sizeof(_billing.BillLine_c) == 48
    assert ctypes.sizeof(_billing.VialPlan_c) == 104
    assert ctypes.sizeof(_billing.Billing_c) == 296
    assert _billing.Billing_c.lines.offset == 136
    assert _billing.Billing_c.cpt.offset == 240
    assert _billing.VialPlan_c.dose_units.offset == 56


# (date, product, indication, units, setting) -> vials, opened, discarded, lines, cpt
EXAMPLES = [
    # BOTOX strabismus 1.25 U: 2 units of J0585 (rounded up), 98 with JW (rounded down).
    ((TODAY, "Botox", "strabismus", 1.25, "office"),
     [(100, 1)], 100, 98.75, [("J0585", "", 2), ("J0585", "JW", 98)], ["67345"]),
    # BOTOX chronic migraine 155 U from one 200 U vial.
    ((TODAY, "Botox", "chronic migraine", 155, "office"),
     [(200, 1)], 200, 45, [("J0585", "", 155), ("J0585", "JW", 45)], ["64615"]),
    # Nothing discarded: JZ on the administered line.
    ((TODAY, "onabotulinumtoxinA", "neurogenic_detrusor_overactivity", 200, "office"),
     [(200, 1)], 200, 0, [("J0585", "JZ", 200)], ["52287"]),
    # Dysport: J0586 is 5 units; 500 U = 100 billing units.
    ((TODAY, "Dysport", "cervical dystonia", 500, "hospital_outpatient"),
     [(500, 1)], 500, 0, [("J0586", "JZ", 100)], ["64616"]),
    # Dysport 7 U: 2 billing units given, 293 U = 58 discarded; 60 = 300 / 5.
    ((TODAY, "Dysport", "cervical dystonia", 7, "asc"),
     [(300, 1)], 300, 293, [("J0586", "", 2), ("J0586", "JW", 58)], ["64616"]),
    # Dysport 700 U: 500 + 300.
    ((TODAY, "Dysport", "upper limb spasticity", 700, "office"),
     [(500, 1), (300, 1)], 800, 100, [("J0586", "", 140), ("J0586", "JW", 20)],
     ["64642", "64643", "64644", "64645"]),
    # Xeomin 120 U: 100 + 50.
    ((TODAY, "Xeomin", "cervical dystonia", 120, "cah"),
     [(100, 1), (50, 1)], 150, 30, [("J0588", "", 120), ("J0588", "JW", 30)], ["64616"]),
    # Myobloc: J0587 is 100 units; 50 U bills 1, 2,450 U discarded bill 24.
    ((TODAY, "Myobloc", "chronic sialorrhea", 50, "office"),
     [(2500, 1)], 2500, 2450, [("J0587", "", 1), ("J0587", "JW", 24)], ["64611"]),
    # Myobloc 2,450 U: 25 (24.5 up), 50 U discarded is no billing unit: JZ.
    ((TODAY, "rimabotulinumtoxinB", "cervical dystonia", 2450, "office"),
     [(2500, 1)], 2500, 50, [("J0587", "JZ", 25)], ["64616"]),
    # Daxxify J0589 from 2024-04-01.
    ((D(2024, 4, 1), "Daxxify", "cervical dystonia", 250, "office"),
     [(100, 3)], 300, 50, [("J0589", "", 250), ("J0589", "JW", 50)], ["64616"]),
    # A rural health clinic: the administered line alone.
    ((TODAY, "Botox", "chronic migraine", 155, "rhc"),
     [(200, 1)], 200, 45, [("J0585", "", 155)], ["64615"]),
]


@pytest.mark.parametrize("args,vials,opened,discarded,want,cpt", EXAMPLES)
def test_worked_examples(args, vials, opened, discarded, want, cpt):
    b = btxdose.bill(*args)
    assert [(v.units, v.count) for v in b.vials] == vials
    assert b.opened_units == opened
    assert b.discarded_units == pytest.approx(discarded, abs=1e-9)
    assert lines(b) == want
    assert b.cpt == cpt
    assert b.covered is True
    assert b.category == btxdose.Category.THERAPEUTIC
    assert b.status == btxdose.BillStatus.DRUG_LINES
    assert b.hcpcs == want[0][0]
    # Every number has its sources.
    assert "[BH" in b.status_source
    assert all("[BR" in l.source for l in b.lines)
    assert "[BC" in b.cpt_source
    assert "[BP" in b.vial_source and "BW16" in b.vial_source


def test_json_shape():
    d = btxdose.bill("2026-03-02", "Botox", "strabismus", 1.25).to_dict()
    text = json.dumps(d)
    back = json.loads(text)
    assert back["category"] == "therapeutic"
    assert back["covered"] is True
    assert back["vials"] == [{"units": 100, "count": 1}]
    assert back["opened_units"] == 100 and isinstance(back["opened_units"], int)
    assert back["discarded_units"] == 98.75
    assert back["lines"] == [{"hcpcs": "J0585", "modifier": "", "billing_units": 2,
                              "modifier_required": False},
                             {"hcpcs": "J0585", "modifier": "JW", "billing_units": 98,
                              "modifier_required": True}]
    assert back["cpt"] == ["67345"]
    assert back["cpt_advisory"] is True
    assert back["hcpcs"] == "J0585" and back["billing_unit"] == 1
    assert back["setting"] == "office"
    assert back["status"] == "drug_lines"
    assert back["waste_modifiers"] == "jw_jz"
    assert len(back["sources"]["lines"]) == 2


@pytest.mark.parametrize("product,indication,units,vials,discarded", [
    ("Botox Cosmetic", "glabellar lines", 20, [(50, 1)], 30),
    ("Botox Cosmetic", "forehead lines", 64, [(100, 1)], 36),
    ("Daxxify", "glabellar lines", 40, [(100, 1)], 60),
    ("Jeuveau", "glabellar lines", 20, [(100, 1)], 80),
    ("Botox", "crow's feet", 24, [(100, 1)], 76),
    ("Dysport", "glabellar", 50, [(300, 1)], 250),
])
def test_cosmetic_is_self_pay(product, indication, units, vials, discarded):
    b = btxdose.bill(TODAY, product, indication, units)
    assert b.covered is False
    assert b.category == btxdose.Category.COSMETIC
    assert b.status == btxdose.BillStatus.COSMETIC
    assert b.lines == [] and b.cpt == [] and b.hcpcs == ""
    assert b.waste_modifiers is None
    assert [(v.units, v.count) for v in b.vials] == vials
    assert b.discarded_units == discarded
    d = b.to_dict()
    assert d["covered"] is False and d["category"] == "cosmetic"
    assert d["status"] == "cosmetic_self_pay"
    assert d["lines"] == [] and d["hcpcs"] is None and d["cpt"] == []
    assert "[BM1" in b.status_source


def test_no_code_and_dates():
    # No HCPCS code for prabotulinumtoxinA or letibotulinumtoxinA.
    for product in ("Jeuveau", "Letybo"):
        b = btxdose.bill(TODAY, product, "cervical dystonia", 100)
        assert b.status == btxdose.BillStatus.NO_CODE
        assert b.covered is True and b.lines == [] and b.hcpcs == ""
        assert b.cpt == ["64616"]
        assert "[BH11]" in b.status_source
    # J0589 from 2024-04-01.
    before = btxdose.bill(D(2024, 3, 31), "Daxxify", "cervical dystonia", 250)
    assert before.status == btxdose.BillStatus.NO_CODE_ON_DATE
    assert before.lines == [] and before.to_dict()["hcpcs"] is None
    # J0585-J0588 confirmed from 2020-01-01.
    assert btxdose.bill(D(2019, 12, 31), "Botox", "chronic migraine", 155).lines == []
    assert lines(btxdose.bill(D(2020, 1, 1), "Botox", "chronic migraine", 155)) == [
        ("J0585", "", 155), ("J0585", "JW", 45)]
    # JZ: absent before 2023-01-01, optional to 2023-06-30, required from 2023-07-01.
    jz = [btxdose.bill(day, "Botox", "overactive bladder", 100).lines[0]
          for day in (D(2022, 12, 31), D(2023, 1, 1), D(2023, 6, 30), D(2023, 7, 1))]
    assert [l.modifier for l in jz] == ["", "JZ", "JZ", "JZ"]
    assert [l.modifier_required for l in jz] == [False, False, False, True]


@pytest.mark.parametrize("setting,applies", [
    ("office", True), ("hospital outpatient", True), ("ASC", True), ("cah", True),
    ("rhc", False), ("FQHC", False), ("inpatient", False),
    (btxdose.Setting.RHC, False), (1, True),
])
def test_settings(setting, applies):
    b = btxdose.bill(TODAY, "Botox", "chronic migraine", 155, setting)
    if applies:
        assert b.waste_modifiers == btxdose.WasteModifiers.JW_JZ
        assert lines(b) == [("J0585", "", 155), ("J0585", "JW", 45)]
    else:
        assert b.waste_modifiers == btxdose.WasteModifiers.NOT_IN_SETTING
        assert lines(b) == [("J0585", "", 155)]
        assert "[BW9]" in b.modifier_source


def test_setting_names():
    assert [btxdose.setting_name(s) for s in btxdose.Setting] == [
        "office", "hospital_outpatient", "asc", "cah", "rhc", "fqhc", "inpatient"]
    assert btxdose.setting_lookup(" Critical Access Hospital ") == btxdose.Setting.CAH
    assert btxdose.setting_lookup("hopd") == btxdose.Setting.HOSPITAL_OUTPATIENT
    with pytest.raises(btxdose.BtxNotFoundError, match="'home'"):
        btxdose.setting_lookup("home")


def test_invariant_over_a_grid():
    unit = {"Botox": 1, "Dysport": 5, "Xeomin": 1, "Daxxify": 1, "Myobloc": 100}
    for product, u in unit.items():
        for units in (0.5, 1, 1.25, 4.999, 5, 7, 49.5, 99.999, 100, 155, 299, 301, 499,
                      501, 999, 2450, 2501, 5001):
            b = btxdose.bill(TODAY, product, "cervical dystonia", units)
            admin = b.lines[0].billing_units
            assert admin == math.ceil(round(units * 1000) / (u * 1000))
            jw = sum(l.billing_units for l in b.lines if l.modifier == "JW")
            assert admin + jw == b.opened_units / u
            assert b.opened_units - units == pytest.approx(b.discarded_units, abs=1e-9)
            if jw == 0:
                assert b.lines[0].modifier == "JZ"


@pytest.mark.parametrize("args,error,words", [
    ((TODAY, "Botox", "strabismus", 0), btxdose.BtxRangeError, "units: 0 "),
    ((TODAY, "Botox", "strabismus", -1.5), btxdose.BtxRangeError, "units: -1.5"),
    ((TODAY, "Botox", "strabismus", float("nan")), btxdose.BtxRangeError, "units: nan"),
    ((TODAY, "Botox", "strabismus", float("inf")), btxdose.BtxRangeError, "units: inf"),
    ((TODAY, "Botox", "strabismus", 100000.5), btxdose.BtxRangeError, "units: 100000.5"),
    ((TODAY, "Botx", "strabismus", 1), btxdose.BtxNotFoundError, "product: no product named 'Botx'"),
    ((TODAY, 9, "strabismus", 1), btxdose.BtxInvalidError, "product: 9"),
    ((TODAY, "Botox", "wrinkles", 1), btxdose.BtxNotFoundError, "indication: no indication named 'wrinkles'"),
    ((TODAY, "Botox", 99, 1), btxdose.BtxInvalidError, "indication: 99"),
    ((TODAY, "Botox", None, 1), btxdose.BtxInvalidError, "indication: None"),
    ((TODAY, "Botox", "strabismus", 1, "home"), btxdose.BtxNotFoundError, "setting: no setting named 'home'"),
    ((TODAY, "Botox", "strabismus", 1, 8), btxdose.BtxInvalidError, "setting: 8"),
    ((D(1899, 12, 31), "Botox", "strabismus", 1), btxdose.BtxRangeError, "date: 1899-12-31"),
    ((D(2200, 1, 1), "Botox", "strabismus", 1), btxdose.BtxRangeError, "date: 2200-01-01"),
    (("2026-02-30", "Botox", "strabismus", 1), btxdose.BtxParseError, "date: '2026-02-30'"),
])
def test_bad_input_names_the_value(args, error, words):
    with pytest.raises(error) as info:
        btxdose.bill(*args)
    assert words in str(info.value)


def test_bad_types():
    with pytest.raises(TypeError, match="units"):
        btxdose.bill(TODAY, "Botox", "strabismus", "1.25")
    with pytest.raises(TypeError, match="setting"):
        btxdose.bill(TODAY, "Botox", "strabismus", 1, 1.5)
    with pytest.raises(TypeError, match="ndc"):
        btxdose.product_from_ndc(23114501)


def test_vial_plan():
    p = btxdose.vial_plan("Xeomin", 120)
    assert [(v.units, v.count) for v in p.vials] == [(100, 1), (50, 1)]
    assert p.vial_sizes == [200, 100, 50]
    assert p.vial_count == 2
    assert (p.opened_units, p.discarded_units, p.in_use_hours) == (150, 30, 24)
    assert p.ready_to_use is False
    dax = btxdose.vial_plan(btxdose.Product.DAXXIFY, 250)
    assert dax.in_use_hours == 72 and "[BS7]" in dax.in_use_source
    myo = btxdose.vial_plan("Myobloc", 5000)
    assert myo.ready_to_use is True and myo.in_use_hours == 0
    assert [(v.units, v.count) for v in myo.vials] == [(2500, 2)]
    assert btxdose.vial_plan("Botox", 155).vial_sizes == [200, 100]
    with pytest.raises(btxdose.BtxRangeError, match="units: 0"):
        btxdose.vial_plan("Botox", 0)
    with pytest.raises(btxdose.BtxInvalidError, match="product: 0"):
        btxdose.vial_plan(0, 10)


@pytest.mark.parametrize("code,product,units", [
    ("0023-1145-01", btxdose.Product.BOTOX, 100),
    ("00023-1145-01", btxdose.Product.BOTOX, 100),
    ("00023114501", btxdose.Product.BOTOX, 100),
    ("0023-3921-02", btxdose.Product.BOTOX, 200),
    ("85766-155-02", btxdose.Product.BOTOX, 100),
    ("0023-9232-01", btxdose.Product.BOTOX_COSMETIC, 100),
    ("15054-0530-6", btxdose.Product.DYSPORT, 300),
    (" 15054-0530-06 ", btxdose.Product.DYSPORT, 300),
    ("15054050001", btxdose.Product.DYSPORT, 500),
    ("0259-1605-01", btxdose.Product.XEOMIN, 50),
    ("46783-160-10", btxdose.Product.XEOMIN, 100),
    ("72301-595-10", btxdose.Product.JEUVEAU, 100),
    ("72960-0112-01", btxdose.Product.DAXXIFY, 100),
    ("81165-100-01", btxdose.Product.LETYBO, 100),
    ("10454-710-10", btxdose.Product.MYOBLOC, 2500),
    ("10454-711-10", btxdose.Product.MYOBLOC, 0),
])
def test_product_from_ndc(code, product, units):
    got = btxdose.product_from_ndc(code)
    assert got == (product, units)
    assert got.product == product and got.package_units == units


@pytest.mark.parametrize("code,error", [
    ("72960-112-02", btxdose.BtxNotFoundError),    # a Daxxify sample
    ("71956-202-01", btxdose.BtxNotFoundError),    # bulk incobotulinumtoxinA
    ("0023-3919-01", btxdose.BtxNotFoundError),    # package code not sourced
    ("15054-530-06", btxdose.BtxNotFoundError),    # wrong layout for Dysport 300 U
    ("0023114501", btxdose.BtxInvalidError),       # ten digits, no hyphens
    ("0023-1145-1", btxdose.BtxInvalidError),
    ("", btxdose.BtxInvalidError),
    ("0023-1145-01\0", btxdose.BtxInvalidError),
])
def test_ndc_refused(code, error):
    with pytest.raises(error) as info:
        btxdose.product_from_ndc(code)
    if "\0" not in code:
        assert repr(code) in str(info.value)


def test_every_billing_source_resolves():
    """Every source string the billing functions return cites ids that resolve in
    docs/sources.md with an address (the check of tests/sources/check_sources.py)."""
    import importlib.util
    from conftest import REPO
    spec = importlib.util.spec_from_file_location(
        "check_sources", REPO / "tests" / "sources" / "check_sources.py")
    assert spec is not None and spec.loader is not None
    cs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cs)
    entries = cs.load_sources(REPO / "docs" / "sources.md")
    seen = set()
    for product in btxdose.Product:
        for indication in btxdose.Indication:
            for setting in btxdose.Setting:
                for day in (D(2019, 12, 31), D(2023, 3, 15), TODAY):
                    for units in (1.25, 155, 2500):
                        b = btxdose.bill(day, product, indication, units, setting)
                        seen.update(s for s in (b.status_source, b.modifier_source,
                                                b.cpt_source, b.vial_source) if s)
                        seen.update(l.source for l in b.lines)
        p = btxdose.vial_plan(product, 100)
        seen.update((p.vial_source, p.in_use_source))
    assert len(seen) > 40
    for text in seen:
        ids = cs.ID_RE.findall(text)
        assert ids, text
        for ident in ids:
            assert ident in entries, (ident, text)
            assert cs.has_address(entries[ident]), ident


def test_nonproprietary_name_is_the_product_labelled_for_the_indication():
    # onabotulinumtoxinA for glabellar lines is BOTOX Cosmetic (a 50 U vial serves 20 U:
    # 30 U discarded), as in `btxdose bill`; for chronic migraine it is BOTOX.
    cosmetic = btxdose.bill("2026-03-02", "onabotulinumtoxinA", "glabellar lines", 20)
    assert cosmetic.to_dict()["product"] == btxdose.product_name(btxdose.Product.BOTOX_COSMETIC)
    assert cosmetic.category == btxdose.Category.COSMETIC
    assert not cosmetic.covered
    therapeutic = btxdose.bill("2026-03-02", "onabotulinumtoxinA", "chronic_migraine", 155)
    assert therapeutic.to_dict()["product"] == btxdose.product_name(btxdose.Product.BOTOX)


def test_lines_say_whether_the_modifier_is_required():
    b = btxdose.bill("2026-03-02", "botox", "chronic_migraine", 155)
    assert all("modifier_required" in line for line in b.to_dict()["lines"])

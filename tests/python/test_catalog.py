# SPDX-License-Identifier: Apache-2.0
"""Products, substances, indications: names and lookups against the design's values."""

from __future__ import annotations

import pytest

import btxdose
from btxdose import Indication, Product, Substance


@pytest.mark.parametrize("name,product", [
    ("Botox", Product.BOTOX),
    ("BOTOX", Product.BOTOX),
    ("  botox cosmetic ", Product.BOTOX_COSMETIC),
    ("onabotulinumtoxinA", Product.BOTOX),
    ("Dysport", Product.DYSPORT),
    ("abobotulinumtoxinA", Product.DYSPORT),
    ("incobotulinumtoxinA", Product.XEOMIN),
    ("prabotulinumtoxinA-xvfs", Product.JEUVEAU),
    ("prabotulinumtoxinA", Product.JEUVEAU),
    ("Daxxify", Product.DAXXIFY),
    ("Letybo", Product.LETYBO),
    ("rimabotulinumtoxinB", Product.MYOBLOC),
])
def test_product_lookup(name, product) -> None:
    got = btxdose.product_lookup(name)
    assert got == product and isinstance(got, Product)


@pytest.mark.parametrize("name", ["Botax", "", "Botox 100", "onabotulinumtoxin", "Bo\0tox"])
def test_unknown_product_is_not_found(name) -> None:
    with pytest.raises(btxdose.BtxNotFoundError) as ei:
        btxdose.product_lookup(name)
    assert ei.value.code == -3


def test_unknown_product_name_in_a_record_is_not_found() -> None:
    with pytest.raises(btxdose.BtxNotFoundError):
        btxdose.Administration("2025-01-06", "Botax", "chronic migraine", 155)


def test_product_names_and_substances() -> None:
    assert btxdose.product_name(Product.BOTOX) == "BOTOX"
    assert btxdose.product_name("botox cosmetic") == "BOTOX Cosmetic"
    assert btxdose.product_name(99) == "unknown"
    assert btxdose.substance_of("Botox Cosmetic") == Substance.ONABOTULINUMTOXINA
    assert btxdose.substance_of(Product.BOTOX) == Substance.ONABOTULINUMTOXINA
    assert btxdose.substance_of(Product.MYOBLOC) == Substance.RIMABOTULINUMTOXINB
    assert btxdose.substance_name(Substance.ONABOTULINUMTOXINA) == "onabotulinumtoxinA"
    with pytest.raises(btxdose.BtxInvalidError):
        btxdose.substance_of(99)


def test_indication_names_are_the_snake_case_keys() -> None:
    for member in Indication:
        assert btxdose.indication_name(member) == member.name.lower()
        assert btxdose.indication_lookup(member.name.lower()) == member
    assert btxdose.indication_name(0) == "unknown"


@pytest.mark.parametrize("text,indication", [
    ("chronic migraine", Indication.CHRONIC_MIGRAINE),
    ("  Chronic Migraine ", Indication.CHRONIC_MIGRAINE),
    ("OAB", Indication.OVERACTIVE_BLADDER),
])
def test_indication_lookup(text, indication) -> None:
    assert btxdose.indication_lookup(text) == indication
    with pytest.raises(btxdose.BtxNotFoundError):
        btxdose.indication_lookup("migraine-ish")


@pytest.mark.parametrize("code,indication", [
    ("G43.709", Indication.CHRONIC_MIGRAINE),
    ("G43709", Indication.CHRONIC_MIGRAINE),
    ("g43.e19", Indication.CHRONIC_MIGRAINE),
    ("G43.711", Indication.CHRONIC_MIGRAINE),
    ("G24.3", Indication.CERVICAL_DYSTONIA),
    ("M43.6", Indication.CERVICAL_DYSTONIA),
])
def test_icd10(code, indication) -> None:
    assert btxdose.indication_from_icd10(code) == indication


@pytest.mark.parametrize("code", ["G43.909", "G43.0", "R51", "", "G43.7099", "XG43.709"])
def test_icd10_without_mapping(code) -> None:
    with pytest.raises(btxdose.BtxNotFoundError):
        btxdose.indication_from_icd10(code)


def test_stable_names() -> None:
    assert [btxdose.status_name(s) for s in btxdose.Status] == ["pass", "fail", "not_checked"]
    assert [btxdose.severity_name(s) for s in btxdose.Severity] == \
        ["info", "warning", "critical"]
    assert [btxdose.label_status_name(s) for s in btxdose.LabelStatus] == \
        ["approved", "not_established", "not_labelled"]
    for code in btxdose.FindingCode:
        assert btxdose.finding_code_name(code) == code.name.lower()
    assert btxdose.rule_name(btxdose.Rule.ONA_ADULT_WINDOW) == "ona_adult_window"
    for rule in btxdose.Rule:
        assert btxdose.rule_name(rule) not in ("", "unknown"), rule
    assert btxdose.rule_name(9999) == "unknown"


def test_versions() -> None:
    assert btxdose.version() == btxdose.__version__
    major, minor, patch = (int(x) for x in btxdose.version().split("."))
    assert btxdose.version_number() == major * 10000 + minor * 100 + patch
    assert major == 1
    assert btxdose.data_version()


# ---- libbtxdose 1.2: nonproprietary names resolve to the product labelled for the indication

@pytest.mark.parametrize("name,substance", [
    ("onabotulinumtoxinA", Substance.ONABOTULINUMTOXINA),
    (" ONABOTULINUMTOXINA ", Substance.ONABOTULINUMTOXINA),
    ("prabotulinumtoxinA-xvfs", Substance.PRABOTULINUMTOXINA),
    ("prabotulinumtoxinA", Substance.PRABOTULINUMTOXINA),
    ("letibotulinumtoxinA-wlbg", Substance.LETIBOTULINUMTOXINA),
    ("rimabotulinumtoxinB", Substance.RIMABOTULINUMTOXINB),
])
def test_substance_lookup(name, substance) -> None:
    got = btxdose.substance_lookup(name)
    assert got == substance and isinstance(got, Substance)


@pytest.mark.parametrize("name", ["Botox", "BOTOX Cosmetic", "Dysport", "botulinum toxin",
                                  "onabotulinumtoxinA-xvfs", ""])
def test_brand_is_not_a_substance(name) -> None:
    with pytest.raises(btxdose.BtxNotFoundError):
        btxdose.substance_lookup(name)


@pytest.mark.parametrize("substance,indication,product", [
    ("onabotulinumtoxinA", "glabellar lines", Product.BOTOX_COSMETIC),
    ("onabotulinumtoxinA", "crow's feet", Product.BOTOX_COSMETIC),
    ("onabotulinumtoxinA", "forehead lines", Product.BOTOX_COSMETIC),
    ("onabotulinumtoxinA", "platysma bands", Product.BOTOX_COSMETIC),
    ("onabotulinumtoxinA", "chronic migraine", Product.BOTOX),
    ("onabotulinumtoxinA", "episodic migraine", Product.BOTOX),
    ("onabotulinumtoxinA", "sialorrhea", Product.BOTOX),   # labelled for neither
    ("onabotulinumtoxinA", None, Product.BOTOX),
    (Substance.ABOBOTULINUMTOXINA, "glabellar lines", Product.DYSPORT),
    (Substance.INCOBOTULINUMTOXINA, "strabismus", Product.XEOMIN),
])
def test_product_for_indication(substance, indication, product) -> None:
    assert btxdose.product_for_indication(substance, indication) == product


def test_records_resolve_nonproprietary_names_with_their_indication() -> None:
    gl = btxdose.Administration("2026-07-13", "onabotulinumtoxinA", "glabellar lines", 20)
    cm = btxdose.Administration("2026-07-13", "onabotulinumtoxinA", "chronic migraine", 155)
    none = btxdose.Administration("2026-07-13", "onabotulinumtoxinA", None, 20)
    brand = btxdose.Administration("2026-07-13", "Botox", "glabellar lines", 20)
    assert (gl.product, cm.product, none.product) == (
        Product.BOTOX_COSMETIC, Product.BOTOX, Product.BOTOX)
    assert brand.product == Product.BOTOX   # a brand is taken as written


def test_generic_cosmetic_proposal_gets_the_cosmetic_interval() -> None:
    # 19 days after a cosmetic session, "onabotulinumtoxinA, glabellar lines" is BOTOX
    # Cosmetic: the 90-day interval applies (a critical too-soon), not "not labelled".
    hist = [btxdose.Administration("2026-07-13", "BOTOX Cosmetic", "glabellar lines", 20)]
    prop = btxdose.Administration("2026-08-01", "onabotulinumtoxinA", "glabellar_lines", 30)
    findings = btxdose.evaluate(hist, prop)
    codes = {f.code_name for f in findings if f.failed}
    assert "too_soon" in codes
    assert "not_labelled" not in {f.code_name for f in findings}

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

# SPDX-License-Identifier: Apache-2.0
"""Protocols, regions and reconstitution against the label facts."""

from __future__ import annotations

import math
from ctypes import byref

import pytest

import btxdose
from btxdose import (Category, Evidence, Indication, IntervalKind, IntervalUnit, LabelStatus,
                     Population, Product, _ffi)


def test_chronic_migraine_protocol() -> None:
    p = btxdose.protocol("Botox", "chronic migraine")
    assert (p.product, p.indication, p.population) == \
        (Product.BOTOX, Indication.CHRONIC_MIGRAINE, Population.ADULT)
    assert p.label_status == LabelStatus.APPROVED and p.label_status_name == "approved"
    assert p.category == Category.THERAPEUTIC
    assert p.dose_units == p.dose_min_units == p.dose_max_units == 155.0
    assert p.sites == 31 and p.regions == 7 and p.units_per_site == 5.0
    assert (p.interval_length, p.interval_unit, p.interval_kind) == \
        (12, IntervalUnit.WEEKS, IntervalKind.SCHEDULE)
    assert p.evidence == Evidence.SECONDARY
    assert p.age_min_years == 18
    assert p.source and p.product_name == "BOTOX" and p.indication_name == "chronic_migraine"


def test_chronic_migraine_regions() -> None:
    regions = btxdose.regions(Product.BOTOX, Indication.CHRONIC_MIGRAINE)
    assert len(regions) == 7
    assert sum(r.units for r in regions) == 155.0
    assert sum(r.sites for r in regions) == 31
    assert sorted(r.units for r in regions) == [5, 10, 20, 20, 30, 30, 40]
    by_name = {r.name: r for r in regions}
    assert by_name["Procerus"].bilateral is False and by_name["Procerus"].sites == 1
    assert by_name["Temporalis"].units == 40.0 and by_name["Temporalis"].sites == 8
    assert by_name["Temporalis"].bilateral is True
    assert sum(1 for r in regions if r.bilateral) == 6
    for r in regions:
        assert r.units_min == r.units_max == r.units
        assert r.sites_min == r.sites_max == r.sites


@pytest.mark.parametrize("product", [Product.BOTOX, Product.BOTOX_COSMETIC])
def test_episodic_migraine_not_established(product) -> None:
    with pytest.raises(btxdose.BtxNotFoundError) as ei:
        btxdose.protocol(product, Indication.EPISODIC_MIGRAINE)
    err = ei.value
    assert err.code == -3
    assert err.label_status == LabelStatus.NOT_ESTABLISHED
    assert (err.product, err.indication, err.population) == \
        (product, Indication.EPISODIC_MIGRAINE, Population.ADULT)
    assert "not_established" in str(err)


@pytest.mark.parametrize("product,indication", [
    (Product.BOTOX, Indication.CLUSTER_HEADACHE),
    (Product.DYSPORT, Indication.TENSION_TYPE_HEADACHE),
    (Product.DYSPORT, Indication.EPISODIC_MIGRAINE),
    (Product.MYOBLOC, Indication.GLABELLAR_LINES),
])
def test_not_labelled(product, indication) -> None:
    with pytest.raises(btxdose.BtxNotFoundError) as ei:
        btxdose.protocol(product, indication)
    assert ei.value.label_status == LabelStatus.NOT_LABELLED
    with pytest.raises(btxdose.BtxNotFoundError):
        btxdose.regions(product, indication)


def test_codes_outside_their_set_are_invalid() -> None:
    with pytest.raises(btxdose.BtxInvalidError):
        btxdose.protocol(99, Indication.CHRONIC_MIGRAINE)
    with pytest.raises(btxdose.BtxInvalidError):
        btxdose.protocol(Product.BOTOX, 0)
    with pytest.raises(btxdose.BtxInvalidError):
        btxdose.protocol(Product.BOTOX, Indication.CHRONIC_MIGRAINE, population=3)


def test_raw_region_index_past_the_end() -> None:
    r = _ffi.Region_c()
    with pytest.raises(btxdose.BtxNotFoundError):
        _ffi.lib.btx_protocol_region(1, 1, 1, 7, byref(r))
    r.struct_size = 8
    with pytest.raises(btxdose.BtxVersionError):
        _ffi.lib.btx_protocol_region(1, 1, 1, 0, byref(r))


def test_reconstitution() -> None:
    assert btxdose.reconstitute(100, 2) == pytest.approx(5.0)
    assert btxdose.reconstitute(100, 2.5) == pytest.approx(4.0)
    assert btxdose.reconstitute(200, 4) == pytest.approx(5.0)
    assert btxdose.dose_volume(155, 200, 4) == pytest.approx(3.1)
    assert btxdose.dose_volume(0, 100, 2) == 0.0
    for bad in [(0, 2), (100, 0), (math.nan, 2), (100, -1), (math.inf, 2)]:
        with pytest.raises(btxdose.BtxRangeError):
            btxdose.reconstitute(*bad)
    with pytest.raises(btxdose.BtxRangeError):
        btxdose.dose_volume(-1, 100, 2)

"""Units of information (core/units.py): the unit model, its one conversion, and how a value is written."""

import dataclasses
import math

import numpy as np
import pytest

from core.units import BIT, BITS, HARTLEYS, NATS, UNITS, Unit, format_value, unit_named


def test_the_units_on_offer():
    assert list(UNITS) == ["bits", "nats", "hartleys"]
    assert list(UNITS.values()) == [BITS, NATS, HARTLEYS]
    assert [(u.name, u.base, u.log) for u in UNITS.values()] == [
        ("bits", 2.0, r"\log_2"),
        ("nats", math.e, r"\ln"),
        ("hartleys", 10.0, r"\log_{10}"),
    ]
    assert [str(u) for u in UNITS.values()] == ["bits", "nats", "hartleys"]


def test_unit_named():
    assert unit_named("bits") is BITS and unit_named("nats") is NATS and unit_named("hartleys") is HARTLEYS
    for bad in ("shannons", "Bits", "", None, ["bits"]):
        with pytest.raises(ValueError, match="unit must be one of bits, nats, hartleys; got"):
            unit_named(bad)


def test_a_unit_is_a_frozen_value():
    with pytest.raises(dataclasses.FrozenInstanceError):
        BITS.base = 3.0  # type: ignore[misc]
    # Equal and hashable: figures cache their grids per unit.
    assert Unit("bits", 2.0, r"\log_2") == BITS
    assert len({BITS, Unit("bits", 2.0, r"\log_2"), NATS}) == 2


@pytest.mark.parametrize(
    ("unit", "nats", "expected"),
    [
        (BITS, math.log(8), 3.0),
        (BITS, math.log(2), 1.0),
        (NATS, 0.6931, 0.6931),
        (HARTLEYS, math.log(1000), 3.0),
        (HARTLEYS, math.log(2), math.log10(2)),
        (BITS, 0.0, 0.0),
    ],
)
def test_from_nats_known_values(unit, nats, expected):
    assert unit.from_nats(nats) == pytest.approx(expected, rel=1e-15, abs=0.0)


def test_from_nats_keeps_infinity_and_the_shape():
    assert BITS.from_nats(math.inf) == math.inf and HARTLEYS.from_nats(math.inf) == math.inf
    assert isinstance(BITS.from_nats(1.0), float) and isinstance(BITS.from_nats(1), float)
    converted = BITS.from_nats([[math.log(2), math.log(4)], [0.0, math.inf]])
    assert isinstance(converted, np.ndarray) and converted.shape == (2, 2)
    np.testing.assert_allclose(converted, [[1.0, 2.0], [0.0, math.inf]], rtol=1e-15)
    nats = np.array([0.5, 1.5])
    NATS.from_nats(nats)
    assert nats.tolist() == [0.5, 1.5]  # the input is not converted in place


def test_bit_is_one_bit_in_nats():
    assert math.log(2) == BIT
    assert BITS.from_nats(BIT) == 1.0
    assert NATS.from_nats(BIT) == pytest.approx(0.6931471805599453, rel=1e-15)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1.246647734004712, BITS, "1.2466 bits"),
        (math.inf, BITS, "∞"),
        (math.inf, None, "∞"),
        (-1e-17, NATS, "0.0000 nats"),  # no "-0.0000" for a value that rounds to zero
        (-0.0, None, "0.0000"),
        (-0.00004, BITS, "0.0000 bits"),
        (-0.5, BITS, "-0.5000 bits"),
        (0.0, None, "0.0000"),
        (2.0, HARTLEYS, "2.0000 hartleys"),
        (np.float64(0.125), BITS, "0.1250 bits"),
    ],
)
def test_format_value(value, unit, expected):
    assert format_value(value, unit) == expected


def test_format_value_decimals():
    assert format_value(math.log2(6), BITS, decimals=3) == "2.585 bits"
    assert format_value(1 / 3, decimals=6) == "0.333333"
    assert format_value(math.inf, NATS, decimals=2) == "∞"


def test_format_value_refuses_nan():
    with pytest.raises(ValueError, match="NaN"):
        format_value(math.nan, BITS)

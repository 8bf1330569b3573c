"""The units of information the app offers, the one conversion between them, and how a value is written.

Measures take a logarithm ``base`` (as SciPy's do): pass ``unit.base``. Losses and training report
nats, as PyTorch does: ``unit.from_nats`` is the one conversion to the unit a learner chose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import overload

import numpy as np
import numpy.typing as npt

from core._checks import FloatArray

__all__ = ["BIT", "BITS", "HARTLEYS", "NATS", "UNITS", "Unit", "format_value", "unit_named"]


@dataclass(frozen=True)
class Unit:
    """A unit of information: the logarithm base that measures in it, and how formulas write that log.

    Examples
    --------
    >>> BITS.from_nats(math.log(8))
    3.0
    >>> str(NATS), HARTLEYS.base
    ('nats', 10.0)
    """

    name: str
    base: float
    #: LaTeX for the logarithm in this base.
    log: str

    @overload
    def from_nats(self, nats: float) -> float: ...
    @overload
    def from_nats(self, nats: npt.ArrayLike) -> FloatArray: ...
    def from_nats(self, nats: float | npt.ArrayLike) -> float | FloatArray:
        """A quantity measured in nats, in this unit: divided by ln(base). ∞ stays ∞."""
        if isinstance(nats, float | int):
            return nats / math.log(self.base)
        return np.asarray(nats, dtype=float) / math.log(self.base)

    def __str__(self) -> str:
        return self.name


BITS = Unit("bits", 2.0, r"\log_2")
NATS = Unit("nats", math.e, r"\ln")
HARTLEYS = Unit("hartleys", 10.0, r"\log_{10}")

#: Unit name → unit, in the order the app offers them.
UNITS: dict[str, Unit] = {unit.name: unit for unit in (BITS, NATS, HARTLEYS)}

#: One bit, in nats: fixed sizes (axis tops, say) are written as multiples of it.
BIT = math.log(2)


def unit_named(name: str) -> Unit:
    """The unit of that name.

    Examples
    --------
    >>> unit_named("nats") is NATS
    True
    >>> unit_named("shannons")
    Traceback (most recent call last):
    ValueError: unit must be one of bits, nats, hartleys; got 'shannons'
    """
    try:
        return UNITS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unit must be one of {', '.join(UNITS)}; got {name!r}") from None


def format_value(value: float, unit: Unit | None = None, *, decimals: int = 4) -> str:
    """A value as the app shows it: fixed decimals and the unit, or ``∞``.

    Parameters
    ----------
    value : float
        The number; ``inf`` is written ``∞`` (without a unit: infinity is the same in every unit).
    unit : Unit, optional
        Unit whose name follows after a space.
    decimals : int, default 4
        Digits after the decimal point.

    Examples
    --------
    >>> format_value(1.246647734004712, BITS)
    '1.2466 bits'
    >>> format_value(float("inf"), NATS)
    '∞'
    >>> format_value(0.0)
    '0.0000'
    """
    if value == math.inf:
        return "∞"
    if math.isnan(value):
        raise ValueError("value is NaN; every quantity the app shows is a number or ∞")
    text = f"{value + 0.0:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:  # no "-0.0000" for a value that rounds to zero
        text = text[1:]
    return f"{text} {unit.name}" if unit else text

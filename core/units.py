"""The units the app offers, their logarithm bases, and how a value in them is written."""

from __future__ import annotations

import math

__all__ = ["UNITS", "format_value", "unit_base", "unit_symbol"]

#: Unit name → logarithm base, in the order the app offers them.
UNITS: dict[str, float] = {"bits": 2.0, "nats": math.e, "hartleys": 10.0}

_LOG_SYMBOLS = {"bits": r"\log_2", "nats": r"\ln", "hartleys": r"\log_{10}"}


def unit_base(unit: str) -> float:
    """Logarithm base of a unit name.

    Parameters
    ----------
    unit : {"bits", "nats", "hartleys"}
        The unit's name as the app shows it.

    Returns
    -------
    float
        2 for bits, e for nats, 10 for hartleys.

    Examples
    --------
    >>> unit_base("bits")
    2.0
    >>> unit_base("nats") == math.e
    True
    """
    try:
        return UNITS[unit]
    except (KeyError, TypeError):
        raise ValueError(f"unit must be one of {', '.join(UNITS)}; got {unit!r}") from None


def unit_symbol(unit: str) -> str:
    r"""LaTeX for the logarithm that measures in ``unit``.

    Examples
    --------
    >>> unit_symbol("bits")
    '\\log_2'
    >>> unit_symbol("nats")
    '\\ln'
    """
    unit_base(unit)
    return _LOG_SYMBOLS[unit]


def format_value(value: float, unit: str | None = None, *, decimals: int = 4) -> str:
    """A value as the app shows it: fixed decimals and the unit, or ``∞``.

    Parameters
    ----------
    value : float
        The number; ``inf`` is written ``∞`` (without a unit: infinity is the same in every unit).
    unit : str, optional
        Unit name appended after a space.
    decimals : int, default 4
        Digits after the decimal point.

    Examples
    --------
    >>> format_value(1.246647734004712, "bits")
    '1.2466 bits'
    >>> format_value(float("inf"), "nats")
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
    return f"{text} {unit}" if unit else text

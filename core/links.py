"""Shareable links: the URL is the app's state. Pure helpers for building and checking links."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from urllib.parse import urlencode

__all__ = ["control_keys", "link_value", "rejected_link_values", "share_url"]

#: The link parameters of a teacher's link: controls shown but disabled, and controls not shown.
TEACHER_KEYS = ("lock", "hide")

_SHOWN_CHARACTERS = 40


def _quote_for_markdown(raw: str) -> str:
    """A user-supplied value made safe to show inside Markdown: a code span, shortened, one line."""
    text = " ".join(raw.split())
    if len(text) > _SHOWN_CHARACTERS:
        text = text[: _SHOWN_CHARACTERS - 1] + "…"
    text = text.replace("`", "'")
    return f"`{text}`" if text else "an empty value"


def _same_value(raw: str, value: object) -> bool:
    if isinstance(value, bool):
        return raw.lower() == str(value).lower()
    if isinstance(value, int | float):
        try:
            number = float(raw)
        except ValueError:
            return False
        return math.isfinite(number) and math.isclose(number, value, rel_tol=1e-12, abs_tol=1e-12)
    return raw == str(value)


def rejected_link_values(
    opened: Mapping[str, str | list[str]], values: Mapping[str, object]
) -> Iterator[tuple[str, str]]:
    """The link's parameters whose widget did not take the value the link asked for.

    Parameters
    ----------
    opened : mapping
        The query parameters as the link was opened (Streamlit gives the last of repeated keys).
    values : mapping
        The widgets' values after the page ran, by key (the key is the parameter's name).

    Yields
    ------
    (key, shown) : tuple of str
        The parameter's name and its value quoted for display as Markdown.

    Examples
    --------
    >>> list(rejected_link_values({"p": "banana", "q": "0.65"}, {"p": 0.3, "q": 0.65}))
    [('p', '`banana`')]
    >>> list(rejected_link_values({"unit": "<script>"}, {"unit": "bits"}))
    [('unit', '`<script>`')]
    """
    for key, value in values.items():
        raw = opened.get(key)
        if raw is None:
            continue
        candidates = raw if isinstance(raw, list) else [raw]  # a repeated key: did any value take?
        if not any(_same_value(candidate, value) for candidate in candidates):
            yield key, _quote_for_markdown(candidates[-1] if candidates else "")


def share_url(origin: str | None, base_path: str, page_path: str, params: Mapping[str, str | list[str]]) -> str:
    """The link to this exact view: the app's address, the page's path and the current parameters.

    Parameters
    ----------
    origin : str or None
        Scheme and host as the browser sees them (its ``Origin`` header), e.g. ``https://example.org``;
        without it the link is relative to the app.
    base_path : str
        The path the app is served under (Streamlit's ``server.baseUrlPath``), often empty.
    page_path : str
        The page's URL path, ``""`` for the home page.
    params : mapping
        The query parameters.

    Examples
    --------
    >>> share_url("http://localhost:8501", "", "", {"p": "0.3", "unit": "nats"})
    'http://localhost:8501/?p=0.3&unit=nats'
    >>> share_url("https://example.org", "/apps/xent/", "cross-entropy", {})
    'https://example.org/apps/xent/cross-entropy'
    """
    path = "/".join(part.strip("/") for part in (base_path, page_path) if part.strip("/"))
    query = urlencode(params, doseq=True)
    return f"{(origin or '').rstrip('/')}/{path}" + (f"?{query}" if query else "")


def control_keys(raw: str | list[str] | None, known: Collection[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The control keys a link's ``lock=`` or ``hide=`` names, and its entries that name none.

    Parameters
    ----------
    raw : str, list of str or None
        The parameter's value: keys separated by commas (a repeated parameter's values all count).
    known : collection of str
        The keys of the controls a link can carry.

    Returns
    -------
    (keys, rejected) : tuple of tuples of str
        The known keys, in order and once each; the other non-empty entries, quoted for display as
        Markdown. Blanks around an entry and empty entries are ignored.

    Examples
    --------
    >>> control_keys("p, q,,p", {"p", "q", "unit"})
    (('p', 'q'), ())
    >>> control_keys(["unit", "banana"], {"p", "q", "unit"})
    (('unit',), ('`banana`',))
    >>> control_keys(None, {"p"})
    ((), ())
    """
    values = [] if raw is None else raw if isinstance(raw, list) else [raw]
    entries = [entry.strip() for value in values for entry in value.split(",")]
    keys = tuple(dict.fromkeys(entry for entry in entries if entry in known))
    rejected = tuple(dict.fromkeys(_quote_for_markdown(entry) for entry in entries if entry and entry not in known))
    return keys, rejected


def link_value(
    raw: str | list[str] | None,
    default: object,
    *,
    low: float = 0.0,
    high: float = 1.0,
    options: Sequence[object] = (),
) -> object:
    """The value a link gives a control that is not drawn (hidden), as its widget would take it.

    A choice takes one of its ``options`` (compared as the link writes them); a slider a finite
    number from ``low`` to ``high``, whole when its default is. Anything else gives ``default``; a
    repeated parameter is read through its last value, as Streamlit does.

    Examples
    --------
    >>> link_value("0.4", 0.3), link_value("1.5", 0.3), link_value("nan", 0.3), link_value(None, 0.3)
    (0.4, 0.3, 0.3, 0.3)
    >>> link_value("nats", "bits", options=("bits", "nats")), link_value("5", 3, low=2, high=8)
    ('nats', 5)
    >>> link_value("0.3", 1.0, options=(0.1, 0.3, 1.0)), link_value("2.5", 3, low=2, high=8)
    (0.3, 3)
    """
    if raw is None or (isinstance(raw, list) and not raw):
        return default
    last = raw[-1] if isinstance(raw, list) else raw
    if options:
        return next((option for option in options if _same_value(last, option)), default)
    try:
        number = float(last)
    except ValueError:
        return default
    if not (math.isfinite(number) and low <= number <= high):
        return default
    if isinstance(default, int) and not isinstance(default, bool):
        return int(number) if number.is_integer() else default
    return number

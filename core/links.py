"""Shareable links: the URL is the app's state. Pure helpers for building and checking links."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from urllib.parse import urlencode

__all__ = ["rejected_link_values", "share_url"]

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

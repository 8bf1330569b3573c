"""Any link anyone pastes: arbitrary query strings on every page give no exception and keep defaults.

Each example opens one page with junk in every one of its parameters at once, and in odd keys too
(empty, repeated, bracketed, non-ASCII, other pages' keys): 240 page loads and about 3,000 values a
run. For a longer soak, `SOAK_EXAMPLES=3000 python -m pytest tests/pages/test_bad_links.py`.
"""

import math
import os
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from pages import PAGES
from tests.pages.conftest import run_link
from ui.controls import CONTROLS

NASTY = [
    "nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400", "1e-400", "-0", "-1", "2", "0x10", "1_0",
    "", " ", "0.5 ", "٣", "½", "true", "None", "null", "[]", "{}", "%00", "\x00", "\n",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "`", "$$x$$",
    "A" * 5000, "ÿ" * 300, "💥",
]  # fmt: skip
value = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
)
link_value = st.one_of(value, st.lists(value, min_size=2, max_size=4))  # repeated keys
#: Keys no control has: empty, bracketed as some frameworks repeat them, non-ASCII, Session State's own.
ODD_KEYS = ["", " ", "p[]", "q[0]", "[]", "ü", "π", "💥", "opening_link", "unit ", "P", "embed", "embed_options"]
odd_key = st.one_of(st.sampled_from(ODD_KEYS), st.text(max_size=12))
#: A teacher's lock= or hide=: control keys, this page's or not, among junk, joined by commas or not.
teacher_entry = st.one_of(st.sampled_from(sorted(CONTROLS)), odd_key, value)
teacher_value = st.one_of(
    st.lists(teacher_entry, max_size=5).map(",".join),
    st.lists(st.lists(teacher_entry, max_size=3).map(",".join), min_size=2, max_size=3),  # repeated
    value,
)


def _widgets(at: AppTest) -> dict:
    """Every keyed control on the page and the sidebar, by key, with its value."""
    kinds = ("slider", "select_slider", "radio", "selectbox", "segmented_control")
    return {w.key: w.value for kind in kinds for w in getattr(at, kind) if w.key and not w.key.endswith("preset")}


DEFAULTS = {}


def _defaults(page: str) -> dict:
    if page not in DEFAULTS:
        DEFAULTS[page] = _widgets(run_link(page, {}))
    return DEFAULTS[page]


def _is_number(raw) -> bool:
    """Whether any of the link's values for a key could be a slider's (a repeated key may be read
    through its other values)."""
    for candidate in raw if isinstance(raw, list) else [raw]:
        try:
            if math.isfinite(float(candidate)):
                return True
        except ValueError:
            pass
    return False


@pytest.mark.parametrize("page", [page.path for page in PAGES])
@settings(
    max_examples=int(os.environ.get("SOAK_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data())
def test_any_link_gives_a_working_page_with_defaults(page, data):
    defaults = _defaults(page)
    others = data.draw(st.lists(st.sampled_from(sorted(CONTROLS)), max_size=6), label="other pages' keys")
    odd = data.draw(st.lists(odd_key, max_size=4), label="odd keys")
    params = {key: data.draw(link_value, label=repr(key)) for key in dict.fromkeys([*defaults, *others, *odd])}
    for parameter in data.draw(st.sets(st.sampled_from(["lock", "hide"])), label="teacher's keys"):
        params[parameter] = data.draw(teacher_value, label=parameter)
    at = run_link(page, params)
    assert not at.exception
    values = _widgets(at)
    for key, default in defaults.items():
        if key in params and not _is_number(params[key]) and not isinstance(default, str):
            assert values.get(key, default) == default, (key, params[key])
        if key == "unit" and key in values:  # unless the link hides it
            assert values[key] in ("bits", "nats", "hartleys")
    for warning in at.warning:  # a quoted value never escapes its code span
        assert "<script" not in warning.value.replace("`<script", "")


@pytest.mark.parametrize("query", ["=1", "=&q=0.5", "&&=", "p[]=0.2&p[]=0.4", "%C3%BC=1&=2", "q=0.5&q=&=q"])
@pytest.mark.parametrize("page", [page.path for page in PAGES])
def test_links_with_empty_repeated_and_odd_keys_open_every_page(page, query):
    params = {}
    for pair in query.split("&"):
        key, _, raw = pair.partition("=")
        params.setdefault(unquote(key), []).append(unquote(raw))
    at = run_link(page, {key: values if len(values) > 1 else values[0] for key, values in params.items()})
    assert not at.exception
    assert _widgets(at) == _defaults(page) | {k: v for k, v in _widgets(at).items() if k in params}

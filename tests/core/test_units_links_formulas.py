"""Units, value formatting, shareable links and the substituted formulas."""

import math
import subprocess
import sys

import pytest

from core import UNITS, format_value, unit_base, unit_symbol
from core.formulas import binary_formulas, format_probability
from core.links import rejected_link_values, share_url


def test_core_never_imports_streamlit():
    code = "import sys, core, core.figures, core.formulas, core.links; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_units():
    assert list(UNITS) == ["bits", "nats", "hartleys"]
    assert (unit_base("bits"), unit_base("nats"), unit_base("hartleys")) == (2.0, math.e, 10.0)
    assert unit_symbol("hartleys") == r"\log_{10}"
    with pytest.raises(ValueError, match="unit must be one of bits, nats, hartleys; got 'shannons'"):
        unit_base("shannons")


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1.246647734004712, "bits", "1.2466 bits"),
        (math.inf, "bits", "∞"),
        (-1e-17, "nats", "0.0000 nats"),
        (0.0, None, "0.0000"),
        (2.0, "hartleys", "2.0000 hartleys"),
    ],
)
def test_format_value(value, unit, expected):
    assert format_value(value, unit) == expected


def test_format_value_refuses_nan():
    with pytest.raises(ValueError, match="NaN"):
        format_value(math.nan, "bits")


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0.3, "0.30"),
        (0.35000000000000003, "0.35"),
        (0.333, "0.333"),
        (0.0, "0.00"),
        (1e-7, "0.0000"),
        (1 / 3, "0.3333"),
    ],
)
def test_format_probability(x, expected):
    assert format_probability(x) == expected


def test_binary_formulas_substitute_the_numbers():
    entropy_tex, cross_tex, kl_tex = binary_formulas(0.3, 0.65, "bits")
    assert entropy_tex == (
        r"\begin{aligned}\rule{0pt}{2.2em}H(p) &= 0.30\,\log_2\frac{1}{0.30} \\ &\quad + 0.70\,\log_2\frac{1}{0.70} \\ "
        r"&= 0.8813\ \text{bits}\end{aligned}"
    )
    assert r"\frac{1}{0.65}" in cross_tex and r"\frac{1}{0.35}" in cross_tex and r"&= 1.2466\ \text{bits}" in cross_tex
    assert r"\frac{0.30}{0.65}" in kl_tex and r"&= 0.3654\ \text{bits}" in kl_tex
    nats = binary_formulas(0.3, 0.0, "nats")
    assert r"\ln\frac{1}{0.00}" in nats[1] and nats[1].endswith(r"&= \infty\end{aligned}")
    assert nats[2].endswith(r"&= \infty\end{aligned}")
    assert all(r"\log_{10}" in tex for tex in binary_formulas(0.5, 0.5, "hartleys"))


def test_rejected_link_values():
    opened = {"p": "banana", "q": "0.650", "unit": "nats", "n": ["4", "9"], "m": ["3", "9"]}
    values = {"p": 0.3, "q": 0.65, "unit": "nats", "n": 3, "m": 3}
    assert list(rejected_link_values(opened, values)) == [("p", "`banana`"), ("n", "`9`")]
    assert list(rejected_link_values({"q": "nan"}, {"q": 0.65})) == [("q", "`nan`")]
    assert list(rejected_link_values({}, {"p": 0.3})) == []
    assert list(rejected_link_values({"epochs": ["1", ""]}, {"epochs": 1})) == []  # one of them was used


def test_rejected_values_are_quoted_safely():
    [(_, shown)] = rejected_link_values({"unit": "`x`<img src=x onerror=alert(1)>" + "a" * 100}, {"unit": "bits"})
    assert shown.startswith("`'x'<img") and shown.endswith("…`") and len(shown) == 42
    [(_, empty)] = rejected_link_values({"unit": "  "}, {"unit": "bits"})
    assert empty == "an empty value"


def test_share_url():
    assert (
        share_url("http://host:8501", "", "cross-entropy", {"n": "3", "unit": "nats"})
        == "http://host:8501/cross-entropy?n=3&unit=nats"
    )
    assert share_url(None, "", "", {"p": "0.3"}) == "/?p=0.3"
    assert share_url("http://h/", "base", "", {"x": ["1", "2"], "y": "a b&c"}) == "http://h/base?x=1&x=2&y=a+b%26c"


def test_no_user_text_reaches_html_and_protections_stay_on():
    import tomllib
    from pathlib import Path

    root = Path(__file__).parents[2]
    sources = [root / "app.py", *sorted((root / "pages").glob("*.py"))]
    for source in sources:
        text = source.read_text()
        assert "unsafe_allow_html" not in text and "st.html(" not in text, source
    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True and config["server"]["enableCORS"] is True
    assert config["client"]["showErrorDetails"] == "none"  # no traceback on a page, ever

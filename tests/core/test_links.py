"""Shareable links (core/links.py): which values a link asked for in vain, shown safely, and the link itself."""

import tomllib
from pathlib import Path

from core.links import control_keys, link_value, rejected_link_values, share_url

ROOT = Path(__file__).parents[2]


def test_rejected_link_values():
    opened = {"p": "banana", "q": "0.650", "unit": "nats", "n": ["4", "9"], "m": ["3", "9"]}
    values = {"p": 0.3, "q": 0.65, "unit": "nats", "n": 3, "m": 3}
    assert list(rejected_link_values(opened, values)) == [("p", "`banana`"), ("n", "`9`")]
    assert list(rejected_link_values({"q": "nan"}, {"q": 0.65})) == [("q", "`nan`")]
    assert list(rejected_link_values({"q": "inf"}, {"q": 0.65})) == [("q", "`inf`")]
    assert list(rejected_link_values({}, {"p": 0.3})) == []
    assert list(rejected_link_values({"epochs": ["1", ""]}, {"epochs": 1})) == []  # one of them was used
    assert list(rejected_link_values({"extra": "1"}, {"p": 0.3})) == []  # keys no widget reads are not judged


def test_booleans_and_numbers_compare_by_value():
    assert list(rejected_link_values({"smooth": "TRUE", "n": "3.0"}, {"smooth": True, "n": 3})) == []
    assert list(rejected_link_values({"smooth": "yes"}, {"smooth": True})) == [("smooth", "`yes`")]
    assert list(rejected_link_values({"p": "0.3001"}, {"p": 0.3})) == [("p", "`0.3001`")]  # the widget rounded it


def test_rejected_values_are_quoted_safely():
    [(_, shown)] = rejected_link_values({"unit": "`x`<img src=x onerror=alert(1)>" + "a" * 100}, {"unit": "bits"})
    assert shown.startswith("`'x'<img") and shown.endswith("…`") and len(shown) == 42
    assert shown.count("`") == 2  # a backtick in the value cannot close the code span early
    [(_, empty)] = rejected_link_values({"unit": "  "}, {"unit": "bits"})
    assert empty == "an empty value"
    [(_, folded)] = rejected_link_values({"unit": "a\nb\tc"}, {"unit": "bits"})
    assert folded == "`a b c`"  # one line: a newline cannot start a Markdown block


def test_share_url():
    assert (
        share_url("http://host:8501", "", "cross-entropy", {"n": "3", "unit": "nats"})
        == "http://host:8501/cross-entropy?n=3&unit=nats"
    )
    assert share_url(None, "", "", {"p": "0.3"}) == "/?p=0.3"
    assert share_url("http://h/", "base", "", {"x": ["1", "2"], "y": "a b&c"}) == "http://h/base?x=1&x=2&y=a+b%26c"
    assert share_url("https://example.org", "/apps/xent/", "loss", {}) == "https://example.org/apps/xent/loss"


def test_no_user_text_reaches_html_and_protections_stay_on():
    """The rejected values above are shown as Markdown; that is safe only while nothing renders HTML.

    This reads the app's sources (not core's): the safety of the quoting here depends on them.
    """
    sources = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
    assert len(sources) > 3
    for source in sources:
        text = source.read_text()
        assert "unsafe_allow_html" not in text and "st.html(" not in text, source
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True and config["server"]["enableCORS"] is True
    assert config["client"]["showErrorDetails"] == "none"  # no traceback on a page, ever


KNOWN = {"p", "q", "unit", "p_weight1"}


def test_control_keys_reads_commas_blanks_and_repeats():
    assert control_keys("p,q", KNOWN) == (("p", "q"), ())
    assert control_keys(" p , ,q,p,", KNOWN) == (("p", "q"), ())  # blanks and empty entries ignored, once each
    assert control_keys(["p", "unit,q"], KNOWN) == (("p", "unit", "q"), ())  # a repeated parameter: all count
    assert control_keys(None, KNOWN) == ((), ())
    assert control_keys("", KNOWN) == ((), ())


def test_control_keys_rejects_unknown_entries_quoted():
    keys, rejected = control_keys("P,q,banana,<script>,banana," + "x" * 100, KNOWN)
    assert keys == ("q",)  # keys are case-sensitive, as the link's parameters are
    assert rejected[:3] == ("`P`", "`banana`", "`<script>`")  # once each
    assert rejected[3].endswith("…`") and len(rejected[3]) == 42


def test_link_value_takes_what_the_widget_would():
    assert link_value("0.4", 0.3) == 0.4
    assert link_value(["0.9", "0.4"], 0.3) == 0.4  # the last of a repeated parameter
    for bad in ("nan", "inf", "-0.1", "1.5", "", "banana", [], None):
        assert link_value(bad, 0.3) == 0.3
    assert link_value("5", 3, low=2, high=8) == 5 and isinstance(link_value("5.0", 3, low=2, high=8), int)
    assert link_value("2.5", 3, low=2, high=8) == 3  # a whole-number slider takes whole numbers only
    assert link_value("hartleys", "bits", options=("bits", "nats", "hartleys")) == "hartleys"
    assert link_value("Nats", "bits", options=("bits", "nats", "hartleys")) == "bits"
    assert link_value("0.30", 1.0, options=(0.1, 0.3, 1.0)) == 0.3
    assert link_value("0.2", 1.0, options=(0.1, 0.3, 1.0)) == 1.0

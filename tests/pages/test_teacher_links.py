"""A teacher's link: ``lock=`` shows controls disabled, ``hide=`` leaves them out, on every page, in the
share link too; and "Share for a class" builds one."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from pages import PAGES
from tests.pages.conftest import HOME, charts, metric_values, open_expanders, run_link


def _links(at: AppTest) -> dict[str, str]:
    """The links of the page's copy buttons, by key: the top row's "share-link", the expander's "class-link"."""
    return {
        c.proto.id.rsplit("-", 2)[-2] + "-link": json.loads(c.proto.json)["link"]
        for c in at.get("bidi_component")
        if c.proto.component_name.endswith("share_link")
    }


def test_lock_p_leaves_the_home_p_slider_present_and_disabled(open_link):
    at = open_link(lock="p", p="0.4")
    assert at.slider(key="p").disabled and at.slider(key="p").value == 0.4
    assert not at.slider(key="q").disabled and not at.radio(key="unit").disabled
    assert not at.warning


def test_hide_unit_removes_the_unit_control_and_keeps_the_links_unit(open_link):
    at = open_link(hide="unit", unit="nats")
    assert not [r for r in at.radio if r.key == "unit"]
    assert metric_values(at)["Entropy H(p)"].endswith("nats")  # the link's value, though not shown
    assert not at.warning
    assert not [r for r in open_link(hide="unit").radio if r.key == "unit"]  # bits, by default


def test_hidden_control_keeps_the_links_value_and_notes_a_bad_one(open_link):
    at = open_link(hide="p", p="0.8")
    assert [s.key for s in at.slider] == ["q"] and metric_values(at)["Entropy H(p)"].startswith("0.7219")
    at = open_link(hide="p", p="banana")
    assert metric_values(at)["Entropy H(p)"].startswith("0.8813")  # p = 0.3, the default
    assert [w.value.split("`")[1] for w in at.warning] == ["p"]


def _disabled(at):
    return {control["key"]: control["disabled"] for control in charts(at)[0]["figure"]["controls"]}


def test_lock_of_the_charts_control_disables_the_chart_control(open_link):
    at = open_link(lock="q")
    assert at.slider(key="q").disabled
    assert _disabled(at) == {"q": True, "p": False}
    assert _disabled(open_link()) == {"q": False, "p": False}


@pytest.mark.parametrize("parameter", ["lock", "hide"])
def test_a_link_that_locks_or_hides_p_disables_the_sweep_of_p(open_link, parameter):
    at = open_link(**{parameter: "p"}, p="0.4")
    assert _disabled(at) == {"q": False, "p": True}
    assert [c["active"] for c in charts(at)[0]["figure"]["controls"]] == [65, 40]  # the link's p, in the sweep too


@pytest.mark.parametrize("query", ["banana", "p,,banana, q", "<script>alert(1)</script>", ["p", "x"], ""])
@pytest.mark.parametrize("parameter", ["lock", "hide"])
def test_unknown_entries_are_ignored_with_a_note(open_link, parameter, query):
    at = open_link(**{parameter: query})
    entries = [e.strip() for value in (query if isinstance(query, list) else [query]) for e in value.split(",")]
    unknown = [e for e in entries if e and e not in ("p", "q")]
    noted = [w.value for w in at.warning]
    assert len(noted) == len(unknown) and all(f"`{parameter}`" in note for note in noted)
    assert all("<script" not in note.replace("`<script", "") for note in noted)


def test_lock_and_hide_survive_in_the_share_link(open_link):
    at = open_link(lock="p", hide="unit", q="0.4")
    link = _links(at)["share-link"]
    assert "lock=p" in link and "hide=unit" in link and "q=0.4" in link
    at.slider(key="q").set_value(0.5).run()  # a rerun keeps them
    assert not at.exception and at.slider(key="p").disabled
    link = _links(at)["share-link"]
    assert "lock=p" in link and "hide=unit" in link


def test_share_for_a_class_is_sent_only_while_it_is_open(open_link):
    at = open_link(q="0.4")
    assert [e.label for e in at.expander][-1] == "Share for a class"
    assert not at.multiselect and "class-link" not in _links(at)
    open_expanders(at, "class-share")
    assert [m.key for m in at.multiselect] == ["class-lock", "class-hide"] and "class-link" in _links(at)
    at.session_state["class-share"] = False
    assert not at.run().multiselect


def test_share_for_a_class_builds_the_link(open_link):
    at = open_expanders(open_link(q="0.4"), "class-share")
    assert "lock=" not in _links(at)["class-link"]
    assert at.multiselect(key="class-lock").options == [
        "Unit (unit)",
        "True probability p of outcome 1 (p)",
        "Predicted probability q of outcome 1 (q)",
    ]
    at.multiselect(key="class-lock").set_value(["p"]).run()
    at.multiselect(key="class-hide").set_value(["unit"]).run()
    link = _links(at)["class-link"]
    assert link.startswith("/?") and "q=0.4" in link and "lock=p" in link and "hide=unit" in link
    assert "lock" not in _links(at)["share-link"]  # the view itself is not locked


@pytest.mark.parametrize("page", [page for page in PAGES if page.path != HOME], ids=lambda page: page.url_path)
def test_every_page_locks_and_hides_its_controls(page):
    opened = run_link(page.path, {})
    kinds = ("slider", "select_slider", "radio", "segmented_control")
    keys = [w.key for kind in kinds for w in getattr(opened, kind) if w.key and w.key != "unit"]
    locked, hidden = keys[: len(keys) // 2], keys[len(keys) // 2 :]
    at = run_link(page.path, {"lock": ",".join(locked), "hide": ",".join(hidden)})
    assert not at.exception and not at.warning
    shown = {w.key: w for kind in kinds for w in getattr(at, kind) if w.key}
    assert all(shown[key].disabled for key in locked)
    assert not set(hidden) & set(shown)
    own = [control for c in charts(at) for control in c["figure"].get("controls", ())]
    assert all(control["disabled"] == (control["key"] in locked + hidden) for control in own)


def test_a_locked_or_hidden_draw_count_cannot_be_played(open_link):
    at = open_link("pages/cross-entropy.py", lock="draws", draws="300")
    assert at.slider(key="draws").disabled and at.slider(key="draws").value == 300
    assert at.button(key="draws-play").disabled and not at.slider(key="seed").disabled
    at = open_link("pages/cross-entropy.py", hide="draws", draws="300")
    assert not [s for s in at.slider if s.key == "draws"] and at.button(key="draws-play").disabled
    assert (
        metric_values(at)["Average of log(1/q(x))"]
        == metric_values(open_link("pages/cross-entropy.py", draws="300"))["Average of log(1/q(x))"]
    )  # the link's count, though not shown
    assert not at.warning

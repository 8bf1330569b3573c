"""The page registry: every page in it, as the navigation, the tests and the benchmarks know it."""

from pathlib import Path

import pytest

from pages import PAGES
from tests.pages.conftest import run_link
from ui.controls import CONTROLS

FOLDER = Path(__file__).parents[2] / "pages"
IDS = [page.script for page in PAGES]


def test_every_script_has_one_row_and_is_named_as_its_url_path():
    scripts = sorted(path.name for path in FOLDER.glob("*.py") if path.name != "__init__.py")
    assert sorted(page.script for page in PAGES) == scripts
    assert [page.url_path for page in PAGES].count("") == 1
    for page in PAGES:
        assert page.script == f"{page.url_path or 'home'}.py"  # the bare first run finds pages by file name
    assert len({page.title for page in PAGES}) == len(PAGES)


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_each_page_is_short_and_starts_at_the_entry_point_guard(page):
    lines = (FOLDER / page.script).read_text().splitlines()
    assert len(lines) < 100
    assert any(line.startswith("begin(__file__)") for line in lines)


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_each_row_describes_its_page(page):
    at = run_link(page.path, {})
    assert not at.exception
    assert at.title[0].value == page.heading
    assert page.headline in [metric.label for metric in at.metric]
    key, values = page.exercise
    slider = at.slider(key=key)
    control = CONTROLS[key]
    assert all(control.low <= value <= control.high for value in values)
    slider.set_value(values[-1]).run()
    assert slider.value == values[-1] and not at.exception


def _ends(page) -> list[dict]:
    """The page's controls all at their lowest, then all at their highest, as link parameters."""
    keys = [key for key, control in CONTROLS.items() if key in _keys(page)]
    low = {key: str(CONTROLS[key].options[0] if CONTROLS[key].options else CONTROLS[key].low) for key in keys}
    high = {key: str(CONTROLS[key].options[-1] if CONTROLS[key].options else CONTROLS[key].high) for key in keys}
    return [low, high]


KEYS: dict[str, set[str]] = {}


def _keys(page) -> set[str]:
    if page.script not in KEYS:
        at = run_link(page.path, {"label": "soft"})
        kinds = ("slider", "select_slider", "radio", "segmented_control")
        KEYS[page.script] = {w.key for kind in kinds for w in getattr(at, kind) if w.key in CONTROLS}
    return KEYS[page.script]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_every_control_at_its_ends_in_a_link_then_every_other_page(page):
    for params in _ends(page):
        at = run_link(page.path, params)
        assert not at.exception
        assert not [w.value for w in at.warning if w.value.startswith("The link's value")], params  # all taken
        for other in PAGES:
            if other is not page:
                at.switch_page(other.path).run()
                assert not at.exception, (page.script, other.script, params)


@pytest.mark.parametrize("page", PAGES, ids=[page.url_path or "home" for page in PAGES])
def test_each_journey_page_ends_with_the_way_to_the_next(page):
    at = run_link(page.path, {})
    links = [link.proto for link in at.get("page_link")]
    onward = [(link.label, link.page) for link in links if link.label.startswith("Next: ")]
    index = PAGES.index(page)
    if index + 1 < len(PAGES):
        following = PAGES[index + 1]
        assert onward == [(f"Next: {following.title}", following.url_path)]
        assert (links[-1].label, links[-1].page) == onward[0]  # the last link of the page
    else:
        assert onward == []  # the journey ends here


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_the_unit_is_chosen_on_the_page_itself_not_in_the_sidebar(page):
    """On a phone the sidebar starts closed: the unit's one control is in the page, where it is seen."""
    at = run_link(page.path, {"unit": "hartleys"})
    (control,) = [radio for radio in at.radio if radio.key == "unit"]  # one control, one key, one truth
    assert control in list(at.main.radio) and not at.sidebar.radio
    assert control.value == "hartleys" and control.proto.query_param_key == "unit"
    assert at.main.markdown[0].value == "Unit"  # its label, beside the choices
    control.set_value("nats").run()
    # Every metric in the unit, but a count (accuracy, perplexity: the same in every unit).
    assert all(
        metric.value.endswith(("nats", "∞"))
        for metric in at.metric
        if not metric.label.endswith(("accuracy", "perplexity", "Perplexity"))
    )

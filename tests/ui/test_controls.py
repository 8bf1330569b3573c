"""The link's keys: each defined once, with one meaning and one range on every page that has it."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages import PAGES
from tests.pages.conftest import run_link
from ui.controls import CONTROLS, LEARNING_RATES, slider_steps

README = Path(__file__).parents[2] / "README.md"
KINDS = ("slider", "select_slider", "radio", "segmented_control")


def _bound(at: AppTest) -> dict:
    """The page's controls that live in the link, by key."""
    return {w.key: w for kind in KINDS for w in getattr(at, kind) if w.key and w.proto.query_param_key}


@pytest.mark.parametrize("page", PAGES, ids=[page.script for page in PAGES])
def test_every_control_in_a_link_is_the_one_the_table_defines(page):
    widgets = _bound(run_link(page.path, {"label": "soft"} if page.script == "loss.py" else {}))
    assert widgets, "a page with no control in its link"
    for key, widget in widgets.items():
        control = CONTROLS[key]
        assert widget.label == control.label
        if type(widget).__name__ == "Slider":
            assert (widget.min, widget.max, widget.step) == (control.low, control.high, control.step), key
        else:
            assert tuple(widget.options) == tuple(str(option) for option in control.options), key


def test_labels_are_unique_and_carry_no_keys():
    assert len({control.label for control in CONTROLS.values()}) == len(CONTROLS)  # one accessible name each
    for key, control in CONTROLS.items():
        assert not control.label.lower().startswith(f"{key.lower()}:"), control.label


def test_learning_rates_are_one_list():
    assert CONTROLS["lr"].options == LEARNING_RATES
    assert list(LEARNING_RATES) == sorted(LEARNING_RATES)


def test_slider_steps_are_the_values_the_slider_takes():
    steps = slider_steps("logit")
    assert steps[0] == CONTROLS["logit"].low and steps[-1] == CONTROLS["logit"].high
    assert len(steps) == 161 and 0.0 in steps and -4.0 in steps


def test_the_readme_lists_every_key_with_its_range():
    table = README.read_text().split("## Link keys", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`"):
            for key in re.findall(r"`([^`]+)`", cells[0]):
                rows[key] = cells
    documented = set()
    for key, cells in rows.items():
        if key.endswith("N"):  # a family: "… outcome N (1 to 8) …"
            first, last = map(int, re.search(r"\(1 to (\d+)\)", cells[1]).group(0)[1:-1].split(" to "))
            documented |= {f"{key[:-1]}{i}" for i in range(first, last + 1)}
        else:
            documented.add(key)
    assert documented == set(CONTROLS)
    for key, control in CONTROLS.items():
        row = rows.get(key) or rows[key.rstrip("0123456789") + "N"]
        if control.options:
            assert all(str(option) in row[2] for option in control.options), key
        else:
            assert f"{control.low:g}" in row[2] and f"{control.high:g}" in row[2], key

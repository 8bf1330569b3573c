"""Colours by role (core/figures/colors.py): one meaning per colour, derived colours that follow their roles,
and no figure that paints with a colour of its own."""

import re

import pytest
from plotly.colors import get_colorscale, hex_to_rgb

from core.figures.colors import (
    COLOR_SCALE,
    GAP_FILL,
    IDEAL_FILL,
    INFINITY,
    ROLES,
    SURPRISAL,
    SURPRISAL_FILL,
    contrast,
    ink,
    tint,
    translucent,
)
from tests.core.figures.builders import CALLS, IDS

HEX = re.compile(r"#[0-9A-Fa-f]{6}")
RGBA = re.compile(r"rgba\((\d+), (\d+), (\d+), ([0-9.]+)\)")


def _rgb(color: str) -> tuple[int, int, int]:
    if HEX.fullmatch(color):
        return tuple(hex_to_rgb(color))
    match = RGBA.fullmatch(color)
    assert match, color
    return tuple(int(c) for c in match.groups()[:3])


def test_the_roles():
    assert set(ROLES) == {"truth", "estimate", "entropy", "cross_entropy", "kl_gap", "gradient", "current", "reference"}
    assert all(HEX.fullmatch(color) for color in ROLES.values())


def test_every_role_has_its_own_colour():
    colours = [color.upper() for color in ROLES.values()]
    assert len(set(colours)) == len(colours)
    derived = [SURPRISAL.upper(), SURPRISAL_FILL.upper(), GAP_FILL, INFINITY.upper()]
    assert not set(derived) & set(colours)  # a derived colour is never mistaken for another role's


def test_the_gap_fill_is_the_kl_gap_seen_through():
    match = RGBA.fullmatch(GAP_FILL)
    assert match and 0 < float(match.group(4)) < 1
    assert _rgb(GAP_FILL) == tuple(hex_to_rgb(ROLES["kl_gap"]))
    assert translucent(ROLES["kl_gap"], float(match.group(4))) == GAP_FILL


@pytest.mark.parametrize("color", [SURPRISAL, SURPRISAL_FILL])
def test_surprisal_is_a_lighter_entropy(color):
    """Every channel moved the same fraction of the way from the entropy's colour toward white."""
    base, light = hex_to_rgb(ROLES["entropy"]), hex_to_rgb(color)
    amounts = [(s - b) / (255 - b) for b, s in zip(base, light, strict=True) if b < 255]
    assert min(amounts) > 0 and max(amounts) < 1 and max(amounts) - min(amounts) < 0.01
    assert tint(ROLES["entropy"], round(sum(amounts) / len(amounts), 2)) == color


def test_surprisals_marks_read_on_both_backgrounds():
    """The surprisal curve's light green read at 1.94:1 on white: the line is as light as 3:1 allows, and
    the bars keep the lighter fill that tells them from the entropy's, outlined in the line's colour."""
    assert min(contrast(SURPRISAL, background) for background in BACKGROUNDS) >= 3.0
    assert contrast(tint(ROLES["entropy"], 0.11), "#FFFFFF") < 3.0  # a hundredth more white would not read
    assert contrast(SURPRISAL_FILL, "#FFFFFF") < 3.0  # the fill alone would not: the bars need their outline


def test_infinity_is_the_top_of_the_colour_scale():
    assert get_colorscale(COLOR_SCALE)[-1][1] == INFINITY  # so a new scale brings its own ∞
    assert COLOR_SCALE == "Viridis" and INFINITY == "#fde725"
    assert get_colorscale(COLOR_SCALE)[0][1] != INFINITY


def test_tint_and_translucent():
    assert tint("#009E73", 0.0) == "#009E73" and tint("#009E73", 1.0) == "#FFFFFF"
    assert tint("#000000", 0.5) == "#808080"
    assert translucent("#FFFFFF", 0.5) == "rgba(255, 255, 255, 0.5)"


#: What a figure may paint with: the roles, the colours derived from them, and plain outlines.
ALLOWED = (
    {color.upper() for color in ROLES.values()}
    | {SURPRISAL.upper(), SURPRISAL_FILL.upper(), IDEAL_FILL.upper(), GAP_FILL, INFINITY.upper(), "WHITE", "BLACK"}
    | {"rgba(0, 0, 0, 0)"}  # nothing at all: a hidden label, a see-through background
)


def _colours(node, path=""):
    """Every (path, value) under a key naming a colour, and every colour scale, in a figure's JSON."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key.lower().endswith("color") and isinstance(value, str | list):
                yield from ((here, v) for v in (value if isinstance(value, list) else [value]))
            elif key == "colorscale":
                yield here, value
            else:
                yield from _colours(value, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _colours(item, f"{path}[{i}]")


def _allowed(color: str) -> bool:
    if color.upper() in ALLOWED or color in ALLOWED:
        return True
    match = RGBA.fullmatch(color)  # a role's colour made see-through is still that role
    return bool(match) and "#{:02X}{:02X}{:02X}".format(*map(int, match.groups()[:3])) in ALLOWED


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_figures_paint_only_with_role_colours(build):
    """Colours mean one thing on every page: no builder brings a colour the roles do not define."""
    found = list(_colours(build().to_dict()))
    assert found  # the walk reaches the colours
    for path, color in found:
        if path.endswith("colorscale"):
            assert color == COLOR_SCALE, path
        else:
            assert isinstance(color, str) and _allowed(color), (path, color)


def test_the_colour_check_can_fail():
    assert not _allowed("#636EFA")  # Plotly's default blue
    assert not _allowed("rgba(99, 110, 250, 0.5)")
    assert _allowed(GAP_FILL) and _allowed(translucent(ROLES["truth"], 0.3)) and _allowed("white")


#: Streamlit's page backgrounds, light and dark (its dark default was #0E1117, is now about #171614):
#: what a chart's text and marks are read against.
BACKGROUNDS = ("#FFFFFF", "#0E1117", "#171614")


def test_contrast_is_wcags():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0) == contrast("#FFFFFF", "#000000")
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the grey just short of AA
    assert ink("#FFFF00") == "black" and ink("#000080") == "white"


@pytest.mark.parametrize("role", sorted(set(ROLES) - {"current"}))  # white, ringed in black
def test_every_roles_marks_read_on_both_backgrounds(role):
    """Lines, bars and markers need 3:1 (WCAG 1.4.11): the orange was 2.25:1 on white, the sky blue 2.31:1."""
    assert min(contrast(ROLES[role], background) for background in BACKGROUNDS) >= 3.0


def _text_colours(node, path=""):
    """Every (path, colour) of a text a figure colours itself: under a key naming a font."""
    if isinstance(node, dict):
        for key, value in node.items():
            if "font" in key.lower() and isinstance(value, dict) and "color" in value:
                yield f"{path}.{key}", value["color"]
            yield from _text_colours(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _text_colours(item, f"{path}[{i}]")


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_text_takes_the_themes_colour_or_reads_on_its_bar(build):
    """No single colour reads at 4.5:1 on both white and dark, so text is left the theme's colour
    (static/live_chart.js makes it 4.5:1 on the page), except inside a bar, where it is chosen for
    the bar; the grey of the events' labels read at 2.85:1 on white."""
    figure = build().to_dict()
    for path, colour in _text_colours(figure):
        if path.endswith("insidetextfont"):
            trace = figure["data"][int(re.search(r"data\[(\d+)\]", path).group(1))]
            assert contrast({"black": "#000000", "white": "#FFFFFF"}[colour], trace["marker"]["color"]) >= 4.5
        else:
            assert colour == "rgba(0, 0, 0, 0)", path  # only the scrubber's hidden step labels

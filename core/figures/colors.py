"""The colours of the figures, by role: one meaning per colour on every page, safe for colour-blind readers.

Every figure colours a trace by what it shows (``ROLES["entropy"]``), never by a hex code of its own;
the derived colours are computed from the roles, so changing a role changes them too.
"""

from __future__ import annotations

from plotly.colors import get_colorscale, hex_to_rgb

__all__ = [
    "COLOR_SCALE",
    "GAP_FILL",
    "IDEAL_FILL",
    "INFINITY",
    "ROLES",
    "SURPRISAL",
    "SURPRISAL_FILL",
    "contrast",
    "ink",
    "tint",
    "translucent",
]

#: What each colour means. Okabe & Ito (2008): distinguishable with every common colour-vision deficiency;
#: the orange, the sky blue and the grey darkened, hue kept, to a contrast of 3:1 (WCAG's for a chart's
#: lines and bars) on Streamlit's white background as on its dark one.
ROLES = {
    "truth": "#0072B2",  # blue: the true distribution p, a target
    "estimate": "#BE8200",  # orange: the estimate q, a prediction
    "entropy": "#009E73",  # bluish green: H(p), its shares, the floor of every loss
    "cross_entropy": "#CC79A7",  # reddish purple: H(p, q), every loss, its shares
    "kl_gap": "#D55E00",  # vermilion: D(p‖q), the gap between cross-entropy and entropy
    "gradient": "#4696C3",  # sky blue: gradients with respect to the logits
    "current": "#FFFFFF",  # the point a control moves: white, ringed in black, on any background
    "reference": "#8E8E8E",  # grey: lines to compare with (log n, squared error, outlines)
}

#: Sequential colour scale of the maps: perceptually uniform and readable with colour-vision deficiencies.
COLOR_SCALE = "Viridis"


def translucent(color: str, alpha: float) -> str:
    """A hex colour as ``rgba`` with the given opacity.

    Examples
    --------
    >>> translucent("#D55E00", 0.18)
    'rgba(213, 94, 0, 0.18)'
    """
    red, green, blue = hex_to_rgb(color)
    return f"rgba({red}, {green}, {blue}, {alpha})"


def tint(color: str, amount: float) -> str:
    """A hex colour mixed with white: ``amount`` 0 keeps it, 1 gives white.

    Examples
    --------
    >>> tint("#009E73", 0.5)
    '#80CEB9'
    """
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in hex_to_rgb(color))


def _luminance(color: str) -> float:
    """WCAG 2's relative luminance of a hex colour: 0 for black, 1 for white."""
    channels = [float(c) / 255 for c in hex_to_rgb(color)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(color: str, background: str) -> float:
    """WCAG 2's contrast ratio of two hex colours, from 1 (the same) to 21 (black on white).

    Text needs 4.5 against what is behind it (AA), and the lines, bars and markers of a chart 3.

    Examples
    --------
    >>> round(contrast("#000000", "#FFFFFF"), 1), round(contrast("#808495", "#FFFFFF"), 2)
    (21.0, 3.72)
    """
    darker, lighter = sorted((_luminance(color), _luminance(background)))
    return (lighter + 0.05) / (darker + 0.05)


def ink(color: str) -> str:
    """Black or white, whichever reads better on a fill of this colour: the colour of text inside a bar.

    Examples
    --------
    >>> ink("#009E73"), ink("#0072B2")
    ('black', 'white')
    """
    return "black" if contrast(color, "#000000") >= contrast(color, "#FFFFFF") else "white"


#: The KL gap shaded between the entropy floor and the cross-entropy curve.
GAP_FILL = translucent(ROLES["kl_gap"], 0.18)
#: Surprisal, log(1/y): the quantity entropy averages, in a lighter shade of the entropy's colour, as
#: light as a line may be and still read at 3:1 on a white page (the entropy's colour reads at 3.4:1).
SURPRISAL = tint(ROLES["entropy"], 0.1)
#: Surprisal bars beside the entropy's (page 2) are told apart by this lighter fill, outlined in SURPRISAL:
#: the fill alone reads at 1.9:1 on white, the outline at 3:1.
SURPRISAL_FILL = tint(ROLES["entropy"], 0.45)
#: Ideal code lengths for q beside q's whole-bit codewords (the codes page) are told apart by this lighter
#: fill of the estimate's colour, outlined in the estimate's colour itself.
IDEAL_FILL = tint(ROLES["estimate"], 0.6)
#: ∞ on a map: the colour at the top of the scale, where every value beyond it is drawn.
INFINITY = get_colorscale(COLOR_SCALE)[-1][1]

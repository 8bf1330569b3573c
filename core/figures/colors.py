"""The colours of the figures, by role: one meaning per colour on every page, safe for colour-blind readers.

Every figure colours a trace by what it shows (``ROLES["entropy"]``), never by a hex code of its own;
the derived colours are computed from the roles, so changing a role changes them too.
"""

from __future__ import annotations

from plotly.colors import get_colorscale, hex_to_rgb

__all__ = ["COLOR_SCALE", "GAP_FILL", "INFINITY", "ROLES", "SURPRISAL", "tint", "translucent"]

#: What each colour means. Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
ROLES = {
    "truth": "#0072B2",  # blue: the true distribution p, a target
    "estimate": "#E69F00",  # orange: the estimate q, a prediction
    "entropy": "#009E73",  # bluish green: H(p), its shares, the floor of every loss
    "cross_entropy": "#CC79A7",  # reddish purple: H(p, q), every loss, its shares
    "kl_gap": "#D55E00",  # vermilion: D(p‖q), the gap between cross-entropy and entropy
    "gradient": "#56B4E9",  # sky blue: gradients with respect to the logits
    "current": "#FFFFFF",  # the point a control moves: white, ringed in black, on any background
    "reference": "#999999",  # grey: lines to compare with (log n, squared error, outlines)
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


#: The KL gap shaded between the entropy floor and the cross-entropy curve.
GAP_FILL = translucent(ROLES["kl_gap"], 0.18)
#: Surprisal, log(1/y): the quantity entropy averages, in a lighter shade of the entropy's colour.
SURPRISAL = tint(ROLES["entropy"], 0.45)
#: ∞ on a map: the colour at the top of the scale, where every value beyond it is drawn.
INFINITY = get_colorscale(COLOR_SCALE)[-1][1]

"""Hypothesis strategies shared by the property tests."""

import numpy as np
from hypothesis import strategies as st


@st.composite
def distributions(draw, min_size=1, max_size=8, size=None):
    """A probability distribution: non-negative weights (some exactly 0), normalised to sum to 1."""
    n = size if size is not None else draw(st.integers(min_size, max_size))
    weights = draw(
        st.lists(
            st.one_of(st.just(0.0), st.floats(1e-6, 1e3, allow_subnormal=False)),
            min_size=n,
            max_size=n,
        ).filter(lambda w: sum(w) > 0)
    )
    p = np.asarray(weights) / np.sum(weights)
    return p


def distribution_pairs(min_size=1, max_size=8):
    """Two distributions over the same outcomes: a true p and an estimate q, zeros included in either."""
    return st.integers(min_size, max_size).flatmap(lambda n: st.tuples(distributions(size=n), distributions(size=n)))

"""What libraries report for a binary cross-entropy (core/frameworks.py), against their golden values."""

import dataclasses
import json
import math
from pathlib import Path

import pytest
from sklearn.metrics import log_loss

from core.frameworks import EPSILON, Reported, framework_losses
from core.measures import binary_cross_entropy

FRAMEWORKS = json.loads((Path(__file__).parents[1] / "golden" / "frameworks.json").read_text())
LIBRARIES = ["exact", "PyTorch BCELoss", "scikit-learn log_loss", "Keras"]


def _by_library(p, q) -> dict[str, float]:
    return {reported.library: reported.loss for reported in framework_losses(p, q)}


def test_the_libraries_in_order_with_their_conventions():
    reported = framework_losses(1.0, 0.65)
    assert [r.library for r in reported] == LIBRARIES
    assert all(isinstance(r, Reported) and isinstance(r.loss, float) and r.convention for r in reported)
    assert reported[0].convention == "the mathematics"
    with pytest.raises(dataclasses.FrozenInstanceError):
        reported[0].loss = 0.0  # type: ignore[misc]


@pytest.mark.parametrize("case", FRAMEWORKS["cases"], ids=lambda c: f"p={c['p']},q={c['q']}")
def test_framework_conventions_match_the_libraries(case):
    ours = _by_library(case["p"], case["q"])
    assert ours["PyTorch BCELoss"] == pytest.approx(case["PyTorch BCELoss"], rel=1e-12, abs=1e-12)
    assert ours["Keras"] == pytest.approx(case["Keras"], rel=1e-6, abs=1e-9)  # Keras computes in float32
    if case["p"] in (0.0, 1.0):
        sklearn = log_loss([case["p"]], [case["q"]], labels=[0, 1])
        assert ours["scikit-learn log_loss"] == pytest.approx(sklearn, rel=1e-12, abs=1e-12)
    else:
        with pytest.raises(ValueError, match="not belonging to the passed labels"):
            log_loss([case["p"]], [case["q"]], labels=[0, 1])
        assert ours["scikit-learn log_loss"] is None


@pytest.mark.parametrize("p", [0.3, 0.5, 1e-9, 1 - 1e-9])
def test_scikit_learn_rejects_a_soft_target_and_says_so(p):
    exact, torch, sklearn, keras = framework_losses(p, 0.0)
    assert sklearn.loss is None and sklearn.convention == "rejects a soft target: y_true must be 0 or 1"
    assert all(r.loss is not None for r in (exact, torch, keras))
    with pytest.raises(ValueError, match="not belonging to the passed labels"):
        log_loss([p], [0.5], labels=[0, 1])


def test_exact_loss_is_infinite_only_where_the_maths_says():
    assert _by_library(1.0, 0.0)["exact"] == math.inf
    assert _by_library(0.0, 1.0)["exact"] == math.inf
    assert _by_library(0.0, 0.0)["exact"] == 0.0 and _by_library(1.0, 1.0)["exact"] == 0.0
    assert _by_library(0.3, 0.65)["exact"] == pytest.approx(0.8641103619768107, rel=1e-15)
    assert all(math.isfinite(loss) for library, loss in _by_library(1.0, 0.0).items() if library != "exact")


@pytest.mark.parametrize(("p", "q"), [(0.3, 0.65), (1.0, 0.5), (0.0, 0.2), (0.5, 1e-6)])
def test_away_from_the_edges_every_library_reports_the_exact_loss(p, q):
    exact = float(binary_cross_entropy(p, q, math.e))
    for library, loss in _by_library(p, q).items():
        if loss is not None:  # scikit-learn takes no soft target
            assert loss == pytest.approx(exact, rel=1e-9), library


def test_the_clipping_bounds():
    assert EPSILON == 2.220446049250313e-16
    at_zero = _by_library(1.0, 0.0)
    assert at_zero["PyTorch BCELoss"] == 100.0
    assert at_zero["scikit-learn log_loss"] == pytest.approx(-math.log(EPSILON), rel=1e-15)
    assert at_zero["Keras"] == pytest.approx(-math.log(1e-7), rel=1e-15)


@pytest.mark.parametrize(("p", "q", "message"), [(1.5, 0.5, "p has an entry above 1"), (0.5, -0.1, "q has a negative")])
def test_bad_input_names_the_argument(p, q, message):
    with pytest.raises(ValueError, match=message):
        framework_losses(p, q)

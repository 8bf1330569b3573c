"""Code a learner can copy (core/snippets.py): the NumPy code reproduces the loss on the screen."""

import numpy as np
import pytest

from core.losses import cross_entropy_loss
from core.snippets import loss_snippets

CASES = [([2.0, 0.5, -1.0], 0, 0.0), ([-1.0, 2.0, 0.5], 2, 0.25), ([0.1, 0.2, 0.3], [0.2, 0.5, 0.3], 0.1)]


@pytest.mark.parametrize(("logits", "target", "smoothing"), CASES)
def test_numpy_snippet_reproduces_the_loss(logits, target, smoothing, capsys):
    namespace = {}
    exec(loss_snippets(logits, target, smoothing)["NumPy"], namespace)
    expected = cross_entropy_loss(logits, np.asarray(target), label_smoothing=smoothing)
    assert namespace["loss"] == pytest.approx(expected, rel=1e-12)
    assert float(capsys.readouterr().out) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("logits", "target", "smoothing"), CASES)
def test_pytorch_snippet_states_the_same_inputs(logits, target, smoothing):
    code = loss_snippets(logits, target, smoothing)["PyTorch"]
    assert f"label_smoothing={float(smoothing)!r}" in code and "F.cross_entropy(" in code
    assert f"logits = torch.tensor([[{', '.join(repr(float(v)) for v in logits)}]], dtype=torch.float64)" in code
    if np.ndim(target) == 0:
        assert f"target = torch.tensor([{target}])" in code and f"class {target + 1}" in code
    else:
        assert f"torch.tensor([[{', '.join(repr(float(v)) for v in target)}]], dtype=torch.float64)" in code
    compile(code, "<PyTorch snippet>", "exec")  # valid Python, though the suite has no torch to run it


def test_both_snippets_are_offered():
    assert list(loss_snippets([0.0, 0.0], 1)) == ["PyTorch", "NumPy"]

"""Code a learner can copy: the loss on the screen, reproduced with PyTorch or plain NumPy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import numpy as np
import numpy.typing as npt

__all__ = ["loss_snippets"]


def _floats(values: Iterable[float]) -> str:
    return ", ".join(repr(float(v)) for v in values)


def loss_snippets(logits: npt.ArrayLike, target: npt.ArrayLike, label_smoothing: float = 0.0) -> dict[str, str]:
    """PyTorch and NumPy code that computes the cross-entropy loss of ``logits`` for ``target``.

    Parameters
    ----------
    logits : array_like, shape (C,)
    target : int or array_like
        A class index in [0, C) or a probability distribution over the C classes.
    label_smoothing : float

    Returns
    -------
    dict
        ``{"PyTorch": code, "NumPy": code}``; running the NumPy code leaves the loss, in nats, in
        a variable named ``loss``.

    Examples
    --------
    >>> namespace = {}
    >>> exec(loss_snippets([2.0, 0.5, -1.0], 0, 0.1)["NumPy"], namespace)
    0.391311296657157
    >>> round(float(namespace["loss"]), 6)
    0.391311
    """
    z = np.asarray(logits, dtype=float)
    n = z.size
    if np.ndim(target) == 0:
        index = cast(int, target)  # a number, or a 0-d array: int() reads either
        torch_target = f"torch.tensor([{int(index)}])  # class {int(index) + 1}: PyTorch counts classes from 0"
        numpy_target = f"p = (1 - eps) * np.eye({n})[{int(index)}] + eps / {n}  # one-hot, then smoothed"
    else:
        probabilities = cast("Iterable[float]", target)  # not 0-d: a sequence or an array, one entry per class
        torch_target = f"torch.tensor([[{_floats(probabilities)}]], dtype=torch.float64)  # a probability per class"
        numpy_target = f"p = (1 - eps) * np.array([{_floats(probabilities)}]) + eps / {n}"
    pytorch = f"""import torch
import torch.nn.functional as F

logits = torch.tensor([[{_floats(z)}]], dtype=torch.float64)
target = {torch_target}
loss = F.cross_entropy(logits, target, label_smoothing={float(label_smoothing)!r})
print(loss.item())  # in nats
"""
    numpy = f"""import numpy as np

logits = np.array([{_floats(z)}])
eps = {float(label_smoothing)!r}  # label smoothing
{numpy_target}
shifted = logits - logits.max()  # for stability: exp never overflows
log_q = shifted - np.log(np.exp(shifted).sum())  # log softmax
loss = -(p * log_q).sum()
print(loss)  # in nats
"""
    return {"PyTorch": pytorch, "NumPy": numpy}

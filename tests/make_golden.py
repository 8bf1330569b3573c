"""Regenerate the golden values in tests/golden/ with the real libraries (the test suite needs none).

pip install torch==2.13.0 keras && KERAS_BACKEND=torch python tests/make_golden.py
"""

import json
import os
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812

GOLDEN = Path(__file__).parent / "golden"
OUT = GOLDEN / "torch_losses.json"
#: (target p, prediction q) pairs for the binary losses, the ends included.
BINARY_CASES = [(1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (0.0, 0.0), (0.3, 0.65), (1.0, 0.5), (0.7, 1e-9), (0.5, 1 - 1e-12)]


def frameworks() -> None:
    """What torch.nn.BCELoss and Keras's binary_crossentropy report for probabilities at the edges."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    keras.config.set_floatx("float64")
    p = np.array([[case[0]] for case in BINARY_CASES])
    q = np.array([[case[1]] for case in BINARY_CASES])
    bce = torch.nn.BCELoss(reduction="none")(torch.tensor(q), torch.tensor(p)).numpy()[:, 0]
    keras_bce = keras.ops.convert_to_numpy(keras.losses.binary_crossentropy(p, q))
    payload = {
        "torch_version": torch.__version__,
        "keras_version": keras.__version__,
        "cases": [
            {"p": pi, "q": qi, "PyTorch BCELoss": float(t), "Keras": float(k)}
            for (pi, qi), t, k in zip(BINARY_CASES, bce, keras_bce, strict=True)
        ],
    }
    (GOLDEN / "frameworks.json").write_text(json.dumps(payload, indent=1) + "\n")


def main() -> None:
    rng = np.random.default_rng(20261124)
    logits = (rng.normal(size=(6, 4)) * 3).round(3)
    labels = np.array([0, 3, -100, 2, 1, 3])
    soft = rng.dirichlet(np.ones(4), size=6).round(6)
    soft[:, -1] = 1 - soft[:, :-1].sum(axis=1)
    weight = np.array([1.0, 2.0, 0.5, 3.0])
    cases = []
    for target in (labels, soft):
        for w in (None, weight):
            for smoothing in (0.0, 0.15):
                for reduction in ("mean", "sum", "none"):
                    kwargs = {"reduction": reduction, "label_smoothing": smoothing}
                    out = F.cross_entropy(
                        torch.tensor(logits),
                        torch.tensor(target),
                        weight=None if w is None else torch.tensor(w),
                        **kwargs,
                    )
                    cases.append(
                        {
                            "logits": logits.tolist(),
                            "target": target.tolist(),
                            "weight": None if w is None else w.tolist(),
                            **kwargs,
                            "expected": out.tolist(),
                        }
                    )
    extremes = [[1000.0, 0.0, -1000.0], [-50.0, 50.0, 0.0]]
    for reduction in ("mean", "none"):
        out = F.cross_entropy(torch.tensor(extremes), torch.tensor([2, 0]), reduction=reduction)
        cases.append(
            {
                "logits": extremes,
                "target": [2, 0],
                "weight": None,
                "reduction": reduction,
                "label_smoothing": 0.0,
                "expected": out.tolist(),
            }
        )
    unbatched = F.cross_entropy(torch.tensor([2.0, 0.5, -1.0], dtype=torch.float64), torch.tensor(1))
    cases.append(
        {
            "logits": [2.0, 0.5, -1.0],
            "target": 1,
            "weight": None,
            "reduction": "mean",
            "label_smoothing": 0.0,
            "expected": unbatched.item(),
        }
    )

    bce_cases = []
    x = np.array([-300.0, -20.0, -1.5, 0.0, 0.7, 20.0, 300.0])
    t = np.array([1.0, 1.0, 0.3, 0.5, 0.0, 0.0, 0.0])
    for pos_weight in (None, [2.5]):
        for reduction in ("mean", "sum", "none"):
            out = F.binary_cross_entropy_with_logits(
                torch.tensor(x),
                torch.tensor(t),
                pos_weight=None if pos_weight is None else torch.tensor(pos_weight, dtype=torch.float64),
                reduction=reduction,
            )
            bce_cases.append(
                {
                    "logits": x.tolist(),
                    "target": t.tolist(),
                    "pos_weight": pos_weight,
                    "reduction": reduction,
                    "expected": out.tolist(),
                }
            )

    payload = {
        "torch_version": torch.__version__,
        "cross_entropy": cases,
        "binary_cross_entropy_with_logits": bce_cases,
    }
    OUT.write_text(json.dumps(payload, indent=1) + "\n")
    frameworks()
    print(f"wrote {len(cases)} + {len(bce_cases)} cases to {OUT}, {len(BINARY_CASES)} to frameworks.json")


if __name__ == "__main__":
    main()

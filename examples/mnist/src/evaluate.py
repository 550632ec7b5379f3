"""Evaluates /models/model.npz on a held-out set and writes /results/metrics.json."""
import json
import os

import numpy as np

from data import forward, make_digits

SEED = int(os.environ.get("SEED", "0"))
MODELS = os.environ.get("MODELS_DIR", "/models")
RESULTS = os.environ.get("RESULTS_DIR", "/results")


def main() -> None:
    params = dict(np.load(os.path.join(MODELS, "model.npz")))
    x, y = make_digits(2000, seed=SEED + 1000)
    _, p = forward(params, x)
    metrics = {
        "accuracy": round(float(np.mean(p.argmax(1) == y)), 4),
        "loss": round(float(-np.mean(np.log(p[np.arange(len(y)), y] + 1e-12))), 4),
        "test_samples": int(len(y)),
    }
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()

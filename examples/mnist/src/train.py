"""Trains a small two-layer network on the digits and saves it to /models/model.npz."""
import json
import os
import time

import numpy as np

from data import forward, make_digits

SEED = int(os.environ.get("SEED", "0"))
EPOCHS = int(os.environ.get("EPOCHS", "30"))
HIDDEN = int(os.environ.get("HIDDEN", "64"))
MODELS = os.environ.get("MODELS_DIR", "/models")


def main() -> None:
    x, y = make_digits(6000, seed=SEED)
    rng = np.random.default_rng(SEED + 1)
    params = {
        "w1": rng.normal(0.0, 0.1, size=(64, HIDDEN)),
        "b1": np.zeros(HIDDEN),
        "w2": rng.normal(0.0, 0.1, size=(HIDDEN, 10)),
        "b2": np.zeros(10),
    }
    onehot = np.eye(10)[y]
    lr, batch = 0.05, 50
    start = time.time()
    for epoch in range(EPOCHS):
        order = rng.permutation(len(x))
        for i in range(0, len(x), batch):
            idx = order[i : i + batch]
            h, p = forward(params, x[idx])
            d2 = (p - onehot[idx]) / len(idx)
            d1 = (d2 @ params["w2"].T) * (h > 0)
            params["w2"] -= lr * h.T @ d2
            params["b2"] -= lr * d2.sum(axis=0)
            params["w1"] -= lr * x[idx].T @ d1
            params["b1"] -= lr * d1.sum(axis=0)
        if epoch % 10 == 9 or epoch == EPOCHS - 1:
            _, p = forward(params, x)
            loss = -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12))
            print(f"epoch {epoch + 1}/{EPOCHS}: train loss {loss:.4f}, train accuracy {np.mean(p.argmax(1) == y):.4f}")
    os.makedirs(MODELS, exist_ok=True)
    np.savez(os.path.join(MODELS, "model.npz"), **params)
    with open(os.path.join(MODELS, "train.json"), "w") as f:
        json.dump({"seed": SEED, "epochs": EPOCHS, "hidden": HIDDEN, "seconds": round(time.time() - start, 2)}, f)
    print(f"saved model to {MODELS}/model.npz")


if __name__ == "__main__":
    main()
